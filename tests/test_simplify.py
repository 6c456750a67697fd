"""simplify_coverage keeps a coverage a coverage; visible_tolerance follows the map's zoom."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

import dxmap
from dxmap.render.simplify import fit_zoom, simplify_coverage, visible_tolerance
from dxmap.errors import CRSError

VIETNAM = (102.14, 8.60, 109.45, 23.38)


def wiggly_coverage(n: int = 40, seed: int = 1) -> gpd.GeoDataFrame:
    """Voronoi cells in a 20 km square (UTM 48N) whose shared edges are densified and bent alike."""
    rng = np.random.default_rng(seed)
    square = shapely.box(500_000, 2_400_000, 520_000, 2_420_000)
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(rng.uniform(0, 20_000, (n, 2)) + [500_000, 2_400_000]),
                                                       extend_to=square))
    lines = shapely.segmentize(shapely.get_parts(shapely.union_all(shapely.boundary(shapely.intersection(cells, square)))), 20.0)

    def bend(xy: np.ndarray) -> np.ndarray:  # one smooth function of position: shared vertices move alike
        return xy + 60 * np.column_stack([np.sin(xy[:, 1] / 700), np.cos(xy[:, 0] / 900)])

    faces = shapely.get_parts(shapely.polygonize(shapely.transform(lines, bend)))
    return gpd.GeoDataFrame({"code": [f"{i:05d}" for i in range(len(faces))]}, geometry=faces, crs="EPSG:32648")


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    """Every test gets an empty simplify cache of its own (never the user's ~/.cache)."""
    monkeypatch.setenv("DXMAP_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture(scope="module")
def coverage() -> gpd.GeoDataFrame:
    gdf = wiggly_coverage()
    assert shapely.coverage_is_valid(gdf.geometry.values)  # the fixture itself is a coverage
    return gdf


def overlap_area(geoms: np.ndarray) -> float:
    left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    pairs = left < right
    return float(shapely.area(shapely.intersection(geoms[left[pairs]], geoms[right[pairs]])).sum())


def test_simplified_coverage_has_no_new_gaps_or_overlaps(coverage):
    out = simplify_coverage(coverage, tolerance=150)
    before, after = coverage.geometry.values, out.geometry.values
    assert shapely.get_num_coordinates(after).sum() < 0.25 * shapely.get_num_coordinates(before).sum()
    assert shapely.coverage_is_valid(after)
    assert shapely.is_valid(after).all()
    # No overlaps: neighbours meet along lines only.
    assert overlap_area(after) == pytest.approx(0, abs=1e-3)
    # No gaps: the union is one polygon without holes, and its area is the sum of the parts.
    union = shapely.union_all(after)
    assert union.geom_type == "Polygon" and len(union.interiors) == 0
    assert union.area == pytest.approx(shapely.area(after).sum(), rel=1e-9)
    # Each commune moved by the tolerance at most (Douglas–Peucker's tolerance is a distance).
    assert shapely.hausdorff_distance(before, after).max() < 150


def test_keeps_rows_columns_and_input(coverage):
    copy = coverage.copy()
    out = simplify_coverage(coverage, tolerance=100)
    assert list(out.columns) == list(coverage.columns) and (out.index == coverage.index).all()
    assert out["code"].tolist() == coverage["code"].tolist()
    assert coverage.geom_equals_exact(copy, tolerance=0).all()  # the input is untouched
    assert out.attrs["simplify_tolerance_m"] == 100


def test_zero_tolerance_changes_nothing(coverage):
    out = simplify_coverage(coverage, tolerance=0)
    assert shapely.get_num_coordinates(out.geometry.values).sum() == shapely.get_num_coordinates(coverage.geometry.values).sum()


def test_geographic_crs_tolerance_in_metres(coverage):
    metric = simplify_coverage(coverage, tolerance=150)
    lonlat = simplify_coverage(coverage.to_crs("EPSG:4326"), tolerance=150)
    n_metric = shapely.get_num_coordinates(metric.geometry.values).sum()
    n_lonlat = shapely.get_num_coordinates(lonlat.geometry.values).sum()
    assert shapely.coverage_is_valid(lonlat.geometry.values)
    # Degrees of longitude are shorter than 111 km: the geographic path errs on keeping a little more.
    assert n_metric <= n_lonlat < 1.6 * n_metric


def test_shared_polygon_rows_are_simplified_once_and_points_pass_through(coverage):
    shared = coverage.iloc[[0, 0, 1]].assign(code=["a", "b", "c"])  # two units drawn on one polygon
    points = gpd.GeoDataFrame({"code": ["p"]}, geometry=[shapely.Point(510_000, 2_410_000)], crs=coverage.crs)
    layer = gpd.GeoDataFrame(pd.concat([coverage.iloc[2:], shared, points], ignore_index=True), crs=coverage.crs)
    out = simplify_coverage(layer, tolerance=150)
    assert out.attrs["simplify"]["method"] == "arcs"
    geoms = out.set_index("code").geometry
    assert geoms["a"].equals_exact(geoms["b"], 0)
    assert geoms["p"].equals(shapely.Point(510_000, 2_410_000))
    assert shapely.coverage_is_valid(out[out["code"].ne("b") & out["code"].ne("p")].geometry.values)


def test_no_crs_is_an_error(coverage):
    with pytest.raises(CRSError, match="no CRS"):
        simplify_coverage(coverage.set_crs(None, allow_override=True))


def test_fit_zoom_mirrors_leaflet():
    assert fit_zoom((-180, -85.05, 180, 85.05), screen=(256, 256)) == 0
    assert fit_zoom(VIETNAM) == 6.0
    # Half the width at the same height: one zoom level deeper (when width is the limit).
    assert fit_zoom((100, 10, 101, 10.1), screen=(512, 2000)) == fit_zoom((100, 10, 101, 10.1), screen=(256, 2000)) + 1


def test_visible_tolerance_follows_the_zoom():
    national = visible_tolerance(VIETNAM)
    assert national == pytest.approx(280.6, abs=0.5)  # half a pixel at zoom 8 at 23.4° N
    assert visible_tolerance(VIETNAM, zoom_in=3) == pytest.approx(national / 2)
    assert visible_tolerance(VIETNAM, pixel_fraction=0.25) == pytest.approx(national / 2)
    laocai = visible_tolerance(dxmap.bundled_communes().total_bounds)
    assert 10 < laocai < 40 < national


def test_default_tolerance_is_the_visible_one():
    communes = dxmap.bundled_communes()
    out = simplify_coverage(communes)
    assert out.attrs["simplify_tolerance_m"] == pytest.approx(visible_tolerance(communes.total_bounds))
    assert out.attrs["simplify"]["fit_zoom"] == fit_zoom(communes.total_bounds)
    assert len(out) == 152 and out.loc[out["shared_polygon"], "geometry"].map(lambda g: g.wkb).nunique() == 1
    assert shapely.get_num_coordinates(out.geometry.values).sum() < shapely.get_num_coordinates(communes.geometry.values).sum()


def test_empty_and_missing_geometries_pass_through(coverage):
    layer = coverage.iloc[:3].copy()
    layer.loc[layer.index[1], "geometry"] = None
    layer.loc[layer.index[2], "geometry"] = shapely.Polygon()
    out = simplify_coverage(layer, tolerance=150)
    assert out.geometry.iloc[1] is None and out.geometry.iloc[2].is_empty
    assert shapely.get_num_coordinates(out.geometry.iloc[0]) < shapely.get_num_coordinates(layer.geometry.iloc[0])


def test_a_geos_failure_leaves_the_layer_unsimplified_and_says_so(coverage, monkeypatch, caplog):
    def fail(*args, **kwargs):
        raise shapely.errors.GEOSException("IllegalArgumentException: made up")

    monkeypatch.setattr(shapely, "coverage_simplify", fail)
    out = simplify_coverage(coverage, tolerance=150, method="geos")
    assert out.geom_equals_exact(coverage, tolerance=0).all()
    assert out.attrs["simplify_tolerance_m"] == 0.0 and "made up" in out.attrs["simplify"]["rule"]
    assert "full resolution" in caplog.text


def test_cache_gives_the_same_polygons_and_skips_geos(coverage, own_cache, monkeypatch):
    cold = simplify_coverage(coverage, tolerance=300.0, method="geos")
    assert cold.attrs["simplify"]["cache"] == "stored"
    assert len(list(own_cache.glob("simplified-*.npz"))) == 1

    def no_geos(*args, **kwargs):
        raise AssertionError("coverage_simplify called on a cache hit")

    monkeypatch.setattr(shapely, "coverage_simplify", no_geos)
    warm = simplify_coverage(coverage, tolerance=300.0, method="geos")
    assert warm.attrs["simplify"]["cache"] == "hit"
    assert shapely.equals_exact(warm.geometry.values, cold.geometry.values, tolerance=0).all()
    assert warm.attrs["simplify_tolerance_m"] == cold.attrs["simplify_tolerance_m"]


def test_cache_key_follows_the_input_and_the_tolerance(coverage, own_cache):
    simplify_coverage(coverage, tolerance=300.0, method="geos")
    simplify_coverage(coverage, tolerance=600.0, method="geos")  # another tolerance: another entry
    moved = coverage.copy()
    moved["geometry"] = moved.geometry.translate(xoff=1.0)
    assert simplify_coverage(moved, tolerance=300.0, method="geos").attrs["simplify"]["cache"] == "stored"
    assert len(list(own_cache.glob("simplified-*.npz"))) == 3


def test_cache_can_be_switched_off_and_survives_damage(coverage, own_cache, monkeypatch, caplog):
    assert simplify_coverage(coverage, tolerance=300.0, cache=False, method="geos").attrs["simplify"]["cache"] == "off"
    assert not own_cache.exists()
    monkeypatch.setenv("DXMAP_CACHE", "off")
    assert dxmap.render.simplify.cache_dir() is None
    assert simplify_coverage(coverage, tolerance=300.0, method="geos").attrs["simplify"]["cache"] == "off"
    folder = own_cache.parent / "elsewhere"
    first = simplify_coverage(coverage, tolerance=300.0, cache=folder, method="geos")
    (entry,) = folder.glob("simplified-*.npz")
    entry.write_bytes(b"not a cache file")
    with caplog.at_level("WARNING", logger="dxmap.render.simplify"):
        again = simplify_coverage(coverage, tolerance=300.0, cache=folder, method="geos")
    assert again.attrs["simplify"]["cache"] == "stored" and "unreadable" in caplog.text
    assert shapely.equals_exact(again.geometry.values, first.geometry.values, tolerance=0).all()


# --- The shared-arc method ("arcs") and its verified fallback ---------------------------------

def wavy(points: list[tuple[float, float]], step: float = 20.0, amplitude: float = 40.0) -> list[tuple[float, float]]:
    """The polyline through ``points`` densified every ``step`` m and bent by one smooth function of position."""
    line = shapely.segmentize(shapely.LineString(points), step)
    xy = shapely.get_coordinates(line)
    bent = xy + amplitude * np.column_stack([np.sin(xy[:, 1] / 300), np.cos(xy[:, 0] / 400)])
    return [tuple(p) for p in bent]


def circle(cx: float, cy: float, r: float, n: int = 120) -> list[tuple[float, float]]:
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    rr = r * (1 + 0.04 * np.sin(7 * t))
    return [(cx + a, cy + b) for a, b in zip(rr * np.cos(t), rr * np.sin(t))]


@pytest.fixture(scope="module")
def islands() -> gpd.GeoDataFrame:
    """An enclave in a hole, a commune with a lake, a two-part commune, a lone island and a tiny islet.

    Every edge is bent alike on both sides (one function of position), so the layer is a coverage.
    """
    south = wavy([(0, 0), (4000, 0), (8000, 0)])
    middle = wavy([(4000, 0), (4000, 4000)])
    north = wavy([(0, 4000), (4000, 4000), (8000, 4000)])
    west_a, west_d = wavy([(0, 4000), (0, 0)]), wavy([(0, 6000), (0, 4000)])
    east_c, east_d = wavy([(8000, 0), (8000, 4000)]), wavy([(8000, 4000), (8000, 6000)])
    top = wavy([(8000, 6000), (0, 6000)])
    i_mid = south.index(middle[0])
    hole = circle(2000, 2000, 800)
    i_top = north.index(middle[-1])
    a = shapely.Polygon(south[:i_mid + 1] + middle[1:] + north[:i_top + 1][::-1][1:] + west_a[1:], [hole])
    b = shapely.Polygon(hole[::-1])  # the enclave: the same ring, run the other way
    c = shapely.Polygon(south[i_mid:] + east_c[1:] + north[i_top:][::-1][1:] + middle[::-1][1:],
                        [circle(6000, 2000, 600)])
    d = shapely.MultiPolygon([shapely.Polygon(north + east_d[1:] + top[1:] + west_d[1:]),
                              shapely.Polygon(circle(12000, 3000, 700))])
    e = shapely.Polygon(circle(12000, 8000, 900))
    f = shapely.Polygon(circle(9000, 9000, 30, n=40))  # far smaller than the tolerance
    gdf = gpd.GeoDataFrame({"code": list("abcdef")}, geometry=[a, b, c, d, e, f], crs="EPSG:32648")
    assert shapely.is_valid(gdf.geometry.values).all() and shapely.coverage_is_valid(gdf.geometry.values)
    return gdf


def vertices(gdf: gpd.GeoDataFrame) -> int:
    return int(shapely.get_num_coordinates(gdf.geometry.values).sum())


def shared_length_balance(geoms: np.ndarray) -> float:
    """Sum of ring lengths − (2 × length of the boundaries' union − length of the layer's outline).

    0 when every edge is drawn exactly alike by the two polygons it separates.
    """
    boundaries = shapely.boundary(geoms)
    outline = shapely.length(shapely.boundary(shapely.union_all(geoms)))
    return float(shapely.length(boundaries).sum() - (2 * shapely.length(shapely.union_all(boundaries)) - outline))


@pytest.mark.parametrize("method", ["arcs", "auto"])
def test_arcs_keep_shared_edges_identical(coverage, method):
    out = simplify_coverage(coverage, tolerance=150, method=method)
    assert out.attrs["simplify"]["method"] == "arcs" and out.attrs["simplify"]["cache"] == "unused"
    before, after = coverage.geometry.values, out.geometry.values
    assert shapely.get_num_coordinates(after).sum() < 0.05 * shapely.get_num_coordinates(before).sum()
    assert shapely.coverage_is_valid(after) and shapely.is_valid(after).all()
    assert overlap_area(after) == pytest.approx(0, abs=1e-6)
    union = shapely.union_all(after)
    assert union.geom_type == "Polygon" and len(union.interiors) == 0
    assert union.area == pytest.approx(shapely.area(after).sum(), rel=1e-12)
    # Every edge is drawn twice exactly (once per side), apart from the layer's outline.
    assert abs(shared_length_balance(before)) < 1e-6 * shapely.length(shapely.boundary(before)).sum()
    assert abs(shared_length_balance(after)) < 1e-6 * shapely.length(shapely.boundary(after)).sum()
    # Douglas–Peucker: no boundary moves by more than the tolerance.
    distance = shapely.hausdorff_distance(before, after)
    assert distance.max() <= 150 and distance.max() > 50


def test_arcs_on_enclaves_holes_multipolygons_and_islands(islands):
    out = simplify_coverage(islands, tolerance=150, method="auto")
    assert out.attrs["simplify"]["method"] == "arcs" and "fallback" not in out.attrs["simplify"]
    before, after = islands.geometry.values, out.geometry.values
    assert shapely.coverage_is_valid(after) and shapely.is_valid(after).all() and not shapely.is_empty(after).any()
    assert list(shapely.get_type_id(after)) == list(shapely.get_type_id(before))  # a Polygon stays a Polygon
    geoms = dict(zip(out["code"], after))
    assert len(geoms["d"].geoms) == 2 and len(geoms["a"].interiors) == 1 and len(geoms["c"].interiors) == 1
    # The enclave and the hole around it are one ring, simplified once.
    hole = {tuple(p) for p in shapely.get_coordinates(geoms["a"].interiors[0])}
    assert hole == {tuple(p) for p in shapely.get_coordinates(geoms["b"].exterior)}
    assert 4 <= len(hole) < 40
    # Rings without any junction (an island part, a lone island) are simplified too.
    for code, n_max in (("d", 60), ("e", 40)):
        assert shapely.get_num_coordinates(geoms[code]) < n_max
    assert shapely.hausdorff_distance(before, after).max() <= 150
    # An islet smaller than the tolerance becomes a triangle of about its size (not a sliver).
    assert geoms["f"].geom_type == "Polygon" and shapely.get_num_coordinates(geoms["f"]) == 4
    assert geoms["f"].area > 0.25 * islands.geometry.iloc[5].area
    assert shapely.get_num_coordinates(after).sum() < 0.2 * shapely.get_num_coordinates(before).sum()


def test_an_arc_that_would_cross_its_own_polygon_comes_back_at_full_resolution():
    # The spike (100 m < tolerance) is straightened away by Douglas–Peucker, which would leave
    # the lake outside the commune: that commune's arcs come back at full resolution.
    shell = [(0, 0), (1000, 0), (1000, 1000), (600, 1000), (500, 1100), (400, 1000), (0, 1000)]
    spiky = shapely.Polygon(shell, [[(490, 1010), (510, 1010), (510, 1040), (490, 1040)]])
    other = shapely.Polygon(circle(5000, 5000, 900))
    layer = gpd.GeoDataFrame({"code": ["s", "o"]}, geometry=[spiky, other], crs="EPSG:32648")
    out = simplify_coverage(layer, tolerance=150, method="arcs")
    assert out.attrs["simplify"]["method"] == "arcs" and shapely.is_valid(out.geometry.values).all()
    assert out.geometry.iloc[0].equals(spiky)  # back as it was
    assert shapely.get_num_coordinates(out.geometry.iloc[1]) < 20  # the other one is simplified
    # Without the repair, the same arcs would give an invalid polygon.
    assert not shapely.is_valid(shapely.Polygon([(0, 0), (1000, 0), (1000, 1000), (0, 1000)], spiky.interiors))


def test_an_arc_that_would_cover_an_island_comes_back_at_full_resolution():
    # The bay (100 m deep < tolerance) is straightened away, which would put the island in the
    # bay inside the commune: the coverage check names both, and their arcs come back.
    bay = shapely.Polygon([(0, 0), (1000, 0), (1000, 1000), (600, 1000), (500, 900), (400, 1000), (0, 1000)])
    island = shapely.Polygon([(490, 960), (510, 960), (510, 990), (490, 990)])
    layer = gpd.GeoDataFrame({"code": ["bay", "island"]}, geometry=[bay, island], crs="EPSG:32648")
    assert shapely.coverage_is_valid(layer.geometry.values)
    out = simplify_coverage(layer, tolerance=150)
    assert out.attrs["simplify"]["method"] == "arcs" and "fallback" not in out.attrs["simplify"]
    assert out.geometry.iloc[0].equals(bay) and out.geometry.iloc[1].equals(island)
    assert shapely.coverage_is_valid(out.geometry.values)


def test_a_polygon_that_would_collapse_keeps_its_shape():
    # A 40 m bump on the outline, 10 m high: simplified at 150 m, its ring would be a line
    # there and back; its outer arc stays as it was, and its neighbour still fits it exactly.
    bump = [(480 + 40 * t, 1000 + 10 * np.sin(np.pi * t)) for t in np.linspace(0, 1, 30)]
    top = [(1000, 1000)] + bump[::-1][:1] + bump[:1][::-1] + [(0, 1000)]
    square = shapely.Polygon(wavy([(0, 0), (1000, 0), (1000, 1000)])[:-1] + top)
    small = shapely.Polygon(bump + [(480, 1000)])
    layer = gpd.GeoDataFrame({"code": ["square", "bump"]}, geometry=[square, small], crs="EPSG:32648")
    assert shapely.coverage_is_valid(layer.geometry.values)
    out = simplify_coverage(layer, tolerance=150, method="arcs")
    after = out.geometry.values
    assert shapely.is_valid(after).all() and shapely.coverage_is_valid(after)
    assert after[1].equals(small)  # back at full resolution
    assert shapely.get_num_coordinates(after[0]) < 0.5 * shapely.get_num_coordinates(square)


def test_not_a_coverage_falls_back_to_geos_and_says_so(caplog):
    overlapping = gpd.GeoDataFrame({"code": ["x", "y"]}, crs="EPSG:32648", geometry=[
        shapely.Polygon(wavy([(0, 0), (2000, 0), (2000, 2000), (0, 2000), (0, 0)])[:-1]),
        shapely.Polygon(wavy([(1000, 1000), (3000, 1000), (3000, 3000), (1000, 3000), (1000, 1000)])[:-1])])
    assert not shapely.coverage_is_valid(overlapping.geometry.values)
    with caplog.at_level("INFO", logger="dxmap.render.simplify"):
        auto = simplify_coverage(overlapping, tolerance=150)
    assert auto.attrs["simplify"]["method"] == "geos"
    assert "not a valid coverage" in auto.attrs["simplify"]["fallback"]
    assert "GEOS instead" in caplog.text and "rows 0, 1" in caplog.text
    assert vertices(auto) < vertices(overlapping)
    caplog.clear()
    arcs = simplify_coverage(overlapping, tolerance=150, method="arcs")  # no fallback: a warning instead
    assert arcs.attrs["simplify"]["method"] == "arcs" and arcs.attrs["simplify"]["coverage_valid"] == "no"
    assert "gaps or overlaps" in caplog.text


def test_arcs_and_geos_simplify_to_the_same_ballpark(coverage):
    n_arcs = vertices(simplify_coverage(coverage, tolerance=150, method="arcs"))
    n_geos = vertices(simplify_coverage(coverage, tolerance=150, method="geos"))
    # At one tolerance Douglas–Peucker (a distance) removes more than Visvalingam–Whyatt (√area).
    assert n_geos / 3 < n_arcs <= n_geos


def test_unknown_method_is_an_error(coverage):
    with pytest.raises(ValueError, match="method must be one of"):
        simplify_coverage(coverage, tolerance=150, method="fast")


def test_rings_match_shapely_ragged_arrays(islands):
    from dxmap.render.simplify import _rings

    for geoms in (islands.geometry.values[[4, 5]], islands.geometry.values[[0, 2, 4]], islands.geometry.values):
        mine, theirs = _rings(np.asarray(geoms)), shapely.to_ragged_array(np.asarray(geoms))
        assert mine[0] == theirs[0] and np.array_equal(mine[1], theirs[1])
        assert len(mine[2]) == len(theirs[2]) and all(np.array_equal(a, b) for a, b in zip(mine[2], theirs[2]))


def test_each_shared_edge_is_simplified_once(coverage, monkeypatch):
    lines = []
    simplify = shapely.simplify

    def counting(geoms, *args, **kwargs):
        lines.append(np.asarray(geoms))
        return simplify(geoms, *args, **kwargs)

    monkeypatch.setattr(shapely, "simplify", counting)
    shared = coverage.iloc[[0, 0, 1]].assign(code=["a", "b", "c"])  # Sa Pa: two units drawn on one polygon
    layer = gpd.GeoDataFrame(pd.concat([coverage.iloc[2:], shared], ignore_index=True), crs=coverage.crs)
    out = simplify_coverage(layer, tolerance=150, method="arcs")
    # The arcs are the boundaries' edges between the points where three faces meet (or the outline).
    edges = shapely.get_parts(shapely.line_merge(shapely.union_all(shapely.boundary(coverage.geometry.values))))
    (simplified,) = lines
    assert len(simplified) == len(edges) > len(coverage)
    assert shapely.get_num_coordinates(simplified).sum() == shapely.get_num_coordinates(edges).sum()
    assert out.attrs["simplify"]["method"] == "arcs"

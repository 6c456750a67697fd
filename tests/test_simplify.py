"""simplify_coverage keeps a coverage a coverage; visible_tolerance follows the map's zoom."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

import dxmap
from dxmap.simplify import fit_zoom, simplify_coverage, visible_tolerance

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
    # Each commune moved by about the tolerance at most (GEOS's tolerance is an area-based measure).
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
    geoms = out.set_index("code").geometry
    assert geoms["a"].equals_exact(geoms["b"], 0)
    assert geoms["p"].equals(shapely.Point(510_000, 2_410_000))
    assert shapely.coverage_is_valid(out[out["code"].ne("b") & out["code"].ne("p")].geometry.values)


def test_no_crs_is_an_error(coverage):
    with pytest.raises(dxmap.CRSError, match="no CRS"):
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
    laocai = visible_tolerance(dxmap.load_communes().total_bounds)
    assert 10 < laocai < 40 < national


def test_default_tolerance_is_the_visible_one():
    communes = dxmap.load_communes()
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
    out = simplify_coverage(coverage, tolerance=150)
    assert out.geom_equals_exact(coverage, tolerance=0).all()
    assert out.attrs["simplify_tolerance_m"] == 0.0 and "made up" in out.attrs["simplify"]["rule"]
    assert "full resolution" in caplog.text


def test_cache_gives_the_same_polygons_and_skips_geos(coverage, own_cache, monkeypatch):
    cold = simplify_coverage(coverage, tolerance=300.0)
    assert cold.attrs["simplify"]["cache"] == "stored"
    assert len(list(own_cache.glob("simplified-*.npz"))) == 1

    def no_geos(*args, **kwargs):
        raise AssertionError("coverage_simplify called on a cache hit")

    monkeypatch.setattr(shapely, "coverage_simplify", no_geos)
    warm = simplify_coverage(coverage, tolerance=300.0)
    assert warm.attrs["simplify"]["cache"] == "hit"
    assert shapely.equals_exact(warm.geometry.values, cold.geometry.values, tolerance=0).all()
    assert warm.attrs["simplify_tolerance_m"] == cold.attrs["simplify_tolerance_m"]


def test_cache_key_follows_the_input_and_the_tolerance(coverage, own_cache):
    simplify_coverage(coverage, tolerance=300.0)
    simplify_coverage(coverage, tolerance=600.0)  # another tolerance: another entry
    moved = coverage.copy()
    moved["geometry"] = moved.geometry.translate(xoff=1.0)
    assert simplify_coverage(moved, tolerance=300.0).attrs["simplify"]["cache"] == "stored"
    assert len(list(own_cache.glob("simplified-*.npz"))) == 3


def test_cache_can_be_switched_off_and_survives_damage(coverage, own_cache, monkeypatch, caplog):
    assert simplify_coverage(coverage, tolerance=300.0, cache=False).attrs["simplify"]["cache"] == "off"
    assert not own_cache.exists()
    monkeypatch.setenv("DXMAP_CACHE", "off")
    assert dxmap.simplify.cache_dir() is None
    assert simplify_coverage(coverage, tolerance=300.0).attrs["simplify"]["cache"] == "off"
    folder = own_cache.parent / "elsewhere"
    first = simplify_coverage(coverage, tolerance=300.0, cache=folder)
    (entry,) = folder.glob("simplified-*.npz")
    entry.write_bytes(b"not a cache file")
    with caplog.at_level("WARNING", logger="dxmap.simplify"):
        again = simplify_coverage(coverage, tolerance=300.0, cache=folder)
    assert again.attrs["simplify"]["cache"] == "stored" and "unreadable" in caplog.text
    assert shapely.equals_exact(again.geometry.values, first.geometry.values, tolerance=0).all()

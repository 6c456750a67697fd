"""simplify_outlines moves no boundary by more than the tolerance, leaves no visible gap or overlap
between neighbours (exact or jittered), drops nothing; visible_tolerance follows the map's zoom."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

import dxmap
from dxmap.errors import CRSError, SchemaError
from dxmap.render.simplify import fit_zoom, layer_tolerance, simplify_outlines, visible_tolerance

VIETNAM = (102.14, 8.60, 109.45, 23.38)
TOL = 150.0  # metres: half a pixel at the zoom the test pretends to draw, so a pixel is 300 m
SQUARE = shapely.box(500_000, 2_400_000, 520_000, 2_420_000)


def wiggly_coverage(n: int = 40, seed: int = 1) -> gpd.GeoDataFrame:
    """Voronoi cells in a 20 km square (UTM 48N) whose shared edges are densified and bent alike."""
    rng = np.random.default_rng(seed)
    x0, y0 = SQUARE.bounds[:2]
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(rng.uniform(0, 20_000, (n, 2)) + [x0, y0]),
                                                       extend_to=SQUARE))
    lines = shapely.segmentize(shapely.get_parts(shapely.union_all(shapely.boundary(shapely.intersection(cells, SQUARE)))), 20.0)

    def bend(xy: np.ndarray) -> np.ndarray:  # one smooth function of position: shared vertices move alike
        return xy + 60 * np.column_stack([np.sin(xy[:, 1] / 700), np.cos(xy[:, 0] / 900)])

    faces = shapely.get_parts(shapely.polygonize(shapely.transform(lines, bend)))
    return gpd.GeoDataFrame({"code": [f"{i:05d}" for i in range(len(faces))]}, geometry=faces, crs="EPSG:32648")


def jittered(gdf: gpd.GeoDataFrame, metres: float, seed: int = 2) -> gpd.GeoDataFrame:
    """Every vertex of every polygon moved independently by up to ``metres``, as hand-digitised files are."""
    rng = np.random.default_rng(seed)
    kind, xy, offsets = shapely.to_ragged_array(gdf.geometry.values)
    r, angle = metres * np.sqrt(rng.uniform(0, 1, len(xy))), rng.uniform(0, 2 * np.pi, len(xy))
    xy = xy + np.column_stack([r * np.cos(angle), r * np.sin(angle)])
    xy[offsets[0][1:] - 1] = xy[offsets[0][:-1]]  # rings stay closed
    return gdf.set_geometry(shapely.from_ragged_array(kind, xy, offsets))


@pytest.fixture(scope="module")
def coverage() -> gpd.GeoDataFrame:
    gdf = wiggly_coverage()
    assert shapely.coverage_is_valid(gdf.geometry.values)  # the fixture itself is an exact coverage
    return gdf


def vertices(gdf: gpd.GeoDataFrame) -> int:
    return int(shapely.get_num_coordinates(gdf.geometry.values).sum())


def widest(parts: np.ndarray) -> float:
    """The width of the widest of these areas: the diameter of the largest circle inside any of them."""
    parts = shapely.get_parts(shapely.make_valid(parts))
    parts = parts[(shapely.get_type_id(parts) == 3) & (shapely.area(parts) > 0)]
    if not len(parts):
        return 0.0
    return float(2 * shapely.length(shapely.maximum_inscribed_circle(parts, tolerance=0.01)).max())


def widest_gap_and_overlap(geoms: np.ndarray) -> tuple[float, float]:
    """Widest gap between neighbours (inside the square, away from its edge) and widest overlap, in metres."""
    valid = shapely.make_valid(geoms)
    gaps = shapely.difference(SQUARE.buffer(-3 * TOL), shapely.union_all(valid))
    left, right = shapely.STRtree(valid).query(valid, predicate="intersects")
    pairs = left < right
    overlaps = shapely.intersection(valid[left[pairs]], valid[right[pairs]])
    return widest(np.array([gaps])), widest(overlaps)


@pytest.mark.parametrize("jitter", [0.0, 10.0])
def test_no_visible_gap_or_overlap_between_neighbours(coverage, jitter):
    layer = jittered(coverage, jitter) if jitter else coverage
    out = simplify_outlines(layer, tolerance=TOL)
    before, after = layer.geometry.values, out.geometry.values
    assert vertices(out) < 0.2 * vertices(layer)
    # No boundary moved by more than the tolerance (Douglas–Peucker's tolerance is a distance).
    assert shapely.hausdorff_distance(before, after).max() <= TOL
    # Neighbours simplified apart leave gaps and overlaps narrower than a pixel (2 × TOL) beyond
    # those of the input (none in the exact coverage; up to 2 × jitter wide when jittered).
    gap_in, overlap_in = widest_gap_and_overlap(np.asarray(before))
    gap, overlap = widest_gap_and_overlap(np.asarray(after))
    assert gap_in <= 2 * jitter and overlap_in <= 2 * jitter
    assert 0 < gap < 2 * TOL + gap_in and 0 < overlap < 2 * TOL + overlap_in
    assert shapely.union_all(shapely.make_valid(after)).difference(SQUARE.buffer(-3 * TOL)).area > 0  # not a vacuous check


def test_keeps_rows_columns_types_and_input(coverage):
    copy = coverage.copy()
    out = simplify_outlines(coverage, tolerance=100)
    assert list(out.columns) == list(coverage.columns) and (out.index == coverage.index).all()
    assert out["code"].tolist() == coverage["code"].tolist() and out.crs == coverage.crs
    assert coverage.geom_equals_exact(copy, tolerance=0).all()  # the input is untouched
    # Every simplified vertex is one of the input's.
    kept = {tuple(p) for p in shapely.get_coordinates(out.geometry.values)}
    assert kept <= {tuple(p) for p in shapely.get_coordinates(coverage.geometry.values)}


def test_zero_tolerance_changes_nothing(coverage):
    out = simplify_outlines(coverage, tolerance=0)
    assert out.geom_equals_exact(coverage, tolerance=0).all()


def test_negative_tolerance_and_missing_crs_are_errors(coverage):
    with pytest.raises(SchemaError, match="tolerance=-1"):
        simplify_outlines(coverage, tolerance=-1)
    with pytest.raises(CRSError, match="no CRS"):
        simplify_outlines(coverage.set_crs(None, allow_override=True))


def test_geographic_crs_tolerance_in_metres(coverage):
    metric = simplify_outlines(coverage, tolerance=TOL)
    lonlat = simplify_outlines(coverage.to_crs("EPSG:4326"), tolerance=TOL)
    # Degrees of longitude are shorter than 111 km: the geographic path errs on keeping a little more.
    assert vertices(metric) <= vertices(lonlat) < 1.6 * vertices(metric)


def circle(cx: float, cy: float, r: float, n: int = 120) -> list[tuple[float, float]]:
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    rr = r * (1 + 0.04 * np.sin(7 * t))
    return [(cx + a, cy + b) for a, b in zip(rr * np.cos(t), rr * np.sin(t))]


def test_nothing_is_dropped_and_each_geometry_keeps_its_type():
    holed = shapely.Polygon(circle(0, 0, 3000), [circle(0, 0, 800), circle(1800, 0, 60, n=40)])  # a lake, a pond
    two_parts = shapely.MultiPolygon([shapely.Polygon(circle(9000, 0, 2000)), shapely.Polygon(circle(13000, 0, 50, n=40))])
    islet = shapely.Polygon(circle(20000, 0, 30, n=40))  # far smaller than the tolerance
    layer = gpd.GeoDataFrame({"code": list("abcdefg")}, crs="EPSG:32648", geometry=[
        holed, two_parts, islet, shapely.Point(1, 2), shapely.LineString(circle(0, 9000, 500)), None, shapely.Polygon()])
    out = simplify_outlines(layer, tolerance=TOL)
    before, after = layer.geometry.values, out.geometry.values
    assert list(shapely.get_type_id(after)) == list(shapely.get_type_id(before))
    assert list(shapely.get_num_geometries(after)) == list(shapely.get_num_geometries(before))
    assert shapely.get_num_interior_rings(after[0]) == 2
    assert shapely.get_num_coordinates(after[0]) < 0.5 * shapely.get_num_coordinates(before[0])
    # A ring that would collapse (the pond, the islet part, the islet) keeps its vertices.
    assert after[0].interiors[1].equals(before[0].interiors[1])
    assert after[1].geoms[1].equals(before[1].geoms[1]) and after[2].equals(before[2])
    # Points, lines, missing and empty geometries pass through.
    assert after[3].equals(before[3]) and after[4].equals(before[4])
    assert after[5] is None and after[6].is_empty


def test_a_self_intersecting_polygon_keeps_both_lobes():
    # A figure eight drawn as one ring: a per-polygon simplifier repairs it by buffering and loses a lobe.
    t = np.linspace(0, 2 * np.pi, 400, endpoint=False)
    eight = shapely.Polygon(np.column_stack([5000 * np.sin(t), 2500 * np.sin(2 * t)]))
    assert not eight.is_valid
    layer = gpd.GeoDataFrame({"code": ["8"]}, geometry=[eight], crs="EPSG:32648")
    out = simplify_outlines(layer, tolerance=TOL).geometry.iloc[0]
    assert shapely.get_num_coordinates(out) < 60
    assert shapely.hausdorff_distance(out, eight) <= TOL
    assert np.allclose(out.bounds, eight.bounds, atol=TOL)


def test_z_coordinates_are_dropped_from_polygons(coverage):
    with_z = coverage.iloc[:3].set_geometry(shapely.force_3d(coverage.geometry.values[:3], 7.0))
    out = simplify_outlines(with_z, tolerance=TOL)
    assert not shapely.has_z(out.geometry.values).any()
    assert vertices(out) < vertices(with_z)


def test_shared_polygon_rows_are_simplified_alike(coverage):
    shared = coverage.iloc[[0, 0, 1]].assign(code=["a", "b", "c"])  # two units drawn on one polygon (Sa Pa)
    layer = gpd.GeoDataFrame(pd.concat([coverage.iloc[2:], shared], ignore_index=True), crs=coverage.crs)
    geoms = simplify_outlines(layer, tolerance=TOL).set_index("code").geometry
    assert geoms["a"].equals_exact(geoms["b"], 0)


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
    tol, info = layer_tolerance(communes)
    assert tol == pytest.approx(visible_tolerance(communes.total_bounds)) and info["fit_zoom"] == fit_zoom(communes.total_bounds)
    out = simplify_outlines(communes)
    assert out.geom_equals_exact(simplify_outlines(communes, tolerance=tol), tolerance=0).all()
    assert len(out) == 152 and out.loc[out["shared_polygon"], "geometry"].map(lambda g: g.wkb).nunique() == 1
    assert vertices(out) < vertices(communes)
    assert layer_tolerance(communes.iloc[:0]) == (None, {"rule": "empty layer"})

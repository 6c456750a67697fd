"""Outlines simplified for drawing only: ring by ring, by less than a pixel at the zoom drawn.

A national commune layer has about three million vertices; at the zoom that fits Vietnam on a
screen a pixel covers about two kilometres, so nearly all of them are invisible, yet they make
the page large and slow to draw. :func:`simplify_outlines` simplifies each ring of each polygon on
its own by Douglas–Peucker (:func:`shapely.simplify` of the rings): no vertex drawn is farther
than the tolerance from the input boundary, whatever the input (an exact coverage,
neighbours whose shared edges were digitised twice, rings that cross themselves), nothing is
dropped (a ring that would collapse keeps its vertices), and the cost is linear in vertices.

The tolerance is tied to what can be seen (:func:`visible_tolerance`): half a screen pixel at the
zoom two levels deeper than the one that fits the data on the screen. Neighbours simplified apart
may then leave gaps or overlaps of up to twice the tolerance between them: under one pixel two
levels in, a quarter of a pixel at the first view, and narrower than the 0.7 px stroke the map
draws along every commune outline.

Why ring by ring (measured on the synthetic national sets of ``bench/``: 10,600 communes, 2.96 M
vertices, at the national tolerance of 281 m; the widest gap or overlap between neighbours is the
diameter of the largest circle inside it, among ~600 communes in the north, in pixels at the
fitting zoom 6 / at zoom 8; the shared-arc and GEOS rows were measured when commit 5110a3c replaced them, and
bench/ no longer runs them):

| method | exact coverage | every vertex moved ≤ 20 m | gaps, overlaps |
|---|---|---|---|
| per ring (this module) | 0.04 µs/vertex, 82 k kept | 0.04 µs/vertex, 83 k kept | gap ≤ 0.19 / 0.74 px, overlap ≤ 0.13 / 0.53 px |
| shared arcs (TopoJSON) | 0.18 µs/vertex, 85 k kept | no result | none |
| GEOS `coverage_simplify` | 1.1–2.3 µs/vertex, 195 k kept | 5.4 µs/vertex, 779 k kept | none on a valid coverage |

Shared arcs keep neighbours gap-free only when their shared vertices are bit-identical, which
hand-digitised files never are; snapping vertices first (as mapshaper does) needs a snapping
distance above the digitising error (up to 40 m between two vertices jittered by 20 m), more than
the 21 m tolerance of a province map, and where snapping merges vertices of one ring the arcs
break. GEOS's coverage simplification is 30–150 times slower and keeps 2–9 times as many vertices.
Per-polygon :func:`shapely.simplify` is about as fast, but repairs its invalid results by
buffering, which drops a lobe of a self-intersecting input (or of a polygon whose simplified
outline crosses itself at a narrow neck), and it drops polygons smaller than the tolerance.
"""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import shapely

from dxmap.errors import CRSError, SchemaError

__all__ = ["simplify_outlines", "layer_tolerance", "visible_tolerance", "fit_zoom", "SCREEN"]

SCREEN = (1280, 720)  # a laptop browser window, in CSS pixels
_EARTH_CIRCUMFERENCE_M = 40_075_016.686  # WGS84 equator: what web-mercator zoom levels are defined on
_METRES_PER_DEGREE_LAT = 111_320.0
_TILE = 256


def _mercator_y(lat: float) -> float:
    lat = max(min(lat, 85.0511), -85.0511)
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def fit_zoom(
    bounds: tuple[float, float, float, float] | np.ndarray,
    *,
    screen: tuple[int, int] = SCREEN,
    zoom_snap: float = 0.25,
    max_zoom: float = 18,
) -> float:
    """The web-mercator zoom at which Leaflet's ``fitBounds`` shows ``bounds`` (lon/lat) on ``screen``.

    Mirrors ``L.Map.getBoundsZoom``: the largest zoom, rounded down to ``zoom_snap``, at which the
    bounds fit in the ``(width, height)`` window.
    """
    minx, miny, maxx, maxy = (float(v) for v in bounds)
    width_px0 = max(maxx - minx, 1e-9) / 360 * _TILE
    height_px0 = max(_mercator_y(maxy) - _mercator_y(miny), 1e-9) / (2 * math.pi) * _TILE
    zoom = math.log2(min(screen[0] / width_px0, screen[1] / height_px0))
    zoom = math.floor(zoom / zoom_snap) * zoom_snap
    return float(min(max(zoom, 0.0), max_zoom))


def visible_tolerance(
    bounds: tuple[float, float, float, float] | np.ndarray,
    *,
    pixel_fraction: float = 0.5,
    zoom_in: float = 2,
    screen: tuple[int, int] = SCREEN,
) -> float:
    """A simplification tolerance in metres that stays invisible on the map of ``bounds``.

    Parameters
    ----------
    bounds
        ``(minx, miny, maxx, maxy)`` in longitude/latitude (``GeoDataFrame.total_bounds`` in EPSG:4326).
    pixel_fraction
        The fraction of a screen pixel a boundary may move.
    zoom_in
        How many zoom levels deeper than the fitting zoom the tolerance must stay below
        ``pixel_fraction`` of a pixel (each level halves the pixel).
    screen
        Browser window in CSS pixels.

    Returns
    -------
    float
        Metres: ``pixel_fraction`` × the ground size of a pixel at zoom ``fit_zoom(bounds) + zoom_in``,
        at the latitude of ``bounds`` farthest from the equator (where pixels are smallest).

    Examples
    --------
    Vietnam's mainland (102.1–109.5 E, 8.6–23.4 N) fits a 1280×720 window at zoom 6; with the
    defaults the tolerance is about 280 m, an eighth of a pixel at that zoom. Lào Cai fits at
    zoom 9.75 and gets about 21 m.
    """
    zoom = fit_zoom(bounds, screen=screen) + zoom_in
    lat = max(abs(float(bounds[1])), abs(float(bounds[3])))
    metres_per_px = _EARTH_CIRCUMFERENCE_M * math.cos(math.radians(min(lat, 85.0511))) / (_TILE * 2**zoom)
    return pixel_fraction * metres_per_px


def layer_tolerance(
    gdf: gpd.GeoDataFrame,
    *,
    pixel_fraction: float = 0.5,
    zoom_in: float = 2,
    screen: tuple[int, int] = SCREEN,
) -> tuple[float | None, dict[str, float | str]]:
    """The tolerance :func:`simplify_outlines` picks for ``gdf`` by default (:func:`visible_tolerance`
    of its bounds), in metres, and how it was chosen; None for a layer without coordinates."""
    _crs_units_per_metre(gdf)  # raises for a layer without a CRS: its bounds are in no known unit
    lonlat = gdf.geometry if gdf.crs.is_geographic else gdf.geometry.to_crs("EPSG:4326")
    bounds = lonlat.total_bounds
    if not np.all(np.isfinite(bounds)):
        return None, {"rule": "empty layer"}
    zoom = fit_zoom(bounds, screen=screen)
    return visible_tolerance(bounds, pixel_fraction=pixel_fraction, zoom_in=zoom_in, screen=screen), {
        "fit_zoom": zoom, "exact_to_zoom": zoom + zoom_in, "pixel_fraction": pixel_fraction,
        "screen": f"{screen[0]}x{screen[1]}",
        "rule": f"{pixel_fraction:g} px at zoom {zoom + zoom_in:g} (fit zoom {zoom:g} + {zoom_in:g})"}


def simplify_outlines(
    gdf: gpd.GeoDataFrame,
    *,
    tolerance: float | None = None,
    pixel_fraction: float = 0.5,
    zoom_in: float = 2,
    screen: tuple[int, int] = SCREEN,
) -> gpd.GeoDataFrame:
    """A copy of ``gdf`` whose polygons are simplified for drawing, each ring on its own.

    Parameters
    ----------
    gdf
        Communes, districts or village areas, in any CRS with a known unit.
    tolerance
        In metres: how far a boundary may move. Default :func:`visible_tolerance` of the layer's
        bounds with ``pixel_fraction``, ``zoom_in`` and ``screen``.
    pixel_fraction, zoom_in, screen
        Passed to :func:`visible_tolerance` when ``tolerance`` is None.

    Returns
    -------
    geopandas.GeoDataFrame
        The same rows and columns; every ring of every (multi)polygon simplified by Douglas–Peucker
        (its vertices a subset of the input's, none of the input farther than ``tolerance`` from it);
        a ring that would collapse to a line is kept as it was. Points, lines, empty
        and missing geometries are unchanged; z coordinates are dropped from the polygons.

    Notes
    -----
    For drawing only: neighbours are simplified apart, so they may overlap or leave gaps of up to
    twice the tolerance between them (under a pixel at the default tolerance), and a ring may
    touch or cross itself or another where the input comes within the tolerance of it.
    """
    units_per_m = _crs_units_per_metre(gdf)
    if tolerance is None:
        tolerance = layer_tolerance(gdf, pixel_fraction=pixel_fraction, zoom_in=zoom_in, screen=screen)[0] or 0.0
    if not tolerance >= 0:  # also NaN
        raise SchemaError(f"tolerance={tolerance!r}: give a distance in metres ≥ 0 (0 leaves the outlines as they are).")
    out = gdf.copy()
    if tolerance > 0:
        geoms = np.asarray(gdf.geometry.values)
        kinds, present = shapely.get_type_id(geoms), ~shapely.is_empty(geoms) & ~shapely.is_missing(geoms)
        simplified = geoms.copy()
        for kind in (shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON):  # each keeps its type
            mine = np.flatnonzero(present & (kinds == kind))
            if len(mine):
                simplified[mine] = _simplify_rings(geoms[mine], tolerance * units_per_m)
        out[gdf.geometry.name] = gpd.GeoSeries(simplified, index=gdf.index, crs=gdf.crs)
    return out


def _simplify_rings(polys: np.ndarray, tolerance: float) -> np.ndarray:
    """Polygons or multipolygons (one type), each ring simplified on its own, ``tolerance`` in the CRS's units."""
    multi = shapely.get_type_id(polys[0]) == shapely.GeometryType.MULTIPOLYGON
    parts, part_owner = shapely.get_parts(polys, return_index=True) if multi else (polys, None)
    rings, ring_owner = shapely.get_rings(parts, return_index=True)
    simple = shapely.simplify(rings, tolerance, preserve_topology=False)
    collapsed = shapely.get_type_id(simple) != shapely.GeometryType.LINEARRING  # GEOS gives a line there and back
    simple[collapsed] = rings[collapsed]
    out = shapely.polygons(shapely.force_2d(simple), indices=ring_owner)  # a part's first ring is its shell
    return shapely.multipolygons(out, indices=part_owner) if multi else out


def _crs_units_per_metre(gdf: gpd.GeoDataFrame) -> float:
    crs = gdf.crs
    if crs is None:
        raise CRSError("the layer has no CRS, so a tolerance in metres means nothing. "
                       "Set one first (gdf.set_crs('EPSG:4326')) or read it with dxmap.read_boundaries().")
    if crs.is_geographic:
        return 1 / _METRES_PER_DEGREE_LAT  # a degree of longitude is shorter: this errs on the small side
    factor = crs.axis_info[0].unit_conversion_factor if crs.axis_info else 1.0
    return 1 / factor

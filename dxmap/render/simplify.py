"""Simplifying boundary layers for the map without visible loss, and without gaps between neighbours.

A national commune layer has about three million vertices; drawn at the zoom that fits Vietnam on
a screen, one pixel covers several kilometres, so almost all of them are invisible yet make the
page huge and slow. :func:`simplify_coverage` simplifies the whole layer at once so that an edge
shared by two communes is simplified once and stays shared: no new gaps or overlaps.

It does so as TopoJSON and mapshaper do (``method="arcs"``): the boundaries are cut into arcs at
the junctions (where three communes meet, or a shared edge meets the layer's outline), found with
numpy from which vertices are identical; each distinct arc is simplified once by Douglas–Peucker
(:func:`shapely.simplify`, junctions stay put) and the polygons are rebuilt from the arcs. The
result is verified (valid polygons, then :func:`shapely.coverage_invalid_edges`); a polygon that
came out invalid gets its arcs back at full resolution, and a layer that is not a valid coverage
to begin with is simplified by :func:`shapely.coverage_simplify` (GEOS) instead, as before. On the
national layer the arcs take about 0.15 µs per input vertex (verification included), GEOS 1.2–1.5 µs.

The tolerance is tied to what can be seen (:func:`visible_tolerance`): a fraction of a screen
pixel at the zoom that is ``zoom_in`` levels deeper than the zoom that fits the data on the
screen. With the defaults (half a pixel, two levels) the simplification is below half a pixel at
the first view and after zooming in twice, i.e. invisible; at the zoom that fits the data it is
an eighth of a pixel. A district map gets a much smaller tolerance than a national one, because
its fitting zoom is deeper. Douglas–Peucker's tolerance bounds how far a boundary moves; GEOS's
(Visvalingam–Whyatt) is the square root of the area of the triangles removed, which moves
boundaries less than the tolerance and keeps about twice as many vertices.

GEOS's simplification of a national layer takes seconds, so its result is cached on disk, keyed
by a hash of the input polygons, the tolerance and the GEOS version (content-addressed: a changed
boundary, a changed tolerance or another GEOS gives another key): a rebuild with the same
boundaries reads the simplified polygons back instead. The arcs need no cache: hashing the input
alone (0.2–0.3 s for the national layer) costs half as much as simplifying it again. The
cache lives in ``$DXMAP_CACHE`` (set it to ``off`` to disable it), else
``$XDG_CACHE_HOME/dxmap`` or ``~/.cache/dxmap``; any file in it may be deleted.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
from pathlib import Path
from typing import NamedTuple

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from dxmap._files import atomic_write
from dxmap.errors import CRSError, preview

__all__ = ["simplify_coverage", "layer_tolerance", "visible_tolerance", "fit_zoom", "cache_dir", "SCREEN"]

log = logging.getLogger(__name__)

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


def _crs_units_per_metre(gdf: gpd.GeoDataFrame) -> float:
    crs = gdf.crs
    if crs is None:
        raise CRSError("simplify_coverage: the layer has no CRS, so a tolerance in metres means nothing. "
                       "Set one first (gdf.set_crs('EPSG:4326')) or read it with dxmap.read_boundaries().")
    if crs.is_geographic:
        return 1 / _METRES_PER_DEGREE_LAT  # a degree of longitude is shorter: this errs on the small side
    factor = crs.axis_info[0].unit_conversion_factor if crs.axis_info else 1.0
    return 1 / factor


def layer_tolerance(
    gdf: gpd.GeoDataFrame,
    *,
    pixel_fraction: float = 0.5,
    zoom_in: float = 2,
    screen: tuple[int, int] = SCREEN,
) -> tuple[float | None, dict[str, float | str]]:
    """The tolerance :func:`simplify_coverage` picks for ``gdf`` by default (:func:`visible_tolerance`
    of its bounds), in metres, and how it was chosen; None for a layer without coordinates."""
    lonlat = gdf.geometry.to_crs("EPSG:4326") if not gdf.crs.is_geographic else gdf.geometry
    bounds = lonlat.total_bounds
    if not np.all(np.isfinite(bounds)):
        return None, {"rule": "empty layer"}
    zoom = fit_zoom(bounds, screen=screen)
    return visible_tolerance(bounds, pixel_fraction=pixel_fraction, zoom_in=zoom_in, screen=screen), {
        "fit_zoom": zoom, "exact_to_zoom": zoom + zoom_in, "pixel_fraction": pixel_fraction,
        "screen": f"{screen[0]}x{screen[1]}",
        "rule": f"{pixel_fraction:g} px at zoom {zoom + zoom_in:g} (fit zoom {zoom:g} + {zoom_in:g})"}


def simplify_coverage(
    gdf: gpd.GeoDataFrame,
    *,
    tolerance: float | None = None,
    pixel_fraction: float = 0.5,
    zoom_in: float = 2,
    screen: tuple[int, int] = SCREEN,
    method: str = "auto",
    cache: bool | str | os.PathLike[str] | None = None,
) -> gpd.GeoDataFrame:
    """Simplify a polygon layer whose polygons tile the ground, keeping shared edges shared.

    Every edge shared by two polygons is simplified once, so a valid coverage (neighbours share
    their edges exactly, no overlaps) stays a valid coverage: no gaps or overlaps appear between
    neighbours. Rows that share one polygon (the Sa Pa cluster) are simplified once. Points,
    lines and empty geometries are returned unchanged; each polygon keeps its geometry type.

    Parameters
    ----------
    gdf
        Communes, districts or village areas, in any CRS with a known unit.
    tolerance
        In metres: how far a boundary may move. Default :func:`visible_tolerance` of the layer's
        bounds with ``pixel_fraction``, ``zoom_in`` and ``screen``.
    pixel_fraction, zoom_in, screen
        Passed to :func:`visible_tolerance` when ``tolerance`` is None.
    method
        ``"arcs"``: cut the boundaries into arcs between junctions and simplify each arc once
        (Douglas–Peucker; about 0.15 µs per input vertex), then verify the result.
        ``"geos"``: :func:`shapely.coverage_simplify` (Visvalingam–Whyatt; about 1.5 µs per vertex).
        ``"auto"`` (default): arcs, falling back to GEOS when the result is not a verified coverage
        (e.g. the input is not a valid coverage).
    cache
        Where GEOS's simplified polygons are kept for the next build with the same input and
        tolerance: a folder, ``False`` for no cache, or None (default) for :func:`cache_dir`. A cache
        that cannot be read or written is skipped with a log message. The arcs method needs no cache.

    Returns
    -------
    geopandas.GeoDataFrame
        A copy with simplified geometries; ``attrs["simplify_tolerance_m"]`` holds the tolerance in
        metres and ``attrs["simplify"]`` how it was chosen (for the map to state): its ``method``
        entry is ``"arcs"`` or ``"geos"`` (with ``fallback`` saying why when ``"auto"`` fell back),
        its ``cache`` entry ``"hit"``, ``"stored"``, ``"off"`` or (arcs) ``"unused"``.

    Notes
    -----
    Arcs: a vertex is a junction where its neighbours along the boundaries differ between the
    polygons that hold it (where three polygons meet, or a shared edge meets the layer's outline);
    rings without a junction (an island, an enclave and the hole around it) are cut at three
    vertices that both sides pick alike (an islet smaller than the tolerance stays a triangle).
    Junctions never move, and each arc moves by at most the tolerance (Douglas–Peucker's
    tolerance is a true bound on the distance). The result is verified: a
    polygon that came out invalid (a ring collapsed, two of its arcs crossed) gets its arcs back at
    full resolution (its neighbours too, along the arcs they share), and then the whole layer must
    pass :func:`shapely.coverage_invalid_edges` (the polygons it names, and those overlapping them,
    get one more such repair). Where neighbours' edges do not match exactly in the
    input (an invalid coverage; check with :func:`shapely.coverage_is_valid`), that check fails:
    ``"auto"`` then simplifies with GEOS, whose Visvalingam–Whyatt tolerance is the square root of
    the area of the triangles removed (close to, but not a bound on, the distance), which simplifies
    the unmatched edges independently (existing slivers may change shape by about the tolerance);
    ``"arcs"`` keeps its result and logs a warning (it uses GEOS only when it has no result, e.g.
    for polygons invalid in the input). If GEOS cannot simplify the layer at all, a
    warning is logged and the layer is returned unchanged (``attrs["simplify_tolerance_m"]`` = 0).
    """
    if method not in _METHODS:
        raise ValueError(f"simplify_coverage: method must be one of {', '.join(map(repr, _METHODS))}, not {method!r}")
    units_per_m = _crs_units_per_metre(gdf)
    info: dict[str, float | str] = {}
    if tolerance is None:
        tolerance, info = layer_tolerance(gdf, pixel_fraction=pixel_fraction, zoom_in=zoom_in, screen=screen)
        if tolerance is None:
            out = gdf.copy()
            out.attrs.update(simplify_tolerance_m=0.0, simplify={"tolerance_m": 0.0, **info})
            return out
    if tolerance < 0:
        raise ValueError(f"simplify_coverage: tolerance must be ≥ 0 metres, not {tolerance}")

    geoms = gdf.geometry.values
    polygonal = _polygonal(geoms)
    out = gdf.copy()
    if polygonal.any() and tolerance > 0:
        # Rows sharing one polygon must enter the coverage once: duplicates overlap.
        rep = _representatives(geoms[polygonal])
        keep = np.unique(rep)
        unique = np.asarray(geoms[polygonal][keep])
        codes = np.searchsorted(keep, rep)
        simplified = None
        if method != "geos":
            simplified, problem = _simplify_arcs(unique, tolerance * units_per_m)
            if problem is not None:
                where = gdf.index[np.flatnonzero(polygonal)[keep[problem.rows]]]
                rows = f" (rows {preview(where)})" if len(where) else ""
                if method == "arcs" and simplified is not None:
                    log.warning("simplified by arcs, but %s%s: the layer may have gaps or overlaps",
                                problem.reason, rows)
                    info["coverage_valid"] = "no"
                else:
                    log.info("%s%s: simplifying with GEOS instead (slower)", problem.reason, rows)
                    info["fallback"] = problem.reason
                    simplified = None
        if simplified is None:
            info["method"] = "geos"
            folder = cache_dir() if cache is None or cache is True else (Path(cache) if cache is not False else None)
            path = folder / f"{_cache_key(unique, tolerance * units_per_m)}.npz" if folder is not None else None
            simplified = _cache_read(path, len(unique))
            info["cache"] = "hit" if simplified is not None else ("off" if path is None else "stored")
            try:
                if simplified is None:
                    simplified = shapely.coverage_simplify(unique, tolerance * units_per_m)
                    _cache_write(path, simplified)
            except shapely.errors.GEOSException as exc:
                # A map drawn at full resolution is better than no map: say so and go on.
                log.warning("could not simplify %d polygons (GEOS: %s); they are drawn at full resolution", len(unique), exc)
                out.attrs["simplify_tolerance_m"] = 0.0
                out.attrs["simplify"] = {"tolerance_m": 0.0, "rule": f"not simplified: {exc}"}
                return out
        else:
            info.update(method="arcs", cache="unused")
        new = np.asarray(geoms, dtype=object).copy()
        new[polygonal] = simplified[codes]
        out[gdf.geometry.name] = gpd.GeoSeries(new, index=gdf.index, crs=gdf.crs)
        before = int(shapely.get_num_coordinates(unique).sum())
        after = int(shapely.get_num_coordinates(simplified).sum())
        log.info("simplified %d polygons (%d rows) at %.1f m by %s: %d → %d vertices (%.1f%%)%s", len(unique),
                 int(polygonal.sum()), tolerance, info["method"], before, after, 100 * after / max(before, 1),
                 " (from the cache)" if info["cache"] == "hit" else "")
    out.attrs["simplify_tolerance_m"] = float(tolerance)
    out.attrs["simplify"] = {"tolerance_m": float(tolerance), **info}
    return out


_CACHE_ENV = "DXMAP_CACHE"


def cache_dir() -> Path | None:
    """The folder of dxmap's cache: ``$DXMAP_CACHE``, else ``$XDG_CACHE_HOME/dxmap`` or ``~/.cache/dxmap``.

    None when ``DXMAP_CACHE`` is ``off``, ``0``, ``false``, ``no`` or empty.
    """
    env = os.environ.get(_CACHE_ENV)
    if env is not None:
        return None if env.strip().lower() in ("", "0", "off", "false", "no") else Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "dxmap"


def _cache_key(geoms: np.ndarray, tolerance: float) -> str:
    """A hash of the polygons (WKB, in chunks: no second copy of a national layer), the tolerance and GEOS."""
    h = hashlib.blake2b(digest_size=20)
    h.update(f"coverage_simplify v1 {shapely.geos_version_string} {tolerance!r} {len(geoms)}".encode())
    for start in range(0, len(geoms), 2000):
        h.update(b"".join(shapely.to_wkb(geoms[start:start + 2000])))  # WKB says its own length
    return "simplified-" + h.hexdigest()


def _cache_read(path: Path | None, n: int) -> np.ndarray | None:
    if path is None or not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as f:
            blob, ends = f["wkb"].tobytes(), f["ends"]
        starts = np.concatenate([[0], ends[:-1]])
        geoms = shapely.from_wkb([blob[a:b] for a, b in zip(starts.tolist(), ends.tolist())])
    except Exception as exc:  # a damaged or foreign file: simplify again (and overwrite it)
        log.warning("simplify cache %s unreadable (%s); simplifying again", path, exc)
        return None
    if len(geoms) != n:
        log.warning("simplify cache %s holds %d polygons, not %d; simplifying again", path, len(geoms), n)
        return None
    log.debug("simplify cache hit: %s", path)
    return geoms


def _cache_write(path: Path | None, geoms: np.ndarray) -> None:
    if path is None:
        return
    wkb = shapely.to_wkb(geoms)
    ends = np.cumsum([len(b) for b in wkb]).astype(np.int64)
    try:
        with atomic_write(path, "wb") as fh:
            np.savez(fh, wkb=np.frombuffer(b"".join(wkb), dtype=np.uint8), ends=ends)
    except OSError as exc:
        log.warning("could not write the simplify cache %s (%s); the next build simplifies again", path, exc)


def _representatives(geoms: np.ndarray) -> np.ndarray:
    """For each geometry, the position of the first one identical to it (itself when unique).

    Only rows whose vertex count, area and bounds all coincide are compared byte by byte, so a
    national layer is not copied to WKB just to find the few shared polygons.
    """
    bounds = shapely.bounds(geoms)
    key = pd.DataFrame({"n": shapely.get_num_coordinates(geoms), "area": shapely.area(geoms),
                        "x0": bounds[:, 0], "y0": bounds[:, 1], "x1": bounds[:, 2], "y1": bounds[:, 3]})
    rep = np.arange(len(geoms))
    maybe = np.flatnonzero(key.duplicated(keep=False).to_numpy())
    if len(maybe):
        wkb = pd.Series(shapely.to_wkb(geoms[maybe]))
        codes = pd.factorize(wkb)[0]
        first_of_code = maybe[~wkb.duplicated().to_numpy()]  # factorize numbers values in order of appearance
        rep[maybe] = first_of_code[codes]
    return rep


def _polygonal(geoms: np.ndarray) -> np.ndarray:
    kind = shapely.get_type_id(geoms)
    return np.isin(kind, (3, 6)) & ~shapely.is_empty(geoms)


# --- Shared-arc simplification (as TopoJSON and mapshaper do): the topology is derived with numpy
# from vertex identities, every geometric operation is shapely's.

_METHODS = ("auto", "arcs", "geos")
_REPAIR_ROUNDS = 6  # each round gives the arcs of the polygons still invalid back at full resolution
_SLOT_BITS = 22  # 4 M slots (16 MB): a national layer's 1.5 M distinct vertices mostly get one each
_SLOT_SALTS = (0xBF58476D1CE4E5B9, 0x94D049BB133111EB)  # odd multipliers: one hash each round


class _Problem(NamedTuple):
    """Why the arcs result is not a verified coverage, and the positions of the polygons concerned."""

    reason: str
    rows: np.ndarray


def _simplify_arcs(polys: np.ndarray, tol: float) -> tuple[np.ndarray | None, _Problem | None]:
    """Douglas–Peucker on each arc of the coverage ``polys`` once; the polygons rebuilt from the arcs.

    Returns the simplified polygons and None, or, when the result is not a verified coverage, the
    best result found (None when there is none) and the problem.
    """
    if shapely.has_z(polys).any():
        return None, _Problem("the layer has z coordinates", np.flatnonzero(shapely.has_z(polys)))
    kind, xy, offsets = _rings(polys)
    vid = _vertex_ids(xy)
    xy, vid, ring_off = _drop_repeated(xy, vid, offsets[0])
    ring_geom = _ring_geometry(offsets)
    short = np.diff(ring_off) < 4
    if short.any():
        return None, _Problem("some rings have fewer than 3 distinct vertices", np.unique(ring_geom[short]))
    ring, at, steps = _cut(_junctions(vid, ring_off), vid, xy, ring_off)
    first, arc, same = _name_arcs(vid, ring_off, ring, at, steps)

    # Each distinct arc, as its first occurrence runs, simplified in one call.
    n_full = steps[first] + 1
    full_off = _offsets(n_full)
    length = np.diff(ring_off)[ring[first]] - 1
    pos = _ranges(at[first], n_full) % np.repeat(length, n_full) + np.repeat(ring_off[ring[first]], n_full)
    full_xy = _rows(xy, pos)
    del pos, xy, vid
    simple = shapely.simplify(shapely.from_ragged_array(shapely.GeometryType.LINESTRING, full_xy, (full_off,)),
                              tol, preserve_topology=False)
    _, simple_xy, (simple_off,) = shapely.to_ragged_array(simple)
    del simple
    if (len(simple_off) != len(full_off) or (np.diff(simple_off) < 2).any()
            or (simple_xy[simple_off[:-1]] != full_xy[full_off[:-1]]).any()
            or (simple_xy[simple_off[1:] - 1] != full_xy[full_off[1:] - 1]).any()):
        return None, _Problem("GEOS moved the end of an arc", np.array([], dtype=np.int64))
    return _rebuild_verified(polys, kind, offsets, ring, arc, same, ring_geom, (simple_xy, simple_off),
                             (full_xy, full_off))


def _name_arcs(vid: np.ndarray, ring_off: np.ndarray, ring: np.ndarray, at: np.ndarray,
               steps: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Which arcs are the same: the first occurrence of each distinct arc, each arc's number, and
    whether it runs as its first occurrence does.

    An arc is named by its first two vertices in the direction that gives the smaller name: its
    other vertices are not junctions, so that segment leads on along one arc only.
    """
    length = np.diff(ring_off)[ring] - 1  # distinct vertices of each ring (its last one closes it)
    base = ring_off[ring]
    f0, f1 = vid[base + at], vid[base + (at + 1) % length]
    r0, r1 = vid[base + (at + steps) % length], vid[base + (at + steps - 1) % length]
    forward = (f0 < r0) | ((f0 == r0) & (f1 <= r1))
    name = np.where(forward, f0.astype(np.int64) * len(vid) + f1, r0.astype(np.int64) * len(vid) + r1)
    _, first, arc = np.unique(name, return_index=True, return_inverse=True)
    return first, arc, forward == forward[first][arc]


def _rebuild_verified(polys: np.ndarray, kind: shapely.GeometryType, offsets: tuple[np.ndarray, ...],
                      ring: np.ndarray, arc: np.ndarray, same: np.ndarray, ring_geom: np.ndarray,
                      simple: tuple[np.ndarray, np.ndarray],
                      full: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray | None, _Problem | None]:
    """The polygons rebuilt from the simplified arcs, repaired and verified (see :func:`_simplify_arcs`).

    A ring that would keep fewer than 3 vertices, and every polygon that comes out invalid, gets
    its arcs back at full resolution (its neighbours along the same arcs too); then the layer must
    pass :func:`shapely.coverage_invalid_edges`, once more after repairing the polygons it names.
    """
    (simple_xy, simple_off), (full_xy, full_off) = simple, full
    n_simple, n_full = np.diff(simple_off), np.diff(full_off)
    ring_first_arc = np.searchsorted(ring, np.arange(len(offsets[0]) - 1))  # occurrences run ring by ring
    arc_geom = ring_geom[ring]
    single = shapely.get_type_id(polys) == 3
    at_full = np.zeros(len(n_full), bool)
    check = np.ones(len(polys), bool)
    coverage_checked = False
    for _ in range(_REPAIR_ROUNDS):
        while True:  # a ring that would keep fewer than 3 vertices: its arcs as they were
            collapsed = np.add.reduceat(np.where(at_full, n_full, n_simple)[arc] - 1, ring_first_arc) < 3
            grow = arc[collapsed[ring]]
            if not collapsed.any() or at_full[grow].all():
                break
            at_full[grow] = True
        if collapsed.any():
            return None, _Problem("some rings collapse even at full resolution", np.unique(ring_geom[collapsed]))
        pool = np.concatenate([simple_xy, full_xy]) if at_full.any() else simple_xy
        out = _assemble(kind, offsets, np.where(at_full, n_full, n_simple),
                        np.where(at_full, full_off[:-1] + len(simple_xy), simple_off[:-1]), pool, arc, same,
                        ring_first_arc, single)
        bad = np.zeros(len(polys), bool)
        bad[check] = ~shapely.is_valid(out[check])
        reason = "some polygons are invalid at full resolution"
        if not bad.any():
            bad = ~shapely.is_empty(shapely.coverage_invalid_edges(out))
            if not bad.any():
                log.debug("arcs: %d distinct arcs, %d kept at full resolution", len(n_full), int(at_full.sum()))
                return out, None
            reason = "the layer is not a valid coverage: neighbours' edges differ or overlap"
            named = np.flatnonzero(bad)  # a polygon covering another is not always named: add it
            covered, covering = shapely.STRtree(out).query(out[named], predicate="intersects")
            bad[covering[shapely.relate_pattern(out[named[covered]], out[covering], "2********")]] = True
            if coverage_checked:
                return out, _Problem(reason, np.flatnonzero(bad))
            coverage_checked = True
        again = np.zeros(len(n_full), bool)
        again[arc[bad[arc_geom]]] = True
        again &= ~at_full
        if not again.any():  # nothing left to give back: the input itself is the problem
            return (out if coverage_checked else None), _Problem(reason, np.flatnonzero(bad))
        at_full |= again
        check[:] = False
        check[arc_geom[again[arc]]] = True
    return None, _Problem(f"some polygons are still invalid after {_REPAIR_ROUNDS} rounds of repair",
                          np.flatnonzero(bad))


def _assemble(kind: shapely.GeometryType, offsets: tuple[np.ndarray, ...], n: np.ndarray, start: np.ndarray,
              pool: np.ndarray, arc: np.ndarray, same: np.ndarray, ring_first_arc: np.ndarray,
              single: np.ndarray) -> np.ndarray:
    """The polygons whose rings run along the arcs ``arc`` (``n`` points from ``start`` in ``pool``),
    forward where ``same``."""
    n_occ, first_point = n[arc] - 1, start[arc]  # an arc's last point is the next arc's first
    first_point = np.where(same, first_point, first_point + n_occ)
    step = np.where(same, 1, -1).astype(np.int32)
    local = _ranges(np.zeros(len(arc), np.int32), n_occ)
    idx = np.repeat(first_point, n_occ) + np.repeat(step, n_occ) * local
    del local
    ring_start = _offsets(np.add.reduceat(n_occ, ring_first_arc))
    idx = np.insert(idx, ring_start[1:], idx[ring_start[:-1]])  # close each ring on its first point
    ring_off = ring_start + np.arange(len(ring_start), dtype=ring_start.dtype)
    out = shapely.from_ragged_array(kind, _rows(pool, idx), (ring_off, *offsets[1:]))
    if kind == shapely.GeometryType.MULTIPOLYGON and single.any():
        out[single] = shapely.get_geometry(out[single], 0)  # a Polygon stays a Polygon
    return out


def _rings(polys: np.ndarray) -> tuple[shapely.GeometryType, np.ndarray, tuple[np.ndarray, ...]]:
    """:func:`shapely.to_ragged_array` of non-empty polygons, without copying the rings of polygons with one ring."""
    simple = (shapely.get_type_id(polys) == 3) & (shapely.get_num_interior_rings(polys) == 0)
    if not simple.any():
        return shapely.to_ragged_array(polys)
    xy = shapely.get_coordinates(polys)
    n_coords = shapely.get_num_coordinates(polys)
    if simple.all():
        return shapely.GeometryType.POLYGON, xy, (_offsets(n_coords), np.arange(len(polys) + 1, dtype=np.int32))
    kind, _, other = shapely.to_ragged_array(polys[~simple])
    if kind == shapely.GeometryType.POLYGON:  # polygons with holes (and no multipolygons): one part each
        other = (*other, np.arange(len(other[1]), dtype=np.int32))
    c_ring, c_part, c_geom = other
    parts = np.ones(len(polys), np.int32)
    parts[~simple] = np.diff(c_geom)
    geom_off = _offsets(parts)
    rings_per_part = np.ones(geom_off[-1], np.int32)
    rings_per_part[_ranges(geom_off[:-1][~simple], parts[~simple])] = np.diff(c_part)
    part_off = _offsets(rings_per_part)
    ring_len = np.empty(part_off[-1], np.int32)
    ring_len[part_off[geom_off[:-1][simple]]] = n_coords[simple]
    ring_len[_ranges(part_off[geom_off[:-1][~simple]], np.diff(c_part[c_geom]))] = np.diff(c_ring)
    if kind == shapely.GeometryType.POLYGON:
        return kind, xy, (_offsets(ring_len), part_off)
    return kind, xy, (_offsets(ring_len), part_off, geom_off)


def _ring_geometry(offsets: tuple[np.ndarray, ...]) -> np.ndarray:
    """For each ring of ragged ``offsets``, the position of its geometry."""
    ring_part = np.repeat(np.arange(len(offsets[1]) - 1, dtype=np.int32), np.diff(offsets[1]))
    if len(offsets) == 2:
        return ring_part
    return np.repeat(np.arange(len(offsets[2]) - 1, dtype=np.int32), np.diff(offsets[2]))[ring_part]


def _vertex_ids(xy: np.ndarray) -> np.ndarray:
    """For each coordinate, the position of one coordinate equal to it: an id per distinct (x, y).

    Each coordinate claims a slot of a table by a hash of its bits; one claimant per slot wins, and
    those whose slot went to a different coordinate try again with another hash (a national layer:
    1.5 M distinct of 3 M coordinates, 0.47 M try again, some 13 k a third time). The few left are
    numbered by :func:`pandas.factorize`. Random access into a 16 MB table beats a hash map.
    """
    c = xy.view(np.complex128).ravel()  # one value per (x, y): compared exactly
    owner = np.empty(1 << _SLOT_BITS, np.int32)
    vid = todo = None
    for salt in _SLOT_SALTS:
        slot = _slots(xy if todo is None else xy[todo], salt)
        if todo is None:
            owner[slot] = np.arange(len(c), dtype=np.int32)  # one of the claimants wins each slot
            vid = owner[slot]
            todo = _mismatched(c, vid)
        else:
            owner[slot] = todo
            vid[todo] = owner[slot]
            todo = todo[c[vid[todo]] != c[todo]]
        del slot
        if not len(todo):
            return vid
    codes = pd.factorize(c[todo])[0]
    vid[todo] = todo[np.unique(codes, return_index=True)[1]][codes]
    return vid


def _slots(xy: np.ndarray, salt: int) -> np.ndarray:
    """A slot (int32 below ``2**_SLOT_BITS``) for each coordinate, by a multiplicative hash of its bits."""
    bits = xy.view(np.uint64)
    h = bits[:, 0] * np.uint64(0x9E3779B97F4A7C15)
    h ^= bits[:, 1]
    h *= np.uint64(salt)
    h >>= np.uint64(64 - _SLOT_BITS)
    return h.astype(np.int32)


def _mismatched(values: np.ndarray, vid: np.ndarray, chunk: int = 1 << 20) -> np.ndarray:
    """Positions where ``values[vid] != values`` (int32), a million at a time: no second copy of ``values``."""
    differs = np.empty(len(values), bool)
    for start in range(0, len(values), chunk):
        np.not_equal(values[vid[start:start + chunk]], values[start:start + chunk], out=differs[start:start + chunk])
    return np.flatnonzero(differs).astype(np.int32)


def _drop_repeated(xy: np.ndarray, vid: np.ndarray, ring_off: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Drop a vertex equal to the one before it in its ring (a zero-length segment)."""
    repeated = np.zeros(len(vid), bool)
    repeated[1:] = vid[1:] == vid[:-1]
    repeated[ring_off[:-1]] = False
    if not repeated.any():
        return xy, vid, ring_off
    keep = ~repeated
    # A dropped position maps to the kept one before it: the same vertex.
    moved = (np.cumsum(keep, dtype=np.int32) - 1)[vid]
    return xy[keep], moved[keep], _offsets(np.add.reduceat(keep.astype(np.int32), ring_off[:-1]))


def _junctions(vid: np.ndarray, ring_off: np.ndarray) -> np.ndarray:
    """Which ring positions start an arc (a ring's closing position never does).

    A vertex is a junction when the polygons holding it do not all have the same two neighbours
    there (TopoJSON's rule). A ring without any (an island, an enclave, the hole around it) gets
    one at its smallest vertex id, which the ring on its other side picks too. ``vid`` gives each
    position the position of its vertex's representative.
    """
    start, close = ring_off[:-1], ring_off[1:] - 1
    after = np.empty_like(vid)
    after[:-1] = vid[1:]
    after[close] = vid[start + 1]  # the closing position repeats the first one, neighbours included
    before = np.empty_like(vid)
    before[1:] = vid[:-1]
    before[start] = vid[close - 1]
    pair = np.minimum(before, after).astype(np.int64)  # the two neighbours, in either order
    pair <<= 32
    pair |= np.maximum(before, after, out=after)
    del before, after
    junction = np.zeros(len(vid), bool)
    junction[vid[_mismatched(pair, vid)]] = True  # indexed by representative
    del pair
    isj = junction[vid]
    isj[close] = False
    without = ~np.logical_or.reduceat(isj, start)
    if without.any():
        junction[np.minimum.reduceat(vid, start)[without]] = True
        isj = junction[vid]
        isj[close] = False
    return isj


def _cut(isj: np.ndarray, vid: np.ndarray, xy: np.ndarray,
         ring_off: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The arcs of every ring: ring, offset of the first vertex in the ring, number of segments.

    An arc that would end where it starts (a ring with one junction: an island, an enclave) is cut
    again at its vertex farthest from that junction, and at the vertex farthest from the line
    through both: a closed line would lose its end point to Douglas–Peucker, and three fixed
    vertices keep an islet smaller than the tolerance a triangle of its size. The ring on the other
    side picks the same vertices (ties go to the smaller vertex id).
    """
    ring, at, steps = _arcs_of(isj, ring_off)
    length = np.diff(ring_off)[ring] - 1
    base = ring_off[ring]
    loop = vid[base + at] == vid[base + (at + steps) % length]
    if loop.any():
        inner = steps[loop] - 1
        seg = _offsets(inner)[:-1]
        pos = _ranges(at[loop] + 1, inner) % np.repeat(length[loop], inner) + np.repeat(base[loop], inner)
        ids, d = vid[pos], _rows(xy, pos) - np.repeat(xy[(base + at)[loop]], inner, axis=0)
        far = _argmax_per_segment(np.einsum("ij,ij->i", d, d), ids, seg)
        towards = np.repeat(xy[far] - xy[(base + at)[loop]], inner, axis=0)
        wide = _argmax_per_segment(np.abs(towards[:, 0] * d[:, 1] - towards[:, 1] * d[:, 0]), ids, seg)
        junction = np.zeros(len(vid), bool)
        junction[far] = True
        junction[wide] = True
        isj = isj | junction[vid]
        isj[ring_off[1:] - 1] = False
        ring, at, steps = _arcs_of(isj, ring_off)
    return ring, at, steps


def _argmax_per_segment(values: np.ndarray, ids: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """For each segment of ``values`` (from ``starts``), the smallest of the ``ids`` where it is largest."""
    counts = np.diff(np.r_[starts, len(values)])
    top = np.repeat(np.maximum.reduceat(values, starts), counts)
    return np.minimum.reduceat(np.where(values == top, ids, np.iinfo(ids.dtype).max), starts)


def _arcs_of(isj: np.ndarray, ring_off: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Arcs from each junction position to the next one in its ring (around the ring's end)."""
    pos = np.flatnonzero(isj).astype(np.int32)
    ring = (np.searchsorted(ring_off, pos, side="right") - 1).astype(np.int32)
    at = pos - ring_off[ring]
    new_ring = np.flatnonzero(np.r_[True, ring[1:] != ring[:-1]])
    last = np.r_[new_ring[1:], len(pos)] - 1
    upto = np.empty_like(at)
    upto[:-1] = at[1:]
    upto[last] = at[new_ring]
    length = np.diff(ring_off)[ring] - 1
    steps = (upto - at) % length
    steps[steps == 0] = length[steps == 0]  # a single junction: once around
    return ring, at, steps


def _rows(xy: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """``xy[idx]`` for an (n, 2) float array, several times faster (one 16-byte item per row)."""
    return xy.view(np.complex128).ravel()[idx].view(np.float64).reshape(-1, 2)


def _offsets(counts: np.ndarray) -> np.ndarray:
    """Ragged offsets (int32, starting at 0) of ``counts``."""
    out = np.zeros(len(counts) + 1, np.int32)
    np.cumsum(counts, out=out[1:])
    return out


def _ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """``np.arange(s, s + c)`` for each start and count, concatenated (int32), without a loop."""
    ends = np.cumsum(counts, dtype=np.int64)
    total = int(ends[-1]) if len(ends) else 0
    return np.arange(total, dtype=np.int32) + np.repeat((np.asarray(starts) - ends + counts).astype(np.int32), counts)

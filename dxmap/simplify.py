"""Simplifying boundary layers for the map without visible loss, and without gaps between neighbours.

A national commune layer has about three million vertices; drawn at the zoom that fits Vietnam on
a screen, one pixel covers several kilometres, so almost all of them are invisible yet make the
page huge and slow. :func:`simplify_coverage` simplifies the whole layer at once with
:func:`shapely.coverage_simplify` (GEOS coverage simplification), so an edge shared by two
communes is simplified once and stays shared: no new gaps or overlaps, whatever the tolerance.

The tolerance is tied to what can be seen (:func:`visible_tolerance`): a fraction of a screen
pixel at the zoom that is ``zoom_in`` levels deeper than the zoom that fits the data on the
screen. With the defaults (half a pixel, two levels) the simplification is below half a pixel at
the first view and after zooming in twice, i.e. invisible; at the zoom that fits the data it is
an eighth of a pixel. A district map gets a much smaller tolerance than a national one, because
its fitting zoom is deeper.

GEOS's tolerance is the square root of the area of the triangles removed (Visvalingam–Whyatt),
close to, but not a strict bound on, how far a boundary moves.

Simplifying a national layer takes seconds, so the result is cached on disk, keyed by a hash of
the input polygons, the tolerance and the GEOS version (content-addressed: a changed boundary, a
changed tolerance or another GEOS gives another key): a rebuild with the same boundaries reads
the simplified polygons back instead. The cache lives in ``$DXMAP_CACHE`` (set it to ``off`` to
disable it), else ``$XDG_CACHE_HOME/dxmap`` or ``~/.cache/dxmap``; any file in it may be deleted.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from dxmap._files import atomic_write
from dxmap.errors import CRSError

__all__ = ["simplify_coverage", "visible_tolerance", "fit_zoom", "cache_dir", "SCREEN"]

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


def simplify_coverage(
    gdf: gpd.GeoDataFrame,
    *,
    tolerance: float | None = None,
    pixel_fraction: float = 0.5,
    zoom_in: float = 2,
    screen: tuple[int, int] = SCREEN,
    cache: bool | str | os.PathLike[str] | None = None,
) -> gpd.GeoDataFrame:
    """Simplify a polygon layer whose polygons tile the ground, keeping shared edges shared.

    All polygons are simplified in one call of :func:`shapely.coverage_simplify`, so a valid
    coverage (neighbours share their edges exactly, no overlaps) stays a valid coverage: no gaps
    or overlaps appear between neighbours. Rows that share one polygon (the Sa Pa cluster) are
    simplified once. Points, lines and empty geometries are returned unchanged.

    Parameters
    ----------
    gdf
        Communes, districts or village areas, in any CRS with a known unit.
    tolerance
        In metres. Default :func:`visible_tolerance` of the layer's bounds with ``pixel_fraction``,
        ``zoom_in`` and ``screen``.
    pixel_fraction, zoom_in, screen
        Passed to :func:`visible_tolerance` when ``tolerance`` is None.
    cache
        Where simplified polygons are kept for the next build with the same input and tolerance:
        a folder, ``False`` for no cache, or None (default) for :func:`cache_dir`. A cache that
        cannot be read or written is skipped with a log message.

    Returns
    -------
    geopandas.GeoDataFrame
        A copy with simplified geometries; ``attrs["simplify_tolerance_m"]`` holds the tolerance in
        metres and ``attrs["simplify"]`` how it was chosen (for the map to state); its ``cache`` entry is
        ``"hit"``, ``"stored"`` or ``"off"``.

    Notes
    -----
    Where neighbours' edges do not match exactly in the input (an invalid coverage; check with
    :func:`shapely.coverage_is_valid`), those edges are simplified independently and the existing
    slivers may change shape, by at most about the tolerance. If GEOS cannot simplify the layer at
    all, a warning is logged and the layer is returned unchanged (``attrs["simplify_tolerance_m"]`` = 0).
    GEOS's cost is about 1.5 µs per input vertex: some 4–5 s for three million vertices.
    """
    units_per_m = _crs_units_per_metre(gdf)
    info: dict[str, float | str] = {}
    if tolerance is None:
        lonlat = gdf.geometry.to_crs("EPSG:4326") if not gdf.crs.is_geographic else gdf.geometry
        bounds = lonlat.total_bounds
        if not np.all(np.isfinite(bounds)):
            out = gdf.copy()
            out.attrs.update(simplify_tolerance_m=0.0, simplify={"tolerance_m": 0.0, "rule": "empty layer"})
            return out
        tolerance = visible_tolerance(bounds, pixel_fraction=pixel_fraction, zoom_in=zoom_in, screen=screen)
        zoom = fit_zoom(bounds, screen=screen)
        info = {"fit_zoom": zoom, "exact_to_zoom": zoom + zoom_in, "pixel_fraction": pixel_fraction,
                "screen": f"{screen[0]}x{screen[1]}",
                "rule": f"{pixel_fraction:g} px at zoom {zoom + zoom_in:g} (fit zoom {zoom:g} + {zoom_in:g})"}
    if tolerance < 0:
        raise ValueError(f"simplify_coverage: tolerance must be ≥ 0 metres, not {tolerance}")

    geoms = gdf.geometry.values
    polygonal = _polygonal(geoms)
    out = gdf.copy()
    if polygonal.any() and tolerance > 0:
        # Rows sharing one polygon must enter the coverage once: duplicates overlap.
        rep = _representatives(geoms[polygonal])
        keep = np.unique(rep)
        unique = geoms[polygonal][keep]
        codes = np.searchsorted(keep, rep)
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
        new = np.asarray(geoms, dtype=object).copy()
        new[polygonal] = simplified[codes]
        out[gdf.geometry.name] = gpd.GeoSeries(new, index=gdf.index, crs=gdf.crs)
        before = int(shapely.get_num_coordinates(unique).sum())
        after = int(shapely.get_num_coordinates(simplified).sum())
        log.info("simplified %d polygons (%d rows) at %.1f m: %d → %d vertices (%.1f%%)%s", len(unique),
                 int(polygonal.sum()), tolerance, before, after, 100 * after / max(before, 1),
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

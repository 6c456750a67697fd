"""Checking that a boundary file's CRS carries its datum shift (VN-2000 → WGS 84).

Vietnamese survey files come in VN-2000: geographic (EPSG:4756) or a TM-3 zone such as
EPSG:9208 "VN-2000 / TM-3 104-45" (Lào Cai, Yên Bái). VN-2000 uses the WGS 84 *ellipsoid* but a
different *datum*: PROJ moves coordinates by a 7-parameter Helmert shift (a few hundred metres in
the north-west). A ``.prj`` written by some tools keeps only the projection (a bare Transverse
Mercator on the WGS 84 ellipsoid, no ``TOWGS84``, datum "unknown", or a home-made datum name PROJ
does not know); reprojecting it silently skips the shift and every boundary lands about 200 m off
at Lào Cai.

:func:`check_datum` detects that: the CRS's datum has only a "ballpark" (no-shift) transformation
to WGS 84, or the CRS is labelled WGS 84 but has VN-2000 TM-3 parameters. It names the EPSG code
with the same projection on the VN-2000 datum and estimates the error at the layer's centre. All
transformations are PROJ's; nothing is computed by hand.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

import pyproj
from pyproj.database import query_crs_info
from pyproj.enums import PJType
from pyproj.transformer import TransformerGroup

from dxmap.errors import CRSError, said_error
from dxmap.labels import said_all

__all__ = ["DatumProblem", "check_datum", "vn2000_equivalent", "parse_crs", "implausible_coordinates",
           "implausible_coordinates_said", "outside_listed_area_said"]

log = logging.getLogger(__name__)

WGS84 = pyproj.CRS("EPSG:4326")
VN2000_GEOGRAPHIC = "EPSG:4756"
_GEOD = pyproj.Geod(ellps="WGS84")


@dataclass(frozen=True)
class DatumProblem:
    """A CRS whose datum shift to WGS 84 is missing.

    Attributes
    ----------
    message
        What is wrong and how to fix it, for a person.
    said
        ``message`` in every language (``{"vi": …, "en": …}``), for the command line.
    suggested_crs
        The VN-2000 CRS with the same projection (e.g. ``"EPSG:9208"``), when there is one.
    offset_m
        Estimated position error at the centre of the layer, in metres, when it can be estimated.
    """

    message: str
    suggested_crs: str | None
    offset_m: float | None
    said: dict[str, str] = field(default_factory=dict, compare=False)


def _params(crs: pyproj.CRS) -> dict[str, float]:
    op = crs.coordinate_operation
    if op is None:
        return {}
    return {p.name.lower(): float(p.value) for p in op.params}


def _tm_signature(crs: pyproj.CRS) -> tuple[float, float, float, float] | None:
    op = crs.coordinate_operation
    if not crs.is_projected or op is None or "transverse mercator" not in (op.method_name or "").lower():
        return None
    p = _params(crs)
    try:
        return (p["longitude of natural origin"], p["scale factor at natural origin"], p["false easting"],
                p.get("false northing", 0.0))
    except KeyError:
        return None


@functools.lru_cache(maxsize=1)
def _vn2000_projected() -> tuple[tuple[str, tuple[float, float, float, float]], ...]:
    out = []
    for info in query_crs_info(auth_name="EPSG", pj_types=PJType.PROJECTED_CRS):
        if info.name.startswith("VN-2000 /") and not info.deprecated:
            sig = _tm_signature(pyproj.CRS.from_epsg(int(info.code)))
            if sig is not None:
                out.append((f"EPSG:{info.code}", sig))
    return tuple(dict(out).items())


def vn2000_equivalent(crs: pyproj.CRS | str) -> str | None:
    """The EPSG code of the VN-2000 CRS with the same projection as ``crs`` (``"EPSG:9208"``…), or None."""
    crs = pyproj.CRS(crs)
    if crs.is_geographic:
        return VN2000_GEOGRAPHIC
    sig = _tm_signature(crs)
    if sig is None:
        return None
    for code, ref in _vn2000_projected():
        if all(abs(a - b) < 1e-7 * max(1.0, abs(b)) for a, b in zip(sig, ref)):
            return code
    return None


def _is_wgs84(datum: pyproj.crs.Datum | None) -> bool:
    if datum is None:
        return False
    name = datum.name.lower()
    return "world geodetic system 1984" in name or name in ("wgs_1984", "wgs84", "wgs 84", "d_wgs_1984")


def _has_shift(crs: pyproj.CRS) -> bool:
    group = TransformerGroup(crs.geodetic_crs or crs, WGS84, always_xy=True)
    return bool(group.transformers) and "ballpark" not in group.transformers[0].description.lower()


def _offset(crs: pyproj.CRS, correct: str, x: float, y: float) -> float:
    lon1, lat1 = pyproj.Transformer.from_crs(crs, WGS84, always_xy=True).transform(x, y)
    lon2, lat2 = pyproj.Transformer.from_crs(pyproj.CRS(correct), WGS84, always_xy=True).transform(x, y)
    return float(_GEOD.inv(lon1, lat1, lon2, lat2)[2])


def check_datum(
    crs: pyproj.CRS | str | None,
    *,
    bounds: tuple[float, float, float, float] | None = None,
    where: str = "boundary file",
) -> DatumProblem | None:
    """Return a :class:`DatumProblem` when ``crs`` lacks the datum shift to WGS 84, else None.

    Parameters
    ----------
    crs
        The CRS a file declares (None is not checked here: a missing CRS is its own error).
    bounds
        ``(minx, miny, maxx, maxy)`` of the layer in ``crs`` units; used to estimate the error
        at its centre.
    where
        Names the file in the message.
    """
    if crs is None:
        return None
    crs = pyproj.CRS(crs)
    datum = crs.datum
    ellipsoid = crs.ellipsoid
    suggestion = vn2000_equivalent(crs)
    on_wgs84_ellipsoid = ellipsoid is not None and abs(ellipsoid.semi_major_metre - 6378137.0) < 1e-3 and \
        abs(ellipsoid.inverse_flattening - 298.257223563) < 1e-6
    if _is_wgs84(datum):
        sig = _tm_signature(crs)
        # TM-3 zones (scale 0.9999) on Vietnamese meridians are a VN-2000 convention, not a WGS 84 one.
        if suggestion is None or sig is None or abs(sig[1] - 0.9999) > 1e-9:
            return None
        why = said_all("crs_why_tm3", crs=suggestion, meridian=f"{sig[0]:g}")
    elif _has_shift(crs):
        return None
    else:
        why = said_all("crs_why_no_shift", datum=repr(datum.name if datum is not None else "unknown"))
    if not on_wgs84_ellipsoid:
        suggestion = None
    offset = None
    if suggestion is not None and bounds is not None and all(v == v for v in bounds):
        cx, cy = (bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2
        offset = _offset(crs, suggestion, cx, cy)
    size = said_all("crs_offset", m=f"{offset:.0f}") if offset is not None else {}
    fix = said_all("crs_fix_vn2000", crs=suggestion) if suggestion else said_all("crs_fix_any")
    said = said_all("crs_datum_problem", where=where, why=why.get, size=lambda lg: size.get(lg, ""), fix=fix.get)
    return DatumProblem(message=said["en"], suggested_crs=suggestion, offset_m=offset, said=said)


def parse_crs(text: str, *, option: str = "crs=") -> pyproj.CRS:
    """``text`` (``"EPSG:9208"``, a PROJ string, WKT) as a CRS; :class:`CRSError` naming ``option`` if PROJ does not know it."""
    try:
        return pyproj.CRS.from_user_input(text)
    except pyproj.exceptions.CRSError:
        raise said_error(CRSError, "crs_unknown", option=option, text=repr(text)) from None


def implausible_coordinates(crs: pyproj.CRS | str, bounds: tuple[float, float, float, float], *,
                            said: str = "the file says") -> str | None:
    """Why coordinates with these ``bounds`` cannot be in ``crs`` (and the likely fix), or None when they can.

    Catches metres labelled as longitude/latitude, longitude and latitude swapped, degrees labelled as
    a projected CRS, and coordinates outside the CRS's area of use. ``said`` names who gave ``crs``
    in the message ("the file says", or the option that overrode it). The same in every language:
    :func:`implausible_coordinates_said`.
    """
    why = implausible_coordinates_said(crs, bounds, said={"vi": said, "en": said})
    return None if why is None else why["en"]


def implausible_coordinates_said(crs: pyproj.CRS | str, bounds: tuple[float, float, float, float], *,
                                 said: Mapping[str, str] | None = None, area: bool = True) -> dict[str, str] | None:
    """:func:`implausible_coordinates` in every language (``{"vi": …, "en": …}``, English as it says it), for the
    command line; ``said`` names who gave ``crs`` in each language (default: the file).

    Features outside the area EPSG lists for ``crs`` (2° of margin) are implausible only when a Transverse Mercator
    CRS's projection could not hold them either: more than 4° of longitude from its central meridian, or across the
    equator from its area (a TM-3 zone is sound along its whole meridian: EPSG:9213 lists Bắc Kạn and Thái Nguyên,
    QA67 F9); :func:`outside_listed_area_said` says the rest. ``area=False`` leaves the area out (a CRS the user
    gave is taken wherever it puts the features)."""
    crs = pyproj.CRS(crs)
    minx, miny, maxx, maxy = (float(v) for v in bounds)
    if not all(map(lambda v: v == v and abs(v) != float("inf"), (minx, miny, maxx, maxy))):
        return None  # no geometry to judge
    who = (said or said_all("crs_said_file")).get
    name = crs.to_string()
    if crs.is_geographic:
        if max(abs(minx), abs(maxx)) > 180 or max(abs(miny), abs(maxy)) > 90:
            if max(abs(miny), abs(maxy)) > 90 and max(abs(minx), abs(maxx)) <= 90 and max(abs(miny), abs(maxy)) <= 180:
                return said_all("crs_swapped", coords=f"{minx:.4g}…{maxx:.4g}, {miny:.4g}…{maxy:.4g}", name=name,
                                said=who)
            return said_all("crs_metres", coords=f"{minx:.6g}…{maxx:.6g}, {miny:.6g}…{maxy:.6g}", said=who, name=name)
        return _outside_area(crs, (minx, miny, maxx, maxy)) if area else None
    if max(abs(minx), abs(maxx)) <= 180 and max(abs(miny), abs(maxy)) <= 90 and (maxx - minx) < 20 and (maxy - miny) < 20:
        return said_all("crs_degrees", coords=f"{minx:.6g}…{maxx:.6g}, {miny:.6g}…{maxy:.6g}", said=who, name=name)
    return _outside_area(crs, (minx, miny, maxx, maxy)) if area else None


def outside_listed_area_said(crs: pyproj.CRS | str, bounds: tuple[float, float, float, float]) -> dict[str, str] | None:
    """Where features with these ``bounds`` lie and the area EPSG lists for ``crs`` (``{"vi": …, "en": …}``), when
    they lie outside it (2° of margin) yet :func:`implausible_coordinates_said` takes them (a CRS the user gave, a
    Transverse Mercator zone used along its meridian beyond the provinces EPSG names); None when inside."""
    crs = pyproj.CRS(crs)
    if not all(map(lambda v: v == v and abs(v) != float("inf"), bounds)):
        return None
    return _outside_area(crs, tuple(float(v) for v in bounds), zone=False, key="crs_outside_listed")


def _outside_area(crs: pyproj.CRS, bounds: tuple[float, float, float, float], *, zone: bool = True,
                  key: str = "crs_outside") -> dict[str, str] | None:
    area = crs.area_of_use
    if area is None:
        return None
    try:
        to_lonlat = pyproj.Transformer.from_crs(crs, WGS84, always_xy=True)
        west, south, east, north = to_lonlat.transform_bounds(*bounds)
    except pyproj.exceptions.ProjError:
        return said_all("crs_unconvertible", name=crs.to_string())
    margin = 2.0  # degrees: files reach a little past a zone's nominal area
    inside = (west >= area.west - margin and east <= area.east + margin
              and south >= area.south - margin and north <= area.north + margin)
    if inside or (zone and _in_zone(crs, area, (west, south, east, north))):
        return None
    extent = f"{area.west:.1f}…{area.east:.1f}°E, {area.south:.1f}…{area.north:.1f}°N"
    # EPSG names an area in English ("Between 102°E and 108°E, northern hemisphere …"): Vietnamese gives its extent
    return said_all(key, lies=f"{west:.3f}…{east:.3f}°E, {south:.3f}…{north:.3f}°N", name=crs.to_string(),
                    area=lambda lg: f"{area.name.rstrip('.')}: {extent}" if lg == "en" else extent)


_ZONE_DEGREES = 4.0  # of longitude from a Transverse Mercator's meridian: scale off by 0.25 % at the equator


def _in_zone(crs: pyproj.CRS, area: pyproj.crs.AreaOfUse, lonlat: tuple[float, float, float, float]) -> bool:
    """Whether a Transverse Mercator ``crs`` holds features at ``lonlat`` (west, south, east, north) soundly: near its
    central meridian, on the side of the equator its listed area is (a UTM north zone's are never south of it)."""
    sig = _tm_signature(crs)
    if sig is None:
        return False
    west, south, east, north = lonlat
    meridian = sig[0]
    near = max(abs(west - meridian), abs(east - meridian)) <= _ZONE_DEGREES
    hemisphere = (south >= 0 or area.south < 0) and (north <= 0 or area.north > 0)
    return near and hemisphere

"""Spatial queries for notebook users: the questions planners ask once the gaps are known.

Which units lack a technology at a date; how far each gap village is from the nearest covered one;
which gap villages lie within a distance of a planned route (or any line, point or polygon layer)
and how the gap counts would change if those were connected; which communes have the most
villages or people lacking a technology.

Every function takes and returns plain (Geo)DataFrames and never modifies its inputs. Distances
are computed in a metric CRS (see :func:`metric_crs`) and reported in ``distance_m`` and
``distance_km`` columns; geometries come back in the input's CRS (EPSG:4326 for the demo).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj

from dxmap.errors import CRSError, OptionError, SchemaError
from dxmap.labels import log_said
from dxmap.gaps.status import (gap_units, group_keys, grouped_rows, one_picture, picture_date, status_list,
                               technology_list, unit_status)
from dxmap.validate.tables import require_columns, require_instance, require_table
from dxmap.validate.vocab import Level, Status, Technology, parse_words, sort_by_technology

__all__ = ["metric_crs", "units_lacking", "nearest_covered", "gaps_near", "gap_change", "rank_communes"]

log = logging.getLogger(__name__)

_COMMUNE_KEYS = ["commune_code", "commune_name", "district_code", "district_name"]


def metric_crs(gdf: gpd.GeoDataFrame | gpd.GeoSeries, *, crs: object | None = None) -> pyproj.CRS:
    """The CRS in which dxmap measures distances for ``gdf``.

    ``crs`` when given; else the data's own CRS when it is projected in metres and is not a Mercator (whose scale
    grows as 1/cos(latitude): +8 % at 22°N); else the UTM zone of the data's centre
    (:meth:`GeoDataFrame.estimate_utm_crs`): EPSG:32648 for Lào Cai. A VN-2000 / TM-3 layer (e.g. EPSG:9208) is
    therefore measured in its own CRS.

    Parameters
    ----------
    gdf
        The layer to measure in, e.g. the status table of :func:`unit_status`, with a CRS.
    crs
        A CRS PROJ knows (``"EPSG:32648"``, a :class:`pyproj.CRS`…), projected, in metres and not a Mercator. Pass
        it for data spanning several UTM zones (all of Vietnam spans 48 and 49).

    Returns
    -------
    pyproj.CRS
        The CRS distances are measured in.

    Raises
    ------
    ArgumentError
        ``gdf`` is not a GeoDataFrame or GeoSeries.
    CRSError
        ``gdf`` has no CRS, or no geometry to choose a UTM zone by (without ``crs``); or ``crs`` is not a CRS PROJ
        knows, not a projected CRS in metres, or a Mercator.
    """
    require_instance(gdf, (gpd.GeoDataFrame, gpd.GeoSeries), name="gdf", what="a GeoDataFrame or GeoSeries",
                     fix="Pass a layer with a CRS, e.g. the status table of dxmap.unit_status(outcomes, communes, villages).")
    if crs is not None:
        try:
            chosen = pyproj.CRS.from_user_input(crs)
        except pyproj.exceptions.CRSError:
            raise CRSError(f"crs={crs!r} is not a CRS PROJ knows. Pass e.g. 'EPSG:32648' (UTM 48N) or 'EPSG:9208'.") from None
        if not _in_metres(chosen):
            raise CRSError(f"crs={crs!r} ({chosen.name}) is not a projected CRS in metres, so distances in it "
                           "would not be metres. Pass a UTM zone (EPSG:32648 for 102°–108°E) or a VN-2000 TM-3 zone (EPSG:9208).")
        if _mercator(chosen):  # the web maps' CRS: its metres are not the ground's (QA65 F14)
            raise CRSError(f"crs={crs!r} ({chosen.name}) is a Mercator, whose scale grows as 1/cos(latitude): its "
                           "distances are 8 % too long at 22°N. Pass a UTM zone (EPSG:32648 for 102°–108°E) or a "
                           "VN-2000 TM-3 zone (EPSG:9208), or leave crs= out.")
        return chosen
    if gdf.crs is None:
        raise CRSError("the layer has no CRS, so distances cannot be measured. Set it first, "
                       "e.g. layer.set_crs('EPSG:4326') for longitude/latitude or 'EPSG:9208' for VN-2000 / TM-3 104-45.")
    if _in_metres(gdf.crs) and not _mercator(gdf.crs):
        return pyproj.CRS.from_user_input(gdf.crs)
    if (gdf.geometry.is_empty | gdf.geometry.isna()).all():  # no centre to choose a zone by (QA65 F25: inside pyproj)
        raise CRSError("the layer has no geometry to choose a UTM zone by (no rows, or none with a position: villages "
                       "listed from the records have none). Pass crs=, e.g. 'EPSG:32648' (UTM 48N) or 'EPSG:9208'.")
    return gdf.estimate_utm_crs()


def _mercator(crs: pyproj.CRS) -> bool:
    return "mercator" in _method(crs).replace("transverse mercator", "")


def _in_metres(crs: pyproj.CRS) -> bool:
    return bool(crs.is_projected) and all(a.unit_name in ("metre", "meter") for a in crs.axis_info)


def _method(crs: pyproj.CRS) -> str:
    op = crs.coordinate_operation
    return op.method_name.lower() if op is not None else ""


def _require_status(status: object, *, geo: bool = False, needs: Iterable[str] = ()) -> None:
    """A :func:`unit_status` table of one picture: a table of several dates, or of one put together twice, would
    count each unit more than once. ``geo``: the query measures distances, so it needs the geometries (a GeoDataFrame)."""
    require_table(status, "status", name="status", geo=geo, needs=needs)
    one_picture(status)


def _technology(value: Technology | str) -> Technology:
    return technology_list(value, name="technology", one=True)[0]


def _village_layer(villages: object) -> None:
    """``villages=`` of a query: None or a table (the village layer, for its population)."""
    if villages is not None:
        require_instance(villages, pd.DataFrame, name="villages", what="a village layer",
                         fix="Pass the layer dxmap.as_villages() returns (demo: demo.villages), or leave villages out.")


def units_lacking(
    outcomes: pd.DataFrame,
    communes: gpd.GeoDataFrame,
    villages: gpd.GeoDataFrame | None = None,
    *,
    technology: Technology | str,
    as_of: str | pd.Timestamp | None = None,
    statuses: Iterable[Status | str] = (Status.NONE,),
) -> gpd.GeoDataFrame:
    """The units lacking ``technology`` at ``as_of``: :func:`unit_status` then :func:`gap_units` in one call.

    Parameters
    ----------
    outcomes
        The outcomes table of :func:`reconcile` (``Dataset.outcomes`` of :func:`demo_dataset`).
    communes, villages
        The layers the records were reconciled against.
    technology
        ``mobile``, ``fibre`` or ``lan`` (``"FTTH"``, ``"cáp quang"``… are understood).
    as_of
        Date of the picture; default the newest matched record.
    statuses
        Which statuses count as lacking; default only ``none`` (the headline gap).

    Returns
    -------
    geopandas.GeoDataFrame
        The :func:`unit_status` columns; for a village technology also the village layer's other
        columns (e.g. ``population``); last ``shared_outline``: for a commune whose outline is
        shared with other communes (the 8 Sa Pa units of the bundled 2024 layer), their names,
        ", "-separated: its geometry and any point taken from it are the shared outline's, not its
        own; "" for the others. CRS of ``communes``; ``as_of`` is the date used.

    Examples
    --------
    >>> import dxmap
    >>> demo = dxmap.demo_dataset()  # bundled Lào Cai data, ILLUSTRATIVE records
    >>> fibre = dxmap.units_lacking(demo.outcomes, demo.communes, demo.villages, technology="fibre",
    ...                             as_of="2024-06-30")
    >>> len(fibre), int(fibre["population"].sum())  # villages without fibre, and their (illustrative) people
    (56, 19688)
    """
    tech = _technology(technology)
    status = unit_status(outcomes, communes, villages, as_of=as_of, technologies=[tech])
    out = gap_units(status, technology=tech, statuses=statuses)
    if tech.level is Level.VILLAGE and villages is not None and len(out):
        extra = [c for c in villages.columns if c not in out.columns and c not in ("village_id", villages.geometry.name)]
        table = villages.set_index("village_id")
        for col in extra:
            out[col] = out["unit_id"].map(table[col]).to_numpy()
    out["shared_outline"] = shared_outline(out, status).to_numpy()
    log.info("%s at %s: %d %s units lacking it", tech.value, picture_date(status), len(out), tech.level.value)
    return out


def _located(gdf: gpd.GeoDataFrame | gpd.GeoSeries) -> np.ndarray:
    geom = gdf.geometry if isinstance(gdf, gpd.GeoDataFrame) else gdf
    return (~(geom.isna() | geom.is_empty)).to_numpy()


def _nearest(
    left: gpd.GeoDataFrame, right: gpd.GeoDataFrame | gpd.GeoSeries, status: gpd.GeoDataFrame, crs: object | None,
    *, max_distance: float | None = None,
) -> pd.DataFrame:
    """For each row of ``left`` (by position) the position of the nearest ``right`` row and the distance.

    Measured in :func:`metric_crs` of ``status`` (chosen only when there is something to measure).
    Equally near right rows are broken by position, so sort ``right`` to choose. Rows without a
    geometry, or with none within ``max_distance`` metres, get ``-1`` and NaN.
    """
    out = pd.DataFrame({"right": np.full(len(left), -1), "distance_m": np.full(len(left), np.nan)})
    lmask, rmask = _located(left), _located(right)
    if not lmask.all():  # villages listed from the records have no place to measure from (QA33: it said nothing)
        log_said(log, logging.WARNING, "log_query_unplaced", n=int((~lmask).sum()))
    if not lmask.any() or not rmask.any():
        return out
    crs = metric_crs(status, crs=crs)
    lg = gpd.GeoDataFrame(geometry=left.geometry.to_crs(crs).to_numpy()[lmask], crs=crs, index=np.flatnonzero(lmask))
    rg = gpd.GeoDataFrame(geometry=right.geometry.to_crs(crs).to_numpy()[rmask], crs=crs, index=np.flatnonzero(rmask))
    hit = gpd.sjoin_nearest(lg, rg, how="inner", max_distance=max_distance, distance_col="distance_m")
    # Distances equal to the millimetre are ties (reprojection noise must not decide which wins).
    hit = hit.rename_axis("left").reset_index().assign(_mm=lambda f: f["distance_m"].round(3))
    hit = hit.sort_values(["left", "_mm", "index_right"]).drop_duplicates("left")
    out.loc[hit["left"].to_numpy(), "right"] = hit["index_right"].to_numpy()
    out.loc[hit["left"].to_numpy(), "distance_m"] = hit["distance_m"].to_numpy()
    return out


def _with_distance(rows: gpd.GeoDataFrame, distance_m: pd.Series) -> gpd.GeoDataFrame:
    metres = distance_m.to_numpy()
    out = rows.assign(distance_m=metres, distance_km=metres / 1000.0, _mm=distance_m.round(3).to_numpy())
    return out.sort_values(["_mm", "unit_id"], na_position="last", kind="stable").drop(columns="_mm")


def nearest_covered(
    status: gpd.GeoDataFrame,
    *,
    technology: Technology | str,
    crs: object | None = None,
    gap: Iterable[Status | str] = (Status.NONE,),
    covered: Iterable[Status | str] = (Status.COVERED,),
) -> gpd.GeoDataFrame:
    """For each gap unit, the nearest unit that has ``technology``, and how far it is.

    Parameters
    ----------
    status
        Output of :func:`unit_status`. Both the gap units and the covered ones are its rows: on a district's
        table the nearest covered unit is sought inside the district. Pass the province's table, and keep the
        district's rows of the result, to measure across the district line.
    technology
        ``mobile`` or ``fibre`` (villages), or ``lan`` (communes).
    crs
        Metric CRS for the distances; default :func:`metric_crs` of ``status``.
    gap, covered
        Statuses of the units measured from, and of those measured to.

    Returns
    -------
    geopandas.GeoDataFrame
        The gap rows of ``status`` (index kept) with ``nearest_id``, ``nearest_name``,
        ``nearest_commune_code``, ``distance_m`` and ``distance_km`` (distance between the
        geometries: 0 when polygons touch), closest first. NaN when no unit is covered. Between
        covered units equally near (to the millimetre) the smallest ``unit_id`` is chosen. Last,
        ``shared_outline`` as in :func:`units_lacking`: a commune on a shared outline is measured
        from that outline. Input CRS.

    Examples
    --------
    >>> import dxmap
    >>> demo = dxmap.demo_dataset()  # bundled Lào Cai data, ILLUSTRATIVE records
    >>> status = dxmap.unit_status(demo.outcomes, demo.communes, demo.villages, as_of="2024-06-30")
    >>> near = dxmap.nearest_covered(status, technology="fibre")
    >>> near[["name", "nearest_name", "distance_km"]].head(3).round(2)
                   name    nearest_name  distance_km
    2812  Thôn Hòa Bình  Bản Thàng Phìn         0.30
    1831    Bản Sáng Tà       Bản Mí Hồ         0.31
    2931  Bản Lùng Lũng   Thôn Đoàn Kết         0.34
    >>> int(near["distance_km"].le(1).sum())  # of the 56 fibre gaps, within 1 km of fibre
    27
    """
    _require_status(status, geo=True)
    tech = _technology(technology)
    rows = status[status["technology"].eq(tech.value)]
    from_rows = rows[rows["status"].isin(status_list(gap, name="gap"))]
    to_rows = rows[rows["status"].isin(status_list(covered, name="covered"))].sort_values("unit_id", kind="stable")
    hit = _nearest(from_rows, to_rows, status, crs)
    found = hit["right"].ge(0).to_numpy()
    out = from_rows.copy()
    for col, src in (("nearest_id", "unit_id"), ("nearest_name", "name"), ("nearest_commune_code", "commune_code")):
        values = pd.Series(pd.NA, index=out.index, dtype="string")
        if src in to_rows.columns and found.any():
            values[found] = to_rows[src].to_numpy()[hit["right"].to_numpy()[found]]
        out[col] = values
    log.info("%s: %d gap units, %d with a covered unit to measure to", tech.value, len(out), int(found.sum()))
    return _with_distance(out, hit["distance_m"]).assign(shared_outline=lambda f: shared_outline(f, status))


def gaps_near(
    status: gpd.GeoDataFrame,
    features: gpd.GeoDataFrame | gpd.GeoSeries,
    *,
    technology: Technology | str,
    within_km: float,
    crs: object | None = None,
    statuses: Iterable[Status | str] = (Status.NONE,),
) -> gpd.GeoDataFrame:
    """The gap units within ``within_km`` of any feature of ``features`` (a planned route, sites…).

    Parameters
    ----------
    status
        Output of :func:`unit_status`.
    features
        Lines, points or polygons in any CRS (e.g. a planned fibre route read with
        :func:`geopandas.read_file`).
    technology
        The technology the features would bring (``fibre`` for a fibre route).
    within_km
        Distance in kilometres, inclusive (a unit exactly ``within_km`` away is kept).
    crs
        Metric CRS for the distances; default :func:`metric_crs` of ``status``.
    statuses
        Which statuses count as a gap; default only ``none``.

    Returns
    -------
    geopandas.GeoDataFrame
        The matching rows of ``status`` (index kept) with ``feature`` (index label of the nearest
        feature; the first one when several are equally near), ``distance_m`` and ``distance_km``,
        closest first, then ``shared_outline`` as in :func:`units_lacking` (a commune on a shared
        outline is near when that outline is). Pass it to :func:`gap_change` to see what connecting
        them would fix. Input CRS.

    Raises
    ------
    OptionError
        ``within_km`` is negative or not a number.
    SchemaError
        ``status`` is not a :func:`unit_status` table.
    CRSError
        ``features`` has no CRS.

    Examples
    --------
    >>> import dxmap
    >>> demo = dxmap.demo_dataset()  # bundled Lào Cai data, ILLUSTRATIVE records
    >>> status = dxmap.unit_status(demo.outcomes, demo.communes, demo.villages, as_of="2024-06-30")
    >>> import geopandas as gpd
    >>> from shapely.geometry import LineString
    >>> ends = demo.communes.set_index("code").loc[["02701", "02722"]].to_crs("EPSG:32648")  # Y Tý, Dền Thàng
    >>> route = gpd.GeoDataFrame(geometry=[LineString(ends.centroid.tolist())], crs="EPSG:32648")  # illustrative
    >>> along = dxmap.gaps_near(status, route, technology="fibre", within_km=2)
    >>> along[["name", "commune_name", "distance_km"]].round(2)
                    name commune_name  distance_km
    1748        Bản Sáng     Dền Sáng         0.63
    1743         Bản Xèo     Dền Sáng         0.72
    1741        Bản Lũng     Dền Sáng         0.86
    1747          Bản Tả     Dền Sáng         1.35
    1802  Bản Quán Thàng    Dền Thàng         1.68
    1799   Thôn Bắc Ngầm    Dền Thàng         1.97
    """
    _require_status(status, geo=True)
    require_instance(features, (gpd.GeoDataFrame, gpd.GeoSeries), name="features", what="a GeoDataFrame or GeoSeries",
                     fix="Read a layer with geopandas.read_file(path), or wrap shapes you hold with their CRS: "
                         "geopandas.GeoSeries([line], crs='EPSG:4326').")
    tech = _technology(technology)
    try:
        km = float(within_km)
    except (TypeError, ValueError):
        km = float("nan")
    if not km >= 0:
        raise OptionError(f"within_km={within_km!r}: give a distance in kilometres, 0 or more (e.g. within_km=2).")
    if features.crs is None:
        raise CRSError("features: the layer has no CRS, so distances to it cannot be measured. "
                       "Set it first, e.g. route.set_crs('EPSG:4326').")
    rows = status[status["technology"].eq(tech.value) & status["status"].isin(status_list(statuses, name="statuses"))]
    # within 0 km: the units the features touch (geopandas wants a max_distance above 0; a micrometre is nothing here)
    hit = _nearest(rows, features, status, crs, max_distance=max(km * 1000.0, 1e-6))
    found = hit["right"].ge(0).to_numpy()
    out = rows[found].copy()
    out["feature"] = features.index.to_numpy()[hit["right"].to_numpy()[found]]
    log.info("%s: %d of %d gap units within %g km of %d feature(s)", tech.value, len(out), len(rows), km, len(features))
    return _with_distance(out, hit["distance_m"][found]).assign(shared_outline=lambda f: shared_outline(f, status))


def village_people(rows: pd.DataFrame, villages: pd.DataFrame | None, column: str = "population") -> pd.Series | None:
    """People per row of ``rows`` (a status or change table): a village row's ``column`` in the village
    layer, matched on ``village_id``; NaN for commune rows and villages without a number (a negative
    head count is no count). None when ``villages`` has no such column or no ``village_id``.

    The one lookup behind the people in the map, the report and the queries.
    """
    if villages is None or column not in villages.columns or "village_id" not in villages.columns:
        return None
    people = pd.to_numeric(villages[column], errors="coerce")
    # units sharing an id are one unit
    lookup = people.where(people >= 0).groupby(villages["village_id"].astype(str).to_numpy()).first()
    found = rows["unit_id"].astype(str).map(lookup).astype("float64")
    return found.where(rows["level"].eq(Level.VILLAGE.value).to_numpy())


def shared_outline(rows: pd.DataFrame, among: pd.DataFrame | None = None, *, code: str = "commune_code",
                   name: str = "commune_name") -> pd.Series:
    """Per row of ``rows``, the names of the other communes drawn on the same outline (same ``map_unit``),
    ", "-joined in the order of ``among``; "" for a commune with an outline of its own and for village rows
    (a ``level`` column other than commune): their geometry is their own.

    A commune on a shared outline (the 8 Sa Pa units of the bundled 2024 layer, 2025-07 units drawn on
    one former commune's outline, the former communes of a picture moved to the 2025-07 units, each drawn
    on its new unit's outline) has that outline's geometry and point, not its own. The one
    definition behind the map's cards, the report's gap list and the queries' ``shared_outline`` column.

    Parameters
    ----------
    rows
        A status table (``commune_code``, ``commune_name``, ``map_unit``) or a commune layer
        (``code="code", name="name"``).
    among
        The table whose communes share outlines (default ``rows``): the whole status table when
        ``rows`` is a part of it.
    code, name
        The columns holding each commune's code and name.

    Returns
    -------
    pandas.Series
        Text, with the index of ``rows``.
    """
    among = rows if among is None else among
    if code == "commune_code" and {"old_commune_code", "old_commune_name"} <= set(among.columns) & set(rows.columns):
        # a picture moved to the 2025-07 units: its commune rows are former communes, each drawn on the outline of
        # the unit it went into (QA44: they measured 0 km to each other, and said nothing of it)
        code, name = "old_commune_code", "old_commune_name"
        if "level" in among.columns:
            among = among[among["level"].eq(Level.COMMUNE.value).to_numpy(dtype=bool, na_value=False)]
    if not {code, name, "map_unit"} <= set(among.columns) or code not in rows.columns:
        return pd.Series("", index=rows.index, dtype=object)  # no map_unit: every commune has its own outline
    communes = among[[code, name, "map_unit"]].drop_duplicates(code)
    members: dict[object, list[tuple[object, object]]] = {}
    for c, n, unit in zip(communes[code], communes[name], communes["map_unit"]):
        if pd.notna(unit):
            members.setdefault(unit, []).append((c, c if pd.isna(n) else n))  # no name: its code
    others = {c: ", ".join(str(n) for k, n in group if k != c)
              for group in members.values() if len(group) > 1 for c, _ in group}
    out = rows[code].map(others).fillna("").astype(object) if others else pd.Series("", index=rows.index, dtype=object)
    if "level" in rows.columns:
        out[~rows["level"].eq(Level.COMMUNE.value).to_numpy(dtype=bool, na_value=False)] = ""
    return out


def _population(status: pd.DataFrame, villages: pd.DataFrame | None, column: str) -> pd.Series | None:
    """People per row of ``status``: its own ``column``, else looked up in ``villages`` (:func:`village_people`).
    A ``column`` named that neither has is refused (QA65 F9: the ranking went by villages without a word); the
    default ``"population"`` may be missing: then there are no people."""
    if column != "population" and column not in status.columns and (villages is None or column not in villages):
        have = [str(c) for c in (villages.columns if villages is not None else status.columns) if c != "geometry"]
        raise SchemaError(f"population={column!r}: no such column in status" + (" or villages=" if villages is not None
                          else " (and no villages= given)") + f"; the columns are {', '.join(have[:20])}. Name "
                          "the column that holds each village's people, or leave population= out to count villages.")
    if column in status.columns:
        people = pd.to_numeric(status[column], errors="coerce")
        return people.where(people >= 0)  # a negative head count is no count, as in village_people
    if villages is not None and column in villages.columns:
        require_columns(villages, ("village_id",), name="villages",
                        fix="Pass the village layer dxmap.as_villages() returns (demo: demo.villages).")
    return village_people(status, villages, column)


def _tally(
    rows: pd.DataFrame, keys: list[str], people: pd.Series | None, counts: list[tuple[str, str, np.ndarray]]
) -> pd.DataFrame:
    """Per group of ``keys``: for each (column, people column, mask) the rows in the mask, and their people."""
    frame = pd.DataFrame({k: rows[k].to_numpy() for k in keys})
    p = people.fillna(0).to_numpy(dtype=float) if people is not None else None
    for column, people_column, mask in counts:
        frame[column] = mask.astype("int64")
        if p is not None:
            frame[people_column] = np.where(mask, p, 0.0)
    out = frame.groupby(keys, dropna=False, sort=False).sum().reset_index()
    if p is not None:
        cols = [people_column for _, people_column, _ in counts]
        out[cols] = out[cols].round().astype("int64")
    return out


def gap_change(
    status: gpd.GeoDataFrame,
    connected: pd.DataFrame,
    *,
    by: Literal["province", "district", "commune"] = "province",
    villages: pd.DataFrame | None = None,
    population: str = "population",
) -> pd.DataFrame:
    """How the headline gap counts would change if the units in ``connected`` got their technology.

    Parameters
    ----------
    status
        Output of :func:`unit_status`.
    connected
        Rows with ``unit_id`` and ``technology`` (e.g. from :func:`gaps_near`); a unit is connected
        only for the technology on its row.
    by
        Count for the whole area, per district or per commune.
    villages, population
        Where to find people: the ``population`` column of ``status``, else of ``villages``
        (matched on ``village_id``). Without one, the ``people_*`` columns are left out; a
        village without a population counts as 0 people.

    Returns
    -------
    pandas.DataFrame
        One row per group and technology: the group's keys, ``technology``, ``level``,
        ``gaps_before`` (units with status ``none``), ``connected`` (of those, the ones in
        ``connected``), ``gaps_after``; with a population also ``people_before``,
        ``people_connected``, ``people_after``.

    Examples
    --------
    >>> import dxmap
    >>> demo = dxmap.demo_dataset()  # bundled Lào Cai data, ILLUSTRATIVE records
    >>> status = dxmap.unit_status(demo.outcomes, demo.communes, demo.villages, as_of="2024-06-30")
    >>> near = dxmap.nearest_covered(status, technology="fibre")
    >>> close = near[near["distance_km"] <= 1]  # the fibre gaps within 1 km of a village that has fibre
    >>> dxmap.gap_change(status, close)[["technology", "gaps_before", "connected", "gaps_after"]]
      technology  gaps_before  connected  gaps_after
    0     mobile            6          0           6
    1      fibre           56         27          29
    2        lan           29          0          29
    """
    keys = group_keys(by)
    _require_status(status, needs=keys)
    status = grouped_rows(status, keys)
    require_columns(connected, ("unit_id", "technology"), name="connected",
                    fix="Pass the rows dxmap.gaps_near() returns, or any table with columns unit_id and technology.")
    _village_layer(villages)
    is_gap = status["status"].eq(Status.NONE.value).to_numpy()
    techs = connected["technology"].map(lambda t: t.value if isinstance(t, Technology) else t)
    wanted = pd.MultiIndex.from_arrays([connected["unit_id"].astype("string"),
                                        parse_words("technology", techs, where="connected").astype("string")]).unique()
    mine = pd.MultiIndex.from_arrays([status["unit_id"].astype("string"), status["technology"].astype("string")])
    fixed = mine.isin(wanted) & is_gap
    people = _population(status, villages, population)
    out = _tally(status, keys + ["technology", "level"], people,
                 [("gaps_before", "people_before", is_gap), ("connected", "people_connected", fixed)])
    out.insert(out.columns.get_loc("connected") + 1, "gaps_after", out["gaps_before"] - out["connected"])
    if people is not None:
        out["people_after"] = out["people_before"] - out["people_connected"]
        out = out[[c for c in out.columns if not c.startswith("people_")] + ["people_before", "people_connected", "people_after"]]
    out = sort_by_technology(out, keys)
    log.info("connecting %d units would close %d gaps (the other %d were not gaps)", len(wanted), int(fixed.sum()),
             len(wanted) - int(fixed.sum()))
    return out.reset_index(drop=True)


def rank_communes(
    status: gpd.GeoDataFrame,
    *,
    technology: Technology | str | None = None,
    by: Literal["villages", "people"] | None = None,
    villages: pd.DataFrame | None = None,
    population: str = "population",
) -> pd.DataFrame:
    """Communes ranked by the villages (or people) lacking each village technology.

    Parameters
    ----------
    status
        Output of :func:`unit_status`.
    technology
        ``mobile`` or ``fibre``; default every village technology in ``status``. ``lan`` is
        counted per commune, not per village: list those communes with :func:`units_lacking`.
    by
        ``"villages"`` (gap villages) or ``"people"`` (people living in them); default people when
        a population is available, else villages.
    villages, population
        Where to find people: the ``population`` column of ``status``, else of ``villages``
        (matched on ``village_id``; the demo villages have an illustrative one). A village without
        a population counts as 0 people.

    Returns
    -------
    pandas.DataFrame
        One row per technology and commune with at least one gap village (status ``none``):
        ``technology``, ``rank`` (1 = most; ties share the rank), ``commune_code``,
        ``commune_name``, ``district_code``, ``district_name``, ``villages`` (gap villages),
        ``villages_total``; with a population also ``people`` and ``people_total``. Sorted by
        technology and rank; ties by the other count, then commune code. A 2025-07 commune of
        former communes of several former districts is one row, its former districts listed
        (``"087, 089"``, ``"Bảo Yên, Văn Bàn"``).

    Examples
    --------
    >>> import dxmap
    >>> demo = dxmap.demo_dataset()  # bundled Lào Cai data, ILLUSTRATIVE records
    >>> status = dxmap.unit_status(demo.outcomes, demo.communes, demo.villages, as_of="2024-06-30")
    >>> ranked = dxmap.rank_communes(status, technology="fibre", villages=demo.villages)
    >>> ranked[["rank", "commune_name", "villages", "people"]].head(3)  # by people: the demo has a population
       rank commune_name  villages  people
    0     1     Dền Sáng         4    1828
    1     2    Liên Minh         5    1623
    2     3     Pha Long         3    1506
    """
    _require_status(status, needs=_COMMUNE_KEYS)
    _village_layer(villages)
    if technology is not None:
        tech = _technology(technology)
        if tech.level is not Level.VILLAGE:
            raise OptionError(f"technology={technology!r}: {tech.value} is recorded per commune, not per village, so "
                              "there is nothing to rank communes by. List them with dxmap.units_lacking(..., technology='lan').")
        techs = [tech.value]
    else:
        techs = [t.value for t in Technology if t.level is Level.VILLAGE]
    rows = grouped_rows(status[status["level"].eq(Level.VILLAGE.value) & status["technology"].isin(techs)],
                        _COMMUNE_KEYS)
    people = _population(rows, villages, population)
    if by is None:
        by = "people" if people is not None else "villages"
    if by not in ("villages", "people"):
        raise OptionError(f"by={by!r}: use 'villages' or 'people'.")
    if by == "people" and people is None:
        raise SchemaError(f"by='people' needs a {population!r} column in status or in villages=; "
                          "pass villages=demo.villages (or your layer), population='your column', or use by='villages'.")
    is_gap = rows["status"].eq(Status.NONE.value).to_numpy()
    out = _tally(rows, ["technology", *_COMMUNE_KEYS], people,
                 [("villages", "people", is_gap), ("villages_total", "people_total", np.ones(len(rows), dtype=bool))])
    out = out[out["villages"].gt(0)]
    if people is not None:
        out = out[["technology", *_COMMUNE_KEYS, "villages", "villages_total", "people", "people_total"]]
    other = "people" if by == "villages" and people is not None else "villages"
    order = {t: i for i, t in enumerate(techs)}
    out = out.assign(_t=out["technology"].map(order)).sort_values(
        ["_t", by, other, "commune_code"], ascending=[True, False, False, True], kind="stable")
    out.insert(1, "rank", out.groupby("technology")[by].rank(method="min", ascending=False).astype("int64"))
    return out.drop(columns="_t").reset_index(drop=True)

"""Gaps: the status of every unit for every technology at a date, and counts rolled up.

A unit's status at a date is its latest matched record dated on or before that date; a unit with
no such record is ``unknown`` (never ``none``). The headline gap count of a technology is the
number of units whose status is ``none``; ``weak``, ``planned`` and ``unknown`` are counted beside it.
"""

from __future__ import annotations

import logging
from typing import Literal

import geopandas as gpd
import pandas as pd

from dxmap.errors import SchemaError
from dxmap.vocab import Level, Status, Technology, sort_by_technology

__all__ = ["unit_status", "gaps", "summarise", "summary_dict", "latest_date", "STATUS_ORDER"]

log = logging.getLogger(__name__)

STATUS_ORDER = [s.value for s in (Status.NONE, Status.WEAK, Status.PLANNED, Status.UNKNOWN, Status.COVERED)]
_STATUS_COLS = ["level", "unit_id", "name", "commune_code", "commune_name", "district_code", "district_name", "map_unit",
                "technology", "status", "status_date", "source", "note", "geometry"]


def latest_date(report: pd.DataFrame) -> pd.Timestamp:
    """The newest ``as_of`` among matched records: the default date of a summary."""
    dates = report.loc[report["outcome"].eq("matched"), "as_of"]
    if dates.empty:
        raise SchemaError("no matched records, so there is no date to summarise. Run `dxmap check` to see why records did not match.")
    return pd.Timestamp(dates.max())


def unit_status(
    report: pd.DataFrame,
    communes: gpd.GeoDataFrame,
    villages: gpd.GeoDataFrame | None = None,
    *,
    as_of: str | pd.Timestamp | None = None,
    technologies: list[Technology] | None = None,
) -> gpd.GeoDataFrame:
    """One row per unit and technology with the unit's status at ``as_of``.

    Parameters
    ----------
    report
        Output of :func:`reconcile`; only ``matched`` records count.
    communes, villages
        The unit layers the records were reconciled against.
    as_of
        Date of the picture; default the newest matched record.
    technologies
        Default all three; a village technology is skipped when there is no village layer.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``level``, ``unit_id``, ``name``, ``commune_code``, ``commune_name``,
        ``district_code``, ``district_name``, ``map_unit``, ``technology``, ``status``,
        ``status_date`` (date of the record used, NaT when unknown), ``source``, ``note``, ``geometry``.
    """
    date = pd.Timestamp(as_of) if as_of is not None else latest_date(report)
    techs = technologies or list(Technology)
    units = _units(communes, villages)
    used = report.loc[report["outcome"].eq("matched") & (report["as_of"] <= date),  # only the columns used are copied
                      ["level", "unit_id", "technology", "status", "as_of", "source", "note", "file", "row"]]
    latest = (used.sort_values(["as_of", "file", "row"])
                  .drop_duplicates(["level", "unit_id", "technology"], keep="last")
                  [["level", "unit_id", "technology", "status", "as_of", "source", "note"]]
                  .rename(columns={"as_of": "status_date"}))
    parts = []
    for tech in techs:
        level = tech.level.value
        base = units[units["level"].eq(level)]
        if base.empty:
            log.info("%s: no %s layer, skipped", tech.value, level)
            continue
        parts.append(base.assign(technology=tech.value))
    frame = pd.concat(parts, ignore_index=True)
    del parts, base, units, used  # one copy of the national table at a time
    frame = frame.merge(latest, on=["level", "unit_id", "technology"], how="left", validate="many_to_one")
    frame["status"] = frame["status"].fillna(Status.UNKNOWN.value)
    out = gpd.GeoDataFrame(frame[_STATUS_COLS], geometry="geometry", crs=communes.crs)
    out.attrs["as_of"] = date.date().isoformat()
    return out


def _units(communes: gpd.GeoDataFrame, villages: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame:
    c = pd.DataFrame({
        "level": Level.COMMUNE.value, "unit_id": communes["code"].values, "name": communes["name"].values,
        "commune_code": communes["code"].values, "commune_name": communes["name"].values,
        "district_code": communes["district_code"].values, "district_name": communes["district_name"].values,
        "map_unit": communes["map_unit"].values, "geometry": communes.geometry.values,
    })
    if villages is None:
        return c
    info = communes.set_index("code")[["name", "district_code", "district_name", "map_unit"]]
    codes = villages["commune_code"].values
    v = pd.DataFrame({
        "level": Level.VILLAGE.value, "unit_id": villages["village_id"].values, "name": villages["name"].values,
        "commune_code": codes, "commune_name": info["name"].reindex(codes).values,
        "district_code": info["district_code"].reindex(codes).values, "district_name": info["district_name"].reindex(codes).values,
        "map_unit": info["map_unit"].reindex(codes).values, "geometry": villages.geometry.values,
    })
    return pd.concat([c, v], ignore_index=True)


def gaps(status: gpd.GeoDataFrame, *, technology: Technology | str | None = None,
         statuses: tuple[Status | str, ...] = (Status.NONE,)) -> gpd.GeoDataFrame:
    """The units lacking a technology: rows of :func:`unit_status` whose status is in ``statuses``."""
    wanted = {Status(s).value for s in statuses}
    mask = status["status"].isin(wanted)
    if technology is not None:
        mask &= status["technology"].eq(Technology(technology).value)
    return status[mask].copy()


def summarise(status: gpd.GeoDataFrame, *, by: Literal["province", "district", "commune"] = "province") -> pd.DataFrame:
    """Count units per technology and status, for the whole area or per district or commune.

    Returns one row per (group, technology) with columns ``level``, one per status in
    :data:`STATUS_ORDER` and ``total``; the headline gap count is the ``none`` column.
    """
    keys = {"province": [], "district": ["district_code", "district_name"],
            "commune": ["district_code", "district_name", "commune_code", "commune_name"]}[by]
    counts = (status.groupby(keys + ["technology", "level"], dropna=False)["status"]
                    .value_counts().unstack("status", fill_value=0)
                    .reindex(columns=STATUS_ORDER, fill_value=0))
    counts["total"] = counts.sum(axis=1)
    out = counts.reset_index()
    out = sort_by_technology(out, keys)
    out.columns.name = None
    return out.reset_index(drop=True)


def summary_dict(status: gpd.GeoDataFrame, *, district: str | None = None, illustrative: bool = False,
                 record_counts: dict[str, int] | None = None) -> dict:
    """The summary as plain data (the shape of ``summary.json``; see README)."""
    table = summarise(status)
    units = status.drop_duplicates(["level", "unit_id"])["level"].value_counts()
    result: dict = {
        "as_of": status.attrs.get("as_of"),
        "district": district,
        "illustrative": illustrative,
        "units": {"communes": int(units.get(Level.COMMUNE.value, 0)), "villages": int(units.get(Level.VILLAGE.value, 0))},
        "gaps": {},
    }
    for row in table.itertuples(index=False):
        d = row._asdict()
        result["gaps"][d["technology"]] = {
            "level": d["level"],
            "count": int(d[Status.NONE.value]),
            "statuses": {s: int(d[s]) for s in STATUS_ORDER},
        }
    if record_counts is not None:
        result["records"] = record_counts
    return result

"""The village list of a province that has no village layer: the villages its records name.

No open village data exists for Lào Cai, and many provinces' village lists are the status sheets
themselves: one row per thôn/bản, in its commune. :func:`villages_from_records` makes the village
layer those rows describe, keyed as DESIGN.md keys villages without a national code: by commune and
normalised name ("Thôn 01" and "Thôn 1", "Bản Nà Lang" and "Na Lang" are one village), or by the
records' own village id. A village is placed where its rows give a position (longitude, latitude);
the others have no location (``located`` False): they are counted, listed and searched, shade their
communes, but are not drawn as markers.
"""

from __future__ import annotations

import logging
import re

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from dxmap.io.boundaries import boundary_version
from dxmap.labels import label, log_said, row_places
from dxmap.reconcile.former import OTHER, UNKNOWN, former_of, has_former
from dxmap.reconcile.match import far_from_commune, record_communes
from dxmap.reconcile.versions import declared_versions
from dxmap.validate.dates import preview_in
from dxmap.validate.text import (fold, name_key_series, nfc_series, per_distinct, says_whole_commune_series,
                                 strip_prefix, village_kind)
from dxmap.validate.vocab import Level

__all__ = ["villages_from_records"]

log = logging.getLogger(__name__)


def villages_from_records(records: pd.DataFrame, communes: gpd.GeoDataFrame, *, records_version: str | None = None,
                          crosswalk: pd.DataFrame | None = None) -> gpd.GeoDataFrame | None:
    """The villages that the village-level records name, as a village layer.

    A village is a commune (found as :func:`~dxmap.reconcile.match.reconcile` finds it: by code, else by
    name and district) and a village name, compared by :func:`~dxmap.validate.text.village_key` ("Thôn 01"
    is "thon 1"; "Thôn 1" and "Tổ dân phố 1" are two villages). A row that gives only a village id names
    none: :func:`~dxmap.reconcile.match.reconcile` matches it when the id is a village's. Rows the reader
    marked to ignore (totals, headings) name none.

    Parameters
    ----------
    records
        Status records in dxmap's schema (:func:`~dxmap.io.records.read_records`).
    communes
        The commune layer the records are reconciled with.
    records_version, crosswalk
        As for :func:`~dxmap.reconcile.match.reconcile`.

    Returns
    -------
    geopandas.GeoDataFrame or None
        ``village_id`` (the records' own id where a village's rows give one id that no other village has,
        else ``"<commune code>-<name>"``: ``"02635-thon-1"``), ``name`` (the spelling most rows give),
        ``commune_code``, ``located`` and ``geometry``: the median of the positions its rows give, in the
        communes' CRS, else empty (``located`` False). One row per village, in the order the records first
        name them; None when no record names a village in a known commune. Where records of the 2025-07 units name
        former communes (a "Xã cũ" column), a village is also its former commune: ``former_commune_code`` and
        ``former_commune_name`` are added (the commune layer's where its ``old_codes``/``old_names`` list it), and
        the made id says it (``"02683-ban-vuoc-thon-1"``); a row that names none beside namesakes of several former
        communes names no village (reconcile finds it ambiguous).
    """
    level = records["level"].astype("string").eq(Level.VILLAGE.value).fillna(False).to_numpy(dtype=bool)
    if "ignore_reason" in records.columns:
        level &= records["ignore_reason"].isna().to_numpy()
    if not level.any():
        return None
    commune = record_communes(records, communes, records_version=records_version, crosswalk=crosswalk)
    rows = pd.DataFrame({"commune_code": commune.to_numpy(),
                         "name": nfc_series(_text(records["village_name"])).to_numpy(),
                         "village_id": _text(records["village_id"]).to_numpy(),
                         **{c: pd.to_numeric(records[c], errors="coerce").to_numpy() if c in records.columns else np.nan
                            for c in ("lon", "lat")}})
    former = _former(records, commune, communes, records_version, level)
    if former is not None:
        rows = rows.join(former[["former_key", "former_commune_code", "former_commune_name"]])
    rows = rows[level & commune.notna().to_numpy()]
    rows = rows[rows["name"].notna()]  # a row of an id alone is matched by that id, if it is a village's
    if rows.empty:
        return None
    # one name key of a commune is one village, unless its names say two kinds ("Thôn 1", "Tổ dân phố 1"): then one
    # per kind, and a name of no kind ("1") names neither (reconcile finds it ambiguous)
    rows["key"] = rows["commune_code"] + "\t" + name_key_series(rows["name"])
    if former is not None:
        rows = _of_former_communes(rows)
    kind = per_distinct(rows["name"], village_kind).fillna("")
    kinds = kind[kind.ne("")].groupby(rows["key"]).nunique()
    split = rows["key"].map(kinds).fillna(0).gt(1)
    rows = rows[~(split & kind.eq(""))]
    rows["key"] = rows["key"].where(~split[rows.index], rows["key"] + "\t" + kind[rows.index])
    # a village cell that says the whole commune ("Toàn xã", or the commune's own name: a sheet's row for the commune)
    # names no village
    commune_name = rows["commune_code"].map(communes.drop_duplicates("code").set_index("code")["name"])
    rows = rows[~says_whole_commune_series(rows["name"], commune_name)]
    if rows.empty:
        return None
    groups = rows.groupby("key", sort=False)
    # the spelling most rows give ("Thôn 1" over one row's "Thôn 01"), the first of equals
    spelt = rows.groupby(["key", "name"], sort=False).size().reset_index(name="n")
    spelt = spelt.sort_values("n", ascending=False, kind="stable").drop_duplicates("key")
    out = pd.DataFrame({"commune_code": groups["commune_code"].first()})
    out["name"] = spelt.set_index("key")["name"].reindex(out.index)
    if former is not None:  # the former commune its rows name: most rows' spelling, the layer's where it knows it
        for col in ("former_commune_code", "former_commune_name"):
            out[col] = rows.dropna(subset=[col]).groupby("key")[col].agg(lambda v: v.mode().iloc[0]).reindex(out.index)
    out["village_id"] = _ids(out, rows)
    # where the rows give a position (Kinh độ, Vĩ độ) in their commune, the village is there: the median of its rows'
    _drop_positions_outside(rows, records, communes)
    where = rows.dropna(subset=["lon", "lat"]).groupby("key")[["lon", "lat"]].median().reindex(out.index)
    located = where.notna().all(axis=1).to_numpy()
    points = np.full(len(out), None, dtype=object)
    points[located] = shapely.points(where["lon"].to_numpy()[located], where["lat"].to_numpy()[located])
    kept = ["village_id", "name", "commune_code"]
    if former is not None:
        kept += ["former_commune_code", "former_commune_name"]
    out = out.reset_index(drop=True)[kept].assign(located=located)
    return gpd.GeoDataFrame(out, geometry=gpd.GeoSeries(points, crs="EPSG:4326").to_crs(communes.crs))


def _former(records: pd.DataFrame, commune: pd.Series, communes: gpd.GeoDataFrame, records_version: str | None,
            level: np.ndarray) -> pd.DataFrame | None:
    """Each record's former commune (:func:`~dxmap.reconcile.former.former_of`), by position, where the records name
    former communes and are not written for the 2024 units (whose communes are the former communes themselves); None
    where none is named. Village rows whose former commune is not one of their commune's are named in a warning: the
    row's commune and village still place it, and the former commune still tells it from its namesakes, but one of the
    two cells is wrong."""
    if not has_former(records):
        return None
    version = declared_versions(records, records_version).fillna(boundary_version(communes) or "")
    found = former_of(records, commune, communes)
    found.loc[version.eq("2024").to_numpy(), ["key", "code", "name", "standing", "now"]] = pd.NA
    if found["key"].isna().all():
        return None
    found = found.rename(columns={"key": "former_key", "code": "former_commune_code", "name": "former_commune_name"})
    wrong = np.flatnonzero(level & commune.notna().to_numpy() & found["standing"].isin([OTHER, UNKNOWN]).to_numpy())
    if len(wrong):
        _warn_former_elsewhere(records, commune, communes, found, wrong)
    return found


def _warn_former_elsewhere(records: pd.DataFrame, commune: pd.Series, communes: gpd.GeoDataFrame,
                           found: pd.DataFrame, wrong: np.ndarray) -> None:
    """One warning naming the rows (up to 5, and how many) whose former commune is not one of their commune's: where
    that former commune went, or that no unit lists it, and the row's commune's own former communes."""
    names = communes.drop_duplicates("code").set_index("code")["name"]
    olds = communes.drop_duplicates("code").set_index("code")["old_names"]
    at = records.iloc[wrong]
    if {"file", "row"} <= set(at.columns):  # a line of a wide sheet is several records: named once
        wrong = wrong[~at.duplicated(["file", "row"]).to_numpy()]
        at = records.iloc[wrong]
        where = {lg: row_places(at["file"], at["row"], lg) for lg in ("vi", "en")}
    else:
        where = dict.fromkeys(("vi", "en"), [str(i) for i in wrong])

    def one(lg: str, k: int, i: int) -> str:
        own = commune.iloc[i]
        given = found["former_commune_name"].iloc[i]
        given = given if pd.notna(given) else found["former_commune_code"].iloc[i]
        listed = "; ".join(strip_prefix(n.strip()) for n in str(olds.get(own, "")).split(";") if n.strip())
        now = found["now"].iloc[i]
        key = "log_former_of_other" if pd.notna(now) else "log_former_unknown"
        return label(key, lg, row=where[lg][k], former=repr(str(given)), commune=str(names.get(own, own)),
                     now=str(names.get(now, now)) if pd.notna(now) else "", listed=listed)

    lines = {lg: [one(lg, k, i) for k, i in enumerate(wrong[:5])] for lg in ("vi", "en")}
    log_said(log, logging.WARNING, "log_former_elsewhere", n=len(wrong),
             rows=lambda lg: "; ".join(lines[lg]) + ("; …" if len(wrong) > 5 else ""))


def _of_former_communes(rows: pd.DataFrame) -> pd.DataFrame:
    """``rows`` keyed by their former commune too: a commune's villages of one name from two former communes are two
    villages ("Thôn 1" of Bản Vược, of Quang Kim). A row that names no former commune beside such namesakes names
    none of them (reconcile finds it ambiguous); beside one village of that name, it is that village's."""
    with_former = rows["former_key"].notna()
    per_key = rows.loc[with_former, "former_key"].groupby(rows.loc[with_former, "key"]).nunique()
    several = rows["key"].map(per_key).fillna(0).to_numpy()
    rows = rows[~(~with_former.to_numpy() & (several > 1))]
    # the one village of a name that a former commune is given for takes the rows of that name that give none
    lone = rows["former_key"].isna() & rows["key"].map(per_key).fillna(0).eq(1)
    only = rows.loc[rows["former_key"].notna()].groupby("key")["former_key"].first()
    rows = rows.assign(former_key=rows["former_key"].mask(lone, rows["key"].map(only)))
    return rows.assign(key=rows["key"] + "\t" + rows["former_key"].fillna(""))


def _drop_positions_outside(rows: pd.DataFrame, records: pd.DataFrame, communes: gpd.GeoDataFrame) -> None:
    """Blank the positions of ``rows`` that lie well outside their commune (:func:`far_from_commune`), and name those
    rows in a warning: longitude and latitude swapped, or a point of another commune, would place a village where it
    is not (QA34: at latitude 103.6, widening the printed map to the Arctic)."""
    xy = rows[["lon", "lat"]].to_numpy(dtype=float)
    out = rows.index[far_from_commune(np.hstack([xy, xy]), rows["commune_code"], communes)]
    if not len(out):
        return
    rows.loc[out, ["lon", "lat"]] = np.nan
    if {"file", "row"} <= set(records.columns):  # a line of a wide sheet is several records: named once (QA35)
        at = records.loc[records.index[out]]
        places = {lg: row_places(at["file"], at["row"], lg) for lg in ("vi", "en")}
    else:
        places = dict.fromkeys(("vi", "en"), [str(i) for i in out])
    log_said(log, logging.WARNING, "log_village_position_outside", n=len(places["en"]),
             rows=lambda lg: preview_in(places[lg], lg, quoted=False))


def _slug(name: str) -> str:
    """A name in an id: "Thôn Nà Lang" → "thon-na-lang"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def _text(values: pd.Series) -> pd.Series:
    """A column as text, blanks as missing."""
    text = values.astype("string").str.strip()
    return text.mask(text.eq(""))


def _ids(villages: pd.DataFrame, rows: pd.DataFrame) -> pd.Series:
    """Each village's id: the records' own where its rows give it one id that names no other village, else made from
    its commune and name (``02635-thon-1``); made ids that would repeat another take ``-2``, ``-3``."""
    given = rows.dropna(subset=["village_id"])
    ids = given.groupby("key")["village_id"]
    per_key = ids.first().where(ids.nunique().eq(1))
    keys_per_id = given.groupby("village_id")["key"].nunique()
    own = per_key[per_key.map(keys_per_id).eq(1)].reindex(villages.index)
    made = villages["commune_code"] + "-" + per_distinct(villages["name"], _slug)
    if "former_commune_name" in villages.columns:  # "02683-ban-vuoc-thon-1": which "Thôn 1" of the commune it is
        former = villages["former_commune_name"].fillna(villages["former_commune_code"])
        made = made.where(former.isna(), villages["commune_code"] + "-" + per_distinct(former, _slug) + "-"
                          + per_distinct(villages["name"], _slug))
    ids = own.fillna(made)
    seen = ids.groupby(ids).cumcount()
    return ids.where(seen.eq(0), ids + "-" + (seen + 1).astype(str))

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

import re

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from dxmap.reconcile.match import record_communes
from dxmap.validate.text import fold, nfc, per_distinct, village_key
from dxmap.validate.vocab import Level

__all__ = ["villages_from_records"]


def villages_from_records(records: pd.DataFrame, communes: gpd.GeoDataFrame, *, records_version: str | None = None,
                          crosswalk: pd.DataFrame | None = None) -> gpd.GeoDataFrame | None:
    """The villages that the village-level records name, as a village layer without locations.

    A village is a commune (found as :func:`~dxmap.reconcile.match.reconcile` finds it: by code, else by
    name and district) and a village name, compared by :func:`~dxmap.validate.text.village_key` ("Thôn 01"
    is "thon 1"; "Thôn 1" and "Tổ dân phố 1" are two villages). A row that
    gives only a village id names none: :func:`~dxmap.reconcile.match.reconcile` matches it when the id is a
    village's. Rows the reader marked to ignore (totals, headings) name none.

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
        ``village_id`` (the records' own id where a village's rows give one id that no other village has, else
        ``"<commune code>-<name>"``,
        ``"02635-thon-1"``), ``name`` (the spelling most rows give), ``commune_code``, ``located`` and
        ``geometry``: the median of the positions its rows give, in the communes' CRS, else empty (``located``
        False); one row per village, in the order the records first
        name them. None when no record names a village in a known commune.
    """
    level = records["level"].astype("string").eq(Level.VILLAGE.value).fillna(False).to_numpy(dtype=bool)
    if "ignore_reason" in records.columns:
        level &= records["ignore_reason"].isna().to_numpy()
    if not level.any():
        return None
    commune = record_communes(records, communes, records_version=records_version, crosswalk=crosswalk)
    rows = pd.DataFrame({"commune_code": commune.to_numpy(),
                         "name": _text(records["village_name"]).map(nfc, na_action="ignore").to_numpy(),
                         "village_id": _text(records["village_id"]).to_numpy(),
                         **{c: pd.to_numeric(records[c], errors="coerce").to_numpy() if c in records.columns else np.nan
                            for c in ("lon", "lat")}})[level & commune.notna().to_numpy()]
    rows = rows[rows["name"].notna()]  # a row of an id alone is matched by that id, if it is a village's
    if rows.empty:
        return None
    rows["key"] = rows["commune_code"] + "\t" + per_distinct(rows["name"], village_key)
    groups = rows.groupby("key", sort=False)
    # the spelling most rows give ("Thôn 1" over one row's "Thôn 01"), the first of equals
    spelt = rows.groupby(["key", "name"], sort=False).size().reset_index(name="n")
    spelt = spelt.sort_values("n", ascending=False, kind="stable").drop_duplicates("key")
    out = pd.DataFrame({"commune_code": groups["commune_code"].first()})
    out["name"] = spelt.set_index("key")["name"].reindex(out.index)
    out["village_id"] = _ids(out, rows)
    # where the rows give a position (Kinh độ, Vĩ độ), the village is there: the median of its rows'
    where = rows.dropna(subset=["lon", "lat"]).groupby("key")[["lon", "lat"]].median().reindex(out.index)
    located = where.notna().all(axis=1).to_numpy()
    points = np.full(len(out), None, dtype=object)
    points[located] = shapely.points(where["lon"].to_numpy()[located], where["lat"].to_numpy()[located])
    out = out.reset_index(drop=True)[["village_id", "name", "commune_code"]].assign(located=located)
    return gpd.GeoDataFrame(out, geometry=gpd.GeoSeries(points, crs="EPSG:4326").to_crs(communes.crs))


def _text(values: pd.Series) -> pd.Series:
    """A column as text, blanks as missing."""
    text = values.astype("string").str.strip()
    return text.mask(text.eq(""))


def _ids(villages: pd.DataFrame, rows: pd.DataFrame) -> pd.Series:
    """Each village's id: the records' own where its rows give it one id that names no other village, else made from
    its commune and name (``02635-thon-1``); made ids that would repeat another take ``-2``, ``-3``."""
    given = rows.dropna(subset=["village_id"])
    per_key = given.groupby("key")["village_id"].agg(lambda ids: ids.iloc[0] if ids.nunique() == 1 else None)
    keys_per_id = given.groupby("village_id")["key"].nunique()
    own = per_key[per_key.map(keys_per_id).eq(1)].reindex(villages.index)
    made = villages["commune_code"] + "-" + villages["name"].map(lambda n: re.sub(r"[^a-z0-9]+", "-", fold(n)).strip("-"))
    ids = own.fillna(made)
    seen = ids.groupby(ids).cumcount()
    return ids.where(seen.eq(0), ids + "-" + (seen + 1).astype(str))

"""The village list of a province that has no village layer: the villages its records name.

No open village data exists for Lào Cai, and many provinces' village lists are the status sheets
themselves: one row per thôn/bản, in its commune. :func:`villages_from_records` makes the village
layer those rows describe, keyed as DESIGN.md keys villages without a national code: by commune and
normalised name ("Thôn 01" and "Thôn 1", "Bản Nà Lang" and "Na Lang" are one village), or by the
records' own village id. Its villages have no location (``located`` False): they are counted, listed
and searched, shade their communes, but are not drawn as markers.
"""

from __future__ import annotations

import re

import geopandas as gpd
import numpy as np
import pandas as pd

from dxmap.reconcile.match import record_communes
from dxmap.validate.text import fold, name_key_series, nfc
from dxmap.validate.vocab import Level

__all__ = ["villages_from_records"]


def villages_from_records(records: pd.DataFrame, communes: gpd.GeoDataFrame, *, records_version: str | None = None,
                          crosswalk: pd.DataFrame | None = None) -> gpd.GeoDataFrame | None:
    """The villages that the village-level records name, as a village layer without locations.

    A village is a commune (found as :func:`~dxmap.reconcile.match.reconcile` finds it: by code, else by
    name and district) and a village name, compared as :func:`~dxmap.validate.text.name_key` compares
    them; a row that gives only a village id is the village given that id (with a name) in another row,
    else a village of its own. Rows the reader marked to ignore (totals, headings) name none.

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
        ``village_id`` (the records' own id where one village has it, else ``"<commune code>-<name>"``,
        ``"02635-thon-1"``), ``name`` (the spelling most rows give), ``commune_code``, ``located`` (False) and
        an empty ``geometry``, in the communes' CRS; one row per village, in the order the records first
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
                         "village_id": _text(records["village_id"]).to_numpy()})[level & commune.notna().to_numpy()]
    rows = rows[rows["name"].notna() | rows["village_id"].notna()]
    if rows.empty:
        return None
    named = rows["name"].notna()
    rows["key"] = (rows["commune_code"] + "\t" + name_key_series(rows["name"])).where(named)
    # a row of an id alone is the village that id names, in its commune, where another row gives the id a name
    by_id = rows[named & rows["village_id"].notna()].drop_duplicates(["commune_code", "village_id"])
    known = rows.loc[~named, ["commune_code", "village_id"]].merge(by_id[["commune_code", "village_id", "key"]], on=["commune_code", "village_id"],
                               how="left")["key"].to_numpy()
    rows.loc[~named, "key"] = np.where(pd.isna(known), rows.loc[~named, "commune_code"] + "\t#"
                                       + rows.loc[~named, "village_id"], known)
    groups = rows.groupby("key", sort=False)
    # the spelling most rows give ("Thôn 1" over one row's "Thôn 01"), the first of equals
    spelt = rows.groupby(["key", "name"], sort=False).size().reset_index(name="n")
    spelt = spelt.sort_values("n", ascending=False, kind="stable").drop_duplicates("key")
    out = pd.DataFrame({"commune_code": groups["commune_code"].first()})
    out["name"] = spelt.set_index("key")["name"].reindex(out.index).fillna(groups["village_id"].first())
    out["village_id"] = _ids(out, groups["village_id"].first(), rows)
    out = out.reset_index(drop=True)[["village_id", "name", "commune_code"]].assign(located=False)
    return gpd.GeoDataFrame(out, geometry=gpd.GeoSeries([None] * len(out), crs=communes.crs), crs=communes.crs)


def _text(values: pd.Series) -> pd.Series:
    """A column as text, blanks as missing."""
    text = values.astype("string").str.strip()
    return text.mask(text.eq(""))


def _ids(villages: pd.DataFrame, given: pd.Series, rows: pd.DataFrame) -> pd.Series:
    """Each village's id: the records' own where it names that village alone, else made from its commune and name
    (``02635-thon-1``); made ids that would repeat another take ``-2``, ``-3``."""
    one = rows.dropna(subset=["village_id"]).groupby("village_id")["key"].nunique()
    own = given.where(given.map(one).eq(1).fillna(False).astype(bool))
    made = villages["commune_code"] + "-" + villages["name"].map(lambda n: re.sub(r"[^a-z0-9]+", "-", fold(n).lower())
                                                                 .strip("-"))
    ids = own.fillna(made)
    seen = ids.groupby(ids).cumcount()
    return ids.where(seen.eq(0), ids + "-" + (seen + 1).astype(str))

"""The units of a 2024 picture and of a picture of records written for the 2025-07 units, matched to each other.

A 2024 round moved into the 2025-07 units (:func:`~dxmap.reconcile.versions.crosswalk_status`) keeps its own ids: a
village is its 2024 commune and name, a standard LAN one row per former commune. A round typed for the 2025-07
communes keys a village by its new commune, the former commune the sheet gives ("Xã cũ") and its name, and a LAN by
the new commune. :func:`across_versions` re-keys the first picture to the second's units, so that the two can be
compared unit by unit (:func:`~dxmap.gaps.change.change_status`):

- a village by (new commune, former commune, name) where the later sheet names its former commune, else by (new
  commune, name) when that is one village on each side; names compared by :func:`~dxmap.validate.text.name_key`
  ("Thôn 01" is "thôn 1"). A village found on one side only, or on several, is never merged: it is listed with why;
- a standard LAN per 2025-07 commune: it lacked one at the earlier date when **any** of its former communes did
  (one of their offices is the new commune's, and the data does not say which); else it is unknown when any of them
  has no record, else the least of their statuses (weak, planned, covered).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from dxmap.validate.text import name_key_series
from dxmap.validate.vocab import Level, Status

__all__ = ["across_versions", "merged_status", "Across", "EARLIER_ID"]

EARLIER_ID = "2024:"  # the id of a village of the earlier picture that matches none of the later one's


class Across:
    """How a village of either picture was matched (the ``how`` of :func:`across_versions`' table)."""

    FORMER = "former_commune"  # new commune, former commune and name
    NAME = "name"  # new commune and name, one village of that name on each side
    EARLIER_ONLY = "earlier_only"  # a village of the 2024 records that the 2025-07 records do not name
    LATER_ONLY = "later_only"  # a village of the 2025-07 records that the 2024 records do not name
    AMBIGUOUS = "ambiguous"  # several villages of that name on the other side: not merged
    UNPLACED = "unplaced"  # a 2024 village the crosswalk placed in no 2025-07 commune


# the order a merged LAN status takes: a gap anywhere first, then no record anywhere, then the least known status
_MERGE_ORDER = [Status.NONE.value, Status.UNKNOWN.value, Status.WEAK.value, Status.PLANNED.value, Status.COVERED.value]


def merged_status(statuses: pd.Series) -> str:
    """One status of a 2025-07 commune made of the statuses of its former communes (:data:`_MERGE_ORDER`): ``none``
    when any of them is, ``unknown`` when any has no record, else the least of the others."""
    have = set(statuses.astype(str))
    return next((s for s in _MERGE_ORDER if s in have), Status.UNKNOWN.value)


def _villages(status: pd.DataFrame, layer: pd.DataFrame | None, former: str | None) -> pd.DataFrame:
    """One row per village of ``status``: ``unit_id``, ``commune_code``, ``former`` (the former commune's code, from
    the status' ``former`` column or the layer's ``former_commune_code``) and ``key`` (its name's, the layer's own
    name where the layer has it: the status' may carry "(former commune)")."""
    rows = status.loc[status["level"].eq(Level.VILLAGE.value)].drop_duplicates("unit_id")
    out = pd.DataFrame({"unit_id": rows["unit_id"].astype("string").to_numpy(),
                        "commune_code": rows["commune_code"].astype("string").to_numpy(),
                        "name": rows["name"].astype("string").to_numpy()})
    if layer is not None and "village_id" in layer.columns:
        info = layer.drop_duplicates("village_id")
        info.index = pd.Index(info["village_id"].astype("string"))
        out["name"] = out["unit_id"].map(info["name"].astype("string")).fillna(out["name"])
        if former is None and "former_commune_code" in info.columns:
            out["former"] = out["unit_id"].map(info["former_commune_code"].astype("string"))
    if former is not None:
        out["former"] = rows[former].astype("string").to_numpy()
    if "former" not in out.columns:
        out["former"] = pd.Series(pd.NA, index=out.index, dtype="string")
    out = out.astype("string")  # one type on both sides, also when a round has no villages
    return out.assign(key=name_key_series(out["name"]).astype("string"))


def _one_to_one(pairs: pd.DataFrame) -> tuple[pd.DataFrame, pd.Index, pd.Index]:
    """The pairs of ``pairs`` (``before``, ``after`` ids) in which each id is found once; the ids of the other pairs
    on each side (ambiguous: a village with several namesakes on the other side, and those namesakes)."""
    one = (pairs["before"].map(pairs["before"].value_counts()).eq(1)
           & pairs["after"].map(pairs["after"].value_counts()).eq(1))
    return pairs[one], pd.Index(pairs.loc[~one, "before"].unique()), pd.Index(pairs.loc[~one, "after"].unique())


def across_versions(before: gpd.GeoDataFrame, after: gpd.GeoDataFrame, *,
                    before_villages: pd.DataFrame | None = None,
                    after_villages: pd.DataFrame | None = None) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """``before`` (a 2024 status moved into the 2025-07 units) re-keyed to the units of ``after`` (a status of
    records written for the 2025-07 units), and how each village was matched.

    Parameters
    ----------
    before
        :func:`~dxmap.reconcile.versions.crosswalk_status`' table (``commune_code`` the 2025-07 unit,
        ``old_commune_code`` the former commune).
    after
        :func:`~dxmap.gaps.status.unit_status` of the 2025-07 records on the 2025-07 units.
    before_villages, after_villages
        The village layers of each (their ``name``; the later one's ``former_commune_code``, from a "Xã cũ" column).

    Returns
    -------
    tuple
        The re-keyed ``before``: a matched village takes its later ``unit_id``; a village matched with none keeps
        its own, prefixed :data:`EARLIER_ID` (so that no later village is taken for it); commune-level rows are one
        per 2025-07 commune and technology (:func:`merged_status` of its former communes, with ``former_none`` and
        ``former_n``: how many of them had none, and how many there were). And a table of every village of
        either picture: ``side`` ("earlier", "later"), ``unit_id``, ``commune_code``, ``name``, ``how``
        (:class:`Across`) and ``matched_id`` (the other side's id).
    """
    b = _villages(before, before_villages, "old_commune_code")
    a = _villages(after, after_villages, None)
    placed = b["commune_code"].notna()
    pairs = []
    ambiguous_b, ambiguous_a = pd.Index([]), pd.Index([])
    with_former = a[a["former"].notna()]
    hit = with_former.merge(b[placed], on=["commune_code", "former", "key"], suffixes=("_a", "_b"))
    one, amb_b, amb_a = _one_to_one(pd.DataFrame({"before": hit["unit_id_b"], "after": hit["unit_id_a"]}))
    pairs.append(one.assign(how=Across.FORMER))
    ambiguous_b, ambiguous_a = ambiguous_b.union(amb_b), ambiguous_a.union(amb_a)
    done_b = set(one["before"]) | set(amb_b)
    done_a = set(one["after"]) | set(amb_a)
    # by name alone where the later sheet gives no former commune: only one village of that name on each side
    rest_a = a[a["former"].isna() & ~a["unit_id"].isin(done_a)]
    rest_b = b[placed & ~b["unit_id"].isin(done_b)]
    hit = rest_a.merge(rest_b, on=["commune_code", "key"], suffixes=("_a", "_b"))
    one, amb_b, amb_a = _one_to_one(pd.DataFrame({"before": hit["unit_id_b"], "after": hit["unit_id_a"]}))
    pairs.append(one.assign(how=Across.NAME))
    ambiguous_b, ambiguous_a = ambiguous_b.union(amb_b), ambiguous_a.union(amb_a)
    matched = pd.concat(pairs, ignore_index=True).astype({"before": "string", "after": "string"})

    to_after, to_before = matched.set_index("before")["after"], matched.set_index("after")["before"]
    how_before = matched.set_index("before")["how"].astype("string")
    how_after = matched.set_index("after")["how"].astype("string")
    earlier = b.assign(side="earlier", matched_id=b["unit_id"].map(to_after).astype("string"),
                       how=b["unit_id"].map(how_before).astype("string"))
    earlier["how"] = earlier["how"].fillna(pd.Series(np.select(
        [~placed, earlier["unit_id"].isin(ambiguous_b)], [Across.UNPLACED, Across.AMBIGUOUS], Across.EARLIER_ONLY),
        index=earlier.index, dtype="string"))
    later = a.assign(side="later", matched_id=a["unit_id"].map(to_before).astype("string"),
                     how=a["unit_id"].map(how_after).astype("string"))
    later["how"] = later["how"].fillna(pd.Series(np.where(later["unit_id"].isin(ambiguous_a), Across.AMBIGUOUS,
                                                          Across.LATER_ONLY), index=later.index, dtype="string"))
    table = pd.concat([earlier, later], ignore_index=True)[
        ["side", "unit_id", "commune_code", "former", "name", "how", "matched_id"]]

    out = before.copy()
    villages = out["level"].eq(Level.VILLAGE.value).to_numpy(dtype=bool)
    ids = out["unit_id"].astype("string")
    new_ids = ids.map(to_after).astype("string")
    out["unit_id"] = ids.where(~villages, new_ids.fillna(EARLIER_ID + ids))
    return _per_commune(out), table


def _per_commune(status: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The commune-level rows of ``status`` (one per former commune) as one row per 2025-07 commune and technology:
    :func:`merged_status`, the latest record's date, ``former_none`` and ``former_n``. A former commune placed in no
    2025-07 commune keeps its own row, its id prefixed :data:`EARLIER_ID`."""
    rows = status["level"].eq(Level.COMMUNE.value).to_numpy(dtype=bool)
    lan = status[rows & status["commune_code"].notna().to_numpy(dtype=bool)]
    lost = status[rows & status["commune_code"].isna().to_numpy(dtype=bool)]
    if lan.empty:
        return status
    keys = ["commune_code", "technology"]
    grouped = lan.groupby(keys, sort=False)
    merged = lan.drop_duplicates(keys).set_index(keys)
    merged["status"] = grouped["status"].agg(merged_status)
    merged["status_date"] = grouped["status_date"].max()
    merged["former_none"] = grouped["status"].agg(lambda s: int(s.eq(Status.NONE.value).sum()))
    merged["former_n"] = grouped.size()
    merged = merged.reset_index()
    merged["unit_id"] = merged["commune_code"]
    merged["name"] = merged["commune_name"]
    lost = lost.assign(unit_id=EARLIER_ID + lost["unit_id"].astype("string"))
    frame = pd.concat([status[~rows], merged[status.columns.tolist() + ["former_none", "former_n"]], lost],
                      ignore_index=True)
    return gpd.GeoDataFrame(frame, geometry=status.geometry.name, crs=status.crs)

"""Reconciliation: which status record belongs to which commune or village, and why not when it doesn't.

:func:`reconcile` returns one row per input record, always: nothing is dropped. Each row has an
``outcome`` (see :class:`Outcome`), the unit it matched (``unit_id``, ``matched_commune_code``),
``method`` (code, name, location) and a ``reason`` a person can act on.

Matching order for the commune: GSO code, then normalised name within the district, then the
polygon containing lon/lat. For a village record, then: village id, then normalised name within
the commune, then the village polygon containing lon/lat. A name that fits two units is reported as
ambiguous, never guessed.
"""

from __future__ import annotations

import logging
from enum import Enum

import geopandas as gpd
import pandas as pd

from dxmap.errors import SchemaError
from dxmap.text import name_key, nfc
from dxmap.vocab import Level, Technology

__all__ = ["reconcile", "Outcome", "outcome_counts"]

log = logging.getLogger(__name__)


class Outcome(str, Enum):
    """What happened to one status record."""

    MATCHED = "matched"
    UNMATCHED = "unmatched"
    AMBIGUOUS = "ambiguous"
    DUPLICATE = "duplicate"
    CONFLICT = "conflict"
    IGNORED = "ignored"


class _State:
    """Per-record resolution state; rows are settled once and never overwritten."""

    def __init__(self, records: pd.DataFrame) -> None:
        n = len(records)
        self.idx = records.index
        self.commune = pd.Series(pd.NA, index=self.idx, dtype="string")
        self.unit = pd.Series(pd.NA, index=self.idx, dtype="string")
        self.method = pd.Series(pd.NA, index=self.idx, dtype="string")
        self.outcome = pd.Series(pd.NA, index=self.idx, dtype="string")
        self.reason = pd.Series(pd.NA, index=self.idx, dtype="string")
        self.n = n

    def open(self) -> pd.Series:
        return self.outcome.isna()

    def settle(self, mask: pd.Series, outcome: Outcome, reason: pd.Series | str) -> None:
        mask = mask & self.open()
        self.outcome[mask] = outcome.value
        self.reason[mask] = reason[mask] if isinstance(reason, pd.Series) else reason


def _exact(text: object) -> str:
    return nfc(str(text)).lower() if isinstance(text, str) else ""


def _prefer_exact(cand: pd.DataFrame, key: str, exact_cols: tuple[str, ...]) -> pd.DataFrame:
    """Where a folded name fits several units, keep those spelt exactly as the record spells them.

    "Sa Pa" and "Sa Pả" are two wards that fold alike; a record that writes the diacritics picks
    one, a record without them stays ambiguous.
    """
    hit = pd.Series(False, index=cand.index)
    for col in exact_cols:
        hit |= cand[col].eq(cand["want_exact"]).fillna(False)
    several = cand.groupby("_i")[key].transform("nunique").gt(1)
    has_exact = hit.groupby(cand["_i"]).transform("any")
    return cand[~(several & has_exact) | hit]


def _count_candidates(cand: pd.DataFrame, key: str) -> tuple[pd.Series, pd.Series, pd.Series]:
    """For candidate pairs (record index ``_i`` → unit ``key``): count, the unique unit, a short list."""
    cand = cand.drop_duplicates(["_i", key])
    grouped = cand.groupby("_i")[key]
    return grouped.size(), grouped.first(), grouped.agg(lambda s: ", ".join(sorted(map(str, s))[:5]))


def reconcile(
    records: pd.DataFrame,
    communes: gpd.GeoDataFrame,
    villages: gpd.GeoDataFrame | None = None,
) -> pd.DataFrame:
    """Match status records to communes and villages; report every record's outcome.

    Parameters
    ----------
    records
        Status records in dxmap's schema (from :func:`read_records`).
    communes
        Commune layer with ``code``, ``name``, ``district_code``, ``district_name``, ``map_unit``
        (from :func:`load_communes` or :func:`as_communes`).
    villages
        Village layer (points or polygons) with ``village_id``, ``name``, ``commune_code``;
        needed for village-level records.

    Returns
    -------
    pandas.DataFrame
        The records with ``outcome``, ``unit_id``, ``matched_commune_code``, ``method``, ``reason``
        added; exactly one row per input record, in input order.
    """
    missing = {"code", "name", "district_code", "district_name"} - set(communes.columns)
    if missing:
        raise SchemaError(f"communes: missing columns {sorted(missing)}. Pass the layer through dxmap.as_communes() first.")
    rec = records.reset_index(drop=True)
    st = _State(rec)
    _match_communes(rec, communes, st)
    is_village = rec["level"].eq(Level.VILLAGE.value)
    _match_villages(rec, villages, st, is_village)

    commune_level = ~is_village & st.commune.notna() & st.open()
    st.unit[commune_level] = st.commune[commune_level]
    # A record at another level than the technology is counted at is kept but not used.
    counted_level = rec["technology"].map(lambda t: Technology(t).level.value)
    wrong_level = st.unit.notna() & rec["level"].ne(counted_level)
    st.settle(
        wrong_level,
        Outcome.IGNORED,
        "a " + rec["level"] + "-level record, but " + rec["technology"] + " is counted per " + counted_level,
    )
    _mark_duplicates(rec, st)
    st.settle(st.unit.notna(), Outcome.MATCHED, "")

    out = records.reset_index(drop=True).copy()
    out["outcome"] = st.outcome
    out["unit_id"] = st.unit
    out["matched_commune_code"] = st.commune
    out["method"] = st.method
    out["reason"] = st.reason.fillna("")
    counts = outcome_counts(out)
    log.info("reconciled %d records: %s", len(out), ", ".join(f"{k} {v}" for k, v in counts.items() if v))
    return out


def _match_communes(rec: pd.DataFrame, communes: gpd.GeoDataFrame, st: _State) -> None:
    full = communes["full_name"] if "full_name" in communes.columns else communes["name"]
    units = pd.DataFrame({
        "code": communes["code"].astype("string").values,
        "ckey": communes["name"].map(name_key).values,
        "exact": communes["name"].map(_exact).values,
        "exact_full": full.map(_exact, na_action="ignore").values,
        "district_code": communes["district_code"].astype("string").values,
        "dkey": communes["district_name"].map(name_key).values,
    })
    name_of = dict(zip(units["code"], communes["name"]))
    key_of = dict(zip(units["code"], units["ckey"]))

    # 1. by code
    code = rec["commune_code"]
    known = code.isin(units["code"])
    st.commune[known] = code[known]
    st.method[known] = "code"
    given_key = rec["commune_name"].map(name_key, na_action="ignore")
    clash = known & given_key.notna() & given_key.ne(code.map(key_of))
    st.settle(
        clash,
        Outcome.CONFLICT,
        "commune code " + code + " is " + code.map(name_of).fillna("") + " but the name says " + rec["commune_name"].fillna(""),
    )
    unknown_code = code.notna() & ~known

    # 2. by name within the district
    need = st.commune.isna() & given_key.notna() & st.open()
    if need.any():
        left = pd.DataFrame({"_i": rec.index[need], "ckey": given_key[need].values,
                             "want_exact": rec.loc[need, "commune_name"].map(_exact).values,
                             "want_dc": rec.loc[need, "district_code"].values,
                             "want_dk": rec.loc[need, "district_name"].map(name_key, na_action="ignore").values})
        cand = left.merge(units, on="ckey", how="inner")
        keep = (cand["want_dc"].isna() | cand["want_dc"].eq(cand["district_code"])) & (
            cand["want_dk"].isna() | cand["want_dk"].eq(cand["dkey"]))
        cand = _prefer_exact(cand[keep.fillna(False)], "code", ("exact", "exact_full"))
        n, first, listing = _count_candidates(cand, "code")
        n = n.reindex(rec.index, fill_value=0)
        one = need & n.eq(1)
        st.commune[one] = first.reindex(rec.index)[one]
        st.method[one] = "name"
        many = need & n.gt(1)
        st.settle(many, Outcome.AMBIGUOUS,
                  "commune name " + rec["commune_name"].fillna("") + " fits several communes (" + listing.reindex(rec.index).fillna("")
                  + "); add commune_code or district_name")

    # 3. by location
    need = st.commune.isna() & rec["lon"].notna() & rec["lat"].notna() & st.open()
    if need.any():
        pts = gpd.GeoDataFrame({"_i": rec.index[need]}, geometry=gpd.points_from_xy(rec.loc[need, "lon"], rec.loc[need, "lat"]),
                               crs="EPSG:4326")
        hit = gpd.sjoin(pts, communes[["code", "geometry"]].to_crs("EPSG:4326"), predicate="within", how="inner")
        n, first, listing = _count_candidates(hit.rename(columns={"code": "c"}), "c")
        n = n.reindex(rec.index, fill_value=0)
        one = need & n.eq(1)
        st.commune[one] = first.reindex(rec.index)[one]
        st.method[one] = "location"
        st.settle(need & n.gt(1), Outcome.AMBIGUOUS,
                  "the point lies in a polygon shared by several communes (" + listing.reindex(rec.index).fillna("")
                  + "); add commune_code")

    unresolved = st.commune.isna() & st.open()
    reason = pd.Series("no commune_code, commune_name or lon/lat to identify the commune", index=rec.index, dtype="string")
    reason[rec["commune_name"].notna()] = ("no commune named " + rec["commune_name"] + _in_district(rec))[rec["commune_name"].notna()]
    reason[unknown_code] = ("commune code " + code + " is not in the boundary set")[unknown_code]
    has_pt = rec["lon"].notna() & rec["lat"].notna() & rec["commune_name"].isna() & ~unknown_code
    reason[has_pt] = "the point lies outside every commune polygon"
    # Village records without commune info can still be placed by their village id.
    by_village_id = unresolved & rec["village_id"].notna() & rec["commune_code"].isna() & rec["commune_name"].isna()
    st.settle(unresolved & ~by_village_id, Outcome.UNMATCHED, reason)


def _in_district(rec: pd.DataFrame) -> pd.Series:
    d = rec["district_name"].fillna(rec["district_code"])
    return (" in district " + d).fillna("")


def _match_villages(rec: pd.DataFrame, villages: gpd.GeoDataFrame | None, st: _State, is_village: pd.Series) -> None:
    todo = is_village & st.open()
    if not todo.any():
        return
    if villages is None:
        st.settle(todo, Outcome.UNMATCHED, "a village record, but no village layer was given (pass villages=)")
        return
    vill = pd.DataFrame({
        "vid": villages["village_id"].astype("string").values,
        "vcommune": villages["commune_code"].astype("string").values,
        "vkey": villages["name"].map(name_key).values,
        "exact": villages["name"].map(_exact).values,
    })
    commune_of = dict(zip(vill["vid"], vill["vcommune"]))

    # by id
    vid = rec["village_id"]
    known = todo & vid.isin(vill["vid"])
    their_commune = vid.map(commune_of)
    clash = known & st.commune.notna() & st.commune.ne(their_commune)
    st.settle(clash, Outcome.CONFLICT,
              "village " + vid.fillna("") + " belongs to commune " + their_commune.fillna("") + ", not " + st.commune.fillna(""))
    ok = known & st.open()
    st.unit[ok] = vid[ok]
    st.commune[ok] = their_commune[ok]
    st.method[ok] = "code"  # from here on, method says how the village itself was found

    # by name within the commune
    vkey = rec["village_name"].map(name_key, na_action="ignore")
    need = todo & st.unit.isna() & st.commune.notna() & vkey.notna() & st.open()
    if need.any():
        left = pd.DataFrame({"_i": rec.index[need], "vcommune": st.commune[need].values, "vkey": vkey[need].values,
                             "want_exact": rec.loc[need, "village_name"].map(_exact).values})
        cand = _prefer_exact(left.merge(vill, on=["vcommune", "vkey"], how="inner"), "vid", ("exact",))
        n, first, listing = _count_candidates(cand, "vid")
        n = n.reindex(rec.index, fill_value=0)
        one = need & n.eq(1)
        st.unit[one] = first.reindex(rec.index)[one]
        st.method[one] = "name"
        st.settle(need & n.gt(1), Outcome.AMBIGUOUS,
                  "village name " + rec["village_name"].fillna("") + " fits several villages (" + listing.reindex(rec.index).fillna("")
                  + "); add village_id")

    # by location, when the village layer has polygons
    need = todo & st.unit.isna() & rec["lon"].notna() & rec["lat"].notna() & st.open()
    polygonal = villages.geom_type.isin(["Polygon", "MultiPolygon"]).any()
    if need.any() and polygonal:
        pts = gpd.GeoDataFrame({"_i": rec.index[need]}, geometry=gpd.points_from_xy(rec.loc[need, "lon"], rec.loc[need, "lat"]),
                               crs="EPSG:4326")
        hit = gpd.sjoin(pts, villages[["village_id", "commune_code", "geometry"]].to_crs("EPSG:4326"), predicate="within")
        same = hit["commune_code"].astype("string").values == st.commune.reindex(hit["_i"]).fillna(hit["commune_code"]).values
        n, first, listing = _count_candidates(hit[same].rename(columns={"village_id": "v"}), "v")
        n = n.reindex(rec.index, fill_value=0)
        one = need & n.eq(1)
        st.unit[one] = first.reindex(rec.index)[one]
        st.commune[one] = st.unit[one].map(commune_of)
        st.method[one] = "location"
        st.settle(need & n.gt(1), Outcome.AMBIGUOUS, "the point lies in several village polygons; add village_id")

    left_over = todo & st.unit.isna() & st.open()
    reason = pd.Series("no village_id, village_name or lon/lat to identify the village", index=rec.index, dtype="string")
    named = rec["village_name"].notna()
    reason[named] = ("no village named " + rec["village_name"] + " in commune " + st.commune.fillna("?"))[named]
    reason[vid.notna() & ~vid.isin(vill["vid"])] = ("village id " + vid + " is not in the village layer")[vid.notna()]
    st.settle(left_over, Outcome.UNMATCHED, reason)


def _mark_duplicates(rec: pd.DataFrame, st: _State) -> None:
    live = st.unit.notna() & st.open()
    key = pd.DataFrame({"level": rec["level"], "unit": st.unit, "tech": rec["technology"], "as_of": rec["as_of"]})[live]
    dup = key.duplicated(keep="first")
    if not dup.any():
        return
    first_row = key.reset_index().groupby(["level", "unit", "tech", "as_of"])["index"].transform("first")
    first_row.index = key.index
    where = rec.loc[first_row[dup].values, ["file", "row"]]
    reason = pd.Series(
        ("same unit, technology and date as row " + where["row"].astype(str) + " of " + where["file"].astype(str)).values,
        index=first_row[dup].index,
    ).reindex(rec.index)
    mask = pd.Series(False, index=rec.index)
    mask[dup[dup].index] = True
    st.settle(mask, Outcome.DUPLICATE, reason)


def outcome_counts(report: pd.DataFrame) -> dict[str, int]:
    """Records per outcome, every outcome listed (0 when none)."""
    counts = report["outcome"].value_counts()
    return {o.value: int(counts.get(o.value, 0)) for o in Outcome}

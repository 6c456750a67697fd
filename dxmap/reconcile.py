"""Reconciliation: which status record belongs to which commune or village, and why not when it doesn't.

:func:`reconcile` returns one row per input record, always: nothing is dropped. Each row has an
``outcome`` (see :class:`Outcome`), the unit it matched (``unit_id``, ``matched_commune_code``),
``method`` (code, name, location) and a ``reason`` a person can act on.

Matching order for the commune: GSO code, then normalised name within the district, then the
polygon containing lon/lat. For a village record, then: village id, then normalised name within
the commune, then the village polygon containing lon/lat. A name that fits two units is reported as
ambiguous, never guessed. Every record that is not matched gets up to three ``suggestions``
(nearest names within the parent unit, scored 0-100 by rapidfuzz), computed only for those rows.

Rows the reader marked as totals or headings (``ignore_reason``) are ``ignored``. Records carry a
boundary version (a ``boundary_version`` column, or ``records_version=``); when it differs from the
boundary set's version the join is refused (:class:`VersionMismatchError`) unless a ``crosswalk`` is
given, in which case 2024 codes are moved to their 2025-07 unit and ``method`` says ``crosswalk``.
"""

from __future__ import annotations

import logging
from enum import Enum

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from dxmap.errors import SchemaError, VersionMismatchError, preview
from dxmap.partition import Engine, check_engine, points_in_polygons
from dxmap.text import name_key, per_distinct, spelling_key
from dxmap.versions import boundary_version, check_versions, crosswalk_codes, version_hint
from dxmap.vocab import Level, Technology

__all__ = ["reconcile", "Outcome", "outcome_counts", "REPORT_COLUMNS"]

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


_COUNTED_LEVEL = {t.value: t.level.value for t in Technology}


def _keyed(values: pd.Series, fn) -> pd.Series:
    """``fn`` applied once per distinct value (records repeat few names), aligned with ``values``; <NA> stays."""
    return per_distinct(values, fn)


def _isin(values: pd.Series, allowed: pd.Series) -> pd.Series:
    """``values.isin(allowed)`` for text, by pyarrow's ``is_in`` (pandas converts ``allowed`` one element at a time)."""
    def arrow(s: pd.Series) -> pa.Array:
        return pa.array(pd.array(s, dtype="string[pyarrow]")).cast(pa.large_string())

    hit = pc.is_in(arrow(values), value_set=arrow(allowed)).fill_null(False)
    return pd.Series(np.asarray(hit, dtype=bool), index=values.index)


def _each(values: pd.Series, fn, na_action: str | None = None) -> pd.Series:
    """``values.map(fn, na_action=na_action)`` (same result and dtype), calling ``fn`` once per distinct value."""
    return per_distinct(values, fn, na_action=na_action, dtype="str")


def _exact(text: object) -> str:
    return spelling_key(text)


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
    n = grouped.size()
    # The listing is for the reason of ambiguous records only: build it for those few, not for every record.
    several = cand[cand["_i"].isin(n.index[n.gt(1)])].astype({key: str}).sort_values(["_i", key])
    listing = several.groupby("_i")[key].agg(lambda s: ", ".join(s.iloc[:5]))
    return n, grouped.first(), listing


REPORT_COLUMNS = ("outcome", "unit_id", "matched_commune_code", "matched_name", "method", "reason", "suggestions")


def reconcile(
    records: pd.DataFrame,
    communes: gpd.GeoDataFrame,
    villages: gpd.GeoDataFrame | None = None,
    *,
    records_version: str | None = None,
    crosswalk: pd.DataFrame | None = None,
    engine: Engine = "pandas",
) -> pd.DataFrame:
    """Match status records to communes and villages; report every record's outcome.

    Parameters
    ----------
    records
        Status records in dxmap's schema (from :func:`read_records`).
    communes
        Commune layer with ``code``, ``name``, ``district_code``, ``district_name``, ``map_unit``
        (from :func:`load_communes` or :func:`as_communes`); its boundary version is read with
        :func:`dxmap.boundary_version`.
    villages
        Village layer (points or polygons) with ``village_id``, ``name``, ``commune_code``;
        needed for village-level records.
    records_version
        The boundary version the records were written for, when they have no
        ``boundary_version`` column. Default: the boundary set's own version.
    crosswalk
        Old → new commune table (:func:`dxmap.load_crosswalk`), used for records written for an
        older version than the boundary set; without it such records raise
        :class:`VersionMismatchError`.
    engine
        How records are placed by lon/lat: ``"pandas"`` (one machine) or ``"dask"``
        (dask-geopandas partitions, for millions of points; ``pip install 'dxmap[dask]'``).
        Same result either way; see :func:`dxmap.partition.points_in_polygons`.

    Returns
    -------
    pandas.DataFrame
        The records with ``outcome``, ``unit_id``, ``matched_commune_code``, ``matched_name``,
        ``method`` (code, name, location, crosswalk), ``reason`` and ``suggestions`` added;
        exactly one row per input record, in input order.
    """
    missing = {"code", "name", "district_code", "district_name"} - set(communes.columns)
    if missing:
        raise SchemaError(f"communes: missing columns {sorted(missing)}. Pass the layer through dxmap.as_communes() first.")
    check_engine(engine)
    original = records.reset_index(drop=True)
    st = _State(original)
    if "ignore_reason" in original.columns:
        st.settle(original["ignore_reason"].notna(), Outcome.IGNORED, original["ignore_reason"].astype("string"))
    rec, moved = _apply_versions(original, communes, st, records_version, crosswalk)
    _match_communes(rec, communes, st, engine)
    if moved.any():
        st.method[moved & st.method.eq("code").fillna(False)] = "crosswalk"
    is_village = rec["level"].eq(Level.VILLAGE.value).fillna(False)
    _match_villages(rec, villages, st, is_village, engine)

    commune_level = ~is_village & st.commune.notna() & st.open()
    st.unit[commune_level] = st.commune[commune_level]
    # A record at another level than the technology is counted at is kept but not used.
    counted_level = rec["technology"].map(_COUNTED_LEVEL).astype("string")
    wrong_level = st.unit.notna() & rec["level"].astype("string").ne(counted_level).fillna(False)
    st.settle(
        wrong_level,
        Outcome.IGNORED,
        "a " + rec["level"].fillna("") + "-level record, but " + rec["technology"].fillna("") + " is counted per "
        + counted_level.fillna(""),
    )
    _mark_duplicates(rec, st)
    merged = moved & st.outcome.eq(Outcome.DUPLICATE.value).fillna(False)
    st.reason[merged] = st.reason[merged] + (
        "; several old communes lie in this new unit: summarise their statuses with dxmap.crosswalk_summary()")
    # Nothing is dropped: a record no step could place is reported, never left without an outcome.
    st.settle(st.unit.isna(), Outcome.UNMATCHED, "no commune_code, commune_name or lon/lat to identify the unit")
    st.settle(st.unit.notna(), Outcome.MATCHED, "")

    out = original.copy()
    out["outcome"] = st.outcome
    out["unit_id"] = st.unit
    out["matched_commune_code"] = st.commune
    out["matched_name"] = _unit_names(st, communes, villages)
    out["method"] = st.method.where(st.outcome.eq(Outcome.MATCHED.value))
    out["reason"] = st.reason.fillna("")
    out["suggestions"] = _suggestions(rec, st, communes, villages)
    counts = outcome_counts(out)
    log.info("reconciled %d records: %s", len(out), ", ".join(f"{k} {v}" for k, v in counts.items() if v))
    return out


def _apply_versions(rec: pd.DataFrame, communes: gpd.GeoDataFrame, st: _State, records_version: str | None,
                    crosswalk: pd.DataFrame | None) -> tuple[pd.DataFrame, pd.Series]:
    """Check record versions against the boundary version; move older codes through the crosswalk.

    Returns the records to match (a copy when codes were moved) and which rows were moved.
    """
    layer_version = boundary_version(communes)
    declared = rec["boundary_version"].astype("string") if "boundary_version" in rec.columns else \
        pd.Series(pd.NA, index=rec.index, dtype="string")
    if records_version is not None:
        declared = declared.fillna(records_version)
    moved = pd.Series(False, index=rec.index)
    if layer_version is None:
        if declared.notna().any():
            log.info("the boundary set has no version; records declare %s", preview(sorted(declared.dropna().unique())))
        return rec, moved
    other = declared.notna() & declared.ne(layer_version) & st.open()
    if not other.any():
        return rec, moved
    versions = sorted(declared[other].unique())
    where = ", ".join(sorted(rec.loc[other, "file"].astype(str).unique())) if "file" in rec.columns else "records"
    if crosswalk is None:
        check_versions(versions[0], layer_version, where=where)
    source, target = crosswalk.attrs.get("from_version", "2024"), crosswalk.attrs.get("to_version", "2025-07")
    if versions != [source] or layer_version != target:
        raise VersionMismatchError(
            f"{where}: records for version(s) {preview(versions)} and a boundary set of version {layer_version}, "
            f"but the crosswalk goes from {source} to {target}. Use boundaries of the records' version."
        )
    rec = rec.copy()
    old_code = rec["commune_code"].where(other)
    by_name = other & old_code.isna() & rec["commune_name"].notna()
    if by_name.any():
        old_code = old_code.fillna(_old_code_by_name(rec[by_name], crosswalk))
    new = crosswalk_codes(old_code, crosswalk=crosswalk)
    ok = other & new["new_code"].notna()
    lost = other & ~ok & old_code.notna()
    detail = old_code.fillna("") + " (" + new["relation"].fillna("not in the crosswalk") + ")"
    st.settle(lost, Outcome.UNMATCHED,
              f"a {source} commune with no single {target} successor in the crosswalk: " + detail
              + "; give its position (lon/lat) or the new unit's code")
    rec.loc[ok, "commune_code"] = new.loc[ok, "new_code"]
    # Old names and districts describe the old unit, not the new one: they would read as conflicts.
    rec.loc[ok, ["commune_name", "district_code", "district_name"]] = pd.NA
    moved = ok
    log.info("crosswalk %s → %s: %d record(s) moved, %d without a single successor", source, target, int(ok.sum()), int(lost.sum()))
    return rec, moved


def _old_code_by_name(rows: pd.DataFrame, crosswalk: pd.DataFrame) -> pd.Series:
    """The old commune code of records that give only a name (and maybe a district), when unique."""
    old = crosswalk.drop_duplicates("old_code")
    units = pd.DataFrame({"old_code": old["old_code"].values, "ckey": _each(old["old_name"], name_key).values,
                          "dkey": _each(old["old_district_name"], name_key).values})
    left = pd.DataFrame({"_i": rows.index, "ckey": _keyed(rows["commune_name"], name_key).values,
                         "want_dk": _keyed(rows["district_name"], name_key).values})
    cand = left.merge(units, on="ckey")
    cand = cand[cand["want_dk"].isna() | cand["want_dk"].eq(cand["dkey"])]
    n = cand.groupby("_i")["old_code"].transform("nunique")
    one = cand[n.eq(1)].drop_duplicates("_i").set_index("_i")["old_code"]
    return one.reindex(rows.index).astype("string")


def _unit_names(st: _State, communes: gpd.GeoDataFrame, villages: gpd.GeoDataFrame | None) -> pd.Series:
    names = st.commune.map(dict(zip(communes["code"].astype(str), communes["name"]))).astype("string")
    if villages is not None:
        vnames = st.unit.map(dict(zip(villages["village_id"].astype(str), villages["name"]))).astype("string")
        is_village_unit = st.unit.notna() & st.unit.ne(st.commune).fillna(True)
        names = names.mask(is_village_unit & vnames.notna(), vnames)
    return names.where(st.outcome.eq(Outcome.MATCHED.value))


def _scores(queries: list[str], keys: list[str], scorer) -> np.ndarray:
    """A 0-100 similarity matrix from rapidfuzz (normalised 0-1 scorers are scaled)."""
    workers = -1 if len(queries) * len(keys) > 200_000 else 1  # threads only pay off on big matrices
    if scorer is OSA.normalized_similarity:
        return np.rint(process.cdist(queries, keys, scorer=scorer, dtype=np.float32, workers=workers) * 100).astype(np.uint8)
    return process.cdist(queries, keys, scorer=scorer, dtype=np.uint8, workers=workers)


def _top3_texts(queries: list[str], keys: list[str], labels: np.ndarray, scorer, floor: int) -> list[str]:
    """Up to three ``"code name (score)"`` suggestions per query, best first; rapidfuzz does the scoring."""
    texts: list[str] = []
    for start in range(0, len(queries), 2000):  # bounded memory for long lists of unmatched rows
        scores = _scores(queries[start:start + 2000], keys, scorer)
        best = np.argsort(-scores.astype(np.int16), axis=1, kind="stable")[:, :3]
        texts += ["; ".join(f"{labels[j]} ({scores[i, j]})" for j in row if scores[i, j] >= floor)
                  for i, row in enumerate(best)]
    return texts


def _top3(queries: pd.Series, choices: pd.DataFrame, scorer=fuzz.WRatio, floor: int = 50) -> pd.Series:
    """Suggestions for each query among all ``choices`` (columns ``code``, ``label``, ``key``)."""
    out = pd.Series("", index=queries.index, dtype="string")
    if choices.empty or queries.empty:
        return out
    labels = (choices["code"].astype(str) + " " + choices["label"].astype(str)).to_numpy()
    out[:] = _top3_texts(queries.tolist(), choices["key"].tolist(), labels, scorer, floor)
    return out


def _grouped_top3(queries: pd.Series, parents: pd.Series, choices: pd.DataFrame, scorer=fuzz.WRatio,
                  floor: int = 50) -> pd.Series:
    """:func:`_top3` within each parent unit (district for communes, commune for villages); all units without one."""
    out = pd.Series("", index=queries.index, dtype="string")
    labels = (choices["code"].astype(str) + " " + choices["label"].astype(str)).to_numpy()
    keys = np.asarray(choices["key"].tolist(), dtype=object)
    members = pd.Series(np.arange(len(choices))).groupby(choices["parent"].to_numpy()).indices
    known = parents.isin(list(members)).to_numpy()
    texts = np.empty(len(queries), dtype=object)
    qvals = np.asarray(queries.tolist(), dtype=object)
    for parent, rows in pd.Series(np.arange(len(queries))[known]).groupby(parents.to_numpy()[known]).indices.items():
        rows = np.flatnonzero(known)[rows]
        idx = members[parent]
        texts[rows] = _top3_texts(list(qvals[rows]), list(keys[idx]), labels[idx], scorer, floor)
    if (~known).any():
        rows = np.flatnonzero(~known)
        texts[rows] = _top3_texts(list(qvals[rows]), list(keys), labels, scorer, floor)
    out[:] = texts
    return out


def _suggestions(rec: pd.DataFrame, st: _State, communes: gpd.GeoDataFrame, villages: gpd.GeoDataFrame | None) -> pd.Series:
    """Suggestions for the records that did not match (unmatched, ambiguous, conflict); empty for the rest."""
    out = pd.Series("", index=rec.index, dtype="string")
    todo = st.outcome.isin([Outcome.UNMATCHED.value, Outcome.AMBIGUOUS.value, Outcome.CONFLICT.value])
    if not todo.any():
        return out
    units = pd.DataFrame({"code": communes["code"].astype(str).values, "label": communes["name"].astype(str).values,
                          "key": _each(communes["name"], name_key).values,
                          "parent": communes["district_code"].astype("string").values})
    dkey_to_code = dict(zip(_each(communes["district_name"], name_key, na_action="ignore"), communes["district_code"]))
    parent = rec["district_code"].astype("string").fillna(
        _keyed(rec["district_name"], name_key).map(dkey_to_code).astype("string"))
    # Village records whose commune is known: nearest village names in that commune.
    vkey = _keyed(rec["village_name"], name_key)
    village_rows = todo & rec["level"].eq(Level.VILLAGE.value).fillna(False) & st.commune.notna() & vkey.notna()
    if villages is not None and village_rows.any():
        vill = pd.DataFrame({"code": villages["village_id"].astype(str).values, "label": villages["name"].astype(str).values,
                             "key": _each(villages["name"], name_key).values,
                             "parent": villages["commune_code"].astype("string").values})
        out[village_rows] = _grouped_top3(vkey[village_rows], st.commune[village_rows], vill)
    # Records whose commune is not settled: nearest commune names in the district, else the nearest codes.
    ckey = _keyed(rec["commune_name"], name_key)
    by_name = todo & ~village_rows & ckey.notna()
    if by_name.any():
        out[by_name] = _grouped_top3(ckey[by_name], parent[by_name], units)
    by_code = todo & ~village_rows & ~by_name & rec["commune_code"].notna()
    if by_code.any():
        codes = units.assign(key=units["code"])
        # OSA counts a swap of two digits as one edit: "02629" is one step from "02692".
        out[by_code] = _top3(rec.loc[by_code, "commune_code"].astype(str), codes, scorer=OSA.normalized_similarity, floor=60)
    return out


def _match_communes(rec: pd.DataFrame, communes: gpd.GeoDataFrame, st: _State, engine: Engine = "pandas") -> None:
    full = communes["full_name"] if "full_name" in communes.columns else communes["name"]
    units = pd.DataFrame({
        "code": communes["code"].astype("string").values,
        "ckey": _each(communes["name"], name_key).values,
        "exact": _each(communes["name"], _exact).values,
        "exact_full": _each(full, _exact, na_action="ignore").values,
        "district_code": communes["district_code"].astype("string").values,
        "dkey": _each(communes["district_name"], name_key).values,
    })
    name_of = dict(zip(units["code"], communes["name"]))
    key_of = dict(zip(units["code"], units["ckey"]))

    # 1. by code
    code = rec["commune_code"]
    known = _isin(code, units["code"])
    st.commune[known] = code[known]
    st.method[known] = "code"
    given_key = _keyed(rec["commune_name"], name_key)
    clash = known & given_key.notna() & given_key.ne(code.map(key_of))
    if clash.any():
        hint = version_hint(code.where(clash), rec["commune_name"].where(clash), boundary_version(communes))
        st.settle(
            clash,
            Outcome.CONFLICT,
            "commune code " + code + " is " + code.map(name_of).fillna("") + " but the name says "
            + rec["commune_name"].fillna("") + hint,
        )
    unknown_code = code.notna() & ~known

    # 2. by name within the district
    need = st.commune.isna() & given_key.notna() & st.open()
    if need.any():
        left = pd.DataFrame({"_i": rec.index[need], "ckey": given_key[need].values,
                             "want_exact": _keyed(rec.loc[need, "commune_name"], _exact).values,
                             "want_dc": rec.loc[need, "district_code"].values,
                             "want_dk": _keyed(rec.loc[need, "district_name"], name_key).values})
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
    if need.any() and communes.geometry.notna().any():
        pts = gpd.GeoDataFrame({"_i": rec.index[need]}, geometry=gpd.points_from_xy(rec.loc[need, "lon"], rec.loc[need, "lat"]),
                               crs="EPSG:4326")
        hit = points_in_polygons(pts, communes[["code", "geometry"]].to_crs("EPSG:4326"), engine=engine)
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
    # texts only for the unresolved rows (settle reads no others): a national file has ~200k rows
    named = rec["commune_name"].notna() & unresolved
    reason.loc[named] = "no commune named " + rec.loc[named, "commune_name"] + _in_district(rec.loc[named])
    bad_code = unknown_code & unresolved
    reason.loc[bad_code] = "commune code " + code[bad_code] + " is not in the boundary set"
    has_pt = rec["lon"].notna() & rec["lat"].notna() & rec["commune_name"].isna() & ~unknown_code
    reason[has_pt] = "the point lies outside every commune polygon"
    # Village records without commune info can still be placed by their village id.
    by_village_id = (unresolved & rec["village_id"].notna() & rec["commune_code"].isna() & rec["commune_name"].isna()
                     & rec["level"].eq(Level.VILLAGE.value).fillna(False))
    st.settle(unresolved & ~by_village_id, Outcome.UNMATCHED, reason)


def _in_district(rec: pd.DataFrame) -> pd.Series:
    d = rec["district_name"].fillna(rec["district_code"])
    return (" in district " + d).fillna("")


def _match_villages(rec: pd.DataFrame, villages: gpd.GeoDataFrame | None, st: _State, is_village: pd.Series,
                    engine: Engine = "pandas") -> None:
    todo = is_village & st.open()
    if not todo.any():
        return
    if villages is None:
        st.settle(todo, Outcome.UNMATCHED, "a village record, but no village layer was given (pass villages=)")
        return
    vill = pd.DataFrame({
        "vid": villages["village_id"].astype("string").values,
        "vcommune": villages["commune_code"].astype("string").values,
        "vkey": _each(villages["name"], name_key).values,
        "exact": _each(villages["name"], _exact).values,
    })
    commune_of = dict(zip(vill["vid"], vill["vcommune"]))

    # by id
    vid = rec["village_id"]
    in_layer = _isin(vid, vill["vid"])
    known = todo & in_layer
    their_commune = vid.map(commune_of)
    clash = known & st.commune.notna() & st.commune.ne(their_commune)
    if clash.any():  # the text for the clashing rows only
        c = clash.to_numpy(dtype=bool)
        st.settle(clash, Outcome.CONFLICT,
                  ("village " + vid[c].fillna("") + " belongs to commune " + their_commune[c].fillna("") + ", not "
                   + st.commune[c].fillna("")).reindex(rec.index))
    ok = known & st.open()
    st.unit[ok] = vid[ok]
    st.commune[ok] = their_commune[ok]
    st.method[ok] = "code"  # from here on, method says how the village itself was found

    # by name within the commune
    vkey = _keyed(rec["village_name"], name_key)
    need = todo & st.unit.isna() & st.commune.notna() & vkey.notna() & st.open()
    if need.any():
        left = pd.DataFrame({"_i": rec.index[need], "vcommune": st.commune[need].values, "vkey": vkey[need].values,
                             "want_exact": _keyed(rec.loc[need, "village_name"], _exact).values})
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
        hit = points_in_polygons(pts, villages[["village_id", "commune_code", "geometry"]].to_crs("EPSG:4326"), engine=engine)
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
    named = rec["village_name"].notna() & left_over  # texts only for the rows settled here
    reason.loc[named] = "no village named " + rec.loc[named, "village_name"] + " in commune " + st.commune[named].fillna("?")
    bad_id = vid.notna() & ~in_layer & left_over
    reason.loc[bad_id] = "village id " + vid[bad_id] + " is not in the village layer"
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

"""Reconciliation: which status record belongs to which commune or village, and why not when it doesn't.

:func:`reconcile` returns one row per input record, always: nothing is dropped. Each row has an
``outcome`` (see :class:`Outcome`), the unit it matched (``unit_id``, ``matched_commune_code``),
``method`` (code, name, location) and a ``reason`` a person can act on. A matched record whose name
(matched by it, or given with the code) carries diacritics the layer spells otherwise ("Nậm Bùng" for the
layer's "Nậm Búng") says so in ``name_note``; a name typed without diacritics ("Nam Bung") is the usual way
of typing and gets none.

Matching order for the commune: GSO code, then normalised name within the district, then the
polygon containing lon/lat. For a village record, then: village id, then normalised name within
the commune, then the village polygon containing lon/lat. A name that fits two units is reported as
ambiguous, never guessed. Every record that is not matched gets up to three ``suggestions``
(nearest names within the parent unit, scored 0-100 by rapidfuzz), computed only for those rows. Units of one
name among them, and the candidates an ambiguous name lists, say their district (a village its commune) where
that tells them apart: "02779 Thanh Bình, Mường Khương district (100); 03022 Thanh Bình, Sa Pa district (100)".

Rows the reader marked as totals or headings (``ignore_reason``) are ``ignored``; rows it could not
read as a record (an unknown status word, an impossible date: ``problem``) are ``invalid``; their ``reason`` is
that problem, followed by what placing their unit finds where it fails too ("…; also, no village named …", with
suggestions), so that one round of corrections fixes the row. Records carry a
boundary version (a ``boundary_version`` column, or ``records_version=``); when it differs from the
boundary set's version the join is refused (:class:`VersionMismatchError`) unless a ``crosswalk`` is
given, in which case 2024 codes are moved to their 2025-07 unit and ``method`` says ``crosswalk``.
"""

from __future__ import annotations

import functools
import logging
import re
from enum import Enum

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from dxmap._lookup import positions
from dxmap.errors import SchemaError, VersionMismatchError, preview, said_error
from dxmap.labels import LABELS, Lang, counts_text, date_text, label, log_said, number_text, row_places, said_all, say
from dxmap.reconcile.former import OTHER, UNKNOWN, former_of, has_former
from dxmap.reconcile.partition import Engine, check_engine, points_in_polygons
from dxmap.validate.text import (commune_kind, fold, name_key, name_key_series, nfc, per_distinct,
                                 says_whole_commune_series, spelling_key, spelling_key_series, strip_village_word,
                                 village_key)
from dxmap.io.bundled import merged_codes
from dxmap.io.boundaries import (boundary_version, layer_where, of_its, require_codes_once, set_boundary_version,
                                 unit_keys, worded_as)
from dxmap.reconcile.versions import (BOUNDARY_VERSIONS, CROSSWALK_FROM, CROSSWALK_TO, NEW_UNITS_FROM, check_versions,
                                     crosswalk_codes, declared_versions, evident_version, former_communes,
                                     dates_of, implied_new_units, named_as_former,
                                     named_with_former, version_hint, versions_by_file)
from dxmap.validate.codes import as_written_in
from dxmap.validate.dates import preview_in
from dxmap.validate.schema import RECORD_COLUMNS
from dxmap.validate.tables import check_lang, require_table
from dxmap.validate.vocab import Level, Status, Technology

__all__ = ["reconcile", "record_communes", "far_from_commune", "Outcome", "outcome_counts"]

log = logging.getLogger(__name__)


class Outcome(str, Enum):
    """What happened to one status record."""

    MATCHED = "matched"
    UNMATCHED = "unmatched"
    AMBIGUOUS = "ambiguous"
    DUPLICATE = "duplicate"
    CONFLICT = "conflict"
    IGNORED = "ignored"
    INVALID = "invalid"


_OUTCOMES = list(Outcome)
_MATCHED, _UNMATCHED, _AMBIGUOUS, _DUPLICATE, _CONFLICT, _IGNORED, _INVALID = range(len(_OUTCOMES))
_METHODS = ("code", "name", "location", "crosswalk")
_CODE, _NAME, _LOCATION, _CROSSWALK = range(len(_METHODS))
_COUNTED_LEVEL = {t.value: t.level.value for t in Technology}


def _layer_keys(values: pd.Series) -> pd.Series:
    """:func:`name_key` of a unit layer's names, a missing one included (as ``values.map(name_key)`` gives it)."""
    return per_distinct(values, name_key, na_action=None)


class _State:
    """Per-record resolution, one slot per record; rows are settled once and never overwritten.

    Units are held as positions, not text: ``commune`` indexes :attr:`_Units.commune_codes`,
    ``unit`` indexes :attr:`_Units.unit_ids`, ``method`` :data:`_METHODS` and ``outcome``
    :class:`Outcome`; -1 is none (open, for ``outcome``).
    """

    def __init__(self, n: int, lang: Lang = "en", warn: bool = True) -> None:
        self.n = n
        self.lang = lang  # of the reasons, suggestions and name notes written
        self.warn = warn  # log what the records as a whole show (a second pass over some of them does not)
        self.commune = np.full(n, -1, dtype=np.int64)
        self.unit = np.full(n, -1, dtype=np.int64)
        self.method = np.full(n, -1, dtype=np.int8)
        self.outcome = np.full(n, -1, dtype=np.int8)
        self.reason = np.full(n, None, dtype=object)
        # the layer's spelling of the commune (village) name, where the record's name found it spelt otherwise
        self.commune_spelt = np.full(n, None, dtype=object)
        self.other_kind = np.zeros(n, dtype=bool)  # matched by a name that says another kind of unit: a duplicate first
        self.village_spelt = np.full(n, None, dtype=object)
        self.whole_commune = np.zeros(n, dtype=bool)  # a village cell that says the whole commune: no village to suggest
        self.former = np.full(n, None, dtype=object)  # the former commune's code of a record a crosswalk moved

    def open(self) -> np.ndarray:
        return self.outcome < 0

    def settle(self, mask: np.ndarray, outcome: Outcome, reason: pd.Series | str) -> None:
        """Give the open rows of ``mask`` their outcome; ``reason`` (text, or a Series indexed by row) says why."""
        mask = mask & self.open()
        self.outcome[mask] = _OUTCOMES.index(outcome)
        rows = np.flatnonzero(mask)
        self.reason[rows] = reason if isinstance(reason, str) else \
            reason.reindex(rows).to_numpy(dtype=object, na_value=None)


def _text(values: pd.Series) -> pd.Series:
    """A column as pandas text with a fresh RangeIndex: row ``i`` is position ``i``."""
    return pd.Series(pd.array(values, dtype="string"))


def _take(values: pd.Series, pos: np.ndarray) -> pd.Series:
    """``values`` (text, RangeIndex) at positions ``pos`` with a fresh RangeIndex; position -1 gives <NA>."""
    return pd.Series(values.array.take(np.asarray(pos, dtype=np.int64), allow_fill=True))


class _Units:
    """The commune and village layers' codes, ids and names as text, for joining records by position.

    ``commune_codes`` holds the communes' codes, then each village's commune code (for villages
    whose commune is not in the commune layer); ``unit_ids`` the communes' codes, then the village ids.
    """

    def __init__(self, communes: gpd.GeoDataFrame, villages: gpd.GeoDataFrame | None) -> None:
        self.communes, self.villages = communes, villages
        self.nc = len(communes)
        self.codes = _text(communes["code"])
        self.names = _text(communes["name"])
        if villages is None:
            self.commune_codes = self.unit_ids = self.codes
            self.unit_names = self.names
            return
        self.village_ids = _text(villages["village_id"])
        self.village_communes = _text(as_written_in(villages["commune_code"], communes["code"]))
        self.commune_codes = pd.concat([self.codes, self.village_communes], ignore_index=True)
        self.unit_ids = pd.concat([self.codes, self.village_ids], ignore_index=True)
        self.unit_names = pd.concat([self.names, _text(villages["name"])], ignore_index=True)

    @functools.cached_property
    def kinds(self) -> np.ndarray:
        """Each commune's kind as its layer says it (its full name's first words, "thị trấn"; "" when it does not)."""
        whole = _full_names(self.communes, np.arange(self.nc))
        return per_distinct(whole, commune_kind).fillna("").to_numpy(dtype=object)

    def commune(self, codes: pd.Series) -> np.ndarray:
        """The commune position of each code; -1 when it is missing or not in the layer."""
        return positions(codes, self.codes, keep="last", missing_matches=False)

    def village(self, ids: pd.Series) -> np.ndarray:
        """The village row of each id; -1 when it is missing or not in the layer."""
        return positions(ids, self.village_ids, keep="last", missing_matches=False)

    def unit_of_village(self, ids: pd.Series) -> np.ndarray:
        """The unit position (in ``unit_ids``) of each village id; -1 when it is missing or not in the layer."""
        pos = self.village(ids)
        return np.where(pos >= 0, self.nc + pos, -1)

    @functools.cached_property
    def village_commune(self) -> np.ndarray:
        """Each village's commune as a position in ``commune_codes`` (equal codes, equal positions; -1: none)."""
        pos = self.commune(self.village_communes)
        other = (pos < 0) & self.village_communes.notna().to_numpy()
        if other.any():  # a code the commune layer lacks: the first village carrying it stands for it
            first = positions(self.village_communes, self.village_communes, missing_matches=False)
            pos[other] = self.nc + first[other]
        return pos

    def commune_text(self, pos: np.ndarray, index: np.ndarray) -> pd.Series:
        """Commune codes at ``pos``, indexed by ``index``."""
        return _take(self.commune_codes, pos).set_axis(index)


def _prefer_exact(cand: pd.DataFrame, key: str, pairs: tuple[tuple[str, str], ...]) -> pd.DataFrame:
    """Where a folded name fits several units, keep those spelt exactly as the record spells them.

    "Sa Pa" and "Sa Pả" are two wards that fold alike; a record that writes the diacritics picks
    one, a record without them stays ambiguous. ``pairs``: (the unit's column, the record's column) to compare; a
    unit is spelt alike when one pair is equal.
    """
    hit = pd.Series(False, index=cand.index)
    for col, want in pairs:
        hit |= cand[col].eq(cand[want]).fillna(False)
    several = cand.groupby("_i")[key].transform("nunique").gt(1)
    has_exact = hit.groupby(cand["_i"]).transform("any")
    return cand[~(several & has_exact) | hit]


def _bare_spelling(name: str) -> str:
    """A village name's :func:`spelling_key` without its kind's word ("Thôn Xà Phìn", "Xóm Xà Phìn": "xà phìn"); any
    kind's, so that neither of "Tổ 3" and "Thôn 3" is taken for a bare "3" (QA49)."""
    return spelling_key(strip_village_word(name))


def _count_candidates(cand: pd.DataFrame, key: str) -> tuple[pd.Series, pd.Series, pd.Series]:
    """For candidate pairs (record index ``_i`` → unit ``key``): count, the unique unit, a short list."""
    cand = cand.drop_duplicates(["_i", key])
    grouped = cand.groupby("_i")[key]
    n = grouped.size()
    # The listing is for the reason of ambiguous records only: build it for those few, not for every record.
    several = cand[cand["_i"].isin(n.index[n.gt(1)])].astype({key: str}).sort_values(["_i", key])
    listing = several.groupby("_i")[key].agg(lambda s: ", ".join(s.iloc[:5]))
    return n, grouped.first(), listing


def _pick(cand: pd.DataFrame, key: str, rows: np.ndarray) -> tuple[np.ndarray, pd.Series, np.ndarray, pd.Series]:
    """Of the records ``rows``: those with one candidate and its ``key``; those with several and their listing."""
    n, first, listing = _count_candidates(cand, key)
    count = n.reindex(rows, fill_value=0).to_numpy()
    one, many = rows[count == 1], rows[count > 1]
    return one, first.reindex(one), many, listing.reindex(many).fillna("")


def _mask(n: int, rows: np.ndarray) -> np.ndarray:
    mask = np.zeros(n, dtype=bool)
    mask[rows] = True
    return mask


def _present(values: pd.Series) -> np.ndarray:
    return values.notna().to_numpy(dtype=bool)


def reconcile(
    records: pd.DataFrame,
    communes: gpd.GeoDataFrame,
    villages: gpd.GeoDataFrame | None = None,
    *,
    records_version: str | None = None,
    crosswalk: pd.DataFrame | None = None,
    engine: Engine = "pandas",
    lang: Lang = "en",
) -> pd.DataFrame:
    """Match status records to communes and villages; report every record's outcome.

    Parameters
    ----------
    records
        Status records in dxmap's schema (from :func:`read_records`).
    communes
        Commune layer with ``code``, ``name``, ``district_code``, ``district_name``, ``map_unit``
        (from :func:`bundled_communes` or :func:`as_communes`); its boundary version is read with
        :func:`boundary_version`. A district layer given here is refused (:class:`SchemaError`) when the
        records show it is one: their commune codes are not in it, and its names are their district names,
        its codes their district codes, or its names start with Huyện, Quận, Thị xã, Thành phố.
    villages
        Village layer (points or polygons) with ``village_id``, ``name``, ``commune_code``;
        needed for village-level records.
    records_version
        The boundary version the records were written for, when they have no
        ``boundary_version`` column. Default: the boundary set's own version.
    crosswalk
        Old → new commune table (:func:`~dxmap.io.bundled.bundled_crosswalk`), used for records written for an
        older version than the boundary set; without it such records raise
        :class:`VersionMismatchError`.
    engine
        How records are placed by lon/lat: ``"pandas"`` (one machine) or ``"dask"``
        (dask-geopandas partitions, for millions of points; ``pip install 'dxmap[dask]'``).
        Same result either way; see :func:`dxmap.reconcile.partition.points_in_polygons`.
    lang
        The language of ``reason``, ``name_note`` and the words of ``suggestions`` ("(since 1 July 2025)"):
        ``"en"`` (default) or ``"vi"``. Names, codes and scores are written as they are either way; the
        reader's own ``ignore_reason`` and ``problem`` are kept as read.

    Returns
    -------
    pandas.DataFrame
        The records with ``outcome``, ``unit_id``, ``matched_commune_code``, ``matched_name``,
        ``method`` (code, name, location, crosswalk), ``reason``, ``suggestions`` and ``name_note`` added;
        exactly one row per input record, in input order. ``name_note`` ("" when none) is set on matched
        records whose commune or village name is the unit's (it found the unit, or was given with the code or
        village id that did) but carries diacritics the layer spells otherwise:
        ``commune name spelt 'Nậm Búng' in the layer`` (a village's: ``village name spelt …``; both: joined
        by "; "; in Vietnamese ``tên xã trong danh mục viết là 'Nậm Búng'``, the labels "rsn_note_commune"
        and "rsn_note_village"). The records' own ``note`` column is left as read.
    """
    require_table(records, "records", name="records")
    require_table(communes, "communes", name="communes", geo=True)
    require_codes_once(communes)
    if boundary_version(communes) is None and (evident := evident_version(communes)):
        communes = set_boundary_version(communes, evident[0])  # as read_dataset reads it: checks, reasons and hints
    if villages is not None:
        _check_villages(villages)
        _warn_far_villages(villages, communes)
    lang = check_lang(lang)
    check_engine(engine, lang)
    _check_records(records)
    original = records.reset_index(drop=True)
    st = _State(len(original), lang)
    if "ignore_reason" in original.columns:
        st.settle(_present(original["ignore_reason"]), Outcome.IGNORED, original["ignore_reason"].astype("string"))
    if "problem" in original.columns:
        st.settle(_present(original["problem"]), Outcome.INVALID, original["problem"].astype("string"))
    rec, moved = _apply_versions(original, communes, st, records_version, crosswalk)
    _refuse_dated_before(rec, communes, st, moved)
    rec = _as_the_layer_writes(rec, communes)
    _check_not_districts(rec.loc[st.open(), ["commune_code", "commune_name", "district_code", "district_name"]],
                         communes)
    units = _Units(communes, villages)
    level, tech = _place(rec, units, st, engine, moved)
    _mark_duplicates(rec, st, level, tech)
    # Nothing is dropped: a record no step could place is reported, never left without an outcome.
    st.settle(st.unit < 0, Outcome.UNMATCHED, label("rsn_no_unit", lang))
    st.settle(st.unit >= 0, Outcome.MATCHED, "")

    matched = st.outcome == _MATCHED
    out = original.copy()
    out["outcome"] = _take(_text(pd.Series([o.value for o in _OUTCOMES])), st.outcome)
    out["unit_id"] = _take(units.unit_ids, st.unit)
    out["matched_commune_code"] = _take(units.commune_codes, st.commune)
    out["matched_name"] = _take(units.unit_names, np.where(matched, _name_position(st, units), -1))
    out["method"] = _take(_text(pd.Series(_METHODS)), np.where(matched, st.method, -1))
    out["reason"] = _reasons(st)
    out["suggestions"] = _suggestions(rec, st, units)
    out["name_note"] = _name_notes(st, matched)
    if has_former(original):
        _note_former_elsewhere(out, communes, matched, lang)
    _also_unplaced(out, rec, units, st.outcome == _INVALID, engine, lang)
    counts = np.bincount(st.outcome, minlength=len(_OUTCOMES))
    def said(lg: Lang) -> str:
        words = [o.value if lg == "en" else label(f"chk_o_{o.value}", lg) for o in _OUTCOMES]
        shown = [(w, c) for w, c in zip(words, counts) if c]
        return label("log_reconciled", lg, n=len(out), counts=counts_text(shown, lg))
    # in every language: a reconcile given none (the demo's) is shown in the command's (dxmap.cli._said_in)
    log.info("%s", said(lang), extra={"dxmap_said": {lg: said(lg) for lg in ("vi", "en")}})
    return out


def record_communes(records: pd.DataFrame, communes: gpd.GeoDataFrame, *, records_version: str | None = None,
                    crosswalk: pd.DataFrame | None = None) -> pd.Series:
    """Each record's commune code as :func:`reconcile` finds it (by code, name and district, or position), without a
    word logged; <NA> where it finds none, or finds a conflict or two communes. Aligned with ``records`` by position
    (a RangeIndex). What :func:`~dxmap.reconcile.named_villages.villages_from_records` puts each village in."""
    original = records.reset_index(drop=True)
    st = _State(len(original), warn=False)
    rec, _ = _apply_versions(original, communes, st, records_version, crosswalk)
    rec = _as_the_layer_writes(rec, communes)
    units = _Units(communes, None)
    _match_communes(rec, units, st)
    return _take(units.codes, np.where(st.open(), st.commune, -1))


def _place(rec: pd.DataFrame, units: _Units, st: _State, engine: Engine, moved: np.ndarray | None = None) -> tuple:
    """Place the open records: their commune, then their village; a record placed at a level its technology is
    not counted at is ignored. ``moved`` rows (crosswalked codes) matched by code say ``crosswalk``. Returns what
    :func:`pandas.factorize` gives for the level and technology columns."""
    _match_communes(rec, units, st, engine)
    if moved is not None and moved.any():
        st.method[moved & (st.method == _CODE)] = _CROSSWALK
    is_village = rec["level"].eq(Level.VILLAGE.value).to_numpy(dtype=bool, na_value=False)
    _match_villages(rec, units, st, is_village, engine)
    commune_level = ~is_village & (st.commune >= 0) & st.open()
    st.unit[commune_level] = st.commune[commune_level]
    level, tech = pd.factorize(rec["level"]), pd.factorize(rec["technology"])
    _ignore_other_levels(rec, st, level, tech)
    return level, tech


def _said_with_values(key: str, lang: Lang) -> str:
    """A pattern of label ``key`` whatever its values ("the row's cells are all in column .*?, separated by .*?")."""
    return ".*?".join(re.escape(part) for part in re.split(r"\{[^{}]*\}", LABELS[lang][key]))


def _also_unplaced(out: pd.DataFrame, rec: pd.DataFrame, units: _Units, invalid: np.ndarray, engine: Engine,
                   lang: Lang) -> None:
    """Add to an invalid record's reason what placing it says (no such village, a name of two communes), and its
    suggestions, so that a row's first report names all there is to fix in it, not one problem a round.

    The invalid records are placed apart from the others, so they take no part in duplicates, and stay invalid."""
    if not invalid.any():
        return
    rows = np.flatnonzero(invalid)
    sub = rec.iloc[rows].reset_index(drop=True)
    also = _State(len(sub), lang, warn=False)
    _place(sub, units, also, engine)
    also.settle(also.unit < 0, Outcome.UNMATCHED, label("rsn_no_unit", lang))
    # what the reader said already ("nothing identifies the unit") is not said again
    said_so = out["reason"].iloc[rows].str.contains("|".join([*(re.escape(label(k, lang)) for k in (
        "row_no_unit", "row_no_unit_below")), _said_with_values("row_packed", lang)])).fillna(False).to_numpy(dtype=bool)
    again = said_so & np.isin(also.reason, [label("rsn_no_unit", lang), label("rsn_no_commune", lang)])
    said = np.flatnonzero((also.outcome >= 0) & ~again)
    if not len(said):
        return
    at = out.index[rows[said]]
    out.loc[at, "reason"] = say("rsn_invalid_also", lang, problem=out.loc[at, "reason"],
                                reason=pd.Series(also.reason[said], index=at, dtype="string")).to_numpy()
    out.loc[at, "suggestions"] = _suggestions(sub, also, units).iloc[said].to_numpy()


def _reasons(st: _State) -> pd.Series:
    """The reasons as text, "" when none (matched rows have none)."""
    reason = st.reason.copy()
    reason[(st.outcome == _MATCHED) | pd.isna(reason)] = ""
    return pd.Series(pd.array(reason, dtype="string"))


_LETTERS_RE = re.compile(r"[^\W\d_]+")  # runs of letters: words without digits, spaces or punctuation


def _spelt_otherwise(pair: str) -> bool:
    """Whether the record's name (before the tab in ``pair``) writes a word with diacritics that the unit's name
    (after it) spells otherwise: "Nậm Bùng" for "Nậm Búng", "Dồng" for "Đồng".

    Only the words the record writes with diacritics count, each against the layer's word that folds alike: a word
    typed plain ("Nam Bung", "Nậm Bung") is how people type, and a unit word the layer's name lacks ("Xã", "Thôn")
    is no spelling of the name. Case, spacing and where the tone mark sits ("Hoà" = "Hòa") are
    :func:`spelling_key`'s to ignore. A layer that writes no diacritics at all spells nothing to compare with, and
    names of two units (their :func:`name_key` differs: a village id given with another village's name) are not
    spellings of one.
    """
    given, layer = pair.split("\t", 1)
    theirs: dict[str, set[str]] = {}
    for word in _LETTERS_RE.findall(nfc(layer)):
        theirs.setdefault(fold(word), set()).add(spelling_key(word))
    if all(spelt == {plain} for plain, spelt in theirs.items()):
        return False
    for word in _LETTERS_RE.findall(nfc(given)):
        plain, spelt = fold(word), spelling_key(word)
        if spelt != plain and plain in theirs and spelt not in theirs[plain]:
            # the keys last, for the few pairs this far: a village id's record may name another village
            return name_key(given) == name_key(layer)
    return False


def _note_spelling(spelt: np.ndarray, rows: np.ndarray, given: pd.Series, layer: pd.Series) -> None:
    """Set ``spelt[rows]`` to the layer's name where the record's name ``given`` spells it otherwise
    (:func:`_spelt_otherwise`); ``given`` and ``layer`` are aligned with ``rows`` by position.

    Once per distinct pair of names, and only for pairs that are not the same text: records mostly spell the
    name as the layer does, and a province's records repeat few names.
    """
    given, layer = _text(given), _text(layer)
    differ = given.ne(layer).fillna(False).to_numpy(dtype=bool) & _present(given) & _present(layer)
    if not differ.any():
        return
    pairs = given[differ] + "\t" + layer[differ]
    otherwise = per_distinct(pairs, _spelt_otherwise, dtype="boolean").to_numpy(dtype=bool, na_value=False)
    hit = np.flatnonzero(differ)[otherwise]
    spelt[rows[hit]] = layer.iloc[hit].to_numpy(dtype=object)


def _name_notes(st: _State, matched: np.ndarray) -> pd.Series:
    """The matched records' ``name_note``: how the layer spells a name the record spells otherwise; "" when none."""
    notes = np.full(st.n, "", dtype=object)
    # texts only for the few rows with a note: most records spell their names as the layer does
    for spelt, key in ((st.commune_spelt, "rsn_note_commune"), (st.village_spelt, "rsn_note_village")):
        rows = np.flatnonzero(matched & pd.notna(spelt))
        if len(rows):
            told = say(key, st.lang, name=pd.Series(spelt[rows], index=rows, dtype="string")).to_numpy(dtype=object)
            notes[rows] = np.where(notes[rows] == "", told, notes[rows] + "; " + told)
    return pd.Series(pd.array(notes, dtype="string"))


def _note_former_elsewhere(out: pd.DataFrame, communes: gpd.GeoDataFrame, matched: np.ndarray, lang: Lang) -> None:
    """A matched record whose former commune is not one of its commune's ("Xã cũ: A Lù" under Xã Bát Xát: A Lù is
    part of Xã Y Tý) says so in its ``name_note``: the outcomes file goes back to the commune office, and the console's
    warning does not (QA66 F6). The record stays matched: its commune and village place it."""
    found = former_of(out, out["matched_commune_code"], communes)
    wrong = matched & found["standing"].isin([OTHER, UNKNOWN]).to_numpy(dtype=bool)
    if not wrong.any():
        return
    names = communes.drop_duplicates("code").set_index("code")["name"]
    rows = np.flatnonzero(wrong)
    notes = out["name_note"].astype(object).to_numpy().copy()
    for i in rows:
        given = found["name"].iloc[i] if pd.notna(found["name"].iloc[i]) else found["code"].iloc[i]
        commune, now = out["matched_commune_code"].iloc[i], found["now"].iloc[i]
        told = label("rsn_note_former_other" if pd.notna(now) else "rsn_note_former_unknown", lang,
                     former=str(given), commune=str(names.get(commune, commune)),
                     now=str(names.get(now, now)) if pd.notna(now) else "")
        notes[i] = told if not notes[i] or pd.isna(notes[i]) else f"{notes[i]}; {told}"
    out["name_note"] = pd.array(notes, dtype="string")


def _ignore_other_levels(rec: pd.DataFrame, st: _State, level_codes: tuple, tech_codes: tuple) -> None:
    """A record at another level than its technology is counted at is kept but not used.

    ``level_codes`` and ``tech_codes`` are what :func:`pandas.factorize` gives for the two columns.
    """
    (level, levels), (tech, techs) = level_codes, tech_codes
    counted = [_COUNTED_LEVEL.get(t) for t in techs]
    # the few (level, technology) pairs first, then each record's pair
    other = np.array([[c is not None and lv != c for c in counted] for lv in levels], dtype=bool)
    other = other.reshape(len(levels), len(techs))
    wrong = (st.unit >= 0) & (tech >= 0) & (level >= 0)
    wrong[wrong] = other[level[wrong], tech[wrong]]
    if not wrong.any():
        return
    rows = rec[wrong]
    counted_level = rows["technology"].map(_COUNTED_LEVEL).astype("string")
    st.settle(wrong, Outcome.IGNORED,
              say("rsn_other_level", st.lang, level=_level_words(rows["level"], st.lang).fillna(""),
                  tech=_tech_words(rows["technology"], st.lang).fillna(""),
                  counted=_level_words(counted_level, st.lang).fillna("")))


def _name_position(st: _State, units: _Units) -> np.ndarray:
    """Where each record's unit name is in ``units.unit_names``: the village's, else its commune's; -1 none."""
    pos = np.where((st.commune >= 0) & (st.commune < units.nc), st.commune, -1)
    village = np.flatnonzero(st.unit >= units.nc)
    if len(village):
        v = st.unit[village] - units.nc
        named = _take(units.unit_names, st.unit[village]).notna().to_numpy()
        # a village whose id is its commune's code is taken for the commune: both are the same text
        like_commune = _take(units.village_ids, v).eq(_take(units.village_communes, v)).fillna(False).to_numpy(dtype=bool)
        use = named & ~like_commune
        pos[village[use]] = st.unit[village[use]]
    return pos


def _check_villages(villages: object) -> None:
    """Refuse a village layer that :func:`~dxmap.io.boundaries.as_villages` would not give, as an edit after it can
    make: two villages with one id (records would match either) or a village without a geometry (its status could
    be neither drawn nor measured). Not the whole of as_villages again: a vectorised pass or two."""
    require_table(villages, "villages", name="villages", geo=True)
    ids = villages["village_id"]
    twice = ids[ids.duplicated(keep=False) & ids.notna()]
    no_place = (villages.geometry.isna() | villages.geometry.is_empty).to_numpy()
    if "located" in villages.columns:  # the villages the records name (villages_from_records) have no place to have
        no_place = no_place & villages["located"].ne(False).to_numpy(dtype=bool)
    problems = []
    if len(twice):
        problems.append(said_all("lyr_village_ids_again", n=twice.nunique(),
                                 ids=functools.partial(preview_in, sorted(set(twice.astype(str))))))
    source = villages.attrs.get("source")  # a file's layer: its rows are fixed in the file (QA29: the CLI was given
    if no_place.any():                     # a line of Python)
        where = list(zip(villages.index[no_place], ids[no_place].astype(str)))
        problems.append(said_all("lyr_villages_no_geometry", n=int(no_place.sum()), where=lambda lg: preview_in(
            [label("lyr_village_index", lg, i=i, id=v) for i, v in where], lg),
            drop=functools.partial(label, "lyr_drop_rows", n=int(no_place.sum())) if source else
            ": villages[~(villages.geometry.isna() | villages.geometry.is_empty)]"))
    if problems:
        raise said_error(SchemaError, "lyr_villages_table",
                         where=lambda lg: f"{source}: {label('lyr_villages', lg)}" if source else label("lyr_villages", lg),
                         problems=lambda lg: ". ".join(p[lg] for p in problems))


_FAR_DEG = 0.01  # about 1 km: beyond what digitising and a datum's shift move a village


def far_from_commune(bounds: np.ndarray, codes: pd.Series, communes: gpd.GeoDataFrame) -> np.ndarray:
    """Which of ``bounds`` (an (n, 4) array of minx, miny, maxx, maxy, in the communes' CRS: EPSG:4326, as
    :func:`~dxmap.io.boundaries.as_communes` gives them) lie more than about 1 km outside the bounding box of the
    commune their ``codes`` name; for a commune without an outline, outside the whole layer's box. False for a code
    the layer lacks and for missing bounds. The box, not the polygon: a few milliseconds for 100,000 villages, and
    it finds what is kilometres off (a layer in another CRS than it says, longitude and latitude swapped)."""
    at = positions(codes, communes["code"])
    if not len(communes) or not (at >= 0).any():
        return np.zeros(len(bounds), dtype=bool)
    boxes = shapely.bounds(communes.geometry.values)
    boxes = np.where(np.isnan(boxes), communes.total_bounds, boxes)
    box = boxes[np.where(at >= 0, at, 0)]
    return (at >= 0) & ((bounds[:, 2] < box[:, 0] - _FAR_DEG) | (bounds[:, 0] > box[:, 2] + _FAR_DEG)
                        | (bounds[:, 3] < box[:, 1] - _FAR_DEG) | (bounds[:, 1] > box[:, 3] + _FAR_DEG))


def _warn_far_villages(villages: gpd.GeoDataFrame, communes: gpd.GeoDataFrame) -> None:
    """Say which villages lie well outside their commune's bounding box (:func:`far_from_commune`): a village layer in
    another CRS than it says (QA29: 25 km off), or points moved to another province, counted there without a word."""
    # in degrees, as the layers are read; a layer moved to another CRS in a notebook (EPSG:3857) is compared so too
    villages, communes = (g.to_crs("EPSG:4326") if g.crs is not None and not g.crs.equals("EPSG:4326") else g
                          for g in (villages, communes))
    far = far_from_commune(shapely.bounds(villages.geometry.values), villages["commune_code"], communes)
    if far.any():
        shown = [f"{n} ({c})" for n, c in zip(villages["name"].to_numpy()[far], villages["commune_code"].to_numpy()[far])]
        log_said(log, logging.WARNING, "lyr_villages_far", where=layer_where(villages, "villages").get,
                 n=int(far.sum()), villages=functools.partial(preview_in, shown))


def _check_records(records: pd.DataFrame) -> None:
    """Records in dxmap's schema, as read_records returns them: every column there (missing values allowed) and
    dates as dates. A table typed by hand is refused with the step that makes it so, not failed on later."""
    problems = []
    missing = [c for c in RECORD_COLUMNS if c not in records.columns]
    if missing:
        problems.append(f"missing columns {missing}")
    if "as_of" in records.columns and not pd.api.types.is_datetime64_any_dtype(records["as_of"]):
        problems.append(f"as_of holds {records['as_of'].dtype} values, not dates")
    if problems:
        raise SchemaError(f"records: {'; '.join(problems)}. Read a file with dxmap.read_records(path), or pass a table "
                          "of your own through dxmap.as_records(table) first: it reads headers, "
                          "dates and status words as read_records does.")


def _check_not_districts(rec: pd.DataFrame, communes: gpd.GeoDataFrame) -> None:
    """Refuse a district layer given as the commune layer: every record would be unmatched, with district names
    as suggestions. Told by what the records say (few of their commune codes in the layer, and most of its names
    their district names while few of their commune names are in it, or its codes their district codes) and by
    the layer's own unit words (Huyện, Thành phố…; a layer named "Thị trấn Bát Xát" is of communes, whatever
    names it shares with districts), never by the codes' length: a commune layer may number its communes 1, 2, 3.
    Work once per distinct code and name; when the records' codes or names are in the layer, a lookup of each
    distinct one and no more."""
    codes = rec["commune_code"].dropna().unique()
    hits = int((positions(codes, communes["code"], missing_matches=False) >= 0).sum())
    names, spelt = communes["name"], rec["commune_name"].dropna().unique()
    if hits * 2 >= len(codes) > 0 or (positions(spelt, names, missing_matches=False) >= 0).sum() * 2 >= len(spelt) > 0:
        return  # the records' codes, or their names as the layer spells them: a commune layer
    if worded_as(names, "commune"):
        return  # "Thị trấn Bát Xát", "Phường Sa Pa": communes named as their districts are
    why = []
    districts = unit_keys(pd.Series(rec["district_name"].dropna().unique(), dtype="string"))
    if len(districts):
        keys = unit_keys(names)
        named = positions(keys, districts, missing_matches=False) >= 0
        if named.sum() * 2 >= len(names):  # and few of the records' commune names in it (none given: none in it)
            theirs = unit_keys(pd.Series(spelt, dtype="string"))
            if (positions(theirs, keys, missing_matches=False) >= 0).sum() * 2 < max(len(theirs), 1):
                why.append(said_all("lyr_records_districts", part=of_its(named.sum(), len(names)).get,
                                    names=functools.partial(preview_in, list(names[named]))))
    why.append(worded_as(names, "district"))
    district_codes = rec["district_code"].dropna().unique()
    if len(district_codes):
        own = communes["code"].astype("string").str.lstrip("0")
        same = positions(own, pd.Series(district_codes, dtype="string").str.lstrip("0"), missing_matches=False) >= 0
        if same.sum() * 2 >= len(own):
            why.append(said_all("lyr_records_district_codes", part=of_its(same.sum(), len(own)).get,
                                codes=functools.partial(preview_in, list(own[same].str.zfill(3)))))
    why = [w for w in why if w]
    if not why:
        return
    if len(codes):
        why.append(said_all("lyr_few_commune_codes", hits=hits, n=len(codes)) if hits else
                   said_all("lyr_no_commune_code", n=len(codes)))
    raise said_error(SchemaError, "lyr_is_district_layer", where=layer_where(communes, "communes").get,
                     why=lambda lg: "; ".join(w[lg] for w in why))


def _warn_dated_in_the_new_units(rec: pd.DataFrame, communes: gpd.GeoDataFrame, st: _State,
                                 layer_version: str | None) -> None:
    """Records dated from 1 July 2025 read against the 2024 communes (or a layer of GSO codes that does not say its
    version): their codes may be the new units' (many were reused: 02683 is Thị trấn Bát Xát in 2024, Xã Bát Xát
    of five former communes in 2025), and a name that agrees by chance makes a wrong match no conflict can show.
    Say how to read them as written for 2025-07. A layer of another country's codes (not five digits) has no such
    day."""
    late = rec["as_of"].ge(NEW_UNITS_FROM).to_numpy(dtype=bool, na_value=False) & st.open()
    if not late.any() or (layer_version is None and not _gso_codes(communes["code"])):
        return
    n, where = int(late.sum()), ""
    if {"file", "row"} <= set(rec.columns):  # one file and row per record row: its technologies are one row
        rows = row_places(rec.loc[late, "file"], rec.loc[late, "row"], st.lang)
        n, where = len(rows), f" ({preview_in(rows, st.lang)})"
    key = "log_dated_unknown_units" if layer_version is None else "log_dated_new_units"
    versions = versions_by_file(rec) if layer_version is not None else None
    if st.warn and versions:  # beside files of the 2024 units: --records-version for the later file alone (QA70 N5)
        late_files = ", ".join(f for f, v in zip(dict.fromkeys(rec["file"].astype(str)), versions) if v == "2025-07")
        log.warning("%s", label("log_dated_new_units_files", st.lang, n=n, where=where, late=late_files,
                                options=" ".join(f"--records-version {v}" for v in versions), versions=versions))
    elif st.warn:
        log.warning("%s", label(key, st.lang, n=n, where=where))


def _refuse_dated_before(rec: pd.DataFrame, communes: gpd.GeoDataFrame, st: _State, moved: np.ndarray) -> None:
    """Records read in the 2025-07 units (not moved from the 2024 ones) that are dated before 1 July 2025, when those
    units did not exist, in a file whose other records are dated from that day: ``invalid``, as an impossible date
    is, the year being the likelier mistake (QA71 C3: a Q2 2026 row of Xã Bảo Yên dated 30/06/2024 lost its update to
    the Q1 record), and said once with their rows. A file dated wholly before (statuses of 2024 retyped for the
    2025-07 units) is read as dated; a file whose rows before are evidently of the 2024 units is split by
    :func:`~dxmap.pipeline.read_dataset` before."""
    if boundary_version(communes) != CROSSWALK_TO or "as_of" not in rec.columns:
        return
    dates = dates_of(rec)
    files = rec["file"].astype(str) if "file" in rec.columns else pd.Series("", index=rec.index)
    straddles = dates.ge(NEW_UNITS_FROM).groupby(files).transform("any").to_numpy(dtype=bool)
    early = dates.lt(NEW_UNITS_FROM).to_numpy(dtype=bool, na_value=False) & straddles & ~moved & st.open()
    if not early.any():
        return
    st.settle(early, Outcome.INVALID, say("rsn_dated_before_new_units", st.lang,
                                          date=dates.dt.strftime("%Y-%m-%d").map(
                                              functools.partial(date_text, lang=st.lang), na_action="ignore")))
    if st.warn:
        places = (rec.loc[early, "file"], rec.loc[early, "row"]) if {"file", "row"} <= set(rec.columns) else None
        where = ((lambda lg: preview_in(row_places(*places, lg), lg, quoted=False)) if places is not None
                 else _files_of(rec, early).strip(" ()") or "records")
        log_said(log, logging.WARNING, "log_dated_before_new_units", lang=st.lang, n=int(early.sum()), where=where)


def _files_of(rec: pd.DataFrame, mask: np.ndarray) -> str:
    """The files of the records in ``mask``, for a sentence: " (a.xlsx, b.csv)"; "" for records not read from files."""
    if "file" not in rec.columns:
        return ""
    return f" ({', '.join(dict.fromkeys(rec.loc[mask, 'file'].astype(str)))})"


def _gso_codes(codes: pd.Series) -> bool:
    """Whether most of a layer's codes are GSO commune codes (five digits): Vietnam's, whose codes changed on
    1 July 2025."""
    text = codes.dropna().astype("string")
    return bool(len(text)) and text.str.fullmatch(r"\d{5}").mean() >= 0.9


def _as_the_layer_writes(rec: pd.DataFrame, communes: gpd.GeoDataFrame) -> pd.DataFrame:
    """The records' commune and district codes as the commune layer writes them, where they differ only by
    leading zeros: a records' "416" is a layer's "0416" (:func:`~dxmap.validate.codes.as_written_in`)."""
    pairs = (("commune_code", "code"), ("district_code", "district_code"))
    fixed = {c: as_written_in(rec[c], communes[k]) for c, k in pairs if c in rec.columns and k in communes.columns}
    if "district_name" in rec.columns and "district_name" in communes.columns:
        fixed["district_name"] = _spaced_as_the_layer(rec["district_name"], communes["district_name"])
    return rec.assign(**fixed) if fixed else rec


def _spaced_as_the_layer(names: pd.Series, layer: pd.Series) -> pd.Series:
    """District names written without their spaces ("Sapa", "Batxat") as the layer writes them ("Sa Pa") where one
    layer district has those letters, as ``--district Sapa`` reads them (QA61 14: "huyện Sapa" was unknown)."""
    known = pd.Series(layer.dropna().unique(), dtype=object)
    layer_keys = _layer_keys(known)
    keys = set(layer_keys)
    letters: dict[str, set[str]] = {}
    for key, name in zip(layer_keys, known):
        letters.setdefault(str(key).replace(" ", ""), set()).add(name)
    found = {}
    for value in names.dropna().unique():
        key = name_key(value)
        same = letters.get(key.replace(" ", ""), set()) if key and key not in keys else set()
        if len(same) == 1:
            found[value] = next(iter(same))
    return names.mask(names.isin(list(found)), names.map(found)) if found else names


def _apply_versions(rec: pd.DataFrame, communes: gpd.GeoDataFrame, st: _State, records_version: str | None,
                    crosswalk: pd.DataFrame | None) -> tuple[pd.DataFrame, np.ndarray]:
    """Check record versions against the boundary version; move older codes through the crosswalk.

    Returns the records to match (a copy when codes were moved) and which rows were moved.
    """
    layer_version = boundary_version(communes)
    moved = np.zeros(len(rec), dtype=bool)
    implied = implied_new_units(rec, records_version).to_numpy()
    if "boundary_version" not in rec.columns and records_version is None and not implied.any():  # none says one
        if layer_version in ("2024", None) and "as_of" in rec.columns:
            _warn_dated_in_the_new_units(rec, communes, st, layer_version)
        return rec, moved
    clash = layer_version not in (None, "2025-07")  # said before the refusal that follows, which it explains
    if implied.any() and (st.warn or clash):
        # the rows naming both that their date leaves out, named: a mistyped year (QA71 C3)
        left = named_with_former(rec).to_numpy(dtype=bool) & ~implied
        also = (lambda lg: label("log_version_implied_left", lg, m=int(left.sum()), where=preview_in(
            row_places(rec.loc[left, "file"], rec.loc[left, "row"], lg), lg, quoted=False))) if left.any() and {
            "file", "row"} <= set(rec.columns) else ""
        log_said(log, logging.WARNING if clash else logging.INFO, "log_version_implied", n=int(implied.sum()),
                 where=_files_of(rec, implied), also=also)
    declared = declared_versions(rec, records_version)
    if layer_version is None:
        if st.warn and declared.notna().any():  # nothing to check them against: say so, and how to let dxmap check
            versions = sorted(declared.dropna().unique())
            log.warning("%s", label("log_version_unknown_layer", st.lang, versions=preview(versions),
                                    version=versions[0]))
            if crosswalk is not None:  # it leads to units the layer does not say it holds: unused, and said (QA52)
                log.warning("%s", label("log_crosswalk_unused", st.lang, target=CROSSWALK_TO))
        return rec, moved
    # invalid records too: their codes are placed apart (_also_unplaced), and must be the new units' as well
    other = (declared.notna() & declared.ne(layer_version)).to_numpy(dtype=bool, na_value=False) & (
        st.open() | (st.outcome == _INVALID))
    if not other.any():
        return rec, moved
    versions = sorted(declared[other].unique())
    where = ", ".join(sorted(rec.loc[other, "file"].astype(str).unique())) if "file" in rec.columns else "records"
    if crosswalk is None:
        check_versions(versions[0], layer_version, where=where)
    source, target = CROSSWALK_FROM, CROSSWALK_TO
    if versions != [source] or layer_version != target:
        raise said_error(VersionMismatchError,
                         "err_crosswalk_version" if len(versions) == 1 else "err_crosswalk_versions",
                         where=functools.partial(label, "err_where_records") if where == "records" else where,
                         versions=functools.partial(preview_in, versions), layer_version=layer_version, source=source,
                         target=target)
    rec = rec.copy()
    old_code = rec["commune_code"].where(other)
    by_name = other & old_code.isna() & rec["commune_name"].notna()
    if by_name.any():
        old_code = old_code.fillna(_old_code_by_name(rec[by_name], crosswalk))
    new = crosswalk_codes(old_code, crosswalk=crosswalk)
    ok = other & _present(new["new_code"])
    lost = other & ~ok & _present(old_code)
    relation = _worded(new["relation"], st.lang, {r: f"rsn_rel_{r}" for r in ("whole", "part", "none")})
    st.settle(lost, Outcome.UNMATCHED,
              say("rsn_crosswalk_lost", st.lang, source=source, target=target, code=old_code.fillna(""),
                  relation=relation.fillna(label("rsn_rel_missing", st.lang))))
    st.former[ok] = old_code[ok].to_numpy(dtype=object)
    rec.loc[ok, "commune_code"] = new.loc[ok, "new_code"]
    # Old names and districts describe the old unit, not the new one: they would read as conflicts.
    rec.loc[ok, ["commune_name", "district_code", "district_name"]] = pd.NA
    moved = ok
    if st.warn:
        log.info("%s", label("log_crosswalk_moved", st.lang, source=source, target=target, n=int(ok.sum()),
                             lost=int(lost.sum())))
    return rec, moved


def _old_code_by_name(rows: pd.DataFrame, crosswalk: pd.DataFrame) -> pd.Series:
    """The old commune code of records that give only a name (and maybe a district), when unique."""
    old = crosswalk.drop_duplicates("old_code")
    units = pd.DataFrame({"old_code": old["old_code"].values, "ckey": _layer_keys(old["old_name"]).values,
                          "dkey": _layer_keys(old["old_district_name"]).values})
    left = pd.DataFrame({"_i": rows.index, "ckey": name_key_series(rows["commune_name"]).values,
                         "want_dk": name_key_series(rows["district_name"]).values})
    cand = left.merge(units, on="ckey")
    cand = cand[cand["want_dk"].isna() | cand["want_dk"].eq(cand["dkey"])]
    n = cand.groupby("_i")["old_code"].transform("nunique")
    one = cand[n.eq(1)].drop_duplicates("_i").set_index("_i")["old_code"]
    return one.reindex(rows.index).astype("string")


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


def _suggestions(rec: pd.DataFrame, st: _State, units: _Units) -> pd.Series:
    """Suggestions for the records that did not match (unmatched, ambiguous, conflict); empty for the rest."""
    todo = np.isin(st.outcome, (_UNMATCHED, _AMBIGUOUS, _CONFLICT))
    if not todo.any():
        return pd.Series("", index=rec.index, dtype="string")
    communes, villages = units.communes, units.villages
    rows = np.flatnonzero(todo)
    rec = rec.iloc[rows]  # the texts of these rows only
    out = pd.Series("", index=rec.index, dtype="string")
    choices = pd.DataFrame({"code": communes["code"].astype(str).values, "label": communes["name"].astype(str).values,
                            "key": _layer_keys(communes["name"]).values,
                            "parent": communes["district_code"].astype("string").values})
    dkey_to_code = dict(zip(name_key_series(communes["district_name"]), communes["district_code"]))
    parent = rec["district_code"].astype("string").fillna(
        name_key_series(rec["district_name"]).map(dkey_to_code).astype("string"))
    commune = units.commune_text(st.commune[rows], rows)
    # A code that says one commune and a name that says another (conflict): the named commune is the other
    # candidate, first, and its villages are where to look for the record's village.
    named = pd.Series(pd.NA, index=rec.index, dtype="string")
    conflict = st.outcome[rows] == _CONFLICT
    if conflict.any():
        keys = choices["key"]
        once = ~keys.duplicated(keep=False)
        named[conflict] = name_key_series(rec["commune_name"][conflict]).map(
            dict(zip(keys[once], choices["code"][once]))).astype("string")
        commune = commune.where(named.isna().to_numpy(), named.to_numpy())
    # Village records whose commune is known: nearest village names in that commune.
    vkey = name_key_series(rec["village_name"])
    village_rows = (rec["level"].eq(Level.VILLAGE.value).fillna(False) & commune.notna() & vkey.notna()
                    & ~st.whole_commune[rows])  # "Toàn xã" offered "Toàn Xá" (QA37 L2)
    if villages is not None and village_rows.any():
        vill = pd.DataFrame({"code": villages["village_id"].astype(str).values, "label": villages["name"].astype(str).values,
                             "key": _layer_keys(villages["name"]).values,
                             "parent": villages["commune_code"].astype("string").values})
        if "located" in villages.columns and has_former(villages):  # the records' own list: a village only a row
            # naming another commune's former commune made ("Thôn 1 (Bản Vược)" in Xã Y Tý) is offered to none
            standing = former_of(villages, units.village_communes, units.communes)["standing"]
            vill = vill[~standing.isin([OTHER, UNKNOWN]).to_numpy(dtype=bool)]
        out[village_rows] = _grouped_top3(vkey[village_rows], commune[village_rows], vill)
    # Records whose commune is not settled: nearest commune names in the district, else the nearest codes. A
    # village record whose commune is known but that names no village gets none: its commune is not the question.
    ckey = name_key_series(rec["commune_name"])
    unsettled = ~(rec["level"].eq(Level.VILLAGE.value).fillna(False) & commune.notna())
    by_name = unsettled & ckey.notna()
    if by_name.any():
        out[by_name] = _grouped_top3(ckey[by_name], parent[by_name], choices)
        # a commune merged on 1 July 2025 named in records for the new units: its new unit first
        went = former_communes(rec.loc[by_name, "commune_name"], rec.loc[by_name, "district_name"],
                               boundary_version(communes), st.lang, rec.loc[by_name, "district_code"])["suggestions"]
        went = went[went.ne("")]
        if len(went):
            out[went.index] = [_first(w, o) for w, o in zip(went, out[went.index])]
    by_code = unsettled & ~by_name & rec["commune_code"].notna()
    if by_code.any():
        codes = choices.assign(key=choices["code"])
        # OSA counts a swap of two digits as one edit: "02629" is one step from "02692".
        out[by_code] = _top3(rec.loc[by_code, "commune_code"].astype(str), codes, scorer=OSA.normalized_similarity, floor=60)
    if named.notna().any():
        label = dict(zip(choices["code"], choices["label"]))
        first = named.dropna()
        out[first.index] = [_first(f"{c} {label[c]} (100)", o) for c, o in zip(first, out[first.index])]
    # two units of one name among a row's suggestions: which district (commune) each is in
    village_list = village_rows.to_numpy(dtype=bool) if villages is not None else np.zeros(len(out), dtype=bool)
    if village_list.any():
        out[village_list] = _namesakes_with_parents(out[village_list], units, st.lang, villages=True,
                                                    keys=vill["key"].to_numpy(dtype=object)).to_numpy(dtype=object)
    out[~village_list] = _namesakes_with_parents(out[~village_list], units, st.lang,
                                                 keys=choices["key"].to_numpy(dtype=object)).to_numpy(dtype=object)
    full = np.full(st.n, "", dtype=object)
    full[rows] = out.to_numpy(dtype=object)
    return pd.Series(pd.array(full, dtype="string"))


def _match_communes(rec: pd.DataFrame, units: _Units, st: _State, engine: Engine = "pandas") -> None:
    communes = units.communes
    code, names = rec["commune_code"], rec["commune_name"]

    # 1. by code
    pos = units.commune(code)
    known = pos >= 0
    st.commune[known] = pos[known]
    st.method[known] = _CODE
    said = per_distinct(names, commune_kind).fillna("").to_numpy(dtype=object)  # the kind each name says ("Xã …")
    kind_clash = _kind_clash(names, said, pos, units, known)
    named_other, spelt_near = _name_clash(names, pos, units, known)
    clash = np.union1d(named_other, kind_clash)
    if len(clash):
        hint = version_hint(code.iloc[clash], names.iloc[clash], boundary_version(communes), st.lang)
        if st.warn and (hint != "").any():  # reused codes: the records that agree with the layer by chance matched wrongly
            fits = (hint != "").to_numpy()
            other = " or ".join(v for v in BOUNDARY_VERSIONS if v != boundary_version(communes))
            log.warning("%s", label("log_reused_codes", st.lang, n=int(fits.sum()), version=other, examples=preview_in(
                list(code.iloc[clash][fits] + " " + names.iloc[clash][fits]), st.lang)))
        st.settle(_mask(st.n, clash), Outcome.CONFLICT,
                  say("rsn_code_is_other", st.lang, code=code.iloc[clash],  # its kind where the name says another
                      layer_name=_at(communes["name"], pos[clash], clash).fillna("").mask(
                          np.isin(clash, kind_clash), _full_names(communes, pos[clash]).set_axis(clash)),
                      name=names.iloc[clash].fillna("")) + hint)
    by_code = np.flatnonzero(known & st.open())
    _note_spelling(st.commune_spelt, by_code, names.iloc[by_code], _take(units.names, pos[by_code]))
    near = np.intersect1d(spelt_near, by_code)
    st.commune_spelt[near] = _take(units.names, pos[near]).to_numpy(dtype=object)
    kind = by_code[_other_kind(said[by_code], pos[by_code], units)]  # "Xã Duyên Hải" for a commune made
    st.commune_spelt[kind] = _full_names(communes, pos[kind]).to_numpy(dtype=object)  # a ward: its code decides
    unknown_code = _present(code) & ~known
    named = _present(names)

    # 2. by name within the district
    need = (st.commune < 0) & named & st.open()
    formers = 0  # the records of these refused as naming a former commune, for the warning said once
    if need.any():
        rows = np.flatnonzero(need)
        want = rec.iloc[rows]
        left = pd.DataFrame({"_i": rows, "ckey": name_key_series(want["commune_name"]).values,
                             "want_exact": spelling_key_series(want["commune_name"]).values,
                             "want_dc": want["district_code"].values,
                             "want_dk": name_key_series(want["district_name"]).values})
        keys = pd.DataFrame({"_u": np.arange(units.nc), "ckey": _layer_keys(communes["name"]).values})
        cand = left.merge(keys, on="ckey", how="inner")
        u = cand["_u"].to_numpy()
        if _has_districts(communes):  # a layer without any (the 2025-07 units) is not narrowed by a former district
            dc = communes["district_code"].astype("string").iloc[u]
            keep = (cand["want_dc"].isna() | cand["want_dc"].eq(dc.values)) & (
                cand["want_dk"].isna() | cand["want_dk"].eq(_layer_keys(communes["district_name"].iloc[u]).values))
            cand = cand[keep.fillna(False).to_numpy(dtype=bool)]
        # spellings only for the candidates: most records name one commune
        u = cand["_u"].to_numpy()
        full = communes["full_name"] if "full_name" in communes.columns else communes["name"]
        cand = cand.assign(code=communes["code"].astype("string").iloc[u].values,
                           exact=spelling_key_series(communes["name"].iloc[u]).fillna("").values,
                           exact_full=spelling_key_series(full.iloc[u]).values)
        cand = _of_the_kind_said(cand, names, units)
        cand = _prefer_exact(cand, "code", (("exact", "want_exact"), ("exact_full", "want_exact")))
        one, first, many, listing = _pick(cand, "code", rows)
        st.commune[one] = units.commune(first)
        st.method[one] = _NAME
        _note_spelling(st.commune_spelt, one, names.iloc[one], _take(units.names, st.commune[one]))
        # A name that says another kind of unit than its only namesake: a commune since made a town or ward ("Xã
        # Nam Cường" for Phường Nam Cường; "xã" is also said of any commune) is joined to it, with the layer's full
        # name noted, and where the namesake's own records say the same day, they are kept and it is the duplicate
        # ("Xã Yên Bình", merged away, beside Thị trấn Yên Bình's rows). A town or city of district rank ("Thị xã
        # Nghĩa Lộ") is no commune: refused. Given a code, the person who typed it decides.
        other_kind = _other_kind(said[one], st.commune[one], units)
        district_rank = np.isin(said[one], _DISTRICT_KINDS)
        noted = one[other_kind & ~unknown_code[one] & ~district_rank]
        st.commune_spelt[noted] = _full_names(communes, st.commune[noted]).to_numpy(dtype=object)
        st.other_kind[noted] = True
        told = one[other_kind & ~unknown_code[one] & district_rank]
        if len(told):
            pos = st.commune[told]
            st.settle(_mask(st.n, told), Outcome.CONFLICT,
                      say("rsn_name_other_kind", st.lang, name=names.iloc[told].fillna(""),
                          fit_code=_at(communes["code"].astype("string"), pos, told),
                          fit_name=_full_names(communes, pos).set_axis(told).fillna(""),
                          kind=pd.Series(said[told], index=told)))
        # A name whose unit word or district says a commune of before 1 July 2025 that went into another unit than
        # its namesake of now ("Thị trấn Trạm Tấu" is Xã Hạnh Phúc's, not Xã Trạm Tấu): unmatched, as A Lù is
        formers = _refuse_former(rec, units, st, one[~unknown_code[one] & ~district_rank])
        st.settle(_mask(st.n, many), Outcome.AMBIGUOUS,
                  say("rsn_commune_ambiguous", st.lang, name=names.iloc[many].fillna(""),
                      units=_named_listing(listing, units, st.lang)))
        # A code the layer does not hold is not a blank: the record names another unit (merged away, of another
        # province, mistyped) and the name alone would join it to a namesake ("04774, Xã Yên Bình" to 04714 Thị
        # trấn Yên Bình). The person who typed it decides.
        odd = one[unknown_code[one]]
        if len(odd):
            pos = st.commune[odd]
            fits = {"code": code.iloc[odd], "fit_code": _at(communes["code"].astype("string"), pos, odd)}
            reason = say("rsn_code_unknown_name_fits", st.lang, **fits,
                         fit_name=_at(communes["name"], pos, odd).fillna(""))
            kind = other_kind[unknown_code[one]]  # a namesake of another kind ("Xã Yên Bình", 04714 Thị trấn Yên
            if kind.any():  # Bình) is not offered as the match
                reason[kind] = say("rsn_code_unknown_other_kind", st.lang, **{k: v[kind] for k, v in fits.items()},
                                   fit_name=_full_names(communes, pos[kind]).set_axis(odd[kind]).fillna(""),
                                   kind=pd.Series(said[odd[kind]], index=odd[kind]))
            st.settle(_mask(st.n, odd), Outcome.CONFLICT,
                      reason + version_hint(code.iloc[odd], names.iloc[odd], boundary_version(communes), st.lang))

    # 3. by location
    located = _present(rec["lon"]) & _present(rec["lat"])
    need = (st.commune < 0) & located & st.open()
    if need.any() and communes.geometry.notna().any():
        rows = np.flatnonzero(need)
        pts = gpd.GeoDataFrame({"_i": rows}, geometry=gpd.points_from_xy(rec["lon"].iloc[rows], rec["lat"].iloc[rows]),
                               crs="EPSG:4326")
        hit = points_in_polygons(pts, communes[["code", "geometry"]].to_crs("EPSG:4326"), engine=engine)
        one, first, many, listing = _pick(hit.rename(columns={"code": "c"}), "c", rows)
        st.commune[one] = units.commune(first)
        st.method[one] = _LOCATION
        st.settle(_mask(st.n, many), Outcome.AMBIGUOUS, say("rsn_point_shared_commune", st.lang, units=listing))

    unresolved = (st.commune < 0) & st.open()
    # Village records without commune info can still be placed by their village id.
    by_village_id = (unresolved & _present(rec["village_id"]) & ~_present(code) & ~named
                     & rec["level"].eq(Level.VILLAGE.value).to_numpy(dtype=bool, na_value=False))
    rows = np.flatnonzero(unresolved & ~by_village_id)
    if not len(rows):
        if st.warn and formers:
            log.warning("%s", label("log_former_communes", st.lang, n=formers))
        return
    # texts only for the unresolved rows: a national file has ~200k rows
    lost = rec.iloc[rows]
    lang = st.lang
    reason = pd.Series(label("rsn_no_commune", lang), index=rows, dtype="string")
    has_name, bad_code = named[rows], unknown_code[rows]
    named_lost = lost[has_name]
    former = former_communes(named_lost["commune_name"], named_lost["district_name"], boundary_version(communes),
                             lang, named_lost["district_code"])["hint"]
    reason.loc[has_name] = say("rsn_no_commune_named", lang, name=named_lost["commune_name"]) + _in_district(
        named_lost, lang) + former
    formers += int(former.ne("").sum())
    if st.warn and formers:  # how to read them as 2024 records: said once, not in each row's reason
        log.warning("%s", label("log_former_communes", lang, n=formers))
    # a district the layer does not know is what to fix, not the commune's name ("Tân Thịnh in district 083")
    dcode, dkey = lost["district_code"], name_key_series(lost["district_name"])
    known_codes = set(communes["district_code"].dropna().astype(str))
    known_keys = set(_layer_keys(communes["district_name"].dropna()))
    odd = has_name & _has_districts(communes) & ((dcode.notna() & ~dcode.isin(known_codes))
                      | (dcode.isna() & dkey.notna() & dkey.ne("") & ~dkey.isin(known_keys))).to_numpy(dtype=bool)
    if odd.any():
        district = lost["district_code"].fillna(lost["district_name"])[odd]
        reason.loc[rows[odd]] = say("rsn_district_unknown", lang, district=_district_words(district, lang),
                                    name=lost["commune_name"][odd]).to_numpy()
    reason.loc[bad_code] = say("rsn_code_unknown", lang, code=lost["commune_code"][bad_code])
    into = _merged_into(lost["commune_code"][bad_code], units)
    if into.notna().any():  # a former commune's code (Sa Pa's merged in 2019–2020): said, not "not in the set"
        at = units.commune(into[into.notna()])
        reason.loc[rows[bad_code][into.notna().to_numpy()]] = say(
            "rsn_code_merged", lang, code=lost["commune_code"][bad_code][into.notna()],
            into=pd.Series(units.codes.iloc[at].to_numpy() + " " + units.names.iloc[at].fillna("").to_numpy(),
                           index=into.index[into.notna()])).to_numpy()
    outside = located[rows] & ~has_name & ~bad_code
    reason.loc[outside] = label("rsn_point_outside", lang)
    if outside.any() and communes.geometry.notna().any():  # longitude and latitude typed the other way round?
        swapped = _swapped_into(lost[outside], communes, engine, lang)
        reason.loc[swapped.index] = swapped
    st.settle(_mask(st.n, rows), Outcome.UNMATCHED, reason)


def _merged_into(codes: pd.Series, units: _Units) -> pd.Series:
    """The code of the commune of ``units`` each of ``codes`` was merged into (:func:`~dxmap.io.bundled.merged_codes`:
    the bundled provinces' communes merged away before their layers' date); <NA> for the others (QA70 N3)."""
    merged = pd.Series(merged_codes(), dtype="string")
    into = as_written_in(codes.astype("string"), pd.Series(merged.index, dtype="string")).map(merged)
    return into.where(into.isin(set(units.codes.dropna()))).astype("string")


def _refuse_former(rec: pd.DataFrame, units: _Units, st: _State, rows: np.ndarray) -> int:
    """Settle the ``rows`` matched by their commune name alone whose unit word or district says a commune of before 1
    July 2025 that went into another unit (:func:`~dxmap.reconcile.versions.named_as_former`) as unmatched, with
    what says so and where that commune went; returns how many."""
    version = boundary_version(units.communes)
    if not len(rows) or version != CROSSWALK_TO:
        return 0
    pos = st.commune[rows]
    lost = rec.iloc[rows]
    said = named_as_former(lost["commune_name"], lost["district_name"], lost["district_code"],
                           _take(units.codes, pos).set_axis(rows), _take(units.names, pos).set_axis(rows),
                           pd.Series(units.kinds[pos], index=rows), version)
    kind, district, spelt = (said[c].ne("").to_numpy(dtype=bool) for c in ("kind", "district", "spelt"))
    hit = kind | district | spelt
    if not hit.any():
        return 0
    at, lang = rows[hit], st.lang
    lost, said, kind, district = lost[hit], said[hit], kind[hit], district[hit]
    unit = (_take(units.codes, st.commune[at]) + " " + _full_names(units.communes, st.commune[at])).set_axis(at)
    words = {"unit": unit, "name": lost["commune_name"], "kind": said["kind"],  # "huyện Lục Yên cũ" in a sentence
             "district": said["district"].str.slice(0, 1).str.lower() + said["district"].str.slice(1)
             if lang == "vi" else said["district"]}
    why = say("rsn_former_spelt", lang, **words).mask(district, say("rsn_former_district", lang, **words))
    why = why.mask(kind & district, say("rsn_former_kind_district", lang, **words))
    why = why.mask(kind & ~district, say("rsn_former_kind", lang, **words))
    went = former_communes(lost["commune_name"], lost["district_name"], version, lang, lost["district_code"])["hint"]
    st.commune[at], st.method[at] = -1, -1  # no unit: its suggestions are the former commune's
    st.settle(_mask(st.n, at), Outcome.UNMATCHED, why + went)
    return len(at)


def _swapped_into(rows: pd.DataFrame, communes: gpd.GeoDataFrame, engine: Engine, lang: Lang) -> pd.Series:
    """For records placed outside every commune: where their point with longitude and latitude swapped falls in one,
    the reason that says so ("(22.70, 103.59) swapped is in 02692 A Lù"; QA60 35: only "check the coordinates")."""
    pts = gpd.GeoDataFrame({"_i": rows.index}, geometry=gpd.points_from_xy(rows["lat"], rows["lon"]), crs="EPSG:4326")
    hit = points_in_polygons(pts, communes[["code", "name", "geometry"]].to_crs("EPSG:4326"), engine=engine)
    hit = hit.drop_duplicates("_i").set_index("_i")
    if hit.empty:
        return pd.Series(dtype="string")
    at = rows.loc[hit.index]
    return pd.Series([label("rsn_point_swapped", lang, x=number_text(lon, lang, 4), y=number_text(lat, lang, 4),
                            code=code, name=name)
                      for lon, lat, code, name in zip(at["lon"], at["lat"], hit["code"], hit["name"])],
                     index=hit.index, dtype="string")


# Kinds of unit of district rank: a name that says one is no commune's
_DISTRICT_KINDS = ("thị xã", "thành phố", "huyện", "quận")


def _full_names(communes: gpd.GeoDataFrame, pos: np.ndarray) -> pd.Series:
    """The communes at ``pos`` named with their kind ("Thị trấn Yên Bình"), as the layer's ``full_name`` or
    ``unit_type`` gives it; the bare name otherwise. A fresh RangeIndex."""
    names = _text(communes["name"].iloc[pos])
    if "full_name" in communes.columns:
        return _text(communes["full_name"].iloc[pos]).fillna(names)
    if "unit_type" in communes.columns:
        return (_text(communes["unit_type"].iloc[pos]) + " " + names).fillna(names)
    return names


def _of_the_kind_said(cand: pd.DataFrame, names: pd.Series, units: _Units) -> pd.DataFrame:
    """Name candidates (``_i``: the record's row, ``_u``: the commune's position) narrowed to the kind of unit the
    record's name says, where one of them is of it: "TT. Trạm Tấu" is 04585 Thị trấn Trạm Tấu, not 04600 Xã Trạm
    Tấu. A record whose namesakes are all of another kind keeps them (it is told so), one that says none keeps all."""
    theirs = units.kinds[cand["_u"].to_numpy()]
    if not (theirs != "").any():
        return cand
    said = per_distinct(names.iloc[cand["_i"].to_numpy()], functools.partial(commune_kind, weak=True)
                        ).fillna("").to_numpy(dtype=object)  # "Xa Tram Tau" too: only to choose
    fits = (said == "") | (theirs == "") | (said == theirs)
    some = pd.Series(fits).groupby(cand["_i"].to_numpy()).transform("any").to_numpy(dtype=bool)
    return cand[fits | ~some]


def _kind_clash(names: pd.Series, said: np.ndarray, pos: np.ndarray, units: _Units, known: np.ndarray) -> np.ndarray:
    """The rows whose code finds a commune of one kind and whose name says another kind that a namesake in the layer
    is: "04585, Xã Trạm Tấu" (04585 is Thị trấn Trạm Tấu, 04600 Xã Trạm Tấu). A name whose kind no namesake has is
    a commune since made a town or ward ("Xã Duyên Hải" for Phường Duyên Hải): its code decides."""
    rows = np.flatnonzero(known & _present(names))
    rows = rows[_other_kind(said[rows], pos[rows], units)]
    if not len(rows):
        return rows
    communes = units.communes  # the namesake is looked for in the code's own district, as "Trạm Tấu" is
    district = (communes["district_code"].astype("string").fillna("").to_numpy(dtype=object)
                if "district_code" in communes.columns else np.full(units.nc, "", dtype=object))
    layer = set(zip(_layer_keys(communes["name"]).to_numpy(dtype=object), units.kinds, district))
    keys = name_key_series(names.iloc[rows]).to_numpy(dtype=object)
    return rows[np.array([(k, w, d) in layer for k, w, d in zip(keys, said[rows], district[pos[rows]])], dtype=bool)]


def _other_kind(said: np.ndarray, pos: np.ndarray, units: _Units) -> np.ndarray:
    """Whether each record's name says (``said``, its :func:`commune_kind`) a kind of unit ("Xã …") that the
    commune at ``pos`` is not (its ``unit_type`` or ``full_name`` says "Thị trấn"): a namesake, or a commune since
    made a town or ward. A layer that gives no kinds (most outside Vietnam) has nothing to compare."""
    layer = units.kinds[pos]
    return (said != "") & (layer != "") & (said != layer)


def _at(values: pd.Series, pos: np.ndarray, rows: np.ndarray) -> pd.Series:
    """``values`` at positions ``pos``, indexed by ``rows``."""
    return values.iloc[pos].set_axis(rows)


def _name_clash(names: pd.Series, pos: np.ndarray, units: _Units, known: np.ndarray, *,
                villages: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """The rows whose name is not the name of the commune their code found (``name_key`` differs), or with
    ``villages``, of the village their id found (``pos`` in the village layer), as two arrays: those that name
    another unit, or none near it (a conflict), and those that spell it otherwise (:func:`_spelt_near`: "BảnSảng",
    "Y Tí" for Bản Sảng, Y Tý; a village's "Bản Tủng Sáo" for Bản Tủng Séo): the code decides, and the layer's
    spelling is noted (QA70 N1, N2). A unit without a name in the layer contradicts no record.

    Keys are computed only where the two texts differ: records mostly spell the name as the layer does.
    """
    layer, texts = (units.villages, units.unit_names.iloc[units.nc:]) if villages else (units.communes, units.names)
    rows = np.flatnonzero(known & _present(names))
    same = _take(_text(names), rows).eq(_take(texts, pos[rows])).fillna(False).to_numpy(dtype=bool)
    rows = rows[~same]
    if not len(rows):
        return rows, rows
    given = name_key_series(names.iloc[rows]).to_numpy(dtype=object)
    layer_names = layer["name"].iloc[pos[rows]]
    theirs = _layer_keys(layer_names).to_numpy(dtype=object)
    # a unit the layer gives no name cannot contradict the record's: its code decides
    named = layer_names.notna().to_numpy(dtype=bool) & (theirs != "")
    rows, given, theirs, pos = (v[(given != theirs) & named] for v in (rows, given, theirs, pos[rows]))
    # another unit's name (in the village's commune; any commune's): a contradiction however near it is
    if villages:
        parent = units.village_commune[pos]
        v = np.flatnonzero(np.isin(units.village_commune, np.unique(parent)))
        others = set(zip(units.village_commune[v], _layer_keys(layer["name"].iloc[v])))
        other = np.array([(p, g) in others for p, g in zip(parent, given)], dtype=bool)
    else:
        other = np.isin(given, _layer_keys(layer["name"]).dropna().unique())
    whole = zip(names.iloc[rows].map(fold), layer["name"].iloc[pos].map(fold))  # "BảnSảng": no unit word to drop
    near = ~other & np.array([_spelt_near(g, t, typos=villages) or _spelt_near(*w, typos=villages)
                              for g, t, w in zip(given, theirs, whole)], dtype=bool)
    return rows[~near], rows[near]


_IY_RE = re.compile(r"(?<=[bcdfghjklmnpqrstvxđ])y")  # y after a consonant: Tỷ/Tỉ, Lý/Lí, Kỳ/Kì


def _spelt_near(given: str, theirs: str, *, typos: bool) -> bool:
    """Whether a name's key spells the unit's key without a space ("bansang") or with i for y after a consonant ("ti
    ngai", "ty ngai"); with ``typos`` (a village's name beside its id) also a letter or two off in as many words
    ("tung sao", "tung seo"), or with a note in brackets ("me (me thuong)"). Never with another number ("trung tam 2"
    is not "trung tam 1"). A commune's code was reused on 1 July 2025, so a name one letter or word away from its
    unit's may be that of the commune the code had before ("Khánh Yên Hạ" beside 2025-07 Khánh Yên): no typos."""
    if re.findall(r"\d+", given) != re.findall(r"\d+", theirs):
        return False
    a, b = (_IY_RE.sub("i", k) for k in (given, theirs))
    if a.replace(" ", "") == b.replace(" ", ""):
        return True
    a = re.sub(r"\s*\([^)]*\)", "", a).strip()  # "Bản Mế (Mế Thượng)"
    return typos and (a == b or (len(a.split()) == len(b.split()) and fuzz.ratio(a, b) >= 85))


def _namesakes_with_parents(texts: pd.Series, units: _Units, lang: Lang, *, villages: bool = False,
                keys: np.ndarray | None = None) -> pd.Series:
    """``texts`` ("; "-joined ``"code name (…)"`` units) with namesakes told apart: where two units of one text
    share a name (their :func:`name_key`) and lie in different parents, each of them is followed by its parent:
    a commune by its district ("02779 Thanh Bình, Mường Khương district (100)"; "…, huyện Mường Khương (100)"),
    a village (``villages``) by its commune. Other texts, and the other units of a text, are as they were.

    For the few rows that did not match: names and parents are looked up for the codes these texts name; ``keys``,
    the layer's name keys in its order when the caller has them (else computed for those codes only).
    """
    values = texts.to_numpy(dtype=object, na_value="")
    items = {i: t.split("; ") for i, t in enumerate(values) if "; " in t}  # position → its units
    if not items:
        return texts
    of = {i: [s.split(" ", 1)[0] for s in row] for i, row in items.items()}
    codes = pd.Series(sorted({c for row in of.values() for c in row}), dtype="string")
    if villages and units.villages is not None:
        pos = units.village(codes)
        names, parents = units.villages["name"], units.village_communes
    else:
        pos = units.commune(codes)
        # a layer may name its districts without codes: the name is the parent then
        names = units.communes["name"]
        parents = _text(units.communes["district_code"]).fillna(_text(units.communes["district_name"]))
    known = pos >= 0
    codes, pos = codes[known].tolist(), pos[known]
    key = dict(zip(codes, _layer_keys(names.iloc[pos]).to_numpy(dtype=object) if keys is None else keys[pos]))
    parent = dict(zip(codes, parents.iloc[pos].to_numpy(dtype=object, na_value=None)))
    former: dict[str, object] = {}  # a village's former commune, where the layer says it
    if villages and units.villages is not None and has_former(units.villages):
        given = [units.villages[c].astype("string") for c in ("former_commune_name", "former_commune_code")
                 if c in units.villages]
        former = dict(zip(codes, functools.reduce(lambda a, b: a.fillna(b), given).iloc[pos]
                          .to_numpy(dtype=object, na_value=None)))
    told: dict[tuple[int, int], str] = {}  # (position, unit) → its parent
    told_former: dict[tuple[int, int], str] = {}  # (position, unit) → its former commune
    for i, row in of.items():
        ks = [key.get(c) for c in row]
        if len(set(ks)) == len(ks):  # mostly: no two units of one name
            continue
        groups: dict[str, list[int]] = {}
        for n, k in enumerate(ks):
            if isinstance(k, str) and k:
                groups.setdefault(k, []).append(n)
        for group in groups.values():
            if len({parent[row[n]] for n in group}) > 1:  # one parent tells nothing apart (Sa Pa, Sa Pả)
                told.update({(i, n): parent[row[n]] for n in group if parent[row[n]] is not None})
            elif len({former.get(row[n]) for n in group} - {None}) == len(group):  # "Thôn 1" of A Lù, of Y Tý
                told_former.update({(i, n): str(former[row[n]]) for n in group})
    for (i, n), theirs in told_former.items():  # "02701-a-lu-thon-1 Thôn 1 (A Lù) (100)"
        s = items[i][n]
        cut = s.rfind(" (") if s.endswith(")") else -1
        items[i][n] = f"{s[:cut]} ({theirs}){s[cut:]}" if cut > 0 else f"{s} ({theirs})"
    if not told:
        if not told_former:
            return texts
        out = values.copy()
        for i in {i for i, _ in told_former}:
            out[i] = "; ".join(items[i])
        return pd.Series(pd.array(out, dtype="string"), index=texts.index)
    words = _parent_words(pd.Series(list(dict.fromkeys(told.values())), dtype="string"), units, villages, lang)
    for (i, n), their in told.items():
        s = items[i][n]
        cut = s.rfind(" (") if s.endswith(")") else -1  # "(100)", "(since 1 July 2025)" stay last
        head, tail = (s[:cut], s[cut:]) if cut > 0 else (s, "")
        items[i][n] = label("rsn_namesake_commune" if villages else "rsn_namesake_district", lang, unit=head,
                            commune=words[their], district=words[their]) + tail
    out = values.copy()
    for i in {i for i, _ in told} | {i for i, _ in told_former}:
        out[i] = "; ".join(items[i])
    return pd.Series(pd.array(out, dtype="string"), index=texts.index)


def _parent_words(parents: pd.Series, units: _Units, villages: bool, lang: Lang = "en") -> dict[str, str]:
    """Each parent (code) as :func:`_namesakes_with_parents` names it: a commune by its name; a district by its
    name without "Huyện" (the English label says "district"), in Vietnamese with its own unit word ("thị xã Sa
    Pa", "huyện Bát Xát": the layer's ``district_full_name``, else "huyện"); the parent as given when the layer
    has no name."""
    parents = parents.reset_index(drop=True)
    if villages:
        names = _take(units.names, units.commune(parents))
    else:
        at = positions(parents, units.communes["district_code"], missing_matches=False)
        names = _take(_text(units.communes["district_name"]), at)
    names = names.where(names.fillna("").str.strip().ne(""), parents)
    if not villages:
        names = names.str.replace(_HUYEN, "", regex=True)
        if lang == "vi":
            full = (_take(_text(units.communes["district_full_name"]), at) if "district_full_name" in units.communes
                    else pd.Series(pd.NA, index=names.index, dtype="string"))
            typed = full.str.slice(0, 1).str.lower() + full.str.slice(1)  # "Thị xã Sa Pa" → "thị xã Sa Pa"
            names = typed.where(full.fillna("").str.strip().ne(""), "huyện " + names)
    return dict(zip(parents, names))


def _named_listing(listing: pd.Series, units: _Units, lang: Lang) -> pd.Series:
    """An ambiguous commune's candidates ("02779, 03022") named, and told apart by their district where they share a
    name: "02779 Thanh Bình, Mường Khương district; 03022 Thanh Bình, Sa Pa district"."""
    if listing.empty:
        return listing
    codes = listing.str.split(", ")
    flat = codes.explode()
    pos = units.commune(flat)
    name = dict(zip(flat, _take(units.names, pos).fillna("").to_numpy(dtype=object)))
    full = dict(zip(flat, _full_names(units.communes, pos).fillna("").to_numpy(dtype=object)))

    def names(row: list[str]) -> dict[str, str]:  # namesakes of two kinds by their full names: "04585 Thị trấn Trạm Tấu"
        same = len({name[c] for c in row}) < len(row) and len({full[c] for c in row}) == len(row)
        return full if same else name

    named = pd.Series(["; ".join(f"{c} {names(row)[c]}".rstrip() for c in row) for row in codes], index=listing.index,
                      dtype="string")
    return _namesakes_with_parents(named, units, lang)


def _first(suggestions: str, others: str) -> str:
    """``suggestions`` before ``others`` ("; "-joined "code name (…)"), each code once, three in all."""
    seen, out = set(), []
    for s in (suggestions.split("; ") + (others.split("; ") if others else [])):
        code = s.split(" ", 1)[0]
        if code not in seen:
            seen.add(code)
            out.append(s)
    return "; ".join(out[:3])


def _has_districts(communes: gpd.GeoDataFrame) -> bool:
    """Whether the layer says which district its communes are in (the 2025-07 units are in none)."""
    return bool(communes["district_code"].notna().any() or communes["district_name"].notna().any())


def _in_district(rec: pd.DataFrame, lang: Lang = "en") -> pd.Series:
    d = rec["district_name"].fillna(rec["district_code"])
    return say("rsn_in_district", lang, district=_district_words(d, lang)).fillna("")


def _district_words(district: pd.Series, lang: Lang) -> pd.Series:
    """District names and codes as a reason shows them after the word for district: in Vietnamese without a
    leading "Huyện", which the sentence already says ("ở huyện Bát Xát", not "ở huyện Huyện Bát Xát")."""
    district = district.astype("string")
    return district.str.replace(_HUYEN, "", regex=True) if lang == "vi" else district


_HUYEN = re.compile(r"^\s*huyện\s+", re.IGNORECASE)


def _worded(values: pd.Series, lang: Lang, keys: dict[str, str]) -> pd.Series:
    """``values`` (text) in ``lang``'s words: ``keys`` gives a value's label key; other values stay as written."""
    words = {value: label(key, lang) for value, key in keys.items()}
    text = values.astype("string")
    return text.map(words).astype("string").fillna(text)


def _level_words(values: pd.Series, lang: Lang) -> pd.Series:
    """Levels ("village", "commune") as a reason says them."""
    return _worded(values, lang, {lv.value: f"rsn_level_{lv.value}" for lv in Level})


def _tech_words(values: pd.Series, lang: Lang, *, start: bool = False) -> pd.Series:
    """Technologies as a reason says them: in English as written ("fibre"); in Vietnamese in words ("cáp quang
    (FTTH)"; capitalised ``start``-ing a sentence)."""
    if lang == "en":
        return values.astype("string")
    return _worded(values, lang, {t.value: t.value if start else f"chg_tech_{t.value}" for t in Technology})


def _status_words(values: pd.Series, lang: Lang) -> pd.Series:
    """Statuses as a reason says them: in English as written ("none"), in Vietnamese in words ("Chưa có")."""
    if lang == "en":
        return values.astype("string")
    return _worded(values, lang, {s.value: s.value for s in Status})


def _match_villages(rec: pd.DataFrame, units: _Units, st: _State, is_village: np.ndarray, engine: Engine = "pandas") -> None:
    todo = is_village & st.open()
    if not todo.any():
        return
    villages = units.villages
    lang = st.lang
    if villages is None:
        _refuse_whole_commune(rec, units, st, todo)  # "Toàn xã" names no village, whatever list there may be
        todo = todo & st.open()
        if not todo.any():
            return
        rows = np.flatnonzero(todo)
        lost = rec.iloc[rows]
        reason = pd.Series(label("rsn_no_village_layer", lang), index=rows, dtype="string")
        # dxmap's own villages are the Lào Cai demo's: a user of the bundled Yên Bái communes may look for theirs.
        # The layer's province_name tells (the 2025-07 units have Yên Bái's province code, 15, and say "Lào Cai").
        if "province_name" in units.communes.columns:
            yenbai = _layer_keys(units.communes["province_name"]).eq(name_key("Yên Bái")).to_numpy(dtype=bool)
            reason.loc[rows[np.append(yenbai, False)[st.commune[rows]]]] = (  # position -1 (no commune): the False
                label("rsn_no_village_layer_yenbai", lang))
        # a commune's row of a wide sheet (Di động, Cáp quang): it names no village, and no layer could place one
        bare = ~(_present(lost["village_id"]) | _present(lost["village_name"])
                 | (_present(lost["lon"]) & _present(lost["lat"])))
        # ... so it is a commune's statement about a technology counted per village: kept, not used, and said once
        ignored = rows[bare]
        tech = _tech_words(lost["technology"], lang, start=True).fillna(label("rsn_this_tech", lang))
        reason.loc[ignored] = say("rsn_per_village_no_layer", lang, tech=tech[bare].set_axis(ignored))
        if len(ignored) and st.warn:
            techs = sorted(rec["technology"].iloc[ignored].dropna().unique())
            words = [label(f"log_tech_{t}", lang) for t in techs] or [""]
            both = functools.reduce(lambda a, b: label("row_and", lang, a=a, b=b), words)  # "fibre and mobile"
            log.warning("%s", label("log_per_village_many" if len(techs) > 1 else "log_per_village_one", lang,
                                    n=len(ignored), techs=both))
        st.settle(_mask(st.n, ignored), Outcome.IGNORED, reason.loc[ignored])
        unplaced = reason.drop(ignored)
        if len(unplaced) and st.warn:  # the reasons say no village list was there; how to give one is said once
            yenbai = unplaced.eq(label("rsn_no_village_layer_yenbai", lang)).any()
            log.warning("%s", label("log_no_village_layer_yenbai" if yenbai else "log_no_village_layer", lang,
                                    n=len(unplaced)))
        st.settle(todo, Outcome.UNMATCHED, reason)
        return

    # by id
    vid, names = _ids_as_the_layer_writes(rec, units, st, todo), rec["village_name"]
    pos = units.village(vid)
    in_layer = pos >= 0
    known = todo & in_layer
    their = np.full(st.n, -1, dtype=np.int64)
    their[known] = units.village_commune[pos[known]]
    clash = known & (st.commune >= 0) & (their >= 0) & (st.commune != their)
    if clash.any():  # the text for the clashing rows only
        c = np.flatnonzero(clash)
        st.settle(clash, Outcome.CONFLICT, say("rsn_village_other_commune", lang, village=vid.iloc[c].fillna(""),
                                               theirs=units.commune_text(their[c], c).fillna(""),
                                               given=units.commune_text(st.commune[c], c).fillna("")))
    # an id that says one village and a name that says another, as a commune's code and name (QA69 F1: the id
    # decided, silently; ids a layer made from its row order shift when a village is taken out)
    other, near = _name_clash(names, pos, units, known & st.open(), villages=True)
    if len(other) and villages.attrs.get("ids_made"):  # ids dxmap numbered (no id column): the names decide
        if st.warn:
            said = dict.fromkeys(vid.iloc[other].astype(str) + " " + names.iloc[other])
            log_said(log, logging.WARNING, "log_village_ids_made", n=len(other),
                     examples=functools.partial(preview_in, list(said)))
        known[other] = False
        other = other[:0]
    if len(other):
        st.settle(_mask(st.n, other), Outcome.CONFLICT,
                  say("rsn_village_id_is_other", lang, village=vid.iloc[other].fillna(""),
                      layer_name=_at(villages["name"], pos[other], other).fillna(""),
                      name=names.iloc[other].fillna("")))
    ok = known & st.open()
    st.unit[ok] = units.nc + pos[ok]
    st.commune[ok] = their[ok]
    st.method[ok] = _CODE  # from here on, method says how the village itself was found
    by_id = np.flatnonzero(ok)
    _note_spelling(st.village_spelt, by_id, names.iloc[by_id], _take(units.unit_names, st.unit[by_id]))
    st.village_spelt[near] = _take(units.unit_names, st.unit[near]).to_numpy(dtype=object)

    # a cell that says the whole commune ("Toàn xã", "Xã A Lù": a sheet's row for the commune) names no village, also
    # where a village has the commune's name (QA36: "Xã Mường Hum" matched Thôn Mường Hum and hid its gap)
    _refuse_whole_commune(rec, units, st, todo & (st.unit < 0))

    # by name within the commune
    named = _present(names)
    need = todo & (st.unit < 0) & (st.commune >= 0) & named & st.open()
    if need.any():
        rows = np.flatnonzero(need)
        left = pd.DataFrame({"_i": rows, "vcommune": st.commune[rows], "vkey": name_key_series(names.iloc[rows]).values,
                             "want_exact": spelling_key_series(names.iloc[rows]).values,
                             "want_bare": per_distinct(names.iloc[rows], _bare_spelling).values,
                             "want_word": per_distinct(names.iloc[rows], village_key).values})
        # keys only for the villages of those communes
        v = np.flatnonzero(np.isin(units.village_commune, np.unique(st.commune[rows])))
        vill = pd.DataFrame({"_v": v, "vcommune": units.village_commune[v],
                             "vkey": _layer_keys(villages["name"].iloc[v]).values})
        cand = left.merge(vill, on=["vcommune", "vkey"], how="inner")
        v = cand["_v"].to_numpy()
        cand = cand.assign(vid=villages["village_id"].astype("string").iloc[v].values,
                           exact=spelling_key_series(villages["name"].iloc[v]).fillna("").values,
                           bare=per_distinct(villages["name"].iloc[v], _bare_spelling).fillna("").values,
                           word=per_distinct(villages["name"].iloc[v], village_key).fillna("").values)
        # "Thôn 1" of a commune that also has "Tổ dân phố 1" (both "1" to name_key): the one of its unit word; then
        # the one spelt as the record spells it; then so spelt but for a village's kind word on one side ("Thôn Xà
        # Phìn" is the layer's "Xà Phìn", not its "Phìn": name_key folds "Xà" as "Xã"; "Phường Thượng" is its "Bản
        # Phường Thượng", not its "Bản Thượng"); then on both
        if has_former(villages) and has_former(rec):  # "Thôn 1" of a commune's two former communes: the one named
            cand = _of_the_former_commune(cand, rec, units, st)
        cand = _prefer_exact(cand, "vid", (("word", "want_word"),))
        cand = _prefer_exact(cand, "vid", (("exact", "want_exact"),))
        cand = _prefer_exact(cand, "vid", (("bare", "want_exact"), ("exact", "want_bare")))
        cand = _prefer_exact(cand, "vid", (("bare", "want_bare"),))  # "Bản Xà Phìn" for the layer's "Thôn Xà Phìn"
        one, first, many, listing = _pick(cand, "vid", rows)
        st.unit[one] = units.unit_of_village(first)
        st.method[one] = _NAME
        _note_spelling(st.village_spelt, one, names.iloc[one], _take(units.unit_names, st.unit[one]))
        reason = say("rsn_village_ambiguous", lang, name=names.iloc[many].fillna(""), units=listing)
        if len(many) and has_former(villages):
            reason = _which_former(cand, many, names, rec, units, reason, lang)
        st.settle(_mask(st.n, many), Outcome.AMBIGUOUS, reason)

    # by location, when the village layer has polygons
    located = _present(rec["lon"]) & _present(rec["lat"])
    need = todo & (st.unit < 0) & located & st.open()
    polygons_given = bool(np.isin(shapely.get_type_id(villages.geometry.values), (3, 6)).any())
    if need.any() and polygons_given:
        rows = np.flatnonzero(need)
        pts = gpd.GeoDataFrame({"_i": rows}, geometry=gpd.points_from_xy(rec["lon"].iloc[rows], rec["lat"].iloc[rows]),
                               crs="EPSG:4326")
        polygons = villages[["village_id", "geometry"]].reset_index(drop=True).to_crs("EPSG:4326")
        hit = points_in_polygons(pts, polygons, engine=engine)
        # in the record's commune, when it is known
        theirs = units.village_commune[hit["index_right"].to_numpy()]
        wanted = st.commune[hit["_i"].to_numpy()]
        same = (theirs >= 0) & ((wanted < 0) | (wanted == theirs))
        one, first, many, _ = _pick(hit[same].rename(columns={"village_id": "v"}), "v", rows)
        found = units.unit_of_village(first)
        st.unit[one] = found
        st.commune[one] = np.where(found >= 0, units.village_commune[np.maximum(found - units.nc, 0)], -1)
        st.method[one] = _LOCATION
        st.settle(_mask(st.n, many), Outcome.AMBIGUOUS, label("rsn_point_shared_village", lang))

    rows = np.flatnonzero(todo & (st.unit < 0) & st.open())
    if not len(rows):
        return
    lost = rec.iloc[rows]  # texts only for the rows settled here
    tech = _tech_words(lost["technology"], lang, start=True).fillna(label("rsn_this_tech", lang))
    reason = say("rsn_per_village_no_village", lang, tech=tech).set_axis(rows)
    # a position, in no village polygon, or with village points only (QA22), or beside a list made from the records,
    # which has no areas either (QA33, QA34)
    placed = located[rows]
    listed = "located" in villages.columns
    reason.loc[placed] = say("rsn_position_no_village" if polygons_given else "rsn_position_listed" if listed
                             else "rsn_position_points_only", lang, tech=tech[placed])
    has_name = named[rows]
    reason.loc[has_name] = say("rsn_no_village_named", lang, name=lost["village_name"][has_name],
                               commune=units.commune_text(st.commune[rows[has_name]], rows[has_name]).fillna("?"))
    bad_id = _present(lost["village_id"]) & ~in_layer[rows]
    reason.loc[bad_id] = say("rsn_village_id_unknown", lang, village=lost["village_id"][bad_id])
    st.settle(_mask(st.n, rows), Outcome.UNMATCHED, reason)


def _ids_as_the_layer_writes(rec: pd.DataFrame, units: _Units, st: _State, todo: np.ndarray) -> pd.Series:
    """The records' village ids as the village layer writes them where they differ only by leading zeros (or a word
    before the number), as a commune's code is (:func:`~dxmap.validate.codes.as_written_in`): a record's "53101" whose
    spreadsheet dropped the zero of the layer's "053101" (QA72 K4). Only for an id the layer lacks, and only to a
    village of the record's own commune when that is known; the others are left as written."""
    vid = rec["village_id"]
    given = _text(vid)
    lost = todo & _present(given) & (units.village(given) < 0)
    if not lost.any():
        return vid
    rows = np.flatnonzero(lost)
    fixed = _text(as_written_in(given.iloc[rows], units.village_ids))
    pos = units.village(fixed)
    ours = (pos >= 0) & ((st.commune[rows] < 0) | (units.village_commune[np.maximum(pos, 0)] == st.commune[rows]))
    if not ours.any():
        return vid
    if st.warn:
        said = dict.fromkeys(given.iloc[rows[ours]] + " → " + fixed[ours])
        log_said(log, logging.INFO, "log_village_ids_zeros", n=int(ours.sum()),
                 examples=functools.partial(preview_in, list(said)))
    out = given.copy()
    out.iloc[rows[ours]] = fixed[ours].to_numpy()
    return out.set_axis(vid.index)


def _of_the_former_commune(cand: pd.DataFrame, rec: pd.DataFrame, units: _Units, st: _State) -> pd.DataFrame:
    """Where a village name fits several villages of the commune, keep those of the former commune (xã cũ) the record
    names (:func:`~dxmap.reconcile.former.former_of`), when the layer says its villages' former communes."""
    rows, v = cand["_i"].to_numpy(), cand["_v"].to_numpy()
    want = former_of(rec.iloc[rows], _take(units.commune_codes, st.commune[rows]), units.communes)["key"]
    have = former_of(units.villages.iloc[v], units.village_communes.iloc[v], units.communes)["key"]
    return _prefer_exact(cand.assign(former=have.to_numpy(), want_former=want.to_numpy()), "vid",
                         (("former", "want_former"),))


def _which_former(cand: pd.DataFrame, many: np.ndarray, names: pd.Series, rec: pd.DataFrame, units: _Units,
                  reason: pd.Series, lang: Lang) -> pd.Series:
    """``reason`` for the ambiguous rows ``many`` whose villages of that name are each of another former commune
    ("Thôn 1" of A Lù and of Y Tý, in Xã Y Tý): fill in (or correct) the row's former commune, naming them, not
    "add the village's code" with ids the commune office does not have, dxmap having made them (QA66 F7).

    Only the former communes that hold a village of that name are offered: a village the records' list has only
    because a row named a former commune that is not its commune's ("Thôn 1" of Bản Vược in Xã Y Tý) is none
    (QA68 N9); the rows that name it are told to correct it instead."""
    villages = units.villages
    of = [villages[c].astype("string") for c in ("former_commune_name", "former_commune_code") if c in villages]
    former = functools.reduce(lambda a, b: a.fillna(b), of).reset_index(drop=True)
    c = cand[cand["_i"].isin(many)].drop_duplicates(["_i", "vid"])
    c = c.assign(former=former.iloc[c["_v"].to_numpy()].to_numpy())
    apart = c.groupby("_i")["former"].agg(lambda f: f.notna().all() and f.nunique() == len(f))
    rows = apart.index[apart.to_numpy(dtype=bool)]
    if not len(rows):
        return reason
    c = c[c["_i"].isin(rows)]
    real = np.ones(len(c), dtype=bool)
    if "located" in villages.columns:  # the villages the records name (villages_from_records), not a reference's
        v = c["_v"].to_numpy()
        found = former_of(villages.iloc[v], units.village_communes.iloc[v], units.communes)
        real = ~found["standing"].isin([OTHER, UNKNOWN]).to_numpy(dtype=bool)
        c = c.assign(former=found["name"].fillna(pd.Series(c["former"].to_numpy())).to_numpy())  # as the layer
        # spells the former commune of another commune ("Bản Vược"), not as a row typed it ("ban vuoc"; QA70 N8)

    def either(part: pd.DataFrame, key: str) -> pd.Series:
        """Each row's former communes of ``part``, "A, B or C" (``key`` the "or"); <NA> for a row with none."""
        return part.groupby("_i")["former"].agg(lambda f: _either(sorted(f, key=fold), lang, key)).reindex(rows)

    listed, others = either(c[real], "rsn_or"), either(c[~real], "row_and").fillna("")
    n_real = pd.Series(c["_i"].to_numpy()[real]).value_counts().reindex(rows, fill_value=0).to_numpy()
    given = pd.Series(pd.NA, index=rec.index, dtype="string")
    for col in ("former_commune_code", "former_commune_name"):
        if col in rec.columns:
            given = rec[col].astype("string").str.strip().mask(lambda g: g.eq("")).fillna(given)
    given = given.iloc[rows]
    name = names.iloc[rows].fillna("")
    out = reason.copy()
    out.loc[rows] = np.select(
        [(n_real > 1) & given.isna().to_numpy(), n_real > 1, n_real == 1],
        [say("rsn_village_which_former", lang, name=name, formers=listed.fillna("")).to_numpy(dtype=object),
         say("rsn_village_other_former", lang, name=name, given=given.fillna(""),
             formers=listed.fillna("")).to_numpy(dtype=object),
         say("rsn_village_former_one", lang, name=name, former=listed.fillna(""),
             others=others).to_numpy(dtype=object)],
        say("rsn_village_former_none", lang, name=name, others=others).to_numpy(dtype=object))
    return out


def _either(words: list[str], lang: Lang, key: str = "rsn_or") -> str:
    """"A", "A or B", "A, B or C" (``key`` the label that joins the last two: "rsn_or", "row_and")."""
    return words[0] if len(words) == 1 else label(key, lang, a=", ".join(words[:-1]), b=words[-1])


def _refuse_whole_commune(rec: pd.DataFrame, units: _Units, st: _State, todo: np.ndarray) -> None:
    """Settle the ``todo`` records of a technology counted per village whose village cell says the whole commune
    (:func:`~dxmap.validate.text.says_whole_commune`) as unmatched, with the cell in the reason."""
    per_village = rec["technology"].map(_COUNTED_LEVEL).eq(Level.VILLAGE.value).fillna(False).to_numpy(dtype=bool)
    rows = np.flatnonzero(todo & per_village & _present(rec["village_name"]) & st.open())
    if not len(rows):
        return
    own = st.commune[rows]
    commune = _take(units.names, np.where((own >= 0) & (own < units.nc), own, -1))
    hit = rows[says_whole_commune_series(rec["village_name"].iloc[rows], commune)]
    st.whole_commune[hit] = True
    if len(hit):
        lost = rec.iloc[hit]
        tech = _tech_words(lost["technology"], st.lang, start=True).fillna(label("rsn_this_tech", st.lang))
        st.settle(_mask(st.n, hit), Outcome.UNMATCHED,
                  say("rsn_village_is_commune", st.lang, tech=tech, name=lost["village_name"].astype("string"))
                  .set_axis(hit))


def _mark_duplicates(rec: pd.DataFrame, st: _State, level_codes: tuple, tech_codes: tuple) -> None:
    """Records for the same unit, level, technology and date as an earlier one are duplicates of it.

    ``level_codes`` and ``tech_codes`` are what :func:`pandas.factorize` gives for the two columns.
    """
    live = np.flatnonzero((st.unit >= 0) & st.open())
    live = live[np.argsort(st.other_kind[live], kind="stable")]  # a name of the unit's own kind is kept first
    key = st.unit[live]
    for codes, uniques in (level_codes, tech_codes, pd.factorize(rec["as_of"])):
        key = key * (len(uniques) + 1) + codes[live] + 1  # a missing value (-1) is a value of its own
    group, _ = pd.factorize(key)  # numbered in order of first appearance
    dup = np.ones(len(live), dtype=bool)
    dup[np.unique(group, return_index=True)[1]] = False
    if not dup.any():
        return
    rows = live[dup]
    first = live[~dup][group[dup]]
    where = rec.iloc[first, [rec.columns.get_loc("file"), rec.columns.get_loc("row")]]
    where = where.reset_index(drop=True)  # one row per duplicate: the first row's index repeats
    reason = pd.Series(say("rsn_duplicate", st.lang, row=where["row"].astype(str),
                           file=where["file"].astype(str)).values, index=rows)
    # a duplicate that says otherwise is a choice the coordinator should see: the first row's status is kept
    own = rec["status"].iloc[rows].astype("string").reset_index(drop=True)
    kept = rec["status"].iloc[first].astype("string").reset_index(drop=True)
    differs = own.ne(kept).fillna(False).to_numpy(dtype=bool)
    reason[differs] += say("rsn_duplicate_status", st.lang, own=_status_words(own[differs], st.lang),
                           kept=_status_words(kept[differs], st.lang)).to_numpy()
    # a commune's LAN in a sheet of villages, merged or copied down its village rows (or on the commune's own row
    # too, before or after them): the same status of the same commune as the sheet names it, said once. Not two
    # former communes now one unit (their statuses are to be summed up: QA40 M5)
    of_village = (_present(rec["village_name"]) | _present(rec["village_id"]))

    def commune(at: np.ndarray) -> np.ndarray:
        """The commune found (its code on one row and its name on the next is one commune: QA41 M1), or for a record
        a crosswalk moved, the former commune it was of."""
        return np.where(pd.notna(st.former[at]), st.former[at], st.commune[at].astype(str))

    same_commune = commune(rows) == commune(first)
    repeated = (~differs & rec["technology"].iloc[rows].map(_COUNTED_LEVEL).eq(Level.COMMUNE.value).fillna(False)
                .to_numpy(dtype=bool) & (of_village[rows] | of_village[first])
                & (rec["file"].iloc[rows].to_numpy() == rec["file"].iloc[first].to_numpy()) & same_commune)
    if repeated.any():
        at = rows[repeated]
        st.settle(_mask(st.n, at), Outcome.IGNORED, say(
            "rsn_commune_tech_repeated", st.lang, row=where["row"][repeated].astype(str).set_axis(at),
            tech=_tech_words(rec["technology"].iloc[at], st.lang, start=True).fillna("").set_axis(at)))
    # two former communes a crosswalk moved into one unit: their statuses are to be summed up, and said so (not one
    # former commune's row typed twice, QA42 N1)
    merged = pd.notna(st.former[rows]) & ~same_commune
    reason[merged] += label("rsn_merged", st.lang)
    # a row of a file copied word for word further down it (sheets merged by hand): it says nothing the first does
    # not, so it is counted once and said, not a failure that stops the map (QA72 K12). A copy in another file (the
    # same file given twice) stays a duplicate
    copied = ~repeated & ~merged & _same_words(rec, rows, first)
    if copied.any():
        at = rows[copied]
        st.settle(_mask(st.n, at), Outcome.IGNORED, say("rsn_row_copied", st.lang, row=where["row"][copied].astype(str)
                                                        .set_axis(at), file=where["file"][copied].astype(str)
                                                        .set_axis(at)))
        if st.warn:
            # a line of a wide sheet holds several records: it is one row copied
            pairs = list(dict.fromkeys(zip(rec["file"].iloc[at], rec["row"].iloc[at], where["row"][copied])))

            def said(lg: str) -> str:  # "records_ke.csv row 722 = row 12"
                return preview_in([f"{f} {label('log_row_one', lg, list=r)} = {label('log_row_one', lg, list=r0)}"
                                   for f, r, r0 in pairs], lg, quoted=False)
            log_said(log, logging.WARNING, "log_rows_copied", n=len(pairs), rows=said)
    st.settle(_mask(st.n, rows[~repeated & ~copied]), Outcome.DUPLICATE, reason[~repeated & ~copied])
    if st.warn and merged.any():  # the reason says what happened; what to do about it is said once
        log.warning("%s", label("log_merged", st.lang, n=int(merged.sum())))


def _same_words(rec: pd.DataFrame, rows: np.ndarray, first: np.ndarray) -> np.ndarray:
    """Whether each of ``rows`` says, in every record column, what the row ``first`` of its file says."""
    same = rec["file"].iloc[rows].to_numpy() == rec["file"].iloc[first].to_numpy()
    for column in (c for c in RECORD_COLUMNS if c in rec.columns):
        a, b = rec[column].iloc[rows].reset_index(drop=True), rec[column].iloc[first].reset_index(drop=True)
        same &= (a.astype("string").eq(b.astype("string")).fillna(False) | (a.isna() & b.isna())).to_numpy(dtype=bool)
    return same


def outcome_counts(report: pd.DataFrame) -> dict[str, int]:
    """Records per outcome, every outcome listed (0 when none)."""
    counts = report["outcome"].value_counts()
    return {o.value: int(counts.get(o.value, 0)) for o in Outcome}

"""Every record's outcome, for people: one line per input record, as CSV or XLSX (``dxmap check``).

Each line says where the record came from (file, row: the spreadsheet row or CSV line a person
sees), its technology and status as read, its ``outcome`` (matched, unmatched, ambiguous,
duplicate, conflict, ignored, invalid), the unit it matched (code and name), how it matched
(code, name, location, crosswalk), the reason when it did not, up to three suggested units
with a similarity score, and a ``name_note`` when the record's name is its unit's (it found the
unit, or came with the code that did) but the layer spells its diacritics otherwise (``commune name
spelt 'Nậm Búng' in the layer``; the sheet's own ``note`` stays as read). A wide sheet gives one
line per (row, technology) with a status, and one ``ignored`` line for a row without any. The XLSX
workbook adds a "summary" sheet with the counts per outcome and per method, and of the records with
a ``name_note``.

In Vietnamese (``lang="vi"``) the columns, outcomes, methods, technologies, statuses and dates are
written as a district office reads them ("Kết quả kiểm tra: không khớp", "Ngày: 30/6/2024"); the reasons are in
the language :func:`~dxmap.reconcile.match.reconcile` wrote them in (its ``lang``).
"""

from __future__ import annotations

import csv
import functools
import logging
import os
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from dxmap._sheets import write_csv, write_xlsx
from dxmap.errors import OutputFileError, UnsupportedFormatError, said_error
from dxmap.labels import Lang, counts_text, date_text, label, log_said, say
from dxmap.reconcile.districts import filled_districts, resolve_district
from dxmap.reconcile.former import layer_formers
from dxmap.reconcile.match import Outcome, outcome_counts
from dxmap.validate.codes import normalise_code
from dxmap.validate.dates import preview_in
from dxmap.validate.tables import check_lang, require_path, require_table
from dxmap.validate.text import name_key, name_key_series

__all__ = ["outcome_table", "write_outcomes", "format_outcomes", "outcomes_in_district", "outcomes_in_communes",
           "suggestion_words"]

log = logging.getLogger(__name__)

_FRONT = ["file", "row", "technology", "status", "outcome", "unit_id", "matched_commune_code", "matched_name", "method",
          "reason", "suggestions", "name_note"]


def outcome_table(outcomes: pd.DataFrame, *, lang: Lang = "en") -> pd.DataFrame:
    """The outcomes (:func:`reconcile`'s) with where each record came from and its outcome first, then the record
    as read; dates as YYYY-MM-DD (empty where a row has none).

    Exactly one row per row of ``outcomes`` (one per input record), in the same order. With ``lang="vi"`` the
    columns are named in Vietnamese ("Tệp", "Dòng", "Kết quả kiểm tra", "Lý do" …), and outcomes, methods, technologies,
    statuses and levels are words ("không khớp", "Cáp quang (FTTH)"), dates 30/6/2024. A technology, status or
    date the reader could not read (an invalid record's ``technology_typed``, ``status_typed``, ``as_of_typed``)
    is written as it was typed ("chưa lắp", "31/06/2024"): the file read back uncorrected gives the same invalid
    records, not records of unknown status.
    """
    lang = check_lang(lang)
    front = [c for c in _FRONT if c in outcomes.columns]
    # ``reason`` says why a row was ignored or invalid: the reader's own two columns would repeat it
    typed = [c for c in outcomes.columns if c.endswith("_typed") and c.removesuffix("_typed") in outcomes.columns]
    rest = [c for c in outcomes.columns if c not in front and c not in ("ignore_reason", "problem", *typed)]
    out = outcomes[front + rest].copy()
    if "as_of" in out.columns:
        out["as_of"] = pd.to_datetime(out["as_of"]).dt.strftime("%Y-%m-%d")
    if lang == "vi":
        for column, prefix in (("outcome", "chk_o_"), ("method", "chk_m_"), ("technology", ""), ("status", ""),
                               ("level", "")):
            if column in out.columns:
                out[column] = _words(out[column], lambda v, prefix=prefix: _word(prefix, v, lang))
        if "as_of" in out.columns:  # "2024-06-30" → "30/6/2024"
            out["as_of"] = _words(out["as_of"], lambda d: date_text(d, lang))
        if "suggestions" in out.columns:  # "02701-018 Bản Ngán Tà (86)" → "… (giống 86%)": a bare 86 says nothing
            out["suggestions"] = _words(out["suggestions"], lambda t: suggestion_words(t, lang))
    for column in typed:  # a cell the reader could not read, as typed: an uncorrected row read back is invalid again
        value = outcomes[column].to_numpy(dtype=object, na_value=None)
        field = column.removesuffix("_typed")
        out[field] = out[field].astype(object).mask(pd.notna(value), value)
    return out if lang == "en" else out.rename(columns=lambda c: _word("chk_col_", c, lang))


def _word(prefix: str, value: object, lang: Lang) -> str:
    """The word for ``value`` in ``lang`` (``label(prefix + value)``), or the value itself when there is none."""
    key = f"{prefix}{value}"
    word = label(key, lang)
    return str(value) if word == key else word


def _words(values: pd.Series, word: Callable[[object], str]) -> pd.Series:
    """``word`` of each value, computed once per distinct value; missing values stay missing."""
    words = {v: word(v) for v in values.dropna().unique()}
    return values.map(lambda v: words.get(v, v))


def _methods(outcomes: pd.DataFrame) -> pd.Series:
    """Matched records per method."""
    return outcomes.loc[outcomes["outcome"].eq(Outcome.MATCHED.value), "method"].value_counts()


def _note_pattern(key: str, lang: Lang) -> str:
    """A regex that finds label ``key`` (a ``name_note``'s) in ``lang``, whatever fills its placeholders; its group
    is what fills the first."""
    parts = [re.escape(part) for part in re.split(r"\{\w+\}", label(key, lang))]
    return parts[0] + "(.*?)" + ".*?".join(parts[1:]) if len(parts) > 1 else parts[0]


def _note_kinds(notes: pd.Series) -> pd.DataFrame:
    """What each ``name_note`` tells (in either language; two kinds may be "; "-joined), aligned with ``notes``:
    ``commune`` and ``village``, the layer's spelling of a name the record spells otherwise (<NA> where none);
    ``former``, whether a former commune that is not one of the record's commune's; ``spelt``, whether a spelling
    (a note of no known kind too, as before)."""
    notes = notes.astype("string").fillna("")

    def found(keys: tuple[str, ...]) -> pd.Series:
        """The first placeholder's value of the first of ``keys`` (in Vietnamese or English) the note says."""
        values = (notes.str.extract(_note_pattern(k, lg), expand=False) for k in keys for lg in ("en", "vi"))
        return functools.reduce(lambda a, b: a.fillna(b), values)

    out = pd.DataFrame({level: found((f"rsn_note_{level}",)) for level in ("commune", "village")}, index=notes.index)
    out["former"] = found(("rsn_note_former_other", "rsn_note_former_unknown")).notna().to_numpy(dtype=bool)
    out["spelt"] = (out["commune"].notna() | out["village"].notna() | (notes.ne("") & ~out["former"])).to_numpy(
        dtype=bool)
    return out


def _spelt_line(outcomes: pd.DataFrame, lang: Lang = "en") -> str:
    """One line for the matched records whose name the layer spells otherwise (their ``name_note``), "" when none:
    ``"2 matched by a name spelt differently from the layer: 'r.csv row 4 Nậm Bùng → Nậm Búng', …"``.

    Counted per file row (a wide sheet's technologies share the row's names); up to five shown. The notes are
    read in either language (``reconcile(lang=…)``); the line is in ``lang``.
    """
    if "name_note" not in outcomes.columns:
        return ""
    told = outcomes["outcome"].eq(Outcome.MATCHED.value) & outcomes["name_note"].fillna("").ne("")
    rows = outcomes[told.to_numpy(dtype=bool, na_value=False)]
    if rows.empty:
        return ""
    if {"file", "row"} <= set(rows.columns):
        rows = rows.drop_duplicates(["file", "row"])
        where = rows["file"].astype("string") + " " + say("chk_row", lang, row=rows["row"].astype("string"))
    else:
        where = say("chk_record", lang, row=pd.Series(rows.index, index=rows.index).astype("string"))
    entry = pd.Series("", index=rows.index, dtype="string")
    kinds = _note_kinds(rows["name_note"])
    for level in ("commune", "village"):
        layer = kinds[level]
        given = rows[f"{level}_name"].astype("string") if f"{level}_name" in rows.columns else "?"
        part = (given + " → " + layer).fillna("")
        both = (entry.ne("") & part.ne("")).to_numpy(dtype=bool)
        entry += pd.Series(np.where(both, "; ", ""), index=rows.index, dtype="string") + part
    spelt = entry.ne("").to_numpy(dtype=bool)  # a note of another kind (a former commune elsewhere) is no spelling
    if not spelt.any():
        return ""
    return label("chk_spelt", lang, n=int(spelt.sum()), list=preview_in((where + " " + entry)[spelt].tolist(), lang))


def format_outcomes(outcomes: pd.DataFrame, *, lang: Lang = "en") -> str:
    """``"6497 records: matched 6490, unmatched 3, …"``, a line with the matched records per method, and one with
    the matched records whose name the layer spells otherwise (``name_note``), when there are any; in ``lang``
    ("6497 bản ghi: khớp 6490, không khớp 3, …")."""
    lang = check_lang(lang)
    counts = outcome_counts(outcomes)
    lines = [label("chk_records", lang, n=len(outcomes),
                   counts=counts_text(((label("chk_o_" + k, lang), v) for k, v in counts.items()), lang))]
    methods = _methods(outcomes)
    if len(methods):
        lines.append(label("chk_matched_by", lang,
                           counts=counts_text(((_word("chk_m_", k, lang), v) for k, v in methods.items()), lang)))
    spelt = _spelt_line(outcomes, lang)
    if spelt:
        lines.append(spelt)
    return "\n".join(lines)


def _summary_sheet(outcomes: pd.DataFrame, lang: Lang = "en",
                   left_out: tuple[str, int] | None = None) -> pd.DataFrame:
    """Records per outcome and per method, those with a ``name_note`` (names to correct), the total, and the records
    of the files left out of the table (``left_out``: why, how many)."""
    counts = outcome_counts(outcomes)
    what, value, records = (label(f"chk_sum_{k}", lang) for k in ("what", "value", "records"))
    rows = [{what: label("chk_sum_outcome", lang), value: label(f"chk_o_{k}", lang), records: v}
            for k, v in counts.items()]
    rows += [{what: label("chk_sum_method", lang), value: _word("chk_m_", k, lang), records: int(v)}
             for k, v in _methods(outcomes).items()]
    if "name_note" in outcomes.columns:
        kinds = _note_kinds(outcomes["name_note"])
        spelt, former = kinds["spelt"], kinds["former"]
        rows.append({what: label("chk_sum_note", lang), value: label("chk_sum_note_value", lang),
                     records: int(spelt.sum())})
        if former.any():  # a former commune of another commune is no spelling (QA68 N4)
            rows.append({what: label("chk_sum_note", lang), value: label("chk_sum_note_former", lang),
                         records: int(former.sum())})
    rows.append({what: label("chk_sum_total", lang), value: "", records: len(outcomes)})
    if left_out and left_out[1]:
        rows.append({what: label("chk_sum_left_out", lang), value: left_out[0], records: int(left_out[1])})
    return pd.DataFrame(rows)


def _width(values: pd.Series, header: str, share: float = 0.9) -> int:
    """A column as wide as ``share`` of its filled cells, from 8 to 60 characters (a column filled on a few rows,
    such as the suggestions, is as wide as those)."""
    lengths = values.astype("string").fillna("").str.len()
    lengths = lengths[lengths.gt(0)]
    typical = int(lengths.quantile(share)) if len(lengths) else 0
    return min(60, max(8, len(header) + 2, typical + 2))


def suggestion_words(text: str, lang: Lang) -> str:
    """Suggestions (``"code name (score)"``, "; "-joined) with their scores said as likeness in Vietnamese:
    "02701-018 Bản Ngán Tà (giống 86%)"; English keeps the scores as :func:`reconcile` gives them."""
    if lang == "en" or not isinstance(text, str):
        return text
    return re.sub(r" \((\d{1,3})\)(?=;|$)", lambda m: f" ({label('chk_alike', lang, n=m[1])})", text)


def write_outcomes(outcomes: pd.DataFrame, path: str | os.PathLike[str], *, lang: Lang = "en",
                   left_out: tuple[str, int] | None = None) -> Path:
    """Write every record's outcome as ``.csv`` (UTF-8 with BOM, for Excel) or ``.xlsx``, atomically.

    The cells hold what the records files held: text a spreadsheet would run as a formula is
    written as text (see :mod:`dxmap._sheets`).

    Parameters
    ----------
    outcomes
        The outcomes table of :func:`reconcile` (``Dataset.outcomes``), or some of its rows.
    path
        A ``.csv`` or ``.xlsx`` file; the XLSX workbook adds a "summary" sheet.
    lang
        ``"en"`` (default: the columns as :func:`reconcile` names them) or ``"vi"``: columns, outcomes,
        methods, technologies, statuses and dates in Vietnamese (see :func:`outcome_table`), sheets "Kết quả"
        and "Tổng hợp".
    left_out
        ``(why, n)``: ``n`` records of the same files not in ``outcomes`` and why (``"--district 082"``, the rows of
        other districts): the summary sheet says so beside its total, so that the file accounts for every record.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    OutputFileError
        ``path`` exists and has the name of a file the records were read from (``outcomes["file"]``): it would be
        overwritten (records keep their file's name only, so a file of that name in another folder is refused too).
    """
    require_table(outcomes, "outcomes", name="outcomes")
    require_path(path, name="path", fix="Call write_outcomes(outcomes, path).")
    p = Path(path)
    lang = check_lang(lang)
    if p.exists() and "file" in outcomes.columns:  # the records keep their file's name, not its folder: by name
        read = {Path(re.sub(r" \[.*\]$", "", str(f))).name.casefold()  # "d1/baocao.csv": two files of one name
                for f in outcomes["file"].dropna().unique()}
        if p.name.casefold() in read and not _holds_outcomes(p):
            raise said_error(OutputFileError, "err_outcomes_over_records", path=str(p), name=p.name,
                             other=lambda lg: p.stem + label("chk_outcomes_suffix", lg) + p.suffix)
    table = outcome_table(outcomes, lang=lang)
    suffix = p.suffix.lower()
    if suffix == ".xlsx":
        if len(table) > 20_000:  # some 6,000 rows of this table a second: say why the command waits
            log_said(log, logging.INFO, "log_writing", n=len(table), file=p.name)
        report, summary = label("chk_sheet_report", lang), label("chk_sheet_summary", lang)
        counts = _summary_sheet(outcomes, lang, left_out)
        widths = {sheet: {name: _width(frame[name], str(name), share) for name in frame.columns}
                  for sheet, frame, share in ((report, table, 0.9), (summary, counts, 1.0))}  # a few summary rows
        write_xlsx({report: table, summary: counts}, p, freeze={report: "A2"}, autofilter=(report,), widths=widths)
    elif suffix in (".csv", ".txt"):
        write_csv(table, p)
    else:
        raise UnsupportedFormatError(f"{p}: write the outcomes as .csv, .xlsx or .txt (CSV).")
    log_said(log, logging.INFO, "log_wrote", path=p, n=len(table))
    return p


def _holds_outcomes(path: Path) -> bool:
    """Whether ``path`` is an outcomes file (its first row has the outcome column, in either language): one an
    earlier run wrote, which a new run may write over."""
    heads = {label("chk_col_outcome", lg) for lg in ("vi", "en")}
    try:
        if path.suffix.lower() == ".xlsx":
            from openpyxl import load_workbook

            book = load_workbook(path, read_only=True)
            try:
                first = next(book.worksheets[0].iter_rows(max_row=1, values_only=True), ())
            finally:
                book.close()
        else:
            with open(path, encoding="utf-8-sig", errors="replace") as fh:
                first = next(csv.reader([fh.readline()]), [])
    except Exception:  # noqa: BLE001 (not a file we can read: not one we wrote)
        return False
    return bool(heads & {str(cell).strip() for cell in first if cell is not None})


def outcomes_in_district(outcomes: pd.DataFrame, communes: pd.DataFrame, district: str) -> pd.DataFrame:
    """The rows of ``outcomes`` (:func:`reconcile`'s) of one district, for a coordinator checking theirs in a
    province's file. Left out are only the records known to be of another district: matched to a commune
    of another district, or, not matched, naming another district (its ``district_code``, else its
    ``district_name``). A record that did not match and names no district stays: it may be theirs.
    ``district``: a name or code, as :func:`resolve_district` reads it; in a 2025-07 layer without
    districts, the former district each unit is filed under (:func:`filled_districts`).
    """
    layer = filled_districts(communes)
    code, name = resolve_district(district, layer)
    placed = outcomes["matched_commune_code"].map(layer.drop_duplicates("code").set_index("code")["district_code"])
    named = pd.Series(pd.NA, index=outcomes.index, dtype="string")  # the district a record names, as a code or a key
    if "district_name" in outcomes.columns:
        named = name_key_series(outcomes["district_name"]).mask(lambda k: k.eq(""))
    if "district_code" in outcomes.columns:
        named = normalise_code(outcomes["district_code"], level="district").astype("string").fillna(named)
    elsewhere = placed.notna() & placed.ne(code) | placed.isna() & named.notna() & ~named.isin([code, name_key(name)])
    return outcomes[~elsewhere.fillna(False).to_numpy(dtype=bool)]


def outcomes_in_communes(outcomes: pd.DataFrame, communes: pd.DataFrame, codes: list[str]) -> pd.DataFrame:
    """The rows of ``outcomes`` (:func:`reconcile`'s) of the communes ``codes`` (:func:`resolve_communes`'), for a
    coordinator checking theirs in a province's file. Left out are only the records known to be of another commune:
    matched to another commune, or, not matched, naming another commune of ``communes`` (its ``commune_code``, else
    a ``commune_name`` only communes other than theirs have). In a 2025-07 layer a former commune (xã cũ) no unit is
    called now, named or coded, is the unit it went into: Tân Tiến's rows are Nghĩa Đô's to fix, not Xuân Hòa's
    (QA71 C11). A record that did not match and names no commune of the layer (a misspelt name, a code of no commune)
    stays: it may be theirs.
    """
    mine = set(map(str, codes))
    layer = communes.drop_duplicates("code")
    known = set(layer["code"].astype(str))
    olds = layer_formers(layer)  # none but in a 2025-07 layer that lists its units' former communes
    placed = outcomes["matched_commune_code"].astype("string")
    others = pd.Series(False, index=outcomes.index)
    if "commune_name" in outcomes.columns:  # a name only other communes have (a name theirs shares stays)
        keys = name_key_series(layer["name"].astype("string"))
        theirs = set(keys[layer["code"].astype(str).isin(mine).to_numpy()])
        gone = olds[~olds["key"].isin(set(keys))]  # a former commune's name no unit has now: its successor's
        theirs |= set(gone.loc[gone["code"].isin(mine), "key"])
        elsewhere_names = (set(keys) | set(gone["key"])) - theirs - {""}
        others = name_key_series(outcomes["commune_name"].astype("string")).isin(elsewhere_names)
    if "commune_code" in outcomes.columns:
        code = normalise_code(outcomes["commune_code"], level="commune").astype("string")
        gone = olds[~olds["old_code"].isin(known)]  # a former commune's code no unit kept: its successor's
        former = set(gone["old_code"])
        given = code.isin(known | former).fillna(False)
        ours = mine | set(gone.loc[gone["code"].isin(mine), "old_code"])
        others = others.where(~given.to_numpy(dtype=bool), ~code.isin(ours).fillna(False))
    elsewhere = placed.notna() & ~placed.isin(mine) | placed.isna() & others.to_numpy(dtype=bool)
    return outcomes[~elsewhere.fillna(False).to_numpy(dtype=bool)]

"""Reading connectivity status records (CSV, text or XLSX) into dxmap's record schema.

One record = one unit, one technology, one date. The schema (all text columns are NFC strings):

=============== ======== =============================================================================
column          required meaning
=============== ======== =============================================================================
technology      yes*     ``mobile``, ``fibre`` or ``lan`` (Vietnamese words such as "cáp quang" work)
status          yes*     ``covered``, ``weak``, ``none``, ``planned``, ``unknown`` (or "chưa có", "lõm sóng"…)
as_of           yes*     date the status was true; *or pass ``as_of=`` for the whole file
level           no       ``village`` or ``commune``; default: ``lan`` → commune, others → village
commune_code    one of   GSO 5-digit commune code ("02692"; 2692 and "10.082.02692" are understood)
commune_name    these    commune name, matched within its district when the code is missing
district_code   no       GSO 3-digit district code (narrows name matching)
district_name   no       district name (narrows name matching)
village_id      no       the user's own village id, as in the village layer
village_name    no       village name, matched within its commune
lon, lat        no       WGS84 position; used to find the unit when codes and names are missing
source, note    no       who reported the status; free text
=============== ======== =============================================================================

Two shapes are read (see ``docs/records.md``):

- **long**: a technology column and a status column, one row per unit and technology. A file whose
  status column is for one technology only takes ``technology="lan"``.
- **wide**: one column per technology whose cells hold the status ("Mạng LAN chuẩn" with Có / Chưa
  có; "Di động (4G)"; or a technology header merged over "Có | Chưa có" sub-columns marked "x").
  Headers naming a technology are recognised (:func:`dxmap.validate.schema.wide_technology`);
  ``wide={"Header": "lan"}`` maps others. Each (row, technology) pair is one record; a blank cell
  is no record (the unit stays unknown), and a row with no status at all is kept as ignored.

Headers in Vietnamese or English are recognised (``Mã xã``, ``Tên thôn``, ``Trạng thái``,
``Ngày cập nhật``…: :data:`dxmap.validate.schema.HEADER_ALIASES`); others are mapped with
``columns={"status": "Tình hình"}``. Dates are read day first unless ISO (see
:mod:`dxmap.validate.dates`; ``date_order=`` overrides). Title rows, merged header cells, column-number
rows and several sheets are handled as people make them (:mod:`dxmap.io.xlsx`); "Tổng cộng" / total
rows and heading rows are kept with their reason in ``ignore_reason`` (reconciliation reports them
as ``ignored``). Text in legacy encodings (TCVN3/ABC, VNI-Windows, cp1258) and UTF-16 ("Unicode
Text" from Excel) is decoded (see :mod:`dxmap.io.encodings`).

Nothing is dropped: a row that cannot be read as a record (an unknown status or technology word, an
impossible date, nothing that identifies the unit…) is kept with the reason in a ``problem`` column,
and reconciliation reports it as ``invalid``. Only problems of the whole file (unreadable, no status
column) raise.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from dxmap._files import existing
from dxmap.errors import SchemaError, UnsupportedFormatError, preview
from dxmap.io.encodings import LEGACY_ENCODINGS, bom_encoding, canonical_encoding, decode_bytes, detect_encoding
from dxmap.io.xlsx import Sheet, grid_sheet, read_xlsx, sheet_names
from dxmap.validate.codes import normalise_code
from dxmap.validate.dates import DateOrder, parse_date, parse_dates
from dxmap.validate.schema import RECORD_COLUMNS, is_mark, map_headers, wide_technology
from dxmap.validate.text import nfc, nfc_series, per_distinct
from dxmap.validate.vocab import Technology, accepted_words, lookup_codes, word_value

__all__ = ["read_records", "RECORD_COLUMNS", "standardise_records", "sheet_names"]

log = logging.getLogger(__name__)

_ID_COLUMNS = ("commune_code", "commune_name", "district_code", "district_name", "village_id", "village_name")


def read_records(
    path: str | os.PathLike[str],
    *,
    sheet: str | int | None = None,
    columns: dict[str, str] | None = None,
    as_of: str | None = None,
    encoding: str | None = None,
    date_order: DateOrder | str | None = None,
    wide: dict[str, str] | None = None,
    technology: Technology | str | None = None,
) -> pd.DataFrame:
    """Read status records from a CSV/text file (UTF-8, legacy or UTF-16) or an XLSX workbook.

    Parameters
    ----------
    path
        ``.csv``/``.txt``/``.tsv`` or ``.xlsx``/``.xlsm``.
    sheet
        XLSX sheet name (diacritics and case optional: ``"bat xat"`` finds "Bát Xát") or index;
        default the first sheet with a recognisable header row.
    columns
        Maps schema columns to the file's headers, e.g. ``{"status": "Tình hình phủ sóng"}``, for
        headers dxmap does not recognise.
    as_of
        Date for records without one (a file without a date column, or an empty cell); read day
        first unless ISO ("30/06/2024", "2024-06-30").
    encoding
        Text encoding: ``"tcvn3"`` (ABC), ``"vni"``, ``"cp1258"``, ``"auto"`` or any Python codec.
        Default: UTF-8 (a BOM is removed), UTF-16 when the file starts with its BOM, else the legacy
        encoding is detected; XLSX text typed with a legacy font is detected and repaired.
    date_order
        ``"dmy"``, ``"mdy"`` or ``"ymd"`` for every non-ISO date; default day first, unless a
        column only makes sense month first (see :mod:`dxmap.validate.dates`).
    wide
        Header → technology for wide columns dxmap does not recognise by their header,
        e.g. ``{"Hiện trạng": "lan"}``.
    technology
        The technology of every record, for a long file without a technology column.

    Returns
    -------
    pandas.DataFrame
        The schema columns plus ``file`` and ``row`` (the row number a person sees in the file),
        ``ignore_reason`` when the file has total, heading or empty rows and ``problem`` when some
        rows could not be read as records.
    """
    p = existing(path, "status records file")
    enc = canonical_encoding(encoding)
    suffix = p.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        table = _read_text(p, enc, tsv=suffix == ".tsv", columns=columns, wide=wide)
    elif suffix in (".xlsx", ".xlsm"):
        table = read_xlsx(p, sheet=sheet, columns=columns, wide=wide, encoding=enc)
    else:
        raise UnsupportedFormatError(f"{p}: '{suffix}' is not a records format dxmap reads. Save it as .csv (UTF-8) or .xlsx.")
    return _standardise(table, columns=columns, as_of=as_of, where=str(p), date_order=date_order, wide=wide,
                        technology=technology)


# --- text files ------------------------------------------------------------------------------------

def _read_text(p: Path, enc: str | None, *, tsv: bool, columns: dict[str, str] | None,
               wide: dict[str, str] | None) -> Sheet:
    """The file's cells as text ("" for an empty cell) under its header.

    A file whose first line is its header goes to pyarrow's CSV reader through pandas (fast on
    national files); pandas' C parser reads what pyarrow refuses (a line break inside a quoted cell,
    ragged rows) and says what is wrong. A sheet saved as text, with title rows or a two-row header
    above the body, is read as a spreadsheet grid (:func:`dxmap.io.xlsx.grid_sheet`).
    """
    data = _csv_utf8(p, enc)
    if data is None:  # UTF-8 as it stands: parsed from the file, not held whole beside its text
        with p.open("rb") as fh:
            head = fh.read(65536).removeprefix(codecs.BOM_UTF8)
    else:
        head = data[:65536]
    head_text = head.decode("utf-8", errors="ignore")
    sep = "\t" if tsv else _delimiter(head_text)
    top = grid_sheet(_cells(head_text, sep)[:32], columns=columns, wide=wide)
    if top is not None and (top.rows.empty or top.rows.iloc[0] != 2 or top.sub_columns):
        text = p.read_text(encoding="utf-8-sig") if data is None else data.decode("utf-8")
        table = grid_sheet(_cells(text, sep), columns=columns, wide=wide)
        if table is not None:
            log.info("%s: header on line %d, %d data rows", p.name, int(table.rows.iloc[0]) - 1 if len(table.rows) else 0,
                     len(table.frame))
            return table
    options = {"dtype": str, "keep_default_na": False, "sep": sep}

    def source() -> Path | io.BytesIO:
        return p if data is None else io.BytesIO(data)

    try:  # Arrow skips a BOM
        frame = pd.read_csv(source(), engine="pyarrow", **options)
    except Exception as exc:  # pyarrow's errors are of several types; the C parser reports them for people
        log.debug("%s: pyarrow could not read it (%s); using pandas' C parser", p.name, exc)
        try:
            frame = pd.read_csv(source(), engine="c", encoding="utf-8-sig", **options)
        except pd.errors.EmptyDataError:
            raise UnsupportedFormatError(f"{p}: the file is empty: no header line and no records.") from None
        except pd.errors.ParserError as err:
            why = str(err).strip().removeprefix("Error tokenizing data. C error: ")
            raise UnsupportedFormatError(
                f"{p}: cannot be read as a table ({why}): a line has more cells than the header. Open it in a "
                "spreadsheet, check that line (a separator inside a cell needs quotes), and save it as CSV again."
            ) from None
    return Sheet(frame, pd.Series(range(2, len(frame) + 2), index=frame.index))  # line 1 is the header


def _cells(text: str, sep: str) -> list[list[str]]:
    """The lines of a text table as cells, for finding its header; [] when the csv module cannot split them
    (pandas' reader then reads the file and says what is wrong)."""
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    except csv.Error:
        return []


def _csv_utf8(p: Path, enc: str | None) -> bytes | None:
    """None for a file that is UTF-8 as it stands (with or without a BOM); else the file decoded
    (from UTF-16 or its legacy encoding) as UTF-8 bytes without a BOM."""
    data = p.read_bytes()
    if enc is None or enc == "auto":
        bom = bom_encoding(data)
        if bom is not None and bom != "utf-8-sig":
            log.info("%s: %s text (Excel's \"Unicode Text\")", p.name, bom.upper())
            return data.decode(bom).encode("utf-8")
        try:
            data.decode("utf-8")
            return None
        except UnicodeDecodeError as exc:
            if enc is None and detect_encoding(data) not in LEGACY_ENCODINGS:
                raise UnsupportedFormatError(
                    f"{p}: not UTF-8 text ({exc.reason} at byte {exc.start}). Save it as 'CSV UTF-8' in Excel, "
                    "or pass encoding= with the file's real encoding (tcvn3, vni, cp1258, auto…)."
                ) from None
        found = detect_encoding(data)
        log.warning("%s: not UTF-8; decoded as %s (detected). Pass encoding= to choose.", p.name, found)
        return decode_bytes(data, found).encode("utf-8")
    try:
        return decode_bytes(data, enc).lstrip("\ufeff").encode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnsupportedFormatError(
            f"{p}: cannot be read as {enc} ({exc.reason} at byte {exc.start}). Try encoding='auto', or save it as 'CSV UTF-8'."
        ) from None


def _delimiter(text: str) -> str:
    """The field delimiter, sniffed from the first lines (a delimiter that splits every line alike,
    so "Xã, phường" in a header of a ;-separated file does not decide); from the header line alone,
    as pandas' Python parser does, when the lines disagree; a comma when nothing can be sniffed."""
    lines = text.splitlines()[:20]
    if len(lines) > 1:
        try:
            return csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t|").delimiter
        except csv.Error:
            pass
    try:
        return csv.Sniffer().sniff(lines[0] if lines else "").delimiter
    except csv.Error:
        return ","


# --- totals and headings -----------------------------------------------------------------------------

# "Tổng cộng", "Tổng số", "Cộng huyện Bát Xát", "Total", "Tổng:"; not a name that starts with Tổng ("Tổng Chảo")
# nor "Công …" (same letters without diacritics). Text typed without diacritics is matched folded.
_TOTAL_WORDS = (r"^(?:{tong} {cong}|{tong} {so}|grand total|sub ?total|total|{toan} {tinh}|{toan} {huyen}|"
                r"(?:{tong}|{cong})(?= *(?:$|[:(\-\d]|{toan}\b|{huyen}\b|{xa}\b|{tinh}\b|{cong}\b|{so}\b|chung\b)))")
_TOTAL_RE = re.compile(_TOTAL_WORDS.format(tong="tổng", cong="cộng", so="số", toan="toàn", tinh="tỉnh", huyen="huyện", xa="xã"))
_TOTAL_ASCII_RE = re.compile(_TOTAL_WORDS.format(tong="tong", cong="cong", so="so", toan="toan", tinh="tinh", huyen="huyen", xa="xa"))
_TOTAL_FIRST = list("tcgsTCGS")  # every total word starts with one of these letters


def _is_total(value: str) -> bool:
    key = nfc(value).lower()
    return bool((_TOTAL_ASCII_RE if key.isascii() else _TOTAL_RE).match(key))


def _total_rows(raw: pd.DataFrame, text: pd.DataFrame, mapped: set[object]) -> pd.Series:
    """"a total row (…)" for rows whose name cells (or an unmapped cell, such as STT) say "Tổng cộng"; else <NA>."""
    reason = pd.Series(pd.NA, index=raw.index, dtype="string")
    cells = [text[c] for c in _ID_COLUMNS if c in text.columns]
    cells += [raw[c].astype("string") for c in raw.columns if c not in mapped]
    for col in cells:
        maybe = col.str.lstrip().str.slice(0, 1).isin(_TOTAL_FIRST)  # only these are looked at, each distinct one once
        if not maybe.any():
            continue
        total = per_distinct(col[maybe], lambda v: _is_total(str(v)), dtype=None).astype(bool)
        rows = total.index[total.to_numpy()]
        if len(rows):
            reason.loc[rows] = reason.loc[rows].fillna("a total row (" + col[rows].str.slice(0, 40) + ")")
    return reason


def _stripped(col: pd.Series) -> pd.Series:
    """The column as text without surrounding whitespace, "" as <NA>."""
    text = col.astype("string").str.strip()
    return text.mask(text.eq(""))


# --- the shape of the file ----------------------------------------------------------------------------

@dataclass(frozen=True)
class _Wide:
    """One technology's wide column: a column of status words, or sub-columns marked with "x"."""

    technology: Technology
    header: str
    cells: tuple[str, ...]
    statuses: tuple[str, ...] | None = None  # one per sub-column; None: the cells hold words


def _technology_value(value: Technology | str, what: str) -> Technology:
    found = word_value("technology", value.value if isinstance(value, Technology) else value)
    if found is None:
        raise SchemaError(f"{what}: {value!r} is not a technology. Use one of {accepted_words('technology')}.")
    return Technology(found)


def _check_columns(columns: dict[str, str] | None, headers: list[object], where: str) -> None:
    """Mappings that cannot work: one header given for two fields, a header the file lacks."""
    if not columns:
        return
    problems = []
    by_header: dict[str, list[str]] = {}
    for field_name, header in columns.items():
        by_header.setdefault(header, []).append(field_name)
    for header, fields in by_header.items():
        if len(fields) > 1:
            tech = wide_technology(header)
            hint = (f"If {header!r} holds the statuses of one technology, map only status and pass technology="
                    f"'{tech.value if tech else 'lan'}' (every row is that technology), or pass wide={{{header!r}: "
                    f"'{tech.value if tech else 'lan'}'}}.")
            problems.append(f"columns= maps {' and '.join(repr(f) for f in fields)} to the same header {header!r}: one "
                            f"column cannot hold both. {hint}")
    missing = [h for h in columns.values() if h not in headers and str(h) not in map(str, headers)]
    if missing:
        problems.append(f"columns= names {preview(missing)}, which the file does not have; its headers are "
                        f"{preview([str(h) for h in headers], 14)}.")
    if problems:
        raise SchemaError(f"{where}: " + " ".join(problems))


def _wide_columns(headers: list[str], subs: dict[str, tuple[str, str]], wide: dict[str, str] | None,
                  auto: bool, where: str) -> list[_Wide]:
    """The wide technology columns: ``wide=`` first, then (``auto``) headers that name a technology."""
    given = {h: _technology_value(t, f"wide={{{h!r}: {t!r}}}") for h, t in (wide or {}).items()}
    tops = {top for top, _ in subs.values()}
    unknown = [h for h in given if h not in headers and h not in tops]
    if unknown:
        raise SchemaError(f"{where}: wide= names {preview(unknown)}, which the file does not have; its headers are "
                          f"{preview([h for h in headers if h not in subs] + sorted(tops), 14)}.")
    out: list[_Wide] = []
    grouped: dict[str, list[str]] = {}
    for name, (top, _) in subs.items():
        grouped.setdefault(top, []).append(name)
    for h in headers:
        if h in subs:
            top = subs[h][0]
            if grouped.get(top) and grouped[top][0] == h:
                tech = given.get(top) or (wide_technology(top) if auto else None)
                if tech is not None:
                    cells = tuple(grouped[top])
                    out.append(_Wide(tech, top, cells, tuple(subs[c][1] for c in cells)))
            continue
        tech = given.get(h) or (wide_technology(h) if auto else None)
        if tech is not None:
            out.append(_Wide(tech, h, (h,)))
    return out


def _shape_problems(mapping: dict[object, str], wides: list[_Wide], tech_given: Technology | None, *,
                    dated: bool) -> list[str]:
    """What keeps the whole file from being read as records (each with how to fix it)."""
    fields = set(mapping.values())
    problems = []
    if wides and "status" in fields:
        problems.append(f"both a status column ({preview([h for h, f in mapping.items() if f == 'status'])}) and "
                        f"technology columns ({preview([w.header for w in wides])}); read them as two files, or map one")
    elif not wides and "status" not in fields:
        problems.append("no status column: no header says 'Trạng thái' or 'status', and none names a technology "
                        "('Mạng LAN chuẩn', 'Di động (4G)', 'Cáp quang (FTTH)'…). Map your status header with "
                        "columns={'status': 'Your header'} and technology='lan', or a technology column with "
                        "wide={'Your header': 'lan'}")
    elif not wides and "technology" not in fields and tech_given is None:
        problems.append("no technology column. Map it with columns={'technology': 'Your header'}, or pass "
                        "technology='lan' when every row is for one technology")
    if tech_given is not None and "technology" in fields:
        problems.append(f"technology={tech_given.value!r} given, but the file has a technology column "
                        f"({preview([h for h, f in mapping.items() if f == 'technology'])}); drop one of them")
    if "as_of" not in fields and not dated:
        problems.append("no date column. Pass the date of every record with as_of='2024-06-30'")
    if not ({"commune_code", "commune_name", "village_id"} & fields or {"lon", "lat"} <= fields):
        problems.append("no column that identifies the unit (commune code or name, village id, or lon and lat). "
                        "Map yours with columns={'commune_code': 'Your header'}")
    return problems


def standardise_records(
    raw: pd.DataFrame,
    *,
    columns: dict[str, str] | None = None,
    as_of: str | None = None,
    where: str = "records",
    rows: pd.Series | None = None,
    date_order: DateOrder | str | None = None,
    wide: dict[str, str] | None = None,
    technology: Technology | str | None = None,
) -> pd.DataFrame:
    """Validate a table of status records (long or wide, text cells) and return it in dxmap's schema.

    The options are :func:`read_records`'; ``where`` names the table in messages and ``rows`` gives
    the row number a person sees for each row (default: the line of a CSV with one header line).
    Row problems go to the ``problem`` column; problems of the whole table are collected and raised
    as one :class:`SchemaError`. The input is not modified.
    """
    rows = rows if rows is not None else pd.Series(range(2, len(raw) + 2), index=raw.index)
    frame = raw.astype(object).where(raw.notna(), "").astype(str) if len(raw.columns) else raw
    return _standardise(Sheet(frame, rows), columns=columns, as_of=as_of, where=where, date_order=date_order,
                        wide=wide, technology=technology)


def _standardise(sheet: Sheet, *, columns: dict[str, str] | None, as_of: str | None, where: str,
                 date_order: DateOrder | str | None, wide: dict[str, str] | None,
                 technology: Technology | str | None) -> pd.DataFrame:
    raw, rows, subs = sheet.frame, sheet.rows, sheet.sub_columns
    headers = list(raw.columns)
    name = Path(where).name
    _check_columns(columns, headers, where)
    order = DateOrder(date_order) if date_order is not None else None
    stamp = parse_date(as_of, order=order, what="as_of") if as_of is not None else None
    tech_given = _technology_value(technology, f"technology={technology!r}") if technology is not None else None
    explicit = set(wide or {})
    mapping = map_headers([h for h in headers if h not in subs and h not in explicit], columns)
    fields = set(mapping.values())
    wides = _wide_columns(headers, subs, wide, auto="status" not in fields and tech_given is None, where=where)
    if tech_given is None and "status" in fields and "technology" not in fields and not wides:
        status_header = next(h for h, f in mapping.items() if f == "status")
        tech_given = wide_technology(status_header)  # --column status="Mạng LAN chuẩn": the header says which
        if tech_given is not None:
            log.info("%s: every record is %s (the status column is %r)", name, tech_given.value, status_header)

    problems = _shape_problems(mapping, wides, tech_given, dated=stamp is not None)
    if problems:
        shown = [h for h in headers if h not in subs] + sorted({top for top, _ in subs.values()})
        raise SchemaError(f"{where}: {'; '.join(problems)}. The file's headers are {preview([str(h) for h in shown], 14)}.")

    text = pd.DataFrame({f: _stripped(raw[h]) for h, f in mapping.items()}, index=raw.index)
    total = _total_rows(raw, text, set(mapping) | {c for w in wides for c in w.cells})
    if wides:
        lines = _expand(raw, text, total, wides)
    else:
        heading = total.isna() & text["status"].isna()
        if tech_given is None:
            heading &= text["technology"].isna()
        ignore = total.mask(heading, "no technology and no status: a heading or empty row")
        lines = pd.DataFrame({"pos": np.arange(len(raw)),
                              "technology": text["technology"].array if tech_given is None else tech_given.value,
                              "status": text["status"].array, "column": _header_of(mapping, "status"),
                              "problem": None, "ignore_reason": ignore.array})
    return _records(lines, text, rows, name=name, where=where, order=order, stamp=stamp)


def _header_of(mapping: dict[object, str], field_name: str) -> str:
    return next((str(h) for h, f in mapping.items() if f == field_name), field_name)


def _expand(raw: pd.DataFrame, text: pd.DataFrame, total: pd.Series, wides: list[_Wide]) -> pd.DataFrame:
    """One line per (row, technology) with a status, one per row without any (ignored), in sheet order."""
    kept = total.isna().to_numpy()
    parts = []
    for k, w in enumerate(wides):
        cells = raw[list(w.cells)].astype("string").apply(lambda c: c.str.strip()).fillna("")
        filled = cells.ne("").to_numpy()
        present = filled.any(axis=1) & kept
        pos = np.flatnonzero(present)
        if w.statuses is None:  # the cells hold status words
            status = cells.iloc[pos, 0].to_numpy(dtype=object)
            problem = np.full(len(pos), None, dtype=object)
        else:  # sub-columns marked with "x"
            marked = cells.iloc[pos].map(is_mark).to_numpy(dtype=bool)
            status, problem = _marked(cells.iloc[pos], marked, filled[pos], w)
        parts.append(pd.DataFrame({"pos": pos, "k": k, "technology": w.technology.value, "status": status,
                                   "column": w.header, "problem": problem, "ignore_reason": None}))
    some = np.zeros(len(raw), dtype=bool)
    for part in parts:
        some[part["pos"].to_numpy()] = True
    bare = np.flatnonzero(~some)
    named = text[[c for c in _ID_COLUMNS if c in text.columns]].notna().any(axis=1).to_numpy()[bare]
    listed = ", ".join(repr(w.header) for w in wides)
    reason = np.where(named, f"no status in any technology column ({listed}): no record, the unit stays unknown",
                      "no status and no unit: a heading or empty row")
    reason = np.where(kept[bare], reason, total.to_numpy(dtype=object)[bare])
    parts.append(pd.DataFrame({"pos": bare, "k": -1, "technology": None, "status": None, "column": None,
                               "problem": None, "ignore_reason": reason}))
    lines = pd.concat(parts, ignore_index=True).sort_values(["pos", "k"], kind="stable").reset_index(drop=True)
    return lines.drop(columns="k")


def _marked(cells: pd.DataFrame, marked: np.ndarray, filled: np.ndarray, w: _Wide) -> tuple[np.ndarray, np.ndarray]:
    """The status of each row of sub-columns: the one marked; a problem when several are, or a cell is no mark."""
    n = marked.sum(axis=1)
    statuses = np.asarray(w.statuses, dtype=object)
    status = np.where(n == 1, statuses[marked.argmax(axis=1)], None).astype(object)
    problem = np.full(len(cells), None, dtype=object)
    for i in np.flatnonzero((n != 1) | (filled & ~marked).any(axis=1)):
        odd = [f"{c.rsplit(' / ', 1)[-1]!r}: {v!r}"
               for c, v, m, f in zip(w.cells, cells.iloc[i], marked[i], filled[i]) if f and not m]
        if odd:
            problem[i] = (f"{w.header}: {', '.join(odd)} is not a mark; mark one sub-column with x "
                          f"({', '.join(repr(c.rsplit(' / ', 1)[-1]) for c in w.cells)})")
        elif n[i] > 1:
            both = [repr(c.rsplit(" / ", 1)[-1]) for c, m in zip(w.cells, marked[i]) if m]
            problem[i] = f"{w.header}: {' and '.join(both)} are both marked; mark one"
        status[i] = None
    return status, problem


# --- values --------------------------------------------------------------------------------------------

def _words(kind: str, values: pd.Series, kept: np.ndarray, column: pd.Series | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Parsed values (object, <NA> where missing or unknown) and, for unknown words, the problem text
    (naming the value's ``column`` when given)."""
    out = np.full(len(values), pd.NA, dtype=object)
    why = np.full(len(values), None, dtype=object)
    if not kept.any():
        return out, why
    codes, parsed = lookup_codes(kind, values[kept])
    got = np.asarray([*parsed, None], dtype=object)[codes]  # code -1 (missing) takes the trailing None
    unknown = pd.isna(got)
    at = np.flatnonzero(kept)
    out[at[~unknown]] = got[~unknown]
    bad = at[(codes >= 0) & unknown]
    if len(bad):
        where = [""] * len(bad) if column is None else [f" in column {c!r}" for c in column.iloc[bad]]
        why[bad] = [f"unknown {kind} {v!r}{w}; accepted: {accepted_words(kind)}" for v, w in zip(values.iloc[bad], where)]
    return out, why


def _records(lines: pd.DataFrame, text: pd.DataFrame, rows: pd.Series, *, name: str, where: str,
             order: DateOrder | None, stamp: pd.Timestamp | None) -> pd.DataFrame:
    pos = lines["pos"].to_numpy()
    same = len(pos) == len(text) and (pos == np.arange(len(text))).all()
    base = text if same else text.iloc[pos]
    base = base.reset_index(drop=True)
    n = len(lines)
    ignore = lines["ignore_reason"].astype("string")
    kept = ignore.isna().to_numpy()
    problems: list[np.ndarray] = [lines["problem"].to_numpy(dtype=object)]
    person_rows = (rows if same else rows.iloc[pos]).reset_index(drop=True)

    out = pd.DataFrame(index=pd.RangeIndex(n))
    for col in RECORD_COLUMNS:
        out[col] = base[col] if col in base.columns else pd.Series(pd.NA, index=out.index, dtype="string")
    for col in ("commune_name", "district_name", "village_name", "village_id", "source", "note"):
        out[col] = nfc_series(out[col])  # each distinct value once
    out["commune_code"] = normalise_code(out["commune_code"], level="commune")
    out["district_code"] = normalise_code(out["district_code"], level="district")

    tech_text = lines["technology"].astype("string")
    missing_tech = kept & tech_text.isna().to_numpy()
    tech, tech_why = _words("technology", tech_text, kept)
    tech_why[missing_tech] = f"no technology; accepted: {accepted_words('technology')}"
    problems.append(tech_why)
    status, status_why = _words("status", lines["status"].astype("string"), kept, lines["column"])
    problems.append(status_why)
    out["technology"] = pd.Series(tech, index=out.index, dtype=object)
    out["status"] = pd.Series(status, index=out.index, dtype=object)

    # the technology's own level, unless the file gives one
    level = out["technology"].map({t.value: t.level.value for t in Technology}).to_numpy(dtype=object, na_value=None)
    given = kept & out["level"].notna().to_numpy()
    if given.any():
        parsed, level_why = _words("level", out["level"], given)
        level[given] = np.where(pd.isna(parsed[given]), None, parsed[given])
        problems.append(level_why)
    out["level"] = pd.Series(np.where(kept, level, None), index=out.index)  # text ("str"), or objects when all missing

    dates = out["as_of"]
    read = parse_dates(dates.where(pd.Series(kept, index=out.index)), order=order, where=where, rows=person_rows)
    as_of = read.dates
    problems.append(read.problems.to_numpy(dtype=object, na_value=None))
    if stamp is not None:
        as_of = as_of.mask(dates.isna() & pd.Series(kept, index=out.index), stamp)
    else:
        problems.append(np.where(kept & dates.isna().to_numpy(),
                                 "no date; fill it in, or pass as_of= for the rows without one", None))
    out["as_of"] = as_of.dt.normalize()

    for col in ("lon", "lat"):
        if out[col].isna().all():
            out[col] = pd.Series(pd.NA, index=out.index, dtype="Float64")
            continue
        num = pd.to_numeric(out[col].str.replace(",", ".", regex=False), errors="coerce").astype("Float64")
        bad = np.flatnonzero((out[col].notna() & num.isna()).to_numpy() & kept)
        why = np.full(n, None, dtype=object)
        why[bad] = [f"{col} {v!r} is not a number in decimal degrees (WGS84)" for v in out[col].iloc[bad]]
        problems.append(why)
        out[col] = num
    ids = out[["commune_code", "commune_name", "village_id"]].notna().any(axis=1) | (out["lon"].notna() & out["lat"].notna())
    problems.append(np.where(kept & ~ids.to_numpy(dtype=bool),
                             "nothing identifies the unit: no commune code or name, village id, or lon and lat", None))
    if "boundary_version" in base.columns:
        out["boundary_version"] = base["boundary_version"].str.replace(r"\.0$", "", regex=True)

    if not kept.all():
        out["ignore_reason"] = ignore
        log.info("%s: %d total, heading or empty row(s) kept as ignored: %s", name, int((~kept).sum()),
                 preview([f"row {r}" for r in person_rows[~kept]]))
    problem = _joined(problems, kept)
    if problem.notna().any():
        out["problem"] = problem
        bad = problem.notna().to_numpy()
        log.info("%s: %d row(s) cannot be read as records and are reported as invalid: %s", name, int(bad.sum()),
                    preview([f"row {r}: {p}" for r, p in zip(person_rows[bad], problem[bad])], 3))
    out.insert(0, "row", person_rows.astype(int).to_numpy())
    out.insert(0, "file", name)
    if log.isEnabledFor(logging.INFO):
        counts = out.loc[kept, "technology"].value_counts()
        log.info("%s: %d records (%s)", name, len(out), ", ".join(f"{k}={v}" for k, v in counts.items()))
    return out


def _joined(problems: list[np.ndarray], kept: np.ndarray) -> pd.Series:
    """The row problems joined with "; " (only for rows that are records), <NA> where there are none."""
    out = np.full(len(kept), None, dtype=object)
    for part in problems:
        for i in np.flatnonzero(~pd.isna(part) & kept):
            out[i] = part[i] if out[i] is None else f"{out[i]}; {part[i]}"
    return pd.Series(out, dtype="string")

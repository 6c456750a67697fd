"""Reading and validating connectivity status records (CSV or XLSX) into dxmap's record schema.

One record = one unit, one technology, one date. The schema (all text columns are NFC strings):

=============== ======== =============================================================================
column          required meaning
=============== ======== =============================================================================
technology      yes      ``mobile``, ``fibre`` or ``lan`` (Vietnamese words such as "cáp quang" work)
status          yes      ``covered``, ``weak``, ``none``, ``planned``, ``unknown`` (or "chưa có", "lõm sóng"…)
as_of           yes*     date the status was true (YYYY-MM-DD); *or pass ``as_of=`` for the whole file
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

Headers in Vietnamese or English are recognised (``Mã xã``, ``Tên thôn``, ``Trạng thái``,
``Ngày cập nhật``…); others are mapped with ``columns={"status": "Tình hình"}``. An optional
``boundary_version`` column (``Phiên bản``) says which boundary version (``2024``, ``2025-07``) the
codes and names refer to.

Provincial spreadsheets are read as people make them: title rows above the header, header cells
merged across two rows or several columns (and merged cells in the body, such as a district name
spanning its communes), a column-number row under the header, several sheets (``sheet=`` by name,
diacritics optional), and "Tổng cộng" / total rows and heading rows without a technology or status.
Those rows are kept, with their reason in an ``ignore_reason`` column, and reconciliation reports
them as ``ignored``. Text in legacy encodings (TCVN3/ABC, VNI-Windows, cp1258) is decoded: CSV
bytes that are not UTF-8 are detected automatically, or named with ``encoding=``; XLSX text typed
with ABC or VNI fonts ("Lµo Cai") is repaired (see :mod:`dxmap.encodings`).
"""

from __future__ import annotations

import csv
import io
import logging
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dxmap._arrow import arrow_strings, text_series
from dxmap._files import existing
from dxmap.validate.codes import normalise_code
from dxmap.io.encodings import LEGACY_ENCODINGS, canonical_encoding, decode_bytes, detect_encoding, repair_frame
from dxmap.errors import SchemaError, StatusValueError, UnsupportedFormatError, preview
from dxmap.validate.text import fold, nfc, nfc_series, per_distinct
from dxmap.validate.vocab import Technology, parse_codes

__all__ = ["read_records", "RECORD_COLUMNS", "standardise_records", "sheet_names"]

log = logging.getLogger(__name__)

RECORD_COLUMNS = (
    "level", "commune_code", "commune_name", "district_code", "district_name", "village_id", "village_name",
    "technology", "status", "as_of", "source", "note", "lon", "lat",
)

# Folded header spellings (lower case, no diacritics, single spaces) → schema column.
_HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "level": ("level", "cap", "cap don vi", "unit level", "loai don vi"),
    "commune_code": ("commune_code", "commune code", "ma xa", "ma xa/phuong", "ma don vi", "ma dvhc", "gso code", "code", "maxa",
                     "ma so xa", "ma dvhc xa", "ma don vi hanh chinh", "ma xa, phuong", "ma xa/phuong/thi tran", "ward code"),
    "commune_name": ("commune_name", "commune", "commune name", "xa", "ten xa", "xa/phuong", "xa, phuong", "xa/phuong/thi tran",
                     "ten xa/phuong", "don vi cap xa", "tenxa", "ten don vi", "ten don vi hanh chinh", "ten xa/phuong/thi tran",
                     "ten xa, phuong, thi tran", "xa, phuong, thi tran", "don vi hanh chinh cap xa", "commune/ward", "ward"),
    "district_code": ("district_code", "district code", "ma huyen", "mahuyen", "ma quan/huyen"),
    "district_name": ("district_name", "district", "district name", "huyen", "ten huyen", "huyen/thi xa/thanh pho",
                      "huyen/thanh pho", "tenhuyen", "quan/huyen", "ten quan/huyen", "huyen/thi xa", "ten huyen/thi xa/thanh pho",
                      "district/town"),
    "village_id": ("village_id", "village id", "village code", "ma thon", "ma thon/ban", "mathon"),
    "village_name": ("village_name", "village", "village name", "thon", "ten thon", "thon/ban", "thon, ban", "ten thon/ban",
                     "thon/ban/to dan pho", "ban", "tenthon", "ten thon, ban, to dan pho", "thon, ban, to dan pho", "thon/ban/tdp",
                     "thon, ban, tdp", "ten thon/ban/tdp", "thon/to", "hamlet", "village/hamlet"),
    "technology": ("technology", "tech", "cong nghe", "loai ha tang", "ha tang", "dich vu", "loai", "infrastructure",
                   "loai hinh", "loai dich vu", "technology type"),
    "status": ("status", "trang thai", "tinh trang", "hien trang", "ket qua", "coverage", "tinh trang phu song",
               "hien trang phu song", "trang thai phu song", "hien trang ha tang"),
    "as_of": ("as_of", "as of", "date", "ngay", "ngay cap nhat", "thoi diem", "ky bao cao", "ngay bao cao", "thoi gian",
              "ngay thang", "thoi diem bao cao", "report date", "updated", "date updated"),
    "source": ("source", "nguon", "don vi bao cao", "nguon so lieu", "doanh nghiep", "nha mang"),
    "note": ("note", "notes", "ghi chu", "comment", "remarks"),
    "lon": ("lon", "lng", "long", "longitude", "kinh do", "x"),
    "lat": ("lat", "latitude", "vi do", "y"),
    "boundary_version": ("boundary_version", "boundary version", "version", "phien ban", "phien ban ranh gioi", "phien ban dvhc",
                         "ban do dvhc"),
}
_HEADER_LOOKUP = {alias: col for col, aliases in _HEADER_ALIASES.items() for alias in aliases}


def _header_key(header: object) -> str:
    return " ".join(fold(str(header)).replace("_", " ").split()) if header is not None else ""


def _map_headers(headers: list[object], columns: dict[str, str] | None) -> dict[object, str]:
    mapping: dict[object, str] = {}
    given = {v: k for k, v in (columns or {}).items()}
    for h in headers:
        target = given.get(h) or given.get(str(h)) or _HEADER_LOOKUP.get(_header_key(h)) or _HEADER_LOOKUP.get(_header_key(h).replace(" ", "_"))
        if target and target not in mapping.values():
            mapping[h] = target
    return mapping


def read_records(
    path: str | os.PathLike[str],
    *,
    sheet: str | int | None = None,
    columns: dict[str, str] | None = None,
    as_of: str | None = None,
    encoding: str | None = None,
) -> pd.DataFrame:
    """Read status records from a CSV (with or without BOM) or XLSX file into dxmap's schema.

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
        Date for every record, when the file has no date column.
    encoding
        Text encoding: ``"tcvn3"`` (ABC), ``"vni"``, ``"cp1258"``, ``"auto"`` or any Python codec.
        Default: a CSV is read as UTF-8 (a BOM is removed) and, if it is not UTF-8, its legacy
        encoding is detected; XLSX text typed with a legacy font is detected and repaired.

    Returns
    -------
    pandas.DataFrame
        The schema columns plus ``file`` and ``row`` (the row number a person sees in the file),
        and ``ignore_reason`` when the file has total or heading rows.
    """
    p = existing(path, "status records file")
    enc = canonical_encoding(encoding)
    suffix = p.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        raw = _read_csv(p, enc, tsv=suffix == ".tsv")
        rows = pd.Series(range(2, len(raw) + 2), index=raw.index)  # line 1 is the header
    elif suffix in (".xlsx", ".xlsm"):
        raw, rows = _read_xlsx(p, sheet, columns, enc)
    else:
        raise UnsupportedFormatError(f"{p}: '{suffix}' is not a records format dxmap reads. Save it as .csv (UTF-8) or .xlsx.")
    return standardise_records(raw, columns=columns, as_of=as_of, where=str(p), rows=rows)




def _read_csv(p: Path, enc: str | None, *, tsv: bool) -> pd.DataFrame:
    """The file's cells as text, every value a string ("" for an empty cell).

    The bytes go to pyarrow's CSV reader (fast, and it keeps the text in Arrow memory, not as one
    Python object per cell); a file it cannot read (a line break inside a quoted cell, ragged
    rows) is read by pandas' C parser, which says what is wrong.
    """
    data = _csv_utf8(p, enc)
    if data is None:  # UTF-8 as it stands: parsed from the file, block by block, not held whole beside its text
        with p.open("rb") as fh:
            head = fh.read(65536).removeprefix(b"\xef\xbb\xbf")
    else:
        head = data[:65536]
    sep = "\t" if tsv else _delimiter(head.decode("utf-8", errors="ignore"))
    options = {"dtype": str, "keep_default_na": False, "sep": sep}

    def source() -> Path | io.BytesIO:
        return p if data is None else io.BytesIO(data)

    try:  # Arrow skips a BOM
        return pd.read_csv(source(), engine="pyarrow", **options)
    except Exception as exc:  # pyarrow's errors are of several types; the C parser reports them for people
        log.debug("%s: pyarrow could not read it (%s); using pandas' C parser", p.name, exc)
    return pd.read_csv(source(), engine="c", encoding="utf-8-sig", **options)


def _csv_utf8(p: Path, enc: str | None) -> bytes | None:
    """None for a file that is UTF-8 as it stands (with or without a BOM); else the file decoded
    from its legacy encoding, as UTF-8 bytes without a BOM."""
    data = p.read_bytes()
    if enc is None or enc == "auto":
        try:
            _check_utf8(data)
            return None
        except UnicodeDecodeError as exc:
            if enc is None and not _looks_vietnamese_legacy(data):
                raise UnsupportedFormatError(
                    f"{p}: not UTF-8 text ({exc.reason} at byte {exc.start}). Save it as 'CSV UTF-8' in Excel, "
                    "or pass encoding= (CLI: --encoding) with the file's real encoding (tcvn3, vni, cp1258, auto…)."
                ) from None
        found = detect_encoding(data)
        log.warning("%s: not UTF-8; decoded as %s (detected). Pass encoding= (CLI --encoding) to choose.", p.name, found)
        return decode_bytes(data, found).encode("utf-8")
    try:
        return decode_bytes(data, enc).lstrip("\ufeff").encode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnsupportedFormatError(
            f"{p}: cannot be read as {enc} ({exc.reason} at byte {exc.start}). Try --encoding auto, or save it as 'CSV UTF-8'."
        ) from None


def _check_utf8(data: bytes) -> None:
    """Raise UnicodeDecodeError (as ``data.decode()`` would) unless ``data`` is UTF-8.

    Arrow checks the bytes in place, five times faster than decoding them and without making a str
    two to four times the file's size; on the same bytes it fails where Python's decoder fails (the
    error, with its position in the whole file, is Python's).
    """
    text = pa.Array.from_buffers(pa.large_string(), 1, [None, pa.py_buffer(np.array([0, len(data)], dtype=np.int64)),
                                                         pa.py_buffer(data)])
    try:
        text.validate(full=True)
    except pa.ArrowInvalid:
        data.decode("utf-8")


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


def _looks_vietnamese_legacy(data: bytes) -> bool:
    return detect_encoding(data) in LEGACY_ENCODINGS


def sheet_names(path: str | os.PathLike[str]) -> list[str]:
    """The sheet names of an XLSX workbook, in order."""
    import openpyxl

    p = existing(path, "workbook")
    book = openpyxl.load_workbook(p, read_only=True)
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def _grid(ws) -> list[list[object]]:
    """The sheet's values with every merged range filled with its top-left value."""
    grid = [list(r) for r in ws.iter_rows(values_only=True)]
    for rng in ws.merged_cells.ranges:
        value = ws.cell(rng.min_row, rng.min_col).value
        for r in range(rng.min_row - 1, min(rng.max_row, len(grid))):
            row = grid[r]
            for c in range(rng.min_col - 1, rng.max_col):
                if c < len(row):
                    row[c] = value
    return grid


_NUMBERING_RE = re.compile(r"^\(?\s*[0-9]{1,2}\s*\)?$|^\(?\s*[A-Za-z]\s*\)?$")


def _is_numbering(cells: list[object]) -> bool:
    """A row of column numbers under the header: "(1) (2) (3)…" or "A B C…"."""
    vals = [str(v).strip() for v in cells if v is not None and str(v).strip()]
    return len(vals) >= 3 and all(_NUMBERING_RE.match(v) for v in vals)


def _header_rows(grid: list[list[object]], columns: dict[str, str] | None) -> tuple[int, list[str], int] | None:
    """Find the header: (first row index, header names, first body row index); None without one."""
    def mapped(cells: list[object]) -> dict[object, str]:
        return _map_headers([h for h in cells if h is not None and str(h).strip()], columns)

    for i in range(min(len(grid), 30)):
        top = grid[i]
        if len(mapped(top)) < 2:
            continue
        headers = [str(h).strip() if h is not None and str(h).strip() else "" for h in top]
        body = i + 1
        if body < len(grid):
            # A second header row under cells merged across columns ("Đơn vị hành chính" over "Mã xã" | "Tên xã").
            sub = grid[body] + [None] * (len(headers) - len(grid[body]))
            combined = [str(s).strip() if s is not None and str(s).strip() and _header_key(s) in _HEADER_LOOKUP
                        and str(s).strip() != h else h for h, s in zip(headers, sub)]
            if len(mapped(combined)) > len(mapped(headers)):
                headers, body = combined, body + 1
        if body < len(grid) and _is_numbering(grid[body]):
            body += 1
        headers = [h or f"column {j + 1}" for j, h in enumerate(headers)]
        return i, headers, body
    return None


def _choose_sheet(p: Path, names: list[str], sheet: str | int | None) -> list[str]:
    if sheet is None:
        return names
    if isinstance(sheet, int) or (isinstance(sheet, str) and sheet.isdigit() and sheet not in names):
        idx = int(sheet)
        if not 0 <= idx < len(names):
            raise SchemaError(f"{p}: no sheet number {idx}; the workbook has {len(names)} sheets: {preview(names)}.")
        return [names[idx]]
    if sheet in names:
        return [sheet]
    wanted = " ".join(fold(sheet).split())
    hits = [n for n in names if " ".join(fold(n).split()) == wanted]
    if len(hits) == 1:
        return hits
    raise SchemaError(f"{p}: no sheet named {sheet!r}; the workbook has {preview(names, 10)}. Pass one of them with sheet= (CLI: --sheet).")


def _read_xlsx(p: Path, sheet: str | int | None, columns: dict[str, str] | None,
               encoding: str | None) -> tuple[pd.DataFrame, pd.Series]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(p, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for damaged files
        raise UnsupportedFormatError(f"{p}: cannot be opened as XLSX ({exc}). Open it in Excel and save it again as .xlsx.") from None
    names = list(book.sheetnames)
    found: list[tuple[str, list[list[object]], tuple[int, list[str], int]]] = []
    for name in _choose_sheet(p, names, sheet):
        grid = _grid(book[name])
        head = _header_rows(grid, columns)
        if head is None and encoding != "utf-8":  # headers typed with a legacy font too
            grid = _repair_grid(grid, encoding or "auto", p, name, only_if_better=True)
            head = _header_rows(grid, columns)
        if head is not None and encoding != "utf-8":
            grid = grid[:head[2]] + _repair_grid(grid[head[2]:], encoding or "auto", p, name)
        if head is not None:
            found.append((name, grid, head))
            if sheet is not None:
                break
        elif sheet is not None:
            raise SchemaError(f"{p}: sheet {name!r} has no header row dxmap recognises in its first 30 rows "
                              "(e.g. 'Mã xã', 'Tên thôn', 'Trạng thái'). Map your headers with columns= (CLI: --column).")
    if not found:
        raise SchemaError(f"{p}: no sheet has a header row dxmap recognises (sheets: {preview(names, 10)}). "
                          "Map your headers with columns={'status': 'Your header'} (CLI: --column) or pass sheet=.")
    name, grid, (h, headers, start) = found[0]
    if len(found) > 1:
        log.warning("%s: %d sheets hold records (%s); reading %r only. Pass sheet= (CLI --sheet) for another.",
                    p.name, len(found), preview([f[0] for f in found]), name)
    width = len(headers)
    body_rows = [list(r[:width]) + [None] * (width - len(r)) for r in grid[start:]]
    body = pd.DataFrame(body_rows, columns=headers, index=range(start, start + len(body_rows)), dtype=object)
    body = body.dropna(how="all").map(lambda v: "" if v is None or (isinstance(v, float) and v != v) else _cell_text(v))
    body = body[body.ne("").any(axis=1)]
    log.info("%s: sheet %r, header on row %d, %d data rows", p.name, name, h + 1, len(body))
    return body, pd.Series(body.index + 1, index=body.index)  # the Excel row number a person sees


def _repair_grid(grid: list[list[object]], encoding: str, p: Path, sheet: str, *,
                 only_if_better: bool = False) -> list[list[object]]:
    frame = pd.DataFrame(grid, dtype=object)
    if frame.empty:
        return grid
    fixed = repair_frame(frame, encoding, only_if_better=only_if_better)
    changed = int((fixed.ne(frame) & frame.notna()).sum().sum())
    if changed:
        log.warning("%s: sheet %r: re-decoded %d cell(s) typed in a legacy Vietnamese font (%s)", p.name, sheet, changed, encoding)
    return fixed.astype(object).where(fixed.notna(), None).values.tolist()


def _cell_text(value: object) -> str:
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# "Tổng cộng", "Tổng số", "Cộng huyện Bát Xát", "Total", "Tổng:"; not a name that starts with Tổng ("Tổng Chảo")
# nor "Công …" (same letters without diacritics). Text typed without diacritics is matched folded.
_TOTAL_WORDS = (r"^(?:{tong} {cong}|{tong} {so}|grand total|sub ?total|total|{toan} {tinh}|{toan} {huyen}|"
                r"(?:{tong}|{cong})(?= *(?:$|[:(\-\d]|{toan}\b|{huyen}\b|{xa}\b|{tinh}\b|{cong}\b|{so}\b|chung\b)))")
_TOTAL_RE = re.compile(_TOTAL_WORDS.format(tong="tổng", cong="cộng", so="số", toan="toàn", tinh="tỉnh", huyen="huyện", xa="xã"))
_TOTAL_ASCII_RE = re.compile(_TOTAL_WORDS.format(tong="tong", cong="cong", so="so", toan="toan", tinh="tinh", huyen="huyen", xa="xa"))


def _is_total(value: str) -> bool:
    key = nfc(value).lower()
    return bool((_TOTAL_ASCII_RE if key.isascii() else _TOTAL_RE).match(key))


# The first letters of total words, in either case: no other character lower-cases to one of them.
_TOTAL_FIRST = pa.array([c.encode() for c in "tcgsTCGS"], pa.large_binary())
_ID_COLUMNS = ("commune_code", "commune_name", "district_code", "district_name", "village_id", "village_name")


def _ignored_rows(raw: pd.DataFrame, text: pd.DataFrame, mapping: dict[object, str]) -> pd.Series:
    """Why a row is not a record (a total or heading row), or <NA>."""
    reason = pd.Series(pd.NA, index=raw.index, dtype="string")
    unmapped = [c for c in raw.columns if c not in mapping]
    cells = [(text[c], True) for c in _ID_COLUMNS if c in text.columns] + [(raw[c].astype("string"), False) for c in unmapped]
    for col, stripped in cells:
        # Only texts starting like a total word (tổng, cộng, total, grand, sub, toàn) are tested, each distinct one once.
        cell = arrow_strings(col) if stripped else pc.utf8_ltrim_whitespace(arrow_strings(col))
        first = pc.binary_slice(cell.cast(pa.large_binary()), 0, 1)  # a non-ASCII letter's first byte is no letter
        maybe = pc.is_in(first, value_set=_TOTAL_FIRST).to_numpy(zero_copy_only=False)
        if not maybe.any():
            continue
        flags = np.zeros(len(col), dtype=bool)
        flags[maybe] = per_distinct(col[maybe], lambda v: _is_total(str(v)), dtype=None).to_numpy(dtype=bool)
        total = col.index[flags]
        if len(total):
            reason.loc[total] = reason.loc[total].fillna("a total row (" + col[total].str.slice(0, 40) + ")")
    empty = pd.Series(True, index=raw.index)
    for c in ("technology", "status"):
        if c in text.columns:
            empty &= text[c].isna()
    reason[reason.isna() & empty] = "no technology and no status: a heading or empty row"
    return reason


def _stripped(col: pd.Series) -> pd.Series:
    """The column as text without surrounding whitespace, "" as <NA>; a column with nothing to change is
    not copied again (a national file's text would otherwise be held three times over)."""
    text = arrow_strings(col.astype("string"))
    trimmed = pc.utf8_trim_whitespace(text)  # as str.strip() on Arrow text
    if pc.any(pc.not_equal(trimmed, text)).as_py():
        text = trimmed
    del trimmed
    empty = pc.equal(text, "")
    if pc.any(empty).as_py():
        text = pc.if_else(empty, pa.scalar(None, text.type), text)
    return text_series(text, col)


def _at_rows(codes: np.ndarray, kept: np.ndarray) -> np.ndarray:
    """``codes`` (one per kept row) spread over all rows, -1 on the rows that are not records."""
    at = np.full(len(kept), -1, dtype=np.intp)
    at[kept] = codes
    return at


def standardise_records(
    raw: pd.DataFrame,
    *,
    columns: dict[str, str] | None = None,
    as_of: str | None = None,
    where: str = "records",
    rows: pd.Series | None = None,
) -> pd.DataFrame:
    """Validate a table of status records and return it in dxmap's schema (see module docs).

    All problems are collected before one error is raised. The input is not modified.
    """
    mapping = _map_headers(list(raw.columns), columns)
    df = raw.rename(columns=mapping)[list(mapping.values())].copy()
    rows = rows if rows is not None else pd.Series(range(2, len(raw) + 2), index=raw.index)
    problems: list[str] = []
    for required in ("technology", "status"):
        if required not in df.columns:
            problems.append(f"no '{required}' column")
    if "as_of" not in df.columns and as_of is None:
        problems.append("no 'as_of' (date) column and no as_of= given")
    if not ({"commune_code", "commune_name", "village_id"} & set(df.columns) or {"lon", "lat"} <= set(df.columns)):
        problems.append("no column that identifies the unit (commune_code, commune_name, village_id or lon/lat)")
    if problems:
        raise SchemaError(
            f"{where}: {'; '.join(problems)}. The file's headers are {preview(list(raw.columns), 14)}. "
            "Rename them to the schema (see README, 'Status records') or map them with columns={'status': 'Your header'} "
            "(CLI: --column status='Your header')."
        )
    df = df.loc[:, ~df.columns.duplicated()]
    text = pd.DataFrame({c: _stripped(df[c]) for c in df.columns}, index=df.index, copy=False)
    ignore = _ignored_rows(raw, text, mapping)
    keep = ignore.isna()
    out = pd.DataFrame(index=df.index)
    for col in RECORD_COLUMNS:
        out[col] = text[col] if col in text.columns else pd.Series(pd.NA, index=df.index, dtype="string")
    for col in ("commune_name", "district_name", "village_name", "village_id", "source", "note"):
        out[col] = nfc_series(out[col])  # a column with nothing to change keeps its text: no second copy
    out["commune_code"] = normalise_code(out["commune_code"], level="commune")
    out["district_code"] = normalise_code(out["district_code"], level="district")

    value_errors: list[str] = []
    kept = keep.to_numpy()
    words: dict[str, tuple[np.ndarray, list[str]]] = {}
    for col in ("technology", "status"):
        try:
            words[col] = parse_codes(col, out[col] if kept.all() else out.loc[keep, col], where=where, rows=rows[keep])
        except StatusValueError as exc:
            value_errors.append(str(exc))
    if value_errors:
        raise StatusValueError(" | ".join(value_errors))
    (tech_codes, techs), (status_codes, statuses) = words["technology"], words["status"]
    tech_at = _at_rows(tech_codes, kept)
    out["technology"] = pd.Series(np.asarray([*techs, pd.NA], dtype=object)[tech_at], index=out.index, dtype=object)
    out["status"] = pd.Series(np.asarray([*statuses, pd.NA], dtype=object)[_at_rows(status_codes, kept)],
                              index=out.index, dtype=object)
    levels = [Technology(t).level.value for t in techs]  # the technology's own level, unless the file gives one
    level_at = tech_at.copy()
    given_level = (out["level"].notna() & keep).to_numpy()
    if given_level.any():
        level_codes, given = parse_codes("level", text.loc[given_level, "level"], where=where, rows=rows[given_level])
        level_at[given_level] = len(levels) + level_codes
        levels += given
    if kept.any():  # text ("str" dtype), as pandas makes of these Python strings
        level = pc.take(pa.array(levels, pa.large_string()), pa.array(level_at, mask=level_at < 0))
        out["level"] = pd.Series(pd.arrays.ArrowStringArray(level, dtype=pd.StringDtype(na_value=np.nan)), index=out.index)
    else:  # nothing but <NA>: objects
        out["level"] = pd.Series(pd.NA, index=out.index, dtype=object)

    dates = out["as_of"].fillna(as_of) if as_of is not None else out["as_of"]
    codes, distinct = pd.factorize(dates)  # a file holds few distinct dates: each is parsed once
    parsed = (pd.to_datetime(pd.Series(distinct, dtype=dates.dtype), errors="coerce", format="mixed", dayfirst=False)
              .reindex(codes).set_axis(dates.index))  # code -1 (missing) → NaT
    bad = parsed.isna() & keep
    if bad.any():
        raise SchemaError(
            f"{where}: {int(bad.sum())} row(s) without a valid date: "
            f"{preview([f'row {r}: {v!r}' for r, v in zip(rows[bad], dates[bad])])}. Write dates as YYYY-MM-DD."
        )
    out["as_of"] = parsed.dt.normalize()
    for col in ("lon", "lat"):
        if out[col].isna().all():  # what pd.to_numeric makes of a column without numbers, without its cost
            out[col] = pd.Series(pd.NA, index=out.index, dtype="Float64")
            continue
        num = pd.to_numeric(out[col].str.replace(",", ".", regex=False), errors="coerce")
        bad = out[col].notna() & num.isna()
        if bad.any():
            raise SchemaError(f"{where}: {col} is not a number in {preview([f'row {r}' for r in rows[bad]])}. Use decimal degrees (WGS84).")
        out[col] = num
    if "boundary_version" in text.columns:
        out["boundary_version"] = text["boundary_version"].str.replace(r"\.0$", "", regex=True)
    if not keep.all():
        out["ignore_reason"] = ignore.astype("string")
        log.info("%s: %d total or heading row(s) kept as ignored: %s", Path(where).name, int((~keep).sum()),
                 preview([f"row {r}" for r in rows[~keep]]))
    out.insert(0, "row", rows.astype(int).values)
    out.insert(0, "file", Path(where).name)
    if log.isEnabledFor(logging.INFO):  # counting a national file's technologies costs more than the rest of the line
        counts = pd.Series(np.bincount(tech_codes, minlength=len(techs)), index=techs).groupby(level=0).sum()
        log.info("%s: %d records (%s)", Path(where).name, len(out), ", ".join(f"{k}={v}" for k, v in counts.items()))
    return out.reset_index(drop=True)

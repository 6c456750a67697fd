"""Spreadsheets as provinces make them: find the header under the title rows, read the body as text.

Works on a *grid* (rows of cell values): an XLSX sheet (merged cells filled with their top-left
value) or the lines of a text file exported from one ("Unicode Text", CSV with title rows). The
header is the first of the top 30 rows that names at least two schema columns or technologies;
a second header row under cells merged across columns is combined with it ("Đơn vị hành chính"
over "Mã xã | Tên xã"; "Di động (4G)" over "Có | Chưa có", whose cells are marked with "x"); a row of
column numbers under the header ("(1) (2) (3)…") is skipped.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import re
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TypeVar

import pandas as pd

from dxmap._files import existing
from dxmap.errors import SchemaError, UnsupportedFormatError
from dxmap.io.encodings import bom_encoding, decode_bytes, detect_encoding, repair_frame
from dxmap.labels import Lang, label
from dxmap.validate.dates import preview_in
from dxmap.validate.schema import is_mark, map_headers, schema_column, sub_status, wide_technology
from dxmap.validate.text import fold

__all__ = ["Sheet", "sheet_names", "find_sheet", "sheets_asked", "read_as", "read_html_table", "read_xlsx",
           "grid_sheet", "header_score", "search_end", "SEARCH_ROWS"]

T = TypeVar("T")
SheetChoice = str | int | Sequence[str | int] | None  # read_xlsx's sheet: one, several, or every sheet (None)
log = logging.getLogger(__name__)

SEARCH_ROWS = 30  # the rows with text a header is looked for in, in a sheet or a text file


@dataclass(frozen=True)
class Formula:
    """A formula cell without a saved value: where it is (``"D7"``) and the formula as typed (``"=IF(…)"``).
    As text it is how a message names it: ``D7 (=IF(H8="","Có",…)``."""

    cell: str
    text: str

    def __str__(self) -> str:
        return f"{self.cell} ({_short(self.text)})"


@dataclass(frozen=True, eq=False)
class Sheet:
    """A table as read: text cells (``""`` when empty) under unique header names, and where they came from.

    ``rows`` holds the row number a person sees for each body row (Excel row, or text-file line).
    ``sub_columns`` maps a sub-column's name to the technology header above it and the status it
    stands for (``"Di động (4G) / Có"`` → ``("Di động (4G)", "covered")``).
    ``cells`` (text files only) holds how many cells each body row has as written, up to its last
    non-empty one: fewer than the header's is a line cut short, more is a separator without quotes.
    ``formulas`` maps a header to the body rows (index → :class:`Formula`) whose cell is a formula
    the workbook holds no saved value for. ``notes`` holds what the reader found wrong with a row
    whatever its columns mean (index → text): each is a problem of that row. ``head`` holds the row
    numbers of the header rows (and of a row of column numbers under them). ``date_cells`` maps the
    header of a date column (``as_of``) to the body rows (index) whose cell is an Excel date, not text
    (its text is then ``"2024-01-04"``, as typed ISO text would be). ``merged`` maps a header to the body
    rows (index → ``"B6:G6"``) whose cell in that column starts a range merged across columns (a
    heading across the table; only that first cell holds the text). ``joined`` (text files) maps the
    body rows with more cells than the header (an unquoted comma) to how many they have and the extra
    text, joined to the last column's (index → ``(n, text)``): whether that is a problem of the row
    depends on what the last column is (:mod:`dxmap.io.records`).
    """

    frame: pd.DataFrame
    rows: pd.Series
    sub_columns: dict[str, tuple[str, str]] = field(default_factory=dict)
    name: str | None = None
    cells: pd.Series | None = None
    formulas: dict[str, dict[int, Formula]] = field(default_factory=dict)
    notes: dict[int, str] = field(default_factory=dict)
    head: tuple[int, ...] = ()
    date_cells: dict[str, list[int]] = field(default_factory=dict)
    merged: dict[str, dict[int, str]] = field(default_factory=dict)
    joined: dict[int, tuple[int, str]] = field(default_factory=dict)


def sheet_names(path: str | os.PathLike[str]) -> list[str]:
    """The sheet names of an XLSX workbook, in order."""
    import openpyxl

    p = existing(path, "workbook")
    book = openpyxl.load_workbook(_workbook_source(p), read_only=True)
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def _text(value: object) -> str:
    if isinstance(value, str):
        return value.strip()
    return "" if value is None else str(value).strip()


def header_score(cells: list[object], columns: dict[str, str] | None = None, wide: dict[str, str] | None = None) -> int:
    """How many distinct schema columns and technologies a row of header cells names (a title merged
    across the row counts once)."""
    texts = list(dict.fromkeys(t for t in map(_text, cells) if t))
    mapped = set(map_headers(texts, columns).values())
    # technologies also by their first words ("LAN tại UBND xã")
    techs = {t for t in texts if t not in map_headers([t], columns) and _is_technology(t, wide, loose=True)}
    return len(mapped) + len(techs)


_NUMBERING_RE = re.compile(r"^\(?\s*[0-9]{1,2}\s*\)?$|^\(?\s*[A-Za-z]\s*\)?$")


def _is_numbering(cells: list[object]) -> bool:
    """A row of column numbers under the header: "(1) (2) (3)…" or "A B C…"."""
    vals = [t for t in map(_text, cells) if t]
    return len(vals) >= 3 and all(_NUMBERING_RE.match(v) for v in vals)


def _is_technology(header: str, wide: dict[str, str] | None, *, loose: bool = False) -> bool:
    """Whether a header names a technology (``loose``: also by its first words, "LAN tại UBND xã")."""
    return bool(header) and (header in (wide or {}) or wide_technology(header, loose=loose) is not None)


def _combine(top: list[str], sub: list[str], wide: dict[str, str] | None) -> tuple[list[str], dict[str, tuple[str, str]]]:
    """Headers from two header rows, and the status sub-columns found under technology headers.

    A schema column or a technology under a group header ("Mã xã" under "Đơn vị hành chính", "Cáp quang" under
    "Hiện trạng hạ tầng") takes the group's place.

    Status sub-columns count only in a row whose every cell is empty, repeats the cell above (merged
    down), names a schema column or is such a status word, with at least two under each technology
    ("Có | Chưa có"); otherwise the row is the first body row of a wide sheet ("2692 | Có").

    The transpose, technologies under a status ("Chưa có" over "Di động | Cáp quang", a list of the villages
    without them), makes each technology's sub-column of that status: its marks say "none", never "covered".
    A label dxmap does not know under a group whose other cells it knows ("Sóng 5G" beside "Cáp quang" under
    "Hiện trạng hạ tầng") is that column's header too: the group's name is no column's.
    """
    headers, subs, other = list(top), {}, False
    transposed, known_groups, unknown = set(), set(), []
    owner = ""  # the header a blank top cell belongs to (a merged cell exported as text)
    for j, (h, s) in enumerate(zip(top, sub)):
        owner = h or owner
        if not s or s == h:
            continue
        parent = h or owner
        # an "x" under "LAN tại UBND xã" is a mark, not the header of the positions
        tech = _is_technology(s, wide, loose=True)
        named = tech or schema_column(s) is not None
        if tech and not _is_technology(parent, wide, loose=True) and (status := sub_status(parent)) is not None:
            headers[j] = f"{s} / {parent}"  # "Di động / Chưa có": as the sub-columns under a technology are named
            subs[headers[j]] = (s, status)
            transposed.add(s)
        elif named and not _is_technology(h, wide, loose=True):
            headers[j] = s  # "Mã xã" under "Đơn vị hành chính"; "Cáp quang" under "Hiện trạng hạ tầng"
            known_groups.add(parent)
        elif parent and _is_technology(parent, wide, loose=True) and (status := sub_status(s)) is not None:
            headers[j] = f"{parent} / {s}"
            subs[headers[j]] = (parent, status)
        else:
            other = True  # a label dxmap does not know, or a value
            unknown.append((j, parent, s))
    for j, parent, s in unknown:
        if parent in known_groups and _a_label(s):
            headers[j] = s
    parents = [p for p, _ in subs.values()]
    if subs and (other or any(parents.count(p) < 2 and p not in transposed for p in parents)):
        return list(top), {}
    return headers, subs


def _a_label(text: str) -> bool:
    """Whether a cell reads as a header's words, not a value: it has letters and is no status word or mark."""
    return any(c.isalpha() for c in text) and sub_status(text) is None and not is_mark(text)


def _unique(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for j, h in enumerate(headers):
        h = h or f"column {j + 1}"
        seen[h] = seen.get(h, 0) + 1
        out.append(h if seen[h] == 1 else f"{h} ({seen[h]})")
    return out


def search_end(grid: list[list[object]]) -> int:
    """Where the search for a header ends: after the first :data:`SEARCH_ROWS` rows with text (empty rows above a
    table, typed or left by Excel as ";;;", do not count: QA48, a header under 20 of them was not found)."""
    seen = 0
    for i, row in enumerate(grid):
        seen += any(map(_text, row))
        if seen == SEARCH_ROWS:
            return i + 1
    return len(grid)


def _find_header(grid: list[list[object]], columns: dict[str, str] | None, wide: dict[str, str] | None, *,
                 trim: bool = False) -> tuple[int, list[str], dict[str, tuple[str, str]], int] | None:
    """(header row index, header names, sub-columns, first body row index); None without a header.

    With ``trim`` (a text file), the header ends at its last named cell: a body row with more cells
    has cells too many, not columns without a name.
    """
    for i in range(search_end(grid)):
        if header_score(grid[i], columns, wide) < 2:
            continue
        width = max(len(r) for r in grid[i:i + 3])
        top = [_text(v) for v in grid[i]] + [""] * (width - len(grid[i]))
        headers, subs, body = top, {}, i + 1
        if body < len(grid):
            sub = [_text(v) for v in grid[body]] + [""] * (width - len(grid[body]))
            combined, found = _combine(top, sub, wide)
            better = header_score(combined, columns, wide) - header_score(top, columns, wide)
            # as many names, but the row holds only labels: "Điện lưới" beside "Mạng LAN" under "Hiện trạng"
            if found or better > 0 or (better == 0 and combined != top and all(
                    not c or c == t or _a_label(c) or schema_column(c) for c, t in zip(sub, top))):
                headers, subs, body = combined, found, body + 1
            elif combined != top and body + 1 < len(grid):
                # a technology in a group's place ("Mạng LAN" under "Hiện trạng hạ tầng") is a header row only with
                # its status sub-columns in the row after it: "LAN" under "Công nghệ" is a value, the next row too
                third = [_text(v) for v in grid[body + 1]] + [""] * (width - len(grid[body + 1]))
                under, below = _combine(combined, third, wide)
                if below:
                    headers, subs, body = under, below, body + 2
        if body == i + 2 and not subs and body < len(grid):  # a third row: "Có | Chưa có" under the technologies
            sub = [_text(v) for v in grid[body]] + [""] * (width - len(grid[body]))  # the second row named
            combined, found = _combine(headers, sub, wide)
            if found:
                headers, subs, body = combined, found, body + 1
        if body < len(grid) and _is_numbering(grid[body]):
            body += 1
        if trim:
            headers = headers[:_written(headers)]
        names = _unique(headers)
        subs = {names[headers.index(k)]: v for k, v in subs.items()}
        return i, names, subs, body
    return None


def _cell_text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, str):
        return value
    if hasattr(value, "isoformat"):  # an Excel date: its day (a date cell keeps no order to misread)
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def grid_sheet(grid: list[list[object]], *, columns: dict[str, str] | None = None, wide: dict[str, str] | None = None,
               first_row: int = 1, name: str | None = None, lines: list[int] | None = None,
               uncached: dict[tuple[int, int], str] | None = None, across: dict[tuple[int, int], str] | None = None,
               first_line_header: bool = False) -> Sheet | None:
    """The table in ``grid`` below its header, or None when no row looks like a header.

    ``first_row`` is the row number a person sees for ``grid[0]`` (1 in a spreadsheet); ``lines``
    gives it for every row of a text file instead (the line each row starts on), and makes the
    sheet count each row's cells (see :class:`Sheet`). ``uncached`` maps (row, column) positions of
    ``grid`` to formulas without a saved value, ``across`` those of the first cells of ranges merged
    across columns to the ranges ("B6:G6"). With ``first_line_header``, the first row is the
    header even when dxmap recognises none of it (the caller maps or reports the headers).
    Empty body rows are dropped; the others keep their row numbers.
    """
    head = _find_header(grid, columns, wide, trim=lines is not None)
    first = next((i for i, r in enumerate(grid) if any(map(_text, r))), None)
    if head is None and first_line_header and first is not None:
        head = (first, _unique([_text(v) for v in grid[first][:_written(grid[first])]]), {}, first + 1)
    if head is None:
        return None
    top, headers, subs, start = head
    width = len(headers)
    body = [[_cell_text(v) for v in (list(r[:width]) + [None] * (width - len(r)))] for r in grid[start:]]
    frame = pd.DataFrame(body, columns=headers, index=range(start, start + len(body)), dtype=object)
    frame = frame[frame.ne("").any(axis=1)] if len(frame) else frame
    numbers = [lines[i] for i in frame.index] if lines is not None else frame.index + first_row
    cells, joined = None, {}
    if lines is not None:
        cells = pd.Series([len(grid[i]) for i in frame.index], index=frame.index, dtype="int64")
        for i in cells.index[cells.to_numpy() > width]:
            n = _written(grid[i])
            if n > width:  # most likely a comma in a note, the last column: its text is kept there, not dropped
                extra = ",".join(_cell_text(v) for v in grid[i][width:n])  # as typed: the cells keep their spaces
                frame.loc[i, headers[-1]] = ",".join(filter(None, [frame.loc[i, headers[-1]], extra]))
                joined[i] = (n, extra)
    formulas, merged = _by_header(uncached, frame, headers), _by_header(across, frame, headers)
    head_rows = tuple(lines[k] if lines is not None else k + first_row for k in range(top, start))
    dated = _date_cells(grid, frame, headers, columns) if lines is None else {}
    return Sheet(frame, pd.Series(numbers, index=frame.index), subs, name, cells, formulas, {}, head_rows, dated,
                 merged, joined)


def _by_header(cells: dict[tuple[int, int], T] | None, frame: pd.DataFrame,
               headers: list[str]) -> dict[str, dict[int, T]]:
    """(row, column) → value, for the body's cells, as header → {row: value}."""
    out: dict[str, dict[int, T]] = {}
    for (r, c), text in (cells or {}).items():
        if r in frame.index and c < len(headers):
            out.setdefault(headers[c], {})[r] = text
    return out


_ISO_TEXT_RE = r"^\d{4}-\d{2}-\d{2}$"


def _date_cells(grid: list[list[object]], frame: pd.DataFrame, headers: list[str],
                columns: dict[str, str] | None) -> dict[str, list[int]]:
    """The body rows of the date column whose cell is an Excel date (see :class:`Sheet`).

    Only the cells whose text is written as a date cell's (``_cell_text`` gives ``2024-01-04``) are looked
    up in the grid: typed ISO text looks the same, but it was not read through Excel's date format.
    """
    out: dict[str, list[int]] = {}
    for header, field_name in map_headers(headers, columns).items():
        if field_name != "as_of" or not len(frame):
            continue
        j = headers.index(header)
        maybe = frame.index[frame[header].astype(str).str.match(_ISO_TEXT_RE).to_numpy(dtype=bool)]
        hits = [i for i in maybe if j < len(grid[i]) and isinstance(grid[i][j], dt.date)]
        if hits:
            out[header] = hits
    return out


def _written(row: list[object]) -> int:
    """How many cells a row has, up to its last non-empty one."""
    n = len(row)
    while n and not _text(row[n - 1]):
        n -= 1
    return n


def _grid(ws, values: list[tuple], *, across_from: int | None = None) -> list[list[object]]:
    """The sheet's ``values`` (its rows, as ``ws.iter_rows(values_only=True)`` gives them; not modified) with
    every merged range filled with its top-left value.

    From row index ``across_from`` on (the body), a range merged across columns keeps its value in its
    first column only: there it is a heading ("I. Huyện Bát Xát" across the table) or a label ("Tổng
    cộng" across the name columns), not a value of every column it covers.
    """
    grid = [list(r) for r in values]
    for rng in ws.merged_cells.ranges:
        value = ws.cell(rng.min_row, rng.min_col).value
        last_col = rng.min_col if across_from is not None and rng.min_row - 1 >= across_from else rng.max_col
        for r in range(rng.min_row - 1, min(rng.max_row, len(grid))):
            row = grid[r]
            for c in range(rng.min_col - 1, last_col):
                if c < len(row):
                    row[c] = value
    return grid


def _merged_across(ws, start: int) -> dict[tuple[int, int], str]:
    """The first cell (row, column, 0-based as in the grid) of each range merged across columns from row index
    ``start`` on (the body), with the range: ``{(5, 1): "B6:G6"}``."""
    return {(rng.min_row - 1, rng.min_col - 1): rng.coord for rng in ws.merged_cells.ranges
            if rng.min_row - 1 >= start and rng.max_col > rng.min_col}


def columns_example(name: str, lang: Lang = "en", *, option: str = "columns") -> str:
    """How a message shows mapping a header, in ``lang``: ``columns={'status': 'Your header'}`` for a field, or
    ``wide={'Your header': 'lan'}`` for a technology (``option="wide"``); the command line says
    ``--column status='Your header'`` (``--column status='Tên cột'``)."""
    header = label("log_your_header", lang)
    return f"wide={{{header!r}: {name!r}}}" if option == "wide" else f"columns={{{name!r}: {header!r}}}"


def _choose_sheet(p: Path, names: list[str], sheet: SheetChoice, lang: Lang = "en") -> list[str]:
    """The sheets ``sheet`` names (every one when None), in the order named, each once; one no sheet is refused,
    listing the workbook's sheets."""
    if sheet is None:
        return names
    chosen = []
    for one in sheets_asked(sheet) or []:
        found = find_sheet(names, one)
        if found is None and _an_index(names, one):
            raise SchemaError(label("err_no_sheet_number", lang, path=p, index=int(one), n=len(names),
                                    names=preview_in(names, lang)))
        if found is None:
            raise SchemaError(label("err_no_sheet_named", lang, path=p, sheet=repr(one),
                                    names=preview_in(names, lang, 10)))
        chosen += [found] if found not in chosen else []
    return chosen


def sheets_asked(sheet: SheetChoice) -> list[str | int] | None:
    """``sheet`` as a list of the sheets asked for (a name or a number each); None for every sheet."""
    if sheet is None:
        return None
    return [sheet] if isinstance(sheet, (str, int)) else list(sheet)


def _an_index(names: list[str], one: str | int) -> bool:
    return isinstance(one, int) or (isinstance(one, str) and one.isdigit() and one not in names)


def find_sheet(names: list[str], one: str | int) -> str | None:
    """The sheet of ``names`` that ``one`` names (a name, diacritics, case and spacing aside, or a number from 0),
    or None."""
    if _an_index(names, one):
        idx = int(one)
        return names[idx] if 0 <= idx < len(names) else None
    if one in names:
        return str(one)
    wanted = " ".join(fold(str(one)).split())
    hits = [n for n in names if " ".join(fold(n).split()) == wanted]
    return hits[0] if len(hits) == 1 else None


def _repair_grid(grid: list[list[object]], encoding: str, file: str, sheet: str, *,
                 only_if_better: bool = False, header: Callable[[str], bool] | None = None, quiet: bool = False,
                 also: int = 0, lang: Lang = "en") -> list[list[object]]:
    """The grid with its text typed in a legacy font decoded (:func:`~dxmap.io.encodings.repair_frame`). With
    ``header``, a cell of the rows a header is looked for in whose decoding is a header (``header`` says so) and
    the cell as typed is not, is decoded even when it reads no more like Vietnamese: VNI's one-word headers "Xaõ",
    "Thoân" are syllables of their own (QA68 N10). ``quiet``: nothing said (the header's search, said with the
    body); ``also``: cells decoded before, counted in what is said."""
    frame = pd.DataFrame(grid, dtype=object)
    if frame.empty:
        return grid
    top = {v for row in grid[:search_end(grid) + 3] for v in row if isinstance(v, str)}

    def a_header(old: str, new: str) -> bool:
        return header is not None and old in top and header(new) and not header(old)

    fixed = repair_frame(frame, encoding, only_if_better=only_if_better, prefer=a_header, quiet=quiet, lang=lang)
    changed = int((fixed.ne(frame) & frame.notna()).sum().sum()) + also
    if changed and not quiet:
        log.warning("%s", label("log_redecoded", lang, file=file, sheet=repr(sheet), n=changed, encoding=encoding))
    return fixed.astype(object).where(fixed.notna(), None).values.tolist()


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file: Excel 97-2003, or an encrypted workbook
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")  # the stream Office writes beside EncryptedPackage


def _not_a_workbook(path: Path, lang: Lang = "en") -> str | None:
    """Why ``path`` cannot be an XLSX workbook, said for people in ``lang``; None when it is a zip with a workbook
    in it."""
    with path.open("rb") as fh:
        start = fh.read(8)
    if not start:
        return label("err_xlsx_empty", lang)
    if start.startswith(_OLE):
        return label("err_xlsx_encrypted" if _ENCRYPTED in path.read_bytes() else "err_xls", lang)
    if not zipfile.is_zipfile(path):
        return label("err_xlsx_cut" if start.startswith(b"PK\x03\x04") else "err_not_xlsx", lang)
    try:
        with zipfile.ZipFile(path) as z:
            members = z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        return label("err_zip_damaged", lang, error=exc)
    if "xl/workbook.bin" in members:
        return label("err_xlsb", lang)
    if "xl/workbook.xml" in members:
        return None
    if "content.xml" in members:
        return label("err_ods", lang)
    return label("err_zip_other", lang, names=preview_in(members, lang))


TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
_HTML_START = (b"<!doctype html", b"<html", b"<table", b"<head", b"<body", b"<meta", b"<style", b"<!--")
_SPREADSHEET_ML = b"urn:schemas-microsoft-com:office:spreadsheet"  # Excel 2003's XML workbook


def read_as(path: Path, *, file: str | None = None, lang: Lang = "en") -> str:
    """The suffix whose reader reads ``path``: its own, or the one its content says when its name lies.

    Offices rename files and web systems export them under a name that is not what they hold: an
    .xlsx workbook named .xls (or .csv) is read as .xlsx, a text table named .xls or .xlsx as CSV, each
    said once in the log with the file's name; a web page (an HTML table) named .xls or .xlsx is
    ``".html"``, read by :func:`read_html_table`. What dxmap cannot read under a .xls name (the old binary
    Excel 97-2003 format, an Excel 2003 XML file) is refused with the way to an .xlsx file. Other
    suffixes, and files whose content agrees with their name or that the suffix's own reader explains
    better (a cut-short workbook, a PDF named .csv), are left to that reader.

    Raises
    ------
    UnsupportedFormatError
        A .xls file that is not an .xlsx workbook nor a text table.
    """
    suffix = path.suffix.lower()
    if suffix not in (*TEXT_SUFFIXES, *WORKBOOK_SUFFIXES, ".xls"):
        return suffix
    file = file or path.name
    with path.open("rb") as fh:
        head = fh.read(65536)
    fixed = path.with_suffix(".xlsx").name
    if head.startswith(b"PK\x03\x04"):
        # a zip named .csv is read as a workbook only when it holds one: else the text reader says what it is
        if suffix == ".xls" or suffix in TEXT_SUFFIXES and _holds_workbook(path):
            log.warning("%s", label("log_read_as_xlsx", lang, file=file, suffix=suffix, fixed=fixed))
            return ".xlsx"
        return suffix
    if suffix in TEXT_SUFFIXES:
        return suffix
    if head.startswith(_OLE):  # under .xlsx, read_xlsx says which of the two it is
        if suffix == ".xls":
            if _ENCRYPTED in path.read_bytes():
                raise UnsupportedFormatError(f"{path}: {label('err_xlsx_encrypted', lang)}.")
            raise UnsupportedFormatError(label("err_xls_binary", lang, path=path, fixed=fixed))
        return suffix
    text = _head_text(head)
    start = text.lstrip("\ufeff \t\r\n")[:4096].lower().encode("utf-8", "ignore")
    if start.startswith(_HTML_START) or start.startswith(b"<?xml") and b"<html" in start:
        return ".html"  # read_html_table reads its table, or refuses with the way to an .xlsx file
    if start.startswith(b"<?xml") and _SPREADSHEET_ML in start:
        raise UnsupportedFormatError(label("err_xls_xml", lang, path=path, suffix=suffix, fixed=fixed))
    if head and _looks_like_text(head):
        log.warning("%s", label("log_read_as_text", lang, file=file, suffix=suffix,
                                fixed=path.with_suffix(".csv").name))
        return ".csv"
    if suffix == ".xls":
        raise UnsupportedFormatError(label("err_xls_other", lang, path=path))
    return suffix  # read_xlsx says it is not an XLSX workbook


class _HtmlTables(HTMLParser):
    """The cells of every table of a web page: per table, its cells as (row, column, rows, columns, text), placed
    as a browser (and Excel, opening the page) places them around the cells that span rows and columns above."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[tuple[int, int, int, int, str]]] = []
        self._open: list[dict] = []  # the tables being read (a table inside a cell is one of its own)
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._open.append({"cells": [], "row": -1, "taken": set(), "col": 0})
            self._cell = None
        elif not self._open:
            return
        elif tag == "tr":
            table = self._open[-1]
            table["row"] += 1
            table["col"] = 0
        elif tag in ("td", "th"):
            table = self._open[-1]
            if table["row"] < 0:  # a cell without a <tr>
                table["row"] = 0
            given = dict(attrs)
            rows, cols = _span(given.get("rowspan")), _span(given.get("colspan"))
            r, c = table["row"], table["col"]
            while (r, c) in table["taken"]:  # a cell of a row above spans into this row
                c += 1
            table["taken"].update((r + i, c + j) for i in range(rows) for j in range(cols))
            table["col"] = c + cols
            self._cell = []
            table["cells"].append([r, c, rows, cols, self._cell])
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._cell = None
        elif tag == "table" and self._open:
            table = self._open.pop()
            self.tables.append([(r, c, rows, cols, " ".join("".join(text).split()))
                                for r, c, rows, cols, text in table["cells"]])
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _span(value: str | None) -> int:
    """A rowspan or colspan as a browser reads it: a whole number from 1 (what is not one is 1), at most 1000."""
    try:
        return min(max(int(str(value).strip()), 1), 1000)
    except ValueError:
        return 1


def _html_grid(cells: list[tuple[int, int, int, int, str]], *, across_from: int | None = None) -> list[list[object]]:
    """A table's cells as a grid, each spanning cell's text in every place it covers, as :func:`_grid` fills a
    sheet's merged ranges; from row ``across_from`` on (the body), a cell spanning columns only in its first."""
    if not cells:
        return []
    height = max(r + rows for r, _, rows, _, _ in cells)
    width = max(c + cols for _, c, _, cols, _ in cells)
    grid: list[list[object]] = [[None] * width for _ in range(height)]
    for r, c, rows, cols, text in cells:
        last = c + 1 if across_from is not None and r >= across_from else c + cols
        for i in range(r, r + rows):
            for j in range(c, last):
                grid[i][j] = text or None
    return grid


def _html_text(data: bytes) -> str:
    """A web page's text (NFC: windows-1258 decodes to letters and separate tone marks): by its byte-order mark, else
    the charset it declares, else UTF-8, else the legacy Vietnamese encoding it looks like."""
    return unicodedata.normalize("NFC", _html_decoded(data))


def _html_decoded(data: bytes) -> str:
    bom = bom_encoding(data)
    if bom is not None:
        return data.decode(bom, errors="replace").lstrip("\ufeff")
    declared = re.search(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", data[:4096], re.IGNORECASE)
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), errors="replace")
        except LookupError:  # a charset Python does not know: read as the rest are
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return decode_bytes(data, detect_encoding(data))


def read_html_table(path: Path, *, columns: dict[str, str] | None = None, wide: dict[str, str] | None = None,
                    file: str | None = None, lang: Lang = "en") -> Sheet:
    """The records table of a web page saved under a spreadsheet's name (web systems export "Excel" files so):
    the first of its tables with a header dxmap recognises, read as a sheet (cells spanning rows or columns as
    merged cells; row numbers are the table's rows, as Excel numbers them when it opens the page). Said once in
    the log with the file's name.

    Raises
    ------
    UnsupportedFormatError
        No table of the page has a header dxmap recognises: the way to an .xlsx file, where Excel or LibreOffice
        shows what the table holds.
    """
    file = file or path.name
    parser = _HtmlTables()
    try:
        parser.feed(_html_text(path.read_bytes()))
        parser.close()
    except (AssertionError, ValueError):  # html.parser gives up on some broken markup
        parser.tables = []
    for cells in parser.tables:
        grid = _html_grid(cells)
        head = _find_header(grid, columns, wide)
        if head is None:
            continue
        table = grid_sheet(grid[:head[3]] + _html_grid(cells, across_from=head[3])[head[3]:], columns=columns,
                           wide=wide, name=path.name)
        if table is None:
            continue
        first = int(table.rows.iloc[0]) if len(table.rows) else head[3] + 1
        log.warning("%s", label("log_read_as_html", lang, file=file, suffix=path.suffix.lower(), n=len(table.frame),
                                row=first))
        return table
    raise UnsupportedFormatError(label("err_xls_html", lang, path=path, suffix=path.suffix.lower(),
                                       fixed=path.with_suffix(".xlsx").name))


def _holds_workbook(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as z:
            return "xl/workbook.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _head_text(head: bytes) -> str:
    """The start of a file as text, for telling what it is: UTF-16 when it starts with that BOM (Excel's "Unicode
    Text"), else UTF-8 with what is not UTF-8 dropped."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head[: len(head) // 2 * 2].decode("utf-16", errors="ignore")
    return head.decode("utf-8", errors="ignore")


def _looks_like_text(head: bytes) -> bool:
    """Whether the start of a file is text a table can be read from (UTF-16 with its BOM, or bytes without a NUL
    and with few control characters, in any 8-bit encoding): the text reader reads it, or says why not."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    controls = sum(head.count(bytes([b])) for b in range(32) if b not in (9, 10, 12, 13, 26))
    return controls <= max(8, len(head) // 50)


def _workbook_source(path: Path) -> Path | io.BytesIO:
    """``path`` as openpyxl opens it: openpyxl refuses a workbook whose name does not end in .xlsx or .xlsm, which
    an .xlsx named .xls or .csv (:func:`read_as`) does not; its bytes are given instead."""
    return path if path.suffix.lower() in WORKBOOK_SUFFIXES else io.BytesIO(path.read_bytes())


def _uncached_formulas(path: Path, book: object, names: list[str]) -> dict[str, dict[tuple[int, int], Formula]]:
    """Per sheet, the formula cells whose value the workbook does not hold: (row, column) → :class:`Formula`
    (0-based positions, as in the grid).

    A workbook written by a program rather than saved by Excel can hold formulas without their
    results; read for their values (``book``), such cells look empty. The formulas are read only
    from workbooks whose sheets contain some.
    """
    import openpyxl

    with zipfile.ZipFile(path) as z:
        parts = [n for n in z.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        if not any(b"<f>" in xml or b"<f " in xml for xml in map(z.read, parts)):
            return {}
    formulas_book = openpyxl.load_workbook(_workbook_source(path), read_only=True, data_only=False)
    out: dict[str, dict[tuple[int, int], Formula]] = {}
    try:
        for name in names:
            ws = book[name]  # type: ignore[index]
            missing = {(c.row - 1, c.column - 1): Formula(f"{_letter(c.column)}{c.row}", str(c.value))
                       for row in formulas_book[name].iter_rows() for c in row
                       if getattr(c, "data_type", None) == "f" and ws.cell(c.row, c.column).value is None}
            if missing:
                out[name] = missing
    finally:
        formulas_book.close()
    return out


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_xlsx(path: Path, *, sheet: SheetChoice = None, columns: dict[str, str] | None = None,
              wide: dict[str, str] | None = None, encoding: str | None = None, file: str | None = None,
              lang: Lang = "en") -> list[Sheet]:
    """The records tables of a workbook: the sheet or sheets ``sheet`` names (a name or a number, or a list of
    them), or every visible sheet with a header dxmap recognises.

    Hidden sheets are read only when named (a warning names those that have a header). The caller
    decides which of the sheets hold records (:func:`dxmap.io.records.read_records`). Text typed
    with a legacy font (ABC, VNI) is repaired unless ``encoding="utf-8"``. Formula cells without a
    saved value are listed in each sheet's ``formulas``. What is wrong is said in ``lang``; ``file`` is how the log
    names the workbook (default its name).
    """
    import openpyxl

    file = file or path.name
    why = _not_a_workbook(path, lang)
    if why is not None:
        raise UnsupportedFormatError(f"{path}: {why}.")
    try:
        book = openpyxl.load_workbook(_workbook_source(path), data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for damaged files
        raise UnsupportedFormatError(label("err_xlsx_open", lang, path=path, error=exc)) from None
    names = list(book.sheetnames)
    chosen = _choose_sheet(path, names, sheet, lang)
    charts = [n for n in chosen if not hasattr(book[n], "iter_rows")]  # a chart on a sheet of its own: no cells
    if charts and sheet is not None:
        tables = [n for n in names if n not in charts and hasattr(book[n], "iter_rows")]
        raise SchemaError(label("err_chart_sheet", lang, path=path, sheet=repr(charts[0]),
                                names=preview_in(tables, lang, 10)))
    if charts:
        log.info("%s", label("log_chart_sheets", lang, file=file, n=len(charts), sheets=preview_in(charts, lang)))
        chosen = [n for n in chosen if n not in charts]
    hidden = [n for n in chosen if book[n].sheet_state != "visible"] if sheet is None else []
    try:
        uncached = _uncached_formulas(path, book, chosen)
    except Exception as exc:  # the values were read; a second look for formulas must not make the file unreadable
        log.debug("%s: formulas not checked (%s)", file, exc)
        uncached = {}
    found: list[Sheet] = []
    skipped: list[str] = []
    headless: list[str] = []  # sheets with text but no header: named in the log (QA61 16: "Hướng dẫn" unsaid)
    for name in chosen:
        values = list(book[name].iter_rows(values_only=True))  # read once: the header and the body fill it differently
        grid = _grid(book[name], values)
        head = _find_header(grid, columns, wide)
        in_head = 0  # cells of the header's rows decoded to find it: said once, with the body's (QA70 N9)
        if head is None and encoding != "utf-8":  # headers typed with a legacy font too
            typed = grid
            grid = _repair_grid(grid, encoding or "auto", file, name, only_if_better=True, quiet=True,
                                header=lambda t: header_score([t], columns, wide) > 0, lang=lang)
            head = _find_header(grid, columns, wide)
            if head is not None:
                in_head = sum(a is not None and a != b for old, new in zip(typed[:head[3]], grid[:head[3]])
                              for a, b in zip(old, new))
        table = None
        if head is not None:  # the header rows as found, the body with its merged ranges read as such
            if name in hidden:
                skipped.append(name)
                continue
            body = _grid(book[name], values, across_from=head[3])[head[3]:]
            if encoding != "utf-8":
                body = _repair_grid(body, encoding or "auto", file, name, also=in_head, lang=lang)
            table = grid_sheet(grid[:head[3]] + body, columns=columns, wide=wide, name=name,
                               uncached=uncached.get(name), across=_merged_across(book[name], head[3]))
        if table is not None:
            found.append(table)
        elif sheet is not None:
            raise SchemaError(label("err_sheet_no_header", lang, path=path, sheet=repr(name), n=SEARCH_ROWS))
        elif any(map(_text, (v for row in grid for v in row))):  # a sheet of text without a table: instructions
            headless.append(name)
    if not found:
        more = label("err_hidden_more", lang, names=preview_in(skipped, lang)) if skipped else ""
        raise SchemaError(label("err_no_sheet_header", lang, path=path, names=preview_in(names, lang, 10), more=more,
                                mapping=columns_example("status", lang),
                                wide=columns_example("lan", lang, option="wide")))
    if skipped:
        log.warning("%s", label("log_hidden_sheets", lang, file=file, n=len(skipped),
                                sheets=preview_in(skipped, lang)))
    if headless:
        log.info("%s", label("log_headless_sheets", lang, file=file, n=len(headless), sheets=preview_in(headless, lang),
                             rows=SEARCH_ROWS))
    return found

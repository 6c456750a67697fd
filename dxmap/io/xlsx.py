"""Spreadsheets as provinces make them: find the header under the title rows, read the body as text.

Works on a *grid* (rows of cell values): an XLSX sheet (merged cells filled with their top-left
value) or the lines of a text file exported from one ("Unicode Text", CSV with title rows). The
header is the first of the top 30 rows that names at least two schema columns or technologies;
a second header row under cells merged across columns is combined with it ("Đơn vị hành chính"
over "Mã xã | Tên xã"; "Di động (4G)" over "Có | Chưa có", whose cells are marked with "x"); a row of
column numbers under the header ("(1) (2) (3)…") is skipped.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dxmap._files import existing
from dxmap.errors import SchemaError, UnsupportedFormatError, preview
from dxmap.io.encodings import repair_frame
from dxmap.validate.schema import map_headers, schema_column, sub_status, wide_technology
from dxmap.validate.text import fold

__all__ = ["Sheet", "sheet_names", "read_xlsx", "grid_sheet", "header_score"]

log = logging.getLogger(__name__)

_SEARCH_ROWS = 30


@dataclass(frozen=True)
class Sheet:
    """A table as read: text cells (``""`` when empty) under unique header names, and where they came from.

    ``rows`` holds the row number a person sees for each body row (Excel row, or text-file line).
    ``sub_columns`` maps a sub-column's name to the technology header above it and the status it
    stands for (``"Di động (4G) / Có"`` → ``("Di động (4G)", "covered")``).
    """

    frame: pd.DataFrame
    rows: pd.Series
    sub_columns: dict[str, tuple[str, str]] = field(default_factory=dict)
    name: str | None = None


def sheet_names(path: str | os.PathLike[str]) -> list[str]:
    """The sheet names of an XLSX workbook, in order."""
    import openpyxl

    p = existing(path, "workbook")
    book = openpyxl.load_workbook(p, read_only=True)
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
    techs = {t for t in texts if t not in map_headers([t], columns) and (t in (wide or {}) or wide_technology(t))}
    return len(mapped) + len(techs)


_NUMBERING_RE = re.compile(r"^\(?\s*[0-9]{1,2}\s*\)?$|^\(?\s*[A-Za-z]\s*\)?$")


def _is_numbering(cells: list[object]) -> bool:
    """A row of column numbers under the header: "(1) (2) (3)…" or "A B C…"."""
    vals = [t for t in map(_text, cells) if t]
    return len(vals) >= 3 and all(_NUMBERING_RE.match(v) for v in vals)


def _is_technology(header: str, wide: dict[str, str] | None) -> bool:
    return bool(header) and (header in (wide or {}) or wide_technology(header) is not None)


def _combine(top: list[str], sub: list[str], wide: dict[str, str] | None) -> tuple[list[str], dict[str, tuple[str, str]]]:
    """Headers from two header rows, and the status sub-columns found under technology headers.

    Status sub-columns count only in a row whose every cell is empty, repeats the cell above (merged
    down), names a schema column or is such a status word, with at least two under each technology
    ("Có | Chưa có"); otherwise the row is the first body row of a wide sheet ("2692 | Có").
    """
    headers, subs, other = list(top), {}, False
    owner = ""  # the technology header a blank top cell belongs to (a merged cell exported as text)
    for j, (h, s) in enumerate(zip(top, sub)):
        if h:
            owner = h if _is_technology(h, wide) else ""
        if not s or s == h:
            continue
        parent = h or owner
        if schema_column(s) is not None and not _is_technology(h, wide):
            headers[j] = s
        elif parent and _is_technology(parent, wide) and (status := sub_status(s)) is not None:
            headers[j] = f"{parent} / {s}"
            subs[headers[j]] = (parent, status)
        else:
            other = True  # a label dxmap does not know, or a value
    parents = [p for p, _ in subs.values()]
    if subs and (other or any(parents.count(p) < 2 for p in parents)):
        return list(top), {}
    return headers, subs


def _unique(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for j, h in enumerate(headers):
        h = h or f"column {j + 1}"
        seen[h] = seen.get(h, 0) + 1
        out.append(h if seen[h] == 1 else f"{h} ({seen[h]})")
    return out


def _find_header(grid: list[list[object]], columns: dict[str, str] | None,
                 wide: dict[str, str] | None) -> tuple[int, list[str], dict[str, tuple[str, str]], int] | None:
    """(header row index, header names, sub-columns, first body row index); None without a header."""
    for i in range(min(len(grid), _SEARCH_ROWS)):
        if header_score(grid[i], columns, wide) < 2:
            continue
        width = max(len(r) for r in grid[i:i + 3])
        top = [_text(v) for v in grid[i]] + [""] * (width - len(grid[i]))
        headers, subs, body = top, {}, i + 1
        if body < len(grid):
            sub = [_text(v) for v in grid[body]] + [""] * (width - len(grid[body]))
            combined, found = _combine(top, sub, wide)
            if found or header_score(combined, columns, wide) > header_score(top, columns, wide):
                headers, subs, body = combined, found, body + 1
        if body < len(grid) and _is_numbering(grid[body]):
            body += 1
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
               first_row: int = 1, name: str | None = None) -> Sheet | None:
    """The table in ``grid`` below its header, or None when no row looks like a header.

    ``first_row`` is the row number a person sees for ``grid[0]`` (1 in a spreadsheet or a text file).
    Empty body rows are dropped; the others keep their row numbers.
    """
    head = _find_header(grid, columns, wide)
    if head is None:
        return None
    _, headers, subs, start = head
    width = len(headers)
    body = [[_cell_text(v) for v in (list(r[:width]) + [None] * (width - len(r)))] for r in grid[start:]]
    frame = pd.DataFrame(body, columns=headers, index=range(start, start + len(body)), dtype=object)
    frame = frame[frame.ne("").any(axis=1)] if len(frame) else frame
    return Sheet(frame, pd.Series(frame.index + first_row, index=frame.index), subs, name)


def _grid(ws, *, across_from: int | None = None) -> list[list[object]]:
    """The sheet's values with every merged range filled with its top-left value.

    From row index ``across_from`` on (the body), a range merged across columns keeps its value in its
    first column only: there it is a heading ("I. Huyện Bát Xát" across the table) or a label ("Tổng
    cộng" across the name columns), not a value of every column it covers.
    """
    grid = [list(r) for r in ws.iter_rows(values_only=True)]
    for rng in ws.merged_cells.ranges:
        value = ws.cell(rng.min_row, rng.min_col).value
        last_col = rng.min_col if across_from is not None and rng.min_row - 1 >= across_from else rng.max_col
        for r in range(rng.min_row - 1, min(rng.max_row, len(grid))):
            row = grid[r]
            for c in range(rng.min_col - 1, last_col):
                if c < len(row):
                    row[c] = value
    return grid


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
    raise SchemaError(f"{p}: no sheet named {sheet!r}; the workbook has {preview(names, 10)}. Pass one of them with sheet=.")


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


def read_xlsx(path: Path, *, sheet: str | int | None = None, columns: dict[str, str] | None = None,
              wide: dict[str, str] | None = None, encoding: str | None = None) -> Sheet:
    """The records table of a workbook: ``sheet``, or the first sheet with a header dxmap recognises.

    Text typed with a legacy font (ABC, VNI) is repaired unless ``encoding="utf-8"``.
    """
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for damaged files
        raise UnsupportedFormatError(f"{path}: cannot be opened as XLSX ({exc}). Open it in Excel and save it again as .xlsx.") from None
    names = list(book.sheetnames)
    found: list[Sheet] = []
    for name in _choose_sheet(path, names, sheet):
        grid = _grid(book[name])
        head = _find_header(grid, columns, wide)
        if head is None and encoding != "utf-8":  # headers typed with a legacy font too
            grid = _repair_grid(grid, encoding or "auto", path, name, only_if_better=True)
            head = _find_header(grid, columns, wide)
        table = None
        if head is not None:  # the header rows as found, the body with its merged ranges read as such
            body = _grid(book[name], across_from=head[3])[head[3]:]
            if encoding != "utf-8":
                body = _repair_grid(body, encoding or "auto", path, name)
            table = grid_sheet(grid[:head[3]] + body, columns=columns, wide=wide, name=name)
        if table is not None:
            found.append(table)
            if sheet is not None:
                break
        elif sheet is not None:
            raise SchemaError(f"{path}: sheet {name!r} has no header row dxmap recognises in its first {_SEARCH_ROWS} rows "
                              "(e.g. 'Mã xã', 'Tên thôn', 'Trạng thái', 'Mạng LAN chuẩn'). Map your headers with columns=.")
    if not found:
        raise SchemaError(f"{path}: no sheet has a header row dxmap recognises (sheets: {preview(names, 10)}). "
                          "Map your headers with columns={'status': 'Your header'}, or pass sheet=.")
    table = found[0]
    if len(found) > 1:
        log.warning("%s: %d sheets hold records (%s); reading %r only. Pass sheet= for another.",
                    path.name, len(found), preview([f.name for f in found]), table.name)
    first = int(table.rows.iloc[0]) if len(table.rows) else 0
    log.info("%s: sheet %r, %d data rows from row %d", path.name, table.name, len(table.frame), first)
    return table

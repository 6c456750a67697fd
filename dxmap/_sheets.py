"""Tables written for spreadsheets: CSV and XLSX that open as data, never as formulas, written atomically.

Every CSV or XLSX dxmap writes goes through :func:`write_csv` or :func:`write_xlsx`. Text from users
(names, notes, sources) reaches these files, and a spreadsheet runs a cell that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return as a formula (CSV injection, OWASP). So:

- CSV: such text cells get a leading apostrophe (``'=HYPERLINK(…)``), the OWASP rule; numbers stay
  numbers (only text cells are touched, and a text cell that is a plain number such as ``-5`` is left alone).
  Control characters (BEL, ESC…) become U+FFFD, as in XLSX.
- XLSX: no cell is ever stored as a formula or an error value (openpyxl would store text starting with
  ``=`` as a formula, ``#N/A`` as an error); the text is kept exactly. Control characters that XLSX
  cannot hold (BEL, ESC…) become U+FFFD.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from dxmap._files import atomic_write
from dxmap.errors import OutputFileError
from dxmap.labels import Lang, label

if TYPE_CHECKING:
    from openpyxl.cell import Cell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

__all__ = ["neutralise", "csv_text", "write_csv", "write_xlsx", "FORMULA_START"]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?%?$")
# XML 1.0 allows tab, newline and carriage return among the C0 controls; openpyxl refuses the rest.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Text that openpyxl would store as an error value, not as text.
_NOT_TEXT = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"})
_MAX_ROWS, _MAX_COLUMNS = 1_048_576, 16_384  # what an XLSX sheet holds


def _risky(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.match(value)


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells a spreadsheet would run as formulas start with an apostrophe.

    Only text cells change; numeric, boolean and date columns are returned as they are.

    >>> neutralise(pd.DataFrame({"name": ["=1+1", "Bát Xát", "-5"], "n": [-1, 2, 3]}))["name"].tolist()
    ["'=1+1", 'Bát Xát', '-5']
    """
    out = frame.copy()
    for col in out.columns:
        values = out[col]
        if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values) \
                or pd.api.types.is_datetime64_any_dtype(values):
            continue
        # Each cell as a plain object: a mapped Arrow text column that is all missing cannot be filled with False.
        cells = values.to_numpy(dtype=object, na_value=None)
        risky = np.fromiter(map(_risky, cells), dtype=bool, count=len(cells))
        control = values.astype("string").str.contains(_ILLEGAL_XML.pattern, regex=True).to_numpy(dtype=bool,
                                                                                                  na_value=False)
        if risky.any() or control.any():
            cells = cells.copy()
            # a BEL or ESC typed in a note would ring or drive the terminal that shows the file: U+FFFD, as in XLSX
            cells[control] = [_ILLEGAL_XML.sub("\ufffd", v) for v in cells[control]]
            cells[risky] = ["'" + v for v in cells[risky]]
            out[col] = pd.Series(cells, index=out.index, dtype=object)
    header = [("'" + str(c)) if _risky(str(c)) else c for c in out.columns]
    out.columns = header
    return out


def with_note(frame: pd.DataFrame, note: str | None, lang: Lang = "en") -> pd.DataFrame:
    """``frame`` with a last column "Dữ liệu" ("data" in English) holding ``note`` on every row (the demo's "DỮ LIỆU
    MINH HỌA": a row copied out of the table still says it); ``frame`` itself when ``note`` is None or empty."""
    return frame.assign(**{label("col_data", lang): note}) if note else frame


def csv_text(frame: pd.DataFrame) -> str:
    """``frame`` as CSV text, formulas neutralised (for ``--format csv`` on standard output)."""
    return _csv_ready(frame).to_csv(index=False, lineterminator="\n")


def write_csv(frame: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write ``frame`` as CSV (UTF-8 with BOM, for Excel), formulas neutralised, atomically."""
    with atomic_write(path, encoding="utf-8-sig") as fh:
        _csv_ready(frame).to_csv(fh, index=False, lineterminator="\n")
    return Path(path)


def _csv_ready(frame: pd.DataFrame) -> pd.DataFrame:
    # A carriage return inside a cell is not quoted by pandas' writer and would start a new row (whose first
    # cell a spreadsheet may run): line breaks in text become "\n", which is quoted.
    out = neutralise(frame)
    for col in out.columns:
        if out[col].dtype == object or isinstance(out[col].dtype, pd.StringDtype):
            out[col] = out[col].map(lambda v: v.replace("\r\n", "\n").replace("\r", "\n") if isinstance(v, str) else v)
    return out


def write_xlsx(sheets: Mapping[str, pd.DataFrame], path: str | os.PathLike[str], *, header: bool = True,
               freeze: Mapping[str, str] | None = None, autofilter: tuple[str, ...] = (),
               widths: Mapping[str, Mapping[str, float]] | None = None, date_format: str = "yyyy-mm-dd") -> Path:
    """Write one sheet per frame to ``path`` atomically; no cell is stored as a formula.

    Text cells hold the text exactly (control characters XLSX cannot hold become U+FFFD); numbers,
    booleans and dates keep their type; missing values and empty text are empty cells.

    Parameters
    ----------
    sheets
        Sheet name → frame, in order.
    header
        Write the column names as the first row.
    freeze
        Sheet name → top-left cell of the scrolling area (``"A2"`` keeps the header row in view).
    autofilter
        Sheets that get an autofilter over their data.
    widths
        Sheet name → column name → width in characters.
    date_format
        How a spreadsheet shows the date cells (an Excel number format): ``"dd/mm/yyyy"`` for Vietnamese
        readers. The cells stay dates whatever the format.

    Raises
    ------
    OutputFileError
        A frame has more rows or columns than an XLSX sheet holds; nothing is written.
    """
    # openpyxl's write-only mode streams the rows to the file: no worksheet of cells is built in memory
    # (as pandas' to_excel does) only to be walked again.
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    for name, frame in sheets.items():
        if len(frame) + header > _MAX_ROWS or frame.shape[1] > _MAX_COLUMNS:
            raise OutputFileError(
                f"{path}: sheet {name!r} would have {len(frame) + header:,} rows and {frame.shape[1]:,} columns; an "
                f"XLSX sheet holds at most {_MAX_ROWS:,} rows and {_MAX_COLUMNS:,} columns. Write it as .csv instead.")
    book = Workbook(write_only=True)
    for name, frame in sheets.items():
        ws = book.create_sheet(title=name)
        columns = list(frame.columns)
        # Widths, panes and the filter go into the file before the rows: set them first.
        for col, width in ((widths or {}).get(name) or {}).items():
            if col in columns:
                ws.column_dimensions[get_column_letter(columns.index(col) + 1)].width = width
        if freeze and name in freeze:
            ws.freeze_panes = freeze[name]
        last_row = len(frame) + header
        if name in autofilter and last_row > 1 and columns:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last_row}"
        if header and columns:
            ws.append([_cell(ws, c) for c in columns])
        values = [frame.iloc[:, i].to_numpy(dtype=object, na_value=None) for i in range(len(columns))]
        for row in zip(*values):
            ws.append([_cell(ws, v, date_format) for v in row])
    # made in memory, then written: a disk that fills up fails the write cleanly, where openpyxl's own zip file
    # would be left open and fail again when collected, printing a traceback after the one-line error (QA60 4)
    buffer = io.BytesIO()
    book.save(buffer)
    with atomic_write(path, "wb") as fh:
        fh.write(buffer.getbuffer())
    return Path(path)


def _cell(ws: WriteOnlyWorksheet, value: object, date_format: str = "yyyy-mm-dd") -> object:
    """One value as openpyxl should write it: None for nothing, text as text, numbers and dates as such."""
    if isinstance(value, str):
        value = _ILLEGAL_XML.sub("\ufffd", value)
        if value.startswith("=") or value in _NOT_TEXT:  # openpyxl would store a formula, an error value
            return _typed_cell(ws, value, data_type="s")
        return value or None
    if value is pd.NaT:  # a date column's missing value (to_numpy keeps it)
        return None
    if isinstance(value, float) and math.isinf(value):
        return str(value)  # "inf", as pandas writes it: a cell cannot hold an infinite number
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime) and value.time() != dt.time(0):
        return value  # a time of day: openpyxl's date-and-time format shows it
    if isinstance(value, dt.date):  # a day (a datetime at midnight too)
        return _typed_cell(ws, value, number_format=date_format)
    return value


def _typed_cell(ws: WriteOnlyWorksheet, value: object, **attributes: str) -> Cell:
    """A cell whose type or format is set here, not guessed by openpyxl from the value's look."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value)
    for name, setting in attributes.items():
        setattr(cell, name, setting)
    return cell

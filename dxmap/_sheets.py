"""Tables written for spreadsheets: CSV and XLSX that open as data, never as formulas, written atomically.

Every CSV or XLSX dxmap writes goes through :func:`write_csv` or :func:`write_xlsx`. Text from users
(names, notes, sources) reaches these files, and a spreadsheet runs a cell that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return as a formula (CSV injection, OWASP). So:

- CSV: such text cells get a leading apostrophe (``'=HYPERLINK(…)``), the OWASP rule; numbers stay
  numbers (only text cells are touched, and a text cell that is a plain number such as ``-5`` is left alone).
- XLSX: no cell is ever stored as a formula (openpyxl would store text starting with ``=`` as one); the
  text is kept exactly. Control characters that XLSX cannot hold (BEL, ESC…) become U+FFFD.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from dxmap._files import atomic_path, atomic_write

__all__ = ["neutralise", "csv_text", "write_csv", "write_xlsx", "FORMULA_START"]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?%?$")
# XML 1.0 allows tab, newline and carriage return among the C0 controls; openpyxl refuses the rest.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


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
        if risky.any():
            cells = cells.copy()
            cells[risky] = ["'" + v for v in cells[risky]]
            out[col] = pd.Series(cells, index=out.index, dtype=object)
    header = [("'" + str(c)) if _risky(str(c)) else c for c in out.columns]
    out.columns = header
    return out


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


def _xml_safe(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or isinstance(out[col].dtype, pd.StringDtype):
            out[col] = out[col].map(lambda v: _ILLEGAL_XML.sub("\ufffd", v) if isinstance(v, str) else v)
    out.columns = [_ILLEGAL_XML.sub("\ufffd", c) if isinstance(c, str) else c for c in out.columns]
    return out


def write_xlsx(sheets: Mapping[str, pd.DataFrame], path: str | os.PathLike[str], *, header: bool = True,
               freeze: Mapping[str, str] | None = None, autofilter: tuple[str, ...] = (),
               widths: Mapping[str, Mapping[str, float]] | None = None) -> Path:
    """Write one sheet per frame to ``path`` atomically; no cell is stored as a formula.

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
    """
    with atomic_path(path) as tmp:
        with pd.ExcelWriter(tmp, engine="openpyxl") as xw:
            for name, frame in sheets.items():
                safe = _xml_safe(frame)
                safe.to_excel(xw, sheet_name=name, index=False, header=header)
                ws = xw.sheets[name]
                for row in ws.iter_rows():
                    for cell in row:
                        if cell.data_type == "f":  # text that starts with "=": data, not a formula
                            cell.data_type = "s"
                if freeze and name in freeze:
                    ws.freeze_panes = freeze[name]
                if name in autofilter and ws.max_row > 1:
                    ws.auto_filter.ref = ws.dimensions
                for col, width in ((widths or {}).get(name) or {}).items():
                    if col in safe.columns:
                        letter = ws.cell(row=1, column=int(np.flatnonzero(safe.columns == col)[0]) + 1).column_letter
                        ws.column_dimensions[letter].width = width
    return Path(path)

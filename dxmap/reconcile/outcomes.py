"""Every record's outcome, for people: one line per input record, as CSV or XLSX (``dxmap check``).

Each line says where the record came from (file, row), its ``outcome`` (matched, unmatched,
ambiguous, duplicate, conflict, ignored), the unit it matched (code and name), how it matched
(code, name, location, crosswalk), the reason when it did not, and up to three suggested units
with a similarity score. The XLSX workbook adds a "summary" sheet with the counts per outcome and
per method.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pandas as pd

from dxmap._files import atomic_path, atomic_write
from dxmap.errors import UnsupportedFormatError
from dxmap.reconcile.match import Outcome, outcome_counts

__all__ = ["outcome_table", "write_outcomes", "format_outcomes"]

log = logging.getLogger(__name__)

_FRONT = ["file", "row", "outcome", "unit_id", "matched_commune_code", "matched_name", "method", "reason", "suggestions"]


def outcome_table(report: pd.DataFrame) -> pd.DataFrame:
    """The report with the outcome columns first, then the record as read; dates as YYYY-MM-DD.

    Exactly one row per row of ``report`` (one per input record), in the same order.
    """
    front = [c for c in _FRONT if c in report.columns]
    rest = [c for c in report.columns if c not in front]
    out = report[front + rest].copy()
    if "as_of" in out.columns:
        out["as_of"] = pd.to_datetime(out["as_of"]).dt.strftime("%Y-%m-%d")
    return out


def format_outcomes(report: pd.DataFrame) -> str:
    """``"6497 records: matched 6490, unmatched 3, …"`` plus a line with the matched records per method."""
    counts = outcome_counts(report)
    lines = [f"{len(report)} records: " + ", ".join(f"{k} {v}" for k, v in counts.items())]
    methods = report.loc[report["outcome"].eq(Outcome.MATCHED.value), "method"].value_counts()
    if len(methods):
        lines.append("matched by: " + ", ".join(f"{k} {v}" for k, v in methods.items()))
    return "\n".join(lines)


def _summary_sheet(report: pd.DataFrame) -> pd.DataFrame:
    counts = outcome_counts(report)
    rows = [{"what": "outcome", "value": k, "records": v} for k, v in counts.items()]
    methods = report.loc[report["outcome"].eq(Outcome.MATCHED.value), "method"].value_counts()
    rows += [{"what": "matched by", "value": str(k), "records": int(v)} for k, v in methods.items()]
    rows.append({"what": "total", "value": "", "records": len(report)})
    return pd.DataFrame(rows)


def _width(values: pd.Series, header: str) -> int:
    lengths = values.astype("string").fillna("").str.len()
    typical = int(lengths.quantile(0.9)) if len(lengths) else 0
    return min(60, max(8, len(header) + 2, typical + 2))


def write_outcomes(report: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write the per-record report as ``.csv`` (UTF-8 with BOM, for Excel) or ``.xlsx``, atomically."""
    p = Path(path)
    table = outcome_table(report)
    suffix = p.suffix.lower()
    if suffix == ".xlsx":
        with atomic_path(p) as tmp:
            with pd.ExcelWriter(tmp, engine="openpyxl") as xw:
                table.to_excel(xw, sheet_name="report", index=False)
                _summary_sheet(report).to_excel(xw, sheet_name="summary", index=False)
                ws = xw.sheets["report"]
                ws.freeze_panes = "A2"
                ws.auto_filter.ref = ws.dimensions
                for col, name in zip(ws.iter_cols(min_row=1, max_row=1), table.columns):
                    ws.column_dimensions[col[0].column_letter].width = _width(table[name], str(name))
    elif suffix in (".csv", ".txt"):
        with atomic_write(p, encoding="utf-8-sig") as fh:
            table.to_csv(fh, index=False, lineterminator="\n")
    else:
        raise UnsupportedFormatError(f"{p}: write the report as .csv or .xlsx.")
    log.info("wrote %s (%d rows)", p, len(table))
    return p

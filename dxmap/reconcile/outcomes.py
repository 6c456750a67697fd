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
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import numpy as np
import pandas as pd

from dxmap._sheets import write_csv, write_xlsx
from dxmap.errors import UnsupportedFormatError, preview
from dxmap.reconcile.districts import filled_districts, resolve_district
from dxmap.reconcile.match import Outcome, outcome_counts
from dxmap.validate.codes import normalise_code
from dxmap.validate.tables import require_path, require_table
from dxmap.validate.text import name_key, name_key_series

__all__ = ["outcome_table", "write_outcomes", "format_outcomes", "outcomes_in_district"]

log = logging.getLogger(__name__)

_FRONT = ["file", "row", "technology", "status", "outcome", "unit_id", "matched_commune_code", "matched_name", "method",
          "reason", "suggestions", "name_note"]


def outcome_table(outcomes: pd.DataFrame) -> pd.DataFrame:
    """The outcomes (:func:`reconcile`'s) with where each record came from and its outcome first, then the record
    as read; dates as YYYY-MM-DD (empty where a row has none).

    Exactly one row per row of ``outcomes`` (one per input record), in the same order.
    """
    front = [c for c in _FRONT if c in outcomes.columns]
    # ``reason`` says why a row was ignored or invalid: the reader's own two columns would repeat it
    rest = [c for c in outcomes.columns if c not in front and c not in ("ignore_reason", "problem")]
    out = outcomes[front + rest].copy()
    if "as_of" in out.columns:
        out["as_of"] = pd.to_datetime(out["as_of"]).dt.strftime("%Y-%m-%d")
    return out


def _methods(outcomes: pd.DataFrame) -> pd.Series:
    """Matched records per method."""
    return outcomes.loc[outcomes["outcome"].eq(Outcome.MATCHED.value), "method"].value_counts()


def _spelt_line(outcomes: pd.DataFrame) -> str:
    """One line for the matched records whose name the layer spells otherwise (their ``name_note``), "" when none:
    ``"2 matched by a name spelt differently from the layer: 'r.csv row 4 Nậm Bùng → Nậm Búng', …"``.

    Counted per file row (a wide sheet's technologies share the row's names); up to five shown.
    """
    if "name_note" not in outcomes.columns:
        return ""
    told = outcomes["outcome"].eq(Outcome.MATCHED.value) & outcomes["name_note"].fillna("").ne("")
    rows = outcomes[told.to_numpy(dtype=bool, na_value=False)]
    if rows.empty:
        return ""
    if {"file", "row"} <= set(rows.columns):
        rows = rows.drop_duplicates(["file", "row"])
        where = rows["file"].astype("string") + " row " + rows["row"].astype("string")
    else:
        where = "record " + pd.Series(rows.index, index=rows.index).astype("string")
    entry = pd.Series("", index=rows.index, dtype="string")
    for level in ("commune", "village"):
        layer = rows["name_note"].astype("string").str.extract(f"{level} name spelt '(.*?)' in the layer",
                                                              expand=False)
        given = rows[f"{level}_name"].astype("string") if f"{level}_name" in rows.columns else "?"
        part = (given + " → " + layer).fillna("")
        both = (entry.ne("") & part.ne("")).to_numpy(dtype=bool)
        entry += pd.Series(np.where(both, "; ", ""), index=rows.index, dtype="string") + part
    return f"{len(rows)} matched by a name spelt differently from the layer: {preview((where + ' ' + entry).tolist())}"


def format_outcomes(outcomes: pd.DataFrame) -> str:
    """``"6497 records: matched 6490, unmatched 3, …"``, a line with the matched records per method, and one with
    the matched records whose name the layer spells otherwise (``name_note``), when there are any."""
    counts = outcome_counts(outcomes)
    lines = [f"{len(outcomes)} records: " + ", ".join(f"{k} {v}" for k, v in counts.items())]
    methods = _methods(outcomes)
    if len(methods):
        lines.append("matched by: " + ", ".join(f"{k} {v}" for k, v in methods.items()))
    spelt = _spelt_line(outcomes)
    if spelt:
        lines.append(spelt)
    return "\n".join(lines)


def _summary_sheet(outcomes: pd.DataFrame) -> pd.DataFrame:
    """Records per outcome and per method, those with a ``name_note`` (names to correct), and the total."""
    counts = outcome_counts(outcomes)
    rows = [{"what": "outcome", "value": k, "records": v} for k, v in counts.items()]
    rows += [{"what": "matched by", "value": str(k), "records": int(v)} for k, v in _methods(outcomes).items()]
    if "name_note" in outcomes.columns:
        spelt = int(outcomes["name_note"].fillna("").ne("").sum())
        rows.append({"what": "name_note", "value": "name spelt otherwise in the layer", "records": spelt})
    rows.append({"what": "total", "value": "", "records": len(outcomes)})
    return pd.DataFrame(rows)


def _width(values: pd.Series, header: str) -> int:
    lengths = values.astype("string").fillna("").str.len()
    typical = int(lengths.quantile(0.9)) if len(lengths) else 0
    return min(60, max(8, len(header) + 2, typical + 2))


def write_outcomes(outcomes: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write every record's outcome as ``.csv`` (UTF-8 with BOM, for Excel) or ``.xlsx``, atomically.

    The cells hold what the records files held: text a spreadsheet would run as a formula is
    written as text (see :mod:`dxmap._sheets`).

    Parameters
    ----------
    outcomes
        The outcomes table of :func:`reconcile` (``Dataset.outcomes``), or some of its rows.
    path
        A ``.csv`` or ``.xlsx`` file; the XLSX workbook adds a "summary" sheet.

    Returns
    -------
    pathlib.Path
        ``path``.
    """
    require_table(outcomes, "outcomes", name="outcomes")
    require_path(path, name="path", fix="Call write_outcomes(outcomes, path).")
    p = Path(path)
    table = outcome_table(outcomes)
    suffix = p.suffix.lower()
    if suffix == ".xlsx":
        if len(table) > 20_000:  # some 6,000 rows of this table a second: say why the command waits
            log.info("writing %d rows to %s…", len(table), p.name)
        widths = {name: _width(table[name], str(name)) for name in table.columns}
        write_xlsx({"report": table, "summary": _summary_sheet(outcomes)}, p, freeze={"report": "A2"},
                   autofilter=("report",), widths={"report": widths})
    elif suffix in (".csv", ".txt"):
        write_csv(table, p)
    else:
        raise UnsupportedFormatError(f"{p}: write the outcomes as .csv or .xlsx.")
    log.info("wrote %s (%d rows)", p, len(table))
    return p


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

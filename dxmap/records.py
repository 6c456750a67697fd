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
``Ngày cập nhật``…); others are mapped with ``columns={"status": "Tình hình"}``.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pandas as pd

from dxmap._files import existing
from dxmap.codes import normalise_code
from dxmap.errors import SchemaError, StatusValueError, UnsupportedFormatError, preview
from dxmap.text import fold, nfc
from dxmap.vocab import Technology, parse_level, parse_status, parse_technology

__all__ = ["read_records", "RECORD_COLUMNS", "standardise_records"]

log = logging.getLogger(__name__)

RECORD_COLUMNS = (
    "level", "commune_code", "commune_name", "district_code", "district_name", "village_id", "village_name",
    "technology", "status", "as_of", "source", "note", "lon", "lat",
)

# Folded header spellings (lower case, no diacritics, single spaces) → schema column.
_HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "level": ("level", "cap", "cap don vi", "unit level", "loai don vi"),
    "commune_code": ("commune_code", "commune code", "ma xa", "ma xa/phuong", "ma don vi", "ma dvhc", "gso code", "code", "maxa"),
    "commune_name": ("commune_name", "commune", "commune name", "xa", "ten xa", "xa/phuong", "xa, phuong", "xa/phuong/thi tran",
                     "ten xa/phuong", "don vi cap xa", "tenxa"),
    "district_code": ("district_code", "district code", "ma huyen", "mahuyen"),
    "district_name": ("district_name", "district", "district name", "huyen", "ten huyen", "huyen/thi xa/thanh pho",
                      "huyen/thanh pho", "tenhuyen"),
    "village_id": ("village_id", "village id", "village code", "ma thon", "ma thon/ban", "mathon"),
    "village_name": ("village_name", "village", "village name", "thon", "ten thon", "thon/ban", "thon, ban", "ten thon/ban",
                     "thon/ban/to dan pho", "ban", "tenthon"),
    "technology": ("technology", "tech", "cong nghe", "loai ha tang", "ha tang", "dich vu", "loai", "infrastructure"),
    "status": ("status", "trang thai", "tinh trang", "hien trang", "ket qua", "coverage"),
    "as_of": ("as_of", "as of", "date", "ngay", "ngay cap nhat", "thoi diem", "ky bao cao", "ngay bao cao", "thoi gian"),
    "source": ("source", "nguon", "don vi bao cao", "nguon so lieu", "doanh nghiep", "nha mang"),
    "note": ("note", "notes", "ghi chu", "comment", "remarks"),
    "lon": ("lon", "lng", "long", "longitude", "kinh do", "x"),
    "lat": ("lat", "latitude", "vi do", "y"),
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
        ``.csv``/``.txt`` or ``.xlsx``/``.xlsm``.
    sheet
        XLSX sheet name or index; default the first sheet.
    columns
        Maps schema columns to the file's headers, e.g. ``{"status": "Tình hình phủ sóng"}``, for
        headers dxmap does not recognise.
    as_of
        Date for every record, when the file has no date column.
    encoding
        Text encoding of a CSV; default UTF-8 (a BOM is removed).

    Returns
    -------
    pandas.DataFrame
        The schema columns plus ``file`` and ``row`` (the row number a person sees in the file).
    """
    p = existing(path, "status records file")
    suffix = p.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        try:
            raw = pd.read_csv(p, dtype=str, keep_default_na=False, encoding=encoding or "utf-8-sig",
                              sep="\t" if suffix == ".tsv" else None, engine="python")
        except UnicodeDecodeError as exc:
            raise UnsupportedFormatError(
                f"{p}: not UTF-8 text ({exc.reason} at byte {exc.start}). Save it as 'CSV UTF-8' in Excel, "
                "or pass encoding= (CLI: --encoding) with the file's real encoding."
            ) from None
        rows = pd.Series(range(2, len(raw) + 2), index=raw.index)  # line 1 is the header
    elif suffix in (".xlsx", ".xlsm"):
        raw, rows = _read_xlsx(p, sheet, columns)
    else:
        raise UnsupportedFormatError(f"{p}: '{suffix}' is not a records format dxmap reads. Save it as .csv (UTF-8) or .xlsx.")
    return standardise_records(raw, columns=columns, as_of=as_of, where=str(p), rows=rows)


def _read_xlsx(p: Path, sheet: str | int | None, columns: dict[str, str] | None) -> tuple[pd.DataFrame, pd.Series]:
    try:
        book = pd.ExcelFile(p, engine="openpyxl")
    except Exception as exc:  # openpyxl raises several unrelated types for damaged files
        raise UnsupportedFormatError(f"{p}: cannot be opened as XLSX ({exc}). Open it in Excel and save it again as .xlsx.") from None
    if isinstance(sheet, str) and sheet not in book.sheet_names:
        raise SchemaError(f"{p}: no sheet named {sheet!r}; the workbook has {preview(book.sheet_names)}. Pass one of them with sheet=.")
    grid = book.parse(sheet if sheet is not None else 0, header=None, dtype=object)
    # Provincial workbooks put title rows above the header: take the first row with two known headers.
    header_idx = 0
    for i in range(min(len(grid), 20)):
        if len(_map_headers([h for h in grid.iloc[i].tolist() if pd.notna(h)], columns)) >= 2:
            header_idx = i
            break
    headers = [str(h).strip() if pd.notna(h) else f"column {j + 1}" for j, h in enumerate(grid.iloc[header_idx])]
    body = grid.iloc[header_idx + 1:].copy()
    body.columns = headers
    body = body.dropna(how="all").map(lambda v: "" if pd.isna(v) else _cell_text(v))
    return body, pd.Series(body.index + 1, index=body.index)  # the Excel row number a person sees


def _cell_text(value: object) -> str:
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


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
    text = df.astype("string").apply(lambda s: s.str.strip()).replace("", pd.NA)
    out = pd.DataFrame(index=df.index)
    for col in RECORD_COLUMNS:
        out[col] = text[col] if col in text.columns else pd.Series(pd.NA, index=df.index, dtype="string")
    for col in ("commune_name", "district_name", "village_name", "village_id", "source", "note"):
        out[col] = out[col].map(nfc, na_action="ignore").astype("string")
    out["commune_code"] = normalise_code(out["commune_code"], level="commune")
    out["district_code"] = normalise_code(out["district_code"], level="district")

    value_errors: list[str] = []
    try:
        out["technology"] = parse_technology(out["technology"], where=where, rows=rows)
    except StatusValueError as exc:
        value_errors.append(str(exc))
    try:
        out["status"] = parse_status(out["status"], where=where, rows=rows)
    except StatusValueError as exc:
        value_errors.append(str(exc))
    if value_errors:
        raise StatusValueError(" | ".join(value_errors))
    default_level = out["technology"].map(lambda t: Technology(t).level.value)
    given_level = out["level"].notna()
    out["level"] = default_level
    if given_level.any():
        out.loc[given_level, "level"] = parse_level(text.loc[given_level, "level"], where=where, rows=rows[given_level])

    dates = out["as_of"].fillna(as_of) if as_of is not None else out["as_of"]
    parsed = pd.to_datetime(dates, errors="coerce", format="mixed", dayfirst=False)
    bad = parsed.isna()
    if bad.any():
        raise SchemaError(
            f"{where}: {int(bad.sum())} row(s) without a valid date: "
            f"{preview([f'row {r}: {v!r}' for r, v in zip(rows[bad], dates[bad])])}. Write dates as YYYY-MM-DD."
        )
    out["as_of"] = parsed.dt.normalize()
    for col in ("lon", "lat"):
        num = pd.to_numeric(out[col].str.replace(",", ".", regex=False), errors="coerce")
        bad = out[col].notna() & num.isna()
        if bad.any():
            raise SchemaError(f"{where}: {col} is not a number in {preview([f'row {r}' for r in rows[bad]])}. Use decimal degrees (WGS84).")
        out[col] = num
    out.insert(0, "row", rows.astype(int).values)
    out.insert(0, "file", Path(where).name)
    log.info("%s: %d records (%s)", Path(where).name, len(out), ", ".join(f"{k}={v}" for k, v in out["technology"].value_counts().sort_index().items()))
    return out.reset_index(drop=True)

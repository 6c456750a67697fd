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
rows, heading rows and the signature block under the table ("Người lập biểu", "(Ký, ghi rõ họ tên)", the
signers' names) are kept with their reason in ``ignore_reason`` (reconciliation reports them as
``ignored``). Text in legacy encodings (TCVN3/ABC, VNI-Windows, cp1258) and UTF-16 ("Unicode Text" from
Excel) is decoded (see :mod:`dxmap.io.encodings`).

Nothing is dropped: a row that cannot be read as a record (an unknown status or technology word, an
impossible date, nothing that identifies the unit…) is kept with the reason in a ``problem`` column,
and reconciliation reports it as ``invalid``. Only problems of the whole file (unreadable, no status
column) raise. Words are matched without their diacritics ("chua co" is ``none``); a word whose
diacritics are not the word's ("chưa cố") is read the same, and one warning per file says so
(:func:`dxmap.validate.vocab.misspelt`).
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime as dt
import functools
import io
import logging
import os
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from dxmap._files import existing
from dxmap._sheets import FORMULA_START  # what dxmap's CSV guards with an apostrophe, read back without it
from dxmap.errors import ArgumentError, InputFileError, SchemaError, SnapshotDateError, UnsupportedFormatError
from dxmap.io.encodings import (LEGACY_ENCODINGS, bom_encoding, canonical_encoding, decode_bytes, detect_encoding,
                                 is_utf8, repair_text)
from dxmap.io.xlsx import (SEARCH_ROWS, Formula, Sheet, SheetChoice, columns_example, find_sheet, grid_sheet,
                           header_score, read_as, read_html_table, read_xlsx, search_end, sheet_names, sheets_asked)
from dxmap.labels import Lang, date_text, label, say
from dxmap.validate.codes import normalise_code
from dxmap.validate.dates import (DateOrder, parse_date, parse_dates, preview_in, reads_as_dates, rows_in,
                                  warn_excel_swaps)
from dxmap.validate.tables import check_lang, option, require_instance, require_path
from dxmap.validate.schema import (FORMER_COLUMNS, HEADER_ALIASES, RECORD_COLUMNS, about_connectivity, is_mark,
                                   map_headers, mentioned_technology, named_technology, names_operator, remark_twins,
                                   schema_column, wide_technology)
from dxmap.validate.text import commune_kind, fold, nfc, nfc_series, per_distinct
from dxmap.validate.vocab import (COVERAGE_ORDER, Status, Technology, accepted_words, excel_error, lookup_codes,
                                  own_words, said_status, two_statuses, version_word, word_value)

__all__ = ["read_records", "read_records_files", "RECORD_COLUMNS", "as_records",
           "sheet_names"]

log = logging.getLogger(__name__)

_ID_COLUMNS = ("commune_code", "commune_name", "district_code", "district_name", "village_id", "village_name")


def read_records(
    path: str | os.PathLike[str],
    *,
    sheet: SheetChoice = None,
    columns: dict[str, str] | None = None,
    as_of: str | None = None,
    encoding: str | None = None,
    date_order: DateOrder | str | None = None,
    wide: dict[str, str] | None = None,
    technology: Technology | str | None = None,
    status_words: dict[str, str] | None = None,
    name: str | None = None,
    lang: Lang = "en",
) -> pd.DataFrame:
    """Read status records from a CSV/text file (UTF-8, legacy or UTF-16) or an XLSX workbook.

    Parameters
    ----------
    path
        ``.csv``/``.txt``/``.tsv`` or ``.xlsx``/``.xlsm`` (or ``.xls`` holding either, or a web page's table:
        read by content).
    sheet
        XLSX sheet name (diacritics and case optional: ``"bat xat"`` finds "Bát Xát") or index (from 0), or a list
        of them (``["Bảo Yên", "Nghĩa Đô"]``): every sheet named is read, as a workbook's several sheets are; a name
        no sheet has is refused, listing the sheets. Default every visible sheet that holds records (a sheet of
        counts per commune, a cover sheet "Tổng hợp", is left out, said in the log, when other sheets are read).
    columns
        Maps schema columns to the file's headers, e.g. ``{"status": "Tình hình phủ sóng"}``, for
        headers dxmap does not recognise. Of a workbook's several sheets, each is read with the pairs whose header
        it has; a header no sheet has is refused.
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
    status_words
        Your own words for statuses, read before dxmap's: ``{"No signal": "none", "Đang thi công": "planned"}``
        (case, spacing and diacritics aside; a value is a status or a word dxmap reads as one).
    name
        How the ``file`` column and the log lines name the file; default its name. :func:`read_dataset` gives files
        of one name in two folders the folders that tell them apart ("d1/baocao.csv").
    lang
        The language of the ``problem`` and ``ignore_reason`` texts, of the log lines and of the errors
        that stop reading the file: ``"en"`` (default) or ``"vi"`` (for the people who correct the file).

    Returns
    -------
    pandas.DataFrame
        The schema columns plus ``file`` and ``row`` (the row number a person sees in the file),
        ``ignore_reason`` when the file has total, heading or empty rows and ``problem`` when some
        rows could not be read as records.
    """
    lang = check_lang(lang)
    loaded = _load(path, sheet=sheet, columns=columns, encoding=encoding, wide=wide, status_words=status_words,
                   name=name, lang=lang)
    own, wides = _columns_per_table(columns, [loaded], lang), _wide_per_table(wide, [loaded], lang)
    return _records_of(loaded, columns=own[0], as_of=as_of, date_order=date_order, wide=wides[0],
                       technology=_technology_per_table(technology, [loaded], own, wides, lang)[0],
                       status_words=status_words, lang=lang)[0]


def read_records_files(
    paths: list[str | os.PathLike[str]],
    *,
    names: list[str] | None = None,
    as_of: list[str | None] | None = None,
    sheet: SheetChoice = None,
    columns: dict[str, str] | None = None,
    encoding: str | None = None,
    date_order: DateOrder | str | None = None,
    wide: dict[str, str] | None = None,
    technology: Technology | str | None = None,
    status_words: dict[str, str] | None = None,
    lang: Lang = "en",
) -> tuple[list[pd.DataFrame], tuple[str, ...]]:
    """Several records files read with one set of options, as :func:`~dxmap.pipeline.read_dataset` reads them: one
    table of records per file, as :func:`read_records` reads it, and the names of the files whose dates were found
    written month first (``date_order`` not given): a date given later as an argument that reads as two days is then
    refused (:attr:`~dxmap.io.dataset.Dataset.month_first`).

    ``names`` and ``as_of`` hold each file's ``name`` and ``as_of`` (default: its own name; none). With several
    tables (files, or sheets of a workbook: each sheet is a table of its own), a header named in ``columns`` need
    not be in every table: each is read with the pairs whose header it has (a village sheet with 'Community' and a
    LAN sheet without), and the log says once per table which it lacks. A header that no table has is an error that
    lists every table's headers ("file › sheet" for a workbook's); every file is read up to its header first, so
    that this is said before what a table's shape lacks. One table alone is refused a header it lacks.

    So with ``sheet`` and several files: each workbook reads the sheets named that it has (one that has none of them
    is read whole, as without ``sheet``, said in the log); a sheet that no workbook has is refused, listing every
    workbook's sheets. One workbook alone is refused a sheet it lacks.
    """
    lang = check_lang(lang)
    names = list(names) if names is not None else [None] * len(paths)
    dates = list(as_of) if as_of is not None else [None] * len(paths)
    if len(names) != len(paths) or len(dates) != len(paths):
        raise ArgumentError(f"names, as_of: {len(names)} names and {len(dates)} dates for {len(paths)} files; give one "
                            "of each per file, in the order of paths, or leave them out.")
    loaded = [_load(p, sheet=sheet, columns=columns, encoding=encoding, wide=wide, status_words=status_words,
                    name=n, lang=lang, shared=len(paths) > 1) for p, n in zip(paths, names)]
    _check_sheets(sheet, loaded, lang)
    own = _columns_per_table(columns, loaded, lang)
    wides = _wide_per_table(wide, loaded, lang)
    techs = _technology_per_table(technology, loaded, own, wides, lang)
    read = [_records_of(one, columns=mine, as_of=d, date_order=date_order, wide=w, technology=t,
                        status_words=status_words, lang=lang)
            for one, mine, w, t, d in zip(loaded, own, wides, techs, dates)]
    return [frame for frame, _ in read], tuple(one.name for one, (_, found) in zip(loaded, read) if found)


@dataclass(frozen=True, eq=False)
class _Loaded:
    """A records file read up to its tables' headers, before its rows become records: each table (a sheet of a
    workbook, the body of a text file) with where its errors say it is and how its rows name the file."""

    name: str
    tables: list[tuple[Sheet, str, str]]
    sheets: list[str] | None = None  # a workbook read with sheet= among other files: its sheets' names
    asked: frozenset[int] = frozenset()  # … and which of the sheets asked for (their places in sheet=) it has

    @property
    def named(self) -> list[tuple[str, list[object]]]:
        """Each table as a message names it ("bieu.xlsx › LAN" when the file has several) and its headers."""
        several = len(self.tables) > 1
        return [(f"{self.name} › {t.name}" if several and t.name else self.name, list(t.frame.columns))
                for t, _, _ in self.tables]


def _check_sheets(sheet: SheetChoice, loaded: list[_Loaded], lang: Lang) -> None:
    """Refuse a sheet asked for that no workbook of several files has (as ``columns=`` a header no file has), listing
    each workbook's sheets; each workbook has read those it has (:func:`_workbook_tables`)."""
    asked = sheets_asked(sheet) or []
    books = [f for f in loaded if f.sheets is not None]
    nowhere = [one for i, one in enumerate(asked) if not any(i in f.asked for f in books)]
    if books and nowhere:
        each = "; ".join(f"{f.name}: {preview_in(f.sheets, lang, 10)}" for f in books)
        raise SchemaError(label("err_sheet_in_no_workbook", lang, sheets=preview_in(nowhere, lang), each=each))


def _has(headers: list[object], header: object) -> bool:
    """Whether a table's ``headers`` hold ``header`` (as :func:`_check_columns` compares them)."""
    return header in headers or str(header) in map(str, headers)


def _columns_per_table(columns: dict[str, str] | None, loaded: list[_Loaded],
                       lang: Lang) -> list[list[dict[str, str] | None]]:
    """Per file, each table's part of ``columns``: the pairs whose header it has (QA67 F5: a village sheet and a LAN
    sheet of different headers in one run, as files or as sheets of one workbook), the others said once per table;
    a header no table has is refused, every table's headers listed. One table alone is given all of ``columns``:
    what it lacks is refused by its own reading (:func:`_check_columns`)."""
    return _per_table(columns, "columns=", lambda key, header: header, [t for f in loaded for t in f.named], loaded,
                      lang)


def _wide_per_table(wide: dict[str, str] | None, loaded: list[_Loaded],
                    lang: Lang) -> list[list[dict[str, str] | None]]:
    """Per file, each table's part of ``wide``, as :func:`_columns_per_table` splits ``columns``: the headers it has
    (a long file and a LAN sheet that needs wide= in one run, QA72 K2); one table alone is given all of ``wide``:
    :func:`_wide_columns` refuses what it lacks."""
    tables = [(n, hs + [top for top, _ in t.sub_columns.values()])
              for f in loaded for (t, _, _), (n, hs) in zip(f.tables, f.named)]
    return _per_table(wide, "wide=", lambda header, technology: header, tables, loaded, lang)


def _per_table(pairs: dict[str, str] | None, option: str, header_of: Callable[[str, str], str],
               tables: list[tuple[str, list[object]]], loaded: list[_Loaded],
               lang: Lang) -> list[list[dict[str, str] | None]]:
    """``pairs`` (an option of header pairs, ``header_of`` naming each pair's header) split per table of ``tables``
    (name, headers), grouped per file of ``loaded``: each table the pairs whose header it has, the others said once
    per table; a header no table has refused, every table's headers listed."""
    if not pairs or len(tables) == 1:
        return [[pairs] * len(f.tables) for f in loaded]
    absent = [h for h in dict.fromkeys(header_of(k, v) for k, v in pairs.items())
              if not any(_has(hs, h) for _, hs in tables)]
    if absent:
        each = "; ".join(f"{n}: {preview_in([str(h) for h in dict.fromkeys(hs)], lang, 14)}" for n, hs in tables)
        raise SchemaError(label("err_columns_in_no_file", lang, option=option, names=preview_in(absent, lang),
                                headers=each))
    own = []
    for table, headers in tables:
        lacking = {k: v for k, v in pairs.items() if not _has(headers, header_of(k, v))}
        if lacking:
            log.info("%s", label("log_columns_not_here", lang, file=table,
                                 headers=preview_in([header_of(k, v) for k, v in lacking.items()], lang),
                                 mapping=", ".join(f"{option}{{{k!r}: {v!r}}}" for k, v in lacking.items())))
        own.append({k: v for k, v in pairs.items() if k not in lacking} or None)
    mine = iter(own)
    return [[next(mine) for _ in f.tables] for f in loaded]


def _load(path: str | os.PathLike[str], *, sheet: SheetChoice, columns: dict[str, str] | None,
          encoding: str | None, wide: dict[str, str] | None, status_words: dict[str, str] | None,
          name: str | None, lang: Lang, shared: bool = False) -> _Loaded:
    """The records file's tables under their headers (:class:`_Loaded`); what is wrong with the file as a whole
    (missing, a folder, no table, a boundary layer, only counts) raised here. ``shared``: one of several files, which
    reads the sheets asked for that it has (:func:`_check_sheets` refuses those none has)."""
    require_path(path, name="path", fix="Give one .csv, .txt or .xlsx file (several: dxmap.read_dataset(paths), which "
                                        "reads and reconciles them together); a table you hold goes through "
                                        "dxmap.as_records(table).")
    _require_mappings(columns=columns, wide=wide, status_words=status_words)
    _require_sheet(sheet)
    if not Path(path).exists():  # said in the reader's language (dxmap._files.existing says it in English)
        raise InputFileError(label("err_not_found", lang, path=Path(path), cwd=Path.cwd()))
    p = existing(path, "status records file")
    if p.is_dir():
        raise InputFileError(label("err_folder", lang, path=p))
    enc = canonical_encoding(encoding, lang=lang)
    require_instance(name, (str, type(None)), name="name", what="text", fix="Give the file's name as text, e.g. "
                     "name='d1/baocao.csv'.")
    if name is not None and not name.strip():
        raise ArgumentError("name: got an empty text. Give the file's name, e.g. name='d1/baocao.csv', or leave name= "
                            "out for its own.")
    name = name or p.name
    suffix = read_as(p, file=name, lang=lang)  # by content when the name lies (an .xlsx named .xls): said once
    if suffix in (".csv", ".txt", ".tsv"):
        table = _read_text(p, enc, tsv=suffix == ".tsv", columns=columns, wide=wide, name=name, lang=lang)
        if enc in (None, "auto"):
            table = _legacy_font_cells(table, columns, name, lang)
        return _Loaded(name, [(_no_counts(table, p, columns, wide, status_words, lang), str(p), name)])
    if suffix in (".xlsx", ".xlsm"):
        return _workbook(p, sheet, enc, columns=columns, wide=wide, status_words=status_words, name=name, lang=lang,
                         shared=shared)
    if suffix == ".html":  # a web page's table under a .xls name, as web systems export them
        table = read_html_table(p, columns=columns, wide=wide, file=name, lang=lang)
        return _Loaded(name, [(_no_counts(table, p, columns, wide, status_words, lang), str(p), name)])
    if suffix in _LAYER_KINDS:  # a layer given as records: where it goes, not "save it as .csv" (QA60 5)
        raise UnsupportedFormatError(f"{p}: " + label("err_geojson", lang, kind=_LAYER_KINDS[suffix]) + ".")
    raise UnsupportedFormatError(label("err_format", lang, path=p, suffix=suffix))


def _technology_per_table(technology: Technology | str | None, loaded: list[_Loaded],
                          columns: list[list[dict[str, str] | None]], wide: list[list[dict[str, str] | None]],
                          lang: Lang) -> list[list[Technology | str | None]]:
    """Per file, each table's ``technology``: with several tables, none for a table that has a technology column of
    its own (its records say theirs: a long file beside a LAN sheet, QA72 K2), said once per table. One table alone,
    or tables that all have one, are given it, and refused it (:func:`_shape_problems`)."""
    every = [[technology] * len(f.tables) for f in loaded]
    if technology is None or sum(len(f.tables) for f in loaded) == 1:
        return every
    own = [[[str(h) for h, field in map_headers([h for h in headers if h not in (w or {})], cols).items()
             if field == "technology"] for (_, headers), cols, w in zip(f.named, its_columns, its_wide)]
           for f, its_columns, its_wide in zip(loaded, columns, wide)]
    if all(mine for table in own for mine in table):
        return every
    given = f"technology={str(getattr(technology, 'value', technology))!r}"
    for f, table in zip(loaded, own):
        for (n, _), mine in zip(f.named, table):
            if mine:
                log.info("%s", label("log_own_technology", lang, file=n, columns=preview_in(mine, lang), given=given))
    return [[None if mine else technology for mine in table] for table in own]


def _records_of(loaded: _Loaded, *, columns: list[dict[str, str] | None], as_of: str | None,
                date_order: DateOrder | str | None, wide: list[dict[str, str] | None],
                technology: Technology | str | None | list[Technology | str | None],
                status_words: dict[str, str] | None, lang: Lang) -> tuple[pd.DataFrame, bool]:
    """The records of a file's tables, each read with its ``columns`` (:func:`_columns_per_table`), ``wide``
    (:func:`_wide_per_table`) and ``technology`` (one for all, or one per table: :func:`_technology_per_table`),
    in one table (several sheets: ``file`` says which sheet each row is on); and whether the dates of any of them
    were found written month first."""
    techs = technology if isinstance(technology, list) else [technology] * len(loaded.tables)
    frames = [_standardise(t, where=where, file_label=shown, columns=mine, as_of=as_of, date_order=date_order,
                           wide=its_wide, technology=its_tech, status_words=status_words, lang=lang)
              for (t, where, shown), mine, its_wide, its_tech in zip(loaded.tables, columns, wide, techs)]
    month_first = any(found for _, found in frames)
    return (pd.concat([f for f, _ in frames], ignore_index=True) if len(frames) > 1 else frames[0][0]), month_first


_LAYER_KINDS = {".geojson": "GeoJSON", ".gpkg": "GeoPackage", ".shp": "Shapefile", ".kml": "KML", ".kmz": "KMZ",
                ".fgb": "FlatGeobuf", ".gml": "GML"}


def _workbook(p: Path, sheet: SheetChoice, enc: str | None, *, columns: dict[str, str] | None,
              wide: dict[str, str] | None, status_words: dict[str, str] | None, name: str, lang: Lang,
              shared: bool) -> _Loaded:
    """A workbook's tables (:func:`_workbook_tables`). ``shared`` (one of several files, with ``sheet``): the sheets
    named that it has, every sheet when it has none of them (said in the log); :class:`_Loaded` says which it has."""
    asked, names = sheets_asked(sheet), None
    if shared and asked:
        try:
            names = sheet_names(p)
        except Exception:  # openpyxl raises several types for damaged files: read_xlsx says what is wrong, in lang
            names = None
    if names is None:
        return _Loaded(name, _workbook_tables(p, sheet, enc, columns=columns, wide=wide, status_words=status_words,
                                              name=name, lang=lang))
    here = {i: find_sheet(names, one) for i, one in enumerate(asked)}
    mine = list(dict.fromkeys(s for s in here.values() if s is not None))
    lacking = [asked[i] for i, s in here.items() if s is None]
    if not mine:
        log.warning("%s", label("log_sheets_none_here", lang, file=name, sheets=preview_in(lacking, lang),
                                names=preview_in(names, lang, 10)))
    elif lacking:
        log.info("%s", label("log_sheets_not_here", lang, file=name, sheets=preview_in(lacking, lang),
                             read=preview_in(mine, lang)))
    tables = _workbook_tables(p, mine or None, enc, columns=columns, wide=wide, status_words=status_words, name=name,
                              lang=lang)
    return _Loaded(name, tables, names, frozenset(i for i, s in here.items() if s is not None))


def _workbook_tables(p: Path, sheet: SheetChoice, enc: str | None, *, columns: dict[str, str] | None,
                     wide: dict[str, str] | None, status_words: dict[str, str] | None, name: str,
                     lang: Lang) -> list[tuple[Sheet, str, str]]:
    """Every sheet of the workbook that holds records (or those named), with where its errors say it is and how
    its rows name the file.

    A sheet holds records when it has a status column or technology columns; other sheets with a
    header (a list of communes, say) are named in the log. A sheet of counts per unit (a cover sheet "Tổng hợp":
    :func:`_counts_column`) is left out, said in the log, when other sheets are read; a workbook whose sheets read
    are all counts is refused. With several sheets read, ``file`` says which sheet each row is on:
    ``"bieu.xlsx [Bát Xát]"``.
    """
    tables = read_xlsx(p, sheet=sheet, columns=columns, wide=wide, encoding=enc, file=name, lang=lang)
    holding = [t for t in tables if _holds_records(t, columns, wide)] or tables[:1]
    others = [t.name for t in tables if t not in holding]  # Sheet compares by identity (eq=False)
    if others:
        log.info("%s", label("log_no_records_sheets", lang, file=name, n=len(others),
                             sheets=preview_in(others, lang)))
    counts = [(t, found) for t in holding if (found := _counts_column(t, columns, wide, status_words))]
    if counts and len(counts) == len(holding):  # nothing but counts: no record to read (QA71 C6)
        (column, values), n = counts[0][1], len(counts)
        raise SchemaError(label("err_counts_sheet", lang, path=p, n=n, sheets=preview_in([t.name for t, _ in counts],
                                lang), column=repr(column), values=preview_in(values, lang, quoted=False)))
    for t, (column, values) in counts:  # a cover sheet beside the units' sheets: its counts are no statuses
        log.warning("%s", label("log_counts_sheet", lang, file=name, sheet=repr(t.name), column=repr(column),
                                values=preview_in(values, lang, quoted=False)))
    holding = [t for t in holding if not any(t is c for c, _ in counts)]
    several = len(holding) > 1
    if several:
        log.info("%s", label("log_sheets_read", lang, file=name, n=len(holding),
                             sheets=preview_in([t.name for t in holding], lang)))
    found = []
    for t in holding:
        first = int(t.rows.iloc[0]) if len(t.rows) else 0
        log.info("%s", label("log_sheet_rows", lang, file=name, sheet=repr(t.name), n=len(t.frame), row=first))
        # errors name the sheet of a workbook of several (or one asked for: QA70 N9), rows only of several read
        where = (label("log_where_sheet", lang, file=p, sheet=repr(t.name)) if several or sheet is not None
                 or len(tables) > 1 else str(p))
        found.append((t, where, f"{name} [{t.name}]" if several else name))
    return found


# A header that says its column counts: "Di động (chưa có)", "Số thôn chưa có cáp quang", "Tổng", "Count" (folded)
_COUNT_HEADER_RE = re.compile(r"\b(?:chua co|so|so luong|tong|count|number|total)\b")


def _counts_column(sheet: Sheet, columns: dict[str, str] | None, wide: dict[str, str] | None,
                   status_words: dict[str, str] | None) -> tuple[str, list[int]] | None:
    """The first column of statuses (a technology's, or the status column) that holds counts, not a status per unit,
    and its distinct counts above 1; None when no column does.

    A column counts when every cell with text is a whole number and several distinct ones are above 1 (one is
    enough under a header that says it counts: "Di động (chưa có)", "Số …", "Tổng …"): 1 and 0 alone are a sheet's
    yes and no, never counts. Numbers given as status words (``status_words``) are statuses.
    """
    own = {fold(str(w)) for w in (status_words or {})}
    headers = [h for h in sheet.frame.columns if h not in sheet.sub_columns]
    mapped = map_headers(headers, columns)
    for h in headers:
        if not (h in (wide or {}) or wide_technology(str(h)) or mapped.get(h) == "status"):
            continue
        if not _whole_numbers(sheet.frame[h].head(200)):  # a national file's statuses: its first cells say no
            continue
        cells = sheet.frame[h].astype("string").str.strip()
        cells = cells[cells.fillna("") != ""]
        if cells.empty or not _whole_numbers(cells) or own.intersection(cells):
            continue
        above = sorted({int(v) for v in cells if int(v) > 1})
        if len(above) > 1 or (above and _COUNT_HEADER_RE.search(fold(str(h)))):
            return str(h), above
    return None


def _whole_numbers(cells: pd.Series) -> bool:
    """Whether every cell with text is a whole number (none with text: True)."""
    text = cells.astype("string").str.strip()
    return bool(text[text.fillna("") != ""].str.fullmatch(r"[0-9]{1,9}").all())


def _no_counts(table: Sheet, p: Path, columns: dict[str, str] | None, wide: dict[str, str] | None,
               status_words: dict[str, str] | None, lang: Lang) -> Sheet:
    """``table`` (a text file's, a web page's), refused when it holds counts per unit (:func:`_counts_column`)."""
    found = _counts_column(table, columns, wide, status_words)
    if found is not None:
        raise SchemaError(label("err_counts_file", lang, path=p, column=repr(found[0]),
                                values=preview_in(found[1], lang, quoted=False)))
    return table


def _holds_records(sheet: Sheet, columns: dict[str, str] | None, wide: dict[str, str] | None) -> bool:
    headers = [h for h in sheet.frame.columns if h not in sheet.sub_columns]
    if sheet.sub_columns or any(h in (wide or {}) or wide_technology(str(h)) for h in headers):
        return True
    return "status" in map_headers(headers, columns).values()


# --- text files ------------------------------------------------------------------------------------

def _read_text(p: Path, enc: str | None, *, tsv: bool, columns: dict[str, str] | None,
               wide: dict[str, str] | None, name: str, lang: Lang = "en") -> Sheet:
    """The file's cells as text ("" for an empty cell) under its header.

    A file whose first line is its header goes to pyarrow's CSV reader through pandas (fast on
    national files); when its lines are not one row each (blank lines, line breaks inside quoted
    cells), Python's csv module says which line each row starts on, so that every row keeps the line
    a person sees. A file pyarrow refuses (rows with more or fewer cells than the header) is split
    by the csv module, and such rows are reported on their line. A sheet saved as text, with title
    rows or a two-row header above the body, is read as a spreadsheet grid
    (:func:`dxmap.io.xlsx.grid_sheet`). What is wrong with a row is said in ``lang``.
    """
    data, lines = _csv_utf8(p, enc, name, lang)
    head = data[:65536]
    if not head.strip():
        raise UnsupportedFormatError(label("err_empty", lang, path=p))
    head_text = head.decode("utf-8", errors="ignore")
    sep = "\t" if tsv else _delimiter(head_text, columns, wide)
    cells = _cells(head_text, sep)
    top = grid_sheet(cells[:search_end(cells) + 2], columns=columns, wide=wide)  # a header may take three rows
    frame = None
    if top is None or top.head == (1,):  # the header is line 1, alone
        try:
            frame = pd.read_csv(io.BytesIO(data), engine="pyarrow", dtype=str, keep_default_na=False, sep=sep)
        except Exception as exc:  # pyarrow's errors are of several types; the csv module reads the file line by line
            log.debug("%s", label("log_pyarrow", lang, file=name, error=exc))
        else:
            if len(frame) + 1 == lines:  # one row per line: row k is on line k + 1
                return Sheet(frame, pd.Series(range(2, len(frame) + 2), index=frame.index))
    text = data.decode("utf-8")
    cells, starts, ends = _rows_and_lines(text, sep, p, lang)
    if frame is not None:  # blank lines or line breaks in cells: Arrow's rows, on the lines they start on
        kept = [(start, end) for row, start, end in zip(cells, starts, ends) if row]
        if len(kept) == len(frame) + 1:
            spanning = {k - 1: (start, end) for k, (start, end) in enumerate(kept) if k and end > start}
            runaway = _runaway_quotes(frame.loc[list(spanning)], spanning, sep, lang) if spanning else {}
            return Sheet(frame, pd.Series([start for start, _ in kept[1:]], index=frame.index), notes=runaway)
    table = grid_sheet(cells, columns=columns, wide=wide, lines=starts, first_line_header=top is None)
    if table is None:  # the first line is blank or empty
        raise UnsupportedFormatError(label("err_no_header_line", lang, path=p))
    spanning = {i: (starts[i], ends[i]) for i in table.frame.index if ends[i] > starts[i]}
    runaway = _runaway_quotes(table.frame.loc[list(spanning)], spanning, sep, lang) if spanning else {}
    if runaway:
        table = dataclasses.replace(table, notes={**table.notes, **runaway})
    # the header's first line (not the line of column numbers "(1) (2) …" under it, QA39 L1)
    header = table.head[0] if table.head else int(table.rows.iloc[0]) - 1 if len(table.rows) else 1
    if header > 1 or table.sub_columns:
        log.info("%s", label("log_header_line", lang, file=name, line=header, n=len(table.frame)))
    return table


# a cell of Latin-1 only, with a symbol or a letter Vietnamese never writes: what text typed with a legacy font
# (TCVN3/ABC, VNI) looks like once saved as UTF-8 ("B¸t X¸t", "Baét Xaùt" has its "é"… but "Laøo" its "ø"); proper
# Vietnamese has letters beyond Latin-1 ("Bản") or only those Latin-1 shares with it ("Hòa", "Lào")
_LATIN1_ONLY = r"^[\x00-\xff]*$"
_NOT_VIETNAMESE = ("[\x80-\xbf\xc4-\xc7\xcb\xce-\xd1\xd6-\xd8\xdb\xdc\xde\xdf"
                   "\xe4-\xe7\xeb\xee-\xf1\xf6-\xf8\xfb\xfc\xfe\xff]")


def _legacy_font_cells(sheet: Sheet, columns: dict[str, str] | None, name: str, lang: Lang) -> Sheet:
    """Names typed with a legacy Vietnamese font in a UTF-8 text file ("B¸t X¸t", from a sheet in .VnTime saved as
    CSV UTF-8) read as the font meant them ("Bát Xát") where that reads more like Vietnamese, as a workbook's are
    (QA61 9: they were unmatched, with suggestions of other communes); said once. Only the name columns (what is
    matched), and in them the few cells that look so, each distinct value once."""
    frame, changed = sheet.frame, 0
    names = [h for h, f in map_headers(list(frame.columns), columns).items()
             if f in ("commune_name", "district_name", "village_name")]
    out = {}
    for col in names:
        text = frame[col].astype("string")
        looks = text.str.contains(_NOT_VIETNAMESE).fillna(False).to_numpy(dtype=bool)
        if not looks.any():
            continue
        looks[looks] = text[looks].str.fullmatch(_LATIN1_ONLY).fillna(False).to_numpy(dtype=bool)
        if not looks.any():
            continue
        distinct = pd.Series(pd.unique(text[looks].to_numpy(dtype=object)), dtype=object)
        fixed = dict(zip(distinct, repair_text(distinct, "auto", only_if_better=True, lang=lang)))
        new = text.copy()
        new[looks] = text[looks].map(fixed)
        changed += int((new[looks] != text[looks]).sum())
        out[col] = new.astype(frame[col].dtype) if frame[col].dtype != object else new.astype(object)
    if not changed:
        return sheet
    log.warning("%s", label("log_redecoded_text", lang, file=name, n=changed))
    return dataclasses.replace(sheet, frame=frame.assign(**{str(c): v for c, v in out.items()}))


def _runaway_quotes(frame: pd.DataFrame, spans: dict[int, tuple[int, int]], sep: str,
                    lang: Lang = "en") -> dict[int, str]:
    """Rows with a cell that swallowed whole lines of the file: a quote that opens a cell and is never
    closed takes every line up to the next quote into that cell. A line break inside a quoted cell is
    fine; a line inside it with as many separators as a row has is not. ``spans``: each row's first and last
    line, for the reason to name the lines swallowed (QA60 2: they were lost without their numbers)."""
    out: dict[int, str] = {}
    enough = max(1, len(frame.columns) - 1)
    for col in frame.columns:
        cells = frame[col]
        multi = cells[cells.str.contains("\n", regex=False)]
        for idx, cell in multi.items():
            if idx not in out and any(line.count(sep) >= enough for line in cell.split("\n")[1:]):
                first, last = spans[idx]
                out[idx] = label("row_open_quote", lang, column=repr(col), line=first, n=last - first,
                                 lines=f"{first + 1}–{last}" if last > first + 1 else str(last))
    return out


def _rows_and_lines(text: str, sep: str, p: Path, lang: Lang = "en") -> tuple[list[list[str]], list[int], list[int]]:
    """The rows of a text table as cells, the line each row starts on and the line it ends on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    rows, starts, ends, line = [], [], [], 1
    try:
        for row in reader:
            rows.append(row)
            starts.append(line)
            ends.append(reader.line_num)
            line = reader.line_num + 1
    except csv.Error as exc:
        raise UnsupportedFormatError(label("err_quote_open", lang, path=p, line=line, error=exc)) from None
    return rows, starts, ends


def _cells(text: str, sep: str) -> list[list[str]]:
    """The lines of a text table as cells, for finding its header; [] when the csv module cannot split them."""
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    except csv.Error:
        return []


def _line_count(data: bytes) -> int:
    """The lines of ``data`` up to its last one with text (line breaks at the end make no row)."""
    end = len(data)
    while end and data[end - 1] in (10, 13):
        end -= 1
    return data.count(b"\n", 0, end) + 1 if end else 0


def _not_text(data: bytes, lang: Lang = "en") -> str | None:
    """What a file that cannot be a text table is, said for people in ``lang``; None for text."""
    head = data[:65536]
    start = head.removeprefix(codecs.BOM_UTF8).lstrip()
    if head.startswith(b"PK\x03\x04"):
        return label("err_zip", lang)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return label("err_ole", lang)
    if head.startswith(b"%PDF"):
        return label("err_pdf", lang)
    if head.startswith(b"SQLite format 3\x00"):
        return label("err_sqlite", lang)
    if start[:1] in (b"{", b"[") and any(k in head for k in (b'"FeatureCollection"', b'"Feature"', b'"coordinates"')):
        return label("err_geojson", lang, kind="GeoJSON")
    if start[:1] in (b"{", b"["):
        return label("err_json", lang)
    if start.startswith(b"<?xml") or b"<kml" in head[:1024]:
        return label("err_xml", lang)
    if b"\x00" in head:
        return label("err_nul", lang, byte=head.index(0))
    controls = sum(head.count(bytes([b])) for b in range(32) if b not in (9, 10, 12, 13, 26))
    if controls > max(8, len(head) // 50):
        return label("err_controls", lang, n=controls, size=len(head))
    return None


def _csv_utf8(p: Path, enc: str | None, name: str, lang: Lang = "en") -> tuple[bytes, int]:
    """The file's text as UTF-8 bytes without a BOM (decoded from UTF-16 or its legacy encoding when it
    is not UTF-8), read once; the number of lines."""
    data = p.read_bytes()
    bom = bom_encoding(data)
    if (bom is None or bom == "utf-8-sig") and enc in (None, "auto", "utf-8"):  # a named encoding is the user's word
        why = _not_text(data, lang)
        if why is not None:
            raise UnsupportedFormatError(f"{p}: {why}.")
    if enc is None or enc == "auto":
        if bom is not None and bom != "utf-8-sig":
            log.info("%s", label("log_utf16", lang, file=name, bom=bom.upper()))
            try:
                text = data.decode(bom).encode("utf-8")
            except UnicodeDecodeError as exc:  # a BOM, then bytes that are not that encoding (cut short, say)
                raise UnsupportedFormatError(label("err_bom", lang, path=p, bom=bom.upper(),
                                                   at=_at_byte(exc, lang))) from None
            return text, _line_count(text)
        try:
            data.decode("utf-8")
            text = data.removeprefix(codecs.BOM_UTF8)
            return text, _line_count(text)
        except UnicodeDecodeError as exc:
            if (odd := _mixed_encodings(data)) is not None:
                raise UnsupportedFormatError(label("err_mixed_encodings", lang, path=p, n=odd[0],
                                                   lines=rows_in(odd[1], lang, 5))) from None
            # bytes that read as Vietnamese are a legacy font's, others Western text (cp1252: Excel's "CSV" on
            # Windows outside Vietnam, QA67 F1, once read as VNI); a BOM of UTF-8 before them is neither
            if enc is None and detect_encoding(data) not in (*LEGACY_ENCODINGS, "cp1252", "latin-1"):
                raise UnsupportedFormatError(label("err_not_utf8", lang, path=p, at=_at_byte(exc, lang))) from None
        found = detect_encoding(data)
        log.warning("%s", label("log_detected", lang, file=name, encoding=found))
        text = decode_bytes(data, found).encode("utf-8")
        return text, _line_count(text)
    if enc in LEGACY_ENCODINGS and not data.isascii() and is_utf8(data):
        log.warning("%s", label("log_utf8_given", lang, file=name, given=repr(enc), encoding=enc))
    try:
        text = decode_bytes(data, enc).lstrip("\ufeff").encode("utf-8")
    except UnicodeError as exc:  # UnicodeDecodeError names the byte
        raise UnsupportedFormatError(label("err_not_encoding", lang, path=p, encoding=enc,
                                           at=_at_byte(exc, lang))) from None
    return text, _line_count(text)


def _mixed_encodings(data: bytes) -> tuple[int, list[int]] | None:
    """For a file that is not UTF-8 as a whole: the number of its lines of Vietnamese in UTF-8 and those of the lines
    that are not UTF-8, when it has both (a sheet edited in two programs: QA60 11, decoding the whole file as the
    legacy encoding garbled its UTF-8 lines, and "có" became a word offered as "none"); None otherwise."""
    utf8, odd = 0, []
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            odd.append(number)
        else:
            utf8 += any(ord(c) > 0xFF for c in text)  # Vietnamese letters beyond Latin-1: no legacy byte pair is
    return (utf8, odd) if utf8 and odd else None


def _at_byte(exc: UnicodeError, lang: Lang) -> str:
    """Where decoding failed, when the error says: " (invalid start byte at byte 7)"; else ""."""
    return label("log_at_byte", lang, reason=exc.reason, byte=exc.start) if isinstance(exc, UnicodeDecodeError) else ""


def _delimiter(text: str, columns: dict[str, str] | None = None, wide: dict[str, str] | None = None) -> str:
    """The field delimiter: the one under which a line of the first ones names the most of dxmap's columns and has
    a line of cells under it (its header, read as dxmap reads headers: "Xã, phường" in a ;-separated header does not
    decide, nor does a comma file's line pasted into a semicolon file, quoted or not: QA46, where csv.Sniffer took
    such lines' commas; nor a title or legend that lists column words: QA49); on a tie, the one that splits the most
    of the first 20 lines alike into two cells or more, quotes read; a comma when none splits a line."""
    lines = [line for line in text.splitlines() if any(ch.isalnum() for ch in line)]  # not ";;;" nor blank
    best, score = ",", (0, 0, 0)
    for sep in ",;\t|":
        rows = _cells("\n".join(lines[:SEARCH_ROWS + 1]), sep)
        # a header has a row of cells under it: not a title or a legend that lists column words (QA49)
        named = max((header_score(row, columns, wide) for row, below in zip(rows, rows[1:]) if len(below) > 1),
                    default=0)
        counts = Counter(len(row) for row in rows[:20] if len(row) > 1)
        cells, alike = max(counts.items(), key=lambda item: (item[1], item[0])) if counts else (0, 0)
        if (named, alike, cells) > score:
            best, score = sep, (named, alike, cells)
    return best


# --- totals and headings -----------------------------------------------------------------------------

# "Tổng cộng", "Tổng số", "Cộng huyện Bát Xát", "Total", "Tổng:"; not a name that starts with Tổng ("Tổng Chảo")
# nor "Công …" (same letters without diacritics). Text typed without diacritics is matched folded.
_TOTAL_WORDS = (r"^(?:{tong} {cong}|{tong} {so}|grand total|sub ?total|total|{toan} {tinh}|{toan} {huyen}|"
                r"(?:{tong}|{cong})(?= *(?:$|[:(\-\d]|{toan}\b|{huyen}\b|{xa}\b|{tinh}\b|{cong}\b|{so}\b|chung\b|"
                r"{tp}\b|{tx}\b|{tt}\b|{quan}\b|{phuong}\b|tp\b|tx\b)))")  # "Cộng thành phố Yên Bái", "Cộng TX Nghĩa Lộ"
_TOTAL_RE = re.compile(_TOTAL_WORDS.format(tong="tổng", cong="cộng", so="số", toan="toàn", tinh="tỉnh", huyen="huyện", xa="xã",
                                           tp="thành phố", tx="thị xã", tt="thị trấn", quan="quận", phuong="phường"))
_TOTAL_ASCII_RE = re.compile(_TOTAL_WORDS.format(tong="tong", cong="cong", so="so", toan="toan", tinh="tinh", huyen="huyen",
                                                 xa="xa", tp="thanh pho", tx="thi xa", tt="thi tran", quan="quan",
                                                 phuong="phuong"))
# A table's statistics rows, beside numbers where the statuses are (QA61 10): "Trong đó: số xã có LAN | 2", "Tỷ lệ
# (%) | 66,7%", "Số xã chưa có | 1", "Tỷ lệ đạt | 2/3"; folded. A village named so, with its status, stays a record.
_STATISTICS_RE = re.compile(r"^(?:trong do|t[yi] le|so (?:xa|thon|ban|don vi|ho))\b")
_STATISTICS_START = frozenset({"tr", "tỷ", "tỉ", "ty", "ti", "số", "so"})  # the only cells looked at, each once
_A_FIGURE_RE = r"^\s*(?:[\d.,]+\s*%?|\d+\s*/\s*\d+)?\s*$"  # 2, 66.7%, 2/3, or empty
_TOTAL_FIRST = list("tcgsTCGS")  # every total word starts with one of these letters


def _is_total(value: str) -> bool:
    key = nfc(value).lower()
    return bool((_TOTAL_ASCII_RE if key.isascii() else _TOTAL_RE).match(key))


def _total_rows(raw: pd.DataFrame, text: pd.DataFrame, mapped: set[object], statuses: list[object],
                lang: Lang = "en") -> pd.Series:
    """"a total row (…)" for rows whose name cells (or an unmapped cell, such as STT) say "Tổng cộng", or start
    with "Cộng"/"Tổng" beside counts in the ``statuses`` columns ("Cộng Yên Bái | 14 | 14"); else <NA>."""
    reason = pd.Series(pd.NA, index=raw.index, dtype="string")
    for col in (text[c] for c in _ID_COLUMNS if c in text.columns):  # statistics rows: their figures, no status
        start = col.str.slice(0, 2).str.lower().isin(_STATISTICS_START).fillna(False).to_numpy(dtype=bool)
        said = per_distinct(col[start], lambda v: bool(_STATISTICS_RE.match(fold(str(v)))), dtype=None)
        named = col.index[start][said.astype(bool).to_numpy()] if start.any() else col.index[:0]
        figures = pd.Series(True, index=named)
        for h in statuses:
            figures &= raw.loc[named, h].astype("string").str.match(_A_FIGURE_RE).fillna(True).astype(bool)
        stats = named[figures.to_numpy(dtype=bool)]
        if len(stats):
            reason.loc[stats] = reason.loc[stats].fillna(say("row_total", lang, text=col[stats].str.slice(0, 40)))
    counted = _counts_only(raw, statuses)
    if counted.any():
        for col in (text[c] for c in ("commune_name", "village_name", "district_name") if c in text.columns):
            folded = col[counted].map(fold, na_action="ignore").astype("string")  # the few rows of counts only
            rows = folded.index[folded.str.match(r"(?:cong|tong) \S").fillna(False).to_numpy(dtype=bool)]
            if len(rows):
                reason.loc[rows] = reason.loc[rows].fillna(say("row_total", lang, text=col[rows].str.slice(0, 40)))
    ids = [text[c] for c in _ID_COLUMNS if c in text.columns]
    # a cell not read (STT, a remark column) makes a total only on a row that names no unit: "Tổng: 3 trạm" or
    # "Tỷ lệ phủ sóng 80%" in a village's remark is the village's (QA63 1: its record was dropped)
    unnamed = ~pd.concat([c.notna() for c in ids], axis=1).any(axis=1) if ids else pd.Series(True, index=raw.index)
    # the former commune's cell too: ",,Cộng,11 thôn" under "STT, Xã mới, Xã cũ, Thôn/bản" (QA66 F10)
    formers = [text[c] for c in FORMER_COLUMNS if c in text.columns]
    # but the STT column numbers rows, so "Cộng:" there ends the table whatever the row's other cells say ("Cộng: |
    # | | 2 thôn", QA68 N6): a remark column holds no such numbers
    cells = ids + formers + [raw[c].astype("string").where(unnamed | _numbering(raw[c]))
                             for c in raw.columns if c not in mapped]
    for col in cells:
        maybe = col.str.lstrip().str.slice(0, 1).isin(_TOTAL_FIRST).fillna(False)  # each distinct one looked at once
        if not maybe.any():
            continue
        total = per_distinct(col[maybe], lambda v: _is_total(str(v)), dtype=None).astype(bool)
        rows = total.index[total.to_numpy()]
        if len(rows):
            reason.loc[rows] = reason.loc[rows].fillna(say("row_total", lang, text=col[rows].str.slice(0, 40)))
    return reason


def _numbering(column: pd.Series) -> bool:
    """Whether ``column`` numbers the rows (STT: "1", "2", "II."): at least half of its filled cells, two at least,
    are numbers."""
    cells = column.astype("string").str.strip()
    cells = cells[cells.notna() & cells.ne("")]
    numbers = int(cells.str.fullmatch(_NUMBERING).fillna(False).sum())
    return numbers >= 2 and numbers * 2 >= len(cells)


def _status_cell(value: object) -> bool:
    """Whether a cell holds a status: a status word ("Chưa có") or a tick mark ("x", "✓")."""
    return word_value("status", value) is not None or is_mark(value)


def _counts_only(raw: pd.DataFrame, statuses: list[object]) -> pd.Series:
    """Rows whose status cells hold whole numbers only, one above 1 (a count: 0 and 1 are statuses too)."""
    count = [h for h in statuses if raw[h].astype("string").str.contains(r"[2-9]|\d\d").any()]  # a number above 1
    if not count:
        return pd.Series(False, index=raw.index)
    cells = raw[statuses].astype("string").apply(lambda c: c.str.strip())
    filled = cells.notna() & cells.ne("")
    numbers = cells.apply(lambda c: c.str.fullmatch(r"\d{1,6}")).fillna(False).astype(bool)
    above_one = cells.where(numbers).apply(pd.to_numeric).gt(1)
    return filled.any(axis=1) & (numbers | ~filled).all(axis=1) & above_one.any(axis=1)


def _footer_rows(raw: pd.DataFrame, text: pd.DataFrame, wides: list[_Wide], lang: Lang = "en") -> pd.Series:
    """"a signature or note row (…)" for rows that name no unit, no place and no date, and whose technology and
    status cells hold text but no word dxmap reads there ("Người lập biểu" under Mạng LAN, "Trưởng phòng" beside
    it: an official sheet's signature block); else <NA>. A row with a status word but no unit stays a record (to
    be reported, not dropped)."""
    reason = pd.Series(pd.NA, index=raw.index, dtype="string")
    given = [c for c in (*_ID_COLUMNS, "as_of", "lon", "lat") if c in text.columns]
    bare = text[given].isna().all(axis=1).to_numpy() if given else np.ones(len(raw), dtype=bool)
    if not bare.any():
        return reason
    if wides:
        cells = raw.loc[bare, [c for w in wides for c in w.cells]].astype("string").apply(lambda c: c.str.strip())
        known = cells.apply(lambda c: per_distinct(c, _status_cell, dtype=None))
    else:
        cells = text.loc[bare, [c for c in ("technology", "status") if c in text.columns]]
        known = cells.apply(lambda c: per_distinct(c, lambda v, kind=c.name: word_value(kind, v) is not None,
                                                   dtype=None))
    filled = cells.notna() & cells.ne("")
    footer = (filled.any(axis=1) & ~(known.fillna(False).astype(bool) & filled).any(axis=1)).to_numpy()
    if footer.any():
        rows = raw.index[bare][footer]
        first = raw.loc[rows].astype("string").apply(lambda r: next((v.strip() for v in r.dropna() if v.strip()), ""), axis=1)
        reason.loc[rows] = say("row_signature", lang, text=first.str.slice(0, 40))
    return reason


# The words of an official sheet's signature block, matched on the cell folded (no diacritics, lower case): a title
# at the start of the cell ("Người lập biểu", "KT. CHỦ TỊCH", "Trưởng phòng VH-TT", "Xác nhận của UBND xã",
# "TM. UBND XÃ"), the signing instructions anywhere in it ("(Ký, ghi rõ họ tên)", "(Ký tên, đóng dấu)"), or the
# place and date line ("Bát Xát, ngày 05 tháng 7 năm 2024"; a date alone is no signature: it may be a record's).
_SIGNATURE_RE = re.compile(r"""
    ^[\s(\[*.\-–]*(?:(?:kt|tm|tl|tuq|q)\s*[./:]?\s*)*                # KT. CHỦ TỊCH, TM. UBND XÃ, Q. TRƯỞNG PHÒNG
     (?:nguoi\s+(?:lap|tong\s+hop|kiem\s+tra|duyet|ky|bao\s+cao|thong\s+ke)|can\s+bo\s+(?:lap|tong\s+hop|thong\s+ke)
       |(?:pho\s+)?(?:truong\s+phong|chu\s+tich|giam\s+doc|bi\s+thu)|thu\s+truong
       |xac\s+nhan(?=\s+cua\b|\W*$)|lanh\s+dao(?=\s+(?:don\s+vi|co\s+quan|phong|ubnd|xa|huyen)\b|\W*$))\b
    |^[\s(]*(?:tm|kt)\s*[./]?\s*(?:ubnd|uy\s+ban\s+nhan\s+dan)\b                   # TM. ỦY BAN NHÂN DÂN (not "UBND xã Y Tý")
    |\bky\b[\s,.;:]*(?:ten|va|ghi|ho|dong)\b|ghi\s+ro\s+ho\s+(?:va\s+)?ten|dong\s+dau     # (Ký, ghi rõ họ tên)
    |^[\s(]*(?:da\s+)?ky(?:\s+ten)?[\s)]*$                                         # Ký tên, (Đã ký)
    |^[^\d,]{2,40},\s*ngay\b.{0,15}\bthang\b.{0,15}\bnam\b                          # Bát Xát, ngày 05 tháng 7 năm 2024
    """, re.VERBOSE)
_UNIT_CODES = ("commune_code", "district_code", "village_id")


def _is_signature(value: object) -> bool:
    return isinstance(value, str) and bool(_SIGNATURE_RE.search(" ".join(fold(value).split())))


def _signature_rows(raw: pd.DataFrame, text: pd.DataFrame, wides: list[_Wide], total: pd.Series,
                    lang: Lang = "en") -> pd.Series:
    """"a signature or note row (…)" for an official sheet's signature block below the table, wherever its
    cells stand ("Người lập biểu" under Mã xã, "Chủ tịch UBND xã" under a mark column, the signers' names);
    else <NA>.

    The block follows the table: it is looked for after the last row that holds a status word or mark dxmap
    reads, or a total or a position, and begins at the first row there whose text is signature vocabulary
    (:data:`_SIGNATURE_RE`). From there on, a row is the block's when its text is such vocabulary, or when it
    has no date (the signers' names); never when it has a unit code with a digit or a technology word. So a
    record of the table, and a row between the table and the block (an unknown status word beside a name),
    are reported, not dropped."""
    reason = pd.Series(pd.NA, index=raw.index, dtype="string")
    n = len(raw)
    if not n:
        return reason
    known = _status_cell
    if wides:
        cells = raw[[c for w in wides for c in w.cells]].astype("string").apply(lambda c: c.str.strip())
        read = cells.apply(lambda c: per_distinct(c.mask(c.eq("")), known, dtype=None)).fillna(False).astype(bool)
        strong = read.any(axis=1).to_numpy()
    else:
        strong = per_distinct(text["status"], known, dtype=None).fillna(False).astype(bool).to_numpy()
    strong = strong | total.notna().to_numpy()
    if "lon" in text.columns and "lat" in text.columns:
        strong |= (text["lon"].notna() & text["lat"].notna()).to_numpy()
    last = int(np.flatnonzero(strong)[-1]) if strong.any() else -1
    tail = np.arange(last + 1, n)
    if not len(tail):
        return reason
    rest = raw.iloc[tail].astype("string").apply(lambda c: c.str.strip())
    vocab = rest.apply(lambda c: per_distinct(c.mask(c.eq("")), _is_signature, dtype=None)).fillna(False).astype(bool)
    vocab = vocab.any(axis=1).to_numpy()
    if not vocab.any():
        return reason

    def digits(field_names: tuple[str, ...]) -> np.ndarray:
        """Rows of the tail with a digit in one of these cells, unless the cell is the block's own text (the place
        and date line under Mã xã)."""
        out = np.zeros(len(tail), dtype=bool)
        for c in (c for c in field_names if c in text.columns):
            cell = text[c].iloc[tail]
            out |= (cell.str.contains(r"\d", regex=True).fillna(False).astype(bool)
                    & ~per_distinct(cell, _is_signature, dtype=None).fillna(False).astype(bool)).to_numpy()
        return out

    filled = (rest.notna() & rest.ne("")).any(axis=1).to_numpy()
    block = np.zeros(len(tail), dtype=bool)
    block[np.flatnonzero(vocab)[0]:] = True  # from the block's first line on
    block &= filled & ~digits(_UNIT_CODES) & (vocab | ~digits(("as_of",)))  # a unit code: a record, reported
    if "technology" in text.columns:  # a technology word dxmap reads makes a record (",LAN,???,"), to be reported
        block &= per_distinct(text["technology"].iloc[tail], lambda v: word_value("technology", v) is None,
                              dtype=None).fillna(True).astype(bool).to_numpy()
    if block.any():
        rows = raw.index[tail[block]]
        first = rest.loc[rows].apply(lambda r: next((v for v in r.dropna() if v), ""), axis=1)
        reason.loc[rows] = say("row_signature", lang, text=first.str.slice(0, 40))
    return reason


_MAPPING_EXAMPLES = {"columns": "{'status': 'Tình trạng'}", "wide": "{'LAN tại UBND xã': 'lan'}",
                     "status_words": "{'Mất sóng': 'none'}"}


def _require_mappings(**given: object) -> None:
    """Refuse a ``columns=``, ``wide=`` or ``status_words=`` that is no dict (a list of headers, a string)."""
    for name, value in given.items():
        require_instance(value, (Mapping, type(None)), name=f"{name}=", what="a dict",
                         fix=f"Pass e.g. {name}={_MAPPING_EXAMPLES[name]}.")


def _require_sheet(sheet: object) -> None:
    """Refuse a ``sheet=`` that is neither a sheet's name or number nor a list of them."""
    fix = "Pass a sheet's name or number (from 0), e.g. sheet='Bảo Yên', or a list of them: sheet=['Bảo Yên', 1]."
    if isinstance(sheet, (list, tuple)):
        for one in sheet:
            require_instance(one, (str, int), name="sheet=", what="a sheet's name or number", fix=fix)
        if not sheet:
            raise ArgumentError(f"sheet=: got an empty list. {fix} Or leave sheet= out for every sheet.")
    else:
        require_instance(sheet, (str, int, type(None)), name="sheet=", what="a sheet's name or number", fix=fix)


def _stripped(col: pd.Series) -> pd.Series:
    """The column as text without surrounding whitespace, "" as <NA>; without the apostrophe that kept a spreadsheet
    from running it as a formula (dxmap's CSV files write "'-Bản Mường": read back, it is "-Bản Mường")."""
    text = col.astype("string").str.strip()
    quoted = text[text.str.startswith("'").fillna(False).to_numpy(dtype=bool)]  # few or none: the rest untouched
    guarded = quoted[quoted.str.slice(1, 2).isin(list(FORMULA_START)).to_numpy(dtype=bool)]
    if len(guarded):  # (a regular expression with a look-ahead would run in Python, cell by cell: 1.7 s a file)
        text = text.copy()
        text.loc[guarded.index] = guarded.str.slice(1).str.strip()
    return text.mask(text.eq(""))


# --- the shape of the file ----------------------------------------------------------------------------

@dataclass(frozen=True)
class _Wide:
    """One technology's wide column: a column of status words, or sub-columns marked with "x", or several columns of
    status words read as one (each operator's: :func:`_any_of`)."""

    technology: Technology
    header: str
    cells: tuple[str, ...]
    statuses: tuple[str, ...] | None = None  # one per sub-column; None: the cells hold words

    @property
    def any_of(self) -> bool:
        """Whether the unit has the technology when any of the columns says so ("Viettel 4G", "VNPT 4G")."""
        return self.statuses is None and len(self.cells) > 1


def _technology_value(value: Technology | str, what: str, lang: Lang = "en") -> Technology:
    found = word_value("technology", value.value if isinstance(value, Technology) else value)
    if found is None:
        raise SchemaError(label("err_not_technology", lang, what=what, value=repr(value),
                                accepted=accepted_words("technology", lang=lang)))
    return Technology(found)


def _tech_word(tech: Technology | str, lang: Lang) -> str:
    """A technology as the log names it: ``lan`` (``mạng LAN``)."""
    return label(f"log_tech_{Technology(tech).value}", lang)


def _check_columns(columns: dict[str, str] | None, headers: list[object], where: str, lang: Lang = "en",
                   kind: str = "file") -> None:
    """Mappings that cannot work: a field dxmap does not read, one header given for two fields, a header the
    file lacks."""
    if not columns:
        return
    problems = []
    fields = sorted(set(RECORD_COLUMNS) | set(HEADER_ALIASES))
    unknown = [f for f in columns if f not in fields]
    if unknown:
        problems.append(label("err_columns_not_field" if len(unknown) == 1 else "err_columns_not_fields", lang,
                              names=preview_in(unknown, lang), fields=", ".join(fields)))
    by_header: dict[str, list[str]] = {}
    for field_name, header in columns.items():
        by_header.setdefault(header, []).append(field_name)
    for header, fields in by_header.items():
        if len(fields) > 1:
            tech = wide_technology(header)
            value = tech.value if tech else "lan"
            both = functools.reduce(lambda a, b: label("row_and", lang, a=a, b=b), map(repr, fields))  # "'a' and 'b'"
            problems.append(label("err_columns_same_header", lang, fields=both, header=repr(header), tech=value,
                                  mapping=f"wide={{{header!r}: '{value}'}}"))
    missing = [h for h in columns.values() if h not in headers and str(h) not in map(str, headers)]
    if missing:
        problems.append(label("err_not_in_file", lang, option="columns=", names=preview_in(missing, lang), kind=kind,
                              headers=preview_in([str(h) for h in headers], lang, 14)))
    if problems:
        raise SchemaError(f"{where}: " + " ".join(problems))


def _wide_columns(headers: list[str], subs: dict[str, tuple[str, str]], wide: dict[str, str] | None,
                  auto: bool, where: str, raw: pd.DataFrame | None = None, lang: Lang = "en",
                  kind: str = "file") -> list[_Wide]:
    """The wide technology columns: ``wide=`` first, then (``auto``) headers that name a technology, and headers
    whose first or last words do ("LAN at ward office") when ``raw``'s cells under them are statuses."""
    given = {h: _technology_value(t, f"wide={{{h!r}: {t!r}}}", lang) for h, t in (wide or {}).items()}
    tops = {top for top, _ in subs.values()}
    unknown = [h for h in given if h not in headers and h not in tops]
    if unknown:
        raise SchemaError(f"{where}: " + label("err_not_in_file", lang, option="wide=", kind=kind,
                                                names=preview_in(unknown, lang),
                                                headers=preview_in([h for h in headers if h not in subs] + sorted(tops),
                                                                   lang, 14)))
    out: list[_Wide] = []
    grouped: dict[str, list[str]] = {}
    for name, (top, _) in subs.items():
        grouped.setdefault(top, []).append(name)
    for h in headers:
        if h in subs:
            top = subs[h][0]
            if grouped.get(top) and grouped[top][0] == h:
                # status sub-columns ("Có | Chưa có") confirm a header named by its first words ("LAN tại UBND xã")
                tech = given.get(top) or (wide_technology(top, loose=True) if auto else None)
                if tech is not None:
                    cells = tuple(grouped[top])
                    out.append(_Wide(tech, top, cells, tuple(subs[c][1] for c in cells)))
            continue
        tech = given.get(h) or (wide_technology(h) if auto else None)
        if tech is not None:
            out.append(_Wide(tech, h, (h,)))
    if auto and raw is not None:  # a technology no header names outright, by a header's first or last words
        named = {w.technology for w in out} | set(given.values())
        for h in headers:
            if h in subs or h in given or any(w.header == h for w in out):
                continue
            tech = wide_technology(h, loose=True)
            if tech is not None and tech not in named and _statuses_in(raw[h], binary=True):
                out.append(_Wide(tech, h, (h,)))
    out = [w for w in out if w.header in given or w.technology not in given.values()]  # the one given is the one
    out = _operators_together(out, given)
    _require_one_column_each([w for w in out if w.header not in given], where, lang, kind)
    return out


def _operators_together(found: list[_Wide], given: dict[str, Technology]) -> list[_Wide]:
    """Several columns of status words for one technology, all given (``wide=``) or all an operator's ("Viettel 4G",
    "VNPT 4G", "MobiFone 4G"), as one column read per row as the status that says most coverage: a village has mobile
    broadband when any operator covers it. Taken apart, they made records of one unit that were duplicates, the first
    column's kept (QA66 F8). Columns of sub-columns, or a column named for no operator, stay as they are."""
    together: dict[Technology, list[_Wide]] = {}
    for w in found:
        if w.statuses is None and (w.header in given or names_operator(w.header)):
            together.setdefault(w.technology, []).append(w)
    out = []
    for w in found:
        group = together.get(w.technology, [])
        if len(group) < 2 or w not in group:
            out.append(w)
        elif w is group[0]:
            out.append(_Wide(w.technology, w.header, tuple(c for g in group for c in g.cells)))
    return out


def _require_one_column_each(found: list[_Wide], where: str, lang: Lang, kind: str) -> None:
    """Two columns found for one technology ("Mạng LAN chuẩn năm 2023", "… năm 2024"; "(kỳ trước)", "(kỳ này)")
    are refused, naming both: which one holds the status now is for the sheet's author to say, not the order of
    its columns."""
    by_tech: dict[Technology, list[str]] = {}
    for w in found:
        by_tech.setdefault(w.technology, []).append(w.header)
    twice = {t: hs for t, hs in by_tech.items() if len(hs) > 1}
    if twice:
        tech, headers = next(iter(twice.items()))
        raise SchemaError(f"{where}: " + label("err_tech_columns", lang, n=len(headers), tech=label(tech.value, lang),
                                               columns=preview_in(headers, lang), kind=kind,
                                               mapping=f"wide={{{headers[-1]!r}: '{tech.value}'}}"))


def _statuses_in(cells: pd.Series, *, binary: bool = False) -> bool:
    """Whether a column holds statuses: most of its filled cells are status words or marks, and one is a word
    (a column of 0 and 1 is as likely a count), among a few distinct values (a name column has many). With
    ``binary`` (the header names a technology), a column of 1 and 0, both written, holds statuses too."""
    filled = cells[cells.astype("string").str.strip().ne("").fillna(False).to_numpy(dtype=bool)]
    distinct = pd.unique(filled.to_numpy())
    if not len(distinct) or len(distinct) > 30:
        return False
    if binary and {str(v).strip() for v in distinct} == {"0", "1"}:
        return True
    known = {v for v in distinct if _status_cell(v)}
    return filled.isin(known).mean() >= 0.8 and any(not str(v).strip().isdigit() for v in known)


def _shape_problems(mapping: dict[object, str], wides: list[_Wide], tech_given: Technology | None, *,
                    dated: bool, statuses: list[str], twins: dict[str, list[object]] | None = None,
                    lang: Lang = "en", kind: str = "file") -> list[str]:
    """What keeps the whole file from being read as records (each with how to fix it, in ``lang``); ``statuses``
    are the columns beside the status column that may hold statuses too (:func:`_other_statuses`); ``twins``
    the fields several headers name only with a remark (:func:`~dxmap.validate.schema.remark_twins`)."""
    fields = set(mapping.values())
    problems = []
    if wides and "status" in fields:
        status = [h for h, f in mapping.items() if f == "status"]
        problems.append(label("err_both_shapes", lang, status=preview_in(status, lang), kind=kind,
                              columns=preview_in([w.header for w in wides], lang)))
    elif not wides and "status" not in fields and "status" in (twins or {}):  # "Trạng thái (kỳ trước)", "(kỳ này)"
        problems.append(_twins_text("status", twins["status"], lang))  # type: ignore[index]
    elif not wides and "status" not in fields:
        problems.append(label("err_no_status", lang, mapping=columns_example("status", lang),
                              wide=columns_example("lan", lang, option="wide")))
    elif not wides and "technology" not in fields and tech_given is None and statuses:
        problems.append(_several_statuses(_header_of(mapping, "status"), statuses, lang))
    elif not wides and "technology" not in fields and tech_given is None:
        problems.append(label("err_no_technology", lang, mapping=columns_example("technology", lang)))
    if tech_given is not None and "technology" in fields:
        problems.append(label("err_technology_twice", lang, given=repr(tech_given.value), kind=kind,
                              columns=preview_in([h for h, f in mapping.items() if f == "technology"], lang)))
    if "as_of" not in fields and not dated:
        problems.append(label("err_no_date", lang))
    if not ({"commune_code", "commune_name", "village_id"} & fields or {"lon", "lat"} <= fields):
        problems.append(label("err_no_unit", lang, mapping=columns_example("commune_code", lang)))
    return problems


def _twins_text(field: str, headers: list[object], lang: Lang) -> str:
    """Several columns name one field only with their remarks: which to read is the file's author's to say."""
    return label("err_remark_twins", lang, n=len(headers), columns=preview_in([str(h) for h in headers], lang),
                 field=field, mapping=f"columns={{{field!r}: {str(headers[-1])!r}}}")


def _other_statuses(headers: list[object], mapping: dict[object, str], subs: dict[str, tuple[str, str]],
                    wide: dict[str, str] | None) -> list[str]:
    """Columns not read that may hold statuses beside the status column: another status header ("Tình trạng"
    beside "Trạng thái", "status.1"), a header that names a technology ("Cáp quang", a technology over marked
    sub-columns)."""
    out = [str(h) for h in headers if h not in mapping and h not in subs and h not in (wide or {})
           and (schema_column(_COPY_SUFFIX.sub("", str(h))) == "status" or wide_technology(str(h)) is not None)]
    return out + sorted({top for top, _ in subs.values()} - set(wide or {}))


def _several_statuses(status: str, others: list[str], lang: Lang = "en") -> str:
    """No technology column, and several columns that may hold statuses: each may be one technology's (wide=),
    or the status column may be the only one (technology=)."""
    named = {h: t for h in others if (t := wide_technology(h)) is not None}
    plain = [status] + [h for h in others if h not in named]
    example = next((t.value for t in (Technology.LAN, Technology.MOBILE, Technology.FIBRE) if t not in named.values()),
                   "lan")
    listed = ", ".join([repr(h) for h in plain] + [f"{h!r} ({_tech_word(t, lang)})" for h, t in named.items()])
    likewise = label("err_likewise", lang, columns=", ".join(map(repr, plain[1:]))) if len(plain) > 1 else ""
    by_header = (label("err_by_header_one" if len(named) == 1 else "err_by_header_many", lang,
                       columns=", ".join(map(repr, named))) if named else "")
    return label("err_several_statuses", lang, n=len(plain) + len(named), listed=listed, likewise=likewise,
                 mapping=f"wide={{{status!r}: '{example}'}}", by_header=by_header, status=repr(status),
                 technology=columns_example("technology", lang))


def as_records(
    raw: pd.DataFrame,
    *,
    columns: dict[str, str] | None = None,
    as_of: str | None = None,
    where: str = "records",
    rows: pd.Series | None = None,
    date_order: DateOrder | str | None = None,
    wide: dict[str, str] | None = None,
    technology: Technology | str | None = None,
    status_words: dict[str, str] | None = None,
    lang: Lang = "en",
) -> pd.DataFrame:
    """Validate a table of status records you hold (long or wide) and return it in dxmap's schema.

    What :func:`read_records` does to a file, for a DataFrame made in a notebook: headers are
    recognised (Vietnamese or English, or named with ``columns=``), dates and status words read,
    codes kept as text. The input is not modified.

    Parameters
    ----------
    raw
        The table of records, long (a status column, and a technology column or ``technology``) or wide (one
        column per technology).
    columns, as_of, date_order, wide, technology, status_words
        As for :func:`read_records`: your headers for schema columns, the date of records without one, the order
        of non-ISO dates, wide columns' technologies, the technology of every record, your own status words.
    where
        How messages name the table; default ``"records"``.
    rows
        The row number a person sees for each row of ``raw`` (a Series of whole numbers); default its index
        label ("records row 101" is ``raw.loc[101]``) when the index is of unique whole numbers, else its
        position (``raw.iloc[n]``).
    lang
        The language of the ``problem`` and ``ignore_reason`` texts: ``"en"`` (default) or ``"vi"``.

    Returns
    -------
    pandas.DataFrame
        One row per record in :data:`RECORD_COLUMNS`, as :func:`reconcile` takes it; a row that
        cannot be read says why in ``problem``, a total or heading row in ``ignore_reason``.

    Raises
    ------
    ArgumentError
        ``raw`` is not a DataFrame, or ``columns``, ``wide`` or ``status_words`` is not a dict.
    SchemaError
        Problems of the whole table (no status column, no technology, …), collected and raised as one; a
        ``technology`` that is no technology.
    SnapshotDateError
        ``as_of`` is no date, or is after today or before 1990.
    OptionError
        ``date_order`` or ``lang`` is not one dxmap takes.

    Examples
    --------
    >>> import dxmap
    >>> import pandas as pd
    >>> table = pd.DataFrame({"Mã xã": ["02692"], "Công nghệ": ["LAN"], "Trạng thái": ["chưa có"],
    ...                       "Ngày": ["30/06/2024"]})
    >>> dxmap.as_records(table)[["commune_code", "technology", "status", "as_of"]]  # doctest: +NORMALIZE_WHITESPACE
      commune_code technology status      as_of
    0        02692        lan   none 2024-06-30
    """
    lang = check_lang(lang)
    require_instance(raw, pd.DataFrame, name="dxmap.as_records(raw)", what="a table (pandas.DataFrame)",
                     fix="Read a file with dxmap.read_records(path).")
    _require_mappings(columns=columns, wide=wide, status_words=status_words)
    rows = rows if rows is not None else _index_rows(raw.index)
    frame = raw.astype(object).where(raw.notna(), "").astype(str) if len(raw.columns) else raw
    return _standardise(Sheet(frame, rows), columns=columns, as_of=as_of, where=where, date_order=date_order,
                        wide=wide, technology=technology, status_words=status_words, lang=lang, table=True)[0]


def _index_rows(index: pd.Index) -> pd.Series:
    """The row a message names for each row of a DataFrame held: its index label, as the notebook shows it
    (``df.loc[101]``), when the labels are unique whole numbers; else its position (``df.iloc[1]``; the same
    numbers for the default index). A record's ``row`` is a whole number (reconcile, write_outcomes and the
    check read it so): a text or tuple label cannot be one, and a repeated label names no one row (QA69 F2)."""
    usable = pd.api.types.is_integer_dtype(index.dtype) and index.nlevels == 1 and index.is_unique and not index.hasnans
    return pd.Series(index.to_numpy() if usable else np.arange(len(index)), index=index, dtype="int64")


def _standardise(sheet: Sheet, *, columns: dict[str, str] | None, as_of: str | None, where: str,
                 date_order: DateOrder | str | None, wide: dict[str, str] | None,
                 technology: Technology | str | None, status_words: dict[str, str] | None = None,
                 file_label: str | None = None, lang: Lang = "en", table: bool = False) -> tuple[pd.DataFrame, bool]:
    """``sheet``'s rows as records, and whether their dates were found written month first (:func:`_records`);
    ``table``: a DataFrame held (:func:`as_records`), which messages of the whole table call a table, not a file."""
    raw, rows, subs = sheet.frame, sheet.rows, sheet.sub_columns
    kind = label("rd_kind_table" if table else "rd_kind_file", lang)
    own = own_words("status", status_words)
    headers = list(raw.columns)
    name = file_label or Path(where).name
    _check_columns(columns, headers, where, lang, kind)
    order = option(date_order, DateOrder, name="date_order")
    stamp = parse_date(as_of, order=order, what="as_of", lang=lang) if as_of is not None else None
    if stamp is not None and stamp > _latest_date():
        raise SnapshotDateError(label("err_arg_future", lang, given=repr(as_of), today=date_text(_today(), lang)))
    if stamp is not None and stamp < _EARLIEST_DATE:
        raise SnapshotDateError(label("err_arg_past", lang, given=repr(as_of), year=str(_EARLIEST_DATE.year)))
    tech_given = _technology_value(technology, f"technology={technology!r}", lang) if technology is not None else None
    explicit = set(wide or {})
    mapping = map_headers([h for h in headers if h not in subs and h not in explicit], columns)
    if not set(mapping.values()) & _UNIT_FIELDS and "village_name" in mapping.values():
        sheet, mapping = _communes_from_headings(sheet, mapping, name, lang)
        raw = sheet.frame
    fields = set(mapping.values())
    wides = _wide_columns(headers, subs, wide, auto="status" not in fields, where=where, raw=raw, lang=lang,
                          kind=kind)
    if tech_given is not None and wides:  # a wide sheet read for one technology: that technology's column
        unread = [f"{w.header!r} ({_tech_word(w.technology, lang)})" for w in wides if w.technology is not tech_given]
        wides = [w for w in wides if w.technology is tech_given]
        if unread and wides:
            log.warning("%s", label("log_only_tech", lang, file=name, given=repr(tech_given.value),
                                    read=", ".join(repr(w.header) for w in wides), unread=", ".join(unread)))
    if tech_given is None and "status" in fields and "technology" not in fields and not wides:
        status_header = next(h for h, f in mapping.items() if f == "status")
        tech_given = wide_technology(status_header)  # --column status="Mạng LAN chuẩn": the header says which
        if tech_given is not None:
            log.info("%s", label("log_every_record", lang, file=name, tech=_tech_word(tech_given, lang),
                                 column=repr(status_header)))

    for w in wides:
        if w.any_of:  # said once: a row's record is the best of several cells
            log.info("%s", label("log_any_of", lang, file=name, n=len(w.cells), tech=_tech_word(w.technology, lang),
                                 columns=preview_in(list(w.cells), lang), unit=label(w.technology.level.value, lang)))
    _warn_unread_statuses(raw, mapping, wides, subs, name, lang)
    others = _other_statuses(headers, mapping, subs, wide)
    if tech_given is not None and "status" in fields and not wides:
        _warn_unread_technologies(others, tech_given, _header_of(mapping, "status"), name, lang)
    twins = remark_twins([h for h in headers if h not in subs and h not in explicit], mapping)
    problems = _shape_problems(mapping, wides, tech_given, dated=stamp is not None, statuses=others, twins=twins,
                               lang=lang, kind=kind)
    if not wides and "status" not in fields and tech_given is None and (guess := next(
            ((h, t) for h in headers if h not in subs and h not in mapping and (t := named_technology(h))), None)):
        # "LAN tại UBND xã" over 1 alone: not "no header names a technology", but why its cells were not read
        shown = preview_in([str(v) for v in pd.unique(raw[guess[0]].astype(str).str.strip()) if v], lang, 6)
        problems[0] = label("err_no_status_guess", lang, column=repr(guess[0]), tech=label(guess[1].value, lang),
                            values=shown, wide=f"wide={{{guess[0]!r}: {guess[1].value!r}}}")
    if "as_of" not in fields and stamp is None and (dated := next(
            (h for h in headers if h not in subs and h not in mapping and h not in explicit
             and not any(h in w.cells for w in wides) and reads_as_dates(raw[h])), None)) is not None:
        # "Reporting period" of "June 2024": that column, not only a date for every record (QA72 K11)
        problems[problems.index(label("err_no_date", lang))] = label(
            "err_no_date_column", lang, column=repr(str(dated)), mapping=f"columns={{'as_of': {str(dated)!r}}}")
    if problems:
        shown = [h for h in headers if h not in subs and not _UNNAMED.fullmatch(str(h))] + sorted(
            {top for top, _ in subs.values()})  # not a column without a header ("column 8", QA39 L6)
        raise SchemaError(label("err_shape", lang, where=where, problems="; ".join(problems), kind=kind,
                                headers=preview_in([str(h) for h in shown], lang, 14)))
    _warn_unread_twins(headers, mapping, columns, name, lang)  # not before an error that says otherwise (QA60 25)
    for field, named in twins.items():  # "Mã xã (cũ)" beside "Mã xã (mới)": neither read, and said (QA63 2)
        log.warning("%s", f"{name}: " + _twins_text(field, named, lang))
    _say_former_pair(mapping, columns, name, lang)

    text = pd.DataFrame({f: _stripped(raw[h]) for h, f in mapping.items()}, index=raw.index)
    statuses = [c for w in wides for c in w.cells] + [h for h, f in mapping.items() if f == "status"]
    total = _total_rows(raw, text, set(mapping) | {c for w in wides for c in w.cells}, statuses, lang)
    total = total.fillna(_signature_rows(raw, text, wides, total, lang)).fillna(_footer_rows(raw, text, wides, lang))
    if total.notna().any():
        text = _without_row_words(text, total.notna().to_numpy())
    if wides:
        lines = _expand(raw, text, total, wides, sheet.formulas, own, lang)
    else:
        empty = total.isna() & text["status"].isna()
        if tech_given is None:
            empty &= text["technology"].isna()
        ignore = total.mask(empty, label("row_empty", lang))
        lines = pd.DataFrame({"pos": np.arange(len(raw)),
                              "technology": text["technology"].array if tech_given is None else tech_given.value,
                              "status": text["status"].array, "column": _header_of(mapping, "status"),
                              "problem": None, "ignore_reason": ignore.array})
    bare = np.zeros(len(raw), dtype=bool)  # rows that make no record, other than totals
    bare[lines.loc[lines["ignore_reason"].notna().to_numpy(), "pos"].to_numpy()] = True
    heading, packed = _one_cell_rows(sheet, mapping, bare & total.isna().to_numpy(), lang)
    found = _sheet_problems(sheet, mapping, wides, pd.notna(heading) | pd.notna(packed), name, lang)
    if pd.notna(packed).any():  # said instead of "the line is cut short"; its text is in the problem, not a unit's
        found = np.where(pd.notna(packed), packed, found if found is not None else None)
        text = text.copy()
        text.loc[pd.notna(packed), [c for c in _ID_COLUMNS if c in text.columns]] = pd.NA
        lines = lines.assign(packed=pd.notna(packed)[lines["pos"].to_numpy()])
    # a row whose cell a quote left open swallowed the lines below it: its reason is that, not the unknown status
    # and the missing date the swallowed text makes (whose hints, --status-word, --records-date, misled: QA60 2)
    lines = lines.assign(runaway=raw.index.isin(list(sheet.notes))[lines["pos"].to_numpy()])
    if found is not None:
        heading[pd.notna(found)] = None  # a row the reader found wrong is reported with its problem
        lines = _with_row_problems(lines, found, total)
    if pd.notna(heading).any():
        lines, text = _with_headings(lines, text, heading)
    date_header = next((h for h, f in mapping.items() if f == "as_of"), None)
    date_cells = raw.index.isin(sheet.date_cells[date_header]) if date_header in sheet.date_cells else None
    unsaved = {mapping[h]: {raw.index.get_loc(idx): f.text for idx, f in cells.items()}  # formulas, as typed
               for h, cells in sheet.formulas.items() if mapping.get(h) in ("technology", "status", "as_of")}
    return _records(lines, text, rows, name=name, where=where, order=order, stamp=stamp, date_cells=date_cells,
                    unsaved=unsaved, own=own, lang=lang, kind=kind)


_UNIT_FIELDS = {"commune_code", "commune_name", "village_id", "lon", "lat"}
_COMMUNE_HEADING = "(xã theo dòng tiêu đề)"  # the column a list of villages under commune headings is given
_NUMBERING = re.compile(r"(?:[IVXLC]+|\d+|[a-zA-Z])[.)]?", re.IGNORECASE)  # "I", "II.", "1", "a)": the STT cell
_ROMAN = re.compile(r"[IVXLC]+\.?")  # a section's number ("II"), as headings are numbered, not villages
_NUMBERED = re.compile(r"^(?:[IVXLC]+|\d+|[a-zA-Z])[.)]\s+")  # "1. Xã Tả Phìn": the number in the name's cell
_ITS_DISTRICT = re.compile(r"\s*\((?:huyện|quận|thị xã|thành phố|h\.|tx\.?|tp\.?)\s[^)]*\)\s*$", re.IGNORECASE)
_HEADING_KINDS = {"xã": True, "phường": True, "thị trấn": True, "đặc khu": True,  # a commune heads its villages;
                  "huyện": False, "quận": False, "thị xã": False, "thành phố": False}  # a district ends the last one's


def _communes_from_headings(sheet: Sheet, mapping: dict[object, str], name: str,
                            lang: Lang) -> tuple[Sheet, dict[object, str]]:
    """A list of villages without a commune column whose communes head their villages ("I | Xã A Lù" above "1 |
    Bản Khấu", as district offices type them): each village is given the commune of the heading above it, in a
    column of its own; the heading rows stay headings (no record). A heading is a row of a name alone (a number in
    the first column allowed) that says it is a commune ("Xã", "Phường", "TT." …) or is numbered as a section
    ("II | Đồng Tuyển"); a district's heading ("Huyện Bát Xát") ends the commune above it. Unchanged when no row is
    such a heading."""
    raw = sheet.frame
    village = next(h for h, f in mapping.items() if f == "village_name")
    cells = raw.astype("string").fillna("").apply(lambda c: c.str.strip())
    empty = cells.drop(columns=[village]).eq("")
    first = raw.columns[0]  # the STT column may number the heading ("I"); any other cell, a mark ("x") too, is data
    section = pd.Series(False, index=raw.index)
    if first != village:
        empty[first] |= cells[first].str.fullmatch(_NUMBERING).fillna(False)
        section = cells[first].str.fullmatch(_ROMAN).fillna(False)
    text = cells[village].str.replace(_NUMBERED, "", regex=True).str.replace(_ITS_DISTRICT, "", regex=True).str.strip()
    kind = per_distinct(text, commune_kind, na_action=None).fillna("")
    alone = empty.all(axis=1) & text.ne("")
    commune = (alone & (kind.isin([k for k, c in _HEADING_KINDS.items() if c]) | kind.eq("") & section))
    district = alone & kind.isin([k for k, c in _HEADING_KINDS.items() if not c])
    commune, district = commune.to_numpy(dtype=bool), district.to_numpy(dtype=bool)
    if not commune.any():
        return sheet, mapping
    heading = commune | district
    named = text.where(commune, pd.NA).mask(district, "").ffill()
    column = named.mask(heading | named.isna(), "")  # the villages under a commune's heading; the headings none
    shown = [f"{rows_in([r], lang)} ({v!r})" for r, v in zip(sheet.rows[commune], text[commune])]
    log.info("%s", label("log_commune_headings", lang, file=name, n=int(commune.sum()),
                         rows=preview_in(shown, lang, quoted=False)))
    frame = raw.assign(**{_COMMUNE_HEADING: column.astype(object).to_numpy()})
    return dataclasses.replace(sheet, frame=frame), {**mapping, _COMMUNE_HEADING: "commune_name"}


def _without_row_words(text: pd.DataFrame, rows: np.ndarray) -> pd.DataFrame:
    """``text`` with the words of total, signature and footer ``rows`` taken out of the unit's columns, where they
    are in the reason: a code column's text that is no code ("Tổng cộng", "Người lập biểu" under Mã xã: QA44), a
    name column's total or signature words. What the row says of its unit stays: "Bát Xát" beside "Cộng" (a district's
    subtotal), "02692" (a commune's, QA49)."""
    text = text.copy()
    for col in [c for c in _ID_COLUMNS if c in text.columns]:
        cells = text.loc[rows, col]
        words = (~cells.str.fullmatch(r"[\d.\-\s]+") if col.endswith(("_code", "_id"))
                 else per_distinct(cells, lambda v: _is_total(v) or _is_signature(v), dtype=None).astype("boolean"))
        text.loc[cells.index[words.fillna(False).to_numpy(dtype=bool)], col] = pd.NA
    return text


def _shifted(row: pd.Series, mapping: dict[object, str], wides: list[_Wide]) -> bool:
    """Whether a row's technology, status or level cells (its wide cells) hold words no such column holds, or its
    date cell no date, as when a comma in an earlier cell moved every later cell on by one."""
    words = [(row[h], f) for h, f in mapping.items() if f in ("technology", "level")]
    statuses = [row[h] for h, f in mapping.items() if f == "status"] + [row[c] for w in wides for c in w.cells]
    if any(v.strip() and word_value(kind, v) is None for v, kind in words) or any(
            v.strip() and not _status_cell(v) for v in statuses):
        return True
    return any(not _a_date(row[h]) for h, f in mapping.items() if f == "as_of" and row[h].strip())


def _a_date(text: str) -> bool:
    """Whether ``text`` reads as a date in some order (day, month or year first): a month-first file's 6/30/2024 is
    one, a shifted cell's "30" is none."""
    for order in DateOrder:
        try:
            parse_date(text, order=order, what="as_of")
        except SnapshotDateError:
            continue
        return True
    return False


def _sheet_problems(sheet: Sheet, mapping: dict[object, str], wides: list[_Wide],
                    heading: np.ndarray, name: str, lang: Lang = "en") -> np.ndarray | None:
    """What the reader found wrong with rows (by position; None where nothing): the reader's notes,
    lines cut short before the cells that make the record (not a ``heading`` row: "I. Thành phố Yên Bái"
    alone on its line is whole), formulas without a saved value in the columns that are read, and lines
    with more cells than the header, unless the last column is free text (a note, a source, or not read) and
    the cells before it read as their columns': then the comma was most likely in it, its text is whole, and
    a warning names those rows."""
    n = len(sheet.frame)
    if not (sheet.notes or sheet.formulas or sheet.cells is not None) or not n:
        return None
    headers = list(sheet.frame.columns)
    at = {idx: k for k, idx in enumerate(sheet.frame.index)}
    out = np.full(n, None, dtype=object)

    def add(idx: object, why: str) -> None:
        k = at[idx]
        out[k] = why if out[k] is None else f"{out[k]}; {why}"

    for idx, why in sheet.notes.items():
        add(idx, why)
    last = headers[-1]
    free = mapping.get(last) in (None, "note", "source") and not any(last in w.cells for w in wides)
    whole = [idx for idx in sheet.joined if free and not _shifted(sheet.frame.loc[idx], mapping, wides)]
    if whole:  # the comma was most likely in the last column: every cell before it reads as its column's
        rows = [sheet.rows[idx] for idx in whole]
        log.warning("%s", label("log_joined_last", lang, where=name, n=len(rows), last=repr(last),
                                rows=rows_in(rows, lang)))
    for idx, (cells, extra) in sheet.joined.items():
        if idx not in whole:
            add(idx, label("row_too_many_cells", lang, n=cells, total=len(headers), extra=repr(extra.strip()),
                           last=repr(last)))
    if sheet.cells is not None:
        needed = [h for h, f in mapping.items() if f in ("technology", "status")]
        if wides:  # a wide row needs at least its first technology cell
            needed.append(min((c for w in wides for c in w.cells), key=headers.index))
        reach = max((headers.index(h) for h in needed), default=-1) + 1
        short = (sheet.cells.to_numpy() < reach) & (sheet.cells.to_numpy() > 0) & ~heading
        for idx in sheet.cells.index[short]:
            have = int(sheet.cells.loc[idx])
            lost = [str(h) for h in needed if headers.index(h) >= have]
            add(idx, label("row_cut_short", lang, n=have, total=len(headers), columns=", ".join(repr(h) for h in lost)))
    for header, cells in sheet.formulas.items():
        if mapping.get(header) in ("note", "source"):  # free text no record needs: read as empty, said once (QA39 L2)
            log.warning("%s", label("log_formula_free_text", lang, where=name, column=repr(header), n=len(cells),
                                    cells=preview_in([str(ref) for ref in cells.values()], lang, 3, quoted=False)))
        elif header in mapping:  # a technology's wide cell spoils only that technology's record: see _expand
            for idx, ref in cells.items():
                add(idx, _formula_problem(ref, header, lang))
    return out if any(v is not None for v in out) else None


# A section's number in the STT column: "I", "II.", "B)" beside the heading "I | Xã A Lù"
_SECTION_RE = re.compile(r"^(?:[IVXLC]+|[A-Z])[.)]?$")


def _one_cell_rows(sheet: Sheet, mapping: dict[object, str], bare: np.ndarray,
                   lang: Lang = "en") -> tuple[np.ndarray, np.ndarray]:
    """Of the ``bare`` rows (no status, no total) with one text: "a heading row (…)" for those that are a heading or
    a note, not a unit, and the problem of those that are a whole row in one cell (by position; None for the others).

    Such a row has one text, besides a section number in a first column that is not read (STT: "I"), and that
    text has letters (it is no code). It is a heading when it is merged across columns (a workbook's heading
    across the table), stands under a column that is not read ("I. Huyện Bát Xát" under STT), is in a code
    column ("Ghi chú: …" under Mã xã), or has a section number beside it. A name alone under its name column
    is a unit without status, and keeps that reason, unless it is a note or a legend with a colon ("Chú thích: 4G,
    Cáp quang, LAN", QA49). A text that is a row's cells joined by another separator
    (a comma file's line pasted into a semicolon file, a CSV line pasted into one cell of a sheet) is a record
    the reader could not split: reported, never a heading (QA44: it was ignored as one, without a word).
    """
    out = np.full(len(bare), None, dtype=object)
    packed = np.full(len(bare), None, dtype=object)
    at = np.flatnonzero(bare)
    if not len(at):
        return out, packed
    cells = sheet.frame.iloc[at].astype("string").apply(lambda c: c.str.strip()).fillna("")
    own = cells.ne("").to_numpy()
    numbered = np.zeros(len(at), dtype=bool)
    if cells.columns[0] not in mapping:
        numbered = cells.iloc[:, 0].str.match(_SECTION_RE).to_numpy(dtype=bool)
        own[:, 0] &= ~numbered
    # a whole row in one cell, beside at most the row's number (STT "3")
    texts = own & ~cells.apply(lambda c: c.str.fullmatch(r"\d+[.)]?")).fillna(False).to_numpy(dtype=bool)
    for k in np.flatnonzero(texts.sum(axis=1) == 1):
        col, value = cells.columns[texts[k].argmax()], cells.iat[k, texts[k].argmax()]
        if (sep := _packed_separator(value)) is not None:
            shown = repr(value if len(value) <= 40 else value[:39] + "…")
            packed[at[k]] = label("row_packed", lang, sep=repr(sep), text=shown, column=repr(str(col)))
    one = np.flatnonzero((own.sum(axis=1) == 1) & pd.isna(packed[at]))
    j = own[one].argmax(axis=1)
    values = pd.Series(cells.to_numpy()[one, j], dtype="string")
    words = values.str.contains(r"[^\W\d_]").to_numpy(dtype=bool)  # not a code or a number (a line cut short)
    for k, col, value in zip(one[words], cells.columns[j[words]], values[words]):
        shown = repr(value if len(value) <= 40 else value[:39] + "…")
        span = sheet.merged.get(col, {}).get(cells.index[k])
        if span is not None:
            out[at[k]] = label("row_heading_merged", lang, text=shown, cells=span)
        elif (mapping.get(col) in (None, "commune_code", "district_code") or numbered[k]
              or (":" in value and _NOTE_RE.match(fold(value)))):  # "Chú thích: 4G, …" under a name: a legend
            out[at[k]] = label("row_heading", lang, text=shown)
    return out, packed


# What a note or a legend begins with ("Ghi chú: Có, Chưa có, Đang triển khai"), typed with or without diacritics
_NOTE_RE = re.compile(r"^\W*(?:\d+[.)]\s*)?(?:ghi chu|chu thich|chu giai|chu y|luu y|ky hieu|quy uoc|huong dan|nguon|"
                      r"note|legend|source)\b")
_UNIT_CODE_RE = re.compile(r"\d{4,6}(?:-\d+)?")  # a commune's code ("02686"), a village's ("02686-003")


def _packed_separator(text: str) -> str | None:
    """The separator of a record's cells typed or pasted into one cell, quoted or not: three parts or more, one a
    status, and one a unit's code or a date (",Pha Long,Bản Sừ Séo,Cáp quang,Đã có,15/09/2024", "02686,A Mú Sung,Có,
    Chưa có,Có"). A note or a legend is none: it begins with a note word or says what its words mean with a colon
    ("Chú giải: Có, Chưa có, Đang triển khai", "(*) Các cột 4G, Cáp quang, LAN ghi: Có, Chưa có"; QA47)."""
    if ":" in text or _NOTE_RE.match(fold(text)):
        return None
    for sep in (",", ";", "\t", "|"):
        parts = [p for p in (p.strip().strip('"').strip() for p in text.split(sep)) if p]
        if len(parts) >= 3 and any(word_value("status", p) is not None for p in parts) and any(
                _UNIT_CODE_RE.fullmatch(p) or (re.search(r"\d[/.-]\d", p) and _a_date(p)) for p in parts):
            return sep
    return None


def _with_headings(lines: pd.DataFrame, text: pd.DataFrame, heading: np.ndarray) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The heading rows' lines say so, and their text leaves the unit's columns (it is in the reason)."""
    why = heading[lines["pos"].to_numpy()]
    lines = lines.assign(ignore_reason=np.where(pd.notna(why), why, lines["ignore_reason"].to_numpy(dtype=object)))
    if "blank" in lines.columns:
        lines["blank"] = lines["blank"].fillna(False).astype(bool) & pd.isna(why)
    ids = [c for c in _ID_COLUMNS if c in text.columns]
    text = text.copy()
    text.loc[pd.notna(heading), ids] = pd.NA
    return lines, text


def _blank_columns(lines: pd.DataFrame, blank: np.ndarray) -> str:
    """The technology columns the ``blank`` lines (rows that name a unit, no record) leave blank, for a message: all of
    the sheet's, each operator's too (the records' own columns named only the operator a row's status came from)."""
    return ", ".join(pd.unique(lines["blank_columns"].to_numpy()[blank])) or "–"


def _formula_problem(formula: Formula, header: object, lang: Lang = "en") -> str:
    return label("row_formula", lang, cell=formula, column=repr(header))


def _with_row_problems(lines: pd.DataFrame, found: np.ndarray, total: pd.Series) -> pd.DataFrame:
    """Each line of a row the reader found wrong gets the problem, and is a record (to be reported
    invalid) rather than a heading or empty row; total rows stay ignored."""
    pos = lines["pos"].to_numpy()
    why = found[pos]
    hit = ~pd.isna(why) & total.isna().to_numpy()[pos]
    if not hit.any():
        return lines
    out = lines.copy()
    own = out["problem"].to_numpy(dtype=object)
    out["problem"] = [w if h and (o is None or pd.isna(o)) else f"{w}; {o}" if h else o for w, o, h in zip(why, own, hit)]
    out["ignore_reason"] = np.where(hit, None, out["ignore_reason"].to_numpy(dtype=object))
    return out


def _today() -> str:
    return dt.date.today().isoformat()


# The earliest day a record can be dated. Vietnam's first mobile network opened in 1993 and it joined the internet in
# 1997; 3G, fibre to the home and the commune LAN came in the 2000s. An earlier date is a mistyped year (1024, 1924).
_EARLIEST_DATE = pd.Timestamp(1990, 1, 1)


def _latest_date() -> pd.Timestamp:
    """The latest day a record can be dated: tomorrow (a file from a time zone ahead of this computer's)."""
    return pd.Timestamp(dt.date.today() + dt.timedelta(days=1))


_COPY_SUFFIX = re.compile(r"(?:\.\d+| \(\d+\))$")  # how readers rename a repeated header: "status.1", "status (2)"


def _say_former_pair(mapping: dict[object, str], columns: dict[str, str] | None, name: str, lang: Lang) -> None:
    """Say how "Mã xã (mới)" beside "Mã xã (cũ)" is read: the new one as the commune, the old one as its former commune
    (xã cũ), as a sheet of the units since 1 July 2025 has them; and how to read the old one as the commune (records
    of the 2024 units, QA64 F7)."""
    header = {f: h for h, f in mapping.items()}
    for field in ("commune_code", "commune_name"):
        new, old = header.get(field), header.get(f"former_{field}")
        if new is None or old is None or "(" not in str(new) + str(old) or field in (columns or {}):
            continue
        log.info("%s", label("log_former_pair", lang, file=name, new=repr(str(new)), old=repr(str(old)),
                             mapping=f"columns={{{field!r}: {str(old)!r}}}"))


def _warn_unread_twins(headers: list[object], mapping: dict[object, str], columns: dict[str, str] | None,
                       name: str, lang: Lang = "en") -> None:
    """Say which columns are not read because an earlier column names the same field (two "status" columns,
    or "Trạng thái" beside "status"): the first is read; the user decides if that is the right one."""
    if columns:
        return
    read = {f: h for h, f in mapping.items()}
    for h in headers:
        if h in mapping:
            continue
        field_name = schema_column(_COPY_SUFFIX.sub("", str(h)))
        if field_name in read and field_name not in ("source", "note"):
            log.warning("%s", label("log_twin_column", lang, file=name, column=repr(str(h)),
                                    field=label(f"chk_col_{field_name}", lang), read=repr(str(read[field_name])),
                                    mapping=f"columns={{{field_name!r}: {str(h)!r}}}"))


def _warn_unread_statuses(raw: pd.DataFrame, mapping: dict[object, str], wides: list[_Wide],
                          subs: dict[str, tuple[str, str]], name: str, lang: Lang = "en") -> None:
    """Say which columns are not read although most of their cells are status words ("Yes", "Chưa có"): a
    technology's column under a header dxmap does not know would otherwise be lost without a word, its
    rows taken for headings and the technology shown as unknown (QA22). Only under a header about connectivity
    (:func:`~dxmap.validate.schema.about_connectivity`)."""
    read = set(mapping) | set(subs) | {c for w in wides for c in w.cells}
    if "technology" in mapping.values() or {w.technology for w in wides} == set(Technology):
        return  # every technology is read already
    for h in raw.columns:  # a header about connectivity: "Điện lưới" or "Đường ô tô" hold yes and no too
        if h not in read and about_connectivity(h) and _statuses_in(raw[h]):
            named = named_technology(h)  # "Fibre households": fibre, though its header reads as a count
            tech = named or mentioned_technology(h) or Technology.LAN  # "Trạm Viettel 4G": mobile, not LAN (QA66)
            log.warning("%s", label("log_unread_counted" if named else "log_unread_statuses", lang, file=name,
                                    column=repr(str(h)), n=int(raw[h].ne("").sum()), tech=label(tech.value, lang),
                                    mapping=f"wide={{{str(h)!r}: {tech.value!r}}}"))


def _warn_unread_technologies(others: list[str], tech: Technology, status: str, name: str, lang: Lang = "en") -> None:
    """Every record is ``tech`` from the status column: say which columns named for a technology are not read
    ("Cáp quang" beside "Trạng thái" with technology='lan'), and how to read them too."""
    unread = [f"{h!r} ({_tech_word(t, lang)})" for h in others if (t := wide_technology(h)) is not None]
    if unread:
        log.warning("%s", label("log_unread_tech" if len(unread) == 1 else "log_unread_techs", lang, file=name,
                                columns=", ".join(unread), tech=_tech_word(tech, lang), column=repr(status),
                                mapping=f"wide={{{status!r}: {tech.value!r}}}"))


def _header_of(mapping: dict[object, str], field_name: str) -> str:
    return next((str(h) for h, f in mapping.items() if f == field_name), field_name)


def _expand(raw: pd.DataFrame, text: pd.DataFrame, total: pd.Series, wides: list[_Wide],
            formulas: dict[str, dict[int, Formula]], own: dict[str, str] | None = None,
            lang: Lang = "en") -> pd.DataFrame:
    """One line per (row, technology) with a status, one per row without any (ignored), in sheet order.

    A technology's cell that is a formula without a saved value (``formulas``, as :class:`Sheet` has
    them) looks empty; it makes that technology's line, with the problem, and no other line's, and the
    formula is that line's status as typed (``typed``)."""
    kept = total.isna().to_numpy()
    parts = []
    for k, w in enumerate(wides):
        cells = raw[list(w.cells)].astype("string").apply(lambda c: c.str.strip()).fillna("")
        filled = cells.ne("").to_numpy()
        unsaved = np.full(len(raw), None, dtype=object)  # the first such cell of the row's sub-columns
        as_typed = np.full(len(raw), None, dtype=object)  # and the formula, written back as the cell's text
        for header in reversed(w.cells):
            for idx, formula in formulas.get(header, {}).items():
                at = raw.index.get_loc(idx)
                unsaved[at] = _formula_problem(formula, header, lang)
                as_typed[at] = formula.text if w.statuses is None else f"{header.rsplit(' / ', 1)[-1]}: {formula.text}"
        present = (filled.any(axis=1) | pd.notna(unsaved)) & kept
        pos = np.flatnonzero(present)
        column: object = w.header
        cells_said, unread = np.full(len(pos), None, dtype=object), np.full(len(pos), None, dtype=object)
        if w.any_of:  # each operator's column: the cell that says most coverage
            status, column, cells_said, problem, typed, unread = _any_of(cells.iloc[pos], own, lang)
        elif w.statuses is None:  # the cells hold status words
            status = cells.iloc[pos, 0].to_numpy(dtype=object)
            problem = typed = np.full(len(pos), None, dtype=object)
        else:  # sub-columns marked with "x"
            marked = cells.iloc[pos].map(is_mark).to_numpy(dtype=bool)
            status, problem, typed = _marked(cells.iloc[pos], marked, filled[pos], w, lang)
        problem = np.array([p if o is None else o if p is None else f"{o}; {p}" for o, p in zip(unsaved[pos], problem)],
                           dtype=object)
        typed = np.where(pd.isna(typed), as_typed[pos], typed)
        parts.append(pd.DataFrame({"pos": pos, "k": k, "technology": w.technology.value, "status": status,
                                   "column": column, "problem": problem, "ignore_reason": None, "typed": typed,
                                   "cells_said": cells_said, "unread": unread}))
    some = np.zeros(len(raw), dtype=bool)
    for part in parts:
        some[part["pos"].to_numpy()] = True
    bare = np.flatnonzero(~some)
    named = text[[c for c in _ID_COLUMNS if c in text.columns]].notna().any(axis=1).to_numpy()[bare]
    listed = ", ".join(repr(c) for w in wides for c in (w.cells if w.any_of else (w.header,)))
    reason = np.where(named, label("row_wide_no_status", lang, columns=listed), label("row_wide_empty", lang))
    reason = np.where(kept[bare], reason, total.to_numpy(dtype=object)[bare])
    parts.append(pd.DataFrame({"pos": bare, "k": -1, "technology": None, "status": None, "column": None,
                               "problem": None, "ignore_reason": reason, "blank": named & kept[bare],
                               "blank_columns": listed}))
    lines = pd.concat(parts, ignore_index=True).sort_values(["pos", "k"], kind="stable").reset_index(drop=True)
    return lines.drop(columns="k")


def _any_of(cells: pd.DataFrame, own: dict[str, str] | None, lang: Lang = "en") -> tuple[np.ndarray, ...]:
    """Per row of several columns of one technology (each operator's): the status that says most coverage
    (:data:`~dxmap.validate.vocab.COVERAGE_ORDER`), the column it is from, every filled cell when they differ
    ("Viettel 4G: Chưa có; VNPT 4G: Có") for the record's note (no cell dropped unsaid), the problem, the cells as
    typed when there is one, and the cells not read (header, text).

    A cell that is no status word ("đang lắp", a typo) cannot change a "covered" another column says: the row is
    covered, the cell marked "(?)" in the note, as in every language (QA68 N12). Otherwise it could be the answer, so
    the row has no status: its problem names every such cell, and the cells go to ``status_typed`` (as sub-columns'
    do)."""
    n, last = len(cells), len(COVERAGE_ORDER)
    rank = {s: i for i, s in enumerate(COVERAGE_ORDER)}
    best = np.full(n, last)  # the rank of the best status read in the row
    chosen = np.zeros(n, dtype=int)
    unread = np.zeros(cells.shape, dtype=bool)  # the cells that are no status word
    for j, header in enumerate(cells.columns):
        col = cells[header]
        codes, parsed, _ = lookup_codes("status", col.mask(col.eq("")), own)
        ranks = np.asarray([-1 if v is None else rank[v] for v in parsed] + [-2])[codes]  # -1 unknown, -2 blank
        better = (ranks >= 0) & (ranks < best)
        best, chosen = np.where(better, ranks, best), np.where(better, j, chosen)
        unread[:, j] = ranks == -1
    values = cells.to_numpy(dtype=object)
    headers = np.asarray(cells.columns, dtype=object)
    status = values[np.arange(n), chosen]
    said, problem, typed, odd = (np.full(n, None, dtype=object) for _ in range(4))
    accepted = accepted_words("status", lang=lang) if unread.any() else ""
    for i in range(n):
        filled = [(h, v, u) for h, v, u in zip(headers, values[i], unread[i]) if v]
        if len({v for _, v, _ in filled}) > 1:
            said[i] = "; ".join(f"{h}: {v}" + (" (?)" if u else "") for h, v, u in filled)
        if not unread[i].any():
            continue
        odd[i] = tuple((h, v) for h, v, u in filled if u)
        if best[i] > 0:  # no column says covered: a cell not read may be the answer
            where = [f"{v!r}{label('row_in_column', lang, column=repr(h))}" for h, v in odd[i]]
            problem[i] = label("row_any_of_unread", lang, accepted=accepted,
                               cells=functools.reduce(lambda a, b: label("row_and", lang, a=a, b=b), where))
            typed[i] = "; ".join(f"{h}: {v}" for h, v, _ in filled)
            status[i] = None
    return status, headers[chosen], said, problem, typed, odd


def _marked(cells: pd.DataFrame, marked: np.ndarray, filled: np.ndarray, w: _Wide,
            lang: Lang = "en") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The status of each row of sub-columns: the one marked; a problem when several are, or a cell is no mark, and
    then the row's filled cells as typed ("Có: x; Chưa có: x"), for the outcomes file to write back."""
    n = marked.sum(axis=1)
    statuses = np.asarray(w.statuses, dtype=object)
    status = np.where(n == 1, statuses[marked.argmax(axis=1)], None).astype(object)
    problem, typed = np.full(len(cells), None, dtype=object), np.full(len(cells), None, dtype=object)
    for i in np.flatnonzero((n != 1) | (filled & ~marked).any(axis=1)):
        odd = [label("row_mark_cell", lang, column=repr(c.rsplit(" / ", 1)[-1]), value=repr(v))  # "'Có': 'có sóng'"
               for c, v, m, f in zip(w.cells, cells.iloc[i], marked[i], filled[i]) if f and not m]
        if odd:
            problem[i] = label("row_not_a_mark", lang, column=w.header, cells=", ".join(odd),
                               subcolumns=", ".join(repr(c.rsplit(" / ", 1)[-1]) for c in w.cells))
        elif n[i] > 1:
            both = [repr(c.rsplit(" / ", 1)[-1]) for c, m in zip(w.cells, marked[i]) if m]
            listed = functools.reduce(lambda a, b: label("row_and", lang, a=a, b=b), both)  # "'Có' and 'Chưa có'"
            problem[i] = label("row_marked_twice", lang, column=w.header, marked=listed)
        if problem[i] is not None:
            typed[i] = "; ".join(f"{c.rsplit(' / ', 1)[-1]}: {v}" for c, v, f in zip(w.cells, cells.iloc[i], filled[i]) if f)
        status[i] = None
    return status, problem, typed


# --- values --------------------------------------------------------------------------------------------

# the row problem of a word that is no technology, status or level (dxmap.labels)
_UNKNOWN = {"technology": "row_unknown_technology", "status": "row_unknown_status", "level": "row_unknown_level"}


def _words(kind: str, values: pd.Series, kept: np.ndarray, rows: pd.Series,
           column: pd.Series | None = None, own: dict[str, str] | None = None,
           lang: Lang = "en") -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Parsed values (object, <NA> where missing or unknown), for unknown words the problem text (naming the
    value's ``column`` when given), and per distinct spelling whose diacritics are not the word's it is read as
    ("chưa cố"), what was read, in which of the file's ``rows``: "status 'chưa cố' (row 3) read as 'chưa có' (none)"."""
    out = np.full(len(values), pd.NA, dtype=object)
    why = np.full(len(values), None, dtype=object)
    if not kept.any():
        return out, why, []
    codes, parsed, spelling = lookup_codes(kind, values[kept], own)
    got = np.asarray([*parsed, None], dtype=object)[codes]  # code -1 (missing) takes the trailing None
    unknown = pd.isna(got)
    at = np.flatnonzero(kept)
    out[at[~unknown]] = got[~unknown]
    bad = at[(codes >= 0) & unknown]
    if len(bad):
        found = list(zip(values.iloc[bad], [None] * len(bad) if column is None else column.iloc[bad]))
        accepted = accepted_words(kind, lang=lang)
        said = {(v, c): _unread_word(kind, v, c, accepted, lang) for v, c in dict.fromkeys(found)}  # each word once
        why[bad] = [said[k] for k in found]
    notes = []
    for i in (i for i, right in enumerate(spelling) if right is not None):  # a few distinct spellings, not rows
        hit = at[codes == i]
        notes.append(label("log_spelt", lang, kind=label(f"log_kind_{kind}", lang), value=repr(values.iloc[hit[0]]),
                           rows=rows_in([int(r) for r in rows.iloc[hit]], lang), word=repr(spelling[i]),
                           parsed=_value_word(kind, parsed[i], lang)))
    return out, why, notes


def _unread_word(kind: str, value: str, column: str | None, accepted: str, lang: Lang) -> str:
    """Why a cell's word is not read: an Excel error value ("#N/A"), two statuses in one status cell ("Có (chưa đạt
    chuẩn)"), or a word dxmap does not know, with the words it ``accepted``."""
    where = "" if column is None else label("row_in_column", lang, column=repr(column))
    if kind == "status" and (error := excel_error(value)) is not None:
        return label("row_excel_error", lang, value=error, column=where)
    if kind == "status" and (two := two_statuses(value)) is not None:
        word, status, remark, other = two
        return label("row_two_statuses", lang, value=repr(value), column=where, word=repr(word), remark=repr(remark),
                     status=_value_word(kind, status, lang), other=_value_word(kind, other, lang))
    return label(_UNKNOWN[kind], lang, value=repr(value), accepted=accepted, column=where)


# the names a reader gives a column without a header (dxmap.io.xlsx, pandas)
_UNNAMED = re.compile(r"column \d+(?: \(\d+\))?|Unnamed: \d+(?:_level_\d+)?")


def _say_unknown_statuses(words: pd.Series, rows: np.ndarray, name: str, lang: Lang) -> None:
    """Say once which status words a file has that are not known, with their rows, and how to say what they mean:
    the option names them in the words of the sheet ("Mất sóng"), which no list of words could foresee. An Excel
    error value ("#N/A") is no word to name: its formula is to be corrected."""
    words = words.astype("string")
    kept = per_distinct(words, lambda w: excel_error(w) is None, dtype="boolean").fillna(True).to_numpy(dtype=bool)
    if not kept.any():
        return
    at = pd.Series(np.asarray(rows)[kept].astype(int), index=words[kept].to_numpy(dtype=object))
    at = at.groupby(level=0, sort=False).unique()  # each word's rows
    listed = [f"{w!r} ({rows_in(sorted(r.tolist()), lang)})" for w, r in at.items()]
    # on the command line: --status-word 'Mất sóng'=none; the status its words say where they say one ("Đã có KH":
    # planned), never a gap offered for a plan (QA64 F11). Without one, a blank to fill in: an example pasted as it
    # stands would read every "Sí" as a gap (QA72 K3)
    guess = said_status(at.index[0])
    statuses = ", ".join(s.value for s in Status if s.value != guess)
    key = "log_unknown_status" if guess else "log_unknown_status_blank"
    blank = label("status_blank", lang)  # "STATUS", "TRẠNG_THÁI"
    example = f"status_words={{{at.index[0]!r}: {guess or blank!r}}}"
    log.info("%s", label(key, lang, file=name, n=len(at), example=example, others=statuses,
                         list=preview_in(listed, lang, 5, quoted=False)))


def _value_word(kind: str, value: str, lang: Lang) -> str:
    """A value read from a word, as the log names it: the value itself (``none``, ``fibre``, ``village``) in
    English, its label in Vietnamese (``Chưa có``, ``cáp quang``, ``thôn/bản``)."""
    return value if lang == "en" else label(f"log_tech_{value}" if kind == "technology" else value, lang)


def _records(lines: pd.DataFrame, text: pd.DataFrame, rows: pd.Series, *, name: str, where: str,
             order: DateOrder | None, stamp: pd.Timestamp | None, date_cells: np.ndarray | None = None,
             unsaved: dict[str, dict[int, str]] | None = None, own: dict[str, str] | None = None,
             lang: Lang = "en", kind: str = "file") -> tuple[pd.DataFrame, bool]:
    """The records of ``lines``, and whether their dates were found written month first (no ``order`` given)."""
    pos = lines["pos"].to_numpy()
    same = len(pos) == len(text) and (pos == np.arange(len(text))).all()
    base = text if same else text.iloc[pos]
    base = base.reset_index(drop=True)
    n = len(lines)
    ignore = lines["ignore_reason"].astype("string")
    kept = ignore.isna().to_numpy()
    problems: list[np.ndarray] = [lines["problem"].to_numpy(dtype=object)]
    packed = lines["packed"].to_numpy(dtype=bool) if "packed" in lines else np.zeros(len(lines), dtype=bool)
    runaway = lines["runaway"].to_numpy(dtype=bool) if "runaway" in lines else np.zeros(len(lines), dtype=bool)
    person_rows = (rows if same else rows.iloc[pos]).reset_index(drop=True)

    out = pd.DataFrame(index=pd.RangeIndex(n))
    for col in RECORD_COLUMNS:
        out[col] = base[col] if col in base.columns else pd.Series(pd.NA, index=out.index, dtype="string")
    for col in ("commune_name", "district_name", "village_name", "village_id", "source", "note"):
        out[col] = nfc_series(out[col])  # each distinct value once
    if "cells_said" in lines.columns and lines["cells_said"].notna().any():  # each operator's cell, when they differ
        said = nfc_series(lines["cells_said"].astype("string"))
        out["note"] = (out["note"] + "; " + said).fillna(out["note"]).fillna(said)
    # a district code typed in the district's column ("Huyện": 132) is its code, not a district named "132"
    numeric = [v for v in out["district_name"].dropna().unique() if v.strip().isdigit() and len(v.strip()) <= 3]
    if numeric:  # looked at once per distinct name: a national file has ~700 of them in 200,000 rows
        digits = out["district_name"].isin(numeric).to_numpy(dtype=bool) & out["district_code"].isna().to_numpy(dtype=bool)
        out.loc[digits, "district_code"] = out.loc[digits, "district_name"]
        out.loc[digits, "district_name"] = pd.NA
    # and a commune code in the commune's column ("Xã": 02692; QA70 N7): four digits or more, never a ward's number
    numeric = [v for v in out["commune_name"].dropna().unique() if v.strip().isdigit() and len(v.strip()) >= 4]
    if numeric:
        digits = (out["commune_name"].isin(numeric).to_numpy(dtype=bool)
                  & out["commune_code"].isna().to_numpy(dtype=bool))
        out.loc[digits, "commune_code"] = out.loc[digits, "commune_name"]
        out.loc[digits, "commune_name"] = pd.NA
    out["commune_code"] = normalise_code(out["commune_code"], level="commune")
    out["district_code"] = normalise_code(out["district_code"], level="district")

    tech_text = lines["technology"].astype("string")
    missing_tech = kept & tech_text.isna().to_numpy() & pd.isna(problems[0])  # not again for a line cut short
    tech, tech_why, misspelt = _words("technology", tech_text, kept & ~runaway, person_rows, lang=lang)
    tech_why[missing_tech] = label("row_no_technology", lang, accepted=accepted_words("technology", lang=lang))
    problems.append(tech_why)
    status, status_why, notes = _words("status", lines["status"].astype("string"), kept & ~runaway, person_rows,
                                       lines["column"], own=own, lang=lang)
    misspelt += notes
    problems.append(status_why)
    out["technology"] = pd.Series(tech, index=out.index, dtype=object)
    # a wide row whose cells the reader could not make a status of (sub-columns marked twice, operators' cells not
    # read: their cells are kept as typed) has none, not the "unknown" of an empty cell
    if "typed" in lines.columns:
        status[(lines["status"].isna() & lines["typed"].notna()).to_numpy(dtype=bool)] = pd.NA
    out["status"] = pd.Series(status, index=out.index, dtype=object)
    # "unknown" without a date says nothing: no record (the map's downloaded list writes the units without data so;
    # read back, they were invalid for want of a date)
    unknown = (kept & ~packed & pd.isna(problems[0]) & pd.isna(status_why) & lines["status"].notna().to_numpy()
               & out["status"].eq(Status.UNKNOWN.value).to_numpy(dtype=bool, na_value=False)
               & out["as_of"].isna().to_numpy() & (stamp is None))  # said on a line of their own, below
    if unknown.any():
        ignore = ignore.mask(unknown, label("row_unknown_undated", lang))
        kept = kept & ~unknown

    # the technology's own level, unless the file gives one
    level = out["technology"].map({t.value: t.level.value for t in Technology}).to_numpy(dtype=object, na_value=None)
    given = kept & out["level"].notna().to_numpy()
    level_typed = pd.Series(pd.NA, index=out.index, dtype="string")  # a level not read ("xóm"), as typed
    if given.any():
        parsed, level_why, notes = _words("level", out["level"], given, person_rows, lang=lang)
        level[given] = np.where(pd.isna(parsed[given]), None, parsed[given])
        problems.append(level_why)
        level_typed = level_typed.mask(pd.notna(level_why), out["level"])
        misspelt += notes
    if misspelt:  # read all the same: unaccented typing is silent, other diacritics may be another word
        log.warning("%s", label("log_spellings", lang, file=name, list=", ".join(misspelt[:5]),
                                more=label("log_spellings_more", lang, n=len(misspelt)) if len(misspelt) > 5 else ""))
    out["level"] = pd.Series(np.where(kept, level, None), index=out.index)  # text ("str"), or objects when all missing

    dates = out["as_of"]
    read = parse_dates(dates.where(pd.Series(kept, index=out.index)), order=order, where=where, rows=person_rows,
                       lang=lang, kind=kind)
    if date_cells is not None:  # Excel date cells (a workbook) beside dates typed as text
        warn_excel_swaps(dates.where(pd.Series(kept, index=out.index)), date_cells[pos] & kept, order=read.order,
                         where=where, rows=person_rows, lang=lang)
    as_of = read.dates
    problems.append(read.problems.to_numpy(dtype=object, na_value=None))
    late = kept & (as_of > _latest_date()).to_numpy()
    if late.any():
        why = np.full(n, None, dtype=object)
        written = as_of[late].dt.strftime("%Y-%m-%d").map(lambda d: date_text(d, lang))
        why[late] = say("row_future_date", lang, date=written, today=date_text(_today(), lang)).to_numpy(dtype=object)
        problems.append(why)  # an invalid row: never matched, so never the picture's date
    early = kept & (as_of < _EARLIEST_DATE).to_numpy()
    if early.any():  # the mirror of a mistyped 2099: 1024, 1924
        why = np.full(n, None, dtype=object)
        written = as_of[early].dt.strftime("%Y-%m-%d").map(lambda d: date_text(d, lang))
        why[early] = say("row_past_date", lang, date=written, year=str(_EARLIEST_DATE.year)).to_numpy(dtype=object)
        problems.append(why)
    if stamp is not None:
        as_of = as_of.mask(dates.isna() & pd.Series(kept, index=out.index), stamp)
    else:
        undated = kept & dates.isna().to_numpy() & ~packed & ~runaway  # a row in one cell: its date is in it
        problems.append(np.where(undated, label("row_no_date", lang), None))
        # the row's reason says what the commune must do; how to date them all is said here, once (a formula's date
        # is not missing: its row says the file lacks the formula's value)
        blank = undated & ~np.isin(pos, list((unsaved or {}).get("as_of", {})))
        if blank.any():  # the example is the file's newest date: a 2025 file is not told to write 30/6/2024
            newest = as_of[~late].max()  # not a mistyped 2099
            example = f"{newest.day}/{newest.month}/{newest.year}" if pd.notna(newest) else "30/6/2024"
            log.warning("%s", label("log_no_date", lang, file=name, n=len(pd.unique(person_rows[blank])),
                                    rows=rows_in(pd.unique(person_rows[blank]), lang), example=example))
    out["as_of"] = as_of.dt.normalize()

    placed_typed: dict[str, pd.Series] = {}
    for col in ("lon", "lat"):
        if out[col].isna().all():
            out[col] = pd.Series(pd.NA, index=out.index, dtype="Float64")
            continue
        num = pd.to_numeric(out[col].str.replace(",", ".", regex=False), errors="coerce").astype("Float64")
        bad = np.flatnonzero((out[col].notna() & num.isna()).to_numpy() & kept)
        why = np.full(n, None, dtype=object)
        key = {"lon": "row_bad_lon", "lat": "row_bad_lat"}[col]
        said = {v: label(key, lang, value=_quoted(v)) for v in dict.fromkeys(out[col].iloc[bad])}
        why[bad] = [said[v] for v in out[col].iloc[bad]]
        problems.append(why)
        # as typed (103°35'33"E), for the outcomes file to write back: the row sent back is read as invalid again
        placed_typed[col] = out[col].where(pd.Series(np.isin(np.arange(n), bad), index=out.index))
        out[col] = num
    ids = out[["commune_code", "commune_name", "village_id"]].notna().any(axis=1) | (out["lon"].notna() & out["lat"].notna())
    lost = kept & ~ids.to_numpy(dtype=bool) & ~packed  # a row in one cell: its unit is in it
    # a village's row under one that names its commune: a cell merged down the villages, saved as CSV (QA39 L1)
    below = lost & out["village_name"].notna().to_numpy(dtype=bool) & (
        out[["commune_code", "commune_name"]].notna().any(axis=1).cumsum().to_numpy() > 0)
    problems.append(np.where(below, label("row_no_unit_below", lang), np.where(lost, label("row_no_unit", lang), None)))
    if "boundary_version" in base.columns:
        out["boundary_version"] = _versions_read(base["boundary_version"].str.replace(r"\.0$", "", regex=True),
                                                 person_rows, name, lang)
    if "former_commune_code" in base.columns:  # "Mã xã cũ": a code as the commune's is read
        out["former_commune_code"] = normalise_code(base["former_commune_code"], level="commune")
    if "former_commune_name" in base.columns:  # "Xã cũ": the former commune of a 2025-07 commune's village
        out["former_commune_name"] = nfc_series(base["former_commune_name"])

    # Both columns always, missing where nothing is wrong: a filter on them works on a clean file too.
    out["ignore_reason"] = ignore
    # a row naming a unit with every technology's cell blank: no record, said apart from heading and empty rows, since
    # in a sheet of x marks a blank often means "not yet" and the unit then shows as unknown, not as a gap
    blank = ~kept & (lines["blank"].fillna(False).to_numpy(dtype=bool) if "blank" in lines.columns else False)
    if blank.any():
        log.warning("%s", label("log_blank_rows", lang, file=name, n=int(blank.sum()),
                                columns=_blank_columns(lines, blank),
                                rows=preview_in([rows_in([r], lang) for r in person_rows[blank]], lang)))
    for key, rows_of in (("log_ignored_rows", ~kept & ~blank & ~unknown), ("log_unknown_undated", unknown)):
        if rows_of.any():  # each row once (a wide row is a line per technology)
            seen = list(dict.fromkeys(person_rows[rows_of]))
            log.info("%s", label(key, lang, file=name, n=len(seen), rows=preview_in([rows_in([r], lang) for r in seen],
                                                                                     lang)))
    problem = _joined(problems, kept)
    out["problem"] = problem
    # the cells that could not be read, as typed: the outcomes file writes them back, so a row sent back uncorrected
    # is read as invalid again, not as a record without a status or date
    marks = lines["typed"] if "typed" in lines.columns else pd.Series(None, index=lines.index, dtype=object)
    for col, typed, unread in (("technology", tech_text, pd.notna(tech_why)),
                               ("status", marks.fillna(lines["status"]), pd.notna(status_why) | marks.notna().to_numpy()),
                               ("as_of", dates, read.problems.notna().to_numpy())):
        out[f"{col}_typed"] = pd.Series(pd.NA, index=out.index, dtype="string")  # the few unread rows only
        if unread.any():
            out.loc[unread, f"{col}_typed"] = np.asarray(typed, dtype=object)[unread]
    for col, cells in (unsaved or {}).items():  # a formula cell without its value looked empty: its formula
        at = np.flatnonzero(np.isin(pos, list(cells)))
        out.loc[at, f"{col}_typed"] = [cells[p] for p in pos[at]]
    out["level_typed"] = level_typed
    for col, cells in placed_typed.items():
        if cells.notna().any():
            out[f"{col}_typed"] = cells.astype("string")
    if problem.notna().any():
        bad = problem.notna().to_numpy()
        # a wide row's technologies share its problem: said once; only the three shown are written out (a file of
        # 85,000 invalid rows spent 18 s writing each)
        said = pd.DataFrame({"row": np.asarray(person_rows)[bad], "problem": problem[bad].to_numpy()}).drop_duplicates()
        shown = [f"{rows_in([r], lang)}: {p}" for r, p in said.head(3).itertuples(index=False)]
        listed = preview_in(shown, lang) + (label("log_in_all", lang, n=len(said)) if len(said) > 3 else "")
        log.info("%s", label("log_invalid_rows", lang, file=name, n=int(bad.sum()), rows=said["row"].nunique(),
                             list=listed))
    # how to read a status word is said once, in the file's words (QA39 M2); not for a formula written back as text
    formula = lines["status"].astype("string").str.lstrip("'").str.startswith("=").fillna(False).to_numpy(dtype=bool)
    unknown = pd.notna(status_why) & ~formula
    # an operator's cell not read: its words too, and the rows another operator's "covered" decided (QA68 N12)
    odd = lines["unread"][kept].dropna().explode() if "unread" in lines.columns else pd.Series(dtype=object)
    if unknown.any() or len(odd):
        _say_unknown_statuses(pd.concat([lines["status"][unknown], odd.str[1]]),
                              np.concatenate([person_rows[unknown], person_rows[odd.index]]), name, lang)
    decided = odd[lines.loc[odd.index, "status"].notna().to_numpy(dtype=bool)]
    if len(decided):
        cells = decided.groupby(level=0).agg(lambda c: ", ".join(f"{h!r}: {v!r}" for h, v in c))
        log.warning("%s", label("log_any_of_unread", lang, file=name, n=len(cells), list=preview_in(
            [f"{rows_in([person_rows[i]], lang)} ({c})" for i, c in cells.items()], lang, quoted=False)))
    out.insert(0, "row", person_rows.astype(int).to_numpy())
    out.insert(0, "file", name)
    if len(out) and log.isEnabledFor(logging.INFO):  # an empty file has said so
        techs = out.loc[kept, "technology"].value_counts()

        def said(lg: Lang) -> str:
            counts = {**{_tech_word(k, lg): v for k, v in techs.items()}, label("log_ignored", lg): int((~kept).sum())}
            return label("log_records", lg, file=name, n=len(out),
                         counts=", ".join(label("log_count", lg, what=k, n=v) for k, v in counts.items() if v))
        # in every language: a reader given none (the demo's) is shown in the command's (dxmap.cli._said_in)
        log.info("%s", said(lang), extra={"dxmap_said": {lg: said(lg) for lg in ("vi", "en")}})
    return out, order is None and read.order is DateOrder.MDY


def _versions_read(typed: pd.Series, rows: pd.Series, name: str, lang: Lang) -> pd.Series:
    """A ``boundary_version`` ("Phiên bản") column as the versions it names: July 2025 written as a month or its
    first day ("07/2025", "1/7/2025") is "2025-07", said once per file with its rows; a blank is <NA>. Other values
    are kept as typed, for :func:`~dxmap.reconcile.versions.declared_versions` to refuse with every one listed."""
    text = typed.astype("string").str.strip()
    text = text.mask(text.eq(""))
    read = per_distinct(text, version_word)
    other = read.ne(text).to_numpy(dtype=bool, na_value=False)
    if other.any():
        at = rows.to_numpy()
        said = [f"{_quoted(v)} ({rows_in(pd.unique(at[text.eq(v).to_numpy(dtype=bool, na_value=False)]), lang)})"
                for v in dict.fromkeys(text[other])]
        log.info("%s", label("log_versions_read", lang, file=name, list=preview_in(said, lang, quoted=False),
                             version=read[other].iloc[0]))
    return text.mask(pd.Series(other, index=text.index), read)


def _quoted(value: str) -> str:
    """A cell in a message, quoted as typed: '103,5', "103°35'E", never a backslash (repr's 103°35\'33"E)."""
    return repr(value) if not ("'" in value and '"' in value) else f"“{value}”"


def _joined(problems: list[np.ndarray], kept: np.ndarray) -> pd.Series:
    """The row problems joined with "; " (only for rows that are records), <NA> where there are none."""
    out = np.full(len(kept), None, dtype=object)
    for part in problems:
        for i in np.flatnonzero(~pd.isna(part) & kept):
            out[i] = part[i] if out[i] is None else f"{out[i]}; {part[i]}"
    return pd.Series(out, dtype="string")

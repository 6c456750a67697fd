"""The checks at the top of the public functions: is each argument what the function takes?

They are cheap on purpose: the type, and the few columns that tell dxmap's tables apart (never the
rows, but a status table's distinct values, which every count compares as they are). A wrong argument is then
refused at once with its Python name, what was passed and the call
that makes the right one, instead of a ``KeyError`` or ``AttributeError`` from deep inside.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import reprlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import partial
from typing import TypeVar, get_args

import geopandas as gpd
import pandas as pd

from dxmap.errors import ArgumentError, CRSError, OptionError, SchemaError, SnapshotDateError, StatusValueError, preview
from dxmap.labels import Lang, date_text, label, log_said
from dxmap.validate.dates import DateOrder, parse_date, readings_differ, two_days_error
from dxmap.validate.vocab import Level, Status, Technology, word_value

__all__ = ["TABLES", "describe", "require_table", "require_columns", "require_instance", "require_path", "check_lang",
           "option", "date_argument"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Table:
    what: str  # "the status table"
    columns: tuple[str, ...]  # what the functions taking it read
    make: str  # the call that makes it
    signs: frozenset[str]  # columns that only this kind of table has together


# In the order they are recognised: an outcomes table also has every column of a records table.
TABLES: dict[str, _Table] = {
    "outcomes": _Table("the outcomes table", ("file", "row", "level", "technology", "status", "as_of", "source", "note",
                                              "outcome", "unit_id"),
                       "dxmap.reconcile(records, communes, villages) (demo: demo.outcomes)",
                       frozenset({"outcome", "unit_id", "matched_commune_code"})),
    "status": _Table("the status table", ("level", "unit_id", "technology", "status"),
                     "dxmap.unit_status(outcomes, communes, villages) (or dxmap.analyse(data).status)",
                     frozenset({"unit_id", "technology", "status", "map_unit"})),
    "records": _Table("a records table", (),  # reconcile names every column a records table lacks
                      "dxmap.read_records(path), or dxmap.as_records(table) for a table you hold",
                      frozenset({"file", "row", "technology", "status", "as_of"})),
    "communes": _Table("a commune layer", ("code", "name", "district_code", "district_name"),
                       "dxmap.as_communes(dxmap.read_boundaries(path)) or dxmap.bundled_communes()",
                       frozenset({"code", "district_code", "map_unit"})),
    "villages": _Table("a village layer", ("village_id", "name", "commune_code"),
                       "dxmap.as_villages(dxmap.read_boundaries(path))",
                       frozenset({"village_id", "commune_code", "geometry"})),
    "districts": _Table("a district layer", ("code", "name"),
                        "dxmap.as_districts(dxmap.read_boundaries(path)) or dxmap.bundled_districts()",
                        frozenset({"code", "name", "geometry"})),
}

_SHORT = reprlib.Repr()
_SHORT.maxstring, _SHORT.maxother, _SHORT.maxlist = 60, 60, 4


def describe(value: object) -> str:
    """What was passed, for a message: its type, and a table's columns (``a DataFrame with columns ['a', …]``)."""
    if isinstance(value, pd.DataFrame):
        return f"a {type(value).__name__} with columns [{preview([str(c) for c in value.columns], 6)}]"
    if isinstance(value, str):
        return f"the text {_SHORT.repr(value)}"
    if isinstance(value, os.PathLike):
        return f"the path {_SHORT.repr(os.fspath(value))}"
    if value is None or isinstance(value, (bool, int, float, list, tuple, dict, set)):
        return f"{_a(type(value).__name__)} {_SHORT.repr(value)}" if value is not None else "None"
    return _a(type(value).__name__)  # a Dataset, a folium Map, a shapely LineString: their repr says no more


def _a(noun: str) -> str:
    """``noun`` after its article: "an int", "a float", "an Index"."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def _kind_of(frame: pd.DataFrame) -> str | None:
    """Which of dxmap's tables ``frame`` is, by the columns only it has; None when it is none of them."""
    columns = set(frame.columns)
    return next((kind for kind, table in TABLES.items() if table.signs <= columns), None)


def require_table(value: object, kind: str, *, name: str, needs: Iterable[str] = (), geo: bool = False) -> None:
    """Refuse ``value`` unless it is the ``kind`` of table (a key of :data:`TABLES`) with the columns ``needs`` too.

    ``name`` is the argument's Python name; ``geo``: it must be a GeoDataFrame. Raises
    :class:`ArgumentError` for something that is no table (a path, a list, arguments swapped) and
    :class:`SchemaError` for another of dxmap's tables, or one without the columns the function reads.
    """
    table = TABLES[kind]
    fix = f"Pass {table.what} from {table.make}."
    if not isinstance(value, pd.DataFrame):
        raise ArgumentError(f"{name}: got {describe(value)}, not {table.what}. {fix}")
    other = _kind_of(value)
    if kind == "communes" and other == "districts" and "map_unit" not in value.columns:  # not yet through as_communes
        what = "a commune layer" if "district_code" in value.columns else "a layer"  # a district layer would say
        raise SchemaError(f"{name}: got {what} without the column 'map_unit' that dxmap.as_communes adds "
                          f"({describe(value)}). Pass it through dxmap.as_communes(layer) first, or use "
                          f"dxmap.bundled_communes(); a district layer goes to districts=.")
    if other is not None and other != kind and not table.signs <= set(value.columns):
        raise SchemaError(f"{name}: got {TABLES[other].what} ({describe(value)}), not {table.what}. {fix}")
    if kind == "outcomes" and label("chk_col_outcome", "vi") in value.columns:  # dxmap check's file, as it writes it
        raise SchemaError(f"{name}: got an outcomes file written in Vietnamese (its column "
                          f"{label('chk_col_outcome', 'vi')!r}; {describe(value)}): its words are for reading, not "
                          "for reading back. Write it in English to read it back as a table, "
                          "dxmap.write_outcomes(outcomes, path) or `dxmap check --lang en --outcomes FILE`, or give "
                          "the outcomes dxmap.reconcile(records, communes, villages) returns.")
    require_columns(value, [*table.columns, *needs], name=name, fix=fix)
    if kind == "status":
        _require_values(value, name=name)
    if geo and not isinstance(value, gpd.GeoDataFrame):
        raise ArgumentError(f"{name}: got {describe(value)}, without geometry: {table.what} must be a GeoDataFrame. "
                            f"{fix}")
    if geo and value.crs is None:  # as the reading functions refuse one: metres would be taken for degrees
        raise CRSError(f"{name} has no CRS, so dxmap cannot tell where its coordinates are. Set it first, e.g. "
                       f"{name}.set_crs('EPSG:4326') (longitude/latitude) or {name}.set_crs('EPSG:9208') (VN-2000).")


def _require_values(status: pd.DataFrame, *, name: str) -> None:
    """Refuse a status table whose level, technology or status is not one of dxmap's values: the counts compare
    them as they are, so a table edited to "Covered" (a round trip through a spreadsheet) or given a scenario's
    "connected" would drop those rows from every count, silently (QA69 F5: ``summarise`` said 0 of 0). The
    :class:`StatusValueError` names each value with its rows (their count and first index labels) and, when dxmap
    reads it as a word, the ``replace`` that makes it a value."""
    for column, kind in (("level", Level), ("technology", Technology), ("status", Status)):
        counts = status[column].value_counts(dropna=False)
        unknown = counts[counts.gt(0) & ~counts.index.isin([v.value for v in kind])]
        if unknown.empty:
            continue
        column_values = status[column]

        def rows(value: object) -> str:  # the index of the first rows holding it: for a few, the rows to look at
            at = status.index[column_values.isna() if pd.isna(value) else column_values.eq(value).fillna(False)]
            return ", ".join(map(str, at[:3])) + (" …" if len(at) > 3 else "")
        shown = ", ".join(f"{v!r} ({n:,} {'row' if n == 1 else 'rows'}: {rows(v)})" for v, n in unknown.head(5).items())
        shown += f" … ({len(unknown)} values in all)" if len(unknown) > 5 else ""
        words = {v: word_value(column, v) for v in unknown.index}
        fix = (f"Make them values first: {name}[{column!r}] = {name}[{column!r}].replace({words!r})."
               if len(words) <= 5 and all(isinstance(v, str) and w for v, w in words.items())
               else f"Use one of {', '.join(v.value for v in kind)}.")
        raise StatusValueError(f"{name}: {int(unknown.sum()):,} of {len(status):,} rows have a {column} that is not "
                               f"one of dxmap's values: {shown}. Counted as they are, they would be left out of every "
                               f"count. {fix}")


def require_columns(value: object, columns: Iterable[str], *, name: str, fix: str) -> None:
    """Refuse ``value`` unless it is a table with ``columns``: :class:`ArgumentError` for no table,
    :class:`SchemaError` naming the columns it lacks; ``fix`` says what to pass instead."""
    if not isinstance(value, pd.DataFrame):
        raise ArgumentError(f"{name}: got {describe(value)}, not a table. {fix}")
    missing = [c for c in dict.fromkeys(columns) if c not in value.columns]
    if missing:
        raise SchemaError(f"{name}: no column {preview(missing)} in {describe(value)}. {fix}")


def require_instance(value: object, types: type | tuple[type, ...], *, name: str, what: str, fix: str) -> None:
    """Refuse ``value`` with an :class:`ArgumentError` unless it is one of ``types``; ``what`` names them
    for people ("a Dataset"), ``fix`` says where one comes from."""
    if not isinstance(value, types):
        raise ArgumentError(f"{name}: got {describe(value)}, not {what}. {fix}")


def require_path(value: object, *, name: str, fix: str = "") -> None:
    """Refuse ``value`` unless it is a path (text or :class:`os.PathLike`)."""
    require_instance(value, (str, os.PathLike), name=name, what="a path (text or pathlib.Path)", fix=fix)


def check_lang(lang: object) -> Lang:
    """``lang`` when it is a language dxmap writes (``"vi"``, ``"en"``), else an :class:`OptionError` listing them."""
    accepted = get_args(Lang)
    if not isinstance(lang, str) or lang not in accepted:
        raise OptionError(f"lang={lang!r}: dxmap writes {' and '.join(repr(a) for a in accepted)} "
                          f"(Vietnamese, English); pass lang={accepted[0]!r} or lang={accepted[1]!r}.")
    return lang  # type: ignore[return-value]


E = TypeVar("E", bound=Enum)


def option(value: object, values: type[E], *, name: str) -> E | None:
    """``value`` as a member of the enum ``values`` (None stays None); an :class:`OptionError` listing the
    accepted values otherwise (``date_order='dd/mm/yyyy'``)."""
    if value is None:
        return None
    try:
        return values(value)
    except ValueError:
        accepted = ", ".join(repr(v.value) for v in values)
        raise OptionError(f"{name}={value!r} is not one of {accepted}.") from None


def date_argument(value: object, *, name: str = "as_of", order: DateOrder | str | None = None,
                  month_first_files: Sequence[str] = ()) -> pd.Timestamp:
    """A date given as an argument (``as_of=``, ``compare_to=``), read as dxmap reads dates: ISO, else day first.

    ``order`` (``date_order=``, CLI ``--date-order``) reads it so (QA72 K1: ``--date-order mdy --as-of 06/07/2024``
    was read as 6 July). Without it, a date that reads as two days ("06/07/2024") is read day first with a line that
    names the other reading, unless records files were found written month first (``month_first_files``, their
    names: :attr:`~dxmap.io.dataset.Dataset.month_first`): it is then refused, naming both readings, as the records'
    order says how the file was written, not how the person typing the argument writes. One that only makes sense
    month first ("06/30/2024") is read so, with a warning whose advice fits an argument (a column's is
    ``date_order=``). Raises :class:`SnapshotDateError` when it is no date. A moment with a time zone
    (``pd.Timestamp.now(tz="Asia/Ho_Chi_Minh")``) is its date there (QA65 F12: a pandas TypeError).
    """
    if isinstance(value, (pd.Timestamp, dt.datetime)) and value.tzinfo is not None:
        value = pd.Timestamp(value).tz_localize(None)
    if order is not None:
        return parse_date(value, order=DateOrder(order), what=name, logger=log)
    if (month_first := readings_differ(value)) is not None:
        day_first = parse_date(value, order=DateOrder.DMY, what=name)
        if month_first_files:  # which of the two is meant is not guessed (QA72 K1)
            raise two_days_error(value, day_first.date(), month_first, what=name, files=month_first_files)
        log_said(log, logging.INFO, "log_arg_day_first", what=name, value=repr(value),
                 date=partial(date_text, day_first.date().isoformat()), other=partial(date_text, month_first.isoformat()),
                 again=name, example=month_first.isoformat())
        return day_first
    try:
        return parse_date(value, order=DateOrder.DMY, what=name, logger=log)
    except SnapshotDateError as day_first:
        try:
            date = parse_date(value, order=DateOrder.MDY, what=name)
        except SnapshotDateError:
            raise day_first from None
    day = date.date().isoformat()
    log_said(log, logging.WARNING, "log_arg_mdy", what=name, value=repr(value), date=partial(date_text, day),
             again=name, example=day)
    return date

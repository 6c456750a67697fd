"""Dates as Vietnamese offices write them: day first, one order per column, nothing guessed.

Vietnam writes the day first: ``30/6/2024``, ``30-06-2024``, ``30.06.2024``, ``ngày 30 tháng 6 năm
2024``. The rule, for record cells, ``as_of=`` and a picture's date alike:

- ISO dates (``2024-06-30``, also with ``/`` or ``.``), Excel dates and Excel serial numbers
  (``45473`` = 2024-06-30) and the Vietnamese words are read as such: they have one reading.
- Other dates (``01/04/2024``) are read **day first**, unless the column says otherwise: a column is
  read one way as a whole. Month first only when that is clearly what it does: its values that only
  make sense month first (``06/30/2024``) are at least half of the rows whose day the order decides
  (those, those that only make sense day first, and those that are a different day each way, such as
  ``01/04/2024``). Then the column is read month first, with a warning, unless some rows only make
  sense day first: that is an error naming rows of each kind. With fewer, they are typos in a
  day-first column (one ``07/15/2024`` must not make ten ``05/07/2024`` 7 May): each is a problem of
  its row, day and month swapped, and a warning names them and ``order='mdy'``.
  The month-first warning also names the values whose meaning that choice decides (``01/04/2024``
  read as 4 January, not 1 April), with their rows and count.
  ``order=`` (:class:`DateOrder`; CLI ``--date-order``) overrides the rule.
- One apostrophe before a date (typed to keep it as text), "ngày" before its digits and a remark in
  brackets after it are not part of it: ``'30/06/2024``, ``ngày 30/6/2024``, ``30/06/2024 (ước)``.
- In a sheet, Excel date cells among dates typed as text day first (``13/04/2024``) may have had
  their day and month swapped by an Excel set to month-first dates: :func:`warn_excel_swaps`
  names those whose day could be a month.
- A month or a quarter, as reports are dated (``Tháng 6/2024``, ``T6/2024``, ``6/2024``, ``2024-06``,
  ``Quý II/2024``, ``Q2/2024``, ``6 tháng đầu năm 2024``), is read as its last day (30 June 2024):
  the status a report gives for a period is the status at its end. The column's reading says so once,
  with the rows.
- A date that exists in no reading (``31/02/2024``, ``abc``) is a problem of its row, never a guess.
- A time after the date is ignored, with its time zone if any (``2024-06-30T10:00+07:00`` is 30 June):
  the day is the one written.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from functools import partial

import numpy as np
import pandas as pd

from dxmap.errors import SchemaError, SnapshotDateError, in_languages, preview, said_error
from dxmap.labels import Lang, date_text, label, log_said, said_all
from dxmap.validate.text import fold

__all__ = ["DateOrder", "ParsedDates", "parse_dates", "parse_date", "day_texts", "warn_excel_swaps", "readings_differ",
           "reads_as_dates", "two_days_error"]

log = logging.getLogger(__name__)


class DateOrder(str, Enum):
    """The order of day, month and year in dates that are not ISO: ``dmy`` is Vietnam's."""

    DMY = "dmy"
    MDY = "mdy"
    YMD = "ymd"


# A time after the day ("30/06/2024 08:00", "2024-06-30T10:00:00+07:00"): the day is the day as written, in its
# own time zone, so the time and zone are dropped (converting to this computer's zone could change the day).
_TIME_RE = re.compile(r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp][Mm])?(?:\s*(?:Z|[+-]\d{2}(?::?\d{2})?))?)$")
_ISO_RE = re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$")
_TRIPLE_RE = re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4}|\d{2})$")
_WORDS_RE = re.compile(r"^(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*(?:nam\s*)?(\d{4})$")
_SERIAL_RE = re.compile(r"^(\d{5})(?:\.\d+)?$")  # 10000-99999: 1927-05-18 to 2173-10-14
# Around a date, dropped: the apostrophe typed to make a spreadsheet keep "'30/06/2024" as text (a CSV saved from it
# keeps the apostrophe), "ngày" before the digits ("ngày 30/6/2024", as reports write it) and a remark in brackets
# after them ("30/06/2024 (ước)"), as a status cell's words in brackets are.
_DAY_WORD_RE = re.compile(r"^ng(?:a|\u00e0|a\u0300)y\s*:?\s*(?=\d)", re.IGNORECASE)  # à, composed or not
_REMARK_RE = re.compile(r"\s*\([^()]*\)$")
# Periods, as folded text: a month ("thang 6/2024", "t6/2024", "6/2024", "6 thang dau nam 2024": its end), a quarter
# ("quy ii/2024", "q2 nam 2024"), a year-month ("2024-06").
_SEP = r"\s*(?:[-/.]|\s)\s*(?:nam\s*)?"
_MONTH_RE = re.compile(rf"^(?:thang\s*|t)?(\d{{1,2}}){_SEP}(\d{{4}})$|^(\d{{1,2}})\s*thang\s*(?:dau\s*)?nam\s*(\d{{4}})$")
_YEAR_MONTH_RE = re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})$")
_QUARTER_RE = re.compile(rf"^(?:quy|q)\s*(iv|i{{1,3}}|[1-4]){_SEP}(\d{{4}})$")
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# Month names, as sheets outside Vietnam write them (QA67 F6): "June 30, 2025", "30 June 2025", "30-Jun-2025",
# "June 2025"; "Jun-24" is Excel's mmm-yy, June 2024 (QA61). Spanish, Portuguese and French ones too, folded
# (QA72 K5): "30 de junio de 2024", "junio 2024", "30/jun/2024", "30 juin 2024", "junho de 2024"
_MONTHS = {name: i for i, names in enumerate((
    "jan january ene enero janeiro janv janvier", "feb february febrero fev fevereiro fevr fevrier",
    "mar march marzo marco mars", "apr april abr abril avr avril", "may mayo mai maio",
    "jun june junio junho juin", "jul july julio julho juil juillet", "aug august ago agosto aout",
    "sep sept september septiembre setiembre set setembro septembre", "oct october octubre out outubro octobre",
    "nov november noviembre novembro novembre", "dec december dic diciembre dez dezembro decembre"), 1)
    for name in names.split()}
_NAME = r"(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th|er)?"
_BETWEEN = r"(?:\s*[-/\s]\s*|\s+de\s+)"  # "30 jun 2024", "30-jun-2024", "30/jun/2024", "30 de junio de 2024"
_NAME_DAY_RE = re.compile(rf"^{_NAME}\s*{_DAY}\s+(\d{{4}})$")
_DAY_NAME_RE = re.compile(rf"^{_DAY}{_BETWEEN}{_NAME}{_BETWEEN}(\d{{4}})$")
_NAME_YEAR_RE = re.compile(rf"^{_NAME}{_BETWEEN}(\d{{4}}|\d{{2}})$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0, counting its phantom 29 February 1900

# What each kind of value can be: one reading (a date or None), or day-first and month-first readings; a period is
# one reading too, its last day.
_FIXED, _TRIPLE, _PERIOD, _NOT_A_DATE = "fixed", "triple", "period", "not a date"


@dataclass(frozen=True)
class _Reading:
    kind: str
    fixed: dt.date | None = None
    groups: tuple[int, int, int] | None = None  # a/b/c as written
    # year, month, day of a date whose month is a word ("June 31, 2025", "31 tháng 6 năm 2025"): no order to name
    named: tuple[int, int, int] | None = None

    def under(self, order: DateOrder) -> dt.date | None:
        if self.kind == _PERIOD:  # a period that has not ended has no last day yet to be the status's day
            return self.fixed if self.fixed is not None and self.fixed <= _tomorrow() else None
        if self.kind != _TRIPLE:
            return self.fixed
        a, b, c = self.groups  # type: ignore[misc]
        if order is DateOrder.YMD:  # "24/06/30"
            return _date(2000 + a, b, c)
        year = c + 2000 if c < 100 else c  # "30/06/24"
        return _date(year, b, a) if order is DateOrder.DMY else _date(year, a, b)


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _read(value: object) -> _Reading:
    """What one cell can mean, before the column's order is known."""
    if isinstance(value, (dt.date, pd.Timestamp)):
        return _Reading(_FIXED, value.date() if isinstance(value, dt.datetime) else value)
    text = _bare(" ".join(str(value).split()))
    text = _TIME_RE.sub("", text).strip() if ":" in text else text
    if m := _ISO_RE.match(text):
        return _Reading(_FIXED, _date(int(m[1]), int(m[2]), int(m[3])))
    if m := _TRIPLE_RE.match(text):
        return _Reading(_TRIPLE, groups=(int(m[1]), int(m[2]), int(m[3])))
    if m := _SERIAL_RE.match(text):
        return _Reading(_FIXED, _EXCEL_EPOCH + dt.timedelta(days=int(m[1])))
    folded = fold(text).replace(",", " ")
    if (m := _WORDS_RE.match(folded)) is not None:
        return _named(int(m[3]), int(m[2]), int(m[1]))
    if (m := _MONTH_RE.match(folded)) is not None:
        return _Reading(_PERIOD, _month_end(int(m[4] or m[2]), int(m[3] or m[1])))
    if (m := _YEAR_MONTH_RE.match(text)) is not None:
        return _Reading(_PERIOD, _month_end(int(m[1]), int(m[2])))
    if (m := _QUARTER_RE.match(folded)) is not None:
        return _Reading(_PERIOD, _month_end(int(m[2]), 3 * _QUARTERS[m[1]]))
    if (m := _NAME_DAY_RE.match(folded)) is not None:
        return _named(int(m[3]), _MONTHS[m[1]], int(m[2]))
    if (m := _DAY_NAME_RE.match(folded)) is not None:
        return _named(int(m[3]), _MONTHS[m[2]], int(m[1]))
    if (m := _NAME_YEAR_RE.match(folded)) is not None:
        year = int(m[2]) + (2000 if len(m[2]) == 2 else 0)
        return _Reading(_PERIOD, _month_end(year, _MONTHS[m[1]]))
    return _Reading(_NOT_A_DATE)


def _named(year: int, month: int, day: int) -> _Reading:
    """A date whose month is a word: its day, and what was written for the message of one that is none."""
    return _Reading(_FIXED, _date(year, month, day), named=(year, month, day))


def _month_days(named: tuple[int, int, int]) -> dict[str, object] | None:
    """What a message says of a date whose month is a word but whose day is none: the month ("June", "tháng 6", a
    function of the language), its year and how many days it has; None for a month that is none ("tháng 13")."""
    year, month, _ = named
    if not 1 <= month <= 12 or not dt.MINYEAR <= year <= dt.MAXYEAR:
        return None
    return {"month": lambda lang: label("log_months", lang).split(", ")[month - 1], "year": str(year),
            "days": calendar.monthrange(year, month)[1]}


def _bare(text: str) -> str:
    """``text`` without one leading apostrophe, a leading "ngày" and a remark in brackets at the end."""
    text = text[1:].lstrip() if text.startswith("'") else text
    text = _REMARK_RE.sub("", text) if text.endswith(")") else text
    return _DAY_WORD_RE.sub("", text)


def _tomorrow() -> dt.date:
    """The latest day a period may end on and be read as its last day (a file from a time zone ahead)."""
    return dt.date.today() + dt.timedelta(days=1)


def _month_end(year: int, month: int) -> dt.date | None:
    return _date(year, month, calendar.monthrange(year, month)[1]) if 1 <= month <= 12 and year >= 1 else None


def _day(day: dt.date, lang: Lang = "en") -> str:
    """``4 January`` (``ngày 4 tháng 1``): the day in words, so that a reader sees which of the two numbers is the
    month."""
    return label("log_day", lang, day=day.day, month=label("log_months", lang).split(", ")[day.month - 1])


def preview_in(values: object, lang: Lang = "en", limit: int = 5, *, quoted: bool = True) -> str:
    """:func:`dxmap.errors.preview` in ``lang``: up to ``limit`` values (``repr`` unless not ``quoted``) and, when
    there are more, how many in all: ``'a', 'b' … (7 in all)``. The reader's messages list values with it."""
    items = list(values)  # type: ignore[call-overload]
    shown = ", ".join(repr(v) if quoted else str(v) for v in items[:limit])
    return shown + label("log_in_all", lang, n=len(items)) if len(items) > limit else shown


def rows_in(seen: object, lang: Lang = "en", limit: int = 3) -> str:
    """Row numbers as a person reads them: ``row 3``, ``rows 3, 7, 8 … (9 in all)`` (``dòng 3, 7, 8 …``)."""
    items = list(seen)  # type: ignore[call-overload]
    return label("log_row_one" if len(items) == 1 else "log_rows", lang,
                 list=preview_in(items, lang, limit, quoted=False))


def _rows_of(codes: np.ndarray, i: int, rows: pd.Series, lang: Lang = "en") -> str:
    """The rows (a person's numbers, each once) holding distinct value ``i``: ``row 3``, ``rows 3, 7, 8 … (9 in all)``."""
    return rows_in(pd.unique(rows.to_numpy()[codes == i]), lang)


def _column_word(column: str, lang: Lang) -> str:
    """The date column's word: "date" (``ngày``), or the name given."""
    return label("row_date_column", lang) if column == "date" else column


def _row_count(codes: np.ndarray, hits: list[int], rows: pd.Series) -> int:
    """How many rows (each once: a wide row is several records) hold one of the distinct values ``hits``."""
    return len(pd.unique(rows.to_numpy()[np.isin(codes, hits)]))


# the row problem of a day that does not exist in the column's order (dxmap.labels)
_NO_SUCH_DAY = {DateOrder.DMY: "row_no_such_day_dmy", DateOrder.MDY: "row_no_such_day_mdy",
                DateOrder.YMD: "row_no_such_day_ymd"}


@dataclass(frozen=True)
class ParsedDates:
    """What :func:`parse_dates` read: ``dates`` (NaT where missing or impossible), ``problems``
    (the reason on rows whose date is impossible, else <NA>) and the ``order`` used."""

    dates: pd.Series
    problems: pd.Series
    order: DateOrder


def parse_dates(values: pd.Series, *, order: DateOrder | str | None = None, where: str = "records",
                rows: pd.Series | None = None, column: str = "date", lang: Lang = "en",
                kind: str | None = None) -> ParsedDates:
    """Read a column of dates by the rule in the module docs, once per distinct value.

    Parameters
    ----------
    values
        Text (or dates); missing and empty cells give NaT without a problem.
    order
        ``"dmy"``, ``"mdy"`` or ``"ymd"`` for the non-ISO dates; default: day first unless the
        column is clearly written month first (module docs).
    where, rows, column
        For messages: the file, the row numbers a person sees (default the index), the column.
    lang
        The language of ``problems``, the log and errors: ``"en"`` (default) or ``"vi"``.
    kind
        What the messages call the whole (how to read "the file"): default the file's word in ``lang``;
        :func:`~dxmap.as_records` gives the table's.

    Raises
    ------
    SchemaError
        Without ``order``, when some rows only make sense day first and at least half of the rows whose
        day the order decides only month first.
    """
    from dxmap.validate.tables import check_lang  # tables reads dates: imported when called

    lang = check_lang(lang)
    chosen = DateOrder(order) if order is not None else None
    rows = rows if rows is not None else pd.Series(values.index, index=values.index)
    text = values.astype("string").str.strip().replace("", pd.NA)
    codes, distinct = pd.factorize(text)
    readings = [_read(v) for v in np.asarray(distinct, dtype=object)]
    if chosen is None:
        chosen = _column_order(readings, codes, text, rows, where, column, distinct, lang,
                               kind if kind is not None else label("rd_kind_file", lang))
    dates = [r.under(chosen) for r in readings]
    _say_periods(readings, codes, rows, where, column, distinct, lang)
    parsed = np.array([np.datetime64(d, "us") if d is not None else np.datetime64("NaT", "us") for d in [*dates, None]])
    out = pd.Series(parsed[codes], index=values.index, dtype="datetime64[us]")
    reasons = np.array([None if d is not None else _problem(distinct[i], readings[i], chosen, column, lang)
                        for i, d in enumerate(dates)] + [None], dtype=object)
    problems = pd.Series(reasons[codes], index=values.index, dtype="string")
    return ParsedDates(out, problems, chosen)


def _say_periods(readings: list[_Reading], codes: np.ndarray, rows: pd.Series, where: str, column: str,
                 distinct: pd.Index, lang: Lang = "en") -> None:
    """One line naming the months and quarters of a column, each read as its last day."""
    periods = [i for i, r in enumerate(readings) if r.kind == _PERIOD and r.under(DateOrder.DMY) is not None]
    if periods:
        shown = "; ".join(label("log_period", lang, value=repr(distinct[i]), rows=_rows_of(codes, i, rows, lang),
                                date=date_text(readings[i].fixed.isoformat(), lang))  # type: ignore[union-attr]
                          for i in periods[:5])
        more = label("log_periods_more", lang, n=len(periods)) if len(periods) > 5 else ""
        log.info("%s", label("log_periods", lang, where=where, n=_row_count(codes, periods, rows),
                             column=_column_word(column, lang), list=shown, more=more))


def _problem(value: object, reading: _Reading, order: DateOrder, column: str, lang: Lang = "en") -> str:
    """Why a value of the date column is no day, in ``lang`` (the column's own word for "date")."""
    words = {"column": _column_word(column, lang), "value": repr(value)}
    if reading.kind == _NOT_A_DATE:
        return label("row_not_a_date", lang, **words)
    if reading.kind == _PERIOD and reading.fixed is not None:
        return label("row_period_not_ended", lang, date=date_text(reading.fixed.isoformat(), lang), **words)
    if reading.kind == _PERIOD:
        return label("row_no_such_period", lang, **words)
    swapped = reading.under(DateOrder.MDY) if reading.kind == _TRIPLE and order is DateOrder.DMY else None
    if swapped is not None:  # "07/15/2024" in a day-first column: a day and month typed the other way round?
        fixed = f"{swapped.day:02d}/{swapped.month:02d}/{swapped.year}"  # as the column is read
        return label("row_month_first_only", lang, month=swapped.day, day=_day(swapped, lang), fixed=fixed, **words)
    if reading.named is not None:  # "June 31, 2025": read in no order, so none is named (QA68 N8)
        said = _month_days(reading.named)
        if said is None:
            return label("row_no_such_day_named", lang, **words)
        return label("row_no_such_day_month", lang, **{k: v(lang) if callable(v) else v for k, v in said.items()},
                     **words)
    return label("row_no_such_day_iso" if reading.kind == _FIXED else _NO_SUCH_DAY[order], lang, **words)


def _told_apart(readings: list[_Reading]) -> tuple[dict[DateOrder, list[int]], list[int]]:
    """The distinct values that are a day in one order only (``13/04/2024`` day first, ``04/13/2024`` month first),
    and those that are a different day in each (``01/04/2024``): the values whose day the column's order decides."""
    only: dict[DateOrder, list[int]] = {DateOrder.DMY: [], DateOrder.MDY: []}
    either = []
    for i, r in enumerate(readings):
        if r.kind != _TRIPLE:
            continue
        dmy, mdy = r.under(DateOrder.DMY), r.under(DateOrder.MDY)
        if (dmy is None) != (mdy is None):
            only[DateOrder.DMY if dmy is not None else DateOrder.MDY].append(i)
        elif dmy is not None and dmy != mdy:
            either.append(i)
    return only, either


def _column_order(readings: list[_Reading], codes: np.ndarray, text: pd.Series, rows: pd.Series, where: str,
                  column: str, distinct: pd.Index, lang: Lang = "en", kind: str = "file") -> DateOrder:
    """Day first, unless month first is clearly what the column does: its month-first-only rows are at least half
    of the rows whose day the order decides. Then an error if some rows only make sense day first."""
    only, either = _told_apart(readings)
    if not only[DateOrder.MDY]:
        if either and not only[DateOrder.DMY]:  # every day the order decides reads either way: said, never guessed
            # in silence (QA67 F4: a US sheet's 07/01/2025, 1 July, read as 7 January)
            first = readings[either[0]]
            log.info("%s", label("log_day_first_either", lang, where=where, kind=kind,
                                 column=_column_word(column, lang),
                                 n=_row_count(codes, either, rows), value=repr(distinct[either[0]]),
                                 day=_day(first.under(DateOrder.DMY), lang), year=str(first.under(DateOrder.DMY).year)))
        return DateOrder.DMY

    def listed(order: DateOrder) -> str:
        hit = np.isin(codes, only[order])  # a wide row's technologies share its date: each row once (QA66 F10)
        return preview_in([f"{rows_in([r], lang)}: {v!r}" for r, v in dict.fromkeys(zip(rows[hit], text[hit]))], lang)

    words = {"where": where, "column": _column_word(column, lang), "kind": kind}
    month_first = _row_count(codes, only[DateOrder.MDY], rows)
    decided = _row_count(codes, only[DateOrder.DMY] + only[DateOrder.MDY] + either, rows)
    if 2 * month_first < decided:  # a few typos in a day-first file: one must not turn every 05/07/2024 into 7 May
        log.warning("%s", label("log_month_first_typos", lang, rows=listed(DateOrder.MDY), n=month_first,
                                total=decided, **words))
        return DateOrder.DMY
    if only[DateOrder.DMY]:
        raise SchemaError(label("err_two_orders", lang, dmy=listed(DateOrder.DMY), mdy=listed(DateOrder.MDY), **words))
    if not either:
        log.warning("%s", label("log_month_first", lang, rows=listed(DateOrder.MDY), **words))
    else:
        _say_month_first(readings, codes, rows, distinct, either, listed(DateOrder.MDY), words, lang)
    return DateOrder.MDY


def _say_month_first(readings: list[_Reading], codes: np.ndarray, rows: pd.Series, distinct: pd.Index,
                     either: list[int], forced: str, words: dict[str, str], lang: Lang = "en") -> None:
    """The column is read month first: the rows that forced it are not the only ones that order decides, as every
    ``01/04/2024`` (``either``) is now 4 January."""
    shown = []
    for i in either[:5]:
        mdy, dmy = readings[i].under(DateOrder.MDY), readings[i].under(DateOrder.DMY)
        shown.append(label("log_month_first_read", lang, value=repr(distinct[i]), rows=_rows_of(codes, i, rows, lang),
                           date=date_text(mdy.isoformat(), lang), day=_day(mdy, lang),  # type: ignore[union-attr]
                           other=_day(dmy, lang)))  # type: ignore[arg-type]
    more = label("log_such_dates_more", lang, n=len(either)) if len(either) > 5 else ""
    log.warning("%s", label("log_month_first_also", lang, rows=forced, n=_row_count(codes, either, rows),
                            list="; ".join(shown), more=more, **words))


def parse_date(value: object, *, order: DateOrder | str | None = None, what: str = "as_of",
               logger: logging.Logger = log, lang: Lang = "en") -> pd.Timestamp:
    """Read one date (``as_of=``, a picture's date) by the same rule as a column: day first unless ISO.

    ``what`` names the argument in the messages. Without ``order``, a value that only makes sense month first
    ("06/30/2024") is read so, with a warning that names the argument (it has no column or rows to name). A
    month or quarter ("Quý II/2024") is its last day, once it has ended.
    Raises :class:`SnapshotDateError` when ``value`` is no date. ``logger`` says those things (the caller's
    own: the command line words an argument by the logger that names it); ``lang`` their language.
    """
    if isinstance(value, (dt.date, pd.Timestamp)) and not pd.isna(value):
        return pd.Timestamp(value).normalize()
    reading = _read(value) if isinstance(value, str) else None
    if reading is not None and reading.kind == _PERIOD and (day := reading.under(DateOrder.DMY)) is not None:
        log_said(logger, logging.INFO, "log_arg_period", lang=lang, what=what, value=repr(value),
                 date=partial(date_text, day.isoformat()))
        return pd.Timestamp(day).as_unit("us")  # as parse_dates gives it
    if order is None and reading is not None:
        day = reading.under(DateOrder.MDY) if reading.kind == _TRIPLE else None
        if day is not None and reading.under(DateOrder.DMY) is None:
            log_said(logger, logging.WARNING, "log_arg_month_first", lang=lang, what=what, value=repr(value),
                     date=partial(date_text, day.isoformat()), day=partial(_day, day),
                     example=partial(date_text, day.isoformat()))
            return pd.Timestamp(day).as_unit("us")  # as parse_dates gives it
        order = DateOrder.DMY  # one value: day first unless ISO, as a column is, without a column's words
    parsed = parse_dates(pd.Series([value], dtype=object), order=order, where=f"{what}={value!r}", column=what,
                         lang=lang)
    if pd.isna(parsed.dates.iloc[0]):
        reading = reading if reading is not None and value.strip() else _Reading(_NOT_A_DATE)  # type: ignore[union-attr]
        if reading.kind == _PERIOD:
            why = (said_all("err_arg_no_period") if reading.fixed is None else
                   said_all("err_arg_open_period", date=partial(date_text, reading.fixed.isoformat())))
        else:
            key = ("err_arg_not_a_date" if reading.kind == _NOT_A_DATE else
                   "err_arg_no_day_named" if reading.named is not None else
                   "err_arg_no_day_iso" if reading.kind == _FIXED else "err_arg_no_day")
            said = _month_days(reading.named) if reading.named is not None else None
            why = (said_all("err_arg_no_day_month", **said) if said is not None else
                   said_all(key, order=partial(label, f"log_order_{parsed.order.value}")))
        text = said_all("err_date_arg", what=what, value=repr(value), why=why.get)
        raise in_languages(SnapshotDateError(text[lang]), text)
    return parsed.dates.iloc[0]


def readings_differ(value: object) -> dt.date | None:
    """The month-first date of ``value`` when it is a valid, different day read day first ("06/07/2024": 7 June, not
    6 July), else None."""
    reading = _read(value) if isinstance(value, str) else None
    if reading is None or reading.kind != _TRIPLE:
        return None
    day_first, month_first = reading.under(DateOrder.DMY), reading.under(DateOrder.MDY)
    return month_first if None not in (day_first, month_first) and day_first != month_first else None


def two_days_error(value: object, day_first: dt.date, month_first: dt.date, *, what: str,
                   files: Sequence[str]) -> SnapshotDateError:
    """The refusal of an argument ``value`` that reads as two days ("06/07/2024") beside records ``files`` found
    written month first: each reading, and how to write the one meant."""
    return said_error(SnapshotDateError, "err_arg_two_days", what=what, value=repr(value),
                      dmy=partial(date_text, day_first.isoformat()), dmy_day=partial(_day, day_first),
                      mdy=partial(date_text, month_first.isoformat()), mdy_day=partial(_day, month_first),
                      files=partial(preview_in, list(files), quoted=False), iso_dmy=day_first.isoformat(),
                      iso_mdy=month_first.isoformat())


def reads_as_dates(values: pd.Series) -> bool:
    """Whether most (4 in 5) of a column's distinct filled cells are dates or periods ("June 2024", "30/06/2024", a
    date cell), saying nothing: what an error about a missing date column suggests mapping. A number alone is none
    (a code, not Excel's serial day)."""
    distinct = [v for v in pd.unique(values.dropna()) if str(v).strip()]
    if not distinct:
        return False
    dated = sum(1 for v in distinct if isinstance(v, (dt.date, pd.Timestamp)) or (
        not str(v).strip().isdigit() and _read(v).under(DateOrder.DMY) is not None))
    return 5 * dated >= 4 * len(distinct)


def day_texts(values: pd.Series, *, column: str, fix: str) -> list[str]:
    """Each of ``values`` (a table's date column) as "YYYY-MM-DD", "" where missing or empty.

    Date-times keep their own calendar day (a tz-aware value is not moved to UTC first: a Vietnam
    midnight stays that day); text is read as :func:`parse_date` reads it, day first unless ISO.
    Call it on the distinct values: text is read one value at a time.

    Raises
    ------
    SchemaError
        Naming ``column`` and the values that are no date, followed by ``fix``.
    """
    values = pd.Series(values)
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        return values.dt.strftime("%Y-%m-%d").fillna("").tolist()
    out, bad = [], []
    for value in values.tolist():
        if value is None or (isinstance(value, str) and not value.strip()) or (not isinstance(value, str) and pd.isna(value)):
            out.append("")
            continue
        try:
            out.append(parse_date(pd.Timestamp(value) if isinstance(value, np.datetime64) else value,
                                  what=column).date().isoformat())
        except SnapshotDateError:
            out.append("")
            bad.append(value)
    if bad:
        raise SchemaError(f"the table's {column} column holds {len(bad)} value(s) that are not dates: {preview(bad)}. {fix}")
    return out


def warn_excel_swaps(values: pd.Series, cells: np.ndarray, *, order: DateOrder, where: str = "records",
                     rows: pd.Series | None = None, column: str = "date", lang: Lang = "en") -> None:
    """Warn (once) about Excel date cells whose day and month Excel may have swapped.

    An Excel set to month-first dates turns a typed ``01/04/2024`` into the date 4 January and keeps
    ``13/04/2024``, which is no month-first date, as text. So when a column read day first holds,
    besides date cells (``cells``: True where the cell was an Excel date, its text ``values`` then
    ``"2024-01-04"``), text dates that only make sense day first, the date cells whose day could be a
    month (day ≤ 12, day ≠ month) are named with their rows, the day they would be if swapped and the
    fix; not those whose swap would be a day not yet come. They are still read as the dates Excel holds. A column of
    date cells only, or whose text dates
    could all be month first, says nothing: such sheets are made every day without an accident.
    Each distinct value is looked at once. The warning is in ``lang``.
    """
    cells = np.asarray(cells, dtype=bool)
    if order is not DateOrder.DMY or not cells.any() or cells.all():
        return
    rows = rows if rows is not None else pd.Series(values.index, index=values.index)
    text = values.astype("string").str.strip().replace("", pd.NA)
    typed_codes, typed = pd.factorize(text.where(~cells))
    day_first = [i for i, v in enumerate(typed) if (r := _read(v)).kind == _TRIPLE
                 and r.under(DateOrder.DMY) is not None and r.under(DateOrder.MDY) is None]
    if not day_first:
        return
    codes, distinct = pd.factorize(text.where(cells))
    days = [_read(v).fixed for v in distinct]
    # a swap that would give a day not yet come (12/11/2026 typed on 7 December: 11 December) did not happen
    swappable = [i for i, d in enumerate(days) if d is not None and d.day <= 12 and d.day != d.month
                 and d.replace(month=d.day, day=d.month) <= _tomorrow()]
    if not swappable:
        return
    shown = []
    for i in swappable[:5]:
        d = days[i]
        swapped = d.replace(month=d.day, day=d.month)  # type: ignore[union-attr]
        shown.append(label("log_swapped", lang, date=date_text(d.isoformat(), lang),  # type: ignore[union-attr]
                           rows=_rows_of(codes, i, rows, lang), day=_day(d, lang),  # type: ignore[arg-type]
                           swapped=_day(swapped, lang)))
    more = label("log_such_dates_more", lang, n=len(swappable)) if len(swappable) > 5 else ""
    typed_shown = "; ".join(label("log_typed_in", lang, value=repr(typed[i]), rows=_rows_of(typed_codes, i, rows, lang))
                            for i in day_first[:2])
    log.warning("%s", label("log_excel_swaps", lang, where=where, column=_column_word(column, lang), typed=typed_shown,
                            n=_row_count(codes, swappable, rows), list="; ".join(shown), more=more))

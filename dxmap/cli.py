"""The ``dxmap`` command: a thin layer over the public API.

Every command reads with :func:`read_dataset` (or :func:`demo_dataset`), computes with
:func:`analyse`, and writes with the table and map functions. Whatever goes wrong is one line on
stderr (see docs/errors.md): a :class:`DxmapError` or a file that cannot be written exits 1, a
usage mistake 2, and an unexpected exception (a bug) exits 2 with "internal error" and the hint to
run with ``-v`` for the traceback. Text from the inputs is printed with its control characters
escaped, so a name cannot drive the terminal. No output file is written over an input.
"""

from __future__ import annotations

import ast
import contextlib
import difflib
import errno
import functools
import json
import logging
import math
import os
import re
import shlex
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import click
import pandas as pd

from dxmap._files import atomic_write
from dxmap._sheets import csv_text, with_note
from dxmap.gaps.change import Comparison, compare, comparison_table, format_change, write_change
from dxmap.render.change_layer import change_layer
from dxmap.errors import (DuplicateRecordError, DxmapError, OutputFileError, UnknownUnitError, UnmatchedRecordsError,
                          VersionMismatchError, in_languages, said_error)
from dxmap.render.webmap import gap_map, save_map
from dxmap.gaps.analysis import Analysis, analyse, check_as_of
from dxmap.gaps.status import outcome_word
from dxmap.io.boundaries import BOUNDARY_KINDS
from dxmap.io.dataset import Dataset, given_date
from dxmap.io.encodings import canonical_encoding
from dxmap.pipeline import demo_dataset, illustrative_note, read_dataset
from dxmap.labels import counts_text, date_text, label, log_said, number_text, say
from dxmap.reconcile.match import Outcome, outcome_counts
from dxmap.reconcile.partition import check_engine
from dxmap.reconcile.versions import BOUNDARY_VERSIONS
from dxmap.render.tables import format_summary, summary_table, write_summary_csv, write_summary_json
from dxmap.validate.text import fold, spelling_key, strip_prefix

log = logging.getLogger("dxmap")
_BASEMAP_HELP = "Start the map with the OpenStreetMap basemap on (needs internet; off by default: the map works offline)."


def _simplify_value(ctx: click.Context, param: click.Parameter, value: str) -> bool | float | None:
    """--simplify auto|on|off|METRES → gap_map's simplify= (None, True, False or metres)."""
    word = value.strip().lower()
    if word in ("auto", "on", "off"):
        return {"auto": None, "on": True, "off": False}[word]
    try:
        metres = float(word)
    except ValueError:
        metres = math.nan
    if not 0 < metres < math.inf:  # "-5", "nan": no tolerance (QA60 22: -5 was taken, and nothing said)
        lang = _lines_lang("map", ctx.params.get("lang"))  # --lang is eager: read before this option
        raise click.BadParameter(label("cli_simplify", lang, value=repr(value)))
    return metres


# Messages name Python arguments (the API's words); seen from the command line they name its options.
# Reading and analysing both take an ``as_of=``: --records-date when reading, --as-of afterwards.
_QUOTED = r"""(['"])(.*?)\{n}"""  # a value as repr() writes it; group n is its quote


def _option_value(option: str) -> Callable[[re.Match[str]], str]:
    """``--option value``, the value quoted as a shell needs it when it is empty or holds a space or quote."""
    def replace(m: re.Match[str]) -> str:
        value = m.group(2)
        if value and not re.search(r"[\s'\"\\]", value):
            return f"{option} {value}"
        return f"{option} {value!r}" if value else f"{option} ''"
    return replace


def _words(args: dict[str, str], *extra: tuple[str, str]) -> list[tuple[str, Any]]:
    """Rules for ``arg='value'`` → ``--option value`` and a bare ``arg=`` → ``--option``."""
    rules: list[tuple[str, Any]] = list(extra)
    # not a field name after --column ("--column technology='Your header'", from columns={...})
    rules += [(rf"(?<!--column )\b{arg}=" + _QUOTED.format(n=1), _option_value(opt)) for arg, opt in args.items()]
    rules += [(rf"(?<!--column )\b{arg}=(?![\w'\"{{])", opt) for arg, opt in args.items()]
    return rules


def _layer_columns(m: re.Match[str]) -> str:
    """``as_villages(..., columns={'name': 'Your header'})`` → ``--villages-column name='Your header'``."""
    pairs = re.findall(r"'(\w+)': " + _QUOTED.format(n=2), m.group(2))
    return " ".join(f"--{m.group(1)}-column {field}={header!r}" for field, _, header in pairs)


# a one-pair dict of str as repr() writes it, its quotes escaped within: {"'Chưa có": 'none'}, {'Bản\\'s "A"': 'none'}
_REPR = r"""('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
_REPR_PAIR = r"\{" + _REPR + ": " + _REPR + r"\}"


def _typed_word(word: str) -> str:
    """A word of the user's in a command line shown: in single quotes, as messages quote it ('Mất sóng'), or as the
    shell needs it when it holds one ("'Chưa có")."""
    return f"'{word}'" if "'" not in word else _shell_word(word)


def _bare_or_typed(word: str) -> str:
    """A value in a command line shown: bare when it is one plain word ("none", "lan"), else :func:`_typed_word`."""
    return word if re.fullmatch(r"[\w/-]+", word) else _typed_word(word)


def _pair_option(option: str, key: Callable[[str], str],
                 value: Callable[[str], str]) -> Callable[[re.Match[str]], str]:
    """``arg={'key': 'value'}`` (:data:`_REPR_PAIR`) → ``--option key=value``, each side written by ``key`` and
    ``value`` as a word the shell takes back whole."""
    def replace(m: re.Match[str]) -> str:
        k, v = (ast.literal_eval(g) for g in m.groups())
        return f"{option} {key(k)}={value(v)}"
    return replace


_READ_WORDS = _words(
    {"as_of": "--records-date", "technology": "--technology", "date_order": "--date-order", "encoding": "--encoding",
     "sheet": "--sheet", "layer": "--layer", "crs": "--crs", "columns": "--column", "wide": "--wide",
     "records_version": "--records-version", "communes_version": "--communes-version", "communes": "--communes",
     "districts": "--districts", "villages": "--villages", "status_words": "--status-word",
     "commune_columns": "--communes-column", "district_columns": "--districts-column", "village_columns": "--villages-column",
     "district_layer": "--districts-layer", "village_layer": "--villages-layer", "engine": "--engine"},
    (r"\bcrs=\{'(\w+)': '([^']+)'\}", r"--crs \1=\2"),  # one kind of file's CRS
    # records of one version against a layer of the other: what the command line does instead of a crosswalk
    (r"Join them to (\S+) boundaries \(read_dataset's communes=, or none for the bundled ones\)",
     r"Give the \1 boundaries with --communes (or leave it out for the bundled ones)"),
    (r"units='2025-07' \(analyse, build_report\)", "--units 2025-07"),
    (r" reconcile\(\) (?:also takes|cũng nhận) crosswalk=bundled_crosswalk\(\) \((?:from|từ) dxmap\.io\.bundled\)\.", ""),
    (r"Hãy đối chiếu với ranh giới (\S+) \(communes= của read_dataset, hoặc bỏ trống để dùng ranh giới kèm theo\)",
     r"Hãy đưa ranh giới \1 bằng --communes (hoặc bỏ --communes để dùng ranh giới kèm theo)"),
    (r"\bcolumns=" + _REPR_PAIR, _pair_option("--column", _bare_or_typed, _typed_word)),
    (r"\bwide=" + _REPR_PAIR, _pair_option("--wide", _typed_word, _bare_or_typed)),
    (r"\bstatus_words=" + _REPR_PAIR, _pair_option("--status-word", _typed_word, _bare_or_typed)))
# Without --communes (the bundled boundaries were used): "or leave --communes out" is no advice (QA64 F17)
_NO_COMMUNES = [
    (r"Join them to (\S+) boundaries \(read_dataset's communes=, or none for the bundled ones\)",
     r"Give the \1 boundaries with --communes"),
    (r"Hãy đối chiếu với ranh giới (\S+) \(communes= của read_dataset, hoặc bỏ trống để dùng ranh giới kèm theo\)",
     r"Hãy đưa ranh giới \1 bằng --communes")]
# For a command without --units (check): the refusal's way to a 2024 picture in the 2025-07 units is another command's
_NO_UNITS = [(r"; (?:with them|với ranh giới đó), units='2025-07' \(analyse, build_report\)[^.]*\.(?: reconcile\(\) "
              r"[^.]*\(\w+ dxmap\.io\.bundled\)\.)?", ".")]
_ANALYSE_WORDS = _words(
    {"as_of": "--as-of", "compare_to": "--compare", "date_order": "--date-order", "district": "--district",
     "units": "--units", "province": "--province", "commune": "--commune"},
    (r"write_outcomes\(\) lists", "`dxmap check --outcomes FILE` lists"),
    (r"compare\(data, compare_to=\.\.\.\)", "--compare DATE"),
    (r"write_outcomes\(\) liệt kê", "lệnh “dxmap check --outcomes TỆP” liệt kê"))
_BOTH_WORDS = [
    # "(--crs on the command line, crs= in Python)"; reasons in Vietnamese: "(--villages khi chạy lệnh, villages= trong
    # Python)"
    (r"\((--[^(),]*?) (?:on the command line|khi chạy lệnh), [^()]*? (?:in|trong) Python\)", r"(\1)"),
    (r"\s*\([^()]*\b(?:in|trong) Python\)", ""),  # "--layer (layer= in Python)": the option alone
    (r"\S+=(?:\{[^{}]*\}|'[^']*'|\S*?)\s*\(CLI:?\s*([^()]*)\)", r"\1"),  # "crs='…' (CLI: --crs …)": the CLI words
    (r"\bas_(communes|districts|villages)\(\.\.\., columns=\{([^{}]*)\}\)", _layer_columns),  # a layer's columns
    (r"\bas_(communes|districts|villages)\(\.\.\., columns=\)", r"--\1-column"),  # that layer's option, not --column
]


def _cli_words(message: str, table: list[tuple[str, Any]]) -> str:
    """``message`` with its Python argument names replaced by command-line options."""
    for pattern, replacement in _BOTH_WORDS + table:
        message = re.sub(pattern, replacement, message)
    return re.sub(r"(--[\w-]+) / \1\b", r"\1", message)  # "--crs / crs=" said once


# What a terminal would act on rather than show: C0 and C1 controls (ESC starts colour, cursor and
# title sequences; CR and LF would split one error into several lines), DEL, and the bidirectional
# overrides that make text read backwards.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _printable(text: str) -> str:
    """``text`` on one line, its control characters written as escapes (``\\x1b``, ``\\n``)."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _echo(text: str, *, err: bool = False) -> None:
    """Print lines of text whose values come from the inputs, each line escaped."""
    click.echo("\n".join(_printable(line) for line in text.split("\n")), err=err)


def _said_in(record: logging.LogRecord, lang: str) -> logging.LogRecord:
    """``record`` in ``lang``: a line of dxmap carries its text in every language (``extra={"dxmap_said": {…}}``, see
    :func:`dxmap.labels.log_said`); any other line as it is."""
    said = getattr(record, "dxmap_said", None)
    if isinstance(said, dict) and lang in said:
        return logging.makeLogRecord({**record.__dict__, "msg": said[lang], "args": None})
    return record


class _CliFormatter(logging.Formatter):
    """Log lines speak CLI too: a reader's words (dxmap.io, dxmap.validate) as reading options, in the command's
    language (``lang``).

    The message is printed escaped (it quotes names and cells from the inputs); a traceback (-v) is not.
    """

    def __init__(self, fmt: str, lang: str = "en") -> None:
        super().__init__(fmt)
        self.lang = lang

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 (logging's name)
        return _printable(super().formatMessage(record))

    def format(self, record: logging.LogRecord) -> str:
        # what the readers say is about reading options; the argument checks (validate.tables) are about --as-of …
        reading = record.name.startswith(("dxmap.io", "dxmap.validate")) and record.name != "dxmap.validate.tables"
        return _cli_words(super().format(_said_in(record, self.lang)), _READ_WORDS if reading else _ANALYSE_WORDS)


# The commands whose lines (reading, log, errors, "wrote …") are in their --lang (default Vietnamese): every command
# that has one. A line before any command (``dxmap --versionx``) has no language chosen and stays English.
_LINES_IN_LANG = ("check", "map", "map_cmd", "summary", "report", "report_cmd", "demo")


def _error_said(exc: DxmapError, lang: str) -> str:
    """The message of ``exc`` in ``lang``: its own text in that language (``dxmap_said``, see
    :func:`dxmap.errors.in_languages`), else as it is."""
    said = getattr(exc, "dxmap_said", None)
    return said[lang] if isinstance(said, dict) and lang in said else str(exc)


def _lines_lang(command: str | None, lang: object) -> str:
    """The language of a command's lines: its --lang, Vietnamese unless given; English for a --lang dxmap does not
    know (``--lang fr``: Click refuses it, in the words its user more likely reads)."""
    return "vi" if command in _LINES_IN_LANG and lang in (None, "vi") else "en"


@contextlib.contextmanager
def _logging_to_stderr(quiet: bool, verbose: bool, lang: str = "en") -> Iterator[None]:
    """dxmap's log lines on stderr, "dxmap: …", while a command runs; the logger as it was afterwards, so that a
    process that runs a command (CliRunner in a notebook or a test) keeps its own logging (QA49: its records no
    longer reached the host's handlers)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_CliFormatter("dxmap: %(message)s", lang))
    root = logging.getLogger("dxmap")
    saved = root.handlers[:], root.level, root.propagate
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING if quiet else logging.DEBUG if verbose else logging.INFO)
    root.propagate = False
    try:
        yield
    finally:
        root.handlers[:], root.propagate = saved[0], saved[2]
        root.setLevel(saved[1])


def _common(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Options every command shares: what to read and how, which date and district, language, verbosity."""
    opts = [
        click.option("--demo", is_flag=True, help="Use the bundled Lào Cai demo (real boundaries, ILLUSTRATIVE records)."),
        click.option("--records", "records", multiple=True, type=_Path(dir_okay=False, path_type=Path),
                     help="Status records (.csv, .txt or .xlsx; long or wide); repeat for several files."),
        click.option("--communes", multiple=True, type=_Path(dir_okay=False, path_type=Path),
                     help="Commune boundaries (GeoJSON, Shapefile/.zip, GeoPackage, KML). Default: bundled Lào Cai "
                          "2024 (Yên Bái 2025-01, or both, when the records' commune codes are Yên Bái's), or the new "
                          "Lào Cai's 99 units of 1 July 2025 with --records-version 2025-07."),
        click.option("--districts", multiple=True, type=_Path(dir_okay=False, path_type=Path),
                     help="District boundaries (optional)."),
        click.option("--villages", multiple=True, type=_Path(dir_okay=False, path_type=Path),
                     help="Village points or polygons."),
        click.option("--communes-column", "communes_columns", multiple=True, metavar="FIELD=HEADER",
                     help="Name a column of the commune layer, e.g. --communes-column code=MA_XA (code, name, "
                          "district_code, district_name)."),
        click.option("--districts-column", "districts_columns", multiple=True, metavar="FIELD=HEADER",
                     help="Name a column of the district layer (code, name)."),
        click.option("--villages-column", "villages_columns", multiple=True, metavar="FIELD=HEADER",
                     help="Name a column of the village layer, e.g. --villages-column name=TEN_THON (village_id, "
                          "name, commune_code)."),
        click.option("--crs", multiple=True, metavar="[FILE=]CRS",
                     help="CRS of boundary files that lack or misstate one, e.g. EPSG:9208; for one kind of file only: "
                          "--crs communes=EPSG:9208 (communes, districts, villages; repeatable)."),
        click.option("--layer", help="Layer of a multi-layer commune file (GeoPackage, KML). Default: its polygon "
                     "layer of most features."),
        click.option("--districts-layer", help="Layer of a multi-layer district file. Default: its polygon layer of "
                     "fewest features."),
        click.option("--villages-layer", help="Layer of a multi-layer village file. Default: its point layer."),
        click.option("--sheet", multiple=True,
                     help="Sheet of an XLSX records file (name or number from 0); repeat it for several: --sheet "
                          "'Bảo Yên' --sheet 'Nghĩa Đô'. With several workbooks, each reads the sheets named that it "
                          "has. Default: every visible sheet that holds records (not a sheet of counts such as "
                          "'Tổng hợp'); a hidden sheet is read only when named."),
        click.option("--encoding", help="Text encoding of records: tcvn3 (ABC), vni, cp1258, auto, or a Python codec; "
                                        "also of shapefile DBFs whose text is in it. Default: UTF-8 (UTF-16 with a "
                                        "BOM), else detected."),
        click.option("--column", "columns", multiple=True, metavar="FIELD=HEADER",
                     help="Map one of your headers to a schema field, e.g. --column status='Tình hình'; read in "
                          "the --records files that have the header."),
        click.option("--status-word", "status_words", multiple=True, metavar="WORD=STATUS",
                     help="Your own word for a status, e.g. --status-word 'No signal'=none (covered, weak, none, "
                          "planned or unknown; repeatable)."),
        click.option("--wide", "wide", multiple=True, metavar="COLUMN=TECH",
                     help="A column whose cells hold one technology's status, e.g. --wide 'Hiện trạng'=lan "
                          "(headers that name a technology, such as 'Mạng LAN chuẩn', are found without it)."),
        click.option("--technology", help="The technology of every record of a long file without a technology "
                                          "column: mobile, fibre or lan."),
        click.option("--date-order", type=_Choice(["dmy", "mdy", "ymd"]),
                     help="How to read dates that are not ISO. Default: day first (30/06/2024), unless a column "
                          "only makes sense month first."),
        click.option("--records-date", multiple=True,
                     help="Date of records without one (files without a date column): 2024-06-30 or 30/06/2024 (day "
                          "first), or a month or quarter (\"Quý II/2024\": its last day). Once for every file, or once "
                          "per --records, in their order."),
        click.option("--records-version", type=_Choice(list(BOUNDARY_VERSIONS)), multiple=True,
                     help="The units the records' codes are written for, where no 'Phiên bản' column says: 2025-07 for "
                          "the two-level units of 1 July 2025 (codes were reused then). Once for every file, or once "
                          "per --records, in their order (--records-version 2024 --records-version 2025-07). "
                          "Default: the boundaries'; files dated wholly on each side of 1 July 2025 are two rounds."),
        click.option("--communes-version", type=_Choice(list(BOUNDARY_VERSIONS)),
                     help="The units the --communes file holds, where no boundary_version column says: 2025-07 for a "
                          "file of the two-level units of 1 July 2025, 2024 for one of before. Records that seem "
                          "written for the other version are then counted in a warning, and refused when "
                          "--records-version declares them."),
        click.option("--as-of", help="Date of the picture: 2024-06-30 or 30/06/2024 (day first), or a month or "
                                     "quarter (\"Quý II/2024\": its last day). Default: the newest record."),
        click.option("--district", multiple=True,  # one value: a second one is refused (_once)
                     help='Restrict to one district: name or code, diacritics optional ("bat xat", "082").'),
        click.option("--province", multiple=True,
                     help='Restrict to one province: name or code, diacritics optional ("yen bai", "Tỉnh Yên Bái", '
                          '"15"); with --units 2025-07 a former province (tỉnh cũ). With --district, the district is '
                          'looked up in it.'),
        click.option("--commune", multiple=True,
                     help='Restrict to a commune: name or code, diacritics and "Xã"/"Phường" optional ("y ty", '
                          '"02701"); repeat for several. With --units 2025-07 a 2025-07 commune. With --district or '
                          '--province, it is looked up in it.'),
        click.option("--engine", type=_Choice(["pandas", "dask"]), default="pandas", show_default=True,
                     help="Place records by lon/lat on one machine, or on dask-geopandas partitions (pip install 'dxmap[dask]')."),
        click.option("-q", "--quiet", is_flag=True, help="Only warnings and errors on stderr."),
        click.option("-v", "--verbose", is_flag=True, help="More detail on stderr."),
    ]
    for opt in reversed(opts):
        fn = opt(fn)
    return fn


def _unquote(text: str) -> str:
    text = text.strip()
    return text[1:-1] if len(text) > 1 and text[0] == text[-1] and text[0] in "'\"" else text


def _pairs(items: tuple[str, ...], option: str, example: str, *, key_last: bool = False,
           lang: str = "en") -> dict[str, str] | None:
    """``("status=Tình hình",)`` → ``{"status": "Tình hình"}``; with ``key_last`` the header is left of the
    last "=" (``--wide "A=B"=lan``) and is the key. ``example``: "FORM, e.g. EXAMPLE"."""
    mapping = {}
    for item in items:
        if "=" not in item:
            form, _, shown = example.partition(", e.g. ")
            raise click.BadParameter(label("cli_pair", lang, item=repr(item), form=form, example=shown),
                                     param_hint=option)
        left, right = item.rsplit("=", 1) if key_last else item.split("=", 1)
        key, value = _unquote(left), _unquote(right)
        if mapping.get(key, value) != value:  # given twice, differently: not the last one silently
            raise click.BadParameter(label("cli_pair_twice", lang, item=repr(item), name=repr(key),
                                           value=repr(mapping[key])), param_hint=option)
        mapping[key] = value
    return mapping or None


def _load(kw: dict[str, Any], *, lang: str = "en", has_units: bool = True) -> Dataset:
    """The dataset the options name; ``lang`` is the language of the records' reasons (``dxmap check --lang``);
    ``has_units``: the command has --units, which its errors may advise."""
    try:  # before reading: refused whether or not a record needs it (QA60 9)
        check_engine(kw["engine"], lang)
    except DxmapError as exc:
        raise type(exc)(_cli_words(str(exc), _READ_WORDS)) from None
    if kw["demo"]:  # the bundled files are read as they are: an option for reading files would go unused
        given = [f"--{o}" for o in _INPUT_OPTIONS if kw.get(o)] + [o for k, o in _READING_OPTIONS.items() if kw.get(k)]
        if given:
            raise click.UsageError(label("chk_demo_with", lang, options=", ".join(given)))
        log.info("%s", label("chk_demo", lang))
        return demo_dataset()
    if not kw["records"]:
        raise click.UsageError(label("chk_no_records", lang))
    if kw["encoding"]:
        try:
            canonical_encoding(kw["encoding"], lang=lang)
        except DxmapError as exc:
            raise click.BadParameter(str(exc), param_hint="'--encoding'") from None
    dates, versions = kw["records_date"], kw["records_version"]
    if len(dates) > 1 and len(dates) != len(kw["records"]):
        raise click.UsageError(label("chk_dates_count", lang, n=len(dates), files=len(kw["records"])))
    if len(versions) > 1 and len(versions) != len(kw["records"]):
        raise click.UsageError(label("chk_versions_count", lang, n=len(versions), files=len(kw["records"])))
    try:
        return read_dataset(
            kw["records"], communes=kw["communes"], districts=kw["districts"], villages=kw["villages"],
            crs=_crs_option(kw["crs"], lang), layer=kw["layer"], district_layer=kw["districts_layer"],
            village_layer=kw["villages_layer"], sheet=_sheet_option(kw["sheet"]),
            columns=_pairs(kw["columns"], "--column", "FIELD=HEADER, e.g. status='Tình hình'", lang=lang),
            as_of=list(dates) if len(dates) > 1 else (dates[0] if dates else None), encoding=kw["encoding"],
            date_order=kw["date_order"],
            wide=_pairs(kw["wide"], "--wide", "COLUMN=TECH, e.g. 'Mạng LAN chuẩn'=lan", key_last=True, lang=lang),
            technology=kw["technology"], records_version=list(versions) if len(versions) > 1 else (
                versions[0] if versions else None),
            communes_version=kw["communes_version"],
            status_words=_pairs(kw["status_words"], "--status-word", "WORD=STATUS, e.g. 'No signal'=none",
                                key_last=True, lang=lang),
            commune_columns=_pairs(kw["communes_columns"], "--communes-column", "FIELD=HEADER, e.g. code=MA_XA",
                                   lang=lang),
            district_columns=_pairs(kw["districts_columns"], "--districts-column", "FIELD=HEADER, e.g. name=TEN_HUYEN",
                                    lang=lang),
            village_columns=_pairs(kw["villages_columns"], "--villages-column", "FIELD=HEADER, e.g. name=TEN_THON",
                                   lang=lang),
            engine=kw["engine"], lang=lang)
    except DxmapError as exc:  # the reader's words as reading options, in every language the error is said in
        said = getattr(exc, "dxmap_said", {})
        words = (_READ_WORDS if has_units else _NO_UNITS + _READ_WORDS) if kw["communes"] else (
            _NO_COMMUNES + (_READ_WORDS if has_units else _NO_UNITS + _READ_WORDS))
        raise in_languages(type(exc)(_cli_words(str(exc), words)),
                           {lg: _cli_words(text, words) for lg, text in said.items()}) from None


def _data_note(data: Dataset, lang: str) -> str | None:
    """What a table's last column says on every row when the data is the demo's ("DỮ LIỆU MINH HỌA"), or which of
    its inputs are (the sample beside a user's files); None for users' own data."""
    if not data.illustrative:
        return None
    return label("sum_illustrative", lang) if data.wholly_illustrative else illustrative_note(data, lang)


def _illustrative_lines(data: Dataset, lang: str) -> str:
    """Under a summary: which inputs are illustrative, when the sample is mixed with other data (the summary's
    head line carries the mark itself); "" otherwise."""
    if not data.illustrative or data.wholly_illustrative:
        return ""
    return "\n" + illustrative_note(data, lang)  # type: ignore[arg-type]


def _as_of(data: Dataset, as_of: str | None) -> str | None:
    """--as-of as an ISO date, read as the records were (:func:`~dxmap.io.dataset.given_date`: as --date-order says,
    else day first unless ISO, one that reads as two days refused beside records found month first); an error when
    it is before every record."""
    if as_of is None:
        return None
    return check_as_of(data.outcomes, as_of, order=data.date_order,
                       month_first_files=data.month_first).date().isoformat()


def _date_option(data: Dataset, value: str | None, what: str) -> str | None:
    """--compare as an ISO date, read as --as-of is."""
    return None if value is None else given_date(data, value, name=what).date().isoformat()


# The language of every command when --lang is not given: DXMAP_LANG=en for an English console
LANG_ENV = "DXMAP_LANG"


class _Language(click.Choice):
    """vi or en, also as a locale names it (``en_US.UTF-8``, ``vi-VN``), as LANG-like variables are often set."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str):
            value = re.split(r"[_.@-]", value.strip(), maxsplit=1)[0]
        return super().convert(value, param, ctx)


class _Choice(click.Choice):
    """A choice whose refusal names the choices in the command line's language (click's own words are English)."""

    def get_invalid_choice_message(self, value: Any, ctx: click.Context | None) -> str:
        # the language of the command line as typed (_Dxmap.parse_args): --lang may come after this option
        if ctx is None or ctx.meta.get(_USAGE_LANG, "en") == "en":
            return super().get_invalid_choice_message(value, ctx)
        return label("cli_choice", ctx.meta[_USAGE_LANG], value=repr(value), choices=", ".join(map(repr, self.choices)))


class _Path(click.Path):
    """A path that is not empty (``--out ''`` was an internal error, or wrote the demo into the current folder), and
    a file where a folder is wanted (or a folder where a file is) refused in the line's words."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        lang = ctx.meta.get(_USAGE_LANG, "en") if ctx is not None else "en"
        hint = param.get_error_hint(ctx) if param is not None and ctx is not None else ""
        said = ""  # in the line's words (click's refusals of a path are its own, in English)
        if isinstance(value, str) and not value.strip():
            said = label("cli_empty_path", lang)
        elif isinstance(value, (str, os.PathLike)) and not self.file_okay and os.path.isfile(value):
            said = label("cli_path_is_file", lang, path=_shell_word(os.fspath(value)))
        elif isinstance(value, (str, os.PathLike)) and not self.dir_okay and os.path.isdir(value):
            said = label("cli_path_is_folder", lang, path=_shell_word(os.fspath(value)))
        if said:
            raise click.UsageError(label("cli_invalid_value", lang, option=hint, message=said), ctx)
        return super().convert(value, param, ctx)


class _LangOption(click.Option):
    """--lang, whose variable set to blanks is unset (click reads only an empty one so), and named in a refusal only
    when the refused value is the variable's."""

    def resolve_envvar_value(self, ctx: click.Context) -> str | None:
        value = super().resolve_envvar_value(ctx)
        return value if value is None or value.strip() else None

    def get_error_hint(self, ctx: click.Context | None) -> str:  # the variable named only when its value is refused
        source = ctx.get_parameter_source(self.name or "") if ctx is not None else None
        from_env = source is click.core.ParameterSource.ENVIRONMENT
        return super().get_error_hint(ctx) if from_env else click.Parameter.get_error_hint(self, ctx)


def _lang_option(**kw: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--lang vi|en``, Vietnamese unless DXMAP_LANG says otherwise."""
    return click.option("--lang", cls=_LangOption, type=_Language(["vi", "en"], case_sensitive=False), default="vi",
                        show_default=True, envvar=LANG_ENV, show_envvar=True, **kw)


_INPUT_OPTIONS = ("records", "communes", "districts", "villages")
# How to read the input files: keyword → option; none has a default
_READING_OPTIONS = {"records_version": "--records-version", "communes_version": "--communes-version",
                    "records_date": "--records-date",
                    "technology": "--technology", "date_order": "--date-order", "crs": "--crs", "layer": "--layer", "sheet": "--sheet",
                    "encoding": "--encoding", "columns": "--column", "wide": "--wide", "status_words": "--status-word",
                    "communes_columns": "--communes-column", "districts_columns": "--districts-column",
                    "villages_columns": "--villages-column", "districts_layer": "--districts-layer",
                    "villages_layer": "--villages-layer"}


def _inputs(kw: dict[str, Any]) -> list[tuple[str, Path]]:
    """(option, path) of every input file given; a shapefile brings its sidecar files (.dbf, .shx, .prj…)."""
    given = [("--records", Path(p)) for p in kw.get("records") or ()]
    given += [(f"--{o}", Path(kw[o])) for o in _INPUT_OPTIONS[1:] if kw.get(o)]
    out = []
    for option, path in given:
        out.append((option, path))
        if path.suffix.lower() == ".shp" and path.parent.is_dir():
            out += [(option, q) for q in path.parent.glob(f"{_glob_escape(path.stem)}.*") if q != path]
    return out


def _glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def _same_file(a: Path, b: Path, *, named: bool = False) -> bool:
    """The same file on disk: one path, a symbolic link to it, or a hard link (same device and inode);
    with ``named`` also one path to a file not there yet."""
    if named and Path(os.path.abspath(a)) == Path(os.path.abspath(b)):
        return True
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _refuse_overwriting(outputs: Iterable[tuple[str, Path]], kw: dict[str, Any], *,
                        folder: tuple[str, Path, frozenset[str]] | None = None, lang: str = "en") -> None:
    """Refuse, before anything is read, an output that is an input file (or the same file by another name or
    link), two outputs that are one file, and (``folder``: option, folder, names written there) a folder output
    that would write over an input in it."""
    inputs = _inputs(kw)
    seen: list[tuple[str, Path]] = []
    for option, out in outputs:
        for in_option, path in inputs:
            if _same_file(out, path, named=True):
                raise click.UsageError(label("chk_output_is_input", lang, option=option, out=out, input=in_option,
                                             path=path))
        for other_option, other in seen:
            if _same_file(out, other, named=True):
                raise click.UsageError(label("chk_outputs_same", lang, option=other_option, out=other, other=option,
                                             path=out))
        seen.append((option, out))
    if folder is not None:
        option, out_dir, names = folder
        for name in sorted(names):
            for in_option, path in inputs:
                if _same_file(out_dir / name, path):
                    raise click.UsageError(label("cli_folder_over_input", lang, option=option, out=out_dir,
                                                 name=name, input=in_option, path=path))


def _refuse_suffix(option: str, out: Path, what: str, suffixes: tuple[str, ...], hint: str = "",
                   lang: str = "en") -> None:
    """Refuse an output whose name says another kind of file (--out report.xlsx for an HTML map): writing it would
    replace what a user keeps under that name with a file their program cannot open. ``what``: a label key
    ("cli_what_map")."""
    if out.suffix.lower() not in suffixes:
        raise click.UsageError(label("cli_suffix", lang, option=option, out=_shell_word(str(out)),
                                     what=label(what, lang),
                                     suffixes=label("cli_or", lang).join(
                                         [", ".join(suffixes[:-1]), suffixes[-1]] if len(suffixes) > 1 else suffixes),
                                     suffix=suffixes[0],
                                     example=_shell_word(out.with_suffix(suffixes[0]).name), hint=hint))


# What a file is called, not a folder: "--out report.pdf" for the report's folder of files
_FILE_SUFFIXES = (".pdf", ".html", ".htm", ".xlsx", ".xls", ".csv", ".json", ".png", ".zip", ".docx", ".doc", ".odt",
                  ".txt", ".md", ".geojson", ".jpg", ".jpeg", ".svg", ".gz")


def _refuse_file_name(option: str, out: str, files: str, lang: str = "en") -> Path:
    """The folder ``out`` names; refused when it is named as a file (``--out report.pdf``) and is not a folder
    already, nor written as one ("report.pdf/"): the command would make a folder of that name, where its user
    looks for one file. ``files``: some of the files written."""
    path = Path(out)
    if path.suffix.lower() in _FILE_SUFFIXES and not path.is_dir() and not out.endswith(("/", os.sep)):
        raise click.UsageError(label("cli_folder_named_file", lang, option=option, out=_shell_word(out), files=files,
                                     example=_shell_word(path.with_suffix("").name or "out")))
    return path


_WRITE_FIX = {
    errno.EACCES: "choose a folder you can write to with {option}",
    errno.EPERM: "choose a folder you can write to with {option}",
    errno.EROFS: "the disk is read-only; choose another folder with {option}",
    errno.ENOSPC: "the disk is full; free some space or choose another disk with {option}",
    errno.EDQUOT: "your disk quota is used up; free some space or choose another disk with {option}",
    errno.EFBIG: "the file is larger than this system allows; choose another disk with {option}",
    errno.ENOTDIR: "a part of the path is a file, not a folder; choose another path with {option}",
    errno.EEXIST: "a part of the path is a file, not a folder; choose another path with {option}",
    errno.EISDIR: "it is a folder; give a file name with {option}",
    errno.ENAMETOOLONG: "the name is too long; choose a shorter one with {option}",
}


# the fixes in the command's language ("chk_fix_…"); English is the table's own words
_WRITE_FIX_LABELS = {fix: f"chk_fix_{key}" for fix, key in zip(
    [*dict.fromkeys(_WRITE_FIX.values()), "choose another place with {option}"],
    ["access", "read_only", "full", "quota", "too_big", "not_folder", "is_folder", "too_long", "other"])}


@contextlib.contextmanager
def _writing(path: Path, option: str, lang: str = "en", *, folder: bool = False) -> Iterator[None]:
    """An OSError while writing ``path`` becomes one line naming the file and the fix. Outputs are
    written atomically, so nothing is left half-written and an older file stays as it was. The folder the output
    goes in (``path`` itself with ``folder``: a report's) is made first, and said."""
    where = Path(os.path.abspath(path)) if folder else Path(os.path.abspath(path)).parent
    try:
        if not where.exists():  # made here and said before the file written in it (QA60 20): a typo is seen (QA56 7)
            where.mkdir(parents=True)
            log.info("%s", label("log_made_folder", lang, folder=path if folder else path.parent))
        yield
    except OSError as exc:
        if isinstance(exc, DxmapError) or exc.errno == errno.EPIPE:
            raise
        fix = _WRITE_FIX.get(exc.errno or 0, "choose another place with {option}")
        fix = label(_WRITE_FIX_LABELS[fix], lang, option=option) if lang != "en" else fix.format(option=option)
        # "File exists" for a folder that is a file reads as the file written; the path's own words say what is wrong
        why = _strerror(OSError(errno.ENOTDIR, os.strerror(errno.ENOTDIR)) if exc.errno == errno.EEXIST else exc, lang)
        fix = fix.removeprefix(why + "; ")  # "ổ đĩa đã đầy; ổ đĩa đã đầy; hãy giải phóng…" (QA60 27)
        raise OutputFileError(label("chk_cannot_write", lang, path=path, why=why, fix=fix)) from None


def _ready_to_write(outputs: Iterable[tuple[str, Path]], lang: str) -> None:
    """Make the folder of each output and refuse one that cannot be written there, before any is written: a run of
    several outputs writes all of them or none (QA56 8: the first was replaced, then the second failed)."""
    for option, path in outputs:
        with _writing(path, option, lang):  # which makes the folder
            folder = Path(os.path.abspath(path)).parent
            if not folder.is_dir():  # a file where the folder is wanted
                raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder))
            if not os.access(folder, os.W_OK):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(folder))


def _strerror(exc: OSError, lang: str) -> str:
    """The system's words for ``exc`` ("No such file or directory"), in ``lang`` where labels have them
    ("cli_errno_ENOENT"); the system's own otherwise."""
    name = errno.errorcode.get(exc.errno or 0, "")
    key = f"cli_errno_{name}"
    if lang != "en" and name and label(key, lang) != key:
        return label(key, lang)
    return str(exc.strerror or exc)


def _internal_error(exc: BaseException, verbose: bool, lang: str = "en") -> None:
    if verbose:
        traceback.print_exception(exc, file=sys.stderr)
    what = _printable(str(exc).strip().split("\n")[0])[:200]
    click.echo("dxmap: " + label("chk_internal", lang, what=f"{type(exc).__name__}{': ' + what if what else ''}"),
               err=True)


# Options that take one value, declared multiple=True so that a second value is refused, not silently the last
_ONCE = {"district": ("--district", {"vi": "huyện", "en": "district"}),
         "province": ("--province", {"vi": "tỉnh", "en": "province"})}


def _once(values: tuple[str, ...], key: str, lang: str) -> str | None:
    """The one value of an option given once (or twice alike: "Bát Xát" and "bát  xát"); two values are refused
    ("Sa Pa" and "Sa Pả" are two places: diacritics count)."""
    first: dict[str, str] = {}
    for value in values:
        first.setdefault(spelling_key(value), value)
    distinct = list(first.values())
    if len(distinct) > 1:
        option, what = _ONCE[key]
        raise click.BadParameter(label("cli_once", lang, values=", ".join(map(repr, distinct)), what=what[lang],
                                       option=option), param_hint=option)
    return distinct[0] if distinct else None


def _sheet_option(values: tuple[str, ...]) -> str | list[str] | None:
    """``--sheet``, repeatable: one sheet as read_dataset takes it, several as a list, none as None."""
    return None if not values else values[0] if len(values) == 1 else list(values)


def _crs_option(values: tuple[str, ...], lang: str) -> str | dict[str, str] | None:
    """``--crs EPSG:9208`` (every file) or ``--crs communes=EPSG:9208`` (that kind of file; a plain one for the rest)."""
    plain: dict[str, str] = {}  # one CRS however written ("EPSG:4326", " epsg:4326"): as first given
    per: dict[str, str] = {}
    for value in values:
        kind, sep, crs = (part.strip() for part in value.partition("="))
        near = difflib.get_close_matches(kind.lower(), BOUNDARY_KINDS, n=1, cutoff=0.75) if sep else []
        if near and near[0] != kind.lower():  # "comunes=EPSG:9208" was no CRS PROJ knows, at reading
            raise click.BadParameter(label("cli_crs_kind", lang, value=repr(value), kind=repr(kind), near=near[0]),
                                     param_hint="--crs")
        if not sep or kind.lower() not in BOUNDARY_KINDS:
            plain.setdefault(value.strip().casefold(), value.strip())
        elif per.setdefault(kind.lower(), crs).casefold() != crs.casefold():  # two for one kind: not the last silently
            raise click.BadParameter(label("cli_crs_once", lang, values=f"{per[kind.lower()]!r}, {crs!r}"),
                                     param_hint="--crs")
    if len(plain) > 1:
        raise click.BadParameter(label("cli_crs_once", lang, values=", ".join(map(repr, plain.values()))),
                                 param_hint="--crs")
    every = next(iter(plain.values()), None)
    if not per:
        return every
    return {kind: per.get(kind, every) for kind in BOUNDARY_KINDS if kind in per or every}


def _one_file(paths: tuple[Path, ...], key: str, lang: str) -> Path | None:
    """The one boundary file of a kind; two are refused (the last alone was read, and the first province's records
    were then unmatched, QA29)."""
    distinct = list(dict.fromkeys(paths))
    if len(distinct) > 1:
        raise click.BadParameter(label("cli_one_file", lang, values=", ".join(repr(str(p)) for p in distinct),
                                       option=f"--{key}", example=f"{key}.gpkg"), param_hint=f"--{key}")
    return distinct[0] if distinct else None


def _run(fn: Callable[..., int | None]) -> Callable[..., None]:
    @functools.wraps(fn)
    def wrapper(**kw: Any) -> None:
        lang = _lines_lang(fn.__name__, kw.get("lang"))  # "dxmap: lỗi: …" where the command speaks Vietnamese
        kw.update({k: _once(kw[k], k, lang) for k in _ONCE if isinstance(kw.get(k), tuple)})
        kw.update({k: _one_file(kw[k], k, lang) for k in BOUNDARY_KINDS if isinstance(kw.get(k), tuple)})
        with _logging_to_stderr(kw.get("quiet", False), kw.get("verbose", False), lang):
            try:
                code = fn(**kw)
            except DxmapError as exc:
                # records that did not match are quoted with the reader's reasons ("pass as_of= for the rows without
                # one" is --records-date there, not the picture's --as-of)
                quoted = isinstance(exc, (UnmatchedRecordsError, DuplicateRecordError))
                words = _READ_WORDS + _ANALYSE_WORDS if quoted else _ANALYSE_WORDS
                said = _printable(_cli_words(_error_said(exc, lang), words))
                click.echo(f"dxmap: {label('chk_error', lang)}: {said}", err=True)
                sys.exit(1)
            except click.ClickException:
                raise  # usage errors: one line from the group (_Dxmap.main)
            except KeyboardInterrupt:
                click.echo(f"dxmap: {label('chk_interrupted', lang)}", err=True)
                sys.exit(130)
            except OSError as exc:  # not a write (those are named by _writing): a file that cannot be read
                if exc.errno == errno.EPIPE:
                    raise
                name = f"{exc.filename}: " if exc.filename else ""
                what = _printable(name + _strerror(exc, lang))
                click.echo(f"dxmap: {label('chk_error', lang)}: {label('chk_cannot_read', lang, what=what)}", err=True)
                sys.exit(1)
            except Exception as exc:  # a bug: still one line, and a way to see it
                _internal_error(exc, kw.get("verbose", False), lang)
                sys.exit(2)
            sys.exit(code or 0)
    return wrapper


_USAGE_LANG = "dxmap.usage_lang"  # the key of the command line's language in click's context.meta
_USAGE_WORDS = "dxmap.usage_words"  # and of its words as typed


def _option_words(commands: Iterable[click.Command]) -> tuple[set[str], set[str]]:
    """The flags of these commands and their options that take a value, as written ("-q", "--quiet"; "--out")."""
    options = [p for cmd in commands for p in cmd.params if isinstance(p, click.Option)]
    return ({o for p in options if p.is_flag for o in p.opts + p.secondary_opts},
            {o for p in options if not p.is_flag for o in p.opts + p.secondary_opts})


def _usage_lang(args: Any) -> str:
    """The language of a usage error's line, from the command line as typed (it was not read): the last
    ``--lang`` given to a command whose lines follow it."""
    words = [str(a) for a in (sys.argv[1:] if args is None else args)]
    words = words[1:] if words[:1] == ["--"] else words  # "dxmap -- summary …"
    command = main.commands.get(words[0]) if words else None
    valued = _option_words([command] if command else [])[1]
    # after a "--" that is no option's value ("--title --" is a title), words: no --lang among them
    cut = next((i for i, w in enumerate(words) if w == "--" and not (i and words[i - 1] in valued)), len(words))
    words = words[:cut]
    lang = os.environ.get(LANG_ENV, "").strip() or None  # set but blank: unset, as --lang reads it (_LangOption)
    for i, word in enumerate(words):
        if word == "--lang" and i + 1 < len(words):
            lang = words[i + 1]
        elif word.startswith("--lang="):
            lang = word.partition("=")[2]
    if lang is not None:  # as --lang reads it: "VI", "vi_VN.UTF-8" are vi (_Language)
        lang = re.split(r"[_.@-]", lang.strip(), maxsplit=1)[0].lower()
    if words and words[0] in _LINES_IN_LANG:
        return _lines_lang(words[0], lang)
    return "vi" if lang in (None, "vi") else "en"  # a command misspelt, an option before the command: the default


def _usage_said(exc: click.ClickException, lang: str) -> str:
    """A usage error's words: click's own (English), but in ``lang`` for a value refused and an option unknown,
    missing, without its value or given one it does not take; dxmap's own (:class:`_Dxmap`, :class:`_Command`) for a
    command unknown and an argument without its option. An option of the commands given before the command says
    where it goes, in either language."""
    if isinstance(exc, click.NoSuchOption) and (where := _of_a_command(exc, lang)):
        return label("cli_no_such_option", lang, option=exc.option_name) + where  # not "did you mean --version?"
    if isinstance(exc, click.NoSuchOption) and (flag := _flag_given_value(exc)):  # "-q=1": click reads -q, -=, -1
        return label("cli_takes_no_value", lang, option=flag)
    if isinstance(exc, click.UsageError) and exc.message == "Missing command.":  # "dxmap --"
        return label("cli_missing_command", lang, commands=", ".join(sorted(exc.ctx.command.commands)))
    if lang == "en":
        return exc.format_message()
    if isinstance(exc, click.NoSuchOption):
        said = label("cli_no_such_option", lang, option=exc.option_name)
        near = sorted(exc.possibilities or ())
        return said + (label("cli_did_you_mean", lang, options=", ".join(near)) if near else "")
    if isinstance(exc, click.BadOptionUsage) and exc.message.endswith("requires an argument."):
        return label("cli_needs_value", lang, option=exc.option_name)
    if isinstance(exc, click.BadOptionUsage) and exc.message.endswith("does not take a value."):
        return label("cli_takes_no_value", lang, option=exc.option_name)
    if isinstance(exc, click.MissingParameter) and exc.param is not None:
        return label("cli_missing", lang, option=exc.param.get_error_hint(exc.ctx))
    if isinstance(exc, click.BadParameter) and not isinstance(getattr(exc.param, "type", None), click.Path):
        # a path refused by click ("File '/tmp' is a directory.") stays click's, whole
        hint = exc.param_hint if exc.param_hint is not None else exc.param.get_error_hint(exc.ctx) if exc.param else ""
        hint = " / ".join(hint) if isinstance(hint, (list, tuple)) else hint
        return label("cli_invalid_value", lang, option=hint, message=exc.message)
    return exc.format_message()


def _flag_given_value(exc: click.NoSuchOption) -> str:
    """The short flag of a word such as ``-q=1`` that click read as the flags -q, -= and -1, or ""."""
    if not exc.option_name.startswith("-=") or exc.ctx is None:
        return ""
    flags = _option_words([exc.ctx.command])[0]
    return next((w[:2] for w in exc.ctx.meta.get(_USAGE_WORDS, ()) if re.fullmatch(r"-\w=.*", w) and w[:2] in flags),
                "")


def _of_a_command(exc: click.NoSuchOption, lang: str) -> str:
    """" --demo is an option of a command: dxmap map --demo …" for an option of the commands given before any;
    for one misspelt there (``--verbos``), the nearest of the commands' options, if it is none of the group's."""
    group = exc.ctx.command if exc.ctx is not None else None
    if not isinstance(group, click.Group):
        return ""
    option, near = exc.option_name, ""
    flags, valued = _option_words(group.commands.values())
    if option not in flags | valued and option.startswith("--"):
        own = {o for p in group.params for o in p.opts + p.secondary_opts}
        close = difflib.get_close_matches(option, sorted(flags | valued | own), n=1, cutoff=0.8)
        if not close or close[0] in own:
            return ""
        option = close[0]
        near = label("cli_did_you_mean", lang, options=option)
    owners = [name for name, cmd in group.commands.items()
              if any(option in p.opts + p.secondary_opts for p in cmd.params if isinstance(p, click.Option))]
    if not owners:
        return ""
    words = exc.ctx.meta.get(_USAGE_WORDS, ())
    # the command click would run: the first word that is no option nor an option's value ("--out demo map": map)
    valued = valued | {exc.option_name} if option in valued else valued  # "--lan en summary": en is its value
    typed = next((w for i, w in enumerate(words) if not w.startswith("-") and not (i and words[i - 1] in valued)),
                 None)
    command = typed if typed in owners else "map" if "map" in owners else owners[0]
    return near + label("cli_option_of_command", lang, option=option, command=f"{exc.ctx.command_path} {command}")


_FILE_INPUTS = tuple(f"--{o}" for o in _INPUT_OPTIONS)  # the options that name a file read
_FILE_OUTPUTS = ("--out", "--outcomes", "--unmatched")  # and written
_OUT_SUFFIX = {"map": ".html"}  # the file a command's --out names, where it is one file
_LAYER_SUFFIXES = (".geojson", ".json", ".gpkg", ".shp", ".zip", ".kml", ".fgb")
_SHEET_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".xls", ".tsv", ".txt")


class _Command(click.Command):
    """A command whose arguments without an option ("dxmap summary q2.csv") are refused in the command line's
    language, with the options that take files (click says "Got unexpected extra argument", in English)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.allow_extra_args = True  # refused below, in dxmap's words
        typed = list(args)  # click's parser consumes the list it is given
        try:
            rest = super().parse_args(ctx, args)
        except click.MissingParameter as exc:  # "map --demo x.html": x.html is the missing --out's, probably
            left = [w for w, _ in self._left_over(typed)[0]]
            if not left or ctx.resilient_parsing or not isinstance(exc.param, click.Option):
                exc.ctx = exc.ctx or ctx
                raise
            said = self._extra_said(typed, left, ctx.meta.get(_USAGE_LANG, "en"), missing=exc.param.opts[0])
            raise click.UsageError(said, ctx) from None
        except click.UsageError as exc:  # "--out requires an argument" comes without the command: its help is named
            exc.ctx = exc.ctx or ctx
            raise
        if rest and not ctx.resilient_parsing:
            raise click.UsageError(self._extra_said(typed, rest, ctx.meta.get(_USAGE_LANG, "en")), ctx)
        return rest

    def _extra_said(self, typed: list[str], rest: list[str], lang: str, missing: str = "") -> str:
        """"thừa q2.csv: …" with the way out: the flag before it takes no value (``--basemap on``), or a file's
        name comes after its option (an input's but beside ``--demo``, an output's), with an example where the
        file's kind tells the option (a sheet: --records, a layer: --communes) or, where none, the option found
        ``missing`` (``map --demo x.html``: ``--out x.html``)."""
        shown = " ".join(map(_shell_word, rest))
        left, demo = self._left_over(typed)
        word, before = left[0] if left else (rest[0], "")
        suffix = Path(word).suffix.lower()
        said = label("cli_extra", lang, args=shown)
        if before and before != "--demo":  # "--basemap on"; "--demo q2.csv" is a file's name
            said = label("cli_extra_after_flag", lang, args=shown, option=before)
            if not suffix:
                return said
        opts = {o for p in self.params for o in p.opts}
        options = [o for o in _FILE_INPUTS if o in opts and not demo] + [o for o in _FILE_OUTPUTS if o in opts]
        if word.startswith("-") or not options:  # "-- --lang en": no file's name
            return said
        want = "--communes" if suffix in _LAYER_SUFFIXES else "--records" if suffix in _SHEET_SUFFIXES else missing
        if want in options:
            if want == "--out" and not suffix and self.name in _OUT_SUFFIX:  # "map --demo x": --out x.html
                word += _OUT_SUFFIX[self.name]
            example = f"{want} {_shell_word(word)}"
            return said + label("cli_extra_files", lang, options=", ".join(options), example=example)
        return said + label("cli_extra_options", lang, options=", ".join(options))

    def _left_over(self, typed: list[str]) -> tuple[list[tuple[str, str]], bool]:
        """The words no option takes, as click reads the line, each with the flag written just before it ("" if
        none); and whether ``--demo`` is given (as a flag, not as another option's value)."""
        flags, valued = _option_words([self])
        left: list[tuple[str, str]] = []
        demo, before, i = False, "", 0
        while i < len(typed):
            word = typed[i]
            i += 1
            if word == "--":  # the rest are words, whatever they look like
                left += [(w, "") for w in typed[i:]]
                break
            if word in valued:
                i += 1  # its value
            elif word in flags or re.fullmatch(r"-[a-zA-Z]{2,}", word) and all(f"-{c}" in flags for c in word[1:]):
                demo |= word == "--demo"
                before = word
                continue
            elif not word.startswith("-"):
                left.append((word, before))
            before = ""
        return left, demo


def _shell_word(word: str) -> str:
    """A word as the shell takes it back: bare, or quoted as this system's shell quotes ("Thôn's list.xlsx")."""
    if os.name == "nt":
        return subprocess.list2cmdline([word])
    if "'" in word and not any(ch in word for ch in '"$`\\!'):
        return f'"{word}"'
    return shlex.quote(word)


# The commands as a Vietnamese user may call them, without diacritics or spaces ("bản đồ", "kiem-tra")
_COMMAND_WORDS = {"bando": "map", "kiemtra": "check", "doichieu": "check", "tomtat": "summary", "tonghop": "summary",
                  "thongke": "summary", "baocao": "report", "mau": "demo", "vidu": "demo", "help": "--help",
                  "trogiup": "--help"}


class _Dxmap(click.Group):
    """The command group, whose usage errors are one line like every other error."""

    command_class = _Command

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta[_USAGE_LANG] = _usage_lang(args)  # for the refusals of a choice (_Choice), before --lang is read
        ctx.meta[_USAGE_WORDS] = tuple(map(str, args))
        return super().parse_args(ctx, args)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if args and self.get_command(ctx, name) is None and not ctx.resilient_parsing:
            lang = ctx.meta.get(_USAGE_LANG, "en")
            word = _COMMAND_WORDS.get(re.sub(r"[\s_-]+", "", fold(name)))
            near = [word] if word else difflib.get_close_matches(name.lower(), sorted(self.commands), n=1, cutoff=0.6)
            raise click.UsageError(label("cli_no_such_command", lang, command=repr(name),
                                         commands=", ".join(sorted(self.commands)))
                                   + (label("cli_did_you_mean", lang, options=repr(near[0])) if near else ""), ctx)
        return super().resolve_command(ctx, args)

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:  # "dxmap" alone: its help, as it is written
            click.echo(exc.format_message(), err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            ctx = getattr(exc, "ctx", None)
            lang = _usage_lang(args)
            hint = label("chk_see_help", lang, command=ctx.command_path) if ctx is not None else ""
            click.echo(f"dxmap: {label('chk_error', lang)}: {_printable(_usage_said(exc, lang))}{hint}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo(f"dxmap: {label('chk_interrupted_usage', _usage_lang(args))}", err=True)
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=_Dxmap, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dxmap")
def main() -> None:
    """dxmap: where mobile broadband, fibre and a standard LAN are still missing."""


_UNITS_HELP = ("Boundary version of the picture: 2024 or 2025-07 (the 99 communes of the new Lào Cai; 2024 records are "
               "moved through the crosswalk, --district then names a former district, huyện cũ).")


def _units_option(default: str | None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option("--units", type=_Choice(list(BOUNDARY_VERSIONS)), default=default,
                        show_default=default is not None, help=_UNITS_HELP + ("" if default else " Default: the commune layer's own."))


def _picture(data: Dataset, as_of: str | None, compare_to: str | None, *, district: str | None, units: str | None,
             strict: bool = True, province: str | None = None,
             commune: tuple[str, ...] = ()) -> tuple[Analysis, Comparison | None]:
    """The analysis at ``as_of``, and the comparison with ``compare_to`` (whose later picture it is) when given;
    ``commune``: the values of --commune (none: not cut to communes)."""
    communes = list(commune) or None
    if not compare_to:
        return analyse(data, as_of=as_of, district=district, strict=strict, units=units, province=province,
                       commune=communes), None
    comparison = compare(data, as_of=as_of, compare_to=compare_to, district=district, strict=strict, units=units,
                         province=province, commune=communes)
    return comparison.now, comparison


def _map(result: Analysis, comparison: Comparison | None, *, lang: str, illustrative: bool | str, basemap: bool,
         villages: Any, **options: Any) -> Any:
    """The gap map, with the change layer when there is a comparison. Records left out (--allow-unmatched) are
    said on the page too: its counts would look whole to whoever the file is sent to."""
    left = {outcome: n for outcome, n in outcome_counts(result.outcomes).items()
            if n and outcome not in (Outcome.MATCHED.value, Outcome.IGNORED.value)}
    # by outcome: "unmatched" said of unreadable rows and duplicates read as a matter of the boundaries (QA64 F13)
    note = label("gap_left_out", lang, n=sum(left.values()),
                 counts=counts_text(((outcome_word(k, lang), v) for k, v in left.items()), lang)) if left else None
    if comparison is not None and comparison.villages_across is not None:  # a 2024 round beside a 2025-07 one
        across = label("chg_versions_head", lang, date=date_text(comparison.compare_to, lang))
        note = f"{across}. {note}" if note else across
    m = gap_map(result.status, result.communes, districts=result.districts, lang=lang, illustrative=illustrative,
                basemap=basemap, villages=villages, district=result.district, province=result.province,
                commune=result.commune, note=note, **options)
    if comparison is not None:
        change_layer(comparison.changes, lang=lang, m=m, before=comparison.before.status)
    return m


def _write_outputs(result: Analysis, out: Path, lang: str, illustrative: bool,
                   comparison: Comparison | None = None, basemap: bool = False, villages: Any = None) -> None:
    m = _map(result, comparison, lang=lang, illustrative=illustrative, basemap=basemap, villages=villages)
    lines = _lines_lang("demo", lang)
    with _writing(out / "map.html", "--out", lines):
        save_map(m, out / "map.html")
    with _writing(out / "summary.csv", "--out", lines):
        write_summary_csv(result.status, out / "summary.csv", former_districts=result.former_districts,
                          communes=result.communes, lang=lang,
                          note=label("sum_illustrative", lang) if illustrative else None)
    with _writing(out / "summary.json", "--out", lines):
        write_summary_json(result.summary if comparison is None else comparison.summary, out / "summary.json")


@main.command()
@click.option("--out", type=_Path(file_okay=False), default="dxmap-demo", show_default=True,
              help="Folder for map.html, summary.csv and summary.json.")
@click.option("--district", multiple=True,  # one value: a second one is refused (_once)
              help='Restrict to one district ("bat xat", "Bát Xát", "082"); with --units 2025-07 a former district '
                   '(huyện cũ): its 2025-07 communes, wholly or partly in it.')
@click.option("--province", multiple=True,
              help='Restrict to one province ("yen bai", "Tỉnh Yên Bái", "15"); with --units 2025-07 a former province '
                   '(tỉnh cũ). The demo has Lào Cai only; --units 2025-07 adds Yên Bái without data.')
@click.option("--commune", multiple=True,
              help='Restrict to a commune ("y ty", "Xã Y Tý", "02701"); repeat for several. With --units 2025-07 a '
                   '2025-07 commune.')
@_units_option("2024")
@click.option("--as-of", help="Date of the picture: 2024-06-30 or 30/06/2024 (default the newest snapshot, 2024-06-30).")
@_lang_option(help="Language of the map, summary.csv and the printed summary.")
@click.option("--compare", "compare_to", metavar="DATE",
              help="Also show the change since DATE (e.g. 2024-03-31) on the map and in summary.json.")
@click.option("--basemap", is_flag=True, help=_BASEMAP_HELP)
@click.option("-q", "--quiet", is_flag=True, help="Only warnings and errors on stderr.")
@click.option("-v", "--verbose", is_flag=True, help="More detail on stderr.")
@_run
def demo(out: str, district: str | None, as_of: str | None, lang: str, compare_to: str | None, quiet: bool,
         verbose: bool, basemap: bool = False, units: str = "2024", province: str | None = None,
         commune: tuple[str, ...] = ()) -> None:
    """Build the Lào Cai demo: OUT/map.html, OUT/summary.csv, OUT/summary.json; print the summary.

    With --units 2025-07 the same 2024-06-30 picture is shown in the 99 communes of the new Lào Cai
    (the Yên Bái part has no illustrative records: no data, not a gap).
    """
    folder = _refuse_file_name("--out", out, "map.html, summary.csv, summary.json", lang)
    start = time.perf_counter()
    data = demo_dataset()
    as_of, compare_to = _as_of(data, as_of), _date_option(data, compare_to, "compare_to")
    result, comparison = _picture(data, as_of, compare_to, district=district, units=units, province=province,
                                  commune=commune)
    _write_outputs(result, folder, lang, illustrative=True, comparison=comparison, basemap=basemap,
                   villages=data.villages)
    _echo(format_summary(result.summary, lang=lang))
    if comparison is not None:
        _echo("\n" + format_change(comparison.summary, lang=lang))
    log_said(log, logging.INFO, "cli_demo_written", out=folder,
             s=functools.partial(number_text, time.perf_counter() - start, decimals=2))


@main.command("map")
@_common
@click.option("--out", type=_Path(dir_okay=False, path_type=Path), required=True, help="HTML file to write.")
@_lang_option(is_eager=True)
@click.option("--title", help="Title shown on the map.")
@click.option("--allow-unmatched", is_flag=True,
              help="Map what matched even when some records did not (unmatched and invalid rows are skipped, counted in the log).")
@click.option("--compare", "compare_to", metavar="DATE",
              help="Add a layer with the change since DATE: fixed, still missing, newly missing.")
@click.option("--basemap", is_flag=True, help=_BASEMAP_HELP)
@_units_option(None)
@click.option("--simplify", default="auto", show_default=True, metavar="auto|on|off|METRES", callback=_simplify_value,
              help="Simplify the outlines for drawing, below what the zoom shows: auto (above 200,000 vertices, e.g. "
                   "national maps), on, off, or a tolerance in metres. The map states it.")
@_run
def map_cmd(out: Path, lang: str, title: str | None, allow_unmatched: bool, compare_to: str | None,
            basemap: bool = False, simplify: bool | float | None = None, units: str | None = None, **kw: Any) -> None:
    """Write a gap map (one self-contained HTML file)."""
    _refuse_overwriting([("--out", out)], kw, lang=lang)
    _refuse_suffix("--out", out, "cli_what_map", (".html", ".htm"), lang=lang)
    data = _load(kw, lang=lang)
    as_of, compare_to = _as_of(data, kw["as_of"]), _date_option(data, compare_to, "compare_to")
    result, comparison = _picture(data, as_of, compare_to, district=kw["district"], units=units,
                                  strict=not allow_unmatched, province=kw["province"], commune=kw["commune"])
    # the sample mixed with real data: the banner says which part is made up, not that all of it is
    banner = illustrative_note(data, lang) if data.illustrative and not data.wholly_illustrative else data.illustrative
    m = _map(result, comparison, lang=lang, illustrative=banner, basemap=basemap, villages=data.villages,
             title=title, simplify=simplify)
    with _writing(out, "--out", lang):
        save_map(m, out)


_SUMMARY_SUFFIXES = {"table": ("cli_what_table", (".txt", ".md")), "csv": ("cli_what_csv", (".csv", ".txt")),
                     "json": ("cli_what_json", (".json",))}


@main.command()
@_common
@click.option("--format", "fmt", type=_Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--out", type=_Path(dir_okay=False, path_type=Path), help="Write to this file instead of stdout.")
@click.option("--allow-unmatched", is_flag=True,
              help="Summarise what matched even when some records did not (unmatched and invalid rows are skipped, counted in the log).")
@click.option("--compare", "compare_to", metavar="DATE",
              help="Also count, per technology and district, the gaps at DATE and how many were fixed (covered now), "
                   "left for weak, planned or unknown, new, first (no data at DATE) or stayed.")
@_units_option(None)
@_lang_option(help="Language of the table and the CSV (en: the CSV's codes and headers as scripts read them); "
               "JSON has none.")
@_run
def summary(fmt: str, out: Path | None, allow_unmatched: bool, compare_to: str | None, units: str | None = None,
            lang: str = "vi", **kw: Any) -> None:
    """Print (or write) gap counts per technology: table, CSV (per district; per former district, huyện cũ, in
    the 2025-07 units) or JSON."""
    if out is not None:
        _refuse_overwriting([("--out", out)], kw, lang=lang)
        given = click.get_current_context().get_parameter_source("fmt") is not click.core.ParameterSource.DEFAULT
        fmt = fmt if given else {".csv": "csv", ".json": "json"}.get(out.suffix.lower(), fmt)  # --out x.csv: a CSV
        sheet = out.suffix.lower() in (".csv", ".xlsx", ".xls") and fmt != "csv"  # a spreadsheet was meant
        _refuse_suffix("--out", out, *_SUMMARY_SUFFIXES[fmt], lang=lang,
                       hint=label("cli_suffix_sheet", lang, name=_shell_word(out.with_suffix(".csv").name)) if sheet
                       else "")
    data = _load(kw, lang=lang)
    as_of, compare_to = _as_of(data, kw["as_of"]), _date_option(data, compare_to, "compare_to")
    result, comparison = _picture(data, as_of, compare_to, district=kw["district"], units=units,
                                  strict=not allow_unmatched, province=kw["province"], commune=kw["commune"])
    if comparison is not None:
        if out is not None:
            with _writing(out, "--out", lang):
                if fmt == "table":  # as the summary's table below: with the illustrative parts under it
                    with atomic_write(out) as fh:
                        fh.write(format_change(comparison.summary, lang=lang) + _illustrative_lines(data, lang) + "\n")
                else:
                    write_change(comparison, out, fmt=fmt, lang=lang, note=_data_note(data, lang))
        elif fmt == "csv":
            click.echo(csv_text(with_note(comparison_table(comparison, lang=lang), _data_note(data, lang), lang)),
                       nl=False)
        elif fmt == "json":
            click.echo(json.dumps(comparison.summary, ensure_ascii=False, indent=2))
        else:
            _echo(format_change(comparison.summary, lang=lang) + _illustrative_lines(data, lang))
        return
    if out is not None:
        with _writing(out, "--out", lang):
            if fmt == "csv":
                write_summary_csv(result.status, out, former_districts=result.former_districts,
                                  communes=result.communes, lang=lang, note=_data_note(data, lang))
            elif fmt == "json":
                write_summary_json(result.summary, out)
            else:
                with atomic_write(out) as fh:
                    fh.write(format_summary(result.summary, lang=lang) + _illustrative_lines(data, lang) + "\n")
        return
    if fmt == "json":
        click.echo(json.dumps(result.summary, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        click.echo(csv_text(with_note(summary_table(result.status, former_districts=result.former_districts,
                                                    communes=result.communes, lang=lang),
                                      _data_note(data, lang), lang)), nl=False)
    else:
        _echo(format_summary(result.summary, lang=lang) + _illustrative_lines(data, lang))


@main.command()
@_common
@click.option("--outcomes", "outcome_paths", multiple=True, type=_Path(dir_okay=False, path_type=Path),
              help="Write every record with its outcome, unit, method, reason and suggestions: .csv, .xlsx or .txt (CSV; repeatable).")
@click.option("--report", "report_paths", multiple=True, type=_Path(dir_okay=False, path_type=Path), hidden=True,
              help="Old name of --outcomes.")
@click.option("--unmatched", type=_Path(dir_okay=False, path_type=Path),
              help="Also write the records that are not matched or ignored, with reasons (.csv, .xlsx or .txt).")
@click.option("--units", type=_Choice(list(BOUNDARY_VERSIONS)),
              help="The units --commune names in a 2024 round: 2025-07 checks the records of the former communes of "
                   "the 2025-07 communes named (as summary --units 2025-07 counts them). Default: the records' own; "
                   "beside a round written for the 2025-07 units, 2025-07.")
@_lang_option(help="Language of the lines, reasons and files: the columns, outcomes and reasons of --outcomes.")
@_run
def check(outcome_paths: tuple[Path, ...], report_paths: tuple[Path, ...], unmatched: Path | None, lang: str,
          units: str | None = None, **kw: Any) -> int:
    """Reconcile records with boundaries and report every record; exit 1 unless all matched.

    Every row is reported, also those that cannot be read as records (outcome invalid, with the
    reason); total, heading and empty rows of spreadsheets are reported as ignored and do not fail
    the check.
    """
    from dxmap.reconcile.outcomes import format_outcomes, write_outcomes

    if units is not None and not kw["commune"]:  # it says how --commune's names are read: alone it would do nothing
        raise click.UsageError(label("chk_units_no_commune", lang, units=units))
    paths = (*outcome_paths, *report_paths)
    named = [("--outcomes", p) for p in outcome_paths] + [("--report", p) for p in report_paths]
    outputs = named + ([("--unmatched", unmatched)] if unmatched is not None else [])
    _refuse_overwriting(outputs, kw, lang=lang)  # an input named as an output is the first thing to say
    for option, path in outputs:
        _refuse_suffix(option, path, "cli_what_outcomes", (".csv", ".xlsx", ".txt"), lang=lang)  # before the work
    data = _load(kw, lang=lang, has_units=False)
    # the reasons go back to the communes as they are: what to correct, in plain words; how to run dxmap
    # differently (--records-date, --villages …) was said once on the console, by the readers' log lines
    # a 2024 round read with a 2025-07 one: each joined to its own units, both checked, each cut to --province and
    # --district in its own units (a district of 2024 is a former district of 2025-07)
    # --commune in a 2024 round: the 2025-07 communes beside a 2025-07 round or with --units 2025-07 (their former
    # communes, as summary counts them), else its own
    units = _commune_units(data, units)
    parts = [_in_place(part, data, kw["province"], kw["district"], kw["commune"], units=units, lang=lang)
             for part in (data.earlier, data) if part is not None]
    outcomes, other_province, other_district, other_commune = (
        pd.concat([f for f in frames if len(f)] or frames[-1:], ignore_index=True) for frames in zip(*parts))
    everything = len(outcomes) + len(other_province) + len(other_district) + len(other_commune)
    if kw["province"] is not None:
        log.info("%s", label("chk_in_province", lang, province=kw["province"], k=everything - len(other_province),
                             n=everything, m=len(other_province)))
    left_province = _left_out_line(other_province, kw["province"], lang, key="chk_other_province")
    left_out = ""
    if kw["district"] is not None:  # "": refused as empty by the lookup
        total = everything - len(other_province)
        log.info("%s", label("chk_district_checked", lang, district=kw["district"], n=len(outcomes)  # of
                             + len(other_commune), total=total, other=len(other_district)))  # --province's, when given
        left_out = _left_out_line(other_district, kw["district"], lang)
    communes = " ".join(f"--commune {_shell_word(c)}" for c in kw["commune"])
    left_commune = ""
    if kw["commune"]:  # of --district's (--province's) records, those of the communes named
        total = len(outcomes) + len(other_commune)
        log.info("%s", label("chk_communes_checked", lang, communes=communes, n=len(outcomes), total=total,
                             other=len(other_commune)))
        left_commune = _left_out_line(other_commune, communes, lang, key="chk_other_commune")
    click.echo(format_outcomes(outcomes, lang=lang))
    if left_province:  # those of other provinces too
        click.echo(left_province)
    if left_out:  # every record is accounted for: those of other districts are named, not dropped in silence
        click.echo(left_out)
    if left_commune:  # and those of other communes
        click.echo(left_commune)
    bad = outcomes[~outcomes["outcome"].isin([Outcome.MATCHED.value, Outcome.IGNORED.value])]
    shown = _problem_lines(bad, lang=lang)
    for line in shown[:20]:
        _echo(line)
    if len(shown) > 20:
        where = unmatched or (paths[0] if paths else None)
        _echo(label("chk_more_in", lang, n=len(shown) - 20, file=where) if where else
              label("chk_more_list", lang, n=len(shown) - 20))
    _ready_to_write([*named, *([("--unmatched", unmatched)] if unmatched is not None else [])], lang)
    # the records --district or --province left out: the file's summary says how many, beside its total (QA56 12)
    place = " ".join([f"--{k} {_shell_word(kw[k])}" for k in ("province", "district") if kw.get(k) is not None]
                     + ([communes] if communes else []))
    left = (place, everything - len(outcomes)) if place else None
    for option, path in named:
        with _writing(path, option, lang):
            write_outcomes(outcomes, path, lang=lang, left_out=left)
    if unmatched is not None:
        with _writing(unmatched, "--unmatched", lang):
            write_outcomes(bad, unmatched, lang=lang)
    return 0 if bad.empty else 1


def _in_place(part: Dataset, data: Dataset, province: str | None, district: str | None, commune: tuple[str, ...] = (),
              units: pd.DataFrame | None = None, lang: str = "en",
              ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """``check --province/--district/--commune`` on the records of ``part`` (``data`` or its 2024 round
    ``data.earlier``), looked up in ``part``'s own units (in a 2025-07 layer a former province or district, and its
    communes): the records kept, those of other provinces, of other districts, of other communes. A place the 2024
    round's units do not have (Yên Bái's district beside Lào Cai's 2024 communes) leaves all its records out; in
    ``data``'s units it is an error. ``units``: the 2025-07 units a 2024 round's --commune names
    (:func:`_commune_units`), whose former communes it is cut to; None: its own."""
    from dxmap.reconcile.districts import (outcomes_in_province, resolve_district, resolve_former_district,
                                           resolve_former_province, resolve_province)
    from dxmap.reconcile.outcomes import outcomes_in_communes, outcomes_in_district

    outcomes, communes = part.outcomes, part.communes
    none = other_province = other_district = outcomes.iloc[:0]
    former = "former_province_codes" in communes.columns
    try:
        place = chosen = None
        if province is not None:  # "": refused as empty by the lookup
            place = (resolve_former_province if former else resolve_province)(province, communes)
            kept = outcomes_in_province(outcomes, communes, place[0])
            other_province, outcomes = outcomes.drop(kept.index), kept
        if district is not None:  # looked up as analyse does: "Xã Văn Bàn" is a commune (QA68 N2); a name two
            # provinces' districts share, the one of --province
            chosen = (resolve_former_district if former else resolve_district)(district, communes, province=place)
            kept = outcomes_in_district(outcomes, communes, chosen[0])
            other_district, outcomes = outcomes.drop(kept.index), kept
        if not commune:
            return outcomes, other_province, other_district, none
        codes = _commune_codes(commune, communes, units if not former else None, district=chosen, province=place,
                               lang=lang)
        kept = outcomes_in_communes(outcomes, communes, codes)
    except UnknownUnitError:
        if part is data:
            raise
        whole = part.outcomes  # all of them are of the widest place asked for
        if province is not None:
            return none, whole, none, none
        return (none, none, whole, none) if district is not None else (none, none, none, whole)
    return kept, other_province, other_district, outcomes.drop(kept.index)


def _commune_units(data: Dataset, units: str | None) -> pd.DataFrame | None:
    """The 2025-07 units ``check --commune`` names in a 2024 round, as ``summary`` reads them: beside a round written
    for the 2025-07 units, that round's (the two are compared in them); with ``--units 2025-07``, the bundled ones;
    else None (the round's own units). ``--units 2024`` is refused where records are of the 2025-07 units."""
    from dxmap.io.boundaries import boundary_version
    from dxmap.io.bundled import bundled_units_2025
    from dxmap.reconcile.districts import with_former_district

    if data.earlier is not None:
        if units == "2024":
            raise said_error(VersionMismatchError, "gap_versions_units", units=repr(units))
        return data.communes
    if boundary_version(data.communes) == "2025-07":
        if units == "2024":
            raise said_error(VersionMismatchError, "gap_units_2024")
        return None
    return with_former_district(bundled_units_2025()) if units == "2025-07" else None


def _commune_codes(commune: tuple[str, ...], communes: pd.DataFrame, units: pd.DataFrame | None, *,
                   district: tuple[str, str] | None, province: tuple[str, str] | None, lang: str) -> list[str]:
    """The codes of ``communes`` (a round's own units) whose records ``check --commune`` checks. In ``units`` (the
    2025-07 units of :func:`_commune_units`) the former communes of the 2025-07 communes named, by the crosswalk, as
    ``summary --units 2025-07`` counts them: "Y Tý" is A Lù and Y Tý; said, and warned of where a name is also a 2024
    commune of ``communes`` of another extent. Without ``units``, the 2024 communes named; where the 2025-07 commune
    of that name is more, warned of with --units 2025-07, and a name only a 2025-07 commune has is refused with it."""
    from dxmap.io.boundaries import boundary_version
    from dxmap.io.bundled import bundled_crosswalk, bundled_units_2025
    from dxmap.reconcile.districts import communes_words, resolve_communes, with_former_district

    def named(layer: pd.DataFrame) -> tuple[tuple[str, str], ...] | None:
        try:
            return resolve_communes(commune, layer, district=district, province=province)
        except UnknownUnitError:
            return None

    def formers(picked: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
        cw = bundled_crosswalk()
        olds = cw[cw["new_code"].astype("string").isin([c for c, _ in picked]).fillna(False).to_numpy(dtype=bool)]
        return tuple(dict.fromkeys(zip(olds["old_code"].astype(str), olds["old_name"].astype(str).map(strip_prefix))))

    said = " ".join(f"--commune {_shell_word(c)}" for c in commune)
    if units is None:  # the round's own units; of Vietnam's 2024 units, what the 2025-07 commune of the name holds
        bundled = with_former_district(bundled_units_2025()) if boundary_version(communes) == "2024" else None
        try:
            own = resolve_communes(commune, communes, district=district, province=province)
        except UnknownUnitError as exc:
            new = None if bundled is None else named(bundled)
            if new is None:
                raise
            raise said_error(UnknownUnitError, "chk_commune_is_2025", inner=functools.partial(_error_said, exc),
                             communes=said, unit=functools.partial(communes_words, new, bundled)) from None
        new = None if bundled is None else named(bundled)
        more = [p for p in formers(new or ()) if p[0] not in {c for c, _ in own}]
        if more:
            log.warning("%s", label("chk_commune_also_2025", lang, communes=said,
                                    old=communes_words(own, communes, lang), unit=communes_words(new, bundled, lang),
                                    others=communes_words(more, communes, lang)))
        return [c for c, _ in own]
    picked = resolve_communes(commune, units, district=district, province=province)
    olds = formers(picked)
    log.info("%s", label("chk_communes_2025", lang, communes=said, units=communes_words(picked, units, lang),
                         formers=communes_words(olds, communes, lang)))
    own = named(communes)
    if own is not None and {c for c, _ in own} != {c for c, _ in olds}:
        log.warning("%s", label("chk_commune_also_2024", lang, communes=said, old=communes_words(own, communes, lang),
                                unit=communes_words(picked, units, lang)))
    return [c for c, _ in olds]


def _left_out_line(rows: pd.DataFrame, district: str, lang: str, key: str = "chk_other_district") -> str:
    """The records ``--district`` leaves out (of other districts) in one line: how many and the first rows, with
    the unit they matched or name; "" when none. ``key="chk_other_province"``: those ``--province`` leaves out."""
    if rows.empty:
        return ""
    unit = rows["matched_commune_code"].astype("string").fillna(rows["commune_code"].astype("string")).fillna("")
    name = rows["matched_name"].astype("string").fillna(rows["commune_name"].astype("string")).fillna("")
    where = (rows["file"].astype("string") + " " + say("chk_row", lang, row=rows["row"].astype("string"))
             + (" (" + (unit + " " + name).str.strip() + ")").where((unit + name).ne(""), ""))
    shown = list(dict.fromkeys(where))
    listed = "; ".join(shown[:5]) + (" …" if len(shown) > 5 else "")
    return label(key, lang, n=len(rows), district=district, province=district, communes=district, list=listed)


def _problem_lines(bad: pd.DataFrame, *, per_reason: int = 3, lang: str = "en") -> list[str]:
    """One line per record that did not match, for the console: a row of a wide sheet whose technologies share one
    reason once, and of many records with one reason (village records without --villages) the first few, the
    last saying how many more; every record is in the --outcomes file."""
    from dxmap.reconcile.outcomes import suggestion_words

    rows = bad.drop_duplicates(["file", "row", "outcome", "reason"])
    # a row whose technologies have different reasons is listed once per reason, naming the technologies of each
    techs = (bad.groupby(["file", "row", "outcome", "reason"], sort=False, dropna=False)["technology"]
             .agg(lambda t: ", ".join(label(f"log_tech_{v}", lang) for v in dict.fromkeys(t.dropna())))
             if "technology" in bad.columns else None)
    twice = rows.duplicated(["file", "row"], keep=False)
    lines = []
    for _, group in rows.groupby("reason", sort=False, dropna=False):
        for i, r in enumerate(group.head(per_reason).itertuples()):
            hint = (label("chk_did_you_mean", lang, suggestions=suggestion_words(r.suggestions, lang))
                    if getattr(r, "suggestions", "") else "")
            more = len(group) - per_reason if i == per_reason - 1 and len(group) > per_reason else 0
            tail = label("chk_more_same", lang, n=more) if more else ""
            named = techs[(r.file, r.row, r.outcome, r.reason)] if techs is not None and twice[r.Index] else ""
            which = f" ({named})" if named and named.lower() not in str(r.reason).lower() else ""  # unless it says
            lines.append(f"  {r.file} {label('chk_row', lang, row=r.row)}{which}: {label('chk_o_' + r.outcome, lang)}: "
                         f"{r.reason}{hint}{tail}")
    return lines


@main.command("report")
@_common
@click.option("--out", type=_Path(file_okay=False), default="dxmap-report",
              show_default=True, help="Folder for report.html, report.pdf, the map PNGs and the tables (XLSX, CSV).")
@click.option("--compare", "compare_to", metavar="DATE",
              help="Date to compare with. Default: the previous round in the records, i.e. the date of most units' "
                   "earlier record; none when fewer than half the units have one (a file of one round).")
@_lang_option()
@click.option("--title", help="Title of the report.")
@click.option("--allow-unmatched", is_flag=True, help="Report what matched even when some records did not.")
@_units_option(None)
@_run
def report_cmd(out: str, compare_to: str | None, lang: str, title: str | None, allow_unmatched: bool,
               units: str | None = None, **kw: Any) -> None:
    """Write a printable report: OUT/report.html (self-contained), OUT/report.pdf, map PNGs, XLSX and CSV tables.

    With --units 2025-07 the report is drawn in the 99 communes of the new Lào Cai: tables by former
    district (huyện cũ), LAN counted as k of n former communes.
    """
    from dxmap.render.report import REPORT_FILES, build_report, write_report

    folder = _refuse_file_name("--out", out, "report.pdf, report.html, report.xlsx, …", lang)
    _refuse_overwriting([], kw, folder=("--out", folder, frozenset(REPORT_FILES)), lang=lang)
    start = time.perf_counter()
    data = _load(kw, lang=lang)
    as_of, compare_to = _as_of(data, kw["as_of"]), _date_option(data, compare_to, "compare_to")
    rep = build_report(data, as_of=as_of, compare_to=compare_to, district=kw["district"], lang=lang,
                       title=title, strict=not allow_unmatched, units=units, province=kw["province"],
                       commune=list(kw["commune"]) or None)
    with _writing(folder, "--out", lang, folder=True):
        files = write_report(rep, folder)
    compared = label("rpt_compared", lang, date=date_text(rep.compare_to, lang)) if rep.compare_to else ""
    compared = f" ({compared[:1].lower()}{compared[1:]})" if compared else ""
    _echo(f"{rep.title}: {date_text(rep.as_of, lang)}{compared}"
          + (f"  [{label('sum_illustrative', lang)}]" if rep.illustrative else "") + _illustrative_lines(data, lang))
    for h in rep.headline:
        _echo(f"  {h['label']}: {h['figure']}")
    _echo(label("cli_wrote", _lines_lang("report", lang), files=", ".join(str(p) for p in files.values())))
    log_said(log, logging.INFO, "cli_report_written", out=folder,
             s=functools.partial(number_text, time.perf_counter() - start, decimals=2))


if __name__ == "__main__":  # pragma: no cover  (python -m dxmap.cli, as before python -m dxmap)
    main()

"""The ``dxmap`` command: a thin layer over the public API.

Every command reads with :func:`read_dataset` (or :func:`demo_dataset`), computes with
:func:`analyse`, and writes with the table and map functions. A :class:`DxmapError` becomes one
line on stderr and exit status 1.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from dxmap.gaps.change import Comparison, change_table, compare, format_change, write_change
from dxmap.render.change_layer import change_layer
from dxmap.errors import DxmapError
from dxmap.render.webmap import gap_map, save_map
from dxmap.gaps.analysis import Analysis, analyse, check_as_of
from dxmap.io.dataset import Dataset
from dxmap.pipeline import demo_dataset, read_dataset
from dxmap.reconcile.match import Outcome
from dxmap.render.tables import format_summary, summary_table, write_summary_csv, write_summary_json
from dxmap.validate.dates import parse_date

log = logging.getLogger("dxmap")
_BASEMAP_HELP = "Start the map with the OpenStreetMap basemap on (needs internet; off by default: the map works offline)."


def _simplify_value(ctx: click.Context, param: click.Parameter, value: str) -> bool | float | None:
    """--simplify auto|on|off|METRES → gap_map's simplify= (None, True, False or metres)."""
    word = value.strip().lower()
    if word in ("auto", "on", "off"):
        return {"auto": None, "on": True, "off": False}[word]
    try:
        return float(word)
    except ValueError:
        raise click.BadParameter(f"{value!r}: give auto, on, off or a tolerance in metres (e.g. 100)") from None


# Messages name Python arguments (the API's words); seen from the command line they name its options.
# Reading and analysing both take an ``as_of=``: --records-date when reading, --as-of afterwards.
_QUOTED = r"""(['"])(.*?)\{n}"""  # a value as repr() writes it; group n is its quote


def _words(args: dict[str, str], *extra: tuple[str, str]) -> list[tuple[str, str]]:
    """Rules for ``arg='value'`` → ``--option value`` and a bare ``arg=`` → ``--option``."""
    rules = list(extra)
    rules += [(rf"\b{arg}=" + _QUOTED.format(n=1), rf"{opt} \2") for arg, opt in args.items()]
    rules += [(rf"\b{arg}=(?![\w'\"{{])", opt) for arg, opt in args.items()]
    return rules


_PAIR = r"\{" + _QUOTED.format(n=1) + ": " + _QUOTED.format(n=3) + r"\}"
_READ_WORDS = _words(
    {"as_of": "--records-date", "technology": "--technology", "date_order": "--date-order", "encoding": "--encoding",
     "sheet": "--sheet", "layer": "--layer", "crs": "--crs", "columns": "--column", "wide": "--wide"},
    (r"\bcolumns=" + _PAIR, r"--column \2='\4'"), (r"\bwide=" + _PAIR, r"--wide '\2'=\4"))
_ANALYSE_WORDS = _words(
    {"as_of": "--as-of", "compare_to": "--compare", "district": "--district"},
    (r"write_outcomes\(\) lists", "`dxmap check --outcomes FILE` lists"))
_BOTH_WORDS = [
    (r"\((--[^(),]*?) on the command line, [^()]*? in Python\)", r"(\1)"),  # "(--crs on the command line, crs= in Python)"
    (r"\s*\([^()]*\bin Python\)", ""),  # "--layer (layer= in Python)": the option alone
    (r"\S+=(?:\{[^{}]*\}|'[^']*'|\S*?)\s*\(CLI:?\s*([^()]*)\)", r"\1"),  # "crs='…' (CLI: --crs …)": the CLI words
]


def _cli_words(message: str, table: list[tuple[str, str]]) -> str:
    """``message`` with its Python argument names replaced by command-line options."""
    for pattern, replacement in _BOTH_WORDS + table:
        message = re.sub(pattern, replacement, message)
    return message


class _CliFormatter(logging.Formatter):
    """Log lines speak CLI too: a reader's words (dxmap.io, dxmap.validate) as reading options."""

    def format(self, record: logging.LogRecord) -> str:
        reading = record.name.startswith(("dxmap.io", "dxmap.validate"))
        return _cli_words(super().format(record), _READ_WORDS if reading else _ANALYSE_WORDS)


def _setup_logging(quiet: bool, verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_CliFormatter("dxmap: %(message)s"))
    root = logging.getLogger("dxmap")
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING if quiet else logging.DEBUG if verbose else logging.INFO)
    root.propagate = False


def _common(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Options every command shares: what to read and how, which date and district, language, verbosity."""
    opts = [
        click.option("--demo", is_flag=True, help="Use the bundled Lào Cai demo (real boundaries, ILLUSTRATIVE records)."),
        click.option("--records", "records", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
                     help="Status records (.csv, .txt or .xlsx; long or wide); repeat for several files."),
        click.option("--communes", type=click.Path(dir_okay=False, path_type=Path),
                     help="Commune boundaries (GeoJSON, Shapefile/.zip, GeoPackage, KML). Default: bundled Lào Cai 2024."),
        click.option("--districts", type=click.Path(dir_okay=False, path_type=Path), help="District boundaries (optional)."),
        click.option("--villages", type=click.Path(dir_okay=False, path_type=Path), help="Village points or polygons."),
        click.option("--communes-column", "communes_columns", multiple=True, metavar="FIELD=HEADER",
                     help="Name a column of the commune layer, e.g. --communes-column code=MA_XA (code, name, "
                          "district_code, district_name)."),
        click.option("--districts-column", "districts_columns", multiple=True, metavar="FIELD=HEADER",
                     help="Name a column of the district layer (code, name)."),
        click.option("--villages-column", "villages_columns", multiple=True, metavar="FIELD=HEADER",
                     help="Name a column of the village layer, e.g. --villages-column name=TEN_THON (village_id, "
                          "name, commune_code)."),
        click.option("--crs", help="CRS of boundary files that lack or misstate one, e.g. EPSG:9208."),
        click.option("--layer", help="Layer of a multi-layer commune file (GeoPackage, KML)."),
        click.option("--sheet", help="Sheet of an XLSX records file."),
        click.option("--encoding", help="Legacy text encoding of records and shapefile DBFs: tcvn3 (ABC), vni, cp1258, "
                                        "auto, or a Python codec. Default: UTF-8 (UTF-16 with a BOM), else detected."),
        click.option("--column", "columns", multiple=True, metavar="FIELD=HEADER",
                     help="Map one of your headers to a schema field, e.g. --column status='Tình hình'."),
        click.option("--wide", "wide", multiple=True, metavar="COLUMN=TECH",
                     help="A column whose cells hold one technology's status, e.g. --wide 'Hiện trạng'=lan "
                          "(headers that name a technology, such as 'Mạng LAN chuẩn', are found without it)."),
        click.option("--technology", help="The technology of every record of a long file without a technology "
                                          "column: mobile, fibre or lan."),
        click.option("--date-order", type=click.Choice(["dmy", "mdy", "ymd"]),
                     help="How to read dates that are not ISO. Default: day first (30/06/2024), unless a column "
                          "only makes sense month first."),
        click.option("--records-date", help="Date of records without one (files without a date column): "
                                            "2024-06-30 or 30/06/2024 (day first)."),
        click.option("--as-of", help="Date of the picture: 2024-06-30 or 30/06/2024 (day first). "
                                     "Default: the newest record."),
        click.option("--district", help='Restrict to one district: name or code, diacritics optional ("bat xat", "082").'),
        click.option("--engine", type=click.Choice(["pandas", "dask"]), default="pandas", show_default=True,
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


def _pairs(items: tuple[str, ...], option: str, example: str, *, key_last: bool = False) -> dict[str, str] | None:
    """``("status=Tình hình",)`` → ``{"status": "Tình hình"}``; with ``key_last`` the header is left of the
    last "=" (``--wide "A=B"=lan``) and is the key."""
    mapping = {}
    for item in items:
        if "=" not in item:
            raise click.BadParameter(f"{item!r}: write {example}", param_hint=option)
        left, right = item.rsplit("=", 1) if key_last else item.split("=", 1)
        mapping[_unquote(left)] = _unquote(right)
    return mapping or None


def _load(kw: dict[str, Any]) -> Dataset:
    if kw["demo"]:
        given = [o for o in ("records", "communes", "districts", "villages") if kw.get(o)]
        if given:
            raise click.UsageError(f"--demo uses the bundled sample; it cannot be combined with "
                                   f"{', '.join('--' + o for o in given)}. Drop --demo to use your files.")
        log.info("using the bundled Lào Cai demo: real 2024 boundaries, ILLUSTRATIVE villages and records")
        return demo_dataset()
    if not kw["records"]:
        raise click.UsageError("give --records FILE (repeatable), or --demo for the bundled sample.")
    try:
        return read_dataset(
            kw["records"], communes=kw["communes"], districts=kw["districts"], villages=kw["villages"],
            crs=kw["crs"], layer=kw["layer"], sheet=kw["sheet"],
            columns=_pairs(kw["columns"], "--column", "FIELD=HEADER, e.g. status='Tình hình'"),
            as_of=kw["records_date"], encoding=kw["encoding"], date_order=kw["date_order"],
            wide=_pairs(kw["wide"], "--wide", "COLUMN=TECH, e.g. 'Mạng LAN chuẩn'=lan", key_last=True),
            technology=kw["technology"],
            commune_columns=_pairs(kw["communes_columns"], "--communes-column", "FIELD=HEADER, e.g. code=MA_XA"),
            district_columns=_pairs(kw["districts_columns"], "--districts-column", "FIELD=HEADER, e.g. name=TEN_HUYEN"),
            village_columns=_pairs(kw["villages_columns"], "--villages-column", "FIELD=HEADER, e.g. name=TEN_THON"),
            engine=kw["engine"])
    except DxmapError as exc:
        raise type(exc)(_cli_words(str(exc), _READ_WORDS)) from None


def _as_of(data: Dataset, as_of: str | None) -> str | None:
    """--as-of as an ISO date (read day first unless ISO); an error when it is before every record."""
    return None if as_of is None else check_as_of(data.outcomes, as_of).date().isoformat()


def _date_option(value: str | None, what: str) -> str | None:
    return None if value is None else parse_date(value, what=what).date().isoformat()


def _run(fn: Callable[..., int | None]) -> Callable[..., None]:
    @functools.wraps(fn)
    def wrapper(**kw: Any) -> None:
        _setup_logging(kw.get("quiet", False), kw.get("verbose", False))
        try:
            code = fn(**kw)
        except DxmapError as exc:
            click.echo(f"dxmap: error: {_cli_words(str(exc), _ANALYSE_WORDS)}", err=True)
            sys.exit(1)
        sys.exit(code or 0)
    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dxmap")
def main() -> None:
    """dxmap: where mobile broadband, fibre and a standard LAN are still missing."""


def _write_outputs(result: Analysis, out: Path, lang: str, illustrative: bool,
                   comparison: Comparison | None = None, basemap: bool = False) -> None:
    m = gap_map(result.status, result.communes, districts=result.districts, lang=lang, illustrative=illustrative,
                basemap=basemap)
    if comparison is not None:
        change_layer(comparison.changes, lang=lang, m=m)
    save_map(m, out / "map.html")
    write_summary_csv(result.status, out / "summary.csv")
    write_summary_json(result.summary if comparison is None else comparison.summary, out / "summary.json")


@main.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("dxmap-demo"), show_default=True,
              help="Folder for map.html, summary.csv and summary.json.")
@click.option("--district", help='Restrict to one district ("bat xat", "Bát Xát", "082").')
@click.option("--as-of", help="Date of the picture: 2024-06-30 or 30/06/2024 (default the newest snapshot, 2024-06-30).")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True, help="Language of the map.")
@click.option("--compare", "compare_to", metavar="DATE",
              help="Also show the change since DATE (e.g. 2024-03-31) on the map and in summary.json.")
@click.option("--basemap", is_flag=True, help=_BASEMAP_HELP)
@click.option("-q", "--quiet", is_flag=True, help="Only warnings and errors on stderr.")
@click.option("-v", "--verbose", is_flag=True, help="More detail on stderr.")
@_run
def demo(out: Path, district: str | None, as_of: str | None, lang: str, compare_to: str | None, quiet: bool,
         verbose: bool, basemap: bool = False) -> None:
    """Build the Lào Cai demo: OUT/map.html, OUT/summary.csv, OUT/summary.json; print the summary."""
    start = time.perf_counter()
    data = demo_dataset()
    as_of, compare_to = _as_of(data, as_of), _date_option(compare_to, "compare_to")
    result = analyse(data, as_of=as_of, district=district)
    comparison = compare(data, as_of=as_of, compare_to=compare_to, district=district) if compare_to else None
    _write_outputs(result, out, lang, illustrative=True, comparison=comparison, basemap=basemap)
    click.echo(format_summary(result.summary, lang="en"))
    if comparison is not None:
        click.echo("\n" + format_change(comparison.summary, lang="en"))
    log.info("demo written to %s in %.2f s", out, time.perf_counter() - start)


@main.command("map")
@_common
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="HTML file to write.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
@click.option("--title", help="Title shown on the map.")
@click.option("--allow-unmatched", is_flag=True,
              help="Map what matched even when some records did not (unmatched and invalid rows are skipped, counted in the log).")
@click.option("--compare", "compare_to", metavar="DATE",
              help="Add a layer with the change since DATE: fixed, still missing, newly missing.")
@click.option("--basemap", is_flag=True, help=_BASEMAP_HELP)
@click.option("--simplify", default="auto", show_default=True, metavar="auto|on|off|METRES", callback=_simplify_value,
              help="Simplify the outlines, shared edges kept shared: auto (above 200,000 vertices, e.g. national maps), "
                   "on (invisible tolerance), off, or a tolerance in metres. The map states it.")
@_run
def map_cmd(out: Path, lang: str, title: str | None, allow_unmatched: bool, compare_to: str | None,
            basemap: bool = False, simplify: bool | float | None = None, **kw: Any) -> None:
    """Write a gap map (one self-contained HTML file)."""
    data = _load(kw)
    as_of, compare_to = _as_of(data, kw["as_of"]), _date_option(compare_to, "compare_to")
    result = analyse(data, as_of=as_of, district=kw["district"], strict=not allow_unmatched)
    comparison = None
    if compare_to:
        comparison = compare(data, as_of=as_of, compare_to=compare_to, district=kw["district"], strict=not allow_unmatched)
    m = gap_map(result.status, result.communes, districts=result.districts, lang=lang, title=title,
                illustrative=data.illustrative, basemap=basemap, simplify=simplify)
    if comparison is not None:
        change_layer(comparison.changes, lang=lang, m=m)
    save_map(m, out)


@main.command()
@_common
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file instead of stdout.")
@click.option("--allow-unmatched", is_flag=True,
              help="Summarise what matched even when some records did not (unmatched and invalid rows are skipped, counted in the log).")
@click.option("--compare", "compare_to", metavar="DATE",
              help="Also count, per technology and district, the gaps at DATE and how many were fixed, new or stayed.")
@_run
def summary(fmt: str, out: Path | None, allow_unmatched: bool, compare_to: str | None, **kw: Any) -> None:
    """Print (or write) gap counts per technology: table, CSV (per district) or JSON."""
    data = _load(kw)
    as_of, compare_to = _as_of(data, kw["as_of"]), _date_option(compare_to, "compare_to")
    if compare_to:
        comparison = compare(data, as_of=as_of, compare_to=compare_to, district=kw["district"], strict=not allow_unmatched)
        if out is not None:
            write_change(comparison, out, fmt=fmt)
        elif fmt == "csv":
            click.echo(change_table(comparison.changes).to_csv(index=False, lineterminator="\n"), nl=False)
        else:
            click.echo(json.dumps(comparison.summary, ensure_ascii=False, indent=2) if fmt == "json"
                       else format_change(comparison.summary))
        return
    result = analyse(data, as_of=as_of, district=kw["district"], strict=not allow_unmatched)
    if out is not None:
        if fmt == "csv":
            write_summary_csv(result.status, out)
        elif fmt == "json":
            write_summary_json(result.summary, out)
        else:
            out.write_text(format_summary(result.summary) + "\n", encoding="utf-8")
        return
    if fmt == "json":
        click.echo(json.dumps(result.summary, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        click.echo(summary_table(result.status).to_csv(index=False, lineterminator="\n"), nl=False)
    else:
        click.echo(format_summary(result.summary))


@main.command()
@_common
@click.option("--outcomes", "outcome_paths", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Write every record with its outcome, unit, method, reason and suggestions: .csv or .xlsx (repeatable).")
@click.option("--report", "report_paths", multiple=True, type=click.Path(dir_okay=False, path_type=Path), hidden=True,
              help="Old name of --outcomes.")
@click.option("--unmatched", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the records that are not matched or ignored, with reasons (.csv or .xlsx).")
@_run
def check(outcome_paths: tuple[Path, ...], report_paths: tuple[Path, ...], unmatched: Path | None, **kw: Any) -> int:
    """Reconcile records with boundaries and report every record; exit 1 unless all matched.

    Every row is reported, also those that cannot be read as records (outcome invalid, with the
    reason); total, heading and empty rows of spreadsheets are reported as ignored and do not fail
    the check.
    """
    from dxmap.reconcile.outcomes import format_outcomes, write_outcomes

    data = _load(kw)
    outcomes = data.outcomes
    click.echo(format_outcomes(outcomes))
    bad = outcomes[~outcomes["outcome"].isin([Outcome.MATCHED.value, Outcome.IGNORED.value])]
    for r in bad.head(20).itertuples():
        hint = f" (did you mean: {r.suggestions})" if getattr(r, "suggestions", "") else ""
        click.echo(f"  {r.file} row {r.row}: {r.outcome}: {r.reason}{hint}")
    paths = (*outcome_paths, *report_paths)
    if len(bad) > 20:
        where = unmatched or (paths[0] if paths else None)
        click.echo(f"  … {len(bad) - 20} more" + (f" in {where}" if where else "; list them all with --outcomes FILE"))
    for path in paths:
        write_outcomes(outcomes, path)
    if unmatched is not None:
        write_outcomes(bad, unmatched)
    return 0 if bad.empty else 1


@main.command("report")
@_common
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("dxmap-report"),
              show_default=True, help="Folder for report.html, report.pdf, the map PNGs and the tables (XLSX, CSV).")
@click.option("--compare", "compare_to", metavar="DATE",
              help="Date to compare with. Default: the previous snapshot in the records.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
@click.option("--title", help="Title of the report.")
@click.option("--allow-unmatched", is_flag=True, help="Report what matched even when some records did not.")
@_run
def report_cmd(out: Path, compare_to: str | None, lang: str, title: str | None, allow_unmatched: bool,
               **kw: Any) -> None:
    """Write a printable report: OUT/report.html (self-contained), OUT/report.pdf, map PNGs, XLSX and CSV tables."""
    from dxmap.render.report import build_report, write_report

    start = time.perf_counter()
    data = _load(kw)
    as_of, compare_to = _as_of(data, kw["as_of"]), _date_option(compare_to, "compare_to")
    rep = build_report(data, as_of=as_of, compare_to=compare_to, district=kw["district"], lang=lang,
                       title=title, strict=not allow_unmatched)
    files = write_report(rep, out)
    click.echo(f"{rep.title}: {rep.as_of}" + (f" (vs {rep.compare_to})" if rep.compare_to else "")
               + ("  [ILLUSTRATIVE sample data]" if rep.illustrative else ""))
    for h in rep.headline:
        click.echo(f"  {h['label']}: {h['figure']}")
    click.echo("wrote " + ", ".join(str(p) for p in files.values()))
    log.info("report written to %s in %.2f s", out, time.perf_counter() - start)


if __name__ == "__main__":  # pragma: no cover
    main()

"""The ``dxmap`` command: a thin layer over the public API.

Every command reads with :func:`read_dataset` (or :func:`demo_dataset`), computes with
:func:`analyse`, and writes with the table and map functions. A :class:`DxmapError` becomes one
line on stderr and exit status 1.
"""

from __future__ import annotations

import functools
import json
import logging
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
from dxmap.gaps.analysis import Analysis, analyse
from dxmap.io.dataset import Dataset
from dxmap.pipeline import demo_dataset, read_dataset
from dxmap.reconcile.match import Outcome
from dxmap.render.tables import format_summary, summary_table, write_summary_csv, write_summary_json

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


def _setup_logging(quiet: bool, verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("dxmap: %(message)s"))
    root = logging.getLogger("dxmap")
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING if quiet else logging.DEBUG if verbose else logging.INFO)
    root.propagate = False


def _common(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Options every command shares: what to read, which date and district, language, verbosity."""
    opts = [
        click.option("--demo", is_flag=True, help="Use the bundled Lào Cai demo (real boundaries, ILLUSTRATIVE records)."),
        click.option("--records", "records", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
                     help="Status records (.csv or .xlsx); repeat for several files."),
        click.option("--communes", type=click.Path(dir_okay=False, path_type=Path),
                     help="Commune boundaries (GeoJSON, Shapefile/.zip, GeoPackage, KML). Default: bundled Lào Cai 2024."),
        click.option("--districts", type=click.Path(dir_okay=False, path_type=Path), help="District boundaries (optional)."),
        click.option("--villages", type=click.Path(dir_okay=False, path_type=Path), help="Village points or polygons."),
        click.option("--crs", help="CRS of boundary files that lack or misstate one, e.g. EPSG:9208."),
        click.option("--layer", help="Layer of a multi-layer commune file (GeoPackage, KML)."),
        click.option("--sheet", help="Sheet of an XLSX records file."),
        click.option("--encoding", help="Legacy text encoding of records and shapefile DBFs: tcvn3 (ABC), vni, cp1258, "
                                        "auto, or a Python codec. Default: UTF-8, non-UTF-8 CSV detected."),
        click.option("--column", "columns", multiple=True, metavar="FIELD=HEADER",
                     help="Map one of your headers to a schema field, e.g. --column status='Tình hình'."),
        click.option("--records-date", help="Date (YYYY-MM-DD) for records files without a date column."),
        click.option("--as-of", help="Date of the picture (YYYY-MM-DD). Default: the newest record."),
        click.option("--district", help='Restrict to one district: name or code, diacritics optional ("bat xat", "082").'),
        click.option("--engine", type=click.Choice(["pandas", "dask"]), default="pandas", show_default=True,
                     help="Place records by lon/lat on one machine, or on dask-geopandas partitions (pip install 'dxmap[dask]')."),
        click.option("-q", "--quiet", is_flag=True, help="Only warnings and errors on stderr."),
        click.option("-v", "--verbose", is_flag=True, help="More detail on stderr."),
    ]
    for opt in reversed(opts):
        fn = opt(fn)
    return fn


def _parse_columns(columns: tuple[str, ...]) -> dict[str, str] | None:
    mapping = {}
    for item in columns:
        if "=" not in item:
            raise click.BadParameter(f"{item!r}: write FIELD=HEADER, e.g. status='Tình hình'", param_hint="--column")
        k, v = item.split("=", 1)
        mapping[k.strip()] = v.strip()
    return mapping or None


def _load(kw: dict[str, Any]) -> Dataset:
    if kw["demo"]:
        log.info("using the bundled Lào Cai demo: real 2024 boundaries, ILLUSTRATIVE villages and records")
        return demo_dataset()
    if not kw["records"]:
        raise click.UsageError("give --records FILE (repeatable), or --demo for the bundled sample.")
    return read_dataset(kw["records"], communes=kw["communes"], districts=kw["districts"], villages=kw["villages"],
                        crs=kw["crs"], layer=kw["layer"], sheet=kw["sheet"], columns=_parse_columns(kw["columns"]),
                        as_of=kw["records_date"], encoding=kw["encoding"], engine=kw["engine"])


def _run(fn: Callable[..., int | None]) -> Callable[..., None]:
    @functools.wraps(fn)
    def wrapper(**kw: Any) -> None:
        _setup_logging(kw.get("quiet", False), kw.get("verbose", False))
        try:
            code = fn(**kw)
        except DxmapError as exc:
            click.echo(f"dxmap: error: {exc}", err=True)
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
@click.option("--as-of", help="Date of the picture (default 2024-06-30, the newest snapshot).")
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
@click.option("--allow-unmatched", is_flag=True, help="Map what matched even when some records did not.")
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
    result = analyse(data, as_of=kw["as_of"], district=kw["district"], strict=not allow_unmatched)
    comparison = None
    if compare_to:
        comparison = compare(data, as_of=kw["as_of"], compare_to=compare_to, district=kw["district"],
                                       strict=not allow_unmatched)
    m = gap_map(result.status, result.communes, districts=result.districts, lang=lang, title=title,
                illustrative=data.illustrative, basemap=basemap, simplify=simplify)
    if comparison is not None:
        change_layer(comparison.changes, lang=lang, m=m)
    save_map(m, out)


@main.command()
@_common
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file instead of stdout.")
@click.option("--allow-unmatched", is_flag=True, help="Summarise what matched even when some records did not.")
@click.option("--compare", "compare_to", metavar="DATE",
              help="Also count, per technology and district, the gaps at DATE and how many were fixed, new or stayed.")
@_run
def summary(fmt: str, out: Path | None, allow_unmatched: bool, compare_to: str | None, **kw: Any) -> None:
    """Print (or write) gap counts per technology: table, CSV (per district) or JSON."""
    data = _load(kw)
    if compare_to:
        comparison = compare(data, as_of=kw["as_of"], compare_to=compare_to, district=kw["district"],
                                       strict=not allow_unmatched)
        if out is not None:
            write_change(comparison, out, fmt=fmt)
        elif fmt == "csv":
            click.echo(change_table(comparison.changes).to_csv(index=False, lineterminator="\n"), nl=False)
        else:
            click.echo(json.dumps(comparison.summary, ensure_ascii=False, indent=2) if fmt == "json"
                       else format_change(comparison.summary))
        return
    result = analyse(data, as_of=kw["as_of"], district=kw["district"], strict=not allow_unmatched)
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
@click.option("--unmatched", type=click.Path(dir_okay=False, path_type=Path), default=Path("unmatched.csv"),
              show_default=True, help="CSV of the records that did not match, with reasons.")
@click.option("--report", "report_paths", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Every record with its outcome, unit, method, reason and suggestions: .csv or .xlsx (repeatable).")
@_run
def check(unmatched: Path, report_paths: tuple[Path, ...], **kw: Any) -> int:
    """Reconcile records with boundaries and report every record; exit 1 unless all matched.

    Total and heading rows of spreadsheets are reported as ignored and do not fail the check.
    """
    from dxmap.reconcile.outcomes import format_outcomes, write_outcomes

    data = _load(kw)
    report = data.outcomes
    click.echo(format_outcomes(report))
    bad = report[~report["outcome"].isin([Outcome.MATCHED.value, Outcome.IGNORED.value])]
    for r in bad.head(20).itertuples():
        hint = f" (did you mean: {r.suggestions})" if getattr(r, "suggestions", "") else ""
        click.echo(f"  {r.file} row {r.row}: {r.outcome}: {r.reason}{hint}")
    if len(bad) > 20:
        click.echo(f"  … {len(bad) - 20} more in {unmatched}")
    write_outcomes(bad, unmatched)
    for path in report_paths:
        write_outcomes(report, path)
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
    rep = build_report(data, as_of=kw["as_of"], compare_to=compare_to, district=kw["district"], lang=lang,
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

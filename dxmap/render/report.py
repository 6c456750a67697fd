"""The printable report for planners: what is still missing at a date and what changed since the
previous snapshot, as one self-contained HTML file and a PDF, with the tables as XLSX and CSV.

The report holds the headline (gap counts and their change), a table by district, a static map per
technology (PNG, with legend and scale bar) and the remaining gap villages and communes per district.
Everything is built once into a :class:`Report` by :func:`build_report`; :func:`report_html`,
:func:`report_pdf` and :func:`write_report` only lay it out. Words are Vietnamese by default.

The report needs the optional packages of the ``report`` extra (matplotlib, matplotlib-scalebar,
reportlab, jinja2): ``pip install 'dxmap[report]'``. Without them, importing this module works and
its functions raise a :class:`~dxmap.errors.OptionalDependencyError` that says so.
"""

from __future__ import annotations

import base64
import html
import importlib
import io
import logging
import os
import re
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import geopandas as gpd
import pandas as pd

from dxmap._files import atomic_path, atomic_write
from dxmap.errors import OptionalDependencyError
from dxmap.gaps.change import CHANGE_STYLE, Change, _unit_word, change_summary, period_phrase, previous_snapshot
from dxmap.labels import Lang, label
from dxmap.gaps.analysis import Analysis, analyse
from dxmap.io.dataset import Dataset
from dxmap.validate.text import fold
from dxmap.validate.vocab import TECH_ORDER, Level, Status, Technology

__all__ = ["Report", "build_report", "report_tables", "static_map", "report_html", "report_pdf", "write_report"]

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates" / "report"
_MINUS = "\u2212"  # a real minus sign: "6 (−4)"
_NUM_RE = re.compile(r"\d+")


@dataclass(frozen=True)
class Report:
    """Everything a report shows, already in the report's language.

    ``tables`` maps ``"headline"``, ``"districts"`` and ``"gap_list"`` to DataFrames whose column
    headings are the ones printed (the XLSX and CSV files use them too); ``maps`` maps each
    technology to a PNG image; ``headline`` holds one entry per technology for the big numbers.
    """

    title: str
    as_of: str
    compare_to: str | None
    district: str | None
    illustrative: bool
    lang: Lang
    headline: list[dict]
    sentences: list[str]
    tables: dict[str, pd.DataFrame]
    maps: dict[str, bytes] = field(repr=False)
    summary: dict = field(repr=False)


# import name → distribution name: what the ``report`` extra installs and this module imports.
_EXTRA = {"matplotlib": "matplotlib", "matplotlib_scalebar": "matplotlib-scalebar", "reportlab": "reportlab",
          "jinja2": "jinja2"}


def _require_extra() -> None:
    """Raise a one-line :class:`OptionalDependencyError` unless the ``report`` extra's packages can be imported."""
    missing = []
    for module, dist in _EXTRA.items():
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(dist)
    if missing:
        raise OptionalDependencyError(f"the printable report needs {', '.join(missing)}, which {'is' if len(missing) == 1 else 'are'} "
                         "not installed. Install the report extra: pip install 'dxmap[report]'")


def _signed(n: int) -> str:
    return f"{_MINUS}{-n}" if n < 0 else (f"+{n}" if n > 0 else "±0")


def _natural(values: pd.Series) -> pd.Series:
    """Sort key: folded, numbers zero-padded so "Thôn 2" comes before "Thôn 10"."""
    return values.astype("string").fillna("").map(lambda s: _NUM_RE.sub(lambda m: m.group().zfill(6), fold(s)))


def _no_change(status: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A status table shaped like :func:`change_status` output when there is nothing to compare with:
    every gap counts as still missing, nothing as fixed or new."""
    out = status.assign(previous_status=Status.UNKNOWN.value, previous_status_date=pd.NaT,
                        change=status["status"].eq(Status.NONE.value).map({True: Change.STAYED.value,
                                                                            False: Change.NO_GAP.value}))
    out.attrs.update(status.attrs)
    out.attrs["compare_to"] = None
    return out


def report_tables(changes: gpd.GeoDataFrame, *, lang: Lang = "vi") -> dict[str, pd.DataFrame]:
    """The report's three tables with the printed headings.

    Parameters
    ----------
    changes
        From :func:`change_status` (``attrs`` ``as_of`` and ``compare_to``); with ``compare_to``
        None only the counts at ``as_of`` are shown.

    Returns
    -------
    dict
        ``"headline"``: one row per technology; ``"districts"``: one row per district and a total
        row, two columns per technology (gaps, change); ``"gap_list"``: one row per village or
        commune still lacking something, sorted by district, commune and name.
    """
    as_of, compare_to = changes.attrs.get("as_of"), changes.attrs.get("compare_to")
    now_col = label("rpt_without", lang).format(date=as_of)
    chg_col = label("rpt_change", lang)
    province = change_summary(changes)
    head = pd.DataFrame({
        label("rpt_technology", lang): province["technology"].map(lambda t: label(t, lang)),
        label("rpt_level", lang): province["level"].map(lambda lv: label(f"{lv}s", lang)),
        now_col: province["count"],
    })
    if compare_to:
        head[label("rpt_without", lang).format(date=compare_to)] = province["previous"]
        head[chg_col] = province["count"] - province["previous"]
        for k in ("fixed", "new", "stayed"):
            head[label(f"rpt_{k}", lang)] = province[k]

    per = change_summary(changes, by="district")
    total = province.assign(district_code="", district_name=label("rpt_total", lang))
    both = pd.concat([per, total], ignore_index=True).assign(change=lambda d: d["count"] - d["previous"])
    wide = both.pivot(index=["district_code", "district_name"], columns="technology", values=["count", "change"])
    order = sorted(both["district_code"].unique(), key=lambda c: (c == "", c))  # the total row last
    wide = wide.reindex(order, level="district_code")
    districts = pd.DataFrame({label("district", lang): wide.index.get_level_values("district_name")})
    for tech in sorted(both["technology"].unique(), key=TECH_ORDER.get):
        districts[f"{label(tech, lang)}: {now_col}"] = wide[("count", tech)].to_numpy()
        if compare_to:
            districts[f"{label(tech, lang)}: {chg_col}"] = wide[("change", tech)].to_numpy()
    return {"headline": head, "districts": districts, "gap_list": _gap_list(changes, lang)}


def _gap_list(changes: gpd.GeoDataFrame, lang: Lang) -> pd.DataFrame:
    compare_to = changes.attrs.get("compare_to")
    gaps = changes[changes["status"].eq(Status.NONE.value)]
    gaps = gaps.assign(tech_order=gaps["technology"].map(TECH_ORDER),
                       tech_label=gaps["technology"].map(lambda t: label(t, lang)))
    gaps = gaps.assign(new_label=gaps["tech_label"].where(gaps["change"].eq(Change.NEW.value), ""))
    keys = ["district_code", "district_name", "commune_code", "commune_name", "level", "unit_id", "name"]
    units = (gaps.sort_values("tech_order")
                 .groupby(keys, sort=False, dropna=False)
                 .agg(missing=("tech_label", ", ".join), new=("new_label", lambda s: ", ".join(x for x in s if x)))
                 .reset_index())
    units = units.assign(village=units["name"].where(units["level"].eq(Level.VILLAGE.value), ""),
                         level_order=units["level"].ne(Level.COMMUNE.value), key=_natural(units["name"]),
                         commune_key=_natural(units["commune_name"]))
    units = units.sort_values(["district_code", "commune_key", "commune_code", "level_order", "key"])
    out = pd.DataFrame({
        label("district", lang): units["district_name"].to_numpy(),
        label("commune_label", lang): units["commune_name"].to_numpy(),
        label("village_label", lang): units["village"].to_numpy(),
        label("rpt_missing", lang): units["missing"].to_numpy(),
    })
    if compare_to:
        since = period_phrase(compare_to, changes.attrs.get("as_of"), lang=lang)
        out[label("rpt_new_since", lang).format(since=since)] = units["new"].to_numpy()
    return out


# ----------------------------------------------------------------------------------------------------------------
# Static maps (matplotlib through GeoDataFrame.plot)

def static_map(
    changes: gpd.GeoDataFrame,
    communes: gpd.GeoDataFrame,
    *,
    technology: Technology | str,
    districts: gpd.GeoDataFrame | None = None,
    lang: Lang = "vi",
    illustrative: bool = False,
    size: tuple[float, float] = (7.0, 7.4),
):  # -> matplotlib.figure.Figure (imported lazily)
    """A printable map of one technology's gaps and their change, with legend, scale bar and north arrow.

    Villages still missing are discs, newly missing ones diamonds and fixed ones rings; for a
    commune-level technology the communes are shaded in the same colours. Drawn in the UTM zone
    of the data (metres), so the scale bar is true.

    Returns
    -------
    matplotlib.figure.Figure
        Not attached to pyplot; save it with ``fig.savefig(...)``.
    """
    _require_extra()
    from matplotlib import patheffects
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib_scalebar.scalebar import ScaleBar

    tech = Technology(technology)
    as_of, compare_to = changes.attrs.get("as_of"), changes.attrs.get("compare_to")
    rows = changes[changes["technology"].eq(tech.value)]
    shown = communes[communes["code"].isin(changes["commune_code"])]
    crs = shown.estimate_utm_crs()
    base = shown.to_crs(crs)
    fig = Figure(figsize=size, layout="constrained")
    ax = fig.add_subplot()
    ax.set_axis_off()
    gap_communes = rows.loc[rows["status"].eq(Status.NONE.value), "commune_code"]
    tinted = base["code"].isin(gap_communes) if tech.level is Level.VILLAGE else pd.Series(False, index=base.index)
    base[~tinted].plot(ax=ax, facecolor="#f4f4f4", edgecolor="#b8b8b8", linewidth=0.4)
    if tinted.any():
        base[tinted].plot(ax=ax, facecolor="#fbe4d5", edgecolor="#b8b8b8", linewidth=0.4)

    kinds = [Change.STAYED.value, Change.NEW.value, Change.FIXED.value] if compare_to else [Change.STAYED.value]
    counts = rows["change"].value_counts()
    if tech.level is Level.COMMUNE:  # a polygon shared by several communes takes the most pressing change
        rank = rows["change"].map({Change.NEW.value: 0, Change.STAYED.value: 1, Change.FIXED.value: 2}).fillna(3)
        top = rank.groupby(rows["map_unit"]).transform("min")
        drawn = rows["change"].where(rank.eq(top), Change.NO_GAP.value)
    else:
        drawn = rows["change"]
    handles = []
    since = period_phrase(compare_to, as_of, lang=lang) if compare_to else ""
    for kind in kinds:
        style, n = CHANGE_STYLE[kind], int(counts.get(kind, 0))
        text = label(f"chg_{kind}", lang) if compare_to else label(Status.NONE.value, lang)
        text += f" ({n})"
        part = rows[drawn.eq(kind)].to_crs(crs)
        ring = style["shape"] == "ring"
        if tech.level is Level.VILLAGE:
            face = "none" if ring else style["colour"]
            edge = style["colour"] if ring else "#222222"
            if len(part):
                pts = part.geometry.representative_point()
                ax.scatter(pts.x, pts.y, s=30 if ring else 26, marker=style["marker"], facecolors=face,
                           edgecolors=edge, linewidths=1.4 if ring else 0.6, zorder=4 if not ring else 3)
            handles.append(Line2D([], [], linestyle="none", marker=style["marker"], markersize=7,
                                  markerfacecolor=face, markeredgecolor=edge, markeredgewidth=1.4 if ring else 0.6,
                                  label=text))
        else:
            if len(part):
                part = part.drop_duplicates("map_unit")  # a shared polygon once, in its most pressing colour
                part.plot(ax=ax, facecolor=style["colour"], alpha=0.75, edgecolor="#555555", linewidth=0.5, zorder=2)
            handles.append(Patch(facecolor=style["colour"], alpha=0.75, edgecolor="#555555", label=text))
    if tech.level is Level.COMMUNE:
        _shared_counts(ax, rows.to_crs(crs))

    if districts is not None:
        d = districts[districts["code"].isin(changes["district_code"])].to_crs(crs)
        d.boundary.plot(ax=ax, color="#333333", linewidth=1.0, zorder=5)
    if districts is not None and len(d) > 1:
        where, names = d.geometry.representative_point(), d["name"]
    else:  # one district: name its communes instead
        polys = base.drop_duplicates("map_unit")
        where, names = polys.geometry.representative_point(), polys["name"].where(~polys["shared_polygon"], "") \
            if "shared_polygon" in polys else polys["name"]
    halo = [patheffects.withStroke(linewidth=2.5, foreground="white")]
    for x, y, name in zip(where.x, where.y, names):
        if name:
            ax.text(x, y, str(name), fontsize=7 if len(names) < 30 else 5, color="#333333", ha="center", va="center",
                    path_effects=halo, zorder=6)

    unit = label(f"{tech.level.value}s", lang)
    n_now = int(rows["status"].eq(Status.NONE.value).sum())
    fig.suptitle(f"{label(tech.value, lang)}: {label('headline', lang).format(n=n_now, unit=unit, tech='').strip()}"
                 f" — {as_of}", fontsize=11, fontweight="bold", x=0.01, ha="left")
    if illustrative:
        ax.set_title(label("illustrative", lang), color="#8a1c00", fontsize=8, fontweight="bold", loc="left")
    # Below the map, so that it never hides a village.
    fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), fontsize=8, frameon=False,
               title=label("chg_layer", lang).format(since=since) if since else label("legend", lang), title_fontsize=8)
    ax.add_artist(ScaleBar(1, "m", location="lower right", length_fraction=0.22, box_alpha=0.85,
                           font_properties={"size": 8}, scale_loc="top"))
    ax.annotate("N", xy=(0.965, 0.97), xytext=(0.965, 0.885), xycoords="axes fraction", ha="center", va="center",
                fontsize=10, fontweight="bold", arrowprops={"arrowstyle": "-|>", "color": "#222222", "lw": 1.2})
    return fig


def _shared_counts(ax, rows: gpd.GeoDataFrame) -> None:  # noqa: ANN001 (matplotlib Axes)
    """On polygons shared by several communes, write how many of them lack the technology ("4/8")."""
    from matplotlib import patheffects

    per = rows.groupby("map_unit").agg(n=("unit_id", "size"), gap=("status", lambda s: int(s.eq(Status.NONE.value).sum())),
                                       geometry=("geometry", "first"))
    per = per[per["n"].gt(1)]
    halo = [patheffects.withStroke(linewidth=2.5, foreground="white")]
    for geom, gap, n in zip(per["geometry"], per["gap"], per["n"]):
        pt = geom.representative_point()
        ax.text(pt.x, pt.y, f"{gap}/{n}", fontsize=8, fontweight="bold", color="#222222", ha="center", va="top",
                path_effects=halo, zorder=7)


def _png(fig, *, dpi: int = 130) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, facecolor="white", metadata={"Software": "dxmap"})
    return buf.getvalue()


# ----------------------------------------------------------------------------------------------------------------
# Building the report

def build_report(
    data: Dataset,
    *,
    as_of: str | None = None,
    compare_to: str | None = None,
    district: str | None = None,
    lang: Lang = "vi",
    title: str | None = None,
    strict: bool = True,
) -> Report:
    """Analyse ``data`` and assemble the report: tables, sentences, one map per technology.

    Parameters
    ----------
    data
        From :func:`demo_dataset` or :func:`read_dataset`.
    as_of
        The report's date; default the newest record.
    compare_to
        The date to compare with; default the previous snapshot in the records (the latest one before
        ``as_of``). With only one snapshot the report shows the counts without change.
    district
        Restrict the report to one district (name or code).
    lang
        ``"vi"`` (default) or ``"en"``.
    title
        Default "Report: missing digital infrastructure — <province or district>".

    Raises
    ------
    OptionalDependencyError
        When the ``report`` extra is not installed (``pip install 'dxmap[report]'``).
    """
    from dxmap.gaps.change import compare

    _require_extra()

    now = analyse(data, as_of=as_of, district=district, strict=strict)
    if compare_to is None and previous_snapshot(now.outcomes, before=now.summary["as_of"]) is None:
        log.info("no snapshot before %s: the report shows no change", now.summary["as_of"])
        changes, summary = _no_change(now.status), now.summary
    else:
        cmp = compare(data, as_of=now.summary["as_of"], compare_to=compare_to, district=district,
                                strict=strict)
        changes, summary = cmp.changes, cmp.summary
    return _assemble(now, changes, summary, lang=lang, title=title, illustrative=data.illustrative)


def _assemble(now: Analysis, changes: gpd.GeoDataFrame, summary: dict, *, lang: Lang, title: str | None,
              illustrative: bool) -> Report:
    as_of, compare_to = changes.attrs["as_of"], changes.attrs.get("compare_to")
    place = now.district[1] if now.district else None
    if place is None and "province_name" in now.communes:
        names = now.communes["province_name"].dropna().unique()
        place = str(names[0]) if len(names) == 1 else None
    title = title or label("rpt_title", lang) + (f" — {place}" if place else "")
    province = change_summary(changes)
    since = period_phrase(compare_to, as_of, lang=lang) if compare_to else None
    headline, sentences = [], []
    for row in province.itertuples(index=False):
        unit = _unit_word(row.level, row.count, lang)
        words = {"tech": label(f"chg_tech_{row.technology}", lang), "since": since}
        entry = {"technology": row.technology, "label": label(row.technology, lang), "count": int(row.count),
                 "text": label("chg_still" if compare_to else "headline", lang).format(n=row.count, unit=unit, **words)}
        if compare_to:
            entry.update(previous=int(row.previous), change=_signed(int(row.count - row.previous)),
                         figure=f"{row.count} ({_signed(int(row.count - row.previous))})")
            said = [label("chg_gained", lang).format(n=row.fixed, unit=_unit_word(row.level, row.fixed, lang), **words)]
            if row.new:
                said.append(label("chg_lost", lang).format(n=row.new, unit=_unit_word(row.level, row.new, lang), **words))
            sentences += said
            entry["caption"] = "; ".join([entry["text"], *said])
        else:
            entry["figure"] = str(row.count)
            entry["caption"] = entry["text"]
        headline.append(entry)
    start = time.perf_counter()
    maps = {}
    for tech in province["technology"]:
        fig = static_map(changes, now.communes, technology=tech, districts=now.districts, lang=lang,
                         illustrative=illustrative)
        maps[tech] = _png(fig)
    log.info("report: %d map images in %.2f s", len(maps), time.perf_counter() - start)
    return Report(title=title, as_of=as_of, compare_to=compare_to, district=now.district[1] if now.district else None,
                  illustrative=illustrative, lang=lang, headline=headline, sentences=sentences,
                  tables=report_tables(changes, lang=lang), maps=maps, summary=summary)


# ----------------------------------------------------------------------------------------------------------------
# Layout: HTML and PDF share the same cells

def _is_change_col(col: str, lang: Lang) -> bool:
    chg = label("rpt_change", lang)
    return col == chg or col.endswith(f": {chg}")


def _cells(table: pd.DataFrame, lang: Lang) -> list[list[str]]:
    """The table's body as strings: changes signed with a real minus sign, numbers as numbers."""
    cols = []
    for col in table.columns:
        values = table[col]
        if _is_change_col(col, lang):
            cols.append([_signed(int(v)) for v in values])
        else:
            cols.append(["" if pd.isna(v) else str(v) for v in values])
    return [list(r) for r in zip(*cols)] if cols else []


def _header(columns: list[str]) -> tuple[list[tuple[str, int, int]], list[str]]:
    """Two header rows for "group: sub" headings: ([(text, colspan, rowspan)], [sub-headings])."""
    top: list[tuple[str, int, int]] = []
    subs: list[str] = []
    for col in columns:
        group, sep, sub = col.partition(": ")
        if not sep:
            top.append((col, 1, 2))
        elif top and top[-1][0] == group and top[-1][2] == 1:
            top[-1] = (group, top[-1][1] + 1, 1)
            subs.append(sub)
        else:
            top.append((group, 1, 1))
            subs.append(sub)
    return top, subs


def _numeric(table: pd.DataFrame) -> list[bool]:
    return [pd.api.types.is_numeric_dtype(table[c]) for c in table.columns]


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


@cache
def _environment():
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters["keep_dates"] = _keep_dates
    return env


_DATE_RE = re.compile(r"\(?\d{4}-\d{2}-\d{2}\)?")


def _keep_dates(text: str):  # -> markupsafe.Markup
    """Escape ``text`` and keep each date on one line (a browser would break it at the hyphens)."""
    from markupsafe import Markup, escape

    parts, last = [], 0
    for m in _DATE_RE.finditer(text):
        parts += [escape(text[last:m.start()]), Markup('<span class="nw">'), escape(m.group()), Markup("</span>")]
        last = m.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def _sections(report: Report) -> list[dict]:
    """The gap list split by district: [{"name", "units", "rows", "columns"}]."""
    table = report.tables["gap_list"]
    dcol = label("district", report.lang)
    vcol = label("village_label", report.lang)
    out = []
    for name, part in table.groupby(dcol, sort=False):
        body = part.drop(columns=[dcol])
        n_v = int(body[vcol].ne("").sum())
        out.append({"name": name, "units": label("rpt_units", report.lang).format(nv=n_v, nc=len(body) - n_v),
                    "columns": list(body.columns), "rows": _cells(body, report.lang)})
    return out


def _version() -> str:
    from importlib.metadata import version

    return version("dxmap")


def report_html(report: Report) -> str:
    """The report as one self-contained HTML page (maps inlined as data URIs, no external request)."""
    _require_extra()
    lang = report.lang
    tables = {}
    for key in ("headline", "districts"):
        t = report.tables[key]
        top, subs = _header(list(t.columns))
        tables[key] = {"top": top, "subs": subs, "rows": _cells(t, lang), "numeric": _numeric(t)}
    captions = {h["technology"]: h["caption"] for h in report.headline}
    maps = [{"src": _data_uri(png), "alt": label(tech, lang), "caption": captions.get(tech, label(tech, lang))}
            for tech, png in report.maps.items()]
    page = _environment().get_template("report.html.j2").render(
        r=report, L=lambda key, **kw: label(key, lang).format(**kw) if kw else label(key, lang),
        css=(TEMPLATES / "report.css").read_text(encoding="utf-8"), tables=tables, maps=maps,
        sections=_sections(report), version=_version())
    return page


def _pdf_fonts() -> dict[str, str]:
    """Register DejaVu Sans (shipped inside matplotlib's wheel; it has every Vietnamese letter)."""
    import matplotlib
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    faces = {"DxSans": "DejaVuSans.ttf", "DxSans-Bold": "DejaVuSans-Bold.ttf",
             "DxSans-Oblique": "DejaVuSans-Oblique.ttf", "DxSans-BoldOblique": "DejaVuSans-BoldOblique.ttf"}
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, file in faces.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    for bold, italic, name in ((0, 0, "DxSans"), (1, 0, "DxSans-Bold"), (0, 1, "DxSans-Oblique"),
                               (1, 1, "DxSans-BoldOblique")):
        addMapping("DxSans", bold, italic, name)
    return {"regular": "DxSans", "bold": "DxSans-Bold"}


def report_pdf(report: Report) -> bytes:
    """The report as an A4 PDF (reportlab), with the same tables, maps and lists as :func:`report_html`."""
    _require_extra()
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (CondPageBreak, Image, KeepTogether, PageBreak, Paragraph, SimpleDocTemplate,
                                    Spacer, Table, TableStyle)

    fonts = _pdf_fonts()
    lang = report.lang
    esc = lambda s: html.escape(str(s), quote=False)  # noqa: E731  (reportlab paragraphs are XML)
    body = ParagraphStyle("body", fontName=fonts["regular"], fontSize=9, leading=11.5)
    small = ParagraphStyle("small", parent=body, fontSize=7.5, leading=9)
    cell = ParagraphStyle("cell", parent=body, fontSize=7.5, leading=9)
    cell_b = ParagraphStyle("cell_b", parent=cell, fontName=fonts["bold"])
    h1 = ParagraphStyle("h1", parent=body, fontName=fonts["bold"], fontSize=16, leading=20, spaceAfter=4)
    h2 = ParagraphStyle("h2", parent=body, fontName=fonts["bold"], fontSize=12.5, leading=16, spaceBefore=8, spaceAfter=4)
    h3 = ParagraphStyle("h3", parent=body, fontName=fonts["bold"], fontSize=10, leading=13, spaceBefore=6, spaceAfter=2)
    warn = ParagraphStyle("warn", parent=body, fontName=fonts["bold"], textColor=colors.HexColor("#8a1c00"),
                          borderColor=colors.HexColor("#8a1c00"), borderWidth=0.8, borderPadding=4, spaceAfter=8,
                          backColor=colors.HexColor("#fff3ee"))
    big = ParagraphStyle("big", parent=body, fontName=fonts["bold"], fontSize=20, leading=24)
    width = A4[0] - 30 * mm

    def grid(table: pd.DataFrame, widths: list[float] | None = None, zebra: bool = True, total: bool = False) -> Table:
        top, subs = _header(list(table.columns))
        two = len(subs) > 0
        head1, spans, col = [], [], 0
        for text, span, rowspan in top:
            head1 += [Paragraph(esc(text), cell_b)] + [""] * (span - 1)
            if span > 1:
                spans.append(("SPAN", (col, 0), (col + span - 1, 0)))
            if two and rowspan == 2:
                spans.append(("SPAN", (col, 0), (col, 1)))
            col += span
        rows = [head1]
        if two:
            head2, k = [], 0
            for text, span, rowspan in top:
                for _ in range(span):
                    head2.append("" if rowspan == 2 else Paragraph(esc(subs[k]), cell_b))
                    k += 0 if rowspan == 2 else 1
            rows.append(head2)
        numeric = _numeric(table)
        body_rows = _cells(table, lang)
        for r in body_rows:
            rows.append([v if numeric[i] else Paragraph(esc(v), cell_b if total and r is body_rows[-1] else cell)
                         for i, v in enumerate(r)])
        nhead = 2 if two else 1
        t = Table(rows, colWidths=widths, repeatRows=nhead, hAlign="LEFT")
        style = [("FONT", (0, 0), (-1, -1), fonts["regular"], 7.5), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                 ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#999999")),
                 ("BACKGROUND", (0, 0), (-1, nhead - 1), colors.HexColor("#e8eef4")),
                 ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2), *spans]
        style += [("ALIGN", (i, nhead), (i, -1), "RIGHT") for i, num in enumerate(numeric) if num]
        if zebra:
            style += [("BACKGROUND", (0, i), (-1, i), colors.HexColor("#f6f6f6"))
                      for i in range(nhead + 1, len(rows), 2)]
        if total:
            style += [("FONT", (0, -1), (-1, -1), fonts["bold"], 7.5), ("LINEABOVE", (0, -1), (-1, -1), 1, colors.black)]
        t.setStyle(TableStyle(style))
        return t

    story: list = [Paragraph(esc(report.title), h1)]
    meta = f"{label('as_of', lang)} {report.as_of}"
    meta += " · " + (label("rpt_compared", lang).format(date=report.compare_to) if report.compare_to
                     else label("rpt_no_previous", lang))
    story.append(Paragraph(esc(meta), body))
    story.append(Spacer(1, 4 * mm))
    if report.illustrative:
        story.append(Paragraph(esc(label("illustrative", lang)), warn))
    cards = [[Paragraph(esc(h["label"]), cell_b) for h in report.headline],
             [Paragraph(esc(h["figure"]), big) for h in report.headline],
             [Paragraph(esc(h["text"]), cell) for h in report.headline]]
    card_table = Table(cards, hAlign="LEFT", colWidths=[width / max(len(report.headline), 1)] * len(report.headline))
    card_table.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.5, colors.HexColor("#999999")),
                                    ("LINEAFTER", (0, 0), (-2, -1), 0.5, colors.HexColor("#999999")),
                                    ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 4)]))
    story += [card_table, Spacer(1, 3 * mm)]
    story += [Paragraph("• " + esc(s), body) for s in report.sentences]
    story += [Paragraph(esc(label("rpt_headline", lang)), h2), grid(report.tables["headline"], zebra=False),
              Spacer(1, 2 * mm), Paragraph(esc(label("rpt_count_note", lang)), small)]
    dist = report.tables["districts"]
    story += [Paragraph(esc(label("rpt_by_district", lang)), h2),
              grid(dist, [width * 0.16] + [width * 0.84 / max(len(dist.columns) - 1, 1)] * (len(dist.columns) - 1), total=True)]
    story.append(PageBreak())
    story.append(Paragraph(esc(label("rpt_maps", lang)), h2))
    captions = {h["technology"]: h["caption"] for h in report.headline}
    for i, (tech, png) in enumerate(report.maps.items()):
        img = Image(io.BytesIO(png))
        scale = min(width / img.imageWidth, (A4[1] - 70 * mm) / img.imageHeight)
        img.drawWidth, img.drawHeight = img.imageWidth * scale, img.imageHeight * scale
        story += [img, Spacer(1, 2 * mm), Paragraph(esc(captions.get(tech, "")), body)]
        if i < len(report.maps) - 1:
            story.append(PageBreak())
    story += [PageBreak(), Paragraph(esc(label("rpt_gap_list", lang)), h2)]
    sections = _sections(report)
    if not sections:
        story.append(Paragraph(esc(label("rpt_none_left", lang)), body))
    for sec in sections:
        frame = pd.DataFrame(sec["rows"], columns=sec["columns"])
        n = len(sec["columns"])
        widths = [width * w for w in ([0.2, 0.2, 0.3, 0.3] if n == 4 else [0.25, 0.25, 0.5][:n])]
        heading = Paragraph(f"{esc(sec['name'])} <font size=8>({esc(sec['units'])})</font>", h3)
        story += [CondPageBreak(30 * mm), KeepTogether([heading, grid(frame, widths)]) if len(frame) < 25
                  else heading, *([] if len(frame) < 25 else [grid(frame, widths)])]
    story += [Spacer(1, 5 * mm), Paragraph(esc(label("rpt_made", lang).format(version=_version())), small)]

    footer = f"{report.title} — {label('as_of', lang).lower()} {report.as_of}"

    def decorate(canvas, doc) -> None:  # noqa: ANN001 (reportlab's callback)
        canvas.saveState()
        canvas.setFont(fonts["regular"], 7)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(15 * mm, 9 * mm, footer[:110])
        canvas.drawRightString(A4[0] - 15 * mm, 9 * mm, label("rpt_page", lang).format(n=doc.page))
        if report.illustrative:
            canvas.setFillColor(colors.HexColor("#8a1c00"))
            canvas.setFont(fonts["bold"], 7)
            canvas.drawString(15 * mm, A4[1] - 9 * mm, label("illustrative", lang))
        canvas.restoreState()

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=14 * mm,
                            bottomMargin=15 * mm, title=report.title, author="dxmap", lang=lang)
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buf.getvalue()


def write_report(report: Report, out_dir: str | os.PathLike[str]) -> dict[str, Path]:
    """Write the report into ``out_dir``: ``report.html`` (self-contained), ``report.pdf``,
    ``map_<technology>.png``, ``report.xlsx`` (one sheet per table) and ``headline.csv``,
    ``districts.csv``, ``gap_list.csv`` (UTF-8 with BOM), all atomically.

    Returns the written paths by name.
    """
    _require_extra()
    out = Path(out_dir)
    files: dict[str, Path] = {}
    start = time.perf_counter()
    with atomic_write(out / "report.html") as fh:
        fh.write(report_html(report))
    files["html"] = out / "report.html"
    with atomic_write(out / "report.pdf", "wb") as fh:
        fh.write(report_pdf(report))
    files["pdf"] = out / "report.pdf"
    for tech, png in report.maps.items():
        path = out / f"map_{tech}.png"
        with atomic_write(path, "wb") as fh:
            fh.write(png)
        files[f"map_{tech}"] = path
    files["xlsx"] = _write_xlsx(report, out / "report.xlsx")
    for key, table in report.tables.items():
        path = out / f"{key}.csv"
        with atomic_write(path, encoding="utf-8-sig") as fh:
            table.to_csv(fh, index=False, lineterminator="\n")
        files[key] = path
    log.info("report written to %s (%d files) in %.2f s", out, len(files), time.perf_counter() - start)
    return files


def _sheet_name(text: str) -> str:
    """Excel refuses []:*?/\\ in sheet names and more than 31 characters."""
    return re.sub(r"[\[\]:*?/\\]", " ", text)[:31].strip()


def _write_xlsx(report: Report, path: Path) -> Path:
    from openpyxl.styles import Font

    lang = report.lang
    sheets = {key: _sheet_name(label(word, lang)) for key, word in
              (("headline", "rpt_headline"), ("districts", "rpt_by_district"), ("gap_list", "rpt_missing"))}
    info = _sheet_name(label("rpt_about", lang))
    about = pd.DataFrame({"": [report.title, f"{label('as_of', lang)} {report.as_of}",
                               label("rpt_compared", lang).format(date=report.compare_to) if report.compare_to
                               else label("rpt_no_previous", lang),
                               label("illustrative", lang) if report.illustrative else "",
                               label("rpt_count_note", lang)]})
    with atomic_path(path) as tmp:
        with pd.ExcelWriter(tmp, engine="openpyxl") as xl:
            about.to_excel(xl, sheet_name=info, index=False, header=False)
            for key, name in sheets.items():
                report.tables[key].to_excel(xl, sheet_name=name, index=False)
            for ws in xl.book.worksheets:
                for col in ws.columns:
                    longest = max((len(str(c.value)) for c in col if c.value is not None), default=8)
                    ws.column_dimensions[col[0].column_letter].width = min(max(10, longest + 2), 60)
                if ws.title != info:
                    ws.freeze_panes = "A2"
            first = xl.book.worksheets[0]
            first["A1"].font = Font(bold=True, size=14)
            if report.illustrative:
                first["A4"].font = Font(bold=True, color="8A1C00")
    log.info("wrote %s", path)
    return path

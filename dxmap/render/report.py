"""The printable report for planners: what is still missing at a date and what changed since the
previous snapshot, as one self-contained HTML page and a PDF printed from that same page, with the
tables as XLSX and CSV.

The report holds the headline (gap counts with their share of all units, the people living in gap
villages when the village layer has a ``population`` column, and the change), a table by district,
a short "source and method" block, a static map per technology (PNG, with legend and scale bar) and
the remaining gap villages and communes per district. Everything is built once into a
:class:`Report` by :func:`build_report`; :func:`report_html`, :func:`report_pdf` and
:func:`write_report` only lay it out. There is one layout: the Jinja template in
``templates/report/``; the PDF is that HTML printed by WeasyPrint with the template's print rules.
Words are Vietnamese by default, and Vietnamese reports write dates as people do (30/6/2024).

The report needs the optional packages of the ``report`` extra (matplotlib, matplotlib-scalebar,
weasyprint, jinja2): ``pip install 'dxmap[report]'``. Without them, importing this module works and
its functions raise a :class:`~dxmap.errors.OptionalDependencyError` that says so.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import importlib
import io
import logging
import os
import re
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, partial
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from dxmap._sheets import with_note, write_csv, write_xlsx
from dxmap.errors import OptionalDependencyError, OutputFileError, said_error
from dxmap.gaps.analysis import Analysis, analyse, require_dataset
from dxmap.gaps.change import (CHANGE_STYLE, Change, _unit_word, change_counts, change_summary, compare, compare_with,
                               earlier_round, first_sentence, former_city_names, left_sentence, left_statuses,
                               net_change, period_phrase, versions_lines, with_provinces)
from dxmap.gaps.queries import shared_outline, village_people
from dxmap.gaps.status import (FORMER_COMMUNES, SEVERAL_COLUMNS, communes_without_data, counts_former_communes,
                               district_rows, grouped_rows, html_table, picture_date, several_counts)
from dxmap.io.boundaries import boundary_version
from dxmap.io.bundled import bundled_reference
from dxmap.io.dataset import Dataset, short_repr
from dxmap.labels import LABELS, Lang, date_text, label, log_said, number_text, said_all
from dxmap.reconcile.districts import communes_words, former_districts
from dxmap.reconcile.match import Outcome, reconcile
from dxmap.reconcile.outcomes import outcome_table
from dxmap.validate.tables import check_lang, require_instance, require_path
from dxmap.render.webmap import GAP_BINS, STATUS_COLOURS, STATUS_SHAPES, district_place, province_names
from dxmap.validate.text import fold, per_distinct, spelling_key_series
from dxmap.validate.vocab import STATUS_ORDER, TECH_ORDER, Level, Status, Technology

__all__ = ["Report", "build_report", "report_tables", "static_map", "report_html", "report_pdf", "write_report"]

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates" / "report"
_MINUS = "\u2212"  # a real minus sign: "6 (−4)"
_NUM_RE = re.compile(r"\d+")
# C0 controls other than tab, LF and CR: no place in a page, a PDF or a map label (BEL, ESC, NUL…).
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MAP_LABEL_MAX = 40  # characters of a place name drawn on a static map
# Characters of a name in the page and the PDF. No real place name comes near; a longer one is broken
# input and would fill pages. Longer names wrap in their cell up to this and end in "…" (XLSX and CSV
# keep every character).
_PAGE_TEXT_MAX = 160


@dataclass(frozen=True)
class Report:
    """Everything a report shows, already in the report's language.

    ``tables`` maps ``"headline"``, ``"districts"`` and ``"gap_list"`` to DataFrames whose column
    headings are the ones printed (the XLSX and CSV files use them too); ``"gap_list"`` has one row
    per unit and technology still missing, with codes, ids, lon/lat (and whether that point is only
    approximate) and the record's source and note. ``maps`` maps each technology to a PNG image;
    ``headline`` holds one entry per technology for the big numbers (count, total, share and people as numbers and as text); ``method`` holds the
    "source and method" lines as ``(item, text)`` pairs. ``as_of`` and ``compare_to`` are ISO dates.
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
    method: list[tuple[str, str]] = field(default_factory=list, repr=False)
    province: str | None = None  # the province's name (a former province in the 2025-07 units), as ``district``
    commune: tuple[str, ...] | None = None  # the names of the communes it is cut to, in the order asked for

    __repr__ = short_repr  # a notebook shows it: the tables' own reprs would print kilobytes (QA44)

    def _repr_html_(self) -> str:
        """As a notebook shows it, in the report's language: the title and date, each technology's figure of all
        ("3 of 246 villages (1.2%)") and its change since ``compare_to``, and the ILLUSTRATIVE mark (QA69 F7)."""
        lang = self.lang
        head = [label("rpt_technology", lang), label("rpt_without", lang, date=date_text(self.as_of, lang))]
        rows = [[h.get("label", ""), h.get("of", "")] for h in self.headline]
        if self.compare_to:
            head.append(label("chg_layer", lang, since=label("chg_since", lang, date=date_text(self.compare_to, lang))))
            rows = [[*row, h.get("change", "")] for row, h in zip(rows, self.headline)]
        return html_table(f"{self.title} · {date_text(self.as_of, lang)}", head, rows,
                          note=label("illustrative", lang) if self.illustrative else "")


# import name → distribution name: what the ``report`` extra installs and this module imports.
_EXTRA = {"matplotlib": "matplotlib", "matplotlib_scalebar": "matplotlib-scalebar", "weasyprint": "weasyprint",
          "jinja2": "jinja2"}


def _require_extra() -> None:
    """Raise a one-line :class:`OptionalDependencyError` unless the ``report`` extra's packages can be imported."""
    missing, broken = [], []
    for module, dist in _EXTRA.items():
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(dist)
        except OSError as exc:  # weasyprint is installed but cannot load the Pango library
            broken.append(said_all("err_report_library", dist=dist, reason=str(exc).splitlines()[0]))
    if missing:
        raise said_error(OptionalDependencyError,
                         "err_report_missing" if len(missing) == 1 else "err_report_missing_all",
                         names=", ".join(missing))
    if broken:
        raise said_error(OptionalDependencyError, "err_report_broken",
                         problems=lambda lg: "; ".join(b[lg] for b in broken))


# ----------------------------------------------------------------------------------------------------------------
# Numbers, dates and text the way the report's language writes them

def _signed(n: int) -> str:
    return f"{_MINUS}{-n}" if n < 0 else (f"+{n}" if n > 0 else "±0")


def _share_text(n: int, total: int, lang: Lang) -> str:
    """n of total as a percentage with one decimal; a share that is not zero never shows as 0%."""
    p = 100 * n / total
    return f"<{number_text(0.1, lang, 1)}%" if 0 < p < 0.05 else f"{number_text(p, lang, 1)}%"


def _of_text(n: int, total: int, known: int, unit: Callable[[int], str], lang: Lang, *, listed: bool = False) -> str:
    """"6 of 1,554 villages (0.4%)"; where nothing is known no share, which would read 0% as "none missing",
    but the map page's words: "no data for 17 former communes", "no villages". ``unit(k)``: the word for k units.
    The share is of all units; those of unknown status are said beside it, as on the map page. ``listed``: the
    units are villages listed from the records (no village layer), and the share says it is of those they name."""
    if not total:
        return label("map_no_units", lang, units=unit(0))
    if not known:
        return label("map_nodata", lang, n=number_text(total, lang), units=unit(total))
    text = label("rpt_of_listed" if listed else "rpt_of", lang, n=number_text(n, lang),
                 total=number_text(total, lang), unit=unit(total),
                 share=_share_text(n, total, lang))
    return text + (" · " + label("map_nodata", lang, n=number_text(total - known, lang), units=unit(total - known))
                   if known < total else "")


def _headline_text(row: Any, compare_to: str | None, unit_word: Callable[[int], str], words: dict, lang: Lang, *,
                   known: int, total: int) -> str:
    """A headline card's sentence: "56 villages without fibre (FTTH)", "still without" when every one of them was
    without it then too (not for newly missing units, nor for those with no data then); a count of 0 in words:
    "No village left without fibre (FTTH)", never "0 villages still without", and among the units with data when
    some have none ("Among the 1 village with data, none left without…": QA63 6, it read as all covered)."""
    still = compare_to and not pd.isna(row.previous) and not (row.new or row.first)
    if not row.count:
        key = "chg_still_none" if compare_to else "headline_none"
        if known < total:
            return label(f"{key}_known", lang, known=number_text(known, lang), units=unit_word(known), **words)
        return label(key, lang, unit=unit_word(1), **words)
    return label("chg_still" if still else "headline", lang, n=row.count, unit=unit_word(row.count), **words)


def _about(n: float, lang: Lang) -> str:
    """People, rounded as an estimate deserves: to 100 from 1,000 on, else to 10."""
    step = 100 if n >= 1000 else 10
    return label("map_people", lang, n=number_text(round(n / step) * step, lang))


def _clean(text: str) -> str:
    """Control characters (BEL, ESC…) shown as U+FFFD: they have no place in a page, a PDF or a map label."""
    return _CONTROL_RE.sub("\ufffd", text)


def _natural(values: pd.Series) -> pd.Series:
    """Sort key: folded, numbers zero-padded so "Thôn 2" comes before "Thôn 10"."""
    pad = lambda s: _NUM_RE.sub(lambda m: m.group().zfill(6), fold(s))  # noqa: E731
    return per_distinct(values.astype("string").fillna(""), pad)  # once per distinct name: villages repeat them


def _told_apart(codes: pd.Series, names: pd.Series, layer: pd.DataFrame | None, lang: Lang, *,
                groups: pd.Series | None = None) -> pd.Series:
    """Commune names as printed where they are shown together: a short name that two communes of one group
    share ("Trạm Tấu": the township 04585 and the commune 04600 of one district) is given in full. Names
    are compared by :func:`spelling_key` (as written, but for case, spacing and where the tone mark sits):
    "Sa Pa" and "Sa Pả" are two names.

    The full name is the layer's ``full_name``, else its ``unit_type`` and the name ("Thị trấn Trạm Tấu",
    "Xã Trạm Tấu"), in a Vietnamese report (the map page names unit types on Vietnamese pages only); where no
    type is known, in English, or where the full names are alike too (two "Xã Thanh Bình"), the name and its
    code: "Trạm Tấu (04600)". Every other name is returned as it is, and so are missing ones.

    Parameters
    ----------
    codes, names
        One commune per row (rows may repeat a commune); same index.
    layer
        The commune layer the codes are of (``code`` and, when it has them, ``full_name``, ``unit_type``), or None.
    groups
        The group of each row: names are told apart within a group (the gap list's district, whose name is on
        every row). Default: all rows are one group (a table or map without a district on its rows).
    """
    names = names.astype("object")
    # a commune without a name or a code has nothing to be told apart by
    given = (names.notna() & names.astype("string").str.strip().fillna("").ne("")
             & codes.astype("string").fillna("").ne("").to_numpy())
    units = pd.DataFrame({"group": "" if groups is None else groups.astype("string").fillna("").to_numpy(),
                          "code": codes.astype("string").fillna("").to_numpy(), "name": names.to_numpy()},
                         index=names.index)[given.to_numpy()]
    units = units.drop_duplicates(["group", "code"])
    units["key"] = spelling_key_series(units["name"].astype("string")).to_numpy()
    alike = units.groupby(["group", "key"])["code"].transform("nunique").gt(1)
    units = units[alike]
    if units.empty:
        return names.copy()
    full = _full_names(units["code"], units["name"], layer, lang)
    full_key = spelling_key_series(full)
    # a full name serves when it tells its commune from the others of the group that read alike
    serves = full.notna() & full_key.ne(units["key"]).fillna(False) & \
        ~pd.DataFrame({"g": units["group"], "k": full_key}).duplicated(keep=False)
    shown = full.where(serves, units["name"].astype("string") + " (" + units["code"] + ")")
    told = dict(zip(zip(units["group"], units["code"]), shown))
    group = groups.astype("string").fillna("").tolist() if groups is not None else [""] * len(names)
    out = [told.get((g, c), n) for g, c, n in zip(group, codes.astype("string").fillna("").tolist(), names.tolist())]
    return pd.Series(out, index=names.index, dtype="object")


def _full_names(codes: pd.Series, names: pd.Series, layer: pd.DataFrame | None, lang: Lang) -> pd.Series:
    """Per commune its full name from ``layer`` (``full_name``, else ``unit_type`` and name), <NA> where the layer
    says none, or in English."""
    none = pd.Series(pd.NA, index=codes.index, dtype="string")
    if lang != "vi" or layer is None or "code" not in layer.columns:
        return none
    info = layer.drop_duplicates("code")
    info = info.set_index(info["code"].astype("string"))
    text = lambda col: (info[col].astype("string").str.strip().replace("", pd.NA).reindex(codes)  # noqa: E731
                        .set_axis(codes.index) if col in info.columns else none)
    typed = text("unit_type") + " " + names.astype("string")
    return text("full_name").fillna(typed)


def _no_change(status: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A status table shaped like :func:`change_status` output when there is nothing to compare with:
    every gap counts as still missing, nothing as fixed or new."""
    return status.assign(previous_status=Status.UNKNOWN.value, previous_status_date=pd.NaT,
                         change=status["status"].eq(Status.NONE.value).map({True: Change.STAYED.value,
                                                                             False: Change.NO_GAP.value}),
                         compare_to=pd.NaT)


# ----------------------------------------------------------------------------------------------------------------
# Tables

def report_tables(changes: gpd.GeoDataFrame, *, lang: Lang = "vi", villages: gpd.GeoDataFrame | None = None,
                  former_districts: bool = False, by_commune: bool | None = None,
                  counts: dict[str, pd.DataFrame] | None = None, communes: pd.DataFrame | None = None,
                  former_communes: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """The report's three tables with the printed headings.

    Parameters
    ----------
    changes
        From :func:`change_status` (columns ``as_of`` and ``compare_to``); with ``compare_to``
        None only the counts at ``as_of`` are shown.
    lang
        ``"vi"`` or ``"en"``: headings, words and (in Vietnamese) dates such as 30/6/2024.
    villages
        The village layer; when it has a ``population`` column, the tables give the people living
        in gap villages.
    former_districts
        The picture is in the 2025-07 units (:attr:`Analysis.former_districts`): districts are
        former districts (huyện cũ), and the headings say so. When ``changes`` came through the
        crosswalk (it has ``old_commune_code``), a commune-level technology (LAN) is counted over
        former communes, "k of n former communes", and the gap list names each row's former commune.
    by_commune
        Add the ``"communes"`` breakdown; default when ``changes`` holds one district only.
    counts
        :func:`change_summary` of ``changes`` by ``"province"`` and ``"district"`` when already made
        (:attr:`Comparison.counts`); by default they are made here.
    communes
        The commune layer of ``changes`` (``code`` and, when it has them, ``full_name`` or ``unit_type``).
        Two communes that share a short name in the communes table, or in one district of the gap list,
        are named in full there ("Thị trấn Trạm Tấu", "Xã Trạm Tấu"); without these columns (or this
        layer), and in English, by name and code ("Trạm Tấu (04600)"). Other names stay short.
    former_communes
        Through the crosswalk: the 2024 commune layer the records were matched against, which names the
        gap list's former communes the same way.

    Returns
    -------
    dict
        ``"headline"``: one row per technology (gaps, all units, share in %, people, unknown, and
        the change); ``"districts"``: one row per district and a total row, per technology gaps,
        share, people and change; for a one-district picture also ``"communes"``, the same per
        commune; ``"gap_list"``: one row per unit and technology still missing,
        with codes, ids, lon/lat, the record's date, source and note, sorted by district, commune
        and name; its last column ("Vị trí" / "Location") says when the point is approximate: a
        commune on an outline shared with other communes (named) has that outline's point.
    """
    as_of, compare_to = picture_date(changes), picture_date(changes, "compare_to")
    former = counts_former_communes(changes)
    people = village_people(changes, villages)
    rows = pd.DataFrame({
        "district_code": changes["district_code"].to_numpy(), "district_name": changes["district_name"].to_numpy(),
        "commune_code": changes["commune_code"].to_numpy(), "commune_name": changes["commune_name"].to_numpy(),
        "technology": changes["technology"].to_numpy(), "level": changes["level"].to_numpy(),
        "gap": changes["status"].eq(Status.NONE.value).to_numpy(),
        "unknown": changes["status"].eq(Status.UNKNOWN.value).to_numpy(),
        "people": 0.0 if people is None else people.fillna(0).to_numpy(),
        **{col: changes[col].to_numpy() for col in SEVERAL_COLUMNS if col in changes.columns},
    })
    rows["people"] = rows["people"].where(rows["gap"], 0.0)
    counts = counts or change_counts(changes)
    # villages listed from the records (no village layer): the share is of those the sheets name (QA64 F6)
    listed = villages is not None and "located" in villages.columns
    now_col = label("rpt_without", lang, date=date_text(as_of, lang))
    province = counts["province"].merge(_tally(rows, []), on="technology", how="left")
    head = pd.DataFrame({
        label("rpt_technology", lang): province["technology"].map(lambda t: label(t, lang)),
        label("rpt_level", lang): province["level"].map(lambda lv: label("rpt_villages_listed", lang)
                                                        if listed and lv == Level.VILLAGE.value
                                                        else _unit_word(lv, 2, lang, former=former)),
        now_col: province["count"],
        label("rpt_units_total", lang): province["total"],
        label("rpt_share", lang): _percent(province["count"], province["total"], province["unknown"]),
    })
    if people is not None:
        head[label("rpt_people", lang)] = _people_column(province)
    head[label("rpt_unknown_short", lang)] = province["unknown"].astype(int)
    if compare_to:
        head[label("rpt_without", lang, date=date_text(compare_to, lang))] = province["previous"]
        head[label("rpt_change", lang)] = net_change(province["count"], province["previous"], province["first"])
        # "left" (off the gap list, not covered) and "first" (no data then) only when some unit is
        for k in ("fixed", "left", "new", "first", "stayed"):
            if k not in ("left", "first") or province[k].any():
                head[label(f"rpt_{k}", lang)] = province[k]
    # where nothing is known every count is blank, like the share (and the district rows): never a 0 that reads
    # "none missing"
    known = province["total"].gt(province["unknown"])
    counted = [now_col, *head.columns[list(head.columns).index(label("rpt_unknown_short", lang)) + 1:]]
    if people is not None:  # the people in the gaps: none counted where nothing is known (QA30: "~0 người")
        counted.append(label("rpt_people", lang))
    head[counted] = head[counted].apply(lambda col: _whole(col, known))
    words = {"lang": lang, "people": people is not None, "former_districts": former_districts, "former": former}
    words["communes"] = communes
    tables = {"headline": head, "districts": _by_area(changes, rows, province, counts["district"], "district", **words)}
    if by_commune is None:  # a one-district report: its communes are the breakdown to read
        by_commune = changes["district_code"].nunique() == 1
    if by_commune:
        # A 2025-07 commune may lie in two former districts (its rows carry their own): count it once.
        areas = (changes.assign(district_code="", district_name="").drop(columns=list(SEVERAL_COLUMNS), errors="ignore")
                 if former_districts else changes)
        per = change_summary(areas, by="commune").drop(columns=["district_code", "district_name"])
        tables["communes"] = _by_area(changes, rows, province, per, "commune", **words)
    tables["gap_list"] = _gap_list(changes, people, lang, former_districts=former_districts, former=former,
                                   communes=communes, former_communes=former_communes)
    return tables


def _tech_heading(tech: str, level: str, lang: Lang, former: bool) -> str:
    """A technology's column heading; "Standard LAN (former communes)" when it counts former communes."""
    name = label(tech, lang)
    return label("rpt_tech_former", lang, tech=name) if former and level == Level.COMMUNE.value else name


def _tally(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per group and technology: all units, unknown ones, people in gap villages; per district a row of several
    former districts in each (:func:`~dxmap.gaps.status.grouped_rows`), as the district's gaps are counted."""
    return grouped_rows(rows, keys).groupby(keys + ["technology"], dropna=False).agg(
        total=("gap", "size"), unknown=("unknown", "sum"), people=("people", "sum")).reset_index()


def _with_province_columns(out: pd.DataFrame, code: str, communes: pd.DataFrame | None, lang: Lang, *,
                           former_districts: bool) -> pd.DataFrame:
    """The district table ``out`` (district codes in column ``code``) with each district's province in front, as the
    summary CSV has them (:func:`~dxmap.gaps.change.with_provinces`): "Mã tỉnh", "Tỉnh"; in the 2025-07 units the
    former province, "Mã tỉnh cũ", "Tỉnh cũ" (QA64 F12: the report's districts.csv had none). ``out`` as it is when
    the layer names no province."""
    provinces = with_provinces(pd.DataFrame({"district_code": out[code].astype("string")}), communes)
    if "province_code" not in provinces.columns:
        return out
    keys = ("rpt_former_province_code", "rpt_former_province") if former_districts else \
        ("rpt_province_code", "rpt_province")
    front = pd.DataFrame({label(keys[0], lang): provinces["province_code"].fillna("").to_numpy(dtype=object),
                          label(keys[1], lang): provinces["province_name"].fillna("").to_numpy(dtype=object)},
                         index=out.index)
    return pd.concat([front, out], axis=1)


def _province_columns(lang: Lang) -> set[str]:
    """The headings :func:`_with_province_columns` gives, in ``lang``."""
    return {label(k, lang) for k in ("rpt_province_code", "rpt_province", "rpt_former_province_code",
                                     "rpt_former_province")}


def _by_area(changes: gpd.GeoDataFrame, rows: pd.DataFrame, province: pd.DataFrame, per: pd.DataFrame, by: str, *,
             lang: Lang, people: bool, former_districts: bool = False, former: bool = False,
             communes: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per district (``by="district"``) or commune and a total row; per technology the gaps,
    their share, the people (village technologies) and the change. ``per`` is :func:`change_summary` of
    ``changes`` by ``by`` (for communes without the district columns), ``province`` the total row's.
    Communes that share a short name are named in full (:func:`_told_apart`, from the layer ``communes``)."""
    keys = [f"{by}_code", f"{by}_name"]
    # Keys as text on both sides: an empty district column (2025-07 units) is text in one table and float NaN
    # in another, which pandas refuses to merge.
    per = _text_keys(per, keys).merge(_text_keys(_tally(rows, keys), keys), on=keys + ["technology"], how="left")
    if by == "district":  # no rows of blank cells: as the summary CSV (QA68 N7)
        per = district_rows(per, lang)
    total = province.assign(**{keys[0]: "", keys[1]: label("rpt_total", lang)})
    both = pd.concat([per, total], ignore_index=True).assign(change=lambda d: net_change(d["count"], d["previous"],
                                                                                       d["first"]),
                                                             share=lambda d: _percent(d["count"], d["total"],
                                                                                      d["unknown"]))
    both["people"] = _people_column(both)
    wide = both.pivot(index=keys, columns="technology", values=["count", "share", "people", "change", "first"])
    # districts in code order, communes by name ("Thôn 2" before "Thôn 10"); the total row last
    names = wide.index.to_frame(index=False)
    # (the units of no district after the districts, before the total)
    names["key"] = (names[keys[0]].mask(names[keys[0]].eq(""), "\uffff") if by == "district"
                    else _natural(names[keys[1]]) + "\0" + names[keys[0]])
    last = names[keys[0]].eq("") & names[keys[1]].eq(label("rpt_total", lang))
    wide = wide.iloc[names.assign(last=last).sort_values(["last", "key"], kind="stable").index.to_numpy()]
    compared = picture_date(changes, "compare_to") is not None
    now_col = label("rpt_without", lang, date=date_text(picture_date(changes), lang))
    heading = (label("commune_label", lang) if by == "commune" else
               label("map_former_district_filter", lang) if former_districts else label("district", lang))
    code = label("map_commune_code" if by == "commune" else
                 "rpt_former_district_code" if former_districts else "rpt_district_code", lang)
    # the code first, as a coordinator hands rows on (the printed table leaves it out: see _page)
    out = pd.DataFrame({code: wide.index.get_level_values(keys[0]), heading: wide.index.get_level_values(keys[1])})
    if by == "commune":  # sorted by the short name, so that "Thị trấn Trạm Tấu" and "Xã Trạm Tấu" stay together
        areas = out[code].ne("")  # not the total row
        out.loc[areas, heading] = _told_apart(out.loc[areas, code], out.loc[areas, heading], communes, lang)
    elif former_districts and communes is not None:  # a former city is one, not its province (QA59 4: "Yên Bái")
        out[heading] = former_city_names(out[code], out[heading], communes, lang).to_numpy(dtype=object)
    levels = both.drop_duplicates("technology").set_index("technology")["level"]
    for tech in sorted(both["technology"].unique(), key=TECH_ORDER.get):
        name = _tech_heading(tech, levels[tech], lang, former)
        # Where nothing is known (no unit of that level, as a Yên Bái former district has no villages in the
        # demo, or no record for any of them) every cell is blank, like the share: a 0 would read "none missing".
        known = wide[("share", tech)].notna()
        out[f"{name}: {now_col}"] = _whole(wide[("count", tech)], known)
        out[f"{name}: {label('rpt_share', lang)}"] = wide[("share", tech)].astype("float64").to_numpy()
        if people and levels[tech] == Level.VILLAGE.value:
            out[f"{name}: {label('rpt_people', lang)}"] = _whole(wide[("people", tech)], known)
        if compared:
            out[f"{name}: {label('rpt_change', lang)}"] = _whole(wide[("change", tech)], known)
            if wide[("first", tech)].fillna(0).any():  # the change leaves them out: say how many, as the headline does
                out[f"{name}: {label('rpt_first', lang)}"] = _whole(wide[("first", tech)], known)
    if by == "district":  # the summary CSV's province columns in front (QA64 F12)
        out = _with_province_columns(out, code, communes, lang, former_districts=former_districts)
    return out


def _whole(values: pd.Series, known: pd.Series) -> pd.api.extensions.ExtensionArray:
    """Whole numbers with <NA> (never floats) where ``known``, else <NA>: a blank cell."""
    return values.astype("Int64").where(known).array


def _text_keys(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """``table`` with its ``keys`` columns as text, missing values "" (pandas 3 keeps them NaN through astype(str))."""
    return table.assign(**{k: table[k].astype("string").fillna("") for k in keys})


def _percent(count: pd.Series, total: pd.Series, unknown: pd.Series) -> pd.Series:
    """count / total in percent, one decimal; NaN (a blank cell) when nothing is known: no unit, or every
    unit unknown. A 0% there would read as "none missing" where no record says anything."""
    return (100 * count / total.where(total.gt(unknown))).round(1).astype("float64")


def _people_column(table: pd.DataFrame) -> pd.Series:
    """People per row of a summary, rounded to whole people; empty for commune-level technologies."""
    people = table["people"].round().astype("Int64")
    return people.where(table["level"].eq(Level.VILLAGE.value))


def _gap_list(changes: gpd.GeoDataFrame, people: pd.Series | None, lang: Lang, *, former_districts: bool = False,
              former: bool = False, communes: pd.DataFrame | None = None,
              former_communes: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per unit and technology still missing, with what a coordinator filters and plots on.

    In the 2025-07 units the district columns are former districts; through the crosswalk
    (``former``) every row also names its former commune (2024 code and name): for the LAN the
    row *is* that former commune. A commune (former commune) whose short name another commune of its
    district in ``changes`` shares is named in full, from ``communes`` (``former_communes``): the list
    may hold only one of them, but its reader knows both.
    """
    compare_to = picture_date(changes, "compare_to")
    mask = changes["status"].eq(Status.NONE.value)
    gaps = changes[mask]
    # records written for the 2025-07 units whose villages name their former commune ("Xã cũ"): the same two columns,
    # blank on a commune's row (QA66 F3: the field teams still find a village by its former commune)
    named = not former and "former_commune_name" in changes.columns and changes["former_commune_name"].notna().any()
    olds = (("old_commune_code", "old_commune_name") if former else ("former_commune_code", "former_commune_name")
            if named else None)
    where = gaps.geometry if gaps.crs is None or gaps.crs.equals("EPSG:4326") else gaps.geometry.to_crs(4326)
    # A village point is itself; a polygon (commune, village area) gets a point that is surely inside it.
    points = where.representative_point()
    village = gaps["level"].eq(Level.VILLAGE.value)
    # a row of several former districts names each, as the district table counts it there ("087, 089")
    several = {col: gaps[many].astype("string").fillna(gaps[col].astype("string")).to_numpy()
               for col, many in zip(("district_code", "district_name"), SEVERAL_COLUMNS) if many in gaps.columns}
    frame = pd.DataFrame({
        "district_code": gaps["district_code"].to_numpy(), "district_name": gaps["district_name"].to_numpy(), **several,
        "commune_code": gaps["commune_code"].to_numpy(), "commune_name": gaps["commune_name"].to_numpy(),
        "village_id": gaps["unit_id"].where(village, "").to_numpy(),
        "village_name": gaps["name"].where(village, "").to_numpy(),
        "level": gaps["level"].to_numpy(), "technology": gaps["technology"].to_numpy(),
        "status_date": pd.to_datetime(gaps["status_date"]).to_numpy(),
        "source": gaps["source"].to_numpy(), "note": gaps["note"].to_numpy(),
        "lon": points.x.round(6).to_numpy(), "lat": points.y.round(6).to_numpy(),
        "people": (people[mask] if people is not None else pd.Series(np.nan, index=gaps.index)).to_numpy(),
        "change": gaps["change"].to_numpy(),
        "old_code": gaps.get(olds[0], pd.Series(pd.NA, index=gaps.index)).to_numpy() if olds else "",
        "old_name": gaps[olds[1]].to_numpy() if olds else "",
        "shared": shared_outline(gaps, changes).to_numpy(),
    })
    frame = frame.assign(level_order=frame["level"].ne(Level.COMMUNE.value), key=_natural(frame["village_name"]),
                         commune_key=_natural(frame["commune_name"]), tech_order=frame["technology"].map(TECH_ORDER),
                         old_key=_natural(frame["old_name"]))
    frame = frame.sort_values(["district_code", "commune_key", "commune_code", "level_order", "old_key", "old_code",
                               "key", "village_id", "tech_order"], kind="stable")
    frame["commune_name"] = _told_apart_in_districts(frame, changes, "commune_code", "commune_name", communes, lang)
    if former:
        old = frame.rename(columns={"old_code": "old_commune_code", "old_name": "old_commune_name"})
        frame["old_name"] = _told_apart_in_districts(old, changes, "old_commune_code", "old_commune_name",
                                                     former_communes, lang)
    if former_districts and communes is not None:  # "Lào Cai (thành phố cũ)", as the district table names it (QA66 F9)
        names = former_city_names(frame["district_code"], frame["district_name"], communes, lang).to_numpy(
            dtype=object, copy=True)
        multi = frame["district_code"].astype("string").str.contains(", ", regex=False).fillna(False).to_numpy(bool)
        if multi.any():  # each of a row's several: "Lào Cai (thành phố cũ), Bát Xát"
            each = frame.loc[multi, ["district_code", "district_name"]].apply(
                lambda c: c.astype(str).str.split(", ")).explode(["district_code", "district_name"])
            each["district_name"] = former_city_names(each["district_code"], each["district_name"], communes, lang)
            names[multi] = each.groupby(level=0, sort=False)["district_name"].agg(", ".join).reindex(
                frame.index[multi]).to_numpy(dtype=object)
        frame["district_name"] = names
    text = lambda col: frame[col].astype("object").where(frame[col].notna(), "").to_numpy()  # noqa: E731
    districts = ((label("rpt_former_district_code", lang), label("map_former_district_filter", lang)) if former_districts
                 else (label("rpt_district_code", lang), label("district", lang)))
    out = pd.DataFrame({
        districts[0]: text("district_code"),
        districts[1]: text("district_name"),
        label("map_commune_code", lang): text("commune_code"),
        label("commune_label", lang): text("commune_name"),
        **({label("rpt_former_commune_code", lang): text("old_code"), label("rpt_former_commune", lang): text("old_name")}
           if olds else {}),
        label("rpt_village_id", lang): text("village_id"),
        label("village_label", lang): text("village_name"),
        label("rpt_level", lang): frame["level"].map(
            lambda lv: _unit_word(lv, 1, lang, former=former)).to_numpy(),
        label("rpt_technology", lang): frame["technology"].map(lambda t: label(t, lang)).to_numpy(),
        label("status", lang): label(Status.NONE.value, lang),
        # dates as dates (a spreadsheet filters and sorts them), printed ISO in CSV
        label("rpt_record_date", lang): [None if pd.isna(d) else pd.Timestamp(d).date() for d in frame["status_date"]],
        label("source", lang): text("source"),
        label("note", lang): text("note"),
        label("map_lon", lang): frame["lon"].to_numpy(),
        label("map_lat", lang): frame["lat"].to_numpy(),
    })
    if people is not None:
        out[label("map_people_col", lang)] = pd.array(frame["people"].round(), dtype="Int64")
    if compare_to:
        since = period_phrase(compare_to, picture_date(changes), lang=lang)
        out[label("chg_layer", lang, since=since)] = frame["change"].map(lambda c: label(f"chg_{c}", lang)).to_numpy()
    # a commune on an outline shared with others has that outline's point, not one of its own
    out[label("rpt_location", lang)] = [label("rpt_location_shared", lang, others=o) if o else ""
                                        for o in frame["shared"]]
    return out.reset_index(drop=True)


def _told_apart_in_districts(rows: pd.DataFrame, changes: pd.DataFrame, code: str, name: str,
                             layer: pd.DataFrame | None, lang: Lang) -> pd.Series:
    """The names of ``rows`` (columns ``district_code``, ``code`` and ``name``) told apart (:func:`_told_apart`) from
    every commune of their district in ``changes``, not only from those of ``rows``."""
    every = pd.concat([changes[["district_code", code, name]], rows[["district_code", code, name]]], ignore_index=True)
    every = every.astype({"district_code": "string", code: "string"}).fillna({"district_code": ""})
    every = every.drop_duplicates(["district_code", code])
    told = _told_apart(every[code], every[name], layer, lang, groups=every["district_code"])
    lookup = dict(zip(zip(every["district_code"], every[code].fillna("")), told))
    keys = zip(rows["district_code"].astype("string").fillna(""), rows[code].astype("string").fillna(""))
    return pd.Series([lookup.get(k, n) for k, n in zip(keys, rows[name])], index=rows.index, dtype="object")


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
    size: tuple[float, float] | None = None,
):  # -> matplotlib.figure.Figure (imported lazily)
    """A printable map of one technology's gaps and their change, with legend, scale bar and north arrow.

    ``size`` (inches) defaults to 7 wide and as tall as the area's shape needs (up to 9.4), so that
    the map fills an A4 page of the report with its caption. The change is drawn with the map page's
    symbols (:data:`CHANGE_STYLE`): a unit still missing is the gap marker (triangle), a newly missing
    one the gap marker in a pink ring, a fixed one a green ring with a green dot; for a commune-level
    technology the communes without it are also shaded in the gap colour, the symbol at their centre.
    Drawn in the UTM zone of the data (metres), so the scale bar is true.

    No data is never drawn like covered, nor counted as a gap, in either boundary version: communes
    no record of the technology speaks of (a commune whose LAN is unknown; for a village technology,
    one none of whose villages has a record) are hatched as "unknown", and for a village technology
    every other village of unknown status gets the map page's marker for it, a hollow grey square;
    each with its legend entry and count. When one map shows two communes of the same short name, their
    labels are the full names ("Thị trấn Trạm Tấu", "Xã Trạm Tấu"; see :func:`report_tables`).

    As on the map page, the symbols are drawn over the names, and a name that would cover a symbol is
    moved to the nearest clear spot inside its district or commune, if there is one (:func:`_clear_names`).

    In the 2025-07 units (``communes`` with an ``approximate`` column) approximate outlines are
    dashed, with a legend entry. When ``changes`` came through the crosswalk, a commune-level
    technology is shaded where at least one former commune lacks it, with "k/n" (former communes
    without it / former communes) written on the commune; a commune none of whose former communes
    has a record is hatched.

    Returns
    -------
    matplotlib.figure.Figure
        Not attached to pyplot; save it with ``fig.savefig(...)``.
    """
    lang = check_lang(lang)
    _require_extra()
    from matplotlib import patheffects
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.transforms import Bbox, TransformedBbox
    from matplotlib_scalebar.scalebar import ScaleBar

    tech = Technology(technology)
    no_symbol = Patch(facecolor="none", edgecolor="none", linewidth=0)  # a legend entry whose units are not drawn
    as_of, compare_to = picture_date(changes), picture_date(changes, "compare_to")
    rows = changes[changes["technology"].eq(tech.value)]
    shown = communes[communes["code"].isin(changes["commune_code"])]
    crs = shown.estimate_utm_crs()
    base = shown.to_crs(crs)
    fig = Figure(figsize=size or _fit_size(base), layout="constrained")
    ax = fig.add_subplot()
    ax.set_axis_off()
    gaps = rows[rows["status"].eq(Status.NONE.value)]
    village = tech.level is Level.VILLAGE
    tinted = base["code"].isin(gaps["commune_code"]) if village else pd.Series(False, index=base.index)
    # villages without a location (listed from the records) draw no marker: their communes are shaded by how many
    # lack it, in the map page's bins, or Y Tý with 5 would look like Trịnh Tường with 1 (QA66 F11)
    graded = tinted.any() and bool((gaps.geometry.isna() | gaps.geometry.is_empty).any())
    bins: list[tuple[object, str]] = []
    if not tinted.all():  # geopandas warns of an empty frame drawn, on the console (QA67 F11)
        base[~tinted].plot(ax=ax, facecolor="#f4f4f4", edgecolor="#b8b8b8", linewidth=0.4)
    if tinted.any() and not graded:
        base[tinted].plot(ax=ax, facecolor="#fbe4d5", edgecolor="#b8b8b8", linewidth=0.4)
    elif graded:
        per = base["code"].map(gaps["commune_code"].value_counts()).fillna(0)
        for lo, hi, colour in GAP_BINS[1:]:
            part = base[per.between(lo, hi).to_numpy()]
            if len(part):
                part.plot(ax=ax, facecolor=colour, alpha=0.75, edgecolor="#b8b8b8", linewidth=0.4)
                n = str(lo) if lo == hi else f"{lo}+" if hi > 999 else f"{lo}–{hi}"
                bins.append((Patch(facecolor=colour, alpha=0.75, edgecolor="#b8b8b8"),
                             label("rpt_bin", lang, n=n, unit=_unit_word(Level.VILLAGE.value, hi, lang))))
    former = counts_former_communes(changes)
    former_counts = former and tech.level is Level.COMMUNE  # "k of n former communes"
    # No data is never drawn like covered, in either boundary version: see _no_data.
    no_data, unknown_villages = _no_data(changes, rows, base, tech)
    extra: list[tuple[object, str]] = []  # (legend handle, text) after the change symbols
    marks: list[tuple[np.ndarray, float]] = []  # every symbol drawn: its points and radius (pt), kept clear of names
    unknown_word = label(Status.UNKNOWN.value, lang)
    for status, (part, n) in _off_the_list(rows).items():  # weak and planned: not gaps, not covered either
        symbol = _status_symbol(status)
        part = part[~(part.geometry.isna() | part.geometry.is_empty)]
        if len(part):
            marks.append(_scatter(ax, part.to_crs(crs).geometry.representative_point(), symbol))
        unit = _unit_word(tech.level.value, n, lang, former=former_counts)
        # its symbol only where the map draws one (QA71 C12)
        extra.append((tuple(symbol) if len(part) else no_symbol, f"{label(status, lang)} ({n} {unit})"))
    if no_data.any():
        base[no_data].plot(ax=ax, **_NO_DATA_FILL, linewidth=0.4)
        n = int(no_data.sum())
        # every count says what it counts, as the report's tables do (QA64 F16): the hatch is of communes
        extra.append((Patch(**_NO_DATA_FILL), f"{unknown_word} ({n} {_unit_word(Level.COMMUNE.value, n, lang)})"))
    if len(unknown_villages):
        located = unknown_villages[~(unknown_villages.geometry.isna() | unknown_villages.geometry.is_empty)]
        symbol = _status_symbol(Status.UNKNOWN.value)
        if len(located):
            marks.append(_scatter(ax, located.to_crs(crs).geometry.representative_point(), symbol))
        n = len(unknown_villages)
        extra.append((tuple(symbol) if len(located) else no_symbol,
                      f"{unknown_word} ({n} {_unit_word(Level.VILLAGE.value, n, lang)})"))

    counts = rows["change"].value_counts()
    nothing_known = bool(len(rows)) and rows["status"].eq(Status.UNKNOWN.value).all()  # no count, no "(0)" rows
    # "first" (a gap now, no data then) only where there is one: a report without any reads as before
    kinds = ([Change.STAYED.value, Change.NEW.value, *([Change.FIRST.value] if counts.get(Change.FIRST.value) else []),
              Change.FIXED.value] if compare_to else [Change.STAYED.value])
    if nothing_known:  # a "(0)" row would read "none missing"
        kinds = []
    if tech.level is Level.COMMUNE:  # a polygon shared by several communes takes the most pressing change
        rank = rows["change"].map({Change.NEW.value: 0, Change.STAYED.value: 1, Change.FIRST.value: 2,
                                   Change.FIXED.value: 3}).fillna(4)
        top = rank.groupby(rows["map_unit"]).transform("min")
        drawn = rows["change"].where(rank.eq(top), Change.NO_GAP.value)
    else:
        drawn = rows["change"]
    handles, texts = [], []
    since = period_phrase(compare_to, as_of, lang=lang) if compare_to else ""
    symbols: dict[str, gpd.GeoSeries] = {}
    marked: set[str] = set()  # the polygons with a change symbol at their point: their name and count make room
    for kind in kinds:
        n = int(counts.get(kind, 0))
        text = label(f"chg_{kind}", lang) if compare_to else label(Status.NONE.value, lang)
        # what is counted, as in the report's tables: "Chưa có (5 thôn/bản)", not "Chưa có (5)" (QA64 F16); a LAN
        # count in the 2025-07 units is of former communes, and says so
        text += f" ({n} {_unit_word(tech.level.value, n, lang, former=former_counts)})"
        part = rows[drawn.eq(kind)].to_crs(crs)
        if tech.level is Level.COMMUNE and len(part):
            part = part.drop_duplicates("map_unit")  # a shared polygon once, with its most pressing change
            if CHANGE_STYLE[kind]["status"]:  # a commune without it is shaded in its status's colour, as on the page
                colour = STATUS_COLOURS[str(CHANGE_STYLE[kind]["status"])]
                part.plot(ax=ax, facecolor=colour, alpha=0.75, edgecolor="#555555", linewidth=0.5, zorder=2)
        located = part[~(part.geometry.isna() | part.geometry.is_empty)]
        symbols[kind] = located.geometry.representative_point()
        if tech.level is Level.COMMUNE:
            marked |= set(part["map_unit"])
        # its symbol only where the map draws one: villages without a location are counted, not drawn (QA71 C12)
        handles.append(tuple(_change_symbol(kind)) if len(located) or not len(part) else no_symbol)
        texts.append(text)
    for kind, pts in symbols.items():  # after the shading: the symbols on top of every polygon
        if len(pts):
            marks.append(_scatter(ax, pts, _change_symbol(kind)))
    counted: set[str] = set()
    if tech.level is Level.COMMUNE:
        counted = _shared_counts(ax, rows.to_crs(crs), known_only=True, marked=marked)
    fixed = list(ax.texts)  # the "k/n" counts: names make room for them, and they stay with their symbol
    if "approximate" in base.columns and base["approximate"].fillna(False).astype(bool).any():
        approx = base[base["approximate"].fillna(False).astype(bool)]
        approx.drop_duplicates("map_unit").boundary.plot(ax=ax, color="#333333", linewidth=0.9, linestyle=(0, (3, 2)),
                                                         zorder=5)
        extra.append((Line2D([], [], color="#333333", linewidth=0.9, linestyle=(0, (3, 2))),
                      f"{label('map_approx_line', lang)} ({len(approx)} "
                      f"{_unit_word(Level.COMMUNE.value, len(approx), lang)})"))

    if districts is not None:
        d = districts[districts["code"].isin(changes["district_code"])].to_crs(crs)
        if len(d):
            d.boundary.plot(ax=ax, color="#333333", linewidth=1.0, zorder=5)
    if districts is not None and len(d) > 1:
        where, names, areas = d.geometry.representative_point(), d["name"], d.geometry
        above = np.zeros(len(d), dtype=bool)
        shift = np.zeros(len(d), dtype=bool)
    else:  # one district: name its communes instead
        polys = base.drop_duplicates("map_unit")
        where, names = polys.geometry.representative_point(), polys["name"].where(~polys["shared_polygon"], "") \
            if "shared_polygon" in polys else polys["name"]
        areas = polys.geometry
        names = _told_apart(polys["code"], names, base, lang)  # two "Trạm Tấu" on one map: named in full
        # a name sits above the "k/n" written on its polygon (the count hangs below the same point)
        # and above its change symbol, which sits on that point
        shift = polys["map_unit"].isin(marked).to_numpy()
        above = polys["map_unit"].isin(counted).to_numpy() | shift
    halo = [patheffects.withStroke(linewidth=2.5, foreground="white")]
    placed = []  # (name's Annotation, its area)
    for i, (x, y, name, area) in enumerate(zip(where.x, where.y, names, areas)):
        if isinstance(name, str) and name.strip():  # a missing name is NaN or <NA>, which are truthy
            # under the symbols (zorder), as on the map page
            placed.append((ax.annotate(_map_label(name), (x, y), xytext=(0, _SYMBOL_ROOM if shift[i] else 0),
                                       textcoords="offset points", fontsize=7 if len(names) < 30 else 5,
                                       color="#333333", ha="center", va="bottom" if above[i] else "center",
                                       path_effects=halo, zorder=_NAME_Z), area))

    unit = _unit_word(tech.level.value, 2, lang, former=former)
    n_now = int(rows["status"].eq(Status.NONE.value).sum())
    said = label("headline", lang, n=n_now, unit=unit, tech="").strip()
    if nothing_known:  # no count, which would read "none missing"
        said = label("map_nodata", lang, n=number_text(len(rows), lang),
                     units=_unit_word(tech.level.value, len(rows), lang, former=former))
    fig.suptitle(f"{label(tech.value, lang)}: {said} — {date_text(as_of, lang)}", fontsize=11, fontweight="bold",
                 x=0.01, ha="left")
    if illustrative:
        ax.set_title(label("illustrative", lang), color="#8a1c00", fontsize=8, fontweight="bold", loc="left")
    # Below the map, so that it never hides a village.
    others = [(h, t) for h, t in extra + bins]
    # the change under its heading, the statuses and shading of the date apart, under theirs: "Planned" listed under
    # "Change since …" read as a change (QA71 C12)
    apart = bool(since and handles and others)
    legend_title = label("legend", lang) if apart or not since else label("chg_layer", lang, since=since)
    if former_counts:
        legend_title += " · " + label("rpt_k_of_n", lang)
    unplaced = int((rows["level"].eq(Level.VILLAGE.value) & (rows.geometry.isna() | rows.geometry.is_empty)).sum())
    if unplaced:  # villages listed from the records (no village layer): counted and shading communes, not drawn
        legend_title += "\n" + label("map_unplaced", lang, n=number_text(unplaced, lang))
    # as many columns as the longest entry leaves room for on the page's width (three long ones were cut at both edges)
    longest = max((len(t) for t in texts + [t for _, t in others]), default=0)
    columns = 3 if longest <= 30 else 2 if longest <= 48 else 1
    headings: list[int] = []
    if apart:  # two groups, each headed: side by side in two columns where they fit, else one under the other
        first = [(no_symbol, label("chg_layer", lang, since=since)), *zip(handles, texts)]
        second = [(no_symbol, label("rpt_map_status_on", lang, date=date_text(as_of, lang))), *others]
        columns = 2 if columns > 1 else 1
        if columns == 2:  # a legend fills its columns in turn: the shorter group padded to the other's length
            first += [(no_symbol, "")] * (len(second) - len(first))
            second += [(no_symbol, "")] * (len(first) - len(second))
        headings = [0, len(first)]
        handles, texts = [h for h, _ in first + second], [t for _, t in first + second]
    else:
        handles += [h for h, _ in others]
        texts += [t for _, t in others]
    legend = fig.legend(handles=handles, labels=texts, loc="outside lower center", ncols=min(len(handles), columns),
                        fontsize=8, frameon=False, title=legend_title, title_fontsize=8)
    for i in headings:
        legend.get_texts()[i].set_fontweight("bold")
    # the scale bar in the corner of the map drawn, not of the axes: an area wider than the page leaves the axes
    # taller than the map, one taller leaves them wider, and the bar ran past the map's edge (QA72 K13). The north
    # arrow keeps to the axes' corner: in a flat map's the arrow would be cut short among the symbols.
    frame = TransformedBbox(Bbox.from_extents(*base.total_bounds), ax.transData)
    scale = ScaleBar(1, "m", location="lower right", length_fraction=0.22, box_alpha=0.85,
                     font_properties={"size": 8}, scale_loc="top", bbox_to_anchor=frame)
    scale.set_zorder(_SYMBOL_Z + 10)  # over the symbols, as it was
    ax.add_artist(scale)
    ax.annotate("N", xy=(0.965, 0.97), xytext=(0.965, 0.885), xycoords="axes fraction", ha="center", va="center",
                fontsize=10, fontweight="bold", arrowprops={"arrowstyle": "-|>", "color": "#222222", "lw": 1.2})
    _clear_names(fig, ax, placed, marks, fixed)  # last: with the figure's layout final
    return fig


def _scatter(ax, pts: gpd.GeoSeries, styles: list) -> tuple[np.ndarray, float]:  # noqa: ANN001 (matplotlib Axes)
    """Draw a symbol (:func:`_change_symbol`, :func:`_status_symbol`: markers one over another) at ``pts``;
    returns the points (map coordinates) and the symbol's radius in points, for :func:`_clear_names`."""
    for style in styles:
        ax.scatter(pts.x, pts.y, s=style.get_markersize() ** 2, marker=style.get_marker(),
                   facecolors=style.get_markerfacecolor(), edgecolors=style.get_markeredgecolor(),
                   linewidths=style.get_markeredgewidth(), zorder=style.get_zorder())
    # as drawn: half the marker and half its outline (a ring's white halo reaches 1.25 pt past the ring)
    return np.column_stack([pts.x, pts.y]), max(style.get_markersize() + style.get_markeredgewidth()
                                                for style in styles) / 2


def _clear_names(fig, ax, names: list, marks: list[tuple[np.ndarray, float]],  # noqa: ANN001 (Figure, Axes)
                 fixed: list) -> None:
    """Move each name that would cover a symbol (or lie under a "k/n" count) to the nearest spot clear of them,
    as the map page does.

    ``names`` are (Annotation, area) pairs: a name moves at most about its width aside or three lines up
    or down, only to a spot whose centre is inside its area and on the map, and only where it overlaps
    no other name nor the ``fixed`` texts (the "k/n" counts), so names overlap each other no more than
    where they stood. Where no spot is clear of the symbols, a name over a symbol's centre moves to the
    nearest spot over none; else it stays (the symbols are drawn over it). Measured in display pixels
    with the figure's layout done; names and symbols are sized in points, so it holds at any dpi.
    """
    import shapely
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not names or not marks:
        return
    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)  # a renderer to measure text with (savefig picks its own canvas anyway)
    # The constrained layout, to measure where things end up; it starts from where the axes were, so they go
    # back there after (else the saved map would sit a few pixels off where it did before names moved).
    before = ax.get_position(original=True), ax.get_position()
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    px = fig.dpi / 72  # pixels per point
    centres = np.vstack([ax.transData.transform(xy) for xy, _ in marks])
    radii = np.concatenate([np.full(len(xy), (r + 0.75) * px) for xy, r in marks])  # and most of a name's white halo
    symbols = np.column_stack([centres - radii[:, None], centres + radii[:, None]])  # x0, y0, x1, y1
    frame = ax.get_window_extent(renderer).extents
    to_map = ax.transData.inverted()

    def extent(text) -> np.ndarray:  # noqa: ANN001 (Text)
        return np.asarray(text.get_window_extent(renderer).extents)

    def hits(boxes: np.ndarray, others: np.ndarray) -> np.ndarray:  # (n, 4) against (m, 4): does each hit any?
        if not len(others):
            return np.zeros(len(boxes), dtype=bool)
        return ((boxes[:, None, 0] < others[None, :, 2]) & (boxes[:, None, 2] > others[None, :, 0])
                & (boxes[:, None, 1] < others[None, :, 3]) & (boxes[:, None, 3] > others[None, :, 1])).any(axis=1)

    def covers(boxes: np.ndarray) -> np.ndarray:  # does each box hold a symbol's centre?
        return ((boxes[:, None, 0] <= centres[None, :, 0]) & (boxes[:, None, 2] >= centres[None, :, 0])
                & (boxes[:, None, 1] <= centres[None, :, 1]) & (boxes[:, None, 3] >= centres[None, :, 1])).any(axis=1)

    boxes = np.array([extent(text) for text, _ in names])
    still = np.array([extent(text) for text in fixed]).reshape(-1, 4)
    for i, (text, area) in enumerate(names):
        box = boxes[i]
        if not (hits(box[None], symbols)[0] or hits(box[None], still)[0]):  # a count hid "Sa Pa" under "2/8"
            continue
        w, h = box[2] - box[0], box[3] - box[1]
        # nearest first; of equally near ones, above before below, then left before right (map-place.js)
        steps = [(dx * w / 4, dy * h / 2) for dx in range(-4, 5) for dy in range(-6, 7)]
        steps.sort(key=lambda s: (s[0] ** 2 + s[1] ** 2, -s[1], s[0]))
        shift = np.array(steps[1:])  # (0, 0) is where it stands
        tried = box[None] + np.column_stack([shift, shift])
        mid = to_map.transform(np.column_stack([(tried[:, 0] + tried[:, 2]) / 2, (tried[:, 1] + tried[:, 3]) / 2]))
        ok = (shapely.contains_xy(area, mid[:, 0], mid[:, 1])
              & (tried[:, 0] >= frame[0]) & (tried[:, 2] <= frame[2]) & (tried[:, 1] >= frame[1])
              & (tried[:, 3] <= frame[3])
              & ~hits(tried, np.vstack([np.delete(boxes, i, axis=0), still])))
        clear = ok & ~hits(tried, symbols)
        if clear.any():
            best = np.flatnonzero(clear)
        elif covers(box[None])[0]:
            best = np.flatnonzero(ok & ~covers(tried))
        else:
            continue
        if len(best):
            dx, dy = shift[best[0]] / px
            x, y = text.xyann
            text.xyann = (x + dx, y + dy)
            boxes[i] = tried[best[0]]
    ax.set_position(before[0], which="original")
    ax.set_position(before[1], which="active")
    ax.set_in_layout(True)  # set_position takes the axes out of the layout


_NAME_Z = 6  # the place names: over the outlines (5), under the "k/n" counts (7) and the symbols
_SYMBOL_Z = 10  # the symbols' zorder starts here: drawn over every name and count, as on the map page
# Page pixels to printed points: the page's gap marker (radius 7 px) is about 6 pt tall on a printed map.
_PT_PER_PX = 0.5
_RADIUS_PX = dict(zip(STATUS_ORDER, (7.0, 6.5, 5.5, 5.5, 3.0)))  # dxmap.RADIUS in map-markers.js, per status
_GAP_RADIUS_PX = _RADIUS_PX[Status.NONE.value]
_SYMBOL_ROOM = 5.5  # points between a polygon's change symbol and the name above it, the count below it
_MPL_MARKERS = {"triangle": "^", "diamond": "D", "circle-open": "o", "square-open": "s", "dot": "o"}
# A polygon no record speaks of: the base fill, hatched (both boundary versions, the map and its legend).
_NO_DATA_FILL = {"facecolor": "#f4f4f4", "edgecolor": "#b8b8b8", "hatch": "////"}


def _no_data(changes: gpd.GeoDataFrame, rows: gpd.GeoDataFrame, base: gpd.GeoDataFrame,
             tech: Technology) -> tuple[pd.Series, gpd.GeoDataFrame]:
    """What the map of ``tech`` marks as "no data", never drawn like covered and never counted as a gap: the
    same rule in the 2024 and the 2025-07 units.

    - Hatched: the polygons of ``base`` none of whose communes any record of ``tech`` speaks of
      (:func:`communes_without_data`): a commune whose LAN is unknown, a 2025-07 commune none of whose
      former communes has a LAN record, or, for a village technology, a commune none of whose villages has
      a record (or that has none). A polygon shared by several communes is hatched when none of them has data.
    - Marked: for a village technology, each village of unknown status in the other communes, with the map
      page's marker for "unknown" (:func:`_status_symbol`).

    Returns the mask of ``base`` to hatch and the village rows (of ``rows``, this technology's) to mark.
    """
    without = base["code"].isin(communes_without_data(changes, technology=tech))
    hatched = without.groupby(base["map_unit"]).transform("all") if "map_unit" in base.columns else without
    unknown = rows["level"].eq(Level.VILLAGE.value) & rows["status"].eq(Status.UNKNOWN.value)
    return hatched, rows[unknown & ~rows["commune_code"].isin(base.loc[hatched, "code"])]


def _off_the_list(rows: gpd.GeoDataFrame) -> dict[str, tuple[gpd.GeoDataFrame, int]]:
    """The units of ``rows`` (one technology's) that are weak or planned, per status: the rows to mark and how
    many units have it. They are off the gap list and not counted, but not covered either. A commune polygon
    (``map_unit``) holding a unit without the technology has the gap's symbol and no other; one holding
    several weak or planned units (a shared outline, the former communes of a 2025-07 commune) is marked once,
    weak before planned, and each unit is counted."""
    rank = rows["status"].map({s: i for i, s in enumerate(STATUS_ORDER)})
    marks = rows
    if "map_unit" in rows.columns and rows["level"].eq(Level.COMMUNE.value).all():
        gap = rows.loc[rows["status"].eq(Status.NONE.value), "map_unit"]
        rows, rank = rows[~rows["map_unit"].isin(gap)], rank[~rows["map_unit"].isin(gap)]
        marks = rows[rank.eq(rank.groupby(rows["map_unit"]).transform("min"))].drop_duplicates("map_unit")
    return {status: (marks[marks["status"].eq(status)], n) for status in (Status.WEAK.value, Status.PLANNED.value)
            if (n := int(rows["status"].eq(status).sum()))}


def _status_symbol(status: str) -> list:  # -> list[matplotlib.lines.Line2D]
    """The map page's marker of a unit of ``status`` (:data:`STATUS_SHAPES`, :data:`STATUS_COLOURS`, the page's
    radius) as matplotlib markers drawn one over another, as the page paints them (map-markers.js): an open
    marker (planned: a blue ring; unknown: a grey square) on a white halo, a filled one (weak: an orange
    diamond) with a dark edge. Used on the printed map (as scatter styles) and in its legend."""
    from matplotlib.lines import Line2D

    shape, colour, radius = STATUS_SHAPES[status], STATUS_COLOURS[status], _RADIUS_PX[status]
    marker = _MPL_MARKERS[shape]
    if shape.endswith("-open"):
        return [Line2D([], [], linestyle="none", marker=marker, markersize=1.6 * radius * _PT_PER_PX,
                       markerfacecolor="none", markeredgecolor=edge, markeredgewidth=width * _PT_PER_PX,
                       zorder=_SYMBOL_Z) for edge, width in (("#ffffff", 5.0), (colour, 2.75))]
    return [Line2D([], [], linestyle="none", marker=marker, markersize=1.4 * radius * _PT_PER_PX,
                   markerfacecolor=colour, markeredgecolor="#1a1a1a", markeredgewidth=0.5, zorder=_SYMBOL_Z)]


def _change_symbol(kind: str) -> list:  # -> list[matplotlib.lines.Line2D]
    """The symbol of a change as matplotlib markers drawn one over another, from :data:`CHANGE_STYLE` (the
    definition the map page draws from): its status's marker (the gap marker, in the page's shape and colour),
    a ring on a white halo, a dot at the centre. Used for the printed map (as scatter styles) and its legend
    (a tuple of these is one legend entry)."""
    from matplotlib.lines import Line2D

    style = CHANGE_STYLE[kind]
    out = []

    def mark(**kw: object) -> None:
        out.append(Line2D([], [], linestyle="none", **kw))

    if style["status"]:
        status = str(style["status"])
        mark(marker=_MPL_MARKERS[STATUS_SHAPES[status]], markersize=1.8 * _GAP_RADIUS_PX * _PT_PER_PX,
             markerfacecolor=STATUS_COLOURS[status], markeredgecolor="#1a1a1a", markeredgewidth=0.5,
             zorder=_SYMBOL_Z + 1)
    if style["ring"]:
        size = 2 * float(style["ring_radius"]) * _PT_PER_PX
        mark(marker="o", markersize=size, markerfacecolor="none", markeredgecolor="#ffffff",
             markeredgewidth=5 * _PT_PER_PX, zorder=_SYMBOL_Z + 2)
        mark(marker="o", markersize=size, markerfacecolor="none", markeredgecolor=style["ring"],
             markeredgewidth=2.5 * _PT_PER_PX, zorder=_SYMBOL_Z + 2)
    if style["dot"]:
        mark(marker="o", markersize=2 * float(style["dot_radius"]) * _PT_PER_PX, markerfacecolor=style["dot"],
             markeredgecolor=style["dot"], markeredgewidth=0, zorder=_SYMBOL_Z + 3)
    return out


def _fit_size(base: gpd.GeoDataFrame, width: float = 7.0) -> tuple[float, float]:
    """Figure size for a map of ``base`` (metric CRS): the data's aspect plus room for title and legend."""
    x0, y0, x1, y1 = base.total_bounds
    aspect = (y1 - y0) / (x1 - x0) if x1 > x0 else 1.0
    return width, float(min(max(width * aspect + 1.3, 5.0), 9.4))


def _shared_counts(ax, rows: gpd.GeoDataFrame, *,  # noqa: ANN001 (matplotlib Axes)
                   known_only: bool = False, marked: set[str] = frozenset()) -> set[str]:
    """On polygons shared by several communes, write how many of them lack the technology ("4/8");
    returns the ``map_unit`` of each polygon written on.

    In the 2025-07 units the rows are a merged commune's former communes: "k/n former communes";
    ``known_only`` leaves out the polygons of which no row has a record (hatched as no data). On the
    polygons ``marked`` with a change symbol the count hangs below the symbol.
    """
    from matplotlib import patheffects

    per = rows.groupby("map_unit").agg(n=("unit_id", "size"),
                                       gap=("status", lambda s: int(s.eq(Status.NONE.value).sum())),
                                       known=("status", lambda s: int(s.ne(Status.UNKNOWN.value).sum())),
                                       geometry=("geometry", "first"))
    per = per[per["n"].gt(1) & (per["known"].gt(0) | (not known_only))]
    halo = [patheffects.withStroke(linewidth=2.5, foreground="white")]
    for unit, geom, gap, n in zip(per.index, per["geometry"], per["gap"], per["n"]):
        pt = geom.representative_point()
        ax.annotate(f"{gap}/{n}", (pt.x, pt.y), xytext=(0, -_SYMBOL_ROOM if unit in marked else 0),
                    textcoords="offset points", fontsize=8, fontweight="bold", color="#222222", ha="center", va="top",
                    path_effects=halo, zorder=7)
    return set(per.index)


def _png(fig, *, dpi: int = 130) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, facecolor="white", metadata={"Software": "dxmap"})
    return buf.getvalue()


def _map_label(name: object) -> str:
    """A place name short enough for a map label (a name of hundreds of characters would cover the map)."""
    return _shorten(_clean(str(name)).replace("\n", " "), _MAP_LABEL_MAX)


def _shorten(text: str, limit: int = _PAGE_TEXT_MAX) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


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
    units: str | None = None,
    province: str | None = None,
    commune: str | Sequence[str] | None = None,
) -> Report:
    """Analyse ``data`` and assemble the report: tables, sentences, source and method, one map per technology.

    Parameters
    ----------
    data
        From :func:`demo_dataset` or :func:`read_dataset`. When ``data.villages`` has a
        ``population`` column, the report gives the people living in gap villages.
    as_of
        The report's date; default the newest record.
    compare_to
        The date to compare with; default the previous snapshot in the records (the latest one before
        ``as_of``). With only one snapshot the report shows the counts without change.
    district
        Restrict the report to one district (name or code).
    province
        Restrict the report to one province (name or code); in the 2025-07 units a former province
        (tỉnh cũ), as in :func:`analyse`. The title names it ("… — tỉnh cũ Yên Bái").
    commune
        Restrict the report to one commune or several (names or codes, as in :func:`analyse`): the tables, counts
        and maps are of those communes and their villages, with one row per commune as for one district, and the
        title names them ("… — Xã Y Tý, Xã A Mú Sung", or "… — 5 xã/phường: …" of more than three).
    lang
        ``"vi"`` (default) or ``"en"``.
    title
        Default "Báo cáo hạ tầng số còn thiếu — <province or district>" (English: "Report: missing
        digital infrastructure — …").
    strict
        As in :func:`analyse`: stop when a record did not match.
    units
        Boundary version of the report, as in :func:`analyse`: ``"2025-07"`` on 2024 records
        draws the report in the 2025-07 units through the crosswalk. The tables then group by
        former district (huyện cũ; ``district`` names one), the LAN is counted "k of n former
        communes" and the gap list names each row's former commune; the maps draw the 2025-07
        communes, approximate outlines dashed and communes without any record hatched, and the
        source-and-method block says how the picture was moved.

    Returns
    -------
    Report
        The report's title, dates, headline numbers, sentences, tables and one PNG map per
        technology, all in ``lang``; write it with :func:`write_report`.

    Raises
    ------
    OptionalDependencyError
        When the ``report`` extra is not installed (``pip install 'dxmap[report]'``).
    """
    lang = check_lang(lang)
    require_dataset(data)
    _require_extra()

    if data.outcomes is None:  # reconciled once for every picture below
        data = replace(data, outcomes=reconcile(data.records, data.communes, data.villages, lang=lang))
    # each picture is made once (in the 2025-07 units every picture goes through the crosswalk): the report's is
    # the comparison's later one; the earlier round is that of the units it shows (earlier_round)
    if data.earlier is not None:  # a 2024 round and a 2025-07 one: their comparison in the 2025-07 units
        cmp = compare(data, as_of=as_of, compare_to=compare_to, district=district, strict=strict, units=units,
                      province=province, commune=commune)
        return _assemble(data, cmp.now, cmp.changes, cmp.summary, cmp.counts, lang=lang, title=title)
    now = analyse(data, as_of=as_of, district=district, strict=strict, units=units, province=province,
                  commune=commune)
    if compare_to is None and earlier_round(now) is None:
        log_said(log, logging.INFO, "log_report_no_change", date=partial(date_text, now.as_of))
        changes, summary = _no_change(now.status), now.summary
        counts = change_counts(changes)
    else:
        cmp = compare_with(data, now, compare_to=compare_to, district=district, units=units, province=province,
                           commune=commune)
        changes, summary, counts = cmp.changes, cmp.summary, cmp.counts
    return _assemble(data, now, changes, summary, counts, lang=lang, title=title)


def _assemble(data: Dataset, now: Analysis, changes: gpd.GeoDataFrame, summary: dict,
              counts: dict[str, pd.DataFrame], *, lang: Lang, title: str | None) -> Report:
    """The report from one picture and its change; ``counts`` are :func:`change_summary` of ``changes``
    by province and district (made once, for the summary, the tables and the headline)."""
    as_of, compare_to = picture_date(changes), picture_date(changes, "compare_to")
    place = (district_place(now.district[1], lang, former=now.former_districts, communes=now.communes)
             if now.district else None)
    if now.province:  # "tỉnh cũ Yên Bái": the province asked for, not the layer's (the new Lào Cai)
        words = label("sum_former_province" if now.former_districts else "sum_province", lang, name=now.province[1])
        place = f"{place}, {words}" if place else words
    if now.commune:  # "Xã Y Tý, Xã A Mú Sung, Xã Trịnh Tường" (QA66 F4), before the district that holds them
        words = communes_words(now.commune, now.communes, lang)
        place = f"{words}, {place}" if place else words
    if place is None:
        names = province_names(now.communes)
        place = names[0] if len(names) == 1 else None
    title = title or label("rpt_title", lang) + (f" — {place}" if place else "")
    former = counts_former_communes(changes)
    tables = report_tables(changes, lang=lang, villages=data.villages, former_districts=now.former_districts,
                           by_commune=True if now.district or now.commune else None, counts=counts,
                           communes=now.communes,
                           former_communes=data.communes if former else None)
    left_out = now.outcomes[~now.outcomes["outcome"].isin([Outcome.MATCHED.value, Outcome.IGNORED.value])]
    if len(left_out):  # --allow-unmatched: the records not counted, each with its reason (QA59 6: a count only)
        tables["left_out"] = outcome_table(left_out, lang=lang)
    province = counts["province"]
    people = village_people(changes, data.villages)
    since = period_phrase(compare_to, as_of, lang=lang) if compare_to else None
    left = left_statuses(changes)
    headline, sentences = [], []
    listed = data.villages is not None and "located" in data.villages.columns  # villages the records name
    for row in province.itertuples(index=False):
        rows = changes["technology"].eq(row.technology)
        total = int(rows.sum())
        known = int((rows & changes["status"].ne(Status.UNKNOWN.value)).sum())
        unit_word = partial(_unit_word, row.level, lang=lang, former=former)  # "k of n former communes"
        words = {"tech": label(f"chg_tech_{row.technology}", lang), "since": since}
        # where nothing is known (every unit unknown) there is no count, no change and no sentence: a 0 would read
        # "none missing"; the card says "no data for …" (its "of")
        entry = {"technology": row.technology, "label": label(row.technology, lang),
                 "count": int(row.count) if known else None, "count_text": number_text(row.count, lang) if known else "—",
                 "total": total, "share": round(100 * row.count / total, 1) if known else None,
                 "of": _of_text(row.count, total, known, unit_word, lang,
                                listed=listed and row.level == Level.VILLAGE.value),
                 "people": None, "people_text": "", "first_text": "",
                 # "still without" only when every one of them was without it then too: not for newly missing units,
                 # nor for those with no data then
                 "text": _headline_text(row, compare_to, unit_word, words, lang, known=known, total=total) if known
                 else ""}
        if people is not None and row.level == Level.VILLAGE.value and known:  # no "~0 people" without data
            gap = rows & changes["status"].eq(Status.NONE.value)
            entry["people"] = int(round(people[gap].fillna(0).sum()))
            entry["people_text"] = _about(entry["people"], lang) if entry["people"] else ""  # never "~0 people"
        if compare_to and not known:
            entry.update(previous=None, change="", caption="")
        elif compare_to:
            # like with like: the gaps known then, and how many had no data then beside it; no change where no unit
            # had a record then (QA63 4: "0 then, +0")
            then = not pd.isna(row.previous)
            change = _signed(int(net_change(row.count, row.previous, row.first))) if then else ""
            first = label("chg_first_n", lang, n=number_text(row.first, lang)) if row.first else ""
            entry.update(previous=int(row.previous) if then else None, first=int(row.first), first_text=first,
                         change=change)
            aside = "; ".join(filter(None, [change, first]))
            entry["figure"] = f"{entry['count_text']} ({aside})" if aside else entry["count_text"]
            said = [label("chg_gained", lang, n=row.fixed, unit=unit_word(row.fixed), **words)] if then else []
            if then and row.left:
                said.append(left_sentence(row.left, row.level, left.get(row.technology, {}), lang, former=former,
                                          **words))
            if then and row.new:
                said.append(label("chg_lost", lang, n=row.new, unit=unit_word(row.new), **words))
            if row.first:
                said.append(first_sentence(row.first, row.level, compare_to, lang, former=former, tech=words["tech"]))
            sentences += said
            entry["caption"] = "; ".join([entry["text"], *said])
        else:
            entry["figure"] = entry["count_text"]
            entry["caption"] = entry["text"]
        if not known:  # the console's line: "no data for 168 former communes", not "—"
            entry["figure"] = entry["of"]
        entry["caption"] = " — ".join(filter(None, [entry["caption"], entry["of"]])) + (
            f", {entry['people_text']}" if entry["people_text"] else "")
        headline.append(entry)
    start = time.perf_counter()
    maps = {}
    for tech in province["technology"]:
        # communes asked for: theirs alone, named, not the outline of the districts that hold them
        fig = static_map(changes, now.communes, technology=tech, districts=None if now.commune else now.districts,
                         lang=lang, illustrative=data.illustrative)
        maps[tech] = _png(fig)
    log_said(log, logging.INFO, "log_report_maps", n=len(maps),
             s=partial(number_text, time.perf_counter() - start, decimals=2))
    return Report(title=title, as_of=as_of, compare_to=compare_to, district=now.district[1] if now.district else None,
                  illustrative=data.illustrative, lang=lang, headline=headline, sentences=sentences, tables=tables,
                  maps=maps, summary=summary, method=_method(data, now, changes, people, lang, summary),
                  province=now.province[1] if now.province else None,
                  commune=tuple(n for _, n in now.commune) if now.commune else None)


def _method(data: Dataset, now: Analysis, changes: gpd.GeoDataFrame, people: pd.Series | None,
            lang: Lang, summary: dict | None = None) -> list[tuple[str, str]]:
    """The "source and method" lines: which files and dates, how records matched, and how the report counts. A 2024
    round compared with a 2025-07 one (``data.earlier``): the records of both, and how their units were matched."""
    as_of, compare_to = picture_date(changes), picture_date(changes, "compare_to")
    out = now.outcomes
    if data.earlier is not None and data.earlier.outcomes is not None:
        out = pd.concat([data.earlier.outcomes, out], ignore_index=True)
    lines: list[tuple[str, str]] = []
    files = []
    # a workbook of several sheets is one file: its records are labelled "bao_cao.xlsx [Lục Yên]" per sheet
    workbook = out["file"].astype("string").str.replace(r" \[[^\[\]]*\]$", "", regex=True)
    for name, part in out.groupby(workbook, sort=False, dropna=False):
        dates = pd.to_datetime(part["as_of"], errors="coerce").dropna()
        span = "" if dates.empty else date_text(dates.min().date().isoformat(), lang)
        if len(dates) and dates.max() != dates.min():
            span += " – " + date_text(dates.max().date().isoformat(), lang)
        ignored = int(part["outcome"].eq("ignored").sum())  # a total or heading row is no record, but it is counted
        records = len(part) - ignored  # as `dxmap check` counts it: "55 records (and 9 ignored)" (QA39 L9)
        shown = _shorten(str(name), 80)  # "baocao.csv", or "d1/baocao.csv" beside a d2/baocao.csv
        sheets = part["file"].nunique()
        if sheets > 1:
            shown = label("rpt_m_sheets", lang, file=shown, n=sheets)
        files.append(label("rpt_m_file", lang, file=shown, n=number_text(records, lang), dates=span,
                           ignored=label("rpt_m_ignored", lang, n=number_text(ignored, lang)) if ignored else ""
                           ).rstrip(", "))
    if len(files) > 5:
        files = files[:5] + [label("rpt_m_more_files", lang, n=len(files) - 5)]
    if files:
        lines.append((label("rpt_m_records", lang), "; ".join(files)))
    counts = out["outcome"].value_counts()
    said = [f"{number_text(int(n), lang)} {label(f'rpt_o_{k}', lang) if f'rpt_o_{k}' in LABELS[lang] else k}"
            for k, n in counts.items() if n]
    if said:
        lines.append((label("rpt_m_matching", lang), ", ".join(said)))
    bad = out[~out["outcome"].isin([Outcome.MATCHED.value, Outcome.IGNORED.value])]
    if len(bad):  # what --allow-unmatched left out: the commonest reasons, and where the list is
        why = bad["outcome"].map(lambda k: label(f"rpt_o_{k}", lang) if f"rpt_o_{k}" in LABELS[lang] else k) \
            + ": " + bad["reason"].astype("string").fillna("")
        top = why.value_counts().head(3)
        lines.append((label("rpt_m_left_out", lang), label(
            "rpt_m_left_out_text", lang, list="; ".join(f"{r} ({number_text(int(n), lang)})" for r, n in top.items()),
            sheet=_sheet_name(label("rpt_left_out", lang)))))
    if "source" in out.columns:
        used = out["outcome"].eq("matched")
        if now.district or now.province or now.commune:  # the place's records, not the whole input's (QA60 30)
            used &= out["unit_id"].isin(now.status["unit_id"].dropna().unique())
        sources = out.loc[used, "source"].dropna().astype(str).value_counts()
        if len(sources):
            shown = [f"{_shorten(s, 80)} ({label('rpt_records_n', lang, n=number_text(int(n), lang))})"
                     for s, n in sources.head(5).items()]
            if len(sources) > 5:
                shown.append(f"… (+{len(sources) - 5})")
            lines.append((label("rpt_m_sources", lang), "; ".join(shown)))
    own = data.sources if not now.crosswalked else {"villages": data.sources.get("villages")}  # else bundled units
    parts = [_boundary_words(now.communes, "rpt_b_communes", lang, own.get("communes"), bundled=now.bundled)]
    if data.villages is not None:
        if "located" in data.villages.columns:  # listed from the records: how many have a position
            unplaced = int((~data.villages["located"].astype(bool)).sum())
            kind = label("rpt_b_listed", lang) + (label("rpt_b_unplaced", lang, n=number_text(unplaced, lang))
                                                  if unplaced else "")
        else:
            kind = label("rpt_b_points" if data.villages.geom_type.isin(["Point", "MultiPoint"]).all() else "rpt_b_areas",
                         lang)
        parts.append(_boundary_words(data.villages, "rpt_b_villages", lang, own.get("villages")) + f" ({kind})")
    if now.districts is not None:
        parts.append(_boundary_words(now.districts, "rpt_b_districts", lang, own.get("districts")))
    lines.append((label("rpt_m_boundaries", lang), "; ".join(parts)))
    if now.former_districts:
        lines.append((label("rpt_m_units", lang), _units_words(now, changes, lang)))
    if summary is not None and summary.get("villages_across"):  # the 2024 round and the 2025-07 one, matched
        lines.append((label("rpt_m_units", lang), " ".join(line[:1].upper() + line[1:].rstrip(".") + "." for line in
                                                           versions_lines(summary, lang))))
    when = label("rpt_m_dates_text", lang, date=date_text(as_of, lang))
    if compare_to:
        when += " " + label("rpt_m_compared", lang, date=date_text(compare_to, lang))
    lines.append((label("rpt_m_dates", lang), when))
    rule = label("rpt_m_rule_text", lang)
    unknown = changes[changes["status"].eq(Status.UNKNOWN.value)].groupby(["technology", "level"]).size()
    techs = (changes[["technology", "level"]].drop_duplicates()
             .sort_values("technology", key=lambda s: s.map(TECH_ORDER)))
    listed = []
    former = counts_former_communes(changes)
    for t, lv in techs.itertuples(index=False):
        n = int(unknown.get((t, lv), 0))
        listed.append(f"{label(t, lang)} {number_text(n, lang)} "
                      f"{_unit_word(lv, n, lang, former=former)}")
    rule += " " + label("rpt_m_unknown", lang, date=date_text(as_of, lang), list=", ".join(listed))
    rule += " " + label("rpt_m_share", lang)
    if people is not None:
        rule += " " + label("rpt_m_people", lang)
        missing = changes.loc[changes["level"].eq(Level.VILLAGE.value) & people.isna(), "unit_id"].nunique()
        if missing:
            rule += " " + label("rpt_m_people_missing", lang, n=number_text(missing, lang))
    lines.append((label("rpt_m_rule", lang), rule))
    if data.illustrative:
        lines.append((label("source", lang), label("illustrative", lang)))
    return [(term, _clean(text)) for term, text in lines]


def _units_words(now: Analysis, changes: gpd.GeoDataFrame, lang: Lang) -> str:
    """How a picture in the 2025-07 units was made: through the crosswalk (LAN per former commune),
    which outlines are approximate, how many communes have no record at all."""
    n = changes["commune_code"].nunique()
    if now.crosswalked:
        commune_rows = changes["level"].eq(Level.COMMUNE.value)
        by_location = changes["placed_by"].eq("location") & changes["level"].eq(Level.VILLAGE.value)
        text = label("rpt_m_units_text", lang, n=number_text(n, lang),
                  nf=number_text(changes.loc[commune_rows, "unit_id"].nunique(), lang), loc=number_text(changes.loc[by_location, "unit_id"].nunique(), lang))
    else:
        text = label("rpt_m_units_2025", lang, n=number_text(n, lang))
        several = several_counts(changes)
        if several["communes"] or several["villages"]:  # the district rows may add up to more than the total
            text += " " + label("rpt_m_several", lang, nc=number_text(several["communes"], lang),
                                nv=number_text(several["villages"], lang))
    shown = now.communes[now.communes["code"].isin(changes["commune_code"])]
    if now.district:
        text += " " + _partly_words(shown, now.district, lang)
    if "approximate" in shown.columns:
        approx = shown[shown["approximate"].fillna(False).astype(bool)].sort_values("code")
        if len(approx):
            names = [f"{_shorten('' if pd.isna(r.name) else str(r.name), 60)} ({r.code})".lstrip()
                     for r in approx.itertuples()]
            text += " " + label("rpt_m_approx", lang, n=number_text(len(approx), lang), list=", ".join(names))
    if now.crosswalked:
        without = len(communes_without_data(changes))
        if without:
            text += " " + label("rpt_m_no_data", lang, n=number_text(without, lang))
    return text


def _partly_words(shown: gpd.GeoDataFrame, district: tuple[str, str], lang: Lang) -> str:
    """"Former district Bát Xát: incl. communes only partly in it: 1.", in the map page's words: a former-district
    report draws every 2025-07 commune wholly or partly in it (:func:`analyse`), and counts what lay in it (a 2024
    picture's rows keep their former district), as summary.csv does."""
    per = former_districts(shown).groupby("code")["district_code"].nunique()
    partly = label("map_former_partly", lang, n=number_text(int(per.gt(1).sum()), lang))
    return f"{label('map_former_district_filter', lang)} {_shorten(str(district[1]), 80)}: {partly}."


def _boundary_words(layer: gpd.GeoDataFrame, key: str, lang: Lang, source: str | None = None, *,
                    bundled: bool = False) -> str:
    """"152 communes (2024 boundaries, communes.gpkg)": the count, with the version and the file (``source``) when
    known; ``bundled`` ones say so: "152 communes (2024 boundaries, bundled with dxmap)"."""
    n = layer["code"].nunique() if "code" in layer.columns else (
        layer["village_id"].nunique() if "village_id" in layer.columns else len(layer))
    text = label(key, lang, n=number_text(n, lang))
    extra = []
    if version := boundary_version(layer):
        extra.append(label("rpt_b_version", lang, version=bundled_reference(layer, version) if source is None
                           else version))
    if source:
        extra.append(_shorten(Path(source).name, 80))
    if bundled:
        extra.append(label("rpt_b_bundled", lang))
    return text + (f" ({', '.join(extra)})" if extra else "")


# ----------------------------------------------------------------------------------------------------------------
# Layout: one Jinja template; the HTML page and the PDF (WeasyPrint prints the same page)

def _is_change_col(col: str, lang: Lang) -> bool:
    chg = label("rpt_change", lang)
    return col == chg or col.endswith(f": {chg}")


def _cell(value: object, lang: Lang, *, change: bool = False) -> str:
    """One table cell as printed: numbers the language's way, changes signed with a real minus sign."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)) or value is pd.NaT:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return str(value)
    if isinstance(value, (int, np.integer)):
        return _signed(int(value)) if change else number_text(int(value), lang)
    if isinstance(value, (float, np.floating)):
        return number_text(float(value), lang, 1)
    if isinstance(value, (dt.date, pd.Timestamp)):
        return date_text(value.isoformat()[:10], lang)
    return _shorten(str(value))


def _cells(table: pd.DataFrame, lang: Lang) -> list[list[str]]:
    """The table's body as printed strings."""
    cols = [[_cell(v, lang, change=_is_change_col(c, lang)) for v in table[c].tolist()] for c in table.columns]
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


def _finalize(value: object) -> object:
    """Every value the template prints passes here: control characters become U+FFFD (escaping follows)."""
    from markupsafe import Markup

    if isinstance(value, Markup):
        return Markup(_clean(str(value)))
    return _clean(value) if isinstance(value, str) else value


@cache
def _environment():
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, finalize=_finalize,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters["keep_dates"] = _keep_dates
    env.filters["css_string"] = _css_string
    return env


def _css_string(text: str):  # -> markupsafe.Markup
    """``text`` as a quoted CSS string for a ``<style>`` element: quotes, backslashes, line breaks and ``<>&`` as CSS
    escapes, so a title from a user's file can neither end the string nor the element."""
    from markupsafe import Markup

    # a space ends each escape (CSS takes one after it as the escape's own: "&" then " Yên" keeps its space, QA31)
    return Markup('"' + "".join(f"\\{ord(c):06x} " if c in '"\\<>&\'' or ord(c) < 32 else c for c in text) + '"')


_DATE_RE = re.compile(r"\(?(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})\)?")


def _keep_dates(text: str):  # -> markupsafe.Markup
    """Escape ``text`` and keep each date on one line (a browser would break it at a hyphen or slash)."""
    from markupsafe import Markup, escape

    parts, last = [], 0
    for m in _DATE_RE.finditer(text):
        parts += [escape(text[last:m.start()]), Markup('<span class="nw">'), escape(m.group()), Markup("</span>")]
        last = m.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def _sections(report: Report) -> list[dict]:
    """The printed gap list: per district, one row per unit with the technologies it lacks
    (``report.tables["gap_list"]`` has one row per unit and technology)."""
    lang = report.lang
    table = report.tables["gap_list"]
    dcol = label("map_former_district_filter", lang) if _in_former_districts(report) else label("district", lang)
    ccol, vcol = label("commune_label", lang), label("village_label", lang)
    tcol, ccode, vid = label("rpt_technology", lang), label("map_commune_code", lang), label("rpt_village_id", lang)
    ocol, ocode = label("rpt_former_commune", lang), label("rpt_former_commune_code", lang)
    former = ocode in table.columns  # each village's former commune is named (and a LAN row's, through the crosswalk)
    # 2024 records in the 2025-07 units: a LAN row is a former commune
    counted = any(e.get("counts") == FORMER_COMMUNES for e in report.summary.get("gaps", {}).values())
    change_col = next((c for c in table.columns if c.startswith(label("chg_layer", lang, since=""))), None)
    new_word = label(f"chg_{Change.NEW.value}", lang)
    columns = [ccol, *([ocol] if former else []), vcol, label("rpt_missing", lang)]
    if change_col is not None and not table[change_col].eq(new_word).any():
        change_col = None  # nothing newly missing: an empty column would only take room
    if change_col and report.compare_to:
        since = period_phrase(report.compare_to, report.as_of, lang=lang)
        columns.append(label("rpt_new_since", lang, since=since))
    # a gap carried from the earlier round (the unit's newest record is of the date compared with, or before it) says
    # its date, as the CSV's "Ngày số liệu" does (QA30: on paper a Q1 "none" read as this quarter's); records of this
    # round made on other days are this round's (QA31)
    dated = pd.to_datetime(table[label("rpt_record_date", lang)], errors="coerce")
    older = dated.le(pd.Timestamp(report.compare_to)).to_numpy() if report.compare_to else np.zeros(len(dated), bool)
    missing = [f"{t} ({label('rpt_data_of', lang, date=date_text(d.date().isoformat(), lang))})" if old else t
               for t, d, old in zip(table[tcol], dated, older)]
    table = table.assign(**{tcol: missing})
    out = []
    for name, part in table.groupby(dcol, sort=False):
        rows = []
        # a LAN row in the 2025-07 units is one former commune: one printed row each
        for _, unit in part.groupby([ccode, *([ocode] if former else []), vid], sort=False):
            first = unit.iloc[0]
            row = [_shorten(str(first[ccol])), *([_shorten(str(first[ocol]))] if former else []),
                   _shorten(str(first[vcol])), ", ".join(unit[tcol])]
            if change_col:
                row.append(", ".join(unit.loc[unit[change_col].eq(new_word), tcol]))
            rows.append(row)
        n_v = sum(1 for r in rows if r[columns.index(vcol)])
        units = label("rpt_units_former" if counted else "rpt_units", lang, nv=n_v, nc=len(rows) - n_v)
        out.append({"name": _shorten(str(name)), "units": units, "columns": columns, "rows": rows})
    return out


def _in_former_districts(report: Report) -> bool:
    """Whether the report's districts are former districts (huyện cũ): a picture in the 2025-07 units."""
    return report.summary.get("district_kind") == "former_district"


def _by_district_heading(report: Report) -> str:
    """"Theo huyện" (page and XLSX sheet), "Theo huyện cũ" in the 2025-07 units."""
    return label("rpt_by_former_district" if _in_former_districts(report) else "rpt_by_district", report.lang)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("dxmap")
    except PackageNotFoundError:  # run from a checkout that was not installed
        return "(dev)"


def report_html(report: Report) -> str:
    """The report as one self-contained HTML page (maps inlined as data URIs, no external request).

    The same page is what :func:`report_pdf` prints: its stylesheet has the A4 print rules (page
    margins, running title and page numbers, one map per page, table headers repeated).
    """
    _require_extra()
    return _page(report)


def _page(report: Report, *, details_first: bool = False) -> str:
    """The page from the template; ``details_first`` puts the headline table and the method block
    right after the first page's breakdown instead of at the end."""
    lang = report.lang
    tables = {}
    as_of = date_text(report.as_of, lang)
    # One breakdown on the first page: by district, or by commune in a one-district report.
    area = "communes" if "communes" in report.tables else "districts"
    # the page names the areas; their codes, and the districts' provinces, are in the files
    t = report.tables[area].drop(columns=list(_province_columns(lang)), errors="ignore").iloc[:, 1:]
    top, subs = _header(list(t.columns))
    # The date is said once above the table: in a narrow column it would not fit (the CSV keeps it).
    subs = [s.replace(f" ({as_of})", "") for s in subs]
    by_district = _by_district_heading(report)
    tables["areas"] = {"top": top, "subs": subs, "rows": _cells(t, lang), "numeric": _numeric(t),
                       "heading": by_district if area == "districts" else label("rpt_by_commune", lang)}
    # The headline table turned on its side: one column per technology, one row per measure, so that
    # a dozen measures read as lines instead of a dozen narrow columns.
    t = report.tables["headline"]
    cells = _cells(t, lang)
    tables["headline"] = {"columns": [row[0] for row in cells],
                          "rows": [(col, [row[i] for row in cells], numeric)
                                   for i, (col, numeric) in enumerate(zip(t.columns, _numeric(t))) if i > 0]}
    captions = {h["technology"]: h["caption"] for h in report.headline}
    maps = [{"src": _data_uri(png), "alt": label(tech, lang), "caption": captions.get(tech, label(tech, lang))}
            for tech, png in report.maps.items()]
    page = _environment().get_template("report.html.j2").render(
        r=report, L=lambda key, **kw: label(key, lang, **kw),
        as_of=as_of,
        compare_to=date_text(report.compare_to, lang) if report.compare_to else None,
        title=_shorten(report.title, 300),
        running=label("rpt_run_title", lang, title=_shorten(report.title, 80), date=as_of),
        page_word=label("rpt_page", lang).split("{n}")[0].strip(),
        css=(TEMPLATES / "report.css").read_text(encoding="utf-8"), tables=tables, maps=maps,
        sections=_sections(report), version=_version(), details_first=details_first, none_left=_none_left(report))
    return page


def _none_left(report: Report) -> str:
    """What the gap list says when it lists nothing: that no unit lacks anything, only of what is known; "no data"
    where nothing is (every unit of a technology unknown), never "none missing" (a 0 read as no gaps)."""
    unknown = [h["label"] for h in report.headline if h["count"] is None]
    if unknown and len(unknown) == len(report.headline):
        return label("rpt_list_nodata", report.lang)
    said = label("rpt_none_left", report.lang)
    return f"{said} {label('rpt_list_nodata_some', report.lang, techs=', '.join(unknown))}" if unknown else said


def _font_css() -> str:
    """@font-face rules for the PDF: DejaVu Sans from matplotlib's own files (every Vietnamese letter,
    and the same on every machine, whatever fonts the system has)."""
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    faces = [("DejaVuSans.ttf", "normal", "normal"), ("DejaVuSans-Bold.ttf", "bold", "normal"),
             ("DejaVuSans-Oblique.ttf", "normal", "italic"), ("DejaVuSans-BoldOblique.ttf", "bold", "italic")]
    rules = [f'@font-face {{ font-family: "dxmap Sans"; src: url("{(folder / file).as_uri()}"); '
             f"font-weight: {weight}; font-style: {style}; }}"
             for file, weight, style in faces if (folder / file).exists()]
    if rules:
        rules.append('html { font-family: "dxmap Sans", "DejaVu Sans", "Noto Sans", sans-serif; }')
    return "\n".join(rules)


def report_pdf(report: Report) -> bytes:
    """The report as an A4 PDF: the page of :func:`report_html` printed by WeasyPrint (print stylesheet,
    fonts embedded, Vietnamese diacritics included).

    The maps start on a fresh page. When the first pages' tables run a little onto the next page
    (many districts, very long names), that page would stay mostly empty before the maps: then the
    headline table and the source-and-method block are printed there instead of at the end.
    """
    _require_extra()
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    start = time.perf_counter()
    fonts = FontConfiguration()
    css = [weasyprint.CSS(string=_font_css(), font_config=fonts)]

    def render(details_first: bool):  # -> weasyprint.Document
        page = _page(report, details_first=details_first)
        return weasyprint.HTML(string=page, base_url=str(TEMPLATES)).render(stylesheets=css, font_config=fonts)

    doc = render(False)
    if _front_fill(doc) < 0.5:
        log_said(log, logging.INFO, "log_report_spill")
        other = render(True)
        doc = other if _front_fill(other) > _front_fill(doc) else doc
    pdf = doc.write_pdf()
    log_said(log, logging.INFO, "log_report_pdf", pages=len(doc.pages), bytes=len(pdf),
             s=partial(number_text, time.perf_counter() - start, decimals=2))
    return pdf


def _front_fill(doc) -> float:  # noqa: ANN001 (weasyprint.Document)
    """How far down its page the first pages' text ends (the "front-end" anchor, CSS px from the top),
    as a share of the page height; 1.0 when it ends on the first page, which is never too empty."""
    for number, page in enumerate(doc.pages):
        if "front-end" in page.anchors:
            return 1.0 if number == 0 else page.anchors["front-end"][1] / page.height
    return 1.0


# ----------------------------------------------------------------------------------------------------------------
# Writing the set of files

# Every file name a report can write: a folder holding only these is a previous report and is replaced whole.
REPORT_FILES = {"report.html", "report.pdf", "report.xlsx", "headline.csv", "districts.csv", "communes.csv",
                 "gap_list.csv", "left_out.csv", *(f"map_{t.value}.png" for t in Technology)}


def write_report(report: Report, out_dir: str | os.PathLike[str]) -> dict[str, Path]:
    """Write the report into ``out_dir``: ``report.html`` (self-contained), ``report.pdf``,
    ``map_<technology>.png``, ``report.xlsx`` (one sheet per table; the gap list with an autofilter
    and a frozen header) and ``headline.csv``, ``districts.csv``, ``gap_list.csv`` (UTF-8 with BOM;
    and ``communes.csv`` in a one-district report; ``left_out.csv``, the records not counted with their reasons,
    when some were left out: ``strict=False``, ``--allow-unmatched``).

    The set is written into a temporary folder beside ``out_dir`` and swapped in at the end, so an
    interrupted run leaves the previous report as it was, never a mix of two runs. When ``out_dir``
    holds other files too (your own), only the report's files in it are replaced, one by one.
    Spreadsheet cells never hold live formulas (see :mod:`dxmap._sheets`).

    Parameters
    ----------
    report
        The :class:`Report` :func:`build_report` returned.
    out_dir
        The folder; made when missing.

    Returns
    -------
    dict[str, pathlib.Path]
        The written files by name: ``"html"``, ``"pdf"``, ``"xlsx"``, ``"map_<technology>"`` and
        one per table (``"headline"``, ``"districts"``, ``"gap_list"``…).
    """
    require_instance(report, Report, name="report", what="a Report",
                     fix="Pass what dxmap.build_report(data) returns: write_report(dxmap.build_report(data), folder).")
    require_path(out_dir, name="out_dir", fix="Call write_report(report, folder).")
    _require_extra()
    out = Path(out_dir).absolute()
    if out.exists() and not out.is_dir():  # said before the work, as a DxmapError (QA60 13: a NotADirectoryError)
        raise OutputFileError(_A_FILE.format(out=out))
    start = time.perf_counter()
    tmp = _temporary_folder(out)
    try:
        names = _write_set(report, tmp)
        _swap_in(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    files = {key: Path(out_dir) / name for key, name in names.items()}
    # debug, and only the writing: the caller says where the report went (the CLI prints the files and the time)
    log_said(log, logging.DEBUG, "log_report_files", n=len(files),
             s=partial(number_text, time.perf_counter() - start, decimals=2))
    return files


def _temporary_folder(out: Path) -> Path:
    """A new empty folder beside ``out`` (same file system, so the swap is a rename), made with the
    user's umask (a private 0700 folder would end up as the report folder on a shared drive)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(100):
        tmp = out.parent / f".{out.name}.{os.urandom(4).hex()}.tmp"
        try:
            tmp.mkdir()
            return tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"could not make a temporary folder beside {out}")  # pragma: no cover


def _write_set(report: Report, folder: Path) -> dict[str, str]:
    """Every file of the report into ``folder``; returns key → file name."""
    names: dict[str, str] = {}
    (folder / "report.html").write_text(report_html(report), encoding="utf-8")
    names["html"] = "report.html"
    (folder / "report.pdf").write_bytes(report_pdf(report))
    names["pdf"] = "report.pdf"
    for tech, png in report.maps.items():
        names[f"map_{tech}"] = f"map_{tech}.png"
        (folder / names[f"map_{tech}"]).write_bytes(png)
    _write_xlsx(report, folder / "report.xlsx")
    names["xlsx"] = "report.xlsx"
    for key, table in report.tables.items():
        names[key] = f"{key}.csv"
        write_csv(_noted(table, report), folder / names[key])
    return names


def _noted(table: pd.DataFrame, report: Report) -> pd.DataFrame:
    """A table as written to a file: with the demo's data it says so on every row (QA30: only the XLSX's first sheet
    did, and the CSVs not at all)."""
    return with_note(table, label("sum_illustrative", report.lang) if report.illustrative else None, report.lang)


_A_FILE = "{out} is a file; the report needs a folder: give write_report(report, folder) a folder (the CLI's --out)."


def _swap_in(tmp: Path, out: Path) -> None:
    """Put the finished set in ``tmp`` in place of ``out``."""
    if not out.exists() and not out.is_symlink():
        os.rename(tmp, out)
        return
    if not out.is_dir():
        raise OutputFileError(_A_FILE.format(out=out))
    mine = {p.name for p in out.iterdir()} <= REPORT_FILES
    inside = out == Path.cwd() or out in Path.cwd().parents
    if mine and not out.is_symlink() and not inside:
        old = tmp.with_name(tmp.name[:-len(".tmp")] + ".old")
        os.rename(out, old)
        try:
            os.rename(tmp, out)
        except BaseException:
            os.rename(old, out)
            raise
        shutil.rmtree(old, ignore_errors=True)
        return
    # A folder with other files in it (or the working folder): replace the report's files one by one
    # (each rename is atomic) and remove the report files of an earlier run that this one does not write.
    new = {p.name for p in tmp.iterdir()}
    for name in sorted(new):
        os.replace(tmp / name, out / name)
    for name in REPORT_FILES - new:
        with contextlib.suppress(FileNotFoundError):
            (out / name).unlink()
    tmp.rmdir()


def _sheet_name(text: str) -> str:
    """Excel refuses []:*?/\\ in sheet names and more than 31 characters."""
    return re.sub(r"[\[\]:*?/\\]", " ", text)[:31].strip()


def _write_xlsx(report: Report, path: Path) -> Path:
    lang = report.lang
    info = _sheet_name(label("rpt_about", lang))
    about = [(label("rpt_doc", lang), report.title), (label("as_of", lang), date_text(report.as_of, lang)),
             (label("rpt_compared_item", lang), date_text(report.compare_to, lang) if report.compare_to
              else label("rpt_no_previous", lang))]
    if report.illustrative:
        about.append(("", label("illustrative", lang)))
    about += list(report.method)
    sheets = {info: pd.DataFrame(about, columns=[label("rpt_item", lang), label("rpt_value", lang)])}
    by_district = _by_district_heading(report)
    for key, word in (("headline", label("rpt_headline", lang)), ("districts", by_district),
                      ("communes", label("rpt_by_commune", lang)), ("gap_list", label("rpt_missing", lang)),
                      ("left_out", label("rpt_left_out", lang))):
        if key in report.tables:
            sheets[_sheet_name(word)] = _noted(report.tables[key], report)
    gap_sheet = _sheet_name(label("rpt_missing", lang))
    widths = {name: {col: float(min(max(10, _longest(frame[col], col) + 2), 60)) for col in frame.columns}
              for name, frame in sheets.items()}
    widths[info][label("rpt_value", lang)] = 100.0
    # Not logged: the path is in the temporary folder write_report swaps in, which no one ever sees.
    write_xlsx(sheets, path, freeze={name: "A2" for name in sheets}, autofilter=(gap_sheet,), widths=widths,
               date_format="dd/mm/yyyy" if lang == "vi" else "yyyy-mm-dd")  # as the page writes dates
    return path


def _longest(values: pd.Series, heading: str) -> int:
    lengths = values.astype("string").str.len().dropna()
    return max(int(lengths.max()) if len(lengths) else 0, min(len(str(heading)), 30))

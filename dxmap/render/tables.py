"""Tables for people: the summary as text, CSV and JSON."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import geopandas as gpd
import pandas as pd

from dxmap._files import atomic_write
from dxmap._sheets import with_note, write_csv
from dxmap.gaps.change import former_city_names, level_word, table_words, with_provinces
from dxmap.gaps.status import (FORMER_COMMUNES, counts_former_communes, district_rows, former_text, summarise,
                               summary_scope)
from dxmap.io.boundaries import boundary_version
from dxmap.reconcile.districts import filled_districts
from dxmap.validate.tables import check_lang
from dxmap.validate.vocab import STATUS_ORDER, Status
from dxmap.labels import Lang, date_text, label, log_said, number_text, text_columns

__all__ = ["summary_table", "format_summary", "write_summary_csv", "write_summary_json"]

log = logging.getLogger(__name__)


def summary_table(status: gpd.GeoDataFrame, *, former_districts: bool | None = None,
                  communes: pd.DataFrame | None = None, lang: Lang = "en") -> pd.DataFrame:
    """Per district and technology, units per status, with a province-wide total row per technology.

    With ``former_districts`` (a status in the 2025-07 units, where districts no longer exist) the
    groups are the former districts (huyện cũ) of the rows, and the columns say so:
    ``former_district_code``, ``former_district_name``. By default it is told from the picture: a status moved
    into the 2025-07 units (it has ``old_commune_code``), or ``communes`` of the 2025-07 units (their
    ``boundary_version``); ``False`` or ``True`` say it outright.

    ``lang="vi"`` gives the table a coordinator reads in a spreadsheet, in the printed report's words:
    headers "Mã huyện", "Huyện", "Hạ tầng", "Cấp", "Chưa có" … "Số đơn vị", technologies and levels in
    words, the total row "Tổng". The default English keeps the codes scripts read (``district_code``,
    ``technology`` ``mobile``, the total row ``(total)``).

    ``communes`` (the commune layer or 2025-07 units the status was made on, :attr:`Analysis.communes`) puts
    each district's province in front: ``province_code``, ``province_name`` ("Mã tỉnh", "Tỉnh"; with
    ``former_districts`` the former province, ``former_province_code``…, "Mã tỉnh cũ", "Tỉnh cũ"), so that the
    districts of a merged province can be told apart. With ``former_districts`` and ``communes``, the Vietnamese
    table names a former city or town as one, "Lào Cai (thành phố cũ)", as the printed report names it.
    """
    lang = check_lang(lang)
    if former_districts is None:  # "Huyện" over the former districts of 2026 was sent back (QA65 F16)
        former_districts = counts_former_communes(status) or (
            communes is not None and boundary_version(communes) == "2025-07")
    # one row per district, also where a name is blank; units of no district on a row of their own, said so
    by_district = district_rows(summarise(filled_districts(status), by="district"), lang)
    total = summarise(status, by="province").assign(district_code="", district_name=label("sum_total", lang))
    cols = ["district_code", "district_name", "technology", "level", *STATUS_ORDER, "total"]
    table = with_provinces(pd.concat([by_district[cols], total[cols]], ignore_index=True), communes)
    if former_districts and lang != "en":  # "Lào Cai (thành phố cũ)", as the report names it (QA64 F12); the
        # English CSV is what scripts read, unchanged since it was first written
        table = table.assign(district_name=former_city_names(table["district_code"], table["district_name"],
                                                             communes, lang))
    return table_words(table, lang, former_districts=former_districts, former=counts_former_communes(status))


def format_summary(summary: dict, *, lang: Lang = "en") -> str:
    """The headline as a small text table: one line per technology with the gap count first, wholly in ``lang``.

    The first line says the picture's date, and the newest record's when it is older:
    ``as of 2025-01-01 (newest record 2024-06-30)``; in Vietnamese
    ``Số liệu đến ngày 1/1/2025 (bản ghi mới nhất ngày 30/6/2024)``.
    """
    lang = check_lang(lang)
    newest = summary.get("newest_record")
    head = label("sum_as_of", lang, date=date_text(summary["as_of"], lang))
    if newest and newest != summary["as_of"]:
        head += f" ({label('sum_newest', lang, date=date_text(newest, lang))})"
    rows = [[label("sum_technology", lang), label("sum_level", lang), *(label(f"sum_{s}", lang) for s in STATUS_ORDER)]]
    rows += [[label(tech, lang), level_word(g["level"], lang, former=g.get("counts") == FORMER_COMMUNES),
              *_status_cells(g, lang)] for tech, g in summary["gaps"].items()]
    lines = [head + summary_scope(summary, lang=lang), *text_columns(rows, [22, 9, 6, 6, 9, 9, 9])]
    u = summary["units"]
    if "former_communes" not in u:
        place = summary.get("district") or summary.get("province_name")  # cut to a place the layer has villages of
        lines.append(label("sum_units" if u["villages"] else "sum_units_no_villages_here" if place
                           else "sum_units_no_villages", lang, nc=u["communes"], nv=u["villages"]))
        return "\n".join(lines)
    lines.append(label("sum_units_former", lang, nc=u["communes"], nf=u["former_communes"], nv=u["villages"]))
    for tech, g in summary["gaps"].items():
        if g.get("counts") == FORMER_COMMUNES:
            # "(0 …)" says nothing, and where none has data former_text says so already
            nodata = label("sum_former_nodata_part", lang, m=g["no_data"]) if 0 < g["no_data"] < g["of"] else ""
            lines.append(label("sum_former_line", lang, tech=label(tech, lang), text=former_text(tech, g, lang),
                               nodata=nodata))
    if u.get("communes_without_data"):
        lines.append(label("sum_no_data", lang, k=u["communes_without_data"], n=u["communes"]))
    if summary.get("district_kind") == "former_district":
        lines.append(label("sum_former_districts", lang))
    return "\n".join(lines)


def _status_cells(g: dict, lang: Lang) -> list[str]:
    """A technology's counts per status; "—" but for unknown where no unit has a record (``count`` None): a 0
    there reads "none missing" (QA60 10)."""
    return [number_text(g["statuses"][s], lang) if g["count"] is not None or s == Status.UNKNOWN.value else "—"
            for s in STATUS_ORDER]


def write_summary_csv(status: gpd.GeoDataFrame, path: str | os.PathLike[str], *,
                      former_districts: bool | None = None, communes: pd.DataFrame | None = None,
                      lang: Lang = "en", note: str | None = None) -> Path:
    """Write :func:`summary_table` (in ``lang``) as CSV (UTF-8 with BOM, so Excel shows the diacritics), atomically;
    a district name a spreadsheet would run as a formula is written as text (see :mod:`dxmap._sheets`). ``note``
    (e.g. "DỮ LIỆU MINH HỌA") fills a last column, headed "Dữ liệu" ("data")."""
    write_csv(with_note(summary_table(status, former_districts=former_districts, communes=communes, lang=lang), note,
                        lang), path)
    log_said(log, logging.INFO, "log_wrote_file", path=path)
    return Path(path)


def write_summary_json(summary: dict, path: str | os.PathLike[str]) -> Path:
    """Write the summary dictionary as JSON (UTF-8, diacritics kept)."""
    with atomic_write(path) as fh:
        json.dump(summary, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    log_said(log, logging.INFO, "log_wrote_file", path=path)
    return Path(path)

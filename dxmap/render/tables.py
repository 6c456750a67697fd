"""Tables for people: the summary as text, CSV and JSON."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import geopandas as gpd
import pandas as pd

from dxmap._files import atomic_write
from dxmap._sheets import write_csv
from dxmap.gaps.status import FORMER_COMMUNES, summarise, summary_scope
from dxmap.reconcile.districts import filled_districts
from dxmap.validate.vocab import STATUS_ORDER
from dxmap.labels import Lang, label

__all__ = ["summary_table", "format_summary", "write_summary_csv", "write_summary_json"]

log = logging.getLogger(__name__)


def summary_table(status: gpd.GeoDataFrame, *, former_districts: bool = False) -> pd.DataFrame:
    """Per district and technology, units per status, with a province-wide total row per technology.

    With ``former_districts`` (a status in the 2025-07 units, where districts no longer exist) the
    groups are the former districts (huyện cũ) of the rows, and the columns say so:
    ``former_district_code``, ``former_district_name``.
    """
    by_district = summarise(filled_districts(status), by="district")  # one row per district, also where a name is blank
    total = summarise(status, by="province").assign(district_code="", district_name="(total)")
    cols = ["district_code", "district_name", "technology", "level", *STATUS_ORDER, "total"]
    table = pd.concat([by_district[cols], total[cols]], ignore_index=True)
    if former_districts:
        table = table.rename(columns={"district_code": "former_district_code", "district_name": "former_district_name"})
    return table


def format_summary(summary: dict, *, lang: Lang = "en") -> str:
    """The headline as a small text table: one line per technology with the gap count first.

    The first line says the picture's date, and the newest record's when it is older:
    ``as of 2030-01-01 (newest record 2024-06-30)``.
    """
    lines = []
    newest = summary.get("newest_record")
    head = f"as of {summary['as_of']}" + (f" (newest record {newest})" if newest and newest != summary["as_of"] else "")
    lines.append(head + summary_scope(summary))
    lines.append(f"{'technology':<22}{'level':<9}{'none':>6}{'weak':>6}{'planned':>9}{'unknown':>9}{'covered':>9}")
    for tech, g in summary["gaps"].items():
        s = g["statuses"]
        lines.append(f"{label(tech, lang):<22}{g['level']:<9}{g['count']:>6}{s['weak']:>6}{s['planned']:>9}"
                     f"{s['unknown']:>9}{s['covered']:>9}")
    u = summary["units"]
    if "former_communes" not in u:
        lines.append(f"units: {u['communes']} communes, {u['villages']} villages")
        return "\n".join(lines)
    lines.append(f"units: {u['communes']} communes (2025-07), made of {u['former_communes']} former communes; "
                 f"{u['villages']} villages")
    for tech, g in summary["gaps"].items():
        if g.get("counts") == FORMER_COMMUNES:
            lines.append(f"{label(tech, lang)}: {g['text']} ({g['no_data']} with no data); counted per former "
                         "commune: the new commune's office is one of theirs and the data does not say which")
    if u.get("communes_without_data"):
        lines.append(f"no data: {u['communes_without_data']} of {u['communes']} communes have no records at all "
                     "(unknown, not a gap)")
    if summary.get("district_kind") == "former_district":
        lines.append("districts no longer exist: tables group by former district (huyện cũ)")
    return "\n".join(lines)


def write_summary_csv(status: gpd.GeoDataFrame, path: str | os.PathLike[str], *, former_districts: bool = False) -> Path:
    """Write :func:`summary_table` as CSV (UTF-8 with BOM, so Excel shows the diacritics), atomically;
    a district name a spreadsheet would run as a formula is written as text (see :mod:`dxmap._sheets`)."""
    write_csv(summary_table(status, former_districts=former_districts), path)
    log.info("wrote %s", path)
    return Path(path)


def write_summary_json(summary: dict, path: str | os.PathLike[str]) -> Path:
    """Write the summary dictionary as JSON (UTF-8, diacritics kept)."""
    with atomic_write(path) as fh:
        json.dump(summary, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    log.info("wrote %s", path)
    return Path(path)

"""Change between two snapshots: which units left the gap list (fixed), entered it (new), or stayed.

A snapshot is the picture :func:`unit_status` gives at a date. Comparing two pictures of the same
units is a join on (level, unit, technology); nothing is reconciled again. A unit is a gap when its
status is ``none`` (as in the headline counts), so at every level::

    count = stayed + new + first        previous = stayed + fixed + left

"First" is a gap now whose status was unknown then (no record on or before the earlier date): newly
reported, not newly missing (Yên Bái's one-round LAN sheet read with Lào Cai's two rounds, a village a
district's Q2 sheet lists and its Q1 sheet did not). "New" keeps the units known then and not a gap then.
So the change of the count compares like with like (:func:`net_change`): ``(count - first) - previous``.

"Fixed" means the unit left the gap list for ``covered``. One that left it for ``weak``, ``planned``
or ``unknown`` is "left": off the gap list but not covered (a village with a weak signal now, a
commune whose LAN is only planned, a unit without a record now); it is never counted as fixed.
"""

from __future__ import annotations

import copy
import json
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import partial
from pathlib import Path
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd

from dxmap._files import atomic_write
from dxmap._sheets import with_note, write_csv
from dxmap.errors import SnapshotDateError, VersionMismatchError, said_error
from dxmap.validate.dates import parse_date, preview_in
from dxmap.validate.tables import check_lang
from dxmap.gaps.status import (FORMER_COMMUNES, counts_former_communes, dated_outcomes, district_rows, former_text,
                               group_keys, grouped_rows, inserted_after, one_picture, picture_date, summarise,
                               summary_html, summary_scope)
from dxmap.labels import Lang, date_text, label, counts_text, log_said, number_text, text_columns
from dxmap.gaps.analysis import Analysis, _analyse, analyse, record_dates, require_dataset
from dxmap.io.dataset import Dataset, given_date, short_repr
from dxmap.reconcile.across import EARLIER_ID, Across, across_versions
from dxmap.reconcile.districts import district_provinces, former_city_name, former_districts
from dxmap.reconcile.match import Outcome, outcome_counts
from dxmap.validate.vocab import STATUS_ORDER, Level, Status, sort_by_technology

__all__ = [
    "Change", "Comparison", "CHANGE_STYLE", "snapshot_dates", "previous_snapshot", "change_status", "change_summary",
    "change_table", "comparison_table", "change_counts", "change_dict", "compare", "compare_with", "earlier_round",
    "period_phrase", "change_sentences", "format_change", "write_change", "left_statuses", "left_sentence",
    "first_sentence", "net_change", "versions_lines",
]

log = logging.getLogger(__name__)


class Change(str, Enum):
    """How a unit's place on the gap list moved between two snapshots."""

    FIXED = "fixed"  # a gap then, covered now
    LEFT = "left"  # a gap then; weak, planned or unknown now: off the gap list, not covered
    STAYED = "stayed"  # a gap then and now
    NEW = "new"  # known then and not a gap then, a gap now
    FIRST = "first"  # unknown then (no record on or before that date), a gap now: newly reported, not newly missing
    NO_GAP = "no_gap"  # a gap neither then nor now


CHANGE_COUNTS = ["count", "previous", "fixed", "left", "new", "first", "stayed"]
# the counts that need the earlier picture: none (<NA>, JSON null) for a group none of whose units had a record then
THEN_COUNTS = ["previous", "fixed", "left", "new", "stayed"]
# The symbol of each change: the one definition the map page (its payload's ``change.style``, drawn by
# map-markers.js on the map, in the legend and the PNG) and the report's maps and legends draw from.
# "status": the status whose marker is drawn (the gap marker, ``none``: a unit still missing is drawn once,
# with the gap layer's symbol), None for no marker; "ring": the colour of a ring around it (on a white halo);
# "dot": the colour of a dot at its centre (so that a fixed unit's ring never reads as the open circle of
# "planned"). Radii in page pixels at full marker size, beside the gap marker's 7. Okabe–Ito colours.
CHANGE_STYLE: dict[str, dict[str, str | float | None]] = {
    Change.STAYED.value: {"status": Status.NONE.value, "ring": None, "ring_radius": 0.0, "dot": None,
                          "dot_radius": 0.0},
    Change.NEW.value: {"status": Status.NONE.value, "ring": "#CC79A7", "ring_radius": 10.5, "dot": None,
                       "dot_radius": 0.0},
    Change.FIXED.value: {"status": None, "ring": "#009E73", "ring_radius": 6.5, "dot": "#009E73", "dot_radius": 2.2},
    # the plain gap marker, without the "new" ring: nothing is known of it then, so nothing says it is newly missing
    Change.FIRST.value: {"status": Status.NONE.value, "ring": None, "ring_radius": 0.0, "dot": None,
                         "dot_radius": 0.0},
}


def net_change(count: int | pd.Series, previous: int | pd.Series, first: int | pd.Series) -> int | pd.Series:
    """The change of a gap count between two pictures, like with like: the gaps now that were known then
    (``count - first``) less the gaps then. Units unknown then (``first``) are newly reported, not newly missing:
    Lào Cai 33 → 29 LAN gaps with Yên Bái's 48 first reported now is −4, not +44."""
    return count - first - previous


def _said_error(key: str, **values: object) -> SnapshotDateError:
    """A :class:`SnapshotDateError` of label ``key``: English, and in every language for the command line; its dates
    said as the language writes them."""
    def said(value: object, lg: Lang) -> str:  # a list of dates: up to five, and how many in all
        if isinstance(value, list):
            return preview_in([date_text(v, lg) for v in value], lg)
        return date_text(str(value), lg)

    return said_error(SnapshotDateError, key, **{k: partial(said, v) for k, v in values.items()})


def _iso(stamp: pd.Timestamp) -> str:
    return stamp.date().isoformat()


def snapshot_dates(outcomes: pd.DataFrame) -> list[pd.Timestamp]:
    """The distinct ``as_of`` dates of the matched records of ``outcomes`` (:func:`reconcile`'s), oldest first."""
    outcomes = dated_outcomes(outcomes)
    dates = outcomes.loc[outcomes["outcome"].eq("matched"), "as_of"].dropna().unique()
    return sorted(pd.Timestamp(d) for d in dates)


def previous_snapshot(outcomes: pd.DataFrame, *, before: str | pd.Timestamp) -> pd.Timestamp | None:
    """The earlier picture to compare the one at ``before`` with, by default; None when there is none.

    An earlier picture is one that speaks of the same units: per unit and technology, take the record
    before its newest one up to ``before``; when at least half of the units recorded up to ``before``
    have one, the date most of them carry (the latest on a tie) is the earlier picture's. A status file
    of one round whose rows carry the day each was typed (1/6, 5/6, 13/6, 30/6; one record per unit, a
    unit typed twice by mistake) has none: comparing its 30/6 picture with the 13/6 one would count
    every unit first recorded after 13/6 as newly missing. Nor has a later file that lists only the
    units whose status changed: give the date (``compare_to``, ``--compare``) to compare with any picture.
    """
    limit = parse_date(before, what="before")
    outcomes = dated_outcomes(outcomes)
    key = ["level", "unit_id", "technology"]
    dated = outcomes.loc[outcomes["outcome"].eq("matched") & outcomes["as_of"].le(limit), key + ["as_of"]]
    dated = dated.drop_duplicates().sort_values("as_of")
    previous = dated.groupby(key, dropna=False)["as_of"].nth(-2)  # each unit's date before its newest
    units = len(dated.drop_duplicates(key))
    if previous.empty or len(previous) < 0.5 * units:
        return None
    counts = previous.value_counts()
    return pd.Timestamp(counts.index[counts.eq(counts.max())].max())


def change_status(before: gpd.GeoDataFrame, after: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Join two pictures of the same units and say how each moved on the gap list.

    Parameters
    ----------
    before, after
        Outputs of :func:`unit_status` (or :func:`analyse`'s ``status``) at an earlier and a later
        date, over the same units.

    Returns
    -------
    geopandas.GeoDataFrame
        The rows and columns of ``after`` followed by ``previous_status``, ``previous_status_date``,
        ``change`` (a :class:`Change` value) and, last, ``compare_to``: the date of ``before`` (its
        ``as_of``; read it, and ``after``'s own ``as_of``, with :func:`picture_date`). A unit missing
        from ``before`` counts as ``unknown`` then: a gap now that was unknown then is ``first``, not ``new``.

    Raises
    ------
    SchemaError
        ``before`` or ``after`` holds pictures of several dates.
    SnapshotDateError
        ``before`` is a later picture than ``after``.
    """
    earlier, later = one_picture(before, name="before"), one_picture(after, name="after")
    if earlier is not None and later is not None and earlier > later:  # ISO dates sort as text
        raise SnapshotDateError(f"before is the picture of {earlier} and after the picture of {later}: before must be "
                                "the earlier one. Swap them: change_status(before=<earlier table>, after=<later table>).")
    key = ["level", "unit_id", "technology"]
    prev = before[key + ["status", "status_date"]].rename(
        columns={"status": "previous_status", "status_date": "previous_status_date"})
    out = pd.DataFrame(after).merge(prev, on=key, how="left", validate="one_to_one")
    out["previous_status"] = out["previous_status"].fillna(Status.UNKNOWN.value)
    was = out["previous_status"].eq(Status.NONE.value).to_numpy()
    now = out["status"].eq(Status.NONE.value).to_numpy()
    covered = out["status"].eq(Status.COVERED.value).to_numpy()
    unknown_then = out["previous_status"].eq(Status.UNKNOWN.value).to_numpy()
    out["change"] = np.select([was & now, was & covered, was, now & unknown_then, now],
                              [Change.STAYED.value, Change.FIXED.value, Change.LEFT.value, Change.FIRST.value,
                               Change.NEW.value], Change.NO_GAP.value)
    result = gpd.GeoDataFrame(out, geometry="geometry", crs=after.crs)
    result["compare_to"] = pd.Series(pd.Timestamp(earlier) if earlier else pd.NaT, index=result.index,
                                     dtype=out["as_of"].dtype if "as_of" in out.columns else "datetime64[us]")
    return result


def change_summary(changes: gpd.GeoDataFrame, *,
                   by: Literal["province", "district", "commune"] = "province") -> pd.DataFrame:
    """Per technology (and district or commune), gap counts now and then with fixed, new, first and stayed.

    Returns one row per (group, technology) with ``level`` and the columns ``count`` (gaps now),
    ``previous`` (gaps then), ``fixed`` (covered now), ``left`` (weak, planned or unknown now), ``new``
    (not a gap then), ``first`` (unknown then), ``stayed``; ``count = stayed + new + first``. The counts are
    nullable integers: where no unit of a row had a record at the earlier date, ``previous``, ``fixed``, ``left``,
    ``new`` and ``stayed`` are ``<NA>`` (no data then, not 0) and every gap now is ``first``.
    """
    keys = group_keys(by)
    changes = grouped_rows(changes, keys)  # per district a row of several former districts counts in each, as summarise
    per = (changes.groupby(keys + ["technology", "level"], dropna=False)["change"].value_counts()
                  .unstack("change", fill_value=0)
                  .reindex(columns=[c.value for c in Change], fill_value=0))
    per["count"] = per[Change.STAYED.value] + per[Change.NEW.value] + per[Change.FIRST.value]
    per["previous"] = per[Change.STAYED.value] + per[Change.FIXED.value] + per[Change.LEFT.value]
    out = per[CHANGE_COUNTS].astype("Int64")
    # a group none of whose units had a record then: what needs the earlier picture is no data, not 0 (QA63 4)
    known_then = (changes["previous_status"].ne(Status.UNKNOWN.value)
                  .groupby([changes[k] for k in keys + ["technology", "level"]], dropna=False).any())
    out.loc[~known_then.reindex(out.index, fill_value=False).to_numpy(), THEN_COUNTS] = pd.NA
    out = out.reset_index()
    out.columns.name = None
    out = sort_by_technology(out, keys)
    return out.reset_index(drop=True)


def change_counts(changes: gpd.GeoDataFrame) -> dict[str, pd.DataFrame]:
    """:func:`change_summary` of ``changes`` by ``"province"`` and by ``"district"``: what :func:`change_dict`
    and the report are made from (:attr:`Comparison.counts`)."""
    return {by: change_summary(changes, by=by) for by in ("province", "district")}


def change_table(changes: gpd.GeoDataFrame, *, former_districts: bool = False,
                 counts: dict[str, pd.DataFrame] | None = None, communes: pd.DataFrame | None = None,
                 rules: dict[str, str] | None = None, lang: Lang = "en") -> pd.DataFrame:
    """The summary CSV with the change: per district and technology (and a total row), status counts
    now followed by ``count``, ``previous``, ``fixed``, ``left``, ``new``, ``first``, ``stayed`` (empty where no
    unit of the row has a known status now: no data, not 0).

    With ``former_districts`` (a comparison in the 2025-07 units) the groups are former districts
    (huyện cũ) and the columns say so: ``former_district_code``, ``former_district_name``, as in
    :func:`dxmap.render.tables.summary_table`. A commune-level technology then counts former communes.
    ``counts``: as for :func:`change_dict`. ``communes``: as for :func:`dxmap.render.tables.summary_table`.
    ``lang="vi"``: headers and cells in Vietnamese words, as :func:`dxmap.render.tables.summary_table` writes
    them; the default English keeps the codes. ``rules``: per technology, the rule its ``previous`` was counted by
    (``"any_former_commune"``: a 2024 round compared with a 2025-07 one, :func:`comparison_table`), in a last
    column ``previous_rule`` ("Kỳ trước tính theo") on that technology's rows.
    """
    lang = check_lang(lang)
    counts = counts or change_counts(changes)
    keys = ["district_code", "district_name", "technology", "level"]
    per_district = district_rows(summarise(changes, by="district").merge(counts["district"], on=keys), lang)
    total = (summarise(changes).merge(counts["province"], on=["technology", "level"])
             .assign(district_code="", district_name=label("sum_total", lang)))
    cols = keys + STATUS_ORDER + ["total"] + CHANGE_COUNTS
    table = pd.concat([per_district[cols], total[cols]], ignore_index=True)
    # no unit of the row with a known status: its change is blank, not 0s, as the table's "—" and the JSON's no_data
    # (QA32 L3)
    no_data = table[[s for s in STATUS_ORDER if s != Status.UNKNOWN.value]].sum(axis=1).eq(0)
    table = table.astype(dict.fromkeys(CHANGE_COUNTS, "Int64"))
    table.loc[no_data, CHANGE_COUNTS] = pd.NA
    table.insert(4, "as_of", picture_date(changes))
    table.insert(5, "compare_to", picture_date(changes, "compare_to"))
    table = with_provinces(table, communes)
    if rules:  # the CSV says how "then" was counted where the JSON says previous_rule
        rule = table["technology"].map(rules)
        table["previous_rule"] = rule if lang == "en" else rule.map(lambda r: label(f"chg_rule_{r}", lang),
                                                                    na_action="ignore")
    if former_districts and lang != "en":  # "Lào Cai (thành phố cũ)", as the report names it (QA64 F12); the
        # English CSV is what scripts read, unchanged since it was first written
        table = table.assign(district_name=former_city_names(table["district_code"], table["district_name"],
                                                             communes, lang))
    return table_words(table, lang, former_districts=former_districts, former=counts_former_communes(changes))


def with_provinces(table: pd.DataFrame, communes: pd.DataFrame | None) -> pd.DataFrame:
    """A per-district ``table`` with each district's province in front (``province_code``, ``province_name``:
    :func:`~dxmap.reconcile.districts.district_provinces` of ``communes``), for a planner who splits the rows of a
    merged province; the total row names the province when every district is in one. ``communes`` None, or a
    layer that names no province: ``table`` as it is."""
    if communes is None:
        return table
    pairs = district_provinces(communes).set_index("district_code")
    if pairs.empty:
        return table
    codes = table["district_code"].astype("string")
    province = codes.map(pairs["province_code"]).astype("string")
    name = codes.map(pairs["province_name"]).astype("string")
    one = province.dropna().unique()
    if len(one) == 1:  # the total row (no district code) is that province's
        province, name = province.fillna(one[0]), name.fillna(name.dropna().iloc[0])
    return pd.concat([pd.DataFrame({"province_code": province, "province_name": name}), table], axis=1)


def former_city_names(codes: pd.Series, names: pd.Series, communes: pd.DataFrame | None, lang: Lang) -> pd.Series:
    """Former districts' names as the tables write them: a former city or town says what it was, "Lào Cai (thành
    phố cũ)" / "Lào Cai (former city)", "Sa Pa (thị xã cũ)", since beside "Tỉnh cũ: Lào Cai" a plain "Lào Cai" reads
    as the province; a former huyện, a row without a code (the total) or a layer (``communes``, 2025-07 units)
    without the districts' full names keeps its name. The report's tables and the summary CSVs name them so alike
    (QA64 F12), as the map page's list does."""
    full = district_full_names(communes)
    if not full:
        return names
    out = [former_city_name(name, full.get(code) if isinstance(code, str) and code else None, lang)
           for code, name in zip(codes, names)]
    return pd.Series(out, index=names.index, dtype=object)


def district_full_names(communes: pd.DataFrame | None) -> dict[str, str]:
    """District code → the district's full name ("Thành phố Lào Cai") in ``communes``: of the former districts in a
    2025-07 layer; empty where the layer gives none."""
    if communes is None:
        return {}
    layer = former_districts(communes) if "former_district_names" in communes.columns else communes
    if "district_full_name" not in layer.columns or "district_code" not in layer.columns:
        return {}
    full = layer.dropna(subset=["district_full_name"]).drop_duplicates("district_code")
    return {str(c): str(n) for c, n in zip(full["district_code"], full["district_full_name"]) if str(n).strip()}


def _with_full_names(summary: dict, communes: pd.DataFrame | None) -> dict:
    """``summary`` whose ``districts`` entries carry the ``district_full_name`` ``communes`` gives them ("Thành phố
    Lào Cai"), after their name: the text table names a former city so (:func:`format_change`)."""
    full = district_full_names(communes)
    if not full:
        return summary
    for i, d in enumerate(summary.get("districts", [])):
        if d.get("district_code") in full:
            said = {"district_full_name": full[d["district_code"]]}
            summary["districts"][i] = inserted_after(d, "district_name", said)
    return summary


# The summary CSVs' headers in words (Vietnamese: the printed report's, see dxmap.render.report), by column.
_HEADERS = {"district_code": "rpt_district_code", "district_name": "sum_district_col", "technology": "rpt_technology",
            "level": "rpt_level", **{s: f"sum_{s}" for s in STATUS_ORDER}, "total": "rpt_units_total",
            "as_of": "as_of", "compare_to": "rpt_compared_item", **{c: f"chg_col_{c}" for c in CHANGE_COUNTS[2:]},
            "count": "chg_col_now", "previous": "chg_col_then", "province_code": "sum_province_code_col",
            "province_name": "sum_province_col", "previous_rule": "chg_col_previous_rule"}
_FORMER_HEADERS = {"district_code": "rpt_former_district_code", "district_name": "sum_former_district_col",
                   "province_code": "sum_former_province_code_col", "province_name": "sum_former_province_col"}


def level_word(level: str, lang: Lang, *, former: bool = False) -> str:
    """A level as the summary tables name it: "thôn/bản", "xã/phường", or with ``former`` (a commune-level
    technology counted over former communes) "xã cũ"; English keeps the level's code."""
    return label("sum_former_level" if former and level == Level.COMMUNE.value else level, lang)


def table_words(table: pd.DataFrame, lang: Lang, *, former_districts: bool, former: bool) -> pd.DataFrame:
    """A summary CSV table (:func:`change_table`, :func:`dxmap.render.tables.summary_table`) with its headers,
    technologies and levels in ``lang`` (Vietnamese: "Mã huyện", "Hạ tầng", "Băng rộng di động", "thôn/bản").
    English keeps what scripts read: ``district_code``, ``technology=mobile``. ``former_districts``: the
    groups are former districts (``former_district_code``…); ``former``: see :func:`level_word`.
    """
    if lang == "en":
        names = {"district_code": "former_district_code", "district_name": "former_district_name",
                 "province_code": "former_province_code", "province_name": "former_province_name"}
        return table.rename(columns=names) if former_districts else table
    keys = {**_HEADERS, **(_FORMER_HEADERS if former_districts else {})}
    table = table.assign(technology=table["technology"].map(lambda t: label(t, lang)),
                         level=table["level"].map(lambda lv: level_word(lv, lang, former=former)))
    return table.rename(columns={c: label(keys[c], lang) for c in table.columns})


def change_dict(summary: dict, changes: gpd.GeoDataFrame, *, counts: dict[str, pd.DataFrame] | None = None) -> dict:
    """``summary`` (from :func:`summary_dict`) extended with the change; the input is not modified.

    Adds ``compare_to`` and, per technology under ``gaps``, ``previous``, ``fixed``, ``left``, ``new``,
    ``first`` (a gap now, unknown then) and ``stayed``, and where ``left`` is not 0 ``left_status``: how
    many of those units are weak, planned or unknown now; adds ``districts``: per district, the same numbers
    (without ``left_status``). ``counts`` are :func:`change_summary` of ``changes`` by ``"province"`` and
    ``"district"`` when already made (:attr:`Comparison.counts`); by default they are made here.

    When an entry of ``summary`` counts former communes (``"counts": "former_communes"``: a 2024
    picture in the 2025-07 units), its change does too: each of ``previous``, ``fixed``, ``left``, ``new``,
    ``first`` and ``stayed`` is a number of former communes, and ``change_text`` says so in words. The
    ``districts`` are then former districts (huyện cũ), and their entries for that technology
    carry ``"counts": "former_communes"`` and ``of`` (former communes in the district).

    Where no unit has a record of a technology now (``count`` None in ``summary``; a district's entry then says
    ``"no_data": True``), its change counts are None (``null``) too, as the CSV's cells are empty.
    """
    counts = counts or change_counts(changes)
    result = copy.deepcopy(summary)
    result["compare_to"] = picture_date(changes, "compare_to")
    former = {t for t, g in result["gaps"].items() if g.get("counts") == FORMER_COMMUNES}
    left = left_statuses(changes)
    for row in counts["province"].itertuples(index=False):
        entry = result["gaps"].setdefault(row.technology, {"level": row.level, "count": int(row.count)})
        entry.update({k: _whole(getattr(row, k)) if entry["count"] is not None else None for k in CHANGE_COUNTS[1:]})
        if entry["left"]:
            entry["left_status"] = left.get(row.technology, {})
        if row.technology in former:
            entry["change_text"] = _former_change_text(row.technology, entry, result["compare_to"])
    # per district the rows counts["district"] counted (:func:`change_summary`): a commune of two former districts in
    # each (Bảo Hà's LAN in Văn Bàn too), as the CSV and --district count it (QA71 C4)
    each = grouped_rows(changes, group_keys("district"))
    totals = each.groupby(["district_code", "technology"], dropna=False).size() if former else None
    # a district none of whose units has a record of a technology: "no_data", not counts of 0 (QA31)
    known = each["status"].ne(Status.UNKNOWN.value).groupby(
        [each["district_code"], each["technology"]], dropna=False).any()
    districts: dict[str, dict] = {}
    for row in counts["district"].itertuples(index=False):
        d = districts.setdefault(row.district_code, {"district_code": row.district_code,
                                                     "district_name": row.district_name, "gaps": {}})
        d["gaps"][row.technology] = {"level": row.level, **{k: _whole(getattr(row, k)) for k in CHANGE_COUNTS}}
        if not known.get((row.district_code, row.technology), True):  # as the CSV's empty cells: no counts
            d["gaps"][row.technology].update(dict.fromkeys(CHANGE_COUNTS), no_data=True)
        if row.technology in former:
            n = int(totals.get((row.district_code, row.technology), 0))
            d["gaps"][row.technology].update(counts=FORMER_COMMUNES, of=n)
    result["districts"] = list(districts.values())
    return result


def _whole(value: object) -> int | None:
    """A count of :func:`change_summary` for JSON: an int, or None where it is <NA> (no data)."""
    return None if pd.isna(value) else int(value)


def left_statuses(changes: gpd.GeoDataFrame) -> dict[str, dict[str, int]]:
    """Per technology, the statuses now of the units that left the gap list without being covered
    (``change == "left"``), in status order: ``{"mobile": {"weak": 1, "unknown": 1}}``."""
    rows = changes[changes["change"].eq(Change.LEFT.value)]
    out: dict[str, dict[str, int]] = {}
    for (tech, status), n in rows.groupby(["technology", "status"]).size().items():
        out.setdefault(tech, {})[status] = int(n)
    return {t: {s: d[s] for s in STATUS_ORDER if s in d} for t, d in out.items()}


def left_sentence(n: int, level: str, statuses: dict[str, int], lang: Lang, *, former: bool = False,
                  **words: str) -> str:
    """The sentence for ``n`` units that left the gap list without being covered, e.g. "2 villages without
    mobile broadband left the gap list since 2024-03-31 without being covered: weak 1, unknown 1".
    ``words``: ``tech`` and ``since`` as :func:`change_sentences` fills them."""
    listed = counts_text(((label(f"sum_{s}", lang).lower(), k) for s, k in statuses.items()), lang)
    return label("chg_left", lang, n=n, unit=_unit_word(level, n, lang, former=former), statuses=listed, **words)


def _former_change_text(technology: str, entry: dict, compare_to: str | None, lang: Lang = "en") -> str:
    """The entry's words (:func:`former_text`) with its change: "29 of 320 former communes without a standard
    LAN (33 on 2024-03-31): 4 fixed, 0 new, 29 stayed, counted per former commune"; where no former commune
    has a record (all unknown then too), "no data", never "0 of 17" read as none missing."""
    text = former_text(technology, entry, lang)
    if entry.get("of") and entry.get("no_data") == entry["of"]:
        return label("chg_former_nodata", lang, text=text)
    if entry["previous"] is None:  # no former commune had a record then
        return label("chg_former_nothen", lang, text=text, date=date_text(compare_to, lang))
    counts = {k: entry[k] for k in CHANGE_COUNTS[1:]}
    counts["left"] = label("chg_former_left", lang, n=entry["left"]) if entry.get("left") else ""
    counts["first"] = label("chg_former_first", lang, n=entry["first"]) if entry.get("first") else ""
    return label("chg_former_text", lang, text=text, date=date_text(compare_to, lang), **counts)


@dataclass(frozen=True)
class Comparison:
    """The result of :func:`compare`: both pictures, the per-unit change and the summary.

    ``counts`` holds :func:`change_summary` of ``changes`` by ``"province"`` and by ``"district"``,
    the tables ``summary`` was made from (the report reuses them). ``summary`` is :func:`change_dict`'s, each of its
    ``districts`` with the ``district_full_name`` the layer gives ("Thành phố Lào Cai").
    """

    now: Analysis
    before: Analysis
    changes: gpd.GeoDataFrame
    summary: dict
    counts: dict[str, pd.DataFrame] = field(repr=False)
    # a 2024 round compared with one written for the 2025-07 units: how each village of either was matched
    # (:func:`~dxmap.reconcile.across.across_versions`); None for pictures of one version
    villages_across: pd.DataFrame | None = field(repr=False, default=None)

    __repr__ = short_repr

    @property
    def as_of(self) -> str:
        """The later picture's date (ISO)."""
        return self.now.as_of

    @property
    def compare_to(self) -> str:
        """The earlier picture's date (ISO)."""
        return self.before.as_of

    def _repr_html_(self) -> str:
        """As a notebook shows it: :meth:`Analysis._repr_html_` with a column for each picture, the later first."""
        return summary_html([self.now.summary, self.before.summary], self.now.communes)


def compare(
    data: Dataset,
    *,
    as_of: str | pd.Timestamp | None = None,
    compare_to: str | None = None,
    district: str | None = None,
    strict: bool = True,
    units: str | None = None,
    province: str | None = None,
    commune: str | Sequence[str] | None = None,
) -> Comparison:
    """Analyse ``data`` at ``as_of`` and at ``compare_to`` and say what changed in between.

    Parameters
    ----------
    data
        From :func:`demo_dataset` or :func:`read_dataset` (several snapshots in one file or several files).
    as_of
        The later date; default the newest matched record.
    compare_to
        The earlier date; default the previous snapshot (:func:`previous_snapshot`): the date most units' record
        before their newest carries, when at least half of the units have one; else the comparison is refused
        and asks for this date.
    district
        Restrict both pictures to one district (name or code); in the 2025-07 units a former
        district (huyện cũ), as in :func:`analyse`.
    strict
        As in :func:`analyse`.
    units
        Boundary version of both pictures, as in :func:`analyse`. With ``"2025-07"`` on 2024
        records both pictures are moved into the 2025-07 units through the crosswalk before they
        are compared: villages are compared village by village as in the 2024 units, and a
        commune-level technology (LAN) former commune by former commune (one row per 2024
        commune, never one merged status), so fixed, new, first and stayed count former communes.
    province
        Restrict both pictures to one province (name or code); in the 2025-07 units a former
        province (tỉnh cũ), as in :func:`analyse`.
    commune
        Restrict both pictures to one commune or several (names or codes), as in :func:`analyse`.

    Returns
    -------
    Comparison
        ``now`` and ``before`` (:class:`Analysis`), ``changes`` (the status now with ``previous_status``
        and ``change``: fixed, left, new, first, stayed, no_gap) and ``summary`` (with ``compare_to`` and the change).

    Records of two versions (:func:`read_dataset` of a 2024 round and a round written for the 2025-07 units,
    ``data.earlier``) are compared in the 2025-07 units: the earlier picture is the 2024 round's, moved through the
    crosswalk, at ``compare_to`` (default its newest record), the later one the 2025-07 round's. Villages are
    matched by (new commune, former commune, name), or by (new commune, name) where the later sheet names no former
    commune and one village on each side has that name (:func:`~dxmap.reconcile.across.across_versions`); a village
    of one round only is counted apart (``villages_across``), never merged. A standard LAN is compared per 2025-07
    commune (``"counts": "communes"``): it lacked one then when any of its former communes did. ``district``,
    ``province`` and ``commune`` keep the same 2025-07 communes in both pictures. The 2024 records must all be older
    than the 2025-07 ones.

    Raises
    ------
    SnapshotDateError
        A date that is not a date, ``compare_to`` not before ``as_of``, or no earlier snapshot; with records of two
        versions, dates of the two rounds that interleave, or ``compare_to`` not before the 2025-07 round.

    Examples
    --------
    >>> import dxmap
    >>> demo = dxmap.demo_dataset()  # bundled Lào Cai data, ILLUSTRATIVE records
    >>> cmp = dxmap.compare(demo, compare_to="2024-03-31")  # now: the newest records, 2024-06-30
    >>> {k: cmp.summary["gaps"]["fibre"][k] for k in ("previous", "fixed", "new", "count")}  # villages without fibre
    {'previous': 200, 'fixed': 144, 'new': 0, 'count': 56}
    """
    require_dataset(data)
    if data.earlier is not None:
        return _compare_versions(data, as_of=as_of, compare_to=compare_to, district=district, strict=strict,
                                 units=units, province=province, commune=commune)
    now = analyse(data, as_of=as_of, district=district, strict=strict, units=units, province=province,
                  commune=commune)
    return compare_with(data, now, compare_to=compare_to, district=district, units=units, province=province,
                        commune=commune)


def _compare_versions(data: Dataset, *, as_of: str | pd.Timestamp | None, compare_to: str | None,
                      district: str | None, strict: bool, units: str | None, province: str | None,
                      commune: str | Sequence[str] | None = None) -> Comparison:
    """:func:`compare` of a 2024 round (``data.earlier``) with a round written for the 2025-07 units (``data``), in the
    2025-07 units."""
    if units not in (None, "2025-07"):
        raise said_error(VersionMismatchError, "gap_versions_units", units=repr(units))
    old, new = record_dates(data.earlier.outcomes), record_dates(data.outcomes)
    if old is None:  # no 2024 record matched: refused as any picture without one is
        analyse(data.earlier, strict=strict, units="2025-07")
    if old is not None and new is not None and old[1] >= new[0]:  # the earlier picture is the 2024 round's
        raise _said_error("gap_versions_interleave", last=_iso(old[1]), first=_iso(new[0]))
    now = analyse(replace(data, earlier=None), as_of=as_of, district=district, strict=strict, units="2025-07",
                  province=province, commune=commune)
    earlier = old[1] if compare_to is None or old is None else given_date(data, compare_to, name="compare_to")
    if new is not None and earlier >= new[0]:
        raise _said_error("gap_versions_compare_late", date=repr(_iso(earlier)), first=_iso(new[0]),
                          last=_iso(old[1]))
    before = analyse(data.earlier, as_of=_iso(earlier), strict=strict, units="2025-07")
    status = before.status
    if district is not None or province is not None or commune is not None:  # the same 2025-07 communes in both
        status = status[status["commune_code"].isin(set(now.status["commune_code"].dropna())).to_numpy(dtype=bool)]
    status, villages = across_versions(status, now.status, before_villages=data.earlier.villages,
                                       after_villages=data.villages)
    before = replace(before, status=status, district=now.district, province=now.province, commune=now.commune)
    changes = change_status(status, now.status)
    counts = change_counts(changes)
    summary = _versions_dict(_with_full_names(change_dict(now.summary, changes, counts=counts), now.communes), status,
                             villages, pd.concat([data.earlier.outcomes, now.outcomes], ignore_index=True))
    said = summary["villages_across"]
    log_said(log, logging.INFO, "log_villages_across", n=said["matched"], former=said["by_former_commune"],
             named=said["by_name"], earlier=said["earlier_only"] + said["earlier_ambiguous"] + said["unplaced"],
             later=said["later_only"] + said["later_ambiguous"])
    return Comparison(now=now, before=before, changes=changes, summary=summary, counts=counts,
                      villages_across=villages)


def _versions_dict(summary: dict, before: pd.DataFrame, villages: pd.DataFrame, outcomes: pd.DataFrame) -> dict:
    """:func:`change_dict`'s ``summary`` of a 2024 round compared with a 2025-07 one, with how they were matched:
    ``earlier_version``, ``villages_across`` (how many villages were matched, and how; how many of each round were
    not), per village technology ``earlier_only_gaps`` (villages of the 2024 round without it then that match none
    now), per commune technology ``"counts": "communes"`` and ``previous_rule`` ``"any_former_commune"``, and
    ``records`` of both rounds."""
    how = villages.groupby(["side", "how"]).size()
    summary["earlier_version"] = "2024"
    summary["records"] = outcome_counts(outcomes)
    summary["villages_across"] = {
        "matched": int(how.get(("later", Across.FORMER), 0) + how.get(("later", Across.NAME), 0)),
        "by_former_commune": int(how.get(("later", Across.FORMER), 0)),
        "by_name": int(how.get(("later", Across.NAME), 0)),
        "earlier_only": int(how.get(("earlier", Across.EARLIER_ONLY), 0)),
        "earlier_ambiguous": int(how.get(("earlier", Across.AMBIGUOUS), 0)),
        "unplaced": int(how.get(("earlier", Across.UNPLACED), 0)),
        "later_only": int(how.get(("later", Across.LATER_ONLY), 0)),
        "later_ambiguous": int(how.get(("later", Across.AMBIGUOUS), 0)),
    }
    alone = before[before["unit_id"].astype("string").str.startswith(EARLIER_ID).fillna(False).to_numpy(dtype=bool)]
    for tech, entry in summary["gaps"].items():
        if entry["level"] == Level.VILLAGE.value:
            mine = alone[alone["technology"].eq(tech) & alone["level"].eq(Level.VILLAGE.value)]
            entry["earlier_only_gaps"] = int(mine["status"].eq(Status.NONE.value).sum())
            continue
        rows = before[before["technology"].eq(tech) & before["level"].eq(Level.COMMUNE.value)]
        entry["counts"] = "communes"
        entry["previous_rule"] = "any_former_commune"  # a gap then when any of its former communes had one
        entry["former_previous"] = int(rows["former_none"].sum()) if "former_none" in rows else 0
        entry["former_of"] = int(rows["former_n"].sum()) if "former_n" in rows else 0
        entry["change_text"] = versions_lan_text(tech, entry, summary["compare_to"])
    return summary


def versions_lan_text(technology: str, entry: dict, compare_to: str, lang: Lang = "en") -> str:
    """A commune technology compared across versions in words: "counted per 2025-07 commune: a commune lacked a
    standard LAN on 2024-06-30 when any of its former communes did (29 of 320 former communes)"."""
    return label("chg_versions_lan", lang, tech=label(f"chg_tech_{technology}", lang), date=date_text(compare_to, lang),
                 k=entry["former_previous"], n=entry["former_of"])


def versions_lines(summary: dict, lang: Lang = "en") -> list[str]:
    """The lines that say how a 2024 round and a 2025-07 one were matched (:func:`_versions_dict`); none for pictures
    of one version."""
    said = summary.get("villages_across")
    if said is None:
        return []
    lines = [label("chg_versions_head", lang, date=date_text(summary["compare_to"], lang)),
             label("chg_versions_villages", lang, n=said["matched"], former=said["by_former_commune"],
                   named=said["by_name"])]
    gaps = "; ".join(label("chg_versions_gaps", lang, n=g["earlier_only_gaps"], tech=label(f"chg_tech_{t}", lang))
                     for t, g in summary["gaps"].items() if g.get("earlier_only_gaps"))
    if said["earlier_only"] or said["earlier_ambiguous"] or said["unplaced"]:
        lines.append(label("chg_versions_earlier", lang, earlier=said["earlier_only"],
                           ambiguous=said["earlier_ambiguous"], unplaced=said["unplaced"],
                           gaps=f" ({gaps})" if gaps else ""))
    if said["later_only"] or said["later_ambiguous"]:
        lines.append(label("chg_versions_later", lang, later=said["later_only"], ambiguous=said["later_ambiguous"]))
    lines += [f"{label(t, lang)}: " + versions_lan_text(t, g, summary["compare_to"], lang)
              for t, g in summary["gaps"].items() if g.get("previous_rule")]
    return lines


def earlier_round(now: Analysis) -> pd.Timestamp | None:
    """The date :func:`compare` compares ``now`` with by default (:func:`previous_snapshot`), from the records of the
    units ``now`` shows: Yên Bái alone, one round, has none, though Lào Cai's 31/3 round is in the same records."""
    return previous_snapshot(_rounds_of(now), before=now.as_of)


def compare_with(data: Dataset, now: Analysis, *, compare_to: str | None = None, district: str | None = None,
                 units: str | None = None, province: str | None = None,
                 commune: str | Sequence[str] | None = None) -> Comparison:
    """:func:`compare` of a later picture already made (``now``, :func:`analyse` of ``data`` cut to ``district``,
    ``province`` and ``commune`` in ``units``): the earlier picture is made from the records ``now`` used."""
    date_now = parse_date(now.as_of, what="as_of")
    shown_records = _rounds_of(now)
    dates = snapshot_dates(shown_records)
    shown = [_iso(d) for d in dates]  # listed in the error's language
    if compare_to is None:
        earlier = previous_snapshot(shown_records, before=date_now)
        if earlier is None:
            raise _said_error("gap_no_earlier", date=_iso(date_now), shown=shown)
    else:
        earlier = given_date(data, compare_to, name="compare_to")
        if earlier >= date_now:
            raise _said_error("gap_compare_not_before", date=repr(_iso(earlier)), now=_iso(date_now), shown=shown)
        if not any(d <= earlier for d in dates):  # every unit unknown then: each gap now would read as new
            raise _said_error("gap_compare_no_records", date=repr(_iso(earlier)), shown=shown)
    # the earlier picture from the records the later one used: records skipped there are reported once, not twice
    used = now.outcomes[now.outcomes["outcome"].isin([Outcome.MATCHED.value, Outcome.IGNORED.value])]
    before = _analyse(replace(data, outcomes=used), as_of=_iso(earlier), district=district, units=units,
                      province=province, commune=commune, again=True)
    before = replace(before, outcomes=now.outcomes)
    changes = change_status(before.status, now.status)
    counts = change_counts(changes)
    summary = _with_full_names(change_dict(now.summary, changes, counts=counts), now.communes)
    for tech, g in summary["gaps"].items():
        if g["statuses"]["unknown"] == sum(g["statuses"].values()):  # nothing known: no "0 gaps, 0 then, 0 new"
            log_said(log, logging.INFO, "gap_changed_nodata", tech=partial(label, f"log_tech_{tech}"),
                     n=sum(g["statuses"].values()), date=partial(date_text, summary["as_of"]))
            continue
        if g["previous"] is None:  # no unit had a record then: no "0 then, 0 fixed"
            log_said(log, logging.INFO, "gap_changed_none_then", tech=partial(label, f"log_tech_{tech}"),
                     n=g["count"], date=partial(date_text, summary["as_of"]),
                     before=partial(date_text, summary["compare_to"]))
            continue
        log_said(log, logging.INFO, "gap_changed_first" if g["first"] else "gap_changed",
                 tech=partial(label, f"log_tech_{tech}"), n=g["count"], date=partial(date_text, summary["as_of"]),
                 then=g["previous"], before=partial(date_text, summary["compare_to"]), fixed=g["fixed"], new=g["new"],
                 first=g["first"])
    return Comparison(now=now, before=before, changes=changes, summary=summary, counts=counts)


def _rounds_of(now: Analysis) -> pd.DataFrame:
    """The records whose rounds ``now`` is compared with: those of the units it shows (``level``, ``unit_id``; a
    picture cut to a province or a district; a 2024 picture moved into the 2025-07 units keeps the 2024 units'
    ids, as the records do), or every record when none of them has one (every unit "no data" then and now)."""
    def keys(frame: pd.DataFrame) -> pd.Series:
        return frame["level"].astype("string") + "|" + frame["unit_id"].astype("string")

    outcomes = now.outcomes
    shown = outcomes[keys(outcomes).isin(set(keys(now.status).dropna())).fillna(False).to_numpy(dtype=bool)]
    return shown if shown["outcome"].eq("matched").any() else outcomes


def period_phrase(compare_to: str, as_of: str, *, lang: Lang = "vi") -> str:
    """"since 2024-03-31", with the quarter when the two dates are consecutive quarter ends
    ("since 2024-03-31 (Q2 2024)"; Vietnamese "từ sau 31/3/2024 (quý II/2024)", its date as
    :func:`dxmap.labels.date_text` writes it)."""
    since = label("chg_since", lang, date=compare_to)
    start, end = parse_date(compare_to, what="compare_to"), parse_date(as_of, what="as_of")
    if start.is_quarter_end and end.is_quarter_end and start + pd.offsets.QuarterEnd(1) == end:
        q = ["I", "II", "III", "IV"][end.quarter - 1] if lang == "vi" else str(end.quarter)
        since += f" ({label('chg_quarter', lang, q=q, y=end.year)})"
    return date_text(since, lang)


def _unit_word(level: str, n: int, lang: Lang, *, former: bool = False) -> str:
    """"village"/"villages"/"commune"/"communes"; ``former`` (a picture counted in former communes): a commune
    is "former commune(s)" (2024 communes counted in the 2025-07 units), a village stays a village."""
    if former and level == Level.COMMUNE.value:  # the plural is the map page's word
        return label("former_commune" if n == 1 else "map_former_communes", lang)
    word = Level(level).value  # "village" / "commune"
    return label(word if n == 1 else f"{word}s", lang)


def change_sentences(summary: dict, *, lang: Lang = "vi") -> list[str]:
    """One sentence per technology, e.g. "4 villages gained mobile broadband since 2024-03-31 (Q2 2024)",
    plus one for units that left the gap list without being covered (:func:`left_sentence`), one for
    units newly missing and one for gaps with no data at the earlier date (``first``), when there are any."""
    since = period_phrase(summary["compare_to"], summary["as_of"], lang=lang)
    out = []
    for tech, g in summary["gaps"].items():
        words = {"tech": label(f"chg_tech_{tech}", lang), "since": since}
        former = g.get("counts") == FORMER_COMMUNES
        if not _known(g):  # no count, so no "0 villages gained …": the report's "no data for 11 villages"
            n = sum(g["statuses"].values())
            out.append(f"{label(tech, lang)}: " + label("map_nodata", lang, n=number_text(n, lang),
                                                        units=_unit_word(g["level"], n, lang, former=former)))
            continue
        if g.get("previous", 0) is not None:  # no "0 villages gained …" where nothing was known then
            out.append(label("chg_gained", lang, n=g["fixed"],
                             unit=_unit_word(g["level"], g["fixed"], lang, former=former), **words))
        if g.get("left"):
            out.append(left_sentence(g["left"], g["level"], g.get("left_status", {}), lang, former=former, **words))
        if g["new"]:
            out.append(label("chg_lost", lang, n=g["new"], unit=_unit_word(g["level"], g["new"], lang, former=former),
                             **words))
        if g.get("first"):
            out.append(first_sentence(g["first"], g["level"], summary["compare_to"], lang, former=former,
                                      tech=words["tech"]))
    return out


def _known(g: dict) -> bool:
    """Whether a technology's summary knows the status of some unit (a summary without statuses is taken as known)."""
    statuses = g.get("statuses")
    return not statuses or statuses.get("unknown", 0) < sum(statuses.values())


def first_sentence(n: int, level: str, compare_to: str, lang: Lang, *, former: bool = False, tech: str) -> str:
    """The sentence for ``n`` gaps now with no data at the earlier date (``first``: newly reported, not newly
    missing), e.g. "48 communes without a standard LAN, with no data on 2024-03-31"."""
    return label("chg_first_said", lang, n=n, unit=_unit_word(level, n, lang, former=former), tech=tech,
                 date=date_text(compare_to, lang))


def format_change(summary: dict, *, lang: Lang = "en") -> str:
    """The change as a text table: one line per technology, then one per district and technology, then the
    change in sentences; wholly in ``lang`` ("vi": Vietnamese words, dates "31/3/2024")."""
    lang = check_lang(lang)
    head = label("sum_compared", lang, date=date_text(summary["as_of"], lang),
                 before=date_text(summary["compare_to"], lang)) + summary_scope(summary, lang=lang)
    gaps = summary["gaps"]
    # "left" (off the gap list, not covered) and "first" (no data then) only when some unit is: the table most
    # readers see is unchanged
    shown = [k for k in CHANGE_COUNTS if k not in ("left", "first") or any(g.get(k) for g in gaps.values())]
    cols = [label(_HEADERS[c], lang) for c in shown]
    widths = [{"left": 20 if lang == "vi" else 5, "fixed": 7, "new": 5, "stayed": 8}.get(c, 6) for c in shown]

    unknown = {t for t, g in gaps.items() if not _known(g)}  # "—", not counts of 0 that read "none missing"

    def no_data(g: dict, tech: str) -> bool:
        return tech in unknown or bool(g.get("no_data"))

    def nums(g: dict, tech: str) -> list[str]:
        if no_data(g, tech):
            return ["—"] * len(shown)
        return ["—" if g[k] is None else number_text(g[k], lang) for k in shown]  # None: no data then

    rows = [[label("sum_technology", lang), label("sum_level", lang), *cols]]
    rows += [[label(t, lang), level_word(g["level"], lang, former=g.get("counts") == FORMER_COMMUNES), *nums(g, t)]
             for t, g in gaps.items()]
    lines = [head, *text_columns(rows, [22, 9, *widths])]
    lines += [_former_change_text(t, g, summary["compare_to"], lang) for t, g in gaps.items()
              if g.get("counts") == FORMER_COMMUNES]
    former = summary.get("district_kind") == "former_district"
    # a district with no data on any technology is left out, said in one line: 17 rows of "—" beside one district's
    # data bury it (QA71 C10); the CSV and the JSON keep every district
    districts = [d for d in summary["districts"] if not all(no_data(g, t) for t, g in d["gaps"].items())]
    rows = [[label("sum_former_district_col" if former else "sum_district_col", lang), label("sum_technology", lang),
             *cols]]
    # a former city by what it was, "Lào Cai (thành phố cũ)", as the summary CSV and the report name it: beside the
    # province a bare "Lào Cai" reads as the province (QA66 F9)
    rows += [[former_city_name(d["district_name"], d.get("district_full_name"), lang) if former else d["district_name"],
              label(t, lang), *nums(g, t)] for d in districts for t, g in d["gaps"].items()]
    hidden = len(summary["districts"]) - len(districts)
    lines += [""] if districts or hidden else []
    lines += text_columns(rows, [18, 22, *widths]) if districts else []
    if hidden:
        lines.append(label("chg_districts_nodata" if former else "chg_districts_nodata_2024", lang, n=hidden))
    lines += ["", *change_sentences(summary, lang=lang), *versions_lines(summary, lang)]
    return "\n".join(lines)


def comparison_table(comparison: Comparison, *, lang: Lang = "en") -> pd.DataFrame:
    """:func:`change_table` of ``comparison``: the summary CSV of the change, with the ``rules`` of a 2024 round
    compared with a 2025-07 one (a commune technology's ``previous_rule``, as in :attr:`Comparison.summary`)."""
    rules = {t: g["previous_rule"] for t, g in comparison.summary["gaps"].items() if g.get("previous_rule")}
    return change_table(comparison.changes, former_districts=comparison.now.former_districts, counts=comparison.counts,
                        communes=comparison.now.communes, rules=rules, lang=lang)


def write_change(comparison: Comparison, path: str | os.PathLike[str], *,
                 fmt: Literal["table", "csv", "json"] = "csv", lang: Lang = "en", note: str | None = None) -> Path:
    """Write the change as a text table, CSV (UTF-8 with BOM, per district) or JSON, atomically. ``lang``: the
    language of the table and the CSV (:func:`format_change`, :func:`change_table`); the JSON has none. ``note``
    (e.g. "DỮ LIỆU MINH HỌA") fills a last column of the CSV, headed "Dữ liệu" ("data")."""
    if fmt == "csv":
        write_csv(with_note(comparison_table(comparison, lang=lang), note, lang), path)
    else:
        text = (json.dumps(comparison.summary, ensure_ascii=False, indent=2) if fmt == "json"
                else format_change(comparison.summary, lang=lang))
        with atomic_write(path) as fh:
            fh.write(text + "\n")
    log_said(log, logging.INFO, "log_wrote_file", path=path)
    return Path(path)

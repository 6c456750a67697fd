"""Gaps: the status of every unit for every technology at a date, and counts rolled up.

A unit's status at a date is its latest matched record dated on or before that date; a unit with
no such record is ``unknown`` (never ``none``). The headline gap count of a technology is the
number of units whose status is ``none``; ``weak``, ``planned`` and ``unknown`` are counted beside it.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
from collections.abc import Iterable, Sequence
from functools import partial
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd

from dxmap._lookup import positions
from dxmap.errors import OptionError, SchemaError, SnapshotDateError, VersionMismatchError, preview, said_error
from dxmap.io.boundaries import boundary_version, require_codes_once
from dxmap.labels import Lang, counts_text, date_text, label, log_said, number_text, said_all
from dxmap.reconcile.districts import communes_words, district_words, own_former_districts, several_former_districts
from dxmap.reconcile.match import Outcome, outcome_counts
from dxmap.reconcile.versions import CROSSWALK_FROM, units_version
from dxmap.validate.dates import day_texts, preview_in
from dxmap.validate.schema import FORMER_COLUMNS
from dxmap.validate.tables import date_argument, require_table
from dxmap.validate.text import name_key_series
from dxmap.validate.vocab import STATUS_ORDER, Level, Status, Technology, argument_words, sort_by_technology

__all__ = ["unit_status", "dated_outcomes", "gap_units", "summarise", "summary_dict", "summary_scope",
           "communes_without_data", "counts_former_communes", "picture_date", "one_picture", "group_keys",
           "grouped_rows", "each_district", "in_several_districts", "several_counts", "SEVERAL_COLUMNS",
           "district_rows", "inserted_after", "summary_html", "html_table",
           "technology_list", "status_list", "GROUP_KEYS",
           "latest_date", "STATUS_ORDER"]

log = logging.getLogger(__name__)

# The columns a table is grouped by, per ``by=`` of the summaries and queries.
GROUP_KEYS: dict[str, list[str]] = {"province": [], "district": ["district_code", "district_name"],
                                    "commune": ["district_code", "district_name", "commune_code", "commune_name"]}
FORMER_COMMUNES = "former_communes"  # a summary entry's "counts" when it counts 2024 communes in the 2025-07 units
# a status row's former districts when it counts in several: a 2025-07 commune of two, or its village that names no
# former commune placing it in one ("087, 089", "Bảo Yên, Văn Bàn"); per district it counts in each of them
SEVERAL_COLUMNS = ("district_codes", "district_names")

_STATUS_COLS = ["level", "unit_id", "name", "commune_code", "commune_name", "district_code", "district_name", "map_unit",
                "technology", "status", "status_date", "as_of", "source", "note", "geometry"]


def dated_outcomes(outcomes: pd.DataFrame, *, name: str = "outcomes") -> pd.DataFrame:
    """``outcomes`` (:func:`reconcile`'s) with ``as_of`` as dates: an outcomes file read back (``pd.read_csv``,
    ``pd.read_excel``) gives them as text, read here as :func:`picture_date` reads a table's dates (ISO, or day
    first); a table already dated is returned as it is.

    Raises
    ------
    SchemaError
        ``outcomes`` is no outcomes table (one written in Vietnamese is refused with the way to write it in
        English), or ``as_of`` holds a value that is no date.
    """
    require_table(outcomes, "outcomes", name=name)  # every path to a picture reads them here (QA60 3: a KeyError)
    if "as_of" not in outcomes.columns or pd.api.types.is_datetime64_any_dtype(outcomes["as_of"].dtype):
        return outcomes
    codes, distinct = pd.factorize(outcomes["as_of"])  # each distinct value read once
    texts = day_texts(pd.Series(distinct, dtype=object), column="as_of",
                      fix=f"Read the file back with its dates (pd.read_csv(path, parse_dates=['as_of'])), or give "
                          f"{name} as dxmap.reconcile(...) returns it.")
    days = pd.to_datetime(pd.Series(texts, dtype=object).replace("", None))
    return outcomes.assign(as_of=pd.Series(days.array.take(codes, allow_fill=True), index=outcomes.index))


def latest_date(outcomes: pd.DataFrame) -> pd.Timestamp:
    """The newest ``as_of`` among matched records of ``outcomes`` (:func:`reconcile`'s): the default date of a summary."""
    outcomes = dated_outcomes(outcomes)
    dates = outcomes.loc[outcomes["outcome"].eq(Outcome.MATCHED.value), "as_of"]
    if dates.empty:  # say the commonest reason: "village records without a village layer" is fixed in one go
        reasons = outcomes["reason"].dropna() if "reason" in outcomes.columns else pd.Series(dtype=object)
        top = reasons.value_counts()
        common = said_all("err_no_match_reason", n=int(top.iloc[0]), reason=top.index[0]) if len(top) else {}
        raise said_error(SchemaError, "err_no_match", n=len(outcomes), common=lambda lg: common.get(lg, ""))
    return pd.Timestamp(dates.max())


def outcome_word(outcome: str, lang: Lang) -> str:
    """An outcome as the console says it: its code in English ("unmatched"), a word in Vietnamese."""
    return outcome if lang == "en" else label(f"chk_o_{outcome}", lang)


def unit_status(
    outcomes: pd.DataFrame,
    communes: gpd.GeoDataFrame,
    villages: gpd.GeoDataFrame | None = None,
    *,
    as_of: str | pd.Timestamp | None = None,
    technologies: Iterable[Technology | str] | Technology | str | None = None,
) -> gpd.GeoDataFrame:
    """One row per unit and technology with the unit's status at ``as_of``.

    Parameters
    ----------
    outcomes
        The outcomes table of :func:`reconcile` (``Dataset.outcomes``); only ``matched`` records count.
    communes, villages
        The unit layers the records were reconciled against (:func:`as_communes`, :func:`as_villages`).
    as_of
        Date of the picture (ISO, or day first: "30/06/2024"); default the newest matched record.
    technologies
        Default (None) all three; a village technology is skipped when there is no village layer.
        Values or the words people type (``"FTTH"``, ``"cáp quang"``); one may be given alone.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``level``, ``unit_id``, ``name``, ``commune_code``, ``commune_name``,
        ``district_code``, ``district_name``, ``map_unit``, ``technology``, ``status``,
        ``status_date`` (date of the record used, NaT when unknown), ``as_of`` (the date of the
        picture, the same on every row: :func:`picture_date` reads it), ``source``, ``note``,
        ``geometry``. The date is a column, so a filtered, concatenated or saved table keeps it.
        In the 2025-07 units a village's ``former_commune_code`` and ``former_commune_name`` where its row names
        them ("Xã cũ"), and ``district_codes``, ``district_names`` ("087, 089", "Bảo Yên, Văn Bàn") on the rows
        that count in several former districts (:data:`SEVERAL_COLUMNS`; ``district_code`` is then the one the
        commune is filed under), where any does.

    Raises
    ------
    SnapshotDateError
        ``as_of`` is before every matched record: every unit would be unknown (a mistyped year, mostly); or
        after today, as :func:`analyse` refuses it.

    Examples
    --------
    >>> import dxmap
    >>> demo = dxmap.demo_dataset()  # bundled Lào Cai data, ILLUSTRATIVE records
    >>> status = dxmap.unit_status(demo.outcomes, demo.communes, demo.villages, as_of="2024-06-30")
    >>> status.query("technology == 'fibre'")["status"].value_counts()  # one row per village
    status
    covered    1472
    none         56
    planned      25
    unknown       1
    Name: count, dtype: int64
    """
    require_table(outcomes, "outcomes", name="outcomes")
    outcomes = dated_outcomes(outcomes)
    require_table(communes, "communes", name="communes", needs=("map_unit",), geo=True)
    if villages is not None:
        require_table(villages, "villages", name="villages", geo=True)
    if villages is not None and villages.crs is not None and communes.crs is not None and villages.crs != communes.crs:
        villages = villages.to_crs(communes.crs)  # one table of both levels: in the communes' CRS, as documented
    date = date_argument(as_of, name="as_of") if as_of is not None else latest_date(outcomes)
    if as_of is not None:
        require_records_by(outcomes, date)
    techs = list(Technology) if technologies is None else technology_list(technologies, name="technologies")
    layers = _units(communes, villages)
    blocks = []  # per technology, the units at its level
    for tech in techs:
        units = layers.get(tech.level)
        if units is None or units.empty:
            log_said(log, logging.INFO, "log_no_layer", tech=partial(label, f"log_tech_{tech.value}"),
                     level=partial(label, f"log_unit_{tech.level.value}"))
            continue
        blocks.append((tech, units))
    if not blocks:
        raise SchemaError(f"no unit layer for {', '.join(t.value for t in techs)}: "
                          "pass the villages for a village technology.")
    asked = outcomes if technologies is None else outcomes[outcomes["technology"].isin([t.value for t in techs])]
    skipped = {k: v for k, v in outcome_counts(asked).items()  # of the technologies asked for (QA46 L8)
               if v and k not in (Outcome.MATCHED.value, Outcome.IGNORED.value)}
    if skipped:  # said here, not only by analyse: reconcile then unit_status dropped them without a word (QA44)
        log_said(log, logging.WARNING, "gap_skipped", n=sum(skipped.values()),
                 counts=lambda lg: counts_text(((outcome_word(k, lg), v) for k, v in skipped.items()), lg))
    found, n_used, absent = _latest_records(outcomes, date, blocks)
    if len(absent):  # a 2025-07 layer given the outcomes of a reconciliation against the 2024 one (QA46): said
        _same_version(outcomes, communes)
        units = sorted(set(map(str, absent)))
        log_said(log, logging.WARNING, "gap_not_in_layer", n=len(units), units=partial(preview_in, units))
    # One copy of the table; every layer takes part in the column types, as when they were one table.
    frame = pd.concat([units for _, units in blocks] + [units.iloc[:0] for units in layers.values()], ignore_index=True)
    sizes, values = [len(units) for _, units in blocks], np.array([tech.value for tech, _ in blocks], dtype=object)
    del layers, blocks
    coerce = n_used > 0  # a merge compares (and keeps) keys of differing types as objects
    for key in ("level", "unit_id"):
        if coerce and frame[key].dtype != outcomes[key].dtype:
            frame[key] = frame[key].astype(object)
    assigned = pd.Series(values[:1]).dtype  # what assigning the text gives
    frame["technology"] = pd.Series(np.repeat(values, sizes), index=frame.index,
                                    dtype=object if coerce and assigned != outcomes["technology"].dtype else assigned)
    for col, name in (("status", "status"), ("as_of", "status_date"), ("source", "source"), ("note", "note")):
        taken = pd.api.extensions.take(outcomes[col].array, found, allow_fill=True)
        frame[name] = pd.Series(taken, index=frame.index, dtype=taken.dtype)  # object stays object
    frame["status"] = frame["status"].fillna(Status.UNKNOWN.value)
    frame["as_of"] = pd.Series(date.normalize(), index=frame.index, dtype=frame["status_date"].dtype)
    formers = [c for c in FORMER_COLUMNS if c in frame.columns]  # a village's former commune ("Xã cũ"), when known
    several = [c for c in SEVERAL_COLUMNS if c in frame.columns]  # the former districts of a row in several
    return gpd.GeoDataFrame(frame[[*_STATUS_COLS[:-1], *formers, *several, "geometry"]], geometry="geometry",
                            crs=communes.crs)


def picture_date(table: pd.DataFrame, column: str = "as_of") -> str | None:
    """The date of the picture a status or change table shows, ISO ("2024-06-30"); None without one.

    It is the table's ``as_of`` column (:func:`unit_status`); ``column="compare_to"`` gives the
    earlier picture of a :func:`~dxmap.gaps.change.change_status` table. Dates written as text are
    read as :func:`~dxmap.validate.dates.parse_date` reads them (day first: "01/06/2024" is 1 June);
    a date-time's day is the day as written, in its own time zone.

    Raises
    ------
    SchemaError
        The rows hold different dates (tables of two pictures put together), or a value that is no date.
    """
    if column not in table.columns:
        return None
    days = _days(table[column], column)
    if len(days) > 1:
        raise SchemaError(f"the table holds pictures of several dates ({column}: {preview(days)}); make one table per date "
                          "(unit_status(as_of=...)) and map or summarise each.")
    return days[0] if days else None


def record_dates(outcomes: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The earliest and the newest date of the matched records of ``outcomes``; None when no record matched."""
    outcomes = dated_outcomes(outcomes)
    dates = outcomes.loc[outcomes["outcome"].eq(Outcome.MATCHED.value), "as_of"].dropna()
    return (pd.Timestamp(dates.min()), pd.Timestamp(dates.max())) if len(dates) else None


def require_records_by(outcomes: pd.DataFrame, date: pd.Timestamp) -> None:
    """Refuse a picture at ``date`` before every matched record of ``outcomes``: every unit would be unknown, and
    a query would find no gap at all. A mistyped year (30/06/2023 for 2024) far more often than a wish. Refuse one
    after today too: its title would say the data reach a day still to come."""
    span = record_dates(outcomes)
    if date > pd.Timestamp(dt.date.today() + dt.timedelta(days=1)):  # tomorrow: a time zone ahead of this computer's
        today = dt.date.today().isoformat()
        newest = said_all("gap_newest", date=partial(date_text, span[1].date().isoformat())) if span else {}
        raise said_error(SnapshotDateError, "gap_after_today", date=repr(date.date().isoformat()),
                         today=partial(date_text, today), newest=lambda lg: newest.get(lg, ""))
    if span is not None and date < span[0]:
        first, last = (d.date().isoformat() for d in span)
        raise said_error(SnapshotDateError, "gap_before_first", date=repr(date.date().isoformat()),
                         first=partial(date_text, first), last=partial(date_text, last))


def one_picture(status: pd.DataFrame, *, name: str = "status") -> str | None:
    """The date of ``status`` (:func:`picture_date`), after checking it is one picture: one date, and one row
    per unit and technology (a table put together twice, ``pd.concat([s, s])``, would count every unit twice).

    Raises
    ------
    SchemaError
        Several dates, or units with two rows of one technology.
    """
    date = picture_date(status)
    key = ["level", "unit_id", "technology"]
    if all(k in status.columns for k in key):
        twice = status.duplicated(key, keep="first")
        if twice.any():
            rows = status.loc[twice, key].astype(str)
            raise SchemaError(
                f"{name} has {int(twice.sum())} repeated row(s) of a unit and technology "
                f"({preview(list(rows['technology'] + ' ' + rows['unit_id']))}), as a table put together with "
                "itself (pd.concat([s, s])) has; each unit would be counted twice. Keep one row per unit and "
                "technology: make the table again with unit_status(...), or "
                f"{name}.drop_duplicates(['level', 'unit_id', 'technology']).")
    return date


def _days(values: pd.Series, column: str) -> list[str]:
    """The distinct days of a picture-date column, ISO and sorted; each distinct value read once."""
    remake = "change_status(before, after)" if column == "compare_to" else "unit_status(as_of=...)"
    texts = day_texts(pd.Series(values.dropna().unique()), column=column,
                      fix=f"Write the picture's date as YYYY-MM-DD or dd/mm/yyyy (day first), e.g. "
                          f"table.assign({column}='2024-06-30'), or make the table again with {remake}.")
    return sorted({t for t in texts if t})


def _latest_records(outcomes: pd.DataFrame, date: pd.Timestamp, blocks: list) -> tuple[np.ndarray, int, pd.Series]:
    """For each row of the status table, the row of ``outcomes`` giving its status (-1: none); how many records count;
    the unit ids of the records that would count but whose unit is not in the layer.

    ``blocks`` are the status table's parts: a technology and the units at its level. A unit's record
    is its matched record for that level and technology dated on or before ``date`` that is latest by
    (``as_of``, ``file``, ``row``), the later one on a tie: what a left merge on level, unit_id and
    technology with the latest records finds, as positions instead of text.
    """
    rows = np.flatnonzero(outcomes["outcome"].eq("matched").to_numpy(dtype=bool, na_value=False)
                          & (outcomes["as_of"] <= date).to_numpy(dtype=bool, na_value=False))
    # file names sort as text, a missing one last (as sort_values puts it)
    file, files = pd.factorize(outcomes["file"].iloc[rows], sort=True)
    file[file < 0] = len(files)
    rows = rows[np.lexsort((outcomes["row"].to_numpy()[rows], file, outcomes["as_of"].to_numpy()[rows]))]
    level, levels = pd.factorize(outcomes["level"].iloc[rows])
    tech, techs = pd.factorize(outcomes["technology"].iloc[rows])
    found, unit_of, first, absent = [], {}, {}, []
    for t, units in blocks:
        at_level = np.isin(level, np.flatnonzero(levels == t.level.value))
        if t.level not in unit_of:
            # Units sharing an id share its record: each record's id and each unit's own id find the first unit with it.
            unit_of[t.level] = np.full(len(rows), -1, dtype=np.int64)
            unit_of[t.level][at_level] = positions(outcomes["unit_id"].iloc[rows[at_level]], units["unit_id"])
            first[t.level] = positions(units["unit_id"], units["unit_id"])
        mine = at_level & np.isin(tech, np.flatnonzero(techs == t.value))
        absent.append(rows[mine & (unit_of[t.level] < 0)])
        mine &= unit_of[t.level] >= 0
        at, record = unit_of[t.level][mine], rows[mine]
        last = ~pd.Series(at).duplicated(keep="last").to_numpy()  # records are in time order: the last one wins
        best = np.full(len(units), -1, dtype=np.int64)
        best[at[last]] = record[last]
        found.append(best[first[t.level]])
    return np.concatenate(found), len(rows), outcomes["unit_id"].iloc[np.concatenate(absent)]


def _units(communes: gpd.GeoDataFrame, villages: gpd.GeoDataFrame | None) -> dict[Level, pd.DataFrame]:
    """The units of each level with the status table's columns (a village's commune, district and map unit)."""
    require_codes_once(communes)  # a layer edited after as_communes: each commune once, with or without villages
    c = pd.DataFrame({
        "level": Level.COMMUNE.value, "unit_id": communes["code"].values, "name": communes["name"].values,
        "commune_code": communes["code"].values, "commune_name": communes["name"].values,
        "district_code": communes["district_code"].values, "district_name": communes["district_name"].values,
        "map_unit": communes["map_unit"].values, "geometry": communes.geometry.values,
    })
    if villages is None:
        return {Level.COMMUNE: _with_several(c, communes)}
    codes = villages["commune_code"].values
    info = communes.set_index("code")[["name", "district_code", "district_name", "map_unit"]]
    at = positions(villages["commune_code"], communes["code"])  # what info.reindex(codes) finds, by position
    info = pd.DataFrame({col: pd.api.extensions.take(info[col].array, at, allow_fill=True) for col in info.columns})
    if (at < 0).any():
        info = _villages_own_district(info, villages, at < 0)
    formers = {c: villages[c].astype("string").values for c in FORMER_COLUMNS if c in villages.columns}
    if "former_commune_code" in formers:  # a village of a former commune counts in its former district (QA66 F1)
        own = own_former_districts(villages, communes)
        for col in ("district_code", "district_name"):
            info[col] = info[col].astype("string").mask(own[col].notna().to_numpy(), own[col].to_numpy())
    v = pd.DataFrame({
        "level": Level.VILLAGE.value, "unit_id": villages["village_id"].values, "name": _told_apart(villages).values,
        "commune_code": codes, "commune_name": info["name"].values,
        "district_code": info["district_code"].values, "district_name": info["district_name"].values,
        "map_unit": info["map_unit"].values, **formers, "geometry": villages.geometry.values,
    })
    return {Level.COMMUNE: _with_several(c, communes), Level.VILLAGE: _with_several(v, communes)}


def _with_several(units: pd.DataFrame, communes: pd.DataFrame) -> pd.DataFrame:
    """``units`` (a level's rows of the status table) with ``district_codes`` and ``district_names`` where a row
    counts in several former districts (:func:`~dxmap.reconcile.districts.several_former_districts`: a 2025-07
    commune of two former districts, or its village whose "Xã cũ" does not place it); as it is where none does."""
    several = several_former_districts(units, communes)
    if several["district_codes"].isna().all():
        return units
    return units.assign(**{c: several[c].to_numpy() for c in SEVERAL_COLUMNS})


def _told_apart(villages: gpd.GeoDataFrame) -> pd.Series:
    """The villages' names, those of one name in one commune from different former communes (a layer's
    ``former_commune_name``: "Thôn 1" of Bản Vược, of Quang Kim) with their former commune: "Thôn 1 (Bản Vược)", as
    the map card, the gap lists and the CSVs then name them."""
    names = villages["name"]
    if "former_commune_name" not in villages.columns:
        return names
    former = villages["former_commune_name"].astype("string").str.strip().replace("", pd.NA)
    if "former_commune_code" in villages.columns:
        former = former.fillna(villages["former_commune_code"].astype("string"))
    key = villages["commune_code"].astype("string") + "\t" + name_key_series(names.astype("string"))
    several = former.groupby(key).transform("nunique").gt(1).to_numpy(dtype=bool) & former.notna().to_numpy(dtype=bool)
    if not several.any():
        return names
    return names.astype("string").mask(several, names.astype("string") + " (" + former + ")")


def _villages_own_district(info: pd.DataFrame, villages: gpd.GeoDataFrame, orphan: np.ndarray) -> pd.DataFrame:
    """``info`` (per village: its commune's name, district and map unit) where the commune layer lacks a village's
    commune (``orphan``): the village layer's own ``commune_name``, ``district_code``, ``district_name`` where it has
    them, so that the village still counts in its district; said, never silent."""
    info = info.copy()
    for col, own in (("name", "commune_name"), ("district_code", "district_code"), ("district_name", "district_name")):
        if own in villages.columns:
            given = pd.Series(villages[own].to_numpy(), dtype="string").str.strip().replace("", pd.NA)
            info[col] = info[col].mask(orphan, given.astype(info[col].dtype))  # the layer's dtype kept
    placed = orphan & info["district_code"].notna().to_numpy()
    codes = [str(c) for c in pd.unique(villages["commune_code"].astype("string").to_numpy()[orphan]) if pd.notna(c)]
    for key, n in (("log_orphan_villages_placed", placed.sum()), ("log_orphan_villages", (orphan & ~placed).sum())):
        if n:
            log_said(log, logging.WARNING, key, n=int(n), codes=partial(preview_in, codes, quoted=False))
    return info


def gap_units(status: gpd.GeoDataFrame, *, technology: Technology | str | None = None,
              statuses: Iterable[Status | str] | Status | str = (Status.NONE,)) -> gpd.GeoDataFrame:
    """The units lacking a technology: rows of :func:`unit_status` whose status is in ``statuses``.

    Parameters
    ----------
    status
        The status table of :func:`unit_status` (or :func:`analyse`'s ``status``).
    technology
        One technology, as a value or a word people type (``"FTTH"``, ``"cáp quang"``); default every technology.
    statuses
        The statuses that count as lacking (values or words: ``"chưa có"``); default only ``none``, the
        headline gap. One may be given alone (``statuses="none"``).

    Returns
    -------
    geopandas.GeoDataFrame
        A copy of those rows of ``status``, with its columns and index.
    """
    require_table(status, "status", name="status")
    one_picture(status)
    wanted = status_list(statuses, name="statuses")
    mask = status["status"].isin(wanted)
    if technology is not None:
        mask &= status["technology"].eq(technology_list(technology, name="technology", one=True)[0].value)
    return status[mask].copy()


def technology_list(values: Iterable[Technology | str] | Technology | str, *, name: str,
                    one: bool = False) -> list[Technology]:
    """Technologies from an argument (``name``): values or the words people type (``"FTTH"``, ``"cáp quang"``);
    one may be given alone, and with ``one`` only one. Raises what :func:`~dxmap.validate.vocab.argument_words`
    raises: the unknown words with the accepted ones."""
    return [Technology(v) for v in argument_words("technology", values, name=name, one=one)]


def status_list(values: Iterable[Status | str] | Status | str, *, name: str) -> list[str]:
    """Status values from an argument (``name``): values or words (``"chưa có"``); one may be given alone,
    never read letter by letter."""
    return argument_words("status", values, name=name)


def _same_version(outcomes: pd.DataFrame, communes: gpd.GeoDataFrame) -> None:
    """Refuse outcomes reconciled against the communes of one version with a layer of the other (QA65 F3: 2024
    outcomes on the 99 units gave a plausible picture of the wrong communes, 02647 "covered" being old Kim Tân's
    record, with one warning). The layer says its version (``boundary_version``); the outcomes' communes are what
    their matched codes and names evidently are (:func:`~dxmap.reconcile.versions.units_version`)."""
    layer = boundary_version(communes)
    if layer is None or not {"matched_commune_code", "matched_name", "level"} <= set(outcomes.columns):
        return
    own = outcomes[outcomes["level"].eq(Level.COMMUNE.value) & outcomes["outcome"].eq(Outcome.MATCHED.value)]
    theirs = units_version(own, "matched_commune_code", "matched_name")
    if theirs is not None and theirs != layer:
        raise said_error(VersionMismatchError, "gap_outcomes_version", theirs=theirs, layer=layer,
                         fix=partial(label, "gap_outcomes_version_moved" if theirs == CROSSWALK_FROM
                                     else "gap_outcomes_version_again"))


def group_keys(by: str) -> list[str]:
    """The columns a summary ``by`` groups on; an OptionError naming the choices for any other ``by``."""
    key = by.strip().lower() if isinstance(by, str) else by  # "District", as technology="Fibre" is taken
    if key not in GROUP_KEYS:
        raise OptionError(f"by={by!r}: use one of {', '.join(GROUP_KEYS)}.")
    return GROUP_KEYS[key]


def grouped_rows(status: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """``status`` as the summaries and queries group it by ``keys`` (:func:`group_keys`); ``status`` itself is never
    changed.

    Per district, a row that counts in several former districts (``district_codes``, :data:`SEVERAL_COLUMNS`: a
    2025-07 commune of former communes of two former districts, or its village whose "Xã cũ" does not place it in
    one) is in each of them (:func:`each_district`), as the map page and each district's own run count it; the
    districts' rows may then add up to more than the whole. Per commune, a commune whose rows lie in several
    districts (Bảo Hà of former Bảo Yên and Văn Bàn) has them all in its ``district_code`` and ``district_name``
    ("087, 089", "Bảo Yên, Văn Bàn"), so it is one group, not one per former district (QA65 F1)."""
    cols = ["commune_code", "district_code", "district_name"]
    if "district_code" in keys and "commune_code" not in keys:
        return each_district(status)
    if "commune_code" not in keys or not set(cols) <= set(status.columns):
        return status
    pairs = each_district(status)[cols].dropna(subset=["commune_code", "district_code"]).drop_duplicates()
    if not pairs["commune_code"].duplicated().any():
        return status
    pairs = pairs.sort_values(["commune_code", "district_code"], kind="stable").astype({"district_name": "string"})
    joined = pairs.groupby("commune_code", sort=False).agg(
        lambda v: ", ".join(dict.fromkeys(v.dropna().astype(str))) or pd.NA)
    code = status["commune_code"]
    return status.assign(district_code=code.map(joined["district_code"]).fillna(status["district_code"]),
                         district_name=code.map(joined["district_name"]).fillna(status["district_name"]))


def in_several_districts(status: pd.DataFrame) -> np.ndarray:
    """Which rows of ``status`` count in several former districts (``district_codes`` given): a boolean array."""
    if SEVERAL_COLUMNS[0] not in status.columns:
        return np.zeros(len(status), dtype=bool)
    return status[SEVERAL_COLUMNS[0]].notna().to_numpy(dtype=bool)


def several_counts(status: pd.DataFrame) -> dict[str, int]:
    """How many units of ``status`` count in several former districts (:func:`in_several_districts`):
    ``{"communes": …, "villages": …}``, for the note that the districts' rows may add up to more than the whole."""
    rows = status[in_several_districts(status)]
    return {"communes": int(rows.loc[rows["level"].eq(Level.COMMUNE.value), "commune_code"].nunique()),
            "villages": int(rows.loc[rows["level"].eq(Level.VILLAGE.value), "unit_id"].nunique())}


def each_district(status: pd.DataFrame) -> pd.DataFrame:
    """``status`` with each row that counts in several former districts (:func:`in_several_districts`) once per
    district, its ``district_code`` and ``district_name`` that district's: the rows a per-district table counts.
    ``status`` as it is when no row does."""
    several = in_several_districts(status)
    if not several.any():
        return status
    codes = status.loc[several, SEVERAL_COLUMNS[0]].astype(str).str.split(", ")
    names = status.loc[several, SEVERAL_COLUMNS[1]].astype(str).str.split(", ")
    each = status[several].iloc[np.repeat(np.arange(several.sum()), codes.str.len().to_numpy())]
    each = each.assign(district_code=np.concatenate(codes.to_list()), district_name=np.concatenate(names.to_list()))
    return pd.concat([status[~several], each])


def summarise(status: gpd.GeoDataFrame, *, by: Literal["province", "district", "commune"] = "province") -> pd.DataFrame:
    """Count units per technology and status, for the whole area or per district or commune.

    Parameters
    ----------
    status
        The status table of :func:`unit_status` (or :func:`analyse`'s ``status``), of one date: a table of
        several pictures (different ``as_of``) is refused, as it would count each unit once per picture.
    by
        ``"province"`` (the whole table), ``"district"`` or ``"commune"``.

    Returns
    -------
    pandas.DataFrame
        One row per (group, technology): the group's columns (``district_code``, ``district_name``, and for
        communes ``commune_code``, ``commune_name``; none for the province), ``technology``, ``level``, one
        column per status in :data:`STATUS_ORDER` and ``total``; the headline gap count is ``none``. Per commune,
        a 2025-07 commune of former communes of several former districts is one row, its districts listed
        ("087, 089"; :func:`grouped_rows`); per district it counts in each, as does its village whose row names no
        former commune placing it in one (``district_codes``): the districts' rows may add up to more than the
        whole.
    """
    keys = group_keys(by)
    require_table(status, "status", name="status", needs=keys)
    one_picture(status)
    status = grouped_rows(status, keys)
    counts = (status.groupby(keys + ["technology", "level"], dropna=False)["status"]
                    .value_counts().unstack("status", fill_value=0)
                    .reindex(columns=STATUS_ORDER, fill_value=0))
    counts["total"] = counts.sum(axis=1)
    out = counts.reset_index()
    out = sort_by_technology(out, keys)
    out.columns.name = None
    return out.reset_index(drop=True)


def inserted_after(mapping: dict, key: str, items: dict) -> dict:
    """``mapping`` with ``items`` right after ``key`` (at the end when ``key`` is not in it): a summary's place beside
    the place it narrows, where a reader of summary.json looks for it."""
    pairs = list(mapping.items())
    at = [k for k, _ in pairs].index(key) + 1 if key in mapping else len(pairs)
    return dict([*pairs[:at], *items.items(), *pairs[at:]])


def district_rows(per_district: pd.DataFrame, lang: Lang = "en") -> pd.DataFrame:
    """:func:`summarise`'s rows ``by="district"`` as a summary table writes them beside its total rows: none when no
    unit has a district (a commune layer without districts: they would repeat the total), else the units without
    one on a row named "(no district)" ("(không thuộc huyện nào)"), not a row of blank cells (QA67 F12). A district
    column is blank where missing or "" (the report's tables hold their keys as text)."""
    keys = [c for c in ("district_code", "district_name") if c in per_district.columns]
    blank = per_district[keys].astype("string").fillna("").eq("").all(axis=1).to_numpy(dtype=bool)
    if blank.all():
        return per_district.iloc[:0]
    if not blank.any():
        return per_district
    return per_district.assign(district_name=per_district["district_name"].astype(object).mask(
        blank, label("sum_no_district", lang)))


def summary_dict(status: gpd.GeoDataFrame, *, district: str | None = None, illustrative: bool = False,
                 record_counts: dict[str, int] | None = None, units_version: str | None = None) -> dict:
    """The summary as plain data (the shape of ``summary.json``; see README).

    ``newest_record`` is the date of the newest record the picture uses: before ``as_of`` when the
    date is later than every record.

    With ``units_version="2025-07"`` the summary says so (``boundary_version``, ``district_kind``
    ``"former_district"``: ``district`` is a huyện cũ), ``units.communes`` counts the 2025-07
    communes (``commune_code``), and when the status came through the crosswalk (an
    ``old_commune_code`` column) a commune-level technology counts **former** communes:
    ``"counts": "former_communes"``, ``count`` of ``of`` ("k of n former communes without a
    standard LAN"), never one status guessed for a merged commune. ``units.communes_without_data``
    counts the 2025-07 communes no record speaks of (:func:`communes_without_data`: unknown, no
    data, never a gap).

    A technology none of whose units has a record (every status ``unknown``) has ``"count": None`` (``null``): no
    data, not 0 gaps.
    """
    table = summarise(status)
    units = status.groupby("level")["unit_id"].nunique()  # each unit once, whatever its technologies
    newest = status["status_date"].max() if "status_date" in status.columns else pd.NaT
    result: dict = {
        "as_of": picture_date(status),
        "newest_record": None if pd.isna(newest) else pd.Timestamp(newest).date().isoformat(),
        "district": district,
        "illustrative": illustrative,
        "units": {"communes": int(units.get(Level.COMMUNE.value, 0)), "villages": int(units.get(Level.VILLAGE.value, 0))},
        "gaps": {},
    }
    for row in table.itertuples(index=False):
        d = row._asdict()
        known = d["total"] > d[Status.UNKNOWN.value]  # no unit with a record: no count, never a 0 read "none missing"
        result["gaps"][d["technology"]] = {
            "level": d["level"],
            "count": int(d[Status.NONE.value]) if known else None,
            "statuses": {s: int(d[s]) for s in STATUS_ORDER},
        }
    if units_version == "2025-07":
        _as_2025(result, status)
    if record_counts is not None:
        result["records"] = record_counts
    return result


def summary_scope(summary: dict, *, lang: Lang = "en") -> str:
    """The tail of a text summary's head line: the province, the district, the 2025-07 units and the sample-data mark,
    e.g. ``", former district (huyện cũ) Bát Xát, 2025-07 units  [ILLUSTRATIVE sample data]"``; in
    Vietnamese ``", huyện cũ Bát Xát, ranh giới 2025-07  [DỮ LIỆU MINH HỌA]"``. A province comes first:
    ``", tỉnh cũ Yên Bái, huyện cũ Văn Chấn, …"`` (English ``"former province Yên Bái"``). Communes come last:
    ``", Xã Y Tý, Xã A Mú Sung"`` (:func:`~dxmap.reconcile.districts.communes_words`). dxmap's bundled boundaries
    come before them all: ``", Lào Cai 2024 (dxmap's bundled boundaries)"``."""
    tail = ""
    if summary.get("bundled_boundaries"):  # whose figures these are, when no --communes was given (QA67 F3)
        tail += ", " + label("sum_bundled", lang, where=summary["bundled_boundaries"])
    if summary.get("province_name"):
        former = summary.get("province_kind") == "former_province"
        tail += ", " + label("sum_former_province" if former else "sum_province", lang, name=summary["province_name"])
    if summary.get("district"):
        # "huyện cũ Bát Xát", "thành phố Yên Bái (cũ)"; the layer's own words: Sa Pa is no huyện but "thị xã Sa Pa"
        tail += ", " + district_words(summary["district"], summary.get("district_full_name"), lang,
                                      former=summary.get("district_kind") == "former_district")
    if summary.get("commune_codes"):  # "Xã Y Tý, Xã A Mú Sung, Xã Trịnh Tường", or "5 xã/phường: Y Tý, …"
        full = pd.DataFrame({"code": summary["commune_codes"],
                             "full_name": summary.get("commune_full_names") or summary["commune_names"]})
        tail += ", " + communes_words(zip(summary["commune_codes"], summary["commune_names"]), full, lang)
    if summary.get("boundary_version") == "2025-07":
        tail += ", " + label("sum_units_2025", lang)
        if summary.get("from_version"):
            tail += f" ({label('sum_crosswalk', lang)})"
    if summary.get("illustrative"):
        tail += f"  [{label('sum_illustrative', lang)}]"
    return tail


def former_text(technology: str, entry: dict, lang: Lang = "en") -> str:
    """A summary entry that counts former communes (``"counts": "former_communes"``) in words: "29 of 320
    former communes without a standard LAN"; where none of them has a record, "no data: none of the 320
    former communes has a record on a standard LAN", never "0 of 320" read as none missing."""
    words = {"n": entry["of"], "tech": label(f"chg_tech_{technology}", lang)}
    if entry["no_data"] == entry["of"]:
        return label("sum_former_nodata", lang, **words)
    return label("map_former_without", lang, k=entry["count"], **words)


def counts_former_communes(status: pd.DataFrame) -> bool:
    """Whether ``status`` is a 2024 picture moved into the 2025-07 units (:func:`crosswalk_status`: it has
    ``old_commune_code``): its commune-level rows are former communes, and a commune-level technology is
    counted "k of n former communes" (:data:`FORMER_COMMUNES`), never one status guessed for a merged commune.

    The map page decides something narrower per technology: whether a commune it shows holds several rows
    (``gap_map``'s ``k``/``n`` counts, which the change layer follows).
    """
    return "old_commune_code" in status.columns


def communes_without_data(status: pd.DataFrame, *, technology: Technology | str | None = None) -> pd.Index:
    """The communes of ``status`` that no record speaks of: every row of theirs has status ``unknown``.

    A commune is its ``commune_code`` (in the 2025-07 units the 2025-07 commune); it counts once,
    whatever its rows are (villages, the commune itself, its former communes). Only the status of a
    row counts, not where the row came from: the rows :func:`crosswalk_status` adds for former
    communes without a record (``from_input`` False) are ``unknown``, and one given a status later
    is data like any other. A row without a commune (a village the crosswalk could not place)
    speaks of none. The summary (``units.communes_without_data``) and the report's method text
    count this set; the report's map of a technology hatches it (with ``technology``) as "unknown".

    Parameters
    ----------
    status
        A :func:`unit_status` table (or one moved into the 2025-07 units, or with the change).
    technology
        Only this technology's records count as data: a commune of ``status`` with no known row of
        it counts, also one without any row of it (a commune without villages, for a village
        technology).

    Returns
    -------
    pandas.Index
        Their commune codes, sorted.
    """
    rows = status if technology is None else status[status["technology"].eq(Technology(technology).value)]
    known = rows.loc[rows["status"].ne(Status.UNKNOWN.value), "commune_code"].dropna()
    return pd.Index(status["commune_code"].dropna().unique()).difference(known.unique())


def _as_2025(result: dict, status: gpd.GeoDataFrame) -> None:
    """Re-word ``result`` (from :func:`summary_dict`) for a status in the 2025-07 units, in place."""
    result["boundary_version"] = "2025-07"
    result["district_kind"] = "former_district"  # districts were abolished on 2025-07-01
    units = result["units"]
    units["communes"] = int(status["commune_code"].nunique())  # unit_id of a commune row is its former commune
    if in_several_districts(status).any():  # counted in each of their former districts: those rows add up to more
        units["in_several_former_districts"] = several_counts(status)
    if not counts_former_communes(status):
        return
    result["from_version"] = CROSSWALK_FROM  # the status came through the crosswalk
    commune_rows = status["level"].eq(Level.COMMUNE.value)
    units["former_communes"] = int(status.loc[commune_rows, "unit_id"].nunique())
    units["communes_without_data"] = len(communes_without_data(status))
    for tech, entry in result["gaps"].items():
        if entry["level"] != Level.COMMUNE.value:
            continue
        entry["counts"] = FORMER_COMMUNES  # one row per former commune: k of n, never a merged status
        entry["of"] = sum(entry["statuses"].values())
        entry["no_data"] = entry["statuses"][Status.UNKNOWN.value]
        entry["text"] = former_text(tech, entry)  # the English words of summary.json, as change_text's


def html_table(caption: str, head: Sequence[object], rows: Iterable[Sequence[object]], *, note: str = "") -> str:
    """A result as a notebook shows it (``_repr_html_``): a small table under ``caption``, with ``note`` (the
    ILLUSTRATIVE mark) above it in bold; every text escaped, no style, no script."""
    def line(tag: str, cells: Sequence[object]) -> str:
        return "<tr>" + "".join(f"<{tag}>{html.escape(str(c))}</{tag}>" for c in cells) + "</tr>"

    return ("<div>" + (f"<p><strong>{html.escape(note)}</strong></p>" if note else "")
            + f"<table><caption>{html.escape(caption)}</caption><thead>{line('th', head)}</thead>"
            + f"<tbody>{''.join(line('td', r) for r in rows)}</tbody></table></div>")


def summary_html(summaries: Sequence[dict], communes: pd.DataFrame | None = None, lang: Lang = "en") -> str:
    """An analysis's summary (a comparison's: the later picture's, then the earlier's) as a notebook shows it: the
    place and date, then per technology its units without it of all units of its level ("Mobile broadband |
    6 / 1,554 villages"), a column per picture; the ILLUSTRATIVE mark when set (QA69 F7). The place is the one the
    picture is cut to, else the provinces of its ``communes``."""
    first = summaries[0]
    place = (", ".join(first.get("commune_full_names") or first.get("commune_names") or [])
             or first.get("district_full_name") or first.get("district") or first.get("province_name")
             or ", ".join(sorted(set(communes["province_name"].dropna().astype(str)))
                          if communes is not None and "province_name" in communes.columns else []))

    def cell(summary: dict, tech: str) -> str:
        gap = summary.get("gaps", {}).get(tech)
        if not gap:
            return ""
        total = sum(gap.get("statuses", {}).values())
        return f"{number_text(gap['count'], lang)} / {number_text(total, lang)} {label(gap['level'] + 's', lang)}"

    head = [label("rpt_technology", lang), *(label("rpt_without", lang, date=date_text(s.get("as_of"), lang))
                                             for s in summaries)]
    rows = [[label(tech, lang), *(cell(s, tech) for s in summaries)] for tech in first.get("gaps", {})]
    caption = " · ".join(t for t in (place, date_text(first.get("as_of"), lang)) if t)
    return html_table(caption, head, rows, note=label("illustrative", lang) if first.get("illustrative") else "")

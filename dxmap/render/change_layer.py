"""The change between two snapshots on the gap map: fixed, still missing, newly missing and missing with no
earlier data (``first``), per technology.

The change is page data, not a layer of its own: :func:`change_layer` adds it to the payload of the gap
map (:func:`gap_map`), and the page's script draws it with the gap layer's symbols, counts it in the gap
legend (following the district and commune filters) and lists it in the table and its CSV.
"""

from __future__ import annotations

import logging
from functools import partial

import folium
import geopandas as gpd
import numpy as np
import pandas as pd

from dxmap._lookup import positions
from dxmap.errors import SchemaError
from dxmap.gaps.change import CHANGE_STYLE, Change, period_phrase
from dxmap.gaps.status import picture_date
from dxmap.labels import Lang, date_text, label, log_said
from dxmap.render.webmap import _MISSING, gap_map, page_data, small_ints, status_chars
from dxmap.validate.vocab import Level, Status

__all__ = ["change_layer", "change_data"]

log = logging.getLogger(__name__)

# the page's change codes (dxmap.CHANGES in map-change.js): "first" last, so the codes of the others stay as they were
_CHANGES = [Change.STAYED.value, Change.NEW.value, Change.FIXED.value, Change.FIRST.value]


def change_layer(
    changes: gpd.GeoDataFrame,
    *,
    lang: Lang = "vi",
    m: folium.Map | None = None,
    before: gpd.GeoDataFrame | None = None,
) -> folium.Map:
    """Add the change since the earlier snapshot of ``changes`` to a gap map.

    The gap map's page then marks, for the technology shown, the units fixed (a green ring with a dot), still
    missing (the gap marker, drawn once), newly missing (the gap marker in a pink ring) and missing with no
    data at the earlier date (the plain gap marker: newly reported, not newly missing), and its
    legend, table and CSV count and list them for the district and commune chosen.

    Parameters
    ----------
    changes
        From :func:`change_status` or :attr:`Comparison.changes`, over the units of the gap map.
    lang
        ``"vi"`` (default) or ``"en"``: the language of the map made when ``m`` is None (a map of
        :func:`gap_map` keeps its own).
    m
        A map made by :func:`gap_map` (e.g. of :attr:`Comparison.now`'s status). When None, a gap map
        of ``changes`` is made, with the communes its commune-level rows outline.
    before
        The earlier picture (:attr:`Comparison.before`'s ``status``): units present only in it are
        counted on the page ("only in the data of DATE"). Optional.

    Returns
    -------
    folium.Map
        ``m`` (or the new map).

    Raises
    ------
    SchemaError
        ``m`` has no gap map, or ``m`` is None and ``changes`` has no commune outlines to draw.
    """
    if m is None:
        m = gap_map(changes, _communes_of(changes), lang=lang)
    data = page_data(m)
    if data is None:
        raise SchemaError("change_layer draws onto a gap map, and m has none: pass m=gap_map(status, communes, …) "
                          "(the picture at the later date, e.g. Comparison.now.status), or leave m out.")
    data["change"] = change_data(changes, data, before=before)
    counts = changes.loc[changes["change"].ne(Change.NO_GAP.value)].groupby(["technology", "change"]).size()
    log_said(log, logging.INFO, "log_change_map", changes=lambda lg: ", ".join(
        label("log_change_count", lg, tech=label(f"log_tech_{t}", lg), change=label(f"log_change_{c}", lg), n=n)
        for (t, c), n in counts.items()))
    return m


def change_data(changes: gpd.GeoDataFrame, data: dict, *, before: gpd.GeoDataFrame | None = None) -> dict:
    """The ``"change"`` entry of a gap map's page data (see :func:`change_layer`).

    Parameters
    ----------
    changes
        From :func:`change_status`.
    data
        The gap map's page data (:func:`dxmap.render.webmap.page_data`): its villages and communes
        say where each row goes.
    before
        The earlier picture, for the units present only in it.

    Returns
    -------
    dict
        ``since`` (the earlier date), ``asOf``, ``title`` ("Thay đổi từ sau 31/3/2024 (quý II/2024)"),
        ``style``: the symbol of each change (:data:`CHANGE_STYLE`, the one definition the report draws
        too: the status whose marker is drawn, the ring and dot colours and radii), ``prev``: per technology the earlier
        status of each unit of the page in the encoding of the current one (one character per unit, its
        index in STATUS_ORDER, ``-`` = no row); ``former``, for a commune technology the page counts per
        former commune (2025 units shown from 2024 rows: its status entry has ``n``), the change counted per
        former commune (see :func:`_former_changes`) instead of ``prev``, and, when the page lists its former
        communes (``formers``), ``f``: each one's own change and ``fThen``: which had a record at the earlier date
        (see :func:`_per_former_change`); and ``gone``: the
        units present only earlier (``level``, ``id``, ``c`` the commune index or -1, and ``prev`` per technology,
        the same encoding).
    """
    lang = data.get("lang", "vi")
    since, as_of = picture_date(changes, "compare_to") or "", picture_date(changes) or ""
    if as_of and data.get("asOf") and as_of != data["asOf"]:
        log_said(log, logging.WARNING, "log_change_other_date", date=partial(date_text, as_of),
                 shown=partial(date_text, data["asOf"]))
    phrase = period_phrase(since, as_of or data.get("asOf") or since, lang=lang) if since else ""
    title = label("chg_layer", lang, since=phrase) if since else ""
    villages, communes = pd.Index(data["villages"]["id"]), pd.Index(data["communes"]["code"])
    prev: dict[str, str] = {}
    former: dict[str, dict] = {}
    for tech in data["techs"]:
        rows = changes[changes["technology"].eq(tech["key"])]
        village = tech["level"] == Level.VILLAGE.value
        pos = positions(rows["unit_id"].astype(str), villages) if village else positions(rows["commune_code"], communes)
        found = pos >= 0
        if "n" in data["status"][tech["key"]]:
            # The page counts this technology per former commune (k of n: 2025 units drawn from 2024 rows, several
            # former communes on a commune, as gap_map found), so its change is counted per former commune too;
            # no earlier status is guessed for a merged commune.
            # known then: a row whose earlier status was not unknown (change_summary's known_then, QA63 4)
            known = rows["previous_status"].ne(Status.UNKNOWN.value).to_numpy()[found]
            former[tech["key"]] = _former_changes(rows["change"].to_numpy()[found], pos[found], len(communes), known)
            if "formers" in data:  # each former commune's own change: a former district counts only its own
                f, f_then = _per_former_change(rows.iloc[np.flatnonzero(found)], pos[found], data["formers"],
                                               len(communes), known)
                former[tech["key"]].update(f=f, fThen=f_then)
            continue
        codes = np.full(len(villages) if village else len(communes), ord(_MISSING), dtype=np.uint8)
        # previous_status is "unknown" where the earlier data has no row (change_status reads it so)
        codes[pos[found]] = status_chars(rows["previous_status"].to_numpy()[found])
        prev[tech["key"]] = codes.tobytes().decode("ascii")
    return {
        "since": since, "asOf": as_of, "title": title,
        "style": {c: dict(CHANGE_STYLE[c]) for c in _CHANGES},
        "prev": prev,
        **({"former": former} if former else {}),
        "gone": _gone(changes, before, data, communes),
    }


def _former_changes(change: np.ndarray, pos: np.ndarray, n: int, known: np.ndarray) -> dict:
    """Per commune of several former communes: how many of them are still missing, newly missing, fixed and
    missing with no earlier data (``stayed``, ``new``, ``fixed``, ``first``, small integers as the page codes them)
    and ``ch``, one character per commune: ``-`` when none of them changed, else the one the table sorts by (``1``
    newly missing before ``2`` fixed before ``3`` no earlier data before ``0`` still missing). The page draws and
    tells each commune's change from the counts, never from ``ch`` alone: a commune with one former commune still
    missing and one fixed is both. ``then``: how many of them had a record at the earlier date (``known``, one per
    row): where none of a place's had, its legend writes "–" for the counts that need the earlier picture, as
    :func:`dxmap.gaps.change.change_summary` leaves them empty
    (:data:`dxmap.gaps.change.THEN_COUNTS`), not 0."""
    out = {c: small_ints(np.bincount(pos[change == c], minlength=n)) for c in _CHANGES}
    out["then"] = small_ints(np.bincount(pos[known], minlength=n))
    code = np.full(n, ord(_MISSING), dtype=np.uint8)
    for c in (Change.STAYED.value, Change.FIRST.value, Change.FIXED.value, Change.NEW.value):  # the last written wins
        code[np.unique(pos[change == c])] = ord("0") + _CHANGES.index(c)
    return {**out, "ch": code.tobytes().decode("ascii")}


def _per_former_change(rows: pd.DataFrame, pos: np.ndarray, formers: dict, n_communes: int,
                       known: np.ndarray) -> tuple[str, int | str | list[int]]:
    """The change of each former commune the page lists (``formers``, commune by commune, by code within one, as
    :func:`dxmap.render.webmap._former_communes` numbers them), one character each: its index in the page's
    changes (``0`` still missing, ``1`` newly missing, ``2`` fixed, ``3`` no earlier data) or ``-`` (no change to
    tell, or no row).
    ``rows``: the technology's change rows on the page, ``pos`` the position of each one's commune among the page's
    ``n_communes``; ``known`` whether each row had a record at the earlier date. Returned with each former commune's
    1 when it had one, else 0 (:func:`small_ints`): a former district none of whose former communes had a record then
    writes "–" for the counts that need the earlier picture.

    A former district then counts only the former communes that were in it, as ``summary --district`` and the
    gap counts do, not all of a new commune that lies only partly in it."""
    per_commune = _read_ints(formers["n"], n_communes)
    commune_of = np.repeat(np.arange(n_communes), per_commune)  # the commune each former commune went into
    keys = pd.Series(commune_of.astype(str)) + ":" + pd.Series(formers["code"], dtype="string")
    codes = np.full(len(keys), ord(_MISSING), dtype=np.uint8)
    then = np.zeros(len(keys), dtype=np.int64)
    if "old_commune_code" not in rows.columns or not len(keys):
        return codes.tobytes().decode("ascii"), small_ints(then)
    old = rows["old_commune_code"].astype("string").str.strip().fillna("").reset_index(drop=True)  # as gap_map reads it
    at = positions(pd.Series(pos.astype(str)) + ":" + old, keys)
    change = rows["change"].to_numpy()
    for ci, c in enumerate(_CHANGES):
        codes[at[(at >= 0) & (change == c)]] = ord("0") + ci
    then[at[(at >= 0) & known]] = 1
    return codes.tobytes().decode("ascii"), small_ints(then)


def _read_ints(values: int | str | list[int], n: int) -> np.ndarray:
    """:func:`small_ints` read back: ``n`` zeros for 0, else the values it wrote."""
    if isinstance(values, int):
        return np.zeros(n, dtype=np.int64)
    if isinstance(values, str):
        return np.frombuffer(values.encode("ascii"), dtype=np.uint8).astype(np.int64) - 63
    return np.asarray(values, dtype=np.int64)


def _gone(changes: gpd.GeoDataFrame, before: gpd.GeoDataFrame | None, data: dict, communes: pd.Index) -> dict:
    """The units of ``before`` that ``changes`` (the later picture) no longer has, with their earlier statuses."""
    empty = {"level": [], "id": [], "c": [], "prev": {}}
    if before is None or before.empty:
        return empty
    key = ["level", "unit_id", "technology"]
    later = pd.MultiIndex.from_frame(changes[key].astype(str))
    rows = before[~pd.MultiIndex.from_frame(before[key].astype(str)).isin(later)]
    rows = rows[rows["technology"].isin([t["key"] for t in data["techs"]])]
    if rows.empty:
        return empty
    units = rows.drop_duplicates(["level", "unit_id"])
    unit_pos = positions(pd.Series(list(zip(rows["level"], rows["unit_id"].astype(str)))),
                         pd.Series(list(zip(units["level"], units["unit_id"].astype(str)))))
    prev = {}
    for tech in data["techs"]:
        mine = rows["technology"].eq(tech["key"]).to_numpy()
        if not mine.any():
            continue
        codes = np.full(len(units), ord(_MISSING), dtype=np.uint8)
        codes[unit_pos[mine]] = status_chars(rows["status"].to_numpy()[mine])
        prev[tech["key"]] = codes.tobytes().decode("ascii")
    log_said(log, logging.INFO, "log_change_gone", n=len(units), date=partial(date_text, picture_date(before)))
    return {"level": units["level"].astype(str).tolist(), "id": units["unit_id"].astype(str).tolist(),
            "c": positions(units["commune_code"], communes).tolist(), "prev": prev}


def _communes_of(changes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The commune outlines of ``changes``' commune-level rows (for a map of the change alone)."""
    rows = changes[changes["level"].eq(Level.COMMUNE.value)]
    rows = rows[rows.geometry.notna() & rows.geom_type.isin(["Polygon", "MultiPolygon"])]
    if rows.empty:
        raise SchemaError("change_layer: changes has no commune outlines (no commune-level rows with polygons) to draw "
                          "a map of its own; pass m=gap_map(status, communes, …) instead.")
    out = rows.drop_duplicates("commune_code")
    return gpd.GeoDataFrame({"code": out["commune_code"].to_numpy(), "name": out["commune_name"].to_numpy(),
                             "district_code": out["district_code"].to_numpy(), "district_name": out["district_name"].to_numpy(),
                             "map_unit": out["map_unit"].to_numpy()}, geometry=out.geometry.to_numpy(), crs=changes.crs)

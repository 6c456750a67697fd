"""Boundary versions and the 2024 → 2025-07 crosswalk (old Lào Cai + Yên Bái → new Lào Cai).

On 1 July 2025 Vietnam abolished districts and merged communes; the new Lào Cai (province 15) is
the old Lào Cai (10) plus Yên Bái (15), 320 communes into 99. Every new unit reuses the 5-digit
code of one old unit, 44 of them under another name, so a code alone does not say which unit is
meant. A boundary set therefore carries a version (``"2024"``, ``"2025-07"``) in a
``boundary_version`` column. Records are joined to the version
they were written for; :func:`reconcile` refuses to mix versions unless it is given the crosswalk.

The crosswalk (``data/crosswalk/laocai_yenbai_2024_to_2025-07.csv``, built by
``scripts/build_crosswalk.py``) is the official NSO conversion table for these two provinces,
one row per old unit: 312 old units lie wholly in one new unit (xã Tà Chải, 02872, dissolved into
TT Bắc Hà in 2024-11, follows it) and 8 only partly (their villages are placed by location). See
``data/crosswalk/PROVENANCE.md``.

A 2024 picture is shown in the 2025-07 units with :func:`crosswalk_status` (the status table
re-keyed to the new units) and counted per new unit with :func:`crosswalk_summary`. A commune-level
status (a standard LAN at the commune office) is never merged into one status for the new unit: the
new unit's office is one of the old ones, and the data does not say which. It is counted as "k of n
former communes", one row per former commune.
"""

from __future__ import annotations

import functools
import logging
from enum import Enum

import geopandas as gpd
import numpy as np
import pandas as pd

from dxmap.io.boundaries import boundary_version
from dxmap.io.bundled import bundled_crosswalk, bundled_units_2025
from dxmap.errors import ArgumentError, SchemaError, VersionMismatchError, said_error
from dxmap.labels import Lang, date_text, label, log_said, say
from dxmap.reconcile.partition import points_in_polygons
from dxmap.validate.dates import preview_in, rows_in
from dxmap.validate.vocab import BOUNDARY_VERSIONS, STATUS_ORDER, Level, Status
from dxmap.validate.text import commune_kind, name_key, name_key_series, spelling_key, strip_prefix

__all__ = [
    "BOUNDARY_VERSIONS",
    "CROSSWALK_FROM",
    "CROSSWALK_TO",
    "NEW_UNITS_FROM",
    "crosswalk_codes",
    "crosswalk_status",
    "declared_versions",
    "crosswalk_summary",
    "dates_of",
    "dated_rounds",
    "names_units_of",
    "fits_units_of",
    "versions_by_file",
    "Placement",
    "check_versions",
    "former_communes",
    "named_as_former",
    "version_hint",
    "evident_version",
    "units_version",
    "implied_new_units",
    "named_with_former",
    "names_only_units_of",
]

log = logging.getLogger(__name__)

CROSSWALK_FROM, CROSSWALK_TO = BOUNDARY_VERSIONS  # the versions every crosswalk dxmap reads leads between
NEW_UNITS_FROM = pd.Timestamp("2025-07-01")  # the day the 2025-07 units (communes without districts) took effect
_NO_UNIT = "(no 2025-07 unit in the crosswalk)"


def crosswalk_codes(codes: pd.Series, *, crosswalk: pd.DataFrame | None = None) -> pd.DataFrame:
    """The 2025-07 unit of each 2024 commune code, aligned with ``codes``.

    Returns a frame with ``new_code``, ``new_name``, ``relation`` (``whole``/``part``/``none``,
    or ``<NA>`` when the code is not in the crosswalk) and ``n_successors``. An old unit split
    between several new units (``n_successors`` > 1) gets ``new_code`` ``<NA>``: only a location
    can say which new unit a village of it belongs to.
    """
    cw = bundled_crosswalk() if crosswalk is None else crosswalk
    first = cw.drop_duplicates("old_code").set_index("old_code")
    out = pd.DataFrame(index=codes.index)
    key = codes.astype("string")
    out["relation"] = key.map(first["relation"]).astype("string")
    out["n_successors"] = key.map(first["n_successors"]).astype("Int64")
    single = out["n_successors"].eq(1).fillna(False)
    out["new_code"] = key.map(first["new_code"]).astype("string").where(single)
    out["new_name"] = key.map(first["new_name"]).astype("string").where(single)
    return out


def check_versions(records_version: str | None, layer_version: str | None, *, where: str = "records") -> None:
    """Raise :class:`VersionMismatchError` when records and boundaries are for different versions."""
    if records_version is None or layer_version is None or records_version == layer_version:
        return
    raise said_error(VersionMismatchError, "err_records_version",
                     where=functools.partial(label, "err_where_records") if where == "records" else where,
                     records_version=records_version, layer_version=layer_version,
                     # the crosswalk leads from the 2024 units only
                     moved=functools.partial(label, "err_records_version_moved") if records_version == CROSSWALK_FROM
                     else ".")


@functools.lru_cache(maxsize=1)
def _version_keys() -> pd.DataFrame:
    """(version, code, name key) of every unit the shipped lists know, to explain version mix-ups."""
    cw = bundled_crosswalk()
    old = pd.DataFrame({"version": "2024", "code": cw["old_code"], "key": cw["old_name"].map(name_key)})
    units = bundled_units_2025()
    new = pd.DataFrame({"version": "2025-07", "code": units["code"], "key": units["full_name"].map(name_key)})
    return pd.concat([old, new], ignore_index=True).drop_duplicates()


def evident_version(communes: pd.DataFrame) -> tuple[str, int, int] | None:
    """The version a commune layer's codes and names are evidently of, by the lists dxmap ships (Lào Cai's and Yên
    Bái's units of 2024 and of 2025-07): ``(version, features that fit it, features that fit it only)``, when nine in
    ten of its features fit that version, at least one in ten fits it only, and none fits the other only; else None (a
    layer of another province, or of both versions). Codes were reused on 1 July 2025 and many units kept theirs,
    so only the features of one version alone tell: 32 of the 99 units of 2025-07, 115 of Lào Cai's 152 communes.
    """
    keys = _version_keys()
    codes = communes["code"].astype("string")
    # A feature whose code no list has fits neither version: its name is only told apart, not keyed (a national
    # layer of 10,600 communes has some 300 codes of these provinces).
    known = codes.isin(keys["code"]).to_numpy(dtype=bool, na_value=False)
    names = communes["name"].astype(object).to_numpy(copy=True)
    names[known] = communes["name"][known].map(name_key, na_action="ignore").to_numpy()
    probe = pd.DataFrame({"code": codes.to_numpy(), "key": names}).drop_duplicates()
    if probe.empty:
        return None
    fits = {v: probe.merge(keys.loc[keys["version"].eq(v), ["code", "key"]].drop_duplicates(), on=["code", "key"],
                           how="left", indicator=True)["_merge"].eq("both").to_numpy() for v in BOUNDARY_VERSIONS}
    for version, other in (BOUNDARY_VERSIONS, BOUNDARY_VERSIONS[::-1]):
        only, against = fits[version] & ~fits[other], fits[other] & ~fits[version]
        if fits[version].sum() >= 0.9 * len(probe) and only.sum() >= 0.1 * len(probe) and not against.any():
            return version, int(fits[version].sum()), int(only.sum())
    return None


def fits_units_of(records: pd.DataFrame, version: str) -> tuple[np.ndarray, np.ndarray]:
    """Per record: whether it names a commune (``commune_code``, ``commune_name`` or both), and whether that commune
    is a unit of ``version`` in the lists dxmap ships (by code and name, or by the one it gives)."""
    keys = _version_keys()
    mine = keys[keys["version"].eq(version)]
    blank = pd.Series(pd.NA, index=records.index, dtype="string")
    code = records["commune_code"].astype("string") if "commune_code" in records.columns else blank
    key = (records["commune_name"].map(name_key, na_action="ignore").astype("string")
           if "commune_name" in records.columns else blank).replace("", pd.NA)
    has_code, has_key = code.notna().to_numpy(dtype=bool), key.notna().to_numpy(dtype=bool)
    pair = pd.MultiIndex.from_arrays([code.fillna(""), key.fillna("")]).isin(
        pd.MultiIndex.from_frame(mine[["code", "key"]]))
    fits = np.where(has_code & has_key, pair, np.where(has_code, code.isin(mine["code"]), key.isin(mine["key"])))
    return has_code | has_key, fits.astype(bool)


def names_units_of(records: pd.DataFrame, version: str) -> bool:
    """Whether every commune ``records`` name (``commune_code`` and ``commune_name``, or either alone) is a unit of
    ``version`` in the lists dxmap ships, and they name at least one: records consistent with that version's units,
    though their codes and names may fit the other's as well (02701 Xã Y Tý kept both on 1 July 2025), which
    :func:`evident_version` does not take for evidence. A former commune, or a commune of another province, is not."""
    named, fits = fits_units_of(records, version)
    return bool(named.any()) and bool(fits[named].all())


def names_only_units_of(records: pd.DataFrame, version: str) -> bool:
    """:func:`names_units_of` ``version``, with at least one commune that only ``version`` has (Xã Tân Tiến 02950
    of 2024; Xã Bảo Yên of 2025-07): records evidently of that version's units."""
    other = CROSSWALK_TO if version == CROSSWALK_FROM else CROSSWALK_FROM
    named, fits = fits_units_of(records, version)
    alone = fits & ~fits_units_of(records, other)[1]
    return bool(named.any()) and bool(fits[named].all()) and bool(alone[named].any())


def dates_of(records: pd.DataFrame) -> pd.Series:
    """The records' dates (``as_of``) as timestamps, NaT where none (or no ``as_of`` column): what places them on
    one side of 1 July 2025 (:data:`NEW_UNITS_FROM`)."""
    return pd.to_datetime(records["as_of"] if "as_of" in records.columns else pd.Series(pd.NaT, index=records.index),
                          errors="coerce")


def dated_rounds(records: pd.DataFrame) -> pd.Series:
    """The units each record's file is of by its dates alone: ``"2024"`` where every record of its file is dated
    before 1 July 2025 (:data:`NEW_UNITS_FROM`), ``"2025-07"`` where every one is dated from that day, ``<NA>`` for a
    file of both sides or of no dates; aligned with ``records`` (records without a ``file`` column are one file)."""
    files = records["file"].astype(str) if "file" in records.columns else pd.Series("", index=records.index)
    per_file = dates_of(records).groupby(files)
    return (pd.Series(pd.NA, index=records.index, dtype="string")
            .mask(per_file.transform("max").lt(NEW_UNITS_FROM).to_numpy(dtype=bool), CROSSWALK_FROM)
            .mask(per_file.transform("min").ge(NEW_UNITS_FROM).to_numpy(dtype=bool), CROSSWALK_TO))


def versions_by_file(records: pd.DataFrame) -> list[str] | None:
    """One version per records file, in their order, for advice that reads the files holding records dated from 1 July
    2025 in the 2025-07 units without the others (``--records-version 2024 --records-version 2025-07``):
    ``"2025-07"`` for those, ``"2024"`` for the files dated wholly before; None for records of one file, or when
    every file holds such records."""
    if "file" not in records.columns or "as_of" not in records.columns:
        return None
    late = dates_of(records).ge(NEW_UNITS_FROM)
    per_file = late.groupby(records["file"].astype(str), sort=False).any()
    return None if per_file.nunique() < 2 else [CROSSWALK_TO if new else CROSSWALK_FROM for new in per_file]


def units_version(frame: pd.DataFrame, code: str = "code", name: str = "name") -> str | None:
    """The version the units named in ``frame`` (its ``code`` and ``name`` columns: a layer's, a status' commune
    columns, outcomes' matched ones) evidently are of (:func:`evident_version`); None when they do not tell, or
    ``frame`` has no such columns."""
    if not {code, name} <= set(frame.columns):
        return None
    found = evident_version(frame[[code, name]].dropna().drop_duplicates().set_axis(["code", "name"], axis=1))
    return found[0] if found else None


def implied_new_units(records: pd.DataFrame, records_version: str | None = None) -> pd.Series:
    """The records that say they are written for the 2025-07 units by what they hold, though no ``boundary_version``
    cell nor ``records_version`` says so: a row naming a commune AND its former commune ("Xã mới" and "Xã cũ"), dated
    from 1 July 2025 (QA65 F15: such a 2026 sheet was matched to the 2024 communes, "Xã Bát Xát" to Thị trấn Bát
    Xát, villages of two former communes merged into one). Before that day "xã cũ" may be a commune merged in 2020."""
    none = pd.Series(False, index=records.index)
    if records_version is None and "as_of" in records.columns:
        late = dates_of(records).ge(NEW_UNITS_FROM).fillna(False)
        return (named_with_former(records) & late).astype(bool)
    return none


def named_with_former(records: pd.DataFrame) -> pd.Series:
    """The rows that say no version (no ``boundary_version`` cell) and name a commune and its former commune, whatever
    their date: from 1 July 2025 they are written for the 2025-07 units (:func:`implied_new_units`)."""
    none = pd.Series(False, index=records.index)
    formers = [c for c in ("former_commune_name", "former_commune_code") if c in records.columns]
    units = [c for c in ("commune_code", "commune_name") if c in records.columns]
    if not formers or not units:
        return none
    said = records["boundary_version"].notna() if "boundary_version" in records.columns else none
    return (records[formers].notna().any(axis=1) & records[units].notna().any(axis=1) & ~said).astype(bool)


def declared_versions(records: pd.DataFrame, records_version: str | None = None) -> pd.Series:
    """The boundary version each record says it is written for: its ``boundary_version`` cell, else
    ``records_version``; ``<NA>`` where neither says (a blank cell too: it is read as the boundary set's version).
    A row that names its commune and former commune and is dated from 1 July 2025 says 2025-07
    (:func:`implied_new_units`).

    Raises :class:`~dxmap.errors.SchemaError` when cells name no version of :data:`BOUNDARY_VERSIONS` ("2025",
    "mới": the reader has read what it could, "07/2025" as "2025-07"), with each value, its file and rows, and
    :class:`~dxmap.errors.ArgumentError` for a ``records_version`` that is none."""
    if records_version is not None and records_version not in BOUNDARY_VERSIONS:
        raise said_error(ArgumentError, "err_records_version_value", given=repr(records_version),
                         versions=", ".join(map(repr, BOUNDARY_VERSIONS)))
    declared = (records["boundary_version"].astype("string") if "boundary_version" in records.columns
                else pd.Series(pd.NA, index=records.index, dtype="string"))
    unknown = (declared.notna() & ~declared.isin(BOUNDARY_VERSIONS)).to_numpy(dtype=bool)
    if unknown.any():
        odd = records.loc[unknown].assign(_v=declared[unknown])
        files = odd["file"].astype(str) if "file" in odd.columns else pd.Series("", index=odd.index)
        rows = odd["row"] if "row" in odd.columns else pd.Series(odd.index + 1, index=odd.index)
        listed = [(f, v, pd.unique(r.to_numpy())) for (f, v), r in rows.groupby([files, odd["_v"]], sort=False)]
        raise said_error(SchemaError, "err_version_values", where=", ".join(dict.fromkeys(files)) or "records",
                         values=lambda lg: preview_in([f"{v!r} ({rows_in(r, lg)})" for _, v, r in listed], lg,
                                                      quoted=False),
                         versions=", ".join(BOUNDARY_VERSIONS))
    if records_version is None:
        return declared.mask(implied_new_units(records).to_numpy(), "2025-07")
    return declared.fillna(records_version)


def version_hint(codes: pd.Series, names: pd.Series, layer_version: str | None, lang: Lang = "en") -> pd.Series:
    """For (code, name) pairs that contradict ``layer_version`` but fit another version: a sentence saying so, in
    ``lang``."""
    hint = pd.Series("", index=codes.index, dtype="string")
    if layer_version is None or codes.isna().all():
        return hint
    keys = _version_keys()
    other = keys[keys["version"].ne(layer_version)]
    probe = pd.DataFrame({"_i": codes.index, "code": codes.astype("string").values, "key": names.map(name_key, na_action="ignore").values})
    hit = probe.merge(other, on=["code", "key"], how="inner").drop_duplicates("_i").set_index("_i")["version"]
    if hit.empty:
        return hint
    hint.loc[hit.index] = say("rsn_version_hint", lang, version=hit.astype(str))
    return hint


@functools.cache
def _crosswalk_formers() -> pd.DataFrame:
    """The crosswalk's 2024 units, one row each, as names are looked up: ``key`` (:func:`name_key`), ``kind`` (its unit
    word), ``spelt`` (:func:`_commune_spelling`), its district's ``district_key``, ``district_code`` and ``district``
    name, and ``new_code``, the 2025-07 unit it went into."""
    cw = bundled_crosswalk()
    return pd.DataFrame({"key": cw["old_name"].map(name_key), "kind": cw["old_name"].map(commune_kind),
                         "spelt": cw["old_name"].map(_commune_spelling),
                         "district_key": cw["old_district_name"].map(name_key),
                         "district_code": cw["old_district_code"].astype("string"),
                         "district": cw["old_district_name"], "new_code": cw["new_code"].astype("string")})


@functools.cache
def _former_communes(lang: Lang = "en") -> pd.DataFrame:
    """:func:`_crosswalk_formers` with where each went (``text``) and its new unit as a suggestion (``suggestion``:
    "02701 Y Tý (since 1 July 2025)"), in ``lang``."""
    cw = bundled_crosswalk()
    old = cw["old_code"] + " " + cw["old_name"] + " (" + cw["old_district_name"] + ")"
    new = cw["new_code"] + " " + cw["new_name"]
    whole = cw["relation"].eq("whole").to_numpy(dtype=bool, na_value=False)
    text = say("rsn_former_part", lang, old=old, new=new).where(~whole, say("rsn_former_whole", lang, old=old, new=new))
    unit = cw["new_code"] + " " + cw["new_name"].map(strip_prefix)
    return _crosswalk_formers().assign(text=text, suggestion=say("rsn_since_new_units", lang, unit=unit))


def former_communes(names: pd.Series, district_names: pd.Series, layer_version: str | None,
                    lang: Lang = "en", district_codes: pd.Series | None = None) -> pd.DataFrame:
    """For commune names that may fit no unit of a 2025-07 layer but name 2024 communes of the crosswalk (all
    namesakes, unless the district (by name, or ``district_codes``) names one of them, or the name's unit word one
    kind of them: "Thị trấn Trạm Tấu"
    is not Xã Trạm Tấu): ``hint``, a sentence saying which 2025-07 unit each became part of, and ``suggestions``,
    those units ("02701 Y Tý (since 1 July 2025)"); "" for other names and layers. Both in ``lang``."""
    out = pd.DataFrame({"hint": "", "suggestions": ""}, index=names.index, dtype="string")
    if layer_version != CROSSWALK_TO or names.isna().all():
        return out
    went = _former_communes(lang)
    probe = pd.DataFrame({"key": names.map(name_key, na_action="ignore"),
                          "kind": names.map(commune_kind, na_action="ignore").fillna(""),
                          "spelt": names.map(_commune_spelling, na_action="ignore").fillna(""),
                          "district_key": district_names.map(name_key, na_action="ignore"),
                          "district_code": pd.NA if district_codes is None else district_codes.astype("string")})
    for (key, kind, spelt, dkey, dcode), rows in probe.groupby(["key", "kind", "spelt", "district_key",
                                                                "district_code"], dropna=False, sort=False).groups.items():
        found = went[went["key"].eq(key)]
        if isinstance(dkey, str) and found["district_key"].eq(dkey).any():
            found = found[found["district_key"].eq(dkey)]
        elif isinstance(dcode, str) and found["district_code"].eq(dcode).any():
            found = found[found["district_code"].eq(dcode)]
        if kind and found["kind"].eq(kind).any():
            found = found[found["kind"].eq(kind)]
        if found["spelt"].eq(spelt).any():  # "Xà Hồ" is not Bản Hồ, though both are "ho" to name_key
            found = found[found["spelt"].eq(spelt)]
        if not found.empty:
            out.loc[rows, "hint"] = label("rsn_former_hint", lang, list="; ".join(found["text"]))
            out.loc[rows, "suggestions"] = "; ".join(dict.fromkeys(found["suggestion"]))
    return out


@functools.cache
def _former_places() -> tuple[pd.DataFrame, dict[str, frozenset[str]], frozenset[str]]:
    """The crosswalk's 2024 communes as (name key, unit word, district key and code, new unit) rows; the former
    districts (keys and codes) each 2025-07 unit's former communes lay in; all former districts' keys and codes."""
    formers = _crosswalk_formers()
    places = pd.concat([formers[["new_code", "district_key"]].rename(columns={"district_key": "d"}),
                        formers[["new_code", "district_code"]].rename(columns={"district_code": "d"})])
    within = {code: frozenset(d.dropna()) for code, d in places.groupby("new_code")["d"]}
    return formers, within, frozenset(places["d"].dropna())


def _commune_spelling(name: object) -> str:
    """A commune name's :func:`~dxmap.validate.text.spelling_key` without its unit word: "Xã Nậm Chảy": "nậm chảy"."""
    return spelling_key(strip_prefix(name)) if isinstance(name, str) else ""


def named_as_former(names: pd.Series, district_names: pd.Series, district_codes: pd.Series, new_codes: pd.Series,
                    new_names: pd.Series, new_kinds: pd.Series, layer_version: str | None) -> pd.DataFrame:
    """For records a 2025-07 layer matched by their commune name alone to the units ``new_codes`` (named
    ``new_names``, of the kinds ``new_kinds``: "xã", "phường"): whether their own words say they name a commune of
    before 1 July 2025 that went into another unit, by the crosswalk. Columns, "" where not:

    - ``kind``: the unit word the name says ("thị trấn") where the new unit is not of that kind, a former commune of
      that name is, and none of those went into the new unit ("Thị trấn Trạm Tấu" is 04585, now Xã Hạnh Phúc, not
      04606 Xã Trạm Tấu; "Thị trấn Bát Xát" is Xã Bát Xát's own, and matches it);
    - ``district``: the former district the row names (by name or code) where a former commune of that name lay and
      the new unit has no part of ("Phường Nam Cường", "Thành phố Lào Cai": 02671, not 04273 of old Yên Bái city);
    - ``spelt``: "1" where the name is spelt, diacritics and all, as a former commune that went elsewhere is and not
      as the new unit is ("Xã Nậm Chảy" of Mường Khương, not 03076 Xã Nậm Chày; "Xà Hồ", not Bản Hồ).

    A name typed as the new unit is, with a district of its own or none, is none of these. Once per distinct row;
    aligned with ``names``; "" throughout for a layer of another version and for units the crosswalk lacks."""
    out = pd.DataFrame({"kind": "", "district": "", "spelt": ""}, index=names.index, dtype="string")
    if layer_version != CROSSWALK_TO or names.empty:
        return out
    formers, within, districts = _former_places()
    probe = pd.DataFrame({"name": names.astype("string"), "dname": district_names.astype("string"),
                          "dcode": district_codes.astype("string"), "code": new_codes.astype("string"),
                          "new_name": new_names.astype("string"), "unit_kind": new_kinds.astype("string").fillna("")},
                         index=names.index)
    probe = probe[probe["code"].isin(list(within)).to_numpy(dtype=bool)]
    probe = probe[name_key_series(probe["name"]).isin(set(formers["key"])).to_numpy(dtype=bool)]
    for (name, dname, dcode, code, new_name, unit_kind), rows in probe.groupby(
            ["name", "dname", "dcode", "code", "new_name", "unit_kind"], dropna=False, sort=False).groups.items():
        same = formers[formers["key"].eq(name_key(name))]
        if same.empty:
            continue
        spelt = _commune_spelling(name)
        if spelt != _commune_spelling(new_name):
            alike = same["spelt"].eq(spelt)
            if alike.any() and not same.loc[alike, "new_code"].eq(code).any():
                out.loc[rows, "spelt"] = "1"
        dkey = name_key(dname) if isinstance(dname, str) else None
        district = dcode if isinstance(dcode, str) and dcode in districts else dkey if dkey in districts else None
        kind = commune_kind(name)
        if kind and kind != unit_kind:
            said = same[same["kind"].eq(kind)]
            if district is not None and (said["district_key"].eq(district) | said["district_code"].eq(district)).any():
                said = said[said["district_key"].eq(district) | said["district_code"].eq(district)]
            if len(said) and not said["new_code"].eq(code).any():
                out.loc[rows, "kind"] = kind
        if district is not None and district not in within[code]:
            there = same[same["district_key"].eq(district) | same["district_code"].eq(district)]
            if len(there):
                out.loc[rows, "district"] = there["district"].iloc[0]
    return out


class Placement(str, Enum):
    """How a row of a 2024 status table was placed in a 2025-07 unit (``placed_by``)."""

    CROSSWALK = "crosswalk"  # its 2024 commune's successor in the crosswalk
    LOCATION = "location"  # the 2025-07 polygon holding the village (its commune went only partly, or split)
    SUCCESSOR = "successor"  # its commune went only partly, and nothing locates it: the one successor named
    UNPLACED = "unplaced"  # no single successor and no location: counted apart, with the reason


def crosswalk_status(
    status: gpd.GeoDataFrame,
    *,
    units: gpd.GeoDataFrame | None = None,
    crosswalk: pd.DataFrame | None = None,
    fill: bool = True,
) -> gpd.GeoDataFrame:
    """Re-express a 2024 :func:`unit_status` in the 2025-07 units: every row keyed to its new unit.

    Commune-level rows move with their commune through the crosswalk. Village rows move with their
    2024 commune when it went whole into one new unit (villages do not change commune when
    communes merge whole); a village of a commune that went only ``part``-ly, or was split, is
    placed by the 2025-07 polygon holding it; one that nothing locates (no position, or ``units`` without polygons)
    goes to the one successor the crosswalk names, if it names one (``placed_by`` ``"successor"``: where the bundled
    polygons place every village of such a commune). A row that can be placed neither way keeps
    ``commune_code`` ``<NA>``, ``placed_by`` ``"unplaced"`` and the reason: nothing is dropped.

    A commune-level status stays one row per **former** commune (``unit_id`` its 2024 code): a
    new unit merged from n old communes has n rows, never one guessed status. Count them with
    :func:`crosswalk_summary` ("k of n former communes without a standard LAN").

    Parameters
    ----------
    status
        A :func:`unit_status` table made on the 2024 units (``commune_code`` holds 2024 codes).
    units
        The 2025-07 layer (``code``, ``name``, ``map_unit``; polygons to place villages). Default
        :func:`dxmap.io.bundled.bundled_units_2025`.
    crosswalk
        Old → new table; default :func:`~dxmap.io.bundled.bundled_crosswalk`.
    fill
        Add a row with status ``unknown`` for every former commune of ``units`` that has no
        commune-level row in ``status`` (for each commune-level technology in it), so that "n
        former communes" counts them all. These rows have ``from_input`` False. With the bundled
        data and a picture of the old Lào Cai, that is the 168 Yên Bái communes: no data, never a gap.

    Returns
    -------
    geopandas.GeoDataFrame
        The columns of :func:`unit_status`, with ``commune_code``, ``commune_name`` and
        ``map_unit`` now the 2025-07 unit's; ``district_code``/``district_name`` stay the row's
        former district (huyện cũ; districts no longer exist). Commune-level rows take the new
        unit's polygon. Added: ``old_commune_code``, ``old_commune_name``, ``relation`` (of the old
        commune in the crosswalk), ``placed_by`` (:class:`Placement` values), ``unplaced_reason``
        and ``from_input``. ``as_of`` stays the picture's date, also on the rows added by ``fill``.
    """
    cw = bundled_crosswalk() if crosswalk is None else crosswalk
    target = bundled_units_2025() if units is None else units
    if boundary_version(target) not in (None, CROSSWALK_TO):
        raise VersionMismatchError(f"units: the layer is version {boundary_version(target)}, but the crosswalk leads to "
                                   f"{CROSSWALK_TO}. Pass the 2025-07 units (dxmap.io.bundled.bundled_units_2025()).")
    missing = {"level", "unit_id", "name", "commune_code", "technology", "status"} - set(status.columns)
    if missing:
        raise SchemaError(f"status: missing columns {sorted(missing)}. Pass the table unit_status() returns.")
    info = target.drop_duplicates("code").set_index("code")
    old = status["commune_code"].astype("string")
    moved = crosswalk_codes(old, crosswalk=cw)
    is_village = status["level"].eq(Level.VILLAGE.value).to_numpy(dtype=bool)
    by_location = is_village & (moved["relation"].eq("part") | moved["n_successors"].gt(1)).fillna(False).to_numpy(dtype=bool)

    new_code = moved["new_code"].astype("string").where(~by_location)
    placed = pd.Series(np.where(new_code.notna(), Placement.CROSSWALK.value, Placement.UNPLACED.value), index=status.index)
    reason = pd.Series("", index=status.index, dtype="string")
    relation = moved["relation"].fillna("not in the crosswalk")
    commune_lost = ~by_location & new_code.isna().to_numpy(dtype=bool)
    reason.loc[commune_lost] = ("its 2024 commune " + old[commune_lost].fillna("?") + " has no single 2025-07 unit in the crosswalk ("
                            + relation[commune_lost] + ")")
    if by_location.any():
        code, why = _place_by_location(status[by_location], target, moved[by_location])
        new_code.loc[by_location] = code.to_numpy()
        placed.loc[by_location] = np.where(code.notna(), Placement.LOCATION.value, Placement.UNPLACED.value)
        reason.loc[by_location] = why.to_numpy()
    # A village of a commune that went only partly that nothing locates (no position, or a layer without polygons):
    # the one successor the crosswalk names, where the bundled polygons place every village of it (QA64 F2: the
    # villages of Ngũ Chỉ Sơn and Nậm Xé fell out of every former district)
    located = (status.geometry.notna() & ~status.geometry.is_empty).to_numpy(dtype=bool) & (
        isinstance(target, gpd.GeoDataFrame) and bool(target.geometry.notna().any()))
    named = (by_location & ~located & new_code.isna().to_numpy(dtype=bool)
             & moved["new_code"].notna().to_numpy(dtype=bool))
    if named.any():
        new_code.loc[named] = moved.loc[named, "new_code"]
        placed.loc[named] = Placement.SUCCESSOR.value
        reason.loc[named] = ""
    successor = int(status.loc[named, "unit_id"].nunique()) if named.any() else 0

    out = status.copy()
    out["old_commune_code"] = old
    out["old_commune_name"] = status["commune_name"] if "commune_name" in status else pd.NA
    out["commune_code"] = new_code
    out["commune_name"] = new_code.map(info["name"]).astype("string")
    out["map_unit"] = new_code.map(info["map_unit"] if "map_unit" in info else info.index.to_series()).astype("string")
    out["relation"] = moved["relation"].astype("string")
    out["placed_by"] = placed
    out["unplaced_reason"] = reason
    out["from_input"] = True
    polygons = info.geometry if isinstance(target, gpd.GeoDataFrame) and target.geometry.notna().any() else None
    commune_rows = ~is_village & new_code.notna().to_numpy(dtype=bool)
    if commune_rows.any():  # drawn on the new unit; without 2025-07 polygons not at all (the old one would mislead)
        out.loc[commune_rows, out.geometry.name] = new_code[commune_rows].map(polygons).values if polygons is not None else None
    if fill:
        out = _fill_former_communes(out, info, cw)
    lost = out.loc[out["placed_by"].eq(Placement.UNPLACED.value), "old_commune_code"]
    # which picture, when a comparison moves two: the status's own date
    when = f" ({pd.Timestamp(out['as_of'].max()).date()})" if "as_of" in out.columns and out["as_of"].notna().any() else ""
    if len(lost):
        log_said(log, logging.WARNING, "log_crosswalk_lost", when=functools.partial(date_text, when), n=len(lost),
                 communes=lost.nunique(), list=functools.partial(preview_in, sorted(lost.dropna().unique())))
    if successor:
        log_said(log, logging.INFO, "log_crosswalk_successor", when=functools.partial(date_text, when), n=successor,
                 communes=int(old[named].nunique()), list=functools.partial(preview_in, sorted(old[named].unique())))
    log_said(log, logging.INFO, "log_crosswalk", when=functools.partial(date_text, when),
             crosswalk=int(out["placed_by"].eq(Placement.CROSSWALK.value).sum() - (~out["from_input"]).sum()),
             location=int(out["placed_by"].eq(Placement.LOCATION.value).sum()), added=int((~out["from_input"]).sum()))
    return out


def _place_by_location(rows: gpd.GeoDataFrame, units: gpd.GeoDataFrame, moved: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The 2025-07 unit holding each village (``<NA>`` and a reason when none or several can be told)."""
    code = pd.Series(pd.NA, index=rows.index, dtype="string")
    reason = pd.Series("", index=rows.index, dtype="string")
    old = rows["commune_code"].astype("string").fillna("?")
    if not isinstance(units, gpd.GeoDataFrame) or units.geometry.isna().all():
        reason.loc[:] = "its 2024 commune " + old + " went only partly into a 2025-07 unit, and the 2025-07 layer has no polygons to place it"
        return code, reason
    has_point = rows.geometry.notna() & ~rows.geometry.is_empty
    pts = gpd.GeoDataFrame({"_i": rows.index[has_point]},
                           geometry=rows.geometry[has_point].to_crs(units.crs).representative_point().values, crs=units.crs)
    hit = points_in_polygons(pts, units[["code", units.geometry.name]].reset_index(drop=True))
    # A point in a polygon shared by several units: the crosswalk's successor among them, if it names one.
    successor = pd.Series(moved["new_code"].astype("string").values, index=rows.index)
    hit["named"] = hit["code"].astype("string").eq(hit["_i"].map(successor)).fillna(False)
    n = hit.groupby("_i")["code"].transform("nunique")
    pick = hit[n.eq(1) | hit["named"]].drop_duplicates("_i")
    code.loc[pick["_i"].to_numpy()] = pick["code"].astype("string").to_numpy()
    several = hit.loc[~hit["_i"].isin(pick["_i"]), "_i"].unique()
    reason.loc[several] = "the village lies in a polygon shared by several 2025-07 units, none of them its commune's successor"
    outside = rows.index[has_point & ~rows.index.isin(hit["_i"])]
    reason.loc[outside] = "the village lies outside every 2025-07 polygon"
    reason.loc[rows.index[~has_point]] = "its 2024 commune " + old[~has_point] + " went only partly into a 2025-07 unit, and the village has no location"
    return code, reason


def _fill_former_communes(out: gpd.GeoDataFrame, info: pd.DataFrame, cw: pd.DataFrame) -> gpd.GeoDataFrame:
    """Unknown rows for the former communes of ``info``'s units that have no commune-level row, per technology."""
    techs = sorted(out.loc[out["level"].eq(Level.COMMUNE.value), "technology"].dropna().unique())
    old = cw[cw["new_code"].isin(info.index)].drop_duplicates("old_code")
    extra = []
    for tech in techs:
        have = set(out.loc[out["level"].eq(Level.COMMUNE.value) & out["technology"].eq(tech), "old_commune_code"].dropna())
        lacking = old[~old["old_code"].isin(have)]
        if lacking.empty:
            continue
        new = lacking["new_code"].astype("string")
        extra.append(pd.DataFrame({
            "level": Level.COMMUNE.value, "unit_id": lacking["old_code"].values,
            "name": lacking["old_name"].map(strip_prefix).values,
            "commune_code": new.values, "commune_name": new.map(info["name"]).values,
            "district_code": lacking["old_district_code"].values,
            "district_name": lacking["old_district_name"].map(strip_prefix, na_action="ignore").values,
            "map_unit": new.map(info["map_unit"]).values if "map_unit" in info else new.values,
            "technology": tech, "status": Status.UNKNOWN.value,
            "old_commune_code": lacking["old_code"].values, "old_commune_name": lacking["old_name"].map(strip_prefix).values,
            "relation": lacking["relation"].values, "placed_by": Placement.CROSSWALK.value, "unplaced_reason": "",
            "from_input": False,
        }))
    if not extra:
        return out
    added = pd.concat(extra, ignore_index=True)
    if "as_of" in out.columns:  # the picture's date, on every row
        added["as_of"] = pd.Series(out["as_of"].max(), index=added.index, dtype=out["as_of"].dtype)
    polygons = info.geometry if isinstance(info, gpd.GeoDataFrame) else pd.Series(dtype=object)
    added[out.geometry.name] = added["commune_code"].map(polygons).values
    frame = pd.concat([out, gpd.GeoDataFrame(added, geometry=out.geometry.name, crs=out.crs)], ignore_index=True)
    return gpd.GeoDataFrame(frame, geometry=out.geometry.name, crs=out.crs)


def crosswalk_summary(
    status: gpd.GeoDataFrame,
    *,
    crosswalk: pd.DataFrame | None = None,
    units: gpd.GeoDataFrame | None = None,
    fill: bool = True,
) -> pd.DataFrame:
    """Count a 2024 :func:`unit_status` per 2025-07 unit and technology (through :func:`crosswalk_status`).

    ``status`` may also be what :func:`crosswalk_status` returned (then it is counted as it is).
    For a commune-level technology the row counts **former** communes: ``none`` of ``total`` is
    "k of n former communes without a standard LAN" (``none_codes`` names them); never one status
    for the merged unit. Rows no unit could be given are counted in rows with ``code`` ``<NA>``.

    Returns
    -------
    pandas.DataFrame
        One row per new unit and technology: ``code``, ``name``, ``technology``, ``level``, one
        column per status (see :data:`dxmap.gaps.STATUS_ORDER`), ``total``, ``old_codes`` (the
        2024 communes counted), ``partly`` (those of them only partly inside the new unit),
        ``none_codes`` (those whose rows say ``none``, commune level only) and ``by_location``
        (rows placed by their position).
    """
    moved = status if "placed_by" in status.columns else crosswalk_status(status, units=units, crosswalk=crosswalk, fill=fill)
    frame = pd.DataFrame({
        "code": moved["commune_code"].astype("string").values,
        "name": moved["commune_name"].astype("string").fillna(_NO_UNIT).values,
        "technology": moved["technology"].values, "level": moved["level"].values, "status": moved["status"].values,
        "old_code": moved["old_commune_code"].values, "relation": moved["relation"].values,
        "by_location": moved["placed_by"].eq(Placement.LOCATION.value).values,
    })
    keys = ["code", "name", "technology", "level"]
    counts = (frame.groupby(keys, dropna=False)["status"].value_counts().unstack("status", fill_value=0)
                   .reindex(columns=STATUS_ORDER, fill_value=0))
    counts["total"] = counts.sum(axis=1)
    codes = frame["old_code"].astype("string")
    frame["partly_code"] = codes.where(frame["relation"].eq("part").fillna(False).to_numpy(dtype=bool))
    frame["none_code"] = codes.where((frame["status"].eq(Status.NONE.value) & frame["level"].eq(Level.COMMUNE.value))
                                     .to_numpy(dtype=bool))
    grouped = frame.groupby(keys, dropna=False)
    sources = pd.DataFrame({
        "old_codes": grouped["old_code"].agg(_joined), "partly": grouped["partly_code"].agg(_joined),
        "none_codes": grouped["none_code"].agg(_joined), "by_location": grouped["by_location"].sum().astype(int),
    })
    out = counts.join(sources).reset_index()
    out.columns.name = None
    return out.sort_values(["code", "technology"], na_position="last").reset_index(drop=True)


def _joined(codes: pd.Series) -> str:
    return ",".join(sorted(codes.dropna().astype(str).unique()))

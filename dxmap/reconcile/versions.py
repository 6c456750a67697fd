"""Boundary versions and the 2024 → 2025-07 crosswalk (old Lào Cai + Yên Bái → new Lào Cai).

On 1 July 2025 Vietnam abolished districts and merged communes; the new Lào Cai (province 15) is
the old Lào Cai (10) plus Yên Bái (15), 320 communes into 99. Every new unit reuses the 5-digit
code of one old unit, 44 of them under another name, so a code alone does not say which unit is
meant. A boundary set therefore carries a version (``"2024"``, ``"2025-07"``): a
``boundary_version`` column, or ``attrs["boundary_version"]``. Records are joined to the version
they were written for; :func:`reconcile` refuses to mix versions unless it is given the crosswalk.

The crosswalk (``data/crosswalk/laocai_yenbai_2024_to_2025-07.csv``, built by
``scripts/build_crosswalk.py``) is the official NSO conversion table for these two provinces,
one row per old unit: 311 old units lie wholly in one new unit, 8 only partly (their villages
must be placed by location), and xã Tà Chải (02872), dissolved in 2024-11, has no successor in the
data. See ``data/crosswalk/PROVENANCE.md``.
"""

from __future__ import annotations

import functools
import logging

import geopandas as gpd
import pandas as pd

from dxmap.io.boundaries import boundary_version, set_boundary_version
from dxmap.io.bundled import bundled_crosswalk, bundled_units_2025
from dxmap.errors import SchemaError, VersionMismatchError, preview
from dxmap.validate.vocab import STATUS_ORDER
from dxmap.validate.text import name_key

__all__ = [
    "BOUNDARY_VERSIONS",
    "crosswalk_codes",
    "crosswalk_summary",
    "check_versions",
    "version_hint",
]

log = logging.getLogger(__name__)

BOUNDARY_VERSIONS = ("2024", "2025-07")
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
    raise VersionMismatchError(
        f"{where}: the records are written for the {records_version} units but the boundary set is version "
        f"{layer_version}. Codes were reused on 1 July 2025 (e.g. 02647 is Phường Kim Tân in 2024 and Phường Lào Cai "
        f"in 2025-07), so they cannot be joined directly. Join them to {records_version} boundaries and move the "
        "result with crosswalk_summary(), or pass crosswalk=dxmap.bundled_crosswalk() to reconcile()."
    )


@functools.lru_cache(maxsize=1)
def _version_keys() -> pd.DataFrame:
    """(version, code, name key) of every unit the shipped lists know, to explain version mix-ups."""
    cw = bundled_crosswalk()
    old = pd.DataFrame({"version": "2024", "code": cw["old_code"], "key": cw["old_name"].map(name_key)})
    units = bundled_units_2025()
    new = pd.DataFrame({"version": "2025-07", "code": units["code"], "key": units["full_name"].map(name_key)})
    return pd.concat([old, new], ignore_index=True).drop_duplicates()


def version_hint(codes: pd.Series, names: pd.Series, layer_version: str | None) -> pd.Series:
    """For (code, name) pairs that contradict ``layer_version`` but fit another version: a sentence saying so."""
    hint = pd.Series("", index=codes.index, dtype="string")
    if layer_version is None or codes.isna().all():
        return hint
    keys = _version_keys()
    other = keys[keys["version"].ne(layer_version)]
    probe = pd.DataFrame({"_i": codes.index, "code": codes.astype("string").values, "key": names.map(name_key, na_action="ignore").values})
    hit = probe.merge(other, on=["code", "key"], how="inner").drop_duplicates("_i").set_index("_i")["version"]
    if hit.empty:
        return hint
    hint.loc[hit.index] = ("; this code and name are the " + hit.astype(str) + " unit: the record seems written for version "
                           + hit.astype(str) + " (see boundary versions in the README)")
    return hint


def crosswalk_summary(status: gpd.GeoDataFrame, *, crosswalk: pd.DataFrame | None = None) -> pd.DataFrame:
    """Summarise a 2024 :func:`unit_status` on the 2025-07 communes of the new Lào Cai.

    Commune-level rows move with their commune; village-level rows move with the commune they
    lay in in 2024 (villages do not change commune when communes merge whole). Units of a 2024
    commune that is split between several new units, or has no successor in the crosswalk, are
    not guessed: they are counted in a row with ``code`` ``<NA>`` and the reason.

    Returns
    -------
    pandas.DataFrame
        One row per new unit and technology: ``code``, ``name``, ``technology``, ``level``, one
        column per status (see :data:`dxmap.gaps.STATUS_ORDER`), ``total``, ``old_codes`` (the
        2024 communes counted), ``partly`` (those of them only partly inside the new unit).
    """
    cw = bundled_crosswalk() if crosswalk is None else crosswalk
    old = status["commune_code"].astype("string")
    moved = crosswalk_codes(old, crosswalk=cw)
    frame = pd.DataFrame({
        "code": moved["new_code"].values, "name": moved["new_name"].values, "technology": status["technology"].values,
        "level": status["level"].values, "status": status["status"].values, "old_code": old.values,
        "relation": moved["relation"].values,
    })
    lost = frame["code"].isna()
    if lost.any():
        log.warning("crosswalk: %d unit rows from %d 2024 communes have no single 2025-07 unit: %s", int(lost.sum()),
                    frame.loc[lost, "old_code"].nunique(), preview(sorted(frame.loc[lost, "old_code"].dropna().unique())))
    frame["name"] = frame["name"].fillna(_NO_UNIT)
    keys = ["code", "name", "technology", "level"]
    counts = (frame.groupby(keys, dropna=False)["status"].value_counts().unstack("status", fill_value=0)
                   .reindex(columns=STATUS_ORDER, fill_value=0))
    counts["total"] = counts.sum(axis=1)
    sources = frame.groupby(keys, dropna=False).agg(
        old_codes=("old_code", lambda s: ",".join(sorted(s.dropna().unique()))),
        partly=("old_code", lambda s: ",".join(sorted(s[frame.loc[s.index, "relation"].eq("part")].dropna().unique()))),
    )
    out = counts.join(sources).reset_index()
    out.columns.name = None
    out.attrs.update({"from_version": "2024", "to_version": "2025-07"})
    return out.sort_values(["code", "technology"], na_position="last").reset_index(drop=True)

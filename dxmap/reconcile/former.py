"""The former commune (xã cũ) a record of a 2025-07 commune names beside it: which of the commune's former communes.

Since 1 July 2025 a commune often holds several villages of one name ("Thôn 1" of three former communes), and
the offices' sheets add a "Xã cũ" (or "Mã xã cũ") column to tell them apart. :func:`former_of` reads that cell
against the former communes a commune layer lists for each unit (``old_codes``, ``old_names``: the bundled 2025-07
units have them): each row's former commune as a key that is the same however it is written (its old code where the
layer knows it, "Bản Vược", "Xã Bản Vược" and "02710" alike), and whether it is one of the row's commune's.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from dxmap.validate.codes import normalise_code
from dxmap.validate.schema import FORMER_COLUMNS
from dxmap.validate.text import name_key_series, strip_prefix

__all__ = ["former_of", "has_former", "layer_formers"]

# How a row's former commune stands with its commune: one of its former communes, one of another unit's, none the
# layer lists, or not checked (the layer lists no former communes)
OWN, OTHER, UNKNOWN, UNCHECKED = "own", "other", "unknown", "unchecked"


def has_former(table: pd.DataFrame) -> bool:
    """Whether a records table (or a village layer) names former communes: a former commune column with a value."""
    return any(c in table.columns and table[c].notna().any() for c in FORMER_COLUMNS)


def layer_formers(communes: pd.DataFrame) -> pd.DataFrame:
    """The former communes a 2025-07 layer lists (``old_codes`` comma-separated, ``old_names`` "; "-separated), one
    row per (unit, former commune) in the layer's order: ``pos`` (the unit's row), ``code``, ``old_code``, ``old_name`` (without its unit word:
    "Bản Vược"; its code where the layer lists one name for two communes of that name) and ``key`` (its
    :func:`name_key`); empty when it lists none."""
    if not {"old_codes", "old_names"} <= set(communes.columns):
        return pd.DataFrame(columns=["pos", "code", "old_code", "old_name", "key"])
    rows = []
    lists = zip(communes["code"], communes["old_codes"], communes["old_names"])
    for pos, (code, codes, names) in enumerate(lists):
        if not isinstance(codes, str) or not isinstance(names, str):
            continue
        olds = [c.strip() for c in codes.split(",") if c.strip()]
        words = [strip_prefix(n.strip()) for n in names.split(";") if n.strip()]
        rows += [(pos, str(code), old, word) for old, word in zip(olds, words if len(words) == len(olds) else olds)]
    out = pd.DataFrame(rows, columns=["pos", "code", "old_code", "old_name"])
    return out.assign(key=name_key_series(out["old_name"]))


def former_of(table: pd.DataFrame, commune_codes: pd.Series, communes: gpd.GeoDataFrame) -> pd.DataFrame:
    """Each row's former commune, read against its commune's (``commune_codes``, aligned with ``table`` by position).

    Returns
    -------
    pandas.DataFrame
        By position (a RangeIndex): ``key`` (the old code where the layer knows the former commune, else the code or
        the folded name as given; <NA> where the row names none), ``code`` (the layer's where it knows it as the
        commune's own, else as given) and ``name`` (the layer's where it knows it, of any commune, else as given), ``standing`` (:data:`OWN`, :data:`OTHER`, :data:`UNKNOWN`, :data:`UNCHECKED`; <NA> where
        the row names none) and ``now`` (for :data:`OTHER`, the unit it is part of).
    """
    n = len(table)
    given_code = (table["former_commune_code"].astype("string").reset_index(drop=True)
                  if "former_commune_code" in table.columns else pd.Series(pd.NA, index=range(n), dtype="string"))
    given_name = (table["former_commune_name"].astype("string").reset_index(drop=True)
                  if "former_commune_name" in table.columns else pd.Series(pd.NA, index=range(n), dtype="string"))
    given_name = given_name.str.strip().mask(lambda s: s.eq(""))
    given_code = normalise_code(given_code.str.strip().mask(lambda s: s.eq("")), level="commune").astype("string")
    name_keys = name_key_series(given_name).mask(given_name.isna())
    commune = pd.Series(commune_codes.astype("string").to_numpy(), dtype="string")
    out = pd.DataFrame({"key": given_code.fillna("n:" + name_keys), "code": given_code, "name": given_name,
                        "standing": pd.Series(pd.NA, index=range(n), dtype="string"),
                        "now": pd.Series(pd.NA, index=range(n), dtype="string")})
    named = out["key"].notna().to_numpy()
    olds = layer_formers(communes)
    if olds.empty:
        out.loc[named, "standing"] = UNCHECKED
        return out
    # by code, else by name: first among the row's commune's own former communes, then among every unit's
    probe = pd.DataFrame({"_i": np.arange(n), "code": commune, "old_code": given_code, "key": name_keys})
    for on in (["code", "old_code"], ["code", "key"]):
        hit = probe.dropna(subset=on).merge(olds, on=on, how="inner", suffixes=("", "_layer"))
        hit = hit.drop_duplicates("_i")
        hit = hit[out["standing"].iloc[hit["_i"]].isna().to_numpy()]
        at = hit["_i"].to_numpy()
        out.loc[at, "standing"] = OWN
        out.loc[at, "code"] = hit["old_code" if "old_code_layer" not in hit else "old_code_layer"].to_numpy()
        out.loc[at, "name"] = hit["old_name"].to_numpy()
        out.loc[at, "key"] = out.loc[at, "code"].to_numpy()
    for on in ("old_code", "key"):
        left = probe[out["standing"].isna().to_numpy() & named].dropna(subset=[on])
        hit = left.drop(columns="code").merge(olds, on=on, how="inner").drop_duplicates("_i")
        at = hit["_i"].to_numpy()
        out.loc[at, "standing"] = OTHER
        out.loc[at, "now"] = hit["code"].to_numpy()
        out.loc[at, "name"] = hit["old_name"].to_numpy()  # as the layer spells it: "Bản Vược", not "ban vuoc"
    out.loc[named & out["standing"].isna().to_numpy(), "standing"] = UNKNOWN
    return out

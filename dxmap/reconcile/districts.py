"""District filter: find a district by name or code, with or without diacritics, and keep its units."""

from __future__ import annotations

import pandas as pd
from rapidfuzz import process

from dxmap.validate.codes import normalise_code
from dxmap.errors import UnknownUnitError, preview
from dxmap.validate.text import name_key

__all__ = ["resolve_district", "in_district"]


def resolve_district(query: str, communes: pd.DataFrame) -> tuple[str, str]:
    """Return ``(code, name)`` of the district ``query`` names.

    ``"bat xat"``, ``"Bát Xát"``, ``"Huyện Bát Xát"``, ``"082"`` and ``"82"`` all find Bát Xát.

    Raises
    ------
    UnknownUnitError
        No district or several districts fit; the message lists the closest names.
    """
    table = communes[["district_code", "district_name"]].drop_duplicates().dropna()
    q = str(query).strip()
    if q.isdigit():
        code = normalise_code(pd.Series([q]), level="district").iloc[0]
        hit = table[table["district_code"].eq(code)]
    else:
        key = name_key(q)
        hit = table[table["district_name"].map(name_key).eq(key)]
    if len(hit) == 1:
        return str(hit["district_code"].iloc[0]), str(hit["district_name"].iloc[0])
    choices = {f"{r.district_name} ({r.district_code})": name_key(r.district_name) for r in table.itertuples()}
    if len(hit) > 1:
        raise UnknownUnitError(f"district {query!r} fits several districts: {preview(list(hit['district_name']))}. Give its code.")
    close = [k for _, _, k in process.extract(name_key(q), choices, limit=3)]
    raise UnknownUnitError(
        f"no district {query!r} in the boundary set. Closest: {preview(close)}. "
        f"Give a name (diacritics optional) or a 3-digit code; all districts: {preview(sorted(choices), 20)}."
    )


def in_district(frame: pd.DataFrame, code: str | None) -> pd.DataFrame:
    """Rows of ``frame`` whose ``district_code`` is ``code`` (all rows when ``code`` is None)."""
    if code is None:
        return frame
    return frame[frame["district_code"].eq(code)]

"""District filter: find a district by name or code, with or without diacritics, and keep its units."""

from __future__ import annotations

import pandas as pd
from rapidfuzz import process

from dxmap.validate.codes import normalise_code
from dxmap.errors import SchemaError, UnknownUnitError, preview
from dxmap.validate.text import name_key, name_key_series, nfc, strip_prefix

__all__ = ["resolve_district", "in_district", "former_districts", "resolve_former_district", "in_former_district",
           "with_former_district", "filled_districts"]


def resolve_district(query: str, communes: pd.DataFrame, *, what: str = "district") -> tuple[str, str]:
    """Return ``(code, name)`` of the district ``query`` names.

    ``"bat xat"``, ``"Bát Xát"``, ``"Huyện Bát Xát"``, ``"082"`` and ``"82"`` all find Bát Xát.
    ``what`` is how an error names the kind of district sought. The districts are those of
    :func:`filled_districts`: a layer that names its districts without codes has them too.

    Raises
    ------
    UnknownUnitError
        No district or several districts fit; the message lists the closest names.
    """
    table = filled_districts(communes)[["district_code", "district_name"]].drop_duplicates()
    table = table.dropna(subset="district_code")  # a district known by its code only is listed too
    q = str(query).strip()
    if nfc(q).lower().split(maxsplit=1)[:1] in (["tỉnh"], ["province"]):  # "tỉnh Yên Bái": not the city of Yên Bái
        # (with its diacritics only: "Tĩnh Gia" is a district, and "tinh" may be either)
        raise UnknownUnitError(
            f"{what} {query!r} names a province (tỉnh), and a district is asked for: give a district (huyện, thị xã, "
            "thành phố) by name or code, or leave the district out to keep every unit of the boundary set.")
    if q.isdigit():
        code = normalise_code(pd.Series([q]), level="district").iloc[0]
        hit = table[table["district_code"].eq(code)]
    else:
        key, keys = name_key(q), table["district_name"].map(name_key, na_action="ignore").fillna("")
        hit = table[keys.eq(key)]
        if hit.empty:  # "Sapa" for Sa Pa, as it is often written: the words run together
            hit = table[keys.str.replace(" ", "").eq(key.replace(" ", ""))]
    if len(hit) == 1:  # a district known by its code only is called by it
        code, name = hit["district_code"].iloc[0], hit["district_name"].iloc[0]
        return str(code), str(code if pd.isna(name) else name)
    if len(hit) > 1:
        listed = [_listed(r.district_code, r.district_name) for r in hit.itertuples()]  # "Van Chan (140)": the codes to give
        raise UnknownUnitError(f"{what} {query!r} fits several districts: {preview(listed)}. Give its code.")
    if table.empty:
        raise UnknownUnitError(
            f"no {what} {query!r}: the commune layer names no district (its district_code and district_name are "
            "empty). Name the columns that hold them with as_communes(..., columns={'district_name': 'Your header'}), "
            "or leave the district out.")
    choices = {_listed(r.district_code, r.district_name): name_key(r.district_name) for r in table.itertuples()}
    close = [k for _, _, k in process.extract(name_key(q), choices, limit=3)]
    raise UnknownUnitError(
        f"no {what} {query!r} in the boundary set. Closest: {preview(close)}. "
        f"Give a name (diacritics optional) or a 3-digit code; all districts: {preview(sorted(choices), 20)}."
    )


def _listed(code: str, name: object) -> str:
    """A district as a message lists it: "Bát Xát (082)"; a code made from the name is not shown again."""
    if pd.isna(name):
        return f"({code})"
    return str(name) if code == name_key(name) else f"{name} ({code})"


def in_district(frame: pd.DataFrame, code: str | None) -> pd.DataFrame:
    """Rows of ``frame`` whose ``district_code`` is ``code`` (all rows when ``code`` is None)."""
    if code is None:
        return frame
    return frame[frame["district_code"].eq(code)]


def former_districts(units: pd.DataFrame) -> pd.DataFrame:
    """One row per (2025-07 unit, former district): ``code`` of the unit, ``district_code``, ``district_name``.

    Districts were abolished on 1 July 2025; a 2025-07 unit lists the districts its old communes
    belonged to (``former_district_codes`` comma-separated, ``former_district_names``
    "; "-separated). A unit made of communes of two districts has two rows.
    """
    missing = {"code", "former_district_codes", "former_district_names"} - set(units.columns)
    if missing:
        raise SchemaError(f"units: missing columns {sorted(missing)}; a 2025-07 layer lists its former districts "
                          "(dxmap.io.bundled.bundled_units_2025() has them).")
    rows = []
    for code, codes, names in zip(units["code"], units["former_district_codes"], units["former_district_names"]):
        codes = [c.strip() for c in str(codes or "").split(",") if c.strip()]
        names = [n.strip() for n in str(names or "").split(";") if n.strip()]
        rows += [(str(code), c, strip_prefix(n)) for c, n in zip(codes, names)]
    return pd.DataFrame(rows, columns=["code", "district_code", "district_name"])


def resolve_former_district(query: str, units: pd.DataFrame) -> tuple[str, str]:
    """``(code, name)`` of the former district (huyện cũ) ``query`` names, among those of 2025-07 ``units``.

    Matched as :func:`resolve_district` matches districts (name without diacritics or prefix, or
    3-digit code), against the units' ``former_district_names``/``former_district_codes``.
    """
    table = former_districts(units).drop_duplicates("district_code")[["district_code", "district_name"]]
    try:
        return resolve_district(query, table, what="former district (huyện cũ)")
    except UnknownUnitError as exc:
        raise UnknownUnitError(f"{exc} Districts were abolished on 2025-07-01; the 2025-07 units are grouped by the "
                               "district their old communes belonged to.") from None


def in_former_district(frame: pd.DataFrame, code: str, units: pd.DataFrame) -> pd.DataFrame:
    """Rows of ``frame`` whose 2025-07 unit (``commune_code``) lies wholly or partly in former district ``code``.

    The whole unit is kept, also the part of it that was in another former district: the unit is
    what is governed today.
    """
    fd = former_districts(units)
    keep = set(fd.loc[fd["district_code"].eq(code), "code"])
    return frame[frame["commune_code"].astype("string").isin(keep).fillna(False).to_numpy(dtype=bool)]


def with_former_district(units: pd.DataFrame) -> pd.DataFrame:
    """A copy of 2025-07 ``units`` whose empty ``district_code``/``district_name`` hold one former district.

    For drawing and grouping where one district per unit is needed (the map's district filter): the
    former district of the old unit whose code the new unit reuses (``code_was_district``), else
    the first one listed. A unit whose old communes lay in two districts is thus listed under one of
    them; :func:`in_former_district` still finds it under both.
    """
    fd = former_districts(units)
    if "code_was_district" in units.columns:
        main = units.set_index("code")["code_was_district"].map(strip_prefix, na_action="ignore")
        fd["main"] = fd["district_name"].eq(fd["code"].map(main)).to_numpy(dtype=bool)
        fd = fd.sort_values("main", ascending=False, kind="stable")
    first = fd.drop_duplicates("code").set_index("code")
    out = units.copy()
    out["district_code"] = out["code"].map(first["district_code"]).astype("string")
    out["district_name"] = out["code"].map(first["district_name"]).astype("string")
    return out


def filled_districts(frame: pd.DataFrame, districts: pd.DataFrame | None = None) -> pd.DataFrame:
    """``frame`` (a commune layer or a status table) with its district columns filled where the layer leaves them
    empty, for the tables, the report, the map and ``--district`` to group by; ``frame`` itself is not changed.

    - A 2025-07 layer without districts (every ``district_code`` blank, ``former_district_codes`` and
      ``former_district_names`` given: ``bundled_units_2025()``, or such a layer read from a file) is filed under
      one former district per unit (:func:`with_former_district`), as ``analyse(units="2025-07")`` files the
      bundled units.
    - A blank ``district_code`` beside a district name becomes the code another row, else the ``districts`` layer,
      gives that name (diacritics, case and "Huyện" aside); else the name's key (:func:`name_key`: "van chan" for
      Văn Chấn), so that a layer that names its districts without codes still has one district per name, and
      the name is the one the first row of that key gives ("Huyện Văn Chấn" and "Văn Chấn" are one district).
    - A blank ``district_name`` becomes the name another row, else the ``districts`` layer, gives the same code,
      so that one district is not split in two groups.

    Codes and names that nothing gives stay missing. ``districts``: a district layer (``code``, ``name``:
    :func:`~dxmap.io.boundaries.as_districts`'), or None.
    """
    codes = frame["district_code"].astype("string")
    if ({"code", "former_district_codes", "former_district_names"} <= set(frame.columns)
            and codes.str.strip().fillna("").eq("").all()):
        frame = with_former_district(frame)
        codes = frame["district_code"].astype("string")
    names = frame["district_name"].astype("string")
    no_code = codes.str.strip().fillna("").eq("").to_numpy(dtype=bool)
    no_name = names.str.strip().fillna("").eq("").to_numpy(dtype=bool)
    if not (no_code ^ no_name).any():
        return frame
    both, keys = ~no_code & ~no_name, name_key_series(names)
    layer = (districts[["code", "name"]].astype("string").dropna()
             if districts is not None and {"code", "name"} <= set(districts.columns)
             else pd.DataFrame({"code": [], "name": []}, dtype="string"))
    # what the rows say first, the district layer after: the first value per key, never overridden
    code_of = pd.concat([codes[both].groupby(keys[both]).first(),
                         layer["code"].groupby(name_key_series(layer["name"])).first()])
    name_of = pd.concat([names[both].groupby(codes[both]).first(), layer["name"].groupby(layer["code"]).first()])
    code_of, name_of = code_of[~code_of.index.duplicated()], name_of[~name_of.index.duplicated()]
    out = {}
    if (fill := no_code & ~no_name).any():
        found = keys.map(code_of).astype("string")
        out["district_code"] = frame["district_code"].mask(fill, found.fillna(keys))
        if (made := fill & found.isna().to_numpy(dtype=bool)).any():  # one name per made-up code: its first spelling
            out["district_name"] = frame["district_name"].mask(made, keys.map(names[made].groupby(keys[made]).first()))
    if (fill := no_name & ~no_code).any():
        named = codes.map(name_of).astype("string")
        column = out.get("district_name", frame["district_name"])
        out["district_name"] = column.mask(fill & named.notna().to_numpy(dtype=bool), named)
    return frame.assign(**out)

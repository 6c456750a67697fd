"""District and province filters: find a district or a province by name or code, with or without diacritics, and
keep its units."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from functools import partial, reduce

import numpy as np
import pandas as pd
from rapidfuzz import process

from dxmap.labels import Lang, label, log_said, said_all
from dxmap.validate.codes import normalise_code
from dxmap.validate.dates import preview_in
from dxmap.errors import SchemaError, UnknownUnitError, said_error
from dxmap.reconcile.former import layer_formers
from dxmap.validate.text import commune_kind, fold, name_key, name_key_series, nfc, strip_prefix

log = logging.getLogger(__name__)

__all__ = ["resolve_district", "in_district", "resolve_communes", "in_communes", "communes_words", "former_districts",
           "district_full_name",
           "district_words", "resolve_former_district", "in_former_district", "with_former_district",
           "former_commune_districts", "own_former_districts", "unplaced_in_former_district",
           "several_former_districts",
           "filled_districts", "resolve_province", "in_province", "former_provinces", "resolve_former_province",
           "in_former_province", "row_former_province", "former_district_provinces", "district_provinces",
           "outcomes_in_province"]


def resolve_district(query: str, communes: pd.DataFrame, *, what: str = "district",
                     province: tuple[str, str] | None = None) -> tuple[str, str]:
    """Return ``(code, name)`` of the district ``query`` names.

    ``"bat xat"``, ``"Bát Xát"``, ``"Huyện Bát Xát"``, ``"082"`` and ``"82"`` all find Bát Xát.
    ``what`` is how an error names the kind of district sought. The districts are those of
    :func:`filled_districts`: a layer that names its districts without codes has them too.
    ``province``: ``(code, name)`` of a province (:func:`resolve_province`); the district is looked up
    among that province's districts only, so a name two provinces' districts share finds one.

    Raises
    ------
    UnknownUnitError
        No district or several districts fit; the message lists the closest names. With
        ``province``: a district of another province, named with both. An empty ``query`` is refused, never
        read as no district (a script's unset variable would give the whole province under a district's name).
    """
    _refuse_empty(query, what)
    if province is not None:
        codes = _province_codes(communes)
        inside = communes[codes.eq(province[0]).fillna(False).to_numpy(dtype=bool)]
        layer = filled_districts(communes).assign(_province=codes)

        def province_of(district_code: str) -> str | None:
            of = layer.loc[layer["district_code"].eq(district_code).fillna(False).to_numpy(dtype=bool), "_province"]
            of = of.dropna().unique()
            return _province_listed(of[0], communes) if len(of) == 1 else None

        return _within(resolve_district, query, inside, communes, province, what, "province", province_of=province_of)
    table = filled_districts(communes)
    table = table[[c for c in ("district_code", "district_name", "district_full_name") if c in table.columns]]
    table = table.drop_duplicates(["district_code", "district_name"])
    table = table.dropna(subset="district_code")  # a district known by its code only is listed too
    q = str(query).strip()
    if _says_province(q, communes, table["district_name"]):  # "tỉnh Yên Bái", "tinh yen bai": not the city
        raise _refused_province(q, what)
    if q.isdigit():
        code = normalise_code(pd.Series([q]), level="district").iloc[0]
        hit = table[table["district_code"].eq(code)]
    else:
        key, keys = name_key(q), table["district_name"].map(name_key, na_action="ignore").fillna("")
        hit = table[keys.eq(key)]
        if hit.empty:  # "Sapa" for Sa Pa, as it is often written: the words run together
            hit = table[keys.str.replace(" ", "").eq(key.replace(" ", ""))]
        refused = _commune_word_refused(q, hit, table, communes)  # "Phường Lào Cai" is no city (session 32)
        if refused is not None:
            raise refused
    if len(hit) == 1:  # a district known by its code only is called by it
        code, name = hit["district_code"].iloc[0], hit["district_name"].iloc[0]
        return str(code), str(code if pd.isna(name) else name)
    if len(hit) > 1:
        listed = [_listed(r.district_code, r.district_name) for r in hit.itertuples()]  # "Van Chan (140)": the codes to give
        raise _unknown("err_several_districts", sought=_kind(what), query=repr(query),
                       list=partial(_listed_as_said, listed, table))
    if table.empty:
        raise _unknown("err_layer_no_districts", sought=_kind(what), query=repr(query),
                       mapping=partial(_header_mapping, "district_name"))
    choices = {_listed(r.district_code, r.district_name): name_key(r.district_name) for r in table.itertuples()}
    close = [k for _, _, k in process.extract(name_key(q), choices, limit=3)]
    raise _unknown("err_no_district_named", sought=_kind(what), query=repr(query),
                   close=partial(_listed_as_said, close, table), code=_code_said(table["district_code"]).get,
                   all=partial(_listed_as_said, sorted(choices), table, limit=20))


def _commune_word_refused(query: str, hit: pd.DataFrame, table: pd.DataFrame,
                          communes: pd.DataFrame) -> UnknownUnitError | None:
    """The error for a district ``query`` written with a commune's word ("Phường Lào Cai", "Xã Y Tý",
    :data:`_COMMUNE_WORD_RE`), which the name lookup drops: it read "Phường Lào Cai" as the city of Lào Cai (080),
    a ward of that name being meant. The error says what the query names (a commune of ``communes``, and, in a 2024
    layer of units the bundled crosswalk knows, a 2025-07 unit), and how to ask for the district (``hit``, the
    districts of ``table`` of that name, else the commune's) or for the commune. None for a query without such a
    word, one the layer's district names or full names spell so, and one that names neither a district nor a
    commune of ``communes`` (the "no district" error lists the districts)."""
    word = _COMMUNE_WORD_RE.match(fold(query))
    if not word:
        return None
    spelt = table[[c for c in ("district_name", "district_full_name") if c in table.columns]].stack()
    if fold(query) in set(spelt.map(lambda n: fold(str(n)))):  # a layer whose district is called so
        return None
    own = _communes_named(query, communes)
    places = hit if len(hit) else own.dropna(subset="district_name")
    if places.empty:
        return None
    name = str(places["district_name"].iloc[0])
    full = places["district_full_name"].iloc[0] if "district_full_name" in places.columns else None
    full = full if isinstance(full, str) else None
    new = _units_2025_named(query, communes)

    def found(lang: Lang) -> str:
        said = [label("err_cw_layer", lang, list=_communes_said(own, lang))] if len(own) else []
        said += [label("err_cw_2025", lang, list=_communes_said(new, lang, former=True))] if len(new) else []
        if not said:
            return label("err_cw_none", lang)
        return label("err_cw_names", lang, list=reduce(lambda a, b: label("row_and", lang, a=a, b=b), said))

    # "Lào Cai" alone may read as the province: a city or town is also asked for by its full name
    district = (partial(label, "err_cw_district_or", name=name, full=full) if city_or_town(name, full)
                else f"district='{name}'")
    commune = " ".join(nfc(query).split()[len(word.group().split()):])  # "P. Sa Pa": "Sa Pa"
    return _unknown("err_district_commune_word", query=repr(query), found=found, district=district, commune=commune)


def _communes_named(query: str, communes: pd.DataFrame) -> pd.DataFrame:
    """The rows of a commune layer that ``query`` names, its unit word aside, each commune once, with a
    ``full_name`` ("Phường Lào Cai"); none for a table of districts only."""
    if not {"code", "name"} <= set(communes.columns):
        return pd.DataFrame(columns=["code", "full_name", "district_name"])
    named = communes[name_key_series(communes["name"].astype("string").fillna("")).eq(name_key(query))
                     .to_numpy(dtype=bool)].drop_duplicates("code")
    return named.assign(full_name=named["full_name"].fillna(named["name"]) if "full_name" in named.columns
                        else named["name"], district_name=named.get("district_name"))


def _units_2025_named(query: str, communes: pd.DataFrame) -> pd.DataFrame:
    """The bundled 2025-07 units ``query`` names, its unit word aside, for a 2024 layer whose communes the bundled
    crosswalk knows (the new Lào Cai's 320 former communes); none for any other layer."""
    from dxmap.io.boundaries import boundary_version
    from dxmap.io.bundled import bundled_crosswalk, bundled_units_2025

    if "code" not in communes.columns or boundary_version(communes) != "2024":
        return _communes_named(query, pd.DataFrame())
    if not communes["code"].astype(str).isin(set(bundled_crosswalk()["old_code"].astype(str))).any():
        return _communes_named(query, pd.DataFrame())
    return _communes_named(query, bundled_units_2025())


def _communes_said(rows: pd.DataFrame, lang: Lang, *, former: bool = False) -> str:
    """Communes as an error lists them: "02641 Phường Lào Cai (district: Lào Cai (former city))"; with ``former``
    (2025-07 units), their former districts."""
    said = []
    for i in range(len(rows)):
        row = rows.iloc[[i]]
        districts = districts_said(former_districts(row) if former else row, lang)
        said.append(label("err_cw_in_former" if former else "err_cw_in", lang, code=row["code"].iloc[0],
                          name=row["full_name"].iloc[0], districts=districts))
    return ", ".join(said)


def _code_said(codes: pd.Series) -> dict[str, str]:
    """How an error asks for a code, in every language: "a 3-digit code" when all of the layer's codes have that
    many digits (a Thai amphoe's 2, a Peruvian province's 4), else "its code" (QA67 F10)."""
    digits = codes.dropna().astype(str)
    lengths = set(digits.str.len()) if len(digits) and digits.str.fullmatch(r"\d+").all() else set()
    return said_all("err_code_digits", n=lengths.pop()) if len(lengths) == 1 else said_all("err_code_its")


# the kinds of unit sought that errors name ("former district (huyện cũ)"), in every language
_KINDS = {label(f"err_what_{k}", "en"): partial(label, f"err_what_{k}")
          for k in ("district", "former_district", "province", "former_province")}


def _kind(what: str) -> Callable[[str], str] | str:
    """``what`` (how an error names the kind of unit sought) in every language; a kind of the caller's own as it is."""
    return _KINDS.get(what, what)


def _header_mapping(field: str, lang: Lang) -> str:
    """``as_communes(..., columns={'district_name': 'Your header'})``, 'Tên cột' in Vietnamese (the CLI: that option)."""
    return f"as_communes(..., columns={{'{field}': '{label('log_your_header', lang)}'}})"


def _unknown(key: str, **values: object) -> UnknownUnitError:
    """An :class:`UnknownUnitError` of label ``key``: English, and in every language for the command line."""
    return said_error(UnknownUnitError, key, **values)


def _says_province(query: str, communes: pd.DataFrame, districts: pd.Series) -> bool:
    """Does ``query`` name a province: "tỉnh Yên Bái" (with its diacritics, as "Tĩnh Gia" is a district), or "tinh
    yen bai" when "yen bai" is a province of ``communes`` and "tinh yen bai" none of the ``districts`` (names)?"""
    words = nfc(query).lower().split(maxsplit=1)
    if words[:1] in (["tỉnh"], ["province"]):
        return True
    if len(words) < 2 or fold(words[0]) != "tinh" or not {"province_code", "province_name",
                                                           "former_province_codes"} & set(communes.columns):
        return False
    return (name_key(words[1]) in set(_province_table(communes)["province_name"].map(name_key))
            and fold(query) not in set(districts.dropna().map(lambda n: fold(strip_prefix(str(n))))))


def _refuse_empty(query: str, what: str) -> None:
    """Refuse an empty district, in every language (``what``: "district", "former district (huyện cũ)")."""
    if not str(query).strip():
        raise _unknown("err_district_empty", sought=_kind(what), query=repr(query))


def _refused_province(query: str, what: str) -> UnknownUnitError:
    return _unknown("err_district_is_province", sought=_kind(what), query=repr(query),
                    province=repr(_province_query(query)))


def _within(resolve: Callable[..., tuple[str, str]], query: str, inside: pd.DataFrame, whole: pd.DataFrame,
            province: tuple[str, str], what: str, province_what: str, *,
            province_of: Callable[[str], str | None]) -> tuple[str, str]:
    """``resolve(query, inside, what=what)``: the district among the province's; when none fits there, an error
    that names the province, and the district's own province when ``whole`` (the whole layer) has it."""
    try:
        return resolve(query, inside, what=what)
    except UnknownUnitError as exc:
        try:
            found = resolve(query, whole, what=what)
        except UnknownUnitError:
            raise _unknown("err_only_in_province", inner=_said_of(exc), kind=_kind(province_what), name=province[1],
                           code=province[0]) from None
        other = province_of(found[0])  # "Lào Cai (10)"
        its = (said_all("err_its_province", kind=_kind(province_what), other=other) if other
               else said_all("err_its_other"))
        raise _unknown("err_district_elsewhere", sought=_kind(what), query=repr(query), found=found[1], code=found[0],
                       its=its.get, kind=_kind(province_what), name=province[1], province=province[0]) from None


def _said_of(exc: Exception) -> Callable[[str], str] | str:
    """The message of ``exc`` in every language (``dxmap_said``), to be said inside another."""
    return exc.dxmap_said.get if hasattr(exc, "dxmap_said") else str(exc)


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


# --- communes ---------------------------------------------------------------------------------------------------


def resolve_communes(queries: str | Iterable[str], communes: pd.DataFrame, *, district: tuple[str, str] | None = None,
                     province: tuple[str, str] | None = None) -> tuple[tuple[str, str], ...]:
    """``(code, name)`` of each commune ``queries`` names, in the order given, each once.

    A commune is found as :func:`resolve_district` finds a district: ``"y ty"``, ``"Y Tý"``, ``"Xã Y Tý"`` and
    ``"02701"`` all find Y Tý (diacritics, case and "Xã"/"Phường"/"Thị trấn" aside; a code of 5 digits, or fewer with
    the leading zeros left out). A name two communes share ("Thanh Bình": Mường Khương's and Sa Pa's) is refused,
    listing both with their codes and districts; typed with its diacritics, a name only one of them is spelt with
    ("Sa Pả" beside "Sa Pa") finds that one. In a 2025-07 layer (``bundled_units_2025()``) the communes are the
    2025-07 units, listed with their former districts; a former commune's name is refused, naming the unit it went
    into.

    ``district``, ``province``: ``(code, name)`` of :func:`resolve_district` / :func:`resolve_province` (in a 2025-07
    layer a former district or province: the units wholly or partly in it). The communes are then looked up among
    theirs only, so that a name two districts share finds the one of that district, and a commune of another
    district or province is refused, naming where it is.

    Raises
    ------
    UnknownUnitError
        An empty query or none at all, a name no commune or several communes have, a commune outside ``district`` or
        ``province``; the message lists the closest names or the communes that fit, with their codes.
    """
    items = [queries] if isinstance(queries, str) else list(queries)
    if not items:
        raise _unknown("err_commune_empty", query="[]")
    table = _commune_table(communes)
    inside = _communes_inside(communes, table, district=district, province=province)
    found: list[tuple[str, str]] = []
    for query in items:
        if not str(query).strip():
            raise _unknown("err_commune_empty", query=repr(query))
        try:
            hit = _find_commune(str(query), table[inside], table)
        except UnknownUnitError:
            if not inside.all():
                try:  # a commune of another district or province: say where it is
                    other = _find_commune(str(query), table, table)
                except UnknownUnitError:
                    pass
                else:
                    place = district or province
                    kind = ("err_what_former_district" if "former_district_codes" in table.columns
                            else "err_what_district") if district else (
                        "err_what_former_province" if "former_province_codes" in table.columns
                        else "err_what_province")
                    raise _unknown("err_commune_elsewhere", query=repr(str(query)), found=_commune_listed(other),
                                   kind=partial(label, kind), name=place[1], code=place[0],
                                   option="district=" if district else "province=") from None
            raise
        pair = (str(hit["code"]), str(hit["name"]))
        if pair not in found:
            found.append(pair)
    return tuple(found)


def _commune_table(communes: pd.DataFrame) -> pd.DataFrame:
    """One row per commune of a layer: ``code``, ``name``, ``full_name`` (the name where the layer has none),
    ``districts`` (its district's name; in a 2025-07 layer its former districts', ", "-joined) and the layer's
    district and province columns."""
    layer = filled_districts(communes)
    keep = [c for c in ("code", "name", "full_name", "district_code", "district_name", "former_district_codes",
                        "former_district_names", "former_province_codes", "province_code", "province_name",
                        "old_codes", "old_names") if c in layer.columns]
    table = pd.DataFrame(layer[keep]).drop_duplicates("code").reset_index(drop=True)
    table["code"] = table["code"].astype(str)
    table["name"] = table["name"].astype("string").fillna(table["code"])
    table["full_name"] = (table["full_name"].astype("string") if "full_name" in table.columns
                          else pd.Series(pd.NA, index=table.index, dtype="string")).fillna(table["name"])
    if "former_district_names" in table.columns:
        said = table["former_district_names"].astype("string").fillna("").map(
            lambda t: ", ".join(dict.fromkeys(strip_prefix(n.strip()) for n in t.split(";") if n.strip())))
    else:
        said = table["district_name"].astype("string").map(strip_prefix, na_action="ignore").fillna("")
    table["districts"] = said.astype(str)
    return table


def _commune_listed(row: pd.Series) -> str:
    """A commune as a message lists it: "Thanh Bình (02779, Mường Khương)"."""
    return (f"{row['name']} ({row['code']}, {row['districts']})" if row["districts"]
            else f"{row['name']} ({row['code']})")


def _communes_inside(communes: pd.DataFrame, table: pd.DataFrame, *, district: tuple[str, str] | None,
                     province: tuple[str, str] | None) -> pd.Series:
    """Whether each commune of ``table`` (:func:`_commune_table`) lies in ``district`` and ``province`` (in a 2025-07
    layer wholly or partly in the former district or province)."""
    keep = pd.Series(True, index=table.index)
    former = "former_district_codes" in table.columns
    if district is not None:
        if former:
            fd = former_districts(communes)
            keep &= table["code"].isin(set(fd.loc[fd["district_code"].eq(district[0]), "code"]))
        else:
            keep &= table["district_code"].astype("string").eq(district[0]).fillna(False)
    if province is not None:
        if "former_province_codes" in table.columns:
            fp = former_provinces(communes)
            keep &= table["code"].isin(set(fp.loc[fp["province_code"].eq(province[0]), "code"]))
        else:
            codes = _province_codes(communes.drop_duplicates("code"))
            keep &= pd.Series(codes.eq(province[0]).fillna(False).to_numpy(dtype=bool), index=table.index)
    return keep.astype(bool)


def _find_commune(query: str, table: pd.DataFrame, whole: pd.DataFrame) -> pd.Series:
    """The row of ``table`` that ``query`` names (see :func:`resolve_communes`); ``whole``: every commune of the
    layer, for the closest names and the former communes of a 2025-07 layer."""
    q = nfc(query)
    if q.isdigit():
        code = normalise_code(pd.Series([q]), level="commune").iloc[0]
        hit = table[table["code"].eq(code)]
    else:
        key, keys = name_key(q), table["name"].map(name_key)
        hit = table[keys.eq(key).to_numpy(dtype=bool)]
        if hit.empty:  # "Ytý", "Sapa": the words run together
            hit = table[keys.str.replace(" ", "").eq(key.replace(" ", "")).to_numpy(dtype=bool)]
        if len(hit) > 1 and fold(q) != q.lower():  # "Sa Pả" typed with its diacritics: not "Sa Pa"
            spelt = hit[hit["name"].map(lambda n: strip_prefix(nfc(str(n))).lower()).eq(strip_prefix(q).lower())]
            hit = spelt if len(spelt) == 1 else hit
    if len(hit) == 1:
        return hit.iloc[0]
    if len(hit) > 1:
        listed = [_commune_listed(r) for _, r in hit.iterrows()]
        raise _unknown("err_several_communes", query=repr(query), list=", ".join(listed))
    # a former commune of a 2025-07 layer, by its name or its code ("02950", no 2025-07 unit's): the unit it went into,
    # never the closest names of the layer (QA71 C7)
    olds = layer_formers(whole)
    if len(olds) and q.isdigit():
        was = olds[olds["old_code"].eq(code).to_numpy(dtype=bool) & ~whole["code"].eq(code).any()]
    else:
        was = olds[olds["key"].eq(name_key(q)).to_numpy(dtype=bool)] if len(olds) else olds
    if len(was):
        units = whole.set_index("code")
        into = [f"{units.loc[c, 'name']} ({c})" for c in dict.fromkeys(was["code"])]
        raise _unknown("err_commune_merged_code" if q.isdigit() else "err_commune_merged", query=repr(query),
                       old=was["old_name"].iloc[0], into=", ".join(into),
                       first=str(units.loc[was["code"].iloc[0], "name"]))
    choices = {_commune_listed(r): name_key(r["name"]) for _, r in whole.iterrows()}
    close = [k for _, _, k in process.extract(name_key(q), choices, limit=3)]
    raise _unknown("err_no_commune_named", query=repr(query), close=", ".join(close))


def in_communes(frame: pd.DataFrame, codes: Iterable[str] | None) -> pd.DataFrame:
    """Rows of ``frame`` (a status table: ``commune_code``; or a commune layer: ``code``) of the communes ``codes``
    (all rows when ``codes`` is None)."""
    if codes is None:
        return frame
    column = "commune_code" if "commune_code" in frame.columns else "code"
    return frame[frame[column].astype("string").isin(set(map(str, codes))).fillna(False).to_numpy(dtype=bool)]


def communes_words(communes: Iterable[tuple[str, str]], layer: pd.DataFrame | None, lang: Lang = "vi", *,
                   listed: int = 3) -> str:
    """The communes a picture is cut to, as a title or a head line names them: their full names ("Xã Y Tý, Xã A Mú
    Sung, Xã Trịnh Tường", from the ``layer``'s ``full_name``), or, of more than ``listed``, how many and their names
    ("5 xã/phường: Y Tý, A Mú Sung, …", up to five names)."""
    pairs = list(communes)
    full = {}
    if layer is not None and {"code", "full_name"} <= set(layer.columns):
        full = dict(zip(layer["code"].astype(str), layer["full_name"]))
    if len(pairs) <= listed:
        return ", ".join(str(full[c]) if isinstance(full.get(c), str) and full[c].strip()
                         else label("sum_commune", lang, name=n) for c, n in pairs)
    names = ", ".join(n for _, n in pairs[:5]) + (" …" if len(pairs) > 5 else "")
    return label("sum_communes_n", lang, n=len(pairs), list=names)


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
        rows += [(str(code), c, strip_prefix(n), n) for c, n in zip(codes, names)]
    return pd.DataFrame(rows, columns=["code", "district_code", "district_name", "district_full_name"])


def city_or_town(name: str, full: str | None) -> str | None:
    """"city" or "town" for a district that is one by its full name ("Thành phố Yên Bái", "Thị xã Sa Pa"), named
    ``name`` ("Yên Bái"); None for a huyện, a quận, or without a full name."""
    kind = commune_kind(full) if full else ""
    if kind in ("thành phố", "thị xã") and fold(strip_prefix(full)) == fold(name):
        return "city" if kind == "thành phố" else "town"
    return None


def district_full_name(communes: pd.DataFrame, code: str, *, former: bool = False) -> str | None:
    """The full name of district ``code`` ("Thị xã Sa Pa"; with ``former``, of a 2025-07 layer's former district,
    "Thành phố Yên Bái"), where the layer gives one."""
    if former and "former_district_names" in communes.columns:
        communes = former_districts(communes)
    if "district_full_name" not in communes.columns:
        return None
    full = communes.loc[communes["district_code"].eq(code).fillna(False).to_numpy(dtype=bool), "district_full_name"]
    full = full.dropna()
    return str(full.iloc[0]) if len(full) else None


def district_words(name: str, full: str | None, lang: Lang = "vi", *, former: bool = False) -> str:
    """A district as a sentence names it: "huyện Bát Xát", in Vietnamese by the layer's full name where it has one
    ("thị xã Sa Pa"); a former district "huyện cũ Bát Xát", a former city or town as the tables name it, "Yên Bái
    (thành phố cũ)" (:func:`former_city_name`). English: "district Bát Xát", "former district (huyện cũ) Bát Xát",
    "Yên Bái (former city)"."""
    if former and city_or_town(name, full):
        return str(former_city_name(name, full, lang))
    if former:
        return label("sum_former_district", lang, name=name)
    if full and lang == "vi":
        return full[:1].lower() + full[1:]
    if commune_kind(name) in ("huyện", "quận", "thị xã", "thành phố"):  # a layer's name column of full names (QA29)
        return name[:1].lower() + name[1:] if lang == "vi" else label("sum_district", lang, name=strip_prefix(name))
    return label("sum_district", lang, name=name)


def resolve_former_district(query: str, units: pd.DataFrame, *,
                            province: tuple[str, str] | None = None) -> tuple[str, str]:
    """``(code, name)`` of the former district (huyện cũ) ``query`` names, among those of 2025-07 ``units``.

    Matched as :func:`resolve_district` matches districts (name without diacritics or prefix, or
    3-digit code), against the units' ``former_district_names``/``former_district_codes``.
    ``province``: ``(code, name)`` of a former province (:func:`resolve_former_province`); the former
    district is looked up among that province's former districts only.
    """
    _refuse_empty(query, "former district (huyện cũ)")
    table = former_districts(units).drop_duplicates("district_code")[["district_code", "district_name",
                                                                      "district_full_name"]]
    if _says_province(str(query).strip(), units, table["district_name"]):  # "tinh yen bai": the former province
        raise _refused_province(str(query).strip(), "former district (huyện cũ)")
    if province is None:
        return _former_district_in(query, table, units)
    of = former_district_provinces(units)
    inside = table[table["district_code"].map(of).eq(province[0]).fillna(False).to_numpy(dtype=bool)]
    return _within(lambda q, t, what: _former_district_in(q, t, units), query, inside, table, province,
                   "former district (huyện cũ)", "former province (tỉnh cũ)",
                   province_of=lambda code: _province_listed(of[code], former_provinces(units)) if code in of else None)


_COMMUNE_WORD_RE = re.compile(r"^(?:xa|phuong|thi tran|tt|p)\b\.?\s")  # "Xã Văn Bàn", "P. Sa Pa", "TT. Phố Ràng"


def _former_district_in(query: str, table: pd.DataFrame, units: pd.DataFrame) -> tuple[str, str]:
    """:func:`resolve_district` among former districts (``district_code``, ``district_name``), saying why; a query
    that names one of the 2025-07 ``units`` ("Y Tý") is told it is a commune, and its former district (QA64 F15:
    it was offered the nearest former districts); so is one written with a commune's word, "Xã Văn Bàn", though a
    former district has its name (QA66 F2: the 9 communes of former Văn Bàn were given for the one commune)."""
    key = name_key(strip_prefix(nfc(str(query)).strip()))
    unit = units[name_key_series(units["name"].astype("string").fillna("")).eq(key).to_numpy(dtype=bool)]
    try:
        if len(unit) and _COMMUNE_WORD_RE.match(fold(str(query)).strip()):
            raise UnknownUnitError(str(query))
        return resolve_district(query, table, what="former district (huyện cũ)")
    except UnknownUnitError as exc:
        if len(unit):
            first = unit.iloc[0]
            of = former_districts(units)
            of = of[of["code"].astype(str).eq(str(first["code"])).to_numpy(dtype=bool)]
            raise _unknown("err_district_is_commune", query=repr(str(query).strip()), code=first["code"],
                           name=first["name"], districts=partial(districts_said, of),  # "Lào Cai (thành phố cũ)"
                           district=str(of["district_name"].iloc[0]) if len(of) else "") from None
        raise _unknown("err_districts_abolished", inner=_said_of(exc)) from None


def in_former_district(frame: pd.DataFrame, code: str, units: pd.DataFrame) -> pd.DataFrame:
    """Rows of ``frame`` whose 2025-07 unit (``commune_code``) lies wholly or partly in former district ``code``.

    The whole unit is kept, also the part of it that was in another former district: the unit is
    what is governed today. A row that names its former commune (``former_commune_code``: a village of records
    written for the 2025-07 units with a "Xã cũ" column) is kept only in that former commune's former district
    (:func:`own_former_districts`), as a 2024 row moved into the 2025-07 units is: the former districts then add up
    to the whole, no village counted in two (QA66 F1).
    """
    fd = former_districts(units)
    keep = frame["commune_code"].astype("string").isin(set(fd.loc[fd["district_code"].eq(code), "code"]))
    keep = keep.fillna(False).to_numpy(dtype=bool)
    if "former_commune_code" in frame.columns:
        own = own_former_districts(frame, units)["district_code"]
        keep = keep & ~(own.notna() & own.ne(code)).to_numpy(dtype=bool)
    return frame[keep]


def unplaced_in_former_district(frame: pd.DataFrame, code: str, units: pd.DataFrame) -> np.ndarray:
    """Which rows of ``frame`` (cut to former district ``code`` by :func:`in_former_district`) count in ``code`` and in
    another former district (:func:`several_former_districts`: of a 2025-07 unit of both whose row names no former
    commune placing it in one): a boolean array by position. Inside one former district such a row is filed under that
    one, so that the district's rows add up to its total (QA68 N1: it sat on another former district's row)."""
    codes = several_former_districts(frame, units)["district_codes"]
    return codes.fillna("").str.split(", ").map(lambda listed: code in listed).to_numpy(dtype=bool)


def several_former_districts(frame: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Per row of ``frame`` (``commune_code``; ``former_commune_code`` where its villages name their former commune),
    the former districts it counts in when the data place it in no one of them: a row of a 2025-07 unit (of
    ``units``) that lies in several former districts (Bảo Hà: Bảo Yên and Văn Bàn), and names no former commune
    placing it in one (the unit's own row; a village whose "Xã cũ" is blank or not one of its commune's).
    ``district_codes`` and ``district_names``, ", "-joined in code order ("087, 089", "Bảo Yên, Văn Bàn"), by
    position (a RangeIndex); <NA> on every other row, and on a 2024 row moved into the 2025-07 units
    (``old_commune_code``: it is its former commune's). Such a row counts in each of them in per-district views,
    and once in the whole."""
    out = pd.DataFrame({c: pd.Series(pd.NA, index=range(len(frame)), dtype="string")
                        for c in ("district_codes", "district_names")})
    if not len(frame) or "commune_code" not in frame.columns or not {
            "code", "former_district_codes", "former_district_names"} <= set(units.columns):
        return out
    fd = former_districts(units).drop_duplicates(["code", "district_code"])
    fd = fd[fd["code"].duplicated(keep=False).to_numpy()].sort_values(["code", "district_code"], kind="stable")
    if fd.empty:
        return out
    joined = fd.groupby("code").agg(district_codes=("district_code", ", ".join),
                                    district_names=("district_name", ", ".join))
    placed = own_former_districts(frame, units)["district_code"].notna().to_numpy(dtype=bool)
    if "old_commune_code" in frame.columns:
        placed |= frame["old_commune_code"].notna().to_numpy(dtype=bool)
    codes = frame["commune_code"].astype("string").reset_index(drop=True)
    for col in out.columns:
        out[col] = codes.map(joined[col]).astype("string").mask(placed)
    return out


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
    for col in ("district_code", "district_name", "district_full_name"):  # full: "Thành phố Yên Bái"
        out[col] = out["code"].map(first[col]).astype("string")
    return out


def former_commune_districts(units: pd.DataFrame) -> pd.DataFrame:
    """One row per (2025-07 unit, former commune) whose former district is known: ``code`` (the unit), ``old_code``
    (the former commune), ``district_code``, ``district_name``, ``district_full_name`` (as :func:`former_districts`).

    The former communes of a unit of one former district (``old_codes``) were all in it; those of a unit of several
    (Cốc San: old Bát Xát and old Lào Cai city) each in the district the shipped crosswalk gives its old code, where
    the unit lists that district. Empty for a layer that lists no former communes or districts.
    """
    cols = ["code", "old_code", "district_code", "district_name", "district_full_name"]
    olds = layer_formers(units)
    if olds.empty or not {"former_district_codes", "former_district_names"} <= set(units.columns):
        return pd.DataFrame(columns=cols, dtype="string")
    from dxmap.io.bundled import bundled_crosswalk

    cw = bundled_crosswalk().dropna(subset=["old_district_code"]).drop_duplicates("old_code")
    of = pd.Series(normalise_code(cw["old_district_code"], level="district").astype("string").to_numpy(),
                   index=cw["old_code"].astype(str).to_numpy())
    fd = former_districts(units).drop_duplicates(["code", "district_code"])
    several = fd["code"].duplicated(keep=False).to_numpy()
    olds = olds[["code", "old_code"]].astype(str)
    one = olds.merge(fd[~several], on="code")
    each = olds.assign(district_code=olds["old_code"].map(of)).merge(fd[several], on=["code", "district_code"])
    return pd.concat([one, each], ignore_index=True)[cols].astype("string")


def own_former_districts(frame: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Per row of ``frame`` (``commune_code``, ``former_commune_code``: a village list or status table of records
    written for the 2025-07 ``units``), the former district of the former commune it names: ``district_code``,
    ``district_name``, ``district_full_name``, by position (a RangeIndex); <NA> where the row names none, or one
    :func:`former_commune_districts` does not place."""
    n = len(frame)
    out = pd.DataFrame({c: pd.Series(pd.NA, index=range(n), dtype="string")
                        for c in ("district_code", "district_name", "district_full_name")})
    if "former_commune_code" not in frame.columns or not n or frame["former_commune_code"].isna().all():
        return out
    table = former_commune_districts(units)
    if table.empty:
        return out
    key = lambda c, o: c.astype("string").str.strip() + "\t" + o.astype("string").str.strip()  # noqa: E731
    table = table.assign(key=key(table["code"], table["old_code"])).drop_duplicates("key").set_index("key")
    keys = key(frame["commune_code"], frame["former_commune_code"]).reset_index(drop=True)
    for col in out.columns:
        out[col] = keys.map(table[col]).astype("string")
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


# --- provinces ------------------------------------------------------------------------------------------------------

# "tỉnh cũ Yên Bái", "former province Yen Bai", "province 15": the words before a province's name (name_key drops
# "tỉnh" itself, not "cũ" after it, nor English)
_PROVINCE_WORDS = re.compile(r"^(?:former\s+province|province|tỉnh\s+cũ|tinh\s+cu|tỉnh|tinh)\s+(?=\S)", re.IGNORECASE)


# "Thành phố Lào Cai", "TP. Yên Bái", "huyện …", "thị xã …", "quận …" (folded): a city or district, not a province
_CITY_WORDS = re.compile(r"^(?:thanh\s+pho|tp\.?|huyen|thi\s+xa|tx\.?|quan|city|district)\s+(?=\S)")


def _province_query(query: str) -> str:
    """``query`` without the words that say it is a province: "tỉnh Yên Bái" → "Yên Bái"."""
    return _PROVINCE_WORDS.sub("", nfc(str(query)).strip()).strip()


def _province_codes(communes: pd.DataFrame) -> pd.Series:
    """Each row's province: its ``province_code``, else the key of its ``province_name`` (a layer that names its
    provinces without codes), else ``<NA>``; a 2025-07 layer's former province when it lies in one only."""
    if "former_province_codes" in communes.columns and "code" in communes.columns:  # a 2025-07 layer
        fp = former_provinces(communes)
        one = fp.groupby("code")["province_code"].agg(lambda c: c.iloc[0] if c.nunique() == 1 else pd.NA)
        return communes["code"].astype("string").map(one).astype("string")
    index = communes.index
    codes = (normalise_code(communes["province_code"], level="province").astype("string")
             if "province_code" in communes.columns else pd.Series(pd.NA, index=index, dtype="string"))
    codes = codes.mask(codes.str.strip().eq(""))
    if "province_name" in communes.columns:
        keys = communes["province_name"].map(name_key, na_action="ignore").astype("string")
        codes = codes.fillna(keys.mask(keys.eq("")))
    return codes


def _province_table(communes: pd.DataFrame) -> pd.DataFrame:
    """One row per province of ``communes``: ``province_code``, ``province_name`` (without "Tỉnh"; the code where
    the layer gives no name)."""
    if "former_province_codes" in communes.columns and "code" in communes.columns:
        return former_provinces(communes).drop_duplicates("province_code")[["province_code", "province_name"]]
    codes = _province_codes(communes)
    names = (communes["province_name"].astype("string").map(strip_prefix, na_action="ignore").astype("string")
             if "province_name" in communes.columns else pd.Series(pd.NA, index=communes.index, dtype="string"))
    table = pd.DataFrame({"province_code": codes.to_numpy(), "province_name": names.to_numpy()}).dropna(
        subset="province_code")
    first = table.dropna(subset="province_name").drop_duplicates("province_code").set_index("province_code")
    out = table.drop_duplicates("province_code").reset_index(drop=True)
    out["province_name"] = out["province_code"].map(first["province_name"]).fillna(out["province_code"])
    return out


def _province_listed(code: str, communes: pd.DataFrame) -> str:
    """A province as a message names it: "Lào Cai (10)"."""
    table = _province_table(communes).set_index("province_code")["province_name"]
    name = table.get(code, code)
    return f"{name} ({code})" if name != code else f"({code})"


def resolve_province(query: str, communes: pd.DataFrame, *, what: str = "province") -> tuple[str, str]:
    """Return ``(code, name)`` of the province ``query`` names, among the provinces of a commune layer.

    ``"yen bai"``, ``"Yên Bái"``, ``"Tỉnh Yên Bái"`` and ``"15"`` all find Yên Bái: the layer's
    ``province_code`` (2 digits) and ``province_name``, diacritics, case and "Tỉnh" aside. ``name`` is
    the name without "Tỉnh". A layer that names its provinces without codes is matched by name (the
    code is then the name's key). ``what`` is how an error names the kind of province sought.

    Raises
    ------
    UnknownUnitError
        The layer names no province, or no province or several provinces fit; the message lists
        the closest names.
    """
    table = _province_table(communes)
    q = _province_query(query) or str(query).strip()
    if not q:
        raise _unknown("err_province_empty", sought=_kind(what), query=repr(query))
    word = _CITY_WORDS.match(fold(q))
    if word:  # "TP Yên Bái", "Thành phố Lào Cai": the city, not the province of its name
        raise _unknown("err_province_is_city", sought=_kind(what), query=repr(query), word=q[:word.end()].strip(),
                       rest=repr(q[word.end():].strip()))
    if table.empty:
        raise _unknown("err_layer_no_provinces", sought=_kind(what), query=repr(query),
                       mapping=partial(_header_mapping, "province_name"))
    if q.isdigit():
        code = normalise_code(pd.Series([q]), level="province").iloc[0]
        hit = table[table["province_code"].eq(code)]
    else:
        key, keys = name_key(q), table["province_name"].map(name_key).fillna("")
        hit = table[keys.eq(key).to_numpy(dtype=bool)]
        if hit.empty:  # "Yenbai", "Lao Cai" typed "Laocai"
            hit = table[keys.str.replace(" ", "").eq(key.replace(" ", "")).to_numpy(dtype=bool)]
    if len(hit) == 1:
        return str(hit["province_code"].iloc[0]), str(hit["province_name"].iloc[0])
    listed = {_listed(r.province_code, r.province_name): name_key(r.province_name) for r in table.itertuples()}
    if len(hit) > 1:
        mine = [_listed(r.province_code, r.province_name) for r in hit.itertuples()]
        raise _unknown("err_several_provinces", sought=_kind(what), query=repr(query), list=partial(preview_in, mine))
    close = [k for _, _, k in process.extract(name_key(q), listed, limit=3)]
    raise _unknown("err_no_province_named", sought=_kind(what), query=repr(query), close=partial(preview_in, close),
                   code=_code_said(table["province_code"]).get, all=partial(preview_in, sorted(listed), limit=20))


def in_province(frame: pd.DataFrame, code: str | None, communes: pd.DataFrame) -> pd.DataFrame:
    """Rows of ``frame`` (a status table: ``commune_code``; or a commune layer: ``code``) whose commune lies in
    province ``code`` of ``communes`` (all rows when ``code`` is None)."""
    if code is None:
        return frame
    keep = set(communes.loc[_province_codes(communes).eq(code).fillna(False).to_numpy(dtype=bool), "code"].astype(str))
    column = "commune_code" if "commune_code" in frame.columns else "code"
    return frame[frame[column].astype("string").isin(keep).fillna(False).to_numpy(dtype=bool)]


def former_provinces(units: pd.DataFrame) -> pd.DataFrame:
    """One row per (2025-07 unit, former province): ``code`` of the unit, ``province_code``, ``province_name``.

    Provinces were merged on 1 July 2025 (Lào Cai, 10, and Yên Bái, 15, became the new Lào Cai); a
    2025-07 unit lists the provinces its old communes belonged to in ``former_province_codes``
    (comma-separated). Names come from ``former_province_names`` ("; "-separated) where the layer has
    it, else from the bundled crosswalk, else the code.
    """
    missing = {"code", "former_province_codes"} - set(units.columns)
    if missing:
        raise SchemaError(f"units: missing columns {sorted(missing)}; a 2025-07 layer lists its former provinces "
                          "(dxmap.io.bundled.bundled_units_2025() has them).")
    from dxmap.io.bundled import bundled_crosswalk  # the names the official conversion table gives

    cw = bundled_crosswalk()
    known = dict(zip(cw["old_province_code"].astype(str), cw["old_province_name"].map(strip_prefix)))
    given = units["former_province_names"] if "former_province_names" in units.columns else [None] * len(units)
    rows = []
    for code, codes, names in zip(units["code"], units["former_province_codes"], given):
        codes = [c.strip() for c in str("" if pd.isna(codes) else codes).split(",") if c.strip()]
        codes = [c.zfill(2) if c.isdigit() else c for c in codes]  # "10", as normalise_code writes a province code
        names = [strip_prefix(n.strip()) for n in str(names or "").split(";") if n.strip()]
        names = names if len(names) == len(codes) else [known.get(c, c) for c in codes]
        rows += [(str(code), c, n) for c, n in zip(codes, names)]
    return pd.DataFrame(rows, columns=["code", "province_code", "province_name"])


def resolve_former_province(query: str, units: pd.DataFrame) -> tuple[str, str]:
    """``(code, name)`` of the former province (tỉnh cũ) ``query`` names, among those of 2025-07 ``units``.

    Matched as :func:`resolve_province` matches provinces, against the units' former provinces
    (:func:`former_provinces`): with the bundled units, Lào Cai (10) and Yên Bái (15).
    """
    table = former_provinces(units).drop_duplicates("province_code")[["province_code", "province_name"]]
    try:
        found = resolve_province(query, table, what="former province (tỉnh cũ)")
    except UnknownUnitError as exc:
        raise _unknown("err_provinces_merged", inner=_said_of(exc)) from None
    if not {"province_code", "province_name"} <= set(units.columns):
        return found
    if not str(query).strip().isdigit():  # "Tỉnh Lào Cai": the former one, though today's province has that name
        today = {strip_prefix(str(n)) for n in units["province_name"].dropna().unique()}
        if name_key(found[1]) in {name_key(n) for n in today} and len(table) > 1:
            fp = former_provinces(units)
            part = fp.loc[fp["province_code"].eq(found[0]), "code"].nunique()
            log_said(log, logging.WARNING, "log_province_name_now", name=found[1], n=part, of=units["code"].nunique())
        return found
    now = units.loc[units["province_code"].astype("string").eq(found[0]).fillna(False).to_numpy(dtype=bool),
                    "province_name"]
    if len(now) and name_key(now.iloc[0]) != name_key(found[1]):  # "15": Yên Bái's until 1 July 2025, Lào Cai's since
        log_said(log, logging.WARNING, "log_province_code_moved", code=str(query).strip(), name=found[1],
                 now=strip_prefix(str(now.iloc[0])))
    return found


def in_former_province(frame: pd.DataFrame, code: str, units: pd.DataFrame) -> pd.DataFrame:
    """Rows of ``frame`` whose 2025-07 unit (``commune_code``) lies wholly or partly in former province ``code``."""
    fp = former_provinces(units)
    keep = set(fp.loc[fp["province_code"].eq(code), "code"])
    return frame[frame["commune_code"].astype("string").isin(keep).fillna(False).to_numpy(dtype=bool)]


def row_former_province(status: pd.DataFrame, crosswalk: pd.DataFrame | None = None) -> pd.Series:
    """The former province of each row of a 2024 picture moved into the 2025-07 units (:func:`crosswalk_status`):
    the province of its 2024 commune (``old_commune_code``) in ``crosswalk`` (default the bundled one);
    ``<NA>`` where the crosswalk does not list it."""
    if crosswalk is None:
        from dxmap.io.bundled import bundled_crosswalk

        crosswalk = bundled_crosswalk()
    cw = crosswalk.drop_duplicates("old_code")
    of = pd.Series(normalise_code(cw["old_province_code"], level="province").astype("string").to_numpy(),
                   index=cw["old_code"].astype(str).to_numpy())
    return status["old_commune_code"].astype("string").map(of).astype("string")


def former_district_provinces(units: pd.DataFrame) -> dict[str, str]:
    """Former district code → former province code: the bundled crosswalk's, else that of the units listing the
    district when they all lie in one former province."""
    from dxmap.io.bundled import bundled_crosswalk

    cw = bundled_crosswalk().dropna(subset=["old_district_code", "old_province_code"])
    out = dict(zip(normalise_code(cw["old_district_code"], level="district"),
                   normalise_code(cw["old_province_code"], level="province")))
    fd = former_districts(units).merge(former_provinces(units), on="code")
    for district, provinces in fd.groupby("district_code")["province_code"]:
        if district not in out and provinces.nunique() == 1:
            out[str(district)] = str(provinces.iloc[0])
    return out


def district_provinces(communes: pd.DataFrame) -> pd.DataFrame:
    """One row per district of a commune layer: ``district_code``, ``province_code``, ``province_name`` (without
    "Tỉnh"), for tables that list districts of several provinces; in a 2025-07 layer the former districts and the
    former provinces (:func:`former_district_provinces`). A district whose province the layer does not say is left
    out."""
    if "former_province_codes" in communes.columns and "code" in communes.columns:
        pairs = pd.DataFrame(list(former_district_provinces(communes).items()),
                             columns=["district_code", "province_code"], dtype="string")
    elif "district_code" in communes.columns:
        pairs = pd.DataFrame({"district_code": communes["district_code"].astype("string").to_numpy(),
                              "province_code": _province_codes(communes).to_numpy()}, dtype="string").dropna()
        pairs = pairs.drop_duplicates("district_code").reset_index(drop=True)
    else:
        return pd.DataFrame(columns=["district_code", "province_code", "province_name"], dtype="string")
    names = _province_table(communes).set_index("province_code")["province_name"]
    return pairs.assign(province_name=pairs["province_code"].map(names).fillna(pairs["province_code"]).astype("string"))


def outcomes_in_province(outcomes: pd.DataFrame, communes: pd.DataFrame, code: str) -> pd.DataFrame:
    """The rows of ``outcomes`` (:func:`reconcile`'s) of province ``code`` (:func:`resolve_province`'s; in a 2025-07
    layer a former province, :func:`resolve_former_province`'s), for a planner checking theirs in a merged
    province's file. Left out are only the records known to be of another province: matched to a commune of
    another one (in a 2025-07 layer: a unit no part of which was in it), or, not matched, naming a district
    (its ``district_code``, else its ``district_name``) that only another province has. A record that did not
    match and names no district, or one of no province of the layer, stays: it may be theirs. The suggestions of
    the rows kept leave out the communes of other provinces.
    """
    if "former_province_codes" in communes.columns and "code" in communes.columns:
        fp = former_provinces(communes)
        inside = set(fp.loc[fp["province_code"].eq(code), "code"])
        others = set(fp["code"]) - inside
        matched = outcomes["matched_commune_code"].astype("string")
        placed_elsewhere = matched.notna() & matched.isin(set(fp["code"])) & ~matched.isin(inside)
        district_province = pd.Series(former_district_provinces(communes), dtype="string")
        names = former_districts(communes).drop_duplicates("district_code")
    else:
        layer = filled_districts(communes).assign(_province=_province_codes(communes))
        unit_province = layer.drop_duplicates("code").set_index("code")["_province"]
        others = set(unit_province.index[unit_province.ne(code).fillna(False).to_numpy(dtype=bool)])
        placed = outcomes["matched_commune_code"].map(unit_province).astype("string")
        placed_elsewhere = placed.notna() & placed.ne(code)
        one = layer.dropna(subset=["district_code", "_province"]).groupby("district_code")["_province"]
        district_province = one.agg(lambda p: p.iloc[0] if p.nunique() == 1 else pd.NA).astype("string")
        names = layer.drop_duplicates("district_code")
    # the province of the district a record names: by code, else by name (a name two provinces share: none)
    by_name = pd.DataFrame({"key": names["district_name"].map(name_key, na_action="ignore"),
                            "p": names["district_code"].map(district_province)}).dropna()
    by_name = by_name.groupby("key")["p"].agg(lambda p: p.iloc[0] if p.nunique() == 1 else pd.NA)
    named = pd.Series(pd.NA, index=outcomes.index, dtype="string")
    if "district_name" in outcomes.columns:
        named = outcomes["district_name"].map(name_key, na_action="ignore").map(by_name).astype("string")
    if "district_code" in outcomes.columns:
        by_code = normalise_code(outcomes["district_code"], level="district").astype("string").map(district_province)
        named = by_code.astype("string").fillna(named)
    unplaced = outcomes["matched_commune_code"].isna()
    elsewhere = placed_elsewhere.fillna(False) | (unplaced & named.notna() & named.ne(code)).fillna(False)
    kept = outcomes[~elsewhere.to_numpy(dtype=bool)]
    if "suggestions" not in kept.columns:
        return kept
    # a suggestion ("code name (score)", "; "-joined) of a commune of another province is not one for this planner
    def theirs(text: str) -> str:
        return "; ".join(s for s in text.split("; ") if s.split(" ", 1)[0] not in others)

    return kept.assign(suggestions=kept["suggestions"].map(theirs, na_action="ignore"))


# --- a former city named as one in messages ------------------------------------------------------------------------


def former_city_name(name: object, full: str | None, lang: Lang) -> object:
    """A district's name as a message or a table names it beside others: "Lào Cai (thành phố cũ)" / "Lào Cai (former
    city)" for ``name`` "Lào Cai" whose ``full`` name is "Thành phố Lào Cai" (:func:`city_or_town`), since a plain
    "Lào Cai" reads as the province; else ``name``. The tables (:func:`~dxmap.gaps.change.former_city_names`), the
    map page and the messages name them so."""
    kind = city_or_town(name, full) if isinstance(name, str) and full else None
    return label("rpt_former_city" if kind == "city" else "rpt_former_town", lang, name=name) if kind else name


def districts_said(rows: pd.DataFrame, lang: Lang) -> str:
    """The districts of ``rows`` (``district_name``, and ``district_full_name`` where given), each once, ", "-joined
    as a message lists them: a former city or town named as one (:func:`former_city_name`)."""
    full = rows["district_full_name"] if "district_full_name" in rows.columns else pd.Series(None, index=rows.index)
    names = [former_city_name(str(n), f if isinstance(f, str) else None, lang)
             for n, f in zip(rows["district_name"], full)]
    return ", ".join(dict.fromkeys(map(str, names)))


def _listed_as_said(items: list[str], table: pd.DataFrame, lang: Lang, limit: int = 5) -> str:
    """:func:`preview_in` of districts as :func:`_listed` lists them ("Lào Cai (080)"), a former city or town named as
    one where ``table`` (``district_code``, ``district_name``, ``district_full_name``) gives its full name: "Lào Cai
    (thành phố cũ) (080)"."""
    said = {}
    if "district_full_name" in table.columns:
        said = {_listed(r.district_code, r.district_name): _listed(r.district_code, former_city_name(
            r.district_name, r.district_full_name if isinstance(r.district_full_name, str) else None, lang))
            for r in table.itertuples()}
    return preview_in([said.get(i, i) for i in items], lang, limit)

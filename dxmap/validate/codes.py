"""Administrative codes: always strings; GSO numbers that lost their leading zeros get them back (province 2,
district 3, commune 5 digits). A code written with its own leading zeros ("0416") or with letters ("MAS-01") is
another scheme's and is kept as written."""

from __future__ import annotations

import re

import pandas as pd

__all__ = ["normalise_code", "as_written_in", "CODE_WIDTH"]

CODE_WIDTH = {"province": 2, "district": 3, "commune": 5}

_FLOAT = r"^(\d+)[.,]0+$"           # Excel wrote the code as a number: "2692.0" (or "2692,0")
_THOUSANDS = r"^(\d{1,3}),(\d{3})$"  # ... with a thousands separator: "2,692"
_DOT_THOUSANDS = r"^(\d{1,2})(?:\.|\s+)(\d{3})$"  # ... as Vietnamese Excel groups it: "2.692", "02 635" (a commune's: no
#                                               hierarchy, whose own code would be the last 3 digits)
_HIERARCHY = r"^\d+(?:[.\-/\s_]+\d+)+[.\-/\s_]*$"  # hierarchical "10.082.02692": the unit's own code is last
_LAST_NUMBER = r"(\d+)[.\-/\s_]*$"
_NUMBER_AT_END = re.compile(r"(?:\D*?[.\-/\s_:])?(\d+)")  # "416", or a number after a word: "LC-02692", "xã 02692"
_LOST_ZEROS = r"^[1-9]\d*$"  # a number with no leading zero: Excel dropped them ("2692"), or there were none


def normalise_code(values: pd.Series, *, level: str = "commune") -> pd.Series:
    """Return GSO codes as zero-padded strings, whatever the spreadsheet did to them.

    ``2692``, ``2692.0``, ``"2692.0"``, ``"2,692"``, ``"02692"``, ``"'02692"``, ``"10.082.02692"`` and
    ``"10-082-02692"`` all become ``"02692"``, and ``"2 692"`` or ``"02 635"`` (digits grouped by a space) ``"02692"``,
    ``"02635"``. Empty cells become ``<NA>``. Other codes are kept as
    typed, whole: text ("Tổng cộng"), codes with letters ("MAS-01"), and numbers written with leading
    zeros of their own ("0416", another country's scheme; :func:`as_written_in` finds a layer's "0416" for a
    record's "416"). Each distinct value is worked out once (records repeat codes).
    """
    width = CODE_WIDTH[level]
    codes, uniques = pd.factorize(values)  # each distinct value once; missing → -1
    done = _normalise(pd.Series(uniques, dtype=object), width).array  # typed once, then spread by position
    return pd.Series(done.take(codes, allow_fill=True), index=values.index, name=values.name)


def _normalise(values: pd.Series, width: int) -> pd.Series:
    text = values.astype("string").str.strip().str.strip("'\"").str.strip()
    text = text.mask(text.eq(""))
    text = text.str.replace(_THOUSANDS, r"\1\2", regex=True)  # before floats: "4,000" is 4000, not 4.0
    if width == CODE_WIDTH["commune"]:
        text = text.str.replace(_DOT_THOUSANDS, r"\1\2", regex=True)
    text = text.str.replace(_FLOAT, r"\1", regex=True)
    text = text.str.rstrip("./-_ ")  # "02692/", "02692."
    hierarchy = text.str.fullmatch(_HIERARCHY).fillna(False)
    text = text.mask(hierarchy, text.str.extract(_LAST_NUMBER, expand=False).str.zfill(width))  # GSO's, all digits
    lost = text.str.fullmatch(_LOST_ZEROS).fillna(False)
    return text.mask(lost, text.str.zfill(width)).astype("string")


def as_written_in(codes: pd.Series, known: pd.Series) -> pd.Series:
    """``codes`` as ``known`` (a layer's codes) writes them where the two differ only by leading zeros, or by a
    word before the number: a record's "416" or "00416" is the layer's "0416" (a scheme of four digits, not GSO's
    five), its "LC-02692" or "xã 02692" the layer's "02692"; the others as they are. A code two of ``known`` share
    this way is left alone.

    >>> as_written_in(pd.Series(["00416", "0417", "X"]), pd.Series(["0416", "0417"])).tolist()
    ['0416', '0417', 'X']
    """
    layer = set(known.dropna().astype("string").unique().tolist())
    numbered = {c: m[1] for c in codes.dropna().astype("string").unique().tolist()
                if c not in layer and (m := _NUMBER_AT_END.fullmatch(c)) and (c.isdigit() or len(m[1]) >= 3)}
    if not numbered:  # the usual case: every code is the layer's
        return codes
    keys: dict[str, list[str]] = {}
    for code in (c for c in layer if c.isdigit()):
        keys.setdefault(code.lstrip("0"), []).append(code)
    found = {c: keys[n.lstrip("0")][0] for c, n in numbered.items() if len(keys.get(n.lstrip("0"), ())) == 1}
    if not found:
        return codes
    text = codes.astype("string")
    return text.mask(text.isin(list(found)), text.map(found))

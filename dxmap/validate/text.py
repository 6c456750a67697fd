"""Vietnamese names: NFC normalisation and the folded keys used for matching.

Display always keeps the original name (in NFC). Matching compares :func:`name_key`, which folds
case and diacritics (đ/Đ → d explicitly, since Unicode decomposition leaves it alone), drops unit
prefixes such as "Xã", "Phường", "Thôn", "TDP", and compares numbers as numbers ("Thôn 01" = "Thôn 1").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import numpy as np
import pandas as pd

__all__ = [
    "nfc", "fold", "name_key", "spelling_key", "strip_prefix", "commune_kind", "per_distinct",
    "nfc_series", "name_key_series", "spelling_key_series",
]

_D = str.maketrans({"đ": "d", "Đ": "d"})

# Longest first so "thi tran" wins over "thi"; folded spellings.
_PREFIXES = sorted(
    [
        "tinh", "thanh pho", "tp", "thi xa", "tx", "huyen", "h",
        "xa", "x", "phuong", "p", "thi tran", "tt",
        "thon", "ban", "to dan pho", "tdp", "to", "khu pho", "kp", "khu", "lang", "ap", "xom", "doi", "tieu khu",
    ],
    key=len,
    reverse=True,
)
# Official unit words, spelt with their diacritics.
_UNIT_WORDS = ("tổ dân phố", "thành phố", "thị trấn", "thị xã", "phường", "huyện", "tỉnh", "thôn", "bản", "xã", "đặc khu")
_PREFIX_RE = re.compile(r"^(?:" + "|".join(re.escape(p) for p in _PREFIXES) + r")(?:\.|\s)+(?=\S)")
# English unit words after a name: "Kivaa Ward" = "Kivaa", "Yatta Sub-County" = "Yatta"
_SUFFIX_RE = re.compile(r"(?<=\S)\s+(?:ward|village|commune|district|sub ?county|county|province)$")
_NUM_RE = re.compile(r"\d+")
_LETTER_DIGIT_RE = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")
_SO_RE = re.compile(r"\bso (?=\d)")  # "Tổ dân phố số 1" = "Tổ dân phố 1"
_NT_RE = re.compile(r"\bnong truong\b")  # "Thị trấn Nông trường Liên Sơn" = "NT Liên Sơn", as GSO lists it
# The five Vietnamese tone marks; circumflex, breve and horn belong to the letter and are kept.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_PUNCT_RE = re.compile(r"[^\w\s]")
_WS_RE = re.compile(r"\s+")
_PLAIN_ASCII = r"[!-~]+(?: [!-~]+)*"  # what nfc() returns unchanged: ASCII is NFC, and no space to trim or collapse


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC with surrounding white space removed and inner runs collapsed."""
    return _WS_RE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fold(text: str) -> str:
    """Lower-case ``text`` and strip its diacritics: ``"Bát Xát"`` → ``"bat xat"``, ``"Đồng"`` → ``"dong"``."""
    decomposed = unicodedata.normalize("NFD", nfc(text).translate(_D).lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_key(text: object) -> str:
    """The key two names must share to match: folded, unit prefix dropped (Vietnamese: "Xã", "Thôn"…; and an English
    unit word after the name: "Ward", "Village", "Sub-County"…), numbers unpadded.

    >>> name_key("Xã Bản Vược") == name_key("ban vuoc")
    True
    >>> name_key("Thôn 01") == name_key("thon 1") == name_key("TDP 1")
    True
    >>> name_key("Thị trấn Nông trường Liên Sơn") == name_key("NT Liên Sơn")
    True
    >>> name_key("Kivaa Ward") == name_key("Kivaa") and name_key("Yatta Sub-County") == "yatta"
    True
    """
    if text is None or (isinstance(text, float) and text != text):
        return ""
    key = fold(str(text))
    key = _PUNCT_RE.sub(lambda m: "." if m.group() == "." else " ", key)
    key = _LETTER_DIGIT_RE.sub(" ", key)  # "Thôn1" = "Thôn 1"
    key = _NT_RE.sub("nt", _WS_RE.sub(" ", key).strip())
    # Prefixes stack ("Thôn Bản Vược", "Xã Bản Vược"), and "Bản" is both a village type and part
    # of names, so strip them all: both sides of a comparison fold the same way. The look-ahead in
    # the pattern keeps a bare "Bản" or "Thôn" intact.
    while (stripped := _PREFIX_RE.sub("", key, count=1)) != key:
        key = stripped
    key = _SUFFIX_RE.sub("", key)
    key = _SO_RE.sub("", key.replace(".", " "))
    key = _NUM_RE.sub(lambda m: str(int(m.group())), key)
    return _WS_RE.sub(" ", key).strip()


# A village named by a number ("Thôn 1", "Tổ dân phố 01", "Tiểu khu I", "Đội 5A") is told from another of that number
# in its commune by its unit word; these are one word written otherwise.
_NUMBERED_RE = re.compile(r"\d+(?: [a-z])?|(?=[ivx]+$)x{0,3}(?:ix|iv|v?i{0,3})")
_KIND_SYNONYMS = {"to dan pho": "to", "tdp": "to", "to dp": "to", "khu pho": "kp"}


def village_kind(text: object) -> str:
    """The unit word of a village named by a number, folded: ``"thon"`` for "Thôn 01", ``"to"`` for "Tổ dân phố 1",
    "TDP 1" and "Tổ 1", ``"tieu khu"`` for "Tiểu khu I"; ``""`` for a name that is not a number after its unit word
    ("Bản Nà Lang", "Tô Hiệu") or has none ("1"). Two villages of one commune whose :func:`name_key` is one number
    are told apart by it: "Thôn 1" and "Tổ dân phố 1" are two.

    >>> village_kind("Thôn 01"), village_kind("TDP.1"), village_kind("Tiểu khu I"), village_kind("Tô Hiệu")
    ('thon', 'to', 'tieu khu', '')
    """
    key = name_key(text)
    if not key or not _NUMBERED_RE.fullmatch(key):
        return ""
    words = _LETTER_DIGIT_RE.sub(" ", _PUNCT_RE.sub(" ", fold(str(text)))).split()
    unit = words[:max(len(words) - len(key.split()), 0)]
    if unit and unit[-1] == "so":  # "Tổ dân phố số 1"
        unit = unit[:-1]
    return _KIND_SYNONYMS.get(" ".join(unit), " ".join(unit))


def village_key(text: object) -> str:
    """:func:`name_key` with :func:`village_kind` in front: the key that tells "Thôn 1" from "Tổ dân phố 1" of one
    commune, which :func:`name_key` makes one ("1") so that a record matches a layer however it writes the word.

    >>> village_key("Thôn 01") == village_key("thon 1") != village_key("Tổ dân phố 1") == village_key("TDP 1")
    True
    >>> village_key("Bản Nà Lang") == village_key("Nà Lang")
    True
    """
    return f"{village_kind(text)} {name_key(text)}"


def strip_prefix(text: str) -> str:
    """Drop one leading unit word as officially spelt ("Xã", "Phường", "Thị trấn", "Thôn"…), keeping diacritics.

    Only the exact word counts, so the name "Xà Hồ" keeps its "Xà".

    >>> strip_prefix("Thị trấn Khánh Yên"), strip_prefix("Xã Xà Hồ")
    ('Khánh Yên', 'Xà Hồ')
    """
    t = nfc(text)
    lowered = t.lower()
    for p in _UNIT_WORDS:
        if lowered.startswith(p + " ") and len(t) > len(p) + 1:
            return t[len(p) + 1:].strip()
    return t


# The kind of unit a commune's name says first: the official word, or its abbreviation ("TT. Bát Xát", "TT Bát Xát");
# a town or city of district rank too ("Thị xã Nghĩa Lộ" is not Xã Nghĩa Lộ)
_KIND_RE = re.compile(r"^(?:(thị xã|thành phố|huyện|quận|xã|phường|thị trấn|đặc khu)\s+|(tt|tx|tp|x|p|h|q)\.\s*|(tt|tx|tp)\s+)(?=\S)")
# The words typed without diacritics, read only in a name typed wholly without them: "Xa Tram Tau" says xã, but in
# "Xa Trạm Tấu" the "Xa" is a name's ("Xà"). Two words begin no commune's name; one word may ("Xà Hồ", "Phương Độ":
# weak, read only to choose among namesakes). Not "huyen" or "quan": "Huyền Hội", "Quan Sơn" are communes (QA31).
_PLAIN_KIND_RE = re.compile(r"^(thi xa|thanh pho|thi tran)\s+(?=\S)")
_WEAK_KIND_RE = re.compile(r"^(xa|phuong)\s+(?=\S)")
_KIND_SHORT = {"tt": "thị trấn", "tx": "thị xã", "tp": "thành phố", "x": "xã", "p": "phường", "h": "huyện", "q": "quận",
               "thi xa": "thị xã", "thanh pho": "thành phố", "xa": "xã", "phuong": "phường", "thi tran": "thị trấn"}


def commune_kind(text: object, *, weak: bool = False) -> str:
    """The kind of unit a name says it is, in lower case with diacritics; "" when it says none.

    >>> commune_kind("Xã Yên Bình"), commune_kind("TT. Bát Xát"), commune_kind("Thị trấn"), commune_kind("A Lù")
    ('xã', 'thị trấn', '', '')

    The words typed without diacritics count in a name typed wholly without them; "Xa" and "Phuong", which begin
    names too ("Xà Hồ"), only when ``weak`` (to choose among namesakes of several kinds):

    >>> commune_kind("Thi tran Tram Tau"), commune_kind("Xa Trạm Tấu"), commune_kind("Xa Tram Tau", weak=True)
    ('thị trấn', '', 'xã')
    """
    if not isinstance(text, str):
        return ""
    lowered = nfc(text).lower()
    m = _KIND_RE.match(lowered)
    if m is None and lowered.isascii():
        m = _PLAIN_KIND_RE.match(lowered) or (_WEAK_KIND_RE.match(lowered) if weak else None)
    if m is None:
        return ""
    word = next(g for g in m.groups() if g)
    return _KIND_SHORT.get(word, word)


def spelling_key(text: object) -> str:
    """Exact spelling, ignoring only case, spacing and where the tone mark sits ("Hoà" = "Hòa").

    Unlike :func:`name_key`, diacritics count: ``spelling_key("Sa Pa") != spelling_key("Sa Pả")``.
    """
    if not isinstance(text, str):
        return ""
    words = []
    for word in nfc(text).lower().split(" "):
        decomposed = unicodedata.normalize("NFD", word)
        tones = sorted(ch for ch in decomposed if ch in _TONES)
        base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
        words.append(base + "".join(tones))
    return " ".join(words)


def per_distinct(values: pd.Series, fn: Callable[[object], object], *, na_action: str | None = "ignore",
                 dtype: str | None = "string") -> pd.Series:
    """``values.map(fn)``, but calling ``fn`` once per distinct value: records and villages repeat few names.

    Parameters
    ----------
    values
        Any Series; its index is kept.
    fn
        Applied to each distinct value.
    na_action
        ``"ignore"`` (default): missing values stay missing; None: ``fn`` is applied to them too.
    dtype
        Of the result (default pandas' ``string``); None keeps Python objects.

    >>> per_distinct(pd.Series([" Bát  Xát", None, " Bát  Xát"]), nfc).tolist()
    ['Bát Xát', <NA>, 'Bát Xát']
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=na_action == "ignore")
    done = [fn(u) for u in np.asarray(uniques, dtype=object)]  # not iterating an arrow array: slow
    if dtype is not None:  # the distinct results typed once, then spread by position (code -1: missing)
        typed = pd.array(done, dtype=dtype)
        return pd.Series(typed.take(codes, allow_fill=True), index=values.index, name=values.name)
    mapped = np.empty(len(done) + 1, dtype=object)
    mapped[:-1] = done
    mapped[-1] = pd.NA  # code -1: a missing value, left alone
    return pd.Series(mapped[codes], index=values.index, name=values.name)


def nfc_series(values: pd.Series) -> pd.Series:
    """:func:`nfc` of every value, once per distinct value: same index and name, ``string`` dtype.

    Distinct values that are printable ASCII words between single spaces (ids, codes, most English
    text) are already what :func:`nfc` returns; one vectorised match finds them, so a column of
    100,000 village ids costs no Python call per value.

    >>> nfc_series(pd.Series([" Bát  Xát", None, "00001-001"])).tolist()
    ['Bát Xát', <NA>, '00001-001']
    """
    text = values.astype("string")
    codes, uniques = text.array.factorize()  # missing values: code -1
    todo = ~pd.Series(uniques).str.fullmatch(_PLAIN_ASCII).to_numpy(dtype=bool)
    if not todo.any():
        return text
    done = np.asarray(uniques, dtype=object)
    done[todo] = [nfc(u) for u in done[todo]]
    return pd.Series(pd.array(done, dtype="string").take(codes, allow_fill=True), index=values.index, name=values.name)


def name_key_series(values: pd.Series) -> pd.Series:
    """:func:`name_key` of every value, once per distinct value.

    >>> name_key_series(pd.Series(["Thôn 01", "TDP số 3", None])).tolist()
    ['1', '3', <NA>]
    """
    return per_distinct(values, name_key)


def spelling_key_series(values: pd.Series) -> pd.Series:
    """:func:`spelling_key` of every value, once per distinct value."""
    return per_distinct(values, spelling_key)

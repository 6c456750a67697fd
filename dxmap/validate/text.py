"""Vietnamese names: NFC normalisation and the folded keys used for matching.

Display always keeps the original name (in NFC). Matching compares :func:`name_key`, which folds
case and diacritics (đ/Đ → d explicitly, since Unicode decomposition leaves it alone), drops unit
prefixes such as "Xã", "Phường", "Thôn", "TDP", and compares numbers as numbers ("Thôn 01" = "Thôn 1").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

__all__ = [
    "nfc", "fold", "name_key", "spelling_key", "strip_prefix", "strip_village_word", "commune_kind", "per_distinct",
    "nfc_series", "name_key_series", "spelling_key_series",
    "village_kind", "village_key", "says_whole_commune", "says_whole_commune_series",
]

_D = str.maketrans({"đ": "d", "Đ": "d"})

# Longest first so "thi tran" wins over "thi"; folded spellings.
_PREFIXES = sorted(
    [
        "tinh", "thanh pho", "tp", "thi xa", "tx", "huyen", "h",
        "xa", "x", "phuong", "p", "thi tran", "tt",
        "thon", "ban", "to dan pho", "to dp", "tdp", "to", "khu pho", "kp", "khu", "lang", "ap", "xom", "doi",
        "tieu khu", "tk",
    ],
    key=len,
    reverse=True,
)
# Official unit words, spelt with their diacritics.
_UNIT_WORDS = ("tổ dân phố", "thành phố", "thị trấn", "thị xã", "phường", "huyện", "tỉnh", "thôn", "bản", "xã", "đặc khu")
# Thai unit words (QA67 F10): อำเภอ (amphoe, a district), ตำบล (tambon, a commune), or their initials with a dot
# (อ., ต.); Thai writes no space between words, so none need follow them
_THAI_PREFIXES = ("อำเภอ", "ตำบล", "อ.", "ต.")
_PREFIX_RE = re.compile(r"^(?:" + "|".join(re.escape(p) for p in _PREFIXES) + r")(?:\.|\s)+(?=\S)"
                        r"|^(?:" + "|".join(map(re.escape, _THAI_PREFIXES)) + r")\s*(?=\S)")
# English unit words after a name: "Kivaa Ward" = "Kivaa", "Yatta Sub-County" = "Yatta"
_SUFFIX_RE = re.compile(r"(?<=\S)\s+(?:ward|village|commune|district|sub ?county|county|province)$")
_NUM_RE = re.compile(r"\d+")
_LETTER_DIGIT_RE = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")
_SO_RE = re.compile(r"\bso (?=\d)")  # "Tổ dân phố số 1" = "Tổ dân phố 1"
# Words that begin names ("Buôn Đôn", "Sóc Sơn") but are unit words before a number alone ("Buôn 1", "Sóc II")
_NUMBERED_UNIT_RE = re.compile(r"^(?:buon|bon|soc|plei|phum)\s+")
# A roman numeral ("Thôn IV" = "Thôn 4"), but VI and XI, which are Vietnamese syllables too ("Bản Vi", "Bản Xí")
_NAME_NUMERALS = ("vi", "xi")
_ROMAN_RE = re.compile(r"(?=[ivx]+$)(?!(?:" + "|".join(_NAME_NUMERALS) + r")$)x{0,3}(?:ix|iv|v?i{0,3})")
_ROMAN = {"i": 1, "v": 5, "x": 10}
_LETTER_RE = re.compile(r"[a-z]")  # after a number: "Đội 5A", "Thôn II A"
# A unit word's initials with dots ("T.K", "T.D.P"); never other initials, as "X.A Lù" is "Xã A Lù"
_DOTTED_RE = re.compile(r"^(?:to )?(?:t\. ?d\. ?p|d\. ?p|t\. ?k|k\. ?p)(?![a-z])")  # spaced too: "T. K. 3"
_NT_RE = re.compile(r"\bnong truong\b")  # "Thị trấn Nông trường Liên Sơn" = "NT Liên Sơn", as GSO lists it
# The five Vietnamese tone marks; circumflex, breve and horn belong to the letter and are kept.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_PUNCT_RE = re.compile(r"[^\w\s]")
_WS_RE = re.compile(r"\s+")
_PLAIN_ASCII = r"[!-~]+(?: [!-~]+)*"  # what nfc() returns unchanged: ASCII is NFC, and no space to trim or collapse


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC with surrounding white space removed and inner runs collapsed."""
    return _WS_RE.sub(" ", unicodedata.normalize("NFC", text)).strip()


# Characters that stand for others a village's name writes plainly: the roman numerals of one character ("Ⅳ") and
# full-width forms typed with an Asian input method ("１２", "ＩＩ"); not "№", "™", "²", which NFKD would make letters
_COMPAT = {c: unicodedata.normalize("NFKC", chr(c)) for r in (range(0x2160, 0x2180), range(0xFF01, 0xFF5F)) for c in r}


def fold(text: str) -> str:
    """Lower-case ``text`` and strip its diacritics: ``"Bát Xát"`` → ``"bat xat"``, ``"Đồng"`` → ``"dong"``; a
    character that stands for others is them (``"Ⅳ"`` → ``"iv"``, full-width ``"１"`` → ``"1"``)."""
    decomposed = unicodedata.normalize("NFD", nfc(text).translate(_D).translate(_COMPAT).lower())
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

    A roman numeral after one unit word, or alone when of two letters or more, is its number, but VI and XI, which
    are names too ("Bản Vi"); the words that begin names ("Buôn Đôn") are unit words before a number alone:

    >>> name_key("Thôn IV"), name_key("thôn iv"), name_key("III"), name_key("Tổ dân phố số II"), name_key("Bản VI")
    ('4', '4', '3', '2', 'vi')
    >>> name_key("Buôn 3"), name_key("Buôn I"), name_key("Buôn Đôn")
    ('3', '1', 'buon don')
    >>> name_key("Kivaa Ward") == name_key("Kivaa") and name_key("Yatta Sub-County") == "yatta"
    True
    """
    if text is None or (isinstance(text, float) and text != text):
        return ""
    key = fold(str(text))
    key = _PUNCT_RE.sub(lambda m: "." if m.group() == "." else " ", key)
    key = _undotted(key)  # "T.K 3", "Tổ D.P 3": "TK 3", "Tổ DP 3"
    key = _LETTER_DIGIT_RE.sub(" ", key)  # "Thôn1" = "Thôn 1"
    key = _NT_RE.sub("nt", _WS_RE.sub(" ", key).strip())
    # Prefixes stack ("Thôn Bản Vược", "Xã Bản Vược"), and "Bản" is both a village type and part
    # of names, so strip them all: both sides of a comparison fold the same way. The look-ahead in
    # the pattern keeps a bare "Bản" or "Thôn" intact.
    stripped_words = 0
    if (unit := _NUMBERED_UNIT_RE.match(key)) and _number(key[unit.end():]) is not None:
        key, stripped_words = key[unit.end():], 1  # "Buôn 1", not "Buôn Đôn"
    # no unit word is stripped from a number: "Thôn X A" is Thôn 10A, not "A" ("x" also abbreviates Xã)
    while _number(key) is None and (stripped := _PREFIX_RE.sub("", key, count=1)) != key:
        key, stripped_words = stripped, stripped_words + 1
    key = _SUFFIX_RE.sub("", key)
    key = _SO_RE.sub("", key.replace(".", " ")).strip()
    # "Thôn IV", a ward's bare "III"; not "Bản Xà I", nor a lone "x" or "I" (a tick in a village cell, QA40 H1)
    if stripped_words <= 1 and (stripped_words or len(key) > 1) and (roman := _roman_number(key)):
        key = roman
    key = _NUM_RE.sub(lambda m: str(int(m.group())), key)
    return _WS_RE.sub(" ", key).strip()


def _undotted(folded: str) -> str:
    """A folded name with its unit word's initials undotted: "t.k 3", "t. k. 3" → "tk 3", "to d.p 3" → "to dp 3"."""
    return _DOTTED_RE.sub(lambda m: m.group().replace(". ", "").replace(".", ""), folded)


def _number(key: str) -> str | None:
    """``key`` when it is a number ("1", "5 a"), its value when a roman numeral (:func:`_roman_number`), else None."""
    return key if _NUMBERED_RE.fullmatch(key) else _roman_number(key)


def _roman_number(key: str) -> str | None:
    """The value of a roman numeral key ("iv", "so iv": "Tổ dân phố số IV") as a number ("4"); None for any other
    key, and for "vi" and "xi", which are names too."""
    numeral, _, letter = key.removeprefix("so ").partition(" ")  # "ii a": "Thôn II A", as "Thôn 2A"
    if not _ROMAN_RE.fullmatch(numeral) or not (letter == "" or _LETTER_RE.fullmatch(letter)):
        return None
    values = [_ROMAN[c] for c in numeral]
    return " ".join(filter(None, [str(sum(-v if v < after else v for v, after in zip(values, values[1:] + [0]))),
                                  letter]))


# A village named by a number ("Thôn 1", "Tổ dân phố 01", "Tiểu khu I", "Đội 5A") is told from another of that number
# in its commune by the kind its unit word says: rural (thôn, bản, xóm…), tổ (tổ dân phố), khu (khu phố, tiểu khu) or
# đội. One kind written otherwise ("Bản 3" for "Thôn 3", "KP 2" for "Khu 2") is one village.
_NUMBERED_RE = re.compile(r"\d+(?: [a-z])?")
# (the unit words name_key drops before a number)
_KINDS = {**dict.fromkeys(("thon", "ban", "xom", "lang", "ap", "buon", "bon", "soc", "plei", "phum"), "thon"),
          **dict.fromkeys(("to", "to dan pho", "to dp", "tdp"), "to"),
          **dict.fromkeys(("khu", "khu pho", "kp", "tieu khu", "tk"), "khu"), "doi": "doi"}


def village_kind(text: object) -> str:
    """The kind of village a name's unit word says, for a village named by a number: ``"thon"`` (Thôn, Bản, Xóm…),
    ``"to"`` (Tổ dân phố, TDP, Tổ), ``"khu"`` (Khu phố, KP, Tiểu khu), ``"doi"`` (Đội); ``""`` for a name that is
    not a number after its unit word ("Bản Nà Lang", "Tô Hiệu", "Bản Vi"), or whose word is none of them ("1").
    Two villages of one commune whose :func:`name_key` is one number are told apart by it: "Thôn 1" and "Tổ dân phố
    1" are two. A roman numeral counts, and VI and XI, which :func:`name_key` keeps as names, in capitals ("Thôn VI";
    "Bản Vi" is a name).

    >>> village_kind("Thôn 01"), village_kind("TDP.1"), village_kind("Tiểu khu I"), village_kind("Tô Hiệu")
    ('thon', 'to', 'khu', '')
    """
    key = name_key(text)
    numbered = _NUMBERED_RE.fullmatch(key) or (key in _NAME_NUMERALS and str(text).split()[-1].isupper())
    if not key or not numbered:
        return ""
    words = _LETTER_DIGIT_RE.sub(" ", _PUNCT_RE.sub(" ", _undotted(fold(str(text))))).split()
    unit = words[:max(len(words) - len(key.split()), 0)]
    if unit and unit[-1] == "so":  # "Tổ dân phố số 1"
        unit = unit[:-1]
    return _KINDS.get(" ".join(unit), "")


# A village cell that says the whole commune: "Toàn xã", "Cả xã A Lù", "(Toàn xã)", "Chung toàn xã", "Tất cả các thôn",
# "Toàn bộ địa bàn xã". Each word as spelt, or typed without its diacritics: "Toàn Xá" and "Cà Xá" are villages.
_WHOLE_COMMUNE_RE = re.compile(
    r"(?:chung |(?:tat|tất) (?:ca|cả) )?(?:toan|toàn|ca|cả|cac|các)(?: (?:bo|bộ))?(?: (?:cac|các))?"
    r"(?: (?:dia|dịa) (?:ban|bàn))? (?:xa|xã|phuong|phường|(?:thi|thị) (?:tran|trấn)|thon|thôn|ban|bản|to|tổ)\b.*")
# The kinds of commune a village cell may name itself by: "Xã A Lù", "X. A Lù", "TT. Bát Xát" (commune_kind: "Xà Hồ"
# and "Phương Tiến" are names, QA37)
_COMMUNE_KINDS = ("xã", "phường", "thị trấn", "đặc khu")


def _says_commune_kind(text: str) -> bool:
    """Whether a village cell begins with a commune's unit word (:func:`commune_kind`, "Xa" typed plain too)."""
    return commune_kind(text.strip(" ()[]:"), weak=True) in _COMMUNE_KINDS


def says_whole_commune(text: object, commune: object = None) -> bool:
    """Whether a village cell says the whole commune rather than a village of it: "Toàn xã", "Cả xã A Lù", "Tất cả
    các thôn", or ``commune``'s own name with its unit word ("Xã A Lù", "TT. Bát Xát"). A sheet's row for the
    commune: its village-level cells name no village.

    >>> says_whole_commune("(Toàn xã)"), says_whole_commune("Toàn Xá"), says_whole_commune("X. A Lù", "A Lù")
    (True, False, True)
    >>> says_whole_commune("Xà Hồ", "Xà Hồ"), says_whole_commune("Phương Tiến", "Phương Tiến")  # villages (QA37)
    (False, False)
    """
    if text is None or (isinstance(text, float) and text != text):
        return False
    plain = " ".join(re.sub(r"[^\w]+", " ", nfc(str(text)).lower().replace("đ", "d")).split())
    if _WHOLE_COMMUNE_RE.fullmatch(plain):
        return True
    return isinstance(commune, str) and bool(commune) and _says_commune_kind(str(text)) and name_key(text) == name_key(
        commune)


def says_whole_commune_series(names: pd.Series, communes: pd.Series) -> np.ndarray:
    """:func:`says_whole_commune` of each village cell in ``names`` with its commune's name in ``communes`` (aligned
    by position), once per distinct cell: the commune's own name is compared only where a cell starts with a commune's
    unit word ("Xã …")."""
    names = pd.Series(pd.array(names, dtype="string"))
    whole = per_distinct(names, says_whole_commune, dtype="boolean").fillna(False).to_numpy(dtype=bool)
    worded = per_distinct(names, _says_commune_kind, dtype="boolean")
    worded = worded.fillna(False).to_numpy(dtype=bool)
    if worded.any():
        theirs = pd.Series(pd.array(communes, dtype="string"))[worded]
        own = name_key_series(names[worded]).eq(name_key_series(theirs)).fillna(False).to_numpy(dtype=bool)
        whole[np.flatnonzero(worded)[own]] = True
    return whole


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
    return _without_first_word(text, _UNIT_WORDS, " ")


def _without_first_word(text: str, words: Iterable[str], after: str) -> str:
    """``text`` (in NFC) without the first of ``words`` it begins with, case aside, followed by one of ``after`` and
    more text; whole when it begins with none."""
    t = nfc(text)
    lowered = t.lower()
    for p in words:
        if lowered.startswith(p) and len(t) > len(p) + 1 and lowered[len(p)] in after:
            return t[len(p) + 1:].strip(" " + after)
    return t


# The words a village's name may begin with, spelt with their diacritics, and their abbreviations; longest first
_VILLAGE_WORDS = sorted(("thôn", "bản", "tổ dân phố", "tổ dp", "tdp", "tổ", "khu phố", "kp", "khu", "tiểu khu", "tk",
                         "xóm", "làng", "đội", "ấp", "buôn", "sóc", "plei", "phum"), key=len, reverse=True)


def strip_village_word(text: str) -> str:
    """Drop one leading word of a village's kind, as spelt with its diacritics or abbreviated ("Thôn", "Tổ", "Xóm",
    "TDP"…), keeping the rest as written: "Tổ 3" → "3", "Thôn Xà Phìn" → "Xà Phìn"; "Xà Phìn", "Phường Thượng" (a
    commune's word is a village name's syllable) stay whole.

    >>> strip_village_word("Tổ dân phố Mới"), strip_village_word("XÓM 4"), strip_village_word("Phường Thượng")
    ('Mới', '4', 'Phường Thượng')
    """
    return _without_first_word(text, _VILLAGE_WORDS, " .")


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

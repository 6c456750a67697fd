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
import pyarrow as pa
import pyarrow.compute as pc

from dxmap._arrow import arrow_strings, text_series

__all__ = [
    "nfc", "fold", "name_key", "spelling_key", "strip_prefix", "per_distinct",
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
_NUM_RE = re.compile(r"\d+")
_LETTER_DIGIT_RE = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")
_SO_RE = re.compile(r"\bso (?=\d)")  # "Tổ dân phố số 1" = "Tổ dân phố 1"
# The five Vietnamese tone marks; circumflex, breve and horn belong to the letter and are kept.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_PUNCT_RE = re.compile(r"[^\w\s]")
_WS_RE = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC with surrounding white space removed and inner runs collapsed."""
    return _WS_RE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fold(text: str) -> str:
    """Lower-case ``text`` and strip its diacritics: ``"Bát Xát"`` → ``"bat xat"``, ``"Đồng"`` → ``"dong"``."""
    decomposed = unicodedata.normalize("NFD", nfc(text).translate(_D).lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_key(text: object) -> str:
    """The key two names must share to match: folded, unit prefix dropped, numbers unpadded.

    >>> name_key("Xã Bản Vược") == name_key("ban vuoc")
    True
    >>> name_key("Thôn 01") == name_key("thon 1") == name_key("TDP 1")
    True
    """
    if text is None or (isinstance(text, float) and text != text):
        return ""
    key = fold(str(text))
    key = _PUNCT_RE.sub(lambda m: "." if m.group() == "." else " ", key)
    key = _LETTER_DIGIT_RE.sub(" ", key)  # "Thôn1" = "Thôn 1"
    key = _WS_RE.sub(" ", key).strip()
    # Prefixes stack ("Thôn Bản Vược", "Xã Bản Vược"), and "Bản" is both a village type and part
    # of names, so strip them all: both sides of a comparison fold the same way. The look-ahead in
    # the pattern keeps a bare "Bản" or "Thôn" intact.
    while (stripped := _PREFIX_RE.sub("", key, count=1)) != key:
        key = stripped
    key = _SO_RE.sub("", key.replace(".", " "))
    key = _NUM_RE.sub(lambda m: str(int(m.group())), key)
    return _WS_RE.sub(" ", key).strip()


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
    mapped = np.empty(len(uniques) + 1, dtype=object)
    mapped[:-1] = [fn(u) for u in np.asarray(uniques, dtype=object)]  # not iterating an arrow array: slow
    mapped[-1] = pd.NA  # code -1: a missing value, left alone
    out = pd.Series(mapped[codes], index=values.index, name=values.name)
    return out.astype(dtype) if dtype is not None else out


# --- the same on whole columns ------------------------------------------------------------------------
# The functions above, worked out with pyarrow.compute on each distinct value of a column at once. The
# Arrow kernels (RE2 regular expressions, utf8proc case mapping and normalisation) are made to agree
# exactly with Python's re, str.lower and unicodedata on a "plain" alphabet: Latin (Vietnamese included),
# combining diacritics, general punctuation and spaces. The character classes below are built from
# Python's own answers for that alphabet (RE2's \s and \w are ASCII-only); values holding any other
# character, and the few cases a regular expression cannot express, are passed to the scalar function.

_PLAIN_RANGES = ((0x0000, 0x02AF), (0x0300, 0x036F), (0x1E00, 0x1EFF), (0x2000, 0x206F), (0x20A0, 0x20C0),
                 (0x2C60, 0x2C7F), (0x3000, 0x3000), (0xFEFF, 0xFEFF))


def _plain_alphabet() -> list[str]:
    """The assigned characters of ``_PLAIN_RANGES`` whose lower case, NFD and NFC are characters of the alphabet
    too (this leaves out U+0130 "İ", which lower-cases to two characters in Python and to one in Arrow)."""
    chars = {chr(c) for lo, hi in _PLAIN_RANGES for c in range(lo, hi + 1) if unicodedata.category(chr(c)) != "Cn"}
    while leaving := {c for c in chars if not {c.lower(), *unicodedata.normalize("NFD", c),
                                               *unicodedata.normalize("NFC", c)} <= chars}:
        chars -= leaving
    return sorted(chars)


_PLAIN = _plain_alphabet()


def _re2_class(chars: Iterable[str]) -> str:
    """The body of a RE2 character class matching exactly ``chars`` (as ranges of \\x{..} escapes)."""
    codes = sorted({ord(c) for c in chars})
    runs: list[list[int]] = []
    for c in codes:
        if runs and c == runs[-1][1] + 1:
            runs[-1][1] = c
        else:
            runs.append([c, c])
    return "".join(f"\\x{{{lo:x}}}" + (f"-\\x{{{hi:x}}}" if hi > lo else "") for lo, hi in runs)


_SPACE = _re2_class(c for c in _PLAIN if _WS_RE.match(c))  # Python's \s: str.isspace()
_WORD = _re2_class(c for c in _PLAIN if re.match(r"\w", c))  # Python's \w: str.isalnum() and "_"
_DIGIT = _re2_class(c for c in _PLAIN if re.match(r"\d", c))
_COMBINING = _re2_class(c for c in _PLAIN if unicodedata.combining(c))
_TONE = _re2_class(_TONES)
_NOT_PLAIN = f"[^{_re2_class(_PLAIN)}]"
_MARK = "\ue000"  # private use, not plain: keeps a moved tone mark from composing with the letter before it
_PREFIX_RE2 = "^(?:" + "|".join(_PREFIXES) + ")[. ]+([^ ])"  # letters and spaces; the look-ahead is captured


def _collapse(text: pa.Array) -> pa.Array:
    """``_WS_RE.sub(" ", text).strip()``."""
    return pc.utf8_trim(pc.replace_substring_regex(text, f"[{_SPACE}]+", " "), " ")


# The functions below take text already in NFC (nfc's first step) and return their result and, optionally,
# a mask of values they cannot work out exactly.

def _nfc_arrow(composed: pa.Array) -> tuple[pa.Array, None]:
    return _collapse(composed), None


def _fold_arrow(composed: pa.Array) -> pa.Array:
    text = pc.replace_substring(pc.replace_substring(_collapse(composed), "đ", "d"), "Đ", "d")
    return pc.replace_substring_regex(pc.utf8_normalize(pc.utf8_lower(text), "NFD"), f"[{_COMBINING}]+", "")


def _name_key_arrow(composed: pa.Array) -> tuple[pa.Array, None]:
    key = pc.replace_substring_regex(_fold_arrow(composed), f"[^{_WORD}{_SPACE}.]", " ")
    key = pc.replace_substring_regex(key, f"([a-z])([{_DIGIT}])", r"\1 \2")
    key = pc.replace_substring_regex(key, f"([{_DIGIT}])([a-z])", r"\1 \2")
    key = _collapse(key)
    while True:  # one prefix per pass, as name_key does, until none is left
        stripped = pc.replace_substring_regex(key, _PREFIX_RE2, r"\1")
        if pc.all(pc.equal(stripped, key)).as_py() is not False:
            break
        key = stripped
    key = pc.replace_substring_regex(pc.replace_substring(key, ".", " "), f"(^|[^{_WORD}])so ([{_DIGIT}])", r"\1\2")
    key = pc.replace_substring_regex(key, f"(^|[^{_DIGIT}])0+([{_DIGIT}])", r"\1\2")  # numbers unpadded
    return _collapse(key), None


def _spelling_key_arrow(composed: pa.Array) -> tuple[pa.Array, pa.Array]:
    words = pc.utf8_normalize(pc.utf8_lower(_collapse(composed)), "NFD")
    # A word's tone marks go to its end, in code point order; a regular expression moves one mark, so
    # words with several (misspellings) are left to spelling_key.
    several = pc.match_substring_regex(words, f"[{_TONE}][^ ]*[{_TONE}]")
    moved = pc.replace_substring_regex(words, f"([{_TONE}])([^ ]*)", f"\\2{_MARK}\\1")
    return pc.replace_substring(pc.utf8_normalize(moved, "NFC"), _MARK, ""), several


def _map_distinct(values: pd.Series, text: pa.Array | pa.ChunkedArray,
                  work: Callable[[pa.Array], pa.Array | pa.ChunkedArray]) -> pd.Series:
    """``work`` done once on the distinct values of ``text`` (``values`` as Arrow text), spread back over the rows.

    When ``work`` changes nothing, the column's own text is returned, not a copy.
    """
    encoded = pc.dictionary_encode(text.combine_chunks() if isinstance(text, pa.ChunkedArray) else text)
    done = work(encoded.dictionary)  # the dictionary holds no nulls
    if done.null_count == 0 and pc.all(pc.equal(done, encoded.dictionary)).as_py():
        return text_series(text, values)
    return text_series(pc.take(done, encoded.indices), values)


def _each_distinct(values: pd.Series, on_arrow: Callable[[pa.Array], tuple[pa.Array, pa.Array | None]],
                   fn: Callable[[object], object], text: pa.Array | pa.ChunkedArray | None) -> pd.Series:
    """``per_distinct(values, fn)``, with ``on_arrow`` doing the work for the distinct plain values at once.

    ``text`` is ``values`` as Arrow text (None: not all text, so ``fn`` does all the work). ``on_arrow``
    returns its result and, optionally, a mask of values it could not work out exactly; those, and values
    with characters outside the plain alphabet, are given to ``fn`` one by one.
    """
    if text is None:
        return per_distinct(values, fn)

    def work(distinct: pa.Array) -> pa.Array:
        composed = pc.utf8_normalize(distinct, "NFC")
        done, unsure = on_arrow(composed)
        # Plain before and after NFC: composing can leave the alphabet ("I" + U+0307 → "İ", "=" + U+0338 → "≠").
        odd = pc.or_(pc.match_substring_regex(distinct, _NOT_PLAIN), pc.match_substring_regex(composed, _NOT_PLAIN))
        if unsure is not None:
            odd = pc.or_(odd, unsure)
        if pc.any(odd).as_py():
            by_fn = pa.array([fn(v) for v in distinct.filter(odd).to_pylist()], type=pa.large_string())
            done = pc.replace_with_mask(done, odd, by_fn)
        return done

    return _map_distinct(values, text, work)


def _plain_ascii(text: pa.Array | pa.ChunkedArray) -> bool:
    """Whether every value is printable ASCII without a leading, trailing or double space (nfc changes nothing).

    Double spaces are looked for in the text buffers at once (a search per value costs several times more);
    a buffer may hold text beyond the values, which can only send a column to the slower, exact path.
    """
    if pc.all(pc.ascii_is_printable(text)).as_py() is False:
        return False
    if pc.any(pc.or_(pc.starts_with(text, " "), pc.ends_with(text, " "))).as_py():
        return False
    for chunk in text.chunks if isinstance(text, pa.ChunkedArray) else [text]:
        data = chunk.buffers()[2]
        if data is not None:
            spaces = np.frombuffer(data, dtype=np.uint8) == ord(" ")
            if (spaces[1:] & spaces[:-1]).any():
                return False
    return True


def nfc_series(values: pd.Series) -> pd.Series:
    """:func:`nfc` of every value, vectorised: same index and name, ``string`` dtype, missing stays missing.

    A column with nothing to change (printable ASCII, single inner spaces) is returned without copying its text.

    >>> nfc_series(pd.Series([" Bát  Xát", None])).tolist()
    ['Bát Xát', <NA>]
    """
    text = arrow_strings(values)
    if text is not None and _plain_ascii(text):
        return text_series(text, values)
    return _each_distinct(values, _nfc_arrow, nfc, text)


def name_key_series(values: pd.Series) -> pd.Series:
    """:func:`name_key` of every value, vectorised: same index and name, ``string`` dtype, missing stays missing.

    >>> name_key_series(pd.Series(["Thôn 01", "TDP số 3", None])).tolist()
    ['1', '3', <NA>]
    """
    return _each_distinct(values, _name_key_arrow, name_key, arrow_strings(values))


def spelling_key_series(values: pd.Series) -> pd.Series:
    """:func:`spelling_key` of every value, vectorised: same index and name, ``string`` dtype, missing stays missing."""
    return _each_distinct(values, _spelling_key_arrow, spelling_key, arrow_strings(values))

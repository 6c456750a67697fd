"""Vietnamese names: NFC normalisation and the folded keys used for matching.

Display always keeps the original name (in NFC). Matching compares :func:`name_key`, which folds
case and diacritics (đ/Đ → d explicitly, since Unicode decomposition leaves it alone), drops unit
prefixes such as "Xã", "Phường", "Thôn", "TDP", and compares numbers as numbers ("Thôn 01" = "Thôn 1").
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["nfc", "fold", "name_key"]

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
_PREFIX_RE = re.compile(r"^(?:" + "|".join(re.escape(p) for p in _PREFIXES) + r")(?:\.|\s)+(?=\S)")
_NUM_RE = re.compile(r"\d+")
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
    key = _WS_RE.sub(" ", key).strip()
    # Prefixes stack ("Thôn Bản Vược", "Xã Bản Vược"), and "Bản" is both a village type and part
    # of names, so strip them all: both sides of a comparison fold the same way. The look-ahead in
    # the pattern keeps a bare "Bản" or "Thôn" intact.
    while (stripped := _PREFIX_RE.sub("", key, count=1)) != key:
        key = stripped
    key = key.replace(".", " ")
    key = _NUM_RE.sub(lambda m: str(int(m.group())), key)
    return _WS_RE.sub(" ", key).strip()

"""Legacy Vietnamese text encodings: TCVN3 (ABC), VNI-Windows and cp1258, decoded to NFC Unicode.

Old DBF attribute tables and spreadsheets typed with ABC or VNI fonts carry names such as
``"Lµo Cai"`` (TCVN3 bytes shown as Latin-1) or ``"Laøo Cai"`` (VNI bytes shown as cp1252) for
"Lào Cai". Python has a codec for cp1258 but none for TCVN3 or VNI, so this module holds the two
tables and a detector.

- **TCVN3** is single-byte: bytes 0xA0-0xFF hold the lower-case precomposed letters, Ă Â Ê Ô Ơ Ư Đ,
  and five combining tone marks (0xB0-0xB4); 0x80-0x9F hold upper-case toned letters (TCVN 5712
  VN1). ABC fonts draw capitals with separate "H" fonts on the lower-case byte values, so text typed
  in capitals decodes to lower case; matching folds case anyway. The C0 control range, which the
  full TCVN 5712 standard also uses for six capitals, is left alone so that tabs and line breaks
  survive. Table checked entry by entry against GNU libiconv ``lib/tcvn.h`` (``tcvn_2uni_2``,
  TCVN-5712; e.g. repository koron/libiconv).
- **VNI-Windows** writes a base letter followed by one or two mark bytes, read through cp1252:
  tone ``ù ø û õ ï`` (acute, grave, hook, tilde, dot), ``â`` circumflex and ``á à å ã ä`` circumflex
  plus tone, ``ê`` breve and ``é è ú ü ë`` breve plus tone; ``ô`` = ơ, ``ö`` = ư, ``ñ`` = đ, and
  the i/y forms ``í ì æ ó ò`` and ``î`` (ỵ) are single bytes; capitals use the capital bytes. The
  table is generated from these rules and was checked against the complete VNI table of the
  xvnkb Vietnamese keyboard (``vni.h``, Dao Hai Lam, repository lamdao/xvnkb): all 134 letters agree.
- **cp1258** (Windows Vietnamese) is Python's own codec; its tone marks are combining characters,
  so the result is normalised to NFC.

:func:`detect_encoding` scores each candidate decoding by how many of its words are well-formed
Vietnamese syllables (onset, vowel cluster, final; at most one tone mark) and how many characters
are foreign to Vietnamese, and picks the best. Text that is valid UTF-8 is UTF-8; bytes that start
with a byte-order mark are in the Unicode encoding it names (Excel's "Unicode Text" is UTF-16).
"""

from __future__ import annotations

import codecs
import logging
import os
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

import pandas as pd

from dxmap.errors import UnsupportedFormatError, said_error
from dxmap.labels import Lang, label, log_said
from dxmap.validate.dates import preview_in

__all__ = [
    "LEGACY_ENCODINGS",
    "is_utf8",
    "ENCODING_CHOICES",
    "canonical_encoding",
    "bom_encoding",
    "decode_bytes",
    "encode_text",
    "detect_encoding",
    "repair_text",
    "repair_frame",
    "attribute_read_options",
    "decode_attributes",
    "dbf_text_encoding",
    "dbf_page_mismatch",
]

log = logging.getLogger(__name__)

LEGACY_ENCODINGS = ("tcvn3", "vni", "cp1258")
ENCODING_CHOICES = ("auto", "utf-8", *LEGACY_ENCODINGS)

_ALIASES = {
    "tcvn3": "tcvn3", "tcvn": "tcvn3", "abc": "tcvn3", "vn3": "tcvn3", "tcvn5712": "tcvn3", "tcvn-5712": "tcvn3",
    "vni": "vni", "vni-windows": "vni", "vni_windows": "vni", "vniwin": "vni",
    "cp1258": "cp1258", "windows-1258": "cp1258", "windows1258": "cp1258",
    "auto": "auto", "detect": "auto",
}

# --- TCVN3 -------------------------------------------------------------------------------------------
_TCVN3_HIGH = (
    "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨ"  # 0x80-0x8F
    "ÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ"  # 0x90-0x9F
    "\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ"  # 0xA0-0xAF
    "\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"  # 0xB0-0xBF
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"  # 0xC0-0xCF
    "éẹềểễếệìỉỄẾỒĩíịò"  # 0xD0-0xDF
    "Ổỏõóọồổỗốộờởỡớợù"  # 0xE0-0xEF
    "ỖủũúụừửữứựỳỷỹýỵỐ"  # 0xF0-0xFF
)
_TCVN3_TABLE = {0x80 + i: ch for i, ch in enumerate(_TCVN3_HIGH)}

# --- VNI-Windows -------------------------------------------------------------------------------------
_TONE_MARKS = {"acute": "\u0301", "grave": "\u0300", "hook": "\u0309", "tilde": "\u0303", "dot": "\u0323"}
_VNI_TONE = {"ù": "acute", "ø": "grave", "û": "hook", "õ": "tilde", "ï": "dot"}
_VNI_CIRC = {"â": None, "á": "acute", "à": "grave", "å": "hook", "ã": "tilde", "ä": "dot"}
_VNI_BREVE = {"ê": None, "é": "acute", "è": "grave", "ú": "hook", "ü": "tilde", "ë": "dot"}


def _compose(base: str, *marks: str) -> str:
    return unicodedata.normalize("NFC", base + "".join(marks))


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for upper in (False, True):
        def c(s: str) -> str:
            return s.upper() if upper else s
        for base in "aeouy":  # plain vowel + tone byte
            for byte, tone in _VNI_TONE.items():
                table[c(base) + c(byte)] = c(_compose(base, _TONE_MARKS[tone]))
        for base in "aeo":  # circumflex (+ tone) bytes
            for byte, tone in _VNI_CIRC.items():
                table[c(base) + c(byte)] = c(_compose(base, "\u0302", *([_TONE_MARKS[tone]] if tone else [])))
        for byte, tone in _VNI_BREVE.items():  # breve (+ tone) bytes, on a only
            table[c("a") + c(byte)] = c(_compose("a", "\u0306", *([_TONE_MARKS[tone]] if tone else [])))
        for base_byte, letter in (("ô", "ơ"), ("ö", "ư")):  # horn letters are one byte, tone follows
            table[c(base_byte)] = c(letter)
            for byte, tone in _VNI_TONE.items():
                table[c(base_byte) + c(byte)] = c(_compose(letter, _TONE_MARKS[tone]))
        table[c("ñ")] = c("đ")
        # i and ỵ have one-byte forms; "y" + "ï" is not used by VNI fonts (ỵ is "î").
        for byte, letter in (("í", "í"), ("ì", "ì"), ("æ", "ỉ"), ("ó", "ĩ"), ("ò", "ị"), ("î", "ỵ")):
            table[c(byte)] = c(letter)
        del table[c("y") + c("ï")]
    return table


_VNI_TABLE = _vni_table()
_VNI_RE = re.compile("|".join(re.escape(k) for k in sorted(_VNI_TABLE, key=len, reverse=True)))

# --- detection ---------------------------------------------------------------------------------------
_VOWELS = "aăâeêioôơuưy"
_VN_LETTERS = frozenset(
    unicodedata.normalize("NFC", b + t) for b in _VOWELS + _VOWELS.upper() for t in ("", *_TONE_MARKS.values())
) | frozenset("đĐ")
_SYLLABLE_RE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx])?"
    r"(?:uyê|uyu|uya|uây|uôi|ươi|ươu|iêu|yêu|oai|oay|oeo|"
    r"ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|oo|ôi|ơi|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ưu|ươ|yê|"
    r"[aăâeêioôơuưy])"
    r"(?:ch|ng|nh|[cmnpt])?$"
)
_TONE_SET = frozenset(_TONE_MARKS.values())
_SAMPLE_BYTES = 256_000
_WORD_RE = re.compile(r"[^\s\d.,;:!?()\[\]{}\"'/\\|\-–_=+*&%$#@<>]+")


def canonical_encoding(encoding: str | None, *, lang: Lang = "en") -> str | None:
    """The dxmap name of an encoding (``"tcvn3"``, ``"vni"``, ``"cp1258"``, ``"auto"``) or a Python codec name.

    Raises :class:`UnsupportedFormatError` for names that are neither (said in ``lang``).
    """
    if encoding is None:
        return None
    key = encoding.strip().lower()
    if key in _ALIASES:
        return _ALIASES[key]
    try:
        return codecs.lookup(key).name
    except LookupError:
        raise UnsupportedFormatError(label("err_unknown_encoding", lang, given=repr(encoding),
                                           choices=", ".join(ENCODING_CHOICES))) from None


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def bom_encoding(data: bytes) -> str | None:
    """The Unicode encoding a byte-order mark at the start of ``data`` names, or None.

    Excel's "Unicode Text" is UTF-16 with a BOM (tab-separated); its "CSV UTF-8" is UTF-8 with one.
    UTF-32 is tested first: its little-endian BOM starts like UTF-16's.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def _decode_tcvn3(data: bytes) -> str:
    return data.decode("latin-1").translate(_TCVN3_TABLE)


def _decode_vni(data: bytes) -> str:
    return _VNI_RE.sub(lambda m: _VNI_TABLE[m.group()], data.decode("latin-1"))


def decode_bytes(data: bytes, encoding: str) -> str:
    """Decode ``data`` from ``encoding`` (``tcvn3``, ``vni``, ``cp1258``, ``auto`` or a Python codec) to NFC text."""
    enc = canonical_encoding(encoding)
    if enc == "auto":
        enc = detect_encoding(data)
    if enc == "tcvn3":
        text = _decode_tcvn3(data)
    elif enc == "vni":
        text = _decode_vni(data)
    else:
        text = data.decode(enc)
    return unicodedata.normalize("NFC", text)


_TCVN3_ENCODE = {ch: bytes([b]) for b, ch in _TCVN3_TABLE.items() if not unicodedata.combining(ch)}
_VNI_ENCODE = {v: k.encode("latin-1") for k, v in _VNI_TABLE.items()}


def encode_text(text: str, encoding: str) -> bytes:
    """Encode Unicode ``text`` as ``tcvn3``, ``vni`` or ``cp1258`` bytes (the inverse of :func:`decode_bytes`).

    For making test files and for round trips; characters the encoding lacks raise ``UnicodeEncodeError``.
    TCVN3 capitals with tone marks use the TCVN 5712 VN1 bytes 0x80-0x9F where they exist.
    """
    enc = canonical_encoding(encoding)
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch.isascii():
            out += ch.encode("ascii")
        elif enc == "tcvn3" and ch in _TCVN3_ENCODE:
            out += _TCVN3_ENCODE[ch]
        elif enc == "vni" and ch in _VNI_ENCODE:
            out += _VNI_ENCODE[ch]
        elif enc == "cp1258":
            try:
                out += ch.encode("cp1258")
            except UnicodeEncodeError:  # Windows-1258 spells toned letters as base letter + combining tone
                nfd = unicodedata.normalize("NFD", ch)
                tones = "".join(c for c in nfd if c in _TONE_SET)
                base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONE_SET))
                out += (base + tones).encode("cp1258")
        elif enc not in ("tcvn3", "vni"):
            out += ch.encode(enc)
        else:
            raise UnicodeEncodeError(enc, ch, 0, 1, f"{ch!r} has no {enc} byte")
    return bytes(out)


def _words(text: str) -> list[tuple[bool, int]]:
    """Each word of ``text`` with a letter beyond ASCII: whether it is a well-formed Vietnamese syllable, and how many
    of its characters Vietnamese never writes."""
    out = []
    for word in _WORD_RE.findall(text):
        if word.isascii():
            continue
        nfc = unicodedata.normalize("NFC", word)
        foreign = sum(1 for ch in nfc if not ch.isascii() and ch not in _VN_LETTERS)
        decomposed = unicodedata.normalize("NFD", nfc.lower())
        tones = sum(1 for ch in decomposed if ch in _TONE_SET)
        base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_SET))
        out.append((not foreign and tones <= 1 and _SYLLABLE_RE.match(base) is not None, foreign))
    return out


def _score(text: str) -> float:
    """Higher is more like Vietnamese: well-formed syllables count +1, malformed words and foreign characters -1."""
    return sum(1.0 if ok else -1.0 - foreign for ok, foreign in _words(text))


def _syllables(text: str) -> tuple[int, int]:
    """How many words of ``text`` beyond ASCII are well-formed Vietnamese syllables, and how many are not."""
    words = _words(text)
    ok = sum(1 for good, _ in words if good)
    return ok, len(words) - ok


def _reads_vietnamese(text: str) -> bool:
    """Whether most words of ``text`` beyond ASCII are Vietnamese syllables ("Bát Xát"), as a legacy font's text is once
    decoded; Latin-1 letters of other languages decoded so are not ("Peñas" as VNI is "Peđas", "Müllheim" as TCVN3 is
    "Mỹllheim": QA67 F1)."""
    ok, bad = _syllables(text)
    return ok > bad


# Letters of Western languages that a Latin-1 or cp1252 text holds (ñ ü ß ç é…): not the symbols (¸ µ · ¶ ­ §…) a
# legacy font's bytes show as, which Latin-script text does not write inside a word
_LATIN_LETTERS = frozenset(chr(c) for c in range(0xC0, 0x100) if c not in (0xD7, 0xF7)) | frozenset("ŠšŒœŽžŸ")


def _ordinary_latin(text: str) -> bool:
    """Whether every character of ``text`` beyond ASCII is a letter of a Western language ("Müllheim", "Conceição"):
    text a legacy font's bytes rarely make ("B¸t X¸t" has "¸"), though VNI's may ("Laøo")."""
    return all(ch.isascii() or ch in _LATIN_LETTERS for ch in text)


def _typed_in_legacy_font(old: str, new: str) -> bool:
    """Whether ``old`` is a legacy font's text, ``new`` its decoding with an encoding that was detected (not given):
    ``new`` reads as Vietnamese ("Lâm sãng" is "Lõm sóng"), or ``old`` holds symbols no ordinary text has ("§T").
    Text of a Latin-script language stays as written (QA67 F1: "Müllheim" became "Mỹllheim", "Conceição"
    "Conceiỗóo")."""
    return _reads_vietnamese(new) or not _ordinary_latin(old)


def detect_encoding(data: bytes | str | Iterable[str]) -> str:
    """Guess the encoding of ``data``: ``"utf-8"``, ``"tcvn3"``, ``"vni"`` or ``"cp1258"``
    (or ``"utf-16"``/``"utf-32"`` for bytes that start with that byte-order mark).

    ``data`` is raw bytes, or text whose characters each stand for one byte (as read with
    latin-1 or cp1252, or typed in Excel with a legacy font); for text, ``"utf-8"`` means
    "already Unicode, leave it". Plain ASCII is ``"utf-8"``. A legacy encoding is chosen only
    when the text it gives reads as Vietnamese (most of its accented words are Vietnamese
    syllables); text in another language stays as written, and bytes that are neither UTF-8
    nor Vietnamese are ``"cp1252"`` (Windows Western; ``"latin-1"`` when cp1252 lacks a byte).
    """
    if isinstance(data, bytes):
        if (bom := bom_encoding(data)) is not None:  # a Unicode file says so itself
            return "utf-8" if bom == "utf-8-sig" else bom
        try:
            data.decode("utf-8")
            return "utf-8"
        except UnicodeDecodeError:
            raw = data
        as_is = None
    else:
        text = data if isinstance(data, str) else "\n".join(data)
        raw = _to_bytes(text)
        as_is = text
        if raw is None:  # characters beyond cp1252: this is real Unicode already
            return "utf-8"
    if raw.isascii():
        return "utf-8"
    if len(raw) > _SAMPLE_BYTES:  # a sample decides; cut at a line end so no character is split
        cut = raw.rfind(b"\n", 0, _SAMPLE_BYTES)
        raw = raw[:cut if cut > 0 else _SAMPLE_BYTES]
        as_is = as_is[:len(raw)] if as_is is not None else None
    scores: dict[str, float] = {}
    if as_is is not None:
        scores["utf-8"] = _score(as_is)
    # cp1258 first: on a tie (text with only letters all three spell alike) the standard codec wins. A legacy
    # encoding is a candidate only when its text reads as Vietnamese: Latin-1 letters of other languages ("Peñas",
    # "Müllheim") read better as VNI or TCVN3 than as written, yet not as Vietnamese (QA67 F1).
    for enc in ("cp1258", "vni", "tcvn3"):
        try:
            decoded = decode_bytes(raw, enc)
        except UnicodeDecodeError:
            continue
        if _reads_vietnamese(decoded):
            scores[enc] = _score(decoded)
    log_said(log, logging.DEBUG, "log_encoding_scores", scores=scores)
    if not scores:  # bytes that are neither UTF-8 nor Vietnamese: Western text, as Excel saves "CSV" on Windows
        return "cp1252" if _decodes(raw, "cp1252") else "latin-1"
    return max(scores, key=lambda k: scores[k])


def _to_bytes(text: str) -> bytes | None:
    """The bytes a one-byte-per-character string stands for, or None when it holds real Unicode."""
    for codec in ("latin-1", "cp1252"):
        try:
            return text.encode(codec)
        except UnicodeEncodeError:
            continue
    return None


def _legacy_sample(strings: pd.Series, limit: int = 5000) -> list[str]:
    """Distinct non-ASCII strings that could stand for legacy bytes (real Unicode beyond cp1252 is left out)."""
    out = []
    for v in strings.drop_duplicates():
        if not v.isascii() and _to_bytes(v) is not None:
            out.append(v)
            if len(out) >= limit:
                break
    return out


def _say_detected(enc: str, lang: Lang = "en", *, quiet: bool = False) -> None:
    # Text that is Unicode already (every XLSX, most CSVs) needs no word on the console; a legacy encoding does.
    (log.debug if quiet or enc in ("utf-8", "utf_8") else log.info)("%s", label("log_encoding_detected", lang,
                                                                                 encoding=enc))


def repair_text(values: pd.Series, encoding: str, *, only_if_better: bool = False, lang: Lang = "en") -> pd.Series:
    """Re-decode strings that hold legacy bytes (``"Lµo Cai"`` → ``"Lào Cai"``), NFC; the input is not modified.

    Each string is turned back into the bytes it stands for (latin-1, else cp1252) and decoded
    with ``encoding``. With ``"auto"`` the encoding is detected once from all the values. Values
    holding characters beyond cp1252 (already proper Vietnamese Unicode) and non-strings are kept.
    With ``only_if_better``, a value is replaced only when the decoded text reads more like
    Vietnamese than the original (for a mix of Unicode and legacy text, such as a header row).
    With ``"auto"``, a value is also kept unless its decoding reads as Vietnamese: ``"Müllheim"``
    or ``"Peñas"`` stay as written. ``lang`` is the language of the log.
    """
    enc = canonical_encoding(encoding)
    strings = values[values.map(lambda v: isinstance(v, str))]
    if strings.empty:
        return values.copy()
    detected = enc == "auto"
    if detected:
        enc = detect_encoding(_legacy_sample(strings))
        _say_detected(enc, lang)
    return _redecoded(values, strings, enc, only_if_better=only_if_better, detected=detected)


def _redecoded(values: pd.Series, strings: pd.Series, enc: str, *, only_if_better: bool, detected: bool,
               prefer: Callable[[str, str], bool] | None = None) -> pd.Series:
    """``values`` with its ``strings`` decoded as ``enc``: each, or with ``only_if_better`` those that read more like
    Vietnamese so, or that ``prefer(old, new)`` takes all the same; with an encoding ``detected`` (not given), only
    those :func:`_typed_in_legacy_font` finds."""
    if enc in ("utf-8", "utf_8"):
        return values.copy()
    fixed = {}
    for v in strings.drop_duplicates():
        raw = _to_bytes(v)
        new = decode_bytes(raw, enc) if raw is not None and not raw.isascii() else v
        better = not only_if_better or _score(new) > _score(v) or (new != v and prefer is not None and prefer(v, new))
        fixed[v] = new if better and (not detected or _typed_in_legacy_font(v, new)) else v
    out = values.copy()
    out.loc[strings.index] = strings.map(fixed)
    return out


def repair_frame(df: pd.DataFrame, encoding: str, *, columns: Iterable[str] | None = None,
                 only_if_better: bool = False, prefer: Callable[[str, str], bool] | None = None,
                 quiet: bool = False, lang: Lang = "en") -> pd.DataFrame:
    """Apply :func:`repair_text` to the text columns of ``df`` (or ``columns``); returns a copy.

    With ``"auto"`` the encoding is detected once over all text columns together, so short
    values are decoded consistently. With ``only_if_better``, ``prefer(old, new)`` may take a decoding that reads no
    more like Vietnamese than the cell as typed: a VNI one-word header ("Xaõ", "Thoân" read as syllables too) whose
    decoding is a header ("Xã"). ``lang`` is the language of the log; ``quiet`` says the encoding detected in the
    debug log only (a first look, said again by the one that counts).
    """
    enc = canonical_encoding(encoding)
    cols = [c for c in (columns if columns is not None else df.columns)
            if c in df.columns and (df[c].dtype == object or pd.api.types.is_string_dtype(df[c]))
            and c != getattr(df, "_geometry_column_name", None)]
    detected = enc == "auto"
    if detected:
        sample = pd.concat([df[c].astype(object) for c in cols]) if cols else pd.Series(dtype=object)
        enc = detect_encoding(_legacy_sample(sample[sample.map(lambda v: isinstance(v, str))]))
        _say_detected(enc, lang, quiet=quiet)
    out = df.copy()
    for c in cols:
        strings = df[c][df[c].map(lambda v: isinstance(v, str))]
        if not strings.empty:
            out[c] = _redecoded(df[c], strings, enc, only_if_better=only_if_better, detected=detected, prefer=prefer)
    return out


_DBF_SUFFIXES = (".shp", ".dbf", ".zip")
_CP1258_PAGES = ("1258", "cp1258", "windows-1258", "ansi 1258", "ldid/163")  # GDAL's iconv cuts its last characters
# One-byte Western pages that tools write beside DBFs typed with a Vietnamese legacy font: read, then detected
_WESTERN_PAGES = ("1252", "cp1252", "windows-1252", "ansi 1252", "iso-8859-1", "iso88591", "8859-1", "latin1")


def _code_page(path: os.PathLike[str] | str) -> str | None:
    """What a shapefile's ``.cpg`` file says (lower case), or None without one."""
    p = Path(path)
    try:
        if p.suffix.lower() == ".zip":
            with zipfile.ZipFile(p) as z:
                pages = [n for n in zip_members(z) if n.lower().endswith(".cpg")]
                return z.read(pages[0]).decode("ascii", "replace").strip().lower() if len(pages) == 1 else None
        page = next((q for q in p.parent.glob(p.stem + ".*") if q.suffix.lower() == ".cpg"), None)
        return page.read_text(encoding="ascii", errors="replace").strip().lower() if page else None
    except (OSError, zipfile.BadZipFile):
        return None


def zip_members(z: zipfile.ZipFile) -> list[str]:
    """A zip's files but the resource forks macOS's "Compress" adds (``__MACOSX/…``, ``._xa.shp``): they are no data,
    and their ``._xa.shp`` made a folder's shapefile look like two (QA31)."""
    return [n for n in z.namelist() if not n.startswith("__MACOSX/") and not n.rsplit("/", 1)[-1].startswith("._")]


def _bytes_kept(path: os.PathLike[str] | str, enc: str | None) -> bool:
    """Whether a DBF's text is read one character per byte, for :func:`decode_attributes` to decode: when an
    encoding is given as legacy or ``auto``, and when none is and no ``.cpg`` says one GDAL reads well."""
    if Path(path).suffix.lower() not in _DBF_SUFFIXES:
        return False
    if enc is not None:
        return enc in (*LEGACY_ENCODINGS, "auto")
    page = _code_page(path)
    return page is None or page in _CP1258_PAGES or page in _WESTERN_PAGES


def dbf_text_encoding(path: os.PathLike[str] | str) -> str | None:
    """What the values of a shapefile's DBF (``.shp``, ``.dbf`` or a zip of one) are written in, by their bytes:
    ``"utf-8"``, a Vietnamese legacy encoding, or ``"cp1252"`` (``"latin-1"``) for Western text; None without a DBF
    or values beyond ASCII. For saying what a DBF is when the encoding it declares or is given cannot read it."""
    p = Path(path)
    try:
        if p.suffix.lower() == ".zip":
            with zipfile.ZipFile(p) as z:
                dbfs = [n for n in zip_members(z) if n.lower().endswith(".dbf")]
                data = z.read(dbfs[0]) if len(dbfs) == 1 else b""
        else:
            dbf = p if p.suffix.lower() == ".dbf" else next(
                (q for q in p.parent.glob(p.stem + ".*") if q.suffix.lower() == ".dbf"), None)
            data = dbf.read_bytes() if dbf is not None else b""
    except (OSError, zipfile.BadZipFile):
        return None
    values = data[int.from_bytes(data[8:10], "little"):] if len(data) > 32 else b""  # past the header: the records
    return None if values.isascii() else detect_encoding(values)


def dbf_page_mismatch(path: os.PathLike[str] | str) -> tuple[str, str] | None:
    """What a shapefile's ``.cpg`` says and what its DBF's values read as, when they are not in that page (a .cpg of
    UTF-8 beside Latin-1 text, QA67 F7); None when they are, or without a ``.cpg``."""
    page, found = _code_page(path), dbf_text_encoding(path)
    if page is None or found is None:
        return None
    try:
        same = codecs.lookup(page).name == codecs.lookup(found).name
    except LookupError:
        return None
    return None if same else (page, found)


def attribute_read_options(path: os.PathLike[str] | str, encoding: str | None) -> dict[str, str]:
    """Keyword arguments for ``geopandas.read_file`` that keep a DBF's legacy bytes intact.

    A shapefile (or a zip of one, or a bare DBF) is read as latin-1, one character per byte, for
    :func:`decode_attributes` to decode: with a legacy or ``auto`` encoding, and without one when no
    ``.cpg`` names the encoding (or it names cp1258, which GDAL's conversion cuts short). A Python codec
    name is handed to GDAL as is. Other formats store Unicode: nothing.
    """
    enc = canonical_encoding(encoding)
    if _bytes_kept(path, enc):
        return {"encoding": "latin1"}
    if enc is None or Path(path).suffix.lower() not in _DBF_SUFFIXES:
        return {}
    return {"encoding": enc}


def decode_attributes(gdf: pd.DataFrame, encoding: str | None, *, path: os.PathLike[str] | str,
                      lang: Lang = "en") -> pd.DataFrame:
    """Decode the text attributes of a layer read with :func:`attribute_read_options`; returns a copy.

    A DBF read as latin-1 is decoded as UTF-8 when its bytes are UTF-8 (whatever ``encoding`` says: a
    legacy font's bytes are not valid UTF-8), else with ``encoding``, the ``.cpg``'s cp1258, or the legacy
    encoding detected when its text reads as Vietnamese better than as read. In formats that store Unicode
    (GeoJSON, GeoPackage…) only text that looks typed with a legacy font is repaired (detected, whatever
    ``encoding`` names), so proper Unicode is never re-decoded.
    """
    enc = canonical_encoding(encoding)
    name = Path(path).name
    if not _bytes_kept(path, enc):
        if enc is None or enc not in (*LEGACY_ENCODINGS, "auto") or Path(path).suffix.lower() in _DBF_SUFFIXES:
            return gdf
        out = repair_frame(gdf, "auto", lang=lang)
        log.info("%s: attribute text decoded (%s)", name, "auto-detected")
        return out
    cols = [c for c in gdf.columns if c != getattr(gdf, "_geometry_column_name", None)
            and (gdf[c].dtype == object or pd.api.types.is_string_dtype(gdf[c]))]
    values = pd.unique(pd.concat([gdf[c] for c in cols]).dropna()) if cols else []
    raw = {v: v.encode("latin-1", "replace") for v in values if isinstance(v, str) and not v.isascii()}
    if not raw:
        return gdf
    unicode, cut, legacy = _by_kind_of_bytes(raw)
    chosen, how = "utf-8", "log_dbf_utf8_kept" if enc in LEGACY_ENCODINGS else "log_dbf_utf8"
    if legacy:
        found = _legacy_encoding(b"\n".join(legacy.values()), enc, _code_page(path) if enc is None else None,
                                 beside_utf8=bool(unicode or cut))
        if found is None:
            return gdf  # nothing reads better than the text as read (a Latin-1 file of another language)
        chosen, how = found
    elif not unicode:
        how = None  # only cut values: said below
    try:
        fixed = {v: unicodedata.normalize("NFC", b.decode("utf-8")) for v, b in unicode.items()}
        fixed |= {v: unicodedata.normalize("NFC", b.decode("utf-8", "ignore")) for v, b in cut.items()}
        fixed |= {v: decode_bytes(b, chosen) for v, b in legacy.items()}
    except UnicodeDecodeError as exc:
        bad = next(v for v, b in legacy.items() if not _decodes(b, chosen))
        raise said_error(UnsupportedFormatError, "err_dbf_not_encoding", path=Path(path), encoding=chosen,
                         value=repr(bad[:40]), byte=f"0x{exc.object[exc.start]:02x}") from None
    out = gdf.copy()
    for c in cols:  # a dict lookup per value: Series.replace(fixed) takes a pass per key (40 s for 20,000 names)
        out[c] = gdf[c].map(lambda v: fixed.get(v, v) if isinstance(v, str) else v)
    if cut:
        log_said(log, logging.WARNING, "log_dbf_cut", file=name, n=len(cut),
                 values=partial(preview_in, [fixed[v] for v in cut]))
    if how is not None and (legacy or not cut or how == "log_dbf_utf8_kept"):
        log_said(log, logging.WARNING if how == "log_dbf_utf8_kept" else logging.INFO, how, file=name,
                 encoding=enc if how == "log_dbf_utf8_kept" else chosen)
    if unicode and legacy:
        log_said(log, logging.INFO, "log_dbf_also_utf8", file=name, n=len(unicode))
    return out


def _by_kind_of_bytes(raw: dict[str, bytes]) -> tuple[dict[str, bytes], dict[str, bytes], dict[str, bytes]]:
    """A DBF's values (as read, with their bytes) that are UTF-8, UTF-8 cut inside its last letter, and neither.

    Value by value: a legacy font's bytes are almost never valid UTF-8, and a layer may hold both (a few names typed
    in TCVN3 among UTF-8 ones, QA31). UTF-8 cut by the field's width ("Kim T" and half an "â") counts as cut only in a
    layer that has UTF-8 (QA32: several such values were read as TCVN3); in a layer of no UTF-8 at all, "Sa P" and a
    TCVN3 byte that would begin a UTF-8 letter is TCVN3.
    """
    unicode = {v: b for v, b in raw.items() if is_utf8(b)}
    cut = {v: b for v, b in raw.items() if unicode and v not in unicode and _cut_utf8(b)}
    legacy = {v: b for v, b in raw.items() if v not in unicode and v not in cut}
    return unicode, cut, legacy


def _legacy_encoding(joined: bytes, given: str | None, page: str | None, *,
                     beside_utf8: bool) -> tuple[str, str] | None:
    """The encoding of a DBF's text that is not UTF-8 (``joined``: its values' bytes), and the log line that says
    how it was chosen: the one ``given``, the ``.cpg``'s ``page`` (cp1258, or a Western page), or the Vietnamese
    legacy encoding that reads best. None when nothing reads better than the text as GDAL read it (Latin-1 text of
    another language, and no UTF-8 ``beside_utf8`` to decode)."""
    if given in LEGACY_ENCODINGS:
        return given, "log_dbf_given"
    if page in _CP1258_PAGES:
        return "cp1258", "log_dbf_page"
    western = "cp1252" if page in _WESTERN_PAGES else "latin-1"  # as GDAL reads it
    scores = {e: _score(decode_bytes(joined, e)) for e in ("cp1258", "vni", "tcvn3") if _decodes(joined, e)}
    best = max(scores, key=lambda k: scores[k]) if scores else None
    if best is not None and scores[best] > max(0.0, _score(joined.decode(western, "replace"))):
        return best, "log_dbf_detected"
    if western == "latin-1" and not beside_utf8:
        return None
    return western, "log_dbf_page" if page in _WESTERN_PAGES else "log_dbf_given"  # Western text beside UTF-8


def is_utf8(data: bytes) -> bool:
    """Whether ``data`` is valid UTF-8 (a legacy font's bytes almost never are)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _cut_utf8(data: bytes) -> bool:
    """Whether ``data`` is UTF-8 but for an unfinished letter at its end."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.reason == "unexpected end of data" and exc.start >= len(data) - 3 and exc.start > 0
    return False


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        decode_bytes(data, encoding)
    except UnicodeDecodeError:
        return False
    return True

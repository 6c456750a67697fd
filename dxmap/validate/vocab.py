"""Technologies, statuses and unit levels, with the Vietnamese and English words people type for them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import Enum

import numpy as np
import pandas as pd

from dxmap.errors import ArgumentError, StatusValueError, preview, said_error
from dxmap.labels import LABELS, Lang
from dxmap.validate.text import fold, nfc

__all__ = ["Technology", "Status", "Level", "parse_words", "argument_words", "lookup_codes", "own_words", "word_value",
           "misspelt", "two_statuses", "excel_error", "accepted_words", "sort_by_technology", "BOUNDARY_VERSIONS",
           "version_word", "COVERAGE_ORDER"]

# The units records and boundaries are written for: before 1 July 2025 (with districts), and from that day
BOUNDARY_VERSIONS = ("2024", "2025-07")
# July 2025 as people write a month or that day: "07/2025", "7/2025", "2025-7", "T7/2025", "tháng 7/2025",
# "1/7/2025", "2025-07-01". Not "2025" alone: units changed on 1 January 2025 too (Yên Bái's of January 2025 are
# the "2024" units), and not "mới" ("new"): it names the writer's new units, whenever they write
_JULY_2025_RE = re.compile(r"(?:(?:t|th|thang)\s*\.?\s*)?(?:0?1\s*[/.-]\s*)?0?7\s*[/.-]\s*2025|2025\s*[/.-]\s*0?7"
                           r"(?:\s*[/.-]\s*0?1)?")


class Level(str, Enum):
    """Administrative level a status record describes."""

    VILLAGE = "village"
    COMMUNE = "commune"


class Technology(str, Enum):
    """What can be missing: mobile broadband, fibre to the village, a standard LAN at the commune office."""

    MOBILE = "mobile"
    FIBRE = "fibre"
    LAN = "lan"

    @classmethod
    def _missing_(cls, value: object) -> Technology | None:
        """``Technology("Fibre")``, ``Technology("FTTH")``, ``Technology("cáp quang")``: the words the functions take."""
        found = word_value("technology", value)
        return cls(found) if found is not None else None

    @property
    def level(self) -> Level:
        """The level at which the review counts this technology."""
        return Level.COMMUNE if self is Technology.LAN else Level.VILLAGE


class Status(str, Enum):
    """Coverage status of one unit for one technology.

    Only ``NONE`` is a gap in the headline counts; ``WEAK``, ``PLANNED`` and ``UNKNOWN`` are counted
    beside it and never added to it. ``UNKNOWN`` is also what a unit without any record gets.
    """

    COVERED = "covered"
    WEAK = "weak"
    NONE = "none"
    PLANNED = "planned"
    UNKNOWN = "unknown"


# The words seen in Vietnamese and English spreadsheets, spelt right (lower case, with their diacritics). They are
# looked up folded (no diacritics: "chua co" is typed as often as "chưa có"); the spelling says when a cell's
# diacritics are another word's ("chưa cố").
_KINDS: dict[str, type[Enum]] = {"technology": Technology, "status": Status, "level": Level}

_WORDS: dict[str, dict[Enum, tuple[str, ...]]] = {
    "technology": {
        Technology.MOBILE: (
            "mobile", "mobile broadband", "4g", "3g", "5g", "3g/4g", "4g/5g", "3g/4g/5g", "4g/lte", "4g lte", "lte",
            "bts", "cellular", "di động", "băng rộng di động", "sóng di động", "sóng", "mạng di động", "sóng 4g",
            "mạng 4g", "di động 4g", "di động 3g/4g", "internet di động",
            # Spanish, Portuguese, French
            "telefonía móvil", "móvil", "internet móvil", "telefonía celular", "celular", "red móvil",
            "telefonia móvel", "móvel", "téléphonie mobile", "internet mobile", "réseau mobile"),
        Technology.FIBRE: (
            "fibre", "fiber", "ftth", "fibre broadband", "fiber broadband", "cáp quang", "băng rộng cố định",
            "internet cáp quang", "cáp quang băng rộng", "băng rộng cáp quang", "cáp quang ftth", "internet ftth",
            "ftth broadband",
            "fibra óptica", "fibra", "internet de fibra óptica", "fibra ótica", "fibre optique"),
        Technology.LAN: (
            "lan", "standard lan", "lan chuẩn", "mạng lan", "mạng lan chuẩn", "mạng nội bộ", "mạng lan chuẩn cấp xã",
            "red lan", "rede lan", "réseau lan"),
    },
    "status": {
        # dxmap's own labels (dxmap.labels: "Lõm sóng / yếu", "Weak / patchy"…) are read back as their statuses
        Status.COVERED: (
            "covered", "yes", "ok", "available", "có", "đã có", "có sóng", "đã phủ", "phủ sóng", "đạt chuẩn", "đã đạt",
            "đạt", "1", "true", "x", "✓", "✔", "đã phủ sóng", "có sóng 4g", "connected", "đã kéo cáp", "y",
            "operational", "functional", "in service",
            # Spanish, Portuguese, French: yes, with coverage, available
            "sí", "con cobertura", "con servicio", "con señal", "disponible", "sim", "com cobertura", "oui", "couvert"),
        Status.WEAK: ("weak", "partial", "lõm sóng", "sóng yếu", "yếu", "chập chờn", "lõm sóng / yếu", "lõm sóng/yếu",
                      "weak / patchy", "weak/patchy", "patchy", "poor signal", "poor", "partially covered",
                      "partial coverage", "low signal", "limited", "limited coverage",
                      "cobertura parcial", "parcial", "señal débil", "cobertura limitada", "cobertura baixa",
                      "couverture partielle", "partiel"),
        Status.NONE: (
            "none", "no", "missing", "absent", "no coverage", "không", "chưa có", "trắng sóng", "chưa có hạ tầng",
            "không có", "chưa", "chưa đạt", "chưa đạt chuẩn", "không đạt", "không đạt chuẩn", "0", "false",
            "not covered", "uncovered", "no service", "chưa phủ sóng", "chưa có sóng", "không có sóng",
            "chưa có kết nối", "chưa lắp", "chưa lắp đặt", "not available", "unavailable", "no signal",
            "not connected", "chưa phủ", "chưa kéo cáp", "n", "nil", "not operational", "not functional",
            "non-functional", "non functional", "out of service",
            # Spanish, Portuguese, French: no, without coverage, none, not available
            "sin cobertura", "sin servicio", "sin señal", "no hay", "ninguna", "ninguno", "no disponible", "não",
            "sem cobertura", "non", "non couvert", "aucune"),
        Status.PLANNED: ("planned", "plan", "kế hoạch", "có kế hoạch", "đã có kế hoạch", "đang triển khai",
                         "đang lắp đặt", "in progress", "under construction",
                         "programado", "planificado", "en proceso", "en ejecución", "en construcción", "previsto",
                         "planejado", "em construção", "prévu", "en cours"),
        Status.UNKNOWN: ("unknown", "n/a", "na", "không rõ", "chưa rõ", "chưa xác định", "không xác định",
                         "không có số liệu", "chưa có số liệu", "?", "tbd", "not known",
                         "desconocido", "sin dato", "sin datos", "sin información", "desconhecido", "inconnu"),
    },
    "level": {
        Level.VILLAGE: ("village", "thôn", "bản", "thôn/bản", "thôn, bản", "tổ dân phố", "hamlet"),
        Level.COMMUNE: ("commune", "xã", "phường", "thị trấn", "xã/phường", "cấp xã", "ward"),
    },
}
# kind -> folded word -> value, and folded word -> its right spelling
_ALIASES: dict[str, dict[str, Enum]] = {k: {fold(w): v for v, ws in words.items() for w in ws} for k, words in _WORDS.items()}
_SPELLING: dict[str, dict[str, str]] = {k: {fold(w): w for ws in words.values() for w in ws} for k, words in _WORDS.items()}

_BRACKETS_RE = re.compile(r"\([^)]*\)")

# A remark in brackets after a status ("Có (Viettel)", "Chưa có (dự kiến Q3)") is dropped, unless it says a status the
# word outside does not allow: a status word ("Có (chưa đạt chuẩn)"), or words that say the unit lacks it, has it
# weakly or in part, or only as a plan ("Đã có (đang hỏng)", "Có (một số thôn)", "Có (dự kiến)"). Folded phrases,
# the longest tried first; None: words that say no status, though a shorter phrase in them would ("không dây":
# wireless, "đạt yêu cầu": meets the requirements).
_REMARK_SAYS: dict[str, Status | None] = {
    **dict.fromkeys(("khong day", "yeu cau"), None),
    **dict.fromkeys(("khong co so lieu", "chua co so lieu", "khong co du lieu", "chua co du lieu", "no data",
                     "no record"), Status.UNKNOWN),
    **dict.fromkeys(("lom song", "chap chon", "song yeu", "yeu", "khong on dinh", "chua on dinh", "weak", "patchy",
                     "poor", "unstable", "mot so", "1 so", "mot phan", "1 phan", "mot vai", "partial", "partly",
                     "some"), Status.WEAK),
    **dict.fromkeys(("du kien", "ke hoach", "kh", "planned", "plan"), Status.PLANNED),
    **dict.fromkeys(("hong", "mat song", "mat ket noi", "chua", "khong", "ko", "no", "not", "broken"), Status.NONE),
}
_REMARK_RE = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(_REMARK_SAYS, key=len, reverse=True))) + r")\b")
# The statuses a remark may say beside the word outside the brackets: a gap with a plan ("Chưa có (dự kiến Q3)"), a
# plan not yet built ("Kế hoạch (chưa triển khai)"), weak but not all ("Lõm sóng (chưa có 4G)"), no data
# ("Chưa rõ (chưa kiểm tra)"). A covered unit allows no other.
_AGREES: dict[Status, frozenset[Status]] = {
    Status.COVERED: frozenset({Status.COVERED}),
    Status.WEAK: frozenset({Status.WEAK, Status.NONE, Status.PLANNED}),
    Status.NONE: frozenset({Status.NONE, Status.PLANNED}),
    Status.PLANNED: frozenset({Status.PLANNED, Status.NONE}),
    Status.UNKNOWN: frozenset({Status.UNKNOWN, Status.NONE}),
}
_STATUSES: dict[str, Status] = {k: Status(v) for k, v in _ALIASES["status"].items()}  # as _ALIASES, typed
# What a cell of a formula that failed shows (Excel's error values): no status to offer a word for
_EXCEL_ERRORS = frozenset({"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#SPILL!", "#CALC!"})

# What a reason lists as accepted: each value with a few of the words people type for it, in the words of the
# message's language first. The Vietnamese list names each value by its label (dxmap.labels: “Chưa có”, “Cáp quang
# (FTTH)”, “thôn/bản”, itself read back as that value) and leaves out the English words ('yes', 'no'), which are still
# read; the English list starts with English words, then the Vietnamese most files hold.
_EXAMPLES: dict[str, dict[str, tuple[tuple[Enum, tuple[str, ...]], ...]]] = {
    "vi": {
        "technology": ((Technology.MOBILE, ("di động", "4G", "LTE")), (Technology.FIBRE, ("cáp quang", "FTTH")),
                       (Technology.LAN, ("mạng LAN chuẩn", "LAN"))),
        "status": ((Status.COVERED, ("có", "đã có", "x", "✓")), (Status.WEAK, ("lõm sóng", "sóng yếu")),
                   (Status.NONE, ("chưa có", "không có", "trắng sóng")),
                   (Status.PLANNED, ("kế hoạch", "đang triển khai")), (Status.UNKNOWN, ("không rõ",))),
        "level": ((Level.VILLAGE, ("thôn", "bản", "tổ dân phố")), (Level.COMMUNE, ("xã", "phường", "thị trấn"))),
    },
    "en": {
        "technology": ((Technology.MOBILE, ("mobile", "4G", "di động")),
                       (Technology.FIBRE, ("fibre", "FTTH", "cáp quang")), (Technology.LAN, ("LAN", "mạng LAN chuẩn"))),
        "status": ((Status.COVERED, ("yes", "available", "có", "x", "✓")),
                   (Status.WEAK, ("weak", "poor signal", "lõm sóng")), (Status.NONE, ("no", "not available", "chưa có")),
                   (Status.PLANNED, ("planned", "in progress", "kế hoạch")), (Status.UNKNOWN, ("unknown", "không rõ"))),
        "level": ((Level.VILLAGE, ("village", "thôn", "bản")), (Level.COMMUNE, ("commune", "ward", "xã"))),
    },
}
_MARKS = {"x", "✓"}  # a keyword argument takes no tick mark, and no empty cell
_EMPTY_CELL = {"en": "or an empty cell", "vi": "hoặc để trống"}


def accepted_words(kind: str, *, argument: bool = False, lang: Lang = "en") -> str:
    """The values of ``kind`` (``"technology"``, ``"status"``, ``"level"``) with words people type for them, for
    messages; with ``argument``, those a keyword argument takes (no tick marks, no empty cell). ``lang="vi"``
    names each value by its Vietnamese label (“Chưa có” ('chưa có', 'không có', 'trắng sóng'), …)."""
    parts = []
    for value, typed in _EXAMPLES["vi" if lang == "vi" else "en"][kind]:
        words = [repr(w) for w in typed if not (argument and w in _MARKS)]
        if value is Status.UNKNOWN and not argument:
            words.append(_EMPTY_CELL[lang])
        name = f"“{LABELS['vi'][value.value]}”" if lang == "vi" else value.value
        parts.append(f"{name} ({', '.join(words)})")
    return ", ".join(parts)


def _spelt(text: str) -> str:
    """A typed word as it is compared: NFC, lower case, one space between words, without the apostrophe a
    spreadsheet's user types to keep a cell text ("'Chưa có")."""
    return " ".join(nfc(text).removeprefix("'").lower().split())


def _word(kind: str, text: str) -> tuple[str | None, str]:
    """The folded word ``text`` is (None when it is no ``kind`` word) and ``text`` as read: NFC, lower case, one
    space between words; only the words outside the brackets when only they are a word ("Cáp quang (FTTH)") and,
    for a status, the brackets say no other status (:func:`two_statuses`)."""
    spelt = _spelt(text)
    key = fold(spelt)
    if key not in _ALIASES[kind] and "(" in spelt:  # "Có (đạt chuẩn)": the words outside the brackets
        outside = " ".join(_BRACKETS_RE.sub(" ", spelt).split())
        if kind != "status" or _second_status(spelt) is None:
            spelt, key = outside, fold(outside)
    if kind == "status" and key not in _ALIASES[kind]:  # "4G available", "Fibre: not available": the status after
        spelt, key = _after_technology(spelt, key)
    return (key if key in _ALIASES[kind] else None), spelt


def _after_technology(spelt: str, key: str) -> tuple[str, str]:
    """A status cell that names its technology first ("4G available", "LAN: operational"): the status word after it,
    as read and folded; ``spelt`` and ``key`` as they are when no technology word is followed by a status word."""
    words = spelt.split()
    for n in range(len(words) - 1, 0, -1):
        if fold(" ".join(words[:n])).rstrip(":-") in _ALIASES["technology"]:
            rest = " ".join(words[n:]).lstrip(":- ")
            if fold(rest) in _ALIASES["status"]:
                return rest, fold(rest)
    return spelt, key


def two_statuses(text: object) -> tuple[str, str, str, str] | None:
    """The two statuses a cell holds when a remark in its brackets says another than the word outside them:
    (word, its status, remark, the remark's status). ``two_statuses("Có (chưa đạt chuẩn)") == ("có", "covered",
    "chưa đạt chuẩn", "none")``; None for a cell with one status ("Có (Viettel)", "Chưa có (dự kiến Q3)") or none."""
    if not isinstance(text, str) or "(" not in text:
        return None
    found = _second_status(_spelt(text))
    return None if found is None else (found[0], found[1].value, found[2], found[3].value)


def _second_status(spelt: str) -> tuple[str, Status, str, Status] | None:
    """For a cell as read (:func:`_spelt`) whose words outside the brackets are a status word: that word, its
    status, and the first remark in brackets that says a status the word does not allow (:data:`_AGREES`), with that
    status; None when there is no such remark, or the words outside are no status."""
    outside = " ".join(_BRACKETS_RE.sub(" ", spelt).split())
    status = _STATUSES.get(fold(outside))
    if status is None:
        return None
    for remark in (m.group()[1:-1].strip() for m in _BRACKETS_RE.finditer(spelt)):
        other = next((s for s in _remark_statuses(remark) if s not in _AGREES[status]), None)
        if other is not None:
            return outside, status, remark, other
    return None


def _remark_statuses(remark: str) -> list[Status]:
    """The statuses a remark says: the status it is a word for ("chưa đạt chuẩn"), else those its words say
    (:data:`_REMARK_SAYS`: "đang hỏng" none, "một số thôn" weak, "dự kiến" planned), else none ("Viettel")."""
    key = fold(remark)
    if key in _STATUSES:
        return [_STATUSES[key]]
    return [s for m in _REMARK_RE.finditer(key) if (s := _REMARK_SAYS[m.group()]) is not None]


def said_status(text: str) -> str | None:
    """The one status the words of an unknown status word say (:func:`_remark_statuses`): "Đã có KH" planned, "Mất
    sóng" none; None when they say none or several ("Chưa có KH"). A guess to offer, never to read a cell by."""
    said = set(_remark_statuses(text))
    return said.pop().value if len(said) == 1 else None


def version_word(text: object) -> str | None:
    """The boundary version a cell of a ``boundary_version`` ("Phiên bản") column names: one of
    :data:`BOUNDARY_VERSIONS` as written (case and spaces aside), or "2025-07" for July 2025 written as a month or as
    its first day; None for anything else ("2025", "mới", "2023") and for a blank.

    >>> version_word(" 2025-07 "), version_word("07/2025"), version_word("Tháng 7/2025"), version_word("2025")
    ('2025-07', '2025-07', '2025-07', None)
    """
    if not isinstance(text, str):
        return None
    spelt = fold(text).strip()
    if spelt in BOUNDARY_VERSIONS:
        return spelt
    return BOUNDARY_VERSIONS[1] if _JULY_2025_RE.fullmatch(spelt) else None


def excel_error(text: object) -> str | None:
    """The error value a cell shows when its formula failed (``"#N/A"``, ``"#REF!"``, ``"#DIV/0!"``…), in capitals;
    None for any other text."""
    if not isinstance(text, str):
        return None
    shown = nfc(text).removeprefix("'").strip().upper()
    return shown if shown in _EXCEL_ERRORS else None


def word_value(kind: str, text: object) -> str | None:
    """The value one word stands for (``word_value("status", "Chưa có") == "none"``), or None when unknown."""
    key = _word(kind, text)[0] if isinstance(text, str) else None
    return _ALIASES[kind][key].value if key is not None else None


def misspelt(kind: str, text: object) -> str | None:
    """The right spelling of the word ``text`` is read as, when ``text`` has diacritics and they are not that
    word's (``misspelt("status", "chưa cố") == "chưa có"``); None for a word typed without diacritics ("chua co"),
    spelt right in any case ("CHƯA CÓ"), or unknown."""
    key, spelt = _word(kind, text) if isinstance(text, str) else (None, "")
    if key is None or spelt in (key, _SPELLING[kind][key]):  # spelt == key: typed without diacritics
        return None
    return _SPELLING[kind][key]


def own_words(kind: str, words: dict[str, str] | None, *, name: str = "status_words") -> dict[str, str]:
    """A user's own ``kind`` words (word → value: ``{"No signal": "none"}``), folded as words are looked up
    (case, spacing and diacritics aside); raises :class:`StatusValueError` for a value that is no ``kind``
    (said for statuses: the only kind a user names words for)."""
    out = {}
    for word, value in (words or {}).items():
        given = f"{name}={{{word!r}: {value!r}}}"
        read = value if value in {v.value for v in _KINDS[kind]} else word_value(kind, value)  # "none", "chưa có"
        if read is None:
            raise said_error(StatusValueError, "err_own_word", given=given, value=repr(value),
                             accepted=", ".join(repr(v.value) for v in _KINDS[kind]))
        key = fold(_spelt(str(word)))
        if not key:
            raise said_error(StatusValueError, "err_own_word_empty", given=given)
        if out.get(key, read) != read:  # "Mất sóng" and "mất sóng" are one word
            raise said_error(StatusValueError, "err_own_word_twice", given=given, word=repr(word), value=repr(out[key]))
        out[key] = read
    return out


def lookup_codes(kind: str, values: pd.Series,
                 own: dict[str, str] | None = None) -> tuple[np.ndarray, list[str | None], list[str | None]]:
    """Look a column of ``kind`` words up, once per distinct spelling, without raising.

    Returns ``codes`` (one per row, -1 for a missing value) into ``parsed`` (one value per distinct
    spelling, None where the word is unknown) and ``misspelt`` (per distinct spelling, the right
    spelling of the word read when the diacritics differ from it, see :func:`misspelt`; else None).
    For ``"status"`` an empty cell is ``unknown``. ``own`` (:func:`own_words`) are the user's words, read first.
    """
    text = values.astype("string")
    if kind == "status":  # empty cells are unknown
        text = text.fillna("unknown").replace("", "unknown")
    else:
        text = text.replace("", pd.NA)
    codes, distinct = pd.factorize(text)  # a file has a handful of distinct spellings in many rows
    distinct = np.asarray(distinct, dtype=object)
    mine = [own.get(fold(_spelt(d))) if own else None for d in distinct]
    return (codes, [m or word_value(kind, d) for m, d in zip(mine, distinct)],
            [None if m else misspelt(kind, d) for m, d in zip(mine, distinct)])


def parse_words(kind: str, values: pd.Series, *, where: str = "records", rows: pd.Series | None = None) -> pd.Series:
    """Map a column of ``kind`` words (``"technology"``, ``"status"`` or ``"level"``; Vietnamese or English) to the
    values of :class:`Technology`, :class:`Status` or :class:`Level`, each distinct spelling looked up once.

    An empty status cell is ``unknown``. Raises :class:`StatusValueError` naming the rows (``rows``, default the
    index) of unknown words, and of missing ones for a technology or level. :func:`lookup_codes` does not raise.
    Returns objects (``str``) with the input's index and name.
    """
    codes, parsed, _ = lookup_codes(kind, values)
    if kind != "status" and (codes < 0).any():  # a missing word is an unknown one here
        parsed = [*parsed, None]
        codes = np.where(codes < 0, len(parsed) - 1, codes)
    unknown = [i for i, v in enumerate(parsed) if v is None]
    if unknown:
        bad = np.isin(codes, unknown)
        labels = rows[bad] if rows is not None else values.index[bad]
        listed = [f"row {i}: {v!r}" for i, v in zip(labels, values[bad])]
        raise StatusValueError(
            f"{where}: {int(bad.sum())} unknown {kind} value(s): {preview(listed)}. Use one of {accepted_words(kind)}."
        )
    return pd.Series(np.asarray(parsed, dtype=object)[codes], index=values.index, name=values.name, dtype=object)


# What a spreadsheet's tick column holds: a status in a cell, no word for a keyword argument (statuses="x").
_CELL_MARKS = frozenset({"x", "\u2713", "\u2714", "1", "0", "true", "false", "?"})


def argument_words(kind: str, value: object, *, name: str, one: bool = False) -> list[str]:
    """The values of ``kind`` a keyword argument names: one value or word (``technology="FTTH"``,
    ``Technology.FIBRE``) or, unless ``one``, a list of them (``statuses=["chưa có", "planned"]``); a text is
    never read letter by letter. Returns the distinct values in the order given.

    Raises :class:`ArgumentError` for what is neither (``None``, ``1``; a list where ``one`` value is taken),
    and :class:`StatusValueError` naming the unknown words with the accepted ones: another kind's value
    (``Status.NONE`` as a technology) and a spreadsheet's tick marks ("x", "1") included.
    """
    example = {"technology": "'fibre'", "status": "'none'", "level": "'village'"}[kind]
    listed = not isinstance(value, str) and isinstance(value, Iterable) and not isinstance(value, (bytes, dict))
    if one and listed:
        raise ArgumentError(f"{name}={value!r}: give one {kind} ({name}={example}), not several; "
                            "call once per value.")
    values = list(value) if listed else [value]  # type: ignore[call-overload]
    if not values or not all(isinstance(v, str) for v in values):  # a Technology or Status is a str too
        several = "" if one else f" or a list of them ({name}=[{example}, …])"
        raise ArgumentError(f"{name}={value!r}: give a {kind} as text or dxmap.{_KINDS[kind].__name__}{several}.")
    out, unknown = [], []
    for v in values:
        if isinstance(v, _KINDS[kind]):
            out.append(v.value)
        elif isinstance(v, Enum) or _is_mark(kind, v) or word_value(kind, v) is None:
            unknown.append(v)
        else:
            out.append(word_value(kind, v))
    if unknown:
        marks = any(_is_mark(kind, v) for v in unknown)
        shown = [f"{type(v).__name__}.{v.name}" if isinstance(v, Enum) else v for v in unknown]  # Status.NONE, not <Status…>
        raise StatusValueError(f"{name}=: {len(unknown)} unknown {kind} value(s): {preview(shown)}. "
                               f"Use one of {accepted_words(kind, argument=True)}."
                               + (" A tick mark ('x', '✓', '1') stands for a status only in a spreadsheet cell."
                                  if marks else ""))
    return list(dict.fromkeys(out))


def _is_mark(kind: str, word: str) -> bool:
    return kind == "status" and " ".join(fold(word).split()) in _CELL_MARKS


TECH_ORDER = {t.value: i for i, t in enumerate(Technology)}


def sort_by_technology(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Sort by ``keys`` then technology in the order people read them (mobile, fibre, lan), not alphabetically."""
    return frame.sort_values(keys + ["technology"],  # a categorical column sorts by its own categories otherwise
                             key=lambda s: s.astype(object).map(TECH_ORDER) if s.name == "technology" else s)


# Gap statuses first: the order of summary columns and legends.
STATUS_ORDER = [s.value for s in (Status.NONE, Status.WEAK, Status.PLANNED, Status.UNKNOWN, Status.COVERED)]

# A unit's status of one technology from several sources at once (each operator's column of one sheet): the one that
# says most coverage comes first, since a village has mobile broadband when any operator covers it. Weak (some signal)
# before planned (none yet, coming) before none; unknown last: a source that does not know says nothing, as a blank does
COVERAGE_ORDER = [s.value for s in (Status.COVERED, Status.WEAK, Status.PLANNED, Status.NONE, Status.UNKNOWN)]

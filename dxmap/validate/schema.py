"""The record schema's headers: the one table of header spellings, and headers that name a technology.

A records file is either **long** (a technology column and a status column: one row per unit and
technology) or **wide** (one column per technology whose cells hold the status: "Mạng LAN chuẩn"
with Có / Chưa có). :func:`map_headers` finds the schema columns among a file's headers;
:func:`wide_technology` says which technology a wide column's header names ("Di động (4G)",
"Cáp quang (FTTH)", "Mạng LAN chuẩn", "fibre"…), diacritics and case optional.
"""

from __future__ import annotations

import re

from dxmap.validate.text import fold
from dxmap.validate.vocab import Technology, word_value

__all__ = ["RECORD_COLUMNS", "FORMER_COLUMNS", "HEADER_ALIASES", "header_key", "schema_column", "map_headers",
           "remark_twins", "wide_technology", "names_operator", "mentioned_technology",
           "about_connectivity", "sub_status", "is_mark"]

RECORD_COLUMNS = (
    "level", "commune_code", "commune_name", "district_code", "district_name", "village_id", "village_name",
    "technology", "status", "as_of", "source", "note", "lon", "lat",
)
# Read when a file has them, as ``boundary_version`` is: the former commune (xã cũ, before 1 July 2025) a village of a
# 2025-07 commune was in, which tells apart the villages of one name its former communes bring ("Thôn 1" of three)
FORMER_COLUMNS = ("former_commune_code", "former_commune_name")

# Folded header spellings (lower case, no diacritics, single spaces) → schema column.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "level": ("level", "cap", "cap don vi", "unit level", "loai don vi"),
    "commune_code": ("commune_code", "commune code", "ma xa", "ma xa/phuong", "ma don vi", "ma dvhc", "gso code", "code", "maxa",
                     "ma so xa", "ma dvhc xa", "ma don vi hanh chinh", "ma xa, phuong", "ma xa/phuong/thi tran",
                     "ward code", "municipality code", "municipal code",
                     # Peru's code of a distrito, the level that holds its centros poblados ("Distrito" itself is
                     # not read: a distrito is the level above the municipality in Panama, Portugal, Kenya's past)
                     "ubigeo",
                     # a 2026 sheet's new commune beside its former one ("Mã xã mới | Mã xã cũ")
                     "ma xa moi", "ma don vi moi", "ma dvhc moi", "ma xa (moi)", "new commune code"),
    "commune_name": ("commune_name", "commune", "commune name", "xa", "ten xa", "xa/phuong", "xa, phuong", "xa/phuong/thi tran",
                     "ten xa/phuong", "don vi cap xa", "tenxa", "ten don vi", "ten don vi hanh chinh", "ten xa/phuong/thi tran",
                     "ten xa, phuong, thi tran", "xa, phuong, thi tran", "don vi hanh chinh cap xa", "commune/ward", "ward",
                     "ward name", "xa moi", "ten xa moi", "xa/phuong moi", "xa, phuong moi", "don vi moi",
                     "ten don vi moi", "xa (moi)", "ten xa (moi)", "new commune",
                     # outside Vietnam, the level that holds the villages: a municipality (municipio)
                     "municipality", "municipality name", "municipio", "commune/municipality"),
    # the former commune (xã cũ) of a 2025-07 commune's village; "(cũ)" beside the commune's "(mới)" is read as it
    "former_commune_code": ("former_commune_code", "former commune code", "ma xa cu", "ma don vi cu", "ma dvhc cu",
                            "ma xa (cu)", "ma xa truoc sap nhap", "old commune code"),
    "former_commune_name": ("former_commune_name", "former commune", "former commune name", "xa cu", "ten xa cu",
                            "xa/phuong cu", "xa, phuong cu", "xa/phuong/thi tran cu", "don vi cu", "ten don vi cu",
                            "xa (cu)", "ten xa (cu)", "xa truoc sap nhap", "ten xa truoc sap nhap", "old commune"),
    "district_code": ("district_code", "district code", "ma huyen", "mahuyen", "ma quan/huyen"),
    "district_name": ("district_name", "district", "district name", "huyen", "ten huyen", "huyen/thi xa/thanh pho",
                      "huyen/thanh pho", "tenhuyen", "quan/huyen", "ten quan/huyen", "huyen/thi xa", "ten huyen/thi xa/thanh pho",
                      "huyen/tx/tp", "huyen/tp/tx", "huyen/tx", "quan/huyen/tx/tp", "ten huyen/tx/tp", "huyen, thi xa, thanh pho",
                      "district/town", "sub-county", "sub county", "subcounty"),
    "village_id": ("village_id", "village id", "village code", "ma thon", "ma thon/ban", "mathon", "community code",
                   "community id", "settlement code",
                   "codigo ccpp", "cod ccpp", "codigo de centro poblado", "codigo del centro poblado"),  # Peru
    "village_name": ("village_name", "village", "village name", "thon", "ten thon", "thon/ban", "thon, ban", "ten thon/ban",
                     "thon/ban/to dan pho", "ban", "tenthon", "ten thon, ban, to dan pho", "thon, ban, to dan pho", "thon/ban/tdp",
                     "thon, ban, tdp", "ten thon/ban/tdp", "thon/to", "hamlet", "village/hamlet", "ten thon, ban",
                     "thon ban", "ten thon ban", "ten ban",
                     # a village outside Vietnam: a community (comunidad, as Andean sheets say), a settlement
                     "community", "community name", "comunidad", "settlement", "settlement name",
                     "village/community",
                     # a Peruvian centro poblado, a Colombian vereda, a Spanish-speaking caserío
                     "centro poblado", "nombre del centro poblado", "nombre de centro poblado", "vereda",
                     "caserio"),
    "technology": ("technology", "tech", "cong nghe", "loai ha tang", "ha tang", "dich vu", "loai", "infrastructure",
                   "loai hinh", "loai dich vu", "technology type",
                   "tecnologia", "technologie"),  # Spanish, French
    "status": ("status", "trang thai", "tinh trang", "hien trang", "ket qua", "coverage", "tinh trang phu song",
               "hien trang phu song", "trang thai phu song", "hien trang ha tang",
               # Spanish, French; a Spanish "Estado" is also a state (Mexico's, Venezuela's): its names are then
               # refused as statuses, and --column says which header holds them
               "estado", "statut"),
    "as_of": ("as_of", "as of", "date", "ngay", "ngay cap nhat", "thoi diem", "ky bao cao", "ngay bao cao", "thoi gian",
              "ngay thang", "thoi diem bao cao", "report date", "updated", "date updated", "date of report", "reporting date",
              "date reported", "survey date", "date of survey", "reporting period", "period", "report period",
              "periodo", "periodo de reporte",
              "fecha", "fecha de corte"),  # Spanish (French "Date" is the English word)
    "source": ("source", "nguon", "don vi bao cao", "nguon so lieu", "doanh nghiep", "nha mang", "nguoi bao cao",
               "can bo bao cao", "nguoi cap nhat", "don vi cap nhat", "nguoi lap", "reported by", "reporter",
               "fuente", "fonte"),  # Spanish, Portuguese (French "Source" is the English word)
    "note": ("note", "notes", "ghi chu", "comment", "comments", "remarks",
             "observaciones", "observacion", "comentarios", "observacoes", "observations", "remarques"),
    "lon": ("lon", "lng", "long", "longitude", "kinh do", "x"),
    "lat": ("lat", "latitude", "vi do", "y"),
    "boundary_version": ("boundary_version", "boundary version", "version", "phien ban", "phien ban ranh gioi", "phien ban dvhc",
                         "ban do dvhc"),
}
_LOOKUP = {alias: col for col, aliases in HEADER_ALIASES.items() for alias in aliases}


def header_key(header: object) -> str:
    """A header folded for lookup: lower case, no diacritics, ``_`` as a space, single spaces."""
    return " ".join(fold(str(header)).replace("_", " ").split()) if header is not None else ""


def schema_column(header: object) -> str | None:
    """The schema column a header's spelling stands for ("Mã xã" → ``commune_code``), or None."""
    key = header_key(header)
    return _LOOKUP.get(key) or _LOOKUP.get(key.replace(" ", "_"))


def map_headers(headers: list[object], columns: dict[str, str] | None = None) -> dict[object, str]:
    """Header → schema column for the headers that have one; ``columns`` (schema column → header) first.

    Each schema column is taken once, by the first header that names it. A header with a remark in brackets or a
    footnote mark ("Tình trạng (Có/Chưa có)", "Ngày cập nhật (*)") names its column when no header names it outright
    and no other header does so too ("Mã xã (cũ)" beside "Mã xã (mới)" names none).
    """
    mapping: dict[object, str] = {}
    given = {v: k for k, v in (columns or {}).items()}
    for h in headers:
        target = given.get(h) or given.get(str(h)) or schema_column(h)
        if target and target not in mapping.values():
            mapping[h] = target
    return mapping | {found[0]: target for target, found in _remarked(headers, mapping).items() if len(found) == 1}


def _remarked(headers: list[object], mapping: dict[object, str]) -> dict[str, list[object]]:
    """Per field no header of ``mapping`` names, the headers that name it with a remark or a footnote mark."""
    found: dict[str, list[object]] = {}
    for h in headers:
        target = None if h in mapping else schema_column(_without_remarks(header_key(h)))
        if target and target not in mapping.values():
            found.setdefault(target, []).append(h)
    return found


def remark_twins(headers: list[object], mapping: dict[object, str]) -> dict[str, list[object]]:
    """The fields several headers name only with their remarks ("Mã xã (cũ)", "Mã xã (mới)") and none outright:
    :func:`map_headers` reads none of them, and the reader says which to choose."""
    return {target: hs for target, hs in _remarked(headers, mapping).items() if len(hs) > 1}


def _without_remarks(key: str) -> str:
    """A folded header without its bracketed remarks and footnote marks: "ngay cap nhat (*)" → "ngay cap nhat"."""
    return " ".join(_PARENS_RE.sub(" ", key).replace("*", " ").split())  # "(Có/Chưa có)", "(*)", "*"


# Words around a technology in a wide header: "Hiện trạng mạng LAN", "Hạ tầng cáp quang", "Có sóng 4G".
_AROUND_RE = re.compile(r"^(?:(?:hien trang|tinh trang|trang thai|ha tang|phu song|co song|co|so thon co|coverage|status)\s+)+")
_PARENS_RE = re.compile(r"\([^)]*\)")


# Words after a technology that turn its column into its absence ("Mobile signal loss", "Cáp quang chưa có")
_NEGATION = frozenset({"loss", "lost", "outage", "no", "not", "mat", "khong", "chua"})
# The first words after a technology that make its column a count, a plan or money, not its status ("Cáp quang số
# thôn", "Fibre households", "4G trạm BTS", "Mobile towers", "Cáp quang dự kiến", "LAN kinh phí"); a year or a date
# is the picture's ("Mạng LAN chuẩn 2024", "Cáp quang T6/2025")
_NOT_STATUS = ("so", "so luong", "households", "household", "towers", "tower", "tram bts", "tram moi", "tram phat",
               "bts", "thue bao", "subscribers", "number", "count", "du kien", "de xuat", "proposed", "kinh phi",
               "chi phi", "budget", "cost", "von", "may tinh", "thiet bi", "computers", "devices")


def wide_technology(header: object, *, loose: bool = False) -> Technology | None:
    """The technology a header names, for a wide sheet: "Di động (4G)" → mobile, "Mạng LAN chuẩn" → lan.

    With ``loose``, also by its first words, the rest saying where or what ("Mạng LAN tại trụ sở xã", "LAN at
    ward office", "4G coverage"): a guess the caller confirms by the column's cells. Words before the technology
    qualify it ("Mất sóng di động", "Kinh phí LAN", "Ghi chú về LAN"), and so does a status after it ("Fibre
    planned"): those name none. A header that is a schema column ("Công nghệ", "Trạng thái") names none.
    """
    key = header_key(header)
    if not key or schema_column(header) is not None:
        return None
    if (rest := _without_operator(key)) is not None:  # "Viettel 4G", "VNPT (FTTH)": an operator's column
        return wide_technology(rest, loose=loose) if rest else None
    bare, words = _words(key)
    for candidate in (key, bare, " ".join(words)):
        found = word_value("technology", candidate)
        if found is not None:
            return Technology(found)
    # mobile words with the generations after them: "Sóng di động 4G", "Sóng di động 3G/4G", "Sóng 4G/5G"
    found = word_value("technology", _GENERATIONS_RE.sub("", " ".join(words)))
    if found == Technology.MOBILE.value and _GENERATIONS_RE.search(" ".join(words)):
        return Technology.MOBILE
    if not loose:
        return None
    # the technology first, the rest where or what ("LAN tại UBND xã"); not after words that qualify it ("Mất sóng
    # di động", "Kinh phí LAN") nor before a status ("Fibre planned")
    for n in range(len(words) - 1, 0, -1):
        found = word_value("technology", " ".join(words[:n]))
        rest = words[n:]
        if (found is not None and words[0] != "song" and not _NEGATION.intersection(rest)
                and not any(word_value("status", w) for w in rest) and not _counts(rest)):
            return Technology(found)
    return None


# The operators a Viettel/VNPT sheet gives a column each ("Viettel 4G | VNPT 4G | MobiFone 4G"), folded; one name
# before or after the technology, or several joined by "/" ("VNPT/Vinaphone 4G")
_OPERATORS = ("viettel", "vnpt", "vinaphone", "vina", "mobifone", "mobiphone", "mobi", "vietnamobile", "gmobile",
              "itel", "fpt", "cmc")
_OPERATOR = r"(?:{0})(?:\s*/\s*(?:{0}))*".format("|".join(_OPERATORS))
_OPERATOR_RE = re.compile(rf"^{_OPERATOR}\s+|\s+{_OPERATOR}$")


def _without_operator(key: str) -> str | None:
    """A folded header without the operator it names first or last ("viettel (4g)" → "4g"), or None when it names
    none."""
    spaced = " ".join(key.replace("(", " ").replace(")", " ").split())
    if spaced in _OPERATORS:
        return ""
    rest = _OPERATOR_RE.sub("", spaced, count=1)
    return rest if rest != spaced else None


def names_operator(header: object) -> bool:
    """Whether a header is one operator's column ("Viettel 4G", "Cáp quang VNPT"): several such columns of one
    technology are that technology's, a unit covered when any operator covers it."""
    return _without_operator(header_key(header)) is not None


def mentioned_technology(header: object) -> Technology | None:
    """The technology a header's words mention anywhere ("Trạm Viettel 4G", "Phủ sóng thôn"), the longest words
    first: what a message about a column that is not read suggests, never a column to read. None for a header that
    says its absence ("Mất sóng di động": its "Có" would be read as covered)."""
    words = header_key(header).replace("(", " ").replace(")", " ").replace("/", " / ").split()
    if _NEGATION.intersection(words):
        return None
    for n in range(len(words), 0, -1):
        for i in range(len(words) - n + 1):
            found = word_value("technology", " ".join(words[i:i + n]))
            if found is not None:
                return Technology(found)
    return None


_GENERATIONS_RE = re.compile(r"(?:\s+(?:[2-5]g(?:\s*/\s*[2-5]g)*|lte))+$")  # " 4g", " 3g/4g", " 4g lte"


def _words(key: str) -> tuple[str, list[str]]:
    """A folded header without its brackets ("cap quang (ftth)" → "cap quang"), and its words without those around a
    technology ("hien trang cap quang" → ["cap", "quang"])."""
    bare = " ".join(_PARENS_RE.sub(" ", key).split())
    return bare, _AROUND_RE.sub("", bare).split()


def _counts(rest: list[str]) -> bool:
    """Whether the words after a technology make its column a count, a plan or money (:data:`_NOT_STATUS`)."""
    said = " ".join(rest)
    return any(said == w or said.startswith(w + " ") for w in _NOT_STATUS)


def named_technology(header: object) -> Technology | None:
    """The technology a header's first words name, whatever follows ("Fibre households" → fibre): what a message
    about a column that is not read suggests, not a column to read (:func:`wide_technology` says that)."""
    words = _words(header_key(header))[1]
    for n in range(len(words), 0, -1):
        found = word_value("technology", " ".join(words[:n]))
        if found is not None:
            return Technology(found)
    return None


# Words of a header about connectivity: a column of yes/no under one of them may be a technology's statuses
_CONNECTIVITY_RE = re.compile(r"\b(?:mang|internet|song|ket noi|vien thong|lan|cap quang|ftth|di dong|bang rong|wifi|"
                              r"wi fi|[345]g|network|coverage|connect\w*|fib(?:re|er)|mobile|broadband|telecom|"
                              r"cellular)\b")


def about_connectivity(header: object) -> bool:
    """Whether a header speaks of connectivity ("Tình hình mạng nội bộ UBND"), not of roads or power."""
    return bool(_CONNECTIVITY_RE.search(header_key(header).replace("-", " ")))


def sub_status(header: object) -> str | None:
    """The status a sub-column under a technology header stands for ("Có" → covered, "Chưa có" → none)."""
    return word_value("status", header) if isinstance(header, str) and header.strip() else None


_MARKS = frozenset({"x", "\u2713", "\u2714", "\u2611", "v", "1", "+", "*", "\u2022", "co", "yes", "true", "ok", "da co"})


def is_mark(cell: object) -> bool:
    """Whether a cell marks its sub-column ("x", "✓", "1", "có"…)."""
    return isinstance(cell, str) and " ".join(fold(cell).split()) in _MARKS

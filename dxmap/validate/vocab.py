"""Technologies, statuses and unit levels, with the Vietnamese and English words people type for them."""

from __future__ import annotations

from enum import Enum

import numpy as np
import pandas as pd

from dxmap.errors import StatusValueError, preview
from dxmap.validate.text import fold

__all__ = ["Technology", "Status", "Level", "parse_technology", "parse_status", "parse_level", "parse_codes",
           "sort_by_technology"]


class Level(str, Enum):
    """Administrative level a status record describes."""

    VILLAGE = "village"
    COMMUNE = "commune"


class Technology(str, Enum):
    """What can be missing: mobile broadband, fibre to the village, a standard LAN at the commune office."""

    MOBILE = "mobile"
    FIBRE = "fibre"
    LAN = "lan"

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


# Folded (lower case, no diacritics) spellings seen in Vietnamese and English spreadsheets.
_TECH_ALIASES: dict[str, Technology] = {
    **{k: Technology.MOBILE for k in (
        "mobile", "mobile broadband", "4g", "3g", "5g", "3g/4g", "4g/5g", "bts", "cellular",
        "di dong", "bang rong di dong", "song di dong", "song", "mang di dong",
    )},
    **{k: Technology.FIBRE for k in (
        "fibre", "fiber", "ftth", "fibre broadband", "fiber broadband", "cap quang",
        "bang rong co dinh", "internet cap quang", "cap quang bang rong",
    )},
    **{k: Technology.LAN for k in (
        "lan", "standard lan", "lan chuan", "mang lan", "mang lan chuan", "mang noi bo",
    )},
}

_STATUS_ALIASES: dict[str, Status] = {
    **{k: Status.COVERED for k in (
        "covered", "yes", "ok", "available", "co", "da co", "co song", "da phu", "phu song",
        "dat chuan", "da dat", "1", "true", "x",
    )},
    **{k: Status.WEAK for k in ("weak", "partial", "lom song", "song yeu", "yeu", "chap chon")},
    **{k: Status.NONE for k in (
        "none", "no", "missing", "absent", "no coverage", "khong", "chua co", "trang song",
        "chua co ha tang", "khong co", "chua", "chua dat", "0", "false",
    )},
    **{k: Status.PLANNED for k in ("planned", "plan", "ke hoach", "co ke hoach", "dang trien khai", "dang lap dat")},
    **{k: Status.UNKNOWN for k in ("unknown", "n/a", "na", "khong ro", "chua xac dinh", "?")},
}

_LEVEL_ALIASES: dict[str, Level] = {
    **{k: Level.VILLAGE for k in ("village", "thon", "ban", "thon/ban", "thon, ban", "to dan pho", "hamlet")},
    **{k: Level.COMMUNE for k in ("commune", "xa", "phuong", "thi tran", "xa/phuong", "cap xa", "ward")},
}


def parse_codes(kind: str, values: pd.Series, *, where: str = "records",
                rows: pd.Series | None = None) -> tuple[np.ndarray, list[str]]:
    """Parse a column of ``kind`` words (``"technology"``, ``"status"`` or ``"level"``) without a Python call per row.

    Returns ``codes`` (one per row) into ``parsed`` (one value per distinct spelling): the column is
    ``parsed[codes]``. Raises :class:`StatusValueError` naming the rows (``rows``, default the index)
    of unknown words, as :func:`parse_technology` and the others do.
    """
    aliases = {"technology": _TECH_ALIASES, "status": _STATUS_ALIASES, "level": _LEVEL_ALIASES}[kind]
    if kind == "status":  # empty cells are unknown
        values = values.astype("string").fillna("unknown").replace("", "unknown")
    text = values.astype("string").fillna("")
    # A file has a handful of distinct spellings in many rows: fold each once.
    codes, distinct = pd.factorize(text)
    lookup = {k: v.value for k, v in aliases.items()}
    parsed = [lookup.get(fold(d)) for d in np.asarray(distinct, dtype=object)]
    unknown = [i for i, v in enumerate(parsed) if v is None]
    if unknown:
        bad = np.isin(codes, unknown)
        labels = rows[bad] if rows is not None else values.index[bad]
        listed = [f"row {i}: {v!r}" for i, v in zip(labels, values[bad])]
        known = sorted({m.value for m in aliases.values()})
        raise StatusValueError(
            f"{where}: {int(bad.sum())} unknown {kind} value(s): {preview(listed)}. "
            f"Use one of {', '.join(known)} (Vietnamese words such as 'chưa có', 'lõm sóng', 'cáp quang' are understood)."
        )
    return codes, parsed


def _parse(kind: str, values: pd.Series, where: str, rows: pd.Series | None) -> pd.Series:
    codes, parsed = parse_codes(kind, values, where=where, rows=rows)
    return pd.Series(np.asarray(parsed, dtype=object)[codes], index=values.index, name=values.name, dtype=object)


def parse_technology(values: pd.Series, *, where: str = "records", rows: pd.Series | None = None) -> pd.Series:
    """Map free-text technology names to :class:`Technology` values; raise on unknown ones.

    ``rows`` gives the source row numbers used in the error message (default: the index).
    """
    return _parse("technology", values, where, rows)


def parse_status(values: pd.Series, *, where: str = "records", rows: pd.Series | None = None) -> pd.Series:
    """Map free-text status words to :class:`Status` values; empty cells become ``unknown``."""
    return _parse("status", values, where, rows)


def parse_level(values: pd.Series, *, where: str = "records", rows: pd.Series | None = None) -> pd.Series:
    """Map level words (``village``, ``thôn``, ``commune``, ``xã``…) to :class:`Level` values."""
    return _parse("level", values, where, rows)


TECH_ORDER = {t.value: i for i, t in enumerate(Technology)}


def sort_by_technology(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Sort by ``keys`` then technology in the order people read them (mobile, fibre, lan), not alphabetically."""
    return frame.sort_values(keys + ["technology"], key=lambda s: s.map(TECH_ORDER) if s.name == "technology" else s)


# Gap statuses first: the order of summary columns and legends.
STATUS_ORDER = [s.value for s in (Status.NONE, Status.WEAK, Status.PLANNED, Status.UNKNOWN, Status.COVERED)]

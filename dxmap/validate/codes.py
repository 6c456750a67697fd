"""GSO administrative codes: always strings, zero-padded (province 2, district 3, commune 5 digits)."""

from __future__ import annotations

import pandas as pd

__all__ = ["normalise_code", "CODE_WIDTH"]

CODE_WIDTH = {"province": 2, "district": 3, "commune": 5}

_FLOAT = r"^(\d+)[.,]0+$"           # Excel wrote the code as a number: "2692.0" (or "2692,0")
_THOUSANDS = r"^(\d{1,3}),(\d{3})$"  # ... with a thousands separator: "2,692"
_LAST_PART = r"([^.\-/\s_]+)[.\-/\s_]*$"  # hierarchical "10.082.02692": the unit's own code is last


def normalise_code(values: pd.Series, *, level: str = "commune") -> pd.Series:
    """Return GSO codes as zero-padded strings, whatever the spreadsheet did to them.

    ``2692``, ``2692.0``, ``"2692.0"``, ``"2,692"``, ``"02692"``, ``"'02692"``, ``"10.082.02692"`` and
    ``"10-082-02692"`` all become ``"02692"``. Empty cells become ``<NA>``; non-numeric codes are
    kept as typed, whole (they will not match and are reported by reconciliation). Each distinct
    value is worked out once (records repeat codes).
    """
    width = CODE_WIDTH[level]
    codes, uniques = pd.factorize(values)  # each distinct value once; missing → -1
    done = _normalise(pd.Series(uniques, dtype=object), width).array  # typed once, then spread by position
    return pd.Series(done.take(codes, allow_fill=True), index=values.index, name=values.name)


def _normalise(values: pd.Series, width: int) -> pd.Series:
    text = values.astype("string").str.strip().str.strip("'\"").str.strip()
    text = text.mask(text.eq(""))
    text = text.str.replace(_FLOAT, r"\1", regex=True).str.replace(_THOUSANDS, r"\1\2", regex=True)
    last = text.str.extract(_LAST_PART, expand=False)
    text = last.where(last.str.fullmatch(r"\d+").fillna(False)).fillna(text)  # "Tổng cộng" stays as typed
    digits = text.str.fullmatch(r"\d+").fillna(False)
    return text.mask(digits, text.str.zfill(width)).astype("string")

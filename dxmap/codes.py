"""GSO administrative codes: always strings, zero-padded (province 2, district 3, commune 5 digits)."""

from __future__ import annotations

import re

import pandas as pd

__all__ = ["normalise_code", "CODE_WIDTH"]

CODE_WIDTH = {"province": 2, "district": 3, "commune": 5}

_FLOAT_RE = re.compile(r"^(\d+)\.0+$")
_SEP_RE = re.compile(r"[.\-/\s_]+")


def _one(value: object, width: int) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return pd.NA
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip().strip("'\"")
    if not text:
        return pd.NA
    if m := _FLOAT_RE.match(text):  # Excel wrote the code as a number: "2692.0"
        text = m.group(1)
    # Hierarchical forms ("10.082.02692", "10-082-02692") carry the unit's own code last.
    parts = [p for p in _SEP_RE.split(text) if p]
    text = parts[-1] if parts else text
    return text.zfill(width) if text.isdigit() else text


def normalise_code(values: pd.Series, *, level: str = "commune") -> pd.Series:
    """Return GSO codes as zero-padded strings, whatever the spreadsheet did to them.

    ``2692``, ``"2692.0"``, ``"02692"``, ``"10.082.02692"`` and ``"10-082-02692"`` all become
    ``"02692"``. Empty cells become ``<NA>``; non-numeric codes are kept as typed (they will not
    match and are reported by reconciliation).
    """
    width = CODE_WIDTH[level]
    return values.map(lambda v: _one(v, width)).astype("string")

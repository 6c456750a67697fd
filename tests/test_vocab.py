"""Technology and status words, in Vietnamese and English."""

from __future__ import annotations

import pandas as pd
import pytest

from dxmap.errors import StatusValueError
from dxmap.vocab import Level, Technology, parse_level, parse_status, parse_technology


def test_vietnamese_and_english_words():
    got = parse_status(pd.Series(["Chưa có", "lõm sóng", "Trắng sóng", "đã có", "Kế hoạch", "", None, "COVERED"]))
    assert got.tolist() == ["none", "weak", "none", "covered", "planned", "unknown", "unknown", "covered"]
    assert parse_technology(pd.Series(["Cáp quang", "4G", "LAN chuẩn", "FTTH", "di động"])).tolist() == [
        "fibre", "mobile", "lan", "fibre", "mobile"]
    assert parse_level(pd.Series(["Thôn", "xã", "village"])).tolist() == ["village", "commune", "village"]


def test_unknown_values_listed_with_rows_and_count():
    with pytest.raises(StatusValueError, match=r"f\.csv: 6 unknown status value\(s\): \"row 10: 'a'\".*\(6 in all\)"):
        parse_status(pd.Series(list("abcdef")), where="f.csv", rows=pd.Series(range(10, 16)))


def test_levels():
    assert Technology.LAN.level is Level.COMMUNE and Technology.FIBRE.level is Level.VILLAGE

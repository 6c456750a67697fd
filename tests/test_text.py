"""Names: NFC, folding, unit prefixes and numbers, spelling keys; the same on whole columns (vectorised)."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dxmap import text as text_module
from dxmap.text import (
    fold,
    name_key,
    name_key_series,
    nfc,
    nfc_series,
    per_distinct,
    spelling_key,
    spelling_key_series,
    strip_prefix,
)


def test_nfc_joins_decomposed_text_and_collapses_spaces():
    decomposed = unicodedata.normalize("NFD", "Bát  Xát ")
    assert nfc(decomposed) == "Bát Xát"
    assert len(nfc(decomposed)) == 7


def test_fold_maps_d_bar_explicitly():
    assert fold("Đồng Tuyển") == "dong tuyen"
    assert fold("đ") == "d"


@pytest.mark.parametrize("a,b", [
    ("Xã Bản Vược", "ban vuoc"),
    ("X. Bản Vược", "Bản Vược"),
    ("Phường Kim Tân", "P.Kim Tân"),
    ("Thị trấn Bát Xát", "TT. Bát Xát"),
    ("Thị trấn Bát Xát", "tt bat xat"),
    ("Thôn 01", "thon 1"),
    ("Thôn 01", "Thôn1"),
    ("Tổ dân phố số 3", "TDP 03"),
    ("Bản Khấu", "ban khau"),
    ("Xã  A-Lù", "a lu"),
    ("Thôn Đá Đinh", "thon da dinh"),
])
def test_name_key_equivalences(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a,b", [("Thôn 1", "Thôn 10"), ("Bản Khấu", "Bản Tả Khấu"), ("A Lù", "A Mú Sung")])
def test_name_key_keeps_different_names_apart(a, b):
    assert name_key(a) != name_key(b)


def test_name_key_of_missing_values_is_empty():
    assert name_key(None) == "" and name_key(float("nan")) == ""


def test_spelling_key_ignores_only_case_space_and_tone_position():
    assert spelling_key("Khánh Hoà") == spelling_key("khánh  hòa")
    assert spelling_key("Sa Pa") != spelling_key("Sa Pả")
    assert spelling_key("Nậm Chảy") != spelling_key("Nậm Chầy")


def test_strip_prefix_only_strips_the_official_word():
    assert strip_prefix("Thị trấn Khánh Yên") == "Khánh Yên"
    assert strip_prefix("Xã Xà Hồ") == "Xà Hồ"
    assert strip_prefix("Bản") == "Bản"


_VI = st.text(alphabet="aàáảãạăắằâấđĐeêếiíoôơớuưứyýAÂBCDGHKLMNPQRSTVX 0123456789.-", max_size=30)


@given(_VI)
def test_name_key_is_case_and_spacing_insensitive(text):
    assert name_key(text) == name_key(text.upper()) == name_key("  " + text.replace(" ", "  ") + " ")


@given(_VI)
def test_name_key_ignores_diacritics(text):
    assert name_key(text) == name_key(fold(text))


# --- vectorised columns: exactly the scalar functions, value by value ---------------------------------

_SERIES = [(nfc_series, nfc), (name_key_series, name_key), (spelling_key_series, spelling_key)]
_VI_LOWER = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
_MARKS = "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"  # the five tones, circumflex, breve, horn: decomposed spellings
_PIECE = st.one_of(
    st.text(alphabet=_VI_LOWER + _VI_LOWER.upper() + "bcdghklmnpqrstvxfjwz" + _MARKS, min_size=1, max_size=6),
    st.sampled_from(["Xã", "Thôn", "TDP", "Tổ dân phố số", "Tổ dân phố", "Phường", "P.", "Thị trấn", "TT.", "Bản",
                     "X.", "số", "so", "Xóm", "Khu phố", "H."]),
    st.from_regex(r"0{0,3}[0-9]{1,3}", fullmatch=True),  # numbers with leading zeros
    st.sampled_from([" ", "  ", "\u00a0", "\t", "\n", "\u2003", "\u202f", "\u3000", "\x1c"]),  # odd white space
    st.sampled_from(list(".,-/()'\"_:;#–…")),
)
_NAME = st.builds(lambda parts, form: unicodedata.normalize(form, "".join(parts)) if form else "".join(parts),
                  st.lists(_PIECE, max_size=8), st.sampled_from([None, "NFC", "NFD"]))
_COLUMN = st.lists(st.one_of(_NAME, st.just(""), st.none()), min_size=1, max_size=30)


def _column(values: list, dtype: str) -> pd.Series:
    return pd.Series(values, dtype=dtype, index=range(100, 100 + len(values)), name="ten")


@settings(max_examples=300, deadline=None)
@given(_COLUMN, st.sampled_from(["string", "str", "object"]))
def test_series_functions_equal_the_scalar_ones_on_vietnamese_text(values, dtype):
    s = _column(values, dtype)
    for series_fn, fn in _SERIES:
        pd.testing.assert_series_equal(series_fn(s), per_distinct(s, fn))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=12), st.none()), min_size=1, max_size=20))
def test_series_functions_equal_the_scalar_ones_on_any_text(values):
    """Characters outside the alphabet the Arrow kernels are checked on go to the scalar function."""
    s = _column(values, "object")
    for series_fn, fn in _SERIES:
        pd.testing.assert_series_equal(series_fn(s), per_distinct(s, fn))


def test_series_functions_known_values():
    s = pd.Series([" Bát  Xát\u00a0", unicodedata.normalize("NFD", "Thôn 01"), None, "TDP số 3", "Xã Bản Vược", "P.Kim Tân",
                   "Khánh Hoà", "khánh  hòa", ""], index=list("abcdefghi"), name="n")
    assert nfc_series(s).tolist()[:3] == ["Bát Xát", "Thôn 01", pd.NA]
    assert name_key_series(s).tolist() == ["bat xat", "1", pd.NA, "3", "vuoc", "kim tan", "khanh hoa", "khanh hoa", ""]
    spelled = spelling_key_series(s)
    assert spelled["g"] == spelled["h"] == "khanh\u0301 hoa\u0300" and spelled["e"] == "xa\u0303 ban\u0309 vươc\u0323"
    for out in (nfc_series(s), name_key_series(s), spelled):
        assert out.index.tolist() == list("abcdefghi") and out.name == "n" and out.dtype == pd.StringDtype()
        assert out.isna().tolist() == s.isna().tolist()


def test_values_the_arrow_kernels_cannot_do_use_the_scalar_function():
    s = pd.Series(["ĐƯỜNG ΟΔΟΣ", "I\u0307stanbul", "a=\u0338b", "hoạ\u0301", "Thôn 7", 12, None], dtype=object)
    assert name_key_series(s).tolist() == [name_key(v) for v in s[:6]] + [pd.NA]
    assert spelling_key_series(s.iloc[:5]).tolist() == [spelling_key(v) for v in s[:5]]
    assert spelling_key("hoạ\u0301") == "hoa\u0301\u0323"  # two tone marks: sorted, as the scalar function does


def test_nfc_series_returns_clean_ascii_as_it_is():
    s = pd.Series(["00001-001", "00001-002", None], dtype="string")
    out = nfc_series(s)
    assert out.tolist() == ["00001-001", "00001-002", pd.NA]
    assert pa.array(out.array).buffers()[2].address == pa.array(s.array).buffers()[2].address  # not copied


def test_the_plain_alphabet_agrees_with_python_character_by_character():
    """The Arrow kernels must map each character as Python does; a newer Arrow Unicode table would show here."""
    chars = text_module._PLAIN
    assert len(chars) > 1000 and "\u0130" not in chars and {"đ", "Đ", "ự", "\u0323", "\u00a0"} <= set(chars)
    arr = pa.array(chars)
    assert pc.utf8_lower(arr).to_pylist() == [c.lower() for c in chars]
    for form in ("NFC", "NFD"):
        assert pc.utf8_normalize(arr, form).to_pylist() == [unicodedata.normalize(form, c) for c in chars]

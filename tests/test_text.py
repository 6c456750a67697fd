"""Names: NFC, folding, unit prefixes and numbers, spelling keys; the same on whole columns (vectorised)."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dxmap.validate.text import (
    fold,
    name_key,
    name_key_series,
    nfc,
    nfc_series,
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
    ("Thôn II", "Thôn 2"),  # a roman numeral in capitals after a unit word is its number
    ("Tiểu khu XIV", "TK 14"),
    ("Phường IX", "P. 9"),
    ("Tổ DP 3", "Tổ dân phố 3"),
    ("Buôn 1", "Thôn 1"),  # "Buôn", "Sóc" begin names ("Buôn Đôn") but are unit words before a number alone
    ("Sóc 02", "Bản 2"),
    ("Buôn I", "Thôn 1"),
    ("Thôn Iv", "Thôn 4"),  # what Excel's PROPER() makes of "THÔN IV" (QA38 M1)
    ("thôn ix", "THÔN IX"),
    ("Tổ dân phố số III", "TDP 3"),
    ("Phường III", "III"),  # a ward's name as a layer keeps it without its unit word (QA38 H1)
    ("XII", "Phường 12"),
    ("Thôn II A", "Thôn 2A"),  # a numeral and a letter, as "Đội 5A"
    ("T.K 3", "Tiểu khu 3"),  # a unit word's initials with dots
    ("Tổ D.P 3", "TDP 3"),
    ("T.D.P. 03", "Tổ dân phố số 3"),
    ("Thôn Ⅳ", "Thôn 4"),  # one character for the numeral (U+2163), full-width digits: what they stand for
    ("Thôn １２", "Thôn 12"),
    ("T.K-3", "Tiểu khu 3"), ("T.K3", "TK 3"),  # QA46 L4: as "TK3"
    ("Thôn №1", "Thôn 1"),  # "№" is no letters: NFKD made it "No" (QA46 L5)
    ("Thôn X A", "Thôn 10A"),  # the "x" of a number is not Xã's (QA46 L6)
    ("Thôn Bản Vược", "Xã Bản Vược"), ("Thôn Xà Phìn", "Xà Phìn"),  # a name is its key with or without its unit word
    ("Huyện Tĩnh Gia", "Tĩnh Gia"),
    ("T. K. 3", "Tiểu khu 3"), ("Tổ D. P. 3", "TDP 3"),  # QA47
])
def test_name_key_equivalences(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a,b", [("Thôn 1", "Thôn 10"), ("Bản Khấu", "Bản Tả Khấu"), ("A Lù", "A Mú Sung"),
                                 ("Bản Vi", "Bản 6"), ("BẢN VI", "Bản 6"), ("Bản XI", "Bản 11"),  # names too (QA38 H2)
                                 ("Thôn Ia", "Thôn 1"), ("Thôn IIII", "Thôn 4"), ("Buôn Đôn", "Đôn"), ("Sóc Sơn", "Sơn"),
                                 ("Buôn Vi", "Vi"), ("Bản Xà I", "Thôn 1"), ("Thôn Sóc 1", "Thôn 1"),  # QA38 M2
                                 ("x", "10"), ("I", "1"), ("v", "5"),  # a lone letter: a tick, not a number (QA40 H1)
                                 ("X.A Lù", "Lù"), ("Thôn II A", "Thôn 2"), ("Thôn Vi A", "Thôn 6A"),
                                 ("Thôn X A", "Thôn A"), ("Buôn X A", "Thôn A"),
                                 ("T. Kim", "Kim")])
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


# --- whole columns: the scalar functions once per distinct value ------------------------------------


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


def test_nfc_series_is_nfc_of_each_value_also_for_ascii_that_needs_work():
    # plain ASCII words between single spaces are kept as they are; any other ASCII still goes through nfc()
    values = ["00001-001", "Ban Vuoc", "a b", " a", "a ", "a  b", "a\tb", "a\x1fb", "\x1c", "a\x7f", "", "~!",
              "Thôn 1", unicodedata.normalize("NFD", "Bản Vược"), "a\u00a0b", None]
    s = pd.Series(values * 2, index=range(10, 10 + 2 * len(values)), name="v", dtype=object)
    got = nfc_series(s)
    assert got.tolist() == [pd.NA if v is None else nfc(v) for v in values * 2]
    assert got.index.equals(s.index) and got.name == "v" and got.dtype == pd.StringDtype()
    plain = pd.Series(["00001-001", "00001-002", None], name="id")
    out = nfc_series(plain)
    assert out.tolist() == ["00001-001", "00001-002", pd.NA] and out.name == "id" and out.dtype == pd.StringDtype()


def test_a_state_farm_town_matches_its_short_name():
    """QA: "Thị trấn Nông trường Liên Sơn", the official long name, did not match the layer's "NT Liên Sơn"."""
    from dxmap.validate.text import name_key

    assert name_key("Thị trấn Nông trường Liên Sơn") == name_key("NT Liên Sơn") == name_key("TT NT Liên Sơn") == "nt lien son"
    assert name_key("Nông trường Trần Phú") == name_key("NT Trần Phú")
    assert name_key("Liên Sơn") != name_key("NT Liên Sơn")  # not a commune "Liên Sơn"


def test_an_english_unit_word_after_a_name_is_no_part_of_it():
    """QA22: "Kivaa Ward" did not match the layer's "Kivaa", while "Xã A Lù" matches "A Lù"."""
    from dxmap.validate.text import name_key

    assert name_key("Kivaa Ward") == name_key("kivaa") == "kivaa"
    assert name_key("Masii ward") == name_key("Masii") and name_key("Yatta Sub-County") == "yatta"
    assert name_key("Ward") == "ward" and name_key("Bản Ward Village") == "ward"  # a name is never emptied


def test_a_thai_district_or_commune_word_before_a_name_is_no_part_of_it():
    """QA67 F10: "อำเภอแม่สาย" (Amphoe Mae Sai) did not match the layer's "แม่สาย", while "Huyện Bát Xát" matches
    "Bát Xát"; Thai writes no space after the word."""
    from dxmap.validate.text import name_key

    assert name_key("อำเภอแม่สาย") == name_key("อำเภอ แม่สาย") == name_key("อ.แม่สาย") == name_key("แม่สาย")
    assert name_key("ตำบลเวียง") == name_key("ต.เวียง") == name_key("เวียง")
    assert name_key("อำเภอ") != ""  # a name is never emptied


def test_the_examples_in_the_docstrings_run():
    import doctest

    import dxmap.validate.text as module

    result = doctest.testmod(module)
    assert result.attempted >= 8 and result.failed == 0


def test_a_unit_word_s_dotted_initials_say_its_kind_as_they_give_its_key():
    """QA46 L4: "T.K-3" had the key of Tiểu khu 3 but no kind, and was ambiguous beside Thôn 3."""
    from dxmap.validate.text import village_kind

    for text, kind in (("T.K-3", "khu"), ("T.K(3)", "khu"), ("T.K3", "khu"), ("K.P-2", "khu"), ("T.D.P-03", "to"),
                       ("Tổ D.P, số 3", "to"), ("Thôn №1", "thon")):
        assert (name_key(text), village_kind(text)) == (name_key(text.replace(".", "")), kind), text
    for text, kind in (("T. K. 3", "khu"), ("T. K 3", "khu"), ("Tổ D. P. 3", "to"), ("T. D. P. 03", "to")):  # QA47
        assert (name_key(text), village_kind(text)) == ("3", kind), text

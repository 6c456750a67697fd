"""Technology and status words, in Vietnamese and English."""

from __future__ import annotations

import pandas as pd
import pytest

from dxmap.errors import StatusValueError
from dxmap.validate.vocab import (Level, Status, Technology, accepted_words, excel_error, lookup_codes, misspelt,
                                  parse_words, two_statuses, word_value)


def test_vietnamese_and_english_words():
    got = parse_words("status", pd.Series(["Chưa có", "lõm sóng", "Trắng sóng", "đã có", "Kế hoạch", "", None, "COVERED"]))
    assert got.tolist() == ["none", "weak", "none", "covered", "planned", "unknown", "unknown", "covered"]
    assert parse_words("technology", pd.Series(["Cáp quang", "4G", "LAN chuẩn", "FTTH", "di động"])).tolist() == [
        "fibre", "mobile", "lan", "fibre", "mobile"]
    assert parse_words("level", pd.Series(["Thôn", "xã", "village"])).tolist() == ["village", "commune", "village"]


def test_unknown_values_listed_with_rows_and_count():
    with pytest.raises(StatusValueError, match=r"f\.csv: 6 unknown status value\(s\): \"row 10: 'a'\".*\(6 in all\)"):
        parse_words("status", pd.Series(list("abcdef")), where="f.csv", rows=pd.Series(range(10, 16)))


def test_levels():
    assert Technology.LAN.level is Level.COMMUNE and Technology.FIBRE.level is Level.VILLAGE


def test_words_are_looked_up_once_per_distinct_spelling():
    column = pd.Series(["Chưa có", "chưa có", None, "", "đã có", "Chưa có"] * 1000, dtype="string")
    codes, parsed, spelling = lookup_codes("status", column)
    assert len(codes) == 6000 and len(parsed) == 4  # "Chưa có", "chưa có", "unknown" (missing and empty), "đã có"
    assert spelling == [None] * 4
    assert [parsed[c] for c in codes[:6]] == ["none", "none", "unknown", "unknown", "covered", "none"]
    assert parse_words("status", column).tolist() == [parsed[c] for c in codes]


@pytest.mark.parametrize("dtype", ["string", "str", "object"])
def test_parse_results_are_python_objects_with_the_input_index(dtype):
    s = pd.Series(["4G", "Cáp quang", "LAN"], index=[7, 8, 9], name="tech", dtype=dtype)
    got = parse_words("technology", s)
    assert got.tolist() == ["mobile", "fibre", "lan"] and got.dtype == object
    assert got.index.tolist() == [7, 8, 9] and got.name == "tech"
    with pytest.raises(StatusValueError, match=r"2 unknown level value\(s\): \"row 3: 'x'\", \"row 5: 'y'\""):
        parse_words("level", pd.Series(["thôn", "x", "xã", "y"], dtype=dtype), rows=pd.Series([2, 3, 4, 5]))


@pytest.mark.parametrize("word,value", [("4G/LTE", "mobile"), ("LTE", "mobile"), ("5G", "mobile"), ("Di động (4G)", "mobile"),
                                        ("Cáp quang (FTTH)", "fibre"), ("Mạng LAN chuẩn", "lan")])
def test_technology_words(word, value):
    assert parse_words("technology", pd.Series([word])).tolist() == [value]


@pytest.mark.parametrize("word,value", [("không có", "none"), ("chưa", "none"), ("chưa có", "none"), ("Not covered", "none"),
                                        ("no", "none"), ("có", "covered"), ("Yes", "covered"), ("x", "covered"),
                                        ("✓", "covered"), ("Có (đạt chuẩn)", "covered"), ("Đạt chuẩn", "covered"),
                                        ("Chưa đạt chuẩn", "none")])  # QA: the LAN's own words; the second was invalid
def test_status_words(word, value):
    assert parse_words("status", pd.Series([word])).tolist() == [value]


@pytest.mark.parametrize("kind,word,right", [
    ("status", "chưa cố", "chưa có"), ("status", "Chưa  Cố", "chưa có"), ("status", "đả có", "đã có"),
    ("status", "da có", "đã có"), ("status", "nó", "no"), ("status", "Cố (đạt chuẩn)", "có"),
    ("technology", "Cáp quảng", "cáp quang"), ("technology", "di đông (4G)", "di động"), ("level", "Thốn", "thôn"),
    # typed without diacritics, spelt right in any case or form, or no word at all: nothing to say
    ("status", "chua co", None), ("status", "Chưa có", None), ("status", "CHƯA CÓ", None), ("status", "ĐÃ CÓ", None),
    ("status", "chu\u031ba co\u0301", None),  # "chưa có" decomposed (NFD), as macOS may write it
    ("status", "Co (đạt chuẩm)", None), ("status", "x", None),
    ("status", "chưa cố gắng", None), ("technology", "FTTH", None), ("level", "Thôn", None), ("status", None, None),
])
def test_a_word_whose_diacritics_are_another_words_is_told_with_the_right_spelling(kind, word, right):
    assert misspelt(kind, word) == right
    if right is not None:  # read all the same
        assert word_value(kind, word) == word_value(kind, right)


def test_misspellings_are_looked_up_once_per_distinct_spelling():
    column = pd.Series(["chưa cố", "chua co", "Chưa có", "CHƯA CÓ", None, "chưa cố"] * 1000, dtype="string")
    codes, parsed, spelling = lookup_codes("status", column)
    assert parsed == ["none", "none", "none", "none", "unknown"] and spelling == ["chưa có", None, None, None, None]
    assert [spelling[c] for c in codes[:6]] == ["chưa có", None, None, None, None, "chưa có"]


def test_an_unknown_word_is_reported_never_guessed():
    codes, parsed, _ = lookup_codes("status", pd.Series(["Broadband", "có", None]))
    assert [parsed[c] for c in codes] == [None, "covered", "unknown"]
    assert word_value("technology", "Broadband") is None and word_value("technology", "wifi 4G") is None
    assert "lõm sóng" in accepted_words("status") and "FTTH" in accepted_words("technology")


def test_technology_takes_the_words_people_type_as_the_functions_do():
    """Notebook QA: gap_units(technology="Fibre") worked but Technology("Fibre") raised."""
    from dxmap import Technology

    assert [Technology(w) for w in ("fibre", "Fibre", "FTTH", "cáp quang", "LAN", "Di động")] == [
        Technology.FIBRE, Technology.FIBRE, Technology.FIBRE, Technology.FIBRE, Technology.LAN, Technology.MOBILE]
    with pytest.raises(ValueError, match="'wifi' is not a valid Technology"):
        Technology("wifi")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_dxmap_s_own_status_labels_read_back_as_their_statuses(lang):
    """A gap list downloaded from the map ("Lõm sóng / yếu", "Đã có kế hoạch", "Chưa rõ (không có số liệu)") can be
    corrected by a field team and read again (QA: 4 of its 52 rows were invalid)."""
    from dxmap.labels import LABELS

    for status in Status:
        assert word_value("status", LABELS[lang][status.value]) == status.value


@pytest.mark.parametrize(("word", "value"), [("Đạt", "covered"), ("Không đạt", "none"), ("Chưa rõ", "unknown"),
                                             ("chưa có số liệu", "unknown"),
                                             # QA17: "not installed yet" is none; "being installed" planned
                                             ("Chưa lắp", "none"), ("chưa lắp đặt", "none"),
                                             ("Đang lắp đặt", "planned")])
def test_status_words_offices_use_for_standards_and_missing_data(word, value):
    assert word_value("status", word) == value


@pytest.mark.parametrize(("word", "outside", "remark", "other"), [
    ("Có (chưa đạt chuẩn)", "covered", "chưa đạt chuẩn", "none"), ("Đã có (đang hỏng)", "covered", "đang hỏng", "none"),
    ("Có (dự kiến)", "covered", "dự kiến", "planned"), ("X (chưa)", "covered", "chưa", "none"),
    ("Có (lõm sóng)", "covered", "lõm sóng", "weak"), ("Có (chập chờn)", "covered", "chập chờn", "weak"),
    ("Có (một số thôn)", "covered", "một số thôn", "weak"), ("Yes (not yet)", "covered", "not yet", "none"),
    ("Chưa có (lõm sóng)", "none", "lõm sóng", "weak"), ("Chưa có (một phần)", "none", "một phần", "weak"),
    ("Có (Viettel) (chưa ổn định)", "covered", "chưa ổn định", "weak"),
])
def test_a_remark_in_brackets_that_says_another_status_is_a_second_status(word, outside, remark, other):
    """QA61 1: the words in brackets were dropped whatever they said: "Có (chưa đạt chuẩn)" was covered, silently."""
    assert word_value("status", word) is None and misspelt("status", word) is None
    said = two_statuses(word)
    assert said is not None and (said[1], said[2], said[3]) == (outside, remark, other)
    assert [lookup_codes("status", pd.Series([word] * 3))[1]] == [[None]]  # once per distinct value, never guessed


@pytest.mark.parametrize(("word", "value"), [
    ("Có (Viettel)", "covered"), ("Có (đạt chuẩn)", "covered"), ("Có (*)", "covered"), ("Có (VNPT, 4G)", "covered"),
    ("Chưa có (dự kiến Q3)", "none"), ("Không (đã có KH)", "none"), ("Chưa (dự kiến 2025)", "none"),
    ("Chưa có (không có hạ tầng)", "none"), ("Kế hoạch (chưa triển khai)", "planned"),
    ("Lõm sóng (chưa có 4G)", "weak"), ("Chưa rõ (không có số liệu)", "unknown"), ("Unknown (no record)", "unknown"),
    ("Có (mạng không dây)", "covered"), ("Có (đạt yêu cầu)", "covered"), ("Chưa rõ (chưa kiểm tra)", "unknown"),
])
def test_a_remark_in_brackets_that_says_no_other_status_is_dropped(word, value):
    assert word_value("status", word) == value and two_statuses(word) is None


def test_two_statuses_is_none_for_a_word_without_a_second_status():
    assert two_statuses("Có") is None and two_statuses("maybe (chưa)") is None and two_statuses(None) is None
    assert two_statuses("Di động (chưa)") is None  # not a status outside the brackets


@pytest.mark.parametrize(("word", "value"), [("'Chưa có", "none"), ("'Có", "covered"), (" 'lõm sóng ", "weak"),
                                             ("'Cáp quang", None), ("''Chưa có", None)])
def test_the_apostrophe_that_keeps_a_cell_text_is_not_read_into_the_word(word, value):
    """QA61 2: Excel users type 'Chưa có to force text; it was an unknown word. One apostrophe only."""
    assert word_value("status", word) == value


@pytest.mark.parametrize("word", ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#n/a", "'#N/A"])
def test_excel_error_values_are_told_apart(word):
    assert excel_error(word) == word.lstrip("'").upper() and word_value("status", word) is None


def test_excel_error_is_none_for_other_text():
    assert excel_error("N/A") is None and excel_error("# N/A") is None and excel_error(None) is None


@pytest.mark.parametrize("word, value", [
    ("Sí", "covered"), ("Si", "covered"), ("SI", "covered"), ("Con cobertura", "covered"), ("Disponible", "covered"),
    ("Sin cobertura", "none"), ("No disponible", "none"), ("Ninguna", "none"), ("No hay", "none"), ("Não", "none"),
    ("Cobertura parcial", "weak"), ("Programado", "planned"), ("En proceso", "planned"), ("Oui", "covered"),
    ("Y", "covered"), ("N", "none"), ("Nil", "none"), ("Operational", "covered"), ("Functional", "covered"),
    ("Not functional", "none"), ("Limited", "weak"), ("Desconocido", "unknown")])
def test_status_words_of_other_countries_sheets(word, value):
    """QA72 K3: Spanish, Portuguese and French words, and a ministry's English ones, were unknown statuses."""
    assert word_value("status", word) == value and misspelt("status", word) is None


@pytest.mark.parametrize("word, value", [
    ("4G available", "covered"), ("Fibre: not available", "none"), ("LAN - operational", "covered"),
    ("Di động chưa có", "none"), ("sóng chập chờn", "weak"), ("FTTH planned", "planned")])
def test_a_status_after_the_technology_it_is_of_is_that_status(word, value):
    """QA72 K3: "4G available" was unknown, though "available" is covered and "4G" is mobile."""
    assert word_value("status", word) == value and misspelt("status", word) is None


@pytest.mark.parametrize("word", ["3G only", "2G only", "Pending", "4G", "Fibre", "available 4G soon"])
def test_words_whose_status_is_not_clear_stay_unknown(word):
    """"2G only" (no broadband, or some signal?), "Pending" (a plan, or data to come?): the user says."""
    assert word_value("status", word) is None

"""GSO codes: leading zeros, Excel floats, hierarchical forms."""

from __future__ import annotations

import pandas as pd
import pytest

from dxmap.validate.codes import normalise_code


@pytest.mark.parametrize("raw", [2692, 2692.0, "2692", "2692.0", "2692,0", "2,692", "02692", "'02692", " 2692 ",
                                 "10.082.02692", "10-082-02692", "10/082/2692", "10 082 02692"])
def test_commune_codes_become_five_digit_strings(raw):
    assert normalise_code(pd.Series([raw], dtype=object)).tolist() == ["02692"]


def test_missing_and_non_numeric_codes():
    out = normalise_code(pd.Series([None, "", float("nan"), "abc", "X-1"], dtype=object))
    assert out.isna().tolist() == [True, True, True, False, False]
    assert out[3] == "abc"  # kept as typed: it will not match and is reported
    assert out[4] == "X-1"  # letters: another scheme's code, whole (it was cut to "00001": QA22)
    words = normalise_code(pd.Series(["Tổng cộng", "Xã A Lù", "10.082.02692"]))
    assert words.tolist() == ["Tổng cộng", "Xã A Lù", "02692"]  # text is kept whole, never cut to its last word


def test_district_width_and_dtype():
    out = normalise_code(pd.Series(["82", 82, "082.0", "10.082"]), level="district")
    assert out.tolist() == ["082"] * 4
    assert str(out.dtype) == "string"


def test_input_is_not_modified():
    s = pd.Series([2692, "2692.0"], dtype=object)
    normalise_code(s)
    assert s.tolist() == [2692, "2692.0"]


_RAW = ["2692", "2692.0", "2692,0", "2,692", "02692", "'02692", " 2692 ", "10.082.02692", "10-082-02692", "", None,
        "abc", "X-1", "00001", "123456", "02692\n"]


@pytest.mark.parametrize("dtype", ["string", "str"])
def test_text_columns_give_what_python_objects_give(dtype):
    """Codes read as text (CSV, GeoPackage) give the same codes as Python objects and numbers."""
    for level in ("commune", "district", "province"):
        expected = normalise_code(pd.Series(_RAW + [0], dtype=object), level=level)[:-1]  # a number: the object route
        got = normalise_code(pd.Series(_RAW, dtype=dtype, index=range(5, 5 + len(_RAW)), name="ma"), level=level)
        assert got.tolist() == expected.tolist() and str(got.dtype) == "string"
        assert got.index.tolist() == list(range(5, 5 + len(_RAW))) and got.name == "ma"


def test_codes_already_padded_are_kept_as_they_are():
    s = pd.Series(["02692", None, "02695"], dtype="string")
    assert normalise_code(s).tolist() == ["02692", pd.NA, "02695"]
    assert normalise_code(pd.Series(["2692", "02695"], dtype="string")).tolist() == ["02692", "02695"]


def test_other_schemes_keep_their_codes():
    """QA22: a Kenyan layer's ward codes 0416… came out as 00416 everywhere, and MAS-01, YAT-01… all became 00001
    (then "codes occur twice"). Letters, and leading zeros written, are another scheme's: kept as written."""
    out = normalise_code(pd.Series(["MAS-01", "YAT-01", "0416", "416", "10.082.02692", "KE/047/0416"], dtype=object))
    assert out.tolist() == ["MAS-01", "YAT-01", "0416", "00416", "02692", "KE/047/0416"]


def test_a_record_s_code_is_found_as_the_layer_writes_it():
    from dxmap.validate.codes import as_written_in

    layer = pd.Series(["0416", "0417", "MAS-01", None, "00416x"], dtype="string")
    records = pd.Series(["00416", "0417", "417", "MAS-01", "99", None], index=range(3, 9), dtype="string")
    assert as_written_in(records, layer).tolist() == ["0416", "0417", "0417", "MAS-01", "99", pd.NA]
    assert as_written_in(records, layer).index.tolist() == list(range(3, 9))
    assert as_written_in(pd.Series(["02692"]), pd.Series(["2692", "002692"])).tolist() == ["02692"]  # two: left alone


def test_gso_codes_as_spreadsheets_and_offices_write_them():
    """QA23: "02692/" and Vietnamese Excel's "2.692" (Excel grouping 2692) were not 02692; hierarchical codes
    stay GSO's."""
    out = normalise_code(pd.Series(["02692/", "2.692", "2692.", "2692-01", "10.082.2692"], dtype=object))
    assert out.tolist() == ["02692", "02692", "02692", "00001", "02692"]
    assert normalise_code(pd.Series(["10.082", "082/"]), level="district").tolist() == ["082", "082"]  # not 10082
    # QA29: digits grouped by a space were read as a hierarchy, "02 635" as 00635
    assert normalise_code(pd.Series(["02 635", "2 692", "10 082 02692"])).tolist() == ["02635", "02692", "02692"]


def test_a_record_s_code_with_a_word_before_it_is_found_as_the_layer_writes_it():
    """QA23: "LC-02692" and "xã 02692" matched 02692 before codes with letters were kept as written; they find the
    layer's code again, while a short number after a word ("X-1") is no GSO code."""
    from dxmap.validate.codes import as_written_in

    records = pd.Series(["LC-02692", "xã 02692", "X-1", "MAS-01"], dtype="string")
    layer = pd.Series(["02692", "00001", "MAS-01"], dtype="string")
    assert as_written_in(records, layer).tolist() == ["02692", "02692", "X-1", "MAS-01"]

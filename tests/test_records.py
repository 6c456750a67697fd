"""Reading records as district offices send them: provincial XLSX, headers in two languages, legacy text."""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd
import pytest

import dxmap
from dxmap.errors import SchemaError, UnsupportedFormatError
from dxmap.errors import StatusValueError
from dxmap.io.records import sheet_names, standardise_records

MESSY = Path(__file__).parent / "data" / "messy"


def test_provincial_workbook_sheet_by_name_without_diacritics():
    rec = dxmap.read_records(MESSY / "provincial.xlsx", sheet="bat xat")
    assert rec["row"].tolist() == [7, 8, 9, 10, 11, 12, 13]  # Excel row numbers, below title, header and numbering rows
    assert rec["ignore_reason"].notna().tolist() == [True, False, False, False, False, False, True]
    assert rec.loc[rec["row"].eq(13), "ignore_reason"].item().startswith("a total row")
    body = rec[rec["ignore_reason"].isna()]
    assert body["commune_code"].tolist()[:4] == ["02692", "02695", "02692", "02692"]  # int and float cells
    assert body["district_name"].tolist() == ["Bát Xát"] * 5  # one merged cell spans the district's rows
    assert body["technology"].tolist() == ["lan", "lan", "fibre", "mobile", "lan"]
    assert body["status"].tolist() == ["covered", "none", "none", "weak", "planned"]
    assert body["as_of"].dt.strftime("%Y-%m-%d").unique().tolist() == ["2024-06-30"]
    assert body["village_name"].tolist()[2:4] == ["Thôn 01", "Bản Khấu"]
    assert body["note"].tolist()[3] == "khe núi"


def test_sheet_choice(caplog):
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        first = dxmap.read_records(MESSY / "provincial.xlsx")
    assert len(first) == 7 and "2 sheets hold records" in caplog.text
    other = dxmap.read_records(MESSY / "provincial.xlsx", sheet="Mường Khương")
    assert other["row"].tolist() == [7, 8, 9, 10] and other["ignore_reason"].notna().sum() == 2
    assert dxmap.read_records(MESSY / "provincial.xlsx", sheet=2)["row"].tolist() == [7, 8, 9, 10]
    with pytest.raises(SchemaError, match="Hướng dẫn"):
        dxmap.read_records(MESSY / "provincial.xlsx", sheet="Sa Pa")
    with pytest.raises(SchemaError, match="no header row"):
        dxmap.read_records(MESSY / "provincial.xlsx", sheet="Hướng dẫn")
    assert sheet_names(MESSY / "provincial.xlsx") == ["Hướng dẫn", "Bát Xát", "Mường Khương"]


def test_hand_typed_csv():
    rec = dxmap.read_records(MESSY / "names_codes.csv")
    assert len(rec) == 29 and rec["row"].tolist() == list(range(2, 31))
    assert rec.loc[rec["row"].between(2, 5), "commune_code"].tolist() == ["02692"] * 4
    assert rec.loc[rec["row"].eq(28), "commune_code"].item() == "02695"
    ignored = rec.loc[rec["ignore_reason"].notna(), "row"].tolist()
    assert ignored == [26, 27]
    assert rec.loc[rec["row"].eq(24), "level"].item() == "village"
    assert rec.loc[rec["row"].eq(22), ["lon", "lat"]].values.tolist() == [[103.5932, 22.7031]]


@pytest.mark.parametrize("name", ["legacy_tcvn3.csv", "legacy_vni.csv", "legacy_cp1258.csv", "abc_font.xlsx"])
def test_legacy_text_is_decoded_by_default(name, caplog):
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        rec = dxmap.read_records(MESSY / name)
    assert rec["commune_name"].tolist() == ["Xã A Lù", "Trịnh Tường", "Bản Vược", "Phường Sa Pả"]
    assert rec["status"].tolist() == ["covered", "none", "weak", "planned"]
    assert "decoded" in caplog.text or "re-decoded" in caplog.text


@pytest.mark.parametrize("enc", ["tcvn3", "vni", "cp1258"])
def test_legacy_csv_with_the_encoding_named(enc):
    rec = dxmap.read_records(MESSY / f"legacy_{enc}.csv", encoding=enc)
    assert rec["district_name"].tolist() == ["Bát Xát"] * 3 + ["Sa Pa"]
    auto = dxmap.read_records(MESSY / f"legacy_{enc}.csv", encoding="auto")
    assert auto["commune_name"].tolist() == rec["commune_name"].tolist()


def test_wrong_encoding_is_an_error_that_says_what_to_do():
    with pytest.raises(UnsupportedFormatError, match="--encoding auto"):
        dxmap.read_records(MESSY / "legacy_vni.csv", encoding="utf-8")


def test_english_headers_total_row_and_version_column(tmp_path):
    path = tmp_path / "en.csv"
    path.write_text(
        "Commune code,Village,Technology,Status,Date,Boundary version\n"
        "2692,Thôn 1,fibre,none,2024-06-30,2024\n"
        "Total,,,1,,\n", encoding="utf-8")
    rec = dxmap.read_records(path)
    assert rec.loc[0, "village_name"] == "Thôn 1" and rec.loc[0, "commune_code"] == "02692"
    assert rec["boundary_version"].tolist()[0] == "2024"
    assert rec["ignore_reason"].isna().tolist() == [True, False]


def test_a_name_starting_with_tong_is_not_a_total(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("Tên thôn,Mã xã,Công nghệ,Trạng thái,Ngày\nTổng Chảo,2692,4G,đã có,2024-06-30\n", encoding="utf-8")
    assert "ignore_reason" not in dxmap.read_records(path).columns


def test_unknown_status_in_a_real_row_still_raises(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("Mã xã,Công nghệ,Trạng thái,Ngày\n2692,LAN,maybe,2024-06-30\nTổng cộng,,3,\n", encoding="utf-8")
    with pytest.raises(StatusValueError, match="row 2"):
        dxmap.read_records(path)


def test_semicolon_file_whose_header_has_a_comma(tmp_path):
    """The delimiter is sniffed from the first lines, not the header alone ("Xã, phường" holds a comma)."""
    p = tmp_path / "semi.csv"
    p.write_text("Mã xã;Xã, phường;Công nghệ;Trạng thái;Ngày cập nhật\n02692;Bản Vược;lan;có;2024-06-30\n"
                 "02695;Bản Qua;lan;chưa có;2024-06-30\n", encoding="utf-8-sig")
    rec = dxmap.read_records(p)
    assert rec["commune_code"].tolist() == ["02692", "02695"]
    assert rec["commune_name"].tolist() == ["Bản Vược", "Bản Qua"]
    assert rec["status"].tolist() == ["covered", "none"]


def test_quoted_line_break_and_ragged_rows_still_read(tmp_path):
    """What pyarrow's reader refuses is read by pandas' C parser."""
    p = tmp_path / "odd.csv"
    p.write_text('commune_code,technology,status,as_of,note\n02692,lan,none,2024-06-30,"two\nlines"\n'
                 "02695,lan,covered,2024-06-30\n", encoding="utf-8")
    rec = dxmap.read_records(p)
    assert len(rec) == 2 and rec["note"].iloc[0] == "two lines" and pd.isna(rec["note"].iloc[1])
    p.write_text(p.read_text(encoding="utf-8"), encoding="utf-8-sig")  # Excel's "CSV UTF-8" starts with a BOM
    pd.testing.assert_frame_equal(dxmap.read_records(p), rec)


def test_schema_dtypes_levels_and_coordinates(tmp_path):
    """Vectorised parsing keeps the schema as it was: text as "string"/"str", words as Python objects."""
    p = tmp_path / "r.csv"
    p.write_text("Mã xã,Cấp,Công nghệ,Trạng thái,Ngày,Kinh độ,Vĩ độ,STT\n"
                 "2692,,4G,Chưa có,2024-06-30,\"103,5\",22.7,1\n"
                 "2692,Xã,LAN,,2024-06-30,,,2\n"
                 "02695,thôn,cáp quang,lõm sóng,30/06/2024,104,22,3\n"
                 ",,,,,,, Tổng cộng\n", encoding="utf-8")
    rec = dxmap.read_records(p)
    assert rec["level"].tolist()[:3] == ["village", "commune", "village"] and str(rec["level"].dtype) == "str"
    assert pd.isna(rec["level"].iloc[3]) and rec["ignore_reason"].iloc[3] == "a total row ( Tổng cộng)"
    assert rec["technology"].tolist()[:3] == ["mobile", "lan", "fibre"] and rec["technology"].dtype == object
    assert rec["status"].tolist()[:3] == ["none", "unknown", "weak"] and rec["status"].dtype == object
    assert rec["lon"].tolist()[:3] == [103.5, pd.NA, 104.0] and str(rec["lon"].dtype) == "Float64"
    assert rec["commune_code"].tolist() == ["02692", "02692", "02695", pd.NA]
    no_coordinates = standardise_records(pd.DataFrame({"commune_code": ["1"], "technology": ["lan"], "status": ["x"],
                                                             "as_of": ["2024-01-01"]}).replace("x", "có"))
    assert str(no_coordinates["lon"].dtype) == "Float64" and no_coordinates["lon"].isna().all()


def test_total_rows_whatever_their_case_and_only_real_totals(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("Tên xã,Mã xã,Công nghệ,Trạng thái,Ngày\n"
                 "TỔNG CỘNG,,LAN,1,2024-06-30\n"
                 "cộng huyện Bát Xát,,LAN,1,2024-06-30\n"
                 "Công Bằng,2692,LAN,có,2024-06-30\n"
                 "Total,,fibre,2,2024-06-30\n"
                 "tong so,,LAN,3,2024-06-30\n", encoding="utf-8")
    rec = dxmap.read_records(p)
    assert rec["ignore_reason"].notna().tolist() == [True, True, False, True, True]
    assert rec.loc[2, "status"] == "covered" and rec.loc[0, "status"] is pd.NA


def test_a_file_of_nothing_but_totals_keeps_its_rows():
    raw = pd.DataFrame({"commune_name": ["Tổng cộng"], "technology": ["LAN"], "status": ["3"], "as_of": [""]})
    rec = standardise_records(raw)
    assert rec["ignore_reason"].tolist() == ["a total row (Tổng cộng)"]
    assert rec["level"].dtype == object and rec["level"].isna().all() and rec["technology"].isna().all()


def test_unknown_words_name_their_rows_in_a_large_file(tmp_path):
    p = tmp_path / "big.csv"
    rows = ["02692,LAN,có,2024-06-30"] * 5000
    rows[1234] = "02692,LAN,maybe,2024-06-30"
    rows[4321] = "02692,radio,có,2024-06-30"
    p.write_text("commune_code,technology,status,as_of\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(StatusValueError, match=r"1 unknown technology value\(s\): \"row 4323: 'radio'\".*\| .*"
                                                       r"1 unknown status value\(s\): \"row 1236: 'maybe'\""):
        dxmap.read_records(p)


@pytest.mark.parametrize("bad", [b"\xff", b"\xed\xa0\x80", b"\xc0\x80", b"\xe2\x82", b"\xf4\x90\x80\x80", b"\xe0\x9f\xbf"])
def test_bytes_that_are_not_utf8_fail_where_python_finds_them(bad):
    """The UTF-8 check (Arrow's) fails exactly where Python's decoder does, and with its error (the message names it)."""
    from dxmap.io.records import _check_utf8

    data = "Mã xã,Trạng thái\n02692,chưa có\n".encode() * 5000 + bad + b",none\n"
    with pytest.raises(UnicodeDecodeError) as python:
        data.decode("utf-8")
    with pytest.raises(UnicodeDecodeError) as ours:
        _check_utf8(data)
    assert (ours.value.reason, ours.value.start, ours.value.end) == (python.value.reason, python.value.start, python.value.end)
    _check_utf8(data[:-len(bad) - 6])  # the same without the bad bytes: no error

"""Reading records as district offices send them: provincial XLSX, headers in two languages, legacy text."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pandas as pd
import pytest

import dxmap
from dxmap.errors import SchemaError, UnmatchedRecordsError, UnsupportedFormatError
from dxmap.io.encodings import encode_text
from dxmap.io.records import sheet_names, as_records

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


def test_every_sheet_with_records_is_read_and_each_row_names_its_sheet(caplog):
    with caplog.at_level(logging.INFO, logger="dxmap"):
        every = dxmap.read_records(MESSY / "provincial.xlsx")
    assert "2 sheets hold records" in caplog.text
    assert every["file"].value_counts().to_dict() == {"provincial.xlsx [Bát Xát]": 7, "provincial.xlsx [Mường Khương]": 4}
    assert every["row"].tolist() == [7, 8, 9, 10, 11, 12, 13, 7, 8, 9, 10]


def test_sheet_choice():
    first = dxmap.read_records(MESSY / "provincial.xlsx", sheet="Bát Xát")
    assert len(first) == 7 and set(first["file"]) == {"provincial.xlsx"}
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
    with pytest.raises(UnsupportedFormatError, match="encoding='auto'"):
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


@pytest.mark.parametrize("header", ["Mã xã,Tecnología,Estado,Fecha", "Mã xã,Tecnologia,Estado,Fecha de corte",
                                    "Mã xã,Technologie,Statut,Date"])
def test_spanish_and_french_headers(tmp_path, header):
    """Session 32: a Spanish sheet's "Fecha", "Estado", "Tecnología" and a French one's "Statut", "Technologie" named
    no column: the file was refused for want of a status and a date column."""
    path = tmp_path / "es.csv"
    path.write_text(f"{header}\n2692,lan,covered,2024-06-30\n", encoding="utf-8")
    rec = dxmap.read_records(path)
    assert rec[["commune_code", "technology", "status"]].values.tolist() == [["02692", "lan", "covered"]]
    assert str(rec["as_of"].iloc[0])[:10] == "2024-06-30"


def test_each_header_spelling_names_one_column():
    """The one header table (validate.schema.HEADER_ALIASES): a spelling added for one column is no other's."""
    from dxmap.validate.schema import HEADER_ALIASES, header_key

    owners: dict[str, set[str]] = {}
    for column, spellings in HEADER_ALIASES.items():
        for spelt in spellings:
            owners.setdefault(header_key(spelt), set()).add(column)
    assert {k: c for k, c in owners.items() if len(c) > 1} == {}


def test_a_name_starting_with_tong_is_not_a_total(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("Tên thôn,Mã xã,Công nghệ,Trạng thái,Ngày\nTổng Chảo,2692,4G,đã có,2024-06-30\n", encoding="utf-8")
    assert dxmap.read_records(path)["ignore_reason"].isna().all()


def test_unknown_status_in_a_real_row_is_a_row_problem(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("Mã xã,Công nghệ,Trạng thái,Ngày\n2692,LAN,maybe,2024-06-30\nTổng cộng,,3,\n", encoding="utf-8")
    rec = dxmap.read_records(path)
    assert rec["problem"].iloc[0].startswith("unknown status 'maybe' in column 'Trạng thái'; accepted: covered ('yes'")
    assert pd.isna(rec["problem"].iloc[1]) and rec["ignore_reason"].iloc[1] == "a total row (Tổng cộng)"
    assert pd.isna(rec["status"].iloc[0]) and rec["technology"].iloc[0] == "lan"  # what could be read is kept


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
    no_coordinates = as_records(pd.DataFrame({"commune_code": ["1"], "technology": ["lan"], "status": ["x"],
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


def test_a_total_in_the_former_commune_column_is_a_total_row_not_a_blank_unit(tmp_path, caplog):
    """QA66 F10: ",,Cộng,11 thôn,,," under "STT, Xã mới, Xã cũ, Thôn/bản" was a row that names a unit with every
    technology blank, told to write "Chưa có" in its cells."""
    p = _csv(tmp_path, "STT,Xã mới,Xã cũ,Thôn/bản,Sóng di động 4G,Cáp quang,Ngày cập nhật\n"
                       "1,Xã Văn Bàn,Hoà Mạc,Thôn Nà Lộc,Có,Chưa có,25/11/2026\n,,Cộng,11 thôn,,,\n")
    with caplog.at_level(logging.INFO, logger="dxmap"):
        rec = dxmap.read_records(p)
    assert rec["ignore_reason"].tolist()[-1] == "a total row (Cộng)"
    assert "every technology column blank" not in caplog.text and "1 total, heading or empty row" in caplog.text


def test_a_total_in_the_stt_column_is_a_total_row_beside_a_count_of_villages(tmp_path, caplog):
    """QA68 N6: "Cộng: | | | 2 thôn" (the total in the STT column, a count where the village is) was a row that names
    a unit with every technology blank; "Tổng: 3 trạm" in a remark column beside a village stays the village's."""
    p = _csv(tmp_path, "STT,Xã mới,Xã cũ,Thôn/bản,Sóng di động 4G,Cáp quang,Ngày cập nhật,Ghi chú\n"
                       "1,Xã Văn Bàn,Hoà Mạc,Thôn Nà Lộc,Có,Chưa có,25/11/2026,\n"
                       "2,Xã Văn Bàn,Sơn Thuỷ,Thôn Đồng Chăn,Có,Có,25/11/2026,Tổng: 3 trạm\n"
                       "Cộng:,,,2 thôn,,,,\nTổng:,,,2 thôn,,,,\n")
    with caplog.at_level(logging.INFO, logger="dxmap"):
        rec = dxmap.read_records(p)
    assert rec.groupby("row")["ignore_reason"].first().fillna("").tolist() == ["", "", "a total row (Cộng:)",
                                                                               "a total row (Tổng:)"]
    assert "every technology column blank" not in caplog.text and "2 total, heading or empty rows" in caplog.text


def test_a_file_of_nothing_but_totals_keeps_its_rows():
    raw = pd.DataFrame({"commune_name": ["Tổng cộng"], "technology": ["LAN"], "status": ["3"], "as_of": [""]})
    rec = as_records(raw)
    assert rec["ignore_reason"].tolist() == ["a total row (Tổng cộng)"]
    assert rec["level"].dtype == object and rec["level"].isna().all() and rec["technology"].isna().all()


def test_unknown_words_name_their_rows_in_a_large_file(tmp_path):
    p = tmp_path / "big.csv"
    rows = ["02692,LAN,có,2024-06-30"] * 5000
    rows[1234] = "02692,LAN,maybe,2024-06-30"
    rows[4321] = "02692,radio,có,2024-06-30"
    p.write_text("commune_code,technology,status,as_of\n" + "\n".join(rows) + "\n", encoding="utf-8")
    rec = dxmap.read_records(p)
    bad = rec[rec["problem"].notna()]
    assert bad["row"].tolist() == [1236, 4323]
    assert bad["problem"].str.split(";").str[0].tolist() == ["unknown status 'maybe' in column 'status'",
                                                             "unknown technology 'radio'"]
    assert rec["status"].notna().sum() == 4999 and rec["technology"].notna().sum() == 4999


def test_bytes_that_are_not_utf8_are_decoded_as_their_legacy_encoding(tmp_path):
    p = tmp_path / "t.csv"
    p.write_bytes(encode_text("Tên xã,Công nghệ,Trạng thái,Ngày\nA Lù,LAN,Có,2024-06-30\n", "cp1258"))
    assert dxmap.read_records(p)["commune_name"].tolist() == ["A Lù"]


# --- wide sheets, one-technology files, mappings that cannot work ------------------------------------------

def _csv(tmp_path, text: str, name: str = "w.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_wide_csv_one_record_per_filled_cell_and_a_line_for_an_empty_row(tmp_path):
    p = _csv(tmp_path, "STT,Mã xã,Mạng LAN chuẩn,Di động (4G),Cáp quang (FTTH)\n"
                       "1,2692,Có,,chưa có\n2,2695,,,\n3,2710,Đang triển khai,Lõm sóng,x\n")
    rec = dxmap.read_records(p, as_of="30/06/2024")
    assert rec["row"].tolist() == [2, 2, 3, 4, 4, 4]
    assert rec["technology"].tolist()[:2] == ["lan", "fibre"] and rec["status"].tolist()[:2] == ["covered", "none"]
    assert rec["technology"].tolist()[3:] == ["lan", "mobile", "fibre"]
    assert rec["status"].tolist()[3:] == ["planned", "weak", "covered"]
    assert rec["level"].tolist()[3:] == ["commune", "village", "village"]
    assert rec["ignore_reason"].iloc[2].startswith("no status in any technology column ('Mạng LAN chuẩn', 'Di động (4G)'")
    assert rec.loc[rec["ignore_reason"].isna(), "as_of"].dt.strftime("%Y-%m-%d").unique().tolist() == ["2024-06-30"]


def test_unknown_word_in_a_wide_cell_names_its_column(tmp_path):
    p = _csv(tmp_path, "Mã xã,Mạng LAN chuẩn,Ngày\n2692,Broadband,30/06/2024\n")
    rec = dxmap.read_records(p)
    assert rec["problem"].item().startswith("unknown status 'Broadband' in column 'Mạng LAN chuẩn'; accepted:")


def test_a_long_file_for_one_technology(tmp_path):
    p = _csv(tmp_path, "Mã xã,Hiện trạng,Ngày\n2692,Có,30/06/2024\n2695,Chưa có,30/06/2024\n")
    rec = dxmap.read_records(p, technology="lan")
    assert rec["technology"].tolist() == ["lan", "lan"] and rec["status"].tolist() == ["covered", "none"]
    with pytest.raises(SchemaError, match="no technology column.*technology='lan'"):
        dxmap.read_records(p)
    both = _csv(tmp_path, "Mã xã,Công nghệ,Hiện trạng,Ngày\n2692,LAN,Có,30/06/2024\n", "both.csv")
    with pytest.raises(SchemaError, match="technology='lan' given, but the file has a technology column"):
        dxmap.read_records(both, technology="LAN")
    with pytest.raises(SchemaError, match="'radio' is not a technology"):
        dxmap.read_records(p, technology="radio")


@pytest.mark.parametrize("header, says", [
    ("Mã xã,Trạng thái,Tình trạng,Ngày",
     "no technology column, and 2 columns hold statuses: 'Trạng thái', 'Tình trạng'. If each is one technology's "
     "column, name its technology with wide={'Trạng thái': 'lan'}, and likewise for 'Tình trạng' (mobile, fibre or "
     "lan); if only 'Trạng thái' holds statuses, map a technology column with columns={'technology': 'Your header'}, "
     "or pass technology='lan' when every row is for one technology."),
    ("Mã xã,Cáp quang,Trạng thái,Ngày",
     "no technology column, and 2 columns hold statuses: 'Trạng thái', 'Cáp quang' (fibre). If each is one "
     "technology's column, name its technology with wide={'Trạng thái': 'lan'} (mobile, fibre or lan; 'Cáp quang' "
     "is read by its header); if only 'Trạng thái' holds statuses, map a technology column with "
     "columns={'technology': 'Your header'}, or pass technology='lan' when every row is for one technology."),
])
def test_several_status_columns_without_a_technology_column_are_all_named_with_the_fix(tmp_path, header, says):
    """QA: with two status-like columns the advice was only technology='lan', which reads one of them as LAN and
    drops the other (the fibre column of the second file)."""
    p = _csv(tmp_path, header + "\n2692,Có,Chưa có,30/06/2024\n")
    with pytest.raises(SchemaError) as err:
        dxmap.read_records(p)
    assert says in str(err.value)
    fix = {"Trạng thái": "lan"} if "Cáp quang" in header else {"Trạng thái": "mobile", "Tình trạng": "lan"}
    rec = dxmap.read_records(p, wide=fix)
    assert sorted(rec["technology"]) == sorted(["lan", "fibre" if "Cáp quang" in header else "mobile"])


def test_several_status_columns_advice_speaks_cli_on_the_command_line(tmp_path):
    from click.testing import CliRunner

    from dxmap.cli import main

    p = _csv(tmp_path, "Mã xã,Trạng thái,Tình trạng,Ngày\n2692,Có,Chưa có,30/06/2024\n")
    result = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(p), "-q"])
    assert result.exit_code == 1
    assert ("name its technology with --wide 'Trạng thái'=lan, and likewise for 'Tình trạng' (mobile, fibre or lan); "
            "if only 'Trạng thái' holds statuses, map a technology column with --column technology='Your header', or "
            "pass --technology lan when every row is for one technology.") in result.stderr


def test_a_status_column_named_by_its_technology(tmp_path):
    p = _csv(tmp_path, "Mã xã,Mạng LAN chuẩn,Ghi chú\n2692,Có,\n")
    rec = dxmap.read_records(p, columns={"status": "Mạng LAN chuẩn"}, as_of="2024-06-30")
    assert rec[["technology", "status"]].values.tolist() == [["lan", "covered"]]


def test_one_header_for_technology_and_status_says_why_it_cannot_work(tmp_path):
    p = _csv(tmp_path, "Mã xã,Mạng LAN chuẩn\n2692,Có\n")
    with pytest.raises(SchemaError, match=r"maps 'technology' and 'status' to the same header 'Mạng LAN chuẩn': one "
                                          r"column cannot hold both.*technology='lan'.*wide=\{'Mạng LAN chuẩn': 'lan'\}"):
        dxmap.read_records(p, columns={"technology": "Mạng LAN chuẩn", "status": "Mạng LAN chuẩn"}, as_of="2024-06-30")
    with pytest.raises(SchemaError, match="columns= names 'Tình hình', which the file does not have"):
        dxmap.read_records(p, columns={"status": "Tình hình"}, as_of="2024-06-30")


def test_wide_columns_named_by_the_user(tmp_path):
    p = _csv(tmp_path, "Mã xã,Hiện trạng xã,Tình hình thôn\n2692,Có,Chưa có\n")
    rec = dxmap.read_records(p, wide={"Hiện trạng xã": "lan", "Tình hình thôn": "cáp quang"}, as_of="2024-06-30")
    assert rec[["technology", "status"]].values.tolist() == [["lan", "covered"], ["fibre", "none"]]
    with pytest.raises(SchemaError, match="wide= names 'Ghi chú', which the file does not have"):
        dxmap.read_records(p, wide={"Ghi chú": "lan"}, as_of="2024-06-30")
    with pytest.raises(SchemaError, match="'wifi' is not a technology"):
        dxmap.read_records(p, wide={"Hiện trạng xã": "wifi"}, as_of="2024-06-30")


def test_one_column_per_operator_is_read_as_one_record_covered_when_any_operator_covers(tmp_path, caplog):
    """QA66 F8: "Viettel 4G | VNPT 4G | MobiFone 4G" were not read (a hint proposed =lan), and given as mobile they
    were three records of one village, the first column's kept: Bản Pao, covered by VNPT, counted as a gap."""
    p = _csv(tmp_path, "Xã,Thôn/bản,Viettel 4G,VNPT 4G,MobiFone 4G,Cáp quang,Ngày cập nhật\n"
                       "Y Tý,Bản Khấu,Có,Chưa có,Chưa có,Có,20/11/2026\n"
                       "Y Tý,Bản Nậm,Chưa có,Chưa có,Chưa có,Chưa có,20/11/2026\n"
                       "Y Tý,Bản Pao,Chưa có,Có,Lõm sóng,Chưa có,20/11/2026\n"
                       "Y Tý,Bản Mế,Chưa có,Chưa rõ,Lõm sóng,,20/11/2026\n"
                       "Y Tý,Bản Tả,,Có kế hoạch,,,20/11/2026\n")
    with caplog.at_level(logging.INFO, logger="dxmap"):
        rec = dxmap.read_records(p)
    mobile = rec[rec["technology"].eq("mobile")]
    assert mobile["village_name"].tolist() == ["Bản Khấu", "Bản Nậm", "Bản Pao", "Bản Mế", "Bản Tả"]  # one record each
    assert mobile["status"].tolist() == ["covered", "none", "covered", "weak", "planned"]
    assert rec["technology"].value_counts().to_dict() == {"mobile": 5, "fibre": 3}
    # every cell is still there: the note gives each operator's when they differ
    assert mobile["note"].tolist()[2] == "Viettel 4G: Chưa có; VNPT 4G: Có; MobiFone 4G: Lõm sóng"
    assert mobile["note"].isna().tolist() == [False, True, False, False, True]  # all alike, or only one filled
    said = [r.getMessage() for r in caplog.records if "3 columns read as mobile" in r.getMessage()]
    assert len(said) == 1 and "'Viettel 4G', 'VNPT 4G', 'MobiFone 4G'" in said[0]
    assert "a village counts as covered when any of them says so" in said[0]
    # the same, given with wide= for headers that name no operator
    q = _csv(tmp_path, "Xã,Thôn/bản,Nhà mạng A,Nhà mạng B,Ngày cập nhật\nY Tý,Bản Pao,Chưa có,Có,20/11/2026\n", "q.csv")
    rec = dxmap.read_records(q, wide={"Nhà mạng A": "mobile", "Nhà mạng B": "mobile"})
    assert rec[["technology", "status"]].values.tolist() == [["mobile", "covered"]]


def test_a_blank_row_of_operators_columns_names_them_all(tmp_path, caplog):
    """Session 32: a row whose operators' columns were all blank was said to leave "('Viettel 4G')" blank, the column
    the other rows' records came from, not the VNPT and MobiFone columns beside it."""
    p = _csv(tmp_path, "Xã,Thôn/bản,Viettel 4G,VNPT 4G,MobiFone 4G,Cáp quang,Ngày cập nhật\n"
                       "Y Tý,Bản Khấu,Có,Chưa có,,Có,20/11/2026\n"
                       "Y Tý,Bản Nậm,,,,,20/11/2026\n")
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        dxmap.read_records(p)
    said = [r.getMessage() for r in caplog.records if "every technology column blank" in r.getMessage()]
    assert len(said) == 1 and "('Viettel 4G', 'VNPT 4G', 'MobiFone 4G', 'Cáp quang')" in said[0], said


def test_an_unknown_word_among_operators_columns_is_reported_unless_another_says_covered(tmp_path):
    p = _csv(tmp_path, "Xã,Thôn/bản,Viettel 4G,VNPT 4G,Ngày cập nhật\n"
                       "Y Tý,Bản Khấu,Chưa có,sóng chập chờn lắm,20/11/2026\n"
                       "Y Tý,Bản Nậm,Có,xyz,20/11/2026\n"
                       "Y Tý,Bản Mế,,,20/11/2026\n")
    rec = dxmap.read_records(p)
    assert pd.isna(rec["status"].iloc[0]) and rec["status"].iloc[1] == "covered"
    # covered all the same: the other cell is kept, said not understood (QA68 N12)
    assert rec["note"].iloc[1] == "Viettel 4G: Có; VNPT 4G: xyz (?)"
    assert "unknown status 'sóng chập chờn lắm' in column 'VNPT 4G'" in rec["problem"].iloc[0]
    assert "('Viettel 4G', 'VNPT 4G')" in rec["ignore_reason"].iloc[2]


def test_a_cell_not_understood_among_operators_never_voids_a_covered_row_and_all_are_named(tmp_path, caplog):
    """QA68 N12: one operator's cell not understood ("đang lắp", "?", a typo) beside another's "Có": the row is
    covered, the cell noted on the row and said with its row and column; a row no column says covered is not read,
    every cell not understood named, its cells kept as typed."""
    p = _csv(tmp_path, "Xã,Thôn/bản,Viettel 4G,VNPT 4G,MobiFone 4G,Ngày cập nhật\n"
                       "Y Tý,Bản Khấu,đang lắp,Có,Chưa có,20/11/2024\n"
                       "Y Tý,Bản Nậm,Lõm sóng,đang lắp,Cóo,20/11/2024\n"
                       "Y Tý,Bản Pao,?,Chưa có,,20/11/2024\n")
    with caplog.at_level(logging.INFO, logger="dxmap"):
        rec = dxmap.read_records(p)
    assert rec["status"].tolist()[0] == "covered" and pd.isna(rec["status"].iloc[1]) and rec["status"].iloc[2] == "none"
    assert rec["note"].iloc[0] == "Viettel 4G: đang lắp (?); VNPT 4G: Có; MobiFone 4G: Chưa có"
    assert rec["problem"].isna().tolist() == [True, False, True]
    assert rec["problem"].iloc[1].startswith("unknown status 'đang lắp' in column 'VNPT 4G' and 'Cóo' in column "
                                             "'MobiFone 4G', and no other column says covered")
    assert rec["status_typed"].iloc[1] == "Viettel 4G: Lõm sóng; VNPT 4G: đang lắp; MobiFone 4G: Cóo"
    assert ("1 row read as covered by a column that says so, beside a cell not understood (marked “(?)” in the row's "
            "note): row 2 ('Viettel 4G': 'đang lắp')") in caplog.text
    assert "2 unknown status words: 'đang lắp' (rows 2, 3), 'Cóo' (row 3)" in caplog.text
    with caplog.at_level(logging.INFO, logger="dxmap"):
        vi = dxmap.read_records(p, lang="vi")
    assert vi["note"].tolist() == rec["note"].tolist()  # the record's text is the same in every language
    assert "và không cột nào khác ghi có" in vi["problem"].iloc[1]


def test_a_column_not_read_is_proposed_as_the_technology_its_header_mentions(tmp_path, caplog):
    """QA66 F8: the hint for "Trạm Viettel 4G" proposed =lan; it mentions 4G."""
    p = _csv(tmp_path, "Mã xã,Cáp quang,Trạm Viettel 4G,Ngày\n2692,Có,Có,30/06/2024\n2695,Có,Chưa có,30/06/2024\n")
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        dxmap.read_records(p)
    assert "wide={'Trạm Viettel 4G': 'mobile'}" in caplog.text


def test_no_status_at_all_is_a_file_problem(tmp_path):
    p = _csv(tmp_path, "Mã xã,Ghi chú,Ngày\n2692,ok,30/06/2024\n")
    with pytest.raises(SchemaError, match=r"no status column.*columns=\{'status': 'Your header'\}.*"
                                          r"wide=\{'Your header': 'lan'\}.*headers are 'Mã xã', 'Ghi chú', 'Ngày'"):
        dxmap.read_records(p)


def test_rows_that_identify_no_unit_or_have_bad_coordinates_are_row_problems(tmp_path):
    p = _csv(tmp_path, "Mã xã,Công nghệ,Trạng thái,Ngày,Kinh độ,Vĩ độ,Ghi chú\n"
                       "2692,LAN,Có,30/06/2024,,,\n,LAN,Có,30/06/2024,,,ghi chú\n,LAN,Có,30/06/2024,abc,22.5,\n")
    rec = dxmap.read_records(p)
    assert pd.isna(rec["problem"].iloc[0])
    assert rec["problem"].iloc[1] == ("nothing identifies the unit: no commune code or name, village code, or longitude "
                                      "and latitude")
    assert rec["problem"].iloc[2].startswith("longitude 'abc' is not a number: write it in decimal degrees, e.g. "
                                             "103.85; nothing identifies")


def test_coordinates_not_read_are_written_back_as_typed(tmp_path):
    """QA61 11: the outcomes file lost a position typed in degrees and minutes, and its reason showed a backslash."""
    p = _csv(tmp_path, "Tên điểm;Kinh độ;Vĩ độ;Công nghệ;Trạng thái;Ngày\n"
                       "Trạm A;103,5932;22,7031;LAN;Có;30/6/2024\nTrạm C;103°35'33\"E;22°42'11\"N;LAN;Có;30/6/2024\n")
    rec = dxmap.read_records(p)
    assert rec["lon_typed"].tolist()[1] == "103°35'33\"E" and pd.isna(rec["lon_typed"].iloc[0])
    assert rec["problem"].iloc[1].startswith("longitude “103°35'33\"E” is not a number")
    out = dxmap.write_outcomes(dxmap.reconcile(rec, dxmap.bundled_communes()), tmp_path / "o.csv", lang="en")
    back = pd.read_csv(out, dtype=str)
    assert back.loc[1, "lon"] == "103°35'33\"E" and back.loc[1, "lat"] == "22°42'11\"N"


def _marks_workbook(path, rows):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["B1"], ws["C1"], ws["E1"] = "Mã xã", "Tên thôn", "Di động (4G)", "Cáp quang (FTTH)"
    ws.merge_cells("A1:A2"), ws.merge_cells("B1:B2"), ws.merge_cells("C1:D1"), ws.merge_cells("E1:F1")
    ws["C2"], ws["D2"], ws["E2"], ws["F2"] = "Có", "Chưa có", "Có", "Chưa có"
    for r in rows:
        ws.append(r)
    wb.save(path)


def test_marked_sub_columns_one_mark_per_technology(tmp_path):
    path = tmp_path / "marks.xlsx"
    _marks_workbook(path, [["02692", "Thôn 1", "x", None, None, "✓"],
                           ["02692", "Thôn 2", "x", "x", None, None],
                           ["02692", "Thôn 3", None, "?", "X", None]])
    rec = dxmap.read_records(path, as_of="2024-06-30")
    assert rec["row"].tolist() == [3, 3, 4, 5, 5]
    assert rec["technology"].tolist() == ["mobile", "fibre", "mobile", "mobile", "fibre"]
    assert rec["status"].tolist()[:2] == ["covered", "none"] and rec["status"].tolist()[4] == "covered"
    assert rec["problem"].iloc[2] == "Di động (4G): 'Có' and 'Chưa có' are both marked; mark one"
    assert rec["problem"].iloc[3].startswith("Di động (4G): 'Chưa có': '?' is not a mark; mark one sub-column with x")
    assert rec["problem"].notna().sum() == 2


def test_unicode_text_from_excel_is_utf16_not_tcvn3(tmp_path):
    p = tmp_path / "unicode.txt"
    p.write_bytes("Mã xã\tTên xã\tMạng LAN chuẩn\tNgày\r\n02692\tA Lù\tChưa có\t30/06/2024\r\n".encode("utf-16"))
    rec = dxmap.read_records(p)
    assert rec[["commune_name", "technology", "status"]].values.tolist() == [["A Lù", "lan", "none"]]
    assert rec["as_of"].dt.strftime("%Y-%m-%d").tolist() == ["2024-06-30"]


@pytest.mark.parametrize("data", [b"\xfe\xff\x00", "Mã xã\tTên xã\r\n".encode("utf-16")[:-1]])
def test_a_byte_order_mark_before_bytes_of_another_kind_is_an_error_that_says_so(tmp_path, data):
    """Found by the fuzz test: a UTF-16 BOM and then an odd number of bytes (a file cut short) was an internal error."""
    p = tmp_path / "cut.csv"
    p.write_bytes(data)
    with pytest.raises(UnsupportedFormatError, match="starts with a UTF-16 byte-order mark but is not UTF-16 text"):
        dxmap.read_records(p, as_of="2024-06-30")


def test_a_heading_merged_across_the_table_is_one_ignored_row(tmp_path):
    import openpyxl

    path = tmp_path / "h.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Mã xã", "Tên xã", "Mạng LAN chuẩn"])
    ws.append(["I. Huyện Bát Xát"])
    ws.merge_cells("A2:C2")
    ws.append(["02692", "A Lù", "Có"])
    wb.save(path)
    rec = dxmap.read_records(path, as_of="2024-06-30")
    assert rec["row"].tolist() == [2, 3] and rec["ignore_reason"].notna().tolist() == [True, False]
    assert rec["status"].tolist()[1] == "covered" and rec["problem"].isna().all()
    assert rec["ignore_reason"].iloc[0] == "a heading row ('I. Huyện Bát Xát' merged across A2:C2): no record"


_WIDE_HEADER = ["STT", "Mã xã", "Tên xã", "Sóng di động", "Cáp quang", "Mạng LAN"]
_NO_STATUS = "no status in any technology column ('Sóng di động', 'Cáp quang', 'Mạng LAN'): no record, the unit stays unknown"


def test_a_merged_heading_and_a_footer_note_are_said_to_be_headings_not_units(tmp_path):
    """QA: "I | Xã A Lù" merged across the table, and a footer "Ghi chú: …", were "no status … the unit stays unknown",
    with the heading in commune_code; a real commune without any status keeps that reason."""
    import openpyxl

    path = tmp_path / "h.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (_WIDE_HEADER, ["I", "Xã A Lù"], [1, "02692", "A Lù", "Có", "Chưa có"], [2, "02695", "Trịnh Tường"],
                [None, "Ghi chú: số liệu tạm tính"]):
        ws.append(row)
    ws.merge_cells("B2:F2")
    wb.save(path)
    rec = dxmap.read_records(path, as_of="2024-06-30")
    assert rec["row"].tolist() == [2, 3, 3, 4, 5] and rec["problem"].isna().all()
    assert rec["ignore_reason"].iloc[[0, 3, 4]].tolist() == [
        "a heading row ('Xã A Lù' merged across B2:F2): no record", _NO_STATUS,
        "a heading or note row ('Ghi chú: số liệu tạm tính'): no record"]
    assert rec["commune_code"].iloc[[0, 3, 4]].isna().tolist() == [True, False, True]  # the heading is not a code


def test_heading_and_note_lines_of_a_csv_are_headings_not_lines_cut_short(tmp_path):
    """The same sheet saved as CSV: "I,Xã A Lù" was invalid ("the line has 2 of the header's 6 cells (cut short?)");
    a line with only a commune code is still cut short, and a commune named without status is still a unit."""
    p = _csv(tmp_path, ",".join(_WIDE_HEADER) + "\nI,Xã A Lù\n1,02692,A Lù,Có,Chưa có,\n2,02695,Trịnh Tường,,,\n"
             ",Ghi chú: số liệu tạm tính,,,,\n3,02698\n,Ghi chú: dòng cuối\n")
    rec = dxmap.read_records(p, as_of="2024-06-30")
    assert rec["row"].tolist() == [2, 3, 3, 4, 5, 6, 7]
    reasons = rec["ignore_reason"].tolist()
    assert reasons[0] == "a heading or note row ('Xã A Lù'): no record" and reasons[3] == _NO_STATUS
    assert reasons[4] == "a heading or note row ('Ghi chú: số liệu tạm tính'): no record"
    assert reasons[6] == "a heading or note row ('Ghi chú: dòng cuối'): no record"
    assert pd.isna(reasons[5]) and rec["problem"].iloc[5].startswith("the line has 2 of the header's 6 cells (cut short?)")
    assert rec["problem"].notna().tolist() == [False] * 5 + [True, False]


def test_a_heading_in_a_long_file_is_said_to_be_a_heading(tmp_path):
    p = _csv(tmp_path, "Mã xã,Công nghệ,Trạng thái,Ngày\nXã A Lù,,,\n02692,LAN,Có,30/06/2024\n,,,30/06/2024\n")
    rec = dxmap.read_records(p)
    assert rec["ignore_reason"].tolist()[0] == "a heading or note row ('Xã A Lù'): no record"
    assert rec["ignore_reason"].tolist()[2] == "no technology and no status: a heading or empty row"
    assert pd.isna(rec["commune_code"].iloc[0]) and rec["problem"].isna().all()



def test_a_row_in_one_cell_is_reported_not_ignored_as_a_heading(tmp_path, demo):
    """QA44 H1: a comma file's line pasted into a semicolon file (one cell under Mã xã) was ignored as "a heading or
    note row", without a word, and so was a CSV line pasted into one cell of a sheet. Each is invalid, said once (no
    "no date", no "nothing identifies the unit" after it); a note that lists the status words stays a note."""
    import openpyxl

    p = tmp_path / "mk.csv"
    p.write_text("\ufeffMã xã;Tên xã;Tên thôn;Công nghệ;Trạng thái;Ngày báo cáo\n"
                 ";Pha Long;Bản Chồ;Cáp quang;Đã có;15/09/2024\n"
                 ",Pha Long,Bản Sừ Séo,Cáp quang,Đã có,15/09/2024\n"
                 "Ghi chú: Có, Chưa có, Đang triển khai;;;;;\n", encoding="utf-8")
    said = ("the row's cells are all in column 'Mã xã', separated by ',' (',Pha Long,Bản Sừ Séo,Cáp quang,Đã có,"
            "15…'): put each value in its column")
    rec = dxmap.read_records(p)
    assert rec["problem"].fillna("").tolist() == ["", said, ""] and rec["commune_code"].isna().tolist() == [True] * 3
    assert rec["ignore_reason"].tolist()[2] == "a heading or note row ('Ghi chú: Có, Chưa có, Đang triển khai'): no record"
    out = dxmap.reconcile(rec, demo.communes, demo.villages)
    assert out["outcome"].tolist() == ["matched", "invalid", "ignored"] and out["reason"].iloc[1] == said
    book = tmp_path / "mk.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Mã xã", "Công nghệ", "Trạng thái", "Ngày"])
    wb.active.append(["02692", "LAN", "Có", "30/06/2024"])
    wb.active.append(["02695;LAN;Chưa có;30/06/2024"])
    wb.save(book)
    rec = dxmap.read_records(book, lang="vi")
    assert rec["problem"].fillna("").tolist() == ["", "mọi ô của dòng nằm chung trong cột 'Mã xã', cách nhau bởi ';' "
                                             "('02695;LAN;Chưa có;30/06/2024'): hãy đưa mỗi giá trị về đúng cột của nó"]


def test_a_row_in_one_cell_is_reported_in_a_wide_sheet_quoted_or_beside_its_number(tmp_path):
    """QA46 H2: a wide sheet's line has no technology word nor date (its parts are as many as the columns), a quoted
    line, a line beside its STT number: each was ignored without a word. Notes that list technology and status words
    stay notes (QA46 M3: my first version made them invalid, and the runs stopped)."""
    import openpyxl

    wide = tmp_path / "w.csv"
    wide.write_text("Mã xã;Tên xã;Sóng 4G;Cáp quang;Mạng LAN\n02692;A Lù;Có;Có;Chưa có\n02686,A Mú Sung,Có,Chưa có,Có\n",
                    encoding="utf-8")
    rec = dxmap.read_records(wide, as_of="2024-06-30")
    assert rec.loc[rec["row"].eq(3), "problem"].str.startswith("the row's cells are all in column 'Mã xã'").all()
    book = tmp_path / "b.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["STT", "Mã xã", "Tên xã", "Công nghệ", "Trạng thái", "Ngày"])
    ws.append([1, "02692", "A Lù", "LAN", "Có", "30/06/2024"])
    ws.append([None, '"02686","A Mú Sung","LAN","Chưa có","30/06/2024"'])
    ws.append([3, "02689,Nậm Chạc,LAN,Có,30/06/2024"])
    notes = ("Ghi chú: Hạ tầng gồm 4G, Cáp quang, LAN; trạng thái ghi Có, Chưa có, Đang triển khai",
             "Chú thích: Có | Chưa có | 4G", "Ghi chú: Có, Chưa có, 30/06/2024",
             # legends under a small sheet (QA47: a rule by the count of columns made them invalid, and runs stopped)
             "Chú giải: Có, Chưa có, Đang triển khai", "Trạng thái: Có, Chưa có, Đang triển khai", "Ký hiệu: x, 0, ?",
             "(*) Các cột 4G, Cáp quang, LAN ghi: Có, Chưa có", "1. Ghi chú: Có, Chưa có, Đang triển khai",
             "Trong đó: Có 15, Chưa có 5", "Số liệu: Viettel, VNPT, Mobifone")
    for note in notes:
        ws.append([None, note])
    wb.save(book)
    rec = dxmap.read_records(book)
    said = rec.set_index("row")
    assert said.loc[[3, 4], "problem"].str.startswith("the row's cells are all in column 'Mã xã', separated by ','").all()
    kept = list(range(5, 5 + len(notes)))
    assert said.loc[kept, "problem"].isna().all()
    statistics = [5 + notes.index("Trong đó: Có 15, Chưa có 5")]
    assert said.loc[statistics, "ignore_reason"].str.startswith("a total row").all()  # QA61 10: a statistics row
    assert said.loc[[k for k in kept if k not in statistics], "ignore_reason"].str.startswith(
        "a heading or note row").all()


@pytest.mark.parametrize(("pasted", "rows"), [
    (['"02686,""A Mú Sung"",LAN,Chưa có,30/06/2024"'], 2),  # a comma line with a quoted cell, quoted again
    (['"02686,A Mú Sung,LAN,Chưa có,30/06/2024"', '"02689,Nậm Chạc,LAN,Có,30/06/2024"'], 1),  # more than the rows
])
def test_quoted_comma_lines_do_not_decide_a_semicolon_files_delimiter(tmp_path, pasted, rows):
    """QA46: comma lines pasted quoted into a semicolon file made csv.Sniffer take the comma, and the whole file
    failed with "no status column". The delimiter is the one that splits the most lines alike."""
    p = tmp_path / "semi.csv"
    lines = ["02692;A Lù;LAN;Có;30/06/2024", "02695;Y Tý;LAN;Chưa có;30/06/2024"][:rows]
    p.write_text("\n".join(["Mã xã;Tên xã;Công nghệ;Trạng thái;Ngày", *pasted, *lines]) + "\n", encoding="utf-8")
    rec = dxmap.read_records(p).set_index("row")
    packed = list(range(2, 2 + len(pasted)))
    assert rec.loc[packed, "problem"].str.startswith("the row's cells are all in column 'Mã xã', separated by ','").all()
    assert rec.drop(index=packed)["commune_code"].tolist() == ["02692", "02695"][:rows]
    assert rec.drop(index=packed)["problem"].isna().all()


@pytest.mark.parametrize(("text", "outcomes"), [
    # QA48 F1: a semicolon file whose last cell is left off on some rows, with decimal commas: every data line split
    # alike by the comma, and the whole file failed
    ("Mã xã;Tên xã;Trạng thái LAN;Ngày cập nhật;Tỷ lệ (%);Ghi chú\n02692;A Lù;Có;30/06/2024;95,5;Đã nghiệm thu\n"
     "02695;Trịnh Tường;Chưa có;30/06/2024;12,5\n02686;A Mú Sung;Có;30/06/2024;88,0\n", {"matched": 3}),
    # F2: a comma file whose notes all hold "a; b", two names an unquoted comma: those two are invalid, as before
    ("Mã xã,Tên xã,Trạng thái LAN,Ngày cập nhật,Ghi chú\n02692,A Lù,Có,30/06/2024,Máy chủ; switch\n"
     "02695,Trịnh Tường, Bát Xát,Chưa có,30/06/2024,Thiếu máy; chưa nối\n02686,A Mú Sung,Có,30/06/2024,Đã lắp; xong\n"
     "02689,Nậm Chạc, Bát Xát,Có,30/06/2024,5 máy; 1 switch\n02701,Y Tý,Có,30/06/2024,Đủ; tốt\n",
     {"matched": 3, "invalid": 2}),
    # F9: comma lines pasted unquoted into a semicolon file, more of them than its own rows (or into a tab file)
    ("Mã xã;Tên xã;Trạng thái LAN;Ngày cập nhật\n02692;A Lù;Có;30/06/2024\n02689,Nậm Chạc,Có,30/06/2024\n"
     "02701,Y Tý,Chưa có,30/06/2024\n02704,Cốc Mỳ,Có,30/06/2024\n", {"matched": 1, "invalid": 3}),
    ("Mã xã\tTên xã\tTrạng thái LAN\tNgày cập nhật\n02692\tA Lù\tCó\t30/06/2024\n02689,Nậm Chạc,Có,30/06/2024\n"
     "02701,Y Tý,Có,30/06/2024\n", {"matched": 1, "invalid": 2}),
    # QA49: a title or a legend that lists column words under another separator is no header: a header has a row of
    # cells under it
    ("Danh sách theo Xã, Thôn, Trạng thái, Ngày cập nhật\nMã xã;Trạng thái LAN;Ngày\n02692;Có;30/06/2024\n"
     "02695;Chưa có;30/06/2024\n", {"matched": 2}),
    ("Tên xã;Mạng LAN;Ngày\nA Lù;Có;30/06/2024\nTrịnh Tường;Chưa có;30/06/2024\nChú thích: 4G, Cáp quang, LAN, Ngày\n",
     {"matched": 2, "ignored": 1}),
    ("Tên xã,Trạng thái LAN,Ngày\nA Lù,Có,30/06/2024\nTrịnh Tường,Chưa có,30/06/2024\n"
     "Ghi chú: theo mẫu; Ngày; Thôn; Huyện\n", {"matched": 2, "ignored": 1}),
])
def test_the_separator_is_the_one_that_reads_the_header(tmp_path, demo, text, outcomes):
    """The separator is the one under which a line names the most of dxmap's columns; the lines that split alike
    only break a tie (QA48 caught a first rule by lines alike alone, under which two files that read failed whole)."""
    path = tmp_path / "r.csv"
    path.write_text(text, encoding="utf-8")
    out = dxmap.reconcile(dxmap.read_records(path), demo.communes, demo.villages)
    assert out["outcome"].value_counts().to_dict() == outcomes


@pytest.mark.parametrize("above", ["\n" * 25, ";;;;\n" * 29, "BÁO CÁO HIỆN TRẠNG, QUÝ II/2024\n" + "\n" * 40])
def test_a_header_under_many_empty_lines_is_found(tmp_path, above):
    """QA48 F10: empty lines above the header (typed, or ";;;" as Excel saves empty rows) counted towards the 30 rows
    searched, and a header under 20 to 30 of them was not found: the file failed with "no status column"."""
    path = tmp_path / "r.csv"
    path.write_text(above + "Mã xã;Tên xã;Trạng thái LAN;Ngày\n02692;A Lù;Có;30/06/2024\n02695;Y Tý;Chưa có;30/06/2024\n",
                    encoding="utf-8")
    assert dxmap.read_records(path)["commune_code"].tolist() == ["02692", "02695"]


def test_a_sheet_s_header_under_many_empty_rows_is_found(tmp_path):
    import openpyxl

    book = tmp_path / "b.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "BIỂU 01"
    for col, text in enumerate(["Mã xã", "Trạng thái LAN", "Ngày"], start=1):
        wb.active.cell(row=45, column=col, value=text)
    for col, text in enumerate(["02692", "Có", "30/06/2024"], start=1):
        wb.active.cell(row=46, column=col, value=text)
    wb.save(book)
    rec = dxmap.read_records(book)
    assert rec["commune_code"].tolist() == ["02692"] and rec["row"].tolist() == [46]


def test_technology_columns_under_a_merged_group_header(tmp_path):
    """QA: "Hiện trạng hạ tầng" merged over "Sóng di động | Cáp quang | Mạng LAN" was read as the header three times
    (it names the status); the run stopped, and its advice (--technology lan) read the mobile column as LAN."""
    import openpyxl

    path = tmp_path / "group.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["BIỂU TỔNG HỢP HIỆN TRẠNG HẠ TẦNG SỐ"])
    ws.append(["STT", "Đơn vị hành chính", None, "Hiện trạng hạ tầng", None, None, "Ghi chú"])
    ws.append([None, "Mã xã", "Tên xã", "Sóng di động", "Cáp quang", "Mạng LAN"])
    ws.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"])
    ws.append([1, 2692, "A Lù", "Chưa có", "Có", "Lõm sóng"])
    for cells in ("A1:G1", "A2:A3", "B2:C2", "D2:F2", "G2:G3"):
        ws.merge_cells(cells)
    wb.save(path)
    rec = dxmap.read_records(path, as_of="2024-06-30")
    assert rec[["technology", "status"]].values.tolist() == [["mobile", "none"], ["fibre", "covered"], ["lan", "weak"]]
    assert rec["row"].tolist() == [5, 5, 5] and rec["commune_code"].tolist() == ["02692"] * 3

# --- hostile and broken files: the row a person sees, rows cut short, sheets, formulas, what a file really is --------

def _lines(tmp_path, *lines: str, name: str = "r.csv"):
    path = tmp_path / name
    path.write_text("commune_code,technology,status,as_of,note\n" + "".join(lines), encoding="utf-8")
    return path


def test_rows_keep_their_line_after_blank_lines_and_line_breaks_in_cells(tmp_path):
    rec = dxmap.read_records(_lines(tmp_path, "02692,lan,none,2024-06-30,\n", "\n", "\n",
                                    '02695,lan,none,2024-06-30,"two\nlines"\n', "02698,lan,none,2024-06-30,\n"))
    assert rec["row"].tolist() == [2, 5, 7] and rec["commune_code"].tolist() == ["02692", "02695", "02698"]
    assert rec["problem"].isna().all()


def test_a_line_cut_short_is_a_row_problem_not_a_heading(tmp_path):
    rec = dxmap.read_records(_lines(tmp_path, "02692,lan,none,2024-06-30\n", "02695,lan\n", "Tổng cộng\n"))
    assert rec["row"].tolist() == [2, 3, 4]
    assert pd.isna(rec["problem"].iloc[0])  # only the note is missing: not needed
    assert rec["problem"].iloc[1].startswith("the line has 2 of the header's 5 cells (cut short?): no 'status'")
    assert pd.isna(rec["ignore_reason"].iloc[1]) and rec["ignore_reason"].iloc[2].startswith("a total row")


def test_a_section_heading_of_one_cell_under_stt_is_ignored_and_cong_thanh_pho_is_a_total(tmp_path):
    """As a district office's wide sheet has them (Yên Bái): "I. Thành phố Yên Bái" alone on its line, under the
    STT column, is a heading (it was "cut short?", invalid); "Cộng thành phố …" and "Cộng TX …" are totals."""
    p = tmp_path / "yb.csv"
    p.write_text("STT,Huyện/TX/TP,Mã xã,Tên xã,Mạng LAN chuẩn,Ngày cập nhật\n"
                 "I. Thành phố Yên Bái\n"
                 "1,TP Yên Bái,04249,Yên Thịnh,có,30/06/2025\n"
                 "Cộng thành phố yên bái,,,,,\n"
                 "II. Thị xã Nghĩa Lộ\n"
                 "2,TX Nghĩa Lộ,04279,Phường Pú Trạng,chưa có,30/06/2025\n"
                 "Cộng TX Nghĩa Lộ,,,,1,\n"
                 "3,TX Nghĩa Lộ,04282\n", encoding="utf-8")
    rec = dxmap.read_records(p)
    assert rec["row"].tolist() == [2, 3, 4, 5, 6, 7, 8]
    reasons = rec["ignore_reason"].tolist()
    assert [None if pd.isna(r) else r.split(" (")[0].split(":")[0] for r in reasons] == [
        "a heading or note row", None, "a total row", "a heading or note row", None, "a total row", None]
    assert reasons[0] == "a heading or note row ('I. Thành phố Yên Bái'): no record"
    assert rec["district_name"].tolist()[1] == "TP Yên Bái"  # the header Huyện/TX/TP is the district
    assert rec["problem"].notna().tolist() == [False] * 6 + [True]  # a line of three cells is still cut short
    assert rec["problem"].iloc[6].startswith("the line has 3 of the header's 6 cells (cut short?)")


def test_more_cells_than_the_header_and_a_quote_never_closed_are_row_problems(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        rec = dxmap.read_records(_lines(tmp_path, "02692,lan,none,2024-06-30,a,b\n",
                                        '02695,lan,none,2024-06-30,"oops\n', "02698,lan,none,2024-06-30,\n",
                                        "02701,lan,none,2024-06-30,\n"))
    assert rec["row"].tolist() == [2, 3]  # rows 4 and 5 are inside the open quote of row 3, which says so
    assert rec["problem"].iloc[1] == ("a quote (\") opens a cell in column 'note' (line 3) and is never closed: 2 lines "
                                      "(4–5) are inside it, like rows of their own, not read: close the quote")
    # QA21 L7: the extra cell is in the note, the last column: the record is whole, and a warning says so
    assert pd.isna(rec["problem"].iloc[0]) and rec["note"].iloc[0] == "a,b" and rec["status"].iloc[0] == "none"
    assert ("r.csv: 1 row has more cells than the header, most likely because of a comma in the last column ('note'): "
            "the extra text is joined to it (row 2); check it") in caplog.text


def test_a_quote_never_closed_in_the_status_column_is_said_alone(tmp_path, caplog):
    """QA60 2: the swallowed lines were not named, and the row's unknown status and missing date brought hints
    (--status-word 'the swallowed lines'=none, --records-date) that would have got the run through without them."""
    with caplog.at_level(logging.INFO, logger="dxmap"):
        rec = dxmap.read_records(_lines(tmp_path, "02692,lan,covered,2024-06-30,ok\n",
                                        '02689,lan,"none,2024-06-30,c\n', "02659,lan,none,2024-06-30,d\n",
                                        "02641,lan,none,2024-06-30,d\n"))
    assert rec["problem"].iloc[1] == ("a quote (\") opens a cell in column 'status' (line 3) and is never closed: "
                                      "2 lines (4–5) are inside it, like rows of their own, not read: close the quote")
    assert "status_words=" not in caplog.text and "no date" not in caplog.text


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_more_cells_than_the_header_spoil_the_row_when_the_last_column_is_read(tmp_path, lang):
    """The comma may be in any cell: when the last column is one the record needs, its value is not trusted."""
    path = tmp_path / "d.csv"
    path.write_text("commune_code,technology,note,status\n02692,lan,a,b,none\n02695,lan,,covered\n", encoding="utf-8")
    rec = dxmap.read_records(path, as_of="2024-06-30", lang=lang)
    said = {"en": "5 cells, but the header has 4, perhaps because a cell holds a comma: the extra text ('none') is "
                  "joined to the last column ('status'); check this row",
            "vi": "dòng có 5 ô, trong khi dòng tiêu đề cột chỉ có 4 ô, có lẽ vì một ô có dấu phẩy: phần thừa ('none') "
                  "được ghi nối vào cột cuối ('status'); hãy kiểm tra lại dòng này"}[lang]
    assert rec["problem"].iloc[0].startswith(said) and pd.isna(rec["problem"].iloc[1])


@pytest.mark.parametrize(("content", "says"), [
    (b"", "the file is empty"),
    (b'{"type": "FeatureCollection", "features": []}', "GeoJSON (boundaries?), not a records table"),
    (b"PK\x03\x04rest", "a zip archive (an XLSX workbook?)"),
    (bytes(range(256)), "binary, not text (a NUL byte at byte 0)"),
    (b"SQLite format 3\x00", "a GeoPackage or SQLite database"),
])
def test_what_a_records_file_really_is_is_said(tmp_path, content, says):
    path = tmp_path / "r.csv"
    path.write_bytes(content)
    with pytest.raises(UnsupportedFormatError, match=re.escape(says)):
        dxmap.read_records(path)


def _book(path, sheets: dict[str, list[list[object]]], hidden=()):
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
        ws.sheet_state = "hidden" if title in hidden else "visible"
    book.save(path)
    return path


HEAD = ["Mã xã", "Công nghệ", "Trạng thái", "Ngày"]


def test_hidden_sheets_are_read_only_when_named(tmp_path, caplog):
    path = _book(tmp_path / "b.xlsx", {"Q2": [HEAD, ["02692", "lan", "có", "30/06/2024"]],
                                       "Cũ": [HEAD, ["02692", "lan", "chưa có", "31/12/2023"]]}, hidden=("Cũ",))
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        rec = dxmap.read_records(path)
    assert rec["status"].tolist() == ["covered"] and "1 hidden sheet ('Cũ') not read; name it with sheet=" in caplog.text
    assert dxmap.read_records(path, sheet="Cũ")["status"].tolist() == ["none"]


def test_a_status_whose_diacritics_are_another_words_is_read_and_told_once_per_spelling(tmp_path, caplog):
    """"chưa cố" (a typo of "chưa có") is read as none like the unaccented "chua co", but only the typo is told."""
    rows = ["chưa cố", "chua co", "Chưa có", "CHƯA CÓ", "chưa cố", "chưa cố", "chưa cố", "đả có"]
    p = _csv(tmp_path, "Mã xã,Công nghệ,Trạng thái,Ngày\n" + "".join(f"02692,LAN,{w},30/06/2024\n" for w in rows), "r.csv")
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        rec = dxmap.read_records(p)
    assert rec["status"].tolist() == ["none"] * 7 + ["covered"] and rec["problem"].isna().all()
    told = [r.getMessage() for r in caplog.records if "check the spelling" in r.getMessage()]
    assert told == ["r.csv: status 'chưa cố' (rows 2, 6, 7 … (4 in all)) read as 'chưa có' (none), "
                    "status 'đả có' (row 9) read as 'đã có' (covered); check the spelling"]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        dxmap.read_records(_csv(tmp_path, "Mã xã,Công nghệ,Trạng thái,Ngày\n"
                                + "".join(f"02692,LAN,{w},30/06/2024\n" for w in rows[1:4]), "ok.csv"))
    assert "spelling" not in caplog.text  # unaccented, or spelt right in any case: silent


def test_misspelt_words_in_a_workbook_are_told_per_sheet(tmp_path, caplog):
    path = _book(tmp_path / "b.xlsx", {"Q2": [HEAD, ["02692", "Cáp quảng", "chưa cố", "30/06/2024"],
                                              ["02695", "LAN", "CHƯA CÓ", "30/06/2024"]],
                                       "Q1": [HEAD, ["02692", "lan", "chua co", "31/03/2024"]]})
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        rec = dxmap.read_records(path)
    assert rec["status"].tolist() == ["none", "none", "none"] and rec["technology"].tolist() == ["fibre", "lan", "lan"]
    told = [r.getMessage() for r in caplog.records if "check the spelling" in r.getMessage()]
    assert len(told) == 1 and "technology 'Cáp quảng' (row 2) read as 'cáp quang' (fibre)" in told[0]
    assert "status 'chưa cố' (row 2) read as 'chưa có' (none)" in told[0] and "Q2" in told[0] and "CHƯA" not in told[0]


def test_a_formula_without_its_value_is_a_row_problem_in_a_column_that_is_read(tmp_path):
    path = _book(tmp_path / "f.xlsx", {"Q2": [["STT", *HEAD], [1, "02692", "lan", '=IF(1,"có","")', "30/06/2024"],
                                              ["=A2+1", "02695", "lan", "có", "30/06/2024"]]})
    rec = dxmap.read_records(path)
    assert rec["problem"].iloc[0].startswith("cell D2 (=IF(1,\"có\",\"\")) is a formula whose value the file does not hold")
    assert pd.isna(rec["problem"].iloc[1])  # the STT formula is not read


def test_a_sheet_of_villages_saved_as_csv_says_where_its_merged_commune_went(tmp_path, demo, caplog):
    """QA39 L1: a commune merged down its villages keeps its name only in the first row of a CSV; the other rows
    said "nothing identifies the unit" twice over, with no word of why, and the header was called line 3 (the
    line of column numbers under it)."""
    path = tmp_path / "thon.csv"
    path.write_text("BIỂU TỔNG HỢP,,,\nXã,Thôn/bản,Cáp quang,Ngày\n(1),(2),(3),(4)\nY Tý,Thôn Phìn Hồ,Có,30/6/2024\n"
                    ",Thôn Sín Chải,Chưa có,30/6/2024\n", encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="dxmap"):
        records = dxmap.read_records(path)
    assert "thon.csv: header on line 2, 2 data rows" in caplog.text
    assert records["problem"].tolist()[1].startswith("nothing identifies the unit: the commune cell of this village's "
                                                     "row is empty, though a row above names one")
    from dxmap.reconcile.named_villages import villages_from_records

    report = dxmap.reconcile(records, demo.communes, villages_from_records(records, demo.communes), lang="en")
    assert report["outcome"].tolist() == ["matched", "invalid"] and "; also" not in report["reason"][1]


def test_a_formula_without_its_value_in_a_note_leaves_the_record_readable(tmp_path, caplog):
    """QA39 L2: a note cell "=> đã đề xuất trạm BTS" (a formula to Excel, saved without a value) made the row's
    status records invalid; the note is free text no record needs: read as empty, and said once."""
    path = _book(tmp_path / "n.xlsx", {"Q2": [["Mã xã", "Mạng LAN", "Ngày", "Ghi chú"],
                                              ["02692", "Có", "30/06/2024", "=> đã đề xuất trạm BTS"],
                                              ["02695", "Chưa có", "30/06/2024", "ok"]]})
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        rec = dxmap.read_records(path)
    assert rec["problem"].isna().all() and rec["status"].tolist() == ["covered", "none"]
    assert rec["note"].tolist()[1] == "ok" and pd.isna(rec["note"].iloc[0])
    assert "1 cell of column 'Ghi chú' is a formula whose value the file does not hold (D2 (=> đã đề xuất" in caplog.text


def test_a_formula_without_its_value_is_kept_as_typed_and_an_outcomes_file_sent_back_stays_invalid(tmp_path):
    """The cell looked empty, so the outcomes file wrote it back empty and the file sent back uncorrected read as a
    record of unknown status (QA17 finding 3, the formula case). The formula is now the cell as typed: written back
    as text (never as a formula), it is read again as a word that is no status, so the record stays invalid."""
    from click.testing import CliRunner

    from dxmap.cli import main

    path = _book(tmp_path / "f.xlsx", {"Q2": [HEAD, ["02692", "lan", '=IF(1,"có","")', "30/06/2024"],
                                              ["02695", "lan", "có", "=DATE(2024,6,30)"],
                                              ["02710", "lan", "có", "30/06/2024"]]})
    wide = _book(tmp_path / "w.xlsx", {"Q2": [["Mã xã", "Băng rộng di động", "Ngày"],
                                              ["02683", '=IF(H9="","Có","Chưa có")', "30/06/2024"]]})
    rec = dxmap.read_records(path)
    assert rec["status_typed"].tolist()[:2] == ['=IF(1,"có","")', pd.NA] and rec["as_of_typed"][1] == "=DATE(2024,6,30)"
    assert rec["status_typed"].isna()[2] and rec["as_of_typed"].isna()[[0, 2]].all()
    assert dxmap.read_records(wide)["status_typed"].tolist() == ['=IF(H9="","Có","Chưa có")']
    for suffix in (".xlsx", ".csv"):
        sent, back = tmp_path / f"o{suffix}", tmp_path / f"again{suffix}"
        first = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(path), "--records", str(wide),
                                          "--outcomes", str(sent), "-q"])
        again = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(sent), "--outcomes", str(back), "-q"])
        assert first.output.splitlines()[0].endswith("invalid 3"), first.output
        assert again.output.splitlines()[0] == first.output.splitlines()[0], again.output
        table = pd.read_excel(back, dtype=str) if suffix == ".xlsx" else pd.read_csv(back, dtype=str, encoding="utf-8-sig")
        assert table["reason"].str.contains("unknown status ", regex=False).sum() == 2, table["reason"].tolist()


def test_a_level_not_read_is_kept_as_typed_so_the_outcomes_file_sent_back_stays_invalid(tmp_path):
    """QA19 finding 5: a 'Cấp' the reader does not know ("xóm") was written back empty, so the outcomes file sent back
    uncorrected read the row as valid (7 invalid records became 6)."""
    from click.testing import CliRunner

    from dxmap.cli import main

    path = _csv(tmp_path, "Mã xã,Cấp,Công nghệ,Trạng thái,Ngày\n02692,xóm,LAN,có,30/06/2024\n"
                          "02695,xã,LAN,có,30/06/2024\n", "lv.csv")
    rec = dxmap.read_records(path)
    assert rec["level_typed"].tolist()[:1] == ["xóm"] and rec["level_typed"].isna()[1]
    sent, back = tmp_path / "o.xlsx", tmp_path / "again.xlsx"
    first = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(path), "--outcomes", str(sent), "-q"])
    again = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(sent), "--outcomes", str(back), "-q"])
    assert first.output.splitlines()[0].endswith("invalid 1"), first.output
    assert again.output.splitlines()[0] == first.output.splitlines()[0], again.output


@pytest.mark.parametrize(("streams", "says"), [
    (["EncryptionInfo", "EncryptedPackage"], "protected with a password"),
    (["Workbook"], "an Excel 97-2003 workbook (.xls)"),
])
def test_a_workbook_that_is_not_xlsx_says_what_it_is(tmp_path, streams, says):
    from tests.hostile.make_corpus import _compound_file

    path = tmp_path / "b.xlsx"
    path.write_bytes(_compound_file(streams))
    with pytest.raises(UnsupportedFormatError, match=re.escape(says)):
        dxmap.read_records(path)


def test_as_records_example_in_its_docstring_runs():
    """The example a notebook user copies: a table typed in a notebook, Vietnamese headers, a dd/mm date."""
    import doctest

    import dxmap.io.records as module

    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 2 and result.failed == 0


def test_read_records_refuses_a_table_and_an_unknown_date_order_with_the_accepted_ones(tmp_path):
    from dxmap.errors import ArgumentError, OptionError

    with pytest.raises(ArgumentError, match=r"path: got a DataFrame .*dxmap.as_records\(table\)"):
        dxmap.read_records(pd.DataFrame({"a": [1]}))
    p = tmp_path / "r.csv"
    p.write_text("commune_code,technology,status,as_of\n02692,lan,none,30/06/2024\n", encoding="utf-8")
    with pytest.raises(OptionError, match=r"date_order='dd/mm/yyyy' is not one of 'dmy', 'mdy', 'ymd'"):
        dxmap.read_records(p, date_order="dd/mm/yyyy")


def test_a_formula_without_its_value_in_a_wide_column_spoils_only_its_own_technology(tmp_path):
    """Wide form: a mobile cell that is a formula without a saved value makes the mobile record invalid and leaves
    the same row's fibre and LAN records alone; a row whose only status is such a formula still gets its record."""
    head = ["Mã xã", "Băng rộng di động", "Cáp quang", "Mạng LAN chuẩn", "Ngày"]
    path = _book(tmp_path / "w.xlsx", {"Q2": [head, ["02692", '=IF(1,"có","")', "có", "chưa có", "30/06/2024"],
                                              ["02695", '=IF(1,"có","")', None, None, "30/06/2024"]]})
    rec = dxmap.read_records(path)
    got = {(r.commune_code, r.technology): r.problem for r in rec.itertuples()}
    assert sorted(got) == [("02692", "fibre"), ("02692", "lan"), ("02692", "mobile"), ("02695", "mobile")]
    assert got[("02692", "mobile")].startswith("cell B2 (=IF(1,\"có\",\"\")) is a formula whose value the file does not hold")
    assert got[("02695", "mobile")].startswith("cell B3 ")
    assert pd.isna(got[("02692", "fibre")]) and pd.isna(got[("02692", "lan")])
    assert rec.set_index("technology").loc["lan", "status"] == "none"


def test_technology_columns_left_unread_by_one_technology_are_named_with_the_fix(tmp_path, caplog):
    """technology='lan' reads 'Trạng thái' for every row; the 'Cáp quang' column beside it was dropped silently."""
    path = _csv(tmp_path, "Mã xã,Trạng thái,Cáp quang,Ngày\n02692,có,chưa có,30/06/2024\n", "tl.csv")
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        rec = dxmap.read_records(path, technology="lan")
    assert rec["technology"].tolist() == ["lan"]
    assert ("tl.csv: 'Cáp quang' (fibre) is not read: every record is lan, from the status column 'Trạng thái'. "
            "To read each column as its technology's, name the status column's with wide={'Trạng thái': 'lan'}") in caplog.text
    both = dxmap.read_records(path, wide={"Trạng thái": "lan"})
    assert both["technology"].tolist() == ["lan", "fibre"] and both["status"].tolist() == ["covered", "none"]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        dxmap.read_records(_csv(tmp_path, "Mã xã,Trạng thái,Ghi chú,Ngày\n02692,có,x,30/06/2024\n", "one.csv"),
                           technology="lan")
    assert "not read" not in caplog.text


def test_a_signature_block_under_the_table_is_ignored_not_an_invalid_record(tmp_path):
    """An official sheet ends with "Người lập biểu … Trưởng phòng": it named no unit and no date, and its text under
    'Mạng LAN' is no status, so it made an invalid record that stopped map, summary and report (QA)."""
    head = ["STT", "Mã xã", "Tên thôn", "Sóng di động", "Cáp quang", "Mạng LAN", "Ngày", "Người báo cáo"]
    path = _book(tmp_path / "k.xlsx", {"Q2": [head, [1, "02692", None, None, None, "có", "30/06/2024", "UBND xã A Lù"],
                                              [None, None, None, None, None, "Người lập biểu", None, "Trưởng phòng"],
                                              [None, "02695", None, None, None, "Người lập", "30/06/2024", None],
                                              [None, None, None, None, "có", None, None, None]]})
    rec = dxmap.read_records(path)
    by_row = rec.set_index("row")
    assert by_row.loc[3, "ignore_reason"] == "a signature or note row ('Người lập biểu'): no record"
    assert pd.isna(by_row.loc[3, "problem"])
    assert by_row.loc[4, "problem"].startswith("unknown status 'Người lập'")  # a unit and a date: a record to correct
    assert pd.notna(by_row.loc[5, "status"]) and pd.isna(by_row.loc[5, "ignore_reason"])  # a status word: a record
    assert by_row.loc[2, "source"] == "UBND xã A Lù"  # "Người báo cáo" is the source column


def test_a_signature_line_of_a_long_csv_is_ignored(tmp_path):
    path = _csv(tmp_path, "Mã xã,Công nghệ,Trạng thái,Ngày\n02692,LAN,có,30/06/2024\n,Người lập biểu,,\n,,Thủ trưởng đơn vị,\n"
                          ",LAN,???,\n", "s.csv")
    rec = dxmap.read_records(path).set_index("row")
    assert rec.loc[3, "ignore_reason"] == "a signature or note row ('Người lập biểu'): no record"
    assert rec.loc[4, "ignore_reason"] == "a signature or note row ('Thủ trưởng đơn vị'): no record"
    assert pd.isna(rec.loc[5, "ignore_reason"]) and pd.notna(rec.loc[5, "problem"])  # "LAN" is a word: a record



def test_a_total_or_signature_row_s_text_is_in_its_reason_not_in_a_unit_s_columns(tmp_path):
    """QA44: "Người lập biểu", "Nguyễn Văn A" and "Tổng cộng" stayed in commune_code (and so in the outcomes file's
    commune column), as a heading's text no longer does."""
    path = _csv(tmp_path, "Mã xã,Tên xã,Hạ tầng,Trạng thái,Ngày\n02692,A Lù,LAN,Có,30/06/2024\nTổng cộng,,,1,\n"
                          "Người lập biểu,,,Thủ trưởng đơn vị,\nNguyễn Văn A,,,Trần Văn B,\n", "sig.csv")
    rec = dxmap.read_records(path).set_index("row")
    assert rec.loc[[3, 4, 5], "ignore_reason"].tolist() == [
        "a total row (Tổng cộng)", _SIGNED.format("Người lập biểu"), _SIGNED.format("Nguyễn Văn A")]
    assert rec.loc[[3, 4, 5], ["commune_code", "commune_name"]].isna().all().all()
    assert rec.loc[2, "commune_code"] == "02692"
    # what a subtotal says of its unit stays: the district beside "Cộng", a commune's code (QA49)
    path = _csv(tmp_path, "Huyện,Mã xã,Tên xã,Trạng thái LAN,Ngày\nBát Xát,02692,A Lù,Có,30/06/2024\nBát Xát,Cộng,,1,\n"
                          "Bát Xát,02695,Cộng,1,\n", "sub.csv")
    rec = dxmap.read_records(path).set_index("row")
    assert rec["ignore_reason"].notna().tolist() == [False, True, True]
    assert rec["district_name"].tolist() == ["Bát Xát"] * 3
    assert rec["commune_code"].tolist()[1:] == [pd.NA, "02695"] and rec["commune_name"].isna().tolist()[1:] == [True] * 2

# --- an official sheet's signature block, wherever its cells stand (QA17 finding 1) -------------------------------

_SIGNED = "a signature or note row ('{}'): no record"
_SIGNED_VI = "dòng chữ ký hoặc ghi chú ('{}'): không phải bản ghi"


def _said_by_row(rec: pd.DataFrame) -> dict[int, tuple[str | None, str | None]]:
    """row → (problem, ignore_reason) of a row's first line."""
    first = rec.drop_duplicates("row")
    return {int(r): (None if pd.isna(p) else p, None if pd.isna(g) else g)
            for r, p, g in zip(first["row"], first["problem"], first["ignore_reason"])}


def test_a_signature_block_under_the_unit_columns_is_ignored_and_real_problems_stay_invalid(tmp_path):
    """QA17: "Người lập biểu" under Mã xã, "TRƯỞNG PHÒNG" under Cáp quang, "(Ký, ghi rõ họ tên)" and the signers' names
    below were read as records ("unknown status 'TRƯỞNG PHÒNG'", exit 1). The block follows the table; a wrong row in
    the table (an unknown status word, no unit) and one between the table and the block stay invalid."""
    head = ["STT", "Mã xã", "Tên xã", "Tên thôn", "Sóng di động", "Cáp quang", "Mạng LAN", "Ngày"]
    rows = [head,
            [1, 2692, "A Lù", "Bản Khấu", "Có", "Chưa có", None, "30/06/2024"],                       # 2: records
            [2, None, None, None, None, "đang làm", None, "30/06/2024"],                             # 3: in the table
            [3, 2695, "Trịnh Tường", None, None, None, "Có", "30/06/2024"],                          # 4: a record
            [None, None, "Tổng cộng", None, 1, 1, 1, None],                                          # 5: total
            [None, None, None, None, None, "Bát Xát, ngày 05 tháng 7 năm 2024", None, None],         # 6
            [None, "Người lập biểu", None, None, None, "TRƯỞNG PHÒNG", None, None],                  # 7
            [None, "(Ký, ghi rõ họ tên)", None, None, None, "(Ký tên, đóng dấu)", None, None],       # 8
            [None] * 8, [None] * 8,
            [None, "Nguyễn Thị Hoa", None, None, None, "Lò Văn Minh", None, None],                   # 11
            [None, None, None, "Phó trưởng phòng", None, None, None, None]]                          # 12: under Tên thôn
    path = _book(tmp_path / "q2.xlsx", {"Bát Xát": rows})
    said = _said_by_row(dxmap.read_records(path))
    for row, first in ((6, "Bát Xát, ngày 05 tháng 7 năm 2024"), (7, "Người lập biểu"), (8, "(Ký, ghi rõ họ tên)"),
                       (11, "Nguyễn Thị Hoa"), (12, "Phó trưởng phòng")):
        assert said[row] == (None, _SIGNED.format(first)), row
    assert said[3][1] is None and said[3][0].startswith("unknown status 'đang làm' in column 'Cáp quang'")
    assert "nothing identifies the unit" in said[3][0]
    assert said[2] == (None, None) and said[4] == (None, None) and said[5][1] == "a total row (Tổng cộng)"
    vi = _said_by_row(dxmap.read_records(path, lang="vi"))
    assert vi[7] == (None, _SIGNED_VI.format("Người lập biểu")) and vi[11] == (None, _SIGNED_VI.format("Nguyễn Thị Hoa"))

    # no total row, and a wrong row between the last record and the block: it is the table's, reported
    rows = [head, [1, "02692", "A Lù", "Bản Khấu", "Có", None, None, "30/06/2024"],
            [2, None, "Thanh Bình", None, None, "đang làm", None, None],
            [None, "Người lập", None, None, None, None, None, "Thủ trưởng đơn vị"],
            [None, "Nguyễn Thị Hoa", None, None, None, None, None, "Lò Văn Minh"]]
    said = _said_by_row(dxmap.read_records(_book(tmp_path / "b.xlsx", {"Q2": rows})))
    assert said[3][1] is None and said[3][0].startswith("unknown status 'đang làm' in column 'Cáp quang'")
    assert said[4] == (None, _SIGNED.format("Người lập")) and said[5] == (None, _SIGNED.format("Nguyễn Thị Hoa"))


def test_a_signature_block_under_the_technology_columns_is_ignored(tmp_path):
    head = ["Mã xã", "Tên thôn", "Sóng di động", "Cáp quang", "Mạng LAN chuẩn", "Ngày"]
    rows = [head, ["02692", "Bản Khấu", "có", "chưa có", None, "30/06/2024"],
            [None, None, "Người lập biểu", None, "KT. CHỦ TỊCH", None],
            [None, None, "(ký và ghi rõ họ tên)", None, "PHÓ CHỦ TỊCH", None],
            [None, None, "Nguyễn Thị Hoa", None, "Lò Văn Minh", None]]
    said = _said_by_row(dxmap.read_records(_book(tmp_path / "t.xlsx", {"Q2": rows})))
    assert said[3] == (None, _SIGNED.format("Người lập biểu"))
    assert said[4] == (None, _SIGNED.format("(ký và ghi rõ họ tên)")) and said[5] == (None, _SIGNED.format("Nguyễn Thị Hoa"))


def test_a_signature_block_of_a_mark_column_sheet_is_ignored(tmp_path):
    """QA17: bx_marks.xlsx [Dền Sáng] row 12, "Người lập biểu" under Thôn, bản and "Chủ tịch UBND xã" under Cáp quang's
    'Chưa có', was "'Chủ tịch UBND xã' is not a mark … nothing identifies the unit"."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Dền Sáng"
    ws.append(["STT", "Mã xã", "Thôn, bản", "Di động (4G)", None, None, "Cáp quang (FTTH)", None, "Ngày cập nhật"])
    ws.append([None, None, None, "Có", "Lõm sóng", "Chưa có", "Có", "Chưa có", None])
    for cells in ("A1:A2", "B1:B2", "C1:C2", "D1:F1", "G1:H1", "I1:I2"):
        ws.merge_cells(cells)
    ws.append([1, 2707, "Bản Mí Mào", "x", None, None, "x", None, "30/6/2024"])          # 3
    ws.append([2, 2707, "Bản Sáng", "có sóng", None, None, None, "x", "30/6/2024"])      # 4: a cell that is no mark
    ws.append([None, None, "Cộng", 1, None, None, 1, None, None])                         # 5
    ws.append([])                                                                         # 6
    ws.append([None, None, "Người lập biểu", None, None, None, None, "Chủ tịch UBND xã", None])  # 7
    ws.append([None, None, "(Ký, ghi rõ họ tên)", None, None, None, None, "(Ký tên, đóng dấu)", None])  # 8
    ws.append([None, None, "Nguyễn Văn Sơn", None, None, None, None, "Lý Seo Chứ", None])  # 9
    wb.save(tmp_path / "marks.xlsx")
    rec = dxmap.read_records(tmp_path / "marks.xlsx")
    said = _said_by_row(rec)
    assert said[7] == (None, _SIGNED.format("Người lập biểu"))
    assert said[8] == (None, _SIGNED.format("(Ký, ghi rõ họ tên)")) and said[9] == (None, _SIGNED.format("Nguyễn Văn Sơn"))
    assert said[4][0].startswith("Di động (4G): 'Có': 'có sóng' is not a mark")  # a real problem stays invalid
    assert rec["problem"].notna().sum() == 1
    vi = _said_by_row(dxmap.read_records(tmp_path / "marks.xlsx", lang="vi"))
    assert vi[7] == (None, _SIGNED_VI.format("Người lập biểu"))
    assert vi[4][0].startswith("Di động (4G): ô cột 'Có' ghi 'có sóng', không phải dấu x; chỉ đánh dấu x vào một trong "
                               "các cột ('Có', 'Lõm sóng', 'Chưa có')")


def test_a_signature_block_of_a_long_csv_under_the_code_column_is_ignored(tmp_path):
    path = _csv(tmp_path, "Mã xã,Tên xã,Công nghệ,Trạng thái,Ngày\n"
                          "02692,A Lù,LAN,có,30/06/2024\n"
                          ",Thanh Bình,LAN,đang làm,30/06/2024\n"      # 3: a record to correct
                          ",,,,\n"
                          "Người lập biểu,,,Trưởng phòng,\n"           # 5
                          '"(Ký, ghi rõ họ tên)",,,"(Ký tên, đóng dấu)",\n'
                          "Nguyễn Thị Hoa,,,Lò Văn Minh,\n"            # 7
                          ",Thanh Bình,,,30/06/2024\n"                 # 8: a date: not the block's
                          "02695,,,Phó chủ tịch,\n", "s.csv")          # 9: a unit code: a record
    said = _said_by_row(dxmap.read_records(path))
    assert said[3][0].startswith("unknown status 'đang làm'") and said[3][1] is None
    assert said[5] == (None, _SIGNED.format("Người lập biểu")) and said[7] == (None, _SIGNED.format("Nguyễn Thị Hoa"))
    assert said[6] == (None, _SIGNED.format("(Ký, ghi rõ họ tên)"))
    assert said[8][1] != _SIGNED.format("Thanh Bình")
    assert said[9][1] is None and said[9][0].startswith("no technology")  # 02695 is a unit: reported


def test_one_technology_given_for_a_wide_sheet_reads_that_technology_s_column(tmp_path, caplog):
    """QA: `--technology lan` on a sheet whose status column is 'Mạng LAN' stopped with "no status column"."""
    path = _csv(tmp_path, "Mã xã,Sóng di động,Mạng LAN,Ngày\n02692,có,chưa có,30/06/2024\n", "w.csv")
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        rec = dxmap.read_records(path, technology="lan")
    assert rec[["technology", "status"]].values.tolist() == [["lan", "none"]]
    assert "w.csv: technology='lan': only 'Mạng LAN' is read, not 'Sóng di động' (mobile)." in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        alone = dxmap.read_records(_csv(tmp_path, "Mã xã,Mạng LAN,Ngày\n02692,có,30/06/2024\n", "l.csv"), technology="lan")
    assert alone["status"].tolist() == ["covered"] and "only" not in caplog.text


@pytest.mark.parametrize(("header", "tech"), [
    ("LAN at ward office", "lan"), ("Mạng LAN tại trụ sở xã", "lan"), ("LAN tại UBND xã", "lan"), ("4G coverage", "mobile"),
    ("Office LAN", None), ("Mất sóng di động", None), ("Đã bố trí kinh phí LAN", None), ("Fibre planned", None),
    ("Mobile signal loss", None),
    ("Mobile network", "mobile"), ("Fiber optic", "fibre"), ("Cáp quang (FTTH)", "fibre"), ("Có sóng 4G", "mobile"),
    ("Lõm sóng", None), ("Mất sóng", None), ("Ghi chú", None), ("Reported by", None), ("Date of report", None),
    ("Tên thôn", None),
    # an operator's column (QA66 F8)
    ("Viettel 4G", "mobile"), ("MobiFone (4G)", "mobile"), ("VNPT/Vinaphone 4G", "mobile"), ("Cáp quang VNPT", "fibre"),
    ("VNPT", None), ("Viettel 4G trạm BTS", None), ("Trạm Viettel 4G", None)])
def test_a_technology_is_found_by_the_first_or_last_words_of_a_header(header, tech):
    """QA22: "LAN at ward office" and "Mạng LAN tại trụ sở xã" were not read, and their statuses were lost. QA24:
    words before the technology, a status or a negation after it, make the column about something else."""
    from dxmap.validate.schema import wide_technology

    found = wide_technology(header, loose=True)
    assert (found.value if found else None) == tech


def test_a_header_ending_in_a_technology_is_read_only_over_statuses(tmp_path, caplog):
    """QA23: read by their first or last words alone, "Ghi chú về LAN", "Nhà mạng di động", "Số hộ có cáp quang",
    "Kinh phí LAN" became status columns, and clean sheets had invalid rows. Such a header is read only when its
    cells are statuses; a yes/no column about roads or power is no technology and gets no warning."""
    path = tmp_path / "h.csv"
    path.write_text("Mã xã,Di động (4G),Ghi chú về LAN,Nhà mạng di động,Số hộ có cáp quang,Kinh phí LAN,Điện lưới,"
                    "LAN at ward office,Ngày\n"
                    "02692,Có,đã lắp 2023,Viettel,1,120,Có,Yes,30/06/2024\n"
                    "02695,Chưa có,,VNPT,0,80,Không,No,30/06/2024\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        rec = dxmap.read_records(path)
    assert rec["problem"].isna().all(), rec["problem"].tolist()
    assert sorted(zip(rec["commune_code"], rec["technology"], rec["status"])) == [
        ("02692", "lan", "covered"), ("02692", "mobile", "covered"), ("02695", "lan", "none"), ("02695", "mobile", "none")]
    assert "is not read" not in caplog.text


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_marks_or_ones_and_zeros_under_a_header_naming_a_technology_by_its_first_words_are_read(tmp_path, suffix,
                                                                                                caplog):
    """QA24: "LAN tại UBND xã" over x marks made the first body row a second header row (an "x" names the position
    column), and over 1 and 0 the column was not read: both files were refused with "no status column". A column
    of 0, 1 and 2 is a count and stays unread."""
    def sheet(name: str, cells: list[str], header: str = "LAN tại UBND xã") -> Path:
        rows = [["STT", "Mã xã", "Tên xã", header, "Ngày báo cáo"]]
        rows += [[str(k + 1), code, "", cell, "30/06/2024"] for k, (code, cell) in
                 enumerate(zip(["02635", "02641", "02644", "02647"], cells))]
        path = tmp_path / f"{name}{suffix}"
        if suffix == ".csv":
            path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
        else:
            pd.DataFrame(rows[1:], columns=rows[0]).to_excel(path, index=False)
        return path

    with caplog.at_level(logging.INFO, logger="dxmap"):
        marks = dxmap.read_records(sheet("x", ["x", "", "x", ""]))
    assert marks["row"].tolist() == [2, 3, 4, 5]  # the first body row stays a record
    assert marks.loc[marks["ignore_reason"].isna(), ["commune_code", "technology", "status"]].values.tolist() == [
        ["02635", "lan", "covered"], ["02644", "lan", "covered"]]
    # QA27: the blanks were logged as "total, heading or empty rows"; they name a unit, which stays unknown
    said = [r.getMessage() for r in caplog.records]
    assert (f"x{suffix}: 2 rows name a unit but leave every technology column blank ('LAN tại UBND xã'): no record, "
            "the unit stays unknown, not counted as a gap: 'row 3', 'row 5'. If a blank means “not yet”, write “no” "
            "(or “Chưa có”) in the cell") in said
    assert not any("total, heading or empty" in m for m in said)
    ones = dxmap.read_records(sheet("10", ["1", "0", "1", "0"]))
    assert ones[["technology", "status"]].values.tolist() == [["lan", "covered"], ["lan", "none"]] * 2
    with pytest.raises(SchemaError, match="no status column"):
        dxmap.read_records(sheet("count", ["1", "0", "2", "0"]))
    with pytest.raises(SchemaError, match=re.escape(  # all 1: as likely a count; QA27: it said no header names one
            "no status column: the column 'LAN tại UBND xã' names Standard LAN but is not read: its header or its "
            "cells ('1') read as a count or a plan. If it holds Standard LAN's statuses, say so with "
            "wide={'LAN tại UBND xã': 'lan'}")):
        dxmap.read_records(sheet("all", ["1", "1", "1", "1"]))


@pytest.mark.parametrize("header", ["Cáp quang số thôn", "Fibre households", "4G số trạm BTS", "Mobile towers",
                                    "4G trạm mới 2025", "LAN máy tính", "Cáp quang đề xuất", "Cáp quang dự kiến"])
@pytest.mark.parametrize("cells", [("1", "0"), ("Có", "Không")])
def test_a_count_a_plan_or_a_year_after_a_technology_is_no_status_column(tmp_path, header, cells):
    """QA27: with 1 and 0 read under a header naming a technology by its first words, these counts and plans were
    read as fibre or mobile statuses (a village with 0 BTS towers a mobile gap); with Có/Không the plans already were."""
    path = tmp_path / "c.csv"
    path.write_text(f"Mã xã,Mạng LAN chuẩn,{header},Ngày\n02692,Có,{cells[0]},30/06/2024\n02695,Có,{cells[1]},30/06/2024\n",
                    encoding="utf-8")
    assert dxmap.read_records(path)["technology"].tolist() == ["lan", "lan"]


def test_a_year_after_a_technology_is_the_picture_s_and_a_count_s_warning_names_its_technology(tmp_path, caplog):
    """QA28: "Mạng LAN chuẩn 2024" and "Cáp quang T6/2025" over Có/Chưa có were refused after the count rule took
    a year for a count; "Fibre households" over Có/Không was said to name no technology, with wide=…'lan'."""
    path = tmp_path / "y.csv"
    path.write_text("Mã xã,Mạng LAN chuẩn 2024,Cáp quang T6/2025,Ngày\n02692,Có,Chưa có,30/06/2024\n", encoding="utf-8")
    assert sorted(dxmap.read_records(path)["technology"]) == ["fibre", "lan"]
    counted = tmp_path / "h.csv"
    counted.write_text("Mã xã,Mạng LAN chuẩn,Fibre households,Ngày\n02692,Có,Có,30/06/2024\n02695,Có,Không,30/06/2024\n",
                       encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        assert dxmap.read_records(counted)["technology"].tolist() == ["lan", "lan"]
    assert ("column 'Fibre households' is not read, though most of its 2 cells hold status words: its header names "
            "Fibre (FTTH) but reads as a count or a plan. If it holds Fibre (FTTH)'s statuses, say "
            "so with wide={'Fibre households': 'fibre'}.") in caplog.text


def test_a_long_sheet_with_a_blank_column_beside_its_technology_keeps_its_first_row(tmp_path):
    """QA28: "LAN" under "Công nghệ" with an unnamed column after it was taken for a technology in a group's place,
    and the first body row for a second header row: the sheet was refused."""
    path = tmp_path / "l.csv"
    path.write_text("Mã xã,Tên xã,Công nghệ,,Trạng thái,Ngày\n02683,Bát Xát,LAN,,Có,30/06/2024\n"
                    "02686,A Mú Sung,LAN,,Chưa có,30/06/2024\n", encoding="utf-8")
    rec = dxmap.read_records(path)
    assert rec[["row", "technology", "status"]].values.tolist() == [[2, "lan", "covered"], [3, "lan", "none"]]


@pytest.mark.parametrize("three", [False, True], ids=["two header rows", "group above them"])
def test_co_chua_co_under_a_technology_named_by_its_first_words_or_under_a_group(tmp_path, three):
    """QA27: "LAN tại UBND xã" over "Có | Chưa có" made the sub-header row a record ("Mã xã") and dropped the "Chưa
    có" column; a third header row (group / technology / Có | Chưa có) read every x as covered."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    tech = "Mạng LAN" if three else "LAN tại UBND xã"
    if three:
        ws.append(["STT", "Mã xã", "Hiện trạng hạ tầng", None])
        ws.merge_cells("C1:D1")
    ws.append(["STT", "Mã xã", tech, None] if not three else [None, None, tech, None])
    ws.append([None, None, "Có", "Chưa có"])
    ws.merge_cells(f"C{ws.max_row - 1}:D{ws.max_row - 1}")
    for k, code in enumerate(["02683", "02686", "02689", "02692"]):
        ws.append([k + 1, code] + (["x", None] if k % 2 else [None, "x"]))
    path = tmp_path / "s.xlsx"
    wb.save(path)
    rec = dxmap.read_records(path, as_of="2024-06-30")
    assert rec[["commune_code", "technology", "status"]].values.tolist() == [
        ["02683", "lan", "none"], ["02686", "lan", "covered"], ["02689", "lan", "none"], ["02692", "lan", "covered"]]


def test_a_column_of_statuses_under_a_header_naming_no_technology_is_said(tmp_path, caplog):
    """QA22: such a column was dropped without a word, its rows called headings, LAN shown as unknown everywhere."""
    path = tmp_path / "u.csv"
    path.write_text("Mã xã,Di động (4G),Tình hình mạng nội bộ UBND,Ngày\n02692,,Có,30/06/2024\n"
                    "02695,,Chưa có,30/06/2024\n02698,Có,,30/06/2024\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        rec = dxmap.read_records(path)
    assert rec["technology"].dropna().tolist() == ["mobile"]
    assert ("u.csv: column 'Tình hình mạng nội bộ UBND' is not read, though most of its 2 cells hold status words "
            "(yes, no…): its header names no technology dxmap knows. If it holds one technology's statuses, say which "
            "with wide={'Tình hình mạng nội bộ UBND': 'lan'} (mobile, fibre or lan).") in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        read = dxmap.read_records(path, wide={"Tình hình mạng nội bộ UBND": "lan"})
    assert sorted(read["technology"].dropna()) == ["lan", "lan", "mobile"] and "is not read" not in caplog.text


def test_a_total_of_places_beside_counts_is_a_total_row_and_the_date_example_is_the_file_s(tmp_path, caplog):
    """QA22: "Cộng Yên Bái | 14 | 14 | 14" made three invalid records each, and a 2025 file was told to write
    --records-date 30/6/2024. A commune named Cộng Hòa with its status stays a record."""
    path = tmp_path / "t.csv"
    path.write_text("Tên xã,Di động (4G),Cáp quang,Ngày\nCộng Hòa,Có,Chưa có,30/09/2025\nCong Mu Cang Chai,14,3,\n"
                    "Cộng Yên Bái,14,0,\nAn Bình,1,0,\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        rec = dxmap.read_records(path)
    by_row = rec.groupby("row")
    assert by_row["ignore_reason"].first().notna().tolist() == [False, True, True, False]
    assert rec.loc[rec["row"].eq(3), "ignore_reason"].iloc[0].startswith("a total row (Cong Mu Cang Chai)")
    assert rec.loc[rec["row"].eq(2), "status"].tolist() == ["covered", "none"]
    assert "give that day with as_of='30/9/2025'" in caplog.text  # row 5 has no date


def test_a_sheet_s_own_status_words_are_read_as_given(tmp_path):
    """QA22: "No signal", "Mất sóng" or "Đang thi công" could only be read by retyping the sheet; status_words=
    (--status-word) names them, before dxmap's own words, with diacritics, case and spacing aside."""
    path = tmp_path / "sw.csv"
    path.write_text("Mã xã,Di động (4G),Mạng LAN,Ngày\n02692,Mất sóng,Đang thi công,30/06/2024\n"
                    "02695,No signal,Có,30/06/2024\n", encoding="utf-8")
    plain = dxmap.read_records(path)
    assert plain["problem"].notna().sum() == 2  # "Mất sóng", "Đang thi công" unknown; "No signal" is dxmap's own
    rec = dxmap.read_records(path, status_words={"mat song": "none", "ĐANG  THI CÔNG": "kế hoạch", "Có": "weak"})
    assert rec["problem"].isna().all()
    assert rec["status"].tolist() == ["none", "planned", "none", "weak"]  # a user's word comes first, even "Có"
    from dxmap.errors import StatusValueError

    with pytest.raises(StatusValueError, match=re.escape("status_words={'x': 'maybe'}: 'maybe' is no status")):
        dxmap.read_records(path, status_words={"x": "maybe"})
    with pytest.raises(StatusValueError, match=re.escape("the word 'mat song' is already given the status 'none'")):
        dxmap.read_records(path, status_words={"Mất sóng": "none", "mat song": "covered"})  # QA23: the last won
    with pytest.raises(StatusValueError, match="no word before the '='"):
        dxmap.read_records(path, status_words={" ": "none"})


def test_cli_status_word(tmp_path):
    from click.testing import CliRunner

    from dxmap.cli import main

    path = tmp_path / "sw.csv"
    path.write_text("Mã xã,Mạng LAN,Ngày\n02692,Đang thi công,30/06/2024\n", encoding="utf-8")
    ok = CliRunner().invoke(main, ["check", "--records", str(path), "--status-word", "Đang thi công=planned", "-q",
                                   "--lang", "en"])
    assert ok.exit_code == 0 and ok.output.startswith("1 record: matched 1"), ok.output
    bad = CliRunner().invoke(main, ["check", "--records", str(path), "--status-word", "Đang thi công=maybe", "-q"])
    assert bad.exit_code == 1
    assert "--status-word 'Đang thi công'=maybe: 'maybe' không phải là trạng thái" in bad.output
    twice = CliRunner().invoke(main, ["check", "--records", str(path), "--status-word", "Đang thi công=planned",
                                      "--status-word", "Đang thi công=covered", "-q", "--lang", "en"])
    assert twice.exit_code == 2, twice.output  # QA24: the last one won, silently
    assert "'Đang thi công' is already given as 'planned'" in twice.output


def test_qualified_technology_headers_month_first_notes_and_grouped_codes(tmp_path, caplog):
    """QA24: "Mất sóng di động" over Có/Không was read as mobile's statuses (inverted), a month-first file's row with
    a comma in its note turned invalid, and "4.000" became 00004."""
    from dxmap.validate.codes import normalise_code

    path = tmp_path / "q.csv"
    path.write_text("Mã xã,Mạng LAN chuẩn,Mất sóng di động,Ngày\n02692,Có,Có,30/06/2024\n02695,Chưa có,Không,"
                    "30/06/2024\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        rec = dxmap.read_records(path)
    assert set(rec["technology"]) == {"lan"}
    assert "wide={'Mất sóng di động': 'lan'}" in caplog.text  # said, with a technology to correct, not read
    month_first = tmp_path / "m.csv"
    month_first.write_text("commune_code,technology,status,as_of,note\n02692,lan,none,6/30/2024,a, b\n",
                           encoding="utf-8")
    read = dxmap.read_records(month_first, date_order="mdy")
    assert read["problem"].isna().all() and read["note"].tolist() == ["a, b"]
    assert normalise_code(pd.Series(["4.000", "4,000", "2692.0"])).tolist() == ["04000", "04000", "02692"]


def test_unknown_without_a_date_is_no_record(tmp_path, caplog):
    """QA56 3: the map's downloaded list writes the units without data as "Chưa rõ (không có số liệu)" with no date;
    read back, each was an invalid record (no date) and the list stopped map and summary. Unknown without a date says
    nothing: the row is ignored, with its reason; unknown with a date, or dated by records_date, is a record."""
    p = tmp_path / "dl.csv"
    p.write_text('\ufeff"Mã","Xã/phường","Huyện","Hạ tầng","Trạng thái","Ngày"\n'
                 '"02695","Trịnh Tường","Bát Xát","Mạng LAN chuẩn","Chưa có","2024-06-30"\n'
                 '"02686","A Mú Sung","Bát Xát","Mạng LAN chuẩn","Chưa rõ (không có số liệu)",""\n'
                 '"02716","Bản Qua","Bát Xát","Mạng LAN chuẩn","Chưa rõ","30/6/2024"\n', encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="dxmap"):
        records = dxmap.read_records(p, lang="vi")
    assert "dl.csv: 1 dòng “chưa rõ” không kèm ngày, không phải bản ghi (đơn vị vẫn là “chưa rõ”): 'dòng 3'" in caplog.text
    assert "dòng tổng" not in caplog.text  # QA58 2: said as total, heading or empty rows
    assert records["status"].tolist()[::2] == ["none", "unknown"] and records["problem"].isna().all()
    assert records["ignore_reason"].notna().tolist() == [False, True, False]
    assert records.loc[1, "ignore_reason"].startswith("trạng thái “chưa rõ” không kèm ngày: không có bản ghi")
    dated = dxmap.read_records(p, as_of="2024-06-30")
    assert dated["ignore_reason"].isna().all() and dated["status"].tolist() == ["none", "unknown", "unknown"]


def test_villages_under_commune_headings_are_of_those_communes(tmp_path, caplog):
    """QA56 4: a list of villages whose communes are only in heading rows ("I | Xã A Lù" above "1 | Bản Khấu"), as
    district offices type them, was refused for want of a commune column, with an option that could not help."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["UBND HUYỆN BÁT XÁT"])
    ws.append(["STT", "Tên thôn, bản", "Di động (4G)", "Cáp quang (FTTH)", "Ngày cập nhật"])
    for row in (("", "Bản Lạc"), ("I", "Xã A Lù"), (1, "Bản Khấu", "x", "chưa", "30/06/2024"),
                (2, "Bản Nậm", "x", "x", "30/06/2024"), ("II.", "Xã Y Tý"), (1, "Bản Pao", "chưa", "x", "30/06/2024"),
                ("X", "Xã Mường Hum", "x", "", ""),  # marked: no heading, though its STT is a roman ten
                ("", "Tổng cộng", 2, 2, "")):
        ws.append(list(row))
        if len(row) == 2 and row[1].startswith("Xã"):
            ws.merge_cells(start_row=ws.max_row, start_column=2, end_row=ws.max_row, end_column=5)
    ws["B3"] = None  # a village before any heading: of no commune
    ws.append([])
    wb.save(tmp_path / "bx.xlsx")
    with caplog.at_level(logging.INFO, logger="dxmap"):
        records = dxmap.read_records(tmp_path / "bx.xlsx")
    kept = records[records["ignore_reason"].isna() & records["row"].ne(9)]
    assert kept["commune_name"].tolist() == ["Xã A Lù"] * 4 + ["Xã Y Tý"] * 2
    assert kept["village_name"].tolist() == ["Bản Khấu", "Bản Khấu", "Bản Nậm", "Bản Nậm", "Bản Pao", "Bản Pao"]
    assert kept["problem"].isna().all()
    marked = records[records["row"].eq(9)]  # a record, reported (no date), under Y Tý's heading
    assert marked["ignore_reason"].isna().all() and marked["problem"].notna().all()
    assert set(records.loc[records["ignore_reason"].notna(), "row"]) == {4, 7, 10}  # the headings and the total
    assert ("bx.xlsx: no commune column; each village is of the commune in the heading row above it (2 rows: row 4 "
            "('Xã A Lù'), row 7 ('Xã Y Tý'))") in caplog.text
    outcomes = dxmap.reconcile(records, dxmap.bundled_communes(), dxmap.demo_dataset().villages)
    assert outcomes.loc[kept.index, "matched_commune_code"].tolist() == ["02692"] * 4 + ["02701"] * 2


def test_the_formula_guard_of_dxmaps_csv_is_not_read_into_names(tmp_path):
    """QA56 5: the apostrophe dxmap's CSV files put before a name a spreadsheet would run ("'-Bản Mường") stayed in
    the name read back, and in every table and map made from it after."""
    p = tmp_path / "o.csv"
    p.write_text("Mã xã,Thôn/bản,Công nghệ,Trạng thái,Ngày,Ghi chú\n"
                 "02692,'-Bản Mường,Cáp quang,Có,30/06/2024,'=1+1\n"
                 "'02692,'+84 thôn,Cáp quang,Có,30/06/2024,O'Neil\n", encoding="utf-8")
    records = dxmap.read_records(p)
    assert records["village_name"].tolist() == ["-Bản Mường", "+84 thôn"]
    assert records["note"].tolist() == ["=1+1", "O'Neil"] and records["commune_code"].tolist() == ["02692"] * 2


def test_commune_headings_as_offices_number_and_name_them(tmp_path):
    """QA58 1, 6: a heading numbered as a section without its unit word ("II | Đồng Tuyển") or with its number in the
    name's cell ("III | 1. Xã Tả Phìn") was no heading, and its villages were given the commune above (counted
    there); a district's heading ("A | Huyện Bát Xát") was taken for a commune's; a heading naming its district in
    brackets matched nothing."""
    p = tmp_path / "h.csv"
    p.write_text("STT,Tên thôn bản,Di động,Ngày cập nhật\n"
                 "A,Huyện Bát Xát,,\n"
                 "1,Bản Trước,có,30/06/2024\n"          # under a district, before any commune: no commune
                 "I,Xã Thống Nhất,,\n"
                 "1,Thôn 1,có,30/06/2024\n"
                 "II,Đồng Tuyển,,\n"
                 "1,Thôn 2,không,30/06/2024\n"
                 "III,1. Xã Tả Phìn (huyện Sa Pa),,\n"
                 "1,Thôn Đá Đinh,có,30/06/2024\n", encoding="utf-8")
    records = dxmap.read_records(p)
    kept = records[records["ignore_reason"].isna()]
    assert kept["commune_name"].fillna("").tolist() == ["", "Xã Thống Nhất", "Đồng Tuyển", "Xã Tả Phìn"]
    assert kept["problem"].notna().tolist() == [True, False, False, False]  # Bản Trước: no unit, reported
    assert set(records.loc[records["ignore_reason"].notna(), "row"]) == {2, 4, 6, 8}


@pytest.mark.parametrize(("name", "kind"), [("thon.geojson", "GeoJSON"), ("xa.gpkg", "GeoPackage"), ("t.kml", "KML")])
def test_a_boundary_file_given_as_records_is_sent_to_the_boundary_options(tmp_path, name, kind):
    """QA60 5: a village layer after --records was told to be saved as .csv."""
    path = tmp_path / name
    path.write_bytes(b"")
    with pytest.raises(UnsupportedFormatError, match=rf"{name}: {kind} \(boundaries\?\), not a records table\. "
                                                     r"Boundary files are given with --communes"):
        dxmap.read_records(path)


def test_names_typed_with_a_legacy_font_in_a_utf8_csv_are_read_as_meant(tmp_path, caplog):
    """QA61 9: a sheet typed in .VnTime (TCVN3) saved as CSV UTF-8 gives "B¸t X¸t, B¶n V­îc": it was unmatched, with
    suggestions of other communes. Proper names with only the Latin-1 letters Vietnamese shares ("Lào Cai") stay."""
    path = tmp_path / "t.csv"
    path.write_text("Huyện,Tên xã,Mạng LAN chuẩn,Ngày\nB¸t X¸t,B¶n V\u00adîc,Có,30/6/2024\n"
                    "Lào Cai,Cốc Lếu,Có,30/6/2024\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        rec = dxmap.read_records(path)
    assert rec["district_name"].tolist() == ["Bát Xát", "Lào Cai"] and rec["commune_name"].tolist()[0] == "Bản Vược"
    assert "re-decoded 2 cells typed in a legacy Vietnamese font" in caplog.text
    assert dxmap.reconcile(rec, dxmap.bundled_communes())["outcome"].tolist() == ["matched", "matched"]


def test_a_twin_status_column_is_not_warned_of_before_the_error_about_it(tmp_path, caplog):
    """QA60 25: "column 'Tình trạng' also names status; column 'Trạng thái' is read", then an error saying neither is."""
    path = tmp_path / "two.csv"
    path.write_text("Mã xã,Trạng thái,Tình trạng,Ngày\n02692,có,có,2024-06-30\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="dxmap"), pytest.raises(SchemaError, match="2 columns hold statuses"):
        dxmap.read_records(path)
    assert "also names" not in caplog.text


def test_a_file_of_two_encodings_is_refused_naming_the_lines_that_are_not_utf8(tmp_path):
    """QA60 11: a UTF-8 file with one line in cp1258 was decoded whole as a legacy encoding: its UTF-8 rows were
    garbled, and the garbled "có" was offered as a word to read as "none"."""
    path = tmp_path / "mixed.csv"
    path.write_bytes("Mã xã,Tên xã,Mạng LAN chuẩn,Ngày\n02692,A Lù,có,30/6/2024\n".encode()
                     + "02695,Tà Xà,có,30/6/2024\n".encode("cp1258"))
    with pytest.raises(UnsupportedFormatError, match=r"mixed\.csv: the file mixes two encodings: 1 line is UTF-8, but "
                                                     r"not row 3 .*save it again as CSV UTF-8"):
        dxmap.read_records(path)


def test_english_and_spanish_headers_of_a_municipality_and_its_communities(tmp_path):
    """QA67 F6: "Municipality", "Community" were not recognised: the error asked for columns= (--column). A
    municipality (municipio) holds the villages, as a commune does; a community (comunidad) is a village."""
    p = _csv(tmp_path, "Municipality code,Municipality,Community,Technology,Status,Date\n"
                       "0101,San Pedro,Chacra,mobile,none,2024-06-30\n")
    rec = dxmap.read_records(p)
    assert rec[["commune_code", "commune_name", "village_name", "status"]].values.tolist() == [
        ["0101", "San Pedro", "Chacra", "none"]]
    q = _csv(tmp_path, "Municipio,Comunidad,Community code,Cáp quang,Date\nSan Pedro,Chacra,C-7,Có,30/06/2024\n",
             "q.csv")
    rec = dxmap.read_records(q)
    assert rec[["commune_name", "village_name", "village_id", "technology"]].values.tolist() == [
        ["San Pedro", "Chacra", "C-7", "fibre"]]


def _two_sheets(path: Path) -> Path:
    """A workbook of a village sheet (long, its village column 'Sitio') and a LAN sheet (wide, no village column)."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Thôn"
    for row in (["Mã xã", "Sitio", "Công nghệ", "Trạng thái", "Ngày"], ["02692", "Thôn 1", "mobile", "Có", "30/6/2024"],
                ["02692", "Bản Khấu", "fibre", "Chưa có", "30/6/2024"]):
        book.active.append(row)
    lan = book.create_sheet("LAN")
    for row in (["Mã xã", "Mạng LAN chuẩn", "Ngày"], ["02692", "Có", "30/6/2024"], ["02695", "Chưa có", "30/6/2024"]):
        lan.append(row)
    book.save(path)
    return path


def test_columns_apply_per_sheet_of_one_workbook(tmp_path, caplog):
    """A header of columns= in one sheet of a workbook and not in another was refused for the workbook (leniency was
    per file): each sheet is a table of its own; a header no sheet has is refused naming each "file › sheet"."""
    from dxmap.io.records import read_records_files

    path = _two_sheets(tmp_path / "w.xlsx")
    with caplog.at_level("INFO", logger="dxmap"):
        rec = dxmap.read_records(path, columns={"village_name": "Sitio"})
    assert rec[["village_name", "technology", "status"]].fillna("").values.tolist() == [
        ["Thôn 1", "mobile", "covered"], ["Bản Khấu", "fibre", "none"], ["", "lan", "covered"], ["", "lan", "none"]]
    assert "w.xlsx › LAN does not have 'Sitio': columns={'village_name': 'Sitio'} not used for it" in caplog.text
    assert read_records_files([path], columns={"village_name": "Sitio"})[0][0]["status"].notna().sum() == 4
    with pytest.raises(SchemaError, match="columns= names 'Xóm', which no records file has; the files' headers are "
                                          "w.xlsx › Thôn: 'Mã xã', 'Sitio', .*; w.xlsx › LAN: 'Mã xã', 'Mạng LAN"):
        dxmap.read_records(path, columns={"village_name": "Xóm"})
    with pytest.raises(SchemaError, match=r"w.xlsx, sheet 'LAN': columns= names 'Sitio', which the file does not "
                                          "have"):  # one sheet alone: strict, named by its sheet (QA70 N9)
        dxmap.read_records(path, sheet="LAN", columns={"village_name": "Sitio"})


def test_several_files_share_one_columns_one_file_stays_strict(village_and_lan_sheets, caplog):
    """read_records_files (read_dataset's reading) reads each file with the headers of columns= it has; read_records
    on one file refuses a header it lacks, as before (QA67 F5)."""
    from dxmap.io.records import read_records_files

    villages, lan, columns = village_and_lan_sheets
    with caplog.at_level("INFO", logger="dxmap"):
        long, wide = read_records_files([villages, lan], names=["v.csv", "l.xlsx"], columns=columns, lang="vi")[0]
    assert long["village_name"].tolist() == ["Thôn 1", "Bản Đán", "Thôn Đoàn Kết"]
    assert long["district_name"].tolist() == ["Đông Sơn", "Đông Sơn", "Tây Sơn"]
    assert wide[["commune_code", "technology", "status"]].values.tolist() == [["00001", "lan", "none"],
                                                                               ["00004", "lan", "covered"]]
    assert set(long["file"]) == {"v.csv"} and set(wide["file"]) == {"l.xlsx"}
    assert ("l.xlsx không có cột 'Province', 'Community': columns={'district_name': 'Province'}, "
            "columns={'village_name': 'Community'} không dùng cho tệp này") in caplog.text
    with pytest.raises(SchemaError, match="columns= names 'Province', 'Community', which the file does not have; its "
                                          "headers are 'No.', 'Municipality code'"):
        dxmap.read_records(lan, columns=columns)
    with pytest.raises(SchemaError, match="các cột của từng tệp: v.csv: 'Municipality code'"):
        read_records_files([villages, lan], names=["v.csv", "l.xlsx"], columns={"status": "Tình hình"}, lang="vi")


def _long_and_lan(tmp_path):
    long = tmp_path / "a_long.csv"
    long.write_text("Mã xã,Công nghệ,Trạng thái,Ngày\n02692,fibre,Có,30/06/2024\n02695,LAN,Chưa có,30/06/2024\n",
                    encoding="utf-8")
    lan = tmp_path / "b_lan.csv"
    lan.write_text("Mã xã,Ward office network,Ngày\n02701,Yes,30/06/2024\n02704,No,30/06/2024\n", encoding="utf-8")
    return long, lan


def test_wide_applies_to_the_files_that_have_its_header(tmp_path, caplog):
    """QA72 K2: wide= was applied to every file, and a long file beside the LAN sheet that needs it was refused:
    as columns=, it is used for the files that have the header, said for the others, refused when none has it."""
    from dxmap.io.records import read_records_files

    long, lan = _long_and_lan(tmp_path)
    with caplog.at_level("INFO", logger="dxmap"):
        a, b = read_records_files([long, lan], wide={"Ward office network": "lan"})[0]
    assert a[["technology", "status"]].values.tolist() == [["fibre", "covered"], ["lan", "none"]]
    assert b[["commune_code", "technology", "status"]].values.tolist() == [["02701", "lan", "covered"],
                                                                           ["02704", "lan", "none"]]
    assert ("a_long.csv does not have 'Ward office network': wide={'Ward office network': 'lan'} not used for it"
            in caplog.text)
    with pytest.raises(SchemaError, match="wide= names 'Ward office netwrk', which no records file has; the files' "
                                          "headers are a_long.csv: 'Mã xã', 'Công nghệ'"):
        read_records_files([long, lan], wide={"Ward office netwrk": "lan"})
    with pytest.raises(SchemaError, match="a_long.csv: wide= names 'Ward office network', which the file does not"):
        dxmap.read_records(long, wide={"Ward office network": "lan"})  # one file alone: strict, as before


def test_technology_is_not_given_to_a_file_with_its_own_technology_column(tmp_path, caplog):
    """QA72 K2: technology= beside a file with a technology column refused the run; with several files, that file
    keeps its own, said once; every file having one, or one file alone, is refused as before."""
    from dxmap.io.records import read_records_files

    long, lan = _long_and_lan(tmp_path)
    with caplog.at_level("INFO", logger="dxmap"):
        a, b = read_records_files([long, lan], columns={"status": "Ward office network"}, technology="lan")[0]
    assert a["technology"].tolist() == ["fibre", "lan"] and b["technology"].tolist() == ["lan", "lan"]
    assert ("a_long.csv has a technology column of its own ('Công nghệ'): technology='lan' not used for it"
            in caplog.text)
    other = tmp_path / "c_long.csv"
    other.write_bytes(long.read_bytes())
    with pytest.raises(SchemaError, match="technology='lan' given, but the file has a technology column"):
        read_records_files([long, other], technology="lan")


def test_a_peruvian_wide_sheet_is_read_without_options(tmp_path):
    """QA72 K5: "Telefonía móvil 4G", "Fibra óptica", "Centro poblado", "Fuente", "Observaciones", "Sí" and "30 de
    junio de 2024" were none of them read; "Distrito" is left alone (a distrito is another level elsewhere)."""
    import openpyxl

    path = tmp_path / "registros_pe.xlsx"
    book = openpyxl.Workbook()
    for row in (["Ubigeo", "Distrito", "Código CCPP", "Centro poblado", "Telefonía móvil 4G", "Fibra óptica",
                 "Fecha de corte", "Fuente", "Observaciones"],
                ["050101", "Ayacucho", "0501010001", "Quinua", "Sí", "No", "30 de junio de 2024", "MTC", "ok"],
                ["050102", "Acocro", "0501020001", "Chacco", "Sin cobertura", "Disponible", "junio 2024", "MTC", None]):
        book.active.append(row)
    book.save(path)
    rec = dxmap.read_records(path)
    assert rec[["commune_code", "village_id", "village_name", "technology", "status", "source"]].values.tolist() == [
        ["050101", "0501010001", "Quinua", "mobile", "covered", "MTC"],
        ["050101", "0501010001", "Quinua", "fibre", "none", "MTC"],
        ["050102", "0501020001", "Chacco", "mobile", "none", "MTC"],
        ["050102", "0501020001", "Chacco", "fibre", "covered", "MTC"]]
    assert rec["note"].tolist()[:2] == ["ok", "ok"] and rec["as_of"].astype(str).unique().tolist() == ["2024-06-30"]
    assert rec["commune_name"].isna().all()  # "Distrito": not read as the commune's name


def test_a_sheet_of_technology_columns_no_header_names_is_told_to_use_wide(tmp_path):
    """QA72 K5: the error of a sheet whose header row is not recognised said only --column status=: a sheet of one
    column per technology needs --wide."""
    import openpyxl

    path = tmp_path / "s.xlsx"
    book = openpyxl.Workbook()
    for row in (["Ubicación", "Internet satelital", "Radio enlace"], ["X", "Sí", "No"]):
        book.active.append(row)
    book.save(path)
    with pytest.raises(SchemaError, match=r"for one column per technology \(cells saying yes/no\), give each "
                                          r"column's technology with wide=\{'Your header': 'lan'\}"):
        dxmap.read_records(path)


# --- a DataFrame held in a notebook (QA69 F2) ------------------------------------------------------------------------
_HELD = pd.DataFrame({"commune_code": ["02692", "02692", "02701", "02701"],
                      "technology": ["fibre", "lan", "lan", "lan"],
                      "status": ["none", "convered", "none", "covered"],
                      "as_of": ["2024-06-30", "31/06/2024", "2024-06-30", "2024-09-30"]}, index=[100, 101, 102, 103])


def test_a_dataframes_rows_are_named_by_its_index(demo, tmp_path, caplog):
    """A record's row is its index label (df.loc[101]), not index position + 2 (the line it would have in a CSV):
    "records row 3" was df.iloc[1], and with this index matched nothing the user saw."""
    with caplog.at_level("INFO", logger="dxmap"):
        rec = as_records(_HELD)
    assert rec["row"].tolist() == [100, 101, 102, 103] and rec["row"].dtype == "int64"
    assert "row 101: unknown status 'convered'" in caplog.text
    outcomes = dxmap.reconcile(rec, demo.communes, demo.villages)
    with pytest.raises(UnmatchedRecordsError, match="records row 101: invalid, unknown status 'convered'"):
        dxmap.analyse(dxmap.Dataset(communes=demo.communes, villages=demo.villages, records=rec))
    back = pd.read_csv(dxmap.write_outcomes(outcomes, tmp_path / "o.csv"), encoding="utf-8-sig")
    assert back["row"].tolist() == [100, 101, 102, 103]
    # an index that names no one row by a whole number: the position (df.iloc[n]); rows= still wins
    for index in (["a", "b", "c", "d"], [7, 7, 8, 9], pd.MultiIndex.from_tuples([(1, 1), (1, 2), (2, 1), (2, 2)])):
        assert as_records(_HELD.set_axis(index))["row"].tolist() == [0, 1, 2, 3]
    assert as_records(_HELD, rows=pd.Series([5, 6, 7, 8], index=_HELD.index))["row"].tolist() == [5, 6, 7, 8]


def test_a_dataframe_is_called_a_table_a_file_still_a_file(tmp_path, caplog):
    """The messages of the whole table say "table" ("bảng") for a DataFrame, "file" ("tệp") for a file read."""
    no_status = _HELD.drop(columns=["status"])
    with pytest.raises(SchemaError, match="The table's headers are 'commune_code'"):
        as_records(no_status)
    with pytest.raises(SchemaError, match="Các cột của bảng: 'commune_code'"):
        as_records(no_status, lang="vi")
    with pytest.raises(SchemaError, match="wide= names 'X', which the table does not have"):
        as_records(_HELD, wide={"X": "lan"})
    path = tmp_path / "r.csv"
    no_status.to_csv(path, index=False)
    with pytest.raises(SchemaError, match="The file's headers are 'commune_code'"):
        dxmap.read_records(path)
    either = _HELD.assign(status="none", as_of=["01/02/2024", "02/01/2024", "03/04/2024", "04/03/2024"])
    with caplog.at_level("INFO", logger="dxmap"):
        as_records(either)
        as_records(either, lang="vi")
    assert "if the table is written month first, pass date_order='mdy'" in caplog.text
    assert "nếu bảng viết tháng trước" in caplog.text
    assert "the file" not in caplog.text and "tệp" not in caplog.text


def test_commune_codes_in_the_commune_s_column_are_its_codes(tmp_path):
    """QA70 N7: a sheet whose "Xã" column holds GSO codes was refused, told that 02692 and 02695 (A Lù, Trịnh Tường)
    are not in the bundled layers: they were read as names. Four digits or more are a code; a ward's "12" a name."""
    path = tmp_path / "xa.csv"
    path.write_text("Xã,Mạng LAN chuẩn,Ngày\n02692,x,30/06/2024\n2695,0,30/06/2024\n12,x,30/06/2024\n",
                    encoding="utf-8")
    records = dxmap.read_records(path)
    assert records["commune_code"].tolist()[:2] == ["02692", "02695"]  # GSO codes have five digits
    assert records["commune_name"].tolist()[2] == "12" and pd.isna(records["commune_code"].iloc[2])
    out = dxmap.reconcile(records.iloc[:2], dxmap.bundled_communes())
    assert out["outcome"].tolist() == ["matched", "matched"] and out["unit_id"].tolist() == ["02692", "02695"]

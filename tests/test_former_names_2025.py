"""Records written for the 2025-07 units that name a commune of before 1 July 2025 by a name some new unit bears now
(QA64 F1), and the values of a records file's "Phiên bản" column (QA64 F17)."""

from __future__ import annotations

import logging

import pandas as pd
import pytest
from click.testing import CliRunner

import dxmap
from dxmap.cli import main
from dxmap.errors import ArgumentError, SchemaError
from dxmap.io.bundled import bundled_units_2025
from dxmap.io.records import as_records

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning", "ignore::UserWarning")


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _records(rows: list[tuple], columns: tuple[str, ...] = ("commune_name", "district_name")) -> pd.DataFrame:
    raw = pd.DataFrame(rows, columns=list(columns)).fillna("")
    dates = pd.date_range("2025-07-01", periods=len(raw)).strftime("%Y-%m-%d")  # one unit twice: no duplicate
    return as_records(raw.assign(technology="lan", status="none", as_of=dates), where="f.csv")


# the tester's sheet (/tmp/qa64/work/in/lan_ten_cu_2026.csv): old names with their former districts
_OLD_NAMES = [("Phường Nam Cường", "Thành phố Lào Cai"), ("Thị trấn Khánh Yên", "Văn Bàn"),
              ("Xã Trung Tâm", "Lục Yên"), ("Thị trấn Trạm Tấu", "Trạm Tấu"), ("Xã Nghĩa Lộ", "TX Nghĩa Lộ"),
              ("Thị trấn Bát Xát", "Bát Xát")]


def test_an_old_name_now_another_unit_s_is_unmatched_with_where_it_went():
    """Each named the unit its namesake of now is not: the LAN of TT Trạm Tấu's office counted in Xã Trạm Tấu,
    of Nam Cường (old Lào Cai city) in Nam Cường of old Yên Bái city. Thị trấn Bát Xát is Xã Bát Xát's own."""
    report = dxmap.reconcile(_records(_OLD_NAMES), bundled_units_2025(), records_version="2025-07")
    assert report["outcome"].tolist() == ["unmatched"] * 5 + ["matched"]
    assert report["unit_id"].isna().tolist() == [True] * 5 + [False]
    assert report["matched_commune_code"].isna().tolist() == [True] * 5 + [False]
    assert report.loc[5, "unit_id"] == "02683"
    reason = report["reason"].tolist()
    went = ["02671 Phường Nam Cường (Thành phố Lào Cai) is part of 02671 Phường Cam Đường",
            "03055 Thị trấn Khánh Yên (Huyện Văn Bàn) is part of 03082 Xã Văn Bàn",
            "04372 Xã Trung Tâm (Huyện Lục Yên) is part of 04363 Xã Phúc Lợi",
            "04585 Thị trấn Trạm Tấu (Huyện Trạm Tấu) is part of 04585 Xã Hạnh Phúc",
            "04624 Xã Nghĩa Lộ (Thị xã Nghĩa Lộ) is part of 04663 Phường Trung Tâm"]
    for text, where in zip(reason, went):
        assert f"a commune until 1 July 2025: {where}. Name the unit it is part of since 1 July 2025" in text
    assert reason[0].startswith("04273 Phường Nam Cường has no part in the former Thành phố Lào Cai; ")
    assert reason[3].startswith("the name Thị trấn Trạm Tấu says thị trấn, but 04606 Xã Trạm Tấu is no thị trấn; ")
    assert reason[2].startswith("the name Xã Trung Tâm says xã, but 04663 Phường Trung Tâm is no xã and has no part "
                                "in the former Huyện Lục Yên; ")
    assert "04600" not in reason[3]  # the former Xã Trạm Tấu is not what "Thị trấn" names
    suggestions = report["suggestions"].tolist()
    for text, first in zip(suggestions, ["02671 Cam Đường", "03082 Văn Bàn", "04363 Phúc Lợi", "04585 Hạnh Phúc",
                                         "04663 Trung Tâm"]):
        assert text.startswith(f"{first} (since 1 July 2025); ")
    assert report.loc[5, "name_note"] == "commune name spelt 'Xã Bát Xát' in the layer"


def test_the_reason_in_vietnamese():
    report = dxmap.reconcile(_records(_OLD_NAMES[:2]), bundled_units_2025(), records_version="2025-07", lang="vi")
    assert report["reason"].tolist() == [
        "04273 Phường Nam Cường không có phần nào thuộc thành phố Lào Cai cũ; là xã cũ (đến ngày 1/7/2025): 02671 "
        "Phường Nam Cường (Thành phố Lào Cai) nay thuộc 02671 Phường Cam Đường. Hãy ghi đơn vị mới (từ ngày 1/7/2025)",
        "tên Thị trấn Khánh Yên ghi là thị trấn, nhưng 03103 Xã Khánh Yên không phải thị trấn; là xã cũ (đến ngày "
        "1/7/2025): 03055 Thị trấn Khánh Yên (Huyện Văn Bàn) nay thuộc 03082 Xã Văn Bàn. Hãy ghi đơn vị mới (từ ngày "
        "1/7/2025)"]


def test_the_99_units_still_match_themselves_and_old_names_do_not():
    """Every bundled 2025-07 unit by its full name, its bare name, its code and name, and with each former district
    it has a part in, matches itself; the old names typed beside them do not."""
    units = bundled_units_2025()
    codes = units["code"].tolist()
    sheets = [[(n, "", "") for n in units["full_name"]], [(n, "", "") for n in units["name"]],
              [(n, "", c) for n, c in zip(units["full_name"], codes)]]
    owns = [codes, codes, codes]
    formers = [str(f).split("; ") for f in units["former_district_names"]]
    for k in range(max(map(len, formers))):  # a unit of three former districts: in three sheets
        sheets.append([(n, f[k], "") for n, f in zip(units["full_name"], formers) if len(f) > k])
        owns.append([c for c, f in zip(codes, formers) if len(f) > k])
    sheets[0] += [(name, district, "") for name, district in _OLD_NAMES[:5]]
    for sheet, own in zip(sheets, owns):
        report = dxmap.reconcile(_records(sheet, ("commune_name", "district_name", "commune_code")), units,
                                 records_version="2025-07")
        mine = report.iloc[:len(own)]
        assert mine["outcome"].eq("matched").all(), mine.loc[mine["outcome"].ne("matched"), ["commune_name", "reason"]]
        assert mine["unit_id"].tolist() == own
    first = dxmap.reconcile(_records(sheets[0], ("commune_name", "district_name", "commune_code")), units,
                            records_version="2025-07")
    assert first["outcome"].iloc[99:].tolist() == ["unmatched"] * 5


@pytest.mark.parametrize(("name", "district", "unit"), [
    ("Xã Trạm Tấu", "Trạm Tấu", "04606"),  # its own kind: the new unit (the former Xã Trạm Tấu went into it)
    ("Phường Nam Cường", "", "04273"), ("Phường Nam Cường", "Yên Bái", "04273"),
    ("Phường Nam Cường", "TP Yên Bái", "04273"),
    ("Xã Nam Cường", "", "04273"),  # no former Xã Nam Cường: a commune since made a ward, as before
    ("Khánh Yên", "Văn Bàn", "03103"), ("Thị trấn Mường Khương", "", "02761"), ("Xã Văn Phú", "Yên Bái", "04279"),
    ("Nam Chay", "", "03076"),  # typed without diacritics: spelt as neither, the one namesake
])
def test_names_of_the_new_units_as_people_type_them_still_match(name, district, unit):
    report = dxmap.reconcile(_records([(name, district)]), bundled_units_2025(), records_version="2025-07")
    assert report.loc[0, "outcome"] == "matched" and report.loc[0, "unit_id"] == unit


@pytest.mark.parametrize(("name", "district", "former", "new"), [
    ("TT. Trạm Tấu", "", "04585 Thị trấn Trạm Tấu", "04585 Xã Hạnh Phúc"),
    ("Thi tran Tram Tau", "", "04585 Thị trấn Trạm Tấu", "04585 Xã Hạnh Phúc"),
    ("Nam Cường", "080", "02671 Phường Nam Cường", "02671 Phường Cam Đường"),  # the former district by its code
    ("Trung Tâm", "Lục Yên", "04372 Xã Trung Tâm", "04363 Xã Phúc Lợi"),
    ("Xã Nậm Chảy", "", "02770 Xã Nậm Chảy", "02761 Xã Mường Khương"),  # spelt as the former, not as Nậm Chày
    ("Xã Xà Hồ", "", "04594 Xã Xà Hồ", "04585 Xã Hạnh Phúc"),  # "ho" to name_key, as Bản Hồ is
])
def test_the_row_s_own_words_say_a_former_commune(name, district, former, new):
    report = dxmap.reconcile(_records([(name, district)]), bundled_units_2025(), records_version="2025-07")
    assert report.loc[0, "outcome"] == "unmatched"
    assert f"{former} (" in report.loc[0, "reason"] and f"is part of {new}." in report.loc[0, "reason"]


def test_the_how_to_read_as_2024_line_counts_every_former_name(caplog):
    rec = _records([("A Lù", ""), ("Thị trấn Trạm Tấu", "")])
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        report = dxmap.reconcile(rec, bundled_units_2025(), records_version="2025-07")
    assert report["outcome"].tolist() == ["unmatched", "unmatched"]
    said = [r.getMessage() for r in caplog.records if "of before 1 July 2025" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith("2 records name communes of before 1 July 2025")
    only = _records([("Thị trấn Trạm Tấu", "")])  # the line is said where every other row matched too
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        dxmap.reconcile(only, bundled_units_2025(), records_version="2025-07")
    assert any(r.getMessage().startswith("1 record names a commune of before 1 July 2025") for r in caplog.records)


def test_a_village_of_a_former_township_is_not_filed_under_its_namesake(tmp_path):
    """The tester's yen_bai_cu_T12_2026.csv row 8: "Thị trấn Trạm Tấu", "Tổ 1" was counted in Xã Trạm Tấu."""
    sheet = tmp_path / "yb.csv"
    sheet.write_text("Tên xã,Tên thôn/bản,Cáp quang,Ngày cập nhật\nThị trấn Trạm Tấu,Tổ 1,Chưa có,20/11/2026\n"
                     "Xã Trạm Tấu,Bản Tà Xùa,Có,20/11/2026\n", encoding="utf-8")
    out = tmp_path / "o.csv"
    result = run("check", "--lang", "en", "--records", str(sheet), "--records-version", "2025-07", "--outcomes",
                 str(out))
    assert result.exit_code == 1, result.output
    outcomes = pd.read_csv(out, dtype=str)
    assert outcomes["outcome"].tolist() == ["unmatched", "matched"]
    assert outcomes["matched_commune_code"].fillna("").tolist() == ["", "04606"]
    assert "is part of 04585 Xã Hạnh Phúc" in outcomes.loc[0, "reason"]


# --- the "Phiên bản" column (QA64 F17) ------------------------------------------------------------------------
def _sheet(tmp_path, versions: list[str], name: str = "pb.csv"):
    path = tmp_path / name
    lines = ["Tên xã,Mạng LAN chuẩn,Ngày cập nhật,Phiên bản"]
    lines += [f"{n},Có,20/11/2026,{v}" for n, v in zip(["Xã Y Tý", "Xã Bát Xát", "Xã Mường Hum", "Xã Trịnh Tường"],
                                                         versions)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_version_no_one_can_read_is_refused_with_its_rows_and_the_accepted_values(tmp_path):
    """The tester's phienban.csv: "2025", "mới" and a blank. "2025" may be the units of January 2025 (dxmap's
    "2024"); "mới" is the writer's new. No invented version, no advice to drop a --communes never given."""
    result = run("check", "--lang", "en", "--records", str(_sheet(tmp_path, ["2025", "mới", ""])))
    assert result.exit_code == 1
    said = result.output.strip().splitlines()[-1]
    assert said.startswith("dxmap: error: pb.csv: the boundary_version column says '2025' (row 2), 'mới' (row 3), "
                           "which is no version of the units. Write one of 2024, 2025-07 (")
    assert "--communes" not in said and "version 2025 " not in said
    vi = run("check", "--records", str(_sheet(tmp_path, ["mới", "mới", "mới"])))
    assert "pb.csv: cột Phiên bản ghi 'mới' (dòng 2, 3, 4): không phải phiên bản đơn vị" in vi.output


def test_july_2025_as_people_write_it_is_read_and_said_once(tmp_path):
    """A blank cell is read as the others' (the boundary set's version: the bundled 99 units they choose)."""
    out = tmp_path / "o.csv"
    result = run("check", "--lang", "en", "--records", str(_sheet(tmp_path, ["07/2025", "2025-7", "", "2025-07"])),
                 "--outcomes", str(out))
    assert result.exit_code == 0, result.output
    assert result.output.count("the boundary_version column says") == 1
    assert "pb.csv: the boundary_version column says '07/2025' (row 2), '2025-7' (row 3): read as version 2025-07" in (
        result.output)
    outcomes = pd.read_csv(out, dtype=str)
    assert outcomes["matched_commune_code"].tolist() == ["02701", "02683", "02728", "02695"]


def test_leave_out_communes_is_advised_only_when_it_was_given(tmp_path):
    # a file that says no version beside one of each version, no --communes: refused as two versions (QA64 F3;
    # rounds of one version each are compared, tests/test_across.py), with no word of a --communes to drop
    both = _sheet(tmp_path, ["2024", "2025-07"], "both.csv")
    bundled = run("check", "--lang", "en", "--records", str(both), "--records", str(_sheet(tmp_path, ["", ""])))
    assert bundled.exit_code == 1, bundled.output
    assert "two versions of the units" in bundled.output and "leave it out" not in bundled.output
    layer = str(dxmap.io.bundled.data_dir() / "boundaries" / "laocai_2025-07_units.geojson")
    given = run("check", "--lang", "en", "--records", str(_sheet(tmp_path, ["2024", "2024"], "old.csv")),
                "--communes", layer)
    assert "Give the 2024 boundaries with --communes (or leave it out for the bundled ones)" in given.output


def test_records_version_is_checked_like_the_option():
    rec = _records([("Y Tý", "")])
    with pytest.raises(ArgumentError, match=r"records_version='2025' is not a version of the units; give one of "
                                            r"'2024', '2025-07'"):
        dxmap.reconcile(rec, bundled_units_2025(), records_version="2025")
    # the DataFrame's index (QA69 F2; was row 2, as a CSV line)
    with pytest.raises(SchemaError, match=r"f.csv: the boundary_version column says 'new' \(row 0\)"):
        dxmap.reconcile(rec.assign(boundary_version="new"), bundled_units_2025())

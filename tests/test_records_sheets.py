"""Which sheets of a workbook are read: several named (--sheet repeated, sheet=[...]), per workbook among several
files, and a cover sheet of counts per commune left out (QA71 C1, C6)."""

from __future__ import annotations

import logging

import openpyxl
import pytest
from click.testing import CliRunner

from dxmap.cli import main
from dxmap.errors import ArgumentError, SchemaError
from dxmap.io.records import read_records, read_records_files

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning", "ignore::UserWarning")

LAN = ["Mã xã", "Tên xã", "Mạng LAN chuẩn", "Ngày cập nhật"]
SHEET_A = [LAN, ["02635", "Duyên Hải", "Có", "31/03/2024"], ["02641", "Lào Cai", "Chưa có", "31/03/2024"]]
SHEET_B = [LAN, ["02644", "Cốc Lếu", "Có", "31/03/2024"], ["02647", "Kim Tân", "Chưa có", "31/03/2024"]]
# the cover sheet of a commune office's workbook: villages without mobile or fibre counted per commune
COVER = [["TỔNG HỢP SỐ THÔN/BẢN CHƯA CÓ HẠ TẦNG - QUÝ I/2024"],
         ["STT", "Mã xã", "Xã", "Tổng số thôn", "Di động (chưa có)", "Cáp quang (chưa có)", "Mạng LAN chuẩn",
          "Ngày cập nhật"],
         [1, "02635", "Duyên Hải", 32, 2, 8, "Có", "31/03/2024"],
         [2, "02641", "Lào Cai", 41, 1, 12, "Chưa có", "31/03/2024"],
         [3, "02644", "Cốc Lếu", 27, 3, 6, "Có", "31/03/2024"],
         [4, "02647", "Kim Tân", 37, 0, 6, "Chưa có", "31/03/2024"],
         [None, "Tổng cộng", None, 137, 6, 32, None, None]]


def _book(path, sheets: dict[str, list[list[object]]]):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
    book.save(path)
    return path


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


# --- several sheets named (QA71 C1) ----------------------------------------------------------------------------

def test_sheet_given_twice_reads_both_sheets_on_the_command_line(tmp_path):
    path = _book(tmp_path / "w.xlsx", {"Bảo Yên": SHEET_A, "Nghĩa Đô": SHEET_B, "Xuân Hòa": SHEET_A})
    result = run("check", "--lang", "en", "--records", str(path), "--sheet", "Bảo Yên", "--sheet", "nghia do")
    assert result.exit_code == 0, result.output
    assert "4 records: matched 4" in result.output  # before: the last sheet only, 2 records
    assert "2 sheets hold records ('Bảo Yên', 'Nghĩa Đô')" in result.output


def test_read_records_takes_a_list_of_sheets_and_still_one(tmp_path):
    path = _book(tmp_path / "w.xlsx", {"Bảo Yên": SHEET_A, "Nghĩa Đô": SHEET_B, "Xuân Hòa": SHEET_A})
    both = read_records(path, sheet=["Bảo Yên", 1])
    assert both["commune_code"].tolist() == ["02635", "02641", "02644", "02647"]
    assert set(both["file"]) == {"w.xlsx [Bảo Yên]", "w.xlsx [Nghĩa Đô]"}  # which sheet each row is on
    assert read_records(path, sheet="Nghĩa Đô")["commune_code"].tolist() == ["02644", "02647"]
    assert read_records(path, sheet=2)["commune_code"].tolist() == ["02635", "02641"]
    assert len(read_records(path, sheet=("Bảo Yên", "bao yen"))) == 2  # one sheet named twice is read once


def test_a_sheet_named_that_the_workbook_lacks_is_refused_with_its_sheets(tmp_path):
    path = _book(tmp_path / "w.xlsx", {"Bảo Yên": SHEET_A, "Nghĩa Đô": SHEET_B})
    with pytest.raises(SchemaError, match=r"no sheet named 'Nope'; the workbook has 'Bảo Yên', 'Nghĩa Đô'"):
        read_records(path, sheet=["Bảo Yên", "Nope"])
    result = run("check", "--lang", "en", "--records", str(path), "--sheet", "Bảo Yên", "--sheet", "Nope", "-q")
    assert result.exit_code == 1 and "no sheet named 'Nope'" in result.output and "--sheet" in result.output
    with pytest.raises(ArgumentError, match="sheet="):
        read_records(path, sheet=[1.5])
    with pytest.raises(ArgumentError, match="empty list"):
        read_records(path, sheet=[])


def test_with_several_workbooks_each_reads_the_sheets_it_has(tmp_path, caplog):
    one = _book(tmp_path / "q1.xlsx", {"Bảo Yên": SHEET_A, "Nghĩa Đô": SHEET_B})
    two = _book(tmp_path / "q2.xlsx", {"Sheet1": SHEET_B})
    with caplog.at_level(logging.INFO, logger="dxmap"):
        first, second = read_records_files([one, two], sheet=["Nghĩa Đô"])[0]
    assert first["commune_code"].tolist() == ["02644", "02647"]
    assert second["commune_code"].tolist() == ["02644", "02647"]  # no such sheet: read as without sheet=
    assert "q2.xlsx: no sheet named 'Nghĩa Đô' (its sheets: 'Sheet1')" in caplog.text
    with pytest.raises(SchemaError, match=r"sheet= names 'Xuân Hòa', which no workbook has; the workbooks' sheets "
                                          r"are q1.xlsx: 'Bảo Yên', 'Nghĩa Đô'; q2.xlsx: 'Sheet1'"):
        read_records_files([one, two], sheet=["Nghĩa Đô", "Xuân Hòa"])
    result = run("check", "--lang", "en", "--records", str(one), "--records", str(two), "--sheet", "Xuân Hòa", "-q")
    assert result.exit_code == 1 and "--sheet names 'Xuân Hòa', which no workbook has" in result.output


# --- a cover sheet of counts (QA71 C6) ---------------------------------------------------------------------------

def test_a_cover_sheet_of_counts_is_left_out_and_the_units_sheets_read(tmp_path):
    path = _book(tmp_path / "w.xlsx", {"Tổng hợp": COVER, "Bảo Yên": SHEET_A, "Nghĩa Đô": SHEET_B})
    result = run("check", "--lang", "en", "--records", str(path))
    assert result.exit_code == 0, result.output  # before: counts read as statuses, the LAN rows duplicates
    assert "4 records: matched 4, unmatched 0, ambiguous 0, duplicate 0" in result.output
    said = [line for line in result.output.splitlines() if "Tổng hợp" in line]
    assert said == ["dxmap: w.xlsx: sheet 'Tổng hợp' holds counts (column 'Di động (chưa có)': 2, 3, 6), not a "
                    "status per unit: not read (--sheet names the sheets to read)"]
    vi = run("check", "--records", str(path), "-q")
    assert vi.exit_code == 0 and "trang tính 'Tổng hợp' ghi số lượng" in vi.output
    assert len(read_records(path)) == 4


def test_a_workbook_of_counts_only_is_refused_saying_it_holds_counts(tmp_path):
    path = _book(tmp_path / "w.xlsx", {"Tổng hợp": COVER, "Bảo Yên": SHEET_A})
    with pytest.raises(SchemaError, match=r"1 sheet \('Tổng hợp'\) holds counts \(column 'Di động \(chưa có\)': "
                                          r"2, 3, 6\), not a status per village or commune"):
        read_records(path, sheet="tong hop")
    alone = _book(tmp_path / "cover.xlsx", {"Tổng hợp": COVER})
    result = run("check", "--lang", "en", "--records", str(alone), "-q")
    assert result.exit_code == 1 and "holds counts" in result.output and "not read as" not in result.output
    assert result.output.count("\n") == 1  # one line, not one per cell
    text = tmp_path / "cover.csv"
    text.write_text("\n".join(",".join("" if c is None else str(c) for c in row) for row in COVER[1:]),
                    encoding="utf-8")
    with pytest.raises(SchemaError, match=r"column 'Di động \(chưa có\)' holds counts \(2, 3, 6\)"):
        read_records(text)


def test_yes_no_cells_and_status_words_are_statuses_not_counts(tmp_path):
    """Conservative: a sheet of 1 and 0 (yes, no) is read, and numbers the user gives as status words are statuses."""
    ones = [["Mã xã", "Tên thôn", "Di động", "Cáp quang", "Ngày cập nhật"],
            ["02635", "Thôn 1", 1, 0, "31/03/2024"], ["02635", "Thôn 2", 0, 1, "31/03/2024"],
            ["02641", "Thôn 3", 1, 1, "31/03/2024"]]
    path = _book(tmp_path / "w.xlsx", {"Có không": ones, "Bảo Yên": SHEET_A})
    records = read_records(path)
    assert len(records) == 8 and set(records["file"]) == {"w.xlsx [Có không]", "w.xlsx [Bảo Yên]"}
    assert records["status"].notna().all()
    words = {"2": "none", "3": "none", "6": "none", "8": "none", "12": "none", "1": "none", "0": "covered"}
    book = _book(tmp_path / "c.xlsx", {"Tổng hợp": COVER, "Bảo Yên": SHEET_A})
    read = read_records(book, status_words=words)
    assert set(read["file"]) == {"c.xlsx [Tổng hợp]", "c.xlsx [Bảo Yên]"}  # the user said the numbers are statuses

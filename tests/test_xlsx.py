"""Spreadsheets whose name lies about what they hold (QA64 F14): read by content where dxmap can, said once with
the file's name; refused with the way to an .xlsx file where it cannot, never with a traceback."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import dxmap
from dxmap.cli import main
from dxmap.errors import UnsupportedFormatError
from dxmap.io.xlsx import sheet_names
from tests.hostile.make_corpus import _compound_file

DATA = Path(__file__).parent / "data"
KEPT = ["commune_code", "technology", "status", "as_of", "village_name", "row"]


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a[KEPT].reset_index(drop=True), b[KEPT].reset_index(drop=True))


def _said(caplog, word: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if word in r.getMessage() and r.levelno == logging.WARNING]


@pytest.mark.parametrize("name", ["bieu.xls", "bieu.csv", "bieu.XLS"])
def test_an_xlsx_workbook_under_another_name_is_read_as_one_and_said_once(tmp_path, caplog, name):
    path = tmp_path / name
    shutil.copy(DATA / "records.xlsx", path)
    with caplog.at_level(logging.INFO, logger="dxmap"):
        rec = dxmap.read_records(path)
    _same(rec, dxmap.read_records(DATA / "records.xlsx"))
    assert set(rec["file"]) == {name}
    said = _said(caplog, "read as .xlsx")
    assert said == [f"{name}: named {Path(name).suffix.lower()} but it is an .xlsx workbook: read as .xlsx (rename it "
                    f"{Path(name).stem}.xlsx and this line goes)"], caplog.text
    assert sheet_names(path) == sheet_names(DATA / "records.xlsx")


def test_the_line_is_said_in_vietnamese_too(tmp_path, caplog):
    path = tmp_path / "bieu.xls"
    shutil.copy(DATA / "records.xlsx", path)
    with caplog.at_level(logging.INFO, logger="dxmap"):
        dxmap.read_records(path, lang="vi")
    assert _said(caplog, "bieu.xls") == ["bieu.xls: tệp có đuôi .xls nhưng thực ra là bảng tính .xlsx: đọc như tệp "
                                         ".xlsx (đổi tên thành bieu.xlsx thì không còn dòng này)"]


@pytest.mark.parametrize(("sep", "encoding", "name"), [(",", "utf-8-sig", "bieu.xls"), ("\t", "utf-16", "bieu.xls"),
                                                       (";", "utf-8", "bieu.xlsx")])
def test_a_text_table_named_xls_or_xlsx_is_read_as_csv(tmp_path, caplog, sep, encoding, name):
    """Government web systems export CSV or tab-separated "Unicode Text" (UTF-16) under a .xls name."""
    table = pd.read_csv(DATA / "records.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    path = tmp_path / name
    table.to_csv(path, sep=sep, index=False, encoding=encoding)
    with caplog.at_level(logging.INFO, logger="dxmap"):
        rec = dxmap.read_records(path)
    _same(rec, dxmap.read_records(DATA / "records.csv"))
    assert _said(caplog, "read as CSV") == [f"{name}: named {path.suffix} but it is a text table (CSV/TSV): read as "
                                            f"CSV (rename it bieu.csv and this line goes)"]


def test_a_workbook_that_agrees_with_its_name_is_read_without_a_word(tmp_path, caplog):
    from dxmap.io.xlsx import read_as

    with caplog.at_level(logging.INFO, logger="dxmap"):
        dxmap.read_records(DATA / "records.xlsx")
        dxmap.read_records(DATA / "records.csv")
    assert not _said(caplog, "named")
    assert read_as(DATA / "records.xlsx") == ".xlsx" and read_as(DATA / "records.csv") == ".csv"


HTML = ('<html><head><meta charset="utf-8"></head><body><table border="1"><tr><th>Mã xã</th><th>Công nghệ</th>'
        '<th>Trạng thái</th><th>Ngày</th></tr><tr><td>02692</td><td>lan</td><td>có</td><td>30/06/2024</td></tr>'
        '</table></body></html>')
XML_2003 = ('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft'
            '-com:office:spreadsheet"><Worksheet ss:Name="Sheet1"><Table></Table></Worksheet></Workbook>')


@pytest.mark.parametrize(("content", "says"), [
    (_compound_file(["Workbook"]),
     "b.xls: an Excel 97-2003 workbook (the old binary .xls), a format dxmap does not read. Open it in Excel or "
     "LibreOffice Calc, use File > Save As 'Excel Workbook (.xlsx)', and give the saved b.xlsx instead."),
    (_compound_file(["EncryptionInfo", "EncryptedPackage"]), "b.xls: the workbook is protected with a password"),
    ("<html><body><p>Báo cáo</p><table><tr><td>STT</td><td>Ghi chú</td></tr></table></body></html>".encode(),
     "b.xls: a web page (HTML, as management systems export tables under a .xls name) with no table whose header "
     "dxmap recognises. Open it in Excel or LibreOffice Calc, check the table, use File > Save As 'Excel Workbook "
     "(.xlsx)', and give the saved b.xlsx instead."),
    (XML_2003.encode(), "b.xls: an 'XML Spreadsheet 2003' (XML text named .xls)"),
    (bytes(range(256)) * 4, "b.xls: not a workbook (a .xls file is an Excel 97-2003 workbook; this one is neither"),
])
def test_what_dxmap_cannot_read_under_a_xls_name_is_refused_with_the_fix(tmp_path, content, says):
    path = tmp_path / "b.xls"
    path.write_bytes(content)
    with pytest.raises(UnsupportedFormatError) as err:
        dxmap.read_records(path)
    assert str(err.value).startswith(f"{tmp_path / says}"), str(err.value)


def test_the_binary_xls_refusal_in_vietnamese(tmp_path):
    path = tmp_path / "b.xls"
    path.write_bytes(_compound_file(["Workbook"]))
    with pytest.raises(UnsupportedFormatError, match=re.escape("bảng tính Excel 97-2003 (.xls dạng nhị phân cũ), "
                                                               "dxmap không đọc dạng này. Hãy mở bằng Excel hoặc "
                                                               "LibreOffice Calc")):
        dxmap.read_records(path, lang="vi")


def test_an_old_binary_workbook_named_xlsx_names_libreoffice_too(tmp_path):
    path = tmp_path / "b.xlsx"
    path.write_bytes(_compound_file(["Workbook"]))
    with pytest.raises(UnsupportedFormatError, match=re.escape("b.xlsx: an Excel 97-2003 workbook (.xls), not .xlsx. "
                                                               "Open it in Excel or LibreOffice Calc")):
        dxmap.read_records(path)


def test_on_the_command_line_one_line_each_and_no_traceback(tmp_path):
    good, bad = tmp_path / "bao cao.xls", tmp_path / "cu.xls"
    shutil.copy(DATA / "records.xlsx", good)
    bad.write_bytes(_compound_file(["Workbook"]))
    communes = str(DATA / "communes.geojson")
    read = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(good), "--communes", communes])
    said = [line for line in read.stderr.splitlines() if "read as .xlsx" in line]
    assert said == ["dxmap: bao cao.xls: named .xls but it is an .xlsx workbook: read as .xlsx (rename it bao cao.xlsx "
                    "and this line goes)"], read.stderr
    assert "\n9 records: matched 8, unmatched 1" in read.output, read.output
    refused = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(bad), "--communes", communes])
    lines = [line for line in refused.stderr.splitlines() if "error" in line]
    assert refused.exit_code == 1 and "Traceback" not in refused.stderr + refused.output
    assert len(lines) == 1 and lines[0].endswith("give the saved cu.xlsx instead."), lines
    assert lines[0].startswith(f"dxmap: error: {bad}: an Excel 97-2003 workbook (the old binary .xls)"), lines


# A web system's "Excel" export: a page with a title, a header over two rows (cells spanning rows and columns), a
# heading across the body, the LAN as "Có" / "Chưa có" marked "x"; its charset as the page says.
GOV_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258"></head><body>
<table border="1">
<tr><td colspan="5"><b>BÁO CÁO HIỆN TRẠNG MẠNG LAN CHUẨN</b></td></tr>
<tr><th rowspan="2">Mã xã</th><th rowspan="2">Tên xã</th><th colspan="2">Mạng LAN chuẩn</th>
<th rowspan="2">Ngày</th></tr>
<tr><th>Có</th><th>Chưa có</th></tr>
<tr><td colspan="5">I. Huyện Đông Sơn</td></tr>
<tr><td>00001</td><td>Đồng Tâm</td><td></td><td>x</td><td>30/06/2024</td></tr>
<tr><td>00002</td><td>Tân&nbsp;Lập</td><td>x</td><td></td><td>30/06/2024</td></tr>
</table></body></html>"""


@pytest.mark.parametrize(("name", "encoding"), [("bieu.xls", "utf-8"), ("bieu.xlsx", "utf-16")])
def test_a_web_page_named_xls_is_read_by_its_table(tmp_path, caplog, name, encoding):
    path = tmp_path / name
    page = GOV_PAGE.replace("windows-1258", encoding)
    path.write_bytes(page.encode(encoding))
    with caplog.at_level(logging.INFO, logger="dxmap"):
        rec = dxmap.read_records(path)
    kept = rec[rec["ignore_reason"].isna()] if "ignore_reason" in rec else rec
    assert kept[["commune_code", "commune_name", "technology", "status", "row"]].values.tolist() == [
        ["00001", "Đồng Tâm", "lan", "none", 5], ["00002", "Tân Lập", "lan", "covered", 6]]
    assert kept["as_of"].astype(str).tolist() == ["2024-06-30"] * 2
    said = _said(caplog, "web page")
    assert said == [f"{name}: named {path.suffix} but it is a web page (an HTML table): read its table, 3 data rows "
                    "from row 4 (save it as .xlsx in Excel or LibreOffice and this line goes)"], caplog.text


def test_a_web_page_in_windows_1258_is_read_as_its_charset_says(tmp_path):
    """Windows-1258 writes "ồ" as "ô" and a separate tone mark: the names are read composed (NFC), as everywhere."""
    page = ('<html><head><meta charset="windows-1258"></head><body><table><tr><th>commune_code</th>'
            '<th>commune_name</th><th>technology</th><th>status</th><th>as_of</th></tr><tr><td>00001</td>'
            '<td>\u0110\u00f4\u0300ng T\u00e2m</td><td>lan</td><td>none</td><td>2024-06-30</td></tr>'
            '</table></body></html>')
    path = tmp_path / "r.xls"
    path.write_bytes(page.encode("cp1258"))
    rec = dxmap.read_records(path)
    assert rec[["commune_code", "commune_name", "status", "row"]].values.tolist() == [["00001", "Đồng Tâm", "none", 2]]

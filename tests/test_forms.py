"""One status report in the four forms provinces send (tests/data/forms/make_forms.py): the same units and statuses.

(a) long CSV with day-first dates, (b) wide XLSX with title rows, merged headers, one "Mạng LAN
chuẩn" column, a total row and no date column, (c) wide XLSX of villages with x-marked "Có | Chưa
có" sub-columns under merged technology headers, (d) UTF-16 "Unicode Text" with title rows.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import dxmap
from dxmap.errors import SchemaError
from dxmap.cli import main

HERE = Path(__file__).parent
_spec = importlib.util.spec_from_file_location("make_forms", HERE / "data" / "forms" / "make_forms.py")
forms = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("make_forms", forms)  # its dataclasses look their module up
_spec.loader.exec_module(forms)

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning", "ignore::UserWarning")


@pytest.fixture(scope="session")
def paths(tmp_path_factory) -> dict[str, Path]:
    return forms.write_all(tmp_path_factory.mktemp("forms"))


@pytest.fixture(scope="module")
def layers():
    return dxmap.bundled_communes(), dxmap.as_villages(dxmap.read_boundaries(forms.SAMPLE_VILLAGES))


def _read(paths, form: str) -> pd.DataFrame:
    return dxmap.read_records(paths[form], as_of=forms.RECORDS_DATE if form == "b" else None)


def _lines(report: pd.DataFrame) -> list[dict]:
    out = []
    for r in report.itertuples():
        line = {"row": int(r.row), "technology": r.technology if isinstance(r.technology, str) else None,
                "outcome": r.outcome, "unit_id": r.unit_id if isinstance(r.unit_id, str) else None}
        if r.outcome == "matched":
            line |= {"status": r.status, "as_of": r.as_of.date().isoformat()}
        out.append(line)
    return out


def test_the_corpus_is_32_real_communes_with_villages():
    units = forms.units()
    assert len(units) == 32 and len({u.district for u in units}) == 9
    assert sum(len(u.villages) for u in units) == 48
    codes = set(dxmap.bundled_communes()["code"])
    assert all(u.code in codes for u in units)


@pytest.mark.parametrize("form", ["a", "b", "c", "d"])
def test_every_line_of_every_form(paths, layers, form):
    """Each line the check reports: the row a person sees, technology, outcome, unit, status and date."""
    report = dxmap.reconcile(_read(paths, form), *layers)
    assert _lines(report) == forms.expected(form)


def test_the_forms_expected_lines_say_what_each_form_holds():
    counts = {f: pd.DataFrame(forms.expected(f)).fillna({"technology": "-"}).value_counts(["technology", "outcome"])
              .to_dict() for f in "abcd"}
    # a, d: a line per LAN record (5 of them with a blank status: unknown), mobile and fibre per village
    assert counts["a"] == counts["d"] == {("mobile", "matched"): 48, ("fibre", "matched"): 40, ("lan", "matched"): 32}
    # b: 27 communes with a LAN word; 5 blank (no record), 10 district headings and the total row: ignored
    assert counts["b"] == {("lan", "matched"): 27, ("-", "ignored"): 16}
    assert counts["c"] == {("mobile", "matched"): 48, ("fibre", "matched"): 40, ("-", "ignored"): 1}  # the total row
    dates = {e["as_of"] for e in forms.expected("a")}
    assert dates == {"2024-06-30", "2024-06-05", "2024-06-01", "2024-06-12"}  # 05/06, 1/6 and 12/06 read day first


def _picture(data: dxmap.Dataset) -> dict[tuple[str, str], str]:
    status = dxmap.analyse(data, as_of="2024-06-30").status
    wanted = forms.statuses()
    keyed = status.set_index(["unit_id", "technology"])["status"]
    return {k: keyed[k] for k in wanted}


def test_every_form_gives_the_same_units_and_statuses(paths):
    villages = forms.SAMPLE_VILLAGES
    long_csv = _picture(dxmap.read_dataset([paths["a"]], villages=villages))
    unicode_text = _picture(dxmap.read_dataset([paths["d"]], villages=villages))
    # the two wide workbooks together, one of them without a date column: mixed forms across files
    wide = _picture(dxmap.read_dataset([paths["b"], paths["c"]], villages=villages, as_of=forms.RECORDS_DATE))
    assert long_csv == unicode_text == wide == forms.statuses()
    assert pd.Series(wide).value_counts().to_dict() == {"covered": 67, "none": 34, "unknown": 13, "weak": 10, "planned": 4}


def test_check_on_mixed_forms_reports_every_sheet_row(paths, tmp_path):
    out = tmp_path / "outcomes.csv"
    result = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(paths["b"]), "--records", str(paths["c"]),
                                       "--records", str(paths["d"]), "--records-date", "30/06/2024",
                                       "--villages", str(forms.SAMPLE_VILLAGES), "--outcomes", str(out), "-q"])
    assert result.exit_code == 1, result.output  # d repeats c's village records: duplicates
    table = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert table["file"].value_counts().to_dict() == {forms.FILES["d"]: 120, forms.FILES["c"]: 89, forms.FILES["b"]: 43}
    b = table[table["file"].eq(forms.FILES["b"])]
    assert b["row"].astype(int).tolist() == [e["row"] for e in forms.expected("b")]  # every sheet row, once
    assert set(table.loc[table["file"].eq(forms.FILES["d"]), "outcome"]) == {"matched", "duplicate"}


def test_check_on_one_wide_sheet_with_only_the_date_given(paths, tmp_path):
    result = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(paths["b"]), "--records-date", "2024-06-30", "-q"])
    assert result.exit_code == 0, result.output
    assert "43 records: matched 27, unmatched 0, ambiguous 0, duplicate 0, conflict 0, ignored 16, invalid 0" in result.output
    missing_date = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(paths["b"]), "-q"])
    assert missing_date.exit_code == 1
    assert "no date column. Pass the date of every record with --records-date 2024-06-30" in missing_date.stderr


# ------------------------------------------------------------------------------ headers as offices type them (QA61)

def _book(tmp_path: Path, rows: list[list], merged: tuple[str, ...] = ()) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    for cells in merged:
        ws.merge_cells(cells)
    path = tmp_path / "sheet.xlsx"
    wb.save(path)
    return path


def _statuses(rec: pd.DataFrame) -> list[tuple]:
    return list(rec[["row", "technology", "status"]].itertuples(index=False, name=None))


def test_technologies_under_a_status_heading_are_marked_with_that_status(tmp_path):
    """QA61 1: "Chưa có" merged over "Di động | Cáp quang", a list of the villages without them: an "x" is "none"
    (each mark was read "covered", silently); two status headings over the same technologies are the transpose of
    "Có | Chưa có" under a technology."""
    one = _book(tmp_path, [["Mã xã", "Tên thôn", "Chưa có", None, "Ngày cập nhật"],
                           [None, None, "Di động", "Cáp quang", None],
                           ["02692", "Bản Khấu", "x", "x", "30/6/2024"],
                           ["02692", "Bản Nậm", None, "x", "30/6/2024"]], merged=("C1:D1",))
    assert _statuses(dxmap.read_records(one)) == [(3, "mobile", "none"), (3, "fibre", "none"), (4, "fibre", "none")]
    both = _book(tmp_path, [["Mã xã", "Tên thôn", "Đã có", None, "Chưa có", None, "Ngày cập nhật"],
                            [None, None, "Di động", "Cáp quang", "Di động", "Cáp quang", None],
                            ["02692", "Bản Khấu", "x", None, None, "x", "30/6/2024"]],
                 merged=("C1:D1", "E1:F1"))
    assert _statuses(dxmap.read_records(both)) == [(3, "mobile", "covered"), (3, "fibre", "none")]


def test_a_column_under_a_group_heading_is_named_by_its_own_header(tmp_path):
    """QA61 3: "Hiện trạng" merged over "Sóng di động 4G | Cáp quang | Mạng LAN chuẩn": every column is read (the
    first was named by the group's heading, and the fix the error gave dropped the other two)."""
    book = _book(tmp_path, [["Mã xã", "Hiện trạng", None, None, "Ngày cập nhật"],
                            [None, "Sóng di động 4G", "Cáp quang", "Mạng LAN chuẩn", None],
                            ["02692", "Có", "Chưa có", "Có", "30/6/2024"]], merged=("B1:D1",))
    rec = dxmap.read_records(book)
    assert _statuses(rec) == [(3, "mobile", "covered"), (3, "fibre", "none"), (3, "lan", "covered")]
    unknown = _book(tmp_path, [["Mã xã", "Hiện trạng", None, "Ngày cập nhật"],
                               [None, "Điện lưới quốc gia", "Mạng LAN chuẩn", None],
                               ["02692", "Có", "Có", "30/6/2024"]], merged=("B1:C1",))
    # its own header, not the group's "Hiện trạng", which read as a status column beside LAN's and stopped the run
    assert _statuses(dxmap.read_records(unknown)) == [(3, "lan", "covered")]


@pytest.mark.parametrize("headers", [
    ["Mã xã", "Hạ tầng\n(công nghệ)", "Tình trạng (Có/Chưa có)", "Ngày cập nhật (*)"],
    ["Mã xã", "Hạ tầng (công nghệ)", "Tình trạng*", "Ngày cập nhật"],
])
def test_headers_with_a_remark_or_a_footnote_mark_are_read(tmp_path, headers):
    """QA61 6: a remark in brackets, a footnote mark or a line break in a header was not its column (the first
    data row became a header row)."""
    rec = dxmap.read_records(_book(tmp_path, [headers, ["02692", "Cáp quang", "Chưa có", "30/6/2024"],
                                              ["02695", "LAN", "Có", "30/6/2024"]]))
    assert _statuses(rec) == [(2, "fibre", "none"), (3, "lan", "covered")]


def test_mobile_with_its_generations_is_mobile(tmp_path):
    """QA61 6: "Sóng di động 4G", "Sóng 4G/5G" were refused as "a count or a plan"."""
    for header in ("Sóng di động 4G", "Sóng di động 3G/4G", "Sóng 4G/5G"):
        path = tmp_path / "m.csv"
        path.write_text(f"Mã xã,Tên thôn,{header},Ngày cập nhật\n02692,Bản Khấu,Chưa có,30/6/2024\n", encoding="utf-8")
        assert _statuses(dxmap.read_records(path)) == [(2, "mobile", "none")], header


def test_two_columns_of_one_technology_are_refused_naming_both(tmp_path):
    """QA61 5, 12: "Mạng LAN chuẩn năm 2023" beside "… năm 2024" read the first (last year's) as now; "(kỳ trước)"
    beside "(kỳ này)" made each row a duplicate of itself. Which holds the status is for the file to say."""
    path = tmp_path / "lan.csv"
    for old, new in (("Mạng LAN chuẩn năm 2023", "Mạng LAN chuẩn năm 2024"),
                     ("Mạng LAN chuẩn (kỳ trước)", "Mạng LAN chuẩn (kỳ này)")):
        path.write_text(f"Mã xã,Tên xã,{old},{new}\n02692,A Lù,Chưa có,Có\n", encoding="utf-8")
        with pytest.raises(SchemaError, match="2 columns hold Standard LAN") as info:
            dxmap.read_records(path, as_of="2024-06-30")
        assert repr(old) in str(info.value) and f"wide={{{new!r}: 'lan'}}" in str(info.value)
        assert _statuses(dxmap.read_records(path, as_of="2024-06-30", wide={new: "lan"})) == [(2, "lan", "covered")]
    result = CliRunner().invoke(main, ["check", "--records", str(path), "--records-date", "30/6/2024"])
    assert result.exit_code == 1 and "--wide 'Mạng LAN chuẩn (kỳ này)'=lan" in result.output
    assert "Traceback" not in result.output


def test_statistics_rows_under_a_table_are_totals(tmp_path):
    """QA61 10: "Trong đó", "Tỷ lệ (%)", "Số xã chưa có" beside numbers were invalid records, and the console
    advised dating them."""
    path = tmp_path / "t.csv"
    path.write_text("Mã xã,Tên xã,Mạng LAN chuẩn,Ngày cập nhật\n02692,A Lù,Có,30/6/2024\n"
                    ",Trong đó: số xã có LAN,1,\n,Tỷ lệ (%),66.7%,\n,Số xã chưa có,0,\n,Ty le dat,2/3,\n",
                    encoding="utf-8")
    rec = dxmap.read_records(path)
    assert rec["problem"].isna().all() and len(rec) == 5
    assert rec.loc[rec["row"].gt(2), "ignore_reason"].str.startswith("a total row").all()


def test_sheets_without_a_table_are_named_in_the_log(tmp_path, caplog):
    """QA61 16: an instructions sheet beside the data was passed over without a word."""
    import logging

    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "Hướng dẫn"
    wb.active.append(["Ghi trạng thái Có hoặc Chưa có cho từng xã"])
    data = wb.create_sheet("Số liệu")
    for row in (["Mã xã", "Mạng LAN chuẩn", "Ngày"], ["02692", "Có", "30/6/2024"]):
        data.append(row)
    wb.create_sheet("Trống")  # an empty sheet says nothing
    wb.save(tmp_path / "b.xlsx")
    with caplog.at_level(logging.INFO, logger="dxmap"):
        assert _statuses(dxmap.read_records(tmp_path / "b.xlsx")) == [(2, "lan", "covered")]
    said = [r.getMessage() for r in caplog.records if "no header row" in r.getMessage()]
    assert len(said) == 1 and "1 sheet ('Hướng dẫn') has no header row in its first 30 rows" in said[0]


def test_a_chart_sheet_is_passed_over_and_refused_when_named(tmp_path, caplog):
    """QA60 1: a workbook with a chart on a sheet of its own stopped every command with an internal error."""
    import logging

    import openpyxl
    from openpyxl.chart import BarChart, Reference

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    for row in (["Mã xã", "Mạng LAN chuẩn", "Ngày"], ["02692", "Có", "30/6/2024"]):
        ws.append(row)
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=1, min_row=1, max_row=2))
    wb.create_chartsheet("Biểu đồ").add_chart(chart)
    wb.save(tmp_path / "chart.xlsx")
    with caplog.at_level(logging.INFO, logger="dxmap"):
        assert _statuses(dxmap.read_records(tmp_path / "chart.xlsx")) == [(2, "lan", "covered")]
    assert any("1 sheet is a chart ('Biểu đồ')" in r.getMessage() for r in caplog.records)
    with pytest.raises(SchemaError, match="sheet 'Biểu đồ' is a chart, not a table; choose a sheet with the table: "
                                          "'Số liệu'"):
        dxmap.read_records(tmp_path / "chart.xlsx", sheet="Biểu đồ")


def test_a_remark_column_beside_a_village_does_not_make_its_row_a_total(tmp_path):
    """QA63 1: "Số hộ chưa có: 15", "Tỷ lệ phủ sóng 80%", "Tổng: 3 trạm" in an unread remark column dropped the
    village's record as a total row; a village named so, with its status, stays one too."""
    path = tmp_path / "v.csv"
    path.write_text("Mã xã,Tên thôn,Hạ tầng,Trạng thái,Ngày,Diễn giải\n"
                    "02692,Bản Khấu,Cáp quang,Chưa có,30/6/2024,Số hộ chưa có: 15\n"
                    "02692,Bản Nậm,Cáp quang,Có,30/6/2024,Tỷ lệ phủ sóng 80%\n"
                    "02692,Bản Sảng Phố,Cáp quang,Có,30/6/2024,Tổng: 3 trạm\n"
                    "02692,Trong Đó,Cáp quang,Có,30/6/2024,\n"
                    ",Tổng cộng,,3,,\n", encoding="utf-8")
    rec = dxmap.read_records(path)
    assert rec["ignore_reason"].isna().tolist() == [True, True, True, True, False]


def test_two_columns_of_one_field_but_for_their_remarks_are_named(tmp_path, caplog):
    """QA63 2, 3: "Mã xã (2023)" beside "Mã xã (2024)" were both dropped without a word; "Trạng thái (kỳ trước)" beside
    "(kỳ này)" was told "no header says 'Trạng thái'". ("Mã xã (cũ)" beside "Mã xã (mới)", QA63's pair, is read since
    QA64 F7 as the commune and its former commune: tests/test_former_commune_column.py.)"""
    import logging

    codes = tmp_path / "c.csv"
    codes.write_text("Mã xã (2023),Mã xã (2024),Tên xã,Hạ tầng,Trạng thái,Ngày\n02698,02692,A Lù,LAN,Có,30/06/2024\n",
                     encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        dxmap.read_records(codes)
    assert ("2 columns are the commune_code column but for their remarks in brackets: 'Mã xã (2023)', 'Mã xã (2024)'"
            in caplog.text) and "columns={'commune_code': 'Mã xã (2024)'}" in caplog.text
    status = tmp_path / "s.csv"
    status.write_text("Mã xã,Hạ tầng,Trạng thái (kỳ trước),Trạng thái (kỳ này),Ngày\n02692,LAN,Chưa có,Có,30/06/2024\n",
                      encoding="utf-8")
    with pytest.raises(SchemaError, match=r"2 columns are the status column but for their remarks.*"
                                          r"columns=\{'status': 'Trạng thái \(kỳ này\)'\}"):
        dxmap.read_records(status)

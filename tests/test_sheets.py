"""Spreadsheet files: formulas neutralised in CSV, never stored in XLSX, control characters kept out, numbers kept."""

from __future__ import annotations

import csv
import datetime as dt
import zipfile

import numpy as np
import openpyxl
import pandas as pd
import pytest

from dxmap._sheets import FORMULA_START, neutralise, write_csv, write_xlsx
from dxmap.errors import OutputFileError

PAYLOADS = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x","y")', "=cmd|'/C calc'!A0"]


def _frame() -> pd.DataFrame:
    return pd.DataFrame({
        "name": PAYLOADS + ["Bát Xát", "-5", "+84 912", None],
        "n": list(range(-6, 6)),
        "share": [0.5] * 12,
    })


def test_neutralise_prefixes_risky_text_only():
    out = neutralise(_frame())
    assert out["name"].tolist()[: len(PAYLOADS)] == ["'" + p for p in PAYLOADS]
    assert out["name"].tolist()[len(PAYLOADS):-1] == ["Bát Xát", "-5", "'+84 912"]  # a plain number stays a number
    assert pd.isna(out["name"].iloc[-1])
    assert out["n"].tolist() == list(range(-6, 6)) and out["n"].dtype.kind == "i"


def test_csv_has_no_cell_a_spreadsheet_would_run(tmp_path):
    path = write_csv(_frame().rename(columns={"share": "=bad header"}), tmp_path / "t.csv")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    cells = [c for row in rows for c in row]
    assert not [c for c in cells if c.startswith(FORMULA_START) and c not in ("-5",) and not c.lstrip("-").isdigit()]
    assert rows[0][2] == "'=bad header"


def test_xlsx_stores_text_not_formulas_and_survives_control_characters(tmp_path):
    frame = _frame()
    frame.loc[len(frame)] = ["bell\x07 and esc\x1b[31m", 99, 1.0]
    path = write_xlsx({"t": frame}, tmp_path / "t.xlsx", freeze={"t": "A2"}, autofilter=("t",))
    ws = openpyxl.load_workbook(path)["t"]
    values = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
    types = {ws.cell(row=r, column=1).data_type for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value}
    assert "f" not in types
    assert values[: len(PAYLOADS)] == [p.replace("\r", "\n") for p in PAYLOADS]  # the text (XML keeps CR as LF)
    assert values[-1] == "bell\ufffd and esc\ufffd[31m"
    assert ws.cell(row=2, column=2).value == -6 and ws.freeze_panes == "A2" and ws.auto_filter.ref


def test_xlsx_text_that_looks_like_a_formula_or_an_error_is_read_back_as_that_text(tmp_path):
    looks = ["=1+1", '=HYPERLINK("http://x","y")', "+1+1", "-1+1", "@SUM(A1)", "=", "#N/A", "#DIV/0!", "#REF!",
             "Xã Bản Xèo", "-5"]
    path = write_xlsx({"t": pd.DataFrame({"=SUM(A1:A9)": looks})}, tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(path)["t"]
    cells = [ws.cell(row=r, column=1) for r in range(1, len(looks) + 2)]
    assert [c.value for c in cells] == ["=SUM(A1:A9)"] + looks
    assert {c.data_type for c in cells} == {"s"}  # not "f" (formula), not "e" (error value)


def test_xlsx_control_characters_become_replacement_characters_in_cells_and_headers(tmp_path):
    frame = pd.DataFrame({"note\x1b": ["a\x00b", "tab\tand\nline", "\x07=1"]})
    ws = openpyxl.load_workbook(write_xlsx({"t": frame}, tmp_path / "t.xlsx"))["t"]
    assert [r[0] for r in ws.iter_rows(values_only=True)] == ["note\ufffd", "a\ufffdb", "tab\tand\nline", "\ufffd=1"]


def test_xlsx_header_freeze_filter_and_widths(tmp_path):
    frame = pd.DataFrame({"Tên xã": ["Bát Xát", "Y Tý"], "n": [1, 2], "share": [0.5, 0.25]})
    path = write_xlsx({"t": frame, "u": frame}, tmp_path / "t.xlsx", freeze={"t": "B2"}, autofilter=("t",),
                      widths={"t": {"n": 7.5, "Tên xã": 30.0, "not a column": 99.0}})
    book = openpyxl.load_workbook(path)
    t, u = book["t"], book["u"]
    assert next(t.iter_rows(values_only=True)) == ("Tên xã", "n", "share")
    assert t.freeze_panes == "B2" and t.auto_filter.ref == "A1:C3"
    assert t.column_dimensions["A"].width == 30.0 and t.column_dimensions["B"].width == 7.5
    assert "D" not in t.column_dimensions  # a width for a column the frame does not have is ignored
    assert u.freeze_panes is None and not u.auto_filter.ref and u.max_row == 3


def test_xlsx_without_header_starts_with_the_data(tmp_path):
    path = write_xlsx({"t": pd.DataFrame({"a": ["x", "y"]})}, tmp_path / "t.xlsx", header=False, autofilter=("t",))
    ws = openpyxl.load_workbook(path)["t"]
    assert list(ws.iter_rows(values_only=True)) == [("x",), ("y",)] and ws.auto_filter.ref == "A1:A2"


def test_xlsx_keeps_numbers_booleans_and_dates_and_leaves_missing_cells_empty(tmp_path):
    frame = pd.DataFrame({
        "int": [-6, 7, 0],
        "Int64": pd.array([1, None, 3], dtype="Int64"),
        "float": [0.5, np.nan, np.inf],
        "Float64": pd.array([1.25, None, -2.0], dtype="Float64"),
        "bool": [True, False, True],
        "when": pd.to_datetime(["2024-06-30 00:00", None, "2025-07-01 10:30"]),
        "day": [dt.date(2024, 6, 30), None, dt.date(2025, 7, 1)],
        "text": pd.Series(["Sa Pả", None, ""], dtype="string[pyarrow]"),
    })
    path = write_xlsx({"t": frame}, tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(path)["t"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert rows == [
        (-6, 1, 0.5, 1.25, True, dt.datetime(2024, 6, 30), dt.datetime(2024, 6, 30), "Sa Pả"),
        (7, None, None, None, False, None, None, None),
        (0, 3, "inf", -2.0, True, dt.datetime(2025, 7, 1, 10, 30), dt.datetime(2025, 7, 1), None),
    ]
    assert [c.data_type for c in ws[2]] == ["n", "n", "n", "n", "b", "d", "d", "s"]
    assert ws["F2"].is_date and ws["G2"].number_format.lower() == "yyyy-mm-dd"
    assert ws["F4"].number_format.lower().startswith("yyyy-mm-dd h")  # a time of day is shown
    vi = openpyxl.load_workbook(write_xlsx({"t": frame}, tmp_path / "vi.xlsx", date_format="dd/mm/yyyy"))["t"]
    assert vi["G2"].number_format == vi["F2"].number_format == "dd/mm/yyyy" and vi["G2"].is_date
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert 'r="A3"' in sheet and not [c for c in "BCDFGH" if f'r="{c}3"' in sheet]  # missing: no cell at all


def test_xlsx_empty_frames_and_sheet_order(tmp_path):
    sheets = {"Tổng hợp": pd.DataFrame({"a": [1]}), "Còn thiếu": pd.DataFrame({"x": [], "y": []}),
              "Trống": pd.DataFrame()}
    path = write_xlsx(sheets, tmp_path / "t.xlsx", autofilter=("Còn thiếu",), freeze={"Còn thiếu": "A2"})
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Tổng hợp", "Còn thiếu", "Trống"]
    empty = book["Còn thiếu"]
    assert list(empty.iter_rows(values_only=True)) == [("x", "y")]  # the header alone
    assert empty.freeze_panes == "A2" and not empty.auto_filter.ref  # nothing to filter
    assert list(book["Trống"].iter_rows(values_only=True)) == []


def test_xlsx_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    (tmp_path / "x.xlsx").write_bytes(b"old")

    from openpyxl.writer.excel import ExcelWriter

    write_data = ExcelWriter.write_data

    def full_disk(self):  # every sheet is written, then the disk is full
        write_data(self)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ExcelWriter, "write_data", full_disk)
    with pytest.raises(OSError, match="No space"):
        write_xlsx({"t": pd.DataFrame({"a": ["=1"]})}, tmp_path / "x.xlsx")
    assert [p.name for p in tmp_path.iterdir()] == ["x.xlsx"] and (tmp_path / "x.xlsx").read_bytes() == b"old"


def test_xlsx_a_full_disk_is_one_error_and_leaves_nothing_to_fail_again(tmp_path, monkeypatch):
    """QA60 4: on a full disk openpyxl's zip file was left open, failed again when collected, and printed a
    traceback after the one-line error."""
    import gc
    import sys

    import dxmap._files as files

    real_fdopen, unraisable = files.os.fdopen, []

    class Full:
        def __init__(self, fd, *args, **kwargs):
            self.fh = real_fdopen(fd, *args, **kwargs)

        def write(self, data):
            raise OSError(28, "No space left on device")

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

    monkeypatch.setattr(files.os, "fdopen", Full)
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    with pytest.raises(OSError, match="No space"):
        write_xlsx({"t": pd.DataFrame({"a": range(1000)})}, tmp_path / "x.xlsx")
    gc.collect()
    assert unraisable == [] and list(tmp_path.iterdir()) == []


def test_xlsx_a_sheet_too_long_for_excel_is_refused_before_anything_is_written(tmp_path):
    too_long = pd.DataFrame({"n": np.zeros(1_048_576, dtype=np.int8)})  # with the header: one row too many
    with pytest.raises(OutputFileError, match=r"1,048,577 rows .* at most 1,048,576 rows.*\.csv"):
        write_xlsx({"ok": pd.DataFrame({"n": [1]}), "big": too_long}, tmp_path / "t.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_no_file_and_keeps_the_old_one(tmp_path, monkeypatch):
    (tmp_path / "x.csv").write_text("old", encoding="utf-8")

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_csv", full_disk)
    with pytest.raises(OSError):
        write_csv(pd.DataFrame({"a": ["=1"]}), tmp_path / "x.csv")
    assert [p.name for p in tmp_path.iterdir()] == ["x.csv"] and (tmp_path / "x.csv").read_text() == "old"


def test_csv_text_on_stdout_is_neutralised_too():
    from dxmap._sheets import csv_text

    text = csv_text(pd.DataFrame({"a": ["\r=1+1", "ok"]}))
    assert text == "a\n\"'\n=1+1\"\nok\n"


def test_neutralise_takes_arrow_text_columns_even_when_all_missing():
    frame = pd.DataFrame({"empty": pd.Series([None, None], dtype="string[pyarrow]"),
                          "text": pd.Series(["=1+1", None], dtype="string[pyarrow]"),
                          "str": pd.Series([None, "@x"], dtype="str"), "n": [-1, 2]})
    out = neutralise(frame)
    assert out["empty"].isna().all() and out["text"].tolist()[0] == "'=1+1" and pd.isna(out["text"].iloc[1])
    assert out["str"].tolist()[1] == "'@x" and out["n"].tolist() == [-1, 2]


def test_every_table_writer_neutralises_formulas(tmp_path, demo):
    """The outcomes (CSV, XLSX), the summary CSV and the change CSV: text from users stays text."""
    from dxmap.gaps.analysis import analyse
    from dxmap.gaps.change import compare, write_change
    from dxmap.reconcile.outcomes import write_outcomes
    from dxmap.render.tables import write_summary_csv

    outcomes = demo.outcomes.head(len(PAYLOADS)).copy()
    outcomes["note"] = pd.Series(PAYLOADS, index=outcomes.index, dtype="string[pyarrow]")
    outcomes["source"] = pd.Series(pd.NA, index=outcomes.index, dtype="string[pyarrow]")  # all missing
    communes = demo.communes.copy()
    communes["district_name"] = PAYLOADS[6]
    data = type(demo)(communes=communes, records=demo.records, districts=demo.districts, villages=demo.villages,
                      outcomes=demo.outcomes)
    write_outcomes(outcomes, tmp_path / "o.csv")
    write_outcomes(outcomes, tmp_path / "o.xlsx")
    write_summary_csv(analyse(data).status, tmp_path / "s.csv")
    write_change(compare(data, compare_to="2024-03-31"), tmp_path / "c.csv")
    for name in ("o.csv", "s.csv", "c.csv"):
        with open(tmp_path / name, encoding="utf-8-sig", newline="") as fh:
            cells = [c for row in csv.reader(fh) for c in row]
        live = [c for c in cells if c.startswith(FORMULA_START) and not c.lstrip("+-").replace(".", "").isdigit()]
        assert not live and "'" + PAYLOADS[6] in cells, (name, live)
    ws = openpyxl.load_workbook(tmp_path / "o.xlsx")["report"]
    assert not [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert PAYLOADS[6] in [c.value for row in ws.iter_rows() for c in row]


def test_csv_control_characters_become_replacement_characters(tmp_path):
    """QA59 10: a BEL or ESC typed in a note reached the CSV as it was (the XLSX and the page replaced them): a
    terminal that shows the file rings or takes it for an escape sequence. Tabs and line breaks stay."""
    frame = pd.DataFrame({"note": ["1 thiết bị\x07chuông\x1b[2J", "a\tb", "c\nd"], "n": [1, 2, 3]})
    write_csv(frame, tmp_path / "t.csv")
    back = pd.read_csv(tmp_path / "t.csv", encoding="utf-8-sig")
    assert back["note"].tolist() == ["1 thiết bị\ufffdchuông\ufffd[2J", "a\tb", "c\nd"]

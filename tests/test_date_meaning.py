"""Dates whose meaning depends on a choice dxmap made are named: a column read month first names its
ambiguous values (01/04/2024 as 4 January), and Excel date cells among day-first text dates name the
cells whose day and month Excel may have swapped."""

from __future__ import annotations

import datetime as dt
import logging

import openpyxl
import pandas as pd
from click.testing import CliRunner

import dxmap
from dxmap.cli import main

DATES = "dxmap.validate.dates"


def iso(values) -> list[str | None]:
    return [None if pd.isna(v) else v.date().isoformat() for v in values]


def _csv(tmp_path, dates: list[str], name: str = "f.csv"):
    p = tmp_path / name
    p.write_text("Mã xã,Công nghệ,Trạng thái,Ngày cập nhật\n" + "".join(f"02635,LAN,Có,{d}\n" for d in dates),
                 encoding="utf-8")
    return p


def _xlsx(tmp_path, dates: list[object], name: str = "d.xlsx"):
    p = tmp_path / name
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Mã xã", "Công nghệ", "Trạng thái", "Ngày cập nhật"])
    for value in dates:
        ws.append(["02635", "LAN", "Có", value])
    wb.save(p)
    return p


def _date_warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == DATES and r.levelno >= logging.WARNING]


# --- a column read month first names the values whose meaning that decides --------------------------

def test_month_first_column_names_values_it_turns_into_other_days(tmp_path, caplog):
    # month first only in half the rows whose day it decides: clearly what the file does (one row of three was
    # a typo in a day-first file, QA61)
    p = _csv(tmp_path, ["12/31/2024", "01/04/2024", "05/06/2024", "03/03/2024", "06/30/2024"])
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        rec = dxmap.read_records(p)
    assert iso(rec["as_of"]) == ["2024-12-31", "2024-01-04", "2024-05-06", "2024-03-03", "2024-06-30"]
    [message] = _date_warnings(caplog)
    assert message.startswith(f"{p}: the date column is read month first (mm/dd/yyyy): \"row 2: '12/31/2024'\", "
                              "\"row 6: '06/30/2024'\" only make sense that way. ")
    assert ("That order also decides the meaning of 2 rows whose day and month are both 12 or less: "
            "'01/04/2024' (row 3) read as 2024-01-04 (4 January), not 1 April; "
            "'05/06/2024' (row 4) read as 2024-05-06 (6 May), not 5 June. ") in message
    assert "03/03/2024" not in message  # the same day either way
    assert ("If the file is written day first, correct the rows that only make sense month first, or pass "
            "date_order='dmy' (they then become invalid); if it is month first, pass date_order='mdy' to say so. "
            "Dates written dd/mm/yyyy throughout, or yyyy-mm-dd, leave no doubt.") in message


def test_month_first_warning_caps_the_examples_and_counts_rows_once(tmp_path, caplog):
    ambiguous = ["01/02/2024", "01/02/2024", "01/03/2024", "01/04/2024", "01/05/2024", "01/06/2024", "01/07/2024",
                 "01/08/2024"]
    p = _csv(tmp_path, ["12/31/2023", *ambiguous, *["12/31/2023"] * 7])  # month first in 8 of the 16 rows it decides
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        dxmap.read_records(p)
    [message] = _date_warnings(caplog)
    assert "decides the meaning of 8 rows" in message
    assert "'01/02/2024' (rows 3, 4) read as 2024-01-02 (2 January), not 1 February; " in message
    assert "'01/06/2024' (row 8) read as 2024-01-06 (6 January), not 1 June … (7 such dates in all). " in message
    assert "01/07/2024" not in message and "01/08/2024" not in message


def test_month_first_warning_on_a_wide_sheet_names_each_row_once(tmp_path, caplog):
    p = tmp_path / "w.csv"
    p.write_text("Mã xã,Mạng LAN chuẩn,Cáp quang,Ngày cập nhật\n02635,Có,Có,12/31/2024\n02635,Có,Chưa có,01/04/2024\n",
                 encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        dxmap.read_records(p)
    [message] = _date_warnings(caplog)
    assert "decides the meaning of 1 row whose day and month are both 12 or less: '01/04/2024' (row 3) read as " \
           "2024-01-04 (4 January), not 1 April" in message


def test_cli_check_names_the_values_read_month_first(tmp_path):
    p = _csv(tmp_path, ["12/31/2024", "01/04/2024"])
    result = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(p)])
    assert result.exit_code == 0, result.output
    assert ("'01/04/2024' (row 3) read as 2024-01-04 (4 January), not 1 April. If the file is written day first, "
            "correct the rows that only make sense month first, or pass --date-order dmy (they then become invalid); "
            "if it is month first, pass --date-order mdy to say so.") in result.stderr


def test_day_first_file_gives_no_warning_until_a_value_forces_month_first(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        rec = dxmap.read_records(_csv(tmp_path, ["13/04/2024", "01/04/2024", "05/06/2024"]))
    assert iso(rec["as_of"]) == ["2024-04-13", "2024-04-01", "2024-06-05"] and _date_warnings(caplog) == []
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        dxmap.read_records(_csv(tmp_path, ["12/31/2024", "01/04/2024", "05/06/2024", "06/30/2024"], "g.csv"))
    assert "'01/04/2024' (row 3) read as 2024-01-04 (4 January)" in _date_warnings(caplog)[0]


def test_iso_file_gives_no_warning_but_excel_date_cells_beside_day_first_text_do(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        dxmap.read_records(_csv(tmp_path, ["2024-01-04", "2024-04-13", "2024-05-06"]))
        dxmap.read_records(_xlsx(tmp_path, [dt.datetime(2024, 1, 4), "2024-04-13", dt.datetime(2024, 5, 6)]))
    assert _date_warnings(caplog) == []
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        dxmap.read_records(_xlsx(tmp_path, [dt.datetime(2024, 1, 4), "13/04/2024", "2024-05-06"], "e.xlsx"))
    [message] = _date_warnings(caplog)
    assert "2024-01-04 (row 2) read as 4 January, 1 April if swapped" in message
    assert "2024-05-06" not in message  # typed as text: Excel did not read it


def test_day_equal_to_month_gives_no_warning_as_it_reads_the_same_either_way(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        dxmap.read_records(_csv(tmp_path, ["12/31/2024", "05/05/2024", "11/11/2024"]))
        dxmap.read_records(_xlsx(tmp_path, [dt.datetime(2024, 5, 5), "13/04/2024", dt.datetime(2024, 12, 12)]))
    [only] = _date_warnings(caplog)  # the column read month first, with nothing whose meaning that decides
    assert "decides the meaning" not in only and "swapped" not in only
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        dxmap.read_records(_csv(tmp_path, ["12/31/2024", "05/05/2024", "05/06/2024"], "g.csv"))
        dxmap.read_records(_xlsx(tmp_path, [dt.datetime(2024, 5, 5), "13/04/2024", dt.datetime(2024, 5, 12)], "e.xlsx"))
    month_first, swapped = _date_warnings(caplog)
    assert "decides the meaning of 1 row" in month_first and "05/05/2024" not in month_first
    assert "2024-05-12 (row 4) read as 12 May, 5 December if swapped" in swapped and "2024-05-05" not in swapped


# --- Excel date cells among day-first text dates ------------------------------------------------------

def test_excel_date_cell_among_day_first_text_is_named_once_with_the_swap_and_the_fix(tmp_path, caplog):
    p = _xlsx(tmp_path, [dt.datetime(2024, 1, 4), "13/04/2024", dt.datetime(2024, 3, 2), "20/04/2024",
                         dt.datetime(2024, 1, 4), "2024-02-01"])
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        rec = dxmap.read_records(p)
    assert iso(rec["as_of"]) == ["2024-01-04", "2024-04-13", "2024-03-02", "2024-04-20", "2024-01-04", "2024-02-01"]
    assert rec["problem"].isna().all()  # read as Excel holds them: a warning, not a guess
    [message] = _date_warnings(caplog)
    assert message == (
        f"{p}: the date column holds Excel date cells among dates typed as text day first ('13/04/2024' in row 3; "
        "'20/04/2024' in row 5): Excel may have swapped the day and month of 3 date cells: 2024-01-04 (rows 2, 6) "
        "read as 4 January, 1 April if swapped; 2024-03-02 (row 4) read as 2 March, 3 February if swapped. An Excel "
        "set to month-first dates turns a typed 01/04/2024 into 4 January and keeps 13/04/2024 as text. Check those "
        "cells and type them again as text dd/mm/yyyy (format the column as Text first) or as yyyy-mm-dd; until "
        "then they are read as the dates Excel holds.")


def test_excel_date_cells_beside_text_that_could_be_month_first_are_not_named(tmp_path, caplog):
    # A sheet of Excel date cells and a few ambiguous text dates is everyday work: only a text date that cannot
    # be month first (Excel would have made a date of it) shows the month-first accident.
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        dxmap.read_records(_xlsx(tmp_path, [dt.datetime(2024, 1, 4), "01/04/2024", dt.datetime(2024, 6, 5)]))
    assert _date_warnings(caplog) == []
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        dxmap.read_records(_xlsx(tmp_path, [dt.datetime(2024, 1, 4), "01/04/2024", "30/06/2024"], "e.xlsx"))
    assert "2024-01-04 (row 2) read as 4 January, 1 April if swapped" in _date_warnings(caplog)[0]


def test_cli_check_names_excel_date_cells_that_may_be_swapped(tmp_path):
    p = _xlsx(tmp_path, [dt.datetime(2024, 1, 4), "13/04/2024"])
    result = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(p)])
    assert result.exit_code == 0, result.output
    assert "Excel may have swapped the day and month of 1 date cell: 2024-01-04 (row 2) read as 4 January, " \
           "1 April if swapped." in result.stderr


def test_a_swap_that_would_be_a_day_not_yet_come_is_not_named(tmp_path, caplog, monkeypatch):
    """QA64 F10: on 7 December 2026 a cell 12/11/2026 was named as maybe swapped ("11 December if swapped"): a day
    not yet come, which no one typed. Only swaps into the past (up to tomorrow, as dates are read) are named."""
    import dxmap.validate.dates as dates

    monkeypatch.setattr(dates, "_tomorrow", lambda: dt.date(2024, 6, 30))
    p = _xlsx(tmp_path, [dt.datetime(2024, 6, 3), "13/04/2024", dt.datetime(2024, 5, 12)])
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        dxmap.read_records(p)
    [message] = _date_warnings(caplog)
    assert "2024-06-03 (row 2) read as 3 June, 6 March if swapped" in message
    assert "2024-05-12" not in message and "of 1 date cell" in message

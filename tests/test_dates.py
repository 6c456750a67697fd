"""Dates as Vietnam writes them: day first unless ISO, one order per column, impossible dates kept as row problems."""

from __future__ import annotations

import datetime as dt
import logging

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

import dxmap
from dxmap.cli import main
from dxmap.errors import SchemaError, SnapshotDateError
from dxmap.validate.dates import DateOrder, parse_date, parse_dates

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning", "ignore::UserWarning")


def iso(values) -> list[str | None]:
    return [None if pd.isna(v) else v.date().isoformat() for v in values]


def test_every_way_of_writing_a_day():
    got = parse_dates(pd.Series(["30/6/2024", "30-06-2024", "30.06.2024", "ngày 30 tháng 6 năm 2024", "Ngay 30 thang 06 nam 2024",
                                 "2024-06-30", "2024/06/30", "45473", "45473.0", "30/06/24", "2024-06-30 00:00:00",
                                 " 30/06/2024 ", None, ""]))
    assert iso(got.dates) == ["2024-06-30"] * 12 + [None, None]
    assert got.problems.isna().all() and got.order is DateOrder.DMY


def test_ambiguous_column_is_read_day_first():
    got = parse_dates(pd.Series(["01/04/2024", "05/06/2024", "12/11/2024"]))
    assert iso(got.dates) == ["2024-04-01", "2024-06-05", "2024-11-12"] and got.order is DateOrder.DMY


def test_month_first_only_column_is_read_month_first_with_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        got = parse_dates(pd.Series(["06/30/2024", "01/04/2024", "12/31/2023"]), where="f.csv",
                          rows=pd.Series([2, 3, 4]), column="Ngày")
    assert iso(got.dates) == ["2024-06-30", "2024-01-04", "2023-12-31"] and got.order is DateOrder.MDY
    assert "f.csv: the Ngày column is read month first (mm/dd/yyyy)" in caplog.text
    assert "\"row 2: '06/30/2024'\", \"row 4: '12/31/2023'\" only make sense that way" in caplog.text


def test_contradictory_column_is_an_error_naming_rows_of_each_kind():
    # half the rows whose day the order decides only make sense month first: the file does both (QA61: with fewer,
    # the month-first ones are typos in a day-first file, below)
    values = pd.Series(["30/06/2024", "06/30/2024", "01/04/2024", "15/04/2024", "04/15/2024", "12/31/2024"])
    with pytest.raises(SchemaError, match=r"f\.csv: the date column mixes two date orders: \"row 2: '30/06/2024'\", "
                                          r"\"row 5: '15/04/2024'\" only make sense day first, \"row 3: '06/30/2024'\", "
                                          r"\"row 6: '04/15/2024'\", \"row 7: '12/31/2024'\" only month first.*"
                                          r"date_order='dmy'"):
        parse_dates(values, where="f.csv", rows=pd.Series(range(2, 8)))
    forced = parse_dates(values, order="dmy")  # the user says how: the rows that do not fit are row problems
    assert iso(forced.dates) == ["2024-06-30", None, "2024-04-01", "2024-04-15", None, None]
    assert forced.problems.notna().tolist() == [False, True, False, False, True, True]
    assert forced.problems[1] == ("impossible date '06/30/2024' (read day first, dd/mm/yyyy): there is no month 30. "
                                  "Day and month swapped by mistake? If 30 June was meant, write 30/06/2024")
    assert iso(parse_dates(values, order="mdy").dates) == [None, "2024-06-30", "2024-01-04", None, "2024-04-15",
                                                           "2024-12-31"]


def test_one_month_first_typo_does_not_turn_a_day_first_column(caplog):
    """QA61 1: ten 05/07/2024 (5 July) and one 07/15/2024 read the ten as 7 May, with a warning only."""
    values = pd.Series(["05/07/2024"] * 7 + ["07/15/2024"] + ["05/07/2024"] * 3)
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        got = parse_dates(values, where="f.csv", rows=pd.Series(range(2, 13)))
    assert got.order is DateOrder.DMY
    assert iso(got.dates) == ["2024-07-05"] * 7 + [None] + ["2024-07-05"] * 3
    assert got.problems.notna().tolist() == [False] * 7 + [True] + [False] * 3
    assert got.problems[7] == ("impossible date '07/15/2024' (read day first, dd/mm/yyyy): there is no month 15. "
                               "Day and month swapped by mistake? If 15 July was meant, write 15/07/2024")
    assert caplog.messages == [
        "f.csv: \"row 9: '07/15/2024'\" of the date column only makes sense month first (mm/dd/yyyy), but it is 1 of "
        "the 11 rows whose day depends on the order: the column is read day first (dd/mm/yyyy), dxmap's default, "
        "and that row is invalid. Correct it (day and month swapped?); if the whole file is written month first, "
        "pass date_order='mdy'."]
    assert iso(parse_dates(values, order="mdy").dates) == ["2024-05-07"] * 7 + ["2024-07-15"] + ["2024-05-07"] * 3


def test_a_month_first_typo_of_a_wide_row_is_quoted_once(caplog):
    """QA66 F10: a wide row is a record per technology, and its one bad date was quoted twice ("row 10: '11/15/2026'",
    "row 10: '11/15/2026'")."""
    values = pd.Series(["05/07/2024"] * 6 + ["07/15/2024"] * 2)
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        parse_dates(values, where="f.csv", rows=pd.Series([2, 2, 3, 3, 4, 4, 10, 10]))
    assert caplog.messages[0].startswith("f.csv: \"row 10: '07/15/2024'\" of the date column only makes sense")


def test_month_first_typos_among_day_first_only_dates_are_row_problems_not_an_error():
    got = parse_dates(pd.Series(["30/06/2024", "06/30/2024", "15/04/2024", "01/04/2024", "30/06/2024"]))
    assert got.order is DateOrder.DMY and iso(got.dates) == ["2024-06-30", None, "2024-04-15", "2024-04-01",
                                                             "2024-06-30"]
    assert got.problems.notna().tolist() == [False, True, False, False, False]


def test_month_first_is_read_when_it_is_half_the_rows_it_decides():
    assert parse_dates(pd.Series(["07/15/2024", "05/07/2024"])).order is DateOrder.MDY
    assert parse_dates(pd.Series(["07/15/2024", "05/07/2024", "05/07/2024"])).order is DateOrder.DMY
    # the same day either way (05/05/2024) and ISO dates decide nothing
    got = parse_dates(pd.Series(["07/15/2024", "05/05/2024", "05/05/2024", "2024-01-02", "2024-01-03"]))
    assert got.order is DateOrder.MDY and got.problems.isna().all()


def test_ngay_a_remark_in_brackets_and_a_leading_apostrophe_around_a_day_are_dropped():
    """QA61 3, 4: "ngày 30/6/2024", "30/06/2024 (ước)" and "'30/06/2024" were no dates."""
    got = parse_dates(pd.Series(["ngày 30/6/2024", "Ngày: 30/06/2024", "NGÀY 30.06.2024", "ngay 30/06/2024",
                                 "30/06/2024 (ước)", "ngày 30/6/2024 (số liệu ước tính)", "'30/06/2024", "' 30/06/2024",
                                 "'2024-06-30", "'ngày 30 tháng 6 năm 2024", "Quý II/2024 (ước)",
                                 "30/06/2024 08:00 (ước)"]))
    assert iso(got.dates) == ["2024-06-30"] * 12 and got.problems.isna().all()
    bad = parse_dates(pd.Series(["(ước)", "''30/06/2024", "ngày", "30/06/2024 (ước", "ngày mai"]))
    assert iso(bad.dates) == [None] * 5 and bad.problems.notna().all()
    assert bad.problems[0].startswith("date '(ước)' is not a date")  # the value as written
    assert parse_date("'30/06/2024") == pd.Timestamp("2024-06-30")


def test_impossible_dates_are_row_problems_never_guesses():
    got = parse_dates(pd.Series(["31/02/2024", "2024-02-30", "32/01/2024", "soon", "30/06/2024"]))
    assert iso(got.dates) == [None, None, None, None, "2024-06-30"]
    assert got.problems.tolist()[:4] == [
        "impossible date '31/02/2024' (read day first, dd/mm/yyyy): no such day",
        "impossible date '2024-02-30' (as year-month-day): no such day",
        "impossible date '32/01/2024' (read day first, dd/mm/yyyy): no such day",
        "date 'soon' is not a date: write it as dd/mm/yyyy (day first) or yyyy-mm-dd (a month or quarter as "
        "'June 2024' or 'Q2 2024')",
    ]


@pytest.mark.parametrize("written", ["Tháng 6/2024", "tháng 6 năm 2024", "T6/2024", "6/2024", "06-2024", "2024-06",
                                     "Quý II/2024", "quý 2 năm 2024", "Q2/2024", "Q2-2024", "6 tháng đầu năm 2024"])
def test_a_month_or_quarter_as_reports_are_dated_is_read_as_its_last_day(written, caplog):
    with caplog.at_level(logging.INFO, logger="dxmap"):
        got = parse_dates(pd.Series([written, "15/06/2024"]), where="q2.csv")
    assert iso(got.dates) == ["2024-06-30", "2024-06-15"] and got.problems.isna().all()
    assert f"q2.csv: 1 row of the date column names a month or quarter, read as its last day: {written!r} (row 0) " \
           "as 2024-06-30" in caplog.text


@pytest.mark.parametrize(("written", "day"), [
    ("June 30, 2024", "2024-06-30"), ("30 June 2024", "2024-06-30"), ("30-Jun-2024", "2024-06-30"),
    ("Jun 30 2024", "2024-06-30"), ("Sept. 3rd, 2024", "2024-09-03"), ("June 2024", "2024-06-30"),
    ("Jun-24", "2024-06-30"), ("jun 2024", "2024-06-30")])
def test_english_month_names_are_read(written, day):
    """QA67 F6: a sheet written outside Vietnam: "June 30, 2025", "30-Jun-2025" were refused; "Jun-24" is Excel's
    mmm-yy (QA61); a month alone is read as its last day, as "Tháng 6/2024" is."""
    got = parse_dates(pd.Series([written]))
    assert iso(got.dates) == [day] and got.problems.isna().all()
    assert parse_dates(pd.Series(["30 Feb 2024"])).problems[0].startswith("impossible date '30 Feb 2024'")


@pytest.mark.parametrize(("written", "day"), [
    ("junio 2024", "2024-06-30"), ("30 de junio de 2024", "2024-06-30"), ("30/jun/2024", "2024-06-30"),
    ("Junio de 2024", "2024-06-30"), ("30 Setiembre 2024", "2024-09-30"), ("dic-24", "2024-12-31"),
    ("30 de junho de 2024", "2024-06-30"), ("1er juin 2024", "2024-06-01"), ("Décembre 2024", "2024-12-31"),
    ("30 août 2024", "2024-08-30")])
def test_spanish_portuguese_and_french_month_names_are_read(written, day):
    """QA72 K5: a Peruvian sheet's "junio 2024", "30 de junio de 2024", "30/jun/2024" were "not a date"."""
    got = parse_dates(pd.Series([written]))
    assert iso(got.dates) == [day] and got.problems.isna().all()
    assert parse_dates(pd.Series(["31 de junio de 2024"])).problems[0] == ("impossible date '31 de junio de 2024': "
                                                                         "June 2024 has 30 days")


def test_an_impossible_date_with_its_month_in_words_says_how_many_days_the_month_has():
    """QA68 N8: "impossible date 'June 31, 2025' (as year-month-day)": a month in words is read in no order."""
    written = pd.Series(["June 31, 2025", "29 Feb 2025", "30 tháng 2 năm 2024", "31 tháng 13 năm 2025"])
    assert parse_dates(written).problems.tolist() == [
        "impossible date 'June 31, 2025': June 2025 has 30 days", "impossible date '29 Feb 2025': February 2025 has "
        "28 days", "impossible date '30 tháng 2 năm 2024': February 2024 has 29 days",
        "impossible date '31 tháng 13 năm 2025': no such day"]
    assert parse_dates(written[:1], lang="vi").problems[0] == ("ngày 'June 31, 2025' không tồn tại: tháng 6 năm 2025 "
                                                               "có 30 ngày; hãy sửa lại")
    with pytest.raises(SnapshotDateError, match=r"as_of='June 31, 2025' is no real day: June 2025 has 30 days\. "):
        parse_date("June 31, 2025", what="as_of")


def test_a_period_that_has_not_ended_or_does_not_exist_is_a_row_problem():
    next_year = dt.date.today().year + 1
    got = parse_dates(pd.Series(["T13/2024", "Quý V/2024", f"Quý I/{next_year}", "Quý IV/2023"]))
    assert iso(got.dates) == [None, None, None, "2023-12-31"]
    assert got.problems.tolist()[:3] == [
        "impossible date 'T13/2024': no such month or quarter",
        "date 'Quý V/2024' is not a date: write it as dd/mm/yyyy (day first) or yyyy-mm-dd (a month or quarter as "
        "'June 2024' or 'Q2 2024')",
        f"date 'Quý I/{next_year}' is a period that has not ended (it ends on {next_year}-03-31): write the day the "
        "status was true, as dd/mm/yyyy"]


def test_year_first_order():
    assert iso(parse_dates(pd.Series(["24/06/30", "2024-06-30"]), order="ymd").dates) == ["2024-06-30", "2024-06-30"]


def test_one_date_as_an_option():
    assert parse_date("01/04/2024") == pd.Timestamp("2024-04-01")
    assert parse_date("2024-04-01") == pd.Timestamp("2024-04-01")
    assert parse_date("45473") == pd.Timestamp("2024-06-30")
    assert parse_date(dt.date(2024, 6, 30)) == pd.Timestamp("2024-06-30")
    assert parse_date("01/04/2024", order="mdy") == pd.Timestamp("2024-01-04")
    with pytest.raises(SnapshotDateError, match=r"as_of='31/02/2024' is no real day \(read day first, dd/mm/yyyy\)"):
        parse_date("31/02/2024")
    with pytest.raises(SnapshotDateError, match=r"as_of='next week' is not a date\. Write it as YYYY-MM-DD or dd/mm/yyyy"):
        parse_date("next week")


_AS_OF_MONTH_FIRST = ("as_of='06/30/2024' only makes sense month first (mm/dd/yyyy): read as 2024-06-30 (30 June). "
                      "Write it as ISO 'YYYY-MM-DD' or dd/mm/yyyy (day first) to be sure, e.g. as_of='2024-06-30'.")


def test_a_month_first_as_of_argument_is_named_as_an_argument_not_a_column(caplog):
    """QA: as_of="06/30/2024" warned "the as_of column is read month first: "row 0: '06/30/2024'" … Pass date_order=";
    it is an argument, with no rows."""
    t = pd.DataFrame({"Mã xã": ["02692"], "Công nghệ": ["LAN"], "Trạng thái": ["chưa có"]})
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        rec = dxmap.as_records(t, as_of="06/30/2024")
    assert iso(rec["as_of"]) == ["2024-06-30"]
    assert [r.getMessage() for r in caplog.records] == [_AS_OF_MONTH_FIRST]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        assert parse_date("06/30/2024", order="mdy") == pd.Timestamp("2024-06-30")  # the order given: nothing to say
        assert parse_date("01/04/2024") == pd.Timestamp("2024-04-01")
    assert not caplog.records


def test_cli_records_date_read_month_first_names_the_option(tmp_path):
    p = tmp_path / "lan.csv"
    p.write_text("Mã xã,Mạng LAN chuẩn\n2692,Có\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(p), "--records-date", "06/30/2024"])
    assert result.exit_code == 0, result.output
    assert ("dxmap: --records-date 06/30/2024 only makes sense month first (mm/dd/yyyy): read as 2024-06-30 (30 June). "
            "Write it as ISO 'YYYY-MM-DD' or dd/mm/yyyy (day first) to be sure, e.g. --records-date 2024-06-30."
            ) in result.stderr
    assert "row 0" not in result.stderr


def test_a_time_and_its_zone_after_the_day_are_dropped_never_converted():
    for text in ("2024-06-30T23:30:00+07:00", "2024-06-30T00:10Z", "2024-06-30 08:00 -0500", "30/06/2024 23:59"):
        assert parse_date(text) == pd.Timestamp("2024-06-30"), text
    with pytest.raises(SnapshotDateError, match="is not a date"):
        parse_date("2024-06-30+07:00")  # a zone without a time is no date anyone writes


def test_compare_reads_its_dates_day_first_from_python_too(demo):
    from dxmap.gaps.change import compare

    c = compare(demo, compare_to="01/04/2024")  # 1 April, not 4 January
    assert c.compare_to == "2024-04-01" and c.as_of == "2024-06-30"
    with pytest.raises(SnapshotDateError, match="compare_to='31/04/2024' is no real day"):
        compare(demo, compare_to="31/04/2024")


def test_records_dated_after_today_are_row_problems_and_never_the_picture(tmp_path):
    rec = dxmap.read_records(_csv(tmp_path, ["30/06/2024", "30/06/2099", dt.date.today().strftime("%d/%m/%Y")]))
    assert rec["problem"].isna().tolist() == [True, False, True]
    assert rec["problem"].iloc[1].startswith(f"date 2099-06-30 is after today ({dt.date.today().isoformat()})")
    with pytest.raises(SnapshotDateError, match="as_of='2099-06-30' is after today"):
        dxmap.read_records(_csv(tmp_path, [""]), as_of="2099-06-30")


def test_records_dated_before_1990_are_row_problems_and_so_is_such_a_records_date(tmp_path):
    """QA61 2: 30/6/1024, a year mistyped in the past, was a record; the mirror of a mistyped 2099."""
    rec = dxmap.read_records(_csv(tmp_path, ["30/6/1024", "31/12/1989", "01/01/1990", "12345", "30/06/2024"]))
    assert iso(rec["as_of"])[2:] == ["1990-01-01", "1933-10-18", "2024-06-30"]  # kept, as a date after today is
    assert rec["problem"].notna().tolist() == [True, True, False, True, False]
    assert rec["problem"].iloc[0] == ("date 1024-06-30 is before 1990: a mistyped year? Correct it (no connectivity "
                                      "record is older than 1990)")
    assert rec["problem"].iloc[3].startswith("date 1933-10-18 is before 1990")  # an Excel serial number of 1933
    vi = dxmap.read_records(_csv(tmp_path, ["30/6/1024"]), lang="vi")["problem"].iloc[0]
    assert vi == ("ngày 30/6/1024 trước năm 1990, có thể gõ nhầm năm; hãy sửa lại (số liệu kết nối không có từ trước "
                  "năm 1990)")
    with pytest.raises(SnapshotDateError, match=r"as_of='30/6/1024' is before 1990: no connectivity record is older "
                                                r"than 1990 \(a mistyped year\?\)"):
        dxmap.read_records(_csv(tmp_path, [""]), as_of="30/6/1024")
    result = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(_csv(tmp_path, [""])),
                                       "--records-date", "30/6/1924"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.startswith("dxmap: error: --records-date 30/6/1924 is before 1990")


# --- in files ---------------------------------------------------------------------------------------------

def _csv(tmp_path, dates: list[str], name: str = "d.csv"):
    p = tmp_path / name
    p.write_text("Mã xã,Công nghệ,Trạng thái,Ngày cập nhật\n" + "".join(f"2692,LAN,Có,{d}\n" for d in dates),
                 encoding="utf-8")
    return p


def test_csv_dates_day_first_and_the_records_date(tmp_path):
    rec = dxmap.read_records(_csv(tmp_path, ["01/04/2024", "15/04/2024", "05/06/2024", ""]), as_of="01/06/2024")
    assert iso(rec["as_of"]) == ["2024-04-01", "2024-04-15", "2024-06-05", "2024-06-01"]  # the empty cell takes as_of
    assert rec["problem"].isna().all()


def test_csv_empty_date_without_records_date_is_a_row_problem(tmp_path):
    rec = dxmap.read_records(_csv(tmp_path, ["30/06/2024", ""]))
    assert rec["problem"].isna().tolist() == [True, False]
    assert rec["problem"].iloc[1] == "no date: fill in the day the status was true (dd/mm/yyyy)"


def test_csv_impossible_date_becomes_an_invalid_row(tmp_path):
    rec = dxmap.read_records(_csv(tmp_path, ["30/06/2024", "31/02/2024"]))
    report = dxmap.reconcile(rec, dxmap.bundled_communes())
    assert report["outcome"].tolist() == ["matched", "invalid"]
    assert report["reason"].iloc[1] == "impossible date '31/02/2024' (read day first, dd/mm/yyyy): no such day"


def test_csv_contradictory_dates_stop_the_file_unless_the_order_is_given(tmp_path):
    p = _csv(tmp_path, ["30/06/2024", "06/30/2024"])
    with pytest.raises(SchemaError, match=r"mixes two date orders: \"row 2: '30/06/2024'\" only make sense day first, "
                                          r"\"row 3: '06/30/2024'\" only month first"):
        dxmap.read_records(p)
    rec = dxmap.read_records(p, date_order="mdy")
    assert iso(rec["as_of"]) == [None, "2024-06-30"] and rec["problem"].notna().tolist() == [True, False]


def test_cli_one_month_first_typo_in_a_day_first_file_is_its_invalid_row(tmp_path):
    """QA61 1 (t05_one_mdy.csv): the ten 05/07/2024 were read as 7 May and check exited 0."""
    codes = ["02683", "02686", "02689", "02692", "02695", "02701", "02704", "02707", "02710", "02713", "02716"]
    dates = ["05/07/2024"] * 7 + ["07/15/2024"] + ["05/07/2024"] * 3
    p = tmp_path / "d.csv"
    lines = "".join(f"{c},LAN,Có,{d}\n" for c, d in zip(codes, dates))
    p.write_text("Mã xã,Công nghệ,Trạng thái,Ngày cập nhật\n" + lines, encoding="utf-8")
    out = tmp_path / "o.csv"
    result = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(p), "--outcomes", str(out)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "11 records: matched 10" in result.output and "invalid 1" in result.output
    assert ("d.csv row 9: invalid: impossible date '07/15/2024' (read day first, dd/mm/yyyy): there is no month 15. "
            "Day and month swapped by mistake? If 15 July was meant, write 15/07/2024") in result.output
    assert ("that row is invalid. Correct it (day and month swapped?); if the whole file is written month first, pass "
            "--date-order mdy.") in result.stderr
    outcomes = pd.read_csv(out, dtype=str, encoding="utf-8-sig")
    assert outcomes["as_of"].tolist() == ["2024-07-05"] * 7 + ["07/15/2024"] + ["2024-07-05"] * 3  # as typed
    said = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(p), "--date-order", "mdy", "-q"])
    assert said.exit_code == 0 and "matched 11" in said.output  # the order given: read so, without a word


def test_csv_dates_after_an_apostrophe_or_ngay_or_before_a_remark_are_read(tmp_path):
    """QA61 3, 4 (t04_dates.csv, t27_apostrophe.csv): an apostrophe typed to keep the date as text, "ngày 30/6/2024"
    and "30/06/2024 (ước)" were invalid."""
    p = tmp_path / "a.csv"
    p.write_text("Mã xã,Tên xã,Mạng LAN chuẩn,Ngày cập nhật\n'02692,A Lù,Có,'30/06/2024\n02695,Trịnh Tường,Có,"
                 "ngày 30/6/2024\n02701,Y Tý,Có,30/06/2024 (ước)\n", encoding="utf-8")
    rec = dxmap.read_records(p)
    assert iso(rec["as_of"]) == ["2024-06-30"] * 3 and rec["problem"].isna().all()
    result = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(p), "-q"])
    assert result.exit_code == 0 and "matched 3" in result.output


def test_xlsx_dates_text_cells_day_first_date_cells_and_serials(tmp_path):
    path = tmp_path / "d.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Mã xã", "Công nghệ", "Trạng thái", "Ngày"])
    for value in ("01/04/2024", dt.datetime(2024, 4, 1), 45383, "ngày 1 tháng 4 năm 2024", "2024-04-01"):
        ws.append(["02692", "LAN", "Có", value])
    wb.save(path)
    rec = dxmap.read_records(path)
    assert iso(rec["as_of"]) == ["2024-04-01"] * 5


def test_cli_as_of_and_records_date_are_read_day_first(tmp_path):
    result = CliRunner().invoke(main, ["summary", "--demo", "--as-of", "01/04/2024", "--format", "json", "-q"])
    assert result.exit_code == 0, result.output
    assert '"as_of": "2024-04-01"' in result.output and '"newest_record": "2024-03-31"' in result.output
    p = tmp_path / "lan.csv"
    p.write_text("Mã xã,Mạng LAN chuẩn\n2692,Có\n", encoding="utf-8")
    out = tmp_path / "o.csv"
    checked = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(p), "--records-date", "01/04/2024", "--outcomes", str(out), "-q"])
    assert checked.exit_code == 0, checked.output
    assert pd.read_csv(out, dtype=str, encoding="utf-8-sig")["as_of"].tolist() == ["2024-04-01"]


def test_cli_as_of_before_every_record_and_after_the_newest(tmp_path):
    early = CliRunner().invoke(main, ["summary", "--demo", "--as-of", "01/01/2020", "-q", "--lang", "en"])
    assert early.exit_code == 1
    assert early.stderr.strip() == ("dxmap: error: --as-of 2020-01-01 is before the earliest record (2024-03-31; the newest "
                                    "is 2024-06-30): every unit would be unknown then, and no gap would be found. Give a date from "
                                    "2024-03-31 on.")
    late = CliRunner().invoke(main, ["summary", "--demo", "--as-of", "2025-01-01", "--lang", "en", "-q"])
    assert late.exit_code == 0 and late.output.splitlines()[0].startswith("as of 2025-01-01 (newest record 2024-06-30)")
    future = CliRunner().invoke(main, ["map", "--demo", "--as-of", "2099-01-01", "--out", str(tmp_path / "m.html"), "-q",
                                       "--lang", "en"])
    assert future.exit_code == 1 and not (tmp_path / "m.html").exists()
    assert future.stderr.startswith("dxmap: error: --as-of 2099-01-01 is after today (")
    assert "A mistyped year? Give a date up to today (the newest record is 2024-06-30)." in future.stderr
    bad = CliRunner().invoke(main, ["summary", "--demo", "--as-of", "31/02/2024", "-q", "--lang", "en"])
    assert bad.exit_code == 1 and bad.stderr.startswith("dxmap: error: --as-of 31/02/2024 is no real day")
    # in Vietnamese (the default) the same lines, in its words
    early = CliRunner().invoke(main, ["summary", "--demo", "--as-of", "01/01/2020", "-q"])
    assert early.stderr.strip() == ("dxmap: lỗi: --as-of 2020-01-01 trước bản ghi sớm nhất (31/3/2024; bản ghi mới nhất "
                                    "ngày 30/6/2024): khi đó mọi đơn vị đều chưa rõ và không tìm thấy đơn vị nào còn "
                                    "thiếu. Hãy chọn ngày từ 31/3/2024 trở đi.")
    future = CliRunner().invoke(main, ["map", "--demo", "--as-of", "2099-01-01", "--out", str(tmp_path / "m.html"), "-q"])
    assert future.exit_code == 1 and future.stderr.startswith("dxmap: lỗi: --as-of 2099-01-01 muộn hơn hôm nay (")
    assert "Gõ nhầm năm? Hãy chọn ngày không muộn hơn hôm nay (bản ghi mới nhất ngày 30/6/2024)." in future.stderr
    bad = CliRunner().invoke(main, ["summary", "--demo", "--as-of", "31/02/2024", "-q"])
    assert bad.exit_code == 1 and bad.stderr.startswith("dxmap: lỗi: --as-of 31/02/2024 không phải ngày có thật")


def test_a_quarter_as_an_option_is_its_last_day_and_an_unfinished_one_is_refused(tmp_path):
    assert parse_date("Quý II/2024") == pd.Timestamp("2024-06-30")
    assert dxmap.validate.tables.date_argument("T6/2024") == pd.Timestamp("2024-06-30")
    with pytest.raises(SnapshotDateError, match=r"as_of='Quý I/\d{4}' is a period that has not ended \(it ends on "):
        parse_date(f"Quý I/{dt.date.today().year + 1}")
    with pytest.raises(SnapshotDateError, match="names no month or quarter that exists"):
        parse_date("T13/2024")
    result = CliRunner().invoke(main, ["summary", "--demo", "--as-of", "Quý I/2024", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"as_of": "2024-03-31"' in result.output


def test_a_quarter_given_as_as_of_is_told_in_the_as_of_option_s_words(caplog):
    """The line for `--as-of 'Quý I/2024'` named --records-date: the reader's option, not the picture's."""
    result = CliRunner().invoke(main, ["summary", "--demo", "--as-of", "Quý I/2024", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "--as-of 'Quý I/2024' names a month or quarter: read as its last day, 2024-03-31" in result.output
    assert "--records-date 'Quý I/2024'" not in result.output
    vi = CliRunner().invoke(main, ["summary", "--demo", "--as-of", "Quý I/2024"]).output  # and in Vietnamese
    assert "--as-of 'Quý I/2024' là một tháng hoặc quý: được hiểu là ngày cuối kỳ, 31/3/2024" in vi


def test_a_column_whose_every_day_reads_either_way_is_read_day_first_and_says_so(caplog):
    """QA67 F4: a US sheet's 07/01/2025 (1 July) was read as 7 January without a word; a column one of whose days
    only makes sense day first needs no such line."""
    with caplog.at_level(logging.INFO, logger="dxmap"):
        got = parse_dates(pd.Series(["07/01/2025", "07/01/2025", "2025-06-30"]), where="us.csv")
    assert iso(got.dates) == ["2025-01-07", "2025-01-07", "2025-06-30"]
    assert ("us.csv: 2 rows of the date column read either way (such as '07/01/2025'): read day first (dd/mm/yyyy), "
            "dxmap's default ('07/01/2025' is 7 January 2025); if the file is written month first, pass "
            "date_order='mdy'.") in caplog.text
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="dxmap"):
        parse_dates(pd.Series(["07/01/2025", "30/06/2025"]), where="vn.csv")
    assert "either way" not in caplog.text


def _two_rounds_month_first(tmp_path):
    p = tmp_path / "us.csv"  # two rounds written month first, as the QA72 Kenyan file: 03/31 and 06/30
    p.write_text("Mã xã,Công nghệ,Trạng thái,Ngày cập nhật\n02683,LAN,Chưa có,03/31/2024\n"
                 "02683,LAN,Có,06/30/2024\n02686,LAN,Chưa có,03/31/2024\n", encoding="utf-8")
    return p


def test_cli_as_of_and_compare_are_read_in_the_date_order_given(tmp_path):
    """QA72 K1: with --date-order mdy, --as-of 06/07/2024 was read as 6 July (the June round shown, not March's) and
    --compare 04/05/2024 as 4 May; --records-date followed the option."""
    p = _two_rounds_month_first(tmp_path)
    base = ["summary", "--lang", "en", "--records", str(p), "--date-order", "mdy", "-q"]
    result = CliRunner().invoke(main, [*base, "--as-of", "06/07/2024"])
    assert result.exit_code == 0, result.output
    assert "as of 2024-06-07 (newest record 2024-03-31)" in result.output
    result = CliRunner().invoke(main, [*base, "--as-of", "06/30/2024", "--compare", "04/05/2024"])
    assert result.exit_code == 0, result.output
    assert "as of 2024-06-30, compared with 2024-04-05" in result.output
    iso = CliRunner().invoke(main, [*base, "--as-of", "2024-06-07"])  # ISO is ISO whatever the order
    assert "as of 2024-06-07" in iso.output


def _two_rounds_day_first(tmp_path):
    p = tmp_path / "vn.csv"  # the same rounds written day first: 31/03 and 30/06
    p.write_text("Mã xã,Công nghệ,Trạng thái,Ngày cập nhật\n02683,LAN,Chưa có,31/03/2024\n"
                 "02683,LAN,Có,30/06/2024\n02686,LAN,Chưa có,31/03/2024\n", encoding="utf-8")
    return p


def test_an_option_date_that_reads_as_two_days_says_which_it_took(tmp_path):
    """QA72 K1: beside records read day first, --as-of 06/07/2024 is read day first (dxmap's rule for an argument), and
    a line names the other reading and how to write it; an unambiguous date says nothing."""
    p = _two_rounds_day_first(tmp_path)
    base = ["summary", "--lang", "en", "--records", str(p)]
    result = CliRunner().invoke(main, [*base, "--as-of", "06/07/2024"])
    assert "as of 2024-07-06" in result.output
    assert ("--as-of 06/07/2024 read day first (dd/mm/yyyy): 2024-07-06. If you meant 2024-06-07, write "
            "--as-of 2024-06-07.") in result.stderr
    plain = CliRunner().invoke(main, [*base, "--as-of", "13/06/2024"])
    assert "as of 2024-06-13" in plain.output and "read day first" not in plain.stderr
    quiet = CliRunner().invoke(main, [*base, "--as-of", "06/07/2024", "-q"])
    assert "read day first" not in quiet.stderr  # a line of progress, not a warning


@pytest.mark.parametrize("command", ["summary", "map", "report"])
def test_an_option_date_that_reads_as_two_days_is_refused_beside_records_found_month_first(tmp_path, command):
    """QA72 K1: without --date-order, records found written month first and --as-of 06/07/2024 gave 6 July's picture
    (the June round) in silence under -q, while the analyst meant 7 June (the March round): the file's order says how
    it was written, not how the date was typed, so which day is meant is asked, with both readings and the fix."""
    p = _two_rounds_month_first(tmp_path)
    base = [command, "--lang", "en", "--records", str(p), "-q", "--out", str(tmp_path / ("m.html" if command == "map"
                                                                                       else "out"))]
    if command == "summary":
        base = base[:-2]
    result = CliRunner().invoke(main, [*base, "--as-of", "06/07/2024"])
    assert result.exit_code == 1, result.output
    assert ("error: --as-of 06/07/2024 reads as two days: 2024-07-06 (6 July) day first, 2024-06-07 (7 June) month "
            "first, and the dates of us.csv are written month first, so dxmap does not guess. Write the day you mean "
            "as ISO, --as-of 2024-06-07 or --as-of 2024-07-06, or pass --date-order mdy to read every date month "
            "first.") in result.stderr
    assert "Traceback" not in result.output + result.stderr
    result = CliRunner().invoke(main, [*base, "--as-of", "06/30/2024", "--compare", "04/05/2024"])
    assert result.exit_code == 1 and "--compare 04/05/2024 reads as two days" in result.stderr
    assert "--compare 2024-04-05 or --compare 2024-05-04" in result.stderr


def test_unambiguous_and_iso_option_dates_beside_records_found_month_first(tmp_path):
    """QA72 K1: a date that is one day only (13/06/2024, 06/30/2024) or ISO is read as it is; the Vietnamese refusal
    names both readings as Vietnamese writes dates."""
    p = _two_rounds_month_first(tmp_path)
    base = ["summary", "--lang", "en", "--records", str(p), "-q"]
    for given, read in (("13/06/2024", "2024-06-13"), ("2024-06-07", "2024-06-07"), ("06/30/2024", "2024-06-30")):
        result = CliRunner().invoke(main, [*base, "--as-of", given])
        assert result.exit_code == 0, result.output
        assert f"as of {read}" in result.output
    vi = CliRunner().invoke(main, ["summary", "--lang", "vi", "--records", str(p), "-q", "--as-of", "06/07/2024"])
    assert vi.exit_code == 1
    assert "6/7/2024 (ngày 6 tháng 7) nếu ngày trước, 7/6/2024 (ngày 7 tháng 6) nếu tháng trước" in vi.stderr
    assert "--as-of 2024-06-07 hoặc --as-of 2024-07-06, hoặc dùng --date-order mdy" in vi.stderr


def test_the_python_api_reads_given_dates_as_the_records_were(tmp_path):
    """QA72 K1: analyse, compare and build_report take the date order from the Dataset read_dataset made: the one
    given, or a refusal of a date that reads as two days beside records found month first."""
    p = _two_rounds_month_first(tmp_path)
    given = dxmap.read_dataset(str(p), date_order="mdy")
    assert given.date_order is DateOrder.MDY and given.month_first == ()
    assert dxmap.analyse(given, as_of="06/07/2024").as_of == "2024-06-07"
    assert dxmap.compare(given, as_of="06/30/2024", compare_to="04/05/2024").summary["compare_to"] == "2024-04-05"
    found = dxmap.read_dataset(str(p))
    assert found.date_order is None and found.month_first == ("us.csv",)
    for call in (lambda: dxmap.analyse(found, as_of="06/07/2024"),
                 lambda: dxmap.compare(found, as_of="2024-06-30", compare_to="04/05/2024")):
        with pytest.raises(SnapshotDateError, match=r"reads as two days.*pass date_order='mdy' \(to read_dataset in "
                                                    r"Python\)"):
            call()
    assert dxmap.analyse(found, as_of="2024-06-07").as_of == "2024-06-07"
    assert dxmap.analyse(found, as_of="13/06/2024").as_of == "2024-06-13"
    day_first = dxmap.read_dataset(str(_two_rounds_day_first(tmp_path)))
    assert day_first.month_first == () and dxmap.analyse(day_first, as_of="06/07/2024").as_of == "2024-07-06"


def test_date_argument_takes_an_order():
    from dxmap.validate.tables import date_argument

    assert date_argument("06/07/2024", order="mdy") == pd.Timestamp("2024-06-07")
    assert date_argument("06/07/2024", order=DateOrder.DMY) == pd.Timestamp("2024-07-06")
    assert date_argument("06/07/2024") == pd.Timestamp("2024-07-06")


def test_reads_as_dates_tells_a_column_of_dates_from_codes_and_words():
    from dxmap.validate.dates import reads_as_dates

    assert reads_as_dates(pd.Series(["June 2024", "30/06/2024", None, dt.date(2024, 3, 31)]))
    assert not reads_as_dates(pd.Series(["02692", "2695"])) and not reads_as_dates(pd.Series(["Yes", "No"]))
    assert not reads_as_dates(pd.Series([None, ""]))

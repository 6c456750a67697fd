"""`dxmap check` on messy inputs: per-record CSV and XLSX report, counts per outcome, exit status."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import openpyxl
import pandas as pd
import pyproj
import pytest
from click.testing import CliRunner
from shapely.geometry import box

from dxmap.cli import main

MESSY = Path(__file__).parent / "data" / "messy"
SAMPLE_VILLAGES = Path(__file__).parent.parent / "data" / "sample" / "villages.geojson"  # illustrative demo villages
pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning", "ignore::UserWarning")


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_check_writes_csv_and_xlsx_reports_with_one_line_per_record(tmp_path):
    csv_path, xlsx_path, unmatched = tmp_path / "all.csv", tmp_path / "all.xlsx", tmp_path / "bad.csv"
    result = run("check", "--lang", "en", "--records", str(MESSY / "names_codes.csv"), "--villages", str(SAMPLE_VILLAGES),
                 "--outcomes", str(csv_path), "--outcomes", str(xlsx_path), "--unmatched", str(unmatched), "-q")
    assert result.exit_code == 1
    assert "29 records: matched 17, unmatched 4, ambiguous 2, duplicate 1, conflict 2, ignored 3" in result.output
    assert "matched by: name 10, code 6, location 1" in result.output
    assert "did you mean: 02692 A Lù" in result.output
    report = pd.read_csv(csv_path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert len(report) == 29 and report["row"].tolist() == [str(i) for i in range(2, 31)]
    assert report.columns[:11].tolist() == ["file", "row", "technology", "status", "outcome", "unit_id",
                                            "matched_commune_code", "matched_name", "method", "reason", "suggestions"]
    book = openpyxl.load_workbook(xlsx_path)
    assert book.sheetnames == ["report", "summary"]
    assert book["report"].max_row == 30 and book["report"]["E1"].value == "outcome"
    summary = {(r[0], r[1]): r[2] for r in book["summary"].iter_rows(min_row=2, values_only=True)}
    assert summary[("outcome", "unmatched")] == 4 and summary[("total", None)] == 29
    bad = pd.read_csv(unmatched, dtype=str, encoding="utf-8-sig")
    assert len(bad) == 9 and set(bad["outcome"]) == {"unmatched", "ambiguous", "duplicate", "conflict"}


def test_check_speaks_vietnamese_by_default_lines_reasons_and_files(tmp_path):
    """QA (the coordinator's pass and earlier): the staff who correct the sheets read Vietnamese. The console lines,
    every reason, the outcomes file's columns, outcomes, technologies, statuses and dates, and the XLSX sheets are in
    Vietnamese unless --lang en; every record is in both, with the same outcome, in the same order."""
    args = ["--records", str(MESSY / "names_codes.csv"), "--villages", str(SAMPLE_VILLAGES), "-q"]
    vi, en = tmp_path / "vi", tmp_path / "en"
    said = {}
    for lang, folder in (("vi", vi), ("en", en)):
        folder.mkdir()
        extra = [] if lang == "vi" else ["--lang", "en"]
        result = run("check", *extra, *args, "--outcomes", str(folder / "o.csv"), "--outcomes", str(folder / "o.xlsx"))
        assert result.exit_code == 1
        said[lang] = result.stdout
    assert said["vi"].startswith("29 bản ghi: khớp 17, không khớp 4, nhiều đơn vị 2, trùng 1, mâu thuẫn 2, bỏ qua 3, "
                                 "không đọc được 0\nkhớp theo: tên 10, mã 6, vị trí 1\n")
    assert ("  names_codes.csv dòng 13: không khớp: không có xã nào tên A Lu Xa ở huyện Bát Xát (có thể là: 02692 A Lù "
            "(giống 90%); 02683 Bát Xát (giống 57%); 02686 A Mú Sung (giống 50%))") in said["vi"]  # QA19 finding 9
    assert "02692 A Lù (90); 02683 Bát Xát (57)" in said["en"]  # English keeps reconcile's scores
    assert "names_codes.csv row 13: unmatched: no commune named A Lu Xa in district Bát Xát" in said["en"]
    # namesakes told apart by their district, in its own words (Sa Pa is a thị xã, not a huyện)
    assert "(02779 Thanh Bình, huyện Mường Khương; 03022 Thanh Bình, thị xã Sa Pa)" in said["vi"]
    assert "(02779 Thanh Bình, Mường Khương district; 03022 Thanh Bình, Sa Pa district)" in said["en"]
    assert len(said["vi"].splitlines()) == len(said["en"].splitlines())

    table = pd.read_csv(vi / "o.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    english = pd.read_csv(en / "o.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert table.columns[:12].tolist() == ["Tệp", "Dòng", "Hạ tầng", "Trạng thái", "Kết quả kiểm tra", "Mã đơn vị khớp",
                                           "Mã xã khớp", "Tên đơn vị khớp", "Khớp theo", "Lý do", "Gợi ý",
                                           "Ghi chú về tên"]
    assert len(table) == len(english) == 29 and table["Dòng"].tolist() == english["row"].tolist()
    words = {"matched": "khớp", "unmatched": "không khớp", "ambiguous": "nhiều đơn vị", "duplicate": "trùng",
             "conflict": "mâu thuẫn", "ignored": "bỏ qua", "invalid": "không đọc được"}
    assert table["Kết quả kiểm tra"].tolist() == english["outcome"].map(words).tolist()
    assert set(table["Khớp theo"]) <= {"", "mã", "tên", "vị trí"} and set(english["method"]) <= {"", "code", "name",
                                                                                                 "location"}
    assert set(table["Hạ tầng"]) <= {"", "Băng rộng di động", "Cáp quang (FTTH)", "Mạng LAN chuẩn"}
    dated = english["as_of"].ne("")
    assert (table.loc[dated, "Ngày"] == pd.to_datetime(english.loc[dated, "as_of"]).map(
        lambda d: f"{d.day}/{d.month}/{d.year}")).all()
    reasons = table.loc[table["Lý do"].ne(""), "Lý do"]
    assert len(reasons) == int(english["reason"].ne("").sum()) > 0
    plain = reasons.str.replace(r"--[\w-]+", "", regex=True)  # the options stay as typed: --records-version
    for english_word in ("commune", "named", "district", "record", "boundary set", "same unit", "point"):
        assert not plain.str.contains(english_word).any(), english_word
    book = openpyxl.load_workbook(vi / "o.xlsx")
    assert book.sheetnames == ["Kết quả", "Tổng hợp"]
    summary = {(r[0], r[1]): r[2] for r in book["Tổng hợp"].iter_rows(min_row=2, values_only=True)}
    assert summary[("kết quả", "không khớp")] == 4 and summary[("tổng", None)] == 29
    assert [c.value for c in book["Tổng hợp"][1]] == ["Mục", "Giá trị", "Số bản ghi"]
    # QA17 finding 11: a column filled on a few rows (the suggestions) is as wide as those, and so is the summary's
    letter = {c.value: c.column_letter for c in book["Kết quả"][1]}
    assert book["Kết quả"].column_dimensions[letter["Gợi ý"]].width >= 40
    assert book["Tổng hợp"].column_dimensions["B"].width >= len("tên viết khác với danh mục")


def test_total_and_heading_rows_do_not_fail_the_check(tmp_path):
    result = run("check", "--lang", "en", "--records", str(MESSY / "provincial.xlsx"), "--sheet", "muong khuong", "--unmatched",
                 str(tmp_path / "u.csv"), "-q")
    assert result.exit_code == 0, result.output  # total and heading rows are ignored, not failures
    assert "4 records: matched 2, unmatched 0, ambiguous 0, duplicate 0, conflict 0, ignored 2" in result.output


@pytest.mark.parametrize("enc", ["tcvn3", "vni", "cp1258", "auto"])
def test_encoding_option(tmp_path, enc):
    name = "legacy_tcvn3.csv" if enc == "auto" else f"legacy_{enc}.csv"
    result = run("check", "--lang", "en", "--records", str(MESSY / name), "--encoding", enc, "--outcomes", str(tmp_path / "r.csv"),
                 "--unmatched", str(tmp_path / "u.csv"), "-q")
    assert result.exit_code == 0, result.output
    report = pd.read_csv(tmp_path / "r.csv", dtype=str, encoding="utf-8-sig")
    assert report["matched_name"].tolist() == ["A Lù", "Trịnh Tường", "Bản Vược", "Sa Pả"]


def test_datum_less_commune_file_is_reported_and_fixed_with_crs(tmp_path):
    to_tm3 = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:9208", always_xy=True)
    x0, y0 = to_tm3.transform(103.95, 22.47)
    communes = gpd.GeoDataFrame({"code": ["02635"], "name": ["Duyên Hải"]},
                                geometry=[box(x0, y0, x0 + 4000, y0 + 4000)], crs="EPSG:9208")
    path = tmp_path / "communes.shp"
    communes.to_file(path, engine="pyogrio")
    path.with_suffix(".prj").write_text(pyproj.CRS.from_proj4(
        "+proj=tmerc +lon_0=104.75 +k=0.9999 +x_0=500000 +ellps=WGS84 +units=m").to_wkt("WKT1_ESRI"))
    records = tmp_path / "r.csv"
    records.write_text("Mã xã,Công nghệ,Trạng thái,Ngày\n2635,LAN,đã có,2024-06-30\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(records), "--communes", str(path),
                                       "--unmatched", str(tmp_path / "u.csv")], catch_exceptions=False)
    assert result.exit_code == 0
    assert "--crs EPSG:9208" in result.stderr and "m off" in result.stderr
    fixed = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(records), "--communes", str(path), "--crs", "EPSG:9208",
                                      "--unmatched", str(tmp_path / "u.csv")], catch_exceptions=False)
    assert fixed.exit_code == 0 and "m off" not in fixed.stderr


# --- every row reported, also the bad ones; messages in the command line's words ------------------------------

def _three_unknown_words(tmp_path) -> Path:
    p = tmp_path / "words.csv"
    p.write_text("Mã xã,Công nghệ,Trạng thái,Ngày cập nhật\n"
                 "2692,Mạng LAN,Not covered,30/06/2024\n"    # "Not covered" is a word for none
                 "2695,Broadband,Có,30/06/2024\n"           # unknown technology
                 "2710,LAN,maybe,30/06/2024\n"              # unknown status
                 "2683,Mạng LAN chuẩn,✓,30/06/2024\n"
                 "2716,cáp quang,half,30/06/2024\n"         # unknown status
                 "Tổng cộng,,4,\n", encoding="utf-8")
    return p


def test_check_reports_unknown_words_as_invalid_lines_and_exits_1(tmp_path):
    out = tmp_path / "outcomes.csv"
    result = run("check", "--lang", "en", "--records", str(_three_unknown_words(tmp_path)), "--outcomes", str(out), "-q")
    assert result.exit_code == 1
    assert "6 records: matched 2, unmatched 0, ambiguous 0, duplicate 0, conflict 0, ignored 1, invalid 3" in result.output
    report = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert report["outcome"].tolist() == ["matched", "invalid", "invalid", "matched", "invalid", "ignored"]
    invalid = report[report["outcome"].eq("invalid")].set_index("row")["reason"]
    assert invalid["3"].startswith("unknown technology 'Broadband'; accepted: mobile ('mobile', '4G', 'di động'), fibre")
    assert invalid["4"].startswith("unknown status 'maybe' in column 'Trạng thái'; accepted: covered ('yes'")
    assert invalid["6"].startswith("unknown status 'half' in column 'Trạng thái'")
    assert "words.csv row 3: invalid: unknown technology 'Broadband'" in result.output
    assert report.loc[0, "technology"] == "lan" and report.loc[0, "status"] == "none"


@pytest.mark.parametrize("lang, suffix", [("vi", ".xlsx"), ("vi", ".csv"), ("en", ".csv")])
def test_an_outcomes_file_sent_back_uncorrected_gives_the_same_invalid_records(tmp_path, lang, suffix):
    """The outcomes file left an invalid record's unread cell empty, so the file read back without corrections made
    records of unknown status (QA17 finding 3). The cells are now written as typed: a word ('maybe'), a date that
    does not exist, a technology, and a row of x-marked sub-columns marked twice; and the fixed file reads clean."""
    long = tmp_path / "long.csv"
    long.write_text("Mã xã,Công nghệ,Trạng thái,Ngày cập nhật\n"
                    "2692,LAN,maybe,30/06/2024\n2695,LAN,Có,31/06/2024\n2710,Wifi,Có,30/06/2024\n"
                    "2683,LAN,Có,30/06/2024\n", encoding="utf-8")
    marks = tmp_path / "marks.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Mã xã", "Mạng LAN chuẩn", None, "Ngày"])
    ws.append([None, "Có", "Chưa có", None])
    ws.merge_cells("B1:C1")
    ws.append(["02716", "x", "x", "30/06/2024"])
    wb.save(marks)
    first, again = tmp_path / f"o{suffix}", tmp_path / f"again{suffix}"
    sent = run("check", "--lang", lang, "--records", str(long), "--records", str(marks), "--outcomes", str(first), "-q")
    back = run("check", "--lang", lang, "--records", str(first), "--outcomes", str(again), "-q")
    assert sent.exit_code == back.exit_code == 1
    count = sent.output.splitlines()[0]
    assert count.endswith(("invalid 4", "không đọc được 4")) and back.output.splitlines()[0] == count

    table = pd.read_excel(first, dtype=str) if suffix == ".xlsx" else pd.read_csv(first, dtype=str, encoding="utf-8-sig")
    status, date, tech = table.columns[3], table.columns[list(table.columns).index("Ngày" if lang == "vi" else "as_of")], \
        table.columns[2]
    assert table[status].tolist()[:1] == ["maybe"] and table[date][1] == "31/06/2024" and table[tech][2] == "Wifi"
    assert table[status][4] == ("Có: x; Chưa có: x")
    fixed = table.assign(**{status: table[status].where(table.index != 0, "Có").where(table.index != 4, "Chưa có"),
                            date: table[date].where(table.index != 1, "30/06/2024"),
                            tech: table[tech].where(table.index != 2, "LAN")})
    fixed.to_csv(tmp_path / "fixed.csv", index=False)
    clean = run("check", "--lang", lang, "--records", str(tmp_path / "fixed.csv"), "-q")
    assert clean.exit_code == 0, clean.output


def test_check_writes_unmatched_csv_only_when_asked(tmp_path, monkeypatch):
    records = _three_unknown_words(tmp_path)
    cwd = tmp_path / "work"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    result = run("check", "--lang", "en", "--records", str(records), "-q")
    assert result.exit_code == 1 and list(cwd.iterdir()) == []
    old = run("check", "--lang", "en", "--records", str(records), "--report", "r.csv", "--unmatched", "u.csv", "-q")
    assert old.exit_code == 1 and sorted(p.name for p in cwd.iterdir()) == ["r.csv", "u.csv"]
    assert len(pd.read_csv(cwd / "u.csv", encoding="utf-8-sig")) == 3
    assert "--report" not in run("check", "--help").output and "--outcomes" in run("check", "--help").output


def test_map_refuses_invalid_rows_unless_allowed_and_counts_what_it_skips(tmp_path):
    records = _three_unknown_words(tmp_path)
    refused = CliRunner().invoke(main, ["map", "--records", str(records), "--out", str(tmp_path / "m.html"), "-q",
                                        "--lang", "en"])
    assert refused.exit_code == 1 and "3 of 6 records did not match (invalid 3)" in refused.stderr
    assert "--allow-unmatched" in refused.stderr and "strict=False" not in refused.stderr
    allowed = CliRunner().invoke(main, ["summary", "--records", str(records), "--allow-unmatched", "--lang", "en"])
    assert allowed.exit_code == 0, allowed.output
    assert allowed.stderr.count("dxmap: skipped 3 records not counted: invalid 3") == 1
    # in Vietnamese (the default): the same refusal and count, in its words
    refused = CliRunner().invoke(main, ["map", "--records", str(records), "--out", str(tmp_path / "m.html"), "-q"])
    assert refused.exit_code == 1 and refused.stderr.startswith("dxmap: lỗi: 3 trong 6 bản ghi không khớp (không đọc "
                                                                "được 3): ")
    assert "--allow-unmatched" in refused.stderr and "strict=False" not in refused.stderr
    assert "lệnh “dxmap check --outcomes TỆP” liệt kê mọi bản ghi kèm lý do" in refused.stderr
    allowed = CliRunner().invoke(main, ["summary", "--records", str(records), "--allow-unmatched"])
    assert allowed.exit_code == 0 and "dxmap: bỏ qua 3 bản ghi không được tính: không đọc được 3" in allowed.stderr


def test_demo_and_records_together_is_an_error(tmp_path):
    result = CliRunner().invoke(main, ["summary", "--demo", "--records", str(_three_unknown_words(tmp_path)), "--lang",
                                       "en"])
    assert result.exit_code == 2
    assert "--demo uses the bundled sample; it cannot be combined with --records" in result.stderr
    vi = CliRunner().invoke(main, ["summary", "--demo", "--records", str(_three_unknown_words(tmp_path))])
    assert vi.exit_code == 2 and vi.stderr.startswith("dxmap: lỗi: --demo dùng bộ dữ liệu mẫu kèm theo, không dùng cùng "
                                                      "--records được.")


def test_one_header_for_technology_and_status_is_explained_in_cli_words(tmp_path):
    p = tmp_path / "lan.csv"
    p.write_text("Mã xã,Mạng LAN chuẩn\n2692,Có\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(p), "--records-date", "2024-06-30",
                                       "--column", "technology=Mạng LAN chuẩn", "--column", "status=Mạng LAN chuẩn"])
    assert result.exit_code == 1
    message = result.stderr.strip()
    assert "--column maps 'technology' and 'status' to the same header 'Mạng LAN chuẩn': one column cannot hold both" in message
    assert "pass --technology lan" in message and "--wide 'Mạng LAN chuẩn'=lan" in message
    assert "columns=" not in message and "wide={" not in message
    fixed = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(p), "--records-date", "2024-06-30", "--technology", "lan",
                                      "--column", "status=Mạng LAN chuẩn", "-q"])
    assert fixed.exit_code == 0, fixed.output


def test_reading_errors_name_reading_options(tmp_path):
    p = tmp_path / "h.csv"
    p.write_text("Mã xã,Hiện trạng xã\n2692,Có\n", encoding="utf-8")
    no_date = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(p), "--technology", "lan"])
    assert "Pass the date of every record with --records-date 2024-06-30" in no_date.stderr
    wrong = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(p), "--wide", "Hiện trạng=lan", "--records-date", "30/6/2024"])
    assert "--wide names 'Hiện trạng', which the file does not have" in wrong.stderr
    right = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(p), "--wide", "Hiện trạng xã=lan", "--records-date",
                                      "30/6/2024", "-q"])
    assert right.exit_code == 0 and "1 record: matched 1" in right.output
    mixed = tmp_path / "m.csv"
    mixed.write_text("Mã xã,Công nghệ,Trạng thái,Ngày\n2692,LAN,Có,30/06/2024\n2695,LAN,Có,06/30/2024\n", encoding="utf-8")
    both = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(mixed)])
    assert both.exit_code == 1 and "--date-order dmy" in both.stderr and "date_order" not in both.stderr
    chosen = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(mixed), "--date-order", "dmy", "-q"])
    assert chosen.exit_code == 1 and "invalid 1" in chosen.output


def test_layer_columns_are_named_from_the_command_line(tmp_path):
    villages = gpd.read_file(SAMPLE_VILLAGES)[["village_id", "name", "commune_code", "geometry"]]
    villages = villages.rename(columns={"name": "TEN_DIA_DANH", "village_id": "SO_HIEU"})
    path = tmp_path / "v.geojson"
    villages.to_file(path, driver="GeoJSON")
    records = tmp_path / "r.csv"
    records.write_text("Mã xã,Tên thôn,Công nghệ,Trạng thái,Ngày\n02692,Bản Khấu,4G/LTE,Có,30/06/2024\n", encoding="utf-8")
    unnamed = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(records), "--villages", str(path)])
    assert unnamed.exit_code == 1 and "--villages-column" in unnamed.stderr and "in Python" not in unnamed.stderr
    named = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(records), "--villages", str(path),
                                      "--villages-column", "name=TEN_DIA_DANH", "--villages-column", "village_id=SO_HIEU", "-q"])
    assert named.exit_code == 0, named.output + named.stderr


@pytest.mark.parametrize("word, said", [
    ("Đã có KH", "=planned (or covered, weak, none, unknown)"),
    ("Mất sóng", "=none (or covered, weak, planned, unknown)"),
    ("Chưa có KH", "=STATUS, with STATUS one of covered, weak, none, planned, unknown"),
    ("Pending", "=STATUS, with STATUS one of covered, weak, none, planned, unknown")])
def test_the_status_offered_for_an_unknown_word_is_the_one_its_words_say(tmp_path, word, said):
    """QA64 F11: "Đã có KH" (a plan) was offered as --status-word 'Đã có KH'=none: copied, a plan read as a gap. The
    example takes the one status the word's parts say (KH planned, mất sóng none); QA72 K3: else a blank to fill
    in, not none ("Sí" was offered as 'Sí'=none: pasted, every covered village a gap)."""
    p = tmp_path / "kh.csv"
    p.write_text(f"Mã xã,Công nghệ,Trạng thái,Ngày\n02692,LAN,{word},30/06/2024\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(p)])
    assert f"e.g. --status-word '{word}'{said}" in result.stderr, result.stderr


def test_an_unknown_status_word_without_a_guess_is_offered_with_a_blank_in_vietnamese_too(tmp_path):
    """QA72 K3: the blank is one word the shell takes, named in the message's language."""
    p = tmp_path / "kh.csv"
    p.write_text("Mã xã,Công nghệ,Trạng thái,Ngày\n02692,LAN,Tạm được,30/06/2024\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--lang", "vi", "--records", str(p)])
    assert ("ví dụ --status-word 'Tạm được'=TRẠNG_THÁI, thay TRẠNG_THÁI bằng một trong covered, weak, none, "
            "planned, unknown") in result.stderr, result.stderr
    pasted = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(p), "--status-word",
                                       "Tạm được=STATUS"])
    assert pasted.exit_code == 1 and "'STATUS'" in pasted.stderr  # a blank left unfilled is refused, not read


def test_a_file_s_unknown_status_words_are_listed_once_with_the_option_that_reads_them(tmp_path):
    """QA39 M2: each invalid row said the words dxmap reads, but not how to name the sheet's own ("Mất sóng")."""
    p = _three_unknown_words(tmp_path)
    result = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(p)])
    assert ("dxmap: words.csv: 2 unknown status words: 'maybe' (row 4), 'half' (row 6). If one says a status, give "
            "it, e.g. --status-word 'maybe'=STATUS, with STATUS one of covered, weak, none, planned, unknown") \
        in result.stderr.splitlines()
    read = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(p), "--status-word", "maybe=none",
                                     "--status-word", "half=weak"])
    assert "unknown status" not in read.stderr and "invalid 1" in read.output  # the technology 'Broadband' is left


def test_two_statuses_an_excel_error_and_a_quote_in_status_cells(tmp_path):
    """QA61: 'Có (chưa đạt chuẩn)' was read as covered, silently; '#N/A' was offered as a status word; an apostrophe
    typed to keep 'Chưa có' text made it unknown; a word holding a quote was offered as ''Chưa có'=none."""
    p = tmp_path / "q.csv"
    p.write_text("Mã xã,Công nghệ,Trạng thái,Ngày cập nhật\n"
                 "02692,LAN,Có (chưa đạt chuẩn),30/06/2024\n"
                 "02695,LAN,#N/A,30/06/2024\n"
                 "02701,LAN,'Chưa có,30/06/2024\n"
                 "02704,LAN,Chưa có',30/06/2024\n"
                 "02683,LAN,Có (Viettel),30/06/2024\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(p)])
    assert result.exit_code == 1 and "matched 2," in result.output and "invalid 3" in result.output
    assert "row 2: invalid: 'Có (chưa đạt chuẩn)' in column 'Trạng thái' holds two statuses" in result.output
    assert "row 3: invalid: an Excel error value (#N/A) in column 'Trạng thái': the formula failed" in result.output
    hint = next(line for line in result.stderr.splitlines() if "unknown status words" in line)
    assert hint == ("dxmap: q.csv: 2 unknown status words: 'Có (chưa đạt chuẩn)' (row 2), \"Chưa có'\" (row 5). If "
                    "one says a status, give it, e.g. --status-word 'Có (chưa đạt chuẩn)'=none (or covered, weak, "
                    "planned, unknown)")
    read = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(p), "--status-word",
                                     "Có (chưa đạt chuẩn)=none", "--status-word", "Chưa có'=none"])
    assert "matched 4," in read.output and "invalid 1" in read.output  # the Excel error is left


def test_a_status_word_with_a_quote_is_offered_as_the_shell_reads_it(tmp_path):
    p = tmp_path / "q.csv"
    p.write_text("Mã xã,Công nghệ,Trạng thái,Ngày cập nhật\n02692,LAN,Chưa có',30/06/2024\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(p)])
    assert "e.g. --status-word \"Chưa có'\"=none (or" in result.stderr


def test_quiet_silences_progress(tmp_path):
    p = _three_unknown_words(tmp_path)
    loud = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(p)])
    quiet = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(p), "-q"])
    assert "records (" in loud.stderr and quiet.stderr == ""


def test_more_messages_in_cli_words(tmp_path):
    """A field name that is no field, a file without a technology column, a village record without the village
    layer: each message says what to type on the command line."""
    p = tmp_path / "x.csv"
    p.write_text("Mã xã,Tên thôn,Trạng thái,Ngày\n2692,Thôn 1,Có,30/6/2024\n", encoding="utf-8")
    typo = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(p), "--column", "tech=Trạng thái"])
    assert typo.exit_code == 1
    assert "--column maps 'tech', which is not a field dxmap reads; the fields are " in typo.stderr
    assert "technology" in typo.stderr.split("the fields are ")[1]
    no_tech = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(p)])
    assert "Map it with --column technology='Your header', or pass --technology lan" in no_tech.stderr
    village = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(p), "--technology", "fibre"])
    # no village layer: the village the row names is listed from it, and the line says how to draw it
    assert village.exit_code == 0 and "matched 1," in village.output
    assert ("dxmap: no village layer: 1 village in 1 commune listed from the village names in the records; they are "
            "counted, listed and searched, but have no location and are not drawn (give --villages to draw them).") \
        in village.stderr


def test_village_records_of_yen_bai_without_villages_are_counted_from_the_records(tmp_path):
    """The bundled Yên Bái communes have no bundled villages (only the Lào Cai demo has): the village the records
    name is listed from them, in its commune, and counted."""
    p = tmp_path / "yb.csv"
    p.write_text("Mã xã,Tên xã,Tên thôn,Cáp quang,Ngày\n04633,Nậm Búng,Bản Nậm Búng,Chưa có,30/6/2024\n",
                 encoding="utf-8")
    result = run("summary", "--lang", "en", "--records", str(p), "--format", "json", "-q")
    assert result.exit_code == 0, result.output
    said = json.loads(result.stdout)
    assert said["units"]["villages"] == 1 and said["gaps"]["fibre"]["count"] == 1


_COMMUNES = Path(__file__).parent.parent / "data" / "boundaries" / "laocai_communes_2024_derived.geojson"


def test_unmatched_error_leads_with_the_commonest_reason(tmp_path):
    """40 records of one unknown commune code and one of another: the refusal names the commonest first, with its
    count, in the command's language."""
    records = tmp_path / "u.csv"
    records.write_text("Mã xã,Tên thôn,Cáp quang,Ngày\n02692,Thôn 1,Có,30/6/2024\n09998,Thôn 1,Có,30/6/2024\n"
                       + "".join(f"09999,Thôn {i},Có,30/6/2024\n" for i in range(40)), encoding="utf-8")
    args = ["map", "--records", str(records), "--communes", str(_COMMUNES), "--out", str(tmp_path / "m.html"), "-q"]
    result = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert result.exit_code == 1 and not (tmp_path / "m.html").exists()
    assert result.stderr.startswith("dxmap: error: 41 of 42 records did not match (unmatched 41): 'u.csv row 4: "
                                    "unmatched, commune code 09999 is not in the boundary set (and 39 more records for "
                                    "the same reason)', 'u.csv row 3: unmatched, commune code 09998 is not in the "
                                    "boundary set'.")
    vi = CliRunner().invoke(main, args)
    assert vi.stderr.startswith("dxmap: lỗi: 41 trong 42 bản ghi không khớp (không khớp 41): 'u.csv dòng 4: không "
                                "khớp, mã xã 09999 không có trong danh mục xã (và 39 bản ghi khác cùng lý do)'")


def test_a_commune_row_of_village_technologies_says_which_and_what_to_add(tmp_path):
    p = tmp_path / "xa.csv"
    p.write_text("Mã xã,Tên xã,Di động,Cáp quang,Ngày\n02692,A Lù,Có,Chưa có,30/6/2024\n", encoding="utf-8")
    result = run("check", "--lang", "en", "--records", str(p), "--villages", str(SAMPLE_VILLAGES))
    assert result.exit_code == 1
    for tech in ("mobile", "fibre"):
        assert (f"xa.csv row 2: unmatched: {tech} is counted per village, but the row names no village (no village "
                "code, name or position): add the village's name or code to this row") in result.output
    assert "did you mean" not in result.output  # its commune, A Lù, is known: no other commune is suggested


def test_check_district_keeps_its_records_and_those_that_may_be_its(tmp_path):
    """--district: a coordinator checks their district's rows of a province's file. Left out are only the records
    known to be elsewhere (matched there, or naming another district); an unmatched one that names none stays."""
    p = tmp_path / "r.csv"
    p.write_text("Mã xã,Tên xã,Huyện,Mạng LAN chuẩn,Ngày\n"
                 "02692,A Lù,Bát Xát,Có,30/6/2024\n"          # matched in Bát Xát
                 ",Y Tí,,Chưa có,30/6/2024\n"                 # unmatched, names no district: may be Bát Xát's
                 ",Nowhere,Sa Pa,Chưa có,30/6/2024\n"         # unmatched, names Sa Pa
                 "02863,Bản Phố,Bắc Hà,Có,30/6/2024\n", encoding="utf-8")  # matched in Bắc Hà
    out = tmp_path / "o.csv"
    result = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(p), "--district", "bat xat", "--outcomes", str(out)])
    assert "--district bat xat: 2 of 4 records checked; the other 2 are of other districts" in result.output
    # the two left out are named on the console, where the coordinator reads (QA17: only the log said so)
    assert result.stdout.splitlines()[2] == ("2 records of other districts not checked (--district bat xat): "
                                             "r.csv row 4 (Nowhere); r.csv row 5 (02863 Bản Phố)")
    vi = CliRunner().invoke(main, ["check", "--records", str(p), "--district", "bat xat", "-q"])
    assert vi.stdout.splitlines()[2] == ("2 bản ghi của huyện khác, không kiểm tra (--district bat xat): "
                                         "r.csv dòng 4 (Nowhere); r.csv dòng 5 (02863 Bản Phố)")
    rows = pd.read_csv(out, dtype=str)
    assert rows["row"].tolist() == ["2", "3"] and rows["outcome"].tolist() == ["matched", "unmatched"]
    assert result.exit_code == 1  # Y Tí did not match
    sa_pa = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(p), "--district", "088", "-q"])
    assert sa_pa.output.startswith("2 records: matched 0, unmatched 2")  # Nowhere (names Sa Pa) and Y Tí


def test_a_district_picture_is_refused_only_for_its_own_records(tmp_path):
    """QA56 1: `check --district` passed, while summary, map and report of that district refused the file for
    another district's rows (a Sa Pa record misspelt stopped Bát Xát's map); they judge the records check does."""
    p = tmp_path / "r.csv"
    p.write_text("Mã xã,Tên xã,Huyện,Mạng LAN chuẩn,Ngày\n"
                 "02692,A Lù,Bát Xát,Có,30/6/2024\n"
                 ",Nowhere,Sa Pa,Chưa có,30/6/2024\n"         # unmatched, names Sa Pa
                 "03022,Thanh Bình,Sa Pa,Có,31/02/2024\n", encoding="utf-8")  # no such date: invalid, in Sa Pa

    def summary(path, *args):
        return CliRunner().invoke(main, ["summary", "--lang", "en", "-q", "--records", str(path), *args])

    bat_xat = summary(p, "--district", "bat xat")
    assert bat_xat.exit_code == 0 and bat_xat.stdout.splitlines()[0] == (
        "as of 2024-06-30, Lào Cai 2024 (dxmap's bundled boundaries), district Bát Xát")
    for args, said in ((("--district", "sa pa"), "2 of 2 records"), ((), "2 of 3 records")):  # Sa Pa's, all
        refused = summary(p, *args)
        assert refused.exit_code == 1 and f"{said} did not match" in refused.stderr, refused.stderr
    y_ti = tmp_path / "y.csv"  # a record that names no district may be Bát Xát's: it still stops Bát Xát's picture
    y_ti.write_text(p.read_text(encoding="utf-8") + ",Y Tí,,Chưa có,30/6/2024\n", encoding="utf-8")
    one = summary(y_ti, "--district", "082")
    assert one.exit_code == 1 and "1 of 2 records did not match" in one.stderr and "Y Tí" in one.stderr, one.stderr


def test_check_lists_a_wide_row_once_and_many_records_of_one_reason_briefly(tmp_path):
    """A wide row whose technologies fail for one reason is one line; 40 village records without --villages are the
    first three rows and a count, not 20 identical lines."""
    p = tmp_path / "w.csv"
    rows = "".join(f"09999,Nowhere,Thôn {i},Có,Chưa có,30/6/2024\n" for i in range(1, 21))
    p.write_text("Mã xã,Tên xã,Tên thôn,Di động,Cáp quang,Ngày\n" + rows + "02692,A Lù,Thôn 21,Có,Có,31/06/2024\n",
                 encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(p), "--communes", str(_COMMUNES), "-q"])
    lines = [ln for ln in result.output.splitlines() if ln.startswith("  w.csv")]
    assert len(lines) == 4, result.output
    assert "commune code 09999 is not in the boundary set" in lines[2]
    assert lines[2].endswith("(and 17 more rows for the same reason)")
    assert lines[3].startswith("  w.csv row 22: invalid: impossible date '31/06/2024'")


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_outcomes_file_says_what_the_commune_must_do_and_the_console_the_option(tmp_path, lang):
    """QA17 finding 4: the file goes back to the commune, which does not run dxmap: its reason says to fill in the
    date; the console says, once, that --records-date dates every row without one (it gave both in every row)."""
    records = tmp_path / "r.csv"
    records.write_text("Mã xã,Mạng LAN chuẩn,Ngày\n02692,có,\n02695,có,30/6/2024\n02701,có,\n", encoding="utf-8")
    out = tmp_path / "o.csv"
    result = run("check", "--lang", lang, "--records", str(records), "--outcomes", str(out), "-q")
    assert result.exit_code == 1
    reasons = pd.read_csv(out, dtype=str, encoding="utf-8-sig")["reason" if lang == "en" else "Lý do"]
    said = {"en": "no date: fill in the day the status was true (dd/mm/yyyy)",
            "vi": "chưa ghi ngày cập nhật: hãy điền ngày (ngày/tháng/năm)"}[lang]
    assert reasons.iloc[[0, 2]].tolist() == [said] * 2 and reasons.iloc[1:2].isna().all()
    hint = [ln for ln in result.stderr.splitlines() if "--records-date" in ln]
    assert hint == [{"en": "dxmap: r.csv: 2 rows have no date (rows 2, 4) and cannot be read until one is filled in. If "
                           "every row without a date is of one day, give that day with --records-date 30/6/2024.",
                     "vi": "dxmap: r.csv: 2 dòng chưa ghi ngày (dòng 2, 4), chưa đọc được cho đến khi điền ngày. Nếu "
                           "mọi dòng chưa ghi ngày đều là số liệu của cùng một ngày, có thể ghi ngày đó cho chúng bằng "
                           "--records-date 30/6/2024."}[lang]]
    assert "as_of=" not in result.output


@pytest.mark.parametrize("command", [["check"], ["map", "--out", "m.html"], ["summary"]])
@pytest.mark.parametrize(("lang", "said"), [("en", "dxmap: error: h.csv: no records, only a header line. Fill in the rows"),
                                            ("vi", "dxmap: lỗi: h.csv: không có bản ghi nào, chỉ có dòng tên cột.")])
def test_a_records_file_of_only_a_header_is_said_to_be_empty(tmp_path, monkeypatch, command, lang, said):
    """It passed `check` as "0 records", and `map` said "no matched records … run dxmap check"."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "h.csv").write_text("Mã xã,Mạng LAN chuẩn,Ngày\n", encoding="utf-8")
    result = CliRunner().invoke(main, [*command, "--records", "h.csv", "-q", "--lang", lang])
    assert result.exit_code == 1
    assert said in result.output
    assert "Traceback" not in result.output and not (tmp_path / "m.html").exists()


def test_a_month_first_as_of_is_explained_with_the_option_given():
    """It said "--records-date 06/30/2024: the as_of column … row 0 … Pass --date-order dmy"."""
    result = CliRunner().invoke(main, ["summary", "--demo", "--as-of", "06/30/2024", "--lang", "en"])
    assert result.exit_code == 0
    assert ("--as-of 06/30/2024 only makes sense month first (mm/dd/yyyy): read as 2024-06-30. Write it as ISO "
            "'YYYY-MM-DD' or dd/mm/yyyy") in result.output
    assert "--records-date" not in result.output and "row 0" not in result.output
    vi = CliRunner().invoke(main, ["summary", "--demo", "--as-of", "06/30/2024"])  # Vietnamese, the default
    assert vi.exit_code == 0
    assert ("dxmap: --as-of 06/30/2024 chỉ đúng khi đọc tháng trước (mm/dd/yyyy): được đọc là 30/6/2024. Để chắc chắn, "
            "hãy viết theo ISO 'YYYY-MM-DD' hoặc dd/mm/yyyy (ngày trước), ví dụ --as-of 2024-06-30.") in vi.stderr


def test_a_commune_row_of_village_technologies_without_a_village_layer_says_both_are_missing(tmp_path):
    """Yên Bái QA: the rows name no village, so "no village layer was given" alone sent the user looking for a file."""
    p = tmp_path / "xa.csv"
    p.write_text("Mã xã,Tên xã,Di động,Mạng LAN chuẩn,Ngày\n02692,A Lù,Có,Có,30/6/2024\n", encoding="utf-8")
    result = run("check", "--lang", "en", "--records", str(p), "--outcomes", str(tmp_path / "o.csv"))
    # a commune's row: kept and said, not counted; it no longer stops the LAN map (QA: a district's commune sheet
    # with "Sóng di động" and "Cáp quang" columns could not be mapped at all)
    assert result.exit_code == 0 and "matched 1, unmatched 0" in result.output and "ignored 1" in result.output
    assert ("1 row of mobile names no village and no village layer was given: ignored, as it is counted per village. "
            "Add the villages' names (a 'Tên thôn' column) and their layer (--villages) to count them.") in result.output
    out = pd.read_csv(tmp_path / "o.csv", dtype=str)
    assert out.loc[out["technology"].eq("mobile"), "reason"].tolist() == [
        "mobile is counted per village, but the row names no village: add the village's name to this row to count it"]
    assert run("summary", "--records", str(p), "--lang", "en").exit_code == 0


@pytest.mark.parametrize(("lang", "said"), [
    ("vi", "dxmap: lỗi: không bản ghi nào trong 2 bản ghi khớp với một đơn vị nên không có ngày nào để tổng hợp. Lý do "
           "thường gặp nhất (2 bản ghi): mã xã 09999 không có trong danh mục xã."),
    ("en", "dxmap: error: none of the 2 records matched a unit, so there is no date to summarise. The commonest reason "
           "(2 records): commune code 09999 is not in the boundary set.")])
def test_nothing_matched_says_the_commonest_reason_in_the_command_s_language(tmp_path, monkeypatch, lang, said):
    """QA20 finding L1: with --allow-unmatched and nothing matched, the error was English on a Vietnamese console and
    named no reason."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "t.csv").write_text("Mã xã,Tên thôn,Di động (4G),Ngày\n09999,Thôn 1,Có,30/6/2024\n"
                                    "09999,Thôn 2,Chưa có,30/6/2024\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["summary", "--records", "t.csv", "--communes", str(_COMMUNES), "--allow-unmatched",
                                       "-q", "--lang", lang])
    assert result.exit_code == 1
    assert said in " ".join(result.output.split()) and "Traceback" not in result.output
    way = {"vi": "Muốn xem mọi đơn vị là “chưa rõ” vào một ngày, hãy ghi ngày đó (--as-of 30/6/2024).",
           "en": "To see every unit as unknown at a date, give that date (--as-of 2024-06-30)."}  # QA55 14
    assert " ".join(result.output.split()).endswith(way[lang])


def test_a_comma_in_a_note_is_kept_through_the_outcomes_file(tmp_path, monkeypatch):
    """QA19 finding 5: a line with an unquoted comma in its note lost the text after it when the outcomes file was
    written back, and then read clean. The text is kept in the last column, the note; the record is whole and a
    warning says so (QA21 L7: it was invalid the first time, a round trip for the commune office)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lan.csv").write_text("Mã xã,Công nghệ,Trạng thái,Ngày cập nhật,Ghi chú\n"
                                      "02701,LAN,Có,30/06/2024,ghi chú, có dấu phẩy\n", encoding="utf-8")
    first = CliRunner().invoke(main, ["check", "--records", "lan.csv", "--outcomes", "o.csv", "-q"])
    assert first.exit_code == 0 and "khớp 1," in first.output, first.output
    assert ("lan.csv: 1 dòng có nhiều ô hơn dòng tiêu đề cột, có lẽ vì dấu phẩy trong cột cuối ('Ghi chú'): phần "
            "thừa được ghi nối vào cột đó (dòng 2); hãy kiểm tra lại") in first.stderr
    row = pd.read_csv("o.csv", dtype=str, encoding="utf-8-sig").iloc[0]
    assert row["Ghi chú"] == "ghi chú, có dấu phẩy"
    again = CliRunner().invoke(main, ["check", "--records", "o.csv", "--outcomes", "o2.csv", "-q"])
    assert again.exit_code == 0, again.output
    assert pd.read_csv("o2.csv", dtype=str, encoding="utf-8-sig").iloc[0]["Ghi chú"] == "ghi chú, có dấu phẩy"


def test_a_wide_row_whose_technologies_fail_apart_names_them(tmp_path):
    """QA19 finding 9: a row of a wide sheet was printed twice alike, each line with a reason of its own; each line
    now says which technologies it is about, unless its reason names them."""
    p = tmp_path / "w.csv"
    p.write_text("Mã xã,Tên thôn,Di động,Cáp quang,Ngày\n02692,Thôn 1,đang làm,Có,30/6/2099\n", encoding="utf-8")
    result = run("check", "--lang", "en", "--records", str(p), "--villages", str(SAMPLE_VILLAGES))
    lines = [ln for ln in result.output.splitlines() if ln.startswith("  w.csv row 2")]
    assert len(lines) == 2, result.output
    assert lines[0].startswith("  w.csv row 2 (mobile): invalid: unknown status 'đang làm' in column 'Di động'")
    assert lines[1].startswith("  w.csv row 2 (fibre): invalid: date 2099-06-30 is after today")


def test_several_outputs_are_written_all_or_none_and_a_folder_made_is_said(tmp_path):
    """QA56 8: `check --outcomes a.csv --unmatched <unwritable>` replaced a.csv, then failed on the other; QA56 7: a
    folder mistyped in an output's name was made without a word."""
    (tmp_path / "ok.csv").write_text("OLD\n", encoding="utf-8")
    (tmp_path / "m.html").write_text("", encoding="utf-8")  # a file where the second output wants a folder
    run = CliRunner().invoke(main, ["check", "--demo", "--lang", "en", "--outcomes", str(tmp_path / "ok.csv"),
                                    "--unmatched", str(tmp_path / "m.html" / "u.csv")])
    assert run.exit_code == 1 and "Nothing was written to" in run.stderr, run.stderr
    assert (tmp_path / "ok.csv").read_text(encoding="utf-8") == "OLD\n"  # as it was
    made = CliRunner().invoke(main, ["check", "--demo", "--lang", "en", "--outcomes", str(tmp_path / "nu" / "x.csv")])
    assert made.exit_code == 0 and f"dxmap: made the folder {tmp_path / 'nu'}" in made.stderr
    again = CliRunner().invoke(main, ["check", "--demo", "--lang", "en", "--outcomes", str(tmp_path / "nu" / "x.csv")])
    assert "made the folder" not in again.stderr  # there already
    # QA60 20: said before the file written in it, and a report's own folder too
    demo = CliRunner().invoke(main, ["demo", "--lang", "en", "--out", str(tmp_path / "d" / "e")])
    assert demo.stderr.index("made the folder") < demo.stderr.index("wrote") and demo.exit_code == 0


def test_the_outcomes_workbook_of_one_district_counts_the_records_it_leaves_out(tmp_path):
    """QA56 12: with --district the workbook's summary said "tổng 35" of a sheet of 38 records, and nothing of the 3
    of other districts the console named: the file alone did not account for every record."""
    p = tmp_path / "r.csv"
    p.write_text("Mã xã,Tên xã,Huyện,Mạng LAN chuẩn,Ngày\n"
                 "02692,A Lù,Bát Xát,Có,30/6/2024\n"
                 ",Nowhere,Sa Pa,Chưa có,30/6/2024\n"
                 "02863,Bản Phố,Bắc Hà,Có,30/6/2024\n", encoding="utf-8")
    out = tmp_path / "o.xlsx"
    run = CliRunner().invoke(main, ["check", "--records", str(p), "--district", "bat xat", "--outcomes", str(out), "-q"])
    assert run.exit_code == 0, run.output
    summary = pd.read_excel(out, sheet_name="Tổng hợp", dtype=str, keep_default_na=False)
    assert summary.iloc[-2:, :].values.tolist() == [["tổng", "", "1"],
                                                    ["không kiểm tra (của nơi khác)", "--district 'bat xat'", "2"]]
    whole = tmp_path / "w.xlsx"
    CliRunner().invoke(main, ["check", "--records", str(p), "--outcomes", str(whole), "-q"])
    assert pd.read_excel(whole, sheet_name="Tổng hợp", dtype=str).iloc[-1, 0] == "tổng"  # nothing left out: no line


def test_one_column_option_for_sheets_of_one_workbook_of_different_headers(tmp_path):
    """--column applies to the sheets of one --records workbook that have the header, each sheet a table of its own
    (it was refused for the sheet that lacked it); a header no sheet has is refused naming each "file › sheet"."""
    from tests.test_records import _two_sheets

    path = _two_sheets(tmp_path / "w.xlsx")
    run = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(path), "--column", "village_name=Sitio"])
    assert run.exit_code == 0, run.output + run.stderr
    assert "4 records: matched 4" in run.output
    assert "w.xlsx › LAN does not have 'Sitio': --column village_name='Sitio' not used for it" in run.stderr
    typo = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(path), "--column", "village_name=Xom"])
    assert typo.exit_code == 1 and "Traceback" not in typo.stderr
    assert ("--column names 'Xom', which no records file has; the files' headers are w.xlsx › Thôn: 'Mã xã', 'Sitio', "
            "'Công nghệ', 'Trạng thái', 'Ngày'; w.xlsx › LAN: 'Mã xã', 'Mạng LAN chuẩn', 'Ngày'.") in typo.stderr


def test_one_column_option_for_records_files_of_different_headers(data_dir, village_and_lan_sheets):
    """QA67 F5: --column applies to the --records files that have the header; a header no file has is refused in
    one line naming every file's headers; one file alone is refused what it lacks, as before."""
    villages, lan, columns = village_and_lan_sheets
    given = [a for field, header in columns.items() for a in ("--column", f"{field}={header}")]
    layers = ["--communes", str(data_dir / "communes.geojson"), "--villages", str(data_dir / "villages.geojson")]
    both = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(villages), "--records", str(lan),
                                     *layers, *given])
    assert both.exit_code == 0, both.output + both.stderr
    assert "5 records: matched 5, unmatched 0" in both.output
    assert ("dxmap: lan_q2.xlsx does not have 'Province', 'Community': --column district_name='Province', "
            "--column village_name='Community' not used for it (only for the records files and sheets that do)"
            ) in both.stderr
    assert both.stderr.count("does not have") == 1 and "columns=" not in both.stderr
    typo = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(villages), "--records", str(lan),
                                     *layers, *given, "--column", "note=Remarks"])
    assert typo.exit_code == 1 and "Traceback" not in typo.stderr and isinstance(typo.exception, SystemExit)
    error = [line for line in typo.stderr.splitlines() if line.startswith("dxmap: error:")]
    assert error == ["dxmap: error: --column names 'Remarks', which no records file has; the files' headers are "
                     "villages_q2.csv: 'Municipality code', 'Municipality', 'Province', 'Community', 'Technology', "
                     "'Status', 'Date'; lan_q2.xlsx: 'No.', 'Municipality code', 'Municipality', 'LAN at town hall', "
                     "'Date of report'. Write each header as a file writes it, or leave it out of --column."]
    alone = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(lan), *layers, *given])
    assert alone.exit_code == 1
    assert "--column names 'Province', 'Community', which the file does not have" in alone.stderr


# --- --commune in a 2024 round; a former city named as one (session 32) ---------------------------------------------

@pytest.fixture()
def two_rounds(tmp_path):
    """The 2024 round and the 2026 round written for the 2025-07 units of tests/test_across.py: Xã Y Tý of the
    2025-07 units is the former communes A Lù (02692) and Y Tý (02701), 3 records each in the 2024 round."""
    from tests.test_across import NEW, OLD

    old, new = tmp_path / "q2_2024.csv", tmp_path / "round_2026.csv"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return str(old), str(new)


def test_check_commune_of_a_2024_round_beside_a_2025_round_is_the_2025_commune(two_rounds):
    """S32: --commune "Y Tý" beside a 2025-07 round cut the 2024 round to the 2024 commune Y Tý (3 + 3 records),
    leaving out A Lù, which summary --units 2025-07 and the comparison count in Xã Y Tý. The rounds are compared in
    the 2025-07 units, so both are cut to them (6 + 3), and the 2024 commune of that name is warned of."""
    old, new = two_rounds
    result = run("check", "--records", old, "--records", new, "--commune", "Y Tý", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("9 records: matched 9")
    assert ("--commune 'Y Tý': the 2024 round is checked in the 2025-07 units: Xã Y Tý, made of Xã A Lù, Xã Y Tý"
            in result.stderr)
    assert ("is read in the 2024 round as the 2025-07 commune Xã Y Tý (as summary --units 2025-07 and the comparison "
            "of the rounds read it), not as the 2024 commune Xã Y Tý, whose area is not the same" in result.stderr)
    assert "--commune 'Y Tý': 9 of 27 records checked; the other 18 are of other communes" in result.stderr
    quiet = run("check", "--records", old, "--records", new, "--commune", "Y Tý", "-q")
    assert "không phải xã năm 2024 Xã Y Tý (địa giới khác)" in quiet.stderr  # a warning: said under -q too
    # a former commune names no 2025-07 commune: refused as summary refuses it, naming the unit it went into
    merged = run("check", "--records", old, "--records", new, "--commune", "a lu", "--lang", "en", "-q")
    assert merged.exit_code == 1 and "Y Tý (02701)" in merged.stderr, merged.output
    refused = run("check", "--records", old, "--records", new, "--commune", "Y Tý", "--units", "2024", "--lang", "en",
                  "-q")
    assert refused.exit_code == 1 and "compared in the 2025-07 units" in refused.stderr, refused.output


def test_check_commune_of_a_2024_round_alone_in_its_own_units_or_the_2025_ones(two_rounds):
    """On a 2024 round alone a name is its 2024 commune, as summary reads it without --units, and a 2024-only name
    works; --units 2025-07 reads it as summary --units 2025-07 does; the larger 2025-07 commune is said."""
    old, _ = two_rounds
    own = run("check", "--records", old, "--commune", "Y Tý", "--lang", "en")
    assert own.exit_code == 0 and own.stdout.startswith("3 records: matched 3"), own.output
    assert ("--commune 'Y Tý': the 2024 commune Xã Y Tý, as the records are written; the 2025-07 commune Xã Y Tý also "
            "takes in Xã A Lù: --units 2025-07 checks the records of all of it" in own.stderr)
    assert run("check", "--records", old, "--commune", "a lu", "-q").stdout.startswith("3 bản ghi: khớp 3")
    new = run("check", "--records", old, "--commune", "Y Tý", "--units", "2025-07", "--lang", "en", "-q")
    assert new.exit_code == 0 and new.stdout.startswith("6 records: matched 6"), new.output
    summary = run("summary", "--records", old, "--commune", "Y Tý", "--units", "2025-07", "--format", "json", "-q")
    assert json.loads(summary.stdout)["units"]["former_communes"] == 2  # the same two former communes


def test_check_commune_only_a_2025_commune_has_asks_for_units(tmp_path):
    """A name of a 2025-07 commune only ("Bảo Thắng": Phố Lu, Thái Niên, Sơn Hải, Sơn Hà) on 2024 records is refused
    with the option that reads it; with it, its former communes' records are checked."""
    refused = run("check", "--demo", "--commune", "Bảo Thắng", "--lang", "en", "-q")
    assert refused.exit_code == 1
    assert ("no commune 'Bảo Thắng' in the boundary set" in refused.stderr
            and "--commune 'Bảo Thắng' names the 2025-07 commune Xã Bảo Thắng: add --units 2025-07 to check the "
                "records of its former communes." in refused.stderr), refused.output
    kept = run("check", "--demo", "--commune", "Bảo Thắng", "--units", "2025-07", "--lang", "en")
    assert kept.exit_code == 0 and kept.stdout.startswith("148 records: matched 148"), kept.output
    assert "Xã Bảo Thắng, made of 4 communes: Phố Lu, Thái Niên, Sơn Hải, Sơn Hà" in kept.stderr


def test_a_former_city_is_named_as_one_in_district_messages(two_rounds):
    """S32: the F2 message ("Phường Lào Cai" given as a district) and the list of districts of an unknown one said a
    bare "Lào Cai", which reads as the province; the former city is named as the tables name it."""
    _, new = two_rounds
    en = run("check", "--records", new, "--district", "Phường Lào Cai", "--lang", "en", "-q")
    assert "(02647 Lào Cai; former district: Lào Cai (former city), Bảo Thắng)" in en.stderr, en.output
    vi = run("check", "--records", new, "--district", "Phường Lào Cai", "-q")
    assert "(02647 Lào Cai; huyện cũ: Lào Cai (thành phố cũ), Bảo Thắng)" in vi.stderr, vi.output
    unknown = run("check", "--records", new, "--district", "xyz", "--lang", "en", "-q")
    assert ("'Lào Cai (former city) (080)'" in unknown.stderr and "'Nghĩa Lộ (former town) (133)'" in unknown.stderr
            and "'Yên Bái (former city) (132)'" in unknown.stderr and "'Bát Xát (082)'" in unknown.stderr)
    demo = run("check", "--demo", "--district", "xyz", "-q")
    assert "'Lào Cai (thành phố cũ) (080)'" in demo.stderr and "'Sa Pa (thị xã cũ) (088)'" in demo.stderr


@pytest.mark.parametrize("command", ["check", "summary"])
def test_a_2024_district_written_as_a_ward_is_not_read_as_the_city(two_rounds, command):
    """S32: on 2024 records --district "Phường Lào Cai" checked (and counted) the city of Lào Cai (080), the word
    "Phường" dropped before the lookup; it is refused, naming the ward of that name (of the 2024 units and of the
    2025-07 ones) and how to ask for the district or the commune."""
    old, _ = two_rounds
    en = run(command, "--records", old, "--district", "Phường Lào Cai", "--lang", "en", "-q")
    assert en.exit_code == 1, en.output
    assert ("'Phường Lào Cai' is written as a commune or ward, so it is not read as a district. It names the commune "
            "02641 Phường Lào Cai (district: Lào Cai (former city)) of the boundary set and the 2025-07 commune 02647 "
            "Phường Lào Cai (former district: Lào Cai (former city), Bảo Thắng). For the district, give --district "
            "'Lào Cai' or --district 'Thành phố Lào Cai'; for the commune, --commune 'Lào Cai'.") in en.stderr
    vi = run(command, "--records", old, "--district", "Phường Lào Cai", "-q")
    assert "Muốn chọn huyện, hãy ghi --district 'Lào Cai' hoặc --district 'Thành phố Lào Cai'" in vi.stderr, vi.output
    assert run(command, "--records", old, "--district", "Thành phố Lào Cai", "-q").exit_code == 0


def test_units_without_a_commune_is_refused():
    """QA70 N6: `check --demo --units 2025-07` was accepted and did nothing; --units says how --commune's names read."""
    from click.testing import CliRunner

    from dxmap.cli import main

    run = CliRunner().invoke(main, ["check", "--demo", "--units", "2025-07", "--lang", "en"])
    assert run.exit_code == 2
    assert ("--units 2025-07 says which units the names of --commune are; without --commune it does nothing"
            in run.output)


TAN_TIEN = ("Mã xã,Tên xã,Mạng LAN chuẩn,Ngày cập nhật\n"
            "02962,Xã Xuân Hòa,Có,30/06/2026\n"
            ",Xã Tân Tiến,Có,30/06/2026\n"  # former commune Tân Tiến, now in Nghĩa Đô (02953)
            "02950,,Chưa có,30/06/2026\n"  # its code
            ",Xã Hòa Bình,Có,30/06/2026\n")  # no commune of that name: anyone's


def test_check_commune_leaves_a_former_commune_s_rows_to_its_successor(tmp_path):
    """QA71 C11: `check --commune "Xuân Hòa"` listed the unmatched rows of former commune Tân Tiến, which the reason
    itself says is now in Nghĩa Đô: Xuân Hòa's office would receive them. Named or coded, they are Nghĩa Đô's to fix;
    a row naming no commune, former or not, stays in both."""
    path = tmp_path / "lan.csv"
    path.write_text(TAN_TIEN, encoding="utf-8")
    args = ["check", "--records", str(path), "--records-version", "2025-07", "--lang", "en"]
    xuan_hoa = run(*args, "--commune", "Xuân Hòa")
    assert xuan_hoa.stdout.startswith("2 records: matched 1, unmatched 1"), xuan_hoa.output
    assert ("2 records of other communes not checked (--commune 'Xuân Hòa'): lan.csv row 3 (Xã Tân Tiến); lan.csv "
            "row 4 (02950)") in xuan_hoa.stdout
    assert [line.split(":")[0] for line in xuan_hoa.stdout.splitlines() if line.startswith("  ")] == ["  lan.csv row 5"]
    assert "--commune 'Xuân Hòa': 2 of 4 records checked; the other 2 are of other communes" in xuan_hoa.stderr
    nghia_do = run(*args, "--commune", "Nghĩa Đô")
    assert nghia_do.stdout.startswith("3 records: matched 0, unmatched 3"), nghia_do.output
    assert "row 3: unmatched" in nghia_do.stdout and "row 4: unmatched" in nghia_do.stdout


def test_wide_for_one_of_several_records_files(tmp_path):
    """QA72 K2: --wide COL=TECH refused a long file without COL beside the sheet that needs it."""
    long = tmp_path / "a_long.csv"
    long.write_text("Mã xã,Công nghệ,Trạng thái,Ngày\n02692,LAN,Có,30/06/2024\n", encoding="utf-8")
    lan = tmp_path / "b_lan.csv"
    lan.write_text("Mã xã,Ward office network,Ngày\n02701,Yes,30/06/2024\n", encoding="utf-8")
    run = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(long), "--records", str(lan),
                                    "--wide", "Ward office network=lan"])
    assert run.exit_code == 0, run.stderr
    assert "2 records: matched 2," in run.output
    assert ("a_long.csv does not have 'Ward office network': --wide 'Ward office network'=lan not used for it"
            in run.stderr)


def test_english_messages_give_english_examples_and_no_country(tmp_path):
    """QA72 K7: an English error gave Vietnamese headers as examples; the day-first line justified itself by
    Vietnam."""
    p = tmp_path / "x.csv"
    p.write_text("Ward Code,Remarks,Date\n02692,Yes,07/01/2024\n02695,No,07/01/2024\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(p)])
    assert "no header says 'Status' (or 'Trạng thái'), and none names a technology ('LAN', 'Mobile 4G', 'Fibre'" \
        in result.stderr, result.stderr
    d = tmp_path / "d.csv"
    d.write_text("Mã xã,Công nghệ,Trạng thái,Ngày\n02692,LAN,Có,07/01/2024\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(d)])
    assert "read day first (dd/mm/yyyy), dxmap's default" in result.stderr and "Vietnam" not in result.stderr


def test_no_date_column_names_a_column_of_dates_to_map(tmp_path):
    """QA72 K11: "no date column" suggested only --records-date beside a column of "June 2024"; "Reporting period"
    is now a date header of its own."""
    p = tmp_path / "r.csv"
    p.write_text("Mã xã,Technology,Status,Round\n02692,LAN,Yes,June 2024\n02695,LAN,No,June 2024\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(p)])
    assert ("no date column is recognised, but 'Round' holds dates: map it with --column as_of='Round', or pass the "
            "date of every record with --records-date 2024-06-30") in result.stderr, result.stderr
    p.write_text("Mã xã,Technology,Status,Reporting period\n02692,LAN,Yes,June 2024\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(p)])
    assert result.exit_code == 0 and "matched 1," in result.output, result.stderr

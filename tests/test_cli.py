"""The dxmap command: demo outputs, the other commands, and one-line errors with exit status 1."""

from __future__ import annotations

import json
import subprocess
import sys

import geopandas as gpd
import pandas as pd
import pytest
from click.testing import CliRunner

from dxmap.cli import main

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning", "ignore::UserWarning")


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_demo_writes_map_summary_and_json(tmp_path):
    out = tmp_path / "demo"
    result = run("demo", "--out", str(out), "--lang", "en", "-q")
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["as_of"] == "2024-06-30" and summary["district"] is None and summary["illustrative"] is True
    assert summary["units"] == {"communes": 152, "villages": 1554}
    assert {t: (g["level"], g["count"]) for t, g in summary["gaps"].items()} == {
        "mobile": ("village", 6), "fibre": ("village", 56), "lan": ("commune", 29)}
    table = pd.read_csv(out / "summary.csv", dtype={"district_code": str})
    total = table[table["district_name"] == "(total)"].set_index("technology")["none"].to_dict()
    assert total == {"mobile": 6, "fibre": 56, "lan": 29}
    assert table[table["district_name"] != "(total)"].groupby("technology")["none"].sum().to_dict() == {
        "fibre": 56, "lan": 29, "mobile": 6}
    html = (out / "map.html").read_text(encoding="utf-8")
    assert "ILLUSTRATIVE DATA" in html and "2024-06-30" in html  # the map in --lang en too
    lines = result.output.splitlines()
    assert any(line.split()[-6:-5] == ["6"] or " 6 " in line for line in lines if line.startswith("Mobile"))
    assert "ILLUSTRATIVE" in result.output


def test_demo_district_filter(tmp_path):
    out = tmp_path / "bx"
    assert run("demo", "--out", str(out), "--district", "bat xat", "--lang", "en", "-q").exit_code == 0
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["district"] == "Bát Xát" and summary["district_code"] == "082"
    assert summary["units"]["communes"] == 21
    assert {t: g["count"] for t, g in summary["gaps"].items()} == {"mobile": 3, "fibre": 17, "lan": 6}
    table = pd.read_csv(out / "summary.csv", dtype={"district_code": str})
    assert set(table["district_code"].dropna()) == {"082"}


@pytest.mark.parametrize("query", ["Bát Xát", "082", "huyen bat xat"])
def test_district_spellings_agree(query):
    result = run("summary", "--demo", "--district", query, "--format", "json", "-q")
    assert json.loads(result.output)["gaps"]["fibre"]["count"] == 17


def test_summary_formats(tmp_path):
    table = run("summary", "--demo", "--lang", "en", "-q")
    assert table.exit_code == 0 and "Fibre (FTTH)" in table.output
    csv = run("summary", "--demo", "--format", "csv", "--lang", "en", "-q")
    assert csv.output.splitlines()[0].startswith("province_code,province_name,district_code,district_name,technology,")
    out = tmp_path / "s.json"
    run("summary", "--demo", "--format", "json", "--out", str(out), "--as-of", "2024-03-31", "-q")
    assert json.loads(out.read_text(encoding="utf-8"))["gaps"]["fibre"]["count"] == 200


def test_map_command_on_user_files(tmp_path, data_dir):
    out = tmp_path / "m.html"
    result = run("map", "--records", str(data_dir / "records.csv"), "--communes", str(data_dir / "communes.geojson"),
                 "--villages", str(data_dir / "villages.geojson"), "--out", str(out), "--allow-unmatched", "-q")
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 10_000


def test_check_reports_and_exits_1_on_unmatched(tmp_path, data_dir):
    unmatched = tmp_path / "un.csv"
    result = run("check", "--lang", "en", "--records", str(data_dir / "records.csv"), "--communes", str(data_dir / "communes.geojson"),
                 "--villages", str(data_dir / "villages.geojson"), "--unmatched", str(unmatched), "-q")
    assert result.exit_code == 1
    assert "9 records: matched 8, unmatched 1" in result.output
    bad = pd.read_csv(unmatched, dtype=str, encoding="utf-8-sig")
    assert len(bad) == 1 and bad.loc[0, "commune_code"] == "09999" and bad.loc[0, "row"] == "10"


def test_check_exits_0_when_all_match(tmp_path):
    result = run("check", "--lang", "en", "--demo", "--unmatched", str(tmp_path / "u.csv"), "-q")
    assert result.exit_code == 0 and "matched 6,497" in result.output


# --- errors: one line on stderr, exit 1, no traceback -------------------------------------------

def _records_file(tmp_path, rows, name="r.csv"):
    path = tmp_path / name
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def _error_cases(tmp_path, data_dir) -> dict[str, tuple[list[str], str]]:
    good = {"commune_code": "00001", "technology": "lan", "status": "none", "as_of": "2024-06-30"}
    fixture_communes = ["--communes", str(data_dir / "communes.geojson")]
    nocrs = tmp_path / "nocrs"
    nocrs.mkdir()
    gpd.read_file(data_dir / "communes.geojson").to_file(nocrs / "c.shp")
    (nocrs / "c.prj").unlink()
    (tmp_path / "x.ods").write_text("x")
    lao_cai = {**good, "commune_code": "02692"}
    return {
        "missing file": (["--records", str(tmp_path / "absent.csv")], "absent.csv: status records file not found"),
        "unsupported format": (["--records", str(tmp_path / "x.ods")], "'.ods' is not a records format"),
        "no crs": (["--records", str(_records_file(tmp_path, [good])), "--communes", str(nocrs / "c.shp")],
                   "c.shp: the file has no coordinate reference system"),
        "missing column": (["--records", str(_records_file(tmp_path, [{"commune_code": "00001", "technology": "lan"}], "m.csv")),
                            *fixture_communes], "m.csv: no status column"),
        "unknown status": (["--records", str(_records_file(tmp_path, [{**good, "status": "maybe"}], "s.csv")), *fixture_communes],
                           "s.csv row 2: invalid, unknown status 'maybe' in column 'status'; accepted: covered ('yes'"),
        "duplicate record": (["--records", str(_records_file(tmp_path, [lao_cai, {**lao_cai, "commune_code": "2692", "status": "covered"}], "d.csv"))],
                             "d.csv row 3: duplicate, same unit, technology and date as row 2 of d.csv"),
        "unknown unit": (["--records", str(_records_file(tmp_path, [{**good, "commune_code": "09999"}, lao_cai], "u.csv"))],
                         "u.csv row 2: unmatched, commune code 09999 is not in the boundary set"),
        "unknown district": (["--demo", "--district", "Hà Nội"], "no district 'Hà Nội' in the boundary set"),
    }


@pytest.mark.parametrize("case", ["missing file", "unsupported format", "no crs", "missing column", "unknown status",
                                  "duplicate record", "unknown unit", "unknown district"])
def test_errors_are_one_line_with_exit_1(tmp_path, data_dir, case):
    args, expected = _error_cases(tmp_path, data_dir)[case]
    result = CliRunner().invoke(main, ["summary", *args, "-q", "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("dxmap: error:"), result.stderr
    assert expected in lines[0]


def test_console_script_error_has_no_traceback(tmp_path):
    """``python -m dxmap`` is the command, for a Python whose scripts are not on the PATH."""
    proc = subprocess.run([sys.executable, "-m", "dxmap", "summary", "--records", str(tmp_path / "nope.csv"), "-q",
                           "--lang", "en"],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 1
    assert proc.stderr.strip().startswith("dxmap: error:") and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_failed_run_leaves_no_partial_output(tmp_path):
    out = tmp_path / "m.html"
    out.write_text("previous map", encoding="utf-8")
    result = CliRunner().invoke(main, ["map", "--demo", "--district", "nowhere", "--out", str(out), "-q"])
    assert result.exit_code == 1
    assert out.read_text(encoding="utf-8") == "previous map"
    assert [p.name for p in tmp_path.iterdir()] == ["m.html"]


# --- whatever goes wrong is one line -------------------------------------------------------------------

def _one_line(result) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_a_bug_is_one_line_with_exit_2_and_the_traceback_with_v(monkeypatch):
    import dxmap.cli as cli

    def broken(*args, **kwargs):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(cli, "analyse", broken)
    result = CliRunner().invoke(main, ["summary", "--demo", "-q", "--lang", "en"])
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert _one_line(result) == ("dxmap: internal error: RuntimeError: boom (please report it; run with -v to see "
                                 "the traceback)")
    verbose = CliRunner().invoke(main, ["summary", "--demo", "-v"])
    assert verbose.exit_code == 2 and "Traceback" in verbose.stderr and 'raise RuntimeError("boom' in verbose.stderr


def test_usage_errors_are_one_line_too():
    result = CliRunner().invoke(main, ["check", "--lang", "en", "--demo", "--date-order", "ydm"])
    assert result.exit_code == 2
    assert _one_line(result).startswith("dxmap: error: Invalid value for '--date-order': 'ydm' is not one of")
    assert CliRunner().invoke(main, ["check", "--help"]).exit_code == 0


@pytest.mark.parametrize(("code", "says"), [
    (28, "No space left on device; the disk is full; free some space or choose another disk with --out"),
    (27, "the file is larger than this system allows"),
    (13, "choose a folder you can write to with --out"),
])
def test_an_output_that_cannot_be_written_names_the_file_and_the_fix(tmp_path, monkeypatch, code, says):
    import os

    import dxmap.cli as cli

    def failing(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(cli, "write_summary_csv", failing)
    out = tmp_path / "s.csv"
    out.write_text("old", encoding="utf-8")
    result = CliRunner().invoke(main, ["summary", "--demo", "-q", "--format", "csv", "--out", str(out), "--lang", "en"])
    assert result.exit_code == 1
    line = _one_line(result)
    assert line.startswith(f"dxmap: error: cannot write {out}: ") and says in line, line
    assert out.read_text(encoding="utf-8") == "old"


def test_an_output_that_cannot_be_written_says_why_once_in_vietnamese(tmp_path, monkeypatch):
    """QA60 27: "ổ đĩa đã đầy; ổ đĩa đã đầy; hãy giải phóng…"; a path under a file quoted errno's "File exists"."""
    import os

    import dxmap.cli as cli

    for code, says in ((28, ": ổ đĩa đã đầy; hãy giải phóng chỗ trống"),
                       (17, ": không phải là thư mục; một phần của đường dẫn là tệp")):
        monkeypatch.setattr(cli, "write_summary_csv", lambda *a, code=code, **k: (_ for _ in ()).throw(
            OSError(code, os.strerror(code))))
        result = CliRunner().invoke(main, ["summary", "--demo", "-q", "--format", "csv", "--out",
                                           str(tmp_path / "s.csv")])
        assert result.exit_code == 1 and says in _one_line(result), _one_line(result)


@pytest.mark.parametrize(("args", "name", "says"), [
    (["map", "--demo"], "kept.xlsx", "the map is written as .html or .htm; give a name ending in .html, e.g. --out kept.html"),
    (["summary", "--demo", "--format", "csv"], "kept.xlsx", "the CSV is written as .csv or .txt"),
    (["summary", "--demo", "--format", "json", "--compare", "2024-03-31"], "kept.csv", "the JSON is written as .json"),
])
def test_an_output_named_as_another_kind_of_file_is_refused_and_kept(tmp_path, args, name, says):
    """--out victim.xlsx on the map command replaced a user's workbook with HTML; it is refused before anything runs."""
    out = tmp_path / name
    out.write_bytes(b"PK\x03\x04 a workbook")
    result = CliRunner().invoke(main, [*args, "--out", str(out), "-q", "--lang", "en"])
    assert result.exit_code == 2 and says in result.output, result.output
    assert out.read_bytes() == b"PK\x03\x04 a workbook"


@pytest.mark.parametrize("option", ["--outcomes", "--unmatched"])
def test_an_outcomes_file_of_another_kind_is_refused_before_the_check_runs(tmp_path, option):
    """QA39 L3: --outcomes c.ods was refused only after the whole check had run and printed, in English."""
    result = CliRunner().invoke(main, ["check", "--demo", option, str(tmp_path / "c.ods")], prog_name="dxmap")
    assert result.exit_code == 2 and not list(tmp_path.iterdir())
    assert _one_line(result) == (f"dxmap: lỗi: {option} {tmp_path / 'c.ods'}: danh sách kết quả đối chiếu được ghi dưới "
                                 f"dạng .csv, .xlsx hoặc .txt; hãy đặt tên có đuôi .csv, ví dụ {option} c.csv. (xem 'dxmap "
                                 "check --help')")


@pytest.mark.parametrize(("args", "name"), [(["demo"], "demo.html"), (["report", "--demo"], "bao-cao.PDF"),
                                            (["report", "--demo"], "bao-cao.docx")])
def test_a_folder_output_named_as_a_file_is_refused(tmp_path, args, name):
    """--out report.pdf made a folder called report.pdf holding nine files; it is refused, naming a folder to use,
    unless a folder of that name is already there."""
    out = tmp_path / name
    result = CliRunner().invoke(main, [*args, "--out", str(out), "-q", "--lang", "en"])
    assert result.exit_code == 2 and not out.exists(), result.output
    assert "this command writes a folder of files" in result.output
    assert f"e.g. --out {out.with_suffix('').name}." in result.output
    vi = CliRunner().invoke(main, [*args, "--out", str(out), "-q"])
    assert vi.exit_code == 2 and "ghi một thư mục gồm nhiều tệp" in vi.output and not out.exists()
    if args == ["demo"]:  # a folder that is there already, or is written as one, is the user's choice
        assert CliRunner().invoke(main, [*args, "--out", f"{out}/", "-q"]).exit_code == 0
        assert (out / "map.html").is_file()
        assert CliRunner().invoke(main, [*args, "--out", str(out), "-q"]).exit_code == 0


def test_an_interrupted_run_says_so_and_exits_130(monkeypatch):
    import dxmap.cli as cli

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "analyse", interrupted)
    result = CliRunner().invoke(main, ["summary", "--demo", "-q", "--lang", "en"])
    assert result.exit_code == 130 and _one_line(result).startswith("dxmap: interrupted")


def test_names_from_the_inputs_are_printed_escaped(tmp_path):
    from dxmap.cli import _printable

    assert _printable("A\x1b[31mB\x07\u202eC\nD\tE") == "A\\x1b[31mB\\x07\\u202eC\\nD\\tE"
    assert _printable("Bát Xát – Đ") == "Bát Xát – Đ"
    path = tmp_path / "r\x1b]0;title\x07.csv"
    path.write_text("commune_code,technology,status,as_of\n02692,lan,maybe\x1b[2J,2024-06-30\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(path), "-q"])
    assert result.exit_code == 1 and "\x1b" not in result.output and "\x07" not in result.output
    assert "r\\x1b]0;title\\x07.csv row 2: invalid" in result.output


def test_an_output_that_is_an_input_is_refused_before_reading(tmp_path):
    records = tmp_path / "r.csv"
    records.write_text("not even records", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(records), "--outcomes", str(records), "-q"])
    assert result.exit_code == 2 and "overwrite your input" in _one_line(result)
    assert records.read_text(encoding="utf-8") == "not even records"
    twice = tmp_path / "new" / "o.csv"  # two outputs named alike, neither there yet
    result = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(records), "--outcomes", str(twice),
                                       "--unmatched", str(tmp_path / "new" / ".." / "new" / "o.csv"), "-q"])
    assert result.exit_code == 2 and "are the same file" in _one_line(result) and not twice.parent.exists()


def test_a_map_of_one_former_district_is_titled_and_opens_with_it(tmp_path):
    from click.testing import CliRunner

    from dxmap.cli import main

    out = tmp_path / "m.html"
    result = CliRunner().invoke(main, ["map", "--demo", "--units", "2025-07", "--district", "bat xat", "--out", str(out),
                                       "-q"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "<title>Hạ tầng số còn thiếu — huyện cũ Bát Xát" in page and '"district":"082"' in page


def test_demo_refuses_a_records_version():
    from click.testing import CliRunner

    from dxmap.cli import main

    result = CliRunner().invoke(main, ["summary", "--demo", "--records-version", "2025-07", "--lang", "en"])
    assert result.exit_code == 2 and "cannot be combined with --records-version" in result.output


@pytest.mark.parametrize("args", [["--records-date", "2024-13-01"], ["--column", "status=Tình hình"],
                                  ["--communes-column", "code=MA_XA"], ["--date-order", "mdy"], ["--encoding", "vni"]])
def test_demo_refuses_the_options_for_reading_files(args):
    """QA21 L6: `summary --demo --records-date 2024-13-01` ran without a word: the bundled files are read as they
    are, so an option for reading files is refused, not left unused."""
    result = CliRunner().invoke(main, ["summary", "--demo", *args, "--lang", "en"])
    assert result.exit_code == 2 and f"cannot be combined with {args[0]}." in result.output, result.output


def test_a_layer_column_without_its_layer_is_refused_in_the_command_line_words(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text("Mã xã,Mạng LAN chuẩn,Ngày\n02692,Có,30/06/2024\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--records", str(path), "--communes-column", "code=MA_XA", "-q"])
    assert result.exit_code == 1 and result.output.strip() == (
        "dxmap: lỗi: --communes-column đặt tên cột của lớp xã, nhưng chưa có --communes: hãy ghi tệp của lớp bằng "
        "--communes, hoặc bỏ --communes-column.")


def test_two_commune_files_are_refused_not_the_first_dropped(tmp_path):
    """QA29 M6: the last --communes alone was read, and the first province's records came out unmatched."""
    from dxmap.io.bundled import data_dir

    layers = [str(data_dir() / "boundaries" / f) for f in ("laocai_communes_2024_derived.geojson",
                                                         "yenbai_communes_2025-01_derived.geojson")]
    result = CliRunner().invoke(main, ["check", "--demo", "--communes", layers[0], "--communes", layers[1], "--lang",
                                       "en"])
    assert result.exit_code == 2 and "Invalid value for --communes: two files given" in result.output
    assert "merge them into one first" in result.output


def test_one_records_date_per_file_for_rounds_without_a_date_column(tmp_path):
    """QA: two rounds typed without a date column could not be told apart: a repeated --records-date kept the last,
    both rounds took that date, and the summary printed Q1's count under Q2's date."""
    from dxmap.io.bundled import bundled_communes

    communes = bundled_communes().head(10)
    for name, gaps in (("q1.csv", 8), ("q2.csv", 5)):
        pd.DataFrame({"Mã xã": communes["code"], "Tên xã": communes["name"],
                      "Mạng LAN chuẩn": ["Chưa có"] * gaps + ["Đã có"] * (10 - gaps)}).to_csv(tmp_path / name, index=False)
    files = ["--records", str(tmp_path / "q1.csv"), "--records", str(tmp_path / "q2.csv")]
    run = CliRunner().invoke(main, ["summary", *files, "--records-date", "31/03/2024", "--records-date", "30/06/2024",
                                    "--compare", "31/03/2024", "--format", "json", "-q", "--lang", "en"])
    assert run.exit_code == 0, run.output
    lan = json.loads(run.output)["gaps"]["lan"]
    assert (lan["count"], lan["previous"], lan["fixed"], lan["new"]) == (5, 8, 3, 0)
    run = CliRunner().invoke(main, ["summary", *files, "--records-date", "30/06/2024", "--format", "json", "-q",
                                    "--lang", "en"])
    assert run.exit_code != 0 and "duplicate" in run.output  # one date for both rounds: the same records twice
    run = CliRunner().invoke(main, ["summary", *files, "--records", str(tmp_path / "q2.csv"),
                                    "--records-date", "31/03/2024", "--records-date", "30/06/2024", "--lang", "en"])
    assert run.exit_code == 2 and "--records-date is given 2 times for 3 --records files" in run.output


def test_records_version_once_per_records_file_or_refused(tmp_path):
    """QA70 N5: --records-version given twice was taken silently, the last for every file. Now once per --records in
    their order, as --records-date; another count is refused."""
    from dxmap.io.bundled import bundled_communes

    communes = bundled_communes().head(3)
    pd.DataFrame({"Mã xã": communes["code"], "Mạng LAN chuẩn": "Chưa có", "Ngày": "30/06/2024"}).to_csv(
        tmp_path / "q2.csv", index=False)
    pd.DataFrame({"Mã xã": ["02647"], "Tên xã": ["Phường Lào Cai"], "Mạng LAN chuẩn": ["Có"],
                  "Ngày": ["30/11/2026"]}).to_csv(tmp_path / "lan.csv", index=False)
    files = ["--records", str(tmp_path / "q2.csv"), "--records", str(tmp_path / "lan.csv")]
    run = CliRunner().invoke(main, ["summary", *files, "--records-version", "2024", "--records-version", "2025-07",
                                    "--compare", "30/06/2024", "--lang", "en"])
    assert run.exit_code == 0, run.output
    assert "q2.csv (2024), lan.csv (2025-07)" in run.output
    run = CliRunner().invoke(main, ["summary", *files, "--records-version", "2024", "--records-version", "2025-07",
                                    "--records-version", "2024", "--lang", "en"])
    assert run.exit_code == 2 and "--records-version is given 3 times for 2 --records files" in run.output


def test_summary_out_named_as_a_spreadsheet_says_how_to_get_one(tmp_path):
    run = CliRunner().invoke(main, ["summary", "--demo", "--out", str(tmp_path / "tonghop.xlsx"), "--lang", "en"])
    assert run.exit_code == 2 and "for a spreadsheet, --format csv --out tonghop.csv" in run.output
    assert not (tmp_path / "tonghop.xlsx").exists()


def test_summary_out_chooses_its_format_by_its_name_unless_told(tmp_path):
    """QA56 9: `summary --out tonghop.csv` (or .json) without --format was refused; the name says which is meant."""
    for name, starts in (("tonghop.csv", "\ufeffMã tỉnh,Tỉnh,Mã huyện"), ("tonghop.json", '{\n  "as_of": "2024-06-30"')):
        run = CliRunner().invoke(main, ["summary", "--demo", "-q", "--out", str(tmp_path / name)])
        assert run.exit_code == 0, run.output
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(starts)
    told = CliRunner().invoke(main, ["summary", "--demo", "-q", "--format", "table", "--out", str(tmp_path / "t.csv")])
    assert told.exit_code == 2 and not (tmp_path / "t.csv").exists()  # --format given: its suffixes


@pytest.mark.parametrize("command", [["summary"], ["map", "--out", "o.html"], ["report", "--out", "rep"]])
def test_records_that_did_not_match_are_quoted_in_the_reader_s_words(tmp_path, command, monkeypatch):
    """A record without a date, quoted in the error of map/summary/report, names --records-date (the records' date),
    not --as-of (the picture's), as `dxmap check` does (QA)."""
    path = tmp_path / "nodate.csv"
    path.write_text("Mã xã,Công nghệ,Trạng thái,Ngày\n02692,LAN,có,30/06/2024\n02695,LAN,có,\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, [*command, "--records", str(path), "-q", "--lang", "en"])
    assert result.exit_code == 1, result.output
    # the reason says to fill in the date; the reader's line gives the option (QA17 finding 4)
    assert "give that day with --records-date 30/6/2024" in result.output and "--as-of" not in result.output


def test_the_report_s_console_line_speaks_its_language(tmp_path):
    """QA: the Vietnamese report printed "…: 2024-06-30 (vs 2024-03-31)  [ILLUSTRATIVE sample data]"."""
    res = CliRunner().invoke(main, ["report", "--demo", "--district", "bat xat", "--out", str(tmp_path / "r"), "-q"])
    assert res.exit_code == 0, res.output
    first = res.stdout.splitlines()[0]
    assert first.endswith(": 30/6/2024 (so sánh với ngày 31/3/2024)  [DỮ LIỆU MINH HỌA]"), first


def test_dxmap_lang_sets_the_language_of_every_command():
    """QA22: a planner outside Vietnam had to add --lang en to every command; DXMAP_LANG=en does it once."""
    env = {"DXMAP_LANG": "EN"}  # as people write it
    summary = CliRunner().invoke(main, ["summary", "--demo", "-q"], env=env)
    assert summary.exit_code == 0 and summary.output.startswith("as of 2024-06-30"), summary.output
    refused = CliRunner().invoke(main, ["summary", "--demo", "--as-of", "banana"], env=env)
    assert refused.exit_code == 1 and "dxmap: error: --as-of banana is not a date" in refused.output
    usage = CliRunner().invoke(main, ["summary", "--demo", "--nope"], env=env)
    assert usage.exit_code == 2 and "dxmap: error: No such option" in usage.output
    given = CliRunner().invoke(main, ["summary", "--demo", "-q", "--lang", "vi"], env=env)
    assert given.output.startswith("Số liệu đến ngày 30/6/2024")  # --lang wins
    for locale in ("en_US.UTF-8", "en-GB"):  # QA23: a locale's form was refused
        said = CliRunner().invoke(main, ["summary", "--demo", "-q"], env={"DXMAP_LANG": locale})
        assert said.exit_code == 0 and said.output.startswith("as of 2024-06-30"), said.output
    french = CliRunner().invoke(main, ["summary", "--demo", "-q"], env={"DXMAP_LANG": "fr_FR"})
    assert french.exit_code == 2 and "'fr' is not one of 'vi', 'en'" in french.output


@pytest.mark.parametrize(("option", "values", "what"), [("--district", ("Bát Xát", "Sa Pa"), "district"),
                                                        ("--province", ("Lào Cai", "Yên Bái"), "province")])
def test_a_district_or_province_given_twice_is_refused(option, values, what):
    """A coordinator for two districts gave --district twice and saw the last one alone, without a word."""
    twice = CliRunner().invoke(main, ["summary", "--demo", "-q", "--lang", "en", option, values[0], option, values[1]])
    assert twice.exit_code == 2, twice.output
    assert (f"given twice ('{values[0]}', '{values[1]}'): give one {what} (a run shows one; for several, run once for "
            f"each), or leave {option} out to see them all") in twice.output
    again = CliRunner().invoke(main, ["summary", "--demo", "-q", "--lang", "en", option, values[0], option,
                                      " " + values[0].upper()])  # the same place in capitals
    assert again.exit_code in (0, 1) and "given twice" not in again.output  # the same value twice is that value

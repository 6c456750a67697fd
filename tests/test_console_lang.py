"""``map``, ``summary``, ``report`` and ``demo`` speak their ``--lang`` on the console, as ``check`` does.

Under ``--lang vi`` (the default) every line these commands print is Vietnamese: the readers' lines (the command
reads in its language), the lines of code given no language (drawing the map, the report, writing files), the
analysis' lines and errors (dxmap.gaps), the errors of code given no language (looking up --district and --province,
reading --as-of, a boundary file): each carries its text in every language (``dxmap_said``); "đã ghi …", and the
error prefix "dxmap: lỗi:". ``--lang en`` says what it always said.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import dxmap
from dxmap import cli
from dxmap.cli import main
from dxmap.errors import DxmapError
from dxmap.gaps.analysis import check_as_of
from dxmap.io.bundled import bundled_communes, bundled_units_2025
from dxmap.reconcile.districts import (filled_districts, resolve_district, resolve_former_district,
                                       resolve_former_province, resolve_province)
from dxmap.validate.tables import date_argument
from tests.conftest import blank_map
from tests.test_check_lang import LONG, _english_left

ROOT = Path(dxmap.__file__).parent
VILLAGES = ROOT.parent / "data" / "sample" / "villages.geojson"
HAS_REPORT = all(importlib.util.find_spec(m) for m in ("matplotlib", "weasyprint"))
pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning", "ignore::UserWarning")


def _lines(*args: str) -> list[str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "internal error" not in result.stderr and "lỗi nội bộ" not in result.stderr, result.stderr
    return [ln for ln in (result.stdout + result.stderr).splitlines() if ln.strip()]


@pytest.fixture(scope="module")
def consoles(tmp_path_factory) -> dict[tuple[str, str], list[str]]:
    """(lang, command) → every line the command printed over its runs: -v on the demo, a sheet whose records did not
    match (refused, then allowed), the 2025-07 units, and the runs that stop (a missing file, an unknown district, a
    date that is none or before every record, an output refused or not writable)."""
    folder = tmp_path_factory.mktemp("console")
    sheet = folder / "bx_lan.csv"
    sheet.write_text(LONG, encoding="utf-8")
    (folder / "a_file").write_text("not a folder", encoding="utf-8")
    records = ["--records", str(sheet), "--villages", str(VILLAGES)]
    runs = {
        "summary": [["--demo", "-v", "--compare", "2024-03-31"], records, [*records, "--allow-unmatched", "-v"],
                    ["--demo", "--units", "2025-07", "--province", "lao cai", "-v"],
                    ["--records", str(folder / "absent.csv")], ["--demo", "--district", "nowhere"],
                    ["--demo", "--district", "tỉnh Yên Bái"], ["--demo", "--as-of", "banana"],
                    ["--demo", "--as-of", "01/01/2020"], ["--demo", "--compare", "2024-07-01"],
                    ["--demo", "--out", str(folder / "tonghop.xlsx")], ["--demo", "--records", str(sheet)], []],
        "map": [["--demo", "-v", "--compare", "2024-03-31", "--out", str(folder / "m.html")],
                [*records, "--out", str(folder / "x.html")],
                ["--demo", "--units", "2025-07", "--district", "nowhere", "--out", str(folder / "x.html")],
                ["--demo", "--out", str(folder / "a_file" / "m.html")], ["--demo", "--out", str(folder / "m.txt")]],
        "demo": [["--out", str(folder / "d"), "-v", "--compare", "2024-03-31"],
                 ["--out", str(folder / "d25"), "--units", "2025-07", "--district", "bat xat", "-v"],
                 ["--out", str(folder / "a_file" / "d")], ["--out", str(folder / "d"), "--as-of", "2019-01-01"]],
        "report": [["--demo", "--out", str(folder / "r2"), "--district", "nowhere"], [*records, "--out",
                                                                                      str(folder / "r3")]],
    }
    if HAS_REPORT:
        runs["report"].insert(0, ["--demo", "--district", "bat xat", "-v", "--out", str(folder / "r")])
    out = {}
    with pytest.MonkeyPatch.context() as patch:
        if HAS_REPORT:  # the report's console lines, not its maps: a blank image each (as conftest's no_maps)
            import dxmap.render.report as report

            patch.setattr(report, "static_map", blank_map)
        for lang in ("vi", "en"):
            for command, args in runs.items():
                out[lang, command] = [ln for a in args for ln in _lines(command, *a, "--lang", lang)]
    return out


@pytest.mark.parametrize("command", ["summary", "map", "demo", "report"])
def test_the_vietnamese_console_has_no_english_line(consoles, command):
    vi = consoles["vi", command]
    assert len(vi) > 5
    assert [(ln, _english_left(ln)) for ln in vi if _english_left(ln)] == []
    assert not [ln for ln in vi if ln.startswith("dxmap: error")]
    errors = [ln for ln in vi if ln.startswith("dxmap: lỗi: ")]
    assert len(errors) >= 2, vi  # every run that stops says so in Vietnamese


@pytest.mark.parametrize("command", ["summary", "map", "demo", "report"])
def test_english_stays_english(consoles, command):
    en = consoles["en", command]
    assert len([ln for ln in en if _english_left(ln)]) > 3  # the filter finds English: the test above can fail
    assert not [ln for ln in en if ln.startswith("dxmap: lỗi")]
    assert len([ln for ln in en if ln.startswith("dxmap: error: ")]) >= 2


def test_the_lines_said_in_vietnamese(consoles):
    summary, map_, demo = consoles["vi", "summary"], consoles["vi", "map"], consoles["vi", "demo"]
    for line in ("dxmap: dùng bộ dữ liệu mẫu Lào Cai kèm theo: ranh giới thật năm 2024, thôn/bản và số liệu MINH HỌA",
                 "dxmap: status_records.csv: 6.497 bản ghi (di động 3.100, cáp quang 3.093, mạng LAN 304)",
                 "dxmap: di động: 6 đơn vị chưa có ngày 30/6/2024, 10 ngày 31/3/2024 (đã có thêm 4, mới chưa có 0)",
                 "dxmap: lỗi: --as-of banana không phải là ngày. Hãy viết dạng YYYY-MM-DD hoặc dd/mm/yyyy (ngày "
                 "trước), ví dụ 2024-06-30 hoặc 30/06/2024.",
                 "dxmap: lỗi: --as-of 2020-01-01 trước bản ghi sớm nhất (31/3/2024; bản ghi mới nhất ngày 30/6/2024): "
                 "khi đó mọi đơn vị đều chưa rõ và không tìm thấy đơn vị nào còn thiếu. Hãy chọn ngày từ 31/3/2024 "
                 "trở đi.",
                 "dxmap: lỗi: --out tonghop.xlsx: bảng được ghi dưới dạng .txt hoặc .md; hãy đặt tên có đuôi .txt, ví dụ "
                 "--out tonghop.txt; muốn có bảng tính thì dùng --format csv --out tonghop.csv. (xem 'main summary "
                 "--help')"):
        assert any(ln == line or ln.endswith(line.removeprefix("dxmap: lỗi: --out ")) for ln in summary), line
    assert any(re.fullmatch(r"dxmap: lỗi: [\d.]+ trong [\d.]+ bản ghi không khớp \(không khớp [\d.]+, .*\): .* Hãy sửa các bản "
                            r"ghi đó \(lệnh “dxmap check --outcomes TỆP” liệt kê mọi bản ghi kèm lý do\), hoặc dùng "
                            r"--allow-unmatched để chỉ dùng các bản ghi đã khớp\.", ln) for ln in summary)
    assert any(re.fullmatch(r"dxmap: bỏ qua [\d.]+ bản ghi không được tính: không khớp [\d.]+, .*", ln) for ln in summary)
    assert any(ln.startswith("dxmap: lỗi: ") and "absent.csv: không tìm thấy tệp số liệu trạng thái" in ln
               for ln in summary)
    assert any(ln.startswith("dxmap: lỗi: không có huyện 'nowhere' trong bộ ranh giới. Gần nhất: ") for ln in summary)
    assert any(ln.startswith("dxmap: lỗi: không có huyện cũ 'nowhere' trong bộ ranh giới. Gần nhất: ")
               and ln.endswith("Cấp huyện đã bỏ từ ngày 1/7/2025; các đơn vị 2025-07 được nhóm theo huyện mà các xã "
                               "cũ của chúng thuộc về.") for ln in map_)
    assert any(ln.startswith("dxmap: bảng chuyển đổi (30/6/2024): ") for ln in summary)
    assert any(re.fullmatch(r"dxmap: đã ghi .*m\.html \(\d+,\d\d MB\)", ln) for ln in map_)  # decimal comma
    assert any(ln.startswith("dxmap: thay đổi trên bản đồ: cáp quang đã có thêm 144") for ln in map_)
    assert any(ln.startswith("dxmap: lỗi: không ghi được ") and "một phần của đường dẫn là tệp, không phải thư mục; hãy "
               "chọn đường dẫn khác bằng --out" in ln for ln in map_)
    assert any(re.fullmatch(r"dxmap: đã ghi bản đồ và bảng tổng hợp mẫu vào .*d trong \d+,\d\d giây", ln)
               for ln in demo)
    assert any(re.fullmatch(r"dxmap: đã ghi .*summary\.json", ln) for ln in demo)
    if HAS_REPORT:
        report = consoles["vi", "report"]
        assert any(ln.startswith("đã ghi ") and ln.endswith("gap_list.csv") for ln in report)
        assert any(re.fullmatch(r"dxmap: báo cáo: PDF \d+ trang, \d{1,3}(?:\.\d{3})+ byte, trong \d+,\d\d giây", ln) for ln in report)


def test_the_lines_said_in_english_are_as_they_were(consoles):
    summary, map_, demo = consoles["en", "summary"], consoles["en", "map"], consoles["en", "demo"]
    for line in ("dxmap: using the bundled Lào Cai demo: real 2024 boundaries, ILLUSTRATIVE villages and records",
                 "dxmap: status_records.csv: 6,497 records (mobile=3,100, fibre=3,093, lan=304)",
                 "dxmap: mobile: 6 gaps at 2024-06-30, 10 at 2024-03-31 (fixed 4, new 0)",
                 "dxmap: error: --as-of banana is not a date. Write it as YYYY-MM-DD or dd/mm/yyyy (day first), e.g. "
                 "2024-06-30 or 30/06/2024.",
                 "dxmap: error: --as-of 2020-01-01 is before the earliest record (2024-03-31; the newest is "
                 "2024-06-30): every unit would be unknown then, and no gap would be found. Give a date from "
                 "2024-03-31 on."):
        assert line in summary, line
    assert any(re.fullmatch(r"dxmap: error: [\d,]+ of [\d,]+ records did not match \(unmatched [\d,]+, .*\): .* Fix them "
                            r"\(`dxmap check --outcomes FILE` lists every record with its reason\), or pass "
                            r"--allow-unmatched to use the matched records only\.", ln) for ln in summary)
    assert any(re.fullmatch(r"dxmap: skipped [\d,]+ records not counted: unmatched [\d,]+, .*", ln)
               for ln in summary)
    assert any(ln.startswith("dxmap: error: no district 'nowhere' in the boundary set. Closest: ") for ln in summary)
    assert any(ln.startswith("dxmap: error: no former district (huyện cũ) 'nowhere' in the boundary set.") for ln in map_)
    assert any(re.fullmatch(r"dxmap: wrote .*m\.html \(\d+\.\d\d MB\)", ln) for ln in map_)
    assert any(ln.startswith("dxmap: change on the map: fibre fixed 144") for ln in map_)
    assert any(ln.startswith("dxmap: error: cannot write ") and "a part of the path is a file, not a folder; choose "
               "another path with --out" in ln for ln in map_)
    assert any(re.fullmatch(r"dxmap: demo written to .*d in \d+\.\d\d s", ln) for ln in demo)
    if HAS_REPORT:
        assert any(ln.startswith("wrote ") and ln.endswith("gap_list.csv") for ln in consoles["en", "report"])


# --- how the errors are said ------------------------------------------------------------------------------------
def _raised(call) -> DxmapError:
    with pytest.raises(DxmapError) as info:
        call()
    return info.value


def _library_errors(folder: Path) -> list[DxmapError]:
    """An error of each kind code given no language raises (dxmap.reconcile.districts, dxmap.validate.tables,
    dxmap.io.boundaries)."""
    communes, units = bundled_communes(), bundled_units_2025()
    nocrs = folder / "c.shp"
    communes.head(3)[["code", "geometry"]].to_file(nocrs)
    nocrs.with_suffix(".prj").unlink()
    (folder / "x.csv").write_text("a\n", encoding="utf-8")
    both = pd.concat([communes, communes.assign(code="x" + communes["code"], province_code="15",
                                                province_name="Yên Bái", district_code="1" + communes["district_code"])])
    no_districts = filled_districts(communes).assign(district_code=None, district_name=None)
    return [
        _raised(lambda: resolve_district("nowhere", communes)),
        _raised(lambda: resolve_district("tỉnh Yên Bái", communes)),
        _raised(lambda: resolve_district("bat xat", both)),  # a name two districts share
        _raised(lambda: resolve_district("bat xat", no_districts)),
        _raised(lambda: resolve_district("nowhere", both, province=("15", "Yên Bái"))),
        _raised(lambda: resolve_district("082", both, province=("15", "Yên Bái"))),
        _raised(lambda: resolve_province("ha noi", communes)),
        _raised(lambda: resolve_province("yen bai", communes.drop(columns=["province_code", "province_name"]))),
        _raised(lambda: resolve_former_district("nowhere", units)),
        _raised(lambda: resolve_former_district("bat xat", units, province=("15", "Yên Bái"))),
        _raised(lambda: resolve_former_province("ha noi", units)),
        _raised(lambda: date_argument("banana", name="as_of")),
        _raised(lambda: date_argument("30/02/2024", name="as_of")),
        _raised(lambda: date_argument("2024-02-30", name="compare_to")),
        _raised(lambda: date_argument("Quý I/2999", name="as_of")),
        _raised(lambda: dxmap.read_boundaries(folder / "absent.geojson")),
        _raised(lambda: dxmap.read_boundaries(folder / "x.csv")),
        _raised(lambda: dxmap.read_boundaries(nocrs)),
    ]


def test_every_error_of_code_given_no_language_is_said_in_vietnamese(tmp_path):
    """Code given no language raises its errors in English and carries their text in every language (``dxmap_said``,
    dxmap.errors.in_languages): English byte for byte the error's message, Vietnamese without an English word, as
    the library says it and as the command line words it (a reading error has its options: --crs EPSG:9208)."""
    errors = _library_errors(tmp_path)
    assert len(errors) == 18
    for e in errors:
        said = e.dxmap_said
        assert said["en"] == str(e) and said["vi"] != said["en"], str(e)
        assert not _english_left(cli._cli_words(said["vi"], cli._ANALYSE_WORDS)), said["vi"]
    sheet = tmp_path / "bx_lan.csv"
    sheet.write_text(LONG, encoding="utf-8")
    for name, e in zip(("absent.geojson", "x.csv", "c.shp"), errors[-3:]):  # read by the command line
        said = {}
        for lang in ("vi", "en"):
            result = CliRunner().invoke(main, ["summary", "--communes", str(tmp_path / name), "--records", str(sheet),
                                               "--lang", lang])
            assert result.exit_code == 1, result.stderr
            said[lang] = result.stderr.splitlines()[-1]
        assert said["en"] == "dxmap: error: " + cli._cli_words(str(e), cli._READ_WORDS)
        assert said["vi"].startswith("dxmap: lỗi: " + str(tmp_path / name) + ": ")
        assert not _english_left(said["vi"].removeprefix("dxmap: lỗi: ")), said["vi"]
    assert "--crs EPSG:4326" in said["vi"] and "--crs EPSG:9208" in said["vi"]  # the options, in Vietnamese too


def test_errors_of_the_analysis_carry_every_language(tmp_path):
    """dxmap.gaps' errors: English for a library user (str()), and their text in Vietnamese for the command line."""
    data = dxmap.demo_dataset()
    sheet = tmp_path / "bx_lan.csv"
    sheet.write_text(LONG, encoding="utf-8")
    unmatched = dxmap.read_dataset(sheet, villages=VILLAGES, lang="vi")
    for call in (lambda: dxmap.analyse(data, as_of="2020-01-01"), lambda: check_as_of(data.outcomes, "2999-01-01"),
                 lambda: dxmap.compare(data, compare_to="2024-07-01"), lambda: dxmap.compare(data, compare_to="2020-01-01"),
                 lambda: dxmap.analyse(unmatched)):
        exc = _raised(call)
        said = exc.dxmap_said
        assert said["en"] == str(exc) and said["vi"] != said["en"]
        assert not _english_left(cli._cli_words(said["vi"], cli._READ_WORDS + cli._ANALYSE_WORDS)), said["vi"]
    assert str(_raised(lambda: dxmap.analyse(unmatched))).startswith("8 of 11 records did not match (")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_errors_of_reading_the_records_are_said_in_the_reading_language(tmp_path, monkeypatch, lang):
    """read_dataset(lang=): a records file of only a header line, and one file given twice."""
    monkeypatch.chdir(tmp_path)
    Path("h.csv").write_text("Mã xã,Mạng LAN chuẩn,Ngày\n", encoding="utf-8")
    header = CliRunner().invoke(main, ["summary", "--records", "h.csv", "-q", "--lang", lang])
    twice = CliRunner().invoke(main, ["map", "--records", "h.csv", "--records", "h.csv", "--out", "m.html", "-q",
                                      "--lang", lang])
    said = {"vi": ("dxmap: lỗi: h.csv: không có bản ghi nào, chỉ có dòng tên cột. Hãy điền các dòng số liệu, hoặc "
                   "chọn tệp có số liệu.\n",
                   "dxmap: lỗi: tệp số liệu 'h.csv' được chọn hai lần: mỗi bản ghi sẽ trùng với chính nó. Hãy chọn mỗi "
                   "tệp số liệu một lần (nhiều tệp được đọc cùng nhau).\n"),
            "en": ("dxmap: error: h.csv: no records, only a header line. Fill in the rows, or give the file that has "
                   "them.\n",
                   "dxmap: error: the records file 'h.csv' is given twice: every record would be a duplicate of itself. "
                   "Give each records file once (several files are read together).\n")}[lang]
    assert (header.exit_code, twice.exit_code) == (1, 1)
    assert (header.stderr, twice.stderr) == said

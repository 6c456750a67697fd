"""``dxmap check`` in the officer's language, and reasons in the commune's words.

QA17 finding 4: the "Lý do" column goes back to the communes, which do not run dxmap; it named options
(--records-date, --villages, --records-version), column names (village_id, lon/lat), WGS84 and a Python function.
The reasons now say only what the commune must do; how to run dxmap otherwise is one console line per kind, for the
officer (the readers' and reconciliation's "log_…" lines, Python words turned into options by the CLI).

Under ``--lang vi`` (the default) every line ``check`` prints is Vietnamese: the lines of code that is given no
language (reading boundaries, the bundled layers, writing the outcomes) and the demo's through the text every language
carries (``dxmap_said``), and the error prefix ("dxmap: lỗi: …").
"""

from __future__ import annotations

import ast
import logging
import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import dxmap
from dxmap import cli
from dxmap.cli import main
from dxmap.labels import LABELS

ROOT = Path(dxmap.__file__).parent
MESSY = Path(__file__).parent / "data" / "messy"
VILLAGES = ROOT.parent / "data" / "sample" / "villages.geojson"
pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning", "ignore::UserWarning")

# QA17's commune sheets, as small as they can be: a long sheet with a district column (a name of two communes, an
# unknown technology, an impossible, a missing and a future date, a duplicate, coordinates that are no numbers, a
# commune row of a technology counted per village), and one written for the 2025-07 units (a former commune's name;
# the code and name of a 2024 unit)
LONG = """\
Mã xã,Tên xã,Huyện,Tên thôn,Công nghệ,Trạng thái,Ngày cập nhật,Kinh độ,Vĩ độ
2692,A Lù,Bát Xát,,LAN,Có,30/06/2024,,
,Thanh Bình,,,LAN,Chưa có,30/06/2024,,
2695,Trịnh Tường,Bát Xát,,Wifi,Có,30/06/2024,,
2701,Y Tý,Bát Xát,,LAN,Có,31/6/2024,,
2704,Bản Vược,Bát Xát,,LAN,Có,,,
2710,Bản Vược,Bát Xát,,LAN,Có,15/12/2099,,
2716,Bản Qua,Bát Xát,,LAN,Có,30/06/2024,,
2716,Bản Qua,Bát Xát,,LAN,Chưa có,30/06/2024,,
,,,,LAN,Có,30/06/2024,abc,xyz
2692,A Lù,Bát Xát,Bản Khấu,Cáp quang,Chưa có,30/06/2024,,
2692,A Lù,Bát Xát,,Di động,Có,30/06/2024,,
"""
NEW_UNITS = "Mã xã,Tên xã,Mạng LAN chuẩn,Ngày\n,A Lù,Có,30/9/2025\n02647,Kim Tân,Có,30/9/2025\n"

# What the commune cannot act on: options, Python arguments and functions, column names, the CRS, "on the command
# line" (a user's own values, quoted, are not there: "=IF(…)" is no such sheet here)
TECHNICAL = re.compile(r"--|\b[a-z]+_[a-z_]+\b|\b[a-z_]+=|lon/lat|\blon\b|\blat\b|WGS84|dxmap\.|\(\)|"
                       r"khi chạy lệnh|trong Python|command line|in Python")


@pytest.fixture(scope="module")
def sheets(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("qa17")
    out = {}
    for name, text in (("bx_lan.csv", LONG), ("moi.csv", NEW_UNITS), ("nodate.csv", "Mã xã,Tên xã,Mạng LAN\n2716,Bản Qua,Có\n")):
        out[name] = folder / name
        out[name].write_text(text, encoding="utf-8")
    return out


def _runs(sheets: dict[str, Path]) -> dict[str, list[str]]:
    files = ["--records", str(sheets["bx_lan.csv"]), "--records", str(MESSY / "names_codes.csv"),
             "--records", str(MESSY / "provincial.xlsx")]
    return {"sheets": files, "sheets with villages": [*files, "--villages", str(VILLAGES)],
            "2025-07 units": ["--records", str(sheets["moi.csv"]), "--records-version", "2025-07"], "demo": ["--demo"]}


@pytest.fixture(scope="module")
def checked(sheets, tmp_path_factory) -> dict[tuple[str, str], tuple[object, pd.DataFrame]]:
    """(lang, run) → (the CliRunner result, the outcomes file read back)."""
    folder = tmp_path_factory.mktemp("outcomes")
    out = {}
    for lang in ("vi", "en"):
        for name, args in _runs(sheets).items():
            path = folder / f"{lang}-{name.replace(' ', '_')}.csv"
            result = CliRunner().invoke(main, ["check", "--lang", lang, *args, "--outcomes", str(path)])
            assert result.exit_code in (0, 1), result.output
            out[lang, name] = result, pd.read_csv(path, dtype=str, encoding="utf-8-sig")
    return out


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_reason_sent_to_the_commune_names_an_option_or_a_technical_term(checked, lang):
    reasons = pd.concat([table["Lý do" if lang == "vi" else "reason"].dropna() for _, table in
                         (checked[lang, name] for name in ("sheets", "sheets with villages", "2025-07 units", "demo"))])
    assert len(reasons) > 40
    assert sorted({r for r in reasons if TECHNICAL.search(re.sub(r"\S+\.(?:csv|xlsx)\b", "", r))}) == []  # not a file
    # the rows that used to carry an option or a column name are there, in the commune's words
    said = {"vi": ["chưa ghi ngày cập nhật: hãy điền ngày (ngày/tháng/năm)",
                   "kinh độ 'abc' không phải là số: hãy ghi số độ thập phân, ví dụ 103,85",
                   "nên bản ghi có vẻ được viết theo danh mục 2024", "Hãy ghi đơn vị mới (từ ngày 1/7/2025)",
                   "hãy ghi thêm mã xã hoặc tên huyện"],
            "en": ["no date: fill in the day the status was true (dd/mm/yyyy)",
                   "longitude 'abc' is not a number: write it in decimal degrees, e.g. 103.85",
                   "the record seems written for version 2024", "Name the unit it is part of since 1 July 2025",
                   "add the commune code or the district"]}
    assert [s for s in said[lang] if not reasons.str.contains(s, regex=False).any()] == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_officer_gets_the_options_once_on_the_console(checked, lang):
    """One line per kind of hint, not per row: the date (per file, as --records-date may be given per file), the
    village list made from the records, the boundary version."""
    err = checked[lang, "sheets"][0].stderr
    dated = [ln for ln in err.splitlines() if "--records-date 30/6/2024" in ln]
    assert len(dated) == 1 and dated[0].startswith("dxmap: bx_lan.csv: 1 ") and "6)" in dated[0]
    # no village layer: the villages the records name are listed, and the line says how to draw them
    assert [ln for ln in err.splitlines() if "--villages" in ln] == [
        {"en": "dxmap: no village layer: 6 villages in 2 communes listed from the village names in the records; they are "
               "counted, listed and searched, but have no location and are not drawn (give --villages to draw them).",
         "vi": "dxmap: chưa có lớp thôn/bản: lập danh mục 6 thôn/bản của 2 xã theo tên thôn/bản trong bản ghi; các "
               "thôn/bản này được đếm, liệt kê và tìm được, nhưng không có vị trí nên không vẽ trên bản đồ (thêm "
               "--villages để vẽ)."}[lang]]
    new_units = checked[lang, "2025-07 units"][0].stderr
    assert sum("--records-version 2024" in ln for ln in new_units.splitlines()) == 2  # the former name; the reused code
    assert not re.search(r"Python|\b(as_of|villages|records_version)=", err + new_units)  # the command's words


# --- the console in Vietnamese ----------------------------------------------------------------------------------
# English words a line of dxmap says; looked for once quoted values, options, paths and numbers are taken out
_ENGLISH = re.compile(r"\b(read|records?|features?|given|reconciled|error|wrote|writing|checked|using|bundled|"
                      r"matched|unmatched|ignored|invalid|with|the|and|of|no|not|rows?|file|layer|communes?|"
                      r"districts?|engine|points|polygons|pairs|encoding|scores|units|demo|sample|interrupted|"
                      r"see|help|found|check|path|relative|cannot|combined|drop)\b")


def _english_left(line: str) -> list[str]:
    text = line.removeprefix("dxmap: ")
    text = re.sub(r"\"[^\"]*\"|'[^']*'|“[^”]*”|\{[^{}]*\}", " ", text)
    text = re.sub(r"--[\w-]+(?: \S+)?|\S*[/\\.]\S+|\w+=", " ", text)
    return _ENGLISH.findall(text)


def _lines(*args: str) -> list[str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return [ln for ln in (result.stdout + result.stderr).splitlines() if ln.strip()]


@pytest.fixture(scope="module")
def consoles(sheets, tmp_path_factory):
    """(lang) → every line of check with -v on the demo, the sheets (with --district), and the runs that stop."""
    out_dir = tmp_path_factory.mktemp("console")
    runs = [["--demo"], [*_runs(sheets)["sheets with villages"], "--district", "bat xat", "--outcomes",
                         str(out_dir / "o.xlsx")],
            ["--records", str(sheets["nodate.csv"])], ["--demo", "--records", str(sheets["nodate.csv"])],
            ["--records", str(sheets["bx_lan.csv"].with_name("absent.csv"))], ["--demo", "--date-order", "ydm"], []]
    return {lang: [ln for args in runs for ln in _lines("check", "--lang", lang, "-v", *args)] for lang in ("vi", "en")}


def test_the_vietnamese_console_has_no_english_line(consoles):
    vi = consoles["vi"]
    assert len(vi) > 30
    # the kinds QA17 and the brief quoted, by their English words
    kinds = re.compile(r"read \d+ features|no commune layer given|reconciled \d+ records|records checked|dxmap: error|"
                       r"using the bundled|^dxmap: wrote|status_records\.csv: \d+ records|bundled communes:|"
                       r"cannot be combined|file not found|give --records")
    assert [ln for ln in vi if kinds.search(ln)] == []
    assert [(ln, _english_left(ln)) for ln in vi if _english_left(ln)] == []
    # a value refused by a choice is said in Vietnamese too (click's own words are English: QA49 L9)
    assert "dxmap: lỗi: giá trị không hợp lệ cho '--date-order': 'ydm' không phải một trong 'dmy', 'mdy', 'ymd'. " \
           "(xem 'main check --help')" in vi  # CliRunner's program name is "main"
    for line in ("dxmap: dùng bộ dữ liệu mẫu Lào Cai kèm theo: ranh giới thật năm 2024, thôn/bản và số liệu MINH HỌA",
                 "dxmap: villages.geojson: đọc 1.554 đối tượng bản đồ",
                 "dxmap: status_records.csv: 6.497 bản ghi (di động 3.100, cáp quang 3.093, mạng LAN 304)",
                 "dxmap: đã đối chiếu 6.497 bản ghi: khớp 6.497",
                 "dxmap: lỗi: --demo dùng bộ dữ liệu mẫu kèm theo, không dùng cùng --records được. Bỏ --demo để dùng tệp "
                 "của bạn. (xem 'main check --help')",
                 "dxmap: lỗi: hãy chọn tệp số liệu bằng --records TỆP (dùng nhiều lần được), hoặc --demo để dùng bộ dữ "
                 "liệu mẫu. (xem 'main check --help')"):
        assert line in vi
    assert any(ln.startswith("dxmap: chưa chọn tệp ranh giới xã: số liệu được đối chiếu với danh mục xã và huyện của "
                             "Lào Cai") for ln in vi)
    assert any(re.fullmatch(r"dxmap: --district bat xat: kiểm tra \d+ trong \d+ bản ghi; \d+ bản ghi còn lại thuộc "
                            r"huyện khác", ln) for ln in vi)
    assert any(re.fullmatch(r"dxmap: đã ghi .*o\.xlsx \(\d+ dòng\)", ln) for ln in vi)
    assert any(ln.startswith("dxmap: lỗi: ") and "absent.csv: không tìm thấy tệp số liệu trạng thái" in ln for ln in vi)
    assert any(ln.startswith("dxmap: lỗi: ") and "không có cột ngày" in ln for ln in vi)


def test_english_stays_as_it_was(consoles):
    en = consoles["en"]
    assert len([ln for ln in en if _english_left(ln)]) > 20  # the filter finds English: the test above can fail
    for line in ("dxmap: using the bundled Lào Cai demo: real 2024 boundaries, ILLUSTRATIVE villages and records",
                 "dxmap: villages.geojson: read 1,554 features",
                 "dxmap: status_records.csv: 6,497 records (mobile=3,100, fibre=3,093, lan=304)",
                 "dxmap: reconciled 6,497 records: matched 6,497",
                 "dxmap: error: --demo uses the bundled sample; it cannot be combined with --records. Drop --demo to use "
                 "your files. (see 'main check --help')",
                 "dxmap: error: give --records FILE (repeatable), or --demo for the bundled sample. (see 'main check "
                 "--help')"):
        assert line in en
    assert "dxmap: no commune layer given: the records are reconciled with the bundled Lào Cai communes (152, " \
           "mid-2024) and districts" in en
    assert any(re.fullmatch(r"dxmap: wrote .*o\.xlsx \(\d+ rows\)", ln) for ln in en)
    assert any(ln.startswith("dxmap: error: ") and "absent.csv: status records file not found. Check the path" in ln
               for ln in en)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_map_and_summary_errors_speak_their_lang(lang):
    """map and summary read and report in their --lang too (they used to say "dxmap: error:" in English under vi):
    an error of dxmap.gaps and a usage error start "dxmap: lỗi:" under vi, and English is as it was."""
    result = CliRunner().invoke(main, ["summary", "--demo", "--as-of", "01/01/2020", "-q", "--lang", lang])
    usage = CliRunner().invoke(main, ["map", "--demo", "--out", "m.html", "--simplify", "banana", "--lang", lang])
    if lang == "vi":
        assert result.stderr.startswith("dxmap: lỗi: --as-of 2020-01-01 trước bản ghi sớm nhất (31/3/2024; bản ghi mới "
                                        "nhất ngày 30/6/2024)")
        assert usage.stderr.startswith("dxmap: lỗi: giá trị không hợp lệ cho '--simplify': 'banana': hãy ghi auto, "
                                       "on, off")
    else:
        assert result.stderr.startswith("dxmap: error: --as-of 2020-01-01 is before the earliest record (2024-03-31; "
                                        "the newest is 2024-06-30)")
        assert usage.stderr.startswith("dxmap: error: Invalid value for '--simplify': 'banana': give auto, on, off")


# --- how the lines are made -------------------------------------------------------------------------------------
# English formats some lines of the library still log, not said in Vietnamese yet (a notebook's queries, deriving
# units, repairs and decoding a command does without a line of its own)
_ENGLISH_ONLY = ("%s at %s: %d %s units lacking it", "%s: %d gap units, %d with a covered unit to measure to",
                 "%s: %d of %d gap units within %g km of %d feature(s)",
                 "connecting %d units would close %d gaps (the other %d were not gaps)",
                 "%s: attribute text decoded (%s)", "%s: formulas not checked (%s)",
                 "derive_units: %d new units from %d old units (%d polygons drawn; %d approximate, %d on a shared "
                 "polygon)", "derive_units: %d old unit(s) have no successor and are in no new unit: %s",
                 "derive_units: %d unit(s) of the layer are not in the crosswalk and are left out: %s",
                 "dask engine: %d points in %d partitions against %d polygons")


def _calls() -> list[tuple[str, ast.Call]]:
    return [(p.name, node) for p in sorted(ROOT.rglob("*.py"))
            for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))) if isinstance(node, ast.Call)]


def test_the_library_logs_its_lines_in_every_language():
    """A line of code given no language carries its text in every language (dxmap.labels.log_said), for a command to
    say it in its user's: no line logs an English format of its own (it would be English on a Vietnamese console),
    and each label said names every field the label fills, in both languages, and no other."""
    formats = [node.args[0].value for _, node in _calls() if isinstance(node.func, ast.Attribute)
               and node.func.attr in ("debug", "info", "warning", "error") and getattr(node.func.value, "id", "") in
               ("log", "logger") and node.args and isinstance(node.args[0], ast.Constant)]
    assert [f for f in formats if f != "%s" and f not in _ENGLISH_ONLY] == []
    assert [f for f in _ENGLISH_ONLY if f not in formats] == []  # the list names lines that are still there
    at = {"log_said": 2, "said_error": 1, "said_all": 0, "_unknown": 0}  # where each call takes its label's key
    said = [(name, node, node.args[at[node.func.id]].value) for name, node in _calls()
            if getattr(node.func, "id", "") in at
            and not any(k.arg is None for k in node.keywords)  # **words: looked at by the tests of its lines
            and isinstance(node.args[at[node.func.id]], ast.Constant)]
    assert len(said) > 100
    for name, node, key in said:
        given = {k.arg for k in node.keywords} - {"lang"}
        for lang in ("vi", "en"):
            assert set(re.findall(r"\{(\w+)", LABELS[lang][key])) == given, (name, node.lineno, key, lang)


def test_the_library_logs_in_the_language_it_was_given(caplog, data_dir):
    communes = dxmap.as_communes(dxmap.read_boundaries(data_dir / "communes.geojson"))
    records = dxmap.as_records(pd.DataFrame({"commune_code": ["00001"], "technology": "lan", "status": "none",
                                             "as_of": "2024-06-30"}))
    for lang, said in (("vi", "đã đối chiếu 1 bản ghi: khớp 1"), ("en", "reconciled 1 record: matched 1")):
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="dxmap"):
            dxmap.reconcile(records, communes, lang=lang)
        line = next(r for r in caplog.records if r.name == "dxmap.reconcile.match")
        assert line.getMessage() == said
        # and it carries its text in both languages, for a command that speaks the other one
        assert line.dxmap_said == {"vi": "đã đối chiếu 1 bản ghi: khớp 1", "en": "reconciled 1 record: matched 1"}
        formatted = {lg: cli._CliFormatter("dxmap: %(message)s", lg).format(line) for lg in ("vi", "en")}
        assert formatted == {"vi": "dxmap: đã đối chiếu 1 bản ghi: khớp 1", "en": "dxmap: reconciled 1 record: matched 1"}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_outputs_refused_or_not_written_are_said_in_the_commands_language(tmp_path, monkeypatch, lang):
    monkeypatch.chdir(tmp_path)
    Path("r.csv").write_text("Mã xã,Mạng LAN chuẩn,Ngày\n02692,có,30/6/2024\n", encoding="utf-8")
    over = CliRunner().invoke(main, ["check", "--lang", lang, "--records", "r.csv", "--outcomes", "r.csv"])
    twice = CliRunner().invoke(main, ["check", "--lang", lang, "--records", "r.csv", "--outcomes", "a.csv",
                                      "--unmatched", "a.csv"])
    unwritable = CliRunner().invoke(main, ["check", "--lang", lang, "--records", "r.csv", "--outcomes", "r.csv/o.csv",
                                           "-q"])
    assert (over.exit_code, twice.exit_code, unwritable.exit_code) == (2, 2, 1)
    said = {"vi": ("dxmap: lỗi: --outcomes r.csv là tệp đã chọn bằng --records (r.csv): ghi vào đó sẽ ghi đè lên tệp "
                   "đầu vào. Hãy chọn tên khác cho tệp kết quả.",
                   "dxmap: lỗi: --outcomes a.csv và --unmatched a.csv là cùng một tệp; hãy đặt cho mỗi tệp kết quả một "
                   "tên riêng.",
                   "dxmap: lỗi: không ghi được r.csv/o.csv: ",
                   "; một phần của đường dẫn là tệp, không phải thư mục; hãy chọn đường dẫn khác bằng --outcomes. Không "
                   "có gì được ghi vào r.csv/o.csv (tệp cũ ở đó, nếu có, vẫn giữ nguyên).\n"),
            "en": ("dxmap: error: --outcomes r.csv is the file given with --records (r.csv): writing it would overwrite "
                   "your input. Choose another output name.",
                   "dxmap: error: --outcomes a.csv and --unmatched a.csv are the same file; give each output its own "
                   "name.",
                   "dxmap: error: cannot write r.csv/o.csv: ",
                   "; a part of the path is a file, not a folder; choose another path with --outcomes. Nothing was "
                   "written to r.csv/o.csv (an older file there is unchanged).\n")}[lang]
    assert over.stderr.startswith(said[0]) and twice.stderr.startswith(said[1])
    assert unwritable.stderr.startswith(said[2]) and unwritable.stderr.endswith(said[3])
    # the fixes in both languages are the same list: an errno the English table knows has its Vietnamese words
    assert all(cli.label(key, "en") == fix for fix, key in cli._WRITE_FIX_LABELS.items())
    assert len({cli.label(key, "vi") for key in cli._WRITE_FIX_LABELS.values()}) == len(cli._WRITE_FIX_LABELS)


def test_the_names_spelt_otherwise_line_counts_them_in_the_console_s_language():
    """QA49: the Vietnamese line "82 dòng có tên viết khác với danh mục (vẫn khớp): …" ended "(82 in all)"."""
    from dxmap.reconcile.outcomes import _spelt_line

    rows = pd.DataFrame({"file": "r.csv", "row": range(2, 9), "outcome": "matched", "commune_name": "Nậm Chầy",
                         "name_note": "commune name spelt 'Nậm Chày' in the layer"})
    vi, en = _spelt_line(rows, "vi"), _spelt_line(rows, "en")
    assert vi.startswith("7 dòng có tên viết khác với danh mục (vẫn khớp): ") and vi.endswith(" (tổng cộng 7)"), vi
    assert en.endswith(" (7 in all)"), en


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_usage_errors_speak_the_commands_lang(lang):
    """A choice refused, an option misspelt or given without its value: click's own words are English, so under vi
    dxmap says them (QA49 L9); English keeps click's."""
    def line(*args: str) -> str:
        result = CliRunner().invoke(main, ["map", "--demo", *args, "--lang", lang])
        assert result.exit_code == 2, result.output
        return result.stderr.strip()

    choice, unknown = line("--communes-version", "2023"), line("--distrct", "x")
    bare = CliRunner().invoke(main, ["map", "--demo", "--lang", lang, "--as-of"]).stderr.strip()
    if lang == "vi":
        assert choice == ("dxmap: lỗi: giá trị không hợp lệ cho '--communes-version': '2023' không phải một trong "
                          "'2024', '2025-07'. (xem 'main map --help')")
        assert unknown.startswith("dxmap: lỗi: không có tùy chọn --distrct. Có phải ý bạn là --district, --districts")
        assert bare == "dxmap: lỗi: --as-of cần một giá trị, ví dụ --as-of GIÁ_TRỊ. (xem 'main map --help')"
    else:
        assert choice == ("dxmap: error: Invalid value for '--communes-version': '2023' is not one of '2024', "
                          "'2025-07'. (see 'main map --help')")
        assert unknown.startswith("dxmap: error: No such option '--distrct'. (Did you mean one of: '--district'")
        assert bare == "dxmap: error: Option '--as-of' requires an argument. (see 'main map --help')"


@pytest.mark.parametrize("args, env, said", [
    # --lang after the refused choice, or from the environment: click reads it later (QA50: English lines said the
    # choice in Vietnamese on every command but map)
    (["summary", "--units", "2023", "--lang", "en"], {}, "dxmap: error: Invalid value for '--units': '2023' is not one "
     "of '2024', '2025-07'."),
    (["check", "--engine", "spark"], {"DXMAP_LANG": "en"}, "dxmap: error: Invalid value for '--engine': 'spark' is "
     "not one of 'pandas', 'dask'."),
    # a language as a locale or in capitals, as --lang reads it
    (["summary", "--lang", "VI", "--units", "2023"], {}, "dxmap: lỗi: giá trị không hợp lệ cho '--units': '2023' "
     "không phải một trong '2024', '2025-07'."),
    (["map", "--units", "2023"], {"DXMAP_LANG": "vi_VN.UTF-8"}, "dxmap: lỗi: giá trị không hợp lệ cho '--units'"),
    # a folder for a file is said in the line's language (QA59 8: click's English); a flag given a value is said
    (["summary", "--records", "/"], {}, "dxmap: lỗi: giá trị không hợp lệ cho '--records': / là một thư mục, không "
     "phải tệp; hãy ghi tên một tệp."),
    (["summary", "--demo", "--quiet=1"], {}, "dxmap: lỗi: --quiet không nhận giá trị; hãy ghi --quiet thôi."),
    (["map", "--demo"], {}, "dxmap: lỗi: thiếu tùy chọn '--out'. (xem 'main map --help')"),
    (["map", "--demo", "--lang", "en"], {}, "dxmap: error: Missing option '--out'. (see 'main map --help')"),
    # one kind of file given two CRSs: refused, not the last silently (QA51)
    (["summary", "--records", "r.csv", "--crs", "communes=EPSG:3857", "--crs", "communes=EPSG:4326", "--lang", "en"],
     {}, "dxmap: error: Invalid value for --crs: given twice ('EPSG:3857', 'EPSG:4326')"),
    (["summary", "--records", "r.csv", "--crs", "comunes=EPSG:9208", "--lang", "en"], {}, "dxmap: error: Invalid "
     "value for --crs: 'comunes=EPSG:9208': 'comunes' is no kind of file; did you mean communes?"),
    # a CRS given twice: not the district filter's words
    (["summary", "--records", "r.csv", "--crs", "a", "--crs", "b", "--lang", "en"], {}, "dxmap: error: Invalid value "
     "for --crs: given twice ('a', 'b'): give one CRS for every file, or one for each kind of file (e.g. --crs "
     "communes=EPSG:9208)."),
    # a command misspelt, a file given without its option, an option before the command: dxmap's words, the
    # default language's too (they were click's English after "lỗi", or all English before a command)
    (["mao", "--demo"], {}, "dxmap: lỗi: không có lệnh 'mao'; các lệnh là check, demo, map, report, summary. Có phải "
     "ý bạn là 'map'? (xem 'main --help')"),
    (["bando", "--lang", "en"], {}, "dxmap: error: No such command 'bando'; the commands are check, demo, map, report, "
     "summary. Did you mean 'map'? (see 'main --help')"),
    (["xyz", "--lang", "en"], {}, "dxmap: error: No such command 'xyz'; the commands are check, demo, map, report, "
     "summary. (see 'main --help')"),
    (["--"], {"DXMAP_LANG": ""}, "dxmap: lỗi: thiếu lệnh; các lệnh là check, demo, map, report, summary."),  # QA53
    (["summary", "q2.csv"], {}, "dxmap: lỗi: thừa q2.csv: mỗi giá trị đi sau tùy chọn của nó. Tên tệp đi sau "
     "--records, --communes, --districts, --villages, --out, ví dụ --records q2.csv. (xem 'main summary --help')"),
    (["check", "--lang", "en", "xa.gpkg", "r.csv"], {}, "dxmap: error: unexpected xa.gpkg r.csv: every value comes "
     "after its option. A file's name comes after --records, --communes, --districts, --villages, --outcomes, "
     "--unmatched, e.g. --communes xa.gpkg."),
    (["demo", "out"], {}, "dxmap: lỗi: thừa out: mỗi giá trị đi sau tùy chọn của nó. Tên tệp hay thư mục đi sau tùy "
     "chọn của nó: --out. (xem 'main demo --help')"),
    # QA53: beside --demo a file is one written; a flag given a value says so; a name quoted as the shell wants it.
    # QA54: no example an output would refuse (a .csv summary, a .gpkg of outcomes, a folder named x.csv)
    (["check", "--demo", "outcomes.gpkg"], {}, "dxmap: lỗi: thừa outcomes.gpkg: mỗi giá trị đi sau tùy chọn của nó. "
     "Tên tệp hay thư mục đi sau tùy chọn của nó: --outcomes, --unmatched."),
    # QA54: the words as click reads them: an option's value is no flag nor file, a flag is where it is written
    (["summary", "--demo", "--district", "-q", "1"], {}, "dxmap: lỗi: thừa 1: mỗi giá trị đi sau tùy chọn của nó. "
     "Tên tệp hay thư mục đi sau tùy chọn của nó: --out."),
    (["map", "--demo", "--out", "on", "--basemap", "on"], {}, "dxmap: lỗi: thừa on: --basemap không nhận giá trị"),
    (["summary", "--demo", "-qv", "extra"], {}, "dxmap: lỗi: thừa extra: -qv không nhận giá trị; hãy ghi -qv thôi."),
    (["map", "--demo", "--title", "--", "--lang", "en", "--out", "x.html", "q"], {}, "dxmap: error: unexpected q"),
    (["--", "summary", "--demo", "--lang", "en", "x"], {}, "dxmap: error: unexpected x"),
    (["summary", "--demo", "--out", "", "-q"], {}, "dxmap: lỗi: giá trị không hợp lệ cho '--out': tên tệp hay thư mục "
     "trống; hãy ghi một tên."),  # QA54: an internal error; demo wrote into the current folder
    (["demo", "--out", " ", "--lang", "en"], {}, "dxmap: error: Invalid value for '--out': an empty name; give a "
     "file's or folder's name."),
    (["map", "--demo", "--basemap", "on", "--out", "x.html"], {}, "dxmap: lỗi: thừa on: --basemap không nhận giá trị; "
     "hãy ghi --basemap thôi. (xem 'main map --help')"),
    (["summary", "Thôn's list.xlsx", "--lang", "en"], {}, "dxmap: error: unexpected \"Thôn's list.xlsx\": every value "
     "comes after its option. A file's name comes after --records, --communes, --districts, --villages, --out, e.g. "
     "--records \"Thôn's list.xlsx\"."),
    (["summary", "--demo", "--", "--lang", "en"], {}, "dxmap: lỗi: thừa --lang en: mỗi giá trị đi sau tùy chọn của nó. "
     "(xem 'main summary --help')"),
    (["--lang", "vi", "summary"], {}, "dxmap: lỗi: không có tùy chọn --lang. --lang là tùy chọn của lệnh, ghi sau tên "
     "lệnh: main summary --lang … (xem 'main --help')"),
    (["--out", "demo", "map", "--demo"], {}, "dxmap: lỗi: không có tùy chọn --out. --out là tùy chọn của lệnh, ghi "
     "sau tên lệnh: main map --out …"),  # QA53: demo is --out's value, not the command
    (["--verbose", "map"], {"DXMAP_LANG": "en"}, "dxmap: error: No such option: --verbose. --verbose is an option of "
     "a command, written after it: main map --verbose … (see 'main --help')"),  # not "did you mean --version?"
    (["--verbos", "summary"], {}, "dxmap: lỗi: không có tùy chọn --verbos. Có phải ý bạn là --verbose? --verbose là "
     "tùy chọn của lệnh, ghi sau tên lệnh: main summary --verbose … (xem 'main --help')"),  # QA54 9: not --version
    (["--versio"], {}, "dxmap: lỗi: không có tùy chọn --versio. Có phải ý bạn là --version?"),  # the group's own
    (["summary", "--demo", "-q=1"], {}, "dxmap: lỗi: -q không nhận giá trị; hãy ghi -q thôi. (xem 'main summary "
     "--help')"),  # QA54 12: "không có tùy chọn -=."
    (["map", "--demo", "my map.html"], {"DXMAP_LANG": "en"}, "dxmap: error: unexpected 'my map.html': every value "
     "comes after its option. A file's name comes after --out, e.g. --out 'my map.html'."),  # QA54 12: "Missing --out"
    (["summary", "--demo", "-q", "--out", "a b.pdf"], {}, "dxmap: lỗi: --out 'a b.pdf': bảng được ghi dưới dạng .txt "
     "hoặc .md; hãy đặt tên có đuôi .txt, ví dụ --out 'a b.txt'."),  # QA54 11: the names as the shell takes them
    (["summary", "--demo", "--bad"], {"DXMAP_LANG": "  "}, "dxmap: lỗi: không có tùy chọn --bad."),  # blank: unset
    (["bản đồ", "--demo"], {}, "dxmap: lỗi: không có lệnh 'bản đồ'; các lệnh là check, demo, map, report, summary. "
     "Có phải ý bạn là 'map'?"),  # QA53 11: the commands' Vietnamese words
    (["kiem-tra"], {"DXMAP_LANG": "en"}, "dxmap: error: No such command 'kiem-tra'; the commands are check, demo, map, "
     "report, summary. Did you mean 'check'?"),
    ([" "], {}, "dxmap: lỗi: không có lệnh ' '; các lệnh là check, demo, map, report, summary. (xem 'main --help')"),
    (["--lan", "en", "summary"], {}, "dxmap: lỗi: không có tùy chọn --lan. Có phải ý bạn là --lang? --lang là tùy chọn "
     "của lệnh, ghi sau tên lệnh: main summary --lang …"),  # QA58 4: en is the option's value, not the command
    (["map", "--demo", "x"], {}, "dxmap: lỗi: thừa x: mỗi giá trị đi sau tùy chọn của nó. Tên tệp đi sau --out, ví dụ "
     "--out x.html."),  # QA58 5: --out x was then refused for its suffix
    (["report", "--demo", "--out", "pyproject.toml"], {}, "dxmap: lỗi: giá trị không hợp lệ cho '--out': pyproject.toml "
     "là một tệp, không phải thư mục; hãy ghi tên một thư mục."),  # QA59 8: Click's English "Directory … is a file."
    (["map", "--demo", "--out", "docs", "--lang", "en"], {}, "dxmap: error: Invalid value for '--out': docs is a "
     "folder, not a file; give a file's name."),
    (["summary", "--demo", "--lang=fr"], {}, "dxmap: error: Invalid value for '--lang': 'fr' is not one of 'vi', "
     "'en'."),  # QA53 13: the variable was named, though the value was typed
    (["summary", "--demo"], {"DXMAP_LANG": "fr"}, "dxmap: error: Invalid value for '--lang' (env var: 'DXMAP_LANG'): "
     "'fr' is not one of 'vi', 'en'."),
])
def test_usage_errors_in_the_language_typed_wherever_it_is_typed(args, env, said, monkeypatch):
    monkeypatch.delenv("DXMAP_LANG", raising=False)
    result = CliRunner().invoke(main, args, env=env)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(said), result.stderr
    assert ("lỗi" in result.stderr) != ("error" in result.stderr.split(":")[1])


def test_a_blank_language_variable_is_unset(monkeypatch):
    """QA54 12: DXMAP_LANG set to a space was refused, in English ("'' is not one of 'vi', 'en'")."""
    result = CliRunner().invoke(main, ["summary", "--demo", "-q"], env={"DXMAP_LANG": " "})
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Số liệu đến ngày 30/6/2024")


def test_dxmap_alone_shows_its_help_as_written():
    """QA51: the help of ``dxmap`` without a command came on one line, its line breaks written as \\n."""
    result = CliRunner().invoke(main, [])
    assert result.exit_code == 2
    assert result.stderr.startswith("Usage: main [OPTIONS] COMMAND [ARGS]...\n") and "\\n" not in result.stderr
    assert "\nCommands:\n" in result.stderr


def test_one_crs_written_twice_alike_is_one(tmp_path):
    """QA52: "EPSG:4326" and " epsg:4326" are one CRS, for every file or for one kind: not refused as two."""
    for crs in (["EPSG:4326", " epsg:4326"], ["communes=EPSG:4326", "communes = epsg:4326"]):
        result = CliRunner().invoke(main, ["summary", "--records", str(tmp_path / "absent.csv"), "--lang", "en",
                                           *[a for c in crs for a in ("--crs", c)]])
        assert result.exit_code == 1 and "absent.csv" in result.stderr and "given twice" not in result.stderr, result.stderr

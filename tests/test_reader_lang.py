"""The reader speaks the officer's language: under ``dxmap check --lang vi`` (and ``read_records(..., lang="vi")``)
its log lines and the errors that stop reading a file come from the "log_…"/"err_…" labels (dxmap.labels._READER)
in Vietnamese, with command-line words on the command line and Python words in Python; English stays as it read.

QA17 finding 6: spelling corrections, months read as their last day, rows ignored for want of a village layer and
"no date column" were English on a Vietnamese console, and some lines quoted Vietnamese reasons in English."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import dxmap
from dxmap.cli import main
from dxmap.errors import SchemaError, SnapshotDateError
from dxmap.io.records import read_records
from dxmap.labels import LABELS, _READER

ROOT = Path(dxmap.__file__).parent

# A commune's long sheet (QA17's extra.csv): a status and a technology spelt with other diacritics (rows 2, 15), wrong
# dates (rows 16-18), a quarter (row 19), a line cut short (13), and commune rows of mobile and fibre (10, 15): per
# village, and no village layer is given (the villages the other rows name are the list).
EXTRA = """\
Mã xã,Tên xã,Huyện,Mã thôn,Tên thôn,Cấp,Công nghệ,Trạng thái,Ngày cập nhật,Kinh độ,Vĩ độ,Ghi chú
2692,A Lù,Bát Xát,,,,LAN,chưa cố,30/06/2024,,,sai dấu
2692,A Lù,Bát Xát,,Bản Dì Séo,,4G,Có,30/06/2024,,,thôn của xã khác
2692,A Lù,Bát Xát,02692-099,,,4G,Có,30/06/2024,,,mã thôn sai
2699,Trịnh Tường,Bát Xát,,,,LAN,Có,30/06/2024,,,mã sai tên đúng
,Cốc Mỳ,Bát Sát,,,,LAN,Có,30/06/2024,,,huyện sai
,,,,,,LAN,Có,30/06/2024,105.8,21.0,ngoài tỉnh
,,,,,,LAN,Có,30/06/2024,"103,59","22,70",dấu phẩy
2695,Trịnh Tường,Bát Xát,,Thôn 1,,LAN,Có,30/06/2024,,,LAN cấp thôn
2695,Trịnh Tường,Bát Xát,,,,4G,Có,30/06/2024,,,di động cấp xã
2695,Trịnh Tường,Bát Xát,,,xóm,LAN,Có,30/06/2024,,,cấp lạ
2695,Trịnh Tường,Bát Xát,,,,,Có,30/06/2024,,,không công nghệ
2695,Trịnh Tường,Bát Xát
2701,Y Tý,Bát Xát,,,,LAN,Có,30/06/2024,,,"ghi chú, có dấu phẩy"
2701,Y Tý,Bát Xát,,,,Cáp quảng,Có,30/6/2024,,,
2701,Y Tý,Bát Xát,,Thôn 1,,4G,Có,soon,,,
2701,Y Tý,Bát Xát,,Thôn 2,,4G,Có,13/2024,,,
2701,Y Tý,Bát Xát,,Thôn 2,,4G,Có,Quý V/2024,,,
2704,Bản Vược,Bát Xát,,,,LAN,Có,Quý II/2024,,,
"""
NODATE = "Mã xã,Tên xã,Mạng LAN\n2716,Bản Qua,Có\n"
MIX = "Mã xã,Tên xã,Mạng LAN,Ngày\n2716,Bản Qua,Có,30/06/2024\n2719,Mường Vi,Có,06/30/2024\n"
NOSTATUS = "Mã xã,Tên xã,Ghi chú,Ngày\n2716,Bản Qua,Có,30/06/2024\n"
TWINS = "Mã xã,Công nghệ,Trạng thái,Kết quả,Ngày\n02692,LAN,Có,khớp,30/06/2024\n"

# English words of the reader's messages (none of them Vietnamese); looked for once quoted values, options and
# Python arguments are taken out of a line
_ENGLISH = re.compile(r"\b(row|rows|column|columns|the|and|of|read|records?|ignored|invalid|spelling|check|month|"
                      r"quarter|date|village|layer|given|pass|sheet|header|headers|file|cannot|not|no|with|as|"
                      r"every|counted|name|names|last|day|total|heading|empty|mixes|orders|first)\b")
# lines of the other stages (boundaries, reconciliation's summary), which this change leaves as they are
_OTHERS = re.compile(r"^dxmap: (no commune layer given|reconciled \d+ records|.*: read \d+ features|illustrative data)")


@pytest.fixture
def files(tmp_path, monkeypatch) -> dict[str, Path]:
    """The sheets, in the working folder: the officer runs ``dxmap check --records extra.csv`` where they are."""
    monkeypatch.chdir(tmp_path)
    out = {}
    for name, text in (("extra.csv", EXTRA), ("nodate.csv", NODATE), ("mix.csv", MIX), ("nostatus.csv", NOSTATUS),
                       ("twins.csv", TWINS)):
        out[name] = Path(name)
        out[name].write_text(text, encoding="utf-8")
    return out


def _check(path: Path, lang: str) -> list[str]:
    """The stderr lines of ``dxmap check --lang LANG --records PATH`` (with the bundled communes)."""
    result = CliRunner().invoke(main, ["check", "--lang", lang, "--records", str(path)])
    assert result.exit_code in (0, 1) and result.exception is None or isinstance(result.exception, SystemExit)
    return result.stderr.splitlines()


def _english_left(line: str) -> list[str]:
    """The English words of a line, once what is not prose is taken out: quoted values ('chưa cố', "dòng 2: …",
    “Chưa có”), options (--records-date 30/6/2024) and Python arguments (as_of=)."""
    text = line.removeprefix("dxmap: ").removeprefix("error: ")
    text = re.sub(r"\"[^\"]*\"|'[^']*'|“[^”]*”", " ", text)
    text = re.sub(r"--[\w-]+(?: \S+)?|\w+=", " ", text)
    return _ENGLISH.findall(text)


@pytest.mark.parametrize("name", ["extra.csv", "nodate.csv", "mix.csv", "nostatus.csv", "twins.csv"])
def test_the_readers_lines_and_errors_are_vietnamese(files, name):
    lines = [ln for ln in _check(files[name], "vi") if not _OTHERS.match(ln)]
    assert lines
    assert [(ln, _english_left(ln)) for ln in lines if _english_left(ln)] == []
    # the same filter finds the English run: it can fail
    english = [ln for ln in _check(files[name], "en") if not _OTHERS.match(ln)]
    assert any(_english_left(ln) for ln in english)


def test_spelling_months_and_ignored_rows_in_vietnamese_with_options(files):
    err = "\n".join(_check(files["extra.csv"], "vi"))
    assert ("extra.csv: hạ tầng 'Cáp quảng' (dòng 15) được đọc là 'cáp quang' (cáp quang), trạng thái 'chưa cố' "
            "(dòng 2) được đọc là 'chưa có' (Chưa có); hãy kiểm tra chính tả") in err
    assert ("extra.csv: 1 dòng ở cột ngày ghi tháng hoặc quý, được hiểu là ngày cuối kỳ: 'Quý II/2024' (dòng 19) là "
            "30/6/2024") in err
    # no village layer: the villages the rows name are the list (the commune rows of mobile and fibre then name none)
    assert ("chưa có lớp thôn/bản: lập danh mục 3 thôn/bản của 2 xã theo tên thôn/bản trong bản ghi; các thôn/bản này "
            "được đếm, liệt kê và tìm được, nhưng không có vị trí nên không vẽ trên bản đồ (thêm --villages để vẽ).") in err
    # the invalid rows are quoted in a Vietnamese line, their reasons with the command line's words
    assert "extra.csv: không đọc được 6 bản ghi ở 6 dòng (kết quả “không đọc được”): \"dòng 11: không nhận ra cấp" in err
    # the row's reason says what the commune must do; the option for the officer is a line of its own (QA17 finding 4)
    assert "dòng 13: dòng chỉ có 3 ô" in err and "chưa ghi ngày cập nhật: hãy điền ngày (ngày/tháng/năm)" in err
    assert ("dxmap: extra.csv: 1 dòng chưa ghi ngày (dòng 13), chưa đọc được cho đến khi điền ngày. Nếu mọi dòng chưa "
            "ghi ngày đều là số liệu của cùng một ngày, có thể ghi ngày đó cho chúng bằng --records-date 30/6/2024.") in err
    assert "cho các dòng không có ngày" not in err
    assert "extra.csv: 18 bản ghi (mạng LAN 9, di động 6, cáp quang 1)" in err
    assert "in Python" not in err and "trong Python" not in err and "villages=" not in err


def test_the_headers_an_error_lists_leave_out_columns_without_one(tmp_path):
    """QA39 L6: a title merged beyond the table gave its last column no header, listed in English as 'column 5'."""
    import openpyxl

    path = tmp_path / "t.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["BÁO CÁO HẠ TẦNG SỐ"])
    ws.append(["Mã xã", "Tên xã", "Mạng LAN", None, None])
    ws.append(["02692", "A Lù", "Có", None, "x"])
    ws.merge_cells("A1:E1")
    wb.save(path)
    assert _check(path, "vi")[-1].endswith("Các cột của tệp: 'Mã xã', 'Tên xã', 'Mạng LAN'.")


def test_stopping_errors_in_vietnamese_with_options(files):
    assert _check(files["nodate.csv"], "vi")[-1] == (
        f"dxmap: lỗi: {files['nodate.csv']}: không có cột ngày (ví dụ 'Ngày cập nhật'). Hãy thêm cột ngày, hoặc ghi "
        "ngày cho mọi bản ghi bằng --records-date 30/6/2024. Các cột của tệp: 'Mã xã', 'Tên xã', 'Mạng LAN'.")
    mix = _check(files["mix.csv"], "vi")[-1]
    assert ("cột ngày có ngày viết theo hai thứ tự khác nhau: \"dòng 2: '30/06/2024'\" chỉ đúng khi đọc ngày trước, "
            "\"dòng 3: '06/30/2024'\" chỉ đúng khi đọc tháng trước") in mix
    assert "bằng --date-order dmy hoặc --date-order mdy" in mix
    nostatus = _check(files["nostatus.csv"], "vi")[-1]
    # "của tệp" dropped: the English says no "file" either, and a DataFrame's message says "bảng" (QA69 F2)
    assert ("Hãy khai báo cột trạng thái bằng --column status='Tên cột' và --technology lan, hoặc một cột hạ "
            "tầng bằng --wide 'Tên cột'=lan") in nostatus
    twins = "\n".join(_check(files["twins.csv"], "vi"))
    assert ("twins.csv: cột 'Kết quả' cũng là cột “Trạng thái”; dxmap đọc cột 'Trạng thái'. Nếu cần đọc cột kia, hãy "
            "dùng --column status='Kết quả'.") in twins


def test_read_records_in_vietnamese_keeps_the_python_words(files, caplog):
    with caplog.at_level(logging.INFO, logger="dxmap"):
        read_records(files["extra.csv"], lang="vi")
    said = caplog.text
    assert "trạng thái 'chưa cố' (dòng 2) được đọc là 'chưa có' (Chưa có); hãy kiểm tra chính tả" in said
    assert "'Quý II/2024' (dòng 19) là 30/6/2024" in said
    assert "dòng 13: dòng chỉ có 3 ô" in said and "chưa ghi ngày cập nhật: hãy điền ngày (ngày/tháng/năm)" in said
    assert "có thể ghi ngày đó cho chúng bằng as_of='30/6/2024'." in said  # the Python words, for a Python user
    assert "check the spelling" not in said and "row(s)" not in said and "--records-date" not in said
    with pytest.raises(SchemaError, match=re.escape("hoặc ghi ngày cho mọi bản ghi bằng as_of='30/6/2024'. Các cột của "
                                                    "tệp: 'Mã xã', 'Tên xã', 'Mạng LAN'.")):
        read_records(files["nodate.csv"], lang="vi")
    with pytest.raises(SchemaError, match=re.escape("bằng date_order='dmy' hoặc date_order='mdy'")):
        read_records(files["mix.csv"], lang="vi")
    with pytest.raises(SnapshotDateError, match=re.escape("as_of='31/02/2024' không phải ngày có thật (đọc theo ngày "
                                                          "trước, dd/mm/yyyy)")):
        read_records(files["nodate.csv"], as_of="31/02/2024", lang="vi")


def test_english_is_as_it_was(files, caplog):
    """As it was, but for the plurals, which now agree with their counts ("6 records", "1 row names")."""
    with caplog.at_level(logging.INFO, logger="dxmap"):
        read_records(files["extra.csv"])
    assert "extra.csv: 6 records of 6 rows cannot be read and are reported as invalid: \"row 11: unknown level" \
        in caplog.text
    assert "extra.csv: 18 records (lan=9, mobile=6, fibre=1)" in caplog.text
    with pytest.raises(SchemaError, match=re.escape("no date column. Pass the date of every record with "
                                                    "as_of='2024-06-30'. The file's headers are")):
        read_records(files["nodate.csv"])
    err = "\n".join(_check(files["extra.csv"], "en"))
    assert ("extra.csv: technology 'Cáp quảng' (row 15) read as 'cáp quang' (fibre), status 'chưa cố' (row 2) read as "
            "'chưa có' (none); check the spelling") in err
    assert ("extra.csv: 1 row of the date column names a month or quarter, read as its last day: 'Quý II/2024' "
            "(row 19) as 2024-06-30") in err
    assert ("no village layer: 3 villages in 2 communes listed from the village names in the records; they are "
            "counted, listed and searched, but have no location and are not drawn (give --villages to draw them).") in err
    assert _check(files["nodate.csv"], "en")[-1] == (
        f"dxmap: error: {files['nodate.csv']}: no date column. Pass the date of every record with --records-date "
        "2024-06-30. The file's headers are 'Mã xã', 'Tên xã', 'Mạng LAN'.")


def test_every_reader_word_is_used():
    source = "\n".join(p.read_text(encoding="utf-8") for p in sorted(ROOT.rglob("*.py")) if p.name != "labels.py")
    made = ("log_tech_", "log_kind_", "log_order_", "ver_units_")  # f"log_tech_{technology}", f"log_kind_{kind}", …
    unused = [k for k in _READER["en"] if f'"{k}"' not in source and not k.startswith(made)]
    assert unused == []
    assert all(f'f"{prefix}{{' in source for prefix in made)
    assert set(_READER["vi"]) == set(_READER["en"]) and set(_READER["en"]) <= set(LABELS["vi"])


def test_records_dated_in_the_new_units_are_said_in_vietnamese(tmp_path):
    """Every sheet dated after 1 July 2025 and read against the 2024 communes warns; in Vietnamese the warning was
    the last English line the officer had to act on."""
    p = tmp_path / "moi.csv"
    p.write_text("Mã xã,Công nghệ,Trạng thái,Ngày cập nhật\n2692,LAN,Có,30/09/2025\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--records", str(p)])
    line = next(line for line in result.stderr.splitlines() if "1/7/2025" in line)
    assert "1 dòng số liệu có ngày từ 1/7/2025 trở đi ('moi.csv dòng 2')" in line
    assert "--records-version 2025-07" in line and "trong Python" not in line  # the CLI's words
    english = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(p)])
    assert "1 row of records is dated on or after 1 July 2025 ('moi.csv row 2')" in english.stderr

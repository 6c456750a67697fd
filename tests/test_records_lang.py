"""Why a row is no record, in the language of the people who correct the file: ``read_records(..., lang="vi")``.

Every row problem (``problem``) and ignore reason (``ignore_reason``) the reader writes comes from a message key
("row_…" in dxmap.labels), filled in Vietnamese or English; English stays the sentences it always was."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest

import dxmap
from dxmap.errors import OptionError
from dxmap.labels import LABELS, _ROW_PROBLEMS
from dxmap.validate.dates import parse_dates
from dxmap.validate.vocab import accepted_words

ROOT = Path(dxmap.__file__).parent

# --- inputs that reach every row problem and ignore reason ---------------------------------------------------------

LONG = ("Mã xã,Công nghệ,Trạng thái,Ngày,Kinh độ,Vĩ độ,Cấp\n"
        "02692,LAN,Có,30/06/2024,,,\n"             # 2: a record
        "02692,LAN,abc,30/06/2024,,,\n"            # 3: unknown status
        "02692,xyz,Có,30/06/2024,,,\n"             # 4: unknown technology
        "02692,,Có,30/06/2024,,,\n"                # 5: no technology
        "02692,LAN,Có,31/02/2024,,,\n"             # 6: no such day (day first)
        "02692,LAN,Có,abc,,,\n"                    # 7: not a date
        "02692,LAN,Có,2024-02-30,,,\n"             # 8: no such day (year-month-day)
        "02692,LAN,Có,Tháng 12/2099,,,\n"          # 9: a period that has not ended
        "02692,LAN,Có,Tháng 13/2024,,,\n"          # 10: no such month
        "02692,LAN,Có,30/06/2099,,,\n"             # 11: after today
        "02692,LAN,Có,,,,\n"                       # 12: no date
        ",LAN,Có,30/06/2024,abc,22.5,\n"           # 13: lon not a number, nothing identifies the unit
        ",LAN,Có,30/06/2024,104.1,xyz,\n"          # 14: lat not a number, nothing identifies the unit
        "02692,LAN,Có,30/06/2024,,,huyện\n"        # 15: unknown level
        "Tổng cộng,,,,,,\n"                        # 16: a total row
        ",,,,,,\n"                                 # 17: an empty row
        "Xã A Lù,,,,,,\n"                          # 18: a heading or note row
        ",Người lập biểu,Trưởng phòng,,,,\n")      # 19: a signature row

# lines a text file gets wrong: too many cells, a line cut short, a quote never closed
BROKEN = ("commune_code,technology,status,as_of,note\n"
          "02692,lan,none,2024-06-30,a,b\n"
          "02695,lan\n"
          '02695,lan,none,2024-06-30,"oops\n'
          "02698,lan,none,2024-06-30,\n"
          "02701,lan,none,2024-06-30,\n")

# a wide text file: a commune without any status, a row with a date only
WIDE = ("STT,Mã xã,Tên xã,Sóng di động,Cáp quang,Mạng LAN,Ngày\n"
        "1,02692,A Lù,Có,Chưa có,,30/06/2024\n"
        "2,02695,Trịnh Tường,,,,30/06/2024\n"
        ",,,,,,30/06/2024\n")

# a remark in brackets that says another status, an Excel error value, the apostrophe that keeps a cell text (QA61)
WORDS = ("Mã xã,Công nghệ,Trạng thái,Ngày\n"
         "02692,LAN,Có (chưa đạt chuẩn),30/06/2024\n"
         "02692,LAN,#N/A,30/06/2024\n"
         "02692,LAN,'Chưa có,30/06/2024\n")


def _text(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _marks_book(path: Path) -> Path:
    """Sub-columns marked with x under merged technology headers: a cell that is no mark, two marks."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["B1"], ws["C1"], ws["E1"] = "Mã xã", "Tên thôn", "Di động (4G)", "Cáp quang (FTTH)"
    ws.merge_cells("A1:A2"), ws.merge_cells("B1:B2"), ws.merge_cells("C1:D1"), ws.merge_cells("E1:F1")
    ws["C2"], ws["D2"], ws["E2"], ws["F2"] = "Có", "Chưa có", "Có", "Chưa có"
    for r in (["02692", "Thôn 1", "x", None, None, "✓"], ["02692", "Thôn 2", "x", "x", None, None],
              ["02692", "Thôn 3", None, "?", "X", None]):
        ws.append(r)
    wb.save(path)
    return path


def _heading_book(path: Path) -> Path:
    """A heading merged across the table, a formula without a saved value, a footer note (a long sheet)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["STT", "Mã xã", "Công nghệ", "Trạng thái", "Ngày"])
    ws.append(["I. Huyện Bát Xát"])
    ws.merge_cells("A2:E2")
    ws.append([1, "02692", "lan", '=IF(1,"có","")', "30/06/2024"])
    ws.append([2, "02695", "lan", "có", "30/06/2024"])
    ws.append([None, "Ghi chú: số liệu tạm tính"])
    wb.save(path)
    return path


def _wide_formula_book(path: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Mã xã", "Băng rộng di động", "Cáp quang", "Mạng LAN chuẩn", "Ngày"])
    ws.append(["02692", '=IF(1,"có","")', "có", "chưa có", "30/06/2024"])
    wb.save(path)
    return path


_FRAME = pd.DataFrame({"Mã xã": ["02692", "02692"], "Công nghệ": ["LAN", "LAN"], "Trạng thái": ["có", "??"],
                       "Ngày": ["30/06/2024", "31/02/2024"]})


def _read_all(tmp_path: Path, lang: str) -> dict[str, pd.DataFrame]:
    """Every input read in ``lang``."""
    d = tmp_path / lang
    d.mkdir(exist_ok=True)
    one = "Mã xã,Công nghệ,Trạng thái,Ngày\n02692,LAN,Có,{}\n"
    return {
        "long": dxmap.read_records(_text(d, "long.csv", LONG), lang=lang),
        "mdy": dxmap.read_records(_text(d, "m.csv", one.format("02/30/2024")), date_order="mdy", lang=lang),
        # a month-first typo in a day-first file (QA61 1), a year mistyped in the past (QA61 2)
        "typo": dxmap.read_records(_text(d, "t.csv", one.format("30/06/2024") + "02692,LAN,Có,07/15/2024\n"
                                                     "02692,LAN,Có,30/06/1024\n"), lang=lang),
        "ymd": dxmap.read_records(_text(d, "y.csv", one.format("24/02/30")), date_order="ymd", lang=lang),
        # a month in words: how many days it has (QA68 N8), or no such day when the month is none
        "named": dxmap.read_records(_text(d, "nm.csv", one.format("\"June 31, 2025\"") + "02692,LAN,Có,31 tháng 13 năm "
                                                      "2025\n"), lang=lang),
        "broken": dxmap.read_records(_text(d, "b.csv", BROKEN), lang=lang),
        "many": dxmap.read_records(_text(d, "n.csv", "Mã xã,Công nghệ,Ghi chú,Trạng thái\n02692,LAN,a,b,Có\n"),
                                   as_of="2024-06-30", lang=lang),  # the last column is read: the row is not trusted
        "wide": dxmap.read_records(_text(d, "w.csv", WIDE), lang=lang),
        "marks": dxmap.read_records(_marks_book(d / "marks.xlsx"), as_of="2024-06-30", lang=lang),
        "heading": dxmap.read_records(_heading_book(d / "h.xlsx"), lang=lang),
        "wide_formula": dxmap.read_records(_wide_formula_book(d / "wf.xlsx"), lang=lang),
        "frame": dxmap.as_records(_FRAME, lang=lang),
        "merged": dxmap.read_records(_text(d, "v.csv", "Xã,Thôn,Mạng LAN,Ngày\nY Tý,Thôn 1,Có,30/06/2024\n"
                                                       ",Thôn 2,Có,30/06/2024\n"), lang=lang),  # a merged cell, saved
        # a comma file's line pasted into a semicolon file: one cell (QA44 H1: ignored as a heading)
        "packed": dxmap.read_records(_text(d, "p.csv", "Mã xã;Công nghệ;Trạng thái;Ngày\n02692;LAN;Có;30/06/2024\n"
                                                       ",02692,LAN,Có,30/06/2024\n"), lang=lang),
        # the map's downloaded list: a unit without data, unknown and undated (QA56 3)
        "unknown": dxmap.read_records(_text(d, "u.csv", one.format("").replace(",Có,", ",Chưa rõ,")), lang=lang),
        "words": dxmap.read_records(_text(d, "words.csv", WORDS), lang=lang),
        # each operator's column: a cell not understood beside a "Có", and where no column says covered (QA68 N12)
        "operators": dxmap.read_records(_text(d, "o.csv", "Xã,Thôn,Viettel 4G,VNPT 4G,Ngày\n"
                                                       "Y Tý,Thôn 1,Có,?x,30/06/2024\n"
                                                       "Y Tý,Thôn 2,Chưa có,?x,30/06/2024\n"), lang=lang),
    }


def _said(frame: pd.DataFrame) -> list[tuple[int, str | None, str | None]]:
    """(row, problem, ignore_reason) of each line, None where nothing is said."""
    return [(int(r), None if pd.isna(p) else str(p), None if pd.isna(g) else str(g))
            for r, p, g in zip(frame["row"], frame["problem"], frame["ignore_reason"])]


@pytest.fixture(scope="module")
def read(tmp_path_factory) -> dict[str, dict[str, pd.DataFrame]]:
    tmp = tmp_path_factory.mktemp("lang")
    return {lang: _read_all(tmp, lang) for lang in ("vi", "en")}


def _texts(frames: dict[str, pd.DataFrame]) -> list[str]:
    """Every problem and ignore reason, each part of a joined problem ("a; b") apart."""
    out = []
    for frame in frames.values():
        for col in ("problem", "ignore_reason"):
            out += frame[col].dropna().astype(str).tolist()
    return out


# --- English: the sentences it always was --------------------------------------------------------------------------

_STATUSES = accepted_words("status")
_TECHNOLOGIES = accepted_words("technology")
_STATUSES_VI = accepted_words("status", lang="vi")
_TECHNOLOGIES_VI = accepted_words("technology", lang="vi")
_NO_UNIT = "nothing identifies the unit: no commune code or name, village code, or longitude and latitude"
_FORMULA = ("is a formula whose value the file does not hold (column {}): open the file in Excel or LibreOffice and "
            "save it, or type the value")


def _english() -> dict[str, list[tuple[int, str | None, str | None]]]:
    today = dt.date.today().isoformat()
    return {
        "long": [
            (2, None, None),
            (3, f"unknown status 'abc' in column 'Trạng thái'; accepted: {_STATUSES}", None),
            (4, f"unknown technology 'xyz'; accepted: {_TECHNOLOGIES}", None),
            (5, f"no technology; accepted: {_TECHNOLOGIES}", None),
            (6, "impossible date '31/02/2024' (read day first, dd/mm/yyyy): no such day", None),
            (7, "date 'abc' is not a date: write it as dd/mm/yyyy (day first) or yyyy-mm-dd (a month or quarter as "
                "'June 2024' or 'Q2 2024')", None),
            (8, "impossible date '2024-02-30' (as year-month-day): no such day", None),
            (9, "date 'Tháng 12/2099' is a period that has not ended (it ends on 2099-12-31): write the day the status "
                "was true, as dd/mm/yyyy", None),
            (10, "impossible date 'Tháng 13/2024': no such month or quarter", None),
            (11, f"date 2099-06-30 is after today ({today}): a mistyped year? Correct it (a record cannot be dated in "
                 "the future)", None),
            (12, "no date: fill in the day the status was true (dd/mm/yyyy)", None),
            (13, f"longitude 'abc' is not a number: write it in decimal degrees, e.g. 103.85; {_NO_UNIT}", None),
            (14, f"latitude 'xyz' is not a number: write it in decimal degrees, e.g. 22.48; {_NO_UNIT}", None),
            (15, "unknown level 'huyện'; accepted: village ('village', 'thôn', 'bản'), commune ('commune', 'ward', "
                 "'xã')", None),
            (16, None, "a total row (Tổng cộng)"),
            (17, None, "no technology and no status: a heading or empty row"),
            (18, None, "a heading or note row ('Xã A Lù'): no record"),
            (19, None, "a signature or note row ('Người lập biểu'): no record"),
        ],
        "mdy": [(2, "impossible date '02/30/2024' (read month first, mm/dd/yyyy): no such day", None)],
        "typo": [(2, None, None),
                 (3, "impossible date '07/15/2024' (read day first, dd/mm/yyyy): there is no month 15. Day and month "
                     "swapped by mistake? If 15 July was meant, write 15/07/2024", None),
                 (4, "date 1024-06-30 is before 1990: a mistyped year? Correct it (no connectivity record is older "
                     "than 1990)", None)],
        "unknown": [(2, None, "status unknown without a date: no record, the unit stays unknown (as the map's "
                              "downloaded list writes the units without data)")],
        "ymd": [(2, "impossible date '24/02/30' (read year first, yy/mm/dd): no such day", None)],
        "named": [(2, "impossible date 'June 31, 2025': June 2025 has 30 days", None),
                  (3, "impossible date '31 tháng 13 năm 2025': no such day", None)],
        "words": [
            (2, "'Có (chưa đạt chuẩn)' in column 'Trạng thái' holds two statuses: 'có' (covered) and, in brackets, "
                "'chưa đạt chuẩn' (none); write one status (brackets may hold a remark that says no status, such as "
                "the network's name)", None),
            (3, "an Excel error value (#N/A) in column 'Trạng thái': the formula failed; correct the formula in the "
                "file or write the status", None),
            (4, None, None),
        ],
        "many": [(2, "5 cells, but the header has 4, perhaps because a cell holds a comma: the extra text ('Có') is "
                     "joined to the last column ('Trạng thái'); check this row; unknown status 'b,Có' in column "
                     "'Trạng thái'; accepted: covered ('yes', 'available', 'có', 'x', '✓'), weak ('weak', 'poor signal', "
                     "'lõm sóng'), none ('no', 'not available', 'chưa có'), planned ('planned', 'in progress', "
                     "'kế hoạch'), unknown ('unknown', 'không rõ', or an empty cell)", None)],
        "broken": [
            (2, None, None),  # the comma was in the note, the last column: a warning, the row is whole
            (3, "the line has 2 of the header's 5 cells (cut short?): no 'status'; complete the line; no date: fill in "
                "the day the status was true (dd/mm/yyyy)", None),
            (4, "a quote (\") opens a cell in column 'note' (line 4) and is never closed: 2 lines (5–6) are "
                "inside it, like rows of their own, not read: close the quote", None),
        ],
        "wide": [
            (2, None, None), (2, None, None),
            (3, None, "no status in any technology column ('Sóng di động', 'Cáp quang', 'Mạng LAN'): no record, the "
                      "unit stays unknown"),
            (4, None, "no status and no unit: a heading or empty row"),
        ],
        "marks": [
            (3, None, None), (3, None, None),
            (4, "Di động (4G): 'Có' and 'Chưa có' are both marked; mark one", None),
            (5, "Di động (4G): 'Chưa có': '?' is not a mark; mark one sub-column with x ('Có', 'Chưa có')", None),
            (5, None, None),
        ],
        "heading": [
            (2, None, "a heading row ('I. Huyện Bát Xát' merged across A2:E2): no record"),
            (3, "cell D3 (=IF(1,\"có\",\"\")) " + _FORMULA.format("'Trạng thái'"), None),
            (4, None, None),
            (5, None, "a heading or note row ('Ghi chú: số liệu tạm tính'): no record"),
        ],
        "wide_formula": [(2, "cell B2 (=IF(1,\"có\",\"\")) " + _FORMULA.format("'Băng rộng di động'"), None),
                         (2, None, None), (2, None, None)],
        "merged": [
            (2, None, None),
            (3, "nothing identifies the unit: the commune cell of this village's row is empty, though a row above names "
                "one (a cell merged down the villages keeps its value only in its first row when saved as CSV): write "
                "the commune on every row, or give the workbook (.xlsx)", None),
        ],
        "packed": [
            (2, None, None),
            (3, "the row's cells are all in column 'Mã xã', separated by ',' (',02692,LAN,Có,30/06/2024'): put each "
                "value in its column", None),
        ],
        "operators": [
            (2, None, None),
            (3, "unknown status '?x' in column 'VNPT 4G', and no other column says covered, so the row's status is "
                f"not known; accepted: {_STATUSES}", None),
        ],
        "frame": [  # a DataFrame's rows by its index (QA69 F2; were 2 and 3, as the lines of a CSV)
            (0, None, None),
            (1, f"unknown status '??' in column 'Trạng thái'; accepted: {_STATUSES}; impossible date '31/02/2024' "
                "(read day first, dd/mm/yyyy): no such day", None),
        ],
    }


def test_english_texts_are_the_sentences_they_always_were(read):
    expected = _english()
    for name, frame in read["en"].items():
        assert _said(frame) == expected[name], name


def test_english_is_the_default(tmp_path, read):
    rec = dxmap.read_records(_text(tmp_path, "long.csv", LONG))
    pd.testing.assert_frame_equal(rec, read["en"]["long"])
    pd.testing.assert_frame_equal(dxmap.as_records(_FRAME), read["en"]["frame"])


def test_the_language_changes_only_the_two_text_columns(read):
    for name in read["vi"]:
        vi, en = read["vi"][name], read["en"][name]
        same = [c for c in vi.columns if c not in ("problem", "ignore_reason")]
        pd.testing.assert_frame_equal(vi[same], en[same], obj=name)
        for col in ("problem", "ignore_reason"):  # said on the same lines, never on others
            assert vi[col].isna().tolist() == en[col].isna().tolist(), (name, col)


# --- Vietnamese -----------------------------------------------------------------------------------------------------

def test_vietnamese_sentences(read):
    vi = {name: _said(frame) for name, frame in read["vi"].items()}
    today = dt.date.today()
    long = {row: (p, g) for row, p, g in vi["long"]}
    assert long[3][0] == f"không nhận ra trạng thái 'abc' ở cột 'Trạng thái'; các từ được chấp nhận: {_STATUSES_VI}"
    assert long[5][0] == f"chưa ghi hạ tầng; các từ được chấp nhận: {_TECHNOLOGIES_VI}"
    assert long[6][0] == "ngày '31/02/2024' không tồn tại (đọc theo ngày/tháng/năm); hãy sửa lại"
    assert long[11][0] == (f"ngày 30/6/2099 muộn hơn hôm nay ({today.day}/{today.month}/{today.year}), có thể gõ "
                           "nhầm năm; hãy sửa lại (ngày cập nhật không thể ở tương lai)")
    assert long[13][0] == ("kinh độ 'abc' không phải là số: hãy ghi số độ thập phân, ví dụ 103,85; không xác định được "
                           "đơn vị: không có mã hoặc tên xã, mã thôn/bản, hay kinh độ và vĩ độ")
    assert long[16][1] == "dòng tổng (Tổng cộng)"
    assert long[17][1] == "không có hạ tầng và trạng thái: dòng tiêu đề hoặc dòng trống"
    assert long[19][1] == "dòng chữ ký hoặc ghi chú ('Người lập biểu'): không phải bản ghi"
    assert vi["heading"][0][2] == "dòng tiêu đề ('I. Huyện Bát Xát', ô gộp A2:E2): không phải bản ghi"
    assert vi["marks"][2][1] == "Di động (4G): 'Có' và 'Chưa có' đều được đánh dấu; chỉ đánh dấu một cột"
    assert vi["broken"][1][1].startswith("dòng chỉ có 2 ô, trong khi dòng tiêu đề cột có 5 ô (dòng bị cắt?): thiếu "
                                         "'status'; hãy điền đủ dòng này")
    assert vi["marks"][3][1] == ("Di động (4G): ô cột 'Chưa có' ghi '?', không phải dấu x; chỉ đánh dấu x vào một "
                                 "trong các cột ('Có', 'Chưa có')")
    # the rest by their key phrases
    phrases = {
        ("long", 4): "không nhận ra hạ tầng 'xyz'", ("long", 7): "ngày 'abc' không phải là ngày",
        ("long", 8): "ngày '2024-02-30' không tồn tại (đọc theo năm-tháng-ngày); hãy sửa lại",
        ("long", 9): "ngày 'Tháng 12/2099' là kỳ chưa kết thúc (đến hết ngày 31/12/2099): hãy ghi ngày cụ thể đã xác "
                     "nhận hiện trạng (ngày/tháng/năm)",
        ("long", 10): "không có tháng hoặc quý này", ("long", 12): "chưa ghi ngày cập nhật: hãy điền ngày (ngày/tháng/năm)",
        ("long", 14): "vĩ độ 'xyz' không phải là số", ("long", 15): "không nhận ra cấp 'huyện'",
        ("long", 18): "dòng tiêu đề hoặc ghi chú ('Xã A Lù')", ("mdy", 2): "(đọc theo tháng/ngày/năm)",
        ("ymd", 2): "(đọc theo năm/tháng/ngày, năm 2 chữ số)",
        ("typo", 3): "ngày '07/15/2024' không tồn tại (đọc theo ngày/tháng/năm): không có tháng 15. Có lẽ gõ đảo ngày "
                     "và tháng? Nếu là ngày 15 tháng 7, hãy viết 15/07/2024",
        ("typo", 4): "ngày 30/6/1024 trước năm 1990, có thể gõ nhầm năm; hãy sửa lại (số liệu kết nối không có từ "
                     "trước năm 1990)", ("broken", 3): "dòng chỉ có 2 ô",
        ("broken", 4): "dấu ngoặc kép (\") mở một ô ở cột 'note'", ("wide", 3): "không có trạng thái ở cột hạ tầng nào",
        ("wide", 4): "không có trạng thái và không có đơn vị", ("marks", 5): "'?', không phải dấu x",
        ("heading", 3): "ô D3 (=IF(1,\"có\",\"\")) là công thức", ("heading", 5): "dòng tiêu đề hoặc ghi chú",
        ("wide_formula", 2): "ô B2 (=IF(1,\"có\",\"\")) là công thức",
        ("frame", 1): "không nhận ra trạng thái '??' ở cột 'Trạng thái'",
        ("named", 2): "ngày 'June 31, 2025' không tồn tại: tháng 6 năm 2025 có 30 ngày; hãy sửa lại",
        ("named", 3): "ngày '31 tháng 13 năm 2025' không tồn tại; hãy sửa lại",
        ("words", 2): "ô 'Có (chưa đạt chuẩn)' ở cột 'Trạng thái' ghi hai trạng thái: 'có' (Đã có) và, trong "
                      "ngoặc, 'chưa đạt chuẩn' (Chưa có); hãy ghi một trạng thái",
        ("words", 3): "ô lỗi của Excel (#N/A) ở cột 'Trạng thái': công thức bị lỗi; hãy sửa công thức trong tệp hoặc "
                      "ghi trạng thái",
    }
    for (name, row), phrase in phrases.items():
        said = [t for r, p, g in vi[name] if r == row for t in (p, g) if t]
        assert any(phrase in t for t in said), (name, row, said)


def test_the_accepted_words_are_named_by_their_vietnamese_labels():
    """QA17: a Vietnamese reason listed "covered ('có', …), …, unknown ('không rõ', or an empty cell)"."""
    from dxmap.validate.vocab import word_value

    english = {  # English words first (QA22: an English reader was shown mostly Vietnamese), then the commonest
        "status": "covered ('yes', 'available', 'có', 'x', '✓'), weak ('weak', 'poor signal', 'lõm sóng'), none ('no', "
                  "'not available', 'chưa có'), planned ('planned', 'in progress', 'kế hoạch'), unknown ('unknown', "
                  "'không rõ', or an empty cell)",
        "technology": "mobile ('mobile', '4G', 'di động'), fibre ('fibre', 'FTTH', 'cáp quang'), lan ('LAN', "
                      "'mạng LAN chuẩn')",
        "level": "village ('village', 'thôn', 'bản'), commune ('commune', 'ward', 'xã')",
    }
    values = {"status": ["covered", "weak", "none", "planned", "unknown"], "technology": ["mobile", "fibre", "lan"],
              "level": ["village", "commune"]}
    for kind, text in english.items():
        assert accepted_words(kind) == accepted_words(kind, lang="en") == text
        assert all(word_value(kind, w) is not None for w in re.findall(r"'([^']*)'", text))  # truthful
        vi = accepted_words(kind, lang="vi")
        listed = re.findall(r"“([^”]+)” \(([^()]*)\)", vi)
        assert [label for label, _ in listed] == [LABELS["vi"][v] for v in values[kind]], vi
        assert ", ".join(f"“{a}” ({b})" for a, b in listed) == vi  # nothing else in the list
        for value, (label, typed) in zip(values[kind], listed):
            assert word_value(kind, label) == value  # the label is read back as its value
            words = re.findall(r"'([^']*)'", typed)
            assert words and all(word_value(kind, w) == value for w in words), (value, words)  # truthful
        outside = re.sub(r"'[^']*'|“[^”]*”", "", vi)
        assert not re.search(r"\b(?:covered|weak|none|planned|unknown|mobile|fibre|lan|village|commune|or|an|empty|"
                             r"cell)\b", outside, re.IGNORECASE), vi
    assert accepted_words("status", lang="vi") == (
        "“Đã có” ('có', 'đã có', 'x', '✓'), “Lõm sóng / yếu” ('lõm sóng', 'sóng yếu'), “Chưa có” ('chưa có', "
        "'không có', 'trắng sóng'), “Đã có kế hoạch” ('kế hoạch', 'đang triển khai'), “Chưa rõ (không có số liệu)” "
        "('không rõ', hoặc để trống)")
    assert "hoặc để trống" not in accepted_words("status", argument=True, lang="vi")  # an argument takes no empty cell


def test_a_vietnamese_reason_lists_the_accepted_words_in_vietnamese(read):
    vi = {row: p for row, p, _ in _said(read["vi"]["long"])}
    assert vi[3].endswith("“Chưa có” ('chưa có', 'không có', 'trắng sóng'), “Đã có kế hoạch” ('kế hoạch', 'đang triển "
                          "khai'), “Chưa rõ (không có số liệu)” ('không rõ', hoặc để trống)")
    assert vi[4].endswith("“Băng rộng di động” ('di động', '4G', 'LTE'), “Cáp quang (FTTH)” ('cáp quang', 'FTTH'), "
                          "“Mạng LAN chuẩn” ('mạng LAN chuẩn', 'LAN')")
    assert vi[15].endswith("các từ được chấp nhận: “thôn/bản” ('thôn', 'bản', 'tổ dân phố'), “xã/phường” ('xã', "
                           "'phường', 'thị trấn')")
    assert not any(w in t for t in _texts(read["vi"]) for w in ("covered (", "an empty cell", "mobile (", "village ("))


# English words of the templates that a Vietnamese text must not keep (the accepted words and quoted values aside)
_ENGLISH = re.compile(r"\b(?:a|an|the|row|rows|record|records|column|cell|cells|date|day|unknown|heading|total|note|"
                      r"signature|mark|marked|status|technology|line|lines|header|formula|value|file|impossible|"
                      r"accepted|and|or|is|are|not|no|of|in|read|after|today|quote|number|unit|commune|village|"
                      r"empty|nothing|month|quarter|first|write|period|open|save|type|close|both|one|with|lon|lat)\b",
                      re.IGNORECASE)


def _without_quotes_and_word_lists(text: str) -> str:
    text = re.sub(r"các từ được chấp nhận: (?:[^;]|;(?! ))*", "", text)  # the words people type, both languages
    text = re.sub(r"'[^']*'|\"[^\"]*\"|\([^()]*\"[^()]*\)", "", text)  # values and headers as written
    text = re.sub(r"#[A-Z/0]+[!?]?", "", text)  # an Excel error value as Excel shows it (#N/A)
    return text


def test_vietnamese_texts_keep_no_english_word_of_their_template(read):
    texts = _texts(read["vi"])
    assert len(texts) >= 25
    left = {t: _ENGLISH.findall(_without_quotes_and_word_lists(t)) for t in texts}
    assert {t: w for t, w in left.items() if w} == {}
    # and the templates themselves, filled with neutral values
    for key, text in _ROW_PROBLEMS["vi"].items():
        assert not _ENGLISH.search(_without_quotes_and_word_lists(re.sub(r"\{\w+\}", "", text))), key


def _pattern(template: str) -> re.Pattern:
    """A template as a pattern that finds its text filled in: fixed words kept, each value anything."""
    parts = re.split(r"\{\w+(?:\|[^{}]*)?\}", template)  # a value, or a word said by its count ({n|line|lines})
    return re.compile(".*?".join(map(re.escape, parts)), re.DOTALL)


# fragments filled into other texts: " ở cột …" in an unknown word, "… và …" in two marks, the date column's word
_FRAGMENTS = {"row_in_column", "row_and", "row_date_column"}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_row_text_is_reached_in_both_languages(read, lang):
    texts = _texts(read[lang])
    unreached = [k for k, t in _ROW_PROBLEMS[lang].items() if k not in _FRAGMENTS
                 and not any(_pattern(t).search(x) for x in texts)]
    assert unreached == []
    joined = "\n".join(texts)
    fragments = {"vi": [" ở cột 'Trạng thái'", "'Có' và 'Chưa có'", "ngày '31/02/2024'"],
                 "en": [" in column 'Trạng thái'", "'Có' and 'Chưa có'", "date '31/02/2024'"]}
    assert all(f in joined for f in fragments[lang])


def test_every_row_word_is_used():
    source = "\n".join(p.read_text(encoding="utf-8") for p in sorted(ROOT.rglob("*.py")) if p.name != "labels.py")
    keys = [k for k in LABELS["vi"] if k.startswith("row_")]
    assert set(keys) == set(_ROW_PROBLEMS["vi"]) and len(keys) >= 30
    unused = [k for k in keys if f'"{k}"' not in source and f"'{k}'" not in source]
    assert unused == []


# --- the argument ---------------------------------------------------------------------------------------------------

def test_an_unknown_language_is_refused_naming_the_argument_and_the_fix(tmp_path):
    path = _text(tmp_path, "r.csv", "Mã xã,Công nghệ,Trạng thái,Ngày\n02692,LAN,Có,30/06/2024\n")
    fix = r"lang='fr'.*pass lang='vi' or lang='en'"
    with pytest.raises(OptionError, match=fix):
        dxmap.read_records(path, lang="fr")
    with pytest.raises(OptionError, match=fix):
        dxmap.as_records(_FRAME, lang="fr")
    with pytest.raises(OptionError, match=fix):
        parse_dates(pd.Series(["30/06/2024"]), lang="fr")
    with pytest.raises(OptionError, match=r"lang=None"):
        dxmap.read_records(path, lang=None)


def test_parse_dates_says_its_problems_in_either_language():
    values = pd.Series(["30/06/2024", "31/02/2024", "Quý IV/2099", None])
    vi = parse_dates(values, lang="vi").problems.tolist()
    en = parse_dates(values).problems.tolist()
    assert vi[0] is pd.NA and vi[3] is pd.NA and en[0] is pd.NA
    assert vi[1] == "ngày '31/02/2024' không tồn tại (đọc theo ngày/tháng/năm); hãy sửa lại"
    assert vi[2].startswith("ngày 'Quý IV/2099' là kỳ chưa kết thúc (đến hết ngày 31/12/2099)")
    assert en[1] == "impossible date '31/02/2024' (read day first, dd/mm/yyyy): no such day"
    # a column named by the caller keeps its name in both languages
    assert parse_dates(values, column="as_of", lang="vi").problems[1].startswith("as_of '31/02/2024' không tồn tại")

"""Write the messy-input corpus in this folder and the expected outcome of every row (expected.csv).

The corpus imitates what district offices send: hand-typed names and codes, a provincial XLSX
workbook (title rows, merged header cells, a column-number row, several sheets, total and heading
rows), CSV files saved in TCVN3 (ABC), VNI-Windows and cp1258, and an XLSX typed with an ABC font.
All records are ILLUSTRATIVE; the units are the real bundled 2024 Lào Cai communes and the demo's
illustrative villages. Expectations are written here by hand, next to each input row: they are
what a careful person would decide, not what dxmap computes.

Run ``python tests/data/messy/make_messy.py`` to rewrite the files (byte-identical for CSV).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font

from dxmap.io.encodings import encode_text

HERE = Path(__file__).resolve().parent
BASE = dt.date(2024, 1, 1)

# --- names_codes.csv: names and codes typed by hand ---------------------------------------------------
HEADER = ["Mã xã", "Tên xã", "Huyện", "Tên thôn", "Mã thôn", "Cấp", "Công nghệ", "Trạng thái", "Ngày cập nhật",
          "Kinh độ", "Vĩ độ", "Ghi chú"]
# (cells by header, expected outcome, expected unit_id, expected method); the line number is the position + 2.
ROWS: list[tuple[dict[str, str], str, str, str]] = [
    ({"Mã xã": "2692", "Công nghệ": "LAN"}, "matched", "02692", "code"),                      # lost leading zero
    ({"Mã xã": "2692.0", "Công nghệ": "LAN"}, "matched", "02692", "code"),                    # Excel float
    ({"Mã xã": "10.082.02692", "Công nghệ": "LAN"}, "matched", "02692", "code"),              # hierarchical
    ({"Mã xã": "10-082-02692", "Công nghệ": "LAN"}, "matched", "02692", "code"),
    ({"Tên xã": "xa a lu", "Huyện": "bat xat", "Công nghệ": "lan"}, "matched", "02692", "name"),
    ({"Tên xã": "X. Bản Vược", "Huyện": "Bát Xát", "Công nghệ": "LAN chuẩn"}, "matched", "02710", "name"),
    ({"Tên xã": "TT  Bát Xát", "Huyện": "H. Bát Xát", "Công nghệ": "LAN"}, "matched", "02683", "name"),
    ({"Tên xã": "Sa Pa", "Huyện": "Sa Pa", "Công nghệ": "LAN"}, "matched", "03001", "name"),  # spelt as Sa Pa, not Sa Pả
    ({"Tên xã": "Phường Sa Pả", "Huyện": "Sa Pa", "Công nghệ": "LAN"}, "matched", "03002", "name"),
    ({"Tên xã": "Thanh Bình", "Công nghệ": "LAN"}, "ambiguous", "", ""),                     # two districts
    ({"Tên xã": "thanh binh", "Huyện": "Mường Khương", "Công nghệ": "LAN"}, "matched", "02779", "name"),
    ({"Tên xã": "A Lu Xa", "Huyện": "Bát Xát", "Công nghệ": "LAN"}, "unmatched", "", ""),    # misspelt
    ({"Mã xã": "02692", "Tên xã": "Bản Vược", "Công nghệ": "LAN"}, "conflict", "", ""),
    ({"Mã xã": "02629", "Công nghệ": "LAN"}, "unmatched", "", ""),                           # digits swapped
    ({"Mã xã": "2692", "Công nghệ": "LAN"}, "duplicate", "02692", ""),                       # = line 2 (same date below)
    ({"Mã xã": "2635", "Tên thôn": "TDP 01", "Công nghệ": "cáp quang"}, "matched", "02635-001", "name"),
    ({"Mã xã": "2635", "Tên thôn": "Tổ dân phố số 3", "Công nghệ": "FTTH"}, "matched", "02635-003", "name"),
    ({"Mã xã": "2692", "Tên thôn": "thon da dinh", "Công nghệ": "cap quang"}, "matched", "02692-006", "name"),
    ({"Mã xã": "2692", "Tên thôn": "Bản Khau Xa", "Công nghệ": "4G"}, "unmatched", "", ""),  # misspelt village
    ({"Mã thôn": "02692-010", "Công nghệ": "4G"}, "matched", "02692-010", "code"),           # village id only
    ({"Kinh độ": "103.5932", "Vĩ độ": "22.7031", "Công nghệ": "LAN"}, "matched", "02692", "location"),
    ({"Kinh độ": "105.8", "Vĩ độ": "21.0", "Công nghệ": "LAN"}, "unmatched", "", ""),        # Hà Nội
    ({"Mã xã": "2692", "Cấp": "thôn", "Tên thôn": "Thôn 1", "Công nghệ": "LAN"}, "ignored", "02692-010", ""),  # LAN: per commune
    ({"Mã xã": "02647", "Tên xã": "Phường Lào Cai", "Công nghệ": "LAN"}, "conflict", "", ""),  # a 2025-07 unit
    ({"Tên xã": "Tổng cộng", "Trạng thái": "23"}, "ignored", "", ""),
    ({"Tên xã": "Huyện Mường Khương"}, "ignored", "", ""),                                   # heading row
    ({"Mã xã": "'02695", "Công nghệ": "LAN"}, "matched", "02695", "code"),
    ({"Tên xã": "Nậm Chảy", "Công nghệ": "LAN"}, "matched", "02770", "name"),               # spelling decides
    ({"Tên xã": "nam chay", "Công nghệ": "LAN"}, "ambiguous", "", ""),                       # Nậm Chảy / Nậm Chầy
]
DUPLICATE_OF = {16: 2}  # line 16 repeats line 2's unit, technology and date
# The unit a person would pick first among the suggestions of a row that did not match.
SUGGESTS = {13: "02692", 14: "02710", 20: "02692-001", 25: "02641"}


def _names_codes() -> list[list[str]]:
    out = []
    for i, (cells, _, _, _) in enumerate(ROWS):
        line = i + 2
        day = BASE + dt.timedelta(days=DUPLICATE_OF.get(line, line))
        row = {"Trạng thái": "đã có", "Ngày cập nhật": day.isoformat(), **cells}
        if cells.get("Tên xã", "").startswith(("Tổng", "Huyện")):  # not records: no date
            row.pop("Ngày cập nhật")
            if "Trạng thái" not in cells:
                row.pop("Trạng thái")
        out.append([row.get(h, "") for h in HEADER])
    return out


def _write_csv(path: Path, header: list[str], rows: list[list[str]], encoding: str) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    text = buf.getvalue()
    data = ("\ufeff" + text).encode("utf-8") if encoding == "utf-8-sig" else encode_text(text, encoding)
    path.write_bytes(data)


# --- legacy encodings: the same four records, saved by old software ------------------------------------
LEGACY_HEADER = ["Ten xa", "Huyen", "Cong nghe", "Trang thai", "Ngay"]
LEGACY_ROWS = [
    ["Xã A Lù", "Bát Xát", "LAN", "Đã có", "2024-06-30"],
    ["Trịnh Tường", "Bát Xát", "LAN chuẩn", "Chưa có", "2024-06-30"],
    ["Bản Vược", "Bát Xát", "mạng LAN", "Lõm sóng", "2024-06-30"],
    ["Phường Sa Pả", "Sa Pa", "LAN", "Kế hoạch", "2024-06-30"],
]
LEGACY_EXPECTED = ["02692", "02695", "02710", "03002"]
LEGACY_STATUS = ["covered", "none", "weak", "planned"]


# --- provincial.xlsx ---------------------------------------------------------------------------------
def _provincial(path: Path) -> list[tuple[str, int, str, str, str]]:
    wb = openpyxl.Workbook()
    guide = wb.active
    guide.title = "Hướng dẫn"
    guide["A1"] = "Biểu mẫu báo cáo hạ tầng viễn thông (MINH HỌA / ILLUSTRATIVE). Điền mỗi huyện vào một sheet."
    expected: list[tuple[str, int, str, str, str]] = []

    def sheet(title: str, district: str, body: list[list[object]], outcomes: list[tuple[str, str, str]]) -> None:
        ws = wb.create_sheet(title)
        ws["A1"] = "ỦY BAN NHÂN DÂN TỈNH LÀO CAI"
        ws.merge_cells("A1:I1")
        ws["A2"] = "BIỂU TỔNG HỢP HIỆN TRẠNG HẠ TẦNG VIỄN THÔNG (minh họa)"
        ws.merge_cells("A2:I2")
        for ref, text in {"A4": "STT", "B4": "Đơn vị hành chính", "E4": "Thôn/bản", "F4": "Hạ tầng",
                          "G4": "Hiện trạng", "H4": "Ngày báo cáo", "I4": "Ghi chú"}.items():
            ws[ref] = text
        for rng in ("A4:A5", "B4:D4", "E4:E5", "F4:F5", "G4:G5", "H4:H5", "I4:I5"):
            ws.merge_cells(rng)
        ws["B5"], ws["C5"], ws["D5"] = "Huyện", "Mã xã", "Tên xã"
        for j in range(9):
            ws.cell(6, j + 1, f"({j + 1})")
        ws["A7"], ws["B7"] = "I", f"Huyện {district}"
        ws.merge_cells("B7:D7")
        expected.append((title, 7, "ignored", "", ""))
        first = 8
        for k, row in enumerate(body):
            for j, v in enumerate(row):
                if v is not None:
                    ws.cell(first + k, j + 1, v)
        ws.cell(first, 2, district)
        ws.merge_cells(start_row=first, start_column=2, end_row=first + len(body) - 2, end_column=2)
        for k, (outcome, unit, method) in enumerate(outcomes):
            expected.append((title, first + k, outcome, unit, method))
        for r in ws.iter_rows(min_row=1, max_row=6):
            for c in r:
                c.font = Font(bold=True)
                c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    day = dt.datetime(2024, 6, 30)
    sheet("Bát Xát", "Bát Xát", [
        [1, None, 2692, "A Lù", None, "LAN", "Đã có", day, None],
        [2, None, 2695.0, "Trịnh Tường", None, "LAN chuẩn", "Chưa có", day, None],
        [3, None, 2692, "A Lù", "Thôn 01", "Cáp quang", "Chưa có", day, None],
        [4, None, 2692, "A Lù", "Bản Khấu", "Di động", "Lõm sóng", day, "khe núi"],
        [5, None, None, "Y Ty", None, "LAN", "Kế hoạch", day, None],
        [None, "Tổng cộng", None, None, None, None, "5", None, None],
    ], [("matched", "02692", "code"), ("matched", "02695", "code"), ("matched", "02692-010", "name"),
        ("matched", "02692-001", "name"), ("matched", "02701", "name"), ("ignored", "", "")])
    wb["Bát Xát"].merge_cells("B13:D13")
    sheet("Mường Khương", "Mường Khương", [
        [1, None, None, "Thanh Bình", None, "LAN", "Đã có", day, None],
        [2, None, 2761, "Mường Khương", None, "LAN", "Đã có", day, None],
        [None, "Cộng huyện Mường Khương", None, None, None, None, "2", None, None],
    ], [("matched", "02779", "name"), ("matched", "02761", "code"), ("ignored", "", "")])
    wb.save(path)
    return expected


# --- abc_font.xlsx: cells typed with an ABC (TCVN3) font in Excel -------------------------------------
def _abc_font(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["Tên xã", "Huyện", "Công nghệ", "Trạng thái", "Ngày"])
    for row in LEGACY_ROWS:
        ws.append([encode_text(v, "tcvn3").decode("latin-1") for v in row])
    wb.save(path)


def main() -> None:
    _write_csv(HERE / "names_codes.csv", HEADER, _names_codes(), "utf-8-sig")
    for enc in ("tcvn3", "vni", "cp1258"):
        _write_csv(HERE / f"legacy_{enc}.csv", LEGACY_HEADER, LEGACY_ROWS, enc)
    xlsx_expected = _provincial(HERE / "provincial.xlsx")
    _abc_font(HERE / "abc_font.xlsx")
    with (HERE / "expected.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["file", "sheet", "row", "outcome", "unit_id", "method", "first_suggestion"])
        for i, (_, outcome, unit, method) in enumerate(ROWS):
            w.writerow(["names_codes.csv", "", i + 2, outcome, unit, method, SUGGESTS.get(i + 2, "")])
        for sheet_name, row, outcome, unit, method in xlsx_expected:
            w.writerow(["provincial.xlsx", sheet_name, row, outcome, unit, method, ""])
        for name in ("legacy_tcvn3.csv", "legacy_vni.csv", "legacy_cp1258.csv", "abc_font.xlsx"):
            for i, unit in enumerate(LEGACY_EXPECTED):
                w.writerow([name, "", i + 2, "matched", unit, "name", ""])


if __name__ == "__main__":
    main()

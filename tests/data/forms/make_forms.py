"""Write one status report in the four forms provinces send it (issue 12's corpus), with every line's expectation.

The same 32 real Lào Cai communes (bundled 2024 codes and names) and 48 of the demo's illustrative
villages, with the same statuses, written as:

- ``a_long.csv``: the long form, UTF-8 with BOM (Excel's "CSV UTF-8"), dates typed day first in
  several ways (30/06/2024, 30-06-2024, 30.06.2024, 05/06/2024, 1/6/2024, "ngày 30 tháng 6 năm 2024").
- ``b_lan_wide.xlsx``: a provincial sheet: three title rows, a header merged over two rows
  ("Đơn vị hành chính" over "Mã xã | Tên xã"), a column-number row, one "Mạng LAN chuẩn" column
  (Có / Chưa có / Đang triển khai / blank), district heading rows merged across the table, a total
  row, and no date column (read with ``--records-date``).
- ``c_villages_marks.xlsx``: villages, with "Di động (4G)" merged over "Có | Lõm sóng | Chưa có" and
  "Cáp quang (FTTH)" over "Có | Chưa có", cells marked "x" / "X" / "✓"; commune cells merged down
  their villages; a date column of Excel dates and Excel serial numbers; a total row.
- ``d_unicode_text.txt``: the long form as Excel saves a sheet as "Unicode Text": UTF-16 with BOM,
  tab-separated, two title rows and a blank row above the header, every line padded to the width.

Every status here is ILLUSTRATIVE. :func:`expected` gives each form's lines (row a person sees,
technology, outcome, unit, status, date) from the same truth table the files are written from;
``tests/test_forms.py`` checks every line. Run ``python tests/data/forms/make_forms.py DIR`` to write
the files into DIR (the tests write them into a temporary folder).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).resolve().parent
SAMPLE_VILLAGES = HERE.parents[2] / "data" / "sample" / "villages.geojson"
FILES = {"a": "a_long.csv", "b": "b_lan_wide.xlsx", "c": "c_villages_marks.xlsx", "d": "d_unicode_text.txt"}
RECORDS_DATE = "30/06/2024"  # for b, which has no date column (day first: 30 June)

LAN = ["covered", "none", "covered", None, "none", "planned", "covered"]  # None: no record, the unit stays unknown
MOBILE = ["covered", "covered", "weak", "none", "covered"]
FIBRE = ["covered", "none", None, "covered", "none", "covered"]
# (as typed, as read): day first; "05/06/2024" is 5 June, "1/6/2024" is 1 June.
DATES = [("30/06/2024", "2024-06-30"), ("30-06-2024", "2024-06-30"), ("05/06/2024", "2024-06-05"),
         ("30.06.2024", "2024-06-30"), ("1/6/2024", "2024-06-01"), ("ngày 30 tháng 6 năm 2024", "2024-06-30"),
         ("12/06/2024", "2024-06-12")]
WORDS = {"covered": ["Có", "Đã có", "có"], "none": ["Chưa có", "không có", "chưa"], "weak": ["Lõm sóng"],
         "planned": ["Đang triển khai"], None: [""]}
TECH_WORDS = {"lan": ["Mạng LAN chuẩn", "LAN"], "mobile": ["Di động (4G)", "4G/LTE"], "fibre": ["Cáp quang (FTTH)", "FTTH"]}


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    district: str
    villages: tuple[tuple[str, str], ...]  # (village_id, name)


@cache
def units() -> tuple[Unit, ...]:
    """32 communes, every fourth of the bundled 2024 list that has its own polygon and a name of its own,
    each with its first one or two illustrative sample villages."""
    import dxmap

    communes = dxmap.bundled_communes().sort_values("code")
    own = communes[communes["map_unit"].eq(communes["code"]) & ~communes["name"].duplicated(keep=False)]
    villages = dxmap.as_villages(dxmap.read_boundaries(SAMPLE_VILLAGES)).sort_values("village_id")
    out = []
    for i, c in enumerate(own.iloc[::4].head(32).itertuples()):
        mine = villages[villages["commune_code"].eq(c.code)].head(2 if i % 2 == 0 else 1)
        out.append(Unit(c.code, c.name, c.district_name, tuple(zip(mine["village_id"], mine["name"]))))
    return tuple(out)


def _truth() -> list[tuple[Unit, str | None, str, str | None, int]]:
    """(commune, village id or None, technology, status or None, running number) in the order of the long form."""
    lines, k, v = [], 0, 0
    for i, u in enumerate(units()):
        lines.append((u, None, "lan", LAN[i % len(LAN)], k))
        k += 1
        for vid, _ in u.villages:
            lines.append((u, vid, "mobile", MOBILE[v % len(MOBILE)], k))
            lines.append((u, vid, "fibre", FIBRE[v % len(FIBRE)], k + 1))
            k, v = k + 2, v + 1
    return lines


def statuses() -> dict[tuple[str, str], str]:
    """(unit_id, technology) → status at 2024-06-30, "unknown" where no form has a record."""
    return {(vid or u.code, tech): status or "unknown" for u, vid, tech, status, _ in _truth()}


def _village_name(u: Unit, vid: str) -> str:
    return dict(u.villages)[vid]


# --- a and d: the long form ------------------------------------------------------------------------------------
LONG_HEADER = ["STT", "Mã xã", "Tên xã", "Huyện", "Thôn/bản", "Công nghệ", "Trạng thái", "Ngày cập nhật", "Ghi chú"]


def _long_rows() -> list[tuple[list[str], dict]]:
    rows = []
    for n, (u, vid, tech, status, k) in enumerate(_truth()):
        if tech == "fibre" and status is None:
            continue  # a long file lists what it knows
        typed, iso = DATES[k % len(DATES)]
        code = u.code.lstrip("0") if k % 3 == 0 else u.code  # Excel ate the leading zero
        words = WORDS[status]
        cells = [str(len(rows) + 1), code, f"Xã {u.name}" if k % 5 == 0 else u.name, u.district,
                 _village_name(u, vid) if vid else "", TECH_WORDS[tech][k % 2], words[k % len(words)], typed, ""]
        rows.append((cells, {"technology": tech, "outcome": "matched", "unit_id": vid or u.code,
                             "status": status or "unknown", "as_of": iso}))
    return rows


def write_long_csv(path: Path) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(LONG_HEADER)
    for cells, _ in _long_rows():
        w.writerow(cells)
    path.write_bytes(buf.getvalue().encode("utf-8-sig"))


D_TITLE = ["SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH LÀO CAI", "Hiện trạng hạ tầng viễn thông đến ngày 30/6/2024 (minh họa)"]


def write_unicode_text(path: Path) -> None:
    width = len(LONG_HEADER)
    lines = [[t] + [""] * (width - 1) for t in D_TITLE] + [[""] * width, LONG_HEADER]
    lines += [cells for cells, _ in _long_rows()]
    text = "".join("\t".join(cells) + "\r\n" for cells in lines)
    path.write_bytes(text.encode("utf-16"))  # Python writes the BOM, little-endian here, as Excel does


# --- b: one LAN column per commune ------------------------------------------------------------------------------
LAN_WORDS = {"covered": "Có", "none": "Chưa có", "planned": "Đang triển khai", None: None}


def _fixed_times(wb: openpyxl.Workbook) -> None:
    wb.properties.created = wb.properties.modified = dt.datetime(2024, 7, 5, 8, 0, 0)


def _bold(ws, rows: range) -> None:
    for r in ws.iter_rows(min_row=rows.start, max_row=rows.stop - 1):
        for c in r:
            c.font = Font(bold=True)
            c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def write_lan_wide(path: Path) -> list[dict]:
    wb = openpyxl.Workbook()
    _fixed_times(wb)
    ws = wb.active
    ws.title = "Biểu 01"
    titles = ["ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "BIỂU TỔNG HỢP HIỆN TRẠNG MẠNG LAN CHUẨN TẠI UBND CẤP XÃ",
              "(Kèm theo Báo cáo số 145/BC-UBND ngày 05/7/2024 của UBND tỉnh, minh họa)"]
    for r, t in enumerate(titles, start=1):
        ws.cell(r, 1, t)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
    ws["A5"], ws["B5"], ws["D5"], ws["E5"] = "STT", "Đơn vị hành chính", "Huyện", "Mạng LAN chuẩn"
    for rng in ("A5:A6", "B5:C5", "D5:D6", "E5:E6"):
        ws.merge_cells(rng)
    ws["B6"], ws["C6"] = "Mã xã", "Tên xã"
    for j in range(5):
        ws.cell(7, j + 1, f"({j + 1})")
    _bold(ws, range(1, 8))
    expected, r, district, n = [], 8, None, 0
    for i, u in enumerate(units()):
        if u.district != district:  # a heading row merged across the table
            district = u.district
            ws.cell(r, 1, f"Huyện {district}")
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
            expected.append({"row": r, "technology": None, "outcome": "ignored", "unit_id": None})
            r += 1
        n += 1
        status = LAN[i % len(LAN)]
        ws.cell(r, 1, n)
        ws.cell(r, 2, int(u.code))  # a number cell: the zero is gone
        ws.cell(r, 3, f"Xã {u.name}" if i % 3 == 0 else u.name)
        ws.cell(r, 4, u.district)
        if LAN_WORDS[status]:
            ws.cell(r, 5, LAN_WORDS[status])
            expected.append({"row": r, "technology": "lan", "outcome": "matched", "unit_id": u.code, "status": status,
                             "as_of": "2024-06-30"})
        else:
            expected.append({"row": r, "technology": None, "outcome": "ignored", "unit_id": None})
        r += 1
    ws.cell(r, 2, "Tổng cộng")
    ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=4)
    ws.cell(r, 5, sum(1 for i in range(len(units())) if LAN[i % len(LAN)] == "covered"))
    expected.append({"row": r, "technology": None, "outcome": "ignored", "unit_id": None})
    wb.save(path)
    return expected


# --- c: villages, x-marked sub-columns -----------------------------------------------------------------------
MOBILE_SUBS = ("Có", "Lõm sóng", "Chưa có")
FIBRE_SUBS = ("Có", "Chưa có")
SUB_STATUS = {"Có": "covered", "Lõm sóng": "weak", "Chưa có": "none"}
MARKS = ("x", "X", "x", "✓")


def write_village_marks(path: Path) -> list[dict]:
    wb = openpyxl.Workbook()
    _fixed_times(wb)
    ws = wb.active
    ws.title = "Thôn bản"
    for r, t in enumerate(["UBND TỈNH LÀO CAI", "HIỆN TRẠNG SÓNG DI ĐỘNG VÀ CÁP QUANG CÁC THÔN, BẢN (minh họa)"], start=1):
        ws.cell(r, 1, t)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=11)
    head = {"A4": "STT", "B4": "Mã xã", "C4": "Tên xã", "D4": "Thôn, bản", "E4": "Di động (4G)",
            "H4": "Cáp quang (FTTH)", "J4": "Ngày cập nhật", "K4": "Ghi chú"}
    for ref, t in head.items():
        ws[ref] = t
    for rng in ("A4:A5", "B4:B5", "C4:C5", "D4:D5", "E4:G4", "H4:I4", "J4:J5", "K4:K5"):
        ws.merge_cells(rng)
    for j, t in enumerate(MOBILE_SUBS + FIBRE_SUBS):
        ws.cell(5, 5 + j, t)
    _bold(ws, range(1, 6))
    status = {(vid, tech): s for u, vid, tech, s, _ in _truth() if vid}
    expected, r, v = [], 6, 0
    for u in units():
        first = r
        for vid, name in u.villages:
            ws.cell(r, 1, v + 1)
            ws.cell(r, 4, name)
            for tech, subs, col in (("mobile", MOBILE_SUBS, 5), ("fibre", FIBRE_SUBS, 8)):
                s = status[(vid, tech)]
                if s is not None:
                    ws.cell(r, col + [SUB_STATUS[t] for t in subs].index(s), MARKS[v % len(MARKS)])
            # Excel dates; every third an Excel serial number typed as a plain number (45473 = 2024-06-30)
            ws.cell(r, 10, 45473 if v % 3 == 2 else dt.datetime(2024, 6, 30) if v % 3 == 0 else dt.datetime(2024, 6, 12))
            when = "2024-06-12" if v % 3 == 1 else "2024-06-30"
            techs = [t for t in ("mobile", "fibre") if status[(vid, t)] is not None]
            for tech in techs:
                expected.append({"row": r, "technology": tech, "outcome": "matched", "unit_id": vid,
                                 "status": status[(vid, tech)], "as_of": when})
            if not techs:
                expected.append({"row": r, "technology": None, "outcome": "ignored", "unit_id": None})
            r, v = r + 1, v + 1
        ws.cell(first, 2, int(u.code) if v % 2 else u.code)
        ws.cell(first, 3, u.name)
        if r - first > 1:  # the commune's cells span its villages
            ws.merge_cells(start_row=first, start_column=2, end_row=r - 1, end_column=2)
            ws.merge_cells(start_row=first, start_column=3, end_row=r - 1, end_column=3)
    ws.cell(r, 3, "Tổng số thôn")
    for j, subs in enumerate(MOBILE_SUBS + FIBRE_SUBS):
        ws.cell(r, 5 + j, 0)
    expected.append({"row": r, "technology": None, "outcome": "ignored", "unit_id": None})
    wb.save(path)
    return expected


def expected(form: str) -> list[dict]:
    """Each line the check reports for ``form`` ("a".."d"), in file order: row, technology, outcome, unit_id, status, as_of."""
    if form in ("a", "d"):
        first = 2 if form == "a" else 5  # d: two title rows and a blank row above its header
        return [{"row": first + i, **e} for i, (_, e) in enumerate(_long_rows())]
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        return (write_lan_wide if form == "b" else write_village_marks)(Path(tmp) / FILES[form])


def write_all(folder: Path) -> dict[str, Path]:
    """Write the four forms into ``folder``; returns form → path."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {k: folder / name for k, name in FILES.items()}
    write_long_csv(paths["a"])
    write_lan_wide(paths["b"])
    write_village_marks(paths["c"])
    write_unicode_text(paths["d"])
    return paths


if __name__ == "__main__":  # pragma: no cover
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/data/forms/make_forms.py OUTPUT_FOLDER")
    for form, p in write_all(Path(sys.argv[1])).items():
        print(form, p)

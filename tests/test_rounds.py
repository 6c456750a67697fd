"""One records file whose dates straddle 1 July 2025 (QA71 C2, C3): split into its two rounds by date where its rows
say so, refused where they cannot be placed, and a row read in the 2025-07 units but dated before flagged."""

from __future__ import annotations

import logging

import pytest
from click.testing import CliRunner

import dxmap
from dxmap.cli import main
from dxmap.errors import VersionMismatchError

HEAD = "Mã xã,Tên xã,Thôn/bản,Xã cũ,Công nghệ,Trạng thái,Ngày cập nhật\n"
# one commune office's sheet kept on after the merger: the old Nghĩa Đô, Tân Tiến and Vĩnh Yên of 2024, the new
# Nghĩa Đô (all three) of 2026, which reuses 02953
MIXED = HEAD + (
    "02950,Xã Tân Tiến,,,Mạng LAN chuẩn,Chưa có,30/06/2024\n"
    "02953,Xã Nghĩa Đô,,,Mạng LAN chuẩn,Có,30/06/2024\n"
    "02956,Xã Vĩnh Yên,,,Mạng LAN chuẩn,Chưa có,30/06/2024\n"
    "02950,Xã Tân Tiến,Thôn 1,,Cáp quang,Chưa có,30/06/2024\n"
    "02953,Xã Nghĩa Đô,Thôn 1,,Cáp quang,Chưa có,30/06/2024\n"
    "02953,Xã Nghĩa Đô,,,Mạng LAN chuẩn,Có,30/06/2026\n"
    "02953,Xã Nghĩa Đô,Thôn 1,Tân Tiến,Cáp quang,Có,30/06/2026\n"
    "02953,Xã Nghĩa Đô,Thôn 1,Nghĩa Đô,Cáp quang,Chưa có,30/06/2026\n")


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_sheet_kept_on_after_the_merger_is_split_by_its_dates(tmp_path, caplog):
    """QA71 C2: read whole in the 2025-07 units, the old Nghĩa Đô's 2024 LAN was matched to the new unit and the LAN
    change read 0 → 0; split by date it is the 2024 round and the 2026 one, as a Phiên bản column splits it."""
    path = _write(tmp_path, "mixed.csv", MIXED)
    with caplog.at_level(logging.INFO, logger="dxmap"):
        data = dxmap.read_dataset(path)
    assert data.earlier is not None and len(data.earlier.records) == 5 and len(data.records) == 3
    assert dxmap.io.boundaries.boundary_version(data.communes) == "2025-07"
    assert data.earlier.outcomes["outcome"].eq("matched").all() and data.outcomes["outcome"].eq("matched").all()
    assert "mixed.csv says no version of the units, and its records' dates lie on both sides of 1 July 2025: " \
           "5 records dated before" in caplog.text
    change = dxmap.compare(data, compare_to="2024-06-30")
    lan, fibre = change.summary["gaps"]["lan"], change.summary["gaps"]["fibre"]
    assert (lan["count"], lan["previous"], lan["fixed"]) == (0, 1, 1)
    assert (fibre["count"], fibre["previous"], fibre["fixed"]) == (1, 2, 1)


def test_a_sheet_kept_on_whose_later_rows_name_a_former_commune_is_refused_naming_them(tmp_path):
    """The rows before are the 2024 units' (Tân Tiến alone has 02950), but a 2026 row names Tân Tiến, no 2025-07
    unit: which round it is cannot be told. Refused with its row (the header is row 1) and the Phiên bản column."""
    path = _write(tmp_path, "mixed.csv", MIXED + "02950,Xã Tân Tiến,,,Mạng LAN chuẩn,Có,30/06/2026\n")
    with pytest.raises(VersionMismatchError, match=r"but row 10 \(30/06/2026\) cannot.*Phiên bản column"):
        dxmap.read_dataset(path)


def test_a_2026_sheet_with_a_mistyped_year_is_not_split_and_the_row_is_invalid(tmp_path, caplog):
    """QA71 C3: a Q2 2026 row of the new Xã Bảo Yên (Xã cũ Phố Ràng) dated 30/06/2024 was accepted, and, older than
    the Q1 record, lost the update. Its commune is no 2024 unit: not a 2024 round but a mistyped year, invalid."""
    path = _write(tmp_path, "q2.csv", HEAD + (
        ",Xã Bảo Yên,Tổ dân phố 1,Phố Ràng,Cáp quang,Có,30/06/2026\n"
        ",Xã Bảo Yên,Tổ dân phố 2,Phố Ràng,Cáp quang,Có,30/06/2024\n"))
    with caplog.at_level(logging.INFO, logger="dxmap"):
        data = dxmap.read_dataset(path)
    assert data.earlier is None
    out = data.outcomes
    assert out["outcome"].tolist() == ["matched", "invalid"]
    assert "before 1 July 2025" in out["reason"].iloc[1] and "check the year" in out["reason"].iloc[1]
    assert "1 record read in the 2025-07 units is dated before 1 July 2025 (q2.csv row 3)" in caplog.text
    # the line that reads the others as 2025-07 names the row it leaves out
    assert "Not counted: q2.csv row 3, 1 record also naming a commune and its former commune" in caplog.text


def test_the_mistyped_year_stops_the_summary_naming_the_row(tmp_path):
    path = _write(tmp_path, "q2.csv", HEAD + (
        ",Xã Bảo Yên,Tổ dân phố 1,Phố Ràng,Cáp quang,Có,30/06/2026\n"
        ",Xã Bảo Yên,Tổ dân phố 2,Phố Ràng,Cáp quang,Có,30/06/2024\n"))
    result = CliRunner().invoke(main, ["summary", "--records", str(path), "-q"])
    assert result.exit_code == 1 and "q2.csv dòng 3" in result.output and "kiểm tra lại năm" in result.output


def test_statuses_of_2024_retyped_for_the_2025_units_stay_as_dated(tmp_path):
    """A file dated wholly before 1 July 2025 and said to be of the 2025-07 units (the 2024 statuses retyped in the
    new units, as tests/test_across.py does) is no mistyped year: read as dated."""
    path = _write(tmp_path, "q.csv", HEAD + ",Xã Bảo Yên,Tổ dân phố 1,Phố Ràng,Cáp quang,Có,30/06/2024\n")
    data = dxmap.read_dataset(path, records_version="2025-07")
    assert data.outcomes["outcome"].tolist() == ["matched"]


def test_a_row_dated_in_the_future_does_not_make_a_file_straddle(tmp_path):
    """A 2024 file with a row typed 15/12/2099 (a typo, invalid in reconcile) is no file of two rounds: read as one,
    not refused for a row that 'cannot be placed'."""
    p = tmp_path / "lan.csv"
    p.write_text("Mã xã,Tên xã,Mạng LAN chuẩn,Ngày cập nhật\n02950,Xã Tân Tiến,Có,30/06/2024\n"
                 "02956,Xã Vĩnh Yên,Chưa có,30/06/2024\n02953,Xã Nghĩa Đô,Có,15/12/2099\n", encoding="utf-8")
    data = dxmap.read_dataset(p)
    assert data.outcomes["outcome"].tolist()[:2] == ["matched", "matched"]
    assert data.outcomes["outcome"].iloc[2] == "invalid"

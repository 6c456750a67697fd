"""Spreadsheet files: formulas neutralised in CSV, never stored in XLSX, control characters kept out, numbers kept."""

from __future__ import annotations

import csv

import openpyxl
import pandas as pd
import pytest

from dxmap._sheets import FORMULA_START, neutralise, write_csv, write_xlsx

PAYLOADS = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x","y")', "=cmd|'/C calc'!A0"]


def _frame() -> pd.DataFrame:
    return pd.DataFrame({
        "name": PAYLOADS + ["Bát Xát", "-5", "+84 912", None],
        "n": list(range(-6, 6)),
        "share": [0.5] * 12,
    })


def test_neutralise_prefixes_risky_text_only():
    out = neutralise(_frame())
    assert out["name"].tolist()[: len(PAYLOADS)] == ["'" + p for p in PAYLOADS]
    assert out["name"].tolist()[len(PAYLOADS):-1] == ["Bát Xát", "-5", "'+84 912"]  # a plain number stays a number
    assert pd.isna(out["name"].iloc[-1])
    assert out["n"].tolist() == list(range(-6, 6)) and out["n"].dtype.kind == "i"


def test_csv_has_no_cell_a_spreadsheet_would_run(tmp_path):
    path = write_csv(_frame().rename(columns={"share": "=bad header"}), tmp_path / "t.csv")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    cells = [c for row in rows for c in row]
    assert not [c for c in cells if c.startswith(FORMULA_START) and c not in ("-5",) and not c.lstrip("-").isdigit()]
    assert rows[0][2] == "'=bad header"


def test_xlsx_stores_text_not_formulas_and_survives_control_characters(tmp_path):
    frame = _frame()
    frame.loc[len(frame)] = ["bell\x07 and esc\x1b[31m", 99, 1.0]
    path = write_xlsx({"t": frame}, tmp_path / "t.xlsx", freeze={"t": "A2"}, autofilter=("t",))
    ws = openpyxl.load_workbook(path)["t"]
    values = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
    types = {ws.cell(row=r, column=1).data_type for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value}
    assert "f" not in types
    assert values[: len(PAYLOADS)] == [p.replace("\r", "\n") for p in PAYLOADS]  # the text (XML keeps CR as LF)
    assert values[-1] == "bell\ufffd and esc\ufffd[31m"
    assert ws.cell(row=2, column=2).value == -6 and ws.freeze_panes == "A2" and ws.auto_filter.ref


def test_a_failed_write_leaves_no_file_and_keeps_the_old_one(tmp_path, monkeypatch):
    (tmp_path / "x.csv").write_text("old", encoding="utf-8")

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_csv", full_disk)
    with pytest.raises(OSError):
        write_csv(pd.DataFrame({"a": ["=1"]}), tmp_path / "x.csv")
    assert [p.name for p in tmp_path.iterdir()] == ["x.csv"] and (tmp_path / "x.csv").read_text() == "old"


def test_csv_text_on_stdout_is_neutralised_too():
    from dxmap._sheets import csv_text

    text = csv_text(pd.DataFrame({"a": ["\r=1+1", "ok"]}))
    assert text == "a\n\"'\n=1+1\"\nok\n"


def test_neutralise_takes_arrow_text_columns_even_when_all_missing():
    frame = pd.DataFrame({"empty": pd.Series([None, None], dtype="string[pyarrow]"),
                          "text": pd.Series(["=1+1", None], dtype="string[pyarrow]"),
                          "str": pd.Series([None, "@x"], dtype="str"), "n": [-1, 2]})
    out = neutralise(frame)
    assert out["empty"].isna().all() and out["text"].tolist()[0] == "'=1+1" and pd.isna(out["text"].iloc[1])
    assert out["str"].tolist()[1] == "'@x" and out["n"].tolist() == [-1, 2]


def test_every_table_writer_neutralises_formulas(tmp_path, demo):
    """The outcomes (CSV, XLSX), the summary CSV and the change CSV: text from users stays text."""
    from dxmap.gaps.analysis import analyse
    from dxmap.gaps.change import compare, write_change
    from dxmap.reconcile.outcomes import write_outcomes
    from dxmap.render.tables import write_summary_csv

    outcomes = demo.outcomes.head(len(PAYLOADS)).copy()
    outcomes["note"] = pd.Series(PAYLOADS, index=outcomes.index, dtype="string[pyarrow]")
    outcomes["source"] = pd.Series(pd.NA, index=outcomes.index, dtype="string[pyarrow]")  # all missing
    communes = demo.communes.copy()
    communes["district_name"] = PAYLOADS[6]
    data = type(demo)(communes=communes, records=demo.records, districts=demo.districts, villages=demo.villages,
                      outcomes=demo.outcomes)
    write_outcomes(outcomes, tmp_path / "o.csv")
    write_outcomes(outcomes, tmp_path / "o.xlsx")
    write_summary_csv(analyse(data).status, tmp_path / "s.csv")
    write_change(compare(data, compare_to="2024-03-31"), tmp_path / "c.csv")
    for name in ("o.csv", "s.csv", "c.csv"):
        with open(tmp_path / name, encoding="utf-8-sig", newline="") as fh:
            cells = [c for row in csv.reader(fh) for c in row]
        live = [c for c in cells if c.startswith(FORMULA_START) and not c.lstrip("+-").replace(".", "").isdigit()]
        assert not live and "'" + PAYLOADS[6] in cells, (name, live)
    ws = openpyxl.load_workbook(tmp_path / "o.xlsx")["report"]
    assert not [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert PAYLOADS[6] in [c.value for row in ws.iter_rows() for c in row]

"""One status report in the four forms provinces send (tests/data/forms/make_forms.py): the same units and statuses.

(a) long CSV with day-first dates, (b) wide XLSX with title rows, merged headers, one "Mạng LAN
chuẩn" column, a total row and no date column, (c) wide XLSX of villages with x-marked "Có | Chưa
có" sub-columns under merged technology headers, (d) UTF-16 "Unicode Text" with title rows.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import dxmap
from dxmap.cli import main

HERE = Path(__file__).parent
_spec = importlib.util.spec_from_file_location("make_forms", HERE / "data" / "forms" / "make_forms.py")
forms = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("make_forms", forms)  # its dataclasses look their module up
_spec.loader.exec_module(forms)

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning", "ignore::UserWarning")


@pytest.fixture(scope="session")
def paths(tmp_path_factory) -> dict[str, Path]:
    return forms.write_all(tmp_path_factory.mktemp("forms"))


@pytest.fixture(scope="module")
def layers():
    return dxmap.bundled_communes(), dxmap.as_villages(dxmap.read_boundaries(forms.SAMPLE_VILLAGES))


def _read(paths, form: str) -> pd.DataFrame:
    return dxmap.read_records(paths[form], as_of=forms.RECORDS_DATE if form == "b" else None)


def _lines(report: pd.DataFrame) -> list[dict]:
    out = []
    for r in report.itertuples():
        line = {"row": int(r.row), "technology": r.technology if isinstance(r.technology, str) else None,
                "outcome": r.outcome, "unit_id": r.unit_id if isinstance(r.unit_id, str) else None}
        if r.outcome == "matched":
            line |= {"status": r.status, "as_of": r.as_of.date().isoformat()}
        out.append(line)
    return out


def test_the_corpus_is_32_real_communes_with_villages():
    units = forms.units()
    assert len(units) == 32 and len({u.district for u in units}) == 9
    assert sum(len(u.villages) for u in units) == 48
    codes = set(dxmap.bundled_communes()["code"])
    assert all(u.code in codes for u in units)


@pytest.mark.parametrize("form", ["a", "b", "c", "d"])
def test_every_line_of_every_form(paths, layers, form):
    """Each line the check reports: the row a person sees, technology, outcome, unit, status and date."""
    report = dxmap.reconcile(_read(paths, form), *layers)
    assert _lines(report) == forms.expected(form)


def test_the_forms_expected_lines_say_what_each_form_holds():
    counts = {f: pd.DataFrame(forms.expected(f)).fillna({"technology": "-"}).value_counts(["technology", "outcome"])
              .to_dict() for f in "abcd"}
    # a, d: a line per LAN record (5 of them with a blank status: unknown), mobile and fibre per village
    assert counts["a"] == counts["d"] == {("mobile", "matched"): 48, ("fibre", "matched"): 40, ("lan", "matched"): 32}
    # b: 27 communes with a LAN word; 5 blank (no record), 10 district headings and the total row: ignored
    assert counts["b"] == {("lan", "matched"): 27, ("-", "ignored"): 16}
    assert counts["c"] == {("mobile", "matched"): 48, ("fibre", "matched"): 40, ("-", "ignored"): 1}  # the total row
    dates = {e["as_of"] for e in forms.expected("a")}
    assert dates == {"2024-06-30", "2024-06-05", "2024-06-01", "2024-06-12"}  # 05/06, 1/6 and 12/06 read day first


def _picture(data: dxmap.Dataset) -> dict[tuple[str, str], str]:
    status = dxmap.analyse(data, as_of="2024-06-30").status
    wanted = forms.statuses()
    keyed = status.set_index(["unit_id", "technology"])["status"]
    return {k: keyed[k] for k in wanted}


def test_every_form_gives_the_same_units_and_statuses(paths):
    villages = forms.SAMPLE_VILLAGES
    long_csv = _picture(dxmap.read_dataset([paths["a"]], villages=villages))
    unicode_text = _picture(dxmap.read_dataset([paths["d"]], villages=villages))
    # the two wide workbooks together, one of them without a date column: mixed forms across files
    wide = _picture(dxmap.read_dataset([paths["b"], paths["c"]], villages=villages, as_of=forms.RECORDS_DATE))
    assert long_csv == unicode_text == wide == forms.statuses()
    assert pd.Series(wide).value_counts().to_dict() == {"covered": 67, "none": 34, "unknown": 13, "weak": 10, "planned": 4}


def test_check_on_mixed_forms_reports_every_sheet_row(paths, tmp_path):
    out = tmp_path / "outcomes.csv"
    result = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(paths["b"]), "--records", str(paths["c"]),
                                       "--records", str(paths["d"]), "--records-date", "30/06/2024",
                                       "--villages", str(forms.SAMPLE_VILLAGES), "--outcomes", str(out), "-q"])
    assert result.exit_code == 1, result.output  # d repeats c's village records: duplicates
    table = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert table["file"].value_counts().to_dict() == {forms.FILES["d"]: 120, forms.FILES["c"]: 89, forms.FILES["b"]: 43}
    b = table[table["file"].eq(forms.FILES["b"])]
    assert b["row"].astype(int).tolist() == [e["row"] for e in forms.expected("b")]  # every sheet row, once
    assert set(table.loc[table["file"].eq(forms.FILES["d"]), "outcome"]) == {"matched", "duplicate"}


def test_check_on_one_wide_sheet_with_only_the_date_given(paths, tmp_path):
    result = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(paths["b"]), "--records-date", "2024-06-30", "-q"])
    assert result.exit_code == 0, result.output
    assert "43 records: matched 27, unmatched 0, ambiguous 0, duplicate 0, conflict 0, ignored 16, invalid 0" in result.output
    missing_date = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(paths["b"]), "-q"])
    assert missing_date.exit_code == 1
    assert "no date column. Pass the date of every record with --records-date 2024-06-30" in missing_date.stderr

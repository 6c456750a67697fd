"""Reconciliation outcomes on the hand-made fixtures: code, name, location, and every failure kind."""

from __future__ import annotations

import pandas as pd
import pytest

import dxmap
from dxmap.io.records import as_records
from dxmap.reconcile.match import outcome_counts


@pytest.fixture(scope="module")
def layers(data_dir):
    communes = dxmap.as_communes(dxmap.read_boundaries(data_dir / "communes.geojson"))
    villages = dxmap.as_villages(dxmap.read_boundaries(data_dir / "villages.geojson"))
    return communes, villages


def _records(rows: list[dict]) -> pd.DataFrame:
    base = {"technology": "lan", "status": "none", "as_of": "2024-06-30"}
    return as_records(pd.DataFrame([{**base, **r} for r in rows]))


def test_fixture_file_outcomes(layers, data_dir):
    communes, villages = layers
    report = dxmap.reconcile(dxmap.read_records(data_dir / "records.csv"), communes, villages)
    assert len(report) == 9
    by_row = report.set_index("row")
    # row numbers are the lines a person sees (header = line 1)
    assert by_row.loc[3, "unit_id"] == "00002" and by_row.loc[3, "method"] == "code"  # "2" → "00002"
    assert by_row.loc[4, "unit_id"] == "00003" and by_row.loc[4, "method"] == "name"  # Tân Lập in Tây Sơn
    assert by_row.loc[7, "unit_id"] == "00001-002" and by_row.loc[7, "method"] == "name"  # Bản Đán by name
    assert by_row.loc[8, "unit_id"] == "00002-001"  # "thon 01" = "Thôn 1"
    assert by_row.loc[10, "outcome"] == "unmatched"
    assert "09999" in by_row.loc[10, "reason"]
    assert outcome_counts(report) == {"matched": 8, "unmatched": 1, "ambiguous": 0, "duplicate": 0,
                                            "conflict": 0, "ignored": 0, "invalid": 0}


def test_xlsx_reads_like_csv(layers, data_dir):
    communes, villages = layers
    csv = dxmap.reconcile(dxmap.read_records(data_dir / "records.csv"), communes, villages)
    xlsx = dxmap.reconcile(dxmap.read_records(data_dir / "records.xlsx", sheet="Hiện trạng"), communes, villages)
    cols = ["row", "outcome", "unit_id", "method", "status", "technology"]
    pd.testing.assert_frame_equal(csv[cols].astype(str), xlsx[cols].astype(str))


def test_name_shared_by_two_districts_is_ambiguous_without_district(layers):
    communes, villages = layers
    report = dxmap.reconcile(_records([{"commune_name": "Tân Lập"}, {"commune_name": "Xã Tân Lập", "district_name": "dong son"}]),
                             communes, villages)
    assert report["outcome"].tolist() == ["ambiguous", "matched"]
    assert "00002" in report.loc[0, "reason"] and "00003" in report.loc[0, "reason"]
    assert report.loc[1, "unit_id"] == "00002"


def test_diacritics_and_d_folding(layers):
    communes, villages = layers
    report = dxmap.reconcile(_records([{"commune_name": "dong tam"}, {"commune_name": "ĐỒNG TÂM"}]), communes, villages)
    assert report["unit_id"].tolist() == ["00001", "00001"]


def test_location_match_and_outside(layers):
    communes, villages = layers
    report = dxmap.reconcile(_records([{"lon": "104.25", "lat": "22.05"}, {"lon": "105.5", "lat": "22.05"}]), communes, villages)
    assert report.loc[0, "unit_id"] == "00003" and report.loc[0, "method"] == "location"
    assert report.loc[1, "outcome"] == "unmatched" and "outside" in report.loc[1, "reason"]


def test_duplicates_conflicts_and_ignored(layers):
    communes, villages = layers
    report = dxmap.reconcile(_records([
        {"commune_code": "00001"},
        {"commune_code": "1", "note": "again"},  # same unit, technology, date, another note → duplicate of the first
        {"commune_code": "00001", "commune_name": "Bắc Sơn"},  # code and name disagree
        {"level": "commune", "commune_code": "00004", "technology": "fibre"},  # fibre is counted per village
        {"level": "village", "commune_code": "00001", "village_id": "00002-001", "technology": "mobile"},
    ]), communes, villages)
    assert report["outcome"].tolist() == ["matched", "duplicate", "conflict", "ignored", "conflict"]
    assert "row 0" in report.loc[1, "reason"]  # the DataFrame's index (QA69 F2; was "row 2", as a CSV line)
    assert "Đồng Tâm" in report.loc[2, "reason"]
    assert "per village" in report.loc[3, "reason"]


def test_village_records_without_village_layer_are_reported(layers):
    communes, _ = layers
    report = dxmap.reconcile(_records([{"level": "village", "commune_code": "00001", "village_name": "Thôn 1",
                                        "technology": "mobile"}]), communes, None)
    assert report.loc[0, "outcome"] == "unmatched" and "no village list" in report.loc[0, "reason"]


def test_unknown_village_name_and_id(layers):
    communes, villages = layers
    report = dxmap.reconcile(_records([
        {"commune_code": "00001", "village_name": "Thôn 7", "technology": "fibre"},
        {"commune_code": "00001", "village_id": "00001-099", "technology": "fibre"},
    ]), communes, villages)
    assert report["outcome"].tolist() == ["unmatched", "unmatched"]
    assert "Thôn 7" in report.loc[0, "reason"] and "00001-099" in report.loc[1, "reason"]


def test_reconcile_does_not_mutate_inputs(layers, data_dir):
    communes, villages = layers
    records = dxmap.read_records(data_dir / "records.csv")
    before = (records.copy(), communes.copy(), villages.copy())
    dxmap.reconcile(records, communes, villages)
    pd.testing.assert_frame_equal(records, before[0])
    pd.testing.assert_frame_equal(communes, before[1])
    pd.testing.assert_frame_equal(villages, before[2])


def test_demo_reconciles_completely(demo):
    counts = outcome_counts(demo.outcomes)
    assert counts["matched"] == len(demo.records) == 6497
    # the Sa Pa ward "Sa Pa" vs "Sa Pả": written with diacritics, a name-only record picks the right one
    assert set(demo.outcomes["method"]) == {"code", "name"}


def test_rows_the_reader_could_not_read_are_invalid_and_kept(layers, data_dir):
    communes, villages = layers
    records = dxmap.read_records(data_dir / "records.csv")
    records["problem"] = pd.Series(pd.NA, index=records.index, dtype="string")
    records.loc[0, "problem"] = "status 'Broadband' is not a status word (accepted: covered, weak, none, planned, unknown)"
    report = dxmap.reconcile(records, communes, villages)
    assert len(report) == len(records)
    assert report.loc[0, "outcome"] == "invalid" and report.loc[0, "reason"].startswith("status 'Broadband'")
    assert outcome_counts(report)["invalid"] == 1
    status = dxmap.unit_status(report, communes, villages)
    assert len(status)  # invalid rows are skipped by the status, never counted


@pytest.mark.parametrize("lang, also", [("en", "; also, "), ("vi", "; ngoài ra, ")])
def test_an_invalid_record_also_says_what_placing_it_finds(layers, lang, also):
    """A commune fixed the date and got the row back a second time for its village name (QA17 finding 12): an
    invalid record's reason now says as well what placing its unit finds, with suggestions; it stays invalid and
    is no duplicate of anything."""
    communes, villages = layers
    records = _records([
        {"level": "village", "technology": "fibre", "commune_code": "00001", "village_name": "Ban Dan"},
        {"level": "village", "technology": "fibre", "commune_code": "00001", "village_name": "Bản Đán Xa"},
        {"commune_name": "Tân Lập"},  # two communes of that name
        {"commune_code": "00002"},  # placed: nothing more to say
        {"commune_code": "00002"},  # the same unit, date and technology: a duplicate, were it valid
        {},  # no unit at all
    ])
    records["problem"] = pd.Series("impossible date '31/06/2024'", index=records.index, dtype="string")
    report = dxmap.reconcile(records, communes, villages, lang=lang)
    assert report["outcome"].eq("invalid").all()
    reason = report["reason"].str.split(also, regex=False)
    assert reason.str[0].eq("impossible date '31/06/2024'").all()
    assert reason.str.len().tolist() == [1, 2, 2, 1, 1, 2]
    assert "Bản Đán Xa" in reason[1][1] and "00002" in reason[2][1] and "00003" in reason[2][1]
    assert reason[5][1] == dxmap.labels.label("rsn_no_commune", lang)
    assert report["suggestions"].ne("").tolist() == [False, True, True, False, False, False]
    assert report["suggestions"][1].startswith("00001-002 Bản Đán")


def test_outcomes_xlsx_is_the_table_with_a_summary_frozen_header_filter_and_widths(layers, data_dir, tmp_path):
    import openpyxl

    from dxmap.reconcile.outcomes import outcome_table, write_outcomes

    communes, villages = layers
    report = dxmap.reconcile(dxmap.read_records(data_dir / "records.csv"), communes, villages)
    table = outcome_table(report)
    book = openpyxl.load_workbook(write_outcomes(report, tmp_path / "o.xlsx"))
    assert book.sheetnames == ["report", "summary"]
    ws = book["report"]
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == list(table.columns) and len(rows) == len(report) + 1 == 10
    last = ws.cell(row=1, column=len(table.columns)).column_letter
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:{last}10"
    column = {name: i for i, name in enumerate(rows[0])}
    assert [r[column["row"]] for r in rows[1:]] == report["row"].tolist()  # numbers, not text
    assert {type(r[column["row"]]) for r in rows[1:]} == {int}
    assert rows[1 + report.index[report["row"].eq(4)][0]][column["matched_name"]] == "Tân Lập"
    assert [r[column["reason"]] for r in rows[1:]].count(None) == 8  # matched rows: no reason, an empty cell
    assert all(ws.column_dimensions[c.column_letter].width >= 8 for c in ws[1])
    summary = {(r[0], r[1]): r[2] for r in book["summary"].iter_rows(min_row=2, values_only=True)}
    assert summary[("outcome", "matched")] == 8 and summary[("total", None)] == 9


def test_the_outcomes_summary_counts_the_names_spelt_otherwise(layers, tmp_path):
    """The summary sheet counted outcomes and methods, and not the records whose ``name_note`` asks for a correction."""
    import openpyxl

    from dxmap.reconcile.outcomes import write_outcomes

    communes, villages = layers
    report = dxmap.reconcile(_records([
        {"commune_code": "00001", "commune_name": "Đồng Tầm"},  # the layer's "Đồng Tâm", by its code
        {"commune_name": "Bắc Sởn", "district_name": "Tây Sơn"},  # the layer's "Bắc Sơn", by its name
        {"commune_code": "00002", "commune_name": "Tan Lap"},  # typed without diacritics: no note
    ]), communes, villages)
    assert report["name_note"].ne("").tolist() == [True, True, False]
    book = openpyxl.load_workbook(write_outcomes(report, tmp_path / "o.xlsx"))
    rows = list(book["summary"].iter_rows(min_row=2, values_only=True))
    assert rows[-2:] == [("name_note", "name spelt otherwise in the layer", 2), ("total", None, 3)]
    write_outcomes(report, tmp_path / "o.csv")  # the CSV is the table alone, as before
    assert len(pd.read_csv(tmp_path / "o.csv", encoding="utf-8-sig")) == 3


def test_the_outcomes_table_says_why_once(demo):
    """``reason`` says why a row was ignored or invalid; the reader's ``ignore_reason`` and ``problem`` (always in
    read_records' result) are not repeated beside it."""
    from dxmap.reconcile.outcomes import outcome_table

    assert {"ignore_reason", "problem"} <= set(demo.outcomes.columns)
    table = outcome_table(demo.outcomes)
    assert "reason" in table.columns and not {"ignore_reason", "problem"} & set(table.columns)
    assert len(table) == len(demo.outcomes)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_write_outcomes_never_writes_over_the_records_file(layers, data_dir, tmp_path, suffix):
    """QA20 finding M4: ``write_outcomes(outcomes, "bao_cao.xlsx")`` replaced the district's workbook it was read from."""
    import shutil

    from dxmap.errors import OutputFileError

    records_file = tmp_path / f"bao_cao{suffix}"
    shutil.copy(data_dir / f"records{suffix}", records_file)
    before = records_file.read_bytes()
    communes, villages = layers
    outcomes = dxmap.reconcile(dxmap.read_records(records_file), communes, villages)
    with pytest.raises(OutputFileError, match=rf"read from a file of that name \(bao_cao{suffix}\).*bao_cao_outcomes"):
        dxmap.write_outcomes(outcomes, records_file)
    assert records_file.read_bytes() == before
    elsewhere = tmp_path / "ket_qua" / records_file.name  # the same name in another folder: an earlier run's outcomes
    elsewhere.parent.mkdir()
    for _ in range(2):  # written, then written over by the next run
        assert dxmap.write_outcomes(outcomes, elsewhere, lang="vi") == elsewhere
    assert len(pd.read_excel(elsewhere) if suffix == ".xlsx" else pd.read_csv(elsewhere)) == len(outcomes)


def test_suggestion_scores_are_said_as_likeness_in_vietnamese():
    """QA19 finding 9: "02701-018 Bản Ngán Tà (86)" in the file sent to a commune: a bare 86 said nothing."""
    from dxmap.reconcile.outcomes import outcome_table, suggestion_words

    text = "02692 A Lù (90); 02683 Bát Xát (57); 03076 Nậm Chầy, huyện Văn Bàn (100)"
    assert suggestion_words(text, "vi") == ("02692 A Lù (giống 90%); 02683 Bát Xát (giống 57%); 03076 Nậm Chầy, "
                                            "huyện Văn Bàn (giống 100%)")
    assert suggestion_words(text, "en") == text and suggestion_words("", "vi") == ""
    table = pd.DataFrame({"file": ["a.csv"], "row": [2], "outcome": ["unmatched"], "suggestions": [text]})
    assert outcome_table(table, lang="vi")["Gợi ý"].iloc[0].endswith("(giống 100%)")
    assert outcome_table(table)["suggestions"].iloc[0] == text


def test_the_outcomes_summary_counts_former_communes_of_another_commune_on_their_own_row(tmp_path):
    """QA68 N4: a note "xã cũ A Lù nay thuộc Y Tý, không thuộc Bát Xát" (a row's former commune is another commune's)
    was counted as a name "tên viết khác với danh mục"; a note may hold both kinds, "; "-joined."""
    import openpyxl
    from click.testing import CliRunner

    from dxmap.cli import main
    from dxmap.labels import label
    from dxmap.reconcile.outcomes import _summary_sheet

    path = tmp_path / "bx.csv"
    path.write_text("Xã,Xã cũ,Thôn/bản,Di động,Cáp quang,Ngày\n"
                    "Xã Bát Xát,A Lù,Bản Lao Chải,Có,Chưa có,18/11/2026\n"
                    "Xã Bát Xát,Bản Vược,Bản Mế,Có,Chưa có,18/11/2026\n", encoding="utf-8")
    for lang, spelt, former in (("vi", "tên viết khác với danh mục", "xã cũ không thuộc xã ghi ở dòng"),
                                ("en", "name spelt otherwise in the layer",
                                 "former commune not one of the row's commune's")):
        out = tmp_path / f"kq_{lang}.xlsx"
        result = CliRunner().invoke(main, ["check", "--records", str(path), "--records-version", "2025-07",
                                           "--outcomes", str(out), "-q", "--lang", lang])
        assert result.exit_code == 0, result.output
        sheet = openpyxl.load_workbook(out).worksheets[1]
        notes = {r[1]: r[2] for r in sheet.iter_rows(min_row=2, values_only=True)
                 if r[0] == label("chk_sum_note", lang)}
        assert notes == {spelt: 0, former: 2}  # was {spelt: 2}
    joined = pd.DataFrame({"outcome": "matched", "method": "name", "name_note": [
        "commune name spelt 'Đồng Tâm' in the layer; former commune A Lù is now part of Y Tý, not of Bát Xát: correct "
        "the commune or the former commune",
        "tên xã trong danh mục viết là 'Đồng Tâm'", "A Lù không phải xã cũ của Bát Xát: hãy sửa tên xã hoặc tên xã cũ",
        "a note of some other kind", ""]})
    rows = _summary_sheet(joined, "en")
    notes = rows[rows["what"].eq("name_note")].set_index("value")["records"].to_dict()
    assert notes == {"name spelt otherwise in the layer": 3, "former commune not one of the row's commune's": 2}


def test_the_spelt_line_and_the_summary_read_a_note_s_kinds_alike():
    """One reading of a ``name_note`` (either language, kinds "; "-joined) serves the console's line of names spelt
    otherwise and the summary sheet's counts: the layer's spelling, per level, and whether a former commune of
    another commune."""
    from dxmap.reconcile.outcomes import _note_kinds, _spelt_line

    rows = pd.DataFrame({"file": "r.csv", "row": range(2, 7), "outcome": "matched", "commune_name": "Dồng Tâm",
                         "village_name": "Thôn 1", "name_note": [
                             "commune name spelt 'Đồng Tâm' in the layer; former commune A Lù is now part of Y Tý, "
                             "not of Bát Xát: correct the commune or the former commune",
                             "tên thôn/bản trong danh mục viết là 'Thôn Một'",
                             "A Lù không phải xã cũ của Bát Xát: hãy sửa tên xã hoặc tên xã cũ",
                             "a note of some other kind", ""]})
    kinds = _note_kinds(rows["name_note"])
    assert kinds["commune"].tolist()[:2] == ["Đồng Tâm", pd.NA] and kinds["commune"].iloc[2:].isna().all()
    assert kinds["village"].iloc[1] == "Thôn Một" and kinds["village"].drop(1).isna().all()
    assert kinds["former"].tolist() == [True, False, True, False, False]
    assert kinds["spelt"].tolist() == [True, True, False, True, False]  # a note of no known kind, as before
    assert _spelt_line(rows, "en") == ("2 matched by a name spelt differently from the layer: 'r.csv row 2 Dồng Tâm "
                                       "→ Đồng Tâm', 'r.csv row 3 Thôn 1 → Thôn Một'")

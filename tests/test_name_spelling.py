"""A record matched by a name, or by a code and a name, whose diacritics the layer spells otherwise says so
(``name_note``); a name typed without diacritics, or differing only in case, spacing, tone-mark placement or a unit
word, does not."""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

import dxmap
from dxmap.cli import main
from dxmap.io.bundled import data_dir as bundled_data
from dxmap.io.records import as_records
from dxmap.reconcile.outcomes import format_outcomes, outcome_table

NAM_BUNG = "commune name spelt 'Nậm Búng' in the layer"
YEN_BAI = "boundaries/yenbai_communes_2025-01_derived.geojson"


@pytest.fixture(scope="module")
def yenbai():
    """Yên Bái's 168 communes of 2025-01 (bundled, real): Văn Chấn holds Xã Nậm Búng (04633)."""
    return dxmap.as_communes(dxmap.read_boundaries(bundled_data() / YEN_BAI))


@pytest.fixture(scope="module")
def layers(data_dir):
    """The hand-made layers: Đồng Tâm (00001) holds the villages Thôn 1 and Bản Đán; Bắc Sơn (00004) Tổ dân phố 2."""
    communes = dxmap.as_communes(dxmap.read_boundaries(data_dir / "communes.geojson"))
    villages = dxmap.as_villages(dxmap.read_boundaries(data_dir / "villages.geojson"))
    return communes, villages


def _records(rows: list[dict], **base: str) -> pd.DataFrame:
    """One record per row, each of its own date: none is a duplicate of another."""
    base = {"technology": "lan", "status": "none", **base}
    return as_records(pd.DataFrame([{**base, "as_of": f"2024-06-{i + 1:02d}", **r} for i, r in enumerate(rows)]))


def _van_chan(*names: str) -> pd.DataFrame:
    return _records([{"commune_name": n} for n in names], district_name="Văn Chấn")


def test_nam_bung_is_matched_and_told_how_the_layer_spells_it(yenbai):
    """Yên Bái QA: "Nậm Bùng" matched the layer's "Nậm Búng" by name, and nothing said the spelling differed."""
    records = _van_chan("Nậm Bùng", "Xã Nậm Bùng").assign(note=["checked by phone", pd.NA])
    out = dxmap.reconcile(records, yenbai)
    assert out["outcome"].tolist() == ["matched", "matched"] and out["method"].tolist() == ["name", "name"]
    assert out["unit_id"].tolist() == ["04633", "04633"] and out["matched_name"].tolist() == ["Nậm Búng"] * 2
    assert out["name_note"].tolist() == [NAM_BUNG, NAM_BUNG]
    assert out["note"].iloc[0] == "checked by phone" and pd.isna(out["note"].iloc[1])  # the sheet's own note, as read
    assert outcome_table(out).columns[11] == "name_note"  # after the suggestions
    lines = format_outcomes(out).splitlines()
    # a DataFrame's rows by its index (QA69 F2; were rows 2 and 3, as the lines of a CSV)
    assert lines[-1] == ("2 matched by a name spelt differently from the layer: 'records row 0 Nậm Bùng → Nậm Búng', "
                         "'records row 1 Xã Nậm Bùng → Nậm Búng'")


def test_a_name_without_diacritics_gets_no_note(yenbai):
    out = dxmap.reconcile(_van_chan("Nam Bung", "xa nam bung", "Nậm Bung"), yenbai)
    assert out["unit_id"].tolist() == ["04633"] * 3 and out["method"].eq("name").all()
    # "Nậm Bung": the word typed with diacritics is the layer's; the other is typed plain, as people do
    assert out["name_note"].tolist() == ["", "", ""]
    assert len(format_outcomes(out).splitlines()) == 2


def test_case_spacing_tone_placement_and_unit_words_get_no_note(yenbai):
    out = dxmap.reconcile(_van_chan("  NẬM   búng ", "Xã Nậm Búng", "xã nậm BÚNG"), yenbai)
    assert out["unit_id"].tolist() == ["04633"] * 3 and out["name_note"].tolist() == ["", "", ""]
    # the layer writes "Khánh Hoà": "Hòa" is the same spelling with the tone mark placed otherwise
    hoa = dxmap.reconcile(_records([{"commune_name": "Khánh Hòa"}], district_name="Lục Yên"), yenbai)
    assert hoa.loc[0, "unit_id"] == "04342" and hoa.loc[0, "name_note"] == ""


def test_an_exact_spelling_gets_no_note(yenbai, layers):
    out = dxmap.reconcile(_van_chan("Nậm Búng"), yenbai)
    assert out.loc[0, "method"] == "name" and out.loc[0, "name_note"] == ""
    communes, villages = layers
    village = dxmap.reconcile(_records([{"commune_code": "00001", "village_name": "Bản Đán"}], technology="fibre"),
                              communes, villages)
    assert village.loc[0, "unit_id"] == "00001-002" and village.loc[0, "name_note"] == ""


def test_a_village_spelt_otherwise(layers):
    communes, villages = layers
    out = dxmap.reconcile(_records([
        {"commune_code": "00001", "village_name": "Bản Đàn"},  # the layer's "Bản Đán"
        {"commune_code": "00001", "village_name": "ban dan"},  # typed without diacritics
        {"commune_code": "00001", "village_name": "THÔN  01"},  # "Thôn 1": case, spacing, a padded number
        {"commune_code": "00004", "village_name": "TDP số 2"},  # "Tổ dân phố 2": unit words
        {"commune_name": "Đồng Tầm", "district_name": "Đông Sơn", "village_name": "Bản Dán"},  # both names
    ], technology="fibre"), communes, villages)
    assert out["outcome"].eq("matched").all()
    assert out["unit_id"].tolist() == ["00001-002", "00001-002", "00001-001", "00004-002", "00001-002"]
    assert out["name_note"].tolist() == [
        "village name spelt 'Bản Đán' in the layer", "", "", "",
        "commune name spelt 'Đồng Tâm' in the layer; village name spelt 'Bản Đán' in the layer"]
    line = format_outcomes(out).splitlines()[-1]
    assert line == ("2 matched by a name spelt differently from the layer: 'records row 0 Bản Đàn → Bản Đán', "
                    "'records row 4 Đồng Tầm → Đồng Tâm; Bản Dán → Bản Đán'")  # the index (QA69 F2; was 2, 6)


def test_a_code_match_spelt_otherwise_gets_the_note_too(yenbai):
    """QA: "04633, Nậm Bùng" matched by its code said nothing of the spelling; by its name alone it did."""
    out = dxmap.reconcile(_records([
        {"commune_code": "04633", "commune_name": "Nậm Bùng"},
        {"commune_code": "04633", "commune_name": "Xã Nậm Bùng"},
        {"commune_code": "04633", "commune_name": "Nam Bung"},  # typed without diacritics
        {"commune_code": "04633", "commune_name": "  NẬM   búng "},  # case and spacing
        {"commune_code": "04633", "commune_name": "Xã Nậm Búng"},  # a unit word
        {"commune_code": "04342", "commune_name": "Khánh Hòa"},  # the layer's "Khánh Hoà": tone-mark placement
        {"commune_code": "04633"},  # no name
    ]), yenbai)
    assert out["outcome"].eq("matched").all() and out["method"].eq("code").all()
    assert out["name_note"].tolist() == [NAM_BUNG, NAM_BUNG, "", "", "", "", ""]
    assert format_outcomes(out).splitlines()[-1] == (
        "2 matched by a name spelt differently from the layer: 'records row 0 Nậm Bùng → Nậm Búng', "
        "'records row 1 Xã Nậm Bùng → Nậm Búng'")  # the DataFrame's index (QA69 F2; were rows 2 and 3)
    # another name altogether is a conflict, as before, and has no note
    other = dxmap.reconcile(_records([{"commune_code": "04633", "commune_name": "Nghĩa Tâm"}]), yenbai)
    assert other.loc[0, "outcome"] == "conflict" and other.loc[0, "name_note"] == ""


def test_a_village_id_match_spelt_otherwise_gets_the_note_too(layers):
    communes, villages = layers
    out = dxmap.reconcile(_records([
        {"village_id": "00001-002", "village_name": "Bản Đàn", "commune_code": "00001", "commune_name": "Đồng Tầm"},
        {"village_id": "00001-002", "village_name": "ban dan"},
        {"village_id": "00001-002", "village_name": "Thôn Đoàn Kết"},  # another village's name: a conflict (QA69 F1)
    ], technology="fibre"), communes, villages)
    assert out["outcome"].tolist() == ["matched", "matched", "conflict"]
    assert out["method"].iloc[:2].eq("code").all() and out["unit_id"].iloc[:2].eq("00001-002").all()
    assert out["reason"].iloc[2].startswith("village id 00001-002 is Bản Đán but the name says Thôn Đoàn Kết")
    assert out["name_note"].tolist() == [
        "commune name spelt 'Đồng Tâm' in the layer; village name spelt 'Bản Đán' in the layer", "", ""]


def test_records_not_matched_get_no_note(layers):
    """A copy is reported with its reason (a word-for-word copy: ignored, QA72 K12); the note is about the names of
    matched records."""
    communes, villages = layers
    out = dxmap.reconcile(as_records(pd.DataFrame([
        {"commune_code": "00001", "village_name": "Bản Đàn", "technology": "fibre", "status": "none", "as_of": "2024-06-30"},
        {"commune_code": "00001", "village_name": "Bản Đàn", "technology": "fibre", "status": "none", "as_of": "2024-06-30"},
    ])), communes, villages)
    assert out["outcome"].tolist() == ["matched", "ignored"]
    assert out["name_note"].tolist() == ["village name spelt 'Bản Đán' in the layer", ""]


def test_check_lists_the_rows_spelt_otherwise_in_one_line(tmp_path):
    sheet = tmp_path / "r.csv"
    sheet.write_text("Huyện,Xã,Mạng LAN chuẩn,Ngày\nVăn Chấn,Nậm Bùng,Chưa có,30/06/2024\n"
                     "Văn Chấn,Nam Bung,Có,31/03/2024\nVăn Chấn,Nghĩa Tâm,Có,30/06/2024\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(sheet), "--communes", str(bundled_data() / YEN_BAI),
                                       "--outcomes", str(tmp_path / "o.csv"), "-q"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "3 records: matched 3, unmatched 0, ambiguous 0, duplicate 0, conflict 0, ignored 0, invalid 0",
        "matched by: name 3",
        "1 matched by a name spelt differently from the layer: 'r.csv row 2 Nậm Bùng → Nậm Búng'"]
    written = pd.read_csv(tmp_path / "o.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert written["name_note"].tolist() == [NAM_BUNG, "", ""]

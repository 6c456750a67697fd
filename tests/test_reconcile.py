"""Reconciliation of messy records: every row of the corpus gets its expected outcome; nothing is lost."""

from __future__ import annotations

import logging
import unicodedata
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import dxmap
from dxmap.reconcile.match import Outcome
from dxmap.io.records import as_records
from dxmap.reconcile.match import outcome_counts
from dxmap.reconcile.named_villages import villages_from_records

MESSY = Path(__file__).parent / "data" / "messy"
EXPECTED = pd.read_csv(MESSY / "expected.csv", dtype=str, keep_default_na=False)
CORPUS = [("names_codes.csv", ""), ("provincial.xlsx", "Bát Xát"), ("provincial.xlsx", "Mường Khương"),
          ("legacy_tcvn3.csv", ""), ("legacy_vni.csv", ""), ("legacy_cp1258.csv", ""), ("abc_font.xlsx", "")]


@pytest.fixture(scope="module")
def units(demo):
    return demo.communes, demo.villages


@pytest.mark.parametrize("name,sheet", CORPUS)
def test_every_corpus_row_gets_its_expected_outcome(units, name, sheet):
    communes, villages = units
    rec = dxmap.read_records(MESSY / name, sheet=sheet or None)
    report = dxmap.reconcile(rec, communes, villages)
    expected = EXPECTED[(EXPECTED["file"] == name) & (EXPECTED["sheet"] == sheet)]
    assert len(report) == len(rec) == len(expected) > 0
    got = report.assign(row=report["row"].astype(str))
    merged = expected.merge(got, on="row", suffixes=("_expected", ""), validate="one_to_one")
    assert merged["outcome"].tolist() == merged["outcome_expected"].tolist()
    assert merged["unit_id"].fillna("").tolist() == merged["unit_id_expected"].tolist()
    assert merged["method"].fillna("").tolist() == merged["method_expected"].tolist()
    for r in merged.itertuples():
        if r.first_suggestion:
            assert r.suggestions.split(" ")[0] == r.first_suggestion, (r.row, r.suggestions)


def test_report_details_for_people(units):
    communes, villages = units
    report = dxmap.reconcile(dxmap.read_records(MESSY / "names_codes.csv"), communes, villages)
    by_row = report.set_index("row")
    # namesakes are named, and told apart by their district (QA17 finding 7)
    assert by_row.loc[11, "reason"] == ("commune name Thanh Bình fits several communes (02779 Thanh Bình, Mường "
                                        "Khương district; 03022 Thanh Bình, Sa Pa district); add the commune code "
                                        "or the district")
    assert by_row.loc[11, "suggestions"] == ("02779 Thanh Bình, Mường Khương district (100); 03022 Thanh Bình, Sa Pa "
                                             "district (100); 02977 Minh Tân (74)")
    assert by_row.loc[30, "reason"].startswith("commune name nam chay fits several communes (02770 Nậm Chảy, Mường "
                                               "Khương district; 03076 Nậm Chầy, Văn Bàn district)")
    assert "is not in the boundary set" in by_row.loc[15, "reason"]
    assert "02692 A Lù" in by_row.loc[15, "suggestions"]  # two digits swapped: one edit away
    assert by_row.loc[16, "reason"] == "same unit, technology and date as row 2 of names_codes.csv"  # another note
    assert "written for version 2025-07" in by_row.loc[25, "reason"]
    assert by_row.loc[23, "reason"] == ("the position (longitude, latitude) lies outside every commune; check the "
                                        "coordinates")
    assert by_row.loc[2, "matched_name"] == "A Lù" and by_row.loc[17, "matched_name"] == "Tổ dân phố 1"
    not_matched = report["outcome"].ne("matched")
    assert report.loc[~not_matched, "suggestions"].eq("").all()
    assert report.loc[not_matched, "method"].isna().all()
    for text in report.loc[report["outcome"].isin(["unmatched", "ambiguous", "conflict"]), "suggestions"]:
        parts = [p for p in text.split("; ") if p]
        assert len(parts) <= 3
        scores = [int(p.rsplit("(", 1)[1].rstrip(")")) for p in parts]
        assert scores == sorted(scores, reverse=True) and all(50 <= s <= 100 for s in scores)


def _strip(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def test_demo_records_without_diacritics_and_with_integer_codes_reconcile_fully(demo):
    raw = pd.read_csv(Path(dxmap.__file__).parent.parent / "data" / "sample" / "status_records.csv", dtype=str,
                      keep_default_na=False)
    messy = raw.copy()
    for col in ("commune_name", "district_name", "village_name"):
        messy[col] = messy[col].map(_strip)
    messy["commune_code"] = messy["commune_code"].map(lambda c: str(int(c)) if c else c)
    assert messy["commune_code"].str.startswith("0").sum() == 0 and messy["commune_name"].str.isascii().all()
    report = dxmap.reconcile(as_records(messy, where="stripped.csv"), demo.communes, demo.villages)
    assert outcome_counts(report)["matched"] == len(raw) == 6497
    assert report["unit_id"].tolist() == demo.outcomes["unit_id"].tolist()


def test_inputs_are_not_modified(units):
    communes, villages = units
    rec = dxmap.read_records(MESSY / "names_codes.csv")
    before_rec, before_communes = rec.copy(), communes.copy()
    dxmap.reconcile(rec, communes, villages)
    pd.testing.assert_frame_equal(rec, before_rec)
    pd.testing.assert_frame_equal(communes.drop(columns="geometry"), before_communes.drop(columns="geometry"))


# --- the accounting invariant ------------------------------------------------------------------------
_CODES = st.one_of(st.none(), st.sampled_from(["02692", "2692", "2692.0", "10.082.02692", "99999", "abc", "03001", "02647"]),
                   st.integers(0, 99999).map(str))
_NAMES = st.one_of(st.none(), st.sampled_from(["A Lù", "a lu", "Sa Pa", "Thanh Bình", "Tổng cộng", "Bản Vược", "xyz", ""]),
                   st.text(alphabet="aàbcdđeêghiklmnoôơpqrstuưvxy 01", max_size=12))
_VILLAGES = st.one_of(st.none(), st.sampled_from(["Thôn 1", "Bản Khấu", "TDP 01", "nowhere"]))
_ROW = st.fixed_dictionaries({
    "commune_code": _CODES, "commune_name": _NAMES, "district_name": st.one_of(st.none(), st.sampled_from(["Bát Xát", "Sa Pa", "x"])),
    "village_id": st.one_of(st.none(), st.sampled_from(["02692-001", "02692-999"])), "village_name": _VILLAGES,
    # An unknown technology is an input error (raised); a row without technology and status is a heading.
    "tech_status": st.sampled_from([("mobile", "covered"), ("fibre", "none"), ("lan", "chưa có"), ("4G", "weak"),
                                    ("LAN", ""), ("cáp quang", "planned"), ("", "")]),
    "as_of": st.sampled_from(["2024-03-31", "2024-06-30"]),
    "lon": st.one_of(st.none(), st.floats(103.4, 104.9).map(lambda v: f"{v:.4f}")),
    "lat": st.one_of(st.none(), st.floats(21.6, 22.9).map(lambda v: f"{v:.4f}")),
})


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_ROW, min_size=1, max_size=25))
def test_report_has_exactly_one_line_per_input_record(demo, rows):
    raw = pd.DataFrame(rows)
    pairs = raw.pop("tech_status")
    raw["technology"], raw["status"] = pairs.map(lambda p: p[0]), pairs.map(lambda p: p[1])
    raw = raw.fillna("").astype(str)
    rec = as_records(raw, where="random.csv")
    report = dxmap.reconcile(rec, demo.communes, demo.villages)
    assert len(report) == len(raw)
    assert report["row"].tolist() == list(raw.index)  # a DataFrame's rows by its index (QA69 F2; was index + 2)
    assert report["outcome"].isin([o.value for o in Outcome]).all()
    assert sum(outcome_counts(report).values()) == len(raw)
    matched = report["outcome"].eq("matched")
    assert report.loc[matched, "unit_id"].notna().all()
    assert (report.loc[~matched & report["outcome"].ne("ignored"), "reason"].str.len() > 0).all()


def test_ignored_rows_keep_their_reason_and_do_not_count_as_gaps(demo):
    rec = dxmap.read_records(MESSY / "provincial.xlsx", sheet="bat xat")
    report = dxmap.reconcile(rec, demo.communes, demo.villages)
    assert outcome_counts(report)["ignored"] == 2
    status = dxmap.unit_status(report, demo.communes, demo.villages, as_of="2024-06-30")
    assert len(status) == len(dxmap.unit_status(demo.outcomes, demo.communes, demo.villages, as_of="2024-06-30"))


def test_suggestions_scale(demo):
    # Suggestions are computed in bulk for the rows that did not match (rapidfuzz cdist), per parent unit.
    n = 3000
    names = np.array(["A Lu Xa", "Ban Vuocc", "Trinh Tuong x", "Y Tyy"])[np.arange(n) % 4]
    raw = pd.DataFrame({"commune_name": names, "district_name": "Bát Xát", "technology": "lan", "status": "none",
                        "as_of": pd.date_range("2010-01-01", periods=n).strftime("%Y-%m-%d")})
    report = dxmap.reconcile(as_records(raw), demo.communes, demo.villages)
    assert report["outcome"].eq("unmatched").sum() == n
    firsts = report["suggestions"].str.split(" ").str[0]
    assert firsts.tolist()[:4] == ["02692", "02710", "02695", "02701"]


# --- records as the layer writes them, and written differently ---------------------------------------


def test_records_with_codes_and_names_as_the_layer_writes_them_all_match(demo):
    records = demo.records[demo.records["commune_code"].notna()]  # (30 Sa Pa records give only a name)
    report = dxmap.reconcile(records, demo.communes, demo.villages)
    assert report["outcome"].eq("matched").all() and len(report) == 6467


def test_a_differently_written_name_with_its_code_matches(demo):
    records = demo.records[demo.records["commune_code"].notna()].reset_index(drop=True)
    records.loc[0, "commune_name"] = "xa duyen hai"  # folds to the layer's "Duyên Hải"
    report = dxmap.reconcile(records, demo.communes, demo.villages)
    assert report["outcome"].eq("matched").all()


def test_a_village_written_with_a_roman_numeral_or_another_unit_word_finds_the_layer_s_village(demo):
    """A sheet typed "TDP III", "Tổ DP 3" or "Tổ dân phố Iii" (Excel's PROPER) for the layer's Tổ dân phố 3 (village
    02635-003): one village. "Tổ dân phố Vĩ" is a name."""
    rows = pd.DataFrame({"level": "village", "commune_code": "02635", "technology": "fibre", "status": "none",
                         "village_name": ["TDP III", "Tổ DP 3", "Tổ dân phố Iii", "Tổ dân phố Vĩ"],
                         "as_of": ["2024-06-30", "2024-03-31", "2023-12-31", "2023-12-31"]})
    report = dxmap.reconcile(dxmap.as_records(rows), demo.communes, demo.villages)
    assert report["outcome"].tolist() == ["matched", "matched", "matched", "unmatched"]
    assert report["unit_id"].tolist()[:3] == ["02635-003"] * 3


def test_a_ward_named_by_a_roman_numeral_is_found_by_its_name_with_or_without_its_unit_word(demo):
    """QA38 H1: a layer's ward "III" (its full name "Phường III": the bundled layers keep names without their unit
    word) is the records' "Phường III", "P. III" and "Phường 3"."""
    communes = demo.communes.copy()
    at = communes["code"].eq("02641")
    communes.loc[at, "name"], communes.loc[at, "full_name"] = "III", "Phường III"
    rows = pd.DataFrame({"level": "commune", "commune_name": ["Phường III", "P. III", "Phường 3"], "technology": "lan",
                         "district_name": "Lào Cai", "status": "none", "as_of": ["2024-06-30", "2024-03-31", "2023-12-31"]})
    report = dxmap.reconcile(dxmap.as_records(rows), communes)
    assert report["outcome"].tolist() == ["matched"] * 3 and report["unit_id"].tolist() == ["02641"] * 3


def test_a_name_that_contradicts_the_code_is_a_conflict(demo):
    records = demo.records.copy()
    records.loc[1, "commune_name"] = "Cốc Lếu"  # the name of another commune
    report = dxmap.reconcile(records, demo.communes, demo.villages)
    assert outcome_counts(report)["conflict"] == 1
    assert report.loc[1, "reason"] == "commune code 02641 is Lào Cai but the name says Cốc Lếu"
    assert report.loc[1, "suggestions"].startswith("02644 Cốc Lếu (100)")


def test_a_village_name_that_contradicts_the_id_is_a_conflict(demo):
    """QA69 F1: a village id decided over a name of another village, silently; with a layer numbered in row order
    (no id column) and one village taken out, 12 records landed on the neighbouring village and 4 were discarded
    as duplicates."""
    rows = pd.DataFrame({"commune_code": "02692", "village_id": ["02692-002", "02692-003", "02692-002"],
                         "village_name": ["Thôn Phú Hà", "Bản Hoàn Toàn Khác", "bản nậm"], "technology": "fibre",
                         "status": "none", "as_of": "2024-06-30", "level": "village"})
    out = dxmap.reconcile(as_records(rows), demo.communes, demo.villages)
    assert out["outcome"].tolist() == ["conflict", "conflict", "matched"]  # "bản nậm" is Bản Nậm's name, typed so
    assert out.loc[0, "reason"] == ("village id 02692-002 is Bản Nậm but the name says Thôn Phú Hà: fix the id or the "
                                    "name (or clear the id to match by name)")

def test_ids_dxmap_numbered_give_way_to_the_names(demo, caplog):
    """QA70 N12: a layer without an id column, numbered in row order by as_villages, with one village taken out:
    its ids shifted under the records' and 12 records became conflicts telling the user to fix rows that were right
    by name. The names decide, one warning says why, and the taken-out village's 4 records are unmatched."""
    renumbered = dxmap.as_villages(demo.villages.drop(columns=["village_id"]).drop(index=[0]))
    with caplog.at_level("WARNING", logger="dxmap"):
        stale = dxmap.reconcile(demo.records, demo.communes, renumbered)
    assert {k: n for k, n in outcome_counts(stale).items() if n} == {"matched": 6493, "unmatched": 4}
    assert ("12 records give the village id of another village of the village layer, which has no id column, so "
            "dxmap numbered its villages in row order ('02635-001 Tổ dân phố 1', '02635-002 Tổ dân phố 2', "
            "'02635-003 Tổ dân phố 3'): looked up by their names instead.") in caplog.text


def test_a_name_spelt_a_little_otherwise_beside_its_id_or_code_is_matched_with_a_note(demo):
    """QA70 N1, N2: the id's own village with a letter off, a space lost, a note in brackets or i for y, and a commune
    with i for y, were conflicts; they are matched with the layer's spelling noted. Another village's name, another
    number, and a commune one letter off (its code may be a reused one) stay conflicts."""
    rows = pd.DataFrame({"commune_code": ["02692"] * 7 + ["02695", "02701", "02683"],
                         "village_id": ["02692-007", "02692-006", "02692-011", "02692-009", "02692-002", "02692-003",
                                        "02692-004", "02695-015", None, None],
                         "village_name": ["Bản Tủng Sáo", "Thôn Đá Đing", "BảnSảng", "Bản Mế (Mế Thượng)",
                                          "Thôn Phú Hà", "Bản Hoàn Toàn Khác", "Thôn 2", "Bản Tỉ Ngài", None, None],
                         "commune_name": [None] * 8 + ["Y Tí", "Bát Sát"],
                         "level": ["village"] * 8 + ["commune"] * 2, "technology": ["fibre"] * 8 + ["lan"] * 2,
                         "status": "none", "as_of": "2024-06-30"})
    out = dxmap.reconcile(as_records(rows), demo.communes, demo.villages)
    assert out["outcome"].tolist() == ["matched"] * 4 + ["conflict"] * 3 + ["matched"] * 2 + ["conflict"]
    assert out["name_note"].tolist()[:4] == [f"village name spelt '{n}' in the layer" for n in (
        "Bản Tủng Séo", "Thôn Đá Đinh", "Bản Sảng", "Bản Mế")]
    assert out.loc[7, "name_note"] == "village name spelt 'Bản Tỷ Ngài' in the layer"
    assert out.loc[8, "name_note"] == "commune name spelt 'Y Tý' in the layer"
    assert out.loc[9, "reason"] == "commune code 02683 is Bát Xát but the name says Bát Sát"


def test_a_village_record_of_yen_bai_without_villages_says_dxmap_bundles_none(demo):
    """QA: against the bundled Yên Bái communes the reason said only that no village layer was given, and a user who
    had seen the Lào Cai demo's villages looked for Yên Bái's among dxmap's files."""
    from dxmap.io.bundled import data_dir

    yenbai = dxmap.as_communes(dxmap.read_boundaries(data_dir() / "boundaries/yenbai_communes_2025-01_derived.geojson"))
    records = as_records(pd.DataFrame([{"level": "village", "commune_code": "04633", "village_name": "Bản Nậm Búng",
                                        "technology": "fibre", "status": "none", "as_of": "2024-06-30"}]))
    out = dxmap.reconcile(records, yenbai)
    assert out.loc[0, "outcome"] == "unmatched" and out.loc[0, "reason"] == (
        "a village record, but there is no village list of Yên Bái to check it against")
    laocai = dxmap.reconcile(records.assign(commune_code="02692"), demo.communes)
    assert laocai.loc[0, "reason"] == "a village record, but there is no village list to check it against"


def test_points_in_overlapping_village_polygons_are_ambiguous(data_dir):
    communes = dxmap.as_communes(dxmap.read_boundaries(data_dir / "communes.geojson"))
    villages = dxmap.as_villages(dxmap.read_boundaries(data_dir / "villages.geojson"))
    xy = shapely.get_coordinates(villages.geometry.values)
    villages["geometry"] = shapely.box(xy[:, 0] - 0.2, xy[:, 1] - 0.2, xy[:, 0] + 0.2, xy[:, 1] + 0.2)  # all overlap
    raw = pd.DataFrame({"level": "village", "commune_code": "00001", "technology": "fibre", "status": "none",
                        "as_of": "2024-06-30", "lon": "104.05", "lat": "22.05"}, index=[0])
    report = dxmap.reconcile(as_records(raw), communes, villages)
    assert report.loc[0, "outcome"] == "ambiguous"
    assert report.loc[0, "reason"] == ("the position (longitude, latitude) lies in several villages at once; add the "
                                       "village code")


def test_village_polygon_outside_the_commune_polygons_places_its_record(data_dir):
    communes = dxmap.as_communes(dxmap.read_boundaries(data_dir / "communes.geojson"))
    villages = dxmap.as_villages(dxmap.read_boundaries(data_dir / "villages.geojson"))
    xy = shapely.get_coordinates(villages.geometry.values)
    villages["geometry"] = shapely.box(xy[:, 0] - 0.005, xy[:, 1] - 0.005, xy[:, 0] + 0.005, xy[:, 1] + 0.005)
    villages.loc[7, "geometry"] = shapely.box(105.0, 23.0, 105.1, 23.1)  # 00004-002, far outside every commune
    raw = pd.DataFrame({"level": "village", "village_id": "not-in-the-layer", "technology": "fibre", "status": "none",
                        "as_of": "2024-06-30", "lon": "105.05", "lat": "23.05"}, index=[0])
    report = dxmap.reconcile(as_records(raw), communes, villages)
    assert report.loc[0, ["outcome", "unit_id", "matched_commune_code", "method"]].tolist() == [
        "matched", "00004-002", "00004", "location"]


def test_many_files_of_the_same_records_are_accounted_for(demo):
    # 20 copies of the demo records in 20 files: the first file's rows match, the later ones are duplicates.
    records = pd.concat([demo.records.assign(file=f"f{i:02d}.csv") for i in range(20)], ignore_index=True)
    report = dxmap.reconcile(records, demo.communes, demo.villages)
    counts = outcome_counts(report)
    assert len(report) == len(records) == 20 * 6497
    assert counts["matched"] == 6497 and counts["duplicate"] == 19 * 6497
    assert report.loc[6497 * 5 + 3, "reason"] == f"same unit, technology and date as row {demo.records.loc[3, 'row']} of f00.csv"
    assert report["unit_id"].tolist() == demo.outcomes["unit_id"].tolist() * 20
    assert report["matched_name"].notna().sum() == 6497


def test_a_duplicate_that_says_another_status_says_so(demo):
    """QA: two rows for one commune, date and technology, "Có" then "Chưa có": the first was kept silently."""
    rows = demo.records[demo.records["technology"].eq("lan")].head(2)
    twice = pd.concat([rows, rows.iloc[[0]].assign(status="none" if rows.iloc[0]["status"] != "none" else "covered",
                                                    row=99), rows.iloc[[1]].assign(row=98)], ignore_index=True)
    report = dxmap.reconcile(twice, demo.communes, demo.villages)
    assert report["outcome"].tolist() == ["matched", "matched", "duplicate", "ignored"]  # row 98: a copy (QA72 K12)
    first = rows.iloc[0]["status"]
    assert report.loc[2, "reason"].endswith(f"with another status ({twice.loc[2, 'status']} here, {first} there): "
                                            "the first is kept; correct one of them")
    assert "another status" not in report.loc[3, "reason"]


def test_a_row_copied_word_for_word_in_its_file_is_counted_once_and_said(demo, caplog):
    """QA72 K12: a row copied further down its sheet (sheets merged by hand) was a "duplicate" that stopped map, summary
    and report unless --allow-unmatched, which hides real mismatches too. A copy that differs in its note, or sits in
    another file (the same file given twice), is still a duplicate."""
    rows = demo.records[demo.records["technology"].eq("fibre")].head(2)
    copies = pd.concat([rows, rows.iloc[[0]].assign(row=99), rows.iloc[[1]].assign(row=98, note="checked again"),
                        rows.iloc[[0]].assign(row=97, file="other.csv")], ignore_index=True)
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        report = dxmap.reconcile(copies, demo.communes, demo.villages)
    assert report["outcome"].tolist() == ["matched", "matched", "ignored", "duplicate", "duplicate"]
    file, row = rows.iloc[0]["file"], rows.iloc[0]["row"]
    assert report.loc[2, "reason"] == (f"a word-for-word copy of row {row} of {file} (same unit, technology, date, "
                                       "status and note): counted once")
    assert report.loc[2, "unit_id"] == report.loc[0, "unit_id"]  # still placed: accounted for, not counted twice
    said = [r.getMessage() for r in caplog.records if "word for word" in r.getMessage()]
    assert said == [f"1 row copies an earlier row of its file word for word, counted once ({file} row 99 = row {row});"
                    " delete the copies from the file"]
    wide = pd.concat([copies.iloc[[0, 2]], copies.iloc[[0, 2]].assign(technology="mobile")], ignore_index=True)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="dxmap"):  # a wide sheet's line copied: one row, said once
        assert dxmap.reconcile(wide, demo.communes, demo.villages)["outcome"].tolist() == [
            "matched", "ignored", "matched", "ignored"]
    assert [r.getMessage() for r in caplog.records if "word for word" in r.getMessage()] == said
    status = dxmap.unit_status(report, demo.communes, demo.villages)
    assert status.equals(dxmap.unit_status(report.iloc[[0, 1]], demo.communes, demo.villages))


def test_a_commune_s_lan_merged_down_its_village_rows_is_read_once(tmp_path, demo):
    """QA39 M1: a sheet of villages whose LAN cell is merged (or copied) down each commune's villages made a
    duplicate LAN record per village, and every command stopped. The repeats are ignored, saying the row that gave
    the status; a repeat that says another status is still a duplicate. A village's row typed twice is counted once
    (QA72 K12)."""
    import openpyxl

    path = tmp_path / "thon.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Xã", "Thôn/bản", "Cáp quang", "Mạng LAN"])
    for row in (["Y Tý", "Thôn Phìn Hồ", "Có", "Chưa có"], ["Y Tý", "Thôn Sín Chải", "Chưa có", None],
                ["Y Tý", "Thôn Hồng Ngài", "Có", None], ["A Lù", "Bản Nậm", "Có", "Có"], ["A Lù", "Bản Pho", "Có", "Có"],
                ["A Lù", "Bản Phìn Chải", "Có", "Chưa có"], ["A Lù", "Bản Pho", "Có", "Có"]):
        ws.append(row)
    ws.merge_cells("D2:D4")  # Y Tý's LAN beside its three villages; A Lù's typed on each row, once otherwise
    wb.save(path)
    records = dxmap.read_records(path, as_of="2024-06-30")
    report = dxmap.reconcile(records, demo.communes, villages_from_records(records, demo.communes))
    lan = report[report["technology"].eq("lan")].set_index("row")
    assert lan["outcome"].to_dict() == {2: "matched", 3: "ignored", 4: "ignored", 5: "matched", 6: "ignored",
                                        7: "duplicate", 8: "ignored"}
    # said alike of a cell merged down the villages and of a long sheet's row per village (QA40 L2: "merged" was
    # said of both)
    assert lan.loc[3, "reason"] == ("lan is counted per commune: row 2 gives the commune this status, and this row "
                                    "only repeats it")
    assert "another status" in lan.loc[7, "reason"]
    fibre = report[report["technology"].eq("fibre")].set_index("row")["outcome"]
    assert fibre[8] == "ignored" and fibre.drop(8).eq("matched").all()  # Bản Pho copied: counted once (QA72 K12)


def test_a_commune_s_own_lan_row_after_its_villages_is_a_repeat_too_but_two_communes_never_are(tmp_path, demo):
    """QA40 M2: the commune's own row after its village rows stayed a duplicate; M5: two former communes now one
    2025-07 unit, each LAN on its village rows, were repeats of each other instead of the merged-units duplicate."""
    path = tmp_path / "order.csv"
    path.write_text("Mã xã,Thôn,Mạng LAN,Ngày\n02677,Thôn 1,Có,30/06/2024\n02677,Thôn 2,Có,30/06/2024\n"
                    "02677,,Có,30/06/2024\n02680,Thôn 1,Có,30/06/2024\n02680,Thôn 2,Có,30/06/2024\n", encoding="utf-8")
    records = dxmap.read_records(path)
    report = dxmap.reconcile(records, demo.communes)
    assert report["outcome"].tolist() == ["matched", "ignored", "ignored", "matched", "ignored"]
    from dxmap.io.bundled import bundled_crosswalk, bundled_units_2025

    moved = dxmap.reconcile(records, bundled_units_2025(), crosswalk=bundled_crosswalk(), records_version="2024")
    assert moved["unit_id"].nunique() == 1  # Tả Phời and Hợp Thành are one unit since July 2025
    assert moved["outcome"].tolist() == ["matched", "ignored", "ignored", "duplicate", "duplicate"]
    assert moved["reason"].iloc[3].endswith("their statuses are to be summed up together")


def test_a_commune_given_by_its_code_on_one_row_and_its_name_on_the_next_repeats_its_lan(tmp_path, demo):
    """QA41 M1: the commune's code on its own row and only its name on its villages' rows (or the other way round)
    made two communes of one, and the repeats duplicates; moved into the 2025-07 units, one former commune was
    taken for several."""
    path = tmp_path / "mixed.csv"
    path.write_text("Mã xã,Xã,Thôn,Mạng LAN,Ngày\n02677,Tả Phời,,Có,30/06/2024\n,Tả Phời,Thôn 1,Có,30/06/2024\n"
                    "02677,,Thôn 2,Có,30/06/2024\n", encoding="utf-8")
    records = dxmap.read_records(path)
    assert dxmap.reconcile(records, demo.communes)["outcome"].tolist() == ["matched", "ignored", "ignored"]
    from dxmap.io.bundled import bundled_crosswalk, bundled_units_2025

    moved = dxmap.reconcile(records, bundled_units_2025(), crosswalk=bundled_crosswalk(), records_version="2024")
    assert moved["outcome"].tolist() == ["matched", "ignored", "ignored"]
    twice = dxmap.as_records(pd.DataFrame({"commune_code": "02677", "technology": "lan", "status": ["covered", "none"],
                                           "as_of": "2024-06-30"}))  # QA42 N1: one former commune typed twice
    moved = dxmap.reconcile(twice, bundled_units_2025(), crosswalk=bundled_crosswalk(), records_version="2024")
    assert moved["outcome"].tolist() == ["matched", "duplicate"] and "former communes" not in moved["reason"][1]


def test_two_records_files_of_one_name_are_told_apart_and_never_repeats_of_each_other(tmp_path):
    """QA40 M1: d1/baocao.csv and d2/baocao.csv were both "baocao.csv", so the second file's LAN rows were taken for
    repeats of the first's and ignored."""
    for folder, village in (("d1", "Thôn 1"), ("d2", "Thôn 2")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "baocao.csv").write_text(f"Mã xã,Thôn,Mạng LAN,Ngày\n02677,{village},Có,30/06/2024\n",
                                                      encoding="utf-8")
    data = dxmap.read_dataset([tmp_path / "d1" / "baocao.csv", tmp_path / "d2" / "baocao.csv"])
    lan = data.outcomes[data.outcomes["technology"].eq("lan")]
    assert lan["file"].tolist() == ["d1/baocao.csv", "d2/baocao.csv"]
    assert lan["outcome"].tolist() == ["matched", "duplicate"]
    assert lan["reason"].iloc[1] == "same unit, technology and date as row 2 of d1/baocao.csv"
    from dxmap.errors import OutputFileError

    with pytest.raises(OutputFileError, match="the records were read from a file of that name"):  # QA41 H1
        dxmap.write_outcomes(data.outcomes, tmp_path / "d1" / "baocao.csv")



def test_two_records_files_of_one_name_are_told_apart_on_the_console_too(tmp_path, caplog):
    """QA41 L2/L4: the reader's lines named both files "baocao.csv" ("1 row has no date (row 3)": which file?); the
    outcomes said "d1/baocao.csv". They say it alike now, for sheets of workbooks too."""
    import openpyxl

    for folder, date in (("d1", ""), ("d2", "30/06/2024")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "baocao.csv").write_text(f"Mã xã,Mạng LAN,Ngày\n02677,Có,{date}\n", encoding="utf-8")
        book = openpyxl.Workbook()
        book.active.title = "Bát Xát"
        book.active.append(["Mã xã", "Mạng LAN", "Ngày"])
        book.active.append(["02680", "Có", date or None])
        book.create_sheet("Sa Pa").append(["Mã xã", "Mạng LAN", "Ngày"])
        book["Sa Pa"].append(["02681", "Có", "30/06/2024"])
        book.save(tmp_path / folder / "bieu.xlsx")
    with caplog.at_level(logging.INFO, logger="dxmap"):
        data = dxmap.read_dataset([tmp_path / d / f for d in ("d1", "d2") for f in ("baocao.csv", "bieu.xlsx")])
    said = [r.getMessage() for r in caplog.records]
    assert sum(m.startswith("d1/baocao.csv: 1 row has no date (row 2)") for m in said) == 1, said
    assert any(m.startswith("d1/bieu.xlsx [Bát Xát]: 1 row has no date (row 2)") for m in said), said
    assert any(m.startswith("d2/bieu.xlsx: 2 sheets hold records") for m in said), said
    assert not [m for m in said if m.startswith(("baocao.csv", "bieu.xlsx"))], said
    assert set(data.records["file"]) == {"d1/baocao.csv", "d2/baocao.csv", "d1/bieu.xlsx [Bát Xát]",
                                         "d1/bieu.xlsx [Sa Pa]", "d2/bieu.xlsx [Bát Xát]", "d2/bieu.xlsx [Sa Pa]"}
    with pytest.raises(dxmap.DxmapError, match="name: got an int 3, not text"):
        dxmap.read_records(tmp_path / "d1" / "baocao.csv", name=3)
    with pytest.raises(dxmap.DxmapError, match="name: got an empty text"):
        dxmap.read_records(tmp_path / "d1" / "baocao.csv", name=" ")


def test_a_records_file_in_the_working_folder_is_named_as_typed_beside_one_of_its_name(tmp_path, monkeypatch):
    """QA42: "baocao.csv" beside "d1/baocao.csv" was labelled with the working folder's own name."""
    (tmp_path / "d1").mkdir()
    for path in (tmp_path / "baocao.csv", tmp_path / "d1" / "baocao.csv"):
        path.write_text("Mã xã,Mạng LAN,Ngày\n02677,Có,30/06/2024\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    data = dxmap.read_dataset(["baocao.csv", "d1/../d1/baocao.csv"])
    assert data.outcomes["file"].tolist() == ["baocao.csv", "d1/baocao.csv"]


def test_a_commune_without_a_name_in_the_layer_is_found_by_its_code(demo):
    """A layer that leaves a commune's name blank: records giving its code and their own name match it by code,
    instead of each being a conflict with an empty name ("commune code 02635 is  but the name says ...")."""
    import dxmap

    communes = demo.communes.copy()
    communes.loc[communes["code"].eq("02635"), "name"] = None
    records = demo.records[demo.records["commune_code"].eq("02635") & demo.records["level"].eq("commune")]
    assert len(records)
    out = dxmap.reconcile(records, communes)
    assert out["outcome"].eq("matched").all() and out["method"].eq("code").all()


def test_a_table_typed_by_hand_is_refused_with_the_step_that_reads_it(demo):
    """Not a TypeError from deep inside: the missing columns and text dates are named, and how to read them."""
    table = pd.DataFrame({"commune_code": ["02692"], "commune_name": ["A Lù"], "technology": ["lan"], "status": ["none"],
                          "as_of": ["2024-06-30"]})
    with pytest.raises(dxmap.errors.SchemaError, match=r"records: missing columns \['level', .*'lat'\]; as_of holds .* not dates\. "
                                          r"Read a file with dxmap.read_records\(path\), or .*as_records"):
        dxmap.reconcile(table, demo.communes)
    assert dxmap.reconcile(as_records(table), demo.communes)["outcome"].tolist() == ["matched"]


def test_a_code_the_layer_does_not_hold_is_not_matched_by_the_name_alone():
    """Yên Bái QA: "04774, Xã Yên Bình" (merged away in 2024) was matched by name to 04714 Thị trấn Yên Bình, and Yên
    Bái records without --communes to Lào Cai namesakes. A code that is there but unknown makes it a conflict."""
    records = dxmap.as_records(pd.DataFrame({
        "commune_code": ["04774", "", "02695"], "commune_name": ["A Lù", "A Lù", "Trịnh Tường"], "technology": "lan",
        "status": "none", "as_of": "2024-06-30"}))
    out = dxmap.reconcile(records, dxmap.bundled_communes())
    assert out["outcome"].tolist() == ["conflict", "matched", "matched"]
    assert out["reason"].iloc[0] == ("commune code 04774 is not in the boundary set; the name fits 02692 A Lù: "
                                     "correct the code, or clear it to match by the name")
    assert out["method"].iloc[1] == "name" and out["method"].iloc[2] == "code"


def test_a_namesake_of_another_kind_is_not_offered_and_a_match_by_name_says_the_kind():
    """QA26: "04774, Xã Yên Bình" (merged away) was told to clear its code and match by the name, which then joined
    04714 Thị trấn Yên Bình without a word. The reason now says the namesake is another kind of unit. A name match
    across kinds (a commune since made a town: "xã" is also said of any commune, QA28) is noted with the layer's full
    name, and the namesake's own record of the same day is kept before it (QA27: it became the duplicate)."""
    records = dxmap.as_records(pd.DataFrame({
        "commune_code": ["09999", "", "", "09998", "02683", ""],
        "commune_name": ["Xã Bát Xát", "Xã Bát Xát", "TT. Bát Xát", "Bát Xát", "Xã Bát Xát", "Thị trấn Bát Xát"],
        "technology": "lan", "status": "none",
        "as_of": ["2024-06-30", "2024-06-30", "2024-03-31", "2024-06-30", "2023-12-31", "2024-06-30"]}))
    out = dxmap.reconcile(records, dxmap.bundled_communes())
    assert out["outcome"].tolist() == ["conflict", "duplicate", "matched", "conflict", "matched", "matched"]
    assert out["reason"].iloc[0] == ("commune code 09999 is not in the boundary set; the name is that of 02683 Thị trấn "
                                     "Bát Xát, which is not a xã: correct the code (the commune may have merged into "
                                     "another)")
    # the town's own row is kept; a DataFrame's rows are named by its index (QA69 F2; was "row 7", a CSV line)
    assert out["reason"].iloc[1].startswith("same unit, technology and date as row 5")
    assert out["reason"].iloc[3].endswith("the name fits 02683 Bát Xát: correct the code, or clear it to match by the name")
    alone = dxmap.reconcile(records.iloc[[1]], dxmap.bundled_communes())  # without it: matched, the kind noted
    assert alone["outcome"].tolist() == ["matched"]
    assert alone["name_note"].tolist() == ["commune name spelt 'Thị trấn Bát Xát' in the layer"]
    # its code decides (a commune since made a town): matched, the layer's full name noted
    assert out["name_note"].tolist()[2:5] == ["", "", "commune name spelt 'Thị trấn Bát Xát' in the layer"]
    vi = dxmap.reconcile(records.iloc[:1], dxmap.bundled_communes(), lang="vi")
    assert vi["reason"].iloc[0] == ("mã xã 09999 không có trong danh mục xã; tên trùng với 02683 Thị trấn Bát Xát, nhưng "
                                    "đơn vị này không phải xã: hãy sửa mã (xã có thể đã sáp nhập vào xã khác)")


def test_namesakes_of_two_kinds_are_told_apart_by_the_kind_the_name_says():
    """QA27: in Yên Bái, 04585 Thị trấn Trạm Tấu and 04600 Xã Trạm Tấu share a name. "TT. Trạm Tấu" was ambiguous,
    listed as "04585 Trạm Tấu; 04600 Trạm Tấu"; "04585, Xã Trạm Tấu" was matched by its code without a word, and
    "Thị xã Nghĩa Lộ" (a town of district rank) joined 04624 Xã Nghĩa Lộ."""
    from dxmap.io.bundled import data_dir

    communes = dxmap.as_communes(dxmap.read_boundaries(data_dir() / "boundaries" / "yenbai_communes_2025-01_derived.geojson"))
    names = ["TT. Trạm Tấu", "Xã Trạm Tấu", "Trạm Tấu", "Xã Trạm Tấu", "Thị xã Nghĩa Lộ", "P. Trung Tâm", "Huyện Yên Bình"]
    records = dxmap.as_records(pd.DataFrame({
        "commune_code": ["", "", "", "04585", "", "", ""], "commune_name": names, "technology": "lan", "status": "none",
        "as_of": "2025-01-31"}))
    out = dxmap.reconcile(records, communes)
    assert out["outcome"].tolist() == ["matched", "matched", "ambiguous", "conflict", "conflict", "matched", "conflict"]
    assert out["matched_commune_code"].tolist()[:2] == ["04585", "04600"] and out["matched_commune_code"].iloc[5] == "04285"
    assert "(04585 Thị trấn Trạm Tấu; 04600 Xã Trạm Tấu)" in out["reason"].iloc[2]
    assert out["reason"].iloc[3] == "commune code 04585 is Thị trấn Trạm Tấu but the name says Xã Trạm Tấu"
    assert out["reason"].iloc[4] == ("the name Thị xã Nghĩa Lộ says thị xã, a unit of district rank, not a commune; its "
                                     "namesake among the communes is 04624 Xã Nghĩa Lộ: give the commune's name (or code)")


def test_kind_words_typed_without_diacritics_are_kinds_in_a_name_typed_without_them():
    """QA28: "Xa Tram Tau" and "Thi tran Tram Tau" stayed ambiguous while "X. Trạm Tấu" and "TT Trạm Tấu" were matched,
    and "Thi xa Nghia Lo" joined Xã Nghĩa Lộ; "Xa Ho" (Xà Hồ typed plain) must still find 04594."""
    from dxmap.io.bundled import data_dir

    communes = dxmap.as_communes(dxmap.read_boundaries(data_dir() / "boundaries" / "yenbai_communes_2025-01_derived.geojson"))
    names = ["Xa Tram Tau", "Thi tran Tram Tau", "Phuong Trung Tam", "Xa Trung Tam", "Thi xa Nghia Lo", "Xa Ho",
             "Tram Tau", "H. Yên Bình"]  # and H. for Huyện, as addresses write it
    records = dxmap.as_records(pd.DataFrame({"commune_name": names, "technology": "lan", "status": "none",
                                             "as_of": "2025-01-31"}))
    out = dxmap.reconcile(records, communes)
    assert out["outcome"].tolist() == ["matched"] * 4 + ["conflict", "matched", "ambiguous", "conflict"]
    assert out["matched_commune_code"].tolist()[:4] == ["04600", "04585", "04285", "04372"]
    assert out["matched_commune_code"].iloc[5] == "04594"
    assert out["name_note"].iloc[5] == ""  # "Xa" only chooses among namesakes: no note that Xà Hồ is a xã


def test_names_that_begin_with_a_kind_word_typed_plain_are_names():
    """QA31: "Huyen Hoi" (Xã Huyền Hội typed without diacritics) was refused as a unit of district rank, and "Phuong
    Do" (Xã Phương Độ) was matched with a note that it is a xã."""
    from shapely.geometry import box

    communes = dxmap.as_communes(gpd.GeoDataFrame(
        {"code": ["00001", "00002", "00003"], "name": ["Huyền Hội", "Phương Độ", "Huyền Tụng"],
         "unit_type": ["Xã", "Xã", "Phường"], "district_code": "001", "district_name": "A"},
        geometry=[box(i, 0, i + 1, 1) for i in range(3)], crs=4326))
    records = dxmap.as_records(pd.DataFrame({"commune_name": ["Huyen Hoi", "Phuong Do", "Huyen Tung"],
                                             "technology": "lan", "status": "none", "as_of": "2025-01-31"}))
    out = dxmap.reconcile(records, communes)
    assert out["outcome"].tolist() == ["matched"] * 3 and out["name_note"].tolist() == [""] * 3


def test_a_district_code_in_the_district_column_is_its_code_and_an_unknown_district_is_named(tmp_path):
    """Yên Bái QA: "132" typed under "Huyện" was read as a district named "132"; a record in district 099, which the
    layer does not have, was said to name no commune Tân Thịnh."""
    p = tmp_path / "r.csv"
    p.write_text("Huyện,Tên xã,Mạng LAN chuẩn,Ngày\n082,A Lù,Có,30/6/2024\n099,A Lù,Có,30/6/2024\n"
                 "Huyện Mù Cang Chải,A Lù,Có,30/6/2024\n", encoding="utf-8")
    records = dxmap.read_records(p)
    assert records["district_code"].tolist()[:2] == ["082", "099"] and records["district_name"].isna().tolist()[:2] == [True, True]
    out = dxmap.reconcile(records, dxmap.bundled_communes())
    assert out["outcome"].tolist() == ["matched", "unmatched", "unmatched"]
    assert out["reason"].iloc[1] == ("district 099 is not in the boundary set: correct it, or clear it to find A Lù by "
                                     "its name alone")
    assert out["reason"].iloc[2].startswith("district Huyện Mù Cang Chải is not in the boundary set")


def test_a_village_record_whose_code_and_commune_name_disagree_is_shown_the_named_commune_s_villages(units):
    """QA: "commune code 02692 is A Lù but the name says Xã Y Tý" suggested a village of A Lù (score 51); the village
    "Thôn Sín Ly" is Y Tý's Bản Sín Ly."""
    communes, villages = units
    raw = pd.DataFrame([{"commune_code": "02692", "commune_name": "Xã Y Tý", "village_name": "Thôn Sín Ly",
                         "technology": "fibre", "status": "none", "as_of": "2024-06-30"}])
    report = dxmap.reconcile(as_records(raw, where="c.csv"), communes, villages)
    assert report.loc[0, "outcome"] == "conflict"
    assert report.loc[0, "suggestions"].startswith("02701 Y Tý (100); 02701-001 Bản Sín Ly (100)")


def test_a_position_that_finds_no_village_says_why():
    """QA22: a record with a longitude and latitude, checked against village points, was told it gave "no village
    code, name or position"; points hold no position, and a position outside every village polygon is said so."""
    demo = dxmap.demo_dataset()
    inside = demo.village_areas.geometry.iloc[0].representative_point()
    records = as_records(pd.DataFrame({"technology": ["mobile"], "status": "none", "as_of": "2024-06-30",
                                       "lon": [inside.x], "lat": [inside.y]}), where="p.csv")
    points = dxmap.reconcile(records, demo.communes, demo.villages)
    assert points["outcome"].tolist() == ["unmatched"]
    assert points["reason"].iloc[0] == ("mobile is counted per village; the row gives a position, but the village layer "
                                        "has points only, which no position falls in: add the village's name or code "
                                        "to this row")
    assert dxmap.reconcile(records, demo.communes, demo.village_areas)["outcome"].tolist() == ["matched"]
    holed = dxmap.reconcile(records, demo.communes, demo.village_areas.iloc[1:])  # its village's polygon left out
    assert holed["reason"].iloc[0] == ("mobile is counted per village; the row's position (longitude, latitude) lies "
                                       "in no village of its commune: check the position, or add the village's name "
                                       "or code")


def test_villages_kilometres_outside_their_commune_are_named(caplog):
    """QA29 M3: villages moved to Hà Nội, or a layer read in the wrong CRS (25 km off), were counted without a word."""
    demo = dxmap.demo_dataset()
    villages = demo.villages.copy()
    moved = villages.index[:2]
    villages.loc[moved, "geometry"] = gpd.points_from_xy([105.85, 106.70], [21.03, 10.78], crs=4326)  # Hà Nội, HCMC
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        dxmap.reconcile(demo.records.head(50), demo.communes, villages)
    said = [r.getMessage() for r in caplog.records if "well outside" in r.getMessage()]
    names = [f"'{n} ({c})'" for n, c in zip(villages.loc[moved, "name"], villages.loc[moved, "commune_code"])]
    assert len(said) == 1 and "villages.geojson: villages: 2 villages lie well outside their commune" in said[0]
    assert all(n in said[0] for n in names)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        dxmap.reconcile(demo.records.head(50), demo.communes, demo.villages)  # the sample's villages are all inside
    assert not any("well outside" in r.getMessage() for r in caplog.records)


def test_a_village_name_whose_first_syllable_folds_to_a_unit_word_is_told_by_its_spelling(demo):
    """QA46: "Thôn Xà Phìn" and "Thôn Phìn" share a key ("Xà" folds as "Xã"), so a commune with both villages made
    either record ambiguous, and a record of "Xà Phìn" where only "Phìn" is listed matched it. The spelling without
    the official unit word now tells them apart; a name typed without diacritics stays ambiguous."""
    code = demo.communes["code"].iloc[0]
    at = demo.communes.geometry.iloc[0].representative_point()
    villages = dxmap.as_villages(gpd.GeoDataFrame({"village_id": ["v1", "v2"], "name": ["Xà Phìn", "Thôn Phìn"],
                                                   "commune_code": [code, code]}, geometry=[at, at], crs=4326))
    names = ["Thôn Xà Phìn", "Thôn Phìn", "Thon Xa Phin", "Phìn"]
    rec = as_records(pd.DataFrame({"commune_code": code, "village_name": names, "technology": ["fibre"] * 3 + ["mobile"],
                                   "status": "none", "as_of": "2024-06-30"}))
    out = dxmap.reconcile(rec, demo.communes, villages)
    assert out["outcome"].tolist() == ["matched", "matched", "ambiguous", "matched"]
    assert out["unit_id"].tolist()[:2] == ["v1", "v2"] and out["unit_id"].iloc[3] == "v2"


@pytest.mark.parametrize(("layer", "names", "found"), [
    # QA48 F3: the record's own first syllable is no unit word of its own ("Phường Thượng" was Bản Thượng, silently)
    (["Bản Phường Thượng", "Bản Thượng", "Thôn Bản Mới", "Thôn Mới"],
     ["Phường Thượng", "Bản Mới", "PHƯỜNG THƯỢNG", "Bản Thượng", "Thôn Mới"], ["v1", "v3", "v1", "v2", "v4"]),
    (["Phường Thượng", "Thượng"], ["Phường Thượng", "Thượng"], ["v1", "v2"]),  # F4: an exact spelling decides first
    (["Bản Mới", "Mới"], ["Bản Mới", "Mới"], ["v1", "v2"]),
    (["Thôn Xà Phìn", "Thôn Phìn"], ["Xà Phìn", "Phìn", "Bản Xà Phìn"], ["v1", "v2", "v1"]),
    (["Sa Pa", "Sa Pả"], ["Thôn Sa Pa", "Thôn Sa Pả", "Sa Pá"], ["v1", "v2", None]),
    # QA49: a kind's word that is no official one ("Tổ", "Xóm", "Khu", "TDP") is stripped too: neither is a bare "3"
    (["Tổ 3", "Thôn 3", "Tổ dân phố Mới", "Xóm Mới"], ["3", "Thôn Mới", "Bản Mới", "03"], [None] * 4),
    (["TDP 1", "Thôn 1", "Khu 2", "Bản 2", "Đội 6", "Thôn 6"], ["1", "2", "6"], [None] * 3),
    (["Khu Trung Tâm", "Thôn Trung Tâm"], ["Trung Tâm", "Bản Trung Tâm"], [None] * 2),
])
def test_villages_that_fold_alike_are_told_by_spelling_exact_first(demo, layer, names, found):
    code = demo.communes["code"].iloc[0]
    at = demo.communes.geometry.iloc[0].representative_point()
    villages = dxmap.as_villages(gpd.GeoDataFrame({"village_id": [f"v{i + 1}" for i in range(len(layer))],
                                                   "name": layer, "commune_code": code},
                                                  geometry=[at] * len(layer), crs=4326))
    rec = as_records(pd.DataFrame({"commune_code": code, "village_name": names, "technology": "fibre", "status": "none",
                                   "as_of": [f"2024-06-{10 + i}" for i in range(len(names))]}))
    out = dxmap.reconcile(rec, demo.communes, villages)
    assert [None if pd.isna(u) else u for u in out["unit_id"]] == found
    assert out["outcome"].tolist() == ["matched" if f else "ambiguous" for f in found]


def test_a_district_written_without_its_spaces_is_the_layers(tmp_path):
    """QA61 14: "Sapa" in the district column was unknown, though --district Sapa finds Sa Pa."""
    path = tmp_path / "r.csv"
    path.write_text("Huyện,Tên xã,Mạng LAN chuẩn,Ngày\nSapa,Phường Sa Pa,Có,30/6/2024\nBatxat,A Lù,Có,30/6/2024\n",
                    encoding="utf-8")
    out = dxmap.reconcile(dxmap.read_records(path), dxmap.bundled_communes())
    assert out["outcome"].tolist() == ["matched", "matched"]
    assert out["district_name"].tolist() == ["Sapa", "Batxat"]  # the outcomes keep what was typed


def test_a_position_with_longitude_and_latitude_swapped_is_said_so(tmp_path):
    """QA60 35: "lies outside every commune; check the coordinates", where the point swapped back lies in A Lù."""
    path = tmp_path / "p.csv"
    path.write_text("Tên điểm;Kinh độ;Vĩ độ;Công nghệ;Trạng thái;Ngày\nTrạm B;22,7031;103,5932;LAN;Có;30/6/2024\n"
                    "Trạm F;105,5;21,0;LAN;Có;30/6/2024\n", encoding="utf-8")
    out = dxmap.reconcile(dxmap.read_records(path), dxmap.bundled_communes())
    assert out["reason"].tolist() == [
        "the position (longitude 22.7031, latitude 103.5932) lies outside every commune, but swapped it lies in 02692 "
        "A Lù: longitude and latitude typed the other way round? Check the two columns",
        "the position (longitude, latitude) lies outside every commune; check the coordinates"]


def test_a_village_id_that_lost_its_leading_zero_finds_its_commune_s_village(demo, caplog):
    """QA72 K4: a village id "53101" (Excel dropped the zero of the layer's "053101", or an XLSX number) was unmatched
    without a hint, while the commune code beside it, "416" for "0416", was matched."""
    villages = demo.villages[demo.villages["commune_code"].isin(["02635", "02641"])].copy()
    first = villages["commune_code"].eq("02635")
    villages["village_id"] = np.where(first, "0531", "0532") + pd.Series(range(len(villages)), index=villages.index
                                                                       ).map("{:02d}".format)
    ids = villages["village_id"].tolist()
    a, b = ids[0], villages.loc[~first, "village_id"].iloc[0]
    records = as_records(pd.DataFrame({
        "commune_code": ["02635", "02635", "2635", None],
        "village_id": [a.lstrip("0"), b.lstrip("0"), f"00{a}", b.lstrip("0")],
        "technology": "fibre", "status": "none",
        "as_of": ["2024-06-30", "2024-06-30", "2024-03-31", "2024-06-30"]}), where="z.csv")
    with caplog.at_level(logging.INFO, logger="dxmap"):
        report = dxmap.reconcile(records, demo.communes, villages)
    assert report["outcome"].tolist() == ["matched", "unmatched", "matched", "matched"]
    assert report["unit_id"].tolist()[::2] == [a, a] and report["unit_id"].iloc[3] == b
    assert report["reason"].iloc[1] == f"village id {b.lstrip('0')} is not in the village layer"  # not its commune's
    said = [r.getMessage() for r in caplog.records if "leading zeros" in r.getMessage()]
    assert said == [f"3 records give their village ids without the leading zeros the village layer writes (a "
                    f"spreadsheet drops them): matched to the layer's ('{a.lstrip('0')} → {a}', '00{a} → {a}', "
                    f"'{b.lstrip('0')} → {b}')"]

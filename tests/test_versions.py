"""Boundary versions: the shipped 2024 → 2025-07 crosswalk, refusing to mix versions, pictures and summaries on 2025 units."""

from __future__ import annotations

import json
import logging

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point, box

import dxmap
from dxmap.io.bundled import bundled_crosswalk, data_dir
from dxmap.errors import VersionMismatchError
from dxmap.io.boundaries import boundary_version, set_boundary_version
from dxmap.io.bundled import bundled_units_2025
from dxmap.io.records import as_records
from dxmap.validate.vocab import Status
from dxmap.gaps.status import picture_date
from dxmap.reconcile.versions import crosswalk_status, crosswalk_summary, names_units_of, versions_by_file


@pytest.fixture(scope="module")
def crosswalk():
    return bundled_crosswalk()


def test_crosswalk_facts(crosswalk):
    assert len(crosswalk) == 320 and crosswalk["old_code"].is_unique  # 151 + 168 units of 2025-01, plus Tà Chải
    assert crosswalk["relation"].value_counts().to_dict() == {"whole": 312, "part": 8}
    assert crosswalk["old_province_code"].value_counts().to_dict() == {"15": 168, "10": 152}
    units = bundled_units_2025()
    assert len(units) == 99 and units["code"].is_unique
    assert set(crosswalk["new_code"].dropna()) == set(units["code"])  # many-to-one onto all 99 units
    assert units["code"].isin(crosswalk["old_code"]).all()  # every new unit reuses an old code
    assert int(units["name_changed"].sum()) == 44
    assert boundary_version(units) == "2025-07"
    # Tà Chải was merged whole into TT Bắc Hà (02839) on 2024-11-01 (NQ 1197/NQ-UBTVQH15) and follows it.
    tachai = crosswalk.set_index("old_code").loc["02872"]
    assert tachai["relation"] == "whole" and tachai["new_code"] == "02839" and "1197" in tachai["note"]
    # Every 2024 commune of the bundled boundary set is in the crosswalk.
    assert set(dxmap.bundled_communes()["code"]) <= set(crosswalk["old_code"])
    first = crosswalk.set_index("old_code")
    assert first.loc["02641", "new_code"] == "02647" and first.loc["02647", "old_name"] == "Phường Kim Tân"


def test_sources_are_recorded():
    sources = json.loads((data_dir() / "crosswalk" / "sources.json").read_text(encoding="utf-8"))
    assert sources["old_list"]["version"] == "0.6.0"
    assert sources["conversion_table"]["version"] == "2026.9.0"
    assert all(len(s["sha256"]) == 64 for s in sources.values())
    assert (data_dir() / "crosswalk" / "PROVENANCE.md").exists()


def test_versions_of_layers():
    communes = dxmap.bundled_communes()
    assert boundary_version(communes) == "2024" and communes["boundary_version"].eq("2024").all()
    plain = communes.drop(columns="boundary_version")
    labelled = set_boundary_version(plain, "2025-07")
    assert boundary_version(plain) is None and "boundary_version" not in plain.columns  # a copy is labelled
    assert boundary_version(labelled) == "2025-07" and boundary_version(labelled.iloc[:3]) == "2025-07"
    assert boundary_version(pd.DataFrame({"code": ["1"]})) is None


def _records(rows: list[dict]) -> pd.DataFrame:
    raw = pd.DataFrame(rows).fillna("")
    dates = pd.date_range("2024-06-01", periods=len(raw)).strftime("%Y-%m-%d")
    return as_records(raw.assign(technology="lan", status="none", as_of=dates), where="v.csv")


def test_records_for_another_version_are_refused(demo):
    rec = _records([{"commune_code": "02647", "commune_name": "Phường Lào Cai", "boundary_version": "2025-07"}])
    with pytest.raises(VersionMismatchError, match="2025-07 units but the boundary set is version 2024"):
        dxmap.reconcile(rec, demo.communes, demo.villages)
    rec24 = _records([{"commune_code": "02641"}])
    with pytest.raises(VersionMismatchError, match="crosswalk"):
        dxmap.reconcile(rec24, bundled_units_2025(), records_version="2024")


def test_read_dataset_refuses_records_of_the_other_version_with_its_own_ways_out():
    """read_dataset has no crosswalk=: its refusal says what it takes (communes=, analyse's units=) first (QA49 L11)."""
    with pytest.raises(VersionMismatchError) as info:
        dxmap.read_dataset(data_dir() / "sample" / "status_records.csv",
                           communes=data_dir() / "boundaries" / "laocai_2025-07_units.geojson", records_version="2024")
    message = str(info.value)
    assert message.startswith("status_records.csv: the records are written for the 2024 units but the boundary set "
                              "is version 2025-07.")
    assert ("Join them to 2024 boundaries (read_dataset's communes=, or none for the bundled ones); with them, "
            "units='2025-07' (analyse, build_report) shows a 2024 picture in the 2025-07 units.") in message


@pytest.mark.parametrize("communes", [None, "laocai_2025-07_units.geojson", "laocai_communes_2024_derived.geojson"])
def test_records_of_both_versions_are_compared_in_the_2025_units(tmp_path, communes):
    """QA64 F3: a 2024 round and a sheet written for the 2025-07 units (each file saying its version) were refused
    (first with advice that led to the other refusal, then with the two runs that show them apart). Now each is
    joined to its own units (a --communes layer to the records of its version, the bundled one to the others) and
    they are compared in the 2025-07 units; one picture of both is still refused, naming each file's version and
    the comparison. The LAN is compared per 2025-07 commune: Phường Lào Cai lacked one in 2024 (02641, one of its
    six former communes, did) and has one now: 1 fixed. Exact counts: tests/test_across.py."""
    from click.testing import CliRunner

    from dxmap.cli import main

    old, new = tmp_path / "q2_2024.csv", tmp_path / "lan_2026.csv"
    pd.DataFrame({"commune_code": ["02641"], "technology": ["lan"], "status": ["none"], "as_of": ["2024-06-30"],
                  "boundary_version": ["2024"]}).to_csv(old, index=False)
    pd.DataFrame({"commune_code": ["02647"], "commune_name": ["Phường Lào Cai"], "technology": ["lan"],
                  "status": ["covered"], "as_of": ["2026-11-30"], "Phiên bản": ["2025-07"]}).to_csv(new, index=False)
    layer = {} if communes is None else {"communes": data_dir() / "boundaries" / communes}
    data = dxmap.read_dataset([old, new], **layer)
    assert boundary_version(data.communes) == "2025-07" and len(data.communes) == 99
    assert data.earlier is not None and boundary_version(data.earlier.communes) == "2024"
    assert data.earlier.outcomes["matched_commune_code"].tolist() == ["02641"]  # its own 2024 code, not moved
    assert data.outcomes["matched_commune_code"].tolist() == ["02647"]
    with pytest.raises(VersionMismatchError) as info:
        dxmap.analyse(data)
    assert str(info.value).startswith("the records are written for two versions of the units: q2_2024.csv (2024), "
                                      "lan_2026.csv (2025-07). Records of two versions make a comparison only")
    assert "compare(data, compare_to=...)" in str(info.value)
    lan = dxmap.compare(data, compare_to="2024-06-30").summary["gaps"]["lan"]
    assert (lan["count"], lan["previous"], lan["fixed"], lan["new"], lan["stayed"]) == (0, 1, 1, 0, 0)
    assert (lan["counts"], lan["previous_rule"], lan["former_previous"]) == ("communes", "any_former_commune", 1)
    args = ["summary", "--records", str(old), "--records", str(new), "--lang", "en"]
    args += [f"--{k}" for k in layer] + [str(v) for v in layer.values()]
    result = CliRunner().invoke(main, args + ["--units", "2025-07"])  # one picture: refused, with the comparison
    assert result.exit_code != 0 and "Traceback" not in result.output
    last = result.output.strip().splitlines()[-1]
    assert "two versions of the units" in last and "(--compare DATE)" in last, last
    assert "leave it out" not in last
    result = CliRunner().invoke(main, args + ["--compare", "2024-06-30", "--format", "json", "-q"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["gaps"]["lan"]["fixed"] == 1


def test_reconcile_reads_a_layer_that_does_not_say_its_version_as_the_one_it_evidently_is(crosswalk, caplog):
    """The 2025-07 units read as a plain file (no boundary_version column): 2024 records are refused without a
    crosswalk and moved with one, as for the labelled layer; the crosswalk was silently unused (QA50)."""
    rec = _records([{"commune_code": "02641"}, {"commune_code": "02872"}])
    plain = dxmap.as_communes(dxmap.read_boundaries(data_dir() / "boundaries" / "laocai_2025-07_units.geojson"))
    assert boundary_version(plain) is None
    with pytest.raises(VersionMismatchError, match="written for the 2024 units but the boundary set is version 2025-07"):
        dxmap.reconcile(rec, plain, records_version="2024")
    report = dxmap.reconcile(rec, plain, records_version="2024", crosswalk=crosswalk)
    assert report["outcome"].tolist() == ["matched"] * 2 and report["method"].tolist() == ["crosswalk"] * 2
    assert report["unit_id"].tolist() == ["02647", "02839"]
    # its reasons and hints as the labelled layer's: 2024 records that declare nothing are told what they seem
    undeclared = dxmap.reconcile(_records([{"commune_code": "02647", "commune_name": "Kim Tân"}]), plain)
    assert undeclared.loc[0, "reason"].endswith("this code and name are the 2024 unit: the record seems written for "
                                                "version 2024"), undeclared.loc[0, "reason"]
    # a layer no shipped list knows is not taken for any version, a crosswalk given or not: a 2024 layer of one's own
    # (a fifth of its names edited) keeps its 2024 records on their own codes (QA51: moved to Kim Tân)
    own = dxmap.bundled_communes().drop(columns="boundary_version")
    own = own.assign(name=own["name"].where(own.index % 5 != 0, "Xã Đổi Tên"))
    rec24 = _records([{"commune_code": "02641"}, {"commune_code": "02665"}])
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        report = dxmap.reconcile(rec24, own, records_version="2024", crosswalk=crosswalk)
    assert report["unit_id"].tolist() == ["02641", "02665"] and report["method"].ne("crosswalk").all()
    said = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("the crosswalk (crosswalk=) was not used: it leads to the units of 2025-07, and the "
                            "commune layer does not say it holds them.") for m in said), said
    # the 2024 communes without their column: 2025-07 records are refused, as for the labelled layer
    bare = dxmap.bundled_communes().drop(columns="boundary_version", errors="ignore")
    with pytest.raises(VersionMismatchError, match="written for the 2025-07 units but the boundary set is version 2024"):
        dxmap.reconcile(rec, bare, records_version="2025-07")


def test_crosswalk_moves_2024_records_to_2025_units(crosswalk):
    rec = _records([{"commune_code": "02641"}, {"commune_code": "2647"}, {"commune_code": "02872"},
                    {"commune_name": "Tả Củ Tỷ", "district_name": "Bắc Hà"}, {"commune_code": "03004"}])
    report = dxmap.reconcile(rec, bundled_units_2025(), records_version="2024", crosswalk=crosswalk)
    assert report["outcome"].tolist() == ["matched"] * 5
    assert report["unit_id"].fillna("").tolist() == ["02647", "02647", "02839", "02842", "03004"]
    assert report["method"].fillna("").tolist() == ["crosswalk"] * 5
    assert report.loc[0, "matched_name"] == "Lào Cai"
    cw = crosswalk.copy()
    cw.loc[cw["old_code"].eq("02872"), ["new_code", "new_name", "relation", "n_successors"]] = [pd.NA, pd.NA, "none", 0]
    report = dxmap.reconcile(rec.iloc[[2]], bundled_units_2025(), records_version="2024", crosswalk=cw)
    assert report["outcome"].tolist() == ["unmatched"]  # a unit without successor is reported, never guessed
    assert "02872" in report.loc[0, "reason"] and "none" in report.loc[0, "reason"]


def test_an_invalid_2024_record_is_placed_through_the_crosswalk_too(crosswalk):
    """An invalid record's reason adds what placing it finds; its 2024 code is moved first, as a valid one's is,
    so the 2025-07 units do not call it unknown (02641 became part of 02647)."""
    rec = _records([{"commune_code": "02641"}, {"commune_code": "02641", "commune_name": "Xã Không Có"}])
    rec["problem"] = pd.Series("unknown status word 'x'", index=rec.index, dtype="string")
    report = dxmap.reconcile(rec, bundled_units_2025(), records_version="2024", crosswalk=crosswalk)
    assert report["outcome"].tolist() == ["invalid", "invalid"]
    assert report["reason"].tolist() == ["unknown status word 'x'"] * 2  # old names are dropped as moved


def test_a_2024_commune_named_in_2025_records_says_which_unit_it_became_part_of():
    """Since 1 July 2025 A Lù is part of Y Tý: a record naming A Lù against the 2025-07 units is unmatched (a
    commune's LAN is not the new unit's) and its reason names the successor; a namesake is narrowed by the district."""
    rec = _records([{"commune_name": "A Lù"}, {"commune_name": "Tân An"}, {"commune_name": "Tân An", "district_name": "Văn Bàn"},
                    {"commune_name": "Xã Không Có"}])
    report = dxmap.reconcile(rec, bundled_units_2025(), records_version="2025-07")
    assert report["outcome"].tolist() == ["unmatched"] * 4
    reason = report["reason"].tolist()
    assert "a commune until 1 July 2025: 02692 Xã A Lù (Huyện Bát Xát) is part of 02701 Xã Y Tý" in reason[0]
    assert reason[0].endswith("Name the unit it is part of since 1 July 2025")  # the option: a log line (QA17 #4)
    assert "03079 Xã Tân An (Huyện Văn Bàn) is part of 02989 Xã Bảo Hà; 04288 Phường Tân An" in reason[1]
    assert "03079 Xã Tân An" in reason[2] and "04288" not in reason[2]
    assert "1 July 2025" not in reason[3]
    suggestions = report["suggestions"].tolist()
    assert suggestions[0].startswith("02701 Y Tý (since 1 July 2025); ") and suggestions[0].count("; ") == 2
    assert suggestions[1].startswith("02989 Bảo Hà (since 1 July 2025); 04288 Nghĩa Lộ (since 1 July 2025); ")
    assert "since" not in suggestions[3]
    on_2024 = dxmap.reconcile(_records([{"commune_name": "Xã Không Có"}]), dxmap.bundled_communes())
    assert "1 July 2025" not in on_2024.loc[0, "reason"]


def test_a_former_district_on_a_2025_record_does_not_keep_its_commune_from_matching():
    """The 2025-07 units have no districts; a sheet typed on the old template still has its "Huyện" column."""
    rec = _records([{"commune_name": "Y Tý", "district_name": "Bát Xát"}, {"commune_name": "Xã Bát Xát", "district_code": "082"}])
    report = dxmap.reconcile(rec, bundled_units_2025(), records_version="2025-07")
    assert report["outcome"].tolist() == ["matched", "matched"]
    assert report["unit_id"].tolist() == ["02701", "02683"]


def test_2025_records_on_2025_units_by_code_and_name():
    rec = _records([{"commune_code": "2647", "commune_name": "Phường Lào Cai"}, {"commune_name": "Xã Bát Xát"},
                    {"commune_code": "02647", "commune_name": "Kim Tân"}])
    report = dxmap.reconcile(rec, bundled_units_2025(), records_version="2025-07")
    assert report["outcome"].tolist() == ["matched", "matched", "conflict"]
    assert report["unit_id"].fillna("").tolist() == ["02647", "02683", ""]
    assert "written for version 2024" in report.loc[2, "reason"]  # Kim Tân is the 2024 unit of code 02647


def test_two_old_communes_of_one_new_unit_on_one_date(crosswalk):
    raw = pd.DataFrame({"commune_code": ["02641", "02644"], "technology": "lan", "status": ["none", "covered"],
                        "as_of": "2024-06-30"})
    report = dxmap.reconcile(as_records(raw), bundled_units_2025(), records_version="2024",
                             crosswalk=crosswalk)
    assert report["outcome"].tolist() == ["matched", "duplicate"]
    assert report.loc[1, "reason"].endswith("several former communes lie in this new unit: their statuses are to be "
                                            "summed up together")  # the function: a log line (QA17 finding 4)


def test_reused_code_reconciles_to_the_2025_unit():
    """02647 is Phường Kim Tân in 2024 and Phường Lào Cai (merged from 6 units) in 2025-07."""
    units = bundled_units_2025()
    rec = _records([
        {"commune_code": "02647", "commune_name": "Kim Tân", "boundary_version": "2024"},
        {"commune_name": "Phường Kim Tân", "district_name": "Thành phố Lào Cai", "boundary_version": "2024"},
        {"commune_code": "02647", "commune_name": "Phường Lào Cai", "boundary_version": "2025-07"},
        {"commune_name": "Lào Cai", "boundary_version": "2025-07"},
        {"commune_code": "02647", "commune_name": "Kim Tân", "boundary_version": "2025-07"},
    ])
    report = dxmap.reconcile(rec, units, crosswalk=bundled_crosswalk())
    assert report["outcome"].tolist() == ["matched", "matched", "matched", "matched", "conflict"]
    assert report["unit_id"].fillna("").tolist() == ["02647", "02647", "02647", "02647", ""]
    assert report["method"].fillna("").tolist() == ["crosswalk", "crosswalk", "code", "name", ""]
    assert report.loc[0, "matched_name"] == report.loc[2, "matched_name"] == "Lào Cai"
    assert "written for version 2024" in report.loc[4, "reason"]


def test_2025_records_by_location_on_derived_polygons():
    units = bundled_units_2025()
    inside = units.set_index("code").geometry
    lon_lat = [inside["02647"].representative_point(), inside["03006"].representative_point()]
    rec = _records([{"lon": p.x, "lat": p.y, "boundary_version": "2025-07"} for p in lon_lat])
    report = dxmap.reconcile(rec, units)
    assert report["outcome"].tolist() == ["matched", "ambiguous"]  # Sa Pa, Tả Phìn, Tả Van share one polygon
    assert report.loc[0, "unit_id"] == "02647" and report.loc[0, "method"] == "location"
    assert "03006" in report.loc[1, "reason"] and "03013" in report.loc[1, "reason"]


# --- a 2024 picture in the 2025-07 units --------------------------------------------------------------------


@pytest.fixture
def tiny():
    """Three 2024 communes into new unit N1 (one of them only partly), one into N2; N3's communes have no row."""
    sq = {c: box(104.0 + i * 0.01, 22.0, 104.01 + i * 0.01, 22.01) for i, c in enumerate(["00001", "00002", "00003", "00004", "00005"])}
    cw = pd.DataFrame({
        "old_code": ["00001", "00002", "00003", "00004", "00005"], "old_name": ["Xã A", "Xã B", "Xã C", "Xã D", "Xã E"],
        "old_district_code": ["001", "001", "001", "002", "003"], "old_district_name": ["Huyện P", "Huyện P", "Huyện P", "Huyện Q", "Huyện R"],
        "new_code": ["00001", "00001", "00001", "00004", "00005"], "new_name": ["Xã N1", "Xã N1", "Xã N1", "Xã N2", "Xã N3"],
        "relation": ["whole", "whole", "part", "whole", "whole"], "n_successors": [1, 1, 1, 1, 1],
    })
    # The 2025-07 layer: N1 = A ∪ B ∪ the west half of C; N2 = D ∪ the east half of C (the part of C not named).
    n1 = sq["00001"].union(sq["00002"]).union(box(104.02, 22.0, 104.025, 22.01))
    n2 = sq["00004"].union(box(104.025, 22.0, 104.03, 22.01))
    units = gpd.GeoDataFrame({"code": ["00001", "00004", "00005"], "name": ["N1", "N2", "N3"],
                              "map_unit": ["00001", "00004", "00005"]}, geometry=[n1, n2, sq["00005"]], crs="EPSG:4326")
    units["boundary_version"] = "2025-07"

    def row(level, uid, commune, tech, status, geom):
        return {"level": level, "unit_id": uid, "name": uid, "commune_code": commune, "commune_name": commune,
                "district_code": "001", "district_name": "P", "map_unit": commune, "technology": tech, "status": status,
                "geometry": geom}

    rows = [row("commune", "00001", "00001", "lan", "none", sq["00001"]),
            row("commune", "00002", "00002", "lan", "covered", sq["00002"]),
            row("commune", "00003", "00003", "lan", "none", sq["00003"]),
            row("village", "00003-001", "00003", "fibre", "none", Point(104.022, 22.005)),  # in the part of C in N1
            row("village", "00003-002", "00003", "fibre", "none", Point(104.028, 22.005)),  # in the part of C in N2
            row("village", "00001-001", "00001", "fibre", "covered", Point(104.005, 22.005)),
            row("village", "00003-003", "00003", "fibre", "covered", Point(105.0, 23.0))]  # outside every polygon
    status = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    status["as_of"] = pd.Timestamp("2024-06-30")
    return status, units, cw


def test_crosswalk_status_places_rows(tiny):
    status, units, cw = tiny
    moved = crosswalk_status(status, units=units, crosswalk=cw)
    assert len(moved) == len(status) + 2  # nothing lost; D and E had no LAN row: added as unknown
    assert moved["from_input"].tolist() == [True] * 7 + [False] * 2
    assert moved["commune_code"].fillna("").tolist() == ["00001"] * 4 + ["00004", "00001", "", "00004", "00005"]
    assert moved["placed_by"].tolist() == ["crosswalk"] * 3 + ["location", "location", "crosswalk", "unplaced",
                                                               "crosswalk", "crosswalk"]
    assert "outside every 2025-07 polygon" in moved.loc[6, "unplaced_reason"]
    assert moved["old_commune_code"].tolist()[:7] == status["commune_code"].tolist()
    assert moved.loc[7:, "status"].eq(Status.UNKNOWN.value).all() and moved.loc[7:, "level"].eq("commune").all()
    assert moved.loc[8, "district_name"] == "R" and moved.loc[8, "name"] == "E"  # former district, short names
    assert moved.loc[0, "geometry"].equals(units.geometry[0])  # a commune row is drawn on its new unit
    assert picture_date(moved) == "2024-06-30" and moved["as_of"].notna().all()  # the added rows too
    assert list(status.columns) == list(tiny[0].columns) and len(status) == 7  # input untouched


def test_lan_is_k_of_n_former_communes(tiny):
    status, units, cw = tiny
    summary = crosswalk_summary(status, units=units, crosswalk=cw).set_index(["code", "technology"])
    lan = summary.xs("lan", level="technology")
    # N1: 2 of its 3 former communes lack a standard LAN — counted as such, never merged into one status.
    assert lan.loc["00001", ["none", "covered", "total"]].tolist() == [2, 1, 3]
    assert lan.loc["00001", "none_codes"] == "00001,00003" and lan.loc["00001", "partly"] == "00003"
    # N3 has no record at all: no data (unknown), never a gap.
    assert lan.loc["00005", ["none", "unknown", "total"]].tolist() == [0, 1, 1]
    fibre = summary.xs("fibre", level="technology")
    assert fibre.loc["00001", ["none", "covered", "by_location"]].tolist() == [1, 1, 1]
    assert fibre.loc["00004", ["none", "by_location"]].tolist() == [1, 1]  # the village in the part of C that left
    assert summary["total"].sum() == len(status) + 2
    assert crosswalk_summary(status, units=units, crosswalk=cw, fill=False)["total"].sum() == len(status)


def test_summary_on_2025_units(demo):
    status = dxmap.unit_status(demo.outcomes, demo.communes, demo.villages, as_of="2024-06-30")
    moved = crosswalk_status(status)
    assert moved["from_input"].sum() == len(status)  # nothing lost
    assert moved["commune_code"].notna().all() and moved["commune_code"].nunique() == 99
    assert (~moved["from_input"]).sum() == 168  # the Yên Bái communes: no LAN data, never a gap
    assert moved["placed_by"].value_counts().to_dict() == {"crosswalk": 3348, "location": 80}
    summary = crosswalk_summary(moved)
    assert summary["total"].sum() == len(moved)
    by_tech = summary.groupby("technology")["none"].sum().to_dict()
    assert by_tech == {"mobile": 6, "fibre": 56, "lan": 29}  # the review's figures survive the move
    lan = summary[summary["technology"].eq("lan")]
    assert len(lan) == 99 and lan["total"].sum() == 320  # k of n former communes, over all 320
    assert lan.loc[lan["old_codes"].str.startswith("04"), "unknown"].sum() == 168
    known = summary[summary["technology"].ne("lan")]
    assert known["code"].nunique() == 48  # old Lào Cai's villages lie in 48 new units
    row = lan[lan["code"].eq("02647")].iloc[0]
    assert row["old_codes"] == "02635,02641,02644,02647,02665,02911" and row["total"] == 6
    assert lan.loc[lan["code"].eq("02839"), "old_codes"].str.contains("02872").all()  # Tà Chải is in Bắc Hà
    assert summary.loc[summary["old_codes"].str.contains("03004"), "partly"].eq("03004").all()


def test_records_written_for_the_2025_units(tmp_path, caplog):
    """A district office's file with the codes and names of the 99 new units, no version column: read against the
    2024 communes, the reused codes are flagged with the fix; read as 2025-07, every record matches a new unit."""
    from click.testing import CliRunner

    from dxmap.cli import main

    units = bundled_units_2025()
    path = tmp_path / "xa_2025.csv"
    pd.DataFrame({"Mã xã": units["code"], "Tên xã": units["full_name"], "Mạng LAN chuẩn": "Có",
                  "Ngày": "30/9/2025"}).to_csv(path, index=False)
    with caplog.at_level("WARNING", logger="dxmap"):
        old = dxmap.read_dataset([path])
    assert "have the code and name of a 2025-07 unit (e.g. '02647 Phường Lào Cai'" in caplog.text
    assert "Read them with --records-version 2025-07" in caplog.text
    reasons = old.outcomes.loc[old.outcomes["outcome"].eq("conflict"), "reason"]
    assert len(reasons) and reasons.str.contains("the record seems written for version 2025-07").all()
    new = dxmap.read_dataset([path], records_version="2025-07")
    assert new.outcomes["outcome"].eq("matched").all() and len(new.outcomes) == 99
    assert boundary_version(new.communes) == "2025-07" and new.districts is None
    checked = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(path), "--records-version", "2025-07"])
    assert checked.exit_code == 0 and "99 records: matched 99," in checked.output


def test_records_dated_in_the_new_units_read_against_2024_say_how_to_read_them(caplog):
    """02683 is Thị trấn Bát Xát in 2024 and Xã Bát Xát (five former communes) in 2025: a file of August 2025 matches
    the 2024 commune by code and name without a conflict. The reader is told, and told how to read it for 2025-07."""
    import logging

    records = as_records(pd.DataFrame({"commune_code": ["02683", "02686"], "commune_name": ["Bát Xát", "A Mú Sung"],
                                                "technology": "lan", "status": ["covered", "none"],
                                                "as_of": ["2025-08-15", "2024-06-30"]}))
    communes = dxmap.bundled_communes()
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        out = dxmap.reconcile(records, communes)
    assert out["outcome"].eq("matched").all()
    said = [r.getMessage() for r in caplog.records if "1 July 2025" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith("1 row of records is dated on or after 1 July 2025") \
        and "--records-version 2025-07" in said[0]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        dxmap.reconcile(records.iloc[1:], communes)  # dated 2024
        dxmap.reconcile(records.iloc[:1], bundled_units_2025(), records_version="2025-07")  # as written for 2025-07
    assert not [r for r in caplog.records if "1 July 2025" in r.getMessage()]


def test_a_layer_that_does_not_say_its_version_is_questioned_for_records_of_the_new_units(caplog):
    """Yên Bái QA: 2025-07 records against one's own 2025-01 layer matched 30 reused codes with no word; with
    --records-version 2025-07 dxmap only logged at INFO that the layer had no version. Both now warn, with the fix."""
    import logging

    communes = set_boundary_version(dxmap.bundled_communes(), "2024").drop(columns="boundary_version")
    # a layer of one's own whose version is not evident either: a fifth of its names are not the shipped lists'
    communes = communes.assign(name=communes["name"].where(communes.index % 5 != 0, "Xã Đổi Tên"))
    records = as_records(pd.DataFrame({"commune_code": ["02683"] * 2, "commune_name": "Bát Xát", "technology": "lan",
                                       "status": "covered", "as_of": "2025-08-15"}).iloc[:1])
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        dxmap.reconcile(records, communes)
        dxmap.reconcile(records, communes, records_version="2025-07")
    said = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("1 row of records is dated on or after 1 July 2025") and "does not say which units it holds"
               in m and "boundary_version column of '2025-07'" in m for m in said)
    assert any(m.startswith("the records are written for version '2025-07', and the commune layer does not say")
               for m in said)
    caplog.clear()
    # QA22: a layer of another country's codes (four digits, letters) has no 1 July 2025: nothing to question
    abroad = communes.assign(code="K" + communes["code"].str[1:])
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        dxmap.reconcile(records.assign(commune_code="K2683"), abroad)
    assert not [r for r in caplog.records if "1 July 2025" in r.getMessage()]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="dxmap"):  # a layer that says it holds the new units: nothing to say
        dxmap.reconcile(records, set_boundary_version(communes, "2025-07"))
    assert not [r for r in caplog.records if "1 July 2025" in r.getMessage()]


def test_communes_version_labels_a_file_that_does_not_say_its_units(tmp_path):
    """A file of the 2025-07 units without a boundary_version column was joined to 2024 records by their reused codes
    without a word beyond conflicts, and the advice was to add a column to it, which a command-line user cannot. With
    --communes-version the records of the other version are told apart (and refused when declared)."""
    from click.testing import CliRunner

    from dxmap.cli import main

    units = tmp_path / "units.geojson"
    bundled_units_2025().drop(columns="boundary_version").to_file(units)
    records = data_dir() / "sample" / "status_records.csv"

    def check(*args):
        return CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(records), "--communes", str(units),
                                         *args])

    unknown = check("--records-version", "2024")  # it is evidently the 2025-07 units: read as such, and refused
    assert "read as version 2025-07" in unknown.stderr and "so they cannot be joined directly" in unknown.stderr
    other = tmp_path / "other.geojson"  # a layer of codes dxmap's lists do not hold: it cannot tell
    units_2025 = bundled_units_2025()
    units_2025.drop(columns="boundary_version").assign(code="9" + units_2025["code"].str[1:]).to_file(other)
    unknown = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(records), "--communes", str(other),
                                        "--records-version", "2024"])
    assert ("the commune layer does not say which units it holds, so dxmap cannot check that they fit. If it holds "
            "them, say so (--communes-version 2024).") in unknown.stderr
    told = check("--communes-version", "2025-07")
    assert "419 records have the code and name of a 2024 unit (e.g. '02647 Kim Tân'" in told.stderr
    refused = check("--communes-version", "2025-07", "--records-version", "2024")
    assert refused.exit_code == 1 and refused.stderr.strip().endswith(  # check has no --units to advise (QA52)
        "so they cannot be joined directly. Give the 2024 boundaries with --communes (or leave it out for the bundled "
        "ones).")
    refused = CliRunner().invoke(main, ["summary", "--lang", "en", "--records", str(records), "--communes", str(units),
                                        "--communes-version", "2025-07", "--records-version", "2024"])
    assert refused.exit_code == 1 and refused.stderr.strip().endswith(
        "(or leave it out for the bundled ones); with them, --units 2025-07 shows a 2024 picture in the 2025-07 units.")
    labelled = tmp_path / "labelled.geojson"
    bundled_units_2025().to_file(labelled)
    other = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(records), "--communes", str(labelled),
                                      "--communes-version", "2024"])
    assert other.exit_code == 1 and ("labelled.geojson: the commune layer says version '2025-07' (its boundary_version "
                                     "column), and --communes-version 2024.") in other.stderr
    alone = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(records), "--communes-version", "2024"])
    assert alone.exit_code == 1 and "--communes-version says which units the --communes file holds, but no --communes" \
        in alone.stderr
    with pytest.raises(dxmap.DxmapError, match=r"communes_version='2023' is not a boundary version"):
        dxmap.read_dataset(records, communes=units, communes_version="2023")
    data = dxmap.read_dataset(records, communes=units, communes_version="2025-07")
    assert boundary_version(data.communes) == "2025-07"


def test_a_commune_file_that_says_no_version_is_read_as_the_one_its_codes_and_names_are(tmp_path, caplog):
    """QA49 H3: the 99 units of 2025-07 saved without their boundary_version column, with 2025 records and --units
    2025-07, were taken for 2024 communes and moved through the crosswalk: "99 communes (from 320 former
    communes)", 221 LAN unknown. A layer whose codes and names are evidently one version's is read as that version
    (said); a version given that its codes and names contradict is warned of (QA49 M5)."""
    import logging

    from click.testing import CliRunner

    from dxmap.cli import main
    from dxmap.reconcile.versions import evident_version

    units = bundled_units_2025()
    assert evident_version(units) == ("2025-07", 99, 32)
    assert evident_version(dxmap.bundled_communes()) == ("2024", 152, 115)
    assert evident_version(units.assign(code="9" + units["code"].str[1:])) is None  # another province's codes
    path = tmp_path / "u.geojson"
    units.drop(columns="boundary_version").to_file(path)
    records = tmp_path / "r2025.csv"
    records.write_text("Mã xã,Tên xã,Trạng thái LAN,Ngày cập nhật\n" + "".join(
        f"{c},{n},{'Chưa có' if i % 3 == 0 else 'Có'},30/09/2025\n"
        for i, (c, n) in enumerate(zip(units["code"], units["name"]))), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        dxmap.read_dataset(records, communes=path, communes_version="2024")
    assert any(r.getMessage().startswith("u.geojson: the version given is 2024, but the codes and names of 99 of its "
                                         "99 communes are those of the units from 1 July 2025 (version 2025-07)")
               for r in caplog.records)
    out = CliRunner().invoke(main, ["summary", "--lang", "en", "--records", str(records), "--communes", str(path),
                                    "--units", "2025-07"])
    assert out.exit_code == 0, out.stderr
    assert ("u.geojson: the codes and names of 99 of its 99 communes are those of the units from 1 July 2025: read as "
            "version 2025-07; if it is not, say which (--communes-version)") in out.stderr
    assert "Standard LAN          commune      33     0        0        0       66" in out.stdout
    assert "former communes" not in out.stdout + out.stderr


def test_a_layer_dated_2025_01_is_said_to_hold_the_units_before_the_reform(caplog):
    """QA67 F10: Yên Bái's layer as of 2025-01 was logged as "the units of 2024" ("các đơn vị 2024"): a reader of a
    2025 file took that for a wrong year. The version keeps its value; the words say the date that parts them."""
    from pathlib import Path

    path = Path(dxmap.__file__).parent.parent / "data" / "boundaries" / "yenbai_communes_2025-01_derived.geojson"
    with caplog.at_level(logging.INFO, logger="dxmap"):
        data = dxmap.read_dataset(path.parent.parent / "sample" / "status_records.csv", communes=path)
    assert set(data.communes["boundary_version"]) == {"2024"}
    name = "yenbai_communes_2025-01_derived.geojson"
    said = [r for r in caplog.records if r.getMessage().startswith(f"{name}: the codes")]
    assert len(said) == 1 and said[0].getMessage().startswith(
        f"{name}: the codes and names of 168 of its 168 communes are those of the units before 1 July 2025: read as "
        "version 2024;")
    assert said[0].dxmap_said["vi"].startswith(
        "yenbai_communes_2025-01_derived.geojson: mã và tên của 168 trong 168 xã là của các đơn vị trước ngày "
        "1/7/2025: đọc lớp theo phiên bản 2024;")


def test_records_consistent_with_one_versions_units():
    """QA70 N5: a 2026 sheet naming Y Tý, Trịnh Tường and A Mú Sung (each a unit of both versions, by name or with
    its code) is consistent with the 2025-07 units; one naming Nậm Chạc (merged into A Mú Sung) or A Lù's code, or
    naming no commune, is not."""
    names = pd.DataFrame({"commune_name": ["Xã Y Tý", "Trịnh Tường", "Xã A Mú Sung"]})
    assert names_units_of(names, "2025-07") and names_units_of(names, "2024")
    coded = names.assign(commune_code=["02701", "02695", "02686"])
    assert names_units_of(coded, "2025-07")
    assert not names_units_of(coded.assign(commune_code=["02701", "02695", "02689"]), "2025-07")  # 02689 Nậm Chạc
    assert not names_units_of(pd.DataFrame({"commune_name": ["Xã Y Tý", "Xã Nậm Chạc"]}), "2025-07")
    assert not names_units_of(pd.DataFrame({"commune_code": ["02692"]}), "2025-07")  # A Lù: 2024 only
    assert names_units_of(pd.DataFrame({"commune_code": ["02692"]}), "2024")
    assert not names_units_of(pd.DataFrame({"commune_name": [None]}), "2025-07")


def test_versions_by_file_reads_the_later_file_alone_in_the_new_units():
    records = pd.DataFrame({"file": ["q2.csv", "q2.csv", "lan.csv", "mixed.csv", "mixed.csv"],
                            "as_of": pd.to_datetime(["2024-06-30", "2024-06-30", "2026-03-31", "2025-03-31",
                                                     "2026-03-31"])})
    assert versions_by_file(records) == ["2024", "2025-07", "2025-07"]
    assert versions_by_file(records[records["file"].ne("q2.csv")]) is None  # every file holds later records
    assert versions_by_file(records[records["file"].eq("q2.csv")]) is None

"""Boundary versions: the shipped 2024 → 2025-07 crosswalk, refusing to mix versions, summaries on 2025 units."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import dxmap
from dxmap.io.bundled import data_dir
from dxmap.errors import VersionMismatchError
from dxmap.io.boundaries import boundary_version, set_boundary_version
from dxmap.io.bundled import bundled_units_2025
from dxmap.io.records import standardise_records
from dxmap.reconcile.versions import crosswalk_summary


@pytest.fixture(scope="module")
def crosswalk():
    return dxmap.bundled_crosswalk()


def test_crosswalk_facts(crosswalk):
    assert len(crosswalk) == 320 and crosswalk["old_code"].is_unique  # 151 + 168 units of 2025-01, plus Tà Chải
    assert crosswalk["relation"].value_counts().to_dict() == {"whole": 311, "part": 8, "none": 1}
    assert crosswalk["old_province_code"].value_counts().to_dict() == {"15": 168, "10": 152}
    units = bundled_units_2025()
    assert len(units) == 99 and units["code"].is_unique
    assert set(crosswalk["new_code"].dropna()) == set(units["code"])  # many-to-one onto all 99 units
    assert units["code"].isin(crosswalk["old_code"]).all()  # every new unit reuses an old code
    assert int(units["name_changed"].sum()) == 44
    assert boundary_version(units) == "2025-07"
    tachai = crosswalk.set_index("old_code").loc["02872"]
    assert tachai["relation"] == "none" and pd.isna(tachai["new_code"])
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
    assert boundary_version(communes) == "2024"
    labelled = set_boundary_version(communes, "2024")
    assert "boundary_version" not in communes.columns and labelled["boundary_version"].eq("2024").all()
    assert boundary_version(pd.DataFrame({"code": ["1"]})) is None


def _records(rows: list[dict]) -> pd.DataFrame:
    raw = pd.DataFrame(rows).fillna("")
    dates = pd.date_range("2024-06-01", periods=len(raw)).strftime("%Y-%m-%d")
    return standardise_records(raw.assign(technology="lan", status="none", as_of=dates), where="v.csv")


def test_records_for_another_version_are_refused(demo):
    rec = _records([{"commune_code": "02647", "commune_name": "Phường Lào Cai", "boundary_version": "2025-07"}])
    with pytest.raises(VersionMismatchError, match="2025-07 units but the boundary set is version 2024"):
        dxmap.reconcile(rec, demo.communes, demo.villages)
    rec24 = _records([{"commune_code": "02641"}])
    with pytest.raises(VersionMismatchError, match="crosswalk"):
        dxmap.reconcile(rec24, bundled_units_2025(), records_version="2024")


def test_crosswalk_moves_2024_records_to_2025_units(crosswalk):
    rec = _records([{"commune_code": "02641"}, {"commune_code": "2647"}, {"commune_code": "02872"},
                    {"commune_name": "Tả Củ Tỷ", "district_name": "Bắc Hà"}, {"commune_code": "03004"}])
    report = dxmap.reconcile(rec, bundled_units_2025(), records_version="2024", crosswalk=crosswalk)
    assert report["outcome"].tolist() == ["matched", "matched", "unmatched", "matched", "matched"]
    assert report["unit_id"].fillna("").tolist() == ["02647", "02647", "", "02842", "03004"]
    assert report["method"].fillna("").tolist() == ["crosswalk", "crosswalk", "", "crosswalk", "crosswalk"]
    assert "02872" in report.loc[2, "reason"] and "none" in report.loc[2, "reason"]
    assert report.loc[0, "matched_name"] == "Lào Cai"


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
    report = dxmap.reconcile(standardise_records(raw), bundled_units_2025(), records_version="2024",
                             crosswalk=crosswalk)
    assert report["outcome"].tolist() == ["matched", "duplicate"]
    assert "crosswalk_summary" in report.loc[1, "reason"]


def test_summary_on_2025_units(demo):
    status = dxmap.unit_status(demo.outcomes, demo.communes, demo.villages, as_of="2024-06-30")
    summary = crosswalk_summary(status)
    assert summary["total"].sum() == len(status)  # nothing lost
    by_tech = summary.groupby("technology")["none"].sum().to_dict()
    assert by_tech == {"mobile": 6, "fibre": 56, "lan": 29}
    known = summary[summary["code"].notna()]
    assert known["code"].nunique() == 48  # old Lào Cai's 151 communes now lie in 48 new units
    lost = summary[summary["code"].isna()]
    assert set(lost["old_codes"]) == {"02872"} and lost["total"].sum() == 1 + 2 * int(demo.villages["commune_code"].eq("02872").sum())
    row = known[(known["code"] == "02647") & (known["technology"] == "lan")].iloc[0]
    assert row["old_codes"] == "02635,02641,02644,02647,02665,02911" and row["total"] == 6
    assert summary.loc[summary["old_codes"].str.contains("03004"), "partly"].eq("03004").all()

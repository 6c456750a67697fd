"""Unit status at a date, gap selection and roll-ups."""

from __future__ import annotations

import pandas as pd
import pytest

import dxmap
from dxmap.records import standardise_records


@pytest.fixture(scope="module")
def fixture_status(data_dir):
    communes = dxmap.as_communes(dxmap.read_boundaries(data_dir / "communes.geojson"))
    villages = dxmap.as_villages(dxmap.read_boundaries(data_dir / "villages.geojson"))
    report = dxmap.reconcile(dxmap.read_records(data_dir / "records.csv"), communes, villages)
    return dxmap.unit_status(report, communes, villages), communes, villages


def test_one_row_per_unit_and_technology(fixture_status):
    status, communes, villages = fixture_status
    assert len(status) == len(communes) + 2 * len(villages)  # lan per commune; mobile, fibre per village
    assert not status.duplicated(["unit_id", "technology"]).any()
    assert status.attrs["as_of"] == "2024-06-30"


def test_unknown_is_kept_apart_from_none(fixture_status):
    status, *_ = fixture_status
    lan = status[status["technology"] == "lan"].set_index("unit_id")["status"].to_dict()
    assert lan == {"00001": "none", "00002": "covered", "00003": "none", "00004": "covered"}
    mobile = status[status["technology"] == "mobile"]["status"].value_counts().to_dict()
    assert mobile == {"unknown": 6, "none": 1, "weak": 1}
    table = dxmap.summarise(status)
    row = table.set_index("technology").loc["mobile"]
    assert (row["none"], row["weak"], row["unknown"], row["covered"], row["total"]) == (1, 1, 6, 0, 8)


def test_gaps_selects_none_by_default(fixture_status):
    status, *_ = fixture_status
    fibre = dxmap.gaps(status, technology="fibre")
    assert fibre["unit_id"].tolist() == ["00002-001"]
    wider = dxmap.gaps(status, technology="fibre", statuses=("none", "planned"))
    assert sorted(wider["unit_id"]) == ["00002-001", "00003-002"]


def test_summarise_by_district_and_commune(fixture_status):
    status, *_ = fixture_status
    by_d = dxmap.summarise(status, by="district").set_index(["district_code", "technology"])
    assert by_d.loc[("001", "lan"), "none"] == 1 and by_d.loc[("002", "lan"), "none"] == 1
    assert by_d.loc[("001", "fibre"), "none"] == 1 and by_d.loc[("002", "fibre"), "none"] == 0
    by_c = dxmap.summarise(status, by="commune")
    assert len(by_c) == 4 * 3
    assert by_c["total"].sum() == len(status)


def test_latest_record_on_or_before_the_date_wins(data_dir):
    communes = dxmap.as_communes(dxmap.read_boundaries(data_dir / "communes.geojson"))
    recs = standardise_records(pd.DataFrame([
        {"commune_code": "00001", "technology": "lan", "status": "none", "as_of": "2024-03-31"},
        {"commune_code": "00001", "technology": "lan", "status": "covered", "as_of": "2024-06-30"},
        {"commune_code": "00001", "technology": "lan", "status": "none", "as_of": "2024-09-30"},
    ]))
    report = dxmap.reconcile(recs, communes)
    at = {d: dxmap.unit_status(report, communes, as_of=d).set_index("unit_id").loc["00001", "status"]
          for d in ("2024-01-01", "2024-03-31", "2024-05-01", "2024-06-30", "2024-12-31")}
    assert at == {"2024-01-01": "unknown", "2024-03-31": "none", "2024-05-01": "none", "2024-06-30": "covered",
                  "2024-12-31": "none"}


def test_demo_headline_figures(demo):
    q2 = dxmap.summary_dict(dxmap.unit_status(demo.report, demo.communes, demo.villages, as_of="2024-06-30"))
    q1 = dxmap.summary_dict(dxmap.unit_status(demo.report, demo.communes, demo.villages, as_of="2024-03-31"))
    assert {t: g["count"] for t, g in q2["gaps"].items()} == {"mobile": 6, "fibre": 56, "lan": 29}
    assert {t: g["count"] for t, g in q1["gaps"].items()} == {"mobile": 10, "fibre": 200, "lan": 33}
    assert q2["units"] == {"communes": 152, "villages": 1554}
    for g in q2["gaps"].values():  # weak/planned/unknown are exercised and never added to the count
        assert g["statuses"]["none"] == g["count"]
        assert sum(g["statuses"].values()) == (152 if g["level"] == "commune" else 1554)
    assert q2["gaps"]["mobile"]["statuses"]["weak"] > 0 and q2["gaps"]["fibre"]["statuses"]["planned"] > 0
    assert q2["gaps"]["lan"]["statuses"]["unknown"] > 0

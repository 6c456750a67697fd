"""Villages listed from the records when no village layer is given (Lào Cai has none open)."""

from __future__ import annotations

import logging
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from click.testing import CliRunner

import dxmap
from dxmap.cli import main
from dxmap.errors import SchemaError
from dxmap.io.records import as_records
from dxmap.reconcile.named_villages import villages_from_records
from dxmap.render.webmap import gap_map, save_map

SAMPLE = Path(dxmap.__file__).parent.parent / "data" / "sample" / "status_records.csv"


def _records(rows: list[dict]) -> pd.DataFrame:
    base = {"level": "village", "technology": "fibre", "status": "none", "as_of": "2024-06-30"}
    return as_records(pd.DataFrame([base | r for r in rows]))


def test_the_sample_records_list_the_demo_s_villages_and_give_its_figures(demo, caplog):
    """The demo's records without its village layer: the same 1,554 villages (by the records' own ids and names)
    and the same gaps, 6 / 56 / 29, every record matched."""
    with caplog.at_level(logging.INFO, logger="dxmap"):
        data = dxmap.read_dataset(SAMPLE)
    listed = data.villages
    assert len(listed) == 1554 and not listed["located"].any() and listed.geometry.isna().all()
    assert listed.crs == data.communes.crs
    theirs = demo.villages.set_index("village_id")
    for column in ("name", "commune_code"):
        assert listed[column].astype(str).tolist() == theirs.loc[listed["village_id"], column].astype(str).tolist()
    assert data.outcomes["outcome"].eq("matched").all()
    assert "no village layer: 1,554 villages in 152 communes listed from the village names in the records" in caplog.text
    mine, demos = dxmap.analyse(data, as_of="2024-06-30").summary, dxmap.analyse(demo, as_of="2024-06-30").summary
    assert {t: g["count"] for t, g in mine["gaps"].items()} == {"mobile": 6, "fibre": 56, "lan": 29}
    assert mine["gaps"] == demos["gaps"] and mine["units"] == demos["units"]


def test_one_village_however_its_name_is_typed_and_namesakes_in_other_communes_apart(demo):
    recs = _records([
        {"commune_code": "02692", "village_name": "Thôn 01"},
        {"commune_code": "02692", "village_name": "Thôn 1", "technology": "mobile"},
        {"commune_code": "02692", "village_name": "THÔN 1", "technology": "lan"},  # LAN per village: its commune counts
        {"commune_code": "02692", "village_name": "Thôn 1", "as_of": "2024-03-31"},
        {"commune_code": "02695", "village_name": "Thôn 1"},  # a namesake in Trịnh Tường
        {"commune_name": "A Lù", "district_name": "Bát Xát", "village_name": "Bản Nà Lang", "village_id": "AL-7"},
        {"commune_code": "02692", "village_id": "AL-7", "technology": "mobile"},  # the id alone: the village above
        {"commune_code": "02692", "village_id": "AL-9"},  # an id no row names: no village (unmatched, with its reason)
        {"commune_code": "09999", "village_name": "Thôn 1"},  # no such commune: names no village
        {"commune_code": "02692", "level": "commune", "technology": "lan"},
        {"commune_code": "02695", "village_name": "Tổ dân phố 1"},  # not Thôn 1: a number keeps its unit word (QA33)
        {"commune_code": "02695", "village_name": "Tổ dân phố 1", "technology": "mobile"},
        {"commune_code": "02701", "village_name": "Thôn 5", "village_id": "T5"},  # one id, two villages: ids made
        {"commune_code": "02707", "village_name": "Thôn 6", "village_id": "T5"},
    ])
    listed = villages_from_records(recs, demo.communes)
    assert listed[["village_id", "name", "commune_code"]].values.tolist() == [
        ["02692-thon-1", "Thôn 1", "02692"],  # the spelling most rows give; an id made from commune and name
        ["02695-thon-1", "Thôn 1", "02695"],
        ["AL-7", "Bản Nà Lang", "02692"],
        ["02695-to-dan-pho-1", "Tổ dân phố 1", "02695"],
        ["02701-thon-5", "Thôn 5", "02701"],
        ["02707-thon-6", "Thôn 6", "02707"]]
    outcomes = dxmap.reconcile(recs, demo.communes, listed)
    assert outcomes["outcome"].tolist() == (["matched"] * 2 + ["ignored"] + ["matched"] * 4 + ["unmatched"] * 2
                                            + ["matched"] * 5)
    assert outcomes["unit_id"].tolist()[:7] == ["02692-thon-1"] * 4 + ["02695-thon-1", "AL-7", "AL-7"]
    assert outcomes["unit_id"].tolist()[10:] == ["02695-to-dan-pho-1"] * 2 + ["02701-thon-5", "02707-thon-6"]
    # where a commune has Thôn 1 and Tổ dân phố 1, a record's unit word tells them apart however it is typed; a bare
    # number is ambiguous, never guessed (as against a village layer that has both)
    typed = _records([{"commune_code": "02695", "village_name": n, "technology": t}
                      for n, t in (("thon 01", "fibre"), ("TDP 1", "fibre"), ("Tổ 1", "mobile"), ("1", "fibre"))])
    out = dxmap.reconcile(typed, demo.communes, listed)
    assert out["unit_id"].tolist()[:3] == ["02695-thon-1", "02695-to-dan-pho-1", "02695-to-dan-pho-1"]
    assert out["outcome"].tolist() == ["matched"] * 3 + ["ambiguous"]
    assert "AL-9" in outcomes["reason"].iloc[7]


def test_rows_to_ignore_and_commune_rows_name_no_village(demo):
    recs = _records([{"commune_code": "02692", "level": "commune", "technology": "lan"}])
    assert villages_from_records(recs, demo.communes) is None
    totals = _records([{"commune_code": "02692", "village_name": "Tổng cộng"}]).assign(ignore_reason="a total")
    assert villages_from_records(totals, demo.communes) is None


def test_a_whole_commune_row_of_a_sheet_names_no_village(tmp_path):
    """QA33 M5: "Toàn xã" made a village with a fibre gap of its own. It names no village: its fibre cell is unmatched
    with the name in its reason, and its LAN cell is the commune's, as before (QA34: read as a total row, the LAN was
    lost)."""
    sheet = tmp_path / "s.csv"
    sheet.write_text("Xã,Huyện,Thôn/bản,Cáp quang,Mạng LAN chuẩn,Ngày cập nhật\nA Lù,Bát Xát,Thôn 1,Có,,30/06/2024\n"
                     "A Lù,Bát Xát,Toàn xã,Chưa có,Có,30/06/2024\n", encoding="utf-8")
    data = dxmap.read_dataset(sheet)
    assert data.villages["name"].tolist() == ["Thôn 1"]
    fibre = data.outcomes[data.outcomes["technology"].eq("fibre")]
    assert fibre["outcome"].tolist() == ["matched", "unmatched"] and "Toàn xã" in fibre["reason"].iloc[1]
    assert data.outcomes.loc[data.outcomes["technology"].eq("lan"), "outcome"].tolist() == ["matched"]


def test_a_village_layer_given_is_used_and_a_user_s_own_empty_geometry_is_still_refused(demo):
    data = dxmap.read_dataset(SAMPLE, villages=Path(dxmap.__file__).parent.parent / "data" / "sample" / "villages.geojson")
    assert "located" not in data.villages.columns and data.villages.geom_type.eq("Point").all()  # the file's, no list
    broken = demo.villages.copy()
    broken.loc[broken.index[0], "geometry"] = None
    with pytest.raises(SchemaError, match="no geometry"):
        dxmap.reconcile(demo.records, demo.communes, broken)
    # a list whose row says it is located but has no place is refused alike
    listed = villages_from_records(demo.records, demo.communes)
    with pytest.raises(SchemaError, match="no geometry"):
        dxmap.reconcile(demo.records, demo.communes, listed.assign(located=listed.index == 0))
    assert dxmap.reconcile(demo.records, demo.communes, listed)["outcome"].eq("matched").all()


def test_the_cli_summary_and_map_count_the_listed_villages(tmp_path):
    summary = CliRunner().invoke(main, ["summary", "--records", str(SAMPLE), "--format", "json", "-q", "--lang", "en"])
    assert summary.exit_code == 0, summary.output
    assert '"villages": 1554' in summary.stdout and '"count": 56' in summary.stdout
    result = CliRunner().invoke(main, ["map", "--records", str(SAMPLE), "--out", str(tmp_path / "m.html"), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "not drawn (give --villages to draw them)" in result.stderr
    assert '"np":[0,1,2' in (tmp_path / "m.html").read_text(encoding="utf-8").replace(" ", "")


def test_a_village_whose_rows_give_a_position_is_placed_there_and_drawn(demo, caplog, tmp_path):
    """QA33 L8: the position a record gives for its village was not used; the village is placed at the median of its
    rows' positions, and only the others are listed without a marker."""
    recs = _records([
        {"commune_code": "02692", "village_name": "Bản Nậm", "lon": 103.60, "lat": 22.70},
        {"commune_code": "02692", "village_name": "Bản Nậm", "technology": "mobile", "lon": 103.62, "lat": 22.72},
        {"commune_code": "02692", "village_name": "Thôn 2"},
        {"commune_code": "02692", "village_name": "Thôn 3", "lon": 22.70, "lat": 103.60},  # swapped (QA34 N5)
        {"commune_code": "02692", "village_name": "Thôn 4", "lon": 105.85, "lat": 21.03},  # Hà Nội's
    ]).assign(file="p.csv", row=range(2, 7))
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        listed = villages_from_records(recs, demo.communes)
    assert ("2 rows give a position (longitude, latitude) outside their village's commune (p.csv row 5, p.csv row 6): "
            "not used to place the village; check them (longitude and latitude swapped?)") in caplog.text
    assert listed["located"].tolist() == [True, False, False, False]
    assert listed.geometry.iloc[0].x == pytest.approx(103.61) and listed.geometry.iloc[0].y == pytest.approx(22.71)
    outcomes = dxmap.reconcile(recs, demo.communes, listed)
    assert outcomes["outcome"].eq("matched").all()
    status = dxmap.unit_status(outcomes, demo.communes, listed, as_of="2024-06-30")
    page = save_map(gap_map(status, demo.communes, villages=listed), tmp_path / "m.html")
    assert '"np":[1,2,3]' in page.read_text(encoding="utf-8").replace(" ", "")  # Bản Nậm alone has a marker
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        near = dxmap.nearest_covered(status, technology="fibre")
    assert len(near) == 4 and "3 units have no location (villages listed from the records" in caplog.text


def test_two_kinds_of_village_of_one_number_are_two_and_a_number_of_one_kind_joins_its_plain_spelling(demo):
    """QA34 N3: "Thôn I" / "Tổ dân phố I", "Thôn 5A" / "TDP 5A" were one village each; QA35 H1: "Tiểu khu 1" and "Đội 1"
    with "Thôn 1". N3b: "Thôn 1" of one round and "1" of the next were two. A name that is no number keeps its
    plain key (QA35 M1: "Tô Hiệu" was read as "Tổ Hiệu"), so "Thôn Trung Tâm" and "TDP Trung Tâm" are one."""
    recs = _records([{"commune_code": "02692", "village_name": n} for n in (
        "Thôn I", "Tổ dân phố I", "Thôn 5A", "TDP 5A", "Thôn Trung Tâm", "TDP Trung Tâm")]
        + [{"commune_code": "02695", "village_name": "Thôn 1", "as_of": "2024-03-31"},
           {"commune_code": "02695", "village_name": "1", "status": "covered"},
           {"commune_code": "02701", "village_name": "Bản Nà Lang"}, {"commune_code": "02701", "village_name": "Nà Lang",
                                                                       "technology": "mobile"},
           {"commune_code": "02701", "village_name": "Thôn Tô Hiệu"}, {"commune_code": "02701", "village_name": "Tô Hiệu",
                                                                        "technology": "mobile"}]
        + [{"commune_code": "02707", "village_name": n} for n in ("Thôn 1", "Tiểu khu 1", "Đội 1")])
    listed = villages_from_records(recs, demo.communes)
    assert listed["name"].tolist() == ["Thôn I", "Tổ dân phố I", "Thôn 5A", "TDP 5A", "Thôn Trung Tâm", "Thôn 1",
                                       "Bản Nà Lang", "Thôn Tô Hiệu", "Thôn 1", "Tiểu khu 1", "Đội 1"]
    out = dxmap.reconcile(recs, demo.communes, listed)
    assert out["outcome"].drop(5).eq("matched").all() and out["outcome"][5] == "duplicate"  # TDP Trung Tâm: one village
    assert out["unit_id"].iloc[6] == out["unit_id"].iloc[7] and out["unit_id"].iloc[8] == out["unit_id"].iloc[9]
    assert out["unit_id"].iloc[10] == out["unit_id"].iloc[11] and out["unit_id"].iloc[12:].nunique() == 3


def test_a_cell_that_says_the_whole_commune_names_no_village_and_a_real_name_is_kept(demo):
    """QA35 H2: "Toàn xã:", "(Toàn xã)", "Cả xã A Lù", "Chung toàn xã", "Xã A Lù" made villages; M2: "Toàn Xá" and
    "Cà Xá", real names, were swallowed."""
    whole = ("Toàn xã:", "Toàn xã.", "(Toàn xã)", "Toàn xã A Lù", "Cả xã A Lù", "Chung toàn xã", "Xã A Lù", "toan xa",
             "Toàn xã (trừ Thôn 1)", "Toàn bộ xã", "X. A Lù", "Toàn xa", "Toàn thôn", "Tất cả các thôn",
             "Toàn bộ địa bàn xã", "Các thôn")  # the second line: QA36 N2
    kept = ("Toàn Xá", "Cà Xá", "Toan Xanh", "Xã Mới")
    recs = _records([{"commune_code": "02692", "village_name": n} for n in whole + kept])
    assert villages_from_records(recs, demo.communes)["name"].tolist() == list(kept)


def test_a_position_of_a_commune_without_an_outline_is_checked_against_the_whole_layer(demo, caplog):
    """QA35 M3: a commune without a geometry kept every position, a point in Hà Nội too."""
    communes = demo.communes.copy()
    communes.loc[communes["code"].eq("02692"), "geometry"] = None
    recs = _records([{"commune_code": "02692", "village_name": "Bản Nậm", "lon": 103.60, "lat": 22.70},
                     {"commune_code": "02692", "village_name": "Thôn 4", "lon": 105.85, "lat": 21.03}])
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        listed = villages_from_records(recs, communes)
    assert listed["located"].tolist() == [True, False] and "1 row gives a position" in caplog.text


def test_a_row_for_the_whole_commune_never_matches_a_village_of_the_commune_s_name(demo):
    """QA36 N1: "Xã Mường Hum" (the commune's row) matched Thôn Mường Hum, and "Toàn xã" the village "Toàn Xá", hiding
    their gaps; against a village layer as against a list. Its fibre cell is unmatched, naming the cell."""
    recs = _records([{"commune_code": "02701", "village_name": "Thôn Y Tý", "as_of": "2024-03-31"},
                     {"commune_code": "02701", "village_name": "Xã Y Tý", "status": "covered"},
                     {"commune_code": "02692", "village_name": "Toàn Xá", "as_of": "2024-03-31"},
                     {"commune_code": "02692", "village_name": "Toàn xã", "status": "covered"}])
    listed = villages_from_records(recs, demo.communes)
    assert listed["name"].tolist() == ["Thôn Y Tý", "Toàn Xá"]
    layer = pd.concat([demo.villages, listed.assign(village_id=["L1", "L2"]).drop(columns="located")
                       .set_geometry(gpd.points_from_xy([103.5, 103.6], [22.7, 22.7], crs=4326))], ignore_index=True)
    for villages in (listed, layer):
        out = dxmap.reconcile(recs, demo.communes, villages)
        assert out["outcome"].tolist() == ["matched", "unmatched", "matched", "unmatched"]
        assert out["reason"].iloc[1] == ("fibre is counted per village, but the row's village cell ('Xã Y Tý') names the "
                                         "whole commune, not a village: give each village its own row")
        assert out["suggestions"].iloc[[1, 3]].tolist() == ["", ""]  # no namesake offered (QA37 L2)


def test_a_village_named_like_its_commune_is_a_village(demo):
    """QA37 H1: "Xà Hồ" in Xã Xà Hồ and "Phương Tiến" in Phương Tiến were read as "Xã …", "Phường …": the whole
    commune. Its unit word counts as spelt ("Xã", "Phường") or plain ("Xa", "Phuong"), never as another word."""
    communes = demo.communes.copy()
    communes.loc[communes["code"].eq("02692"), "name"] = "Xà Hồ"
    communes.loc[communes["code"].eq("02695"), "name"] = "Phương Tiến"
    recs = _records([{"commune_code": "02692", "village_name": "Xà Hồ"},
                     {"commune_code": "02695", "village_name": "Phương Tiến"},
                     {"commune_code": "02692", "village_name": "Xã Xà Hồ", "technology": "mobile"}])
    assert villages_from_records(recs, communes)["name"].tolist() == ["Xà Hồ", "Phương Tiến"]


def test_one_kind_written_otherwise_is_one_village(demo):
    """QA36 N3: "Khu 2" / "Khu phố 2" and "Bản 3" / "Thôn 3" were two villages each; "Bản Vi" / "Thôn Vi" too ("Vi"
    read as VI)."""
    recs = _records([{"commune_code": "02692", "village_name": n} for n in (
        "Khu 2", "Khu phố 2", "Bản 3", "Thôn 3", "Thôn VI", "Tổ dân phố VI")]
        + [{"commune_code": "02695", "village_name": n} for n in ("Bản Vi", "Thôn Vi", "Tổ Vi")])
    assert villages_from_records(recs, demo.communes)["name"].tolist() == ["Khu 2", "Bản 3", "Thôn VI",
                                                                        "Tổ dân phố VI", "Bản Vi"]


def test_a_village_written_otherwise_in_another_round_is_one_village(demo):
    """QA33 L9: "Thôn I" of one round and "Thôn 1" of the next were two villages, and so were "Tổ DP 3" / "Tổ dân phố
    3", "TK 2" / "Tiểu khu 2" and "Buôn 1" / "Thôn 1"; later "T.K 5" / "Tiểu khu 5" and "Thôn II A" / "Thôn 2A".
    "Bản Vi" is a name, not Bản 6."""
    pairs = [("Thôn I", "Thôn 1"), ("Tổ DP 3", "Tổ dân phố 3"), ("TK 2", "Tiểu khu 2"), ("Buôn 4", "Thôn 4"),
             ("Bản Vi", "Bản 6"), ("T.K 5", "Tiểu khu 5"), ("Thôn II A", "Thôn 2A")]
    recs = _records([{"commune_code": "02692", "village_name": a, "as_of": "2024-03-31"} for a, _ in pairs]
                    + [{"commune_code": "02692", "village_name": b, "status": "covered"} for _, b in pairs])
    listed = villages_from_records(recs, demo.communes)
    assert listed["name"].tolist() == ["Thôn I", "Tổ DP 3", "TK 2", "Buôn 4", "Bản Vi", "T.K 5", "Thôn II A", "Bản 6"]
    out = dxmap.reconcile(recs, demo.communes, listed)
    assert out["outcome"].eq("matched").all()
    fibre = dxmap.unit_status(out, demo.communes, listed, technologies="fibre").set_index("name")["status"]
    assert fibre.to_dict() == {"Thôn I": "covered", "Tổ DP 3": "covered", "TK 2": "covered", "Buôn 4": "covered",
                               "Bản Vi": "none", "Bản 6": "covered", "T.K 5": "covered",
                               "Thôn II A": "covered"}  # the newer round counts


def test_a_sheet_whose_village_cells_all_say_the_whole_commune_is_told_so(demo):
    """QA37 low: with no village named, no list is made, and the reason was the generic "no village list"."""
    recs = _records([{"commune_code": "02701", "village_name": "Toàn xã"},
                     {"commune_code": "02692", "village_name": "Xã A Lù", "technology": "mobile"}])
    assert villages_from_records(recs, demo.communes) is None  # no village named: no list
    out = dxmap.reconcile(recs, demo.communes)
    assert out["outcome"].tolist() == ["unmatched", "unmatched"]
    assert out["reason"].tolist() == [
        "fibre is counted per village, but the row's village cell ('Toàn xã') names the whole commune, not a village: "
        "give each village its own row",
        "mobile is counted per village, but the row's village cell ('Xã A Lù') names the whole commune, not a village: "
        "give each village its own row"]

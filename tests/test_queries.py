"""dxmap.queries on hand-made squares: four 10 km communes, nine villages at whole kilometres.

Layout (km from the origin (500000, 2500000) of a projected CRS; see tests/data/queries/README.md)::

    y 20 +-----------------+-----------------+
         | 00003 Nam (002) | 00004 Bắc (002) |
         |  v6 (2,15)      |  v7 (12,15)  v8 (16,15)
    y 10 +-----------------+-----------------+
         | 00001 Đông (001)| 00002 Tây (001) |
         |  v3 (2,6)       |        v5 (18,6)|
         |  v1 (2,2) v2 (5,2) v9 (8,2)  v4 (15,2)
    y  0 +-----------------+-----------------+
         x 0               10                20

At 2024-06-30, fibre: v1 v4 v9 covered, v2 v3 v5 v6 none, v7 weak, v8 unknown; mobile: v3 none, v6 weak,
v9 unknown, the rest covered; lan: 00001 and 00003 none, 00002 covered, 00004 planned.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import pytest
from shapely.geometry import LineString, Point, box

import dxmap
from dxmap.errors import CRSError, OptionError, SchemaError, StatusValueError
from dxmap.gaps.queries import gap_change, metric_crs
from dxmap.gaps.status import picture_date

X0, Y0 = 500_000.0, 2_500_000.0
AS_OF = "2024-06-30"
# (village_id, name, commune_code, x_km, y_km, population); v9 comes first so position order is not id order.
VILLAGES = [
    ("00001-009", "Thôn 9", "00001", 8, 2, 900),
    ("00001-001", "Thôn 1", "00001", 2, 2, 100),
    ("00001-002", "Thôn 2", "00001", 5, 2, 200),
    ("00001-003", "Thôn 3", "00001", 2, 6, 300),
    ("00002-004", "Bản 4", "00002", 15, 2, 400),
    ("00002-005", "Bản 5", "00002", 18, 6, 500),
    ("00003-006", "Thôn 6", "00003", 2, 15, 600),
    ("00004-007", "Thôn 7", "00004", 12, 15, 700),
    ("00004-008", "Thôn 8", "00004", 16, 15, 800),
]
COMMUNES = [("00001", "Đông", "001", "Một", 0, 0), ("00002", "Tây", "001", "Một", 10, 0),
            ("00003", "Nam", "002", "Hai", 0, 10), ("00004", "Bắc", "002", "Hai", 10, 10)]


def km(x: float, y: float) -> tuple[float, float]:
    return X0 + x * 1000, Y0 + y * 1000


def layers(crs: str) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Communes and villages with these coordinates in ``crs`` (any metric CRS with a 500 km false easting)."""
    communes = gpd.GeoDataFrame(
        {"code": [c[0] for c in COMMUNES], "name": [c[1] for c in COMMUNES],
         "district_code": [c[2] for c in COMMUNES], "district_name": [c[3] for c in COMMUNES]},
        geometry=[box(*km(c[4], c[5]), *km(c[4] + 10, c[5] + 10)) for c in COMMUNES], crs=crs)
    villages = gpd.GeoDataFrame(
        {"village_id": [v[0] for v in VILLAGES], "name": [v[1] for v in VILLAGES],
         "commune_code": [v[2] for v in VILLAGES], "population": [v[5] for v in VILLAGES]},
        geometry=[Point(km(v[3], v[4])) for v in VILLAGES], crs=crs)
    # as_* return EPSG:4326; the squares are kept exact in ``crs`` (a round trip would move them by micrometres)
    return (dxmap.as_communes(communes).set_geometry(communes.geometry.values, crs=crs),
            dxmap.as_villages(villages).set_geometry(villages.geometry.values, crs=crs))


@pytest.fixture(scope="module")
def records(data_dir):
    return dxmap.read_records(data_dir / "queries" / "records.csv")


def build(records: pd.DataFrame, crs: str):
    """(report, communes, villages, status at AS_OF); EPSG:4326 is made from the EPSG:32648 layout."""
    communes, villages = layers("EPSG:32648" if crs == "EPSG:4326" else crs)
    communes, villages = communes.to_crs(crs), villages.to_crs(crs)
    report = dxmap.reconcile(records, communes, villages)
    assert report["outcome"].eq("matched").all()
    return report, communes, villages, dxmap.unit_status(report, communes, villages, as_of=AS_OF)


@pytest.fixture(scope="module", params=["EPSG:32648", "EPSG:9208", "EPSG:4326"])
def world(request, records):
    return request.param, *build(records, request.param)


@pytest.fixture(scope="module")
def wgs(records):
    return build(records, "EPSG:4326")


def ids(frame: pd.DataFrame) -> list[str]:
    return [str(v) for v in frame["unit_id"]]


def route(crs: str) -> gpd.GeoDataFrame:
    """A straight planned route at y = 8 km, in the layout's CRS."""
    line = gpd.GeoDataFrame({"name": ["route"]}, geometry=[LineString([km(0, 8), km(20, 8)])],
                            crs="EPSG:32648" if crs == "EPSG:4326" else crs)
    return line.to_crs(crs)


# --- metric_crs ---------------------------------------------------------------------------------

def test_metric_crs_keeps_a_projected_input_and_picks_utm_for_lonlat(world):
    crs, _, _, _, status = world
    expected = {"EPSG:32648": 32648, "EPSG:9208": 9208, "EPSG:4326": 32648}[crs]
    assert metric_crs(status).to_epsg() == expected


def test_metric_crs_refuses_mercator_and_non_metric(wgs):
    status = wgs[3]
    assert metric_crs(status.to_crs("EPSG:3857")).to_epsg() == 32648
    assert metric_crs(status, crs="EPSG:9208").to_epsg() == 9208
    with pytest.raises(CRSError, match="not a projected CRS in metres"):
        metric_crs(status, crs="EPSG:4326")
    with pytest.raises(CRSError, match="not a CRS PROJ knows"):
        metric_crs(status, crs="EPSG:999999")
    with pytest.raises(CRSError, match="no CRS"):
        metric_crs(gpd.GeoDataFrame(geometry=[Point(0, 0)]))


# --- units_lacking ------------------------------------------------------------------------------

def test_units_lacking_at_two_dates_with_village_columns(world):
    crs, report, communes, villages, _ = world
    fibre = dxmap.units_lacking(report, communes, villages, technology="cáp quang", as_of=AS_OF)
    assert ids(fibre) == ["00001-002", "00001-003", "00002-005", "00003-006"]
    assert fibre["population"].tolist() == [200, 300, 500, 600]
    assert fibre.crs.to_epsg() == pyproj.CRS(crs).to_epsg()
    assert picture_date(fibre) == AS_OF
    before = dxmap.units_lacking(report, communes, villages, technology="fibre", as_of="2024-03-31")
    assert ids(before) == ["00001-001"]  # the others had no record yet: unknown, not none
    lan = dxmap.units_lacking(report, communes, villages, technology="lan", as_of="2024-03-31")
    assert ids(lan) == ["00002"] and "population" not in lan.columns
    assert ids(dxmap.units_lacking(report, communes, villages, technology="lan")) == ["00001", "00003"]
    weak = dxmap.units_lacking(report, communes, villages, technology="mobile", statuses=("none", "weak"))
    assert ids(weak) == ["00001-003", "00003-006"]


def test_units_lacking_without_gaps(records):
    report, communes, villages, _ = build(records.assign(status="covered"), "EPSG:32648")
    out = dxmap.units_lacking(report, communes, villages, technology="fibre")
    assert len(out) == 0 and {"unit_id", "status", "geometry"} <= set(out.columns)


def test_units_lacking_rejects_an_unknown_technology(wgs):
    report, communes, villages, _ = wgs
    with pytest.raises(StatusValueError, match="unknown technology"):
        dxmap.units_lacking(report, communes, villages, technology="satellite")


# --- nearest_covered ----------------------------------------------------------------------------

def test_nearest_covered_fibre_exact_distances(world):
    crs, _, _, _, status = world
    out = dxmap.nearest_covered(status, technology="fibre")
    assert ids(out) == ["00001-002", "00001-003", "00002-005", "00003-006"]
    # v2 is 3 km from both v1 and v9: the smaller id wins although v9 comes first in the layer.
    assert out["nearest_id"].tolist() == ["00001-001", "00001-001", "00002-004", "00001-001"]
    assert out["nearest_name"].tolist() == ["Thôn 1", "Thôn 1", "Bản 4", "Thôn 1"]
    assert out["nearest_commune_code"].tolist() == ["00001", "00001", "00002", "00001"]
    assert out["distance_m"].to_numpy() == pytest.approx([3000, 4000, 5000, 13000], abs=1e-6)
    assert out["distance_km"].to_numpy() == pytest.approx([3, 4, 5, 13], abs=1e-9)
    assert out.crs.to_epsg() == pyproj.CRS(crs).to_epsg()
    # rows keep their index in status, and their geometry in the input CRS
    assert ids(status.loc[out.index]) == ids(out)
    assert out.geometry.geom_equals(status.loc[out.index].geometry).all()


def test_nearest_covered_options_and_commune_level(wgs):
    status = wgs[3]
    weak_too = dxmap.nearest_covered(status, technology="mobile", gap=("none", "weak"))
    assert ids(weak_too) == ["00001-003", "00003-006"]
    assert weak_too["nearest_id"].tolist() == ["00001-001", "00004-007"]
    assert weak_too["distance_km"].to_numpy() == pytest.approx([4, 10], abs=1e-9)
    lan = dxmap.nearest_covered(status, technology="lan")
    assert ids(lan) == ["00001", "00003"] and lan["nearest_id"].tolist() == ["00002", "00002"]
    assert lan["distance_m"].to_numpy() == pytest.approx([0, 0], abs=1e-6)  # squares touching 00002
    in_9208 = dxmap.nearest_covered(status, technology="fibre", crs="EPSG:9208")
    assert in_9208["distance_m"].iloc[0] == pytest.approx(3000, rel=5e-4)  # other scale, same picture


def test_nearest_covered_without_gaps_or_without_coverage(wgs):
    status = wgs[3]
    none_gap = dxmap.nearest_covered(status.assign(status="covered"), technology="fibre")
    assert len(none_gap) == 0 and {"nearest_id", "distance_m", "distance_km"} <= set(none_gap.columns)
    nothing_covered = dxmap.nearest_covered(status.assign(status="none"), technology="fibre")
    assert len(nothing_covered) == 9
    assert nothing_covered["distance_m"].isna().all() and nothing_covered["nearest_id"].isna().all()


# --- gaps_near ----------------------------------------------------------------------------------

def test_gaps_near_a_route_exact(world):
    crs, _, _, _, status = world
    line = route(crs)
    # v3 and v5 are 2 km from the line; 2.5 km keeps the test clear of rounding in the EPSG:4326 round trip
    near = dxmap.gaps_near(status, line, technology="fibre", within_km=2.5)
    assert ids(near) == ["00001-003", "00002-005"]
    assert near["distance_m"].to_numpy() == pytest.approx([2000, 2000], abs=1e-6)
    assert near["feature"].tolist() == [0, 0]
    assert near.crs.to_epsg() == pyproj.CRS(crs).to_epsg()
    wider = dxmap.gaps_near(status, line, technology="fibre", within_km=6.5)
    assert ids(wider) == ["00001-003", "00002-005", "00001-002"]
    assert wider["distance_km"].to_numpy() == pytest.approx([2, 2, 6], abs=1e-9)
    assert ids(dxmap.gaps_near(status, line, technology="mobile", within_km=2.5)) == ["00001-003"]
    assert len(dxmap.gaps_near(status, line, technology="fibre", within_km=1)) == 0


def test_gaps_near_is_inclusive_and_labels_point_features(records):
    status = build(records, "EPSG:32648")[3]
    assert ids(dxmap.gaps_near(status, route("EPSG:32648"), technology="fibre", within_km=2)) == ["00001-003", "00002-005"]
    sites = gpd.GeoSeries([Point(km(18, 9)), Point(km(2, 14))], index=["site-a", "site-b"], crs="EPSG:32648")
    near = dxmap.gaps_near(status, sites, technology="fibre", within_km=3)
    assert ids(near) == ["00003-006", "00002-005"]
    assert near["feature"].tolist() == ["site-b", "site-a"]
    assert near["distance_m"].tolist() == [1000.0, 3000.0]
    # within 0 km: the units a feature touches (geopandas refuses max_distance=0; it reached the user raw)
    on = gpd.GeoSeries([Point(km(2, 14)).buffer(1500.0)], index=["area"], crs="EPSG:32648")
    touching = dxmap.gaps_near(status, on, technology="fibre", within_km=0)
    assert ids(touching) == ["00003-006"] and touching["distance_m"].tolist() == [0.0]
    assert len(dxmap.gaps_near(status, sites, technology="fibre", within_km=0)) == 0


def test_gaps_near_a_route_read_from_a_file_in_another_crs(wgs, data_dir):
    status = wgs[3]
    line = gpd.read_file(data_dir / "queries" / "planned_route.geojson")
    assert line.crs.to_epsg() == 32648 and status.crs.to_epsg() == 4326
    near = dxmap.gaps_near(status, line, technology="FTTH", within_km=2.5)
    assert ids(near) == ["00001-003", "00002-005"]
    assert near["distance_m"].to_numpy() == pytest.approx([2000, 2000], abs=1e-6)


def test_gaps_near_without_gaps_and_bad_arguments(wgs):
    status = wgs[3]
    empty = dxmap.gaps_near(status.assign(status="covered"), route("EPSG:4326"), technology="fibre", within_km=50)
    assert len(empty) == 0 and {"feature", "distance_m", "distance_km"} <= set(empty.columns)
    assert len(dxmap.gaps_near(status, route("EPSG:4326").iloc[:0], technology="fibre", within_km=50)) == 0
    with pytest.raises(OptionError, match="within_km=-1"):
        dxmap.gaps_near(status, route("EPSG:4326"), technology="fibre", within_km=-1)
    with pytest.raises(CRSError, match="features: the layer has no CRS"):
        dxmap.gaps_near(status, gpd.GeoSeries([Point(0, 0)]), technology="fibre", within_km=1)
    with pytest.raises(SchemaError, match="unit_status"):
        dxmap.gaps_near(status.drop(columns="status"), route("EPSG:4326"), technology="fibre", within_km=1)


# --- gap_change ---------------------------------------------------------------------------------

def _cols(frame: pd.DataFrame, *cols: str) -> list[list]:
    return frame[list(cols)].to_numpy().tolist()


def test_gap_change_of_a_route(world):
    crs, _, _, villages, status = world
    near = dxmap.gaps_near(status, route(crs), technology="fibre", within_km=2.5)
    whole = gap_change(status, near, villages=villages)
    assert list(whole.columns) == ["technology", "level", "gaps_before", "connected", "gaps_after",
                                   "people_before", "people_connected", "people_after"]
    assert _cols(whole, "technology", "level", "gaps_before", "connected", "gaps_after",
                 "people_before", "people_connected", "people_after") == [
        ["mobile", "village", 1, 0, 1, 300, 0, 300],
        ["fibre", "village", 4, 2, 2, 1600, 800, 800],
        ["lan", "commune", 2, 0, 2, 0, 0, 0],
    ]
    per = gap_change(status, near, by="district")
    assert "people_before" not in per.columns
    assert _cols(per, "district_code", "district_name", "technology", "gaps_before", "connected", "gaps_after") == [
        ["001", "Một", "mobile", 1, 0, 1], ["001", "Một", "fibre", 3, 2, 1], ["001", "Một", "lan", 1, 0, 1],
        ["002", "Hai", "mobile", 0, 0, 0], ["002", "Hai", "fibre", 1, 0, 1], ["002", "Hai", "lan", 1, 0, 1],
    ]
    per_commune = gap_change(status, near, by="commune", villages=villages)
    fibre = per_commune[per_commune["technology"].eq("fibre")]
    assert _cols(fibre, "commune_code", "gaps_before", "connected", "gaps_after", "people_connected") == [
        ["00001", 2, 1, 1, 300], ["00002", 1, 1, 0, 500], ["00003", 1, 0, 1, 0], ["00004", 0, 0, 0, 0]]


def test_gap_change_counts_only_gaps_of_the_row_technology(wgs):
    status = wgs[3]
    connected = pd.DataFrame({"unit_id": ["00001-001", "00001-003", "00001-003", "00003"],
                              "technology": ["fibre", "FTTH", dxmap.Technology.MOBILE, "lan"]})
    out = gap_change(status.assign(population=np.arange(len(status))), connected)
    assert _cols(out, "technology", "gaps_before", "connected", "gaps_after") == [
        ["mobile", 1, 1, 0], ["fibre", 4, 1, 3], ["lan", 2, 1, 1]]
    assert "people_connected" in out.columns  # a population column of status itself is used


def test_gap_change_without_gaps_and_bad_arguments(wgs):
    status = wgs[3]
    out = gap_change(status.assign(status="covered"), status.iloc[:0])
    assert out[["gaps_before", "connected", "gaps_after"]].to_numpy().sum() == 0 and len(out) == 3
    with pytest.raises(OptionError, match="by='county'"):
        gap_change(status, status, by="county")
    with pytest.raises(SchemaError, match="connected: no column 'technology'"):
        gap_change(status, status[["unit_id"]])


# --- rank_communes ------------------------------------------------------------------------------

def test_rank_communes_by_people_and_by_villages(world):
    _, _, _, villages, status = world
    by_people = dxmap.rank_communes(status, technology="fibre", villages=villages)
    assert list(by_people.columns) == ["technology", "rank", "commune_code", "commune_name", "district_code",
                                       "district_name", "villages", "villages_total", "people", "people_total"]
    assert _cols(by_people, "rank", "commune_code", "commune_name", "district_code", "villages", "villages_total",
                 "people", "people_total") == [
        [1, "00003", "Nam", "002", 1, 1, 600, 600],
        [2, "00001", "Đông", "001", 2, 4, 500, 1500],  # tie on people: more villages first
        [2, "00002", "Tây", "001", 1, 2, 500, 900],
    ]
    by_villages = dxmap.rank_communes(status, technology="fibre", villages=villages, by="villages")
    assert _cols(by_villages, "rank", "commune_code", "villages", "people") == [
        [1, "00001", 2, 500], [2, "00003", 1, 600], [2, "00002", 1, 500]]
    both = dxmap.rank_communes(status, villages=villages)
    assert _cols(both, "technology", "rank", "commune_code", "people") == [
        ["mobile", 1, "00001", 300], ["fibre", 1, "00003", 600], ["fibre", 2, "00001", 500], ["fibre", 2, "00002", 500]]
    # a village layer repeating an id (one unit drawn twice) counts its people once, as the report does
    twice = pd.concat([villages, villages.iloc[:1]], ignore_index=True)
    assert dxmap.rank_communes(status, technology="fibre", villages=twice).equals(by_people)


def test_rank_communes_without_population_or_gaps(wgs):
    status = wgs[3]
    plain = dxmap.rank_communes(status, technology="fibre")
    assert list(plain.columns) == ["technology", "rank", "commune_code", "commune_name", "district_code",
                                   "district_name", "villages", "villages_total"]
    assert plain["commune_code"].tolist() == ["00001", "00002", "00003"]  # ties on villages: by code
    assert plain["rank"].tolist() == [1, 2, 2]
    with pytest.raises(SchemaError, match="by='people' needs a 'population' column"):
        dxmap.rank_communes(status, by="people")
    with pytest.raises(OptionError, match="lan is recorded per commune"):  # an option value (QA69 F8)
        dxmap.rank_communes(status, technology="lan")
    none_left = dxmap.rank_communes(status.assign(status="covered"), villages=wgs[2])
    assert len(none_left) == 0 and {"rank", "villages", "people"} <= set(none_left.columns)


# --- a table of two pictures ----------------------------------------------------------------------

def test_queries_refuse_a_table_of_two_pictures(wgs):
    report, communes, villages, status = wgs
    two = pd.concat([status, dxmap.unit_status(report, communes, villages, as_of="2024-03-31")])
    several = r"several dates \(as_of: '2024-03-31', '2024-06-30'\)"
    with pytest.raises(SchemaError, match=several):
        gap_change(two, dxmap.gap_units(status, technology="fibre"))
    with pytest.raises(SchemaError, match=several):
        dxmap.rank_communes(two, technology="fibre")
    with pytest.raises(SchemaError, match=several):
        dxmap.nearest_covered(two, technology="fibre")
    with pytest.raises(SchemaError, match=several):
        dxmap.gaps_near(two, route("EPSG:4326"), technology="fibre", within_km=2)


def test_values_outside_the_vocabulary_are_refused_not_left_out_of_the_counts(wgs):
    """QA69 F5: a status table edited to "Covered"/"None" (a spreadsheet's round trip) made summarise say 0 of 0, and
    one "connected" made the total one short; a technology "FTTH" was counted by summarise, not by gap_units."""
    status = wgs[3]
    titled = status.assign(status=status["status"].str.capitalize())
    calls = [dxmap.summarise, lambda s: dxmap.gap_units(s, technology="fibre"),
             lambda s: dxmap.rank_communes(s, technology="fibre"), lambda s: gap_change(s, s.iloc[:0]),
             lambda s: dxmap.nearest_covered(s, technology="fibre")]
    for call in calls:
        with pytest.raises(StatusValueError, match=r"rows have a status that is not one of dxmap's values: 'Covered' "
                                                   r"\([\d,]+ rows: .*replace\(\{'Covered': 'covered'"):
            call(titled)
    scenario = status.copy()
    scenario.loc[scenario.index[0], "status"] = "connected"
    scenario.loc[scenario.index[1], "status"] = None
    with pytest.raises(StatusValueError,
                       match=r"2 of [\d,]+ rows .*'connected' \(1 row: \S+\), None \(1 row: \S+\)\..* Use one of "):
        dxmap.summarise(scenario)
    ftth = status.assign(technology=status["technology"].replace({"fibre": "FTTH"}))
    with pytest.raises(StatusValueError, match=r"a technology .*'FTTH'.*replace\(\{'FTTH': 'fibre'\}\)"):
        dxmap.summarise(ftth)
    assert dxmap.summarise(status)["total"].sum() == len(status)  # dxmap's own table passes as it is


def test_a_summary_reads_technologies_in_their_order_from_categorical_columns(wgs):
    """QA69 F11: with technology and status as categories, summarise sorted fibre, lan, mobile."""
    status = wgs[3]
    plain = dxmap.summarise(status)
    categorical = dxmap.summarise(status.astype({"technology": "category", "status": "category"}))
    assert categorical["technology"].astype(str).tolist() == plain["technology"].tolist()
    assert plain["technology"].tolist()[:2] == ["mobile", "fibre"]


# --- no function modifies its inputs -------------------------------------------------------------

def test_inputs_are_not_modified(wgs):
    report, communes, villages, status = wgs
    line = route("EPSG:4326")
    copies = [f.copy(deep=True) for f in (report, communes, villages, status, line)]
    near = dxmap.gaps_near(status, line, technology="fibre", within_km=2.5)
    near_copy = near.copy(deep=True)
    dxmap.units_lacking(report, communes, villages, technology="fibre")
    dxmap.nearest_covered(status, technology="fibre")
    gap_change(status, near, by="commune", villages=villages)
    dxmap.rank_communes(status, villages=villages)
    for before, after in zip(copies + [near_copy], (report, communes, villages, status, line, near)):
        pd.testing.assert_frame_equal(before, after)


def test_communes_on_a_shared_outline_are_named_in_every_query(records):
    """00001 Đông and 00003 Nam drawn as one polygon (as the Sa Pa cluster is): their rows say so, since their
    geometry (and any distance or point taken from it) is the shared outline's, not their own."""
    communes, villages = layers("EPSG:32648")
    west = box(*km(0, 0), *km(10, 20))
    shared = communes["code"].isin(["00001", "00003"]).to_numpy()
    communes = communes.assign(map_unit=np.where(shared, "west", communes["code"]))
    communes = communes.set_geometry([west if s else g for s, g in zip(shared, communes.geometry)], crs="EPSG:32648")
    report = dxmap.reconcile(records, communes, villages)
    status = dxmap.unit_status(report, communes, villages, as_of=AS_OF)
    lan = dxmap.units_lacking(report, communes, villages, technology="lan")
    assert ids(lan) == ["00001", "00003"] and lan["shared_outline"].tolist() == ["Nam", "Đông"]
    assert lan.columns[-1] == "shared_outline"
    fibre = dxmap.units_lacking(report, communes, villages, technology="fibre")
    assert fibre["shared_outline"].eq("").all()  # a village's point is its own
    nearest = dxmap.nearest_covered(status, technology="lan")
    assert nearest.set_index("unit_id")["shared_outline"].to_dict() == {"00001": "Nam", "00003": "Đông"}
    near = dxmap.gaps_near(status, route("EPSG:32648"), technology="lan", within_km=0.5)  # the line crosses "west"
    assert ids(near) == ["00001", "00003"] and near["shared_outline"].tolist() == ["Nam", "Đông"]
    assert dxmap.gaps_near(status, route("EPSG:32648"), technology="fibre", within_km=6.5)["shared_outline"].eq("").all()
    # own outlines: the column is there and blank
    plain = dxmap.nearest_covered(build(records, "EPSG:32648")[3], technology="lan")
    assert plain["shared_outline"].tolist() == ["", ""]


def test_former_communes_of_a_picture_in_the_2025_units_name_the_ones_on_their_outline(demo):
    """QA44 M4: moved to the 2025-07 units, each former commune's LAN row is drawn on its new unit's outline, so the
    gaps were 0 km from their neighbours in it, and shared_outline said nothing of it."""
    status = dxmap.analyse(demo, units="2025-07").status
    near = dxmap.nearest_covered(status, technology="lan").set_index("unit_id")
    lan = status[status["technology"].eq("lan")]
    siblings = lan[lan["commune_code"].eq(lan.set_index("unit_id").at["02707", "commune_code"])]
    assert sorted(siblings["old_commune_name"]) == ["Dền Sáng", "Dền Thàng", "Sàng Ma Sáo"]  # Dền Sáng's new unit
    assert near.at["02707", "shared_outline"] == "Sàng Ma Sáo, Dền Thàng"
    assert dxmap.nearest_covered(dxmap.analyse(demo).status, technology="lan")["shared_outline"].ne("").sum() == 2


def test_people_are_read_alike_by_queries_report_and_map(world):
    from dxmap.gaps.queries import village_people

    _, _, _, villages, status = world
    fibre = status[status["technology"].eq("fibre")]
    gap = fibre[fibre["status"].eq("none") & fibre["commune_code"].eq("00003")]["unit_id"].iloc[0]
    odd = villages.assign(population=villages["population"].astype(object))
    odd.loc[odd["village_id"].eq(gap), "population"] = -600  # a negative head count is no count
    people = village_people(fibre, odd)
    assert np.isnan(people[fibre["unit_id"].eq(gap).to_numpy()]).all()
    assert people.notna().sum() == fibre["level"].eq("village").sum() - 1
    ranked = dxmap.rank_communes(status, technology="fibre", villages=odd)
    assert ranked.set_index("commune_code").loc["00003", "people"] == 0  # was -600 before the one lookup
    assert village_people(fibre, villages.drop(columns="population")) is None
    assert village_people(fibre, None) is None


def test_by_commune_in_the_2025_units_is_one_row_per_commune(demo):
    """QA65 F1/F2: a 2025-07 commune of former communes of two former districts (Bảo Hà: former Bảo Yên and Văn
    Bàn) was ranked twice and summarised once per former district, each with part of its villages."""
    status = dxmap.analyse(demo, units="2025-07").status
    villages = status[status["level"].eq("village") & status["technology"].eq("fibre")]
    rank = dxmap.rank_communes(status, technology="fibre", villages=demo.villages)
    assert not rank["commune_code"].duplicated().any()
    bao_ha = rank[rank["commune_code"].eq("02989")].iloc[0]
    mine = villages[villages["commune_code"].eq("02989")]
    assert bao_ha["villages_total"] == len(mine) and bao_ha["villages"] == mine["status"].eq("none").sum() == 3
    assert bao_ha["district_name"] == "Bảo Yên, Văn Bàn" and bao_ha["district_code"] == "087, 089"
    by_commune = dxmap.summarise(status, by="commune")
    pairs = status[["commune_code", "technology"]].dropna().drop_duplicates()
    assert len(by_commune) == len(by_commune[["commune_code", "technology"]].drop_duplicates()) == len(pairs)
    fibre = by_commune[by_commune["technology"].eq("fibre")].set_index("commune_code")["total"]
    assert (fibre == villages.groupby("commune_code").size().reindex(fibre.index)).all()
    assert len(gap_change(status, status.iloc[:0], by="commune")) == len(by_commune)
    per_district = dxmap.summarise(status, by="district")  # per former district a commune still counts in each
    assert per_district.loc[per_district["technology"].eq("fibre"), "total"].sum() == len(villages)


def test_a_population_column_that_is_not_there_is_refused(demo):
    """QA65 F9: population='dan_so' (no such column) ranked by villages without a word."""
    status = dxmap.analyse(demo).status
    with pytest.raises(SchemaError, match=r"population='dan_so'.*population, illustrative"):
        dxmap.rank_communes(status, villages=demo.villages, population="dan_so")
    with pytest.raises(SchemaError, match=r"no villages= given"):
        gap_change(status, status.iloc[:0], population="dan_so")
    assert "people" in dxmap.rank_communes(status, villages=demo.villages, population="population").columns
    assert "people" not in dxmap.rank_communes(status).columns  # the default may be missing: villages counted


def test_a_web_mercator_crs_an_empty_layer_and_a_zoned_date_are_said(demo):
    """QA65 F12, F14, F25: a time-zoned as_of ended in pandas' TypeError; crs=3857 measured 8 % long without a word;
    metric_crs of a layer without geometry failed inside pyproj."""
    status = dxmap.unit_status(demo.outcomes, demo.communes, demo.villages,
                               as_of=pd.Timestamp("2024-06-30 23:30", tz="Asia/Ho_Chi_Minh"))
    assert status["as_of"].iloc[0] == pd.Timestamp("2024-06-30")  # the day there
    with pytest.raises(CRSError, match=r"crs=3857 \(WGS 84 / Pseudo-Mercator\) is a Mercator"):
        dxmap.nearest_covered(status, technology="fibre", crs=3857)
    for empty in (status.iloc[:0], status.assign(geometry=None)):
        with pytest.raises(CRSError, match="no geometry to choose a UTM zone by"):
            metric_crs(empty)
    assert metric_crs(status, crs="EPSG:9208").to_epsg() == 9208

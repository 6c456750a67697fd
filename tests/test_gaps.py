"""Unit status at a date, gap selection and roll-ups."""

from __future__ import annotations

import pandas as pd
import pytest

import dxmap
from dxmap.errors import CRSError, OptionError, SchemaError, SnapshotDateError, StatusValueError
from dxmap.io.records import as_records
from dxmap.gaps.status import communes_without_data, picture_date, summary_dict


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
    assert picture_date(status) == "2024-06-30" and status["as_of"].eq(pd.Timestamp("2024-06-30")).all()


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
    fibre = dxmap.gap_units(status, technology="fibre")
    assert fibre["unit_id"].tolist() == ["00002-001"]
    wider = dxmap.gap_units(status, technology="fibre", statuses=("none", "planned"))
    assert sorted(wider["unit_id"]) == ["00002-001", "00003-002"]


def test_picture_date_reads_text_day_first_and_datetimes_as_written(fixture_status):
    status, *_ = fixture_status
    assert picture_date(status.assign(as_of="01/06/2024")) == "2024-06-01"  # as parse_date: 1 June, day first
    assert picture_date(status.assign(as_of="2024-06-30")) == "2024-06-30"
    assert picture_date(status.assign(as_of=status["as_of"].astype("datetime64[s]"))) == "2024-06-30"
    midnight = pd.Timestamp("2024-06-30 00:00", tz="Asia/Ho_Chi_Minh")  # 2024-06-29 17:00 in UTC
    assert picture_date(status.assign(as_of=midnight)) == "2024-06-30"
    # two times of one day are one picture; two days are two
    times = pd.Series(pd.Timestamp("2024-06-30 08:00"), index=status.index).where(status.index % 2 == 0,
                                                                                  pd.Timestamp("2024-06-30 17:30"))
    assert picture_date(status.assign(as_of=times)) == "2024-06-30"
    with pytest.raises(SchemaError, match=r"several dates \(as_of: '2024-06-01', '2024-06-30'\)"):
        dxmap.summarise(status.assign(as_of=status["as_of"].astype(object).where(status.index > 0, "1/6/2024")))
    with pytest.raises(SchemaError, match=r"as_of column holds 1 value\(s\) that are not dates: 'Q2'\. "
                                          r"Write the picture's date as YYYY-MM-DD"):
        dxmap.summarise(status.assign(as_of="Q2"))  # a quarter without its year ("Q2/2024" is its last day)
    assert picture_date(status.assign(as_of="Q2/2024")) == "2024-06-30"


def test_words_and_bad_arguments_of_unit_status_gaps_and_summarise(fixture_status, demo):
    status, *_ = fixture_status
    fibre = dxmap.gap_units(status, technology="fibre")
    for word in ("FTTH", "cáp quang", dxmap.Technology.FIBRE):
        assert dxmap.gap_units(status, technology=word).equals(fibre)
    assert dxmap.gap_units(status, technology="fibre", statuses="none").equals(fibre)  # one status, not letters
    assert dxmap.gap_units(status, technology="fibre", statuses=["chưa có", "planned"])["unit_id"].tolist() == \
        dxmap.gap_units(status, technology="fibre", statuses=("none", "planned"))["unit_id"].tolist()
    with pytest.raises(StatusValueError, match="statuses=: 1 unknown status"):
        dxmap.gap_units(status, statuses=["nope"])
    with pytest.raises(StatusValueError, match="technology=: 1 unknown technology"):
        dxmap.gap_units(status, technology="satellite")
    with pytest.raises(OptionError, match="by='districts': use one of province, district, commune"):
        dxmap.summarise(status, by="districts")
    for words in (["fibre"], ["FTTH"], "cáp quang"):
        got = dxmap.unit_status(demo.outcomes, demo.communes, demo.villages, as_of="2024-06-30", technologies=words)
        assert set(got["technology"]) == {"fibre"} and got["status"].eq("none").sum() == 56
    with pytest.raises(StatusValueError, match="technologies=: 1 unknown technology"):
        dxmap.unit_status(demo.outcomes, demo.communes, demo.villages, technologies=["fibre", "satellite"])


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
    recs = as_records(pd.DataFrame([
        {"commune_code": "00001", "technology": "lan", "status": "none", "as_of": "2024-03-31"},
        {"commune_code": "00001", "technology": "lan", "status": "covered", "as_of": "2024-06-30"},
        {"commune_code": "00001", "technology": "lan", "status": "none", "as_of": "2024-09-30"},
    ]))
    report = dxmap.reconcile(recs, communes)
    at = {d: dxmap.unit_status(report, communes, as_of=d).set_index("unit_id").loc["00001", "status"]
          for d in ("2024-03-31", "2024-05-01", "2024-06-30", "2024-12-31")}
    assert at == {"2024-03-31": "none", "2024-05-01": "none", "2024-06-30": "covered", "2024-12-31": "none"}
    # before every record every unit would be unknown and no gap found: a mistyped year, refused with the dates
    with pytest.raises(SnapshotDateError, match=r"as_of='2023-06-30' is before the earliest record \(2024-03-31; "
                                                r"the newest is 2024-09-30\).*Give a date from 2024-03-31 on"):
        dxmap.unit_status(report, communes, as_of="30/06/2023")


def test_demo_headline_figures(demo):
    q2 = summary_dict(dxmap.unit_status(demo.outcomes, demo.communes, demo.villages, as_of="2024-06-30"))
    q1 = summary_dict(dxmap.unit_status(demo.outcomes, demo.communes, demo.villages, as_of="2024-03-31"))
    assert {t: g["count"] for t, g in q2["gaps"].items()} == {"mobile": 6, "fibre": 56, "lan": 29}
    assert {t: g["count"] for t, g in q1["gaps"].items()} == {"mobile": 10, "fibre": 200, "lan": 33}
    assert q2["units"] == {"communes": 152, "villages": 1554}
    for g in q2["gaps"].values():  # weak/planned/unknown are exercised and never added to the count
        assert g["statuses"]["none"] == g["count"]
        assert sum(g["statuses"].values()) == (152 if g["level"] == "commune" else 1554)
    assert q2["gaps"]["mobile"]["statuses"]["weak"] > 0 and q2["gaps"]["fibre"]["statuses"]["planned"] > 0
    assert q2["gaps"]["lan"]["statuses"]["unknown"] > 0


def _status_by_merge(report, communes, villages, as_of):
    """unit_status as a plain merge of the latest records onto the units (the straightforward, slow way)."""
    date = pd.Timestamp(as_of)
    used = report.loc[report["outcome"].eq("matched") & (report["as_of"] <= date),
                      ["level", "unit_id", "technology", "status", "as_of", "source", "note", "file", "row"]]
    latest = (used.sort_values(["as_of", "file", "row"]).drop_duplicates(["level", "unit_id", "technology"], keep="last")
              .drop(columns=["file", "row"]).rename(columns={"as_of": "status_date"}))
    c = pd.DataFrame({"level": "commune", "unit_id": communes["code"].values, "name": communes["name"].values,
                      "commune_code": communes["code"].values, "commune_name": communes["name"].values,
                      "district_code": communes["district_code"].values, "district_name": communes["district_name"].values,
                      "map_unit": communes["map_unit"].values, "geometry": communes.geometry.values})
    units = c
    if villages is not None:
        info = communes.set_index("code")[["name", "district_code", "district_name", "map_unit"]]
        info = info.reindex(villages["commune_code"])
        v = pd.DataFrame({"level": "village", "unit_id": villages["village_id"].values, "name": villages["name"].values,
                          "commune_code": villages["commune_code"].values, "commune_name": info["name"].values,
                          "district_code": info["district_code"].values, "district_name": info["district_name"].values,
                          "map_unit": info["map_unit"].values, "geometry": villages.geometry.values})
        units = pd.concat([c, v], ignore_index=True)
    parts = [units[units["level"].eq(t.level.value)].assign(technology=t.value) for t in dxmap.Technology
             if units["level"].eq(t.level.value).any()]
    frame = pd.concat(parts, ignore_index=True).merge(latest, on=["level", "unit_id", "technology"], how="left",
                                                      validate="many_to_one")
    frame["status"] = frame["status"].fillna("unknown")
    return frame


@pytest.mark.parametrize("as_of", ["2024-03-31", "2024-04-15", "2024-06-30"])
def test_status_equals_a_merge_of_the_latest_records(demo, as_of):
    # several files, ties on date, a missing file name, rows out of order: the same row wins as in a merge
    r = demo.outcomes
    report = pd.concat([r, r.assign(file="a.csv", status="none"), r.assign(file=pd.NA).iloc[::7]], ignore_index=True)
    report["file"] = report["file"].astype(r["file"].dtype)
    report = report.sample(frac=1, random_state=0).reset_index(drop=True)
    for villages in (demo.villages, None):
        got = dxmap.unit_status(report, demo.communes, villages, as_of=as_of)
        want = _status_by_merge(report, demo.communes, villages, as_of)
        want["as_of"] = pd.Series(pd.Timestamp(as_of), index=want.index, dtype=want["status_date"].dtype)
        pd.testing.assert_frame_equal(pd.DataFrame(got), want[list(got.columns)], check_exact=True)  # values and types


def test_latest_by_file_then_row_on_the_same_date(data_dir):
    communes = dxmap.as_communes(dxmap.read_boundaries(data_dir / "communes.geojson"))
    recs = as_records(pd.DataFrame([
        {"commune_code": "00001", "technology": "lan", "status": "none", "as_of": "2024-06-30"},
        {"commune_code": "00002", "technology": "lan", "status": "none", "as_of": "2024-06-30"},
    ]), rows=pd.Series([2, 3]))  # as the lines of a file (a DataFrame's own rows are its index since QA69 F2)
    report = dxmap.reconcile(recs, communes)
    report = pd.concat([report.assign(file="b.csv"), report.assign(file="a.csv", status="covered"),
                        report.assign(file="b.csv", status="weak", row=[9, 1])], ignore_index=True)
    report["outcome"] = "matched"  # each file on its own would match: the latest counts
    status = dxmap.unit_status(report, communes).set_index("unit_id")["status"]
    # b.csv sorts after a.csv; in b.csv row 9 is after row 2 (00001) and row 1 before row 3 (00002)
    assert status[["00001", "00002", "00003"]].tolist() == ["weak", "none", "unknown"]


def test_summary_says_the_newest_record_when_the_date_is_later(demo):
    later = summary_dict(dxmap.unit_status(demo.outcomes, demo.communes, demo.villages, as_of="01/01/2025"))
    assert later["as_of"] == "2025-01-01" and later["newest_record"] == "2024-06-30"
    assert {t: g["count"] for t, g in later["gaps"].items()} == {"mobile": 6, "fibre": 56, "lan": 29}
    from dxmap.render.tables import format_summary

    assert format_summary(later).splitlines()[0] == "as of 2025-01-01 (newest record 2024-06-30)"
    same = summary_dict(dxmap.unit_status(demo.outcomes, demo.communes, demo.villages))
    assert format_summary(same).splitlines()[0] == "as of 2024-06-30"
    from dxmap.errors import SnapshotDateError

    with pytest.raises(SnapshotDateError, match=r"as_of='2099-01-01' is after today .*newest record is 30/6/2024|"
                                                r"as_of='2099-01-01' is after today .*2024-06-30"):
        dxmap.unit_status(demo.outcomes, demo.communes, demo.villages, as_of="01/01/2099")  # QA26: as analyse does


def test_as_of_before_every_record(demo):
    from dxmap.errors import SnapshotDateError
    from dxmap.gaps.analysis import check_as_of, record_dates

    assert [d.date().isoformat() for d in record_dates(demo.outcomes)] == ["2024-03-31", "2024-06-30"]
    assert check_as_of(demo.outcomes, "30/04/2024") == pd.Timestamp("2024-04-30")
    with pytest.raises(SnapshotDateError, match=r"as_of='2023-01-01' is before the earliest record \(2024-03-31; the "
                                                r"newest is 2024-06-30\)"):
        check_as_of(demo.outcomes, "01/01/2023")


def test_communes_without_data_counts_communes_whose_every_row_is_unknown():
    status = pd.DataFrame({
        "commune_code": ["A", "A", "B", "B", "C", None, "D"],
        "technology": ["lan", "mobile", "lan", "lan", "mobile", "mobile", "lan"],
        "status": ["unknown", "none", "unknown", "unknown", "unknown", "covered", "covered"],
        "from_input": [True, True, True, False, True, True, False],  # where a row came from does not count
    })
    assert communes_without_data(status).tolist() == ["B", "C"]  # A has a village record, D a LAN status
    # one technology: every commune of the table without a known row of it, also one with no row of it (C)
    assert communes_without_data(status, technology="lan").tolist() == ["A", "B", "C"]
    assert communes_without_data(status, technology=dxmap.Technology.MOBILE).tolist() == ["B", "C", "D"]
    assert communes_without_data(status.iloc[:0]).empty


def test_a_status_table_put_together_twice_is_refused_not_counted_twice(demo):
    s = dxmap.unit_status(demo.outcomes, demo.communes, demo.villages)
    twice = pd.concat([s, s])
    for call in (lambda: dxmap.summarise(twice), lambda: dxmap.gap_units(twice), lambda: dxmap.rank_communes(twice),
                 lambda: dxmap.gap_map(twice, demo.communes)):
        with pytest.raises(SchemaError, match=r"status has 3260 repeated row\(s\) of a unit and technology "
                                              r"\('mobile 02635-001'.*drop_duplicates"):
            call()
    assert dxmap.summarise(s).set_index("technology").loc["fibre", "none"] == 56  # once: as before


def test_a_map_of_a_table_without_crs_is_refused(demo):
    s = dxmap.unit_status(demo.outcomes, demo.communes, demo.villages)
    metres = s.to_crs(32648).set_crs(None, allow_override=True)  # metres with no CRS: drawn as degrees before
    with pytest.raises(CRSError, match=r"status has no CRS.*status.set_crs\('EPSG:4326'\)"):
        dxmap.gap_map(metres, demo.communes)


def test_result_objects_show_their_tables_by_size(demo):
    # a notebook shows the repr: kilobytes of table rows before
    from dxmap.gaps.change import compare

    assert repr(demo).startswith("Dataset(communes=<152 rows>, records=<6497 rows>, districts=<9 rows>")
    analysis = dxmap.analyse(demo)
    assert repr(analysis) == ("Analysis(outcomes=<6497 rows>, status=<3260 rows>, as_of='2024-06-30', district=None, "
                              "illustrative=True, units_version='2024', crosswalked=False, province=None, "
                              "commune=None, bundled=False)")
    assert len(repr(compare(demo, compare_to="2024-03-31"))) < 600
    # a report too (QA44: it printed its tables); a dict of tables by their sizes, not a set of its keys
    from dxmap.render.report import Report

    report = Report(title="T", as_of="2024-06-30", compare_to=None, district=None, illustrative=False, lang="en",
                    headline=[{"figure": str(i) * 40} for i in range(3)], sentences=[], maps={}, summary={},
                    tables={"headline": analysis.status.head(3), "districts": analysis.status, "gap_list": analysis.status})
    assert repr(report) == ("Report(title='T', as_of='2024-06-30', compare_to=None, district=None, illustrative=False, "
                            "lang='en', headline=<3 items>, sentences=[], tables={'headline': <3 rows>, 'districts': "
                            "<3260 rows>, 'gap_list': <3260 rows>}, province=None, commune=None)")


def test_villages_of_a_commune_the_layer_lacks_count_in_the_district_their_layer_gives(demo, caplog):
    """QA20 finding M2: the real commune file of 144 units (Sa Pa's 8 shared ones apart) took 48 villages out of every
    district's count, without a word."""
    full = dxmap.summarise(dxmap.unit_status(demo.outcomes, demo.communes, demo.villages), by="district")
    gone = demo.communes["code"].isin(demo.communes.query("district_code == '088'")["code"].iloc[:3])
    lost = int(demo.villages["commune_code"].isin(demo.communes.loc[gone, "code"]).sum())
    assert lost > 0
    with caplog.at_level("WARNING"):
        status = dxmap.unit_status(demo.outcomes, demo.communes[~gone], demo.villages)
    said = [r for r in caplog.records if "in a commune the commune layer does not have" in r.getMessage()]
    assert len(said) == 1 and said[0].getMessage().startswith(f"{lost} villages are in a commune")
    assert "counted in the district the village layer gives" in said[0].getMessage()
    villages = status[status["level"].eq("village")]
    assert villages["district_code"].notna().all()
    per_district = dxmap.summarise(status, by="district")
    village_rows = per_district["level"].eq("village")
    pd.testing.assert_frame_equal(per_district[village_rows].reset_index(drop=True),
                                  full[full["level"].eq("village")].reset_index(drop=True))
    caplog.clear()
    without = demo.villages.drop(columns=["district_code", "district_name"])  # a layer that names no district
    with caplog.at_level("WARNING"):
        status = dxmap.unit_status(demo.outcomes, demo.communes[~gone], without)
    assert any("counted in no district of the per-district tables" in r.getMessage() for r in caplog.records)
    assert int(status.loc[status["level"].eq("village"), "district_code"].isna().sum()) == lost * 2  # 2 technologies

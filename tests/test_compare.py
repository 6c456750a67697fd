"""Change between snapshots: numbers on the demo, the per-unit change rules, the summary, the CLI and the map layer."""

from __future__ import annotations

import json
from dataclasses import replace
import logging
import re

import numpy as np
import geopandas as gpd
import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Point, box

from dxmap.cli import main
from dxmap.gaps.change import (
    CHANGE_COUNTS,
    change_dict,
    change_sentences,
    change_status,
    change_summary,
    change_table,
    compare,
    format_change,
    net_change,
    period_phrase,
    previous_snapshot,
    snapshot_dates,
    write_change,
)
from dxmap.errors import DxmapError, OptionError, SchemaError, SnapshotDateError
from dxmap.gaps.status import picture_date
from dxmap.labels import label

EXPECTED = {  # the review's Q2 2024 figures, reproduced by the illustrative demo
    "mobile": {"level": "village", "count": 6, "previous": 10, "fixed": 4, "new": 0, "stayed": 6},
    "fibre": {"level": "village", "count": 56, "previous": 200, "fixed": 144, "new": 0, "stayed": 56},
    "lan": {"level": "commune", "count": 29, "previous": 33, "fixed": 4, "new": 0, "stayed": 29},
}


@pytest.fixture(scope="module")
def cmp(demo):
    return compare(demo)


def _status(rows: list[tuple[str, str, str]], as_of: str) -> gpd.GeoDataFrame:
    """A tiny unit_status-like table: (unit_id, technology, status); two districts, points."""
    frame = pd.DataFrame(rows, columns=["unit_id", "technology", "status"])
    level = frame["technology"].map(lambda t: "commune" if t == "lan" else "village")
    n = len(frame)
    out = gpd.GeoDataFrame({
        "level": level, "unit_id": frame["unit_id"], "name": "Thôn " + frame["unit_id"],
        "commune_code": ["00001" if i % 2 == 0 else "00002" for i in range(n)],
        "commune_name": ["Xã Một" if i % 2 == 0 else "Xã Đông" for i in range(n)],
        "district_code": ["001" if i % 2 == 0 else "002" for i in range(n)],
        "district_name": ["Huyện A" if i % 2 == 0 else "Huyện Đ" for i in range(n)],
        "map_unit": ["00001" if i % 2 == 0 else "00002" for i in range(n)],
        "technology": frame["technology"], "status": frame["status"],
        "status_date": pd.Timestamp(as_of), "source": "test", "note": pd.NA,
    }, geometry=[Point(104 + i * 0.01, 22.3) if lv == "village" else box(104, 22, 104.1, 22.1)
                 for i, lv in enumerate(level)], crs="EPSG:4326")
    out["as_of"] = pd.Timestamp(as_of)
    return out


# ---------------------------------------------------------------------------------------------------- demo numbers

def test_demo_change_matches_the_review(cmp):
    assert cmp.compare_to == "2024-03-31" and cmp.as_of == "2024-06-30"
    for tech, want in EXPECTED.items():
        got = {k: cmp.summary["gaps"][tech][k] for k in want}
        assert got == want, tech


def test_summary_keeps_its_existing_keys(cmp):
    s = cmp.summary
    assert {"as_of", "district", "illustrative", "units", "gaps", "records", "compare_to", "districts"} <= set(s)
    assert s["illustrative"] is True
    assert s["units"] == {"communes": 152, "villages": 1554}
    assert s["gaps"]["mobile"]["statuses"]["none"] == 6
    assert s["records"]["matched"] == 6497
    assert cmp.now.summary["gaps"]["mobile"].keys() == {"level", "count", "statuses"}  # input not extended
    json.dumps(s)  # plain data


def test_per_district_numbers_add_up(cmp):
    districts = cmp.summary["districts"]
    assert len(districts) == 9
    bat_xat = next(d for d in districts if d["district_code"] == "082")
    assert bat_xat["district_name"] == "Bát Xát"
    assert {t: (g["count"], g["previous"]) for t, g in bat_xat["gaps"].items()} == \
        {"mobile": (3, 4), "fibre": (17, 48), "lan": (6, 6)}
    for tech, want in EXPECTED.items():
        for key in ("count", "previous", "fixed", "new", "stayed"):
            assert sum(d["gaps"][tech][key] for d in districts) == want[key]
    for d in districts:
        for g in d["gaps"].values():
            assert g["count"] == g["stayed"] + g["new"] and g["previous"] == g["stayed"] + g["fixed"]


def test_district_filter(demo):
    c = compare(demo, district="bat xat")
    assert c.summary["district"] == "Bát Xát" and c.summary["district_code"] == "082"
    assert [d["district_code"] for d in c.summary["districts"]] == ["082"]
    assert (c.summary["gaps"]["fibre"]["count"], c.summary["gaps"]["fibre"]["previous"]) == (17, 48)
    assert c.changes["district_code"].eq("082").all()


def test_snapshot_dates(demo):
    assert snapshot_dates(demo.outcomes) == [pd.Timestamp("2024-03-31"), pd.Timestamp("2024-06-30")]
    assert previous_snapshot(demo.outcomes, before="2024-06-30") == pd.Timestamp("2024-03-31")
    assert previous_snapshot(demo.outcomes, before="2024-05-01") is None  # the picture then is the 31/3 one
    assert previous_snapshot(demo.outcomes, before="2024-03-31") is None


def test_a_round_whose_rows_carry_the_day_they_were_typed_is_one_picture(demo):
    """One record per unit, dated the day each row was typed (June): no earlier picture by default, so no unit
    first recorded on 30/6 is "newly missing" against 13/6. With the 31/3 round beside it, that round is the one
    compared with, whatever days the June rows carry."""
    june = demo.outcomes[demo.outcomes["as_of"].eq(pd.Timestamp("2024-06-30"))].copy()
    days = pd.to_datetime(["2024-06-01", "2024-06-05", "2024-06-12", "2024-06-13", "2024-06-30"])
    june["as_of"] = days[np.arange(len(june)) % len(days)].to_numpy()
    assert previous_snapshot(june, before="2024-06-30") is None
    typo = june.iloc[:40].assign(as_of=pd.Timestamp("2024-05-20"))  # 40 units typed twice, the first time on 20/5
    assert previous_snapshot(pd.concat([june, typo]), before="2024-06-30") is None  # 40 of 3,237: not a picture
    with pytest.raises(SnapshotDateError, match="no earlier picture"):
        compare(replace(demo, outcomes=june, records=demo.records.loc[june.index]))
    march = demo.outcomes[demo.outcomes["as_of"].eq(pd.Timestamp("2024-03-31"))]
    both = pd.concat([march, june])
    assert previous_snapshot(both, before="2024-06-30") == pd.Timestamp("2024-03-31")


def test_explicit_date_between_snapshots(demo):
    c = compare(demo, compare_to="2024-05-15")  # the picture at 2024-05-15 is the 2024-03-31 one
    assert c.compare_to == "2024-05-15"
    assert c.summary["gaps"]["fibre"]["previous"] == 200


def test_bad_dates_are_errors(demo):
    with pytest.raises(SnapshotDateError, match="not before the picture's date 2024-06-30"):
        compare(demo, compare_to="2024-06-30")
    with pytest.raises(SnapshotDateError, match="not a date"):
        compare(demo, compare_to="31/03/2024x")
    with pytest.raises(SnapshotDateError, match="no unit has a record before its newest one up to 2024-03-31"):
        compare(demo, as_of="2024-03-31")
    assert issubclass(SnapshotDateError, (DxmapError, ValueError))


def test_a_date_before_every_record_has_no_picture_to_compare_with(demo):
    """QA: it counted every gap as new ("Mới chưa có 8") beside a warning that every unit was unknown then."""
    with pytest.raises(SnapshotDateError, match=r"compare_to='2020-01-01': no record is dated on or before it "
                                                r"\(snapshots in the records: '2024-03-31', '2024-06-30'\)"):
        compare(demo, compare_to="2020-01-01")


# ---------------------------------------------------------------------------------------------------- the rules

def test_change_rules_and_no_mutation():
    before = _status([("a", "mobile", "none"), ("b", "mobile", "none"), ("c", "mobile", "covered"),
                      ("d", "mobile", "unknown"), ("e", "mobile", "none"), ("f", "mobile", "weak"),
                      ("x", "lan", "none")], "2024-03-31")
    after = _status([("a", "mobile", "none"), ("b", "mobile", "covered"), ("c", "mobile", "none"),
                     ("d", "mobile", "none"), ("e", "mobile", "weak"), ("f", "mobile", "covered"),
                     ("x", "lan", "covered")], "2024-06-30")
    b0, a0 = before.copy(), after.copy()
    ch = change_status(before, after)
    assert dict(zip(ch["unit_id"], ch["change"])) == {
        "a": "stayed", "b": "fixed", "c": "new", "d": "first", "e": "left", "f": "no_gap", "x": "fixed"}
    assert ch.loc[ch["unit_id"].eq("e"), "status"].item() == "weak"  # left the list, but only to "weak": not fixed
    assert picture_date(ch) == "2024-06-30" and picture_date(ch, "compare_to") == "2024-03-31"
    assert isinstance(ch, gpd.GeoDataFrame) and ch.crs == after.crs and len(ch) == len(after)
    pd.testing.assert_frame_equal(before, b0)
    pd.testing.assert_frame_equal(after, a0)
    s = change_summary(ch).set_index("technology")
    # d: unknown then, a gap now: "first" (newly reported), not "new" (newly missing)
    assert s.loc["mobile", ["count", "previous", "fixed", "left", "new", "first", "stayed"]].tolist() == [3, 3, 1, 1, 1, 1, 1]
    assert s.loc["lan", ["count", "previous", "fixed"]].tolist() == [0, 1, 1]
    assert list(s.index) == ["mobile", "lan"]  # technology order


def test_unit_missing_before_counts_as_unknown():
    before = _status([("a", "mobile", "none")], "2024-03-31")
    after = _status([("a", "mobile", "none"), ("z", "mobile", "none")], "2024-06-30")
    ch = change_status(before, after)
    # no row then: unknown then, so a gap now is newly reported ("first"), never newly missing
    assert ch.set_index("unit_id").loc["z", ["previous_status", "change"]].tolist() == ["unknown", "first"]


def test_change_status_refuses_two_pictures_and_the_wrong_order():
    before = _status([("a", "mobile", "none"), ("b", "mobile", "none")], "2024-03-31")
    after = _status([("a", "mobile", "none"), ("b", "mobile", "covered")], "2024-06-30")
    with pytest.raises(SchemaError, match=r"several dates \(as_of: '2024-03-31', '2024-06-30'\)"):
        change_status(before, pd.concat([after, before]))
    with pytest.raises(SchemaError, match="several dates"):
        change_status(pd.concat([before, after]), after)
    with pytest.raises(SnapshotDateError, match=r"before is the picture of 2024-06-30 and after the picture of "
                                                r"2024-03-31: .* Swap them"):
        change_status(after, before)
    ch = change_status(before, after)  # the columns of after, then the change, compare_to last
    assert list(ch.columns) == [*after.columns, "previous_status", "previous_status_date", "change", "compare_to"]
    assert change_status(after, after)["change"].tolist() == ["stayed", "no_gap"]  # one date twice: no change
    with pytest.raises(OptionError, match="by='districts': use one of province, district, commune"):
        change_summary(ch, by="districts")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["none", "weak", "covered", "unknown", "planned"]),
                          st.sampled_from(["none", "weak", "covered", "unknown", "planned"])), min_size=1, max_size=30))
def test_counts_are_consistent(pairs):
    before = _status([(str(i), "fibre", b) for i, (b, _) in enumerate(pairs)], "2024-03-31")
    after = _status([(str(i), "fibre", a) for i, (_, a) in enumerate(pairs)], "2024-06-30")
    s = change_summary(change_status(before, after)).iloc[0]
    assert s["count"] == sum(a == "none" for _, a in pairs)
    if all(b == "unknown" for b, _ in pairs):  # nothing known then: what needs it is no data, not 0 (QA63 4)
        assert s[["previous", "fixed", "left", "new", "stayed"]].isna().all() and s["first"] == s["count"]
        return
    assert s["previous"] == sum(b == "none" for b, _ in pairs)
    assert s["count"] == s["stayed"] + s["new"] + s["first"]
    assert s["first"] == sum(b == "unknown" and a == "none" for b, a in pairs)  # no data then: never "new"
    assert s["new"] == sum(b in ("weak", "covered", "planned") and a == "none" for b, a in pairs)
    # the change compares like with like: the gaps known then
    assert net_change(s["count"], s["previous"], s["first"]) == s["new"] - s["fixed"] - s["left"]
    assert s["fixed"] == sum(b == "none" and a == "covered" for b, a in pairs)  # fixed: covered now, nothing else
    assert s["left"] == sum(b == "none" and a in ("weak", "planned", "unknown") for b, a in pairs)
    per = change_summary(change_status(before, after), by="district")
    assert per[CHANGE_COUNTS].sum().tolist() == s[CHANGE_COUNTS].tolist()


# ---------------------------------------------------------------------------------------------------- words and tables

def test_period_phrase():
    assert period_phrase("2024-03-31", "2024-06-30", lang="en") == "since 2024-03-31 (Q2 2024)"
    assert period_phrase("2024-03-31", "2024-06-30") == "từ sau 31/3/2024 (quý II/2024)"
    assert period_phrase("2023-12-31", "2024-03-31", lang="en") == "since 2023-12-31 (Q1 2024)"
    assert period_phrase("2024-03-31", "2024-09-30", lang="en") == "since 2024-03-31"
    assert period_phrase("2024-05-15", "2024-06-30", lang="en") == "since 2024-05-15"


def test_sentences(cmp):
    en = change_sentences(cmp.summary, lang="en")
    assert en[0] == "4 villages gained mobile broadband since 2024-03-31 (Q2 2024)"
    assert "4 communes gained a standard LAN since 2024-03-31 (Q2 2024)" in en
    vi = change_sentences(cmp.summary)
    assert vi[0] == "4 thôn/bản đã có băng rộng di động từ sau 31/3/2024 (quý II/2024)"  # dates as people read them


def test_change_table(cmp):
    t = change_table(cmp.changes)
    assert len(t) == 9 * 3 + 3
    total = t[t["district_name"].eq("(total)")].set_index("technology")
    assert total.loc["fibre", ["none", "count", "previous", "fixed", "new", "stayed"]].tolist() == [56, 56, 200, 144, 0, 56]
    assert total.loc["lan", "total"] == 152
    assert set(t["as_of"]) == {"2024-06-30"} and set(t["compare_to"]) == {"2024-03-31"}
    assert t.groupby("technology")["fixed"].sum().to_dict() == {"mobile": 8, "fibre": 288, "lan": 8}  # districts + total


def test_format_change(cmp):
    text = format_change(cmp.summary)
    assert "as of 2024-06-30, compared with 2024-03-31  [ILLUSTRATIVE sample data]" in text
    assert re.search(r"Fibre \(FTTH\)\s+village\s+56\s+200\s+144\s+0\s+56", text)
    assert re.search(r"Bát Xát\s+Fibre \(FTTH\)\s+17\s+48\s+31\s+0\s+17", text)


def test_write_change(cmp, tmp_path):
    csv = write_change(cmp, tmp_path / "c.csv")
    assert csv.read_bytes().startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(csv, encoding="utf-8-sig", dtype={"district_code": str})
    assert back.loc[back["district_code"].eq("082") & back["technology"].eq("mobile"), "previous"].item() == 4
    js = json.loads(write_change(cmp, tmp_path / "c.json", fmt="json").read_text(encoding="utf-8"))
    assert js["gaps"]["fibre"]["fixed"] == 144 and js["compare_to"] == "2024-03-31"
    assert "compared with" in write_change(cmp, tmp_path / "c.txt", fmt="table").read_text(encoding="utf-8")


def test_change_dict_does_not_modify_input(cmp):
    summary = cmp.now.summary
    before = json.dumps(summary, sort_keys=True)
    change_dict(summary, cmp.changes)
    assert json.dumps(summary, sort_keys=True) == before


# ---------------------------------------------------------------------------------------------------- CLI

def test_cli_summary_compare_json():
    res = CliRunner().invoke(main, ["summary", "--demo", "--compare", "2024-03-31", "--format", "json", "-q"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["compare_to"] == "2024-03-31"
    for tech, want in EXPECTED.items():
        assert {k: data["gaps"][tech][k] for k in want} == want


def test_cli_summary_compare_table_and_csv(tmp_path):
    res = CliRunner().invoke(main, ["summary", "--demo", "--compare", "2024-03-31", "--district", "082", "--lang", "en",
                                    "-q"])
    assert res.exit_code == 0, res.output
    assert re.search(r"Mobile broadband\s+village\s+3\s+4\s+1\s+0\s+3", res.stdout)
    res = CliRunner().invoke(main, ["summary", "--demo", "--compare", "2024-03-31", "--format", "csv", "--lang", "en",
                                    "-q"])
    rows = res.stdout.splitlines()
    assert rows[0].endswith("count,previous,fixed,left,new,first,stayed,data") and len(rows) == 1 + 30
    assert all(r.endswith(",ILLUSTRATIVE sample data") for r in rows[1:])  # the demo's, on every row (QA30)
    out = tmp_path / "s.csv"
    res = CliRunner().invoke(main, ["summary", "--demo", "--compare", "2024-03-31", "--format", "csv", "--out", str(out), "-q"])
    assert res.exit_code == 0 and out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_cli_bad_compare_date_is_one_line():
    res = CliRunner().invoke(main, ["summary", "--demo", "--compare", "2025-01-01", "-q", "--lang", "en"])
    assert res.exit_code == 1
    assert "error: --compare 2025-01-01 is not before" in res.stderr
    assert "Traceback" not in res.output
    vi = CliRunner().invoke(main, ["summary", "--demo", "--compare", "2025-01-01", "-q"])  # Vietnamese, the default
    assert vi.exit_code == 1 and vi.stderr.startswith("dxmap: lỗi: --compare 1/1/2025 không trước ngày số liệu 30/6/2024")
    assert len(vi.stderr.strip().splitlines()) == 1 and "Traceback" not in vi.output


# ---------------------------------------------------------------------------------------------------- several files

def _two_snapshot_files(folder):
    """Two status files (one per quarter) for three real Lào Cai communes: fixed, stayed, new."""
    head = "commune_code,technology,status,as_of\n"
    q1 = folder / "q1.csv"
    q2 = folder / "q2.csv"
    q1.write_text(head + "02635,lan,none,2024-03-31\n02641,lan,none,2024-03-31\n02644,lan,covered,2024-03-31\n",
                  encoding="utf-8")
    q2.write_text(head + "02635,lan,covered,2024-06-30\n02641,lan,none,2024-06-30\n02644,lan,none,2024-06-30\n",
                  encoding="utf-8")
    return q1, q2


def test_several_files_make_several_snapshots(tmp_path):
    q1, q2 = _two_snapshot_files(tmp_path)
    res = CliRunner().invoke(main, ["summary", "--records", str(q1), "--records", str(q2), "--compare", "2024-03-31",
                                    "--format", "json", "-q"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["illustrative"] is False and data["compare_to"] == "2024-03-31"
    lan = data["gaps"]["lan"]
    assert (lan["count"], lan["previous"], lan["fixed"], lan["new"], lan["stayed"]) == (2, 2, 1, 1, 1)
    assert [d["district_name"] for d in data["districts"] if d["gaps"]["lan"]["count"]] == ["Lào Cai"]


def test_demo_compare_writes_the_change(tmp_path):
    out = tmp_path / "demo"
    res = CliRunner().invoke(main, ["demo", "--out", str(out), "--compare", "2024-03-31", "--district", "082", "--lang",
                                    "en", "-q"])
    assert res.exit_code == 0, res.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["compare_to"] == "2024-03-31" and summary["gaps"]["fibre"]["fixed"] == 31
    assert "31 villages gained fibre (FTTH) since 2024-03-31 (Q2 2024)" in res.stdout
    page = (out / "map.html").read_text(encoding="utf-8")
    assert "dxmap-change-legend" not in page and '"change":{"since":"2024-03-31"' in page


def test_records_skipped_with_strict_false_are_reported_once(demo, caplog):
    from dataclasses import replace

    from dxmap.reconcile.match import reconcile

    records = demo.records.copy()
    extra = records.iloc[[0]].assign(commune_code="99999", commune_name="Xã Không Có", village_id="zzz",
                                     village_name="Thôn ma", row=records["row"].max() + 1)
    records = pd.concat([records, extra], ignore_index=True)
    data = replace(demo, records=records, outcomes=reconcile(records, demo.communes, demo.villages))
    with caplog.at_level(logging.WARNING):
        got = compare(data, compare_to="2024-03-31", strict=False)
    assert caplog.text.count("skipped 1 record not counted") == 1
    assert got.before.outcomes is got.now.outcomes  # the earlier picture keeps every record's outcome
    assert got.before.summary["records"] == got.now.summary["records"]
    for tech, want in EXPECTED.items():
        assert {k: got.summary["gaps"][tech][k] for k in want} == want, tech


# ------------------------------------------------------------------------ off the gap list, but not covered

@pytest.fixture(scope="module")
def weak_since(demo):
    """The demo with one village's mobile record of 2024-06-30 saying "weak" where it said "covered": a village
    without mobile broadband on 2024-03-31 that has only a weak signal now."""
    from dxmap.reconcile.match import reconcile

    rec = demo.records
    q2 = rec["technology"].eq("mobile") & rec["status"].eq("covered") & rec["as_of"].eq(pd.Timestamp("2024-06-30"))
    q1_none = rec.loc[rec["technology"].eq("mobile") & rec["status"].eq("none") & rec["as_of"].lt("2024-06-30"),
                      "village_id"]
    row = rec.index[q2 & rec["village_id"].isin(q1_none)][0]
    records = rec.copy()
    records.loc[row, "status"] = "weak"
    return replace(demo, records=records, outcomes=reconcile(records, demo.communes, demo.villages))


def test_a_gap_now_weak_is_not_fixed(weak_since, demo):
    cmp = compare(weak_since, compare_to="2024-03-31")
    g = cmp.summary["gaps"]["mobile"]
    # the demo's 4 fixed were all covered; one of them is weak now: 3 fixed, 1 left, the gaps unchanged
    assert (g["count"], g["previous"], g["fixed"], g["left"], g["new"], g["stayed"]) == (6, 10, 3, 1, 0, 6)
    assert g["left_status"] == {"weak": 1}
    assert "left_status" not in cmp.summary["gaps"]["fibre"] and cmp.summary["gaps"]["fibre"]["left"] == 0
    assert sum(d["gaps"]["mobile"]["left"] for d in cmp.summary["districts"]) == 1
    vi, en = change_sentences(cmp.summary, lang="vi"), change_sentences(cmp.summary, lang="en")
    assert vi[0] == "3 thôn/bản đã có băng rộng di động từ sau 31/3/2024 (quý II/2024)"
    assert vi[1] == ("1 thôn/bản chưa có băng rộng di động đã chuyển sang trạng thái khác từ sau 31/3/2024 "
                     "(quý II/2024), chưa phải đã có: lõm sóng 1")
    assert en[1] == ("1 village without mobile broadband left the gap list since 2024-03-31 (Q2 2024) without being "
                     "covered: weak 1")
    # the text table shows the column only when some unit left so
    table = format_change(cmp.summary, lang="en").splitlines()
    assert "left" in table[1].split() and re.search(r"Mobile broadband\s+village\s+6\s+10\s+3\s+1\s+0\s+6", table[2])
    plain = format_change(compare(demo, compare_to="2024-03-31").summary, lang="en").splitlines()
    assert "left" not in plain[1].split()


def test_the_report_and_the_csv_count_it_apart(weak_since):
    from dxmap.render.report import report_tables

    cmp = compare(weak_since, compare_to="2024-03-31")
    head = report_tables(cmp.changes, lang="vi", counts=cmp.counts)["headline"].set_index("Hạ tầng")
    assert head.loc["Băng rộng di động", ["Đã có thêm", "Sang trạng thái khác", "Vẫn chưa có"]].tolist() == [3, 1, 6]
    csv = change_table(cmp.changes, counts=cmp.counts)
    total = csv[csv["district_name"].eq("(total)") & csv["technology"].eq("mobile")].iloc[0]
    assert total[["previous", "fixed", "left", "stayed"]].tolist() == [10, 3, 1, 6]


def test_a_village_reported_only_in_the_later_round_is_first_not_new(tmp_path):
    """A district's Q2 sheet lists a village its Q1 sheet did not: without mobile in Q2, it is "first" (newly
    reported), not newly missing; the change of the count compares the villages known then."""
    from dxmap import read_dataset
    from dxmap.io.bundled import sample_path

    records = pd.read_csv(sample_path("status_records.csv"), dtype=str, keep_default_na=False)
    mobile = records[records["technology"].eq("mobile")]
    stayed = mobile.groupby("village_id")["status"].agg(lambda s: set(s) == {"none"})
    village = stayed[stayed].index[0]  # without mobile at both dates
    path = tmp_path / "records.csv"
    q1 = mobile.index[mobile["village_id"].eq(village) & mobile["as_of"].eq("2024-03-31")]
    records.drop(q1).to_csv(path, index=False)
    full = compare(read_dataset(sample_path("status_records.csv"), villages=sample_path("villages.geojson")),
                   compare_to="2024-03-31")
    cut = compare(read_dataset(path, villages=sample_path("villages.geojson")), compare_to="2024-03-31")
    row = cut.changes[cut.changes["unit_id"].astype(str).eq(village) & cut.changes["technology"].eq("mobile")]
    assert row[["previous_status", "change"]].values.tolist() == [["unknown", "first"]]
    g, was = cut.summary["gaps"]["mobile"], full.summary["gaps"]["mobile"]
    assert (g["count"], g["new"], g["first"], g["stayed"], g["previous"]) == (
        was["count"], was["new"], 1, was["stayed"] - 1, was["previous"] - 1)
    assert net_change(g["count"], g["previous"], g["first"]) == was["count"] - was["previous"]
    assert any("with no data on 2024-03-31" in s for s in change_sentences(cut.summary, lang="en"))
    assert not any("no data" in s for s in change_sentences(full.summary, lang="en"))  # none first: as before


def test_the_demo_has_nothing_first_and_reads_as_before(demo):
    cmp = compare(demo, compare_to="2024-03-31")
    for tech, g in cmp.summary["gaps"].items():
        assert g["first"] == 0 and g["count"] == g["stayed"] + g["new"] + g["first"]
        assert {k: g[k] for k in EXPECTED[tech]} == EXPECTED[tech]
    for lang in ("en", "vi"):
        table = format_change(cmp.summary, lang=lang)
        assert label("chg_col_first", lang) not in table  # no column of zeros in the text table


def test_a_technology_with_no_data_says_so_rather_than_zeros(demo):
    """QA30 L2: with no mobile record, `summary --compare` printed a row of 0s and "0 villages gained mobile
    broadband", where the report says "no data for 11 villages"."""
    import copy

    from dxmap.gaps.change import compare, format_change

    summary = copy.deepcopy(compare(demo, compare_to="2024-03-31").summary)
    mobile = summary["gaps"]["mobile"]
    total = sum(mobile["statuses"].values())
    mobile.update({k: 0 for k in ("count", "previous", "fixed", "left", "new", "first", "stayed")},
                  statuses={s: (total if s == "unknown" else 0) for s in mobile["statuses"]})
    lines = format_change(summary, lang="en").splitlines()
    assert re.search(r"^Mobile broadband\s+village(\s+—){5}", lines[2]), lines[2]
    assert f"Mobile broadband: no data for {total:,} villages" in lines
    assert not any(line.startswith("0 villages gained mobile") for line in lines)
    assert any(line.startswith("144 villages gained fibre") for line in lines)  # the others as before


def test_a_district_with_no_data_of_a_technology_says_so_rather_than_zeros(demo):
    """QA31: a district none of whose communes had a LAN record printed "0 0 0 0 0 0 0" under --compare."""
    from dataclasses import replace as replaced

    from dxmap.gaps.change import compare, format_change

    rec = demo.records
    drop = rec["technology"].eq("lan") & rec["commune_code"].isin(
        demo.communes.loc[demo.communes["district_code"].eq("084"), "code"])  # Si Ma Cai's LAN records
    summary = compare(replaced(demo, records=rec[~drop].reset_index(drop=True), outcomes=None),
                      compare_to="2024-03-31").summary
    si_ma_cai = next(d for d in summary["districts"] if d["district_code"] == "084")
    assert si_ma_cai["gaps"]["lan"].get("no_data") is True and "no_data" not in si_ma_cai["gaps"]["fibre"]
    line = next(x for x in format_change(summary, lang="en").splitlines() if x.startswith("Si Ma Cai") and "LAN" in x)
    assert re.search(r"Standard LAN(\s+—){5,7}$", line), line  # "left" and "first" only where some unit is


def test_the_change_csv_leaves_a_row_without_data_blank(demo):
    """QA32 L3: the CSV of `summary --compare` kept 0s where the table shows "—" and the JSON says no_data."""
    from dataclasses import replace as replaced

    from dxmap.gaps.change import change_table, compare

    rec = demo.records
    drop = rec["technology"].eq("lan") & rec["commune_code"].isin(
        demo.communes.loc[demo.communes["district_code"].eq("084"), "code"])  # Si Ma Cai's LAN records
    cmp = compare(replaced(demo, records=rec[~drop].reset_index(drop=True), outcomes=None), compare_to="2024-03-31")
    table = change_table(cmp.changes, counts=cmp.counts)
    row = table[table["district_code"].eq("084") & table["technology"].eq("lan")].iloc[0]
    assert row[["count", "previous", "fixed", "left", "new", "first", "stayed"]].isna().all()
    assert row["unknown"] == row["total"] > 0
    fibre = table[table["district_code"].eq("084") & table["technology"].eq("fibre")].iloc[0]
    assert fibre[["count", "previous", "fixed"]].notna().all()  # the district's other technologies as before


def test_a_technology_with_no_record_then_has_no_count_then(demo, caplog):
    """QA63 4: LAN recorded only in the later round read "0 then, 0 fixed, 0 new, +0" (JSON 0s, table 0s, "0 communes
    gained a standard LAN"), where nothing was known then: those counts are no data (null, "—", blank); every gap
    now is "first"; the report's change is blank and its headline never "still without"."""
    from dataclasses import replace as replaced

    from dxmap.render.report import build_report

    rec = demo.records
    early_lan = rec["technology"].eq("lan") & rec["as_of"].lt(pd.Timestamp("2024-06-30"))
    data = replaced(demo, records=rec[~early_lan].reset_index(drop=True), outcomes=None)
    with caplog.at_level(logging.INFO, logger="dxmap"):
        cmp = compare(data, compare_to="2024-03-31")
    lan, fibre = cmp.summary["gaps"]["lan"], cmp.summary["gaps"]["fibre"]
    assert lan["count"] == lan["first"] == 29
    assert [lan[k] for k in ("previous", "fixed", "left", "new", "stayed")] == [None] * 5
    assert fibre["previous"] == 200 and fibre["fixed"] == 144  # the others as before
    assert all(d["gaps"]["lan"]["previous"] is None for d in cmp.summary["districts"])
    assert "lan: 29 gaps at 2024-06-30; no unit had a record at 2024-03-31" in caplog.text.replace("Standard LAN", "lan")
    json.dumps(cmp.summary)  # null, not <NA>
    en = change_sentences(cmp.summary, lang="en")
    assert not any("gained a standard LAN" in s for s in en)
    assert "29 communes without a standard LAN, with no data on 2024-03-31" in en
    line = next(x for x in format_change(cmp.summary, lang="en").splitlines() if x.startswith("Standard LAN"))
    assert re.search(r"commune\s+29\s+—\s+—\s+—\s+29\s+—$", line), line
    total = change_table(cmp.changes, counts=cmp.counts).query("technology == 'lan' and district_code == ''").iloc[0]
    assert total[["previous", "fixed", "new", "stayed"]].isna().all() and total["first"] == 29
    report = build_report(data, compare_to="2024-03-31", lang="en")
    card = next(h for h in report.headline if h["technology"] == "lan")
    assert card["previous"] is None and card["change"] == "" and card["figure"] == "29 (29 with no earlier data)"
    assert "still" not in card["text"]
    head = report.tables["headline"].set_index("Technology").loc["Standard LAN"]
    assert pd.isna(head["Without (2024-03-31)"]) and pd.isna(head["Change"]) and head["No earlier data"] == 29


def test_a_former_district_is_said_once_when_two_rounds_of_the_2025_units_are_compared(tmp_path, caplog):
    """QA66 F10: with --compare and --district, "huyện cũ Bát Xát (082), matched among the former districts …" was
    said twice, once per picture."""
    import dxmap

    path = tmp_path / "bx.csv"
    path.write_text("Xã,Xã cũ,Thôn/bản,Cáp quang,Ngày cập nhật\n"
                    "Y Tý,Y Tý,Bản Nhìu,Chưa có,30/09/2026\nY Tý,Y Tý,Bản Nhìu,Có,20/11/2026\n", encoding="utf-8")
    data = dxmap.read_dataset(path, records_version="2025-07")
    with caplog.at_level(logging.INFO, logger="dxmap"):
        dxmap.compare(data, compare_to="30/09/2026", district="bat xat")
    said = [m for m in caplog.messages if "matched among the former districts" in m]
    assert len(said) == 1 and said[0].startswith("former district (huyện cũ) Bát Xát (082)")


def test_a_comparison_shows_itself_in_a_notebook(cmp):
    """_repr_html_: a column of gaps per picture, the later first (QA69 F7)."""
    shown = cmp._repr_html_()
    assert "<th>Without (2024-06-30)</th><th>Without (2024-03-31)</th>" in shown
    assert "<td>Fibre (FTTH)</td><td>56 / 1,554 villages</td><td>200 / 1,554 villages</td>" in shown
    assert "<strong>ILLUSTRATIVE DATA" in shown

"""The demo and summaries in the 2025-07 units: 99 communes, villages keep 6 / 56, LAN k of n former communes."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from dxmap.cli import main
from dxmap.gaps.analysis import analyse
from dxmap.gaps.change import change_table, compare
from dxmap.io.bundled import bundled_crosswalk, bundled_units_2025
from dxmap.pipeline import demo_dataset
from dxmap.reconcile.districts import former_districts, resolve_former_district

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning", "ignore::UserWarning")


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def lan_truth():
    """k and n computed independently: the 2024 LAN picture counted over the 320 old units of the crosswalk."""
    status = analyse(demo_dataset()).status
    lan = status[status["technology"].eq("lan")].set_index("unit_id")["status"]
    old = bundled_crosswalk().drop_duplicates("old_code")
    return int(lan.reindex(old["old_code"]).eq("none").sum()), len(old)


@pytest.fixture(scope="module")
def demo_2025(tmp_path_factory):
    out = tmp_path_factory.mktemp("d25")
    result = run("demo", "--units", "2025-07", "--out", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    return out, result


def test_demo_in_2025_units_counts(demo_2025, lan_truth):
    out, result = demo_2025
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["boundary_version"] == "2025-07" and summary["district_kind"] == "former_district"
    assert summary["units"]["communes"] == 99 == bundled_units_2025()["code"].nunique()
    assert summary["units"]["villages"] == 1554 and summary["units"]["former_communes"] == 320
    assert summary["gaps"]["mobile"]["count"] == 6 and summary["gaps"]["fibre"]["count"] == 56
    k, n = lan_truth
    assert (k, n) == (29, 320)
    lan = summary["gaps"]["lan"]
    assert lan["counts"] == "former_communes" and (lan["count"], lan["of"]) == (k, n)
    assert lan["text"] == f"{k} of {n} former communes without a standard LAN"
    assert f"{k} of {n} former communes without a standard LAN" in result.output
    assert "99 communes (2025-07)" in result.output and "huyện cũ" in result.output


def test_yen_bai_is_no_data_never_a_gap(demo_2025):
    out, _ = demo_2025
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    units = bundled_units_2025()
    yen_bai_only = int(units["former_province_codes"].eq("15").sum())
    assert yen_bai_only > 0 and summary["units"]["communes_without_data"] == yen_bai_only
    status = analyse(demo_dataset(), units="2025-07").status
    old = bundled_crosswalk().drop_duplicates("old_code")
    yb = set(old.loc[old["old_province_code"].astype(str).eq("15"), "old_code"])
    yb_rows = status[status["old_commune_code"].isin(yb)]
    assert len(yb) == 168 and yb_rows["unit_id"].nunique() == 168
    assert set(yb_rows["status"]) == {"unknown"} and not yb_rows["from_input"].any()
    assert summary["gaps"]["lan"]["no_data"] >= 168


def test_summary_csv_groups_by_former_district(demo_2025):
    out, _ = demo_2025
    table = pd.read_csv(out / "summary.csv", dtype={"former_district_code": str, "former_province_code": str})
    assert list(table.columns[:4]) == ["former_province_code", "former_province_name", "former_district_code",
                                       "former_district_name"]
    body = table[table["former_district_name"] != "(total)"]
    assert body.groupby("technology")["none"].sum().to_dict() == {"fibre": 56, "lan": 29, "mobile": 6}
    assert body["former_district_code"].nunique() == 18  # 9 of the old Lào Cai, 9 of Yên Bái
    lan = body[body["technology"].eq("lan")]
    assert lan["total"].sum() == 320
    assert lan.groupby("former_province_name")["total"].sum().to_dict() == {"Lào Cai": 152, "Yên Bái": 168}
    assert lan.groupby("former_province_code")["former_district_code"].nunique().to_dict() == {"10": 9, "15": 9}


def test_2024_demo_unchanged(tmp_path):
    out = tmp_path / "d24"
    assert run("demo", "--out", str(out), "--lang", "en", "-q").exit_code == 0
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["units"] == {"communes": 152, "villages": 1554}
    assert {t: g["count"] for t, g in summary["gaps"].items()} == {"mobile": 6, "fibre": 56, "lan": 29}
    assert "boundary_version" not in summary and "counts" not in summary["gaps"]["lan"]
    assert list(pd.read_csv(out / "summary.csv").columns[:3]) == ["province_code", "province_name", "district_code"]


def test_summary_district_in_2025_units_is_a_former_district():
    result = CliRunner().invoke(main, ["summary", "--demo", "--units", "2025-07", "--district", "bat xat",
                                       "--format", "json", "-q"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["district"] == "Bát Xát" and summary["district_code"] == "082"
    assert summary["district_kind"] == "former_district"
    fd = former_districts(bundled_units_2025())
    assert summary["units"]["communes"] == fd["district_code"].eq("082").sum() == 8
    assert summary["gaps"]["lan"]["text"].endswith("former communes without a standard LAN")


def test_district_log_says_former_district(tmp_path):
    result = run("demo", "--units", "2025-07", "--district", "Huyện Bát Xát", "--out", str(tmp_path / "bx"), "--lang", "en")
    assert result.exit_code == 0
    assert "former district (huyện cũ) Bát Xát (082)" in result.output
    head = next(line for line in result.output.splitlines() if line.startswith("as of "))
    assert "former district (huyện cũ) Bát Xát" in head


def test_summary_table_in_2025_units_says_former_district():
    result = run("summary", "--demo", "--units", "2025-07", "--lang", "en")
    assert result.exit_code == 0
    assert "group by former district (huyện cũ)" in result.output
    csv = run("summary", "--demo", "--units", "2025-07", "--format", "csv", "--lang", "en", "-q").output
    assert csv.lstrip("\ufeff").startswith("former_province_code,former_province_name,former_district_code,")


def test_former_district_matching():
    units = bundled_units_2025()
    for query in ("bat xat", "Bát Xát", "082", "huyen bat xat"):
        assert resolve_former_district(query, units) == ("082", "Bát Xát")
    assert resolve_former_district("mu cang chai", units)[0] == "137"
    from dxmap.errors import UnknownUnitError
    with pytest.raises(UnknownUnitError, match="former district"):
        resolve_former_district("Hà Giang", units)
    # QA64 F15: a 2025-07 commune given for a former district was offered the nearest former districts
    with pytest.raises(UnknownUnitError, match=r"^'Y Tý' is a 2025-07 commune \(02701 Y Tý; former district: "
                                               r"Bát Xát\), not a former district: .* e\.g\. district='Bát Xát'"):
        resolve_former_district("Y Tý", units)
    # QA66 F2: a commune written with its word though a former district has its name ("Xã Văn Bàn") was read as the
    # former district: 9 communes for one
    for query, code, name in (("Xã Văn Bàn", "03082", "Văn Bàn"), ("xa bat xat", "02683", "Bát Xát"),
                              ("P. Sa Pa", "03006", "Sa Pa")):
        with pytest.raises(UnknownUnitError, match=rf"^'{query}' is a 2025-07 commune \({code} {name}; "):
            resolve_former_district(query, units)
    assert resolve_former_district("Huyện Văn Bàn", units) == ("089", "Văn Bàn")


# ---------------------------------------------------------------------------------------------------- compare

@pytest.fixture(scope="module")
def both_compares():
    """The Q2 2024 change of the demo in the 2024 units and in the 2025-07 units."""
    data = demo_dataset()
    return (compare(data, compare_to="2024-03-31"),
            compare(data, compare_to="2024-03-31", units="2025-07"))


def _changed(changes: pd.DataFrame, technology: str) -> dict[str, set]:
    rows = changes[changes["technology"].eq(technology)]
    return {c: set(rows.loc[rows["change"].eq(c), "unit_id"]) for c in ("fixed", "new", "stayed")}


def test_compare_in_2025_units_keeps_the_village_figures(both_compares):
    c24, c25 = both_compares
    assert c25.now.units_version == "2025-07" and c25.before.units_version == "2025-07"
    for tech, (count, fixed) in {"mobile": (6, 4), "fibre": (56, 144)}.items():
        g = c25.summary["gaps"][tech]
        assert (g["count"], g["fixed"], g["new"], g["previous"]) == (count, fixed, 0, count + fixed)
        assert {k: g[k] for k in ("count", "previous", "fixed", "new", "stayed")} == \
            {k: c24.summary["gaps"][tech][k] for k in ("count", "previous", "fixed", "new", "stayed")}
        assert _changed(c25.changes, tech) == _changed(c24.changes, tech)  # the same villages, village by village


def test_compare_in_2025_units_counts_lan_per_former_commune(both_compares):
    c24, c25 = both_compares
    lan24, lan25 = _changed(c24.changes, "lan"), _changed(c25.changes, "lan")
    assert lan25 == lan24  # the same former communes fixed / new / stayed, by their 2024 code
    assert {k: len(v) for k, v in lan25.items()} == {"fixed": 4, "new": 0, "stayed": 29}
    g = c25.summary["gaps"]["lan"]
    assert g["counts"] == "former_communes" and (g["count"], g["of"], g["previous"], g["fixed"]) == (29, 320, 33, 4)
    assert g["change_text"].startswith("29 of 320 former communes without a standard LAN (33 on 2024-03-31): 4 fixed")
    lan_rows = c25.changes[c25.changes["technology"].eq("lan")]
    assert len(lan_rows) == lan_rows["unit_id"].nunique() == 320  # one row per former commune, never one per new unit
    # each fixed former commune sits in its successor of the crosswalk
    successor = bundled_crosswalk().drop_duplicates("old_code").set_index("old_code")["new_code"]
    fixed = lan_rows[lan_rows["change"].eq("fixed")]
    assert (fixed["commune_code"] == fixed["unit_id"].map(successor)).all()
    assert "counts" not in c24.summary["gaps"]["lan"] and "change_text" not in c24.summary["gaps"]["lan"]


def test_compare_in_2025_units_per_former_district(both_compares):
    _, c25 = both_compares
    districts = c25.summary["districts"]
    assert len(districts) == 18 and c25.summary["district_kind"] == "former_district"
    for tech in ("mobile", "fibre", "lan"):
        for key in ("count", "previous", "fixed", "new", "stayed"):
            # a former district without data for it has no counts (null), as the CSV's empty cells
            assert sum(d["gaps"][tech][key] for d in districts if tech in d["gaps"]
                       and not d["gaps"][tech].get("no_data")) == c25.summary["gaps"][tech][key]
    assert [d["gaps"]["lan"]["count"] for d in districts if d["gaps"]["lan"].get("no_data")] == [None] * 9
    lan = [d["gaps"]["lan"] for d in districts]
    assert all(g["counts"] == "former_communes" for g in lan) and sum(g["of"] for g in lan) == 320
    bat_xat = next(d for d in districts if d["district_code"] == "082")["gaps"]["lan"]
    old = bundled_crosswalk().drop_duplicates("old_code")
    assert bat_xat["of"] == int(old["old_district_code"].astype(str).eq("082").sum()) == 21  # its own former communes
    assert bat_xat["count"] == 6
    table = change_table(c25.changes, former_districts=True)
    assert list(table.columns[:2]) == ["former_district_code", "former_district_name"]
    assert table.loc[table["former_district_name"].eq("(total)"), "fixed"].tolist() == [4, 144, 4]


def test_compare_in_2025_units_one_former_district(both_compares):
    data = demo_dataset()
    cmp = compare(data, compare_to="2024-03-31", units="2025-07", district="bat xat")
    assert cmp.summary["district"] == "Bát Xát" and cmp.summary["units"]["communes"] == 8
    g = cmp.summary["gaps"]["lan"]
    # the former communes that were in Bát Xát (21), not all those of the 8 new communes wholly or partly in it (23):
    # the page, summary --district and summary.csv count alike (QA18)
    assert (g["count"], g["of"]) == (6, 21)
    assert cmp.summary["gaps"]["fibre"]["fixed"] == 31
    assert set(cmp.changes["commune_code"]) == set(cmp.before.status["commune_code"])


@pytest.mark.parametrize("district", ["bat xat", "lao cai", "sa pa"])
def test_a_former_district_counts_alike_alone_and_in_the_whole_table(district):
    """`summary --district "bat xat"` counted 255 villages and 23 former communes (all those of the new communes
    wholly or partly in it) where summary.csv's Bát Xát row counted 246 and 21 (QA18): one former district alone
    now counts what was in it, as its row of the whole table does."""
    from dxmap.render.tables import summary_table

    data = demo_dataset()
    alone = analyse(data, units="2025-07", district=district)
    rows = summary_table(analyse(data, units="2025-07").status, former_districts=True)
    mine = rows[rows["former_district_code"].eq(alone.district[0])].set_index("technology")
    for tech, g in alone.summary["gaps"].items():
        assert g["statuses"] == {s: int(mine.loc[tech, s]) for s in g["statuses"]}, tech


def test_cli_compare_in_2025_units(tmp_path):
    out = tmp_path / "d"
    result = run("demo", "--units", "2025-07", "--compare", "2024-03-31", "--out", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["compare_to"] == "2024-03-31" and summary["units"]["communes"] == 99
    assert {t: (g["count"], g["fixed"]) for t, g in summary["gaps"].items()} == \
        {"mobile": (6, 4), "fibre": (56, 144), "lan": (29, 4)}
    assert summary["gaps"]["lan"]["counts"] == "former_communes"
    assert "4 former communes gained a standard LAN since 2024-03-31 (Q2 2024)" in result.output
    assert "2025-07 units (from records of the former communes through the crosswalk)" in result.output
    csv = run("summary", "--demo", "--units", "2025-07", "--compare", "2024-03-31", "--format", "csv", "--lang", "en",
              "-q").output
    assert csv.lstrip("\ufeff").startswith("former_province_code,former_province_name,former_district_code,")
    table = run("summary", "--demo", "--units", "2025-07", "--compare", "2024-03-31", "--lang", "en", "-q").output
    assert "29 of 320 former communes without a standard LAN (33 on 2024-03-31)" in table
    assert "former district" in table
    page = tmp_path / "map.html"
    assert run("map", "--demo", "--units", "2025-07", "--compare", "2024-03-31", "--out", str(page), "-q").exit_code == 0
    assert page.stat().st_size > 100_000


def test_compare_in_2025_units_no_data_is_said_not_zero():
    # Văn Chấn (former district, Yên Bái): no LAN record for any of its former communes. "0 of 31" would read as
    # "none missing"; the change text says there is no data.
    cmp = compare(demo_dataset(), compare_to="2024-03-31", units="2025-07", district="Văn Chấn")
    g = cmp.summary["gaps"]["lan"]
    # its own 24 former communes (31 with its neighbours'); no count at all (QA59 14: a 0 beside "no data")
    assert g["no_data"] == g["of"] == 24 and g["count"] is None and g["fixed"] is None
    assert g["change_text"] == ("no data: none of the 24 former communes has a record on a standard LAN "
                                "(unknown, not a gap)")


def test_a_former_district_with_nothing_known_says_no_data_not_zero():
    """Lục Yên (old Yên Bái) has no illustrative LAN record: "no data", never "0 of 24" (unknown is not covered)."""
    result = CliRunner().invoke(main, ["summary", "--demo", "--units", "2025-07", "--district", "luc yen",
                                       "--format", "json", "-q"], catch_exceptions=False)
    lan = json.loads(result.stdout)["gaps"]["lan"]
    assert lan["count"] is None and lan["no_data"] == lan["of"] > 0
    table = CliRunner().invoke(main, ["summary", "--demo", "--units", "2025-07", "--district", "luc yen", "-q"]).stdout
    row = next(line for line in table.splitlines() if line.startswith("Mạng LAN chuẩn")).split()  # QA60 10: not 0
    assert row[-5:] == ["—", "—", "—", str(lan["of"]), "—"]
    assert "các tệp không có bản ghi nào (đã khớp) của huyện cũ Lục Yên (135)" in result.stderr  # QA39 L10
    assert lan["text"] == f"no data: none of the {lan['of']} former communes has a record on a standard LAN"


def test_a_former_district_without_records_is_said_so_not_dated_by_a_neighbour_s_records(demo, caplog):
    """QA41 M2: a 2025-07 unit that shares its code with a former commune of another former district lent that
    commune's records to the district: "its records begin on 31/3/2024, after the picture's date" for Si Ma Cai,
    which has none."""
    import logging

    import dxmap

    records = demo.records[demo.records["district_name"].ne("Si Ma Cai")]
    data = dxmap.Dataset(records=records, outcomes=dxmap.reconcile(records, demo.communes, demo.villages),
                         communes=demo.communes, districts=demo.districts, villages=demo.villages)
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        analyse(data, units="2025-07", district="084")
    assert "no matched record of the files is of former district (huyện cũ) Si Ma Cai (084)" in caplog.text
    assert "begin on" not in caplog.text


@pytest.mark.parametrize("district", ["van ban", "sa pa"])
def test_without_a_village_layer_a_partly_moved_commune_s_villages_stay_in_their_former_district(district, caplog):
    """QA64 F2: the 2024 records alone (no village layer, the usual case) in the 2025-07 units: the villages of Ngũ
    Chỉ Sơn and Nậm Xé, 2024 communes that went only partly into their successor, had no position to place them by
    and were left unplaced: Văn Bàn alone counted 273 villages (14 without fibre) where summary.csv's row has 293
    (17). They go to the one successor the crosswalk names, as the bundled polygons place them, and it is said."""
    import logging

    from dxmap import read_dataset
    from dxmap.io.bundled import sample_path
    from dxmap.render.tables import summary_table

    data = read_dataset(sample_path("status_records.csv"))
    with caplog.at_level(logging.INFO, logger="dxmap"):
        whole = analyse(data, units="2025-07")
    assert "40 villages of 2 2024 communes that went only partly" in caplog.text
    villages = whole.status[whole.status["level"].eq("village")]
    assert villages["commune_code"].notna().all() and not villages["placed_by"].eq("unplaced").any()
    moved = villages[villages["placed_by"].eq("successor")]
    assert moved["unit_id"].nunique() == 40 and set(moved["old_commune_code"]) == {"03004", "03085"}
    assert (moved["commune_code"] == moved["old_commune_code"]).all()  # the successor keeps the code
    alone = analyse(data, units="2025-07", district=district)
    rows = summary_table(whole.status, former_districts=True)
    mine = rows[rows["former_district_code"].eq(alone.district[0])].set_index("technology")
    for tech, g in alone.summary["gaps"].items():
        assert g["statuses"] == {s: int(mine.loc[tech, s]) for s in g["statuses"]}, tech


def test_the_map_s_console_line_counts_former_districts(caplog):
    """QA64 F13: "map: 18 districts" on a page of the 2025-07 units, where every other line says former districts."""
    import logging

    from dxmap.render.webmap import gap_map

    now = analyse(demo_dataset(), units="2025-07", district="bat xat")
    with caplog.at_level(logging.INFO, logger="dxmap"):
        gap_map(now.status, now.communes, districts=now.districts, district=now.district)
    line = next(r.getMessage() for r in caplog.records if r.getMessage().startswith("map: "))
    assert line.startswith("map: 2 former districts, 8 polygons for 8 communes"), line  # Bát Xát and Cốc San's other


def test_check_looks_a_former_district_up_as_summary_does(tmp_path):
    """QA68 N2: `check --district "Xã Văn Bàn"` checked all of former Văn Bàn, and "Xã Y Tý" got the 2024 districts'
    list, where summary, map and report said it is a commune."""
    from click.testing import CliRunner

    from dxmap.cli import main

    path = tmp_path / "lan.csv"
    path.write_text("Tên xã,Mạng LAN chuẩn,Ngày cập nhật,Phiên bản\nXã Văn Bàn,Có,20/11/2026,2025-07\n"
                    "Xã Y Tý,Chưa có,20/11/2026,2025-07\n", encoding="utf-8")
    for query, code in (("Xã Văn Bàn", "03082"), ("Xã Y Tý", "02701")):
        result = CliRunner().invoke(main, ["check", "--records", str(path), "--district", query, "--lang", "en"])
        assert result.exit_code == 1 and f"'{query}' is a 2025-07 commune ({code} " in result.output, result.output
    kept = CliRunner().invoke(main, ["check", "--records", str(path), "--district", "Văn Bàn", "--lang", "en", "-q"])
    assert kept.exit_code == 0 and "1 record: matched 1" in kept.output, kept.output

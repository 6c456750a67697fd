"""A village of records written for the 2025-07 units that names its former commune (xã cũ) is in that former
commune's former district (huyện cũ), and the lists handed to field teams name its former commune (QA66 F1, F3).

Xã Cốc San is made of Tòng Sành (old Bát Xát) and of Cốc San and Đồng Tuyển (old Lào Cai city). Its villages were
counted whole in both former districts, and filed under the commune's one filing district (Lào Cai city) in the
tables, whatever their "Xã cũ" said; the gap lists and the map's CSV had no "Xã cũ" column. A village whose row names
no former commune keeps that behaviour (its commune's, counted in both), as does the commune's own LAN row; inside a
former district's run such a row is filed under that former district, and its villages are said (QA68 N1).

The browser tests drive Debian's headless chromium with every http(s) request blocked.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import dxmap
from dxmap.cli import main
from dxmap.gaps.change import comparison_table, format_change
from dxmap.render.report import report_html
from dxmap.render.webmap import _map_data, gap_map, save_map
from tests.conftest import downloaded_csv, page_ints

DESKTOP = {"viewport": {"width": 1400, "height": 900}}

SHEET = ("Xã mới,Xã cũ,Thôn/bản,Di động,Cáp quang,Ngày cập nhật\n"
         "Xã Cốc San,Tòng Sành,Bản Tòng Sành,Có,Chưa có,16/11/2026\n"
         "Xã Cốc San,Cốc San,Thôn Cốc Châu,Có,Chưa có,16/11/2026\n"
         "Xã Cốc San,Đồng Tuyển,Thôn Tả Hồ,Có,Có,16/11/2026\n"
         "Xã Cốc San,,Thôn Xuân Quang,Có,Chưa có,16/11/2026\n"  # no former commune: the commune's, as before
         "Xã Bát Xát,Bản Vược,Bản Mế,Có,Chưa có,20/11/2026\n")
LAN = "Mã xã;Tên xã;Mạng LAN chuẩn tại UBND xã;Ngày cập nhật\n02746;Xã Cốc San;Chưa có;16/11/2026\n"


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("coc_san")
    (folder / "thon.csv").write_text(SHEET, encoding="utf-8")
    (folder / "lan.csv").write_text(LAN, encoding="utf-8")
    return folder / "thon.csv", folder / "lan.csv"


@pytest.fixture(scope="module")
def data(files):
    return dxmap.read_dataset(list(files), records_version="2025-07")


def _villages(status: pd.DataFrame, tech: str = "fibre") -> dict[str, str]:
    rows = status[status["level"].eq("village") & status["technology"].eq(tech)]
    return dict(zip(rows["name"], rows["district_code"]))


def test_a_village_is_filed_under_its_former_commune_s_former_district(data):
    status = dxmap.analyse(data).status
    assert _villages(status) == {"Bản Tòng Sành": "082", "Thôn Cốc Châu": "080", "Thôn Tả Hồ": "080",
                                 "Thôn Xuân Quang": "080", "Bản Mế": "082"}  # was: Bản Tòng Sành 080
    villages = status[status["level"].eq("village")]
    assert villages.set_index("name")["district_name"].to_dict()["Bản Tòng Sành"] == "Bát Xát"
    assert villages.drop_duplicates("unit_id").set_index("name")["former_commune_code"].fillna("").to_dict() == {
        "Bản Tòng Sành": "02749", "Thôn Cốc Châu": "02746", "Thôn Tả Hồ": "02662", "Thôn Xuân Quang": "",
        "Bản Mế": "02710"}
    lan = status[status["technology"].eq("lan") & status["commune_code"].eq("02746")]
    assert lan["district_code"].tolist() == ["080"]  # the commune's own row: its filing district, as documented
    assert lan[["district_codes", "district_names"]].values.tolist() == [["080, 082", "Lào Cai, Bát Xát"]]
    per = dxmap.summarise(status, by="district")
    fibre = per[per["technology"].eq("fibre")].set_index("district_code")
    # Xuân Quang, whose row names no former commune, counts in both, as each district's run counts it (was 082: 2)
    assert fibre[["none", "total"]].to_dict("index") == {"080": {"none": 2, "total": 3}, "082": {"none": 3, "total": 3}}
    lan = per[per["technology"].eq("lan")].set_index("district_code")["total"]
    assert (lan["080"], lan["082"]) == (5, 8)  # Cốc San's LAN row in both, as in each run (was 4 and 7)


@pytest.mark.parametrize(("district", "names"), [
    ("bat xat", {"Bản Tòng Sành", "Thôn Xuân Quang", "Bản Mế"}),
    ("lao cai", {"Thôn Cốc Châu", "Thôn Tả Hồ", "Thôn Xuân Quang"}),
])
def test_a_former_district_counts_the_villages_that_were_in_it(data, district, names):
    """Cốc Châu and Tả Hồ were never in Bát Xát, nor Tòng Sành in Lào Cai city: the two add up to the sheet's
    villages, but for Xuân Quang, whose row names no former commune (counted in both, as before); Cốc San's LAN
    row is its whole status and counts in both."""
    status = dxmap.analyse(data, district=district).status
    assert set(_villages(status)) == names
    assert status[status["technology"].eq("lan")]["commune_code"].tolist().count("02746") == 1


def test_the_summary_csv_s_former_district_rows_add_up_to_its_total(files):
    """The tester's command: the total of `--district "bat xat"` is its per-district rows' sum, no village of
    another former district in it."""
    result = CliRunner().invoke(main, ["summary", "--records", str(files[0]), "--records", str(files[1]),
                                       "--district", "bat xat", "--format", "csv", "-q", "--lang", "en"])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(io.StringIO(result.stdout), dtype=str)
    fibre = table[table["technology"].eq("fibre")].set_index("former_district_name")
    # Tòng Sành, Bản Mế and Xuân Quang, whose row names no former commune: filed under the district asked for, where
    # it sat on a "Lào Cai" row of the Bát Xát run (QA68 N1); so is Cốc San's LAN row
    assert fibre.index.tolist() == ["Bát Xát", "(total)"]
    assert fibre.loc["Bát Xát", ["none", "total"]].tolist() == ["3", "3"]
    assert fibre.iloc[-1][["none", "total"]].tolist() == ["3", "3"]  # was 4 of 5: Cốc Châu and Tả Hồ too
    lan = table[table["technology"].eq("lan")]
    assert lan["former_district_name"].tolist() == ["Bát Xát", "(total)"]
    said = [line for line in result.stderr.splitlines() if "no valid former commune" in line]
    assert said == ["dxmap: 1 village of a commune that lies in two or more former districts (Cốc San: Lào Cai, "
                    "Bát Xát) names no valid former commune, Xã cũ ('Thôn Xuân Quang'), so it counts in each former "
                    "district of its commune (here filed under former district Bát Xát); fill in Xã cũ to count each "
                    "in one"]


@pytest.fixture(scope="module")
def report(data):
    from dxmap.render.report import build_report

    return build_report(data, district="bat xat")


def test_the_report_s_headline_and_district_table_agree(report):
    head = report.tables["headline"].set_index("Hạ tầng")
    districts = report.tables["districts"].set_index("Huyện cũ")
    assert head.loc["Cáp quang (FTTH)", "Số đơn vị"] == 3
    fibre = [c for c in districts.columns if c.startswith("Cáp quang (FTTH): Chưa có")][0]
    assert districts.loc["Bát Xát", fibre] == 3 and districts.loc["Tổng", fibre] == 3  # Bát Xát was 2 (QA68 N1)
    assert list(districts.index) == ["Bát Xát", "Tổng"]


def test_the_gap_list_names_each_village_s_former_commune(report):
    """gap_list.csv and the "Còn thiếu" sheet: "Mã xã cũ" and "Xã cũ", as for 2024 records in these units; blank for
    a village whose row names none and for a commune's row."""
    gaps = report.tables["gap_list"]
    assert list(gaps.columns)[4:8] == ["Mã xã cũ", "Xã cũ", "Mã thôn/bản", "Thôn/bản"]
    rows = gaps.set_index(["Thôn/bản", "Hạ tầng"])[["Huyện cũ", "Mã xã cũ", "Xã cũ"]]
    assert rows.loc[("Bản Tòng Sành", "Cáp quang (FTTH)")].tolist() == ["Bát Xát", "02749", "Tòng Sành"]
    assert rows.loc[("Bản Mế", "Cáp quang (FTTH)")].tolist() == ["Bát Xát", "02710", "Bản Vược"]
    assert rows.loc[("Thôn Xuân Quang", "Cáp quang (FTTH)")].tolist()[1:] == ["", ""]
    assert rows.loc[("", "Mạng LAN chuẩn")].tolist()[1:] == ["", ""]
    from dxmap.render.report import _sections

    printed = {s["name"]: s for s in _sections(report)}
    assert printed["Bát Xát"]["columns"][:3] == ["Xã/phường", "Xã cũ", "Thôn/bản"]
    # Xuân Quang and Cốc San's LAN row (a commune, not a former one), of no former commune, in the district asked for
    assert printed["Bát Xát"]["units"] == "3 thôn/bản, 1 xã/phường"


def test_records_without_a_former_commune_have_no_such_columns(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("Xã,Thôn/bản,Cáp quang,Ngày cập nhật\nXã Cốc San,Thôn Cốc Châu,Chưa có,16/11/2026\n",
                    encoding="utf-8")
    from dxmap.render.report import build_report

    rep = build_report(dxmap.read_dataset(path, records_version="2025-07"))
    assert "Xã cũ" not in rep.tables["gap_list"].columns
    status = dxmap.analyse(dxmap.read_dataset(path, records_version="2025-07")).status
    assert "former_commune_code" not in status.columns and _villages(status) == {"Thôn Cốc Châu": "080"}


def test_the_page_places_each_village_in_its_former_commune(data):
    result = dxmap.analyse(data)
    page = _map_data(result.status, result.communes)
    villages, names = page["villages"], page["formerNames"]
    places = page_ints(villages["f"], len(villages["name"]))
    codes = page["communes"]["code"]
    per_commune = page_ints(names["n"], len(codes))
    formers = {}
    for name, c, place in zip(villages["name"], villages["c"], places):
        formers[name] = names["code"][int(per_commune[:c].sum()) + place - 1] if place else None
    assert formers == {"Bản Tòng Sành": "02749", "Thôn Cốc Châu": "02746", "Thôn Tả Hồ": "02662",
                       "Thôn Xuân Quang": None, "Bản Mế": "02710"}


@pytest.fixture(scope="module")
def page_path(data, tmp_path_factory) -> Path:
    result = dxmap.analyse(data)
    return save_map(gap_map(result.status, result.communes), tmp_path_factory.mktemp("coc_san") / "map.html")


def test_the_page_names_a_former_city_or_town_as_the_tables_do(data):
    """QA66 F9, session 32: the page's former Lào Cai city is listed as what it is in its menu, table and CSV alike,
    named as the tables name it (dxmap.reconcile.districts.former_city_name) in both languages: the page guessed by the
    province's name (QA66 F9) and said "Lào Cai (former district)" in English where the report said "Lào Cai (former
    city)", and a bare "Sa Pa" where the tables say "Sa Pa (thị xã cũ)"."""
    result = dxmap.analyse(data)
    for lang, city, town in (("vi", "Lào Cai (thành phố cũ)", "Sa Pa (thị xã cũ)"),
                             ("en", "Lào Cai (former city)", "Sa Pa (former town)")):
        districts = _map_data(result.status, result.communes, lang=lang)["districts"]
        named = dict(zip(districts["code"], districts["label"]))
        assert (named["080"], named["088"], named["082"]) == (city, town, "Bát Xát")
        assert named["132"] == city.replace("Lào Cai", "Yên Bái")
        assert "asProvince" not in districts
    before = dxmap.analyse(dxmap.demo_dataset(), district="bat xat")
    assert "label" not in _map_data(before.status, before.communes)["districts"]  # a 2024 page: its names


CITY = "Lào Cai (thành phố cũ)"  # as the report and the summary CSV name it


@pytest.mark.browser
@pytest.mark.parametrize(("district", "expected"), [
    ("082", {"Bản Tòng Sành": ("Tòng Sành", "02749", "Bát Xát"), "Bản Mế": ("Bản Vược", "02710", "Bát Xát"),
             "Thôn Xuân Quang": ("", "", f"{CITY}, Bát Xát")}),  # counted in both: said (it said CITY alone)
    ("080", {"Thôn Cốc Châu": ("Cốc San", "02746", CITY), "Thôn Tả Hồ": ("Đồng Tuyển", "02662", CITY),
             "Thôn Xuân Quang": ("", "", f"{CITY}, Bát Xát")}),
])
def test_the_page_s_former_district_filter_csv_and_table(open_page, page_path, district, expected):
    """The page filtered to a former district lists and counts the villages that were in it; its "Tải CSV" and its
    table name each one's former commune and its own former district, a former city as the menu names it."""
    page = open_page(page_path, DESKTOP, f"#d={district}&t=fibre")
    page.check(".dxmap-legend input[id$='-show-covered']")
    rows = downloaded_csv(page)
    assert {r["Thôn/bản"]: (r["Xã cũ"], r["Mã xã cũ"], r["Huyện cũ"]) for r in rows} == expected
    menu = page.eval_on_selector_all("select.dxmap-district option", "els => els.map(e => e.textContent)")
    assert CITY in menu and "Lào Cai" not in menu
    counts = page.evaluate("""d => { const M = dxmap.instances[0].page.model, t = M.techs.find(t => t.key === 'fibre');
        return Array.from(M.counts(t, M.DI.code.indexOf(d))); }""", district)
    assert sum(counts) == len(expected)
    page.click(".dxmap-tablebar button[aria-controls]")
    heads = page.eval_on_selector_all(".dxmap-table thead th", "els => els.map(e => e.dataset.key)")
    assert "former" in heads
    column = heads.index("district")
    cells = page.eval_on_selector_all(f".dxmap-table tbody tr td:nth-child({column + 1})",
                                      "els => els.map(e => e.textContent)")
    assert sorted(set(cells)) == sorted({d for *_, d in expected.values()})
    assert page.console_errors == [] and page.failed_requests == []


@pytest.mark.browser
def test_an_english_page_names_the_former_city_as_the_report_does(open_page, data, tmp_path):
    """Session 32: an English page's menu, CSV and cards said "Lào Cai (former district)" / "Former district Lào Cai"
    of the old Lào Cai city, where the report's tables say "Lào Cai (former city)"."""
    result = dxmap.analyse(data)
    path = save_map(gap_map(result.status, result.communes, lang="en"), tmp_path / "en.html")
    page = open_page(path, DESKTOP, "#d=080&t=fibre")
    menu = page.eval_on_selector_all("select.dxmap-district option", "els => els.map(e => e.textContent)")
    assert "Lào Cai (former city)" in menu and "Sa Pa (former town)" in menu and "Lào Cai (former district)" not in menu
    districts = {r["Former district"] for r in downloaded_csv(page)}
    assert districts == {"Lào Cai (former city)", "Lào Cai (former city), Bát Xát"}
    assert page.inner_text(".dxmap-legend-title") == "Legend — Lào Cai (former city)"
    page.evaluate("""() => { const i = dxmap.instances[0], k = i.index('commune', '02746'), at = i.locate('commune', k);
        const box = i.map.getContainer().getBoundingClientRect(); window.__at = [box.left + at.x, box.top + at.y]; }""")
    x, y = page.evaluate("window.__at")
    page.mouse.click(x, y)
    card = page.locator(".leaflet-popup .dxmap-card").first
    assert "Lào Cai (former city)" in card.inner_text()
    assert page.console_errors == [] and page.failed_requests == []


BAO_HA = ("Xã,Xã cũ,Thôn/bản,Cáp quang,Ngày\n"
          "Xã Bảo Hà,Kim Sơn,Thôn Khe Cọ,Chưa có,20/11/2026\n"  # old Bảo Yên
          "Xã Bảo Hà,Tân An,Thôn Khe Bẻ,Chưa có,20/11/2026\n"  # old Văn Bàn
          "Xã Bảo Hà,,Thôn Không Ghi,Chưa có,20/11/2026\n"  # no former commune
          "Xã Bảo Hà,Khánh Yên Thượng,Thôn Sai,Chưa có,20/11/2026\n")  # a Văn Bàn commune, not one of Bảo Hà's


@pytest.mark.parametrize(("district", "code", "name", "own"), [
    ("van ban", "089", "Văn Bàn", "Thôn Khe Bẻ"), ("bao yen", "087", "Bảo Yên", "Thôn Khe Cọ")])
def test_a_village_of_no_valid_former_commune_is_filed_under_the_district_asked_for(tmp_path, caplog, district, code,
                                                                                    name, own):
    """QA68 N1: in a split commune (Bảo Hà: old Bảo Yên and Văn Bàn), a village whose Xã cũ is blank or not one of its
    commune's former communes counts in both former districts; inside the `--district "van ban"` run it sat on a
    "Bảo Yên" row (Văn Bàn 1 + Bảo Yên 1 beside a total of 2), so the district's rows did not make its total. It is
    now filed under the district asked for, and said in one line; a village with a valid Xã cũ stays in its own."""
    path = tmp_path / "bh.csv"
    path.write_text(BAO_HA, encoding="utf-8")
    data = dxmap.read_dataset(path, records_version="2025-07")
    with caplog.at_level("WARNING", logger="dxmap"):
        status = dxmap.analyse(data, district=district).status
    villages = status[status["level"].eq("village")]
    assert set(villages["name"]) == {own, "Thôn Không Ghi", "Thôn Sai"}
    assert set(status["district_code"]) == {code} and set(status["district_name"]) == {name}
    per = dxmap.summarise(status, by="district")
    assert per.loc[per["technology"].eq("fibre"), ["district_code", "none", "total"]].values.tolist() == [[code, 3, 3]]
    said = [r.getMessage() for r in caplog.records if "no valid former commune" in r.getMessage()]
    assert said == [f"2 villages of a commune that lies in two or more former districts (Bảo Hà: Bảo Yên, Văn Bàn) "
                    f"name no valid former commune, Xã cũ ('Thôn Không Ghi', 'Thôn Sai'), so they count in each former "
                    f"district of their commune (here filed under former district {name}); fill in Xã cũ to count "
                    f"each in one"]
    caplog.clear()
    with caplog.at_level("WARNING", logger="dxmap"):
        whole = dxmap.analyse(data).status  # the province: each village once, its tables by district in each
    said = [r.getMessage() for r in caplog.records if "no valid former commune" in r.getMessage()]
    assert said == ["2 villages of a commune that lies in two or more former districts (Bảo Hà: Bảo Yên, Văn Bàn) "
                    "name no valid former commune, Xã cũ ('Thôn Không Ghi', 'Thôn Sai'), so they count in each former "
                    "district of their commune: the rows by former district may add up to more than the total; fill "
                    "in Xã cũ to count each in one"]
    assert whole[whole["level"].eq("village")]["unit_id"].nunique() == 4


@pytest.fixture(scope="module")
def bao_ha(tmp_path_factory) -> dxmap.Dataset:
    path = tmp_path_factory.mktemp("bao_ha") / "bh.csv"
    path.write_text(BAO_HA, encoding="utf-8")
    return dxmap.read_dataset(path, records_version="2025-07")


def test_the_page_of_a_former_district_files_them_as_the_analysis_does(bao_ha):
    """QA68 N1 remainder: the page of the `--district "van ban"` run is told which villages the analysis filed under
    Văn Bàn (those of Bảo Hà, filed under Bảo Yên, whose Xã cũ is blank or wrong); the province's page is told none."""
    result = dxmap.analyse(bao_ha, district="van ban")
    villages = _map_data(result.status, result.communes, district=result.district)["villages"]
    assert sorted(villages["name"][k] for k in villages["filed"]) == ["Thôn Không Ghi", "Thôn Sai"]
    whole = dxmap.analyse(bao_ha)
    assert "filed" not in _map_data(whole.status, whole.communes)["villages"]


@pytest.mark.browser
@pytest.mark.parametrize(("district", "expected"), [
    (None, {"Thôn Khe Cọ": "Bảo Yên", "Thôn Khe Bẻ": "Văn Bàn", "Thôn Không Ghi": "Bảo Yên, Văn Bàn",
            "Thôn Sai": "Bảo Yên, Văn Bàn"}),
    ("van ban", {"Thôn Khe Bẻ": "Văn Bàn", "Thôn Không Ghi": "Văn Bàn", "Thôn Sai": "Văn Bàn"}),
])
def test_the_page_s_csv_names_the_former_district_a_village_counts_in(open_page, bao_ha, tmp_path, district,
                                                                      expected):
    """QA68 N1 remainder: the map CSV's "Huyện cũ" of a village of Bảo Hà (old Bảo Yên and Văn Bàn) whose Xã cũ is
    blank or wrong said "Bảo Yên" (the commune's filing district) where the page counts it: in the Văn Bàn run, which
    files it under Văn Bàn, and on the province's page, which counts it in both. It now says where it counts."""
    result = dxmap.analyse(bao_ha, district=district)
    page_file = save_map(gap_map(result.status, result.communes, district=result.district), tmp_path / "bh.html")
    page = open_page(page_file, DESKTOP, "#t=fibre")
    rows = downloaded_csv(page)
    assert {r["Thôn/bản"]: r["Huyện cũ"] for r in rows} == expected
    counts = page.evaluate("""() => { const M = dxmap.instances[0].page.model, t = M.techs.find(t => t.key === 'fibre');
        return M.DI.code.map((d, i) => M.counts(t, i)[0]); }""")
    codes = page.evaluate("dxmap.instances[0].page.model.DI.code")
    counted = dict(zip(codes, counts))
    assert counted.get("089") == sum("Văn Bàn" in d for d in expected.values())
    assert counted.get("087", 0) == sum("Bảo Yên" in d for d in expected.values())
    assert page.console_errors == [] and page.failed_requests == []


def test_the_province_s_tables_by_former_district_count_as_each_district_s_run(bao_ha, tmp_path):
    """The province's tables by former district count a village of Bảo Hà (old Bảo Yên and Văn Bàn) whose Xã cũ is
    blank or wrong in each of them, as each former district's run and the map page do; they filed it under Bảo Yên
    only (fibre: Bảo Yên 3, Văn Bàn 1 beside Văn Bàn's own run of 3), and Bảo Hà's LAN row too (Văn Bàn 8 beside its
    run's 9). The province total counts each once; summary.json and the report say how many count in several."""
    whole = dxmap.analyse(bao_ha)
    per = dxmap.summarise(whole.status, by="district").set_index(["district_code", "technology"])
    for district, code in (("bao yen", "087"), ("van ban", "089"), ("bat xat", "082"), ("lao cai", "080")):
        own = dxmap.summarise(dxmap.analyse(bao_ha, district=district).status).set_index("technology")
        for tech in own.index:
            assert per.loc[(code, tech), ["none", "total"]].tolist() == own.loc[tech, ["none", "total"]].tolist(), (
                district, tech)
    assert per.loc[("087", "fibre"), "none"] == per.loc[("089", "fibre"), "none"] == 3  # was 3 and 1
    assert dxmap.summarise(whole.status).set_index("technology").loc["fibre", "none"] == 4  # each village once
    assert whole.summary["units"]["in_several_former_districts"] == {"communes": 12, "villages": 2}
    report = dxmap.build_report(bao_ha, lang="en")
    districts = report.tables["districts"].set_index("Former district")
    fibre = [c for c in districts.columns if c.startswith("Fibre (FTTH): Without")][0]
    assert districts.loc[["Bảo Yên", "Văn Bàn", "Total"], fibre].tolist() == [3, 3, 4]
    gaps = report.tables["gap_list"].set_index("Village")
    assert gaps.loc["Thôn Không Ghi", ["Former district code", "Former district"]].tolist() == [
        "087, 089", "Bảo Yên, Văn Bàn"]  # was "087", "Bảo Yên"
    assert gaps.loc["Thôn Khe Bẻ", "Former district"] == "Văn Bàn"
    assert "counts in each of them (12 communes), as do its villages whose row names no valid former commune, Xã cũ " \
           "(2 villages)" in report_html(report)


BAO_HA_LAN = ("Mã xã;Tên xã;Mạng LAN chuẩn tại UBND xã;Ngày cập nhật\n"
              "02989;Xã Bảo Hà;Đang triển khai;31/03/2026\n02989;Xã Bảo Hà;Có;30/06/2026\n"
              "02953;Xã Nghĩa Đô;Chưa có;31/03/2026\n02953;Xã Nghĩa Đô;Chưa có;30/06/2026\n")


@pytest.fixture(scope="module")
def bao_ha_rounds(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bao_ha_lan") / "lan.csv"
    path.write_text(BAO_HA_LAN, encoding="utf-8")
    return path


def test_the_change_counts_a_commune_of_two_former_districts_in_each_as_the_csv_does(bao_ha_rounds):
    """QA71 C4: Bảo Hà (old Bảo Yên and Văn Bàn) counts whole in each former district. The change's CSV and the
    `--district "van ban"` run said Văn Bàn's LAN was 0 now, 0 then; its text table and JSON said "no data" (the JSON
    looked for a record under the commune's one filing district). All now say 0 / 0, from one rule."""
    cmp = dxmap.compare(dxmap.read_dataset(bao_ha_rounds, records_version="2025-07"), compare_to="2026-03-31")
    van_ban = {d["district_code"]: d for d in cmp.summary["districts"]}["089"]["gaps"]["lan"]
    assert "no_data" not in van_ban
    assert [van_ban[k] for k in ("count", "previous", "fixed", "new", "stayed")] == [0, 0, 0, 0, 0]
    csv = comparison_table(cmp).set_index("former_district_code")
    assert csv.loc["089", ["count", "previous", "covered"]].tolist() == [0, 0, 1]
    own = dxmap.compare(dxmap.read_dataset(bao_ha_rounds, records_version="2025-07"), compare_to="2026-03-31",
                        district="van ban").summary["gaps"]["lan"]
    assert [own[k] for k in ("count", "previous")] == [van_ban["count"], van_ban["previous"]]
    row = [line for line in format_change(cmp.summary, lang="vi").splitlines() if line.startswith("Văn Bàn")]
    assert row == ["Văn Bàn           Mạng LAN chuẩn               0         0           0            0            0"]


def test_the_change_s_text_table_leaves_out_former_districts_with_no_data(bao_ha_rounds, tmp_path):
    """QA71 C10: data of Bảo Yên's communes printed 16 rows of "—" for the other former districts in the change's text
    table; they are left out, said in one line. The CSV and the JSON keep every former district."""
    cmp = dxmap.compare(dxmap.read_dataset(bao_ha_rounds, records_version="2025-07"), compare_to="2026-03-31")
    lines = format_change(cmp.summary, lang="vi").splitlines()
    at = lines.index("Huyện cũ          Hạ tầng                 Kỳ này  Kỳ trước  Đã có thêm  Mới chưa có  Vẫn chưa có")
    shown = [line.split("  ")[0] for line in lines[at + 1:at + 4]]
    assert shown == ["Bảo Yên", "Văn Bàn", "16 huyện cũ khác không có số liệu (không liệt kê)"]
    assert not any("—" in line for line in lines)
    english = format_change(cmp.summary, lang="en")
    assert "16 other former districts with no data (not listed)" in english
    assert len(cmp.summary["districts"]) == 18
    assert comparison_table(cmp)["former_district_code"].nunique() == 19  # 18 and the total row

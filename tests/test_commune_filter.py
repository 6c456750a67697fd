"""--commune and commune=: a picture, a map and a report of a few communes (QA66 F4)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import dxmap
from dxmap.cli import main
from dxmap.errors import UnknownUnitError
from dxmap.render.webmap import page_data, save_map

THREE = ["Y Tý", "a mu sung", "Trịnh Tường"]
CODES = ["02701", "02686", "02695"]


def test_analyse_counts_only_the_communes_asked_for(demo):
    result = dxmap.analyse(demo, commune=THREE)
    assert result.commune == (("02701", "Y Tý"), ("02686", "A Mú Sung"), ("02695", "Trịnh Tường"))
    assert set(result.status["commune_code"]) == set(CODES)
    summary = result.summary
    assert summary["units"]["communes"] == 3 and summary["gaps"]["lan"]["statuses"]["covered"] == 3
    assert summary["commune_codes"] == CODES and summary["commune_full_names"][0] == "Xã Y Tý"
    villages = demo.villages[demo.villages["commune_code"].isin(CODES)]
    assert summary["units"]["villages"] == len(villages)


def test_in_the_2025_units_the_communes_are_the_new_ones(demo):
    result = dxmap.analyse(demo, units="2025-07", commune=["Y Tý", "a mu sung"])
    assert set(result.status["commune_code"]) == {"02701", "02686"}
    lan = result.summary["gaps"]["lan"]
    assert lan["of"] == 4  # A Lù, Y Tý, A Mú Sung, Nậm Chạc: each former commune's LAN counted
    with_district = dxmap.analyse(demo, units="2025-07", commune=["Y Tý", "a mu sung"], district="bat xat")
    assert with_district.status[["unit_id", "technology"]].equals(result.status[["unit_id", "technology"]])


def test_the_comparison_and_the_report_count_only_them(demo):
    pytest.importorskip("matplotlib")
    cmp = dxmap.compare(demo, compare_to="2024-03-31", commune=THREE)
    assert set(cmp.changes["commune_code"]) == set(CODES) and cmp.before.commune == cmp.now.commune
    rep = dxmap.build_report(demo, commune=THREE, units="2025-07", lang="vi")
    assert rep.title.endswith("— Xã Y Tý, Xã A Mú Sung, Xã Trịnh Tường") and rep.commune == ("Y Tý", "A Mú Sung",
                                                                                             "Trịnh Tường")
    communes = rep.tables["communes"]
    assert communes.iloc[:-1, 0].tolist() == sorted(CODES)  # one row per commune, and the total
    lan = next(h for h in rep.headline if h["technology"] == "lan")
    assert lan["total"] == 6  # of their 6 former communes, not of the province's 320
    fibre = next(h for h in rep.headline if h["technology"] == "fibre")
    assert fibre["total"] == int(dxmap.analyse(demo, commune=THREE, units="2025-07").summary["units"]["villages"])


def test_the_map_shows_only_them_and_names_them(demo):
    result = dxmap.analyse(demo, commune=THREE, units="2025-07")
    data = page_data(dxmap.gap_map(result.status, result.communes, commune=result.commune))
    assert sorted(data["communes"]["code"]) == sorted(CODES)
    assert data["title"].startswith("Hạ tầng số còn thiếu — Xã Y Tý, Xã A Mú Sung, Xã Trịnh Tường")
    with pytest.raises(dxmap.DxmapError, match="none of the map's communes"):
        dxmap.gap_map(result.status, result.communes, commune=[("02635", "Duyên Hải")])


def test_the_map_names_them_where_it_counts_them(demo):
    """Session 32: the page's legend was headed "Huyện cũ Bát Xát" (their former district) and its district menu
    offered that district, over the counts of the three communes the title names. The page data now carries the
    title's place, which heads the counts; a district asked for with them follows, as in the title."""
    result = dxmap.analyse(demo, commune=THREE, units="2025-07")
    data = page_data(dxmap.gap_map(result.status, result.communes, commune=result.commune))
    assert data["communesPlace"] == "Xã Y Tý, Xã A Mú Sung, Xã Trịnh Tường"
    five = ["Y Tý", "A Mú Sung", "Trịnh Tường", "Bản Xèo", "Cốc San"]
    result = dxmap.analyse(demo, commune=five, units="2025-07", district="bat xat")
    data = page_data(dxmap.gap_map(result.status, result.communes, commune=result.commune, district=result.district,
                                   lang="en"))
    assert data["communesPlace"] == ("5 communes: Y Tý, A Mú Sung, Trịnh Tường, Bản Xèo, Cốc San, "
                                     "former district Bát Xát")
    assert data["title"] == f"Missing digital infrastructure — {data['communesPlace']}, data as of 2024-06-30"
    result = dxmap.analyse(demo, units="2025-07", district="bat xat")
    assert "communesPlace" not in page_data(dxmap.gap_map(result.status, result.communes, district=result.district))


def test_a_commune_filed_under_another_former_district_than_the_one_asked_for(demo):
    """Session 32: `map --commune "bao ha" --district "van ban"` (Xã Bảo Hà lies in old Bảo Yên and Văn Bàn and is
    filed under Bảo Yên) stopped with "district=('089', 'Văn Bàn') is none of the map's 1 district(s): 'Bảo Yên
    (087)'"; the page now lists Văn Bàn and opens on it, naming both."""
    result = dxmap.analyse(demo, commune=["bao ha"], units="2025-07", district="van ban")
    data = page_data(dxmap.gap_map(result.status, result.communes, commune=result.commune, district=result.district))
    assert data["district"] == "089" and sorted(data["districts"]["code"]) == ["087", "089"]
    assert data["communesPlace"] == "Xã Bảo Hà, huyện cũ Văn Bàn"


@pytest.mark.browser
def test_the_page_heads_its_counts_with_the_communes(demo, open_page, tmp_path):
    """The legend, the image's legend line and the file names say the communes; no district menu says otherwise,
    and a link naming a district opens on the communes."""
    result = dxmap.analyse(demo, commune=THREE, units="2025-07")
    path = save_map(dxmap.gap_map(result.status, result.communes, commune=result.commune), tmp_path / "c.html")
    page = open_page(path, {"viewport": {"width": 1400, "height": 900}}, "#d=082&t=fibre")
    assert page.inner_text(".dxmap-legend-title") == "Chú giải — Xã Y Tý, Xã A Mú Sung, Xã Trịnh Tường"
    assert page.is_hidden("select.dxmap-district") and page.is_hidden("label.dxmap-lab[for$='-district']")
    assert "d=" not in page.evaluate("location.hash")
    head = page.evaluate("dxmap.instances[0].pngHead()")
    assert "Bát Xát" not in " ".join(head["lines"])
    with page.expect_download() as info:
        page.click(".dxmap-csv")
    assert info.value.suggested_filename == "dxmap_fibre_xa-y-ty-xa-a-mu-sung-xa-trinh-tuong_2024-06-30.csv"
    assert page.console_errors == [] and page.failed_requests == []


def test_a_name_two_communes_share_is_refused_in_python(demo):
    with pytest.raises(UnknownUnitError, match="02779.*03022"):
        dxmap.analyse(demo, commune="thanh binh")


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_summary_of_three_communes_on_the_command_line():
    result = _run("summary", "--demo", "-q", *[a for c in THREE for a in ("--commune", c)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == ("Số liệu đến ngày 30/6/2024, Xã Y Tý, Xã A Mú Sung, Xã Trịnh Tường  "
                                             "[DỮ LIỆU MINH HỌA]")
    assert "Đơn vị: 3 xã/phường, 54 thôn/bản" in result.output
    js = _run("summary", "--demo", "-q", "--format", "json", "--units", "2025-07", "--commune", "Y Tý",
              "--commune", "a mu sung")
    summary = json.loads(js.output)
    assert summary["commune_codes"] == ["02701", "02686"] and summary["units"]["communes"] == 2


def test_ambiguous_unknown_and_outside_communes_are_one_line_errors():
    for args, said in ((["--commune", "thanh binh"], "Thanh Bình (02779, Mường Khương), Thanh Bình (03022, Sa Pa)"),
                       (["--commune", "nowhere"], "no commune 'nowhere'"),
                       (["--commune", "y ty", "--district", "sa pa"], "not of district Sa Pa (088), which --district"),
                       (["--units", "2025-07", "--commune", "a lu"], "--commune 'Y Tý'")):
        result = _run("summary", "--demo", "-q", "--lang", "en", *args)
        assert result.exit_code == 1 and said in result.output, result.output
        assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_check_names_the_records_of_other_communes(tmp_path):
    out = tmp_path / "check.csv"
    result = _run("check", "--demo", "--lang", "en", "--commune", "Y Tý", "--commune", "a mu sung",
                  "--outcomes", str(out))
    assert result.exit_code == 0, result.output
    assert "140 records" in result.output  # every record is accounted for: 140 checked, the others named
    assert "6,357 records of other communes not checked (--commune 'Y Tý' --commune 'a mu sung')" in result.output


def test_map_and_report_of_three_communes(tmp_path):
    pytest.importorskip("weasyprint")
    communes = [a for c in THREE for a in ("--commune", c)]
    page = tmp_path / "m.html"
    assert _run("map", "--demo", "-q", "--units", "2025-07", *communes, "--out", str(page)).exit_code == 0
    assert "Xã Y Tý, Xã A Mú Sung, Xã Trịnh Tường" in page.read_text(encoding="utf-8")
    result = _run("report", "--demo", "-q", "--units", "2025-07", *communes, "--out", str(tmp_path / "r"))
    assert result.exit_code == 0, result.output
    assert "Báo cáo hạ tầng số còn thiếu — Xã Y Tý, Xã A Mú Sung, Xã Trịnh Tường" in result.output
    rows = (tmp_path / "r" / "communes.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 1 + 3 + 1  # header, the three communes, the total


@pytest.mark.browser
def test_a_former_city_s_file_is_named_as_the_page_names_it(demo, open_page, tmp_path):
    """QA70 N9: the former city's CSV of a 2025-07 page was dxmap_fibre_lao-cai_…, which reads as the province; the
    page names it "Lào Cai (thành phố cũ)", and so does its file."""
    result = dxmap.analyse(demo, units="2025-07", district="Lào Cai")
    path = save_map(dxmap.gap_map(result.status, result.communes, district=result.district), tmp_path / "c.html")
    page = open_page(path, {"viewport": {"width": 1400, "height": 900}}, "#t=fibre")
    with page.expect_download() as info:
        page.click(".dxmap-csv")
    assert info.value.suggested_filename == "dxmap_fibre_lao-cai-thanh-pho-cu_2024-06-30.csv"
    assert page.console_errors == [] and page.failed_requests == []

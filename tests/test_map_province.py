"""A map of records from two provinces (Lào Cai and Yên Bái, merged on 1 July 2025) chooses a province as well as a
district (QA finding 3), and a view's link can be copied to send with the file (QA finding 12c).

The province's counts must be those of a map of that province alone, and the provinces must add up to the whole:
the pages are made with the CLI from the sample records and a Yên Bái LAN sheet written here, and the reference
counts are read from the page data of the one-province maps. One page load per screen size.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from dxmap.cli import main
from dxmap.io.bundled import bundled_old_communes, sample_path
from dxmap.render.webmap import _provinces
from tests.conftest import offline_context, reach_communes

DESKTOP = {"viewport": {"width": 1400, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
STATUSES = ["none", "weak", "planned", "unknown", "covered"]
LAO_CAI = ("Bảo Thắng", "Bảo Yên", "Bát Xát", "Bắc Hà", "Lào Cai", "Mường Khương", "Sa Pa", "Si Ma Cai", "Văn Bàn")
_WORDS = ["Chưa có", "Lõm sóng", "Kế hoạch", "Có"]  # how the sheet writes none, weak, planned, covered


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    """The merged maps (2024 and 2025-07 units) and the one-province maps (2024 units) of the same records."""
    out = tmp_path_factory.mktemp("province")
    yenbai = out / "yenbai_lan.csv"
    communes = bundled_old_communes()
    communes = communes[communes["province_code"].astype(str).eq("15")]
    with yenbai.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Mã xã", "Tên xã", "Huyện", "Công nghệ", "Trạng thái", "Ngày cập nhật", "Nguồn", "Ghi chú"])
        for i, (code, name, district) in enumerate(zip(communes["code"], communes["name"], communes["district_name"])):
            w.writerow([code, name, district, "Mạng LAN chuẩn", _WORDS[i * 7 % 11 % 4], "30/06/2024", "Sở (thử)", ""])
    laocai, villages = sample_path("status_records.csv"), sample_path("villages.geojson")
    runs = {"merged": ["--records", laocai, "--records", yenbai, "--villages", villages],
            "merged25": ["--records", laocai, "--records", yenbai, "--villages", villages, "--units", "2025-07"],
            "laocai": ["--records", laocai, "--villages", villages], "yenbai": ["--records", yenbai]}
    paths = {}
    for name, args in runs.items():
        paths[name] = out / f"{name}.html"
        res = CliRunner().invoke(main, ["map", *map(str, args), "--out", str(paths[name]), "-q"])
        assert res.exit_code == 0, res.output
    return paths


def _data(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/json" id="[^"]+">(.*?)</script>', text, re.S).group(1))


def _alone(path: Path) -> dict[str, list[int]]:
    """Units per technology and status of a one-province map in 2024 units: one status character per unit."""
    data = _data(path)
    assert "provinces" not in data  # one province: the filter is as it was, no province to choose
    out = {}
    for tech, st in data["status"].items():
        n = Counter(st["s"])
        out[tech] = [n[str(i)] for i in range(len(STATUSES))]
    return out


def _province_counts(page) -> dict:
    """The page's counts per technology for the whole page (-1) and each province, by code."""
    return page.evaluate("""() => { const M = dxmap.instances[0].page.model, out = {};
        const at = d => Object.fromEntries(M.techs.filter(t => !t.any).map(t => [t.key, Array.from(M.counts(t, d, -1))]));
        out.all = at(-1);
        M.P.code.forEach((code, p) => { out[code] = at(M.nD + p); });
        return out; }""")


def _check_counts(counts: dict, laocai: dict, yenbai: dict) -> None:
    for code, alone in (("10", laocai), ("15", yenbai)):
        for tech, c in counts[code].items():
            assert c == alone.get(tech, [0] * 5), (code, tech)
    for tech, whole in counts["all"].items():
        assert [a + b for a, b in zip(counts["10"][tech], counts["15"][tech])] == whole, tech


def test_the_page_data_names_the_provinces_of_its_districts(pages):
    merged, merged25 = _data(pages["merged"]), _data(pages["merged25"])
    assert merged["provinces"] == {"code": ["10", "15"], "name": ["Lào Cai", "Yên Bái"]}
    # 2025 units: the former provinces (the new Lào Cai took Yên Bái's code, 15: never named "Lào Cai" here)
    assert merged25["provinces"] == {"code": ["10", "15"], "name": ["Lào Cai", "Yên Bái"], "former": True}
    for data in (merged, merged25):
        of = dict(zip(data["districts"]["code"], data["districts"]["p"]))
        assert of["082"] == 0 and of["132"] == 1 and of["141"] == 1 and len(of) == 18 and set(of.values()) == {0, 1}


def test_a_layer_of_one_province_has_none_to_choose():
    communes = bundled_old_communes()
    one = communes[communes["province_code"].astype(str).eq("10")]
    assert _provinces(one, one["district_code"].drop_duplicates()) is None
    assert _provinces(communes.drop(columns=["province_code"]), communes["district_code"].drop_duplicates()) is None


@pytest.mark.browser
def test_choosing_a_province_on_a_desktop(browser, pages):
    """Counts as the province's own map and adding up; the filter, legend, table, title lines, file names, search,
    the address and the copied link; an old link with d= still opens its district."""
    laocai, yenbai = _alone(pages["laocai"]), _alone(pages["yenbai"])
    assert laocai["lan"][0] == 29 and laocai["mobile"][0] == 6 and laocai["fibre"][0] == 56  # the review's figures
    context, page = offline_context(browser, **DESKTOP)
    try:
        page.goto(pages["merged"].as_uri() + "#t=lan")
        page.wait_for_function("window.dxmapReady === true", timeout=30_000)
        _check_counts(_province_counts(page), laocai, yenbai)
        groups = page.eval_on_selector_all(".dxmap-district optgroup", "els => els.map(g => [g.label, g.children[0].textContent, g.children.length])")
        assert groups == [["Tỉnh Lào Cai", "Cả tỉnh Lào Cai", 10], ["Tỉnh Yên Bái", "Cả tỉnh Yên Bái", 10]]
        assert page.inner_text(".dxmap-panel label.dxmap-lab[for$='-district']") == "Huyện"  # the table's column word
        everywhere = page.evaluate("dxmap.instances[0].search('Sơn')")
        assert any(h["where"].endswith(LAO_CAI) for h in everywhere)
        page.select_option(".dxmap-district", label="Cả tỉnh Yên Bái")
        assert re.match(r"#p=15&t=lan&", page.evaluate("location.hash"))
        assert page.inner_text(".dxmap-legend-title") == "Chú giải — Tỉnh Yên Bái"
        assert page.inner_text(".dxmap-headline").startswith(f"Mạng LAN chuẩn: {yenbai['lan'][0]} trong 168 xã/phường")
        # QA19: Yên Bái sent no fibre sheet: its legend says so in words, not "0 0 0 0 0"
        fibre = page.eval_on_selector_all(".dxmap-legend td[data-tech='fibre']", "els => els.map(e => [e.textContent, e.title])")
        assert fibre == [["–", "không có số liệu cáp quang ở đây"]] * 5
        page.evaluate("dxmap.instances[0].setTech('fibre')")
        assert page.inner_text(".dxmap-headline") == "Không có số liệu cáp quang ở đây"
        # QA57 6: the table said no unit was in the statuses shown, which reads as "no gap"
        assert page.evaluate("dxmap.instances[0].rows()") == 0
        page.click("text=Hiện bảng")
        assert page.inner_text(".dxmap-tablenote") == "Không có số liệu cáp quang ở đây"
        page.click("text=Ẩn bảng")
        assert page.eval_on_selector(".dxmap-legend-sum", "e => e.textContent") == "Cáp quangkhông có số liệu cáp quang ở đây"
        page.go_back()  # LAN again
        page.wait_for_function("dxmap.instances[0].page.model.techs[dxmap.instances[0].state.tech].key === 'lan'")
        shown = sum(yenbai["lan"][:4])  # the statuses ticked: all but covered
        assert page.evaluate("dxmap.instances[0].rows()") == shown
        assert page.evaluate("dxmap.instances[0].pngHead()")["lines"][1] == "Tỉnh Yên Bái"
        with page.expect_download() as info:
            page.click(".dxmap-csv")
        assert info.value.suggested_filename == "dxmap_lan_tinh-yen-bai_2024-06-30.csv"
        assert len(Path(info.value.path()).read_text(encoding="utf-8-sig").splitlines()) == shown + 1
        reach_communes(page)
        communes = page.eval_on_selector_all(".dxmap-commune option", "els => els.length")
        assert communes == 169  # "Tất cả các xã" and Yên Bái's 168
        # search lists the province's places first and only, while it has some: "Yên" is in both provinces
        page.fill(".dxmap-search", "Bát Xát")  # none in Yên Bái: every province's
        page.wait_for_function("!document.querySelector('.dxmap-results').hidden")
        assert page.eval_on_selector(".dxmap-results li", "e => e.textContent") == "Bát Xát — huyện"
        hits = page.evaluate("dxmap.instances[0].search('Sơn')")
        assert hits and not any(h["where"].endswith(LAO_CAI) for h in hits)
        # the link to copy: the part after # and where it goes
        page.click(".dxmap-copylink")
        text = page.input_value(".dxmap-link-text")
        assert text == f"Mở tệp merged.html rồi thêm vào cuối địa chỉ: {page.evaluate('location.hash')}"
        # back: every province again; an old link of a district still opens it
        page.go_back()
        page.wait_for_function("dxmap.instances[0].state.district === -1")
        page.goto(pages["merged"].as_uri() + "#d=082&t=fibre")
        page.wait_for_function("window.dxmapReady === true", timeout=30_000)
        assert page.evaluate("dxmap.instances[0].counts().fibre.none") == 17
        # QA19: a province the page does not have is dropped from the address; a district within the province wins
        for hash_, chosen, kept in (("#p=99&t=lan", "Tất cả các huyện", "#t=lan&s="),
                                    ("#p=15&d=136&t=lan", "Văn Yên", "#p=15&d=136&t=lan")):
            page.goto(pages["merged"].as_uri() + hash_)
            page.wait_for_function("window.dxmapReady === true", timeout=30_000)
            assert page.eval_on_selector(".dxmap-district", "s => s.options[s.selectedIndex].text") == chosen
            assert page.evaluate("location.hash").startswith(kept)
        assert page.console_errors == [] and page.failed_requests == []
    finally:
        context.close()


@pytest.mark.browser
def test_a_former_province_on_a_phone(browser, pages):
    """2025 units: a former province counts the villages and former communes that were in it, as the province's own
    2024 map; the one select of the top bar offers it; "Copy link" is in the ☰ menu."""
    laocai, yenbai = _alone(pages["laocai"]), _alone(pages["yenbai"])
    context, page = offline_context(browser, **PHONE)
    try:
        page.goto(pages["merged25"].as_uri() + "#p=15&t=lan")
        page.wait_for_function("window.dxmapReady === true", timeout=30_000)
        _check_counts(_province_counts(page), laocai, yenbai)
        assert page.eval_on_selector(".dxmap-district", "s => s.options[s.selectedIndex].text") == "Toàn bộ tỉnh cũ Yên Bái"
        fits = page.eval_on_selector(".dxmap-district", "s => s.getBoundingClientRect().right <= window.innerWidth")
        assert fits
        assert page.evaluate("dxmap.instances[0].counts().lan") == dict(zip(STATUSES, yenbai["lan"]))
        page.click(".dxmap-menu")
        page.click(".dxmap-copylink")
        assert page.is_visible(".dxmap-link-text")
        # the view as it is now (zoom and centre too), which may say more than the address it was opened with
        assert page.input_value(".dxmap-link-text").startswith("Mở tệp merged25.html rồi thêm vào cuối địa chỉ: #p=15&t=lan&s=")
        # QA19: the box kept the old link when the view changed, and Escape did not close it. A move puts the new
        # link in it; Escape closes it (the menu stays) and gives the focus back to its button
        page.wait_for_timeout(100)  # the clipboard's answer to the copy comes first: it must not say the move's copied
        page.evaluate("dxmap.instances[0].map.panBy([30, 0], {animate: false})")
        page.wait_for_function("document.querySelector('.dxmap-link-text').value.endsWith(location.hash)", timeout=5000)
        assert page.input_value(".dxmap-link-text").endswith(page.evaluate("location.hash"))
        assert page.inner_text(".dxmap-link-note") == "Chọn và sao chép (Ctrl+C) dòng dưới:"  # not "Đã sao chép"
        page.keyboard.press("Escape")
        assert page.is_hidden(".dxmap-link-text") and page.is_visible(".dxmap-copylink")
        assert page.evaluate("document.activeElement.classList.contains('dxmap-copylink')")
        # another place (or technology): the link copied for the last one goes
        page.click(".dxmap-copylink")
        page.select_option(".dxmap-district", label="Toàn bộ tỉnh cũ Lào Cai")
        assert page.is_hidden(".dxmap-link-text")
        assert page.console_errors == [] and page.failed_requests == []
    finally:
        context.close()

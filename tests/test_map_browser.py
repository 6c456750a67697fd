"""The demo map in Debian's headless chromium with every http(s) request blocked.

It must load with no failed request and no console error, and its district filter, search, legend
counts, table, CSV export, popups and print must work offline. Screenshots go to
``$DXMAP_SCREENSHOTS`` (or a pytest temporary folder) with ``metrics.json`` (page size, time to
interactive); they are for people to look at, not compared.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest

import dxmap
from dxmap.render.webmap import gap_map, save_map

pytestmark = pytest.mark.browser

STATUSES = ["none", "weak", "planned", "unknown", "covered"]
XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("DXMAP_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def result(demo):
    return dxmap.analyse(demo, as_of="2024-06-30")


@pytest.fixture(scope="module")
def bat_xat(demo):
    return dxmap.analyse(demo, as_of="2024-06-30", district="Bát Xát").summary


@pytest.fixture(scope="module")
def demo_map(result, demo, tmp_path_factory) -> Path:
    m = gap_map(result.status, demo.communes, districts=demo.districts, illustrative=True)
    return save_map(m, tmp_path_factory.mktemp("map") / "map.html")


def open_map(page, path: Path):
    page.goto(path.as_uri())
    page.wait_for_function("window.dxmapReady === true", timeout=30_000)
    return page


def legend_counts(page) -> dict[str, dict[str, int]]:
    cells = page.eval_on_selector_all(
        ".dxmap-legend td[data-tech]", "els => els.map(e => [e.dataset.tech, e.dataset.status, e.textContent])")
    out: dict[str, dict[str, int]] = {}
    for tech, status, text in cells:
        out.setdefault(tech, {})[status] = int(re.sub(r"\D", "", text))  # "1.527" in Vietnamese
    return out


def summary_counts(summary: dict) -> dict[str, dict[str, int]]:
    return {tech: g["statuses"] for tech, g in summary["gaps"].items()}


def open_table(page) -> None:
    toggle = page.locator(".dxmap-tablebar button[aria-controls]")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()


def table_column(page, key: str) -> list[str]:
    index = page.eval_on_selector_all(".dxmap-table thead th", "els => els.map(e => e.dataset.key)").index(key)
    return page.eval_on_selector_all(f".dxmap-table tbody tr td:nth-child({index + 1})", "els => els.map(e => e.textContent.trim())")


def drawn_pixels(page, pane: str) -> int:
    return page.evaluate("""pane => {
        const c = document.querySelector('.leaflet-' + pane + '-pane canvas.dxmap-canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++;
        return n; }""", pane)


def test_demo_map_loads_offline_with_the_summary_counts(offline_page, demo_map, result, shots):
    page = open_map(offline_page, demo_map)
    assert page.failed_requests == []
    assert page.console_errors == []
    assert legend_counts(page) == summary_counts(result.summary)
    assert [legend_counts(page)[t]["none"] for t in ("mobile", "fibre", "lan")] == [6, 56, 29]
    assert "2024-06-30" in page.title()
    assert "MINH HỌA" in page.inner_text(".dxmap-title")
    # outlines, names and markers are drawn without any basemap
    assert drawn_pixels(page, "overlay") > 100_000
    assert drawn_pixels(page, "dxmapDistricts") > 5_000
    assert drawn_pixels(page, "dxmapLabels") > 2_000
    assert drawn_pixels(page, "dxmapPoints") > 1_000
    assert page.locator(".leaflet-tile").count() == 0
    page.screenshot(path=shots / "demo_all_districts.png")
    ready_ms = page.evaluate("window.dxmapReadyMs")
    metrics = {"html_bytes": demo_map.stat().st_size, "interactive_ms": ready_ms,
               "steps_ms": page.evaluate("dxmap.instances[0].timings")}
    (shots / "metrics.json").write_text(json.dumps(metrics, indent=1), encoding="utf-8")
    print(f"\ndemo map: {metrics['html_bytes']:,} bytes, interactive after {ready_ms} ms")


def test_district_filter_shows_the_district_figures(offline_page, demo_map, result, bat_xat, shots):
    page = open_map(offline_page, demo_map)
    page.select_option(".dxmap-district", label="Bát Xát")
    assert legend_counts(page) == summary_counts(bat_xat)
    assert [bat_xat["gaps"][t]["count"] for t in ("mobile", "fibre", "lan")] == [3, 17, 6]
    assert "Bát Xát" in page.inner_text(".dxmap-legend-title")
    open_table(page)
    fibre = bat_xat["gaps"]["fibre"]["statuses"]
    shown = fibre["none"] + fibre["weak"] + fibre["planned"] + fibre["unknown"]  # covered is off by default
    assert page.locator(".dxmap-table tbody tr").count() == shown == 21
    assert set(table_column(page, "district")) == {"Bát Xát"}
    page.screenshot(path=shots / "demo_bat_xat.png")
    for status in ("weak", "planned", "unknown"):  # only the headline gaps
        page.uncheck(f".dxmap-legend input[id$='-show-{status}']")
    assert page.locator(".dxmap-table tbody tr").count() == 17
    assert set(table_column(page, "status")) == {"Chưa có"}
    page.select_option(".dxmap-district", label="Tất cả các huyện")
    assert legend_counts(page) == summary_counts(result.summary)
    assert page.locator(".dxmap-table tbody tr").count() == 56
    assert page.console_errors == [] and page.failed_requests == []


def test_technology_layers(offline_page, demo_map, result):
    page = open_map(offline_page, demo_map)
    assert page.locator(".dxmap-techs input").count() == 3
    page.check(".dxmap-techs input[value='lan']")
    open_table(page)
    lan = result.summary["gaps"]["lan"]["statuses"]
    assert page.locator(".dxmap-table tbody tr").count() == lan["none"] + lan["weak"] + lan["planned"] + lan["unknown"]
    assert "Mạng LAN chuẩn" in page.inner_text(".dxmap-table-h")
    assert page.locator(".dxmap-legend th.dxmap-active[data-tech='lan']").count() == 1
    page.check(".dxmap-legend input[id$='-show-covered']")
    assert page.locator(".dxmap-table tbody tr").count() == 152


def test_search_without_diacritics(offline_page, demo_map):
    page = open_map(offline_page, demo_map)
    page.fill(".dxmap-search", "ban vuoc")
    options = page.locator(".dxmap-results li[role=option]")
    options.first.wait_for()
    names = page.eval_on_selector_all(".dxmap-results .dxmap-hit-name", "els => els.map(e => e.textContent)")
    assert names[0] == "Bản Vược"  # the commune first, then the villages of that exact name
    assert names[:4] == ["Bản Vược"] * 4
    assert "Bát Xát" in options.first.inner_text()
    page.keyboard.press("Enter")
    assert page.locator(".leaflet-popup .dxmap-card-name").first.inner_text() == "Bản Vược"
    found = page.evaluate("dxmap.instances[0].state.found")
    assert found["kind"] == "commune"
    centre = page.evaluate("(() => { const c = dxmap.instances[0].map.getBounds(); return [c.getWest(), c.getSouth(), c.getEast(), c.getNorth()]; })()")
    assert centre[0] < 103.75 < centre[2] and centre[1] < 22.6 < centre[3]  # Bản Vược, Bát Xát
    # a village, chosen with the keyboard, spelled with diacritics and in capitals
    page.fill(".dxmap-search", "BẢN VƯỢC CHƯ")
    options.first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    card = page.locator(".leaflet-popup .dxmap-card").first.inner_text()
    assert card.startswith("Bản Vược Chư") and "Bát Xát" in card
    assert page.console_errors == []


def test_marker_popup(offline_page, demo_map, result):
    page = open_map(offline_page, demo_map)
    page.select_option(".dxmap-district", label="Bát Xát")
    gaps = result.status[result.status["technology"].eq("fibre") & result.status["status"].eq("none")
                         & result.status["district_code"].eq("082")]
    village = gaps.iloc[0]
    point = page.evaluate("id => { const i = dxmap.instances[0]; return i.locate('village', i.index('village', id)); }",
                          village["unit_id"])
    page.mouse.click(point["x"], point["y"])
    card = page.locator(".leaflet-popup .dxmap-card").first.inner_text()
    for text in (village["name"], village["commune_name"], "Bát Xát", "Cáp quang (FTTH)", "Chưa có", "2024-06-30",
                 village["source"], "Băng rộng di động"):
        assert text in card


def test_markup_in_records_does_not_run(offline_page, result, demo, tmp_path):
    status = result.status.copy()
    row = status.index[status["technology"].eq("fibre") & status["status"].eq("none")][0]
    status.loc[status["unit_id"].eq(status.loc[row, "unit_id"]), "name"] = XSS
    status.loc[row, "note"] = "<script>window.__xss = 1</script>"
    status.loc[row, "source"] = '"><svg onload="window.__xss = 2">'
    path = save_map(gap_map(status, demo.communes, districts=demo.districts), tmp_path / "xss.html")
    page = offline_page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_map(page, path)
    page.fill(".dxmap-search", "img src")
    page.locator(".dxmap-results li[role=option]").first.wait_for()
    assert page.locator(".dxmap-results .dxmap-hit-name").first.text_content() == XSS
    page.keyboard.press("Enter")
    card = page.locator(".leaflet-popup .dxmap-card").first
    assert card.locator(".dxmap-card-name").text_content() == XSS
    assert "<script>window.__xss = 1</script>" in card.text_content()
    open_table(page)
    assert XSS in table_column(page, "name")
    assert dialogs == []
    assert page.evaluate("window.__xss") is None
    assert page.locator("img[src='x'], svg[onload]").count() == 0
    assert page.failed_requests == []  # an <img src=x> would have asked for it
    assert page.console_errors == []


def test_table_sorts_and_exports_csv(offline_page, demo_map, bat_xat):
    page = open_map(offline_page, demo_map)
    page.select_option(".dxmap-district", label="Bát Xát")
    open_table(page)
    order = {page.evaluate(f"dxmap.instances[0].data.L.{s}"): i for i, s in enumerate(STATUSES)}
    header = page.locator(".dxmap-table th[data-key='status']")
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    ranks = [order[s] for s in table_column(page, "status")]
    assert ranks == sorted(ranks)
    header.locator("button").click()
    assert page.locator(".dxmap-table th[data-key='status']").get_attribute("aria-sort") == "descending"
    ranks = [order[s] for s in table_column(page, "status")]
    assert ranks == sorted(ranks, reverse=True)
    assert page.evaluate("document.activeElement.closest('th').dataset.key") == "status"  # focus stays on the header

    with page.expect_download() as info:
        page.click(".dxmap-csv")
    download = info.value
    raw = Path(download.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, so Excel shows the diacritics
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    fibre = bat_xat["gaps"]["fibre"]["statuses"]
    assert len(rows) == fibre["none"] + fibre["planned"] + fibre["weak"] + fibre["unknown"]
    assert {r["Huyện"] for r in rows} == {"Bát Xát"}
    assert sum(r["Trạng thái"] == "Chưa có" for r in rows) == 17
    assert all(re.fullmatch(r"\d{5}-\d{3}", r["Mã"]) and float(r["Kinh độ"]) > 103 for r in rows)
    assert download.suggested_filename == "dxmap_fibre_bat-xat_2024-06-30.csv"


def test_prints_on_one_landscape_page(offline_page, demo_map, shots):
    pypdf = pytest.importorskip("pypdf")
    page = open_map(offline_page, demo_map)
    pdf = page.pdf(landscape=True, format="A4", print_background=True)
    (shots / "demo_print.pdf").write_bytes(pdf)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)
    text = reader.pages[0].extract_text()
    for expected in ("Hạ tầng số còn thiếu", "2024-06-30", "MINH HỌA", "Chú giải", "56"):
        assert expected in text
    assert "Tìm xã" not in text  # the search panel and the table stay off paper
    assert len(pdf) > 100_000  # the map itself, not just the words
    images = [img for img in reader.pages[0].images]
    assert any(img.image.size[0] > 1000 for img in images)
    # back on screen, the map is whole again
    assert page.evaluate("document.querySelector('.dxmap-print-image') === null")
    page.emulate_media(media="print")
    page.screenshot(path=shots / "demo_print_layout.png")
    assert page.console_errors == []


def test_english_map(offline_page, result, demo, tmp_path):
    path = save_map(gap_map(result.status, demo.communes, districts=demo.districts, lang="en", illustrative=True),
                    tmp_path / "en.html")
    page = open_map(offline_page, path)
    assert page.inner_text(".dxmap-legend-title") == "Legend — All districts"
    assert page.evaluate("document.documentElement.lang") == "en"
    assert "ILLUSTRATIVE" in page.inner_text(".dxmap-title")
    page.fill(".dxmap-search", "ban vuoc")
    page.keyboard.press("Enter")
    assert "District: Bát Xát" in page.locator(".leaflet-popup .dxmap-card-where").first.inner_text()
    assert page.console_errors == []


def test_basemap_switched_on_offline_keeps_working(offline_page, demo_map):
    page = open_map(offline_page, demo_map)
    page.check(".leaflet-control-layers-overlays input >> nth=2")
    page.wait_for_selector(".dxmap-notice:not([hidden])")
    assert page.failed_requests  # the tiles, and nothing else
    assert all("tile.openstreetmap.org" in url for url in page.failed_requests)
    page.select_option(".dxmap-district", label="Sa Pa")
    assert legend_counts(page)["lan"]["none"] >= 0
    assert [e for e in page.console_errors if "ERR_FAILED" not in e and "Failed to load" not in e] == []


def test_one_district_page_names_its_district(offline_page, demo, tmp_path):
    bx = dxmap.analyse(demo, as_of="2024-06-30", district="bat xat")
    path = save_map(gap_map(bx.status, demo.communes, districts=demo.districts, illustrative=True), tmp_path / "bx.html")
    page = open_map(offline_page, path)
    options = page.eval_on_selector_all(".dxmap-district option", "els => els.map(e => e.textContent)")
    assert options == ["Huyện Bát Xát"]
    assert "Bát Xát" in page.text_content(".dxmap-legend")
    assert legend_counts(page) == summary_counts(bx.summary)
    assert page.failed_requests == [] and page.console_errors == []

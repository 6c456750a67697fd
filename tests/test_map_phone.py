"""The demo maps on a phone (390×844 and turned to 844×390) and what the planner QA pass found there: cards that fit
the screen, a map that keeps the place when turned, the compare page's fixed layer off at first, names clear of
"unknown" squares, the people beside the gap count, Vietnamese order and words, and the files' names and PNG."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import demo_map

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
SIDEWAYS = {**PHONE, "viewport": {"width": 844, "height": 390}}
DESKTOP = {"viewport": {"width": 1400, "height": 900}}
YEN_BAI = ["Yên Bái", "Nghĩa Lộ", "Lục Yên", "Văn Yên", "Mù Căng Chải", "Trấn Yên", "Trạm Tấu", "Văn Chấn", "Yên Bình"]


@pytest.fixture(scope="module")
def compare_page(tmp_path_factory) -> Path:
    return demo_map(tmp_path_factory, "--units", "2025-07", "--compare", "2024-03-31")


def box(page, selector: str) -> list[float] | None:
    return page.evaluate("""s => { const e = document.querySelector(s);
        if (!e || !e.getClientRects().length) return null;
        const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }""", selector)


def search(page, text: str) -> None:
    """Find a place as a planner does on a phone: ☰, type, Enter."""
    if page.locator(".dxmap-compact").count():
        page.click(".dxmap-menu")
    page.fill("input[type=search]", text)
    page.locator(".dxmap-results li[role=option]").first.wait_for()
    page.press("input[type=search]", "Enter")
    page.locator(".leaflet-popup").wait_for()


def assert_card_fits(page) -> None:
    """The card lies whole on screen, between the top bar and the bottom sheets, and its × is the element there."""
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    card, title, legend = box(page, ".leaflet-popup"), box(page, ".dxmap-title"), box(page, ".dxmap-legend")
    assert card[0] >= 0 and card[2] <= width, (card, width)
    assert card[1] >= title[3] and card[3] <= legend[1], (card, title, legend)
    close = box(page, ".leaflet-popup-close-button")
    hit = page.evaluate("([x, y]) => !!document.elementFromPoint(x, y).closest('.leaflet-popup-close-button')",
                        [(close[0] + close[2]) / 2, (close[1] + close[3]) / 2])
    assert hit and close[2] <= width
    name = box(page, ".leaflet-popup .dxmap-card-name")
    assert page.evaluate("([x, y]) => !!document.elementFromPoint(x, y).closest('.leaflet-popup')", [name[0] + 4, (name[1] + name[3]) / 2])
    assert box(page, ".leaflet-control-zoom") is None  # the zoom buttons stepped aside: nothing draws over the card


@pytest.mark.parametrize("device", [PHONE, SIDEWAYS], ids=["portrait", "sideways"])
def test_a_commune_card_fits_the_phone_screen(open_page, demo_page, device):
    page = open_page(demo_page, device)
    search(page, "a lu")
    assert page.inner_text(".leaflet-popup .dxmap-card-name") == "A Lù"
    assert_card_fits(page)
    page.click(".leaflet-popup-close-button")
    page.locator(".leaflet-popup").wait_for(state="detached")  # it fades out
    assert box(page, ".leaflet-control-zoom") is not None  # back once the card is closed
    assert page.console_errors == []


def test_a_merged_commune_card_fits_too(open_page, demo25_page):
    page = open_page(demo25_page, PHONE)
    search(page, "y ty")
    assert_card_fits(page)


def test_turned_on_its_side_the_map_keeps_the_place_chosen(open_page, demo_page):
    page = open_page(demo_page, PHONE, "#d=082&x=02692&t=fibre")

    def place_and_room():
        return page.evaluate("""() => { const i = dxmap.instances[0], m = i.map, b = i.communeBox(i.state.commune);
            const a = m.latLngToContainerPoint([b[3], b[0]]), c = m.latLngToContainerPoint([b[1], b[2]]);
            const t = document.querySelector('.dxmap-title').getBoundingClientRect();
            const l = document.querySelector('.dxmap-legend').getBoundingClientRect();
            return [[a.x, a.y, c.x, c.y], [0, t.bottom, innerWidth, l.top]]; }""")

    for size in ({"width": 844, "height": 390}, {"width": 390, "height": 844}):
        page.set_viewport_size(size)
        page.wait_for_function(f"dxmap.instances[0].map.getSize().x === {size['width']}")
        page.wait_for_timeout(300)
        place, room = place_and_room()
        assert room[1] - 1 <= place[1] and place[3] <= room[3] + 1 and 0 <= place[0] and place[2] <= room[2], (size, place, room)
    assert page.evaluate("dxmap.instances[0].view()")["commune"] == "02692"


def test_a_card_closed_stays_closed_when_the_phone_is_turned(open_page, demo_page):
    """QA62 3: turning the phone opened again the card of the place found, closed by Escape or its ×, and fitted
    the map back to it, each time. A card left open is still shown on the new shape."""
    page = open_page(demo_page, PHONE, "#t=fibre")

    def turn(size) -> None:
        page.set_viewport_size(size["viewport"])
        page.wait_for_function(f"dxmap.instances[0].map.getSize().x === {size['viewport']['width']}")
        page.wait_for_timeout(300)

    search(page, "ban vuoc")
    page.keyboard.press("Escape")
    page.locator(".leaflet-popup").wait_for(state="detached")  # after its fade
    assert page.evaluate("dxmap.instances[0].state.found") is None
    turn(SIDEWAYS)
    assert page.locator(".leaflet-popup").count() == 0
    search(page, "y ty")
    turn(PHONE)  # left open: shown again, fitted to the new shape
    assert page.locator(".leaflet-popup .dxmap-card-name").first.inner_text() == "Y Tý"
    page.tap(".leaflet-popup-close-button")
    turn(SIDEWAYS)
    assert page.locator(".leaflet-popup").count() == 0
    assert page.evaluate("dxmap.instances[0].state.found") is None
    assert page.console_errors == []


def test_on_its_side_the_bars_leave_the_map_more_than_a_strip(open_page, demo_page):
    page = open_page(demo_page, SIDEWAYS)
    title, legend, table = box(page, ".dxmap-title"), box(page, ".dxmap-legend"), box(page, ".dxmap-tablebox")
    assert title[3] <= 90  # title, district, technologies and ☰ on one row (was 116 px)
    assert legend[1] >= 330 and abs(legend[1] - table[1]) < 10  # the legend and table bars side by side (were 94 px)
    assert legend[3] - title[3] > 240
    page.click(".dxmap-legend-toggle")  # the opened legend takes the whole width
    assert box(page, ".dxmap-legend")[2] - box(page, ".dxmap-legend")[0] > 800
    assert page.console_errors == []


def test_on_its_side_every_layer_switch_in_the_menu_can_be_tapped(open_page, demo_page):
    """QA62 2: Leaflet had sized the layer list to the map's height below it at load, 18 px on a phone on its side:
    a sliver of one switch showed and the others could not be reached; the menu scrolls to them now."""
    page = open_page(demo_page, SIDEWAYS, own=True)  # leaves the page wide, sized from a phone: not a kept page
    page.tap(".dxmap-menu")
    labels = page.locator(".dxmap-panel .leaflet-control-layers-overlays label")
    assert labels.count() == 3
    for n in range(3):
        label = labels.nth(n)
        label.scroll_into_view_if_needed()
        top, bottom = box(page, ".dxmap-title")[3], box(page, ".dxmap-legend")[1]
        rect = label.bounding_box()
        x, y = rect["x"] + 20, rect["y"] + rect["height"] / 2
        assert rect["height"] >= 40 and top <= y <= bottom, (n, rect, top, bottom)
        assert page.evaluate("""([x, y, n]) => document.elementFromPoint(x, y).closest('label')
            === document.querySelectorAll('.dxmap-panel .leaflet-control-layers-overlays label')[n]""", [x, y, n])
    names = labels.nth(1).locator("input")
    labels.nth(1).tap()
    assert not names.is_checked()
    page.set_viewport_size(DESKTOP["viewport"])  # a window made wide: the box in its corner sized for it again
    page.wait_for_function("!document.querySelector('.dxmap-compact')")
    assert page.locator(".leaflet-control-layers-list").bounding_box()["height"] > 50
    assert page.console_errors == []


def test_the_compare_page_starts_with_the_fixed_layer_off(open_page, compare_page):
    page = open_page(compare_page, DESKTOP)
    fixed = page.locator(".dxmap-legend input[id$='-change-fixed']")
    assert not fixed.is_checked() and page.locator(".dxmap-legend input[id$='-change-stayed']").is_checked()
    page.click(".dxmap-tablebar button[aria-controls]")
    assert page.locator(".dxmap-table td[data-change='fixed']").count() == 0
    assert "g=stayed,new" in page.evaluate("'#' + dxmap.viewToHash(dxmap.instances[0].view())")
    fixed.check()  # one tick brings the 144 rings
    assert page.locator(".dxmap-table td[data-change='fixed']").count() == 144
    assert page.locator(".dxmap-legend td[data-tech='fibre'][data-change='fixed']").inner_text() == "144"


@pytest.mark.parametrize("device", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_former_districts_without_data_show_grey_not_a_square_over_each_name(open_page, demo25_page, device):
    page = open_page(demo25_page, device, "#t=lan")
    covered = page.evaluate("dxmap.instances[0].layers.labels.covering")
    assert not set(covered) & set(YEN_BAI), covered
    assert page.locator(".dxmap-legend td[data-tech='lan'][data-status='unknown']").inner_text() == "169"  # still counted
    # a former district with data keeps its "unknown" markers: Lào Cai's one unknown village for fibre is drawn
    page.evaluate("dxmap.instances[0].setTech('fibre')")
    hit = page.evaluate("""() => { const i = dxmap.instances[0], t = i.page.model.techs[i.state.tech];
        const k = Array.from(t.s).indexOf(3), p = i.locate('village', k);
        i.map.setView(i.map.containerPointToLatLng([p.x, p.y]), 13, {animate: false});
        const q = i.locate('village', k); return i.page.layers.markersAt(q, 4).indexOf(k) >= 0; }""")
    assert hit


@pytest.mark.parametrize("device", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_change_counts_read_a_dash_where_nothing_is_known(open_page, compare_page, device):
    """QA62 9: former Yên Bái has no mobile or fibre record and none of its former communes a LAN status: the change
    rows read "Vẫn chưa có 0", as if no gap were left, where the status rows read "–"."""
    page = open_page(compare_page, device, "#p=15&t=lan")
    cells = page.eval_on_selector_all(".dxmap-legend td[data-change]", "els => els.map(e => e.textContent)")
    assert cells and set(cells) == {"–"}, cells
    assert page.locator(".dxmap-legend td[data-tech='lan'][data-status='unknown']").inner_text() == "168"
    # QA63 5: the status rows too, but for unknown: "Chưa có 0" read as no gap where nothing is known
    assert page.locator(".dxmap-legend td[data-tech='lan'][data-status='none']").inner_text() == "–"
    if device is PHONE:
        assert page.locator(".dxmap-legend-sum .dxmap-sum-change[data-change='new']").inner_text().strip() == "–"
        assert page.locator(".dxmap-legend-sum .dxmap-sum[data-status='none']").inner_text().strip() == "–"
    legend = page.evaluate("dxmap.instances[0].pngLegend()")
    assert "Vẫn chưa có –" in legend and "Chưa có –" in legend and "Chưa có 0" not in legend, legend
    page.evaluate("location.hash = '#p=10&t=lan'")  # old Lào Cai: its counts, 0 where 0 is known
    stayed = ".dxmap-legend td[data-tech='lan'][data-change='stayed']"
    page.wait_for_function(f"document.querySelector(\"{stayed}\").textContent !== '–'")
    assert page.locator(stayed).inner_text() == "29"
    assert page.console_errors == []


def test_the_legend_sheet_keeps_its_technologies_in_view_when_scrolled(open_page, compare_page):
    """QA62 19: scrolled down the phone's legend sheet, the numbers had no "Di động / Cáp quang / LAN" over them."""
    page = open_page(compare_page, PHONE)
    page.click(".dxmap-legend-toggle")
    sheet = ".dxmap-legend-body"
    assert page.eval_on_selector(sheet, "e => { e.scrollTop = 1e5; return e.scrollTop; }") > 100
    top, head = box(page, sheet), box(page, ".dxmap-legend-table thead th[data-tech='fibre']")
    assert abs(head[1] - top[1]) < 2, (head, top)  # at the sheet's top, over the rows scrolled under it
    x, y = (head[0] + head[2]) / 2, (head[1] + head[3]) / 2
    assert page.evaluate("([x, y]) => document.elementFromPoint(x, y).dataset.tech", [x, y]) == "fibre"


def test_the_people_stand_beside_the_gap_count(open_page, demo_page):
    page = open_page(demo_page, DESKTOP)
    headline = page.inner_text(".dxmap-headline")
    assert headline == "Cáp quang (FTTH): 56 trong 1.554 thôn/bản chưa có (3,6%), dân số ~19.700 · chưa có số liệu cho 1 thôn/bản"
    phone = open_page(demo_page, PHONE)
    parts = phone.eval_on_selector_all(".dxmap-legend-sum > span", "els => els.map(e => e.textContent.trim())")
    assert parts[:3] == ["Cáp quang", "56", "(dân số ~19.700)"]


def test_english_people_beside_the_gap_count(open_page, tmp_path_factory):
    page = open_page(demo_map(tmp_path_factory, "--lang", "en"), DESKTOP)
    assert re.search(r"56 of 1,554 villages lack it \(3\.6%\), population ~19,700 · no data for 1 village$", page.inner_text(".dxmap-headline"))


def test_vietnamese_order_and_words(open_page, demo_page, demo25_page):
    page = open_page(demo_page, DESKTOP)
    names = page.eval_on_selector_all(".dxmap-district option", "els => els.slice(1).map(e => e.textContent)")
    assert names.index("Bảo Yên") < names.index("Bát Xát") < names.index("Bắc Hà") < names.index("Lào Cai")  # ă after a
    page.check(".dxmap-techs input[value='lan']")
    assert page.locator(".dxmap-fillkey [data-fill='rest']").inner_text() == "Đã có"  # the white fill has its swatch
    page25 = open_page(demo25_page, DESKTOP, "#t=lan")
    assert "Tên xã, huyện cũ" in page25.inner_text(".leaflet-control-layers")
    assert page25.locator(".dxmap-fillkey [data-fill='former']").inner_text() == "Một phần số xã cũ chưa có"


def test_files_name_the_commune_and_a_phone_png_keeps_the_place(open_page, demo_page):
    page = open_page(demo_page, DESKTOP, "#d=082&x=02692&t=fibre")
    with page.expect_download() as info:
        page.click(".dxmap-csv")
    assert info.value.suggested_filename == "dxmap_fibre_bat-xat_a-lu_2024-06-30.csv"
    phone = open_page(demo_page, PHONE)
    phone.click(".dxmap-menu")
    with phone.expect_download() as info:
        phone.click(".dxmap-png")
    raw = Path(info.value.path()).read_bytes()
    height = int.from_bytes(raw[20:24], "big") / 2
    assert height < 844  # the province and its legend, not the tall screen's grey (was 1138 px)
    lines = phone.evaluate("dxmap.instances[0].pngHead()")["lines"]
    assert "số liệu đến ngày 30/6/2024" in lines  # one line, never "… số / liệu đến ngày"


def test_the_phone_line_names_the_commune_whose_counts_it_shows(open_page, demo_page):
    """QA57 1: with a commune chosen, the phone's bar named the district (Bát Xát, 17 fibre gaps) beside the
    commune's count (Dền Sáng, 4): nothing on screen said the 4 was Dền Sáng's."""
    page = open_page(demo_page, PHONE, "#d=082&x=02707&t=fibre")
    line = page.locator(".dxmap-legend-sum")
    assert line.is_visible()
    assert line.locator(".dxmap-sum-place").inner_text() == "Dền Sáng"
    assert line.locator(".dxmap-sum[data-status=none]").inner_text().strip() == "4"
    page.tap(".dxmap-menu")
    page.select_option("select.dxmap-commune", "-1")  # the whole district again: its name is the bar's
    assert line.locator(".dxmap-sum-place").count() == 0
    assert line.locator(".dxmap-sum[data-status=none]").inner_text().strip() == "17"


def test_the_phone_table_keeps_a_row_to_one_line(open_page, demo_page):
    """QA57 7: a row of the phone's table was ~70 px (its source and note wrapped, its name centred lower than the
    other cells): four rows a screen."""
    page = open_page(demo_page, PHONE, "#d=082&t=fibre")
    page.tap("text=Hiện bảng")
    cells = page.eval_on_selector_all(".dxmap-table tbody tr:first-child td", """els => els.map(e => {
        const r = e.getBoundingClientRect(), s = getComputedStyle(e); return [r.height, s.verticalAlign]; })""")
    assert all(h <= 52 for h, _ in cells) and {a for _, a in cells} == {"middle"}, cells


def test_a_place_chosen_with_the_table_open_is_fitted_in_the_strip_left(open_page, demo_page):
    """QA58: on a phone with the table open, choosing a district fitted it under the table at zoom 16 (the legend
    line, above the middle then, was taken for a bar at the top): the strip showed one flat colour."""
    page = open_page(demo_page, PHONE, "#t=fibre")
    page.tap("text=Hiện bảng")
    page.evaluate("location.hash = '#d=082&t=fibre'")
    page.wait_for_function("dxmap.instances[0].view().district === '082'")
    page.wait_for_timeout(300)
    box = page.evaluate("""() => { const P = dxmap.instances[0].page, b = P.model.districtBox(P.state.district);
        const sw = P.map.latLngToContainerPoint([b[1], b[0]]), ne = P.map.latLngToContainerPoint([b[3], b[2]]);
        const bar = document.querySelector('.dxmap-title').getBoundingClientRect().bottom;
        const legend = document.querySelector('.dxmap-legend').getBoundingClientRect().top;
        return {top: ne.y, bottom: sw.y, bar, legend, zoom: P.map.getZoom()}; }""")
    assert box["bar"] <= box["top"] and box["bottom"] <= box["legend"] and box["zoom"] < 12, box
    assert page.console_errors == []

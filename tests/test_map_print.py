"""Printing a narrowed view, and the "any gap" table's records (planner QA pass 18, findings 4 and 14).

Printing a commune printed its whole district (zoom 13.5 → 10.75), the commune a small filled shape with no name
drawn, under a title that never named the place. On paper the commune chosen is now fitted right of the legend or
above it, its names drawn into the printed image, and the place named under the title as the PNG names it. The
"any gap" table's date, source and note columns were empty on every row: they now give the records of the
technologies the village lacks. Headless Debian Chromium, every network request blocked.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from tests.conftest import choose_commune


pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1400, "height": 900}}
A4 = {"viewport": {"width": 1047, "height": 718}}  # a desktop window the size of the printed map
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
A_LU = "#d=082&x=02692&t=fibre"
A_LU_VILLAGES = {"Bản Nậm", "Thôn Phú Hà", "Bản Tủng Séo"}  # its three villages without fibre

# Where the place chosen lies on the map, its names and the title while printing (state read from the page).
PRINT_STATE = """() => {
  const i = dxmap.instances[0], m = i.map, P = i.page, s = P.state, L = P.layers.labels;
  const b = s.commune >= 0 ? i.communeBox(s.commune) : P.view.districtBox(s.district);
  const nw = m.latLngToContainerPoint([b[3], b[0]]), se = m.latLngToContainerPoint([b[1], b[2]]);
  const c = m.getContainer().getBoundingClientRect(), l = P.legend.box.getBoundingClientRect();
  const place = document.querySelector('.dxmap-print-place');
  return { zoom: m.getZoom(), size: [c.width, c.height], box: [nw.x, nw.y, se.x, se.y],
    legend: [l.left - c.left, l.top - c.top, l.right - c.left, l.bottom - c.top],
    names: L.placed.slice(), boxes: L.boxes.slice(), hash: location.hash,
    place: place && place.getClientRects().length ? place.textContent : null,
    title: P.layout.title.innerText, image: !!document.querySelector('.dxmap-print-image') };
}"""

# Dark text pixels of the printed image (the flattened layers) inside a box given in container pixels.
INK_IN = """box => {
  const img = document.querySelector('.dxmap-print-image'), L = dxmap.instances[0].page.layers.labels, v = L._view;
  const c = document.createElement('canvas'); c.width = img.naturalWidth; c.height = img.naturalHeight;
  const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
  const x0 = Math.round((box[0] + v.px) * v.ratio), y0 = Math.round((box[1] + v.py) * v.ratio);
  const w = Math.round((box[2] - box[0]) * v.ratio), h = Math.round((box[3] - box[1]) * v.ratio);
  const d = ctx.getImageData(x0, y0, w, h).data;
  let n = 0; for (let k = 0; k < d.length; k += 4) if (d[k + 3] > 200 && d[k] < 90 && d[k + 1] < 90 && d[k + 2] < 90) n++;
  return n;
}"""


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("DXMAP_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def start_print(page) -> dict:
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    return page.evaluate(PRINT_STATE)


def end_print(page) -> dict:
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    return page.evaluate(PRINT_STATE)


@pytest.mark.parametrize("device", ["desktop", "a4", "phone"])
def test_printing_a_commune_fits_it_names_it_and_draws_its_names(open_page, demo_page, shots, device):
    """Bát Xát, then A Lù, then "In bản đồ": A Lù fills the paper beside the legend with its names drawn, and the
    title says "Xã A Lù, huyện Bát Xát". It printed all of Bát Xát at zoom 10.75 with no name at all."""
    page = open_page(demo_page, {"desktop": DESKTOP, "a4": A4, "phone": PHONE}[device])
    if device == "phone":  # the menu's district and commune choice, as the QA pass did on the desktop
        page.click(".dxmap-menu")
    page.select_option(".dxmap-district", label="Bát Xát")
    choose_commune(page, "A Lù")
    screen = page.evaluate(PRINT_STATE)
    assert A_LU_VILLAGES | {"A Lù"} <= set(screen["names"])
    assert screen["place"] is None  # on screen the commune menu says it

    printed = start_print(page)
    page.screenshot(path=shots / f"print_a_lu_{device}.png")
    width, height = printed["size"]
    box, legend = printed["box"], printed["legend"]
    # the commune, whole on the paper's map, clear of the legend (right of it or above it), and large
    assert box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height, printed
    assert box[0] >= legend[2] - 1 or box[3] <= legend[1] + 1, printed
    assert (box[3] - box[1]) >= 0.6 * height or (box[2] - box[0]) >= 0.6 * (width - legend[2]), printed
    assert printed["zoom"] >= 12  # was 10.75: the whole district
    # its names are drawn, into the image that is printed
    assert A_LU_VILLAGES | {"A Lù"} <= set(printed["names"]), printed["names"]
    assert printed["image"]
    for name in ("A Lù", "Thôn Phú Hà"):
        assert page.evaluate(INK_IN, printed["boxes"][printed["names"].index(name)]) > 20, name
    # the title names the place, as the PNG does
    assert printed["place"] == "Xã A Lù, huyện Bát Xát"
    assert "Xã A Lù, huyện Bát Xát" in printed["title"]
    assert "Xã A Lù, huyện Bát Xát" in page.evaluate("dxmap.instances[0].pngHead()")["lines"]
    # the view in the address stays the reader's: the paper's view is not a view to go back to
    assert printed["hash"] == screen["hash"]

    after = end_print(page)
    assert after["zoom"] == screen["zoom"] and after["place"] is None and not after["image"]
    assert page.console_errors == [] and page.failed_requests == []


def test_a_printed_commune_as_a_pdf(open_page, demo_page, shots):
    """page.pdf() lays the page out for print as the browser's print does: one A4 landscape page, the commune named
    under the title, the menu and table off paper."""
    pypdf = pytest.importorskip("pypdf")
    page = open_page(demo_page, DESKTOP, A_LU)
    page.evaluate("window.zooms = []; dxmap.instances[0].map.on('moveend', e => window.zooms.push(e.target.getZoom()))")
    pdf = page.pdf(landscape=True, format="A4", print_background=True)
    zooms = page.evaluate("window.zooms")
    (shots / "print_a_lu.pdf").write_bytes(pdf)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    lines = text.splitlines()
    assert lines[:3] == ["Hạ tầng số còn thiếu — Lào Cai, số liệu đến ngày 30/6/2024", "Xã A Lù, huyện Bát Xát",
                         "DỮ LIỆU MINH HỌA — không phải số liệu thật"]
    assert "Chú giải — Xã A Lù, huyện Bát Xát" in text and "Tìm xã" not in text
    assert zooms and max(zooms) <= 14 and min(zooms) >= 12, zooms  # the paper's zoom, then the screen's again
    assert page.console_errors == []


def test_a_printed_district_and_the_whole_province(open_page, demo_page):
    """A district is named under the printed title (its names drawn as before); the whole page adds no line."""
    page = open_page(demo_page, DESKTOP, "#d=082&t=fibre")
    printed = start_print(page)
    assert printed["place"] == "Huyện Bát Xát"
    assert {"Y Tý", "A Mú Sung", "Trịnh Tường"} <= set(printed["names"])
    end_print(page)
    page.select_option(".dxmap-district", label="Tất cả các huyện")
    printed = start_print(page)
    assert printed["place"] is None and "Huyện" not in printed["title"]
    end_print(page)
    assert page.console_errors == []


LEGEND_ROWS = r"""() => Array.from(document.querySelectorAll('.dxmap-legend tbody tr:has(label)'), r => [
  r.querySelector('label').innerText.replace(/\s+/g, ' ').trim(), getComputedStyle(r.querySelector('svg')).visibility,
  r.querySelector('.dxmap-off-word').getClientRects().length > 0])"""


def test_the_printed_legend_says_which_rows_are_not_drawn(open_page, demo_page, shots):
    """QA62 8: on paper the tick boxes are gone, and "● Đã có 1.472" was printed with its symbol beside a map
    without a green dot. A row not ticked is printed muted, without its symbol, saying it is not drawn."""
    page = open_page(demo_page, DESKTOP, "#t=fibre&s=none,planned,unknown")
    rows = page.evaluate(LEGEND_ROWS)
    assert [r[2] for r in rows] == [False] * 5  # on screen the tick boxes say it
    start_print(page)
    page.screenshot(path=shots / "print_legend_rows_off.png")
    rows = {r[0]: r[1:] for r in page.evaluate(LEGEND_ROWS)}
    assert rows == {"Chưa có": ["visible", False], "Lõm sóng / yếu — không vẽ": ["hidden", True],
                    "Đã có kế hoạch": ["visible", False], "Chưa rõ (không có số liệu)": ["visible", False],
                    "Đã có — không vẽ": ["hidden", True]}, rows
    end_print(page)
    assert page.console_errors == []


def test_a_printed_2025_commune_names_its_former_district(open_page, demo25_page, shots):
    page = open_page(demo25_page, DESKTOP)
    page.select_option(".dxmap-district", label="Bát Xát")
    choose_commune(page, "Y Tý")
    printed = start_print(page)
    page.screenshot(path=shots / "print_y_ty_2025.png")
    assert printed["place"] == "Xã Y Tý, huyện cũ Bát Xát"
    assert {"Y Tý"} | A_LU_VILLAGES <= set(printed["names"])
    assert printed["zoom"] >= 11.5
    end_print(page)
    assert page.console_errors == []


def _column(page, key: str) -> list[str]:
    index = page.eval_on_selector_all(".dxmap-table thead th", "els => els.map(e => e.dataset.key)").index(key)
    return page.eval_on_selector_all(f".dxmap-table tbody tr td:nth-child({index + 1})", "els => els.map(e => e.textContent.trim())")


def test_the_any_gap_table_says_who_reported_each_gap(open_page, demo_page):
    """The "any gap" view's Ngày, Nguồn and Ghi chú were empty on every row: they are those of the technologies the
    village lacks (of its status), once when they agree, else each after its technology."""
    page = open_page(demo_page, DESKTOP, "#t=any")
    page.locator(".dxmap-tablebar button[aria-controls]").click()
    names, status = _column(page, "name"), _column(page, "status")
    dates, sources, notes = _column(page, "date"), _column(page, "source"), _column(page, "note")
    assert len(names) == 103
    assert all(dates) and all(sources), [n for n, d, s in zip(names, dates, sources) if not (d and s)]
    assert set(dates) == {"30/6/2024"}
    row = {n: (st, s, no) for n, st, s, no in zip(names, status, sources, notes)}
    # lacking both, reported by two operators: who reported which
    assert row["Bản Khấu Sín"][:2] == ("Chưa có: Di động, Cáp quang",
                                       "Di động: Viettel Lào Cai (minh họa) · Cáp quang: VNPT Lào Cai (minh họa)")
    # lacking both, one note: said whose it is
    assert row["Thôn Phú Hà"] == ("Chưa có: Di động, Cáp quang", "Viettel Lào Cai (minh họa)",
                                  "Cáp quang: Cách trục cáp chính khoảng 8 km")
    # lacking one: its record, as the fibre view shows it
    assert row["Bản Chư Pao"] == ("Chưa có: Cáp quang", "Viettel Lào Cai (minh họa)", "Cách trục cáp chính khoảng 8 km")
    # the CSV has the same words, the dates as ISO dates
    rows = list(csv.DictReader(io.StringIO(page.evaluate("dxmap.instances[0].csv()").lstrip("\ufeff"))))
    assert len(rows) == 103 and {r["Ngày"] for r in rows} == {"2024-06-30"}
    assert all(r["Nguồn"] for r in rows)
    by_name = {(r["Thôn/bản"], r["Xã/phường"]): r for r in rows}
    assert by_name[("Bản Khấu Sín", "Cốc Mỳ")]["Nguồn"] == row["Bản Khấu Sín"][1]
    assert by_name[("Thôn Phú Hà", "A Lù")]["Ghi chú"] == "Cáp quang: Cách trục cáp chính khoảng 8 km"
    # the columns sort by what they say
    page.click(".dxmap-table thead th[data-key=source] button")
    assert page.get_attribute(".dxmap-table thead th[data-key=source]", "aria-sort") == "ascending"
    ordered = _column(page, "source")
    assert ordered == sorted(ordered, key=lambda s: s.casefold()) and ordered[0].startswith("Di động:")
    assert page.console_errors == []

"""The map page in the 2025-07 units knows the former communes (xã cũ) a 2024 picture came from (QA18 findings 1, 6,
7, 10): search finds them by their old name or code and goes to the unit they are part of now; villages say which
one they were in (search, card, table, CSV); a former district counts only the villages and former communes that were
in it; the LAN CSV lists each former commune. Search also ignores spaces ("Sapa") and finds a commune by its code.

Driven in Debian's headless chromium with every http(s) request blocked, as tests/test_map_browser.py does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dxmap.gaps.analysis import analyse
from dxmap.render.webmap import _map_data, gap_map, save_map
from tests.conftest import downloaded_csv, offline_context, search_hits

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


@pytest.fixture(scope="module")
def result25(demo):
    return analyse(demo, units="2025-07")


@pytest.fixture(scope="module")
def map25(result25, demo, tmp_path_factory) -> Path:
    m = gap_map(result25.status, result25.communes, districts=result25.districts, villages=demo.villages, illustrative=True)
    return save_map(m, tmp_path_factory.mktemp("former") / "map25.html")


@pytest.fixture(scope="module")
def map25_en(result25, tmp_path_factory) -> Path:
    return save_map(gap_map(result25.status, result25.communes, lang="en"), tmp_path_factory.mktemp("former") / "en.html")


@pytest.fixture(scope="module")
def map24(demo, tmp_path_factory) -> Path:
    result = analyse(demo, as_of="2024-06-30")
    m = gap_map(result.status, demo.communes, districts=demo.districts, villages=demo.villages, illustrative=True)
    return save_map(m, tmp_path_factory.mktemp("former") / "map24.html")


def _open(page, path: Path, hash_: str = ""):
    page.goto(path.as_uri() + hash_)
    page.wait_for_function("window.dxmapReady === true", timeout=30_000)
    return page


def _district(page, code: str) -> None:
    d = page.evaluate("code => dxmap.instances[0].page.model.DI.code.indexOf(code)", code)
    page.select_option(".dxmap-district", value=str(d))


def test_search_finds_former_communes_and_goes_to_their_new_unit(offline_page, map25):
    page = _open(offline_page, map25)
    for query in ("A Lù", "a lu", "A LU"):
        assert search_hits(page, query)[0] == "A Lù (xã cũ) → nay thuộc Xã Y Tý", query
    assert search_hits(page, "02692")[0] == "A Lù (xã cũ) → nay thuộc Xã Y Tý · mã 02692"  # found by its code, said (QA62 17)
    assert search_hits(page, "Kim Tân")[0] == "Kim Tân (xã cũ) → nay thuộc Phường Lào Cai"
    assert search_hits(page, "y ty") == ["Y Tý — xã · Bát Xát"]  # its own former commune is not listed twice
    search_hits(page, "a lu")
    page.keyboard.press("Enter")
    found = page.evaluate("() => { const i = dxmap.instances[0]; return [i.state.found, i.page.model.C.name[i.state.found.i]]; }")
    assert found[0]["kind"] == "commune" and found[1] == "Y Tý"
    card = page.locator(".leaflet-popup .dxmap-card").first
    assert card.locator(".dxmap-card-name").inner_text() == "Y Tý"
    assert card.locator(".dxmap-formers").inner_text() == "Gồm các xã cũ: A Lù, Y Tý"
    assert page.input_value(".dxmap-search") == "A Lù"
    assert page.console_errors == [] and page.failed_requests == []


def test_search_in_english_and_on_a_phone(browser, map25_en):
    context, page = offline_context(browser, **PHONE)
    try:
        _open(page, map25_en)
        page.click(".dxmap-menu")
        assert search_hits(page, "a lu")[0] == "A Lù (former commune) → now part of Y Tý"
        fits = page.eval_on_selector(".dxmap-results", "l => l.getBoundingClientRect().right <= window.innerWidth")
        assert fits
        page.keyboard.press("Enter")
        assert page.locator(".leaflet-popup .dxmap-card-name").first.inner_text() == "Y Tý"
        assert page.console_errors == []
    finally:
        context.close()


def test_villages_say_their_former_commune(offline_page, map25, result25):
    page = _open(offline_page, map25)
    # two villages called Bản Xèo in Dền Sáng: told apart by the former commune they were in
    hits = [h for h in search_hits(page, "Bản Xèo") if "Dền Sáng" in h]
    assert hits == ["Bản Xèo — thôn/bản · Dền Sáng (xã cũ Dền Sáng), Bát Xát",
                    "Bản Xèo — thôn/bản · Dền Sáng (xã cũ Sàng Ma Sáo), Bát Xát"]
    page.keyboard.press("ArrowDown")  # the commune Bản Xèo comes first
    page.keyboard.press("Enter")
    where = page.locator(".leaflet-popup .dxmap-card-where").first.inner_text()
    assert where == "Thôn/bản · Xã Dền Sáng · Xã cũ Dền Sáng · Huyện cũ Bát Xát"
    # the table and its CSV: a "Xã cũ" column, as the status table has it
    page.click(".dxmap-tablebar button[aria-controls]")
    keys = page.eval_on_selector_all(".dxmap-table thead th", "els => els.map(e => [e.dataset.key, e.textContent.trim()])")
    assert [k for k, _ in keys][:4] == ["name", "commune", "former", "district"] and keys[2][1].startswith("Xã cũ")
    rows = downloaded_csv(page)
    assert list(rows[0])[:8] == ["Mã", "Thôn/bản", "Xã/phường", "Mã xã", "Xã cũ", "Mã xã cũ", "Huyện cũ", "Mã huyện cũ"]
    fibre = result25.status[result25.status["technology"].eq("fibre")].set_index("unit_id")
    assert len(rows) == 82
    for row in rows:
        assert (row["Xã cũ"], row["Mã xã cũ"]) == (fibre.at[row["Mã"], "old_commune_name"], fibre.at[row["Mã"], "old_commune_code"])
        assert row["Mã huyện cũ"] == fibre.at[row["Mã"], "district_code"]  # the village's own former district
    assert page.console_errors == []


def test_a_former_district_counts_what_was_in_it(offline_page, map25, result25, demo):
    """Bát Xát: 246 villages and 21 former communes, as summary.csv; Cốc San (TP Lào Cai and Bát Xát) is still drawn."""
    status = result25.status
    own = status[status["district_code"].eq("082")]
    fibre, lan = own[own["technology"].eq("fibre")], own[own["technology"].eq("lan")]
    assert (len(fibre), len(lan)) == (246, 21)
    page = _open(offline_page, map25, "#t=fibre")
    _district(page, "082")
    assert page.inner_text(".dxmap-headline").startswith(f"Cáp quang (FTTH): {int(fibre['status'].eq('none').sum())} trong 246 thôn/bản")
    drawn = page.evaluate("""() => { const P = dxmap.instances[0].page, M = P.model, c = M.C.name.indexOf('Cốc San');
        return [M.unitInDistrict(M.cU[c], P.state.district, -1), M.communesOf(P.state.district).map(k => M.C.name[k])]; }""")
    assert drawn[0] and "Cốc San" in drawn[1]
    page.click(".dxmap-tablebar button[aria-controls]")
    page.check(".dxmap-legend input[id$='-show-covered']")
    assert page.locator(".dxmap-table tbody tr").count() == 246
    rows = downloaded_csv(page)
    assert len(rows) == 246 and {r["Huyện cũ"] for r in rows} == {"Bát Xát"}
    page.check(".dxmap-techs input[value='lan']")
    assert page.inner_text(".dxmap-headline").startswith(f"{int(lan['status'].eq('none').sum())} trong 21 xã cũ")
    assert page.console_errors == []


def test_the_lan_csv_lists_each_former_commune(offline_page, map25, result25):
    lan = result25.status[result25.status["technology"].eq("lan")]
    page = _open(offline_page, map25, "#t=lan&s=none")
    rows = downloaded_csv(page)
    assert len(rows) == int(lan["status"].eq("none").sum()) == 29  # as the legend and summary.json count them
    assert list(rows[0])[:6] == ["Mã xã cũ", "Xã cũ", "Xã/phường", "Mã xã", "Huyện cũ", "Mã huyện cũ"]
    want = lan[lan["status"].eq("none")].set_index("old_commune_code")
    assert {r["Mã xã cũ"] for r in rows} == set(want.index)
    for row in rows:
        assert row["Trạng thái"] == "Chưa có"
        assert (row["Xã cũ"], row["Mã xã"]) == (want.at[row["Mã xã cũ"], "old_commune_name"], want.at[row["Mã xã cũ"], "commune_code"])
        assert row["Ghi chú"] == ("" if want.at[row["Mã xã cũ"], "note"] is None or str(want.at[row["Mã xã cũ"], "note"]) == "<NA>"
                                  else want.at[row["Mã xã cũ"], "note"])  # each office's own note
    bx = [r for r in rows if r["Xã/phường"] == "Bản Xèo"]
    assert sorted(r["Xã cũ"] for r in bx) == ["Bản Xèo", "Pa Cheo"]  # the card's "Xã cũ chưa có (2): Bản Xèo, Pa Cheo"
    _district(page, "082")
    rows = downloaded_csv(page)
    assert len(rows) == 6 and {r["Mã huyện cũ"] for r in rows} == {"082"}
    assert page.console_errors == []


def test_spaces_and_codes_on_the_2024_page(offline_page, map24, demo):
    page = _open(offline_page, map24)
    for query in ("Sapa", "SAPA", "sa pa"):
        assert search_hits(page, query)[0] == "Sa Pa — thị xã", query
    assert search_hits(page, "02692") == ["A Lù — xã · Bát Xát · mã 02692"]
    assert search_hits(page, "082")[0] == "Bát Xát — huyện · mã 082"
    # no former communes on a 2024 page: its data, table and CSV are as before
    assert page.evaluate("() => dxmap.instances[0].page.data.formers === undefined")
    page.click(".dxmap-tablebar button[aria-controls]")
    assert list(downloaded_csv(page)[0])[:6] == ["Mã", "Thôn/bản", "Xã/phường", "Mã xã", "Huyện", "Mã huyện"]
    assert page.console_errors == []


def test_payload_ships_each_former_commune_once(result25, demo):
    data = _map_data(result25.status, result25.communes)
    formers = data["formers"]
    assert len(formers["code"]) == len(set(formers["code"])) == 320
    assert formers["name"][formers["code"].index("02692")] == "A Lù"
    assert len(data["villages"]["f"]) == len(data["villages"]["id"])  # one character per village
    assert "formers" not in _map_data(analyse(demo).status, demo.communes)

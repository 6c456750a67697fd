"""A map of records written for the 2025-07 units knows the former communes (xã cũ) by name (QA64 F4): search finds
"A Lù" or "02692" and goes to Xã Y Tý, and Y Tý's card says "Gồm các xã cũ: A Lù, Y Tý", as the map of a 2024 picture
moved into those units does. Their names come from the unit layer (``old_codes``, ``old_names``): the status is per
new unit, so they make no row, count or CSV line there (the page's ``formerNames``, not its ``formers``).

The browser tests drive Debian's headless chromium with every http(s) request blocked, at desktop and phone sizes.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dxmap.gaps.analysis import analyse
from dxmap.io.bundled import bundled_units_2025
from dxmap.pipeline import read_dataset
from dxmap.render.webmap import _map_data, gap_map, save_map
from tests.conftest import downloaded_csv, page_ints, search_hits

DESKTOP = {"viewport": {"width": 1400, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


def _records_2025(path: Path) -> Path:
    """A 2026 sheet written for the 2025-07 units: LAN for each of the 99 units (every third none), and fibre for two
    villages of Xã Y Tý (which is made of the former communes A Lù and Y Tý) and one of Phường Lào Cai."""
    units = bundled_units_2025()
    lan = pd.DataFrame({"level": "commune", "commune_code": units["code"], "commune_name": units["name"],
                        "technology": "lan", "status": ["none", "covered", "covered"] * 33, "as_of": "2026-11-30"})
    villages = pd.DataFrame({"level": "village", "commune_code": ["02701", "02701", "02647"],
                             "commune_name": ["Y Tý", "Y Tý", "Lào Cai"],
                             "village_name": ["Bản Khấu", "Thôn Hồng Ngài", "Tổ dân phố 1"],
                             "technology": "fibre", "status": ["none", "covered", "covered"], "as_of": "2026-11-30"})
    pd.concat([lan, villages]).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    data = read_dataset(records=_records_2025(tmp_path_factory.mktemp("names") / "r2026.csv"),
                        records_version="2025-07")
    return analyse(data)


@pytest.fixture(scope="module")
def map26(result, tmp_path_factory) -> Path:
    return save_map(gap_map(result.status, result.communes), tmp_path_factory.mktemp("names") / "map26.html")


def test_page_data_names_the_former_communes_and_counts_only_the_new_units(result):
    data = _map_data(result.status, result.communes)
    assert "formers" not in data  # no former commune is a row of this page: the status is per new unit
    names = data["formerNames"]
    assert set(names) == {"code", "name", "n", "d"}  # d: each one's own former district (QA66 F1)
    assert len(names["code"]) == len(names["name"]) == 320
    codes = data["communes"]["code"]
    per_commune = page_ints(names["n"], len(codes))
    assert per_commune.sum() == 320 and (per_commune >= 1).all()
    # commune by commune, by code within one: Y Tý's are A Lù (02692) and Y Tý (02701)
    y = codes.index("02701")
    first = int(per_commune[:y].sum())
    assert names["code"][first:first + 2] == ["02692", "02701"] and names["name"][first:first + 2] == ["A Lù", "Y Tý"]
    assert names["name"][names["code"].index("02665")] == "Vạn Hoà"  # without its unit word ("Xã Vạn Hoà")
    districts, own = data["districts"]["code"], page_ints(names["d"], 320)
    assert districts[own[names["code"].index("02749")]] == "082"  # Tòng Sành of Cốc San: old Bát Xát
    assert districts[own[names["code"].index("02662")]] == "080"  # Đồng Tuyển of Cốc San: old Lào Cai city
    # everything else is the page the same records make without the layer's former communes
    plain = _map_data(result.status, result.communes.drop(columns=["old_codes", "old_names"]))
    assert "formerNames" not in plain
    assert {k: v for k, v in data.items() if k != "formerNames"} == plain
    lan, fibre = data["status"]["lan"], data["status"]["fibre"]
    assert set(lan) == set(fibre) == {"s", "t", "src", "note"}  # no per-former-commune counts or rows
    assert len(lan["s"]) == 99 and lan["s"].count("0") == 33
    assert data["villages"]["name"] == ["Bản Khấu", "Thôn Hồng Ngài", "Tổ dân phố 1"] and "f" not in data["villages"]


def test_a_2024_layer_and_the_2024_picture_in_2025_units_have_no_former_names(demo):
    assert "formerNames" not in _map_data(analyse(demo).status, demo.communes)
    moved = analyse(demo, units="2025-07")
    data = _map_data(moved.status, moved.communes)
    assert "formers" in data and "formerNames" not in data  # its former communes are rows, named there


@pytest.mark.browser
@pytest.mark.parametrize("device", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_search_finds_a_former_commune_and_its_card_lists_them(open_page, map26, device):
    page = open_page(map26, device)
    if device is PHONE:
        page.click(".dxmap-menu")
    assert search_hits(page, "A Lù")[0] == "A Lù (xã cũ) → nay thuộc Xã Y Tý"
    assert search_hits(page, "a lu")[0] == "A Lù (xã cũ) → nay thuộc Xã Y Tý"
    assert search_hits(page, "Kim Tân")[0] == "Kim Tân (xã cũ) → nay thuộc Phường Lào Cai"
    assert search_hits(page, "y ty") == ["Y Tý — xã · Bát Xát"]  # its own former commune is not listed twice
    assert search_hits(page, "02692")[0] == "A Lù (xã cũ) → nay thuộc Xã Y Tý · mã 02692"
    if device is PHONE:
        assert page.eval_on_selector(".dxmap-results", "l => l.getBoundingClientRect().right <= window.innerWidth")
    page.keyboard.press("Enter")
    found = page.evaluate("() => { const i = dxmap.instances[0]; return [i.state.found, i.page.model.C.name[i.state.found.i]]; }")
    assert found[0]["kind"] == "commune" and found[1] == "Y Tý"
    card = page.locator(".leaflet-popup .dxmap-card").first
    assert card.locator(".dxmap-card-name").inner_text() == "Y Tý"
    assert card.locator(".dxmap-formers").inner_text() == "Gồm các xã cũ: A Lù, Y Tý"
    assert card.locator(".dxmap-formers").is_visible()
    assert page.console_errors == [] and page.failed_requests == []


@pytest.mark.browser
def test_former_names_make_no_rows_counts_or_csv_lines(open_page, map26):
    page = open_page(map26, DESKTOP)
    counts = page.evaluate("""() => { const M = dxmap.instances[0].page.model;
        return M.techs.map(t => [t.key, Array.from(M.counts(t, -1)), M.formerTotals(t, -1, -1)]); }""")
    assert ["lan", [33, 0, 0, 0, 66], None] in counts  # 99 units, not 320 former communes
    assert ["fibre", [1, 0, 0, 0, 2], None] in counts
    # the CSV: one line per unit, none per former commune, and no "Xã cũ" column
    page = open_page(map26, DESKTOP, "#t=lan&s=none")
    rows = downloaded_csv(page)
    assert len(rows) == 33 and list(rows[0])[:2] == ["Mã", "Xã/phường"]
    assert len({r["Mã"] for r in rows}) == 33 and "02692" not in {r["Mã"] for r in rows}
    page.check(".dxmap-techs input[value='fibre']")
    page.check(".dxmap-legend input[id$='-show-covered']")
    rows = downloaded_csv(page)
    assert [r["Thôn/bản"] for r in rows] == ["Bản Khấu", "Thôn Hồng Ngài", "Tổ dân phố 1"]
    assert "Xã cũ" not in rows[0] and "Mã xã cũ" not in rows[0]
    assert page.console_errors == []

"""The gap map in the 2025-07 units: a commune-level technology is counted per former commune (issue 15)."""

from __future__ import annotations

import re

import numpy as np
import pytest

from dxmap.gaps.analysis import analyse
from dxmap.io.bundled import bundled_units_2025
from dxmap.reconcile.versions import crosswalk_summary
from dxmap.render.webmap import _map_data
from tests.conftest import page_ints, reach_communes



@pytest.fixture(scope="module")
def result25(demo):
    return analyse(demo, units="2025-07")


@pytest.fixture(scope="module")
def payload25(result25):
    return _map_data(result25.status, result25.communes)


def test_lan_k_of_n_matches_crosswalk_summary(result25, payload25):
    lan, codes = payload25["status"]["lan"], payload25["communes"]["code"]
    k, n = page_ints(lan["k"], len(codes)), page_ints(lan["n"], len(codes))
    summary = crosswalk_summary(result25.status)
    summary = summary[summary["technology"].eq("lan")].set_index("code").reindex(codes)
    assert (k == summary["none"].to_numpy()).all()
    assert (n == summary["total"].to_numpy()).all()
    assert n.sum() == 320  # every former commune counted once
    assert (k > 0).sum() == (summary["none"] > 0).sum() > 0
    # a merged commune with a gap: k of n, the former communes named, and its code never guessed from one row
    c = int(np.flatnonzero((k > 0) & (n > 1))[0])
    names = payload25["strings"][page_ints(lan["gap"], len(codes))[c]].split(", ")
    assert len(names) == k[c]
    assert lan["s"][c] == "0"
    # communes whose former communes are all unknown show "unknown" (no data), not a gap
    all_unknown = (summary["unknown"] == summary["total"]).to_numpy()
    assert all_unknown.sum() > 0 and set(np.array(list(lan["s"]))[all_unknown]) == {"3"}


def test_approximate_outlines_in_payload(result25, payload25):
    approx = np.asarray(payload25["communes"]["approx"])
    flagged = result25.communes.set_index("code")["approximate"].reindex(payload25["communes"]["code"]).to_numpy(dtype=bool)
    assert ((approx > 0) == flagged).all() and flagged.sum() > 0
    reasons = {payload25["strings"][i] for i in approx[approx > 0]}
    # in the page's words (the layer's approximate_reason is English), the communes sharing an outline named
    assert "chỉ một phần của một xã cũ nhập vào xã này, nhưng cả ranh giới xã cũ được vẽ" in reasons
    assert "vẽ chung một ranh giới với Tả Phìn, Tả Van: ranh giới xã cũ không chia được" in reasons
    assert not [r for r in reasons if "polygon" in r or "old unit" in r]


def test_2024_payload_has_no_former_counts(demo):
    result = analyse(demo)
    data = _map_data(result.status, demo.communes)
    assert set(data["status"]["lan"]) == {"s", "t", "src", "note"}
    assert "approx" not in data["communes"]


def test_payload_lists_communes_under_every_former_district(result25, payload25):
    communes, districts = payload25["communes"], payload25["districts"]
    assert payload25["formerDistricts"] is True
    layer = result25.communes.set_index("code").reindex(communes["code"])
    spans = layer["former_district_codes"].str.split(",").map(len).to_numpy()
    assert (spans > 1).sum() == 12
    for c, (own, extra) in enumerate(zip(communes["d"], communes["dx"])):
        listed = {districts["code"][d] for d in [own, *extra]}
        assert listed == set(layer["former_district_codes"].iloc[c].split(","))


@pytest.mark.browser
def test_2025_demo_map_filters_by_former_district_and_counts_former_communes(offline_page, result25, demo, tmp_path):
    from dxmap.render.webmap import gap_map, save_map

    m = gap_map(result25.status, result25.communes, districts=result25.districts, villages=demo.villages,
                illustrative=True)
    page = offline_page
    page.goto(save_map(m, tmp_path / "map25.html").as_uri())
    page.wait_for_function("window.dxmapReady === true", timeout=30_000)
    assert page.console_errors == [] and page.failed_requests == []
    assert page.inner_text(".dxmap-panel label.dxmap-lab[for$='-district']") == "Huyện cũ"
    assert page.eval_on_selector(".dxmap-district option[value='-1']", "e => e.textContent") == "Tất cả các huyện cũ"
    page.check(".dxmap-techs input[value='lan']")
    # 169 of the 320 have no record (the Yên Bái part): the share of all 320 says so beside it
    assert page.inner_text(".dxmap-headline") == "29 trong 320 xã cũ chưa có mạng LAN chuẩn (9,1%) · chưa có số liệu cho 169 xã cũ"
    # Lào Cai (02647) spans the former Thành phố Lào Cai (080) and Bảo Thắng (086): listed under both
    codes = page.evaluate("""() => { const M = dxmap.instances[0].page.model, i = M.C.code.indexOf('02647');
        return M.DI.code.filter((code, d) => M.communeInDistrict(i, d)); }""")
    assert sorted(codes) == ["080", "086"]
    for code in codes:
        d = page.evaluate("code => dxmap.instances[0].page.model.DI.code.indexOf(code)", code)
        page.select_option(".dxmap-district", value=str(d))
        open_table = page.locator(".dxmap-tablebar button[aria-controls]")
        if open_table.get_attribute("aria-expanded") != "true":
            open_table.click()
        page.check(".dxmap-legend input[id$='-show-covered']")
        names = page.eval_on_selector_all(".dxmap-table tbody tr td:first-child", "els => els.map(e => e.textContent.trim())")
        assert "Lào Cai" in names, code
    # a former district's headline counts the former communes of the communes listed under it
    d = page.evaluate("() => dxmap.instances[0].page.model.DI.code.indexOf('086')")
    page.select_option(".dxmap-district", value=str(d))
    k_n = page.evaluate("""d => { const M = dxmap.instances[0].page.model, t = M.techs.find(q => q.key === 'lan');
        return M.formerTotals(t, d); }""", d)
    assert 0 < k_n["n"] < 320
    assert page.inner_text(".dxmap-headline").startswith(f"{k_n['k']} trong {k_n['n']} xã cũ")


def test_a_former_district_map_is_chosen_and_named(demo):
    """--units 2025-07 --district "bat xat": the page opens on the former district, and its title names it as a former district (Xã Bát Xát is a commune of 2025)."""
    bx = analyse(demo, as_of="2024-06-30", district="bat xat", units="2025-07")
    data = _map_data(bx.status, bx.communes, districts=bx.districts, district=bx.district, lang="en")
    assert len(data["districts"]["code"]) == 2  # a commune partly in the former Thành phố Lào Cai lists it too
    assert data["district"] == "082"
    assert data["title"] == "Missing digital infrastructure — former district Bát Xát, data as of 2024-06-30"
    assert "district" not in _map_data(bx.status, bx.communes)


def test_a_former_city_s_title_names_it_as_its_tables_do(demo):
    """Session 32: an English title said "former district Lào Cai" and a Vietnamese one "thành phố Lào Cai (cũ)"
    where the page's own menu, table and CSV say "Lào Cai (former city)" / "Lào Cai (thành phố cũ)": one rule
    (dxmap.reconcile.districts.former_city_name) in both languages, a former huyện as before."""
    city = analyse(demo, as_of="2024-06-30", district="080", units="2025-07")
    titles = {lang: _map_data(city.status, city.communes, districts=city.districts, district=city.district,
                              lang=lang)["title"] for lang in ("en", "vi")}
    assert titles == {"en": "Missing digital infrastructure — Lào Cai (former city), data as of 2024-06-30",
                      "vi": "Hạ tầng số còn thiếu — Lào Cai (thành phố cũ), số liệu đến ngày 30/6/2024"}
    town = analyse(demo, as_of="2024-06-30", district="sa pa", units="2025-07")
    title = _map_data(town.status, town.communes, districts=town.districts, district=town.district, lang="en")["title"]
    assert title == "Missing digital infrastructure — Sa Pa (former town), data as of 2024-06-30"


@pytest.mark.browser
def test_2025_former_district_page_opens_on_it(offline_page, demo, tmp_path):
    from dxmap.render.webmap import gap_map, save_map

    bx = analyse(demo, as_of="2024-06-30", district="bat xat", units="2025-07")
    path = save_map(gap_map(bx.status, bx.communes, districts=bx.districts, villages=demo.villages, district=bx.district,
                            illustrative=True), tmp_path / "bx25.html")
    page = _open(offline_page, path)
    d = page.evaluate("() => dxmap.instances[0].page.model.DI.code.indexOf('082')")
    assert page.eval_on_selector(".dxmap-district", "s => s.value") == str(d)
    assert page.eval_on_selector(".dxmap-district", "s => s.options[s.selectedIndex].text") == "Bát Xát"
    assert page.inner_text(".dxmap-legend-title") == "Chú giải — Huyện cũ Bát Xát"
    assert page.title() == "Hạ tầng số còn thiếu — huyện cũ Bát Xát, số liệu đến ngày 30/6/2024"
    page.check(".dxmap-techs input[value='lan']")
    lan = bx.summary["gaps"]["lan"]
    assert page.inner_text(".dxmap-headline").startswith(f"{lan['count']} trong {lan['of']} xã cũ chưa có mạng LAN chuẩn")
    page.wait_for_function("location.hash.includes('d=082')")
    page.select_option(".dxmap-district", value="-1")  # every commune the picture holds, also the one partly in it
    assert page.inner_text(".dxmap-legend-title") == "Chú giải — Tất cả các huyện cũ"
    # the address says "every district" in so many words, so a reload keeps it; a link that names no district
    # (as one typed or cut short) opens on the page's own district
    page.wait_for_function("location.hash.includes('d=all')")
    page.reload()
    page.wait_for_function("window.dxmapReady === true")
    assert page.eval_on_selector(".dxmap-district", "s => s.value") == "-1"
    page.goto(path.as_uri() + "#t=lan")
    page.reload()
    page.wait_for_function("window.dxmapReady === true")
    assert page.eval_on_selector(".dxmap-district", "s => s.value") == str(d)
    assert page.is_checked(".dxmap-techs input[value='lan']")
    assert page.console_errors == [] and page.failed_requests == []


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "word"), [("vi", "Huyện cũ"), ("en", "Former district")])
def test_2025_table_and_csv_name_the_former_district_column(offline_page, result25, demo, tmp_path, lang, word):
    import csv
    import io
    from pathlib import Path

    from dxmap.render.webmap import gap_map, save_map

    path = save_map(gap_map(result25.status, result25.communes, lang=lang), tmp_path / f"t25{lang}.html")
    page = _open(offline_page, path)
    assert page.inner_text(".dxmap-panel label.dxmap-lab[for$='-district']") == word  # the filter says so already
    page.click(".dxmap-tablebar button[aria-controls]")
    heads = page.eval_on_selector_all(".dxmap-table thead th", "els => els.map(e => [e.dataset.key, e.textContent.trim()])")
    assert dict(heads)["district"].startswith(word)
    with page.expect_download() as info:
        page.click(".dxmap-csv")
    header = next(csv.reader(io.StringIO(Path(info.value.path()).read_bytes().decode("utf-8-sig"))))
    assert word in header and {"vi": "Mã huyện cũ", "en": "Former district code"}[lang] in header
    # a commune spanning two former districts (Cốc San, of TP Lào Cai, reaches into Bát Xát) names both
    spans = page.evaluate("""() => { const M = dxmap.instances[0].page.model, t = M.techs.find(t => t.key === 'lan');
      const out = {}; for (let c = 0; c < M.nC; c++) { const d = M.districtsOf(t, c).map(i => M.DI.name[i]); if (d.length > 1) out[M.C.name[c]] = d; }
      return out; }""")
    assert spans.get("Cốc San") == ["Lào Cai", "Bát Xát"], spans  # its own former district first
    assert page.console_errors == []


@pytest.fixture(scope="module")
def map25(result25, demo, tmp_path_factory):
    from dxmap.render.webmap import gap_map, save_map

    m = gap_map(result25.status, result25.communes, districts=result25.districts, villages=demo.villages, illustrative=True)
    return save_map(m, tmp_path_factory.mktemp("map25") / "map25.html")


def _open(page, path):
    page.goto(path.as_uri())
    page.wait_for_function("window.dxmapReady === true", timeout=30_000)
    return page


def _merged_with_gap(page) -> dict:
    """A merged commune (one outline of its own) some of whose former communes lack a LAN: code, k, n."""
    return page.evaluate("""() => { const M = dxmap.instances[0].page.model, t = M.techs.find(t => t.key === 'lan');
      for (let c = 0; c < M.nC; c++) { const f = M.former(t, c); if (f && f.k > 0 && M.members[M.cU[c]].length === 1)
        return { code: M.C.code[c], name: M.C.name[c], k: f.k, n: f.n }; } return null; }""")


@pytest.mark.browser
def test_2025_table_csv_and_tooltip_give_k_of_n_former_communes(offline_page, map25, result25):
    import csv
    import io
    from pathlib import Path

    page = _open(offline_page, map25)
    page.check(".dxmap-techs input[value='lan']")
    found = _merged_with_gap(page)
    text = f"{found['k']}/{found['n']} xã cũ chưa có mạng LAN chuẩn"
    # the table: the same words as the card, never one rolled-up status
    page.click(".dxmap-tablebar button[aria-controls]")
    rows = page.eval_on_selector_all(".dxmap-table tbody tr", "els => els.map(e => [...e.children].map(c => c.textContent.trim()))")
    row = next(r for r in rows if r[0] == found["name"])
    assert row[2] == text
    summary = crosswalk_summary(result25.status)
    merged_gaps = summary[summary["technology"].eq("lan") & (summary["none"] > 0) & (summary["total"] > 1)]
    assert sum(bool(re.fullmatch(r"[1-9]\d*/\d+ xã cũ chưa có mạng LAN chuẩn", r[2])) for r in rows) == len(merged_gaps) > 0
    # its CSV
    with page.expect_download() as info:
        page.click(".dxmap-csv")
    table = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_bytes().decode("utf-8-sig"))))
    # one row per former commune, as the legend counts them (QA18): the k without it, and which they are
    mine = [r for r in table if r["Mã xã"] == found["code"]]
    assert sum(r["Trạng thái"] == "Chưa có" for r in mine) == found["k"] and len(mine) <= found["n"]  # covered: unticked
    assert {r["Mã xã cũ"] for r in table if r["Trạng thái"] == "Chưa có"} == set(
        result25.status.query("technology == 'lan' and status == 'none'")["old_commune_code"])
    # the hover tooltip on its marker
    page.click(".dxmap-tablebar button[aria-controls]")
    page.evaluate("""code => { const i = dxmap.instances[0], k = i.index('commune', code), p = i.page.model.pts.commune;
        i.map.setView([p[2 * k + 1], p[2 * k]], 12, {animate: false}); }""", found["code"])
    point = page.evaluate("code => { const i = dxmap.instances[0]; return i.locate('commune', i.index('commune', code)); }", found["code"])
    page.mouse.move(point["x"] - 30, point["y"] - 30)
    page.mouse.move(point["x"], point["y"])
    tip = page.locator(".leaflet-tooltip.dxmap-tip")
    tip.wait_for()
    assert text in tip.inner_text()
    assert page.console_errors == []


@pytest.mark.browser
def test_2025_phone_legend_and_lan_column_count_former_communes(browser, map25, result25, tmp_path):
    from tests.conftest import offline_context

    context, page = offline_context(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                    device_scale_factor=2)
    try:
        _open(page, map25)
        page.click(".dxmap-techs label[data-tech='lan']")
        summary = crosswalk_summary(result25.status)
        lan = summary[summary["technology"].eq("lan")]
        assert int(lan["none"].sum()) == 29 and int(lan["total"].sum()) == 320 and int((lan["none"] > 0).sum()) == 24
        line = dict(page.eval_on_selector_all(".dxmap-legend-sum .dxmap-sum[data-status]", "els => els.map(e => [e.dataset.status, e.textContent])"))
        assert int(line["none"]) == 29 and int(line["unknown"]) == int(lan["unknown"].sum())
        page.click(".dxmap-legend-toggle")
        cell = page.inner_text(".dxmap-legend td[data-tech='lan'][data-status='none']")
        assert int(cell) == 29
        assert page.inner_text(".dxmap-legend td[data-total='lan']").split() == ["320", "xã", "cũ"]
        assert page.inner_text(".dxmap-linekey[data-line='districts']").strip() == "Ranh giới huyện cũ"
        assert page.console_errors == []
    finally:
        context.close()


def test_2025_outline_line_in_english():
    from dxmap.labels import label

    assert label("map_former_district_line", "en") == "Former district boundary"
    assert label("map_former_district_line", "vi") == "Ranh giới huyện cũ"


def test_2025_change_counted_per_former_commune(demo):
    """--compare in 2025 units: the LAN's change is counted per former commune (4 fixed, 29 still missing), never guessed."""
    from dxmap.gaps.change import change_summary, compare
    from dxmap.render.change_layer import change_layer
    from dxmap.render.webmap import gap_map, page_data

    c = compare(demo, compare_to="2024-03-31", units="2025-07")
    m = change_layer(c.changes, m=gap_map(c.now.status, c.now.communes), before=c.before.status)
    change = page_data(m)["change"]
    n = len(page_data(m)["communes"]["code"])
    assert "lan" not in change["prev"] and set(change["former"]) == {"lan"}
    lan = change["former"]["lan"]
    want = change_summary(c.changes).set_index("technology").loc["lan"]
    assert {k: int(page_ints(lan[k], n).sum()) for k in ("stayed", "new", "fixed")} == {"stayed": 29, "new": 0, "fixed": 4}
    assert {k: int(want[k]) for k in ("stayed", "new", "fixed")} == {"stayed": 29, "new": 0, "fixed": 4}
    fixed = page_ints(lan["fixed"], n)
    assert all(lan["ch"][i] in "012" for i in np.flatnonzero(fixed))
    assert set(change["prev"]) == {"mobile", "fibre"}  # villages keep their own earlier status
    # the former communes with a LAN record then (Lào Cai's 152; Yên Bái's 168 had none): where a place has none, the
    # page writes "–" for still, newly missing and fixed, as change_summary leaves them empty (QA63 4)
    rows = c.changes[c.changes["technology"].eq("lan")]
    assert int(page_ints(lan["then"], n).sum()) == int(rows["previous_status"].ne("unknown").sum()) == 152


@pytest.fixture(scope="module")
def cmp25_map(demo, tmp_path_factory):
    """The map of `dxmap demo --units 2025-07 --compare 2024-03-31`."""
    from dxmap.gaps.change import compare
    from dxmap.render.change_layer import change_layer
    from dxmap.render.webmap import gap_map, save_map

    c = compare(demo, compare_to="2024-03-31", units="2025-07")
    m = gap_map(c.now.status, c.now.communes, districts=c.now.districts, villages=demo.villages, illustrative=True)
    change_layer(c.changes, m=m, before=c.before.status)
    return save_map(m, tmp_path_factory.mktemp("cmp25") / "map.html")


def _lan(page) -> None:
    page.check(".dxmap-techs input[value='lan']")


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.browser
def test_2025_change_of_a_merged_commune_is_each_former_communes(offline_page, cmp25_map):
    """Si Ma Cai (1 former commune still without a LAN, 1 fixed) and Bắc Hà (1 still, 2 fixed) are both, never 'fixed'."""
    page = _open(offline_page, cmp25_map)
    _lan(page)
    page.check(".dxmap-legend input[id$='-change-fixed']")  # off at first: the rings of 144 fixed villages swamp the gaps
    page.click(".dxmap-tablebar button[aria-controls]")
    page.check(".dxmap-legend input[id$='-show-covered']")
    cells = dict(page.eval_on_selector_all(".dxmap-table tbody tr", """els => els.map(e => [e.children[0].textContent.trim(),
        [e.querySelector('td[data-change]') ? e.querySelector('td[data-change]').dataset.change : '',
         e.querySelector('td[data-change]') ? e.querySelector('td[data-change]').textContent : '']])"""))
    assert cells["Si Ma Cai"][0] == "stayed fixed" and cells["Bắc Hà"][0] == "stayed fixed"
    assert _words(cells["Si Ma Cai"][1]) == "Vẫn chưa có 1 · Đã có (ra khỏi danh sách) 1 (xã cũ)"
    assert _words(cells["Bắc Hà"][1]) == "Vẫn chưa có 1 · Đã có (ra khỏi danh sách) 2 (xã cũ)"
    # the hover tooltip on its marker says what its table cell says
    page.click(".dxmap-tablebar button[aria-controls]")
    page.evaluate("""name => { const i = dxmap.instances[0], M = i.page.model, k = M.C.name.indexOf(name), p = M.pts.commune;
        i.map.setView([p[2 * k + 1], p[2 * k]], 12, {animate: false}); }""", "Si Ma Cai")
    point = page.evaluate("() => { const i = dxmap.instances[0]; return i.locate('commune', i.page.model.C.name.indexOf('Si Ma Cai')); }")
    page.mouse.move(point["x"] - 30, point["y"] - 30)
    page.mouse.move(point["x"], point["y"])
    tip = page.locator(".leaflet-tooltip.dxmap-tip")
    tip.wait_for()
    assert _words(cells["Si Ma Cai"][1]) in _words(tip.inner_text())
    assert "Đã có (ra khỏi danh sách) (" not in tip.inner_text()  # not the one rolled-up change
    # the gap marker and the fixed ring; with still and newly missing unticked, only the fixed ring, still listed
    drawn = """names => { const P = dxmap.instances[0].page, M = P.model, t = M.techs[P.state.tech];
        return names.map(n => M.drawnAs(t, M.C.name.indexOf(n), P.state.show, P.state.showChange)); }"""
    status, fixed = page.evaluate("[dxmap.DRAW_STATUS, dxmap.DRAW_FIXED]")
    assert page.evaluate(drawn, ["Si Ma Cai", "Bắc Hà"]) == [status | fixed] * 2
    page.uncheck(".dxmap-legend input[id$='-change-stayed']")
    page.uncheck(".dxmap-legend input[id$='-change-new']")
    assert page.evaluate(drawn, ["Si Ma Cai", "Bắc Hà"]) == [fixed] * 2
    page.click(".dxmap-tablebar button[aria-controls]")
    rows = page.eval_on_selector_all(".dxmap-table tbody tr", "els => els.map(e => e.children[0].textContent.trim())")
    assert {"Si Ma Cai", "Bắc Hà"} <= set(rows)
    page.uncheck(".dxmap-legend input[id$='-change-fixed']")
    assert page.evaluate(drawn, ["Si Ma Cai", "Bắc Hà"]) == [0, 0]
    assert page.console_errors == []


@pytest.mark.browser
def test_2025_former_district_without_lan_data_says_so_and_notes_communes_partly_in_it(offline_page, cmp25_map):
    page = _open(offline_page, cmp25_map)
    _lan(page)
    payload = page.evaluate("() => { const D = dxmap.instances[0].page.data; return { code: D.districts.code, d: D.communes.d, dx: D.communes.dx }; }")
    # Yên Bái (132): every former commune's LAN is unknown: no data, never "0 … (0%)"
    page.select_option(".dxmap-district", value=str(payload["code"].index("132")))
    head = page.inner_text(".dxmap-headline")
    assert head.startswith("Mạng LAN chuẩn: chưa có số liệu cho ") and head.endswith(" xã cũ") and "%" not in head
    # a former district's note: how many new communes lie only partly in it (so its counts exceed the files')
    for code in ("080", "082"):
        d = payload["code"].index(code)
        page.select_option(".dxmap-district", value=str(d))
        want = sum(1 for c, own in enumerate(payload["d"]) if (own == d or d in payload["dx"][c]) and payload["dx"][c])
        note = page.locator(".dxmap-partly")
        assert want > 0 and note.is_visible() and note.inner_text() == f"gồm {want} xã mới nằm một phần trong huyện cũ"
    page.select_option(".dxmap-district", value="-1")
    assert not page.locator(".dxmap-partly").is_visible()
    assert page.console_errors == []


# --------------------------------------------------------------------------------------------
# The 2025-07 units as the user's own layer (records written for them): the layer has no districts at all


def _records_2025(units, path):
    """Six LAN records written for the 2025-07 units (their codes and names) as a user's CSV: 3 none, 3 covered."""
    import pandas as pd

    pd.DataFrame({"commune_code": units["code"].iloc[:6].tolist(), "commune_name": units["name"].iloc[:6].tolist(),
                  "technology": "lan", "status": ["none", "covered"] * 3, "as_of": "2025-09-30"}).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def own25(tmp_path_factory):
    """(units, status) of 2025-07 records reconciled against the bundled 2025-07 units, as docs/units-2025.md does."""
    import dxmap

    units = bundled_units_2025()
    records = dxmap.read_records(_records_2025(units, tmp_path_factory.mktemp("own25") / "r.csv"))
    outcomes = dxmap.reconcile(records, units, records_version="2025-07")
    assert outcomes["outcome"].eq("matched").sum() == 6
    return units, dxmap.unit_status(outcomes, units)


def test_2025_units_without_districts_are_mapped_under_former_districts(own25, payload25, tmp_path):
    """The districts are empty (<NA>): the map files the communes under former districts as the crosswalked 2025 map
    does, instead of failing ("normalize() argument 2 must be str, not float")."""
    from dxmap.render.webmap import _json_for_script, gap_map, save_map

    units, status = own25
    assert units["district_code"].isna().all() and units["district_name"].isna().all()
    data = _map_data(status, units)
    assert data["formerDistricts"] is True
    assert data["districts"]["code"] == payload25["districts"]["code"] and len(data["districts"]["code"]) == 18
    assert data["districts"]["name"] == payload25["districts"]["name"]
    assert data["communes"]["code"] == payload25["communes"]["code"]
    assert data["communes"]["d"] == payload25["communes"]["d"] and data["communes"]["dx"] == payload25["communes"]["dx"]
    lan = np.array(list(data["status"]["lan"]["s"]))
    assert [(lan == c).sum() for c in "034"] == [3, 93, 3]  # none, unknown, covered
    _json_for_script(data)  # no NaN anywhere
    page = save_map(gap_map(status, units), tmp_path / "own25.html").read_text(encoding="utf-8")
    assert page.count("Lào Cai") >= 1
    assert units["district_code"].isna().all()  # the caller's layer is not changed
    # the same with no record at all (every commune unknown)
    empty = _map_data(status.iloc[:0], units)
    assert empty["districts"]["code"] == payload25["districts"]["code"] and len(empty["communes"]["code"]) == 99


def test_cli_maps_records_written_for_the_2025_units(tmp_path):
    """`dxmap map --records r.csv --communes units2025.gpkg` (the layer written with to_file) used to end in
    "internal error"."""
    import json

    from click.testing import CliRunner

    import dxmap
    from dxmap.cli import main

    units = bundled_units_2025()
    units.to_file(tmp_path / "units2025.gpkg")
    out = tmp_path / "map.html"
    res = CliRunner().invoke(main, ["map", "--records", str(_records_2025(units, tmp_path / "r.csv")),
                                    "--communes", str(tmp_path / "units2025.gpkg"), "--out", str(out), "-q"])
    assert res.exit_code == 0, res.output
    found = re.findall(r'<script type="application/json" id="[^"]+_data">(.*?)</script>', out.read_text("utf-8"), re.S)
    data = json.loads(found[0])
    assert data["formerDistricts"] is True and len(data["districts"]["code"]) == 18 and len(data["communes"]["code"]) == 99
    assert "" not in data["districts"]["name"] and "–" not in data["districts"]["name"]
    assert list(data["status"]["lan"]["s"]).count("0") == 3


@pytest.mark.browser
def test_2025_units_without_districts_filter_by_former_district_in_the_page(offline_page, own25, tmp_path):
    from dxmap.render.webmap import gap_map, save_map

    units, status = own25
    page = _open(offline_page, save_map(gap_map(status, units), tmp_path / "own25.html"))
    assert page.inner_text(".dxmap-panel label.dxmap-lab[for$='-district']") == "Huyện cũ"
    options = page.eval_on_selector_all(".dxmap-district option", "els => els.map(e => e.textContent)")
    assert options[0] == "Tất cả các huyện cũ" and len(options) == 21 and "Bát Xát" in options
    assert "Toàn bộ tỉnh cũ Yên Bái" in options  # 18 former districts and the 2 former provinces (QA18 finding 3)
    d = page.evaluate("() => dxmap.instances[0].page.model.DI.code.indexOf('082')")
    page.select_option(".dxmap-district", value=str(d))
    reach_communes(page)
    communes = page.eval_on_selector_all(".dxmap-commune option", "els => els.slice(1).map(e => e.textContent)")
    assert "A Mú Sung" in communes and "Lào Cai" not in communes
    page.check(".dxmap-techs input[value='lan']")
    assert page.console_errors == [] and page.failed_requests == []


def test_a_picture_is_drawn_only_on_the_communes_of_its_own_units(demo, result25):
    """QA65 F24: codes were reused on 1 July 2025; a 2025-07 picture on the 2024 communes painted Phường Lào Cai on
    old Kim Tân's polygon and dropped 4 villages, without a word; a 2024 picture on the 99 units likewise."""
    from dxmap.errors import VersionMismatchError
    from dxmap.render.webmap import gap_map

    with pytest.raises(VersionMismatchError, match=r"a.communes"):
        gap_map(result25.status, demo.communes, lang="en")
    with pytest.raises(VersionMismatchError, match=r"units='2025-07'"):
        gap_map(analyse(demo).status, bundled_units_2025(), lang="en")
    assert gap_map(result25.status, result25.communes, lang="en") is not None  # each on its own: drawn
    assert gap_map(analyse(demo).status, demo.communes, lang="en") is not None

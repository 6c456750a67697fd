"""The change since an earlier date as page data of the gap map (issue 14): one page script, one legend.

The payload's earlier statuses read back give change_summary's figures; in headless chromium (offline,
1400×900 and 390×844) the change rows sit in the gap legend and follow the district and commune filters.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import folium
import pandas as pd
import pytest
from click.testing import CliRunner

from dxmap.cli import main
from dxmap.errors import SchemaError
from dxmap.gaps.change import change_summary, compare
from dxmap.render.change_layer import change_data, change_layer
from dxmap.render.webmap import gap_map, page_data, save_map
from dxmap.validate.vocab import STATUS_ORDER
from tests.conftest import choose_commune, offline_context, page_ints

DEVICES = {
    "desktop": {"viewport": {"width": 1400, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2},
}
CHANGES = ["stayed", "new", "fixed"]  # the legend rows of the demo, which has no "first" (no data then)


@pytest.fixture(scope="module")
def cmp(demo):
    return compare(demo, compare_to="2024-03-31")


@pytest.fixture(scope="module")
def cmp_map(cmp, demo):
    m = gap_map(cmp.now.status, demo.communes, districts=demo.districts, villages=demo.villages, illustrative=True)
    return change_layer(cmp.changes, m=m, before=cmp.before.status)


@pytest.fixture(scope="module")
def cmp_page(cmp_map, tmp_path_factory) -> Path:
    return save_map(cmp_map, tmp_path_factory.mktemp("cmp") / "map.html")



def _change_of(now: str, before: str) -> str:
    """As change_status: a gap is status none; a gap now whose status was unknown then is "first", not "new"."""
    if now == "none" and before == "unknown":
        return "first"
    return {(True, True): "stayed", (False, True): "fixed", (True, False): "new"}.get((now == "none", before == "none"), "no_gap")


def test_the_payload_carries_the_earlier_statuses_and_they_give_the_change_summary(cmp, cmp_map):
    data = page_data(cmp_map)
    change = data["change"]
    assert change["since"] == "2024-03-31" and change["asOf"] == "2024-06-30"
    assert change["title"] == "Thay đổi từ sau 31/3/2024 (quý II/2024)"
    summary = change_summary(cmp.changes).set_index("technology")
    for tech in ("mobile", "fibre", "lan"):
        now, prev = data["status"][tech]["s"], change["prev"][tech]
        assert len(prev) == len(now)
        kinds = pd.Series([_change_of(STATUS_ORDER[int(a)], STATUS_ORDER[int(b)]) for a, b in zip(now, prev) if b != "-"])
        got = kinds.value_counts().reindex(CHANGES, fill_value=0).to_dict()
        assert got == summary.loc[tech, CHANGES].to_dict()
    assert [summary.loc[t, "count"] for t in ("mobile", "fibre")] == [6, 56]
    assert [summary.loc[t, "fixed"] for t in ("mobile", "fibre")] == [4, 144]
    # a village's earlier status is where the page has that village
    ids = data["villages"]["id"]
    row = cmp.changes[cmp.changes["technology"].eq("fibre") & cmp.changes["change"].eq("fixed")].iloc[0]
    assert STATUS_ORDER[int(change["prev"]["fibre"][ids.index(row["unit_id"])])] == row["previous_status"] == "none"
    assert change["gone"]["id"] == []  # the demo's two pictures have the same units


def test_units_only_in_the_earlier_picture_are_listed(cmp, cmp_map):
    before = cmp.before.status
    extra = before[before["level"].eq("village")].iloc[[0]].assign(unit_id="gone-1", name="Bản Đã Nhập")
    data = change_data(cmp.changes, page_data(cmp_map), before=pd.concat([before, extra]))
    gone = data["gone"]
    assert gone["id"] == ["gone-1"] and gone["level"] == ["village"]
    assert "name" not in gone  # the page counts them, it names none: no words it does not show
    assert page_data(cmp_map)["communes"]["code"][gone["c"][0]] == extra["commune_code"].iloc[0]
    assert gone["prev"][extra["technology"].iloc[0]] == str(STATUS_ORDER.index(extra["status"].iloc[0]))


def test_change_is_counted_per_former_commune_where_the_page_counts_gaps_so(cmp, cmp_map, demo):
    """The page decides (gap_map: several rows on a commune) which technologies it counts per former commune;
    the change follows that decision instead of finding it out again from the change table."""
    data = page_data(cmp_map)  # 2024 units: one row per commune, nothing counted per former commune
    assert not any("n" in st for st in data["status"].values()) and "former" not in data["change"]
    c = compare(demo, compare_to="2024-03-31", units="2025-07")
    page = page_data(gap_map(c.now.status, c.now.communes))
    assert {t for t, st in page["status"].items() if "n" in st} == {"lan"}
    # a change table with one LAN row per commune (here: the first former commune of each) on that page is still
    # counted per former commune, as the page counts the gaps, never as one earlier status per merged commune
    lan = c.changes["technology"].eq("lan")
    one = c.changes[~lan | ~c.changes[["commune_code", "technology"]].duplicated()]
    assert one.loc[one["technology"].eq("lan"), "commune_code"].is_unique
    change = change_data(one, page, before=c.before.status)
    assert set(change["former"]) == {"lan"} and set(change["prev"]) == {"mobile", "fibre"}
    per_commune = {k: page_ints(change["former"]["lan"][k], len(page["communes"]["code"])) for k in CHANGES}
    want = one.loc[one["technology"].eq("lan"), "change"].value_counts()
    assert {k: int(v.sum()) for k, v in per_commune.items()} == {k: int(want.get(k, 0)) for k in CHANGES}
    assert max(int(v.max()) for v in per_commune.values()) == 1  # one former commune each


def test_no_folium_svg_layer_and_no_second_legend(cmp_map, cmp_page):
    page = cmp_page.read_text(encoding="utf-8")
    assert "dxmap-change-legend" not in page
    assert not re.search(r"\b(geo_json|circle_marker|feature_group|marker)_[0-9a-f]{32}\b", page)  # no folium layer of its own
    assert page.count('<script type="application/json" id=') == 1  # one payload: gap layer and change together
    assert not any(isinstance(c, folium.FeatureGroup) for c in cmp_map._children.values())


def test_change_layer_needs_a_gap_map_and_makes_one_without_m(cmp):
    with pytest.raises(SchemaError, match="m=gap_map"):
        change_layer(cmp.changes, m=folium.Map(tiles=None))
    m = change_layer(cmp.changes, lang="en")  # a map of its own: the communes its LAN rows outline
    data = page_data(m)
    assert len(data["communes"]["code"]) == 152 and data["change"]["title"] == "Change since 2024-03-31 (Q2 2024)"


def test_names_are_escaped_in_the_payload(cmp, demo, tmp_path):
    status = cmp.now.status.copy()
    status.loc[status.index[0], "name"] = "<img src=x onerror=alert(1)>"
    m = change_layer(cmp.changes, m=gap_map(status, demo.communes))
    page = save_map(m, tmp_path / "x.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page and "\\u003cimg src=x" in page


# ------------------------------------------------------------------------------------------------ in the browser

@pytest.fixture(params=list(DEVICES))
def device(request) -> str:
    return request.param


@pytest.fixture
def device_page(browser, device):
    context, page = offline_context(browser, **DEVICES[device])
    yield page
    context.close()


def open_map(page, path: Path):
    page.goto(path.as_uri())
    page.wait_for_function("window.dxmapReady === true", timeout=30_000)
    return page


def change_cells(page) -> dict[str, dict[str, int]]:
    cells = page.eval_on_selector_all(".dxmap-legend td[data-change]",
                                      "els => els.map(e => [e.dataset.tech, e.dataset.change, e.textContent])")
    out: dict[str, dict[str, int]] = {}
    for tech, kind, text in cells:
        if tech != "any":
            out.setdefault(tech, {})[kind] = int(re.sub(r"\D", "", text))
    return out


def expected(changes, by: str | None = None, where: str | None = None) -> dict[str, dict[str, int]]:
    table = change_summary(changes) if by is None else change_summary(changes, by=by)
    if by is not None:
        table = table[table[f"{by}_name"].eq(where)]
    return {row.technology: {k: int(getattr(row, k)) for k in CHANGES} for row in table.itertuples()}


def _with_fixed(page):
    """The fixed villages' rings, off when the page opens (QA18: 144 green rings swamped the 56 gaps), ticked by a
    link that asks for them."""
    assert page.evaluate("dxmap.instances[0].page.state.showChange") == [True, True, False, True]
    page.evaluate("location.hash = 'g=stayed,new,fixed'")
    page.wait_for_function("dxmap.instances[0].page.state.showChange[2] === true")
    return page


@pytest.mark.browser
def test_change_rows_sit_in_the_gap_legend_and_follow_the_filters(device_page, device, cmp, cmp_page):
    page = _with_fixed(open_map(device_page, cmp_page))
    assert page.console_errors == [] and page.failed_requests == []
    assert page.locator("#dxmap-change-legend").count() == 0 and page.locator(".dxmap-legend").count() == 1
    if device == "phone":  # the one-line legend: the fibre gaps, newly missing and fixed; the rows behind the toggle
        assert page.inner_text(".dxmap-legend-sum [data-change='fixed']").strip() == "144"
        page.click(".dxmap-legend-toggle")
        assert page.evaluate("(() => { const l = document.querySelector('.dxmap-legend-body'); return l.scrollWidth <= l.clientWidth; })()")
    assert page.locator(".dxmap-legend tr.dxmap-change-row").count() == 3
    assert page.inner_text(".dxmap-change-head") == "Thay đổi từ sau 31/3/2024 (quý II/2024)"
    assert change_cells(page) == expected(cmp.changes)
    assert {t: v["fixed"] for t, v in change_cells(page).items()} == {"mobile": 4, "fibre": 144, "lan": 4}
    if device == "phone":
        page.click(".dxmap-legend-toggle")
    page.select_option(".dxmap-district", label="Bát Xát")
    if device == "phone":
        page.click(".dxmap-legend-toggle")
    assert change_cells(page) == expected(cmp.changes, "district", "Bát Xát")
    assert change_cells(page)["fibre"] == {"stayed": 17, "new": 0, "fixed": 31}
    assert page.evaluate("dxmap.instances[0].changeCounts('fibre')") == {"stayed": 17, "new": 0, "fixed": 31, "first": 0}
    # the commune filter narrows them further (it is in the menu on a phone)
    if device == "phone":
        page.click(".dxmap-legend-toggle")
        page.click(".dxmap-menu")
    choose_commune(page, "A Lù")
    assert page.evaluate("dxmap.instances[0].changeCounts('fibre')") == {
        **expected(cmp.changes, "commune", "A Lù")["fibre"], "first": 0}
    assert page.console_errors == []


@pytest.mark.browser
def test_fixed_villages_are_drawn_listed_and_exported(offline_page, cmp, cmp_page, demo):
    page = _with_fixed(open_map(offline_page, cmp_page))
    page.select_option(".dxmap-district", label="Bát Xát")
    page.click(".dxmap-tablebar button[aria-controls]")
    # the rows: statuses ticked (covered is off) plus the fixed villages drawn as rings
    rows = cmp.changes[cmp.changes["technology"].eq("fibre") & cmp.changes["district_name"].eq("Bát Xát")]
    shown = rows["status"].ne("covered") | rows["change"].eq("fixed")
    assert page.locator(".dxmap-table tbody tr").count() == int(shown.sum())
    assert page.locator(".dxmap-table td[data-change='fixed']").count() == 31
    with page.expect_download() as info:
        page.click(".dxmap-csv")
    table = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_bytes().decode("utf-8-sig"))))
    column = "Thay đổi từ sau 31/3/2024 (quý II/2024)"
    assert sum(r[column] == "Đã có (ra khỏi danh sách)" for r in table) == 31
    assert {r["Trạng thái 31/3/2024"] for r in table if r[column] == "Đã có (ra khỏi danh sách)"} == {"Chưa có"}
    # unticking "fixed" takes the rings off the map and out of the table; the hash keeps it, naming only the kinds
    # the page has (QA62 13: it wrote "g=stayed,new,first" on a page with no "no earlier data" row)
    page.uncheck(".dxmap-legend input[id$='-change-fixed']")
    assert page.locator(".dxmap-table td[data-change='fixed']").count() == 0
    page.wait_for_function("location.hash.includes('g=stayed,new')")
    assert re.search(r"[#&]g=stayed,new(&|$)", page.evaluate("location.hash")), page.evaluate("location.hash")
    # the PNG's legend lines say the same, with the change rows
    legend = page.evaluate("dxmap.instances[0].pngLegend()")
    assert any("17 trong" in line for line in legend) and "Thay đổi từ sau 31/3/2024 (quý II/2024)" in legend
    assert "Vẫn chưa có 17" in legend and not any(line.startswith("Đã có (ra") for line in legend)
    assert page.console_errors == []


@pytest.mark.browser
def test_cli_map_compare_puts_the_change_in_the_page(offline_page, tmp_path):
    out = tmp_path / "map.html"
    res = CliRunner().invoke(main, ["map", "--demo", "--compare", "2024-03-31", "--district", "bat xat",
                                    "--lang", "en", "--out", str(out), "-q"])
    assert res.exit_code == 0, res.output
    page = open_map(offline_page, out)
    assert page.failed_requests == [] and page.console_errors == []
    assert page.inner_text(".dxmap-change-head") == "Change since 2024-03-31 (Q2 2024)"
    assert page.evaluate("dxmap.instances[0].changeCounts('fibre')") == {"stayed": 17, "new": 0, "fixed": 31, "first": 0}


# ------------------------------------------------------------------------------------------------ the "any gap" view

def any_gap_counts(status: pd.DataFrame, district: str | None = None) -> tuple[int, int]:
    """Villages lacking mobile or fibre; communes lacking LAN or holding such a village."""
    if district is not None:
        status = status[status["district_name"].eq(district)]
    gaps = status[status["status"].eq("none")]
    villages = gaps[gaps["level"].eq("village")]
    communes = set(villages["commune_code"]) | set(gaps.loc[gaps["level"].eq("commune"), "commune_code"])
    return villages["unit_id"].nunique(), len(communes)


@pytest.mark.browser
def test_any_gap_view_counts_units_lacking_at_least_one_technology(device_page, device, cmp, cmp_page):
    page = open_map(device_page, cmp_page)
    status = cmp.now.status
    page.click(".dxmap-techs label[data-tech='any']")
    villages, communes = any_gap_counts(status)
    assert page.evaluate("dxmap.instances[0].anyGaps()") == {"villages": villages, "communes": communes}
    if device == "phone":
        page.click(".dxmap-legend-toggle")
    any_ = page.locator(".dxmap-headline .dxmap-any")
    assert (any_.get_attribute("data-villages"), any_.get_attribute("data-communes")) == (str(villages), str(communes))
    assert any_.inner_text().startswith(f"{villages} trong 1.554 thôn/bản thiếu ít nhất một hạ tầng")
    # the people after the villages' share, whose they are; then the communes with a gap (QA45: the people read as
    # the communes'), and the villages without data, as the other technologies say them
    said = page.locator(".dxmap-headline").inner_text()
    assert "(3,6%), dân số ~" in said and said.index("dân số") < said.index(f" · {communes} xã/phường có thiếu")
    unknown = page.evaluate("dxmap.instances[0].page.model.counts(dxmap.instances[0].page.model.techs[3], -1, -1)")[3]
    assert (f"chưa có số liệu cho {unknown} thôn/bản" in said) == (unknown > 0)
    page.wait_for_function("location.hash.includes('t=any')")
    if device == "phone":
        page.click(".dxmap-legend-toggle")
    page.select_option(".dxmap-district", label="Bát Xát")
    assert page.evaluate("dxmap.instances[0].anyGaps()") == dict(zip(("villages", "communes"), any_gap_counts(status, "Bát Xát")))
    page.reload()
    page.wait_for_function("window.dxmapReady === true", timeout=30_000)
    assert page.evaluate("dxmap.instances[0].view().tech") == "any"
    # the table (and so the CSV) says which technologies a village lacks
    page.click(".dxmap-tablebar button[aria-controls]")
    lacking = status[status["status"].eq("none") & status["level"].eq("village") & status["district_name"].eq("Bát Xát")]
    both = lacking.groupby("unit_id")["technology"].nunique()
    texts = page.eval_on_selector_all(".dxmap-table tbody tr[data-status='none'] td:nth-child(4)", "els => els.map(e => e.textContent.trim())")
    assert len(texts) == len(both)
    assert sum(t == "Chưa có: Di động, Cáp quang" for t in texts) == int((both == 2).sum())
    assert page.console_errors == []


@pytest.mark.browser
def test_any_gap_tooltip_says_which(offline_page, cmp, cmp_page):
    page = open_map(offline_page, cmp_page)
    page.click(".dxmap-techs label[data-tech='any']")
    status = cmp.now.status
    gaps = status[status["status"].eq("none") & status["level"].eq("village")]
    two = gaps.groupby("unit_id")["technology"].nunique()
    village = two[two == 2].index[0] if (two == 2).any() else two.index[0]
    page.evaluate("""id => { const i = dxmap.instances[0], k = i.index('village', id), p = i.page.model.pts.village;
        i.map.setView([p[2 * k + 1], p[2 * k]], 13, {animate: false}); }""", village)
    point = page.evaluate("id => { const i = dxmap.instances[0]; return i.locate('village', i.index('village', id)); }", village)
    page.mouse.move(point["x"] - 30, point["y"] - 30)
    page.mouse.move(point["x"], point["y"])
    tip = page.locator(".leaflet-tooltip.dxmap-tip")
    tip.wait_for()
    names = {"mobile": "Di động", "fibre": "Cáp quang"}
    missing = ", ".join(names[t] for t in ("mobile", "fibre") if t in set(gaps.loc[gaps["unit_id"].eq(village), "technology"]))
    assert f"Chưa có: {missing}" in tip.inner_text()
    assert page.console_errors == []


@pytest.mark.browser
def test_gaps_with_no_earlier_data_are_counted_and_drawn_apart(offline_page, cmp, demo, tmp_path):
    """A gap now with no record then (a village a district's Q2 sheet lists and its Q1 sheet did not) is "first": its
    own legend row and count, the plain gap marker without the pink "new" ring, and the page counts it as the summary."""
    changes = cmp.changes.copy()
    rows = changes.index[changes["technology"].eq("fibre") & changes["change"].eq("stayed")
                         & changes["district_name"].eq("Bát Xát")][:3]
    changes.loc[rows, ["previous_status", "change"]] = ["unknown", "first"]
    m = gap_map(cmp.now.status, demo.communes, districts=demo.districts, villages=demo.villages, illustrative=True)
    m = change_layer(changes, m=m, before=cmp.before.status)
    page = open_map(offline_page, save_map(m, tmp_path / "first.html"))
    # on the one line (a phone, a folded legend) its count and a word: its marker is the plain gap marker
    assert " ".join(page.text_content(".dxmap-legend-sum [data-change='first']").split()) == "3 mới có số liệu"
    if not page.is_visible(".dxmap-legend-body"):  # a fourth change row may not fit: the legend opens folded
        page.click(".dxmap-legend-toggle")
    summary = change_summary(changes).set_index("technology")
    want = {k: int(summary.loc["fibre", k]) for k in [*CHANGES, "first"]}
    assert want["first"] == 3 and want["new"] == 0
    assert page.evaluate("dxmap.instances[0].changeCounts('fibre')") == want
    assert page.locator(".dxmap-legend tr.dxmap-change-row").count() == 4
    assert page.inner_text(".dxmap-legend tr[data-change='first'] th").strip() == "Chưa có số liệu kỳ trước"
    assert change_cells(page)["fibre"] == want and change_cells(page)["mobile"]["first"] == 0
    ids = page_data(m)["villages"]["id"]
    drawn = """ks => { const P = dxmap.instances[0].page, M = P.model, t = M.techs[P.state.tech];
        return ks.map(k => M.drawnAs(t, k, P.state.show, P.state.showChange)); }"""
    status = page.evaluate("dxmap.DRAW_STATUS")
    assert page.evaluate(drawn, [ids.index(u) for u in changes.loc[rows, "unit_id"]]) == [status] * 3  # no ring
    page.uncheck(".dxmap-legend input[id$='-change-first']")
    assert page.evaluate(drawn, [ids.index(u) for u in changes.loc[rows, "unit_id"]]) == [0] * 3
    page.check(".dxmap-legend input[id$='-change-first']")  # a page that has the kind names it in its link
    page.wait_for_function("/[#&]g=stayed,new,first(&|$)/.test(location.hash)")
    assert page.console_errors == []


@pytest.mark.browser
def test_a_place_with_no_record_then_reads_no_data_for_the_change_not_0(device_page, device, cmp, demo, tmp_path):
    """QA63 4 on the page: where no unit of a district had a record at the earlier date, the summary, CSV and report
    leave still missing, newly missing and fixed empty ("—"); the legend, its one line and the PNG write "–", not 0,
    and count the gaps now as "first"."""
    changes = cmp.changes.copy()
    rows = changes["technology"].eq("fibre") & changes["district_name"].eq("Bát Xát")
    changes.loc[rows, "previous_status"] = "unknown"
    changes.loc[rows, "change"] = changes.loc[rows, "status"].map(lambda s: "first" if s == "none" else "no_gap")
    summary = change_summary(changes, by="district").set_index(["district_name", "technology"])
    assert summary.loc[("Bát Xát", "fibre"), CHANGES].isna().all() and summary.loc[("Bát Xát", "fibre"), "first"] > 0
    m = gap_map(cmp.now.status, demo.communes, districts=demo.districts, villages=demo.villages, illustrative=True)
    page = open_map(device_page, save_map(change_layer(changes, m=m, before=cmp.before.status), tmp_path / "m.html"))
    page.select_option(".dxmap-district", label="Bát Xát")
    first = int(summary.loc[("Bát Xát", "fibre"), "first"])
    assert page.evaluate("dxmap.instances[0].changeCounts('fibre')") == {"stayed": None, "new": None, "fixed": None,
                                                                         "first": first}
    cells = page.eval_on_selector_all(".dxmap-legend td[data-tech='fibre'][data-change]",
                                      "els => els.map(e => [e.dataset.change, e.textContent, e.title])")
    assert {kind: text for kind, text, _ in cells} == {"stayed": "–", "new": "–", "fixed": "–", "first": str(first)}
    assert all("31/3/2024" in title for kind, _, title in cells if kind != "first")
    # the other technologies had records then in Bát Xát: their counts are numbers, as the summary's
    mobile = {kind: text for kind, text in page.eval_on_selector_all(
        ".dxmap-legend td[data-tech='mobile'][data-change]", "els => els.map(e => [e.dataset.change, e.textContent])")}
    assert mobile["stayed"] == str(int(summary.loc[("Bát Xát", "mobile"), "stayed"]))
    # the one line a phone shows: the newly missing of fibre "–"
    assert page.text_content(".dxmap-legend-sum [data-change='new']").strip() == "–"
    legend = page.evaluate("dxmap.instances[0].pngLegend()")
    assert "Vẫn chưa có –" in legend and "Mới chưa có –" in legend and f"Chưa có số liệu kỳ trước {first}" in legend
    # the whole page: Bát Xát's gaps are "first", the other districts' known then
    page.select_option(".dxmap-district", index=0)
    whole = expected(changes)["fibre"]
    assert page.evaluate("dxmap.instances[0].changeCounts('fibre')") == {**whole, "first": first}
    assert page.console_errors == []

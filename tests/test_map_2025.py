"""The gap map in the 2025-07 units: a commune-level technology is counted per former commune (issue 15)."""

from __future__ import annotations

import numpy as np
import pytest

from dxmap.gaps.analysis import analyse
from dxmap.reconcile.versions import crosswalk_summary
from dxmap.render.webmap import _map_data


def _ints(v, n: int) -> np.ndarray:
    """The page's small-integer coding (see webmap._small_ints) read back."""
    if isinstance(v, int):
        return np.zeros(n, dtype=int)
    if isinstance(v, str):
        return np.frombuffer(v.encode("ascii"), dtype=np.uint8).astype(int) - 63
    return np.asarray(v)


@pytest.fixture(scope="module")
def result25(demo):
    return analyse(demo, units="2025-07")


@pytest.fixture(scope="module")
def payload25(result25):
    return _map_data(result25.status, result25.communes)


def test_lan_k_of_n_matches_crosswalk_summary(result25, payload25):
    lan, codes = payload25["status"]["lan"], payload25["communes"]["code"]
    k, n = _ints(lan["k"], len(codes)), _ints(lan["n"], len(codes))
    summary = crosswalk_summary(result25.status)
    summary = summary[summary["technology"].eq("lan")].set_index("code").reindex(codes)
    assert (k == summary["none"].to_numpy()).all()
    assert (n == summary["total"].to_numpy()).all()
    assert n.sum() == 320  # every former commune counted once
    assert (k > 0).sum() == (summary["none"] > 0).sum() > 0
    # a merged commune with a gap: k of n, the former communes named, and its code never guessed from one row
    c = int(np.flatnonzero((k > 0) & (n > 1))[0])
    names = payload25["strings"][_ints(lan["gap"], len(codes))[c]].split(", ")
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
    assert reasons <= set(result25.communes["approximate_reason"].dropna())


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
    assert page.inner_text(".dxmap-headline").startswith("29 trong 320 xã cũ chưa có mạng LAN chuẩn")
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

"""The gap map's page data and HTML: counts, compact encoding, one polygon per map unit, escaping, offline.

The page itself (filter, search, legend, table, print) is tested in a browser in test_map_browser.py.
"""

from __future__ import annotations

import json
import logging
import re

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import dxmap
from dxmap.render._assets import dxmap_js
from dxmap.cli import main
from dxmap.validate.vocab import STATUS_ORDER
from dxmap.render.webmap import (_encode_geometries, _encode_points, _json_for_script, _map_data, _polyline, _xy, gap_map, map_html,
                        new_map, save_map)
from dxmap.errors import ArgumentError, SchemaError
from dxmap.render.simplify import layer_tolerance, simplify_outlines
from dxmap.render.webmap import outlines_to_draw

XSS = "<img src=x onerror=alert(1)>"


def decode(text: str) -> np.ndarray:
    """Python reading of the page's polyline strings: (n, 2) integers."""
    values, i = [], 0
    while i < len(text):
        r = shift = 0
        while True:
            b = ord(text[i]) - 63
            i += 1
            r |= (b & 31) << shift
            shift += 5
            if b < 32:
                break
        values.append(~(r >> 1) if r & 1 else r >> 1)
    return np.cumsum(np.array(values, dtype=np.int64).reshape(-1, 2), axis=0)


def page_data(page: str) -> dict:
    found = re.findall(r'<script type="application/json" id="[^"]+_data">(.*?)</script>', page, re.S)
    assert len(found) == 1
    return json.loads(found[0])


def plain(data: dict) -> dict:
    """The page data as the page reads it (lists of texts may be JSON already in the Python data)."""
    return json.loads(_json_for_script(data))


def status_counts(data: dict, tech: str, keep: np.ndarray | None = None) -> dict[str, int]:
    codes = np.frombuffer(data["status"][tech]["s"].encode("ascii"), dtype=np.uint8) - 48
    if keep is not None:
        codes = codes[keep]
    return {s: int((codes == i).sum()) for i, s in enumerate(STATUS_ORDER)}


@pytest.fixture(scope="module")
def result(demo):
    return dxmap.analyse(demo, as_of="2024-06-30")


@pytest.fixture(scope="module")
def data(result, demo):
    return plain(_map_data(result.status, demo.communes, districts=demo.districts, illustrative=True))


def test_page_counts_equal_the_summary(data, result):
    for tech in ("mobile", "fibre", "lan"):
        assert status_counts(data, tech) == result.summary["gaps"][tech]["statuses"]
    assert [status_counts(data, t)["none"] for t in ("mobile", "fibre", "lan")] == [6, 56, 29]
    assert status_counts(data, "lan")["unknown"] == 1  # unknown is its own status, never folded into none


def test_district_counts_equal_the_district_summary(data, demo):
    bat_xat = data["districts"]["name"].index("Bát Xát")
    commune_district = np.array(data["communes"]["d"])
    village_district = commune_district[np.array(data["villages"]["c"])]
    summary = dxmap.analyse(demo, as_of="2024-06-30", district="082").summary
    assert status_counts(data, "mobile", village_district == bat_xat) == summary["gaps"]["mobile"]["statuses"]
    assert status_counts(data, "fibre", village_district == bat_xat) == summary["gaps"]["fibre"]["statuses"]
    assert status_counts(data, "lan", commune_district == bat_xat) == summary["gaps"]["lan"]["statuses"]
    assert [summary["gaps"][t]["count"] for t in ("mobile", "fibre", "lan")] == [3, 17, 6]


def test_shared_polygon_is_drawn_once(data, demo):
    assert len(data["communes"]["code"]) == 152
    assert len(data["units"]["geom"]) == demo.communes["map_unit"].nunique() == 145
    sapa = [data["communes"]["u"][data["communes"]["code"].index(c)] for c in ("03001", "03002", "03028")]
    assert len(set(sapa)) == 1
    assert data["units"]["n"][sapa[0]] == 8
    assert sorted(data["units"]["n"]).count(1) == 144


def test_villages_are_all_there_once(data, demo):
    assert len(data["villages"]["name"]) == len(demo.villages) == 1554
    assert len(data["status"]["fibre"]["s"]) == 1554
    assert len(data["status"]["lan"]["s"]) == 152
    xy = decode(data["villages"]["pt"]) / data["scale"]
    first = demo.villages.set_index("village_id").loc[data["villages"]["id"][0]]
    assert xy.shape == (1554, 2)
    assert np.allclose(xy[0], [first.geometry.x, first.geometry.y], atol=1e-5)


def test_polyline_round_trip():
    rng = np.random.default_rng(7)
    q = rng.integers(-18_000_000, 18_000_000, size=(500, 2))
    q[::4] //= 997  # small and large values, both signs
    lengths = np.array([0, 1, 2, 497, 0])
    pos = 0
    for text, n in zip(_polyline(q, lengths), lengths):
        got = decode(text) if n else np.zeros((0, 2), dtype=np.int64)
        assert (got == q[pos:pos + n]).all()
        pos += n
    assert _polyline(np.zeros((0, 2), dtype=np.int64), np.array([0, 0])) == ["", ""]


def test_polygons_keep_their_shape_to_a_metre(data, demo):
    unit = data["communes"]["u"][data["communes"]["code"].index("02692")]
    geom = demo.communes.loc[demo.communes["code"].eq("02692"), "geometry"].iloc[0]
    rings = [r for poly in data["units"]["geom"][unit] for r in poly]
    assert len(rings) == len(shapely.get_rings(shapely.get_parts(geom)))
    drawn = shapely.Polygon(decode(rings[0]) / data["scale"])
    assert shapely.hausdorff_distance(drawn.exterior, shapely.get_parts(geom)[0].exterior) < 2e-5
    assert all(poly is not None for poly in data["districts"]["geom"])


def test_page_is_self_contained(result, demo):
    page = map_html(gap_map(result.status, demo.communes, districts=demo.districts, illustrative=True))
    assert not re.search(r'<(?:script|img|iframe)[^>]+src\s*=\s*["\']?https?:', page)
    assert not re.search(r'<link[^>]+href\s*=\s*["\']?https?:', page)
    assert "url(http" not in page and "@import" not in page
    assert page.count("<style>") >= 2 and 'rel="icon" href="data:,"' in page
    data = page_data(page)
    assert data["basemap"] is False  # the only network resource starts switched off
    assert data["tiles"]["url"].startswith("https://tile.openstreetmap.org/")
    assert len(page.encode("utf-8")) < 600_000  # Leaflet (~165 kB) and the data once, no GeoJSON per feature


def test_title_states_the_province_the_date_and_that_the_data_is_illustrative(data, result):
    assert data["asOf"] == "2024-06-30"
    assert data["title"] == "Hạ tầng số còn thiếu — Lào Cai, số liệu đến ngày 30/6/2024"  # the province from the data
    assert data["titleDate"] == "số liệu đến ngày 30/6/2024" and data["title"].endswith(data["titleDate"])
    assert data["illustrative"] is True
    assert data["L"]["illustrative"].startswith("DỮ LIỆU MINH HỌA")


def test_english_labels(result, demo):
    en = _map_data(result.status, demo.communes, districts=demo.districts, lang="en")
    assert en["L"]["legend"] == "Legend" and en["L"]["none"] == "Missing"  # not "None", which pandas reads as no value
    assert en["title"] == "Missing digital infrastructure — Lào Cai, data as of 2024-06-30"  # ISO in English
    assert en["illustrative"] is False
    assert "ty" not in en["communes"]  # unit types ("Phường") are for Vietnamese cards only


def test_cards_get_each_communes_unit_type_from_the_layer(data, result, demo):
    from tests.conftest import page_ints

    types = [data["strings"][i] for i in page_ints(data["communes"]["ty"], len(data["communes"]["code"]))]
    assert dict(zip(data["communes"]["code"], types))["02635"] == "Phường"  # Duyên Hải
    assert types == demo.communes.set_index("code").loc[data["communes"]["code"], "unit_type"].tolist()
    without = _map_data(result.status, demo.communes.drop(columns="unit_type"), districts=demo.districts)
    assert "ty" not in without["communes"]  # the cards then say "Xã/phường"


def test_user_text_is_escaped(result, demo):
    status = result.status.copy()
    row = status.index[status["technology"].eq("fibre") & status["status"].eq("none")][0]
    status.loc[status["unit_id"].eq(status.loc[row, "unit_id"]), "name"] = XSS  # a village's name, in all its rows
    status.loc[row, "note"] = "</script><script>window.__xss = 1</script>"
    status.loc[row, "source"] = '"><svg onload=alert(2)>&amp;'
    communes = demo.communes.copy()
    communes.loc[communes["code"].eq(status.loc[row, "commune_code"]), "name"] = "<b>bold</b> & co"
    page = map_html(gap_map(status, communes, districts=demo.districts, title="<i>T</i> & co"))
    assert "<img src=x" not in page and "<svg onload" not in page and "<b>bold</b>" not in page
    assert "</script><script>window.__xss" not in page
    assert "<title>&lt;i&gt;T&lt;/i&gt; &amp; co</title>" in page
    data = page_data(page)  # the texts arrive intact, to be shown as text
    assert XSS in data["villages"]["name"]
    assert "</script><script>window.__xss = 1</script>" in data["strings"]
    assert '"><svg onload=alert(2)>&amp;' in data["strings"]
    assert "<b>bold</b> & co" in data["communes"]["name"]
    assert data["title"] == "<i>T</i> & co" and data["titleDate"] == ""  # the page adds a date line


def test_json_for_script_escapes_markup():
    text = _json_for_script({"a": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


def test_draws_onto_an_existing_map(result, demo):
    m = folium.Map(tiles=None)
    out = gap_map(result.status, demo.communes, districts=demo.districts, m=m)
    assert out is m
    page = map_html(m)
    assert f"dxmap.render({m.get_name()}, " in page
    assert page_data(page)["basemap"] is None  # the user's map brings its own tiles; no second basemap switch


def test_a_plain_folium_map_s_network_assets_are_said_once_when_saved(result, demo, tmp_path, caplog):
    """QA44: notebook 02's plain folium.Map said its 8 network assets twice, when saved and when shown; its view in a
    notebook is online beside the saved page, so only saving says it (and dxmap's own map says nothing)."""
    m = gap_map(result.status, demo.communes, m=folium.Map(location=[22.5, 104.0], zoom_start=9))
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        dxmap.save_map(m, tmp_path / "mine.html")
        m._repr_html_()
        dxmap.save_map(gap_map(result.status, demo.communes), tmp_path / "ours.html")
    said = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(said) == 1 and said[0].startswith("the map still loads 8 assets from the network: "), said


def test_basemap_can_start_on(result, demo):
    page = map_html(gap_map(result.status, demo.communes, basemap=True))
    assert page_data(page)["basemap"] is True
    assert 'L.tileLayer(\n                "https://tile.openstreetmap.org' in map_html(new_map(basemap=True))


def test_without_district_layer_outlines_are_dissolved(result, demo):
    data = _map_data(result.status, demo.communes)
    assert len(data["districts"]["geom"]) == 9
    assert all(g for g in data["districts"]["geom"])


def test_one_district(demo):
    status = dxmap.analyse(demo, as_of="2024-06-30", district="bat xat").status
    data = _map_data(status, demo.communes, districts=demo.districts)
    assert data["districts"]["name"] == ["Bát Xát"]
    assert len(data["communes"]["code"]) == 21
    assert status_counts(data, "fibre")["none"] == 17


def test_a_map_of_one_district_names_it_in_its_title(demo):
    """As the report's title does ("Báo cáo … — Huyện Bát Xát"): the page title and the HTML <title>, vi and en.
    QA39 L7: in Vietnamese by the district's full name, as the legend names it (a town Bát Xát is in the district);
    in English as its name (QA43: "Huyện Bát Xát" over a legend of "District Bát Xát")."""
    bx = dxmap.analyse(demo, as_of="2024-06-30", district="bat xat")
    for lang, title in (("vi", "Hạ tầng số còn thiếu — Huyện Bát Xát, số liệu đến ngày 30/6/2024"),
                        ("en", "Missing digital infrastructure — Bát Xát, data as of 2024-06-30")):
        page = map_html(gap_map(bx.status, demo.communes, districts=demo.districts, district=bx.district, lang=lang))
        assert page_data(page)["title"] == title
        assert f"<title>{title}</title>" in page
        assert page_data(page)["district"] == "082"
    # the one district shown is named without being told; the report's words for the place
    assert _map_data(bx.status, demo.communes)["title"] == "Hạ tầng số còn thiếu — Huyện Bát Xát, số liệu đến ngày 30/6/2024"
    assert dxmap.build_report(demo, district="bat xat").title == "Báo cáo hạ tầng số còn thiếu — Huyện Bát Xát"


def test_district_is_named_by_code_name_or_the_analysis_pair(result, demo):
    for district in (("082", "Bát Xát"), "082", "bat xat", "BÁT XÁT"):
        data = _map_data(result.status, demo.communes, district=district, lang="en")
        assert data["district"] == "082"
        assert data["title"] == "Missing digital infrastructure — Bát Xát, data as of 2024-06-30"
    assert "district" not in _map_data(result.status, demo.communes)
    with pytest.raises(SchemaError, match=r"district='Hà Nội' is none of the map's 9 district\(s\): .*Bát Xát \(082\)"):
        _map_data(result.status, demo.communes, district="Hà Nội")


def _read_back(table: gpd.GeoDataFrame, path) -> gpd.GeoDataFrame:
    """``table`` written to CSV and read back as a notebook user would: every column text, geometry from WKT."""
    table.to_csv(path, index=False)
    back = pd.read_csv(path, dtype=str)
    return gpd.GeoDataFrame(back.drop(columns="geometry"), geometry=gpd.GeoSeries.from_wkt(back["geometry"]), crs=table.crs)


def test_a_status_table_read_back_from_csv_maps_as_the_original(result, demo, data, tmp_path):
    from dxmap.render.change_layer import change_layer

    back = _read_back(result.status, tmp_path / "status.csv")
    assert not pd.api.types.is_datetime64_any_dtype(back["status_date"])  # text, as read
    again = plain(_map_data(back, demo.communes, districts=demo.districts, illustrative=True))
    assert again["dates"] == data["dates"] and again["status"] == data["status"]
    # day-first text, as dxmap reads dates; an empty cell is no date
    dmy = back.assign(status_date=back["status_date"].str.replace(r"(\d{4})-(\d{2})-(\d{2})", r"\3/\2/\1", regex=True))
    assert plain(_map_data(dmy, demo.communes))["dates"] == data["dates"]
    cmp = dxmap.compare(demo, as_of="2024-06-30", compare_to="2024-03-31")
    changes = _read_back(cmp.changes, tmp_path / "changes.csv")
    m = change_layer(changes)  # a map of the change alone: gap_map of the change table
    assert dxmap.render.webmap.page_data(m)["change"]["since"] == "2024-03-31"
    assert "2024-06-30" in dxmap.render.webmap.page_data(m)["dates"]
    bad = back.copy()
    bad.loc[bad.index[:3], "status_date"] = ["soon", "31/02/2024", "soon"]
    with pytest.raises(SchemaError, match=r"status_date column holds 2 value\(s\) that are not dates: 'soon', '31/02/2024'"):
        gap_map(bad, demo.communes)


def test_compact_encodings(data):
    fibre = data["status"]["fibre"]
    assert isinstance(fibre["s"], str) and set(fibre["s"]) <= set("01234-")
    # dates and texts are indices into short lists, sent as one character each
    assert isinstance(fibre["t"], str) and {ord(c) - 63 for c in fibre["t"]} <= set(range(len(data["dates"])))
    assert data["dates"][0] == "" and "2024-06-30" in data["dates"]
    assert data["strings"][0] == ""


def test_precision_is_checked(result, demo):
    with pytest.raises(SchemaError, match="precision"):
        gap_map(result.status, demo.communes, precision=9)


def test_save_map_writes_atomically(result, demo, tmp_path):
    path = save_map(gap_map(result.status, demo.communes), tmp_path / "out" / "map.html")
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in path.parent.iterdir()] == ["map.html"]


@pytest.fixture
def keep_logging():
    """The CLI configures the "dxmap" logger; put it back for the tests that follow."""
    logger = logging.getLogger("dxmap")
    saved = (logger.handlers[:], logger.level, logger.propagate)
    yield
    logger.handlers[:], logger.level, logger.propagate = saved


def test_cli_basemap_option(tmp_path, keep_logging):
    out = tmp_path / "m.html"
    res = CliRunner().invoke(main, ["map", "--demo", "--district", "082", "--lang", "en", "--basemap", "--out", str(out), "-q"])
    assert res.exit_code == 0, res.output
    data = page_data(out.read_text(encoding="utf-8"))
    assert data["basemap"] is True and data["lang"] == "en"
    assert data["districts"]["name"] == ["Bát Xát"]
    assert pd.Series(list(data["status"]["mobile"]["s"])).eq("0").sum() == 3


def _vertices(data: dict, scale_key: str = "units") -> int:
    return sum(len(decode(r)) for poly in data[scale_key]["geom"] if poly for part in poly for r in part)


def test_province_is_drawn_unsimplified_by_default(data):
    assert data["simplified"] == 0  # the demo's 7k vertices are far below SIMPLIFY_ABOVE


def test_simplify_true_uses_the_visible_tolerance_and_changes_only_the_outlines(result, demo, data):
    simple = plain(_map_data(result.status, demo.communes, districts=demo.districts, illustrative=True, simplify=True))
    assert simple["simplified"] == 21  # Lào Cai fits at zoom 9.75: ~21 m (see visible_tolerance)
    assert _vertices(simple) < 0.9 * _vertices(data)
    assert _vertices(simple, "districts") < _vertices(data, "districts")
    # Counts, names, label points and district boxes come from the polygons given.
    assert simple["status"] == data["status"] and simple["communes"] == data["communes"]
    assert simple["units"]["pt"] == data["units"]["pt"] and simple["units"]["n"] == data["units"]["n"]
    assert simple["districts"]["bbox"] == data["districts"]["bbox"]
    assert {k: v for k, v in simple.items() if k not in ("units", "districts", "simplified")} == \
        {k: v for k, v in data.items() if k not in ("units", "districts", "simplified")}


def test_simplify_auto_above_the_threshold_and_a_given_tolerance(result, demo, monkeypatch, data):
    monkeypatch.setattr(dxmap.render.webmap, "SIMPLIFY_ABOVE", 1000)
    auto = _map_data(result.status, demo.communes, districts=demo.districts)
    assert auto["simplified"] == 21
    coarse = _map_data(result.status, demo.communes, simplify=150.0)
    assert coarse["simplified"] == 150
    assert _vertices(coarse) < _vertices(auto)
    for off in (False, 0, -5.0):
        drawn = _map_data(result.status, demo.communes, districts=demo.districts, simplify=off)
        assert drawn["simplified"] == 0 and _vertices(drawn) == _vertices(data)


def test_outlines_to_draw(demo):
    communes, districts = demo.communes, demo.districts
    same = outlines_to_draw(communes, districts)  # 7k vertices: drawn as they are
    assert same[0] is communes and same[1] is districts and same[2] == 0.0
    tol, info = layer_tolerance(communes)
    assert tol == pytest.approx(21, abs=0.5) and info["fit_zoom"] == 9.75
    drawn, drawn_districts, used = outlines_to_draw(communes, districts, True)
    assert used == tol
    assert drawn.geom_equals_exact(simplify_outlines(communes, tolerance=tol), tolerance=0).all()
    assert drawn_districts["code"].tolist() == districts["code"].tolist()
    # Only the districts of the communes shown.
    bat_xat = communes[communes["district_code"].eq("082")]
    _, one, used = outlines_to_draw(bat_xat, districts, 150)
    assert used == 150.0 and one["code"].tolist() == ["082"]
    assert _vertices_of(one) < _vertices_of(districts[districts["code"].eq("082")])
    assert outlines_to_draw(communes, None, 150)[1] is None


def _vertices_of(gdf: gpd.GeoDataFrame) -> int:
    return int(shapely.get_num_coordinates(gdf.geometry.values).sum())


def test_districts_are_dissolved_from_outlines_that_cross_themselves(result, demo):
    # A commune drawn as a figure eight (invalid; simplified outlines can be too): the dissolve repairs it first.
    communes = demo.communes.copy()
    row = communes.index[communes["code"].eq("02692")][0]
    (x0, y0, x1, y1), t = communes.geometry[row].bounds, np.linspace(0, 2 * np.pi, 200, endpoint=False)
    eight = shapely.Polygon(np.column_stack([(x0 + x1) / 2 + (x1 - x0) * np.sin(t), (y0 + y1) / 2 + (y1 - y0) * np.sin(2 * t)]))
    communes.loc[row, "geometry"] = eight
    assert not eight.is_valid
    data = _map_data(result.status, communes)
    assert len(data["districts"]["geom"]) == 9 and all(data["districts"]["geom"])


def test_page_states_the_tolerance(result, demo):
    for lang, words in (("en", "Boundaries simplified to ~{m} m"), ("vi", "Ranh giới đã đơn giản hóa ~{m} m")):
        page = map_html(gap_map(result.status, demo.communes, simplify=True, lang=lang))
        found = page_data(page)
        assert found["simplified"] == 21 and found["L"]["map_simplified"] == words
    assert "dxmap-simplified" in dxmap_js()


def test_cli_simplify_option(tmp_path, keep_logging, result, demo):
    out = tmp_path / "m.html"
    for value, expected in (("on", 21), ("100", 100), ("off", 0), ("auto", 0)):
        res = CliRunner().invoke(main, ["map", "--demo", "--simplify", value, "--out", str(out), "-q"])
        assert res.exit_code == 0, res.output
        assert page_data(out.read_text(encoding="utf-8"))["simplified"] == expected
    for bad in ("lots", "-5", "0", "nan"):  # QA60 22: -5 was taken without a word
        res = CliRunner().invoke(main, ["map", "--demo", "--simplify", bad, "--out", str(out), "-q"])
        assert res.exit_code == 2 and "auto, on, off" in res.output, bad
    with pytest.raises(ArgumentError, match=r"simplify=-5: .*above 0"):
        gap_map(result.status, demo.communes, simplify=-5)


def test_geometries_encode_part_by_part_with_gaps():
    square = shapely.box(0, 0, 1, 1)
    holed = shapely.Polygon([(2, 2), (6, 2), (6, 6), (2, 6)], [[(3, 3), (4, 3), (4, 4), (3, 4)]])
    multi = shapely.MultiPolygon([square, holed])
    geoms = gpd.GeoSeries([square, None, shapely.Polygon(), multi, holed])
    out = _encode_geometries(geoms, 1)
    assert out[1] is None and out[2] == ()
    assert [len(p) for p in out[3]] == [1, 2] and [len(p) for p in out[4]] == [2]
    assert (decode(out[0][0][0]) == shapely.get_coordinates(square.exterior)[:-1]).all()  # closing vertex dropped
    assert out[3][1] == out[4][0]  # the same polygon, the same strings
    assert (decode(out[4][0][1]) == [[3, 3], [4, 3], [4, 4], [3, 4]]).all()  # the hole, as given
    # (Multi)polygons are read as ragged arrays; anything else part by part, ring by ring: the same strings.
    mixed = _encode_geometries(gpd.GeoSeries([*geoms, shapely.GeometryCollection([holed])]), 1)
    assert mixed[:5] == out and mixed[5] == out[4]


def test_points_missing_or_empty_take_their_fallback():
    pts = np.array([shapely.Point(1, 2), None, shapely.Point(), shapely.Point(3, 4)])
    fallback = np.array([[0.0, 0.0], [5.0, 10.0], [6.0, 11.0], [0.0, 0.0]])
    assert (decode(_encode_points(_xy(pts, fallback=fallback), 10)) == [[10, 20], [50, 100], [60, 110], [30, 40]]).all()
    assert np.isnan(_xy(pts)[1:3]).all() and (_xy(pts[[0, 3]]) == [[1, 2], [3, 4]]).all()
    with pytest.raises(ValueError, match="points"):
        _xy(np.array([shapely.box(0, 0, 1, 1)]))


def test_a_commune_without_a_shape_is_still_listed_and_placed_in_its_district(result, demo):
    communes = demo.communes.copy()
    row = communes.index[communes["code"].eq("02692")][0]
    communes.loc[row, "geometry"] = shapely.Polygon()
    data = plain(_map_data(result.status, communes, districts=demo.districts))
    i = data["communes"]["code"].index("02692")
    assert data["units"]["geom"][data["communes"]["u"][i]] == []
    d = data["districts"]["bbox"][data["communes"]["d"][i]]
    x, y = decode(data["communes"]["pt"])[i]
    assert abs(x - (d[0] + d[2]) / 2) <= 1 and abs(y - (d[1] + d[3]) / 2) <= 1  # at its district's box centre
    assert status_counts(data, "lan") == result.summary["gaps"]["lan"]["statuses"]


def test_village_polygons_are_marked_inside_themselves(demo):
    villages = demo.villages.copy()
    xy = shapely.get_coordinates(villages.geometry.values)
    # thin L shapes: their centroid lies outside, a representative point inside
    villages["geometry"] = [shapely.Polygon([(x, y), (x + 0.002, y), (x + 0.002, y + 0.0002), (x + 0.0002, y + 0.0002),
                                             (x + 0.0002, y + 0.002), (x, y + 0.002)]) for x, y in xy]
    status = dxmap.unit_status(demo.outcomes, demo.communes, villages, as_of="2024-06-30")
    data = plain(_map_data(status, demo.communes))
    pts = shapely.points(decode(data["villages"]["pt"]) / data["scale"])
    by_id = villages.set_index("village_id").geometry
    shapes = by_id.loc[data["villages"]["id"]].values
    assert shapely.contains(shapes, pts).all()
    assert len(pts) == 1554


_LEAF = st.one_of(st.text(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.none(), st.booleans())
_TREE = st.recursive(_LEAF, lambda c: st.one_of(st.lists(c, max_size=4), st.tuples(c, c),
                                               st.dictionaries(st.text(max_size=5), c, max_size=4)), max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=5), _TREE, max_size=5))
def test_json_for_script_is_json_dumps_escaped(data):
    whole = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for ch, esc in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        whole = whole.replace(ch, esc)
    assert _json_for_script(data) == whole


def test_title_names_every_province_shown_or_none(result, demo):
    two = demo.communes.assign(province_name=demo.communes["province_name"].where(
        ~demo.communes["district_name"].eq("Bát Xát"), "Yên Bái"))
    assert _map_data(result.status, two, lang="en")["title"].startswith("Missing digital infrastructure — Lào Cai + Yên Bái, data")
    bare = _map_data(result.status, demo.communes.drop(columns="province_name"), lang="en")
    assert bare["title"] == "Missing digital infrastructure — data as of 2024-06-30"
    # the official list writes "Tỉnh Lào Cai" (the bundled 2025-07 layer), the 2024 layer "Lào Cai": one province
    mixed = demo.communes.assign(province_name=demo.communes["province_name"].where(
        ~demo.communes["district_name"].eq("Bát Xát"), "Tỉnh Lào Cai"))
    assert _map_data(result.status, mixed, lang="en")["title"].startswith("Missing digital infrastructure — Lào Cai, data")


def test_village_population_goes_into_the_payload(result, demo):
    data = _map_data(result.status, demo.communes, districts=demo.districts, villages=demo.villages)
    pop = data["villages"]["pop"]
    expected = demo.villages.set_index("village_id")["population"]
    assert len(pop) == len(data["villages"]["id"]) == 1554
    assert pop == [int(expected[v]) for v in data["villages"]["id"]]
    assert "pop" not in _map_data(result.status, demo.communes)["villages"]  # no village layer: no people
    unknown = demo.villages.assign(population=demo.villages["population"].astype(object))
    unknown.loc[unknown.index[:3], "population"] = [None, "n/a", -5]
    pop = _map_data(result.status, demo.communes, villages=unknown)["villages"]["pop"]
    assert sum(v is None for v in pop) == 3 and all(isinstance(v, int) for v in pop if v is not None)


# A commune layer with blank district names (as_communes accepts it): pandas 3's astype(str) keeps a missing value
# NaN, which used to stop the map ("normalize() argument 2 must be str, not float") or its JSON ("Out of range float").

def _blanked(communes: gpd.GeoDataFrame, rows, **values) -> gpd.GeoDataFrame:
    out = communes.copy()
    for col, value in values.items():
        out.loc[rows, col] = value
    return out


def test_a_commune_without_its_district_name_stays_in_its_district(result, demo, data, tmp_path):
    communes = _blanked(demo.communes, demo.communes.index[:1], district_name=None)
    assert communes["district_name"].isna().sum() == 1
    got = plain(_map_data(result.status, communes, districts=demo.districts, illustrative=True))
    # the name the other communes of that district give: the page is the one of the complete layer
    assert got["districts"] == data["districts"] and got["communes"]["d"] == data["communes"]["d"]
    page = page_data(save_map(gap_map(result.status, communes), tmp_path / "m.html").read_text(encoding="utf-8"))
    assert len(page["districts"]["name"]) == 9


def test_districts_without_any_name_or_code_get_the_pages_placeholder(result, demo, data):
    bat_xat = demo.communes["district_code"].eq("082")
    nameless = _blanked(demo.communes, bat_xat, district_name=None)
    got = plain(_map_data(result.status, nameless))
    named = dict(zip(got["districts"]["code"], got["districts"]["name"]))
    assert named["082"] == "–" and named == {**dict(zip(data["districts"]["code"], data["districts"]["name"])), "082": "–"}
    assert got["districts"]["name"][-1] == "–"  # sorted last
    # a commune without a district at all: its own group, code "" and the placeholder, never NaN
    first = demo.communes.index[:1]
    homeless = _blanked(demo.communes, first, district_code=None, district_name=None)
    got = plain(_map_data(result.status, homeless))
    assert len(got["districts"]["code"]) == 10
    d = got["communes"]["d"][0]
    assert got["districts"]["code"][d] == "" and got["districts"]["name"][d] == "–"
    assert sum(1 for x in got["communes"]["d"] if x == d) == 1


def test_a_commune_without_a_name_reaches_the_page_as_empty_text(result, demo, tmp_path):
    communes = _blanked(demo.communes, demo.communes.index[:1], name=None)
    m = gap_map(result.status, communes, villages=demo.villages)
    page = page_data(save_map(m, tmp_path / "m.html").read_text(encoding="utf-8"))
    code = demo.communes["code"].iloc[0]
    assert page["communes"]["name"][page["communes"]["code"].index(code)] == ""  # as a village without a name
    assert all(isinstance(n, str) for n in page["communes"]["name"]) and page["communes"]["name"].count("") == 1
    assert "srcdoc=" in m._repr_html_()  # the notebook display writes the same page


def test_a_city_named_as_its_province_is_called_by_its_full_name_in_titles():
    """Yên Bái QA: the city of Yên Bái's map and report had the province's title."""
    from dxmap.io.bundled import data_dir
    from dxmap.render.webmap import _default_title, district_place

    communes = dxmap.as_communes(dxmap.read_boundaries(data_dir() / "boundaries" / "yenbai_communes_2025-01_derived.geojson"))
    city = communes[communes["district_name"].eq("Yên Bái")]
    assert district_place("Yên Bái", "vi", communes=communes) == "Thành phố Yên Bái"
    assert district_place("Văn Chấn", "vi", communes=communes) == "Huyện Văn Chấn"
    assert district_place("Yên Bái", "en", communes=communes) == "Thành phố Yên Bái"
    assert district_place("Văn Chấn", "en", communes=communes) == "Văn Chấn"
    no_kind = communes.drop(columns="district_full_name")  # QA43: "Huyện Thị xã Sa Pa", "Huyện Sa Pa" for a town
    assert district_place("Nghĩa Lộ", "vi", communes=no_kind) == "Nghĩa Lộ"
    assert _default_title(city, "2025-06-30", "vi") == "Hạ tầng số còn thiếu — Thành phố Yên Bái, số liệu đến ngày 30/6/2025"
    assert _default_title(communes, "2025-06-30", "vi") == "Hạ tầng số còn thiếu — Yên Bái, số liệu đến ngày 30/6/2025"


@pytest.mark.parametrize("with_districts", [True, False])
def test_villages_of_a_commune_not_in_the_layer_are_logged_with_what_the_page_does(caplog, with_districts):
    """QA28 L6: a page without districts said the villages show "under all districts only"; it has no district list."""
    demo = dxmap.demo_dataset()
    result = dxmap.analyse(demo, as_of="2024-06-30", district="bat xat")
    communes = result.communes[result.communes["district_code"].eq("082") & result.communes["code"].ne("02692")]
    status = result.status
    if not with_districts:
        blank = {"district_code": None, "district_name": None}
        communes, status = communes.assign(**blank), status.assign(**blank)
    orphans = status.loc[status["level"].eq("village") & status["commune_code"].eq("02692"), "unit_id"].nunique()
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        gap_map(status, communes, villages=demo.villages, lang="en")
    said = f"map: {orphans} villages whose commune is not in the commune layer"
    expected = said + "; shown under all districts only" if with_districts else said
    assert orphans > 1 and expected in [r.getMessage() for r in caplog.records]

"""The printable report: numbers with shares and people, tables, a source-and-method block, images
that are not blank, one layout (the PDF is the HTML page printed by WeasyPrint) whose pages are not
half empty, XLSX/CSV through the spreadsheet writers, hostile text, the folder swap, and the CLI."""

from __future__ import annotations

import dataclasses
import io
import itertools
import re
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from click.testing import CliRunner

from dxmap.cli import main
from dxmap.errors import DxmapError, OutputFileError
from dxmap.render import report as report_module
from dxmap.render.report import TEMPLATES, build_report, report_html, report_pdf, report_tables, write_report

MINUS = "\u2212"
HEADLINE = [f"6 ({MINUS}4)", f"56 ({MINUS}144)", f"29 ({MINUS}4)"]
PT_PER_MM = 72 / 25.4


@pytest.fixture(scope="module")
def report(demo):
    return build_report(demo)


@pytest.fixture(scope="module")
def files(report, tmp_path_factory):
    return write_report(report, tmp_path_factory.mktemp("report") / "out")


@pytest.fixture(scope="module")
def pdf(files):
    from pypdf import PdfReader

    return PdfReader(files["pdf"])


@pytest.fixture(scope="module")
def gap_people(demo):
    """People in the demo's gap villages per technology, computed here from the layers themselves."""
    from dxmap.gaps.change import compare

    changes = compare(demo).changes
    pop = demo.villages.drop_duplicates("village_id").set_index("village_id")["population"]
    gaps = changes[changes["status"].eq("none") & changes["level"].eq("village")]
    return {t: int(pop.reindex(g["unit_id"]).sum()) for t, g in gaps.groupby("technology")}


def _png_stats(path: Path) -> tuple[tuple[int, int], int, float]:
    from PIL import Image

    im = Image.open(path).convert("RGB")
    colours = im.getcolors(maxcolors=1 << 20) or []
    white = sum(n for n, c in colours if min(c) >= 250)
    return im.size, len(colours), 1 - white / (im.size[0] * im.size[1])


def _has_colour(path: Path, hex_colour: str, tolerance: int = 12, at_least: int = 20) -> bool:
    from PIL import Image

    im = Image.open(path).convert("RGB")
    want = tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    near = sum(n for n, c in im.getcolors(maxcolors=1 << 20)
               if all(abs(a - b) <= tolerance for a, b in zip(c, want)))
    return near >= at_least


def _page_fill(page) -> float:
    """How far down the page body text reaches, as a share of the body height (running header and
    footer left out). A page whose last line is in its top half is a half-empty page."""
    height = float(page.mediabox.height)
    top, bottom = height - 13 * PT_PER_MM, 15 * PT_PER_MM  # the @page margins of report.css
    ys: list[float] = []

    def visit(text, cm, tm, font, size):  # noqa: ANN001 (pypdf's callback)
        y = cm[5] + tm[5] * cm[3] + tm[4] * cm[1]
        if text.strip() and bottom < y < top:
            ys.append(y)

    page.extract_text(visitor_text=visit)
    return (top - min(ys)) / (top - bottom) if ys else 0.0


# ---------------------------------------------------------------------------------------------------- numbers

def test_headline_numbers_shares_and_people(report, gap_people):
    assert report.as_of == "2024-06-30" and report.compare_to == "2024-03-31"  # the previous snapshot by default
    assert [h["figure"] for h in report.headline] == HEADLINE
    assert report.illustrative is True
    assert [(h["count"], h["total"], h["share"]) for h in report.headline] == [(6, 1554, 0.4), (56, 1554, 3.6),
                                                                               (29, 152, 19.1)]
    # one village and one commune have no record: said beside the share, which is of all units
    assert [h["of"] for h in report.headline] == ["6 trong 1.554 thôn/bản (0,4%) · chưa có số liệu cho 1 thôn/bản",
                                                  "56 trong 1.554 thôn/bản (3,6%) · chưa có số liệu cho 1 thôn/bản",
                                                  "29 trong 152 xã/phường (19,1%) · chưa có số liệu cho 1 xã/phường"]
    mobile, fibre, lan = report.headline
    assert mobile["people"] == gap_people["mobile"] and fibre["people"] == gap_people["fibre"]
    assert lan["people"] is None and lan["people_text"] == ""  # LAN is counted per commune: no village population
    assert fibre["people_text"] == "~" + f"{round(gap_people['fibre'], -2):,}".replace(",", ".") + " người"
    assert report.sentences[0] == "4 thôn/bản đã có băng rộng di động từ sau 31/3/2024 (quý II/2024)"

    head = report.tables["headline"]
    assert list(head.columns) == ["Hạ tầng", "Cấp", "Chưa có (30/6/2024)", "Số đơn vị", "Tỷ lệ (%)", "Số dân",
                                  "Chưa rõ", "Chưa có (31/3/2024)", "Thay đổi", "Đã có thêm", "Mới chưa có",
                                  "Vẫn chưa có"]
    assert head["Chưa có (30/6/2024)"].tolist() == [6, 56, 29]
    assert head["Số đơn vị"].tolist() == [1554, 1554, 152]
    assert head["Tỷ lệ (%)"].tolist() == [0.4, 3.6, 19.1]
    assert head["Số dân"].tolist()[:2] == [gap_people["mobile"], gap_people["fibre"]] and pd.isna(head["Số dân"][2])
    assert head["Chưa rõ"].tolist() == [1, 1, 1]  # shown apart, never counted as "none"
    assert head["Chưa có (31/3/2024)"].tolist() == [10, 200, 33]
    assert head["Thay đổi"].tolist() == [-4, -144, -4]


def test_a_headline_of_no_gap_says_so_in_words(demo, no_maps):
    """QA59 11: a district with no gap left read "0 thôn/bản vẫn chưa có" and "~0 người"."""
    vi = build_report(demo, district="Bảo Thắng", compare_to="2024-03-31")
    assert [h["count"] for h in vi.headline][:2] == [0, 0]
    # QA63 6: one of Bảo Thắng's 164 villages has no mobile record: "none left" is said of those with data
    assert [h["text"] for h in vi.headline][:2] == [
        "Trong 163 thôn/bản có số liệu, không còn đơn vị nào chưa có băng rộng di động",
        "Không còn thôn/bản nào chưa có cáp quang (FTTH)"]
    assert [h["people_text"] for h in vi.headline][:2] == ["", ""] and vi.headline[0]["people"] == 0
    assert vi.headline[2]["text"] == "1 xã/phường vẫn chưa có mạng LAN chuẩn"
    en = build_report(demo, district="Bảo Thắng", compare_to="2024-03-31", lang="en")
    assert en.headline[1]["text"] == "No village left without fibre (FTTH)"
    first = build_report(demo, district="Bảo Thắng", as_of="2024-03-31", lang="en")  # the first round: no comparison
    assert first.compare_to is None and first.headline[0]["text"] == "No village without mobile broadband"
    assert first.headline[1]["text"] == "8 villages without fibre (FTTH)"


def test_english_shares_and_iso_dates(demo, no_maps):
    rep = build_report(demo, lang="en", district="bat xat")
    n = int(demo.villages["district_name"].eq("Bát Xát").sum())
    assert [h["of"] for h in rep.headline][0] == f"3 of {n} villages ({100 * 3 / n:.1f}%)"
    assert rep.headline[1]["people_text"].startswith("~") and rep.headline[1]["people_text"].endswith(" people")
    assert "Without (2024-06-30)" in rep.tables["headline"].columns  # English keeps ISO dates
    whole = build_report(demo, lang="en")
    assert [h["of"] for h in whole.headline] == ["6 of 1,554 villages (0.4%) · no data for 1 village",
                                                 "56 of 1,554 villages (3.6%) · no data for 1 village",
                                                 "29 of 152 communes (19.1%) · no data for 1 commune"]
    # the gap list's district headings count in English words: "(3 villages, 1 commune)", never "1 communes"
    units = [s["units"] for s in report_module._sections(whole)]
    assert "0 villages, 1 commune" in units and "3 villages, 1 commune" in units
    assert not [u for u in units if re.search(r"\b1 (villages|communes)\b", u)]
    assert not re.search(r"\b1 (villages|communes|former communes|districts|records)\b", report_html(whole))


def test_district_table(report, demo, gap_people):
    t = report.tables["districts"]
    assert len(t) == 10 and t["Huyện"].iloc[-1] == "Tổng"
    # the province in front, as in the summary CSV (QA64 F12); the total row's too, all of one province
    assert list(t.columns[:4]) == ["Mã tỉnh", "Tỉnh", "Mã huyện", "Huyện"]
    assert set(zip(t["Mã tỉnh"], t["Tỉnh"])) == {("10", "Lào Cai")}
    assert t["Mã huyện"].tolist()[:3] == ["080", "082", "083"]
    assert t["Mã huyện"].iloc[-1] == ""  # the total row
    bat_xat = t[t["Huyện"].eq("Bát Xát")].iloc[0]
    assert bat_xat["Băng rộng di động: Chưa có (30/6/2024)"] == 3
    assert bat_xat["Cáp quang (FTTH): Chưa có (30/6/2024)"] == 17
    assert bat_xat["Cáp quang (FTTH): Thay đổi"] == -31
    assert bat_xat["Mạng LAN chuẩn: Chưa có (30/6/2024)"] == 6
    n_villages = int(demo.villages["district_name"].eq("Bát Xát").sum())
    assert bat_xat["Cáp quang (FTTH): Tỷ lệ (%)"] == round(100 * 17 / n_villages, 1)
    assert "Mạng LAN chuẩn: Số dân" not in t.columns
    counts = [c for c in t.columns if "Chưa có" in c or "Số dân" in c or "Thay đổi" in c]
    assert t[counts].iloc[:-1].sum().tolist() == t[counts].iloc[-1].tolist()  # the total row is the sum
    assert t["Cáp quang (FTTH): Số dân"].iloc[-1] == gap_people["fibre"]


def test_one_district_report_breaks_down_by_commune(demo, report, no_maps):
    rep = build_report(demo, district="082")
    communes = rep.tables["communes"]
    n = int(demo.communes["district_code"].eq("082").sum())
    assert len(communes) == n + 1 and communes["Xã/phường"].iloc[-1] == "Tổng"
    names = communes["Xã/phường"].iloc[:-1].tolist()
    assert names[:3] == ["A Lù", "A Mú Sung", "Bản Qua"]  # by name
    codes = demo.communes.set_index("name").loc[names[:3], "code"].tolist()
    assert communes["Mã xã"].iloc[:3].tolist() == codes and communes.columns[0] == "Mã xã"  # codes to hand on
    counts = [c for c in communes.columns if "Chưa có" in c or "Số dân" in c or "Thay đổi" in c]
    assert communes[counts].iloc[:-1].sum().tolist() == communes[counts].iloc[-1].tolist()
    district = rep.tables["districts"]
    assert district[counts].iloc[0].tolist() == communes[counts].iloc[-1].tolist()  # Bát Xát = the sum of its communes
    assert "communes" not in report.tables  # the province report breaks down by district
    page = report_html(rep)
    assert "<h2>Theo xã" in page and "<h2>Theo huyện" not in page


def test_gap_list_one_row_per_unit_and_technology(report, demo):
    from shapely.geometry import Point

    g = report.tables["gap_list"]
    assert list(g.columns) == ["Mã huyện", "Huyện", "Mã xã", "Xã/phường", "Mã thôn/bản", "Thôn/bản", "Cấp", "Hạ tầng",
                               "Trạng thái", "Ngày số liệu", "Nguồn", "Ghi chú", "Kinh độ", "Vĩ độ", "Số dân",
                               "Thay đổi từ sau 31/3/2024 (quý II/2024)", "Vị trí"]
    assert g["Hạ tầng"].value_counts().to_dict() == {"Cáp quang (FTTH)": 56, "Mạng LAN chuẩn": 29,
                                                      "Băng rộng di động": 6}
    assert not g.duplicated(["Mã xã", "Mã thôn/bản", "Hạ tầng"]).any()
    assert set(g["Trạng thái"]) == {"Chưa có"} and set(g.iloc[:, -2]) == {"Vẫn chưa có"}
    assert g["Mã xã"].str.fullmatch(r"\d{5}").all() and g["Mã huyện"].str.fullmatch(r"\d{3}").all()
    communes = g[g["Cấp"].eq("xã/phường")]
    assert len(communes) == 29 and communes["Mã thôn/bản"].eq("").all() and communes["Số dân"].isna().all()
    # coordinates: a village's own point; a commune's point lies inside the commune
    villages = g[g["Cấp"].eq("thôn/bản")].merge(demo.villages[["village_id", "geometry"]], left_on="Mã thôn/bản",
                                                right_on="village_id")
    points = gpd.GeoSeries(villages["geometry"])
    assert len(villages) == 62
    assert (villages["Kinh độ"] - points.x).abs().max() < 1e-6 and (villages["Vĩ độ"] - points.y).abs().max() < 1e-6
    shapes = demo.communes.set_index("code").geometry
    assert all(shapes[r["Mã xã"]].contains(Point(r["Kinh độ"], r["Vĩ độ"])) for _, r in communes.iterrows())
    bat_xat = g[g["Huyện"].eq("Bát Xát")]
    assert bat_xat["Mã thôn/bản"].ne("").sum() == 20 and bat_xat["Mã thôn/bản"].eq("").sum() == 6


def test_gap_list_says_which_points_are_on_a_shared_outline(report, demo, files):
    """Hoàng Liên and Trung Chải (Sa Pa) exist only as one cluster polygon: their LAN rows carry the same
    point, and the gap list says it is approximate and which communes share it."""
    g = report.tables["gap_list"].set_index(["Xã/phường", "Hạ tầng"])
    hoang_lien, trung_chai = g.loc[("Hoàng Liên", "Mạng LAN chuẩn")], g.loc[("Trung Chải", "Mạng LAN chuẩn")]
    assert (hoang_lien["Kinh độ"], hoang_lien["Vĩ độ"]) == (trung_chai["Kinh độ"], trung_chai["Vĩ độ"])
    assert hoang_lien["Vị trí"].startswith("gần đúng: chung ranh giới với ") and "Trung Chải" in hoang_lien["Vị trí"]
    assert trung_chai["Vị trí"].startswith("gần đúng: chung ranh giới với ") and "Trung Chải" not in trung_chai["Vị trí"]
    assert "Hoàng Liên" in trung_chai["Vị trí"]
    flagged = g[g["Vị trí"].ne("")]
    assert len(flagged) == 2 and flagged["Cấp"].eq("xã/phường").all()  # a village's point is its own
    assert g.loc[("Bản Xèo", "Mạng LAN chuẩn"), "Vị trí"] == ""  # an ordinary commune: blank
    # the spreadsheets carry it as the last column
    sheet = pd.read_excel(files["xlsx"], sheet_name="Còn thiếu", dtype=str, keep_default_na=False)
    assert sheet.columns[-2] == "Vị trí" and sheet["Vị trí"].ne("").sum() == 2 and sheet.columns[-1] == "Dữ liệu"
    csv = pd.read_csv(files["gap_list"], encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert csv.loc[csv["Xã/phường"].eq("Hoàng Liên"), "Vị trí"].tolist() == [hoang_lien["Vị trí"]]
    from dxmap.gaps.change import compare

    en = report_tables(compare(demo).changes, lang="en")["gap_list"].set_index(["Commune", "Technology"])
    assert en.loc[("Trung Chải", "Standard LAN"), "Location"].startswith("approximate: outline shared with ")


def test_method_block(report):
    method = dict(report.method)
    assert method["Số liệu trạng thái"] == "status_records.csv: 6.497 bản ghi, 31/3/2024 – 30/6/2024"
    assert method["Đối chiếu với ranh giới"] == "6.497 khớp"
    assert method["Ranh giới"] == "152 xã/phường (ranh giới 2024); 1.554 thôn/bản (điểm); 9 huyện"
    assert "30/6/2024" in method["Ngày"] and "31/3/2024" in method["Ngày"]
    rule = method["Cách đếm"]
    assert "“Chưa rõ” (không có bản ghi) không bao giờ được tính là “chưa có”" in rule
    assert "Băng rộng di động 1 thôn/bản, Cáp quang (FTTH) 1 thôn/bản, Mạng LAN chuẩn 1 xã/phường" in rule
    assert "Viettel Lào Cai (minh họa) (3.119 bản ghi)" in method["Đơn vị cung cấp"]


def test_tables_in_english(report, demo):
    from dxmap.gaps.change import compare

    t = report_tables(compare(demo).changes, lang="en")
    assert list(t["headline"].columns)[:5] == ["Technology", "Level", "Without (2024-06-30)", "Units", "Share (%)"]
    assert "People" not in t["headline"].columns  # no village layer given: no people
    assert t["headline"]["Technology"].tolist() == ["Mobile broadband", "Fibre (FTTH)", "Standard LAN"]
    assert {"Commune", "Commune code", "Village ID", "Longitude", "Latitude"} <= set(t["gap_list"].columns)


def test_single_snapshot_has_no_change_columns(demo, no_maps):
    rep = build_report(demo, as_of="2024-03-31", district="082", lang="en")
    assert rep.compare_to is None and rep.sentences == []
    assert [h["figure"] for h in rep.headline] == ["4", "48", "6"]
    assert list(rep.tables["headline"].columns)[:3] == ["Technology", "Level", "Without (2024-03-31)"]
    assert all(": Change" not in c and "Previous" not in c for c in rep.tables["districts"].columns)
    assert not any(c.startswith("Change") for c in rep.tables["gap_list"].columns)
    assert "No earlier snapshot to compare with" in report_html(rep)


def test_each_change_table_is_made_once_per_report(demo, monkeypatch, no_maps):
    import dxmap.gaps.change as change
    calls = []

    def counted(real):
        return lambda changes, *, by="province": calls.append(by) or real(changes, by=by)

    monkeypatch.setattr(change, "change_summary", counted(change.change_summary))  # compare() and change_dict
    monkeypatch.setattr(report_module, "change_summary", counted(report_module.change_summary))  # the commune table
    for as_of in (None, "2024-03-31"):  # with the change (through compare()), and without an earlier snapshot
        calls.clear()
        rep = build_report(demo, as_of=as_of, district="082")
        assert "communes" in rep.tables
        assert sorted(calls) == ["commune", "district", "province"], as_of


# ---------------------------------------------------------------------------------------------------- files

def test_every_file_is_written(files):
    names = {p.name for p in files.values()}
    assert names == {"report.html", "report.pdf", "map_mobile.png", "map_fibre.png", "map_lan.png", "report.xlsx",
                     "headline.csv", "districts.csv", "gap_list.csv"}
    assert all(p.stat().st_size > 0 for p in files.values())
    out = files["html"].parent
    assert sorted(p.name for p in out.iterdir()) == sorted(names)
    assert [p.name for p in out.parent.iterdir()] == ["out"]  # the temporary folder is gone


@pytest.mark.parametrize("tech", ["mobile", "fibre", "lan"])
def test_map_images_are_not_blank(files, tech):
    size, n_colours, ink = _png_stats(files[f"map_{tech}"])
    assert size[0] >= 800 and size[1] >= 800
    assert n_colours > 200  # antialiased polygons, markers, text
    assert ink > 0.25  # the province fills a good part of the picture
    assert _has_colour(files[f"map_{tech}"], "#333333", tolerance=20)  # district outlines
    if tech in ("mobile", "fibre"):
        assert _has_colour(files[f"map_{tech}"], "#D55E00")  # still missing
        assert _has_colour(files[f"map_{tech}"], "#009E73")  # fixed since 2024-03-31


# The shape of each page marker as matplotlib draws it (the page's own names, map-markers.js).
_MPL = {"triangle": "^", "circle": "o"}


def _legend_symbols(fig) -> dict[str, list[tuple[str, str, str]]]:  # noqa: ANN001 (matplotlib Figure)
    """Per legend entry (its text): the markers drawn as its symbol, (marker, face colour, edge colour)."""
    from matplotlib.lines import Line2D
    from matplotlib.offsetbox import DrawingArea, HPacker, TextArea

    out = {}
    for box in fig.legends[0].findobj(HPacker):
        kids = box.get_children()
        if len(kids) == 2 and isinstance(kids[0], DrawingArea) and isinstance(kids[1], TextArea):
            out[kids[1].get_text()] = [(a.get_marker(), a.get_markerfacecolor(), a.get_markeredgecolor())
                                       for a in kids[0].get_children() if isinstance(a, Line2D)]
    return out


def _expected_symbol(style: dict, data: dict) -> list[tuple[str, str, str]]:
    """A change's symbol as the page payload says: its status's marker (the page's shape and colour), a ring
    (white halo, then its colour), a dot."""
    parts = []
    if style["status"]:
        i = data["statuses"].index(style["status"])
        parts.append((_MPL[data["shapes"][i]], data["colours"][i], "#1a1a1a"))
    if style["ring"]:
        parts += [("o", "none", "#ffffff"), ("o", "none", style["ring"])]
    if style["dot"]:
        parts.append(("o", style["dot"], style["dot"]))
    return parts


def test_change_symbols_are_the_map_pages(demo):
    """Issue 14: the report's map and legend draw each change with the symbol of the page payload's change style."""
    from matplotlib.collections import PathCollection
    from matplotlib.colors import to_hex

    from dxmap.gaps.change import CHANGE_STYLE, compare
    from dxmap.render.change_layer import change_layer
    from dxmap.render.report import static_map
    from dxmap.render.webmap import gap_map, page_data

    cmp = compare(demo, district="bat xat")
    data = page_data(change_layer(cmp.changes, m=gap_map(cmp.now.status, demo.communes)))
    style = data["change"]["style"]
    assert style == CHANGE_STYLE and list(style) == ["stayed", "new", "fixed", "first"]
    assert _expected_symbol(style["stayed"], data) == [("^", "#D55E00", "#1a1a1a")]  # the gap triangle, drawn once
    # no data then: the plain gap triangle, without the "new" ring
    assert _expected_symbol(style["first"], data) == _expected_symbol(style["stayed"], data)
    # one fibre village newly missing, so that every symbol is on the map
    changes = cmp.changes.copy()
    row, unknown = changes.index[changes["technology"].eq("fibre") & changes["change"].eq("stayed")][:2]
    changes.loc[row, ["change", "previous_status"]] = ["new", "covered"]
    changes.loc[unknown, ["change", "previous_status"]] = ["first", "unknown"]  # and one with no data then
    fig = static_map(changes, cmp.now.communes, technology="fibre", districts=cmp.now.districts, lang="en")
    legend = _legend_symbols(fig)
    # then, apart under the date's heading, the villages off the gap list but not covered: planned, with the page's
    # blue ring (QA71 C12: it was listed under the change's); the shorter column padded with empty entries
    assert list(legend) == ["Change since 2024-03-31 (Q2 2024)", "Still missing (15 villages)",
                            "Newly missing (1 village)", "No earlier data (1 village)",
                            "Fixed (left the gap list) (31 villages)", "Status on 2024-06-30", "Planned (4 villages)",
                            ""]
    assert legend["Planned (4 villages)"] == [("o", "none", "#ffffff"), ("o", "none", "#0072B2")]
    for text, kind in zip(list(legend)[1:], ["stayed", "new", "first", "fixed"]):
        assert legend[text] == _expected_symbol(style[kind], data), kind
    # on the map: the same markers, one per unit (the triangle of a newly missing village inside its ring)
    drawn: dict[tuple[str, str], int] = {}
    for col in fig.axes[0].collections:
        if isinstance(col, PathCollection) and len(col.get_offsets()):
            key = (to_hex(col.get_facecolors()[0]) if len(col.get_facecolors()) else "none",
                   to_hex(col.get_edgecolors()[0]))
            drawn[key] = drawn.get(key, 0) + len(col.get_offsets())
    fibre = changes[changes["technology"].eq("fibre")]["change"].value_counts()
    planned = int(changes["technology"].eq("fibre").mul(changes["status"].eq("planned")).sum())
    assert planned == 4
    assert drawn == {("#d55e00", "#1a1a1a"): fibre["stayed"] + fibre["new"] + fibre["first"],  # 17 triangles
                     ("none", "#ffffff"): fibre["new"] + fibre["fixed"] + planned,  # halos of the rings
                     ("none", "#cc79a7"): fibre["new"], ("none", "#009e73"): fibre["fixed"],
                     ("#009e73", "#009e73"): fibre["fixed"], ("none", "#0072b2"): planned}


def _names_and_symbols(fig):  # noqa: ANN001, ANN202 (matplotlib Figure)
    """A static map drawn as it is saved: its place names (Text, box in display pixels), the centres of its symbols
    (display pixels) and the names' and symbols' zorders. The names are the texts other than "N" and "k/n"."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import PathCollection

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    ax = fig.axes[0]
    names = [(t, t.get_window_extent(canvas.get_renderer())) for t in ax.texts
             if t.get_text() != "N" and not re.fullmatch(r"\d+/\d+", t.get_text())]
    symbols = [c for c in ax.collections if isinstance(c, PathCollection) and len(c.get_offsets())]
    centres = np.vstack([c.get_offset_transform().transform(c.get_offsets()) for c in symbols])
    return names, centres, {t.get_zorder() for t, _ in names}, {c.get_zorder() for c in symbols}


def _names_leave_symbols_clear(fig, areas: gpd.GeoSeries) -> dict:  # noqa: ANN001 (matplotlib Figure)
    """No name's box holds a symbol's centre, the symbols are drawn over the names, no two names overlap, and
    each name moved is inside its area (``areas``: polygons by name, in the map's CRS). Returns the boxes by
    name."""
    from shapely import Point

    names, centres, name_z, symbol_z = _names_and_symbols(fig)
    assert names and len(centres)
    assert [t.get_text() for t, box in names if any(box.contains(x, y) for x, y in centres)] == []
    assert min(symbol_z) > max(name_z)
    assert [(a.get_text(), b.get_text()) for (a, p), (b, q) in itertools.combinations(names, 2) if p.overlaps(q)] == []
    to_map = fig.axes[0].transData.inverted()
    for text, box in names:  # a name moved (from its point, or above its polygon's symbol) stays in its area
        if tuple(text.xyann) not in ((0, 0), (0, report_module._SYMBOL_ROOM)):
            x, y = to_map.transform(((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2))
            assert areas[text.get_text()].contains(Point(x, y)), text.get_text()
    return {t.get_text(): box for t, box in names}


@pytest.mark.parametrize(("district", "tech"), [(None, "mobile"), (None, "fibre"), ("muong khuong", "fibre")])
def test_place_names_leave_the_symbols_clear(demo, district, tech):
    """QA: on the printed maps the district and commune names were drawn over the symbols, so a name could hide a
    gap marker the legend counted: "Bảo Thắng" hid the demo's one mobile village of unknown status (the hollow grey
    square), "Si Ma Cai" and "Bắc Hà" fibre triangles. As on the map page, the symbols are drawn over the names and
    a name that would cover a symbol moves to the nearest clear spot inside its district or commune."""
    from dxmap.gaps.change import compare
    from dxmap.render.report import static_map

    cmp = compare(demo, district=district) if district else compare(demo)
    fig = static_map(cmp.changes, cmp.now.communes, technology=tech, districts=cmp.now.districts)
    shown = cmp.now.communes[cmp.now.communes["code"].isin(cmp.changes["commune_code"])]
    units = cmp.now.districts if district is None else shown
    names = _names_leave_symbols_clear(fig, units.to_crs(shown.estimate_utm_crs()).set_index("name").geometry)
    if tech == "mobile":  # the square Bảo Thắng hid: its name is now just above it
        from matplotlib.colors import to_hex

        grey = [c for c in fig.axes[0].collections if len(c.get_edgecolors()) and len(c.get_offsets())
                and to_hex(c.get_edgecolors()[0]) == "#999999"]
        (x, y), = grey[0].get_offset_transform().transform(grey[0].get_offsets())
        box = names["Bảo Thắng"]
        assert box.x0 < x < box.x1 and box.y0 > y


def test_pdf_pages_text_and_maps(pdf, report):
    n = len(pdf.pages)
    assert 6 <= n <= 10
    first = pdf.pages[0].extract_text()
    for figure in HEADLINE:
        assert figure in first
    for h in report.headline:
        assert h["of"] in first.replace("\n", " ")
    assert "DỮ LIỆU MINH HỌA" in first and "Bát Xát" in first and "Theo huyện" in first
    assert pdf.metadata.title == "Báo cáo hạ tầng số còn thiếu — Lào Cai — 30/6/2024"
    texts = [p.extract_text() for p in pdf.pages]
    # every page: the illustrative warning on top, the running title and "Trang k / n" at the foot
    for k, text in enumerate(texts, start=1):
        assert f"Trang {k} / {n}" in text and "DỮ LIỆU MINH HỌA" in text and "30/6/2024" in text
    # three distinct map images, each map on a page of its own (found by its caption)
    assert len({img.name for p in pdf.pages for img in p.images}) == 3
    flat = [t.replace("\n", " ") for t in texts]
    pages = [[k for k, t in enumerate(flat) if k > 0 and h["caption"][:40] in t] for h in report.headline]
    assert pages == [[1], [2], [3]]  # (page 0 has the same words on its cards)
    text = "\n".join(texts)
    assert text.index("Danh sách thôn/bản và xã còn thiếu") > text.index(report.headline[-1]["caption"][:30])
    assert "Nguồn số liệu và cách tính" in texts[-1]


def test_every_page_of_the_gap_list_names_the_districts_it_lists(pdf):
    """QA30: Sa Pa's last row stood alone at the top of a page without its district's name, and Si Ma Cai's three
    rows were split 1/2: the name heads each table and repeats on each page it runs on; a short table stays whole."""
    texts = [p.extract_text() for p in pdf.pages]
    first = next(k for k, t in enumerate(texts) if "Danh sách thôn/bản và xã còn thiếu" in t)
    last = next(k for k, t in enumerate(texts) if k > first and "Tổng hợp" in t)
    heading = re.compile(r"^\S.* \(\d+ thôn/bản, \d+ xã/phường\)$", re.M)
    for k in range(first + 1, last):  # the list's next pages (the summary after it starts a page of its own)
        assert heading.match(texts[k].splitlines()[0]), (k, texts[k][:300])  # they began with the column headings
    named = [len(re.findall(r"^Si Ma Cai \(", t, re.M)) for t in texts[first:last]]
    assert sum(named) == 1  # 3 rows: on one page
    assert sum(len(re.findall(r"^Sa Pa \(7 thôn/bản", t, re.M)) for t in texts) >= 1


def test_pdf_has_no_half_empty_page(pdf):
    fills = [_page_fill(p) for p in pdf.pages]
    assert all(f > 0.5 for f in fills[:-1]), [round(f, 2) for f in fills]
    assert all(f > 0.7 for f in fills[1:4]), fills  # a map fills its page


def test_pdf_is_the_html_page_printed(report, pdf, files):
    """One layout: the PDF's sections are the HTML page's, in the same order; no second layout engine."""
    page = files["html"].read_text(encoding="utf-8")
    headings = [re.sub(r"<[^>]+>", "", h).split("·")[0].strip() for h in re.findall(r"<h2>(.*?)</h2>", page)]
    assert headings == ["Theo huyện", "Bản đồ", "Danh sách thôn/bản và xã còn thiếu", "Tổng hợp",
                        "Nguồn số liệu và cách tính"]
    text = "\n".join(p.extract_text() for p in pdf.pages)
    where = [text.index(h) for h in headings]
    assert where == sorted(where)
    source = Path(report_module.__file__).read_text(encoding="utf-8")
    assert "reportlab" not in source and "weasyprint.HTML(string=page" in source and "page = _page(report" in source
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    assert re.search(r"@page\s*{[^}]*size:\s*A4", css)
    assert re.search(r"figure\.map\s*{[^}]*break-before:\s*page", css)  # each map starts a page it fills
    assert "thead { display: table-header-group; }" in css  # table headers repeat on each page


def test_xlsx_sheets_filter_and_frozen_header(report, files):
    import openpyxl

    wb = openpyxl.load_workbook(files["xlsx"])
    assert wb.sheetnames == ["Thông tin", "Tổng hợp", "Theo huyện", "Còn thiếu"]
    about = {r[0]: r[1] for r in wb["Thông tin"].iter_rows(min_row=2, values_only=True)}
    assert about["Số liệu đến ngày"] == "30/6/2024" and about["Cách đếm"] == dict(report.method)["Cách đếm"]
    assert "DỮ LIỆU MINH HỌA — không phải số liệu thật" in about.values()
    for key, sheet in (("headline", "Tổng hợp"), ("districts", "Theo huyện"), ("gap_list", "Còn thiếu")):
        ws = wb[sheet]
        rows = list(ws.iter_rows(values_only=True))
        # QA30: the demo's tables say it is illustrative on every row, not only the first sheet
        assert list(rows[0]) == list(report.tables[key].columns) + ["Dữ liệu"]
        assert len(rows) == len(report.tables[key]) + 1 and {r[-1] for r in rows[1:]} == {"DỮ LIỆU MINH HỌA"}
        assert ws.freeze_panes == "A2"
        assert not [c.coordinate for r in ws.iter_rows() for c in r if c.data_type == "f"]
    gaps = wb["Còn thiếu"]
    assert gaps.auto_filter.ref == f"A1:R{len(report.tables['gap_list']) + 1}"  # with the note column
    first = next(gaps.iter_rows(min_row=2, values_only=True))
    assert isinstance(first[12], float) and isinstance(first[13], float) and isinstance(first[14], int)
    dated = [c for c in next(gaps.iter_rows(min_row=2)) if c.is_date]
    assert dated and {c.number_format for c in dated} == {"dd/mm/yyyy"}  # a date cell, shown as the page writes it
    assert list(wb["Tổng hợp"].iter_rows(values_only=True))[2][2:5] == (56, 1554, 3.6)


def test_csv_files_are_the_tables(report, files):
    for key in ("headline", "districts", "gap_list"):
        raw = files[key].read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        back = pd.read_csv(files[key], encoding="utf-8-sig", keep_default_na=False, dtype=str)
        assert list(back.columns) == list(report.tables[key].columns) + ["Dữ liệu"] and len(back) == len(report.tables[key])
        assert back["Dữ liệu"].eq("DỮ LIỆU MINH HỌA").all()  # QA30: the demo's CSVs said nothing
    gaps = pd.read_csv(files["gap_list"], encoding="utf-8-sig", dtype={"Mã xã": str, "Mã huyện": str})
    assert gaps["Mã xã"].str.len().eq(5).all() and gaps["Ngày số liệu"].eq("2024-06-30").all()


def test_html_is_self_contained(files):
    page = files["html"].read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert page.count('src="data:image/png;base64,') == 3
    assert '<html lang="vi">' in page
    assert page.count('<div class="card"') == 3 and "~" in page and "trong 1.554 thôn/bản" in page


@pytest.mark.browser
def test_html_opens_offline_without_errors(files, offline_page):
    page = offline_page
    page.goto(files["html"].as_uri())
    page.wait_for_load_state("load")
    assert page.failed_requests == [] and page.console_errors == []
    figures = page.locator(".card .figure").all_inner_texts()
    assert [f.strip() for f in figures] == HEADLINE
    assert page.evaluate("() => [...document.images].every(i => i.complete && i.naturalWidth > 500)")
    assert page.locator("#table-districts tbody tr").count() == 10
    assert page.locator("#table-headline tbody tr").count() == 11
    assert "DỮ LIỆU MINH HỌA" in page.inner_text("#illustrative")
    assert page.locator("#gap-list h3").count() == 8  # Lào Cai city has no gap left
    pdf = page.pdf(format="A4", prefer_css_page_size=True)  # a browser prints it too
    assert pdf.startswith(b"%PDF") and len(pdf) > 100_000
    # QA30: with the running texts in CSS string-set, which browsers lack, pages 2 on had no title, page number or
    # illustrative warning
    from pypdf import PdfReader

    texts = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
    assert len(texts) >= 6
    for k, text in enumerate(texts, start=1):
        assert f"Trang {k} / {len(texts)}" in text and "DỮ LIỆU MINH HỌA" in text, (k, text[:200])
        assert "Báo cáo hạ tầng số còn thiếu — Lào Cai — 30/6/2024" in text


# ---------------------------------------------------------------------------------------------------- hostile text

def test_a_running_text_cannot_end_its_css_string_or_the_style_element():
    from dxmap.render.report import _css_string

    text = str(_css_string('Tỉnh "A"\\ </style><script>x</script>\n&'))
    assert text.startswith('"Tỉnh ') and text.endswith('"') and '"' not in text[1:-1]
    assert not set("<>&\n") & set(text) and "\\00003c /style\\00003e " in text
    assert str(_css_string("A & B")) == '"A \\000026  B"'  # QA31: the escape took the space after "&" as its own


LONG_NAME = ("Xã Tên Rất Dài " * 200)[:2500]
NOTE = "\x07\x1b[2J\x00chuông" + "\x01" * 40 + "=1+1"
PAYLOAD = "=HYPERLINK(\"http://x.invalid\",\"bấm\")<script>alert('x')</script> & <b>Co</b>\x1b[31m"


@pytest.fixture(scope="module")
def hostile(demo, tmp_path_factory):
    """Bát Xát with one commune renamed to 2,500 characters, a gap village named with a formula, HTML and an
    escape sequence, and its records' notes and source full of control characters and formulas."""
    from dxmap.gaps.change import compare

    changes = compare(demo, district="082").changes
    gap = changes[changes["status"].eq("none") & changes["technology"].eq("fibre")].iloc[0]
    communes = demo.communes.copy()
    communes.loc[communes["code"].eq(gap["commune_code"]), "name"] = LONG_NAME
    villages = demo.villages.copy()
    villages.loc[villages["village_id"].eq(gap["unit_id"]), "name"] = PAYLOAD
    outcomes = demo.outcomes.copy()  # the records as matched, with the hostile text the rows carried
    mine = outcomes["unit_id"].eq(gap["unit_id"])
    outcomes["note"] = outcomes["note"].astype(object).where(~mine, NOTE)
    outcomes["source"] = outcomes["source"].astype(object).where(~mine, "@SUM(A1:A9)\x07")
    data = dataclasses.replace(demo, communes=communes, villages=villages, outcomes=outcomes)
    rep = build_report(data, district="082")
    return rep, write_report(rep, tmp_path_factory.mktemp("hostile") / "out"), gap


def test_hostile_text_pdf_and_html(hostile):
    from pypdf import PdfReader

    rep, files, _ = hostile
    pdf = PdfReader(files["pdf"])
    assert 5 <= len(pdf.pages) <= 8  # the long name wraps in its cell; it does not add pages of its own
    fills = [_page_fill(p) for p in pdf.pages]
    assert all(f > 0.5 for f in fills[:-1]), fills
    text = "\n".join(p.extract_text() for p in pdf.pages).replace("\n", "")
    assert "Xã Tên Rất Dài Xã Tên Rất Dài" in text and "<script>alert('x')</script> & <b>Co</b>" in text
    page = files["html"].read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<b>Co</b>" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;Co&lt;/b&gt;" in page
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", page)  # control characters replaced
    assert LONG_NAME not in page and LONG_NAME[:150] in page  # shown up to 160 characters, then "…"


def test_one_district_files(hostile):
    import openpyxl

    _, files, _ = hostile
    assert files["communes"].name == "communes.csv"
    assert openpyxl.load_workbook(files["xlsx"]).sheetnames == ["Thông tin", "Tổng hợp", "Theo huyện", "Theo xã",
                                                                 "Còn thiếu"]


def test_hostile_text_spreadsheets(hostile):
    import openpyxl

    rep, files, gap = hostile
    wb = openpyxl.load_workbook(files["xlsx"])
    for ws in wb.worksheets:
        assert not [c.coordinate for r in ws.iter_rows() for c in r if c.data_type == "f"], ws.title
    rows = [r for r in wb["Còn thiếu"].iter_rows(min_row=2, values_only=True) if r[4] == gap["unit_id"]]
    assert len(rows) == 1
    assert rows[0][3] == LONG_NAME  # every character kept in the spreadsheet
    assert rows[0][5] == PAYLOAD.replace("\x1b", "\ufffd")  # text, not a formula; ESC replaced
    assert rows[0][11] == NOTE.translate({c: "\ufffd" for c in (0, 1, 7, 27)})
    assert rows[0][10] == "@SUM(A1:A9)\ufffd"
    gaps = pd.read_csv(files["gap_list"], encoding="utf-8-sig", keep_default_na=False, dtype=str)
    row = gaps[gaps["Mã thôn/bản"].eq(gap["unit_id"])].iloc[0]
    # QA59 10: the CSV replaces control characters as the XLSX does (a terminal showing the file would obey them)
    assert row["Thôn/bản"] == "'" + PAYLOAD.replace("\x1b", "\ufffd") and row["Nguồn"].startswith("'@SUM")
    assert row["Ghi chú"] == NOTE.translate({c: "\ufffd" for c in (0, 1, 7, 27)})
    assert not gaps.map(lambda v: v.startswith(("=", "+", "@")) and not re.fullmatch(r"[+-]?[\d.]+", v)).any().any()


# ---------------------------------------------------------------------------------------------------- folder swap

def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_interrupted_write_leaves_the_previous_report(report, files, tmp_path, monkeypatch):
    out = tmp_path / "rep"
    write_report(report, out)
    before = _snapshot(out)

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(report_module, "write_xlsx", broken)  # the PDF and maps are written by then
    with pytest.raises(OSError, match="No space left"):
        write_report(report, out)
    assert _snapshot(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["rep"]  # nothing half-written beside it either


def test_new_report_replaces_the_whole_set(report, tmp_path):
    """A LAN-only report into a folder holding a three-map report: no map of the earlier run is left."""
    import dxmap

    out = tmp_path / "rep"
    write_report(report, out)
    head = "commune_code,technology,status,as_of\n"
    (tmp_path / "q.csv").write_text(head + "02635,lan,none,2024-06-30\n", encoding="utf-8")
    files = write_report(build_report(dxmap.read_dataset([tmp_path / "q.csv"]), lang="en"), out)
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in files.values())
    assert not (out / "map_fibre.png").exists() and (out / "map_lan.png").exists()


def test_writing_logs_no_temporary_path_and_leaves_the_summary_line_to_the_caller(report, tmp_path, caplog):
    """The set is written in a hidden temporary folder no one sees; the CLI says where the report went."""
    import logging

    with caplog.at_level(logging.INFO, logger="dxmap"):
        write_report(report, tmp_path / "r")
    said = [r.getMessage() for r in caplog.records if r.name.startswith("dxmap")]
    assert not [m for m in said if ".tmp" in m], said
    assert not [m for m in said if "report written" in m], said
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="dxmap"):
        write_report(report, tmp_path / "r")
    said = [r.getMessage() for r in caplog.records if r.name.startswith("dxmap")]
    assert [m for m in said if m.startswith("wrote the report's 9 files in ")], said  # where: the caller says
    assert not [m for m in said if ".tmp" in m], said


def test_folder_with_other_files_keeps_them(report, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "my_records.csv").write_text("keep me\n", encoding="utf-8")
    (out / "map_fibre.png").write_bytes(b"old")
    files = write_report(report, out)
    assert (out / "my_records.csv").read_text(encoding="utf-8") == "keep me\n"
    assert (out / "map_fibre.png").read_bytes() == files["map_fibre"].read_bytes() != b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]


def test_out_that_is_a_file_is_refused(report, tmp_path):
    target = tmp_path / "records.csv"
    target.write_text("a,b\n", encoding="utf-8")
    # QA60 13: a DxmapError (an OSError too), said before the work
    with pytest.raises(OutputFileError, match=r"records\.csv is a file; the report needs a folder: give "
                                              r"write_report\(report, folder\) a folder"):
        write_report(report, target)
    assert target.read_text(encoding="utf-8") == "a,b\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["records.csv"]


# ---------------------------------------------------------------------------------------------------- CLI

def test_cli_report_english_district(tmp_path):
    out = tmp_path / "rep"
    args = ["report", "--demo", "--district", "bat xat", "--lang", "en", "--out", str(out), "-q"]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output
    assert "Mobile broadband: 3 (−1)" in res.stdout and "Fibre (FTTH): 17 (−31)" in res.stdout
    assert "Standard LAN: 6 (±0)" in res.stdout and "[ILLUSTRATIVE sample data]" in res.stdout
    assert (out / "report.pdf").stat().st_size > 10_000
    head = pd.read_csv(out / "headline.csv", encoding="utf-8-sig")
    assert list(head.columns)[:3] == ["Technology", "Level", "Without (2024-06-30)"]
    assert "ILLUSTRATIVE DATA" in (out / "report.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("lang", "said"), [("en", "dxmap: error: --compare 2024-07-01 is not before the picture's date"),
                                            ("vi", "dxmap: lỗi: --compare 1/7/2024 không trước ngày số liệu 30/6/2024")])
def test_cli_report_bad_compare_date(tmp_path, lang, said):
    res = CliRunner().invoke(main, ["report", "--demo", "--compare", "2024-07-01", "--out", str(tmp_path / "r"), "-q",
                                    "--lang", lang])
    assert res.exit_code == 1 and res.stderr.startswith(said), res.stderr
    assert not (tmp_path / "r").exists()


def test_a_share_of_villages_listed_from_the_records_says_so(tmp_path):
    """QA64 F6: without a village layer the villages are those the sheets name (often the ones with problems):
    "16 of 28 villages (57.1%)" was read as the province's share. The card says whose share it is, and the headline
    table's level does; a commune technology's share is of the commune layer, as before."""
    import dxmap

    (tmp_path / "r.csv").write_text(
        "commune_code,village_name,technology,status,as_of\n02692,Bản Khấu,fibre,none,2024-06-30\n"
        "02692,Bản Xèo,fibre,covered,2024-06-30\n02692,Lũng Pô,fibre,covered,2024-06-30\n"
        "02692,,lan,none,2024-06-30\n", encoding="utf-8")
    rep = build_report(dxmap.read_dataset(tmp_path / "r.csv"), lang="en")
    cards = {h["technology"]: h["of"] for h in rep.headline}
    assert cards["fibre"] == "1 of the 3 villages the records name (33.3%)"
    assert cards["lan"].startswith("1 of 152 communes (0.7%)")
    level = rep.tables["headline"].set_index("Technology")["Level"]
    assert level["Fibre (FTTH)"] == "villages (named in the records)" and level["Standard LAN"] == "communes"
    vi = build_report(dxmap.read_dataset(tmp_path / "r.csv"), lang="vi")
    assert next(h["of"] for h in vi.headline if h["technology"] == "fibre") == (
        "1 trong 3 thôn/bản có tên trong số liệu (33,3%)")


def test_report_from_own_files_without_villages(tmp_path):
    """Real (not illustrative) records in two files, communes only: one map, no illustrative banner, no people."""
    import dxmap

    head = "commune_code,technology,status,as_of\n"
    (tmp_path / "q1.csv").write_text(head + "02635,lan,none,2024-03-31\n02641,lan,none,2024-03-31\n", encoding="utf-8")
    (tmp_path / "q2.csv").write_text(head + "02635,lan,covered,2024-06-30\n02641,lan,none,2024-06-30\n",
                                     encoding="utf-8")
    data = dxmap.read_dataset([tmp_path / "q1.csv", tmp_path / "q2.csv"])
    rep = build_report(data, lang="en")
    assert rep.illustrative is False and list(rep.maps) == ["lan"]
    assert [h["figure"] for h in rep.headline] == [f"1 ({MINUS}1)"]
    assert rep.headline[0]["of"] == "1 of 152 communes (0.7%) · no data for 150 communes"
    assert rep.sentences == ["1 commune gained a standard LAN since 2024-03-31 (Q2 2024)"]
    assert dict(rep.method)["Status records"] == "q1.csv: 2 records, 2024-03-31; q2.csv: 2 records, 2024-06-30"
    # QA22: a workbook of a sheet per district was listed sheet by sheet, "… and 13 more files", the second never named
    import openpyxl

    book = openpyxl.Workbook()
    for i, sheet in enumerate(["Bát Xát", "Sa Pa"]):
        ws = book.active if i == 0 else book.create_sheet()
        ws.title = sheet
        for row in ([c for c in head.strip().split(",")], [["02635", "02641"][i], "lan", "none", "2024-06-30"]):
            ws.append(row)
    book.save(tmp_path / "q2.xlsx")
    both = build_report(dxmap.read_dataset([tmp_path / "q1.csv", tmp_path / "q2.xlsx"]), lang="en")
    assert dict(both.method)["Status records"] == ("q1.csv: 2 records, 2024-03-31; q2.xlsx (2 sheets): 2 records, "
                                                   "2024-06-30")
    assert "People" not in rep.tables["headline"].columns
    files = write_report(rep, tmp_path / "out")
    page = files["html"].read_text(encoding="utf-8")
    assert "ILLUSTRATIVE" not in page and 'id="illustrative"' not in page
    assert len(rep.tables["gap_list"]) == 1 and rep.tables["gap_list"]["Commune"].item() == "Lào Cai"


# ---------------------------------------------------------------------------------------------- optional extra

WITHOUT_EXTRA = ("matplotlib", "matplotlib_scalebar", "weasyprint")  # jinja2 stays: folium needs it too


@pytest.fixture
def without_report_extra(monkeypatch):
    """As if ``pip install dxmap`` had been run without ``[report]``: these imports fail."""
    for name in WITHOUT_EXTRA:
        monkeypatch.setitem(sys.modules, name, None)


def test_report_without_the_extra_says_how_to_install_it(demo, report, tmp_path, without_report_extra):
    with pytest.raises(DxmapError) as err:
        build_report(demo)
    msg = str(err.value)
    assert "pip install 'dxmap[report]'" in msg and "\n" not in msg
    assert "matplotlib, matplotlib-scalebar, weasyprint" in msg and "jinja2" not in msg
    with pytest.raises(DxmapError, match=re.escape("pip install 'dxmap[report]'")):
        write_report(report, tmp_path / "out")
    with pytest.raises(DxmapError, match="weasyprint"):
        report_pdf(report)
    assert not (tmp_path / "out").exists()


def test_cli_report_without_the_extra_is_one_line(tmp_path, without_report_extra):
    res = CliRunner().invoke(main, ["report", "--demo", "--out", str(tmp_path / "rep"), "-q"])
    assert res.exit_code == 1, res.output
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "pip install 'dxmap[report]'" in lines[0], res.stderr
    assert not (tmp_path / "rep").exists()


def test_weasyprint_without_pango_says_what_to_install(report, monkeypatch):
    real = report_module.importlib.import_module

    def no_pango(name, *args):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': error 0x7e")
        return real(name, *args)

    monkeypatch.setattr(report_module.importlib, "import_module", no_pango)
    with pytest.raises(DxmapError, match=r"libpango-1\.0-0 libpangoft2-1\.0-0") as err:
        report_pdf(report)
    assert "\n" not in str(err.value) and "weasyprint cannot load a system library" in str(err.value)


def test_method_names_the_boundary_files_read(tmp_path, no_maps):
    """The method block names the file each boundary layer came from, and its version (a column of the layer)."""
    import dxmap

    dxmap.bundled_communes().to_file(tmp_path / "xa-2024.gpkg")  # carries its boundary_version column
    (tmp_path / "q2.csv").write_text("commune_code,technology,status,as_of\n02635,lan,none,2024-06-30\n",
                                     encoding="utf-8")
    data = dxmap.read_dataset([tmp_path / "q2.csv"], communes=tmp_path / "xa-2024.gpkg")
    assert data.sources == {"communes": str(tmp_path / "xa-2024.gpkg")}
    rep = build_report(data, lang="en")
    assert dict(rep.method)["Boundaries"] == "152 communes (2024 boundaries, xa-2024.gpkg)"


def test_method_counts_a_files_records_not_its_total_rows(tmp_path, no_maps):
    """QA: a sheet of 24 communes and its "Cộng huyện" row was "25 bản ghi"; QA39 L9: the rows ignored are said
    too, as `dxmap check` counts them."""
    import dxmap

    (tmp_path / "q2.csv").write_text("Mã xã,Tên xã,Mạng LAN chuẩn,Ngày\n02635,Duyên Hải,Có,30/06/2024\n"
                                     "02641,Lào Cai,Chưa có,30/06/2024\nCộng,,,\n", encoding="utf-8")
    data = dxmap.read_dataset(tmp_path / "q2.csv")
    assert data.outcomes["outcome"].tolist() == ["matched", "matched", "ignored"]
    assert dict(build_report(data).method)["Số liệu trạng thái"] == "q2.csv: 2 bản ghi (và 1 bỏ qua), 30/6/2024"


def test_a_commune_without_its_district_name_is_reported_in_its_district(demo, report, no_maps):
    """A blank ``district_name`` (as_communes accepts it) neither fails nor splits its district in two rows: the
    report is the one of the complete layer."""
    communes = demo.communes.copy()
    communes.loc[communes.index[:2], "district_name"] = None
    rep = build_report(dataclasses.replace(demo, communes=communes))
    for name in ("districts", "gap_list"):
        pd.testing.assert_frame_equal(rep.tables[name], report.tables[name])
    assert rep.headline == report.headline


def test_the_district_table_has_no_row_of_blank_cells(data_dir, no_maps):
    """QA68 N7: on a commune layer without districts the report's districts.csv had a row of blank names (``,,6,33.3``)
    beside its total; as the summary CSV (QA67 F12): no per-district rows where no commune has a district, and the
    communes without one on a "(no district)" row beside those that have one."""
    import dxmap

    data = dxmap.read_dataset(data_dir / "records.csv", communes=data_dir / "communes.geojson",
                              villages=data_dir / "villages.geojson")
    none = dataclasses.replace(data, communes=data.communes.assign(district_code=None, district_name=None),
                               districts=None)
    table = build_report(none, lang="en", strict=False).tables["districts"]
    assert table[["District code", "District"]].values.tolist() == [["", "Total"]]
    communes = data.communes.copy()
    communes.loc[communes.index[0], ["district_code", "district_name"]] = None  # Đồng Tâm: no district
    for lang, named, total in (("en", "(no district)", "Total"), ("vi", "(không thuộc huyện nào)", "Tổng")):
        table = build_report(dataclasses.replace(data, communes=communes), lang=lang, strict=False).tables["districts"]
        assert table.iloc[:, :2].values.tolist() == [["001", "Đông Sơn"], ["002", "Tây Sơn"], ["", named], ["", total]]
        assert table.iloc[2, 2] == table.iloc[3, 2] == 1  # the one village without mobile broadband is Đồng Tâm's


def test_summary_table_keeps_a_district_whose_name_is_blank_on_one_row(demo):
    from dxmap.gaps.analysis import analyse
    from dxmap.render.tables import summary_table

    import dxmap

    communes = demo.communes.copy()
    communes.loc[communes.index[:1], "district_name"] = None
    status = dxmap.unit_status(demo.outcomes, communes, demo.villages)  # as the layer gives it
    assert status["district_name"].isna().any()
    pd.testing.assert_frame_equal(summary_table(status), summary_table(analyse(demo).status))
    filled = analyse(dataclasses.replace(demo, communes=communes)).status  # analyse fills the name itself
    assert filled["district_name"].notna().all()


def test_static_map_draws_no_label_for_a_commune_without_a_name(demo):
    from dxmap.gaps.analysis import analyse
    from dxmap.render.report import _no_change, static_map

    communes = demo.communes.copy()
    bat_xat = communes.index[communes["district_code"].eq("082")]
    communes.loc[bat_xat[:1], "name"] = None
    status = analyse(dataclasses.replace(demo, communes=communes), district="082").status
    fig = static_map(_no_change(status), communes, technology="lan")  # one district: its communes are named
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert not {"nan", "<NA>", "None"} & set(texts)
    named = set(communes.loc[bat_xat[1:], "name"])
    assert named <= set(texts)


def test_a_district_without_records_has_blank_cells_not_zeros(demo, report, no_maps):
    """Records of Bát Xát only: the other districts' rows say nothing (blank count, share, people and change), as
    their share already did; a 0 would read "none missing" where no record speaks of them. Bát Xát's row and the
    total are the full report's."""
    keep = demo.records["district_name"].eq("Bát Xát").to_numpy()
    part = build_report(dataclasses.replace(demo, records=demo.records[keep], outcomes=demo.outcomes[keep]))
    t = part.tables["districts"].set_index("Huyện")
    full = report.tables["districts"].set_index("Huyện")
    assert t.loc["Bát Xát"].tolist() == full.loc["Bát Xát"].tolist()
    others = t.drop(index=["Bát Xát", "Tổng"], columns=["Mã tỉnh", "Tỉnh", "Mã huyện"])  # the names of the rows
    assert len(others) == 8 and others.isna().all().all()
    fibre = "Cáp quang (FTTH): Chưa có (30/6/2024)"
    assert t.loc["Tổng", fibre] == full.loc["Bát Xát", fibre] == 17


def test_the_card_says_still_without_only_when_no_unit_is_newly_without(demo, report, no_maps):
    """"56 thôn/bản vẫn chưa có…" is the demo's fibre card (every gap was one on 31/3 too); with one village newly
    without fibre the card says "57 thôn/bản chưa có…", its "still" would contradict the "1 … mới chưa có" beside it."""
    assert report.headline[1]["text"] == "56 thôn/bản vẫn chưa có cáp quang (FTTH)"
    out = demo.outcomes
    covered = out.index[out["technology"].eq("fibre") & out["as_of"].eq(pd.Timestamp("2024-06-30"))
                        & out["status"].eq("covered")][0]
    unit = out.loc[covered, "unit_id"]
    was = out["unit_id"].eq(unit) & out["technology"].eq("fibre") & out["as_of"].eq(pd.Timestamp("2024-03-31"))
    assert out.loc[was, "status"].tolist() == ["covered"]
    rep = build_report(dataclasses.replace(demo, outcomes=out.assign(status=out["status"].mask(out.index == covered, "none"))))
    fibre = rep.headline[1]
    assert fibre["text"] == "57 thôn/bản chưa có cáp quang (FTTH)" and "1 thôn/bản mới chưa có" in fibre["caption"]
    assert [h["text"] for h in rep.headline[::2]] == [h["text"] for h in report.headline[::2]]


def test_the_bundled_yen_bai_units_are_named_by_their_own_date():
    # all bundled old units carry the crosswalk's version "2024"; Yên Bái's list is of 2025-01 and the report says so
    from dxmap.io.bundled import bundled_communes, bundled_old_communes, bundled_reference
    from dxmap.render.report import _boundary_words

    both = bundled_old_communes()
    yenbai = both[both["province_code"].eq("15")]
    assert _boundary_words(yenbai, "rpt_b_communes", "vi") == "168 xã/phường (ranh giới Yên Bái 2025-01)"
    assert bundled_reference(both, "2024") == "Lào Cai 2024, Yên Bái 2025-01"
    assert _boundary_words(bundled_communes(), "rpt_b_communes", "vi") == "152 xã/phường (ranh giới 2024)"
    # a file of one's own keeps the version it declares
    assert _boundary_words(yenbai, "rpt_b_communes", "en", "xa.gpkg").endswith("(2024 boundaries, xa.gpkg)")


# Trạm Tấu (Yên Bái 139) has a township and a commune of the same short name: Thị trấn Trạm Tấu 04585 and Xã Trạm Tấu
# 04600. LAN records of 11 of its 12 communes; Tà Si Láng (04603) has none.
TRAM_TAU_LAN = {"04585": "covered", "04588": "none", "04591": "covered", "04594": "none", "04597": "covered",
                "04600": "none", "04606": "covered", "04609": "covered", "04612": "none", "04615": "covered",
                "04618": "none"}


@pytest.fixture(scope="module")
def tram_tau(tmp_path_factory):
    import dxmap

    path = tmp_path_factory.mktemp("tram_tau") / "lan.csv"
    path.write_text("commune_code,technology,status,as_of\n"
                    + "".join(f"{c},lan,{s},2024-06-30\n" for c, s in TRAM_TAU_LAN.items()), encoding="utf-8")
    return dxmap.read_dataset(path)


def _printed_communes(rep) -> list[str]:  # noqa: ANN001 (Report)
    """The commune names of the printed gap list (page and PDF)."""
    return [row[0] for section in report_module._sections(rep) for row in section["rows"]]


def test_communes_that_share_a_short_name_are_named_in_full(tram_tau):
    """QA16 finding 3: the "Theo xã" table had two rows "Trạm Tấu", the gap list (page, XLSX, CSV) "Trạm Tấu" for
    Xã Trạm Tấu, which a reader cannot tell from the township. Names shared within what is shown are given in full
    from the layer's full_name / unit_type; every other name stays short."""
    assert {"full_name", "unit_type"} <= set(tram_tau.communes.columns)  # the bundled Yên Bái layer has both
    rep = build_report(tram_tau, district="139")
    names = rep.tables["communes"].set_index("Mã xã")["Xã/phường"]
    assert names[["04585", "04600", "04588", "04603"]].tolist() == ["Thị trấn Trạm Tấu", "Xã Trạm Tấu", "Túc Đán",
                                                                    "Tà Si Láng"]
    assert "Trạm Tấu" not in names.tolist()
    # sorted by the short name: the two stay together
    assert names.tolist().index("Xã Trạm Tấu") == names.tolist().index("Thị trấn Trạm Tấu") + 1
    # the gap list holds only Xã Trạm Tấu, but its district has both: the reader needs the full name
    gaps = rep.tables["gap_list"]
    assert gaps.set_index("Mã xã").loc["04600", "Xã/phường"] == "Xã Trạm Tấu"
    assert gaps["Xã/phường"].tolist() == ["Bản Công", "Hát Lìu", "Xã Trạm Tấu", "Túc Đán", "Xà Hồ"]
    assert gaps["Huyện"].eq("Trạm Tấu").all()  # the district keeps its name
    assert _printed_communes(rep) == gaps["Xã/phường"].tolist()
    page = report_html(rep)
    assert "Thị trấn Trạm Tấu" in page and ">Trạm Tấu<" not in page
    # the map names its communes the same way
    texts = [t.get_text() for t in _tram_tau_map(tram_tau).axes[0].texts]
    assert {"Thị trấn Trạm Tấu", "Xã Trạm Tấu", "Túc Đán"} <= set(texts) and "Trạm Tấu" not in texts


def _tram_tau_map(data, lang: str = "vi"):  # noqa: ANN001, ANN202 (Dataset; matplotlib Figure)
    from dxmap.gaps.analysis import analyse
    from dxmap.render.report import _no_change, static_map

    now = analyse(data, district="139")
    return static_map(_no_change(now.status), now.communes, technology="lan", districts=now.districts, lang=lang)


def test_communes_that_share_a_name_fall_back_to_their_code(tram_tau):
    """Without a unit type (a layer of one's own without full_name / unit_type, or an English report, which names no
    Vietnamese unit types) the code tells them apart: "Trạm Tấu (04600)"."""
    bare = dataclasses.replace(tram_tau, communes=tram_tau.communes.drop(columns=["full_name", "unit_type"]))
    for data, lang in ((bare, "vi"), (tram_tau, "en")):
        rep = build_report(data, district="139", lang=lang)
        commune = label_of(lang)
        names = rep.tables["communes"][commune].tolist()
        assert "Trạm Tấu (04585)" in names and "Trạm Tấu (04600)" in names and "Túc Đán" in names
        assert rep.tables["gap_list"][commune].tolist()[2] == "Trạm Tấu (04600)"
        assert "Trạm Tấu (04600)" in _printed_communes(rep)
    texts = [t.get_text() for t in _tram_tau_map(bare).axes[0].texts]
    assert {"Trạm Tấu (04585)", "Trạm Tấu (04600)"} <= set(texts)


def test_the_tram_tau_names_leave_the_triangles_clear(tram_tau):
    """QA: on the Trạm Tấu LAN map "Thị trấn Trạm Tấu" covered Hát Lìu's triangle (the township is small
    and Hát Lìu's point is by its edge); its name moves off it and stays inside the township."""
    from dxmap.gaps.analysis import analyse

    fig = _tram_tau_map(tram_tau)
    now = analyse(tram_tau, district="139")
    area = now.communes[now.communes["district_code"].eq("139")]
    named = report_module._told_apart(area["code"], area["name"], area, "vi")  # as the map names them
    names = _names_leave_symbols_clear(fig, area.to_crs(area.estimate_utm_crs()).set_axis(named).geometry)
    assert {"Thị trấn Trạm Tấu", "Hát Lìu"} <= set(names)


def label_of(lang: str) -> str:
    return "Xã/phường" if lang == "vi" else "Commune"


def test_names_alike_only_by_their_diacritics_stay_short():
    """Only a name shared as written (case and spacing aside) is lengthened: "Sa Pa" and "Sa Pả" are two names."""
    from dxmap.render.report import _told_apart

    codes = pd.Series(["03001", "03002", "04585", "04600", "09999"])
    names = pd.Series(["Sa Pa", "Sa Pả", "Trạm Tấu", "trạm  tấu", None])
    layer = pd.DataFrame({"code": codes, "unit_type": ["Phường", "Xã", "Thị trấn", "Xã", "Xã"]})
    told = _told_apart(codes, names, layer, "vi")
    assert told[:4].tolist() == ["Sa Pa", "Sa Pả", "Thị trấn Trạm Tấu", "Xã trạm  tấu"] and pd.isna(told[4])
    # within a group only: the same name in two districts is told apart by the district on its row
    groups = pd.Series(["1", "1", "1", "2", "2"])
    assert _told_apart(codes, names, layer, "vi", groups=groups).tolist()[2:4] == ["Trạm Tấu", "trạm  tấu"]
    # full names alike too (two "Xã Thanh Bình"): the code
    layer2 = layer.assign(unit_type="Xã")
    assert _told_apart(codes, names, layer2, "vi").tolist()[2:4] == ["Trạm Tấu (04585)", "trạm  tấu (04600)"]


def test_the_lan_map_hatches_communes_without_data_in_the_2024_units(tram_tau):
    """QA16 finding 4: Tà Si Láng (no LAN record) was drawn light grey like the covered communes and the legend
    said only "Chưa có (5)". It is hatched as "unknown", with its legend entry and count, as the 2025-07 map does."""
    import numpy as np

    fig = _tram_tau_map(tram_tau)
    hatched = [c for c in fig.axes[0].collections if c.get_hatch()]
    assert [c.get_hatch() for c in hatched] == ["////"] and len(hatched[0].get_paths()) == 1
    # the hatched polygon is Tà Si Láng's (the map is drawn in the area's UTM zone)
    area = tram_tau.communes[tram_tau.communes["district_code"].eq("139")]
    ta_si_lang = area[area["code"].eq("04603")].to_crs(area.estimate_utm_crs()).total_bounds
    assert np.allclose(hatched[0].get_paths()[0].get_extents().extents, ta_si_lang)
    legend = dict(zip([t.get_text() for t in fig.legends[0].get_texts()], fig.legends[0].legend_handles))
    assert list(legend) == ["Chưa có (5 xã/phường)", "Chưa rõ (không có số liệu) (1 xã/phường)"]
    assert legend["Chưa rõ (không có số liệu) (1 xã/phường)"].get_hatch() == "////"
    en = [t.get_text() for t in _tram_tau_map(tram_tau, "en").legends[0].get_texts()]
    assert en == ["Missing (5 communes)", "Unknown (no record) (1 commune)"]


@pytest.mark.parametrize(("lang", "expected"), [
    ("vi", ["Chưa có (6 thôn/bản)", "Chưa có (56 thôn/bản)", "Chưa có (29 xã/phường)"]),
    ("en", ["Missing (6 villages)", "Missing (56 villages)", "Missing (29 communes)"]),
])
def test_every_count_in_a_printed_legend_says_what_it_counts(demo, lang, expected):
    """QA64 F16: the printed map's legend said "Chưa có (5)" where the report's tables say "thôn/bản" or "xã/phường":
    every count in it now names its unit, as the weak and planned entries did."""
    from dxmap.gaps.analysis import analyse
    from dxmap.render.report import _no_change, static_map

    now = analyse(demo)
    changes = _no_change(now.status)
    for tech, first in zip(("mobile", "fibre", "lan"), expected):
        fig = static_map(changes, now.communes, technology=tech, districts=now.districts, lang=lang)
        texts = [t.get_text() for t in fig.legends[0].get_texts()]
        assert texts[0] == first, texts
        assert all(re.search(r" \(\d+ [^()\d]+\)$", t) for t in texts), texts


def test_the_printed_maps_mark_weak_and_planned_units_apart(demo):
    """Weak and planned units are off the gap list but not covered: the printed map gives them the page's markers
    (an orange diamond, a blue ring) with legend counts; they were drawn like covered units. A LAN commune that is
    planned gets its ring at its point; a shared polygon with a commune lacking the LAN gets none."""
    from matplotlib.collections import PathCollection
    from matplotlib.colors import to_hex

    from dxmap.gaps.analysis import analyse
    from dxmap.render.report import _no_change, static_map

    now = analyse(demo)
    changes = _no_change(now.status)

    def drawn(fig) -> dict[str, int]:  # noqa: ANN001 (Figure): markers per edge colour of their own
        out: dict[str, int] = {}
        for c in fig.axes[0].collections:
            if isinstance(c, PathCollection) and len(c.get_offsets()):
                face = to_hex(c.get_facecolors()[0]) if len(c.get_facecolors()) else "none"
                out[face if face != "none" else to_hex(c.get_edgecolors()[0])] = len(c.get_offsets())
        return out

    for tech, level in (("mobile", "village"), ("fibre", "village"), ("lan", "commune")):
        rows = changes[changes["technology"].eq(tech)]
        weak, planned = int(rows["status"].eq("weak").sum()), int(rows["status"].eq("planned").sum())
        fig = static_map(changes, now.communes, technology=tech, districts=now.districts, lang="en")
        texts = [t.get_text() for t in fig.legends[0].get_texts()]
        unit = {"village": ("village", "villages"), "commune": ("commune", "communes")}[level]
        for status, n, colour in (("Weak / patchy", weak, "#e69f00"), ("Planned", planned, "#0072b2")):
            if n:
                assert f"{status} ({n} {unit[n != 1]})" in texts, (tech, texts)
                assert drawn(fig)[colour] == n, tech
            else:
                assert not any(t.startswith(status) for t in texts)
    mobile = changes[changes["technology"].eq("mobile")]
    assert mobile["status"].eq("weak").sum() == 20  # the demo's weak villages, each with its diamond
    legend = _legend_symbols(static_map(changes, now.communes, technology="mobile", districts=now.districts,
                                        lang="vi"))
    assert legend["Lõm sóng / yếu (20 thôn/bản)"] == [("D", "#E69F00", "#1a1a1a")]


def test_the_village_maps_mark_villages_without_data(demo):
    """QA16 finding 4, villages: a village of unknown status gets the map page's hollow grey square, with a legend
    entry that counts villages; a commune none of whose villages has a record is hatched instead (the rule of the
    2025-07 maps: communes_without_data), its villages not marked one by one."""
    from matplotlib.collections import PathCollection
    from matplotlib.colors import to_hex

    from dxmap.gaps.analysis import analyse
    from dxmap.render.report import _no_change, static_map

    now = analyse(demo, district="muong khuong")
    changes = _no_change(now.status)
    fibre = changes[changes["technology"].eq("fibre")]
    unknown = fibre[fibre["status"].eq("unknown")]
    assert len(unknown) == 1  # the demo's one fibre village without a record

    def squares(fig) -> list:  # noqa: ANN001 (Figure): the offsets of the grey hollow squares
        return [c.get_offsets() for c in fig.axes[0].collections if isinstance(c, PathCollection)
                and len(c.get_edgecolors()) and to_hex(c.get_edgecolors()[0]) == "#999999"]

    fig = static_map(changes, now.communes, technology="fibre", districts=now.districts, lang="en")
    drawn = squares(fig)
    assert len(drawn) == 1 and len(drawn[0]) == 1
    where = unknown.to_crs(now.communes[now.communes["code"].isin(changes["commune_code"])].estimate_utm_crs())
    assert tuple(drawn[0][0]) == pytest.approx((where.geometry.x.iloc[0], where.geometry.y.iloc[0]))
    legend = _legend_symbols(fig)
    assert legend["Unknown (no record) (1 village)"] == [("s", "none", "#ffffff"), ("s", "none", "#999999")]
    assert not any(c.get_hatch() for c in fig.axes[0].collections)
    # every village of Pha Long unknown: Pha Long is hatched, none of its villages is marked
    pha_long = changes["commune_name"].eq("Pha Long") & changes["technology"].eq("fibre")
    fig = static_map(changes.assign(status=changes["status"].mask(pha_long, "unknown")), now.communes,
                     technology="fibre", districts=now.districts, lang="en")
    texts = [t.get_text() for t in fig.legends[0].get_texts()]
    assert texts[-2:] == ["Unknown (no record) (1 commune)", "Unknown (no record) (1 village)"]
    assert len(squares(fig)[0]) == 1  # the one outside Pha Long
    assert [len(c.get_paths()) for c in fig.axes[0].collections if c.get_hatch()] == [1]


def test_a_gap_carried_from_an_earlier_round_says_its_date_on_paper(demo, no_maps):
    """QA30 L5: a village missing from the second round keeps its Q1 "none" (the newest-record rule); the CSV gave
    its date, the printed list did not."""
    from dxmap.render.report import _sections

    rec = demo.records
    fibre_none = rec["technology"].eq("fibre") & rec["status"].eq("none")
    twice = rec[fibre_none].groupby("village_name")["as_of"].nunique()
    village = twice[twice.eq(2)].index[0]
    keep = ~(fibre_none & rec["village_name"].eq(village) & rec["as_of"].eq(rec["as_of"].max()))
    data = dataclasses.replace(demo, records=rec[keep].reset_index(drop=True), outcomes=None)
    sections = _sections(build_report(data, district=None))
    rows = [r for s in sections for r in s["rows"] if r[1] == village]
    assert rows and "Cáp quang (FTTH) (số liệu 31/3/2024)" in rows[0][2], rows
    assert not any("số liệu" in r[2] for s in sections for r in s["rows"] if r[1] != village)


def test_records_left_out_are_listed_with_their_reasons(demo, no_maps, tmp_path):
    """QA59 6: with --allow-unmatched the report said only "6.492 khớp, 5 không khớp": no row, no reason."""
    records = demo.records.copy()
    records.loc[records.index[:3], ["commune_code", "commune_name"]] = ["09999", "Nowhere"]
    data = dataclasses.replace(demo, records=records, outcomes=None)
    rep = build_report(data, strict=False)
    left = rep.tables["left_out"]
    assert len(left) == 3 and left["Lý do"].str.contains("09999").all()  # in the report's language
    method = dict(rep.method)
    assert method["Không được tính"].startswith("không khớp: mã xã 09999 không có trong danh mục xã (3); danh sách kèm "
                                                "lý do: trang tính “Bản ghi không được tính” của report.xlsx."), method
    files = write_report(rep, tmp_path / "r")
    assert (tmp_path / "r" / "left_out.csv").exists() and len(pd.read_csv(files["left_out"], dtype=str)) == 3
    assert "left_out" not in build_report(demo).tables  # nothing left out: no list


def test_a_districts_report_counts_its_own_records_by_source(demo, no_maps):
    """QA60 30: a Bát Xát report's "Sources" line counted the whole province's 6,497 records."""
    whole = dict(build_report(demo, lang="en").method)["Sources"]
    own = dict(build_report(demo, lang="en", district="bat xat").method)["Sources"]
    counts = [int(n.replace(",", "")) for n in re.findall(r"\(([\d,]+) records\)", own)]
    assert "(3,119 records)" in whole and sum(counts) < 6497
    from dxmap import analyse

    out, status = demo.outcomes, analyse(demo, district="bat xat").status
    assert sum(counts) == int((out["outcome"].eq("matched") & out["unit_id"].isin(status["unit_id"])).sum())


def test_static_map_of_an_area_whose_every_commune_has_a_gap_prints_no_warning(demo):
    """QA67 F11: every commune of the map with a gap left no untinted commune to draw: geopandas printed "The
    GeoSeries you are attempting to plot is empty" on the console, -q or not."""
    import warnings

    from dxmap.gaps.analysis import analyse
    from dxmap.render.report import _no_change, static_map

    status = analyse(demo, district="082").status
    fibre = status["technology"].eq("fibre") & status["level"].eq("village")
    status.loc[fibre, "status"] = "none"  # every village of Bát Xát without fibre: every commune tinted
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        static_map(_no_change(status), demo.communes, technology="fibre", districts=demo.districts, lang="en")


def test_a_report_shows_itself_in_a_notebook():
    """_repr_html_, in the report's language: title and date, each headline figure and its change, the ILLUSTRATIVE
    mark; every text escaped (QA69 F7)."""
    from dxmap.render.report import Report

    headline = [{"label": "Băng rộng di động", "of": "6 trên 1.554 thôn/bản (0,4%)", "change": "−4"}]
    made = Report(title="Báo cáo <Sa Pa>", as_of="2024-06-30", compare_to="2024-03-31", district=None,
                  illustrative=True, lang="vi", headline=headline, sentences=[], tables={}, maps={}, summary={})
    shown = made._repr_html_()
    assert "<caption>Báo cáo &lt;Sa Pa&gt; · 30/6/2024</caption>" in shown
    assert "<th>Hạ tầng</th><th>Chưa có (30/6/2024)</th><th>Thay đổi từ sau 31/3/2024</th>" in shown
    assert "<td>Băng rộng di động</td><td>6 trên 1.554 thôn/bản (0,4%)</td><td>−4</td>" in shown
    assert "<strong>DỮ LIỆU MINH HỌA" in shown
    alone = dataclasses.replace(made, compare_to=None, illustrative=False, lang="en")._repr_html_()
    assert "Thay đổi" not in alone and "<strong>" not in alone and "<th>Without (2024-06-30)</th></tr>" in alone

"""The printable report: numbers, tables, images that are not blank, a PDF with pages and text, an HTML
page that opens offline without errors, XLSX/CSV with the printed headings, and the CLI."""

from __future__ import annotations

import dataclasses
import re
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from dxmap.cli import main
from dxmap.errors import DxmapError
from dxmap.render.report import build_report, report_html, report_pdf, report_tables, write_report

MINUS = "\u2212"
HEADLINE = [f"6 ({MINUS}4)", f"56 ({MINUS}144)", f"29 ({MINUS}4)"]


@pytest.fixture(scope="module")
def report(demo):
    return build_report(demo)


@pytest.fixture(scope="module")
def files(report, tmp_path_factory):
    return write_report(report, tmp_path_factory.mktemp("report"))


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


# ---------------------------------------------------------------------------------------------------- numbers

def test_headline_numbers(report):
    assert report.as_of == "2024-06-30" and report.compare_to == "2024-03-31"  # the previous snapshot by default
    assert [h["figure"] for h in report.headline] == HEADLINE
    assert report.illustrative is True
    assert report.sentences[0] == "4 thôn/bản đã có băng rộng di động từ sau 2024-03-31 (quý II/2024)"
    head = report.tables["headline"]
    assert list(head.columns) == ["Hạ tầng", "Cấp", "Chưa có (2024-06-30)", "Chưa có (2024-03-31)", "Thay đổi",
                                  "Đã có thêm", "Mới chưa có", "Vẫn chưa có"]
    assert head["Chưa có (2024-06-30)"].tolist() == [6, 56, 29]
    assert head["Chưa có (2024-03-31)"].tolist() == [10, 200, 33]
    assert head["Thay đổi"].tolist() == [-4, -144, -4]
    assert head["Đã có thêm"].tolist() == [4, 144, 4]


def test_district_table(report):
    t = report.tables["districts"]
    assert len(t) == 10 and t["Huyện"].iloc[-1] == "Tổng"
    bat_xat = t[t["Huyện"].eq("Bát Xát")].iloc[0]
    assert bat_xat["Băng rộng di động: Chưa có (2024-06-30)"] == 3
    assert bat_xat["Cáp quang (FTTH): Chưa có (2024-06-30)"] == 17
    assert bat_xat["Cáp quang (FTTH): Thay đổi"] == -31
    assert bat_xat["Mạng LAN chuẩn: Chưa có (2024-06-30)"] == 6
    numbers = t.drop(columns="Huyện")
    assert numbers.iloc[:-1].sum().tolist() == numbers.iloc[-1].tolist()  # the total row is the sum


def test_gap_list(report):
    g = report.tables["gap_list"]
    villages = g[g["Thôn/bản"].ne("")]
    communes = g[g["Thôn/bản"].eq("")]
    assert len(communes) == 29 and set(communes["Còn thiếu"]) == {"Mạng LAN chuẩn"}
    assert villages["Còn thiếu"].str.contains("Cáp quang").sum() == 56
    assert villages["Còn thiếu"].str.contains("Băng rộng di động").sum() == 6
    bat_xat = g[g["Huyện"].eq("Bát Xát")]
    assert bat_xat["Thôn/bản"].ne("").sum() == 17 and bat_xat["Thôn/bản"].eq("").sum() == 6
    assert list(g.columns)[-1] == "Mới chưa có từ sau 2024-03-31 (quý II/2024)"
    assert g.iloc[:, -1].eq("").all()  # nothing newly missing in the demo


def test_tables_in_english(report, demo):
    from dxmap.gaps.change import compare

    t = report_tables(compare(demo).changes, lang="en")
    assert list(t["headline"].columns)[:3] == ["Technology", "Level", "Without (2024-06-30)"]
    assert t["headline"]["Technology"].tolist() == ["Mobile broadband", "Fibre (FTTH)", "Standard LAN"]
    assert "Commune" in t["gap_list"].columns


def test_single_snapshot_has_no_change_columns(demo):
    rep = build_report(demo, as_of="2024-03-31", district="082", lang="en")
    assert rep.compare_to is None and rep.sentences == []
    assert [h["figure"] for h in rep.headline] == ["4", "48", "6"]
    assert list(rep.tables["headline"].columns) == ["Technology", "Level", "Without (2024-03-31)"]
    assert all(": Change" not in c for c in rep.tables["districts"].columns)
    assert "No earlier snapshot to compare with" in report_html(rep)


# ---------------------------------------------------------------------------------------------------- files

def test_every_file_is_written(files):
    names = {p.name for p in files.values()}
    assert names == {"report.html", "report.pdf", "map_mobile.png", "map_fibre.png", "map_lan.png", "report.xlsx",
                     "headline.csv", "districts.csv", "gap_list.csv"}
    assert all(p.stat().st_size > 0 for p in files.values())
    assert not list(files["html"].parent.glob(".*.tmp"))  # atomic writes leave nothing behind


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


def test_pdf_has_pages_text_and_images(files):
    from pypdf import PdfReader

    pdf = PdfReader(files["pdf"])
    assert len(pdf.pages) >= 5
    first = pdf.pages[0].extract_text()
    for figure in HEADLINE:
        assert figure in first
    assert "DỮ LIỆU MINH HỌA" in first and "Bát Xát" in first
    assert sum(len(p.images) for p in pdf.pages) == 3
    text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "Danh sách thôn/bản và xã còn thiếu" in text and "Trang 5" in text
    assert pdf.metadata.title == "Báo cáo hạ tầng số còn thiếu — Lào Cai"


def test_xlsx_and_csv_share_the_printed_headings(report, files):
    import openpyxl

    wb = openpyxl.load_workbook(files["xlsx"], read_only=True)
    assert wb.sheetnames == ["Thông tin", "Tổng hợp", "Theo huyện", "Còn thiếu"]
    about = [r[0] for r in wb["Thông tin"].iter_rows(values_only=True)]
    assert "DỮ LIỆU MINH HỌA — không phải số liệu thật" in about
    for key, sheet in (("headline", "Tổng hợp"), ("districts", "Theo huyện"), ("gap_list", "Còn thiếu")):
        rows = list(wb[sheet].iter_rows(values_only=True))
        assert list(rows[0]) == list(report.tables[key].columns)
        assert len(rows) == len(report.tables[key]) + 1
        raw = files[key].read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        back = pd.read_csv(files[key], encoding="utf-8-sig", keep_default_na=False)
        assert list(back.columns) == list(report.tables[key].columns)
    assert list(wb["Tổng hợp"].iter_rows(values_only=True))[2][2:5] == (56, 200, -144)


def test_html_is_self_contained(files):
    page = files["html"].read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert page.count('src="data:image/png;base64,') == 3
    assert '<html lang="vi">' in page


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
    assert "DỮ LIỆU MINH HỌA" in page.inner_text("#illustrative")
    assert page.locator("#gap-list h3").count() == 8  # Lào Cai city has no gap left
    # prints to A4 pages
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 100_000


def test_user_text_is_escaped(demo):
    import io

    from pypdf import PdfReader

    from dxmap.gaps.change import compare

    changes = compare(demo, district="082").changes
    gap_id = changes.loc[changes["status"].eq("none") & changes["technology"].eq("fibre"), "unit_id"].iloc[0]
    villages = demo.villages.copy()
    villages.loc[villages["village_id"].eq(gap_id), "name"] = "<script>alert('x')</script> & <b>Co</b>"
    rep = build_report(dataclasses.replace(demo, villages=villages), district="082")
    page = report_html(rep)
    assert "<script>alert" not in page and "<b>Co</b>" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;Co&lt;/b&gt;" in page
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(report_pdf(rep))).pages)
    assert "<script>alert('x')</script> & <b>Co</b>" in text.replace("\n", "")  # as typed, not parsed as markup


def test_cli_report_english_district(tmp_path):
    out = tmp_path / "rep"
    res = CliRunner().invoke(main, ["report", "--demo", "--district", "bat xat", "--lang", "en", "--out", str(out), "-q"])
    assert res.exit_code == 0, res.output
    assert "Mobile broadband: 3 (−1)" in res.stdout and "Fibre (FTTH): 17 (−31)" in res.stdout
    assert "Standard LAN: 6 (±0)" in res.stdout and "[ILLUSTRATIVE sample data]" in res.stdout
    assert (out / "report.pdf").stat().st_size > 10_000
    head = pd.read_csv(out / "headline.csv", encoding="utf-8-sig")
    assert list(head.columns)[:3] == ["Technology", "Level", "Without (2024-06-30)"]
    assert "ILLUSTRATIVE DATA" in (out / "report.html").read_text(encoding="utf-8")


def test_cli_report_bad_compare_date(tmp_path):
    res = CliRunner().invoke(main, ["report", "--demo", "--compare", "2024-07-01", "--out", str(tmp_path), "-q"])
    assert res.exit_code == 1 and "not before the picture's date" in res.stderr
    assert not (tmp_path / "report.html").exists()


def test_report_from_own_files_without_villages(tmp_path):
    """Real (not illustrative) records in two files, communes only: one map, no illustrative banner."""
    import dxmap

    head = "commune_code,technology,status,as_of\n"
    (tmp_path / "q1.csv").write_text(head + "02635,lan,none,2024-03-31\n02641,lan,none,2024-03-31\n", encoding="utf-8")
    (tmp_path / "q2.csv").write_text(head + "02635,lan,covered,2024-06-30\n02641,lan,none,2024-06-30\n", encoding="utf-8")
    data = dxmap.read_dataset([tmp_path / "q1.csv", tmp_path / "q2.csv"])
    rep = build_report(data, lang="en")
    assert rep.illustrative is False and list(rep.maps) == ["lan"]
    assert [h["figure"] for h in rep.headline] == [f"1 ({MINUS}1)"]
    assert rep.sentences == ["1 commune gained a standard LAN since 2024-03-31 (Q2 2024)"]
    files = write_report(rep, tmp_path / "out")
    page = files["html"].read_text(encoding="utf-8")
    assert "ILLUSTRATIVE" not in page and 'id="illustrative"' not in page
    assert len(rep.tables["gap_list"]) == 1 and rep.tables["gap_list"]["Commune"].item() == "Lào Cai"


# ---------------------------------------------------------------------------------------------- optional extra

WITHOUT_EXTRA = ("matplotlib", "matplotlib_scalebar", "reportlab")  # jinja2 stays: folium needs it too


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
    assert "matplotlib, matplotlib-scalebar, reportlab" in msg and "jinja2" not in msg
    with pytest.raises(DxmapError, match=re.escape("pip install 'dxmap[report]'")):
        write_report(report, tmp_path / "out")
    with pytest.raises(DxmapError, match="reportlab"):
        report_pdf(report)
    assert not (tmp_path / "out").exists()


def test_cli_report_without_the_extra_is_one_line(tmp_path, without_report_extra):
    res = CliRunner().invoke(main, ["report", "--demo", "--out", str(tmp_path / "rep"), "-q"])
    assert res.exit_code == 1, res.output
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "pip install 'dxmap[report]'" in lines[0], res.stderr
    assert not (tmp_path / "rep").exists()

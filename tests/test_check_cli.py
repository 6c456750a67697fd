"""`dxmap check` on messy inputs: per-record CSV and XLSX report, counts per outcome, exit status."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import openpyxl
import pandas as pd
import pyproj
import pytest
from click.testing import CliRunner
from shapely.geometry import box

from dxmap.cli import main

MESSY = Path(__file__).parent / "data" / "messy"
SAMPLE_VILLAGES = Path(__file__).parent.parent / "data" / "sample" / "villages.geojson"  # illustrative demo villages
pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning", "ignore::UserWarning")


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_check_writes_csv_and_xlsx_reports_with_one_line_per_record(tmp_path):
    csv_path, xlsx_path, unmatched = tmp_path / "all.csv", tmp_path / "all.xlsx", tmp_path / "bad.csv"
    result = run("check", "--records", str(MESSY / "names_codes.csv"), "--villages", str(SAMPLE_VILLAGES),
                 "--report", str(csv_path), "--report", str(xlsx_path), "--unmatched", str(unmatched), "-q")
    assert result.exit_code == 1
    assert "29 records: matched 17, unmatched 4, ambiguous 2, duplicate 1, conflict 2, ignored 3" in result.output
    assert "matched by: name 10, code 6, location 1" in result.output
    assert "did you mean: 02692 A Lù" in result.output
    report = pd.read_csv(csv_path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert len(report) == 29 and report["row"].tolist() == [str(i) for i in range(2, 31)]
    assert report.columns[:9].tolist() == ["file", "row", "outcome", "unit_id", "matched_commune_code", "matched_name",
                                           "method", "reason", "suggestions"]
    book = openpyxl.load_workbook(xlsx_path)
    assert book.sheetnames == ["report", "summary"]
    assert book["report"].max_row == 30 and book["report"]["C1"].value == "outcome"
    summary = {(r[0], r[1]): r[2] for r in book["summary"].iter_rows(min_row=2, values_only=True)}
    assert summary[("outcome", "unmatched")] == 4 and summary[("total", None)] == 29
    bad = pd.read_csv(unmatched, dtype=str, encoding="utf-8-sig")
    assert len(bad) == 9 and set(bad["outcome"]) == {"unmatched", "ambiguous", "duplicate", "conflict"}


def test_total_and_heading_rows_do_not_fail_the_check(tmp_path):
    result = run("check", "--records", str(MESSY / "provincial.xlsx"), "--sheet", "muong khuong", "--unmatched",
                 str(tmp_path / "u.csv"), "-q")
    assert result.exit_code == 0, result.output  # total and heading rows are ignored, not failures
    assert "4 records: matched 2, unmatched 0, ambiguous 0, duplicate 0, conflict 0, ignored 2" in result.output


@pytest.mark.parametrize("enc", ["tcvn3", "vni", "cp1258", "auto"])
def test_encoding_option(tmp_path, enc):
    name = "legacy_tcvn3.csv" if enc == "auto" else f"legacy_{enc}.csv"
    result = run("check", "--records", str(MESSY / name), "--encoding", enc, "--report", str(tmp_path / "r.csv"),
                 "--unmatched", str(tmp_path / "u.csv"), "-q")
    assert result.exit_code == 0, result.output
    report = pd.read_csv(tmp_path / "r.csv", dtype=str, encoding="utf-8-sig")
    assert report["matched_name"].tolist() == ["A Lù", "Trịnh Tường", "Bản Vược", "Sa Pả"]


def test_datum_less_commune_file_is_reported_and_fixed_with_crs(tmp_path):
    to_tm3 = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:9208", always_xy=True)
    x0, y0 = to_tm3.transform(103.95, 22.47)
    communes = gpd.GeoDataFrame({"code": ["02635"], "name": ["Duyên Hải"]},
                                geometry=[box(x0, y0, x0 + 4000, y0 + 4000)], crs="EPSG:9208")
    path = tmp_path / "communes.shp"
    communes.to_file(path, engine="pyogrio")
    path.with_suffix(".prj").write_text(pyproj.CRS.from_proj4(
        "+proj=tmerc +lon_0=104.75 +k=0.9999 +x_0=500000 +ellps=WGS84 +units=m").to_wkt("WKT1_ESRI"))
    records = tmp_path / "r.csv"
    records.write_text("Mã xã,Công nghệ,Trạng thái,Ngày\n2635,LAN,đã có,2024-06-30\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--records", str(records), "--communes", str(path),
                                       "--unmatched", str(tmp_path / "u.csv")], catch_exceptions=False)
    assert result.exit_code == 0
    assert "--crs EPSG:9208" in result.stderr and "m off" in result.stderr
    fixed = CliRunner().invoke(main, ["check", "--records", str(records), "--communes", str(path), "--crs", "EPSG:9208",
                                      "--unmatched", str(tmp_path / "u.csv")], catch_exceptions=False)
    assert fixed.exit_code == 0 and "m off" not in fixed.stderr

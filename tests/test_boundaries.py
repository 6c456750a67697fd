"""Reading boundary files: formats, reprojection, repairs, and the errors users meet."""

from __future__ import annotations

import logging
import zipfile

import geopandas as gpd
import pytest
from shapely.geometry import Polygon

import dxmap
from dxmap.errors import CRSError, InputFileError, SchemaError, UnsupportedFormatError

pytestmark = pytest.mark.filterwarnings(
    "ignore:Column names longer than 10:UserWarning", "ignore:Geometry is in a geographic CRS:UserWarning"
)


@pytest.fixture(scope="module")
def communes_gdf(data_dir):
    return gpd.read_file(data_dir / "communes.geojson")


@pytest.mark.parametrize("driver,suffix", [("GeoJSON", ".geojson"), ("ESRI Shapefile", ".shp"), ("GPKG", ".gpkg"), ("KML", ".kml")])
def test_formats_round_trip(tmp_path, communes_gdf, driver, suffix):
    path = tmp_path / f"c{suffix}"
    communes_gdf.to_file(path, driver=driver)
    got = dxmap.as_communes(dxmap.read_boundaries(path), columns={"code": "code", "name": "name"} if driver != "KML" else
                            {"code": "code", "name": "Name"})
    assert len(got) == 4
    assert got.crs.to_epsg() == 4326
    assert sorted(got["code"]) == ["00001", "00002", "00003", "00004"]
    assert got.geometry.area.sum() == pytest.approx(0.04, rel=1e-6)


def test_zipped_shapefile(tmp_path, communes_gdf):
    communes_gdf.to_file(tmp_path / "c.shp")
    with zipfile.ZipFile(tmp_path / "c.zip", "w") as z:
        for part in tmp_path.glob("c.*"):
            if part.suffix != ".zip":
                z.write(part, part.name)
    assert len(dxmap.read_boundaries(tmp_path / "c.zip")) == 4


def test_geopackage_layer_choice(tmp_path, communes_gdf, data_dir):
    path = tmp_path / "two.gpkg"
    communes_gdf.to_file(path, layer="communes", driver="GPKG")
    gpd.read_file(data_dir / "districts.geojson").to_file(path, layer="districts", driver="GPKG")
    assert len(dxmap.read_boundaries(path, layer="districts")) == 2
    assert len(dxmap.read_boundaries(path, layer="communes")) == 4
    with pytest.raises(SchemaError, match="no layer named 'xa'.*communes"):
        dxmap.read_boundaries(path, layer="xa")


def test_reprojects_metric_input_to_4326(tmp_path, communes_gdf):
    path = tmp_path / "utm.gpkg"
    communes_gdf.to_crs("EPSG:32648").to_file(path)
    got = dxmap.read_boundaries(path)
    assert got.crs.to_epsg() == 4326
    assert got.total_bounds == pytest.approx(communes_gdf.total_bounds, abs=1e-7)


def test_missing_crs_is_an_error_that_says_how(tmp_path, communes_gdf):
    communes_gdf.to_file(tmp_path / "c.shp")
    (tmp_path / "c.prj").unlink()
    with pytest.raises(CRSError, match=r"c\.shp.*no coordinate reference system.*--crs EPSG:4326"):
        dxmap.read_boundaries(tmp_path / "c.shp")
    assert dxmap.read_boundaries(tmp_path / "c.shp", crs="EPSG:4326").crs.to_epsg() == 4326


def test_invalid_geometry_is_repaired_and_reported(tmp_path, caplog):
    bowtie = Polygon([(104, 22), (104.1, 22.1), (104.1, 22), (104, 22.1), (104, 22)])
    gpd.GeoDataFrame({"code": ["00001"], "name": ["Nơ"]}, geometry=[bowtie], crs="EPSG:4326").to_file(tmp_path / "b.geojson")
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        got = dxmap.read_boundaries(tmp_path / "b.geojson")
    assert got.geometry.is_valid.all()
    assert got.geometry.area.iloc[0] == pytest.approx(0.005)
    assert "repaired 1 invalid geometry" in caplog.text and "Self-intersection" in caplog.text


def test_missing_file_and_unsupported_format(tmp_path):
    with pytest.raises(InputFileError, match="nope.geojson: boundary file not found"):
        dxmap.read_boundaries(tmp_path / "nope.geojson")
    (tmp_path / "x.docx").write_text("hi")
    with pytest.raises(UnsupportedFormatError, match=r"'\.docx' is not a boundary format"):
        dxmap.read_boundaries(tmp_path / "x.docx")
    (tmp_path / "broken.geojson").write_text("{not json")
    with pytest.raises(UnsupportedFormatError, match="GDAL could not read it"):
        dxmap.read_boundaries(tmp_path / "broken.geojson")


def test_as_communes_recognises_vietnamese_headers_and_pads_codes(communes_gdf):
    renamed = communes_gdf.rename(columns={"code": "MaXa", "name": "TenXa", "district_code": "MaHuyen", "district_name": "TenHuyen"})
    renamed["MaXa"] = renamed["MaXa"].astype(int)  # leading zeros lost, as spreadsheets do
    got = dxmap.as_communes(renamed)
    assert got["code"].tolist() == ["00001", "00002", "00003", "00004"]
    assert got["district_code"].tolist() == ["001", "001", "002", "002"]
    assert (got["map_unit"] == got["code"]).all()
    assert "MaXa" not in renamed.columns or renamed["MaXa"].dtype.kind == "i"  # input untouched


def test_as_communes_missing_column(communes_gdf):
    with pytest.raises(SchemaError, match=r"no column for name.*columns=\{'name'"):
        dxmap.as_communes(communes_gdf.drop(columns=["name", "full_name"]))


def test_bundled_communes_and_sapa_cluster():
    communes = dxmap.load_communes()
    assert len(communes) == 152 and communes["code"].is_unique
    assert communes["map_unit"].nunique() == 145  # 144 own polygons + the Sa Pa cluster
    sapa = communes[communes["shared_polygon"]]
    assert sorted(sapa["code"]) == ["03001", "03002", "03003", "03006", "03010", "03016", "03019", "03028"]
    assert set(sapa["map_unit"]) == {"sapa_core"}
    assert sapa.geometry.iloc[0].equals(sapa.geometry.iloc[7])
    districts = dxmap.load_districts()
    assert len(districts) == 9 and set(communes["district_code"]) == set(districts["code"])

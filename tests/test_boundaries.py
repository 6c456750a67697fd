"""Reading boundary files: formats, reprojection, repairs, and the errors users meet."""

from __future__ import annotations

import logging
import unicodedata
import zipfile

import geopandas as gpd
import pandas.testing as pd_testing
import pytest
import shapely
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
    communes = dxmap.bundled_communes()
    assert len(communes) == 152 and communes["code"].is_unique
    assert communes["map_unit"].nunique() == 145  # 144 own polygons + the Sa Pa cluster
    sapa = communes[communes["shared_polygon"]]
    assert sorted(sapa["code"]) == ["03001", "03002", "03003", "03006", "03010", "03016", "03019", "03028"]
    assert set(sapa["map_unit"]) == {"sapa_core"}
    assert sapa.geometry.iloc[0].equals(sapa.geometry.iloc[7])
    districts = dxmap.bundled_districts()
    assert len(districts) == 9 and set(communes["district_code"]) == set(districts["code"])


# --- the Arrow route gives the frame geopandas' plain route gives -------------------------------------

def _layer_kinds(suffix: str):
    import datetime as dt

    import numpy as np
    import pandas as pd
    from shapely.geometry import Point

    square = Polygon([(104, 22), (104.1, 22), (104.1, 22.1), (104, 22.1)])
    yield "text and numbers", gpd.GeoDataFrame({
        "code": ["02692", None, "2692", ""], "name": ["Bản Vược", "Xã A Lù", None, "Thôn 01"],
        "n": np.array([1, 2, 3, 4]), "n_missing": pd.array([1, None, 3, 4], dtype="Int64"), "x": [1.5, np.nan, 2.0, 3.0],
        "empty_text": pd.Series([None] * 4, dtype=object),
    }, geometry=[square, None if suffix in (".gpkg", ".geojson") else square, square.buffer(0.01), square],
        crs="EPSG:4326")
    yield "points", gpd.GeoDataFrame({"name": ["Thôn 1", None]}, geometry=[Point(104, 22), Point(104.1, 22)], crs="EPSG:4326")
    yield "dates", gpd.GeoDataFrame({"day": [dt.date(2024, 6, 30), None], "name": ["a", "b"]}, geometry=[square, square],
                                    crs="EPSG:4326")
    yield "flags", gpd.GeoDataFrame({"flag": pd.array([True, None], dtype="boolean")}, geometry=[square, square], crs="EPSG:4326")
    yield "no rows", gpd.GeoDataFrame({"name": pd.Series([], dtype=object)}, geometry=[], crs="EPSG:32648")


@pytest.mark.parametrize("suffix", [".gpkg", ".geojson", ".fgb", ".kml"])
def test_read_boundaries_frame_equals_the_plain_read(tmp_path, suffix):
    for kind, gdf in _layer_kinds(suffix):
        path = tmp_path / f"{kind.replace(' ', '_')}{suffix}"
        gdf.to_file(path, engine="pyogrio")
        plain = gpd.read_file(path, engine="pyogrio", use_arrow=False)
        got = dxmap.read_boundaries(path, crs="EPSG:4326" if plain.crs is None else None)
        expected = plain if plain.crs is not None else plain.set_crs("EPSG:4326")
        expected = expected.to_crs("EPSG:4326") if not expected.crs.equals("EPSG:4326") else expected
        pd_testing.assert_frame_equal(got.drop(columns="geometry"), expected.drop(columns="geometry"), check_exact=True)
        a, b = got.geometry.values, expected.geometry.values
        assert (shapely.equals_identical(a, b) | (shapely.is_missing(a) & shapely.is_missing(b))).all(), kind
        assert got.crs.equals(expected.crs)


def test_as_communes_and_villages_standardise_text_and_codes_on_arrow_columns(tmp_path):
    import pandas as pd

    nfd = unicodedata.normalize("NFD", "Bản  Vược ")
    communes = gpd.GeoDataFrame({"MaXa": ["2692", "02695", "10.082.02698"], "TenXa": [nfd, "Xã A Lù", None]},
                                geometry=[Polygon([(0, 0), (1, 0), (1, 1)])] * 3, crs="EPSG:4326")
    communes.to_file(tmp_path / "c.gpkg", engine="pyogrio")
    got = dxmap.as_communes(dxmap.read_boundaries(tmp_path / "c.gpkg"))
    assert got["code"].tolist() == ["02692", "02695", "02698"] and got["code"].dtype == pd.StringDtype()
    assert got["name"].tolist() == ["Bản Vược", "Xã A Lù", pd.NA] and got["name"].dtype == pd.StringDtype()
    villages = gpd.GeoDataFrame({"village_id": ["a", "a"], "name": ["x", "y"], "commune_code": ["02692"] * 2},
                                geometry=gpd.points_from_xy([0, 1], [0, 1]), crs="EPSG:4326")
    with pytest.raises(SchemaError, match="village ids occur twice: 'a'"):
        dxmap.as_villages(villages)


def test_text_that_is_not_utf8_fails_as_the_plain_read_fails(tmp_path):
    path = tmp_path / "latin1.geojson"
    path.write_bytes(b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"L\xb5o Cai"},'
                     b'"geometry":{"type":"Point","coordinates":[104,22]}}]}')
    with pytest.raises(UnicodeDecodeError) as plain:
        gpd.read_file(path, engine="pyogrio")
    with pytest.raises(UnicodeDecodeError) as ours:
        dxmap.read_boundaries(path)
    assert str(ours.value) == str(plain.value)


@pytest.mark.parametrize("code_col,name_col", [("MaHuyen", "District_N"), ("ma_huyen", "District Name"), ("district_code", "TenHuyen")])
def test_district_columns_are_found_as_commune_ones_are(code_col, name_col):
    """A district layer's own spellings come first (ma_huyen before the common "id"), and like a commune layer's
    they may be in any case, with a space for "_", or cut to a DBF's 10 characters ("District_N")."""
    square = Polygon([(104, 22), (104.1, 22), (104.1, 22.1), (104, 22.1)])
    layer = gpd.GeoDataFrame({"id": [7], code_col: ["82"], name_col: ["Bát Xát"]}, geometry=[square], crs="EPSG:4326")
    got = dxmap.as_districts(layer)
    assert got[["code", "name"]].values.tolist() == [["082", "Bát Xát"]]

"""Reading boundary files: formats, reprojection, repairs, and the errors users meet."""

from __future__ import annotations

import logging
import unicodedata
import zipfile

import geopandas as gpd
import pandas as pd
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


@pytest.mark.parametrize("folder", ["xa", "Ranh giới xã", "ranh_gioi_xa"])
def test_a_zipped_folder_of_a_shapefile_is_read(tmp_path, communes_gdf, folder):
    """QA29 M2: a zip made with "compress folder" holds xa/xa.shp…; it was refused as holding no shapefile, in a
    message that listed the shapefile's parts. QA31: macOS adds __MACOSX/…/._c.shp, which sorts before "ranh…"."""
    communes_gdf.to_file(tmp_path / "c.shp")
    with zipfile.ZipFile(tmp_path / "c.zip", "w") as z:
        for part in tmp_path.glob("c.*"):
            if part.suffix != ".zip":
                z.write(part, f"{folder}/{part.name}")
                z.writestr(f"__MACOSX/{folder}/._{part.name}", b"\x00\x05\x16\x07Mac OS X")
    got = dxmap.read_boundaries(tmp_path / "c.zip")
    assert len(got) == 4 and got.attrs["source"] == str(tmp_path / "c.zip")


def test_geopackage_layer_choice(tmp_path, communes_gdf, data_dir):
    path = tmp_path / "two.gpkg"
    communes_gdf.to_file(path, layer="communes", driver="GPKG")
    gpd.read_file(data_dir / "districts.geojson").to_file(path, layer="districts", driver="GPKG")
    assert len(dxmap.read_boundaries(path, layer="districts")) == 2
    assert len(dxmap.read_boundaries(path, layer="communes")) == 4
    with pytest.raises(SchemaError, match="no layer named 'xa'.*communes"):
        dxmap.read_boundaries(path, layer="xa")
    assert len(dxmap.read_boundaries(path, layer="Districts")) == 2  # QA29: other capitals
    assert len(dxmap.read_boundaries(path, layer="1")) == 2  # QA32: a number, as the command line gives it
    import sqlite3

    with sqlite3.connect(path) as db:  # a table without shapes, as QGIS's layer_styles
        db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        db.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES ('notes', 'attributes', 'notes')")
    with pytest.raises(UnsupportedFormatError, match="none of its 0 features has a geometry"):
        dxmap.read_boundaries(path, layer="notes")


def test_each_file_of_a_geopackage_of_several_layers_takes_its_own_layer(tmp_path, caplog):
    """QA29 M4: --layer chose only the commune layer; a GeoPackage of huyen, xa and thon gave its first layer (huyen)
    as communes and as villages, and the village layer could not be chosen."""
    demo = dxmap.demo_dataset()
    bx = demo.communes[demo.communes["district_code"].eq("082")]
    path = tmp_path / "laocai.gpkg"
    bx.dissolve("district_code").reset_index()[["district_code", "district_name", "geometry"]].rename(
        columns={"district_code": "code", "district_name": "name"}).to_file(path, layer="huyen")
    bx[["code", "name", "district_code", "district_name", "geometry"]].to_file(path, layer="xa")
    demo.villages[demo.villages["commune_code"].isin(bx["code"])][["village_id", "name", "commune_code", "geometry"]
                                                                 ].to_file(path, layer="thon")
    records = tmp_path / "r.csv"
    records.write_text("Mã xã,Mạng LAN chuẩn,Ngày\n02692,Có,30/06/2024\n", encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="dxmap"):
        data = dxmap.read_dataset(records, communes=path, districts=path, villages=path)
    assert (len(data.communes), len(data.districts), len(data.villages)) == (len(bx), 1, 246)
    assert ("laocai.gpkg: 3 layers ('huyen', 'xa', 'thon'); reading 'thon' as the villages layer. Choose another with "
            "village_layer='huyen'.") in caplog.text
    chosen = dxmap.read_dataset(records, communes=path, villages=path, village_layer="thon", layer="xa")
    assert len(chosen.villages) == 246
    # QA31: village polygons beside the communes, and a province's outline beside the districts
    polygons = tmp_path / "vpoly.gpkg"
    bx[["code", "name", "district_code", "district_name", "geometry"]].to_file(polygons, layer="xa")
    areas = demo.village_areas[demo.village_areas["commune_code"].isin(bx["code"])]
    areas[["village_id", "name", "commune_code", "geometry"]].to_file(polygons, layer="thon")
    bx.dissolve()[["geometry"]].assign(name="Lào Cai").to_file(polygons, layer="tinh")
    both = dxmap.read_dataset(records, communes=polygons, villages=polygons)
    assert (len(both.communes), len(both.villages)) == (len(bx), len(areas))
    assert dxmap.read_dataset(records, communes=path, layer=1).communes["code"].is_unique  # a layer's number
    # QA32: given as districts alone, a file's district layer (not its largest); given as communes alone, a file of
    # communes and village polygons its commune layer, as their names say
    assert len(dxmap.read_dataset(records, communes=polygons, layer="xa", districts=path).districts) == 1
    assert len(dxmap.read_dataset(records, communes=polygons).communes) == len(bx)
    with pytest.raises(SchemaError, match=r"no layer named 'thonx'.*e\.g\. village_layer='huyen'"):
        dxmap.read_dataset(records, communes=path, villages=path, village_layer="thonx")


def test_reprojects_metric_input_to_4326(tmp_path, communes_gdf):
    path = tmp_path / "utm.gpkg"
    communes_gdf.to_crs("EPSG:32648").to_file(path)
    got = dxmap.read_boundaries(path)
    assert got.crs.to_epsg() == 4326
    assert got.total_bounds == pytest.approx(communes_gdf.total_bounds, abs=1e-7)


def test_missing_crs_is_an_error_that_says_how(tmp_path, communes_gdf):
    communes_gdf.to_file(tmp_path / "c.shp")
    (tmp_path / "c.prj").unlink()
    with pytest.raises(CRSError, match=r"c\.shp.*no coordinate reference system.*crs='EPSG:4326'.*UTM: EPSG:326NN north of the equator, EPSG:327NN south") as err:
        dxmap.read_boundaries(tmp_path / "c.shp")
    assert "--" not in str(err.value)  # Python words from Python; the CLI says --crs
    assert dxmap.read_boundaries(tmp_path / "c.shp", crs="EPSG:4326").crs.to_epsg() == 4326


def test_invalid_geometry_is_repaired_and_reported(tmp_path, caplog):
    bowtie = Polygon([(104, 22), (104.1, 22.1), (104.1, 22), (104, 22.1), (104, 22)])
    gpd.GeoDataFrame({"code": ["00001"], "name": ["Nơ"]}, geometry=[bowtie], crs="EPSG:4326").to_file(tmp_path / "b.geojson")
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        got = dxmap.read_boundaries(tmp_path / "b.geojson")
    assert got.geometry.is_valid.all()
    assert got.geometry.area.iloc[0] == pytest.approx(0.005)
    assert "repaired 1 invalid geometry" in caplog.text and "Self-intersection" in caplog.text



@pytest.mark.parametrize("driver,suffix", [("GeoJSON", "geojson"), ("GPKG", "gpkg"), ("ESRI Shapefile", "shp")])
def test_features_are_numbered_from_1_in_a_file_and_by_their_labels_once_cut(tmp_path, driver, suffix):
    """Messages number a file's features from 1, as QGIS numbers its rows (they were 0-based); a layer cut,
    re-indexed or sorted in Python is named by its index labels, what gdf.loc takes (QA48 F6: pandas keeps attrs, and
    a cut layer was numbered as the file)."""
    square = Polygon([(104, 22), (104.1, 22), (104.1, 22.1), (104, 22.1)])
    codes = ["00001", "00002", "00003", "00003", "00005"]
    path = tmp_path / f"c.{suffix}"
    gpd.GeoDataFrame({"code": codes, "name": list("ABCDE")}, geometry=[square] * 5, crs="EPSG:4326").to_file(
        path, driver=driver)
    read = dxmap.read_boundaries(path)
    with pytest.raises(SchemaError, match=r"codes occur twice: '00003' \(rows 3, 4\)"):
        dxmap.as_communes(read)
    for cut, rows in ((read.iloc[1:].reset_index(drop=True), "1, 2"), (read.set_axis(read.index + 100), "102, 103"),
                      (read.sort_values("name", ascending=False), "2, 3")):
        with pytest.raises(SchemaError, match=rf"codes occur twice: '00003' \(rows {rows}\)"):
            dxmap.as_communes(cut)


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
    with pytest.raises(SchemaError, match=r"no column for name.*as_communes\(\.\.\., columns=\{'name': 'Your header'\}\)"):
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


# --- headers as people spell them; one alias table with the records ----------------------------------------

@pytest.mark.parametrize("headers", [
    {"code": "Mã xã", "name": "Tên xã", "district_code": "Mã huyện", "district_name": "Tên huyện"},
    {"code": "MA_DVHC", "name": "TEN_DVHC", "district_code": "MA_HUYEN", "district_name": "TEN_HUYEN"},
    {"code": "Mã xã", "name": "Tên đơn vị", "district_name": "Huyện"},
    {"code": "commune_code", "name": "commune_name", "district_code": "district_code", "district_name": "district_full_name"},
    {"code": "MÃ  XÃ", "name": "ten-xa", "district_code": "Mã.huyện", "district_name": "TÊN_HUYỆN"},
])
def test_commune_headers_are_found_folded(communes_gdf, headers):
    """Case, diacritics (đ too), spaces, underscores and punctuation do not matter; the spellings are the records'
    ("Mã xã", "Tên đơn vị", "Tên huyện"…) plus a layer's own (MA_DVHC/TEN_DVHC, district_full_name)."""
    layer = communes_gdf[[*headers, "geometry"]].rename(columns=headers)
    got = dxmap.as_communes(layer)
    assert got["code"].tolist() == ["00001", "00002", "00003", "00004"]
    assert got["name"].tolist() == ["Đồng Tâm", "Tân Lập", "Tân Lập", "Bắc Sơn"]
    assert got["district_name"].tolist() == ["Đông Sơn", "Đông Sơn", "Tây Sơn", "Tây Sơn"]
    assert got["district_code"].tolist() == (["001", "001", "002", "002"] if "district_code" in headers else [pd.NA] * 4)
    assert list(got.columns) == [*headers, "geometry", "map_unit", *(["district_code"] if len(headers) < 4 else [])]


def test_village_headers_are_found_folded(data_dir):
    layer = gpd.read_file(data_dir / "villages.geojson").rename(
        columns={"village_id": "Mã thôn", "name": "Tên thôn", "commune_code": "Mã xã"})
    got = dxmap.as_villages(layer)
    assert list(got.columns[:3]) == ["village_id", "name", "commune_code"]
    assert got["village_id"].iloc[0] == "00001-001" and got["name"].iloc[1] == "Bản Đán"


@pytest.mark.parametrize("order", [["commune", "commune_vn", "district", "district_vn"],
                                   ["district_vn", "commune_vn", "district", "commune"]])
def test_of_two_name_columns_the_one_with_diacritics_is_the_name(communes_gdf, order):
    """As in yenbai_communes_circa2010_src.geojson: ASCII ``commune``/``district`` beside ``commune_vn``/``district_vn``."""
    fold = {"Đồng Tâm": "Dong Tam", "Tân Lập": "Tan Lap", "Bắc Sơn": "Bac Son", "Đông Sơn": "Dong Son", "Tây Sơn": "Tay Son"}
    values = {"commune": communes_gdf["name"].map(fold), "commune_vn": communes_gdf["full_name"],
              "district": communes_gdf["district_name"].map(fold), "district_vn": communes_gdf["district_name"]}
    layer = gpd.GeoDataFrame({"code": communes_gdf["code"], **{c: values[c] for c in order}},
                             geometry=communes_gdf.geometry, crs=communes_gdf.crs)
    got = dxmap.as_communes(layer)
    assert got["name"].tolist() == ["Xã Đồng Tâm", "Xã Tân Lập", "Xã Tân Lập", "Phường Bắc Sơn"]
    assert got["district_name"].tolist() == ["Đông Sơn", "Đông Sơn", "Tây Sơn", "Tây Sơn"]
    assert got["commune"].tolist() == ["Dong Tam", "Tan Lap", "Tan Lap", "Bac Son"]  # the other one is kept as it was


def test_the_header_table_is_the_records_one():
    """Boundary layers look headers up in the records' table (validate.schema.HEADER_ALIASES): a spelling added
    there for records is found in a layer too."""
    from dxmap.io import boundaries
    from dxmap.validate.schema import HEADER_ALIASES

    for kind, field, column in (("communes", "code", "commune_code"), ("communes", "name", "commune_name"),
                                ("communes", "district_name", "district_name"), ("villages", "name", "village_name"),
                                ("villages", "commune_code", "commune_code"), ("districts", "name", "district_name")):
        spelt = {boundaries._key(s) for s in HEADER_ALIASES[column]}
        assert {k for k, (f, _) in boundaries._LOOKUP[kind].items() if f == field} >= spelt - {"code"}, (kind, field)


# --- messages in the caller's words ------------------------------------------------------------------------

def test_missing_columns_are_named_in_python_words(data_dir, communes_gdf):
    villages = gpd.read_file(data_dir / "villages.geojson").rename(columns={"name": "x", "commune_code": "y"})
    with pytest.raises(SchemaError) as err:
        dxmap.as_villages(villages)
    assert ("no column for name, commune_code" in str(err.value)
            and "as_villages(..., columns={'name': 'Your header', 'commune_code': 'Your header'})" in str(err.value))
    assert "--" not in str(err.value)
    with pytest.raises(SchemaError, match=r"columns=\{'code': 'Your header', 'name': 'Your header'\}") as err:
        dxmap.as_communes(communes_gdf[["full_name", "geometry"]].rename(columns={"full_name": "x"}))
    assert "--" not in str(err.value)
    with pytest.raises(SchemaError, match=r"as_communes\(\.\.\., columns=\) names no field 'ma_xa': the fields are code, name"):
        dxmap.as_communes(communes_gdf, columns={"ma_xa": "code"})


def test_read_boundaries_says_crs_and_layer_in_python_words(tmp_path, communes_gdf, caplog):
    path = tmp_path / "c.gpkg"
    communes_gdf.to_file(path, layer="communes")
    with caplog.at_level(logging.INFO, logger="dxmap"):
        dxmap.read_boundaries(path, crs="EPSG:9208")  # degrees: the file's own CRS is kept
    assert "the CRS given (crs=) EPSG:9208 does not fit" in caplog.text and "--crs" not in caplog.text
    with pytest.raises(SchemaError, match=r"no layer named 'xa'.*layer='communes'") as err:
        dxmap.read_boundaries(path, layer="xa")
    with pytest.raises(CRSError, match=r"crs= 'EPSG:nope' is not a coordinate reference system") as err2:
        dxmap.read_boundaries(path, crs="EPSG:nope")
    assert "--" not in str(err.value) + str(err2.value)


# --- every layer in EPSG:4326 --------------------------------------------------------------------------------

@pytest.mark.parametrize("crs", ["EPSG:9208", "EPSG:3405", "EPSG:32648"])
def test_as_functions_return_wgs84(communes_gdf, data_dir, crs):
    villages = gpd.read_file(data_dir / "villages.geojson")
    districts = gpd.read_file(data_dir / "districts.geojson")
    for standardise, layer in ((dxmap.as_communes, communes_gdf), (dxmap.as_villages, villages),
                               (dxmap.as_districts, districts)):
        got = standardise(layer.to_crs(crs))
        assert got.crs.to_epsg() == 4326, standardise.__name__
        assert got.total_bounds == pytest.approx(layer.total_bounds, abs=1e-7)


def test_a_status_of_layers_given_in_two_crs(data_dir, communes_gdf):
    """unit_status(outcomes, communes in 4326, villages in VN-2000) used to fail in geopandas' concat."""
    communes = dxmap.as_communes(communes_gdf)
    villages = dxmap.as_villages(gpd.read_file(data_dir / "villages.geojson").to_crs("EPSG:9208"))
    outcomes = dxmap.reconcile(dxmap.read_records(data_dir / "records.csv"), communes, villages)
    status = dxmap.unit_status(outcomes, communes, villages)
    assert status.crs.to_epsg() == 4326 and len(status) > 0


def test_a_layer_without_crs_is_an_error_that_says_how(communes_gdf):
    with pytest.raises(CRSError, match=r"communes: the layer has no coordinate reference system.*set_crs\('EPSG:9208'\)"):
        dxmap.as_communes(communes_gdf.set_crs(None, allow_override=True))


# --- files named, layers swapped -------------------------------------------------------------------------------

def test_duplicate_codes_name_the_file(tmp_path, communes_gdf):
    path = tmp_path / "dup.geojson"
    communes_gdf.assign(code=["00001", "00001", "00003", "00004"]).to_file(path)
    with pytest.raises(SchemaError, match=r"dup\.geojson: communes: codes occur twice: '00001'"):
        dxmap.as_communes(dxmap.read_boundaries(path))


def test_swapped_commune_and_district_layers_are_named(tmp_path, communes_gdf, data_dir):
    communes_file, districts_file = tmp_path / "xa.geojson", tmp_path / "huyen.geojson"
    communes_gdf.to_file(communes_file)
    gpd.read_file(data_dir / "districts.geojson").to_file(districts_file)
    as_communes = dxmap.as_communes(dxmap.read_boundaries(districts_file))  # --communes huyen.geojson: codes 00001, 00002
    with pytest.raises(SchemaError, match=r"xa\.geojson: districts: this looks like a commune layer.*codes of 5 digits "
                                          r"\('00001', '00002', '00003', '00004'\), not the district codes") as err:
        dxmap.as_districts(dxmap.read_boundaries(communes_file), communes=as_communes)
    assert (f"the commune layer {districts_file} has 2 features with 3-digit codes ('001', '002')" in str(err.value)
            and f"swapped: give communes='{communes_file}' and districts='{districts_file}'" in str(err.value))
    dxmap.as_districts(dxmap.read_boundaries(districts_file), communes=dxmap.as_communes(communes_gdf))  # the right way


def _andean(tmp_path, district_columns=True):
    """A made-up Andean region (QA67 F2): provinces "0201", "0202" of 4 digits, their municipalities of 6."""
    square = lambda x, y: Polygon([(x, y), (x + 0.1, y), (x + 0.1, y + 0.1), (x, y + 0.1)])  # noqa: E731
    codes = ["020101", "020102", "020103", "020201", "020202", "020203"]
    names = ["Achacachi", "Ancoraimes", "Peñas", "Pucarani", "Laja", "Batallas"]
    communes = gpd.GeoDataFrame({"code": codes, "name": names,
                                 "district_code": [c[:4] for c in codes],
                                 "district_name": ["Omasuyos"] * 3 + ["Los Andes"] * 3},
                                geometry=[square(-68.6 + 0.1 * i, -16.2) for i in range(6)], crs="EPSG:4326")
    if not district_columns:
        communes = communes.drop(columns=["district_code", "district_name"])
    districts = gpd.GeoDataFrame({"code": ["0201", "0202"], "name": ["Omasuyos", "Los Andes"]},
                                 geometry=[square(-68.6, -16.2).union(square(-68.4, -16.2)),
                                           square(-68.3, -16.2).union(square(-68.1, -16.2))], crs="EPSG:4326")
    paths = tmp_path / "municipios.geojson", tmp_path / "provincias.geojson"
    communes.to_file(paths[0])
    districts.to_file(paths[1])
    return paths


@pytest.mark.parametrize("district_columns", [True, False])
def test_a_district_layer_of_4_digit_codes_is_judged_against_the_communes(tmp_path, district_columns):
    """QA67 F2: Peru's or Bolivia's provinces ("0201"), Indonesia's kabupaten have codes of 4 digits; beside communes
    whose district codes they are (or which they begin, on fewer features) they are a district layer, not "a commune
    layer, the files swapped"."""
    communes_file, districts_file = _andean(tmp_path, district_columns)
    communes = dxmap.as_communes(dxmap.read_boundaries(communes_file))
    districts = dxmap.as_districts(dxmap.read_boundaries(districts_file), communes=communes)
    assert districts["code"].tolist() == ["0201", "0202"]
    assert dxmap.as_districts(dxmap.read_boundaries(districts_file))["code"].tolist() == ["0201", "0202"]  # alone
    # the files given the wrong way round are still refused, both named, the shorter codes shown as written
    with pytest.raises(SchemaError) as err:
        dxmap.as_districts(dxmap.read_boundaries(communes_file),
                           communes=dxmap.as_communes(dxmap.read_boundaries(districts_file)))
    assert (f"{communes_file}: districts: this looks like a commune layer, not a district layer: its 6 features have "
            "codes of 6 digits ('020101', '020102', '020103', '020201', '020202' … (6 in all)), not the district codes "
            "of the commune layer's communes, nor shorter than their codes; and the commune layer "
            f"{districts_file} has 2 features with 4-digit codes ('0201', '0202'), shorter ones, as districts have. "
            f"The two files are swapped: give communes='{communes_file}' and districts='{districts_file}'."
            ) == str(err.value)
    with pytest.raises(SchemaError, match=r"its 6 codes are the commune layer's commune codes \('020101'.*The same "
                                          "file is given as both layers"):  # the commune layer twice
        dxmap.as_districts(dxmap.read_boundaries(communes_file), communes=communes)


def test_district_codes_that_begin_the_communes_trailing_zeros_aside():
    """The Philippines' PSGC writes every level in 9 digits: province 012800000, its municipalities 012801000…"""
    square = lambda x: Polygon([(x, 0), (x + 1, 0), (x + 1, 1), (x, 1)])  # noqa: E731
    communes = dxmap.as_communes(gpd.GeoDataFrame(
        {"code": ["012801000", "012802000", "012901000"], "name": ["Adams", "Bacarra", "Alilem"]},
        geometry=[square(i) for i in range(3)], crs="EPSG:4326"))
    layer = gpd.GeoDataFrame({"code": ["012800000", "012900000"], "name": ["Ilocos Norte", "Ilocos Sur"]},
                             geometry=[square(0), square(2)], crs="EPSG:4326")
    assert len(dxmap.as_districts(layer, communes=communes)) == 2
    with pytest.raises(SchemaError, match="codes of 9 digits"):  # codes beginning no commune's: not its districts
        dxmap.as_districts(layer.assign(code=["013800000", "013900000"]), communes=communes)


def test_a_district_layer_read_as_communes_says_so(data_dir):
    layer = gpd.read_file(data_dir / "districts.geojson").rename(columns={"code": "MaHuyen", "name": "TenHuyen"})
    with pytest.raises(SchemaError, match=r"Its columns name districts: is it the district layer\? Give it as districts="):
        dxmap.as_communes(layer)


def test_a_district_layer_of_names_only(data_dir, communes_gdf):
    names = gpd.read_file(data_dir / "districts.geojson").drop(columns="code").rename(columns={"name": "Tên huyện"})
    names.loc[0, "Tên huyện"] = "Huyện Đông Sơn"
    assert dxmap.as_districts(names, communes=dxmap.as_communes(communes_gdf))["code"].tolist() == ["001", "002"]
    assert dxmap.as_districts(names)["code"].tolist() == ["dong son", "tay son"]  # as filled_districts keys names
    with pytest.raises(SchemaError, match=r"as_districts\(\.\.\., columns=\{'code': 'Your header', 'name': 'Your header'\}\)"):
        dxmap.as_districts(names.rename(columns={"Tên huyện": "x"}))


def test_a_shapefile_whose_vietnamese_column_names_were_cut_says_to_save_it_otherwise(tmp_path):
    """Re-QA: a DBF keeps 10 bytes of a name; 'Tên huyện' is cut inside a letter, and reading it was an internal
    UnicodeDecodeError. It is now an error that names the file and the fix."""
    import warnings

    layer = dxmap.bundled_communes()[["code", "name", "district_name", "geometry"]].rename(
        columns={"code": "Mã xã", "name": "Tên xã", "district_name": "Tên huyện"})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # GDAL says it cut the names
        layer.to_file(tmp_path / "xa.shp")
    with pytest.raises(UnsupportedFormatError, match=r"xa.shp: its text cannot be read as UTF-8\. A Shapefile keeps 10 bytes.*GeoPackage"):
        dxmap.read_boundaries(tmp_path / "xa.shp")


def test_communes_sharing_one_polygon_in_a_layer_of_ones_own_are_drawn_once(tmp_path, caplog):
    # the bundled layer without its map_unit column, as a user's file: the 8 Sa Pa units carry one polygon each
    own = dxmap.bundled_communes().drop(columns=["map_unit", "shared_polygon"])
    own.to_file(tmp_path / "xa.gpkg")
    with caplog.at_level(logging.INFO, logger="dxmap"):
        communes = dxmap.as_communes(dxmap.read_boundaries(tmp_path / "xa.gpkg"))
    shared = communes[communes["shared_polygon"]]
    assert len(shared) == 8 and shared["map_unit"].nunique() == 1 and communes["map_unit"].nunique() == 145
    assert shared["map_unit"].iloc[0] == "shared:" + shared["code"].iloc[0]
    assert "8 communes share 1 polygon ('Sa Pa'" in caplog.text
    from dxmap.gaps.queries import shared_outline
    assert shared_outline(communes, code="code", name="name")[communes["name"].eq("Hoàng Liên")].item().startswith(
        "Sa Pa, Sa Pả")
    # every commune with a polygon of its own: map_unit is its code, no shared_polygon column
    alone = dxmap.as_communes(own[~own["code"].isin(shared["code"].iloc[1:])])
    assert alone["map_unit"].eq(alone["code"]).all() and "shared_polygon" not in alone.columns


def test_an_id_column_that_numbers_the_rows_is_said_not_to_hold_codes(tmp_path, communes_gdf, caplog):
    """QA29 L1: a GeoJSON's "ID" (0, 1, 2…) or a KML's "ge.1", "ge.2"… was taken for the commune code without a word,
    and the records' right codes were then called conflicts."""
    layer = communes_gdf.rename(columns={"code": "ID"}).assign(ID=[str(i) for i in range(len(communes_gdf))])
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        dxmap.as_communes(layer)
        dxmap.as_communes(communes_gdf)  # real codes, 00001…00004 under "code": nothing said
        dxmap.as_communes(layer, columns={"code": "ID"})  # named: the user knows
    said = [r.getMessage() for r in caplog.records if "numbers the rows" in r.getMessage()]
    assert len(said) == 1 and "the column 'ID' is taken for codes, but it only numbers the rows ('0', '1', '2' …)" in said[0]


def test_a_layer_without_features_is_said_so_not_asked_for_columns(tmp_path):
    """QA60 23: an empty FeatureCollection was told to name its code and name columns."""
    path = tmp_path / "empty.geojson"
    path.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    for reader in (dxmap.as_communes, dxmap.as_villages):
        with pytest.raises(SchemaError, match=r"empty\.geojson: .*the layer has no features \(an empty file\?\)"):
            reader(dxmap.read_boundaries(path))


def test_a_commune_layer_given_as_villages_is_asked_whether_it_is_the_commune_layer():
    """QA60 24: the opposite mistake (villages as communes) was recognised; this one asked for a commune_code column."""
    communes = dxmap.bundled_communes()[["code", "name", "geometry"]]
    with pytest.raises(SchemaError, match=r"no column for commune_code.*polygons with five-digit codes, as communes "
                                          r"are: is it the commune layer\? Give it as communes="):
        dxmap.as_villages(communes)


def test_a_csv_of_points_with_longitude_and_latitude_columns_is_a_point_layer(tmp_path):
    """QA72 K6: a villages list as a CSV with lat/lon columns (INEI's centros poblados) was refused as "not a boundary
    format", though GDAL reads it."""
    path = tmp_path / "thon.csv"
    path.write_text("Mã thôn,Tên thôn,Mã xã,Vĩ độ,Kinh độ\n053101,Nà Pồng,02692,\"22,7031\",\"103,5932\"\n"
                    "053102,Bản Mế,02692,22.70,103.60\n", encoding="utf-8")
    layer = dxmap.read_boundaries(path)
    assert layer.crs == "EPSG:4326" and layer.columns.tolist() == ["Mã thôn", "Tên thôn", "Mã xã", "geometry"]
    assert layer["Mã thôn"].tolist() == ["053101", "053102"]  # codes as text, with their leading zeros
    assert [(round(p.x, 4), round(p.y, 4)) for p in layer.geometry] == [(103.5932, 22.7031), (103.6, 22.7)]
    assert dxmap.as_villages(layer)["village_id"].tolist() == ["053101", "053102"]
    utm = tmp_path / "utm.csv"  # projected x, y in the CRS given
    utm.write_text("id,x,y\n1,580000,8540000\n", encoding="utf-8")
    point = dxmap.read_boundaries(utm, crs="EPSG:32718").geometry.iloc[0]
    assert -74.3 < point.x < -74.2 and -13.3 < point.y < -13.1


def test_a_csv_of_points_names_its_rows_without_a_position_and_one_without_columns_the_fix(tmp_path):
    path = tmp_path / "cp.csv"
    path.write_text("code,name,lat,lon\n1,A,-13.1,-74.5\n2,B,,-74.6\n3,C,-13.2,n/a\n4,D,-13.3,-74.7\n",
                    encoding="utf-8")
    with pytest.raises(SchemaError) as err:
        dxmap.read_boundaries(path)
    assert str(err.value) == (f"{path}: 2 rows have no longitude (lon) and latitude (lat) that read as numbers: "
                              "row 3: lon '-74.6', lat '', row 4: lon 'n/a', lat '-13.2'. Write the position in "
                              "decimal degrees (-74.5852), or delete those rows.")
    bare = tmp_path / "cp2.csv"
    bare.write_text("code,name,Este,lat\n1,A,580000,-13.1\n", encoding="utf-8")
    with pytest.raises(UnsupportedFormatError) as err:
        dxmap.read_boundaries(bare)
    assert "none of its headers ('code', 'name', 'Este', 'lat') names them" in str(err.value)
    assert str(err.value).endswith(f"ogr2ogr cp2.gpkg {bare} -oo X_POSSIBLE_NAMES=LONGITUDE_HEADER -oo "
                                   "Y_POSSIBLE_NAMES=lat -oo KEEP_GEOM_COLUMNS=NO -a_srs EPSG:4326 (with the file's "
                                   "own headers and CRS).")


def test_a_sub_county_code_column_is_the_district_code_not_a_key_made_of_the_name(communes_gdf):
    """QA72 K9: Kenya's ward and sub-county layers give the sub-county's code as SC_CODE; it was not read, so the
    districts were keyed by name and "kang undo" was written as a district code in summary.csv and the report."""
    wards = communes_gdf.rename(columns={"code": "WARD_CODE", "name": "WARD_NAME", "district_code": "SC_CODE",
                                         "district_name": "SUBCOUNTY"}).drop(columns="full_name")
    communes = dxmap.as_communes(wards)
    assert communes["district_code"].tolist() == ["001", "001", "002", "002"]
    subcounties = wards.dissolve("SC_CODE", as_index=False)[["SC_CODE", "SUBCOUNTY", "geometry"]]
    districts = dxmap.as_districts(subcounties, communes=communes)
    assert districts["code"].tolist() == ["001", "002"] and districts["name"].tolist() == ["Đông Sơn", "Tây Sơn"]

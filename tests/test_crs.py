"""VN-2000 inputs: EPSG:9208 shapefiles land on the truth; a .prj without the datum shift is reported."""

from __future__ import annotations

import logging
import re

import geopandas as gpd
import pyproj
import pytest
from shapely.geometry import Point

import dxmap
from dxmap.validate.crs import check_datum, vn2000_equivalent
from dxmap.errors import CRSError

# Known WGS 84 positions: Lào Cai city, Sa Pa, Bắc Hà, Yên Bái city.
TRUTH = [(103.975, 22.486), (103.844, 22.336), (104.290, 22.540), (104.870, 21.720)]
GEOD = pyproj.Geod(ellps="WGS84")
# A .prj as some tools write it: the TM-3 104-45 projection on the WGS 84 ellipsoid, no datum shift.
BARE_PRJ = (
    'PROJCS["VN2000 TM3 104.75",GEOGCS["GCS_unknown",DATUM["D_unknown",SPHEROID["WGS_1984",6378137,298.257223563]],'
    'PRIMEM["Greenwich",0],UNIT["Degree",0.017453292519943295]],PROJECTION["Transverse_Mercator"],'
    'PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",104.75],PARAMETER["scale_factor",0.9999],'
    'PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["Meter",1]]'
)


def _errors_m(gdf: gpd.GeoDataFrame) -> list[float]:
    return [GEOD.inv(lon, lat, p.x, p.y)[2] for (lon, lat), p in zip(TRUTH, gdf.geometry)]


@pytest.fixture
def vn2000_shapefile(tmp_path):
    to_tm3 = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:9208", always_xy=True)
    pts = [Point(*to_tm3.transform(lon, lat)) for lon, lat in TRUTH]
    path = tmp_path / "points_9208.shp"
    gpd.GeoDataFrame({"name": ["Lào Cai", "Sa Pa", "Bắc Hà", "Yên Bái"]}, geometry=pts, crs="EPSG:9208").to_file(
        path, engine="pyogrio")
    return path


def test_epsg_9208_lands_within_a_metre(vn2000_shapefile):
    gdf = dxmap.read_boundaries(vn2000_shapefile)
    assert gdf.crs.to_epsg() == 4326
    assert max(_errors_m(gdf)) < 1.0
    assert "crs_warning" not in gdf.attrs


def test_datum_less_prj_is_off_by_about_200_m_and_reported(vn2000_shapefile, caplog):
    vn2000_shapefile.with_suffix(".prj").write_text(BARE_PRJ)
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        gdf = dxmap.read_boundaries(vn2000_shapefile)
    errors = _errors_m(gdf)
    assert all(150 < e < 300 for e in errors), errors
    assert 215 < errors[0] < 230  # about 223 m at Lào Cai city
    warning = gdf.attrs["crs_warning"]
    assert "EPSG:9208" in warning and "m off" in warning and str(vn2000_shapefile) in warning
    assert "EPSG:9208" in caplog.text
    fixed = dxmap.read_boundaries(vn2000_shapefile, crs="EPSG:9208")
    assert max(_errors_m(fixed)) < 1.0 and "crs_warning" not in fixed.attrs


def test_missing_prj_is_an_error_that_says_how(vn2000_shapefile):
    vn2000_shapefile.with_suffix(".prj").unlink()
    with pytest.raises(CRSError, match="crs='EPSG:9208'"):
        dxmap.read_boundaries(vn2000_shapefile)


def test_check_datum_on_known_crs():
    for ok in ("EPSG:4326", "EPSG:9208", "EPSG:4756", "EPSG:32648", "EPSG:3857"):
        assert check_datum(ok) is None, ok
    wgs_labelled = pyproj.CRS.from_proj4("+proj=tmerc +lon_0=104.75 +k=0.9999 +x_0=500000 +datum=WGS84 +units=m")
    problem = check_datum(wgs_labelled, bounds=(420058.0, 2487681.0, 420058.0, 2487681.0))
    assert problem is not None and problem.suggested_crs == "EPSG:9208"
    assert 215 < problem.offset_m < 230
    assert problem.message == problem.said["en"] and problem.message.startswith("boundary file: its .prj says WGS 84")
    assert "crs='EPSG:9208' (CLI: --crs EPSG:9208), or fix the .prj." in problem.message
    assert problem.said["vi"].startswith("boundary file: tệp .prj ghi WGS 84 nhưng dùng phép chiếu VN-2000 TM-3")
    assert "lệch khoảng 2" in problem.said["vi"] and "hãy đọc với --crs EPSG:9208, hoặc sửa tệp .prj." in problem.said["vi"]
    bare = pyproj.CRS.from_proj4("+proj=tmerc +lon_0=105.5 +k=0.9999 +x_0=500000 +ellps=WGS84 +units=m")
    assert check_datum(bare).suggested_crs == "EPSG:9209"


def test_vn2000_equivalent():
    assert vn2000_equivalent("EPSG:9208") == "EPSG:9208"
    assert vn2000_equivalent("EPSG:4326") == "EPSG:4756"
    assert vn2000_equivalent("EPSG:3857") is None


def test_one_crs_option_for_a_vn2000_shapefile_beside_a_geojson(vn2000_shapefile, tmp_path, caplog):
    """--crs EPSG:9208 fixes the shapefile's bare .prj; the GeoJSON read in the same command keeps its own
    longitude/latitude (with a warning) instead of failing as "degrees said to be EPSG:9208"."""
    vn2000_shapefile.with_suffix(".prj").write_text(BARE_PRJ)
    lonlat = tmp_path / "villages.geojson"
    gpd.GeoDataFrame({"name": ["A"]}, geometry=[Point(*TRUTH[0])], crs="EPSG:4326").to_file(lonlat)
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        fixed = dxmap.read_boundaries(vn2000_shapefile, crs="EPSG:9208")
        kept = dxmap.read_boundaries(lonlat, crs="EPSG:9208")
    assert max(_errors_m(fixed)) < 1.0
    assert kept.geometry[0].equals(Point(*TRUTH[0]))
    assert "villages.geojson: kept the file's own CRS" in caplog.text and "does not fit its coordinates" in caplog.text


def test_a_crs_given_that_moves_a_sound_layer_kilometres_is_taken_and_said(vn2000_shapefile, caplog):
    """QA31: a .prj naming the wrong projection (TM-3 data under ArcGIS's UTM 48N, another TM-3 zone) is what --crs
    corrects: the given CRS is taken, with a warning that says how far it moves the layer."""
    vn2000_shapefile.with_suffix(".prj").write_text(pyproj.CRS("EPSG:3405").to_wkt("WKT1_ESRI"))  # VN-2000 / UTM 48N
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        fixed = dxmap.read_boundaries(vn2000_shapefile, crs="EPSG:9208")
    assert max(_errors_m(fixed)) < 1.0
    assert re.search(r"read in the CRS given \(crs=\) VN-2000 / TM-3 104-45, not its \.prj's \(VN-2000 / UTM zone "
                     r"48N\): that moves the layer 2\d\.\d km", caplog.text)


def test_one_crs_for_the_communes_leaves_a_village_layer_its_own_where_only_that_is_on_them(vn2000_shapefile,
                                                                                           tmp_path, caplog):
    """QA29 H1: --crs EPSG:9208, given for a commune shapefile's bare .prj, was also put on the village layer's sound
    UTM 48N .prj: both fit the coordinates, and the villages landed 25.5 km off without a word."""
    from shapely.geometry import box

    vn2000_shapefile.with_suffix(".prj").write_text(BARE_PRJ)
    communes = tmp_path / "xa.geojson"
    gpd.GeoDataFrame({"code": ["00001"], "name": ["A"]}, geometry=[box(103.80, 22.30, 104.00, 22.52)],
                     crs="EPSG:4326").to_crs("EPSG:9208").to_file(communes)
    utm = tmp_path / "thon.shp"
    gpd.GeoDataFrame({"name": ["A", "B"], "commune_code": "00001"}, geometry=[Point(*TRUTH[0]), Point(*TRUTH[1])],
                     crs="EPSG:4326").to_crs("EPSG:32648").to_file(utm)
    records = tmp_path / "r.csv"
    records.write_text("Mã xã,Mạng LAN chuẩn,Ngày\n00001,Có,30/06/2024\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        data = dxmap.read_dataset(records, communes=communes, villages=utm, crs="EPSG:9208")
    assert data.villages.geometry[0].distance(Point(*TRUTH[0])) < 1e-6
    assert ("thon.shp: kept the file's own CRS (WGS 84 / UTM zone 48N), which puts the layer on the communes: read in "
            "the CRS given (crs=) VN-2000 / TM-3 104-45 it would move") in caplog.text
    # QA32: a district layer as large as the communes, moved 25 km, still lies 3/4 on them: it keeps its own too
    wide = tmp_path / "xa_wide.geojson"
    gpd.GeoDataFrame({"code": ["00001"], "name": ["A"], "district_code": "001"}, geometry=[box(103.5, 21.5, 104.5, 22.6)],
                     crs="EPSG:4326").to_crs("EPSG:9208").to_file(wide)
    huyen = tmp_path / "huyen.shp"
    gpd.GeoDataFrame({"code": ["001"], "name": ["H"]}, geometry=[box(103.5, 21.5, 104.5, 22.6)],
                     crs="EPSG:4326").to_crs("EPSG:32648").to_file(huyen)
    data = dxmap.read_dataset(records, communes=wide, districts=huyen, crs="EPSG:9208")
    assert abs(data.districts.total_bounds[0] - 103.5) < 1e-6
    # one kind of file's CRS: the others keep their own .prj's
    each = dxmap.read_dataset(records, communes=communes, villages=utm, crs={"communes": "EPSG:9208"})
    assert each.villages.geometry[0].distance(Point(*TRUTH[0])) < 1e-6
    with pytest.raises(dxmap.DxmapError, match=r"crs=: 'xa' is no kind of boundary file"):
        dxmap.read_dataset(records, communes=communes, crs={"xa": "EPSG:9208"})


def test_a_crs_given_that_fits_no_coordinates_says_who_gave_it(tmp_path):
    path = tmp_path / "lonlat.shp"
    gpd.GeoDataFrame({"name": ["A"]}, geometry=[Point(*TRUTH[0])], crs="EPSG:4326").to_file(path, engine="pyogrio")
    path.with_suffix(".prj").unlink()  # no CRS of its own: the option is all there is
    with pytest.raises(CRSError, match=r"look like degrees, but the CRS given \(crs=\) is EPSG:9208"):
        dxmap.read_boundaries(path, crs="EPSG:9208")


def test_a_tm3_zone_beyond_the_provinces_epsg_lists_is_read_with_a_warning(tmp_path, caplog):
    """QA67 F9: EPSG:9213 (VN-2000 / TM-3 106-30) lists Bắc Kạn and Thái Nguyên only; communes at 106.5°E, 10.6°N lie
    on its meridian, where the projection is as sound. They were refused as "the CRS it declares is probably wrong",
    and giving the same CRS (crs=) did not help."""
    from shapely.geometry import box

    path = tmp_path / "xa.shp"
    gpd.GeoDataFrame({"code": ["32601"], "name": ["Phú Lộc"]}, geometry=[box(106.45, 10.55, 106.6, 10.65)],
                     crs="EPSG:4326").to_crs("EPSG:9213").to_file(path, engine="pyogrio")
    for crs, done in ((None, "read in that CRS all the same, as the file declares it. If the map shows the layer "
                             "in the wrong place, give its right CRS"),
                      ("EPSG:9213", "read in the CRS given (crs=) all the same. If the map shows the layer in the "
                                    "wrong place, the CRS given is not the layer's")):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="dxmap"):
            gdf = dxmap.read_boundaries(path, crs=crs)
        assert gdf.total_bounds == pytest.approx([106.45, 10.55, 106.6, 10.65], abs=1e-6)
        assert ("xa.shp: its features lie at 106.450…106.600°E, 10.550…10.650°N, outside the area EPSG lists for "
                f"EPSG:9213 (Vietnam - Bac Kan and Thai Nguyen provinces: 105.4…106.2°E, 21.3…22.8°N); {done}"
                ) in caplog.text


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_crs_given_outside_its_area_is_said_used_not_advised_again(tmp_path, lang):
    """QA68 N11: `--crs EPSG:9213` for communes beyond the area EPSG lists was taken, and the warning then advised
    "give its right CRS (--crs)": the option the user had given. It says the CRS given was used all the same."""
    from click.testing import CliRunner
    from shapely.geometry import box

    from dxmap.cli import main

    path = tmp_path / "xa.shp"
    gpd.GeoDataFrame({"code": ["32601"], "name": ["Phú Lộc"]}, geometry=[box(106.45, 10.55, 106.6, 10.65)],
                     crs="EPSG:4326").to_crs("EPSG:9213").to_file(path, engine="pyogrio")
    records = tmp_path / "r.csv"
    records.write_text("Mã xã,Tên xã,LAN,Ngày\n32601,Phú Lộc,Có,30/06/2024\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--records", str(records), "--communes", str(path), "--crs",
                                       "EPSG:9213", "--lang", lang])
    assert result.exit_code == 0, result.output
    warning = result.stderr.splitlines()[0]
    assert warning.endswith({"en": "; read in the CRS given (--crs) all the same. If the map shows the layer in the "
                                   "wrong place, the CRS given is not the layer's",
                             "vi": "; vẫn đọc theo hệ tọa độ đã chọn (--crs). Nếu bản đồ đặt lớp sai chỗ thì hệ đã "
                                   "chọn không phải hệ của lớp"}[lang]), warning
    assert warning.count("--crs") == 1  # was twice: "as it was given (--crs) … give its right CRS (--crs)"


def test_a_declared_crs_far_off_its_zone_is_still_refused_and_a_given_one_taken(tmp_path, caplog):
    """A TM-3 zone holds features near its meridian only, a UTM north zone none south of the equator: a file declaring
    one elsewhere is refused as before; the same CRS given (crs=) is the user's word, taken with a warning."""
    from shapely.geometry import box

    from dxmap.validate.crs import implausible_coordinates

    west = tmp_path / "west.shp"  # 99°E is 7.5° off the 106-30 meridian
    gpd.GeoDataFrame({"name": ["A"]}, geometry=[box(99.0, 18.0, 99.1, 18.1)], crs="EPSG:4326").to_crs(
        "EPSG:9213").to_file(west, engine="pyogrio")
    with pytest.raises(CRSError, match=r"outside where EPSG:9213 is used .*the CRS it declares is probably wrong"):
        dxmap.read_boundaries(west)
    south = pyproj.Transformer.from_crs(4326, 32648, always_xy=True).transform_bounds(105.0, -45.2, 105.1, -45.1)
    assert "outside where EPSG:32648 is used" in implausible_coordinates("EPSG:32648", south)
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        assert dxmap.read_boundaries(west, crs="EPSG:9213").total_bounds[0] == pytest.approx(99.0, abs=1e-6)
    assert ("outside the area EPSG lists for EPSG:9213" in caplog.text
            and "read in the CRS given (crs=) all the same" in caplog.text)

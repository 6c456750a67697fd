"""The errors of reading a boundary file, of a wrong layer and of --units are said in the command's language (QA21
finding H1): under --lang vi the line after "dxmap: lỗi:" is Vietnamese, under --lang en it is the English a library
user reads, as it was. A layer's column error names that layer's option (--communes-column, not --column: M3), and
the warning of features without a shape counts them in words ("1 feature … at row 1", "đối tượng 1": L2; numbered from 1 as QGIS numbers the rows)."""

from __future__ import annotations

import json
import re
import warnings
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
from click.testing import CliRunner
from shapely.geometry import box

import dxmap
from dxmap.cli import main
from dxmap.errors import CRSError, SchemaError
from dxmap.validate.crs import implausible_coordinates, implausible_coordinates_said

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning", "ignore::UserWarning")

ROOT = Path(dxmap.__file__).parent.parent
B = ROOT / "data" / "boundaries"
RECORDS = ROOT / "data" / "sample" / "status_records.csv"
ONE = {"code": "02692", "name": "A Lù"}

# English words a sentence is made of; five of them in a row on the Vietnamese console is an English sentence left
_ENGLISH = set("""a an the its it is are be has have no not none of in on at to for from with as by and or but
this that which what give pass use check layer layers file files field fields column columns code codes commune
communes district districts village villages feature features geometry record records row rows named names look
looks like coordinates degrees metres swapped order longitude latitude first axes exporting outside where used
probably wrong right one again shapes holds zip shapefile vector read can dxmap occur twice each needs dissolve them
own id given crosswalk only leads boundary version reconcile instead boundaries system reference coordinate knows
such projected really e g either lie declares than more same both swapped them choose another other too
together keep all export without comes version versions split mixes per set written units but so directly cannot
joined were reused join move result could text vector has have null empty status drop point polygon""".split())


def _english_run(text: str) -> list[str]:
    """The longest run of English words in ``text``, once quoted values, options and paths are taken out."""
    text = re.sub(r"'[^']*'|\"[^\"]*\"|--[\w-]+|\S*[/\\]\S*|\w+=\S*", " ", text)
    best: list[str] = []
    run: list[str] = []
    for word in re.findall(r"[^\W\d_]+", text.lower()):
        run = run + [word] if word in _ENGLISH else []
        best = max(best, run, key=len)
    return best


def _square(x: float, y: float, d: float) -> list:
    return [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]]


def _geojson(path: Path, features: list, crs: int | None = None) -> Path:
    doc: dict = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": props,
         "geometry": None if rings is None else {"type": "Polygon", "coordinates": rings}} for props, rings in features]}
    if crs:  # GDAL reads the old GeoJSON "crs" member
        doc["crs"] = {"type": "name", "properties": {"name": f"urn:ogc:def:crs:EPSG::{crs}"}}
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def d(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("errors_lang")
    _geojson(d / "metres.geojson", [(ONE, _square(400000, 2480000, 5000))])
    _geojson(d / "swapped.geojson", [(ONE, _square(22.4, 103.8, 0.05))])
    _geojson(d / "degrees.geojson", [(ONE, _square(103.8, 22.4, 0.05))], crs=9208)
    _geojson(d / "outside.geojson", [(ONE, _square(500000, -5000000, 5000))], crs=32648)
    gpd.GeoDataFrame([ONE], geometry=[box(103.8, 22.4, 103.85, 22.45)], crs=4326).to_file(d / "xa.gpkg", layer="xa")
    _geojson(d / "nogeom.geojson", [(ONE, None), ({"code": "02695", "name": "B"}, None)])
    with zipfile.ZipFile(d / "noshp.zip", "w") as z:
        z.writestr("readme.txt", "no shapefile here")
    _geojson(d / "dup.geojson", [(ONE, _square(103.8, 22.4, 0.05)), ({"code": "02692", "name": "B"},
                                                                      _square(103.9, 22.4, 0.05))])
    _geojson(d / "vdup.geojson", [({"village_id": "v1", "name": "Thôn 1", "commune_code": "02692"},
                                   _square(103.8, 22.4, 0.01)),
                                  ({"village_id": "v1", "name": "Thôn 2", "commune_code": "02692"},
                                   _square(103.9, 22.4, 0.01))])
    _geojson(d / "ok.geojson", [({"MA": "02692", "TEN": "A Lù"}, _square(103.8, 22.4, 0.05))])
    _geojson(d / "oneempty.geojson", [(ONE, None), ({"code": "02695", "name": "B"}, _square(103.8, 22.4, 0.05))])
    _geojson(d / "noname.geojson", [({"code": "02647", "X": "Kim Tân"}, _square(103.8, 22.4, 0.05))])
    _geojson(d / "distcols.geojson", [({"code": "02647", "district_name": "Bát Xát"}, _square(103.8, 22.4, 0.05))])
    gpd.GeoDataFrame({"MA": ["02647"]}, geometry=[box(103.8, 22.4, 103.85, 22.45)], crs=4326).to_file(
        d / "two.gpkg", layer="tinh")
    gpd.GeoDataFrame([ONE], geometry=[box(103.8, 22.4, 103.85, 22.45)], crs=4326).to_file(d / "two.gpkg", layer="xa")
    (d / "noshx").mkdir()
    gpd.GeoDataFrame([ONE], geometry=[box(103.8, 22.4, 103.85, 22.45)], crs=4326).to_file(d / "noshx" / "xa.shp")
    (d / "noshx" / "xa.shx").unlink()
    (d / "junk.geojson").write_text("this is not a map", encoding="utf-8")
    (d / "cut").mkdir()
    cut = gpd.GeoDataFrame({"Mã xã": ["02692"], "Tên xã": ["A Lù"], "Tên huyện": ["Bát Xát"]},
                           geometry=[box(103.8, 22.4, 103.85, 22.45)], crs=4326)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # GDAL says it cut the names
        cut.to_file(d / "cut" / "xa.shp")
    _geojson(d / "mixed.geojson", [({**ONE, "boundary_version": "2024"}, _square(103.8, 22.4, 0.05)),
                                   ({"code": "02695", "name": "B", "boundary_version": "2025-07"},
                                    _square(103.9, 22.4, 0.05))])
    _geojson(d / "v2024.geojson", [({"code": "02647", "name": "Kim Tân", "boundary_version": "2024"},
                                    _square(103.8, 22.4, 0.05))])
    _geojson(d / "vnogeom.geojson", [({"village_id": "v1", "name": "Thôn 1", "commune_code": "02692"},
                                      _square(103.8, 22.4, 0.01)),
                                     ({"village_id": "v2", "name": "Thôn 2", "commune_code": "02692"}, None)])
    (d / "r2025.csv").write_text("commune_code,commune_name,technology,status,as_of\n02647,Lào Cai,lan,covered,"
                                 "2025-09-30\n", encoding="utf-8")
    return d


# case → (summary's arguments, the English error as a library user reads it on the command line)
CASES = {
    "metres": (["--communes", "{d}/metres.geojson"],
               "{d}/metres.geojson: its coordinates (400000…405000, 2.48e+06…2.485e+06) are metres, not degrees, but "
               "the file says EPSG:4326: give the projected CRS it is really in, e.g. --crs EPSG:9208 (VN-2000 / TM-3 "
               "104-45) or --crs EPSG:32648 (UTM 48N)."),
    "metres given": (["--communes", "{d}/metres.geojson", "--crs", "EPSG:4326"],
                     "{d}/metres.geojson: its coordinates (400000…405000, 2.48e+06…2.485e+06) are metres, not degrees, "
                     "but the CRS given (--crs) is EPSG:4326: give the projected CRS it is really in, e.g. --crs "
                     "EPSG:9208 (VN-2000 / TM-3 104-45) or --crs EPSG:32648 (UTM 48N)."),
    "swapped": (["--communes", "{d}/swapped.geojson"],
                "{d}/swapped.geojson: its coordinates (22.4…22.45, 103.8…103.8) look like latitude/longitude in "
                "swapped order, but EPSG:4326 (the file says) puts longitude first: swap the axes when exporting."),
    "degrees": (["--communes", "{d}/degrees.geojson"],
                "{d}/degrees.geojson: its coordinates (103.8…103.85, 22.4…22.45) look like degrees, but the file says "
                "EPSG:9208, which is in metres: give --crs EPSG:4326 (longitude/latitude) or EPSG:4756 (VN-2000)."),
    "outside": (["--communes", "{d}/outside.geojson"],
                "{d}/outside.geojson: its features lie at 105.000…105.064°E, -45.153…-45.108°N, outside where "
                "EPSG:32648 is used (Between 102°E and 108°E, northern hemisphere between equator and 84°N, onshore "
                "and offshore. Cambodia. China. Indonesia. Laos. Malaysia - West Malaysia. Mongolia. Russian "
                "Federation. Singapore. Thailand. Vietnam: 102.0…108.0°E, 0.0…84.0°N): the CRS it declares is "
                "probably wrong; give the right one (--crs)."),
    "no layer": (["--communes", "{d}/xa.gpkg", "--layer", "communes"],
                 "{d}/xa.gpkg: no layer named 'communes'. The file has layers 'xa'; pass one of them, e.g. --layer xa."),
    "no geometry": (["--communes", "{d}/nogeom.geojson"],
                    "{d}/nogeom.geojson: none of its 2 features has a geometry. Export the layer again with its shapes "
                    "(in QGIS: Export → Save Features As…, geometry included)."),
    "zip": (["--communes", "{d}/noshp.zip"],
            "{d}/noshp.zip: the zip holds 'readme.txt', no shapefile (.shp, .shx, .dbf, .prj) or other vector file "
            "dxmap can read."),
    "commune codes twice": (["--communes", "{d}/dup.geojson"],
                            "{d}/dup.geojson: communes: codes occur twice: '02692' (rows 1, 2). Each commune needs one feature "
                            "(dissolve them first)."),
    "village ids twice": (["--villages", "{d}/vdup.geojson"],
                          "{d}/vdup.geojson: villages: village ids occur twice: 'v1'. Give each village its own id."),
    "district layer as communes": (["--communes", "{b}/laocai_districts_2024_derived.geojson"],
                                   "{b}/laocai_districts_2024_derived.geojson: communes: this looks like a district "
                                   "layer, not a commune layer: its 9 names are the records' district names ('Lào "
                                   "Cai', 'Bát Xát', 'Mường Khương', 'Si Ma Cai', 'Bắc Hà' … (9 in all)); and none of "
                                   "the records' 152 commune codes is in it. Give it as --districts and the commune "
                                   "layer as --communes."),
    "commune layer as districts": (["--districts", "{b}/laocai_communes_2024_derived.geojson"],
                                   "{b}/laocai_communes_2024_derived.geojson: districts: this looks like a commune "
                                   "layer, not a district layer: its 144 codes are the commune layer's commune codes "
                                   "('02635', '02641', '02644', '02647', '02650' … (144 in all)). Give the "
                                   "commune layer as --communes and the district layer as --districts."),
    "unknown crs": (["--communes", "{d}/ok.geojson", "--crs", "EPSG:99999"],
                    "--crs 'EPSG:99999' is not a coordinate reference system PROJ knows. Give an EPSG code such as "
                    "EPSG:4326 (longitude/latitude), EPSG:9208 (VN-2000 / TM-3 104-45, Lào Cai and Yên Bái) or "
                    "EPSG:32648 (UTM 48N)."),
    # M3: the option the user typed, not the records' --column
    "communes column absent": (["--communes", "{d}/ok.geojson", "--communes-column", "code=MAXA"],
                               "{d}/ok.geojson: communes: column 'MAXA' given in --communes-column is not in the "
                               "layer; it has 'MA', 'TEN'."),
    "communes column no field": (["--communes", "{d}/ok.geojson", "--communes-column", "kode=MA"],
                                 "{d}/ok.geojson: communes: --communes-column names no field 'kode': the fields are "
                                 "code, name, district_code, district_name, province_code, province_name."),
    "villages column absent": (["--villages", "{d}/vdup.geojson", "--villages-column", "name=TEN_THON"],
                               "{d}/vdup.geojson: villages: column 'TEN_THON' given in --villages-column is not in the "
                               "layer; it has 'village_id', 'name', 'commune_code'."),
    "units 2024 on 2025-07": (["--records", "{d}/r2025.csv", "--records-version", "2025-07", "--units", "2024"],
                              "--units 2024: the boundary layer is version 2025-07, and the crosswalk only leads from "
                              "2024 to 2025-07. Reconcile the records with 2024 boundaries instead."),
    # H4: the rest of reading a boundary file, a layer's missing columns, versions, a village table
    "no name column": (["--communes", "{d}/noname.geojson"],
                       "{d}/noname.geojson: communes: no column for name; the layer has 'code', 'X'. Name it with "
                       "--communes-column name='Your header'."),
    "no name column, other layers": (["--communes", "{d}/two.gpkg", "--layer", "tinh"],  # by default: xa, by its name
                                     "{d}/two.gpkg: communes: no column for name; the layer has 'MA'. Name it with "
                                     "--communes-column name='Your header'. The file has other layers too ('xa'): is "
                                     "the communes layer another one? Choose it with --layer xa."),
    "no name column, district columns": (["--communes", "{d}/distcols.geojson"],
                                         "{d}/distcols.geojson: communes: no column for name; the layer has 'code', "
                                         "'district_name'. Name it with --communes-column name='Your header'. Its "
                                         "columns name districts: is it the district layer? Give it as --districts, "
                                         "and the commune layer as --communes."),
    "shapefile without its shx": (["--communes", "{d}/noshx/xa.shp"],
                                  "{d}/noshx/xa.shp: the shapefile comes without its .shx: keep all of its files "
                                  "together (.shp, .shx, .dbf, .prj; in the zip for a zipped one), or export the layer "
                                  "as a GeoPackage."),
    "shapefile names cut": (["--communes", "{d}/cut/xa.shp"],
                            "{d}/cut/xa.shp: its text cannot be read as UTF-8. A Shapefile keeps 10 bytes of each "
                            "column name, which cuts Vietnamese names such as 'Tên huyện' inside a letter: save the "
                            "layer as a GeoPackage (.gpkg) or GeoJSON, or name its columns without diacritics (MA_XA, "
                            "TEN_XA). If its .dbf is in a legacy encoding, give it with --encoding."),
    "mixed versions": (["--communes", "{d}/mixed.geojson"],
                       "the boundary layer mixes versions '2024', '2025-07'; split it into one layer per version."),
    "records version": (["--records", "{d}/r2025.csv", "--records-version", "2025-07", "--communes",
                         "{d}/v2024.geojson"],
                        "r2025.csv: the records are written for the 2025-07 units but the boundary set is version "
                        "2024. Codes were reused on 1 July 2025 (e.g. 02647 is Phường Kim Tân in 2024 and Phường Lào "
                        "Cai in 2025-07), so they cannot be joined directly. Give the 2025-07 boundaries with --communes "
                        "(or leave it out for the bundled ones)."),  # no crosswalk leads from 2025-07 (QA50)
    "village without a shape": (["--villages", "{d}/vnogeom.geojson", "--allow-unmatched"],
                                "{d}/vnogeom.geojson: villages: 1 village has no geometry (null or empty): 'index 1 "
                                "(v2)'; its status could be neither drawn nor measured. Give it a point or polygon, or "
                                "drop it (delete the 1 row in the file)."),  # QA29 L4: it named no file, and gave Python
}

# English with no run of five words the check knows (its Vietnamese is compared in full below)
_SHORT = {"no name column"}

def _summary(d: Path, args: list[str], lang: str):
    args = [a.format(d=d, b=B) for a in args]
    records = [] if "--records" in args else ["--records", str(RECORDS)]
    return CliRunner().invoke(main, ["summary", *records, *args, "--lang", lang, "-q"])


@pytest.mark.parametrize("case", list(CASES))
def test_errors_speak_the_commands_language(d, case):
    args, english = CASES[case]
    en, vi = _summary(d, args, "en"), _summary(d, args, "vi")
    assert en.exit_code == vi.exit_code == 1 and "Traceback" not in en.output + vi.output
    assert en.stderr.strip().splitlines()[-1] == "dxmap: error: " + english.format(d=d, b=B)
    line = vi.stderr.strip().splitlines()[-1]  # after the warning of a feature without a shape, if any
    assert line.startswith("dxmap: lỗi: ") and "\n" not in line
    said = line.removeprefix("dxmap: lỗi: ")
    assert len(_english_run(said)) < 5, (_english_run(said), said)
    assert len(_english_run(english)) >= 5 or case in _SHORT  # the check finds the English it replaces
    assert not re.search(r"\b(columns|crs|layer|units|communes|districts|villages)=", said)  # CLI words only
    assert "--column " not in said


def test_the_column_error_names_the_layers_python_argument(d):
    """A library user reads the function's argument (as_communes(..., columns=)), which the CLI turns into the
    layer's option."""
    layer = dxmap.read_boundaries(d / "ok.geojson")
    with pytest.raises(SchemaError, match=r"column 'MAXA' given in as_communes\(\.\.\., columns=\) is not in the layer"):
        dxmap.as_communes(layer, columns={"code": "MAXA"})
    with pytest.raises(SchemaError, match=r"as_villages\(\.\.\., columns=\) names no field 'kode'"):
        dxmap.as_villages(dxmap.read_boundaries(d / "vdup.geojson"), columns={"kode": "name"})


def test_the_library_reads_english_and_carries_vietnamese(d):
    with pytest.raises(CRSError) as err:
        dxmap.read_boundaries(d / "swapped.geojson")
    assert str(err.value) == err.value.dxmap_said["en"]
    assert "đảo thứ tự" in err.value.dxmap_said["vi"]
    # the public check keeps its English answer; its sibling says it in every language
    bounds = (400000.0, 2480000.0, 405000.0, 2485000.0)
    said = implausible_coordinates_said("EPSG:4326", bounds)
    assert implausible_coordinates("EPSG:4326", bounds) == said["en"]
    assert said["en"].startswith("its coordinates (400000…405000, 2.48e+06…2.485e+06) are metres, not degrees, but "
                                 "the file says EPSG:4326")
    assert implausible_coordinates("EPSG:4326", bounds, said="my tool says").count("but my tool says EPSG:4326") == 1
    assert implausible_coordinates("EPSG:4326", (103.8, 22.4, 104.0, 22.6)) is None


@pytest.mark.parametrize(("rows", "en", "vi"), [
    ([0], "1 feature without geometry at row 1;", "1 đối tượng không có hình (đối tượng 1);"),
    ([0, 2], "2 features without geometry at rows 1, 3;", "2 đối tượng không có hình (đối tượng 1, 3);")])
def test_features_without_a_shape_are_counted_in_words(d, tmp_path, rows, en, vi):
    features = [(ONE if i in rows else {"code": f"0{i}", "name": "B"}, None if i in rows else _square(103.8, 22.4, 0.05))
                for i in range(3)]
    path = _geojson(tmp_path / "empty.geojson", features)
    english = _summary(d, ["--communes", str(path), "--allow-unmatched"], "en").stderr
    vietnamese = _summary(d, ["--communes", str(path), "--allow-unmatched"], "vi").stderr
    assert f"dxmap: empty.geojson: {en} kept without a shape" in english
    assert f"dxmap: empty.geojson: {vi} vẫn giữ, không có hình" in vietnamese


def test_gdal_cannot_read_it(d):
    """GDAL's own reason stays as GDAL says it; dxmap's sentence around it is in the command's language."""
    en, vi = _summary(d, ["--communes", "{d}/junk.geojson"], "en"), _summary(d, ["--communes", "{d}/junk.geojson"], "vi")
    assert en.exit_code == vi.exit_code == 1
    assert en.stderr.startswith(f"dxmap: error: {d}/junk.geojson: GDAL could not read it as a vector file (")
    assert en.stderr.strip().endswith("). Check the file opens in QGIS, or convert it to GeoJSON.")
    assert vi.stderr.startswith(f"dxmap: lỗi: {d}/junk.geojson: GDAL không đọc được tệp như một tệp bản đồ vector (")
    assert vi.stderr.strip().endswith("). Hãy kiểm tra tệp mở được trong QGIS, hoặc chuyển sang GeoJSON.")


def test_a_layer_is_named_in_the_commands_language(d, tmp_path):
    """The lines about a layer name it as the errors do: "x.geojson: lớp ranh giới xã", not "x.geojson: communes"."""
    shared = _geojson(tmp_path / "shared.geojson", [({"code": "02647", "name": "Kim Tân"}, _square(103.8, 22.4, 0.05)),
                                                    ({"code": "02650", "name": "B"}, _square(103.8, 22.4, 0.05))])
    names = _geojson(tmp_path / "names.geojson", [({"TEN": "Bát Xát"}, _square(103.8, 22.4, 0.05)),
                                                  ({"TEN": "Sa Pa"}, _square(103.9, 22.4, 0.05))])
    for lang, line in [("en", f"{shared}: communes: 2 communes share 1 polygon ('Kim Tân', 'B'); each is drawn once "
                              "and counted per commune"),
                       ("vi", f"{shared}: lớp ranh giới xã: 2 xã dùng chung 1 vùng ranh giới ('Kim Tân', 'B'); mỗi "
                              "vùng được vẽ một lần và đếm theo từng xã")]:
        out = CliRunner().invoke(main, ["summary", "--records", str(d / "r2025.csv"), "--communes", str(shared),
                                        "--allow-unmatched", "--lang", lang])
        assert f"dxmap: {line}\n" in out.stderr
    for lang, line in [("en", f"{names}: districts: no code column: districts keyed by name ('082', '088')"),
                       ("vi", f"{names}: lớp ranh giới huyện: không có cột mã: huyện được xác định theo tên ('082', "
                              "'088')")]:
        out = CliRunner().invoke(main, ["summary", "--records", str(RECORDS), "--districts", str(names),
                                        "--allow-unmatched", "--lang", lang])
        assert f"dxmap: {line}\n" in out.stderr


def test_the_crosswalk_versions_error_carries_vietnamese(d):
    """reconcile(crosswalk=) with records the crosswalk does not lead from (Python only: the CLI passes no crosswalk)."""
    from dxmap.errors import VersionMismatchError
    from dxmap.io.bundled import bundled_crosswalk
    from dxmap.reconcile.match import reconcile

    records = dxmap.read_records(d / "r2025.csv")
    communes = dxmap.as_communes(dxmap.read_boundaries(d / "v2024.geojson"))
    with pytest.raises(VersionMismatchError) as err:
        reconcile(records, communes, records_version="2025-07", crosswalk=bundled_crosswalk())
    assert str(err.value) == ("r2025.csv: records for version '2025-07' and a boundary set of version 2024, but the "
                              "crosswalk goes from 2024 to 2025-07. Use boundaries of the records' version.")
    assert err.value.dxmap_said["vi"] == ("r2025.csv: số liệu theo phiên bản '2025-07' và bộ ranh giới phiên bản 2024, "
                                          "nhưng bảng chuyển đổi đi từ 2024 sang 2025-07. Hãy dùng ranh giới đúng phiên "
                                          "bản của số liệu.")


def test_a_missing_report_extra_is_said_in_the_commands_language(d, monkeypatch, tmp_path):
    from dxmap.render import report

    monkeypatch.setattr(report, "_EXTRA", {**report._EXTRA, "dxmap_no_such_module": "no-such-dist"})
    said = {}
    for lang in ("en", "vi"):
        out = CliRunner().invoke(main, ["report", "--records", str(d / "r2025.csv"), "--out", str(tmp_path / lang),
                                        "--lang", lang, "-q"])
        assert out.exit_code == 1, out.output
        said[lang] = out.stderr.strip().splitlines()[-1]
    assert said["en"] == ("dxmap: error: the printable report needs no-such-dist, which is not installed. Install the "
                          "report extra: pip install 'dxmap[report]'")
    assert said["vi"] == ("dxmap: lỗi: báo cáo để in cần no-such-dist, hiện chưa được cài đặt. Hãy cài phần mở rộng "
                          "report: pip install 'dxmap[report]'")


def test_a_missing_column_in_vietnamese(d):
    said = _summary(d, ["--communes", "{d}/noname.geojson"], "vi").stderr.strip().splitlines()[-1]
    assert said == (f"dxmap: lỗi: {d}/noname.geojson: lớp ranh giới xã: không có cột cho name; lớp có các cột 'code', "
                    "'X'. Hãy chỉ ra cột bằng --communes-column name='Tên cột'.")

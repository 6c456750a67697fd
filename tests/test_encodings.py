"""Legacy Vietnamese encodings: TCVN3 (ABC), VNI-Windows, cp1258; bytes, text, CSV and DBF."""

from __future__ import annotations

import logging
import unicodedata
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point

import dxmap
from dxmap.io.bundled import data_dir
from dxmap.io.encodings import canonical_encoding, decode_bytes, detect_encoding, encode_text, repair_frame, repair_text
from dxmap.errors import UnsupportedFormatError

MESSY = Path(__file__).parent / "data" / "messy"


# Byte sequences as legacy software wrote them (TCVN3 values per TCVN 5712 / GNU libiconv tcvn.h;
# VNI-Windows as base letter + mark bytes read through cp1252; cp1258 with combining tone marks).
@pytest.mark.parametrize("data,encoding,text", [
    (b"L\xb5o Cai", "tcvn3", "Lào Cai"),
    (b"X\xb7", "tcvn3", "Xã"),
    (b"B\xb8t X\xb8t", "tcvn3", "Bát Xát"),
    (b"B\xb6o Th\xbeng", "tcvn3", "Bảo Thắng"),
    (b"M\xad\xeang Kh\xad\xacng", "tcvn3", "Mường Khương"),
    (b"\xa7\xb7 c\xe3", "tcvn3", "Đã có"),
    (b"La\xf8o Cai", "vni", "Lào Cai"),
    (b"Xa\xf5", "vni", "Xã"),
    (b"M\xf6\xf4\xf8ng Kh\xf6\xf4ng", "vni", "Mường Khương"),
    (b"\xd1a\xf5 co\xf9", "vni", "Đã có"),
    (b"Vie\xe4t Nam", "vni", "Việt Nam"),
    (b"L\xe0o Cai", "cp1258", "Lào Cai"),
    (b"Ba\xd2o Th\xe3\xecng", "cp1258", "Bảo Thắng"),
    (b"M\xfd\xf5\xccng", "cp1258", "Mường"),
])
def test_real_byte_sequences_decode_to_nfc(data, encoding, text):
    out = decode_bytes(data, encoding)
    assert out == text
    assert unicodedata.is_normalized("NFC", out)


def test_every_bundled_name_round_trips_and_is_detected_alone():
    units = pd.read_csv(data_dir() / "boundaries" / "laocai_admin_units_2024.csv", dtype=str)
    names = sorted(set(units["commune_full_name"]) | set(units["district_full_name"]))
    assert len(names) == 160  # 152 communes (two are "Xã Thanh Bình") and 9 districts
    for enc in ("tcvn3", "vni", "cp1258"):
        wrong = []
        for name in names:
            data = encode_text(name, enc)
            assert decode_bytes(data, enc) == name
            if decode_bytes(data, detect_encoding(data)) != name:
                wrong.append(name)
        assert wrong == [], (enc, wrong)


def test_detection_of_whole_files_and_plain_utf8():
    for enc in ("tcvn3", "vni", "cp1258"):
        assert detect_encoding((MESSY / f"legacy_{enc}.csv").read_bytes()) == enc
    assert detect_encoding("Lào Cai, Bát Xát".encode("utf-8")) == "utf-8"
    assert detect_encoding(b"plain ascii") == "utf-8"


def test_garbled_text_is_repaired_and_real_unicode_is_left_alone():
    s = pd.Series(["Lµo Cai", "X· B¸t X¸t", "Trạng thái", None, 5], dtype=object)
    out = repair_text(s, "auto")
    assert out.tolist() == ["Lào Cai", "Xã Bát Xát", "Trạng thái", None, 5]
    assert s[0] == "Lµo Cai"  # input untouched
    vni = repair_text(pd.Series(["Laøo Cai", "Möôøng Khöông"]), "auto")
    assert vni.tolist() == ["Lào Cai", "Mường Khương"]


def test_only_if_better_keeps_unicode_headers():
    frame = pd.DataFrame({"a": ["Tên xã", "Lµo Cai"]})
    out = repair_frame(frame, "tcvn3", only_if_better=True)
    assert out["a"].tolist() == ["Tên xã", "Lào Cai"]


def test_encoding_names():
    assert canonical_encoding("ABC") == "tcvn3"
    assert canonical_encoding("VNI-Windows") == "vni"
    assert canonical_encoding("windows-1258") == "cp1258"
    assert canonical_encoding("latin1") == "iso8859-1"
    with pytest.raises(UnsupportedFormatError, match="tcvn3"):
        canonical_encoding("klingon")


NAMES = ["Lào Cai", "Xã A Lù", "Mường Khương", "Phường Sa Pả", "Đồng Tuyển"]


@pytest.mark.parametrize("enc", ["tcvn3", "vni", "cp1258"])
def test_dbf_attributes_are_decoded(tmp_path, enc):
    # A shapefile as old software leaves it: legacy bytes in the DBF, no .cpg.
    gdf = gpd.GeoDataFrame({"name": [encode_text(n, enc).decode("latin-1") for n in NAMES], "code": list("12345")},
                           geometry=[Point(104.0 + i / 10, 22.4) for i in range(5)], crs="EPSG:4326")
    path = tmp_path / f"units_{enc}.shp"
    gdf.to_file(path, engine="pyogrio", encoding="latin1")
    path.with_suffix(".cpg").unlink()
    assert dxmap.read_boundaries(path)["name"].tolist() == NAMES  # detected without encoding= (QA29 M1)
    assert dxmap.read_boundaries(path, encoding=enc)["name"].tolist() == NAMES
    assert dxmap.read_boundaries(path, encoding="auto")["name"].tolist() == NAMES
    assert dxmap.read_boundaries(path, encoding="auto")["code"].tolist() == list("12345")


def _shapefile(tmp_path, name: str, names: list[str], enc: str, page: str | None) -> Path:
    """A shapefile whose DBF holds ``names`` as ``enc`` bytes, with a .cpg saying ``page`` (None: no .cpg)."""
    gdf = gpd.GeoDataFrame({"name": [encode_text(n, enc).decode("latin-1") if enc != "utf-8" else n for n in names],
                            "code": [str(i) for i in range(len(names))]},
                           geometry=[Point(104.0 + i / 10, 22.4) for i in range(len(names))], crs="EPSG:4326")
    path = tmp_path / f"{name}.shp"
    gdf.to_file(path, engine="pyogrio", encoding="utf-8" if enc == "utf-8" else "latin1")
    path.with_suffix(".cpg").unlink(missing_ok=True)
    if page is not None:
        path.with_suffix(".cpg").write_text(page)
    return path


def test_a_utf8_dbf_is_never_read_again_in_a_legacy_encoding(tmp_path, caplog):
    """QA29 H2: --encoding tcvn3 (given for the records) or auto re-decoded a UTF-8 DBF whose .cpg says so ("LẪ o
    Cai"), and cp1258 failed with an internal UnicodeDecodeError; a UTF-8 DBF that lost its .cpg read "LÃ o Cai"."""
    with_page = _shapefile(tmp_path, "utf8", NAMES, "utf-8", "UTF-8")
    without = _shapefile(tmp_path, "nocpg", NAMES, "utf-8", None)
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        for enc in (None, "tcvn3", "vni", "cp1258", "auto"):
            assert dxmap.read_boundaries(with_page, encoding=enc)["name"].tolist() == NAMES, enc
            assert dxmap.read_boundaries(without, encoding=enc)["name"].tolist() == NAMES, enc
    assert ("utf8.shp: the attribute text is valid UTF-8 and is kept: not read again as encoding= tcvn3"
            in caplog.text)


@pytest.mark.parametrize(("enc", "page"), [("cp1258", "1258"), ("tcvn3", "1252"), ("vni", "1252"), ("cp1258", "1252")])
def test_a_code_page_gdal_reads_badly_or_wrongly_is_read_right(tmp_path, enc, page):
    """QA29 M5: with a .cpg of 1258 GDAL cut the last character of every value ("Lào Ca"); a legacy DBF whose .cpg
    says 1252 was read as Western text."""
    path = _shapefile(tmp_path, f"{enc}_{page}", NAMES, enc, page)
    assert dxmap.read_boundaries(path)["name"].tolist() == NAMES


def test_a_layer_mostly_in_utf8_is_read_value_by_value(tmp_path, caplog):
    """QA31: a few names typed in TCVN3 among UTF-8 ones left the whole layer as mojibake, and a UTF-8 value cut
    inside a letter by the DBF's field width did too, both without a word."""
    gdf = gpd.GeoDataFrame({"name": [n if i else encode_text(n, "tcvn3").decode("latin-1") for i, n in enumerate(NAMES)],
                            "code": list("12345")}, geometry=[Point(104.0 + i / 10, 22.4) for i in range(5)],
                           crs="EPSG:4326")
    path = tmp_path / "mixed.shp"
    for i, n in enumerate(NAMES[1:], start=1):  # the UTF-8 names as GDAL writes latin-1 text: their UTF-8 bytes
        gdf.loc[i, "name"] = n.encode("utf-8").decode("latin-1")
    gdf.to_file(path, engine="pyogrio", encoding="latin1")
    path.with_suffix(".cpg").unlink(missing_ok=True)
    assert dxmap.read_boundaries(path)["name"].tolist() == NAMES
    assert dxmap.read_boundaries(path, encoding="auto")["name"].tolist() == NAMES
    cut = gdf.assign(name=[n.encode("utf-8").decode("latin-1") for n in NAMES])
    cut.loc[4, "name"] = "Đồng Tuyển".encode("utf-8")[:-2].decode("latin-1")  # "…Tuy" and half of "ể"
    cut.to_file(tmp_path / "cut.shp", engine="pyogrio", encoding="latin1")
    (tmp_path / "cut.cpg").unlink(missing_ok=True)
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        assert dxmap.read_boundaries(tmp_path / "cut.shp")["name"].tolist() == NAMES[:4] + ["Đồng Tuy"]
    assert "cut.shp: 1 value is no whole UTF-8 (a letter cut by the column's width?)" in caplog.text
    # QA32: names cut at 6 bytes ("Kim T" and half an "â") scored as TCVN3 and became "Kim TẪ"
    short = gdf.assign(name=[n.encode("utf-8")[:6].decode("latin-1") for n in ["Kim Tân", "Pom Hán", "Nam Cường",
                                                                                   "Cao Sơn", "Bản Vược"]])
    short.to_file(tmp_path / "short.shp", engine="pyogrio", encoding="latin1")
    (tmp_path / "short.cpg").unlink(missing_ok=True)
    for enc in (None, "tcvn3"):
        assert dxmap.read_boundaries(tmp_path / "short.shp", encoding=enc)["name"].tolist() == [
            "Kim T", "Pom H", "Nam C", "Cao S", "Bản"]  # a DBF drops trailing spaces


def test_western_text_without_a_code_page_is_left_as_it_is(tmp_path):
    words = ["Côte d'Ivoire", "Bézier Crèche", "Ñandú São"]
    gdf = gpd.GeoDataFrame({"name": words}, geometry=[Point(0, 0)] * 3, crs="EPSG:4326")
    path = tmp_path / "fr.shp"
    gdf.to_file(path, engine="pyogrio", encoding="latin1")
    path.with_suffix(".cpg").unlink(missing_ok=True)
    assert dxmap.read_boundaries(path)["name"].tolist() == words
    path.with_suffix(".cpg").write_text("1252")
    assert dxmap.read_boundaries(path)["name"].tolist() == words


def test_bytes_the_encoding_given_lacks_are_one_error_naming_the_file(tmp_path):
    path = _shapefile(tmp_path, "tcvn3", ["Ả Lù", "Ủ"], "tcvn3", None)  # TCVN3 capitals: bytes cp1258 lacks
    assert b"\x81" in encode_text("Ả Lù", "tcvn3")
    with pytest.raises(UnsupportedFormatError, match=r"tcvn3\.shp: the attribute text is not cp1258 \(byte 0x"):
        dxmap.read_boundaries(path, encoding="cp1258")


def test_geojson_with_real_unicode_is_not_re_decoded(tmp_path):
    gdf = gpd.GeoDataFrame({"name": NAMES}, geometry=[Point(104, 22.4)] * 5, crs="EPSG:4326")
    path = tmp_path / "units.geojson"
    gdf.to_file(path, engine="pyogrio")
    assert dxmap.read_boundaries(path, encoding="tcvn3")["name"].tolist() == NAMES


def test_byte_order_marks_name_unicode_encodings():
    from dxmap.io.encodings import bom_encoding

    text = "Mã xã\tTrạng thái\r\n02692\tChưa có\r\n"
    assert bom_encoding(text.encode("utf-16")) == "utf-16" and bom_encoding(text.encode("utf-16-be")) is None
    assert bom_encoding(text.encode("utf-8-sig")) == "utf-8-sig" and bom_encoding(text.encode("utf-32")) == "utf-32"
    assert detect_encoding(text.encode("utf-16")) == "utf-16"  # Excel's "Unicode Text", never TCVN3
    assert detect_encoding(text.encode("utf-8-sig")) == "utf-8"
    assert decode_bytes(text.encode("utf-16"), "utf-16") == text


def test_a_legacy_encoding_given_for_a_utf8_file_is_warned_about(tmp_path, caplog):
    p = tmp_path / "utf8.csv"
    p.write_text("Mã xã,Tên xã,Mạng LAN chuẩn,Ngày\n02635,Duyên Hải,Có,30/6/2024\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="dxmap"), pytest.raises(dxmap.DxmapError):  # garbled headers: no columns
        dxmap.read_records(p, encoding="tcvn3")
    assert "utf8.csv: the file is UTF-8 text with accented letters, yet encoding='tcvn3' was given" in caplog.text
    caplog.clear()
    with caplog.at_level("WARNING", logger="dxmap"):
        dxmap.read_records(p)
    assert "accented letters" not in caplog.text


def test_only_a_legacy_encoding_found_is_said(caplog):
    """Unicode text (every XLSX) needs no "detected text encoding: utf-8" line, twice per workbook; TCVN3 does."""
    import logging

    with caplog.at_level(logging.INFO, logger="dxmap"):
        repair_frame(pd.DataFrame({"x": ["Bát Xát", "Lào Cai"]}), "auto")
        assert not [r for r in caplog.records if "detected text encoding" in r.getMessage()]
        out = repair_frame(pd.DataFrame({"x": [decode_bytes(b"B\xb8t X\xb8t", "latin-1"), decode_bytes(b"L\xb5o Cai", "latin-1")]}), "auto")
    assert out["x"].tolist() == ["Bát Xát", "Lào Cai"]
    assert [r.getMessage() for r in caplog.records if "detected text encoding" in r.getMessage()] == ["detected text encoding: tcvn3"]


# QA67 F1: Latin-1 letters of other languages are ordinary letters, not a legacy Vietnamese font's bytes.
WESTERN = {
    "fr": ["Saint-Étienne-de-Tinée", "Île-aux-Moines", "Fontaine-Française", "Noël-Cerneux", "Forêt-la-Folie"],
    "de": ["Müllheim", "Großweil", "Bärnau", "Schönwald", "Öhringen", "Füssen", "Straßkirchen", "Weißenburg"],
    "es": ["Peñas de Ñuñoa", "Cañaviri", "Huancané Chico", "Batallas (San José)", "Peñas de Ñuñoa"],
    "pt": ["São João", "Conceição", "Açailândia", "Guaíra", "Maués", "Óbidos", "Cândido Mota"],
}


def _names_sheet(names: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"commune code": [f"{i + 1:03d}" for i in range(len(names))], "commune": names,
                         "technology": "LAN", "status": "yes", "date": "2025-06-30"})


@pytest.mark.parametrize("language", sorted(WESTERN))
def test_western_names_in_a_utf8_csv_and_an_xlsx_stay_as_written(tmp_path, language, caplog):
    """QA67 F1: "Müllheim" was read as TCVN3 ("Mỹllheim"), "Peñas de Ñuñoa" as VNI ("Peđas de Đuđoa"), even in an
    XLSX, which is Unicode: 32 of 72 records went unmatched."""
    names = WESTERN[language]
    csv, xlsx = tmp_path / "names.csv", tmp_path / "names.xlsx"
    _names_sheet(names).to_csv(csv, index=False, encoding="utf-8")
    _names_sheet(names).to_excel(xlsx, index=False)
    with caplog.at_level(logging.INFO, logger="dxmap"):
        assert dxmap.read_records(csv)["commune_name"].tolist() == names
        assert dxmap.read_records(xlsx)["commune_name"].tolist() == names
    assert "legacy" not in caplog.text and "detected text encoding" not in caplog.text
    assert detect_encoding(names) == "utf-8"


def test_western_text_in_a_latin1_csv_is_read_as_cp1252_not_as_vni(tmp_path, caplog):
    """Excel's "CSV" outside Vietnam is cp1252: it was read as VNI ("Peđas de Đuđoa")."""
    names = WESTERN["es"] + WESTERN["de"]
    path = tmp_path / "latin1.csv"
    _names_sheet(names).to_csv(path, index=False, encoding="cp1252")
    assert detect_encoding(path.read_bytes()) == "cp1252"
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        assert dxmap.read_records(path)["commune_name"].tolist() == names
    assert "latin1.csv: not UTF-8; decoded as cp1252 (detected)" in caplog.text


def test_legacy_font_cells_are_repaired_beside_western_names(tmp_path):
    """A sheet mostly typed in TCVN3 (or a UTF-8 sheet with a few such cells) that also names a foreign partner or
    place: the Vietnamese is repaired, the other language stays as written."""
    vietnamese = ["Xã A Lù", "Trịnh Tường", "Bản Vược", "Phường Sa Pả", "Bát Xát"]
    typed = [encode_text(n, "tcvn3").decode("latin-1") for n in vietnamese]
    csv = tmp_path / "mixed.csv"
    _names_sheet(typed + ["Müllheim", "Peñas de Ñuñoa", "Lào Cai"]).to_csv(csv, index=False, encoding="utf-8")
    assert dxmap.read_records(csv)["commune_name"].tolist() == vietnamese + ["Müllheim", "Peñas de Ñuñoa", "Lào Cai"]
    xlsx = tmp_path / "mixed.xlsx"
    _names_sheet(typed + ["Müllheim", "Conceição"]).to_excel(xlsx, index=False)
    assert dxmap.read_records(xlsx)["commune_name"].tolist() == vietnamese + ["Müllheim", "Conceição"]
    vni = repair_text(pd.Series(["Laøo Cai", "Möôøng Khöông", "Schönwald", "Cañaviri"]), "auto")
    assert vni.tolist() == ["Lào Cai", "Mường Khương", "Schönwald", "Cañaviri"]


def test_one_word_headers_typed_in_vni_are_found_in_an_xlsx(tmp_path, caplog):
    """QA68 N10: a workbook typed with a VNI font had its cells decoded, but not its one-word headers: "Xaõ" and
    "Caùp quang" read as Vietnamese syllables themselves, so "Xã" and "Cáp quang" were not found (no status column).
    A Western header of a Vietnamese sheet stays as written."""
    import openpyxl

    rows = [["Huyện", "Xã", "Thôn", "Cáp quang", "Ngày", "Remarks"],
            ["Bát Xát", "Y Tý", "Bản Khấu", "Có", "30/06/2024", "Müllheim"],
            ["Bát Xát", "Y Tý", "Bản Nậm", "Chưa có", "30/06/2024", ""]]
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append([encode_text(c, "vni").decode("latin-1") if c != "Müllheim" else c for c in row])
    path = tmp_path / "vni.xlsx"
    book.save(path)
    with caplog.at_level(logging.INFO, logger="dxmap"):
        rec = dxmap.read_records(path)
    # said once, the header's cells with the body's (QA70 N9: each line twice, "14 cells" then "12 cells")
    assert caplog.text.count("detected text encoding: vni") == 1
    assert caplog.text.count("re-decoded") == 1 and "re-decoded 13 cells" in caplog.text
    assert rec[["district_name", "commune_name", "village_name", "technology", "status"]].values.tolist() == [
        ["Bát Xát", "Y Tý", "Bản Khấu", "fibre", "covered"], ["Bát Xát", "Y Tý", "Bản Nậm", "fibre", "none"]]
    assert rec["note"].tolist()[0] == "Müllheim"


# QA67 F7: one --encoding serves the records and the boundaries.
def test_a_dbf_not_in_the_encoding_given_for_the_records_is_read_as_without_it(tmp_path, caplog):
    """A UTF-8 CSV beside a Latin-1 DBF without a .cpg: --encoding utf-8 refused the shapefile, blaming cut Vietnamese
    column names."""
    names = WESTERN["es"][:4] + WESTERN["de"][:2]
    path = _shapefile(tmp_path, "latin1", names, "latin-1", None)
    with caplog.at_level(logging.INFO, logger="dxmap"):
        assert dxmap.read_boundaries(path, encoding="utf-8")["name"].tolist() == names
    assert ("latin1.shp: the attribute text is not utf-8 (encoding=, taken for the records): read as without "
            "encoding=, as cp1252") in caplog.text
    assert dxmap.read_boundaries(path, encoding="latin-1")["name"].tolist() == names  # the encoding it is in
    utf8 = _shapefile(tmp_path, "utf8", NAMES, "utf-8", "UTF-8")
    assert dxmap.read_boundaries(utf8, encoding="utf-8")["name"].tolist() == NAMES


def test_a_cpg_that_names_the_wrong_page_is_said_with_the_one_the_text_reads_as(tmp_path):
    path = _shapefile(tmp_path, "wrong", WESTERN["es"][:4], "latin-1", "UTF-8")
    message = (r"wrong\.shp: its \.cpg file says utf-8, but its attribute text is not utf-8: it reads as cp1252\. "
               r"Write cp1252 in the \.cpg file, or delete that file")
    for enc in (None, "utf-8"):
        with pytest.raises(UnsupportedFormatError, match=message):
            dxmap.read_boundaries(path, encoding=enc)
    assert dxmap.read_boundaries(path, encoding="cp1252")["name"].tolist() == WESTERN["es"][:4]

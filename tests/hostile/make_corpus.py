"""Broken, odd and hostile inputs for the command line, made on the fly (nothing binary is committed).

Each :class:`Case` writes its files into a folder and says what ``dxmap`` must do with them: the exit
status, words the one-line error must contain (the file or row it names, the fix), and, for inputs
that are read, what must be read. ``tests/test_hostile.py`` runs every case; ``python
tests/hostile/make_corpus.py DIR`` writes the files for a look by hand.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import struct
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import Polygon, box

# Four 0.1° communes in Lào Cai (real codes of Bát Xát), the records that match them.
CODES = ["02692", "02695", "02698", "02701"]
NAMES = ["A Mú Sung", "Nậm Chạc", "A Lù", "Trịnh Tường"]


def communes() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"code": CODES, "name": NAMES, "district_code": ["082"] * 4, "district_name": ["Bát Xát"] * 4},
        geometry=[box(103.5 + 0.1 * i, 22.5, 103.6 + 0.1 * i, 22.6) for i in range(4)], crs="EPSG:4326")


def records() -> pd.DataFrame:
    return pd.DataFrame({
        "level": ["commune"] * 4, "commune_code": CODES, "commune_name": NAMES, "technology": ["lan"] * 4,
        "status": ["none", "covered", "covered", "none"], "as_of": ["2024-06-30"] * 4, "source": ["Sở TT&TT"] * 4,
    })


@dataclass
class Case:
    """One input and what dxmap must do with it.

    An error (``exit`` 1 or 2) is exactly one line on stderr holding every word of ``says``; with
    ``rows_fail`` the run is a ``check`` that read everything and lists rows to fix on stdout (exit 1,
    no error line), and ``says`` is looked for on stdout, as for exit 0. ``writes`` are the only new
    files the run may leave in the folder (nothing half-written, no temporary file); every file that
    was there before must be unchanged. ``fsize`` runs the command in a subprocess whose files may
    not grow beyond that many bytes (RLIMIT_FSIZE: a full disk).
    """

    id: str
    kind: str  # boundaries, records-csv, records-xlsx, options, output, injection
    make: Callable[[Path], list[str]]  # writes files into the folder, returns the CLI arguments
    exit: int
    says: tuple[str, ...] = ()  # words the error line (an error) or the output (exit 0, rows_fail) must hold
    check: Callable[[Path, object], None] | None = None  # more assertions on the folder and the result
    writes: tuple[str, ...] = ()  # files (relative to the folder) the run creates
    replaces: tuple[str, ...] = ()  # files there before that the run writes anew
    rows_fail: bool = False
    fsize: int | None = None


def _records_csv(folder: Path, frame: pd.DataFrame | None = None, name: str = "r.csv") -> Path:
    path = folder / name
    (records() if frame is None else frame).to_csv(path, index=False, encoding="utf-8")
    return path


def _check(folder: Path, communes_path: Path, *extra: str) -> list[str]:
    return ["check", "--lang", "en", "--records", str(_records_csv(folder)), "--communes", str(communes_path), "-q", *extra]


def _layer(folder: Path, name: str, gdf: gpd.GeoDataFrame, **kw) -> Path:
    path = folder / name
    gdf.to_file(path, engine="pyogrio", **kw)
    return path


def _zip(folder: Path, name: str, members: dict[str, Path]) -> Path:
    path = folder / name
    with zipfile.ZipFile(path, "w") as z:
        for arcname, src in members.items():
            z.write(src, arcname)
    return path


def _shapefile(folder: Path, gdf: gpd.GeoDataFrame, stem: str = "c") -> dict[str, Path]:
    sub = folder / f"{stem}_shp"
    sub.mkdir(exist_ok=True)
    gdf.to_file(sub / f"{stem}.shp", engine="pyogrio")
    return {p.suffix: p for p in sub.iterdir()}


def _raw(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


def boundary_cases() -> list[Case]:
    c = communes()

    def with_z(folder):
        g = c.copy()
        g.geometry = shapely.force_3d(g.geometry.values, 0.0)
        return _check(folder, _layer(folder, "c3d.geojson", g))

    def kml(folder):
        return _check(folder, _layer(folder, "c.kml", c, driver="KML"))

    def truncated_shp(folder):
        parts = _shapefile(folder, c)
        return _check(folder, parts[".shp"])

    def zipped(folder, drop=()):
        parts = _shapefile(folder, c)
        return _check(folder, _zip(folder, "c.zip", {f"c{k}": v for k, v in parts.items() if k not in drop}))

    def plain_layer(folder):
        return _check(folder, _layer(folder, "plain.geojson", c[["code", "name", "geometry"]]))

    def numeric_codes(folder):
        g = c.copy()
        g["code"] = g["code"].astype(int)
        return _check(folder, _layer(folder, "numeric.geojson", g))

    def empty_geometry(folder):
        g = c.copy()
        g.loc[1, "geometry"] = Polygon()
        path = _layer(folder, "empty.geojson", g)
        return ["map", "--records", str(_records_csv(folder)), "--communes", str(path), "--out",
                str(folder / "m.html"), "-q"]

    def all_empty(folder):
        g = c.copy()
        g["geometry"] = [None] * 4
        return _check(folder, _layer(folder, "none.geojson", g))

    def self_intersecting(folder):
        g = c.copy()
        g.loc[0, "geometry"] = Polygon([(103.5, 22.5), (103.6, 22.6), (103.6, 22.5), (103.5, 22.6)])
        return _check(folder, _layer(folder, "bowtie.geojson", g))

    def metres_as_wgs84(folder):
        g = c.to_crs(32648).set_crs(4326, allow_override=True)
        return _check(folder, _layer(folder, "metres.geojson", g))

    def utm_without_crs(folder):
        parts = _shapefile(folder, c.to_crs(32648))
        parts[".prj"].unlink()
        return _check(folder, parts[".shp"])

    def swapped(folder):
        g = c.copy()
        g.geometry = shapely.transform(g.geometry.values, lambda xy: xy[:, ::-1])
        return _check(folder, _layer(folder, "swapped.geojson", g))

    def degrees_as_3857(folder):
        return _check(folder, _layer(folder, "deg3857.gpkg", c.set_crs(3857, allow_override=True)))

    def several_layers_wrong_first(folder):  # names that say no kind: the first of as many features is read
        path = folder / "two.gpkg"
        c[["geometry"]].to_file(path, layer="lop1", engine="pyogrio")
        c.to_file(path, layer="lop2", engine="pyogrio")
        return _check(folder, path)

    def several_layers_by_name(folder):  # "communes" says its kind
        path = folder / "two.gpkg"
        c[["geometry"]].to_file(path, layer="roads", engine="pyogrio")
        c.to_file(path, layer="communes", engine="pyogrio")
        return _check(folder, path)

    def several_layers_named(folder):
        path = folder / "two.gpkg"
        c[["geometry"]].to_file(path, layer="roads", engine="pyogrio")
        c.to_file(path, layer="communes", engine="pyogrio")
        return _check(folder, path, "--layer", "communes")

    def missing_layer(folder):
        return _check(folder, _layer(folder, "c.gpkg", c), "--layer", "xa")

    def duplicate_codes(folder):
        g = pd.concat([c, c.iloc[[0]]], ignore_index=True)
        return _check(folder, _layer(folder, "dup.geojson", gpd.GeoDataFrame(g, crs=c.crs)))

    return [
        Case("geojson-with-z", "boundaries", with_z, 0, ("4 records: matched 4",)),
        Case("kml-altitude-0", "boundaries", kml, 0, ("4 records: matched 4",)),
        Case("shapefile-truncated-columns", "boundaries", truncated_shp, 0, ("4 records: matched 4",)),
        Case("zipped-shapefile", "boundaries", zipped, 0, ("4 records: matched 4",)),
        Case("zip-without-shx", "boundaries", lambda f: zipped(f, drop=(".shx",)), 1, ("c.zip", ".shx")),
        Case("zip-without-dbf", "boundaries", lambda f: zipped(f, drop=(".dbf",)), 1, ("c.zip", ".dbf")),
        Case("zip-of-text", "boundaries",
             lambda f: _check(f, _zip(f, "c.zip", {"readme.txt": _raw(f, "readme.txt", b"hello")})), 1,
             ("c.zip", "readme.txt")),
        Case("code-and-name-only-layer", "boundaries", plain_layer, 0, ("4 records: matched 4",)),
        Case("codes-as-numbers", "boundaries", numeric_codes, 0, ("4 records: matched 4",)),
        Case("empty-geometry-reaches-the-map", "boundaries", empty_geometry, 0, (),
             check=lambda folder, result: _assert_file(folder / "m.html"), writes=("m.html",)),
        Case("all-geometries-empty", "boundaries", all_empty, 1, ("none.geojson", "geometr")),
        Case("self-intersecting-repaired", "boundaries", self_intersecting, 0, ("4 records: matched 4",)),
        Case("metres-labelled-wgs84", "boundaries", metres_as_wgs84, 1, ("metres.geojson", "metres", "--crs")),
        Case("utm-without-crs", "boundaries", utm_without_crs, 1, ("c.shp", "--crs")),
        Case("lat-lon-swapped", "boundaries", swapped, 1, ("swapped.geojson", "swap")),
        Case("degrees-labelled-3857", "boundaries", degrees_as_3857, 1, ("deg3857.gpkg", "degrees", "--crs")),
        Case("geopackage-wrong-first-layer", "boundaries", several_layers_wrong_first, 1, ("two.gpkg", "--layer", "lop2")),
        Case("geopackage-layer-by-its-name", "boundaries", several_layers_by_name, 0, ("4 records: matched 4",)),
        Case("geopackage-layer-named", "boundaries", several_layers_named, 0, ("4 records: matched 4",)),
        Case("geopackage-missing-layer", "boundaries", missing_layer, 1, ("c.gpkg", "'xa'", "--layer")),
        Case("duplicate-commune-codes", "boundaries", duplicate_codes, 1, ("02692", "twice")),
        Case("boundaries-0-bytes", "boundaries", lambda f: _check(f, _raw(f, "c.geojson", b"")), 1, ("c.geojson",)),
        Case("boundaries-binary", "boundaries", lambda f: _check(f, _raw(f, "c.geojson", bytes(range(256)) * 8)), 1,
             ("c.geojson",)),
        Case("boundaries-broken-json", "boundaries",
             lambda f: _check(f, _raw(f, "c.geojson", b'{"type": "FeatureCollection", "features": [')), 1, ("c.geojson",)),
        Case("boundaries-records-given-as-communes", "boundaries",
             lambda f: _check(f, _records_csv(f, name="c.csv")), 1, ("c.csv",)),
        Case("boundaries-unknown-format", "boundaries", lambda f: _check(f, _raw(f, "c.dwg", b"AC1027")), 1,
             ("c.dwg", "GeoJSON")),
        Case("boundaries-missing-file", "boundaries", lambda f: _check(f, f / "nope.geojson"), 1, ("nope.geojson",)),
        Case("unknown-crs-option", "options",
             lambda f: _check(f, _layer(f, "c.geojson", c), "--crs", "EPSG:99999"), 1, ("EPSG:99999", "--crs")),
        Case("crs-option-garbage", "options",
             lambda f: _check(f, _layer(f, "c.geojson", c), "--crs", "not a crs"), 1, ("not a crs", "--crs")),
    ]


def _assert_file(path: Path) -> None:
    assert path.is_file() and path.stat().st_size > 0, path


# --- records ------------------------------------------------------------------------------------------

HEADER = ["commune_code", "commune_name", "technology", "status", "as_of", "note"]
STATUSES = ["none", "covered", "covered", "none"]


def _good_rows() -> list[list[str]]:
    """The four records of the corpus, one per commune, as cells."""
    return [[code, name, "lan", status, "2024-06-30", ""] for code, name, status in zip(CODES, NAMES, STATUSES)]


def _csv_text(rows: list[list[str]], header: list[str] | None = None, *, sep: str = ",", newline: str = "\n",
              quoting: int = csv.QUOTE_MINIMAL) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep, lineterminator=newline, quoting=quoting)
    writer.writerow(HEADER if header is None else header)
    writer.writerows(rows)
    return buf.getvalue()


def _csv(folder: Path, rows: list[list[str]] | None = None, *, name: str = "r.csv", encoding: str = "utf-8",
         **kw) -> Path:
    path = folder / name
    path.write_bytes(_csv_text(_good_rows() if rows is None else rows, **kw).encode(encoding))
    return path


def _text(folder: Path, text: str, name: str = "r.csv") -> Path:
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


def _communes_file(folder: Path, gdf: gpd.GeoDataFrame | None = None, name: str = "c.geojson") -> Path:
    path = folder / name
    if not path.exists():
        (communes() if gdf is None else gdf).to_file(path, engine="pyogrio")
    return path


def _check_writing(folder: Path, records_path: Path, *outputs: str) -> list[str]:
    """``dxmap check`` of ``records_path`` against the four communes; each output is "--option name" in the folder."""
    args = ["check", "--lang", "en", "--records", str(records_path), "--communes", str(_communes_file(folder)), "-q"]
    for out in outputs:
        option, _, name = out.partition(" ")
        args += [option, str(folder / name)]
    return args


def _checking(folder: Path, records_path: Path, *extra: str) -> list[str]:
    """``dxmap check`` of ``records_path`` against the four communes, every record written to ``out.csv``."""
    return [*_check_writing(folder, records_path, "--outcomes out.csv"), *extra]


def _outcomes(folder: Path, name: str = "out.csv") -> pd.DataFrame:
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _read(name: str = "out.csv", **expected: list[object]) -> Callable[[Path, object], None]:
    """A check that the outcomes file holds exactly these values, column by column."""
    def check(folder: Path, result: object) -> None:
        table = _outcomes(folder, name)
        for column, values in expected.items():
            assert table[column].tolist() == [str(v) for v in values], (column, table[column].tolist())
    return check


def _xlsx(folder: Path, sheets: dict[str, list[list[object]]], *, name: str = "r.xlsx", hidden: tuple[str, ...] = (),
          merged: dict[str, list[str]] | None = None) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    ws.cell(row=r, column=c, value=value)
        for rng in (merged or {}).get(title, []):
            ws.merge_cells(rng)
        if title in hidden:
            ws.sheet_state = "hidden"
    path = folder / name
    book.save(path)
    return path


def _xlsx_rows(rows: list[list[str]] | None = None) -> list[list[object]]:
    return [HEADER, *(_good_rows() if rows is None else rows)]


def _with_saved_value(path: Path, cell: str, value: str) -> Path:
    """Store ``value`` as the saved result of the formula in ``cell`` (as Excel does on saving; openpyxl cannot)."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    xml, n = re.subn(rf'<c r="{cell}"([^>]*)><f>(.*?)</f>(?:<v\s*/>|<v></v>)?</c>'.encode(),
                     rf'<c r="{cell}" t="str"><f>\2</f><v>{value}</v></c>'.encode(), parts[sheet])
    assert n == 1, parts[sheet][:2000]
    parts[sheet] = xml
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def _compound_file(streams: list[str]) -> bytes:
    """An OLE compound file as Office lays one out (header, one FAT sector, one directory sector) holding
    empty streams: ``EncryptionInfo`` and ``EncryptedPackage`` make a password-protected workbook,
    ``Workbook`` an Excel 97-2003 one."""
    none, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    header = bytearray(b"\xff" * 512)
    header[:76] = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
                   + bytes(6) + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0))
    header[76:80] = struct.pack("<I", 0)  # the FAT is sector 0
    fat = struct.pack("<II", fat_sector, end) + struct.pack("<I", none) * 126
    entries = []
    for i, name in enumerate(["Root Entry", *streams]):
        raw = (name + "\0").encode("utf-16-le")
        right = i + 1 if 0 < i < len(streams) else none
        entries.append(raw.ljust(64, b"\0") + struct.pack("<HBBIII", len(raw), 5 if i == 0 else 2, 1, none, right,
                                                          1 if i == 0 and streams else none)
                       + bytes(16) + bytes(4) + bytes(16) + struct.pack("<IQ", end, 0))
    directory = b"".join(entries).ljust(512, b"\0")
    return bytes(header) + fat + directory


def _raw_case(id: str, kind: str, content: bytes | Callable[[Path], bytes], name: str, says: tuple[str, ...],
              exit: int = 1) -> Case:
    def make(folder: Path) -> list[str]:
        data = content(folder) if callable(content) else content
        return _checking(folder, _raw(folder, name, data))
    return Case(id, kind, make, exit, says)


def _named(name: str, content: bytes | Callable[[Path], bytes]) -> Callable[[Path], list[str]]:
    """A check of a file of these bytes under this name (one that lies about them) that reads it."""
    return lambda folder: _checking(folder, _raw(folder, name, content(folder) if callable(content) else content))


def _same_file_as(other: str) -> Callable[[Path], bytes]:
    """The bytes of a file another writer makes (a workbook, a GeoPackage, a KML), for naming it .csv."""
    def content(folder: Path) -> bytes:
        sub = folder / "made"
        sub.mkdir(exist_ok=True)
        path = sub / other
        if other.endswith(".xlsx"):
            records().to_excel(path, index=False)
        elif other.endswith(".kml"):
            communes().to_file(path, driver="KML", engine="pyogrio")
        else:
            communes().to_file(path, engine="pyogrio")
        data = path.read_bytes()
        for p in sub.iterdir():
            p.unlink()
        sub.rmdir()
        return data
    return content


def records_csv_cases() -> list[Case]:
    rows = _good_rows()
    matched4 = ("4 records: matched 4",)

    def lines(*texts: str) -> Callable[[Path], list[str]]:
        return lambda folder: _checking(folder, _text(folder, "".join(texts)))

    head = ",".join(HEADER) + "\n"
    row = [",".join(r) + "\n" for r in rows]

    def utf16(folder, bom=True):
        text = _csv_text(rows, sep="\t", newline="\r\n")
        return _checking(folder, _raw(folder, "r.txt", (codecs.BOM_UTF16_LE if bom else b"") + text.encode("utf-16-le")))

    def tcvn3(folder):
        from dxmap.io.encodings import encode_text

        return _checking(folder, _raw(folder, "r.csv", encode_text(_csv_text(rows), "tcvn3")))

    def future(folder, cmd="check"):
        path = _csv(folder, [rows[0], [*rows[1][:4], "2099-06-30", ""], *rows[2:]])
        if cmd == "check":
            return _checking(folder, path)
        return ["summary", "--records", str(path), "--communes", str(_communes_file(folder)), "-q", "--allow-unmatched",
                "--lang", "en"]

    def dated(*values: str, **kw) -> Callable[[Path], list[str]]:
        return lambda folder: _checking(folder, _csv(folder, [[*r[:4], v, ""] for r, v in zip(rows, values)], **kw))

    def big_cell_after_blank(folder):
        return _checking(folder, _text(folder, head + row[0] + "\n" + ",".join([*rows[1][:5], "x" * 200_000]) + "\n"))

    def escape_in_name(folder):
        return _checking(folder, _csv(folder, [rows[0], [*rows[1][:3], "maybe", "2024-06-30", ""]], name="r\x1b[31m.csv"))

    def no_raw_escape(stream: str) -> Callable[[Path, object], None]:
        def check(folder, result):
            text = result.output if stream == "out" else result.stderr
            assert "\x1b" not in text and "\u202e" not in text, text
        return check

    return [
        _raw_case("csv-0-bytes", "records-csv", b"", "r.csv", ("r.csv", "empty")),
        _raw_case("csv-bom-only", "records-csv", codecs.BOM_UTF8, "r.csv", ("r.csv", "empty")),
        _raw_case("csv-blank-lines-only", "records-csv", b"\n\r\n  \n", "r.csv", ("r.csv", "empty")),
        _raw_case("csv-utf16-bom-only", "records-csv", codecs.BOM_UTF16_LE, "r.csv", ("r.csv", "empty")),
        Case("csv-header-only", "records-csv", lines(head), 1, ("r.csv", "no records, only a header line")),
        _raw_case("csv-geojson-named-csv", "records-csv", lambda f: communes().to_json().encode(), "r.csv",
                  ("r.csv", "GeoJSON", "--communes")),
        _raw_case("csv-json-array", "records-csv", b'[{"commune_code": "02692"}]', "r.csv", ("r.csv", "JSON")),
        _raw_case("csv-binary", "records-csv", bytes(range(256)) * 4, "r.csv", ("r.csv", "binary", "NUL")),
        _raw_case("csv-control-bytes-without-nul", "records-csv", bytes(range(1, 32)) * 40, "r.csv", ("r.csv", "binary")),
        # a workbook under a .csv name is read as one, said once (QA64 F14)
        Case("csv-xlsx-named-csv", "records-csv", _named("r.csv", _same_file_as("r.xlsx")), 0,
             (*matched4, "read as .xlsx"), writes=("out.csv",)),
        _raw_case("csv-pdf-named-csv", "records-csv", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "r.csv", ("r.csv", "PDF")),
        _raw_case("csv-geopackage-named-csv", "records-csv", _same_file_as("c.gpkg"), "r.csv", ("r.csv", "GeoPackage")),
        _raw_case("csv-kml-named-csv", "records-csv", _same_file_as("c.kml"), "r.csv", ("r.csv", "XML")),
        _raw_case("csv-excel-97-named-csv", "records-csv", _compound_file(["Workbook"]), "r.csv", ("r.csv", "97-2003")),
        Case("csv-utf16-without-bom", "records-csv", lambda f: utf16(f, bom=False), 1, ("r.txt", "utf-16")),
        Case("csv-utf16-without-bom-named", "records-csv", lambda f: [*utf16(f, bom=False), "--encoding", "utf-16-le"],
             0, matched4, writes=("out.csv",), check=_read(commune_name=NAMES, status=STATUSES)),
        Case("csv-unicode-text-utf16-tabs", "records-csv", utf16, 0, matched4, writes=("out.csv",),
             check=_read(row=[2, 3, 4, 5], status=STATUSES, commune_name=NAMES)),
        Case("csv-tcvn3-bytes", "records-csv", tcvn3, 0, matched4, writes=("out.csv",),
             check=_read(commune_name=NAMES, status=STATUSES)),
        Case("csv-bom-and-crlf", "records-csv",
             lambda f: _checking(f, _raw(f, "r.csv", codecs.BOM_UTF8 + _csv_text(rows, newline="\r\n").encode())), 0,
             matched4, writes=("out.csv",), check=_read(row=[2, 3, 4, 5], commune_code=CODES)),
        Case("csv-cr-only-line-ends", "records-csv", lines(*(t.replace("\n", "\r") for t in [head, *row])), 0, matched4,
             writes=("out.csv",), check=_read(row=[2, 3, 4, 5], status=STATUSES)),
        Case("csv-semicolons", "records-csv", lambda f: _checking(f, _csv(f, sep=";")), 0, matched4, writes=("out.csv",),
             check=_read(commune_code=CODES, status=STATUSES)),
        Case("csv-tabs-in-txt", "records-csv", lambda f: _checking(f, _csv(f, name="r.txt", sep="\t")), 0, matched4,
             writes=("out.csv",), check=_read(commune_name=NAMES)),
        Case("csv-uppercase-suffix", "records-csv", lambda f: _checking(f, _csv(f, name="R.CSV")), 0, matched4,
             writes=("out.csv",), check=_read(file=["R.CSV"] * 4)),
        Case("csv-blank-lines-keep-row-numbers", "records-csv",
             lines(head, row[0], "\n", row[1], row[2], "\n", "\n", row[3].replace(",none,", ",maybe,")), 1,
             ("r.csv row 8", "unknown status 'maybe'"), rows_fail=True, writes=("out.csv",),
             check=_read(row=[2, 4, 5, 8], outcome=["matched"] * 3 + ["invalid"])),
        Case("csv-quoted-line-break-keeps-row-numbers", "records-csv",
             lines(head, row[0].replace(",\n", ',"two\nlines"\n'), row[1], row[2], row[3].replace(",none,", ",maybe,")),
             1, ("r.csv row 6",), rows_fail=True, writes=("out.csv",),
             check=_read(row=[2, 4, 5, 6], note=["two lines", "", "", ""])),
        Case("csv-truncated-row-is-not-a-heading", "records-csv", lines(head, row[0], "02695,Nậm Chạc\n", row[2], row[3]),
             1, ("r.csv row 3", "cut short"), rows_fail=True, writes=("out.csv",),
             check=_read(row=[2, 3, 4, 5], outcome=["matched", "invalid", "matched", "matched"])),
        Case("csv-too-many-cells", "records-csv", lines(head, row[0], row[1], row[2].replace("A Lù", "A, Lù").rstrip("\n") + "n\n", row[3]),
             1, ("r.csv row 4", "7 cells", "header has 6"), rows_fail=True, writes=("out.csv",),
             check=_read(row=[2, 3, 4, 5], outcome=["matched", "matched", "invalid", "matched"])),
        Case("csv-too-many-cells-in-the-note", "records-csv",
             lines(head, row[0], row[1], row[2].rstrip("\n") + "x, y\n", row[3]), 0, matched4, writes=("out.csv",),
             check=_read(row=[2, 3, 4, 5], note=["", "", "x, y", ""])),
        Case("csv-unclosed-quote-swallows-rows", "records-csv", lines(head, row[0], row[1].rstrip("\n") + '"oops\n', row[2], row[3]),
             1, ("r.csv row 3", "quote"), rows_fail=True, writes=("out.csv",),
             check=_read(row=[2, 3], outcome=["matched", "invalid"])),
        Case("csv-record-dated-2099", "records-csv", future, 1, ("r.csv row 3", "2099-06-30", "after today"),
             rows_fail=True, writes=("out.csv",), check=_read(outcome=["matched", "invalid", "matched", "matched"])),
        Case("csv-record-dated-2099-is-not-the-picture", "records-csv", lambda f: future(f, "summary"), 0,
             ("as of 2024-06-30",)),
        Case("csv-impossible-date", "records-csv", dated("31/02/2024", "30/06/2024", "30/06/2024", "30/06/2024"), 1,
             ("r.csv row 2", "no such day"), rows_fail=True, writes=("out.csv",)),
        Case("csv-two-date-orders", "records-csv", dated("30/06/2024", "06/30/2024", "15/04/2024", "04/15/2024"), 1,
             ("r.csv", "row 2", "row 3", "--date-order")),
        # one month-first date among day-first ones is a typo, its row's problem: not the whole file's (QA61 1)
        Case("csv-one-month-first-typo", "records-csv",
             dated("30/06/2024", "06/30/2024", "30/06/2024", "30/06/2024"), 1,
             ("r.csv row 3", "no month 30", "write 30/06/2024"), rows_fail=True, writes=("out.csv",),
             check=_read(outcome=["matched", "invalid", "matched", "matched"])),
        Case("csv-record-dated-1024", "records-csv", dated("30/06/2024", "30/06/1024", "30/06/2024", "30/06/2024"), 1,
             ("r.csv row 3", "1024-06-30", "before 1990"), rows_fail=True, writes=("out.csv",),
             check=_read(outcome=["matched", "invalid", "matched", "matched"])),
        Case("csv-month-first-column", "records-csv", dated("06/30/2024", "06/30/2024", "12/31/2023", "06/30/2024"), 0,
             matched4, writes=("out.csv",), check=_read(as_of=["2024-06-30", "2024-06-30", "2023-12-31", "2024-06-30"])),
        Case("csv-01-04-is-the-first-of-april", "records-csv", dated("01/04/2024", "1/4/2024", "01.04.2024", "01-04-2024"),
             0, matched4, writes=("out.csv",), check=_read(as_of=["2024-04-01"] * 4)),
        Case("csv-dates-with-time-and-zone", "records-csv",
             dated("2024-06-30T10:00:00+07:00", "2024-06-30 23:59", "2024-06-30T00:00:00Z", "30/06/2024 08:00"), 0,
             matched4, writes=("out.csv",), check=_read(as_of=["2024-06-30"] * 4)),
        Case("csv-excel-serials-and-date-words", "records-csv",
             dated("45473", "45473.0", "ngày 30 tháng 6 năm 2024", "30 tháng 06 năm 2024"), 0, matched4,
             writes=("out.csv",), check=_read(as_of=["2024-06-30"] * 4)),
        Case("csv-codes-without-zeros-floats-hierarchical", "records-csv",
             lambda f: _checking(f, _csv(f, [[c, *r[1:]] for c, r in zip(["2692", "2695.0", "10.082.02698", "'02701"],
                                                                            rows)])), 0, matched4,
             writes=("out.csv",), check=_read(matched_commune_code=CODES)),
        Case("csv-total-and-heading-rows", "records-csv",
             lines(head, "I. Huyện Bát Xát,,,,,\n", *row, "Tổng cộng,,,2,,\n"), 0,
             ("6 records: matched 4", "ignored 2"), writes=("out.csv",),
             check=_read(row=[2, 3, 4, 5, 6, 7], outcome=["ignored", *["matched"] * 4, "ignored"])),
        Case("csv-line-of-separators", "records-csv", lines(head, row[0], row[1], ",,,,,\n", row[2], row[3]), 0,
             ("matched 4",), writes=("out.csv",)),
        Case("csv-bel-and-esc-in-a-note", "records-csv",
             lambda f: _checking(f, _csv(f, [[*r[:5], "bell\x07 esc\x1b[31m"] for r in rows])), 0, matched4,
             writes=("out.csv",), check=_read(note=["bell\ufffd esc\ufffd[31m"] * 4)),  # as XLSX writes them
        Case("csv-nul-in-a-cell", "records-csv", lines(head, row[0].replace("none", "no\x00ne"), *row[1:]), 1,
             ("r.csv", "NUL")),
        Case("csv-2500-character-note", "records-csv",
             lambda f: _checking(f, _csv(f, [[*r[:5], "Lõm sóng " * 277 + "x"] for r in rows])), 0, matched4,
             writes=("out.csv",), check=lambda f, r: (_read(outcome=["matched"] * 4)(f, r),
                                                      _assert_len(_outcomes(f)["note"], 2494))),
        Case("csv-cell-beyond-the-csv-limit", "records-csv", big_cell_after_blank, 1, ("r.csv", "line 4")),
        Case("csv-no-status-column", "records-csv", lambda f: _checking(f, _csv(f, [r[:3] for r in rows], header=HEADER[:3])),
             1, ("r.csv", "no status column", "--column status=")),
        Case("csv-no-unit-column", "records-csv",
             lambda f: _checking(f, _csv(f, [r[2:5] for r in rows], header=HEADER[2:5])), 1,
             ("r.csv", "identifies the unit", "--column commune_code=")),
        Case("csv-no-date-column", "records-csv", lambda f: _checking(f, _csv(f, [r[:4] for r in rows], header=HEADER[:4])),
             1, ("r.csv", "no date column", "--records-date")),
        Case("csv-duplicate-status-headers", "records-csv",
             lambda f: _checking(f, _csv(f, [[*r[:4], "covered", r[4]] for r in rows],
                                           header=[*HEADER[:4], "status", "as_of"])), 0,
             ("column 'status.1' also names status; column 'status' is read",),
             writes=("out.csv",), check=_read(status=STATUSES)),
        Case("csv-unknown-words", "records-csv",
             lambda f: _checking(f, _csv(f, [[*rows[0][:2], "wifi", *rows[0][3:]], [*rows[1][:3], "sort of", *rows[1][4:]],
                                             *rows[2:]])), 1,
             ("r.csv row 2", "unknown technology 'wifi'", "r.csv row 3", "unknown status 'sort of'"), rows_fail=True,
             writes=("out.csv",), check=_read(outcome=["invalid", "invalid", "matched", "matched"])),
        Case("csv-coordinates-with-decimal-commas", "records-csv",
             lambda f: _checking(f, _csv(f, [["", "", "lan", "none", "2024-06-30", "103,55", "22,55"]],
                                           header=[*HEADER[:5], "lon", "lat"])), 0, ("1 record: matched 1",),
             writes=("out.csv",), check=_read(matched_commune_code=["02692"], lon=["103.55"], method=["location"])),
        Case("csv-coordinates-not-numbers", "records-csv",
             lambda f: _checking(f, _csv(f, [["", "", "lan", "none", "2024-06-30", "103°33'", "22.55"]],
                                           header=[*HEADER[:5], "lon", "lat"])), 1,
             ("r.csv row 2", "not a number"), rows_fail=True, writes=("out.csv",)),
        # one file twice: said so with its name (each record was listed as a duplicate of itself before)
        Case("csv-same-file-twice", "records-csv",
             lambda f: _checking(f, _csv(f), "--records", str(f / "r.csv")), 1, ("r.csv", "given twice", "once")),
        Case("csv-title-rows-above-the-header", "records-csv",
             lines("ỦY BAN NHÂN DÂN TỈNH LÀO CAI\n", "BIỂU TỔNG HỢP\n", "\n", head, *row), 0, matched4,
             writes=("out.csv",), check=_read(row=[5, 6, 7, 8])),
        Case("csv-missing-file", "records-csv", lambda f: _checking(f, f / "nope.csv"), 1, ("nope.csv", "not found")),
        Case("csv-a-folder-as-records", "records-csv", lambda f: _checking(f, _folder(f, "sub")), 2, ("sub", "is a folder, not a file")),
        Case("csv-unsupported-suffix", "records-csv", lambda f: _checking(f, _raw(f, "r.ods", b"PK\x03\x04")), 1,
             ("r.ods", "'.ods'", ".csv")),
        Case("csv-no-suffix", "records-csv", lambda f: _checking(f, _raw(f, "records", _csv_text(rows).encode())), 1,
             ("records", ".csv")),
        Case("csv-terminal-escape-in-file-name", "records-csv", escape_in_name, 1, ("r\\x1b[31m.csv row 3",),
             rows_fail=True, writes=("out.csv",), check=no_raw_escape("out")),
        Case("csv-terminal-escape-in-an-error", "records-csv",
             lambda f: _checking(f, _csv(f, [r[:3] for r in rows], header=["commune_code", "\x1b]0;pwned\x07", "x"],
                                           name="bad\x1b[2J.csv")), 1, ("bad\\x1b[2J.csv",),
             check=no_raw_escape("err")),
        Case("csv-bidi-override-in-a-name", "records-csv",
             lambda f: _checking(f, _csv(f, [["", "\u202eanuS úM A", "lan", "none", "2024-06-30", ""]])), 1,
             ("\\u202e",), rows_fail=True, writes=("out.csv",), check=no_raw_escape("out")),
    ]


def _assert_len(values: pd.Series, n: int) -> None:
    assert values.str.len().tolist() == [n] * len(values), values.str.len().tolist()


def _folder(folder: Path, name: str) -> Path:
    path = folder / name
    path.mkdir(exist_ok=True)
    return path


def records_xlsx_cases() -> list[Case]:
    rows = _good_rows()
    old = [[*r[:3], "none", "2023-12-31", ""] for r in rows]
    matched4 = ("4 records: matched 4",)

    def book(sheets, **kw) -> Callable[[Path], list[str]]:
        return lambda folder, *extra: _checking(folder, _xlsx(folder, sheets, **kw), *extra)

    def formula(cell_value: str, saved: str | None = None, column: int = 3) -> Callable[[Path], list[str]]:
        def make(folder):
            body = [list(r) for r in rows]
            body[1][column] = cell_value
            path = _xlsx(folder, {"Bát Xát": [["STT", *HEADER], *[[f"=A{i + 1}+1" if i else 1, *r] for i, r in
                                                                enumerate(body)]]})
            if saved is not None:
                _with_saved_value(path, "E3", saved)
            return _checking(folder, path)
        return make

    def truncated(folder):
        path = _xlsx(folder, {"Bát Xát": _xlsx_rows()})
        data = path.read_bytes()
        path.write_bytes(data[: len(data) * 2 // 3])
        return _checking(folder, path)

    def ods(folder):
        path = folder / "r.xlsx"
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
            z.writestr("content.xml", "<office:document-content/>")
        return _checking(folder, path)

    import datetime as dt

    return [
        _raw_case("xlsx-0-bytes", "records-xlsx", b"", "r.xlsx", ("r.xlsx", "empty")),
        _raw_case("xlsx-password-protected", "records-xlsx", _compound_file(["EncryptionInfo", "EncryptedPackage"]),
                  "r.xlsx", ("r.xlsx", "password")),
        _raw_case("xlsx-excel-97-named-xlsx", "records-xlsx", _compound_file(["Workbook"]), "r.xlsx",
                  ("r.xlsx", "97-2003", ".xlsx")),
        Case("xlsx-opendocument-named-xlsx", "records-xlsx", ods, 1, ("r.xlsx", "OpenDocument")),
        _raw_case("xlsx-zip-of-text", "records-xlsx", lambda f: _zip(f, "z.zip", {"a.txt": _raw(f, "a.txt", b"x")}).read_bytes(),
                  "r.xlsx", ("r.xlsx", "zip archive", "a.txt")),
        # read by content, said once (QA64 F14): a text table named .xlsx or .xls, a workbook named .xls
        Case("xlsx-csv-named-xlsx", "records-xlsx", _named("r.xlsx", _csv_text(rows).encode()), 0,
             (*matched4, "read as CSV"), writes=("out.csv",)),
        Case("xlsx-csv-named-xls", "records-xlsx", _named("r.xls", _csv_text(rows).encode("utf-16")), 0,
             (*matched4, "read as CSV"), writes=("out.csv",)),
        Case("xlsx-workbook-named-xls", "records-xlsx", _named("r.xls", _same_file_as("r.xlsx")), 0,
             (*matched4, "read as .xlsx"), writes=("out.csv",)),
        _raw_case("xlsx-excel-97-named-xls", "records-xlsx", _compound_file(["Workbook"]), "r.xls",
                  ("r.xls", "97-2003", "LibreOffice", "r.xlsx")),
        _raw_case("xlsx-html-named-xls", "records-xlsx",
                  b"<html><body><table><tr><td>x</td></tr></table></body></html>", "r.xls",
                  ("r.xls", "web page", "r.xlsx")),
        Case("xlsx-cut-short", "records-xlsx", truncated, 1, ("r.xlsx", "incomplete")),
        Case("xlsx-hidden-sheet-not-read", "records-xlsx",
             book({"Bát Xát": _xlsx_rows(), "Cũ": _xlsx_rows(old)}, hidden=("Cũ",)), 0, matched4,
             writes=("out.csv",), check=_read(as_of=["2024-06-30"] * 4, file=["r.xlsx"] * 4)),
        Case("xlsx-hidden-sheet-read-when-named", "records-xlsx",
             lambda f: book({"Bát Xát": _xlsx_rows(), "Cũ": _xlsx_rows(old)}, hidden=("Cũ",))(f, "--sheet", "cu"), 0,
             matched4, writes=("out.csv",), check=_read(as_of=["2023-12-31"] * 4, status=["none"] * 4)),
        Case("xlsx-only-a-hidden-sheet-has-records", "records-xlsx",
             book({"Hướng dẫn": [["Điền biểu theo mẫu"]], "Cũ": _xlsx_rows(old)}, hidden=("Cũ",)), 1,
             ("r.xlsx", "hidden", "'Cũ'")),
        Case("xlsx-every-sheet-with-records-is-read", "records-xlsx",
             book({"Hướng dẫn": [["Điền biểu theo mẫu"]], "Q1": [[], *_xlsx_rows(old[:2])], "Q2": _xlsx_rows()}), 0,
             ("6 records: matched 6",), writes=("out.csv",),
             check=_read(file=["r.xlsx [Q1]"] * 2 + ["r.xlsx [Q2]"] * 4, row=[3, 4, 2, 3, 4, 5])),
        Case("xlsx-list-of-communes-sheet-is-not-records", "records-xlsx",
             book({"Danh mục xã": [["Mã xã", "Tên xã"], *[[c, n] for c, n in zip(CODES, NAMES)]], "Biểu": _xlsx_rows()}),
             0, matched4, writes=("out.csv",), check=_read(file=["r.xlsx"] * 4)),
        Case("xlsx-second-sheet-without-dates", "records-xlsx",
             book({"Q2": _xlsx_rows(), "Q3": [HEADER[:4], *[r[:4] for r in rows]]}), 1,
             ("r.xlsx", "sheet 'Q3'", "--records-date")),
        Case("xlsx-formula-without-saved-value", "records-xlsx", formula('=IF(1,"Có","Chưa có")'), 1,
             ("r.xlsx row 3", "formula", "E3"), rows_fail=True, writes=("out.csv",),
             check=_read(outcome=["matched", "invalid", "matched", "matched"])),
        Case("xlsx-formula-with-saved-value", "records-xlsx", formula('=IF(1,"Có","Chưa có")', saved="Có"), 0, matched4,
             writes=("out.csv",), check=_read(status=["none", "covered", "covered", "none"])),
        Case("xlsx-unsaved-formulas-in-a-column-not-read", "records-xlsx", formula("covered"), 0, matched4,
             writes=("out.csv",), check=_read(row=[2, 3, 4, 5])),
        Case("xlsx-blank-rows-keep-row-numbers", "records-xlsx",
             book({"Q2": [HEADER, rows[0], [], rows[1], [], [], rows[2], [*rows[3][:3], "maybe", *rows[3][4:]]]}), 1,
             ("r.xlsx row 8",), rows_fail=True, writes=("out.csv",), check=_read(row=[2, 4, 7, 8])),
        Case("xlsx-table-starting-at-c3", "records-xlsx",
             book({"Q2": [[], [], *[[None, None, *r] for r in _xlsx_rows()]]}), 0, matched4, writes=("out.csv",),
             check=_read(row=[4, 5, 6, 7], commune_code=CODES)),
        Case("xlsx-date-cells-serials-and-text", "records-xlsx",
             book({"Q2": [HEADER, *[[*r[:4], d, ""] for r, d in zip(rows, [dt.datetime(2024, 6, 30), 45473, "30/06/2024",
                                                                         dt.date(2024, 6, 30)])]]}), 0, matched4,
             writes=("out.csv",), check=_read(as_of=["2024-06-30"] * 4)),
        Case("xlsx-date-cell-in-2099", "records-xlsx",
             book({"Q2": [HEADER, *rows[:3], [*rows[3][:4], dt.datetime(2099, 6, 30), ""]]}), 1,
             ("r.xlsx row 5", "2099-06-30", "after today"), rows_fail=True, writes=("out.csv",)),
        Case("xlsx-merged-heading-row", "records-xlsx",
             book({"Q2": [HEADER, ["I. Huyện Bát Xát"], *rows]}, merged={"Q2": ["A2:F2"]}), 0,
             ("5 records: matched 4", "ignored 1"), writes=("out.csv",), check=_read(row=[2, 3, 4, 5, 6])),
        Case("xlsx-sheet-not-there", "records-xlsx", lambda f: book({"Q2": _xlsx_rows()})(f, "--sheet", "nope"), 1,
             ("r.xlsx", "'nope'", "--sheet")),
        Case("xlsx-no-header-anywhere", "records-xlsx", book({"A": [["a", "b"], [1, 2]], "B": [["hello"]]}), 1,
             ("r.xlsx", "no sheet has a header")),
        Case("xlsx-xlsm-suffix", "records-xlsx", lambda f: _checking(f, _xlsx(f, {"Q2": _xlsx_rows()}, name="r.xlsm")),
             0, matched4, writes=("out.csv",), check=_read(file=["r.xlsm"] * 4)),
        Case("xlsx-codes-as-numbers-floats-and-text", "records-xlsx",
             book({"Q2": [HEADER, *[[c, *r[1:]] for c, r in zip([2692, 2695.0, "02698", "10.082.02701"], rows)]]}), 0,
             matched4, writes=("out.csv",), check=_read(matched_commune_code=CODES)),
    ]


# --- options ------------------------------------------------------------------------------------------

def option_cases() -> list[Case]:
    def with_records(command: str, *extra: str, rows: list[list[str]] | None = None) -> Callable[[Path], list[str]]:
        def make(folder):
            args = [command, "--records", str(_csv(folder, rows)), "--communes", str(_communes_file(folder)), "-q"]
            return args + list(extra)
        return make

    two_dates = [*_good_rows(), *[[*r[:3], "none", "2024-03-31", ""] for r in _good_rows()]]
    return [
        Case("as-of-garbage", "options", with_records("summary", "--as-of", "garbage", "--lang", "en"), 1, ("--as-of garbage", "YYYY-MM-DD")),
        Case("as-of-2024-13-45", "options", with_records("summary", "--as-of", "2024-13-45", "--lang", "en"), 1, ("--as-of 2024-13-45",)),
        Case("as-of-empty", "options", with_records("summary", "--as-of", "", "--lang", "en"), 1, ("--as-of ''", "not a date")),
        Case("as-of-with-time-zone", "options", with_records("summary", "--as-of", "2024-06-30T10:00+07:00", "--lang", "en"), 0,
             ("as of 2024-06-30",)),
        Case("as-of-30-february", "options", with_records("summary", "--as-of", "30/02/2024", "--lang", "en"), 1,
             ("--as-of 30/02/2024", "no real day")),
        Case("as-of-before-every-record", "options", with_records("summary", "--as-of", "2020-01-01", "--lang", "en"), 1,
             ("2020-01-01", "earliest")),
        Case("as-of-after-the-newest-record", "options", with_records("summary", "--as-of", "2025-01-01", "--lang", "en"), 0,
             ("as of 2025-01-01 (newest record 2024-06-30)",)),
        Case("as-of-in-the-future", "options", with_records("summary", "--as-of", "2099-01-01", "--lang", "en"), 1,
             ("--as-of 2099-01-01", "after today", "mistyped year")),
        Case("as-of-day-first", "options", with_records("summary", "--as-of", "30/06/2024", "--lang", "en"), 0,
             ("as of 2024-06-30",)),
        Case("records-date-garbage", "options",
             lambda f: _checking(f, _csv(f, [r[:4] for r in _good_rows()], header=HEADER[:4]), "--records-date", "soon"),
             1, ("--records-date soon", "not a date")),
        Case("records-date-in-2099", "options",
             lambda f: _checking(f, _csv(f, [r[:4] for r in _good_rows()], header=HEADER[:4]), "--records-date",
                                 "2099-06-30"), 1, ("--records-date 2099-06-30", "after today")),
        Case("compare-garbage", "options", with_records("summary", "--compare", "last quarter", "--lang", "en"), 1,
             ("--compare 'last quarter'", "not a date")),
        Case("compare-not-before-as-of", "options", with_records("summary", "--compare", "2024-07-01", "--lang", "en"), 1,
             ("--compare 2024-07-01", "not before")),
        Case("compare-day-first", "options", with_records("summary", "--compare", "31/03/2024", "--lang", "en", rows=two_dates), 0,
             ("compared with 2024-03-31",)),
        Case("date-order-unknown", "options", with_records("check", "--lang", "en", "--date-order", "ydm"), 2, ("--date-order", "ydm")),
        Case("technology-unknown", "options",
             lambda f: _checking(f, _csv(f, [[*r[:2], r[3], r[4]] for r in _good_rows()],
                                         header=["commune_code", "commune_name", "status", "as_of"]),
                                 "--technology", "wifi"), 1, ("--technology", "'wifi'")),
        Case("column-without-equals", "options", with_records("check", "--lang", "en", "--column", "status"), 2, ("--column", "FIELD=HEADER")),
        Case("column-naming-a-missing-header", "options", with_records("check", "--lang", "en", "--column", "status=Tình hình"), 1,
             ("r.csv", "--column", "'Tình hình'")),
        Case("wide-with-an-unknown-technology", "options", with_records("check", "--lang", "en", "--wide", "status=wifi"), 1,
             ("--wide", "'wifi'")),
        Case("encoding-unknown", "options", with_records("check", "--lang", "en", "--encoding", "klingon"), 2, ("--encoding", "klingon")),
        Case("district-unknown", "options", with_records("summary", "--district", "Hà Nội", "--lang", "en"), 1, ("'Hà Nội'",)),
        Case("simplify-not-a-value", "options",
             lambda f: with_records("map", "--out", str(f / "m.html"), "--simplify", "banana", "--lang", "en")(f), 2, ("--simplify", "banana")),
        Case("demo-with-records", "options", lambda f: ["summary", "--demo", "--records", str(_csv(f)), "-q", "--lang", "en"], 2,
             ("--demo", "--records")),
        Case("no-records-at-all", "options", lambda f: ["check", "--lang", "en", "-q"], 2, ("--records",)),
        Case("unknown-option", "options", with_records("check", "--lang", "en", "--recrods", "x.csv"), 2, ("--recrods",)),
        Case("lang-unknown", "options", lambda f: with_records("map", "--out", str(f / "m.html"), "--lang", "fr")(f), 2,
             ("--lang", "fr")),
        Case("format-unknown", "options", with_records("summary", "--format", "pdf", "--lang", "en"), 2, ("--format", "pdf")),
    ]


# --- output paths ---------------------------------------------------------------------------------------

def _read_only_folder(folder: Path) -> Path:
    """A folder this process cannot write into: made read-only, or (as root, who writes anywhere) /sys."""
    if os.geteuid() != 0:
        path = folder / "locked"
        path.mkdir()
        path.chmod(0o555)
        return path
    return Path("/sys")


def output_cases() -> list[Case]:
    def check_to(*outputs: str) -> Callable[[Path], list[str]]:
        return lambda folder: _check_writing(folder, _csv(folder), *outputs)

    def symlink(folder):
        path = _csv(folder)
        (folder / "link.csv").symlink_to(path)
        return _check_writing(folder, path, "--outcomes link.csv")

    def hard_link(folder):
        path = _csv(folder)
        os.link(path, folder / "copy.csv")
        return _check_writing(folder, folder / "copy.csv", "--outcomes r.csv")

    def other_spelling(folder):
        path = _csv(folder)
        (folder / "sub").mkdir()
        return _check_writing(folder, path, "--outcomes sub/../r.csv")

    def shapefile_sidecar(folder):
        parts = _shapefile(folder, communes())
        return ["check", "--lang", "en", "--records", str(_csv(folder)), "--communes", str(parts[".shp"]), "-q", "--outcomes",
                str(parts[".dbf"])]

    def report_folder(folder):
        out = folder / "bao_cao"
        out.mkdir()
        path = _csv(out, name="districts.csv")
        return ["report", "--records", str(path), "--communes", str(_communes_file(folder)), "-q", "--lang", "en",
                "--out", str(out)]

    def read_only(folder):
        return ["check", "--lang", "en", "--records", str(_csv(folder)), "--communes", str(_communes_file(folder)), "-q",
                "--outcomes", str(_read_only_folder(folder) / "out.csv")]

    def parent_is_a_file(folder):
        _raw(folder, "notes", b"a file")
        return _check_writing(folder, _csv(folder), "--outcomes notes/out.csv")

    def full_disk(command: str):
        def make(folder):
            many = [[CODES[i % 4], NAMES[i % 4], "lan", STATUSES[i % 4], f"{2000 + i // 4 % 24}-06-30", "x" * 40]
                    for i in range(4 * 24)]
            path = _csv(folder, many)
            _raw(folder, "out.csv", b"old outcomes")
            _raw(folder, "m.html", b"old map")
            args = [command, "--records", str(path), "--communes", str(_communes_file(folder)), "-q"]
            # every command's lines are in its --lang (default vi: "dxmap: lỗi: …"); the case reads the English line
            return args + ["--lang", "en"] + (["--outcomes", str(folder / "out.csv")] if command == "check"
                                              else ["--out", str(folder / "m.html")])
        return make

    def replaced_whole(folder):
        _raw(folder, "out.csv", b"old outcomes")
        return _checking(folder, _csv(folder))

    def sizes(folder, result):
        assert (folder / "out.csv").read_bytes() == b"old outcomes" and (folder / "m.html").read_bytes() == b"old map"

    return [
        Case("outcomes-is-the-records-file", "output", check_to("--outcomes r.csv"), 2,
             ("--outcomes", "--records", "overwrite")),
        Case("outcomes-is-the-records-file-spelt-otherwise", "output", other_spelling, 2, ("--outcomes", "--records")),
        Case("outcomes-is-a-symlink-to-the-records", "output", symlink, 2, ("link.csv", "--records")),
        Case("outcomes-is-a-hard-link-to-the-records", "output", hard_link, 2, ("--outcomes", "copy.csv")),
        Case("outcomes-is-the-communes-file", "output", check_to("--outcomes c.geojson"), 2, ("--outcomes", "--communes")),
        Case("outcomes-is-a-shapefile-sidecar", "output", shapefile_sidecar, 2, ("c.dbf", "--communes")),
        Case("unmatched-is-the-records-file", "output", check_to("--unmatched r.csv"), 2, ("--unmatched", "--records")),
        Case("report-alias-is-the-records-file", "output", check_to("--report r.csv"), 2, ("--report", "--records")),
        Case("outcomes-and-unmatched-are-one-file", "output", check_to("--outcomes o.csv", "--unmatched o.csv"), 2,
             ("--unmatched", "same file")),
        Case("map-out-is-the-records-file", "output",
             lambda f: ["map", "--records", str(_csv(f)), "--communes", str(_communes_file(f)), "-q", "--lang", "en",
                        "--out", str(f / "r.csv")], 2, ("--out", "--records")),
        Case("summary-out-is-the-villages-file", "output",
             lambda f: ["summary", "--records", str(_csv(f)), "--communes", str(_communes_file(f)), "--villages",
                        str(_communes_file(f, name="v.geojson")), "-q", "--lang", "en", "--out", str(f / "v.geojson")], 2,
             ("--out", "--villages")),
        Case("report-folder-holds-an-input-it-would-write", "output", report_folder, 2, ("districts.csv", "--records")),
        Case("read-only-folder", "output", read_only, 1, ("cannot write", "out.csv", "--outcomes")),
        Case("output-under-a-file", "output", parent_is_a_file, 1, ("cannot write", "notes", "not a folder")),
        Case("map-out-is-a-folder", "output",
             lambda f: ["map", "--records", str(_csv(f)), "--communes", str(_communes_file(f)), "-q", "--lang", "en",
                        "--out", str(_folder(f, "maps"))], 2, ("maps", "is a folder, not a file")),
        Case("output-in-new-folders", "output", check_to("--outcomes a/b/out.csv"), 0, ("matched 4",),
             writes=("a/b/out.csv",)),
        Case("older-output-replaced-whole", "output", replaced_whole, 0, ("matched 4",), replaces=("out.csv",),
             check=lambda f, r: _read(row=[2, 3, 4, 5])(f, r)),
        Case("file-size-limit-while-writing-outcomes", "output", full_disk("check"), 1,
             ("cannot write", "out.csv", "--outcomes"), fsize=2000, check=sizes),
        Case("file-size-limit-while-writing-the-map", "output", full_disk("map"), 1, ("cannot write", "m.html", "--out"),
             fsize=20000, check=sizes),
    ]


# --- formulas in what dxmap writes -----------------------------------------------------------------------

PAYLOADS = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x","y")', "=cmd|'/C calc'!A0"]


def _no_live_formula_csv(name: str) -> Callable[[Path, object], None]:
    def check(folder: Path, result: object) -> None:
        _no_formula_cells(pd.read_csv(folder / name, dtype=str, keep_default_na=False, encoding="utf-8-sig"))
    return check


def _no_formula_cells(table: pd.DataFrame, *, expect: int = 1) -> None:
    cells = [str(c) for c in [*table.columns, *table.to_numpy().ravel()]]
    live = [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r")) and not _is_number(c)]
    assert not live, live
    assert sum(c.startswith("'=") or c.startswith("'+") or c.startswith("'@") for c in cells) >= expect, cells


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
        return True
    except ValueError:
        return False


def _no_formula_xlsx(name: str) -> Callable[[Path, object], None]:
    def check(folder: Path, result: object) -> None:
        import openpyxl

        book = openpyxl.load_workbook(folder / name)
        cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
        assert not [c.coordinate for c in cells if c.data_type == "f"]
        texts = [c.value for c in cells if isinstance(c.value, str)]
        assert "=HYPERLINK(\"http://x\",\"y\")" in texts and "=cmd|'/C calc'!A0" in texts  # the text, kept
    return check


def _stdout_csv(result: object) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(result.output), dtype=str, keep_default_na=False)


def injection_cases() -> list[Case]:
    def checked(*outputs: str, unmatched: bool = False, name: str = "r.csv") -> Callable[[Path], list[str]]:
        """Every payload as a note (and, unmatched, as the commune name), two snapshots so that none is a duplicate."""
        def make(folder):
            rows = [["09999" if unmatched else CODES[i % 4], payload if unmatched else "", "lan", "none",
                     "2024-03-31" if i < 4 else "2024-06-30", payload] for i, payload in enumerate(PAYLOADS)]
            path = _csv(folder, rows, name=name, quoting=csv.QUOTE_ALL)  # a CR in a cell stays in its cell
            return _check_writing(folder, path, *outputs)
        return make

    def hostile_districts() -> gpd.GeoDataFrame:
        g = communes()
        g["district_code"] = ["082", "082", "083", "083"]
        g["district_name"] = ['=HYPERLINK("http://x","y")', '=HYPERLINK("http://x","y")', "@SUM(A1)", "@SUM(A1)"]
        return g

    def summarised(*extra: str, out: str | None = None) -> Callable[[Path], list[str]]:
        def make(folder):
            rows = [*_good_rows(), *[[*r[:3], "covered", "2024-03-31", ""] for r in _good_rows()]]
            args = ["summary", "--records", str(_csv(folder, rows)), "--communes",
                    str(_communes_file(folder, hostile_districts())), "-q", "--format", "csv", *extra]
            return args + (["--out", str(folder / out)] if out else [])
        return make

    def stdout_has_no_formula(folder, result):
        _no_formula_cells(_stdout_csv(result))

    def escaped_district_table(folder):
        g = communes()
        g["district_name"] = ["Bát Xát\x1b[2J\x1b]0;pwned\x07"] * 4
        rows = [*_good_rows(), *[[*r[:3], "covered", "2024-03-31", ""] for r in _good_rows()]]
        return ["summary", "--records", str(_csv(folder, rows)), "--communes", str(_communes_file(folder, g)), "-q",
                "--compare", "2024-03-31"]

    def no_escape(folder, result):
        assert "\x1b" not in result.output and "\x07" not in result.output, result.output

    return [
        Case("formulas-in-outcomes-csv", "injection", checked("--outcomes o.csv"), 0, ("matched 8",),
             writes=("o.csv",), check=_no_live_formula_csv("o.csv")),
        Case("formulas-in-outcomes-xlsx", "injection", checked("--outcomes o.xlsx"), 0, ("matched 8",),
             writes=("o.xlsx",), check=_no_formula_xlsx("o.xlsx")),
        Case("formulas-in-unmatched-csv", "injection", checked("--unmatched u.csv", unmatched=True), 1, ("unmatched 8",),
             rows_fail=True, writes=("u.csv",), check=_no_live_formula_csv("u.csv")),
        Case("formulas-in-unmatched-xlsx", "injection", checked("--unmatched u.xlsx", unmatched=True), 1, ("unmatched 8",),
             rows_fail=True, writes=("u.xlsx",), check=_no_formula_xlsx("u.xlsx")),
        Case("formula-as-a-file-name", "injection", checked("--outcomes o.csv", name="=1+1.csv"), 0, ("matched 8",),
             writes=("o.csv",), check=lambda f, r: _read("o.csv", file=["'=1+1.csv"] * 8)(f, r)),
        Case("formulas-in-summary-csv-file", "injection", summarised(out="s.csv"), 0, (), writes=("s.csv",),
             check=_no_live_formula_csv("s.csv")),
        Case("formulas-in-summary-csv-on-stdout", "injection", summarised(), 0, ("Mã huyện,Huyện,",),
             check=stdout_has_no_formula),
        Case("formulas-in-change-csv-file", "injection", summarised("--compare", "2024-03-31", out="ch.csv"), 0, (),
             writes=("ch.csv",), check=_no_live_formula_csv("ch.csv")),
        Case("formulas-in-change-csv-on-stdout", "injection", summarised("--compare", "2024-03-31"), 0, ("Đã có thêm",),
             check=stdout_has_no_formula),
        Case("escape-sequences-in-a-district-name", "injection", escaped_district_table, 0, ("\\x1b[2J",), check=no_escape),
    ]


def all_cases() -> list[Case]:
    return [*boundary_cases(), *records_csv_cases(), *records_xlsx_cases(), *option_cases(), *output_cases(),
            *injection_cases()]


if __name__ == "__main__":  # pragma: no cover - a look by hand
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    for case in all_cases():
        folder = out / case.id
        folder.mkdir(parents=True, exist_ok=True)
        args = case.make(folder)
        (folder / "args.json").write_text(json.dumps(args, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(all_cases())} cases in {out}{os.sep}")

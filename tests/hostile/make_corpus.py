"""Broken, odd and hostile inputs for the command line, made on the fly (nothing binary is committed).

Each :class:`Case` writes its files into a folder and says what ``dxmap`` must do with them: the exit
status, words the one-line error must contain (the file or row it names, the fix), and, for inputs
that are read, what must be read. ``tests/test_hostile.py`` runs every case; ``python
tests/hostile/make_corpus.py DIR`` writes the files for a look by hand.
"""

from __future__ import annotations

import json
import os
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
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
    """One input and what dxmap must do with it."""

    id: str
    kind: str  # boundaries, records-csv, records-xlsx, options, output, injection
    make: Callable[[Path], list[str]]  # writes files into the folder, returns the CLI arguments
    exit: int
    says: tuple[str, ...] = ()  # words the error line (exit 1) or the output (exit 0) must hold
    check: Callable[[Path, object], None] | None = None  # more assertions on the folder and the result
    unchanged: tuple[str, ...] = field(default_factory=tuple)  # input files that must not change


def _records_csv(folder: Path, frame: pd.DataFrame | None = None, name: str = "r.csv") -> Path:
    path = folder / name
    (records() if frame is None else frame).to_csv(path, index=False, encoding="utf-8")
    return path


def _check(folder: Path, communes_path: Path, *extra: str) -> list[str]:
    return ["check", "--records", str(_records_csv(folder)), "--communes", str(communes_path), "-q", *extra]


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

    def several_layers_wrong_first(folder):
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
             check=lambda folder, result: _assert_file(folder / "m.html")),
        Case("all-geometries-empty", "boundaries", all_empty, 1, ("none.geojson", "geometr")),
        Case("self-intersecting-repaired", "boundaries", self_intersecting, 0, ("4 records: matched 4",)),
        Case("metres-labelled-wgs84", "boundaries", metres_as_wgs84, 1, ("metres.geojson", "metres", "--crs")),
        Case("utm-without-crs", "boundaries", utm_without_crs, 1, ("c.shp", "--crs")),
        Case("lat-lon-swapped", "boundaries", swapped, 1, ("swapped.geojson", "swap")),
        Case("degrees-labelled-3857", "boundaries", degrees_as_3857, 1, ("deg3857.gpkg", "degrees", "--crs")),
        Case("geopackage-wrong-first-layer", "boundaries", several_layers_wrong_first, 1, ("two.gpkg", "--layer", "communes")),
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


def all_cases() -> list[Case]:
    return boundary_cases()


if __name__ == "__main__":  # pragma: no cover - a look by hand
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    for case in all_cases():
        folder = out / case.id
        folder.mkdir(parents=True, exist_ok=True)
        args = case.make(folder)
        (folder / "args.json").write_text(json.dumps(args, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(all_cases())} cases in {out}{os.sep}")

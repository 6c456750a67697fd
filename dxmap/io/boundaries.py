"""Reading boundary files (communes, districts, villages) into GeoDataFrames in EPSG:4326.

Any vector format GDAL reads through pyogrio works; GeoJSON, Shapefile (also zipped), GeoPackage
(choose the layer) and KML are tested. Geometries are repaired with :func:`shapely.make_valid` and
the repairs are logged with counts. A file without a CRS is an error: a wrong guess would put every
unit in the wrong place, so the user must say which CRS it is in.
"""

from __future__ import annotations

import logging
import os
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pyproj
import shapely

from dxmap._files import existing
from dxmap.validate.codes import normalise_code
from dxmap.validate.crs import check_datum, implausible_coordinates, parse_crs
from dxmap.io.encodings import attribute_read_options, decode_attributes
from dxmap.errors import CRSError, SchemaError, UnsupportedFormatError, preview
from dxmap.validate.text import nfc_series

__all__ = [
    "read_boundaries",
    "as_communes",
    "as_districts",
    "as_villages",
    "SUPPORTED_SUFFIXES",
]

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".geojson", ".json", ".shp", ".zip", ".gpkg", ".kml", ".kmz", ".fgb", ".gml", ".sqlite")
RENDER_CRS = "EPSG:4326"


def read_boundaries(
    path: str | os.PathLike[str],
    *,
    layer: str | int | None = None,
    crs: str | None = None,
    encoding: str | None = None,
) -> gpd.GeoDataFrame:
    """Read a boundary file and return its features in EPSG:4326 with valid geometries.

    Parameters
    ----------
    path
        GeoJSON, Shapefile (``.shp`` or a ``.zip`` holding one), GeoPackage, KML/KMZ or any other
        vector file GDAL reads.
    layer
        Layer name or index for multi-layer files (GeoPackage, KML). Default: the first layer.
    crs
        The CRS the file is really in, for files whose ``.prj`` is missing or wrong
        (e.g. ``"EPSG:9208"`` for VN-2000 / TM-3 104-45). Overrides what the file says, unless the
        file's own CRS fits its coordinates and ``crs`` does not (a GeoJSON in longitude/latitude read
        beside the VN-2000 shapefile the option was given for): then the file's own is kept, with a
        warning. A CRS without the VN-2000 datum shift is logged as a warning and kept in
        ``attrs["crs_warning"]`` (see :func:`dxmap.validate.crs.check_datum`).
    encoding
        Text encoding of a shapefile's DBF attributes: ``"tcvn3"``, ``"vni"``, ``"cp1258"``,
        ``"auto"`` or a Python codec (see :mod:`dxmap.io.encodings`). Default: what GDAL detects.

    Returns
    -------
    geopandas.GeoDataFrame
        The file's columns as read. ``attrs`` says only where it came from (``source``, and
        ``layers``/``layer`` for a file of several layers), for the messages of :func:`as_communes`
        and its siblings; nothing dxmap computes depends on it.

    Raises
    ------
    InputFileError, UnsupportedFormatError, CRSError
    """
    p = existing(path, "boundary file")
    if p.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise UnsupportedFormatError(
            f"{p}: '{p.suffix}' is not a boundary format dxmap reads. "
            f"Convert it to GeoJSON or GeoPackage (e.g. with ogr2ogr), or use one of {', '.join(SUPPORTED_SUFFIXES)}."
        )
    given_crs = parse_crs(crs, option="--crs / crs=") if crs is not None else None
    layers = _layers(p)
    if isinstance(layer, str) and layer not in layers:
        raise SchemaError(f"{p}: no layer named {layer!r}. The file has layers {preview(layers)}; pass one of them "
                          "(--layer on the command line, layer= in Python).")
    if layer is None and len(layers) > 1:
        layer = layers[0]
        log.info("%s: %d layers (%s); reading %r. Choose another with --layer (layer= in Python).",
                 p.name, len(layers), preview(layers), layer)
    try:
        gdf = _read_layer(p, layer, attribute_read_options(p, encoding))
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise UnsupportedFormatError(
            f"{p}: GDAL could not read it ({str(exc).splitlines()[0]}). Check the file opens in QGIS, or convert it to GeoJSON."
        ) from None
    gdf.attrs["source"] = str(p)
    if len(layers) > 1:
        gdf.attrs["layers"] = layers
        gdf.attrs["layer"] = layer
    if gdf.geometry.has_z.any():  # KML and GPS exports carry altitude 0; maps and joins are in two dimensions
        gdf = gdf.set_geometry(shapely.force_2d(gdf.geometry.values))
    said = "the file says"
    if given_crs is not None:
        gdf, said = _given_crs(gdf, given_crs, p)
    elif gdf.crs is None:
        raise CRSError(
            f"{p}: the file has no coordinate reference system (for a shapefile: no .prj). "
            "Say which one it is: --crs EPSG:4326 for longitude/latitude, --crs EPSG:9208 for VN-2000 / TM-3 104-45 "
            "(Lào Cai, Yên Bái) (crs='EPSG:9208' in Python)."
        )
    gdf = decode_attributes(gdf, encoding, path=p)
    if len(gdf) and (gdf.geometry.isna() | gdf.geometry.is_empty).all():
        raise UnsupportedFormatError(f"{p}: none of its {len(gdf)} features has a geometry. Export the layer again "
                                     "with its shapes (in QGIS: Export → Save Features As…, geometry included).")
    gdf = _repair(gdf, p)
    if len(gdf) and (why := implausible_coordinates(gdf.crs, tuple(gdf.total_bounds), said=said)) is not None:
        raise CRSError(f"{p}: {why}.")
    if (problem := check_datum(gdf.crs, bounds=tuple(gdf.total_bounds), where=str(p))) is not None:
        log.warning("%s", problem.message)
        gdf.attrs["crs_warning"] = problem.message
    if gdf.crs is not None and not gdf.crs.equals(RENDER_CRS):
        log.info("%s: reprojecting %d features from %s to %s", p.name, len(gdf), gdf.crs.name, RENDER_CRS)
        gdf = gdf.to_crs(RENDER_CRS)
    log.info("%s: read %d features", p.name, len(gdf))
    return gdf


def _given_crs(gdf: gpd.GeoDataFrame, crs: pyproj.CRS, path: Path) -> tuple[gpd.GeoDataFrame, str]:
    """The layer in the CRS the user gave, and who says so; the file's own CRS when only that one fits its
    coordinates: one option serves a command's several files (a VN-2000 shapefile beside a GeoJSON)."""
    own = gdf.crs
    if own is not None and len(gdf) and not own.equals(crs):
        bounds = tuple(gdf.total_bounds)
        if implausible_coordinates(crs, bounds) is not None and implausible_coordinates(own, bounds) is None:
            log.warning("%s: kept the file's own CRS %s: the CRS given (--crs / crs=) %s does not fit its coordinates",
                        path.name, own.to_string(), crs.to_string())
            return gdf, "the file says"
    return gdf.set_crs(crs, allow_override=True), "the CRS given (--crs / crs=) is"


def _layers(path: Path) -> list[str]:
    """The file's vector layers; an error that says what is wrong when GDAL finds none."""
    if missing := _missing_shapefile_parts(path):
        raise UnsupportedFormatError(
            f"{path}: the shapefile comes without its {' and '.join(missing)}: keep all of its files together "
            "(.shp, .shx, .dbf, .prj; in the zip for a zipped one), or export the layer as a GeoPackage.")
    try:
        layers = [str(name) for name, _ in pyogrio.list_layers(path)]
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        layers, reason = [], str(exc).splitlines()[0]
    else:
        reason = "it has no vector layer"
    if layers:
        return layers
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
        raise UnsupportedFormatError(f"{path}: the zip holds {preview(names)}, no shapefile (.shp, .shx, .dbf, .prj) "
                                     "or other vector file dxmap can read.")
    raise UnsupportedFormatError(
        f"{path}: GDAL could not read it as a vector file ({reason}). Check the file opens in QGIS, or convert it to GeoJSON.")


def _missing_shapefile_parts(path: Path) -> list[str]:
    """The sidecar files a shapefile (or a zipped one) lacks: GDAL reads a .shp without its .dbf as having no columns."""
    if path.suffix.lower() == ".shp":
        have = {p.suffix.lower() for p in path.parent.glob(path.stem + ".*")}
    elif path.suffix.lower() == ".zip" and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            names = [n.lower() for n in z.namelist()]
        shp = [n for n in names if n.endswith(".shp")]
        if len(shp) != 1:
            return []
        have = {n[len(shp[0]) - 4:] for n in names if n.startswith(shp[0][:-4] + ".")}
    else:
        return []
    return [ext for ext in (".shx", ".dbf") if ext not in have]


def _read_layer(path: Path, layer: str | int | None, options: dict[str, str]) -> gpd.GeoDataFrame:
    """The layer as ``geopandas.read_file`` gives it (pyogrio)."""
    return gpd.read_file(path, layer=layer, engine="pyogrio", **options)


def _repair(gdf: gpd.GeoDataFrame, path: Path) -> gpd.GeoDataFrame:
    empty = gdf.geometry.isna() | gdf.geometry.is_empty
    if empty.any():
        log.warning("%s: %d feature(s) without geometry at rows %s; kept without a shape", path.name, int(empty.sum()),
                    preview(list(gdf.index[empty])))
    invalid = ~empty & ~gdf.geometry.is_valid
    if invalid.any():
        reasons = shapely.is_valid_reason(gdf.geometry[invalid].values)
        log.warning("%s: repaired %d invalid geometr%s: %s", path.name, int(invalid.sum()),
                    "y" if invalid.sum() == 1 else "ies", preview([f"row {i}: {r}" for i, r in zip(gdf.index[invalid], reasons)]))
        gdf = gdf.copy()
        fixed = shapely.make_valid(gdf.geometry[invalid].values, method="structure", keep_collapsed=False)
        gdf.loc[invalid, gdf.geometry.name] = fixed
    return gdf


# Column names people use for the same thing, folded to lower case without diacritics or separators.
_COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("code", "ma", "maxa", "ma_xa", "commune_code", "gso_code", "ma_dvhc", "madvhc", "id", "gso"),
    "name": ("name", "ten", "tenxa", "ten_xa", "commune_name", "commune", "xa", "name_vn"),
    "district_code": ("district_code", "mahuyen", "ma_huyen", "district_id", "dist_code"),
    "district_name": ("district_name", "tenhuyen", "ten_huyen", "district", "huyen"),
    "province_code": ("province_code", "matinh", "ma_tinh"),
    "province_name": ("province_name", "tentinh", "ten_tinh", "province", "tinh"),
    "village_id": ("village_id", "mathon", "ma_thon", "village_code", "id"),
    "commune_code": ("commune_code", "maxa", "ma_xa", "commune_id"),
}
# A district layer's code and name: its own spellings first, then the common ones.
_DISTRICT_ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("code", "district_code", "ma", "mahuyen", "ma_huyen"),
    "name": ("name", "district_name", "ten", "tenhuyen", "ten_huyen", "district"),
}


def _pick(gdf: pd.DataFrame, target: str, given: dict[str, str] | None,
          aliases: dict[str, tuple[str, ...]] | None = None) -> str | None:
    if given and target in given:
        col = given[target]
        if col not in gdf.columns:
            raise SchemaError(f"column {col!r} given for {target!r} is not in the file; it has {preview(list(gdf.columns))}.")
        return col
    if target in gdf.columns:
        return target
    lowered = {str(c).lower().replace(" ", "_"): c for c in gdf.columns}
    for alias in (aliases or {}).get(target, ()) + _COLUMN_ALIASES.get(target, ()) or (target,):
        # A Shapefile's DBF keeps 10 characters of a field name: "district_name" comes back as "district_n".
        for spelling in (alias, alias[:10]):
            if spelling in lowered:
                return lowered[spelling]
    return None


def _standardise(
    gdf: gpd.GeoDataFrame, wanted: dict[str, str], required: tuple[str, ...], columns: dict[str, str] | None, what: str,
    aliases: dict[str, tuple[str, ...]] | None = None,
) -> gpd.GeoDataFrame:
    found = {t: _pick(gdf, t, columns, aliases) for t in wanted}
    missing = [t for t in required if found[t] is None]
    if missing:
        others = [n for n in gdf.attrs.get("layers", []) if n != gdf.attrs.get("layer")]
        layer_hint = (f" The file has other layers too ({preview(others)}): is the {what} layer another one? "
                      "Choose it with --layer (layer= in Python)." if others else "")
        have = [str(c) for c in gdf.columns if c != gdf.geometry.name]
        where = f"{gdf.attrs['source']}: {what}" if gdf.attrs.get("source") else what
        raise SchemaError(
            f"{where}: no column for {', '.join(missing)}; the layer has "
            f"{preview(have, 12) if have else 'no attribute columns'}. "
            f"Name the columns with --{what}-column {missing[0]}=YourColumn (columns={{'{missing[0]}': 'YourColumn'}} in Python)."
            + layer_hint
        )
    out = gpd.GeoDataFrame(
        {t: gdf[c] for t, c in found.items() if c is not None}, geometry=gdf.geometry.values, crs=gdf.crs
    )
    for t, level in wanted.items():
        if t in out.columns and level:
            out[t] = normalise_code(out[t], level=level)
        elif t in out.columns:
            out[t] = nfc_series(out[t].astype("string"))
    extra = [c for c in gdf.columns if c not in found.values() and c != gdf.geometry.name]
    for c in extra:
        out[c] = gdf[c].values
    return out


def as_communes(gdf: gpd.GeoDataFrame, *, columns: dict[str, str] | None = None) -> gpd.GeoDataFrame:
    """Give a commune layer dxmap's column names: ``code``, ``name``, ``district_code``, ``district_name``.

    Common spellings (``MaXa``, ``TenXa``, ``ma_huyen``…) are recognised; others are named with
    ``columns={"code": "MY_CODE"}``. Codes become zero-padded strings, names NFC. A ``map_unit``
    column says which polygon a commune is drawn on: its own code, unless several communes share
    one polygon (the Sa Pa cluster in the bundled data).
    """
    out = _standardise(
        gdf,
        {"code": "commune", "name": "", "district_code": "district", "district_name": "", "province_code": "province", "province_name": ""},
        ("code", "name"),
        columns,
        "communes",
    )
    dup = out["code"][out["code"].duplicated(keep=False) & out.get("map_unit", out["code"]).eq(out["code"])]
    if len(dup):
        raise SchemaError(f"communes: codes occur twice: {preview(sorted(set(dup)))}. Each commune needs one feature (dissolve them first).")
    if "map_unit" not in out.columns:
        out["map_unit"] = out["code"]
    for col in ("district_code", "district_name"):
        if col not in out.columns:
            out[col] = pd.NA
    return out


def as_districts(gdf: gpd.GeoDataFrame, *, columns: dict[str, str] | None = None) -> gpd.GeoDataFrame:
    """Give a district layer dxmap's column names: ``code``, ``name``."""
    return _standardise(gdf, {"code": "district", "name": ""}, ("code", "name"), columns, "districts", _DISTRICT_ALIASES)


def as_villages(gdf: gpd.GeoDataFrame, *, columns: dict[str, str] | None = None) -> gpd.GeoDataFrame:
    """Give a village layer (points or polygons) dxmap's column names: ``village_id``, ``name``, ``commune_code``.

    Villages have no national code; without an id column, ``village_id`` is made from the commune
    code and the row order (``"02692-001"``).
    """
    out = _standardise(gdf, {"village_id": "", "name": "", "commune_code": "commune"}, ("name", "commune_code"), columns, "villages")
    if "village_id" not in out.columns:
        seq = out.groupby("commune_code").cumcount() + 1
        out.insert(0, "village_id", out["commune_code"] + "-" + seq.astype(str).str.zfill(3))
    dup = out["village_id"][out["village_id"].duplicated()]
    if len(dup):
        raise SchemaError(f"villages: village ids occur twice: {preview(sorted(set(dup)))}. Give each village its own id.")
    return out


def boundary_version(layer: pd.DataFrame) -> str | None:
    """The boundary version of a layer: its ``boundary_version`` column (one value); None if unknown."""
    if "boundary_version" in layer.columns:
        values = layer["boundary_version"].dropna().astype(str).unique()
        if len(values) > 1:
            raise SchemaError(f"the boundary layer mixes versions {preview(sorted(values))}; split it into one layer per version.")
        if len(values):
            return str(values[0])
    return None


def set_boundary_version(layer: pd.DataFrame, version: str) -> pd.DataFrame:
    """Return a copy of ``layer`` labelled with ``version`` (its ``boundary_version`` column)."""
    return layer.assign(boundary_version=version)

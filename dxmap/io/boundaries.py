"""Reading boundary files (communes, districts, villages) into GeoDataFrames in EPSG:4326.

Any vector format GDAL reads through pyogrio works; GeoJSON, Shapefile (also zipped), GeoPackage
(choose the layer) and KML are tested. Geometries are repaired with :func:`shapely.make_valid` and
the repairs are logged with counts. A file without a CRS is an error: a wrong guess would put every
unit in the wrong place, so the user must say which CRS it is in.
"""

from __future__ import annotations

import logging
import os
import re
import zipfile
from functools import partial
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pyproj
import shapely

from dxmap._lookup import positions
from dxmap.validate.codes import normalise_code
from dxmap.validate.crs import check_datum, implausible_coordinates_said, outside_listed_area_said, parse_crs
from dxmap.io.encodings import (LEGACY_ENCODINGS, attribute_read_options, canonical_encoding, dbf_page_mismatch,
                                 dbf_text_encoding, decode_attributes, zip_members)
from dxmap.errors import (ArgumentError, CRSError, InputFileError, SchemaError, UnsupportedFormatError, in_languages,
                          said_error)
from dxmap.labels import label, log_said, number_text, said_all
from dxmap.validate.dates import preview_in
from dxmap.validate.tables import describe, require_instance, require_path
from dxmap.validate.schema import HEADER_ALIASES, header_key
from dxmap.validate.text import fold, name_key, name_key_series, nfc, nfc_series, per_distinct

__all__ = [
    "read_boundaries",
    "as_communes",
    "as_districts",
    "as_villages",
    "SUPPORTED_SUFFIXES",
]

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".geojson", ".json", ".shp", ".zip", ".gpkg", ".kml", ".kmz", ".fgb", ".gml", ".sqlite", ".csv")
_POINT_TABLES = (".csv",)  # a table of points: longitude and latitude columns (a village list as INEI publishes it)
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
        GeoJSON, Shapefile (``.shp`` or a ``.zip`` holding one), GeoPackage, KML/KMZ, FlatGeobuf, GML,
        SpatiaLite (:data:`SUPPORTED_SUFFIXES`), or a CSV of points with longitude and latitude columns
        ("lon"/"lat", "x"/"y", "Kinh độ"/"Vĩ độ"; in EPSG:4326 unless ``crs`` says otherwise).
    layer
        Layer name or index for multi-layer files (GeoPackage, KML). Default: the first layer.
    crs
        The CRS the file is really in, for files whose ``.prj`` is missing or wrong
        (e.g. ``"EPSG:9208"`` for VN-2000 / TM-3 104-45). Overrides what the file says, unless the
        file's own CRS fits its coordinates and ``crs`` does not (a GeoJSON in longitude/latitude read
        beside the VN-2000 shapefile the option was given for): then the file's own is kept, with a
        warning. Overriding a sound CRS by more than 2 km (another projection, not a datum fix) is said
        in a warning. A CRS without the VN-2000 datum shift is logged as a warning and kept in
        ``attrs["crs_warning"]`` (see :func:`dxmap.validate.crs.check_datum`).
    encoding
        Text encoding of a shapefile's DBF attributes: ``"tcvn3"``, ``"vni"``, ``"cp1258"``,
        ``"auto"`` or a Python codec (see :mod:`dxmap.io.encodings`). Default: its ``.cpg``, else
        detected. A DBF whose text is not in the Python codec given (``"utf-8"`` given for the
        records, beside a Latin-1 DBF) is read as without it, and the log says so.

    Returns
    -------
    geopandas.GeoDataFrame
        The file's columns as read. ``attrs`` says only where it came from (``source``, and
        ``layers``/``layer`` for a file of several layers), for the messages of :func:`as_communes`
        and its siblings (which keep ``source``); nothing dxmap computes depends on it.

    Raises
    ------
    InputFileError, UnsupportedFormatError, CRSError
    ArgumentError
        ``path`` is no path (a layer already read goes to :func:`as_communes` and the like).
    """
    require_path(path, name="path", fix="A layer you hold goes straight to dxmap.as_communes(gdf), as_districts or "
                                        "as_villages; read_boundaries reads a file.")
    p = Path(path)
    if not p.exists():
        raise said_error(InputFileError, "err_boundary_not_found", path=p, cwd=Path.cwd())
    if p.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise said_error(UnsupportedFormatError, "err_boundary_format", path=p, suffix=p.suffix,
                         formats=", ".join(SUPPORTED_SUFFIXES))
    given_crs = parse_crs(crs) if crs is not None else None
    source = _zip_folder(p) or p
    layers = _layers(p, source)
    layer = _layer_named(p, layer, layers, "layer")
    if layer is None and len(layers) > 1:
        layer = layers[0]
        log_said(log, logging.INFO, "log_layers", file=p.name, n=len(layers), layers=partial(preview_in, layers),
                 layer=repr(layer), other=repr(layers[1]))
    try:
        if p.suffix.lower() in _POINT_TABLES:
            gdf = _points_of_table(p, encoding)
        else:
            gdf, encoding = _read_in(p, layer, encoding, source)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        # GDAL's reason in English
        raise said_error(UnsupportedFormatError, "err_gdal_unreadable", path=p,
                         reason=str(exc).splitlines()[0]) from None
    gdf.attrs["source"] = str(p)
    gdf.attrs["features"] = len(gdf)  # how many the file holds: a layer still numbered as read is named by position
    if len(layers) > 1:
        gdf.attrs["layers"] = layers
        gdf.attrs["layer"] = layer
    if gdf.geometry.has_z.any():  # KML and GPS exports carry altitude 0; maps and joins are in two dimensions
        gdf = gdf.set_geometry(shapely.force_2d(gdf.geometry.values))
    said = said_all("crs_said_file")
    if given_crs is not None:
        gdf, said = _given_crs(gdf, given_crs, p)
    elif gdf.crs is None:
        raise said_error(CRSError, "err_boundary_no_crs", path=p, wgs84="crs='EPSG:4326'", vn2000="crs='EPSG:9208'")
    gdf = decode_attributes(gdf, encoding, path=p)
    if len(gdf) and (gdf.geometry.isna() | gdf.geometry.is_empty).all():
        raise said_error(UnsupportedFormatError, "err_no_geometry_at_all", path=p, n=len(gdf))
    gdf = _repair(gdf, p)
    # a CRS the user gave is taken wherever it puts the features, with a warning (QA67 F9: a TM-3 zone used beyond the
    # provinces EPSG lists for it could not be read at all); only a file's own is refused for lying far off
    explicit = given_crs is not None and gdf.crs is not None and gdf.crs.equals(given_crs)
    if len(gdf) and (why := implausible_coordinates_said(gdf.crs, tuple(gdf.total_bounds), said=said,
                                                         area=not explicit)) is not None:
        raise said_error(CRSError, "crs_implausible", path=p, why=why.get)
    if len(gdf) and gdf.crs is not None and (far := outside_listed_area_said(gdf.crs, tuple(gdf.total_bounds))):
        # the option given is not advised again (QA68 N11)
        log_said(log, logging.WARNING, "log_crs_outside_given" if explicit else "log_crs_outside_listed", file=p.name,
                 why=far.get)
    if (problem := check_datum(gdf.crs, bounds=tuple(gdf.total_bounds), where=str(p))) is not None:
        log.warning("%s", problem.message, extra={"dxmap_said": problem.said})  # the command says it in its language
        gdf.attrs["crs_warning"] = problem.message
    if gdf.crs is not None and not gdf.crs.equals(RENDER_CRS):
        log_said(log, logging.INFO, "log_reprojecting", file=p.name, n=len(gdf), source=gdf.crs.name, target=RENDER_CRS)
        gdf = gdf.to_crs(RENDER_CRS)
    log_said(log, logging.INFO, "log_read_features", file=p.name, n=len(gdf))
    return gdf


def _given_crs(gdf: gpd.GeoDataFrame, crs: pyproj.CRS, path: Path) -> tuple[gpd.GeoDataFrame, dict[str, str]]:
    """The layer in the CRS the user gave, and who says so; the file's own CRS when only that one fits its
    coordinates: one option serves a command's several files (a VN-2000 shapefile beside a GeoJSON)."""
    own = gdf.crs
    if own is not None and len(gdf) and not own.equals(crs):
        bounds = tuple(gdf.total_bounds)
        if implausible_coordinates_said(own, bounds) is None:
            if implausible_coordinates_said(crs, bounds) is not None:
                log_said(log, logging.WARNING, "log_kept_own_crs", file=path.name, own=own.to_string(),
                         given=crs.to_string())
                return gdf, said_all("crs_said_file")
            # A sound CRS of the file's own that the given one moves by kilometres: another projection, not the
            # datum fix of a few hundred metres. Its .prj may name the wrong one (TM-3 data under ArcGIS's UTM 48N,
            # QA31): the given CRS is taken, and said. (read_dataset keeps a village or district layer's own where
            # only that puts it on the communes: crs_for_layer.)
            far = _moved_by(bounds, own, crs)
            if far > _FAR_M and check_datum(own, bounds=bounds, where=str(path)) is None:
                log_said(log, logging.WARNING, "log_given_crs_far", file=path.name, own=own.name, given=crs.name,
                         km=lambda lg: number_text(far / 1000, lg, decimals=1),
                         example="crs={'communes': '" + crs.to_string() + "'}")
    return gdf.set_crs(crs, allow_override=True), said_all("crs_said_given")


_FAR_M = 2_000  # more than any datum's shift in Vietnam (VN-2000 to WGS 84: a few hundred metres)


def crs_for_layer(path: str | os.PathLike[str], crs: str | None, *, layer: str | int | None = None,
                  communes: gpd.GeoDataFrame | None = None) -> str | None:
    """The ``crs=`` to read a village or district file with when one CRS was given for a command's several files: the
    given one, or None (the file's own) when the file declares a sound CRS that puts it on the ``communes`` and the
    given one would put it off them by kilometres (QA29: a UTM 48N village layer read with the --crs EPSG:9208 meant
    for the communes' bare .prj landed 25.5 km off)."""
    if crs is None or communes is None or not len(communes):
        return crs
    p = Path(path)
    try:
        info = pyogrio.read_info(_zip_folder(p) or p, layer=layer, force_total_bounds=True)
        own, given = pyproj.CRS.from_user_input(info["crs"]), parse_crs(crs)
    except Exception:  # noqa: BLE001 - no CRS, no bounds, a file read_boundaries will say is unreadable
        return crs
    bounds = tuple(float(b) for b in info["total_bounds"])
    if (own.equals(given) or implausible_coordinates_said(own, bounds) is not None
            or check_datum(own, bounds=bounds, where=str(p)) is not None):
        return crs
    far = _moved_by(bounds, own, given)
    if far <= _FAR_M:
        return crs
    target = shapely.box(*communes.total_bounds)
    def on_communes(c: pyproj.CRS) -> float:  # the share of the layer's box on the communes' box
        box = shapely.box(*pyproj.Transformer.from_crs(c, 4326, always_xy=True).transform_bounds(*bounds))
        return box.intersection(target).area / box.area if box.area else float(box.intersects(target))
    mine, theirs = on_communes(own), on_communes(given)
    if mine > 0.5 and mine >= 1.2 * theirs:  # clearly better: a province-wide layer moved 25 km keeps 3/4 on (QA32)
        log_said(log, logging.WARNING, "log_kept_own_crs_far", file=p.name, own=own.name, given=given.name,
                 km=lambda lg: number_text(far / 1000, lg, decimals=1))
        return None
    return crs


def _moved_by(bounds: tuple[float, float, float, float], own: pyproj.CRS, given: pyproj.CRS) -> float:
    """How far (metres) the middle of ``bounds`` lands from where ``own`` puts it when read in ``given`` instead."""
    x, y = (bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2
    lon1, lat1 = pyproj.Transformer.from_crs(own, 4326, always_xy=True).transform(x, y)
    lon2, lat2 = pyproj.Transformer.from_crs(given, 4326, always_xy=True).transform(x, y)
    return float(pyproj.Geod(ellps="WGS84").inv(lon1, lat1, lon2, lat2)[2])


# The kinds of boundary file a command reads, each with the option that chooses its layer
_LAYER_OPTIONS = {"communes": "layer", "districts": "district_layer", "villages": "village_layer"}
BOUNDARY_KINDS = tuple(_LAYER_OPTIONS)


def pick_layers(path: str | os.PathLike[str], wanted: dict[str, str | int | None]) -> dict[str, str | int | None]:
    """The layer of a several-layer file (GeoPackage, KML) for each kind of layer it is given as (``wanted``: kind →
    the layer named, or None): the one named when the file has it, else one picked by what it holds, said on the log
    with the option (``layer=``, ``district_layer=``, ``village_layer=``) that chooses another. None for a file of one
    layer (or one GDAL cannot list: :func:`read_boundaries` says why).

    A layer whose name says its kind ("xa", "ranh_gioi_xa", "thon", "huyen") is taken for it; else villages take
    the point layer (or the polygon layer of most features), communes the polygon layer of most features and
    districts the one of fewest above one: a GeoPackage of ``tinh``, ``huyen``, ``xa`` and ``thon`` gives ``xa`` as
    communes and ``huyen`` as districts. Tables without geometry (QGIS's ``layer_styles``) are left out.
    """
    try:
        listed = [(str(n), str(g) if g else "") for n, g in pyogrio.list_layers(path)]
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError):
        return dict(wanted)
    names = [n for n, _ in listed]
    out = {kind: _layer_named(Path(path), given, names, _LAYER_OPTIONS[kind]) for kind, given in wanted.items()}
    types = {n: _geometry_kind(path, n, g) for n, g in listed}
    spatial = [n for n in names if types[n]]
    if len(spatial) < 2:
        return out
    taken = {names[v] if isinstance(v, int) and 0 <= v < len(names) else v for v in out.values() if v is not None}
    counts = {n: int(pyogrio.read_info(path, layer=n).get("features") or 0) for n in spatial if types[n] == "polygon"}
    for kind in ("villages", "communes", "districts"):
        if kind not in out or out[kind] is not None:
            continue
        layer = _layer_for(kind, [n for n in spatial if n not in taken], types, counts)
        if layer is None:
            continue
        taken.add(layer)
        out[kind] = layer
        other = next(n for n in spatial if n != layer)
        log_said(log, logging.INFO, "log_layer_picked", file=Path(path).name, n=len(spatial),
                 layers=partial(preview_in, spatial), layer=repr(layer), what=partial(label, f"lyr_{kind}"),
                 option=_LAYER_OPTIONS[kind], other=repr(other))
    return out


# Words a layer's name says its kind by ("ranh_gioi_xa", "Thon_ban", "huyen"); a province's layer is no district's
_LAYER_WORDS = {"villages": {"thon", "ban", "village", "villages", "tdp", "xom"},
                "communes": {"xa", "phuong", "commune", "communes", "ward", "wards"},
                "districts": {"huyen", "quan", "district", "districts"}, "provinces": {"tinh", "province", "provinces"}}


def _layer_for(kind: str, free: list[str], types: dict[str, str], counts: dict[str, int]) -> str | None:
    """The layer of ``free`` that holds ``kind``: one whose name says so, else by geometry and size (villages: the
    point layer; communes: the polygon layer of most features; districts: of fewest, above one)."""
    said = {n: {k for k, words in _LAYER_WORDS.items() if words & set(re.split(r"[^a-z0-9]+", fold(n)))}
            for n in free}
    fits = [n for n in free if types[n] == ("point" if kind == "villages" and "point" in types.values() else "polygon")]
    named = [n for n in fits if kind in said[n]]
    pool = named or [n for n in fits if not said[n]] or fits
    if not pool:
        return free[0] if free else None
    if kind == "districts":
        several = [n for n in pool if counts.get(n, 2) > 1]
        return min(several or pool, key=lambda n: counts.get(n, 0))
    return max(pool, key=lambda n: counts.get(n, 0))


def _geometry_kind(path: str | os.PathLike[str], layer: str, declared: str) -> str:
    """"point", "polygon", "line", "unknown" or "" (no geometry) for a layer; a KML's layers declare "Unknown": their
    first feature says (QA31)."""
    name = declared.lower()
    if name == "unknown":
        name = _first_shape(path, layer).lower()
    if not name or name == "none":
        return ""
    return next((k for k in ("point", "polygon", "line") if k in name), "unknown")


def _first_shape(path: str | os.PathLike[str], layer: str) -> str:
    try:
        first = pyogrio.read_dataframe(path, layer=layer, max_features=1, read_geometry=True)
    except Exception:  # noqa: BLE001 - a layer GDAL cannot read: its type stays unknown
        return ""
    return str(first.geometry.geom_type.iloc[0]) if len(first) and first.geometry.iloc[0] is not None else ""


def _layer_named(path: Path, layer: str | int | None, layers: list[str], option: str) -> str | int | None:
    """The file's layer ``layer`` names, in other capitals too ("Xa" for "xa") when only one layer is so named, or by
    its number ("1", as the command line gives it); a name the file does not have is refused, with the ``option``
    (``layer=``, ``village_layer=``…) that names another."""
    if not isinstance(layer, str) or layer in layers or not layers:
        return layer
    if layer.strip().isdigit() and int(layer) < len(layers):
        return int(layer)
    alike = [n for n in layers if n.casefold() == layer.casefold()]
    if len(alike) == 1:
        return alike[0]
    raise said_error(SchemaError, "err_no_layer_named", path=path, layer=repr(layer), layers=partial(preview_in, layers),
                     first=repr(layers[0]), option=option)


def _zip_folder(path: Path) -> str | None:
    """GDAL's name for the folder inside a zip that holds its shapefile ("compress folder" zips a folder), when no
    vector file is at the zip's top; else None."""
    if path.suffix.lower() != ".zip" or not zipfile.is_zipfile(path):
        return None
    with zipfile.ZipFile(path) as z:
        names = zip_members(z)
    shp = sorted(n for n in names if n.lower().endswith(".shp"))
    if not shp or any("/" not in n for n in shp):
        return None
    return f"/vsizip/{path.resolve()}/{shp[0].rsplit('/', 1)[0]}"


def _layers(path: Path, source: Path | str | None = None) -> list[str]:
    """The file's vector layers (``source``: GDAL's name for it, when not ``path``); an error that says what is wrong
    when GDAL finds none."""
    if missing := _missing_shapefile_parts(path):  # ".shx", ".dbf" or ".shx and .dbf"
        raise said_error(UnsupportedFormatError, "err_shapefile_parts", path=path,
                         missing=lambda lg: label("row_and", lg, a=missing[0], b=missing[1]) if len(missing) > 1
                         else missing[0])
    try:
        layers = [str(name) for name, _ in pyogrio.list_layers(source or path)]
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        layers, reason = [], str(exc).splitlines()[0]  # GDAL's reason, in English
    else:
        reason = partial(label, "err_no_vector_layer")
    if layers:
        return layers
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
        raise said_error(UnsupportedFormatError, "err_zip_no_shapefile", path=path, names=partial(preview_in, names))
    raise said_error(UnsupportedFormatError, "err_gdal_not_vector", path=path, reason=reason)


def _missing_shapefile_parts(path: Path) -> list[str]:
    """The sidecar files a shapefile (or a zipped one) lacks: GDAL reads a .shp without its .dbf as having no columns."""
    if path.suffix.lower() == ".shp":
        have = {p.suffix.lower() for p in path.parent.glob(path.stem + ".*")}
    elif path.suffix.lower() == ".zip" and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            names = [n.lower() for n in zip_members(z)]
        shp = [n for n in names if n.endswith(".shp")]
        if len(shp) != 1:
            return []
        have = {n[len(shp[0]) - 4:] for n in names if n.startswith(shp[0][:-4] + ".")}
    else:
        return []
    return [ext for ext in (".shx", ".dbf") if ext not in have]


def _points_of_table(path: Path, encoding: str | None) -> gpd.GeoDataFrame:
    """A CSV's rows as points from its longitude and latitude columns (headers as a records file's: "lon", "Longitude",
    "x", "Kinh độ"…), in EPSG:4326 (``crs=`` says otherwise: :func:`read_boundaries` sets it). GDAL's CSV driver reads
    the table, every field as text (codes keep their leading zeros); the two columns become the geometry
    (``KEEP_GEOM_COLUMNS=NO``, as ogr2ogr makes it). A row whose position is blank or no number is refused by row, as a
    village without a place would be (QA72 K6)."""
    table = pd.DataFrame(pyogrio.read_dataframe(path, read_geometry=False, **attribute_read_options(path, encoding)))
    keys = {header_key(c): c for c in reversed(table.columns)}  # the first of a spelling
    lon, lat = ([keys[k] for k in HEADER_ALIASES[axis] if k in keys][:1] for axis in ("lon", "lat"))
    if not lon or not lat:
        raise said_error(UnsupportedFormatError, "err_csv_no_position", path=path,
                         headers=partial(preview_in, [str(c) for c in table.columns], limit=12),
                         out=path.with_suffix(".gpkg").name, lon=lon[0] if lon else "LONGITUDE_HEADER",
                         lat=lat[0] if lat else "LATITUDE_HEADER")
    lon, lat = lon[0], lat[0]
    text = {c: table[c].astype("string").str.strip() for c in (lon, lat)}
    # "-74,585198": a decimal comma, as a spreadsheet set to Spanish or Vietnamese writes it
    xy = {c: pd.to_numeric(t.str.replace(r"^(-?\d+),(\d+)$", r"\1.\2", regex=True), errors="coerce")
          for c, t in text.items()}
    bad = (xy[lon].isna() | xy[lat].isna()).to_numpy()
    if bad.any():
        cells = [(i + 2, text[lon].iloc[i], text[lat].iloc[i]) for i in np.flatnonzero(bad)]  # line 1: the headers

        def rows(lg: str) -> str:  # "row 5: lon '', lat 'abc'"
            return preview_in([f"{label('log_row_one', lg, list=i)}: {lon} {_cell(x)!r}, {lat} {_cell(y)!r}"
                               for i, x, y in cells], lg, quoted=False)
        raise said_error(SchemaError, "err_csv_no_point", path=path, n=len(cells), lon=lon, lat=lat, rows=rows)
    points = gpd.points_from_xy(xy[lon], xy[lat])
    return gpd.GeoDataFrame(table.drop(columns=[lon, lat]), geometry=points, crs=RENDER_CRS)


def _cell(value: object) -> str:
    return "" if pd.isna(value) else str(value)


class _NotInEncoding(Exception):
    """A DBF whose text is not in the encoding it was read in."""


def _read_in(path: Path, layer: str | int | None, encoding: str | None,
             source: Path | str | None) -> tuple[gpd.GeoDataFrame, str | None]:
    """The layer, and the encoding its attributes are then decoded with (:func:`decode_attributes`): ``encoding``, or
    None for a DBF whose text is not in the Python codec given. One ``--encoding`` serves the records and the
    boundaries (QA67 F7: a UTF-8 CSV beside a Latin-1 DBF): a DBF is read in it when its text is in it, else as
    without it (its .cpg, else its bytes), said in the log."""
    options = attribute_read_options(path, encoding)
    try:
        return _read_layer(path, layer, options, source), encoding
    except _NotInEncoding:
        enc = canonical_encoding(encoding)
        own = attribute_read_options(path, None)
        if enc is None or enc in (*LEGACY_ENCODINGS, "auto") or own == options:
            raise _not_read(path) from None
    try:
        gdf = _read_layer(path, layer, own, source)
    except _NotInEncoding:
        raise _not_read(path) from None
    log_said(log, logging.INFO, "log_dbf_not_given", file=path.name, given=enc,
             encoding=dbf_text_encoding(path) or own.get("encoding", "latin-1"))
    return gdf, None


def _not_read(path: Path) -> UnsupportedFormatError:
    """Why a DBF's text could not be read: its .cpg names a page its text is not in, or (its text being in that page)
    a column name was cut inside a letter (a DBF keeps 10 bytes of a name: "Tên huyện" is cut inside its "ệ")."""
    if (wrong := dbf_page_mismatch(path)) is not None:
        return said_error(UnsupportedFormatError, "err_dbf_page_wrong", path=path, page=wrong[0], encoding=wrong[1])
    return said_error(UnsupportedFormatError, "err_shapefile_utf8", path=path)


def _read_layer(path: Path, layer: str | int | None, options: dict[str, str],
                source: Path | str | None = None) -> gpd.GeoDataFrame:
    """The layer as ``geopandas.read_file`` gives it (pyogrio); ``source`` as for :func:`_layers`. Raises
    :class:`_NotInEncoding` for a DBF whose text is not in the encoding it is read in."""
    try:
        gdf = gpd.read_file(source or path, layer=layer, engine="pyogrio", **options)
    except UnicodeDecodeError:
        if path.suffix.lower() not in (".shp", ".dbf", ".zip"):
            raise  # as the plain read fails
        raise _NotInEncoding from None
    if not isinstance(gdf, gpd.GeoDataFrame):  # a table without shapes (QGIS's layer_styles): QA32
        raise said_error(UnsupportedFormatError, "err_no_geometry_at_all", path=path, n=len(gdf))
    return gdf


def _repair(gdf: gpd.GeoDataFrame, path: Path) -> gpd.GeoDataFrame:
    empty = gdf.geometry.isna() | gdf.geometry.is_empty
    if empty.any():
        rows = _feature_numbers(gdf, gdf.index[empty])

        def where(lg: str) -> str:  # "row 10", "rows 10, 12"; "đối tượng 10", as the repaired ones are named
            if len(rows) == 1:
                return label("log_feature_row", lg, i=rows[0])
            return label("log_feature_rows", lg, list=preview_in(rows, lg))

        log_said(log, logging.WARNING, "log_no_geometry", file=path.name, n=int(empty.sum()), rows=where)
    invalid = ~empty & ~gdf.geometry.is_valid
    if invalid.any():
        reasons = shapely.is_valid_reason(gdf.geometry[invalid].values)
        rows = list(zip(_feature_numbers(gdf, gdf.index[invalid]), reasons))

        def listed(lg: str) -> str:  # "row 298: Self-intersection[…]" (GEOS says why in English)
            return preview_in([label("log_feature_row", lg, i=i) + ": " + r for i, r in rows], lg)

        log_said(log, logging.WARNING, "log_repaired", file=path.name, n=int(invalid.sum()), list=listed)
        gdf = gdf.copy()
        fixed = shapely.make_valid(gdf.geometry[invalid].values, method="structure", keep_collapsed=False)
        gdf.loc[invalid, gdf.geometry.name] = fixed
    return gdf


# How a layer's fields are spelt, in order of preference. In any layer "code" and "name" are the layer's own unit's
# (a commune's code, a district's name); a field that is also a column of status records ("Mã xã", "Tên đơn vị",
# "TEN_HUYEN", "Mã thôn"…) shares that column's spellings from the one table of header spellings
# (dxmap.validate.schema.HEADER_ALIASES). Per field: (the layer's own words, that record column, words only worth a
# guess when nothing better is there: a commune layer's "MaXa" is its code before an "id" is).
# A sub-county's code (Kenya's districts: "SC_CODE" beside "SUBCOUNTY"), not keyed by its name (QA72 K9: the key
# "kang undo" was shown as a district code)
_SUB_COUNTY_CODE = ("sc code", "subcounty code", "sub county code")
_FIELDS: dict[str, dict[str, tuple[tuple[str, ...], str | None, tuple[str, ...]]]] = {
    "communes": {
        "code": (("ma", "commune id"), "commune_code", ("id", "gso")),
        "name": (("ten", "ten dvhc"), "commune_name", ()),
        "district_code": (("district id", "dist code", *_SUB_COUNTY_CODE), "district_code", ()),
        "district_name": (("district full name",), "district_name", ()),
        "province_code": (("ma tinh", "matinh"), None, ()),
        "province_name": (("province", "tinh", "ten tinh", "tentinh"), None, ()),
    },
    "districts": {
        "code": (("ma", "ma dvhc", *_SUB_COUNTY_CODE), "district_code", ("id", "gso")),
        "name": (("ten", "ten dvhc", "district full name"), "district_name", ()),
    },
    "villages": {
        "village_id": (("code", "ma"), "village_id", ("id",)),
        "name": (("ten",), "village_name", ()),
        "commune_code": (("commune id",), "commune_code", ()),
        # in the 2025-07 units, the former commune a village was in ("Xã cũ", "Mã xã cũ"): it tells the
        # namesakes of one new commune apart, as in records (QA65 F11)
        "former_commune_name": ((), "former_commune_name", ()),
        "former_commune_code": ((), "former_commune_code", ()),
    },
}
# Fields that hold GSO codes, and their level (how many digits: dxmap.validate.codes.CODE_WIDTH).
_LEVELS = {"communes": {"code": "commune", "district_code": "district", "province_code": "province"},
           "districts": {"code": "district"}, "villages": {"commune_code": "commune", "former_commune_code": "commune"}}
_NAMES = ("name", "district_name", "province_name")  # where a column with diacritics beats one without
_FUNCTION = {"communes": "as_communes", "districts": "as_districts", "villages": "as_villages"}
_SEPARATORS = re.compile(r"[^0-9a-z]+")


def _require_polygons(layer: gpd.GeoDataFrame, where: dict[str, str]) -> None:
    """Refuse a commune layer of points or lines (a village layer given as communes: QA29, it was mapped as 145
    "polygons"); name the features that are no polygons in a layer of polygons."""
    shapes = layer.geometry
    present = ~(shapes.isna() | shapes.is_empty).to_numpy()  # not notna(): geopandas warns what it means for empties
    other = present & ~shapes.geom_type.isin(["Polygon", "MultiPolygon"]).to_numpy()
    if not other.any():
        return
    kinds = sorted(set(shapes.geom_type[other]))
    if other.sum() == present.sum():
        raise said_error(SchemaError, "lyr_not_polygons", where=where.get, kinds=", ".join(kinds))
    rows = _feature_numbers(layer, layer.index[other])
    log_said(log, logging.WARNING, "lyr_some_not_polygons", where=where.get, n=len(rows), kinds=", ".join(kinds),
             rows=lambda lg: label("log_feature_row", lg, i=rows[0]) if len(rows) == 1 else
             label("log_feature_rows", lg, list=preview_in(rows, lg, quoted=False)))


def _feature_numbers(layer: pd.DataFrame, labels: pd.Index) -> list:
    """How messages number a layer's features: in a file as read_boundaries read it, from 1 in the file's order, as
    QGIS's attribute table numbers its rows; in a GeoDataFrame given in Python or cut, re-indexed or sorted since, by
    its index labels, what ``gdf.loc`` takes. (They were the 0-based positions of a file's features.)"""
    index = layer.index
    as_read = (isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1
               and len(layer) == layer.attrs.get("features"))  # pandas keeps attrs through iloc, set_index… (QA48)
    return [int(i) + 1 for i in labels] if as_read else list(labels)


def require_codes_once(communes: pd.DataFrame) -> None:
    """Refuse a commune layer whose code is on two features, as :func:`as_communes` does: a layer edited or put
    together after it (``pd.concat``) is checked again where its units are counted (records would match either, and
    the commune be counted twice)."""
    if "code" not in communes.columns:
        return
    if not communes.index.is_unique:  # pd.concat([c, c.iloc[[5]]]): "rows 5, 5" found nothing; positions, then
        communes = communes.reset_index(drop=True)
    codes = communes["code"]
    dup = codes[codes.duplicated(keep=False).to_numpy(dtype=bool) & codes.notna().to_numpy(dtype=bool)]
    if len(dup):
        raise said_error(SchemaError, "lyr_codes_twice", where=layer_where(communes, "communes").get,
                         codes=lambda lg: _codes_at(communes, dup, lg))


def _codes_at(layer: pd.DataFrame, dup: pd.Series, lang: str) -> str:
    """Codes found on several features, each with its features: "'02662' (rows 12, 13)" (QA29: without them a
    split commune could not be found in a file of 150)."""
    rows = {code: ", ".join(map(str, _feature_numbers(layer, at.sort_values())))
            for code, at in dup.groupby(dup, sort=True).groups.items()}
    return preview_in([f"{code!r} ({label('log_feature_rows', lang, list=at)})" for code, at in rows.items()], lang,
                      quoted=False)


def _counts_rows(values: pd.Series) -> bool:
    """Whether a column taken for codes only numbers the rows (0, 1, 2 …, or "ge.1", "ge.2" … as KML exports
    write them): an "ID" column, not GSO codes (QA29: the records' right codes were then called wrong)."""
    digits = values.astype("string").str.extract(r"^\D*?(\d+)$", expand=False)
    if len(values) < 3 or digits.isna().any():
        return False
    n = pd.to_numeric(digits).to_numpy()
    return bool((np.sort(n) == np.arange(n.min(), n.min() + len(n))).all() and n.min() <= 1)


def _key(header: object) -> str:
    """A header as the spellings are looked up: NFC, lower case, diacritics off, đ → d
    (:func:`~dxmap.validate.schema.header_key`), and every run of punctuation, spaces and underscores one space:
    ``"Mã_xã"``, ``"MA XA"`` and ``"mã-xã"`` are all ``"ma xa"``."""
    return " ".join(_SEPARATORS.sub(" ", header_key(header)).split())


def _spellings(kind: str) -> dict[str, tuple[str, int]]:
    """Folded spelling → (field, rank: lower is preferred) for a kind of layer."""
    fields = _FIELDS[kind]
    ordered = [(f, f) for f in fields] + [(f, s) for f, (own, _, _) in fields.items() for s in own]
    ordered += [(f, s) for f, (_, col, _) in fields.items() if col for s in HEADER_ALIASES[col]]
    ordered += [(f, s) for f, (_, _, last) in fields.items() for s in last]
    # A Shapefile's DBF keeps 10 characters of a field name: "district_name" comes back as "district_n".
    ordered += [(f, s.replace(" ", "_")[:10]) for f, s in list(ordered) if len(s) > 10]
    lookup: dict[str, tuple[str, int]] = {}
    for rank, (f, s) in enumerate(ordered):
        lookup.setdefault(_key(s), (f, rank))
    return lookup


_LOOKUP = {kind: _spellings(kind) for kind in _FIELDS}


def _find(gdf: gpd.GeoDataFrame, kind: str, columns: dict[str, str] | None) -> dict[str, object]:
    """Field → the layer's column for it, for the fields found: ``columns`` first, then the spellings."""
    fields = _FIELDS[kind]
    given = dict(columns or {})
    unknown = [f for f in given if f not in fields]
    absent = [c for c in given.values() if c not in gdf.columns]
    if unknown or absent:  # named as the function's columns= (the CLI: that layer's option, --communes-column …)
        problems = [said_all("lyr_no_field", function=_FUNCTION[kind], names=partial(preview_in, unknown),
                             fields=", ".join(fields))] if unknown else []
        headers = [str(c) for c in gdf.columns if c != gdf.geometry.name]
        problems += [said_all("lyr_absent_column", column=repr(c), function=_FUNCTION[kind],
                              headers=partial(preview_in, headers, limit=12)) for c in absent[:1]]
        raise said_error(SchemaError, "lyr_columns", where=layer_where(gdf, kind).get,
                         problems=lambda lg: "; ".join(p[lg] for p in problems))
    lookup, taken = _LOOKUP[kind], set(given.values())
    candidates: dict[str, list[tuple[int, int, object]]] = {}
    for pos, col in enumerate(gdf.columns):
        if col == gdf.geometry.name or col in taken:
            continue
        key = _key(col)
        hit = lookup.get(key) or (lookup.get(key[:-3]) if key.endswith((" vn", " vi")) else None)  # "commune_vn"
        if hit is not None and hit[0] not in given:
            candidates.setdefault(hit[0], []).append((-1 if str(col) == hit[0] else hit[1], pos, col))
    for field, found in candidates.items():
        if len(found) > 1 and field in _NAMES:  # "commune" (Bat Xat) and "commune_vn" (Bát Xát): the Vietnamese one
            found = [c for c in found if not _ascii(gdf[c[2]])] or found
        given[field] = min(found)[2]
    return given


def _ascii(values: pd.Series) -> bool:
    """Whether a column's text is plain ASCII: names written without their diacritics."""
    return bool(values.dropna().astype("string").str.isascii().all())


def _commune_like(gdf: gpd.GeoDataFrame, code: object) -> bool:
    """Whether a layer looks like communes: polygons, ``code`` (a column) of five-digit codes, as GSO gives them."""
    if code is None or not len(gdf) or not gdf.geom_type.isin(["Polygon", "MultiPolygon"]).all():
        return False
    return bool(gdf[code].astype("string").str.fullmatch(r"\d{5}").fillna(False).mean() > 0.9)


def _standardise(gdf: gpd.GeoDataFrame, kind: str, required: tuple[str, ...],
                 columns: dict[str, str] | None, *, suggest: tuple[str, ...] = ()) -> gpd.GeoDataFrame:
    """The layer with its fields under dxmap's names, codes padded, names NFC, in EPSG:4326; ``suggest``: fields
    not required that the message about a missing one names too when they are missing as well."""
    function = f"dxmap.{_FUNCTION[kind]}"
    points = ("; make points of a table's longitudes and latitudes with geopandas.GeoDataFrame(table, "
              "geometry=geopandas.points_from_xy(table.lon, table.lat), crs='EPSG:4326')") if kind == "villages" else ""
    require_instance(gdf, gpd.GeoDataFrame, name=f"{function}(gdf)", what="a GeoDataFrame",
                     fix=f"Read a file with dxmap.read_boundaries(path){points}.")
    if columns is not None and not isinstance(columns, dict):
        raise ArgumentError(f"{function}(columns=…): got {describe(columns)}, not a dict of field → the layer's column. "
                            f"Pass e.g. columns={{'code': 'MA_XA'}}.")
    where = layer_where(gdf, kind)
    found = _find(gdf, kind, columns)
    missing = [t for t in required if t not in found]
    if missing and not len(gdf):  # an empty FeatureCollection has no columns either: not the thing to fix (QA60 23)
        raise said_error(SchemaError, "lyr_no_features", where=where.get)
    if missing:
        have = [str(c) for c in gdf.columns if c != gdf.geometry.name]
        missing = [t for t in suggest if t not in found] + missing
        hints: list[dict[str, str]] = []
        others = [n for n in gdf.attrs.get("layers", []) if n != gdf.attrs.get("layer")]
        if others:
            hints.append(said_all("lyr_hint_other_layers", others=partial(preview_in, others),
                                  kind=partial(label, f"lyr_{kind}"), first=repr(others[0]),
                                  option=_LAYER_OPTIONS[kind]))
        if kind == "communes" and {"district_code", "district_name"} & set(found) and "name" not in found:
            hints.append(said_all("lyr_hint_district_columns"))
        if kind == "villages" and "commune_code" in missing and _commune_like(gdf, found.get("village_id")):
            hints.append(said_all("lyr_hint_commune_layer"))  # QA60 24: the commune layer given as villages
        raise said_error(  # "Name it with", "Name them with"
            SchemaError, "lyr_no_column" if len(missing) == 1 else "lyr_no_columns", where=where.get,
            missing=", ".join(missing), function=_FUNCTION[kind],
            have=said_all("lyr_has_columns", headers=partial(preview_in, have, limit=12)).get if have
            else partial(label, "lyr_no_attributes"),
            mapping=lambda lg: "{" + ", ".join(f"'{m}': '{label('log_your_header', lg)}'" for m in missing) + "}",
            hints=lambda lg: "".join(h[lg] for h in hints))
    if gdf.crs is None:
        raise said_error(CRSError, "lyr_no_crs", where=where.get)
    order = [f for f in _FIELDS[kind] if f in found]
    if (kind != "villages" and "code" in found and _key(found["code"]) == "id"  # a guess (see _FIELDS)
            and not (columns or {}).get("code") and _counts_rows(gdf[found["code"]])):
        log_said(log, logging.WARNING, "lyr_code_guess", where=where.get, column=repr(str(found["code"])),
                 values=partial(preview_in, [str(v) for v in gdf[found["code"]].head(3)]), function=_FUNCTION[kind],
                 mapping=lambda lg: "{'code': '" + label("log_your_header", lg) + "'}")
    out = gpd.GeoDataFrame({f: gdf[found[f]] for f in order}, geometry=gdf.geometry.values, crs=gdf.crs)
    levels = _LEVELS[kind]
    for f in order:
        out[f] = normalise_code(out[f], level=levels[f]) if f in levels else nfc_series(out[f].astype("string"))
    for c in [c for c in gdf.columns if c not in found.values() and c != gdf.geometry.name]:
        out[c] = gdf[c].values
    for key in ("source", "features"):  # for messages about this layer later (as_districts' communes=)
        if gdf.attrs.get(key):
            out.attrs[key] = gdf.attrs[key]
    if not out.crs.equals(RENDER_CRS):  # every layer in EPSG:4326, as read_boundaries gives them
        log_said(log, logging.INFO, "log_reprojecting", file=where.get, n=len(out), source=out.crs.name, target=RENDER_CRS)
        out = out.to_crs(RENDER_CRS)
    return out


def as_communes(gdf: gpd.GeoDataFrame, *, columns: dict[str, str] | None = None) -> gpd.GeoDataFrame:
    """Give a commune layer dxmap's column names: ``code``, ``name``, ``district_code``, ``district_name``.

    Codes become zero-padded strings, names NFC, the layer EPSG:4326. A ``map_unit`` column says which polygon a
    commune is drawn on: its own code, unless several communes share one polygon (the Sa Pa cluster in
    the bundled data).

    Parameters
    ----------
    gdf
        The commune layer (polygons), e.g. from :func:`read_boundaries`, with a CRS.
    columns
        Field → the layer's column, for headers dxmap does not recognise: ``{"code": "MY_CODE"}`` (fields
        ``code``, ``name``, ``district_code``, ``district_name``, ``province_code``, ``province_name``). Headers are
        recognised without case, diacritics or separators mattering: the spellings of status records ("Mã xã",
        "Tên đơn vị", "Tên huyện", ``MaXa``, ``MA_DVHC``/``TEN_DVHC``…), a Shapefile's 10-character cut
        (``district_n``) and a ``_vn`` twin (of ``commune`` and ``commune_vn``, the one whose names carry
        diacritics).

    Returns
    -------
    geopandas.GeoDataFrame
        ``code``, ``name``, ``district_code``, ``district_name`` (and ``province_code``,
        ``province_name`` when found), ``map_unit``, the layer's other columns, ``geometry``; EPSG:4326.
        ``gdf`` is not changed.

    Raises
    ------
    ArgumentError
        ``gdf`` is not a GeoDataFrame, or ``columns`` is not a dict.
    SchemaError
        No features, a ``columns`` key that is no field, no code or name column, features that are not
        polygons, or a code on two features.
    CRSError
        The layer has no CRS.
    """
    out = _standardise(gdf, "communes", ("code", "name"), columns)
    _require_polygons(out, layer_where(gdf, "communes"))
    dup = out["code"][out["code"].duplicated(keep=False) & out.get("map_unit", out["code"]).eq(out["code"])]
    if len(dup):
        # a village layer given as communes: an id column of its own besides the commune code found, say so
        village = _find(gdf, "villages", None).get("village_id")
        village = None if village == _find(gdf, "communes", columns).get("code") else village
        raise said_error(SchemaError, "lyr_codes_twice_villages" if village is not None else "lyr_codes_twice",
                         where=layer_where(gdf, "communes").get, codes=lambda lg: _codes_at(out, dup, lg),
                         column=repr(str(village)))
    if "map_unit" not in out.columns:
        out = _shared_polygons(out, layer_where(gdf, "communes"))
    for col in ("district_code", "district_name"):
        if col not in out.columns:
            out[col] = pd.NA
    return out


def _shared_polygons(communes: gpd.GeoDataFrame, where: dict[str, str]) -> gpd.GeoDataFrame:
    """``map_unit``: each commune's own code, but for communes that share one polygon (a layer that gives the
    communes of a town not yet split, such as Sa Pa's 8 units, the town's outline each) one id for the group,
    ``"shared:"`` and its first code, with ``shared_polygon`` True: drawn once, counted per commune.

    Only features with the same bounds are compared, so a layer where every commune has its own polygon costs
    one look at the bounds."""
    out = communes.assign(map_unit=communes["code"])
    geoms = out.geometry.to_numpy()
    bounds = pd.DataFrame(shapely.bounds(geoms))
    maybe = np.flatnonzero(bounds.duplicated(keep=False).to_numpy() & ~shapely.is_empty(geoms))
    if not len(maybe):
        return out
    same = pd.Series(shapely.to_wkb(shapely.normalize(geoms[maybe])), index=maybe)
    group = same.groupby(same, sort=False).ngroup()
    first = out["code"].iloc[maybe].groupby(group.to_numpy()).transform("first")
    shared = group.map(group.value_counts()).gt(1).to_numpy()
    if not shared.any():
        return out
    rows = maybe[shared]
    out.loc[out.index[rows], "map_unit"] = ("shared:" + first[shared]).to_numpy()
    out["shared_polygon"] = out["map_unit"].ne(out["code"])
    log_said(log, logging.INFO, "log_shared_polygons", where=where.get, n=len(rows),
             polygons=out.loc[out["shared_polygon"], "map_unit"].nunique(),
             names=partial(preview_in, out.loc[out["shared_polygon"], "name"].astype(str).tolist()))
    return out


def as_districts(gdf: gpd.GeoDataFrame, *, columns: dict[str, str] | None = None,
                 communes: gpd.GeoDataFrame | None = None) -> gpd.GeoDataFrame:
    """Give a district layer dxmap's column names: ``code``, ``name`` (in EPSG:4326).

    A layer that has names but no codes is keyed by name: each district gets the code the commune layer
    gives its name, else the name's key ("van chan" for Văn Chấn), as a commune layer's districts are.

    Parameters
    ----------
    gdf
        The district layer.
    columns
        As for :func:`as_communes`: ``{"code": "MY_CODE", "name": "MY_NAME"}``.
    communes
        The commune layer these districts go with (:func:`as_communes`'), if at hand: it gives codes to a
        layer of names only, and a district layer that is really the commune layer is reported with both
        files named.

    Returns
    -------
    geopandas.GeoDataFrame
        ``code``, ``name``, the layer's other columns, ``geometry``; EPSG:4326. ``gdf`` is not changed.

    Raises
    ------
    SchemaError
        No name column, or the layer is a commune layer: beside ``communes``, its codes have 4 digits or more
        and are neither the communes' district codes nor shorter than (or the beginnings of) the communes' codes
        on fewer features ("0201" beside communes "020101" of district "0201" is a district layer); or it has more
        features than the commune layer, whose codes are all shorter than its own; or most of its names are the
        commune layer's commune names (and few its district names) or start with Xã, Phường, Thị trấn. Without
        ``communes`` the length of the codes decides nothing.
    """
    out = _standardise(gdf, "districts", ("name",), columns, suggest=("code",))
    if "code" not in out.columns:
        out.insert(0, "code", _codes_by_name(out["name"], communes))
        log_said(log, logging.INFO, "log_districts_by_name", where=layer_where(gdf, "districts").get,
                 codes=partial(preview_in, list(out["code"].dropna().unique())))
    codes = out["code"].dropna()
    long = codes[codes.str.fullmatch(r"\d{4,}").to_numpy(dtype=bool)]
    short = _district_like(communes, codes)
    judged = communes is not None and "code" in communes.columns  # codes tell only beside the communes' (QA67 F2)
    if judged and len(codes) and len(long) == len(codes) and not _districts_of(out, communes):
        theirs = positions(codes, communes["code"], missing_matches=False) >= 0  # the commune layer given twice
        why = (said_all("lyr_commune_codes", part=of_its(theirs.sum(), len(codes)).get,
                        codes=partial(preview_in, list(codes[theirs]))) if theirs.sum() * 2 > len(codes) else
               said_all("lyr_commune_digits", n=len(out), digits=long.str.len().max(),
                        codes=partial(preview_in, list(long))))
    elif short is not None and len(out) > len(communes):
        why = said_all("lyr_more_than_communes", n=len(out), communes=len(communes))
    else:
        why = _named_as_communes(out, communes)
    if why:
        text = _swapped(gdf, why, communes, short)
        raise in_languages(SchemaError(text["en"]), text)
    return out


def _codes_by_name(names: pd.Series, communes: pd.DataFrame | None) -> pd.Series:
    """Codes for a district layer that has only names: the code the commune layer gives the same name (diacritics,
    case and "Huyện" aside), else the name's key (:func:`~dxmap.validate.text.name_key`), as
    :func:`dxmap.reconcile.districts.filled_districts` keys a commune layer's districts that have only names."""
    keys = name_key_series(names)
    if communes is None or not {"district_code", "district_name"} <= set(communes.columns):
        return keys
    given = communes[["district_code", "district_name"]].astype("string").dropna()
    code_of = given["district_code"].groupby(name_key_series(given["district_name"])).first()
    return keys.map(code_of).astype("string").fillna(keys)


def _districts_of(districts: pd.DataFrame, communes: pd.DataFrame) -> bool:
    """Whether a district layer's codes are those of the ``communes``' districts, judged against that layer, not by
    their length (QA67 F2: a Peruvian province's "0201", an Indonesian kabupaten's "3201" have 4 digits): most are the
    communes' ``district_code`` values, or the layer has fewer features than the commune layer and each code is
    shorter than every commune code or begins commune codes ("0201" of "020101"; "012800000" of "012801000", trailing
    zeros aside, as the Philippines' PSGC writes every level in 9 digits)."""
    codes = districts["code"].dropna().astype("string")
    if not len(codes):
        return False
    if "district_code" in communes.columns and (
            positions(codes, communes["district_code"], missing_matches=False) >= 0).sum() * 2 > len(codes):
        return True
    theirs = communes["code"].dropna().astype("string")
    if len(districts) >= len(communes) or not len(theirs):
        return False
    stems = codes.str.rstrip("0").mask(lambda c: c.str.len().eq(0), codes)
    begins = {n: set(theirs[theirs.str.len().gt(n)].str[:n]) for n in stems.str.len().unique().tolist()}
    shorter = codes.str.len().lt(theirs.str.len().min()).to_numpy(dtype=bool)
    prefix = np.fromiter((s in begins[len(s)] for s in stems.tolist()), dtype=bool, count=len(stems))
    return bool((shorter | prefix).all())


def _district_like(communes: pd.DataFrame | None, codes: pd.Series) -> pd.Series | None:
    """A commune layer's codes when every one is shorter than each of a district layer's ``codes`` (leading zeros
    the commune layer padded to 5 digits aside: "00082" is "082"), as a district layer's are beside its communes':
    the commune layer is the district layer. None when they are not, or a layer's codes are not all digits."""
    if communes is None or "code" not in communes.columns or not len(communes) or not len(codes):
        return None
    mine = communes["code"].astype("string")
    if not (mine.str.fullmatch(r"\d+").fillna(False).all() and codes.str.fullmatch(r"\d+").fillna(False).all()):
        return None
    padded = mine.str.len().eq(5) & mine.str.startswith("00")  # as_communes' zero-padding of "082" or "1"
    written = mine.mask(padded, mine.str.lstrip("0").str.zfill(3))
    return written if written.str.len().max() < codes.str.len().min() else None


def _named_as_communes(districts: pd.DataFrame, communes: pd.DataFrame | None) -> dict[str, str]:
    """Why a district layer whose codes do not tell (1-3 digits, or none) is a commune layer, by its names: most
    are the commune layer's commune names and few its district names, or most start with Xã, Phường, Thị trấn;
    {} when they are not (else the reasons in every language). A layer of about as many features as the commune
    layer has districts, whose codes are mostly those districts' codes, is left alone: one lookup per feature, the
    names not looked at."""
    given = (communes is not None and {"name", "district_code", "district_name"} <= set(communes.columns)
             and communes["district_name"].notna().any())
    if (given and len(districts) <= 2 * communes["district_code"].nunique()
            and (positions(districts["code"], communes["district_code"], missing_matches=False) >= 0).sum() * 2 >= len(districts)):
        return {}
    why = [worded_as(districts["name"], "commune")]
    if given:
        keys = unit_keys(districts["name"])
        named = positions(keys, unit_keys(communes["name"]), missing_matches=False) >= 0
        same = positions(keys, unit_keys(communes["district_name"]), missing_matches=False) >= 0
        if named.sum() * 2 >= len(keys) and same.sum() * 2 < len(keys):
            why.insert(0, said_all("lyr_commune_names", part=of_its(named.sum(), len(keys)).get,
                                   names=partial(preview_in, list(districts["name"][named]))))
    why = [w for w in why if w]
    return {lg: "; ".join(w[lg] for w in why) for lg in ("vi", "en")} if why else {}


def _swapped(gdf: gpd.GeoDataFrame, why: dict[str, str], communes: pd.DataFrame | None,
             short: pd.Series | None) -> dict[str, str]:
    """Why a district layer is the commune layer (and the commune layer a district one), naming both files, in every
    language."""
    source, other = gdf.attrs.get("source"), communes.attrs.get("source") if communes is not None else None
    also: dict[str, str] = {}
    if short is not None and source != other:  # the same file's short codes say nothing more
        also = said_all("lyr_short_codes", other=f" {other}" if other else "", n=len(communes),
                        digits=short.str.len().max(), codes=partial(preview_in, list(short)))
    if source and source == other:
        fix = said_all("lyr_fix_same")
    elif source and other:
        fix = said_all("lyr_fix_swapped", source=repr(source), other=repr(other))
    else:
        fix = said_all("lyr_fix_give")
    return said_all("lyr_is_commune_layer", where=layer_where(gdf, "districts").get, why=why.get,
                    short=lambda lg: also.get(lg, ""), fix=fix.get)


# The word an official name starts with says the unit's level: "Huyện Bát Xát" is a district, "Xã Bản Vược" a commune.
_LEVEL_WORDS = {"huyện": "district", "quận": "district", "thị xã": "district", "thành phố": "district",
                "xã": "commune", "phường": "commune", "thị trấn": "commune"}


def _unit_level(name: str) -> str:
    """"district" or "commune" by the unit word a name starts with ("Huyện Bát Xát", "Xã Bản Vược"); "" without one."""
    lowered = nfc(name).lower()
    return next((level for word, level in _LEVEL_WORDS.items() if lowered.startswith(word + " ")), "")


def _unit_key(name: str) -> str:
    text = nfc(name)  # name_key keeps "quan": it begins names too ("Quan Hóa"); only "Quận" is the unit word
    return name_key(text[5:] if text.lower().startswith("quận ") else text)


def unit_keys(names: pd.Series) -> pd.Series:
    """:func:`~dxmap.validate.text.name_key` of unit names, "Quận" dropped too, once per distinct name: for telling
    a district layer from a commune layer by the names it shares with another table."""
    return per_distinct(names, _unit_key)


def worded_as(names: pd.Series, level: str) -> dict[str, str]:
    """Why a layer's ``names`` are of ``level`` ("district" or "commune") by their unit words, in every language:
    most start with one of that level's (Huyện, Quận, Thị xã, Thành phố; Xã, Phường, Thị trấn) and none with the
    other level's; {} when they do not. One look per distinct name."""
    words = per_distinct(names, _unit_level).fillna("")
    mine = words.eq(level).to_numpy(dtype=bool)
    if mine.sum() * 2 < len(names) or (words.ne(level) & words.ne("")).any():
        return {}
    spelt = ", ".join(w[0].upper() + w[1:] for w, lv in _LEVEL_WORDS.items() if lv == level)
    return said_all("lyr_worded_as", part=of_its(mine.sum(), len(names)).get, level=partial(label, f"lyr_level_{level}"),
                    spelt=spelt, names=partial(preview_in, list(names[mine]), limit=2))


def of_its(part: int, whole: int) -> dict[str, str]:
    """"its 9" or "7 of its 9" (``"cả 9"``, ``"7 trong 9"``), as a message counts a layer's names or codes."""
    return said_all("lyr_of_its_all", whole=whole) if part == whole else said_all("lyr_of_its", part=part, whole=whole)


def as_villages(gdf: gpd.GeoDataFrame, *, columns: dict[str, str] | None = None) -> gpd.GeoDataFrame:
    """Give a village layer (points or polygons) dxmap's column names: ``village_id``, ``name``, ``commune_code``.

    The layer comes back in EPSG:4326. Villages have no national code; without an id column, ``village_id``
    is made from the commune code and the row order (``"02692-001"``): such ids change when a village is added or
    taken out, so a record whose id is another village's is matched by its name, with a warning (``reconcile``).

    Parameters
    ----------
    gdf
        The village layer (points or polygons), e.g. from :func:`read_boundaries`, with a CRS. For a table of
        longitudes and latitudes, make points first:
        ``geopandas.GeoDataFrame(table, geometry=geopandas.points_from_xy(table.lon, table.lat), crs="EPSG:4326")``.
    columns
        Field → the layer's column, for headers dxmap does not recognise: ``{"name": "TEN_THON"}`` (fields
        ``village_id``, ``name``, ``commune_code``, ``former_commune_name``, ``former_commune_code``). Headers
        are recognised as :func:`as_communes` recognises them ("Mã thôn", "Tên thôn", "Mã xã"…).

    Returns
    -------
    geopandas.GeoDataFrame
        ``village_id``, ``name``, ``commune_code``, the layer's other columns (e.g. ``population``),
        ``geometry``; EPSG:4326. ``gdf`` is not changed.

    Raises
    ------
    ArgumentError
        ``gdf`` is not a GeoDataFrame, or ``columns`` is not a dict.
    SchemaError
        No features, a ``columns`` key that is no field, no name or commune code column, or an id on two villages.
    CRSError
        The layer has no CRS.
    """
    out = _standardise(gdf, "villages", ("name", "commune_code"), columns)
    if "village_id" not in out.columns:
        seq = out.groupby("commune_code").cumcount() + 1
        out.insert(0, "village_id", out["commune_code"] + "-" + seq.astype(str).str.zfill(3))
        out.attrs["ids_made"] = True  # numbered here: a record's id from elsewhere is no id of this layer (QA70 N12)
    dup = out["village_id"][out["village_id"].duplicated()]
    if len(dup):
        raise said_error(SchemaError, "lyr_ids_twice", where=layer_where(gdf, "villages").get,
                         ids=partial(preview_in, sorted(set(dup))))
    return out


def layer_where(gdf: pd.DataFrame, kind: str) -> dict[str, str]:
    """How a message names a layer, in every language: its file (when read_boundaries read it) and its kind,
    ``"x.gpkg: communes"``, ``"x.gpkg: lớp ranh giới xã"``."""
    source = gdf.attrs.get("source")
    return {lg: f"{source}: {label('lyr_' + kind, lg)}" if source else label("lyr_" + kind, lg) for lg in ("vi", "en")}


def boundary_version(layer: pd.DataFrame) -> str | None:
    """The boundary version of a layer: its ``boundary_version`` column (one value); None if unknown."""
    if "boundary_version" in layer.columns:
        values = layer["boundary_version"].dropna().astype(str).unique()
        if len(values) > 1:
            raise said_error(SchemaError, "err_mixed_versions", versions=partial(preview_in, sorted(values)))
        if len(values):
            return str(values[0])
    return None


def set_boundary_version(layer: pd.DataFrame, version: str) -> pd.DataFrame:
    """Return a copy of ``layer`` labelled with ``version`` (its ``boundary_version`` column)."""
    return layer.assign(boundary_version=version)

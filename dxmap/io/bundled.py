"""The data that ships with dxmap: real Lào Cai and Yên Bái boundaries, the 2024 → 2025-07 crosswalk, the 2025-07
units derived from them, the ILLUSTRATIVE sample.

The files live in the repository's ``data/`` folder, which the wheel carries as the package
``dxmap.data``; they are read with :mod:`importlib.resources`, so they are found in a source
checkout, an editable install and an installed wheel alike. ``$DXMAP_DATA`` points elsewhere.
"""

from __future__ import annotations

import functools
import logging
import os
from importlib import resources
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from dxmap.errors import InputFileError, SchemaError, preview, said_error
from dxmap.labels import label, log_said, said_all
from dxmap.io.boundaries import RENDER_CRS, boundary_version, set_boundary_version, unit_keys
from dxmap.validate.codes import as_written_in
from dxmap.validate.dates import preview_in

__all__ = ["data_dir", "sample_path", "merged_codes", "bundled_communes", "bundled_districts", "bundled_old_communes",
           "bundled_crosswalk", "bundled_units_2025", "bundled_layers_for", "bundled_reference", "bundled_place"]

log = logging.getLogger(__name__)

_DATA_ENV = "DXMAP_DATA"
_CROSSWALK = ("crosswalk", "laocai_yenbai_2024_to_2025-07.csv")
_UNITS_2025 = ("boundaries", "laocai_2025-07_units.geojson")  # built by scripts/build_units_2025.py
_YENBAI = ("boundaries", "yenbai_communes_2025-01_derived.geojson")
_YENBAI_DISTRICTS = ("boundaries", "yenbai_districts_2025-01_derived.geojson")
_DISTRICT_COLUMNS = ["code", "name", "full_name", "name_en", "geometry"]
_COMMUNE_COLUMNS = ["code", "name", "full_name", "name_en", "unit_type", "district_code", "district_name",
                    "district_full_name", "province_code", "province_name", "map_unit", "shared_polygon", "geometry"]


def data_dir() -> Path:
    """The folder holding the bundled ``boundaries/``, ``crosswalk/`` and ``sample/`` data.

    ``$DXMAP_DATA`` wins; otherwise the package data ``dxmap.data`` (the repository's ``data/``).
    """
    if env := os.environ.get(_DATA_ENV):
        if not (Path(env) / "boundaries").is_dir():  # set long ago, or mistyped: say where the path came from (QA60 21)
            raise said_error(InputFileError, "err_data_env", name=_DATA_ENV, path=env)
        return Path(env)
    try:
        # Via a child: without an __init__.py, dxmap.data is a namespace package whose files() is a
        # MultiplexedPath, which has no file-system str(); its children are plain paths.
        here = Path(str(resources.files("dxmap.data").joinpath("boundaries"))).parent
    except ModuleNotFoundError:
        here = Path(__file__).resolve().parents[2] / "data"
    if (here / "boundaries").is_dir():
        return here
    raise InputFileError(
        f"dxmap's bundled data was not found at {here}. Reinstall dxmap (pip install --force-reinstall dxmap) "
        f"or set {_DATA_ENV} to a folder holding boundaries/, crosswalk/ and sample/."
    )


def sample_path(name: str) -> Path:
    """A file of the ILLUSTRATIVE sample (``villages.geojson``, ``village_areas.geojson``, ``status_records.csv``)."""
    return data_dir() / "sample" / name


def bundled_communes() -> gpd.GeoDataFrame:
    """The bundled mid-2024 Lào Cai communes: 152 rows, 144 with their own polygon.

    The 8 Sa Pa units that exist only as one cluster polygon carry that polygon, ``map_unit`` =
    ``"sapa_core"`` and ``shared_polygon`` = True; records for them are counted per commune and
    drawn on the shared polygon. See ``data/boundaries/PROVENANCE.md``.

    Returns
    -------
    geopandas.GeoDataFrame
        The columns of :func:`~dxmap.io.boundaries.as_communes`, ``boundary_version`` "2024"; EPSG:4326.
    """
    folder = data_dir() / "boundaries"
    units = pd.read_csv(folder / "laocai_admin_units_2024.csv", dtype=str, encoding="utf-8")
    polys = gpd.read_file(folder / "laocai_communes_2024_derived.geojson", engine="pyogrio")
    clusters = gpd.read_file(folder / "laocai_communes_2024_unresolved_clusters.geojson", engine="pyogrio")
    member = clusters.assign(code=clusters["codes_2024"].str.split(",")).explode("code")[["code", "cluster_id", "geometry"]]
    geoms = pd.concat(
        [polys[["code", "geometry"]].assign(map_unit=polys["code"], shared_polygon=False),
         member.rename(columns={"cluster_id": "map_unit"}).assign(shared_polygon=True)],
        ignore_index=True,
    )
    table = units.rename(columns={"commune_code": "code", "commune_name": "name", "commune_full_name": "full_name",
                                  "commune_type": "unit_type", "commune_name_en": "name_en", "district_full_name": "district_full_name"})
    merged = table.merge(geoms, on="code", how="left", validate="one_to_one")
    lost = merged["code"][merged["geometry"].isna()]
    if len(lost):  # the bundled data is consistent; this guards edits to it
        raise SchemaError(f"bundled communes without a polygon: {preview(list(lost))}")
    # see dxmap.reconcile.versions: codes were reused on 1 July 2025
    gdf = set_boundary_version(gpd.GeoDataFrame(merged[_COMMUNE_COLUMNS], geometry="geometry", crs=RENDER_CRS), "2024")
    log_said(log, logging.DEBUG, "log_bundled_debug", n=len(gdf), polygons=gdf["map_unit"].nunique(),
             shared=int(gdf["shared_polygon"].sum()))
    return gdf


@functools.cache
def cluster_codes() -> frozenset[str]:
    """The codes of the 8 Sa Pa units of 2024 that exist only as one cluster polygon (docs/boundaries.md): only
    :func:`bundled_communes` gives them a polygon (QA69 F10)."""
    clusters = gpd.read_file(data_dir() / "boundaries" / "laocai_communes_2024_unresolved_clusters.geojson",
                             engine="pyogrio", ignore_geometry=True)
    return frozenset(clusters["codes_2024"].str.split(",").explode())


def bundled_old_communes() -> gpd.GeoDataFrame:
    """The 320 communes that became the new Lào Cai on 1 July 2025, with polygons: the old side of the crosswalk.

    The mid-2024 Lào Cai communes of :func:`bundled_communes` (152; province code 10) and the Yên
    Bái communes as of 2025-01 (168, each with its own polygon; province code 15), with the same
    columns. Labelled boundary version ``"2024"``, the crosswalk's ``from_version``, although the
    Yên Bái list is the one in force from 2024-12-01 (five Yên Bái codes of mid-2024 are merged in
    it). See ``data/boundaries/PROVENANCE.md``.
    """
    return _layers([bundled_communes(), _yenbai_communes()])


def _yenbai_communes() -> gpd.GeoDataFrame:
    """Yên Bái's 168 communes as of 2025-01, each with its own polygon, in :func:`bundled_communes`' columns."""
    yenbai = gpd.read_file(data_dir().joinpath(*_YENBAI), engine="pyogrio").set_crs(RENDER_CRS, allow_override=True)
    return yenbai.assign(map_unit=yenbai["code"], shared_polygon=False)[_COMMUNE_COLUMNS]


def _layers(parts: list[gpd.GeoDataFrame], version: str | None = "2024") -> gpd.GeoDataFrame:
    gdf = gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), geometry="geometry", crs=RENDER_CRS)
    return set_boundary_version(gdf, version) if version else gdf


def bundled_layers_for(records: pd.DataFrame) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, dict[str, str]]:
    """The bundled old-unit layers that ``records`` (:func:`~dxmap.io.records.read_records`' table) are of, for
    records given without a commune layer.

    Lào Cai (152 communes, mid-2024) unless the records are Yên Bái's (168 communes, as of 2025-01), or of both
    provinces (the 320 of :func:`bundled_old_communes`, which became the new Lào Cai on 1 July 2025). Told by the
    records' commune codes; without codes of either province, by their district names, then by their commune
    names (a name both provinces have counts for neither). Records that are evidently another place's are refused
    (:class:`~dxmap.errors.SchemaError`, asking for their commune layer): when no code, name or position of theirs
    is the bundled provinces', when most of their commune codes are not (:func:`_refuse_other_codes`), or when
    their codes are Lào Cai's but most names beside them are not (:func:`_refuse_other_names`).

    Returns
    -------
    tuple
        The communes (as :func:`bundled_communes`), their districts (as :func:`bundled_districts`) and a phrase
        naming them for the log, in every language (:func:`~dxmap.labels.said_all`: ``{"en": "the bundled Yên Bái
        communes (168, as of 2025-01) and districts", "vi": …}``).
    """
    laocai = bundled_communes()
    given = pd.Series(records.get("commune_code", pd.Series(dtype="string")).dropna().unique(), dtype="string")
    codes = pd.Index(as_written_in(given, laocai["code"]))  # "LC-02692" is 02692
    in_laocai = codes.isin(laocai["code"])
    if len(codes) and in_laocai.all():  # the usual case: Yên Bái's file is not read
        _refuse_other_names(records, laocai)
        return laocai, bundled_districts(), said_all("log_bundled_laocai")
    yenbai = _yenbai_communes()
    of_laocai, of_yenbai = bool(in_laocai.any()), bool(as_written_in(given, yenbai["code"]).isin(yenbai["code"]).any())
    if not (of_laocai or of_yenbai):  # no code of either: the names say
        of_laocai, of_yenbai = _named_in(records, laocai, yenbai)
        unknown = _unknown_everywhere(records, [laocai, yenbai])
        if unknown:  # another province's or country's records: its layer is needed, not Lào Cai's suggestions
            raise said_error(SchemaError, "err_bundled_none", examples=functools.partial(preview_in, unknown))
    _refuse_other_codes(records, [laocai, yenbai])
    if not of_yenbai:
        return laocai, bundled_districts(), said_all("log_bundled_laocai")
    yb_districts = gpd.read_file(data_dir().joinpath(*_YENBAI_DISTRICTS), engine="pyogrio")[_DISTRICT_COLUMNS]
    yb_districts = yb_districts.set_crs(RENDER_CRS, allow_override=True)
    if not of_laocai:
        return _layers([yenbai]), yb_districts, said_all("log_bundled_yenbai")
    return (_layers([laocai, yenbai]), _layers([bundled_districts(), yb_districts], None),
            said_all("log_bundled_both"))


def bundled_reference(layer: pd.DataFrame, version: str) -> str:
    """What the ``version`` of a bundled old-unit layer stands for: the bundled old units are all labelled
    "2024", the crosswalk's version, but Yên Bái's list is of 2025-01 (``data/boundaries/PROVENANCE.md``), so a
    layer with Yên Bái's units (province code 15) reads "Lào Cai 2024, Yên Bái 2025-01" or "Yên Bái 2025-01"."""
    provinces = set(layer["province_code"].dropna().astype(str)) if "province_code" in layer.columns else set()
    if version != "2024" or "15" not in provinces:
        return version
    return ", ".join(([f"Lào Cai {version}"] if "10" in provinces else []) + ["Yên Bái 2025-01"])


def bundled_place(layer: pd.DataFrame) -> str:
    """Which of dxmap's bundled boundaries ``layer`` is, for the results made on them: the province, with the date of
    its list for the units before 1 July 2025 ("Lào Cai 2024", "Yên Bái 2025-01", "Lào Cai 2024, Yên Bái 2025-01":
    :func:`bundled_reference`); "Lào Cai" for the 99 units of the new Lào Cai, whose version, "2025-07", is said
    beside it."""
    if boundary_version(layer) == "2025-07":
        return "Lào Cai"
    said = bundled_reference(layer, "2024")
    return "Lào Cai 2024" if said == "2024" else said


def _named_in(records: pd.DataFrame, laocai: gpd.GeoDataFrame, yenbai: gpd.GeoDataFrame) -> tuple[bool, bool]:
    """Whether the records' district names (or, without any of either province, their commune names) are Lào
    Cai's and whether Yên Bái's, by :func:`~dxmap.io.boundaries.unit_keys`; a name of both provinces is neither's."""
    for column, layer_column in (("district_name", "district_name"), ("commune_name", "name")):
        names = pd.Series(records.get(column, pd.Series(dtype="string")).dropna().unique(), dtype="string")
        keys = set(unit_keys(names).dropna())
        own = [keys & set(unit_keys(layer[layer_column].astype("string")).dropna()) for layer in (laocai, yenbai)]
        if own[0] != own[1]:
            return bool(own[0] - own[1]), bool(own[1] - own[0])
        if own[0]:  # every name is of both provinces: Lào Cai, as without a hint, but said
            log_said(log, logging.WARNING, "log_both_provinces", names=functools.partial(preview_in, sorted(names)),
                     unit=functools.partial(label, f"log_unit_{column.split('_')[0]}"))
            break
    return False, False


def _refuse_other_names(records: pd.DataFrame, layer: gpd.GeoDataFrame) -> None:
    """Records whose commune codes are all of the bundled ``layer`` but whose names, beside them, are mostly of no
    commune of it are another place's (French INSEE codes are five digits too: 02692 Laon-Nord beside Lào Cai's
    02692 A Lù, QA67 F3): refused, asking for their layer, rather than counted on the bundled communes. A name is
    the code's when its key is that commune's or close to it (a typo; words around it: "UBND xã A Lù", "A Lù - Bát
    Xát", QA68 N3), or another commune's of the layer (a code and name that disagree: said row by row later, as a
    conflict)."""
    if "commune_name" not in records.columns or "commune_code" not in records.columns:
        return
    pairs = records[["commune_code", "commune_name"]].dropna().drop_duplicates()
    if pairs.empty:
        return
    codes = as_written_in(pairs["commune_code"].astype("string"), layer["code"])
    theirs = codes.map(layer.drop_duplicates("code").set_index("code")["name"]).astype("string")
    said, own, every = unit_keys(pairs["commune_name"].astype("string")), unit_keys(theirs), set(unit_keys(
        layer["name"].astype("string")).dropna())
    other = [name for name, key, mine in zip(pairs["commune_name"], said, own)
             if isinstance(key, str) and key not in every and (not isinstance(mine, str) or _far(key, mine))]
    if len(other) * 2 > len(pairs):
        listed = [f"{code} {name}" for code, name in zip(pairs["commune_code"], pairs["commune_name"]) if name in other]
        raise said_error(SchemaError, "err_bundled_other_names", examples=functools.partial(preview_in, listed))


def _refuse_other_codes(records: pd.DataFrame, layers: list[gpd.GeoDataFrame]) -> None:
    """Records most of whose commune codes are of no commune of the bundled ``layers``, given beside no commune or
    district name of theirs and no position inside them, are another place's: refused, asking for their layer,
    rather than counted on the bundled communes (a list of the Aisne département's INSEE codes, 02001–02810, holds
    58 Lào Cai codes: QA67 F3). A Lào Cai sheet with a few mistyped codes has most of its codes right: read, its
    mistyped rows reported unmatched. Each distinct code counts once, as the code of the bundled provinces when any
    of its rows is theirs by code, name or position."""
    if "commune_code" not in records.columns:
        return
    kept = [c for c in ("file", "commune_code", "commune_name", "district_name", "lon", "lat") if c in records.columns]
    rows = records[kept].dropna(subset=["commune_code"]).drop_duplicates()
    if rows.empty:
        return
    known = _codes_of(layers)
    codes = as_written_in(rows["commune_code"].astype("string"), known)
    theirs = codes.isin(set(known)).to_numpy(dtype=bool, na_value=False) | _inside(rows, layers)
    for column, layer_column in (("commune_name", "name"), ("district_name", "district_name")):
        if column in rows.columns:
            names = set(unit_keys(pd.concat([layer[layer_column] for layer in layers]).astype("string")).dropna())
            theirs |= unit_keys(rows[column].astype("string")).isin(names).to_numpy(dtype=bool, na_value=False)
    per_code = pd.Series(theirs, index=codes.to_numpy()).groupby(level=0).any()
    other = sorted(per_code.index[~per_code.to_numpy(dtype=bool)])
    if len(other) * 2 > len(per_code):
        files = ", ".join(rows.loc[codes.isin(other).to_numpy(dtype=bool), "file"].dropna().astype(str).unique()
                          ) if "file" in rows.columns else ""
        raise said_error(SchemaError, "err_bundled_other_codes", n=len(other), of=len(per_code),
                         examples=functools.partial(preview_in, other), files=f"{files}: " if files else "")


def _inside(records: pd.DataFrame, layers: list[gpd.GeoDataFrame]) -> np.ndarray:
    """Which records give a position (``lon``, ``lat``) within the bounds of ``layers``."""
    if not {"lon", "lat"} <= set(records.columns):
        return np.zeros(len(records), dtype=bool)
    lon, lat = (pd.to_numeric(records[c], errors="coerce") for c in ("lon", "lat"))
    west, south, east, north = pd.concat([layer.geometry for layer in layers]).total_bounds
    return (lon.between(west, east) & lat.between(south, north)).to_numpy(dtype=bool, na_value=False)


def _far(key: str, theirs: str) -> bool:
    """Whether a name's key is far from the key of the commune its code is: neither a typo of it nor it with words
    around it ("ubnd xa a lu", "a lu cu" are "a lu")."""
    from rapidfuzz import fuzz

    return max(fuzz.ratio(key, theirs), fuzz.token_set_ratio(key, theirs)) < 80


@functools.cache
def _merged() -> tuple[tuple[str, str], ...]:
    folder = data_dir() / "boundaries"
    pairs = []
    for name in ("laocai_admin_units_2024.csv", "yenbai_admin_units_2025-01.csv"):
        table = pd.read_csv(folder / name, dtype=str, encoding="utf-8")
        sources = zip(table["commune_code"], table["source_gso_codes"].fillna(""))
        pairs += [(old.strip(), code) for code, olds in sources for old in olds.split(",")
                  if old.strip() and old.strip() != code]
    return tuple(pairs)


def merged_codes() -> dict[str, str]:
    """The GSO codes of the bundled provinces' communes merged away before their layers' date (the admin units
    tables' ``source_gso_codes``: Sa Pa's of 2019–2020, Yên Bái's of 2024-12), each → the code of the commune it
    went into: ``merged_codes()["03007"] == "03004"``. A record giving one is of a commune that no longer exists,
    not of another place, nor mistyped (QA70 N3)."""
    return dict(_merged())


def _codes_of(layers: list[gpd.GeoDataFrame]) -> pd.Series:
    """The commune codes of ``layers``, and the former codes merged into them (:func:`merged_codes`)."""
    known = pd.concat([layer["code"] for layer in layers]).astype("string")
    merged = [old for old, into in _merged() if into in set(known)]
    return pd.concat([known, pd.Series(merged, dtype="string")], ignore_index=True)


def _unknown_everywhere(records: pd.DataFrame, layers: list[gpd.GeoDataFrame]) -> list[str]:
    """The records' commune codes (else district, else commune names, else positions) when they name units and not
    one code, name or position is of any of ``layers``; [] when one is, or when they name none (village records,
    read with villages)."""
    unknown: list[str] = []
    columns = (("commune_code", "code"), ("district_name", "district_name"), ("commune_name", "name"))
    for column, layer_column in columns:
        values = pd.Series(records.get(column, pd.Series(dtype="string")).dropna().unique(), dtype="string")
        if values.empty:
            continue
        known = (_codes_of(layers) if column == "commune_code"
                 else pd.concat([layer[layer_column].astype("string") for layer in layers]))
        if column == "commune_code":
            if as_written_in(values, known).isin(set(known)).any():
                return []
        elif set(unit_keys(values).dropna()) & set(unit_keys(known).dropna()):
            return []
        unknown = unknown or sorted(values)
    if not unknown and {"lon", "lat"} <= set(records.columns):  # positions only: are any of them in the layers?
        lon, lat = (pd.to_numeric(records[c], errors="coerce") for c in ("lon", "lat"))
        placed = lon.notna() & lat.notna()
        if placed.any() and not _inside(records, layers).any():
            unknown = [f"{x:g}, {y:g}" for x, y in zip(lon[placed], lat[placed])]
    return unknown


def bundled_districts() -> gpd.GeoDataFrame:
    """The bundled mid-2024 Lào Cai districts (9).

    Returns
    -------
    geopandas.GeoDataFrame
        ``code``, ``name``, ``full_name`` ("Thị xã Sa Pa"), ``name_en``, ``geometry``; EPSG:4326.
    """
    gdf = gpd.read_file(data_dir() / "boundaries" / "laocai_districts_2024_derived.geojson", engine="pyogrio")
    return gdf[["code", "name", "full_name", "name_en", "geometry"]].set_crs(RENDER_CRS, allow_override=True)


@functools.lru_cache(maxsize=1)
def _crosswalk() -> pd.DataFrame:
    return pd.read_csv(data_dir().joinpath(*_CROSSWALK), dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")


def bundled_crosswalk() -> pd.DataFrame:
    """The shipped crosswalk: one row per 2024 commune of old Lào Cai and Yên Bái (320 rows).

    Columns: ``old_province_code``, ``old_province_name``, ``old_district_code``,
    ``old_district_name``, ``old_code``, ``old_name``, ``new_code``, ``new_name``, ``relation``
    (``whole``: the old unit lies wholly in the new one; ``part``: only part of it does; ``none``:
    no successor in the data), ``n_successors``, ``same_code``, ``basis``, ``note``. The schema
    any crosswalk needs is in :mod:`dxmap.reconcile.derive`.
    """
    out = _crosswalk().copy()
    out["n_successors"] = out["n_successors"].astype(int)
    out["same_code"] = out["same_code"].eq("True")
    return out


def bundled_units_2025() -> gpd.GeoDataFrame:
    """The 99 communes of the new Lào Cai (from 1 July 2025), with polygons derived from the old ones.

    No open polygons of the 2025 units exist: ``scripts/build_units_2025.py`` dissolves
    :func:`bundled_old_communes` through the crosswalk (:func:`dxmap.reconcile.derive.derive_units`).
    Columns ``code``, ``name``, ``full_name``, ``unit_type``, ``province_code``, ``province_name``,
    ``district_code``/``district_name`` (empty: districts no longer exist), ``code_was`` (the old
    unit whose code it reuses), ``code_was_district``, ``name_changed``, ``n_old_units``,
    ``old_codes``, ``old_names``, ``former_district_codes``, ``former_district_names`` (the
    former districts, "huyện cũ", of its old units), ``former_province_codes``, ``approximate``,
    ``approximate_kind``, ``approximate_reason`` (an old unit went only partly into it, or it
    shares one polygon with other units: the Sa Pa cluster), ``map_unit``, ``shared_polygon``,
    ``area_km2``, ``boundary_version`` = ``"2025-07"`` and ``geometry``. See ``docs/units-2025.md``.
    """
    gdf = gpd.read_file(data_dir().joinpath(*_UNITS_2025), engine="pyogrio").set_crs(RENDER_CRS, allow_override=True)
    for col in ("name_changed", "approximate", "shared_polygon"):
        gdf[col] = gdf[col].astype(bool)
    gdf["n_old_units"] = gdf["n_old_units"].astype(int)
    for col in ("approximate_kind", "approximate_reason"):
        gdf[col] = gdf[col].fillna("")
    at = gdf.columns.get_loc("code_was")
    gdf.insert(at, "district_name", pd.Series(pd.NA, index=gdf.index, dtype="string"))
    gdf.insert(at, "district_code", pd.Series(pd.NA, index=gdf.index, dtype="string"))
    return set_boundary_version(gdf, "2025-07")

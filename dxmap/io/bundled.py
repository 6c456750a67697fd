"""The data that ships with dxmap: real Lào Cai boundaries, the 2024 → 2025-07 crosswalk, the ILLUSTRATIVE sample.

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
import pandas as pd

from dxmap.errors import InputFileError, SchemaError, preview
from dxmap.io.boundaries import RENDER_CRS, set_boundary_version

__all__ = ["data_dir", "sample_path", "bundled_communes", "bundled_districts", "bundled_crosswalk", "bundled_units_2025"]

log = logging.getLogger(__name__)

_DATA_ENV = "DXMAP_DATA"
_CROSSWALK = ("crosswalk", "laocai_yenbai_2024_to_2025-07.csv")
_UNITS_2025 = ("crosswalk", "laocai_units_2025-07.csv")


def data_dir() -> Path:
    """The folder holding the bundled ``boundaries/``, ``crosswalk/`` and ``sample/`` data.

    ``$DXMAP_DATA`` wins; otherwise the package data ``dxmap.data`` (the repository's ``data/``).
    """
    if env := os.environ.get(_DATA_ENV):
        return Path(env)
    try:
        here = Path(str(resources.files("dxmap.data")))
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
    cols = ["code", "name", "full_name", "name_en", "unit_type", "district_code", "district_name", "district_full_name",
            "province_code", "province_name", "map_unit", "shared_polygon", "geometry"]
    gdf = gpd.GeoDataFrame(merged[cols], geometry="geometry", crs=RENDER_CRS)
    gdf.attrs["boundary_version"] = "2024"  # see dxmap.versions: codes were reused on 1 July 2025
    log.info("bundled communes: %d units, %d polygons (%d units share the Sa Pa cluster polygon)",
             len(gdf), gdf["map_unit"].nunique(), int(gdf["shared_polygon"].sum()))
    return gdf


def bundled_districts() -> gpd.GeoDataFrame:
    """The bundled mid-2024 Lào Cai districts (9), with ``code``, ``name`` and ``full_name``."""
    gdf = gpd.read_file(data_dir() / "boundaries" / "laocai_districts_2024_derived.geojson", engine="pyogrio")
    return gdf[["code", "name", "full_name", "name_en", "geometry"]].set_crs(RENDER_CRS, allow_override=True)


@functools.lru_cache(maxsize=1)
def _crosswalk() -> pd.DataFrame:
    return pd.read_csv(data_dir().joinpath(*_CROSSWALK), dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")


def bundled_crosswalk() -> pd.DataFrame:
    """The shipped crosswalk: one row per 2024 commune of old Lào Cai and Yên Bái (321 rows).

    Columns: ``old_province_code``, ``old_province_name``, ``old_district_code``,
    ``old_district_name``, ``old_code``, ``old_name``, ``new_code``, ``new_name``, ``relation``
    (``whole``: the old unit lies wholly in the new one; ``part``: only part of it does; ``none``:
    no successor in the data), ``n_successors``, ``same_code``, ``basis``, ``note``.
    """
    out = _crosswalk().copy()
    out["n_successors"] = out["n_successors"].astype(int)
    out["same_code"] = out["same_code"].eq("True")
    out.attrs.update({"from_version": "2024", "to_version": "2025-07"})
    return out


def bundled_units_2025() -> gpd.GeoDataFrame:
    """The 99 communes of the new Lào Cai (from 1 July 2025), as a layer without geometry.

    Enough to reconcile records written for the new units by code or name (no polygons are
    bundled for them). Columns ``code``, ``name``, ``full_name``, ``unit_type``,
    ``province_code``, ``province_name``, ``district_code``/``district_name`` (empty: districts
    no longer exist), ``map_unit``, ``code_was`` (the old unit whose code it reuses),
    ``name_changed`` and ``boundary_version`` = ``"2025-07"``.
    """
    units = pd.read_csv(data_dir().joinpath(*_UNITS_2025), dtype=str, encoding="utf-8")
    units["name_changed"] = units["name_changed"].eq("True")
    units["district_code"] = pd.Series(pd.NA, index=units.index, dtype="string")
    units["district_name"] = pd.Series(pd.NA, index=units.index, dtype="string")
    units["map_unit"] = units["code"]
    gdf = gpd.GeoDataFrame(units, geometry=gpd.GeoSeries([None] * len(units), crs="EPSG:4326"))
    return set_boundary_version(gdf, "2025-07")

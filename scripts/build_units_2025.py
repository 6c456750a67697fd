"""Build ``data/boundaries/laocai_2025-07_units.geojson``: the 99 communes of the new Lào Cai (from 2025-07-01).

No open polygons of the 2025 units exist. This script derives them from the bundled old units
(Lào Cai mid-2024 + Yên Bái 2025-01, ``dxmap.io.bundled.bundled_old_communes``) and the shipped
crosswalk ``data/crosswalk/laocai_yenbai_2024_to_2025-07.csv`` with
:func:`dxmap.reconcile.derive.derive_units`, using the 90 m closing the old sets' own merges were
made with. The attributes of the new units come from ``data/crosswalk/laocai_units_2025-07.csv``.

Coordinates are snapped to a 1e-6° grid (about 0.1 m; the source is generalised to about 160 m),
exterior rings counter-clockwise. Running it again gives the same bytes. It checks the acceptance
figures and prints them as JSON (see ``docs/units-2025.md``)::

    python scripts/build_units_2025.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from dxmap._files import atomic_path
from dxmap.io.bundled import bundled_crosswalk, bundled_old_communes, data_dir
from dxmap.reconcile.derive import derive_units

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "boundaries" / "laocai_2025-07_units.geojson"
UNITS = ROOT / "data" / "crosswalk" / "laocai_units_2025-07.csv"
METRIC = "EPSG:32648"  # UTM 48N, as the areas in data/boundaries/PROVENANCE.md
CLOSE_GAPS_M = 90.0
GRID_DEG = 1e-6
COLUMNS = ["code", "name", "full_name", "unit_type", "province_code", "province_name", "code_was", "code_was_district",
           "name_changed", "n_old_units", "old_codes", "old_names", "former_district_codes", "former_district_names",
           "former_province_codes", "approximate", "approximate_kind", "approximate_reason", "map_unit",
           "shared_polygon", "area_km2", "geometry"]


def build() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, pd.DataFrame]:
    """The derived units (as written), the old units and the crosswalk they come from."""
    if data_dir().resolve() != (ROOT / "data").resolve():
        sys.exit(f"dxmap reads its data from {data_dir()}, not from {ROOT / 'data'}: unset DXMAP_DATA and run from the repository.")
    old, cw = bundled_old_communes(), bundled_crosswalk()
    new = pd.read_csv(UNITS, dtype=str, keep_default_na=False, encoding="utf-8")
    units = derive_units(old, cw, new_units=new, close_gaps=CLOSE_GAPS_M, version="2025-07")
    geoms = shapely.orient_polygons(shapely.set_precision(units.geometry.values, GRID_DEG))
    units = units.set_geometry(gpd.GeoSeries(geoms, index=units.index, crs=units.crs))
    units["area_km2"] = units.to_crs(METRIC).area.div(1e6).round(2)
    units["name_changed"] = units["name_changed"].eq("True")
    return units[COLUMNS], old, cw


def write(units: gpd.GeoDataFrame) -> None:
    with atomic_path(OUT) as tmp:
        units.to_file(tmp, driver="GeoJSON", engine="pyogrio", layer="laocai_2025-07_units",
                      layer_options={"COORDINATE_PRECISION": "6", "WRITE_BBOX": "NO"})


def figures(units: gpd.GeoDataFrame, old: gpd.GeoDataFrame, cw: pd.DataFrame) -> dict:
    """The acceptance figures: counts, areas in UTM 48N, where every old unit lands, the flags."""
    drawn = units.drop_duplicates("map_unit").to_crs(METRIC)
    old_polys = old.drop_duplicates("map_unit").to_crs(METRIC)
    moved = cw[cw["relation"].ne("none")]
    # Where each old polygon lands: the derived polygons holding its representative point.
    points = gpd.GeoDataFrame(old[["code"]], geometry=old.to_crs(METRIC).representative_point(), crs=METRIC)
    hit = gpd.sjoin(points, drawn[["map_unit", "geometry"]], predicate="within")
    landed = hit.groupby("code")["map_unit"].agg(lambda s: set(s))
    named = moved.groupby("old_code")["new_code"].agg(lambda s: set(units.set_index("code").loc[list(s), "map_unit"]))
    wrong = sorted(c for c in named.index if landed.get(c, set()) != named[c])
    # How much of each old polygon lies in the polygon of its named unit (a share of areas, so degrees do).
    own = old.set_index("code").geometry
    target = named.map(lambda mus: shapely.union_all(drawn.to_crs(old.crs).set_index("map_unit").geometry[list(mus)].values))
    share = shapely.area(shapely.intersection(own[target.index].values, target.values)) / shapely.area(own[target.index].values)
    kinds = units["approximate_kind"].str.split(",").explode()
    return {
        "units": len(units), "polygons": int(units["map_unit"].nunique()), "old_units": int(old["code"].nunique()),
        "old_units_moved": int(moved["old_code"].nunique()),
        "old_units_landing_elsewhere": wrong,
        "share_of_old_polygon_in_its_unit": {"min": round(float(share.min()), 4), "median": round(float(pd.Series(share).median()), 4)},
        "approximate": int(units["approximate"].sum()),
        "approximate_by_kind": {k: int(v) for k, v in kinds[kinds.ne("")].value_counts().sort_index().items()},
        "shared_polygon_units": sorted(units.loc[units["shared_polygon"], "code"]),
        "area_km2": {
            "old_sum": round(old_polys.area.sum() / 1e6, 1), "old_union": round(old_polys.union_all().area / 1e6, 1),
            "new_sum": round(drawn.area.sum() / 1e6, 1), "new_union": round(drawn.union_all().area / 1e6, 1),
        },
        "area_change_pct": {
            "sum": round(100 * (drawn.area.sum() / old_polys.area.sum() - 1), 3),
            "union": round(100 * (drawn.union_all().area / old_polys.union_all().area - 1), 3),
        },
        "holes": int(sum(shapely.get_num_interior_rings(shapely.get_parts(drawn.geometry.values)))),
        "multipolygons": int((drawn.geom_type != "Polygon").sum()),
        "bytes": OUT.stat().st_size,
    }


def main() -> None:
    units, old, cw = build()
    write(units)
    stats = figures(units, old, cw)
    print(json.dumps(stats, ensure_ascii=False, indent=2))
    if stats["units"] != 99 or stats["old_units_landing_elsewhere"] or abs(stats["area_change_pct"]["union"]) > 0.5:
        sys.exit("acceptance failed: see the figures above")


if __name__ == "__main__":
    main()

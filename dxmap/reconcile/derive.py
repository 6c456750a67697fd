"""Derive a later boundary version's units by dissolving an earlier layer through a crosswalk.

On 1 July 2025 Vietnam merged communes, and no open polygons of the new units exist. Each new
unit is a union of old units, so its polygon can be rebuilt from the old layer: dissolve the old
polygons by the new unit the crosswalk names for them. :func:`derive_units` does that for any
province, given its old layer and a crosswalk, and says where the result is only approximate.

The crosswalk schema (one row per old unit and new unit it went into):

``old_code``
    Code of the old unit (the ``code`` of ``units``).
``new_code``
    Code of the new unit; empty when ``relation`` is ``none``.
``relation``
    ``whole``: the old unit lies wholly in the new unit. ``part``: only part of it does (the
    rest went to other new units, named in other rows or not at all). ``none``: no successor.
``new_name`` (optional)
    Full name of the new unit ("Phường Lào Cai"); used when ``new_units`` is not given.
``old_name``, ``old_district_code``, ``old_district_name``, ``old_province_code`` (optional)
    Describe the old unit; copied into the lists of old units and former districts. Without
    them the layer's ``name``/``full_name``, ``district_code``, ``district_name`` and
    ``province_code`` are used.

What an old polygon contributes (see ``docs/units-2025.md``):

- ``whole``: its polygon, exactly.
- ``part`` with one named successor: its **whole** polygon goes to that successor, which is
  flagged ``approximate``. The crosswalk does not say where the rest of the old unit went, so the
  outline of the unit that received it is too small there, and it cannot be flagged.
- an old polygon that cannot be divided among several new units (a shared cluster polygon such
  as the Sa Pa one, whose member units went to different new units, or an old unit split between
  several named successors): those new units get **one shared polygon**, their union, with one
  ``map_unit`` and ``shared_polygon`` True, as the bundled 2024 layer does for the Sa Pa cluster.
  They are flagged ``approximate``. A cluster whose members all go to one new unit is exact.
"""

from __future__ import annotations

import logging
from enum import Enum

import geopandas as gpd
import pandas as pd
import shapely

from dxmap.errors import CRSError, SchemaError, preview
from dxmap.io.boundaries import set_boundary_version
from dxmap.reconcile.versions import CROSSWALK_TO
from dxmap.validate.text import strip_prefix

__all__ = ["derive_units", "Approximation", "CROSSWALK_COLUMNS", "DERIVED_COLUMNS"]

log = logging.getLogger(__name__)

CROSSWALK_COLUMNS = ("old_code", "new_code", "relation")
_RELATIONS = ("whole", "part", "none")
DERIVED_COLUMNS = ("n_old_units", "old_codes", "old_names", "former_district_codes", "former_district_names",
                   "former_province_codes", "approximate", "approximate_kind", "approximate_reason", "map_unit",
                   "shared_polygon", "area_km2")


class Approximation(str, Enum):
    """Why a derived polygon is only approximate (values of ``approximate_kind``, comma-separated)."""

    PART = "part"  # an old unit went only partly into the unit; its whole polygon is drawn
    SHARED = "shared"  # the unit shares one polygon with others: an old polygon spans them and cannot be divided


def derive_units(
    units: gpd.GeoDataFrame,
    crosswalk: pd.DataFrame,
    *,
    new_units: pd.DataFrame | None = None,
    close_gaps: float = 0.0,
    version: str | None = CROSSWALK_TO,
) -> gpd.GeoDataFrame:
    """One polygon per new unit, dissolved from the old units the crosswalk assigns to it.

    Parameters
    ----------
    units
        The old layer: ``code`` and polygons, optionally ``map_unit`` / ``shared_polygon`` (old
        units that exist only as one shared polygon carry the same ``map_unit``; see
        :func:`dxmap.bundled_communes`). Units the crosswalk does not name are left out (logged).
    crosswalk
        Old → new table with at least ``old_code``, ``new_code``, ``relation`` (see the module
        docstring for the schema); e.g. :func:`~dxmap.io.bundled.bundled_crosswalk`.
    new_units
        The new units' attributes, one row per ``code`` (e.g. ``name``, ``full_name``,
        ``unit_type``); its columns are kept. Default: ``code``, ``full_name`` (the crosswalk's
        ``new_name``) and ``name`` (that name without the unit word).
    close_gaps
        Radius in metres of a morphological closing (buffer out, then in, with mitred corners,
        in a UTM CRS) applied to each dissolved polygon. Generalised layers leave sliver gaps between
        neighbours, which become holes inside a merged unit; a closing of r metres fills gaps
        narrower than 2r. 0 (default) keeps the exact union. The bundled data uses 90, the
        radius its own merges were made with.
    version
        Boundary version of the result (its ``boundary_version`` column): default ``"2025-07"``, the
        version a crosswalk leads to (:data:`dxmap.reconcile.versions.CROSSWALK_TO`); None: no version.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per new unit, sorted by ``code``, in the CRS of ``units``: the ``new_units``
        columns, then ``n_old_units``, ``old_codes`` (comma-separated), ``old_names``
        ("; "-separated), ``former_district_codes``, ``former_district_names``,
        ``former_province_codes`` (the old units' districts and provinces, comma- and
        "; "-separated), ``approximate`` (bool), ``approximate_kind`` (:class:`Approximation`
        values, comma-separated, "" when exact), ``approximate_reason`` ("" when exact),
        ``map_unit`` (the unit's code, or the codes of the units sharing its polygon joined by
        "+"), ``shared_polygon``, ``area_km2`` (of the drawn polygon, in a UTM CRS) and
        ``geometry``.

    Raises
    ------
    SchemaError
        The crosswalk lacks a column, has an unknown relation or a successor-less ``whole``/``part``
        row; an old unit it names has no polygon in ``units``; ``new_units`` and the crosswalk
        disagree on the set of new codes.
    """
    cw = _checked_crosswalk(crosswalk)
    layer = _checked_layer(units, cw)
    links = cw[cw["relation"].ne("none")].merge(layer[["code", "map_unit"]], left_on="old_code", right_on="code",
                                                how="left").drop(columns="code")
    table = _new_unit_table(cw, new_units)
    none = cw.loc[cw["relation"].eq("none"), "old_code"]
    if len(none):
        log.warning("derive_units: %d old unit(s) have no successor and are in no new unit: %s", len(none),
                    preview(sorted(none)))
    unused = layer["code"][~layer["code"].isin(cw["old_code"])]
    if len(unused):
        log.info("derive_units: %d unit(s) of the layer are not in the crosswalk and are left out: %s", len(unused),
                 preview(sorted(unused)))

    group = _polygon_groups(links)
    polys = layer.drop_duplicates("map_unit").set_index("map_unit")
    used = links.drop_duplicates("map_unit")
    pieces = gpd.GeoDataFrame({"group": used["new_code"].map(group).values},
                              geometry=polys.geometry.reindex(used["map_unit"]).values, crs=layer.crs)
    shapes = pieces.dissolve("group")  # geopandas: shapely.union_all per group
    metric = shapes.estimate_utm_crs()
    if close_gaps > 0:
        # Mitred joins keep corners sharp: no arc vertices are added, and the closing stays close to the outline.
        closed = shapes.to_crs(metric).buffer(close_gaps, join_style="mitre").buffer(-close_gaps, join_style="mitre")
        shapes = gpd.GeoDataFrame(geometry=closed.to_crs(layer.crs), crs=layer.crs)
        bad = ~shapes.is_valid
        if bad.any():  # reprojection can fold a vertex; repair keeps the polygon parts
            shapes.loc[bad, "geometry"] = shapes.geometry[bad].make_valid().apply(_polygonal)
    area = shapes.to_crs(metric).area / 1e6

    out = table.copy()
    out["map_unit"] = out["code"].map(group)
    out["shared_polygon"] = out["map_unit"].ne(out["code"])
    out = out.join(_old_unit_lists(links, layer), on="code")
    kind, reason = _approximations(out, links, layer, cw)
    out["approximate"] = kind.ne("")
    out["approximate_kind"] = kind
    out["approximate_reason"] = reason
    out["area_km2"] = out["map_unit"].map(area.round(2))
    result = gpd.GeoDataFrame(out, geometry=out["map_unit"].map(shapes.geometry).values, crs=layer.crs)
    result = result.sort_values("code").reset_index(drop=True)
    if version:
        result = set_boundary_version(result, version)
    log.info("derive_units: %d new units from %d old units (%d polygons drawn; %d approximate, %d on a shared polygon)",
             len(result), links["old_code"].nunique(), result["map_unit"].nunique(), int(result["approximate"].sum()),
             int(result["shared_polygon"].sum()))
    return result


def _checked_crosswalk(crosswalk: pd.DataFrame) -> pd.DataFrame:
    """The crosswalk's rows with codes as text; every problem found is raised at once."""
    missing = [c for c in CROSSWALK_COLUMNS if c not in crosswalk.columns]
    if missing:
        raise SchemaError(f"crosswalk: missing column(s) {missing}; it has {preview(list(crosswalk.columns), 12)}. "
                          "A crosswalk needs one row per old unit and new unit: old_code, new_code, relation "
                          "(whole / part / none).")
    cw = crosswalk.copy()
    for col in ("old_code", "new_code"):
        cw[col] = cw[col].astype("string").str.strip().replace("", pd.NA)
    cw["relation"] = cw["relation"].astype("string").str.strip().str.lower()
    problems = []
    bad = cw["relation"][~cw["relation"].isin(_RELATIONS)]
    if len(bad):
        problems.append(f"{len(bad)} row(s) with an unknown relation {preview(sorted(set(bad.fillna('<empty>'))))}; "
                        "use whole, part or none")
    orphan = cw.loc[cw["relation"].isin(("whole", "part")) & cw["new_code"].isna(), "old_code"]
    if len(orphan):
        problems.append(f"{len(orphan)} whole/part row(s) without a new_code, old codes {preview(sorted(orphan.fillna('')))}; "
                        "give the new unit or set relation to none")
    noold = cw["old_code"].isna()
    if noold.any():
        problems.append(f"{int(noold.sum())} row(s) without an old_code, at rows {preview(list(cw.index[noold]))}")
    twice = cw.loc[cw.duplicated(["old_code", "new_code"], keep=False), "old_code"]
    if len(twice):
        problems.append(f"old → new pairs listed twice, old codes {preview(sorted(set(twice.dropna())))}")
    if problems:
        raise SchemaError("crosswalk: " + "; ".join(problems) + ".")
    return cw


def _checked_layer(units: gpd.GeoDataFrame, cw: pd.DataFrame) -> gpd.GeoDataFrame:
    """The old layer's code, map unit, names, district and polygon; raise if a unit the crosswalk moves is absent."""
    if "code" not in units.columns:
        raise SchemaError(f"units: no 'code' column; it has {preview(list(units.columns), 12)}. "
                          "Pass the layer through dxmap.as_communes() first.")
    if units.crs is None:  # areas and the closing are measured in metres
        raise CRSError("units: the layer has no CRS. Set it first (units.set_crs('EPSG:4326') for longitude/latitude), "
                       "or read it with dxmap.read_boundaries().")
    layer = gpd.GeoDataFrame({"code": units["code"].astype("string").values}, geometry=units.geometry.values, crs=units.crs)
    mu = units["map_unit"] if "map_unit" in units.columns else units["code"]
    layer["map_unit"] = mu.astype("string").fillna(layer["code"]).values
    for col in ("name", "full_name", "district_code", "district_name", "province_code"):
        layer[col] = units[col].astype("string").values if col in units.columns else pd.NA
    needed = cw.loc[cw["relation"].ne("none"), "old_code"]
    absent = sorted(set(needed) - set(layer["code"]))
    empty = sorted(set(needed) & set(layer["code"][layer.geometry.isna() | layer.geometry.is_empty]))
    problems = []
    if absent:
        problems.append(f"{len(absent)} old unit(s) of the crosswalk are not in the layer: {preview(absent)}")
    if empty:
        problems.append(f"{len(empty)} old unit(s) have no polygon: {preview(empty)}")
    twice = layer["code"][layer["code"].duplicated()]
    if len(twice):
        problems.append(f"codes occur twice in the layer: {preview(sorted(set(twice)))}")
    if problems:
        raise SchemaError("units: " + "; ".join(problems) + ". Every old unit the crosswalk moves needs one polygon "
                          "(units sharing a polygon carry the same map_unit); add them, or give those crosswalk rows "
                          "relation none.")
    return layer


def _new_unit_table(cw: pd.DataFrame, new_units: pd.DataFrame | None) -> pd.DataFrame:
    """One row per new unit with its attributes; the crosswalk and ``new_units`` must list the same codes."""
    codes = sorted(cw["new_code"].dropna().unique())
    if new_units is None:
        names = cw.dropna(subset=["new_code"]).drop_duplicates("new_code").set_index("new_code")
        full = names["new_name"].reindex(codes).astype("string") if "new_name" in names else pd.Series(pd.NA, index=codes, dtype="string")
        return pd.DataFrame({"code": codes, "name": full.map(strip_prefix, na_action="ignore").values,
                             "full_name": full.values})
    if "code" not in new_units.columns:
        raise SchemaError(f"new_units: no 'code' column; it has {preview(list(new_units.columns), 12)}.")
    table = pd.DataFrame(new_units)
    drop = [c for c in table.columns if c in DERIVED_COLUMNS or isinstance(table[c].dtype, gpd.array.GeometryDtype)]
    table = table.drop(columns=drop).reset_index(drop=True)
    table["code"] = table["code"].astype("string")
    extra, lacking = sorted(set(table["code"]) - set(codes)), sorted(set(codes) - set(table["code"]))
    twice = sorted(set(table["code"][table["code"].duplicated()]))
    if extra or lacking or twice:
        raise SchemaError(
            "new_units and the crosswalk disagree: " + "; ".join(
                f"{what}: {preview(v)}" for what, v in (("new units no old unit goes into", extra),
                                                        ("new codes of the crosswalk missing from new_units", lacking),
                                                        ("codes listed twice in new_units", twice)) if v)
            + ". Give one new_units row per new_code of the crosswalk.")
    return table


def _polygon_groups(links: pd.DataFrame) -> pd.Series:
    """The polygon each new unit is drawn on: its own code, or the "+"-joined codes of the units sharing one.

    New units are linked when one old polygon (``map_unit``) goes into both; linked units share a
    polygon. Union-find over the few links: the connected groups of new codes.
    """
    parent = {code: code for code in links["new_code"].unique()}

    def root(code: str) -> str:
        while parent[code] != code:
            parent[code] = parent[parent[code]]
            code = parent[code]
        return code

    for codes in links.groupby("map_unit")["new_code"].unique():
        first, *rest = sorted(codes)
        for code in rest:
            parent[root(code)] = root(first)
    members = pd.Series({code: root(code) for code in parent})
    joined = members.groupby(members).apply(lambda s: "+".join(sorted(s.index)))
    return members.map(joined)


def _old_unit_lists(links: pd.DataFrame, layer: gpd.GeoDataFrame) -> pd.DataFrame:
    """Per new code: how many old units, their codes and names, their districts and provinces."""
    info = layer.drop(columns=["geometry", "map_unit"]).set_index("code")
    rows = links.sort_values("old_code").copy()
    take = rows["old_code"]
    name = rows["old_name"] if "old_name" in rows else pd.Series(pd.NA, index=rows.index, dtype="string")
    rows["o_name"] = name.astype("string").fillna(take.map(info["full_name"].fillna(info["name"])))
    for col, src, fallback in (("o_dcode", "old_district_code", "district_code"),
                               ("o_dname", "old_district_name", "district_name"),
                               ("o_pcode", "old_province_code", "province_code")):
        given = rows[src].astype("string") if src in rows else pd.Series(pd.NA, index=rows.index, dtype="string")
        rows[col] = given.fillna(take.map(info[fallback]))

    def joined(values: pd.Series, sep: str) -> str:
        return sep.join(dict.fromkeys(values.dropna().astype(str)))  # unique, in old-code order

    grouped = rows.groupby("new_code")
    districts = rows.drop_duplicates(["new_code", "o_dcode", "o_dname"]).sort_values(["new_code", "o_dcode"]).groupby("new_code")
    return pd.DataFrame({
        "n_old_units": grouped["old_code"].nunique(),
        "old_codes": grouped["old_code"].agg(lambda s: joined(s, ",")),
        "old_names": grouped["o_name"].agg(lambda s: joined(s, "; ")),
        "former_district_codes": districts["o_dcode"].agg(lambda s: joined(s, ",")),
        "former_district_names": districts["o_dname"].agg(lambda s: joined(s, "; ")),
        "former_province_codes": grouped["o_pcode"].agg(lambda s: ",".join(sorted(set(s.dropna().astype(str))))),
    })


def _approximations(out: pd.DataFrame, links: pd.DataFrame, layer: gpd.GeoDataFrame,
                    cw: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """``approximate_kind`` and ``approximate_reason`` of each new unit (rows of ``out``)."""
    label = out.set_index("code")["full_name"].fillna(out.set_index("code")["name"]).astype(str)
    label = label.str.cat(" (" + label.index.astype(str) + ")", sep="")
    old_label = links.drop_duplicates("old_code").set_index("old_code")
    old_name = (old_label["old_name"].astype("string") if "old_name" in old_label else
                pd.Series(pd.NA, index=old_label.index, dtype="string"))
    old_name = old_name.fillna(layer.set_index("code")["name"].reindex(old_name.index)).fillna("")
    old_text = (old_name + " (" + old_name.index.to_series() + ")").str.strip()
    kinds: dict[str, list[str]] = {c: [] for c in out["code"]}
    reasons: dict[str, list[str]] = {c: [] for c in out["code"]}

    n_succ = links.groupby("old_code")["new_code"].nunique()
    for row in links[links["relation"].eq("part") & links["old_code"].map(n_succ).eq(1)].itertuples():
        kinds[row.new_code].append(Approximation.PART.value)
        reasons[row.new_code].append(
            f"only part of {old_text[row.old_code]} went into this unit; its whole old polygon is drawn here "
            "(where the rest went is not in the crosswalk)")

    members = layer.groupby("map_unit")["code"].agg(lambda s: sorted(s))
    successors = links.groupby("map_unit")["new_code"].agg(lambda s: sorted(set(s)))
    for unit, shared in out[out["shared_polygon"]].groupby("map_unit")["code"]:
        spanning = [mu for mu, news in successors.items() if len(news) > 1 and set(news) <= set(shared)]
        for code in shared:
            others = ", ".join(label[c] for c in shared if c != code)
            what = "; ".join(_polygon_text(mu, members[mu], old_text) for mu in spanning)
            kinds[code].append(Approximation.SHARED.value)
            reasons[code].append(f"drawn as one polygon with {others}: {what} spans these units and cannot be divided")

    # An old polygon that also holds units going nowhere (relation none, or absent from the crosswalk).
    moved = set(links["old_code"])
    for mu, news in successors.items():
        strays = [c for c in members[mu] if c not in moved]
        for code in news:
            if strays:
                kinds[code].append(Approximation.SHARED.value)
                reasons[code].append(f"its old polygon {mu} also holds {', '.join(strays)}, which go into no new unit")
    kind = out["code"].map(lambda c: ",".join(dict.fromkeys(kinds[c])))
    reason = out["code"].map(lambda c: "; ".join(reasons[c]))
    return kind, reason


def _polygonal(geom):
    """The polygon parts of a repaired geometry (make_valid may return a collection with lines)."""
    parts = shapely.get_parts(geom)
    return shapely.union_all(parts[shapely.get_type_id(parts) == shapely.GeometryType.POLYGON])


def _polygon_text(map_unit: str, codes: list[str], old_text: pd.Series) -> str:
    if len(codes) == 1:
        return f"the old polygon of {old_text.get(codes[0], codes[0])}"
    return f"the old polygon {map_unit} (one polygon for {len(codes)} old units: {', '.join(codes)})"

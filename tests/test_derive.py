"""Deriving a later version's units by dissolving the old layer through a crosswalk; the bundled 2025-07 units."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from shapely.geometry import box

import dxmap
from dxmap.errors import SchemaError
from dxmap.io.bundled import bundled_crosswalk, bundled_old_communes, bundled_units_2025
from dxmap.reconcile.derive import Approximation, derive_units

UTM = "EPSG:32648"
SIDE = 1000.0  # metres


def _square(col: int, row: int, *, width: int = 1):
    """A 1 km square (or ``width`` km wide) of a grid in UTM 48N near Lào Cai, in lon/lat."""
    x0, y0 = 400_000 + col * SIDE, 2_480_000 + row * SIDE
    return box(x0, y0, x0 + width * SIDE, y0 + SIDE)


@pytest.fixture
def old() -> gpd.GeoDataFrame:
    """Old units on a grid. E and F exist only as one cluster polygon (map_unit "cl"), as Sa Pa's do."""
    rows = [  # code, name, district, polygon, map_unit
        ("00001", "Xã A", "001", _square(0, 0), "00001"),
        ("00002", "Xã B", "001", _square(1, 0), "00002"),
        ("00003", "Xã C", "002", _square(2, 0), "00003"),
        ("00004", "Xã D", "002", _square(3, 0), "00004"),
        ("00005", "Phường E", "003", _square(0, 1, width=2), "cl"),
        ("00006", "Phường F", "003", _square(0, 1, width=2), "cl"),
        ("00007", "Xã G", "003", _square(2, 1), "00007"),
        ("00008", "Xã H", "003", _square(3, 1), "00008"),
        ("00009", "Xã I", "004", _square(4, 1), "00009"),
    ]
    frame = pd.DataFrame(rows, columns=["code", "name", "district_code", "geometry", "map_unit"])
    frame["district_name"] = "Huyện " + frame["district_code"]
    frame["shared_polygon"] = frame["map_unit"].eq("cl")
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=UTM).to_crs("EPSG:4326")


@pytest.fixture
def crosswalk() -> pd.DataFrame:
    """A+B → X whole; C (part) + D → Y; cluster E → Z, F → W, G → W; H has no successor; I is not listed."""
    rows = [("00001", "00010", "whole"), ("00002", "00010", "whole"), ("00003", "00020", "part"),
            ("00004", "00020", "whole"), ("00005", "00030", "whole"), ("00006", "00040", "whole"),
            ("00007", "00040", "whole"), ("00008", None, "none")]
    cw = pd.DataFrame(rows, columns=["old_code", "new_code", "relation"])
    cw["new_name"] = cw["new_code"].map({"00010": "Xã X", "00020": "Xã Y", "00030": "Phường Z", "00040": "Xã W"})
    return cw


def _km2(gdf: gpd.GeoDataFrame) -> pd.Series:
    return gdf.set_index("code").to_crs(UTM).area / 1e6


def test_dissolve_squares(old, crosswalk, caplog):
    before = old.copy()
    caplog.set_level("WARNING")
    new = derive_units(old, crosswalk)
    pd.testing.assert_frame_equal(pd.DataFrame(old), pd.DataFrame(before))  # inputs are not mutated
    assert new["code"].tolist() == ["00010", "00020", "00030", "00040"]
    assert new["name"].tolist() == ["X", "Y", "Z", "W"] and new["full_name"].tolist()[0] == "Xã X"
    area = _km2(new)
    assert area["00010"] == pytest.approx(2.0, rel=1e-6)  # A + B, whole: exact
    assert area["00020"] == pytest.approx(2.0, rel=1e-6)  # D + the whole of C
    # The cluster spans Z and W: they share one polygon, the cluster and G (3 km²).
    assert area["00030"] == area["00040"] == pytest.approx(3.0, rel=1e-6)
    flags = new.set_index("code")
    assert flags["approximate"].tolist() == [False, True, True, True]
    assert flags.loc["00020", "approximate_kind"] == Approximation.PART.value
    assert "Xã C (00003)" in flags.loc["00020", "approximate_reason"]
    assert flags.loc["00030", "approximate_kind"] == Approximation.SHARED.value
    assert "Xã W (00040)" in flags.loc["00030", "approximate_reason"] and "cl" in flags.loc["00030", "approximate_reason"]
    assert flags["map_unit"].tolist() == ["00010", "00020", "00030+00040", "00030+00040"]
    assert flags["shared_polygon"].tolist() == [False, False, True, True]
    assert flags["n_old_units"].tolist() == [2, 2, 1, 2]
    assert flags.loc["00040", "old_codes"] == "00006,00007" and flags.loc["00040", "old_names"] == "Phường F; Xã G"
    assert flags.loc["00020", "former_district_codes"] == "002"
    assert flags["area_km2"].tolist() == pytest.approx([2.0, 2.0, 3.0, 3.0], abs=0.01)
    assert (new["boundary_version"] == "2025-07").all()  # what a crosswalk leads to, unless version= says otherwise
    assert "boundary_version" not in derive_units(old, crosswalk, version=None).columns
    assert "00008" in caplog.text  # no successor: reported, in no unit
    # H (none) and I (not in the crosswalk) are in no new polygon.
    drawn = new.drop_duplicates("map_unit").union_all()
    assert not drawn.intersects(old.set_index("code").geometry["00008"].representative_point())
    assert not drawn.intersects(old.set_index("code").geometry["00009"].representative_point())


def test_cluster_inside_one_unit_is_exact(old, crosswalk):
    cw = crosswalk.copy()
    cw.loc[cw["old_code"].eq("00005"), ["new_code", "new_name"]] = ["00040", "Xã W"]  # E and F both into W
    new = derive_units(old, cw).set_index("code")
    assert list(new.index) == ["00010", "00020", "00040"]
    assert not new.loc["00040", "approximate"] and not new.loc["00040", "shared_polygon"]
    assert _km2(new.reset_index())["00040"] == pytest.approx(3.0, rel=1e-6)


def test_split_unit_shares_its_polygon(old, crosswalk):
    cw = pd.concat([crosswalk, pd.DataFrame({"old_code": ["00004"], "new_code": ["00010"], "relation": ["part"],
                                             "new_name": ["Xã X"]})], ignore_index=True)
    cw.loc[cw["old_code"].eq("00004"), "relation"] = "part"  # D split between X and Y
    new = derive_units(old, cw).set_index("code")
    assert new.loc["00010", "map_unit"] == new.loc["00020", "map_unit"] == "00010+00020"
    assert new.loc["00010", "approximate_kind"] == "shared"
    assert new.loc["00020", "approximate_kind"] == "part,shared"  # C went partly into Y, and Y shares D with X


def test_close_gaps_fills_slivers(crosswalk):
    # Two neighbours 20 m apart, merging into one unit: without closing a two-part unit, with it one polygon.
    gap = gpd.GeoDataFrame({"code": ["00001", "00002"]},
                           geometry=[_square(0, 0), shapely.affinity.translate(_square(1, 0), 20)], crs=UTM)
    cw = crosswalk[crosswalk["old_code"].isin(["00001", "00002"])]
    raw = derive_units(gap, cw)
    closed = derive_units(gap, cw, close_gaps=15)
    assert raw.geometry.iloc[0].geom_type == "MultiPolygon"
    assert closed.geometry.iloc[0].geom_type == "Polygon"
    assert closed.area.iloc[0] == pytest.approx(2 * SIDE**2 + 20 * SIDE, rel=1e-6)  # the 20 m gap filled, nothing else


def test_new_units_table_is_kept_and_checked(old, crosswalk):
    extra = pd.DataFrame({"code": ["00010", "00020", "00030", "00040"], "name": list("XYZW"),
                          "full_name": ["Xã X", "Xã Y", "Phường Z", "Xã W"], "unit_type": ["Xã", "Xã", "Phường", "Xã"]})
    new = derive_units(old, crosswalk, new_units=extra)
    assert new["unit_type"].tolist() == ["Xã", "Xã", "Phường", "Xã"]
    with pytest.raises(SchemaError, match="missing from new_units: '00040'"):
        derive_units(old, crosswalk, new_units=extra.iloc[:3])


def test_bad_inputs_are_reported_together(old, crosswalk):
    with pytest.raises(SchemaError, match="missing column"):
        derive_units(old, crosswalk.drop(columns="relation"))
    bad = crosswalk.copy()
    bad.loc[0, "relation"] = "some"
    bad.loc[1, "new_code"] = None
    with pytest.raises(SchemaError, match=r"unknown relation 'some'.*without a new_code, old codes '00002'"):
        derive_units(old, bad)
    with pytest.raises(SchemaError, match=r"not in the layer: '00001'"):
        derive_units(old[old["code"].ne("00001")], crosswalk)


# --- the bundled 2025-07 units: the acceptance figures --------------------------------------------------------


@pytest.fixture(scope="module")
def units():
    return bundled_units_2025()


def test_bundled_2025_units(units):
    assert len(units) == 99 and units["code"].is_unique and units.geometry.notna().all()
    assert units.geometry.is_valid.all() and set(units.geom_type) == {"Polygon"}
    assert units.crs.to_epsg() == 4326 and dxmap.io.boundaries.boundary_version(units) == "2025-07"
    assert units["district_code"].isna().all()  # no districts since 2025-07
    # The columns the geometry-less layer had are still there.
    for col in ("code", "name", "full_name", "unit_type", "province_code", "code_was", "name_changed", "n_old_units", "map_unit"):
        assert col in units.columns
    assert int(units["n_old_units"].sum()) == 320
    flagged = units[units["approximate"]]
    assert sorted(flagged.loc[flagged["approximate_kind"].str.contains("part"), "code"]) == \
        ["03004", "03085", "04423", "04462", "04474", "04489", "04603", "04693"]  # the crosswalk's 8 `part` units
    # Phường Sa Pa is made only of Sa Pa cluster units; it shares its approximate polygon with Tả Phìn and Tả Van.
    sapa = units.set_index("code").loc[["03006", "03013", "03037"]]
    assert sapa["shared_polygon"].all() and sapa["map_unit"].eq("03006+03013+03037").all()
    assert sapa["approximate_kind"].eq("shared").all()
    assert len(flagged) == 11 and units["map_unit"].nunique() == 97


def test_every_old_unit_lands_in_its_new_unit(units):
    old = bundled_old_communes()
    cw = bundled_crosswalk()
    assert len(old) == 320 and set(old["code"]) == set(cw["old_code"])
    assert cw["relation"].ne("none").all()
    drawn = units.drop_duplicates("map_unit")[["map_unit", "geometry"]]
    points = gpd.GeoDataFrame(old[["code"]], geometry=old.to_crs(UTM).representative_point().to_crs(old.crs))
    landed = gpd.sjoin(points, drawn, predicate="within").groupby("code")["map_unit"].agg(set)
    named = cw.set_index("old_code")["new_code"].map(units.set_index("code")["map_unit"])
    assert landed.index.tolist() == sorted(old["code"])  # each old unit in exactly one drawn polygon…
    assert (landed.map(lambda s: next(iter(s))) == named.reindex(landed.index)).all()  # …the one the crosswalk names
    assert landed.map(len).eq(1).all()


def test_area_is_kept(units):
    old = bundled_old_communes().drop_duplicates("map_unit").to_crs(UTM)
    new = units.drop_duplicates("map_unit").to_crs(UTM)
    change = new.union_all().area / old.union_all().area - 1
    assert abs(change) < 0.005  # measured: +0.12 % (gaps between old units of one new unit filled by the closing)
    assert new.area.sum() / old.area.sum() - 1 == pytest.approx(0, abs=0.005)


def test_bundled_file_is_what_derive_units_gives(units):
    """The shipped file is up to date: scripts/build_units_2025.py rebuilds it from the same code."""
    old, cw = bundled_old_communes(), bundled_crosswalk()
    fresh = derive_units(old, cw, close_gaps=90).set_index("code")
    shipped = units.set_index("code")
    for col in ("n_old_units", "old_codes", "former_district_codes", "approximate", "approximate_kind", "map_unit"):
        assert fresh[col].tolist() == shipped.loc[fresh.index, col].tolist(), col
    sym = fresh.geometry.to_crs(UTM).symmetric_difference(shipped.geometry.loc[fresh.index].to_crs(UTM), grid_size=0.5)
    assert (sym.area / fresh.to_crs(UTM).area).max() < 1e-3  # only the 1e-6° snapping differs


def test_a_layer_without_crs_is_refused(old, crosswalk):
    with pytest.raises(dxmap.errors.CRSError, match="no CRS"):
        derive_units(old.set_crs(None, allow_override=True), crosswalk)

"""The dask engine gives exactly what the single-machine path gives, on a local dask cluster."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

import dxmap
from dxmap.reconcile.partition import points_in_polygons
from dxmap.errors import EngineError

distributed = pytest.importorskip("distributed")
pytest.importorskip("dask_geopandas")


@pytest.fixture(scope="module")
def client():
    """A small in-process cluster: the dask engine runs on it as it would on a real one."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as c:
            yield c


@pytest.fixture(scope="module")
def layers() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """60 square cells, two overlapping extra polygons, 6,000 points (some outside, some on edges)."""
    rng = np.random.default_rng(7)
    cells = [shapely.box(x, y, x + 1, y + 1) for x in range(10) for y in range(6)]
    cells += [shapely.box(2.5, 2.5, 4.5, 3.5), shapely.box(7.2, 0.2, 7.8, 5.8)]
    polygons = gpd.GeoDataFrame({"code": [f"c{i:03d}" for i in range(len(cells))]}, geometry=cells, crs="EPSG:4326",
                                index=pd.Index(range(1000, 1000 + len(cells)), name="poly"))
    xy = rng.uniform(-0.5, 10.5, (6000, 2)) * [1, 0.6]
    xy[:200] = np.round(xy[:200])  # on cell corners and edges: "within" says no
    points = gpd.GeoDataFrame({"_i": np.arange(6000)}, geometry=gpd.points_from_xy(xy[:, 0], xy[:, 1]), crs="EPSG:4326",
                              index=pd.Index(rng.permutation(6000) * 3, name="rec"))
    return points, polygons


def test_pandas_engine_is_geopandas_sjoin(layers):
    points, polygons = layers
    got = points_in_polygons(points, polygons)
    ref = gpd.sjoin(points, polygons, predicate="within", how="inner")
    key = ["_i", "poly"]  # geopandas names the column after the polygons' index
    pd.testing.assert_frame_equal(got.sort_values(key).reset_index(), ref.sort_values(key).reset_index(), check_like=False)
    assert got["_i"].is_monotonic_increasing  # ordered by the points' order
    assert got["_i"].duplicated().sum() > 100  # the overlapping polygons give two rows per point
    assert len(got) < len(points) + 2000 and 0 < got["_i"].nunique() < len(points)


def test_dask_engine_equals_pandas_engine_on_a_local_cluster(client, layers):
    points, polygons = layers
    ref = points_in_polygons(points, polygons, engine="pandas")
    got = points_in_polygons(points, polygons, engine="dask", npartitions=4)
    pd.testing.assert_frame_equal(got, ref)
    assert len(client.scheduler_info()["workers"]) == 2


def test_dask_engine_with_one_partition_and_no_hits(client, layers):
    points, polygons = layers
    far = points.iloc[:50].set_geometry(points.geometry.iloc[:50].translate(100, 100))
    assert points_in_polygons(far, polygons, engine="dask").empty
    pd.testing.assert_frame_equal(points_in_polygons(points.iloc[:500], polygons, engine="dask"),
                                  points_in_polygons(points.iloc[:500], polygons))


def test_unknown_engine_is_an_error(layers):
    with pytest.raises(EngineError, match="pandas, dask"):
        points_in_polygons(*layers, engine="spark")


def located_records(demo) -> pd.DataFrame:
    """Demo records for which only a position is known: found by location, against communes and village polygons."""
    rec = demo.records.copy()
    areas = demo.village_areas.set_index("village_id")
    village = rec["level"].eq("village") & rec["village_id"].isin(areas.index)
    commune = rec["level"].eq("commune")
    pick = (village.cumsum().le(800) & village) | (commune.cumsum().le(100) & commune)
    inner = pd.concat([areas.geometry.representative_point(),
                       demo.communes.set_index("code").geometry.representative_point()])
    inner = inner[~inner.index.duplicated()]
    where = rec["village_id"].where(village, rec["commune_code"])[pick]
    rec.loc[pick, "lon"] = inner.reindex(where).x.to_numpy()
    rec.loc[pick, "lat"] = inner.reindex(where).y.to_numpy()
    rec.loc[pick, ["commune_code", "commune_name", "district_name", "village_id", "village_name"]] = pd.NA
    return rec[pick]


def test_reconcile_dask_engine_matches_pandas_engine(client, demo):
    records = located_records(demo)
    single = dxmap.reconcile(records, demo.communes, demo.village_areas)
    spread = dxmap.reconcile(records, demo.communes, demo.village_areas, engine="dask")
    pd.testing.assert_frame_equal(spread, single)
    by_location = single["method"].eq("location").sum()
    assert by_location >= 800  # the join did the work, not the codes
    assert single["outcome"].eq("matched").sum() + single["outcome"].eq("ambiguous").sum() >= 880


def test_cli_engine_option_gives_the_same_report(demo, tmp_path):
    from click.testing import CliRunner

    from dxmap.cli import main

    inner = demo.communes.drop_duplicates("map_unit").geometry.representative_point().iloc[:30]
    path = tmp_path / "located.csv"
    pd.DataFrame({"technology": "lan", "status": "none", "as_of": "2024-06-30",
                  "lon": inner.x.round(6), "lat": inner.y.round(6)}).to_csv(path, index=False)
    reports = {}
    for engine in ("pandas", "dask"):
        out = tmp_path / f"report-{engine}.csv"
        result = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(path), "--engine", engine, "--report", str(out),
                                           "--unmatched", str(tmp_path / "unmatched.csv"), "-q"])
        assert result.exit_code == 0, result.output
        reports[engine] = out.read_text(encoding="utf-8")
    assert reports["dask"] == reports["pandas"]
    assert reports["pandas"].count(",location,") == 30


def test_engine_dask_without_its_extra_is_refused_up_front_in_the_commands_words(monkeypatch):
    """QA60 9: `summary --demo --engine dask` ran (the option silently unused); with records to place, the refusal came
    after reading, in English and in Python's words."""
    import sys

    from click.testing import CliRunner

    from dxmap.cli import main

    monkeypatch.setitem(sys.modules, "dask_geopandas", None)  # as if not installed: importing it fails
    result = CliRunner().invoke(main, ["summary", "--demo", "--engine", "dask"])
    assert result.exit_code == 1
    assert ("lỗi: --engine dask cần dask-geopandas và distributed, chưa được cài. Hãy cài bằng: pip install "
            "'dxmap[dask]' (hoặc dùng --engine pandas).") in result.output

"""analyse / load_dataset: the whole pipeline through the public API."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import shapely

import dxmap
from dxmap.errors import UnmatchedRecordsError


def test_load_dataset_several_files_and_strictness(data_dir):
    data = dxmap.load_dataset([data_dir / "records.csv", data_dir / "records.xlsx"], communes=data_dir / "communes.geojson",
                              districts=data_dir / "districts.geojson", villages=data_dir / "villages.geojson")
    assert len(data.report) == 18
    assert set(data.report["file"]) == {"records.csv", "records.xlsx"}
    # the second file repeats the first: its rows are duplicates, and the orphan row is unmatched twice
    assert dxmap.outcome_counts(data.report)["duplicate"] == 8
    with pytest.raises(UnmatchedRecordsError, match=r"10 of 18 records did not match.*--allow-unmatched"):
        dxmap.analyse(data)
    result = dxmap.analyse(data, strict=False, district="tay son")
    assert result.district == ("002", "Tây Sơn")
    assert result.summary["units"] == {"communes": 2, "villages": 4}
    assert result.summary["gaps"]["lan"]["count"] == 1


def test_analyse_keeps_the_date_when_filtering(demo):
    result = dxmap.analyse(demo, as_of="2024-03-31", district="082")
    assert result.status.attrs["as_of"] == "2024-03-31"
    assert result.summary["as_of"] == "2024-03-31"
    assert set(result.status["district_code"]) == {"082"}


def test_demo_dataset_shapes(demo):
    assert len(demo.communes) == 152 and len(demo.districts) == 9
    assert len(demo.villages) == len(demo.village_areas) == 1554
    assert set(demo.village_areas.geom_type) <= {"Polygon", "MultiPolygon"}
    assert set(demo.villages.geom_type) == {"Point"}
    assert len(demo.report) == len(demo.records)


def test_files_are_read_in_threads_and_the_first_files_error_wins(tmp_path):
    import threading
    import time

    from dxmap.pipeline import _in_threads

    def slow_failure():
        time.sleep(0.2)
        raise ValueError("first job")

    def fast_failure():
        raise KeyError("second job")

    with pytest.raises(ValueError, match="first job"):  # as a sequential read would: the first file's error
        _in_threads([slow_failure, fast_failure])
    names = _in_threads([lambda: threading.current_thread().name] * 2)
    assert all(n.startswith("dxmap-read") for n in names)
    assert _in_threads([lambda: 1, lambda: 2, lambda: 3]) == [1, 2, 3]
    # Both files missing: the communes file is named, whichever thread failed first.
    with pytest.raises(dxmap.DxmapError, match="missing-communes"):
        dxmap.load_dataset([tmp_path / "missing-records.csv"], communes=tmp_path / "missing-communes.gpkg")


def test_load_dataset_can_simplify_the_outlines_before_reading_records(data_dir, tmp_path):
    files = dict(communes=data_dir / "communes.geojson", districts=data_dir / "districts.geojson",
                 villages=data_dir / "villages.geojson")
    full = dxmap.load_dataset([data_dir / "records.csv"], **files)
    auto = dxmap.load_dataset([data_dir / "records.csv"], **files, simplify=None)  # a few vertices: left as they are
    assert float(auto.communes.attrs.get("simplify_tolerance_m") or 0) == 0
    assert auto.communes.geom_equals_exact(full.communes, tolerance=0).all()
    # Real outlines with thousands of vertices (the Lào Cai districts, used as units), simplified at 500 m.
    laocai = Path(dxmap.__file__).parent.parent / "data" / "boundaries" / "laocai_districts_2024_derived.geojson"
    layer = dxmap.read_boundaries(laocai)[["code", "name", "geometry"]]
    layer = layer.assign(district_code=layer["code"], district_name=layer["name"])
    layer.to_file(tmp_path / "units.gpkg", engine="pyogrio")
    pd.DataFrame({"level": "commune", "commune_code": layer["code"], "technology": "lan", "status": "none",
                  "as_of": "2024-06-30"}).to_csv(tmp_path / "records.csv", index=False)
    plain = dxmap.load_dataset([tmp_path / "records.csv"], communes=tmp_path / "units.gpkg")
    simple = dxmap.load_dataset([tmp_path / "records.csv"], communes=tmp_path / "units.gpkg", simplify=500.0)
    assert simple.communes.attrs["simplify_tolerance_m"] == 500.0
    n = lambda gdf: int(shapely.get_num_coordinates(gdf.geometry.values).sum())  # noqa: E731
    assert n(simple.communes) < n(plain.communes) / 2
    # The records were placed with the full-resolution layer: the same report either way.
    pd.testing.assert_frame_equal(simple.report, plain.report)
    # A map of outlines simplified beforehand draws them as they are.
    again, _, tol = dxmap.outlines_to_draw(simple.communes, simple.districts)
    assert tol == 500.0 and again is simple.communes


def test_other_threads_read_and_simplify_the_districts_while_the_communes_are_simplified(data_dir, monkeypatch):
    import threading

    import dxmap.pipeline as pipeline

    files = dict(communes=data_dir / "communes.geojson", districts=data_dir / "districts.geojson",
                 villages=data_dir / "villages.geojson")
    seen: dict[str, str] = {}
    read, draw = pipeline.read_records, pipeline.outlines_to_draw

    def reading(*args, **kw):
        seen["records"] = threading.current_thread().name
        return read(*args, **kw)

    def drawing(*args, **kw):
        seen["outlines"] = threading.current_thread().name
        return draw(*args, **kw)

    villages = pipeline.as_villages

    def standardising(*args, **kw):
        seen["villages"] = threading.current_thread().name
        return villages(*args, **kw)

    districts = pipeline.districts_to_draw

    def simplifying(*args, **kw):
        seen["districts"] = threading.current_thread().name
        return districts(*args, **kw)

    monkeypatch.setattr(pipeline, "read_records", reading)
    monkeypatch.setattr(pipeline, "outlines_to_draw", drawing)
    monkeypatch.setattr(pipeline, "as_villages", standardising)
    monkeypatch.setattr(pipeline, "districts_to_draw", simplifying)
    data = dxmap.load_dataset([data_dir / "records.csv"], **files, simplify=True)
    assert seen["outlines"] == threading.main_thread().name  # the communes' outlines; the rest in other threads
    assert all(seen[k].startswith("dxmap-read") for k in ("records", "villages", "districts"))
    assert data.districts.attrs["simplify_tolerance_m"] == data.communes.attrs["simplify_tolerance_m"] > 0
    plain = dxmap.load_dataset([data_dir / "records.csv"], **files)
    pd.testing.assert_frame_equal(data.report, plain.report)
    assert len(data.report) == 9

    # Errors come as a sequential run would raise them: the outlines' first, then the records'.
    with pytest.raises(dxmap.DxmapError, match="missing-records"):
        dxmap.load_dataset([data_dir / "missing-records.csv"], **files, simplify=True)

    def failing(*args, **kw):
        raise dxmap.DxmapError("outlines failed")

    monkeypatch.setattr(pipeline, "outlines_to_draw", failing)
    with pytest.raises(dxmap.DxmapError, match="outlines failed"):
        dxmap.load_dataset([data_dir / "missing-records.csv"], **files, simplify=True)


def test_the_command_tunes_the_allocators(monkeypatch):
    import pyarrow as pa

    import dxmap._memory as memory

    calls = []

    class Libc:  # records mallopt instead of changing this test process's allocator
        def __init__(self, name):
            pass

        def mallopt(self, param, value):
            calls.append((param, value))

        def malloc_trim(self, pad):
            return 0

    monkeypatch.setattr(memory.ctypes, "CDLL", Libc)
    before = pa.default_memory_pool()
    try:
        monkeypatch.setenv("ARROW_DEFAULT_MEMORY_POOL", "mimalloc")  # the user's choices stay
        monkeypatch.setenv("MALLOC_MMAP_THRESHOLD_", "131072")
        monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
        assert memory.tune_allocators() is False and pa.default_memory_pool().backend_name == before.backend_name
        assert calls == []
        monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL")
        monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_")
        monkeypatch.delenv("MALLOC_ARENA_MAX")
        assert memory.tune_allocators() is True and pa.default_memory_pool().backend_name == "system"
        assert calls == [(-3, 16 << 20), (-8, 2)]  # M_MMAP_THRESHOLD 16 MB, M_ARENA_MAX 2
        pa.set_memory_pool(before)
        from click.testing import CliRunner

        from dxmap.cli import main
        assert CliRunner().invoke(main, ["summary", "--demo", "-q"]).exit_code == 0
        assert pa.default_memory_pool().backend_name == "system" and len(calls) == 4
    finally:
        pa.set_memory_pool(before)


def test_a_large_records_file_hands_back_what_parsing_freed(data_dir, monkeypatch):
    import dxmap.records as records

    released = []
    monkeypatch.setattr(records, "release_memory", lambda: released.append(1))
    dxmap.read_records(data_dir / "records.csv")
    assert released == []  # a small file: nothing worth a malloc_trim
    monkeypatch.setattr(records, "_RELEASE_ABOVE", 0)
    dxmap.read_records(data_dir / "records.csv")
    assert released == [1]


def test_the_command_collects_garbage_between_steps_only(monkeypatch):
    import gc

    from click.testing import CliRunner

    import dxmap.cli as cli

    seen = []
    analyse = cli.analyse

    def watching(*args, **kw):
        seen.append((gc.isenabled(), gc.get_freeze_count() > 0))
        return analyse(*args, **kw)

    monkeypatch.setattr(cli, "analyse", watching)
    assert gc.isenabled()
    assert CliRunner().invoke(cli.main, ["summary", "--demo", "-q"]).exit_code == 0
    assert seen == [(False, True)]  # automatic collection off, the imports frozen, during the command
    assert gc.isenabled() and gc.get_freeze_count() == 0  # and as they were afterwards
    assert CliRunner().invoke(cli.main, ["summary", "--records", "missing.csv", "-q"]).exit_code == 1
    assert gc.isenabled() and gc.get_freeze_count() == 0  # after an error too

"""analyse / load_dataset: the whole pipeline through the public API."""

from __future__ import annotations

import pytest

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

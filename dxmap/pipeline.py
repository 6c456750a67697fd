"""The whole pipeline in one call: read → validate → reconcile → gaps, for the CLI and notebooks.

Each step is also a public function of its own (:func:`read_records`, :func:`reconcile`,
:func:`unit_status`…); this module only strings them together.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from dxmap._files import data_dir
from dxmap._memory import release_memory
from dxmap.boundaries import as_communes, as_districts, as_villages, load_communes, load_districts, read_boundaries
from dxmap.districts import in_district, resolve_district
from dxmap.errors import DuplicateRecordError, UnmatchedRecordsError, preview
from dxmap.gaps import summary_dict, unit_status
from dxmap.maps import districts_to_draw, outline_tolerance, outlines_to_draw
from dxmap.partition import Engine
from dxmap.reconcile import Outcome, outcome_counts, reconcile
from dxmap.records import read_records

__all__ = ["Dataset", "Analysis", "load_demo", "load_dataset", "analyse", "require_all_matched"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Dataset:
    """Boundary layers and status records, as read (nothing joined yet except in ``report``)."""

    communes: gpd.GeoDataFrame
    records: pd.DataFrame
    districts: gpd.GeoDataFrame | None = None
    villages: gpd.GeoDataFrame | None = None
    village_areas: gpd.GeoDataFrame | None = None
    report: pd.DataFrame | None = None
    illustrative: bool = False


@dataclass(frozen=True)
class Analysis:
    """The result of :func:`analyse`: per-record report, per-unit status, and the summary."""

    report: pd.DataFrame
    status: gpd.GeoDataFrame
    district: tuple[str, str] | None = None
    communes: gpd.GeoDataFrame = field(repr=False, default=None)  # type: ignore[assignment]
    districts: gpd.GeoDataFrame | None = field(repr=False, default=None)
    illustrative: bool = False

    @functools.cached_property
    def summary(self) -> dict:
        """Counts per technology and status, outcomes of the records (see :func:`summary_dict`),
        computed when first asked for: a map does not need them."""
        summary = summary_dict(self.status, district=self.district[1] if self.district else None,
                               illustrative=self.illustrative, record_counts=outcome_counts(self.report))
        if self.district:
            summary["district_code"] = self.district[0]
        return summary


def load_demo() -> Dataset:
    """The bundled Lào Cai demo: real mid-2024 boundaries, ILLUSTRATIVE villages and status records.

    Returns a :class:`Dataset` whose ``communes`` (152), ``districts`` (9), ``villages`` (points),
    ``village_areas`` (polygons) and ``records`` are plain (Geo)DataFrames, and whose ``report`` is
    the reconciliation of the records against them. The villages and records are made up by
    ``scripts/make_sample_data.py`` (see ``data/sample/README.md``). All layers are in EPSG:4326;
    the villages (1,554) carry an illustrative ``population`` column and the records number 6,497.
    """
    sample = data_dir() / "sample"
    communes = load_communes()
    villages = as_villages(read_boundaries(sample / "villages.geojson"))
    areas = as_villages(read_boundaries(sample / "village_areas.geojson"))
    records = read_records(sample / "status_records.csv")
    report = reconcile(records, communes, villages)
    return Dataset(communes=communes, districts=load_districts(), villages=villages, village_areas=areas,
                   records=records, report=report, illustrative=True)


def load_dataset(
    records: Sequence[str | os.PathLike[str]],
    *,
    communes: str | os.PathLike[str] | None = None,
    districts: str | os.PathLike[str] | None = None,
    villages: str | os.PathLike[str] | None = None,
    crs: str | None = None,
    layer: str | None = None,
    sheet: str | None = None,
    columns: dict[str, str] | None = None,
    as_of: str | None = None,
    encoding: str | None = None,
    engine: Engine = "pandas",
    simplify: bool | float | None = False,
) -> Dataset:
    """Read boundary files and one or more status files and reconcile them.

    The files are read in parallel threads (one per file, at most one per CPU). Without
    ``communes``, the bundled Lào Cai 2024 communes (and districts) are used.
    ``engine="dask"`` places records by lon/lat on dask-geopandas partitions (see :func:`reconcile`).

    ``simplify`` (default False: keep every vertex) prepares the outlines for a map, as
    :func:`gap_map`'s ``simplify`` would (None: only above ``maps.SIMPLIFY_ABOVE`` vertices; True;
    metres): the boundary layers are read first; then the communes' outlines are simplified while
    another thread simplifies the districts' (at the same tolerance) and reads the records, and the
    returned ``communes`` and ``districts`` are the simplified ones. The full-resolution districts
    are let go once simplified, the full-resolution communes once they have placed the records.
    """
    def layer_job(path: str | os.PathLike[str] | None, standardise: Callable[..., gpd.GeoDataFrame],
                  **kw: Any) -> Callable[[], gpd.GeoDataFrame | None]:
        if path is None:
            return lambda: None
        return lambda: standardise(read_boundaries(path, crs=crs, encoding=encoding, **kw))

    if communes is None:  # the bundled layers, unless districts are given
        commune_job, district_job = load_communes, load_districts if districts is None else layer_job(districts, as_districts)
    else:
        commune_job, district_job = layer_job(communes, as_communes, layer=layer), layer_job(districts, as_districts)
    record_jobs = [functools.partial(read_records, p, sheet=sheet, columns=columns, as_of=as_of, encoding=encoding)
                   for p in records]
    village_job = layer_job(villages, as_villages)
    drawn = None
    if simplify is False:  # everything at once, the largest files first, so that two threads finish together
        commune_gdf, *frames, district_gdf, village_gdf = _in_threads([commune_job, *record_jobs, district_job, village_job])
    else:  # the outlines first: the communes' simplified here while another thread does the rest
        commune_gdf, (district_gdf, village_gdf) = _in_threads([commune_job, lambda: (district_job(), village_job())])
        release_memory()  # what reading freed (WKB, Arrow batches) goes back before simplifying takes working memory
        tolerance = outline_tolerance(commune_gdf, simplify)
        full_districts = [district_gdf]  # handed to the other thread, which lets them go once simplified
        del district_gdf

        def the_rest() -> tuple[gpd.GeoDataFrame | None, list[pd.DataFrame]]:
            # The districts at the communes' tolerance (outlines_to_draw then keeps them as they are),
            # then the records; what parsing freed goes back at once.
            districts = districts_to_draw(full_districts.pop(), commune_gdf, tolerance)
            frames = _in_threads(record_jobs)
            release_memory()
            return districts, frames

        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="dxmap-read") as pool:
            rest = pool.submit(the_rest)
            decided = True if simplify is None and tolerance is not None else simplify  # not counted again
            drawn, _, _ = outlines_to_draw(commune_gdf, None, decided)
            district_gdf, frames = rest.result()  # an error simplifying the communes is raised first
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    del frames
    release_memory()  # what parsing freed goes back first: reconcile then reuses it instead of growing the peak
    report = reconcile(table, commune_gdf, village_gdf, engine=engine)
    if drawn is not None:
        commune_gdf = drawn  # the full-resolution communes have placed the records: let them go
    release_memory()
    return Dataset(communes=commune_gdf, districts=district_gdf, villages=village_gdf, records=table, report=report)


def _in_threads(jobs: list[Callable[[], Any]]) -> list[Any]:
    """The jobs' results, computed in parallel threads; an error is raised as a sequential run would raise it.

    Reading is mostly work that releases the GIL (GDAL, Arrow's CSV reader and compute kernels,
    most of shapely), so on two cores the four national files (10,600 communes, 106,000 villages,
    222,600 records) are read in ~0.6 s instead of ~1.0 s. When several jobs fail, the error of the
    first in ``jobs`` is raised; jobs not yet started are cancelled.
    """
    if len(jobs) < 2:
        return [job() for job in jobs]
    with ThreadPoolExecutor(max_workers=min(len(jobs), os.cpu_count() or 1), thread_name_prefix="dxmap-read") as pool:
        futures = [pool.submit(job) for job in jobs]
        try:
            return [f.result() for f in futures]
        except BaseException:
            for f in futures:
                f.cancel()
            raise


def require_all_matched(report: pd.DataFrame) -> None:
    """Raise when a record was not matched (ignored records are fine: they are reported, not lost)."""
    bad = report[~report["outcome"].isin([Outcome.MATCHED.value, Outcome.IGNORED.value])]
    if bad.empty:
        return
    where = [f"{r.file} row {r.row}: {r.outcome}, {r.reason}" for r in bad.itertuples()]
    dup = bad["outcome"].eq(Outcome.DUPLICATE.value)
    cls = DuplicateRecordError if dup.all() else UnmatchedRecordsError
    counts = ", ".join(f"{k} {v}" for k, v in outcome_counts(bad).items() if v)
    raise cls(
        f"{len(bad)} of {len(report)} records did not match ({counts}): {preview(where, 3)}. "
        "Fix them (run `dxmap check` for the full list with reasons), or pass --allow-unmatched to map the rest."
    )


def analyse(
    data: Dataset,
    *,
    as_of: str | None = None,
    district: str | None = None,
    strict: bool = True,
) -> Analysis:
    """Reconcile (if not yet done), compute every unit's status at ``as_of``, filter to ``district``.

    Parameters
    ----------
    data
        From :func:`load_demo` or :func:`load_dataset`.
    as_of
        Date of the picture (YYYY-MM-DD); default the newest matched record.
    district
        District name or code (diacritics optional); restricts status and summary to it.
    strict
        Raise :class:`UnmatchedRecordsError` / :class:`DuplicateRecordError` when a record did not match.
    """
    report = data.report if data.report is not None else reconcile(data.records, data.communes, data.villages)
    if strict:
        require_all_matched(report)
    status = unit_status(report, data.communes, data.villages, as_of=as_of)
    chosen = resolve_district(district, data.communes) if district else None
    if chosen:
        attrs = dict(status.attrs)
        status = in_district(status, chosen[0])
        status.attrs.update(attrs)
        log.info("district %s (%s): %d units", chosen[1], chosen[0], status.drop_duplicates(["level", "unit_id"]).shape[0])
    return Analysis(report=report, status=status, district=chosen, communes=data.communes, districts=data.districts,
                    illustrative=data.illustrative)

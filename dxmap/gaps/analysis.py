"""One picture of the gaps: reconcile (if not done), every unit's status at a date, one district."""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from dxmap.errors import DuplicateRecordError, UnmatchedRecordsError, preview
from dxmap.gaps.status import summary_dict, unit_status
from dxmap.io.dataset import Dataset
from dxmap.reconcile.districts import in_district, resolve_district
from dxmap.reconcile.match import Outcome, outcome_counts, reconcile

__all__ = ["Analysis", "analyse", "require_all_matched"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Analysis:
    """The result of :func:`analyse`: per-record report, per-unit status, and the summary."""

    outcomes: pd.DataFrame
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
                               illustrative=self.illustrative, record_counts=outcome_counts(self.outcomes))
        if self.district:
            summary["district_code"] = self.district[0]
        return summary


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
        From :func:`demo_dataset` or :func:`read_dataset`.
    as_of
        Date of the picture (YYYY-MM-DD); default the newest matched record.
    district
        District name or code (diacritics optional); restricts status and summary to it.
    strict
        Raise :class:`UnmatchedRecordsError` / :class:`DuplicateRecordError` when a record did not match.
    """
    report = data.outcomes if data.outcomes is not None else reconcile(data.records, data.communes, data.villages)
    if strict:
        require_all_matched(report)
    status = unit_status(report, data.communes, data.villages, as_of=as_of)
    chosen = resolve_district(district, data.communes) if district else None
    if chosen:
        attrs = dict(status.attrs)
        status = in_district(status, chosen[0])
        status.attrs.update(attrs)
        log.info("district %s (%s): %d units", chosen[1], chosen[0], status.drop_duplicates(["level", "unit_id"]).shape[0])
    return Analysis(outcomes=report, status=status, district=chosen, communes=data.communes, districts=data.districts,
                    illustrative=data.illustrative)

"""dxmap: where mobile broadband, fibre and a standard LAN are still missing.

The pipeline is read → validate → reconcile → gaps → render, one subpackage per stage
(:mod:`dxmap.io`, :mod:`dxmap.validate`, :mod:`dxmap.reconcile`, :mod:`dxmap.gaps`,
:mod:`dxmap.render`). The names below are the public API; every step is a plain function on
(Geo)DataFrames. Helpers for special needs (legacy encodings, the datum check, the crosswalk
tables, the change between snapshots as tables) stay in their modules and are documented there.
"""

from dxmap.errors import DxmapError
from dxmap.gaps.analysis import analyse
from dxmap.gaps.change import compare
from dxmap.gaps.queries import gap_change, gaps_near, metric_crs, nearest_covered, rank_communes, units_lacking
from dxmap.gaps.status import gap_units, summarise, unit_status
from dxmap.io.boundaries import as_communes, as_districts, as_villages, read_boundaries
from dxmap.io.bundled import bundled_communes, bundled_districts
from dxmap.io.dataset import Dataset
from dxmap.io.records import as_records, read_records
from dxmap.pipeline import demo_dataset, read_dataset
from dxmap.reconcile.match import reconcile
from dxmap.reconcile.outcomes import write_outcomes
from dxmap.render.report import build_report, write_report
from dxmap.render.webmap import gap_map, save_map
from dxmap.validate.vocab import Status, Technology

__version__ = "0.2.0"

__all__ = [
    # read: user files (read_*), the bundled data (bundled_*, demo_dataset), tables in memory standardised (as_*)
    "read_boundaries", "read_records", "read_dataset", "demo_dataset", "Dataset",
    "bundled_communes", "bundled_districts",
    "as_communes", "as_districts", "as_villages", "as_records",
    # reconcile
    "reconcile", "write_outcomes",
    # gaps
    "unit_status", "gap_units", "summarise", "analyse", "compare",
    # spatial queries
    "units_lacking", "nearest_covered", "gaps_near", "gap_change", "rank_communes", "metric_crs",
    # render
    "gap_map", "save_map", "build_report", "write_report",
    # vocabulary and errors (the error classes are in dxmap.errors)
    "Technology", "Status", "DxmapError",
]

"""dxmap: where mobile broadband, fibre and a standard LAN are still missing.

The pipeline is read → validate → reconcile → gaps → render, one subpackage per stage
(:mod:`dxmap.io`, :mod:`dxmap.validate`, :mod:`dxmap.reconcile`, :mod:`dxmap.gaps`,
:mod:`dxmap.render`). The names below are the public API; every step is a plain function on
(Geo)DataFrames. Helpers for special needs (legacy encodings, the datum check, the crosswalk
tables, the change between snapshots as tables) stay in their modules and are documented there.
"""

from dxmap.errors import DxmapError
from dxmap.gaps.analysis import Analysis, analyse
from dxmap.gaps.change import Comparison, compare
from dxmap.gaps.queries import gap_change, gaps_near, metric_crs, nearest_covered, rank_communes, units_lacking
from dxmap.gaps.status import gaps, summarise, unit_status
from dxmap.io.boundaries import as_communes, as_districts, as_villages, read_boundaries
from dxmap.io.bundled import bundled_communes, bundled_crosswalk, bundled_districts, bundled_units_2025
from dxmap.io.dataset import Dataset
from dxmap.io.records import read_records
from dxmap.pipeline import demo_dataset, read_dataset
from dxmap.reconcile.derive import derive_units
from dxmap.reconcile.match import Outcome, reconcile
from dxmap.reconcile.outcomes import write_outcomes
from dxmap.render.report import Report, build_report, write_report
from dxmap.render.tables import summary_table
from dxmap.render.webmap import gap_map, save_map
from dxmap.validate.vocab import Level, Status, Technology

__version__ = "0.2.0"

__all__ = [
    # read: user files (read_*), the bundled data (bundled_*, demo_dataset), layers standardised (as_*)
    "read_boundaries", "read_records", "read_dataset", "demo_dataset", "Dataset",
    "bundled_communes", "bundled_districts", "bundled_crosswalk", "bundled_units_2025",
    "as_communes", "as_districts", "as_villages",
    # reconcile
    "reconcile", "Outcome", "write_outcomes", "derive_units",
    # gaps
    "unit_status", "gaps", "summarise", "analyse", "Analysis", "compare", "Comparison",
    # spatial queries
    "units_lacking", "nearest_covered", "gaps_near", "gap_change", "rank_communes", "metric_crs",
    # render
    "gap_map", "save_map", "summary_table", "build_report", "write_report", "Report",
    # vocabulary and errors (the error classes are in dxmap.errors)
    "Technology", "Status", "Level", "DxmapError",
]

"""dxmap: where mobile broadband, fibre and a standard LAN are still missing.

The pipeline is read → validate → reconcile → gaps → render; every step is a plain function on
(Geo)DataFrames, listed in ``__all__``.
"""

from dxmap.boundaries import as_communes, as_districts, as_villages, load_communes, load_districts, read_boundaries
from dxmap.codes import normalise_code
from dxmap.districts import in_district, resolve_district
from dxmap.errors import (
    CRSError,
    DuplicateRecordError,
    DxmapError,
    InputFileError,
    SchemaError,
    StatusValueError,
    UnknownUnitError,
    UnmatchedRecordsError,
    UnsupportedFormatError,
)
from dxmap.gaps import gaps, latest_date, summarise, summary_dict, unit_status
from dxmap.maps import gap_map, map_html, new_map, save_map
from dxmap.pipeline import Analysis, Dataset, analyse, load_dataset, load_demo, require_all_matched
from dxmap.reconcile import Outcome, outcome_counts, reconcile
from dxmap.records import RECORD_COLUMNS, read_records, standardise_records
from dxmap.tables import format_summary, summary_table, write_report_csv, write_summary_csv, write_summary_json
from dxmap.text import fold, name_key, nfc
from dxmap.vocab import Level, Status, Technology

__version__ = "0.1.0"

__all__ = [
    # read
    "read_boundaries", "as_communes", "as_districts", "as_villages", "load_communes", "load_districts",
    "read_records", "standardise_records", "RECORD_COLUMNS", "load_demo", "load_dataset", "Dataset",
    # validate / text
    "normalise_code", "nfc", "fold", "name_key", "Technology", "Status", "Level",
    # reconcile
    "reconcile", "Outcome", "outcome_counts", "require_all_matched",
    # gaps
    "unit_status", "gaps", "summarise", "summary_dict", "latest_date", "analyse", "Analysis",
    "resolve_district", "in_district",
    # render
    "gap_map", "new_map", "save_map", "map_html", "summary_table", "format_summary",
    "write_summary_csv", "write_summary_json", "write_report_csv",
    # errors
    "DxmapError", "InputFileError", "UnsupportedFormatError", "CRSError", "SchemaError", "StatusValueError",
    "DuplicateRecordError", "UnknownUnitError", "UnmatchedRecordsError",
]

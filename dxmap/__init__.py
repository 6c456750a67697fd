"""dxmap: where mobile broadband, fibre and a standard LAN are still missing.

The pipeline is read → validate → reconcile → gaps → render; every step is a plain function on
(Geo)DataFrames, listed in ``__all__``.
"""

from dxmap.boundaries import as_communes, as_districts, as_villages, load_communes, load_districts, read_boundaries
from dxmap.check import report_table, write_check_report
from dxmap.codes import normalise_code
from dxmap.compare import (
    Change,
    Comparison,
    change_layer,
    change_status,
    change_summary,
    change_table,
    compare_snapshots,
    previous_snapshot,
    snapshot_dates,
)
from dxmap.crs import DatumProblem, check_datum, vn2000_equivalent
from dxmap.districts import in_district, resolve_district
from dxmap.encodings import decode_bytes, detect_encoding, encode_text, repair_frame, repair_text
from dxmap.errors import (
    CRSError,
    DuplicateRecordError,
    DxmapError,
    EngineError,
    InputFileError,
    SchemaError,
    SnapshotDateError,
    StatusValueError,
    UnknownUnitError,
    UnmatchedRecordsError,
    UnsupportedFormatError,
    VersionMismatchError,
)
from dxmap.gaps import gaps, latest_date, summarise, summary_dict, unit_status
from dxmap.maps import districts_to_draw, gap_map, map_html, new_map, outline_tolerance, outlines_to_draw, save_map
from dxmap.pipeline import Analysis, Dataset, analyse, load_dataset, load_demo, require_all_matched
from dxmap.queries import gap_change, gaps_near, metric_crs, nearest_covered, rank_communes, units_lacking
from dxmap.reconcile import Outcome, outcome_counts, reconcile
from dxmap.records import RECORD_COLUMNS, read_records, sheet_names, standardise_records
from dxmap.report import Report, build_report, report_html, report_pdf, report_tables, static_map, write_report
from dxmap.partition import points_in_polygons
from dxmap.simplify import cache_dir, fit_zoom, layer_tolerance, simplify_coverage, visible_tolerance
from dxmap.tables import format_summary, summary_table, write_report_csv, write_summary_csv, write_summary_json
from dxmap.text import (
    fold,
    name_key,
    name_key_series,
    nfc,
    nfc_series,
    spelling_key,
    spelling_key_series,
    strip_prefix,
)
from dxmap.versions import (
    BOUNDARY_VERSIONS,
    boundary_version,
    crosswalk_codes,
    crosswalk_summary,
    load_crosswalk,
    load_units_2025,
    set_boundary_version,
)
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
    # spatial queries
    "units_lacking", "nearest_covered", "gaps_near", "gap_change", "rank_communes", "metric_crs",
    # national scale
    "simplify_coverage", "layer_tolerance", "visible_tolerance", "fit_zoom", "cache_dir", "points_in_polygons",
    # render
    "gap_map", "new_map", "save_map", "map_html", "outlines_to_draw", "outline_tolerance", "districts_to_draw", "summary_table", "format_summary",
    "write_summary_csv", "write_summary_json", "write_report_csv",
    # change between snapshots, printable report
    "compare_snapshots", "Comparison", "Change", "change_status", "change_summary", "change_table", "change_layer",
    "snapshot_dates", "previous_snapshot",
    "build_report", "Report", "report_tables", "static_map", "report_html", "report_pdf", "write_report",
    # errors
    "DxmapError", "InputFileError", "UnsupportedFormatError", "CRSError", "SchemaError", "StatusValueError",
    "DuplicateRecordError", "UnknownUnitError", "UnmatchedRecordsError", "SnapshotDateError",
    "VersionMismatchError", "EngineError",
    # messy real-world inputs: legacy encodings, datum check, boundary versions, check report
    "decode_bytes", "encode_text", "detect_encoding", "repair_text", "repair_frame", "sheet_names",
    "spelling_key", "strip_prefix", "check_datum", "DatumProblem", "vn2000_equivalent",
    "BOUNDARY_VERSIONS", "boundary_version", "set_boundary_version", "load_crosswalk", "load_units_2025",
    "crosswalk_codes", "crosswalk_summary", "report_table", "write_check_report",
    # vectorised text (national scale)
    "nfc_series", "name_key_series", "spelling_key_series",
]

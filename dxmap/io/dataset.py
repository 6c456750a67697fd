"""The data one analysis reads: boundary layers and status records, as plain (Geo)DataFrames."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, fields
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from dxmap.errors import SchemaError
from dxmap.labels import log_said
from dxmap.validate.dates import DateOrder, preview_in, rows_in
from dxmap.validate.tables import date_argument, option, require_instance
from dxmap.validate.text import nfc

log = logging.getLogger(__name__)

__all__ = ["Dataset", "short_repr", "illustrative_parts", "ILLUSTRATIVE_SOURCE", "given_date"]

#: How an illustrative record says so: its ``source`` carries "(minh họa)" (or "(illustrative)"), as every record of
#: the bundled sample does ("Viettel Lào Cai (minh họa)", see ``data/sample/README.md``).
ILLUSTRATIVE_SOURCE = re.compile(r"\((?:minh\s*h(?:ọa|oạ|oa)|illustrative)\)", re.IGNORECASE)
_TRUE = {"true", "1", "yes", "y", "x", "có", "co", "t"}
_LAYERS = ("communes", "districts", "villages", "village_areas")


def short_repr(result: object) -> str:
    """A result object in one line, its tables by size: ``Dataset(communes=<152 rows>, records=<6497 rows>, …)``.
    A notebook shows an object's repr: the tables' own would print kilobytes of rows."""
    def show(value: object) -> str:
        if isinstance(value, pd.DataFrame):
            return f"<{len(value)} rows>"
        if isinstance(value, dict) and len(repr(value)) > 80:  # its keys, and a table's size: {'headline': <3 rows>, …}
            return "{" + ", ".join(f"{k!r}: {show(v) if isinstance(v, pd.DataFrame) else '…'}" for k, v in value.items()) + "}"
        if isinstance(value, list) and len(repr(value)) > 80:  # a report's headline, its sentences
            return f"<{len(value)} items>"
        return repr(value)

    parts = [f"{f.name}={show(getattr(result, f.name))}" for f in fields(result) if f.repr]  # type: ignore[arg-type]
    return f"{type(result).__name__}({', '.join(parts)})"


def _marked(column: pd.Series) -> pd.Series:
    """Which cells of an ``illustrative`` column say yes: True, 1, "true", "yes", "x", "có"…"""
    if pd.api.types.is_bool_dtype(column):
        return column.fillna(False).astype(bool)
    if pd.api.types.is_numeric_dtype(column):
        return column.fillna(0).ne(0)
    return column.astype("string").str.strip().str.lower().isin(_TRUE).fillna(False).astype(bool)


def illustrative_parts(records: pd.DataFrame | None = None, layers: dict[str, pd.DataFrame | None] | None = None,
                       sources: dict[str, str] | None = None) -> tuple[tuple[str, str], ...]:
    """The parts of a dataset that are illustrative (made up), as ``(part, file)`` pairs, e.g.
    ``(("records", "status_records.csv"), ("villages", "villages.geojson"))``.

    Told by the data itself, not by where it was read from: a boundary layer (``layers``: ``"communes"``,
    ``"districts"``, ``"villages"``, ``"village_areas"``) is illustrative when it has an ``illustrative`` column
    that is true in any row (the bundled sample villages carry ``illustrative: true``); records are when any
    record's ``source`` says "(minh họa)" or "(illustrative)" (every record of the bundled sample does), or when
    they have an ``illustrative`` column that is true; one pair per records ``file`` that has such a record. The
    file of a layer is its name in ``sources`` (:attr:`Dataset.sources`), else the file
    :func:`~dxmap.io.boundaries.read_boundaries` read it from (its ``attrs["source"]``), or "" when not known.
    """
    out: list[tuple[str, str]] = []
    if isinstance(records, pd.DataFrame) and len(records):
        marked = _illustrative_records(records)
        if marked.any():
            files = records.loc[marked, "file"].dropna().astype(str).unique() if "file" in records.columns else []
            out += [("records", f) for f in files] or [("records", "")]
    for name, layer in (layers or {}).items():
        if isinstance(layer, pd.DataFrame) and "illustrative" in layer.columns and _marked(layer["illustrative"]).any():
            path = (sources or {}).get(name) or layer.attrs.get("source")  # read_boundaries says its file
            out.append((name, Path(path).name if path else ""))
    return tuple(out)


def _illustrative_records(records: pd.DataFrame) -> pd.Series:
    """Which records are illustrative: their ``source`` says "(minh họa)" / "(illustrative)" (looked at once per
    distinct source: a national file has a few in 200,000 rows), or an ``illustrative`` column says yes."""
    marked = pd.Series(False, index=records.index)
    if "source" in records.columns:
        source = records["source"].astype("string")
        said = [v for v in source.dropna().unique() if ILLUSTRATIVE_SOURCE.search(nfc(v))]
        if said:
            marked |= source.isin(said).fillna(False).astype(bool)
    if "illustrative" in records.columns:
        marked |= _marked(records["illustrative"])
    return marked


def _not_of(outcomes: pd.DataFrame, records: pd.DataFrame) -> int:
    """How many ``outcomes`` are of records that ``records`` does not hold, told by each record's file, row and
    technology (reconcile numbers its outcomes afresh; a wide sheet's row is a record per technology); by count
    without them."""
    key = [c for c in ("file", "row", "technology") if c in outcomes.columns and c in records.columns]
    if "row" not in key:
        return max(len(outcomes) - len(records), 0)
    if len(outcomes) == len(records) and all(outcomes[c].reset_index(drop=True).equals(
            records[c].reset_index(drop=True)) for c in key):
        return 0  # reconcile's outcomes of these records, in their order

    def keys(table: pd.DataFrame) -> pd.MultiIndex:  # a row number read back as 3.0 is row 3
        return pd.MultiIndex.from_frame(table[key].astype("string").assign(
            row=pd.to_numeric(table["row"], errors="coerce").astype("Float64").to_numpy()))

    return int((~keys(outcomes).isin(keys(records))).sum())


def warn_if_stale(outcomes: pd.DataFrame, records: pd.DataFrame) -> None:
    """Say which records differ from ``outcomes`` in technology, status or date (an edit in place of
    ``Dataset.records`` after reconciling: the outcomes, counted, still hold the old values). Only outcomes row for
    row of these records are compared; ``as_of`` as a day. A warning, not a refusal: outcomes edited on purpose
    (a what-if) differ from their records too."""
    key = [c for c in ("file", "row") if c in outcomes.columns and c in records.columns]
    if len(outcomes) != len(records) or not all(outcomes[c].reset_index(drop=True).equals(
            records[c].reset_index(drop=True)) for c in key):
        return
    changed = np.zeros(len(records), dtype=bool)
    for col in ("technology", "status", "as_of"):
        if col not in outcomes.columns or col not in records.columns:
            continue
        a, b = outcomes[col].reset_index(drop=True), records[col].reset_index(drop=True)
        if not a.equals(b):
            a, b = (_day(v) if col == "as_of" else v.astype("string") for v in (a, b))
            changed |= (a.ne(b) & (a.notna() | b.notna())).fillna(True).to_numpy(dtype=bool)
    if changed.any():
        at = np.flatnonzero(changed)[:50]
        files = (records["file"].astype("string").fillna("").to_numpy()[at] if "file" in records.columns
                 else [""] * len(at))
        rows = records["row"].to_numpy()[at] if "row" in records.columns else at
        log_said(log, logging.WARNING, "ds_stale_outcomes", n=int(changed.sum()), rows=lambda lg: preview_in(
            [f"{f} {rows_in([int(r)], lg)}".strip() for f, r in zip(files, rows)], lg, quoted=False))


def given_date(data: Dataset, value: object, *, name: str = "as_of") -> pd.Timestamp:
    """A date given with ``data`` (``as_of=``, ``compare_to=``), read as its records were
    (:func:`~dxmap.validate.tables.date_argument` with :attr:`Dataset.date_order` and :attr:`Dataset.month_first`)."""
    return date_argument(value, name=name, order=data.date_order, month_first_files=data.month_first)


def _day(dates: pd.Series) -> pd.Series:
    """Dates as days, a zoned one as the day it was where it was written (as the outcomes' dates are read)."""
    days = pd.to_datetime(dates, errors="coerce")
    return (days.dt.tz_localize(None) if days.dt.tz is not None else days).dt.normalize()


@dataclass(frozen=True)
class Dataset:
    """Boundary layers and status records, as read (nothing joined yet except in ``outcomes``).

    Frozen: make a changed copy with :func:`dataclasses.replace`. ``illustrative_parts`` (not given, worked out
    from the data) says which parts are illustrative, as ``(part, file)`` pairs (see :func:`illustrative_parts`):
    ``(("records", "status_records.csv"), ("villages", "villages.geojson"))``.

    Parameters
    ----------
    communes
        The commune layer, from :func:`as_communes` or :func:`bundled_communes`.
    records
        The status records, from :func:`read_records` or :func:`as_records`.
    districts
        The district layer, from :func:`as_districts`, if any.
    villages
        The village layer, from :func:`as_villages`, if any.
    village_areas
        The same villages as polygons, from :func:`as_villages`, if any (the demo has them).
    outcomes
        :func:`reconcile`'s outcomes of ``records``; None to have :func:`analyse` reconcile them. Outcomes of
        records that ``records`` does not hold are refused.
    illustrative
        Whether the data is illustrative (made up). It follows the data: it is True when given so, and also
        whenever any part of the data is illustrative (made-up sample data, such as the bundled ``data/sample/``),
        whatever was given. Maps, summaries and reports made from the dataset are then marked
        "DỮ LIỆU MINH HỌA" / "ILLUSTRATIVE".
    sources
        The file each boundary layer was read from (keys ``"communes"``, ``"districts"``, ``"villages"``), for the
        report's method text; the bundled layers have none.
    bundled
        Whether ``communes`` are dxmap's bundled boundaries (:func:`~dxmap.read_dataset` without ``communes=``,
        :func:`~dxmap.demo_dataset`); the results made on them say so and name them ("Lào Cai 2024",
        :func:`~dxmap.io.bundled.bundled_place`), as a reader who forgot ``--communes`` would otherwise take them for
        their own place's figures. Give ``bundled=True`` for a Dataset you make of :func:`~dxmap.bundled_communes`.
    earlier
        A 2024 round read beside records written for the 2025-07 units (each file saying its version): its own
        records, layers and outcomes, while the fields above are the 2025-07 round's. Such a dataset makes a
        comparison (:func:`~dxmap.gaps.change.compare`: the 2024 round the earlier picture, the 2025-07 one the
        later, both in the 2025-07 units), not one picture.
    date_order
        How the records' dates that are not ISO were read, as given to :func:`~dxmap.read_dataset` (``"dmy"``,
        ``"mdy"``, ``"ymd"``): the dates given later (``as_of=``, ``compare_to=`` of :func:`~dxmap.analyse`,
        :func:`~dxmap.compare`, :func:`~dxmap.build_report`) are read so too. None: day first unless ISO.
    month_first
        The records files whose dates were found written month first without ``date_order`` (``"us.csv"``, as
        :func:`~dxmap.read_dataset` found them). A date given later that reads as two days ("06/07/2024": 6 July or
        7 June) is then refused, naming both, rather than read day first: the file's order says how it was
        written, not how the date given was.

    Raises
    ------
    ArgumentError
        ``records``, ``outcomes`` or a layer is not a table (a path, say), or ``earlier`` is not a Dataset.
    SchemaError
        ``outcomes`` holds rows of records that ``records`` does not hold.
    """

    communes: gpd.GeoDataFrame
    records: pd.DataFrame
    districts: gpd.GeoDataFrame | None = None
    villages: gpd.GeoDataFrame | None = None
    village_areas: gpd.GeoDataFrame | None = None
    outcomes: pd.DataFrame | None = None
    illustrative: bool = False
    sources: dict[str, str] = field(default_factory=dict)
    earlier: Dataset | None = None
    bundled: bool = False
    date_order: DateOrder | None = None
    month_first: tuple[str, ...] = ()
    illustrative_parts: tuple[tuple[str, str], ...] = field(init=False, default=())

    __repr__ = short_repr

    def __post_init__(self) -> None:
        # refused here, not in analyse later: Dataset(communes=..., records="q2.csv") is a natural slip
        require_instance(self.records, pd.DataFrame, name="Dataset(records=…)", what="a records table",
                         fix="Read the file with dxmap.read_records(path), or use dxmap.read_dataset(paths, ...).")
        for name in _LAYERS:
            layer = getattr(self, name, None)
            if name == "communes" or layer is not None:
                require_instance(layer, gpd.GeoDataFrame, name=f"Dataset({name}=…)", what="a GeoDataFrame",
                                 fix=f"Read the layer with dxmap.as_{name if name != 'village_areas' else 'villages'}"
                                     "(dxmap.read_boundaries(path)).")
        if self.outcomes is not None:  # reconcile's, of these records (QA44: a replace() of the records kept them)
            require_instance(self.outcomes, pd.DataFrame, name="Dataset(outcomes=…)", what="reconcile's table",
                             fix="Give dxmap.reconcile(records, communes, villages), or outcomes=None.")
            other = _not_of(self.outcomes, self.records)
            if other:
                raise SchemaError(
                    f"Dataset(outcomes=…): {other:,} of its {len(self.outcomes):,} rows are of records that are "
                    f"not in records ({len(self.records):,} rows): they are another table's outcomes. Give outcomes=None "
                    "to reconcile these records again (dataclasses.replace(data, records=kept, outcomes=None)), or "
                    "keep the same rows of both (records=data.records[keep], outcomes=data.outcomes[keep]).")
        object.__setattr__(self, "date_order", option(self.date_order, DateOrder, name="Dataset(date_order=…)"))
        object.__setattr__(self, "month_first", tuple(self.month_first))
        parts = illustrative_parts(self.records, {name: getattr(self, name) for name in _LAYERS}, self.sources)
        if self.earlier is not None:
            require_instance(self.earlier, Dataset, name="Dataset(earlier=…)", what="a dxmap.Dataset",
                             fix="Read both rounds with dxmap.read_dataset([old_round, new_round]).")
            parts = tuple(dict.fromkeys(self.earlier.illustrative_parts + parts))
        object.__setattr__(self, "illustrative_parts", parts)
        object.__setattr__(self, "illustrative", bool(self.illustrative) or bool(parts))

    @property
    def wholly_illustrative(self) -> bool:
        """Whether every record is illustrative and so is the village layer (when there is one, and not the records'
        own list): the demo. False
        when illustrative data is mixed with real data (a user's records with the sample villages, the sample
        records with a user's file), or when nothing is illustrative."""
        if not self.illustrative_parts:
            return bool(self.illustrative)
        kinds = {part for part, _ in self.illustrative_parts}
        records = self.records
        records_all = (isinstance(records, pd.DataFrame) and len(records) > 0
                       and bool(_illustrative_records(records).all()))
        villages = self.villages  # a list made from the records (villages_from_records) is as made up as they are
        listed = villages is not None and "located" in villages.columns and not villages["located"].any()
        mine = records_all and (villages is None or listed or "villages" in kinds)
        return mine and (self.earlier is None or self.earlier.wholly_illustrative)

"""The whole pipeline in one call: read → validate → reconcile, for the CLI and notebooks.

Each step is also a public function of its own (:func:`read_records`, :func:`reconcile`,
:func:`unit_status`…); this module only strings them together.
"""

from __future__ import annotations

import logging
import os
from dataclasses import replace
from functools import partial
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd

from dxmap.errors import ArgumentError, SchemaError, VersionMismatchError, preview, said_error
from dxmap.labels import Lang, label, log_said
from dxmap.io.boundaries import (BOUNDARY_KINDS, as_communes, as_districts, as_villages, boundary_version,
                                  crs_for_layer, pick_layers, read_boundaries, set_boundary_version)
from dxmap.io.bundled import bundled_communes, bundled_districts, bundled_layers_for, bundled_units_2025, sample_path
from dxmap.io.dataset import Dataset
from dxmap.io.records import read_records, read_records_files
from dxmap.reconcile.match import reconcile
from dxmap.reconcile.named_villages import villages_from_records
from dxmap.reconcile.versions import (BOUNDARY_VERSIONS, NEW_UNITS_FROM, dated_rounds, declared_versions,
                                      dates_of, evident_version, fits_units_of, names_only_units_of,
                                      names_units_of)
from dxmap.reconcile.partition import Engine
from dxmap.validate.dates import DateOrder, rows_in
from dxmap.validate.tables import describe, option, require_instance, require_path
from dxmap.validate.vocab import Technology

__all__ = ["demo_dataset", "read_dataset", "illustrative_note"]

log = logging.getLogger(__name__)


def demo_dataset() -> Dataset:
    """The bundled Lào Cai demo: real mid-2024 boundaries, ILLUSTRATIVE villages and status records.

    The villages and records are made up by ``scripts/make_sample_data.py`` (see
    ``data/sample/README.md``). All layers are in EPSG:4326.

    Returns
    -------
    Dataset
        ``communes`` (152), ``districts`` (9), ``villages`` (1,554 points with an illustrative
        ``population``), ``village_areas`` (the same villages as polygons) and ``records`` (6,497) as
        plain (Geo)DataFrames; ``outcomes``, the reconciliation of the records against them; and
        ``illustrative=True`` and ``bundled=True``.
    """
    communes = bundled_communes()
    villages = as_villages(read_boundaries(sample_path("villages.geojson")))
    areas = as_villages(read_boundaries(sample_path("village_areas.geojson")))
    records = read_records(sample_path("status_records.csv"))
    outcomes = reconcile(records, communes, villages)
    return Dataset(communes=communes, districts=bundled_districts(), villages=villages, village_areas=areas,
                   records=records, outcomes=outcomes, illustrative=True, bundled=True)


def _crs_per_file(crs: str | Mapping[str, str] | None) -> dict[str, str | None]:
    """Each kind of file's CRS: one for all, or ``{"communes": "EPSG:9208"}`` (the others: their own .prj's)."""
    if not isinstance(crs, Mapping):
        return dict.fromkeys(BOUNDARY_KINDS, crs)
    odd = [k for k in crs if k not in BOUNDARY_KINDS]
    if odd:
        raise ArgumentError(f"crs=: {preview(odd)} is no kind of boundary file; give crs='EPSG:9208' for every file, or "
                            "a dict of 'communes', 'districts' or 'villages' to a CRS, e.g. crs={'communes': 'EPSG:9208'}.")
    return {k: crs.get(k) for k in BOUNDARY_KINDS}


def read_dataset(
    records: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    communes: str | os.PathLike[str] | None = None,
    districts: str | os.PathLike[str] | None = None,
    villages: str | os.PathLike[str] | None = None,
    crs: str | Mapping[str, str] | None = None,
    layer: str | None = None,
    district_layer: str | None = None,
    village_layer: str | None = None,
    sheet: str | int | Sequence[str | int] | None = None,
    columns: dict[str, str] | None = None,
    as_of: str | Sequence[str] | None = None,
    encoding: str | None = None,
    date_order: DateOrder | str | None = None,
    wide: dict[str, str] | None = None,
    technology: Technology | str | None = None,
    status_words: dict[str, str] | None = None,
    commune_columns: dict[str, str] | None = None,
    district_columns: dict[str, str] | None = None,
    village_columns: dict[str, str] | None = None,
    records_version: str | Sequence[str] | None = None,
    communes_version: str | None = None,
    engine: Engine = "pandas",
    lang: Lang = "en",
) -> Dataset:
    """Read boundary files and one or more status files and reconcile them.

    Parameters
    ----------
    records
        One records file (a path, text or :class:`pathlib.Path`) or a list of them, read with :func:`read_records`
        and the same options (the files may be of different shapes: long, wide). A file given twice is refused.
    communes
        The commune boundary file. Without it, bundled communes are used (and, without ``districts``, their
        districts): Lào Cai's 152 of 2024, or Yên Bái's 168 (as of 2025-01) when the records' commune codes (or,
        without codes, their district or commune names) are Yên Bái's, or both (320) when they are of both (see
        :func:`~dxmap.io.bundled.bundled_layers_for`); the 99 units of the new Lào Cai (from 1 July 2025; no
        districts) when the records are written for ``"2025-07"`` (``records_version``, or the records'
        ``boundary_version`` column). Records evidently of another place (most of their commune codes of neither
        province, with no name or position of theirs beside them) are refused, asking for their ``communes``: they
        would be counted on Lào Cai.
    districts
        The district boundary file. Without it, the bundled districts when ``communes`` is not given (the 2025-07
        units have none), else none.
    villages
        The village boundary file (points or polygons). Without it, the villages the village-level records name
        are the village list (:func:`~dxmap.reconcile.named_villages.villages_from_records`): placed where their
        records give a position, else without a location, counted and listed but not drawn. Refused with records
        of two versions (a 2024 round and a 2025-07 one).
    crs
        One CRS for every file whose .prj is missing or wrong (a village or district file whose own sound .prj puts
        it on the communes where the given CRS would not keeps its own), or one per kind of file,
        ``{"communes": "EPSG:9208"}`` (the files not named keep their own).
    layer, district_layer, village_layer
        The layer to read in the ``communes`` file (``layer``), the ``districts`` file (``district_layer``) and the
        ``villages`` file (``village_layer``); each needs its file. By default, in a file of several layers, the one
        whose name says its kind, else the polygon layer of most features for communes, of fewest for districts and
        the point layer for villages.
    sheet, encoding, date_order, wide, technology, status_words
        :func:`read_records`' options, the same for every records file; ``encoding`` is also
        :func:`read_boundaries`' for the boundary files.
        ``sheet`` names one sheet or several (a list); with several workbooks, each reads the sheets named that it
        has, and a sheet no workbook has is refused.
    columns
        :func:`read_records`' ``columns``. With several records files, a header named here is read in the files that
        have it (the log says which lack it; one that no file has is refused).
    as_of
        :func:`read_records`' ``as_of``, or a list with one date per records file, in the order of ``records``
        (rounds of files without a date column).
    commune_columns, district_columns, village_columns
        The ``columns=`` of :func:`as_communes` (``commune_columns``), :func:`as_districts` (``district_columns``)
        and :func:`as_villages` (``village_columns``); each needs its file (the bundled layers have their own
        columns).
    records_version
        :func:`reconcile`'s: the boundary version the records were written for, when they have no
        ``boundary_version`` column, or a list with one version per records file, in the order of ``records``
        (``["2024", "2025-07"]``: a 2024 review and a sheet written for the 2025-07 units). Records of both versions
        (each file saying its own) are read apart, each round with its own units; the 2024 round is the result's
        ``earlier``. Without it, files none of which says a version are two rounds when each is dated wholly on
        one side of 1 July 2025 and the later ones name only units of 2025-07
        (:func:`~dxmap.reconcile.versions.names_units_of`), and the log says so; files all of one side are read in
        the units of the layer.
    communes_version
        ``"2024"`` or ``"2025-07"``: which units the ``communes`` file holds, for a file without a
        ``boundary_version`` column (codes were reused on 1 July 2025, and only a layer whose version is known is
        checked against the records'). Without it, a file whose codes and names are evidently one version's
        (:func:`~dxmap.reconcile.versions.evident_version`) is read as that version, and the log says so.
    engine
        :func:`reconcile`'s: ``"pandas"``, or ``"dask"`` to place records by lon/lat on dask-geopandas partitions.
    lang
        ``"en"`` or ``"vi"``: the language of the records' ``problem`` and ``ignore_reason`` and of the outcomes'
        ``reason``, ``suggestions`` and ``name_note`` (``dxmap check --lang``).

    Returns
    -------
    Dataset
        The layers and records as read (the records of every file in one table, each row naming its
        ``file``), ``outcomes`` (:func:`reconcile`'s), ``sources`` (the boundary files read) and ``bundled``
        (True when the communes are the bundled ones: the summary, the report and their files then name them).

    Raises
    ------
    ArgumentError
        ``records`` is not a path or a list of paths, or names a file twice; a layer is given as a table, not a
        file; ``layer``, ``district_layer``, ``village_layer``, ``commune_columns``, ``district_columns``,
        ``village_columns`` or ``communes_version`` without its file; ``communes_version`` is no boundary version;
        ``as_of`` or ``records_version`` is a list of another length than ``records``; ``crs`` is a dict with a
        key other than ``"communes"``, ``"districts"``, ``"villages"``; records of two versions with ``villages`` or
        with a ``communes`` file of unknown version.
    OptionError
        ``date_order`` is not ``"dmy"``, ``"mdy"`` or ``"ymd"``.
    SchemaError
        Every records file holds only its header row; the ``communes`` file says another version than
        ``communes_version``.
    VersionMismatchError
        Records of two versions that cannot be told apart: a file with rows of both versions and rows that say
        none, or a file that says none beside files of both.
    """
    paths = _paths(records, lang)
    for name, value in (("communes", communes), ("districts", districts), ("villages", villages)):
        if value is not None:
            require_path(value, name=name, fix="read_dataset reads files; for layers you hold, make the Dataset "
                         "yourself: dxmap.Dataset(communes=communes, records=records, villages=villages).")
    for name, value, path, example in (("commune_columns", commune_columns, communes, "{'code': 'MA_XA'}"),
                                       ("district_columns", district_columns, districts, "{'code': 'MA_HUYEN'}"),
                                       ("village_columns", village_columns, villages, "{'name': 'TEN_THON'}")):
        require_instance(value, (Mapping, type(None)), name=f"{name}=", what="a dict of field → the layer's column",
                         fix=f"Pass e.g. {name}={example}.")
        if value is not None and path is None:  # else silently unused: the bundled layer has its own columns
            level = name.split("_")[0]
            raise ArgumentError(label("err_columns_no_layer", lang, option=name, layer=f"{level}s",
                                      what=label(f"log_unit_{level}", lang)))
    for name, value, path, level in (("layer", layer, communes, "commune"), ("district_layer", district_layer, districts,
                                     "district"), ("village_layer", village_layer, villages, "village")):
        if value is not None and path is None:  # else silently unused (QA31)
            raise ArgumentError(label("err_layer_no_file", lang, option=name, layer=f"{level}s",
                                      what=label(f"log_unit_{level}", lang)))
    date_order = option(date_order, DateOrder, name="date_order")
    if communes_version is not None and communes_version not in BOUNDARY_VERSIONS:
        raise said_error(ArgumentError, "err_communes_version", given=repr(communes_version),
                         versions=", ".join(map(repr, BOUNDARY_VERSIONS)))
    if communes_version is not None and communes is None:  # the bundled layers say their own
        raise ArgumentError(label("err_version_no_file", lang))

    each_crs = _crs_per_file(crs)

    def read(path, standardise, kind, columns=None, near=None, **kw):
        """One layer, in the CRS given for its kind of file; with one CRS for every file, a village or district file
        in the CRS that puts it ``near`` the communes (crs_for_layer)."""
        if path is None:
            return None
        given = each_crs[kind] if isinstance(crs, Mapping) else crs_for_layer(path, crs, layer=kw.get("layer"),
                                                                              communes=near)
        return standardise(read_boundaries(path, crs=given, encoding=encoding, **kw), columns=columns)

    # each file's layer: the one given, else the one of its kind in a file of several (a GeoPackage of huyen, xa, thon)
    files = {"communes": (communes, layer), "districts": (districts, district_layer), "villages": (villages, village_layer)}
    layers = {kind: given for kind, (_, given) in files.items()}
    for path in dict.fromkeys(p for p, _ in files.values() if p is not None):  # a file given as several layers at once
        layers |= pick_layers(path, {kind: given for kind, (p, given) in files.items() if p == path})
    if communes is not None:
        commune_gdf = read(communes, as_communes, "communes", commune_columns, layer=layers["communes"])
        commune_gdf = _labelled(commune_gdf, communes_version, communes)
        district_gdf = read(districts, partial(as_districts, communes=commune_gdf), "districts", district_columns,
                            near=commune_gdf, layer=layers["districts"])
    village_gdf = read(villages, as_villages, "villages", village_columns, layer=layers["villages"],
                       near=commune_gdf if communes is not None else None)
    dates = list(as_of) if isinstance(as_of, (list, tuple)) else [as_of] * len(paths)
    if len(dates) != len(paths):
        raise ArgumentError(f"as_of: {len(dates)} dates for {len(paths)} records files; give one date for every file, "
                            "or a list with one per file, in the order of records.")
    names = _file_names(paths)  # files of one name in two folders, in the outcomes and on the console (QA40, QA41)
    # columns=: each file's headers, a header no file has refused (QA67 F5: a village sheet and a LAN sheet)
    frames, month_first = read_records_files(paths, names=names, as_of=dates, sheet=sheet, columns=columns,
                                             encoding=encoding, date_order=date_order, wide=wide,
                                             technology=technology, status_words=status_words, lang=lang)
    empty = [name for name, frame in zip(names, frames) if frame.empty]
    if empty and len(empty) == len(frames):  # nothing to reconcile, map or count
        raise SchemaError(label("err_only_header", lang, files=", ".join(empty)))
    for name in empty:
        log_said(log, logging.WARNING, "log_no_records_file", file=name)
    versions = _versions_per_file(records_version, len(paths))
    if isinstance(versions, list):  # each file's version, where its own Phiên bản cells say none
        frames = [f.assign(boundary_version=f["boundary_version"].astype("string").fillna(v)
                           if "boundary_version" in f.columns else v) for f, v in zip(frames, versions)]
    records_version = versions if isinstance(versions, str) else None
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    # two rounds told by their dates alone, where nothing refuses two rounds: a village layer, or a commune layer
    # of unknown version (a file that says none keeps today's reading, and the warning)
    by_date = villages is None and (communes is None or boundary_version(commune_gdf) is not None)
    parts = _version_parts(table, records_version, by_date=by_date)
    if communes is not None:
        given = (commune_gdf, district_gdf)
        if parts is not None and boundary_version(commune_gdf) is None:  # else silently unused: whose is it?
            raise said_error(ArgumentError, "err_two_versions_layer", files=parts[2])

    def reconciled(records: pd.DataFrame, version: str | None) -> Dataset:
        """The records of one version joined to their units: the layers given (when of that version), else the
        bundled ones."""
        # the layer given, for records of its version when there are two
        mine = communes is not None and (parts is None or version == boundary_version(given[0]))
        layer, districts_of = given if mine else (None, None)
        if layer is None:  # the bundled communes of the units the records are written for
            new = set(declared_versions(records, version).dropna().unique()) == {"2025-07"}
            if new:
                log_said(log, logging.INFO, "log_new_units_bundled")
                layer, districts_of = bundled_units_2025(), None
            else:  # Lào Cai's, or Yên Bái's when the records' commune codes are of Yên Bái
                layer, districts_of, which = bundled_layers_for(records)
                log_said(log, logging.INFO, "log_no_commune_layer", which=which.get)
            if districts is not None and (parts is None or version == "2024"):  # districts: the 2024 round's
                districts_of = read(districts, partial(as_districts, communes=layer), "districts", district_columns,
                                    layer=layers["districts"])
        village_layer = village_gdf
        if village_layer is None:  # no village layer: the villages the records name, counted and listed, not drawn
            village_layer = villages_from_records(records, layer, records_version=version)
            if village_layer is not None:
                placed = int(village_layer["located"].sum())
                key = ("log_villages_from_records" if not placed else "log_villages_from_records_all"
                       if placed == len(village_layer) else "log_villages_from_records_some")
                log_said(log, logging.INFO, key, n=len(village_layer),
                         communes=village_layer["commune_code"].nunique(), placed=placed,
                         unplaced=len(village_layer) - placed)
        outcomes = reconcile(records, layer, village_layer, records_version=version, engine=engine, lang=lang)
        sources = {k: str(v) for k, v in (("communes", communes), ("districts", districts), ("villages", villages))
                   if v}
        # the dates given later (as_of=, compare_to=) are read as the records were, or refused when that is a guess
        return Dataset(communes=layer, districts=districts_of, villages=village_layer, records=records,
                       outcomes=outcomes, sources=sources, bundled=not mine, date_order=date_order,
                       month_first=month_first)

    if parts is None:
        data = reconciled(table, records_version)
    else:  # a 2024 round and a round written for the 2025-07 units: each joined to its own units, compared later
        if villages is not None:
            raise said_error(ArgumentError, "err_two_versions_villages", files=parts[2])
        earlier, later = (table[mask].reset_index(drop=True) for mask in parts[:2])
        log_said(log, logging.INFO, "log_two_versions", files=parts[2], old=len(earlier), new=len(later))
        data = replace(reconciled(later, "2025-07"), earlier=reconciled(earlier, "2024"))
    if data.illustrative:  # the sample among the inputs: said here, in the reader's language, and on every output
        (log.info if data.wholly_illustrative else log.warning)("%s", illustrative_note(data, lang))
    return data


def _labelled(communes: gpd.GeoDataFrame, version: str | None, path: str | os.PathLike[str]) -> gpd.GeoDataFrame:
    """The commune layer labelled with its version: the one ``communes_version`` says (a layer that says another is
    refused; one whose codes and names are evidently the other's is warned of), else, for a layer that says none, the
    one its codes and names evidently are of (:func:`~dxmap.reconcile.versions.evident_version`), said."""
    own = boundary_version(communes)
    if own is not None:
        if version is not None and own != version:
            raise said_error(SchemaError, "err_communes_version_other", path=Path(path).name, own=repr(own),
                             given=repr(version))
        return communes
    evident = evident_version(communes)
    if version is None and evident is not None:
        log_said(log, logging.INFO, "log_evident_version", file=Path(path).name, version=evident[0], k=evident[1],
                 n=len(communes), units=_units_said(evident[0]))
        return set_boundary_version(communes, evident[0])
    if version is not None and evident is not None and evident[0] != version:
        log_said(log, logging.WARNING, "log_version_not_evident", file=Path(path).name, given=version,
                 version=evident[0], k=evident[1], n=len(communes), units=_units_said(evident[0]))
    return set_boundary_version(communes, version) if version is not None else communes


def _units_said(version: str) -> Callable[[str], str]:
    """A boundary version in words, by the date of the reform ("the units before 1 July 2025" for "2024"): a layer
    dated 2025-01 (Yên Bái's) is not "of the 2024 units" to its reader (QA67 F10)."""
    return partial(label, f"ver_units_{version.replace('-', '_')}")


def _versions_per_file(records_version: str | Sequence[str] | None, n: int) -> str | list[str] | None:
    """``records_version=`` as one version for every file (a list of one version given per file too), or a list
    of one per file (validated); refused for a list of another length than the files."""
    if not isinstance(records_version, (list, tuple)):
        return records_version
    if len(records_version) != n:
        raise said_error(ArgumentError, "err_versions_count", n=len(records_version), files=n)
    for version in records_version:
        if version not in BOUNDARY_VERSIONS:
            raise said_error(ArgumentError, "err_records_version_value", given=repr(version),
                             versions=", ".join(map(repr, BOUNDARY_VERSIONS)))
    return records_version[0] if len(set(records_version)) == 1 else list(records_version)


def _version_parts(table: pd.DataFrame, records_version: str | None, *,
                   by_date: bool = False) -> tuple[pd.Series, pd.Series, str] | None:
    """Records of both versions of the units (a 2024 round and one written for the 2025-07 units, each file saying
    its own, QA64 F3): which rows are the 2024 round's and which the 2025-07 one's, and the files with their versions
    in words ("q2.csv (2024), lan_2026.csv (2025-07)"); None for records of one version. They are read apart, each
    with its own units, and compared in the 2025-07 units (:func:`~dxmap.gaps.change.compare`). A file that holds
    rows of both versions (a sheet kept on after 1 July 2025) is split by what each row says; one of whose rows says
    none, or a file that says none beside files of both, cannot be placed: refused with each file's version.
    ``by_date``: files none of which says a version may be told apart by their dates (:func:`_rounds_by_date`)."""
    declared = declared_versions(table, records_version)
    if records_version is None and "file" in table.columns:
        declared = _rounds_by_date(table, declared, alone=by_date)
    if declared.dropna().nunique() < 2 or "file" not in table.columns:
        return None
    files = table["file"].astype(str)
    per_file = declared.groupby(files, sort=False).agg(lambda v: ", ".join(sorted(v.dropna().unique())))
    said = ", ".join(f"{f} ({v or '?'})" for f, v in per_file.items())
    both = files.map(per_file.str.contains(",")).to_numpy(dtype=bool)  # a sheet kept on after 1 July 2025
    silent = both & declared.isna().to_numpy(dtype=bool)  # rows that say no version beside rows of both
    if silent.any():
        odd = table.loc[silent]
        rows = odd["row"] if "row" in odd.columns else pd.Series(odd.index + 1, index=odd.index)
        raise said_error(VersionMismatchError, "err_two_versions_rows", file=odd["file"].iloc[0],
                         rows=lambda lg: rows_in(pd.unique(rows.to_numpy()), lg))
    if per_file.eq("").any():
        _refuse_straddling(table, files, per_file.index[per_file.eq("")])
        raise said_error(VersionMismatchError, "err_two_versions", files=said)
    version = files.map(per_file).mask(both, declared)
    return version.eq("2024"), version.eq("2025-07"), said


def _refuse_straddling(table: pd.DataFrame, files: pd.Series, silent: pd.Index) -> None:
    """A file that says no version, beside files of both, whose dates lie on both sides of 1 July 2025: its dates
    cannot place it (:func:`_rounds_by_date`), and the rows dated on the other side are named, as a mistyped date is
    the likelier cause (QA68 N5: one 15/05/2025 among a 2026 sheet's rows left it "(?)" without a word why)."""
    dates = dates_of(table)
    for name in silent:
        mine = files.eq(name).to_numpy(dtype=bool)
        before = mine & dates.lt(NEW_UNITS_FROM).to_numpy(dtype=bool)
        after = mine & dates.ge(NEW_UNITS_FROM).to_numpy(dtype=bool)
        if before.any() and after.any():
            few = before if before.sum() <= after.sum() else after
            rows = table["row"] if "row" in table.columns else pd.Series(table.index + 1, index=table.index)
            listed = [f"{r} ({d:%d/%m/%Y})" for r, d in zip(rows[few], dates[few])]
            raise said_error(VersionMismatchError, "err_version_dates_straddle", file=name,
                             rows=lambda lg: rows_in(listed, lg), m=int((before | after).sum() - few.sum()),
                             side=partial(label, "ver_before" if few is before else "ver_from"))


def _rounds_by_date(table: pd.DataFrame, declared: pd.Series, *, alone: bool = False) -> pd.Series:
    """``declared`` with the files that say no version placed by their dates (:func:`dated_rounds`), beside files of
    the other version: one whose records are all dated before 1 July 2025 is the round of the 2024 units (the 2024
    review predates the Phiên bản column: QA65, read whole as 2025-07, 3,811 of its records unmatched), one whose
    records are all dated from that day is written for the 2025-07 units (a 2026 LAN sheet naming no former commune
    beside the 2024 review: QA66 F5, refused). With ``alone``, files none of which says a version are the two rounds
    too, when each is dated wholly on one side of that day, some on each, and the later ones name only units of
    2025-07 (:func:`names_units_of`; QA70 N5: both read in the 2024 units, Xã Y Tý of 2026 without its Xã A Lù).
    Each said once, naming the files."""
    files = table["file"].astype(str)
    declared = _rows_by_date(table, declared)
    by_date = dated_rounds(table)
    if declared.isna().all():
        later = by_date.eq("2025-07").to_numpy(dtype=bool, na_value=False)
        two = alone and bool(by_date.notna().all()) and 0 < later.sum() < len(later)
        if two and names_units_of(table[later], "2025-07"):
            log_said(log, logging.INFO, "log_rounds_by_date", old=", ".join(dict.fromkeys(files[~later])),
                     new=", ".join(dict.fromkeys(files[later])))
            return by_date
        return declared
    for version, key in (("2024", "log_older_round"), ("2025-07", "log_newer_round")):
        other = "2025-07" if version == "2024" else "2024"
        if not declared.eq(other).any():
            continue
        silent = declared.isna().groupby(files).transform("all")
        found = (silent & by_date.eq(version)).to_numpy(dtype=bool, na_value=False)
        if found.any():
            log_said(log, logging.INFO, key, files=", ".join(dict.fromkeys(files[found])), n=int(found.sum()))
            declared = declared.mask(found, version)
    return declared


def _rows_by_date(table: pd.DataFrame, declared: pd.Series) -> pd.Series:
    """``declared`` with each file that says no version (no Phiên bản cell) and whose records' dates lie on both sides
    of 1 July 2025 split by them, as :func:`dated_rounds` parts files: its rows dated before are the 2024 round, those
    dated from that day are written for the 2025-07 units (a commune's sheet kept on after the merger, QA71 C2: read
    whole in the 2025-07 units, the old Nghĩa Đô's 2024 LAN matched to the new one). Only where that is evident:
    the rows before name communes of the 2024 units, some of them of those alone (02950 Xã Tân Tiến), and the rows
    from that day communes of the 2025-07 units; said, naming the file. Where the rows before are evidently 2024's but
    the others cannot be placed (no date, or a commune of no 2025-07 unit), refused naming them and the Phiên bản
    column. Rows before that name 2025-07 units are a mistyped year: read with the file, and flagged by reconcile."""
    files = table["file"].astype(str)
    said = (table["boundary_version"].notna() if "boundary_version" in table.columns
            else pd.Series(False, index=table.index)).groupby(files).transform("any")
    dates = dates_of(table)
    before, after = dates.lt(NEW_UNITS_FROM).to_numpy(dtype=bool), dates.ge(NEW_UNITS_FROM).to_numpy(dtype=bool)
    future = dates.gt(pd.Timestamp.now().normalize() + pd.Timedelta(days=1)).to_numpy(dtype=bool)  # a typo, invalid
    after = after & ~future  # in reconcile: no round of its own
    rows = table["row"] if "row" in table.columns else pd.Series(table.index + 1, index=table.index)
    fitting = None  # each record: whether it names a commune, and a 2025-07 unit; worked out once, when needed
    for name in dict.fromkeys(files[~said.to_numpy(dtype=bool)]):
        mine = files.eq(name).to_numpy(dtype=bool)
        if not (before & mine).any() or not (after & mine).any() or not names_only_units_of(table[before & mine],
                                                                                             "2024"):
            continue
        named, fits = fitting = fitting or fits_units_of(table, "2025-07")
        misfit = mine & ~before & ~after & ~future | (after & mine & named & ~fits)  # undated, or no 2025-07 unit named
        if misfit.any():
            listed = [f"{r}" + (f" ({d:%d/%m/%Y})" if pd.notna(d) else "") for r, d in zip(rows[misfit], dates[misfit])]
            raise said_error(VersionMismatchError, "err_version_rows_straddle", file=name,
                             rows=lambda lg: rows_in(pd.unique(pd.Series(listed)), lg))
        log_said(log, logging.INFO, "log_rows_by_date", file=name, old=int((before & mine).sum()),
                 new=int((after & mine).sum()))
        declared = declared.mask(before & mine, "2024").mask(after & mine, "2025-07")
    return declared


def _file_names(paths: list) -> list[str]:
    """Each records file as the outcomes name it: its name, and where two files share one, the folders that tell
    them apart ("d1/baocao.csv", "d2/baocao.csv")."""
    here = Path.cwd()
    parts = []
    for p in paths:  # "..", "." resolved, links not followed; a file under the working folder as typed from it
        full = Path(os.path.abspath(p))
        parts.append(full.relative_to(here).parts if full.is_relative_to(here) else full.parts)
    names = []
    for i, mine in enumerate(parts):
        n = 1
        while n < len(mine) and any(j != i and theirs[-n:] == mine[-n:] for j, theirs in enumerate(parts)):
            n += 1
        names.append("/".join(mine[-n:]))
    return names


def illustrative_note(data: Dataset, lang: Lang = "en") -> str:
    """Which parts of ``data`` are illustrative, in words: "ILLUSTRATIVE (made up, not real figures): the records
    of status_records.csv; the villages (villages.geojson)"; "" when none.

    A dataset is illustrative as soon as one part is (:attr:`Dataset.illustrative_parts`)."""
    if not data.illustrative:
        return ""
    words = {"records": "ill_records_any", "villages": "ill_villages", "village_areas": "ill_village_areas",
             "communes": "ill_communes", "districts": "ill_districts"}
    said = []
    for part, file in data.illustrative_parts:
        if part == "records" and file:
            said.append(label("ill_records", lang, file=file))
        else:
            word = label(words.get(part, part), lang)
            said.append(f"{word} ({file})" if file else word)
    parts = "; ".join(said) or label("sum_illustrative", lang)
    return label("sum_illustrative_parts", lang, parts=parts)


def _paths(records: object, lang: Lang = "en") -> list[str | os.PathLike[str]]:
    """``records=`` of :func:`read_dataset` as a list of paths: one path (never read letter by letter) or several."""
    if isinstance(records, (str, os.PathLike)):
        return [records]
    paths = list(records) if isinstance(records, (list, tuple)) else None
    if not paths or not all(isinstance(p, (str, os.PathLike)) for p in paths):
        hint = (" For a table you hold, make the Dataset yourself: dxmap.Dataset(communes=communes, "
                "records=dxmap.as_records(table))." if isinstance(records, pd.DataFrame) else "")
        raise ArgumentError(f"records: got {describe(records)}; give a records file or a list of them "
                            f"(read_dataset('q2.xlsx') or read_dataset(['q1.xlsx', 'q2.xlsx'])).{hint}")
    seen: dict[Path, str] = {}  # one file twice: every record would be a duplicate of itself
    for p in paths:
        key = Path(p).resolve()
        if key in seen:
            also = "" if seen[key] == str(p) else label("err_twice_also", lang, path=repr(str(p)))
            raise ArgumentError(label("err_records_twice", lang, path=repr(seen[key]), also=also))
        seen[key] = str(p)
    return paths


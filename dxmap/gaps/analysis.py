"""One picture of the gaps: reconcile (if not done), every unit's status at a date, one district."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from dxmap.errors import DuplicateRecordError, SchemaError, UnmatchedRecordsError, VersionMismatchError, said_error
from dxmap.labels import Lang, counts_text, date_text, label, log_said, said_all
from dxmap.gaps.status import (SEVERAL_COLUMNS, dated_outcomes, in_several_districts, inserted_after, outcome_word,
                               picture_date, record_dates, require_records_by, summary_dict, summary_html,
                               unit_status)
from dxmap.validate.dates import preview_in
from dxmap.validate.tables import date_argument, require_instance
from dxmap.io.dataset import Dataset, given_date, short_repr, warn_if_stale
from dxmap.io.boundaries import boundary_version
from dxmap.io.bundled import bundled_place, bundled_units_2025, cluster_codes
from dxmap.reconcile.districts import (communes_words, district_full_name, district_words, filled_districts,
                                      former_districts, in_communes, in_district, in_former_district,
                                      in_former_province, in_province, resolve_communes, resolve_district,
                                      resolve_former_district, resolve_former_province, resolve_province,
                                      outcomes_in_province, row_former_province, unplaced_in_former_district,
                                      with_former_district)
from dxmap.reconcile.versions import BOUNDARY_VERSIONS, crosswalk_status
from dxmap.reconcile.match import Outcome, outcome_counts, reconcile
from dxmap.reconcile.outcomes import outcomes_in_communes, outcomes_in_district

__all__ = ["Analysis", "analyse", "require_all_matched", "record_dates", "check_as_of", "require_dataset",
           "version_files"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Analysis:
    """The result of :func:`analyse`: per-record outcomes, per-unit status, and the summary.

    ``as_of`` is the picture's date (ISO), also in ``status``'s ``as_of`` column. ``district`` and ``province``
    are ``(code, name)`` of the district and province the picture is cut to (None: not cut); in the 2025-07
    units a former district and a former province. ``commune``: ``((code, name), …)`` of the communes it is cut to
    (None: not cut), in the order asked for. ``bundled``: the picture is of a user's records on dxmap's bundled
    boundaries (the summary names them: ``bundled_boundaries``, "Lào Cai 2024"); False for the demo, whose
    ``illustrative`` mark says it is dxmap's own sample."""

    outcomes: pd.DataFrame
    status: gpd.GeoDataFrame
    as_of: str
    district: tuple[str, str] | None = None
    communes: gpd.GeoDataFrame = field(repr=False, default=None)  # type: ignore[assignment]
    districts: gpd.GeoDataFrame | None = field(repr=False, default=None)
    illustrative: bool = False
    units_version: str | None = None  # "2025-07": units of the new Lào Cai, ``district`` a former district
    crosswalked: bool = False  # the status was made on 2024 units and moved through the crosswalk
    province: tuple[str, str] | None = None  # ("15", "Yên Bái"); a former province (tỉnh cũ) in the 2025-07 units
    commune: tuple[tuple[str, str], ...] | None = None  # (("02701", "Y Tý"), …): the communes asked for
    bundled: bool = False  # on dxmap's bundled boundaries (Dataset.bundled, or moved into the bundled 2025-07 units)

    __repr__ = short_repr

    @property
    def former_districts(self) -> bool:
        """Whether ``district`` and the district columns of ``status`` are former districts (huyện cũ)."""
        return self.units_version == "2025-07"

    @functools.cached_property
    def summary(self) -> dict:
        """Counts per technology and status, outcomes of the records (see :func:`summary_dict`),
        computed when first asked for: a map does not need them."""
        summary = summary_dict(self.status, district=self.district[1] if self.district else None,
                               illustrative=self.illustrative, record_counts=outcome_counts(self.outcomes),
                               units_version=self.units_version)
        if self.bundled:  # whose figures these are, also under -q: a sheet of another place read without --communes
            # is counted on the bundled communes (QA67 F3)
            summary = inserted_after(summary, "newest_record", {"bundled_boundaries": bundled_place(self.communes)})
        if self.district:
            summary["district_code"] = self.district[0]
            communes = self.communes if self.communes is not None else pd.DataFrame()
            full = district_full_name(communes, self.district[0], former=self.former_districts)  # "Thị xã Sa Pa"
            if full:
                summary["district_full_name"] = full
        if self.province:  # after "district", where a reader of summary.json looks for the place
            place = {"province_code": self.province[0], "province_name": self.province[1],
                     "province_kind": "former_province" if self.former_districts else "province"}
            summary = inserted_after(summary, "district", place)
        if self.commune:  # after the district and province: the narrowest place last
            full = dict(zip(self.communes["code"].astype(str), self.communes["full_name"])) if (
                self.communes is not None and "full_name" in self.communes.columns) else {}
            place = {"commune_codes": [c for c, _ in self.commune], "commune_names": [n for _, n in self.commune],
                     "commune_full_names": [str(full[c]) if isinstance(full.get(c), str) else n
                                            for c, n in self.commune]}
            summary = inserted_after(summary, "province_kind" if self.province else "district", place)
        return summary

    def _repr_html_(self) -> str:
        """As a notebook shows it: the place and date, each technology's units without it of all ("Mobile broadband |
        6 / 1,554 villages") and the ILLUSTRATIVE mark, in English (an analysis has no language) (QA69 F7)."""
        return summary_html([self.summary], self.communes)


def require_all_matched(outcomes: pd.DataFrame) -> None:
    """Raise when a record of ``outcomes`` was not matched (ignored records are fine: they are reported, not lost)."""
    bad = outcomes[~outcomes["outcome"].isin([Outcome.MATCHED.value, Outcome.IGNORED.value])]
    if bad.empty:
        return
    dup = bad["outcome"].eq(Outcome.DUPLICATE.value)
    cls = DuplicateRecordError if dup.all() else UnmatchedRecordsError
    # the commonest reasons first, each with its count and first record: 6,000 village records without a
    # village layer are one line, not hidden behind three rows of another reason
    why = bad["outcome"].astype(str) + ", " + bad["reason"].astype(str)
    first = ~why.duplicated()
    n = why.map(why.value_counts())
    top = bad[first].assign(n=n[first].to_numpy()).sort_values("n", ascending=False, kind="stable")

    def reasons(lg: Lang) -> str:  # the outcomes' reasons are in the language they were reconciled in
        return preview_in([label("gap_unmatched_row", lg, file=r.file, row=r.row, outcome=outcome_word(r.outcome, lg),
                                 reason=r.reason) + (label("gap_more_same", lg, n=r.n - 1) if r.n > 1 else "")
                           for r in top.itertuples()], lg)

    raise said_error(cls, "gap_unmatched", bad=len(bad), total=len(outcomes),
                     counts=functools.partial(_outcome_counts, bad), list=reasons, cluster=_cluster_hint(bad))


def _cluster_hint(bad: pd.DataFrame) -> Callable[[str], str | None] | str:
    """Why records of the bundled Sa Pa cluster's communes did not match, and the fix: the commune layer is one
    without them, as the bundled polygons file read on its own (QA69 F10); else nothing."""
    codes = bad["commune_code"][bad["outcome"].eq(Outcome.UNMATCHED.value) & bad["matched_commune_code"].isna()] if {
        "commune_code", "matched_commune_code"} <= set(bad.columns) else pd.Series(dtype="string")
    lost = sorted(set(codes.dropna().astype(str)) & cluster_codes())
    if not lost or not set(lost) - set(bundled_units_2025()["code"]):  # 03006 alone may be the new Sa Pa ward's
        return ""
    return said_all("gap_sapa_cluster", codes=lambda lg: preview_in(lost, lg, 8)).get


def _outcome_counts(outcomes: pd.DataFrame, lang: Lang) -> str:
    """"unmatched 18, ambiguous 1": the outcomes of ``outcomes`` that occur, with their counts."""
    return counts_text(((outcome_word(k, lang), v) for k, v in outcome_counts(outcomes).items() if v), lang)


def check_as_of(outcomes: pd.DataFrame, as_of: str | pd.Timestamp, *, order: str | None = None,
                month_first_files: Sequence[str] = ()) -> pd.Timestamp:
    """``as_of`` read as a date (:func:`~dxmap.validate.tables.date_argument`: as ``order`` says, else day first
    unless ISO, refused when it reads as two days beside ``month_first_files``); raise when it is before every
    matched record or after today.

    A picture before the earliest record would show every unit as unknown: that is a mistyped date
    far more often than a wish (:func:`unit_status` refuses it too).
    """
    date = date_argument(as_of, name="as_of", order=order, month_first_files=month_first_files)
    require_records_by(outcomes, date)
    return date


def require_dataset(data: object, name: str = "data") -> None:
    """Refuse anything but a :class:`Dataset` (a table, a path) with an :class:`ArgumentError` saying how to make one."""
    require_instance(data, Dataset, name=name, what="a dxmap.Dataset",
                     fix="Pass dxmap.demo_dataset() or dxmap.read_dataset(records_paths, ...), or make one of tables you "
                         "hold: dxmap.Dataset(communes=communes, records=records, villages=villages).")


def _filed_in_former_district(status: pd.DataFrame, chosen: tuple[str, str], communes: pd.DataFrame, *,
                              again: bool) -> pd.DataFrame:
    """``status`` cut to former district ``chosen`` (code, name), its rows of a unit that lies in it and in another
    former district, and name no former commune placing them in one, filed under ``chosen``: the district's rows then
    add up to its total (QA68 N1). Villages of them are said once (not ``again``): they count in each former district
    their commune lies in, until their row names its former commune."""
    unplaced = unplaced_in_former_district(status, chosen[0], communes)
    if not unplaced.any():
        return status
    filed = {col: status[col].astype("string").mask(unplaced, value) for col, value in
             zip(("district_code", "district_name"), chosen)}
    # in this run they count in ``chosen`` only
    filed.update({col: status[col].mask(unplaced) for col in SEVERAL_COLUMNS if col in status.columns})
    if not again:
        _say_split_villages(status[unplaced], communes, "gap_split_no_former", district=chosen[1])
    return status.assign(**filed)


def _say_split_villages(rows: pd.DataFrame, communes: pd.DataFrame, key: str, **words: object) -> None:
    """Say (label ``key``) the villages of ``rows`` (of a 2025-07 commune of several former districts, naming no
    former commune placing them in one) with their communes' former districts: they count in each of them until their
    row names its former commune ("Xã cũ"). A commune's own row is not said: nothing in the sheets can place it."""
    villages = rows[rows["level"].eq("village").to_numpy(dtype=bool)].drop_duplicates("unit_id")
    if not len(villages):
        return
    of = former_districts(communes)
    districts = {code: ", ".join(dict.fromkeys(of.loc[of["code"].eq(code), "district_name"].astype(str)))
                 for code in villages["commune_code"].astype(str).unique()}
    communes_said = [f"{name}: {districts[str(code)]}" for code, name in
                     villages[["commune_code", "commune_name"]].drop_duplicates().itertuples(index=False)]
    log_said(log, logging.WARNING, key, n=len(villages), communes="; ".join(communes_said),
             villages=functools.partial(preview_in, villages["name"].astype(str).tolist()), **words)


def _say_nothing_known(status: pd.DataFrame, outcomes: pd.DataFrame, words: dict) -> None:
    """Warn that no unit of a district is known at the picture's date: its records begin later (QA40 M3), or the
    files have none of it (a district misread, or the wrong files)."""
    # the records' own communes: in a picture moved into the 2025-07 units, the former communes (a unit may lie in
    # several former districts, QA41 M2)
    codes = set(status["old_commune_code" if "old_commune_code" in status.columns else "commune_code"].dropna())
    matched = outcomes["outcome"].eq(Outcome.MATCHED.value) & outcomes["matched_commune_code"].isin(codes)
    if matched.any():
        first = pd.to_datetime(outcomes.loc[matched, "as_of"]).min().date().isoformat()
        log_said(log, logging.WARNING, "gap_district_later", date=functools.partial(date_text, first), **words)
    else:
        log_said(log, logging.WARNING, "gap_district_no_records", **words)


def version_files(data: Dataset) -> str:
    """The records files of a dataset of two versions (``data.earlier``: the 2024 round), each with its version:
    "q2_2024.csv (2024), vong_2026.csv (2025-07)"."""
    def files(part: Dataset) -> list[str]:
        return list(dict.fromkeys(part.records["file"].dropna().astype(str))) if "file" in part.records else []

    earlier = files(data.earlier) if data.earlier is not None else []
    return ", ".join([f"{f} (2024)" for f in earlier] + [f"{f} (2025-07)" for f in files(data)])


def analyse(
    data: Dataset,
    *,
    as_of: str | pd.Timestamp | None = None,
    district: str | None = None,
    strict: bool = True,
    units: str | None = None,
    province: str | None = None,
    commune: str | Sequence[str] | None = None,
) -> Analysis:
    """Reconcile (if not yet done), compute every unit's status at ``as_of``, filter to ``province`` and ``district``.

    Parameters
    ----------
    data
        A :class:`Dataset`: from :func:`demo_dataset` or :func:`read_dataset`, or
        ``Dataset(communes=..., records=..., villages=...)`` of tables you hold.
    as_of
        Date of the picture: ISO (2024-06-30) or day first (30/06/2024); default the newest matched record.
    district
        District name or code (diacritics optional); restricts status and summary to it.
    strict
        Raise :class:`UnmatchedRecordsError` / :class:`DuplicateRecordError` when a record did not match; with
        ``district`` or ``province``, a record of that place or that may be (naming no district), as
        :func:`~dxmap.reconcile.outcomes.outcomes_in_district` keeps them; in 2025-07 units, any record.
    units
        Boundary version of the picture: ``"2024"`` or ``"2025-07"``; default the commune layer's own.
        ``"2025-07"`` on a 2024 layer moves the status into the bundled 2025-07 units through the
        crosswalk (:func:`crosswalk_status`): villages keep their status, a commune-level status
        (LAN) stays one row per former commune, former communes without records are ``unknown``.
        In 2025-07 units ``district`` names a former district (huyện cũ): the units wholly or
        partly in it are kept.
    province
        Province name or code (diacritics and "Tỉnh" optional: ``"yen bai"``, ``"Tỉnh Yên Bái"``,
        ``"15"``); restricts status and summary to the communes of that province (the commune
        layer's ``province_code``/``province_name``). In 2025-07 units it names a former province
        (tỉnh cũ): the units wholly or partly in it are kept, and of a picture moved through the
        crosswalk only the villages and former communes that were in it count, as for a former
        district. With ``district`` too, the district is looked up among the province's districts.
    commune
        One commune or several (a list): names or codes, diacritics and "Xã"/"Phường" optional (``"y ty"``,
        ``["Y Tý", "a mu sung", "02695"]``); restricts status and summary to those communes and their villages, as
        ``district`` does to a district. A name two communes share is refused, listing both with their codes and
        districts (:func:`~dxmap.reconcile.districts.resolve_communes`). In 2025-07 units they are 2025-07 units
        (a former commune's name is refused, naming the unit it went into). With ``district`` or ``province``
        they are looked up among theirs, and a commune outside them is refused.

    Returns
    -------
    Analysis
        ``outcomes`` (reconcile's), ``status`` (:func:`unit_status`'s, cut to ``province``,
        ``district`` and ``commune``), ``as_of`` (ISO), ``district`` and ``province`` (code, name),
        ``commune`` ((code, name), …) and ``summary`` (the shape of ``summary.json``).

    Examples
    --------
    >>> import dxmap
    >>> demo = dxmap.demo_dataset()  # bundled Lào Cai data, ILLUSTRATIVE records
    >>> result = dxmap.analyse(demo, as_of="2024-06-30", district="bat xat")
    >>> result.district
    ('082', 'Bát Xát')
    >>> result.summary["gaps"]["fibre"]["count"]  # villages without fibre
    17
    """
    return _analyse(data, as_of=as_of, district=district, strict=strict, units=units, province=province,
                    commune=commune)


def _analyse(data: Dataset, *, as_of: str | pd.Timestamp | None = None, district: str | None = None,
             strict: bool = True, units: str | None = None, province: str | None = None,
             commune: str | Sequence[str] | None = None, again: bool = False) -> Analysis:
    """:func:`analyse`; ``again``: the earlier picture of a comparison, whose place was said with the later one's:
    the former district's line, which has no date, is not said twice (QA66 F10)."""
    require_dataset(data)
    if data.earlier is not None:  # a 2024 round read with a 2025-07 one: they make a comparison, not one picture
        raise said_error(VersionMismatchError, "gap_two_versions_picture", files=version_files(data))
    outcomes = data.outcomes if data.outcomes is not None else reconcile(data.records, data.communes, data.villages)
    outcomes = dated_outcomes(outcomes)  # an outcomes file read back: its dates as text
    if data.outcomes is not None:
        warn_if_stale(outcomes, data.records)
    date = given_date(data, as_of) if as_of is not None else None  # read as the records were (QA72 K1)
    communes, districts = filled_districts(data.communes, data.districts), data.districts  # a 2025-07 layer: its former districts
    layer_version = boundary_version(communes)
    if units is not None and units not in BOUNDARY_VERSIONS:
        raise said_error(SchemaError, "gap_units_not_version", units=repr(units), versions=", ".join(BOUNDARY_VERSIONS))
    crosswalked = units == "2025-07" and layer_version != "2025-07"
    if units == "2024" and layer_version == "2025-07":
        raise said_error(VersionMismatchError, "gap_units_2024")
    version = "2025-07" if crosswalked else layer_version if layer_version in BOUNDARY_VERSIONS else None
    shown = with_former_district(bundled_units_2025()) if crosswalked else communes
    former = version == "2025-07"  # the province and district are a former province and district (tỉnh cũ, huyện cũ)
    # the place first: a misspelt district is the cheaper thing to fix than the records (QA39 L4)
    place = None if province is None else (  # "": refused as empty, not read as no province
        (resolve_former_province if former else resolve_province)(province, shown))
    chosen = None if district is None else (
        (resolve_former_district if former else resolve_district)(district, shown, province=place))
    picked = None if commune is None else resolve_communes(commune, shown, district=chosen, province=place)
    if strict:  # the place's records: a district's picture is not refused for another district's rows (QA56 1);
        # in 2025-07 units (a former district, a former province) all of them
        judged = outcomes if place is None or former else outcomes_in_province(outcomes, communes, place[0])
        judged = judged if chosen is None or former else outcomes_in_district(judged, communes, chosen[0])
        require_all_matched(judged if picked is None or former
                            else outcomes_in_communes(judged, communes, [c for c, _ in picked]))
    status = unit_status(outcomes, communes, data.villages, as_of=date)  # which records it skips: said there
    picture = picture_date(status)
    if crosswalked:
        communes, districts = shown, None
        status = crosswalk_status(status, units=communes)
        words = {"n": status["commune_code"].nunique(),
                 "former": status.loc[status["level"].eq("commune"), "unit_id"].nunique()}
        log_said(log, logging.INFO, "gap_crosswalked", date=functools.partial(date_text, picture), **words)
    if place is not None:
        if former and crosswalked:  # a 2024 row keeps its own former province: count what was in it (its unit lies
            # wholly or partly in it), so that the provinces add up to the whole, no row in two or in none
            status = status[row_former_province(status).eq(place[0]).fillna(False).to_numpy(dtype=bool)]
        else:
            status = (in_former_province if former else in_province)(status, place[0], communes)
        words = {"name": place[1], "code": place[0], "n": status["commune_code"].nunique()}
        log_said(log, logging.INFO, "log_former_province" if former else "log_province",
                 date=functools.partial(date_text, picture), **words)
    if chosen is not None:
        status = in_former_district(status, chosen[0], communes) if former else in_district(status, chosen[0])
        if former and crosswalked:  # a 2024 row keeps its own former district: count what was in it, as summary.csv
            status = in_district(status, chosen[0])
        full = district_full_name(communes, chosen[0], former=former)  # "thị xã Sa Pa", "thành phố Yên Bái (cũ)"
        words = {"place": functools.partial(district_words, chosen[1], full, former=former), "code": chosen[0]}
        if former:
            if not again:
                log_said(log, logging.INFO, "gap_former_district", n=status["commune_code"].nunique(), **words)
            if not crosswalked:
                status = _filed_in_former_district(status, chosen, communes, again=again)
        else:
            log_said(log, logging.INFO, "gap_district", date=functools.partial(date_text, picture),
                     n=status.drop_duplicates(["level", "unit_id"]).shape[0], **words)
        if len(status) and status["status_date"].isna().all():  # a district the files say nothing of (QA39 L10)
            _say_nothing_known(status, outcomes, words)
    if picked is not None:  # the communes of the place (refused outside it): their units, as a district's
        status = in_communes(status, [c for c, _ in picked])
        words = {"place": functools.partial(communes_words, picked, communes),
                 "codes": ", ".join(c for c, _ in picked)}
        if not again:
            log_said(log, logging.INFO, "gap_communes", date=functools.partial(date_text, picture),
                     n=status.drop_duplicates(["level", "unit_id"]).shape[0], **words)
        if len(status) and status["status_date"].isna().all():  # communes the files say nothing of
            _say_nothing_known(status, outcomes, {"place": words["place"], "code": words["codes"]})
    if former and chosen is None and not again:  # the tables by former district count them in each
        _say_split_villages(status[in_several_districts(status)], communes, "gap_several_no_former")
    return Analysis(outcomes=outcomes, status=status, as_of=picture, district=chosen, communes=communes,
                    districts=districts, illustrative=data.illustrative, units_version=version, crosswalked=crosswalked,
                    province=place, commune=picked,
                    # the demo's head line says it is dxmap's sample ("ILLUSTRATIVE sample data") already
                    bundled=(data.bundled or crosswalked) and not data.wholly_illustrative)

"""A notebook user's mistakes with the Python API: a wrong table, a path for a table, swapped arguments,
an unknown word or language. Each is refused at the function's entry with a DxmapError that is also the
matching builtin, naming the argument, what was passed and the call that makes the right thing."""

from __future__ import annotations

import dataclasses
import inspect
import logging
import re
from pathlib import Path

import folium
import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import LineString

import dxmap
from dxmap import errors
from dxmap.errors import ArgumentError, OptionError, SchemaError, StatusValueError, UnsupportedFormatError

MAKE_STATUS = re.escape("dxmap.unit_status(outcomes, communes, villages)")
MAKE_OUTCOMES = re.escape("dxmap.reconcile(records, communes, villages)")


@pytest.fixture(scope="module")
def status(demo):
    return dxmap.unit_status(demo.outcomes, demo.communes, demo.villages, as_of="2024-06-30")


# --- 1. the wrong table, or no table -------------------------------------------------------------------------

WRONG_TABLES = {  # call → (error, what the message must say)
    "summarise(communes)": (lambda d, s: dxmap.summarise(d.communes), SchemaError,
                            r"^status: got a commune layer \(a GeoDataFrame with columns \['code', .*\), not the status "
                            rf"table\. Pass the status table from {MAKE_STATUS}"),
    "summarise(outcomes)": (lambda d, s: dxmap.summarise(d.outcomes), SchemaError,
                            r"^status: got the outcomes table .*Pass the status table from"),
    "gap_units(outcomes)": (lambda d, s: dxmap.gap_units(d.outcomes, technology="fibre"), SchemaError,
                            r"^status: got the outcomes table"),
    "gap_units(records)": (lambda d, s: dxmap.gap_units(d.records), SchemaError, r"^status: got a records table"),
    "unit_status(records)": (lambda d, s: dxmap.unit_status(d.records, d.communes, d.villages), SchemaError,
                             rf"^outcomes: got a records table .*Pass the outcomes table from {MAKE_OUTCOMES}"),
    "unit_status swapped": (lambda d, s: dxmap.unit_status(d.communes, d.outcomes), SchemaError,
                            r"^outcomes: got a commune layer"),
    "gap_map(outcomes)": (lambda d, s: dxmap.gap_map(d.outcomes, d.communes), SchemaError,
                          r"^status: got the outcomes table"),
    "gap_map(status, status)": (lambda d, s: dxmap.gap_map(s, s), SchemaError,
                                r"^communes: got the status table .*dxmap\.as_communes"),
    "analyse(DataFrame)": (lambda d, s: dxmap.analyse(d.outcomes), ArgumentError,
                           r"^data: got a DataFrame with columns \['file', 'row', .*\(30 in all\)\], not a dxmap\.Dataset\. "
                           r"Pass dxmap\.demo_dataset\(\) or dxmap\.read_dataset"),
    "compare(path)": (lambda d, s: dxmap.compare("q2.csv"), ArgumentError, r"^data: got the text 'q2\.csv'"),
    "build_report(DataFrame)": (lambda d, s: dxmap.build_report(d.records), ArgumentError, r"^data: got a DataFrame"),
    "reconcile(path)": (lambda d, s: dxmap.reconcile("x.csv", d.communes), ArgumentError,
                        r"^records: got the text 'x\.csv', not a records table\. .*dxmap\.read_records\(path\)"),
    "reconcile(records, path)": (lambda d, s: dxmap.reconcile(d.records, "xa.gpkg"), ArgumentError,
                                 r"^communes: got the text 'xa\.gpkg'.*dxmap\.as_communes"),
    "reconcile(raw villages)": (lambda d, s: dxmap.reconcile(d.records, d.communes, d.villages.rename(
                                    columns={"village_id": "Mã thôn"})), SchemaError,
                                r"^villages: no column 'village_id' in a GeoDataFrame with columns \['Mã thôn', .*"
                                r"dxmap\.as_villages"),
    "gaps_near(line)": (lambda d, s: dxmap.gaps_near(s, LineString([(103.6, 22.7), (103.8, 22.6)]), technology="fibre",
                                                     within_km=2), ArgumentError,
                        r"^features: got a LineString, not a GeoDataFrame or GeoSeries.*GeoSeries\(\[line\], crs="),
    "gap_change(list)": (lambda d, s: dxmap.gap_change(s, ["02692-001"]), ArgumentError,
                         r"^connected: got a list \['02692-001'\], not a table\. Pass the rows dxmap\.gaps_near\(\)"),
    "metric_crs(DataFrame)": (lambda d, s: dxmap.metric_crs(d.records), ArgumentError,
                              r"^gdf: got a DataFrame .*not a GeoDataFrame or GeoSeries"),
    "save_map swapped": (lambda d, s: dxmap.save_map("x.html", folium.Map()), ArgumentError,
                         r"^m: got the text 'x\.html', not a folium\.Map\. .*save_map\(m, path\)"),
    "write_outcomes swapped": (lambda d, s: dxmap.write_outcomes("o.csv", d.outcomes), ArgumentError,
                               rf"^outcomes: got the text 'o\.csv', not the outcomes table\. .*{MAKE_OUTCOMES}"),
    "write_outcomes(status)": (lambda d, s: dxmap.write_outcomes(s, "o.csv"), SchemaError,
                               r"^outcomes: got the status table"),
    "write_report(Dataset)": (lambda d, s: dxmap.write_report(d, "report"), ArgumentError,
                              r"^report: got a Dataset, not a Report\. Pass what dxmap\.build_report\(data\) returns"),
    "read_dataset(villages=layer)": (lambda d, s: dxmap.read_dataset("q.csv", villages=d.villages), ArgumentError,
                                     r"^villages: got a GeoDataFrame .*not a path.*dxmap\.Dataset\("),
    # QA28 L4: a list named as_communes(columns=…), and columns for a layer not given were left unused without a word
    "read_dataset(commune_columns=list)": (lambda d, s: dxmap.read_dataset("q.csv", communes="xa.gpkg",
                                                                           commune_columns=["code"]), ArgumentError,
                                           r"^commune_columns=: got a list \['code'\], not a dict .*Pass e\.g\. "
                                           r"commune_columns=\{'code': 'MA_XA'\}"),
    "read_dataset(village_layer=) alone": (lambda d, s: dxmap.read_dataset("q.csv", village_layer="thon"),
                                           ArgumentError, r"^village_layer= chooses a layer of the village file, but "
                                           r"no villages= is given"),
    "read_dataset(village_columns=) alone": (lambda d, s: dxmap.read_dataset("q.csv", village_columns={"name": "TEN"}),
                                             ArgumentError, r"^village_columns= names the columns of the village layer, "
                                             r"but no villages= is given"),
    # QA26: the standardisers failed deep inside pandas ("'str' object has no attribute 'attrs'")
    "as_villages(DataFrame)": (lambda d, s: dxmap.as_villages(pd.DataFrame({"ma_xa": ["02692"], "lon": [103.6],
                                                                             "lat": [22.7]})), ArgumentError,
                               r"^dxmap\.as_villages\(gdf\): got a DataFrame with columns \['ma_xa', 'lon', 'lat'\], not "
                               r"a GeoDataFrame\. Read a file with dxmap\.read_boundaries\(path\); make points .*"
                               r"points_from_xy"),
    "as_communes(path)": (lambda d, s: dxmap.as_communes("xa.gpkg"), ArgumentError,
                          r"^dxmap\.as_communes\(gdf\): got the text 'xa\.gpkg', not a GeoDataFrame\. Read a file with "
                          r"dxmap\.read_boundaries\(path\)\.$"),
    "as_districts(columns=list)": (lambda d, s: dxmap.as_districts(d.communes, columns=["code"]), ArgumentError,
                                   r"^dxmap\.as_districts\(columns=…\): got a list \['code'\], not a dict"),
    "as_records(columns=list)": (lambda d, s: dxmap.as_records(d.records.head(), columns=["status"]), ArgumentError,
                                 r"^columns=: got a list \['status'\], not a dict\. Pass e\.g\. columns="),
    "read_records(wide=text)": (lambda d, s: dxmap.read_records("q.csv", wide="LAN"), ArgumentError,
                                r"^wide=: got the text 'LAN', not a dict\."),
    "as_records(path)": (lambda d, s: dxmap.as_records("q.csv"), ArgumentError,
                         r"^dxmap\.as_records\(raw\): got the text 'q\.csv', not a table .*dxmap\.read_records\(path\)"),
    "Dataset(records=path)": (lambda d, s: dxmap.Dataset(communes=d.communes, records="q2.csv"), ArgumentError,
                              r"^Dataset\(records=…\): got the text 'q2\.csv', not a records table\. .*read_records"),
    "Dataset(villages=path)": (lambda d, s: dxmap.Dataset(communes=d.communes, records=d.records, villages="t.shp"),
                               ArgumentError, r"^Dataset\(villages=…\): got the text 't\.shp', not a GeoDataFrame\. "
                                              r"Read the layer with dxmap\.as_villages"),
    # QA26: a village layer given as communes was told to dissolve its "communes" (its commune codes occur twice);
    # its points say so first (QA29)
    "as_communes(villages)": (lambda d, s: dxmap.as_communes(d.villages), SchemaError,
                              r"communes: the layer holds Point only, no outlines \(polygons\) of communes: is it a "
                              r"village layer\? Give it as the village layer \(--villages on the command line, "
                              r"dxmap\.as_villages in Python\)\.$"),
    "as_communes(village areas)": (lambda d, s: dxmap.as_communes(d.village_areas), SchemaError,
                                   r"codes occur twice: .*and the layer has a village id column 'village_id': is it "
                                   r"a village layer\? Give it as the village layer"),
    # QA27: so was one without district columns
    "reconcile(bare communes)": (lambda d, s: dxmap.reconcile(d.records, d.communes[["code", "name", "geometry"]]),
                                 SchemaError, r"^communes: got a layer without the column 'map_unit' that "
                                              r"dxmap\.as_communes adds .*a district layer goes to districts=\.$"),
    # QA26: a commune layer not yet through as_communes was called "a district layer"
    "reconcile(raw communes)": (lambda d, s: dxmap.reconcile(d.records, d.communes.drop(columns="map_unit")),
                                SchemaError, r"^communes: got a commune layer without the column 'map_unit' that "
                                             r"dxmap\.as_communes adds .*Pass it through dxmap\.as_communes\(layer\)"),
    # QA26: a layer without a CRS was taken for longitudes and latitudes, as the reading functions do not
    "unit_status(no CRS)": (lambda d, s: dxmap.unit_status(d.outcomes, d.communes.set_crs(None, allow_override=True)),
                            errors.CRSError, r"^communes has no CRS, so dxmap cannot tell where its coordinates are\. "
                                             r"Set it first, e\.g\. communes\.set_crs\('EPSG:4326'\)"),
}


@pytest.mark.parametrize("case", list(WRONG_TABLES))
def test_a_wrong_argument_is_refused_at_entry_with_its_name_and_the_call_that_makes_the_right_one(
        case, demo, status, tmp_path, monkeypatch):
    call, error, message = WRONG_TABLES[case]
    monkeypatch.chdir(tmp_path)  # nothing may be written even by mistake
    with pytest.raises(error, match=message) as caught:
        call(demo, status)
    # the builtin a caller unaware of dxmap catches: a wrong type is a TypeError, a wrong table a ValueError
    assert isinstance(caught.value, errors.DxmapError)
    assert isinstance(caught.value, TypeError if error is ArgumentError else ValueError)
    assert not any(tmp_path.iterdir())


def test_the_right_tables_pass_the_entry_checks_unchanged(demo, status):
    """The checks read columns and types only: the tables dxmap makes (and their plain copies) pass."""
    assert dxmap.summarise(pd.DataFrame(status.drop(columns="geometry")))["total"].sum() == len(status)
    assert len(dxmap.gap_units(status, technology="fibre")) == 56
    before = demo.outcomes.copy()
    dxmap.unit_status(demo.outcomes, demo.communes, demo.villages, technologies="lan")
    assert demo.outcomes.equals(before)


# --- 2. lang ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["fr", None, "English", "EN"])
def test_lang_other_than_vi_or_en_is_refused_everywhere(lang, demo, status):
    for call in (lambda: dxmap.gap_map(status, demo.communes, lang=lang),
                 lambda: dxmap.build_report(demo, lang=lang)):
        with pytest.raises(OptionError, match=rf"^lang={lang!r}: dxmap writes 'vi' and 'en'.*lang='vi' or lang='en'"):
            call()
    assert issubclass(OptionError, ValueError)


# --- 3. advice that fits where the value was given -------------------------------------------------------------

def test_a_month_first_as_of_is_read_with_advice_for_an_argument(demo, caplog):
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        got = dxmap.unit_status(demo.outcomes, demo.communes, as_of="06/30/2024", technologies="lan")
    assert got["as_of"].iloc[0] == pd.Timestamp("2024-06-30")
    said = " ".join(r.getMessage() for r in caplog.records)
    assert "as_of='06/30/2024'" in said and "'YYYY-MM-DD' or dd/mm/yyyy" in said
    assert "date_order" not in said  # unit_status has no such argument


def test_an_unknown_word_of_a_keyword_argument_names_no_row(demo, status):
    with pytest.raises(StatusValueError, match=r"^technology=: 1 unknown technology value\(s\): 'wifi'\. Use one of mobile") as e:
        dxmap.gap_units(status, technology="wifi")
    assert "row" not in str(e.value)
    with pytest.raises(StatusValueError, match=r"^technologies=: 1 unknown technology value\(s\): 'wifi'\.") as e:
        dxmap.unit_status(demo.outcomes, demo.communes, demo.villages, technologies=["fibre", "wifi"])
    assert "row" not in str(e.value)


# --- 4. builtin errors that listed nothing ---------------------------------------------------------------------

@pytest.mark.parametrize("kwargs,error,message", [
    ({"statuses": None}, ArgumentError, r"^statuses=None: give a status as text or dxmap\.Status or a list of them"),
    ({"technology": 1}, ArgumentError, r"^technology=1: give a technology as text or dxmap\.Technology"),
    ({"technology": ["fibre", "mobile"]}, ArgumentError, r"^technology=\['fibre', 'mobile'\]: give one technology"),
    ({"statuses": []}, ArgumentError, r"^statuses=\[\]: give a status"),
    ({"statuses": "x"}, StatusValueError, r"^statuses=: 1 unknown status value\(s\): 'x'\..*tick mark"),
    ({"statuses": ["none", "1"]}, StatusValueError, r"^statuses=: 1 unknown status value\(s\): '1'\."),
    ({"technology": dxmap.Status.NONE}, StatusValueError, r"^technology=: 1 unknown technology value"),
])
def test_gap_units_refuses_what_is_no_word_or_list_of_words(kwargs, error, message, status):
    with pytest.raises(error, match=message):
        dxmap.gap_units(status, **kwargs)


def test_words_people_type_still_work(status):
    fibre = dxmap.gap_units(status, technology="fibre")
    assert dxmap.gap_units(status, technology="cáp quang", statuses="chưa có").equals(fibre)
    assert dxmap.gap_units(status, technology=dxmap.Technology.FIBRE, statuses=[dxmap.Status.NONE, "none"]).equals(fibre)


def test_gap_map_simplify_and_read_dataset_date_order_say_what_they_take(demo, status):
    with pytest.raises(ArgumentError, match=r"^simplify='yes': give True, False, None \(the default\) or a tolerance"):
        dxmap.gap_map(status, demo.communes, simplify="yes")
    with pytest.raises(OptionError, match=r"^date_order='dd/mm/yyyy' is not one of 'dmy', 'mdy', 'ymd'"):
        dxmap.read_dataset("q.csv", date_order="dd/mm/yyyy")
    with pytest.raises(ArgumentError, match=r"^m: got the text 'map', not a folium\.Map"):
        dxmap.gap_map(status, demo.communes, m="map")


# --- 5. the outcomes table is called outcomes ------------------------------------------------------------------

@pytest.mark.parametrize("function", [dxmap.unit_status, dxmap.units_lacking, dxmap.write_outcomes])
def test_the_outcomes_argument_is_named_outcomes(function):
    first = next(iter(inspect.signature(function).parameters))
    assert first == "outcomes" and "report" not in inspect.signature(function).parameters


def test_outcomes_by_keyword(demo, tmp_path):
    lan = dxmap.units_lacking(outcomes=demo.outcomes, communes=demo.communes, technology="lan", as_of="2024-06-30")
    assert len(lan) == 29
    assert dxmap.write_outcomes(outcomes=demo.outcomes.head(3), path=tmp_path / "o.csv").is_file()


# --- 6. save_map writes HTML only ------------------------------------------------------------------------------

def test_save_map_refuses_a_name_that_is_not_html(demo, status, tmp_path):
    m = dxmap.gap_map(status, demo.communes)
    with pytest.raises(UnsupportedFormatError, match=r"x\.png'?: the map is an HTML page; give a file ending in \.html"):
        dxmap.save_map(m, tmp_path / "x.png")
    assert not (tmp_path / "x.png").exists()
    assert "</html>" in dxmap.save_map(m, tmp_path / "X.HTM").read_text(encoding="utf-8")


# --- 7. a village layer edited after as_villages --------------------------------------------------------------

def test_reconcile_refuses_villages_sharing_an_id_or_without_a_geometry(demo):
    records = demo.records.head(50)
    twice = demo.villages.copy()
    twice.loc[2, "village_id"] = twice.loc[1, "village_id"]
    with pytest.raises(SchemaError, match=rf"^\S*villages\.geojson: villages: 1 village id occurs more than once: '{twice.loc[1, 'village_id']}'"
                                          r".*Give each village its own id"):
        dxmap.reconcile(records, demo.communes, twice)
    nowhere = demo.villages.copy()
    nowhere.loc[[4, 7], "geometry"] = None
    nowhere.loc[9, "geometry"] = LineString()  # empty
    with pytest.raises(SchemaError, match=rf"^\S*villages\.geojson: villages: 3 villages have no geometry \(null or empty\): 'index 4 "
                                          rf"\({nowhere.loc[4, 'village_id']}\)', 'index 7 .*drop them"):
        dxmap.reconcile(records, demo.communes, nowhere)
    assert isinstance(nowhere, gpd.GeoDataFrame) and nowhere.geometry.isna().sum() == 2  # not changed


# --- 8. docstrings -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["gap_units", "summarise", "analyse", "compare", "metric_crs", "save_map", "build_report",
                                  "write_report", "write_outcomes", "read_dataset", "demo_dataset", "unit_status"])
def test_public_functions_say_what_they_return(name):
    doc = inspect.getdoc(getattr(dxmap, name))
    assert "\nReturns\n-------\n" in doc
    if name in ("gap_units", "summarise"):
        assert "\nParameters\n----------\n" in doc


# --- 9. read_dataset takes one path ----------------------------------------------------------------------------

@pytest.mark.parametrize("as_path", [str, Path])
def test_read_dataset_takes_one_path_as_well_as_a_list(as_path, data_dir):
    layers = {"communes": data_dir / "communes.geojson", "villages": data_dir / "villages.geojson"}
    one = dxmap.read_dataset(as_path(data_dir / "records.csv"), **layers)
    listed = dxmap.read_dataset([data_dir / "records.csv"], **layers)
    assert one.outcomes.equals(listed.outcomes) and len(one.records) == len(listed.records) > 0
    with pytest.raises(ArgumentError, match=r"^records: got a DataFrame .*give a records file or a list of them"):
        dxmap.read_dataset(one.records, **layers)


def test_gap_map_names_a_status_column_that_was_dropped(demo):
    """Re-QA: `gap_map(status.drop(columns=["note"]), communes)` was a raw KeyError 'note'."""
    status = dxmap.unit_status(demo.outcomes, demo.communes, demo.villages, as_of="2024-06-30")
    for column in ("note", "source", "status_date", "name"):
        with pytest.raises(SchemaError, match=rf"status: no column '{column}'.*dxmap.unit_status"):
            dxmap.gap_map(status.drop(columns=[column]), demo.communes)


def test_unit_status_takes_villages_in_another_crs(demo):
    """Re-QA: villages in VN-2000 beside communes in EPSG:4326 failed in geopandas' concat ("common CRS")."""
    status = dxmap.unit_status(demo.outcomes, demo.communes, demo.villages.to_crs(9208), as_of="2024-06-30")
    assert status.crs == demo.communes.crs
    assert dxmap.summarise(status).set_index("technology")["none"].to_dict() == {"mobile": 6, "fibre": 56, "lan": 29}


def test_by_takes_any_case_and_an_enum_of_another_kind_is_shown_by_its_name(status):
    """Re-QA: summarise(by="District") was refused while technology="Fibre" was taken; technology=Status.NONE was
    shown as <Status.NONE: 'none'>."""
    assert dxmap.summarise(status, by="District").equals(dxmap.summarise(status, by="district"))
    with pytest.raises(StatusValueError, match=r"technology=: 1 unknown technology value\(s\): 'Status.NONE'\. Use one of"):
        dxmap.gap_units(status, technology=dxmap.Status.NONE)


def test_a_dataset_refuses_outcomes_of_other_records(demo):
    """QA44 M2: Dataset is frozen, so a notebook filters it with dataclasses.replace; replacing the records kept
    the outcomes of all 6,497, which analyse then counted. Outcomes of the same rows, or of some of them (compare's
    earlier picture uses the records the later one used), still pass."""
    import dataclasses

    june = demo.records["as_of"].eq(pd.Timestamp("2024-06-30")).to_numpy()
    with pytest.raises(SchemaError, match=r"3,260 of its 6,497 rows are of records that are not in records "
                                          r"\(3,237 rows\).*outcomes=None"):
        dataclasses.replace(demo, records=demo.records[june])
    kept = dataclasses.replace(demo, records=demo.records[june], outcomes=demo.outcomes[june])
    assert dxmap.analyse(kept).summary["records"]["matched"] == 3237
    again = dataclasses.replace(demo, records=demo.records[june], outcomes=None)
    assert dxmap.analyse(again).summary == dxmap.analyse(kept).summary
    assert dataclasses.replace(demo, outcomes=demo.outcomes[june]).outcomes is not None  # some of the records: fine


def test_unit_status_says_which_records_it_leaves_out(demo, caplog):
    """QA44 M3: reconcile then unit_status (docs/python.md's step by step) dropped the records that did not match
    without a word; only analyse said so. unit_status says it now, once, and analyse through it."""
    records = pd.concat([demo.records.head(3), demo.records.head(1).assign(commune_code="99999", commune_name="Nowhere",
                                                                          village_name="Nowhere")], ignore_index=True)
    outcomes = dxmap.reconcile(records, demo.communes, demo.villages)
    assert outcomes["outcome"].tolist()[-1] == "unmatched"
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        dxmap.unit_status(outcomes, demo.communes, demo.villages)
    said = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert said == ["skipped 1 record not counted: unmatched 1"], said
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        dxmap.unit_status(demo.outcomes, demo.communes, demo.villages)  # all matched: nothing to say
        dxmap.analyse(dataclasses.replace(demo, records=records, outcomes=outcomes), strict=False)
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == said
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="dxmap"):  # of the technology asked for only (QA46 L8)
        tech = outcomes["technology"].iloc[-1]
        dxmap.unit_status(outcomes, demo.communes, demo.villages, technologies=tech)
        dxmap.unit_status(outcomes, demo.communes, demo.villages, technologies=[t for t in ("mobile", "fibre", "lan")
                                                                               if t != tech][:1])
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == said


def test_unit_status_says_the_records_of_units_not_in_the_layer(demo, caplog):
    """QA46: the 2025-07 units given the outcomes of a reconciliation against the 2024 communes counted 10 LAN gaps
    of 29, without a word: the records of the 2024 communes whose code no 2025-07 unit keeps were left out. A layer
    that says it is the 2025-07 units refuses them (QA65 F3); one that does not say (its label dropped) warns."""
    from dxmap.errors import VersionMismatchError
    from dxmap.io.bundled import bundled_units_2025

    with pytest.raises(VersionMismatchError, match=r"reconciled against the communes of 2024.*units='2025-07'"):
        dxmap.unit_status(demo.outcomes, bundled_units_2025(), technologies="lan")
    with pytest.raises(VersionMismatchError, match=r"communes of 2024, and the layer given holds the units of 2025-07"):
        dxmap.units_lacking(demo.outcomes, bundled_units_2025(), technology="lan", as_of="2024-06-30")
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        status = dxmap.unit_status(demo.outcomes, bundled_units_2025().drop(columns="boundary_version"),
                                   technologies="lan")
    said = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(said) == 1 and said[0].startswith("the matched records of 104 units not in the layers given ('02635', "), said
    assert said[0].endswith("reconcile them against these (a layer cut to one district: pass that district's records "
                            "only)")
    assert status["status"].eq("none").sum() == 10
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="dxmap"):  # the layer they were reconciled against: nothing to say
        dxmap.unit_status(demo.outcomes, demo.communes, demo.villages)
    assert not [r for r in caplog.records if r.levelno == logging.WARNING]


def test_read_records_of_several_files_says_read_dataset_reads_them():
    """QA44 L13: a list of files was told only that it is no path."""
    with pytest.raises(ArgumentError, match=r"got a list .* Give one \.csv, \.txt or \.xlsx file \(several: "
                                            r"dxmap\.read_dataset\(paths\)"):
        dxmap.read_records(["q1.csv", "q2.csv"])


def test_a_dataset_tells_a_wide_sheet_s_records_apart_by_technology(tmp_path):
    """QA46 H1: a wide sheet's row is a record per technology; keeping its fibre records kept the mobile outcomes
    (told apart by file and row only), and analyse counted a mobile gap. A row read back as 3.0 is still row 3."""
    import dataclasses

    path = tmp_path / "wide_v.csv"
    path.write_text("Mã xã,Tên xã,Tên thôn,Sóng 4G,Cáp quang,Ngày\n02692,A Lù,Bản Khấu,Có,Chưa có,30/06/2024\n"
                    "02692,A Lù,Bản Sảng Phố,Chưa có,Chưa có,30/06/2024\n", encoding="utf-8")
    data = dxmap.read_dataset(path)
    fibre = data.records["technology"].eq("fibre").to_numpy()
    with pytest.raises(SchemaError, match=r"2 of its 4 rows are of records that are not in records"):
        dataclasses.replace(data, records=data.records[fibre])
    kept = dataclasses.replace(data, records=data.records[fibre], outcomes=data.outcomes[fibre])
    assert dxmap.analyse(kept).summary["records"]["matched"] == 2
    floats = data.records.assign(row=data.records["row"].astype(float))
    assert dataclasses.replace(data, records=floats).outcomes is data.outcomes


# --- QA55: a notebook user's tables read back, edited, reprojected --------------------------------------------

def test_outcomes_read_back_from_their_file_give_the_same_figures(demo, tmp_path):
    """QA55 1: an outcomes file read back (its dates as text) was a pandas TypeError in unit_status, analyse and
    compare; its dates are read as a table's dates are (ISO or day first), and a value that is none is named."""
    dxmap.write_outcomes(demo.outcomes, tmp_path / "check.xlsx")
    back = pd.read_excel(tmp_path / "check.xlsx")
    assert not pd.api.types.is_datetime64_any_dtype(back["as_of"])  # text, as the file is read back
    status = dxmap.unit_status(back, demo.communes, demo.villages, as_of="2024-06-30")
    assert dxmap.summarise(status).set_index("technology")["none"].to_dict() == {"mobile": 6, "fibre": 56, "lan": 29}
    assert dxmap.compare(dataclasses.replace(demo, outcomes=back)).summary["gaps"]["fibre"]["fixed"] == 144
    day_first = demo.outcomes.assign(as_of=demo.outcomes["as_of"].dt.strftime("%d/%m/%Y"))
    assert dxmap.analyse(dataclasses.replace(demo, outcomes=day_first)).summary["gaps"]["fibre"]["count"] == 56
    day_first.loc[3, "as_of"] = "chưa rõ"
    with pytest.raises(SchemaError, match=r"as_of column holds 1 value\(s\) that are not dates: 'chưa rõ'\. Read the "
                                          r"file back with its dates \(pd\.read_csv\(path, parse_dates=\['as_of'\]\)\)"):
        dxmap.unit_status(day_first, demo.communes, demo.villages)


def test_an_outcomes_file_written_in_vietnamese_is_refused_with_the_way_to_read_one_back(demo, tmp_path):
    """QA58 3: `dxmap check --outcomes` writes Vietnamese headers; read back, it was told to pass reconcile's table."""
    dxmap.write_outcomes(demo.outcomes, tmp_path / "vi.csv", lang="vi")
    with pytest.raises(SchemaError, match=r"^outcomes: got an outcomes file written in Vietnamese \(its column 'Kết quả "
                                          r"kiểm tra'; .*Write it in English to read it back as a table"):
        dxmap.unit_status(pd.read_csv(tmp_path / "vi.csv"), demo.communes, demo.villages)
    # QA60 3: given as a Dataset's outcomes, analyse, compare and build_report raised a bare KeyError
    vi = dataclasses.replace(demo, outcomes=pd.read_csv(tmp_path / "vi.csv"))
    for run in (dxmap.analyse, lambda d: dxmap.compare(d, compare_to="2024-03-31"), dxmap.build_report):
        with pytest.raises(SchemaError, match=r"^outcomes: got an outcomes file written in Vietnamese"):
            run(vi)


def test_read_boundaries_refuses_a_layer_already_read(demo):
    """QA55 2: a GeoDataFrame given to read_boundaries was pathlib's TypeError."""
    with pytest.raises(ArgumentError, match=r"^path: got a GeoDataFrame .*not a path .*A layer you hold goes straight "
                                            r"to dxmap\.as_communes\(gdf\)") as caught:
        dxmap.read_boundaries(demo.communes)
    assert isinstance(caught.value, TypeError)


def test_a_commune_twice_is_refused_with_or_without_villages(demo):
    """QA55 3: a layer put together after as_communes with a commune twice was counted, without a village layer,
    and refused later as a status table "put together with itself"; it is refused as as_communes refuses it."""
    layer = pd.concat([demo.communes, demo.communes.iloc[[0]]], ignore_index=True)
    said = r"^communes: codes occur twice: '02635' \(rows 0, 152\)\. Each commune needs one feature"
    with pytest.raises(SchemaError, match=said):
        dxmap.reconcile(demo.records, layer)
    for villages in (None, demo.villages):
        with pytest.raises(SchemaError, match=said):
            dxmap.unit_status(demo.outcomes, layer, villages)
    with pytest.raises(SchemaError, match=r"'02653' \(rows 5, 152\)"):  # QA58 7: its index labels were "5, 5"
        dxmap.reconcile(demo.records, pd.concat([demo.communes, demo.communes.iloc[[5]]]))


def test_layers_in_other_crss_are_not_said_to_lie_far_apart(demo, caplog):
    """QA55 4: villages in EPSG:3857 beside communes in EPSG:4326 were all "well outside their commune"."""
    for communes, villages in ((demo.communes, demo.villages.to_crs("EPSG:3857")),
                               (demo.communes.to_crs("EPSG:9208"), demo.villages)):
        with caplog.at_level(logging.WARNING, logger="dxmap"):
            caplog.clear()
            outcomes = dxmap.reconcile(demo.records, communes, villages)
        assert outcomes["outcome"].eq("matched").all()
        assert "outside their commune" not in caplog.text
    moved = demo.villages.assign(geometry=demo.villages.geometry.translate(0.5, 0))  # 50 km east: said
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        dxmap.reconcile(demo.records, demo.communes, moved.to_crs("EPSG:3857"))
    assert "1,554 villages lie well outside their commune" in caplog.text


def test_records_edited_after_reconciling_are_said(demo, caplog):
    """QA55 5: a record corrected in place in Dataset.records was silently not counted (the outcomes are)."""
    data = dataclasses.replace(demo, records=demo.records.copy(), outcomes=demo.outcomes)
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        assert dxmap.analyse(data, as_of="2024-03-31").summary["gaps"]["lan"]["count"] == 33
    assert "differs from its outcomes" not in caplog.text
    data.records.loc[0, "status"] = "none"
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        assert dxmap.analyse(data, as_of="2024-03-31").summary["gaps"]["lan"]["count"] == 33
    assert ("1 record differs from its outcomes (technology, status or date: status_records.csv row 2): the records "
            "were changed after they were reconciled") in caplog.text
    caplog.clear()
    zoned = demo.outcomes.assign(as_of=demo.outcomes["as_of"].dt.tz_localize("Asia/Ho_Chi_Minh"))
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        dxmap.analyse(dataclasses.replace(demo, outcomes=zoned))
    assert "differs from" not in caplog.text and "differ from" not in caplog.text  # QA58 8: 6,497 "differed"
    assert dxmap.analyse(dataclasses.replace(data, outcomes=None), as_of="2024-03-31").summary["gaps"]["lan"]["count"] == 34


def test_rank_communes_refuses_an_unknown_by_as_every_option_is_refused(status):
    """QA55 9: rank_communes(by="district") was a SchemaError; a value an option does not take is an OptionError."""
    with pytest.raises(OptionError, match=r"^by='district': use 'villages' or 'people'\."):
        dxmap.rank_communes(status, by="district")

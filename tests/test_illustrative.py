"""The illustrative mark follows the data, not --demo (QA finding 5): a map, summary or report made with any part of
the bundled sample (villages with ``illustrative: true``, records whose source says "(minh họa)") says DỮ LIỆU MINH
HỌA / ILLUSTRATIVE, also when the sample is read as files and mixed with a user's own; a user's own files are not
marked."""

from __future__ import annotations

import dataclasses
import json
import logging
import re
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from click.testing import CliRunner
from shapely.geometry import Point

import dxmap
from dxmap.cli import main
from dxmap.pipeline import illustrative_note

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning", "ignore::UserWarning")

ROOT = Path(dxmap.__file__).parent.parent
SAMPLE = ROOT / "data" / "sample"
RECORDS, VILLAGES = SAMPLE / "status_records.csv", SAMPLE / "villages.geojson"
TESTS = Path(__file__).parent / "data"
YENBAI_COMMUNES = ROOT / "data" / "boundaries" / "yenbai_communes_2025-01_derived.geojson"


def run(*args: str):
    return CliRunner().invoke(main, [*map(str, args)], catch_exceptions=False)


def _page_flag(html: str) -> bool:
    """The map page's own illustrative flag (the label table holds the banner's words on every page)."""
    found = re.findall(r'"illustrative":\s*(true|false)', html)
    assert len(found) == 1, found
    return found[0] == "true"


def _banner(html: str) -> str:
    """The banner's words: the page's label "illustrative" (the one text of that key in the page)."""
    (text,) = {json.loads(t) for t in re.findall(r'"illustrative":\s*("[^"]*")', html)}
    return text


@pytest.fixture(scope="module")
def yenbai(tmp_path_factory) -> Path:
    """A user's own (real-looking) LAN sheet for Yên Bái, as the QA tester made: no "(minh họa)" anywhere."""
    communes = gpd.read_file(YENBAI_COMMUNES)
    path = tmp_path_factory.mktemp("yb") / "yenbai_lan.csv"
    pd.DataFrame({"commune_code": communes["code"], "commune_name": communes["name"], "technology": "lan",
                  "status": ["none" if i % 5 == 0 else "covered" for i in range(len(communes))],
                  "as_of": "2024-06-30", "source": "Sở TT&TT Yên Bái"}).to_csv(path, index=False)
    return path


# -- the command line -------------------------------------------------------------------------------------------------

def test_map_of_the_sample_files_and_another_file_shows_the_banner(tmp_path, yenbai):
    """The QA steps: the sample records and villages, given as files with a user's file, no --demo."""
    out = tmp_path / "merged.html"
    result = run("map", "--records", RECORDS, "--records", yenbai, "--villages", VILLAGES, "--out", out)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert _page_flag(html) is True and "DỮ LIỆU MINH HỌA" in html
    # and the log says which inputs are made up (a warning: it shows under -q too), not the user's file; in the
    # command's language (the map's: Vietnamese here)
    assert "dxmap: DỮ LIỆU MINH HỌA (không phải số liệu thật): bản ghi trong status_records.csv; thôn/bản " \
           "(villages.geojson)\n" in result.stderr
    assert "yenbai_lan.csv" not in result.stderr.split("DỮ LIỆU MINH HỌA (không phải")[1].splitlines()[0]
    english = run("map", "--records", RECORDS, "--records", yenbai, "--villages", VILLAGES, "--out", out, "--lang", "en")
    assert "ILLUSTRATIVE (made up, not real figures): the records of status_records.csv; the villages " \
           "(villages.geojson)" in english.stderr
    # the banner says which part is made up: the Yên Bái records are real (it said "DỮ LIỆU MINH HỌA — không phải
    # số liệu thật" of the whole page)
    assert _banner(html) == ("DỮ LIỆU MINH HỌA (không phải số liệu thật): bản ghi trong status_records.csv; thôn/bản "
                             "(villages.geojson)")


def test_map_of_the_sample_records_alone_shows_the_banner(tmp_path):
    out = tmp_path / "alone.html"
    result = run("map", "--records", RECORDS, "--allow-unmatched", "--out", out, "-q")
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert _page_flag(html) is True and _banner(html) == "DỮ LIỆU MINH HỌA — không phải số liệu thật"  # all made up


def test_map_of_a_users_own_files_has_no_banner(tmp_path, yenbai):
    out = tmp_path / "own.html"
    result = run("map", "--records", yenbai, "--out", out, "-q")
    assert result.exit_code == 0, result.output
    assert _page_flag(out.read_text(encoding="utf-8")) is False
    assert "illustrative" not in result.stderr


def test_summary_of_the_sample_files_prints_the_marker():
    result = run("summary", "--records", RECORDS, "--villages", VILLAGES, "-q")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Số liệu đến ngày 30/6/2024  [DỮ LIỆU MINH HỌA]"
    assert not any("không phải số liệu thật" in line for line in lines)  # wholly the sample: the mark alone, as --demo
    data = json.loads(run("summary", "--records", RECORDS, "--villages", VILLAGES, "--format", "json", "-q").stdout)
    assert data["illustrative"] is True


@pytest.mark.parametrize(("lang", "head", "parts"), [
    ("vi", "  [DỮ LIỆU MINH HỌA]",
     "DỮ LIỆU MINH HỌA (không phải số liệu thật): bản ghi trong status_records.csv; thôn/bản (villages.geojson)"),
    ("en", "  [ILLUSTRATIVE sample data]",
     "ILLUSTRATIVE (made up, not real figures): the records of status_records.csv; the villages (villages.geojson)"),
])
def test_summary_of_the_sample_mixed_with_a_users_file_says_which_part(yenbai, lang, head, parts):
    result = run("summary", "--records", RECORDS, "--records", yenbai, "--villages", VILLAGES, "--lang", lang, "-q")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].endswith(head)
    assert lines[-1] == parts


def test_summary_of_a_users_own_files_has_no_marker(yenbai):
    result = run("summary", "--records", yenbai, "--lang", "en", "-q")
    assert result.exit_code == 0, result.output
    assert "ILLUSTRATIVE" not in result.stdout
    assert json.loads(run("summary", "--records", yenbai, "--format", "json", "-q").stdout)["illustrative"] is False


def test_summary_with_a_users_records_and_the_sample_villages_is_marked(tmp_path):
    """Only the villages are the sample's: still marked, and the villages named."""
    own = tmp_path / "own.csv"
    villages = gpd.read_file(VILLAGES)
    pd.DataFrame({"level": "village", "village_id": villages["village_id"].head(20), "technology": "fibre",
                  "status": "none", "as_of": "2024-06-30", "source": "VNPT"}).to_csv(own, index=False)
    result = run("summary", "--records", own, "--villages", VILLAGES, "--lang", "en", "-q")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].endswith("[ILLUSTRATIVE sample data]")
    assert lines[-1] == "ILLUSTRATIVE (made up, not real figures): the villages (villages.geojson)"


# -- the Python API ---------------------------------------------------------------------------------------------------

def test_read_dataset_of_the_sample_files_is_illustrative():
    data = dxmap.read_dataset([RECORDS], villages=VILLAGES)
    assert data.illustrative is True
    assert data.illustrative_parts == (("records", "status_records.csv"), ("villages", "villages.geojson"))
    assert dxmap.analyse(data).summary["illustrative"] is True


def test_read_dataset_with_the_sample_villages_alone_is_illustrative():
    data = dxmap.read_dataset(TESTS / "records.csv", communes=TESTS / "communes.geojson", villages=VILLAGES)
    assert data.illustrative is True and data.illustrative_parts == (("villages", "villages.geojson"),)
    assert not data.wholly_illustrative
    assert illustrative_note(data, "en") == "ILLUSTRATIVE (made up, not real figures): the villages (villages.geojson)"


def test_read_dataset_of_a_users_own_files_is_not_illustrative():
    data = dxmap.read_dataset(TESTS / "records.csv", communes=TESTS / "communes.geojson",
                              villages=TESTS / "villages.geojson")
    assert data.illustrative is False and data.illustrative_parts == ()
    assert illustrative_note(data, "en") == ""
    assert dxmap.analyse(data, strict=False).summary["illustrative"] is False


def test_read_dataset_of_the_sample_and_a_users_file_warns_and_names_the_sample(yenbai, caplog):
    with caplog.at_level(logging.INFO, logger="dxmap"):
        data = dxmap.read_dataset([RECORDS, yenbai], villages=VILLAGES)
    assert data.illustrative is True and not data.wholly_illustrative
    said = [r for r in caplog.records if "ILLUSTRATIVE" in r.getMessage()]
    assert [r.levelno for r in said] == [logging.WARNING]
    assert "status_records.csv" in said[0].getMessage() and "yenbai_lan.csv" not in said[0].getMessage()


def test_records_marked_minh_hoa_are_illustrative_in_any_file(tmp_path):
    """The mark is the data's (the source's "(minh họa)", the README's promise), not the bundled file's path."""
    copied = tmp_path / "ban_sao.csv"
    copied.write_text("level,commune_code,technology,status,as_of,source\n"
                      "commune,02635,lan,none,2024-06-30,Sở TT&TT (Minh hoạ)\n"
                      "commune,02641,lan,covered,2024-06-30,Sở TT&TT\n", encoding="utf-8")
    data = dxmap.read_dataset(copied)
    assert data.illustrative is True and data.illustrative_parts == (("records", "ban_sao.csv"),)
    plain = tmp_path / "that.csv"
    plain.write_text("level,commune_code,technology,status,as_of,source\n"
                     "commune,02635,lan,none,2024-06-30,Sở TT&TT Lào Cai\n", encoding="utf-8")
    assert dxmap.read_dataset(plain).illustrative is False


def test_a_dataset_made_by_hand_follows_its_data():
    demo = dxmap.demo_dataset()
    records = demo.records
    # the sample villages and records, made into a Dataset by hand: marked, even when told False
    assert dxmap.Dataset(communes=demo.communes, records=records, villages=demo.villages).illustrative is True
    assert dxmap.Dataset(communes=demo.communes, records=records, illustrative=False).illustrative is True
    # the records with a real-looking source and no villages: not marked
    own = records.assign(source="Sở TT&TT")
    assert dxmap.Dataset(communes=demo.communes, records=own).illustrative is False
    # replace() with the sample kept keeps the mark
    assert dataclasses.replace(demo, outcomes=demo.outcomes).illustrative_parts == demo.illustrative_parts
    # QA26: a layer's file came back "" although read_boundaries keeps it in attrs["source"]
    assert demo.illustrative_parts == (("records", "status_records.csv"), ("villages", "villages.geojson"),
                                       ("village_areas", "village_areas.geojson"))


@pytest.mark.parametrize(("values", "expected"), [
    (["false", "true"], True), (["0", "1"], True), ([False, True], True), (["có", ""], True),
    (["false", "false"], False), ([False, False], False), ([0, 0], False), ([None, None], False),
])
def test_a_village_layer_with_an_illustrative_column(values, expected):
    demo = dxmap.demo_dataset()
    villages = gpd.GeoDataFrame({"village_id": ["a", "b"], "name": ["Thôn 1", "Thôn 2"],
                                 "commune_code": ["02635", "02635"], "illustrative": values},
                                geometry=[Point(103.96, 22.49), Point(103.97, 22.49)], crs="EPSG:4326")
    data = dxmap.Dataset(communes=demo.communes, records=demo.records.assign(source="x"), villages=villages)
    assert data.illustrative is expected


def test_the_report_of_the_sample_mixed_with_a_users_file_is_marked(yenbai):
    from dxmap.render.report import build_report

    data = dxmap.read_dataset([RECORDS, yenbai], villages=VILLAGES)
    assert build_report(data, compare_to=None).illustrative is True
    own = dxmap.read_dataset([yenbai])
    assert build_report(own).illustrative is False

"""analyse / read_dataset: the whole pipeline through the public API."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

import dxmap
from dxmap.errors import SchemaError, UnmatchedRecordsError
from dxmap.gaps.status import picture_date
from dxmap.reconcile.match import outcome_counts


def test_load_dataset_several_files_and_strictness(data_dir):
    data = dxmap.read_dataset([data_dir / "records.csv", data_dir / "records.xlsx"], communes=data_dir / "communes.geojson",
                              districts=data_dir / "districts.geojson", villages=data_dir / "villages.geojson")
    assert len(data.outcomes) == 18
    assert set(data.outcomes["file"]) == {"records.csv", "records.xlsx"}
    # the second file repeats the first: its rows are duplicates, and the orphan row is unmatched twice
    assert outcome_counts(data.outcomes)["duplicate"] == 8
    with pytest.raises(UnmatchedRecordsError, match=r"10 of 18 records did not match.*--allow-unmatched"):
        dxmap.analyse(data)
    result = dxmap.analyse(data, strict=False, district="tay son")
    assert result.district == ("002", "Tây Sơn")
    assert result.summary["units"] == {"communes": 2, "villages": 4}
    assert result.summary["gaps"]["lan"]["count"] == 1


def test_analyse_keeps_the_date_when_filtering(demo):
    result = dxmap.analyse(demo, as_of="2024-03-31", district="082")
    assert result.as_of == picture_date(result.status) == "2024-03-31"
    assert result.summary["as_of"] == "2024-03-31"
    assert set(result.status["district_code"]) == {"082"}


def test_demo_dataset_shapes(demo):
    assert len(demo.communes) == 152 and len(demo.districts) == 9
    assert len(demo.villages) == len(demo.village_areas) == 1554
    assert set(demo.village_areas.geom_type) <= {"Polygon", "MultiPolygon"}
    assert set(demo.villages.geom_type) == {"Point"}
    assert len(demo.outcomes) == len(demo.records)


def test_the_first_missing_file_is_named(tmp_path):
    # The boundary layers are read before the records: a missing communes file is what the user hears of first.
    with pytest.raises(dxmap.DxmapError, match="missing-communes"):
        dxmap.read_dataset([tmp_path / "missing-records.csv"], communes=tmp_path / "missing-communes.gpkg")


def test_the_command_leaves_the_host_process_as_it_was():
    """No allocator, memory pool, garbage-collector or logging-root change survives a command (run in-process)."""
    import gc
    import logging

    import pyarrow as pa
    from click.testing import CliRunner

    from dxmap.cli import main

    def state():  # and dxmap's own logger: a host's handlers go on receiving its records (QA49)
        ours = logging.getLogger("dxmap")
        return (gc.isenabled(), gc.get_freeze_count(), gc.get_threshold(), pa.default_memory_pool().backend_name,
                logging.getLogger().level, list(logging.getLogger().handlers), ours.level, list(ours.handlers),
                ours.propagate)

    before = state()
    assert CliRunner().invoke(main, ["summary", "--demo", "-q"]).exit_code == 0
    assert CliRunner().invoke(main, ["summary", "--records", "missing.csv", "-q"]).exit_code == 1
    assert state() == before


def test_no_process_wide_calls_in_the_package():
    root = Path(dxmap.__file__).parent
    banned = ("mallopt", "malloc_trim", "gc.freeze", "gc.disable", "gc.collect", "set_memory_pool", "setlocale",
              "warnings.filterwarnings", "warnings.simplefilter")
    found = [(f.name, b) for f in root.rglob("*.py") for b in banned if b in f.read_text(encoding="utf-8")]
    assert found == []


def test_the_picture_date_travels_with_the_status_table(demo, tmp_path):
    """The date is a column: a status table saved to a GeoPackage and read back, or cut to one district,
    still says which day it shows; two pictures put together are refused, not mixed."""
    import geopandas as gpd

    from dxmap.errors import SchemaError
    from dxmap.render.webmap import gap_map, page_data

    status = dxmap.unit_status(demo.outcomes, demo.communes, demo.villages, as_of="2024-03-31")
    status[status["district_code"].eq("082")].to_file(tmp_path / "bat-xat.gpkg")
    again = gpd.read_file(tmp_path / "bat-xat.gpkg")
    assert picture_date(again) == "2024-03-31"
    assert page_data(gap_map(again, demo.communes, lang="en"))["asOf"] == "2024-03-31"
    later = dxmap.unit_status(demo.outcomes, demo.communes, demo.villages, as_of="2024-06-30")
    with pytest.raises(SchemaError, match=r"several dates \(as_of: '2024-03-31', '2024-06-30'\)"):
        dxmap.summarise(pd.concat([status, later]))


def test_a_records_file_with_a_header_only_is_named(tmp_path, caplog):
    empty, full = tmp_path / "q3.csv", tmp_path / "q2.csv"
    empty.write_text("commune_code,technology,status,as_of\n", encoding="utf-8")
    full.write_text("commune_code,technology,status,as_of\n02692,lan,none,2024-06-30\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="dxmap"):
        data = dxmap.read_dataset([full, empty])
    assert len(data.records) == 1 and "q3.csv: no records: a header line and no rows below it" in caplog.text
    with pytest.raises(SchemaError, match=r"q3.csv: no records, only a header line"):  # nothing at all to work with
        dxmap.read_dataset(empty)


def test_lao_cai_codes_beside_another_places_names_ask_for_their_commune_layer(tmp_path):
    """QA67 F3: French INSEE codes are five digits too (02692 is Laon-Nord and A Lù): the names beside them say whose
    records they are; a Lào Cai sheet with a typo or one wrong name still reads with the bundled communes."""
    path = tmp_path / "insee.csv"
    names = ["Laon-Nord", "Marle", "Montcornet", "Guise", "Vervins"]
    codes = ["02692", "02695", "02710", "02683", "02701"]
    path.write_text("Commune code,Commune,LAN,Date\n" + "".join(f"{c},{n},yes,2025-06-30\n" for c, n in
                                                                 zip(codes, names)), encoding="utf-8")
    with pytest.raises(SchemaError, match=re.escape(
            "the records' commune codes are codes of dxmap's bundled Lào Cai communes, but most of the commune names "
            "beside them are not Lào Cai's ('02692 Laon-Nord', '02695 Marle', '02710 Montcornet', '02683 Guise', "
            "'02701 Vervins'): these are another place's records. Give your commune layer with communes=")):
        dxmap.read_dataset(path)
    ours = ["A Lu", "Trinh Tuong", "Ban Vuoc", "Bat Xat", "Marle"]  # diacritics left out, one name wrong
    path.write_text("Commune code,Commune,LAN,Date\n" + "".join(f"{c},{n},yes,2024-06-30\n" for c, n in
                                                                 zip(codes, ours)), encoding="utf-8")
    assert len(dxmap.read_dataset(path).communes) == 152
    # words around the name, as a LAN sheet names the commune's office (QA68 N3: refused as another place's)
    ours = ["UBND xã A Lù", "Xã Trịnh Tường (cũ)", "Bản Vược - Bát Xát", "UBND thị trấn Bát Xát", "Vervins"]
    path.write_text("Commune code,Commune,LAN,Date\n" + "".join(f"{c},{n},yes,2024-06-30\n" for c, n in
                                                                 zip(codes, ours)), encoding="utf-8")
    assert len(dxmap.read_dataset(path).communes) == 152


def _lan_records(path: Path, communes: pd.DataFrame) -> Path:
    """One LAN record per commune of ``communes`` (codes and names as the layer has them), none for the first."""
    rows = communes[["code", "name"]].rename(columns={"code": "commune_code", "name": "commune_name"})
    table = rows.assign(level="commune", technology="lan", status=["none"] + ["covered"] * (len(rows) - 1),
                        as_of="2024-06-30")
    table.to_csv(path, index=False)
    return path


@pytest.mark.parametrize(("header", "cells", "said"), [
    ("Ward code", ["0416", "0417"], "('0416', '0417')"), ("Ward", ["Kivaa", "Masii"], "('Kivaa', 'Masii')")])
def test_records_of_no_bundled_province_ask_for_their_commune_layer(tmp_path, header, cells, said):
    """QA22: a Kenyan file read without --communes was matched against Lào Cai: 250 unmatched records, each with
    Lào Cai suggestions, where one line asking for the commune layer would do."""
    path = tmp_path / "ke.csv"
    path.write_text(f"{header},LAN,Date\n" + "".join(f"{c},Yes,2026-09-30\n" for c in cells), encoding="utf-8")
    with pytest.raises(SchemaError, match=re.escape(f"no commune code, district or commune name, or position of the records {said} is in "
                                                          "dxmap's bundled layers (Lào Cai 2024, Yên Bái 2025-01): "
                                                          "give your commune layer with communes=")):
        dxmap.read_dataset(path)
    path.write_text(f"{header},LAN,Date\n02692,Yes,2024-06-30\n" + "".join(f"{c},Yes,2024-06-30\n" for c in cells),
                    encoding="utf-8")
    if header == "Ward code":  # one code of Lào Cai beside two of no bundled commune: still Kenya's (QA67 F3)
        with pytest.raises(SchemaError, match=re.escape("2 of the records' 3 commune codes ('0416', '0417') are codes "
                                                        "of no commune of dxmap's bundled layers")):
            dxmap.read_dataset(path)
    path.write_text("Longitude,Latitude,LAN,Date\n37.2,-1.06,Yes,2026-09-30\n", encoding="utf-8")  # QA23: positions
    with pytest.raises(SchemaError, match=re.escape("or position of the records ('37.2, -1.06') is in")):
        dxmap.read_dataset(path)


def test_without_a_commune_layer_the_bundled_province_of_the_records_codes_is_used(tmp_path, caplog):
    from click.testing import CliRunner

    from dxmap.cli import main
    from dxmap.io.bundled import bundled_communes, bundled_old_communes

    laocai, both = bundled_communes(), bundled_old_communes()
    yenbai = both[both["province_code"].eq("15")]
    assert len(yenbai) == 168
    caplog.set_level("INFO", logger="dxmap")
    # Yên Bái's records alone: its 168 communes and 9 districts (were read against Lào Cai's: all unmatched)
    data = dxmap.read_dataset(_lan_records(tmp_path / "yb.csv", yenbai))
    assert len(data.communes) == 168 and len(data.districts) == 9
    assert (data.outcomes["outcome"] == "matched").all()
    assert "the bundled Yên Bái communes (168, as of 2025-01)" in caplog.text
    result = dxmap.analyse(data)
    assert result.summary["gaps"]["lan"]["count"] == 1 and result.summary["units"]["communes"] == 168
    # records of both former provinces: the 320 communes of both, 18 districts
    mixed = pd.concat([pd.read_csv(_lan_records(tmp_path / "lc.csv", laocai), dtype=str),
                       pd.read_csv(tmp_path / "yb.csv", dtype=str)])
    mixed.to_csv(tmp_path / "both.csv", index=False)
    data = dxmap.read_dataset(tmp_path / "both.csv")
    assert len(data.communes) == 320 and len(data.districts) == 18
    assert (data.outcomes["outcome"] == "matched").all()
    # Lào Cai's, as before; the CLI says which layer it used
    run = CliRunner().invoke(main, ["summary", "--records", str(tmp_path / "lc.csv"), "--lang", "en"])
    assert run.exit_code == 0, run.output
    assert "the bundled Lào Cai communes (152, mid-2024)" in run.output and "units: 152 communes" in run.output
    run = CliRunner().invoke(main, ["summary", "--records", str(tmp_path / "yb.csv"), "--lang", "en"])
    assert run.exit_code == 0 and "units: 168 communes" in run.output, run.output


def test_one_records_date_per_file_in_python(tmp_path):
    from dxmap.errors import ArgumentError
    from dxmap.io.bundled import bundled_communes

    communes = bundled_communes().head(4)
    for name, gaps in (("q1.csv", 3), ("q2.csv", 1)):
        pd.DataFrame({"Mã xã": communes["code"], "Mạng LAN chuẩn": ["Chưa có"] * gaps + ["Đã có"] * (4 - gaps)}).to_csv(
            tmp_path / name, index=False)
    files = [tmp_path / "q1.csv", tmp_path / "q2.csv"]
    data = dxmap.read_dataset(files, as_of=["31/03/2024", "30/06/2024"])
    assert sorted(data.records["as_of"].astype(str).unique()) == ["2024-03-31", "2024-06-30"]
    assert dxmap.analyse(data).summary["gaps"]["lan"]["count"] == 1
    with pytest.raises(ArgumentError, match="as_of: 2 dates for 1 records files"):
        dxmap.read_dataset(files[:1], as_of=["31/03/2024", "30/06/2024"])


def test_one_records_version_per_file_in_python(tmp_path):
    """QA70 N5: records_version= takes a list, one version per records file, as as_of= does."""
    from dxmap.errors import ArgumentError
    from dxmap.io.boundaries import boundary_version

    old, new = tmp_path / "q2.csv", tmp_path / "lan.csv"
    pd.DataFrame({"Mã xã": ["02692"], "Mạng LAN chuẩn": ["Chưa có"], "Ngày": ["30/06/2024"]}).to_csv(old, index=False)
    pd.DataFrame({"Mã xã": ["02692"], "Mạng LAN chuẩn": ["Có"], "Ngày": ["30/06/2024"]}).to_csv(new, index=False)
    data = dxmap.read_dataset([old, new], records_version=["2024", "2025-07"])  # 02692 A Lù is no 2025-07 unit
    assert boundary_version(data.communes) == "2025-07" and data.outcomes["outcome"].tolist() == ["unmatched"]
    assert data.earlier is not None and data.earlier.outcomes["outcome"].tolist() == ["matched"]
    same = dxmap.read_dataset([old, new], records_version=["2024", "2024"])
    assert same.earlier is None and boundary_version(same.communes) is not None
    with pytest.raises(ArgumentError, match="records_version: 1 version for 2 files of records"):
        dxmap.read_dataset([old, new], records_version=["2024"])
    with pytest.raises(ArgumentError, match="records_version='2025'"):
        dxmap.read_dataset([old, new], records_version=["2024", "2025"])


def test_without_codes_the_bundled_province_is_told_by_names(tmp_path, caplog):
    from dxmap.io.bundled import bundled_communes, bundled_old_communes

    yenbai = bundled_old_communes().query("province_code == '15'")
    caplog.set_level("INFO", logger="dxmap")
    # Văn Chấn's communes by name only (QA: all unmatched, with Lào Cai suggestions)
    van_chan = yenbai[yenbai["district_name"].eq("Văn Chấn")]
    pd.DataFrame({"Tên xã": van_chan["name"], "Mạng LAN chuẩn": "Có"}).to_csv(tmp_path / "vc.csv", index=False)
    data = dxmap.read_dataset(tmp_path / "vc.csv", as_of="30/06/2024")
    assert len(data.communes) == 168 and data.outcomes["outcome"].eq("matched").mean() > 0.9
    # a district column of both provinces' districts: both
    both = pd.DataFrame({"Huyện": ["Bát Xát", "Văn Chấn"], "Tên xã": ["A Mú Sung", "Tú Lệ"], "Mạng LAN chuẩn": "Có"})
    both.to_csv(tmp_path / "both.csv", index=False)
    data = dxmap.read_dataset(tmp_path / "both.csv", as_of="30/06/2024")
    assert len(data.communes) == 320 and data.outcomes["outcome"].eq("matched").all()
    # names both provinces have: Lào Cai, as before, and a warning says so
    caplog.clear()
    pd.DataFrame({"Tên xã": ["Phường Tân An", "Phường Nam Cường"], "Mạng LAN chuẩn": "Có"}).to_csv(tmp_path / "ns.csv",
                                                                                                 index=False)
    data = dxmap.read_dataset(tmp_path / "ns.csv", as_of="30/06/2024")
    assert len(data.communes) == len(bundled_communes())
    assert "names of both Lào Cai and Yên Bái" in caplog.text


def test_one_records_file_given_twice_is_said_so(tmp_path):
    # QA: a DuplicateRecordError listed every record "(and 1 more record(s) …)" instead of naming the file
    from dxmap.errors import ArgumentError

    f = tmp_path / "r.csv"
    f.write_text("Mã xã,Mạng LAN chuẩn\n02872,Chưa có\n", encoding="utf-8")
    with pytest.raises(ArgumentError, match=r"the records file '.*r.csv' is given twice \(also as '.*sub/\.\./r.csv'\)"):
        dxmap.read_dataset([f, tmp_path / "sub" / ".." / "r.csv"], as_of="2024-06-30")
    with pytest.raises(ArgumentError, match=r"is given twice: every record would be a duplicate"):
        dxmap.read_dataset([str(f), str(f)], as_of="2024-06-30")


def test_columns_apply_to_the_records_files_that_have_each_header(data_dir, village_and_lan_sheets, caplog):
    """QA67 F5: a village sheet and a LAN sheet of different headers go into one run with one columns=; the LAN
    sheet, without 'Province' or 'Community', is read without them, and the log says so once."""
    villages, lan, columns = village_and_lan_sheets
    with caplog.at_level("INFO", logger="dxmap"):
        data = dxmap.read_dataset([villages, lan], communes=data_dir / "communes.geojson",
                                  villages=data_dir / "villages.geojson", columns=columns)
    assert outcome_counts(data.outcomes)["matched"] == len(data.outcomes) == 5
    assert data.outcomes["file"].value_counts().to_dict() == {"villages_q2.csv": 3, "lan_q2.xlsx": 2}
    lines = [r.getMessage() for r in caplog.records if "does not have" in r.getMessage()]
    assert lines == ["lan_q2.xlsx does not have 'Province', 'Community': columns={'district_name': 'Province'}, "
                     "columns={'village_name': 'Community'} not used for it (only for the records files and sheets "
                     "that do)"]
    assert not any("villages_q2.csv does not have" in r.getMessage() for r in caplog.records)


def test_a_header_no_records_file_has_is_refused_with_every_files_headers(data_dir, village_and_lan_sheets):
    villages, lan, columns = village_and_lan_sheets
    with pytest.raises(SchemaError, match=re.escape(
            "columns= names 'Comunity', which no records file has; the files' headers are villages_q2.csv: "
            "'Municipality code', 'Municipality', 'Province', 'Community', 'Technology', 'Status', 'Date'; "
            "lan_q2.xlsx: 'No.', 'Municipality code', 'Municipality', 'LAN at town hall', 'Date of report'. Write "
            "each header as a file writes it, or leave it out of columns=.")):
        dxmap.read_dataset([villages, lan], communes=data_dir / "communes.geojson", columns=columns | {
            "village_name": "Comunity"})
    # one file alone: what it lacks is its own reading's error, as read_records says it
    with pytest.raises(SchemaError, match="lan_q2.xlsx: columns= names 'Province', 'Community', which the file does "
                                          "not have"):
        dxmap.read_dataset([lan], communes=data_dir / "communes.geojson", columns=columns)


def test_unmatched_codes_of_the_sapa_cluster_say_why_and_the_fix(tmp_path):
    """The bundled commune polygons file read on its own lacks the 8 Sa Pa communes that share one polygon (only
    bundled_communes() adds them): the error says so and names the fix, rather than "not in the boundary set" alone
    (QA69 F10). Other unmatched codes, or 03006 alone (also the new Sa Pa ward's code), get no such hint."""
    from dxmap.io.bundled import data_dir

    polygons = data_dir() / "boundaries" / "laocai_communes_2024_derived.geojson"

    def error(codes: list[str]) -> UnmatchedRecordsError:
        path = tmp_path / "r.csv"
        pd.DataFrame({"commune_code": codes, "technology": "lan", "status": "none", "as_of": "2024-06-30"}).to_csv(
            path, index=False)
        with pytest.raises(UnmatchedRecordsError) as caught:
            dxmap.analyse(dxmap.read_dataset(path, communes=polygons))
        return caught.value

    said = error(["03002", "03016", "02692"])
    assert ("Commune codes '03002', '03016' are Sa Pa communes with no polygon of their own" in str(said)
            and "communes=dxmap.bundled_communes() (CLI: leave --communes out)" in str(said))
    assert "Mã xã '03002', '03016' là các xã của Sa Pa" in said.dxmap_said["vi"]
    assert "CLI: bỏ --communes" in said.dxmap_said["vi"]
    for codes in (["09999", "02692"], ["03006", "02692"]):
        assert "Sa Pa" not in str(error(codes)), codes


def test_an_analysis_shows_itself_in_a_notebook(demo):
    """Jupyter shows _repr_html_: the place and date, each technology's gaps of all units and the ILLUSTRATIVE mark,
    escaped; repr stays one line (QA69 F7). as_of is text, the status table's as_of a datetime (documented)."""
    shown = dxmap.analyse(demo, as_of="2024-06-30", district="bat xat")._repr_html_()
    assert "<caption>Huyện Bát Xát · 2024-06-30</caption>" in shown
    assert "<td>Mobile broadband</td><td>3 / 246 villages</td>" in shown
    assert "<td>Standard LAN</td><td>6 / 21 communes</td>" in shown
    assert "<strong>ILLUSTRATIVE DATA" in shown and "<script" not in shown and "style" not in shown
    whole = dxmap.analyse(demo, as_of="2024-06-30")
    assert "<caption>Lào Cai · 2024-06-30</caption>" in whole._repr_html_()
    assert "<td>Fibre (FTTH)</td><td>56 / 1,554 villages</td>" in whole._repr_html_()
    assert isinstance(whole.as_of, str) and str(whole.status["as_of"].dtype).startswith("datetime64")
    odd = demo.communes.assign(province_name="<b>Lào Cai</b>")
    assert "&lt;b&gt;Lào Cai&lt;/b&gt;" in dxmap.analyse(replace(demo, communes=odd), as_of="2024-06-30")._repr_html_()

"""A former commune (xã cũ) column in records of the 2025-07 units: villages of one name from different former
communes of one new commune are different villages (QA64 F7: three "Thôn 1" of Bát Xát were merged into one)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from click.testing import CliRunner

import dxmap
from dxmap.cli import main
from dxmap.io.bundled import bundled_units_2025
from dxmap.reconcile.match import outcome_counts
from dxmap.reconcile.outcomes import format_outcomes

# The tester's sheet, as offices type them in 2026: the new commune, the former commune, the village
SHEET = ("Xã mới,Xã cũ,Thôn/bản,Di động,Cáp quang,Ngày cập nhật\n"
         "Xã Bát Xát,Bản Vược,Thôn 1,Có,Chưa có,20/11/2026\n"
         "Xã Bát Xát,Quang Kim,Thôn 1,Có,Có,20/11/2026\n"
         "Xã Bát Xát,Bản Qua,Thôn 1,Có,Có,18/11/2026\n")


@pytest.fixture()
def sheet(tmp_path):
    path = tmp_path / "chuyen_doi_thon1.csv"
    path.write_text(SHEET, encoding="utf-8")
    return path


def test_the_new_and_the_former_commune_columns_are_recognised(sheet):
    """"Xã mới" is the commune and "Xã cũ" the former commune, without --column (it was refused: no column that
    identifies the unit)."""
    records = dxmap.read_records(sheet)
    assert records["commune_name"].eq("Xã Bát Xát").all()
    assert records["former_commune_name"].tolist() == ["Bản Vược"] * 2 + ["Quang Kim"] * 2 + ["Bản Qua"] * 2
    table = pd.DataFrame({"Mã xã mới": ["2683"], "Mã xã cũ": ["2710"], "Tên thôn": ["Thôn 1"], "Cáp quang": ["Có"],
                          "Ngày": ["20/11/2026"]})
    read = dxmap.as_records(table)
    assert read[["commune_code", "former_commune_code"]].iloc[0].tolist() == ["02683", "02710"]


def test_three_villages_of_one_name_from_three_former_communes_are_three(sheet, caplog):
    """The tester's file: 3 villages, every record matched (was: 1 village, 2 duplicates, Bản Qua's row silently an
    older record of the same village); fibre 1 without, 2 with; told apart by id and, in the status, by name."""
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        data = dxmap.read_dataset(sheet, records_version="2025-07")
    assert outcome_counts(data.outcomes) == {"matched": 6, "unmatched": 0, "ambiguous": 0, "duplicate": 0,
                                             "conflict": 0, "ignored": 0, "invalid": 0}
    villages = data.villages
    assert villages["village_id"].tolist() == ["02683-ban-vuoc-thon-1", "02683-quang-kim-thon-1",
                                               "02683-ban-qua-thon-1"]
    assert villages["name"].eq("Thôn 1").all()
    assert villages["former_commune_code"].tolist() == ["02710", "02734", "02716"]  # the bundled units' old codes
    assert villages["former_commune_name"].tolist() == ["Bản Vược", "Quang Kim", "Bản Qua"]
    assert "former commune" not in caplog.text  # each is one of Bát Xát's
    status = dxmap.unit_status(data.outcomes, data.communes, data.villages)
    fibre = status[status["level"].eq("village") & status["technology"].eq("fibre")].set_index("name")["status"]
    assert fibre.to_dict() == {"Thôn 1 (Bản Vược)": "none", "Thôn 1 (Quang Kim)": "covered",
                               "Thôn 1 (Bản Qua)": "covered"}


def test_the_command_line_counts_three_villages(sheet):
    """`dxmap summary` (the tester's command, with and without --column): 3 villages, fibre 1 none and 2 covered."""
    for extra in ([], ["--column", "commune_name=Xã mới"]):
        result = CliRunner().invoke(main, ["summary", "--records", str(sheet), "--records-version", "2025-07",
                                           "--format", "json", "-q", "--lang", "en", *extra])
        assert result.exit_code == 0, result.output
        summary = json.loads(result.output)
        assert summary["units"]["villages"] == 3
        fibre = summary["gaps"]["fibre"]
        assert (fibre["count"], fibre["statuses"]["covered"]) == (1, 2)


def test_a_row_without_its_former_commune_beside_namesakes_is_ambiguous(tmp_path):
    """A "Thôn 1" that names no former commune beside two "Thôn 1" of two former communes could be either: ambiguous,
    listing both, and no fourth village is made of it; beside one village of that name it is that village's."""
    path = tmp_path / "r.csv"
    path.write_text(SHEET + "Xã Bát Xát,,Thôn 1,Có,Có,20/11/2026\n"
                    "Xã Y Tý,A Lù,Thôn 2,Có,Có,20/11/2026\nXã Y Tý,,Thôn 2,Có,Chưa có,10/11/2026\n", encoding="utf-8")
    data = dxmap.read_dataset(path, records_version="2025-07")
    assert len(data.villages) == 4
    out = data.outcomes
    lost = out[out["row"].eq(5)]
    assert lost["outcome"].eq("ambiguous").all()
    # what to fill in: its former commune, not the ids dxmap made (QA66 F7)
    assert lost["reason"].iloc[0] == ("this commune has a village Thôn 1 in several former communes: fill in the "
                                      "village's former commune (Bản Qua, Bản Vược or Quang Kim)")
    lone = out[out["row"].isin([6, 7])]
    assert lone["outcome"].eq("matched").all() and lone["unit_id"].eq("02701-a-lu-thon-2").all()


def test_an_ambiguous_village_asks_for_its_former_commune_and_its_suggestions_name_them(tmp_path):
    """QA66 F7: "Thôn 1" of Xã Y Tý without Xã cũ, beside "Thôn 1" of A Lù and of Y Tý, was told to "add the village
    code" (ids dxmap made), and its suggestions were two alike "Thôn 1 (giống 100%)"."""
    path = tmp_path / "yty.csv"
    path.write_text("Xã,Xã cũ,Thôn/bản,Cáp quang,Ngày cập nhật\nXã Y Tý,A Lù,Thôn 1,Chưa có,21/11/2026\n"
                    "Xã Y Tý,Y Tý,Thôn 1,Có,21/11/2026\nXã Y Tý,,Thôn 1,Chưa có,21/11/2026\n", encoding="utf-8")
    out = dxmap.read_dataset(path, records_version="2025-07", lang="vi").outcomes
    lost = out[out["row"].eq(4)].iloc[0]
    assert lost["outcome"] == "ambiguous"
    assert lost["reason"] == "xã này có thôn/bản Thôn 1 ở nhiều xã cũ: hãy ghi xã cũ của thôn/bản (A Lù hoặc Y Tý)"
    assert "mã thôn/bản" not in lost["reason"]
    assert lost["suggestions"] == "02701-a-lu-thon-1 Thôn 1 (A Lù) (100); 02701-y-ty-thon-1 Thôn 1 (Y Tý) (100)"
    # a village layer that says the former communes, and a row naming one that has no "Thôn 1": correct it
    units = bundled_units_2025()
    at = units.loc[units["code"].eq("02683")].geometry.iloc[0].representative_point()
    layer = gpd.GeoDataFrame({"village_id": ["BX-1", "BX-2"], "name": ["Thôn 1", "Thôn 1"],
                              "commune_code": ["02683", "02683"], "former_commune_name": ["Bản Vược", "Quang Kim"]},
                             geometry=[at, shapely.Point(at.x + 0.001, at.y)], crs="EPSG:4326").to_crs(units.crs)
    path.write_text("Mã xã,Xã cũ,Thôn,Cáp quang,Ngày\n02683,Bản Qua,Thôn 1,Có,20/11/2026\n", encoding="utf-8")
    out = dxmap.reconcile(dxmap.read_records(path), units, dxmap.as_villages(layer), records_version="2025-07")
    assert out["reason"].iloc[0] == ("this commune has a village Thôn 1 in several former communes, but not in the "
                                     "former commune Bản Qua: correct the village's former commune (Bản Vược or "
                                     "Quang Kim)")
    assert out["suggestions"].iloc[0] == "BX-1 Thôn 1 (Bản Vược) (100); BX-2 Thôn 1 (Quang Kim) (100)"


def test_an_ambiguous_village_is_offered_only_the_former_communes_that_hold_it(tmp_path):
    """QA68 N9: beside "Thôn 1" of A Lù and of Y Tý, a row of Xã Y Tý that names Bản Vược (Bát Xát's) made a third
    "Thôn 1" of the records' list, and the row that names no former commune was told to fill in "A Lù, Bản Vược or
    Y Tý": a former commune with no such village. Only A Lù and Y Tý are offered; with one left, or none, the rows
    that name the others are to be corrected."""
    head, last = "Xã,Xã cũ,Thôn/bản,Cáp quang,Ngày cập nhật\n", "Xã Y Tý,,Thôn 1,Chưa có,21/11/2026\n"

    def reason(formers: list[str], lang: str = "en") -> str:
        path = tmp_path / "yty.csv"
        path.write_text(head + "".join(f"Xã Y Tý,{f},Thôn 1,Có,21/11/2026\n" for f in formers) + last,
                        encoding="utf-8")
        out = dxmap.read_dataset(path, records_version="2025-07", lang=lang).outcomes
        assert out["outcome"].tolist() == ["matched"] * len(formers) + ["ambiguous"]
        return out["reason"].iloc[-1]

    assert reason(["A Lù", "Y Tý", "Bản Vược"]) == ("this commune has a village Thôn 1 in several former communes: "
                                                    "fill in the village's former commune (A Lù or Y Tý)")
    assert reason(["A Lù", "Bản Vược", "Quang Kym"]) == (
        "this commune has a village Thôn 1 in former commune A Lù only; other rows name one in Bản Vược and Quang "
        "Kym (not among this commune's former communes): give this row the former commune A Lù, or correct the "
        "other rows' commune or former commune")
    assert reason(["Quang Kim", "Bản Vược"], "vi") == (
        "các dòng khác ghi thôn/bản Thôn 1 của xã này ở Bản Vược và Quang Kim (không phải xã cũ của xã này): hãy "
        "sửa tên xã hoặc tên xã cũ ở các dòng đó, rồi ghi xã cũ cho dòng này")


def test_the_suggestions_offer_no_village_of_another_commune_s_former_commune(tmp_path):
    """QA70 N8: the reason offered only A Lù and Y Tý, but "did you mean" still offered the "Thôn 1" a row naming Bản
    Vược (Bát Xát's) had made, and that former commune was echoed as typed ("ban vuoc")."""
    path = tmp_path / "yty.csv"
    path.write_text("Xã,Xã cũ,Thôn/bản,Cáp quang,Ngày cập nhật\nXã Y Tý,A Lù,Thôn 1,Có,21/11/2026\n"
                    "Xã Y Tý,Y Tý,Thôn 1,Có,21/11/2026\nXã Y Tý,ban vuoc,Thôn 1,Có,21/11/2026\n"
                    "Xã Y Tý,,Thôn 1,Chưa có,21/11/2026\n", encoding="utf-8")
    out = dxmap.read_dataset(path, records_version="2025-07").outcomes
    assert out["suggestions"].iloc[-1] == "02701-a-lu-thon-1 Thôn 1 (A Lù) (100); 02701-y-ty-thon-1 Thôn 1 (Y Tý) (100)"
    one = tmp_path / "one.csv"
    one.write_text("Xã,Xã cũ,Thôn/bản,Cáp quang,Ngày cập nhật\nXã Y Tý,Y Tý,Thôn 1,Có,21/11/2026\n"
                   "Xã Y Tý,ban vuoc,Thôn 1,Có,21/11/2026\nXã Y Tý,,Thôn 1,Chưa có,21/11/2026\n", encoding="utf-8")
    reason = dxmap.read_dataset(one, records_version="2025-07").outcomes["reason"].iloc[-1]
    assert "other rows name one in Bản Vược (not among" in reason


def test_a_former_commune_of_another_commune_is_warned_of_and_still_counted(tmp_path, caplog):
    """Checked against the bundled units' former communes: one of another unit says where it went, one of none says
    so; the rows stay matched in the commune they give (a former commune only tells namesakes apart)."""
    path = tmp_path / "r.csv"
    path.write_text(SHEET + "Xã Bát Xát,A Lù,Thôn 1,Có,Có,20/11/2026\nXã Bát Xát,Quang Kym,Thôn 1,Có,Có,20/11/2026\n",
                    encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        data = dxmap.read_dataset(path, records_version="2025-07", lang="en")
    assert data.outcomes["outcome"].eq("matched").all() and len(data.villages) == 5
    assert "2 village rows name a former commune (xã cũ) that is not one of the row's commune's" in caplog.text
    assert "row 5: 'A Lù' is part of Y Tý, not of Bát Xát" in caplog.text
    assert "row 6: 'Quang Kym' is no former commune of Bát Xát (made of Bát Xát; Bản Vược" in caplog.text
    # the outcomes file, which goes back to the commune office, says it on those rows too (QA66 F6), not as a spelling
    notes = data.outcomes.set_index("row")["name_note"].fillna("")
    assert set(notes[5]) == {"former commune A Lù is now part of Y Tý, not of Bát Xát: correct the commune or the "
                             "former commune"}
    assert set(notes[6]) == {"Quang Kym is no former commune of Bát Xát: correct the commune or the former commune"}
    assert notes.drop([5, 6]).eq("").all()
    assert "spelt differently" not in format_outcomes(data.outcomes)


def test_records_of_the_2024_units_keep_one_village_per_name(tmp_path):
    """Records written for the 2024 communes: the commune is the former commune already, and a "Xã cũ" column beside
    it is read but keys no village (one "Thôn 1" of A Lù, as before)."""
    path = tmp_path / "r.csv"
    path.write_text("Mã xã,Xã cũ,Thôn/bản,Cáp quang,Ngày\n02692,A Lù,Thôn 1,Có,30/06/2024\n"
                    "02692,Y Tý,Thôn 1,Có,31/03/2024\n", encoding="utf-8")
    data = dxmap.read_dataset(path)
    assert data.records["former_commune_name"].tolist() == ["A Lù", "Y Tý"]
    assert data.villages["village_id"].tolist() == ["02692-thon-1"]
    assert "former_commune_name" not in data.villages.columns
    assert data.outcomes["outcome"].eq("matched").all()


def test_new_and_former_code_in_brackets_are_read_as_a_pair(tmp_path, caplog):
    """"Mã xã (mới)" beside "Mã xã (cũ)" (QA63 2: neither was read) is the commune and its former commune, as a 2026
    sheet has them, said once with how to read the old one as the commune instead."""
    path = tmp_path / "c.csv"
    path.write_text("Mã xã (cũ),Mã xã (mới),Thôn,Cáp quang,Ngày\n02710,02683,Thôn 1,Có,20/11/2026\n"
                    "02734,02683,Thôn 1,Chưa có,20/11/2026\n", encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="dxmap"):
        records = dxmap.read_records(path)
    assert records[["commune_code", "former_commune_code"]].to_numpy().tolist() == [["02683", "02710"],
                                                                                  ["02683", "02734"]]
    assert ("'Mã xã (mới)' is read as the commune and 'Mã xã (cũ)' as the village's former commune"
            in caplog.text) and "columns={'commune_code': 'Mã xã (cũ)'}" in caplog.text
    data = dxmap.read_dataset(path, records_version="2025-07")
    assert len(data.villages) == 2 and data.outcomes["outcome"].eq("matched").all()
    old = dxmap.read_records(path, columns={"commune_code": "Mã xã (cũ)"})
    assert old["commune_code"].tolist() == ["02710", "02734"] and "former_commune_code" not in old.columns


def test_a_village_layer_s_former_communes_narrow_a_name_it_holds_twice(tmp_path):
    """With a village layer that says its villages' former communes, a record's former commune picks one of two
    "Thôn 1"; without it (or without the record's), the name stays ambiguous, as before."""
    units = bundled_units_2025()
    at = units.loc[units["code"].eq("02683")].geometry.iloc[0].representative_point()
    layer = gpd.GeoDataFrame({"village_id": ["BX-1", "BX-2"], "name": ["Thôn 1", "Thôn 1"],
                              "commune_code": ["02683", "02683"], "former_commune_name": ["Bản Vược", "Quang Kim"]},
                             geometry=[at, shapely.Point(at.x + 0.001, at.y)], crs="EPSG:4326").to_crs(units.crs)
    records = dxmap.read_records(tmp_path.joinpath("r.csv") if tmp_path.joinpath("r.csv").write_text(
        "Mã xã,Xã cũ,Thôn,Cáp quang,Ngày\n02683,Quang Kim,Thôn 1,Có,20/11/2026\n02683,,Thôn 1,Có,19/11/2026\n",
        encoding="utf-8") else None)
    out = dxmap.reconcile(records, units, dxmap.as_villages(layer), records_version="2025-07")
    assert out["outcome"].tolist() == ["matched", "ambiguous"] and out["unit_id"].iloc[0] == "BX-2"
    plain = dxmap.reconcile(records, units, dxmap.as_villages(layer.drop(columns="former_commune_name")),
                            records_version="2025-07")
    assert plain["outcome"].eq("ambiguous").all()
    # the layer's column as people head it (QA65 F11: "Xã cũ" was kept as an unknown column, and columns= refused it)
    for headed, columns in ((layer.rename(columns={"former_commune_name": "Xã cũ"}), None),
                            (layer.rename(columns={"former_commune_name": "XA_TRUOC"}),
                             {"former_commune_name": "XA_TRUOC"})):
        villages = dxmap.as_villages(headed, columns=columns)
        assert villages["former_commune_name"].tolist() == ["Bản Vược", "Quang Kim"]
        out = dxmap.reconcile(records, units, villages, records_version="2025-07")
        assert out["outcome"].tolist() == ["matched", "ambiguous"] and out["unit_id"].iloc[0] == "BX-2"
    coded = dxmap.as_villages(layer.drop(columns="former_commune_name").assign(**{"Mã xã cũ": ["2710", "2734"]}))
    assert coded["former_commune_code"].tolist() == ["02710", "02734"]  # a code padded as the commune's is


def test_a_sheet_of_new_and_former_communes_dated_2026_is_read_for_the_2025_units(sheet, caplog):
    """QA65 F15: without --records-version the tester's 2026 sheet was matched to the 2024 communes ("Xã Bát Xát" to
    Thị trấn Bát Xát, two "Thôn 1" made one village, a duplicate). A row naming its commune and former commune, dated
    from 1 July 2025, says the 2025-07 units by itself: the bundled 99 units, 3 villages, all matched, and said."""
    with caplog.at_level(logging.INFO, logger="dxmap"):
        data = dxmap.read_dataset(sheet, lang="en")
    assert dxmap.io.boundaries.boundary_version(data.communes) == "2025-07" and len(data.communes) == 99
    assert outcome_counts(data.outcomes)["matched"] == 6
    assert data.villages["village_id"].tolist() == ["02683-ban-vuoc-thon-1", "02683-quang-kim-thon-1",
                                                    "02683-ban-qua-thon-1"]
    assert "6 rows of records (chuyen_doi_thon1.csv) name a commune and its former commune" in caplog.text
    # with the 2024 communes given: refused, the reason said first (it was matched to them without a word)
    layer = Path(__file__).parents[1] / "data" / "boundaries" / "laocai_communes_2024_derived.geojson"
    with pytest.raises(dxmap.errors.VersionMismatchError, match="2025-07 units but the boundary set is version 2024"):
        dxmap.read_dataset(sheet, communes=layer, lang="en")
    assert "name a commune and its former commune" in caplog.records[-1].getMessage()


def test_a_former_commune_column_before_july_2025_says_no_version(tmp_path):
    """Before 1 July 2025 a "xã cũ" may be a commune merged in 2020: no version read from it (the 2024 sheet above)."""
    from dxmap.reconcile.versions import declared_versions

    records = dxmap.read_records(io_sheet(tmp_path, "Xã mới,Xã cũ,Thôn/bản,Cáp quang,Ngày\n"
                                                    "Xã Bát Xát,Bản Vược,Thôn 1,Có,30/06/2025\n"
                                                    "Xã Bát Xát,Bản Vược,Thôn 1,Có,01/07/2025\n"))
    assert declared_versions(records).tolist() == [pd.NA, "2025-07"]
    assert declared_versions(records, "2024").tolist() == ["2024", "2024"]  # said outright: as said


def io_sheet(folder, text: str):
    path = folder / "sheet.csv"
    path.write_text(text, encoding="utf-8")
    return path

"""A 2024 round compared with a round written for the 2025-07 units, in the 2025-07 units (QA64 F3, in full).

The two sheets are made so that the change is known by construction. In the 2025-07 units Xã Bát Xát is made of
TT Bát Xát (02683), Bản Vược (02710), Bản Qua (02716), Quang Kim (02734) and Phìn Ngan (02743); Xã Y Tý of A Lù
(02692) and Y Tý (02701); Xã Mường Hum of Mường Hum (02728), Trung Lèng Hồ (02731) and Nậm Pung (02740); Xã Trịnh
Tường of Trịnh Tường (02695) and Cốc Mỳ (02704).

Fibre, per village (the 2026 sheet names the former commune in Bát Xát, none in Y Tý):

========================  ==========  ===========  =========================================
village                   2024        2026         change
========================  ==========  ===========  =========================================
Thôn 1 of Bản Vược        none        covered      fixed (by former commune)
Thôn 1 of Quang Kim       none        none         stayed (by former commune)
Thôn 1 of Bản Qua         covered     none         new (by former commune)
Bản Pho (A Lù → Y Tý)     none        covered      fixed (by name: one Bản Pho on each side)
Bản Hồ (Y Tý)             none        —            only in 2024: not in the change, counted apart
Thôn 2 of Y Tý, of A Lù   none, none  —            two namesakes for one 2026 Thôn 2: not merged
Thôn 2 (Y Tý, 2026)       —           none         ambiguous: first (no data then)
Thôn 5 of Bản Vược        —           none         only in 2026: first (no data then)
========================  ==========  ===========  =========================================

So fibre: 4 without now, 3 then (of the matched villages), 2 fixed, 1 new, 2 first, 1 stayed; 3 villages of 2024
not matched (1 not in 2026, 2 ambiguous), all 3 without fibre then.

LAN, per 2025-07 commune (a gap in 2024 when any former commune had one): Bát Xát none then (TT Bát Xát), covered
now: fixed; Y Tý covered then (A Lù and Y Tý both), none now: new; Mường Hum none then (Trung Lèng Hồ), none now:
stayed; Trịnh Tường unknown then (Trịnh Tường covered, Cốc Mỳ no record), none now: first. 3 now, 2 then.
"""

from __future__ import annotations

import html
import io
import json

import geopandas as gpd
import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import dxmap
from dxmap.cli import main
from dxmap.errors import SnapshotDateError, VersionMismatchError
from dxmap.reconcile.across import Across, merged_status

OLD = """commune_code,village_name,technology,status,as_of,Phiên bản
02710,Thôn 1,fibre,none,2024-06-30,2024
02734,Thôn 1,fibre,none,2024-06-30,2024
02716,Thôn 1,fibre,covered,2024-06-30,2024
02692,Bản Pho,fibre,none,2024-06-30,2024
02701,Bản Hồ,fibre,none,2024-06-30,2024
02701,Thôn 2,fibre,none,2024-06-30,2024
02692,Thôn 2,fibre,none,2024-06-30,2024
02683,,lan,none,2024-06-30,2024
02710,,lan,covered,2024-06-30,2024
02716,,lan,covered,2024-06-30,2024
02734,,lan,covered,2024-06-30,2024
02692,,lan,covered,2024-06-30,2024
02701,,lan,covered,2024-06-30,2024
02731,,lan,none,2024-06-30,2024
02728,,lan,covered,2024-06-30,2024
02695,,lan,covered,2024-06-30,2024
02710,Thôn 1,fibre,none,2024-03-31,2024
"""

NEW = """Xã mới,Xã cũ,Thôn/bản,Hạ tầng,Trạng thái,Ngày cập nhật,Phiên bản
Xã Bát Xát,Bản Vược,Thôn 1,fibre,Có,20/11/2026,2025-07
Xã Bát Xát,Quang Kim,Thôn 01,fibre,Chưa có,20/11/2026,2025-07
Xã Bát Xát,Xã Bản Qua,thôn 1,fibre,Chưa có,20/11/2026,2025-07
Xã Bát Xát,Bản Vược,Thôn 5,fibre,Chưa có,20/11/2026,2025-07
Xã Y Tý,,Bản Pho,fibre,Có,20/11/2026,2025-07
Xã Y Tý,,Thôn 2,fibre,Chưa có,20/11/2026,2025-07
Xã Bát Xát,,,lan,Có,20/11/2026,2025-07
Xã Y Tý,,,lan,Chưa có,20/11/2026,2025-07
Xã Mường Hum,,,lan,Chưa có,20/11/2026,2025-07
Xã Trịnh Tường,,,lan,Chưa có,20/11/2026,2025-07
"""


@pytest.fixture()
def rounds(tmp_path):
    old, new = tmp_path / "q2_2024.csv", tmp_path / "round_2026.csv"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return old, new


@pytest.fixture()
def comparison(rounds):
    return dxmap.compare(dxmap.read_dataset(list(rounds)), compare_to="2024-06-30")


def _counts(entry: dict) -> tuple:
    return tuple(entry[k] for k in ("count", "previous", "fixed", "left", "new", "first", "stayed"))


def test_both_rounds_are_read_each_with_its_own_units(rounds):
    data = dxmap.read_dataset(list(rounds))
    assert len(data.communes) == 99 and len(data.earlier.communes) == 152  # the bundled Lào Cai of 2024
    assert data.earlier.outcomes["outcome"].eq("matched").all() and data.outcomes["outcome"].eq("matched").all()
    assert (len(data.earlier.records), len(data.records)) == (17, 10)
    # the 2026 villages keyed by new commune, former commune and name (the id keeps the sheet's spelling, "Thôn 01")
    assert set(data.villages["village_id"]) == {"02683-ban-vuoc-thon-1", "02683-quang-kim-thon-01",
                                                "02683-ban-qua-thon-1", "02683-ban-vuoc-thon-5", "02701-ban-pho",
                                                "02701-thon-2"}


def test_the_change_is_counted_village_by_village_and_commune_by_commune(comparison):
    summary = comparison.summary
    assert (summary["as_of"], summary["compare_to"], summary["earlier_version"]) == ("2026-11-20", "2024-06-30", "2024")
    assert summary["boundary_version"] == "2025-07"
    fibre, lan = summary["gaps"]["fibre"], summary["gaps"]["lan"]
    assert _counts(fibre) == (4, 3, 2, 0, 1, 2, 1)
    assert fibre["earlier_only_gaps"] == 3
    assert _counts(lan) == (3, 2, 1, 0, 1, 1, 1)
    assert (lan["counts"], lan["previous_rule"], lan["former_previous"], lan["former_of"]) == (
        "communes", "any_former_commune", 2, 320)
    assert summary["villages_across"] == {"matched": 4, "by_former_commune": 3, "by_name": 1, "earlier_only": 1,
                                          "earlier_ambiguous": 2, "unplaced": 0, "later_only": 1,
                                          "later_ambiguous": 1}
    assert summary["records"]["matched"] == 27  # both rounds accounted for
    changes = comparison.changes
    fibre_rows = changes[changes["technology"].eq("fibre")].set_index("unit_id")
    assert fibre_rows["change"].to_dict() == {
        "02683-ban-vuoc-thon-1": "fixed", "02683-quang-kim-thon-01": "stayed", "02683-ban-qua-thon-1": "new",
        "02683-ban-vuoc-thon-5": "first", "02701-ban-pho": "fixed", "02701-thon-2": "first"}
    lan_rows = changes[changes["technology"].eq("lan") & changes["change"].ne("no_gap")].set_index("unit_id")
    assert lan_rows["change"].to_dict() == {"02683": "fixed", "02701": "new", "02728": "stayed", "02695": "first"}


def test_every_village_of_either_round_is_accounted_for(comparison):
    """A village of one round not found in the other is listed with why, never merged with a namesake."""
    table = comparison.villages_across
    assert len(table) == 7 + 6
    earlier = table[table["side"].eq("earlier")].set_index("name")["how"]
    assert earlier.sort_index().to_dict() == {"Bản Hồ": Across.EARLIER_ONLY, "Bản Pho": Across.NAME,
                                              "Thôn 1": Across.FORMER, "Thôn 2": Across.AMBIGUOUS}
    assert table.loc[table["side"].eq("earlier") & table["name"].eq("Thôn 2"), "how"].tolist() == [Across.AMBIGUOUS] * 2
    later = table[table["side"].eq("later")].set_index("unit_id")["how"]
    assert later["02683-ban-vuoc-thon-5"] == Across.LATER_ONLY and later["02701-thon-2"] == Across.AMBIGUOUS
    matched = table[table["side"].eq("later") & table["matched_id"].notna()].set_index("unit_id")["matched_id"]
    assert matched["02701-ban-pho"] == "02692-ban-pho"  # A Lù's Bản Pho, now in Y Tý
    # the earlier picture holds the villages matched with none under ids of their own (a map's "present only then")
    before = comparison.before.status
    assert sorted(before.loc[before["unit_id"].str.startswith("2024:"), "unit_id"].unique()) == [
        "2024:02692-thon-2", "2024:02701-ban-ho", "2024:02701-thon-2"]


def test_a_commune_lacked_a_lan_then_when_any_former_commune_did():
    assert merged_status(pd.Series(["covered", "none", "unknown"])) == "none"
    assert merged_status(pd.Series(["covered", "unknown"])) == "unknown"  # not known for the whole commune
    assert merged_status(pd.Series(["covered", "planned", "weak"])) == "weak"
    assert merged_status(pd.Series(["covered", "covered"])) == "covered"


def test_the_earlier_date_defaults_to_the_newest_2024_record(rounds):
    summary = dxmap.compare(dxmap.read_dataset(list(rounds))).summary
    assert summary["compare_to"] == "2024-06-30" and _counts(summary["gaps"]["fibre"]) == (4, 3, 2, 0, 1, 2, 1)
    # the Q1 round: Thôn 1 of Bản Vược alone had a record (none), so it is the one village known then
    q1 = dxmap.compare(dxmap.read_dataset(list(rounds)), compare_to="2024-03-31").summary["gaps"]["fibre"]
    assert _counts(q1) == (4, 1, 1, 0, 0, 4, 0)


def test_dates_that_interleave_and_an_earlier_date_in_the_new_round_are_refused(rounds, tmp_path):
    old, new = rounds
    data = dxmap.read_dataset([old, new])
    with pytest.raises(SnapshotDateError, match=r"compare_to='2026-11-20': the earlier picture is of the 2024 "
                                                r"records \(up to 2024-06-30\), so it must be before"):
        dxmap.compare(data, compare_to="2026-11-20")
    late = tmp_path / "late_2024.csv"
    late.write_text(OLD + "02683,,lan,covered,2026-12-01,2024\n", encoding="utf-8")
    with pytest.raises(SnapshotDateError, match="the 2024 records reach 2026-12-01 and those written for the "
                                                "2025-07 units begin on 2026-11-20"):
        dxmap.compare(dxmap.read_dataset([late, new]))
    with pytest.raises(VersionMismatchError, match=r"units='2024': a 2024 round and one written for the 2025-07 units"):
        dxmap.compare(data, units="2024")
    with pytest.raises(VersionMismatchError, match="Records of two versions make a comparison only"):
        dxmap.analyse(data)


def test_the_command_line_prints_the_change_and_how_the_villages_were_matched(rounds):
    old, new = rounds
    args = ["summary", "--records", str(old), "--records", str(new), "--compare", "2024-06-30", "-q"]
    result = CliRunner().invoke(main, args + ["--lang", "en"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "as of 2026-11-20, compared with 2024-06-30, Lào Cai (dxmap's bundled boundaries), 2025-07 units"
    assert lines[3].split() == ["Fibre", "(FTTH)", "village", "4", "3", "2", "1", "2", "1"]
    assert lines[4].split() == ["Standard", "LAN", "commune", "3", "2", "1", "1", "1", "1"]
    assert ("villages matched between the two rounds: 4 (3 by new commune, former commune and name; 1 by new "
            "commune and name)") in lines
    assert ("villages of the 2024 records not matched, left out of the change: 1 not in the 2025-07 records, 2 with "
            "several namesakes, 0 placed in no 2025-07 commune (3 without fibre (FTTH) then)") in lines
    assert ("Standard LAN: counted per 2025-07 commune: a commune lacked a standard LAN on 2024-06-30 when any of "
            "its former communes did (2 of 320 former communes then)") in lines
    vi = CliRunner().invoke(main, args)
    assert "Thôn/bản khớp giữa hai kỳ: 4 (3 theo xã mới, xã cũ và tên; 1 theo xã mới và tên)" in vi.output
    as_json = json.loads(CliRunner().invoke(main, args + ["--format", "json"]).output)
    assert as_json["gaps"]["lan"]["counts"] == "communes" and as_json["villages_across"]["matched"] == 4
    check = CliRunner().invoke(main, ["check", "--records", str(old), "--records", str(new), "--lang", "en"])
    assert check.exit_code == 0 and "27 records: matched 27" in check.output
    # the CSV says how the LAN's "then" was counted, on the LAN rows only
    for lang, col, rule in (("en", "previous_rule", "any_former_commune"),
                            ("vi", "Kỳ trước tính theo", "xã/phường thiếu khi có một xã cũ của nó thiếu")):
        csv = pd.read_csv(io.StringIO(CliRunner().invoke(main, args + ["--format", "csv", "--lang", lang]).output),
                          dtype=str, keep_default_na=False)
        lan = csv.iloc[:, 4].isin(["lan", "Mạng LAN chuẩn"])
        assert csv.columns[-1] == col and set(csv.loc[lan, col]) == {rule} and set(csv.loc[~lan, col]) == {""}




def _one_sheet(tmp_path, blank: str | None = None):
    """OLD's rows, then NEW's, in one sheet kept on after 1 July 2025 (NEW's headers; OLD's codes in "Mã xã"), each row
    saying its version; ``blank``: the village of the 2026 row whose version cell is left empty."""
    import csv
    import io

    rows = [["Mã xã", "Xã mới", "Xã cũ", "Thôn/bản", "Hạ tầng", "Trạng thái", "Ngày cập nhật", "Phiên bản"]]
    rows += [[r[0], "", "", *r[1:]] for r in list(csv.reader(io.StringIO(OLD)))[1:]]
    rows += [["", *r[:-1], "" if r[2] == blank else r[-1]] for r in list(csv.reader(io.StringIO(NEW)))[1:]]
    path = tmp_path / "mot_tep.csv"
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_one_sheet_of_both_rounds_is_split_by_each_rows_version(rounds, tmp_path):
    """A sheet kept on after 1 July 2025, the 2026 rows under the 2024 ones: split by each row's version, the change
    is the two files' (a row of it that says no version, and is not evidently 2025-07, is refused, naming it)."""
    args = ["summary", "--compare", "2024-06-30", "-q", "--lang", "en", "--format", "json"]
    two = json.loads(CliRunner().invoke(main, [*args, "--records", str(rounds[0]), "--records", str(rounds[1])]).output)
    one = CliRunner().invoke(main, [*args, "--records", str(_one_sheet(tmp_path))])
    assert one.exit_code == 0, one.output
    one = json.loads(one.output)
    assert one["gaps"] == two["gaps"] and one["villages_across"] == two["villages_across"]
    assert one["gaps"]["fibre"]["fixed"] == 2 and one["villages_across"]["matched"] == 4
    refused = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(_one_sheet(tmp_path, "Bản Pho"))])
    assert refused.exit_code == 1
    assert ("mot_tep.csv: rows of the 2024 units and rows of the 2025-07 units, but no version is written in row 23. "
            "Write 2024 or 2025-07 in the Phiên bản column there.") in refused.output
    # a 2026 row that names its commune and former commune says 2025-07 by itself
    named = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(_one_sheet(tmp_path, "Thôn 01"))])
    assert named.exit_code == 0 and "27 records: matched 27" in named.output



def test_a_sheet_that_says_no_version_dated_after_the_reform_is_the_later_round(rounds, tmp_path):
    """QA66 F5: the 2026 LAN sheet names no former commune and has no Phiên bản column; beside the 2024 round its
    dates (all from 1 July 2025) say it is written for the 2025-07 units, as a 2024 sheet's dates say the reverse."""
    fibre, lan = tmp_path / "thon_2026.csv", tmp_path / "lan_2026.csv"
    lines = NEW.splitlines()
    fibre.write_text("\n".join(line for line in lines if ",lan," not in line) + "\n", encoding="utf-8")
    lan.write_text("Tên xã,Mạng LAN chuẩn,Ngày cập nhật\n" + "".join(
        f"{line.split(',')[0]},{line.split(',')[4]},{line.split(',')[5]}\n" for line in lines if ",lan," in line),
        encoding="utf-8")
    args = ["summary", "--compare", "2024-06-30", "-q", "--lang", "en", "--format", "json"]
    two = json.loads(CliRunner().invoke(main, [*args, "--records", str(rounds[0]), "--records", str(rounds[1])]).output)
    three = CliRunner().invoke(main, ["summary", "--compare", "2024-06-30", "--lang", "en", "--records", str(rounds[0]),
                                      "--records", str(fibre), "--records", str(lan)])
    assert three.exit_code == 0, three.output
    assert ("lan_2026.csv: no version said, and every record (4) is dated on or after 1 July 2025: read as written "
            "for the 2025-07 units, beside the round of the 2024 units.") in three.output
    found = json.loads(CliRunner().invoke(main, [*args, "--records", str(rounds[0]), "--records", str(fibre),
                                                 "--records", str(lan)]).output)
    assert found["gaps"] == two["gaps"] and found["gaps"]["lan"]["fixed"] == 1
    # one mistyped date of 2025 among them: the file's dates no longer place it, and the row is named (QA68 N5)
    lan.write_text(lan.read_text(encoding="utf-8").replace("20/11/2026", "15/05/2025", 1), encoding="utf-8")
    mixed = CliRunner().invoke(main, [*args, "--records", str(rounds[0]), "--records", str(fibre),
                                      "--records", str(lan)])
    assert mixed.exit_code == 1
    assert ("lan_2026.csv says no version of the units, and its records' dates lie on both sides of 1 July 2025: row 2 "
            "(15/05/2025) dated before that day, the other 3 not.") in mixed.output, mixed.output


def _review_and_lan_sheet(tmp_path, code: bool = False, names=("Xã Y Tý", "Xã Trịnh Tường", "Xã A Mú Sung")):
    """The demo's 2024-06-30 rows of six Bát Xát communes, its headers, no Phiên bản column; a 2026 LAN sheet that
    says no version either (with a Mã xã column when ``code``)."""
    from dxmap.io.bundled import sample_path

    old, lan = tmp_path / "q2_2024.csv", tmp_path / "lan_2026c.csv"
    demo = pd.read_csv(sample_path("status_records.csv"), dtype=str)
    six = ["Y Tý", "Trịnh Tường", "A Mú Sung", "A Lù", "Cốc Mỳ", "Nậm Chạc"]
    demo[demo["as_of"].eq("2024-06-30") & demo["district_name"].eq("Bát Xát")
         & demo["commune_name"].isin(six)].to_csv(old, index=False)
    codes = {"Xã Y Tý": "02701", "Xã Trịnh Tường": "02695", "Xã A Mú Sung": "02686", "Xã Nậm Chạc": "02689"}
    lan.write_text(("Mã xã," if code else "") + "Tên xã,Mạng LAN chuẩn,Ngày cập nhật\n" + "".join(
        (f"{codes[n]}," if code else "") + f"{n},{'Có' if i != 1 else 'Chưa có'},31/03/2026\n"
        for i, n in enumerate(names)), encoding="utf-8")
    return old, lan


@pytest.mark.parametrize("code", [False, True], ids=["names", "codes"])
def test_a_review_and_a_later_sheet_that_say_no_version_are_two_rounds(tmp_path, code):
    """QA70 N5: a 2024 review and a 2026 LAN sheet, neither saying a version, were both read in the 2024 units (Xã Y
    Tý of 2026 checked without its Xã A Lù: 42 records), with advice (--records-version 2025-07) that read the review
    in the 2025-07 units too (matched 114, unmatched 91). Their dates part them: two rounds, each in its own units."""
    old, lan = _review_and_lan_sheet(tmp_path, code)
    args = ["check", "--records", str(old), "--records", str(lan), "--commune", "Y Tý", "--lang", "en"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert ("no records file says its version of the units, so their dates part them into two rounds: q2_2024.csv "
            "(every record dated before 1 July 2025) read in the 2024 units, lan_2026c.csv (every record dated from "
            "that day, naming only communes of the 2025-07 units) in the 2025-07 units. To read them all in the 2024 "
            "units, give --records-version 2024.") in result.output
    assert "65 records: matched 65, unmatched 0" in result.output  # Y Tý 41, A Lù 23, the 2026 LAN 1
    assert "dated on or after 1 July 2025" not in result.output
    # each file's version given, in their order: the same two rounds, said by the user
    per_file = CliRunner().invoke(main, args + ["--records-version", "2024", "--records-version", "2025-07"])
    assert per_file.exit_code == 0 and "65 records: matched 65, unmatched 0" in per_file.output, per_file.output
    assert "their dates part them" not in per_file.output
    # one version for every file: both in the 2024 units, as before
    both = CliRunner().invoke(main, args + ["--records-version", "2024"])
    assert both.exit_code == 0 and "42 records: matched 42, unmatched 0" in both.output, both.output
    data = dxmap.read_dataset([old, lan])
    assert data.earlier is not None and data.earlier.outcomes["outcome"].eq("matched").sum() == 202
    assert data.outcomes["matched_commune_code"].tolist() == ["02701", "02695", "02686"]
    listed = dxmap.read_dataset([old, lan], records_version=["2024", "2025-07"])
    assert listed.earlier is not None and listed.outcomes["matched_commune_code"].tolist() == ["02701", "02695",
                                                                                                "02686"]


def test_the_advice_for_a_later_sheet_reads_it_alone_in_the_new_units(tmp_path):
    """QA70 N5: a 2026 sheet naming a former commune (Nậm Chạc, in Xã A Mú Sung since 1 July 2025) is not told a
    round of the 2025-07 units by its dates; the warning's advice named --records-version 2025-07 for every file,
    which read the 2024 review in the 2025-07 units too. It now gives one per file, and following it reads the
    review in its own units. A file whose dates straddle the day is no round either, and is advised alone too."""
    old, lan = _review_and_lan_sheet(tmp_path, names=("Xã Y Tý", "Xã Nậm Chạc"))
    args = ["check", "--records", str(old), "--records", str(lan), "--lang", "en"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "their dates part them" not in result.output and "204 records: matched 204" in result.output
    advice = ("If they are written for the new communes, give --records-version once per --records file, in their "
              "order, 2025-07 for lan_2026c.csv alone: --records-version 2024 --records-version 2025-07.")
    assert advice in result.output
    advised = CliRunner().invoke(main, args + ["--records-version", "2024", "--records-version", "2025-07"])
    assert "202 records: matched 202" in advised.output, advised.output
    lan.write_text(lan.read_text(encoding="utf-8").replace("31/03/2026", "31/03/2025", 1), encoding="utf-8")
    straddling = CliRunner().invoke(main, args)
    assert "their dates part them" not in straddling.output and "204 records: matched 204" in straddling.output
    assert "2025-07 for lan_2026c.csv alone: --records-version 2024 --records-version 2025-07." in straddling.output


def test_check_of_one_district_cuts_each_round_in_its_own_units(rounds, tmp_path):
    """``check --district`` with two rounds: a 2024 district is a former district of the 2025-07 units; a record of
    Văn Bàn in each round is left out and named, a province the 2024 units do not have leaves that round out."""
    old, new = rounds
    old_more, new_more = tmp_path / "q2_2024_more.csv", tmp_path / "round_2026_more.csv"
    old_more.write_text(OLD + "03061,Thôn Lay,fibre,none,2024-06-30,2024\n", encoding="utf-8")
    new_more.write_text(NEW + "Xã Võ Lao,Võ Lao,Thôn Lay,fibre,Chưa có,20/11/2026,2025-07\n", encoding="utf-8")
    args = ["check", "--records", str(old_more), "--records", str(new_more), "--lang", "en"]
    result = CliRunner().invoke(main, args + ["--district", "bat xat"])
    assert result.exit_code == 0, result.output
    assert "--district bat xat: 27 of 29 records checked; the other 2" in result.output
    assert "27 records: matched 27" in result.output
    left = next(line for line in result.output.splitlines() if line.startswith("2 records of other districts"))
    assert "q2_2024_more.csv row 19 (03061 Thôn Lay)" in left and "round_2026_more.csv row 12 (03061 Thôn Lay)" in left
    out = tmp_path / "outcomes.csv"
    yen_bai = CliRunner().invoke(main, args + ["--province", "yen bai", "--outcomes", str(out)])
    assert yen_bai.exit_code == 0, yen_bai.output
    assert "--province yen bai: 0 of 29 records checked; the other 29" in yen_bai.output
    unknown = CliRunner().invoke(main, args + ["--district", "no such place"])
    assert unknown.exit_code == 1 and "no former district (huyện cũ) 'no such place'" in unknown.output, unknown.output


def test_the_map_shows_the_change(rounds, tmp_path):
    old, new = rounds
    out = tmp_path / "map.html"
    result = CliRunner().invoke(main, ["map", "--records", str(old), "--records", str(new), "--compare",
                                       "2024-06-30", "--out", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "change layer: 3 units present only at 2024-06-30" in result.output
    assert "fibre fixed 2, fibre new 1, fibre stayed 1" in result.output
    page = out.read_text(encoding="utf-8")  # the page says what the earlier picture is, as the summary does
    assert ("The picture of 2024-06-30 is of records of the former communes (2024 units), moved into the 2025-07 "
            "units through the crosswalk") in html.unescape(page)
    no_compare = CliRunner().invoke(main, ["map", "--records", str(old), "--records", str(new), "--out",
                                           str(tmp_path / "m2.html"), "--lang", "en"])
    assert no_compare.exit_code == 1 and "(--compare DATE)" in no_compare.output


def test_the_report_says_both_rounds_and_how_they_were_matched(rounds, no_maps):
    from dxmap.render.report import build_report

    rep = build_report(dxmap.read_dataset(list(rounds)), compare_to="2024-06-30", lang="en")
    assert (rep.as_of, rep.compare_to) == ("2026-11-20", "2024-06-30")
    method = dict(rep.method[:2])
    assert method["Status records"].startswith("q2_2024.csv: 17 records") and "round_2026.csv: 10 records" in (
        method["Status records"])
    assert method["Matched to boundaries"] == "27 matched"
    across = [text for term, text in rep.method if "Villages matched between the two rounds: 4" in text]
    assert len(across) == 1 and "when any of its former communes did (2 of 320 former communes then)" in across[0]


def test_a_layer_of_no_known_version_is_refused_with_two_rounds(rounds, tmp_path):
    """A --communes layer is used for the round of its version; one whose version is not known would be used for
    neither, in silence."""
    own = dxmap.bundled_communes().drop(columns="boundary_version")
    own = own.assign(name=own["name"].where(own.index % 5 != 0, "Xã Đổi Tên"))  # no list dxmap ships
    path = tmp_path / "xa.geojson"
    own.to_file(path, driver="GeoJSON")
    with pytest.raises(dxmap.DxmapError, match="which version the commune layer given is of is not known"):
        dxmap.read_dataset(list(rounds), communes=path)
    data = dxmap.read_dataset(list(rounds), communes=path, communes_version="2024")
    assert data.earlier.communes["name"].eq("Xã Đổi Tên").any() and len(data.communes) == 99


def test_the_demo_retyped_for_the_2025_units_matches_every_village(demo, tmp_path):
    """The sample's two 2024 rounds beside a 2026 round typed for the 2025-07 units that repeats the 30/6/2024
    statuses (each village under its new commune and its former commune, each LAN under its new commune as the
    rule merges it): every one of the 1,554 villages is matched by its former commune, nothing changed since
    30/6/2024, and since 31/3/2024 the review's figures come back (4 villages gained mobile broadband, 144 fibre)."""
    from dxmap.io.bundled import sample_path

    old = tmp_path / "demo_2024.csv"
    pd.read_csv(sample_path("status_records.csv"), dtype=str).assign(**{"Phiên bản": "2024"}).to_csv(old, index=False)
    status = dxmap.analyse(demo, units="2025-07").status
    known = status[status["level"].eq("village") & status["status"].ne("unknown")]
    lan = status[status["level"].eq("commune")].groupby("commune_code")["status"].agg(merged_status)
    lan = lan[lan.ne("unknown")]
    new = tmp_path / "demo_2026.csv"
    pd.concat([pd.DataFrame({"commune_code": known["commune_code"], "former_commune_code": known["old_commune_code"],
                             "village_name": known["name"], "technology": known["technology"],
                             "status": known["status"]}),
               pd.DataFrame({"commune_code": lan.index, "technology": "lan", "status": lan.to_numpy()})]).assign(
        as_of="2026-06-30", **{"Phiên bản": "2025-07"}).to_csv(new, index=False)
    data = dxmap.read_dataset([old, new])
    q2 = dxmap.compare(data, compare_to="2024-06-30").summary
    assert q2["villages_across"] == {"matched": 1554, "by_former_commune": 1554, "by_name": 0, "earlier_only": 0,
                                     "earlier_ambiguous": 0, "unplaced": 0, "later_only": 0, "later_ambiguous": 0}
    assert [_counts(q2["gaps"][t]) for t in ("mobile", "fibre", "lan")] == [
        (6, 6, 0, 0, 0, 0, 6), (56, 56, 0, 0, 0, 0, 56), (24, 24, 0, 0, 0, 0, 24)]
    assert q2["gaps"]["lan"]["former_previous"] == 29  # the review's 29 former communes, in 24 communes
    q1 = dxmap.compare(data, compare_to="2024-03-31").summary
    assert [_counts(q1["gaps"][t]) for t in ("mobile", "fibre", "lan")] == [
        (6, 10, 4, 0, 0, 0, 6), (56, 200, 144, 0, 0, 0, 56), (24, 25, 1, 0, 0, 0, 24)]


_NAMES = ["Thôn 1", "Thôn 01", "thôn 2", "Bản Pho", "Bản Phố"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["02683", "02701"]), st.sampled_from(["a", "b"]), st.sampled_from(_NAMES)),
                max_size=8),
       st.lists(st.tuples(st.sampled_from(["02683", "02701"]), st.sampled_from(["a", "b", None]),
                          st.sampled_from(_NAMES)), max_size=8))
def test_every_village_of_either_round_is_matched_once_or_counted_apart(earlier, later):
    """Accounting: each village of either round is in the table once, with how it was matched; a match pairs one
    village with one, of the same new commune and name key (and former commune, where the later one names it)."""
    from dxmap.reconcile.across import across_versions
    from dxmap.validate.text import name_key

    def status(rows, side):
        return gpd.GeoDataFrame({"level": "village", "unit_id": [f"{side}{i}" for i in range(len(rows))],
                                 "name": [r[2] for r in rows], "commune_code": [r[0] for r in rows],
                                 "old_commune_code": [r[1] for r in rows], "technology": "fibre", "status": "none"},
                                geometry=[None] * len(rows))

    before, after = status(earlier, "e"), status(later, "l")
    layer = pd.DataFrame({"village_id": after["unit_id"], "name": after["name"],
                          "former_commune_code": after["old_commune_code"]})
    moved, table = across_versions(before, after.drop(columns="old_commune_code"), after_villages=layer)
    assert sorted(table.loc[table["side"].eq("earlier"), "unit_id"]) == sorted(before["unit_id"])
    assert sorted(table.loc[table["side"].eq("later"), "unit_id"]) == sorted(after["unit_id"])
    pairs = table.dropna(subset=["matched_id"])
    assert pairs["how"].isin([Across.FORMER, Across.NAME]).all()
    forth = pairs[pairs["side"].eq("earlier")].set_index("unit_id")["matched_id"]
    back = pairs[pairs["side"].eq("later")].set_index("unit_id")["matched_id"]
    assert forth.is_unique and back.is_unique and dict(zip(back, back.index)) == forth.to_dict()
    rows = {r.unit_id: r for r in pd.concat([before, after]).itertuples()}
    for e, l in forth.items():
        assert rows[e].commune_code == rows[l].commune_code and name_key(rows[e].name) == name_key(rows[l].name)
        assert pd.isna(rows[l].old_commune_code) or rows[l].old_commune_code == rows[e].old_commune_code
    assert moved["unit_id"].isin(set(forth.to_numpy()) | {f"2024:{u}" for u in before["unit_id"]}).all()


def test_rounds_that_say_no_version_are_told_apart_by_what_they_hold(rounds, tmp_path, caplog):
    """The 2024 review predates the Phiên bản column, and a 2026 sheet names its former communes: without either
    saying a version, the review was read whole as the 2025-07 units' and most of it left unmatched. A file of records
    all dated before 1 July 2025 beside one written for the 2025-07 units is the 2024 round; the change is the same."""
    import logging

    bare = []
    for path in rounds:
        table = pd.read_csv(path, dtype=str, keep_default_na=False).drop(columns="Phiên bản")
        bare.append(tmp_path / f"bare_{path.name}")
        table.to_csv(bare[-1], index=False)
    with caplog.at_level(logging.INFO, logger="dxmap"):
        data = dxmap.read_dataset(bare, lang="en")
    assert "bare_q2_2024.csv: no version said, and every record (17) is dated before 1 July 2025" in caplog.text
    assert (len(data.earlier.records), len(data.records)) == (17, 10)
    said = dxmap.compare(data, compare_to="2024-06-30").summary
    declared = dxmap.compare(dxmap.read_dataset(list(rounds)), compare_to="2024-06-30").summary
    for tech in ("fibre", "lan"):
        assert _counts(said["gaps"][tech]) == _counts(declared["gaps"][tech])
    assert said["villages_across"] == declared["villages_across"]

"""Records read without a commune layer (QA67 F3): a sheet of another place's codes is refused, asking for its layer,
and every result made on dxmap's bundled boundaries names them."""

import json
import re

import pandas as pd
import pytest
from click.testing import CliRunner

import dxmap
from dxmap.cli import main
from dxmap.errors import SchemaError
from dxmap.io.bundled import bundled_communes, bundled_old_communes, bundled_place, bundled_units_2025
from dxmap.render.report import build_report
from dxmap.render.tables import format_summary

AISNE = [f"{n:05d}" for n in range(2001, 2811)]  # the Aisne département's INSEE codes: 58 Lào Cai codes, 2 former ones


def _sheet(path, codes, **columns) -> str:
    """A LAN sheet of ``codes`` (and any other columns), one row per code."""
    pd.DataFrame({"commune_code": codes, **columns, "technology": "lan", "status": "none",
                  "as_of": "2024-06-30"}).to_csv(path, index=False)
    return str(path)


@pytest.fixture(scope="module")
def laocai_codes() -> list[str]:
    return bundled_communes()["code"].tolist()


def test_a_codes_only_sheet_of_another_place_is_refused(tmp_path, laocai_codes):
    assert len(set(AISNE) & set(laocai_codes)) == 58
    with pytest.raises(SchemaError, match=re.escape(
            "aisne.csv: 750 of the records' 810 commune codes ('02001', '02002', '02003', '02004', '02005' … (750 in "
            "all)) are codes of no commune of dxmap's bundled layers (Lào Cai 2024, Yên Bái 2025-01), and no commune "
            "or district name or position on their rows is of them either: these are another place's records. Give "
            "your commune layer with communes=")):
        dxmap.read_dataset(_sheet(tmp_path / "aisne.csv", AISNE))
    # the part of the list where Lào Cai's codes lie: a third of them Lào Cai's, still another place's
    part = [c for c in AISNE if c >= "02635"]
    with pytest.raises(SchemaError, match="116 of the records' 176 commune codes"):
        dxmap.read_dataset(_sheet(tmp_path / "part.csv", part))
    # with the communes' own names beside the codes: as refused
    with pytest.raises(SchemaError, match="750 of the records' 810 commune codes"):
        dxmap.read_dataset(_sheet(tmp_path / "named.csv", AISNE, commune_name=[f"Commune {c}" for c in AISNE]))


def test_a_lao_cai_codes_only_sheet_with_mistyped_codes_is_read(tmp_path, laocai_codes):
    data = dxmap.read_dataset(_sheet(tmp_path / "lc.csv", laocai_codes))
    assert len(data.communes) == 152 and data.outcomes["outcome"].eq("matched").all() and data.bundled
    # a few mistyped codes: read, the rows reported unmatched
    typed = laocai_codes[:-6] + ["02999", "9", "LC-0", "03200", "12345", "02636"]
    data = dxmap.read_dataset(_sheet(tmp_path / "typos.csv", typed))
    assert len(data.communes) == 152 and data.outcomes["outcome"].value_counts().to_dict() == {
        "matched": 146, "unmatched": 6}
    # up to half of them mistyped: the rows are still Lào Cai's to correct
    half = laocai_codes[:5] + [f"0{n}" for n in range(9001, 9006)]
    assert len(dxmap.read_dataset(_sheet(tmp_path / "half.csv", half)).communes) == 152
    # Yên Bái's codes, and both provinces' (the 320 communes): as before
    both = bundled_old_communes()["code"].tolist()
    assert len(dxmap.read_dataset(_sheet(tmp_path / "yb.csv", both[152:])).communes) == 168
    assert len(dxmap.read_dataset(_sheet(tmp_path / "both.csv", both[100:200] + ["99999"])).communes) == 320


def test_mistyped_codes_beside_lao_cai_names_or_positions_are_read(tmp_path):
    communes = bundled_communes().head(6)
    wrong = [f"0{n}" for n in range(9001, 9006)] + [communes["code"].iloc[5]]
    # most codes wrong, but the names beside them are Lào Cai's communes', or the district names its districts'
    for column, names in (("commune_name", communes["name"]), ("district_name", communes["district_name"])):
        data = dxmap.read_dataset(_sheet(tmp_path / f"{column}.csv", wrong, **{column: names.tolist()}))
        assert len(data.communes) == 152
    inside = communes.geometry.representative_point()
    data = dxmap.read_dataset(_sheet(tmp_path / "at.csv", wrong, lon=inside.x.tolist(), lat=inside.y.tolist()))
    assert len(data.communes) == 152


def test_the_summary_names_the_bundled_boundaries(tmp_path, laocai_codes, data_dir):
    """Also under -q: the head line is the result, not progress; the JSON says it in ``bundled_boundaries``."""
    sheet = _sheet(tmp_path / "lc.csv", laocai_codes)
    run = CliRunner().invoke(main, ["summary", "--records", sheet, "-q", "--lang", "en"])
    assert run.exit_code == 0, run.output
    assert run.output.splitlines()[0] == "as of 2024-06-30, Lào Cai 2024 (dxmap's bundled boundaries)"
    run = CliRunner().invoke(main, ["summary", "--records", sheet, "-q"])
    assert run.output.splitlines()[0] == "Số liệu đến ngày 30/6/2024, Lào Cai 2024 (ranh giới kèm theo dxmap)"
    run = CliRunner().invoke(main, ["summary", "--records", sheet, "-q", "--format", "json"])
    summary = json.loads(run.output)
    assert list(summary)[:3] == ["as_of", "newest_record", "bundled_boundaries"]
    assert summary["bundled_boundaries"] == "Lào Cai 2024"
    # the analysis in Python, cut to a district: the bundled boundaries first, the district after them
    result = dxmap.analyse(dxmap.read_dataset(sheet), district="Bát Xát")
    assert format_summary(result.summary, lang="en").splitlines()[0] == (
        "as of 2024-06-30, Lào Cai 2024 (dxmap's bundled boundaries), district Bát Xát")
    # a commune layer of one's own: nothing said of it
    own = _sheet(tmp_path / "own.csv", ["00001"])
    run = CliRunner().invoke(main, ["summary", "--records", own, "--communes", str(data_dir / "communes.geojson"),
                                    "-q", "--lang", "en", "--format", "json"])
    assert run.exit_code == 0, run.output
    assert "bundled_boundaries" not in json.loads(run.output)


def test_the_sheet_of_another_place_is_refused_on_the_command_line(tmp_path):
    run = CliRunner().invoke(main, ["summary", "--records", _sheet(tmp_path / "aisne.csv", AISNE), "-q", "--lang",
                                    "en", "--allow-unmatched"])
    assert run.exit_code == 1
    assert "750 of the records' 810 commune codes" in run.output  # 2 former Lào Cai codes among them
    assert "Give your commune layer with --communes (and --districts, --villages if you have them)" in run.output


def test_each_bundled_layer_is_named_by_its_province_and_date():
    both = bundled_old_communes()
    assert bundled_place(bundled_communes()) == "Lào Cai 2024"
    assert bundled_place(both[both["province_code"].eq("15")]) == "Yên Bái 2025-01"
    assert bundled_place(both) == "Lào Cai 2024, Yên Bái 2025-01"
    assert bundled_place(bundled_units_2025()) == "Lào Cai"  # its "2025-07 units" are said beside it


def test_the_demo_says_it_once(demo):
    """The demo's head line says it is dxmap's sample ("ILLUSTRATIVE sample data"): not the boundaries again."""
    summary = dxmap.analyse(demo).summary
    assert "bundled_boundaries" not in summary
    assert format_summary(summary, lang="en").splitlines()[0] == "as of 2024-06-30  [ILLUSTRATIVE sample data]"


def test_the_report_says_its_boundaries_are_the_bundled_ones(tmp_path, laocai_codes, no_maps):
    rep = build_report(dxmap.read_dataset(_sheet(tmp_path / "lc.csv", laocai_codes)), lang="en")
    assert dict(rep.method)["Boundaries"] == "152 communes (2024 boundaries, bundled with dxmap); 9 districts"
    rep = build_report(dxmap.read_dataset(_sheet(tmp_path / "lc.csv", laocai_codes)), lang="vi")
    assert dict(rep.method)["Ranh giới"] == "152 xã/phường (ranh giới 2024, kèm theo dxmap); 9 huyện"


def test_former_codes_of_merged_communes_are_the_bundled_provinces_own(tmp_path):
    """QA70 N3: Sa Pa's codes merged in 2019–2020 (03007 into 03004 Ngũ Chỉ Sơn, …) and Yên Bái's of 2024-12 were
    refused as another place's records ("correct the mistyped codes"), though dxmap's own tables list them; one
    alone was "not in the boundary set". Now they are read, each unmatched with the commune it went into."""
    from dxmap.io.bundled import merged_codes

    assert merged_codes()["03007"] == "03004" and len(merged_codes()) == 27
    sapa = _sheet(tmp_path / "sapa_old.csv", ["03004", "03007", "03031", "03025", "03034"])
    out = dxmap.read_dataset(sapa).outcomes
    assert out["outcome"].tolist() == ["matched"] + ["unmatched"] * 4
    assert out.loc[1, "reason"] == ("commune code 03007 is that of a former commune, merged into 03004 Ngũ Chỉ Sơn: "
                                    "write its records for that commune")
    yenbai = dxmap.read_dataset(_sheet(tmp_path / "tran_yen.csv", ["04507", "04528", "04534", "04510"])).outcomes
    assert yenbai["reason"].iloc[0].startswith("commune code 04507 is that of a former commune, merged into 04510 ")
    vi = CliRunner().invoke(main, ["check", "--records", sapa], catch_exceptions=False)
    assert "mã xã 03007 là mã của xã cũ đã nhập vào 03004 Ngũ Chỉ Sơn: hãy ghi số liệu cho xã đó" in vi.output

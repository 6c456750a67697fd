"""A district layer given as the commune layer (and a commune layer as the district layer) is refused with the fix:
told by the names and codes the records and the other layer give, and by unit words, never by the codes' length."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from click.testing import CliRunner

import dxmap
from dxmap.cli import main
from dxmap.errors import SchemaError

B = Path(dxmap.__file__).parent.parent / "data" / "boundaries"
RECORDS = B.parent / "sample" / "status_records.csv"
LAOCAI_DISTRICTS, LAOCAI_COMMUNES = B / "laocai_districts_2024_derived.geojson", B / "laocai_communes_2024_derived.geojson"
YENBAI_DISTRICTS, YENBAI_COMMUNES = B / "yenbai_districts_2025-01_derived.geojson", B / "yenbai_communes_2025-01_derived.geojson"
DISTRICT_LAYER = "this looks like a district layer, not a commune layer"
COMMUNE_LAYER = "this looks like a commune layer, not a district layer"


def _cli(*args):
    result = CliRunner().invoke(main, [*args, "-q"])
    assert "Traceback" not in result.output
    return result


def _refused(*args):
    result = _cli(*args)
    assert result.exit_code == 1
    assert "districts=" not in result.stderr and "communes=" not in result.stderr
    return result.stderr


def _yenbai_records(tmp_path):
    """One LAN record per Yên Bái commune, naming its district, as a coordinator's sheet does."""
    communes = gpd.read_file(YENBAI_COMMUNES)
    path = tmp_path / "yen_bai.csv"
    pd.DataFrame({"commune_code": communes["code"], "commune_name": communes["name"],
                  "district_name": communes["district_name"], "technology": "lan", "status": "covered",
                  "as_of": "2024-12-31"}).to_csv(path, index=False)
    return path


@pytest.mark.parametrize("command", [["check", "--lang", "en"], ["summary", "--lang", "en"],
                                     ["map", "--lang", "en", "--out", "{tmp}/m.html"]])
def test_cli_refuses_the_district_layer_as_communes(tmp_path, command):
    args = [a.format(tmp=tmp_path) for a in command]
    err = _refused(*args, "--communes", str(LAOCAI_DISTRICTS), "--records", str(RECORDS))
    assert err.startswith(f"dxmap: error: {LAOCAI_DISTRICTS}: communes: {DISTRICT_LAYER}: its 9 names are the records' "
                          "district names ('Lào Cai', 'Bát Xát', 'Mường Khương', 'Si Ma Cai', 'Bắc Hà' … (9 in all)); "
                          "and none of the records' 152 commune codes is in it.")
    assert err.rstrip().endswith("Give it as --districts and the commune layer as --communes.")
    assert not (tmp_path / "m.html").exists()


def test_read_dataset_refuses_the_district_layer_as_communes():
    with pytest.raises(SchemaError, match=f"{DISTRICT_LAYER}: its 9 names are the records' district names") as caught:
        dxmap.read_dataset(RECORDS, communes=LAOCAI_DISTRICTS)
    assert isinstance(caught.value, ValueError)
    assert str(caught.value).startswith(f"{LAOCAI_DISTRICTS}: communes: ")
    assert str(caught.value).endswith("Give it as districts= and the commune layer as communes=.")
    layer = dxmap.as_communes(dxmap.read_boundaries(LAOCAI_DISTRICTS))  # reconcile() itself, for notebook users
    records = dxmap.read_records(RECORDS)
    with pytest.raises(SchemaError, match=DISTRICT_LAYER):
        dxmap.reconcile(records, layer)
    with pytest.raises(SchemaError, match=f"{DISTRICT_LAYER}: its 9 names are the records' district names"):
        dxmap.reconcile(records.assign(commune_name=pd.NA, village_name=pd.NA), layer)  # codes, no commune names


def test_the_codes_length_decides_nothing(tmp_path):
    """A district layer with 5-digit codes is refused; a commune layer numbered 1, 2, 3… (a Hà Nội layer whose codes
    lost their leading zeros) is not, and its records match by code."""
    districts = gpd.read_file(LAOCAI_DISTRICTS)
    long = tmp_path / "huyen.geojson"
    districts.assign(code="10" + districts["code"]).to_file(long)
    with pytest.raises(SchemaError, match=f"{DISTRICT_LAYER}: its 9 names are the records' district names"):
        dxmap.read_dataset(RECORDS, communes=long)

    communes = gpd.read_file(LAOCAI_COMMUNES)
    number = {code: str(i) for i, code in enumerate(communes["code"], start=1)}
    small, records = tmp_path / "xa.geojson", tmp_path / "r.csv"
    communes.assign(code=communes["code"].map(number)).to_file(small)
    table = pd.read_csv(RECORDS, dtype=str)
    table.assign(commune_code=table["commune_code"].map(number)).dropna(subset="commune_code").to_csv(records, index=False)
    data = dxmap.read_dataset(records, communes=small)
    lan = data.outcomes[data.outcomes["technology"].eq("lan")]
    assert set(lan["outcome"]) == {"matched"} and set(lan["method"]) == {"code"} and len(lan) > 250
    assert set(data.communes["code"].str.lstrip("0").str.len()) == {1, 2, 3}


def test_yen_bai_files_swapped(tmp_path):
    records = _yenbai_records(tmp_path)
    err = _refused("check", "--lang", "en", "--communes", str(YENBAI_DISTRICTS), "--records", str(records))
    assert (f"{YENBAI_DISTRICTS}: communes: {DISTRICT_LAYER}: its 9 names are the records' district names ('Yên Bái', "
            "'Nghĩa Lộ', 'Lục Yên', 'Văn Yên', 'Mù Căng Chải' … (9 in all)); and none of the records' 168 commune codes "
            "is in it. Give it as --districts and the commune layer as --communes.") in err
    with pytest.raises(SchemaError, match="Give it as districts= and the commune layer as communes="):
        dxmap.read_dataset(records, communes=YENBAI_DISTRICTS)
    # both given the wrong way round: the district option's file is the commune layer, and both files are named
    err = _refused("check", "--lang", "en", "--communes", str(YENBAI_DISTRICTS), "--districts", str(YENBAI_COMMUNES), "--records", str(records))
    assert f"swapped: give --communes {YENBAI_COMMUNES} and --districts {YENBAI_DISTRICTS}." in err
    # the right way round: all matched, and the records of another province are not taken for a district layer
    assert _cli("check", "--lang", "en", "--communes", str(YENBAI_COMMUNES), "--districts", str(YENBAI_DISTRICTS),
                "--records", str(records)).exit_code == 0
    outcomes = dxmap.read_dataset(RECORDS, communes=YENBAI_COMMUNES).outcomes
    assert outcomes["outcome"].ne("matched").all()


def test_district_unit_words_tell_without_the_records_districts(tmp_path):
    """Records that name no district: the layer's own names say "Huyện", "Thành phố"."""
    districts, records = tmp_path / "huyen.geojson", tmp_path / "r.csv"
    layer = gpd.read_file(LAOCAI_DISTRICTS)
    layer.assign(name=layer["full_name"]).drop(columns="full_name").to_file(districts)
    pd.read_csv(RECORDS, dtype=str).drop(columns="district_name").to_csv(records, index=False)
    with pytest.raises(SchemaError, match=f"{DISTRICT_LAYER}: its 9 names start with a district's unit word "
                                          r"\(Huyện, Quận, Thị xã, Thành phố: 'Thành phố Lào Cai', 'Huyện Bát Xát' …"):
        dxmap.read_dataset(records, communes=districts)
    # communes named as their districts are, and so named: the district towns, "Thị trấn Bát Xát", "Phường Sa Pa"
    communes, towns = gpd.read_file(LAOCAI_COMMUNES), tmp_path / "thi_tran.geojson"
    same = communes[communes["name"].eq(communes["district_name"])]
    same.assign(name=same["full_name"]).drop(columns="full_name").to_file(towns)
    outcomes = dxmap.read_dataset(RECORDS, communes=towns).outcomes
    assert len(same) >= 5 and outcomes["matched_commune_code"].dropna().isin(same["code"]).all()
    assert outcomes["outcome"].eq("matched").sum() > 0


def test_commune_layer_as_districts_by_its_names(tmp_path):
    """A commune layer numbered 1, 2, 3… given as the district layer: its codes cannot tell, its names do."""
    communes = gpd.read_file(LAOCAI_COMMUNES)
    small = tmp_path / "xa.geojson"
    communes.assign(code=[str(i) for i in range(1, len(communes) + 1)]).to_file(small)
    err = _refused("check", "--lang", "en", "--districts", str(small), "--records", str(RECORDS))
    assert (f"{small}: districts: {COMMUNE_LAYER}: its 144 names are the commune layer's commune names ('Duyên Hải', "
            "'Lào Cai', 'Cốc Lếu', 'Kim Tân', 'Bắc Lệnh' … (144 in all)), not its district names. Give the commune "
            "layer as --communes and the district layer as --districts.") in err
    worded = communes.assign(code=[str(i) for i in range(1, len(communes) + 1)], name=communes["full_name"])
    with pytest.raises(SchemaError, match=f"{COMMUNE_LAYER}: its 144 names start with a commune's unit word "
                                          r"\(Xã, Phường, Thị trấn: 'Phường Duyên Hải', 'Phường Lào Cai' …"):
        dxmap.as_districts(worded.drop(columns="full_name"))
    assert len(dxmap.as_districts(gpd.read_file(LAOCAI_DISTRICTS), communes=dxmap.bundled_communes())) == 9


def test_one_file_given_as_both_layers(tmp_path):
    err = _refused("check", "--lang", "en", "--communes", str(LAOCAI_COMMUNES), "--districts", str(LAOCAI_COMMUNES), "--records", str(RECORDS))
    assert err.rstrip().endswith("The same file is given as both layers: give the district layer as --districts, "
                                 "or leave it out.")
    assert "swapped" not in err
    err = _refused("check", "--lang", "en", "--communes", str(LAOCAI_DISTRICTS), "--districts", str(LAOCAI_DISTRICTS), "--records", str(RECORDS))
    assert f"{LAOCAI_DISTRICTS}: communes: {DISTRICT_LAYER}" in err


def test_a_layer_of_points_is_no_commune_layer(tmp_path):
    """QA29 L5: a commune layer of points was taken, and the map said it drew "145 polygons"."""
    demo = dxmap.demo_dataset()
    points = demo.communes.assign(geometry=demo.communes.representative_point())
    with pytest.raises(SchemaError, match=r"communes: the layer holds Point only, no outlines \(polygons\) of communes: "
                                          r"is it a village layer\?"):
        dxmap.as_communes(points)
    some = demo.communes.copy()
    some.loc[some.index[:2], "geometry"] = some.geometry.iloc[:2].representative_point().values
    assert len(dxmap.as_communes(some)) == len(some)  # a few: kept, with a warning

"""A boundary layer's messages on the command line: in options (--villages-column, --communes), not Python words."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from click.testing import CliRunner

from dxmap.cli import main


def _run(*args):
    result = CliRunner().invoke(main, ["summary", *args, "-q"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    return result.stderr


def test_boundary_messages_speak_cli(tmp_path, data_dir):
    records = tmp_path / "r.csv"
    pd.DataFrame([{"commune_code": "00001", "technology": "lan", "status": "none", "as_of": "2024-06-30"}]).to_csv(records)
    villages = tmp_path / "thon.geojson"
    gpd.read_file(data_dir / "villages.geojson").rename(columns={"name": "x", "commune_code": "y"}).to_file(villages)
    err = _run("--records", str(records), "--villages", str(villages), "--lang", "en")
    assert "Name them with --villages-column name='Your header' --villages-column commune_code='Your header'." in err
    assert "columns=" not in err and "as_villages" not in err
    err = _run("--records", str(records), "--villages", str(villages))  # --lang vi
    assert "Hãy chỉ ra các cột bằng --villages-column name='Tên cột' --villages-column commune_code='Tên cột'." in err
    assert "columns=" not in err and "as_villages" not in err
    communes, districts = tmp_path / "xa.geojson", tmp_path / "huyen.geojson"
    gpd.read_file(data_dir / "communes.geojson").to_file(communes)
    gpd.read_file(data_dir / "districts.geojson").to_file(districts)
    err = _run("--records", str(records), "--communes", str(districts), "--districts", str(communes))
    assert f"đổi chỗ cho nhau: hãy chọn --communes {communes} và --districts {districts}." in err  # --lang vi
    err = _run("--records", str(records), "--communes", str(districts), "--districts", str(communes), "--lang", "en")
    assert f"swapped: give --communes {communes} and --districts {districts}." in err


def test_district_of_a_layer_without_districts_speaks_cli(tmp_path, data_dir):
    records = tmp_path / "r.csv"
    pd.DataFrame([{"commune_code": "00001", "technology": "lan", "status": "none", "as_of": "2024-06-30"}]).to_csv(records)
    communes = tmp_path / "xa.geojson"
    gpd.read_file(data_dir / "communes.geojson").drop(columns=["district_code", "district_name"]).to_file(communes)
    err = _run("--records", str(records), "--communes", str(communes), "--district", "dong son")
    assert "--communes-column district_name='Tên cột'" in err  # --lang vi
    err = _run("--records", str(records), "--communes", str(communes), "--district", "dong son", "--lang", "en")
    assert "--communes-column district_name='Your header'" in err


def test_a_geopackage_of_4_digit_districts_and_6_digit_communes(tmp_path):
    """QA67 F2: the layers of one GeoPackage, picked right, were refused as "the same file given as both layers"."""
    from shapely.geometry import box

    codes = ["020101", "020102", "020201", "020202"]
    communes = gpd.GeoDataFrame({"code": codes, "name": ["Achacachi", "Ancoraimes", "Pucarani", "Laja"],
                                 "district_code": [c[:4] for c in codes]},
                                geometry=[box(-68.6 + 0.1 * i, -16.2, -68.5 + 0.1 * i, -16.1) for i in range(4)],
                                crs="EPSG:4326")
    districts = gpd.GeoDataFrame({"code": ["0201", "0202"], "name": ["Omasuyos", "Los Andes"]},
                                 geometry=[box(-68.6, -16.2, -68.4, -16.1), box(-68.4, -16.2, -68.2, -16.1)],
                                 crs="EPSG:4326")
    gpkg, records = tmp_path / "region.gpkg", tmp_path / "r.csv"
    communes.to_file(gpkg, layer="municipios")
    districts.to_file(gpkg, layer="provincias")
    pd.DataFrame({"commune_code": codes, "technology": "lan", "status": "none", "as_of": "2025-03-31"}).to_csv(records)
    result = CliRunner().invoke(main, ["summary", "--records", str(records), "--communes", str(gpkg), "--districts",
                                       str(gpkg), "--lang", "en", "-q", "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    assert "0201,Omasuyos,lan,commune,2" in result.stdout and "0202,Los Andes,lan,commune,2" in result.stdout

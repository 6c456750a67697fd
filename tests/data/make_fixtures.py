"""Regenerate the small hand-made fixtures in this folder: python tests/data/make_fixtures.py

Four square communes (0.1° each, near 104°E 22°N) in two districts:

    district 001 "Đông Sơn":  00001 Xã Đồng Tâm (104.0–104.1)   00002 Xã Tân Lập (104.1–104.2)
    district 002 "Tây Sơn":   00003 Xã Tân Lập (104.2–104.3)   00004 Phường Bắc Sơn (104.3–104.4)

"Tân Lập" exists in both districts; "Đồng Tâm" has Đ. Two villages per commune, "Thôn 1" and a named one.
records.csv (UTF-8 with BOM) and records.xlsx hold the same rows, including a code written without its
leading zeros ("2" for 00002) and an orphan row (commune 09999).
"""

from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point, box

HERE = Path(__file__).parent
COMMUNES = [
    ("00001", "Đồng Tâm", "Xã", "001", "Đông Sơn"),
    ("00002", "Tân Lập", "Xã", "001", "Đông Sơn"),
    ("00003", "Tân Lập", "Xã", "002", "Tây Sơn"),
    ("00004", "Bắc Sơn", "Phường", "002", "Tây Sơn"),
]


def main() -> None:
    rows = []
    for i, (code, name, kind, dcode, dname) in enumerate(COMMUNES):
        x0 = 104.0 + 0.1 * i
        rows.append({"code": code, "name": name, "full_name": f"{kind} {name}", "district_code": dcode,
                     "district_name": dname, "geometry": box(x0, 22.0, x0 + 0.1, 22.1)})
    communes = gpd.GeoDataFrame(rows, crs="EPSG:4326")
    communes.to_file(HERE / "communes.geojson", driver="GeoJSON")
    districts = communes.dissolve("district_code", as_index=False)[["district_code", "district_name", "geometry"]]
    districts.rename(columns={"district_code": "code", "district_name": "name"}).to_file(HERE / "districts.geojson", driver="GeoJSON")
    villages = []
    for i, (code, name, *_rest) in enumerate(COMMUNES):
        x0 = 104.0 + 0.1 * i
        villages.append({"village_id": f"{code}-001", "name": "Thôn 1", "commune_code": code, "geometry": Point(x0 + 0.03, 22.05)})
        other = {"00001": "Bản Đán", "00002": "Thôn Đoàn Kết", "00003": "Thôn Đoàn Kết", "00004": "Tổ dân phố 2"}[code]
        villages.append({"village_id": f"{code}-002", "name": other, "commune_code": code, "geometry": Point(x0 + 0.07, 22.05)})
    gpd.GeoDataFrame(villages, crs="EPSG:4326").to_file(HERE / "villages.geojson", driver="GeoJSON")

    records = pd.DataFrame([
        # level, commune_code, commune_name, district_name, village_id, village_name, technology, status, as_of, source, note
        ["commune", "00001", "Đồng Tâm", "Đông Sơn", "", "", "lan", "none", "2024-06-30", "Sở TT&TT", ""],
        ["commune", "2", "Tân Lập", "Đông Sơn", "", "", "lan", "covered", "2024-06-30", "Sở TT&TT", "zero padding lost"],
        ["commune", "", "Tân Lập", "Tây Sơn", "", "", "lan", "chưa có", "2024-06-30", "Sở TT&TT", "name within district"],
        ["commune", "00004", "Bắc Sơn", "Tây Sơn", "", "", "lan", "covered", "2024-06-30", "Sở TT&TT", ""],
        ["village", "00001", "Đồng Tâm", "Đông Sơn", "00001-001", "Thôn 1", "mobile", "none", "2024-06-30", "Viettel", ""],
        ["village", "00001", "Đồng Tâm", "Đông Sơn", "", "Bản Đán", "mobile", "weak", "2024-06-30", "Viettel", "lõm sóng"],
        ["village", "00002", "", "", "", "thon 01", "fibre", "none", "2024-06-30", "VNPT", "Thôn 01 = Thôn 1"],
        ["village", "00003", "Tân Lập", "Tây Sơn", "00003-002", "Thôn Đoàn Kết", "fibre", "planned", "2024-06-30", "VNPT", ""],
        ["village", "09999", "Không Có", "Tây Sơn", "", "Thôn 9", "fibre", "none", "2024-06-30", "VNPT", "orphan"],
    ], columns=["level", "commune_code", "commune_name", "district_name", "village_id", "village_name",
                "technology", "status", "as_of", "source", "note"])
    records.to_csv(HERE / "records.csv", index=False, encoding="utf-8-sig")
    records.to_excel(HERE / "records.xlsx", index=False, sheet_name="Hiện trạng")


if __name__ == "__main__":
    main()

"""Generate the ILLUSTRATIVE sample villages and connectivity status records for Lào Cai (data/sample/).

Nothing written here is real: no open village data exists for Lào Cai, so village points, village areas,
names, populations and status records are made up by this seeded script and placed inside the real
(bundled) 2024 commune polygons. Every output is labelled illustrative ("minh họa").

The status records are calibrated so that the Q1 → Q2 2024 change reproduces the figures of the mid-2024
Lào Cai digital-transformation review: 6 villages still without mobile broadband (4 fixed during Q2),
56 villages still without fibre (144 fixed during Q2) and 29 communes without a standard LAN.

Run ``python scripts/make_sample_data.py [--out DIR] [--seed N]``. The same seed gives byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import time
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd
import geopandas as gpd
import shapely

ROOT = Path(__file__).resolve().parents[1]
BOUNDARIES = ROOT / "data" / "boundaries"
DEFAULT_SEED = 20240630
Q1, Q2 = "2024-03-31", "2024-06-30"
TARGET_VILLAGES = 1550
MIN_SEP_M = 300.0
M_PER_DEG = 111_320.0
# Degrees: ~100 m at this latitude keeps points off commune edges.
EDGE_BUFFER = 0.001
BAT_XAT = "082"
# How remote a district is (higher = more likely to lack coverage); only Xã can have gaps.
REMOTENESS = {"082": 3.0, "083": 2.5, "084": 2.5, "085": 2.5, "089": 2.0, "088": 1.5, "087": 1.0, "086": 0.6, "080": 0.3}
LOWLAND = {"080", "086", "087", "089"}  # more numbered "Thôn N" villages, fewer "Bản"
SYLLABLES = (
    "Pho Xèo Mế Lầu Sán Chải Phìn Hồ Sáng Tủng Cốc Ly Nậm Pá Khấu Vược Lũng Tà Séo Mào Chư Nhìu Ngài Thàng "
    "Củ Tỷ Pao Sín Sừ Lùng Cồ Dì Mí Tả Chồ Súng Quán Dền Hán Giàng Phố Ngán Lao Mý Sảng Chùa Làu Cáng"
).split()
THON_NAMES = (
    "Đồng Tâm", "Đông Căm", "Đoàn Kết", "Đồng Quang", "Đông Hồ", "Đồng Tiến", "Đá Đinh", "Tân Tiến",
    "Hòa Bình", "Trung Tâm", "Phú Hà", "Tiến Lợi", "Nà Lốc", "Cốc Lầy", "Vi Kẹm", "An Thành", "Minh Tân",
    "Khe Mụ", "Nà Phát", "Thái Niên", "Mường Bát", "Tân Lập", "Bắc Ngầm", "Sơn Hà", "Liên Hợp",
)
SOURCES = {
    "mobile": (["Viettel Lào Cai (minh họa)", "VNPT Lào Cai (minh họa)", "MobiFone Lào Cai (minh họa)"], [0.6, 0.25, 0.15]),
    "fibre": (["VNPT Lào Cai (minh họa)", "Viettel Lào Cai (minh họa)"], [0.55, 0.45]),
}
LAN_SOURCE = "Sở TT&TT Lào Cai (minh họa)"
NOTES = {
    ("mobile", "none"): ["Trắng sóng, chưa có trạm BTS", "Khu vực khe núi, chưa có hạ tầng di động"],
    ("mobile", "weak"): ["Lõm sóng khu vực khe núi", "Sóng yếu, chập chờn vào giờ cao điểm"],
    ("mobile", "fixed"): ["Đã phát sóng trạm BTS mới tháng 5/2024"],
    ("fibre", "none"): ["Chưa có cáp quang", "Cách trục cáp chính khoảng 8 km"],
    ("fibre", "planned"): ["Đã có kế hoạch kéo cáp quang Q3/2024"],
    ("fibre", "fixed"): ["Đã kéo cáp quang đến thôn tháng 6/2024"],
    ("lan", "none"): ["Chưa có mạng LAN theo chuẩn", "Thiết bị mạng cũ, chưa đạt chuẩn"],
    ("lan", "weak"): ["Mạng LAN chưa ổn định"],
    ("lan", "planned"): ["Đã có kế hoạch nâng cấp mạng LAN năm 2024"],
}
UNKNOWN_NOTE = "Chưa khảo sát"
COMMA_NOTE = "Đường khó đi, mùa mưa sạt lở, chưa kéo được cáp"
QUOTE_NOTE = 'Theo báo cáo "rà soát vùng lõm sóng" quý 1/2024'
# Same prefix list as the project's matching key, so names stay unique after folding.
_PREFIX_RE = re.compile(r"^(?:to dan pho|thi tran|tieu khu|khu pho|phuong|thon|ban|lang|xom|doi|khu|tdp|to|xa|ap)\s+(?=\S)")
COLUMNS = ["level", "commune_code", "commune_name", "district_name", "village_id", "village_name",
           "technology", "status", "as_of", "source", "note"]
VILLAGE_PROPS = ["village_id", "name", "commune_code", "commune_name", "district_code", "district_name", "population", "illustrative"]


def _key(name: str) -> str:
    """Folded name without unit prefixes (numbers unpadded), used to keep village names unique per commune."""
    text = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "d").lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    while (stripped := _PREFIX_RE.sub("", text, count=1)) != text:
        text = stripped
    return re.sub(r"\d+", lambda m: str(int(m.group())), text)


def bundled_communes() -> tuple[pd.DataFrame, shapely.Geometry, list[str]]:
    """Communes (sorted by code, with a `geometry` column; None for cluster members), the cluster polygon and its codes."""
    units = pd.read_csv(BOUNDARIES / "laocai_admin_units_2024.csv", dtype=str, keep_default_na=False)
    polys = gpd.read_file(BOUNDARIES / "laocai_communes_2024_derived.geojson")
    cluster = gpd.read_file(BOUNDARIES / "laocai_communes_2024_unresolved_clusters.geojson")
    cluster_codes = sorted(cluster.loc[0, "codes_2024"].split(","))
    units = units.sort_values("commune_code", ignore_index=True)
    units["geometry"] = units["commune_code"].map(dict(zip(polys["code"], polys.geometry)))
    units["area_km2"] = units["commune_code"].map(dict(zip(polys["code"], polys["area_km2"].astype(float))))
    in_cluster = units["commune_code"].isin(cluster_codes)
    units.loc[in_cluster, "area_km2"] = float(cluster.loc[0, "area_km2"]) / len(cluster_codes)
    missing = units.loc[units["geometry"].isna() & ~in_cluster, "commune_code"].tolist()
    if missing:
        raise SystemExit(f"{len(missing)} communes have no polygon and are not in the cluster: {missing[:5]}")
    return units, shapely.make_valid(cluster.geometry.iloc[0]), cluster_codes


def village_counts(area_km2: pd.Series) -> np.ndarray:
    """Villages per commune, roughly proportional to area, 4..20, scaled so the total reaches TARGET_VILLAGES."""
    a = area_km2.to_numpy()
    for k in np.arange(0.10, 1.0, 0.005):
        n = np.clip(np.rint(k * a), 4, 20).astype(int)
        if n.sum() >= TARGET_VILLAGES:
            return n
    return n


def sample_points(region: shapely.Geometry, n: int, rng: np.random.Generator, sep_m: float = MIN_SEP_M,
                  taken: np.ndarray | None = None) -> np.ndarray:
    """`n` lon/lat points (6 decimals) inside `region`, at least `sep_m` apart (relaxed only if it cannot fit)."""
    shapely.prepare(region)
    minx, miny, maxx, maxy = region.bounds
    scale = np.array([M_PER_DEG * math.cos(math.radians((miny + maxy) / 2)), M_PER_DEG])
    acc = [] if taken is None else list(taken)
    start, tries = len(acc), 0
    while len(acc) - start < n:
        cand = np.round(rng.uniform([minx, miny], [maxx, maxy], size=(256, 2)), 6)
        for c in cand[shapely.contains_xy(region, cand[:, 0], cand[:, 1])]:
            if not acc or np.min(np.hypot(*((np.asarray(acc) - c) * scale).T)) >= sep_m:
                acc.append(c)
                if len(acc) - start == n:
                    break
        tries += 1
        if tries % 40 == 0:
            sep_m *= 0.8
    return np.asarray(acc[start:])


def village_names(n: int, unit_type: str, district_code: str, code: str, rng: np.random.Generator) -> list[str]:
    """`n` Vietnamese village names unique (by folded key) within one commune."""
    if unit_type != "Xã":
        return [f"Tổ dân phố {i}" for i in range(1, n + 1)]
    p = [0.5, 0.3, 0.2] if district_code in LOWLAND else [0.15, 0.15, 0.7]
    names: list[str] = ["Bản Vược"] if code == "02710" else []
    keys, numbered = {_key(x) for x in names}, 0
    while len(names) < n:
        kind = rng.choice(3, p=p)
        if kind == 0:
            numbered += 1
            name = f"Thôn {numbered}"
        elif kind == 1:
            name = "Thôn " + THON_NAMES[rng.integers(len(THON_NAMES))]
        else:
            parts = rng.choice(len(SYLLABLES), size=1 + int(rng.random() < 0.6), replace=False)
            name = "Bản " + " ".join(SYLLABLES[i] for i in parts)
        name = unicodedata.normalize("NFC", name)
        if _key(name) not in keys:
            keys.add(_key(name))
            names.append(name)
    return names


def make_villages(units: pd.DataFrame, cluster: shapely.Geometry, cluster_codes: list[str],
                  rng: np.random.Generator) -> tuple[pd.DataFrame, np.ndarray]:
    """One row per village (with lon/lat) and the matching Voronoi cells clipped to the commune (or cluster)."""
    counts = village_counts(units["area_km2"])
    # Split the cluster into 8 pseudo-territories so each Sa Pa commune's villages stay together;
    # the two rural Xã get the seeds farthest from the centre.
    inner_cluster = cluster.buffer(-EDGE_BUFFER)
    seeds = sample_points(inner_cluster, len(cluster_codes), rng, sep_m=3000.0)
    by_dist = np.argsort(-np.hypot(*(seeds - np.array(cluster.centroid.coords[0])).T), kind="stable")
    ctypes = units.set_index("commune_code").loc[cluster_codes, "commune_type"].to_numpy()
    order = [c for c in cluster_codes if ctypes[cluster_codes.index(c)] == "Xã"] + \
            [c for c in cluster_codes if ctypes[cluster_codes.index(c)] != "Xã"]
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(seeds), extend_to=cluster, ordered=True))
    territory = {code: shapely.intersection(cells[i], inner_cluster) for code, i in zip(order, by_dist)}
    rows, cluster_xy = [], np.empty((0, 2))
    for (_, u), n in zip(units.iterrows(), counts):
        code = u["commune_code"]
        if code in territory:
            xy = sample_points(territory[code], n, rng, taken=cluster_xy)
            cluster_xy = np.vstack([cluster_xy, xy])
        else:
            inner = u["geometry"].buffer(-EDGE_BUFFER)
            xy = sample_points(u["geometry"] if inner.is_empty else inner, n, rng)
        names = village_names(n, u["commune_type"], u["district_code"], code, rng)
        mu = 6.4 if u["commune_type"] != "Xã" else 5.8
        pops = np.clip(np.rint(rng.lognormal(mu, 0.45, size=n)), 80, 1500).astype(int)
        for i in range(n):
            rows.append({"village_id": f"{code}-{i + 1:03d}", "name": names[i], "commune_code": code,
                         "commune_name": u["commune_name"], "district_code": u["district_code"],
                         "district_name": u["district_name"], "population": int(pops[i]), "illustrative": True,
                         "commune_type": u["commune_type"], "lon": xy[i, 0], "lat": xy[i, 1]})
    v = pd.DataFrame(rows)
    areas = np.empty(len(v), dtype=object)
    groups = [(v.index[v["commune_code"].isin(cluster_codes)], cluster)] + [
        (v.index[v["commune_code"] == c], g) for c, g in zip(units["commune_code"], units["geometry"]) if c not in cluster_codes]
    for idx, poly in groups:
        pts = shapely.multipoints(v.loc[idx, ["lon", "lat"]].to_numpy())
        vor = shapely.get_parts(shapely.voronoi_polygons(pts, extend_to=poly, ordered=True))
        areas[idx] = shapely.intersection(vor, poly)
    areas = shapely.set_precision(areas, 1e-6)
    bad = ~shapely.is_valid(areas)
    areas[bad] = shapely.make_valid(areas[bad])
    if not shapely.contains_xy(areas, v["lon"], v["lat"]).all():
        raise SystemExit("a village area does not contain its village point")
    return v, areas


def _pick(rng: np.random.Generator, pool: np.ndarray, weights: np.ndarray, k: int) -> np.ndarray:
    """`k` distinct positions from `pool` (indices), drawn with probability proportional to `weights[pool]`."""
    w = weights[pool]
    return rng.choice(pool, size=k, replace=False, p=w / w.sum())


def make_records(v: pd.DataFrame, units: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Status rows for both snapshots, calibrated to the review figures (see module docstring)."""
    cf = dict(zip(units["commune_code"], rng.gamma(0.7, size=len(units))))  # clusters gaps in a few communes
    is_xa = (v["commune_type"] == "Xã").to_numpy()
    w = np.where(is_xa, v["district_code"].map(REMOTENESS) * v["commune_code"].map(cf) + 0.05, 0.0)
    every, bx = np.arange(len(v)), (v["district_code"] == BAT_XAT).to_numpy()
    used: set[int] = set()

    def pick(k: int, mask: np.ndarray, weights: np.ndarray = w) -> list[int]:
        pool = every[mask & (weights > 0) & ~np.isin(every, list(used))]
        got = [int(i) for i in _pick(rng, pool, weights, k)]
        used.update(got)
        return got

    highland = v["district_code"].isin(["083", "084", "085", "088", "089"]).to_numpy()
    mob_bx, mob_other = pick(4, bx), pick(6, highland)
    mob6 = mob_bx[:3] + mob_other[:3]
    mob_fixed = mob_bx[3:] + mob_other[3:]
    fib56 = mob6 + pick(8, bx) + pick(42, is_xa)
    fib_fixed = mob_fixed + pick(140, is_xa, np.where(is_xa, np.sqrt(w) + 0.3, 0.0))
    mob_weak, fib_planned = pick(22, is_xa), pick(27, is_xa)
    plain = np.where(v["commune_type"] == "Xã", 1.0, 0.5)
    unk = pick(4, np.ones(len(v), bool), plain)
    absent_mob, absent_fib = pick(8, np.ones(len(v), bool), plain), pick(15, np.ones(len(v), bool), plain)
    status = {(t, q): {} for t in ("mobile", "fibre", "lan") for q in (Q1, Q2)}
    for i in mob6:
        status["mobile", Q1][i] = status["mobile", Q2][i] = "none"
    for i in mob_fixed:
        status["mobile", Q1][i], status["mobile", Q2][i] = "none", "fixed"
    for i in fib56:
        status["fibre", Q1][i] = status["fibre", Q2][i] = "none"
    for i in fib_fixed:
        status["fibre", Q1][i], status["fibre", Q2][i] = "none", "fixed"
    for q, sl in ((Q1, slice(0, -2)), (Q2, slice(2, None))):
        status["mobile", q].update(dict.fromkeys(mob_weak[sl], "weak"))
        status["fibre", q].update(dict.fromkeys(fib_planned[sl], "planned"))
    status["mobile", Q1][unk[0]] = status["fibre", Q1][unk[1]] = "unknown"
    status["mobile", Q2][unk[2]] = status["fibre", Q2][unk[3]] = "unknown"
    status["mobile", Q2].update(dict.fromkeys(absent_mob, "absent"))
    status["fibre", Q2].update(dict.fromkeys(absent_fib, "absent"))

    src = {t: rng.choice(len(SOURCES[t][0]), size=len(v), p=SOURCES[t][1]) for t in ("mobile", "fibre")}
    rows: list[dict[str, str]] = []

    def note(tech: str, st: str) -> str:
        pool = NOTES.get((tech, st))
        return pool[rng.integers(len(pool))] if pool and rng.random() < 0.5 else ""

    for q in (Q1, Q2):
        for tech in ("mobile", "fibre"):
            for i, r in enumerate(v.itertuples(index=False)):
                st = status[tech, q].get(i, "covered")
                if st == "absent":
                    continue
                nt = UNKNOWN_NOTE if st == "unknown" else note(tech, st)
                rows.append({"level": "village", "commune_code": r.commune_code, "commune_name": r.commune_name,
                             "district_name": r.district_name, "village_id": r.village_id, "village_name": r.name,
                             "technology": tech, "status": "covered" if st == "fixed" else st, "as_of": q,
                             "source": SOURCES[tech][0][src[tech][i]], "note": nt})
    cx = units["commune_type"].eq("Xã").to_numpy()
    cw = np.where(cx, units["district_code"].map(REMOTENESS) * units["commune_code"].map(cf) + 0.05, 0.0)
    lan33 = [int(i) for i in _pick(rng, np.flatnonzero(cx), cw, 33)]
    rest = np.setdiff1d(np.arange(len(units)), lan33)
    lan_other = [int(i) for i in rng.choice(rest, size=7, replace=False)]
    for q in (Q1, Q2):
        lan = dict.fromkeys(lan33 if q == Q1 else lan33[:29], "none")
        lan.update(dict(zip(lan_other[:5] if q == Q1 else lan_other[1:6], ["weak", "planned", "weak", "planned", "weak"])))
        if q == Q2:
            lan[lan_other[6]] = "unknown"
        for i, u in enumerate(units.itertuples(index=False)):
            st = lan.get(i, "covered")
            rows.append({"level": "commune", "commune_code": u.commune_code, "commune_name": u.commune_name,
                         "district_name": u.district_name, "village_id": "", "village_name": "", "technology": "lan",
                         "status": st, "as_of": q, "source": LAN_SOURCE,
                         "note": UNKNOWN_NOTE if st == "unknown" else note("lan", st)})
    rec = pd.DataFrame(rows, columns=COLUMNS)
    first = lambda tech, st: rec.index[(rec["technology"] == tech) & (rec["status"] == st) & (rec["as_of"] == Q1)].min()
    rec.loc[first("mobile", "none"), "note"] = QUOTE_NOTE
    rec.loc[first("fibre", "none"), "note"] = COMMA_NOTE
    # ~30 rows name their village only by commune + district + village name, as hand-made lists often do.
    vil = rec.index[rec["level"] == "village"]
    gaps = vil[rec.loc[vil, "status"] != "covered"]
    name_only = np.concatenate([rng.choice(gaps, 6, replace=False), rng.choice(vil.difference(gaps), 24, replace=False)])
    rec["_blank"] = rec.index.isin(name_only)
    rec = rec.sort_values(["as_of", "level", "technology", "_blank", "commune_code", "village_id"], kind="stable")
    rec.loc[rec["_blank"], ["commune_code", "village_id"]] = ""
    return rec.drop(columns="_blank").reset_index(drop=True)


def _round(geom: shapely.Geometry) -> shapely.Geometry:
    return shapely.transform(geom, lambda c: np.round(c, 6))


def write_geojson(path: Path, name: str, props: pd.DataFrame, geoms: np.ndarray) -> None:
    """GeoJSON in the same layout as the bundled boundaries (one feature per line), deterministic bytes."""
    lines = ['{', '"type": "FeatureCollection",', f'"name": "{name}",',
             '"crs": { "type": "name", "properties": { "name": "urn:ogc:def:crs:OGC:1.3:CRS84" } },', '"features": [']
    feats = [json.dumps({"type": "Feature", "properties": p, "geometry": shapely.geometry.mapping(_round(g))},
                        ensure_ascii=False) for p, g in zip(props.to_dict("records"), geoms)]
    lines.append(",\n".join(feats))
    lines += [']', '}', '']
    path.write_text("\n".join(lines), encoding="utf-8")


def summarise(out: Path, t0: float) -> None:
    """Print the calibration figures counted from the written files (not from the generator's own sets)."""
    v = gpd.read_file(out / "villages.geojson")
    rec = pd.read_csv(out / "status_records.csv", dtype=str, keep_default_na=False)
    key = v.set_index(["commune_name", "district_name", "name"])["village_id"]
    blank = (rec["level"] == "village") & (rec["village_id"] == "")
    rec.loc[blank, "village_id"] = [key[t] for t in rec.loc[blank, ["commune_name", "district_name", "village_name"]].itertuples(index=False)]
    rec["unit"] = np.where(rec["level"] == "village", rec["village_id"], rec["commune_code"])
    print(f"villages: {len(v)} in {v['commune_code'].nunique()} communes; records: {len(rec)} ({blank.sum()} name-only)")
    print(pd.crosstab([rec["as_of"], rec["technology"]], rec["status"]).to_string())
    units = {"mobile": set(v["village_id"]), "fibre": set(v["village_id"]), "lan": set(v["commune_code"])}
    for tech in ("mobile", "fibre", "lan"):
        s = {q: rec[(rec["technology"] == tech) & (rec["as_of"] == q)].set_index("unit")["status"] for q in (Q1, Q2)}
        n1, n2 = set(s[Q1].index[s[Q1] == "none"]), set(s[Q2].index[s[Q2] == "none"])
        fixed = {u for u in n1 - n2 if u in s[Q2].index}
        print(f"{tech:6s} none {Q1}: {len(n1):3d}  none {Q2}: {len(n2):3d}  fixed in Q2: {len(fixed):3d}  "
              f"new in Q2: {len(n2 - n1)}  no row at {Q2}: {len(units[tech] - set(s[Q2].index))}")
    for f in sorted(out.iterdir()):
        print(f"{f.name:24s} {f.stat().st_size:>10,d} bytes")
    print(f"done in {time.perf_counter() - t0:.1f} s")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "sample", help="output directory (default data/sample)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    rng = np.random.default_rng(args.seed)
    units, cluster, cluster_codes = bundled_communes()
    v, areas = make_villages(units, cluster, cluster_codes, rng)
    rec = make_records(v, units, rng)
    args.out.mkdir(parents=True, exist_ok=True)
    props = v[VILLAGE_PROPS]
    write_geojson(args.out / "villages.geojson", "villages", props, shapely.points(v[["lon", "lat"]].to_numpy()))
    write_geojson(args.out / "village_areas.geojson", "village_areas", props, areas)
    rec.to_csv(args.out / "status_records.csv", index=False, encoding="utf-8", lineterminator="\n")
    summarise(args.out, t0)


if __name__ == "__main__":
    main()

"""Seeded synthetic national data for the benchmarks: communes, districts, provinces, villages, records.

Nothing here is real. The communes are Voronoi cells over a hand-drawn outline of mainland
Vietnam (about 40 vertices), with edges densified and displaced by one smooth function of
position, so that neighbours' shared edges stay shared exactly (the result is a valid polygonal
coverage) and each commune has about 275 vertices, like real commune boundaries.

How it is built, in a metric CRS (UTM 48N), all vectorised:

1. seeds on a jittered grid inside the outline (minimum spacing half a grid step), exactly N of them;
2. ``shapely.voronoi_polygons`` clipped to the outline; the cells' boundaries are noded once
   (``union_all``), so every shared edge exists once;
3. every edge is densified once (``shapely.segmentize``; segment length chosen so the average
   commune has ~275 vertices) and every vertex moved by ``_displace(x, y)``, a sum of three
   sinusoids whose gradient stays below 1, so the map is a homeomorphism: no edge crosses another;
4. ``shapely.polygonize`` rebuilds the faces, matched to their (equally displaced) seeds;
5. districts (~N/15) and provinces (~N/168) group neighbouring communes (nearest district seed,
   nearest province seed); 10 villages per commune are points inside it;
6. status records for every village (mobile, fibre) and commune (lan) at 2024-06-30, in dxmap's
   record schema (the columns of ``data/sample/status_records.csv``).

Run ``python bench/synthetic.py --communes 1000`` to (re)generate one size; the benchmark calls
:func:`ensure` and generates on demand into ``bench/.cache/`` (ignored by git).
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

log = logging.getLogger("bench.synthetic")

CACHE = Path(__file__).resolve().parent / ".cache"
VERSION = 1  # bump when the generator changes, so cached data is rebuilt
NATIONAL_COMMUNES = 10_600
VERTICES_PER_COMMUNE = 275
VILLAGES_PER_COMMUNE = 10
COMMUNES_PER_DISTRICT = NATIONAL_COMMUNES / 700
COMMUNES_PER_PROVINCE = NATIONAL_COMMUNES / 63
WORK_CRS = "EPSG:32648"  # UTM 48N: metres over all of Vietnam
AS_OF = "2024-06-30"

# Mainland Vietnam, hand-drawn from memory of the map (lon, lat), clockwise from the north-west tip.
OUTLINE_LONLAT = [
    (102.14, 22.40), (102.60, 22.73), (103.50, 22.60), (104.00, 22.80), (104.80, 23.10), (105.33, 23.38),
    (106.20, 22.95), (106.75, 22.85), (107.35, 21.80), (107.98, 21.54), (107.10, 20.95), (106.60, 20.30),
    (105.90, 19.60), (105.65, 18.90), (106.50, 17.70), (107.60, 16.50), (108.30, 16.00), (108.90, 15.30),
    (109.30, 13.80), (109.45, 12.70), (109.10, 11.60), (108.10, 10.90), (107.00, 10.35), (106.60, 9.60),
    (105.30, 8.60), (104.80, 8.70), (104.85, 10.00), (104.50, 10.45), (105.10, 10.95), (106.20, 11.10),
    (107.50, 12.25), (107.50, 14.70), (107.10, 15.90), (106.55, 16.70), (105.60, 18.10), (104.60, 18.90),
    (104.10, 19.30), (104.90, 20.20), (103.30, 20.85), (102.90, 21.20), (102.15, 21.90),
]

# (amplitude m, wavelength m) per octave; sum of amplitude * 2*pi / wavelength * sqrt(2) < 1 keeps the
# displacement a homeomorphism (its Jacobian never folds), so the displaced edges never cross.
_OCTAVES = ((250.0, 8_000.0), (100.0, 2_500.0), (25.0, 800.0))

# Status shares (synthetic, roughly national: more gaps than Lào Cai's mid-2024 review).
_SHARES = {
    "mobile": {"covered": 0.955, "weak": 0.03, "none": 0.01, "planned": 0.005},
    "fibre": {"covered": 0.88, "none": 0.08, "planned": 0.04},
    "lan": {"covered": 0.80, "none": 0.15, "weak": 0.02, "planned": 0.03},
}
_SYLLABLES = ["An", "Bình", "Phú", "Tân", "Hòa", "Đông", "Tây", "Long", "Mỹ", "Xuân", "Thạnh", "Phước", "Quảng",
              "Hưng", "Vĩnh", "Sơn", "Thủy", "Lâm", "Đức", "Yên", "Hà", "Kim", "Nam", "Bắc", "Trung", "Thái",
              "Hồng", "Lộc", "Minh", "Nghĩa", "Cẩm", "Hải"]


def folder(n_communes: int, seed: int = 0, *, all_gaps: bool = False) -> Path:
    return CACHE / f"v{VERSION}-communes{n_communes}-seed{seed}{'-allgaps' if all_gaps else ''}"


def _displace(xy: np.ndarray) -> np.ndarray:
    """The same smooth deterministic offset for the same (x, y): shared vertices move identically."""
    x, y = xy[:, 0], xy[:, 1]
    dx = np.zeros_like(x)
    dy = np.zeros_like(y)
    for i, (amp, wave) in enumerate(_OCTAVES):
        k = 2 * np.pi / wave
        dx += amp * np.sin(k * x + 1.3 * i) * np.cos(k * y + 0.7 * i)
        dy += amp * np.cos(k * x * 0.9 + 2.1 * i) * np.sin(k * y * 1.1 + 0.4 * i)
    return np.column_stack([x + dx, y + dy])


def _outline() -> shapely.Polygon:
    poly = shapely.Polygon(OUTLINE_LONLAT)
    if not poly.is_valid:  # the hand-drawn outline is part of this file; guard edits to it
        raise RuntimeError(f"outline is not valid: {shapely.is_valid_reason(poly)}")
    return gpd.GeoSeries([poly], crs="EPSG:4326").to_crs(WORK_CRS).iloc[0]


def _seeds(outline: shapely.Polygon, n: int, rng: np.random.Generator) -> np.ndarray:
    """Exactly ``n`` points inside the outline, at least half a grid step apart (jittered grid)."""
    step = np.sqrt(outline.area / n)
    for _ in range(30):
        x0, y0, x1, y1 = outline.bounds
        gx, gy = np.meshgrid(np.arange(x0, x1, step) + step / 2, np.arange(y0, y1, step) + step / 2)
        pts = np.column_stack([gx.ravel(), gy.ravel()]) + rng.uniform(-0.25, 0.25, (gx.size, 2)) * step
        inner = outline.buffer(-0.2 * step)
        pts = pts[shapely.contains_xy(inner, pts[:, 0], pts[:, 1])]
        if len(pts) >= n:
            keep = np.sort(rng.choice(len(pts), size=n, replace=False))
            return pts[keep]
        step *= np.sqrt(len(pts) / n) * 0.995
    raise RuntimeError(f"could not place {n} seeds")


def _name_table(n: int, rng: np.random.Generator, prefix: str) -> np.ndarray:
    a = rng.integers(0, len(_SYLLABLES), n)
    b = rng.integers(0, len(_SYLLABLES), n)
    base = np.char.add(np.char.add(np.array(_SYLLABLES)[a], " "), np.array(_SYLLABLES)[b])
    # Unique within the whole set: a number settles repeats (real names repeat across districts).
    s = pd.Series(base)
    dup = s.groupby(s).cumcount()
    s = s.where(dup.eq(0), s + " " + (dup + 1).astype(str))
    return (prefix + s).to_numpy()


def _group(points: np.ndarray, n_groups: int, rng: np.random.Generator) -> np.ndarray:
    """Assign each point to its nearest of ``n_groups`` centres picked among the points (contiguous groups)."""
    from scipy.spatial import cKDTree

    centres = points[np.sort(rng.choice(len(points), size=n_groups, replace=False))]
    _, idx = cKDTree(centres).query(points)
    return idx


def generate(n_communes: int = NATIONAL_COMMUNES, *, seed: int = 0, all_gaps: bool = False) -> dict[str, gpd.GeoDataFrame | pd.DataFrame]:
    """Build the synthetic data in memory (EPSG:4326). Same ``n_communes`` and ``seed`` → same data.

    ``all_gaps``: every village lacks fibre (a marker per village: the stress case for the map).
    """
    rng = np.random.default_rng([seed, n_communes])
    t0 = time.perf_counter()
    outline = _outline()
    seeds = _seeds(outline, n_communes, rng)
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.MultiPoint(seeds), extend_to=outline))
    cells = shapely.intersection(cells, outline)
    edges = shapely.get_parts(shapely.union_all(shapely.boundary(cells)))  # noded: every shared edge once
    perimeter = shapely.length(edges).sum() * 2 - outline.length  # inner edges count for two communes
    seg = perimeter / (n_communes * VERTICES_PER_COMMUNE)
    edges = shapely.transform(shapely.segmentize(edges, seg), _displace)
    faces = shapely.get_parts(shapely.polygonize(edges))
    moved = _displace(seeds)
    tree = shapely.STRtree(faces)
    pair = tree.query(shapely.points(moved), predicate="within")
    if len(faces) != n_communes or len(pair[0]) != n_communes or len(np.unique(pair[1])) != n_communes:
        raise RuntimeError(f"polygonize gave {len(faces)} faces for {n_communes} seeds ({len(pair[0])} matched)")
    polys = np.empty(n_communes, dtype=object)
    polys[pair[0]] = faces[pair[1]]

    n_dist = max(1, round(n_communes / COMMUNES_PER_DISTRICT))
    n_prov = max(1, round(n_communes / COMMUNES_PER_PROVINCE))
    dist_of = _group(seeds, n_dist, rng)
    dist_centres = np.array([seeds[dist_of == d].mean(axis=0) for d in range(n_dist)])
    prov_of_dist = _group(dist_centres, n_prov, rng)
    prov_of = prov_of_dist[dist_of]
    # GSO-like codes: provinces 2 digits, districts 3, communes 5, numbered in province/district order.
    order = np.lexsort((seeds[:, 1], dist_of, prov_of))
    polys, dist_of, prov_of, moved = polys[order], dist_of[order], prov_of[order], moved[order]
    prov_rank = pd.Series(prov_of).rank(method="dense").astype(int).to_numpy()
    dist_rank = pd.Series(prov_of * 10_000 + dist_of).rank(method="dense").astype(int).to_numpy()
    prov_names = _name_table(n_prov, rng, "")
    dist_names = _name_table(n_dist, rng, "Huyện ")
    communes = gpd.GeoDataFrame({
        "code": [f"{i + 1:05d}" for i in range(n_communes)],
        "name": _name_table(n_communes, rng, "Xã "),
        "district_code": [f"{d:03d}" for d in dist_rank],
        "district_name": dist_names[dist_rank - 1],
        "province_code": [f"{p:02d}" for p in prov_rank],
        "province_name": prov_names[prov_rank - 1],
    }, geometry=polys, crs=WORK_CRS)
    districts = communes.dissolve("district_code", aggfunc={"district_name": "first"}, method="coverage").reset_index()
    districts = districts.rename(columns={"district_code": "code", "district_name": "name"})

    villages = _villages(communes, rng)
    records = _records(communes, villages, rng)
    if all_gaps:
        records.loc[records["technology"].eq("fibre"), "status"] = "none"
    log.info("generated %d communes, %d districts, %d provinces, %d villages, %d records in %.1f s",
             n_communes, n_dist, n_prov, len(villages), len(records), time.perf_counter() - t0)
    return {
        "communes": communes.to_crs("EPSG:4326"),
        "districts": districts.to_crs("EPSG:4326"),
        "villages": villages.to_crs("EPSG:4326"),
        "records": records,
    }


def _villages(communes: gpd.GeoDataFrame, rng: np.random.Generator) -> gpd.GeoDataFrame:
    """``VILLAGES_PER_COMMUNE`` points inside each commune: rejection sampling, vectorised per round."""
    k = VILLAGES_PER_COMMUNE
    n = len(communes)
    owner = np.repeat(np.arange(n), k)
    geoms = communes.geometry.values
    centre = shapely.get_coordinates(shapely.point_on_surface(geoms))
    radius = np.sqrt(shapely.area(geoms) / np.pi)
    xy = np.full((n * k, 2), np.nan)
    todo = np.arange(n * k)
    for _ in range(20):
        ang = rng.uniform(0, 2 * np.pi, len(todo))
        r = radius[owner[todo]] * np.sqrt(rng.uniform(0, 1, len(todo)))
        cand = centre[owner[todo]] + np.column_stack([np.cos(ang), np.sin(ang)]) * r[:, None]
        ok = shapely.contains_xy(geoms[owner[todo]], cand[:, 0], cand[:, 1])
        xy[todo[ok]] = cand[ok]
        todo = todo[~ok]
        if not len(todo):
            break
    xy[todo] = centre[owner[todo]]  # a handful of thin communes: their inner point
    seq = np.tile(np.arange(1, k + 1), n)
    codes = communes["code"].to_numpy()[owner]
    return gpd.GeoDataFrame({
        "village_id": pd.Series(codes).str.cat(pd.Series(seq).map("{:03d}".format), sep="-").to_numpy(),
        "name": ("Thôn " + pd.Series(seq).astype(str)).to_numpy(),
        "commune_code": codes,
    }, geometry=shapely.points(xy), crs=communes.crs)


def _draw(tech: str, n: int, rng: np.random.Generator) -> np.ndarray:
    shares = _SHARES[tech]
    return rng.choice(np.array(list(shares)), size=n, p=np.array(list(shares.values())))


def _records(communes: gpd.GeoDataFrame, villages: gpd.GeoDataFrame, rng: np.random.Generator) -> pd.DataFrame:
    info = communes.set_index("code")[["name", "district_name"]]
    vc = villages["commune_code"].to_numpy()
    parts = []
    for tech in ("mobile", "fibre"):
        parts.append(pd.DataFrame({
            "level": "village", "commune_code": vc, "commune_name": info["name"].reindex(vc).to_numpy(),
            "district_name": info["district_name"].reindex(vc).to_numpy(), "village_id": villages["village_id"].to_numpy(),
            "village_name": villages["name"].to_numpy(), "technology": tech, "status": _draw(tech, len(villages), rng),
            "as_of": AS_OF, "source": "synthetic benchmark data", "note": "",
        }))
    parts.append(pd.DataFrame({
        "level": "commune", "commune_code": communes["code"].to_numpy(), "commune_name": communes["name"].to_numpy(),
        "district_name": communes["district_name"].to_numpy(), "village_id": "", "village_name": "", "technology": "lan",
        "status": _draw("lan", len(communes), rng), "as_of": AS_OF, "source": "synthetic benchmark data", "note": "",
    }))
    return pd.concat(parts, ignore_index=True)


def ensure(n_communes: int = NATIONAL_COMMUNES, *, seed: int = 0, all_gaps: bool = False) -> Path:
    """The cache folder for this size, generating and writing it first if missing."""
    out = folder(n_communes, seed, all_gaps=all_gaps)
    if (out / "meta.json").exists():
        return out
    data = generate(n_communes, seed=seed, all_gaps=all_gaps)
    tmp = out.with_name(out.name + ".tmp")
    tmp.mkdir(parents=True, exist_ok=True)
    for name in ("communes", "districts", "villages"):
        data[name].to_file(tmp / f"{name}.gpkg", engine="pyogrio")
    data["records"].to_csv(tmp / "status_records.csv", index=False, encoding="utf-8")
    meta = {
        "communes": len(data["communes"]), "districts": len(data["districts"]),
        "provinces": int(data["communes"]["province_code"].nunique()), "villages": len(data["villages"]),
        "records": len(data["records"]),
        "commune_vertices": int(shapely.get_num_coordinates(data["communes"].geometry.values).sum()),
        "seed": seed, "version": VERSION, "all_gaps": all_gaps,
    }
    (tmp / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    if out.exists():  # a stale partial folder
        for f in out.iterdir():
            f.unlink()
        out.rmdir()
    tmp.rename(out)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--communes", type=int, default=NATIONAL_COMMUNES)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--all-gaps", action="store_true", help="every village lacks fibre (one map marker per village)")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    out = ensure(args.communes, seed=args.seed, all_gaps=args.all_gaps)
    print(out)
    print((out / "meta.json").read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()

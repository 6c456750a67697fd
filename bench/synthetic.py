"""Seeded synthetic national data for the benchmark: communes, districts, villages, status records.

Nothing here is real. Two commune layers are made from one set of cells:

- ``exact``: Voronoi cells over a hand-drawn outline of mainland Vietnam, their edges densified
  (about 275 vertices per commune, like real commune boundaries) and bent by one smooth function
  of position, so neighbours share their edges vertex for vertex (a valid polygonal coverage);
- ``jittered``: the same polygons with every vertex of every polygon moved independently by up
  to 20 m, as in hand-digitised files: neighbours' edges no longer match (slivers, overlaps), and
  where vertices are close some rings cross themselves.

Districts group about 15 neighbouring communes (nearest district seed) and are dissolved from the
exact communes; the jittered set's districts are jittered the same way. Each commune holds 10
villages (points at least 50 m inside the exact polygon, so they lie in the jittered one too),
with status records for every village (mobile, fibre) and commune (lan) in dxmap's record schema.

``python bench/synthetic.py --communes 1000`` writes one size to ``bench/.cache/`` (ignored by
git) and prints its folder; the benchmark calls :func:`ensure`, which generates on first use.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

CACHE = Path(__file__).resolve().parent / ".cache"
VERSION = 2  # bump when the generator changes, so cached data is rebuilt
KINDS = ("exact", "jittered")
NATIONAL_COMMUNES = 10_600
VERTICES_PER_COMMUNE = 275
VILLAGES_PER_COMMUNE = 10
COMMUNES_PER_DISTRICT = 15
JITTER_M = 20.0
WORK_CRS = "EPSG:32648"  # UTM 48N: metres over all of Vietnam
AS_OF = "2024-06-30"

# Mainland Vietnam, hand-drawn (lon, lat), clockwise from the north-west tip.
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
# bend a homeomorphism (its Jacobian never folds), so bent edges never cross.
_OCTAVES = ((250.0, 8_000.0), (100.0, 2_500.0), (25.0, 800.0))
# Status shares (synthetic, roughly national).
_SHARES = {
    "mobile": {"covered": 0.955, "weak": 0.03, "none": 0.01, "planned": 0.005},
    "fibre": {"covered": 0.88, "none": 0.08, "planned": 0.04},
    "lan": {"covered": 0.80, "none": 0.15, "weak": 0.02, "planned": 0.03},
}
_SYLLABLES = ["An", "Bình", "Phú", "Tân", "Hòa", "Đông", "Tây", "Long", "Mỹ", "Xuân", "Thạnh", "Phước", "Quảng",
              "Hưng", "Vĩnh", "Sơn", "Thủy", "Lâm", "Đức", "Yên", "Hà", "Kim", "Nam", "Bắc", "Trung", "Thái",
              "Hồng", "Lộc", "Minh", "Nghĩa", "Cẩm", "Hải"]


def folder(n_communes: int, seed: int = 0) -> Path:
    return CACHE / f"v{VERSION}-communes{n_communes}-seed{seed}"


def files(data: Path, kind: str) -> dict[str, Path]:
    """The four input files of one set (``kind`` in :data:`KINDS`) in a generated folder."""
    return {"communes": data / f"communes-{kind}.gpkg", "districts": data / f"districts-{kind}.gpkg",
            "villages": data / "villages.gpkg", "records": data / "status_records.csv"}


def _bend(xy: np.ndarray) -> np.ndarray:
    """The same smooth offset for the same (x, y): shared vertices move alike."""
    x, y = xy[:, 0], xy[:, 1]
    dx, dy = np.zeros_like(x), np.zeros_like(y)
    for i, (amp, wave) in enumerate(_OCTAVES):
        k = 2 * np.pi / wave
        dx += amp * np.sin(k * x + 1.3 * i) * np.cos(k * y + 0.7 * i)
        dy += amp * np.cos(k * x * 0.9 + 2.1 * i) * np.sin(k * y * 1.1 + 0.4 * i)
    return np.column_stack([x + dx, y + dy])


def jitter(geoms: np.ndarray, metres: float, rng: np.random.Generator) -> np.ndarray:
    """Every vertex of every (multi)polygon moved independently, uniformly within ``metres`` (rings stay closed)."""
    kind, xy, offsets = shapely.to_ragged_array(geoms)
    r = metres * np.sqrt(rng.uniform(0, 1, len(xy)))
    angle = rng.uniform(0, 2 * np.pi, len(xy))
    moved = xy + np.column_stack([r * np.cos(angle), r * np.sin(angle)])
    ring_off = offsets[0]
    moved[ring_off[1:] - 1] = moved[ring_off[:-1]]  # a ring's closing vertex is its first one
    return shapely.from_ragged_array(kind, moved, offsets)


def _outline() -> shapely.Polygon:
    poly = shapely.Polygon(OUTLINE_LONLAT)
    return gpd.GeoSeries([poly], crs="EPSG:4326").to_crs(WORK_CRS).iloc[0]


def _seeds(outline: shapely.Polygon, n: int, rng: np.random.Generator) -> np.ndarray:
    """Exactly ``n`` points inside the outline on a jittered grid."""
    step = np.sqrt(outline.area / n)
    for _ in range(30):
        x0, y0, x1, y1 = outline.bounds
        gx, gy = np.meshgrid(np.arange(x0, x1, step) + step / 2, np.arange(y0, y1, step) + step / 2)
        pts = np.column_stack([gx.ravel(), gy.ravel()]) + rng.uniform(-0.25, 0.25, (gx.size, 2)) * step
        pts = pts[shapely.contains_xy(outline.buffer(-0.2 * step), pts[:, 0], pts[:, 1])]
        if len(pts) >= n:
            return pts[np.sort(rng.choice(len(pts), size=n, replace=False))]
        step *= np.sqrt(len(pts) / n) * 0.995
    raise RuntimeError(f"could not place {n} seeds")


def _names(n: int, rng: np.random.Generator, prefix: str) -> np.ndarray:
    s = pd.Series(np.char.add(np.char.add(np.array(_SYLLABLES)[rng.integers(0, len(_SYLLABLES), n)], " "),
                              np.array(_SYLLABLES)[rng.integers(0, len(_SYLLABLES), n)]))
    dup = s.groupby(s).cumcount()  # a number settles repeats
    return (prefix + s.where(dup.eq(0), s + " " + (dup + 1).astype(str))).to_numpy()


def _cells(outline: shapely.Polygon, seeds: np.ndarray) -> np.ndarray:
    """Voronoi cells of ``seeds`` in ``outline``, densified and bent alike on both sides of each edge, in seed order."""
    cells = shapely.intersection(shapely.get_parts(shapely.voronoi_polygons(shapely.MultiPoint(seeds), extend_to=outline)),
                                 outline)
    edges = shapely.get_parts(shapely.union_all(shapely.boundary(cells)))  # noded: every shared edge once
    seg = (shapely.length(edges).sum() * 2 - outline.length) / (len(seeds) * VERTICES_PER_COMMUNE)
    faces = shapely.get_parts(shapely.polygonize(shapely.transform(shapely.segmentize(edges, seg), _bend)))
    seed_of, face = shapely.STRtree(faces).query(shapely.points(_bend(seeds)), predicate="within")
    if len(faces) != len(seeds) or len(np.unique(face)) != len(seeds) or len(seed_of) != len(seeds):
        raise RuntimeError(f"polygonize gave {len(faces)} faces for {len(seeds)} seeds")
    polys = np.empty(len(seeds), dtype=object)
    polys[seed_of] = faces[face]
    return polys


def generate(n_communes: int = NATIONAL_COMMUNES, *, seed: int = 0) -> dict[str, gpd.GeoDataFrame | pd.DataFrame]:
    """Both sets in memory (EPSG:4326): ``communes-exact``, ``communes-jittered``, ``districts-exact``,
    ``districts-jittered``, ``villages``, ``records``. Same ``n_communes`` and ``seed`` → same data."""
    rng = np.random.default_rng([seed, n_communes])
    outline = _outline()
    seeds = _seeds(outline, n_communes, rng)
    polys = _cells(outline, seeds)
    n_dist = max(1, round(n_communes / COMMUNES_PER_DISTRICT))
    centres = seeds[np.sort(rng.choice(len(seeds), size=n_dist, replace=False))]
    dist_of = shapely.STRtree(shapely.points(centres)).query_nearest(shapely.points(seeds), all_matches=False)[1]
    order = np.lexsort((seeds[:, 1], dist_of))  # codes numbered district by district
    polys, dist_of = polys[order], dist_of[order]
    dist_code = pd.Series(dist_of).rank(method="dense").astype(int).to_numpy()
    dist_names = _names(n_dist, rng, "Huyện ")
    communes = gpd.GeoDataFrame({
        "code": [f"{i + 1:05d}" for i in range(n_communes)],
        "name": _names(n_communes, rng, "Xã "),
        "district_code": [f"{d:03d}" for d in dist_code],
        "district_name": dist_names[dist_code - 1],
    }, geometry=polys, crs=WORK_CRS)
    districts = communes.dissolve("district_code", aggfunc={"district_name": "first"}, method="coverage").reset_index()
    districts = districts.rename(columns={"district_code": "code", "district_name": "name"})
    villages = _villages(communes, rng)
    records = _records(communes, villages, rng)
    jig = np.random.default_rng([seed, n_communes, 20])
    out = {}
    for name, gdf in (("communes", communes), ("districts", districts)):
        out[f"{name}-exact"] = gdf.to_crs("EPSG:4326")
        out[f"{name}-jittered"] = gdf.set_geometry(jitter(gdf.geometry.values, JITTER_M, jig)).to_crs("EPSG:4326")
    return {**out, "villages": villages.to_crs("EPSG:4326"), "records": records}


def _villages(communes: gpd.GeoDataFrame, rng: np.random.Generator) -> gpd.GeoDataFrame:
    """``VILLAGES_PER_COMMUNE`` points at least 50 m inside each commune (rejection sampling, vectorised)."""
    k, n = VILLAGES_PER_COMMUNE, len(communes)
    owner = np.repeat(np.arange(n), k)
    geoms = communes.geometry.values
    rings = shapely.boundary(geoms)
    centre = shapely.get_coordinates(shapely.point_on_surface(geoms))
    radius = np.sqrt(shapely.area(geoms) / np.pi)
    xy = np.repeat(centre, k, axis=0)  # a few thin communes keep their inner point
    todo = np.arange(n * k)
    for _ in range(30):
        ang = rng.uniform(0, 2 * np.pi, len(todo))
        r = radius[owner[todo]] * np.sqrt(rng.uniform(0, 1, len(todo)))
        cand = centre[owner[todo]] + np.column_stack([np.cos(ang), np.sin(ang)]) * r[:, None]
        pts = shapely.points(cand)
        ok = shapely.contains(geoms[owner[todo]], pts) & ~shapely.dwithin(rings[owner[todo]], pts, 50.0)
        xy[todo[ok]] = cand[ok]
        todo = todo[~ok]
        if not len(todo):
            break
    seq = np.tile(np.arange(1, k + 1), n)
    codes = communes["code"].to_numpy()[owner]
    return gpd.GeoDataFrame({
        "village_id": pd.Series(codes).str.cat(pd.Series(seq).map("{:03d}".format), sep="-").to_numpy(),
        "name": ("Thôn " + pd.Series(seq).astype(str)).to_numpy(),
        "commune_code": codes,
    }, geometry=shapely.points(xy), crs=communes.crs)


def _records(communes: gpd.GeoDataFrame, villages: gpd.GeoDataFrame, rng: np.random.Generator) -> pd.DataFrame:
    def draw(tech: str, n: int) -> np.ndarray:
        return rng.choice(np.array(list(_SHARES[tech])), size=n, p=np.array(list(_SHARES[tech].values())))

    info = communes.set_index("code")[["name", "district_name"]]
    vc = villages["commune_code"].to_numpy()
    common = {"as_of": AS_OF, "source": "synthetic benchmark data", "note": ""}
    parts = [pd.DataFrame({
        "level": "village", "commune_code": vc, "commune_name": info["name"].reindex(vc).to_numpy(),
        "district_name": info["district_name"].reindex(vc).to_numpy(), "village_id": villages["village_id"].to_numpy(),
        "village_name": villages["name"].to_numpy(), "technology": tech, "status": draw(tech, len(villages)), **common,
    }) for tech in ("mobile", "fibre")]
    parts.append(pd.DataFrame({
        "level": "commune", "commune_code": communes["code"].to_numpy(), "commune_name": communes["name"].to_numpy(),
        "district_name": communes["district_name"].to_numpy(), "village_id": "", "village_name": "", "technology": "lan",
        "status": draw("lan", len(communes)), **common,
    }))
    return pd.concat(parts, ignore_index=True)


def ensure(n_communes: int = NATIONAL_COMMUNES, *, seed: int = 0) -> Path:
    """The folder of this size, generated and written first if missing."""
    out = folder(n_communes, seed)
    if (out / "meta.json").exists():
        return out
    t0 = time.perf_counter()
    data = generate(n_communes, seed=seed)
    tmp = out.with_name(out.name + ".tmp")
    tmp.mkdir(parents=True, exist_ok=True)
    for name, gdf in data.items():
        if name != "records":
            gdf.to_file(tmp / f"{name}.gpkg", engine="pyogrio")
    data["records"].to_csv(tmp / "status_records.csv", index=False, encoding="utf-8")
    meta = {"communes": n_communes, "districts": len(data["districts-exact"]), "villages": len(data["villages"]),
            "records": len(data["records"]), "seed": seed, "version": VERSION, "jitter_m": JITTER_M,
            "generated_s": round(time.perf_counter() - t0, 1),
            "files": {kind: {k: p.name for k, p in files(out, kind).items()} for kind in KINDS}}
    for kind in KINDS:
        geoms = data[f"communes-{kind}"].geometry.values
        meta[kind] = {"vertices": int(shapely.get_num_coordinates(geoms).sum()),
                      "invalid_polygons": int((~shapely.is_valid(geoms)).sum())}
    meta["exact"]["coverage_valid"] = bool(shapely.coverage_is_valid(data["communes-exact"].geometry.values))
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
    args = ap.parse_args()
    out = ensure(args.communes, seed=args.seed)
    print(out)
    print((out / "meta.json").read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()

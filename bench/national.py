"""National benchmark: the ``dxmap map`` command against ``GeoDataFrame.explore()``, on exact and jittered boundaries.

Usage, from the repository root (after ``pip install -e '.[bench]'``; the browser timing needs
``/usr/bin/chromium`` and playwright)::

    python bench/national.py                      # everything (about 10 minutes on 2 cores)
    python bench/national.py --repeat 5 --sizes 1000 10600
    python bench/national.py --skip-browser --skip-sizes

Two synthetic national sets (``bench/synthetic.py``, seeded, generated into ``bench/.cache/`` on
first use) share their villages and records: ``exact`` communes that tile the country vertex for
vertex, and ``jittered``, the same with every vertex of every polygon moved independently by up to
20 m; districts group ~15 neighbouring communes.

Each run is a whole process of its own, and dxmap's and explore's runs alternate. dxmap's side is
``dxmap map --communes … --districts … --villages … --records … --out …`` (the command's function
called after its imports, so the child also reports its time after imports); explore's side reads
the same files with geopandas and writes a choropleth of fibre gaps plus gap-village markers with
``.explore()``. The parent times each process from start to exit and reads its peak RSS
(``os.wait4``). The dxmap page is then opened in headless Chromium with every http(s) request
blocked, and timed from navigation until the map has drawn (``window.dxmapReady`` and two animation
frames). dxmap is byte-compiled first, as ``pip install`` leaves it. The commune counts of
``--sizes`` time the command alone (after imports) to fit how the time grows with the number of
vertices. The Lào Cai demo (``dxmap demo``) is timed after imports.

The last line on stdout is one JSON object: per set the figures (best and median of the runs),
the targets and which were met. Nothing here asserts: it is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
NATIONAL = 10_600  # communes (bench/synthetic.py's default)
TARGETS = {"speedup": 8.0, "size_ratio": 15.0, "rss_ratio": 0.5, "usable_s": 1.5, "exponent": 1.1, "demo_s": 1.0}
GAP_STATUSES = ("none", "weak", "planned")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync"]
READY_JS = """() => {
  if (window.dxmapReady !== undefined || document.querySelector('script[type="application/json"][id*="_data"]'))
    return window.dxmapReady === true;
  return document.readyState === 'complete';
}"""
FRAMES_JS = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))))"


# --------------------------------------------------------------------------------------------- children

def child_cli(argv: list[str]) -> dict:
    """The ``dxmap`` command with ``argv``, in this process after its imports."""
    from dxmap.cli import main

    t0, c0 = time.perf_counter(), time.process_time()
    try:
        main(argv, standalone_mode=False)
    except SystemExit as exc:  # the command exits with its status, 0 on success
        if exc.code:
            raise
    return {"build_s": time.perf_counter() - t0, "build_cpu_s": time.process_time() - c0}


def child_explore(files: dict[str, str], out: Path) -> dict:
    import geopandas as gpd
    import pandas as pd

    t0, c0 = time.perf_counter(), time.process_time()
    communes = gpd.read_file(files["communes"])
    villages = gpd.read_file(files["villages"])
    records = pd.read_csv(files["records"], dtype=str, keep_default_na=False)
    vrec = records[records["level"].eq("village")]
    gaps = vrec[vrec["status"].isin(GAP_STATUSES)]
    n_gap = gaps[gaps["technology"].eq("fibre") & gaps["status"].eq("none")].groupby("commune_code").size()
    communes["fibre_gap_villages"] = n_gap.reindex(communes["code"]).fillna(0).astype(int).to_numpy()
    m = communes.explore(column="fibre_gap_villages", cmap="YlOrBr", name="communes",
                         tooltip=["code", "name", "district_name", "fibre_gap_villages"],
                         style_kwds={"weight": 0.6, "color": "#555555"})
    markers = villages[["village_id", "name", "geometry"]].merge(gaps[["village_id", "technology", "status"]], on="village_id")
    markers.explore(m=m, column="status", categorical=True, cmap=["#D55E00", "#0072B2", "#E69F00"], popup=True,
                    tooltip=["name", "technology", "status"], marker_kwds={"radius": 5}, name="gap villages")
    m.save(str(out))
    return {"build_s": time.perf_counter() - t0, "build_cpu_s": time.process_time() - c0}


def child_browser(page: Path, repeat: int) -> dict:
    """Seconds from navigation until the page's map has drawn, each time in a fresh browser context."""
    from playwright.sync_api import sync_playwright

    times, errors = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for _ in range(repeat):
            context = browser.new_context(viewport={"width": 1280, "height": 720})
            context.route("http*://**", lambda route: route.abort())  # offline
            tab = context.new_page()
            tab.on("pageerror", lambda e: errors.append(str(e)))
            t0 = time.perf_counter()
            tab.goto(page.resolve().as_uri(), wait_until="commit", timeout=300_000)
            tab.wait_for_function(READY_JS, timeout=300_000, polling=20)
            tab.evaluate(FRAMES_JS)
            times.append(time.perf_counter() - t0)
            context.close()
        browser.close()
    return {"usable_s": times, "page_errors": errors[:3]}


# --------------------------------------------------------------------------------------------- parent

def run_child(kind: str, *args: str) -> dict:
    """One child process: its result, its wall and CPU time from start to exit and its peak RSS."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        result_path = Path(fh.name)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--result", str(result_path), *args]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stderr = proc.stderr.read() if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{kind} child failed:\n{stderr[-3000:]}")
    result = json.loads(result_path.read_text(encoding="utf-8"))
    result_path.unlink()
    return {**result, "process_s": wall, "process_cpu_s": usage.ru_utime + usage.ru_stime,
            "peak_rss_mb": usage.ru_maxrss / 1024}  # Linux: kilobytes


def map_args(files: dict[str, str], out: Path) -> list[str]:
    return ["--argv", json.dumps(["map", "--communes", str(files["communes"]), "--districts", str(files["districts"]),
                                  "--villages", str(files["villages"]), "--records", str(files["records"]),
                                  "--out", str(out), "--lang", "en", "-q"])]


def spread(values: list[float], digits: int = 2) -> dict:
    return {"best": round(min(values), digits), "median": round(statistics.median(values), digits),
            "runs": [round(v, digits) for v in values]}


def set_files(data: Path, kind: str) -> dict[str, str]:
    """The four input files of one set of a generated folder (named in its meta.json)."""
    meta = json.loads((data / "meta.json").read_text(encoding="utf-8"))
    return {k: str(data / name) for k, name in meta["files"][kind].items()}


def national(kind: str, data: Path, workdir: Path, repeat: int, browser: bool) -> dict:
    """``dxmap map`` and explore on one set, alternating, ``repeat`` times each; the page in Chromium."""
    files = set_files(data, kind)
    dx_page, ex_page = workdir / f"dxmap-{kind}.html", workdir / f"explore-{kind}.html"
    dx, ex = [], []
    for i in range(repeat):
        print(f"  {kind}: run {i + 1}/{repeat}", file=sys.stderr)
        dx.append(run_child("cli", *map_args(files, dx_page)))
        ex.append(run_child("explore", "--argv", json.dumps(files), "--out", str(ex_page)))
    row = {
        "dxmap_s": spread([r["process_s"] for r in dx]), "explore_s": spread([r["process_s"] for r in ex]),
        "dxmap_after_imports_s": spread([r["build_s"] for r in dx]),
        "explore_after_imports_s": spread([r["build_s"] for r in ex]),
        "dxmap_cpu_s": spread([r["process_cpu_s"] for r in dx]), "explore_cpu_s": spread([r["process_cpu_s"] for r in ex]),
        "dxmap_page_mb": round(dx_page.stat().st_size / 1e6, 2), "explore_page_mb": round(ex_page.stat().st_size / 1e6, 2),
        "dxmap_peak_rss_mb": round(max(r["peak_rss_mb"] for r in dx)),
        "explore_peak_rss_mb": round(max(r["peak_rss_mb"] for r in ex)),
    }
    for name, key in (("speedup", "s"), ("speedup_after_imports", "after_imports_s"), ("speedup_cpu", "cpu_s")):
        row[name] = {k: round(row[f"explore_{key}"][k] / row[f"dxmap_{key}"][k], 2) for k in ("best", "median")}
    row["size_ratio"] = round(row["explore_page_mb"] / row["dxmap_page_mb"], 1)
    row["_runs"] = dx  # reused by the growth fit
    row["rss_ratio"] = round(row["dxmap_peak_rss_mb"] / row["explore_peak_rss_mb"], 2)
    if browser:
        seen = run_child("browser", "--page", str(dx_page), "--repeat", str(repeat))
        row["usable_s"] = spread(seen["usable_s"])
        if seen["page_errors"]:
            row["page_errors"] = seen["page_errors"]
    return row


def growth(sizes: list[int], seed: int, workdir: Path, repeat: int, known: dict[tuple[str, int], list[dict]]) -> dict:
    """Per set and size, the command's time after imports (wall and CPU) and µs of CPU per vertex; the exponent k
    of time ~ vertices^k fitted to the medians (CPU time is what other processes on the machine disturb least)."""
    import numpy as np

    out: dict = {}
    for n in sizes:
        data = ensure(n, seed)
        meta = json.loads((data / "meta.json").read_text(encoding="utf-8"))
        for kind in meta["files"]:
            out.setdefault(kind, {"sizes": []})
            runs = known.get((kind, n))
            if runs is None:
                print(f"  {n:,} communes, {kind}", file=sys.stderr)
                runs = [run_child("cli", *map_args(set_files(data, kind), workdir / f"dxmap-{kind}-{n}.html"))
                        for _ in range(repeat)]
            vertices = meta[kind]["vertices"]
            wall, cpu = spread([r["build_s"] for r in runs]), spread([r["build_cpu_s"] for r in runs])
            out[kind]["sizes"].append({"communes": n, "vertices": vertices, "after_imports_s": wall, "after_imports_cpu_s": cpu,
                                       "cpu_us_per_vertex": round(cpu["median"] / vertices * 1e6, 3)})
    for kind in out:
        rows = out[kind]["sizes"]
        if len(rows) >= 2:
            v = np.log([r["vertices"] for r in rows])
            out[kind]["exponent"] = {
                name: round(float(np.polyfit(v, np.log([r[key]["median"] for r in rows]), 1)[0]), 2)
                for name, key in (("wall", "after_imports_s"), ("cpu", "after_imports_cpu_s"))}
    return out


def ensure(n: int, seed: int) -> Path:
    """The generated folder for ``n`` communes, made in a child process (this one stays small: the children
    it starts would inherit its memory)."""
    print(f"synthetic data for {n:,} communes (bench/.cache/, generated on first use) …", file=sys.stderr)
    found = subprocess.run([sys.executable, str(HERE / "synthetic.py"), "--communes", str(n), "--seed", str(seed)],
                           check=True, capture_output=True, text=True)
    return Path(found.stdout.splitlines()[0])


def compile_dxmap() -> int:
    """Byte-compile the dxmap the children import, as ``pip install`` does; the number of modules.

    The libraries explore() runs on were compiled when they were installed. An editable install of
    dxmap is not, and with ``PYTHONDONTWRITEBYTECODE`` set nothing ever writes its bytecode: each
    child would compile every dxmap module from source (~0.1 s) and pay for it again at exit.
    """
    import compileall
    from importlib.util import find_spec

    package = Path(find_spec("dxmap").origin).parent
    compileall.compile_dir(package, quiet=1)
    return len(list(package.rglob("*.py")))


def machine() -> dict:
    from importlib.metadata import version

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "unknown")
    return {"cores": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
            **{p: version(p) for p in ("geopandas", "shapely", "pandas", "folium")}}


def targets_met(row: dict, exponent: dict | None) -> dict:
    met = {"speedup": row["speedup"]["median"] >= TARGETS["speedup"], "size_ratio": row["size_ratio"] >= TARGETS["size_ratio"],
           "rss_ratio": row["rss_ratio"] <= TARGETS["rss_ratio"]}
    if "usable_s" in row:
        met["usable_s"] = row["usable_s"]["median"] <= TARGETS["usable_s"]
    if exponent is not None:
        met["exponent"] = exponent["cpu"] <= TARGETS["exponent"]
    return met


def markdown(result: dict) -> str:
    """The results as one Markdown table (medians, best in brackets)."""
    def both(d: dict, unit: str = " s") -> str:
        return f"{d['median']:.2f}{unit} ({d['best']:.2f})"

    lines = ["| | " + " | ".join(result["sets"]) + " |", "|---|" + "---:|" * len(result["sets"])]
    growth = next((r["growth"] for r in result["sets"].values() if r.get("growth")), None)
    sizes = (f"{growth[0]['communes']:,}", f"{growth[-1]['communes']:,}") if growth else None
    rows = [
        ("communes / commune vertices", lambda r: f"{r['communes']:,} / {r['vertices']:,}"),
        ("`dxmap map`, whole process", lambda r: both(r["dxmap_s"])),
        ("`.explore()`, whole process", lambda r: both(r["explore_s"])),
        (f"speedup (target ≥ {TARGETS['speedup']:g}×)", lambda r: f"{r['speedup']['median']:.1f}× ({r['speedup']['best']:.1f}×)"),
        ("after imports: dxmap / explore", lambda r: f"{both(r['dxmap_after_imports_s'])} / {both(r['explore_after_imports_s'])}"),
        ("CPU time: dxmap / explore (ratio)", lambda r: f"{both(r['dxmap_cpu_s'])} / {both(r['explore_cpu_s'])} "
                                                       f"({r['speedup_cpu']['median']:.1f}×)"),
        ("page: dxmap / explore", lambda r: f"{r['dxmap_page_mb']:.1f} MB / {r['explore_page_mb']:.1f} MB"),
        (f"page ratio (target ≥ {TARGETS['size_ratio']:g}×)", lambda r: f"{r['size_ratio']:.1f}×"),
        ("peak RSS: dxmap / explore", lambda r: f"{r['dxmap_peak_rss_mb']} MB / {r['explore_peak_rss_mb']} MB"),
        (f"RSS ratio (target ≤ {TARGETS['rss_ratio']:g})", lambda r: f"{r['rss_ratio']:.2f}"),
        (f"usable in Chromium (target ≤ {TARGETS['usable_s']:g} s)", lambda r: both(r["usable_s"]) if "usable_s" in r else "–"),
        (f"time ~ vertices^k, {'→'.join(sizes) + ' communes' if sizes else 'sizes not run'}: CPU (wall); "
         f"target k ≤ {TARGETS['exponent']:g}",
         lambda r: f"k = {r['exponent']['cpu']} ({r['exponent']['wall']})" if "exponent" in r else "–"),
        (f"µs of CPU per vertex, {' / '.join(sizes) + ' communes' if sizes else 'sizes not run'}", lambda r: " / ".join(f"{g['cpu_us_per_vertex']:.2f}" for g in (r["growth"][0], r["growth"][-1]))
         if r.get("growth") else "–"),
    ]
    for name, cell in rows:
        lines.append(f"| {name} | " + " | ".join(cell(r) for r in result["sets"].values()) + " |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description="dxmap map vs GeoDataFrame.explore() on synthetic national boundaries.")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each side (default 3); best and median are reported")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000, NATIONAL, 30_000],
                    help="commune counts for the growth fit (default 1000 3000 10600 30000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--skip-browser", action="store_true", help="do not open the page in Chromium")
    ap.add_argument("--skip-sizes", action="store_true", help="no growth fit, only the national comparison")
    ap.add_argument("--keep", type=Path, help="folder to keep the pages in (default: a temporary folder)")
    # internal: one child
    ap.add_argument("--child", choices=["cli", "explore", "browser"], help=argparse.SUPPRESS)
    ap.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--argv", help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--page", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.child:
        if args.child == "cli":
            res = child_cli(json.loads(args.argv))
        elif args.child == "explore":
            res = child_explore(json.loads(args.argv), args.out)
        else:
            res = child_browser(args.page, args.repeat)
        args.result.write_text(json.dumps(res), encoding="utf-8")
        return

    from importlib.util import find_spec

    browser = not args.skip_browser and Path(CHROMIUM).exists() and find_spec("playwright") is not None
    if not args.skip_browser and not browser:
        print(f"note: {CHROMIUM} or playwright missing: no browser timing", file=sys.stderr)
    result: dict = {"machine": machine(), "targets": TARGETS, "dxmap_modules_compiled": compile_dxmap(), "sets": {}}
    with tempfile.TemporaryDirectory(prefix="dxmap-bench-") as tmp:
        workdir = args.keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        demo = [run_child("cli", "--argv", json.dumps(["demo", "--out", str(workdir / "demo"), "-q"]))
                for _ in range(args.repeat)]
        result["demo_s"] = spread([r["build_s"] for r in demo], 3)
        result["demo_cpu_s"] = spread([r["build_cpu_s"] for r in demo], 3)
        print(f"Lào Cai demo: {result['demo_s']['median']:.2f} s after imports (median)", file=sys.stderr)
        data = ensure(NATIONAL, args.seed)
        meta = json.loads((data / "meta.json").read_text(encoding="utf-8"))
        known: dict[tuple[str, int], list[dict]] = {}
        for kind in meta["files"]:
            row = {"communes": meta["communes"], "vertices": meta[kind]["vertices"], "villages": meta["villages"],
                   "records": meta["records"], **national(kind, data, workdir, args.repeat, browser)}
            known[(kind, NATIONAL)] = row.pop("_runs")
            result["sets"][kind] = row
        if not args.skip_sizes:
            for kind, fit in growth(sorted(set(args.sizes)), args.seed, workdir, args.repeat, known).items():
                result["sets"][kind].update({"growth": fit["sizes"], **({"exponent": fit["exponent"]} if "exponent" in fit else {})})
    result["targets_met"] = {kind: targets_met(row, row.get("exponent")) for kind, row in result["sets"].items()}
    result["targets_met"]["demo_s"] = result["demo_s"]["median"] <= TARGETS["demo_s"]
    result["all_met"] = all(v if isinstance(v, bool) else all(v.values()) for v in result["targets_met"].values())
    print(markdown(result), file=sys.stderr)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()

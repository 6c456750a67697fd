"""National-scale benchmark: dxmap's build versus the equivalent geopandas ``.explore()`` pipeline.

Usage (from the repository root, after ``pip install -e '.[bench]'``)::

    python bench/national.py                       # 10,600 communes, 106,000 villages
    python bench/national.py --communes 1000 3000  # smaller sizes, one row each

The synthetic data (``bench/synthetic.py``, seeded) is generated on first use into
``bench/.cache/``. Each pipeline runs in its own process (``--child``); the parent measures its
wall time and peak RSS (``os.wait4``), and the child reports the time from reading the files to
the written HTML, after imports. dxmap's side (``dxmap_s``) is the ``dxmap map`` command with the
four files, run in the child after its imports; the same build through the public API, one step at a
time (``steps_s``, ``dxmap_steps_s``), says where the time and memory go. The dxmap page is then opened in headless Debian chromium
(Playwright, every http(s) request blocked) and timed from navigation until the map is usable:
``window.dxmapReady === true``, or, for pages without that flag, the load event plus a Leaflet
map object, plus two animation frames (the first paint).

The last line per size is one JSON object (``dxmap_s``, ``explore_s``, ``speedup``, sizes, RSS,
``dxmap_interactive_s``…). This is a benchmark, not a test: nothing here asserts on times.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from dxmap.render.simplify import simplify_coverage

HERE = Path(__file__).resolve().parent

TARGETS = {"speedup": 10.0, "size_ratio": 15.0, "dxmap_peak_rss_mb": 600.0, "dxmap_interactive_s": 3.0, "demo_build_s": 1.0}
GAP_STATUSES = ("none", "weak", "planned")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync", "--disable-quic"]
READY_JS = """() => {
  // A dxmap page (its data block is there) is usable only once it says so.
  if (window.dxmapReady !== undefined || document.querySelector('script[type="application/json"][id*="dxmap"]'))
    return window.dxmapReady === true;
  if (document.readyState !== 'complete' || typeof L === 'undefined') return false;
  return Object.keys(window).some(k => { try { return window[k] instanceof L.Map; } catch (e) { return false; } });
}"""
FRAMES_JS = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))))"
# One zoom step in and back out, without animation, each until two frames after 'moveend': how fast the map redraws.
REDRAW_JS = """async () => {
  const key = Object.keys(window).find(k => { try { return window[k] instanceof L.Map; } catch (e) { return false; } });
  const map = window[key];
  const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const step = z => new Promise(r => { map.once('moveend', () => frames().then(r)); map.setZoom(z, {animate: false}); });
  const z = map.getZoom(), t0 = performance.now();
  await step(z + 1); await step(z);
  return (performance.now() - t0) / 2;
}"""


# --------------------------------------------------------------------------------------------- children

def _rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class _Steps:
    """Times each step and records the process's peak RSS after it (the peak only grows)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.rss: dict[str, float] = {"imports": _rss_mb()}

    @contextlib.contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        from dxmap._memory import release_memory

        start = time.perf_counter()
        yield
        release_memory()  # inside the step: its cost counts in the build time
        self.seconds[name] = time.perf_counter() - start
        self.rss[name] = _rss_mb()


def child_dxmap(data: Path, out: Path, simplify: bool) -> dict:
    import shapely

    import dxmap

    step = _Steps()
    t0 = time.perf_counter()
    with step("read_boundaries"):
        communes = dxmap.as_communes(dxmap.read_boundaries(data / "communes.gpkg"))
        districts = dxmap.as_districts(dxmap.read_boundaries(data / "districts.gpkg"))
        villages = dxmap.as_villages(dxmap.read_boundaries(data / "villages.gpkg"))

    def vertices(gdf) -> int:
        return int(shapely.get_num_coordinates(gdf.drop_duplicates("map_unit").geometry.values
                                               if "map_unit" in gdf else gdf.geometry.values).sum())

    counted = time.perf_counter()
    vertices_in = {"communes_in": vertices(communes), "districts_in": vertices(districts)}
    t0 += time.perf_counter() - counted  # not part of the build
    # The outlines to draw depend on the boundaries alone: they are simplified first, while no
    # records are held (GEOS needs ~200 MB of working memory for the national layer), and the
    # full-resolution districts are dropped at once. Each later input is dropped once nothing needs
    # it (as a user's script would): the records once reconciled, the report and villages once
    # summarised, the full-resolution communes once reconcile has placed the points in them.
    drawn, drawn_districts = communes, districts
    if simplify:
        with step("simplify"):
            drawn = simplify_coverage(communes)
            drawn_districts = simplify_coverage(districts, tolerance=drawn.attrs["simplify_tolerance_m"])
            del districts
    with step("read_records"):
        records = dxmap.read_records(data / "status_records.csv")
    n_records = len(records)
    with step("reconcile"):
        report = dxmap.reconcile(records, communes, villages)
        del records, communes  # the full-resolution communes were needed to place points; the map uses `drawn`
    with step("unit_status"):
        status = dxmap.unit_status(report, drawn, villages)  # the status rows carry the outlines drawn
        del report, villages
    with step("gap_map"):
        m = dxmap.gap_map(status, drawn, districts=drawn_districts, illustrative=True)  # synthetic data
    with step("save_map"):
        dxmap.save_map(m, out)
    build = time.perf_counter() - t0
    return {"build_s": build, "steps_s": step.seconds, "peak_rss_after_mb": step.rss, "simplify": drawn.attrs.get("simplify", {}),
            "vertices": {**vertices_in, "communes_drawn": vertices(drawn), "districts_drawn": vertices(drawn_districts)},
            "gap_markers": int((status["level"].eq("village") & status["status"].isin(GAP_STATUSES)).sum()),
            "records": n_records}


def child_explore(data: Path, out: Path) -> dict:
    import geopandas as gpd
    import pandas as pd

    t0 = time.perf_counter()
    communes = gpd.read_file(data / "communes.gpkg")
    villages = gpd.read_file(data / "villages.gpkg")
    records = pd.read_csv(data / "status_records.csv", dtype=str, keep_default_na=False)
    vrec = records[records["level"].eq("village")]
    gaps = vrec[vrec["status"].isin(GAP_STATUSES)]
    n_gap = gaps[gaps["technology"].eq("fibre") & gaps["status"].eq("none")].groupby("commune_code").size()
    communes["fibre_gap_villages"] = n_gap.reindex(communes["code"]).fillna(0).astype(int).to_numpy()
    m = communes.explore(column="fibre_gap_villages", cmap="YlOrBr", tooltip=["code", "name", "district_name", "fibre_gap_villages"],
                         style_kwds={"weight": 0.6, "color": "#555555"}, name="communes")
    markers = villages[["village_id", "name", "geometry"]].merge(gaps[["village_id", "technology", "status", "source"]], on="village_id")
    markers.explore(m=m, column="status", categorical=True, cmap=["#D55E00", "#0072B2", "#E69F00"],
                    tooltip=["name", "technology", "status"], popup=True, marker_kwds={"radius": 5}, name="gap villages")
    m.save(str(out))
    return {"build_s": time.perf_counter() - t0, "gap_markers": len(markers)}


def child_cli(data: Path, out: Path, simplify: bool) -> dict:
    """The build as a user runs it: ``dxmap map`` with the four files, in this process after imports."""
    from dxmap.cli import main as dxmap_main

    argv = ["map", "--communes", str(data / "communes.gpkg"), "--districts", str(data / "districts.gpkg"),
            "--villages", str(data / "villages.gpkg"), "--records", str(data / "status_records.csv"),
            "--out", str(out), "--lang", "en", "--title", "Synthetic national benchmark data (illustrative)",
            "--simplify", "auto" if simplify else "off", "-q"]
    t0 = time.perf_counter()
    try:
        dxmap_main(argv, standalone_mode=False)
    except SystemExit as exc:  # the command exits with its status, 0 on success
        if exc.code:
            raise
    return {"build_s": time.perf_counter() - t0}


def child_demo(out: Path) -> dict:
    import dxmap

    t0 = time.perf_counter()
    data = dxmap.demo_dataset()
    result = dxmap.analyse(data)
    m = dxmap.gap_map(result.status, result.communes, districts=result.districts, illustrative=True)
    dxmap.save_map(m, out)
    return {"build_s": time.perf_counter() - t0}


def child_browser(page_path: Path) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": 1280, "height": 720})
        context.route("http*://**", lambda route: route.abort())
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        t0 = time.perf_counter()
        page.goto(page_path.resolve().as_uri(), wait_until="commit", timeout=300_000)
        page.wait_for_function(READY_JS, timeout=300_000, polling=50)
        in_page_ms = page.evaluate(FRAMES_JS)
        wall = time.perf_counter() - t0
        redraw_ms = page.evaluate(REDRAW_JS)
        flag = page.evaluate("() => window.dxmapReady !== undefined")
        own_ms = page.evaluate("() => window.dxmapReadyMs ?? null")
        heap = page.evaluate("() => (performance.memory ? performance.memory.usedJSHeapSize : null)")
        browser.close()
    return {"interactive_s": wall, "in_page_s": in_page_ms / 1000, "ready_flag": bool(flag),
            "page_ready_s": own_ms / 1000 if own_ms is not None else None, "zoom_redraw_s": redraw_ms / 1000, "js_heap_mb": heap / 2**20 if heap else None,
            "page_errors": errors[:3]}


# --------------------------------------------------------------------------------------------- parent

def best_of(repeat: int, kind: str, *args: str, cache_in: Path | None = None) -> dict:
    """The fastest of ``repeat`` runs of one child (see :func:`interleaved`)."""
    return interleaved(repeat, {kind: (kind, args, cache_in)})[kind]


def interleaved(repeat: int, children: dict[str, tuple[str, tuple[str, ...], Path | None]]) -> dict[str, dict]:
    """For each child (name → kind, arguments, cache folder), the fastest of ``repeat`` runs (other
    processes on the machine only ever slow a run down), with the largest peak RSS of them all.

    The children take turns, round after round, so that a machine that gets busier or quieter
    during the benchmark weighs on each of them alike. With a cache folder, each run gets a new,
    empty simplify cache there (every run is a cold build)."""
    runs: dict[str, list[dict]] = {name: [] for name in children}
    for _ in range(max(1, repeat)):
        for name, (kind, args, cache_in) in children.items():
            cache = Path(tempfile.mkdtemp(prefix="simplify-cache-", dir=cache_in)) if cache_in else None
            runs[name].append(run_child(kind, *args, *(["--cache", str(cache)] if cache else [])))
            runs[name][-1]["cache"] = str(cache) if cache else None
    best = {}
    for name, (kind, _, _) in children.items():
        key = "interactive_s" if kind == "browser" else "build_s"
        best[name] = min(runs[name], key=lambda r: r[key])
        best[name]["peak_rss_mb"] = max(r["peak_rss_mb"] for r in runs[name])
        best[name]["runs"] = [round(r[key], 2) for r in runs[name]]
    return best


def run_child(kind: str, *args: str) -> dict:
    """Run one child process; return its result with wall time (incl. interpreter and imports) and peak RSS."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        result_path = Path(fh.name)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--result", str(result_path), *args]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stderr = proc.stderr.read() if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"{kind} child failed ({proc.returncode}):\n{stderr[-3000:]}")
    result = json.loads(result_path.read_text(encoding="utf-8"))
    result_path.unlink()
    result["process_s"] = wall
    result["peak_rss_mb"] = usage.ru_maxrss / 1024  # Linux reports kilobytes
    return result


_PAIR = re.compile(rb"\[\s*-?\d+(?:\.\d+)?(?:[eE]-?\d+)?\s*,\s*-?\d+(?:\.\d+)?(?:[eE]-?\d+)?\s*\]")
_JSON_BLOCK = re.compile(r'<script type="application/json"[^>]*>(.*?)</script>', re.S)


def page_anatomy(path: Path) -> dict:
    """Where a page's bytes go: coordinate pairs written as JSON arrays (folium/explore pages), and,
    for pages that embed their data as one JSON block (dxmap's compact map), the size of each part."""
    text = path.read_text(encoding="utf-8")
    raw = text.encode("utf-8")
    pairs = _PAIR.findall(raw)
    out: dict = {"bytes": len(raw), "coordinate_pairs": len(pairs),
                 "coordinate_pair_bytes": sum(len(p) + 1 for p in pairs)}  # + the separating comma
    blocks = _JSON_BLOCK.findall(text)
    if blocks:
        data = json.loads(max(blocks, key=len))
        sizes = {}
        for key, value in data.items():
            if isinstance(value, dict) and len(json.dumps(value)) > 10_000:
                sizes.update({f"{key}.{k}": len(json.dumps(v, ensure_ascii=False).encode()) for k, v in value.items()})
            else:
                sizes[key] = len(json.dumps(value, ensure_ascii=False).encode())
        out["json_bytes"] = sum(len(b.encode()) for b in blocks)
        out["json_parts"] = dict(sorted(sizes.items(), key=lambda kv: -kv[1])[:8])
    return out


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    except (OSError, StopIteration):
        mem_kb = 0
    from importlib.metadata import version  # not importing them keeps this process small: children inherit its peak RSS

    return {"nproc": os.cpu_count(), "ram_gb": round(mem_kb / 2**20, 1), "cpu": cpu, "python": platform.python_version(),
            "geopandas": version("geopandas"), "shapely": version("shapely"), "pandas": version("pandas")}


def bench_size(n: int, *, seed: int, explore: bool, browser: bool, simplify: bool, workdir: Path, repeat: int = 1,
               all_gaps: bool = False) -> dict:
    # Generated (or found in the cache) by a child: this process stays small (see machine()).
    print(f"synthetic data for {n:,} communes (bench/.cache/, generated on first use) …", file=sys.stderr)
    found = subprocess.run([sys.executable, str(HERE / "synthetic.py"), "--communes", str(n), "--seed", str(seed),
                            *(["--all-gaps"] if all_gaps else [])], check=True, capture_output=True, text=True)
    data = Path(found.stdout.splitlines()[0])
    meta = json.loads((data / "meta.json").read_text(encoding="utf-8"))
    dx_html, ex_html = workdir / f"dxmap-{n}.html", workdir / f"explore-{n}.html"
    # dxmap_s is the `dxmap map` command, the build a user runs; each run gets an empty simplify cache
    # (a cold build). The same build through the public API, step by step, says where the time goes.
    # The three builds take turns (dxmap, its API steps, explore; again…), so each sees the machine alike.
    no_simplify = () if simplify else ("--no-simplify",)
    children = {"cli": ("cli", ("--data", str(data), "--out", str(dx_html), *no_simplify), workdir),
                "steps": ("dxmap", ("--data", str(data), "--out", str(workdir / f"dxmap-steps-{n}.html"), *no_simplify),
                          workdir)}
    if explore:
        children["explore"] = ("explore", ("--data", str(data), "--out", str(ex_html)), None)
    best = interleaved(repeat, children)
    dx, steps = best["cli"], best["steps"]
    row: dict = {"communes": meta["communes"], "villages": meta["villages"], "records": meta["records"], "all_gaps": all_gaps,
                 "dxmap_s": round(dx["build_s"], 2), "dxmap_process_s": round(dx["process_s"], 2),
                 "dxmap_html_bytes": dx_html.stat().st_size, "dxmap_peak_rss_mb": round(dx["peak_rss_mb"], 1),
                 "dxmap_runs_s": dx["runs"],
                 "steps_s": round(steps["build_s"], 2), "steps_peak_rss_mb": round(steps["peak_rss_mb"], 1),
                 "steps_runs_s": steps["runs"], "dxmap_steps_s": {k: round(v, 2) for k, v in steps["steps_s"].items()},
                 "steps_peak_rss_after_mb": {k: round(v) for k, v in steps["peak_rss_after_mb"].items()},
                 "simplify_tolerance_m": round(steps["simplify"].get("tolerance_m", 0.0), 1),
                 "simplify_method": steps["simplify"].get("method"), "simplify_rule": steps["simplify"].get("rule"),
                 "vertices": steps["vertices"], "gap_markers": steps["gap_markers"], "dxmap_page": page_anatomy(dx_html)}
    if explore:
        ex = best["explore"]
        row.update({"explore_s": round(ex["build_s"], 2), "explore_process_s": round(ex["process_s"], 2),
                    "explore_html_bytes": ex_html.stat().st_size, "explore_peak_rss_mb": round(ex["peak_rss_mb"], 1),
                    "explore_gap_markers": ex["gap_markers"], "explore_runs_s": ex["runs"]})
        row["speedup"] = round(ex["build_s"] / dx["build_s"], 2)
        row["speedup_steps"] = round(ex["build_s"] / steps["build_s"], 2)
        row["size_ratio"] = round(row["explore_html_bytes"] / row["dxmap_html_bytes"], 2)
    if browser:
        br = best_of(repeat, "browser", "--page", str(dx_html))
        row.update({"dxmap_interactive_s": round(br["interactive_s"], 2), "dxmap_ready_flag": br["ready_flag"],
                    "dxmap_page_ready_s": round(br["page_ready_s"], 2) if br["page_ready_s"] is not None else None,
                    "dxmap_zoom_redraw_s": round(br["zoom_redraw_s"], 3),
                    "browser_js_heap_mb": round(br["js_heap_mb"], 1) if br["js_heap_mb"] else None,
                    "browser_peak_rss_mb": round(br["peak_rss_mb"], 1)})
        if br["page_errors"]:
            row["page_errors"] = br["page_errors"]
    return row


def targets_met(row: dict) -> dict:
    met = {}
    for key, goal in TARGETS.items():
        if row.get(key) is None:
            continue
        met[key] = row[key] >= goal if key in ("speedup", "size_ratio") else row[key] <= goal
    return met


def print_table(rows: list[dict]) -> None:
    cols = [("communes", "communes", "{:,}"), ("villages", "villages", "{:,}"), ("dxmap_s", "dxmap s", "{:.2f}"),
            ("steps_s", "API steps s", "{:.2f}"), ("explore_s", "explore s", "{:.2f}"), ("speedup", "speedup", "{:.2f}×"),
            ("dxmap_html_bytes", "dxmap MB", "{:.1f}"), ("explore_html_bytes", "explore MB", "{:.1f}"),
            ("size_ratio", "size ratio", "{:.2f}×"), ("dxmap_peak_rss_mb", "dxmap RSS MB", "{:.0f}"),
            ("explore_peak_rss_mb", "explore RSS MB", "{:.0f}"), ("dxmap_interactive_s", "interactive s", "{:.2f}")]
    print("| " + " | ".join(c[1] for c in cols) + " |")
    print("|" + "---:|" * len(cols))
    for r in rows:
        cells = []
        for key, _, fmt in cols:
            v = r.get(key)
            if v is None:
                cells.append("–")
            else:
                cells.append(fmt.format(v / 1e6 if key.endswith("_bytes") else v))
        print("| " + " | ".join(cells) + " |")


def main() -> None:
    ap = argparse.ArgumentParser(description="dxmap vs geopandas.explore at national scale (synthetic data).")
    ap.add_argument("--communes", type=int, nargs="+", default=[10_600], help="commune counts to run (default 10600)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--skip-explore", action="store_true", help="only the dxmap side")
    ap.add_argument("--skip-browser", action="store_true", help="do not open the page in chromium")
    ap.add_argument("--skip-demo", action="store_true", help="do not time the Lào Cai demo build")
    ap.add_argument("--no-simplify", action="store_true", help="draw the full-resolution polygons")
    ap.add_argument("--all-gaps", action="store_true", help="stress case: every village lacks fibre (a marker per village)")
    ap.add_argument("--repeat", type=int, default=1, help="run each side this many times; report the fastest")
    ap.add_argument("--keep", type=Path, help="folder to keep the HTML pages in (default: a temporary folder)")
    # internal: run one side in this process
    ap.add_argument("--child", choices=["dxmap", "cli", "explore", "demo", "browser"], help=argparse.SUPPRESS)
    ap.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--page", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--cache", type=Path, help=argparse.SUPPRESS)  # the child's simplify cache folder
    args = ap.parse_args()
    if args.cache:
        os.environ["DXMAP_CACHE"] = str(args.cache)

    if args.child:
        if args.child == "dxmap":
            res = child_dxmap(args.data, args.out, simplify=not args.no_simplify)
        elif args.child == "cli":
            res = child_cli(args.data, args.out, simplify=not args.no_simplify)
        elif args.child == "explore":
            res = child_explore(args.data, args.out)
        elif args.child == "demo":
            res = child_demo(args.out)
        else:
            res = child_browser(args.page)
        args.result.write_text(json.dumps(res), encoding="utf-8")
        return

    from importlib.util import find_spec

    missing = [m for m in ("matplotlib", "mapclassify", "scipy") if find_spec(m) is None]
    if (missing and not args.skip_explore) or find_spec("scipy") is None:
        sys.exit(f"bench: {', '.join(missing)} missing (geopandas .explore() and the generator need them): "
                 "pip install -e '.[bench]', or pass --skip-explore")
    browser = not args.skip_browser and Path(CHROMIUM).exists() and find_spec("playwright") is not None
    if not args.skip_browser and not browser:
        print(f"note: {CHROMIUM} or playwright not found; skipping the browser timing "
              "(apt-get install chromium; pip install -e '.[bench]')", file=sys.stderr)
    info = machine()
    print(f"machine: {info['nproc']} cores, {info['ram_gb']} GB RAM, {info['cpu']}; Python {info['python']}, "
          f"geopandas {info['geopandas']}, shapely {info['shapely']}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="dxmap-bench-") as tmp:
        workdir = args.keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        demo_s = None
        if not args.skip_demo:
            try:
                demo = best_of(args.repeat, "demo", "--out", str(workdir / "demo.html"))
            except RuntimeError as exc:  # report it and go on with the national runs
                print(f"note: the demo build failed: {str(exc).strip().splitlines()[-1]}", file=sys.stderr)
            else:
                demo_s = round(demo["build_s"], 3)
                print(f"Lào Cai demo: demo_dataset → analyse → gap_map → save_map in {demo_s:.2f} s after imports "
                      f"({demo['process_s']:.2f} s with interpreter and imports)", file=sys.stderr)
        rows = []
        for n in args.communes:
            print(f"running {n:,} communes …", file=sys.stderr)
            row = bench_size(n, seed=args.seed, explore=not args.skip_explore, browser=browser,
                             simplify=not args.no_simplify, workdir=workdir, repeat=args.repeat, all_gaps=args.all_gaps)
            row["demo_build_s"] = demo_s
            row["targets_met"] = targets_met(row)
            row["machine"] = info
            rows.append(row)
        print_table(rows)
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()

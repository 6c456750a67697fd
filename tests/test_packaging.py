"""What the wheel carries, read from pyproject.toml without building it (no pip, no network).

- the package-data globs cover every file under data/ (what the bundled readers open) and every
  non-Python file of the package (map assets, report templates);
- every declared dependency is imported by dxmap, every import is declared, and only the core ones
  are imported when ``import dxmap`` runs (the ``report`` and ``dask`` extras are optional);
- laid out as the wheel installs it, outside the checkout and without the extras, the bundled data
  is found through ``importlib.resources("dxmap.data")`` and the demo gives 6 / 56 / 29.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]
EXTRAS = PYPROJECT["project"]["optional-dependencies"]

# import name -> distribution, where they differ (dask comes with dask-geopandas)
DIST_OF = {"matplotlib_scalebar": "matplotlib-scalebar", "dask_geopandas": "dask-geopandas", "dask": "dask-geopandas",
           "markupsafe": "markupsafe", "jinja2": "jinja2"}
# declared, but not imported by dxmap/: why
NOT_IMPORTED = {"distributed": "the dask engine runs on a distributed.Client when one is active",
                "pyarrow": "read_records reads CSV with pandas' engine=\"pyarrow\"; pandas keeps text in Arrow arrays"}
# The report and dask extras; jinja2 and markupsafe also come with folium, so they are never missing.
OPTIONAL = ("matplotlib", "matplotlib_scalebar", "weasyprint", "dask", "dask_geopandas", "distributed")


def _dist(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower()


def _package_dir(package: str) -> Path:
    """Where setuptools takes a package from: the longest package-dir prefix, else its dotted path."""
    mapping = SETUPTOOLS.get("package-dir", {})
    parts = package.split(".")
    for n in range(len(parts), 0, -1):
        prefix = ".".join(parts[:n])
        if prefix in mapping:
            return ROOT / mapping[prefix] / Path(*parts[n:])
    return ROOT / Path(*parts)


def wheel_files() -> dict[Path, Path]:
    """Source file -> its path in the wheel, as the packages and package-data globs select them."""
    out: dict[Path, Path] = {}
    globs = SETUPTOOLS.get("package-data", {})
    for package in SETUPTOOLS["packages"]:
        folder = _package_dir(package)
        target = Path(*package.split("."))
        chosen = list(folder.glob("*.py"))
        for pattern in globs.get(package, []):
            chosen += [p for p in folder.glob(pattern) if p.is_file()]
        out.update({p: target / p.relative_to(folder) for p in chosen})
    return out


def _files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}


def test_package_data_globs_cover_every_bundled_file():
    shipped = set(wheel_files())
    missing = sorted(str(p.relative_to(ROOT)) for p in _files_under(ROOT / "data") - shipped)
    assert not missing, f"not in the wheel: {missing}; add the folder to packages and a glob to package-data in pyproject.toml"
    assert wheel_files()[ROOT / "data" / "sample" / "status_records.csv"] == Path("dxmap/data/sample/status_records.csv")


def test_package_data_globs_cover_assets_and_templates():
    shipped = set(wheel_files())
    resources = {p for p in _files_under(ROOT / "dxmap") if p.suffix != ".py"}
    assert resources, "dxmap/ has map assets and report templates"
    missing = sorted(str(p.relative_to(ROOT)) for p in resources - shipped)
    assert not missing, f"not in the wheel: {missing}; add them to package-data in pyproject.toml"


def test_every_file_the_bundled_readers_name_exists_and_ships():
    shipped = {p.name for p in wheel_files() if ROOT / "data" in p.parents}
    readers = [p for p in (ROOT / "dxmap").rglob("*.py") if re.search(r"data_dir\(\)|sample_path\(", p.read_text("utf-8"))]
    named = {name for p in readers
             for name in re.findall(r"""["']([\w.-]+\.(?:csv|geojson|json|gpkg|zip))["']""", p.read_text("utf-8"))}
    assert {"status_records.csv", "laocai_admin_units_2024.csv", "laocai_yenbai_2024_to_2025-07.csv"} <= named
    assert sorted(named - shipped) == []


def _imports(path: Path) -> tuple[set[str], set[str]]:
    """Third-party top-level modules imported by a file: (at module level, anywhere)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top, every = set(), set()
    for node in ast.walk(tree):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
            [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module else []
        mods = {n.split(".")[0] for n in names} - set(sys.stdlib_module_names) - {"dxmap"}
        every |= mods
        if node in tree.body:
            top |= mods
    return top, every


def test_every_dependency_is_used_and_every_import_declared():
    core = {_dist(r) for r in PYPROJECT["project"]["dependencies"]}
    optional = {_dist(r) for extra in ("report", "dask") for r in EXTRAS[extra]}
    top, every = set(), set()
    for path in (ROOT / "dxmap").rglob("*.py"):
        t, e = _imports(path)
        top |= t
        every |= e
    imported = {DIST_OF.get(m, m).lower() for m in every}
    assert "fiona" not in core | optional  # boundaries are read with pyogrio
    assert sorted(imported - core - optional) == [], "imported but not declared in pyproject.toml"
    assert sorted((core | optional) - imported - set(NOT_IMPORTED)) == [], "declared but never imported"
    at_import = {DIST_OF.get(m, m).lower() for m in top}
    assert sorted(at_import - core) == [], "optional packages must be imported inside the functions that need them"


def test_test_extra_pulls_in_the_optional_parts():
    test = " ".join(EXTRAS["test"])
    assert re.search(r"dxmap\[[^\]]*report", test) and re.search(r"dxmap\[[^\]]*dask", test)
    assert re.search(r"dxmap\[[^\]]*docs", test)  # .ci/run builds the docs from the test environment


INSTALLED_CHECK = r"""
import importlib.abc, json, sys, tempfile
from pathlib import Path

class NoExtras(importlib.abc.MetaPathFinder):  # as if installed without [report] and [dask]
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in OPTIONAL:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)

sys.meta_path.insert(0, NoExtras())
from importlib import resources
from click.testing import CliRunner
import dxmap
from dxmap.cli import main
from dxmap.io.bundled import data_dir

out = {"dxmap": dxmap.__file__, "resource": (resources.files("dxmap.data") / "boundaries").is_dir()}
out["data_dir"] = str(data_dir())
folder = Path(tempfile.mkdtemp())
runs = {"demo": ["demo", "--out", str(folder / "d"), "--lang", "en", "-q"], "summary": ["summary", "--demo", "--format", "json", "-q"],
        "check": ["check", "--lang", "en", "--demo", "-q"], "map": ["map", "--demo", "--district", "bat xat", "--out", str(folder / "m.html"), "-q"],
        "report": ["report", "--demo", "--out", str(folder / "r"), "-q"]}
for name, args in runs.items():
    res = CliRunner().invoke(main, args)
    out[name] = [res.exit_code, res.stdout, res.stderr]
out["loaded"] = sorted(m for m in sys.modules if m.split(".")[0] in OPTIONAL)
print(json.dumps(out))
"""


def test_installed_layout_finds_its_data_and_runs_without_extras(tmp_path):
    """The wheel's files copied to a site folder outside the checkout; imported from there."""
    site = tmp_path / "site"
    for source, target in wheel_files().items():
        (site / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, site / target)
    env = {k: v for k, v in os.environ.items() if k not in ("DXMAP_DATA", "PYTHONPATH")}
    env["PYTHONPATH"] = str(site)
    work = tmp_path / "work"
    work.mkdir()
    script = f"OPTIONAL = {OPTIONAL!r}\n" + INSTALLED_CHECK
    proc = subprocess.run([sys.executable, "-c", script], cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    assert Path(got["dxmap"]).is_relative_to(site), got["dxmap"]
    assert got["resource"] is True and Path(got["data_dir"]) == site / "dxmap" / "data", got
    for name in ("demo", "summary", "check", "map"):
        assert got[name][0] == 0, (name, got[name][2])
    summary = json.loads(got["summary"][1])
    assert [summary["gaps"][t]["count"] for t in ("mobile", "fibre", "lan")] == [6, 56, 29]
    demo = got["demo"][1]
    assert re.search(r"Mobile broadband\s+village\s+6\b", demo) and re.search(r"Fibre \(FTTH\)\s+village\s+56\b", demo)
    assert re.search(r"Standard LAN\s+commune\s+29\b", demo)
    code, _, err = got["report"]
    assert code == 1 and err.strip().count("\n") == 0 and "pip install 'dxmap[report]'" in err
    assert got["loaded"] == []


def test_a_data_folder_set_wrong_is_named_with_its_variable(monkeypatch, tmp_path):
    """QA60 21: DXMAP_DATA set to a folder without the data gave "No such file" for a file under it."""
    import pytest

    from dxmap.errors import InputFileError
    from dxmap.io.bundled import data_dir

    monkeypatch.setenv("DXMAP_DATA", str(tmp_path / "nowhere"))
    with pytest.raises(InputFileError, match=r"DXMAP_DATA=.*nowhere is not a dxmap data folder \(it has no "
                                             r"boundaries/\): unset DXMAP_DATA"):
        data_dir()

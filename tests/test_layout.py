"""The package layout: one subpackage per pipeline stage, imports only going down."""

from __future__ import annotations

import ast
from pathlib import Path

import dxmap

ROOT = Path(dxmap.__file__).parent
# Lowest first. A module may import from its own floor or from floors below it, never above.
FLOORS = [
    {"dxmap.errors", "dxmap.labels", "dxmap._files", "dxmap._sheets", "dxmap._lookup"},
    {"dxmap.validate"},
    {"dxmap.io"},
    {"dxmap.reconcile"},
    {"dxmap.gaps"},
    {"dxmap.render"},
    {"dxmap.pipeline"},
    {"dxmap.cli", "dxmap", "dxmap.__main__"},
]


def _floor(module: str) -> int:
    for i, names in enumerate(FLOORS):
        if any(module == n or module.startswith(n + ".") for n in names if n != "dxmap"):
            return i
    if module == "dxmap":
        return len(FLOORS) - 1
    raise AssertionError(f"{module} is on no floor: add it to FLOORS")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("dxmap"):
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("dxmap"))
    return out


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_imports_only_go_down():
    upward = []
    for path in ROOT.rglob("*.py"):
        me = _module(path)
        for target in _imports(path):
            if _floor(target) > _floor(me):
                upward.append(f"{me} imports {target}")
    assert upward == []


def test_every_stage_is_a_package():
    for stage in ("io", "validate", "reconcile", "gaps", "render"):
        assert (ROOT / stage / "__init__.py").is_file()


def test_the_public_api_is_small_and_importable():
    assert 25 <= len(dxmap.__all__) <= 31
    assert len(set(dxmap.__all__)) == len(dxmap.__all__)
    for name in dxmap.__all__:
        assert getattr(dxmap, name) is not None


def test_no_public_name_hides_a_subpackage_but_reconcile():
    """`dxmap.gaps` was a function, so `import dxmap.gaps.status as s` and `dxmap.gaps.status.picture_date`
    failed. Only `reconcile` keeps the name of its stage (the docs say to import from it with `from`)."""
    import importlib

    stages = {p.name for p in ROOT.iterdir() if (p / "__init__.py").is_file()}
    assert set(dxmap.__all__) & stages == {"reconcile"}
    for stage in stages - {"reconcile"}:
        assert getattr(dxmap, stage) is importlib.import_module(f"dxmap.{stage}")
    import dxmap.gaps.status as status
    assert dxmap.gaps.status is status

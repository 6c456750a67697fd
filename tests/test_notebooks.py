"""The notebooks in notebooks/: committed without outputs, run top to bottom here so they never rot.

They are executed in a temporary folder (anything they save lands there, never in the repo), from an
in-memory copy (the committed files are not rewritten), with a first cell that refuses every
non-loopback connection, so a notebook that fetched something would fail.
"""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path

import nbclient
import nbformat
import pytest

import dxmap

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
NAMES = ["01-quickstart.ipynb", "02-spatial-queries.ipynb"]

# Runs first in the kernel: only loopback connections (the kernel's own channels are ZeroMQ, not Python sockets).
NO_NETWORK = '''
import socket as _socket

_LOCAL = {"127.0.0.1", "::1", "localhost"}
_real_connect, _real_connect_ex, _real_getaddrinfo = _socket.socket.connect, _socket.socket.connect_ex, _socket.getaddrinfo

def _check(address):
    if isinstance(address, tuple) and str(address[0]) not in _LOCAL:
        raise OSError(f"network blocked in tests: {address!r}")

def _connect(self, address):
    _check(address)
    return _real_connect(self, address)

def _connect_ex(self, address):
    _check(address)
    return _real_connect_ex(self, address)

def _getaddrinfo(host, *args, **kwargs):
    _check((host,))
    return _real_getaddrinfo(host, *args, **kwargs)

_socket.socket.connect, _socket.socket.connect_ex, _socket.getaddrinfo = _connect, _connect_ex, _getaddrinfo
'''
# Runs last: the guard was really in place.
GUARD_HELD = '''
try:
    _socket.create_connection(("192.0.2.1", 80), timeout=1)
except OSError as exc:
    assert "network blocked in tests" in str(exc), exc
else:
    raise AssertionError("the network guard did not block a connection")
'''


def read(name: str):
    return nbformat.read(NOTEBOOKS / name, as_version=4)


def code_cells(nb) -> list:
    return [c for c in nb.cells if c.cell_type == "code"]


def text_of(cell) -> str:
    """Everything a cell printed or displayed as plain text."""
    parts = []
    for out in cell.outputs:
        if out.output_type == "stream":
            parts.append(out.text)
        elif "data" in out:
            parts.append(out.data.get("text/plain", ""))
    return "".join(parts)


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize("name", NAMES)
def test_committed_notebook_has_no_outputs(name):
    nb = read(name)
    nbformat.validate(nb)
    cells = code_cells(nb)
    assert len(cells) >= 8
    with_outputs = [i for i, c in enumerate(cells) if c.outputs]
    counted = [i for i, c in enumerate(cells) if c.execution_count is not None]
    assert with_outputs == [] and counted == [], f"{name}: clear outputs and execution counts before committing"
    assert "widgets" not in nb.metadata
    assert nb.metadata.kernelspec.name == "python3"


@pytest.mark.parametrize("name", NAMES)
def test_notebook_says_the_demo_is_illustrative_and_uses_the_public_api(name):
    nb = read(name)
    assert "ILLUSTRATIVE" in nb.cells[0].source
    code = "\n".join(c.source for c in code_cells(nb))
    used = set(re.findall(r"\bdxmap\.(\w+)", code))
    assert used and used <= set(dxmap.__all__), f"not public: {sorted(used - set(dxmap.__all__))}"
    assert "illustrative=True" in code


def run(name: str, folder: Path, monkeypatch) -> object:
    """Execute an in-memory copy of the notebook in ``folder`` and return it with its outputs."""
    monkeypatch.setenv("IPYTHONDIR", str(folder / ".ipython"))
    nb = read(name)
    nb.cells.insert(0, nbformat.v4.new_code_cell(NO_NETWORK))
    nb.cells.append(nbformat.v4.new_code_cell(GUARD_HELD))
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(folder)}})
    client.execute()
    return nb


def outputs_of(nb, start: str) -> str:
    """The text output of the code cell whose source starts with ``start``."""
    hits = [c for c in code_cells(nb) if c.source.startswith(start)]
    assert len(hits) == 1, start
    return text_of(hits[0])


@pytest.fixture(scope="module")
def quickstart(tmp_path_factory):
    """The quickstart notebook executed once (it takes seconds), with the folder it ran in."""
    folder = tmp_path_factory.mktemp("quickstart")
    before = snapshot(NOTEBOOKS)
    with pytest.MonkeyPatch.context() as monkeypatch:
        nb = run("01-quickstart.ipynb", folder, monkeypatch)
    assert snapshot(NOTEBOOKS) == before
    return nb, folder


def inline_map_html(nb) -> str:
    """The HTML the quickstart's inline map cell displayed."""
    shown = [c for c in code_cells(nb) if c.source.startswith("m = dxmap.gap_map")][0]
    htmls = [o["data"]["text/html"] for o in shown.outputs if "text/html" in o.get("data", {})]
    assert len(htmls) == 1, "the map is displayed inline, once"
    return htmls[0]


def test_quickstart_runs(quickstart):
    nb, folder = quickstart
    out = outputs_of(nb, "earlier = ")
    assert "gaps on 2024-03-31: {'mobile': 10, 'fibre': 200, 'lan': 33}" in out
    assert "gaps on 2024-06-30: {'mobile': 6, 'fibre': 56, 'lan': 29}" in out
    assert "closed during Q2:   {'mobile': 4, 'fibre': 144, 'lan': 4}" in out
    assert re.search(r"matched\s+6,?497", outputs_of(nb, "outcomes = "))
    assert re.search(r"fibre\s+village\s+17\b", outputs_of(nb, "result = "))
    inline_map_html(nb)
    saved = folder / "laocai-gaps.html"
    assert saved.stat().st_size > 100_000 and '"02683"' in saved.read_text(encoding="utf-8")  # Bát Xát town
    assert not (NOTEBOOKS.parent / "laocai-gaps.html").exists() and not (NOTEBOOKS / "laocai-gaps.html").exists()


def test_inline_map_is_the_self_contained_page(quickstart):
    shown = inline_map_html(quickstart[0])
    srcdoc = re.fullmatch(r'<iframe srcdoc="([^"]*)"[^>]*></iframe>', shown.strip())
    assert srcdoc, shown[:200]
    page = html.unescape(srcdoc.group(1))
    assert page.startswith("<!DOCTYPE html>") and "dxmap.render(" in page and "Leaflet 1.9.4" in page  # Leaflet inlined
    remote = re.findall(r'<script[^>]*\bsrc="https?:[^"]*"|<link[^>]*\bhref="https?:[^"]*"', page)
    remote += re.findall(r'<(?:script|link|img|iframe)[^>]*\b(?:src|href)="//[^"]*"', page)
    assert remote == []


@pytest.mark.browser
def test_inline_map_draws_offline(quickstart, offline_page):
    page = offline_page
    page.set_content(inline_map_html(quickstart[0]))
    frame = page.frame_locator("iframe")
    inner = [f for f in page.frames if f is not page.main_frame]
    assert len(inner) == 1
    inner[0].wait_for_function("window.dxmapReady === true", timeout=30_000)
    assert frame.locator("canvas").count() >= 1
    assert frame.locator(".leaflet-container").count() == 1
    # Bát Xát (the quickstart's district): 17 villages without fibre, as summarise says
    assert frame.locator('.dxmap-legend td[data-tech="fibre"][data-status="none"]').inner_text() == "17"
    box = page.locator("iframe").bounding_box()
    assert box["height"] >= 500 and box["width"] > 1000
    assert page.failed_requests == [] and page.console_errors == []


def test_spatial_queries_notebook_runs(tmp_path, monkeypatch):
    before = snapshot(NOTEBOOKS)
    nb = run("02-spatial-queries.ipynb", tmp_path, monkeypatch)
    assert "EPSG:32648" in outputs_of(nb, "crs = dxmap.metric_crs")
    assert "56 villages without fibre" in outputs_of(nb, "fibre_gaps = ")
    assert "29 communes without a standard LAN" in outputs_of(nb, "no_lan = ")
    assert "['Y Tý', 'Dền Thàng']" in outputs_of(nb, "ends = ")
    along = outputs_of(nb, "along = ")
    assert along.count("Bát Xát") == 6  # six illustrative gap villages within 2 km of the route
    assert re.search(r"fibre\s+village\s+56\s+6\s+50\b", outputs_of(nb, "change = "))
    assert "same villages as gaps_near: True" in outputs_of(nb, "buffer = ")
    routed = tmp_path / "route-map.html"
    assert routed.exists() and "Planned fibre route (illustrative)" in routed.read_text(encoding="utf-8")
    assert snapshot(NOTEBOOKS) == before
    assert not (NOTEBOOKS.parent / "route-map.html").exists() and not (NOTEBOOKS / "route-map.html").exists()

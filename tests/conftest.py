"""Shared fixtures: small hand-made data in tests/data, the demo, and a headless Debian Chromium."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

DATA = Path(__file__).parent / "data"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
]


@pytest.fixture(autouse=True)
def _no_language_from_the_environment(monkeypatch) -> None:
    """The commands speak Vietnamese unless told: a DXMAP_LANG=en of the machine running the tests is not theirs."""
    monkeypatch.delenv("DXMAP_LANG", raising=False)


@pytest.fixture(autouse=True)
def _restore_dxmap_logging() -> Iterator[None]:
    """The CLI configures the "dxmap" logger (its own handler, no propagation); undo that after each
    test so later tests that capture log output with caplog still see it."""
    import logging

    logger = logging.getLogger("dxmap")
    saved = (logger.handlers[:], logger.level, logger.propagate)
    yield
    logger.handlers[:], logger.level, logger.propagate = saved[0], saved[1], saved[2]


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture
def village_and_lan_sheets(tmp_path) -> tuple[Path, Path, dict[str, str]]:
    """A planner's village sheet (long, with the village column 'Community') and LAN sheet (wide, no village or
    district column), both under English headers dxmap does not know, and the columns= that names them (QA67 F5):
    three village records and two commune records of tests/data's communes and villages."""
    import openpyxl

    villages = tmp_path / "villages_q2.csv"
    villages.write_text("Municipality code,Municipality,Province,Community,Technology,Status,Date\n"
                        "00001,Đồng Tâm,Đông Sơn,Thôn 1,mobile,none,2024-06-30\n"
                        "00001,Đồng Tâm,Đông Sơn,Bản Đán,fibre,covered,2024-06-30\n"
                        "00003,Tân Lập,Tây Sơn,Thôn Đoàn Kết,mobile,weak,2024-06-30\n", encoding="utf-8")
    lan = tmp_path / "lan_q2.xlsx"
    book = openpyxl.Workbook()
    for row in (["No.", "Municipality code", "Municipality", "LAN at town hall", "Date of report"],
                [1, "00001", "Đồng Tâm", "No", "2024-06-30"], [2, "00004", "Bắc Sơn", "Yes", "2024-06-30"]):
        book.active.append(row)
    book.save(lan)
    columns = {"commune_code": "Municipality code", "commune_name": "Municipality", "district_name": "Province",
               "village_name": "Community"}
    return villages, lan, columns


@pytest.fixture(scope="session", autouse=True)
def _demo_read_once() -> Iterator[None]:
    """``dxmap.demo_dataset()`` reads the bundled demo once per test process (0.4 s; the suite calls it 217 times,
    most through the commands' ``--demo``). Each call gets a copy of the frames read, and the log records
    of the reading are handed again to the loggers that made them, as enabled at the call: the console of ``-v``
    and caplog see them as when it reads. The bundled files do not change in a session; the tests of reading read
    files of their own, and test_packaging runs the demo in a process of its own."""
    import dataclasses
    import logging

    import dxmap
    import dxmap.cli
    import dxmap.pipeline

    said: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            said.append(record)

    logger = logging.getLogger("dxmap")
    saved = logger.handlers[:], logger.level, logger.propagate
    logger.handlers[:], logger.propagate = [Keep()], False
    logger.setLevel(logging.DEBUG)
    try:
        read = dxmap.pipeline.demo_dataset()
    finally:
        logger.handlers[:], logger.propagate = saved[0], saved[2]
        logger.setLevel(saved[1])

    def demo_dataset() -> dxmap.Dataset:
        for record in said:
            source = logging.getLogger(record.name)
            if source.isEnabledFor(record.levelno):
                source.handle(record)
        frames = ("communes", "records", "districts", "villages", "village_areas", "outcomes")
        return dataclasses.replace(read, **{f: getattr(read, f).copy() for f in frames}, sources=dict(read.sources))

    demo_dataset.__doc__ = dxmap.pipeline.demo_dataset.__doc__
    with pytest.MonkeyPatch.context() as patch:
        for module in (dxmap, dxmap.cli, dxmap.pipeline):
            patch.setattr(module, "demo_dataset", demo_dataset)
        yield


@pytest.fixture(scope="session")
def demo():
    """The bundled demo Dataset (functions never mutate it)."""
    import dxmap

    return dxmap.demo_dataset()


def blank_map(*args: object, **kwargs: object) -> object:
    """A blank figure in place of the report's static map (``dxmap.render.report.static_map``)."""
    from matplotlib.figure import Figure

    return Figure(figsize=(1, 1))


@pytest.fixture
def no_maps(monkeypatch) -> None:
    """``build_report`` with a blank image for each static map: for tests of the report's tables and words, which
    spent most of their time drawing maps they never looked at. Tests of the maps draw them."""
    pytest.importorskip("matplotlib.figure")  # the report extra

    import dxmap.render.report as report

    monkeypatch.setattr(report, "static_map", blank_map)


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """A Playwright Browser driving Debian's chromium binary (no browser download).

    Skipped when chromium or playwright is missing, unless DXMAP_REQUIRE_BROWSER=1 (set by .ci/run),
    in which case the test fails instead.
    """
    path = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None  # type: ignore[assignment]
    if path is None or sync_playwright is None:
        reason = "Debian chromium" if path is None else "playwright (pip install -e '.[test]')"
        if os.environ.get("DXMAP_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests required but {reason} is missing")
        pytest.skip(f"{reason} not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS[1:])
        yield b
        b.close()


def page_ints(v, n: int) -> np.ndarray:
    """The page's small-integer coding (dxmap.render.webmap.small_ints) read back: 0 for all zeros, a character
    each, a list."""
    if isinstance(v, int):
        return np.zeros(n, dtype=int)
    if isinstance(v, str):
        return np.frombuffer(v.encode("ascii"), dtype=np.uint8).astype(int) - 63
    return np.asarray(v)


def search_hits(page, query: str) -> list[str]:
    """The texts of the search results a page lists for ``query`` (typed after clearing the box)."""
    page.fill(".dxmap-search", "")  # the list closes, then opens again with this query's results
    page.wait_for_function("document.querySelector('.dxmap-results').hidden")
    page.fill(".dxmap-search", query)
    page.wait_for_function("!document.querySelector('.dxmap-results').hidden")
    return page.eval_on_selector_all(".dxmap-results li[role=option]", "els => els.map(e => e.textContent)")


def downloaded_csv(page) -> list[dict[str, str]]:
    """The rows of the CSV the page's download button writes."""
    import csv
    import io

    with page.expect_download() as info:
        page.click(".dxmap-csv")
    return list(csv.DictReader(io.StringIO(Path(info.value.path()).read_bytes().decode("utf-8-sig"))))


def reach_communes(page) -> None:
    """Come to the commune menu as a reader does (a press): the page makes its options then, not at load."""
    page.dispatch_event(".dxmap-commune", "pointerdown")


def choose_commune(page, label: str) -> None:
    """Choose a commune in the commune menu, as a reader does: press it, then pick the commune."""
    reach_communes(page)
    page.select_option(".dxmap-commune", label=label)


def offline_context(browser, **options):
    """A new browser context (``options`` as Playwright's ``new_context``) with every http(s) request blocked,
    and a page of it that collects failed requests and console errors."""
    context = browser.new_context(accept_downloads=True, **options)
    page = context.new_page()
    page.failed_requests = []  # type: ignore[attr-defined]
    page.console_errors = []  # type: ignore[attr-defined]
    page.on("requestfailed", lambda r: page.failed_requests.append(r.url))
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    context.route("http*://**", lambda route: route.abort())
    return context, page


@pytest.fixture(scope="session")
def kept_pages(browser) -> Iterator[dict[str, tuple[object, object]]]:
    """The offline pages kept for the session, one per device (see ``page_of``); closed at its end."""
    kept: dict[str, tuple[object, object]] = {}
    yield kept
    for context, _ in kept.values():
        context.close()  # type: ignore[attr-defined]


@pytest.fixture
def page_of(browser, kept_pages):
    """``page_of(**options)``: an offline page of a device (Playwright's ``new_context`` options, a viewport among
    them). The first of a device in a test is the session's page of that device, handed over at about:blank, at its
    size, media and mouse as new, its failed requests and console errors emptied. A test's second page of a device,
    or one asked for with ``own=True``, is a new page, closed after the test: for a test that counts the history
    (a kept page's holds the tests before), or leaves more on a page than this undoes (a dialog handler, a pinch).

    A new page costs a renderer process: 0.35 s of the 0.85 s of opening the demo's map in one."""
    taken: set[str] = set()
    contexts = []

    def get(*, own: bool = False, **options):
        key = repr(sorted(options.items()))
        if own or key in taken:
            context, page = offline_context(browser, **options)
            contexts.append(context)
            return page
        taken.add(key)
        if key not in kept_pages or kept_pages[key][1].is_closed():
            kept_pages[key] = offline_context(browser, **options)
        page = kept_pages[key][1]
        page.goto("about:blank")
        page.mouse.move(0, 0)
        page.emulate_media(media="null")
        if page.viewport_size != options["viewport"]:
            page.set_viewport_size(options["viewport"])
        page.failed_requests.clear()
        page.console_errors.clear()
        return page

    yield get
    for context in contexts:
        context.close()


@pytest.fixture
def offline_page(page_of):
    """A desktop-size (1400×900) page with every http(s) request blocked (``page_of``)."""
    return page_of(viewport={"width": 1400, "height": 900})


def demo_map(tmp_path_factory, *args: str) -> Path:
    """The map page of ``dxmap demo`` with ``args`` ("--units", "2025-07"…), written once in a fresh folder."""
    from click.testing import CliRunner

    from dxmap.cli import main

    out = tmp_path_factory.mktemp("demo")
    res = CliRunner().invoke(main, ["demo", *args, "--out", str(out), "-q"])
    assert res.exit_code == 0, res.output
    return out / "map.html"


@pytest.fixture(scope="session")
def demo_page(tmp_path_factory) -> Path:
    """The demo's map page (2024 units)."""
    return demo_map(tmp_path_factory)


@pytest.fixture(scope="session")
def demo25_page(tmp_path_factory) -> Path:
    """The demo's map page in the 2025-07 units."""
    return demo_map(tmp_path_factory, "--units", "2025-07")


@pytest.fixture
def open_page(page_of):
    """Open a map page in an offline page of ``device`` (a viewport and its options), with a ``hash_``; ``own``:
    in a new page (``page_of``)."""

    def opener(path: Path, device: dict, hash_: str = "", *, own: bool = False):
        page = page_of(own=own, **device)
        page.goto(path.as_uri() + hash_)
        page.wait_for_function("window.dxmapReady === true", timeout=30_000)
        return page

    return opener

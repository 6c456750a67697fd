"""Every example of README.md and docs/*.md runs, and gives what the page says it gives.

Collected from the markdown itself, so a new example is tested without touching this file:

- every ```python block. The blocks of one page run in order in one namespace (a later block may use an
  earlier block's names), in a temporary working directory, with every non-loopback connection refused.
- every ``dxmap …`` command line of a ```bash / ```sh / ```console block, and of an unlabelled block of usage
  lines (where ``[…]`` is optional and ``a|b`` a choice: the line runs without its options, then with all of
  them, once per choice). Each runs once through click's CliRunner in a temporary directory; it must exit 0
  (or what the page says) without a traceback. In a console block the lines after a ``$ dxmap …`` line are
  what it prints: each must be printed (``…`` stands for anything).

The working directories see the repository's ``data/`` and ``tests/data/``, as a checkout does (the pages name
``data/sample/villages.geojson`` and ``tests/data/messy/names_codes.csv``).

A comment on the line before a block steers it (several are joined with ";"):

``<!-- docs-test: skip (why) -->``
    the block needs the reader's own files: it is not run. Its Python is still compiled, with its ``dxmap``
    names and keywords checked against the API; a command's options are checked against the command.
    ``skip lines with WORD (why)`` skips only the command lines holding WORD.
``<!-- docs-test: files NAME, NAME -->``
    the block names a file whose content or result the page states (the table of ``lan.csv``, the
    99 records of ``xa_2025.csv``, notebook 02's route): the test writes that stand-in (``STAND_INS``) first.
``<!-- docs-test: exit N -->``
    the block's commands exit N (``dxmap check`` with records to fix: 1).
``<!-- docs-test: output of COMMAND -->``
    the block is what COMMAND prints: each line is printed (a JSON block: a subset of the JSON printed).

A comment in a Python block that states a figure is checked against the value of the statement it follows:
a number (``# 17 villages without fibre``) or a quoted text (``# '17 of 246 villages (6.9%)'``; a text
ending in … is a prefix). ``FIGURES`` holds the figures that a comment or the page's text states in words.
"""

from __future__ import annotations

import ast
import contextlib
import csv
import inspect
import io
import itertools
import json
import re
import shlex
import socket
import tokenize
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import dxmap
from dxmap.cli import main
from dxmap.io.bundled import bundled_units_2025

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SHELLS = {"bash", "sh", "shell", "console"}
MAX_SKIPPED = 10  # blocks and command lines together: skips stay rare

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning", "ignore::UserWarning")


# --- reading the pages -------------------------------------------------------------------------------------

_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*([\w+-]*)")
_MARKER = re.compile(r"^\s*<!--\s*docs-test:\s*(.*?)\s*-->\s*$")
_SKIP = re.compile(r"skip(?:\s+lines\s+with\s+(\S+))?\s*\((.+)\)\s*$")


@dataclass(frozen=True)
class Steer:
    """What a ``<!-- docs-test: … -->`` comment says about the block after it."""

    skip: str | None = None          # the reason
    skip_word: str | None = None     # only the command lines holding this word
    files: tuple[str, ...] = ()      # stand-ins to write first
    exit: int = 0
    output_of: str | None = None


@dataclass(frozen=True)
class Block:
    page: str      # relative to the repository, e.g. "docs/python.md"
    line: int      # the opening fence, 1-based
    lang: str
    text: str
    steer: Steer = field(default_factory=Steer)

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"


def parse_steer(text: str, where: str) -> Steer:
    kw: dict[str, Any] = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        if part.startswith("skip"):
            m = _SKIP.fullmatch(part)
            if not m:
                raise ValueError(f"{where}: say why a block is skipped: 'skip (why)' or 'skip lines with WORD (why)'")
            kw["skip_word"], kw["skip"] = m.group(1), m.group(2).strip()
        elif part.startswith("files "):
            kw["files"] = tuple(n.strip() for n in part[len("files "):].split(","))
        elif part.startswith("exit "):
            kw["exit"] = int(part[len("exit "):])
        elif part.startswith("output of "):
            kw["output_of"] = part[len("output of "):].strip()
        else:
            raise ValueError(f"{where}: unknown docs-test comment {part!r}")
    return Steer(**kw)


def parse_page(text: str, page: str) -> list[Block]:
    """The fenced blocks of a markdown text, each with the docs-test comment on the line before it."""
    lines = text.splitlines()
    blocks, i = [], 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, lang = m.groups()
        j = i + 1
        while j < len(lines) and not lines[j].strip().startswith(fence):
            j += 1
        body = "\n".join(line[len(indent):] if line.startswith(indent) else line for line in lines[i + 1:j])
        before = next((lines[k] for k in range(i - 1, -1, -1) if lines[k].strip()), "")
        marker = _MARKER.match(before)
        steer = parse_steer(marker.group(1), f"{page}:{i + 1}") if marker else Steer()
        blocks.append(Block(page, i + 1, lang.lower(), body, steer))
        i = j + 1
    return blocks


@dataclass(frozen=True)
class Command:
    block: Block
    line: int                  # in the page
    argv: tuple[str, ...]      # after "dxmap"
    printed: tuple[str, ...]   # the lines a console block shows after it

    @property
    def skip(self) -> str | None:
        s = self.block.steer
        if s.skip and (s.skip_word is None or s.skip_word in self.argv):
            return s.skip
        return None

    @property
    def id(self) -> str:
        return f"{self.block.page}:{self.line} dxmap {shlex.join(self.argv)}"[:110]


_PLACEHOLDERS = {"DIR": "out-dir"}


def usage_variants(line: str) -> list[str]:
    """A usage line's runnable forms: without its [optional] parts, then with all of them once per a|b choice."""
    groups = re.findall(r"\[([^\]]*)\]", line)
    base = re.sub(r"\s*\[[^\]]*\]", "", line)
    if not groups:
        return [base]
    words = " ".join(groups).split()
    choices = [w.split("|") if "|" in w and not w.startswith("-") else [w] for w in words]
    return [base] + [f"{base} {' '.join(pick)}" for pick in itertools.product(*choices)]


def _dxmap_argv(line: str) -> list[tuple[str, ...]]:
    """The dxmap commands of one shell line (``a && dxmap …; dxmap …``, ``VAR=1 dxmap …``), comments dropped."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|")
    lexer.whitespace_split, lexer.commenters = True, "#"
    tokens, found, segment = list(lexer), [], []
    for tok in [*tokens, ";"]:
        if tok in (";", "&&", "||", "|", "&"):
            while segment and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=\S*", segment[0]):
                segment.pop(0)  # an environment assignment before the command
            if segment and segment[0] == "dxmap":
                found.append(tuple(_PLACEHOLDERS.get(t, t) for t in segment[1:]))
            segment = []
        else:
            segment.append(tok)
    return found


def _logical_lines(lines: list[str], start: int) -> Iterator[tuple[int, str, int]]:
    """(page line, text with ``\\`` continuations joined, index of the next line)."""
    i = 0
    while i < len(lines):
        first, text = i, lines[i]
        while text.rstrip().endswith("\\") and i + 1 < len(lines):
            i += 1
            text = text.rstrip()[:-1] + " " + lines[i].strip()
        i += 1
        yield start + first, text, i


def commands_of(block: Block) -> list[Command]:
    lines = block.text.splitlines()
    start = block.line + 1
    out: list[Command] = []
    if block.lang == "console" and any(line.startswith("$ ") for line in lines):
        logical = list(_logical_lines(lines, start))
        for n, (where, text, _) in enumerate(logical):
            if not text.startswith("$ "):
                continue
            printed = []
            for _, later, _ in logical[n + 1:]:
                if later.startswith("$ "):
                    break
                printed.append(later)
            out += [Command(block, where, argv, tuple(printed)) for argv in _dxmap_argv(text[2:])]
    elif block.lang in SHELLS:
        for where, text, _ in _logical_lines(lines, start):
            out += [Command(block, where, argv, ()) for argv in _dxmap_argv(text)]
    elif block.lang in ("", "text"):  # usage lines: only when the block is made of dxmap commands
        logical = list(_logical_lines(lines, start))
        if logical and all(text.split()[:1] == ["dxmap"] for _, text, _ in logical if text.strip()):
            for where, text, _ in logical:
                for variant in usage_variants(text):
                    out += [Command(block, where, argv, ()) for argv in _dxmap_argv(variant)]
    return out


BLOCKS = [b for p in PAGES for b in parse_page(p.read_text(encoding="utf-8"), p.relative_to(ROOT).as_posix())]
PYTHON = [b for b in BLOCKS if b.lang in ("python", "py")]
COMMANDS = [c for b in BLOCKS for c in commands_of(b)]
OUTPUTS = [b for b in BLOCKS if b.steer.output_of]


# --- stand-ins for the files the pages show ---------------------------------------------------------------

def _lan_csv(path: Path) -> None:
    """records.md's table of a file for one technology (its "Long, for one technology" section)."""
    path.write_text("Mã xã,Tên xã,Hiện trạng\n02692,A Lù,Có\n02695,Trịnh Tường,Chưa có\n", encoding="utf-8")


def _bieu_xlsx(path: Path) -> None:
    """records.md's wide sheet, its status under a header dxmap does not know ("Hiện trạng kết nối")."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [("STT", "Mã xã", "Tên xã", "Hiện trạng kết nối"), (1, "2692", "Xã A Lù", "Có"),
                (2, "2695", "Trịnh Tường", "Chưa có"), (3, "2710", "Bản Vược", None)]:
        ws.append(row)
    wb.save(path)


def _xa_2025_csv(path: Path) -> None:
    """A LAN record for each of the 99 units of 2025-07, by their code and full name (units-2025.md)."""
    with (dxmap.io.bundled.data_dir() / "crosswalk" / "laocai_units_2025-07.csv").open(encoding="utf-8") as f:
        units = list(csv.DictReader(f))
    words = ["Có", "Chưa có", "Có", "Đang triển khai"]
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Mã xã", "Tên xã", "Công nghệ", "Trạng thái", "Ngày cập nhật"])
        w.writerows([u["code"], u["full_name"], "Mạng LAN chuẩn", words[i % 4], "30/09/2025"]
                    for i, u in enumerate(units))


def _q2_2024_csv(path: Path) -> None:
    """A 2024 round of fibre and LAN records in Bát Xát and Y Tý (tests/test_across.py, units-2025.md)."""
    from tests.test_across import OLD

    path.write_text(OLD, encoding="utf-8")


def _round_2026_csv(path: Path) -> None:
    """A 2026 round written for the 2025-07 units, naming former communes (tests/test_across.py, units-2025.md)."""
    from tests.test_across import NEW

    path.write_text(NEW, encoding="utf-8")


def _xa_2024_csv(path: Path) -> None:
    """Two LAN records written for the 2024 communes whose codes the crosswalk leads to 02647 (boundaries.md)."""
    path.write_text("Mã xã,Tên xã,Công nghệ,Trạng thái,Ngày cập nhật\n"
                    "02641,Phường Lào Cai,Mạng LAN chuẩn,Có,30/06/2024\n"
                    "02647,Kim Tân,Mạng LAN chuẩn,Chưa có,31/03/2024\n", encoding="utf-8")


STAND_INS: dict[str, Callable[[Path], None]] = {
    "lan.csv": _lan_csv, "bieu.xlsx": _bieu_xlsx, "xa_2025.csv": _xa_2025_csv, "xa_2024.csv": _xa_2024_csv,
    "q2_2024.csv": _q2_2024_csv, "vong_2026.csv": _round_2026_csv,
}


def workdir(folder: Path, files: tuple[str, ...] = ()) -> Path:
    """``folder`` as a checkout's root for the examples: ``data/`` and ``tests/data/`` in it, and the stand-ins."""
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "data").exists():
        (folder / "data").symlink_to(ROOT / "data", target_is_directory=True)
        (folder / "tests").mkdir()
        (folder / "tests" / "data").symlink_to(ROOT / "tests" / "data", target_is_directory=True)
    for name in files:
        if not (folder / name).exists():
            STAND_INS[name](folder / name)
    return folder


# --- no network ---------------------------------------------------------------------------------------------

_LOCAL = {"127.0.0.1", "::1", "localhost"}


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """Every connection but loopback is refused while an example runs."""
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def check(address: object) -> None:
        if isinstance(address, tuple) and str(address[0]) not in _LOCAL:
            raise OSError(f"network blocked in tests: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", lambda self, a: (check(a), real_connect(self, a))[1])
    monkeypatch.setattr(socket.socket, "connect_ex", lambda self, a: (check(a), real_connect_ex(self, a))[1])
    monkeypatch.setattr(socket, "getaddrinfo",
                        lambda host, *a, **k: (check((host,)), real_getaddrinfo(host, *a, **k))[1])


def test_the_network_is_blocked():
    with pytest.raises(OSError, match="network blocked"):
        socket.create_connection(("192.0.2.1", 80), timeout=1)


# --- Python blocks ------------------------------------------------------------------------------------------

_VALUES = "__docs_values__"


def instrument(source: str, filename: str) -> ast.Module:
    """The block, recording the value of each top-level expression and single-name assignment by its last line."""
    tree = ast.parse(source, filename)
    body: list[ast.stmt] = []
    for stmt in tree.body:
        store = ast.Subscript(ast.Name(_VALUES, ast.Load()), ast.Constant(stmt.end_lineno), ast.Store())
        if isinstance(stmt, ast.Expr):
            body.append(ast.copy_location(ast.Assign([store], stmt.value), stmt))
            continue
        body.append(stmt)
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            body.append(ast.copy_location(ast.Assign([store], ast.Name(stmt.targets[0].id, ast.Load())), stmt))
    tree.body = body
    return ast.fix_missing_locations(tree)


def comments(source: str) -> list[tuple[int, str, str]]:
    """(line in the block, the whole line, the comment's text) of every comment."""
    lines = source.splitlines()
    return [(tok.start[0], lines[tok.start[0] - 1], tok.string.lstrip("#").strip())
            for tok in tokenize.generate_tokens(io.StringIO(source).readline) if tok.type == tokenize.COMMENT]


def _by(table: Any, key: str, value: str) -> Any:
    rows = table[table[key].astype(str).eq(value)]
    assert len(rows) >= 1, f"no row with {key} = {value!r}"
    return rows


def _crosswalk_lan(value: Any, ns: dict) -> None:
    lan = value[value["technology"].astype(str).eq("lan")]
    assert value["code"].nunique() == 99
    assert (int(lan["none"].sum()), int(lan["total"].sum())) == (29, 320)  # units-2025.md: 29 of 320 former communes


def _xa_2025(value: Any, ns: dict) -> None:
    assert (value["outcome"] == "matched").all() and len(value) == 99
    assert _by(value, "commune_name", "Phường Lào Cai")["unit_id"].tolist() == ["02647"]
    old = dxmap.read_records("xa_2024.csv")  # "02647, Kim Tân" read as a 2025-07 record
    read_as_2025 = dxmap.reconcile(old, bundled_units_2025(), records_version="2025-07")
    kim_tan = _by(read_as_2025, "commune_name", "Kim Tân")
    assert kim_tan["outcome"].tolist() == ["conflict"]
    assert "the record seems written for version 2024" in kim_tan["reason"].iloc[0]


def _crosswalked(value: Any, ns: dict) -> None:
    assert value["outcome"].tolist() == ["matched", "matched"] and value["method"].tolist() == ["crosswalk"] * 2
    assert value["unit_id"].tolist() == ["02647", "02647"]
    assert _by(value, "commune_name", "Kim Tân")["matched_name"].tolist() == ["Lào Cai"]  # Phường Lào Cai


def _demo_counts(value: Any, ns: dict) -> None:
    # python.md: communes (152), districts (9), villages (1,554), records (6,497 rows), illustrative=True
    assert (len(value.communes), len(value.districts), len(value.villages), len(value.village_areas),
            len(value.records), len(value.outcomes), value.illustrative) == (152, 9, 1554, 1554, 6497, 6497, True)


def _near_fibre(value: Any, ns: dict) -> None:
    near = dxmap.nearest_covered(ns["status"], technology="fibre")
    assert (len(near), int((near["distance_m"] <= 1000).sum())) == (56, 27)


def _along(value: Any, ns: dict) -> None:
    # python.md: "passes within 2 km of 6 of Bát Xát's 17 fibre gap villages"
    assert len(value) == 6 and set(value["district_name"]) == {"Bát Xát"}
    bat_xat = ns["status"][ns["status"]["district_code"].eq("082") & ns["status"]["technology"].eq("fibre")]
    assert int(bat_xat["status"].eq("none").sum()) == 17


def _gap_change(value: Any, ns: dict) -> None:
    # python.md: "connecting them would take the province's fibre gap from 56 to 50"
    fibre = value[value["technology"].astype(str).eq("fibre")]
    assert (int(fibre["gaps_before"].sum()), int(fibre["gaps_after"].sum())) == (56, 50)


def _report_files(value: Any, ns: dict) -> None:
    names = {p.name for p in Path("report").iterdir()}
    assert {"report.html", "report.pdf", "report.xlsx", "map_fibre.png"} <= names
    assert any(n.endswith(".csv") for n in names)


def _figure(value: Any, ns: dict) -> None:
    import matplotlib.figure

    assert isinstance(value, matplotlib.figure.Figure)


def _files_keys(value: Any, ns: dict) -> None:
    assert {"html", "pdf", "xlsx", "gap_list"} <= set(value) and all(Path(p).exists() for p in value.values())


def _units(value: Any, ns: dict) -> None:
    assert len(value) == 99 and value.crs.to_epsg() == 4326 and set(value["boundary_version"]) == {"2025-07"}


def _old(value: Any, ns: dict) -> None:
    assert len(value) == 320 and set(value["boundary_version"]) == {"2024"}


def _derived(value: Any, ns: dict) -> None:
    # units-2025.md: 99 units drawn on 97 polygons, 11 approximate
    assert (len(value), value["map_unit"].nunique(), int(value["approximate"].sum())) == (99, 97, 11)


def _check_outcomes(value: Any, ns: dict) -> None:
    # reconciliation.md's records are cli.md's: "29 records: matched 17, unmatched 4, ambiguous 2, duplicate 1, …"
    counts = {k: v for k, v in value.to_dict().items() if v}
    assert counts == {"matched": 17, "unmatched": 4, "ambiguous": 2, "duplicate": 1, "conflict": 2, "ignored": 3}


def _bieu(value: Any, ns: dict) -> None:
    # records.md: a row of a wide sheet without any status is one ignored record; blank cells are no record
    assert value["outcome"].astype(str).tolist() == ["matched", "matched", "ignored"]


# (page, text on a line of its Python) → (check(value of the statement the line ends or follows, namespace),
# the sentences of the pages that state what the check checks). A stated figure is part of the text on the line
# or of a sentence, so a page whose figure changes no longer matches and test_stand_ins_and_figures_are_used fails.
FIGURES: dict[tuple[str, str], tuple[Callable[[Any, dict], None], tuple[tuple[str, str], ...]]] = {
    ("docs/python.md", "demo = dxmap.demo_dataset()"): (_demo_counts, (
        ("docs/python.md", "`communes` (152, with the Sa Pa cluster's `map_unit`), `districts` (9), "
                           "`villages` (1,554 points"),
        ("docs/python.md", "`records` (6,497 rows)"))),
    ("docs/python.md", "# 27 of the 56 fibre gaps are within 1 km of fibre"): (_near_fibre, ()),
    ("docs/python.md", "along = dxmap.gaps_near("): (_along, (
        ("docs/python.md", "passes within 2 km of 6 of Bát Xát's 17 fibre gap villages"),)),
    ("docs/python.md", "dxmap.gap_change(status, along"): (_gap_change, (
        ("docs/python.md", "connecting them would take the province's fibre gap from 56 to 50"),)),
    ("docs/python.md", "# report.html, report.pdf, map_*.png, report.xlsx, *.csv"): (_report_files, ()),
    ("docs/python.md", "# a matplotlib Figure"): (_figure, ()),
    ("docs/report.md", "# {'html': …, 'pdf': …, 'xlsx': …, 'gap_list': …}"): (_files_keys, ()),
    ("docs/units-2025.md", '# 99 rows, EPSG:4326, boundary_version "2025-07"'): (_units, ()),
    ("docs/units-2025.md", '# the 320 old units (Lào Cai mid-2024 + Yên Bái 2025-01), boundary_version "2024"'):
        (_old, ()),
    ("docs/units-2025.md", "new = derive_units(old"): (_derived, (
        ("docs/units-2025.md", "**99 units**, drawn on **97 polygons**"),
        ("docs/units-2025.md", "**11 approximate units**"))),
    ("docs/units-2025.md", '# "02647, Phường Lào Cai" → matched 02647; "02647, Kim Tân" → conflict: '
                           '"… the record seems written for version 2024"'): (_xa_2025, (
        ("docs/units-2025.md", "99 bản ghi: khớp 99, không khớp 0"),)),
    ("docs/units-2025.md", '# "02647, Kim Tân" (2024) → matched 02647 Phường Lào Cai, method "crosswalk"'):
        (_crosswalked, ()),
    ("docs/boundaries.md", "crosswalk_summary(status)"): (_crosswalk_lan, (
        ("docs/units-2025.md", "29 of the 320 former communes lack a standard LAN"),)),
    ("docs/boundaries.md", '# method "crosswalk": 02641 → 02647'): (_crosswalked, ()),
    ("docs/reconciliation.md", 'outcomes["outcome"].value_counts()'): (_check_outcomes, (
        ("docs/cli.md", "29 records: matched 17, unmatched 4, ambiguous 2, duplicate 1, conflict 2, ignored 3"),)),
    ("docs/records.md", "outcomes = dxmap.reconcile(records, dxmap.bundled_communes())"): (_bieu, (
        ("docs/records.md", "Row 3, with no status at all, is reported once as `ignored`"),)),
}

_NUMBER = re.compile(r"(\d[\d,]*)(?![\d.:/-])")
_QUOTED = re.compile(r"""(['"])(.*?)\1""")


def check_figures(page: str, source: str, values: dict[int, Any], ns: dict) -> int:
    """Check what the block's comments and FIGURES state; returns how many checks ran."""
    checked = 0
    for lineno, line, text in comments(source):
        before = [k for k in values if k <= lineno]
        for (fpage, snippet), (check, _) in FIGURES.items():
            if fpage == page and snippet in line:
                value = values[max(before)] if before else None
                check(value, ns)
                checked += 1
                break
        else:
            if not before or max(before) != lineno:
                continue  # a comment line of its own, or on a line that is not a whole statement's last
            value = values[lineno]
            if (m := _NUMBER.match(text)) and isinstance(value, int | float) and not isinstance(value, bool):
                assert value == int(m.group(1).replace(",", "")), f"the comment says {text!r}, the value is {value!r}"
                checked += 1
            elif (m := _QUOTED.match(text)) and isinstance(value, str):
                said = m.group(2)
                ok = value.startswith(said.rstrip("…")) if said.endswith("…") else value == said
                assert ok, f"the comment says {text!r}, the value is {value!r}"
                checked += 1
    for (fpage, snippet), _ in FIGURES.items():  # a FIGURES line without a comment: check the statement itself
        if fpage != page or any(snippet in line for _, line, _ in comments(source)):
            continue
        for n, line in enumerate(source.splitlines(), 1):
            if snippet in line:
                ends = [k for k in values if k >= n]
                FIGURES[(fpage, snippet)][0](values[min(ends)], ns)
                checked += 1
    return checked


def run_block(source: str, filename: str, ns: dict, page: str = "") -> int:
    values: dict[int, Any] = {}
    ns[_VALUES] = values
    exec(compile(instrument(source, filename), filename, "exec"), ns)  # noqa: S102 (the docs' own examples)
    return check_figures(page, source, values, ns)


def lint_python(block: Block) -> None:
    """A block that is not run: it compiles, and its ``dxmap.NAME(…)`` calls name real functions and keywords."""
    tree = ast.parse(block.text, block.where)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "dxmap":
            assert hasattr(dxmap, node.attr), f"{block.where}: dxmap.{node.attr} does not exist"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                isinstance(node.func.value, ast.Name) and node.func.value.id == "dxmap":
            params = inspect.signature(getattr(dxmap, node.func.attr)).parameters
            if not any(p.kind is p.VAR_KEYWORD for p in params.values()):
                unknown = {k.arg for k in node.keywords if k.arg} - set(params)
                assert not unknown, f"{block.where}: dxmap.{node.func.attr} has no argument {sorted(unknown)}"


class PageRun:
    """The Python blocks of one page, run in order in one namespace and one working directory."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.ns: dict[str, Any] = {"__name__": "__docs__"}
        self.done: dict[int, BaseException | None] = {}

    def run(self, block: Block) -> None:
        for earlier in (b for b in PYTHON if b.page == block.page and b.line < block.line):
            if earlier.line not in self.done and not earlier.steer.skip:
                try:
                    self._run(earlier)
                except Exception:  # noqa: BLE001 (its own test reports it; this one may still run)
                    pass
        self._run(block)

    def _run(self, block: Block) -> None:
        self.done[block.line] = None
        workdir(self.folder, block.steer.files)
        with contextlib.chdir(self.folder):
            try:
                run_block(block.text, block.where, self.ns, block.page)
            except BaseException as exc:
                self.done[block.line] = exc
                raise


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Iterator[Callable[[str], PageRun]]:
    runs: dict[str, PageRun] = {}

    def get(page: str) -> PageRun:
        if page not in runs:
            runs[page] = PageRun(tmp_path_factory.mktemp("py-" + re.sub(r"\W", "-", page)))
        return runs[page]

    yield get
    import matplotlib.pyplot as plt

    plt.close("all")


@pytest.mark.parametrize("block", PYTHON, ids=[b.where for b in PYTHON])
def test_python_example(block: Block, pages):
    if block.steer.skip:
        lint_python(block)
        pytest.skip(f"{block.where}: {block.steer.skip}")
    pages(block.page).run(block)


# --- command lines ------------------------------------------------------------------------------------------

def _key(argv: tuple[str, ...]) -> tuple[str, ...]:
    """The same run whatever the output is named (each command runs in a folder of its own)."""
    return tuple("<out>" if i and argv[i - 1] == "--out" else a for i, a in enumerate(argv))


@pytest.fixture(scope="module")
def cli(tmp_path_factory) -> Callable[[tuple[str, ...], tuple[str, ...]], Any]:
    results: dict[tuple, Any] = {}

    def invoke(argv: tuple[str, ...], files: tuple[str, ...] = ()) -> Any:
        key = (_key(argv), files)
        if key not in results:
            folder = workdir(tmp_path_factory.mktemp("cli"), files)
            with contextlib.chdir(folder):
                results[key] = CliRunner().invoke(main, list(argv), prog_name="dxmap")
        return results[key]

    return invoke


def printed(want: str, lines: list[str]) -> bool:
    """Whether a line the page shows is among the lines printed; ``…`` stands for anything."""
    want = want.rstrip()
    if want.strip() in ("", "…", "..."):
        return True
    if "…" not in want:
        return want in lines
    first, *rest = want.split("…")
    for line in lines:
        if line.startswith(first):
            at = len(first)
            for part in rest:
                at = line.find(part, at)
                if at < 0:
                    break
                at += len(part)
            else:
                return True
    return False


def lint_command(cmd: Command) -> None:
    """A command line that is not run: the command exists and takes every option the line gives it."""
    command = main.commands.get(cmd.argv[0])
    assert command is not None, f"{cmd.id}: no command {cmd.argv[0]!r}"
    options = {o for p in command.params for o in (*p.opts, *p.secondary_opts)}
    given = {a.split("=")[0] for a in cmd.argv[1:] if a.startswith("-")}
    assert given <= options, f"{cmd.id}: {sorted(given - options)} not options of dxmap {cmd.argv[0]}"


def assert_ran(result: Any, expected_exit: int, what: str) -> None:
    assert "Traceback" not in result.output and "internal error" not in result.output, f"{what}:\n{result.output}"
    assert result.exception is None or isinstance(result.exception, SystemExit), f"{what}: {result.exception!r}"
    assert result.exit_code == expected_exit, f"{what}: exit {result.exit_code}, not {expected_exit}:\n{result.output}"


@pytest.mark.parametrize("cmd", COMMANDS, ids=[c.id for c in COMMANDS])
def test_command_line(cmd: Command, cli):
    if cmd.skip:
        lint_command(cmd)
        pytest.skip(f"{cmd.block.page}:{cmd.line}: {cmd.skip}")
    result = cli(cmd.argv, cmd.block.steer.files)
    assert_ran(result, cmd.block.steer.exit, cmd.id)
    lines = [line.rstrip() for line in result.output.splitlines()]
    missing = [want for want in cmd.printed if not printed(want, lines)]
    assert not missing, f"{cmd.id}: the page shows lines it does not print: {missing}\nit printed:\n{result.output}"


def subset(shown: Any, real: Any, path: str = "") -> list[str]:
    """Where a JSON value the page shows differs from the real one ("...": anything more)."""
    if isinstance(shown, dict):
        if not isinstance(real, dict):
            return [f"{path}: not an object"]
        return [d for k, v in shown.items() if k != "..." for d in
                ([f"{path}.{k}: missing"] if k not in real else subset(v, real[k], f"{path}.{k}"))]
    return [] if shown == real else [f"{path}: the page shows {shown!r}, dxmap gives {real!r}"]


@pytest.mark.parametrize("block", OUTPUTS, ids=[b.where for b in OUTPUTS])
def test_printed_output(block: Block, cli):
    argv = tuple(shlex.split(block.steer.output_of))
    assert argv[0] == "dxmap", f"{block.where}: 'output of' names a dxmap command"
    result = cli(argv[1:], block.steer.files)
    assert_ran(result, 0, block.steer.output_of)
    if block.lang == "json":
        assert not (wrong := subset(json.loads(block.text), json.loads(result.stdout))), wrong
    else:
        lines = [line.rstrip() for line in result.output.splitlines()]
        assert not (missing := [w for w in block.text.splitlines() if not printed(w, lines)]), missing


# --- the collection itself ----------------------------------------------------------------------------------

def test_every_example_is_collected():
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        name = page.relative_to(ROOT).as_posix()
        assert len([b for b in PYTHON if b.page == name]) == len(re.findall(r"^\s*```python\s*$", text, re.M)), name
    assert len(PYTHON) >= 13
    assert {c.argv[0] for c in COMMANDS if not c.skip} == {"demo", "map", "summary", "check", "report"}
    assert len({_key(c.argv) for c in COMMANDS if not c.skip}) >= 15


def test_skips_are_few_and_say_why():
    skipped = [b.where for b in PYTHON if b.steer.skip] + [c.id for c in COMMANDS if c.skip]
    assert len(skipped) <= MAX_SKIPPED, skipped
    for b in BLOCKS:
        if b.steer.skip:
            assert len(b.steer.skip) >= 10, f"{b.where}: say why it is skipped"
            assert b.steer.skip_word is None or any(c.skip for c in commands_of(b)), f"{b.where}: skips nothing"


def test_stand_ins_and_figures_are_used():
    named = {n for b in BLOCKS for n in b.steer.files}
    assert named <= set(STAND_INS), f"no stand-in for {sorted(named - set(STAND_INS))}"
    assert set(STAND_INS) <= named, f"stand-ins no page names: {sorted(set(STAND_INS) - named)}"
    for (page, snippet), (_, states) in FIGURES.items():
        assert any(b.page == page and snippet in b.text for b in PYTHON), f"{page}: no example holds {snippet!r} now"
        for where, sentence in states:
            text = " ".join((ROOT / where).read_text(encoding="utf-8").split())
            assert sentence in text, f"{where} no longer says {sentence!r}: measure the figure and update FIGURES"


# --- the checker can fail -----------------------------------------------------------------------------------

def test_a_wrong_figure_fails():
    run_block('x = 17\nx                 # 17 villages\ny = "56 of 1,554"\ny  # \'56 of …\'', "ok", {})
    with pytest.raises(AssertionError, match="the comment says"):
        run_block("x = 17\nx                 # 16 villages without fibre", "wrong", {})
    with pytest.raises(AssertionError, match="the comment says"):
        run_block("x = '29 of 320'\nx                 # '28 of …'", "wrong", {})


def test_pages_are_read_as_blocks_commands_and_comments():
    page = "\n".join([
        "<!-- docs-test: exit 1; files lan.csv -->", "```console",
        "$ dxmap check --records lan.csv \\", "    --technology lan  # one technology",
        "2 records: matched 2, …", "$ pip install x && dxmap demo --out DIR", "```", "",
        "<!-- docs-test: skip lines with q1.csv (your own files) -->", "```bash",
        "A=1 dxmap map --records q1.csv --out m.html", "dxmap demo --demo", "```", "",
        "```", 'dxmap summary --demo [--district "bat xat"] [--format csv|json]', "```",
    ])
    blocks = parse_page(page, "x.md")
    assert [(b.line, b.lang, b.steer.exit, b.steer.files) for b in blocks] == [
        (2, "console", 1, ("lan.csv",)), (10, "bash", 0, ()), (15, "", 0, ())]
    cmds = [c for b in blocks for c in commands_of(b)]
    assert [(c.line, c.argv, c.skip) for c in cmds] == [
        (3, ("check", "--records", "lan.csv", "--technology", "lan"), None),
        (6, ("demo", "--out", "out-dir"), None),
        (11, ("map", "--records", "q1.csv", "--out", "m.html"), "your own files"),
        (12, ("demo", "--demo"), None),
        (16, ("summary", "--demo"), None),
        (16, ("summary", "--demo", "--district", "bat xat", "--format", "csv"), None),
        (16, ("summary", "--demo", "--district", "bat xat", "--format", "json"), None),
    ]
    assert cmds[0].printed == ("2 records: matched 2, …",)
    assert printed("2 records: matched 2, …", ["2 records: matched 2, unmatched 0"])
    assert not printed("2 records: matched 2, …", ["3 records: matched 2, unmatched 0"])
    assert not printed("units: 152 communes", ["units: 151 communes"])
    assert subset({"a": 1, "b": {"c": 2, "...": 0}}, {"a": 1, "b": {"c": 2, "d": 3}}) == []
    assert subset({"a": 1}, {"a": 2}) == [".a: the page shows 1, dxmap gives 2"]

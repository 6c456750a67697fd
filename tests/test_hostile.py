"""Every case of the hostile-input corpus (tests/hostile/make_corpus.py): no traceback, one line, the right answer.

Each case asserts: no uncaught exception and no "Traceback"; the CLI's last-resort guard ("internal
error", exit 2) was not what answered (so a bug still fails here); the exit status; an error is one
line on stderr naming the file, row or option; the values read; that no input changed and no file
was left behind but the outputs asked for (nothing half-written, no temporary file).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from dxmap.cli import main
from tests.hostile.make_corpus import all_cases

CASES = all_cases()
pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning", "ignore::UserWarning")


def _digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*")
            if p.is_file() and not p.is_symlink()}


def _in_subprocess(args: list[str], folder: Path, fsize: int) -> SimpleNamespace:
    """Run the command where no file may grow beyond ``fsize`` bytes (Python ignores SIGXFSZ: writes fail with EFBIG)."""
    import resource

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    proc = subprocess.run([sys.executable, "-m", "dxmap", *args], cwd=folder, capture_output=True, text=True,
                          encoding="utf-8", preexec_fn=limit, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
                          timeout=300)
    return SimpleNamespace(exit_code=proc.returncode, output=proc.stdout, stderr=proc.stderr, exception=None)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case, tmp_path):
    args = case.make(tmp_path)
    before = _digests(tmp_path)
    if case.fsize is not None:
        if not hasattr(os, "fork"):
            pytest.skip("RLIMIT_FSIZE needs a POSIX system")
        result = _in_subprocess(args, tmp_path, case.fsize)
    else:
        result = CliRunner().invoke(main, args)
    # An uncaught exception is a traceback for the user; SystemExit is a clean exit.
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    assert "internal error" not in result.stderr, result.stderr  # the last-resort guard is for bugs, not for inputs
    assert result.exit_code == case.exit, result.output + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    if case.exit and not case.rows_fail:
        assert len(lines) == 1 and lines[0].startswith("dxmap: error: "), result.stderr
        for word in case.says:
            assert word in lines[0], (word, lines[0])
    else:
        assert not [line for line in lines if "error" in line], result.stderr
        for word in case.says:
            assert word in result.output, (word, result.output)
    after = _digests(tmp_path)
    kept = {k: v for k, v in before.items() if k not in case.replaces}
    assert {k: v for k, v in after.items() if k in kept} == kept, "an input file was changed"
    assert all(after[k] != before[k] for k in case.replaces), "an output was not written"
    assert sorted(set(after) - set(before)) == sorted(case.writes), "files left behind"
    if case.check is not None:
        case.check(tmp_path, result)


def test_the_corpus_covers_every_class():
    kinds = Counter(c.kind for c in CASES)
    assert set(kinds) == {"boundaries", "records-csv", "records-xlsx", "options", "output", "injection"}
    assert min(kinds.values()) >= 10 and len(CASES) >= 120, kinds
    assert len({c.id for c in CASES}) == len(CASES)

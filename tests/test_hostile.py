"""Every case of the hostile-input corpus (tests/hostile/make_corpus.py): no traceback, one line, the right answer."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from dxmap.cli import main
from tests.hostile.make_corpus import all_cases

CASES = all_cases()
pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning", "ignore::UserWarning")


def _digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case, tmp_path):
    args = case.make(tmp_path)
    before = _digests(tmp_path)
    result = CliRunner().invoke(main, args)
    # An uncaught exception is a traceback for the user; SystemExit is a clean exit.
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    assert result.exit_code == case.exit, result.output + result.stderr
    if case.exit:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1, result.stderr
        for word in case.says:
            assert word in lines[0], (word, lines[0])
    else:
        for word in case.says:
            assert word in result.output, (word, result.output)
    after = _digests(tmp_path)
    assert {k: v for k, v in after.items() if k in before} == before, "an input file was changed"
    if case.check is not None:
        case.check(tmp_path, result)


def test_the_corpus_covers_every_class():
    kinds = {c.kind for c in CASES}
    assert {"boundaries", "options"} <= kinds
    assert len({c.id for c in CASES}) == len(CASES)

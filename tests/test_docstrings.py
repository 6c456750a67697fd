"""The public API's docstrings: every parameter documented, and the examples run (QA69 F8).

A notebook user reads ``help(dxmap.read_dataset)`` or the API reference (mkdocstrings renders the numpydoc
``Parameters`` section): a parameter missing from it is one they cannot find. The ``Examples`` sections run on the
bundled demo, so the figures they show are the ones a user gets.
"""

from __future__ import annotations

import doctest
import enum
import importlib
import inspect
import pkgutil
import re

import pytest

import dxmap

_HEADER = re.compile(r"^(\S.*)\n-{3,}$", re.MULTILINE)  # a numpydoc section: its title underlined with dashes


def _sections(doc: str) -> dict[str, str]:
    """A numpydoc docstring's sections, title → body."""
    text = inspect.cleandoc(doc)
    heads = list(_HEADER.finditer(text))
    return {h.group(1).strip(): text[h.end():nxt.start() if nxt else len(text)]
            for h, nxt in zip(heads, heads[1:] + [None])}


def documented_parameters(doc: str | None) -> list[str] | None:
    """The names a docstring's ``Parameters`` section documents ("a, b" and "name : type" lines); None without one."""
    body = _sections(doc or "").get("Parameters")
    if body is None:
        return None
    names = []
    for line in body.splitlines():
        if line.strip() and not line[0].isspace():  # an entry; its description is indented below it
            names += [n.strip().lstrip("*") for n in line.split(" : ")[0].split(",")]
    return names


def _public_callables() -> list[str]:
    """The names of ``dxmap.__all__`` a user calls with arguments: functions and classes other than the vocabulary's
    enums and the error classes (whose parameters are Python's own)."""
    return [name for name in dxmap.__all__ if callable(obj := getattr(dxmap, name)) and not (
        isinstance(obj, type) and issubclass(obj, (enum.Enum, BaseException)))]


@pytest.mark.parametrize("name", _public_callables())
def test_every_parameter_of_a_public_callable_is_in_its_parameters_section(name):
    obj = getattr(dxmap, name)
    wanted = [p.name for p in inspect.signature(obj).parameters.values()
              if p.name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    documented = documented_parameters(obj.__doc__)
    if not wanted:  # demo_dataset(), bundled_communes(): nothing to document
        return
    assert documented is not None, f"dxmap.{name} has no Parameters section"
    assert [p for p in wanted if p not in documented] == [], f"dxmap.{name}: parameters not documented"
    assert [p for p in documented if p not in wanted] == [], f"dxmap.{name}: documents parameters it does not take"


def test_the_parameters_check_sees_a_missing_parameter_and_a_missing_section():
    doc = """Do it.

    Parameters
    ----------
    a, b : int
        Two.
    c
        Three.

    Returns
    -------
    d
        Not a parameter.
    """
    assert documented_parameters(doc) == ["a", "b", "c"]
    assert documented_parameters("Do it.\n\n    ``a`` is one.\n") is None


_WITH_EXAMPLES = ["units_lacking", "nearest_covered", "gaps_near", "gap_change", "rank_communes", "unit_status",
                  "analyse", "compare"]


@pytest.mark.parametrize("name", _WITH_EXAMPLES)
def test_the_query_and_gap_functions_show_an_example_on_the_demo(name):
    examples = _sections(getattr(dxmap, name).__doc__).get("Examples", "")
    assert "dxmap.demo_dataset()" in examples and f"dxmap.{name}(" in examples


def _modules_with_examples() -> list[str]:
    """Every dxmap module whose docstrings hold an example (``>>>``)."""
    names = []
    for info in pkgutil.walk_packages(dxmap.__path__, "dxmap."):
        if info.name.endswith("__main__"):  # running it runs the command line
            continue
        module = importlib.import_module(info.name)
        if any(t.examples for t in doctest.DocTestFinder().find(module)):
            names.append(info.name)
    return names


@pytest.mark.parametrize("name", _modules_with_examples())
def test_the_examples_in_the_docstrings_give_what_they_show(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted and result.failed == 0


def _public_with_examples() -> list[str]:
    finder = doctest.DocTestFinder(recurse=False)
    return [n for n in dxmap.__all__ if any(t.examples for t in finder.find(getattr(dxmap, n), n, globs={}))]


@pytest.mark.parametrize("name", _public_with_examples())
def test_a_public_example_runs_as_copied_into_a_notebook(name):
    """QA70 N10: as_records' example used its module's names (pd, as_records): copied into a notebook, NameError."""
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in doctest.DocTestFinder(recurse=False).find(getattr(dxmap, name), name, globs={}):
        runner.run(test)
    assert runner.failures == 0

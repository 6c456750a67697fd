"""Every word people read comes from dxmap.labels, in Vietnamese and English: the report keeps no word
table of its own, and each report word ("rpt_…") is used."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pandas as pd
import pytest

import dxmap
from dxmap.gaps import change as change_module
from dxmap.gaps.change import _unit_word
from dxmap.labels import LABELS, label
from dxmap.reconcile.match import Outcome
from dxmap.render import report as report_module
from dxmap.render import tables as tables_module

ROOT = Path(dxmap.__file__).parent
# Report words whose key is made from a value: f"rpt_{change}" and f"rpt_o_{outcome}".
_VIETNAMESE = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)
_DYNAMIC = {f"rpt_{c}" for c in ("fixed", "left", "new", "stayed")} | {f"rpt_o_{o.value}" for o in Outcome}


def _source() -> str:
    """Every module, template and page script except labels.py itself."""
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(ROOT.rglob("*"))
                     if p.suffix in (".py", ".j2", ".js") and p.name != "labels.py")


def test_both_languages_have_the_same_words():
    assert set(LABELS["vi"]) == set(LABELS["en"])
    placeholders = {lang: {k: sorted(re.findall(r"{(\w*)}", v)) for k, v in LABELS[lang].items()} for lang in LABELS}
    assert placeholders["vi"] == placeholders["en"]  # "{n} trong {total}" and "{n} of {total}" fill the same way


def test_the_report_and_the_change_keep_no_word_table_of_their_own():
    assert not hasattr(report_module, "_WORDS") and not hasattr(change_module, "_FORMER_UNIT")
    # no Vietnamese word left in the code of the report and the summary tables: no string (docstrings aside)
    # with a Vietnamese letter. (The English summary names "huyện cũ" on purpose: in labels.py.)
    for module in (report_module, change_module, tables_module):
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        docs = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
        words = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
                 and id(n) not in docs and _VIETNAMESE.search(n.value)]
        assert words == [], module.__name__


def test_every_report_word_is_used():
    source = _source()
    unused = [k for k in LABELS["vi"] if k.startswith("rpt_") and k not in _DYNAMIC
              and f'"{k}"' not in source and f"'{k}'" not in source]
    assert unused == []
    assert _DYNAMIC <= set(LABELS["vi"])  # every outcome and change has its report word


@pytest.mark.parametrize(("lang", "one", "many"), [("vi", "xã cũ", "xã cũ"), ("en", "former commune", "former communes")])
def test_former_communes_counted_in_words(lang, one, many):
    assert _unit_word("commune", 1, lang, former=True) == one
    assert _unit_word("commune", 4, lang, former=True) == many == label("map_former_communes", lang)
    assert _unit_word("village", 2, lang) == label("villages", lang)


def test_labels_choose_the_english_word_for_how_many():
    assert label("rpt_units", "en", nv=5, nc=1) == "5 villages, 1 commune"
    assert label("rpt_units", "en", nv=1, nc=3) == "1 village, 3 communes"
    assert label("rpt_units_former", "en", nv="1", nc="1") == "1 village, 1 former commune"  # numbers as written
    assert label("rpt_units", "vi", nv=1, nc=1) == "1 thôn/bản, 1 xã/phường"  # Vietnamese has no plural
    assert label("rpt_m_approx", "en", n=1, list="Y Tý (02674)") == ("1 commune has an approximate outline "
                                                                      "(dashed on the maps): Y Tý (02674).")
    assert label("map_rows", "en", n="1") == "1 row" and label("map_rows", "en", n="2") == "2 rows"
    assert label("map_rows", "en") == "{n} {n|row|rows}"  # unfilled: the page's script fills it (dxmap.fmt)
    assert label("rpt_of", "en", n=1) == "1 of {total} {unit} ({share})"  # a name without a value stays


def test_counts_are_grouped_as_each_language_writes_numbers():
    """The console wrote "6497 bản ghi" where the report and the page write "6.497"; rows, lines and years are
    places, not counts, and stay as a spreadsheet numbers them."""
    import numpy as np

    from dxmap.labels import say, said_all

    assert label("rpt_units", "vi", nv=1554, nc=152) == "1.554 thôn/bản, 152 xã/phường"
    assert label("rpt_units", "en", nv=np.int64(106000), nc=10600) == "106,000 villages, 10,600 communes"
    assert label("rpt_units", "en", nv="1554", nc=True) == "1554 villages, True communes"  # text as given; no bool
    assert said_all("log_header_line", file="a.csv", line=1234, n=6497) == {
        "vi": label("log_header_line", "vi", file="a.csv", line="1234", n="6.497"),
        "en": label("log_header_line", "en", file="a.csv", line="1234", n="6,497")}
    assert "1234" in label("chk_row", "vi", row=1234) and label("chg_quarter", "vi", q=2, y=2024) == "quý 2/2024"
    assert "byte 2349" in label("log_at_byte", "en", reason="x", byte=2349)  # QA23: places, not counts
    assert all("1234" in label(k, "en", i=1234, index=1234, n=1, **{"file": "f", "id": "x", "what": "w"})
               for k in ("log_feature_row", "lyr_village_index") if k in LABELS["en"])
    assert say("rpt_units", "vi", nv=pd.Series([1554, 3]), nc=1200).tolist() == ["1.554 thôn/bản, 1.200 xã/phường",
                                                                               "3 thôn/bản, 1.200 xã/phường"]
    assert say("chk_row", "en", row=pd.Series([1234])).tolist() == [label("chk_row", "en", row="1234")]


# English count words whose count can never be 1 where they are filled: several units share one outline or one
# place; people are rounded to tens; "from {version} records" names a boundary version ("2024"), not a count.
_NEVER_ONE = {"map_shared_short", "map_nearby", "map_people", "sum_crosswalk", "err_records_version"}  # "the {records_version} units": a version, not a count
_COUNTED = re.compile(r"\{(\w+)\} (?:of \{\w+\} )?(villages|communes|districts|former communes|records|files|rows|units|"
                      r"people)\b")


def test_no_english_count_is_followed_by_a_fixed_plural():
    """ "(5 villages, 1 communes)": every "{n} …s" says the word by the count ("{n|village|villages}")."""
    fixed = {k: v for k, v in LABELS["en"].items() if k not in _NEVER_ONE and _COUNTED.search(v)}
    assert fixed == {}
    for key, text in LABELS["en"].items():
        choices = re.findall(r"{(\w+)\|[^{}|]*\|[^{}|]*}", text)
        assert set(choices) <= set(re.findall(r"{(\w+)}", text)), key  # a choice counts a value the label shows
        filled = label(key, "en", **{n: 1 for n in re.findall(r"{(\w+)[|}]", text)})
        assert "{" not in filled and "|" not in filled, key
    assert not any("|" in v for v in LABELS["vi"].values())


def test_the_share_sentence_agrees_with_its_count():
    from dxmap.labels import label

    one = label("map_gap_share", "en", n=1, total=5, units="villages", share="20%")
    many = label("map_gap_share", "en", n=2, total=5, units="villages", share="40%")
    assert (one, many) == ("1 of 5 villages lacks it (20%)", "2 of 5 villages lack it (40%)")

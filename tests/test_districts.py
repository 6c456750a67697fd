"""Finding a district by name or code, with or without diacritics."""

from __future__ import annotations

import pytest

import dxmap
from dxmap.errors import UnknownUnitError
from dxmap.reconcile.districts import in_district, resolve_district


@pytest.fixture(scope="module")
def communes():
    return dxmap.bundled_communes()


@pytest.mark.parametrize("query", ["bat xat", "Bát Xát", "BÁT XÁT", "Huyện Bát Xát", "H. Bat Xat", "082", "82", " bat  xat "])
def test_spellings_find_bat_xat(communes, query):
    assert resolve_district(query, communes) == ("082", "Bát Xát")


@pytest.mark.parametrize(("query", "code"), [("Sapa", "088"), ("TX Sapa", "088"), ("batxat", "082"), ("Bắc Hà", "085")])
def test_words_run_together_still_find_the_district(communes, query, code):
    assert resolve_district(query, communes)[0] == code


def test_unknown_district_suggests_closest(communes):
    with pytest.raises(UnknownUnitError, match=r"no district 'bat sat'.*Closest: 'Bát Xát \(082\)'"):
        resolve_district("bat sat", communes)
    with pytest.raises(LookupError):  # DxmapError subclasses also inherit the builtin
        resolve_district("999", communes)


def test_in_district_keeps_only_that_district(communes):
    kept = in_district(communes, "082")
    assert len(kept) == 21 and set(kept["district_code"]) == {"082"}
    assert in_district(communes, None) is communes

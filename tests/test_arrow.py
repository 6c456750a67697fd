"""Positions by arrow's hash lookup: the same answers as pandas' text index, a dict and a merge."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from dxmap._arrow import index_of, take_text, text

_TEXT = st.one_of(st.none(), st.sampled_from(["02692", "2692", "Thôn 1", "thôn 1", "Đồng Tâm", ""]))


@settings(max_examples=200, deadline=None)
@given(st.lists(_TEXT, max_size=20), st.lists(_TEXT, max_size=12))
def test_index_of_is_get_indexer_and_dict(values, keys):
    v, k = pd.Series(values, dtype="string"), pd.Series(keys, dtype="string")
    first = index_of(v, k)
    last = index_of(v, k, last=True, match_missing=False)
    by_dict = {key: i for i, key in enumerate(keys) if key is not None}
    assert last.tolist() == [by_dict.get(x, -1) if x is not None else -1 for x in values]
    if k.is_unique:
        assert first.tolist() == pd.Index(k).get_indexer(v).tolist()
    merged = pd.DataFrame({"v": v, "i": range(len(v))}).merge(
        pd.DataFrame({"v": k, "j": range(len(k))}).drop_duplicates("v"), on="v", how="left")
    assert first.tolist() == merged["j"].fillna(-1).astype(int).tolist()
    assert first.dtype == last.dtype == np.int64


def test_text_and_take_text():
    s = pd.Series(["a", None, "b"], dtype="string")
    chunked = pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([["a"], [None, "b"]])))
    assert text(s).equals(text(chunked)) and text(s).type == pa.large_string()
    assert text(pd.Series(["x", None], dtype=object)).to_pylist() == ["x", None]
    out = take_text(text(s), np.array([2, -1, 0, 1]))
    assert out.tolist() == ["b", pd.NA, "a", pd.NA] and out.dtype == "string" and out.index.tolist() == [0, 1, 2, 3]

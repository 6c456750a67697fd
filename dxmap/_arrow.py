"""Text columns joined by position with pyarrow: one hash lookup instead of pandas' text indexes, maps and merges.

pandas keeps text in pyarrow arrays; looking values up with :func:`index_of` (``pyarrow.compute.index_in``)
and taking them back with :func:`take_text` stays in arrow, where ``Series.map(dict)``,
``Index.get_indexer`` or ``merge`` on text would convert every value to a Python object first.
:func:`arrow_strings` and :func:`text_series` go between a pandas text column and arrow without copying
(the vectorised text keys in :mod:`dxmap.text`, records and codes use them).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def text(values: pd.Series | pd.api.extensions.ExtensionArray) -> pa.Array:
    """A text column as one pyarrow ``large_string`` array (no copy for pandas' arrow-backed strings in one chunk)."""
    arr = pa.array(pd.array(values, dtype="string[pyarrow]")).cast(pa.large_string())
    return arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr


def index_of(values: pd.Series | pa.Array | pa.ChunkedArray, keys: pd.Series | pa.Array, *, last: bool = False,
             match_missing: bool = True) -> np.ndarray:
    """Position of each value among ``keys``; -1 when it is not there.

    Parameters
    ----------
    values, keys
        Text (Series or arrow arrays; ``values`` may be chunked: several lookups in one hash of ``keys``).
    last
        Of equal keys, give the last (what a ``dict(zip(keys, ...))`` keeps) instead of the first
        (what ``pd.Index(keys).get_indexer`` and a merge find).
    match_missing
        A missing value finds a missing key, as pandas' lookups and merges do; False: it is -1.
    """
    values = values if isinstance(values, (pa.Array, pa.ChunkedArray)) else text(values)
    keys = keys if isinstance(keys, pa.Array) else text(keys)
    n = len(keys)
    found = pc.index_in(values, value_set=keys[::-1] if last else keys, skip_nulls=not match_missing)
    pos = pc.fill_null(found, -1).to_numpy().astype(np.int64)
    if last:
        pos[pos >= 0] = n - 1 - pos[pos >= 0]
    return pos


def take_text(values: pa.Array, positions: np.ndarray) -> pd.Series:
    """``values`` at ``positions`` as pandas text (``string`` dtype, a fresh RangeIndex); position -1 gives <NA>."""
    return text_series(values.take(pa.array(positions, mask=positions < 0)))


def arrow_strings(values: pd.Series) -> pa.Array | pa.ChunkedArray | None:
    """``values`` as Arrow text (null where missing), the column's own data when it is Arrow text already;
    None unless every value is text."""
    if isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow":
        return pa.array(values.array)
    try:
        return pa.array(values.to_numpy(dtype=object, na_value=None), type=pa.large_string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, UnicodeError):  # numbers, bytes, lone surrogates: left to per_distinct
        return None


def text_series(text: pa.Array | pa.ChunkedArray, like: pd.Series | None = None) -> pd.Series:
    """Arrow text as a pandas ``string`` Series (not copied), with the index and name of ``like``."""
    array = pd.arrays.ArrowStringArray(text.cast(pa.large_string()))
    return pd.Series(array) if like is None else pd.Series(array, index=like.index, name=like.name)


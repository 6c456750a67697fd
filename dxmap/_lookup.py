"""Where each value stands among some keys: the one positional join the pipeline stages share."""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

__all__ = ["positions"]


def positions(values: object, keys: object, *, keep: Literal["first", "last"] = "first",
              missing_matches: bool = True) -> np.ndarray:
    """The position in ``keys`` of each of ``values``, -1 where the value is not among them.

    Both are compared as text. Of equal keys, ``keep`` says which position is given (``"last"`` is what
    ``dict(zip(keys, range(n)))`` keeps). ``missing_matches``: a missing value finds a missing key, as
    pandas' lookups and merges do; False: it is -1. One factorisation of both columns (pandas hashes
    Arrow text without making Python objects), then plain array indexing.

    >>> positions(pd.Series(["b", "x", "a"]), pd.Series(["a", "b", "a"]), keep="last").tolist()
    [1, -1, 2]
    """
    k = pd.Series(pd.array(keys, dtype="string"))
    v = pd.Series(pd.array(values, dtype="string"))
    if len(k) == 0 or len(v) == 0:
        return np.full(len(v), -1, dtype=np.int64)
    codes, _ = pd.factorize(pd.concat([k, v], ignore_index=True), use_na_sentinel=not missing_matches)
    key_codes, value_codes = codes[: len(k)], codes[len(k):]
    table = np.full(int(codes.max()) + 2, -1, dtype=np.int64)  # the extra last slot answers code -1 (missing)
    order = np.arange(len(k), dtype=np.int64)
    if keep == "first":  # with repeated indices the last assignment wins: assign in reverse
        table[key_codes[::-1]] = order[::-1]
    else:
        table[key_codes] = order
    table[-1] = -1
    return table[value_codes]

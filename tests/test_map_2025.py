"""The gap map in the 2025-07 units: a commune-level technology is counted per former commune (issue 15)."""

from __future__ import annotations

import numpy as np
import pytest

from dxmap.gaps.analysis import analyse
from dxmap.reconcile.versions import crosswalk_summary
from dxmap.render.webmap import _map_data


def _ints(v, n: int) -> np.ndarray:
    """The page's small-integer coding (see webmap._small_ints) read back."""
    if isinstance(v, int):
        return np.zeros(n, dtype=int)
    if isinstance(v, str):
        return np.frombuffer(v.encode("ascii"), dtype=np.uint8).astype(int) - 63
    return np.asarray(v)


@pytest.fixture(scope="module")
def result25(demo):
    return analyse(demo, units="2025-07")


@pytest.fixture(scope="module")
def payload25(result25):
    return _map_data(result25.status, result25.communes)


def test_lan_k_of_n_matches_crosswalk_summary(result25, payload25):
    lan, codes = payload25["status"]["lan"], payload25["communes"]["code"]
    k, n = _ints(lan["k"], len(codes)), _ints(lan["n"], len(codes))
    summary = crosswalk_summary(result25.status)
    summary = summary[summary["technology"].eq("lan")].set_index("code").reindex(codes)
    assert (k == summary["none"].to_numpy()).all()
    assert (n == summary["total"].to_numpy()).all()
    assert n.sum() == 320  # every former commune counted once
    assert (k > 0).sum() == (summary["none"] > 0).sum() > 0
    # a merged commune with a gap: k of n, the former communes named, and its code never guessed from one row
    c = int(np.flatnonzero((k > 0) & (n > 1))[0])
    names = payload25["strings"][_ints(lan["gap"], len(codes))[c]].split(", ")
    assert len(names) == k[c]
    assert lan["s"][c] == "0"
    # communes whose former communes are all unknown show "unknown" (no data), not a gap
    all_unknown = (summary["unknown"] == summary["total"]).to_numpy()
    assert all_unknown.sum() > 0 and set(np.array(list(lan["s"]))[all_unknown]) == {"3"}


def test_approximate_outlines_in_payload(result25, payload25):
    approx = np.asarray(payload25["communes"]["approx"])
    flagged = result25.communes.set_index("code")["approximate"].reindex(payload25["communes"]["code"]).to_numpy(dtype=bool)
    assert ((approx > 0) == flagged).all() and flagged.sum() > 0
    reasons = {payload25["strings"][i] for i in approx[approx > 0]}
    assert reasons <= set(result25.communes["approximate_reason"].dropna())


def test_2024_payload_has_no_former_counts(demo):
    result = analyse(demo)
    data = _map_data(result.status, demo.communes)
    assert set(data["status"]["lan"]) == {"s", "t", "src", "note"}
    assert "approx" not in data["communes"]

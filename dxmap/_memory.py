"""Handing memory that a finished step freed back to the system, so the next step can reuse it.

A national build frees the records and the reconciliation report before it draws the map. Freed
memory stays with the allocator that held it: pandas' text columns live in Arrow's memory pool,
which keeps freed pages, and glibc keeps freed heap for later ``malloc`` calls. The next step
(simplifying the outlines, which allocates through numpy and GEOS) would then take new pages and
the peak would be the sum of both. Nothing here frees data that is still referenced.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc

__all__ = ["release_memory"]


def release_memory() -> None:
    """Collect Python's young garbage, and return Arrow's and glibc's unused memory to the system."""
    gc.collect(1)  # the young generations: a full collection costs ~50 ms at national scale and frees nothing more
    with contextlib.suppress(ImportError, AttributeError):
        import pyarrow

        pyarrow.default_memory_pool().release_unused()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)  # glibc only; elsewhere this is skipped

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
import os

__all__ = ["release_memory", "arrow_uses_malloc"]


def release_memory() -> None:
    """Collect Python's young garbage, and return Arrow's and glibc's unused memory to the system."""
    gc.collect(1)  # the young generations: a full collection costs ~50 ms at national scale and frees nothing more
    with contextlib.suppress(ImportError, AttributeError):
        import pyarrow

        pyarrow.default_memory_pool().release_unused()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)  # glibc only; elsewhere this is skipped


def arrow_uses_malloc() -> bool:
    """Have Arrow allocate with the C library's ``malloc`` from now on; the ``dxmap`` command does at start.

    pyarrow's default pool (mimalloc) keeps most of what it frees; glibc hands it back at
    :func:`release_memory`. The text of a national records file (222,600 rows) then no longer adds
    to the peak of the steps after it. A pool chosen with ``ARROW_DEFAULT_MEMORY_POOL`` is kept.
    Returns whether the pool was changed. Library calls never change it: this is the application's choice.
    """
    if os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        return False
    try:
        import pyarrow
    except ImportError:
        return False
    pyarrow.set_memory_pool(pyarrow.system_memory_pool())
    return True

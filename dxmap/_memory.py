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
from collections.abc import Iterator

__all__ = ["release_memory", "tune_allocators", "batch_gc"]


def release_memory() -> None:
    """Collect Python's young garbage, and return Arrow's and glibc's unused memory to the system."""
    gc.collect(1)  # the young generations: a full collection costs ~50 ms at national scale and frees nothing more
    with contextlib.suppress(ImportError, AttributeError):
        import pyarrow

        pyarrow.default_memory_pool().release_unused()
    if (libc := _glibc()) is not None:
        libc.malloc_trim(0)


def tune_allocators() -> bool:
    """Let freed memory go back to the system sooner: Arrow allocates with the C library's
    ``malloc`` from now on, glibc maps blocks of 16 MB and more each on their own and keeps at most
    two heaps for all threads. The ``dxmap`` command does this at start.

    pyarrow's default pool (mimalloc) keeps most of what it frees; glibc hands it back at
    :func:`release_memory`. glibc by itself serves blocks up to 32 MB from its heaps once a block
    that size was freed, and memory freed in one thread's heap does not serve another thread: the
    records parsed beside the outlines being simplified would take new pages for what the other
    had freed. Blocks of 16 MB and more (the coordinates of a national layer, its Arrow columns)
    are unmapped when freed instead, and the threads share two heaps instead of one each. These
    lower the national map's peak RSS (10,600 communes: by ~30, ~30 and ~10 MB, at no measurable
    cost in time; a 4 MB threshold saved no more and cost ~0.15 s). Settings made with
    ``ARROW_DEFAULT_MEMORY_POOL``, ``MALLOC_MMAP_THRESHOLD_`` or ``MALLOC_ARENA_MAX`` are kept.
    Returns whether Arrow's pool was changed. Library calls never change these: this is the
    application's choice.
    """
    libc = _glibc()
    for variable, (param, value) in _MALLOPT.items():
        if libc is not None and not os.environ.get(variable):
            libc.mallopt(param, value)
    if os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        return False
    import pyarrow

    pyarrow.set_memory_pool(pyarrow.system_memory_pool())
    return True


# glibc's mallopt settings, by the environment variable that sets each: (parameter, value)
_MALLOPT = {"MALLOC_MMAP_THRESHOLD_": (-3, 16 << 20), "MALLOC_ARENA_MAX": (-8, 2)}


def _glibc() -> ctypes.CDLL | None:
    """The C library when it is glibc (``malloc_trim``, ``mallopt``); None elsewhere."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


@contextlib.contextmanager
def batch_gc() -> Iterator[None]:
    """Python's cyclic garbage collector as a batch job wants it, for the ``with`` block; the ``dxmap``
    command runs in one.

    What exists on entry (the imported modules: some 10⁶ objects) is frozen, so collections never
    scan it again, and collections run only where :func:`release_memory` asks for them, between
    steps, not every 700 allocations. A national map spent ~0.16 s of its ~2 s in ~360 automatic
    collections; now ~0.01 s. On exit the collector is as it was.
    """
    enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()

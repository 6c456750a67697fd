"""File helpers shared by readers and writers: existence checks, atomic writes."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from dxmap.errors import InputFileError


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def existing(path: str | os.PathLike[str], what: str) -> Path:
    """Return ``path`` as a Path, or raise :class:`InputFileError` saying what was expected there."""
    p = Path(path)
    if not p.exists():
        raise InputFileError(f"{p}: {what} not found. Check the path (it is relative to {Path.cwd()}).")
    return p


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], mode: str = "w", **kwargs: object) -> Iterator[IO]:
    """Write to a temporary file beside ``path`` and rename it into place only on success.

    A failed run never leaves half a file, and never truncates an existing one.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if "b" not in mode:
        kwargs.setdefault("encoding", "utf-8")
        kwargs.setdefault("newline", "")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
        os.chmod(tmp, _umask_mode())  # mkstemp makes 0600 files; outputs should be readable like any other
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise

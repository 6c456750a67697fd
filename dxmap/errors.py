"""The dxmap error hierarchy.

Every error dxmap raises on bad input is a :class:`DxmapError`. Each subclass also inherits the
builtin it refines, so ``except ValueError`` keeps working for callers who do not know dxmap.
Messages say what is wrong, show up to five offending values with the total count, and say how
to fix it; the CLI prints them as one line and exits with status 1.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeVar

from dxmap.labels import said_all

__all__ = [
    "DxmapError",
    "InputFileError",
    "UnsupportedFormatError",
    "CRSError",
    "SchemaError",
    "StatusValueError",
    "DuplicateRecordError",
    "UnknownUnitError",
    "UnmatchedRecordsError",
    "SnapshotDateError",
    "VersionMismatchError",
    "EngineError",
    "OptionalDependencyError",
    "OutputFileError",
    "ArgumentError",
    "OptionError",
]

E = TypeVar("E", bound=BaseException)


class DxmapError(Exception):
    """Base class of every error dxmap raises on bad input."""


class InputFileError(DxmapError, FileNotFoundError):
    """An input file is missing or cannot be opened."""


class UnsupportedFormatError(DxmapError, ValueError):
    """A file's format is not one dxmap reads."""


class CRSError(DxmapError, ValueError):
    """A boundary file has no coordinate reference system, or a wrong one."""


class SchemaError(DxmapError, ValueError):
    """A table lacks a required column or holds values of the wrong shape."""


class StatusValueError(SchemaError):
    """A status or technology value is not one dxmap knows."""


class DuplicateRecordError(SchemaError):
    """Two records describe the same unit, technology and date."""


class UnknownUnitError(DxmapError, LookupError):
    """A district, commune or village named by the user does not exist."""


class UnmatchedRecordsError(DxmapError, LookupError):
    """Some status records could not be matched to a unit."""


class SnapshotDateError(DxmapError, ValueError):
    """A date is not a valid date, or not one the records can be compared at."""


class VersionMismatchError(SchemaError):
    """Records were written for another boundary version than the boundary set they are joined to."""


class EngineError(DxmapError, ValueError):
    """An unknown computation engine, or one whose optional packages are not installed."""


class ArgumentError(DxmapError, TypeError):
    """A Python argument of the wrong kind: a path where a table belongs, a table where a map belongs, arguments swapped."""


class OptionError(DxmapError, ValueError):
    """A keyword option with a value dxmap does not take (``lang="fr"``); the message lists the ones it takes."""


class OptionalDependencyError(DxmapError, ImportError):
    """A part of dxmap needs an extra that is not installed; the message gives the ``pip install`` line."""


def preview(values: Iterable[object], limit: int = 5) -> str:
    """Show up to ``limit`` values and the total count, e.g. ``'a', 'b' … (7 in all)``."""
    items = list(values)
    shown = ", ".join(repr(v) for v in items[:limit])
    if len(items) > limit:
        return f"{shown} … ({len(items)} in all)"
    return shown


class OutputFileError(DxmapError, OSError):
    """An output file that cannot be written (a read-only folder, a full disk, a file-size limit)."""


def in_languages(error: E, said: Mapping[str, str]) -> E:
    """``error`` (whose message is English, ``said["en"]``) carrying its message in every language, as
    ``error.dxmap_said``: a library user reads English, the command line says it in its user's language (as a log
    line does with ``extra={"dxmap_said": …}``)."""
    error.dxmap_said = dict(said)  # type: ignore[attr-defined]
    return error


def said_error(kind: type[E], key: str, /, **values: object) -> E:
    """An error of class ``kind`` whose message is label ``key`` (filled as :func:`dxmap.labels.said_all` fills it):
    English, carrying every language for the command line (:func:`in_languages`)."""
    text = said_all(key, **values)
    return in_languages(kind(text["en"]), text)

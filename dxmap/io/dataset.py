"""The data one analysis reads: boundary layers and status records, as plain (Geo)DataFrames."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import geopandas as gpd
import pandas as pd

__all__ = ["Dataset", "short_repr"]


def short_repr(result: object) -> str:
    """A result object in one line, its tables by size: ``Dataset(communes=<152 rows>, records=<6497 rows>, …)``.
    A notebook shows an object's repr: the tables' own would print kilobytes of rows."""
    def show(value: object) -> str:
        if isinstance(value, pd.DataFrame):
            return f"<{len(value)} rows>"
        if isinstance(value, dict) and len(repr(value)) > 80:
            return "{" + ", ".join(map(repr, value)) + "}"
        return repr(value)

    parts = [f"{f.name}={show(getattr(result, f.name))}" for f in fields(result) if f.repr]  # type: ignore[arg-type]
    return f"{type(result).__name__}({', '.join(parts)})"


@dataclass(frozen=True)
class Dataset:
    """Boundary layers and status records, as read (nothing joined yet except in ``outcomes``).

    ``sources`` names the file each boundary layer was read from (keys ``"communes"``,
    ``"districts"``, ``"villages"``), for the report's method text; the bundled layers have none.
    """

    communes: gpd.GeoDataFrame
    records: pd.DataFrame
    districts: gpd.GeoDataFrame | None = None
    villages: gpd.GeoDataFrame | None = None
    village_areas: gpd.GeoDataFrame | None = None
    outcomes: pd.DataFrame | None = None
    illustrative: bool = False
    sources: dict[str, str] = field(default_factory=dict)

    __repr__ = short_repr

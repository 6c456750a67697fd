"""The data one analysis reads: boundary layers and status records, as plain (Geo)DataFrames."""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

__all__ = ["Dataset"]


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

"""The data one analysis reads: boundary layers and status records, as plain (Geo)DataFrames."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

__all__ = ["Dataset"]


@dataclass(frozen=True)
class Dataset:
    """Boundary layers and status records, as read (nothing joined yet except in ``report``)."""

    communes: gpd.GeoDataFrame
    records: pd.DataFrame
    districts: gpd.GeoDataFrame | None = None
    villages: gpd.GeoDataFrame | None = None
    village_areas: gpd.GeoDataFrame | None = None
    outcomes: pd.DataFrame | None = None
    illustrative: bool = False

"""Point-in-polygon joins on one machine (geopandas) or on dask-geopandas partitions.

Reconciliation finds the commune (or village polygon) holding a record's lon/lat with
:func:`points_in_polygons`. With ``engine="pandas"`` (the default) that is one
:func:`geopandas.sjoin`. With ``engine="dask"`` the points are cut into partitions and each
partition is joined to the polygons (one partition, sent to each worker once) with
:func:`dask_geopandas.sjoin`. It runs on the current dask scheduler: a ``distributed.Client`` when
one is active (a ``LocalCluster`` or a real cluster), local threads otherwise. Both engines return
the same rows in the same order. On one machine the dask engine is not expected to be faster than
one sjoin; it is there to spread the work over a cluster.

The dask engine needs the optional packages: ``pip install 'dxmap[dask]'``.
"""

from __future__ import annotations

import logging
import math
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd

from dxmap.errors import EngineError
from dxmap.labels import Lang, label, log_said

__all__ = ["points_in_polygons", "ENGINES"]

log = logging.getLogger(__name__)

ENGINES = ("pandas", "dask")
Engine = Literal["pandas", "dask"]
POINTS_PER_PARTITION = 500_000


def check_engine(engine: str, lang: Lang = "en") -> None:
    """Raise :class:`EngineError` unless ``engine`` is known and its packages are installed (said in ``lang``)."""
    if engine not in ENGINES:
        raise EngineError(f"engine {engine!r} is not one dxmap knows; use one of {', '.join(ENGINES)}.")
    if engine == "dask":
        try:
            import dask_geopandas  # noqa: F401
        except ImportError:
            raise EngineError(label("err_engine_dask", lang)) from None


def points_in_polygons(
    points: gpd.GeoDataFrame,
    polygons: gpd.GeoDataFrame,
    *,
    engine: Engine = "pandas",
    npartitions: int | None = None,
    predicate: str = "within",
) -> gpd.GeoDataFrame:
    """Every (point, polygon) pair where the point lies in the polygon: an inner spatial join.

    Parameters
    ----------
    points
        Point layer (its index labels are kept).
    polygons
        Polygon layer in the same CRS.
    engine
        ``"pandas"``: one :func:`geopandas.sjoin`. ``"dask"``: partitioned with dask-geopandas,
        for point sets in the millions or a cluster.
    npartitions
        Dask only: partitions of the points; default one per 500,000 points.
    predicate
        Passed to the spatial join (``"within"``: on the boundary counts as outside).

    Returns
    -------
    geopandas.GeoDataFrame
        What ``geopandas.sjoin(points, polygons, predicate=..., how="inner")`` returns: the points'
        columns, the polygons' columns and ``index_right`` (named after the polygons' index when it
        has a name), one row per pair, ordered by the points' order and then the polygons' order,
        whatever the engine.

    Notes
    -----
    Both layers are in memory on the calling machine; with ``engine="dask"`` the join itself, the
    costly part for millions of points, is spread over the workers.
    """
    check_engine(engine)
    if points.crs != polygons.crs:
        polygons = polygons.to_crs(points.crs)
    left = points.reset_index(drop=True)
    right = polygons.reset_index(drop=True)
    if engine == "pandas" or len(left) == 0 or len(right) == 0:
        hit = gpd.sjoin(left, right, predicate=predicate, how="inner")
    else:
        hit = _dask_sjoin(left, right, npartitions=npartitions, predicate=predicate)
    pos_left = hit.index.to_numpy()
    pos_right = hit["index_right"].to_numpy()
    order = np.lexsort((pos_right, pos_left))
    hit = hit.iloc[order]
    hit.index = points.index[pos_left[order]]
    hit["index_right"] = polygons.index[pos_right[order]]
    if polygons.index.name is not None:  # as geopandas names it
        hit = hit.rename(columns={"index_right": polygons.index.name})
    log_said(log, logging.DEBUG, "log_engine_debug", engine=engine, points=len(points), polygons=len(polygons),
             pairs=len(hit))
    return hit


def _dask_sjoin(left: gpd.GeoDataFrame, right: gpd.GeoDataFrame, *, npartitions: int | None, predicate: str) -> gpd.GeoDataFrame:
    import dask

    # Keep the inputs' dtypes (dask would turn text into pyarrow strings): same result as pandas.
    with dask.config.set({"dataframe.convert-string": False}):
        return _dask_sjoin_inner(left, right, npartitions=npartitions, predicate=predicate)


def _dask_sjoin_inner(left: gpd.GeoDataFrame, right: gpd.GeoDataFrame, *, npartitions: int | None,
                      predicate: str) -> gpd.GeoDataFrame:
    import dask_geopandas

    n_left = npartitions or max(1, math.ceil(len(left) / POINTS_PER_PARTITION))
    # Positions travel as columns: dask-geopandas may reorder rows and rename the index.
    dleft = dask_geopandas.from_geopandas(left.assign(_dxmap_left=np.arange(len(left))), npartitions=n_left)
    # The polygons (thousands, not millions) form one partition that every worker receives once.
    dright = dask_geopandas.from_geopandas(right.assign(_dxmap_right=np.arange(len(right))), npartitions=1)
    joined = dask_geopandas.sjoin(dleft, dright, how="inner", predicate=predicate)
    log.info("dask engine: %d points in %d partitions against %d polygons", len(left), n_left, len(right))
    hit = joined.compute()
    hit.index = pd.Index(hit.pop("_dxmap_left").to_numpy())
    hit["index_right"] = hit.pop("_dxmap_right").to_numpy()
    columns = gpd.sjoin(left.iloc[:0], right.iloc[:0], predicate=predicate, how="inner").columns
    return hit[columns]

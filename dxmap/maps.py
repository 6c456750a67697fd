"""The gap map: one self-contained HTML page with a district filter, search, a counted legend and a table.

Rendering only: it takes the tables :func:`unit_status` made and never joins anything itself.

The page data is embedded once as compact JSON (columnar properties, coordinates quantised to
``10**-precision`` degrees and delta-encoded as polyline strings) and drawn by dxmap's own
JavaScript (``assets/dxmap-map.js``) on top of the vendored Leaflet: polygons on a canvas,
markers on a canvas layer of their own, and the district filter, search, legend counts, table
and CSV export all driven from that one blob. Nothing is fetched from the network except the
optional basemap tiles, which start switched off. Pass ``m=`` to draw onto an existing
:class:`folium.Map`.
"""

from __future__ import annotations

import html
import json
import logging
import os
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import Element, MacroElement

from dxmap._assets import dxmap_css, dxmap_js, inline_assets, safe_script
from dxmap._files import atomic_write
from dxmap.errors import SchemaError
from dxmap.gaps import STATUS_ORDER
from dxmap.labels import LABELS, Lang, label
from dxmap.simplify import simplify_coverage
from dxmap.text import fold
from dxmap.vocab import Level, Status, Technology

__all__ = ["gap_map", "new_map", "save_map", "map_html", "STATUS_COLOURS", "STATUS_SHAPES", "GAP_BINS", "BASEMAP", "SIMPLIFY_ABOVE"]

log = logging.getLogger(__name__)

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
STATUS_COLOURS = {
    Status.NONE.value: "#D55E00",
    Status.WEAK.value: "#E69F00",
    Status.PLANNED.value: "#0072B2",
    Status.UNKNOWN.value: "#999999",
    Status.COVERED.value: "#009E73",
}
# Shape tells the statuses apart without colour; covered units are drawn only when switched on.
STATUS_SHAPES = {
    Status.NONE.value: "triangle",
    Status.WEAK.value: "diamond",
    Status.PLANNED.value: "circle-open",
    Status.UNKNOWN.value: "square-open",
    Status.COVERED.value: "dot",
}
# Villages lacking a technology per commune → fill colour (ColorBrewer YlOrBr, colour-blind safe).
GAP_BINS = [(0, 0, "#ffffe5"), (1, 1, "#fee391"), (2, 3, "#fec44f"), (4, 6, "#ec7014"), (7, 10**9, "#8c2d04")]
# The only network resource a map may use, and only once someone switches it on.
BASEMAP = {
    "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "attribution": '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    "maxZoom": 19,
}
# Words of labels.py the page uses besides its own "map_…" ones.
_PAGE_LABELS = {
    *STATUS_ORDER, *(t.value for t in Technology), "village", "villages", "commune", "communes", "district",
    "commune_label", "village_label", "status", "date", "source", "note", "as_of", "illustrative", "districts",
    "shared_polygon", "legend", "all_districts", "gap_villages",
}
# gap_map simplifies the commune outlines by default only above this many vertices (a province has
# some 10⁴–10⁵; the nation about 3·10⁶, where simplifying saves seconds in the browser and megabytes).
SIMPLIFY_ABOVE = 200_000
_MISSING = "-"  # status code of a unit without a row for a technology (not counted anywhere)


def gap_map(
    status: gpd.GeoDataFrame,
    communes: gpd.GeoDataFrame,
    *,
    districts: gpd.GeoDataFrame | None = None,
    title: str | None = None,
    lang: Lang = "vi",
    illustrative: bool = False,
    m: folium.Map | None = None,
    basemap: bool = False,
    precision: int = 5,
    table_rows: int = 500,
    simplify: bool | float | None = None,
) -> folium.Map:
    """Draw the gaps of ``status`` (from :func:`unit_status`) on a folium map.

    The page shows commune and district outlines with names, one layer per technology (communes
    shaded by their gaps, units lacking coverage as markers whose shape and colour give the
    status), a district filter, a search box (diacritics optional), a legend counting what is
    shown, a sortable table with CSV export, and prints on one landscape page.

    Parameters
    ----------
    status
        One row per unit and technology, possibly filtered to one district.
    communes
        The commune layer (its polygons are drawn; communes sharing a polygon, ``map_unit``, are
        drawn once with their summed counts).
    districts
        District outlines; when None they are dissolved from the communes.
    title
        Page title; default "Missing digital infrastructure — data as of <date>".
    lang
        ``"vi"`` (default) or ``"en"`` for every label, popup, the legend and the table.
    illustrative
        Adds a banner saying the data is illustrative.
    m
        An existing map to draw onto; a new one (without any network resource) is made when None.
    basemap
        Start with the OpenStreetMap basemap switched on. Off by default: the tiles are the only
        thing the page fetches from the network, and everything works without them. It can be
        switched on and off in the page. Not used with ``m`` (that map keeps its own tiles).
    precision
        Decimals kept in coordinates (5 ≈ 1 m); 0 to 6.
    table_rows
        How many rows the table shows at once (the CSV export always has all of them).
    simplify
        Simplify the commune and district outlines drawn (:func:`dxmap.simplify_coverage`, shared
        edges stay shared): ``True`` at the invisible tolerance of :func:`dxmap.visible_tolerance`
        for the extent shown, a number for a tolerance in metres, ``False`` never. Default (None):
        only when the communes shown have more than :data:`SIMPLIFY_ABOVE` vertices (a province is
        drawn as it is, a region or the nation is simplified). Outlines that are already
        simplified (``attrs["simplify_tolerance_m"]``) are then drawn as they are. The page's legend
        states the tolerance ("Boundaries simplified to ~N m").

    Returns
    -------
    folium.Map
        ``m``, or the new map.
    """
    if not 0 <= precision <= 6:
        raise SchemaError(f"precision={precision!r}: give 0 to 6 decimals (5 keeps about 1 m).")
    data = _map_data(status, communes, districts=districts, title=title, lang=lang, illustrative=illustrative,
                    basemap=basemap if m is None else None, precision=precision, table_rows=table_rows,
                    simplify=simplify)
    if m is None:
        m = _bare_map()
    _GapLayer(data).add_to(m)
    return m


def new_map(*, lang: Lang = "vi", basemap: bool = False) -> folium.Map:
    """An empty folium map that needs only Leaflet (inlined by :func:`save_map`), with an optional basemap.

    The basemap (OpenStreetMap) is a layer that can be switched on and off; it is the only thing
    the saved page fetches from the network and starts switched off unless ``basemap`` is True.
    """
    m = _bare_map()
    folium.TileLayer("OpenStreetMap", name=label("map_basemap_online", lang), overlay=True, control=True,
                     show=basemap).add_to(m)
    return m


def map_html(m: folium.Map) -> str:
    """The map as one self-contained HTML page: Leaflet's JavaScript and CSS inlined."""
    return inline_assets(m.get_root().render())


def save_map(m: folium.Map, path: str | os.PathLike[str]) -> Path:
    """Write the map as one self-contained HTML file, atomically (temporary file, then rename)."""
    page = map_html(m)
    with atomic_write(path) as fh:
        fh.write(page)
    log.info("wrote %s (%.2f MB)", path, len(page.encode("utf-8")) / 1e6)
    return Path(path)


def _bare_map() -> folium.Map:
    m = folium.Map(tiles=None, control_scale=True, prefer_canvas=True, zoom_snap=0.25)
    # Only Leaflet is needed; folium's jQuery, Bootstrap and icon fonts would be fetched from CDNs.
    m.default_js = [js for js in m.default_js if js[0] == "leaflet"]
    m.default_css = [css for css in m.default_css if css[0] == "leaflet_css"]
    return m


class _Raw(Element):
    """Text put into the page as it is (not read as a Jinja template, unlike :class:`branca.element.Element`)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: object) -> str:
        return self.text


class _GapLayer(MacroElement):
    """The page data (JSON, once) and the call that draws it onto the parent map.

    Rendered without Jinja: the data may hold "{{" (a polyline string can), which a template would read.
    """

    def __init__(self, data: dict) -> None:
        super().__init__()
        self._name = "DxmapGapLayer"
        self.title = data["title"]
        self.payload = _json_for_script(data)

    def render(self, **kwargs: object) -> None:
        figure = self.get_root()
        # Rendered after the map, so these follow Leaflet's script and style in the page head.
        figure.header.add_child(_Raw(f"<title>{html.escape(self.title)}</title>"), name="dxmap_title")
        # No favicon request: a file:// page would otherwise ask for one.
        figure.header.add_child(_Raw('<link rel="icon" href="data:,">'), name="dxmap_favicon")
        figure.header.add_child(_Raw(f"<style>{dxmap_css()}</style>"), name="dxmap_css")
        figure.header.add_child(_Raw(f"<script>{safe_script(dxmap_js())}</script>"), name="dxmap_js")
        data_id = f"{self.get_name()}_data"
        figure.html.add_child(_Raw(f'<script type="application/json" id="{data_id}">{self.payload}</script>'),
                              name=self.get_name())
        figure.script.add_child(_Raw(f'dxmap.render({self._parent.get_name()}, "{data_id}");'), name=self.get_name())


def _json_for_script(data: dict) -> str:
    """Compact JSON that is safe inside a <script> element: no "<", ">" or "&" survives literally."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for ch, esc in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


# --------------------------------------------------------------------------------------------
# The page data


def _map_data(
    status: gpd.GeoDataFrame,
    communes: gpd.GeoDataFrame,
    *,
    districts: gpd.GeoDataFrame | None = None,
    title: str | None = None,
    lang: Lang = "vi",
    illustrative: bool = False,
    basemap: bool | None = False,
    precision: int = 5,
    table_rows: int = 500,
    simplify: bool | float | None = None,
) -> dict:
    """The data the map page draws, as plain JSON-able structures (see :func:`gap_map`).

    Columnar: one list per property, indices instead of repeated strings, a status string per
    technology with one character per unit (its index in :data:`STATUS_ORDER`, ``-`` = no row),
    and coordinates as delta-encoded polyline strings at ``10**precision``.
    """
    scale = 10**precision
    status = _in_wgs84(status)
    communes = _in_wgs84(communes)
    as_of = status.attrs.get("as_of") or ""
    # a set of the few distinct codes: isin over all status rows of arrow strings is slow
    shown = communes[communes["code"].isin(set(status["commune_code"].dropna().unique().tolist()))]
    if shown.empty:
        shown = communes
    shown = shown.reset_index(drop=True)
    shown, districts, tolerance = _simplified(shown, districts, simplify)

    # districts, in the order people read them
    dist = shown[["district_code", "district_name"]].drop_duplicates("district_code")
    dist = dist.iloc[np.argsort(dist["district_name"].astype(str).map(fold).to_numpy(), kind="stable")]
    dist_index = pd.Index(dist["district_code"])
    d_geom = _district_outlines(shown, districts, dist_index)
    b = shown.geometry.bounds.groupby(shown["district_code"].to_numpy()).agg(
        {"minx": "min", "miny": "min", "maxx": "max", "maxy": "max"}).reindex(dist_index)

    # map units: communes sharing one polygon are drawn once
    units = shown.drop_duplicates("map_unit")
    unit_index = pd.Index(units["map_unit"])
    unit_pts = units.geometry.representative_point()
    commune_index = pd.Index(shown["code"])
    members = shown.groupby("map_unit", sort=False)["code"].size().reindex(unit_index)

    # villages: every village in the status table (also the covered ones: search finds them)
    # only the columns used are copied by the row filters (a national status table has ~200k rows)
    pos = np.flatnonzero(status["level"].eq(Level.VILLAGE.value).to_numpy(dtype=bool, na_value=False))
    pos = pos[~status["unit_id"].iloc[pos].duplicated().to_numpy()]  # the first row of each village
    vil = status[["unit_id", "name", "commune_code", status.geometry.name]].iloc[pos]
    village_index = pd.Index(vil["unit_id"])
    vil_commune = commune_index.get_indexer(vil["commune_code"])
    if (vil_commune < 0).any():
        log.warning("map: %d village(s) whose commune is not in the commune layer; shown under all districts only",
                    int((vil_commune < 0).sum()))
    vil_pts = vil.geometry.representative_point() if len(vil) else gpd.GeoSeries([], crs=status.crs)

    strings, dates = _Dictionary(), _Dictionary()
    per_tech: dict[str, dict] = {}
    techs = [t for t in Technology if status["technology"].eq(t.value).any()]
    for tech in techs:
        rows = status.loc[status["technology"].eq(tech.value), ["unit_id", "commune_code", "status", "status_date", "source", "note"]]
        if tech.level is Level.VILLAGE:
            pos, n = village_index.get_indexer(rows["unit_id"]), len(village_index)
        else:
            pos, n = commune_index.get_indexer(rows["commune_code"]), len(commune_index)
        keep = pos >= 0
        rows, pos = rows[keep], pos[keep]
        codes = np.full(n, ord(_MISSING), dtype=np.uint8)
        codes[pos] = 48 + pd.Index(STATUS_ORDER).get_indexer(rows["status"])
        date_idx = np.zeros(n, dtype=np.int64)
        date_idx[pos] = dates.codes(rows["status_date"].dt.strftime("%Y-%m-%d"))
        src = np.zeros(n, dtype=np.int64)
        src[pos] = strings.codes(rows["source"])
        note = np.zeros(n, dtype=np.int64)
        note[pos] = strings.codes(rows["note"])
        per_tech[tech.value] = {"s": codes.tobytes().decode("ascii"), "t": _small_ints(date_idx),
                                "src": _small_ints(src), "note": _small_ints(note)}

    data = {
        "v": 1,
        "lang": lang,
        "L": {k: label(k, lang) for k in LABELS["vi"] if k.startswith("map_") or k in _PAGE_LABELS},
        "title": title or f"{label('title', lang)} — {label('as_of', lang).lower()} {as_of}",
        "asOf": as_of,
        "illustrative": bool(illustrative),
        "simplified": _round_metres(tolerance),
        "basemap": basemap,
        "tiles": BASEMAP,
        "scale": scale,
        "maxRows": int(table_rows),
        "statuses": STATUS_ORDER,
        "colours": [STATUS_COLOURS[s] for s in STATUS_ORDER],
        "shapes": [STATUS_SHAPES[s] for s in STATUS_ORDER],
        "bins": [[lo, hi, c] for lo, hi, c in GAP_BINS],
        "techs": [{"key": t.value, "level": t.level.value} for t in techs],
        "districts": {
            "code": dist["district_code"].astype(str).tolist(),
            "name": dist["district_name"].astype(str).tolist(),
            "geom": _encode_geometries(d_geom, scale),
            "bbox": np.round(b[["minx", "miny", "maxx", "maxy"]].to_numpy(dtype=float) * scale).astype(np.int64).tolist(),
            "pt": _encode_points(d_geom.representative_point(), scale, fallback=b),
        },
        "units": {
            "geom": _encode_geometries(units.geometry, scale),
            "pt": _encode_points(unit_pts, scale),
            "n": members.astype(int).tolist(),
        },
        "communes": {
            "code": shown["code"].astype(str).tolist(),
            "name": shown["name"].astype(str).tolist(),
            "d": dist_index.get_indexer(shown["district_code"]).tolist(),
            "u": unit_index.get_indexer(shown["map_unit"]).tolist(),
            "pt": _encode_points(unit_pts.iloc[unit_index.get_indexer(shown["map_unit"])], scale),
        },
        "villages": {
            "id": vil["unit_id"].astype(str).tolist(),
            "name": vil["name"].astype("string").fillna("").tolist(),
            "c": vil_commune.tolist(),
            "pt": _encode_points(vil_pts, scale),
        },
        "dates": dates.values,
        "strings": strings.values,
        "status": per_tech,
    }
    log.info("map: %d districts, %d polygons for %d communes, %d villages, %d distinct texts",
             len(dist), len(units), len(shown), len(vil), len(strings.values))
    return data


def _simplified(shown: gpd.GeoDataFrame, districts: gpd.GeoDataFrame | None,
                simplify: bool | float | None) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame | None, float]:
    """The communes (and districts) to draw, simplified as ``simplify`` says (see :func:`gap_map`), and the tolerance in metres."""
    given = float(shown.attrs.get("simplify_tolerance_m") or 0.0)
    if simplify is False or (simplify is not None and simplify is not True and float(simplify) <= 0):
        return shown, districts, given
    if simplify is None:
        if given > 0:  # simplified by the caller already
            return shown, districts, given
        n = int(shapely.get_num_coordinates(shown.geometry.values[~shown["map_unit"].duplicated().to_numpy()]).sum())
        if n <= SIMPLIFY_ABOVE:
            return shown, districts, 0.0
        log.info("map: %d vertices in the commune outlines (> %d): simplifying them", n, SIMPLIFY_ABOVE)
    tolerance = None if simplify is None or simplify is True else float(simplify)
    out = simplify_coverage(shown, tolerance=tolerance)
    tol = float(out.attrs.get("simplify_tolerance_m") or 0.0)
    if districts is not None and tol > 0:
        codes = set(shown["district_code"].dropna().astype(str).unique().tolist())
        mine = districts[districts["code"].astype(str).isin(codes)]
        if float(mine.attrs.get("simplify_tolerance_m") or 0.0) <= 0:
            districts = simplify_coverage(mine, tolerance=tol)
    return out, districts, tol


def _round_metres(metres: float) -> int:
    """A tolerance for people to read: 0 (not simplified), else two significant figures (283.4 → 280)."""
    if not metres or metres <= 0:
        return 0
    digits = max(int(np.floor(np.log10(metres))) - 1, 0)
    return int(round(metres, -digits))


def _small_ints(values: np.ndarray) -> int | str | list[int]:
    """Indices sent compactly: 0 when all are 0, one character each (``chr(63 + v)``) when all are below 29, else a list.

    Characters 63..91 need no escaping in JSON or inside a <script> element.
    """
    if not values.any():
        return 0
    if values.min() >= 0 and values.max() < 29:
        return (values + 63).astype(np.uint8).tobytes().decode("ascii")
    return values.tolist()


class _Dictionary:
    """Strings stored once, rows refer to them by index; index 0 is the empty string (no value)."""

    def __init__(self) -> None:
        self.values: list[str] = [""]
        self._index: dict[str, int] = {"": 0}

    def codes(self, values: pd.Series) -> np.ndarray:
        codes, uniques = pd.factorize(values.astype("string").fillna(""))
        lookup = np.array([self._add(str(u)) for u in uniques] + [0], dtype=np.int64)
        return lookup[codes]  # factorize gives -1 for nothing left, which picks the trailing 0

    def _add(self, value: str) -> int:
        if value not in self._index:
            self._index[value] = len(self.values)
            self.values.append(value)
        return self._index[value]


def _in_wgs84(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    if gdf.crs is None or gdf.crs.to_epsg() == 4326:
        return gdf
    out = gdf.to_crs(4326)
    out.attrs.update(gdf.attrs)
    return out


def _district_outlines(shown: gpd.GeoDataFrame, districts: gpd.GeoDataFrame | None, index: pd.Index) -> gpd.GeoSeries:
    """District polygons in ``index`` order: the given layer, or the communes dissolved (one polygon per map unit)."""
    if districts is not None:
        d = _in_wgs84(districts)
        geom = d.drop_duplicates("code").set_index("code").geometry.reindex(index)
        if geom.notna().all():
            return gpd.GeoSeries(geom.values, crs=shown.crs)
        log.info("map: %d district(s) without an outline in the district layer; dissolved from communes",
                 int(geom.isna().sum()))
    else:
        geom = pd.Series([None] * len(index), index=index, dtype=object)
    units = shown.drop_duplicates("map_unit")
    dissolved = units[["district_code", "geometry"]].dissolve(by="district_code").geometry
    # Only outlines are drawn: slivers between communes that do not quite touch would show as holes, so keep shells.
    parts, owner = shapely.get_parts(dissolved.values, return_index=True)
    polygonal = shapely.get_type_id(parts) == 3
    shells = shapely.polygons(shapely.get_exterior_ring(parts[polygonal]))
    outlines = pd.Series(shapely.multipolygons(shells, indices=owner[polygonal]), index=dissolved.index[np.unique(owner[polygonal])])
    filled = geom.where(geom.notna(), outlines.reindex(index))
    return gpd.GeoSeries(filled.values, crs=shown.crs)


def _quantise(xy: np.ndarray, scale: int) -> np.ndarray:
    return np.round(xy * scale).astype(np.int64)


def _encode_points(points: gpd.GeoSeries, scale: int, fallback: pd.DataFrame | None = None) -> str:
    """All points in one polyline string (x, y deltas), in order; an empty point falls back to its bbox centre."""
    xy = np.column_stack([points.x.to_numpy(dtype=float), points.y.to_numpy(dtype=float)]) if len(points) \
        else np.zeros((0, 2))
    if fallback is not None:
        centre = np.column_stack([(fallback["minx"] + fallback["maxx"]) / 2, (fallback["miny"] + fallback["maxy"]) / 2])
        xy = np.where(np.isnan(xy), centre, xy)
    return _polyline(_quantise(xy, scale), np.array([len(xy)]))[0]


def _encode_geometries(geoms: gpd.GeoSeries, scale: int) -> list:
    """Each (multi)polygon as a list of polygons, each a list of ring strings; None for a missing geometry.

    Rings lose their closing vertex (Leaflet closes them) and vertices that quantise onto the previous one.
    """
    values = geoms.values
    out: list = [None if g is None else [] for g in values]
    present = ~shapely.is_missing(np.asarray(values)) & ~shapely.is_empty(np.asarray(values))
    if not present.any():
        return out
    where = np.flatnonzero(present)
    parts, part_geom = shapely.get_parts(np.asarray(values)[where], return_index=True)
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    coords, ring_id = shapely.get_coordinates(rings, return_index=True)
    q = _quantise(coords, scale)
    n_per_ring = np.bincount(ring_id, minlength=len(rings))
    last = np.cumsum(n_per_ring) - 1
    keep = np.ones(len(q), dtype=bool)
    keep[last[n_per_ring > 1]] = False  # closing vertex
    same = np.zeros(len(q), dtype=bool)
    same[1:] = (q[1:] == q[:-1]).all(axis=1) & (ring_id[1:] == ring_id[:-1])
    keep &= ~same
    q, ring_id = q[keep], ring_id[keep]
    lengths = np.bincount(ring_id, minlength=len(rings))
    part_rings: list[list[str]] = [[] for _ in range(len(parts))]
    for text, p in zip(_polyline(q, lengths), ring_part.tolist()):
        part_rings[p].append(text)
    for p, g in enumerate(part_geom.tolist()):
        out[where[g]].append(part_rings[p])
    return out


def _polyline(q: np.ndarray, lengths: np.ndarray) -> list[str]:
    """Encode runs of integer (x, y) pairs as polyline strings (Google's algorithm, x before y).

    Each run starts with absolute values, then deltas; every value is zig-zag encoded and written
    in 5-bit chunks, low bits first, as characters 63..126 (bit 0x20 = more chunks follow).
    Vectorised: one pass per 5-bit chunk over all values, then one slice per run.
    """
    if len(q) == 0:
        return [""] * len(lengths)
    d = q.astype(np.int64)
    d[1:] -= q[:-1]
    starts = (np.cumsum(lengths) - lengths)[lengths > 0]
    d[starts] = q[starts]
    v = d.ravel()
    z = (v << 1) ^ (v >> 63)
    nchunks = np.ones(len(z), dtype=np.int64)
    for bits in range(5, 64, 5):
        big = z >= (1 << bits)
        if not big.any():
            break
        nchunks += big
    first = np.cumsum(nchunks) - nchunks
    out = np.empty(int(nchunks.sum()), dtype=np.uint8)
    for k in range(int(nchunks.max())):  # chunk k of every value that has one; a few passes, not a loop per value
        idx = np.flatnonzero(nchunks > k) if k else np.arange(len(z))
        more = nchunks[idx] > k + 1
        out[first[idx] + k] = ((z[idx] >> (5 * k)) & 31) + 63 + 32 * more
    text = out.tobytes().decode("ascii")
    per_vertex = nchunks.reshape(-1, 2).sum(axis=1)
    offsets = np.concatenate([[0], np.cumsum(per_vertex)])[np.concatenate([[0], np.cumsum(lengths)])]
    return [text[a:b] for a, b in zip(offsets[:-1], offsets[1:])]

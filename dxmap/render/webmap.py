"""The gap map: one self-contained HTML page with a district filter, search, a counted legend and a table.

Rendering only: it takes the tables :func:`unit_status` made and never joins anything itself.

The page data is embedded once as compact JSON (columnar properties, coordinates quantised to
``10**-precision`` degrees and delta-encoded as polyline strings) and drawn by dxmap's own
JavaScript (``assets/map-*.js``) on top of the vendored Leaflet: polygons on a canvas,
markers on a canvas layer of their own, and the district filter, search, legend counts, table
and CSV export all driven from that one blob. Nothing is fetched from the network except the
optional basemap tiles, which start switched off. Pass ``m=`` to draw onto an existing
:class:`folium.Map`.
"""

from __future__ import annotations

import functools
import html
import json
import logging
import os
import uuid
from collections.abc import Sequence
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import Element, MacroElement

from dxmap._files import atomic_write
from dxmap._lookup import positions
from dxmap.errors import (ArgumentError, SchemaError, UnknownUnitError, UnsupportedFormatError, VersionMismatchError,
                          preview, said_error)
from dxmap.gaps.change import former_city_names
from dxmap.gaps.queries import shared_outline, village_people
from dxmap.gaps.status import counts_former_communes, one_picture, picture_date
from dxmap.labels import LABELS, Lang, date_text, label, log_said, number_text
from dxmap.io.boundaries import boundary_version
from dxmap.reconcile.former import layer_formers
from dxmap.reconcile.districts import (city_or_town, communes_words, filled_districts, former_city_name,
                                      former_district_provinces, former_districts, former_provinces,
                                      own_former_districts, resolve_communes, resolve_district,
                                      unplaced_in_former_district)
from dxmap.render._assets import dxmap_css, dxmap_js, inline_assets, safe_script
from dxmap.reconcile.versions import units_version
from dxmap.render.simplify import layer_tolerance, simplify_outlines
from dxmap.validate.dates import day_texts
from dxmap.validate.tables import check_lang, require_instance, require_path, require_table
from dxmap.validate.text import fold, strip_prefix
from dxmap.validate.vocab import STATUS_ORDER, Level, Status, Technology

__all__ = ["gap_map", "new_map", "save_map", "map_html", "notebook_html", "outlines_to_draw", "page_data", "STATUS_COLOURS",
           "STATUS_SHAPES", "GAP_BINS", "BASEMAP", "SIMPLIFY_ABOVE", "status_chars", "small_ints", "province_names",
           "district_place"]

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
    "shared_polygon", "legend", "all_districts", *(f"chg_tech_{t.value}" for t in Technology),
    "chg_fixed", "chg_stayed", "chg_new", "chg_first", "any", "former_commune", "rpt_former_commune",
    "rpt_former_commune_code", "col_data",
}
# gap_map simplifies the outlines it draws by default only above this many commune vertices (a province
# has some 10⁴–10⁵; the nation about 3·10⁶, where simplifying saves seconds in the browser and megabytes).
SIMPLIFY_ABOVE = 200_000
_MISSING = "-"  # status code of a unit without a row for a technology (not counted anywhere)
_NO_DISTRICT = "–"  # the name of a district no commune names: what the page's cards show for a missing district


def gap_map(
    status: gpd.GeoDataFrame,
    communes: gpd.GeoDataFrame,
    *,
    districts: gpd.GeoDataFrame | None = None,
    villages: pd.DataFrame | None = None,
    district: tuple[str, str] | str | None = None,
    province: tuple[str, str] | None = None,
    commune: Sequence[tuple[str, str]] | Sequence[str] | str | None = None,
    title: str | None = None,
    lang: Lang = "vi",
    illustrative: bool | str = False,
    note: str | None = None,
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
        drawn once with their summed counts). A 2025-07 layer without districts (``bundled_units_2025()``)
        is filtered by former district (huyện cũ), as a 2024 picture moved into those units is; a blank
        district name is the one the district's other communes give, else "–". Such a picture
        (:func:`~dxmap.reconcile.versions.crosswalk_status`, with ``old_commune_code``) also gives the page its
        former communes: search finds them by their old name or code, villages name theirs, a former district
        counts only the villages and former communes that were in it, and the CSV of a commune technology has
        one row per former commune. Records written for the 2025-07 units take them from the layer's
        ``old_codes`` and ``old_names`` instead, as names only: search finds them and a card lists them.
    districts
        District outlines; when None they are dissolved from the communes.
    villages
        The village layer. When it has a ``population`` column (matched on ``village_id``), the
        legend and the commune cards give the people living in the villages lacking a technology
        ("~19.700 người"), per district when one is chosen; villages without a number count as 0.
    district
        The district ``status`` was restricted to (:attr:`Analysis.district`, ``(code, name)``, or its code
        or name as the map lists it; with the 2025-07 units a former district). The page starts with it
        chosen in its filter and the default title names it. A map whose communes all lie in one district
        names that one without it.
    province
        The province ``status`` was restricted to (:attr:`Analysis.province`, ``(code, name)``; with the
        2025-07 units a former province, tỉnh cũ). The default title names it ("tỉnh cũ Yên Bái", after the
        district when there is one); a page of several provinces starts with it chosen.
    commune
        The communes ``status`` was restricted to (:attr:`Analysis.commune`, ``((code, name), …)``, or their codes
        or names as :func:`~dxmap.reconcile.districts.resolve_communes` reads them). The default title names them
        ("Xã Y Tý, Xã A Mú Sung", or "5 xã/phường: …" of more than three), and so does the legend over their counts;
        the page shows the communes of ``status``, opens on them and has no district menu. A commune ``status`` has
        no row of is refused.
    title
        Page title; default "Hạ tầng số còn thiếu — <district, else province>, số liệu đến ngày <date>"
        (English "Missing digital infrastructure — …, data as of <date>").
    lang
        ``"vi"`` (default) or ``"en"`` for every label, popup, the legend and the table.
    illustrative
        Adds a banner saying the data is illustrative: True for "DỮ LIỆU MINH HỌA — không phải số liệu thật",
        or the banner's own text, saying which part is made up when the rest is real
        (:func:`dxmap.pipeline.illustrative_note`).
    note
        A line under the title for what whoever opens the page must know about its figures, e.g. the records
        left out ("3 bản ghi không khớp đã bị bỏ qua"; ``dxmap map --allow-unmatched`` writes that one).
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
        Simplify the commune and district outlines for drawing (:func:`simplify_outlines`, ring
        by ring): ``True`` at the invisible tolerance of :func:`visible_tolerance` for the extent
        shown, a number for a tolerance in metres, ``False`` never. Default (None): only when the
        communes shown have more than :data:`SIMPLIFY_ABOVE` vertices (a province is drawn as it
        is, a region or the nation is simplified). Only the outlines drawn change: label points,
        district boxes and counts come from the polygons given. The page's legend states the
        tolerance ("Boundaries simplified to ~N m").

    Returns
    -------
    folium.Map
        ``m``, or the new map.
    """
    lang = check_lang(lang)
    require_table(status, "status", name="status", needs=("name", "status_date", "source", "note"), geo=True)
    require_table(communes, "communes", name="communes", needs=("map_unit",), geo=True)
    one_picture(status)
    _same_units(status, communes)
    if districts is not None:
        require_instance(districts, gpd.GeoDataFrame, name="districts", what="a district layer",
                         fix="Pass dxmap.bundled_districts() or dxmap.as_districts(layer), or leave districts out.")
    if villages is not None:
        require_instance(villages, pd.DataFrame, name="villages", what="a village layer",
                         fix="Pass the layer dxmap.as_villages() returns (demo: demo.villages), or leave villages out.")
    if m is not None:
        require_instance(m, folium.Map, name="m", what="a folium.Map",
                         fix="Pass a map to draw onto (folium.Map(), or one gap_map returned), or leave m out.")
    if simplify is not None and (not isinstance(simplify, (bool, int, float, np.number))
                                 or not (isinstance(simplify, bool) or 0 < simplify < np.inf)):
        raise ArgumentError(f"simplify={simplify!r}: give True, False, None (the default) or a tolerance in metres "
                            "above 0 (a number, e.g. simplify=50).")
    if not 0 <= precision <= 6:
        raise SchemaError(f"precision={precision!r}: give 0 to 6 decimals (5 keeps about 1 m).")
    data = _map_data(status, communes, districts=districts, villages=villages, district=district, province=province,
                     commune=commune, title=title,
                    lang=lang, illustrative=illustrative, page_note=note,
                    basemap=basemap if m is None else None, precision=precision, table_rows=table_rows,
                    simplify=simplify)
    if m is None:
        m = _bare_map()
    _GapLayer(data).add_to(m)
    # IPython looks _repr_html_ up on the instance: shown inline, the map is the page save_map writes,
    # not folium's notebook output, which loads Leaflet from a CDN and is blank offline.
    m._repr_html_ = functools.partial(notebook_html, m)
    return m


def _same_units(status: pd.DataFrame, communes: gpd.GeoDataFrame) -> None:
    """Refuse a picture drawn on the communes of the other version of the units (QA65 F24): codes were reused on
    1 July 2025, so a picture moved into the 2025-07 units (it has ``old_commune_code``) on the 2024 communes, or a
    picture of the 2024 communes on the 2025-07 ones, paints each row on another unit's polygon and loses the rest.
    The layer's version is its ``boundary_version`` label, else what its codes and names evidently are
    (:func:`~dxmap.reconcile.versions.units_version`); the 2024 picture's, what its communes evidently are."""
    layer = boundary_version(communes)
    if counts_former_communes(status):
        if (layer or units_version(communes)) == "2024":
            raise said_error(VersionMismatchError, "err_map_units_2024")
    elif layer == "2025-07" and units_version(status, "commune_code", "commune_name") == "2024":
        raise said_error(VersionMismatchError, "err_map_units_2025")


def new_map(*, lang: Lang = "vi", basemap: bool = False) -> folium.Map:
    """An empty folium map that needs only Leaflet (inlined by :func:`save_map`), with an optional basemap.

    The basemap (OpenStreetMap) is a layer that can be switched on and off; it is the only thing
    the saved page fetches from the network and starts switched off unless ``basemap`` is True.
    """
    lang = check_lang(lang)
    m = _bare_map()
    folium.TileLayer("OpenStreetMap", name=label("map_basemap_online", lang), overlay=True, control=True,
                     show=basemap).add_to(m)
    return m


def map_html(m: folium.Map, *, warn: bool = True) -> str:
    """The map as one self-contained HTML page: Leaflet's JavaScript and CSS inlined; ``warn``: say which assets a
    plain ``folium.Map`` still loads from the network (not for a notebook's view, shown online, beside save_map's).
    """
    root = m.get_root()
    # The page is put together around a stand-in for each gap layer's data (megabytes at national
    # scale), which goes in last: templates and asset inlining then only read the page around it.
    layers = _gap_layers(m)
    for layer in layers:
        layer.deferred = True
    try:
        page = inline_assets(root.render(), warn=warn)
    finally:
        for layer in layers:
            layer.deferred = False
    for layer in layers:
        before, found, after = page.partition(layer.slot)
        page = before + layer.payload + after if found else page
    return page


def notebook_html(m: folium.Map, *, height: int = 600, **kwargs: object) -> str:
    """The map for a notebook: an iframe whose ``srcdoc`` is :func:`map_html`'s self-contained page.

    Works offline (nothing is loaded from a CDN) and keeps the page's script and style apart from
    the notebook's. ``kwargs`` are what IPython may pass to ``_repr_html_``; they are not used.
    """
    return (f'<iframe srcdoc="{html.escape(map_html(m, warn=False), quote=True)}" title="{html.escape(_page_title(m))}" '
            f'style="width:100%;height:{int(height)}px;border:0" loading="lazy"></iframe>')


def page_data(m: folium.Map) -> dict | None:
    """The page data of the first gap layer drawn on ``m`` (see :func:`gap_map`), or None when there is none.

    It is the dict the page's script draws, embedded when the map is saved; :func:`change_layer` adds the
    change since an earlier date to it (``"change"``), so the same script draws both.
    """
    layers = _gap_layers(m)
    return layers[0].data if layers else None


def _page_title(m: folium.Map) -> str:
    layers = _gap_layers(m)
    return layers[0].title if layers else "map"


def save_map(m: folium.Map, path: str | os.PathLike[str]) -> Path:
    """Write the map as one self-contained HTML file, atomically (temporary file, then rename).

    Parameters
    ----------
    m
        The map :func:`gap_map` returned (or any :class:`folium.Map`).
    path
        An ``.html`` (or ``.htm``) file; its folder is made when missing.

    Returns
    -------
    pathlib.Path
        ``path``.
    """
    require_instance(m, folium.Map, name="m", what="a folium.Map",
                     fix="Pass the map dxmap.gap_map(status, communes) returns: save_map(m, path).")
    require_path(path, name="path", fix="Call save_map(m, path).")
    if Path(path).suffix.lower() not in (".html", ".htm"):
        raise UnsupportedFormatError(f"path={os.fspath(path)!r}: the map is an HTML page; give a file ending in "
                                     ".html (e.g. 'map.html'). An image of it: open the page and use its PNG button.")
    page = map_html(m)
    with atomic_write(path) as fh:
        fh.write(page)
    log_said(log, logging.INFO, "log_wrote_mb", path=path,
             mb=functools.partial(number_text, Path(path).stat().st_size / 1e6, decimals=2))
    return Path(path)


def _gap_layers(m: folium.Map) -> list[_GapLayer]:
    """The gap layers drawn on ``m``, in page order."""
    return [e for e in _elements(m.get_root()) if isinstance(e, _GapLayer)]


def _elements(element: Element) -> list[Element]:
    """``element`` and everything below it."""
    out = [element]
    for child in element._children.values():
        out += _elements(child)
    return out


def _bare_map() -> folium.Map:
    m = folium.Map(tiles=None, control_scale=False, prefer_canvas=True, zoom_snap=0.25)  # the page adds a metric one
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
        self.data = data  # change_layer adds the change since an earlier date to it ("change")
        self.slot = f"<!--dxmap data {uuid.uuid4().hex}-->"  # stands for the payload while map_html assembles the page
        self.deferred = False

    @property
    def payload(self) -> str:
        """The page data as JSON for a <script> element."""
        return _json_for_script(self.data)

    def render(self, **kwargs: object) -> None:
        figure = self.get_root()
        # Rendered after the map, so these follow Leaflet's script and style in the page head.
        figure.header.add_child(_Raw(f"<title>{html.escape(self.title)}</title>"), name="dxmap_title")
        # No favicon request: a file:// page would otherwise ask for one.
        figure.header.add_child(_Raw('<link rel="icon" href="data:,">'), name="dxmap_favicon")
        figure.header.add_child(_Raw(f"<style>{dxmap_css()}</style>"), name="dxmap_css")
        figure.header.add_child(_Raw(f"<script>{safe_script(dxmap_js())}</script>"), name="dxmap_js")
        data_id = f"{self.get_name()}_data"
        payload = self.slot if self.deferred else self.payload
        figure.html.add_child(_Raw(f'<script type="application/json" id="{data_id}">{payload}</script>'),
                              name=self.get_name())
        figure.script.add_child(_Raw(f'dxmap.render({self._parent.get_name()}, "{data_id}");'), name=self.get_name())


def _json_for_script(data: object) -> str:
    """Compact JSON that is safe inside a <script> element: no "<", ">" or "&" survives literally.

    Written value by value, so the characters are looked for in each value's JSON: most of the page
    data is ASCII (coordinates, codes), which Python searches a byte at a time, not as the wide text
    the names would make of the whole.
    """
    if isinstance(data, dict) and all(isinstance(k, str) for k in data):
        return "{" + ",".join(f"{_json_for_script(k)}:{_json_for_script(v)}" for k, v in data.items()) + "}"
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
    villages: pd.DataFrame | None = None,
    district: tuple[str, str] | str | None = None,
    province: tuple[str, str] | None = None,
    commune: Sequence[tuple[str, str]] | Sequence[str] | str | None = None,
    title: str | None = None,
    lang: Lang = "vi",
    illustrative: bool | str = False,
    page_note: str | None = None,
    basemap: bool | None = False,
    precision: int = 5,
    table_rows: int = 500,
    simplify: bool | float | None = None,
) -> dict:
    """The data the map page draws, as plain JSON-able structures (see :func:`gap_map`).

    Columnar: one list per property, indices instead of repeated strings, a status string per
    technology with one character per unit (its index in :data:`STATUS_ORDER`, ``-`` = no row),
    and coordinates as delta-encoded polyline strings at ``10**precision``; :func:`_json_for_script`
    writes the page's JSON.
    """
    scale = 10**precision
    status = _in_wgs84(status)
    communes = _in_wgs84(communes)
    as_of = picture_date(status) or ""
    shown = communes[positions(communes["code"], status["commune_code"].dropna().unique()) >= 0]
    if shown.empty:
        shown = communes
    shown = _with_districts(shown.reset_index(drop=True))
    drawn, drawn_districts, tolerance = outlines_to_draw(shown, districts, simplify)

    # districts, in the order people read them
    full = ["district_full_name"] if "district_full_name" in shown.columns and lang == "vi" else []
    dist = shown[["district_code", "district_name", *full]].drop_duplicates("district_code")
    if district is not None and "former_district_codes" in shown.columns:
        # the former district asked for, though no commune shown is filed under it (Xã Bảo Hà, filed under Bảo
        # Yên, of `--commune "bao ha" --district "van ban"`): listed, so that the page opens on it
        spanned = former_districts(shown).drop_duplicates("district_code")
        asked = _chosen_district(district, spanned)
        dist = pd.concat([dist, spanned.iloc[[asked]][dist.columns]]).drop_duplicates("district_code")
    dist = dist.iloc[np.argsort(dist["district_name"].map(fold).to_numpy(), kind="stable")]
    dist_index = pd.Index(dist["district_code"])
    chosen = _chosen_district(district, dist)
    picked = _chosen_communes(commune, shown)
    place = dist["district_name"].iloc[chosen] if chosen is not None else None
    d_geom = _district_outlines(drawn, drawn_districts, dist_index)
    extra = _former_districts(shown, dist_index)
    provinces = _provinces(shown, dist["district_code"])
    bounds, owner = shown.geometry.bounds, shown["district_code"].to_numpy()
    more = [(i, dist_index[d]) for i, ds in enumerate(extra or []) for d in ds]
    if more:  # a commune spanning several former districts (2025 units) widens the box of each of them
        bounds = pd.concat([bounds, bounds.iloc[[i for i, _ in more]]])
        owner = np.concatenate([owner, np.array([c for _, c in more], dtype=object)])
    b = bounds.groupby(owner).agg(
        {"minx": "min", "miny": "min", "maxx": "max", "maxy": "max"}).reindex(dist_index)
    # What has no shape of its own (an empty polygon, a village without a location) is placed in the box
    # of what holds it: its district's, else the whole layer's. It is still listed, searched and counted.
    box = b[["minx", "miny", "maxx", "maxy"]].to_numpy(dtype=float)
    box = np.where(np.isnan(box), shown.total_bounds, box)
    d_centre = (box[:, :2] + box[:, 2:]) / 2

    # map units: communes sharing one polygon are drawn once
    units = shown.drop_duplicates("map_unit")
    unit_xy = _xy(units.geometry.representative_point().values,
                  fallback=d_centre[positions(units["district_code"], dist["district_code"])])
    unit_of = positions(shown["map_unit"], units["map_unit"])

    # villages: every village in the status table (also the covered ones: search finds them), in the
    # order of their first row; unit ids as integer codes, so rows are placed without text lookups
    uid, uids = pd.factorize(status["unit_id"], use_na_sentinel=False)
    pos = np.flatnonzero(status["level"].eq(Level.VILLAGE.value).to_numpy(dtype=bool, na_value=False))
    pos = pos[~pd.Series(uid[pos]).duplicated().to_numpy()]  # the first row of each village
    village_of = np.full(len(uids), -1, dtype=np.int64)
    village_of[uid[pos]] = np.arange(len(pos))
    vil = status[["level", "unit_id", "name", "commune_code", status.geometry.name]].iloc[pos]
    pos_villages = pos
    vil_commune = positions(vil["commune_code"], shown["code"])
    if (vil_commune < 0).any():
        districts = len(dist) > 1 or dist["district_code"].fillna("").astype(str).ne("").any()  # a district list
        log_said(log, logging.WARNING, "log_map_orphans" if districts else "log_map_orphans_page",
                 n=int((vil_commune < 0).sum()))
    vil_geom = np.asarray(vil.geometry.values)
    unplaced = np.flatnonzero(shapely.is_missing(vil_geom) | shapely.is_empty(vil_geom))  # listed, not drawn
    vil_xy = _xy(_representative_points(vil.geometry).values,
                 fallback=np.where(vil_commune[:, None] >= 0, unit_xy[unit_of][vil_commune], d_centre.mean(axis=0)))
    # 2025 units from 2024 rows: the former communes the rows name, each counted in its own former district
    formers, row_former, row_place = (_former_communes(status, shown, dist_index) if extra is not None
                                      else (None, None, None))
    # rows of the 2025-07 units themselves: the former communes by name only (search, cards), never counted; a
    # village whose row names its former commune ("Xã cũ") is in it, and in its former district (QA66 F1, F3)
    former_names = _former_names(shown, dist_index) if extra is not None and formers is None else None
    vil_place = (_village_places(status.iloc[pos_villages], shown, vil_commune) if former_names is not None
                 else None)
    # a page of one former district: a village of a commune it shares with another, its row naming no former commune
    # placing it, is filed under this one, as the analysis files it (QA68 N1); elsewhere it is in each of them
    filed = (np.flatnonzero(unplaced_in_former_district(status.iloc[pos_villages], dist_index[chosen], shown))
             if vil_place is not None and chosen is not None else [])

    # Each column is coded once for the whole table; a technology's rows then only pick codes.
    strings, dates = _Dictionary(), _Dictionary()
    status_of, statuses = pd.factorize(status["status"])
    status_code = np.append(status_chars(statuses), ord(_MISSING))  # the last: rows of none of them
    date_of, days = pd.factorize(status["status_date"])
    day_text = day_texts(pd.Series(days), column="status_date",  # text dates: a table read back from CSV
                         fix="Write each as YYYY-MM-DD or dd/mm/yyyy (day first), e.g. 2024-06-30, and leave it "
                             "empty where a unit has no record; or make the table again with unit_status().")
    source_of, sources = pd.factorize(status["source"].astype("string"))
    note_of, notes = pd.factorize(status["note"].astype("string"))
    per_tech: dict[str, dict] = {}
    tech_of, tech_names = pd.factorize(status["technology"])
    techs = [t for t in Technology if (tech_names == t.value).any()]
    for tech in techs:
        rows = np.flatnonzero(tech_of == np.flatnonzero(tech_names == tech.value)[0])
        if tech.level is Level.VILLAGE:
            pos, n = village_of[uid[rows]], len(vil)
        else:
            pos, n = positions(status["commune_code"].iloc[rows], shown["code"]), len(shown)
        rows, pos = rows[pos >= 0], pos[pos >= 0]
        codes = np.full(n, ord(_MISSING), dtype=np.uint8)
        codes[pos] = status_code[status_of[rows]]
        date_idx = np.zeros(n, dtype=np.int64)
        date_idx[pos] = dates.codes(date_of[rows], day_text)
        src = np.zeros(n, dtype=np.int64)
        src[pos] = strings.codes(source_of[rows], sources)
        note = np.zeros(n, dtype=np.int64)
        note[pos] = strings.codes(note_of[rows], notes)
        former = {}
        if tech.level is not Level.VILLAGE and len(pos) > len(np.unique(pos)):
            # Several rows per commune: one per former commune merged into it (crosswalk_status). Counted, not guessed.
            former = _former_counts(status.iloc[rows], pos, n, strings)
            codes = np.where(former.pop("merged"), 48 + former.pop("code"), codes).astype(np.uint8)
            if formers is not None:  # each former commune's own row: counted in its former district, a CSV row
                at = rows[row_former[rows] >= 0]
                former["f"] = _per_former(row_former[at], len(formers["code"]), status_code[status_of[at]],
                                          dates.codes(date_of[at], day_text), strings.codes(source_of[at], sources),
                                          strings.codes(note_of[at], notes))
        per_tech[tech.value] = {"s": codes.tobytes().decode("ascii"), "t": small_ints(date_idx),
                                "src": small_ints(src), "note": small_ints(note), **former}

    data = {
        "v": 1,
        "lang": lang,
        "L": {k: label(k, lang) for k in LABELS["vi"] if k.startswith("map_") or k in _PAGE_LABELS}
        | ({"illustrative": illustrative} if isinstance(illustrative, str) and illustrative else {}),
        "title": title or _default_title(shown, as_of, lang, former=extra is not None, province=province,
                                         place=place, commune=picked),
        # cut to a few communes: the legend names them, as the title does, and the page has no district to choose
        **({"communesPlace": _communes_place(shown, lang, picked, place=place, former=extra is not None,
                                             province=province)} if picked else {}),
        "titleDate": "" if title else _date_phrase(as_of, lang),
        "asOf": as_of,
        "illustrative": bool(illustrative),
        "pageNote": str(page_note) if page_note else "",
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
        **({"formerDistricts": True} if extra is not None else {}),
        **({"formers": formers} if formers is not None else {}),
        **({"formerNames": former_names} if former_names is not None else {}),
        **({"district": dist["district_code"].iloc[chosen]} if chosen is not None else {}),  # chosen when the page opens
        **({"province": str(province[0])} if province and provinces else {}),  # (a district, if any, first)
        "districts": {
            "code": dist["district_code"].tolist(),
            "name": dist["district_name"].tolist(),
            # "Thị xã Sa Pa", "Thành phố Lào Cai": the unit word the page would otherwise guess as "Huyện"
            **({"full": dist["district_full_name"].astype("string").fillna("").tolist()} if full else {}),
            "geom": _encode_geometries(d_geom, scale),
            "bbox": _quantise(box, scale).tolist(),
            "pt": _encode_points(_xy(d_geom.representative_point().values, fallback=d_centre), scale),
            **({"p": provinces.pop("of")} if provinces else {}),  # each district's province (index; -1: none)
            # a former city or town as the tables name it, "Lào Cai (thành phố cũ)" (QA66 F9): in the page's menu,
            # table, CSV (and, without its full name, its cards)
            **({"label": named} if extra is not None and (named := _district_labels(dist, shown, lang)) else {}),
        },
        # two or more provinces (former ones on 2025-07 pages): the filter chooses one of them too
        **({"provinces": provinces} if provinces else {}),
        "units": {
            "geom": _encode_geometries(drawn.geometry.loc[units.index], scale),
            "pt": _encode_points(unit_xy, scale),
            "n": np.bincount(unit_of, minlength=len(units)).tolist(),  # communes per polygon
        },
        "communes": {
            "code": shown["code"].astype("string").fillna("").tolist(),
            "name": shown["name"].astype("string").fillna("").tolist(),  # no name: empty, as a village's
            "d": positions(shown["district_code"], dist["district_code"]).tolist(),
            "u": unit_of.tolist(),
            "pt": _encode_points(unit_xy[unit_of], scale),
            **_approximate(shown, strings, lang),
            **_unit_types(shown, strings, lang),
            **({"dx": extra} if extra is not None else {}),
        },
        "villages": {
            "id": vil["unit_id"].astype("string").fillna("").tolist(),
            "name": vil["name"].astype("string").fillna("").tolist(),
            "c": vil_commune.tolist(),
            **({"f": small_ints(row_place[pos_villages])} if formers is not None else {}),  # its former commune
            **({"f": small_ints(vil_place)} if vil_place is not None else {}),
            **({"filed": filed.tolist()} if len(filed) else {}),  # in the page's district (D.district) alone
            "pt": _encode_points(vil_xy, scale),
            **({"np": unplaced.tolist()} if len(unplaced) else {}),  # without a location: no marker
            **_population(vil, villages),
        },
        "dates": dates.values,
        "strings": strings.values,
        "status": per_tech,
    }
    drawn = int((units.geometry.geom_type.isin(["Polygon", "MultiPolygon"]) & ~units.geometry.is_empty).sum())
    log_said(log, logging.INFO, "log_map_counts_former" if extra is not None else "log_map_counts", n=len(dist),
             polygons=drawn, communes=len(shown), villages=len(vil))  # 2025-07 units: former districts (QA64 F13)
    return data


def _chosen_district(district: tuple[str, str] | str | None, dist: pd.DataFrame) -> int | None:
    """The row of ``dist`` (the page's districts: ``district_code``, ``district_name``) that ``district`` names
    (see :func:`gap_map`): a ``(code, name)`` pair by its code, text as :func:`resolve_district` reads it (a
    name with or without diacritics, or a code); None for None.

    Raises
    ------
    SchemaError
        ``district`` is none of the map's districts.
    """
    if district is None:
        return None
    codes = dist["district_code"].astype(str).tolist()
    try:  # the filter's own lookup: "bat xat", "Huyện Bát Xát", "82"
        code = str(district[0]) if isinstance(district, tuple) else resolve_district(str(district), dist)[0]
    except UnknownUnitError:
        code = None
    if code in codes:
        return codes.index(code)
    listed = [f"{n} ({c})" for c, n in zip(codes, dist["district_name"])]
    raise SchemaError(f"district={district!r} is none of the map's {len(listed)} district(s): {preview(listed)}. "
                      "Pass the district the status was restricted to (Analysis.district), or leave district out.")


def _chosen_communes(commune: Sequence[tuple[str, str]] | Sequence[str] | str | None,
                     shown: pd.DataFrame) -> tuple[tuple[str, str], ...] | None:
    """``(code, name)`` of the communes ``commune`` names (see :func:`gap_map`), each one of the map's communes.

    Raises
    ------
    SchemaError
        A commune the map does not show (``status`` has no row of it).
    """
    if commune is None:
        return None
    items = [commune] if isinstance(commune, str) else list(commune)
    if all(isinstance(c, tuple) and len(c) == 2 for c in items) and items:
        pairs = tuple((str(c), str(n)) for c, n in items)
    else:
        pairs = resolve_communes([str(c) for c in items], shown)
    missing = [f"{n} ({c})" for c, n in pairs if c not in set(shown["code"].astype(str))]
    if missing:
        raise SchemaError(f"commune={commune!r}: {preview(missing)} {'is' if len(missing) == 1 else 'are'} none of "
                          "the map's communes. Pass the communes the status was restricted to (Analysis.commune), "
                          "or leave commune out.")
    return pairs


def _with_districts(communes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """``communes`` with a district code and name on every row, as the page files, filters and names them.

    :func:`filled_districts` first (a 2025-07 layer without districts is filed under its former districts,
    as the map of a 2024 picture moved into those units is); then a code still missing is "" (one group:
    the communes without a district) and a name still missing is :data:`_NO_DISTRICT`. Filled explicitly:
    pandas 3's ``astype(str)`` leaves a missing value NaN, which the page's JSON cannot hold.
    """
    communes = filled_districts(communes)
    names = communes["district_name"].astype("string")
    names = names.where(names.str.strip().fillna("").ne(""), _NO_DISTRICT)
    return communes.assign(district_code=communes["district_code"].astype("string").fillna("").to_numpy(dtype=object),
                           district_name=names.to_numpy(dtype=object))


def _former_districts(communes: gpd.GeoDataFrame, districts: pd.Index) -> list[list[int]] | None:
    """Per commune, the indices in ``districts`` of the former districts it also spans besides its own
    ``district_code`` (2025 units: the layer's comma-separated ``former_district_codes``); None for a layer
    without that column (units that still have districts)."""
    if "former_district_codes" not in communes.columns:
        return None
    out = []
    for own, codes in zip(communes["district_code"].astype("string").fillna(""),
                          communes["former_district_codes"].astype("string").fillna("")):
        others = [c.strip() for c in str(codes).split(",") if c.strip() and c.strip() != own]
        out.append([int(i) for i in districts.get_indexer(list(dict.fromkeys(others))) if i >= 0])
    return out


def _provinces(communes: gpd.GeoDataFrame, districts: pd.Series) -> dict | None:
    """The provinces of the page's districts, when there are two or more: ``{"code", "name", "former", "of"}``,
    provinces by name, ``of`` the index of each of ``districts``' province (-1: none known); None otherwise.

    The 2024 layers give each commune its ``province_code`` and ``province_name``. A 2025-07 layer is filed
    under former districts (:func:`_with_districts`): their former provinces (``former`` True) are
    :func:`~dxmap.reconcile.districts.former_district_provinces`, named as the shipped crosswalk names them (the new Lào Cai took Yên Bái's code 15, so the layer's own name would be wrong).
    """
    codes = districts.astype(str).tolist()
    former = "former_province_codes" in communes.columns
    known = _district_owners(communes)
    if known is None:
        return None
    owner, names = known
    found = sorted({owner[d] for d in codes if d in owner}, key=lambda c: (fold(names.get(c, c)), c))
    if len(found) < 2:
        return None
    return {"code": found, "name": [names.get(c, c) for c in found], **({"former": True} if former else {}),
            "of": [found.index(owner[d]) if d in owner else -1 for d in codes]}


def _district_owners(communes: gpd.GeoDataFrame) -> tuple[dict[str, str], dict[str, str]] | None:
    """District code → province code, and province code → name (former ones on a 2025-07 layer, see
    :func:`_provinces`); None for a layer that names no province."""
    if "former_province_codes" in communes.columns:
        names = dict(former_provinces(communes)[["province_code", "province_name"]].itertuples(index=False))
        return former_district_provinces(communes), names
    if {"province_code", "province_name"} <= set(communes.columns):
        rows = communes.dropna(subset=["province_code"]).drop_duplicates("district_code")
        owner = dict(zip(rows["district_code"].astype(str), rows["province_code"].astype(str)))
        names = {str(c): strip_prefix(str(n)) for c, n in zip(communes["province_code"], communes["province_name"])
                 if pd.notna(c) and pd.notna(n)}
        return owner, names
    return None


def _district_labels(districts: pd.DataFrame, communes: gpd.GeoDataFrame, lang: Lang) -> list[str] | None:
    """The names of a 2025-07 page's former ``districts`` (``district_code``, ``district_name``) as the tables write
    them (:func:`~dxmap.gaps.change.former_city_names`: "Lào Cai (thành phố cũ)", "Lào Cai (former city)", "Sa Pa
    (thị xã cũ)"); None when each is its name."""
    names = former_city_names(districts["district_code"].astype(str), districts["district_name"], communes, lang)
    return None if names.tolist() == districts["district_name"].tolist() else [str(n) for n in names]


def _approximate(communes: gpd.GeoDataFrame, strings: "_Dictionary", lang: Lang) -> dict:
    """``{"approx": [...]}``: per commune the string index of why its outline is approximate (0: it is not), from
    the layer's ``approximate`` column (derived 2025 units), in the page's words by ``approximate_kind`` (the
    units sharing its outline named), else its ``approximate_reason``; ``{}`` when no outline is approximate."""
    if "approximate" not in communes.columns:
        return {}
    flagged = communes["approximate"].fillna(False).astype(bool).to_numpy()
    if not flagged.any():
        return {}
    if "approximate_kind" in communes.columns and "map_unit" in communes.columns:
        sharing = shared_outline(communes, code="code", name="name")
        reasons = pd.Series([_approximate_words(kind, others, lang) if f else ""
                             for f, kind, others in zip(flagged, communes["approximate_kind"].fillna(""), sharing)],
                            index=communes.index, dtype="string")
    else:
        reasons = communes.get("approximate_reason", pd.Series("", index=communes.index)).astype("string").fillna("")
    reason_of, texts = pd.factorize(reasons.replace("", "~"))
    return {"approx": strings.codes(np.where(flagged, reason_of, -1), texts).tolist()}


def _unit_types(communes: gpd.GeoDataFrame, strings: "_Dictionary", lang: Lang) -> dict:
    """``{"ty": [...]}``: per commune the string index of its unit type from the layer's ``unit_type`` ("Xã",
    "Phường", "Thị trấn"; 0: none), for the cards of a Vietnamese page; ``{}`` without the column or in English."""
    if lang != "vi" or "unit_type" not in communes.columns:
        return {}
    type_of, types = pd.factorize(communes["unit_type"].astype("string").str.strip().replace("", pd.NA))
    return {"ty": small_ints(strings.codes(type_of, types))} if len(types) else {}


def _former_counts(rows: pd.DataFrame, pos: np.ndarray, n: int, strings: "_Dictionary") -> dict:
    """Per commune, the rows of a commune-level technology counted as former communes: ``k`` (status none) of
    ``n`` (rows), ``gap`` (the string index of the names of the ``k``, sorted), ``by`` (per status, how many
    of the ``n`` have it) for the page, plus ``merged``
    (communes with more than one row) and ``code`` (an index into STATUS_ORDER for the marker and the counts:
    none when k > 0, unknown when every row is, else the worst known status) for :func:`_map_data`.

    Parameters
    ----------
    rows
        The status rows of one technology that found a commune; ``old_commune_name`` names a former commune
        (else ``name``).
    pos
        The position of each row's commune among the communes shown.
    n
        How many communes are shown.
    strings
        The page's string dictionary (names are stored in it).
    """
    order = pd.Index(STATUS_ORDER).get_indexer(rows["status"].astype(object))
    none_at, unknown_at = STATUS_ORDER.index(Status.NONE.value), STATUS_ORDER.index(Status.UNKNOWN.value)
    total = np.bincount(pos, minlength=n)
    k = np.bincount(pos, weights=order == none_at, minlength=n).astype(np.int64)
    known = (order >= 0) & (order != unknown_at)
    worst = np.full(n, len(STATUS_ORDER), dtype=np.int64)
    np.minimum.at(worst, pos[known], order[known])
    code = np.where(k > 0, none_at, np.where(worst < len(STATUS_ORDER), worst, unknown_at))
    code = np.where(total > 0, code, -1)
    names = rows["old_commune_name"] if "old_commune_name" in rows.columns else rows["name"]
    names = names.astype("string").fillna(rows["unit_id"].astype("string")).fillna("?")
    gap = np.zeros(n, dtype=np.int64)
    lists = pd.Series(names.to_numpy()[order == none_at]).groupby(pos[order == none_at]).agg(
        lambda x: ", ".join(sorted(x, key=fold)))
    gap[lists.index.to_numpy(dtype=np.int64)] = strings.codes(np.arange(len(lists)), lists.to_numpy())
    # former communes per status, so the legend counts them as summary.json does (29 of 320, not 24 communes)
    by = {s: small_ints(np.bincount(pos[order == i], minlength=n)) for i, s in enumerate(STATUS_ORDER)}
    return {"k": small_ints(k), "n": small_ints(total), "gap": small_ints(gap), "by": by, "merged": total > 1,
            "code": code}


def _former_communes(status: pd.DataFrame, shown: pd.DataFrame,
                     districts: pd.Index) -> tuple[dict | None, np.ndarray, np.ndarray]:
    """The former communes the rows of a 2024 picture shown in the 2025-07 units name (``old_commune_code``, as
    :func:`~dxmap.reconcile.versions.crosswalk_status` writes it), one per former commune and unit it went into.

    Returns
    -------
    tuple
        The page's ``formers``, commune by commune (in the order of ``shown``), by code within one:
        ``{"code", "name", "n": how many each commune of ``shown`` has, "d": the index in ``districts`` of each
        one's own former district (its row's ``district_code``; its commune's when not listed)}``, or None when
        no row names one; per row of ``status``, the index of its former commune (-1: none) and its place among
        its commune's former communes, from 1 (0: none), which is what a village carries (one character).
    """
    none = np.full(len(status), -1, dtype=np.int64)
    if "old_commune_code" not in status.columns:
        return None, none, none + 1
    commune = positions(status["commune_code"], shown["code"])
    code = status["old_commune_code"].astype("string").str.strip().fillna("")
    at = np.flatnonzero(code.ne("").to_numpy(dtype=bool) & (commune >= 0))
    if not len(at):
        return None, none, none + 1
    pairs = pd.DataFrame({"c": commune[at], "code": code.iloc[at].to_numpy()})
    index = pairs.groupby(["c", "code"]).ngroup().to_numpy()  # numbered in (commune, code) order
    first = at[np.unique(index, return_index=True)[1]]  # the first row of each former commune
    rows = status.iloc[first]
    per_commune = np.bincount(commune[first], minlength=len(shown))
    own = positions(rows["district_code"], districts)
    theirs = positions(shown["district_code"].iloc[commune[first]], districts)
    former, place = none.copy(), none + 1
    former[at] = index
    place[at] = index - (np.cumsum(per_commune) - per_commune)[commune[at]] + 1
    names = rows.get("old_commune_name", pd.Series(pd.NA, index=rows.index)).astype("string")
    return {"code": code.iloc[first].tolist(), "name": names.fillna(code.iloc[first]).tolist(),
            "n": small_ints(per_commune), "d": small_ints(np.where(own >= 0, own, theirs))}, former, place


def _former_names(shown: pd.DataFrame, districts: pd.Index) -> dict | None:
    """The former communes of a 2025-07 layer's units (its ``old_codes``, ``old_names``), for a page whose rows do
    not name them (records written for the 2025-07 units, whose status is per new unit): names only, so search
    finds "A Lù" and a card says what its commune is made of; no row, count or CSV line is made of them. A village
    whose row names its former commune is placed in it (:func:`_village_places`), and counts in its former district.

    Returns
    -------
    dict or None
        The page's ``formerNames``, shaped as its ``formers``: ``{"code", "name", "n", "d"}``, commune by commune
        (in the order of ``shown``), by code within one, a name without its unit word ("A Lù"), ``d`` the index in
        ``districts`` of each one's own former district (-1: not known,
        :func:`~dxmap.reconcile.districts.former_commune_districts`); None for a layer without those columns or
        with none listed.
    """
    olds = layer_formers(shown)
    if olds.empty:
        return None
    olds = olds.sort_values(["pos", "old_code"], kind="stable")
    codes, names = olds["old_code"].tolist(), olds["old_name"].tolist()
    per_commune = np.bincount(olds["pos"].to_numpy(dtype=np.int64), minlength=len(shown))
    own = own_former_districts(pd.DataFrame({"commune_code": olds["code"].to_numpy(),
                                             "former_commune_code": olds["old_code"].to_numpy()}), shown)
    return {"code": codes, "name": names, "n": small_ints(per_commune),
            "d": small_ints(districts.get_indexer(own["district_code"].astype(object).to_numpy()))}


def _village_places(rows: pd.DataFrame, shown: pd.DataFrame, commune: np.ndarray) -> np.ndarray | None:
    """Per village row of records written for the 2025-07 units (``former_commune_code``: the "Xã cũ" its row
    names), its place among its commune's former communes in :func:`_former_names`' order, from 1 (0: none); None
    when no village names one."""
    if "former_commune_code" not in rows.columns:
        return None
    code = rows["former_commune_code"].astype("string").str.strip().fillna("").to_numpy(dtype=object)
    if not (code != "").any():
        return None
    olds = layer_formers(shown).sort_values(["pos", "old_code"], kind="stable")
    place = olds.groupby("pos").cumcount() + 1
    of = dict(zip(zip(olds["pos"].to_numpy(dtype=np.int64), olds["old_code"].astype(str)), place.to_numpy()))
    return np.array([of.get((int(c), str(k)), 0) for c, k in zip(commune, code)], dtype=np.int64)


def _per_former(former: np.ndarray, n: int, codes: np.ndarray, dates: np.ndarray, sources: np.ndarray,
                notes: np.ndarray) -> dict:
    """A commune technology's rows per former commune (``former``: each row's index among the ``n`` of
    :func:`_former_communes`): its status code, date, source and note indices, as a technology's own."""
    out = {"s": np.full(n, ord(_MISSING), dtype=np.uint8), "t": np.zeros(n, dtype=np.int64),
           "src": np.zeros(n, dtype=np.int64), "note": np.zeros(n, dtype=np.int64)}
    for key, values in zip(out, (codes, dates, sources, notes)):
        out[key][former] = values
    return {"s": out.pop("s").tobytes().decode("ascii"), **{k: small_ints(v) for k, v in out.items()}}


def _population(rows: pd.DataFrame, villages: pd.DataFrame | None) -> dict:
    """``{"pop": [...]}``: the people of each village row (whole numbers, None when unknown,
    :func:`village_people`); ``{}`` when the village layer has no ``population`` column."""
    people = village_people(rows, villages)
    if people is None:
        return {}
    return {"pop": [None if np.isnan(v) else int(v) for v in people.round().to_numpy().tolist()]}


def _date_phrase(as_of: str, lang: Lang) -> str:
    """ "số liệu đến ngày 30/6/2024" / "data as of 2024-06-30"; "" without a date."""
    return f"{label('as_of', lang).lower()} {date_text(as_of, lang)}" if as_of else ""


def province_names(communes: gpd.GeoDataFrame) -> list[str]:
    """The provinces of a layer's ``province_name``, in order, without their unit word: the 2024 layer's
    "Lào Cai" and the 2025-07 layer's "Tỉnh Lào Cai" (as the official list writes it) are one "Lào Cai"."""
    if "province_name" not in communes.columns:
        return []
    names = (strip_prefix(str(n)) for n in pd.unique(communes["province_name"].dropna()))
    return list(dict.fromkeys(n for n in names if n.strip()))


def district_place(name: str, lang: Lang, *, former: bool = False, communes: pd.DataFrame | None = None) -> str:
    """A district as a title names it: in Vietnamese its full name in ``communes``, as the page's legend and cards
    do ("Huyện Bát Xát", "Thị xã Sa Pa": a town Bát Xát is in the district, QA39 L7), else its name as the layer
    gives it (its kind unknown: "Sa Pa" is no huyện); a district named as the province of ``communes`` (the city of
    Yên Bái in Yên Bái) by its full name in any language, so that its title is not the province's; "huyện cũ Bát
    Xát" for a former district of the 2025-07 units, a former city or town as the page's tables name it, "Yên Bái
    (thành phố cũ)", "Yên Bái (former city)" (:func:`~dxmap.reconcile.districts.former_city_name`)."""
    if former:  # "huyện cũ Bát Xát", "Yên Bái (thành phố cũ)"
        full = None
        if communes is not None and "former_district_names" in communes.columns:
            named = former_districts(communes)
            full = next(iter(named.loc[named["district_name"].eq(name), "district_full_name"]), None)
        if city_or_town(name, full):
            return str(former_city_name(name, full, lang))
        return f"{label('map_former_district_filter', lang).lower()} {name}"
    if communes is not None and "district_full_name" in communes.columns:
        full = communes.loc[communes["district_name"].eq(name), "district_full_name"].dropna()
        provincial = fold(strip_prefix(name)) in {fold(p) for p in province_names(communes)}
        if len(full) and (lang == "vi" or provincial):
            return str(full.iloc[0])
    return name


def _default_title(communes: gpd.GeoDataFrame, as_of: str, lang: Lang, *, place: str | None = None,
                   former: bool = False, province: tuple[str, str] | None = None,
                   commune: tuple[tuple[str, str], ...] | None = None) -> str:
    """ "Hạ tầng số còn thiếu — Lào Cai, số liệu đến ngày 30/6/2024": ``place`` (a district's name, as the
    report's title gives it), else the one district of the communes shown; then ``province`` ("tỉnh cũ Yên
    Bái" when ``former``), else, without a district, their province(s) (their ``province_name``, when the
    layer has one); and the date, as the page's language writes it. ``commune``: the communes the picture is cut
    to, named first ("Xã Y Tý, Xã A Mú Sung"), before the district or province that was asked for with them."""
    names = []
    if commune:
        chosen = _communes_place(communes, lang, commune, place=place, former=former, province=province)
        return f"{label('title', lang)} — " + ", ".join(p for p in (chosen, _date_phrase(as_of, lang)) if p)
    if place is None:
        districts = communes["district_name"].drop_duplicates()
        if len(districts) == 1 and districts.iloc[0] != _NO_DISTRICT:
            place = str(districts.iloc[0])
    if place is not None:
        names = [district_place(place, lang, former=former, communes=communes)]
    if province is not None:
        names = [", ".join(names + [label("sum_former_province" if former else "sum_province", lang, name=province[1])])]
    elif place is None:
        names = province_names(communes)
    where = " + ".join(names[:3]) + (" …" if len(names) > 3 else "")
    tail = ", ".join(part for part in (where, _date_phrase(as_of, lang)) if part)
    return f"{label('title', lang)} — {tail}" if tail else label("title", lang)


def _communes_place(communes: gpd.GeoDataFrame, lang: Lang, commune: tuple[tuple[str, str], ...], *,
                    place: str | None = None, former: bool = False, province: tuple[str, str] | None = None) -> str:
    """The place of a picture cut to ``commune`` as its title names it: the communes ("Xã Y Tý, Xã A Mú Sung"; "5
    xã/phường: …" of more than three), then the district (``place``) or province asked for with them. The page's
    legend heads its counts with it too: they are the communes', never their district's."""
    chosen = communes_words(commune, communes, lang)
    if place is not None:
        chosen += ", " + district_place(place, lang, former=former, communes=communes)
    if province is not None:
        chosen += ", " + label("sum_former_province" if former else "sum_province", lang, name=province[1])
    return chosen


def _approximate_words(kinds: str, others: str, lang: Lang) -> str:
    """"vẽ chung một ranh giới với Tả Phìn, Tả Van: …" for the kinds of ``approximate_kind`` ("part,shared");
    ``others``: the communes sharing the outline (:func:`~dxmap.gaps.queries.shared_outline`)."""
    words = [label("approx_part", lang) if k == "part" else
             label("approx_shared", lang, others=others) if others else label("approx_extra", lang)
             for k in kinds.split(",") if k]
    return "; ".join(dict.fromkeys(words))


def outlines_to_draw(communes: gpd.GeoDataFrame, districts: gpd.GeoDataFrame | None = None,
                     simplify: bool | float | None = None) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame | None, float]:
    """The commune and district outlines :func:`gap_map` draws for ``communes``, and the tolerance in metres.

    Parameters
    ----------
    communes
        The communes shown.
    districts
        A district layer, or None (the map then dissolves the communes drawn).
    simplify
        As for :func:`gap_map`.

    Returns
    -------
    tuple
        The communes, the districts of those communes (None without a layer) and the tolerance
        (0: drawn as they are, the inputs returned unchanged), simplified by :func:`simplify_outlines`.
    """
    tolerance = _tolerance(communes, simplify)
    if not tolerance:
        return communes, districts, 0.0
    if districts is not None:
        mine = districts[positions(districts["code"], communes["district_code"].dropna().unique()) >= 0]
        districts = simplify_outlines(mine, tolerance=tolerance)
    drawn = simplify_outlines(communes, tolerance=tolerance)
    log_said(log, logging.INFO, "log_map_simplified", m=functools.partial(number_text, tolerance, decimals=1),
             before=_vertex_count(communes), after=_vertex_count(drawn))
    return drawn, districts, tolerance


def _vertex_count(communes: gpd.GeoDataFrame) -> int:
    """Vertices of the polygons drawn (one per map unit)."""
    return int(shapely.get_num_coordinates(communes.geometry.values[~communes["map_unit"].duplicated().to_numpy()]).sum())


def _tolerance(communes: gpd.GeoDataFrame, simplify: bool | float | None) -> float:
    """The tolerance in metres ``simplify`` asks for (see :func:`gap_map`); 0 to draw the outlines as they are."""
    if simplify is None:
        n = _vertex_count(communes)
        if n <= SIMPLIFY_ABOVE:
            return 0.0
        log_said(log, logging.DEBUG, "log_map_vertices", n=n, limit=SIMPLIFY_ABOVE)
    if simplify is None or simplify is True:
        return layer_tolerance(communes)[0] or 0.0
    return max(float(simplify), 0.0)  # False is 0


def _round_metres(metres: float) -> int:
    """A tolerance for people to read: 0 (not simplified), else two significant figures (283.4 → 280)."""
    if not metres or metres <= 0:
        return 0
    digits = max(int(np.floor(np.log10(metres))) - 1, 0)
    return int(round(metres, -digits))


def status_chars(statuses: np.ndarray | pd.Index) -> np.ndarray:
    """The page's code of each status: the character of its index in :data:`STATUS_ORDER` (``"0"`` none …),
    ``-`` (not drawn, not counted) for a value that is not a status. The one encoding of the page data's
    statuses, the current ones here and the earlier ones of :mod:`dxmap.render.change_layer`."""
    index = pd.Index(STATUS_ORDER).get_indexer(pd.Index(statuses, dtype=object))
    return np.where(index >= 0, 48 + index, ord(_MISSING)).astype(np.uint8)


def small_ints(values: np.ndarray) -> int | str | list[int]:
    """Indices in the page data (also :mod:`dxmap.render.change_layer`'s), sent compactly: 0 when all are 0, one character each (``chr(63 + v)``) when all are below 29, else a list.

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

    def codes(self, codes: np.ndarray, texts) -> np.ndarray:
        """Indices of ``texts[code]`` for each code (-1: no value), storing new texts in the order they first occur."""
        lookup = np.zeros(len(texts) + 1, dtype=np.int64)  # the last entry, picked by -1, is 0: no value
        for code in pd.unique(codes[codes >= 0]).tolist():
            lookup[code] = self._add(str(texts[code]))
        return lookup[codes]

    def _add(self, value: str) -> int:
        if value not in self._index:
            self._index[value] = len(self.values)
            self.values.append(value)
        return self._index[value]


def _representative_points(geoms: gpd.GeoSeries) -> gpd.GeoSeries:
    """A point in each geometry; points are their own (GEOS would copy 10⁵ of them one by one)."""
    if np.isin(shapely.get_type_id(geoms.values), (-1, 0)).all():
        return geoms
    return geoms.representative_point()


def _in_wgs84(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    if gdf.crs is None or gdf.crs.to_epsg() == 4326:
        return gdf
    return gdf.to_crs(4326)


def _district_outlines(shown: gpd.GeoDataFrame, districts: gpd.GeoDataFrame | None, index: pd.Index) -> gpd.GeoSeries:
    """District polygons in ``index`` order: the given layer, or the communes dissolved (one polygon per map unit)."""
    if districts is not None:
        d = _in_wgs84(districts)
        geom = d.drop_duplicates("code").set_index("code").geometry.reindex(index)
        if geom.notna().all():
            return gpd.GeoSeries(geom.values, crs=shown.crs)
        log_said(log, logging.INFO, "log_map_dissolved", n=int(geom.isna().sum()))
    else:
        geom = pd.Series([None] * len(index), index=index, dtype=object)
    units = shown.drop_duplicates("map_unit")
    geoms = np.asarray(units.geometry.values).copy()
    invalid = ~shapely.is_valid(geoms)  # outlines simplified for drawing may touch or cross: union needs them valid
    geoms[invalid] = shapely.make_valid(geoms[invalid])
    dissolved = gpd.GeoDataFrame({"district_code": units["district_code"].to_numpy()}, geometry=geoms,
                                 crs=shown.crs).dissolve(by="district_code").geometry
    # Only outlines are drawn: slivers between communes that do not quite touch would show as holes, so keep shells.
    parts, owner = shapely.get_parts(dissolved.values, return_index=True)
    polygonal = shapely.get_type_id(parts) == 3
    shells = shapely.polygons(shapely.get_exterior_ring(parts[polygonal]))
    outlines = pd.Series(shapely.multipolygons(shells, indices=owner[polygonal]), index=dissolved.index[np.unique(owner[polygonal])])
    filled = geom.where(geom.notna(), outlines.reindex(index))
    return gpd.GeoSeries(filled.values, crs=shown.crs)


def _quantise(xy: np.ndarray, scale: int) -> np.ndarray:
    return np.round(xy * scale).astype(np.int64)


def _encode_points(xy: np.ndarray, scale: int) -> str:
    """All points, (n, 2) coordinates, in one polyline string (x, y deltas), in order."""
    return _polyline(_quantise(xy, scale), np.array([len(xy)]))[0]


def _xy(points: np.ndarray, fallback: np.ndarray | None = None) -> np.ndarray:
    """(n, 2) coordinates of points; for a missing or empty one, its row of ``fallback`` (else NaN)."""
    points = np.asarray(points)
    if not np.isin(shapely.get_type_id(points), (-1, 0)).all():
        raise ValueError("x and y are only defined for points")  # as GeoSeries.x says
    present = ~shapely.is_missing(points) & ~shapely.is_empty(points)
    xy = np.full((len(points), 2), np.nan) if fallback is None else np.array(fallback, dtype=float).reshape(-1, 2)
    xy[present] = shapely.get_coordinates(points[present])
    return xy


def _encode_geometries(geoms: gpd.GeoSeries, scale: int) -> list:
    """Each (multi)polygon as a tuple of polygons, each a tuple of ring strings; None for a missing geometry.

    Rings lose their closing vertex (Leaflet closes them) and vertices that quantise onto the previous one.
    Tuples, not lists (JSON writes both as arrays): Python's garbage collector stops tracking tuples of
    text, where 10⁴ lists would each be scanned by every full collection from then on.
    """
    values = np.asarray(geoms.values)
    out: list = [None if g is None else () for g in values]
    present = ~shapely.is_missing(values) & ~shapely.is_empty(values)
    if not present.any():
        return out
    where = np.flatnonzero(present)
    coords, ring_id, ring_part, part_geom = _rings_of(values[where])
    n_rings, n_parts = int(ring_part.size), int(part_geom.size)
    q = _quantise(coords, scale)
    n_per_ring = np.bincount(ring_id, minlength=n_rings)
    last = np.cumsum(n_per_ring) - 1
    keep = np.ones(len(q), dtype=bool)
    keep[last[n_per_ring > 1]] = False  # closing vertex
    same = np.zeros(len(q), dtype=bool)
    same[1:] = (q[1:] == q[:-1]).all(axis=1) & (ring_id[1:] == ring_id[:-1])
    keep &= ~same
    q, ring_id = q[keep], ring_id[keep]
    lengths = np.bincount(ring_id, minlength=n_rings)
    # rings come part by part and parts geometry by geometry: slices, not appends
    texts = _polyline(q, lengths)
    ring_end = np.cumsum(np.bincount(ring_part, minlength=n_parts)).tolist()
    part_rings = [tuple(texts[a:b]) for a, b in zip([0] + ring_end[:-1], ring_end)]
    part_end = np.cumsum(np.bincount(part_geom, minlength=len(where))).tolist()
    for g, a, b in zip(where.tolist(), [0] + part_end[:-1], part_end):
        out[g] = tuple(part_rings[a:b])
    return out


def _rings_of(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Coordinates of non-empty geometries' rings, with the ring of each coordinate, the part of each
    ring and the geometry of each part. (Multi)polygons are read as ragged arrays, without copying
    each part and ring into a geometry of its own (a third of a national map's outline coding)."""
    if np.isin(shapely.get_type_id(geoms), (3, 6)).all():
        kind, coords, offsets = shapely.to_ragged_array(geoms)
        if kind == shapely.GeometryType.POLYGON:
            offsets = (*offsets, np.arange(len(geoms) + 1))
        ring_id, ring_part, part_geom = (np.repeat(np.arange(len(o) - 1), np.diff(o)) for o in offsets)
        return coords, ring_id, ring_part, part_geom
    parts, part_geom = shapely.get_parts(geoms, return_index=True)
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    coords, ring_id = shapely.get_coordinates(rings, return_index=True)
    return coords, ring_id, ring_part, part_geom


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
    offsets = offsets.tolist()
    return [text[a:b] for a, b in zip(offsets[:-1], offsets[1:])]

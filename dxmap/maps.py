"""The gap map: communes shaded by their gaps, gap villages as markers, one layer per technology.

Rendering only: it takes the tables :func:`unit_status` made and never joins anything itself.
Pass ``m=`` to draw onto an existing :class:`folium.Map`.
"""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path

import folium
import geopandas as gpd
import pandas as pd
from branca.element import Element, MacroElement, Template

from dxmap._assets import inline_assets
from dxmap._files import atomic_write
from dxmap.labels import Lang, label
from dxmap.vocab import Level, Status, Technology

__all__ = ["gap_map", "new_map", "save_map", "map_html", "STATUS_COLOURS", "GAP_BINS"]

log = logging.getLogger(__name__)

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
STATUS_COLOURS = {
    Status.NONE.value: "#D55E00",
    Status.WEAK.value: "#E69F00",
    Status.PLANNED.value: "#0072B2",
    Status.UNKNOWN.value: "#999999",
    Status.COVERED.value: "#009E73",
}
# Villages lacking a technology per commune → fill colour (ColorBrewer YlOrBr, colour-blind safe).
GAP_BINS = [(0, 0, "#ffffe5"), (1, 1, "#fee391"), (2, 3, "#fec44f"), (4, 6, "#ec7014"), (7, 10**9, "#8c2d04")]
_MARKER_RADIUS = {Status.NONE.value: 6, Status.WEAK.value: 5, Status.PLANNED.value: 5, Status.UNKNOWN.value: 3}


def _bin_colour(n: int) -> str:
    return next(c for lo, hi, c in GAP_BINS if lo <= n <= hi)


def _esc(values: pd.Series) -> pd.Series:
    return values.astype("string").fillna("").map(html.escape)


def gap_map(
    status: gpd.GeoDataFrame,
    communes: gpd.GeoDataFrame,
    *,
    districts: gpd.GeoDataFrame | None = None,
    title: str | None = None,
    lang: Lang = "vi",
    illustrative: bool = False,
    m: folium.Map | None = None,
) -> folium.Map:
    """Draw the gaps of ``status`` (from :func:`unit_status`) on a folium map.

    Parameters
    ----------
    status
        One row per unit and technology, possibly filtered to one district.
    communes
        The commune layer (its polygons are drawn; communes sharing a polygon are drawn once).
    districts
        Optional district outlines.
    title
        Page title; default "Missing digital infrastructure — data as of <date>".
    lang
        ``"vi"`` (default) or ``"en"`` for every label, tooltip and the legend.
    illustrative
        Adds a banner saying the data is illustrative.
    m
        An existing map to draw onto; a new one is made when None.

    Returns
    -------
    folium.Map
    """
    as_of = status.attrs.get("as_of", "")
    shown = communes[communes["code"].isin(status["commune_code"])]
    bounds = shown.total_bounds if len(shown) else communes.total_bounds
    if m is None:
        m = new_map(lang=lang)
    m.fit_bounds([[bounds[1], bounds[0]], [bounds[3], bounds[2]]])

    polys = _commune_polygons(shown, status, lang)
    counts: dict[str, dict[str, int]] = {}
    present = [t for t in Technology if status["technology"].eq(t.value).any()]
    # Shaded layers stack; start with one on (fibre, the widest gap in practice) and let people switch.
    first = Technology.FIBRE if Technology.FIBRE in present else (present[0] if present else None)
    for tech in present:
        rows = status[status["technology"].eq(tech.value)]
        counts[tech.value] = rows["status"].value_counts().to_dict()
        group = folium.FeatureGroup(name=f"{label(tech.value, lang)}", show=tech is first)
        if tech.level is Level.VILLAGE:
            _village_layer(group, polys, rows, tech, lang)
        else:
            _commune_status_layer(group, polys, tech, lang)
        group.add_to(m)
    if districts is not None:
        d = districts[districts["code"].isin(status["district_code"])]
        folium.GeoJson(
            d[["code", "name", "geometry"]].assign(name=_esc(d["name"])),
            name=label("districts", lang),
            style_function=lambda _: {"color": "#222222", "weight": 2.5, "fill": False},
            tooltip=folium.GeoJsonTooltip(["name"], aliases=[label("district", lang)]),
        ).add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    _add_title(m, title or f"{label('title', lang)} — {label('as_of', lang).lower()} {as_of}", illustrative, lang)
    _add_legend(m, counts, lang)
    log.info("map: %d commune polygons, %d gap markers", len(polys),
             int(status["level"].eq(Level.VILLAGE.value).mul(status["status"].ne(Status.COVERED.value)).sum()))
    return m


def new_map(*, lang: Lang = "vi", basemap: bool = True) -> folium.Map:
    """An empty folium map that needs only Leaflet (inlined by :func:`save_map`), with an optional basemap.

    The basemap is the only thing the saved page fetches from the network; it starts switched off
    when ``basemap`` is False, and the outlines and every control work without it.
    """
    m = folium.Map(tiles=None, control_scale=True, prefer_canvas=True, zoom_snap=0.25)
    # Only Leaflet is needed; folium's jQuery, Bootstrap and icon fonts would be fetched from CDNs.
    m.default_js = [js for js in m.default_js if js[0] == "leaflet"]
    m.default_css = [css for css in m.default_css if css[0] == "leaflet_css"]
    folium.TileLayer("OpenStreetMap", name=label("basemap", lang), control=True, show=basemap).add_to(m)
    return m


def map_html(m: folium.Map) -> str:
    """The map as one self-contained HTML page: Leaflet's JavaScript and CSS inlined."""
    return inline_assets(m.get_root().render())


def save_map(m: folium.Map, path: str | os.PathLike[str]) -> Path:
    """Write the map as one self-contained HTML file, atomically (temporary file, then rename)."""
    page = map_html(m)
    with atomic_write(path) as fh:
        fh.write(page)
    log.info("wrote %s (%.1f MB)", path, len(page.encode("utf-8")) / 1e6)
    return Path(path)


def _commune_polygons(shown: gpd.GeoDataFrame, status: gpd.GeoDataFrame, lang: Lang) -> gpd.GeoDataFrame:
    """One row per drawn polygon (``map_unit``) with names and, per technology, gap counts."""
    names = shown.groupby("map_unit").agg(
        names=("name", lambda s: "; ".join(sorted(s))), n_units=("code", "size"),
        district=("district_name", "first"), geometry=("geometry", "first"),
    )
    polys = gpd.GeoDataFrame(names, geometry="geometry", crs=shown.crs)
    polys["names"] = _esc(polys["names"])
    polys["district"] = _esc(polys["district"])
    shared = polys["n_units"].gt(1)
    polys.loc[shared, "names"] = f"<i>{html.escape(label('shared_polygon', lang))}:</i> " + polys.loc[shared, "names"]
    for tech in Technology:
        rows = status[status["technology"].eq(tech.value)]
        per = rows.groupby(["map_unit", "status"]).size().unstack(fill_value=0)
        for s in Status:
            col = f"{tech.value}_{s.value}"
            polys[col] = per[s.value].reindex(polys.index, fill_value=0).astype(int) if s.value in per else 0
    return polys.reset_index()


def _village_layer(group: folium.FeatureGroup, polys: gpd.GeoDataFrame, rows: gpd.GeoDataFrame, tech: Technology, lang: Lang) -> None:
    col = f"{tech.value}_{Status.NONE.value}"
    shade = polys[["map_unit", "names", "district", col, "geometry"]].rename(columns={col: "n_gap"})
    folium.GeoJson(
        shade,
        style_function=lambda f: {"fillColor": _bin_colour(f["properties"]["n_gap"]), "fillOpacity": 0.65,
                                  "color": "#555555", "weight": 0.6},
        tooltip=folium.GeoJsonTooltip(["names", "district", "n_gap"],
                                      aliases=[label("commune_label", lang), label("district", lang),
                                               f"{label('gap_villages', lang)} {label(tech.value, lang).lower()}"]),
    ).add_to(group)
    gaps = rows[rows["status"].isin([Status.NONE.value, Status.WEAK.value, Status.PLANNED.value])]
    if gaps.empty:
        return
    pts = gaps.assign(geometry=gaps.geometry.representative_point())
    props = pd.DataFrame({
        "name": _esc(pts["name"]), "commune": _esc(pts["commune_name"]), "district": _esc(pts["district_name"]),
        "status_code": pts["status"], "status": pts["status"].map(lambda s: label(s, lang)),
        "date": pts["status_date"].dt.strftime("%Y-%m-%d").fillna(""),
        "source": _esc(pts["source"]), "note": _esc(pts["note"]),
    })
    fields = ["name", "commune", "district", "status", "date", "source", "note"]
    aliases = [label("village_label", lang), label("commune_label", lang), label("district", lang), label("status", lang),
               label("date", lang), label("source", lang), label("note", lang)]
    folium.GeoJson(
        gpd.GeoDataFrame(props, geometry=pts.geometry.values, crs=rows.crs),
        marker=folium.CircleMarker(radius=5, weight=1.5, fill=True),
        style_function=lambda f: {"color": "#222222", "fillColor": STATUS_COLOURS[f["properties"]["status_code"]],
                                  "fillOpacity": 0.95, "radius": _MARKER_RADIUS[f["properties"]["status_code"]]},
        tooltip=folium.GeoJsonTooltip(["name", "commune", "status"], aliases=aliases[:2] + [aliases[3]]),
        popup=folium.GeoJsonPopup(fields, aliases=aliases),
    ).add_to(group)


def _commune_status_layer(group: folium.FeatureGroup, polys: gpd.GeoDataFrame, tech: Technology, lang: Lang) -> None:
    cols = [f"{tech.value}_{s.value}" for s in Status]
    worst = polys[cols].gt(0).idxmax(axis=1).str.removeprefix(f"{tech.value}_")
    layer = polys[["map_unit", "names", "district", "geometry"]].assign(
        status_code=worst, status=worst.map(lambda s: label(s, lang)))
    folium.GeoJson(
        layer,
        style_function=lambda f: {"fillColor": STATUS_COLOURS[f["properties"]["status_code"]], "fillOpacity": 0.6,
                                  "color": "#555555", "weight": 0.6},
        tooltip=folium.GeoJsonTooltip(["names", "district", "status"],
                                      aliases=[label("commune_label", lang), label("district", lang),
                                               f"{label(tech.value, lang)}"]),
    ).add_to(group)


def _add_title(m: folium.Map, title: str, illustrative: bool, lang: Lang) -> None:
    banner = (f'<div style="color:#8a1c00;font-weight:bold;font-size:13px">{html.escape(label("illustrative", lang))}</div>'
              if illustrative else "")
    m.get_root().html.add_child(Element(
        '<div id="dxmap-title" style="position:fixed;top:10px;left:60px;z-index:1000;background:white;padding:6px 10px;'
        'border:1px solid #999;border-radius:4px;font-family:sans-serif;max-width:60%">'
        f'<div style="font-size:16px;font-weight:bold">{html.escape(title)}</div>{banner}</div>'))
    m.get_root().header.add_child(Element(f"<title>{html.escape(title)}</title>"))


def _add_legend(m: folium.Map, counts: dict[str, dict[str, int]], lang: Lang) -> None:
    parts = []
    for tech, by_status in counts.items():
        unit = label("communes" if Technology(tech).level is Level.COMMUNE else "villages", lang)
        items = "".join(
            f'<div><span style="display:inline-block;width:11px;height:11px;border-radius:50%;border:1px solid #222;'
            f'background:{STATUS_COLOURS[s]};margin-right:5px"></span>{html.escape(label(s, lang))}: '
            f'<b data-tech="{tech}" data-status="{s}">{by_status.get(s, 0)}</b> {html.escape(unit)}</div>'
            for s in (Status.NONE.value, Status.WEAK.value, Status.PLANNED.value, Status.UNKNOWN.value, Status.COVERED.value)
        )
        parts.append(f'<div style="margin-top:4px"><b>{html.escape(label(tech, lang))}</b>{items}</div>')
    bins = "".join(
        f'<span style="display:inline-block;width:18px;height:11px;background:{c};border:1px solid #777"></span>'
        f'<span style="margin:0 6px 0 2px">{lo if lo == hi else (f"{lo}+" if hi > 999 else f"{lo}–{hi}")}</span>'
        for lo, hi, c in GAP_BINS)
    legend = MacroElement()
    legend._template = Template(
        "{% macro html(this, kwargs) %}"
        '<div id="dxmap-legend" style="position:fixed;bottom:24px;left:10px;z-index:1000;background:white;padding:6px 10px;'
        'border:1px solid #999;border-radius:4px;font:12px sans-serif;max-height:70%;overflow:auto">'
        f'<b>{html.escape(label("legend", lang))}</b>{"".join(parts)}'
        f'<div style="margin-top:6px">{html.escape(label("gap_villages", lang))} (…/{html.escape(label("commune", lang))}):<br>{bins}</div>'
        "</div>{% endmacro %}")
    m.get_root().add_child(legend)

"""The change between two snapshots drawn on a folium map: fixed, still missing and new gaps, per technology."""

from __future__ import annotations

import copy
import html
import json
import logging
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd

from dxmap.gaps.change import CHANGE_COUNTS, CHANGE_STYLE, Change, _unit_word, change_summary, period_phrase
from dxmap.labels import Lang, label
from dxmap.validate.vocab import TECH_ORDER, Level, Technology

if TYPE_CHECKING:  # folium is imported only when a map is drawn
    import folium

__all__ = ["change_layer"]

_CHANGE_LEGEND_ORDER = [Change.STAYED.value, Change.NEW.value, Change.FIXED.value]

log = logging.getLogger(__name__)


def _esc(values: pd.Series) -> pd.Series:
    return values.astype("string").fillna("").map(html.escape)


def _js_string(text: str) -> str:
    """A JavaScript string literal that is safe inside a <script> element."""
    return json.dumps(text, ensure_ascii=False).replace("</", "<\\/")


def _symbol_html(change: str, size: int = 12, *, area: bool = False) -> str:
    """The symbol of a change as inline SVG; ``area`` gives the swatch of a shaded commune."""
    style = CHANGE_STYLE[change]
    c, half = style["colour"], size / 2
    if area:
        body = (f'<rect x="1" y="1" width="{size - 2}" height="{size - 2}" fill="{c}" fill-opacity="0.55" '
                f'stroke="{c}" stroke-width="2"/>')
    elif style["shape"] == "diamond":
        body = f'<polygon points="{half},1 {size - 1},{half} {half},{size - 1} 1,{half}" fill="{c}" stroke="#222" stroke-width="1"/>'
    elif style["shape"] == "ring":
        body = f'<circle cx="{half}" cy="{half}" r="{half - 2}" fill="none" stroke="{c}" stroke-width="2.5"/>'
    else:
        body = f'<circle cx="{half}" cy="{half}" r="{half - 1}" fill="{c}" stroke="#222" stroke-width="1"/>'
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 {size} {size}" '
            f'style="vertical-align:middle">{body}</svg>')


def change_layer(
    changes: gpd.GeoDataFrame,
    *,
    lang: Lang = "vi",
    m: folium.Map | None = None,
    technologies: Sequence[Technology | str] | None = None,
    show: Sequence[Technology | str] | None = None,
) -> folium.Map:
    """Add "change since the previous snapshot" layers and their legend (with counts) to a folium map.

    Villages are markers: still missing (filled disc), newly missing (diamond), fixed (ring);
    communes (the LAN) are shaded in the same colours. One overlay per technology.

    Parameters
    ----------
    changes
        From :func:`change_status` or :attr:`Comparison.changes`.
    lang
        ``"vi"`` (default) or ``"en"``.
    m
        A map to add to (e.g. the result of :func:`gap_map`); when it already has a layer control,
        the overlays are added to it. A new self-contained map is made when None.
    technologies
        Default every technology in ``changes``.
    show
        The overlays switched on at first. Default: all of them on a new map; on an existing map
        (which has its own gap layers) only the technology with the most changes, to keep it legible.

    Returns
    -------
    folium.Map
        ``m`` (or the new map).
    """
    import folium
    from branca.element import MacroElement, Template

    as_of, compare_to = changes.attrs.get("as_of"), changes.attrs.get("compare_to")
    since = period_phrase(compare_to, as_of, lang=lang)
    created = m is None
    if m is None:
        from dxmap.render.webmap import new_map

        m = new_map(lang=lang)
    techs = [Technology(t) for t in technologies] if technologies else \
        [t for t in Technology if changes["technology"].eq(t.value).any()]
    control = next((c for c in m._children.values() if isinstance(c, folium.LayerControl)), None)
    counts = change_summary(changes).set_index("technology")
    if show is not None:
        shown = {Technology(t).value for t in show}
    elif created or counts.empty:
        shown = {t.value for t in techs}
    else:
        shown = {(counts["fixed"] + counts["new"]).idxmax()}
    legend_parts = []
    # Communes first so that village markers stay on top of the shading.
    for tech in sorted(techs, key=lambda t: t.level is Level.VILLAGE):
        rows = changes[changes["technology"].eq(tech.value) & changes["change"].ne(Change.NO_GAP.value)]
        name = f"{label(tech.value, lang)} — {label('chg_layer', lang).format(since=since)}"
        group = folium.FeatureGroup(name=name, show=tech.value in shown, control=control is None)
        if tech.level is Level.VILLAGE:
            _change_markers(group, rows, lang)
        else:
            _change_polygons(group, rows, lang)
        group.add_to(m)
        if control is not None:
            js_name = _js_string(html.escape(name))
            script = MacroElement()
            script._template = Template("{% macro script(this, kwargs) %}"
                                        "{{ this.control }}.addOverlay({{ this.group }}, {{ this.layer_name }});"
                                        "{% endmacro %}")
            script.control, script.group, script.layer_name = control.get_name(), group.get_name(), js_name
            m.add_child(script)
        legend_parts.append((TECH_ORDER[tech.value], _legend_part(
            tech, counts.loc[tech.value] if tech.value in counts.index else None, since, lang)))
    if control is None:
        folium.LayerControl(collapsed=False).add_to(m)
    if created:
        bounds = changes.total_bounds
        m.fit_bounds([[bounds[1], bounds[0]], [bounds[3], bounds[2]]])
    # The legend is a Leaflet control, so it stacks with the map's other controls instead of covering them.
    content = (f'<b>{html.escape(label("chg_layer", lang).format(since=since))}</b>'
               + "".join(part for _, part in sorted(legend_parts)))
    legend = MacroElement()
    legend._template = Template(
        "{% macro script(this, kwargs) %}"
        "(function () {"
        ' var c = L.control({position: "bottomright"});'
        " c.onAdd = function () {"
        '  var d = L.DomUtil.create("div", "leaflet-control dxmap-change-legend");'
        '  d.id = "dxmap-change-legend";'
        '  d.style.cssText = "background:white;padding:6px 10px;border:1px solid #999;border-radius:4px;'
        'font:12px sans-serif;max-width:320px;max-height:50vh;overflow:auto";'
        "  d.innerHTML = {{ this.content }};"
        "  L.DomEvent.disableClickPropagation(d); L.DomEvent.disableScrollPropagation(d);"
        "  return d;"
        " };"
        " c.addTo({{ this._parent.get_name() }});"
        "})();"
        "{% endmacro %}")
    legend.content = _js_string(content)  # through an attribute: never parsed as a template
    m.add_child(legend)
    log.info("change layer: %s", ", ".join(f"{t.value} {dict(rows)}" for t in techs
                                           for rows in [changes.loc[changes["technology"].eq(t.value), "change"]
                                                        .value_counts()]))
    return m


def _legend_part(tech: Technology, row: pd.Series | None, since: str, lang: Lang) -> str:
    n = {k: int(row[k]) if row is not None else 0 for k in CHANGE_COUNTS}
    unit = lambda k: _unit_word(tech.level.value, n[k], lang)  # noqa: E731
    sentence = label("chg_gained", lang).format(n=n["fixed"], unit=unit("fixed"), tech=label(f"chg_tech_{tech.value}", lang),
                                                since=since)
    items = "".join(
        f'<div>{_symbol_html(c, area=tech.level is Level.COMMUNE)} {html.escape(label(f"chg_{c}", lang))}: '
        f'<b data-tech="{tech.value}" data-change="{c}">{n[c]}</b> {html.escape(unit(c))}</div>'
        for c in _CHANGE_LEGEND_ORDER)
    return (f'<div style="margin-top:5px"><b>{html.escape(label(tech.value, lang))}</b>: '
            f'{n["previous"]} → {n["count"]}{items}<div style="color:#333;font-style:italic">{html.escape(sentence)}</div></div>')


def _tooltip_frame(rows: gpd.GeoDataFrame, lang: Lang) -> pd.DataFrame:
    return pd.DataFrame({
        "name": _esc(rows["name"]), "commune": _esc(rows["commune_name"]), "district": _esc(rows["district_name"]),
        "change_code": rows["change"].values,
        "change": rows["change"].map(lambda c: label(f"chg_{c}", lang)).values,
        "status": rows["status"].map(lambda s: label(s, lang)).values,
        "previous": rows["previous_status"].map(lambda s: label(s, lang)).values,
    }, index=rows.index)


def _tooltip_aliases(rows: gpd.GeoDataFrame, lang: Lang) -> list[str]:
    as_of, compare_to = rows.attrs.get("as_of", ""), rows.attrs.get("compare_to", "")
    return [label("village_label", lang), label("commune_label", lang), label("district", lang), label("rpt_change", lang),
            f"{label('status', lang)} {as_of}", f"{label('status', lang)} {compare_to}"]


def _change_markers(group: folium.FeatureGroup, rows: gpd.GeoDataFrame, lang: Lang) -> None:
    import folium

    if rows.empty:
        return
    pts = rows.geometry.representative_point()
    props = _tooltip_frame(rows, lang)
    fields = ["name", "commune", "district", "change", "status", "previous"]
    aliases = _tooltip_aliases(rows, lang)
    for change in _CHANGE_LEGEND_ORDER:
        mask = rows["change"].eq(change)
        if not mask.any():
            continue
        style = CHANGE_STYLE[change]
        if style["shape"] == "diamond":
            marker = folium.Marker(icon=folium.DivIcon(html=_symbol_html(change, 14), icon_size=(14, 14), icon_anchor=(7, 7),
                                                       class_name="dxmap-change-icon"))
            style_fn = None
        elif style["shape"] == "ring":
            marker = folium.CircleMarker(radius=6, weight=2.5, fill=False)
            style_fn = lambda _f, c=style["colour"]: {"color": c, "weight": 2.5, "fill": False, "radius": 6}  # noqa: E731
        else:
            marker = folium.CircleMarker(radius=5, weight=1, fill=True)
            style_fn = lambda _f, c=style["colour"]: {"color": "#222222", "fillColor": c, "fillOpacity": 0.95,  # noqa: E731
                                                      "weight": 1, "radius": 5}
        folium.GeoJson(
            gpd.GeoDataFrame(props[mask], geometry=pts[mask].values, crs=rows.crs),
            name=change, control=False, marker=marker, style_function=style_fn,
            tooltip=folium.GeoJsonTooltip(fields, aliases=aliases),
        ).add_to(group)


def _change_polygons(group: folium.FeatureGroup, rows: gpd.GeoDataFrame, lang: Lang) -> None:
    import folium

    if rows.empty:
        return
    props = _tooltip_frame(rows, lang)
    # Communes sharing one polygon (map_unit) are drawn once; the most pressing change colours it.
    rank = {Change.NEW.value: 0, Change.STAYED.value: 1, Change.FIXED.value: 2}
    frame = props.assign(map_unit=rows["map_unit"].values, geometry=rows.geometry.values,
                         rank=rows["change"].map(rank).values,
                         line=(props["name"] + ": " + props["change"]).values)
    drawn = frame.sort_values("rank").groupby("map_unit", sort=False).agg(
        change_code=("change_code", "first"), names=("line", "<br>".join), district=("district", "first"),
        geometry=("geometry", "first"))
    folium.GeoJson(
        gpd.GeoDataFrame(drawn.reset_index(), geometry="geometry", crs=rows.crs),
        style_function=lambda f: {"fillColor": CHANGE_STYLE[f["properties"]["change_code"]]["colour"], "fillOpacity": 0.55,
                                  "color": CHANGE_STYLE[f["properties"]["change_code"]]["colour"], "weight": 2},
        tooltip=folium.GeoJsonTooltip(["names", "district"], aliases=[label("commune_label", lang), label("district", lang)]),
    ).add_to(group)

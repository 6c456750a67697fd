"""Inline the vendored JavaScript and CSS into a saved map so it works offline.

``assets/leaflet-1.9.4/`` is Leaflet as published on npm (see ``assets/README.md`` for versions,
checksums and licences); ``assets/map-*.js`` (joined in the order of :data:`PAGE_SCRIPTS`) and
``assets/dxmap-map.css`` are dxmap's own code for the gap map page.
"""

from __future__ import annotations

import base64
import logging
import re
from functools import cache, partial
from pathlib import Path

from dxmap.labels import log_said
from dxmap.validate.dates import preview_in

log = logging.getLogger(__name__)

ASSETS = Path(__file__).parent / "assets"
LEAFLET_VERSION = "1.9.4"
LEAFLET = ASSETS / f"leaflet-{LEAFLET_VERSION}"

# dxmap's page script, one file per concern, joined in this order: helpers first, the page last.
# Each file only adds functions to the `dxmap` namespace when it loads (tests/js load them in Node).
PAGE_SCRIPTS = (
    "map-text.js",  # folding names, numbers, dates and shares, the page's words
    "map-decode.js",  # polyline strings, small integers, status codes, projection
    "map-change.js",  # the change since an earlier date and the "any gap" view, on status codes
    "map-shapes.js",  # polygons in typed arrays, thinning, point in polygon, path tracing
    "map-model.js",  # the page data as districts, communes, map units, villages and counts
    "map-markers.js",  # marker shapes on canvas and as SVG
    "map-place.js",  # screen geometry: picking a marker, placing names, keeping popups clear
    "map-search.js",  # search index and ranking
    "map-hash.js",  # the view in the address
    "map-dom.js",  # building DOM and Leaflet controls
    "map-layers.js",  # canvas layers: outlines, markers, names
    "map-cards.js",  # popup cards and tooltips
    "map-legend.js",  # legend with counts and shares
    "map-table.js",  # table and CSV
    "map-searchbox.js",  # the search box
    "map-controls.js",  # title bar, panel, layers switch; wide and phone layouts
    "map-view.js",  # district, technology, statuses, go to, popups, the #hash
    "map-export.js",  # print and PNG
    "map-page.js",  # dxmap.render: the page put together
)

_SCRIPT_RE = re.compile(r'<script src="(?P<url>https?://[^"]+)"></script>')
_LINK_RE = re.compile(r'<link rel="stylesheet" href="(?P<url>https?://[^"]+)"\s*/?>')
# folium's map header forbids zooming the page (maximum-scale=1.0, user-scalable=no): on a phone that
# blocks pinch zoom of the controls and text, which readers need.
_VIEWPORT_RE = re.compile(r'<meta name="viewport" content="[^"]*"\s*/?>')
VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'


@cache
def leaflet_js() -> str:
    return (LEAFLET / "leaflet.js").read_text(encoding="utf-8")


@cache
def leaflet_css() -> str:
    css = (LEAFLET / "leaflet.css").read_text(encoding="utf-8")

    def data_uri(m: re.Match[str]) -> str:
        png = (LEAFLET / m.group(1)).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(png).decode('ascii')})"

    return re.sub(r"url\((images/[\w.-]+\.png)\)", data_uri, css)


@cache
def dxmap_js() -> str:
    """dxmap's own page script: draws the embedded map data, wires filter, search, legend, table, print.

    The files of :data:`PAGE_SCRIPTS` joined in that order, each ending with a newline.
    """
    return "".join((ASSETS / name).read_text(encoding="utf-8").rstrip("\n") + "\n" for name in PAGE_SCRIPTS)


@cache
def dxmap_css() -> str:
    """dxmap's own page style, including the print style sheet."""
    return (ASSETS / "dxmap-map.css").read_text(encoding="utf-8")


def safe_script(js: str) -> str:
    """``js`` made safe to inline: a literal "</script" inside it would end the element early."""
    return js.replace("</script", "<\\/script")


def inline_assets(page: str, *, warn: bool = True) -> str:
    """Replace Leaflet's CDN tags with inline copies and let the page be pinch-zoomed (:data:`VIEWPORT`);
    report any other remote asset left in the page (``warn``: a page to be saved, which must work offline)."""
    page = _VIEWPORT_RE.sub(VIEWPORT, page)
    page = _SCRIPT_RE.sub(
        lambda m: f"<script>{safe_script(leaflet_js())}</script>" if m.group("url").endswith("leaflet.js") else m.group(0),
        page)
    page = _LINK_RE.sub(
        lambda m: f"<style>{leaflet_css()}</style>" if m.group("url").endswith("/leaflet.css") else m.group(0), page)
    remote = _SCRIPT_RE.findall(page) + _LINK_RE.findall(page)
    if remote and warn:
        log_said(log, logging.WARNING, "log_remote_assets", n=len(remote), list=partial(preview_in, remote))
    return page

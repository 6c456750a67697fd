/*! dxmap gap map page: building DOM. Text from the data only ever goes in through textContent or attribute values. */
(function () {
  "use strict";
  var dxmap = (globalThis.dxmap = globalThis.dxmap || {});

  /** A DOM element; "text" sets textContent, function values are listeners, other values attributes. */
  dxmap.el = function (tag, attrs, kids) {
    var e = document.createElement(tag), k, v;
    for (k in attrs || {}) {
      v = attrs[k];
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") e.textContent = v;
      else if (k === "className") e.className = v;
      else if (typeof v === "function") e.addEventListener(k, v);
      else e.setAttribute(k, v === true ? "" : String(v));
    }
    (kids || []).forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      e.appendChild(typeof c === "object" ? c : document.createTextNode(String(c)));
    });
    return e;
  };

  /**
   * A Leaflet control holding box; clicks and wheel turns on it do not reach the map. A click stops at the box:
   * Leaflet tells a control's click by the target's ancestors, and a button the click rebuilt (a table header
   * sorting, a search result chosen) has none left, so the map took it for a click on the place under the box.
   */
  dxmap.control = function (position, box) {
    var c = L.control({ position: position });
    c.onAdd = function () {
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.on(box, "click", L.DomEvent.stopPropagation);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    return c;
  };

  /** The rectangle of element e relative to element frame, as [x0, y0, x1, y1]; null when e is not shown. */
  dxmap.boxOf = function (e, frame) {
    if (!e || !e.isConnected || !e.getClientRects().length) return null;
    var r = e.getBoundingClientRect(), f = frame.getBoundingClientRect();
    if (!r.width || !r.height) return null;
    return [r.left - f.left, r.top - f.top, r.right - f.left, r.bottom - f.top];
  };
})();

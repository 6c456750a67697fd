/*! dxmap gap map page: decoding the compact page data dxmap/render/webmap.py embeds. */
(function () {
  "use strict";
  var dxmap = (globalThis.dxmap = globalThis.dxmap || {});

  /**
   * Call visit(x, y) for each point of a polyline string: zig-zag integers in 5-bit chunks
   * (characters 63..126), x before y, deltas after the first point, at 1/scale degrees.
   */
  function eachPoint(str, scale, visit) {
    var i = 0, n = str.length, x = 0, y = 0, b, shift, r;
    while (i < n) {
      r = 0; shift = 0;
      do { b = str.charCodeAt(i++) - 63; r |= (b & 31) << shift; shift += 5; } while (b >= 32);
      x += r & 1 ? ~(r >> 1) : r >> 1;
      r = 0; shift = 0;
      do { b = str.charCodeAt(i++) - 63; r |= (b & 31) << shift; shift += 5; } while (b >= 32);
      y += r & 1 ? ~(r >> 1) : r >> 1;
      visit(x / scale, y / scale);
    }
  }
  dxmap.eachPoint = eachPoint;

  /** A polyline string as a flat array [x0, y0, x1, y1, ...] in degrees. */
  dxmap.decode = function (str, scale) {
    var out = [];
    eachPoint(str, scale, function (x, y) { out.push(x, y); });
    return out;
  };

  /** Small non-negative integers sent as 0 (all zero), a string (character 63 + value each) or a list. */
  dxmap.ints = function (v, n) {
    if (typeof v === "number") return new Int32Array(n);
    if (typeof v === "string") {
      var out = new Int32Array(v.length);
      for (var k = 0; k < v.length; k++) out[k] = v.charCodeAt(k) - 63;
      return out;
    }
    return Int32Array.from(v);
  };

  /** A technology's status string ("0", "1", … one character per unit) as codes; -1 = no row ("-"). */
  dxmap.statusCodes = function (str, nStatuses) {
    var codes = new Int8Array(str.length);
    for (var k = 0; k < str.length; k++) {
      var c = str.charCodeAt(k) - 48;
      codes[k] = c >= 0 && c < nStatuses ? c : -1;
    }
    return codes;
  };

  /**
   * A function writing the world pixel coordinates at zoom 0 of (lng, lat) to out[k], out[k + 1].
   * Web Mercator (EPSG:3857, Leaflet's default) is computed inline; any other CRS goes through Leaflet.
   */
  dxmap.projector = function (crs) {
    if (crs.code === "EPSG:3857") {
      var rad = Math.PI / 180, max = 85.0511287798;
      return function (lng, lat, out, k) {
        var s = Math.sin(Math.max(Math.min(max, lat), -max) * rad);
        out[k] = 256 * (lng / 360 + 0.5);
        out[k + 1] = 256 * (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI));
      };
    }
    return function (lng, lat, out, k) {
      var q = crs.latLngToPoint(new L.LatLng(lat, lng), 0);
      out[k] = q.x; out[k + 1] = q.y;
    };
  };
})();

/*! dxmap gap map page: polygons in typed arrays, thinned copies per zoom, point-in-polygon, path tracing. */
(function () {
  "use strict";
  var dxmap = (globalThis.dxmap = globalThis.dxmap || {});

  // Below zoom 10, outlines are drawn from a copy thinned for the next of these zooms up.
  var LOD_ZOOMS = [6, 8, 10];

  /**
   * Polygons in typed arrays: world coordinates (zoom 0 pixels) of every vertex, ring and shape
   * offsets, and each shape's bounding box in degrees (bbox) and in world coordinates (wb).
   * geoms: per shape a list of polygons, each a list of ring polyline strings (or null).
   */
  dxmap.shapeStore = function (geoms, scale, project) {
    var n = geoms.length, cap = 1 << 16, xy = new Float64Array(cap), len = 0;
    var ringStart = [0], shapeRing = [0], bbox = new Float64Array(4 * n), wb = new Float64Array(4 * n);
    var b0, b1, b2, b3;
    function visit(lng, lat) {
      if (lng < b0) b0 = lng;
      if (lng > b2) b2 = lng;
      if (lat < b1) b1 = lat;
      if (lat > b3) b3 = lat;
      project(lng, lat, xy, len);
      len += 2;
    }
    for (var g = 0; g < n; g++) {
      var polys = geoms[g] || [];
      b0 = Infinity; b1 = Infinity; b2 = -Infinity; b3 = -Infinity;
      for (var p = 0; p < polys.length; p++) {
        for (var r = 0; r < polys[p].length; r++) {
          var m = polys[p][r].length;
          if (len + m + 2 > cap) { // at least 2 characters per value, so m + 2 doubles always fit
            while (len + m + 2 > cap) cap *= 2;
            var grown = new Float64Array(cap);
            grown.set(xy.subarray(0, len));
            xy = grown;
          }
          dxmap.eachPoint(polys[p][r], scale, visit);
          ringStart.push(len / 2);
        }
      }
      shapeRing.push(ringStart.length - 1);
      bbox[4 * g] = b0; bbox[4 * g + 1] = b1; bbox[4 * g + 2] = b2; bbox[4 * g + 3] = b3;
      if (b0 <= b2) { project(b0, b3, wb, 4 * g); project(b2, b1, wb, 4 * g + 2); } else wb.fill(NaN, 4 * g, 4 * g + 4);
    }
    var full = { zoom: Infinity, xy: xy.slice(0, len), ringStart: Int32Array.from(ringStart) }, levels = {};
    return {
      n: n, xy: full.xy, ringStart: full.ringStart, shapeRing: Int32Array.from(shapeRing), bbox: bbox, wb: wb,
      /** The vertices to draw at zoom z: a thinned copy, made on first use, below the last of LOD_ZOOMS. */
      level: function (z) {
        var lz = LOD_ZOOMS.find(function (q) { return q >= z; });
        if (lz === undefined) return full;
        if (!levels[lz]) levels[lz] = decimate(full, lz);
        return levels[lz];
      }
    };
  };

  /** A coarser copy of a level for drawing at zoom <= z: vertices closer than half a pixel (at z) to the last one kept go. */
  function decimate(level, z) {
    var tol = 0.5 / Math.pow(2, z), src = level.xy, rs = level.ringStart, nr = rs.length - 1;
    var xy = new Float64Array(src.length), ringStart = new Int32Array(nr + 1), len = 0;
    for (var r = 0; r < nr; r++) {
      var a = rs[r], e = rs[r + 1], px = Infinity, py = Infinity;
      for (var k = a; k < e; k++) {
        var x = src[2 * k], y = src[2 * k + 1];
        if (k > a && k < e - 1 && Math.abs(x - px) + Math.abs(y - py) < tol) continue;
        xy[len++] = x; xy[len++] = y; px = x; py = y;
      }
      ringStart[r + 1] = len / 2;
    }
    return { zoom: z, xy: xy.slice(0, len), ringStart: ringStart };
  }
  dxmap.decimate = decimate;

  /** Even-odd test of world point (x, y) against every ring of shape s (so holes are holes). */
  dxmap.insideShape = function (st, s, x, y) {
    var xy = st.xy, c = false;
    if (!(x >= st.wb[4 * s] && x <= st.wb[4 * s + 2] && y >= st.wb[4 * s + 1] && y <= st.wb[4 * s + 3])) return false;
    for (var r = st.shapeRing[s]; r < st.shapeRing[s + 1]; r++) {
      var a = st.ringStart[r], e = st.ringStart[r + 1];
      for (var i = a, j = e - 1; i < e; j = i++) {
        var yi = xy[2 * i + 1], yj = xy[2 * j + 1];
        if (yi > y !== yj > y && x < ((xy[2 * j] - xy[2 * i]) * (y - yi)) / (yj - yi) + xy[2 * i]) c = !c;
      }
    }
    return c;
  };

  /**
   * Add shape s to SVG path data (parts, joined later) in whole canvas pixels, relative moves, repeated
   * pixels dropped. One Path2D parsed from a string is far cheaper than a call per vertex.
   * v: the view (level = st.level(zoom), f = world-to-pixel factor, ox/oy = canvas origin in pixels).
   */
  dxmap.traceShape = function (parts, st, s, v) {
    var lv = v.level, xy = lv.xy, rs = lv.ringStart, f = v.f, ox = v.ox, oy = v.oy;
    for (var r = st.shapeRing[s]; r < st.shapeRing[s + 1]; r++) {
      var a = rs[r], e = rs[r + 1];
      if (e - a < 2) continue;
      var px = Math.round(xy[2 * a] * f - ox), py = Math.round(xy[2 * a + 1] * f - oy);
      parts.push("M", px, " ", py);
      for (var k = a + 1; k < e; k++) {
        var x = Math.round(xy[2 * k] * f - ox), y = Math.round(xy[2 * k + 1] * f - oy);
        if (x === px && y === py) continue;
        parts.push("l", x - px, " ", y - py);
        px = x; py = y;
      }
      parts.push("z");
    }
  };

  /** Call visit(ax, ay, bx, by) for each edge of shapes `list` of store st as drawn at zoom z, in world coordinates. */
  dxmap.shapeEdges = function (st, list, z, visit) {
    var lv = st.level(z), xy = lv.xy, rs = lv.ringStart;
    list.forEach(function (s) {
      for (var r = st.shapeRing[s]; r < st.shapeRing[s + 1]; r++) {
        for (var a = rs[r], e = rs[r + 1], k = a, j = e - 1; k < e; j = k++) visit(xy[2 * j], xy[2 * j + 1], xy[2 * k], xy[2 * k + 1]);
      }
    });
  };

  /** [west, south, east, north] of shape s in degrees, or null for a shape without vertices. */
  dxmap.shapeBounds = function (st, s) {
    var b = st.bbox;
    return b[4 * s] <= b[4 * s + 2] ? [b[4 * s], b[4 * s + 1], b[4 * s + 2], b[4 * s + 3]] : null;
  };
})();

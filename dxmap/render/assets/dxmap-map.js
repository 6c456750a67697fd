/*! dxmap gap map page. dxmap's own code, MIT licence (see the dxmap package).
 *
 * Draws the page data that dxmap/maps.py embeds once as JSON: commune and district outlines on a
 * Leaflet canvas, markers and place names on canvas layers of their own (one marker layer per
 * technology), and a district filter, search, counted legend, sortable table, CSV export and a
 * print layout, all driven from that one blob. Needs only Leaflet. Every text that comes from the
 * data reaches the page through textContent or an attribute value, never as HTML.
 */
(function () {
  "use strict";
  var dxmap = (window.dxmap = window.dxmap || {});
  dxmap.instances = dxmap.instances || [];

  var DRAW_ORDER = [4, 3, 2, 1, 0]; // covered under unknown under planned under weak under none
  var RADIUS = [7, 6.5, 5.5, 5.5, 3];
  var COMMUNE_LABELS_FROM_ZOOM = 9.25;
  var DISTRICT_LABELS_UNTIL_ZOOM = 10.5;
  var HIT_PX = 9;
  var LOD_ZOOMS = [6, 8, 10]; // below zoom 10, outlines are drawn from a copy thinned for the next of these zooms up
  var uid = 0;

  // ---------------------------------------------------------------------------------------------
  // small helpers

  /** Lower case, no diacritics (đ → d), punctuation as single spaces: "Bản Vược" → "ban vuoc". */
  function fold(s) {
    return String(s == null ? "" : s)
      .replace(/[đĐ]/g, "d")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  }
  dxmap.fold = fold;

  function fmt(template, vars) {
    return String(template).replace(/\{(\w+)\}/g, function (m, k) {
      return Object.prototype.hasOwnProperty.call(vars, k) ? String(vars[k]) : m;
    });
  }

  /** A DOM element; text only through textContent, listeners for function values. */
  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    var k, v;
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
  }

  /** Call visit(x, y) for each point of a polyline string (x, y deltas at 1/scale, as dxmap/maps.py writes them). */
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

  /** A polyline string as a flat array [x0, y0, x1, y1, ...]. */
  function decode(str, scale) {
    var out = [];
    eachPoint(str, scale, function (x, y) { out.push(x, y); });
    return out;
  }

  /** World pixel coordinates at zoom 0 of (lng, lat), written to out[k], out[k + 1]; Web Mercator inline. */
  function projector(crs) {
    if (crs === L.CRS.EPSG3857) {
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
  }

  /** Polygons in typed arrays: world coordinates, ring and shape offsets, bounding boxes (degrees and world). */
  function shapeStore(geoms, scale, project) {
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
          eachPoint(polys[p][r], scale, visit);
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
  }

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

  /** Even-odd test of world point (x, y) against every ring of shape s (so holes are holes). */
  function insideShape(st, s, x, y) {
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
  }

  /**
   * Add shape s to SVG path data (parts, joined later) in whole canvas pixels, relative moves, repeated
   * pixels dropped. One Path2D parsed from a string is far cheaper than a call per vertex.
   */
  function traceShape(parts, st, s, v) {
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
  }

  /** Small non-negative integers sent as 0 (all zero), a string (character 63 + value each) or a list. */
  function ints(v, n) {
    if (typeof v === "number") return new Int32Array(n);
    if (typeof v === "string") {
      var out = new Int32Array(v.length);
      for (var k = 0; k < v.length; k++) out[k] = v.charCodeAt(k) - 63;
      return out;
    }
    return Int32Array.from(v);
  }

  /** SVG path data of a marker shape of radius r, relative to its start point at offset (dx, dy) from the centre. */
  function markerPath(shape, r) {
    function n(v) { return String(Math.round(v * 100) / 100); }
    if (shape === "triangle") return { dx: 0, dy: -r, d: "l" + n(0.95 * r) + " " + n(1.7 * r) + "h" + n(-1.9 * r) + "z" };
    if (shape === "diamond") return { dx: 0, dy: -r, d: "l" + n(0.8 * r) + " " + n(r) + "l" + n(-0.8 * r) + " " + n(r) + "l" + n(-0.8 * r) + " " + n(-r) + "z" };
    if (shape === "square-open") return { dx: -0.8 * r, dy: -0.8 * r, d: "h" + n(1.6 * r) + "v" + n(1.6 * r) + "h" + n(-1.6 * r) + "z" };
    return { dx: r, dy: 0, d: "a" + n(r) + " " + n(r) + " 0 1 0 " + n(-2 * r) + " 0a" + n(r) + " " + n(r) + " 0 1 0 " + n(2 * r) + " 0z" };
  }
  function isOpen(shape) { return shape === "circle-open" || shape === "square-open"; }

  /** Paint a marker path: filled shapes with a dark edge, open ones as a coloured line on a white halo. */
  function paintMarkers(ctx, path, shape, colour, k) {
    if (isOpen(shape)) {
      ctx.lineWidth = 5 * k; ctx.strokeStyle = "rgba(255,255,255,0.9)"; ctx.stroke(path);
      ctx.lineWidth = 2.75 * k; ctx.strokeStyle = colour; ctx.stroke(path);
    } else {
      ctx.fillStyle = colour; ctx.fill(path);
      if (k < 0.8) return; // far out, dark edges on thousands of small markers would turn the map black
      ctx.lineWidth = k; ctx.strokeStyle = shape === "dot" ? "#ffffff" : "#1a1a1a"; ctx.stroke(path);
    }
  }

  /** Markers shrink when zoomed far out, so that a whole country of them stays legible. */
  function markerScale(z) { return z >= 9 ? 1 : Math.max(0.5, 1 - (9 - z) * 0.15); }

  var SVGNS = "http://www.w3.org/2000/svg";
  /** The marker of a status as a small inline SVG (legend, popups, table): the same shapes as on the map. */
  function markerSvg(shape, colour, r, size) {
    var m = markerPath(shape, r), svg = document.createElementNS(SVGNS, "svg");
    svg.setAttribute("width", size); svg.setAttribute("height", size); svg.setAttribute("viewBox", "0 0 " + size + " " + size);
    svg.setAttribute("class", "dxmap-swatch"); svg.setAttribute("aria-hidden", "true");
    var d = "M" + (size / 2 + m.dx) + " " + (size / 2 + m.dy + (shape === "triangle" ? r * 0.15 : 0)) + m.d;
    (isOpen(shape) ? [["none", "#ffffff", 4.5], ["none", colour, 2.5]] : [[colour, shape === "dot" ? "#ffffff" : "#1a1a1a", 1]]).forEach(function (p) {
      var path = document.createElementNS(SVGNS, "path");
      path.setAttribute("d", d); path.setAttribute("fill", p[0]); path.setAttribute("stroke", p[1]); path.setAttribute("stroke-width", p[2]);
      svg.appendChild(path);
    });
    return svg;
  }

  // ---------------------------------------------------------------------------------------------
  // the page

  dxmap.render = function (map, dataId) {
    var t0 = performance.now();
    var data = JSON.parse(document.getElementById(dataId).textContent);
    var marks = { parse: performance.now() - t0 };
    var page = createPage(map, data, marks, t0);
    dxmap.instances.push(page);
    // Ready once the first frame is drawn (the layers' first draws are queued for that frame, before this).
    L.Util.requestAnimFrame(function () {
      page.readyMs = Math.round(performance.now());
      window.dxmapReadyMs = page.readyMs;
      window.dxmapReady = true;
    });
    return page;
  };

  function createPage(map, D, marks, t0) {
    function mark(name) { marks[name] = Math.round(performance.now() - t0); }
    var T = D.L, S = D.statuses, NS = S.length, scale = D.scale, crs = map.options.crs;
    var decimals = Math.round(Math.log10(scale));
    var id = "dxmap" + ++uid;
    if (!document.documentElement.lang) document.documentElement.lang = D.lang;
    if (D.basemap !== null) map.getContainer().classList.add("dxmap-page"); // a map dxmap made: its own background

    var C = D.communes, V = D.villages, U = D.units, DI = D.districts;
    var nC = C.code.length, nV = V.name.length, nU = U.n.length, nD = DI.code.length;
    var cD = Int32Array.from(C.d), cU = Int32Array.from(C.u), vC = Int32Array.from(V.c);
    var vD = new Int32Array(nV), uD = new Int32Array(nU).fill(-1), members = [];
    var i, j;
    for (i = 0; i < nV; i++) vD[i] = vC[i] >= 0 ? cD[vC[i]] : -1;
    for (i = 0; i < nU; i++) members.push([]);
    for (i = 0; i < nC; i++) { members[cU[i]].push(i); if (uD[cU[i]] < 0) uD[cU[i]] = cD[i]; }
    var pts = { village: decode(V.pt, scale), commune: decode(C.pt, scale), unit: decode(U.pt, scale), district: decode(DI.pt, scale) };
    var project = projector(crs), worlds = {};
    function world(kind) {
      if (!worlds[kind]) {
        var p = pts[kind], w = new Float64Array(p.length);
        for (var k = 0; k < p.length; k += 2) project(p[k], p[k + 1], w, k);
        worlds[kind] = w;
      }
      return worlds[kind];
    }

    // per technology: status codes, draw order, counts per commune and map unit
    var techs = D.techs.map(function (t) {
      var st = D.status[t.key], n = st.s.length, codes = new Int8Array(n), village = t.level === "village";
      for (var k = 0; k < n; k++) {
        var c = st.s.charCodeAt(k) - 48;
        codes[k] = c >= 0 && c < NS ? c : -1;
      }
      var order = [];
      DRAW_ORDER.forEach(function (s) { for (var k = 0; k < n; k++) if (codes[k] === s) order.push(k); });
      var unitCounts = new Int32Array(nU * NS), worst = new Int8Array(nU).fill(-1);
      for (var k = 0; k < n; k++) {
        var s = codes[k], c = village ? vC[k] : k;
        if (s < 0 || c < 0) continue;
        unitCounts[cU[c] * NS + s]++;
      }
      if (!village) {
        for (var u = 0; u < nU; u++) for (var s2 = 0; s2 < NS; s2++) if (unitCounts[u * NS + s2]) { worst[u] = s2; break; }
      }
      return { key: t.key, level: t.level, village: village, n: n, s: codes, t: ints(st.t, n), src: ints(st.src, n), note: ints(st.note, n),
        dist: village ? vD : cD, kind: village ? "village" : "commune", order: Int32Array.from(order),
        unitCounts: unitCounts, worst: worst };
    });
    mark("techs");
    var villageTechs = techs.filter(function (t) { return t.village; });
    var communeTechs = techs.filter(function (t) { return !t.village; });
    var first = techs.findIndex(function (t) { return t.key === "fibre"; });
    var state = { tech: first >= 0 ? first : 0, district: -1, found: null,
      show: S.map(function (s) { return s !== "covered"; }), sortKey: null, sortDir: 1 };

    function districtTitle(d) { // "Huyện Bát Xát", without doubling a "Huyện" the name already has
      return fold(DI.name[d]).indexOf(fold(T.district) + " ") === 0 ? DI.name[d] : T.district + " " + DI.name[d];
    }
    // A page built for one district (--district) has nothing else to choose: name it instead of "all districts".
    function allLabel() { return DI.name.length === 1 ? districtTitle(0) : T.all_districts; }
    function inDistrict(t, k) { return state.district < 0 || t.dist[k] === state.district; }
    function unitVisible(u) { return state.district < 0 || uD[u] === state.district; }
    function unitName(u) { return members[u].length === 1 ? C.name[members[u][0]] : fmt(T.map_shared_short, { n: members[u].length }); }
    function nameOf(t, k) { return t.village ? V.name[k] : C.name[k]; }
    function binColour(n) {
      for (var b = 0; b < D.bins.length; b++) if (n >= D.bins[b][0] && n <= D.bins[b][1]) return D.bins[b][2];
      return D.bins[D.bins.length - 1][2];
    }
    function bboxBounds(b) { return L.latLngBounds([b[1] / scale, b[0] / scale], [b[3] / scale, b[2] / scale]); }

    // ---- canvas layers: outlines, place names, markers (one layer per technology) ----
    map.createPane("dxmapDistricts").style.zIndex = 430;
    map.createPane("dxmapLabels").style.zIndex = 440;
    map.createPane("dxmapPoints").style.zIndex = 450;
    var PAD = 0.15; // share of the view drawn beyond each edge, so that panning shows no blank strip
    var CanvasLayer = L.Layer.extend({
      initialize: function (pane, draw) { this.options = { pane: pane }; this._draw = draw; },
      onAdd: function () {
        this._c = L.DomUtil.create("canvas", "dxmap-canvas leaflet-zoom-animated");
        this.getPane().appendChild(this._c);
        this.redraw();
      },
      /** Redraw at the next frame; several requests in one frame draw once. */
      redraw: function () {
        if (!this._frame) this._frame = L.Util.requestAnimFrame(this.redrawNow, this);
        return this;
      },
      onRemove: function () { L.DomUtil.remove(this._c); },
      getEvents: function () {
        var ev = { moveend: this.redrawNow, resize: this.redrawNow }; // a reset view also ends with moveend
        if (this._map.options.zoomAnimation && L.Browser.any3d) ev.zoomanim = this._anim;
        return ev;
      },
      _anim: function (e) {
        var m = this._map;
        L.DomUtil.setTransform(this._c, m._latLngToNewLayerPoint(this._tl, e.zoom, e.center), m.getZoomScale(e.zoom, this._z));
      },
      redrawNow: function () {
        var m = this._map;
        if (this._frame) { L.Util.cancelAnimFrame(this._frame); this._frame = null; }
        if (!m) return this;
        var size = m.getSize(), r = window.devicePixelRatio || 1, c = this._c;
        var px = Math.round(size.x * PAD), py = Math.round(size.y * PAD), w = size.x + 2 * px, h = size.y + 2 * py;
        this._tl = m.containerPointToLatLng([-px, -py]);
        this._z = m.getZoom();
        L.DomUtil.setPosition(c, m.containerPointToLayerPoint([-px, -py]));
        c.width = Math.round(w * r); c.height = Math.round(h * r);
        c.style.width = w + "px"; c.style.height = h + "px";
        var ctx = c.getContext("2d");
        ctx.setTransform(r, 0, 0, r, 0, 0);
        ctx.clearRect(0, 0, w, h);
        var o = m.getPixelBounds().min;
        this._draw(ctx, { w: w, h: h, f: crs.scale(this._z) / crs.scale(0), ox: o.x - px, oy: o.y - py, px: px, py: py });
        return this;
      }
    });

    /** A layer drawing a shape store; style(s) gives each shape's style object (shared objects batch into one path). */
    function shapeLayer(pane, st, style, weightScale) {
      return new CanvasLayer(pane, function (ctx, v) {
        var groups = [], byKey = {}, z = map.getZoom(), ws = weightScale(z);
        v.level = st.level(z);
        for (var s = 0; s < st.n; s++) {
          var b = st.wb;
          if (!(b[4 * s + 2] * v.f - v.ox >= 0 && b[4 * s] * v.f - v.ox <= v.w && b[4 * s + 3] * v.f - v.oy >= 0 && b[4 * s + 1] * v.f - v.oy <= v.h)) continue;
          var sty = style(s);
          if (!sty) continue;
          var g = byKey[sty.key];
          if (!g) { g = byKey[sty.key] = { sty: sty, parts: [] }; groups.push(g); }
          traceShape(g.parts, st, s, v);
        }
        groups.sort(function (a, b) { return a.sty.z - b.sty.z; });
        groups.forEach(function (g) { g.path = new Path2D(g.parts.join("")); g.parts = null; });
        groups.forEach(function (g) {
          if (!g.sty.fill) return;
          ctx.globalAlpha = g.sty.fillOpacity; ctx.fillStyle = g.sty.fill; ctx.fill(g.path, "evenodd");
        });
        groups.forEach(function (g) {
          if (!ws) return;
          ctx.globalAlpha = g.sty.opacity; ctx.strokeStyle = g.sty.stroke; ctx.lineWidth = g.sty.weight * ws;
          ctx.setLineDash(g.sty.dash || []); ctx.lineJoin = "round"; ctx.stroke(g.path);
        });
        ctx.globalAlpha = 1; ctx.setLineDash([]);
      });
    }

    var unitShapes = shapeStore(U.geom, scale, project), districtShapes = shapeStore(DI.geom, scale, project);
    mark("shapes");
    var unitStyle = new Array(nU), districtStyle = new Array(nD), styles = {};
    function sty(key, props) { if (!styles[key]) { props.key = key; styles[key] = props; } return styles[key]; }
    // Far out, commune outlines would only darken the fills: they thin, then go; district lines thin.
    var unitLayer = shapeLayer("overlayPane", unitShapes, function (u) { return unitStyle[u]; },
      function (z) { return z >= 9 ? 1 : z >= 7 ? 0.6 : 0; }).addTo(map);
    var districtLayer = shapeLayer("dxmapDistricts", districtShapes, function (d) { return districtStyle[d]; },
      function (z) { return z >= 9 ? 1 : z >= 7 ? 0.6 : 0.35; }).addTo(map);
    function degBounds(st, s) { var b = st.bbox; return L.latLngBounds([b[4 * s + 1], b[4 * s]], [b[4 * s + 3], b[4 * s + 2]]); }
    var allBounds = nD ? bboxBounds(DI.bbox.reduce(function (a, b) {
      return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
    })) : degBounds(unitShapes, 0);
    for (i = 1; !nD && i < nU; i++) allBounds.extend(degBounds(unitShapes, i));

    function styleOutlines() {
      var t = techs[state.tech];
      for (var u = 0; u < nU; u++) {
        if (!unitVisible(u)) { unitStyle[u] = sty("hidden", { z: 0, stroke: "#b0b0b0", weight: 0.5, opacity: 1 }); continue; }
        var shared = members[u].length > 1, fill = "#ffffff", opacity = 0.7;
        if (t && t.village) fill = binColour(t.unitCounts[u * NS]);
        else if (t && t.worst[u] >= 0) { fill = D.colours[t.worst[u]]; opacity = S[t.worst[u]] === "covered" ? 0.2 : 0.5; } // gaps stand out
        unitStyle[u] = sty(fill + opacity + (shared ? "s" : ""), { z: shared ? 2 : 1, fill: fill, fillOpacity: opacity,
          stroke: shared ? "#333333" : "#555555", weight: shared ? 1.4 : 0.7, opacity: 1, dash: shared ? [5, 4] : null });
      }
      for (var d = 0; d < nD; d++) {
        var on = state.district < 0 || d === state.district;
        districtStyle[d] = d === state.district ? sty("d-on", { z: 2, stroke: "#111111", weight: 3.5, opacity: 1 })
          : sty(on ? "d" : "d-off", { z: 1, stroke: "#222222", weight: 2.2, opacity: on ? 1 : 0.45 });
      }
      unitLayer.redraw();
      districtLayer.redraw();
    }

    var drawn = { x: new Float32Array(0), y: new Float32Array(0), k: new Int32Array(0), n: 0 };
    function drawTech(ti) {
      return function (ctx, v) {
        drawn.n = 0;
        var t = techs[ti], w = world(t.kind), pad = 12, cur = -1, f = v.f, ox = v.ox, oy = v.oy, parts = [], mp = null;
        var ms = markerScale(map.getZoom());
        if (drawn.k.length < t.n) { drawn.x = new Float32Array(t.n); drawn.y = new Float32Array(t.n); drawn.k = new Int32Array(t.n); }
        function flush() { if (cur >= 0 && parts.length) paintMarkers(ctx, new Path2D(parts.join("")), D.shapes[cur], D.colours[cur], Math.max(ms, 0.6)); parts = []; }
        for (var j2 = 0; j2 < t.order.length; j2++) {
          var k = t.order[j2], s = t.s[k];
          if (!state.show[s] || !inDistrict(t, k)) continue;
          var x = w[2 * k] * f - ox, y = w[2 * k + 1] * f - oy;
          if (x < -pad || y < -pad || x > v.w + pad || y > v.h + pad) continue;
          if (s !== cur) { flush(); cur = s; mp = markerPath(D.shapes[s], RADIUS[s] * ms); }
          parts.push("M", Math.round((x + mp.dx) * 10) / 10, " ", Math.round((y + mp.dy) * 10) / 10, mp.d);
          drawn.x[drawn.n] = x - v.px; drawn.y[drawn.n] = y - v.py; drawn.k[drawn.n++] = k; // container pixels
        }
        flush();
        if (state.found) {
          var fw = world(state.found.kind), fx = fw[2 * state.found.i] * f - ox, fy = fw[2 * state.found.i + 1] * f - oy;
          ctx.beginPath(); ctx.arc(fx, fy, 12, 0, 2 * Math.PI);
          ctx.lineWidth = 6; ctx.strokeStyle = "rgba(255,255,255,0.95)"; ctx.stroke();
          ctx.lineWidth = 3; ctx.strokeStyle = "#000000"; ctx.stroke();
        }
      };
    }
    var techLayers = techs.map(function (t, ti) { return new CanvasLayer("dxmapPoints", drawTech(ti)); });

    var labelLayer = new CanvasLayer("dxmapLabels", function (ctx, v) {
      var z = map.getZoom(), boxes = [], f = v.f, ox = v.ox, oy = v.oy;
      ctx.textAlign = "center"; ctx.textBaseline = "middle"; ctx.lineJoin = "round";
      function place(text, wx, wy, font, h, colour, st, s, fit) { // only where the area is wide enough for the name
        var x = wx * f - ox, y = wy * f - oy;
        if (x < 0 || y < 0 || x > v.w || y > v.h) return;
        ctx.font = font;
        var tw = ctx.measureText(text).width, areaW = (st.wb[4 * s + 2] - st.wb[4 * s]) * f;
        if (areaW < tw * fit) return;
        var w = tw / 2 + 3, b = [x - w, y - h / 2 - 1, x + w, y + h / 2 + 1];
        for (var q = 0; q < boxes.length; q++) {
          var o = boxes[q];
          if (b[0] < o[2] && b[2] > o[0] && b[1] < o[3] && b[3] > o[1]) return;
        }
        boxes.push(b);
        ctx.lineWidth = 3.5; ctx.strokeStyle = "rgba(255,255,255,0.92)"; ctx.strokeText(text, x, y);
        ctx.fillStyle = colour; ctx.fillText(text, x, y);
      }
      var dw = world("district"), uw = world("unit");
      if (z < DISTRICT_LABELS_UNTIL_ZOOM) {
        for (var d = 0; d < nD; d++) {
          if (state.district < 0 || d === state.district) place(DI.name[d], dw[2 * d], dw[2 * d + 1], "bold 14px system-ui, sans-serif", 14, "#111111", districtShapes, d, 0.5);
        }
      }
      if (z >= COMMUNE_LABELS_FROM_ZOOM) {
        for (var u = 0; u < nU; u++) {
          if (unitVisible(u)) place(unitName(u), uw[2 * u], uw[2 * u + 1], "11px system-ui, sans-serif", 11, "#222222", unitShapes, u, 0.6);
        }
      }
    });
    labelLayer.addTo(map);

    function hitsAt(cp) {
      var out = [];
      for (var q = drawn.n - 1; q >= 0; q--) {
        var dx = drawn.x[q] - cp.x, dy = drawn.y[q] - cp.y;
        if (dx * dx + dy * dy <= HIT_PX * HIT_PX) out.push(drawn.k[q]);
      }
      return out;
    }

    // ---- popups and tooltips ----
    function swatch(s, size) {
      size = size || 16;
      return markerSvg(D.shapes[s], D.colours[s], Math.min(RADIUS[s], size / 2 - 2) + (s === 4 ? 1.5 : 0), size);
    }
    function statusTable(list, k) {
      var body = el("tbody");
      list.forEach(function (t) {
        var s = t.s[k];
        body.appendChild(el("tr", {}, [
          el("th", { scope: "row", text: T[t.key] }),
          el("td", {}, s >= 0 ? [swatch(s, 14), " ", T[S[s]]] : ["–"]),
          el("td", { text: D.dates[t.t[k]] || "" })]));
        var more = [];
        if (t.src[k]) more.push(el("div", { text: T.source + ": " + D.strings[t.src[k]] }));
        if (t.note[k]) more.push(el("div", { text: T.note + ": " + D.strings[t.note[k]] }));
        if (more.length) body.appendChild(el("tr", { className: "dxmap-sub" }, [el("td", { colspan: 3 }, more)]));
      });
      return el("table", { className: "dxmap-poptable" }, [
        el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: T.map_technology }), el("th", { scope: "col", text: T.status }),
          el("th", { scope: "col", text: T.date })])]), body]);
    }
    function villageCounts(u) { // villages per status in map unit u, per village technology
      if (!villageTechs.length) return null;
      return el("div", { className: "dxmap-counts" }, villageTechs.map(function (t) {
        var parts = [el("b", { text: T[t.key] + " (" + T.villages + "): " })];
        for (var s = 0; s < NS; s++) {
          var n = t.unitCounts[u * NS + s];
          if (n) parts.push(el("span", { className: "dxmap-count" }, [swatch(s, 12), " " + T[S[s]] + " " + n]));
        }
        return el("div", {}, parts);
      }));
    }
    function villageCard(k) {
      var c = vC[k];
      return el("div", { className: "dxmap-card" }, [
        el("div", { className: "dxmap-card-name", text: V.name[k] }),
        el("div", { className: "dxmap-card-where", text: T.village_label + " · " + T.commune_label + ": " + (c >= 0 ? C.name[c] : "–") +
          " · " + T.district + ": " + (vD[k] >= 0 ? DI.name[vD[k]] : "–") }),
        statusTable(villageTechs, k)]);
    }
    function communeCard(k, withCounts) {
      return el("div", { className: "dxmap-card" }, [
        el("div", { className: "dxmap-card-name", text: C.name[k] }),
        el("div", { className: "dxmap-card-where", text: T.commune_label + " · " + T.district + ": " + DI.name[cD[k]] }),
        communeTechs.length ? statusTable(communeTechs, k) : null,
        withCounts && members[cU[k]].length === 1 ? villageCounts(cU[k]) : null]);
    }
    function unitCard(u) {
      var m = members[u];
      if (m.length === 1) return communeCard(m[0], true);
      return el("div", { className: "dxmap-card" }, [
        el("div", { className: "dxmap-card-name", text: fmt(T.map_shared_short, { n: m.length }) }),
        el("div", { className: "dxmap-card-where", text: T.district + ": " + DI.name[uD[u]] }),
        el("p", { className: "dxmap-note", text: T.shared_polygon + "." })]
        .concat(m.map(function (k) { return communeCard(k, false); }))
        .concat([villageCounts(u)]));
    }
    function cardFor(t, k) { return t.village ? villageCard(k) : communeCard(k, true); }
    var popup = L.popup({ maxWidth: 380, maxHeight: 420, autoPanPadding: [30, 30], className: "dxmap-popup" });
    function openPopup(latlng, node) { popup.setLatLng(latlng).setContent(node).openOn(map); }
    function pointsPopup(t, list, latlng) {
      var shown = list.slice(0, 4), box = el("div", {}, shown.map(function (k) { return cardFor(t, k); }));
      if (list.length > shown.length) box.appendChild(el("p", { className: "dxmap-note", text: fmt(T.map_more, { n: list.length - shown.length }) }));
      openPopup(latlng, box);
    }

    function unitAt(cp) { // the shown map unit under a container point, or -1
      if (!map.hasLayer(unitLayer)) return -1;
      var o = map.getPixelBounds().min, f = crs.scale(map.getZoom()) / crs.scale(0), x = (cp.x + o.x) / f, y = (cp.y + o.y) / f;
      for (var u = nU - 1; u >= 0; u--) if (unitVisible(u) && insideShape(unitShapes, u, x, y)) return u;
      return -1;
    }
    map.on("click", function (e) {
      var t = techs[state.tech], h = t && map.hasLayer(techLayers[state.tech]) ? hitsAt(e.containerPoint) : [];
      if (h.length) { pointsPopup(t, h, e.latlng); return; }
      var u = unitAt(e.containerPoint);
      if (u >= 0) openPopup(e.latlng, unitCard(u));
    });

    var tip = L.tooltip({ direction: "top", offset: [0, -10], className: "dxmap-tip", opacity: 0.95 });
    var tipKey = null, moveFrame = null;
    function tooltipAt(cp, target) {
      var over = map.getPane("mapPane").contains(target), t = techs[state.tech];
      var h = t && over && map.hasLayer(techLayers[state.tech]) ? hitsAt(cp) : [], hoverUnit = over && !h.length ? unitAt(cp) : -1;
      var key = null, text = null;
      if (h.length) {
        key = "p" + h[0];
        text = nameOf(t, h[0]) + " — " + T[S[t.s[h[0]]]] + (h.length > 1 ? " (+" + (h.length - 1) + ")" : "");
      } else if (hoverUnit >= 0) {
        key = "u" + hoverUnit;
        text = unitName(hoverUnit) + " (" + DI.name[uD[hoverUnit]] + ")";
        if (t && t.village) text += " — " + T[S[0]] + ": " + t.unitCounts[hoverUnit * NS] + " " + T.villages;
        else if (t && t.worst[hoverUnit] >= 0) text += " — " + T[S[t.worst[hoverUnit]]];
      }
      map.getContainer().style.cursor = h.length || hoverUnit >= 0 ? "pointer" : "";
      if (!key) { tipKey = null; map.closeTooltip(tip); return; }
      if (key !== tipKey) { tip.setContent(el("span", { text: text })); tipKey = key; }
      tip.setLatLng(map.containerPointToLatLng(cp));
      map.openTooltip(tip);
    }
    L.DomEvent.on(map.getContainer(), "mousemove", function (ev) {
      var cp = map.mouseEventToContainerPoint(ev), target = ev.target;
      if (moveFrame) return;
      moveFrame = L.Util.requestAnimFrame(function () { moveFrame = null; tooltipAt(cp, target); });
    });
    L.DomEvent.on(map.getContainer(), "mouseleave", function () { tipKey = null; map.closeTooltip(tip); });

    // ---- controls ----
    function control(position, build) {
      var c = L.control({ position: position });
      c.onAdd = function () {
        var box = build();
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      };
      return c;
    }

    // title, date and the illustrative banner (top left, above the zoom buttons)
    var notice = el("p", { className: "dxmap-notice", role: "status", hidden: true });
    var titleBox = el("div", { className: "dxmap-title leaflet-control" }, [
      el("h1", { text: D.title }),
      D.asOf && D.title.indexOf(D.asOf) < 0 ? el("p", { className: "dxmap-date", text: T.as_of + " " + D.asOf }) : null,
      D.illustrative ? el("p", { className: "dxmap-banner", text: T.illustrative }) : null,
      notice]);
    var hadZoom = !!map.zoomControl && !!map.zoomControl._map;
    if (hadZoom) map.zoomControl.remove();
    control("topleft", function () { return titleBox; }).addTo(map);
    if (hadZoom) map.zoomControl.addTo(map);

    // district filter, technology, search (top right)
    var select = el("select", { id: id + "-district", className: "dxmap-district", change: function () { setDistrict(+select.value); } },
      [el("option", { value: "-1", text: allLabel() })].concat(DI.name.length === 1 ? [] : DI.name.map(function (n, d) { return el("option", { value: String(d), text: n }); })));
    var techBox = el("fieldset", { className: "dxmap-techs" }, [el("legend", { text: T.map_technology })].concat(techs.map(function (t, ti) {
      return el("label", {}, [el("input", { type: "radio", name: id + "-tech", value: t.key, checked: ti === state.tech,
        change: function () { setTech(ti); } }), " " + T[t.key]]);
    })));
    var searchInput = el("input", { id: id + "-search", type: "search", className: "dxmap-search", role: "combobox",
      autocomplete: "off", spellcheck: "false", placeholder: T.map_search_hint, "aria-autocomplete": "list",
      "aria-expanded": "false", "aria-controls": id + "-results" });
    var resultList = el("ul", { id: id + "-results", className: "dxmap-results", role: "listbox", "aria-label": T.map_search, hidden: true });
    var panel = el("div", { className: "dxmap-panel" }, [
      el("label", { className: "dxmap-lab", for: id + "-district", text: T.map_district_filter }), select,
      techBox,
      el("label", { className: "dxmap-lab", for: id + "-search", text: T.map_search }), searchInput, resultList,
      el("button", { type: "button", className: "dxmap-btn dxmap-print", text: T.map_print, click: function () { window.print(); } })]);
    control("topright", function () { return panel; }).addTo(map);

    var overlays = {};
    overlays[T.districts] = districtLayer;
    overlays[T.map_labels] = labelLayer;
    if (D.basemap !== null && D.basemap !== undefined) {
      var tiles = L.tileLayer(D.tiles.url, { attribution: D.tiles.attribution, maxZoom: D.tiles.maxZoom });
      overlays[T.map_basemap_online] = tiles;
      if (D.basemap) tiles.addTo(map);
    }
    var layersControl = L.control.layers(null, overlays, { collapsed: false, position: "topright" }).addTo(map);
    function watchTiles(layer) {
      if (!(layer instanceof L.TileLayer) || layer._dxWatched) return;
      layer._dxWatched = true;
      layer.on("tileerror", function () { notice.textContent = T.map_basemap_failed; notice.hidden = false; });
      layer.on("tileload", function () { notice.hidden = true; });
    }
    map.eachLayer(watchTiles);
    map.on("layeradd", function (e) { watchTiles(e.layer); });

    // legend with live counts (bottom left)
    var legendTitle = el("div", { className: "dxmap-legend-title" });
    var countCells = [], headCells = [], legendRows = [];
    var headRow = el("tr", {}, [el("td", {})]);
    techs.forEach(function (t, ti) {
      headCells[ti] = el("th", { scope: "col", "data-tech": t.key, text: T["map_short_" + t.key] || T[t.key], title: T[t.key] });
      headRow.appendChild(headCells[ti]);
    });
    var legendBody = el("tbody");
    S.forEach(function (s, si) {
      var box = el("input", { type: "checkbox", id: id + "-show-" + s, checked: state.show[si], "aria-label": fmt(T.map_show_status, { status: T[s] }),
        change: function () { state.show[si] = box.checked; refresh(false); } });
      var row = el("tr", {}, [el("th", { scope: "row" }, [box, el("label", { for: id + "-show-" + s }, [swatch(si), " " + T[s]])])]);
      techs.forEach(function (t, ti) {
        var td = el("td", { className: "dxmap-num", "data-tech": t.key, "data-status": s, text: "0" });
        countCells.push([ti, si, td]);
        row.appendChild(td);
      });
      legendRows.push(row);
      legendBody.appendChild(row);
    });
    var unitRow = el("tr", { className: "dxmap-units" }, [el("td", {})].concat(techs.map(function (t) { return el("td", { text: t.village ? T.villages : T.communes }); })));
    legendBody.appendChild(unitRow);
    var fillKey = el("div", { className: "dxmap-fillkey" });
    var hasShared = members.some(function (m) { return m.length > 1; });
    var legendBox = el("div", { className: "dxmap-legend", role: "region", "aria-label": T.legend }, [
      legendTitle,
      el("table", { className: "dxmap-legend-table" }, [el("thead", {}, [headRow]), legendBody]),
      fillKey,
      el("div", { className: "dxmap-linekey" }, [el("span", { className: "dxmap-line" }), " " + T.districts]),
      hasShared ? el("div", { className: "dxmap-linekey" }, [el("span", { className: "dxmap-line dxmap-dashed" }), " " + T.map_shared_line]) : null,
      D.simplified ? el("div", { className: "dxmap-simplified", text: fmt(T.map_simplified, { m: D.simplified.toLocaleString(D.lang) }) }) : null]);
    control("bottomleft", function () { return legendBox; }).addTo(map);

    function counts(t) {
      var c = new Array(NS).fill(0);
      for (var k = 0; k < t.n; k++) { var s = t.s[k]; if (s >= 0 && inDistrict(t, k)) c[s]++; }
      return c;
    }
    function updateLegend() {
      legendTitle.textContent = T.legend + " — " + (state.district < 0 ? allLabel() : districtTitle(state.district));
      var all = techs.map(counts);
      countCells.forEach(function (x) {
        x[2].textContent = all[x[0]][x[1]].toLocaleString(D.lang);
        x[2].classList.toggle("dxmap-active", x[0] === state.tech);
      });
      headCells.forEach(function (h, ti) { h.classList.toggle("dxmap-active", ti === state.tech); });
      fillKey.textContent = "";
      var t = techs[state.tech];
      if (!t) return;
      if (t.village) {
        fillKey.appendChild(el("div", { text: fmt(T.map_fill_gaps, { tech: T[t.key] }) }));
        fillKey.appendChild(el("div", { className: "dxmap-bins" }, D.bins.map(function (b) {
          var txt = b[0] === b[1] ? String(b[0]) : b[1] > 999 ? b[0] + "+" : b[0] + "–" + b[1];
          return el("span", {}, [el("span", { className: "dxmap-bin", style: "background:" + b[2] }), txt]);
        })));
      } else {
        fillKey.appendChild(el("div", { text: fmt(T.map_fill_lan, { tech: T[t.key] }) }));
      }
      return all;
    }

    // table of what is shown, with CSV export (bottom right)
    var tableHead = el("h2", { id: id + "-table-h", className: "dxmap-table-h" });
    var tableNote = el("p", { className: "dxmap-tablenote", "aria-live": "polite" });
    var thead = el("thead"), tbody = el("tbody");
    var table = el("table", { className: "dxmap-table", "aria-labelledby": id + "-table-h" }, [thead, tbody]);
    var tableWrap = el("div", { id: id + "-table-wrap", className: "dxmap-tablewrap" }, [table, tableNote]);
    var toggle = el("button", { type: "button", className: "dxmap-btn", "aria-controls": id + "-table-wrap", click: function () { setTableOpen(tableWrap.hidden); } });
    var csvButton = el("button", { type: "button", className: "dxmap-btn dxmap-csv", text: T.map_download_csv, click: function () { downloadCsv(); } });
    var tableBox = el("section", { className: "dxmap-tablebox", "aria-labelledby": id + "-table-h" }, [
      el("div", { className: "dxmap-tablebar" }, [tableHead, csvButton, toggle]), tableWrap]);
    control("bottomright", function () { return tableBox; }).addTo(map);
    function setTableOpen(open) {
      tableWrap.hidden = !open;
      toggle.textContent = open ? T.map_hide_table : T.map_show_table;
      toggle.setAttribute("aria-expanded", String(open));
      if (open) updateTable();
    }
    setTableOpen(false);

    var collator = new Intl.Collator(D.lang === "vi" ? "vi" : "en", { numeric: true, sensitivity: "base" });
    var ranks = {};
    function rankOf(names) { // position of each name in collation order, computed once per list
      var idx = names.map(function (_, k) { return k; }).sort(function (a, b) { return collator.compare(names[a], names[b]); });
      var r = new Int32Array(names.length);
      idx.forEach(function (k, p) { r[k] = p; });
      return r;
    }
    function rank(list, key) { if (!ranks[key]) ranks[key] = rankOf(list); return ranks[key]; }
    function columns(t) {
      var cols = [{ key: "name", label: t.village ? T.village_label : T.commune_label }];
      if (t.village) cols.push({ key: "commune", label: T.commune_label });
      return cols.concat([{ key: "district", label: T.district }, { key: "status", label: T.status }, { key: "date", label: T.date },
        { key: "source", label: T.source }, { key: "note", label: T.note }]);
    }
    function cell(t, k, key) {
      if (key === "name") return nameOf(t, k);
      if (key === "commune") return vC[k] >= 0 ? C.name[vC[k]] : "";
      if (key === "district") return t.dist[k] >= 0 ? DI.name[t.dist[k]] : "";
      if (key === "status") return T[S[t.s[k]]];
      if (key === "date") return D.dates[t.t[k]] || "";
      if (key === "source") return D.strings[t.src[k]] || "";
      return D.strings[t.note[k]] || "";
    }
    function sortValue(t, key) { // an integer per row that sorts like the column
      if (key === "status") return function (k) { return t.s[k]; };
      if (key === "district") { var rd = rank(DI.name, "d"); return function (k) { return t.dist[k] >= 0 ? rd[t.dist[k]] : -1; }; }
      if (key === "commune" || (key === "name" && !t.village)) { var rc = rank(C.name, "c"); return function (k) { var c = t.village ? vC[k] : k; return c >= 0 ? rc[c] : -1; }; }
      if (key === "name") { var rv = rank(V.name, "v"); return function (k) { return rv[k]; }; }
      if (key === "date") { var rt = rank(D.dates, "t"); return function (k) { return rt[t.t[k]]; }; }
      var rs = rank(D.strings, "s"), arr = key === "source" ? t.src : t.note;
      return function (k) { return rs[arr[k]]; };
    }
    function shownRows() {
      var t = techs[state.tech], rows = [];
      if (!t) return rows;
      for (var k = 0; k < t.n; k++) { var s = t.s[k]; if (s >= 0 && state.show[s] && inDistrict(t, k)) rows.push(k); }
      var keys = (state.sortKey ? [state.sortKey] : []).concat(["status", "district", t.village ? "commune" : "name"]);
      var fns = keys.map(function (key) { return sortValue(t, key); }), dir = state.sortDir;
      rows.sort(function (a, b) {
        for (var q = 0; q < fns.length; q++) {
          var d = fns[q](a) - fns[q](b);
          if (d) return q === 0 && state.sortKey ? d * dir : d;
        }
        return a - b;
      });
      return rows;
    }
    function shownCount() {
      var t = techs[state.tech], n = 0;
      for (var k = 0; t && k < t.n; k++) { var s = t.s[k]; if (s >= 0 && state.show[s] && inDistrict(t, k)) n++; }
      return n;
    }
    function updateTable() { // the rows are built only while the table is open
      var t = techs[state.tech], open = !tableWrap.hidden;
      var rows = open ? shownRows() : null, n = open ? rows.length : shownCount(), cols = t && open ? columns(t) : [];
      tableHead.textContent = t ? fmt(T.map_table_title, { tech: T[t.key] }) + " — " + fmt(T.map_rows, { n: n.toLocaleString(D.lang) }) : "";
      tableHead.setAttribute("data-rows", String(n));
      if (!open) { thead.textContent = ""; tbody.textContent = ""; tableNote.textContent = ""; return n; }
      thead.textContent = "";
      thead.appendChild(el("tr", {}, cols.map(function (c) {
        var sorted = state.sortKey === c.key;
        return el("th", { scope: "col", "aria-sort": sorted ? (state.sortDir > 0 ? "ascending" : "descending") : "none", "data-key": c.key }, [
          el("button", { type: "button", className: "dxmap-sortbtn", click: function () {
            state.sortDir = state.sortKey === c.key ? -state.sortDir : 1;
            state.sortKey = c.key;
            updateTable();
            thead.querySelector('th[data-key="' + c.key + '"] button').focus(); // the header was rebuilt
          } }, [c.label, el("span", { "aria-hidden": "true", text: sorted ? (state.sortDir > 0 ? " ▲" : " ▼") : " ↕" })])]);
      })));
      var frag = document.createDocumentFragment(), max = Math.min(rows.length, D.maxRows);
      for (var r = 0; r < max; r++) {
        var k = rows[r];
        frag.appendChild(el("tr", { "data-status": S[t.s[k]] }, cols.map(function (c, ci) {
          var v = cell(t, k, c.key);
          if (ci === 0) return el("td", {}, [el("button", { type: "button", className: "dxmap-link", "aria-label": fmt(T.map_zoom_to, { name: v }),
            click: goTo.bind(null, t.kind, k) }, [v])]);
          if (c.key === "status") return el("td", {}, [swatch(t.s[k], 12), " " + v]);
          return el("td", { text: v });
        })));
      }
      tbody.textContent = "";
      tbody.appendChild(frag);
      tableNote.textContent = rows.length > max ? fmt(T.map_rows_shown, { shown: max.toLocaleString(D.lang), total: rows.length.toLocaleString(D.lang) }) : "";
      return n;
    }

    function csvField(v, numeric) {
      var s = v === null || v === undefined ? "" : String(v);
      if (!numeric && /^[=+\-@\t\r]/.test(s)) s = "'" + s; // keep spreadsheets from running it as a formula
      return '"' + s.replace(/"/g, '""') + '"';
    }
    function csvText() {
      var t = techs[state.tech], rows = shownRows(), p = pts[t.kind];
      var head = [T.map_id, t.village ? T.village_label : T.commune_label, T.commune_label, T.map_commune_code, T.district,
        T.map_technology, T.status, T.date, T.source, T.note, T.map_lon, T.map_lat];
      var lines = [head.map(function (h) { return csvField(h); }).join(",")];
      rows.forEach(function (k) {
        var c = t.village ? vC[k] : k;
        lines.push([
          csvField(t.village ? V.id[k] : C.code[k]), csvField(nameOf(t, k)), csvField(c >= 0 ? C.name[c] : ""), csvField(c >= 0 ? C.code[c] : ""),
          csvField(cell(t, k, "district")), csvField(T[t.key]), csvField(T[S[t.s[k]]]), csvField(cell(t, k, "date")),
          csvField(cell(t, k, "source")), csvField(cell(t, k, "note")),
          csvField(p[2 * k].toFixed(decimals), true), csvField(p[2 * k + 1].toFixed(decimals), true)].join(","));
      });
      return "\ufeff" + lines.join("\r\n") + "\r\n";
    }
    function downloadCsv() {
      var t = techs[state.tech];
      if (!t) return;
      var where = state.district < 0 ? "all" : fold(DI.name[state.district]).replace(/ /g, "-");
      var a = el("a", { href: URL.createObjectURL(new Blob([csvText()], { type: "text/csv;charset=utf-8" })),
        download: "dxmap_" + t.key + "_" + where + (D.asOf ? "_" + D.asOf : "") + ".csv" });
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
    }

    // ---- search ----
    var index = null;
    function buildIndex() {
      index = { key: [], kind: [], i: [] };
      function add(names, kind) { names.forEach(function (n, k) { index.key.push(fold(n)); index.kind.push(kind); index.i.push(k); }); }
      add(DI.name, "district"); add(C.name, "commune"); add(V.name, "village");
    }
    var KIND_ORDER = { district: 0, commune: 1, village: 2 };
    function search(q) {
      if (!index) buildIndex();
      var k = fold(q), out = [];
      if (!k) return out;
      function scan(key) {
        for (var n = 0; n < index.key.length; n++) {
          var s = index.key[n], p = s.indexOf(key);
          if (p < 0) continue;
          out.push([s === key ? 0 : p === 0 ? 1 : s.charAt(p - 1) === " " ? 2 : 3, KIND_ORDER[index.kind[n]], s.length, n]);
        }
      }
      scan(k);
      var bare = k.replace(/^(xa|phuong|thi tran|tt|huyen|thon|to dan pho|tdp) /, "");
      if (!out.length && bare !== k) scan(bare);
      out.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3]; });
      return out.map(function (r) { return { kind: index.kind[r[3]], i: index.i[r[3]] }; });
    }
    function describe(hit) {
      if (hit.kind === "district") return { name: DI.name[hit.i], where: T.map_kind_district };
      if (hit.kind === "commune") return { name: C.name[hit.i], where: T.commune + " · " + DI.name[cD[hit.i]] };
      var c = vC[hit.i];
      return { name: V.name[hit.i], where: T.village + " · " + (c >= 0 ? C.name[c] + ", " : "") + (vD[hit.i] >= 0 ? DI.name[vD[hit.i]] : "") };
    }
    var results = [], active = -1;
    function showResults(list) {
      results = list.slice(0, 10);
      active = results.length ? 0 : -1;
      resultList.textContent = "";
      results.forEach(function (hit, n) {
        var d = describe(hit);
        resultList.appendChild(el("li", { id: id + "-opt-" + n, role: "option", "aria-selected": n === active ? "true" : "false",
          "data-kind": hit.kind, mousedown: function (ev) { ev.preventDefault(); choose(n); } },
          [el("span", { className: "dxmap-hit-name", text: d.name }), el("span", { className: "dxmap-hit-where", text: " — " + d.where })]));
      });
      if (!list.length && searchInput.value.trim()) resultList.appendChild(el("li", { className: "dxmap-nohit", text: T.map_no_match }));
      if (list.length > results.length) resultList.appendChild(el("li", { className: "dxmap-nohit", text: fmt(T.map_more, { n: list.length - results.length }) }));
      var open = resultList.childNodes.length > 0;
      resultList.hidden = !open;
      searchInput.setAttribute("aria-expanded", String(open));
      markActive();
    }
    function markActive() {
      results.forEach(function (_, n) { var o = document.getElementById(id + "-opt-" + n); if (o) o.setAttribute("aria-selected", n === active ? "true" : "false"); });
      if (active >= 0) searchInput.setAttribute("aria-activedescendant", id + "-opt-" + active);
      else searchInput.removeAttribute("aria-activedescendant");
    }
    function closeResults() { resultList.hidden = true; searchInput.setAttribute("aria-expanded", "false"); searchInput.removeAttribute("aria-activedescendant"); }
    function choose(n) {
      var hit = results[n];
      if (!hit) return;
      searchInput.value = describe(hit).name;
      closeResults();
      goTo(hit.kind, hit.i);
    }
    var searchTimer = null;
    searchInput.addEventListener("input", function () {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(function () { showResults(search(searchInput.value)); }, 120);
    });
    searchInput.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        if (resultList.hidden) showResults(search(searchInput.value));
        if (results.length) active = (active + (ev.key === "ArrowDown" ? 1 : results.length - 1)) % results.length;
        markActive();
        ev.preventDefault();
      } else if (ev.key === "Enter") {
        clearTimeout(searchTimer);
        if (resultList.hidden || !results.length) showResults(search(searchInput.value));
        choose(active >= 0 ? active : 0);
        ev.preventDefault();
      } else if (ev.key === "Escape") {
        closeResults();
      }
    });
    searchInput.addEventListener("blur", function () { setTimeout(closeResults, 150); });

    // ---- actions ----
    function fitTo(bounds, maxZoom) { // keep the area clear of the title, the legend and the panel where there is room
      var size = map.getSize();
      var left = Math.min(legendBox.offsetWidth || 0, size.x * 0.3), top = Math.min(titleBox.offsetHeight || 0, size.y * 0.25);
      var right = printing ? 0 : Math.min(panel.offsetWidth || 0, size.x * 0.3); // the panel is not printed
      map.fitBounds(bounds, { paddingTopLeft: [left + 16, top + 16], paddingBottomRight: [right + 16, 16], maxZoom: maxZoom || 16, animate: false });
    }
    function districtBounds(d) { return d < 0 ? allBounds : bboxBounds(DI.bbox[d]); }
    function goTo(kind, k) {
      if (kind === "district") { setDistrict(k); return; }
      var d = kind === "commune" ? cD[k] : vD[k];
      if (state.district >= 0 && d !== state.district) setDistrict(-1, false);
      state.found = { kind: kind, i: k };
      var p = pts[kind], ll = L.latLng(p[2 * k + 1], p[2 * k]);
      if (kind === "commune" && members[cU[k]].length === 1 && unitShapes.bbox[4 * cU[k]] <= unitShapes.bbox[4 * cU[k] + 2]) fitTo(degBounds(unitShapes, cU[k]), 13);
      else map.setView(ll, Math.max(map.getZoom(), kind === "commune" ? 12 : 14), { animate: false });
      redrawPoints();
      openPopup(ll, kind === "commune" ? communeCard(k, true) : villageCard(k));
    }
    function redrawPoints() { var l = techLayers[state.tech]; if (l) l.redraw(); }
    function refresh(labels) {
      redrawPoints();
      if (labels) labelLayer.redraw();
      updateLegend();
      updateTable();
    }
    function setDistrict(d, zoom) {
      state.district = d;
      state.found = null;
      select.value = String(d);
      map.closePopup();
      styleOutlines();
      if (zoom !== false) fitTo(districtBounds(d));
      refresh(true);
    }
    function setTech(ti) {
      if (techLayers[state.tech]) map.removeLayer(techLayers[state.tech]);
      state.tech = ti;
      state.sortKey = null;
      var radio = techBox.querySelector('input[value="' + techs[ti].key + '"]');
      if (radio) radio.checked = true;
      map.addLayer(techLayers[ti]);
      styleOutlines();
      refresh(false);
    }

    // ---- print: the whole selection on one landscape page ----
    // The browser lays the page out for print right after "beforeprint", with no event in between, so
    // the map takes its printed size (it fits A4 landscape inside the margins) and is redrawn now.
    // Chromium prints a canvas as an opaque rectangle, which would hide every layer below it, so the
    // layers are flattened into one transparent PNG image for the print.
    var printing = false, screenView = null, printImage = null;
    function onPrint(on) {
      if (on === printing) return;
      printing = on;
      var box = map.getContainer();
      if (on) screenView = { center: map.getCenter(), zoom: map.getZoom() };
      box.classList.toggle("dxmap-printing", on);
      map.invalidateSize({ pan: false });
      if (on) fitTo(districtBounds(state.district));
      else if (screenView) map.setView(screenView.center, screenView.zoom, { animate: false });
      var shown = [unitLayer, districtLayer, labelLayer, techLayers[state.tech]].filter(function (l) { return l && map.hasLayer(l); });
      shown.forEach(function (l) { l.redrawNow(); });
      if (printImage) { printImage.remove(); printImage = null; }
      shown.forEach(function (l) { l._c.style.visibility = on ? "hidden" : ""; });
      if (!on || !shown.length) return;
      var first = shown[0]._c, flat = el("canvas", { width: first.width, height: first.height }), ctx = flat.getContext("2d");
      shown.forEach(function (l) { ctx.drawImage(l._c, 0, 0); });
      printImage = el("img", { className: "dxmap-print-image", alt: "", src: flat.toDataURL("image/png") });
      printImage.style.cssText = first.style.cssText;
      printImage.style.visibility = "visible";
      map.getPane("dxmapPoints").appendChild(printImage);
    }
    window.addEventListener("beforeprint", function () { onPrint(true); });
    window.addEventListener("afterprint", function () { onPrint(false); });
    if (window.matchMedia) {
      var mq = window.matchMedia("print");
      if (mq.addEventListener) mq.addEventListener("change", function (e) { onPrint(e.matches); });
    }

    // ---- start ----
    mark("controls");
    styleOutlines();
    fitTo(allBounds);
    mark("outlines");
    if (techLayers[state.tech]) map.addLayer(techLayers[state.tech]);
    mark("markers");
    updateLegend();
    updateTable();
    mark("legend_table");

    return {
      map: map, data: D, state: state, timings: marks,
      setDistrict: setDistrict, setTech: function (key) { var ti = techs.findIndex(function (t) { return t.key === key; }); if (ti >= 0) setTech(ti); },
      search: function (q) { return search(q).map(describe); },
      counts: function () { var out = {}; techs.forEach(function (t) { var c = counts(t); out[t.key] = {}; S.forEach(function (s, si) { out[t.key][s] = c[si]; }); }); return out; },
      rows: function () { return shownRows().length; },
      /** Index of a village (by id) or commune (by code), and where it is on screen: for tests and scripts. */
      index: function (kind, id) { return (kind === "village" ? V.id : C.code).indexOf(id); },
      locate: function (kind, k) { var p = pts[kind], cp = map.latLngToContainerPoint([p[2 * k + 1], p[2 * k]]); return { x: cp.x, y: cp.y }; },
      csv: csvText,
      layers: { units: unitLayer, districts: districtLayer, labels: labelLayer, techs: techLayers, control: layersControl },
      shapes: { units: unitShapes, districts: districtShapes }
    };
  }
})();

/*! dxmap gap map page: the canvas layers. Commune and district outlines, markers (one layer per technology), place names. */
(function () {
  "use strict";
  var dxmap = (globalThis.dxmap = globalThis.dxmap || {});

  dxmap.BIN_OPACITY = 0.7; // a commune's fill by its villages lacking a technology; the legend's swatches are as pale

  var PAD = 0.15; // share of the view drawn beyond each edge, so that panning shows no blank strip
  var COMMUNE_LABELS_FROM_ZOOM = 9.25;
  var DISTRICT_LABELS_UNTIL_ZOOM = 10.5;
  var VILLAGE_LABELS_FROM_ZOOM = 12; // about the zoom at which one commune fills the view
  var SMALL_DISTRICT_FONT = "bold 11px system-ui, sans-serif", SMALL_DISTRICT_SIZE = 11; // a full district's name
  var DISTRICT_NAME_WIDTH = 200; // px: a longer district name is cut short with "…" (it found no room and was left out)
  var FOUND_REACH = 15, FOUND_FONT = "bold 11px system-ui, sans-serif"; // the ring around the place found: radius 12, line 6
  var CanvasLayer = null;

  /** A Leaflet layer that is one canvas, redrawn by draw(ctx, view) after each move (made once Leaflet is there). */
  function canvasLayerClass() {
    if (CanvasLayer) return CanvasLayer;
    CanvasLayer = L.Layer.extend({
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
        if (!this._tl) return; // not drawn yet: nothing to move
        L.DomUtil.setTransform(this._c, m._latLngToNewLayerPoint(this._tl, e.zoom, e.center), m.getZoomScale(e.zoom, this._z));
      },
      redrawNow: function () {
        var m = this._map;
        if (this._frame) { L.Util.cancelAnimFrame(this._frame); this._frame = null; }
        if (!m) return this;
        var size = m.getSize(), r = window.devicePixelRatio || 1, c = this._c, crs = m.options.crs;
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
        this._view = { w: w, h: h, f: crs.scale(this._z) / crs.scale(0), ox: o.x - px, oy: o.y - py, px: px, py: py, ratio: r };
        this._draw(ctx, this._view);
        return this;
      }
    });
    return CanvasLayer;
  }

  /**
   * The page's canvas layers on P.map, drawn from P.model as P.state says. Returns the layers and
   * what the rest of the page asks of them: restyle, redraw, and what is under a point.
   */
  dxmap.layers = function (P) {
    var map = P.map, M = P.model, D = P.data, state = P.state, NS = M.NS, S = M.S, Layer = canvasLayerClass();
    map.createPane("dxmapDistricts").style.zIndex = 430;
    // names under the markers (the markers are what the map is for: a name never hides one), each on a white halo
    map.createPane("dxmapLabels").style.zIndex = 440;
    map.createPane("dxmapPoints").style.zIndex = 450;

    /** A layer drawing a shape store; style(s) gives each shape's style object (shared objects batch into one path). */
    function shapeLayer(pane, st, style, weightScale) {
      return new Layer(pane, function (ctx, v) {
        var groups = [], byKey = {}, z = map.getZoom(), ws = weightScale(z), b = st.wb;
        v.level = st.level(z);
        for (var s = 0; s < st.n; s++) {
          if (!(b[4 * s + 2] * v.f - v.ox >= 0 && b[4 * s] * v.f - v.ox <= v.w && b[4 * s + 3] * v.f - v.oy >= 0 && b[4 * s + 1] * v.f - v.oy <= v.h)) continue;
          var sty = style(s);
          if (!sty) continue;
          var g = byKey[sty.key];
          if (!g) { g = byKey[sty.key] = { sty: sty, parts: [] }; groups.push(g); }
          dxmap.traceShape(g.parts, st, s, v);
        }
        groups.sort(function (a, c) { return a.sty.z - c.sty.z; });
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

    var unitShapes = dxmap.shapeStore(M.U.geom, M.scale, P.project), districtShapes = dxmap.shapeStore(M.DI.geom, M.scale, P.project);
    P.mark("shapes");
    var unitStyle = new Array(M.nU), districtStyle = new Array(M.nD), styles = {};
    function sty(key, props) { if (!styles[key]) { props.key = key; styles[key] = props; } return styles[key]; }
    // Far out, commune outlines would only darken the fills: they thin, then go; district lines thin.
    var unitLayer = shapeLayer("overlayPane", unitShapes, function (u) { return unitStyle[u]; },
      function (z) { return z >= 9 ? 1 : z >= 7 ? 0.6 : 0; }).addTo(map);
    var districtLayer = shapeLayer("dxmapDistricts", districtShapes, function (d) { return districtStyle[d]; },
      function (z) { return z >= 9 ? 1 : z >= 7 ? 0.6 : 0.35; }).addTo(map);

    /** The worst status of map unit u among the statuses shown, or -1. */
    function shownWorst(t, u) {
      for (var s = 0; s < NS; s++) if (t.unitCounts[u * NS + s] && state.show[s]) return s;
      return -1;
    }
    /** The fill of map unit u for technology t: villages lacking it (bins) or the commune's own status. */
    function unitFill(t, u) {
      if (t && t.village) { // no village with a record: the unknown colour, never the "0 without it" bin
        if (M.unitWithoutData(t, u)) return { fill: D.colours[S.indexOf("unknown")], opacity: 0.5 };
        return { fill: M.binColour(t.unitCounts[u * NS]), opacity: dxmap.BIN_OPACITY };
      }
      var w = t ? shownWorst(t, u) : -1;
      // a commune merged from former ones, some of which lack it: its own colour, never one guessed status
      if (w === 0 && M.formerGapUnit(t, u)) return { fill: dxmap.FORMER_COLOUR, opacity: 0.55 };
      if (w < 0) return { fill: "#ffffff", opacity: 0.7 };
      return { fill: D.colours[w], opacity: S[w] === "covered" ? 0.2 : 0.5 }; // gaps stand out
    }
    function restyle() {
      var t = M.techs[state.tech];
      for (var u = 0; u < M.nU; u++) {
        if (!M.unitInDistrict(u, state.district, state.commune)) { unitStyle[u] = sty("hidden", { z: 0, stroke: "#b0b0b0", weight: 0.5, opacity: 1 }); continue; }
        var shared = M.members[u].length > 1, approx = M.unitApprox(u), f = unitFill(t, u);
        unitStyle[u] = sty(f.fill + f.opacity + (shared ? "s" : "") + (approx ? "a" : ""), { z: shared || approx ? 2 : 1, fill: f.fill,
          fillOpacity: f.opacity, stroke: shared ? "#333333" : "#555555", weight: shared || approx ? 1.4 : 0.7, opacity: 1,
          dash: shared ? [5, 4] : approx ? [2, 3] : null });
      }
      for (var d = 0; d < M.nD; d++) {
        var on = M.districtIn(d, state.district); // a province chosen: its districts
        districtStyle[d] = d === state.district ? sty("d-on", { z: 2, stroke: "#111111", weight: 3.5, opacity: 1 })
          : sty(on ? "d" : "d-off", { z: 1, stroke: "#222222", weight: 2.2, opacity: on ? 1 : 0.45 });
      }
      unitLayer.redraw();
      districtLayer.redraw();
    }

    // ---- markers: the shown units of one technology, the found place ringed ----
    var drawn = { x: new Float32Array(0), y: new Float32Array(0), k: new Int32Array(0), n: 0 };
    /** The radius (px at marker scale ms) a unit of status s drawn with dxmap.drawnAs bits reaches (dxmap.drawnRadius), read
     * once per status, bits and scale. */
    var reach = {};
    function markerRadius(s, bits, ms) {
      var key = s + ":" + bits + ":" + ms;
      return reach[key] === undefined ? (reach[key] = dxmap.drawnRadius(s, bits, D, ms)) : reach[key];
    }
    /**
     * Per technology, whether a district has no unit with a known status: its grey fill says so, and a marker on each of
     * its units would only hide the names (169 squares over Yên Bái's former districts in a 2025 LAN view). Its units'
     * "unknown" markers are not drawn; the legend and the table still count and list them.
     */
    var UNKNOWN = S.indexOf("unknown"), withoutData = [];
    function unknownUnseen(t, k) {
      var ti = M.techs.indexOf(t);
      if (!withoutData[ti]) withoutData[ti] = M.DI.name.map(function (name, d) {
        return M.counts(t, d, -1).every(function (n, s) { return !n || s === UNKNOWN; });
      });
      var ds = M.districtsOf(t, k);
      return ds.length > 0 && ds.every(function (d) { return withoutData[ti][d]; });
    }
    /** Call visit(k, x, y, s, bits) for each marker of t drawn in view v (canvas pixels), in draw order (bits: dxmap.drawnAs). */
    function eachMarker(t, v, pad, visit) {
      var w = P.world(t.kind), f = v.f, ox = v.ox, oy = v.oy;
      for (var j = 0; j < t.order.length; j++) {
        var k = t.order[j], bits = M.drawnAs(t, k, state.show, state.showChange);
        if (!bits || !M.hasPlace(t.kind, k) || !M.inDistrict(t, k, state.district, state.commune)) continue;
        if (t.s[k] === UNKNOWN && bits === dxmap.DRAW_STATUS && unknownUnseen(t, k)) continue;
        var x = w[2 * k] * f - ox, y = w[2 * k + 1] * f - oy;
        if (x < -pad || y < -pad || x > v.w + pad || y > v.h + pad) continue;
        visit(k, x, y, t.s[k], bits);
      }
    }
    var crowdWas = {}; // per technology: {key, w} of its last view
    /**
     * The markers of t drawn in view v (eachMarker's, `pad` px beyond it) as arrays k, x, y, s, bits of length n, those
     * drawn whole (`whole`, indices into them) and those too crowded to be (`dots`; dxmap.wholeStatuses): the markers'
     * layer and the names decide alike. `reduced`: some are dots.
     */
    function markersIn(t, v, pad) {
      var m = { k: [], x: [], y: [], s: [], bits: [], whole: [], dots: [] };
      eachMarker(t, v, pad, function (k, x, y, s, bits) { m.k.push(k); m.x.push(x); m.y.push(y); m.s.push(s); m.bits.push(bits); });
      m.n = m.k.length;
      // what the last view of the same markers at this zoom drew as dots (dxmap.wholeStatuses' hysteresis): panning
      // keeps it unless the view is clearly more or less crowded; another zoom, technology, tick or place: afresh
      var key = [map.getZoom(), state.show.join(), state.showChange ? state.showChange.join() : "", state.district,
        state.commune].join("|"), was = crowdWas[t.key];
      var w = dxmap.wholeStatuses(m.x, m.y, m.s, m.n, NS, was && was.key === key ? was.w : undefined);
      crowdWas[t.key] = { key: key, w: w };
      for (var i = 0; i < m.n; i++) (m.s[i] < w ? m.whole : m.dots).push(i);
      m.reduced = m.dots.length > 0;
      return m;
    }
    function drawTech(ti) {
      return function (ctx, v) {
        var t = M.techs[ti], ms = dxmap.markerScale(map.getZoom()), m = markersIn(t, v, 12);
        drawn.n = 0;
        if (drawn.k.length < t.n) { drawn.x = new Float32Array(t.n); drawn.y = new Float32Array(t.n); drawn.k = new Int32Array(t.n); }
        // the crowded as small dots, thinned, kept off the names; the others whole over them, and the place found whole
        var found = state.found && state.found.kind === t.kind ? m.k.indexOf(state.found.i) : -1;
        drawDots(ctx, v, m, found);
        drawWhole(ctx, v, m, found >= 0 && m.dots.indexOf(found) >= 0 ? m.whole.concat([found]) : m.whole, ms);
        if (techLayers[ti].reduced !== m.reduced) {
          techLayers[ti].reduced = m.reduced;
          if (ti === state.tech && P.legend) P.legend.markersReduced(m.reduced);
        }
        drawNamesOver(ctx, v, ti, m.reduced);
        if (state.found && M.hasPlace(state.found.kind, state.found.i)) {
          var fw = P.world(state.found.kind), fx = fw[2 * state.found.i] * v.f - v.ox, fy = fw[2 * state.found.i + 1] * v.f - v.oy;
          ctx.beginPath(); ctx.arc(fx, fy, 12, 0, 2 * Math.PI);
          ctx.lineWidth = 6; ctx.strokeStyle = "rgba(255,255,255,0.95)"; ctx.stroke();
          ctx.lineWidth = 3; ctx.strokeStyle = "#000000"; ctx.stroke();
        }
      };
    }
    /** Draw the markers `only` (indices into m, markersIn's) whole, each unit's marker once. */
    function drawWhole(ctx, v, m, only, ms) {
      var cur = -1, parts = [], mp = null, k2 = Math.max(ms, 0.6);
      var changes = {}; // per change drawn: its style (dxmap.changeStyle, read once per draw), rings and dots
      function flush() { if (cur >= 0 && parts.length) dxmap.paintMarkers(ctx, new Path2D(parts.join("")), D.shapes[cur], D.colours[cur], k2); parts = []; }
      function ring(kind, x, y, s, bits) { // the change's ring and dot (dxmap.changeStyle), over the unit's status marker
        var g = changes[kind] || (changes[kind] = { st: dxmap.changeStyle(kind, D), rings: [], dots: [] }), st = g.st;
        var rd = dxmap.ringAndDot(st, s, bits, D.statuses), r = rd[0] * ms, d = rd[1] * ms;
        if (st.ring) g.rings.push(dxmap.pathAt(dxmap.markerPath("circle", r), x, y));
        if (st.dot && d) g.dots.push(dxmap.pathAt(dxmap.markerPath("circle", d), x, y));
      }
      for (var j = 0; j < only.length; j++) {
        var i = only[j], x = m.x[i], y = m.y[i], s = m.s[i], bits = m.bits[i];
        if (bits & dxmap.DRAW_STATUS) {
          if (s !== cur) { flush(); cur = s; mp = dxmap.markerPath(D.shapes[s], dxmap.RADIUS[s] * ms); }
          parts.push(dxmap.pathAt(mp, x, y));
        }
        for (var ci = 0; ci < dxmap.CHANGES.length; ci++) if (bits & dxmap.ringBit(ci)) ring(dxmap.CHANGES[ci], x, y, s, bits);
        drawn.x[drawn.n] = x - v.px; drawn.y[drawn.n] = y - v.py; drawn.k[drawn.n++] = m.k[i]; // container pixels
      }
      flush();
      // the change since an earlier date: rings on top of the gap markers, each unit's marker drawn once
      dxmap.CHANGES.forEach(function (kind) {
        var g = changes[kind];
        if (g && g.rings.length) dxmap.paintRings(ctx, new Path2D(g.rings.join("")), g.st.ring, k2);
        if (g && g.dots.length) { ctx.fillStyle = g.st.dot; ctx.fill(new Path2D(g.dots.join(""))); }
      });
    }
    /**
     * Draw the crowded markers of m (markersIn's dots) reduced: a dot each (dxmap.dotColour, DOT_RADIUS), thinned to one
     * per THIN_CELL square (dxmap.thinned), none under a name (the names' boxes: labelLayer.boxes), none for m's `skip`
     * (drawn whole).
     */
    function drawDots(ctx, v, m, skip) {
      if (!m.dots.length) return;
      var r = dxmap.DOT_RADIUS, names = dxmap.boxGrid(64), dot = dxmap.markerPath("dot", r), byColour = {}, colours = [];
      if (map.hasLayer(labelLayer)) labelLayer.boxes.forEach(function (b) { names.add([b[0] + v.px, b[1] + v.py, b[2] + v.px, b[3] + v.py]); });
      // each dot's colour, and a slot per colour: thinned per square and colour, so the planned keep their blue dots
      var slot = new Int8Array(m.n), slotOf = {};
      m.dots.forEach(function (i) {
        var c = dxmap.dotColour(m.s[i], m.bits[i], D), q = slotOf[c];
        if (q === undefined) { q = slotOf[c] = colours.length; colours.push(c); byColour[c] = []; }
        slot[i] = q;
      });
      dxmap.thinned(m.x, m.y, m.dots, dxmap.THIN_CELL, slot).forEach(function (i) {
        var x = m.x[i], y = m.y[i];
        if (i === skip || names.hits([x - r, y - r, x + r, y + r])) return;
        byColour[colours[slot[i]]].push(dxmap.pathAt(dot, x, y));
        drawn.x[drawn.n] = x - v.px; drawn.y[drawn.n] = y - v.py; drawn.k[drawn.n++] = m.k[i]; // container pixels
      });
      colours.forEach(function (c) { ctx.fillStyle = c; ctx.fill(new Path2D(byColour[c].join(""))); });
    }
    var techLayers = M.techs.map(function (t, ti) { return new Layer("dxmapPoints", drawTech(ti)); });
    /** The names that found no place clear of the markers (district names: labelLayer.overNames), drawn on the markers'
     * own canvas with their halo, so that they read; a click or tap still goes to the marker under them (the panes
     * take no pointer events, markersAt picks). overKey[ti]: the names technology ti's canvas was last drawn with. */
    var overKey = [];
    function drawNamesOver(ctx, v, ti, reduced) {
      var list = ti === state.tech && map.hasLayer(labelLayer) ? labelLayer.overNames : [];
      overKey[ti] = namesKey(list, reduced);
      ctx.textAlign = "center"; ctx.textBaseline = "middle"; ctx.lineJoin = "round";
      var screen = [v.px, v.py, v.w - v.px, v.h - v.py]; // the map's own box on the canvas, which reaches past it
      list.forEach(function (n) {
        var x = n.wx * v.f - v.ox, y = n.wy * v.f - v.oy;
        ctx.font = n.font; ctx.lineWidth = 4; ctx.strokeStyle = "rgba(255,255,255,0.95)"; ctx.strokeText(n.text, x, y);
        ctx.fillStyle = n.colour; ctx.fillText(n.text, x, y);
      });
    }
    /** What technology ti's canvas was drawn with of the names: those over it, and where the names are when its markers
     * are reduced (no dot under a name). */
    function namesKey(list, reduced) {
      var key = list.map(function (n) { return n.text + "@" + n.wx + "," + n.wy + n.font; }).join("|");
      return reduced && map.hasLayer(labelLayer) ? key + "#" + labelLayer.boxes.join("|") : key;
    }

    // ---- place names: districts far out, communes nearer, villages with a marker at commune zoom ----
    // Names are drawn under the markers on a white halo and are moved off markers where there is room, at every
    // zoom. A commune's name that finds no room is left out at that zoom (its markers matter more, and a name crossed
    // by a marker could not be read: "B▲ Hà"; it shows nearer in); communes with gaps in the technology shown are
    // placed first. A district's name is never left out: with no room it is drawn over the markers, on its halo
    // (drawNamesOver). The place found is named first.
    var labelLayer = new Layer("dxmapLabels", function (ctx, v) {
      var z = map.getZoom(), f = v.f, ox = v.ox, oy = v.oy, taken = dxmap.boxGrid(64), markers = dxmap.boxGrid(32);
      // the names drawn, their boxes (container pixels), those under a marker and those drawn over the markers (over;
      // overNames: what drawNamesOver draws): for tests and scripts
      labelLayer.placed = []; labelLayer.boxes = []; labelLayer.covering = []; labelLayer.over = []; labelLayer.overNames = [];
      var t = M.techs[state.tech], ms = dxmap.markerScale(z), shown = t && map.hasLayer(techLayers[state.tech]);
      // reduced markers (markersIn) keep off the names instead: the names are placed as if there were none
      var mk = shown ? markersIn(t, v, 12) : null, reduced = !!(mk && mk.reduced);
      if (mk) mk.whole.forEach(function (q) {
        var rq = markerRadius(mk.s[q], mk.bits[q], ms);
        markers.add([mk.x[q] - rq, mk.y[q] - rq, mk.x[q] + rq, mk.y[q] + rq]);
      });
      // the place found (search, table) is ringed on the markers' layer: names keep off the ring too, and a village's
      // own name is placed first (on paper its card is not printed)
      var found = state.found && t && map.hasLayer(techLayers[state.tech]) ? state.found : null, fw = found ? P.world(found.kind) : null;
      var fx = found ? fw[2 * found.i] * f - ox : 0, fy = found ? fw[2 * found.i + 1] * f - oy : 0;
      if (found) markers.add([fx - FOUND_REACH, fy - FOUND_REACH, fx + FOUND_REACH, fy + FOUND_REACH]);
      ctx.textAlign = "center"; ctx.textBaseline = "middle"; ctx.lineJoin = "round";
      var screen = [v.px, v.py, v.w - v.px, v.h - v.py]; // the map's own box on the canvas, which reaches past it
      /** Draw text at the first of the offsets (dx, dy from x, y) where it is clear of other names (and of markers if it
       * can be; if `strict`, only there) and, if `ok` is given, where ok(box) says. An offset [dx, dy, side] moves the
       * name by `side` of its width more. */
      function place(text, x, y, font, h, colour, offsets, strict, ok, over) {
        ctx.font = font;
        var m = ctx.measureText(text), w = m.width / 2 + 3;
        // the glyphs' own height about the middle (stacked diacritics, "Cấu", reach above the font size) and the halo
        var up = Math.max(h / 2, m.actualBoundingBoxAscent || 0) + 1, down = Math.max(h / 2, m.actualBoundingBoxDescent || 0) + 1;
        var boxes = offsets.map(function (o) {
          var cx = x + o[0] + (o[2] || 0) * w;
          return [cx - w, y + o[1] - up, cx + w, y + o[1] + down];
        });
        // over: the box clear of other names covering the fewest markers, else the first one; never one cut by the
        // screen's edge when another will do (QA72 K13)
        function fits(b, k) { return !dxmap.crossesEdge(b, screen) && (!ok || ok(b, k)); }
        var i = over ? Math.max(0, dxmap.leastCovering(boxes, taken, markers, fits))
          : dxmap.placeBox(boxes, taken, markers, strict, fits);
        if (i < 0) return false;
        taken.add(boxes[i]);
        labelLayer.placed.push(text);
        labelLayer.boxes.push([boxes[i][0] - v.px, boxes[i][1] - v.py, boxes[i][2] - v.px, boxes[i][3] - v.py]);
        var cx = (boxes[i][0] + boxes[i][2]) / 2, cy = boxes[i][1] + up;
        if (over && shown) { // on the markers' canvas (no markers shown: here, as the others)
          labelLayer.over.push(text);
          labelLayer.overNames.push({ text: text, wx: (cx + ox) / f, wy: (cy + oy) / f, font: font, colour: colour });
          return true;
        }
        if (markers.hits(boxes[i])) labelLayer.covering.push(text);
        ctx.lineWidth = 3.5; ctx.strokeStyle = "rgba(255,255,255,0.92)"; ctx.strokeText(text, cx, cy);
        ctx.fillStyle = colour; ctx.fillText(text, cx, cy);
        return true;
      }
      /** An area's name (a commune's), only where the area is wide enough for it; `anywhere`: if none of the places
       * about its point is clear, anywhere with its middle over the area (a commune with gaps: its markers fill its
       * middle). */
      function area(text, wx, wy, font, h, colour, st, s, fit, strict, anywhere) {
        var x = wx * f - ox, y = wy * f - oy;
        if (x < 0 || y < 0 || x > v.w || y > v.h) return;
        ctx.font = font;
        if ((st.wb[4 * s + 2] - st.wb[4 * s]) * f < ctx.measureText(text).width * fit) return;
        // centred, above, below, then each of these moved half a name to either side (still over its area)
        var rows = [0, -h - 4, h + 4], offsets = rows.map(function (dy) { return [0, dy]; });
        rows.forEach(function (dy) { offsets.push([0, dy, -0.5], [0, dy, 0.5]); });
        if (place(text, x, y, font, h, colour, offsets, strict) || !anywhere) return;
        var rx = Math.max(x - (st.wb[4 * s] * f - ox), st.wb[4 * s + 2] * f - ox - x), ry = Math.max(y - (st.wb[4 * s + 1] * f - oy), st.wb[4 * s + 3] * f - oy - y);
        place(text, x, y, font, h, colour, dxmap.nearOffsets(rx, ry, Math.max(4, Math.ceil(Math.max(rx, ry) / 20))), strict, function (b) {
          return dxmap.insideShape(st, s, ((b[0] + b[2]) / 2 + ox) / f, ((b[1] + b[3]) / 2 + oy) / f);
        });
      }
      /** A district's name: at its point, else at the nearest place with its middle over the district and clear of
       * markers and other names: first up to a name's width aside and three rows up or down, then anywhere over the
       * district, then in a smaller type; where there is none, over the markers (under them it could not be read:
       * "B▲ Hà") where it covers the fewest, nearest its point first: the function returned, called once every district
       * had its try at a clear place (null: placed, or not in view). A district too narrow for its name takes the
       * smaller type; a name wider than DISTRICT_NAME_WIDTH is cut short first ("Bát Xát mở rộng và…"). */
      function districtName(text, wx, wy, font, h, colour, d) {
        var x = wx * f - ox, y = wy * f - oy, st = districtShapes;
        if (x < 0 || y < 0 || x > v.w || y > v.h) return null;
        ctx.font = font;
        text = dxmap.shortenText(function (s) { return ctx.measureText(s).width; }, text, DISTRICT_NAME_WIDTH);
        var width = ctx.measureText(text).width;
        var across = (st.wb[4 * d + 2] - st.wb[4 * d]) * f;
        if (across < width * 0.5) { // too narrow for its name: the smaller type; far too narrow (a country seen whole,
          // ~700 districts): left out at this zoom, as it was, and no place is searched for it
          font = SMALL_DISTRICT_FONT; h = SMALL_DISTRICT_SIZE;
          ctx.font = font;
          width = ctx.measureText(text).width;
          if (across < width * 0.5) return null;
        }
        function over(b) { return dxmap.insideShape(st, d, ((b[0] + b[2]) / 2 + ox) / f, ((b[1] + b[3]) / 2 + oy) / f); }
        var near = dxmap.nearOffsets(width, 3 * (h + 4), 6);
        if (place(text, x, y, font, h, colour, near, true, function (b, i) { return i === 0 || over(b); })) return null;
        // anywhere over the district, nearest first, on a grid of at most ~60 steps across
        var rx = Math.max(x - (st.wb[4 * d] * f - ox), st.wb[4 * d + 2] * f - ox - x), ry = Math.max(y - (st.wb[4 * d + 1] * f - oy), st.wb[4 * d + 3] * f - oy - y);
        var far = dxmap.nearOffsets(rx, ry, Math.max(6, Math.ceil(Math.max(rx, ry) / 30)));
        if (place(text, x, y, font, h, colour, far, true, over)) return null;
        // a full district: its name smaller, anywhere over it; else over the markers
        if (place(text, x, y, SMALL_DISTRICT_FONT, SMALL_DISTRICT_SIZE, colour, far, true, over)) return null;
        return function () {
          place(text, x, y, font, h, colour, near.concat(far), false, function (b, i) { return i === 0 || over(b); }, true);
        };
      }
      /** The village found: its name above, beside or below its ring, before any other name. */
      function foundName(text) {
        ctx.font = FOUND_FONT;
        var half = ctx.measureText(text).width / 2 + 3, r = FOUND_REACH;
        place(text, fx, fy, FOUND_FONT, 11, "#111111", [[0, -r - 8], [half + r, 0], [-half - r, 0], [0, r + 8]]);
      }
      if (found && found.kind === "village" && z >= COMMUNE_LABELS_FROM_ZOOM) foundName(M.V.name[found.i]);
      var dw = P.world("district"), uw = P.world("unit"), d;
      if (z < DISTRICT_LABELS_UNTIL_ZOOM && !M.noDistricts && !M.oneFormerDistrict(state.district)) {
        var crowded = [], wb = districtShapes.wb; // the districts whose names go over the markers, once the others have their clear places
        for (d = 0; d < M.nD; d++) {
          if (!M.districtIn(d, state.district)) continue;
          var last = districtName(M.DI.name[d], dw[2 * d], dw[2 * d + 1], "bold 14px system-ui, sans-serif", 14, "#111111", d);
          if (last) crowded.push({ d: d, place: last, area: (wb[4 * d + 2] - wb[4 * d]) * (wb[4 * d + 3] - wb[4 * d + 1]) });
        }
        // the smallest first: a larger district has more places to go
        crowded.sort(function (a, b) { return a.area - b.area || a.d - b.d; }).forEach(function (c) { c.place(); });
      }
      if (z >= COMMUNE_LABELS_FROM_ZOOM) {
        var order = unitOrder(t);
        order.forEach(function (u) {
          if (M.unitInDistrict(u, state.district, state.commune)) area(M.unitName(u), uw[2 * u], uw[2 * u + 1], "11px system-ui, sans-serif", 11, "#222222", unitShapes, u, 0.6, true, order.gaps[u] > 0);
        });
      }
      if (z >= VILLAGE_LABELS_FROM_ZOOM && t && t.village && shown) { // the villages drawn whole, in view
        mk.whole.forEach(function (q) {
          var k = mk.k[q], x = mk.x[q], y = mk.y[q];
          if (x < 0 || y < 0 || x > v.w || y > v.h) return;
          if (found && found.kind === "village" && found.i === k) return; // named already
          var r = markerRadius(mk.s[q], mk.bits[q], ms) + 1;
          ctx.font = "10.5px system-ui, sans-serif";
          var half = ctx.measureText(M.V.name[k]).width / 2 + 3;
          place(M.V.name[k], x, y, "10.5px system-ui, sans-serif", 11, "#3a3a3a", [[0, -r - 6], [half + r, 0], [-half - r, 0], [0, r + 6]]);
        });
      }
      // the names over the markers go on the markers' canvas: drawn again if it was drawn with others (at the same
      // frame it may come first)
      if (shown && overKey[state.tech] !== namesKey(labelLayer.overNames, reduced)) techLayers[state.tech].redrawNow();
    });
    labelLayer.placed = []; labelLayer.boxes = []; labelLayer.covering = []; labelLayer.over = []; labelLayer.overNames = [];
    labelLayer.addTo(map);
    // names switched off (or on): the names over the markers go (or come) with them
    labelLayer.on("add remove", function () { var l = techLayers[state.tech]; if (l && map.hasLayer(l)) l.redraw(); });
    /** Map units in the order their names are placed (dxmap.nameOrder): those with gaps in technology t (statuses
     * before "unknown") first, most first, then the others, those without data last; read once per technology. */
    var unitOrders = [];
    function unitOrder(t) {
      var ti = M.techs.indexOf(t), unknown = S.indexOf("unknown");
      if (ti < 0) ti = M.techs.length; // no technology: in index order
      if (!unitOrders[ti]) {
        var gaps = [], none = [];
        for (var u = 0; u < M.nU; u++) {
          var g = 0;
          for (var s = 0; t && s < unknown; s++) g += t.unitCounts[u * NS + s];
          gaps.push(g); none.push(t ? M.unitWithoutData(t, u) : false);
        }
        unitOrders[ti] = dxmap.nameOrder(gaps, none);
        unitOrders[ti].gaps = gaps;
      }
      return unitOrders[ti];
    }
    // names keep off the markers drawn: placed again when a technology's markers come or go (at load they come after)
    techLayers.forEach(function (l, ti) {
      l.on("add remove", function (e) {
        labelLayer.redraw();
        if (e.type === "remove") l.reduced = undefined; // drawn again when added: the legend's note follows
        if (e.type === "remove" && ti === state.tech && P.legend) P.legend.markersReduced(false);
      });
    });

    /** The drawn markers of the current technology a pointer at container point cp picks (unit indices, nearest first). */
    function markersAt(cp, tolerance) {
      if (!M.techs[state.tech] || !map.hasLayer(techLayers[state.tech])) return [];
      return dxmap.pick(drawn.x, drawn.y, drawn.n, cp.x, cp.y, tolerance, 4).map(function (q) { return drawn.k[q]; });
    }
    /** The shown map unit under a container point, or -1. */
    function unitAt(cp) {
      if (!map.hasLayer(unitLayer)) return -1;
      var o = map.getPixelBounds().min, f = map.options.crs.scale(map.getZoom()) / map.options.crs.scale(0);
      var x = (cp.x + o.x) / f, y = (cp.y + o.y) / f;
      for (var u = M.nU - 1; u >= 0; u--) if (M.unitInDistrict(u, state.district, state.commune) && dxmap.insideShape(unitShapes, u, x, y)) return u;
      return -1;
    }

    return {
      units: unitLayer, districts: districtLayer, labels: labelLayer, techs: techLayers,
      unitShapes: unitShapes, districtShapes: districtShapes, unitFill: unitFill,
      restyle: restyle, markersAt: markersAt, unitAt: unitAt,
      redrawPoints: function () { var l = techLayers[state.tech]; if (l) l.redraw(); },
      /** Are the markers of the technology shown drawn reduced (small dots, thinned) at this view? */
      markersReduced: function () { var l = techLayers[state.tech]; return !!(l && map.hasLayer(l) && l.reduced); },
      /** The units of the technology shown drawn at this view, whole or as dots (indices, in draw order): for tests. */
      drawnUnits: function () { return Array.from(drawn.k.subarray(0, drawn.n)); }
    };
  };
})();

/*! dxmap gap map page: marker shapes, the same on the map canvas, in the legend, popups, table and PNG. */
(function () {
  "use strict";
  var dxmap = (globalThis.dxmap = globalThis.dxmap || {});

  /** Marker radius per status code (none, weak, planned, unknown, covered): gaps larger than covered dots. */
  dxmap.RADIUS = [7, 6.5, 5.5, 5.5, 3];

  /** SVG path data of a marker shape of radius r, relative to its start point at offset (dx, dy) from the centre. */
  dxmap.markerPath = function (shape, r) {
    function n(v) { return String(Math.round(v * 100) / 100); }
    if (shape === "triangle") return { dx: 0, dy: -r, d: "l" + n(0.95 * r) + " " + n(1.7 * r) + "h" + n(-1.9 * r) + "z" };
    if (shape === "diamond") return { dx: 0, dy: -r, d: "l" + n(0.8 * r) + " " + n(r) + "l" + n(-0.8 * r) + " " + n(r) + "l" + n(-0.8 * r) + " " + n(-r) + "z" };
    if (shape === "square-open") return { dx: -0.8 * r, dy: -0.8 * r, d: "h" + n(1.6 * r) + "v" + n(1.6 * r) + "h" + n(-1.6 * r) + "z" };
    return { dx: r, dy: 0, d: "a" + n(r) + " " + n(r) + " 0 1 0 " + n(-2 * r) + " 0a" + n(r) + " " + n(r) + " 0 1 0 " + n(2 * r) + " 0z" };
  };

  /** The path of marker mp (dxmap.markerPath) centred at (x, y), to a tenth of a pixel: the map, legend and PNG alike. */
  dxmap.pathAt = function (mp, x, y) {
    return "M" + Math.round((x + mp.dx) * 10) / 10 + " " + Math.round((y + mp.dy) * 10) / 10 + mp.d;
  };

  dxmap.isOpen = function (shape) { return shape === "circle-open" || shape === "square-open"; };

  /** Markers shrink when zoomed far out, so that a whole country of them stays legible. */
  dxmap.markerScale = function (z) { return z >= 9 ? 1 : Math.max(0.5, 1 - (9 - z) * 0.15); };

  /**
   * Crowded markers. Far out on a page of many units (a country: 12,682 fibre gaps at its opening zoom) the markers
   * covered every commune and the shading under them, the map's first message, could not be seen. Where the markers in
   * view are crowded (dxmap.wholeStatuses) the least of them are drawn reduced instead: a small dot without edge or halo
   * (DOT_RADIUS), at most one of each colour in each THIN_CELL square of the screen (dxmap.thinned), and the legend
   * says so; they come back whole nearer in. CROWD_CELL is about a marker and its halo across.
   */
  dxmap.CROWD_CELL = 24; // px
  dxmap.CROWD_LIMIT = 2; // markers per occupied cell above which they are crowded
  dxmap.CROWD_LEAST = 200; // fewer markers in view are never crowded: a reader takes in a province's 82 at any zoom
  // Markers drawn as dots stay dots until they are clearly less crowded (hysteresis): at zoom 9 on the national page
  // the gaps and planned villages in view are 1.98 to 2.04 to a square wherever one pans, and the view flipped between
  // dots and whole markers at every other pan. They come back whole at 1.5 to a square or at 150 in view.
  dxmap.CROWD_LIMIT_OUT = 1.5;
  dxmap.CROWD_LEAST_OUT = 150;
  dxmap.THIN_CELL = 8; // px: one dot at most per square this wide
  dxmap.DOT_RADIUS = 2; // px

  function cellKey(x, y, cell) { return Math.floor(x / cell) * 1048576 + Math.floor(y / cell); }

  /** Markers per occupied square of `cell` px for the n markers at (x[i], y[i]) (screen px): 0 for none. */
  dxmap.crowding = function (x, y, n, cell) {
    var seen = new Set();
    for (var i = 0; i < n; i++) seen.add(cellKey(x[i], y[i], cell));
    return n ? n / seen.size : 0;
  };
  /**
   * How many statuses, from the headline gap (code 0) on, have their n markers at (x[i], y[i]) (screen px, status code
   * s[i]) drawn whole: the most for which those markers are not crowded, that is more than CROWD_LEAST of them and more
   * than CROWD_LIMIT to a marker's square (CROWD_CELL) on average where there are any. `ns` (the number of statuses)
   * when none is crowded. Measured where the markers are, not over the whole view: a crowded province in a view mostly
   * of sea is crowded. Covered villages are reduced first: a province's 82 gaps stay whole over its 1,472 covered
   * villages drawn as dots, and whole at any zoom on their own (on a phone zoomed out they overlap, but can be told).
   * `was`: what it gave for the last view at the same zoom and with the same markers ticked (undefined: none). A status
   * that was drawn as dots (w >= was) stays so while more than CROWD_LEAST_OUT of them, and more than CROWD_LIMIT_OUT
   * to a square, are in view; one drawn whole turns to dots only past CROWD_LEAST and CROWD_LIMIT. So panning across a
   * view as crowded as the rule's limit does not switch between dots and whole markers at every move; and the answer
   * given again for the same markers is the same (the names' layer and the markers' layer ask in turn).
   */
  dxmap.wholeStatuses = function (x, y, s, n, ns, was) {
    var seen = new Set(), count = 0;
    for (var w = 0; w < ns; w++) {
      for (var i = 0; i < n; i++) if (s[i] === w) { seen.add(cellKey(x[i], y[i], dxmap.CROWD_CELL)); count++; }
      var dots = was !== undefined && w >= was;
      var least = dots ? dxmap.CROWD_LEAST_OUT : dxmap.CROWD_LEAST;
      var limit = dots ? dxmap.CROWD_LIMIT_OUT : dxmap.CROWD_LIMIT;
      if (count > least && count > limit * seen.size) return w;
    }
    return ns;
  };
  /**
   * Of the markers `list` (indices into x, y, in draw order, the headline gap last), those kept when thinned to one per
   * square of `cell` px and per slot (slot[i], an integer below 16: the dot's colour), the last of each in list order.
   * Each colour keeps its own dots: with one dot a square, the worst status won every square of a country and its
   * planned villages (the blue dots) all but vanished (12 of the 1,106 dots at the national page's opening zoom).
   * Without `slot`, one dot a square.
   */
  dxmap.thinned = function (x, y, list, cell, slot) {
    var n = list.length, keys = new Float64Array(n), last = new Map(), keep = [], j;
    for (j = 0; j < n; j++) {
      var i = list[j];
      keys[j] = cellKey(x[i], y[i], cell) * 16 + (slot ? slot[i] : 0);
      last.set(keys[j], j);
    }
    for (j = 0; j < n; j++) if (last.get(keys[j]) === j) keep.push(list[j]); // in list order, without a sort
    return keep;
  };
  /** The colour of a reduced marker (a dot) of status s drawn with dxmap.drawnAs bits: its status's, else its change's. */
  dxmap.dotColour = function (s, bits, D) {
    if (bits & dxmap.DRAW_STATUS || !D.change) return D.colours[s];
    for (var ci = 0; ci < dxmap.CHANGES.length; ci++) {
      if (!(bits & dxmap.ringBit(ci))) continue;
      var st = dxmap.changeStyle(dxmap.CHANGES[ci], D);
      return st.si >= 0 ? D.colours[st.si] : st.ring || st.dot;
    }
    return D.colours[s];
  };

  /** Paint a marker path: filled shapes with a dark edge, open ones as a coloured line on a white halo. */
  dxmap.paintMarkers = function (ctx, path, shape, colour, k) {
    if (dxmap.isOpen(shape)) {
      ctx.lineWidth = 5 * k; ctx.strokeStyle = "rgba(255,255,255,0.9)"; ctx.stroke(path);
      ctx.lineWidth = 2.75 * k; ctx.strokeStyle = colour; ctx.stroke(path);
    } else {
      ctx.fillStyle = colour; ctx.fill(path);
      if (k < 0.8) return; // far out, dark edges on thousands of small markers would turn the map black
      ctx.lineWidth = k; ctx.strokeStyle = shape === "dot" ? "#ffffff" : "#1a1a1a"; ctx.stroke(path);
    }
  };

  /**
   * How far (px) from its point a unit's symbols reach as the map paints them (dxmap.drawnAs bits, markers scaled by ms):
   * its status marker and the halo or edge of its line (dxmap.paintMarkers), its change rings with their halo
   * (dxmap.paintRings, dxmap.ringAndDot) and dots. Names keep this far off: a radius without the halo let an open
   * circle's white edge cut into a name ("Cán Cấu"), and a fixed ring (6.5 px) was taken for the covered dot (3 px).
   */
  dxmap.drawnRadius = function (s, bits, D, ms) {
    var k = Math.max(ms, 0.6), r = 0;
    if (bits & dxmap.DRAW_STATUS) r = dxmap.RADIUS[s] * ms + (dxmap.isOpen(D.shapes[s]) ? 2.5 : 0.5) * k;
    if (!D.change || !dxmap.CHANGES) return r;
    dxmap.CHANGES.forEach(function (kind, ci) {
      if (!(bits & dxmap.ringBit(ci))) return;
      var st = dxmap.changeStyle(kind, D), rd = dxmap.ringAndDot(st, s, bits, D.statuses);
      if (st.ring) r = Math.max(r, rd[0] * ms + 2.5 * k);
      if (st.dot) r = Math.max(r, rd[1] * ms);
    });
    return r;
  };

  /** Paint change rings (circle paths): a coloured line on a white halo, as open markers are. */
  dxmap.paintRings = function (ctx, path, colour, k) {
    ctx.lineWidth = 5 * k; ctx.strokeStyle = "rgba(255,255,255,0.9)"; ctx.stroke(path);
    ctx.lineWidth = 2.5 * k; ctx.strokeStyle = colour; ctx.stroke(path);
  };

  /**
   * The symbol of a change (dxmap.CHANGES) as the page data's change.style gives it (the one definition,
   * dxmap.gaps.change.CHANGE_STYLE, that the printed report draws too): `si` the status code whose marker is
   * drawn (the gap marker; -1 none), `ring` and `dot` colours (or null) and their radii (page px).
   */
  dxmap.changeStyle = function (kind, D) {
    var st = D.change.style[kind];
    return { si: st.status ? D.statuses.indexOf(st.status) : -1, ring: st.ring, ringRadius: st.ring_radius,
      dot: st.dot, dotRadius: st.dot_radius };
  };

  /**
   * The radius of the status marker of change style st (dxmap.changeStyle) inside its ring drawn at radius ringR:
   * in the map's proportion of marker to ring, so the legend, the table, the PNG and the map draw one symbol.
   */
  dxmap.ringedMarkerRadius = function (st, ringR) {
    return st.ring && st.ringRadius ? dxmap.RADIUS[st.si] * ringR / st.ringRadius : dxmap.RADIUS[st.si];
  };

  var SVGNS = "http://www.w3.org/2000/svg";
  /**
   * The symbol of a change as a small inline SVG, as the map draws it (dxmap.changeStyle): still missing is the
   * gap marker, newly missing the gap marker in a ring, fixed a ring with a dot. D: the page data.
   */
  dxmap.changeSvg = function (kind, D, size) {
    var st = dxmap.changeStyle(kind, D);
    var r = st.si >= 0 ? size / 2 - 1.75 : size / 2 - 3.5; // the ring: around a marker, or alone
    var svg = st.si >= 0 ? dxmap.markerSvg(D.shapes[st.si], D.colours[st.si], st.ring ? dxmap.ringedMarkerRadius(st, r) : Math.min(dxmap.RADIUS[st.si], size / 2 - 2), size)
      : dxmap.markerSvg("circle-open", st.ring || st.dot, 0, size);
    while (st.si < 0 && svg.firstChild) svg.removeChild(svg.firstChild);
    if (st.ring) {
      [["#ffffff", 4.5], [st.ring, 2.2]].forEach(function (p) {
        var c = document.createElementNS(SVGNS, "circle");
        c.setAttribute("cx", size / 2); c.setAttribute("cy", size / 2); c.setAttribute("r", r);
        c.setAttribute("fill", "none"); c.setAttribute("stroke", p[0]); c.setAttribute("stroke-width", p[1]);
        svg.appendChild(c);
      });
    }
    if (st.dot) { // the dot in the middle, as on the map
      var dot = document.createElementNS(SVGNS, "circle");
      dot.setAttribute("cx", size / 2); dot.setAttribute("cy", size / 2); dot.setAttribute("r", st.dotRadius); dot.setAttribute("fill", st.dot);
      svg.appendChild(dot);
    }
    svg.setAttribute("data-change", kind);
    return svg;
  };
  /** The marker of a status as a small inline SVG (legend, popups, table): the same shapes as on the map. */
  dxmap.markerSvg = function (shape, colour, r, size) {
    var m = dxmap.markerPath(shape, r), svg = document.createElementNS(SVGNS, "svg");
    svg.setAttribute("width", size); svg.setAttribute("height", size); svg.setAttribute("viewBox", "0 0 " + size + " " + size);
    svg.setAttribute("class", "dxmap-swatch"); svg.setAttribute("aria-hidden", "true");
    var d = dxmap.pathAt(m, size / 2, size / 2 + (shape === "triangle" ? r * 0.15 : 0)); // a triangle's centre of area
    var strokes = dxmap.isOpen(shape) ? [["none", "#ffffff", 4.5], ["none", colour, 2.5]] : [[colour, shape === "dot" ? "#ffffff" : "#1a1a1a", 1]];
    strokes.forEach(function (p) {
      var path = document.createElementNS(SVGNS, "path");
      path.setAttribute("d", d); path.setAttribute("fill", p[0]); path.setAttribute("stroke", p[1]); path.setAttribute("stroke-width", p[2]);
      svg.appendChild(path);
    });
    return svg;
  };
})();

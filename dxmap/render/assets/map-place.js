/*! dxmap gap map page: screen geometry. Which marker a click or tap picks, where names go, how far to move a popup. */
(function () {
  "use strict";
  var dxmap = (globalThis.dxmap = globalThis.dxmap || {});

  /**
   * The drawn markers a pointer at (x, y) picks, as positions q into xs/ys (q < n): the nearest
   * marker within `tolerance` pixels, then the others within `stack` pixels of that one (markers
   * drawn on top of each other), nearer to the pointer first. Of equally near markers the one
   * drawn last (on top) wins. [] when no marker is within the tolerance.
   */
  dxmap.pick = function (xs, ys, n, x, y, tolerance, stack) {
    var best = -1, bestD = tolerance * tolerance, q, dx, dy, d;
    for (q = n - 1; q >= 0; q--) {
      dx = xs[q] - x; dy = ys[q] - y; d = dx * dx + dy * dy;
      if (d < bestD || (best < 0 && d === bestD)) { best = q; bestD = d; }
    }
    if (best < 0) return [];
    var near = [];
    for (q = n - 1; q >= 0; q--) {
      if (q === best) continue;
      dx = xs[q] - xs[best]; dy = ys[q] - ys[best];
      if (dx * dx + dy * dy <= stack * stack) near.push(q);
    }
    function dist(q) { var a = xs[q] - x, b = ys[q] - y; return a * a + b * b; }
    near.sort(function (a, b) { return dist(a) - dist(b) || b - a; });
    return [best].concat(near);
  };

  /** Do boxes [x0, y0, x1, y1] overlap (touching edges do not)? */
  function overlaps(a, b) { return a[0] < b[2] && a[2] > b[0] && a[1] < b[3] && a[3] > b[1]; }
  dxmap.overlaps = overlaps;

  /**
   * Boxes on screen, bucketed in square cells of `cell` pixels, so that asking whether a box hits
   * any of 10⁴ others looks at its neighbours only.
   */
  dxmap.boxGrid = function (cell) {
    var cells = {};
    function each(b, visit) {
      for (var i = Math.floor(b[0] / cell); i <= Math.floor(b[2] / cell); i++) {
        for (var j = Math.floor(b[1] / cell); j <= Math.floor(b[3] / cell); j++) {
          if (visit(i + ":" + j)) return true;
        }
      }
      return false;
    }
    return {
      add: function (b) { each(b, function (key) { (cells[key] = cells[key] || []).push(b); }); },
      hits: function (b) {
        return each(b, function (key) {
          var list = cells[key];
          for (var q = 0; list && q < list.length; q++) if (overlaps(b, list[q])) return true;
          return false;
        });
      },
      /** How many boxes b overlaps (each once, though it may lie in several cells). */
      count: function (b) {
        var seen = new Set();
        each(b, function (key) {
          var list = cells[key];
          for (var q = 0; list && q < list.length; q++) if (overlaps(b, list[q])) seen.add(list[q]);
          return false;
        });
        return seen.size;
      }
    };
  };

  /**
   * Index of the candidate box (of which ok(box, i), if given, is true) that overlaps the fewest boxes of `taken`, then
   * the fewest of `avoid` (the first of equally good ones): where to draw a name over the markers when no place leaves
   * them clear; a box clear of other names always wins. -1 when ok is true of none.
   */
  dxmap.leastCovering = function (candidates, taken, avoid, ok) {
    var best = -1, bestN = Infinity, BIG = 1e6;
    for (var i = 0; i < candidates.length && bestN > 0; i++) {
      var b = candidates[i];
      if (ok && !ok(b, i)) continue;
      var n = (taken && taken.hits(b) ? BIG * taken.count(b) : 0) + (avoid ? avoid.count(b) : 0);
      if (n < bestN) { best = i; bestN = n; }
    }
    return best;
  };

  /**
   * The order in which to name n places when there may not be room for all: those with gaps first, most gaps first
   * (gaps[i]), then those without, then those with no data (noData[i] true); in index order within each.
   */
  dxmap.nameOrder = function (gaps, noData) {
    var order = [];
    for (var i = 0; i < gaps.length; i++) order.push(i);
    function rank(i) { return gaps[i] > 0 ? 0 : noData[i] ? 2 : 1; }
    return order.sort(function (a, b) { return rank(a) - rank(b) || (rank(a) === 0 ? gaps[b] - gaps[a] : 0) || a - b; });
  };

  /**
   * Index of the first candidate box (in order of preference) that hits nothing in `taken` and,
   * if one does, nothing in `avoid` either (labels may cover a marker only when no place leaves
   * it clear, and never when `strict`); -1 when every candidate hits something in `taken` (or, if
   * strict, in `avoid`). taken/avoid: boxGrids or null. ok(box, i), if given, must also be true of
   * the box chosen (asked only of boxes clear of `taken`, as they come).
   */
  dxmap.placeBox = function (candidates, taken, avoid, strict, ok) {
    var fallback = -1;
    for (var i = 0; i < candidates.length; i++) {
      var b = candidates[i];
      if (taken && taken.hits(b)) continue;
      if (!avoid || !avoid.hits(b)) {
        if (!ok || ok(b, i)) return i;
      } else if (fallback < 0 && !strict && (!ok || ok(b, i))) fallback = i;
    }
    return fallback;
  };

  /**
   * Does box [x0, y0, x1, y1] cross an edge of view [x0, y0, x1, y1], partly in it and partly out? A name so placed
   * is cut at the screen's edge ("uamanga" for Huamanga on a phone, QA72 K13); one wholly outside is drawn for a pan.
   */
  dxmap.crossesEdge = function (box, view) {
    var inside = box[0] >= view[0] && box[1] >= view[1] && box[2] <= view[2] && box[3] <= view[3];
    var outside = box[2] <= view[0] || box[0] >= view[2] || box[3] <= view[1] || box[1] >= view[3];
    return !inside && !outside;
  };

  /**
   * Offsets [dx, dy] to the points of a grid `step` pixels apart within rx across and ry up or down
   * of a point, nearest first ([0, 0] first; of equally near ones, above before below, then left
   * before right): where to try a name that does not fit at its own point.
   */
  dxmap.nearOffsets = function (rx, ry, step) {
    var out = [], nx = Math.floor(rx / step), ny = Math.floor(ry / step);
    for (var j = 0 - ny; j <= ny; j++) for (var i = 0 - nx; i <= nx; i++) out.push([i * step, j * step]); // 0 - n: never -0
    return out.sort(function (a, b) { return a[0] * a[0] + a[1] * a[1] - b[0] * b[0] - b[1] * b[1] || a[1] - b[1] || a[0] - b[0]; });
  };

  /**
   * Padding [left, top, right, bottom] that keeps a place fitted into a map of size [w, h] clear of the controls in
   * its corners (boxes [x0, y0, x1, y1]): each is passed beside it (left or right, on the side of the map it sits
   * on) or above or below it, `gap` pixels away, whichever combination draws the place largest; of equally large
   * ones, the one leaving the most free area. zoomOf(pad) is the zoom at which the place fits inside pad; base the
   * smallest padding. A combination leaving less than `least` of the map's width or height is not used: null when
   * none is left.
   */
  dxmap.clearPad = function (size, base, boxes, gap, zoomOf, least) {
    var w = size[0], h = size[1], min = least === undefined ? 0.25 : least, best = null;
    var ways = boxes.map(function (b) {
      var left = b[0] + b[2] < w, top = b[1] + b[3] < h;
      return [left ? [0, b[2] + gap] : [2, w - b[0] + gap], top ? [1, b[3] + gap] : [3, h - b[1] + gap]];
    });
    for (var m = 0; m < 1 << ways.length; m++) {
      var pad = base.slice();
      for (var i = 0; i < ways.length; i++) {
        var way = ways[i][(m >> i) & 1];
        pad[way[0]] = Math.max(pad[way[0]], way[1]);
      }
      var fw = w - pad[0] - pad[2], fh = h - pad[1] - pad[3];
      if (fw < min * w || fh < min * h) continue;
      var z = zoomOf(pad);
      if (!best || z > best.z || (z === best.z && fw * fh > best.area)) best = { z: z, area: fw * fh, pad: pad };
    }
    return best && best.pad;
  };

  /**
   * A place's outline as rows: its box [x0, y0, x1, y1] (y down) cut into n rows, and in each row the leftmost and
   * rightmost x of the outline (lo, hi; Infinity and -Infinity in a row it does not reach). edges(visit) calls
   * visit(ax, ay, bx, by) for each edge of the outline (a point is an edge from itself to itself).
   */
  dxmap.rowProfile = function (box, n, edges) {
    var lo = new Float64Array(n).fill(Infinity), hi = new Float64Array(n).fill(-Infinity);
    var y0 = box[1], k = box[3] > y0 ? n / (box[3] - y0) : 0;
    function row(y) { return Math.min(n - 1, Math.max(0, Math.floor((y - y0) * k))); }
    function mark(j, x) { if (x < lo[j]) lo[j] = x; if (x > hi[j]) hi[j] = x; }
    edges(function (ax, ay, bx, by) {
      var ja = row(ay), jb = row(by), step = ja < jb ? 1 : -1;
      mark(ja, ax);
      mark(jb, bx);
      for (var j = ja; j !== jb; j += step) { // where the edge crosses into the next row, in both rows
        var x = ax + ((bx - ax) * (y0 + (step > 0 ? j + 1 : j) / k - ay)) / (by - ay);
        mark(j, x);
        mark(j + step, x);
      }
    });
    return { box: box, lo: lo, hi: hi };
  };

  /**
   * Where to put a place (a dxmap.rowProfile, drawn `f` pixels per unit) in a map of size [w, h] so that nothing of
   * it comes within `gap` pixels of a control in a corner (boxes [x0, y0, x1, y1]; each taken to reach into its
   * corner) and all of it stays `margin` pixels inside the edges: [x, y] of its box's top-left corner, as near the
   * middle of the map as that allows; null when no place is clear. Its box may pass under a control where the
   * outline does not (a district's empty corner beside the legend).
   */
  dxmap.clearSpot = function (prof, f, size, boxes, gap, margin) {
    var b = prof.box, n = prof.lo.length, W = (b[2] - b[0]) * f, H = (b[3] - b[1]) * f, w = size[0], h = size[1];
    var xMin = margin, xMax = w - margin - W, yMin = margin, yMax = h - margin - H;
    if (xMax < xMin || yMax < yMin) return null;
    // the outline's extremes in the first j rows and in the rows from j on, in pixels from the box's left edge
    var preLo = new Float64Array(n + 1), preHi = new Float64Array(n + 1), sufLo = new Float64Array(n + 1), sufHi = new Float64Array(n + 1), j;
    preLo[0] = sufLo[n] = Infinity;
    preHi[0] = sufHi[n] = -Infinity;
    for (j = 0; j < n; j++) {
      preLo[j + 1] = Math.min(preLo[j], (prof.lo[j] - b[0]) * f);
      preHi[j + 1] = Math.max(preHi[j], (prof.hi[j] - b[0]) * f);
    }
    for (j = n - 1; j >= 0; j--) {
      sufLo[j] = Math.min(sufLo[j + 1], (prof.lo[j] - b[0]) * f);
      sufHi[j] = Math.max(sufHi[j + 1], (prof.hi[j] - b[0]) * f);
    }
    var rows = n / Math.max(H, 1e-9), corners = boxes.map(function (o) {
      var left = o[0] + o[2] < w, top = o[1] + o[3] < h;
      return { left: left, top: top, x: left ? o[2] + gap : o[0] - gap, y: top ? o[3] + gap : o[1] - gap };
    });
    var cx = (w - W) / 2, cy = (h - H) / 2, best = null, bestD = Infinity, steps = Math.max(1, Math.ceil(yMax - yMin));
    for (var i = -1; i <= steps; i++) {
      var y = i < 0 ? Math.min(Math.max(cy, yMin), yMax) : yMin + ((yMax - yMin) * i) / steps, lo = xMin, hi = xMax;
      for (var q = 0; q < corners.length && lo <= hi; q++) {
        var o = corners[q], ext;
        if (o.top) { // the rows reaching above the control's bottom
          var c = Math.min(n, Math.max(0, Math.ceil((o.y - y) * rows)));
          ext = o.left ? preLo[c] : preHi[c];
        } else { // the rows reaching below its top
          var s = Math.min(n, Math.max(0, Math.floor((o.y - y) * rows)));
          ext = o.left ? sufLo[s] : sufHi[s];
        }
        if (o.left) lo = Math.max(lo, o.x - ext);
        else hi = Math.min(hi, o.x - ext);
      }
      if (lo > hi) continue;
      var x = Math.min(Math.max(cx, lo), hi), d = (x - cx) * (x - cx) + (y - cy) * (y - cy);
      if (d < bestD) { best = [x, y]; bestD = d; }
    }
    return best;
  };

  /**
   * The largest [width, height] a popup may take in a map of size [w, h] and still lie whole between the bars across it
   * (control boxes [x0, y0, x1, y1] wider than a third of the map: the title bar above its middle, the legend and table
   * bars below it), `margin` pixels from them and from the map's sides, with `tip` pixels left below it for its tip.
   * Smaller controls in a corner are not counted.
   */
  dxmap.cardRoom = function (size, boxes, margin, tip) {
    var top = 0, bottom = size[1];
    boxes.forEach(function (b) {
      if (b[2] - b[0] <= size[0] / 3) return;
      if (b[1] + b[3] < size[1]) top = Math.max(top, b[3]);
      else bottom = Math.min(bottom, b[1]);
    });
    return [Math.max(0, size[0] - 2 * margin), Math.max(0, bottom - top - 2 * margin - tip)];
  };

  /**
   * The height the rows of a wide map's table may take (px; 0 or less: none): from the top of its bar, at `bar` px
   * above the bottom of its box [x0, y0, x1, y1], up to `gap` px under the lowest control box above it that it would
   * run into (the panel and the layer box above it at the right). A short window's open table covered them: the
   * print, PNG and link buttons could not be reached (QA62 10). Controls beside it do not count.
   */
  dxmap.tableRoom = function (box, bar, boxes, gap) {
    var barTop = box[3] - bar, top = 0;
    boxes.forEach(function (b) { if (b[0] < box[2] && b[2] > box[0] && b[3] <= barTop) top = Math.max(top, b[3]); });
    return barTop - gap - top;
  };

  function shifted(b, s) { return [b[0] + s[0], b[1] + s[1], b[2] + s[0], b[3] + s[1]]; }
  function grown(b, m) { return [b[0] - m, b[1] - m, b[2] + m, b[3] + m]; }

  /** The shift [dx, dy] that brings box inside view (less margin); the top-left edge wins when it is larger. */
  function intoView(box, view, m) {
    function axis(lo, hi, vlo, vhi) {
      if (hi - lo > vhi - vlo - 2 * m || lo < vlo + m) return vlo + m - lo;
      if (hi > vhi - m) return vhi - m - hi;
      return 0;
    }
    return [axis(box[0], box[2], view[0], view[2]), axis(box[1], box[3], view[1], view[3])];
  }

  /**
   * How far to move a popup (box) so that it is inside the map view and clear of the page's
   * controls (obstacles), all boxes [x0, y0, x1, y1] in the same pixels: the smallest move (one
   * or two steps past an obstacle's edge) that leaves it clear, or, when none does, the move that
   * only brings it into view.
   */
  dxmap.clearShift = function (box, view, obstacles, margin) {
    var m = margin || 0, base = intoView(box, view, m), best = null, bestCost = Infinity;
    var inner = [view[0] + m, view[1] + m, view[2] - m, view[3] - m];
    function clear(b) { return obstacles.every(function (o) { return !overlaps(grown(o, m), b); }); }
    function inside(b) { return b[0] >= inner[0] - 0.5 && b[1] >= inner[1] - 0.5 && b[2] <= inner[2] + 0.5 && b[3] <= inner[3] + 0.5; }
    if (clear(shifted(box, base))) return base;
    function steps(s) { // moves just past each obstacle the box shifted by s overlaps
      var b = shifted(box, s), out = [];
      obstacles.forEach(function (o) {
        if (!overlaps(grown(o, m), b)) return;
        out.push([s[0], s[1] + o[3] + m - b[1]], [s[0], s[1] + o[1] - m - b[3]],
          [s[0] + o[2] + m - b[0], s[1]], [s[0] + o[0] - m - b[2], s[1]]);
      });
      return out;
    }
    var first = steps(base), all = first.slice();
    first.forEach(function (s) { all = all.concat(steps(s)); });
    all.forEach(function (s) {
      var b = shifted(box, s), cost = Math.abs(s[0]) + Math.abs(s[1]);
      if (cost < bestCost && inside(b) && clear(b)) { best = s; bestCost = cost; }
    });
    return best || base;
  };
})();

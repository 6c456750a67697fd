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
      }
    };
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
   * Offsets [dx, dy] to the points of a grid `step` pixels apart within rx across and ry up or down
   * of a point, nearest first ([0, 0] first; of equally near ones, above before below, then left
   * before right): where to try a name that does not fit at its own point.
   */
  dxmap.nearOffsets = function (rx, ry, step) {
    var out = [], nx = Math.floor(rx / step), ny = Math.floor(ry / step);
    for (var j = 0 - ny; j <= ny; j++) for (var i = 0 - nx; i <= nx; i++) out.push([i * step, j * step]); // 0 - n: never -0
    return out.sort(function (a, b) { return a[0] * a[0] + a[1] * a[1] - b[0] * b[0] - b[1] * b[1] || a[1] - b[1] || a[0] - b[0]; });
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

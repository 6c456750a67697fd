"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, plain } = require("./load.js");

const dxmap = load(["map-markers.js", "map-export.js"]);

test("each status shape is a closed path that starts at the shape's edge", () => {
  const tri = dxmap.markerPath("triangle", 10);
  assert.deepEqual([tri.dx, tri.dy], [0, -10]);
  assert.equal(tri.d, "l9.5 17h-19z");
  const circle = dxmap.markerPath("circle-open", 5);
  assert.equal(circle.d, "a5 5 0 1 0 -10 0a5 5 0 1 0 10 0z");
  assert.equal(dxmap.markerPath("dot", 3).dx, 3);
  for (const shape of ["triangle", "diamond", "circle-open", "square-open", "dot"]) {
    assert.match(dxmap.markerPath(shape, 6.5).d, /z$/);
  }
});

test("a marker's path is placed at its centre to a tenth of a pixel, wherever it is drawn", () => {
  assert.equal(dxmap.pathAt(dxmap.markerPath("circle", 5), 100.04, 20.06), "M105 20.1a5 5 0 1 0 -10 0a5 5 0 1 0 10 0z");
  assert.equal(dxmap.pathAt(dxmap.markerPath("triangle", 10), 0, 0), "M0 -10l9.5 17h-19z");
});

test("open shapes are told apart; markers shrink far out, never below half", () => {
  assert.deepEqual(["circle-open", "square-open", "dot", "triangle"].map(dxmap.isOpen), [true, true, false, false]);
  assert.equal(dxmap.markerScale(12), 1);
  assert.equal(dxmap.markerScale(9), 1);
  assert.ok(Math.abs(dxmap.markerScale(8) - 0.85) < 1e-12);
  assert.equal(dxmap.markerScale(2), 0.5);
});

test("the headline gap is drawn largest", () => {
  assert.equal(Math.max(...dxmap.RADIUS), dxmap.RADIUS[0]);
});

test("text wraps at spaces to the width; a long word keeps a line of its own", () => {
  const measure = (s) => s.length * 10;
  assert.deepEqual(JSON.parse(JSON.stringify(dxmap.wrapText(measure, "Hạ tầng số còn thiếu — số liệu", 100))),
    ["Hạ tầng số", "còn thiếu", "— số liệu"]);
  assert.deepEqual(JSON.parse(JSON.stringify(dxmap.wrapText(measure, "abcdefghijklmno x", 100))), ["abcdefghijklmno", "x"]);
  assert.deepEqual(JSON.parse(JSON.stringify(dxmap.wrapText(measure, "  ", 100))), []);
});

test("how far a unit's symbols reach: its marker with its line's halo or edge, and its change rings (QA18: names keep off)", () => {
  const all = load();
  const D = { shapes: ["triangle", "diamond", "circle-open", "square-open", "dot"], statuses: ["none", "weak", "planned", "unknown", "covered"] };
  const S = all.DRAW_STATUS;
  assert.equal(all.drawnRadius(0, S, D, 1), 7.5); // a triangle, radius 7, its dark edge
  assert.equal(all.drawnRadius(2, S, D, 1), 8); // an open circle, 5.5, and its white halo 2.5: it cut into "Cán Cấu"
  assert.equal(all.drawnRadius(2, S, D, 0.5), 2.75 + 1.5); // far out: the marker shrinks, its line no thinner than 0.6
  D.change = { style: { stayed: { status: "none", ring: null, ring_radius: 0, dot: null, dot_radius: 0 },
    new: { status: "none", ring: "#CC79A7", ring_radius: 10.5, dot: null, dot_radius: 0 },
    fixed: { status: null, ring: "#009E73", ring_radius: 6.5, dot: "#009E73", dot_radius: 2.2 } } };
  assert.equal(all.drawnRadius(4, all.DRAW_FIXED, D, 1), 9); // a fixed ring (6.5 and its halo), not the covered dot's 3
  assert.equal(all.drawnRadius(0, S | all.DRAW_NEW, D, 1), 13); // the newly-missing ring around the triangle
  assert.equal(all.drawnRadius(0, S | all.DRAW_FIXED, D, 1), 13); // a merged commune's fixed ring around its gap marker
});

test("markers are crowded where more than two share a marker's square, counted where they are, not over the view", () => {
  const all = load();
  // 30 markers 4 px apart in a row: 120 px, five 24 px squares, six to a square
  const row = Array.from({ length: 30 }, (_, i) => i * 4);
  assert.equal(all.crowding(row, row.map(() => 50), 30, 24), 6);
  assert.equal(all.crowding([], [], 0, 24), 0);
  // the same markers 30 px apart: one to a square, however large the empty view around them
  const apart = row.map((x) => x * 7.5);
  assert.equal(all.crowding(apart, apart.map(() => 5000), 30, 24), 1);
});

test("the least statuses are reduced first: a province's gaps stay whole over its crowded covered villages", () => {
  const all = load();
  const x = [], y = [], s = [];
  // 82 gaps 40 px apart (none and planned) and 1,472 covered villages 6 px apart among them
  for (let i = 0; i < 82; i++) { x.push((i % 10) * 40); y.push(Math.floor(i / 10) * 40); s.push(i % 3 ? 0 : 2); }
  for (let i = 0; i < 1472; i++) { x.push((i % 64) * 6); y.push(Math.floor(i / 64) * 6); s.push(4); }
  assert.equal(all.wholeStatuses(x, y, s, x.length, 5), 4); // covered (4) reduced, the rest whole
  assert.equal(all.wholeStatuses(x.slice(0, 82), y.slice(0, 82), s.slice(0, 82), 82, 5), 5); // no covered: all whole
  // a country: 12,000 gaps in a 300 px square, every status crowded from the headline gap on
  const cx = [], cy = [], cs = [];
  for (let i = 0; i < 12000; i++) { cx.push((i * 37) % 300); cy.push((i * 91) % 300); cs.push(i % 3 ? 0 : 2); }
  assert.equal(all.wholeStatuses(cx, cy, cs, cx.length, 5), 0);
  // none crowded but planned makes them so: the missing stay whole, the planned are dots
  const px = x.slice(0, 82), py = y.slice(0, 82), ps = px.map(() => 0);
  for (let i = 0; i < 400; i++) { px.push(i % 400); py.push(7); ps.push(2); }
  assert.equal(all.wholeStatuses(px, py, ps, px.length, 5), 2);
  // a few are never crowded, however close: a province's gaps on a phone zoomed out
  const few = Array.from({ length: all.CROWD_LEAST }, () => 3);
  assert.equal(all.wholeStatuses(few, few, few.map(() => 0), few.length, 5), 5);
  assert.equal(all.wholeStatuses(few.concat([3]), few.concat([3]), few.map(() => 0).concat([0]), few.length + 1, 5), 0);
});

test("thinned: one marker per square, the last drawn (the headline gap), in draw order; only those listed", () => {
  const all = load();
  const x = [1, 3, 9, 2, 30], y = [1, 2, 1, 5, 30];
  assert.deepEqual(plain(all.thinned(x, y, [0, 1, 2, 3, 4], 8)), [2, 3, 4]); // 0, 1, 3 share a square: 3 is drawn last
  assert.deepEqual(plain(all.thinned(x, y, [4, 0, 1], 8)), [4, 1]); // of a list, in its order
  assert.deepEqual(plain(all.thinned(x, y, [], 8)), []);
  // a reduced marker is a small dot: far smaller than the whole marker it stands for
  assert.ok(all.DOT_RADIUS * 3 <= all.RADIUS[0]);
});

test("hysteresis: dots past 2 to a square, whole again below 1.5 or 150 in view; the same answer asked twice", () => {
  const all = load();
  /** n gaps at `per` to a 24 px square: one column of squares 24 px apart, `per` markers 1 px apart in each. */
  function view(n, per) {
    const x = [], y = [], s = [];
    for (let i = 0; i < n; i++) { x.push(Math.floor(i / per) * 24 + (i % per)); y.push(5); s.push(0); }
    return [x, y, s, n, 5];
  }
  const ALL_WHOLE = 5, ALL_DOTS = 0;
  // national zoom 9: 1.98 to 2.04 to a square as one pans (QA: the view flipped at every other pan)
  const pans = [[2554, 1.98], [2508, 2.04], [2464, 1.98], [2415, 2.02], [2352, 1.99], [2312, 2.03]];
  const before = pans.map(([n, per]) => all.wholeStatuses(...view(n, per)));
  assert.deepEqual(before, [ALL_WHOLE, ALL_DOTS, ALL_WHOLE, ALL_DOTS, ALL_WHOLE, ALL_DOTS]); // without memory: flips
  let was, got = [];
  for (const [n, per] of pans) { was = all.wholeStatuses(...view(n, per), was); got.push(was); }
  assert.deepEqual(got, [ALL_WHOLE, ALL_DOTS, ALL_DOTS, ALL_DOTS, ALL_DOTS, ALL_DOTS]); // one switch, then kept
  // whole again where clearly less crowded: below 1.5 to a square, or 150 markers in view
  assert.equal(all.wholeStatuses(...view(2000, 1.6), ALL_DOTS), ALL_DOTS);
  assert.equal(all.wholeStatuses(...view(2000, 1.45), ALL_DOTS), ALL_WHOLE);
  assert.equal(all.wholeStatuses(...view(160, 3), ALL_DOTS), ALL_DOTS);
  assert.equal(all.wholeStatuses(...view(150, 3), ALL_DOTS), ALL_WHOLE);
  // and whole markers stay whole up to the limits themselves
  assert.equal(all.wholeStatuses(...view(2000, 1.9), ALL_WHOLE), ALL_WHOLE);
  assert.equal(all.wholeStatuses(...view(200, 3), ALL_WHOLE), ALL_WHOLE);
  assert.ok(all.CROWD_LIMIT_OUT < all.CROWD_LIMIT && all.CROWD_LEAST_OUT < all.CROWD_LEAST);
  // asked again with its own answer, the same answer (the names' and the markers' layers ask in turn)
  const x = [], y = [], s = [];
  for (let i = 0; i < 300; i++) { x.push(i * 12); y.push(0); s.push(0); } // gaps: 2 to a square, not crowded
  for (let i = 0; i < 900; i++) { x.push((i % 300) * 12 + 1); y.push(1); s.push(2); } // planned among them: crowded
  for (const start of [undefined, 0, 1, 2, 3, 5]) {
    const once = all.wholeStatuses(x, y, s, x.length, 5, start);
    assert.equal(all.wholeStatuses(x, y, s, x.length, 5, once), once, `from ${start}`);
  }
});

test("thinned per colour: each status keeps a dot in a square, so the planned stay seen among the gaps", () => {
  const all = load();
  // a square of 8 px with a planned village (slot 1) drawn first and two gaps (slot 0) after it, and one planned alone
  const x = [1, 3, 5, 20], y = [1, 2, 4, 1], slot = [1, 0, 0, 1];
  assert.deepEqual(plain(all.thinned(x, y, [0, 1, 2, 3], 8)), [2, 3]); // one a square: the planned one there is lost
  assert.deepEqual(plain(all.thinned(x, y, [0, 1, 2, 3], 8, slot)), [0, 2, 3]); // per colour: kept, drawn under the gap
  // a national view: gaps in every 8 px square of a 400 × 200 px country (two each), planned in every fifth square
  const cx = [], cy = [], cs = [], list = [];
  for (let a = 0; a < 50; a++) for (let b = 0; b < 25; b++) {
    if ((a + b) % 5 === 0) { cx.push(8 * a + 1); cy.push(8 * b + 1); cs.push(1); }
    for (const d of [3, 6]) { cx.push(8 * a + d); cy.push(8 * b + d); cs.push(0); }
  }
  cs.forEach((c, i) => { if (c === 1) list.push(i); }); // drawn first, under the gaps, as the page draws them
  cs.forEach((c, i) => { if (c === 0) list.push(i); });
  const one = all.thinned(cx, cy, list, 8), per = all.thinned(cx, cy, list, 8, cs);
  const planned = (kept) => kept.filter((i) => cs[i] === 1).length;
  const gaps = (kept) => kept.filter((i) => cs[i] === 0).length;
  assert.equal(planned(one), 0); // the worst status won every square
  assert.equal(planned(per), 250);
  assert.equal(gaps(per), gaps(one)); // the gaps' dots as before
  const squares = new Set(per.map((i) => Math.floor(cx[i] / 8) + ":" + Math.floor(cy[i] / 8) + ":" + cs[i]));
  assert.equal(squares.size, per.length); // one per square and colour
});

test("a reduced marker takes its status's colour, or its change's where it is drawn for its change only", () => {
  const all = load();
  const D = { colours: ["#D55E00", "#E69F00", "#0072B2", "#999999", "#009E73"], statuses: ["none", "weak", "planned", "unknown", "covered"],
    change: { style: { stayed: { status: "none", ring: null, ring_radius: 0, dot: null, dot_radius: 0 },
      new: { status: "none", ring: "#CC79A7", ring_radius: 10.5, dot: null, dot_radius: 0 },
      fixed: { status: null, ring: "#009E73", ring_radius: 6.5, dot: "#009E73", dot_radius: 2.2 } } } };
  assert.equal(all.dotColour(2, all.DRAW_STATUS, D), "#0072B2");
  assert.equal(all.dotColour(4, all.DRAW_FIXED, D), "#009E73"); // fixed: its ring's colour
  assert.equal(all.dotColour(0, all.DRAW_STATUS | all.DRAW_NEW, D), "#D55E00"); // its gap marker's
});

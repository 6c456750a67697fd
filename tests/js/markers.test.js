"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./load.js");

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

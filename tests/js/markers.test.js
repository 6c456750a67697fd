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

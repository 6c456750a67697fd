"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, plain } = require("./load.js");

const dxmap = load(["map-place.js"]);

test("a tap picks the nearest marker within the tolerance, not the one drawn last", () => {
  const xs = [100, 112, 300], ys = [100, 100, 300];
  assert.deepEqual(plain(dxmap.pick(xs, ys, 3, 104, 100, 22, 4)), [0]); // 4 px from A, 8 px from B
  assert.deepEqual(plain(dxmap.pick(xs, ys, 3, 109, 100, 22, 4)), [1]);
  assert.deepEqual(plain(dxmap.pick(xs, ys, 3, 150, 150, 22, 4)), []);
  assert.deepEqual(plain(dxmap.pick(xs, ys, 3, 300, 321, 22, 4)), [2]);
  assert.deepEqual(plain(dxmap.pick(xs, ys, 3, 300, 323, 22, 4)), []);
});

test("markers on top of each other are all picked, the nearest first; only n drawn count", () => {
  const xs = [50, 51, 50, 90], ys = [50, 50, 53, 50];
  assert.deepEqual(plain(dxmap.pick(xs, ys, 4, 49, 50, 9, 4)), [0, 1, 2]);
  assert.deepEqual(plain(dxmap.pick(xs, ys, 2, 49, 50, 9, 4)), [0, 1]);
  assert.deepEqual(plain(dxmap.pick(xs, ys, 0, 49, 50, 9, 4)), []);
});

test("of two equally near markers the one drawn on top (last) wins", () => {
  assert.deepEqual(plain(dxmap.pick([10, 20], [0, 0], 2, 15, 0, 9, 1)), [1]);
});

test("boxes overlap only when they share area", () => {
  assert.equal(dxmap.overlaps([0, 0, 10, 10], [5, 5, 15, 15]), true);
  assert.equal(dxmap.overlaps([0, 0, 10, 10], [10, 0, 20, 10]), false);
  assert.equal(dxmap.overlaps([0, 0, 10, 10], [2, 2, 3, 3]), true);
});

test("a box grid finds overlaps across cells and nothing else", () => {
  const grid = dxmap.boxGrid(16);
  grid.add([0, 0, 40, 10]);
  grid.add([-30, -30, -20, -20]);
  assert.equal(grid.hits([35, 5, 50, 8]), true);
  assert.equal(grid.hits([41, 0, 60, 10]), false);
  assert.equal(grid.hits([-25, -25, -24, -24]), true);
  assert.equal(grid.hits([100, 100, 110, 110]), false);
});

test("a name takes the first place clear of names, preferring places clear of markers", () => {
  const taken = dxmap.boxGrid(32), markers = dxmap.boxGrid(32);
  markers.add([45, 45, 55, 55]);
  const spots = [[40, 40, 60, 60], [40, 20, 60, 38], [40, 62, 60, 80]];
  assert.equal(dxmap.placeBox(spots, taken, markers), 1);
  taken.add([0, 15, 100, 39]);
  assert.equal(dxmap.placeBox(spots, taken, markers), 2);
  taken.add([0, 61, 100, 90]);
  assert.equal(dxmap.placeBox(spots, taken, markers), 0); // over a marker rather than nowhere
  assert.equal(dxmap.placeBox(spots, taken, markers, true), -1); // strict: nowhere rather than over a marker
  taken.add([0, 0, 100, 100]);
  assert.equal(dxmap.placeBox(spots, taken, markers), -1);
  assert.equal(dxmap.placeBox(spots, null, null), 0);
});

test("a name's place can be narrowed by a test of its own (a district's name: over its district)", () => {
  const markers = dxmap.boxGrid(32);
  markers.add([45, 45, 55, 55]);
  const spots = [[40, 40, 60, 60], [40, 20, 60, 38], [40, 62, 60, 80], [70, 40, 90, 60]];
  const asked = [];
  const notAbove = (b, i) => { asked.push(i); return b[1] >= 40; };
  assert.equal(dxmap.placeBox(spots, null, markers, false, notAbove), 2); // 1 is clear of the marker but fails the test
  assert.deepEqual(asked, [0, 1, 2]);
  assert.equal(dxmap.placeBox(spots, null, markers, true, (b, i) => i === 3), 3);
  assert.equal(dxmap.placeBox(spots, null, markers, false, (b, i) => i === 0), 0); // over the marker: its fallback
  assert.equal(dxmap.placeBox(spots, null, markers, true, (b, i) => i === 0), -1);
  assert.equal(dxmap.placeBox(spots, null, markers, false, () => false), -1);
});

test("places near a point come nearest first, the point itself first", () => {
  const near = plain(dxmap.nearOffsets(12, 6, 6)).map(plain);
  assert.equal(near.length, 5 * 3);
  assert.deepEqual(near.slice(0, 5), [[0, 0], [0, -6], [-6, 0], [6, 0], [0, 6]]);
  assert.deepEqual(near[near.length - 1], [12, 6]);
  const d = near.map(([x, y]) => x * x + y * y);
  assert.deepEqual(d, [...d].sort((a, b) => a - b));
  assert.deepEqual(plain(dxmap.nearOffsets(0, 0, 6)).map(plain), [[0, 0]]);
});

test("a popup inside the view and clear of the controls stays put", () => {
  assert.deepEqual(plain(dxmap.clearShift([100, 100, 200, 200], [0, 0, 400, 800], [[0, 0, 400, 50]], 8)), [0, 0]);
});

test("a popup under the top bar moves down just past it", () => {
  const shift = plain(dxmap.clearShift([50, 20, 250, 220], [0, 0, 390, 844], [[0, 0, 390, 120], [0, 760, 390, 844]], 8));
  assert.deepEqual(shift, [0, 108]);
});

test("a popup off the view comes back in, then clears a control", () => {
  assert.deepEqual(plain(dxmap.clearShift([-40, 300, 160, 400], [0, 0, 1400, 900], [], 8)), [48, 0]);
  // in view but under a top-right panel: moving left is shorter than moving down
  assert.deepEqual(plain(dxmap.clearShift([1100, 100, 1250, 200], [0, 0, 1400, 900], [[1120, 10, 1390, 400]], 8)), [-138, 0]);
});

test("when no move clears every control the popup is only brought into view", () => {
  const shift = plain(dxmap.clearShift([0, -10, 390, 700], [0, 0, 390, 844], [[0, 0, 390, 120], [0, 700, 390, 844]], 8));
  assert.deepEqual(shift, [8, 18]);
});

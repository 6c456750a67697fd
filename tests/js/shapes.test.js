"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, plain } = require("./load.js");
const { payload, SCALE } = require("./fixture.js");

const dxmap = load();
const project = dxmap.projector({ code: "EPSG:3857" });
const D = payload();
const st = dxmap.shapeStore(D.units.geom, SCALE, project);

function world(lng, lat) { const out = []; project(lng, lat, out, 0); return out; }
function inside(s, lng, lat) { const w = world(lng, lat); return dxmap.insideShape(st, s, w[0], w[1]); }

test("a store holds every ring of every shape and its bounds", () => {
  assert.equal(st.n, 3);
  assert.deepEqual(plain(st.shapeRing), [0, 1, 2, 4]);
  assert.deepEqual(plain(st.ringStart), [0, 4, 8, 12, 16]);
  assert.deepEqual(plain(dxmap.shapeBounds(st, 2)), [104.2, 22, 104.3, 22.1]);
});

test("point in polygon: inside, outside, and in a hole", () => {
  assert.equal(inside(0, 104.05, 22.05), true);
  assert.equal(inside(1, 104.05, 22.05), false);
  assert.equal(inside(2, 104.22, 22.02), true);
  assert.equal(inside(2, 104.25, 22.05), false); // the hole
  assert.equal(inside(2, 104.5, 22.05), false);
});

test("a shape without geometry has no bounds and contains nothing", () => {
  const empty = dxmap.shapeStore([null, D.units.geom[0]], SCALE, project);
  assert.equal(dxmap.shapeBounds(empty, 0), null);
  assert.equal(dxmap.insideShape(empty, 0, 0, 0), false);
  assert.equal(dxmap.shapeBounds(empty, 1)[0], 104);
});

test("thinned copies keep every ring's first and last vertex and are made once", () => {
  const far = st.level(1), near = st.level(20);
  assert.equal(near.xy.length, st.xy.length);
  assert.equal(st.level(1), far);
  assert.equal(far.zoom, 6);
  assert.ok(far.xy.length <= st.xy.length);
  for (let r = 0; r + 1 < far.ringStart.length; r++) assert.ok(far.ringStart[r + 1] - far.ringStart[r] >= 2);
});

test("tracing a shape writes relative SVG path data in whole pixels, one subpath per ring", () => {
  const parts = [], f = 2 ** 10, w = world(104.2, 22.1); // zoom 10, the shape's top left corner at 0 0
  dxmap.traceShape(parts, st, 2, { level: st.level(12), f: f, ox: w[0] * f, oy: w[1] * f });
  // 0.1 degree of longitude at zoom 10 is 256 * 1024 * 0.1 / 360 = 72.8 pixels
  assert.equal(parts.join(""), "M0 79l73 0l0 -79l-73 0zM29 47l15 0l0 -16l-15 0z");
});

test("decimate drops vertices closer than half a pixel", () => {
  const level = { xy: Float64Array.from([0, 0, 0.0001, 0, 0.0002, 0, 10, 0, 10, 10]), ringStart: Int32Array.from([0, 5]) };
  const thin = dxmap.decimate(level, 0);
  assert.deepEqual(plain(thin.xy), [0, 0, 10, 0, 10, 10]);
  assert.deepEqual(plain(thin.ringStart), [0, 3]);
});

test("a shape's edges close each ring, holes included, in world coordinates", () => {
  const edges = [];
  dxmap.shapeEdges(st, [2], 12, (ax, ay, bx, by) => edges.push([ax, ay, bx, by]));
  assert.equal(edges.length, 8); // two rings of four vertices
  const ring = edges.slice(0, 4);
  ring.forEach((e, i) => { const next = ring[(i + 1) % 4]; assert.deepEqual([e[2], e[3]], [next[0], next[1]]); });
  const b = dxmap.shapeBounds(st, 2), nw = world(b[0], b[3]), se = world(b[2], b[1]);
  const xs = edges.flatMap((e) => [e[0], e[2]]), ys = edges.flatMap((e) => [e[1], e[3]]);
  assert.deepEqual([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], [nw[0], nw[1], se[0], se[1]]);
});

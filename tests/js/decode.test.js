"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, encode, plain } = require("./load.js");

const dxmap = load(["map-decode.js"]);

test("polyline strings decode to the points (Google's example, values in the order written)", () => {
  const flat = plain(dxmap.decode("_p~iF~ps|U_ulLnnqC_mqNvxq`@", 1e5));
  const want = [38.5, -120.2, 40.7, -120.95, 43.252, -126.453];
  assert.equal(flat.length, want.length);
  flat.forEach((v, i) => assert.ok(Math.abs(v - want[i]) < 1e-9, `${v} vs ${want[i]}`));
});

test("decode reads what the Python encoder writes, at any scale", () => {
  const pts = [103.81234, 22.51234, 103.8, 22.5, -0.00001, 0, 104.12345, 21.99999];
  for (const scale of [1e5, 1e3, 1e6]) {
    const flat = plain(dxmap.decode(encode(pts, scale), scale));
    flat.forEach((v, i) => assert.ok(Math.abs(v - Math.round(pts[i] * scale) / scale) < 1e-9));
  }
  assert.deepEqual(plain(dxmap.decode("", 1e5)), []);
});

test("eachPoint visits points in order", () => {
  const seen = [];
  dxmap.eachPoint(encode([1, 2, 3, 4], 10), 10, (x, y) => seen.push([x, y]));
  assert.deepEqual(JSON.parse(JSON.stringify(seen)), [[1, 2], [3, 4]]);
});

test("small integers come as 0, a string or a list", () => {
  assert.deepEqual(plain(dxmap.ints(0, 3)), [0, 0, 0]);
  assert.deepEqual(plain(dxmap.ints("?@A\\", 4)), [0, 1, 2, 29]);
  assert.deepEqual(plain(dxmap.ints([5, 300], 2)), [5, 300]);
});

test("status strings: one digit per unit, '-' (no row) and anything unknown is -1", () => {
  assert.deepEqual(plain(dxmap.statusCodes("01-4x5", 5)), [0, 1, -1, 4, -1, -1]);
});

test("Web Mercator world coordinates at zoom 0", () => {
  const project = dxmap.projector({ code: "EPSG:3857" }), out = [];
  project(0, 0, out, 0);
  project(180, 0, out, 2);
  project(-180, 85.0511287798, out, 4);
  project(0, 89.9, out, 6); // clamped like Leaflet
  assert.deepEqual(out.slice(0, 4), [128, 128, 256, 128]);
  assert.ok(Math.abs(out[4]) < 1e-9 && Math.abs(out[5]) < 1e-6);
  assert.ok(Math.abs(out[7]) < 1e-6);
});

test("another CRS goes through Leaflet's own projection", () => {
  const calls = [];
  const crs = { code: "EPSG:4326", latLngToPoint: (ll, z) => { calls.push([ll.lat, ll.lng, z]); return { x: ll.lng, y: -ll.lat }; } };
  const ctx = load(["map-decode.js"], { L: { LatLng: function (lat, lng) { this.lat = lat; this.lng = lng; } } });
  const out = [];
  ctx.projector(crs)(104, 22, out, 0);
  assert.deepEqual(out, [104, -22]);
  assert.deepEqual(calls, [[22, 104, 0]]);
});

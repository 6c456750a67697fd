"use strict";
// Villages without a location (a village list made from the records, page data villages.np): the model marks them,
// so that the markers skip them while the counts keep them.
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./load.js");
const { payload } = require("./fixture.js");

const dxmap = load();

test("villages named in villages.np are unplaced; the others, and a page without np, are placed", () => {
  const D = payload();
  D.villages.np = [0, 2];
  const M = dxmap.model(D);
  assert.equal(M.nUnplaced, 2);
  assert.deepEqual([0, 1, 2, 3, 4].map((k) => M.hasPlace("village", k)), [false, true, false, true, true]);
  assert.ok(M.hasPlace("commune", 0)); // a commune is where its outline is
  const none = dxmap.model(payload());
  assert.equal(none.nUnplaced, 0);
  assert.ok([0, 1, 2, 3, 4].every((k) => none.hasPlace("village", k)));
});

test("an unplaced village still counts in its commune and district", () => {
  const placed = dxmap.model(payload()), D = payload();
  D.villages.np = [0, 1, 2, 3, 4];
  const M = dxmap.model(D), fibre = (m) => m.techs.find((t) => t.key === "fibre");
  assert.deepEqual(Array.from(M.counts(fibre(M), -1, -1)), Array.from(placed.counts(fibre(placed), -1, -1)));
});

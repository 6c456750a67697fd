// The legend's pure parts: when a technology has no units at all in the place chosen (QA19: "▲0 ◆0 ○0 □0" for
// fibre in former Yên Bái, which sent no fibre sheet), it says so in words instead of a row of zeros.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./load.js");

const dxmap = load(["map-legend.js"]);

test("a technology has no units in a place only when every status counts zero", () => {
  assert.equal(dxmap.noUnits([0, 0, 0, 0, 0]), true);
  assert.equal(dxmap.noUnits(new Int32Array(5)), true);
  assert.equal(dxmap.noUnits([0, 0, 0, 1, 0]), false); // one unit of unknown status is data: "□1", not "no data"
  assert.equal(dxmap.noUnits([0, 0, 0, 0, 74]), false); // all covered
});

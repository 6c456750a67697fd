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

test("no change can be told where no unit has a known status: its counts read '–' (QA62 9)", () => {
  const d = load(["map-text.js", "map-legend.js"]), unknown = 3;
  assert.equal(d.noKnownStatus([0, 0, 0, 168, 0], unknown), true); // former Yên Bái's LAN: every former commune unknown
  assert.equal(d.noKnownStatus([0, 0, 0, 0, 0], unknown), true); // no unit at all
  assert.equal(d.noKnownStatus([0, 0, 0, 5, 1], unknown), false); // one covered: a count of 0 still missing is known
  assert.equal(d.noKnownStatus([2, 0, 0, 0, 0], unknown), false);
  assert.equal(d.countText(0, true, "vi"), "–");
  assert.equal(d.countText(0, false, "vi"), "0");
  assert.equal(d.countText(1527, false, "vi"), "1.527");
  assert.equal(d.countText(1527, false, "en"), "1,527");
  assert.equal(d.countText(undefined, false, "en"), "0");
});

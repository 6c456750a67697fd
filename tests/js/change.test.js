// The change since an earlier date (--compare) and the "any gap" view: pure functions, then the model on the fixture.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, plain } = require("./load.js");
const { payload } = require("./fixture.js");

const dxmap = load();
// status codes: none 0, weak 1, planned 2, unknown 3, covered 4; -1 no row
const [NONE, WEAK, UNKNOWN, COVERED] = [0, 1, 3, 4];

test("a unit's change: still missing, newly missing, fixed, or nothing to tell", () => {
  assert.equal(dxmap.changeCode(NONE, NONE), 0); // stayed
  assert.equal(dxmap.changeCode(NONE, COVERED), 1); // new
  assert.equal(dxmap.changeCode(NONE, UNKNOWN), 1); // no record then: newly missing, as change_status says
  assert.equal(dxmap.changeCode(COVERED, NONE), 2); // fixed
  assert.equal(dxmap.changeCode(WEAK, NONE), 2); // left the gap list, though not covered
  assert.equal(dxmap.changeCode(WEAK, COVERED), -1);
  assert.equal(dxmap.changeCode(-1, NONE), -1); // no row now
  assert.equal(dxmap.changeCode(NONE, -1), -1); // not compared
  assert.deepEqual(plain(dxmap.changeCodes(Int8Array.from([0, 0, 4, 1]), Int8Array.from([0, 4, 0]))), [0, 1, 2, -1]);
});

test("what is drawn: a village still missing once, with the gap symbol; a fixed one as a ring even when its status is off", () => {
  const show = [true, true, true, true, false]; // covered off, as the page starts
  const all = [true, true, true];
  const { DRAW_STATUS: S, DRAW_FIXED: F, DRAW_NEW: N } = dxmap;
  assert.equal(dxmap.drawnAs(NONE, 0, show, all), S);
  assert.equal(dxmap.drawnAs(NONE, 1, show, all), S | N);
  assert.equal(dxmap.drawnAs(COVERED, 2, show, all), F);
  assert.equal(dxmap.drawnAs(COVERED, 2, [true, true, true, true, true], all), S | F);
  assert.equal(dxmap.drawnAs(COVERED, -1, show, all), 0);
  assert.equal(dxmap.drawnAs(NONE, 0, show, [false, true, true]), 0); // still missing switched off
  assert.equal(dxmap.drawnAs(NONE, 1, show, [true, false, true]), 0);
  assert.equal(dxmap.drawnAs(COVERED, 2, show, [true, true, false]), 0);
  assert.equal(dxmap.drawnAs(NONE, 0, [false, true, true, true, false], all), 0); // none switched off
  assert.equal(dxmap.drawnAs(NONE, 0, show, null), S); // a page without change
  assert.equal(dxmap.drawnAs(-1, -1, show, all), 0);
});

test("any gap: the worst status among the village technologies, and which ones are missing", () => {
  const mobile = Int8Array.from([4, 0, 4, -1, -1]), fibre = Int8Array.from([0, 1, 2, 3, -1]);
  assert.deepEqual(plain(dxmap.worstCodes([mobile, fibre], 5)), [0, 0, 2, 3, -1]);
  const techs = [{ key: "mobile", s: mobile }, { key: "fibre", s: fibre }];
  assert.deepEqual(plain(dxmap.missingAt(techs, 0)), ["fibre"]);
  assert.deepEqual(plain(dxmap.missingAt(techs, 1)), ["mobile"]);
  assert.deepEqual(plain(dxmap.missingAt(techs, 2)), []);
});

test("the model: change counts follow the district and the commune; the 'any gap' technology counts villages and communes", () => {
  const D = payload();
  D.L.map_short_mobile = "Di động";
  D.L.map_short_fibre = "Cáp quang";
  // fibre now "00241": v1 none, v2 none, v3 planned, v4 covered, v5 weak; earlier: v1 none, v2 covered, v3 none, v4 none, v5 -
  D.change = { since: "2024-03-31", title: "Thay đổi từ sau 31/3/2024", style: { stayed: { status: "none", ring: null, ring_radius: 0, dot: null, dot_radius: 0 }, new: { status: "none", ring: "#CC79A7", ring_radius: 10.5, dot: null, dot_radius: 0 }, fixed: { status: null, ring: "#009E73", ring_radius: 6.5, dot: "#009E73", dot_radius: 2.2 } },
    prev: { fibre: "0400-", lan: "4000" }, gone: { level: ["village"], id: ["v9"], name: ["Bản Cũ"], c: [1], prev: { fibre: "0" } } };
  D.status.mobile.s = "0444-"; // v1 also lacks mobile
  const M = dxmap.model(D), fibre = M.techs[1], lan = M.techs[2], any = M.anyTech;
  assert.ok(M.hasChange);
  assert.deepEqual(plain(fibre.ch), [0, 1, 2, 2, -1]);
  assert.equal(M.techs[0].ch, null); // no earlier data for mobile
  assert.deepEqual(plain(M.changeCounts(fibre, -1, -1)), [1, 1, 2]);
  assert.deepEqual(plain(M.changeCounts(fibre, 0, -1)), [1, 1, 1]); // district 0: v1, v2, v3
  assert.deepEqual(plain(M.changeCounts(fibre, 0, 1)), [0, 0, 1]); // commune B: v3
  // LAN "0142" now, "4000" then: A newly without, B (weak), C1 (covered) and C2 (planned) left the gap list
  assert.deepEqual(plain(M.changeCounts(lan, -1, -1)), [0, 1, 3]);
  assert.equal(M.changeCounts(M.techs[0], -1, -1), null);
  assert.equal(M.goneCount(fibre, -1, -1), 1);
  assert.equal(M.goneCount(fibre, 1, -1), 0);
  assert.equal(M.goneCount(lan, -1, -1), 0);
  // table rows: a fixed village is listed (it is drawn as a ring) though covered is off
  assert.deepEqual(plain(M.shownUnits(fibre, [true, true, true, true, false], -1, -1, [true, true, true])), [0, 1, 2, 3, 4]);
  assert.deepEqual(plain(M.shownUnits(fibre, [true, true, true, true, false], -1, -1, [true, true, false])), [0, 1, 2, 4]);
  // any gap: v1 lacks mobile and fibre, v2 fibre; communes A (villages, and its LAN) and C1 (LAN none)
  assert.equal(any.key, "any");
  assert.equal(M.techs.length, 4);
  assert.deepEqual(plain(any.s), [0, 0, 2, 4, 1]);
  assert.deepEqual(plain(M.missingAt(0)), ["Di động", "Cáp quang"]);
  assert.deepEqual(plain(M.missingAt(2)), []);
  assert.deepEqual(plain(M.counts(any, -1, -1)), [2, 1, 1, 0, 1]);
  assert.equal(M.gapCommunes(-1, -1), 1); // A: its villages and its LAN; no other commune lacks anything
  assert.equal(M.gapCommunes(1, -1), 0);
  assert.equal(M.gapCommunes(0, 1), 0);
  assert.equal(any.ch, null); // mobile has no earlier data: no change for "any"
});

test("2025 units: a commune technology counted in former communes per status (29 of 320, not 24 communes)", () => {
  const D = payload();
  // A: 2 of 3 former communes without (1 covered), B: 1 covered, C1: 1 none, C2: 2 unknown
  D.status.lan = { s: "0403", t: 0, src: 0, note: 0, k: [2, 0, 1, 0], n: [3, 1, 1, 2], gap: 0,
    by: { none: [2, 0, 1, 0], covered: [1, 1, 0, 0], unknown: [0, 0, 0, 2] } };
  const M = dxmap.model(D), lan = M.techs[2];
  assert.ok(M.countsFormer(lan));
  assert.deepEqual(plain(M.counts(lan, -1, -1)), [3, 0, 0, 2, 2]);
  assert.deepEqual(plain(M.counts(lan, 0, -1)), [2, 0, 0, 0, 2]);
  assert.equal(M.countsFormer(M.techs[1]), false);
});

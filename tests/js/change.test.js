// The change since an earlier date (--compare) and the "any gap" view: pure functions, then the model on the fixture.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, plain } = require("./load.js");
const { payload } = require("./fixture.js");

const dxmap = load();
// status codes: none 0, weak 1, planned 2, unknown 3, covered 4; -1 no row
const [NONE, WEAK, PLANNED, UNKNOWN, COVERED] = [0, 1, 2, 3, 4];
// the page data's change.style, as dxmap.gaps.change.CHANGE_STYLE writes it
const STYLE = { stayed: { status: "none", ring: null, ring_radius: 0, dot: null, dot_radius: 0 },
  new: { status: "none", ring: "#CC79A7", ring_radius: 10.5, dot: null, dot_radius: 0 },
  fixed: { status: null, ring: "#009E73", ring_radius: 6.5, dot: "#009E73", dot_radius: 2.2 },
  first: { status: "none", ring: null, ring_radius: 0, dot: null, dot_radius: 0 } };
const DRAWS = dxmap.changeDraws(STYLE);

test("a unit's change: still missing, newly missing, fixed, no earlier data, or nothing to tell", () => {
  assert.equal(dxmap.changeCode(NONE, NONE), 0); // stayed
  assert.equal(dxmap.changeCode(NONE, COVERED), 1); // new
  // no record then: newly reported ("first", code 3), never newly missing, as change_status says
  assert.equal(dxmap.changeCode(NONE, UNKNOWN), 3);
  assert.equal(dxmap.CHANGES[3], "first");
  assert.equal(dxmap.changeCode(COVERED, NONE), 2); // fixed
  // left the gap list without being covered: not fixed (its own weak/planned/unknown marker tells it)
  assert.equal(dxmap.changeCode(WEAK, NONE), -1);
  assert.equal(dxmap.changeCode(PLANNED, NONE), -1);
  assert.equal(dxmap.changeCode(UNKNOWN, NONE), -1);
  assert.equal(dxmap.changeCode(WEAK, COVERED), -1);
  assert.equal(dxmap.changeCode(-1, NONE), -1); // no row now
  assert.equal(dxmap.changeCode(NONE, -1), -1); // not compared
  assert.deepEqual(plain(dxmap.changeCodes(Int8Array.from([0, 0, 4, 1]), Int8Array.from([0, 4, 0]))), [0, 1, 2, -1]);
  assert.deepEqual(plain(dxmap.changeCodes(Int8Array.from([0, 0, 0, 4]), Int8Array.from([0, 4, 3, 3]))), [0, 1, 3, -1]);
});

test("what is drawn: a village still missing once, with the gap symbol; a fixed one as a ring even when its status is off", () => {
  const show = [true, true, true, true, false]; // covered off, as the page starts
  const all = [true, true, true];
  const { DRAW_STATUS: S, DRAW_FIXED: F, DRAW_NEW: N } = dxmap;
  const drawn = (s, ch, sh, shc) => dxmap.drawnAs(s, ch, sh, shc, DRAWS);
  assert.equal(drawn(NONE, 0, show, all), S);
  assert.equal(drawn(NONE, 1, show, all), S | N);
  assert.equal(drawn(COVERED, 2, show, all), F);
  assert.equal(drawn(COVERED, 2, [true, true, true, true, true], all), S | F);
  assert.equal(drawn(COVERED, -1, show, all), 0);
  assert.equal(drawn(NONE, 0, show, [false, true, true]), 0); // still missing switched off
  assert.equal(drawn(NONE, 1, show, [true, false, true]), 0);
  assert.equal(drawn(COVERED, 2, show, [true, true, false]), 0);
  assert.equal(drawn(NONE, 0, [false, true, true, true, false], all), 0); // none switched off
  assert.equal(drawn(NONE, 0, show, null), S); // a page without change
  assert.equal(drawn(-1, -1, show, all), 0);
  assert.equal(new Set([S, N, F]).size, 3);
});

test("what is drawn of a merged commune: from the changes of its former communes, never one of them", () => {
  const show = [true, true, true, true, false];
  const { DRAW_STATUS: S, DRAW_FIXED: F, DRAW_NEW: N } = dxmap;
  // Si Ma Cai: one former commune still missing, one fixed: its gap marker and the fixed ring
  const stayedFixed = [true, false, true];
  assert.equal(dxmap.drawnBy(NONE, stayedFixed, show, [true, true, true], DRAWS), S | F);
  assert.equal(dxmap.drawnBy(NONE, stayedFixed, show, [false, false, true], DRAWS), F); // still and newly missing unticked
  assert.equal(dxmap.drawnBy(NONE, stayedFixed, show, [true, true, false], DRAWS), S); // fixed unticked: still a gap
  assert.equal(dxmap.drawnBy(NONE, stayedFixed, show, [false, false, false], DRAWS), 0);
  // newly missing and fixed: the ring of "new" only around its marker
  assert.equal(dxmap.drawnBy(NONE, [false, true, true], show, [false, true, true], DRAWS), S | N | F);
  assert.equal(dxmap.drawnBy(NONE, [false, true, true], show, [false, false, true], DRAWS), F);
  // what the style says draws the symbol: a style without a ring for "new" draws none
  const plainNew = dxmap.changeDraws({ ...STYLE, new: { ...STYLE.new, ring: null } });
  assert.equal(dxmap.drawnBy(NONE, [false, true, false], show, [true, true, true], plainNew), S);
  assert.equal(dxmap.changeDraws(null), null);
});

test("the symbols of a change in the legend, the table and the PNG keep the map's marker-to-ring proportion", () => {
  const D = { change: { style: STYLE }, statuses: ["none", "weak", "planned", "unknown", "covered"] };
  const st = dxmap.changeStyle("new", D);
  assert.equal(dxmap.ringedMarkerRadius(st, st.ringRadius), dxmap.RADIUS[0]); // as drawn on the map (PNG)
  assert.equal(dxmap.ringedMarkerRadius(st, 5.25), dxmap.RADIUS[0] / 2); // half the ring, half the marker (legend)
  assert.equal(dxmap.ringedMarkerRadius(dxmap.changeStyle("stayed", D), 3), dxmap.RADIUS[0]); // no ring: the marker
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
  D.change = { since: "2024-03-31", title: "Thay đổi từ sau 31/3/2024", style: STYLE,
    prev: { fibre: "0400-", lan: "4000" }, gone: { level: ["village", "village"], id: ["v9", "v8"], c: [1, 0], prev: { fibre: "0-", mobile: "-4" } } };
  D.status.mobile.s = "0444-"; // v1 also lacks mobile
  const M = dxmap.model(D), fibre = M.techs[1], lan = M.techs[2], any = M.anyTech;
  assert.ok(M.hasChange);
  assert.deepEqual(plain(fibre.ch), [0, 1, -1, 2, -1]); // v3 none -> planned left the gap list, not fixed
  assert.equal(M.techs[0].ch, null); // no earlier data for mobile
  // [still missing, newly missing, fixed, no earlier data]
  assert.deepEqual(plain(M.changeCounts(fibre, -1, -1)), [1, 1, 1, 0]);
  assert.deepEqual(plain(M.changeCounts(fibre, 0, -1)), [1, 1, 0, 0]); // district 0: v1, v2, v3
  assert.deepEqual(plain(M.changeCounts(fibre, 0, 1)), [0, 0, 0, 0]); // commune B: v3, planned now: not fixed
  // LAN "0142" now, "4000" then: A newly without, C1 (covered) fixed; B (weak) and C2 (planned) left the gap
  // list without being covered: not fixed
  assert.deepEqual(plain(M.changeCounts(lan, -1, -1)), [0, 1, 1, 0]);
  assert.equal(M.changeCounts(M.techs[0], -1, -1), null);
  assert.equal(M.goneCount(fibre, -1, -1), 1);
  assert.equal(M.goneCount(fibre, 1, -1), 0);
  assert.equal(M.goneCount(lan, -1, -1), 0);
  // "any gap": a village gone with an earlier status of any village technology (v8 had mobile only)
  assert.equal(M.goneCount(any, -1, -1), 2);
  assert.equal(M.goneCount(any, 0, -1), 2); // v9 in B, v8 in A: both in district 0
  assert.equal(M.goneCount(M.techs[0], -1, -1), 1);
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

test("a fixed ring around a gap marker that is drawn too (a merged commune) goes outside the marker, without its dot", () => {
  const D = { statuses: ["none", "weak", "planned", "unknown", "covered"], change: { style: STYLE } };
  const fixed = dxmap.changeStyle("fixed", D), fresh = dxmap.changeStyle("new", D);
  // alone (its former communes all fixed, or a village): the style's ring and dot
  assert.deepEqual(plain(dxmap.ringAndDot(fixed, NONE, dxmap.DRAW_FIXED, D.statuses)), [6.5, 2.2]);
  // a covered village with "covered" ticked keeps the fixed symbol as it is
  assert.deepEqual(plain(dxmap.ringAndDot(fixed, COVERED, dxmap.DRAW_STATUS | dxmap.DRAW_FIXED, D.statuses)), [6.5, 2.2]);
  // over a gap marker (radius 7): around it, no dot; around a newly-missing ring too
  const [r, d] = dxmap.ringAndDot(fixed, NONE, dxmap.DRAW_STATUS | dxmap.DRAW_FIXED, D.statuses);
  assert.ok(r > dxmap.RADIUS[NONE] && d === 0);
  assert.ok(dxmap.ringAndDot(fixed, NONE, dxmap.DRAW_STATUS | dxmap.DRAW_NEW | dxmap.DRAW_FIXED, D.statuses)[0] > STYLE.new.ring_radius);
  // the newly-missing ring keeps its own radius
  assert.deepEqual(plain(dxmap.ringAndDot(fresh, NONE, dxmap.DRAW_STATUS | dxmap.DRAW_NEW, D.statuses)), [10.5, 0]);
});

test("a page starts with the fixed villages unticked: the still and newly missing are drawn, a fixed one is not", () => {
  assert.deepEqual(plain(dxmap.CHANGES_SHOWN), ["stayed", "new", "first"]);
  const showChange = dxmap.CHANGES.map((k) => dxmap.CHANGES_SHOWN.includes(k)), show = [true, true, true, true, false];
  assert.equal(dxmap.drawnAs(NONE, 0, show, showChange, DRAWS), dxmap.DRAW_STATUS);
  assert.equal(dxmap.drawnAs(NONE, 1, show, showChange, DRAWS), dxmap.DRAW_STATUS | dxmap.DRAW_NEW);
  assert.equal(dxmap.drawnAs(NONE, 3, show, showChange, DRAWS), dxmap.DRAW_STATUS); // no earlier data: the plain marker
  assert.equal(dxmap.drawnAs(COVERED, 2, show, showChange, DRAWS), 0);
  assert.equal(dxmap.drawnAs(COVERED, 2, show, [true, true, true, true], DRAWS), dxmap.DRAW_FIXED); // ticked: its ring
});

test("2025 units: a former district counts the change of its own former communes only (QA18: as summary --district)", () => {
  const D = payload();
  // commune A is made of a1 (former district 0) and a2 (district 1), so it is listed under both; B, C1, C2 of one each (1)
  D.formerDistricts = true;
  D.communes.d = [0, 1, 1, 1];
  D.communes.dx = [[1], [], [], []];
  D.formers = { code: ["00001", "00009", "00002", "00003", "00004"], name: ["A", "A Hai", "B", "C1", "C2"], n: "A@@@", d: "?@@@@" };
  D.villages.f = String.fromCharCode(64, 64, 65, 64, 63);
  // LAN per former commune: a1 still without, a2 fixed, b1 fixed, c1 newly without, c2 no change
  D.status.lan = { s: "0002", t: "@@@@", src: 0, note: 0, k: "@???", n: "A@@@", gap: 0,
    by: { none: "@@@?", covered: "@@??", planned: "???@" }, f: { s: "04402", t: "@@@@@", src: 0, note: 0 } };
  D.change = { since: "2024-03-31", title: "T", style: STYLE, prev: {},
    former: { lan: { stayed: "@???", new: "??@?", fixed: "@@??", ch: "0221", f: "0221-" } },
    gone: { level: [], id: [], c: [], prev: {} } };
  const M = dxmap.model(D), lan = M.techs[2];
  assert.deepEqual(plain(M.changeCounts(lan, -1, -1)), [1, 1, 2, 0]);
  assert.deepEqual(plain(M.changeCounts(lan, 0, -1)), [1, 0, 0, 0]); // a1 only: a2, in A too, was in district 1
  assert.deepEqual(plain(M.changeCounts(lan, 1, -1)), [0, 1, 2, 0]); // a2, b1, c1 (A's a1 was not; counted per commune it was [1, 1, 2])
  assert.deepEqual(plain(M.changeCounts(lan, 1, 0)), [1, 0, 1, 0]); // commune A chosen: both its former communes
  // without per-former change codes (an older page) the commune's counts are used, as before
  delete D.change.former.lan.f;
  assert.deepEqual(plain(dxmap.model(D).changeCounts(dxmap.model(D).techs[2], 0, -1)), [1, 0, 1, 0]);
  assert.deepEqual(plain(dxmap.formerChangeCounts(Int8Array.from([0, 2, -1, 2]), (j) => j > 0)), [0, 0, 2, 0]);
});

test("a gap with no earlier data is counted apart from the newly missing and drawn as the plain gap marker", () => {
  const D = payload();
  // fibre now "00241"; earlier: v1 unknown (no record then), v2 covered, v3 none, v4 none, v5 -
  D.change = { since: "2024-03-31", title: "T", style: STYLE, prev: { fibre: "3400-" },
    gone: { level: [], id: [], c: [], prev: {} } };
  const M = dxmap.model(D), fibre = M.techs[1], FIRST = dxmap.CHANGES.indexOf("first");
  assert.deepEqual(plain(fibre.ch), [FIRST, 1, -1, 2, -1]); // v1: no earlier data, not newly missing
  assert.deepEqual(plain(M.changeCounts(fibre, -1, -1)), [0, 1, 1, 1]);
  const show = [true, true, true, true, false], ticked = dxmap.CHANGES.map((k) => dxmap.CHANGES_SHOWN.includes(k));
  // the gap marker alone, without the "new" ring; unticking "first" hides it, as for the other kinds
  assert.equal(M.drawnAs(fibre, 0, show, ticked), dxmap.DRAW_STATUS);
  assert.equal(M.drawnAs(fibre, 1, show, ticked), dxmap.DRAW_STATUS | dxmap.DRAW_NEW);
  assert.equal(M.drawnAs(fibre, 0, show, ticked.map((on, ci) => on && ci !== FIRST)), 0);
  assert.deepEqual(plain(M.changesOf(fibre, 0)), [FIRST]);
  // listed (legend row, one-line legend, PNG) only where there is one; the other kinds always
  assert.equal(dxmap.changeListed("first", 0), false);
  assert.equal(dxmap.changeListed("first", 2), true);
  assert.equal(dxmap.changeListed("new", 0), true);
  // the page's kinds, which its link's g= names (QA62 13): "first" here, not on a page without such a gap
  assert.deepEqual(plain(M.changesListed()), [true, true, true, true]);
  D.change.prev.fibre = "4400-";
  assert.deepEqual(plain(dxmap.model(D).changesListed()), [true, true, true, false]);
  assert.equal(dxmap.model(payload()).changesListed(), null); // a page without the change
});

test("2025 units: a former commune with no earlier data counts as 'first' in its merged commune, never as newly missing", () => {
  const D = payload();
  D.status.lan = { s: "0002", t: 0, src: 0, note: 0, k: [2, 0, 1, 0], n: [3, 1, 1, 2], gap: 0,
    by: { none: [2, 0, 1, 0], covered: [1, 1, 0, 0], unknown: [0, 0, 0, 2] } };
  // A: one former commune still without, one without and unknown then; C1: one without, unknown then
  D.change = { since: "2024-03-31", title: "T", style: STYLE, prev: {},
    former: { lan: { stayed: [1, 0, 0, 0], new: 0, fixed: 0, first: [1, 0, 1, 0], ch: "0-3-" } },
    gone: { level: [], id: [], c: [], prev: {} } };
  const M = dxmap.model(D), lan = M.techs[2], FIRST = dxmap.CHANGES.indexOf("first");
  assert.deepEqual(plain(M.changeCounts(lan, -1, -1)), [1, 0, 0, 2]);
  assert.deepEqual(plain(M.changesOf(lan, 0)), [0, FIRST]);
  const show = [true, true, true, true, false], ticked = dxmap.CHANGES.map((k) => dxmap.CHANGES_SHOWN.includes(k));
  assert.equal(M.drawnAs(lan, 2, show, ticked), dxmap.DRAW_STATUS); // C1: the plain gap marker
});

test("a place none of whose units had a record then: still, newly missing and fixed are no data there (QA63 4)", () => {
  const D = payload();
  // fibre now "00241"; earlier: v1 and v2 unknown (district 0's commune A), v3 none (commune B), v4 unknown, v5 -
  D.change = { since: "2024-03-31", title: "T", style: STYLE, prev: { fibre: "3303-", lan: "3333" },
    gone: { level: [], id: [], c: [], prev: {} } };
  const M = dxmap.model(D), fibre = M.techs[1], lan = M.techs[2];
  assert.deepEqual(plain(dxmap.CHANGES.map(dxmap.needsThen)), [true, true, true, false]); // "first" is a count
  assert.equal(M.knownThen(fibre, -1, -1), true); // v3 was none then
  assert.equal(M.knownThen(fibre, 0, 1), true); // commune B: v3
  assert.equal(M.knownThen(fibre, 0, 0), false); // commune A: v1, v2 unknown then
  assert.equal(M.knownThen(fibre, 1, -1), false); // district 1: v4 unknown then, v5 no row
  assert.deepEqual(plain(M.changeCounts(fibre, 0, 0)), [0, 0, 0, 2]); // both gaps now are "first", counted
  assert.equal(M.knownThen(lan, -1, -1), false); // no commune had a LAN record then
  assert.equal(M.knownThen(M.techs[0], -1, -1), false); // mobile: no change data
  assert.equal(dxmap.knownThen(Int8Array.from([3, -1, 4]), 3, (k) => k !== 2), false);
  assert.equal(dxmap.knownThen(Int8Array.from([3, -1, 4]), 3, () => true), true);
});

test("2025 units: a former district none of whose former communes had a record then has no data then", () => {
  const D = payload();
  D.formerDistricts = true;
  D.communes.d = [0, 1, 1, 1];
  D.communes.dx = [[1], [], [], []];
  D.formers = { code: ["00001", "00009", "00002", "00003", "00004"], name: ["A", "A Hai", "B", "C1", "C2"],
    n: "A@@@", d: "?@@@@" };
  D.villages.f = String.fromCharCode(64, 64, 65, 64, 63);
  D.status.lan = { s: "0002", t: "@@@@", src: 0, note: 0, k: "@???", n: "A@@@", gap: 0,
    by: { none: "@@@?", covered: "@@??", planned: "???@" }, f: { s: "04402", t: "@@@@@", src: 0, note: 0 } };
  // a1 (former district 0) had no record then ("first"); a2, b1, c1 did (district 1); c2: no change, unknown then
  const lanChange = { stayed: 0, new: "??@?", fixed: "@@??", first: "@???", ch: "3221", f: "3221-",
    then: "@@@?", fThen: "?@@@?" };
  D.change = { since: "2024-03-31", title: "T", style: STYLE, prev: {}, former: { lan: lanChange },
    gone: { level: [], id: [], c: [], prev: {} } };
  let M = dxmap.model(D), lan = M.techs[2];
  assert.equal(M.knownThen(lan, -1, -1), true);
  assert.equal(M.knownThen(lan, 0, -1), false); // a1 only: unknown then, though its commune A had a2 known
  assert.equal(M.knownThen(lan, 1, -1), true);
  assert.equal(M.knownThen(lan, 1, 3), false); // commune C2: c2 unknown then
  assert.equal(M.knownThen(lan, 1, 0), true); // commune A chosen: a2
  delete lanChange.f; // counted per commune (no former commune's own change): A has one known then, C2 none
  M = dxmap.model(D); lan = M.techs[2];
  assert.equal(M.knownThen(lan, 1, 3), false);
  assert.equal(M.knownThen(lan, 1, 0), true);
  delete lanChange.then; // a page made before it was sent: counted as known, as it was
  assert.equal(dxmap.model(D).knownThen(dxmap.model(D).techs[2], 1, 3), true);
});

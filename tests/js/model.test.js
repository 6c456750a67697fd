"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, plain } = require("./load.js");
const { payload } = require("./fixture.js");

const dxmap = load();
const M = dxmap.model(payload());
const [mobile, fibre, lan] = M.techs;

test("indices between villages, communes, map units and districts", () => {
  assert.deepEqual([M.nD, M.nU, M.nC, M.nV], [2, 3, 4, 5]);
  assert.deepEqual(plain(M.vD), [0, 0, 0, 1, -1]);
  assert.deepEqual(plain(M.uD), [0, 0, 1]);
  assert.deepEqual(JSON.parse(JSON.stringify(M.members)), [[0], [1], [2, 3]]);
  assert.equal(M.hasShared, true);
  assert.equal(M.techs[M.firstTech].key, "fibre");
  assert.equal(M.decimals, 5);
  assert.deepEqual(plain(M.pts.village).slice(0, 2), [104.02, 22.02]);
});

test("status codes, draw order (the headline gap drawn last, on top) and counts", () => {
  assert.deepEqual(plain(fibre.s), [0, 0, 2, 4, 1]);
  assert.deepEqual(plain(fibre.order), [3, 2, 4, 0, 1]);
  assert.deepEqual(plain(mobile.s), [4, 4, 4, 4, -1]);
  assert.deepEqual(plain(M.counts(fibre, -1)), [2, 1, 1, 0, 1]);
  assert.deepEqual(plain(M.counts(fibre, 0)), [2, 0, 1, 0, 0]); // the village in no commune is in no district
  assert.deepEqual(plain(M.counts(mobile, -1)), [0, 0, 0, 0, 4]); // no row is not counted
  assert.deepEqual(plain(M.counts(lan, 1)), [0, 0, 1, 0, 1]);
  assert.deepEqual(plain(fibre.unitCounts.slice(0, 5)), [2, 0, 0, 0, 0]);
  assert.deepEqual(plain(lan.worst), [0, 1, 2]); // the shared outline takes its members' worst
  assert.deepEqual(plain(fibre.t), [1, 1, 1, 1, 1]);
  assert.equal(fibre.kind, "village");
  assert.equal(lan.kind, "commune");
});

test("units shown follow the statuses ticked and the district", () => {
  const show = [true, true, true, true, false];
  assert.deepEqual(plain(M.shownUnits(fibre, show, -1)), [0, 1, 2, 4]);
  assert.deepEqual(plain(M.shownUnits(fibre, show, 0)), [0, 1, 2]);
  assert.deepEqual(plain(M.shownUnits(fibre, [true, false, false, false, false], -1)), [0, 1]);
  assert.deepEqual(plain(M.shownUnits(lan, show, 1)), [3]);
});

test("names: districts without a doubled 'Huyện', shared outlines counted", () => {
  assert.equal(M.districtTitle(0), "Huyện Bát Xát");
  assert.equal(M.districtTitle(1), "Huyện Sa Pa");
  const D = payload();
  D.districts.full = ["Huyện Bát Xát", "Thị xã Sa Pa"]; // the layer's full names: no "Huyện" guessed for a town
  assert.equal(dxmap.model(D).districtTitle(1), "Thị xã Sa Pa");
  // names that carry their unit word get no second one: "Huyện An Đức 2", not "District Huyện An Đức 2" (QA62 15)
  const national = payload();
  national.districts.name = ["Huyện An Đức 2", "Thị xã Sa Pa"];
  national.L.district = "District";
  national.communes.name = ["Xã Đức Hải 13", "Xà Hồ", "Xã C1", "Xã C2"];
  national.strings = ["", "VNPT", "Xã"];
  national.communes.ty = [2, 2, 2, 2]; // the layer's unit type: "Xã"
  const N = dxmap.model(national);
  assert.deepEqual([0, 1].map((d) => N.districtTitle(d)), ["Huyện An Đức 2", "Thị xã Sa Pa"]);
  assert.equal(N.communeTitle(0), "Xã Đức Hải 13");
  assert.equal(N.communeTitle(1), "Xã Xà Hồ"); // "Xà" is a name, not the word
  assert.equal(M.communeTitle(0), "Xã A"); // no unit type: the name as it is
  assert.equal(M.allLabel(), "Tất cả các huyện");
  assert.equal(M.unitName(0), "Xã A");
  assert.equal(M.unitName(2), "2 đơn vị chung một ranh giới");
  assert.equal(M.nameOf(fibre, 1), "Bản Dền");
  assert.equal(M.nameOf(lan, 1), "Xã B");
  assert.equal(M.communeOf(fibre, 2), 1);
  assert.equal(M.districtIndex("083"), 1);
  assert.equal(M.districtIndex("999"), -1);
});

test("a page of one district names it instead of 'all districts'", () => {
  const D = payload();
  D.districts = { code: ["082"], name: ["Bát Xát"], geom: [null], bbox: [[0, 0, 1, 1]], pt: "" };
  D.communes.d = [0, 0, 0, 0];
  assert.equal(dxmap.model(D).allLabel(), "Huyện Bát Xát");
});

test("gap villages of a commune, by name", () => {
  assert.deepEqual(plain(M.villagesWith(0, fibre)), [1, 0]); // Bản Dền before Thôn 2
  assert.deepEqual(plain(M.villagesWith(1, fibre)), []);
  assert.deepEqual(plain(M.villagesWith(1, fibre, 2)), [2]);
});

test("fill bins and district boxes", () => {
  assert.deepEqual([0, 1, 3, 5, 100].map(M.binColour), ["#ffffe5", "#fee391", "#fec44f", "#ec7014", "#8c2d04"]);
  assert.deepEqual(plain(M.districtBox(-1)), [104, 22, 104.3, 22.1]);
  assert.deepEqual(plain(M.districtBox(1)), [104.2, 22, 104.3, 22.1]);
});

test("people in the villages lacking a technology, per district and per map unit; none without a population", () => {
  const D = payload();
  D.villages.pop = [1200, null, 300, 40, 7];
  D.status.fibre.s = "00200"; // none: v1, v2 (district 0, unit 0), v4 (district 1, unit 2), v5 (no commune)
  const P = dxmap.model(D), fib = P.techs[1];
  assert.deepEqual({ ...P.people(fib, -1, -1) }, { people: 1247, unknown: 1 });
  assert.deepEqual({ ...P.people(fib, 0, -1) }, { people: 1200, unknown: 1 });
  assert.deepEqual({ ...P.people(fib, 1, -1) }, { people: 40, unknown: 0 });
  assert.deepEqual({ ...P.people(fib, -1, 2) }, { people: 40, unknown: 0 });
  assert.deepEqual({ ...P.people(fib, -1, 1) }, { people: 0, unknown: 0 });
  assert.equal(P.people(P.techs[2], -1, -1), null); // LAN is a commune technology
  assert.equal(M.people(fibre, -1, -1), null); // the page data has no population
});

test("2025 units: a commune is listed under every former district it spans; LAN counted in former communes", () => {
  const D = payload();
  D.formerDistricts = true;
  D.L.map_all_former_districts = "Tất cả các huyện cũ";
  D.L.map_former_district_filter = "Huyện cũ";
  D.communes.dx = [[1], [], [], []]; // Xã A also spans the second former district
  // former communes per commune: A 2 of 3 without, B 0 of 1, C1 1 of 1, C2 0 of 2
  D.status.lan = { s: "0404", t: 0, src: 0, note: 0, k: [2, 0, 1, 0], n: [3, 1, 1, 2], gap: 0 };
  const F = dxmap.model(D), t = F.techs[2];
  assert.deepEqual([0, 1].map((d) => F.communeInDistrict(0, d)), [true, true]);
  assert.deepEqual([0, 1].map((d) => F.communeInDistrict(1, d)), [true, false]);
  assert.deepEqual(plain(F.counts(t, 1)), [2, 0, 0, 0, 1]); // A, C1 none; C2 covered
  assert.ok(F.unitInDistrict(0, 1) && !F.unitInDistrict(1, 1));
  assert.deepEqual({ ...F.formerTotals(t, -1) }, { k: 3, n: 7, u: 0 });
  assert.deepEqual({ ...F.formerTotals(t, 1) }, { k: 3, n: 6, u: 0 });
  assert.deepEqual({ ...F.formerTotals(t, 0) }, { k: 2, n: 4, u: 0 });
  // the note under a former district's counts: A lies partly in each of them
  assert.deepEqual([0, 1, -1].map((d) => F.partlyIn(d)), [1, 1, 0]);
  assert.equal(M.partlyIn(0), 0); // a page in units that were not merged
  assert.equal(F.formerTotals(F.techs[1], -1), null); // a village technology
  assert.equal(M.formerTotals(lan, -1), null); // a page without former counts
  assert.equal(F.allLabel(), "Tất cả các huyện cũ");
  assert.equal(F.districtTitle(0), "Huyện cũ Bát Xát");
  // the table's district cell: Xã A in its own former district, then the other it spans; a village in its own
  const names = (m, tech, k) => JSON.parse(JSON.stringify(m.districtsOf(tech, k).map((d) => m.DI.name[d])));
  assert.deepEqual([0, 1].map((c) => names(F, t, c)), [["Bát Xát", "Huyện Sa Pa"], ["Bát Xát"]]);
  assert.deepEqual(names(M, lan, 0), ["Bát Xát"]); // a page in units that were not merged
  // villages follow their commune: under both former districts of Xã A, in its cell as in the counts (it said
  // "Bát Xát" alone while counted in both, QA68 N1)
  assert.deepEqual(names(F, F.techs[1], 0), ["Bát Xát", "Huyện Sa Pa"]);
  assert.ok(F.inDistrict(F.techs[1], 0, 1) === (F.vC[0] === 0 || F.vC[0] >= 2));
});

test("2025 units: a former district whose former communes all have no LAN record counts them unknown, not lacking it", () => {
  const D = payload();
  D.formerDistricts = true;
  D.communes.dx = [[], [], [], []];
  // C1 and C2 (the second district): every former commune unknown; A and B known
  D.status.lan = { s: "0433", t: 0, src: 0, note: 0, k: [1, 0, 0, 0], n: [2, 1, 3, 2], gap: 0,
    by: { none: [1, 0, 0, 0], covered: [1, 1, 0, 0], unknown: [0, 0, 3, 2] } };
  const F = dxmap.model(D), t = F.techs[2];
  assert.deepEqual({ ...F.formerTotals(t, 1) }, { k: 0, n: 5, u: 5 });
  assert.deepEqual({ ...F.formerTotals(t, 0) }, { k: 1, n: 3, u: 0 });
  delete D.status.lan.by; // older pages: a commune's code unknown means all its former communes are
  const G = dxmap.model(D);
  assert.deepEqual({ ...G.formerTotals(G.techs[2], 1) }, { k: 0, n: 5, u: 5 });
});

test("the district column is called what the filter calls it: huyện cũ on a 2025 page", () => {
  const L = { district: "Huyện", map_former_district_filter: "Huyện cũ" };
  assert.equal(dxmap.model({ ...payload(), L }).districtWord, "Huyện");
  const former = dxmap.model({ ...payload(), L, formerDistricts: true });
  assert.equal(former.districtWord, "Huyện cũ");
  assert.equal(former.districtTitle(0), "Huyện cũ Bát Xát");
  assert.equal(former.districtTitle(1), "Huyện Sa Pa"); // a name that says "Huyện" already is not doubled
  // with full names (QA19 finding 10): a former city or town by its own word, a former huyện still "Huyện cũ …"
  const D = { ...payload(), L: { ...L, map_former_mark: "cũ" }, formerDistricts: true };
  D.districts = { ...D.districts, name: ["Bát Xát", "Yên Bái"], full: ["Huyện Bát Xát", "Thành phố Yên Bái"] };
  const named = dxmap.model(D);
  assert.deepEqual([0, 1].map((d) => named.districtTitle(d)), ["Huyện cũ Bát Xát", "Thành phố Yên Bái (cũ)"]);
  const now = dxmap.model({ ...D, formerDistricts: false }); // 2024 units: the full name as it is
  assert.deepEqual([0, 1].map((d) => now.districtTitle(d)), ["Huyện Bát Xát", "Thành phố Yên Bái"]);
  // what it is, for the search list and a city named as its province in the district list
  assert.deepEqual([0, 1].map((d) => named.districtKind(d)), ["huyện cũ", "thành phố cũ"]);
  assert.deepEqual([0, 1].map((d) => now.districtKind(d)), ["huyện", "thành phố"]);
  assert.equal(former.districtKind(0), "huyện cũ"); // no full name: the page's word
  // a former city or town as the tables name it (DI.label, from the page data) in the menu, table and CSV alike,
  // "Yên Bái (thành phố cũ)"; the others by their names (QA66 F9). One rule, the tables', made in Python: the page
  // no longer guessed by the name of the province (an English page said "Lào Cai (former district)")
  const listed = dxmap.model({ ...D, districts: { ...D.districts, label: ["Bát Xát", "Yên Bái (thành phố cũ)"] } });
  assert.deepEqual([0, 1].map((d) => listed.districtLabel(d)), ["Bát Xát", "Yên Bái (thành phố cũ)"]);
  // and its legend and cards as its title does (a Vietnamese legend said "Thành phố Yên Bái (cũ)" under a title
  // saying "Yên Bái (thành phố cũ)")
  assert.deepEqual([0, 1].map((d) => listed.districtTitle(d)), ["Huyện cũ Bát Xát", "Yên Bái (thành phố cũ)"]);
  assert.deepEqual([0, 1].map((d) => named.districtLabel(d)), ["Bát Xát", "Yên Bái"]); // older pages: as they were
  // an English page (no full names): its cards and legend say it as its list does, not "Former district Yên Bái"
  const en = dxmap.model({ ...D, districts: { ...D.districts, full: undefined,
    label: ["Bát Xát", "Yên Bái (former city)"] } });
  assert.deepEqual([0, 1].map((d) => en.districtTitle(d)), ["Huyện cũ Bát Xát", "Yên Bái (former city)"]);
});

test("a map unit whose villages are all unknown, or that has none, has no data (its fill is not the '0 without it' bin)", () => {
  // per unit, the counts in STATUS_ORDER: none, weak, planned, unknown, covered
  const t = { unitCounts: Int32Array.from([0, 0, 0, 2, 0, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0]) };
  assert.equal(M.unitWithoutData(t, 0), true); // two villages, both unknown
  assert.equal(M.unitWithoutData(t, 1), false); // one village lacks it
  assert.equal(M.unitWithoutData(t, 2), true); // no village at all: no data either, as the printed map hatches it
  assert.equal(M.unitWithoutData(fibre, 0), false);
});

test("a 2025 page showing one former district alone does not draw its name over the map (QA71 C9)", () => {
  const D = payload();
  assert.deepEqual([-1, 0].map((d) => dxmap.model(D).oneFormerDistrict(d)), [false, false]); // 2024 units: named
  const former = dxmap.model({ ...D, formerDistricts: true });
  assert.deepEqual([-1, 0, 1].map((d) => former.oneFormerDistrict(d)), [false, true, true]);
  const alone = dxmap.model({ ...D, formerDistricts: true, districts: { ...D.districts,
    code: D.districts.code.slice(0, 1), name: D.districts.name.slice(0, 1) } });
  assert.equal(alone.nD, 1);
  assert.equal(alone.oneFormerDistrict(-1), true); // a page built for one (--district)
});

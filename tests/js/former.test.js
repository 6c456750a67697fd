"use strict";
// 2025 units from 2024 rows: former communes (D.formers) and the villages in them, counted in their own former district.
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, plain } = require("./load.js");
const { payload } = require("./fixture.js");

const dxmap = load();

/**
 * The fixture as a 2025 page: commune A (own former district 0) is made of former communes a1 (district 0) and a2
 * (district 1), so it is listed under both; B is made of b1 (1); C1 and C2 of one each (1). Villages 1-2 lie in a1,
 * village 3 in a2 (so in district 1, though A is filed under 0), village 4 in c1; village 5 is in no commune.
 */
function page2025() {
  const D = payload();
  D.formerDistricts = true;
  D.communes.d = [0, 1, 1, 1];
  D.communes.dx = [[1], [], [], []];
  // per commune how many former communes (A 2, B 1, C1 1, C2 1) and per former commune its own former district
  D.formers = { code: ["00001", "00009", "00002", "00003", "00004"], name: ["A", "A Hai", "B", "C1", "C2"],
    n: "A@@@", d: "?@@@@" };
  D.villages.c = [0, 0, 0, 2, -1];
  D.villages.f = String.fromCharCode(63 + 1, 63 + 1, 63 + 2, 63 + 1, 63); // place among its commune's, from 1
  // LAN per commune (A: 1 of 2 former communes without it) and per former commune: a1 none, a2 covered, b1 weak, c1 planned
  D.status.lan = { s: "0122", t: "@@@@", src: 0, note: 0, k: "@???", n: "A@@@", gap: 0,
    by: { none: "@???", weak: "?@??", planned: "??@?", unknown: 0, covered: "@???" },
    f: { s: "04122", t: "@@@@@", src: 0, note: "?@???" } };
  return D;
}
const M = dxmap.model(page2025());
const [, fibre, lan] = M.techs;

test("former communes: the commune each went into, and those of a commune", () => {
  assert.equal(M.nF, 5);
  assert.deepEqual(plain(M.fC), [0, 0, 1, 2, 3]);
  assert.deepEqual(plain(M.fD), [0, 1, 1, 1, 1]);
  assert.deepEqual(plain(M.formersOf(0)), [0, 1]);
  assert.deepEqual(plain(M.formersOf(3)), [4]);
  assert.deepEqual(plain(M.vF), [0, 0, 1, 3, -1]);
});

test("a village is in its former commune's own former district, not its commune's", () => {
  assert.deepEqual(plain(M.vD), [0, 0, 1, 1, -1]);
  assert.deepEqual(plain(M.districtsOf(fibre, 2)), [1]);
  // fibre: villages 1, 2 none, 3 planned, 4 covered
  assert.deepEqual(plain(M.counts(fibre, 0)), [2, 0, 0, 0, 0]);
  assert.deepEqual(plain(M.counts(fibre, 1)), [0, 0, 1, 0, 1]);
  assert.deepEqual(plain(M.counts(fibre, 1, 0)), [2, 0, 1, 0, 0]); // a commune chosen: all of its villages
  assert.deepEqual(plain(M.shownUnits(fibre, [true, true, true, true, true], 0, -1)), [0, 1]);
});

test("commune A, in two former districts, is still drawn and listed under both", () => {
  assert.equal(M.communeInDistrict(0, 1), true);
  assert.equal(M.unitInDistrict(0, 1, -1), true);
  assert.deepEqual(plain(M.communesOf(1).map((c) => M.C.name[c])), ["Xã A", "Xã B", "Xã C1", "Xã C2"]);
  assert.equal(M.partlyIn(1), 1);
});

test("a commune technology counts each former commune in its own former district", () => {
  assert.deepEqual(plain(M.counts(lan, -1)), [1, 1, 2, 0, 1]);
  assert.deepEqual(plain(M.counts(lan, 0)), [1, 0, 0, 0, 0]); // a1 only
  assert.deepEqual(plain(M.counts(lan, 1)), [0, 1, 2, 0, 1]); // a2, b1, c1, c2
  assert.deepEqual(plain(M.counts(lan, 1, 0)), [1, 0, 0, 0, 1]); // commune A: a1 and a2
  assert.deepEqual({ ...M.formerTotals(lan, 0, -1) }, { k: 1, n: 1, u: 0 });
  assert.deepEqual({ ...M.formerTotals(lan, 1, -1) }, { k: 0, n: 4, u: 0 });
  assert.deepEqual({ ...M.formerTotals(lan, -1, -1) }, { k: 1, n: 5, u: 0 });
});

test("a commune has a gap in a former district only where the former commune or village lacking it was", () => {
  assert.equal(M.gapCommunes(0, -1), 1); // A: a1 has no LAN, villages 1 and 2 no fibre
  assert.equal(M.gapCommunes(1, -1), 0); // A's part in district 1 (a2, village 3) lacks nothing
  assert.equal(M.gapCommunes(-1, -1), 1);
});

test("a page without former communes keeps its villages in their commune's district", () => {
  const D = page2025();
  delete D.formers; delete D.villages.f; delete D.status.lan.f;
  const N = dxmap.model(D), lan2 = N.techs[2];
  assert.equal(N.F, null);
  assert.deepEqual(plain(N.vD), [0, 0, 0, 1, -1]);
  assert.deepEqual(plain(N.counts(N.techs[1], 1)), [2, 0, 1, 0, 1]); // A lies partly in 1: all its villages, and C1's
  assert.deepEqual(plain(N.counts(lan2, 0)), [1, 0, 0, 0, 1]); // commune A's two former communes, by its counts
  assert.deepEqual(plain(N.formersOf(0)), []);
});

test("records of the 2025 units: former communes by name only (D.formerNames) are searched and listed, never counted", () => {
  /** The fixture as a page of records written for the 2025 units: a status per commune, no former commune's row. */
  function page2025Records(names) {
    const D = page2025();
    delete D.formers; delete D.villages.f;
    D.status.lan = { s: "0122", t: "@@@@", src: 0, note: 0 };
    if (names) D.formerNames = { code: ["00001", "00009", "00002", "00003", "00004"], name: ["A", "A Hai", "B", "C1", "C2"], n: "A@@@" };
    return D;
  }
  const N = dxmap.model(page2025Records(true)), P = dxmap.model(page2025Records(false));
  assert.equal(N.formersCounted, false);
  assert.equal(N.nF, 5);
  assert.deepEqual(plain(N.formersOf(0)).map((j) => N.F.name[j]), ["A", "A Hai"]);
  assert.deepEqual(plain(N.fC), [0, 0, 1, 2, 3]);
  // a former commune is where its commune is: A Hai (in A, which spans districts 0 and 1) in both, B only in 1
  assert.deepEqual([N.formerIn(1, 0, -1), N.formerIn(1, 1, -1), N.formerIn(2, 0, -1), N.formerIn(2, -1, -1)], [true, true, false, true]);
  // no village is in one, and every count is the page's without them
  assert.deepEqual(plain(N.vF), [-1, -1, -1, -1, -1]);
  assert.deepEqual(plain(N.vD), plain(P.vD));
  for (const d of [-1, 0, 1]) {
    for (const t of [0, 1, 2]) assert.deepEqual(plain(N.counts(N.techs[t], d)), plain(P.counts(P.techs[t], d)), `tech ${t}, district ${d}`);
    assert.equal(N.gapCommunes(d, -1), P.gapCommunes(d, -1));
  }
  assert.deepEqual(plain(N.counts(N.techs[1], 1)), [2, 0, 1, 0, 1]); // commune A lies partly in 1: all its villages
  assert.equal(N.formerRows(N.techs[2]), null);
  assert.equal(N.formerTotals(N.techs[2], -1, -1), null);
});

/** The fixture as a page of records written for the 2025 units whose villages name their former commune: V.f,
 * each village's place among its commune's former communes (63: none), and each former commune's district (F.d). */
function villagesNaming(...places) {
  const D = page2025();
  delete D.formers;
  D.status.lan = { s: "0122", t: "@@@@", src: 0, note: 0 };
  D.formerNames = { code: ["00001", "00009", "00002", "00003", "00004"], name: ["A", "A Hai", "B", "C1", "C2"],
    n: "A@@@", d: [0, 1, 1, -1, 1] };
  D.villages.f = String.fromCharCode(...places);
  return D;
}

test("records of the 2025 units whose villages name their former commune (V.f, F.d): each counts in its own " +
     "former district", () => {
  // QA66 F1: village 3 lies in a2 (district 1), though its commune A is filed under district 0 and spans both;
  // village 4's row names no former commune: in every district its commune C1 is in, as before
  const D = villagesNaming(63 + 1, 63 + 1, 63 + 2, 63, 63);
  const N = dxmap.model(D);
  assert.equal(N.formersCounted, false);
  assert.equal(N.villageFormers, true);
  assert.deepEqual(plain(N.vF), [0, 0, 1, -1, -1]);
  assert.deepEqual(plain(N.vD), [0, 0, 1, 1, -1]);
  const fibre = N.techs[1]; // villages 1, 2 none, 3 planned, 4 covered
  assert.deepEqual(plain(N.counts(fibre, 0)), [2, 0, 0, 0, 0]); // was [2, 0, 1, 0, 0]: village 3 in both
  assert.deepEqual(plain(N.counts(fibre, 1)), [0, 0, 1, 0, 1]);
  assert.deepEqual(plain(N.counts(fibre, 1, 0)), [2, 0, 1, 0, 0]); // a commune chosen: all of its villages
  // the former communes themselves are still found where their commune is (names only)
  assert.deepEqual([N.formerIn(1, 0, -1), N.formerIn(1, 1, -1)], [true, true]);
  // a page whose villages name none has no Xã cũ column
  delete D.villages.f;
  assert.equal(dxmap.model(D).villageFormers, false);
});

test("a village of a commune in two former districts that no former commune places: its CSV names where it counts " +
     "(QA68 N1)", () => {
  // village 2 of commune A (districts 0 and 1) names no valid former commune: on a province page it counts in both,
  // and its "Huyện cũ" says both (it said A's filing district, 0, alone); on the page of district 1 (D.district),
  // where the analysis files it under 1 (V.filed), it counts there alone and says so
  const D = villagesNaming(63 + 1, 63, 63 + 2, 63, 63);
  const N = dxmap.model(D), fibre = N.techs[1];
  assert.deepEqual([0, 1, 2].map((k) => plain(N.districtsOf(fibre, k))), [[0], [0, 1], [1]]);
  assert.deepEqual([N.inDistrict(fibre, 1, 0, -1), N.inDistrict(fibre, 1, 1, -1)], [true, true]);
  const lan = N.techs[2];
  assert.deepEqual(plain(N.districtsOf(lan, 0)), [0, 1]); // a commune's row: as before
  D.district = "083";
  D.villages.filed = [1];
  const F = dxmap.model(D);
  assert.deepEqual([0, 1, 2].map((k) => plain(F.districtsOf(F.techs[1], k))), [[0], [1], [1]]);
  assert.deepEqual([F.inDistrict(F.techs[1], 1, 0, -1), F.inDistrict(F.techs[1], 1, 1, -1)], [false, true]);
});

"use strict";
// Pages of several provinces (Lào Cai + Yên Bái in 2024 units; the former provinces of the new Lào Cai on 2025 pages):
// a place index d >= nD is a province, which every filter of the model takes where it takes a district; and the text
// "Copy link" copies.
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, plain, encode } = require("./load.js");
const { payload, SCALE } = require("./fixture.js");

const dxmap = load();
/** A value of the page's realm as plain JSON values (arrays made in the vm context are not deepEqual to ours). */
const J = (v) => JSON.parse(JSON.stringify(v));
const T = {
  district: "Huyện", all_districts: "Tất cả các huyện", map_shared_short: "{n} đơn vị chung một ranh giới",
  map_province: "Tỉnh {name}", map_former_province: "Tỉnh cũ {name}", map_province_all: "Cả tỉnh {name}",
  map_former_province_all: "Toàn bộ tỉnh cũ {name}",
  map_link_sentence: "Mở tệp {file} rồi thêm vào cuối địa chỉ: {hash}", map_link_this_file: "bản đồ này",
};

/**
 * The fixture with a third district, Văn Yên (code 136), holding commune C2, and two provinces: Lào Cai (10) of Bát Xát,
 * Yên Bái (15) of Huyện Sa Pa and Văn Yên. Village 5 is in no commune, so in no district and no province.
 */
function twoProvinces() {
  const D = payload();
  D.L = T;
  const DI = D.districts;
  DI.code.push("136"); DI.name.push("Văn Yên");
  DI.geom.push(DI.geom[1]);
  DI.bbox.push([104.3, 22.0, 104.4, 22.2].map((v) => Math.round(v * SCALE)));
  DI.pt = encode([104.1, 22.05, 104.25, 22.08, 104.35, 22.1], SCALE);
  D.communes.d = [0, 0, 1, 2];
  DI.p = [0, 1, 1];
  D.provinces = { code: ["10", "15"], name: ["Lào Cai", "Yên Bái"] };
  return D;
}
const M = dxmap.model(twoProvinces());
const YB = M.nD + 1, LC = M.nD;

test("a place index past the districts is a province, which holds its districts", () => {
  assert.equal(M.nD, 3);
  assert.equal(M.isProvince(LC), true);
  assert.equal(M.isProvince(2), false);
  assert.equal(M.provinceIndex("15"), YB);
  assert.equal(M.provinceIndex("99"), -1);
  assert.deepEqual(J(M.districtsIn(YB)), [1, 2]);
  assert.deepEqual(J(M.districtsIn(LC)), [0]);
  assert.deepEqual(J(M.districtsIn(1)), [1]); // a district is its own place, as before
  assert.equal(M.districtIn(2, YB) && !M.districtIn(0, YB) && M.districtIn(0, -1), true);
  assert.equal(M.districtIn(-1, YB), false); // no district: in no province
});

test("a province counts what its districts count, and the provinces add up to the whole", () => {
  M.techs.forEach((t) => {
    const sum = (a, b) => a.map((v, s) => v + b[s]);
    const [d0, d1, d2] = [0, 1, 2].map((d) => plain(M.counts(t, d)));
    assert.deepEqual(plain(M.counts(t, LC)), d0, t.key);
    assert.deepEqual(plain(M.counts(t, YB)), sum(d1, d2), t.key);
    const outside = t.village ? plain(M.counts(t, -1)).map((v, s) => (t.s[4] === s ? 1 : 0)) : [0, 0, 0, 0, 0];
    assert.deepEqual(sum(sum(plain(M.counts(t, LC)), plain(M.counts(t, YB))), outside), plain(M.counts(t, -1)), t.key);
  });
  const fibre = M.techs.find((t) => t.key === "fibre");
  assert.deepEqual(plain(M.shownUnits(fibre, [true, true, true, true, true], YB, -1)), [3]); // village 4, in C1
  assert.equal(M.gapCommunes(LC, -1) + M.gapCommunes(YB, -1), M.gapCommunes(-1, -1));
});

test("a province draws, lists and boxes its communes and units", () => {
  assert.deepEqual(J(M.communesOf(YB).map((c) => M.C.name[c])), ["Xã C1", "Xã C2"]);
  assert.equal(M.unitInDistrict(2, YB, -1), true);
  assert.equal(M.unitInDistrict(0, YB, -1), false);
  assert.deepEqual(J(M.districtBox(YB)), [104.2, 22.0, 104.4, 22.2]);
  assert.deepEqual(J(M.districtBox(LC)), J(M.districtBox(0)));
});

test("a province is named as a province: its title, the filter's choice and its group", () => {
  assert.equal(M.districtTitle(YB), "Tỉnh Yên Bái");
  assert.equal(M.provinceAll(1), "Cả tỉnh Yên Bái");
  assert.equal(M.districtTitle(0), "Huyện Bát Xát"); // districts as before
  const groups = dxmap.placeGroups(M, [0, 1, 2]);
  assert.deepEqual(J(groups.map((g) => [g.p, g.districts])), [[0, [0]], [1, [1, 2]]]);
});

test("districts of no known province are grouped last", () => {
  const D = twoProvinces();
  D.districts.p = [1, -1, 1];
  const Q = dxmap.model(D);
  assert.deepEqual(J(dxmap.placeGroups(Q, [2, 1, 0]).map((g) => [g.p, g.districts])), [[0, []], [1, [2, 0]], [-1, [1]]]);
});

/** The 2025 page of former.test.js, with two former provinces: A (of a1 in district 0 and a2 in 1) spans both. */
function former2025() {
  const D = payload();
  D.L = T;
  D.formerDistricts = true;
  D.communes.d = [0, 1, 1, 1];
  D.communes.dx = [[1], [], [], []];
  D.formers = { code: ["00001", "00009", "00002", "00003", "00004"], name: ["A", "A Hai", "B", "C1", "C2"], n: "A@@@", d: "?@@@@" };
  D.villages.c = [0, 0, 0, 2, -1];
  D.villages.f = String.fromCharCode(64, 64, 65, 64, 63);
  D.status.lan = { s: "0122", t: "@@@@", src: 0, note: 0, k: "@???", n: "A@@@", gap: 0,
    by: { none: "@???", weak: "?@??", planned: "??@?", unknown: 0, covered: "@???" },
    f: { s: "04122", t: "@@@@@", src: 0, note: "?@???" } };
  D.districts.p = [0, 1];
  D.provinces = { code: ["10", "15"], name: ["Lào Cai", "Yên Bái"], former: true };
  return D;
}

test("2025 pages: a former province counts the villages and former communes that were in it", () => {
  const Q = dxmap.model(former2025()), lan = Q.techs.find((t) => t.key === "lan"), fibre = Q.techs.find((t) => t.key === "fibre");
  const lc = Q.nD, yb = Q.nD + 1;
  assert.deepEqual(plain(Q.counts(lan, lc)), [1, 0, 0, 0, 0]); // a1 only, though A is drawn in both
  assert.deepEqual(plain(Q.counts(lan, yb)), [0, 1, 2, 0, 1]); // a2 covered, b1 weak, c1 and c2 planned
  assert.deepEqual(J(Q.formerTotals(lan, yb, -1)), { k: 0, n: 4, u: 0 });
  assert.deepEqual(plain(Q.counts(fibre, lc)), plain(Q.counts(fibre, 0))); // village 3 was in a2: Yên Bái's
  assert.deepEqual(plain(Q.counts(fibre, yb)), plain(Q.counts(fibre, 1)));
  assert.equal(Q.partlyIn(yb), 1); // A lies partly in former Yên Bái
  assert.equal(Q.communeInDistrict(0, yb), true);
  assert.equal(Q.districtTitle(yb), "Tỉnh cũ Yên Bái");
  assert.equal(Q.provinceAll(1), "Toàn bộ tỉnh cũ Yên Bái");
});

test("the view keeps a province in the address as p=, and old links with d= still read", () => {
  assert.equal(dxmap.viewToHash({ province: "15", district: null, tech: "lan" }), "p=15&t=lan");
  assert.deepEqual({ ...dxmap.hashToView("#p=15&t=lan&z=9") }, { province: "15", tech: "lan", zoom: 9 });
  assert.deepEqual({ ...dxmap.hashToView("#d=082&t=fibre") }, { district: "082", tech: "fibre" });
});

test("the place an address names: a district within its province wins, what the page lacks is dropped", () => {
  const at = (hash, home = -1) => J(M.viewPlace(dxmap.hashToView(hash), home));
  assert.deepEqual(at("#p=15&t=lan"), { d: YB, c: -1, dropped: false });
  assert.deepEqual(at("#p=15&d=136"), { d: 2, c: -1, dropped: false }); // QA19: d was ignored
  assert.deepEqual(at("#p=15&d=082"), { d: YB, c: -1, dropped: true }); // Bát Xát is not in Yên Bái: the province
  assert.deepEqual(at("#p=99"), { d: -1, c: -1, dropped: true }); // QA19: ignored but kept in the address
  assert.deepEqual(at("#p=yenbai&d=083"), { d: 1, c: -1, dropped: true });
  assert.deepEqual(at("#d=999"), { d: -1, c: -1, dropped: true });
  assert.deepEqual(at("#d=082&x=00002"), { d: 0, c: 1, dropped: false });
  assert.deepEqual(at("#d=082&x=00004"), { d: 0, c: -1, dropped: true }); // a commune of another district
  assert.deepEqual(at("#p=15&x=00004"), { d: YB, c: 3, dropped: false });
  assert.deepEqual(at("#t=lan", 1), { d: 1, c: -1, dropped: false }); // no place named: the page's own
  assert.deepEqual(at("#d=all", 1), { d: -1, c: -1, dropped: false });
});

test("copy link: the part after # and the sentence saying where it goes", () => {
  assert.equal(dxmap.linkText(T, "map.html", "d=082&t=fibre"), "Mở tệp map.html rồi thêm vào cuối địa chỉ: #d=082&t=fibre");
  assert.equal(dxmap.linkText(T, "", "#p=15"), "Mở tệp bản đồ này rồi thêm vào cuối địa chỉ: #p=15");
  assert.equal(dxmap.pageFile("file:///C:/Users/An/T%E1%BA%A3i/b%E1%BA%A3n%20%C4%91%E1%BB%93.html#d=082"), "bản đồ.html");
  assert.equal(dxmap.pageFile("file:///home/an/map.html?x=1"), "map.html");
  assert.equal(dxmap.pageFile("about:srcdoc"), ""); // a notebook's frame: no file to name
});

"use strict";
// The commune filter's pure part: the communes offered for a district, what they narrow, and c= kept in the hash.
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, plain } = require("./load.js");
const { payload } = require("./fixture.js");

const dxmap = load();
const M = dxmap.model(payload());
const fibre = M.techs.find((t) => t.key === "fibre");

test("the communes of a district, and every commune when none is chosen, by name", () => {
  assert.deepEqual(plain(M.communesOf(0).map((c) => M.C.name[c])), ["Xã A", "Xã B"]);
  assert.deepEqual(plain(M.communesOf(1).map((c) => M.C.name[c])), ["Xã C1", "Xã C2"]);
  assert.deepEqual(plain(M.communesOf(-1).map((c) => M.C.name[c])), ["Xã A", "Xã B", "Xã C1", "Xã C2"]);
  assert.equal(M.communeIndex("00002"), 1);
  assert.equal(M.communeIndex("99999"), -1);
});

test("a name two communes of the list share says their districts (QA30: two 'Thanh Bình')", () => {
  const D = payload();
  D.communes.name = ["Xã A", "Thanh Bình", "Xã C1", "Thanh Bình"];
  const model = dxmap.model(D), all = model.communesOf(-1);
  assert.deepEqual(plain(model.communeNames(all)), ["Thanh Bình (Bát Xát)", "Thanh Bình (Huyện Sa Pa)", "Xã A", "Xã C1"]);
  assert.deepEqual(plain(model.communeNames(model.communesOf(0))), ["Thanh Bình", "Xã A"]); // one in the district
});

test("the sort is natural: commune 2 before commune 10", () => {
  const D = payload();
  D.communes.name = ["Phường 10", "Phường 2", "Phường 1", "Xã Ä"];
  const names = dxmap.model(D).communesOf(-1).map((c) => D.communes.name[c]);
  assert.deepEqual(plain(names.slice(0, 3)), ["Phường 1", "Phường 2", "Phường 10"]);
});

test("a commune narrows counts, units and map units as a district does", () => {
  const all = plain(M.counts(fibre, 0));
  const a = plain(M.counts(fibre, 0, 0)), b = plain(M.counts(fibre, 0, 1));
  assert.deepEqual(a.map((n, i) => n + b[i]), all); // district 0 is communes A and B
  assert.deepEqual(a, [2, 0, 0, 0, 0]);
  assert.deepEqual(plain(M.counts(fibre, -1, 0)), a); // the commune decides, whatever the district
  assert.deepEqual(plain(M.shownUnits(fibre, [true, true, true, true, true], 0, 0)), [0, 1]);
  assert.deepEqual([0, 1, 2].map((u) => M.unitInDistrict(u, 1, 3)), [false, false, true]); // C2 shares unit 2
  assert.deepEqual([0, 1, 2].map((u) => M.unitInDistrict(u, 0, -1)), [true, true, false]);
});

test("the commune is kept in the hash as x= and read back", () => {
  const v = { district: "082", commune: "02692", tech: "fibre", show: ["none"], zoom: 12, center: [22.6, 103.7] };
  const text = dxmap.viewToHash(v);
  assert.equal(text, "d=082&x=02692&t=fibre&s=none&z=12&c=22.6,103.7");
  assert.deepEqual(JSON.parse(JSON.stringify(dxmap.hashToView("#" + text))), v);
  assert.equal(dxmap.viewToHash({ district: "082", commune: null, tech: "lan" }), "d=082&t=lan");
  assert.equal(dxmap.hashToView("x=").commune, undefined);
});

test("the name a commune shows alone in the menu is the one the whole list gives it", () => {
  const D = payload();
  D.communes.name = ["Xã A", "Thanh Bình", "Xã C1", "Thanh Bình"];
  const model = dxmap.model(D);
  for (const d of [-1, 0, 1]) {
    const list = model.communesOf(d), names = model.communeNames(list);
    list.forEach((c, i) => assert.equal(model.communeNameIn(c, d), names[i], `commune ${c} in district ${d}`));
  }
  assert.equal(model.communeNameIn(1, -1), "Thanh Bình (Bát Xát)"); // two in the province
  assert.equal(model.communeNameIn(1, 0), "Thanh Bình"); // one in its district
});

test("a page cut to a few communes (--commune) names them, never their district, and has no other place", () => {
  const D = payload();
  D.communesPlace = "Xã A, Xã B";
  const P = dxmap.model(D), J = (v) => JSON.parse(JSON.stringify(v));
  // the legend's heading and the image's line: the communes, as the title (not "Tất cả các huyện", not "Huyện Bát Xát")
  assert.equal(P.allLabel(), "Xã A, Xã B");
  assert.deepEqual([-1, 0].map((d) => P.placeLabel(d)), ["Xã A, Xã B", "Xã A, Xã B"]); // --district with it: its part
  // other pages: as before
  assert.deepEqual([-1, 0].map((d) => M.placeLabel(d)), ["Tất cả các huyện", "Huyện Bát Xát"]);
  // a link naming a district (or every one) opens on the page's own place, and says it dropped it
  const at = (hash, home) => J(P.viewPlace(dxmap.hashToView(hash), home));
  assert.deepEqual(at("#d=083", -1), { d: -1, c: -1, dropped: true });
  assert.deepEqual(at("#d=all", 0), { d: 0, c: -1, dropped: true });
  assert.deepEqual(at("#x=00002", -1), { d: -1, c: 1, dropped: false }); // a commune of it: chosen
  assert.deepEqual(J(M.viewPlace(dxmap.hashToView("#d=083"), -1)), { d: 1, c: -1, dropped: false });
});

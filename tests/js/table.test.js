// The table of the units shown: what the "any gap" view's date, source and note cells say.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./load.js");

const dxmap = load(["map-table.js"]);

test("the any-gap view's record cells: one value when the technologies agree, else each after its name", () => {
  // one technology lacking: its own record, with no name before it
  assert.equal(dxmap.joinByTech([{ label: "Cáp quang", v: "VNPT Lào Cai" }]), "VNPT Lào Cai");
  // two lacking, reported by the same source on the same date: said once
  assert.equal(dxmap.joinByTech([{ label: "Di động", v: "30/6/2024" }, { label: "Cáp quang", v: "30/6/2024" }]), "30/6/2024");
  // two sources: who reported which gap
  assert.equal(dxmap.joinByTech([{ label: "Di động", v: "Viettel" }, { label: "Cáp quang", v: "VNPT" }]),
    "Di động: Viettel · Cáp quang: VNPT");
  // a note on one of them only: named, so that it is not read as the other's
  assert.equal(dxmap.joinByTech([{ label: "Di động", v: "" }, { label: "Cáp quang", v: "Cách trục cáp chính 8 km" }]),
    "Cáp quang: Cách trục cáp chính 8 km");
  // none has one, and no technology at all
  assert.equal(dxmap.joinByTech([{ label: "Di động", v: "" }, { label: "Cáp quang", v: "" }]), "");
  assert.equal(dxmap.joinByTech([]), "");
});

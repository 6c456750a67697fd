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

test("the any-gap view's date cell: once when the technologies agree, else each date with its technology (QA18)", () => {
  assert.equal(dxmap.datesByTech([{ label: "Di động", v: "30/6/2024" }, { label: "Cáp quang", v: "30/6/2024" }]), "30/6/2024");
  assert.equal(dxmap.datesByTech([{ label: "Cáp quang", v: "30/6/2024" }]), "30/6/2024");
  // dates that differ: no one date stands for both; each names its technology (in lower case, a name in capitals kept)
  assert.equal(dxmap.datesByTech([{ label: "Di động", v: "30/6/2024" }, { label: "Cáp quang", v: "31/3/2024" }]),
    "30/6/2024 (di động); 31/3/2024 (cáp quang)");
  assert.equal(dxmap.datesByTech([{ label: "Cáp quang", v: "2024-06-30" }, { label: "LAN", v: "2024-03-31" }]),
    "2024-06-30 (cáp quang); 2024-03-31 (LAN)");
  assert.equal(dxmap.datesByTech([{ label: "Mobile", v: "" }, { label: "Fibre", v: "2024-06-30" }]), "2024-06-30 (fibre)");
  assert.equal(dxmap.datesByTech([]), "");
});

test("the table shows its rows a page at a time: how many the next 'show more' adds (QA62 6)", () => {
  assert.equal(dxmap.moreRows(500, 1472, 500), 500);
  assert.equal(dxmap.moreRows(1000, 1472, 500), 472);
  assert.equal(dxmap.moreRows(1472, 1472, 500), 0); // all shown: no button
  assert.equal(dxmap.moreRows(82, 82, 500), 0);
  assert.equal(dxmap.moreRows(0, 0, 500), 0);
});

test("an empty table says why: no data here, no status ticked, or none with the statuses ticked (QA62 12)", () => {
  const d = load(["map-text.js", "map-legend.js", "map-table.js"]);
  const T = { map_no_rows: "Không có {units} nào ở trạng thái đang hiển thị ({statuses}).",
    map_no_status: "Chưa chọn trạng thái nào: hãy đánh dấu ít nhất một ô trong chú giải.",
    map_nodata_fibre: "không có số liệu cáp quang ở đây", map_nodata_any: "không có số liệu ở đây" };
  const fibre = { key: "fibre" };
  assert.equal(d.emptyTableNote(T, { tech: fibre, nodata: true, units: "thôn/bản", statuses: ["Chưa có"] }),
    "Không có số liệu cáp quang ở đây");
  assert.equal(d.emptyTableNote(T, { tech: fibre, nodata: false, units: "thôn/bản", statuses: [] }),
    "Chưa chọn trạng thái nào: hãy đánh dấu ít nhất một ô trong chú giải."); // it said "(–)"
  assert.equal(d.emptyTableNote(T, { tech: fibre, nodata: false, units: "thôn/bản", statuses: ["Chưa có", "Đã có"] }),
    "Không có thôn/bản nào ở trạng thái đang hiển thị (Chưa có, Đã có).");
});

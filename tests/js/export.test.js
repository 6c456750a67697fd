// The PNG of the view: how its title wraps and which part of a phone's map it keeps.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, plain } = require("./load.js");

const dxmap = load(["map-text.js", "map-export.js"]);
const measure = (s) => s.length * 10;

test("a phrase kept whole is never broken, even where the width would break it", () => {
  const title = "Hạ tầng số còn thiếu — Lào Cai, số liệu đến ngày 30/6/2024";
  const lines = plain(dxmap.wrapText(measure, title, 300, ["Lào Cai,", "số liệu đến ngày 30/6/2024"]));
  assert.deepEqual(lines, ["Hạ tầng số còn thiếu —", "Lào Cai,", "số liệu đến ngày 30/6/2024"]);
  // without it the place and the date break: "… Lào / Cai, số liệu đến ngày / 30/6/2024"
  assert.deepEqual(plain(dxmap.wrapText(measure, title, 300)), ["Hạ tầng số còn thiếu — Lào", "Cai, số liệu đến ngày", "30/6/2024"]);
  // a phrase the text does not hold, or an empty one, changes nothing
  assert.deepEqual(plain(dxmap.wrapText(measure, "a b c", 30, ["x y", ""])), ["a b", "c"]);
});

test("a phone's PNG keeps the place and a margin, at least a legible width, inside the map", () => {
  const phone = [390, 844];
  // a province fitted across a portrait screen: its own height, not the screen's
  assert.deepEqual(plain(dxmap.cropTo([20, 300, 370, 660], phone, 16, [360, 240])), [4, 284, 386, 676]);
  // a small commune: widened and heightened around it to the least size
  assert.deepEqual(plain(dxmap.cropTo([180, 400, 220, 440], phone, 16, [360, 240])), [20, 300, 380, 540]);
  // at an edge the least size is kept by moving inwards
  assert.deepEqual(plain(dxmap.cropTo([0, 0, 40, 40], phone, 16, [360, 240])), [0, 0, 360, 240]);
  // the place out of view: the whole map
  assert.deepEqual(plain(dxmap.cropTo([500, 900, 600, 1000], phone, 16, [360, 240])), [0, 0, 390, 844]);
  // a map narrower than the least width: all of its width
  assert.deepEqual(plain(dxmap.cropTo([100, 100, 120, 120], [300, 400], 16, [360, 240])), [0, 0, 300, 240]);
});

test("the place under a printed or exported title: the district, or the commune and its district after a comma", () => {
  const batXat = { title: "Huyện Bát Xát", name: "Bát Xát" };
  assert.equal(dxmap.placeLine("", batXat, "vi"), "Huyện Bát Xát");
  // the unit word after the comma is lower case in Vietnamese, as "xã A Lù, huyện Bát Xát, tỉnh Lào Cai" is written
  assert.equal(dxmap.placeLine("Xã A Lù", batXat, "vi"), "Xã A Lù, huyện Bát Xát");
  assert.equal(dxmap.placeLine("Phường Cốc Lếu", { title: "Thành phố Lào Cai", name: "Lào Cai" }, "vi"), "Phường Cốc Lếu, thành phố Lào Cai");
  assert.equal(dxmap.placeLine("Xã Y Tý", { title: "Huyện cũ Bát Xát", name: "Bát Xát" }, "vi"), "Xã Y Tý, huyện cũ Bát Xát");
  // a district titled by its name alone keeps its capital; English keeps the title as it is
  assert.equal(dxmap.placeLine("Xã A Lù", { title: "Bát Xát", name: "Bát Xát" }, "vi"), "Xã A Lù, Bát Xát");
  assert.equal(dxmap.placeLine("A Lù", { title: "District Bát Xát", name: "Bát Xát" }, "en"), "A Lù, District Bát Xát");
  // a layer whose names carry their unit word: lower case after the comma too, not "…, Huyện An Đức 2" (QA62 15)
  const anDuc = { title: "Huyện An Đức 2", name: "Huyện An Đức 2" };
  assert.equal(dxmap.placeLine("Xã Đức Hải 13", anDuc, "vi"), "Xã Đức Hải 13, huyện An Đức 2");
  assert.equal(dxmap.placeLine("Xã Đức Hải 13", anDuc, "en"), "Xã Đức Hải 13, Huyện An Đức 2");
  const quanHoa = { title: "Quan Hóa", name: "Quan Hóa" }; // a name, not the word "quận"
  assert.equal(dxmap.placeLine("Xã A Lù", quanHoa, "vi"), "Xã A Lù, Quan Hóa");
  // a commune without a district, and the whole page
  assert.equal(dxmap.placeLine("Xã A Lù", null, "vi"), "Xã A Lù");
  assert.equal(dxmap.placeLine("", null, "vi"), "");
});

test("a village found is printed with its commune and district (QA18: printing after a search)", () => {
  assert.equal(dxmap.villageLine("Bản Tủng Séo", "Xã A Lù, huyện Bát Xát", true, "vi"), "Bản Tủng Séo, xã A Lù, huyện Bát Xát");
  assert.equal(dxmap.villageLine("Bản Tủng Séo", "A Lù, huyện Bát Xát", false, "vi"), "Bản Tủng Séo, A Lù, huyện Bát Xát");
  assert.equal(dxmap.villageLine("Bản Tủng Séo", "A Lù, District Bát Xát", true, "en"), "Bản Tủng Séo, A Lù, District Bát Xát");
  assert.equal(dxmap.villageLine("", "Xã A Lù, huyện Bát Xát", true, "vi"), "Xã A Lù, huyện Bát Xát"); // a commune found
  assert.equal(dxmap.villageLine("Lạc", "", false, "vi"), "Lạc"); // a village in no commune
  assert.equal(dxmap.villageLine("Thôn 1", "Xã Đức Hải 13, huyện An Đức 2", false, "vi"),
    "Thôn 1, xã Đức Hải 13, huyện An Đức 2"); // the commune's name has its unit word (QA62 15)
});

test("a name starting with its unit word, diacritics kept: 'Xà Hồ', 'Quan Hóa' are names (QA62 15)", () => {
  for (const name of ["Huyện An Đức 2", "Thị xã Sa Pa", "Xã Đức Hải 13", "Phường Cốc Lếu", "thành phố Lào Cai",
    "Thị trấn Bát Xát", "Quận 1", "Tỉnh Yên Bái", "Xã  A Lù"]) assert.equal(dxmap.hasUnitWord(name), true, name);
  for (const name of ["Xà Hồ", "Quan Hóa", "Tịnh Biên", "Xã", "Bát Xát", "District An Duc", "", null, "Xa Lý"]) {
    assert.equal(dxmap.hasUnitWord(name), false, String(name));
  }
});

"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./load.js");

const dxmap = load(["map-text.js", "map-search.js"]);
const index = dxmap.searchIndex([
  ["district", ["Bát Xát", "Sa Pa"]],
  ["commune", ["Bản Vược", "Bản Xèo", "Trịnh Tường", "Xã Tả Phời"]],
  ["village", ["Bản Vược", "Bản Vược Chư", "Thôn Vược Trên", "Nậm Chạc", "Bản Vược"]],
]);
function names(q) {
  const groups = { district: ["Bát Xát", "Sa Pa"], commune: ["Bản Vược", "Bản Xèo", "Trịnh Tường", "Xã Tả Phời"],
    village: ["Bản Vược", "Bản Vược Chư", "Thôn Vược Trên", "Nậm Chạc", "Bản Vược"] };
  return Array.from(dxmap.search(index, q), (h) => `${h.kind}:${groups[h.kind][h.i]}`);
}

test("whole names first, communes before villages, then names starting with the text", () => {
  assert.deepEqual(names("ban vuoc"), ["commune:Bản Vược", "village:Bản Vược", "village:Bản Vược", "village:Bản Vược Chư"]);
});

test("diacritics and case do not matter", () => {
  assert.deepEqual(names("BẢN VƯỢC CHƯ"), ["village:Bản Vược Chư"]);
  assert.deepEqual(names("bat xat"), ["district:Bát Xát"]);
});

test("a word inside a name ranks before text anywhere, shorter names first", () => {
  assert.deepEqual(names("vuoc"), ["commune:Bản Vược", "village:Bản Vược", "village:Bản Vược", "village:Bản Vược Chư",
    "village:Thôn Vược Trên"]);
  assert.deepEqual(names("uoc"), ["commune:Bản Vược", "village:Bản Vược", "village:Bản Vược", "village:Bản Vược Chư",
    "village:Thôn Vược Trên"]);
  assert.deepEqual(names("tren"), ["village:Thôn Vược Trên"]);
  assert.deepEqual(names("th"), ["village:Thôn Vược Trên"]);
});

test("a unit word typed before the name finds the bare name when the whole text does not", () => {
  assert.deepEqual(names("xã Trịnh Tường"), ["commune:Trịnh Tường"]);
  assert.deepEqual(names("Xã Tả Phời"), ["commune:Xã Tả Phời"]); // the name itself has the word
  assert.deepEqual(names("huyện Sa Pa"), ["district:Sa Pa"]);
});

test("nothing typed, nothing found", () => {
  assert.deepEqual(names(""), []);
  assert.deepEqual(names("  ,. "), []);
  assert.deepEqual(names("không có"), []);
});

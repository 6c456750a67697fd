// The PNG of the view: how its title wraps and which part of a phone's map it keeps.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, plain } = require("./load.js");

const dxmap = load(["map-export.js"]);
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

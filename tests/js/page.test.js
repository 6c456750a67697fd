// The page script as files: the list in _assets.py covers them all, and loading them runs nothing else.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const { ASSETS, pageScripts, load } = require("./load.js");

test("PAGE_SCRIPTS lists every map-*.js file once, the page last", () => {
  const listed = pageScripts();
  const present = fs.readdirSync(ASSETS).filter((f) => /^map-.*\.js$/.test(f)).sort();
  assert.deepEqual([...listed].sort(), present);
  assert.equal(new Set(listed).size, listed.length);
  assert.equal(listed[listed.length - 1], "map-page.js");
  assert.ok(listed.length >= 10);
});

test("every file loads without window, document or Leaflet, in any order", () => {
  const forward = load();
  const backward = load([...pageScripts()].reverse());
  assert.deepEqual(Object.keys(backward).sort(), Object.keys(forward).sort());
  for (const name of ["render", "model", "fold", "search", "pick", "viewToHash", "clearShift", "shapeStore"]) {
    assert.equal(typeof forward[name], "function", name);
  }
});

test("each file adds to one namespace and keeps what others added", () => {
  const dxmap = load(["map-text.js"], { dxmap: { mine: 1 } });
  assert.equal(dxmap.mine, 1);
  assert.equal(typeof dxmap.fold, "function");
});

test("no file holds a literal </script (it would end the inlined element)", () => {
  for (const name of pageScripts()) {
    assert.ok(!fs.readFileSync(`${ASSETS}/${name}`, "utf8").toLowerCase().includes("</script"), name);
  }
});

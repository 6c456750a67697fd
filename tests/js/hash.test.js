"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./load.js");

const dxmap = load(["map-hash.js"]);
function view(h) { return JSON.parse(JSON.stringify(dxmap.hashToView(h))); }

test("a view written and read back is the same view", () => {
  const v = { district: "082", tech: "fibre", show: ["none", "weak"], zoom: 10.25, center: [22.512341, 103.812349] };
  const text = dxmap.viewToHash(v);
  assert.equal(text, "d=082&t=fibre&s=none,weak&z=10.25&c=22.51234,103.81235");
  assert.deepEqual(view("#" + text), { district: "082", tech: "fibre", show: ["none", "weak"], zoom: 10.25, center: [22.51234, 103.81235] });
});

test("every district and no status shown are views too", () => {
  const text = dxmap.viewToHash({ district: null, tech: "lan", show: [], zoom: 8, center: [22, 104] });
  assert.equal(text, "t=lan&s=&z=8&c=22,104");
  assert.deepEqual(view(text), { tech: "lan", show: [], zoom: 8, center: [22, 104] });
});

test("codes and keys are escaped", () => {
  const text = dxmap.viewToHash({ district: "a&b=c", tech: "x y" });
  assert.equal(text, "d=a%26b%3Dc&t=x%20y");
  assert.deepEqual(view(text), { district: "a&b=c", tech: "x y" });
});

test("what does not read as a view is left out, field by field", () => {
  assert.deepEqual(view(""), {});
  assert.deepEqual(view("#"), {});
  assert.deepEqual(view("#section-2"), {});
  assert.deepEqual(view("z=99&c=95,10&t=fibre"), { tech: "fibre" });
  assert.deepEqual(view("z=abc&c=22.5&d="), {});
  assert.deepEqual(view("c=22.5,&z=-1"), {});
  assert.deepEqual(view("d=%E0%A4%A&t=mobile"), { tech: "mobile" }); // a broken escape
  assert.deepEqual(view("z=12&c=-22.5,-180&foo=bar"), { zoom: 12, center: [-22.5, -180] });
});

test("the changes shown (pages with --compare) are kept as g=", () => {
  const v = { tech: "fibre", show: ["none"], change: ["stayed", "fixed"] };
  const text = dxmap.viewToHash(v);
  assert.equal(text, "t=fibre&s=none&g=stayed,fixed");
  assert.deepEqual(view(text), v);
  assert.deepEqual(view("g="), { change: [] });
});

test("an address says the view shown only when each of its keys is a view's, once, with the value shown", () => {
  const shown = "t=fibre&s=none,weak&z=10.25&c=22.51234,103.81235";
  // what a link says, kept as it was written: fields left out are the page's defaults
  for (const link of ["", "#", "#t=fibre", "t=fibre&z=10.25&c=22.51234,103.81235", "#s=weak,none&t=fibre",
    "c=22.512341,103.812349&z=10.250", "#d=082&x=02692&t=fibre", "#p=15&d=136"]) {
    assert.equal(dxmap.hashShows(link, shown), true, link);
  }
  // what the page could not use (QA: kept in the address, so a link copied from it shared it)
  for (const link of ["#t=nope", "#t=", "#t=fibre&foo=bar", "#section-2", "#t=fibre&&s=none", "#=fibre",
    "#z=99&c=22.51234,103.81235", "#z=10.3&c=22.51234,103.81235", "#z=abc", "#c=95,10", "#c=22.5", "#d=",
    "#s=none,bogus", "#s=none,none,weak", "#g=stayed", "#t=lan&t=fibre", "#d=%E0%A4%A", "#constructor=1", "#__proto__=x"]) {
    assert.equal(dxmap.hashShows(link, shown), false, link);
  }
  assert.equal(dxmap.hashShows("#g=fixed,stayed&s=", "t=any&s=&g=stayed,fixed"), true);
});

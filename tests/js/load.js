// Loads the map page's script files into a fresh node:vm context, as the page joins them.
// The order and the list come from PAGE_SCRIPTS in dxmap/render/_assets.py, so tests and page agree.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const ROOT = path.resolve(__dirname, "..", "..");
const ASSETS = path.join(ROOT, "dxmap", "render", "assets");

/** The file names of PAGE_SCRIPTS, in order, read from _assets.py. */
function pageScripts() {
  const source = fs.readFileSync(path.join(ROOT, "dxmap", "render", "_assets.py"), "utf8");
  const block = /^PAGE_SCRIPTS = \(([\s\S]*?)^\)/m.exec(source);
  if (!block) throw new Error("PAGE_SCRIPTS not found in dxmap/render/_assets.py");
  return [...block[1].matchAll(/"([\w.-]+\.js)"/g)].map((m) => m[1]);
}

/**
 * The `dxmap` namespace after running `files` (default: every page script, in page order) in a
 * context with no window, document or Leaflet: only what a file defines when it loads.
 */
function load(files = pageScripts(), globals = {}) {
  const context = vm.createContext({ ...globals });
  for (const name of files) {
    vm.runInContext(fs.readFileSync(path.join(ASSETS, name), "utf8"), context, { filename: name });
  }
  return context.dxmap;
}

/** Encode [x0, y0, x1, y1, …] as a polyline string at `scale`, as dxmap/render/webmap.py does. */
function encode(flat, scale) {
  let out = "", px = 0, py = 0;
  function value(v) {
    let z = v < 0 ? ~(v << 1) : v << 1;
    while (z >= 32) { out += String.fromCharCode((32 | (z & 31)) + 63); z >>= 5; }
    out += String.fromCharCode(z + 63);
  }
  for (let k = 0; k < flat.length; k += 2) {
    const x = Math.round(flat[k] * scale), y = Math.round(flat[k + 1] * scale);
    value(x - px); value(y - py);
    px = x; py = y;
  }
  return out;
}

/** Plain arrays of typed ones, so that deepStrictEqual compares values, not realms. */
function plain(v) { return Array.from(v); }

module.exports = { ASSETS, pageScripts, load, encode, plain };

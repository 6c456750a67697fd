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

test("the unit words cards write are typed too: towns, cities, wards, with or without a dot (QA25)", () => {
  assert.deepEqual(names("Thị xã Sa Pa"), ["district:Sa Pa"]);
  assert.deepEqual(names("TX Sa Pa"), ["district:Sa Pa"]);
  assert.deepEqual(names("Thành phố Bát Xát"), ["district:Bát Xát"]);
  assert.deepEqual(names("TP. Bát Xát"), ["district:Bát Xát"]);
  assert.deepEqual(names("P. Bản Xèo"), ["commune:Bản Xèo"]);
  assert.deepEqual(names("X.Trịnh Tường"), ["commune:Trịnh Tường"]);
  assert.deepEqual(names("px Sa Pa"), []); // not a unit word: nothing is taken away
});

test("the unit word typed puts the places of its kind first (QA27: 'TT Bát Xát' opened the district)", () => {
  const idx = dxmap.searchIndex([["district", ["Bát Xát"]], ["commune", ["Bát Xát", "A Lù"]], ["village", ["Bát Xát"]]]);
  const kinds = (q) => Array.from(dxmap.search(idx, q), (h) => h.kind);
  assert.deepEqual(kinds("Bát Xát"), ["district", "commune", "village"]);
  assert.deepEqual(kinds("TT Bát Xát"), ["commune", "district", "village"]);
  assert.deepEqual(kinds("Xã Bát Xát"), ["commune", "district", "village"]);
  assert.deepEqual(kinds("H. Bát Xát"), ["district", "commune", "village"]);
  assert.deepEqual(kinds("thôn Bát Xát"), ["village", "district", "commune"]);
});

test("an abbreviation finds the names that spell it out first (QA28: 'TDP 1' listed 'Thôn 1' first)", () => {
  const idx = dxmap.searchIndex([["village", ["Thôn 1", "Thôn 10", "Tổ dân phố 1", "Tổ dân phố 12"]]]);
  const found = (q) => Array.from(dxmap.search(idx, q), (h) => ["Thôn 1", "Thôn 10", "Tổ dân phố 1", "Tổ dân phố 12"][h.i]);
  assert.deepEqual(found("TDP 1"), ["Tổ dân phố 1", "Tổ dân phố 12"]);
  assert.deepEqual(found("tdp 12"), ["Tổ dân phố 12"]);
  assert.deepEqual(found("TDP 10"), ["Thôn 10"]); // none spelt so: the bare name, as before
  assert.deepEqual(found("thôn 1"), ["Thôn 1", "Thôn 10"]);
});

test("a closing roman numeral is its number, as the records are matched (QA39 L5)", () => {
  const list = ["Thôn II", "Thôn 12", "Bản Vi", "Thôn 3", "Tổ dân phố IV"];
  const idx = dxmap.searchIndex([["village", list]]);
  const found = (q) => Array.from(dxmap.search(idx, q), (h) => list[h.i]);
  assert.deepEqual(found("thon 2"), ["Thôn II"]);
  assert.deepEqual(found("thon iii"), ["Thôn 3"]);
  assert.deepEqual(found("tdp 4"), ["Tổ dân phố IV"]);
  assert.deepEqual(found("ban 6"), []); // "Vi" is a name
  assert.equal(dxmap.romanAsNumber("khu xiv"), "khu 14");
  assert.equal(dxmap.romanAsNumber("ii"), ""); // a name of one word: not read, as no unit word stands before it
});

test("nothing typed, nothing found", () => {
  assert.deepEqual(names(""), []);
  assert.deepEqual(names("  ,. "), []);
  assert.deepEqual(names("không có"), []);
});

test("spaces do not matter: 'Sapa' and 'SAPA' find Sa Pa", () => {
  assert.deepEqual(names("Sapa"), ["district:Sa Pa"]);
  assert.deepEqual(names("SAPA"), ["district:Sa Pa"]);
  assert.deepEqual(names("banxeo"), ["commune:Bản Xèo"]);
  assert.deepEqual(names("trinhtu"), ["commune:Trịnh Tường"]);
});

test("a code finds its place, and a former commune goes where its kind says", () => {
  const coded = dxmap.searchIndex([
    ["commune", ["Y Tý", "Lào Cai"], ["02701", "02647"]],
    ["former", ["A Lù", "", "Kim Tân"], ["02692", "", "02647"]], // Y Tý's own former commune is found as Y Tý
    ["village", ["Thôn 02692"]],
  ]);
  const found = (q) => Array.from(dxmap.search(coded, q), (h) => `${h.kind}:${h.i}`);
  assert.deepEqual(found("02692"), ["former:0", "village:0"]);
  assert.deepEqual(found("02647"), ["commune:1", "former:2"]);
  assert.deepEqual(found("0264"), ["commune:1", "former:2"]); // a code's start
  assert.deepEqual(found("a lu"), ["former:0"]);
  assert.deepEqual(found("y ty"), ["commune:0"]);
  assert.deepEqual(found("692"), ["village:0"]); // a code is matched from its start only
});

test("codes from 3 digits on, 4 digits as a commune code without its leading zero, the code said (QA62 17)", () => {
  const coded = dxmap.searchIndex([
    ["district", ["Bát Xát", "Huyện 1"], ["082", "101"]],
    ["commune", ["A Lù", "Xã An An 8"], ["02692", "10123"]],
    ["village", ["Thôn 1", "Thôn 02692"]],
  ]);
  const found = (q) => Array.from(dxmap.search(coded, q), (h) => `${h.kind}:${h.i}${h.code ? " #" + h.code : ""}`);
  // one or two digits are names only: "1" listed every place whose code starts with 1
  assert.deepEqual(found("1"), ["district:1", "village:0"]);
  assert.deepEqual(found("xa 1"), ["district:1", "village:0"]); // the bare "1", as before, without the codes
  assert.deepEqual(found("10"), []);
  assert.deepEqual(found("101"), ["district:1 #101", "commune:1 #10123"]);
  assert.deepEqual(found("082"), ["district:0 #082"]);
  // "2692" as records accept it: the commune 02692 first, then the village whose name holds it (by name: no code)
  assert.deepEqual(found("2692"), ["commune:0 #02692", "village:1"]);
  assert.deepEqual(found("02692"), ["commune:0 #02692", "village:1"]);
  assert.deepEqual(found("0269"), ["commune:0 #02692", "village:1"]); // a code's start
  assert.deepEqual(found("269"), ["village:1"]); // 3 digits are not padded
});

test("text of punctuation or spaces alone finds nothing; with letters or digits among it, as before (QA)", () => {
  for (const q of ["...", "-", "()", "  ", "/", "…", " – ", "\u00a0"]) assert.deepEqual(names(q), [], q);
  const idx = dxmap.searchIndex([["commune", ["A Lù", "Bản Vược"]], ["village", ["Thôn 1", "Thôn 10", "Thôn 2"]]]);
  const found = (q) => Array.from(dxmap.search(idx, q), (h) => `${h.kind}:${h.i}`);
  assert.deepEqual(found("A-Lù"), ["commune:0"]);
  assert.deepEqual(found("(a lu)"), ["commune:0"]);
  assert.deepEqual(found("Thôn 1."), ["village:0", "village:1"]);
});

test("a name typed exactly, with its diacritics, comes first; without them the order is as before (QA62 7)", () => {
  const list = [["district", ["Sa Pa"]], ["commune", ["Sa Pa", "Sa Pả", "Bản Vược"]],
    ["village", ["Sa Pả", "Bản Vuợc"]]];
  const idx = dxmap.searchIndex(list), names = Object.fromEntries(list);
  const found = (q) => Array.from(dxmap.search(idx, q), (h) => `${h.kind}:${names[h.kind][h.i]}`);
  assert.deepEqual(found("Sa Pả"), ["commune:Sa Pả", "village:Sa Pả", "district:Sa Pa", "commune:Sa Pa"]);
  assert.deepEqual(found("sa pả"), ["commune:Sa Pả", "village:Sa Pả", "district:Sa Pa", "commune:Sa Pa"]);
  assert.deepEqual(found("  SA  PẢ. "), ["commune:Sa Pả", "village:Sa Pả", "district:Sa Pa", "commune:Sa Pa"]);
  // decomposed marks (NFD, as some keyboards send them) are the same name
  assert.deepEqual(found("Sa Pả".normalize("NFD"))[0], "commune:Sa Pả");
  assert.deepEqual(found("sa pa"), ["district:Sa Pa", "commune:Sa Pa", "commune:Sa Pả", "village:Sa Pả"]);
  assert.deepEqual(found("Sa Pa"), ["district:Sa Pa", "commune:Sa Pa", "commune:Sa Pả", "village:Sa Pả"]);
  assert.deepEqual(found("Bản Vuợc"), ["village:Bản Vuợc", "commune:Bản Vược"]); // a spelling of its own
  assert.equal(dxmap.exactKey("Xã  Sa Pả,"), "xã sa pả");
});

test("with a district chosen its own places come first, each part in its order (QA62 18)", () => {
  const hits = [{ kind: "commune", i: 0 }, { kind: "village", i: 0 }, { kind: "village", i: 1 },
    { kind: "village", i: 2 }];
  const order = (out) => Array.from(out, (h) => `${h.kind}:${h.i}`);
  const inSaPa = (h) => h.kind === "village" && h.i > 0;
  assert.deepEqual(order(dxmap.insideFirst(hits, inSaPa)), ["village:1", "village:2", "commune:0", "village:0"]);
  assert.deepEqual(order(dxmap.insideFirst(hits, () => false)), order(hits)); // none inside: as found
  assert.deepEqual(order(dxmap.insideFirst([], () => true)), []);
});

test("a name's bracketed end does not count: every 'Thôn 1 (…)' before 'Thôn 10', all listed (QA71 C8)", () => {
  const list = ["Thôn 10", "Thôn 11", "Thôn 1 (Bảo Hà)", "Thôn 1 (Yên Sơn)", "Thôn II (Cam Cọn)", "Thôn 12 (Kim Sơn)"];
  const idx = dxmap.searchIndex([["village", list], ["former", ["Tân Tiến (xã cũ)"]]]);
  const found = (q) => Array.from(dxmap.search(idx, q), (h) => (h.kind === "former" ? "F:" : "") + list[h.i]);
  const want = ["Thôn 1 (Bảo Hà)", "Thôn 1 (Yên Sơn)", "Thôn 10", "Thôn 11", "Thôn 12 (Kim Sơn)"];
  assert.deepEqual(found("thôn 1"), want);
  assert.deepEqual(found("thon 1"), want);
  assert.deepEqual(found("Thôn 1 (Yên Sơn)"), ["Thôn 1 (Yên Sơn)"]);
  assert.deepEqual(found("thon 2"), ["Thôn II (Cam Cọn)"]);
  assert.deepEqual(Array.from(dxmap.search(idx, "tan tien"), (h) => h.whole), [true]);
  assert.equal(dxmap.nameCore("(xã cũ)"), "(xã cũ)"); // nothing but brackets: the name itself
});

test("a list shows every whole-name hit past its cap, up to a bound (QA71 C8: 16 villages 'Thôn 1')", () => {
  const hits = (whole, rest) => Array.from({ length: whole + rest }, (_, n) => ({ kind: "village", i: n, whole: n < whole }));
  assert.equal(dxmap.hitsShown(hits(16, 30), 10, 40), 16);
  assert.equal(dxmap.hitsShown(hits(2, 30), 10, 40), 10);
  assert.equal(dxmap.hitsShown(hits(60, 3), 10, 40), 40);
  assert.equal(dxmap.hitsShown(hits(0, 4), 10, 40), 4);
  const mixed = hits(12, 5); mixed.unshift({ kind: "village", i: 99 }); // a district's own place first
  assert.equal(dxmap.hitsShown(mixed, 10, 40), 13);
});

"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./load.js");

const dxmap = load(["map-text.js"]);

test("fold drops case, diacritics and punctuation, đ becomes d", () => {
  assert.equal(dxmap.fold("Bản Vược"), "ban vuoc");
  assert.equal(dxmap.fold("ĐỒNG  Tuyển"), "dong tuyen");
  assert.equal(dxmap.fold("Tổ dân phố số 1 (TT. Phố Lu)"), "to dan pho so 1 tt pho lu");
  assert.equal(dxmap.fold("Bản Vược".normalize("NFD")), "ban vuoc");
  assert.equal(dxmap.fold(null), "");
  assert.equal(dxmap.fold(12), "12");
});

test("fmt fills known names and leaves the others", () => {
  assert.equal(dxmap.fmt("{n} dòng", { n: 3 }), "3 dòng");
  assert.equal(dxmap.fmt("{a} {b}", { a: "x" }), "x {b}");
  assert.equal(dxmap.fmt("{toString}", {}), "{toString}");
});

test("fmt chooses the English word for how many, as dxmap/labels.py's label() does", () => {
  const units = "{nv} {nv|village|villages}, {nc} {nc|commune|communes}"; // labels.py rpt_units (en)
  assert.equal(dxmap.fmt(units, { nv: 5, nc: 1 }), "5 villages, 1 commune");
  assert.equal(dxmap.fmt(units, { nv: "1", nc: 0 }), "1 village, 0 communes");
  assert.equal(dxmap.fmt(units, { nv: "1,527", nc: 2 }), "1,527 villages, 2 communes"); // numbers as the page writes them
  assert.equal(dxmap.fmt("— {n} {n|row|rows}", { n: dxmap.formatNumber(1, "en") }), "— 1 row");
  assert.equal(dxmap.fmt("{n} {n|row|rows}", {}), "{n} {n|row|rows}"); // no value: left as it is
  assert.equal(dxmap.fmt("{n} dòng", { n: 1 }), "1 dòng"); // Vietnamese has no plural
  assert.equal(dxmap.countWord(["commune", "communes"], 1), "commune");
  assert.equal(dxmap.countWord(["commune", "communes"], 0), "communes");
  assert.equal(dxmap.countWord("xã", 1), "xã");
});

test("shares of one unit say so in the singular in English", () => {
  const en = { map_gap_share: "{n} of {total} {units} lack it ({share})", map_nodata: "no data for {n} {units}",
    map_no_units: "no {units}", map_former_gap_share: "{k} of {n} {n|former commune|former communes} without {tech} ({share})",
    map_former_nodata: "{n} {n|former commune|former communes}: no data",
    map_former_without: "{k} of {n} {n|former commune|former communes} without {tech}",
    former_commune: "former commune", map_former_communes: "former communes", chg_tech_lan: "a standard LAN", lan: "Standard LAN" };
  const communes = ["commune", "communes"];
  assert.equal(dxmap.gapShareText(en, 0, 1, 0, communes, "en"), "0 of 1 commune lack it (0%)");
  assert.equal(dxmap.gapShareText(en, 1, 2, 0, communes, "en"), "1 of 2 communes lack it (50%)");
  assert.equal(dxmap.gapShareText(en, 0, 1, 1, communes, "en"), "no data for 1 commune");
  assert.equal(dxmap.gapShareText(en, 0, 0, 0, communes, "en"), "no communes");
  assert.equal(dxmap.formerShareText(en, "lan", 0, 1, "en"), "0 of 1 former commune without a standard LAN (0%)");
  assert.equal(dxmap.formerShareText(en, "lan", 0, 1, "en", 1), "Standard LAN: no data for 1 former commune");
  assert.equal(dxmap.formerText(en, "lan", { k: 1, n: 1 }, "none"), "1 of 1 former commune without a standard LAN");
  assert.equal(dxmap.formerText(en, "lan", { k: 0, n: 1 }, "unknown"), "1 former commune: no data");
});

test("numbers as each language writes them", () => {
  assert.equal(dxmap.formatNumber(1527, "vi"), "1.527");
  assert.equal(dxmap.formatNumber(1527, "en"), "1,527");
  assert.equal(dxmap.formatNumber(6, "vi"), "6");
  for (const n of [0, 1.5, 1234567.891, -42, "17", NaN]) // as toLocaleString says them, its formatter made once
    for (const [lang, locale] of [["vi", "vi-VN"], ["en", "en-GB"]]) assert.equal(dxmap.formatNumber(n, lang), Number(n).toLocaleString(locale));
});

test("dates Vietnamese-style in Vietnamese, ISO in English, anything else as it is", () => {
  assert.equal(dxmap.formatDate("2024-06-30", "vi"), "30/6/2024");
  assert.equal(dxmap.formatDate("2024-01-05", "vi"), "5/1/2024");
  assert.equal(dxmap.formatDate("2024-06-30", "en"), "2024-06-30");
  assert.equal(dxmap.formatDate("Q2 2024", "vi"), "Q2 2024");
  assert.equal(dxmap.formatDate("", "vi"), "");
  assert.equal(dxmap.formatDate(undefined, "vi"), "");
});

test("shares with one decimal, never a misleading 0%", () => {
  assert.equal(dxmap.formatShare(56, 1554, "en"), "3.6%");
  assert.equal(dxmap.formatShare(56, 1554, "vi"), "3,6%");
  assert.equal(dxmap.formatShare(6, 1554, "en"), "0.4%");
  assert.equal(dxmap.formatShare(1, 100000, "en"), "<0.1%");
  assert.equal(dxmap.formatShare(0, 1554, "en"), "0%");
  assert.equal(dxmap.formatShare(29, 152, "vi"), "19,1%");
  assert.equal(dxmap.formatShare(3, 3, "en"), "100%");
  assert.equal(dxmap.formatShare(0, 0, "en"), "");
});

test("CSV fields are quoted and formulas defused", () => {
  assert.equal(dxmap.csvField('a "b"'), '"a ""b"""');
  assert.equal(dxmap.csvField("=1+1"), "\"'=1+1\"");
  assert.equal(dxmap.csvField("-3"), '"-3"'); // a plain number is no formula, as dxmap's CSV files write it
  assert.equal(dxmap.csvField("+84912"), '"+84912"');
  assert.equal(dxmap.csvField("-2+3"), "\"'-2+3\"");
  assert.equal(dxmap.csvField("+84 214 3883 123"), "\"'+84 214 3883 123\"");
  assert.equal(dxmap.csvField("-3", true), '"-3"');
  assert.equal(dxmap.csvField(null), '""');
});

test("words: the data's labels, else the key itself", () => {
  const word = dxmap.words({ map_download_png: "PNG!" });
  assert.equal(word("map_download_png"), "PNG!");
  assert.equal(word("no_such_word"), "no_such_word");
  assert.equal(dxmap.words(null)("map_menu"), "map_menu");
});

test("titleParts keeps the default title's date phrase apart, adds a date line to a title without one", () => {
  const L = { as_of: "Số liệu đến ngày" };
  const vi = { title: "Hạ tầng số còn thiếu — Lào Cai, số liệu đến ngày 30/6/2024", titleDate: "số liệu đến ngày 30/6/2024", asOf: "2024-06-30", L };
  assert.deepEqual({ ...dxmap.titleParts(vi, "vi") }, { head: "Hạ tầng số còn thiếu — ", place: "Lào Cai,", date: "số liệu đến ngày 30/6/2024", dateLine: "" });
  const long = { ...vi, title: "Hạ tầng số còn thiếu — Lào Cai mở rộng sau sắp xếp, số liệu đến ngày 30/6/2024" };
  assert.deepEqual([dxmap.titleParts(long, "vi").head, dxmap.titleParts(long, "vi").place], // free to wrap
    ["Hạ tầng số còn thiếu — Lào Cai mở rộng sau sắp xếp, ", ""]);
  const bare = { ...vi, title: "Hạ tầng số còn thiếu, số liệu đến ngày 30/6/2024" }; // no place: nothing cut out
  assert.deepEqual([dxmap.titleParts(bare, "vi").head, dxmap.titleParts(bare, "vi").place], ["Hạ tầng số còn thiếu, ", ""]);
  const own = { title: "Rà soát quý 2", titleDate: "", asOf: "2024-06-30", L };
  assert.deepEqual({ ...dxmap.titleParts(own, "vi") }, { head: "Rà soát quý 2", place: "", date: "", dateLine: "Số liệu đến ngày 30/6/2024" });
  const dated = { title: "Review 2024-06-30", titleDate: "", asOf: "2024-06-30", L: { as_of: "Data as of" } };
  assert.equal(dxmap.titleParts(dated, "en").dateLine, "");
  assert.equal(dxmap.titleParts({ ...own, title: "Rà soát 30/6/2024" }, "vi").dateLine, "");
  assert.equal(dxmap.titleParts({ title: "T", asOf: "" }, "vi").dateLine, "");
});

test("people rounded as the report rounds them: to 100 from 1,000 on, else to 10, halves to even", () => {
  assert.equal(dxmap.formatPeople(19712, "vi", "~{n} người"), "~19.700 người");
  assert.equal(dxmap.formatPeople(19712, "en", "~{n} people"), "~19,700 people");
  assert.equal(dxmap.formatPeople(19750, "en", "~{n} people"), "~19,800 people"); // 197.5 → 198 (even)
  assert.equal(dxmap.formatPeople(19650, "en", "~{n} people"), "~19,600 people"); // 196.5 → 196 (even), as Python's round()
  assert.equal(dxmap.formatPeople(999, "en", "~{n} people"), "~1,000 people");
  assert.equal(dxmap.formatPeople(344, "vi", "~{n} người"), "~340 người");
  assert.equal(dxmap.formatPeople(0, "en", "~{n} people"), "~0 people");
  assert.equal(dxmap.formatPeople(1234, "vi", "khoảng {n}"), "khoảng 1.200");
});

test("formerText counts former communes, never one status for the merged commune", () => {
  const vi = { map_former_without: "{k}/{n} xã cũ chưa có {tech}", map_former_nodata: "{n} xã cũ: chưa có số liệu",
    map_former_none: "{n} xã cũ, không xã nào chưa có {tech}", chg_tech_lan: "mạng LAN chuẩn", lan: "Mạng LAN chuẩn" };
  assert.equal(dxmap.formerText(vi, "lan", { k: 2, n: 5 }, "none"), "2/5 xã cũ chưa có mạng LAN chuẩn");
  assert.equal(dxmap.formerText(vi, "lan", { k: 0, n: 3 }, "covered"), "3 xã cũ, không xã nào chưa có mạng LAN chuẩn");
  assert.equal(dxmap.formerText(vi, "lan", { k: 0, n: 4 }, "unknown"), "4 xã cũ: chưa có số liệu");
  const en = { map_former_without: "{k} of {n} former communes without {tech}", chg_tech_lan: "a standard LAN" };
  assert.equal(dxmap.formerText(en, "lan", { k: 1, n: 2 }, "none"), "1 of 2 former communes without a standard LAN");
});

test("formerShareText: the 2025 LAN headline counts former communes like summary.json", () => {
  const vi = { map_former_gap_share: "{k} trong {n} xã cũ chưa có {tech} ({share})", chg_tech_lan: "mạng LAN chuẩn" };
  const text = dxmap.formerShareText(vi, "lan", 29, 320, "vi");
  assert.ok(text.startsWith("29 trong 320 xã cũ chưa có mạng LAN chuẩn ("), text);
  assert.equal(text, "29 trong 320 xã cũ chưa có mạng LAN chuẩn (" + dxmap.formatShare(29, 320, "vi") + ")");
  const en = { map_former_gap_share: "{k} of {n} former communes without {tech} ({share})", chg_tech_lan: "a standard LAN" };
  assert.ok(dxmap.formerShareText(en, "lan", 1234, 5000, "en").startsWith("1,234 of 5,000 former communes without a standard LAN ("));
});

test("a share where nothing is known says so: no '0%' for all unknown, no empty brackets for no unit", () => {
  const vi = { map_gap_share: "{n} trong {total} {units} chưa có ({share})", map_nodata: "chưa có số liệu cho {n} {units}",
    map_no_units: "không có {units} nào", map_former_gap_share: "{k} trong {n} xã cũ chưa có {tech} ({share})",
    map_former_communes: "xã cũ", chg_tech_lan: "mạng LAN chuẩn", lan: "Mạng LAN chuẩn" };
  assert.equal(dxmap.gapShareText(vi, 0, 17, 17, "xã", "vi"), "chưa có số liệu cho 17 xã");
  assert.equal(dxmap.gapShareText(vi, 0, 0, 0, "thôn/bản", "vi"), "không có thôn/bản nào");
  assert.equal(dxmap.gapShareText(vi, 0, 17, 16, "xã", "vi"), "0 trong 17 xã chưa có (0%)"); // one known: a real 0%
  assert.equal(dxmap.gapShareText(vi, 56, 1554, 0, "thôn/bản", "vi"), "56 trong 1.554 thôn/bản chưa có (3,6%)");
  assert.equal(dxmap.formerShareText(vi, "lan", 0, 17, "vi", 17), "Mạng LAN chuẩn: chưa có số liệu cho 17 xã cũ");
  assert.equal(dxmap.formerShareText(vi, "lan", 0, 0, "vi", 0), "Mạng LAN chuẩn: không có xã cũ nào");
  assert.ok(dxmap.formerShareText(vi, "lan", 2, 17, "vi", 10).startsWith("2 trong 17 xã cũ"));
});

test("scaleBar gives the longest round distance that fits, in m below 1 km and km from it", () => {
  const bar = dxmap.scaleBar(9.3, 100, "en"); // the page's object comes from another realm: compare its fields
  assert.deepEqual([bar.metres, bar.px, bar.text], [500, 500 / 9.3, "500 m"]);
  assert.equal(dxmap.scaleBar(10, 100, "en").text, "1 km"); // exactly 1 km fits
  assert.equal(dxmap.scaleBar(25, 100, "vi").text, "2 km");
  assert.equal(dxmap.scaleBar(60, 100, "en").text, "5 km");
  assert.equal(dxmap.scaleBar(1e4, 100, "vi").text, "1.000 km"); // Vietnamese thousands
  assert.equal(dxmap.scaleBar(0.3, 100, "en").text, "20 m");
  for (const mpp of [0.7, 3, 9.3, 47, 180, 2600]) {
    const bar = dxmap.scaleBar(mpp, 100, "en");
    assert.ok(bar.px <= 100 && bar.px > 100 / 5.01, `${mpp} m/px: ${bar.px} px`); // fits, and is never under a fifth
  }
});

test("shortenText cuts a long name after its last whole word that fits, with …", () => {
  const measure = (s) => Array.from(s).length * 10; // 10 px a character
  assert.equal(dxmap.shortenText(measure, "Bát Xát", 200), "Bát Xát");
  const long = "Bát Xát mở rộng và vùng biên giới phía Tây Bắc";
  const short = dxmap.shortenText(measure, long, 200);
  assert.equal(short, "Bát Xát mở rộng và…");
  assert.ok(measure(short) <= 200 && long.startsWith(short.slice(0, -1)));
  assert.equal(dxmap.shortenText(measure, "A — bcdefghijklmnopqrstuvwxyz", 60), "A…"); // no dash left hanging
  assert.equal(dxmap.shortenText(measure, "Abcdefghijklmnop qr", 60), "Abcde…"); // one word too long: cut inside
});

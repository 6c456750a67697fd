/*! dxmap gap map page: finding a place by name, with or without diacritics, or by its code. */
(function () {
  "use strict";
  var dxmap = (globalThis.dxmap = globalThis.dxmap || {});

  // Unit words people type before a name ("xã Bản Vược", "TP Lào Cai", "P. Duyên Hải"), tried away when the whole
  // text finds nothing.
  var PREFIX = /^(xa|phuong|thi tran|thanh pho|thi xa|huyen|quan|thon|ban|to dan pho|tdp|tt|tp|tx|p|x|h)(\. *| +)/;
  // the kind of place each word names first: "TT Bát Xát" is the town before the district of that name
  var PREFIX_KIND = { xa: "commune", phuong: "commune", "thi tran": "commune", tt: "commune", p: "commune", x: "commune",
    huyen: "district", quan: "district", "thi xa": "district", tx: "district", "thanh pho": "district", tp: "district",
    h: "district", thon: "village", ban: "village", "to dan pho": "village", tdp: "village" };
  // an abbreviation's words, as names spell them: "TDP 1" is first "Tổ dân phố 1", then any "… 1"
  var SPELT = { tdp: "to dan pho", tt: "thi tran", tx: "thi xa", tp: "thanh pho", p: "phuong", x: "xa", h: "huyen" };
  // A roman numeral ending a name after a word ("Thôn II"), read as its number, as the records are matched
  // (name_key in dxmap/validate/text.py): not VI or XI, which are names too ("Bản Vi").
  var ROMAN = /^(.+ )((?=[ivx]+$)(?!vi$|xi$)x{0,3}(?:ix|iv|v?i{0,3}))$/, ROMAN_VALUE = { i: 1, v: 5, x: 10 };

  /** Folded name key with a closing roman numeral as its number ("thon ii" → "thon 2"); "" when it has none. */
  dxmap.romanAsNumber = function (key) {
    var m = ROMAN.exec(key);
    if (!m) return "";
    var v = m[2].split("").map(function (c) { return ROMAN_VALUE[c]; });
    return m[1] + v.reduce(function (sum, x, i) { return sum + (x < (v[i + 1] || 0) ? -x : x); }, 0);
  };

  /**
   * Name s as typed, diacritics kept: NFC, lower case, punctuation and runs of spaces as one space ("Sa  Pả." →
   * "sa pả"). A query equal to a name so ranks it first: "Sa Pả" is the ward, not Sa Pa (QA62 7).
   */
  dxmap.exactKey = function (s) {
    return String(s == null ? "" : s).normalize("NFC").toLowerCase().replace(/[^\p{L}\p{M}\p{N}]+/gu, " ").trim();
  };

  /**
   * A search index over lists of names: groups is [[kind, names, codes], …] in the order kinds rank
   * (districts before communes before villages, say); codes (GSO codes, optional) are found by a query of
   * digits. Names are folded once (dxmap.fold), and kept without spaces too ("Sapa" finds "Sa Pa").
   */
  dxmap.searchIndex = function (groups) {
    var index = { key: [], core: [], exact: [], exactCore: [], flat: [], numbered: [], code: [], kind: [], i: [],
      rank: [] };
    groups.forEach(function (g, r) {
      g[1].forEach(function (name, k) {
        var key = dxmap.fold(name), core = dxmap.nameCore(name);
        index.key.push(key); index.exact.push(dxmap.exactKey(name));
        index.core.push(dxmap.fold(core)); index.exactCore.push(dxmap.exactKey(core));
        index.flat.push(key.replace(/ /g, "")); index.numbered.push(dxmap.romanAsNumber(dxmap.fold(core)));
        index.code.push(g[2] ? String(g[2][k] || "") : "");
        index.kind.push(g[0]); index.i.push(k); index.rank.push(r);
      });
    });
    return index;
  };

  // what a name adds in brackets at its end: the former commune of one of two villages of one name ("Thôn 1 (Bảo Hà)"),
  // "(xã cũ)", a district ("Bảo Yên (Lào Cai)")
  var BRACKETED = /\s*\([^()]*\)\s*$/;
  /** Name s less what it adds in brackets at its end ("Thôn 1 (Bảo Hà)" → "Thôn 1"); s itself when that is all. */
  dxmap.nameCore = function (s) {
    var t = String(s == null ? "" : s), core = t.replace(BRACKETED, "");
    return core.trim() ? core : t;
  };

  /** How well folded name s holds folded text q: 0 the whole name, 1 its start, 2 a word's start, 3 anywhere; -1 not. */
  function fit(s, q) {
    var p = s.indexOf(q);
    return p < 0 ? -1 : s === q ? 0 : p === 0 ? 1 : s.charAt(p - 1) === " " ? 2 : 3;
  }

  /**
   * The places whose folded name contains the folded query, best first: the whole name, then names starting with it,
   * then a word starting with it, then anywhere; then by kind, shorter names, and index order. Spaces do not matter
   * ("Sapa", "sa pa"). A query of 3 digits or more also finds the codes it is (or begins) ("02692", "082"), and 4
   * digits a commune's code without its leading zero ("2692"), as records are read; fewer find names only ("1":
   * "Thôn 1", not every code starting with 1; QA62 17). A query "xã …" / "thôn …" also finds the bare name when the
   * whole text finds nothing, places of the kind the word names first ("TT Bát Xát": the town, then the district);
   * an abbreviation is tried spelt out first ("TDP 1": "Tổ dân phố 1"). A closing roman numeral is its number ("thon
   * 2" finds "Thôn II", "thon ii" finds "Thôn 2"). What a name adds in brackets at its end does not count: "thon 1"
   * finds "Thôn 1 (Bảo Hà)" as a whole name, before "Thôn 10" (QA71 C8). A name typed exactly, with its diacritics,
   * comes before all ("Sa Pả": the ward Sa Pả, then Sa Pa; "sa pa" keeps the order above). Returns [{kind, i}],
   * with `code` (the code it was found by) on a hit found by its code and not its name, and `whole` on a hit of its
   * whole name (or code).
   */
  dxmap.search = function (index, query) {
    var q = dxmap.fold(query), typed = dxmap.exactKey(query), out = [];
    if (!q) return out;
    function scan(key) {
      var flat = key.replace(/ /g, ""), digits = /^\d{3,}$/.test(key), padded = /^\d{4}$/.test(key) ? "0" + key : "";
      for (var n = 0; n < index.key.length; n++) {
        var f = index.core[n] === key ? 0 : fit(index.key[n], key), byCode = false; // "Thôn 1 (Bảo Hà)" is "thon 1"
        if (f < 0) f = fit(index.flat[n], flat); // across the spaces: the whole name, its start or anywhere
        if (f < 0 && index.numbered[n]) f = fit(index.numbered[n], key); // "thon 2" finds "Thôn II"
        if (f < 0 && digits) { f = codeFit(index.code[n], key, padded); byCode = f >= 0; }
        if (f >= 0) out.push([f, index.rank[n], index.key[n].length, n, byCode]);
      }
    }
    scan(q);
    if (!out.length && dxmap.romanAsNumber(q)) scan(dxmap.romanAsNumber(q)); // "thon ii" finds "Thôn 2"
    var word = PREFIX.exec(q), bare = q.replace(PREFIX, ""), prefer = null;
    if (!out.length && bare !== q && bare) {
      if (SPELT[word[1]]) scan(SPELT[word[1]] + " " + bare);
      if (!out.length) scan(bare);
      prefer = PREFIX_KIND[word[1]];
    }
    function other(r) { var k = index.kind[r[3]]; return prefer && k !== prefer && !(prefer === "commune" && k === "former") ? 1 : 0; }
    function inexact(r) { return index.exact[r[3]] === typed || index.exactCore[r[3]] === typed ? 0 : 1; }
    out.sort(function (a, b) {
      return inexact(a) - inexact(b) || other(a) - other(b) || a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3];
    });
    return out.map(function (r) {
      var hit = { kind: index.kind[r[3]], i: index.i[r[3]] };
      if (r[4]) hit.code = index.code[r[3]];
      if (r[0] === 0) hit.whole = true;
      return hit;
    });
  };

  /**
   * How many of hits (as dxmap.search gives them) a list shows: `cap`, or every whole-name hit when there are more, up
   * to `most` (16 villages "Thôn 1" in one former district were cut to 10, behind none: QA71 C8).
   */
  dxmap.hitsShown = function (hits, cap, most) {
    var through = 0; // past the last whole-name hit: a district's own places come first (dxmap.insideFirst)
    hits.forEach(function (h, n) { if (h.whole) through = n + 1; });
    return Math.min(hits.length, Math.max(cap, Math.min(through, most)));
  };

  /** How a code holds a query of digits: 0 it is the code (or the code less its leading zero, padded: "02692" for
   * "2692"), 1 the code begins with it, -1 not. */
  function codeFit(code, q, padded) {
    if (!code) return -1;
    return code === q || code === padded ? 0 : code.indexOf(q) === 0 ? 1 : -1;
  }

  /**
   * Hits (as dxmap.search gives them) with those for which inside(hit) is true first, each part in its order: with a
   * district chosen its own places come first, "ban vuoc" in Sa Pa is Sa Pa's Bản Vược (QA62 18).
   */
  dxmap.insideFirst = function (hits, inside) {
    var mine = [], rest = [];
    hits.forEach(function (h) { (inside(h) ? mine : rest).push(h); });
    return mine.concat(rest);
  };
})();

/*! dxmap gap map page. dxmap's own code, MIT licence (see the dxmap package).
 *
 * The page script is a few small files joined in the order dxmap/render/_assets.py lists them.
 * Each file only adds functions to the `dxmap` namespace (window.dxmap in the page, a node:vm
 * context in tests/js); none uses another while it loads, so each pure one loads on its own.
 *
 * This file: text. Folding names for search, filling label templates, numbers, dates and shares
 * written the way the page's language writes them.
 */
(function () {
  "use strict";
  var dxmap = (globalThis.dxmap = globalThis.dxmap || {});

  /** Lower case, no diacritics (đ → d), punctuation as single spaces: "Bản Vược" → "ban vuoc". */
  dxmap.fold = function (s) {
    return String(s == null ? "" : s)
      .replace(/[đĐ]/g, "d")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  };

  // The unit words a Vietnamese place name may start with, diacritics kept: "Xà Hồ", "Quan Hóa", "Tịnh Biên" are names
  var UNIT_WORD = /^(huyện|quận|thị xã|thành phố|xã|phường|thị trấn|tỉnh) +\S/;
  /**
   * Does name start with a Vietnamese unit word ("Huyện An Đức 2", "Thị xã Sa Pa", "Xã A Lù")? Then the page adds no
   * kind before it ("District Huyện An Đức 2"), and lower-cases the word after a comma in Vietnamese (QA62 15).
   */
  dxmap.hasUnitWord = function (name) {
    return UNIT_WORD.test(String(name == null ? "" : name).normalize("NFC").toLowerCase());
  };

  /**
   * The legend headline of commune technology `key` in 2025 units, counted in former communes like
   * summary.json: "29 trong 320 xã cũ chưa có mạng LAN chuẩn (9,1%)"; "Mạng LAN chuẩn: chưa có số liệu cho 17 xã
   * cũ" when all n are `unknown` (never "0%"). T: the page's words.
   */
  dxmap.formerShareText = function (T, key, k, n, lang, unknown) {
    if (n - (unknown || 0) <= 0) return (T[key] || key) + ": " + dxmap.nodataText(T, n, [T.former_commune, T.map_former_communes], lang);
    return dxmap.fmt(T.map_former_gap_share, { k: dxmap.formatNumber(k, lang), n: dxmap.formatNumber(n, lang),
      tech: T["chg_tech_" + key] || T[key], share: dxmap.formatShare(k, n, lang) });
  };
  /**
   * The share of `units` lacking a technology: "56 trong 1.554 thôn/bản chưa có (3,6%)"; when none of the
   * `total` units has a known status (all `unknown` of them) "chưa có số liệu cho 17 xã", never "0 … (0%)", as
   * unknown is never none; with no unit at all "không có thôn/bản nào". T: the page's words; `units`: the unit
   * word, or [one, many] to say "1 commune" in English (dxmap.countWord).
   */
  dxmap.gapShareText = function (T, n, total, unknown, units, lang) {
    if (total - (unknown || 0) <= 0) return dxmap.nodataText(T, total, units, lang);
    return dxmap.fmt(T.map_gap_share, { n: dxmap.formatNumber(n, lang), total: dxmap.formatNumber(total, lang),
      units: dxmap.countWord(units, total), share: dxmap.formatShare(n, total, lang) });
  };
  /** "chưa có số liệu cho 17 xã cũ" (n units, none with a known status), or "không có xã nào" when n is 0. */
  dxmap.nodataText = function (T, n, units, lang) {
    return n ? dxmap.fmt(T.map_nodata, { n: dxmap.formatNumber(n, lang), units: dxmap.countWord(units, n) })
      : dxmap.fmt(T.map_no_units, { units: dxmap.countWord(units, 0) });
  };
  /** The word for n units: `words` itself, or of a pair [one, many] the first when n is 1 ("1 commune", "2 communes"). */
  dxmap.countWord = function (words, n) {
    return Array.isArray(words) ? words[String(n) === "1" ? 0 : 1] : words;
  };
  /**
   * What a commune merged from f.n former communes says about commune technology `key`: "2/5 xã cũ chưa có
   * mạng LAN chuẩn" (f.k of them without it), or "5 xã cũ: chưa có số liệu" when `status` (the commune's
   * code's name) is "unknown", i.e. no former commune has a known status. T: the page's words.
   */
  dxmap.formerText = function (T, key, f, status) {
    if (!f.k && status === "unknown") return dxmap.fmt(T.map_former_nodata, { n: f.n });
    return dxmap.fmt(f.k ? T.map_former_without : T.map_former_none, { k: f.k, n: f.n, tech: T["chg_tech_" + key] || T[key] });
  };
  /**
   * A label template filled in as dxmap/labels.py's label() fills it: fmt("{n} rows", {n: 3}) → "3 rows";
   * "{n|row|rows}" is the word for how many n is, the first when n is 1 ("1 row"); unknown {names} stay as they are.
   */
  dxmap.fmt = function (template, vars) {
    return String(template).replace(/\{(\w+)(?:\|([^{}|]*)\|([^{}|]*))?\}/g, function (m, k, one, many) {
      if (!Object.prototype.hasOwnProperty.call(vars, k)) return m;
      return one === undefined ? String(vars[k]) : String(vars[k]) === "1" ? one : many;
    });
  };

  var numberFormats = {}; // one formatter per locale: toLocaleString makes one per call (19 ms of the demo's opening)
  /** A count the way the language writes it: 1527 → "1.527" (vi), "1,527" (en). */
  dxmap.formatNumber = function (n, lang) {
    var locale = lang === "vi" ? "vi-VN" : "en-GB";
    return (numberFormats[locale] || (numberFormats[locale] = new Intl.NumberFormat(locale))).format(Number(n));
  };

  /**
   * A scale bar for a map drawn at metresPerPixel: the longest round distance (1, 2 or 5 × a power
   * of ten metres) no wider than maxPx, its width in pixels and its text: (9.3, 100, "vi") →
   * { metres: 500, px: 53.8, text: "500 m" }; from 1 km on, in km ("2 km"). As Leaflet's scale control.
   */
  dxmap.scaleBar = function (metresPerPixel, maxPx, lang) {
    var most = metresPerPixel * maxPx, step = Math.pow(10, Math.floor(Math.log10(most))), d = most / step;
    var metres = step * (d >= 5 ? 5 : d >= 2 ? 2 : 1);
    var text = metres >= 1000 ? dxmap.formatNumber(metres / 1000, lang) + " km" : dxmap.formatNumber(metres, lang) + " m";
    return { metres: metres, px: metres / metresPerPixel, text: text };
  };

  /**
   * An ISO date for people: "2024-06-30" → "30/6/2024" in Vietnamese; English pages keep the ISO
   * form, which no reader misreads. Anything that is not an ISO date is returned as it is.
   */
  dxmap.formatDate = function (iso, lang) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso == null ? "" : iso));
    if (!m || lang !== "vi") return iso == null ? "" : String(iso);
    return +m[3] + "/" + +m[2] + "/" + m[1];
  };

  /**
   * n of total as a percentage with one decimal: (56, 1554) → "3,6%" (vi) / "3.6%" (en). A share
   * that is not zero never shows as "0%" ("<0.1%"); an empty total has no share ("").
   */
  dxmap.formatShare = function (n, total, lang) {
    if (!total) return "";
    var p = (100 * n) / total, loc = lang === "vi" ? "vi-VN" : "en-GB";
    if (p > 0 && p < 0.05) return "<" + (0.1).toLocaleString(loc) + "%";
    return (Math.round(p * 10) / 10).toLocaleString(loc, { maximumFractionDigits: 1 }) + "%";
  };

  /**
   * The page title in parts: {head, place, date, dateLine}. A title that ends with its date phrase
   * (the default one, D.titleDate) gives that phrase as `date` and the place before it as `place`
   * ("Lào Cai,"; a space between them), each to be kept on one line (never "Lào / Cai" on a phone; a place longer than
   * 24 characters stays in `head`, free to wrap); a title without the date (one the user gave)
   * gets a separate `dateLine` ("Số liệu đến ngày 30/6/2024").
   */
  dxmap.titleParts = function (D, lang) {
    var title = String(D.title || ""), date = D.titleDate || "", T = D.L || {};
    if (date && title.length > date.length && title.slice(-date.length) === date) {
      var head = title.slice(0, -date.length), cut = head.indexOf(" — ") + 3, place = head.slice(cut).trimEnd();
      return cut > 2 && place.length <= 24 && head.slice(cut) === place + " "
        ? { head: head.slice(0, cut), place: place, date: date, dateLine: "" } : { head: head, place: "", date: date, dateLine: "" };
    }
    var shown = D.asOf ? dxmap.formatDate(D.asOf, lang) : "";
    var has = !D.asOf || title.indexOf(D.asOf) >= 0 || title.indexOf(shown) >= 0;
    return { head: title, place: "", date: "", dateLine: has ? "" : (T.as_of || "") + " " + shown };
  };

  /** x rounded to a whole number, halves to the even one: as Python's round(), so page and report agree. */
  function roundHalfEven(x) {
    var r = Math.round(x);
    return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
  }

  /**
   * People, rounded as an estimate deserves (as the printable report does): to 100 from 1,000 on,
   * else to 10, in the page's words (label map_people): (19712, "vi", "~{n} người") → "~19.700 người".
   */
  dxmap.formatPeople = function (n, lang, template) {
    var step = n >= 1000 ? 100 : 10, rounded = roundHalfEven(n / step) * step;
    return dxmap.fmt(template, { n: dxmap.formatNumber(rounded, lang) });
  };

  /**
   * A CSV field, quoted; text starting like a formula gets a leading ' so spreadsheets do not run it, but a plain
   * number ("-3", "+84912") is no formula and stays as it is, as dxmap's own CSV files write it (dxmap/_sheets.py).
   */
  dxmap.csvField = function (v, numeric) {
    var s = v === null || v === undefined ? "" : String(v);
    if (!numeric && /^[=+\-@\t\r]/.test(s) && !PLAIN_NUMBER.test(s)) s = "'" + s;
    return '"' + s.replace(/"/g, '""') + '"';
  };
  var PLAIN_NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?%?$/; // _NUMBER of dxmap/_sheets.py

  /**
   * text cut short to `width` (measure(s) gives a string's width) after its last whole word that fits, with "…":
   * "Bát Xát mở rộng và vùng…"; a first word longer than width is cut inside; text that fits as it is.
   */
  dxmap.shortenText = function (measure, text, width) {
    text = String(text);
    if (measure(text) <= width) return text;
    var words = text.split(/\s+/), out = "";
    for (var i = 0; i < words.length && measure((out ? out + " " : "") + words[i] + "…") <= width; i++) out += (out ? " " : "") + words[i];
    if (out) return out.replace(/[\s,;:—–-]+$/, "") + "…";
    var chars = Array.from(text), n = chars.length - 1;
    while (n > 1 && measure(chars.slice(0, n).join("") + "…") > width) n--;
    return chars.slice(0, n).join("") + "…";
  };

  /** The short name of technology `key` (a legend column, a narrow switch): "Cáp quang", else its full name. T: the page's words. */
  dxmap.shortName = function (T, key) { return T["map_short_" + key] || T[key] || key; };

  /** The page's words: the data's labels (dxmap/labels.py, "map_…" keys), else the key itself. */
  dxmap.words = function (labels) {
    return function (key) {
      return labels && labels[key] != null ? labels[key] : key;
    };
  };
})();

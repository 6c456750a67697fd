/*! dxmap gap map page: the view kept in the address (#hash), so a link or bookmark reopens it. */
(function () {
  "use strict";
  var dxmap = (globalThis.dxmap = globalThis.dxmap || {});

  function round(v, digits) { var f = Math.pow(10, digits); return Math.round(v * f) / f; }

  /**
   * A view as hash text: "d=082&x=02692&t=fibre&s=none,weak&z=10.25&c=22.51234,103.81234", or "p=15&t=lan…" for a
   * province chosen on a page of several.
   * view: {province: code or null, district: code or null (every district), commune: code or null, tech: key,
   * show: [status keys shown],
   * change: [change kinds shown] or null (a page without the change),
   * zoom: number, center: [lat, lng]}; absent fields are left out. Statuses are kept as the
   * page lists them, so equal views give equal text.
   */
  dxmap.viewToHash = function (view) {
    var parts = [];
    if (view.province != null && view.province !== "") parts.push("p=" + encodeURIComponent(view.province));
    if (view.district != null && view.district !== "") parts.push("d=" + encodeURIComponent(view.district));
    if (view.commune != null && view.commune !== "") parts.push("x=" + encodeURIComponent(view.commune)); // x: xã ("c" is the centre)
    if (view.tech) parts.push("t=" + encodeURIComponent(view.tech));
    if (view.show) parts.push("s=" + view.show.map(encodeURIComponent).join(","));
    if (view.change) parts.push("g=" + view.change.map(encodeURIComponent).join(",")); // g: the changes shown (--compare)
    if (isFinite(view.zoom)) parts.push("z=" + round(view.zoom, 2));
    if (view.center && isFinite(view.center[0]) && isFinite(view.center[1])) {
      parts.push("c=" + round(view.center[0], 5) + "," + round(view.center[1], 5));
    }
    return parts.join("&");
  };

  /**
   * The view a hash describes (with or without its "#"); fields that are missing or do not read
   * as a view (a zoom outside 0–24, a centre off the globe) are left out, so a hand-edited or
   * foreign hash falls back to the page's own defaults field by field.
   */
  dxmap.hashToView = function (hash) {
    var view = {}, text = String(hash || "").replace(/^#/, "");
    text.split("&").forEach(function (pair) {
      var eq = pair.indexOf("=");
      if (eq <= 0) return;
      var key = pair.slice(0, eq), raw = pair.slice(eq + 1), value;
      try { value = decodeURIComponent(raw); } catch (e) { return; }
      if (key === "p" && value) view.province = value;
      else if (key === "d" && value) view.district = value;
      else if (key === "x" && value) view.commune = value;
      else if (key === "t" && value) view.tech = value;
      else if (key === "s" || key === "g") {
        view[key === "s" ? "show" : "change"] = raw ? raw.split(",").map(function (s) { try { return decodeURIComponent(s); } catch (e) { return ""; } }).filter(Boolean) : [];
      }
      else if (key === "z" && /^-?\d+(\.\d+)?$/.test(value) && +value >= 0 && +value <= 24) view.zoom = +value;
      else if (key === "c") {
        var c = /^(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)$/.exec(value);
        if (c && Math.abs(+c[1]) <= 90 && Math.abs(+c[2]) <= 180) view.center = [+c[1], +c[2]];
      }
    });
    return view;
  };

  // the view field each key of the address holds; the place (p, d, x) is M.viewPlace's to judge, as it knows the codes
  var FIELDS = { p: "province", d: "district", x: "commune", t: "tech", s: "show", g: "change", z: "zoom", c: "center" };
  var PLACE = { p: true, d: true, x: true };
  function has(o, key) { return Object.prototype.hasOwnProperty.call(o, key); }
  /** One field of a view as the address writes it (lists in one order: the statuses "weak,none" are "none,weak"). */
  function fieldText(view, field) {
    var one = {};
    one[field] = field !== "center" && Array.isArray(view[field]) ? view[field].slice().sort() : view[field];
    return dxmap.viewToHash(one);
  }

  /**
   * Whether address `hash` says nothing but the view shown, `shown` being that view's hash text (dxmap.viewToHash):
   * each of its keys a view's, once, with a value the view shown has, as the address writes it ("t=fibre", or
   * "c=22.512341,…" for a centre of 22.51234). "t=nope", "z=99", "z=10.3" for a zoom of 10.25, "s=none,bogus", "foo=bar"
   * or "#section-2" are not. Keys it leaves out are the page's defaults (a place fitted to the screen) and stay out.
   * Of the place (p, d, x) only the spelling is read here. False: the page writes its address again (QA: a link's junk
   * was kept in the address, and shared).
   */
  dxmap.hashShows = function (hash, shown) {
    var text = String(hash || "").replace(/^#/, ""), said = dxmap.hashToView(text), now = dxmap.hashToView(shown), seen = {};
    return !text || text.split("&").every(function (pair) {
      var key = pair.slice(0, Math.max(pair.indexOf("="), 0));
      if (!has(FIELDS, key) || has(seen, key) || !has(said, FIELDS[key])) return false; // not a view's, twice, or unread
      seen[key] = true;
      return has(PLACE, key) || fieldText(said, FIELDS[key]) === fieldText(now, FIELDS[key]);
    });
  };

  /**
   * What "Copy link" copies: the sentence saying where the view goes ("Mở tệp map.html rồi thêm vào cuối địa chỉ:
   * #d=082&t=fibre"), as T.map_link_sentence words it. The link alone would open the view only for someone with the
   * file at the same place; a file received by Zalo or e-mail is elsewhere, so the part after "#" is what travels.
   */
  dxmap.linkText = function (T, file, hash) {
    var h = "#" + String(hash || "").replace(/^#/, "");
    return dxmap.fmt(T.map_link_sentence, { file: file || T.map_link_this_file, hash: h });
  };

  /** The file name of a page's address ("map.html" of file:///C:/Users/An/T%E1%BA%A3i/map.html); "" when it has none. */
  dxmap.pageFile = function (href) {
    var path = String(href || "").split(/[?#]/)[0], name = path.slice(path.lastIndexOf("/") + 1);
    if (!/^[a-z]+:/i.test(path) || /^(about|data|blob):/i.test(path)) return "";
    try { return decodeURIComponent(name); } catch (e) { return name; }
  };
})();

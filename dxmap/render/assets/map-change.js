/*! dxmap gap map page: the change since an earlier date and the "any gap" view, as pure functions on status codes. */
(function () {
  "use strict";
  var dxmap = (globalThis.dxmap = globalThis.dxmap || {});

  // Status codes are indices in STATUS_ORDER: none 0 (the gap), weak 1, planned 2, unknown 3, covered 4; -1 no row.
  var NONE = 0;
  /** The kinds of change, in legend order; a unit's change code is its index here (-1: no change to tell). */
  dxmap.CHANGES = ["stayed", "new", "fixed"];

  /**
   * How a unit moved on the gap list between an earlier status `before` and its status `now`:
   * 0 still missing, 1 newly missing, 2 fixed (left the gap list), -1 a gap neither then nor now, or a
   * unit without a row at either date (nothing compared). As dxmap.gaps.change.change_status says.
   */
  dxmap.changeCode = function (now, before) {
    if (now < 0 || before < 0) return -1;
    var was = before === NONE, is = now === NONE;
    return was && is ? 0 : is ? 1 : was ? 2 : -1;
  };

  /** The change code of each unit, from the current codes `s` and the earlier ones `p` (Int8Arrays). */
  dxmap.changeCodes = function (s, p) {
    var out = new Int8Array(s.length);
    for (var k = 0; k < s.length; k++) out[k] = dxmap.changeCode(s[k], k < p.length ? p[k] : -1);
    return out;
  };

  // What is drawn of a unit: bits of the value dxmap.drawnAs returns.
  dxmap.DRAW_STATUS = 1; // its status marker (the gap layer's symbol)
  dxmap.DRAW_FIXED = 2; // a ring: it left the gap list
  dxmap.DRAW_NEW = 4; // a ring around its gap marker: it is newly missing

  /**
   * What is drawn of a unit whose status code is s and change code ch, given the statuses ticked
   * (show[s]) and the changes ticked (showChange[ch], or null on a page without change): its status
   * marker unless its status is off or its change (still / newly missing) is; a fixed unit's ring
   * even when its status (usually covered) is off; the ring of a newly missing one around its marker.
   * So a village still missing is drawn once, with the gap layer's symbol. 0: nothing.
   */
  dxmap.drawnAs = function (s, ch, show, showChange) {
    if (s < 0) return 0;
    var bits = show[s] ? dxmap.DRAW_STATUS : 0;
    if (showChange && ch >= 0) {
      if (ch !== 2 && !showChange[ch]) bits = 0;
      if (ch === 2 && showChange[2]) bits |= dxmap.DRAW_FIXED;
      if (ch === 1 && bits & dxmap.DRAW_STATUS) bits |= dxmap.DRAW_NEW;
    }
    return bits;
  };

  /**
   * The "any gap" view of several village technologies' status codes (arrays of equal length): per
   * unit the worst status among them (the lowest code; none when one of them is none), -1 when none
   * of them has a row.
   */
  dxmap.worstCodes = function (lists, n) {
    var out = new Int8Array(n).fill(-1);
    lists.forEach(function (codes) {
      for (var k = 0; k < n; k++) {
        var c = k < codes.length ? codes[k] : -1;
        if (c >= 0 && (out[k] < 0 || c < out[k])) out[k] = c;
      }
    });
    return out;
  };

  /** The keys of the technologies (of `techs`, each {key, s}) whose status for unit k is none. */
  dxmap.missingAt = function (techs, k) {
    return techs.filter(function (t) { return t.s[k] === NONE; }).map(function (t) { return t.key; });
  };
})();

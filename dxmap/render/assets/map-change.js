/*! dxmap gap map page: the change since an earlier date and the "any gap" view, as pure functions on status codes. */
(function () {
  "use strict";
  var dxmap = (globalThis.dxmap = globalThis.dxmap || {});

  // Status codes are indices in STATUS_ORDER: none 0 (the gap), weak 1, planned 2, unknown 3, covered 4; -1 no row.
  var NONE = 0, UNKNOWN = 3, COVERED = 4;
  /**
   * The kinds of change, in legend order; a unit's change code is its index here (-1: no change to tell). "first" (a
   * gap now, no data then: newly reported, not newly missing) comes last, so the others keep their codes; the legend
   * shows it only on a page that has one.
   */
  dxmap.CHANGES = ["stayed", "new", "fixed", "first"];
  /** The kinds of change a page shows until the reader ticks more: "fixed" is a second layer (the demo's 144 fixed
   * villages would swamp its 56 gaps and cover the names). */
  dxmap.CHANGES_SHOWN = ["stayed", "new", "first"];
  /**
   * Whether a kind of change counted n times is listed (legend row, one-line legend, PNG legend): always, but "first"
   * (missing, no earlier data) only where there is one, so a comparison without any reads as before.
   */
  dxmap.changeListed = function (kind, n) { return kind !== "first" || n > 0; };
  /**
   * The kinds of change a page has, from its counts per kind over all its technologies (dxmap.CHANGES order): a
   * legend row each, and the only ones its link's g= names (QA62 13: "g=stayed,new,first" on a page without "first").
   */
  dxmap.changesListed = function (pageCounts) {
    return dxmap.CHANGES.map(function (kind, ci) { return dxmap.changeListed(kind, pageCounts[ci]); });
  };
  /**
   * Is a kind of change told from the earlier picture (still, newly missing, fixed: dxmap.gaps.change.THEN_COUNTS)?
   * Where no unit of a place had a record then, those are no data ("–"), not 0, as the summary, CSV and report say;
   * "first" (a gap now, no data then) is a count there all the same.
   */
  dxmap.needsThen = function (kind) { return kind !== "first"; };
  /**
   * Did some unit k < n for which inPlace(k) is true have a known status at the earlier date: an earlier code p[k]
   * of a status other than unknown (-1: no row)? As dxmap.gaps.change.change_summary's known_then.
   */
  dxmap.knownThen = function (p, n, inPlace) {
    for (var k = 0; k < n; k++) if (p[k] >= 0 && p[k] !== UNKNOWN && inPlace(k)) return true;
    return false;
  };
  /** A zero count per kind of change. */
  dxmap.noChanges = function () { return dxmap.CHANGES.map(function () { return 0; }); };

  /**
   * How a unit moved on the gap list between an earlier status `before` and its status `now`:
   * 0 still missing, 1 newly missing (known then, not a gap then), 2 fixed (a gap then, covered now), 3 a gap now
   * whose status was unknown then (no data then: never newly missing), -1 a gap neither then nor now, one that left
   * the gap list without being covered (weak, planned or unknown now: its own marker tells it), or a unit without a
   * row at either date (nothing compared). As dxmap.gaps.change.change_status says.
   */
  dxmap.changeCode = function (now, before) {
    if (now < 0 || before < 0) return -1;
    var was = before === NONE, is = now === NONE;
    return was && is ? 0 : is ? (before === UNKNOWN ? 3 : 1) : was && now === COVERED ? 2 : -1;
  };

  /** The change code of each unit, from the current codes `s` and the earlier ones `p` (Int8Arrays). */
  dxmap.changeCodes = function (s, p) {
    var out = new Int8Array(s.length);
    for (var k = 0; k < s.length; k++) out[k] = dxmap.changeCode(s[k], k < p.length ? p[k] : -1);
    return out;
  };

  // What is drawn of a unit: bits of the value dxmap.drawnAs returns.
  dxmap.DRAW_STATUS = 1; // its status marker (the gap layer's symbol)
  /** The bit of change dxmap.CHANGES[ci]'s ring (and dot) around or in place of the marker. */
  dxmap.ringBit = function (ci) { return 2 << ci; };
  dxmap.DRAW_NEW = dxmap.ringBit(dxmap.CHANGES.indexOf("new")); // a ring around its gap marker: it is newly missing
  dxmap.DRAW_FIXED = dxmap.ringBit(dxmap.CHANGES.indexOf("fixed")); // a ring with a dot: it left the gap list

  /**
   * What each change draws, from the page data's change.style (dxmap.gaps.change.CHANGE_STYLE): per change
   * of dxmap.CHANGES {marker: the unit's status marker belongs to it (still / newly missing), ring: it
   * draws a ring or dot}. null without change data.
   */
  dxmap.changeDraws = function (style) {
    if (!style) return null;
    return dxmap.CHANGES.map(function (kind) {
      var st = style[kind] || {};
      return { marker: !!st.status, ring: !!(st.ring || st.dot) };
    });
  };

  /**
   * What is drawn of a unit whose status code is s and which has the changes `has` (an array over
   * dxmap.CHANGES: a merged 2025 commune can have several, one per former commune), given the statuses
   * ticked (show[s]) and the changes ticked (showChange, or null on a page without change), `draws` from
   * dxmap.changeDraws. Its status marker when its status is ticked and, if it has a change that draws the
   * marker (still / newly missing), one of those is ticked too; the ring of a change ticked that draws one
   * (a fixed unit's even when its status, usually covered, is off; a newly missing one's only around its
   * marker). So a village still missing is drawn once, with the gap layer's symbol. 0: nothing.
   */
  dxmap.drawnBy = function (s, has, show, showChange, draws) {
    if (s < 0) return 0;
    var bits = show[s] ? dxmap.DRAW_STATUS : 0;
    if (!showChange || !draws) return bits;
    var markerKinds = false, markerShown = false, ci;
    for (ci = 0; ci < draws.length; ci++) {
      if (!has[ci] || !draws[ci].marker) continue;
      markerKinds = true;
      if (showChange[ci]) markerShown = true;
    }
    if (markerKinds && !markerShown) bits = 0;
    for (ci = 0; ci < draws.length; ci++) {
      if (!has[ci] || !showChange[ci] || !draws[ci].ring) continue;
      if (!draws[ci].marker || bits & dxmap.DRAW_STATUS) bits |= dxmap.ringBit(ci);
    }
    return bits;
  };

  /**
   * The radii (page px) [ring, dot] of change style st (dxmap.changeStyle) drawn on a unit of status index s with
   * drawnAs bits. A ring that stands for a marker of its own (fixed) around a gap marker that is drawn too - a merged
   * commune whose former communes both left and stayed on the gap list - goes around that marker (and around a
   * newly-missing ring), without its dot, so the gap marker stays readable.
   */
  dxmap.ringAndDot = function (st, s, bits, statuses) {
    if (st.si < 0 && bits & dxmap.DRAW_STATUS && statuses[s] === "none") {
      return [dxmap.RADIUS[s] + 3.5 + (bits & dxmap.DRAW_NEW ? 3.5 : 0), 0];
    }
    return [st.ringRadius, st.dotRadius];
  };

  /**
   * Changes per kind (dxmap.CHANGES) of the former communes j (change codes `codes`, -1 none)
   * for which inPlace(j) is true: a former district counts only the former communes that were in it, as
   * `summary --district` does, not a whole new commune that lies only partly in it.
   */
  dxmap.formerChangeCounts = function (codes, inPlace) {
    var out = dxmap.noChanges();
    for (var j = 0; j < codes.length; j++) if (codes[j] >= 0 && inPlace(j)) out[codes[j]]++;
    return out;
  };

  var ONE = dxmap.CHANGES.map(function () { return false; }); // reused: drawnAs runs for every marker on every redraw
  /** dxmap.drawnBy for a unit with one change code ch (-1: none). */
  dxmap.drawnAs = function (s, ch, show, showChange, draws) {
    for (var ci = 0; ci < ONE.length; ci++) ONE[ci] = ci === ch;
    return dxmap.drawnBy(s, ONE, show, showChange, draws);
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

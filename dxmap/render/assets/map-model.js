/*! dxmap gap map page: the page data as a model to draw and count (no Leaflet, no DOM). */
(function () {
  "use strict";
  var dxmap = (globalThis.dxmap = globalThis.dxmap || {});

  // Markers are drawn covered first, so that none (the headline gap) is on top: status codes in
  // STATUS_ORDER are none 0, weak 1, planned 2, unknown 3, covered 4.
  var DRAW_ORDER = [4, 3, 2, 1, 0];
  // Fill of a commune some of whose former communes lack a commune technology (Okabe–Ito reddish purple).
  dxmap.FORMER_COLOUR = "#CC79A7";

  /**
   * The district filter's groups on a page of several provinces: [{p, districts}], a group per province (p, its index in
   * M.P) in the order of the province names, its districts in the order of `order` (the filter's, by name); the
   * districts of no known province last, as p = -1.
   */
  dxmap.placeGroups = function (M, order) {
    var byName = new Intl.Collator(M.D.lang === "en" ? "en" : "vi", { numeric: true, sensitivity: "base" }), groups = [];
    var provinces = M.P.code.map(function (_, p) { return p; }).sort(function (a, b) { return byName.compare(M.P.name[a], M.P.name[b]) || a - b; });
    provinces.concat([-1]).forEach(function (p) {
      var districts = order.filter(function (d) { return (M.dP[d] >= 0 ? M.dP[d] : -1) === p; });
      if (p >= 0 || districts.length) groups.push({ p: p, districts: districts });
    });
    return groups;
  };

  /**
   * The page data D decoded once: indices between districts, communes, map units (communes that
   * share one polygon are one unit) and villages, their points in degrees, and per technology
   * the status code of each unit, the marker draw order and counts per map unit.
   */
  dxmap.model = function (D) {
    var S = D.statuses, NS = S.length, scale = D.scale, T = D.L || {};
    var C = D.communes, V = D.villages, U = D.units, DI = D.districts;
    var nC = C.code.length, nV = V.name.length, nU = U.n.length, nD = DI.code.length;
    // Two or more provinces (former ones on 2025 pages): a place index d >= nD is province d - nD, which holds the
    // districts dP gives it. Every filter below takes it where it takes a district.
    var PR = D.provinces || null, nP = PR ? PR.code.length : 0, dP = PR && DI.p ? Int32Array.from(DI.p) : null;
    /** Is district dd in place d: every place for d < 0, district d itself, or province d - nD? */
    function districtIn(dd, d) { return d < 0 || dd === d || (d >= nD && dd >= 0 && dP !== null && dP[dd] === d - nD); }
    var cD = Int32Array.from(C.d), cU = Int32Array.from(C.u), vC = Int32Array.from(V.c);
    // 2025 units: the former districts a commune spans besides its own (C.dx); it is listed under each
    var cX = D.formerDistricts && C.dx ? C.dx : null;
    var vD = new Int32Array(nV), uD = new Int32Array(nU).fill(-1), members = [], i;
    // 2025 units from 2024 rows: the former communes (D.formers, commune by commune), their own former district
    // (fD), the commune each went into (fC, from F.n) and the first of each commune's (fStart); V.f gives a
    // village's place among its commune's from 1 (0: none). A village counts in its former commune's district.
    // Rows of the 2025-07 units themselves: D.formerNames, the same without rows, names only (search, cards);
    // nothing is counted in them (formersCounted false). A village whose row names its former commune ("Xã cũ") has
    // V.f too, and counts in that one's former district where F.d knows it (-1: not known; an older page: no F.d).
    var counted = !!D.formers, F = D.formers || D.formerNames || null, nF = F ? F.code.length : 0;
    var fC = new Int32Array(nF), fStart = new Int32Array(nC + 1);
    var fD = F && F.d !== undefined ? dxmap.ints(F.d, nF) : null, vF = new Int32Array(nV).fill(-1);
    var vOwn = new Uint8Array(nV); // a village counted in its own former commune's district, not its commune's
    if (F) {
      var fN = dxmap.ints(F.n, nC), vPlace = V.f !== undefined ? dxmap.ints(V.f, nV) : null;
      for (i = 0; i < nC; i++) { fStart[i + 1] = fStart[i] + fN[i]; fC.fill(i, fStart[i], fStart[i + 1]); }
      if (vPlace) for (i = 0; i < nV; i++) if (vPlace[i] > 0 && vC[i] >= 0) vF[i] = fStart[vC[i]] + vPlace[i] - 1;
    }
    for (i = 0; i < nV; i++) {
      vOwn[i] = vF[i] >= 0 && fD !== null && fD[vF[i]] >= 0 ? 1 : 0;
      vD[i] = vOwn[i] ? fD[vF[i]] : vC[i] >= 0 ? cD[vC[i]] : -1;
    }
    // a page of one former district: a village of a commune it shares that no former commune places (V.filed) is
    // filed under it, as the analysis files it, not counted in the commune's other former districts (QA68 N1)
    var home = D.district != null ? DI.code.indexOf(D.district) : -1;
    if (home >= 0) (V.filed || []).forEach(function (k) { vOwn[k] = 1; vD[k] = home; });
    for (i = 0; i < nU; i++) members.push([]);
    for (i = 0; i < nC; i++) { members[cU[i]].push(i); if (uD[cU[i]] < 0) uD[cU[i]] = cD[i]; }
    // villages without a location (a village list made from the records): counted, listed and searched, not drawn
    var unplaced = new Uint8Array(nV);
    (V.np || []).forEach(function (k) { unplaced[k] = 1; });
    var pts = { village: dxmap.decode(V.pt, scale), commune: dxmap.decode(C.pt, scale),
      unit: dxmap.decode(U.pt, scale), district: dxmap.decode(DI.pt, scale) };

    var CH = D.change || null; // the change since an earlier date (--compare), when the page has it
    /** A technology's model from its status codes (and, with change data, the earlier ones `prev`). */
    function techModel(key, level, codes, st, prev) {
      var village = level === "village", n = codes.length, order = [], k, s;
      DRAW_ORDER.forEach(function (s) { for (var k = 0; k < n; k++) if (codes[k] === s) order.push(k); });
      var unitCounts = new Int32Array(nU * NS), worst = new Int8Array(nU).fill(-1);
      for (k = 0; k < n; k++) {
        var c = village ? vC[k] : k;
        if (codes[k] >= 0 && c >= 0) unitCounts[cU[c] * NS + codes[k]]++;
      }
      if (!village) {
        for (var u = 0; u < nU; u++) for (s = 0; s < NS; s++) if (unitCounts[u * NS + s]) { worst[u] = s; break; }
      }
      return { key: key, level: level, village: village, n: n, s: codes,
        t: dxmap.ints(st.t, n), src: dxmap.ints(st.src, n), note: dxmap.ints(st.note, n),
        dist: village ? vD : cD, kind: village ? "village" : "commune", order: Int32Array.from(order),
        unitCounts: unitCounts, worst: worst,
        // earlier status and change code per unit (dxmap.CHANGES), when the page has the change for it
        p: prev, ch: prev ? dxmap.changeCodes(codes, prev) : null,
        // former communes per commune (k without it of n), when a commune holds several (2025 units from 2024 rows)
        former: st.n === undefined ? null : { k: dxmap.ints(st.k, n), n: dxmap.ints(st.n, n), gap: dxmap.ints(st.gap, n),
          by: st.by ? S.map(function (name) { return dxmap.ints(st.by[name] || 0, n); }) : null,
          // each former commune's own row (status code, date, source, note), when the page lists them (D.formers)
          rows: st.f && counted ? { s: dxmap.statusCodes(st.f.s, NS), t: dxmap.ints(st.f.t, nF), src: dxmap.ints(st.f.src, nF),
            note: dxmap.ints(st.f.note, nF) } : null } };
    }
    var techs = D.techs.map(function (t) {
      var st = D.status[t.key], prev = CH && CH.prev[t.key] ? dxmap.statusCodes(CH.prev[t.key], NS) : null;
      var model = techModel(t.key, t.level, dxmap.statusCodes(st.s, NS), st, prev), F = CH && CH.former && CH.former[t.key];
      if (F) { // merged communes (2025 units from 2024 rows): the change of each former commune, counted, never guessed
        model.ch = dxmap.statusCodes(F.ch, dxmap.CHANGES.length);
        model.chBy = dxmap.CHANGES.map(function (k) { return dxmap.ints(F[k] || 0, model.n); }); // an older page: no "first"
        model.chF = F.f && nF ? dxmap.statusCodes(F.f, dxmap.CHANGES.length) : null; // each one's, counted where it was
        // how many of each commune's former communes (and which former commune) had a record then; an older page: null
        model.thenBy = F.then !== undefined ? dxmap.ints(F.then, model.n) : null;
        model.thenF = F.fThen !== undefined && nF ? dxmap.ints(F.fThen, nF) : null;
      }
      return model;
    });
    // "Any gap": a village technology of its own, each village's worst status among the village technologies
    var vTechs = techs.filter(function (t) { return t.village; });
    if (vTechs.length && techs.length > 1) {
      var withPrev = vTechs.filter(function (t) { return t.p; });
      var anyPrev = withPrev.length === vTechs.length ? dxmap.worstCodes(withPrev.map(function (t) { return t.p; }), nV) : null;
      var any = techModel("any", "village", dxmap.worstCodes(vTechs.map(function (t) { return t.s; }), nV), { t: 0, src: 0, note: 0 }, anyPrev);
      any.any = true;
      any.parts = vTechs;
      techs.push(any);
    }
    var fibre = techs.findIndex(function (t) { return t.key === "fibre"; });

    var M = {
      D: D, S: S, NS: NS, scale: scale, decimals: Math.round(Math.log10(scale)),
      C: C, V: V, U: U, DI: DI, nC: nC, nV: nV, nU: nU, nD: nD,
      cD: cD, cU: cU, vC: vC, vD: vD, uD: uD, members: members, pts: pts, techs: techs,
      nUnplaced: (V.np || []).length,
      /** Whether unit k of a kind ("village", "commune") has a place of its own: a village listed from the records
       * without one has none (no marker; a search fits its commune). */
      hasPlace: function (kind, k) { return kind !== "village" || !unplaced[k]; },
      /** The zoom a view of unit k of a kind is fitted to: a village 15; a commune, and a village without a place of
       * its own (fitted to its commune), 14. */
      fitZoom: function (kind, k) { return kind === "village" && !unplaced[k] ? 15 : 14; },
      villageTechs: vTechs,
      communeTechs: techs.filter(function (t) { return !t.village; }),
      anyTech: techs.find(function (t) { return t.any; }) || null,
      change: CH,
      hasChange: !!CH && techs.some(function (t) { return t.ch; }),
      firstTech: fibre >= 0 ? fibre : 0,
      hasShared: members.some(function (m) { return m.length > 1; })
    };

    M.formerDistricts = !!D.formerDistricts;
    M.F = F; M.nF = nF; M.fC = fC; M.fD = fD; M.vF = vF;
    /** Are the page's former communes rows that count (2024 rows in 2025 units), not only names (D.formerNames)? */
    M.formersCounted = counted;
    /** Do the page's villages name their former commune (2024 rows in 2025 units, or 2025-07 rows with a "Xã cũ")? */
    M.villageFormers = counted || !!(F && V.f !== undefined);
    /** The former communes (indices in M.F) that went into commune c, by code. */
    M.formersOf = function (c) {
      var out = [];
      for (var j = fStart[c]; j < fStart[c + 1]; j++) out.push(j);
      return out;
    };
    /** Is former commune j in commune c (c >= 0), else in former district d (its own, or its commune's when the page has
     * its name only; -1: every district)? */
    M.formerIn = function (j, d, c) {
      if (c >= 0) return fC[j] === c;
      return counted ? districtIn(fD[j], d) : M.communeInDistrict(fC[j], d); // names only: where its commune is
    };
    /** A commune technology's rows per former commune ({s, t, src, note}), or null. */
    function formerRows(t) { return t && t.former && t.former.rows; }
    M.formerRows = formerRows;
    /** Is commune c in district d (a 2025 commune: in one of its former districts)? */
    M.communeInDistrict = function (c, d) {
      return districtIn(cD[c], d) || (cX !== null && cX[c].some(function (x) { return districtIn(x, d); }));
    };
    /**
     * Is unit k of technology t in district d (-1 = every district) and, with c >= 0, in commune c (the
     * commune filter narrows further, as the district one does)?
     */
    M.inDistrict = function (t, k, d, c) {
      if (c >= 0) return (t.village ? vC[k] : k) === c;
      if (d < 0) return true;
      // a village of a former commune: that one's district
      if (cX === null || (t.village && (counted || vOwn[k]))) return districtIn(t.dist[k], d);
      var own = t.village ? vC[k] : k;
      return own >= 0 && M.communeInDistrict(own, d);
    };
    M.unitInDistrict = function (u, d, c) {
      if (c >= 0) return cU[c] === u;
      return d < 0 || (cX === null ? districtIn(uD[u], d) : members[u].some(function (c) { return M.communeInDistrict(c, d); }));
    };
    /** Units of t per status code in district d; a commune technology counted in former communes (2025 units) counts those. */
    M.counts = function (t, d, cc) {
      var c = new Array(NS).fill(0), by = t.former && t.former.by, rows = formerRows(t), k, s;
      if (rows) { // each former commune where it was: a former district counts its own (as summary.csv does)
        for (k = 0; k < nF; k++) if (rows.s[k] >= 0 && M.formerIn(k, d, cc)) c[rows.s[k]]++;
        return c;
      }
      for (k = 0; k < t.n; k++) {
        s = t.s[k];
        if (s < 0 || !M.inDistrict(t, k, d, cc)) continue;
        if (by) for (s = 0; s < NS; s++) c[s] += by[s][k];
        else c[s]++;
      }
      return c;
    };
    /** Does the page count technology t in former communes (2025 units drawn from 2024 rows)? */
    M.countsFormer = function (t) { return !!(t && t.former && t.former.by); };
    /** What is drawn of unit k of t (dxmap.drawnAs bits) for the statuses and changes ticked. */
    var draws = dxmap.changeDraws(CH && CH.style), has = dxmap.CHANGES.map(function () { return false; });
    M.drawnAs = function (t, k, show, showChange) {
      if (!t.ch) return dxmap.drawnAs(t.s[k], -1, show, null, null);
      if (!t.chBy) return dxmap.drawnAs(t.s[k], t.ch[k], show, showChange, draws);
      // a merged commune: drawn from its former communes' changes (still missing 1, fixed 2: the gap marker and the ring)
      for (var ci = 0; ci < has.length; ci++) has[ci] = t.chBy[ci][k] > 0;
      return dxmap.drawnBy(t.s[k], has, show, showChange, draws);
    };
    /** The changes unit k of t has, as indices in dxmap.CHANGES: one, or for a merged commune each of its former communes'. */
    M.changesOf = function (t, k) {
      if (!t.ch || t.ch[k] < 0) return [];
      if (!t.chBy) return [t.ch[k]];
      return dxmap.CHANGES.map(function (_, ci) { return ci; }).filter(function (ci) { return t.chBy[ci][k] > 0; });
    };
    /** Units of t drawn (statuses and changes ticked) in district d, in data order. */
    M.shownUnits = function (t, show, d, c, showChange) {
      var out = [];
      for (var k = 0; k < t.n; k++) if (M.drawnAs(t, k, show, showChange) && M.inDistrict(t, k, d, c)) out.push(k);
      return out;
    };
    /** Units of t per change (dxmap.CHANGES) in district d (and commune c); null without change data. */
    M.changeCounts = function (t, d, c) {
      if (!t || !t.ch) return null;
      if (t.chF) return dxmap.formerChangeCounts(t.chF, function (j) { return M.formerIn(j, d, c); });
      var out = dxmap.noChanges(), by = t.chBy || null, ci;
      for (var k = 0; k < t.n; k++) {
        if (t.ch[k] < 0 || !M.inDistrict(t, k, d, c)) continue;
        if (by) for (ci = 0; ci < out.length; ci++) out[ci] += by[ci][k]; else out[t.ch[k]]++;
      }
      return out;
    };
    /**
     * Did some unit of t in district d (and commune c) have a record at the earlier date? Where none did, the counts
     * of the kinds that need the earlier picture (dxmap.needsThen) are no data, as the summary says (QA63 4). A merged
     * commune's former communes count each; a page made before it was sent says yes, as it counted then.
     */
    M.knownThen = function (t, d, c) {
      if (!t || !t.ch) return false;
      var k;
      if (t.chF && t.thenF) {
        for (k = 0; k < nF; k++) if (t.thenF[k] > 0 && M.formerIn(k, d, c)) return true;
        return false;
      }
      if (t.chBy && t.thenBy) {
        for (k = 0; k < t.n; k++) if (t.thenBy[k] > 0 && M.inDistrict(t, k, d, c)) return true;
        return false;
      }
      if (t.chBy) return true;
      return dxmap.knownThen(t.p, t.n, function (k) { return t.s[k] >= 0 && M.inDistrict(t, k, d, c); });
    };
    /** Per kind of change (dxmap.CHANGES), whether the page has it (dxmap.changesListed); null without change data. */
    M.changesListed = function () {
      if (!M.hasChange) return null;
      var counts = dxmap.noChanges();
      M.techs.forEach(function (t) {
        (M.changeCounts(t, -1, -1) || []).forEach(function (n, ci) { counts[ci] += n; });
      });
      return dxmap.changesListed(counts);
    };
    /** Units of t's level present only in the earlier data (with a status for t then), in district d (and commune c). */
    M.goneCount = function (t, d, c) {
      var G = CH && CH.gone, n = 0;
      // "any gap": a village with an earlier status for any of the village technologies
      var prevs = G ? (t.any ? vTechs : [t]).map(function (q) { return G.prev[q.key]; }).filter(Boolean) : [];
      if (!prevs.length) return 0;
      for (var g = 0; g < G.id.length; g++) {
        if (G.level[g] !== t.level || prevs.every(function (p) { return p.charAt(g) === "-"; })) continue;
        var gc = G.c[g];
        if (c >= 0 ? gc === c : d < 0 || (gc >= 0 && M.communeInDistrict(gc, d))) n++;
      }
      return n;
    };
    /** The names of the village technologies village k lacks (the "any gap" view says which). */
    M.missingAt = function (k) {
      return dxmap.missingAt(vTechs, k).map(function (key) { return dxmap.shortName(T, key); });
    };
    /** Communes with a gap in district d (and commune c): lacking a commune technology, or holding a village lacking a village one. */
    M.gapCommunes = function (d, only) {
      var gap = new Uint8Array(nC), n = 0, k, c;
      techs.forEach(function (t) {
        if (t.any) return;
        var rows = formerRows(t); // a former commune lacking it: its commune has a gap where that one was
        if (rows) { for (k = 0; k < nF; k++) if (rows.s[k] === 0 && M.formerIn(k, d, only)) gap[fC[k]] = 1; return; }
        for (k = 0; k < t.n; k++) {
          if (t.s[k] !== 0 || !M.inDistrict(t, k, d, only)) continue; // a merged commune's code is none when one of its former communes lacks it
          c = t.village ? vC[k] : k;
          if (c >= 0) gap[c] = 1;
        }
      });
      for (c = 0; c < nC; c++) n += gap[c];
      return n;
    };
    /**
     * People living in the villages of village technology t whose status is none, in district d (-1:
     * all) or, with u >= 0, in map unit u: {people, unknown} (villages without a number count as 0
     * and are counted in `unknown`); null when the page has no population (V.pop) or t is a commune one.
     */
    M.people = function (t, d, u, c) {
      if (!V.pop || !t || !t.village) return null;
      var people = 0, unknown = 0;
      for (var k = 0; k < t.n; k++) {
        if (t.s[k] !== 0 || !M.inDistrict(t, k, d, c)) continue;
        if (u >= 0 && (vC[k] < 0 || cU[vC[k]] !== u)) continue;
        if (V.pop[k] === null || V.pop[k] === undefined) unknown++;
        else people += V.pop[k];
      }
      return { people: people, unknown: unknown };
    };
    /** {k, n, gap} for commune c of commune technology t when it holds several former communes, else null. */
    M.former = function (t, c) {
      if (!t || t.village || !t.former || t.former.n[c] < 2) return null;
      return { c: c, k: t.former.k[c], n: t.former.n[c], gap: D.strings[t.former.gap[c]] || "" };
    };
    /** Is some former commune of a commune of map unit u without commune technology t? */
    M.formerGapUnit = function (t, u) {
      return members[u].some(function (c) { var f = M.former(t, c); return f !== null && f.k > 0; });
    };
    /**
     * Former communes of commune technology t in district d (-1: all), how many of them lack it and how many
     * have no known status, {k, n, u}, as summary.json counts them (a commune of one former commune counts 1 of 1); null
     * when t's communes carry no former counts (pages in units that were not merged).
     */
    M.formerTotals = function (t, d, only) {
      if (!t || t.village || !t.former) return null;
      var k = 0, n = 0, u = 0, unknown = t.former.by ? t.former.by[S.indexOf("unknown")] : null, rows = formerRows(t);
      if (rows) {
        for (var j = 0; j < nF; j++) {
          if (rows.s[j] < 0 || !M.formerIn(j, d, only)) continue;
          n++;
          if (rows.s[j] === 0) k++;
          if (S[rows.s[j]] === "unknown") u++;
        }
        return { k: k, n: n, u: u };
      }
      for (var c = 0; c < t.n; c++) {
        if (t.s[c] < 0 || !M.inDistrict(t, c, d, only)) continue;
        k += t.former.k[c]; n += t.former.n[c];
        u += unknown ? unknown[c] : S[t.s[c]] === "unknown" ? t.former.n[c] : 0;
      }
      return { k: k, n: n, u: u };
    };
    /** The districts (indices) of unit k of technology t: a 2025 commune's own former district first, then the
     * others it spans (Lào Cai, Bát Xát for Cốc San); a village's, its own, or its commune's where it counts in
     * them. */
    M.districtsOf = function (t, k) {
      var own = t.dist[k] >= 0 ? [t.dist[k]] : [];
      var c = !t.village ? k : counted || vOwn[k] ? -1 : vC[k];
      if (cX === null || c < 0) return own;
      return own.concat(cX[c].filter(function (d) { return d !== t.dist[k]; }));
    };
    /** New communes (2025 units) in former district (or province) d that lie only partly in it (they span other
     * former districts, outside it, too). */
    M.partlyIn = function (d) {
      if (cX === null || d < 0) return 0;
      var n = 0;
      for (var c = 0; c < nC; c++) {
        if (M.communeInDistrict(c, d) && !(districtIn(cD[c], d) && cX[c].every(function (x) { return districtIn(x, d); }))) n++;
      }
      return n;
    };
    /** The reason commune c's outline is approximate, or "" (C.approx: string indices, 0 = exact). */
    M.approxReason = function (c) { return C.approx ? D.strings[C.approx[c]] || "" : ""; };
    var unitTypes = C.ty === undefined ? null : dxmap.ints(C.ty, nC);
    /** Commune c as its card names its kind: the layer's unit type ("Phường", "Thị trấn") on Vietnamese pages that
     * have it, else "Xã/phường" (T.commune_label). */
    M.communeKind = function (c) { return (unitTypes && D.strings[unitTypes[c]]) || T.commune_label; };
    /** Commune c with its kind, as a title names it: "Xã Y Tý" where the layer gives the kind, "Y Tý" where it does not
     * (not "Xã/phường Y Tý"), and the name alone when it starts with its unit word ("Xã Đức Hải 13", not "Xã Xã …"). */
    M.communeTitle = function (c) {
      var kind = M.communeKind(c), name = C.name[c];
      return kind === T.commune_label || dxmap.hasUnitWord(name) ? name : kind + " " + name;
    };
    M.unitApprox = function (u) { return members[u].some(function (c) { return C.approx && C.approx[c] > 0; }); };
    M.hasApprox = !!C.approx && C.approx.some(function (v) { return v > 0; });
    M.communeOf = function (t, k) { return t.village ? vC[k] : k; };
    M.nameOf = function (t, k) { return t.village ? V.name[k] : C.name[k]; };
    M.districtIndex = function (code) { return DI.code.indexOf(code); };
    M.districtIn = districtIn;
    M.P = PR; M.nP = nP; M.dP = dP;
    /** Is place d a province (the page has several: d - nD is its index in D.provinces)? */
    M.isProvince = function (d) { return PR !== null && d >= nD && d < nD + nP; };
    /** The place index of a province by code ("15"), -1 when the page has no such province. */
    M.provinceIndex = function (code) { var p = PR ? PR.code.indexOf(code) : -1; return p < 0 ? -1 : nD + p; };
    /** The districts of place d (every one for d < 0), in data order. */
    M.districtsIn = function (d) {
      var out = [];
      for (var k = 0; k < nD; k++) if (districtIn(k, d)) out.push(k);
      return out;
    };
    /** "Tỉnh Yên Bái", "Tỉnh cũ Yên Bái" on 2025 pages ("Yên Bái province", "Yên Bái (former province)"). */
    function provinceTitle(p) { return dxmap.fmt(PR.former ? T.map_former_province : T.map_province, { name: PR.name[p] }); }
    /** "Cả tỉnh Yên Bái", "Toàn bộ tỉnh cũ Yên Bái": the filter's choice of a whole province. */
    M.provinceAll = function (p) { return dxmap.fmt(PR.former ? T.map_former_province_all : T.map_province_all, { name: PR.name[p] }); };
    M.communeIndex = function (code) { return C.code.indexOf(code); };
    /**
     * The place and commune the view of an address names (dxmap.hashToView): {d, c, dropped}. A province (p=) holds its
     * districts: a district of it (d=) is chosen within it ("#p=15&d=136": Văn Yên). A code the page does not know
     * ("p=99", "p=yenbai"), a district outside the province chosen or a commune outside the place is left out, and
     * `dropped` says the address named one (the page writes it again without). home: the place when none is named
     * ("d=all": every district).
     */
    M.viewPlace = function (v, home) {
      var dropped = false, p = v.province ? M.provinceIndex(v.province) : -1;
      var k = v.district && v.district !== "all" ? M.districtIndex(v.district) : -1, d;
      if (v.province && p < 0) dropped = true;
      if (p >= 0) {
        d = k >= 0 && districtIn(k, p) ? k : p;
        if (v.district && d === p) dropped = true;
      } else {
        d = v.district ? k : home;
        if (v.district && v.district !== "all" && k < 0) dropped = true;
      }
      if (M.communesPlace && d !== home) { d = home; dropped = true; } // a page of a few communes has no other place
      var c = v.commune ? M.communeIndex(v.commune) : -1;
      if (c >= 0 && !M.communeInDistrict(c, d)) c = -1; // a commune outside the place chosen: the place alone
      if (v.commune && c < 0) dropped = true;
      return { d: d, c: c, dropped: dropped };
    };
    var byName = new Intl.Collator(D.lang === "en" ? "en" : "vi", { numeric: true, sensitivity: "base" }); // natural: "Phường 2" before "Phường 10"
    /** The communes of district d (a former district on 2025 pages; every commune for d < 0), by name. */
    M.communesOf = function (d) {
      var out = [];
      for (var c = 0; c < nC; c++) if (M.communeInDistrict(c, d)) out.push(c);
      return out.sort(function (a, b) { return byName.compare(C.name[a], C.name[b]) || a - b; });
    };
    /** The names a list of communes shows: a name two of them share gets its district, "Thanh Bình (Sa Pa)" (QA30). */
    M.communeNames = function (list) {
      var times = {};
      list.forEach(function (c) { times[C.name[c]] = (times[C.name[c]] || 0) + 1; });
      return list.map(function (c) { return times[C.name[c]] > 1 && cD[c] >= 0 ? C.name[c] + " (" + DI.name[cD[c]] + ")" : C.name[c]; });
    };
    /** The name commune c shows in the menu of district d's communes (as M.communeNames of M.communesOf(d)), without
     * making and sorting that list: the menu holds the commune chosen alone until the reader opens it. */
    M.communeNameIn = function (c, d) {
      for (var k = 0; k < nC; k++) if (k !== c && C.name[k] === C.name[c] && M.communeInDistrict(k, d)) return M.communeNames([c, k])[0];
      return C.name[c];
    };
    /** What the page's districts are called: "Huyện", or "Huyện cũ" (former district) on 2025 pages, which have none. */
    M.districtWord = M.formerDistricts ? T.map_former_district_filter || T.district : T.district;
    /** "Huyện Bát Xát", "Thị xã Sa Pa": the district's full name when the page has it, else the district word and its
     * name, without doubling a "Huyện" the name already has. On 2025 pages a former district: "Huyện cũ Bát Xát", and a
     * former city or town as the page's list and title name it, "Yên Bái (thành phố cũ)" (DI.label; an older page
     * without it, by its own word: "Thành phố Yên Bái (cũ)"), not "Huyện cũ Yên Bái". */
    M.districtTitle = function (d) {
      if (M.isProvince(d)) return provinceTitle(d - nD);
      var full = DI.full && DI.full[d], huyen = function (name) { return dxmap.fold(name).indexOf(dxmap.fold(T.district) + " ") === 0; };
      // a former city or town as its list and the page's title name it: its legend and cards say the same
      if (DI.label && DI.label[d] !== DI.name[d]) return DI.label[d];
      if (full && M.formerDistricts && !huyen(full)) return full + " (" + T.map_former_mark + ")";
      if (full && !M.formerDistricts) return full;
      // a name that has its unit word already ("Huyện An Đức 2", "Thị xã Sa Pa") is not given one ("District Huyện …")
      return huyen(DI.name[d]) || dxmap.hasUnitWord(DI.name[d]) ? DI.name[d] : M.districtWord + " " + DI.name[d];
    };
    /** What a district is: "thị xã" for Thị xã Sa Pa (the unit word of its full name), "thành phố cũ" for a former city
     * on 2025 pages, "huyện cũ" for a former district without a full name, else "huyện". */
    M.districtKind = function (d) {
      var full = DI.full ? DI.full[d] : "", name = DI.name[d], former = M.formerDistricts ? " " + T.map_former_mark : "";
      if (full && full.length > name.length && full.slice(-name.length) === name) return full.slice(0, -name.length).trim().toLowerCase() + former;
      return M.formerDistricts ? M.districtWord.toLowerCase() : T.map_kind_district;
    };
    /** Does a 2025 page show one former district alone (built for it, or chosen: `chosen`)? Its name is then not drawn
     * over the map: the title and legend say it, and a bold "Bảo Yên" over Thượng Hà and Xuân Hòa read as the commune
     * Xã Bảo Yên (QA71 C9). */
    M.oneFormerDistrict = function (chosen) {
      return !!M.formerDistricts && (nD === 1 || (chosen >= 0 && !M.isProvince(chosen)));
    };
    /** A district's name as the page lists it, in its menu, its table and its CSV alike: a former city or town as the
     * tables name it, "Lào Cai (thành phố cũ)", "Lào Cai (former city)" (DI.label, made with them, QA66 F9). */
    M.districtLabel = function (d) { return DI.label ? DI.label[d] : DI.name[d]; };
    /** A commune layer that names no district (one group, without a code): no district to choose, name or draw. */
    M.noDistricts = nD === 1 && !DI.code[0];
    /** A page cut to a few communes (--commune): the place its title names, "Xã Y Tý, Xã A Mú Sung"; its counts are
     * theirs, so it names them, not their district, and offers no district to choose. "" for other pages. */
    M.communesPlace = D.communesPlace || "";
    /** A page built for one district (--district) has nothing else to choose: it names it instead of "all districts";
     * a page without districts names nothing. */
    M.allLabel = function () {
      if (M.communesPlace) return M.communesPlace;
      if (M.noDistricts) return "";
      return nD === 1 ? M.districtTitle(0) : M.formerDistricts ? T.map_all_former_districts || T.all_districts : T.all_districts;
    };
    /** The place d as the counts of it are headed: a district's title, else (every district) M.allLabel. */
    M.placeLabel = function (d) { return d < 0 || M.communesPlace ? M.allLabel() : M.districtTitle(d); };
    M.unitName = function (u) { return members[u].length === 1 ? C.name[members[u][0]] : dxmap.fmt(T.map_shared_short, { n: members[u].length }); };
    /** Has map unit u no village data for village technology t: no village in the village layer, or all of
     * unknown status? Its fill must not read as "no village without it" (the printed report hatches it too). */
    M.unitWithoutData = function (t, u) {
      var all = 0;
      for (var s = 0; s < NS; s++) all += t.unitCounts[u * NS + s];
      return t.unitCounts[u * NS + S.indexOf("unknown")] === all;
    };
    /** The fill of a commune with n villages lacking a technology (the bins of GAP_BINS). */
    M.binColour = function (n) {
      for (var b = 0; b < D.bins.length; b++) if (n >= D.bins[b][0] && n <= D.bins[b][1]) return D.bins[b][2];
      return D.bins[D.bins.length - 1][2];
    };
    /** Villages of commune c whose status for village technology t is code s (default 0, none), by name. */
    M.villagesWith = function (c, t, s) {
      var code = s === undefined ? 0 : s, out = [];
      for (var k = 0; k < t.n; k++) if (vC[k] === c && t.s[k] === code) out.push(k);
      return out.sort(function (a, b) { return V.name[a] < V.name[b] ? -1 : V.name[a] > V.name[b] ? 1 : a - b; });
    };
    /** [west, south, east, north] of district d's bounding box in degrees; every district's for d < 0, a province's districts'. */
    M.districtBox = function (d) {
      var list = d < 0 ? DI.bbox : d >= nD ? M.districtsIn(d).map(function (k) { return DI.bbox[k]; }) : [DI.bbox[d]];
      if (!list.length) return null;
      var b = list.reduce(function (a, q) {
        return [Math.min(a[0], q[0]), Math.min(a[1], q[1]), Math.max(a[2], q[2]), Math.max(a[3], q[3])];
      });
      return [b[0] / scale, b[1] / scale, b[2] / scale, b[3] / scale];
    };
    return M;
  };
})();

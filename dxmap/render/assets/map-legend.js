/*! dxmap gap map page: the legend. What each symbol and fill means and how many units it covers, per technology. */
(function () {
  "use strict";
  var dxmap = (globalThis.dxmap = globalThis.dxmap || {});

  /** "#D55E00" with alpha a as an rgba() colour. */
  function rgba(hex, a) {
    var n = parseInt(hex.slice(1), 16);
    return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + a + ")";
  }

  /** Are there no units at all in counts (per status): a technology without data in the place chosen? */
  /** Words for technology q where it has no unit at all (a former province without its sheet): not a row of zeros. */
  dxmap.noDataText = function (T, q) { return T["map_nodata_" + q.key] || T.map_nodata_any; };
  dxmap.noUnits = function (counts) {
    for (var i = 0; i < counts.length; i++) if (counts[i]) return false;
    return true;
  };
  /**
   * Has no unit a known status in counts (per status; `unknown` the index of "unknown")? Then no change can be told
   * there: its change counts read "–", not "Vẫn chưa có 0", read as no gap where nothing is known (QA62 9: former Yên
   * Bái, all of whose 168 former communes have no LAN record).
   */
  dxmap.noKnownStatus = function (counts, unknown) {
    for (var i = 0; i < counts.length; i++) if (i !== unknown && counts[i]) return false;
    return true;
  };
  /** A count as the legend writes it: "–" where there is no data (nodata), else the number in the page's language. */
  dxmap.countText = function (n, nodata, lang) { return nodata ? "–" : dxmap.formatNumber(n || 0, lang); };

  /**
   * The legend box: a table of counts (status × technology) whose ticks choose the statuses shown,
   * the share lacking the technology shown, and what the fills and lines mean. On a narrow screen
   * only its first line shows (the counts of the technology shown), a button that opens the rest.
   */
  dxmap.legend = function (P) {
    var M = P.model, D = P.data, T = P.T, S = M.S, state = P.state, el = dxmap.el, lang = P.lang, id = P.id;
    var title = el("div", { className: "dxmap-legend-title" });
    var headline = el("p", { className: "dxmap-headline" });
    var countCells = [], headCells = [], totalCells = [];
    var headRow = el("tr", {}, [el("td", {})]);
    M.techs.forEach(function (t, ti) {
      headCells[ti] = el("th", { scope: "col", "data-tech": t.key, text: dxmap.shortName(T, t.key), title: T[t.key] });
      headRow.appendChild(headCells[ti]);
    });
    var body = el("tbody");
    // On paper the tick boxes are gone: a row not ticked is printed muted, without its symbol and saying it is not
    // drawn (QA62 8: "● Đã có 1.472" was printed beside a map with no green dot). Off screen only (dxmap-map.css).
    var statusRows = [], changeRows = [];
    function offWord() { return el("span", { className: "dxmap-off-word", text: " — " + T.map_not_drawn }); }
    S.forEach(function (s, si) {
      var box = el("input", { type: "checkbox", id: id + "-show-" + s, checked: state.show[si], "aria-label": dxmap.fmt(T.map_show_status, { status: T[s] }),
        change: function () { P.view.setShown(si, box.checked); } });
      var row = el("tr", {}, [el("th", { scope: "row" }, [
        el("label", { for: id + "-show-" + s, className: "dxmap-check" },
          [box, P.cards.swatch(si), " " + T[s], offWord()])])]);
      statusRows[si] = row;
      M.techs.forEach(function (t, ti) {
        var td = el("td", { className: "dxmap-num", "data-tech": t.key, "data-status": s, text: "0" });
        countCells.push([ti, si, td]);
        row.appendChild(td);
      });
      body.appendChild(row);
    });
    body.appendChild(el("tr", { className: "dxmap-units" }, [el("td", {})].concat(M.techs.map(function (t, ti) {
      totalCells[ti] = el("td", { "data-total": t.key });
      return totalCells[ti];
    }))));
    // The change since an earlier date (--compare): more rows of the same table, counted the same way.
    var changeCells = [], goneLine = null;
    if (M.hasChange) {
      body.appendChild(el("tr", { className: "dxmap-change-head" }, [el("th", { scope: "colgroup", colspan: M.techs.length + 1, text: M.change.title })]));
      var listed = M.changesListed(); // the whole page's kinds (dxmap.changesListed)
      dxmap.CHANGES.forEach(function (kind, ci) {
        if (!listed[ci]) return;
        var box = el("input", { type: "checkbox", id: id + "-change-" + kind, checked: state.showChange[ci],
          "aria-label": dxmap.fmt(T.map_show_status, { status: T["chg_" + kind] }), change: function () { P.view.setChangeShown(ci, box.checked); } });
        var row = el("tr", { className: "dxmap-change-row", "data-change": kind }, [el("th", { scope: "row" }, [
          el("label", { for: id + "-change-" + kind, className: "dxmap-check" },
            [box, dxmap.changeSvg(kind, D, 16), " " + T["chg_" + kind], offWord()])])]);
        changeRows[ci] = row;
        M.techs.forEach(function (t, ti) {
          var td = el("td", { className: "dxmap-num", "data-tech": t.key, "data-change": kind, text: t.ch ? "0" : "–" });
          if (t.ch) changeCells.push([ti, ci, td]);
          row.appendChild(td);
        });
        body.appendChild(row);
      });
      goneLine = el("p", { className: "dxmap-note dxmap-gone", hidden: true });
    }
    var partlyLine = M.formerDistricts ? el("p", { className: "dxmap-note dxmap-partly", hidden: true }) : null;
    var fillKey = el("div", { className: "dxmap-fillkey" });
    // villages without a location (a list made from the records): how many of those shown, said under the keys
    var unplacedLine = M.nUnplaced ? el("p", { className: "dxmap-note dxmap-unplaced" }) : null;
    // markers drawn reduced where they are crowded (dxmap.crowded): said under the counts, and on a phone's line
    var reducedLine = el("p", { className: "dxmap-note dxmap-reduced", hidden: true });
    var reducedSum = el("span", { className: "dxmap-sum-reduced", hidden: true });
    var sharedKey = M.hasShared ? el("div", { className: "dxmap-linekey", "data-line": "shared" }, [el("span", { className: "dxmap-line dxmap-dashed" }), " " + T.map_shared_line]) : null;
    var approxKey = M.hasApprox ? el("div", { className: "dxmap-linekey", "data-line": "approx" }, [el("span", { className: "dxmap-line dxmap-dotted" }), " " + T.map_approx_line]) : null;
    var districtKey = M.noDistricts ? null : el("div", { className: "dxmap-linekey", "data-line": "districts" },
      [el("span", { className: "dxmap-line" }), " " + (M.formerDistricts ? T.map_former_district_line : T.districts)]);
    // the district outlines keyed while they are drawn: switched off in the layer box, their line went on being keyed
    // on screen and on paper (QA62 14)
    if (districtKey) {
      P.map.on("layeradd layerremove", function (e) {
        if (e.layer === P.layers.districts) districtKey.hidden = !P.map.hasLayer(P.layers.districts);
      });
      districtKey.hidden = !P.map.hasLayer(P.layers.districts);
    }
    var bodyBox = el("div", { id: id + "-legend-body", className: "dxmap-legend-body" }, [
      title, headline, partlyLine,
      el("table", { className: "dxmap-legend-table" }, [el("thead", {}, [headRow]), body]),
      reducedLine,
      goneLine,
      fillKey,
      districtKey,
      sharedKey,
      unplacedLine,
      approxKey,
      D.simplified ? el("div", { className: "dxmap-simplified", text: dxmap.fmt(T.map_simplified, { m: dxmap.formatNumber(D.simplified, lang) }) }) : null]);
    // The one-line summary a phone shows: the counts of the technology shown; it opens the whole legend.
    var summary = el("span", { className: "dxmap-legend-sum" });
    var toggle = el("button", { type: "button", className: "dxmap-legend-toggle", "aria-expanded": "false", "aria-controls": bodyBox.id,
      click: function () { setOpen(toggle.getAttribute("aria-expanded") !== "true"); } },
      [el("span", { className: "dxmap-legend-word", text: T.legend }), summary, el("span", { className: "dxmap-caret", "aria-hidden": "true" })]);
    var box = el("div", { className: "dxmap-legend", role: "region", "aria-label": T.legend }, [toggle, bodyBox]);

    function setOpen(open) {
      toggle.setAttribute("aria-expanded", String(open));
      box.classList.toggle("dxmap-legend-open", open);
      if (P.layout) P.layout.changed("legend");
    }

    /** The commune chosen, first on the phone's line: its bar names the district only, whose counts these are not. */
    function summaryPlace() {
      if (state.commune >= 0) summary.appendChild(el("span", { className: "dxmap-sum-place", text: M.communeNameIn(state.commune, state.district) }));
    }
    function noDataText(q) { return dxmap.noDataText(T, q); }
    /** Words for a change count where no unit had a record at the earlier date: "–" is no data then, not none. */
    function noThenText() { return dxmap.fmt(T.map_change_nothen, { date: dxmap.formatDate(M.change.since, lang) }); }
    /** The dashed (shared) and dotted (approximate) outlines keyed only where the place chosen shows one. */
    function lineKeys() {
      var shared = false, approx = false;
      for (var u = 0; u < M.nU && (sharedKey || approxKey) && !(shared && approx); u++) {
        if (!M.unitInDistrict(u, state.district, state.commune)) continue;
        shared = shared || M.members[u].length > 1;
        approx = approx || (!!approxKey && M.unitApprox(u));
      }
      if (sharedKey) sharedKey.hidden = !shared;
      if (approxKey) approxKey.hidden = !approx;
    }
    function update() {
      var t = M.techs[state.tech], all = M.techs.map(function (q) { return M.counts(q, state.district, state.commune); });
      var none = all.map(dxmap.noUnits), unknown = S.indexOf("unknown");
      var unknowable = all.map(function (c) { return dxmap.noKnownStatus(c, unknown); });
      // the place as the printed title and the PNG name it: "Xã A Lù, huyện Bát Xát", not "A Lù" without its district
      var place = P.placeTitle() || M.allLabel();
      title.textContent = place ? T.legend + " — " + place : T.legend;
      countCells.forEach(function (x) {
        // where nothing is known, only the unknown row has a count: "Chưa có 0" read as no gap (QA63 5)
        var blank = none[x[0]] || (unknowable[x[0]] && x[1] !== unknown);
        x[2].textContent = blank ? "–" : dxmap.formatNumber(all[x[0]][x[1]], lang);
        x[2].title = blank ? noDataText(M.techs[x[0]]) : "";
        x[2].classList.toggle("dxmap-active", x[0] === state.tech);
      });
      headCells.forEach(function (h, ti) { h.classList.toggle("dxmap-active", ti === state.tech); });
      statusRows.forEach(function (row, si) { row.classList.toggle("dxmap-row-off", !state.show[si]); });
      changeRows.forEach(function (row, ci) { if (row) row.classList.toggle("dxmap-row-off", !state.showChange[ci]); });
      totalCells.forEach(function (td, ti) {
        var total = all[ti].reduce(function (a, b) { return a + b; }, 0), q = M.techs[ti];
        td.title = none[ti] ? noDataText(q) : "";
        if (none[ti]) { td.textContent = "–"; return; }
        td.textContent = dxmap.formatNumber(total, lang); // the unit word below the number: the column stays as narrow as its counts
        td.appendChild(el("br"));
        var word = dxmap.countWord(M.countsFormer(q) ? [T.former_commune, T.map_former_communes] : P.units(q), total);
        word.split("/").forEach(function (part, i) { // "thôn/bản" may break after its slash on a phone
          if (i) { td.appendChild(document.createTextNode("/")); td.appendChild(el("wbr")); }
          td.appendChild(document.createTextNode(part));
        });
      });
      var changes = M.techs.map(function (q) { return M.changeCounts(q, state.district, state.commune); });
      // no unit here had a record then: still, newly missing and fixed are no data, as the summary says (QA63 4)
      var noThen = M.techs.map(function (q) { return !!q.ch && !M.knownThen(q, state.district, state.commune); });
      changeCells.forEach(function (x) {
        var then = noThen[x[0]] && dxmap.needsThen(dxmap.CHANGES[x[1]]);
        x[2].textContent = dxmap.countText(changes[x[0]][x[1]], unknowable[x[0]] || then, lang);
        x[2].title = unknowable[x[0]] ? noDataText(M.techs[x[0]]) : then ? noThenText() : "";
        x[2].classList.toggle("dxmap-active", x[0] === state.tech);
      });
      lineKeys();
      if (unplacedLine) {
        var vt = M.villageTechs[0], n = 0;
        for (var k = 0; vt && k < M.nV; k++) if (!M.hasPlace("village", k) && M.inDistrict(vt, k, state.district, state.commune)) n++;
        unplacedLine.hidden = !n;
        unplacedLine.textContent = dxmap.fmt(T.map_unplaced, { n: dxmap.formatNumber(n, lang) });
      }
      summary.textContent = "";
      fillKey.textContent = "";
      headline.textContent = "";
      if (!t) return all;
      var c = all[state.tech];
      if (none[state.tech]) { // no unit of it here: say so in words, on the phone's line and above the table
        var words = noDataText(t);
        headline.appendChild(el("span", { className: "dxmap-nodata", text: words.charAt(0).toUpperCase() + words.slice(1) }));
        summaryPlace();
        summary.appendChild(el("span", { className: "dxmap-sum-tech", text: dxmap.shortName(T, t.key) }));
        summary.appendChild(el("span", { className: "dxmap-sum dxmap-sum-nodata", text: words }));
        if (partlyLine) partlyLine.hidden = true;
        if (goneLine) goneLine.hidden = true;
        summary.appendChild(reducedSum);
        showFillKey(t);
        return all;
      }
      var former = M.formerTotals(t, state.district, state.commune); // 2025 units: counted in former communes, as summary.json
      var people = P.gapPeople(t, state.district, -1, state.commune);
      // the share, then the people in the gap villages it counts ("…(3,6%), dân số ~19.700"), then the units without data
      var nc = t.any ? M.gapCommunes(state.district, state.commune) : 0, parts = P.shareParts(t, c, t.any ? null : former, nc);
      if (t.any) { // "any gap": villages lacking at least one village technology, and communes with a gap
        headline.appendChild(el("span", { className: "dxmap-any", "data-villages": String(c[0]), "data-communes": String(nc), title: P.word("map_any_note"),
          text: parts[0] }));
      } else {
        headline.appendChild(document.createTextNode(former ? parts[0] : T[t.key] + ": " + parts[0]));
      }
      if (people) headline.appendChild(el("span", { className: "dxmap-people", title: P.word("map_people_note"), text: ", " + P.gapPeopleText(people) }));
      if (parts[1]) headline.appendChild(document.createTextNode(parts[1]));
      if (partlyLine) { // a former district (2025 units) holds the new communes wholly or partly in it: the files count less
        var partly = state.commune < 0 && state.district >= 0 ? M.partlyIn(state.district) : 0;
        partlyLine.hidden = !partly;
        partlyLine.setAttribute("data-partly", String(partly));
        partlyLine.textContent = partly ? dxmap.fmt(T.map_former_partly, { n: dxmap.formatNumber(partly, lang) }) : "";
      }
      if (goneLine) {
        var gone = M.goneCount(t, state.district, state.commune);
        goneLine.hidden = !gone;
        goneLine.textContent = gone ? dxmap.fmt(P.word("map_change_gone"), { n: dxmap.formatNumber(gone, lang), units: dxmap.countWord(P.units(t), gone),
          date: dxmap.formatDate(M.change.since, lang) }) : "";
      }
      summaryPlace();
      summary.appendChild(el("span", { className: "dxmap-sum-tech", text: dxmap.shortName(T, t.key) }));
      S.forEach(function (s, si) {
        if (state.show[si]) summary.appendChild(el("span", { className: "dxmap-sum", "data-status": s, title: T[s] }, [P.cards.swatch(si, 14), dxmap.countText(c[si], unknowable[state.tech] && si !== unknown, lang)]));
        // the people in the gap villages, beside their count: "▲ 56 (dân số ~19.700)"
        if (si === 0 && people) summary.appendChild(el("span", { className: "dxmap-people dxmap-sum-people", title: P.word("map_people_note"), text: "(" + P.gapPeopleText(people) + ")" }));
      });
      var ch = changes[state.tech], chNone = unknowable[state.tech], chThen = noThen[state.tech];
      if (ch) ["new", "first", "fixed"].forEach(function (kind) { // still missing is the gap count already shown
        var ci = dxmap.CHANGES.indexOf(kind);
        if (state.showChange[ci] && dxmap.changeListed(kind, ch[ci])) summary.appendChild(el("span", { className: "dxmap-sum dxmap-sum-change", "data-change": kind,
          title: T["chg_" + kind] + " — " + M.change.title },
          [dxmap.changeSvg(kind, D, 14), dxmap.countText(ch[ci], chNone || (chThen && dxmap.needsThen(kind)), lang)]
          // "first" is drawn as the plain gap marker: on the one line, its word tells it from the gap count beside it
          .concat(kind === "first" ? [el("span", { className: "dxmap-sum-word", text: " " + P.word("map_first_short") })] : [])));
      });
      summary.appendChild(reducedSum); // hidden unless the markers are drawn reduced (markersReduced)
      showFillKey(t);
      return all;
    }
    /** Say whether the markers of the technology shown are drawn reduced (small dots, some of them) at this zoom. */
    function markersReduced(on) {
      var t = M.techs[state.tech];
      on = !!(on && t);
      reducedLine.hidden = reducedSum.hidden = !on;
      var unit = t ? P.units(t)[0] : "";
      reducedLine.textContent = on ? dxmap.fmt(T.map_markers_reduced, { unit: unit }) : "";
      reducedSum.textContent = on ? dxmap.fmt(T.map_markers_reduced_short, { unit: unit }) : "";
      if (on) summary.appendChild(reducedSum); // last on the phone's line, after the counts update() wrote
    }
    function showFillKey(t) {
      var key = fillKeyOf(t);
      fillKey.appendChild(el("div", { text: key.title }));
      fillKey.appendChild(el("div", { className: "dxmap-bins" }, key.swatches.map(function (sw) {
        return el("span", sw.key ? { "data-fill": sw.key } : {}, [el("span", { className: "dxmap-bin", style: "background:" + sw.colour }), sw.text]);
      })));
    }

    /**
     * What the commune fills mean for technology t where the reader looks (the legend and the PNG say the same): a
     * heading and swatches {colour, text, key}. A village technology fills a commune by its villages lacking it (the
     * bins), grey where none of its villages has a record; a commune technology by the commune's status, paler.
     */
    function fillKeyOf(t) {
      if (t.village) {
        var nodata = false;
        for (var u = 0; u < M.nU && !nodata; u++) nodata = M.unitInDistrict(u, state.district, state.commune) && M.unitWithoutData(t, u);
        return { title: dxmap.fmt(T.map_fill_gaps, { tech: T[t.key] }), swatches: D.bins.map(function (b) {
          return { colour: rgba(b[2], dxmap.BIN_OPACITY), text: b[0] === b[1] ? String(b[0]) : b[1] > 999 ? b[0] + "+" : b[0] + "–" + b[1], key: null };
        }).concat(nodata ? [{ colour: rgba(D.colours[S.indexOf("unknown")], 0.5), text: T.map_fill_nodata, key: "nodata" }] : []) };
      }
      var swatches = [];
      S.forEach(function (s, si) {
        if (state.show[si]) swatches.push({ colour: rgba(D.colours[si], s === "covered" ? 0.2 : 0.5), text: T[s], key: s });
      });
      if (t.former && state.show[0]) swatches.push({ colour: rgba(dxmap.FORMER_COLOUR, 0.55), text: T.map_former_some, key: "former" });
      // a commune whose status is not ticked (covered, at first) is left white
      var rest = S.filter(function (s, si) { return !state.show[si]; }).map(function (s) { return T[s]; });
      if (rest.length) swatches.push({ colour: "#ffffff", text: rest.join(", "), key: "rest" });
      return { title: dxmap.fmt(T.map_fill_lan, { tech: T[t.key] }), swatches: swatches };
    }

    return { box: box, update: update, fillKeyOf: fillKeyOf, setOpen: setOpen, markersReduced: markersReduced,
      /** What the legend now says first, for a screen reader: "Chú giải — Huyện Bát Xát. Cáp quang: 17 trong … .
       * Đang hiện: Chưa có, …" (the statuses shown: ticking one changes no count). */
      spoken: function () {
        var shown = S.filter(function (s, si) { return state.show[si]; }).map(function (s) { return T[s]; });
        return title.textContent + ". " + headline.textContent + ". " + dxmap.fmt(T.map_shown, { statuses: shown.join(", ") || "–" });
      }, isOpen: function () { return toggle.getAttribute("aria-expanded") === "true"; } };
  };
})();

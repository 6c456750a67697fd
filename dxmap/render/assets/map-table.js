/*! dxmap gap map page: the table of the units shown, sortable, and its CSV export. A bottom sheet on a phone. */
(function () {
  "use strict";
  var dxmap = (globalThis.dxmap = globalThis.dxmap || {});

  /**
   * One cell from the records of several technologies, each {label, v} (its short name, the value in words; "" for
   * none): the value once when they all agree, else each after its label, those without one left out
   * ("Di động: Viettel · Cáp quang: VNPT"). The "any gap" view's date, source and note.
   */
  dxmap.joinByTech = function (vals) {
    if (vals.every(function (x) { return x.v === vals[0].v; })) return vals.length ? vals[0].v : "";
    return vals.filter(function (x) { return x.v; }).map(function (x) { return x.label + ": " + x.v; }).join(" · ");
  };

  /**
   * The date cell from the records of several technologies, each {label, v} (its short name, the date in words; ""
   * for none): the date once when they all agree, else each date with its technology after it, in brackets, the
   * names in lower case unless written in capitals ("30/6/2024 (di động); 31/3/2024 (cáp quang)"), so that no date
   * reads as every technology's. The "any gap" view's date.
   */
  dxmap.datesByTech = function (vals) {
    if (vals.every(function (x) { return x.v === vals[0].v; })) return vals.length ? vals[0].v : "";
    function lower(w) { return w === w.toUpperCase() ? w : w.charAt(0).toLocaleLowerCase() + w.slice(1); }
    return vals.filter(function (x) { return x.v; }).map(function (x) { return x.v + " (" + lower(x.label) + ")"; }).join("; ");
  };

  /**
   * The table shows its rows `step` at a time (the page's table_rows): after `shown` of `total`, how many rows its
   * "show more" button adds; 0 when all are shown (no button).
   */
  dxmap.moreRows = function (shown, total, step) { return Math.max(0, Math.min(step, total - shown)); };

  /** The table's words where it has no row ({no data, nothing ticked, units, statuses}): the legend's "no data here",
   * "no status chosen: tick one" when no status is ticked, else "no villages with the statuses shown (…)". */
  dxmap.emptyTableNote = function (T, q) {
    if (q.nodata) { var words = dxmap.noDataText(T, q.tech); return words.charAt(0).toUpperCase() + words.slice(1); }
    if (!q.statuses.length) return T.map_no_status;
    return dxmap.fmt(T.map_no_rows, { units: q.units, statuses: q.statuses.join(", ") });
  };

  dxmap.table = function (P) {
    var M = P.model, D = P.data, T = P.T, S = M.S, state = P.state, el = dxmap.el, lang = P.lang, id = P.id;
    var heading = el("h2", { id: id + "-table-h", className: "dxmap-table-h" });
    var note = el("p", { className: "dxmap-tablenote", "aria-live": "polite" });
    var thead = el("thead"), tbody = el("tbody");
    var table = el("table", { className: "dxmap-table", "aria-labelledby": id + "-table-h" }, [thead, tbody]);
    // rows beyond the first D.maxRows, D.maxRows at a time (QA62 6: a phone could not see the rest of a long list)
    var moreButton = el("button", { type: "button", className: "dxmap-btn dxmap-more", hidden: true,
      click: function () { showMore(); } });
    var wrap = el("div", { id: id + "-table-wrap", className: "dxmap-tablewrap" }, [table, note, moreButton]);
    var limit = D.maxRows, limitOf = null; // the rows shown, for the list of rows it was raised for
    var toggle = el("button", { type: "button", className: "dxmap-btn", "aria-controls": id + "-table-wrap", click: function () { setOpen(wrap.hidden); } });
    var csvButton = el("button", { type: "button", className: "dxmap-btn dxmap-csv", text: T.map_download_csv, click: function () { downloadCsv(); } });
    var box = el("section", { className: "dxmap-tablebox", "aria-labelledby": id + "-table-h" }, [
      el("div", { className: "dxmap-tablebar" }, [heading, csvButton, toggle]), wrap]);

    function setOpen(open) {
      wrap.hidden = !open;
      box.classList.toggle("dxmap-table-open", open);
      toggle.textContent = open ? T.map_hide_table : T.map_show_table;
      toggle.setAttribute("aria-expanded", String(open));
      if (open) update();
      if (P.layout) P.layout.changed("table");
    }

    var collator = new Intl.Collator(lang === "vi" ? "vi" : "en", { numeric: true, sensitivity: "base" }), ranks = {};
    /** Position of each name in collation order, computed once per list. */
    function rank(names, key) {
      if (!ranks[key]) {
        var idx = names.map(function (_, k) { return k; }).sort(function (a, b) { return collator.compare(names[a], names[b]); });
        var r = new Int32Array(names.length);
        idx.forEach(function (k, p) { r[k] = p; });
        ranks[key] = r;
      }
      return ranks[key];
    }
    function columns(t) {
      var cols = [{ key: "name", label: t.village ? T.village_label : T.commune_label }];
      if (t.village) cols.push({ key: "commune", label: T.commune_label });
      // 2025 pages: the former commune a village was in
      if (t.village && M.villageFormers) cols.push({ key: "former", label: T.rpt_former_commune });
      cols = cols.concat(M.noDistricts ? [] : [{ key: "district", label: M.districtWord }], [{ key: "status", label: T.status }]);
      if (t.ch) cols.push({ key: "change", label: M.change.title });
      if (t.village && M.V.pop) cols.push({ key: "people", label: P.word("map_people_col"), numeric: true });
      return cols.concat([{ key: "date", label: T.date }, { key: "source", label: T.source }, { key: "note", label: T.note }]);
    }
    /** The status of unit k of t in words: a merged commune's "2/5 xã cũ chưa có mạng LAN chuẩn", the "any gap" view's
     *  "Chưa có: Di động, Cáp quang", else the status's name. The same text in the table, its CSV, the card and the tooltip. */
    function statusText(t, k) {
      var f = M.former(t, k);
      if (f) return dxmap.formerText(T, t.key, f, S[t.s[k]]);
      if (t.any && t.s[k] === 0) return T[S[0]] + ": " + M.missingAt(k).join(", ");
      return T[S[t.s[k]]];
    }
    /** The change of unit k of t in words; a merged commune's per former commune: "Vẫn chưa có 1 · Đã có (ra khỏi danh sách) 2 (xã cũ)". */
    function changeText(t, k) {
      return changeParts(t, k).map(function (p) { return p.text; }).join(" · ") + (t.chBy && t.ch[k] >= 0 ? " (" + T.map_former_communes + ")" : "");
    }
    /** The changes of unit k of t, each {kind, text}: one, or a merged commune's each with its count of former communes. */
    function changeParts(t, k) {
      return M.changesOf(t, k).map(function (ci) {
        var kind = dxmap.CHANGES[ci];
        return { kind: kind, text: T["chg_" + kind] + (t.chBy ? " " + t.chBy[ci][k] : "") };
      });
    }
    /** changeText with each change's symbol before it (table cell, tooltip, card): the words of the CSV, the symbols of the map. */
    function changeNodes(t, k) {
      var out = [];
      changeParts(t, k).forEach(function (p, i) {
        out.push(i ? " · " : "", dxmap.changeSvg(p.kind, D, 12), " " + p.text);
      });
      if (out.length && t.chBy) out.push(" (" + T.map_former_communes + ")");
      return out;
    }
    /**
     * The date ("date", ISO), source or note of village k in the "any gap" view: the records of the technologies that
     * give the row its status (those it lacks, for "Chưa có: Di động, Cáp quang"), so a planner sees who reported the
     * gap. One value when they agree ("VNPT Lào Cai"), else each after its technology's short name, the ones without
     * it left out ("Di động: Viettel · Cáp quang: VNPT"; dates "30/6/2024 (di động); 31/3/2024 (cáp quang)"). show(v)
     * writes each value (a date in the page's words).
     */
    function anyField(t, k, key, show) {
      return (key === "date" ? dxmap.datesByTech : dxmap.joinByTech)(t.parts.filter(function (q) { return q.s[k] === t.s[k]; }).map(function (q) {
        var v = key === "date" ? D.dates[q.t[k]] : D.strings[(key === "source" ? q.src : q.note)[k]];
        return { label: dxmap.shortName(T, q.key), v: v ? show(v) : "" };
      }));
    }
    function raw(v) { return v; }
    function people(k) { var v = M.V.pop ? M.V.pop[k] : null; return v === null || v === undefined ? "" : String(v); }
    function cell(t, k, key) {
      if (key === "name") return M.nameOf(t, k);
      if (key === "commune") return M.vC[k] >= 0 ? M.C.name[M.vC[k]] : "";
      if (key === "former" || key === "formerCode") return M.vF[k] >= 0 ? (key === "former" ? M.F.name : M.F.code)[M.vF[k]] : "";
      if (key === "district" || key === "districtCode") {
        if (M.noDistricts) return ""; // the CSV keeps its columns, empty
        return M.districtsOf(t, k).map(function (d) {
          return key === "district" ? M.districtLabel(d) : M.DI.code[d];
        }).join(", ");
      }
      if (key === "status") return statusText(t, k);
      if (key === "change") return changeText(t, k);
      if (key === "people") return people(k);
      if (t.any) return anyField(t, k, key, raw); // date, source, note: those of the technologies lacking
      if (key === "date") return D.dates[t.t[k]] || "";
      if (key === "source") return D.strings[t.src[k]] || "";
      return D.strings[t.note[k]] || "";
    }
    /**
     * The row's name as a button that shows unit k on the map. The click stops here: the table is drawn anew
     * for the place chosen, and a click whose button has left the page would reach the map as a click on it.
     */
    function rowLink(t, k, v) {
      return el("button", { type: "button", className: "dxmap-link", "data-unit": String(k), "aria-label": dxmap.fmt(T.map_zoom_to, { name: v }),
        click: function (ev) {
          ev.stopPropagation();
          // on a phone one sheet at a time: the card opens on the map the table covered half of, squeezed to a strip
          if (P.layout.isCompact()) setOpen(false);
          P.view.goTo(t.kind, k, function () { return tbody.querySelector('.dxmap-link[data-unit="' + k + '"]') || toggle; });
        } }, [v]);
    }
    /** An integer per row that sorts like the column. */
    function sortValue(t, key) {
      if (key === "status") return function (k) { return t.s[k]; };
      if (key === "change") return function (k) { return t.ch[k] < 0 ? 9 : t.ch[k]; };
      if (key === "people") return function (k) { var v = M.V.pop[k]; return v === null || v === undefined ? -1 : v; };
      if (key === "district") { var rd = rank(M.DI.name, "d"); return function (k) { return t.dist[k] >= 0 ? rd[t.dist[k]] : -1; }; }
      if (key === "commune" || (key === "name" && !t.village)) {
        var rc = rank(M.C.name, "c");
        return function (k) { var c = M.communeOf(t, k); return c >= 0 ? rc[c] : -1; };
      }
      if (key === "name") { var rv = rank(M.V.name, "v"); return function (k) { return rv[k]; }; }
      if (key === "former") { var rf = rank(M.F.name, "f"); return function (k) { return M.vF[k] >= 0 ? rf[M.vF[k]] : -1; }; }
      if (t.any) { // the text of each village, ranked once per column
        var ra = rank(M.V.name.map(function (_, k) { return cell(t, k, key); }), "any-" + key);
        return function (k) { return ra[k]; };
      }
      if (key === "date") { var rt = rank(D.dates, "t"); return function (k) { return rt[t.t[k]]; }; }
      var rs = rank(D.strings, "s"), arr = key === "source" ? t.src : t.note;
      return function (k) { return rs[arr[k]]; };
    }
    /** The rows shown (units of the technology shown, statuses ticked, district chosen), sorted. */
    function rows() {
      var t = M.techs[state.tech];
      if (!t) return [];
      var out = M.shownUnits(t, state.show, state.district, state.commune, state.showChange);
      var keys = (state.sortKey ? [state.sortKey] : []).concat(["status", "district", t.village ? "commune" : "name"]);
      var fns = keys.map(function (key) { return sortValue(t, key); }), dir = state.sortDir;
      out.sort(function (a, b) {
        for (var q = 0; q < fns.length; q++) {
          var d = fns[q](a) - fns[q](b);
          if (d) return q === 0 && state.sortKey ? d * dir : d;
        }
        return a - b;
      });
      return out;
    }
    /** Refill the heading and, while the table is open, its rows (they are built only then). */
    function update() {
      var t = M.techs[state.tech], open = !wrap.hidden;
      var list = open ? rows() : null, n = open ? list.length : t ? M.shownUnits(t, state.show, state.district, state.commune, state.showChange).length : 0;
      heading.textContent = t ? dxmap.fmt(T.map_table_title, { tech: T[t.key] }) + " — " + dxmap.fmt(T.map_rows, { n: dxmap.formatNumber(n, lang) }) : "";
      heading.setAttribute("data-rows", String(n));
      thead.textContent = ""; tbody.textContent = ""; note.textContent = ""; moreButton.hidden = true;
      if (!open || !t) return n;
      // another place, technology or statuses: the first rows again (a sort keeps the number shown)
      var listed = [state.tech, state.district, state.commune, state.show.join(), String(state.showChange)].join("|");
      if (listed !== limitOf) { limit = D.maxRows; limitOf = listed; }
      var cols = columns(t);
      thead.appendChild(el("tr", {}, cols.map(function (c) {
        var sorted = state.sortKey === c.key;
        return el("th", { scope: "col", "aria-sort": sorted ? (state.sortDir > 0 ? "ascending" : "descending") : "none", "data-key": c.key }, [
          el("button", { type: "button", className: "dxmap-sortbtn", click: function () {
            state.sortDir = state.sortKey === c.key ? -state.sortDir : 1;
            state.sortKey = c.key;
            update();
            thead.querySelector('th[data-key="' + c.key + '"] button').focus(); // the header was rebuilt
          } }, [c.label, el("span", { "aria-hidden": "true", text: sorted ? (state.sortDir > 0 ? " ▲" : " ▼") : " ↕" })])]);
      })));
      var frag = document.createDocumentFragment(), max = Math.min(list.length, limit);
      for (var r = 0; r < max; r++) {
        var k = list[r];
        frag.appendChild(el("tr", { "data-status": S[t.s[k]] }, cols.map(function (c, ci) {
          var v = cell(t, k, c.key);
          if (ci === 0) return el("td", {}, [rowLink(t, k, v)]);
          if (c.key === "status") return el("td", { className: M.former(t, k) ? "dxmap-former" : null }, [P.cards.swatch(t.s[k], 12), " " + v]);
          if (c.key === "change") return el("td", { "data-change": changeParts(t, k).map(function (p) { return p.kind; }).join(" ") || null }, changeNodes(t, k));
          if (c.key === "people") return el("td", { className: "dxmap-num", text: v === "" ? "" : dxmap.formatNumber(+v, lang) });
          if (c.key === "date") return el("td", { text: t.any ? anyField(t, k, "date", function (d) { return dxmap.formatDate(d, lang); }) : dxmap.formatDate(v, lang) });
          return el("td", { text: v });
        })));
      }
      tbody.appendChild(frag);
      if (list.length > max) note.textContent = dxmap.fmt(T.map_rows_shown, { shown: dxmap.formatNumber(max, lang), total: dxmap.formatNumber(list.length, lang) });
      var more = dxmap.moreRows(max, list.length, D.maxRows);
      moreButton.hidden = !more;
      if (more) moreButton.textContent = dxmap.fmt(T.map_more_rows, { n: dxmap.formatNumber(more, lang) });
      if (!list.length) { // a sentence, not a table of headers alone; no data here, as the legend says it
        var ticked = S.filter(function (s, si) { return state.show[si]; }).map(function (s) { return T[s]; });
        note.textContent = dxmap.emptyTableNote(T, { tech: t, units: P.units(t)[1], statuses: ticked,
          nodata: dxmap.noUnits(M.counts(t, state.district, state.commune)) });
      }
      return n;
    }
    /** The next rows, the focus on the first of them (the button it was on may be gone: all shown). */
    function showMore() {
      var first = Math.min(limit, tbody.rows.length);
      limit = first + D.maxRows;
      update();
      var link = tbody.rows[first] && tbody.rows[first].querySelector(".dxmap-link");
      if (link) link.focus();
    }

    /**
     * The former communes of commune technology t shown (2025 pages), one CSV row each, as the legend counts them:
     * those whose own status is ticked, in the commune chosen or else their own former district, in a commune
     * the change ticks show; by status, former district, commune and name.
     */
    function formerRows(t) {
      var rows = M.formerRows(t), all = S.map(function () { return true; }), out = [];
      for (var j = 0; j < M.nF; j++) {
        var s = rows.s[j];
        if (s >= 0 && state.show[s] && M.formerIn(j, state.district, state.commune) &&
          (!t.ch || M.drawnAs(t, M.fC[j], all, state.showChange))) out.push(j);
      }
      var rd = rank(M.DI.name, "d"), rc = rank(M.C.name, "c"), rf = rank(M.F.name, "f");
      return out.sort(function (a, b) {
        return rows.s[a] - rows.s[b] || rd[M.fD[a]] - rd[M.fD[b]] || rc[M.fC[a]] - rc[M.fC[b]] || rf[a] - rf[b];
      });
    }
    /** The rows shown as CSV text (UTF-8 with BOM, so spreadsheets read the diacritics), all of them. */
    function csvText() {
      var t = M.techs[state.tech], p = M.pts[t.kind], f = dxmap.csvField, fr = t.village ? null : M.formerRows(t);
      // A commune technology's row is the commune: its id and name are already the commune's. On 2025 pages, one
      // row per former commune (its own status, source and note), each with the commune it is part of now.
      var head = fr ? [T.rpt_former_commune_code, T.rpt_former_commune, T.commune_label, T.map_commune_code]
        : [T.map_id, t.village ? T.village_label : T.commune_label].concat(t.village ? [T.commune_label, T.map_commune_code] : [],
          t.village && M.villageFormers ? [T.rpt_former_commune, T.rpt_former_commune_code] : []);
      head = head.concat([M.districtWord, M.formerDistricts ? T.map_former_district_code : T.map_district_code, T.map_technology,
        T.status, T.date, T.source, T.note, T.map_lon, T.map_lat]);
      var pop = t.village && !!M.V.pop;
      if (pop) head.push(P.word("map_people_col"));
      if (t.ch) head.push(M.change.title, T.status + " " + dxmap.formatDate(M.change.since, lang));
      if (D.illustrative) head.push(T.col_data); // the demo's rows say so, each one (QA30)
      function noted(row) { if (D.illustrative) row.push(f(T.illustrative)); return row.join(","); }
      function xy(k) {
        if (!M.hasPlace(t.kind, k)) return ["", ""]; // a village without a location has none to give
        return [f(p[2 * k].toFixed(M.decimals), true), f(p[2 * k + 1].toFixed(M.decimals), true)];
      }
      /** Former commune j's change: its own when the page has each one's (as the legend counts them), else its commune c's
       * ("Bản Xèo: Vẫn chưa có 2 (xã cũ)"). */
      function formerChange(j, c) {
        if (t.chF) return t.chF[j] >= 0 ? T["chg_" + dxmap.CHANGES[t.chF[j]]] : "";
        return t.ch[c] >= 0 ? M.C.name[c] + ": " + changeText(t, c) : "";
      }
      function formerLine(j) {
        var c = M.fC[j], row = [f(M.F.code[j]), f(M.F.name[j]), f(M.C.name[c]), f(M.C.code[c]),
          f(M.districtLabel(M.fD[j])),
          f(M.DI.code[M.fD[j]]), f(T[t.key]), f(T[S[fr.s[j]]]), f(D.dates[fr.t[j]] || ""), f(D.strings[fr.src[j]] || ""),
          f(D.strings[fr.note[j]] || "")].concat(xy(c));
        if (t.ch) row.push(f(formerChange(j, c)), f("")); // the page has no earlier status of one former commune
        return noted(row);
      }
      function unitLine(k) {
        var c = M.communeOf(t, k);
        var row = [f(t.village ? M.V.id[k] : M.C.code[k]), f(M.nameOf(t, k))];
        if (t.village) row.push(f(c >= 0 ? M.C.name[c] : ""), f(c >= 0 ? M.C.code[c] : ""));
        if (t.village && M.villageFormers) row.push(f(cell(t, k, "former")), f(cell(t, k, "formerCode")));
        row = row.concat([f(cell(t, k, "district")), f(cell(t, k, "districtCode")), f(T[t.key]), f(statusText(t, k)),
          f(cell(t, k, "date")), f(cell(t, k, "source")), f(cell(t, k, "note"))], xy(k));
        if (pop) row.push(f(people(k), true));
        if (t.ch) row.push(f(changeText(t, k)), f(t.p && t.p[k] >= 0 ? T[S[t.p[k]]] : ""));
        return noted(row);
      }
      var lines = [head.map(function (h) { return f(h); }).join(",")].concat(fr ? formerRows(t).map(formerLine) : rows().map(unitLine));
      return "\ufeff" + lines.join("\r\n") + "\r\n";
    }
    function downloadCsv() {
      var t = M.techs[state.tech];
      if (t) P.download(new Blob([csvText()], { type: "text/csv;charset=utf-8" }), P.fileName(".csv"));
    }

    setOpen(false);
    return { box: box, update: update, rows: rows, csv: csvText, statusText: statusText, changeNodes: changeNodes, setOpen: setOpen, isOpen: function () { return !wrap.hidden; } };
  };
})();

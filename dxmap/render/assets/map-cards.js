/*! dxmap gap map page: what a popup card and a hover tooltip say about a village, a commune or a shared outline. */
(function () {
  "use strict";
  var dxmap = (globalThis.dxmap = globalThis.dxmap || {});

  var GAP_NAMES_SHOWN = 12; // a commune card names at most this many gap villages per technology

  dxmap.cards = function (P) {
    var M = P.model, D = P.data, T = P.T, S = M.S, NS = M.NS, el = dxmap.el, lang = P.lang;

    /** The marker of status code s as an inline SVG of size px. */
    function swatch(s, size) {
      size = size || 16;
      return dxmap.markerSvg(D.shapes[s], D.colours[s], Math.min(dxmap.RADIUS[s], size / 2 - 2) + (s === 4 ? 1.5 : 0), size);
    }
    function dateText(t, k) { return dxmap.formatDate(D.dates[t.t[k]] || "", lang); }
    /** "Huyện Bát Xát", "Thị xã Sa Pa" (the district's title), or "Huyện: –" for a unit without one. */
    /** A unit's district as its card names it; "" on a page without districts (not "Huyện –"). */
    function districtName(d) { return M.noDistricts ? "" : d >= 0 ? M.districtTitle(d) : M.districtWord + ": –"; }
    function where(parts) { return parts.filter(Boolean).join(" · "); }
    /** "xã cũ A Lù": the former commune of village k on 2025 pages, else "". */
    function formerOf(k) { return M.vF[k] >= 0 ? dxmap.fmt(T.map_former_of, { name: M.F.name[M.vF[k]] }) : ""; }
    function capital(s) { return s.charAt(0).toUpperCase() + s.slice(1); }
    /**
     * The source and note lines of unit k of t. A merged commune's are its former communes' own (each note
     * named by its former commune, "Pa Cheo: Thiết bị mạng cũ"), when the page has their rows.
     */
    function sourceAndNote(t, k, f) {
      var rows = f && M.formerRows(t), src = [], notes = [];
      if (!rows) return [t.src[k] ? D.strings[t.src[k]] : "", t.note[k] ? D.strings[t.note[k]] : ""];
      M.formersOf(k).forEach(function (j) {
        var s = D.strings[rows.src[j]];
        if (s && src.indexOf(s) < 0) src.push(s);
        if (rows.note[j]) notes.push(M.F.name[j] + ": " + D.strings[rows.note[j]]);
      });
      return [src.join("; "), notes.join("; ")];
    }

    /** "Thay đổi từ sau 31/3/2024 (quý II/2024): Đã có (ra khỏi danh sách) · 31/3/2024: Chưa có". */
    function changeLine(t, k) {
      if (t.chBy) { // a merged commune: its former communes' changes; none (all covered twice) says nothing
        var nodes = P.table.changeNodes(t, k);
        return nodes.length ? el("div", { className: "dxmap-changeline" }, [M.change.title + ": "].concat(nodes)) : null;
      }
      var ch = t.ch[k], before = t.p[k] >= 0 ? T[S[t.p[k]]] : "–";
      return el("div", { className: "dxmap-changeline", "data-change": ch >= 0 ? dxmap.CHANGES[ch] : null },
        [ch >= 0 ? dxmap.changeSvg(dxmap.CHANGES[ch], D, 12) : null,
          (ch >= 0 ? " " : "") + M.change.title + ": " + (ch >= 0 ? T["chg_" + dxmap.CHANGES[ch]] + " · " : "") +
          dxmap.formatDate(M.change.since, lang) + ": " + before]);
    }
    /** "Thiếu: Di động, Cáp quang" for a village lacking some village technology (pages with the "any gap" view). */
    function missingLine(k) {
      var names = M.anyTech ? M.missingAt(k) : [];
      return names.length ? el("div", { className: "dxmap-missing", text: dxmap.fmt(P.word("map_missing"), { techs: names.join(", ") }) }) : null;
    }
    function statusTable(list, k) {
      var body = el("tbody");
      list.forEach(function (t) {
        var s = t.s[k], f = M.former(t, k);
        body.appendChild(el("tr", {}, [
          el("th", { scope: "row", text: T[t.key] }),
          el("td", { className: f ? "dxmap-former" : "" }, f ? [P.table.statusText(t, k)] : s >= 0 ? [swatch(s, 14), " ", T[S[s]]] : ["–"]),
          el("td", { text: dateText(t, k) })]));
        var more = [];
        if (f && f.k) more.push(el("div", { className: "dxmap-gaplist", text: T.map_former_list + " (" + f.k + "): " + f.gap }));
        var changed = t.ch && t.s[k] >= 0 ? changeLine(t, k) : null;
        if (changed) more.push(changed);
        var sn = sourceAndNote(t, k, f);
        if (sn[0]) more.push(el("div", { text: T.source + ": " + sn[0] }));
        if (sn[1]) more.push(el("div", { text: T.note + ": " + sn[1] }));
        if (more.length) body.appendChild(el("tr", { className: "dxmap-sub" }, [el("td", { colspan: 3 }, more)]));
      });
      return el("table", { className: "dxmap-poptable" }, [
        el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: T.map_technology }), el("th", { scope: "col", text: T.status }),
          el("th", { scope: "col", text: T.date })])]), body]);
    }
    /** Villages per status in map unit u, per village technology, with the share lacking it. */
    function villageCounts(u) {
      if (!M.villageTechs.length) return null;
      return el("div", { className: "dxmap-counts" }, M.villageTechs.map(function (t) {
        var parts = [el("b", { text: T[t.key] + " (" + T.villages + "): " })], total = 0;
        for (var s = 0; s < NS; s++) {
          var n = t.unitCounts[u * NS + s];
          total += n;
          if (n) parts.push(el("span", { className: "dxmap-count" }, [swatch(s, 12), " " + T[S[s]] + " " + dxmap.formatNumber(n, lang)]));
        }
        if (t.unitCounts[u * NS]) {
          var people = P.gapPeople(t, -1, u);
          parts.push(el("div", { className: "dxmap-share", text: P.gapShare(t.unitCounts[u * NS], total, P.units(true)) },
            people ? [el("span", { className: "dxmap-people", title: P.word("map_people_note"), text: " · " + P.peopleText(people) })] : []));
        }
        return el("div", {}, parts);
      }));
    }
    /** The villages of commune c lacking each village technology, by name. */
    function gapVillages(c) {
      var lists = M.villageTechs.map(function (t) {
        var ks = M.villagesWith(c, t, 0);
        if (!ks.length) return null;
        var names = ks.slice(0, GAP_NAMES_SHOWN).map(function (k) { return M.V.name[k]; }).join(", ");
        if (ks.length > GAP_NAMES_SHOWN) names += " " + dxmap.fmt(T.map_more, { n: ks.length - GAP_NAMES_SHOWN });
        return el("div", { className: "dxmap-gaplist", "data-tech": t.key }, [
          el("b", { text: dxmap.fmt(P.word("map_gap_villages_in"), { tech: T[t.key] }) + " (" + ks.length + "): " }), names]);
      }).filter(Boolean);
      return lists.length ? el("div", { className: "dxmap-gaplists" }, lists) : null;
    }
    /** "Xã/phường Dền Sáng", "Phường Cốc Lếu"; a name with its own unit word alone ("Xã Đức Hải 13"). */
    function communeWithKind(c) {
      return dxmap.hasUnitWord(M.C.name[c]) ? M.C.name[c] : M.communeKind(c) + " " + M.C.name[c];
    }
    function villageCard(k) {
      var c = M.vC[k];
      return el("div", { className: "dxmap-card" }, [
        el("div", { className: "dxmap-card-name", text: M.V.name[k] }),
        el("div", { className: "dxmap-card-where", text: where([T.village_label, c >= 0 ? communeWithKind(c)
          : T.commune_label + ": –", formerOf(k) ? capital(formerOf(k)) : "", districtName(M.vD[k])]) }),
        missingLine(k),
        statusTable(M.villageTechs, k)]);
    }
    function communeCard(k, whole) {
      var one = M.members[M.cU[k]].length === 1, approx = M.approxReason(k), formers = M.formersOf(k);
      return el("div", { className: "dxmap-card" }, [
        el("div", { className: "dxmap-card-name", text: M.C.name[k] }),
        el("div", { className: "dxmap-card-where", text: where([M.communeKind(k), districtName(M.cD[k])]) }),
        // 2025 pages: what it was made of, so one found by a former name ("A Lù") says it holds it
        formers.length > 1 ? el("div", { className: "dxmap-formers", text: dxmap.fmt(T.map_former_made_of,
          { names: formers.map(function (j) { return M.F.name[j]; }).join(", ") }) }) : null,
        approx ? el("p", { className: "dxmap-note dxmap-approx", text: T.map_approx_line + ": " + approx }) : null,
        M.communeTechs.length ? statusTable(M.communeTechs, k) : null,
        whole && one ? villageCounts(M.cU[k]) : null,
        whole ? gapVillages(k) : null]);
    }
    function unitCard(u) {
      var m = M.members[u];
      if (m.length === 1) return communeCard(m[0], true);
      return el("div", { className: "dxmap-card" }, [
        el("div", { className: "dxmap-card-name", text: dxmap.fmt(T.map_shared_short, { n: m.length }) }),
        el("div", { className: "dxmap-card-where", text: districtName(M.uD[u]) }),
        el("p", { className: "dxmap-note", text: T.shared_polygon + "." })]
        .concat(m.map(function (k) { return communeCard(k, false); }))
        .concat([villageCounts(u)]));
    }
    function cardFor(t, k) { return t.village ? villageCard(k) : communeCard(k, true); }
    /** Cards of the picked markers of t (nearest first), at most four. */
    function markerCards(t, list) {
      var shown = list.slice(0, 4), box = el("div", {}, shown.map(function (k) { return cardFor(t, k); }));
      if (list.length > shown.length) box.appendChild(el("p", { className: "dxmap-note", text: dxmap.fmt(T.map_more, { n: list.length - shown.length }) }));
      return box;
    }

    // Tooltips: name, where it is, and its status for the technology shown.
    function tip(name, where, statusLine) {
      return el("div", { className: "dxmap-tipbox" }, [el("b", { text: name }), el("div", { text: where }), statusLine]);
    }
    function markerTip(t, list) {
      var k = list[0], c = M.communeOf(t, k), s = t.s[k];
      var at = t.village ? where([c >= 0 ? M.C.name[c] + (formerOf(k) ? " (" + formerOf(k) + ")" : "") : "", districtName(M.vD[k])])
        : districtName(M.cD[k]);
      var more = list.length > 1 ? " " + dxmap.fmt(P.word("map_nearby"), { n: list.length }) : "";
      // the change in the words and symbols of its table cell (a merged commune: each of its former communes')
      var ch = t.ch && t.ch[k] >= 0 ? P.table.changeNodes(t, k) : null;
      return tip(M.nameOf(t, k), at, el("div", {}, [
        el("div", {}, [swatch(s, 12), " " + T[t.key] + ": " + P.table.statusText(t, k), more ? el("i", { text: more }) : null]),
        ch ? el("div", { className: "dxmap-changeline", "data-change": M.changesOf(t, k).map(function (ci) { return dxmap.CHANGES[ci]; }).join(" ") },
          ch.concat([" — " + M.change.title])) : null]));
    }
    function unitTip(t, u) {
      var line = null;
      if (t && t.village) {
        var total = 0, gaps = t.unitCounts[u * NS];
        for (var s = 0; s < NS; s++) total += t.unitCounts[u * NS + s];
        line = el("div", {}, [swatch(0, 12), " " + T[t.key] + ": " + P.gapShare(gaps, total, P.units(true))]);
        if (t.any) { // which technologies the commune's villages lack, and its own (LAN)
          var lacking = M.communeTechs.filter(function (q) { return M.members[u].some(function (c) { return q.s[c] === 0; }); });
          if (lacking.length) line = el("div", {}, [line, el("div", { className: "dxmap-missing", text: dxmap.fmt(P.word("map_missing"), { techs: lacking.map(function (q) { return T[q.key]; }).join(", ") }) })]);
        }
      } else if (t && t.worst[u] >= 0) {
        // a merged commune (2025 units): "k/n xã cũ chưa có …", as its card says, never one rolled-up status
        var one = M.members[u].length === 1 ? M.members[u][0] : -1;
        line = el("div", {}, [swatch(t.worst[u], 12), " " + T[t.key] + ": " + (one >= 0 && M.former(t, one) ? P.table.statusText(t, one) : T[S[t.worst[u]]])]);
      }
      return tip(M.unitName(u), M.uD[u] >= 0 ? districtName(M.uD[u]) : "", line);
    }

    return { swatch: swatch, unitCard: unitCard, communeCard: communeCard, villageCard: villageCard,
      markerCards: markerCards, markerTip: markerTip, unitTip: unitTip };
  };
})();

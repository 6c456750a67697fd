/*! dxmap gap map page: the search box. A combobox listing districts, communes and villages as one types. */
(function () {
  "use strict";
  var dxmap = (globalThis.dxmap = globalThis.dxmap || {});

  dxmap.searchBox = function (P) {
    var M = P.model, T = P.T, el = dxmap.el, id = P.id, index = null;
    var input = el("input", { id: id + "-search", type: "search", className: "dxmap-search", role: "combobox",
      autocomplete: "off", spellcheck: "false", placeholder: T.map_search_hint, "aria-autocomplete": "list",
      "aria-expanded": "false", "aria-controls": id + "-results" });
    var list = el("ul", { id: id + "-results", className: "dxmap-results", role: "listbox", "aria-label": T.map_search, hidden: true });
    var label = el("label", { className: "dxmap-lab", for: id + "-search", text: T.map_search });

    function find(q) {
      if (!index) {
        var groups = [["district", M.DI.name, M.DI.code], ["commune", M.C.name, M.C.code]];
        if (M.F) { // 2025 pages: former communes by their old name and code, leaving out what their commune is found by
          groups.push(["former", M.F.name.map(function (name, j) { return dxmap.fold(name) === dxmap.fold(M.C.name[M.fC[j]]) ? "" : name; }),
            M.F.code.map(function (code, j) { return code === M.C.code[M.fC[j]] ? "" : code; })]);
        }
        index = dxmap.searchIndex(groups.concat([["village", M.V.name]]));
      }
      return inPlaceChosen(dxmap.search(index, q));
    }
    /** With a province chosen (a page of several), the hits in it; all of them when none is (going to one then shows
     * every province, as a place outside a district chosen does). With a district chosen, its hits first. */
    function inPlaceChosen(hits) {
      var d = P.state.district;
      if (d < 0) return hits;
      function inside(h) {
        if (h.kind === "district") return M.districtIn(h.i, d);
        if (h.kind === "commune") return M.communeInDistrict(h.i, d);
        if (h.kind === "former") return M.formerIn(h.i, d, -1);
        return M.districtIn(M.vD[h.i], d);
      }
      if (!M.isProvince(d)) return dxmap.insideFirst(hits, inside);
      var mine = hits.filter(inside);
      return mine.length ? mine : hits;
    }
    /** A hit as its list entry says it ({name, where, sep}) and the place it goes to ({kind, i}); one found by its code
     * says the code ("Bản Vược — xã · Bát Xát · mã 02692"), else the list looked like names at random (QA62 17). */
    function describe(hit) {
      var d = describePlace(hit);
      if (hit.code) d.where += " · " + dxmap.fmt(T.map_hit_code, { code: hit.code });
      return d;
    }
    function describePlace(hit) {
      if (hit.kind === "former") { // "A Lù (xã cũ) → nay thuộc Xã Y Tý": it goes to the commune it is part of now
        var now = M.fC[hit.i];
        return { name: M.F.name[hit.i], sep: " ", where: dxmap.fmt(T.map_former_now, { commune: M.communeTitle(now) }),
          go: { kind: "commune", i: now } };
      }
      if (hit.kind === "district") return { name: M.DI.name[hit.i], where: M.districtKind(hit.i) };
      if (hit.kind === "commune") { // "phường · Lào Cai": its kind as the layer gives it, else "xã/phường"
        var kind = M.communeKind(hit.i);
        return { name: M.C.name[hit.i], where: (kind === T.commune_label ? T.commune : kind.toLowerCase()) + (M.noDistricts ? "" : " · " + M.DI.name[M.cD[hit.i]]) };
      }
      // "Dền Sáng (xã cũ Dền Thàng), Bát Xát": two villages of one name in one commune told apart
      var c = M.vC[hit.i], d = M.vD[hit.i], f = M.vF[hit.i];
      var former = f >= 0 ? " (" + dxmap.fmt(T.map_former_of, { name: M.F.name[f] }) + ")" : "";
      var district = d >= 0 && !M.noDistricts ? M.DI.name[d] : "";
      return { name: M.V.name[hit.i], where: T.village + " · " + [c >= 0 ? M.C.name[c] + former : "", district].filter(Boolean).join(", ") };
    }
    // the results listed and the text they were found for: Enter within the typing pause acted on the previous text's
    // first result and wrote its name into the box (QA62 1: "Y Tý" pasted after "ban vuoc" opened Bản Vược)
    var results = [], active = -1, shownFor = null;
    /** The list for the text in the box now: found again unless it was found for that text and is open. */
    function current() {
      clearTimeout(timer);
      if (list.hidden || shownFor !== input.value) show(find(input.value));
    }
    function show(found) {
      shownFor = input.value;
      results = found.slice(0, dxmap.hitsShown(found, 10, 40)); // the list scrolls: every "Thôn 1" of a district
      active = results.length ? 0 : -1;
      list.textContent = "";
      results.forEach(function (hit, n) {
        var d = describe(hit);
        list.appendChild(el("li", { id: id + "-opt-" + n, role: "option", "aria-selected": n === active ? "true" : "false",
          // chosen on click, not mousedown: the list, hidden then, would leave the click to the map, which closes the card
          "data-kind": hit.kind, mousedown: function (ev) { ev.preventDefault(); }, // the input keeps the focus
          click: function (ev) { ev.stopPropagation(); choose(n); } },
          [el("span", { className: "dxmap-hit-name", text: d.name }), el("span", { className: "dxmap-hit-where", text: (d.sep || " — ") + d.where })]));
      });
      if (!found.length && input.value.trim()) list.appendChild(el("li", { className: "dxmap-nohit", text: T.map_no_match }));
      if (found.length > results.length) list.appendChild(el("li", { className: "dxmap-nohit", text: dxmap.fmt(T.map_more, { n: found.length - results.length }) }));
      if (input.value.trim()) P.announce(found.length ? dxmap.fmt(T.map_found, { n: dxmap.formatNumber(found.length, P.lang) }) : T.map_no_match);
      var open = list.childNodes.length > 0;
      list.hidden = !open;
      input.setAttribute("aria-expanded", String(open));
      markActive();
    }
    function markActive() {
      results.forEach(function (_, n) { var o = document.getElementById(id + "-opt-" + n); if (o) o.setAttribute("aria-selected", n === active ? "true" : "false"); });
      if (active >= 0) input.setAttribute("aria-activedescendant", id + "-opt-" + active);
      else input.removeAttribute("aria-activedescendant");
    }
    function close() { list.hidden = true; input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant"); }
    function choose(n) {
      var hit = results[n];
      if (!hit) return;
      var d = describe(hit), go = d.go || hit;
      input.value = d.name;
      close();
      P.layout.closeMenu(); // on a phone the menu would cover what was found
      P.view.goTo(go.kind, go.i, function () { return P.layout.isCompact() ? P.layout.menu : input; }); // a phone's is in the closed menu
    }
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { show(find(input.value)); }, 120);
    });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        current();
        if (results.length) active = (active + (ev.key === "ArrowDown" ? 1 : results.length - 1)) % results.length;
        markActive();
        ev.preventDefault();
      } else if (ev.key === "Enter") {
        current();
        choose(active >= 0 ? active : 0);
        ev.preventDefault();
      } else if (ev.key === "Escape" && !list.hidden) {
        close();
        ev.stopPropagation(); // the list only: a second Escape closes a phone's menu
      }
    });
    // closed once the focus has left for good: not if it came back (a click into the box, a new search at once)
    input.addEventListener("blur", function () { setTimeout(function () { if (document.activeElement !== input) close(); }, 150); });

    return { input: input, list: list, label: label, find: function (q) { return find(q).map(describe); } };
  };
})();

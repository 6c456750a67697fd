/*! dxmap gap map page: putting the page together. dxmap.render(map, dataId) is what the saved page calls. */
(function () {
  "use strict";
  var dxmap = (globalThis.dxmap = globalThis.dxmap || {});
  dxmap.instances = dxmap.instances || [];
  var uid = 0;

  /** Draw the page data in the <script type="application/json"> element dataId onto a Leaflet map. */
  dxmap.render = function (map, dataId) {
    var t0 = performance.now();
    var data = JSON.parse(document.getElementById(dataId).textContent);
    var marks = { parse: performance.now() - t0 };
    var page = createPage(map, data, marks, t0);
    dxmap.instances.push(page);
    // Ready once the first frame is drawn (the layers' first draws are queued for that frame, before this).
    L.Util.requestAnimFrame(function () {
      page.readyMs = Math.round(performance.now());
      window.dxmapReadyMs = page.readyMs;
      window.dxmapReady = true;
    });
    return page;
  };

  /**
   * The page object P every part shares: the map, the data and its model, the state the reader
   * changes, and the parts themselves (layers, cards, legend, table, controls, view, exporter),
   * each made by its own file and calling the others only through P once the page is built.
   */
  function createPage(map, D, marks, t0) {
    var T = D.L, lang = D.lang;
    if (!document.documentElement.lang) document.documentElement.lang = lang;
    if (D.basemap !== null) map.getContainer().classList.add("dxmap-page"); // a map dxmap made: its own background
    var P = { map: map, data: D, T: T, lang: lang, id: "dxmap" + ++uid, word: dxmap.words(T),
      useHash: !dxmap.instances.length, printing: false }; // one view in the address: the first map's
    P.mark = function (name) { marks[name] = Math.round(performance.now() - t0); };
    P.model = dxmap.model(D);
    var M = P.model;
    P.mark("techs");
    // a page made for one district of several (gap_map(district=...), e.g. a former district: D.district) opens on it,
    // one made for a province of several (gap_map(province=...): D.province) on that province
    var first = M.nD > 1 && D.district != null ? M.districtIndex(D.district) : D.province != null ? M.provinceIndex(D.province) : -1;
    P.homeDistrict = first; // also what a link without "d=" opens on; "d=all" is every district
    P.state = { tech: M.firstTech, district: first, commune: -1, found: null, show: M.S.map(function (s) { return s !== "covered"; }),
      showChange: M.hasChange ? dxmap.CHANGES.map(function (k) { return dxmap.CHANGES_SHOWN.indexOf(k) >= 0; }) : null, sortKey: null, sortDir: 1 };

    P.project = dxmap.projector(map.options.crs);
    var worlds = {};
    /** World coordinates (zoom 0 pixels) of the points of a kind ("village", "commune", "unit", "district"), made on first use. */
    P.world = function (kind) {
      if (!worlds[kind]) {
        var p = M.pts[kind], w = new Float64Array(p.length);
        for (var k = 0; k < p.length; k += 2) P.project(p[k], p[k + 1], w, k);
        worlds[kind] = w;
      }
      return worlds[kind];
    };
    /** "56 trong 1.554 thôn/bản chưa có (3,6%)". */
    P.gapShare = function (n, total, units, unknown) { return dxmap.gapShareText(T, n, total, unknown, units, lang); };
    /** The unit words of technology t (or of villages, when t is true) as [one, many]: "1 commune", "2 communes". */
    P.units = function (t) {
      return t === true || t.village ? [T.village, T.villages] : [T.commune, T.communes];
    };
    /**
     * The headline share of technology t with counts per status c (M.counts) where the user looks: former communes
     * (`former`, M.formerTotals) on 2025 pages, villages lacking any technology and the `nc` communes with a gap in the
     * "any gap" view, else the share lacking t; "chưa có số liệu …" when no unit has a known status.
     */
    P.shareText = function (t, c, former, nc) { return P.shareParts(t, c, former, nc).join(""); };
    /** P.shareText in two parts, [the share, what it says of units without data]: the people in the gap villages go
     * between them, beside the count they belong to. */
    P.shareParts = function (t, c, former, nc) {
      var total = c.reduce(function (a, b) { return a + b; }, 0), unknown = c[M.S.indexOf("unknown")] || 0;
      if (former) return [dxmap.formerShareText(T, t.key, former.k, former.n, lang, former.u),
        unknownPart(former.u, former.n, [T.former_commune, T.map_former_communes])];
      // "any gap": the villages' share (the people in them follow it), then the communes with a gap and the villages
      // without data (QA45: the people read as the communes', and the villages without data went unsaid)
      if (t.any && total - unknown > 0) return [dxmap.fmt(P.word("map_any_share"), { n: dxmap.formatNumber(c[0], lang),
        total: dxmap.formatNumber(total, lang), share: dxmap.formatShare(c[0], total, lang) }),
        " · " + dxmap.fmt(P.word("map_any_communes"), { c: dxmap.formatNumber(nc, lang) }) + unknownPart(unknown, total, P.units(t))];
      return [P.gapShare(c[0], total, P.units(t), unknown), unknownPart(unknown, total, P.units(t))];
    };
    /** " · chưa có số liệu cho 169 xã cũ": said beside a share whose total counts units of unknown status, which
     * the share (of all units) does not show; nothing when none or all are unknown (then the text says so itself). */
    function unknownPart(unknown, total, units) {
      return unknown > 0 && unknown < total ? " · " + dxmap.nodataText(T, unknown, units, lang) : "";
    }
    /** M.people, or null when no one lives in the gap villages counted (none, or none with a population): never "~0 người". */
    P.gapPeople = function (t, d, u, c) { var p = M.people(t, d, u, c); return p && p.people > 0 ? p : null; };
    /** "~19.700 người" for the result of P.gapPeople; "" when there is none. */
    P.peopleText = function (p) { return p ? dxmap.formatPeople(p.people, lang, P.word("map_people")) : ""; };
    /** "dân số ~19.700": the same people where the sentence does not say whose they are (the legend, the PNG). */
    P.gapPeopleText = function (p) { return p ? dxmap.formatPeople(p.people, lang, P.word("map_people_gaps")) : ""; };
    /**
     * The place a narrowed view shows, as the PNG and the printed page say it under the title: "Huyện Bát Xát", "Xã A Lù,
     * huyện Bát Xát" (the commune's kind when the layer has it; its district, or former district on 2025 pages, after a
     * comma; a commune chosen in a province names its district), "Tỉnh Yên Bái" for a province; "" for the whole page.
     */
    P.placeTitle = function () {
      var c = P.state.commune, d = P.state.district >= 0 && !(c >= 0 && M.isProvince(P.state.district)) ? P.state.district : c >= 0 ? M.cD[c] : -1;
      if (c < 0 && M.communesPlace) return ""; // the page's own place: its title names the communes
      var commune = c < 0 ? "" : M.communeTitle(c); // not "Xã/phường A Lù"
      return dxmap.placeLine(commune, d >= 0 ? { title: M.districtTitle(d), name: M.DI.name[d] } : null, lang);
    };
    /** dxmap_fibre_bat-xat_a-lu_2024-06-30.csv: technology, district (or "all"), the commune chosen if any, and date;
     * a province by its title (dxmap_lan_tinh-yen-bai_…, dxmap_lan_tinh-cu-yen-bai_…), a former city as the page's list
     * names it (dxmap_fibre_lao-cai-thanh-pho-cu_…: "lao-cai" read as the province, QA70 N9). */
    P.fileName = function (ext) {
      // a page made for one district (--district) names it, as its "all" is that district; a commune names its own
      var c = P.state.commune, d = M.noDistricts ? -1 : P.state.district >= 0 ? P.state.district : c >= 0 ? M.cD[c] : M.nD === 1 ? 0 : -1;
      var t = M.techs[P.state.tech];
      function part(name) { return dxmap.fold(name).replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, ""); }
      var district = d < 0 ? "all" : part(M.isProvince(d) ? M.districtTitle(d) : M.districtLabel(d));
      // a page of a few communes: theirs, xa-y-ty-xa-a-mu-sung
      var where = c < 0 && M.communesPlace ? part(M.communesPlace) : district + (c >= 0 ? "_" + part(M.C.name[c]) : "");
      return "dxmap_" + (t ? t.key : "map") + "_" + where + (D.asOf ? "_" + D.asOf : "") + ext;
    };
    P.download = function (blob, name) {
      var a = dxmap.el("a", { href: URL.createObjectURL(blob), download: name });
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
    };

    P.layers = dxmap.layers(P);
    P.cards = dxmap.cards(P);
    P.legend = dxmap.legend(P);
    P.table = dxmap.table(P);
    P.view = dxmap.view(P);
    P.controls = dxmap.controls(P);
    P.exporter = dxmap.exporter(P);
    P.mark("controls");
    P.view.start();
    P.mark("legend_table");

    var state = P.state;
    return {
      map: map, data: D, state: state, timings: marks, page: P,
      setDistrict: function (d) { P.view.setDistrict(d); },
      /** Choose a province by code ("15") on a page of several provinces; false when it has no such one. */
      setProvince: function (code) { var d = M.provinceIndex(code); if (d >= 0) P.view.setDistrict(d); return d >= 0; },
      setTech: function (key) { var ti = M.techs.findIndex(function (t) { return t.key === key; }); if (ti >= 0) P.view.setTech(ti); },
      search: function (q) { return P.controls.search.find(q); },
      counts: function () {
        var out = {};
        M.techs.forEach(function (t) { var c = M.counts(t, state.district, state.commune); out[t.key] = {}; M.S.forEach(function (s, si) { out[t.key][s] = c[si]; }); });
        return out;
      },
      rows: function () { return P.table.rows().length; },
      /** Units of technology `key` per change ({stayed, new, fixed, first}) for the district and commune chosen; null
       * without change data. A kind told from the earlier picture is null where no unit there had a record then, as in
       * summary.json. */
      changeCounts: function (key) {
        var t = M.techs.find(function (q) { return q.key === key; }), out = {};
        var c = M.changeCounts(t, state.district, state.commune);
        if (!c) return null;
        var then = M.knownThen(t, state.district, state.commune);
        dxmap.CHANGES.forEach(function (kind, ci) { out[kind] = then || !dxmap.needsThen(kind) ? c[ci] : null; });
        return out;
      },
      /** Villages lacking at least one village technology and communes with a gap, for the district and commune chosen. */
      anyGaps: function () {
        var t = M.anyTech;
        return t ? { villages: M.counts(t, state.district, state.commune)[0], communes: M.gapCommunes(state.district, state.commune) } : null;
      },
      /** People in the villages lacking technology `key` in the district shown: {people, unknown}, or null. */
      people: function (key) { return M.people(M.techs.find(function (t) { return t.key === key; }), state.district, -1, state.commune); },
      /** Index of a village (by id) or commune (by code), and where it is on screen: for tests and scripts. */
      index: function (kind, id) { return (kind === "village" ? M.V.id : M.C.code).indexOf(id); },
      locate: function (kind, k) { var p = M.pts[kind], cp = map.latLngToContainerPoint([p[2 * k + 1], p[2 * k]]); return { x: cp.x, y: cp.y }; },
      /** [west, south, east, north] of the map unit of commune k, in degrees. */
      communeBox: function (k) { return dxmap.shapeBounds(P.layers.unitShapes, M.cU[k]); },
      view: function () { return P.view.currentView(); },
      csv: function () { return P.table.csv(); },
      png: function () { return P.exporter.pngCanvas().toDataURL("image/png"); },
      /** The lines of text under the PNG's map: the legend head (share, people, change) and the items. */
      pngLegend: function () { return P.exporter.pngCanvas().legendText; },
      /** The PNG's lines above the map (title, the place of a narrowed view, date) and its scale bar's text. */
      pngHead: function () { var c = P.exporter.pngCanvas(); return { lines: c.headText, scale: c.scaleText }; },
      layers: { units: P.layers.units, districts: P.layers.districts, labels: P.layers.labels, techs: P.layers.techs, control: P.controls.layersControl },
      shapes: { units: P.layers.unitShapes, districts: P.layers.districtShapes }
    };
  }
})();

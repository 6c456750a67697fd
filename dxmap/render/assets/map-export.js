/*! dxmap gap map page: the map on paper (one A4 landscape page) and as a PNG of the view, with title and legend. */
(function () {
  "use strict";
  var dxmap = (globalThis.dxmap = globalThis.dxmap || {});

  /**
   * text broken into lines no wider than width, at spaces; measure(s) gives a string's width. A word wider than width
   * gets a line of its own, and so does a phrase of `keep` (never broken: "số liệu đến ngày 30/6/2024").
   */
  dxmap.wrapText = function (measure, text, width, keep) {
    var whole = String(text);
    // a phrase kept whole is one word while the text is split: its spaces are NULs until then
    (keep || []).forEach(function (k) { if (k) whole = whole.split(k).join(k.replace(/\s/g, "\0")); });
    var words = whole.split(/\s+/).filter(Boolean).map(function (w) { return w.replace(/\0/g, " "); }), lines = [], line = "";
    words.forEach(function (w) {
      var next = line ? line + " " + w : w;
      if (line && measure(next) > width) { lines.push(line); line = w; } else line = next;
    });
    if (line) lines.push(line);
    return lines;
  };

  /**
   * The place of a narrowed view as the PNG and the printed page name it under the title: the district's title
   * ({title: "Huyện Bát Xát", name: "Bát Xát"}) alone, or the commune ("Xã A Lù") and its district after a comma, whose
   * unit word is then lower case in Vietnamese ("Xã A Lù, huyện Bát Xát"; a title that is the name alone keeps its
   * capital); "" for neither.
   */
  dxmap.placeLine = function (commune, district, lang) {
    if (!commune) return district ? district.title : "";
    if (!district) return commune;
    var title = district.title, name = district.name || "";
    var word = title.length > name.length + 1 && title.slice(-name.length - 1) === " " + name; // "Huyện " before the name
    word = word || dxmap.hasUnitWord(title); // or in it: "Xã Đức Hải 13, huyện An Đức 2" (QA62 15)
    return commune + ", " + (lang === "vi" && word ? title.charAt(0).toLocaleLowerCase("vi") + title.slice(1) : title);
  };

  /**
   * A village found by search named with its place ("Thôn Phú Hà, xã A Lù, huyện Bát Xát"): the village, then the
   * line of its commune (dxmap.placeLine), whose unit word is then lower case in Vietnamese when it starts with one
   * (`kind`); the commune line alone for no village.
   */
  dxmap.villageLine = function (village, communeLine, kind, lang) {
    if (!village) return communeLine;
    if (!communeLine) return village;
    var word = kind || dxmap.hasUnitWord(communeLine); // the commune's own name may start with it ("Xã Đức Hải 13")
    if (lang !== "vi" || !word) return village + ", " + communeLine;
    return village + ", " + communeLine.charAt(0).toLocaleLowerCase("vi") + communeLine.slice(1);
  };

  /**
   * The part [x0, y0, x1, y1] of a map of size [w, h] a PNG keeps on a phone: the place's box (container pixels) and a
   * margin around it, at least least[0] pixels wide and least[1] high, inside the map; all of the map where the place
   * is out of view.
   * The tall screen of a phone left two thirds of the image empty.
   */
  dxmap.cropTo = function (box, size, margin, least) {
    function axis(lo, hi, n, least) {
      lo = Math.max(0, lo - margin); hi = Math.min(n, hi + margin);
      if (!(hi > lo)) return [0, n];
      var grow = Math.max(0, Math.min(least, n) - (hi - lo)) / 2;
      lo -= grow; hi += grow;
      if (lo < 0) { hi -= lo; lo = 0; }
      if (hi > n) { lo = Math.max(0, lo - (hi - n)); hi = n; }
      return [Math.floor(lo), Math.ceil(hi)];
    }
    var x = axis(box[0], box[2], size[0], least[0]), y = axis(box[1], box[3], size[1], least[1]);
    return [x[0], y[0], x[1], y[1]];
  };

  dxmap.exporter = function (P) {
    var map = P.map, M = P.model, D = P.data, T = P.T, state = P.state, layers = P.layers, el = dxmap.el, lang = P.lang;

    /** The drawn layers shown, bottom first, in the order of their panes: names under the markers, as on screen. */
    function shownLayers() {
      return [layers.units, layers.districts, layers.labels, layers.techs[state.tech]].filter(function (l) { return l && map.hasLayer(l); });
    }

    // ---- print: the place chosen on one landscape page ----
    /** A place found by search or in the table ({kind, i}; null for none): its commune (-1: none) and district. */
    function foundPlace(f) {
      var c = f.kind === "commune" ? f.i : M.vC[f.i];
      var d = f.kind === "village" ? M.vD[f.i] : state.district >= 0 ? state.district : c >= 0 ? M.cD[c] : -1;
      return { c: c, d: d };
    }
    /** "Thôn Phú Hà, xã A Lù, huyện Bát Xát" for the place found (as P.placeTitle names a commune chosen), else P.placeTitle(). */
    function printedPlace() {
      var f = state.found;
      if (!f) return P.placeTitle();
      var at = foundPlace(f), kind = at.c >= 0 && M.communeKind(at.c) !== T.commune_label;
      var commune = at.c < 0 ? "" : M.communeTitle(at.c); // not "Xã/phường A Lù"
      var line = dxmap.placeLine(commune, at.d >= 0 ? { title: M.districtTitle(at.d), name: M.DI.name[at.d] } : null, lang);
      return f.kind === "village" ? dxmap.villageLine(M.V.name[f.i], line, !!kind, lang) : line;
    }
    /** Fit the place on paper: a place found where going to it fitted the screen (its commune, with the village), else
     * the one chosen. A village found printed the whole selection, with no name drawn. */
    function fitPrinted() {
      var f = state.found;
      if (!f) { P.view.fitChosen(); return; }
      var at = foundPlace(f), p = M.pts[f.kind], x = p[2 * f.i], y = p[2 * f.i + 1];
      var b = at.c >= 0 ? dxmap.shapeBounds(layers.unitShapes, M.cU[at.c]) : null;
      if (b) P.view.fitTo([Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)], M.fitZoom(f.kind, f.i));
      else map.setView([y, x], Math.max(map.getZoom(), 14), { animate: false });
    }
    // The browser lays the page out for print right after "beforeprint", with no event in between, so
    // the map takes its printed size (it fits A4 landscape inside the margins) and is redrawn now.
    // Chromium prints a canvas as an opaque rectangle, which would hide every layer below it, so the
    // layers (names included) are flattened into one transparent PNG image for the print.
    // The place chosen is fitted (a commune, not its whole district: A Lù was a speck without a name), or the place
    // found as going to it fitted the screen, and named under the title, as the PNG names it; the line is shown on
    // paper only (dxmap-map.css).
    var screenView = null, printImage = null, printPlace = null;
    function onPrint(on) {
      if (on === !!P.printing) return;
      P.printing = on;
      var box = map.getContainer();
      if (on) screenView = { center: map.getCenter(), zoom: map.getZoom() };
      if (on) {
        var place = printedPlace(), row = P.layout.title.querySelector(".dxmap-titlerow");
        if (!printPlace) printPlace = el("p", { className: "dxmap-print-place" });
        printPlace.textContent = place;
        printPlace.hidden = !place;
        if (row && printPlace.parentNode !== row.parentNode) row.parentNode.insertBefore(printPlace, row.nextSibling);
      }
      box.classList.toggle("dxmap-printing", on);
      map.invalidateSize({ pan: false });
      // on paper the place fills its room: zoom steps of a quarter left a province at two thirds of the page's height
      if (on) { screenView.snap = map.options.zoomSnap; map.options.zoomSnap = 0; fitPrinted(); }
      else if (screenView) { map.options.zoomSnap = screenView.snap; map.setView(screenView.center, screenView.zoom, { animate: false }); }
      var shown = shownLayers();
      shown.forEach(function (l) { l.redrawNow(); });
      if (printImage) { printImage.remove(); printImage = null; }
      shown.forEach(function (l) { l._c.style.visibility = on ? "hidden" : ""; });
      if (!on || !shown.length) return;
      var first = shown[0]._c, flat = el("canvas", { width: first.width, height: first.height }), ctx = flat.getContext("2d");
      shown.forEach(function (l) { ctx.drawImage(l._c, 0, 0); });
      printImage = el("img", { className: "dxmap-print-image", alt: "", src: flat.toDataURL("image/png") });
      printImage.style.cssText = first.style.cssText;
      printImage.style.visibility = "visible";
      map.getPane("dxmapPoints").appendChild(printImage);
    }
    window.addEventListener("beforeprint", function () { onPrint(true); });
    window.addEventListener("afterprint", function () { onPrint(false); });
    if (window.matchMedia) {
      var mq = window.matchMedia("print");
      if (mq.addEventListener) mq.addEventListener("change", function (e) { onPrint(e.matches); });
    }

    // ---- PNG of the view: title above, the drawn layers, a legend line below ----
    // Basemap tiles come from another origin and would make the canvas unreadable: the PNG has the
    // layers dxmap draws, on the page's own background.
    var FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif";
    /** The part of the map the PNG shows: all of it on a wide screen; on a phone the place chosen (dxmap.cropTo). */
    function cropped() {
      var all = map.getSize();
      if (!P.layout.isCompact()) return [0, 0, all.x, all.y];
      var c = state.commune, b = (c >= 0 && dxmap.shapeBounds(layers.unitShapes, M.cU[c])) || P.view.districtBox(state.district);
      var nw = map.latLngToContainerPoint([b[3], b[0]]), se = map.latLngToContainerPoint([b[1], b[2]]);
      return dxmap.cropTo([nw.x, nw.y, se.x, se.y], [all.x, all.y], 16, [360, 240]); // 360: room for the title and legend lines
    }
    function pngCanvas() {
      var crop = cropped(), size = L.point(crop[2] - crop[0], crop[3] - crop[1]), shown = shownLayers(), r = window.devicePixelRatio || 1, pad = 12;
      shown.forEach(function (l) { l.redrawNow(); });
      var probe = document.createElement("canvas").getContext("2d");
      function measure(font) { return function (s) { probe.font = font; return probe.measureText(s).width; }; }
      var titleFont = "bold 17px " + FONT, smallFont = "13px " + FONT, boldSmall = "bold 13px " + FONT;
      var parts = dxmap.titleParts(D, lang), titleLines = dxmap.wrapText(measure(titleFont), D.title, size.x - 2 * pad, [parts.place, parts.date]);
      var t = M.techs[state.tech], c = t ? M.counts(t, state.district, state.commune) : [];
      var where = state.commune >= 0 ? M.C.name[state.commune] : M.placeLabel(state.district);
      var place = P.placeTitle(), sub = !place ? [] : dxmap.wrapText(measure(boldSmall), place, size.x - 2 * pad) // the place of a narrowed view,
        .map(function (line) { return [line, "#1a1a1a"]; }); // under the page's title
      var dateLine = parts.dateLine;
      if (dateLine) sub.push([dateLine, "#1a1a1a"]);
      if (D.illustrative) sub.push([T.illustrative, "#8a1c00"]);
      if (D.pageNote) dxmap.wrapText(measure(smallFont), D.pageNote, size.x - 2 * pad).forEach(function (line) { sub.push([line, "#5b3a00"]); });
      // markers drawn reduced (small dots, some of them): the image says so, as the legend does
      if (t && layers.markersReduced()) dxmap.wrapText(measure(boldSmall), dxmap.fmt(T.map_markers_reduced, { unit: P.units(t)[0] }),
        size.x - 2 * pad).forEach(function (line) { sub.push([line, "#444444"]); });
      var former = t ? M.formerTotals(t, state.district, state.commune) : null, people = t ? P.gapPeople(t, state.district, -1, state.commune) : null;
      // the share, the people in the gap villages it counts, then the units without data: as the legend's headline
      var share = !t ? null : P.shareParts(t, c, former, t.any ? M.gapCommunes(state.district, state.commune) : 0);
      var legendHead = t ? T[t.key] + " — " + where + ": " + share[0] + (people ? ", " + P.gapPeopleText(people) : "") + share[1] : where;
      var items = [], ix = pad, iy = 0; // legend items, wrapped into rows
      /** Place legend item `it` (its symbol `symbol` px wide, then its label) after the last one, on a new row if it does not fit. */
      function addItem(it, symbol) {
        var w = symbol + measure(smallFont)(it.label) + 16;
        if (ix > pad && ix + w > size.x - pad) { ix = pad; iy += 22; }
        it.x = ix; it.y = iy;
        items.push(it);
        ix += w;
      }
      // "–" where there is no data, as the legend writes it: no unit at all, or (the change) none of known status
      var none = dxmap.noUnits(c), unknowable = dxmap.noKnownStatus(c, M.S.indexOf("unknown"));
      M.S.forEach(function (s, si) {
        if (state.show[si]) addItem({ si: si, label: T[s] + " " + dxmap.countText(c[si], none || (unknowable && s !== "unknown"),
          lang) }, 20); // nothing known: only the unknown count (QA63 5)
      });
      // the change since an earlier date, with the symbols the map draws
      var ch = t ? M.changeCounts(t, state.district, state.commune) : null;
      var noThen = !!ch && !M.knownThen(t, state.district, state.commune); // nothing known then: "–" (QA63 4)
      if (ch) dxmap.CHANGES.forEach(function (kind, ci) {
        if (!state.showChange[ci] || !dxmap.changeListed(kind, ch[ci])) return;
        var nodata = unknowable || (noThen && dxmap.needsThen(kind));
        addItem({ change: kind, label: T["chg_" + kind] + " " + dxmap.countText(ch[ci], nodata, lang) }, 26);
      });
      // what the commune fills mean, on a row of its own: the heading, then a square per fill
      var fills = t ? P.legend.fillKeyOf(t) : null;
      if (fills) { // the heading wrapped to the width (a phone's ran past its edge), a row per line
        dxmap.wrapText(measure(smallFont), fills.title + ":", size.x - 2 * pad - 8).forEach(function (line) {
          if (ix > pad) { ix = pad; iy += 22; }
          addItem({ heading: true, label: line }, -8);
        });
        fills.swatches.forEach(function (sw) { addItem({ fill: sw.colour, label: sw.text }, 18); });
      }
      var headLines = dxmap.wrapText(measure(boldSmall), legendHead, size.x - 2 * pad)
        .concat(ch ? dxmap.wrapText(measure(boldSmall), M.change.title, size.x - 2 * pad) : []);
      var head = pad + titleLines.length * 22 + sub.length * 18 + 6;
      var foot = 8 + headLines.length * 18 + 14 + iy + 22 + 16 + pad;
      var canvas = el("canvas", { width: Math.round(size.x * r), height: Math.round((head + size.y + foot) * r) }), ctx = canvas.getContext("2d");
      ctx.scale(r, r);
      ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, size.x, head + size.y + foot);
      ctx.textBaseline = "top"; ctx.fillStyle = "#1a1a1a";
      ctx.font = titleFont;
      titleLines.forEach(function (line, i) { ctx.fillText(line, pad, pad + i * 22); });
      ctx.font = boldSmall;
      sub.forEach(function (s, i) { ctx.fillStyle = s[1]; ctx.fillText(s[0], pad, pad + titleLines.length * 22 + i * 18); });
      ctx.fillStyle = "#eef0f2"; ctx.fillRect(0, head, size.x, size.y);
      shown.forEach(function (l) {
        var v = l._view;
        ctx.drawImage(l._c, (v.px + crop[0]) * v.ratio, (v.py + crop[1]) * v.ratio, size.x * v.ratio, size.y * v.ratio, 0, head, size.x, size.y);
      });
      ctx.strokeStyle = "#666666"; ctx.lineWidth = 1; ctx.strokeRect(0.5, head + 0.5, size.x - 1, size.y - 1);
      // a scale bar in the map's lower left, measured across the middle of the view as Leaflet's control does
      var mid = crop[1] + size.y / 2, left = map.containerPointToLatLng([crop[0], mid]), right = map.containerPointToLatLng([crop[0] + 100, mid]);
      var bar = dxmap.scaleBar(map.distance(left, right) / 100, 100, lang), bx = 10, by = head + size.y - 10;
      ctx.font = "11px " + FONT; ctx.textBaseline = "bottom";
      var barWidth = Math.max(bar.px, measure("11px " + FONT)(bar.text) + 6);
      ctx.fillStyle = "rgba(255,255,255,0.8)"; ctx.fillRect(bx - 4, by - 18, barWidth + 8, 20);
      ctx.strokeStyle = "#1a1a1a"; ctx.lineWidth = 2;
      ctx.beginPath(); ctx.moveTo(bx, by - 6); ctx.lineTo(bx, by); ctx.lineTo(bx + bar.px, by); ctx.lineTo(bx + bar.px, by - 6); ctx.stroke();
      ctx.fillStyle = "#1a1a1a"; ctx.fillText(bar.text, bx + 3, by - 2);
      var y = head + size.y + 8;
      ctx.fillStyle = "#1a1a1a"; ctx.font = boldSmall; ctx.textBaseline = "top"; // the scale bar's "bottom" drew the headline on the map
      headLines.forEach(function (line) { ctx.fillText(line, pad, y); y += 18; });
      y += 14;
      ctx.font = smallFont; ctx.textBaseline = "middle";
      items.forEach(function (it) {
        var x = it.x + (it.change ? 11 : 8), cy = y + it.y;
        if (it.fill || it.heading) { // a fill square, or the fills' heading
          if (it.fill) { ctx.fillStyle = it.fill; ctx.fillRect(it.x, cy - 6, 14, 12); ctx.strokeStyle = "#999999"; ctx.strokeRect(it.x + 0.5, cy - 5.5, 13, 11); }
          ctx.fillStyle = "#1a1a1a"; ctx.fillText(it.label, it.x + (it.fill ? 18 : 0), cy);
          return;
        }
        var st = it.change ? dxmap.changeStyle(it.change, D) : null, si = st ? st.si : it.si; // a change: as the map draws it
        if (si >= 0) {
          var mp = dxmap.markerPath(D.shapes[si], st ? dxmap.ringedMarkerRadius(st, st.ringRadius) : dxmap.RADIUS[si]);
          dxmap.paintMarkers(ctx, new Path2D(dxmap.pathAt(mp, x, cy)), D.shapes[si], D.colours[si], 1);
        }
        if (st && st.ring) dxmap.paintRings(ctx, new Path2D(dxmap.pathAt(dxmap.markerPath("circle", st.ringRadius), x, cy)), st.ring, 1);
        if (st && st.dot) { ctx.fillStyle = st.dot; ctx.fill(new Path2D(dxmap.pathAt(dxmap.markerPath("circle", st.dotRadius), x, cy))); }
        ctx.fillStyle = "#1a1a1a"; ctx.fillText(it.label, it.x + (it.change ? 26 : 20), cy);
      });
      ctx.fillStyle = "#666666"; ctx.font = "11px " + FONT; ctx.textBaseline = "top";
      ctx.fillText(P.word("map_png_note") + (D.asOf ? " · " + dxmap.formatDate(D.asOf, lang) : ""), pad, y + iy + 16);
      canvas.legendText = headLines.concat(items.map(function (it) { return it.label; })); // what the legend lines say, for tests and scripts
      canvas.headText = titleLines.concat(sub.map(function (s) { return s[0]; }));
      canvas.scaleText = bar.text;
      canvas.mapBox = [0, head, size.x, head + size.y]; // the map's frame (CSS pixels), for tests
      return canvas;
    }
    function downloadPng() {
      var canvas = pngCanvas();
      canvas.toBlob(function (blob) { if (blob) P.download(blob, P.fileName(".png")); }, "image/png");
    }

    return { downloadPng: downloadPng, pngCanvas: pngCanvas };
  };
})();

/*! dxmap gap map page: what the reader does to the view. Choose a district, technology and statuses, go to a
 * place, open a card, hover for a tooltip; the view is kept in the address (#hash) and the back button undoes it. */
(function () {
  "use strict";
  var dxmap = (globalThis.dxmap = globalThis.dxmap || {});

  var TAP_PX = 22; // a finger: the nearest marker within this distance is the one tapped
  var CLICK_PX = 9; // a mouse pointer
  var EDGE = 16, GAP = 8; // px between a fitted place and the map's edges, and the controls
  var BURST_MS = 1000; // changes of the district list closer than this are one step of the back button
  var PROFILE_ROWS = 200; // a place's outline is kept clear of the controls row by row, this many rows across its height

  dxmap.view = function (P) {
    var map = P.map, M = P.model, state = P.state, layers = P.layers;
    var ready = false, applying = false, lastHash = null;
    var MAX_ZOOM = 19, ZOOM_OUT = 3; // a village's houses; three steps out from the whole area
    var DOUBLE_MS = 500; // a double-click's two clicks come closer than this
    var MIN_ROOM = 120; // px of map height a place is fitted in, at the least

    function latLngBounds(b) { return L.latLngBounds([b[1], b[0]], [b[3], b[2]]); }
    function allBox() {
      var b = M.districtBox(-1);
      if (b) return b;
      for (var u = 0; u < M.nU; u++) {
        var q = dxmap.shapeBounds(layers.unitShapes, u);
        if (q) b = b ? [Math.min(b[0], q[0]), Math.min(b[1], q[1]), Math.max(b[2], q[2]), Math.max(b[3], q[3])] : q;
      }
      return b || [102, 8, 110, 24];
    }
    function districtBox(d) { return d < 0 ? allBox() : M.districtBox(d); }
    /** Whether [lat, lng] lies near the page's places: within their box grown by its own size on every side. */
    function near(center) {
      var b = allBox(), w = b[2] - b[0], h = b[3] - b[1];
      return center[1] >= b[0] - w && center[1] <= b[2] + w && center[0] >= b[1] - h && center[0] <= b[3] + h;
    }
    /** Zoom from a little wider than the whole area (its districts a few pixels each, not a dot) to streets. */
    function limitZoom() {
      map.setMaxZoom(MAX_ZOOM);
      map.setMinZoom(Math.max(0, Math.floor(map.getBoundsZoom(latLngBounds(allBox()))) - ZOOM_OUT));
    }
    /**
     * The outline of commune c, else of district d (every district for -1), and point [x, y] if given, in world
     * coordinates: fitTo's outline(visit, zoom). A district without an outline of its own is its communes'.
     */
    function outlineOf(d, c, point) {
      var st = layers.districtShapes, list = [], k;
      var own = d >= 0 ? M.districtsIn(d).filter(function (q) { return dxmap.shapeBounds(st, q); }) : []; // a province: its districts
      if (c >= 0 && dxmap.shapeBounds(layers.unitShapes, M.cU[c])) { st = layers.unitShapes; list = [M.cU[c]]; }
      else if (d >= 0 && own.length) list = own;
      else if (d < 0 && M.districtBox(-1)) for (k = 0; k < st.n; k++) list.push(k);
      else {
        st = layers.unitShapes;
        for (k = 0; k < M.nU; k++) if (M.unitInDistrict(k, d, -1)) list.push(k);
      }
      return function (visit, zoom) {
        dxmap.shapeEdges(st, list, zoom, visit);
        if (point) visit(point[0], point[1], point[0], point[1]);
      };
    }

    /**
     * Fit box ([w, s, e, n] degrees) in the part of the map the controls leave free, where there is room. outline(visit),
     * if given, draws the place itself (dxmap.rowProfile's edges, in world coordinates): on a wide map its box may then
     * reach under a control where the place does not.
     */
    function fitTo(box, maxZoom, outline) {
      var size = map.getSize(), pad = [EDGE, EDGE, EDGE, EDGE], bounds = latLngBounds(box); // left, top, right, bottom
      if (P.layout.isCompact() && !P.printing) { // a bar on top, sheets at the bottom: keep clear of both
        // A small control in a corner (the zoom buttons) pushes the place down or up only if it would cover it:
        // it made the first view of a province leave twice as much space above it as below.
        var bars = [], corners = [];
        P.layout.obstacles().forEach(function (b) { (b[2] - b[0] > size.x / 2 ? bars : corners).push(b); });
        // The place goes in the tallest strip the bars leave (the title bar above; the legend line and an open table
        // below, the legend line then above the middle: it was taken for a bar at the top, and the place fitted
        // under the table at zoom 16); a corner's control pushes it down or up within that strip.
        var clearOf = function (list) {
          var spans = list.filter(function (b) { return b[2] - b[0] > size.x / 2; }).map(function (b) { return [b[1], b[3]]; })
            .sort(function (a, b) { return a[0] - b[0]; });
          var free = null, top = 0;
          spans.concat([[size.y, size.y]]).forEach(function (e) {
            if (e[0] > top && (!free || e[0] - top > free[1] - free[0])) free = [top, e[0]];
            top = Math.max(top, e[1]);
          });
          if (!free || free[1] - free[0] < MIN_ROOM) free = [spans.length && spans[0][0] <= 0 ? spans[0][1] : 0, size.y];
          var p = pad.slice(), mid = free[0] + free[1];
          if (free[0] > 0) p[1] = Math.max(p[1], free[0] + 8);
          if (free[1] < size.y) p[3] = Math.max(p[3], size.y - free[1] + 8);
          list.forEach(function (b) {
            if (b[2] - b[0] > size.x / 2) return;
            if (b[1] + b[3] < mid) p[1] = Math.max(p[1], b[3] + 8);
            else p[3] = Math.max(p[3], size.y - b[1] + 8);
          });
          return p;
        };
        pad = clearOf(bars);
        if (corners.length) {
          var z = Math.min(map.getBoundsZoom(bounds, false, L.point(pad[0] + pad[2], pad[1] + pad[3])), maxZoom || 16);
          // where fitBounds puts the place (as Leaflet centres it), in container pixels
          var sw = map.project(bounds.getSouthWest(), z), ne = map.project(bounds.getNorthEast(), z);
          var o = sw.add(ne).divideBy(2).add([(pad[2] - pad[0]) / 2, (pad[3] - pad[1]) / 2]).subtract(size.divideBy(2));
          var onScreen = [sw.x - o.x, ne.y - o.y, ne.x - o.x, sw.y - o.y];
          if (corners.some(function (b) { return dxmap.overlaps(b, onScreen); })) pad = clearOf(bars.concat(corners));
        }
      } else if (!P.printing && fitClear(bounds, size, maxZoom || 16, outline)) {
        return;
      } else {
        pad = clearOfControls(bounds, pad, size, maxZoom);
      }
      map.fitBounds(bounds, { paddingTopLeft: [pad[0], pad[1]], paddingBottomRight: [pad[2], pad[3]], maxZoom: maxZoom || 16, animate: false });
    }
    /**
     * On a wide map the controls sit in its corners: the title and zoom buttons top left, the panel top right, the
     * legend bottom left, the table bottom right. The place is drawn as large as it can be with nothing of it under
     * one of them, as near the middle as that allows: a district was fitted to the whole map, the legend over its
     * south-west and the right half of the map empty. Its box may pass under a control where the place does not (a
     * province's empty corner beside the legend): with its whole box kept clear the demo's province was drawn two
     * fifths smaller. false when no view down to 3 zooms below the place fitted to the whole map is clear.
     */
    function fitClear(bounds, size, maxZoom, outline) {
      var nw = map.project(bounds.getNorthWest(), 0), se = map.project(bounds.getSouthEast(), 0), world = [nw.x, nw.y, se.x, se.y];
      var top = Math.min(map.getBoundsZoom(bounds, false, L.point(2 * EDGE, 2 * EDGE)), maxZoom), snap = map.options.zoomSnap || 0.25;
      var sides = function (visit) { visit(nw.x, nw.y, nw.x, se.y); visit(se.x, nw.y, se.x, se.y); }; // the box itself
      var prof = dxmap.rowProfile(world, PROFILE_ROWS, outline ? function (visit) { outline(visit, top); } : sides);
      if (!prof.lo.some(isFinite)) prof = dxmap.rowProfile(world, PROFILE_ROWS, sides); // a place without an outline
      var boxes = P.layout.obstacles(), crs = map.options.crs;
      for (var z = top; z >= top - 3; z -= snap) {
        var f = crs.scale(z) / crs.scale(0), spot = dxmap.clearSpot(prof, f, [size.x, size.y], boxes, GAP, EDGE);
        if (!spot) continue;
        map.setView(map.unproject([world[0] * f - spot[0] + size.x / 2, world[1] * f - spot[1] + size.y / 2], z), z, { animate: false });
        return true;
      }
      return false;
    }
    /**
     * On paper (and on a map too small to keep the place clear of every control on screen), the place lies right of
     * the legend or above it, below the title, whichever draws it larger (a wide district beside a tall legend, a tall
     * one above a printed legend that is 40% of the page wide); its box is kept clear, not just the place.
     */
    function clearOfControls(bounds, pad, size, maxZoom) {
      var frame = map.getContainer();
      var boxes = P.printing ? [P.layout.title, P.legend.box].map(function (e) { return dxmap.boxOf(e, frame); }).filter(Boolean)
        : P.layout.obstacles();
      function zoom(p) { return Math.min(map.getBoundsZoom(bounds, false, L.point(p[0] + p[2], p[1] + p[3])), maxZoom || 16); }
      var clear = dxmap.clearPad([size.x, size.y], pad, boxes, GAP, zoom);
      if (clear) return clear;
      // a map too small for that (no room beside or above every control): below the title only
      return [pad[0], pad[1] + Math.min(P.layout.title.offsetHeight || 0, size.y * 0.25), pad[2], pad[3]];
    }

    // ---- popups, clear of the controls ----
    var popup = L.popup({ maxWidth: 380, maxHeight: 420, autoPan: false, className: "dxmap-popup" });
    var returnTo = null; // a card opened from a control (a table row, a search): the control focus goes back to
    /** Open a card at latlng. back(), if given, is the control it was opened from: the card takes the focus (a screen
     * reader reads it, Escape closes it) and gives it back to that control when it closes. */
    function openPopup(latlng, node, back) {
      var size = map.getSize();
      popup.options.maxWidth = Math.min(380, size.x - 32);
      popup.options.maxHeight = Math.max(160, Math.min(420, size.y - 200));
      popup.setLatLng(latlng).setContent(node).openOn(map);
      var box = dxmap.boxOf(popup.getElement(), map.getContainer());
      if (box) {
        var shift = dxmap.clearShift(box, [0, 0, size.x, size.y], P.layout.obstacles(), 8);
        if (shift[0] || shift[1]) map.panBy([-shift[0], -shift[1]], { animate: false });
      }
      if (back) {
        returnTo = back;
        var content = popup.getElement().querySelector(".leaflet-popup-content");
        content.setAttribute("tabindex", "-1");
        content.focus({ preventScroll: true });
      }
    }
    map.on("popupopen", function (e) { // Leaflet's × says "Close popup" in English
      var close = e.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) { close.setAttribute("aria-label", P.T.map_close); close.title = P.T.map_close; }
    });
    map.on("popupclose", function (e) {
      var back = e.popup === popup ? returnTo : null, el = popup.getElement(), focus = document.activeElement;
      returnTo = null;
      // The card of a place found closed (its ×, Escape, a tap on the map, another sheet): the reader is done with it.
      // Kept, a phone turned later opened it again and fitted the map back to it (QA62 3). Going to another place
      // reuses the open card, which does not close it.
      if (e.popup === popup && state.found) { state.found = null; refresh(true); }
      if (!back || !(focus === document.body || (el && el.contains(focus)))) return; // the reader has moved on
      var to = back();
      if (to && to.isConnected) to.focus({ preventScroll: true });
    });
    // Escape closes the card where the focus is in it (or nowhere): in the search box or the menu it is theirs
    document.addEventListener("keydown", function (ev) {
      if (ev.key !== "Escape" || !popup.isOpen()) return;
      var focus = document.activeElement, el = popup.getElement();
      if (focus !== document.body && focus !== map.getContainer() && !(el && el.contains(focus))) return;
      map.closePopup();
      ev.preventDefault();
    });

    // ---- what a click, tap or hover is over ----
    var pointer = "mouse";
    L.DomEvent.on(map.getContainer(), "pointerdown", function (ev) { pointer = ev.pointerType || "mouse"; });
    var clickedAt = 0; // when a click last opened a card: a double-click's first click opens one, which it closes
    map.on("click", function (e) {
      if (e.originalEvent && e.originalEvent.detail > 1) return; // a double-click's second click: it zooms
      clickedAt = Date.now();
      var t = M.techs[state.tech], hits = layers.markersAt(e.containerPoint, pointer === "mouse" ? CLICK_PX : TAP_PX);
      if (hits.length) {
        var k = hits[0], p = M.pts[t.kind];
        openPopup(L.latLng(p[2 * k + 1], p[2 * k]), P.cards.markerCards(t, hits));
        return;
      }
      var u = layers.unitAt(e.containerPoint);
      if (u >= 0) openPopup(e.latlng, P.cards.unitCard(u));
    });
    map.on("dblclick", function () { if (Date.now() - clickedAt < DOUBLE_MS) map.closePopup(); });

    var tip = L.tooltip({ direction: "top", offset: [0, -10], className: "dxmap-tip", opacity: 0.95 });
    var tipKey = null, moveFrame = null;
    function tooltipAt(cp, target) {
      // Over the map itself (its canvases let the pointer through to the container), not a control or popup.
      var over = (target === map.getContainer() || map.getPane("mapPane").contains(target)) && !map.getPane("popupPane").contains(target);
      var t = M.techs[state.tech];
      var hits = over ? layers.markersAt(cp, CLICK_PX) : [], u = over && !hits.length ? layers.unitAt(cp) : -1;
      var key = hits.length ? "p" + hits.join(",") : u >= 0 ? "u" + u + ":" + state.tech : null;
      map.getContainer().style.cursor = key ? "pointer" : "";
      if (!key || popup.isOpen()) { tipKey = null; map.closeTooltip(tip); return; } // a card open: no tip beside it
      if (key !== tipKey) { tip.setContent(hits.length ? P.cards.markerTip(t, hits) : P.cards.unitTip(t, u)); tipKey = key; }
      tip.setLatLng(map.containerPointToLatLng(cp));
      map.openTooltip(tip);
    }
    L.DomEvent.on(map.getContainer(), "pointermove", function (ev) {
      if (ev.pointerType !== "mouse") return; // a finger has no hover: a tap opens the card instead
      var cp = map.mouseEventToContainerPoint(ev), target = ev.target;
      if (moveFrame) return;
      moveFrame = L.Util.requestAnimFrame(function () { moveFrame = null; tooltipAt(cp, target); });
    });
    function closeTip() { tipKey = null; map.closeTooltip(tip); }
    L.DomEvent.on(map.getContainer(), "mouseleave", closeTip);
    map.on("movestart", closeTip); // what it named may have moved away from the pointer
    map.on("popupopen", closeTip);

    // ---- actions ----
    /** The legend and the table bar count what is shown: before a place is fitted, as they take their size then. */
    function count() {
      P.legend.update();
      P.table.update();
      if (ready) P.announce(P.legend.spoken()); // the reader's change, not the first view
    }
    function refresh(counted) {
      layers.redrawPoints();
      layers.labels.redraw();
      if (!counted) count();
    }
    /** Go to a place found (search, table): a district is chosen; a commune fills the view; a village
     *  shows its whole commune, with the village ringed and its card open. back(): the control the reader chose
     *  it with, which the card gives the focus back to (openPopup). */
    function goTo(kind, k, back) {
      if (kind === "district") { setDistrict(k); return; }
      var d = kind === "commune" ? M.cD[k] : M.vD[k], c = kind === "commune" ? k : M.vC[k], p = M.pts[kind];
      if (state.district >= 0 && !M.districtIn(d, state.district)) setDistrict(-1, { zoom: false, push: false }); // a province keeps its own
      if (state.commune >= 0 && c !== state.commune) setCommune(-1, { zoom: false, push: false });
      state.found = { kind: kind, i: k };
      var ll = L.latLng(p[2 * k + 1], p[2 * k]), box = c >= 0 ? dxmap.shapeBounds(layers.unitShapes, M.cU[c]) : null;
      pushHash();
      if (box) {
        box = [Math.min(box[0], ll.lng), Math.min(box[1], ll.lat), Math.max(box[2], ll.lng), Math.max(box[3], ll.lat)];
        var w = P.world(kind);
        fitTo(box, M.fitZoom(kind, k), outlineOf(d, c, M.hasPlace(kind, k) ? [w[2 * k], w[2 * k + 1]] : undefined));
      } else {
        map.setView(ll, Math.max(map.getZoom(), 14), { animate: false });
      }
      refresh();
      openPopup(ll, kind === "commune" ? P.cards.communeCard(k, true) : P.cards.villageCard(k), back);
    }
    /** The district filter (-1: all; a province of a page of several, M.isProvince); a new district has its own communes to choose from. */
    function setDistrict(d, opts) {
      state.district = d;
      filterBy(-1, opts, districtBox(d), undefined, outlineOf(d, -1));
    }
    /** The commune filter: as the district one, narrowed to commune c (-1: the district's communes again). */
    function setCommune(c, opts) {
      filterBy(c, opts, placeBox(state.district, c), 14, outlineOf(state.district, c));
    }
    function filterBy(c, opts, box, maxZoom, outline) {
      opts = opts || {};
      state.commune = c;
      state.found = null;
      P.controls.syncInputs();
      map.closePopup();
      layers.restyle();
      if (opts.push !== false) writeHash(true, opts.burst);
      count();
      if (opts.zoom !== false) fitTo(box, maxZoom, outline);
      refresh(true);
    }
    function placeBox(d, c) { return (c >= 0 && dxmap.shapeBounds(layers.unitShapes, M.cU[c])) || districtBox(d); }
    /** Fit the place chosen: the commune if one is, else the district (every district for none), as choosing it does.
     * The printed page fits it to the paper: it drew a commune's whole district, the commune a speck without names. */
    function fitChosen() {
      var c = state.commune;
      fitTo(placeBox(state.district, c), c >= 0 ? 14 : undefined, outlineOf(state.district, c));
    }
    function setTech(ti, opts) {
      if (layers.techs[state.tech]) map.removeLayer(layers.techs[state.tech]);
      state.tech = ti;
      state.sortKey = null;
      P.controls.syncInputs();
      map.addLayer(layers.techs[ti]);
      layers.restyle();
      if (!opts || opts.push !== false) pushHash();
      refresh();
    }
    function setShown(si, on) {
      state.show[si] = on;
      layers.restyle(); // a commune technology's fills follow the statuses shown
      pushHash();
      refresh();
    }
    /** Show or hide one kind of change (dxmap.CHANGES index ci) on the map and in the table. */
    function setChangeShown(ci, on) {
      if (!state.showChange) return;
      state.showChange[ci] = on;
      pushHash();
      refresh();
    }

    // ---- the view in the address ----
    var changeKinds = M.changesListed(); // the link names only the kinds of change the page has (QA62 13)
    function currentView() {
      var c = map.getCenter();
      var every = P.homeDistrict >= 0 ? "all" : null; // a page that opens on one district says when every one is shown
      var province = M.isProvince(state.district) ? M.P.code[state.district - M.nD] : null;
      return { province: province, district: province ? null : state.district >= 0 ? M.DI.code[state.district] : every,
        commune: state.commune >= 0 ? M.C.code[state.commune] : null, tech: (M.techs[state.tech] || {}).key,
        show: M.S.filter(function (s, si) { return state.show[si]; }),
        change: !state.showChange ? null
          : dxmap.CHANGES.filter(function (k, ci) { return state.showChange[ci] && changeKinds[ci]; }),
        zoom: map.getZoom(), center: [c.lat, c.lng] };
    }
    var burstAt = 0, burstOf = null;
    /** Keep the view in the address: `push` a new step of the back button, else replace the last one. A `burst`
     * (the district or commune list walked with the arrow keys, each step a change; the list's name) is one step back,
     * not one per district; a commune chosen just after its district is a step of its own (QA52). */
    function writeHash(push, burst) {
      if (!P.useHash || !ready || applying || P.printing) return; // the printed page's view is the paper's, not the reader's
      var text = "#" + dxmap.viewToHash(currentView());
      if (text === location.hash) return;
      lastHash = text;
      var now = Date.now(), again = push && burst && burst === burstOf && now - burstAt < BURST_MS;
      if (push) { burstAt = burst ? now : 0; burstOf = burst || null; } // a move between the steps (moveend) is no step
      try { history[push && !again ? "pushState" : "replaceState"](null, "", text); } catch (e) { /* a sandboxed frame keeps no history */ }
      P.controls.viewChanged(push); // a new place, technology or statuses is pushed; a move replaces
    }
    function pushHash() { writeHash(true); }
    /** Put the page in the view a hash describes; fields it lacks take the page's defaults. True when the hash said
     * something the page does not show (a place it does not have, M.viewPlace; a technology, zoom or key it could not
     * use, dxmap.hashShows): the address is to be written again as the view shown. */
    function applyHash(hash, initial) {
      var v = dxmap.hashToView(hash), place = M.viewPlace(v, P.homeDistrict), d = place.d, c = place.c;
      var ti = v.tech ? M.techs.findIndex(function (t) { return t.key === v.tech; }) : -1;
      applying = true;
      try {
        if (ti < 0) ti = M.firstTech;
        state.show = M.S.map(function (s) { return v.show ? v.show.indexOf(s) >= 0 : s !== "covered"; });
        if (state.showChange) state.showChange = dxmap.CHANGES.map(function (k) { return v.change ? v.change.indexOf(k) >= 0 : dxmap.CHANGES_SHOWN.indexOf(k) >= 0; });
        if (ti !== state.tech || initial) {
          if (!initial) setTech(ti, { push: false });
          else state.tech = ti;
        }
        if (!initial) map.closePopup();
        state.district = d;
        state.commune = c;
        state.found = null;
        P.controls.syncInputs();
        layers.restyle();
        count();
        if (initial) P.layout.apply(); // the legend has its counts now: wide enough beside the table?
        var far = v.center && !near(v.center); // "c=0,0": a centre far off the page's places shows nothing of them
        if (v.zoom !== undefined && v.center && !far) map.setView(v.center, v.zoom, { animate: false });
        else fitTo(placeBox(d, c), c >= 0 ? 14 : undefined, outlineOf(d, c));
        if (!initial) refresh(true);
      } finally {
        applying = false;
      }
      lastHash = location.hash;
      var unused = place.dropped || far || !dxmap.hashShows(hash, dxmap.viewToHash(currentView()));
      if (!initial) {
        P.controls.viewChanged(true); // back, forward or a hash typed: another view
        if (unused) writeHash(false);
      }
      return unused;
    }
    if (P.useHash) {
      map.on("moveend", function () { writeHash(false); });
      var onNavigate = function () { if (location.hash !== lastHash) applyHash(location.hash, false); };
      window.addEventListener("popstate", onNavigate);
      window.addEventListener("hashchange", onNavigate);
    }

    /**
     * Draw the first view: the one in the address if there is one, else every district fitted. The legend and table
     * are counted and laid out first: the place is fitted clear of them as they will be.
     */
    function start() {
      var hashed = P.useHash && location.hash.length > 1, dropped = hashed && applyHash(location.hash, true);
      if (!hashed) {
        layers.restyle();
        count();
        P.layout.apply(); // the legend has its counts now: wide enough beside the table?
        fitTo(districtBox(state.district), undefined, outlineOf(state.district, -1));
      }
      limitZoom(); // once the first view is drawn (a zoom it moved would be animated before the outlines are)
      P.mark("outlines");
      if (M.techs[state.tech]) map.addLayer(layers.techs[state.tech]);
      P.mark("markers");
      ready = true;
      if (dropped) writeHash(false); // "#p=99", "#t=nope&foo=1": the address says the view shown, not what it could not use
    }

    return { fitTo: fitTo, fitChosen: fitChosen, districtBox: districtBox, goTo: goTo, setDistrict: setDistrict, setCommune: setCommune, setTech: setTech, setShown: setShown, setChangeShown: setChangeShown,
      start: start, currentView: currentView,
      downloadPng: function () { P.exporter.downloadPng(); } };
  };
})();

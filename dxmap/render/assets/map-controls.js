/*! dxmap gap map page: the controls around the map and how they are laid out on a wide screen and on a phone. */
(function () {
  "use strict";
  var dxmap = (globalThis.dxmap = globalThis.dxmap || {});

  var COMPACT_BELOW = 700; // px of map width: below it (or where legend and table collide) one top bar, panels behind buttons, bottom sheets
  var SHORT_BELOW = 500; // px of map height (a phone on its side): the compact layout too, with the bars made lower
  // px the rows of a wide map's open table need at least below the panel and layer box (its header and some 3 rows):
  // with less room (a short desktop window, 1400 × 520) the compact layout with low bars; the gap kept above them
  var TABLE_ROWS_LEAST = 120, TABLE_GAP = 10;
  var CARD_MARGIN = 8, CARD_TIP = 20; // px a phone's card (popup) keeps from the screen's edges and the bars; its tip's height

  /**
   * Title, district and technology choice, search, layer switches, print and PNG buttons, and the
   * legend and table boxes placed on the map. Wide: title top left, panel and layers top right,
   * legend bottom left, table bottom right. Narrow: one bar on top (title, district, technology,
   * a menu button for the rest) and the legend summary and table bar stacked at the bottom.
   */
  dxmap.controls = function (P) {
    var map = P.map, M = P.model, D = P.data, T = P.T, state = P.state, el = dxmap.el, id = P.id, word = P.word;
    var container = map.getContainer();

    // title, date and the illustrative banner (top left, above the zoom buttons)
    var notice = el("p", { className: "dxmap-notice", role: "status", hidden: true });
    var menuButton = el("button", { type: "button", className: "dxmap-menu", "aria-expanded": "false", "aria-controls": id + "-panel",
      "aria-label": word("map_menu"), title: word("map_menu"), click: function () { setMenu(!container.classList.contains("dxmap-menu-open")); } },
      [el("span", { className: "dxmap-menu-icon", "aria-hidden": "true" })]);
    var barRow = el("div", { className: "dxmap-barrow" });
    var parts = dxmap.titleParts(D, P.lang); // the date phrase never wraps inside itself
    var titleBox = el("div", { className: "dxmap-title leaflet-control" }, [
      el("div", { className: "dxmap-titlerow" }, [el("h1", { title: String(D.title || "") }, [parts.head, parts.place ? el("span", { className: "dxmap-place", text: parts.place }) : null, parts.place ? " " : null,
        parts.date ? el("span", { className: "dxmap-nowrap", text: parts.date }) : null]), menuButton]),
      parts.dateLine ? el("p", { className: "dxmap-date", text: parts.dateLine }) : null,
      D.illustrative ? el("p", { className: "dxmap-banner", text: T.illustrative }) : null,
      D.pageNote ? el("p", { className: "dxmap-pagenote", text: D.pageNote }) : null,
      notice, barRow]);
    // a line only a screen reader reads: what the view now shows, what a search found (P.announce)
    var live = el("p", { className: "dxmap-sr", role: "status", "aria-live": "polite" }), liveTimer = null;
    titleBox.appendChild(live);
    P.announce = function (text) { // after the last of quick changes (arrowing through the districts), once
      clearTimeout(liveTimer);
      // the same words again (another search with one result) are a change too: a screen reader reads a new text only
      liveTimer = setTimeout(function () { live.textContent = live.textContent === text ? text + "\u00a0" : text; }, 300);
    };
    container.setAttribute("role", "region"); // Leaflet makes the map a Tab stop without a name
    container.setAttribute("aria-label", T.map_area);
    var credit = container.querySelector(".leaflet-control-attribution a[href*='leafletjs']");
    if (credit) credit.title = "Leaflet"; // not its English "A JavaScript library for interactive maps"
    var hadZoom = !!map.zoomControl && !!map.zoomControl._map;
    if (hadZoom) map.zoomControl.remove();
    dxmap.control("topleft", titleBox).addTo(map);
    if (hadZoom) map.zoomControl.addTo(map);
    if (map.zoomControl) { // its buttons speak English
      [[map.zoomControl._zoomInButton, T.map_zoom_in], [map.zoomControl._zoomOutButton, T.map_zoom_out]].forEach(function (b) {
        if (b[0]) { b[0].title = b[1]; b[0].setAttribute("aria-label", b[1]); }
      });
    }

    // district filter, technology, search, print and PNG (top right)
    // 2025 units: no districts, former ones. With several provinces the word stays the table's district column's: the
    // groups and their first option ("Cả tỉnh Yên Bái") say the province.
    var filterWord = M.formerDistricts ? T.map_former_district_filter : T.map_district_filter;
    var byName = new Intl.Collator(P.lang === "en" ? "en" : "vi", { numeric: true, sensitivity: "base" }); // "Bát Xát" before "Bắc Hà"
    var districtOrder = M.DI.name.map(function (name, d) { return d; }).sort(function (a, b) { return byName.compare(M.DI.name[a], M.DI.name[b]) || a - b; });
    var select = el("select", { id: id + "-district", className: "dxmap-district", "aria-label": filterWord,
      change: function () { P.view.setDistrict(+select.value, { burst: "district" }); } }, // arrowing through it: one step back
      [el("option", { value: "-1", text: M.allLabel() })].concat(M.nD === 1 ? [] : M.P ? dxmap.placeGroups(M, districtOrder).map(function (g) {
        // a city named as its province says what it is, "Yên Bái (thành phố)", in its place in the list
        var options = g.districts.map(function (d) {
          return el("option", { value: String(d), text: M.districtLabel(d) });
        });
        if (g.p < 0) return el("optgroup", { label: "–" }, options); // districts of no known province
        return el("optgroup", { label: M.districtTitle(M.nD + g.p) }, [el("option", { value: String(M.nD + g.p), text: M.provinceAll(g.p) })].concat(options));
      }) : districtOrder.map(function (d) { return el("option", { value: String(d), text: M.districtLabel(d) }); })));
    select.value = String(state.district); // a page made for one district opens on it
    // nothing to choose: the page shows its communes (a page of a few communes counts them, never a district)
    var noMenu = M.noDistricts || !!M.communesPlace;
    if (noMenu) select.hidden = true;
    // commune filter: the communes of the district chosen (all communes when none is), refilled when it changes
    var communeSelect = el("select", { id: id + "-commune", className: "dxmap-commune", "aria-label": T.map_commune_filter,
      // on a phone the menu closes first: the commune is then fitted to the map, not to the strip below the open menu
      change: function () { P.layout.closeMenu(); P.view.setCommune(+communeSelect.value, { burst: "commune" }); } }); // as the district menu
    var communeLabel = el("label", { className: "dxmap-lab", for: id + "-commune", text: T.map_commune_filter });
    // Its options are made when the reader comes to it (a press, the focus): until then it holds "All communes" and
    // the commune chosen. A national page's 10,600 options cost 0.6 s of its load, for a menu most never open.
    var communesFor = null; // the district whose communes the menu lists; null while it holds the chosen one alone
    function communeOptions(list, names) {
      communeSelect.textContent = "";
      communeSelect.appendChild(el("option", { value: "-1", text: T.map_all_communes }));
      list.forEach(function (c, i) { communeSelect.appendChild(el("option", { value: String(c), text: names[i] })); });
      communeSelect.value = String(state.commune);
    }
    function fillCommunes() {
      if (communesFor === state.district) return;
      communesFor = null;
      var c = state.commune;
      communeOptions(c >= 0 ? [c] : [], c >= 0 ? [M.communeNameIn(c, state.district)] : []);
    }
    function listCommunes() {
      if (communesFor === state.district) return;
      communesFor = state.district;
      var list = M.communesOf(state.district);
      communeOptions(list, M.communeNames(list));
    }
    ["pointerdown", "mousedown", "touchstart", "focus", "keydown"].forEach(function (type) { communeSelect.addEventListener(type, listCommunes); });
    fillCommunes();
    var techBox = el("fieldset", { className: "dxmap-techs" }, [el("legend", { text: T.map_technology })].concat(M.techs.map(function (t, ti) {
      return el("label", { "data-tech": t.key }, [el("input", { type: "radio", name: id + "-tech", value: t.key, checked: ti === state.tech,
        change: function () { P.view.setTech(ti); } }), el("span", { className: "dxmap-long", text: " " + T[t.key] }),
        el("span", { className: "dxmap-short", text: dxmap.shortName(T, t.key) })]);
    })));
    var districtLabel = el("label", { className: "dxmap-lab", for: id + "-district", text: filterWord,
      hidden: noMenu });
    var search = dxmap.searchBox(P);
    // "Copy link": the part after "#" and where it goes, for someone who has the file elsewhere (sent by Zalo, e-mail)
    var linkNote = el("p", { className: "dxmap-link-note", role: "status" });
    var linkText = el("textarea", { className: "dxmap-link-text", readonly: true, rows: 3, "aria-label": T.map_copy_link });
    var linkBox = el("div", { id: id + "-link", className: "dxmap-linkbox", hidden: true }, [linkNote, linkText,
      el("button", { type: "button", className: "dxmap-btn dxmap-link-close", text: T.map_close, click: function () { closeLink(true); } })]);
    // Escape closes the box (before the phone's menu: a second Escape closes that)
    linkBox.addEventListener("keydown", function (ev) { if (ev.key === "Escape") { ev.stopPropagation(); closeLink(true); } });
    function viewLink() { return dxmap.linkText(T, dxmap.pageFile(location.href), dxmap.viewToHash(P.view.currentView())); }
    /** Close the link box; `refocus`: the reader closed it, focus goes back to its button. */
    function closeLink(refocus) {
      if (linkBox.hidden) return;
      linkBox.hidden = true;
      if (refocus) linkButton.focus({ preventScroll: true });
    }
    /**
     * The view changed: a link copied for the last one must not stay on show as this one's. Another place, technology
     * or statuses (`chosen`) closes the box; a move or zoom puts the new link in it, to select and copy again.
     */
    function viewChanged(chosen) {
      if (linkBox.hidden) return;
      if (chosen) { closeLink(false); return; }
      linkText.value = viewLink();
      linkNote.textContent = T.map_link_select;
    }
    /** Copy the view's link sentence (dxmap.linkText) with the clipboard where the page may use it; the text is shown
     * selected either way, so that a file:// page without clipboard access can still be copied by hand. */
    function copyLink() {
      var text = viewLink();
      linkText.value = text;
      linkBox.hidden = false;
      linkNote.textContent = T.map_link_select;
      linkText.focus({ preventScroll: true });
      linkText.select();
      // the clipboard answers later: "copied" only if the box still holds what was copied (a move since changed it)
      var done = function () { if (!linkBox.hidden && linkText.value === text) linkNote.textContent = T.map_link_copied; };
      try {
        if (navigator.clipboard && navigator.clipboard.writeText) { navigator.clipboard.writeText(text).then(done, function () {}); return; }
        if (document.execCommand && document.execCommand("copy")) done();
      } catch (e) { /* no clipboard here: the selected text stays to copy by hand */ }
    }
    var linkButton = el("button", { type: "button", className: "dxmap-btn dxmap-copylink", text: T.map_copy_link_short, title: T.map_copy_link,
      "aria-label": T.map_copy_link, "aria-controls": id + "-link", click: function () { copyLink(); } });
    var panel = el("div", { id: id + "-panel", className: "dxmap-panel leaflet-control" }, [
      districtLabel, select, communeLabel, communeSelect, techBox, search.label, search.input, search.list,
      el("div", { className: "dxmap-actions" }, [
        el("button", { type: "button", className: "dxmap-btn dxmap-print", text: T.map_print, click: function () { window.print(); } }),
        el("button", { type: "button", className: "dxmap-btn dxmap-png", text: word("map_download_png"), click: function () { P.view.downloadPng(); } }),
        // one row with print and PNG: a second row would take the height a place is fitted in
        linkButton]),
      linkBox]);
    dxmap.control("topright", panel).addTo(map);
    // on a phone, Escape closes the menu wherever the focus is (an open result list or card is closed first)
    document.addEventListener("keydown", function (ev) {
      if (ev.key !== "Escape" || ev.defaultPrevented || !compact || !container.classList.contains("dxmap-menu-open")) return;
      setMenu(false);
      menuButton.focus();
    });

    var overlays = {};
    if (!M.noDistricts) overlays[M.formerDistricts ? T.map_former_district_line : T.districts] = P.layers.districts;
    overlays[M.formerDistricts ? T.map_labels_former : M.noDistricts ? T.map_labels_communes : T.map_labels] = P.layers.labels;
    if (D.basemap !== null && D.basemap !== undefined) {
      var tiles = L.tileLayer(D.tiles.url, { attribution: D.tiles.attribution, maxZoom: D.tiles.maxZoom });
      overlays[T.map_basemap_online] = tiles;
      if (D.basemap) tiles.addTo(map);
    }
    var layersControl = L.control.layers(null, overlays, { collapsed: false, position: "topright" }).addTo(map);
    function watchTiles(layer) {
      if (!(layer instanceof L.TileLayer) || layer._dxWatched) return;
      layer._dxWatched = true;
      layer.on("tileerror", function () { notice.textContent = T.map_basemap_failed; notice.hidden = false; });
      layer.on("tileload", function () { notice.hidden = true; });
    }
    map.eachLayer(watchTiles);
    map.on("layeradd", function (e) { watchTiles(e.layer); });

    // a metric scale bar (a folium map of the user's may bring its own), under the legend
    if (!container.querySelector(".leaflet-control-scale")) L.control.scale({ imperial: false, position: "bottomleft" }).addTo(map);
    dxmap.control("bottomleft", P.legend.box).addTo(map);
    dxmap.control("bottomright", P.table.box).addTo(map);

    // ---- layout ----
    var compact = null, corners = map._controlCorners;
    /** Narrow below COMPACT_BELOW or SHORT_BELOW, and wherever the legend and the table bar would not fit side by side. */
    function apply() {
      var size = map.getSize(), short = size.y < SHORT_BELOW && !P.printing, narrow = size.x < COMPACT_BELOW || short;
      if (!narrow && !P.printing) { // the printed page has no table: the wide layout always
        place(false);
        var a = dxmap.boxOf(P.legend.box, container), b = dxmap.boxOf(P.table.box, container);
        narrow = !!(a && b && a[2] + 10 > b[0] && a[1] < b[3]);
        // no room for the table's rows under the panel and layer box: a short window, with the low bars
        if (!narrow && tableRoom() < TABLE_ROWS_LEAST) narrow = short = true;
      }
      place(narrow);
      container.classList.toggle("dxmap-low", narrow && short); // a short map: lower bars (dxmap-map.css)
      fitTable();
      sizeCards();
    }
    /** The room for the table's rows on a wide map, under the controls above it (dxmap.tableRoom). */
    function tableRoom() {
      var box = dxmap.boxOf(P.table.box, container);
      var bar = dxmap.boxOf(P.table.box.querySelector(".dxmap-tablebar"), container);
      if (!box || !bar) return Infinity;
      var above = [titleBox, panel, layersControl.getContainer()].map(function (e) {
        return dxmap.boxOf(e, container);
      });
      return dxmap.tableRoom(box, bar[3] - bar[1], above.filter(Boolean), TABLE_GAP);
    }
    /** A wide map's table rows stop under the panel and layer box (at most 32vh, as dxmap-map.css has it). */
    function fitTable() {
      var wrap = P.table.box.querySelector(".dxmap-tablewrap");
      wrap.style.maxHeight = compact || P.printing ? "" : "min(32vh, " + Math.max(0, Math.floor(tableRoom())) + "px)";
    }
    // the link box opened in the panel makes it taller: the table's rows stop under it
    if (typeof ResizeObserver === "function") {
      new ResizeObserver(function () { if (!compact) fitTable(); }).observe(panel);
    }
    /** Move the controls for a wide or a narrow map; the same elements, so state and listeners stay. */
    function place(narrow) {
      if (narrow === compact) return;
      compact = narrow;
      container.classList.toggle("dxmap-compact", narrow);
      var layersBox = layersControl.getContainer();
      if (narrow) {
        barRow.appendChild(select);
        barRow.appendChild(techBox);
        titleBox.parentNode.insertBefore(panel, titleBox.nextSibling);
        panel.appendChild(layersBox);
        P.table.box.parentNode.insertBefore(P.legend.box, P.table.box);
      } else {
        panel.insertBefore(techBox, search.label);
        panel.insertBefore(select, communeLabel);
        corners.topright.insertBefore(panel, corners.topright.firstChild);
        corners.topright.insertBefore(layersBox, panel.nextSibling);
        corners.bottomleft.insertBefore(P.legend.box, corners.bottomleft.firstChild);
        setMenu(false);
        layersControl.expand(); // its list sized again for this place: it kept a phone's height (dxmap-map.css)
      }
    }
    function setMenu(open) {
      container.classList.toggle("dxmap-menu-open", open);
      menuButton.setAttribute("aria-expanded", String(open));
      if (open && compact) search.input.focus({ preventScroll: true });
    }
    /**
     * On a phone a card (popup) fits the screen whole, its × within reach: as wide as the map less a margin on each side,
     * and as tall as the room between the top bar and the bottom sheets (dxmap.cardRoom; the CSS takes the card's own
     * margins off). The view then moves it clear of the bars. The zoom buttons step aside while it is open (a finger
     * pinches): a card as wide as an upright phone cannot pass beside them, and they were drawn over its text.
     */
    function sizeCards() {
      var size = map.getSize(), room = dxmap.cardRoom([size.x, size.y], P.layout.obstacles(), CARD_MARGIN, CARD_TIP);
      container.style.setProperty("--dxmap-card-w", room[0] + "px");
      container.style.setProperty("--dxmap-card-h", room[1] + "px");
    }
    map.on("popupopen", function () { container.classList.add("dxmap-card-open"); if (compact) sizeCards(); });
    map.on("popupclose", function () { container.classList.remove("dxmap-card-open"); });
    // a tap on the map closes the phone's menu, as its button and Escape do
    map.on("click", function () { if (compact && container.classList.contains("dxmap-menu-open")) setMenu(false); });
    /** On a phone one sheet at a time: opening the legend closes the table and the other way round, and a popup. */
    function changed(source) {
      if (!compact) return;
      if ((source === "legend" && P.legend.isOpen()) || (source === "table" && P.table.isOpen())) map.closePopup(); // it would be under the sheet
      if (source === "legend" && P.legend.isOpen() && P.table.isOpen()) P.table.setOpen(false);
      if (source === "table" && P.table.isOpen() && P.legend.isOpen()) P.legend.setOpen(false);
    }
    P.layout = {
      apply: apply, changed: changed,
      closeMenu: function () { if (compact) setMenu(false); },
      isCompact: function () { return !!compact; },
      /** The boxes of the controls now shown, relative to the map container: what popups and fitted views keep clear of. */
      obstacles: function () {
        // a phone's menu (the panel, with the layers in it) is passing: a place is fitted to the map as it is once the menu closes
        var menu = compact ? [] : [panel, layersControl.getContainer()];
        var boxes = [titleBox].concat(menu, [P.legend.box, P.table.box, map.zoomControl && map.zoomControl._map ? map.zoomControl.getContainer() : null]);
        return boxes.map(function (e) { return dxmap.boxOf(e, container); }).filter(Boolean);
      },
      title: titleBox, panel: panel, menu: menuButton
    };
    apply();
    // Turned on its side (or back), the map shows the place chosen again, fitted to its new shape: it was the
    // portrait view's, cut in half. Only then: a phone's keyboard shortens the map too, and what is shown stays.
    var portrait = map.getSize().y > map.getSize().x;
    map.on("resize", function () {
      apply();
      var size = map.getSize();
      if (size.y > size.x === portrait) return;
      portrait = !portrait;
      var found = state.found;
      if (found) P.view.goTo(found.kind, found.i); // its commune, with its ring and card, as when it was found
      else if (state.commune >= 0) P.view.setCommune(state.commune, { push: false });
      else P.view.setDistrict(state.district, { push: false });
    });

    /** A menu's choice in full on its title: a long name is cut short with "…" in the closed menu (dxmap-map.css). */
    function titleChoice(s) { var o = s.options[s.selectedIndex]; s.title = o ? o.text : ""; }
    function syncInputs() { // the inputs follow the state when it changes from elsewhere (hash, back button)
      select.value = String(state.district);
      fillCommunes();
      communeSelect.value = String(state.commune);
      titleChoice(select); titleChoice(communeSelect);
      var radio = techBox.querySelector('input[value="' + (M.techs[state.tech] || {}).key + '"]');
      if (radio) radio.checked = true;
      M.S.forEach(function (s, si) { var box = document.getElementById(id + "-show-" + s); if (box) box.checked = state.show[si]; });
      if (state.showChange) dxmap.CHANGES.forEach(function (k, ci) { var box = document.getElementById(id + "-change-" + k); if (box) box.checked = state.showChange[ci]; });
    }
    titleChoice(select); titleChoice(communeSelect);
    return { search: search, layersControl: layersControl, syncInputs: syncInputs, viewChanged: viewChanged };
  };
})();

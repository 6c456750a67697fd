/*! dxmap gap map page: finding a place by name, with or without diacritics. */
(function () {
  "use strict";
  var dxmap = (globalThis.dxmap = globalThis.dxmap || {});

  // Unit words people type before a name ("xã Bản Vược"), tried away when the whole text finds nothing.
  var PREFIX = /^(xa|phuong|thi tran|tt|huyen|thon|ban|to dan pho|tdp) /;

  /**
   * A search index over lists of names: groups is [[kind, names], …] in the order kinds rank
   * (districts before communes before villages, say). Names are folded once (dxmap.fold).
   */
  dxmap.searchIndex = function (groups) {
    var index = { key: [], kind: [], i: [], rank: [] };
    groups.forEach(function (g, r) {
      g[1].forEach(function (name, k) { index.key.push(dxmap.fold(name)); index.kind.push(g[0]); index.i.push(k); index.rank.push(r); });
    });
    return index;
  };

  /**
   * The places whose folded name contains the folded query, best first: the whole name, then
   * names starting with it, then a word starting with it, then anywhere; then by kind, shorter
   * names, and index order. A query "xã …" / "thôn …" also finds the bare name when the whole
   * text finds nothing. Returns [{kind, i}].
   */
  dxmap.search = function (index, query) {
    var q = dxmap.fold(query), out = [];
    if (!q) return out;
    function scan(key) {
      for (var n = 0; n < index.key.length; n++) {
        var s = index.key[n], p = s.indexOf(key);
        if (p < 0) continue;
        out.push([s === key ? 0 : p === 0 ? 1 : s.charAt(p - 1) === " " ? 2 : 3, index.rank[n], s.length, n]);
      }
    }
    scan(q);
    var bare = q.replace(PREFIX, "");
    if (!out.length && bare !== q && bare) scan(bare);
    out.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3]; });
    return out.map(function (r) { return { kind: index.kind[r[3]], i: index.i[r[3]] }; });
  };
})();

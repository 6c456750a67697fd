// A small hand-made page payload, shaped like the one dxmap/render/webmap.py embeds.
// Two districts; communes A and B in the first, C1 and C2 sharing one outline (with a hole) in the
// second; five villages, the last in no commune.
"use strict";
const { encode } = require("./load.js");

const SCALE = 1e5;
function ring(x0, y0, x1, y1) { return encode([x0, y0, x1, y0, x1, y1, x0, y1], SCALE); }
function box(x0, y0, x1, y1) { return [x0, y0, x1, y1].map((v) => Math.round(v * SCALE)); }

function payload() {
  return {
    v: 1, lang: "vi", scale: SCALE, maxRows: 500, title: "T", asOf: "2024-06-30",
    L: { district: "Huyện", all_districts: "Tất cả các huyện", map_shared_short: "{n} đơn vị chung một ranh giới" },
    statuses: ["none", "weak", "planned", "unknown", "covered"],
    colours: ["#D55E00", "#E69F00", "#0072B2", "#999999", "#009E73"],
    shapes: ["triangle", "diamond", "circle-open", "square-open", "dot"],
    bins: [[0, 0, "#ffffe5"], [1, 1, "#fee391"], [2, 3, "#fec44f"], [4, 6, "#ec7014"], [7, 1e9, "#8c2d04"]],
    techs: [{ key: "mobile", level: "village" }, { key: "fibre", level: "village" }, { key: "lan", level: "commune" }],
    districts: {
      code: ["082", "083"], name: ["Bát Xát", "Huyện Sa Pa"],
      geom: [[[ring(104.0, 22.0, 104.2, 22.1)]], [[ring(104.2, 22.0, 104.3, 22.1)]]],
      bbox: [box(104.0, 22.0, 104.2, 22.1), box(104.2, 22.0, 104.3, 22.1)],
      pt: encode([104.1, 22.05, 104.25, 22.08], SCALE),
    },
    units: {
      geom: [[[ring(104.0, 22.0, 104.1, 22.1)]], [[ring(104.1, 22.0, 104.2, 22.1)]],
        [[ring(104.2, 22.0, 104.3, 22.1), ring(104.24, 22.04, 104.26, 22.06)]]],
      pt: encode([104.05, 22.05, 104.15, 22.05, 104.22, 22.08], SCALE),
      n: [1, 1, 2],
    },
    communes: {
      code: ["00001", "00002", "00003", "00004"], name: ["Xã A", "Xã B", "Xã C1", "Xã C2"],
      d: [0, 0, 1, 1], u: [0, 1, 2, 2],
      pt: encode([104.05, 22.05, 104.15, 22.05, 104.22, 22.08, 104.22, 22.08], SCALE),
    },
    villages: {
      id: ["v1", "v2", "v3", "v4", "v5"], name: ["Thôn 2", "Bản Dền", "Thôn 1", "Làng X", "Lạc"],
      c: [0, 0, 1, 2, -1],
      pt: encode([104.02, 22.02, 104.03, 22.03, 104.15, 22.05, 104.22, 22.02, 104.5, 22.5], SCALE),
    },
    dates: ["", "2024-06-30"], strings: ["", "VNPT"],
    status: {
      mobile: { s: "4444-", t: "@@@@?", src: 0, note: 0 },
      fibre: { s: "00241", t: "@@@@@", src: "@@@@@", note: 0 },
      lan: { s: "0142", t: "@@@@", src: 0, note: 0 },
    },
  };
}

module.exports = { payload, SCALE };

"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, plain } = require("./load.js");

const dxmap = load(["map-place.js"]);

test("a tap picks the nearest marker within the tolerance, not the one drawn last", () => {
  const xs = [100, 112, 300], ys = [100, 100, 300];
  assert.deepEqual(plain(dxmap.pick(xs, ys, 3, 104, 100, 22, 4)), [0]); // 4 px from A, 8 px from B
  assert.deepEqual(plain(dxmap.pick(xs, ys, 3, 109, 100, 22, 4)), [1]);
  assert.deepEqual(plain(dxmap.pick(xs, ys, 3, 150, 150, 22, 4)), []);
  assert.deepEqual(plain(dxmap.pick(xs, ys, 3, 300, 321, 22, 4)), [2]);
  assert.deepEqual(plain(dxmap.pick(xs, ys, 3, 300, 323, 22, 4)), []);
});

test("markers on top of each other are all picked, the nearest first; only n drawn count", () => {
  const xs = [50, 51, 50, 90], ys = [50, 50, 53, 50];
  assert.deepEqual(plain(dxmap.pick(xs, ys, 4, 49, 50, 9, 4)), [0, 1, 2]);
  assert.deepEqual(plain(dxmap.pick(xs, ys, 2, 49, 50, 9, 4)), [0, 1]);
  assert.deepEqual(plain(dxmap.pick(xs, ys, 0, 49, 50, 9, 4)), []);
});

test("of two equally near markers the one drawn on top (last) wins", () => {
  assert.deepEqual(plain(dxmap.pick([10, 20], [0, 0], 2, 15, 0, 9, 1)), [1]);
});

test("boxes overlap only when they share area", () => {
  assert.equal(dxmap.overlaps([0, 0, 10, 10], [5, 5, 15, 15]), true);
  assert.equal(dxmap.overlaps([0, 0, 10, 10], [10, 0, 20, 10]), false);
  assert.equal(dxmap.overlaps([0, 0, 10, 10], [2, 2, 3, 3]), true);
});

test("a box grid finds overlaps across cells and nothing else", () => {
  const grid = dxmap.boxGrid(16);
  grid.add([0, 0, 40, 10]);
  grid.add([-30, -30, -20, -20]);
  assert.equal(grid.hits([35, 5, 50, 8]), true);
  assert.equal(grid.hits([41, 0, 60, 10]), false);
  assert.equal(grid.hits([-25, -25, -24, -24]), true);
  assert.equal(grid.hits([100, 100, 110, 110]), false);
});

test("a name takes the first place clear of names, preferring places clear of markers", () => {
  const taken = dxmap.boxGrid(32), markers = dxmap.boxGrid(32);
  markers.add([45, 45, 55, 55]);
  const spots = [[40, 40, 60, 60], [40, 20, 60, 38], [40, 62, 60, 80]];
  assert.equal(dxmap.placeBox(spots, taken, markers), 1);
  taken.add([0, 15, 100, 39]);
  assert.equal(dxmap.placeBox(spots, taken, markers), 2);
  taken.add([0, 61, 100, 90]);
  assert.equal(dxmap.placeBox(spots, taken, markers), 0); // over a marker rather than nowhere
  assert.equal(dxmap.placeBox(spots, taken, markers, true), -1); // strict: nowhere rather than over a marker
  taken.add([0, 0, 100, 100]);
  assert.equal(dxmap.placeBox(spots, taken, markers), -1);
  assert.equal(dxmap.placeBox(spots, null, null), 0);
});

test("a name's place can be narrowed by a test of its own (a district's name: over its district)", () => {
  const markers = dxmap.boxGrid(32);
  markers.add([45, 45, 55, 55]);
  const spots = [[40, 40, 60, 60], [40, 20, 60, 38], [40, 62, 60, 80], [70, 40, 90, 60]];
  const asked = [];
  const notAbove = (b, i) => { asked.push(i); return b[1] >= 40; };
  assert.equal(dxmap.placeBox(spots, null, markers, false, notAbove), 2); // 1 is clear of the marker but fails the test
  assert.deepEqual(asked, [0, 1, 2]);
  assert.equal(dxmap.placeBox(spots, null, markers, true, (b, i) => i === 3), 3);
  assert.equal(dxmap.placeBox(spots, null, markers, false, (b, i) => i === 0), 0); // over the marker: its fallback
  assert.equal(dxmap.placeBox(spots, null, markers, true, (b, i) => i === 0), -1);
  assert.equal(dxmap.placeBox(spots, null, markers, false, () => false), -1);
});

test("places near a point come nearest first, the point itself first", () => {
  const near = plain(dxmap.nearOffsets(12, 6, 6)).map(plain);
  assert.equal(near.length, 5 * 3);
  assert.deepEqual(near.slice(0, 5), [[0, 0], [0, -6], [-6, 0], [6, 0], [0, 6]]);
  assert.deepEqual(near[near.length - 1], [12, 6]);
  const d = near.map(([x, y]) => x * x + y * y);
  assert.deepEqual(d, [...d].sort((a, b) => a - b));
  assert.deepEqual(plain(dxmap.nearOffsets(0, 0, 6)).map(plain), [[0, 0]]);
});

test("a popup inside the view and clear of the controls stays put", () => {
  assert.deepEqual(plain(dxmap.clearShift([100, 100, 200, 200], [0, 0, 400, 800], [[0, 0, 400, 50]], 8)), [0, 0]);
});

test("a popup under the top bar moves down just past it", () => {
  const shift = plain(dxmap.clearShift([50, 20, 250, 220], [0, 0, 390, 844], [[0, 0, 390, 120], [0, 760, 390, 844]], 8));
  assert.deepEqual(shift, [0, 108]);
});

test("a popup off the view comes back in, then clears a control", () => {
  assert.deepEqual(plain(dxmap.clearShift([-40, 300, 160, 400], [0, 0, 1400, 900], [], 8)), [48, 0]);
  // in view but under a top-right panel: moving left is shorter than moving down
  assert.deepEqual(plain(dxmap.clearShift([1100, 100, 1250, 200], [0, 0, 1400, 900], [[1120, 10, 1390, 400]], 8)), [-138, 0]);
});

test("when no move clears every control the popup is only brought into view", () => {
  const shift = plain(dxmap.clearShift([0, -10, 390, 700], [0, 0, 390, 844], [[0, 0, 390, 120], [0, 700, 390, 844]], 8));
  assert.deepEqual(shift, [8, 18]);
});

// ---- fitting a place clear of the controls in the map's corners (a wide map: 1400 × 900) ----
const WIDE = [1400, 900];
const LEGEND = [10, 565, 400, 845], PANEL = [1050, 10, 1390, 400], TITLE = [10, 10, 560, 60];

/** The rows of a polygon ([[x, y], ...], closed implicitly) in its own box. */
function profileOf(poly, rows = 100) {
  const xs = poly.map((p) => p[0]), ys = poly.map((p) => p[1]);
  const box = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  return dxmap.rowProfile(box, rows, (visit) => poly.forEach((p, i) => { const q = poly[(i + 1) % poly.length]; visit(p[0], p[1], q[0], q[1]); }));
}
/** The polygon's corners on screen, drawn f pixels per unit with its box's top-left corner at spot. */
function onScreen(poly, prof, f, spot) { return poly.map(([x, y]) => [spot[0] + (x - prof.box[0]) * f, spot[1] + (y - prof.box[1]) * f]); }
const under = (p, b) => p[0] > b[0] && p[0] < b[2] && p[1] > b[1] && p[1] < b[3];

test("a place's rows hold its outline's left and right edges, long edges included", () => {
  const prof = profileOf([[0, 0], [10, 0], [10, 10], [0, 10]], 10);
  assert.deepEqual(plain(prof.lo), Array(10).fill(0));
  assert.deepEqual(plain(prof.hi), Array(10).fill(10));
  // a triangle pointing down: the rows narrow towards its tip; two separate squares leave the rows between them empty
  const tri = profileOf([[0, 0], [10, 0], [5, 10]], 10);
  assert.ok(tri.lo[0] === 0 && tri.hi[0] === 10 && tri.lo[9] >= 4.5 - 1e-9 && tri.hi[9] <= 5.5 + 1e-9, plain(tri.lo));
  const two = dxmap.rowProfile([0, 0, 10, 10], 10, (visit) => { visit(0, 0, 0, 2); visit(4, 0, 4, 2); visit(6, 8, 6, 10); visit(10, 8, 10, 10); });
  assert.equal(two.lo[5], Infinity);
  assert.equal(two.hi[5], -Infinity);
  assert.deepEqual([two.lo[0], two.hi[0], two.lo[9], two.hi[9]], [0, 4, 6, 10]);
});

test("a place clear of every control stays in the middle of the map", () => {
  const prof = profileOf([[0, 0], [10, 0], [10, 10], [0, 10]]);
  assert.deepEqual(plain(dxmap.clearSpot(prof, 30, WIDE, [LEGEND, PANEL, TITLE], 8, 16)), [550, 300]);
});

test("a place whose south-west would lie under the legend moves right of it, as large as it is", () => {
  // 900 × 860 px: in the middle its left edge (x 250) is under the legend (x ≤ 400)
  const poly = [[0, 0], [90, 0], [90, 86], [0, 86]], prof = profileOf(poly, 172);
  const spot = dxmap.clearSpot(prof, 10, WIDE, [LEGEND], 8, 16);
  assert.ok(spot, "a clear place");
  assert.ok(Math.abs(spot[0] - 408) < 1e-6 && spot[1] >= 16 && spot[1] <= 24, plain(spot)); // just right of the legend
  assert.equal(dxmap.clearSpot(prof, 10, WIDE, [LEGEND, PANEL], 8, 16), null); // the panel leaves no room for a box that wide
});

test("a box may pass under a control where the place does not: a triangle beside the legend", () => {
  // a triangle pointing down, 1100 × 860 px: its lower-left corner is empty, so the legend does not push it away
  const poly = [[0, 0], [110, 0], [55, 86]], prof = profileOf(poly, 172);
  const spot = dxmap.clearSpot(prof, 10, WIDE, [LEGEND], 8, 16);
  assert.deepEqual(plain(spot), [150, 20]); // in the middle
  const drawn = onScreen(poly, prof, 10, spot);
  assert.ok(drawn.every((p) => p[0] >= 16 - 1e-6 && p[0] <= 1384 + 1e-6 && p[1] >= 16 - 1e-6 && p[1] <= 884 + 1e-6), JSON.stringify(drawn));
  // no point of its edges under a control (edges sampled every 1%)
  for (let i = 0; i < 3; i++) {
    const a = drawn[i], b = drawn[(i + 1) % 3];
    for (let t = 0; t <= 1; t += 0.01) {
      const p = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
      assert.ok(!under(p, LEGEND), JSON.stringify({ p, spot }));
    }
  }
  const box = [spot[0], spot[1], spot[0] + 1100, spot[1] + 860];
  assert.ok(dxmap.overlaps(box, LEGEND), JSON.stringify(box)); // its box does reach under the legend
  // the panel is in the way of its wide top, the title of its top-left corner: it moves down and right as far as it
  // can, and as that is not enough, there is no place at this size
  assert.equal(dxmap.clearSpot(prof, 10, WIDE, [LEGEND, PANEL, TITLE], 8, 16), null);
});

test("no place at all when the place is larger than the map", () => {
  assert.equal(dxmap.clearSpot(profileOf([[0, 0], [10, 0], [10, 10], [0, 10]]), 100, WIDE, [], 8, 16), null);
});

test("padding clears each control beside it or above it, whichever draws the place larger, then leaves more room", () => {
  // zooms that grow with the room left, for a place `aspect` times as wide as it is high
  const zoomOf = (aspect) => (p) => Math.floor(4 * Math.log2(Math.min((WIDE[0] - p[0] - p[2]) / aspect, WIDE[1] - p[1] - p[3]))) / 4;
  const base = [16, 16, 16, 16];
  // a wide place: beside the legend it would be narrow; above it, it keeps the map's width
  assert.deepEqual(plain(dxmap.clearPad(WIDE, base, [LEGEND], 8, zoomOf(3))), [16, 16, 16, 343]);
  assert.deepEqual(plain(dxmap.clearPad(WIDE, base, [LEGEND], 8, zoomOf(1.5))), [408, 16, 16, 16]);
  // a tall one keeps the map's height: right of the legend and of the title
  assert.deepEqual(plain(dxmap.clearPad(WIDE, base, [LEGEND, TITLE], 8, zoomOf(0.5))), [568, 16, 16, 16]);
  // a small place, at its largest zoom either way: the side leaving more room (976 × 868 px, not 1368 × 541)
  assert.deepEqual(plain(dxmap.clearPad(WIDE, base, [LEGEND], 8, () => 14)), [408, 16, 16, 16]);
  // nothing leaves a quarter of the map: null
  assert.equal(dxmap.clearPad([400, 300], base, [[0, 0, 390, 290]], 8, zoomOf), null);
});

test("a wide map's table rows stop under the panel and layer box above them (QA62 10)", () => {
  // 1280 × 600: the table box's bottom at 568 and its bar 35 px high; the panel and layer box above its right end
  const table = [510, 417, 1270, 568], panel = [1000, 10, 1270, 322], layers = [930, 332, 1270, 408];
  const title = [10, 10, 564, 63], legend = [10, 273, 484, 562];
  assert.equal(dxmap.tableRoom(table, 35, [title, panel, layers], 10), 568 - 35 - 10 - 408);
  // the legend beside it does not count, nor a control it is already beside (below the bar's top)
  assert.equal(dxmap.tableRoom(table, 35, [legend, title], 10), 568 - 35 - 10 - 63);
  assert.equal(dxmap.tableRoom(table, 35, [[600, 540, 700, 560]], 10), 568 - 35 - 10);
  // 1400 × 520: little room left, which the page answers with the compact layout
  assert.ok(dxmap.tableRoom([510, 280, 1390, 488], 35, [[1050, 332, 1390, 408]], 10) < 120);
});

test("a phone's card may take the map's width and the room between the bars, less margins and its tip", () => {
  const phone = [390, 844], title = [0, 0, 390, 166], legend = [0, 727, 390, 777], table = [0, 777, 390, 844], zoom = [10, 176, 58, 269];
  // the zoom buttons in the corner do not count: the card is as tall as the bars leave (727 - 166 - 2 × 8 - 20)
  assert.deepEqual(plain(dxmap.cardRoom(phone, [title, zoom, legend, table], 8, 20)), [374, 525]);
  // on its side the legend and table bars sit side by side, each half the map wide: both still count
  const side = [844, 390], bars = [[0, 0, 844, 76], [0, 345, 422, 390], [422, 341, 844, 390]];
  assert.deepEqual(plain(dxmap.cardRoom(side, bars, 8, 20)), [828, 229]);
  // no bars: the whole map; bars that leave no room: 0, never less
  assert.deepEqual(plain(dxmap.cardRoom(phone, [], 8, 20)), [374, 808]);
  assert.deepEqual(plain(dxmap.cardRoom([390, 100], [[0, 0, 390, 50], [0, 60, 390, 100]], 8, 20)), [374, 0]);
});

test("a box grid counts each box a box overlaps once, though it lies in several cells", () => {
  const grid = dxmap.boxGrid(16);
  grid.add([0, 0, 40, 10]);
  grid.add([30, 0, 34, 4]);
  assert.equal(grid.count([0, 0, 50, 50]), 2);
  assert.equal(grid.count([20, 5, 25, 8]), 1);
  assert.equal(grid.count([100, 100, 110, 110]), 0);
});

test("a name with no place clear of markers goes where it covers the fewest, never over another name if it can help it", () => {
  const taken = dxmap.boxGrid(32), markers = dxmap.boxGrid(32);
  [[45, 45, 55, 55], [45, 25, 55, 30], [45, 31, 55, 36], [45, 65, 55, 70]].forEach((b) => markers.add(b));
  const spots = [[40, 40, 60, 60], [40, 20, 60, 38], [40, 62, 60, 80]];
  assert.equal(dxmap.leastCovering(spots, taken, markers), 0); // 1 marker at 0 and 2, 2 at 1: the first of the least
  taken.add([0, 40, 100, 60]);
  assert.equal(dxmap.leastCovering(spots, taken, markers), 2); // 0 is over a name now
  assert.equal(dxmap.leastCovering(spots, taken, markers, (b, i) => i !== 2), 1);
  taken.add([0, 0, 100, 100]);
  assert.equal(dxmap.leastCovering(spots, taken, markers), 2); // over names everywhere: still a place, over the fewest
  assert.equal(dxmap.leastCovering(spots, taken, markers, () => false), -1);
});

test("names go to places with gaps first, most gaps first, then the others, places with no data last", () => {
  assert.deepEqual(plain(dxmap.nameOrder([0, 3, 0, 5, 3, 0], [false, false, true, false, false, false])), [3, 1, 4, 0, 5, 2]);
  assert.deepEqual(plain(dxmap.nameOrder([], [])), []);
});

test("a name's box cut by the screen's edge is told from one inside or wholly outside it (QA72 K13)", () => {
  const view = [100, 50, 490, 894];
  assert.equal(dxmap.crossesEdge([90, 200, 160, 214], view), true); // "uamanga": its first letter off the left
  assert.equal(dxmap.crossesEdge([450, 200, 500, 214], view), true);
  assert.equal(dxmap.crossesEdge([200, 45, 260, 59], view), true);
  assert.equal(dxmap.crossesEdge([101, 200, 160, 214], view), false);
  assert.equal(dxmap.crossesEdge([10, 200, 90, 214], view), false); // in the canvas's margin, drawn for a pan
});

import { type AreaGeometry, type Position, type Ring, ringArea } from '../kernel/geometry.js';

/**
 * Rings as the demo stores them: on a 1e-6° grid, without repeated, collinear or needle-tip
 * vertices and without loops pinched off at a repeated vertex, outer rings counter-clockwise.
 */

/** Coordinates are kept at 1e-6° (about 10 cm), the same grid on every level, so neighbours share vertices. */
export const roundPosition = ([lng, lat]: Position): Position => [
  Math.round(lng * 1e6) / 1e6,
  Math.round(lat * 1e6) / 1e6,
];

/**
 * A ring that passes twice through one vertex touches itself there (the county outlines have three
 * such loops of a few thousand square metres where two borders meet): the smaller side is cut off.
 */
function dropPinchedLoops(r: Ring): void {
  const seen = new Map<string, number>();
  for (let i = 0; i < r.length - 1; i++) {
    const key = `${r[i]![0]},${r[i]![1]}`;
    const at = seen.get(key);
    if (at === undefined) {
      seen.set(key, i);
      continue;
    }
    const loop = [...r.slice(at, i), r[at]!];
    const rest = [...r.slice(0, at), ...r.slice(i)];
    // Keep the larger side; the other is cut off.
    const keep = Math.abs(ringArea(loop)) > Math.abs(ringArea(rest)) ? loop : rest;
    r.splice(0, r.length, ...keep);
    seen.clear();
    i = -1;
  }
}

const samePosition = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

/**
 * Whether b adds nothing between a and c: it lies on the line through them, or it is the tip of a
 * needle that goes out and comes back along (almost) the same line. The county outlines have a few
 * such needles, and clipping next to one leaves its two sides crossing after rounding.
 */
function needless(a: Position, b: Position, c: Position): boolean {
  const abx = b[0] - a[0];
  const aby = b[1] - a[1];
  const bcx = c[0] - b[0];
  const bcy = c[1] - b[1];
  const cross = abx * bcy - aby * bcx;
  if (cross === 0) return true;
  return abx * bcx + aby * bcy < 0 && Math.abs(cross) <= 1e-4 * Math.hypot(abx, aby) * Math.hypot(bcx, bcy);
}

/** The open ring (no closing vertex) without repeated, collinear and needle-tip vertices, across the seam too. */
function dropNeedless(ring: Ring): Ring {
  let v = ring;
  for (let changed = true; changed && v.length >= 3; ) {
    changed = false;
    const out: Ring = [];
    for (const p of v) {
      if (out.length > 0 && samePosition(out[out.length - 1]!, p)) {
        changed = true;
        continue;
      }
      while (out.length >= 2 && needless(out[out.length - 2]!, out[out.length - 1]!, p)) {
        out.pop();
        changed = true;
      }
      out.push(p);
    }
    const seam = () =>
      samePosition(out[0]!, out[out.length - 1]!) ||
      needless(out[out.length - 2]!, out[out.length - 1]!, out[0]!) ||
      needless(out[out.length - 1]!, out[0]!, out[1]!);
    while (out.length >= 3 && seam()) {
      if (needless(out[out.length - 1]!, out[0]!, out[1]!) && !samePosition(out[0]!, out[out.length - 1]!)) out.shift();
      else out.pop();
      changed = true;
    }
    v = out;
  }
  return v;
}

export function orient(a: Position, b: Position, c: Position): number {
  return Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
}

/** True for crossing or touching segments (touching is enough to send the cell to the clipper). */
export function segmentsMeet(p: Position, q: Position, r: Position, s: Position): boolean {
  const o1 = orient(p, q, r);
  const o2 = orient(p, q, s);
  const o3 = orient(r, s, p);
  const o4 = orient(r, s, q);
  if (o1 !== o2 && o3 !== o4) return true;
  const onBox = (a: Position, b: Position, c: Position) =>
    Math.min(a[0], b[0]) <= c[0] &&
    c[0] <= Math.max(a[0], b[0]) &&
    Math.min(a[1], b[1]) <= c[1] &&
    c[1] <= Math.max(a[1], b[1]);
  return (
    (o1 === 0 && onBox(p, q, r)) ||
    (o2 === 0 && onBox(p, q, s)) ||
    (o3 === 0 && onBox(r, s, p)) ||
    (o4 === 0 && onBox(r, s, q))
  );
}

/** Where segments pq and rs cross (the lines' intersection; a shared point if they only touch). */
function crossingPoint(p: Position, q: Position, r: Position, s: Position): Position {
  const d = (q[0] - p[0]) * (s[1] - r[1]) - (q[1] - p[1]) * (s[0] - r[0]);
  if (d === 0) return orient(p, q, r) === 0 ? r : s;
  const t = ((r[0] - p[0]) * (s[1] - r[1]) - (r[1] - p[1]) * (s[0] - r[0])) / d;
  return [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
}

/** The first pair of non-adjacent edges of the closed ring that meet (a sweep over x), or null. */
function firstCrossing(r: Ring): [number, number] | null {
  const n = r.length - 1;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => Math.min(r[a]![0], r[a + 1]![0]) - Math.min(r[b]![0], r[b + 1]![0]),
  );
  for (let x = 0; x < n; x++) {
    const i = order[x]!;
    const maxX = Math.max(r[i]![0], r[i + 1]![0]);
    for (let y = x + 1; y < n; y++) {
      const j = order[y]!;
      if (Math.min(r[j]![0], r[j + 1]![0]) > maxX) break;
      const [a, b] = i < j ? [i, j] : [j, i];
      if (b - a < 2 || (a === 0 && b === n - 1)) continue;
      if (segmentsMeet(r[a]!, r[a + 1]!, r[b]!, r[b + 1]!)) return [a, b];
    }
  }
  return null;
}

/** Whether no two non-adjacent edges of the closed ring meet. */
export function isSimpleRing(r: Ring): boolean {
  return firstCrossing(r) === null;
}

/**
 * Rounding can make a thin sliver of a cell cross itself: the ring is cut where its edges meet,
 * and the larger loop kept (the other is a sliver of square centimetres).
 */
function untangle(r: Ring): void {
  for (let guard = 0; guard < 50; guard++) {
    const crossing = firstCrossing(r);
    if (!crossing) return;
    const [a, b] = crossing;
    const x = roundPosition(crossingPoint(r[a]!, r[a + 1]!, r[b]!, r[b + 1]!));
    const inner = [x, ...r.slice(a + 1, b + 1), x];
    const outer = [x, ...r.slice(b + 1, -1), ...r.slice(0, a + 1), x];
    const keep = Math.abs(ringArea(inner)) > Math.abs(ringArea(outer)) ? inner : outer;
    const cleaned = dropNeedless(keep.slice(0, -1));
    if (cleaned.length < 3) {
      r.length = 0;
      return;
    }
    r.splice(0, r.length, ...cleaned, cleaned[0]!);
  }
}

/** Rounds and drops needless vertices and pinched loops; null for a ring that vanished. */
export function cleanRing(ring: Ring): Ring | null {
  const open = ring.map(roundPosition);
  if (open.length > 1 && samePosition(open[0]!, open[open.length - 1]!)) open.pop();
  const r = dropNeedless(open);
  if (r.length < 3) return null;
  r.push(r[0]!);
  dropPinchedLoops(r);
  if (r.length >= 4) untangle(r);
  return r.length >= 4 && ringArea(r) !== 0 ? r : null;
}

/**
 * Two parts of a cell that touch at a vertex are valid but read as one self-touching shape (the
 * clipper leaves such crumbs where a cell meets a jagged border): the smaller part is dropped.
 */
function dropTouchingParts(parts: Ring[][]): void {
  for (let i = 0; i < parts.length; i++) {
    const vertices = new Set(parts[i]![0]!.map((p) => `${p[0]},${p[1]}`));
    for (let j = i + 1; j < parts.length; j++) {
      if (!parts[j]![0]!.some((p) => vertices.has(`${p[0]},${p[1]}`))) continue;
      const smaller = Math.abs(ringArea(parts[i]![0]!)) < Math.abs(ringArea(parts[j]![0]!)) ? i : j;
      parts.splice(smaller, 1);
      i = -1;
      break;
    }
  }
}

/** Rounds, drops repeated vertices and degenerate rings; one polygon stays a Polygon. */
export function cleanGeometry(polygons: Ring[][]): AreaGeometry {
  const out: Ring[][] = [];
  for (const rings of polygons) {
    const cleaned: Ring[] = [];
    for (const ring of rings) {
      const r = cleanRing(ring);
      // Outer rings counter-clockwise, holes clockwise (RFC 7946), whatever the source did.
      if (r && ringArea(r) > 0 !== (cleaned.length === 0)) r.reverse();
      if (r) cleaned.push(r);
      else if (cleaned.length === 0) break; // an outer ring that vanished takes its holes with it
    }
    if (cleaned.length > 0) out.push(cleaned);
  }
  if (out.length === 0) throw new Error('partition: a cell vanished after rounding');
  dropTouchingParts(out);
  return out.length === 1 ? { type: 'Polygon', coordinates: out[0]! } : { type: 'MultiPolygon', coordinates: out };
}

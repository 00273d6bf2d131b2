import { type Geom, intersection } from 'polyclip-ts';
import { type AreaGeometry, type Position, polygonsOf, type Ring, ringBbox } from '../kernel/geometry.js';
import { cleanGeometry, cleanRing, orient, segmentsMeet } from './ring-cleaning.js';

/** A Voronoi cell (convex, counter-clockwise) cut to its parent polygon, fast where that is safe. */

export interface Segment {
  a: Position;
  b: Position;
}

/** Whether the parent's border passes through the convex cell; if not, the cell is wholly in or out. */
export function borderCrosses(cell: Ring, edges: Segment[]): boolean {
  const { minLng: minX, minLat: minY, maxLng: maxX, maxLat: maxY } = ringBbox(cell);
  for (const { a, b } of edges) {
    if (Math.max(a[0], b[0]) < minX || Math.min(a[0], b[0]) > maxX) continue;
    if (Math.max(a[1], b[1]) < minY || Math.min(a[1], b[1]) > maxY) continue;
    for (let i = 0; i < cell.length - 1; i++) if (segmentsMeet(cell[i]!, cell[i + 1]!, a, b)) return true;
    // A border vertex strictly inside the convex cell (no crossing yet) also means the border enters it.
    if (cell.slice(0, -1).every((p, i) => orient(p, cell[i + 1]!, a) === orient(cell[0]!, cell[1]!, cell[2]!)))
      return true;
  }
  return false;
}

/** Sutherland–Hodgman: the ring clipped by a convex counter-clockwise cell. Exact for a connected result. */
function clipRing(ring: Ring, cell: Ring): Ring {
  if (ring.length === 0) return ring;
  let out = ring.slice(0, -1);
  for (let i = 0; i < cell.length - 1 && out.length > 0; i++) {
    const a = cell[i]!;
    const b = cell[i + 1]!;
    const side = (p: Position) => (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
    const input = out;
    out = [];
    for (let j = 0; j < input.length; j++) {
      const p = input[j]!;
      const q = input[(j + 1) % input.length]!;
      const sp = side(p);
      const sq = side(q);
      if (sp >= 0) out.push(p);
      if (sp >= 0 !== sq >= 0) {
        const t = sp / (sp - sq);
        out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
      }
    }
  }
  return out.length > 0 ? [...out, out[0]!] : out;
}

/**
 * How many times the ring's edges cross the convex cell's boundary (Cyrus–Beck per edge; a vertex
 * on the boundary may count twice, which only errs towards the general clipper).
 */
function crossings(ring: Ring, cell: Ring): number {
  let count = 0;
  for (let j = 0; j < ring.length - 1; j++) {
    const p = ring[j]!;
    const q = ring[j + 1]!;
    let t0 = 0;
    let t1 = 1;
    let outside = false;
    for (let i = 0; i < cell.length - 1 && !outside; i++) {
      const a = cell[i]!;
      const b = cell[i + 1]!;
      const sp = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
      const sq = (b[0] - a[0]) * (q[1] - a[1]) - (b[1] - a[1]) * (q[0] - a[0]);
      if (sp < 0 && sq < 0) outside = true;
      else if (sp < 0) t0 = Math.max(t0, sp / (sp - sq));
      else if (sq < 0) t1 = Math.min(t1, sp / (sp - sq));
    }
    if (outside || t0 > t1) continue;
    count += (t0 > 0 ? 1 : 0) + (t1 < 1 ? 1 : 0);
  }
  return count;
}

/**
 * The cell clipped to the parent. A parent ring that crosses the cell's boundary at most twice
 * meets it in one piece, which Sutherland–Hodgman (fast) gets exactly; more crossings can make
 * several pieces, which it would join with zero-width bridges, so those go to polyclip-ts (exact,
 * but its arbitrary-precision arithmetic makes it a hundred times slower).
 */
export function clipCell(cell: Ring, parent: AreaGeometry): AreaGeometry {
  const polygons = polygonsOf(parent);
  if (polygons.every((rings) => rings.length === 1 && crossings(rings[0]!, cell) <= 2)) {
    const pieces: Ring[][] = [];
    for (const [outer] of polygons) {
      const rounded = cleanRing(clipRing(outer!, cell));
      if (rounded) pieces.push([rounded]);
    }
    if (pieces.length > 0) return cleanGeometry(pieces);
  }
  return cleanGeometry(intersection([cell], cropped(parent, cell)) as Ring[][]);
}

/**
 * The parent cut down to a box a little larger than the cell, so the clipper sees tens of edges
 * instead of a county's thousands. Sutherland–Hodgman may leave zero-width bridges along the box's
 * edges; they lie outside the cell and add no area, and polyclip-ts takes overlapping edges.
 */
function cropped(parent: AreaGeometry, cell: Ring): Geom {
  const { minLng: minX, minLat: minY, maxLng: maxX, maxLat: maxY } = ringBbox(cell);
  const pad = Math.max(maxX - minX, maxY - minY) * 0.05 + 1e-5;
  const box: Ring = [
    [minX - pad, minY - pad],
    [maxX + pad, minY - pad],
    [maxX + pad, maxY + pad],
    [minX - pad, maxY + pad],
    [minX - pad, minY - pad],
  ];
  return polygonsOf(parent)
    .map((rings) => rings.map((ring) => clipRing(ring, box)))
    .filter((rings) => (rings[0]?.length ?? 0) >= 4)
    .map((rings) => rings.filter((ring) => ring.length >= 4)) as Geom;
}

import type { Position, Ring } from '../kernel/geometry.js';
import type { Prng } from './prng.js';

/** A convex quadrilateral: bottom-left, bottom-right, top-right, top-left. */
export type Quad = [Position, Position, Position, Position];

const round7 = (x: number) => Math.round(x * 1e7) / 1e7;

function bilinear(q: Quad, u: number, v: number): Position {
  const [bl, br, tr, tl] = q;
  const x = (1 - v) * ((1 - u) * bl[0] + u * br[0]) + v * ((1 - u) * tl[0] + u * tr[0]);
  const y = (1 - v) * ((1 - u) * bl[1] + u * br[1]) + v * ((1 - u) * tl[1] + u * tr[1]);
  return [round7(x), round7(y)];
}

/** n numbers in [0,1], increasing, starting at 0 and ending at 1, interior points jittered. */
function splits(n: number, rng: Prng, jitter = 0.3): number[] {
  const out = [0];
  for (let i = 1; i < n; i++) out.push((i + rng.jitter() * jitter) / n);
  out.push(1);
  return out;
}

/** Splits `total` into `n` positive integers with random weights; the parts sum to `total` exactly. */
export function apportion(total: number, n: number, rng: Prng, min = 1): number[] {
  const weights = Array.from({ length: n }, () => 0.5 + rng.next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const spare = total - min * n;
  const parts = weights.map((w) => min + Math.floor((w / sum) * spare));
  let left = total - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % n, left--) parts[i]!++;
  return parts;
}

/**
 * Tiles a quad with exactly n smaller quads: rows along v, a varying number of cells per row, with
 * jittered, slanted cell edges. Every line of the bilinear patch is straight, so neighbouring cells
 * share edges exactly and the cells cover the quad with no gap or overlap.
 */
export function subdivide(q: Quad, n: number, rng: Prng): Quad[] {
  const [bl, br, , tl] = q;
  const midLat = ((bl[1] + tl[1]) / 2) * (Math.PI / 180);
  const width = Math.hypot((br[0] - bl[0]) * Math.cos(midLat), br[1] - bl[1]);
  const height = Math.hypot((tl[0] - bl[0]) * Math.cos(midLat), tl[1] - bl[1]);
  const rows = Math.max(1, Math.min(n, Math.round(Math.sqrt((n * height) / Math.max(width, 1e-9)))));
  const perRow = Array.from({ length: rows }, (_, r) => Math.floor(n / rows) + (r < n % rows ? 1 : 0));
  const vs = splits(rows, rng, 0.2);
  const cells: Quad[] = [];
  for (let r = 0; r < rows; r++) {
    const k = perRow[r]!;
    const bottom = splits(k, rng);
    const top = splits(k, rng);
    for (let i = 0; i < k; i++) {
      cells.push([
        bilinear(q, bottom[i]!, vs[r]!),
        bilinear(q, bottom[i + 1]!, vs[r]!),
        bilinear(q, top[i + 1]!, vs[r + 1]!),
        bilinear(q, top[i]!, vs[r + 1]!),
      ]);
    }
  }
  return cells;
}

export function quadRing(q: Quad): Ring {
  return [q[0], q[1], q[2], q[3], q[0]];
}

export function boxQuad(minLng: number, minLat: number, maxLng: number, maxLat: number): Quad {
  return [
    [minLng, minLat],
    [maxLng, minLat],
    [maxLng, maxLat],
    [minLng, maxLat],
  ];
}

import { Delaunay } from 'd3-delaunay';
import {
  type AreaGeometry,
  geometryBbox,
  geometryContains,
  labelPoint,
  type Position,
  polygonsOf,
  ringArea,
} from '../kernel/geometry.js';
import { borderCrosses, clipCell, type Segment } from './cell-clipping.js';
import type { Prng } from './prng.js';
import { cleanGeometry, roundPosition } from './ring-cleaning.js';

/**
 * Synthetic but valid boundaries for the demo: a parent polygon cut into one cell per site by a
 * Voronoi partition, each cell clipped to the parent. The cells tile the parent: the Voronoi
 * cells tile the parent's bounding box, and clipping keeps exactly the part inside.
 */

/** n points inside the geometry (rejection sampling in its box); `accept` may refuse more. */
export function samplePoints(
  g: AreaGeometry,
  n: number,
  rng: Prng,
  accept: (p: Position) => boolean = () => true,
): Position[] {
  const b = geometryBbox(g);
  const out: Position[] = [];
  for (let tries = 0; out.length < n; tries++) {
    if (tries > n * 2000) throw new Error('partition: cannot place points inside the parent');
    const p: Position = [b.minLng + rng.next() * (b.maxLng - b.minLng), b.minLat + rng.next() * (b.maxLat - b.minLat)];
    if (geometryContains(g, p) && (tries > n * 1000 || accept(p))) out.push(p);
  }
  return out;
}

export interface PartitionOptions {
  /** Lloyd relaxation steps (sites move to the centre of their share of the parent): evener cells. */
  relax: number;
  /** Sites with an index below this stay where they are (urban streets clustered on purpose). */
  fixed?: number;
}

/** Cells of the parent, one per site (sites inside the parent), in the sites' order. */
export function partition(parent: AreaGeometry, sites: Position[], rng: Prng, opts: PartitionOptions): AreaGeometry[] {
  const box = geometryBbox(parent);
  // Distances in degrees of longitude shrink with latitude: scale x so cells are even on the ground.
  const kx = Math.cos((((box.minLat + box.maxLat) / 2) * Math.PI) / 180);
  const scaled = sites.map(([x, y]): [number, number] => [x * kx, y]);
  if (sites.length > 1 && opts.relax > 0) relax(parent, scaled, kx, rng, opts);
  if (sites.length === 1) return [parent];

  const pad = 1e-4;
  const voronoi = Delaunay.from(scaled).voronoi([
    (box.minLng - pad) * kx,
    box.minLat - pad,
    (box.maxLng + pad) * kx,
    box.maxLat + pad,
  ]);
  const edges: Segment[] = [];
  for (const rings of polygonsOf(parent)) {
    for (const ring of rings) for (let i = 0; i < ring.length - 1; i++) edges.push({ a: ring[i]!, b: ring[i + 1]! });
  }
  return scaled.map((_, i) => {
    const raw = voronoi.cellPolygon(i);
    if (!raw) throw new Error('partition: two sites coincide');
    const cell = raw.map(([x, y]) => roundPosition([x / kx, y]));
    if (!borderCrosses(cell, edges)) {
      // Wholly inside (the site is in the parent); Voronoi cells are counter-clockwise already.
      return cleanGeometry([[cell]]);
    }
    return clipCell(cell, parent);
  });
}

/** Lloyd by sampling: each site moves to the mean of the sample points nearest to it. */
function relax(parent: AreaGeometry, scaled: Array<[number, number]>, kx: number, rng: Prng, opts: PartitionOptions) {
  const samples = samplePoints(parent, Math.min(20_000, scaled.length * 24), rng).map(([x, y]) => [x * kx, y] as const);
  for (let step = 0; step < opts.relax; step++) {
    const delaunay = Delaunay.from(scaled);
    const sx = new Float64Array(scaled.length);
    const sy = new Float64Array(scaled.length);
    const count = new Uint32Array(scaled.length);
    let near = 0;
    for (const [x, y] of samples) {
      near = delaunay.find(x, y, near);
      sx[near]! += x;
      sy[near]! += y;
      count[near]!++;
    }
    for (let i = opts.fixed ?? 0; i < scaled.length; i++) {
      if (count[i] === 0) continue;
      const next: [number, number] = [sx[i]! / count[i]!, sy[i]! / count[i]!];
      // The mean of a concave share can fall outside the parent: then the site stays.
      if (geometryContains(parent, [next[0] / kx, next[1]])) scaled[i] = next;
    }
  }
}

/** A point inside the area (rejection sampling in its box), at the stored 1e-6° precision. */
export function pointInArea(g: AreaGeometry, rng: Prng): Position {
  const b = geometryBbox(g);
  for (let tries = 0; tries < 1000; tries++) {
    const p = roundPosition([
      b.minLng + rng.next() * (b.maxLng - b.minLng),
      b.minLat + rng.next() * (b.maxLat - b.minLat),
    ]);
    if (geometryContains(g, p)) return p;
  }
  return roundPosition(polygonsOf(g)[0]![0]![0]!);
}

/**
 * A label point inside the area: the centroid (labelPoint) when it falls inside, else the middle
 * of the widest stretch of a horizontal line through the largest part. A concave cell's centroid
 * can lie outside it, and a grid's centre must geocode into that grid.
 */
export function interiorPoint(g: AreaGeometry): Position {
  const centroid = roundPosition(labelPoint(g));
  if (geometryContains(g, centroid)) return centroid;
  const rings = polygonsOf(g).flat();
  const outer = polygonsOf(g)
    .map((p) => p[0]!)
    .reduce((a, b) => (Math.abs(ringArea(b)) > Math.abs(ringArea(a)) ? b : a));
  const ys = outer.map((p) => p[1]).sort((a, b) => a - b);
  for (const f of [0.5, 0.37, 0.63, 0.25, 0.75]) {
    const y = ys[0]! + (ys[ys.length - 1]! - ys[0]!) * f;
    const xs: number[] = [];
    for (const ring of rings) {
      for (let i = 0; i < ring.length - 1; i++) {
        const [x1, y1] = ring[i]!;
        const [x2, y2] = ring[i + 1]!;
        if (y1 > y !== y2 > y) xs.push(x1 + ((y - y1) * (x2 - x1)) / (y2 - y1));
      }
    }
    xs.sort((a, b) => a - b);
    let best: Position | null = null;
    let width = 0;
    for (let i = 0; i + 1 < xs.length; i += 2) {
      const p = roundPosition([(xs[i]! + xs[i + 1]!) / 2, y]);
      if (xs[i + 1]! - xs[i]! > width && geometryContains(g, p)) {
        width = xs[i + 1]! - xs[i]!;
        best = p;
      }
    }
    if (best) return best;
  }
  return centroid;
}

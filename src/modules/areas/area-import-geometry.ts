import { kinks } from '@turf/kinks';
import { difference, type Geom, intersection, union } from 'polyclip-ts';
import {
  type AreaGeometry,
  type Bbox,
  geometryBbox,
  geometryError,
  MAX_VERTICES,
  polygonsOf,
  ringArea,
} from '../../kernel/geometry.js';
import type { ProblemId, ProblemParams } from './area-import-problems.js';

/**
 * Pure geometry checks of an imported boundary. Areas are compared as ratios of planar areas in degrees: within one
 * parent the latitude barely changes, so the cos(latitude) factor cancels out of every percentage reported.
 */

/** Siblings may share edges; an overlap above this share of the smaller one's area is an error. */
export const OVERLAP_TOLERANCE = 0.001;
/** Children leaving more than this share of their parent uncovered, or a child sticking out of it by more, warn. */
export const GAP_TOLERANCE = 0.005;

export type GeometryCheck = { geometry: AreaGeometry } | { problem: ProblemId; params?: ProblemParams };

const KEYS: Record<string, ProblemId> = {
  geometry_empty: 'ring_too_short',
  geometry_ring_too_short: 'ring_too_short',
  geometry_ring_not_closed: 'ring_not_closed',
  geometry_coordinate_range: 'coordinate_range',
  geometry_ring_degenerate: 'ring_degenerate',
  geometry_too_many_vertices: 'too_many_vertices',
};

const isPosition = (p: unknown): p is [number, number] =>
  Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number';
const isRing = (r: unknown): r is [number, number][] => Array.isArray(r) && r.every(isPosition);
const isPolygon = (p: unknown): p is [number, number][][] => Array.isArray(p) && p.length > 0 && p.every(isRing);

/** A raw GeoJSON geometry as an area boundary (2-D positions only, no foreign members), or its first problem. */
export function checkGeometry(raw: unknown): GeometryCheck {
  const g = raw as { type?: unknown; coordinates?: unknown } | null;
  const type = g && typeof g === 'object' ? String(g.type) : 'null';
  let geometry: AreaGeometry;
  if (type === 'Polygon' && isPolygon(g?.coordinates)) {
    geometry = { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(([x, y]) => [x, y])) };
  } else if (type === 'MultiPolygon' && Array.isArray(g?.coordinates) && g.coordinates.every(isPolygon)) {
    const parts = g.coordinates as [number, number][][][];
    geometry = { type: 'MultiPolygon', coordinates: parts.map((p) => p.map((r) => r.map(([x, y]) => [x, y]))) };
  } else return { problem: 'geometry_type', params: { type } };
  const key = geometryError(geometry);
  // A bow tie has zero signed area: it is reported as the self-intersection it is.
  if (key && key !== 'geometry_ring_degenerate')
    return { problem: KEYS[key] ?? 'ring_degenerate', params: { max: MAX_VERTICES } };
  const found = kinks(geometry).features;
  if (found.length > 0) {
    const [x, y] = found[0]!.geometry.coordinates as [number, number];
    return { problem: 'self_intersection', params: { count: found.length, at: `${x.toFixed(5)},${y.toFixed(5)}` } };
  }
  if (key) return { problem: 'ring_degenerate' };
  return { geometry };
}

const asGeom = (g: AreaGeometry): Geom => polygonsOf(g) as Geom;

/** Planar area of a multipolygon (outer rings minus holes), in squared degrees. */
export function planarArea(polygons: ReadonlyArray<ReadonlyArray<ReadonlyArray<[number, number]>>>): number {
  let sum = 0;
  for (const polygon of polygons)
    polygon.forEach((ring, i) => {
      const a = Math.abs(ringArea(ring as [number, number][]));
      sum += i === 0 ? a : -a;
    });
  return sum;
}

const boxesMeet = (a: Bbox, b: Bbox) =>
  a.minLng < b.maxLng && b.minLng < a.maxLng && a.minLat < b.maxLat && b.minLat < a.maxLat;

const percent = (share: number) => Math.round(share * 1000) / 10;

export interface Shape {
  code: string;
  geometry: AreaGeometry;
}

/**
 * Pairs of siblings overlapping beyond the tolerance, each with the share of the smaller one. Only pairs where one
 * side is in `changed` are computed: what was already stored was checked when it was stored.
 */
export function overlaps(
  siblings: readonly Shape[],
  changed: ReadonlySet<string>,
): Array<{ a: string; b: string; percent: number }> {
  const items = siblings.map((s) => ({
    ...s,
    box: geometryBbox(s.geometry),
    area: planarArea(polygonsOf(s.geometry)),
  }));
  const out: Array<{ a: string; b: string; percent: number }> = [];
  for (let i = 0; i < items.length; i++)
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i]!;
      const b = items[j]!;
      if (!changed.has(a.code) && !changed.has(b.code)) continue;
      if (!boxesMeet(a.box, b.box)) continue;
      const shared = safeArea(() => intersection(asGeom(a.geometry), asGeom(b.geometry)));
      const share = shared / Math.min(a.area, b.area);
      if (share > OVERLAP_TOLERANCE) out.push({ a: a.code, b: b.code, percent: percent(share) });
    }
  return out;
}

/**
 * The checks of one parent and its children, from one union of the children: the pairwise overlaps, and each child
 * sticking out, are computed only when the totals say some exist (most groups tile their parent, and a pairwise
 * intersection for every pair of neighbours costs ten times more). Returns the problems to name.
 */
export function groupProblems(
  parent: AreaGeometry | null,
  kids: readonly Shape[],
  changed: ReadonlySet<string>,
): {
  overlaps: Array<{ a: string; b: string; percent: number }>;
  outside: Array<{ code: string; percent: number }>;
  gap: number | null;
} {
  const areas = kids.map((k) => planarArea(polygonsOf(k.geometry)));
  const smallest = Math.min(...areas);
  const all =
    kids.length > 1
      ? safeOp(() => union(asGeom(kids[0]!.geometry), ...kids.slice(1).map((k) => asGeom(k.geometry))))
      : null;
  const covered = all ?? (kids[0] ? asGeom(kids[0].geometry) : null);
  const overlapTotal = all ? areas.reduce((a, b) => a + b, 0) - planarArea(all as [number, number][][][]) : 0;
  const found = overlapTotal > OVERLAP_TOLERANCE * smallest ? overlaps(kids, changed) : [];
  if (!parent || !covered) return { overlaps: found, outside: [], gap: null };
  const whole = planarArea(polygonsOf(parent));
  const outsideTotal = safeArea(() => difference(covered, asGeom(parent)));
  const outside: Array<{ code: string; percent: number }> = [];
  if (outsideTotal > GAP_TOLERANCE * smallest)
    for (const k of kids) {
      if (!changed.has(k.code)) continue;
      const share = safeArea(() => difference(asGeom(k.geometry), asGeom(parent))) / planarArea(polygonsOf(k.geometry));
      if (share > GAP_TOLERANCE) outside.push({ code: k.code, percent: percent(share) });
    }
  const left = safeArea(() => difference(asGeom(parent), covered)) / whole;
  return { overlaps: found, outside, gap: left > GAP_TOLERANCE ? percent(left) : null };
}

/** polyclip-ts can throw on degenerate input that passed the checks above; such a shape is not reported. */
function safeArea(op: () => Geom): number {
  const g = safeOp(op);
  return g ? planarArea(g as [number, number][][][]) : 0;
}

function safeOp(op: () => Geom): Geom | null {
  try {
    return op();
  } catch {
    return null;
  }
}

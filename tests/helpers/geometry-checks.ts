import kinks from '@turf/kinks';
import { type AreaGeometry, polygonsOf, ringArea } from '../../src/kernel/geometry.js';

/** Area of a geometry in square degrees (outer rings minus holes). */
export function areaOf(g: AreaGeometry): number {
  return polygonsOf(g).reduce(
    (sum, [outer, ...holes]) =>
      sum + Math.abs(ringArea(outer!)) - holes.reduce((h, ring) => h + Math.abs(ringArea(ring)), 0),
    0,
  );
}

/** Self-intersections and touching edges of a geometry (@turf/kinks). */
export function kinksOf(g: AreaGeometry): number {
  return kinks({ type: 'Feature', properties: {}, geometry: g }).features.length;
}

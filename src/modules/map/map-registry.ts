import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { TileBox, TileFeature } from './tiles.js';
import { CODE_LENGTH, type TileLevel } from './tiles-filter.js';
import type { MapArea } from './map-areas.js';
import type { TileRequest } from './map.service.js';

export const REGISTRY_KINDS = ['places', 'cameras', 'hazards', 'facilities', 'organizations'] as const;
export type RegistryKind = (typeof REGISTRY_KINDS)[number];

/** Which table and filter each registry kind reads; people are not a registry layer (aggregates only, on the areas layer). */
const SOURCE: Record<RegistryKind, { table: 'place' | 'thing' | 'organization'; thingKind?: string }> = {
  places: { table: 'place' },
  cameras: { table: 'thing', thingKind: 'camera' },
  hazards: { table: 'thing', thingKind: 'hazard' },
  facilities: { table: 'thing', thingKind: 'facility' },
  organizations: { table: 'organization' },
};

const live = (table: string) => sql.raw(table === 'thing' ? "status <> 'removed'" : table === 'place' ? "status = 'active'" : "status = 'active' and lng is not null");

/**
 * Places, things and organisations: counts per area centre when zoomed out (below z13), points
 * with their id and name when zoomed in, always under the scope prefix.
 */
/** Registry elements per grid and kind, recounted in the background when older than a minute. */
export class RegistryCounts {
  private data = new Map<RegistryKind, { at: number; grids: Map<string, number> }>();
  private loading = new Map<RegistryKind, Promise<void>>();
  constructor(private readonly db: Db, private readonly maxAgeMs = 60_000) {}

  private async load(kind: RegistryKind) {
    const src = SOURCE[kind];
    const rows = await sql<{ grid_code: string; n: number }>`
      select grid_code, count(*)::int as n from ${sql.table(src.table)} where ${live(src.table)} ${src.thingKind ? sql`and kind = ${src.thingKind}` : sql``} group by grid_code`.execute(this.db);
    this.data.set(kind, { at: Date.now(), grids: new Map(rows.rows.map((x) => [x.grid_code, x.n])) });
  }

  async get(kind: RegistryKind): Promise<Map<string, number>> {
    const d = this.data.get(kind);
    if (!d || Date.now() - d.at > this.maxAgeMs) {
      const p = this.loading.get(kind) ?? this.load(kind).finally(() => this.loading.delete(kind));
      this.loading.set(kind, p);
      if (!d) await p;
      else void p.catch(() => undefined);
    }
    return this.data.get(kind)!.grids;
  }
}

export async function registryTile(
  db: Db, counts: RegistryCounts, r: TileRequest, kinds: string[], level: TileLevel, areas: MapArea[], box: TileBox, pos: (lng: number, lat: number) => [number, number],
): Promise<TileFeature[]> {
  const features: TileFeature[] = [];
  const wanted = REGISTRY_KINDS.filter((k) => kinds.includes(k));
  for (const kind of wanted) {
    const src = SOURCE[kind];
    const table = sql.table(src.table);
    const thing = src.thingKind ? sql`and kind = ${src.thingKind}` : sql``;
    if (r.z < 13) {
      // Zoomed out: counts per area from the per-grid counts kept in memory (refreshed each minute).
      const perGrid = await counts.get(kind);
      const len = CODE_LENGTH[level];
      const sums = new Map<string, number>();
      for (const [grid, n] of perGrid) if (grid.startsWith(r.scope.prefix)) sums.set(grid.slice(0, len), (sums.get(grid.slice(0, len)) ?? 0) + n);
      for (const a of areas) {
        const n = sums.get(a.code);
        if (n) features.push({ id: features.length + 1, type: 1, rings: [[pos(a.cx, a.cy)]], props: { kind, n, code: a.code, name: a.name } });
      }
    } else {
      const rows = await sql<{ id: string; name: string; lng: number; lat: number }>`
        select id::text as id, name, lng, lat from ${table}
        where point(lng, lat) <@ box(point(${box.west}, ${box.south}), point(${box.east}, ${box.north})) and grid_code like ${`${r.scope.prefix}%`} and ${live(src.table)} ${thing}
        limit 5000`.execute(db);
      for (const x of rows.rows) features.push({ id: features.length + 1, type: 1, rings: [[pos(x.lng, x.lat)]], props: { kind, n: 1, id: x.id, name: x.name } });
    }
  }
  return features;
}

import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { TileBox, TileFeature } from '../domain/tiles.js';
import { CODE_LENGTH, type TileLevel } from '../domain/tiles-filter.js';
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
export async function registryTile(
  db: Db, r: TileRequest, kinds: string[], level: TileLevel, areas: MapArea[], box: TileBox, pos: (lng: number, lat: number) => [number, number],
): Promise<TileFeature[]> {
  const features: TileFeature[] = [];
  const wanted = REGISTRY_KINDS.filter((k) => kinds.includes(k));
  for (const kind of wanted) {
    const src = SOURCE[kind];
    const table = sql.table(src.table);
    const thing = src.thingKind ? sql`and kind = ${src.thingKind}` : sql``;
    if (r.z < 13) {
      if (!areas.length) continue;
      const len = CODE_LENGTH[level];
      const rows = await sql<{ code: string; n: number }>`
        select substr(grid_code, 1, ${len}) as code, count(*)::int as n from ${table}
        where grid_code like ${`${r.scope.prefix}%`} and substr(grid_code, 1, ${len}) in (${sql.join(areas.map((a) => a.code))}) and ${live(src.table)} ${thing}
        group by 1`.execute(db);
      const at = new Map(areas.map((a) => [a.code, a]));
      for (const x of rows.rows) {
        const a = at.get(x.code)!;
        features.push({ id: features.length + 1, type: 1, rings: [[pos(a.cx, a.cy)]], props: { kind, n: x.n, code: a.code, name: a.name } });
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

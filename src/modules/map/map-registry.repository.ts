import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { Scope } from '../../db/scope.js';
import type { TileBox } from './tiles.js';
import type { RegistryKind } from './tiles-filter.js';

/**
 * The map's reads of the registry: places, things and organisations per grid and in a tile box, and
 * residents and special-group tags per grid (aggregates only: the map never shows a person).
 */

/** Which table and filter each registry kind reads. */
const SOURCE: Record<RegistryKind, { table: 'place' | 'thing' | 'organization'; thingKind?: string }> = {
  places: { table: 'place' },
  cameras: { table: 'thing', thingKind: 'camera' },
  hazards: { table: 'thing', thingKind: 'hazard' },
  facilities: { table: 'thing', thingKind: 'facility' },
  organizations: { table: 'organization' },
};

const live = (table: string) =>
  sql.raw(
    table === 'thing'
      ? "status <> 'removed'"
      : table === 'place'
        ? "status = 'active'"
        : "status = 'active' and lng is not null",
  );

/** Live elements of a kind per grid. */
export async function countsPerGrid(
  db: Executor,
  kind: RegistryKind,
): Promise<Array<{ grid_code: string; n: number }>> {
  const src = SOURCE[kind];
  const rows = await sql<{ grid_code: string; n: number }>`
      select grid_code, count(*)::int as n from ${sql.table(src.table)} where ${live(src.table)} ${src.thingKind ? sql`and kind = ${src.thingKind}` : sql``} group by grid_code`.execute(
    db,
  );
  return rows.rows;
}

/** Live elements of a kind in a box, under the scope; at most 5,000. */
export async function pointsInBox(
  db: Executor,
  scope: Scope,
  kind: RegistryKind,
  box: TileBox,
): Promise<Array<{ id: string; name: string; lng: number; lat: number }>> {
  const src = SOURCE[kind];
  const table = sql.table(src.table);
  const thing = src.thingKind ? sql`and kind = ${src.thingKind}` : sql``;
  const rows = await sql<{ id: string; name: string; lng: number; lat: number }>`
        select id::text as id, name, lng, lat from ${table}
        where point(lng, lat) <@ box(point(${box.west}, ${box.south}), point(${box.east}, ${box.north})) and grid_code like ${`${scope.prefix}%`} and ${live(src.table)} ${thing}
        limit 5000`.execute(db);
  return rows.rows;
}

/** Residents present per grid. */
export async function residentsPerGrid(db: Executor): Promise<Array<{ grid_code: string; n: number }>> {
  const r = await sql<{
    grid_code: string;
    n: number;
  }>`select grid_code, count(*)::int as n from person where status = 'present' group by grid_code`.execute(db);
  return r.rows;
}

/** Active special-group tags per grid, and how many of them are overdue for a visit at `now`. */
export async function specialTagsPerGrid(
  db: Executor,
  now: Date,
): Promise<Array<{ grid_code: string; n: number; overdue: number }>> {
  const r = await sql<{ grid_code: string; n: number; overdue: number }>`
        select grid_code, count(*)::int as n, count(*) filter (where next_visit_due < ${now})::int as overdue from person_tag where active group by grid_code`.execute(
    db,
  );
  return r.rows;
}

import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { containsText } from '../../db/text-search.js';

/** The map's reads of the area tree: its polygons for the in-memory index, and the public grid outlines. */

export interface AreaShapeRow {
  code: string;
  level: string;
  name: string;
  center_lng: number | null;
  center_lat: number | null;
  boundary: unknown;
}

/** A cheap fingerprint of the area table: it changes whenever an area is added or edited. */
export async function areaVersion(db: Executor): Promise<string> {
  const v = await sql<{
    v: string;
  }>`select coalesce(max(updated_at)::text, '') || ':' || count(*) as v from area`.execute(db);
  return v.rows[0]?.v ?? '';
}

/** Every active area below the city with a boundary. */
export async function activeAreaShapes(db: Executor): Promise<AreaShapeRow[]> {
  const rows = await sql<AreaShapeRow>`
      select code, level, name, center_lng, center_lat, boundary from area where status = 'active' and level <> 'city' and boundary is not null`.execute(
    db,
  );
  return rows.rows;
}

/** The active grids whose outline (an exterior ring's box) meets a box, by code; the ring boxes' GiST index finds them. */
export function gridOutlinesInBox(
  db: Executor,
  box: { minLng: number; minLat: number; maxLng: number; maxLat: number },
  limit: number,
) {
  const { minLng, minLat, maxLng, maxLat } = box;
  return db
    .selectFrom('area as a')
    .select(['a.code', 'a.name', 'a.boundary'])
    .where('a.level', '=', 'grid')
    .where('a.status', '=', 'active')
    .where('a.boundary', 'is not', null)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('area_ring as r')
          .select(sql`1`.as('x'))
          .whereRef('r.area_code', '=', 'a.code')
          .where('r.is_hole', '=', false)
          .where(sql<boolean>`r.bbox && box(point(${minLng}, ${minLat}), point(${maxLng}, ${maxLat}))`),
      ),
    )
    .orderBy('a.code')
    .limit(limit)
    .execute();
}

export interface PlaceRow {
  code: string;
  name: string;
  level: string;
  parent_name: string | null;
  grandparent_name: string | null;
  center_lng: number | null;
  center_lat: number | null;
}

/**
 * Active townships and villages (communities included) whose name contains the text, for the public report page:
 * names and label points only, which are public. Exact names first, then names that start with it, towns before
 * villages; the name grams' GIN index finds the rows.
 */
export function placesByName(db: Executor, q: string, limit: number) {
  return db
    .selectFrom('area as a')
    .leftJoin('area as p', 'p.code', 'a.parent_code')
    .leftJoin('area as g', (j) => j.onRef('g.code', '=', 'p.parent_code').on('g.level', '<>', 'city'))
    .select([
      'a.code',
      'a.name',
      'a.level',
      'p.name as parent_name',
      'g.name as grandparent_name',
      'a.center_lng',
      'a.center_lat',
    ])
    .where('a.status', '=', 'active')
    .where('a.level', 'in', ['township', 'village'])
    .where(containsText(sql.ref('a.name'), q))
    .orderBy(
      sql`case when a.name = ${q} then 0 when a.name like ${`${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} then 1 else 2 end`,
    )
    .orderBy(sql`length(a.code)`)
    .orderBy('a.code')
    .limit(limit)
    .execute() as Promise<PlaceRow[]>;
}

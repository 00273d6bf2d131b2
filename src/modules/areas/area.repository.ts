import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { AreaLevel, AreaRow, NewArea } from '../../db/schema.js';
import { inScope, type Scope } from '../../db/scope.js';
import { containsText } from '../../db/text-search.js';
import type { RingRow } from '../../kernel/geometry.js';

export type AreaSummary = Pick<AreaRow, 'code' | 'name' | 'level' | 'status' | 'parent_code'> & { child_count: number };

const summaryColumns = ['a.code', 'a.name', 'a.level', 'a.status', 'a.parent_code'] as const;

export function findArea(db: Executor, scope: Scope, code: string): Promise<AreaRow | undefined> {
  return db.selectFrom('area').selectAll().where('code', '=', code).where(inScope(scope, 'code')).executeTakeFirst();
}

/** Children with the number of their own active children, for the tree navigator. */
export function listChildren(
  db: Executor,
  scope: Scope,
  parentCode: string,
  includeRetired = false,
): Promise<AreaSummary[]> {
  let q = db
    .selectFrom('area as a')
    .select(summaryColumns)
    .select((eb) =>
      eb
        .selectFrom('area as c')
        .whereRef('c.parent_code', '=', 'a.code')
        .where('c.status', '=', 'active')
        .select(sql<number>`count(*)::int`.as('n'))
        .as('child_count'),
    )
    .where('a.parent_code', '=', parentCode)
    .where(inScope(scope, 'a.code'));
  if (!includeRetired) q = q.where('a.status', '=', 'active');
  return q.orderBy('a.code').execute() as Promise<AreaSummary[]>;
}

export function listChildGeometries(db: Executor, scope: Scope, parentCode: string) {
  return db
    .selectFrom('area')
    .select(['code', 'name', 'level', 'boundary', 'center_lng', 'center_lat'])
    .where('parent_code', '=', parentCode)
    .where('status', '=', 'active')
    .where(inScope(scope, 'code'))
    .orderBy('code')
    .execute();
}

/** Chinese substring search on names (pg_trgm index); an all-digit query matches a code prefix. */
export function searchAreas(db: Executor, scope: Scope, q: string, level: AreaLevel | undefined, limit: number) {
  let query = db
    .selectFrom('area')
    .select(['code', 'name', 'level', 'parent_code', 'status'])
    .where(inScope(scope, 'code'))
    .where('status', '=', 'active');
  query = /^\d+$/.test(q) ? query.where('code', 'like', `${q}%`) : query.where(containsText(sql.ref('name'), q));
  if (level) query = query.where('level', '=', level);
  return query.orderBy(sql`length(code)`).orderBy('code').limit(limit).execute();
}

/** The ancestors of an area that lie inside the scope, root first (for breadcrumbs). */
export function listAncestors(db: Executor, scope: Scope, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('area')
    .select(['code', 'name', 'level'])
    .where('code', 'in', codes)
    .where(inScope(scope, 'code'))
    .orderBy(sql`length(code)`)
    .execute();
}

export function codeExists(db: Executor, code: string): Promise<boolean> {
  // Deliberately unscoped: codes are never reused, whoever holds them.
  return db
    .selectFrom('area')
    .select('code')
    .where('code', '=', code)
    .executeTakeFirst()
    .then((r) => r !== undefined);
}

export function countActiveChildren(db: Executor, code: string): Promise<number> {
  return db
    .selectFrom('area')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('parent_code', '=', code)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow()
    .then((r) => r.n);
}

export async function insertAreas(db: Executor, rows: NewArea[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('area').values(rows).execute();
}

export function updateArea(
  db: Executor,
  code: string,
  patch: {
    name?: string;
    boundary?: string;
    bbox?: string;
    center_lng?: number;
    center_lat?: number;
    status?: 'retired';
    retired_at?: Date;
  },
  now: Date,
) {
  return db
    .updateTable('area')
    .set({ ...patch, updated_at: now, version: sql`version + 1` })
    .where('code', '=', code)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function replaceRings(
  db: Executor,
  area: { code: string; county_code: string; level: AreaLevel },
  rings: RingRow[],
) {
  await db.deleteFrom('area_ring').where('area_code', '=', area.code).execute();
  await insertRings(
    db,
    rings.map((r) => ({ ...r, areaCode: area.code, countyCode: area.county_code, level: area.level })),
  );
}

export async function insertRings(
  db: Executor,
  rows: Array<RingRow & { areaCode: string; countyCode: string; level: AreaLevel }>,
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('area_ring')
    .values(
      rows.map((r) => ({
        county_code: r.countyCode,
        area_code: r.areaCode,
        level: r.level,
        part: r.part,
        ring: r.ring,
        is_hole: r.isHole,
        poly: r.poly,
        bbox: r.bbox,
      })),
    )
    .execute();
}

export async function deleteRings(db: Executor, code: string): Promise<void> {
  await db.deleteFrom('area_ring').where('area_code', '=', code).execute();
}

/**
 * The active area of `level` containing the point. Closed-set rule, as domain/geometry.ts: a point
 * on an outer edge is inside; a point strictly inside a hole is outside. On a shared edge the
 * lowest code wins, so the answer is deterministic. Postgres compares points to polygon edges with
 * its built-in 1e-6 tolerance (about 0.1 m in degrees); the hole test uses the same tolerance.
 */
export async function locateArea(db: Executor, scope: Scope, level: AreaLevel, lng: number, lat: number) {
  return (await locateAreas(db, level, [{ prefix: scope.prefix, lng, lat }]))[0];
}

/**
 * The area of each point (within its own scope prefix), in one statement for many points: intake looks up the grid of
 * every event, and at a thousand a second one statement per event cost more in round trips (a socket write and a
 * backend wake-up each) than in the lookup itself (bench/event-intake.ts).
 */
export async function locateAreas(
  db: Executor,
  level: AreaLevel,
  points: ReadonlyArray<{ prefix: string; lng: number; lat: number }>,
) {
  if (points.length === 0) return [];
  const r = await sql<{ i: string; code: string | null; name: string; level: AreaLevel; parent_code: string | null }>`
    select p.i, g.code, g.name, g.level, g.parent_code
    from unnest(${points.map((x) => x.lng)}::float8[], ${points.map((x) => x.lat)}::float8[], ${points.map((x) => `${x.prefix}%`)}::text[])
      with ordinality as p(lng, lat, scope_like, i)
    left join lateral (
      select a.code, a.name, a.level, a.parent_code
      from area_ring r join area a on a.code = r.area_code
      where r.level = ${level} and r.is_hole = false and a.status = 'active'
        -- box @> box can use the GiST index; box @> point cannot.
        and r.bbox @> box(point(p.lng, p.lat), point(p.lng, p.lat)) and r.poly @> point(p.lng, p.lat) and r.area_code like p.scope_like
        and not exists (
          select 1 from area_ring h
          where h.area_code = r.area_code and h.part = r.part and h.is_hole = true
            and h.poly @> point(p.lng, p.lat) and (point(p.lng, p.lat) <-> path(h.poly)) > 1e-6)
      order by a.code
      limit 1
    ) g on true
    order by p.i`.execute(db);
  return r.rows.map((x) =>
    x.code === null ? undefined : { code: x.code, name: x.name, level: x.level, parent_code: x.parent_code },
  );
}

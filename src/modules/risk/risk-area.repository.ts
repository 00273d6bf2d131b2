import { type SqlBool, sql } from 'kysely';
import type { Executor } from '../../db/database.js';

// What the risk module reads of the areas a matter affects: the areas themselves, the people living there
// (registry) and the events reported there since implementation started.

export function findAreaLevel(db: Executor, code: string) {
  return db.selectFrom('area').select(['code', 'level']).where('code', '=', code).executeTakeFirst();
}

export function listAreaLevels(db: Executor, codes: string[]) {
  return db.selectFrom('area').select(['code', 'level']).where('code', 'in', codes).execute();
}

/** Whether each area exists and is active, for checking the areas a matter is registered with. */
export function listAreaStatuses(db: Executor, codes: string[]) {
  return db.selectFrom('area').select(['code', 'level', 'status']).where('code', 'in', codes).execute();
}

export function listAreaNames(db: Executor, codes: string[]) {
  return db.selectFrom('area').select(['code', 'name', 'level']).where('code', 'in', codes).execute();
}

/** People living now in the subtree of the area with `prefix`. */
export function countPresentPeople(db: Executor, prefix: string) {
  return db
    .selectFrom('person')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('grid_code', 'like', `${prefix}%`)
    .where('status', '=', 'present')
    .executeTakeFirstOrThrow();
}

/** Events in any of the subtrees of `prefixes` (non-empty). */
function inAreas(prefixes: string[]) {
  const likes = prefixes.map((p) => `${p}%`);
  return sql<SqlBool>`(${sql.join(
    likes.map((p) => sql`e.grid_code like ${p}`),
    sql` or `,
  )})`;
}

/** Events reported since `since`, counted by week (Monday, Asia/Shanghai). */
export function countEventsByWeek(db: Executor, prefixes: string[], since: Date) {
  const week = sql<string>`to_char(date_trunc('week', e.created_at at time zone 'Asia/Shanghai'), 'YYYY-MM-DD')`;
  return db
    .selectFrom('event as e')
    .select([week.as('week'), sql<number>`count(*)::int`.as('n')])
    .where(inAreas(prefixes))
    .where('e.created_at', '>=', since)
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .execute();
}

export function listRecentEvents(db: Executor, prefixes: string[], since: Date) {
  return db
    .selectFrom('event as e')
    .innerJoin('event_category as c', 'c.code', 'e.category_code')
    .select(['e.id', 'e.number', 'e.status', 'e.created_at', 'e.grid_code', 'c.name as category'])
    .where(inAreas(prefixes))
    .where('e.created_at', '>=', since)
    .orderBy('e.created_at', 'desc')
    .limit(20)
    .execute();
}

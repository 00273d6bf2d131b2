import { type Insertable, sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { PersonTagRow, PersonTagTable } from '../../db/schema.js';
import { inScope, type Scope } from '../../db/scope.js';

export function listTags(db: Executor, personId: string, includeEnded = false) {
  let q = db.selectFrom('person_tag').selectAll().where('person_id', '=', personId);
  if (!includeEnded) q = q.where('active', '=', true);
  return q.orderBy('created_at').execute();
}

/** Active tags whose next visit is due before `now`, most overdue first. */
export function listOverdueVisits(db: Executor, scope: Scope, gridPrefix: string, now: Date, limit: number) {
  return db
    .selectFrom('person_tag as t')
    .innerJoin('person as p', 'p.id', 't.person_id')
    .leftJoin('grid_worker as w', 'w.id', 't.responsible_worker_id')
    .select([
      't.id',
      't.tag',
      't.risk_level',
      't.next_visit_due',
      't.last_visit_at',
      't.grid_code',
      'p.id as person_id',
      'p.name as person_name',
      'w.name as worker_name',
    ])
    .where('t.active', '=', true)
    .where('p.status', '=', 'present')
    .where('t.next_visit_due', '<', now)
    .where('t.grid_code', 'like', `${gridPrefix}%`)
    .where(inScope(scope, 't.grid_code'))
    .orderBy('t.next_visit_due')
    .limit(limit)
    .execute();
}

/** Unscoped: the caller found the person within its scope. */
export async function hasActiveTag(db: Executor, personId: string, tag: string): Promise<boolean> {
  const r = await db
    .selectFrom('person_tag')
    .select('id')
    .where('person_id', '=', personId)
    .where('tag', '=', tag)
    .where('active', '=', true)
    .executeTakeFirst();
  return r !== undefined;
}

export function findActiveTag(db: Executor, scope: Scope, personId: string, tag: string) {
  return db
    .selectFrom('person_tag')
    .selectAll()
    .where('person_id', '=', personId)
    .where('tag', '=', tag)
    .where('active', '=', true)
    .where(inScope(scope, 'grid_code'))
    .executeTakeFirst();
}

export function insertTag(db: Executor, values: Insertable<PersonTagTable>): Promise<PersonTagRow> {
  return db.insertInto('person_tag').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function endTag(db: Executor, tagId: string, now: Date): Promise<void> {
  await db
    .updateTable('person_tag')
    .set({ active: false, ended_at: now, updated_at: now })
    .where('id', '=', tagId)
    .execute();
}

/** A person who moves grid takes the active tags along, so the overdue list follows the person. */
export async function moveActiveTags(db: Executor, personId: string, gridCode: string): Promise<void> {
  await db
    .updateTable('person_tag')
    .set({ grid_code: gridCode, county_code: gridCode.slice(0, 6) })
    .where('person_id', '=', personId)
    .where('active', '=', true)
    .execute();
}

/**
 * Each tag's next visit is this visit plus that tag's own interval; an older, back-dated visit does
 * not pull a due date backwards.
 */
export async function advanceNextVisits(db: Executor, personIds: string[], visitedAt: Date, now: Date): Promise<void> {
  await db
    .updateTable('person_tag')
    .set({
      last_visit_at: visitedAt,
      next_visit_due: sql<Date>`${visitedAt}::timestamptz + make_interval(days => visit_interval_days)`,
      updated_at: now,
    })
    .where('person_id', 'in', personIds)
    .where('active', '=', true)
    .where((eb) => eb.or([eb('last_visit_at', 'is', null), eb('last_visit_at', '<', visitedAt)]))
    .execute();
}

import { type Insertable, sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { SupervisionCaseTable, SupervisionStatus, SupervisionStepTable } from '../../db/schema.js';
import { inScope, type Scope } from '../../db/scope.js';

/** One numbering per county and year, serialised by a transaction lock: readable and unique. */
export async function lockCaseNumbering(db: Executor, county: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`supervision_case:${county}`}))`.execute(db);
}

/** Cases numbered so far in the county's year. */
export function countCaseNumbers(db: Executor, county: string, year: string) {
  return db
    .selectFrom('supervision_case')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('number', 'like', `DB-${county}-${year}-%`)
    .executeTakeFirstOrThrow();
}

export function insertCase(db: Executor, values: Insertable<SupervisionCaseTable>) {
  return db.insertInto('supervision_case').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Cases inside the scope, soonest deadline first; 'open' is every status but closed. */
export function listCases(db: Executor, scope: Scope, f: { status?: SupervisionStatus | 'open'; areaCode?: string }) {
  let q = db
    .selectFrom('supervision_case as c')
    .innerJoin('area as a', 'a.code', 'c.area_code')
    .select([
      'c.id',
      'c.number',
      'c.title',
      'c.area_code',
      'a.name as area_name',
      'a.level as area_level',
      'c.status',
      'c.deadline_at',
      'c.overdue_at',
      'c.created_at',
      'c.closed_at',
      'c.supervisor_code',
    ])
    .where(inScope(scope, 'c.area_code'));
  if (f.status === 'open') q = q.where('c.status', '<>', 'closed');
  else if (f.status) q = q.where('c.status', '=', f.status);
  if (f.areaCode) q = q.where('c.area_code', 'like', `${f.areaCode}%`);
  return q.orderBy('c.deadline_at').limit(500).execute();
}

export function findCase(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom('supervision_case as c')
    .innerJoin('area as a', 'a.code', 'c.area_code')
    .selectAll('c')
    .select(['a.name as area_name'])
    .where('c.id', '=', id)
    .where(inScope(scope, 'c.area_code'))
    .executeTakeFirst();
}

export function lockCase(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom('supervision_case')
    .selectAll()
    .where('id', '=', id)
    .where(inScope(scope, 'area_code'))
    .forUpdate()
    .executeTakeFirst();
}

/** Moves the case to `status` (closing it or reopening it) and bumps its version. */
export async function moveCase(
  db: Executor,
  id: string,
  move: { status: SupervisionStatus; version: number },
  now: Date,
): Promise<void> {
  await db
    .updateTable('supervision_case')
    .set({
      status: move.status,
      updated_at: now,
      closed_at: move.status === 'closed' ? now : null,
      version: move.version,
    })
    .where('id', '=', id)
    .execute();
}

/** Stamps every open case whose deadline passed and was not stamped yet; the stamped ones. */
export function markOverdueCases(db: Executor, now: Date) {
  return db
    .updateTable('supervision_case')
    .set({ overdue_at: now })
    .where('overdue_at', 'is', null)
    .where('status', '<>', 'closed')
    .where('deadline_at', '<=', now)
    .returning(['id', 'county_code', 'area_code', 'status'])
    .execute();
}

export async function insertStep(db: Executor, values: Insertable<SupervisionStepTable>): Promise<void> {
  await db.insertInto('supervision_step').values(values).execute();
}

export function listSteps(db: Executor, caseId: string) {
  return db.selectFrom('supervision_step').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { RiskMatterRow, RiskMatterTable, RiskStageLogTable } from '../../db/schema.js';
import { inScope, type Scope } from '../../db/scope.js';

/** The matter row inside the scope, locked for the caller's transaction. */
export function lockMatter(db: Executor, scope: Scope, id: string): Promise<RiskMatterRow | undefined> {
  return db
    .selectFrom('risk_matter')
    .selectAll()
    .where('id', '=', id)
    .where(inScope(scope, 'area_code'))
    .forUpdate()
    .executeTakeFirst();
}

export function findMatter(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom('risk_matter')
    .selectAll()
    .where('id', '=', id)
    .where(inScope(scope, 'area_code'))
    .executeTakeFirst();
}

/** What the event signal of a matter needs: its affected areas and when implementation started. */
export function findMatterAreas(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom('risk_matter')
    .select(['id', 'area_codes', 'implementation_started_at'])
    .where('id', '=', id)
    .where(inScope(scope, 'area_code'))
    .executeTakeFirst();
}

/** The next number of the county's year, counted in one upsert so two registrations never share one. */
export function nextMatterNumber(db: Executor, countyCode: string, year: number) {
  return db
    .insertInto('risk_number_counter')
    .values({ county_code: countyCode, year, last: 1 })
    .onConflict((oc) => oc.columns(['county_code', 'year']).doUpdateSet({ last: sql`risk_number_counter.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
}

export function insertMatter(db: Executor, values: Insertable<RiskMatterTable>) {
  return db.insertInto('risk_matter').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function setMatterStageDue(db: Executor, id: string, due: Date): Promise<void> {
  await db.updateTable('risk_matter').set({ stage_due_at: due }).where('id', '=', id).execute();
}

/** Changes the matter and bumps its version, returning the new row. */
export function updateMatter(db: Executor, id: string, set: Updateable<RiskMatterTable>, now: Date) {
  return db
    .updateTable('risk_matter')
    .set({ ...set, version: sql`version + 1`, updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Changes the matter and bumps its version. */
export async function bumpMatter(db: Executor, id: string, set: Updateable<RiskMatterTable>, now: Date): Promise<void> {
  await db
    .updateTable('risk_matter')
    .set({ ...set, version: sql`version + 1`, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function endOpenStage(db: Executor, matterId: string, now: Date): Promise<void> {
  await db
    .updateTable('risk_stage_log')
    .set({ ended_at: now })
    .where('matter_id', '=', matterId)
    .where('ended_at', 'is', null)
    .execute();
}

export async function insertStage(db: Executor, values: Insertable<RiskStageLogTable>): Promise<void> {
  await db.insertInto('risk_stage_log').values(values).execute();
}

export async function renameOpenStageOwner(db: Executor, matterId: string, ownerName: string): Promise<void> {
  await db
    .updateTable('risk_stage_log')
    .set({ owner_name: ownerName })
    .where('matter_id', '=', matterId)
    .where('ended_at', 'is', null)
    .execute();
}

export function listStages(db: Executor, matterId: string) {
  return db.selectFrom('risk_stage_log').selectAll().where('matter_id', '=', matterId).orderBy('id').execute();
}

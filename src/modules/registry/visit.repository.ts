import type { Insertable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { VisitTable } from '../../db/schema.js';
import { inScope, type Scope } from '../../db/scope.js';

export function insertVisit(db: Executor, values: Insertable<VisitTable>) {
  return db.insertInto('visit').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Locks the visit row, so a finding is handed off once however many ask at the same time. */
export function findVisitForUpdate(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom('visit')
    .selectAll()
    .where('id', '=', id)
    .where(inScope(scope, 'grid_code'))
    .forUpdate()
    .executeTakeFirst();
}

export async function markHandedOff(db: Executor, visitId: string, eventId: string): Promise<void> {
  await db
    .updateTable('visit')
    .set({ finding_status: 'handed_off', event_id: eventId })
    .where('id', '=', visitId)
    .execute();
}

/** Unscoped: the household itself was found within the caller's scope. */
export function listHouseholdVisits(db: Executor, householdId: string, limit: number) {
  return db
    .selectFrom('visit')
    .select(['id', 'visited_at', 'observed', 'requests', 'finding', 'finding_status'])
    .where('household_id', '=', householdId)
    .orderBy('visited_at', 'desc')
    .limit(limit)
    .execute();
}

/** The grid worker record of the user who visits, if the user is one. */
export function findWorkerOfUser(db: Executor, userId: string) {
  return db.selectFrom('grid_worker').select('id').where('user_id', '=', userId).executeTakeFirst();
}

export async function workerInScope(db: Executor, scope: Scope, workerId: string): Promise<boolean> {
  const w = await db
    .selectFrom('grid_worker')
    .select('id')
    .where('id', '=', workerId)
    .where(inScope(scope, 'home_code'))
    .executeTakeFirst();
  return w !== undefined;
}

/** The centre of a grid: where a finding handed off as an event is placed. */
export function gridCentre(db: Executor, gridCode: string) {
  return db
    .selectFrom('area')
    .select(['center_lng', 'center_lat'])
    .where('code', '=', gridCode)
    .executeTakeFirstOrThrow();
}

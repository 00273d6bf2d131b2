import type { Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { EventTable } from '../../db/schema.js';
import { inScope, type Scope } from '../../db/scope.js';

/** The event, locked for the rest of the transaction (two operators cannot both dispatch it). */
export function lockEvent(trx: Executor, scope: Scope, id: string) {
  return trx.selectFrom('event').selectAll().forUpdate().where('id', '=', id).where(inScope(scope, 'grid_code')).executeTakeFirst();
}

/** The event with this tracking code, locked: the resident's rating comes with the code, not an account. */
export function lockEventByTrackingCode(trx: Executor, trackingCode: string) {
  return trx.selectFrom('event').selectAll().forUpdate().where('tracking_code', '=', trackingCode).executeTakeFirst();
}

/** Events in scope locked in id order, so two merges of the same pair cannot deadlock. */
export function lockEventsInIdOrder(trx: Executor, scope: Scope, ids: string[]) {
  return trx.selectFrom('event').selectAll().where('id', 'in', ids).where(inScope(scope, 'grid_code')).orderBy('id').forUpdate().execute();
}

export function updateEvent(trx: Executor, id: string, set: Updateable<EventTable>) {
  return trx.updateTable('event').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function findActiveUnit(trx: Executor, unitId: string) {
  return trx.selectFrom('unit').select(['id', 'area_code']).where('id', '=', unitId).where('status', '=', 'active').executeTakeFirst();
}

export function findCategoryLimit(trx: Executor, code: string) {
  return trx.selectFrom('event_category').select('limit_working_days').where('code', '=', code).executeTakeFirstOrThrow();
}

/** An event that ends (rejected, closed, merged) withdraws its open mediation case. */
export async function withdrawOpenMediation(trx: Executor, eventId: string, now: Date): Promise<void> {
  await trx.updateTable('mediation_case').set({ status: 'withdrawn', closed_at: now, level_due_at: null }).where('event_id', '=', eventId).where('status', '=', 'open').execute();
}

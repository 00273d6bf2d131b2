import { type ExpressionBuilder, type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { DB, EventRow, EventTable, EventTransitionTable } from '../../db/schema.js';
import { inScope, type Scope } from '../../db/scope.js';
import { FINISHED_STATUSES } from './event-state-machine.js';

export interface EventFilter {
  gridPrefix?: string;
  statuses?: string[];
  categoryCode?: string;
  deadline?: 'yellow' | 'red';
  channel?: string;
  centre?: string;
  unitId?: string;
  supervised?: boolean;
  dispute?: boolean;
  before?: { at: Date; id: string };
  limit: number;
}

export function listEventCategories(db: Executor) {
  return db.selectFrom('event_category').selectAll().orderBy('sort').orderBy('code').execute();
}

export function findCategoryName(db: Executor, code: string) {
  return db.selectFrom('event_category').select('name').where('code', '=', code).executeTakeFirstOrThrow();
}

export function findEventInScope(db: Executor, scope: Scope, id: string) {
  return db.selectFrom('event').selectAll().where('id', '=', id).where(inScope(scope, 'grid_code')).executeTakeFirst();
}

/** The numbers of events linked to one (its possible duplicate, the event it was merged into). */
export function findEventNumbers(db: Executor, ids: string[]) {
  return db.selectFrom('event').select(['id', 'number']).where('id', 'in', ids).execute();
}

/** The work queue, newest first, with cursor pagination on (created_at, id). */
export function listEvents(db: Executor, scope: Scope, f: EventFilter, now: Date) {
  let q = db.selectFrom('event').selectAll().where(inScope(scope, 'grid_code'));
  if (f.gridPrefix) q = q.where('grid_code', 'like', `${f.gridPrefix}%`);
  if (f.statuses && f.statuses.length > 0) q = q.where('status', 'in', f.statuses);
  if (f.categoryCode) q = q.where('category_code', 'like', `${f.categoryCode}%`);
  if (f.channel) q = q.where('channel', '=', f.channel as EventRow['channel']);
  if (f.centre) q = q.where('centre', '=', f.centre as EventRow['centre']);
  if (f.supervised) q = q.where('supervised_at', 'is not', null);
  if (f.dispute) q = q.where('is_dispute', '=', true);
  if (f.deadline) {
    const open = (eb: ExpressionBuilder<DB, 'event'>) => eb('status', 'not in', FINISHED_STATUSES);
    const red = (eb: ExpressionBuilder<DB, 'event'>) =>
      eb.or([eb('overdue_at', 'is not', null), eb('due_at', '<=', now)]);
    q =
      f.deadline === 'red'
        ? q.where((eb) => eb.and([open(eb), red(eb)]))
        : q.where((eb) => eb.and([open(eb), eb.not(red(eb)), eb('warn_at', '<=', now)]));
  }
  if (f.unitId) {
    const unit = f.unitId;
    q = q.where((eb) =>
      eb.or([
        eb('owner_unit_id', '=', unit),
        eb('lead_unit_id', '=', unit),
        eb.exists(
          eb
            .selectFrom('event_co_handler as t')
            .select(sql`1`.as('one'))
            .whereRef('t.event_id', '=', 'event.id')
            .where('t.unit_id', '=', unit)
            .where('t.status', '=', 'open'),
        ),
        eb.exists(
          eb
            .selectFrom('mediation_case as m')
            .select(sql`1`.as('one'))
            .whereRef('m.event_id', '=', 'event.id')
            .where('m.level_unit_id', '=', unit)
            .where('m.status', '=', 'open'),
        ),
      ]),
    );
  }
  if (f.before) {
    const b = f.before;
    q = q.where((eb) =>
      eb.or([eb('created_at', '<', b.at), eb.and([eb('created_at', '=', b.at), eb('id', '<', b.id)])]),
    );
  }
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

/**
 * An event by its tracking code, with its category's name and the number and status of the event it was merged into.
 * Never that event's tracking code: it belongs to another resident and would let its holder act on their event.
 */
export function findTrackedEvent(db: Executor, code: string) {
  return db
    .selectFrom('event as e')
    .innerJoin('event_category as c', 'c.code', 'e.category_code')
    .leftJoin('event as m', 'm.id', 'e.merged_into')
    .select([
      'e.id',
      'e.number',
      'e.status',
      'e.created_at',
      'e.due_at',
      'e.closed_at',
      'e.rating',
      'c.name as category',
      'm.number as merged_into_number',
      'm.status as merged_into_status',
    ])
    .where('e.tracking_code', '=', code)
    .executeTakeFirst();
}

// Locks and writes of the closed loop.

/** The event, locked for the rest of the transaction (two operators cannot both dispatch it). */
export function lockEvent(trx: Executor, scope: Scope, id: string) {
  return trx
    .selectFrom('event')
    .selectAll()
    .forUpdate()
    .where('id', '=', id)
    .where(inScope(scope, 'grid_code'))
    .executeTakeFirst();
}

/** The event with this tracking code, locked: the resident's rating comes with the code, not an account. */
export function lockEventByTrackingCode(trx: Executor, trackingCode: string) {
  return trx.selectFrom('event').selectAll().forUpdate().where('tracking_code', '=', trackingCode).executeTakeFirst();
}

/** Events in scope locked in id order, so two merges of the same pair cannot deadlock. */
export function lockEventsInIdOrder(trx: Executor, scope: Scope, ids: string[]) {
  return trx
    .selectFrom('event')
    .selectAll()
    .where('id', 'in', ids)
    .where(inScope(scope, 'grid_code'))
    .orderBy('id')
    .forUpdate()
    .execute();
}

export function updateEvent(trx: Executor, id: string, set: Updateable<EventTable>) {
  return trx.updateTable('event').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function findActiveUnit(trx: Executor, unitId: string) {
  return trx
    .selectFrom('unit')
    .select(['id', 'area_code'])
    .where('id', '=', unitId)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

export function findCategoryLimit(trx: Executor, code: string) {
  return trx
    .selectFrom('event_category')
    .select('limit_working_days')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
}

/** An event that ends (rejected, closed, merged) withdraws its open mediation case. */
export async function withdrawOpenMediation(trx: Executor, eventId: string, now: Date): Promise<void> {
  await trx
    .updateTable('mediation_case')
    .set({ status: 'withdrawn', closed_at: now, level_due_at: null })
    .where('event_id', '=', eventId)
    .where('status', '=', 'open')
    .execute();
}

// The timeline and the parties.

/** An event's timeline in order, with the name of the unit of each step. */
export function listTimeline(db: Executor, eventId: string) {
  return db
    .selectFrom('event_transition as t')
    .leftJoin('unit as u', 'u.id', 't.unit_id')
    .select([
      't.id',
      't.at',
      't.actor_name',
      't.action',
      't.from_status',
      't.to_status',
      't.note',
      'u.name as unit_name',
    ])
    .where('t.event_id', '=', eventId)
    .orderBy('t.id')
    .execute();
}

/** Attachments given with a step of the timeline (a photo with the feedback, say). */
export function listStepAttachments(db: Executor, eventId: string) {
  return db
    .selectFrom('event_attachment')
    .select(['id', 'file_name', 'transition_id'])
    .where('event_id', '=', eventId)
    .where('transition_id', 'is not', null)
    .orderBy('created_at')
    .execute();
}

export function listParties(db: Executor, eventId: string) {
  return db.selectFrom('event_party').selectAll().where('event_id', '=', eventId).orderBy('created_at').execute();
}

/** The steps with a public note, for the tracking page. */
export function listPublicSteps(db: Executor, eventId: string) {
  return db
    .selectFrom('event_transition')
    .select(['at', 'to_status', 'public_note'])
    .where('event_id', '=', eventId)
    .where('public_note', 'is not', null)
    .orderBy('id')
    .execute();
}

export async function insertSteps(trx: Executor, rows: ReadonlyArray<Insertable<EventTransitionTable>>): Promise<void> {
  await trx
    .insertInto('event_transition')
    .values([...rows])
    .execute();
}

/** When the event was last suspended. */
export function findLastSuspension(trx: Executor, eventId: string) {
  return trx
    .selectFrom('event_transition')
    .select('at')
    .where('event_id', '=', eventId)
    .where('action', '=', 'suspend')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

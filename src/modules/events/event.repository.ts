import { type ExpressionBuilder, sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { DB, EventRow } from '../../db/schema.js';
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
    const red = (eb: ExpressionBuilder<DB, 'event'>) => eb.or([eb('overdue_at', 'is not', null), eb('due_at', '<=', now)]);
    q = f.deadline === 'red' ? q.where((eb) => eb.and([open(eb), red(eb)])) : q.where((eb) => eb.and([open(eb), eb.not(red(eb)), eb('warn_at', '<=', now)]));
  }
  if (f.unitId) {
    const unit = f.unitId;
    q = q.where((eb) =>
      eb.or([
        eb('owner_unit_id', '=', unit),
        eb('lead_unit_id', '=', unit),
        eb.exists(eb.selectFrom('event_co_handler as t').select(sql`1`.as('one')).whereRef('t.event_id', '=', 'event.id').where('t.unit_id', '=', unit).where('t.status', '=', 'open')),
        eb.exists(eb.selectFrom('mediation_case as m').select(sql`1`.as('one')).whereRef('m.event_id', '=', 'event.id').where('m.level_unit_id', '=', unit).where('m.status', '=', 'open')),
      ]),
    );
  }
  if (f.before) {
    const b = f.before;
    q = q.where((eb) => eb.or([eb('created_at', '<', b.at), eb.and([eb('created_at', '=', b.at), eb('id', '<', b.id)])]));
  }
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

/** An event by its tracking code, with its category's name and the event it was merged into. */
export function findTrackedEvent(db: Executor, code: string) {
  return db
    .selectFrom('event as e')
    .innerJoin('event_category as c', 'c.code', 'e.category_code')
    .leftJoin('event as m', 'm.id', 'e.merged_into')
    .select(['e.id', 'e.number', 'e.status', 'e.created_at', 'e.due_at', 'e.closed_at', 'e.rating', 'c.name as category', 'm.number as merged_into_number', 'm.tracking_code as merged_into_code'])
    .where('e.tracking_code', '=', code)
    .executeTakeFirst();
}

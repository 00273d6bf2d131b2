import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { EventCoHandlerTable, EventTransitionTable } from '../../db/schema.js';
import { inScope, type Scope } from '../../db/scope.js';

/** An event's co-handling tasks with their unit, oldest first. */
export function listCoHandlerTasks(db: Executor, eventId: string) {
  return db
    .selectFrom('event_co_handler as t')
    .innerJoin('unit as u', 'u.id', 't.unit_id')
    .selectAll('t')
    .select(['u.name as unit_name', 'u.kind as unit_kind'])
    .where('t.event_id', '=', eventId)
    .orderBy('t.created_at')
    .execute();
}

export function countOpenCoHandlerTasks(db: Executor, eventId: string) {
  return db
    .selectFrom('event_co_handler')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('event_id', '=', eventId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
}

/** The event, locked for the change, when it is in the scope. */
export function lockEventInScope(db: Executor, scope: Scope, eventId: string) {
  return db
    .selectFrom('event')
    .selectAll()
    .where('id', '=', eventId)
    .where(inScope(scope, 'grid_code'))
    .forUpdate()
    .executeTakeFirst();
}

export function findActiveUnit(db: Executor, unitId: string) {
  return db
    .selectFrom('unit')
    .select(['id', 'name', 'area_code'])
    .where('id', '=', unitId)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

/** The task a unit already has on an event (open or finished), if any. */
export function findUnitTask(db: Executor, eventId: string, unitId: string) {
  return db
    .selectFrom('event_co_handler')
    .select(['id', 'status'])
    .where('event_id', '=', eventId)
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
}

export function reopenTask(db: Executor, id: string, values: Updateable<EventCoHandlerTable>) {
  return db.updateTable('event_co_handler').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function insertTask(db: Executor, values: Insertable<EventCoHandlerTable>) {
  return db.insertInto('event_co_handler').values(values).returningAll().executeTakeFirstOrThrow();
}

export function findTaskWithUnitName(db: Executor, eventId: string, taskId: string) {
  return db
    .selectFrom('event_co_handler as t')
    .innerJoin('unit as u', 'u.id', 't.unit_id')
    .selectAll('t')
    .select('u.name as unit_name')
    .where('t.id', '=', taskId)
    .where('t.event_id', '=', eventId)
    .executeTakeFirst();
}

interface TaskEnd {
  status: 'done' | 'cancelled';
  feedback: string;
  done_at: Date;
  done_by: string | null;
}

export function finishTask(db: Executor, id: string, set: TaskEnd) {
  return db.updateTable('event_co_handler').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** A timeline row of joint handling; it does not change the event's status. */
export function insertTimelineRow(db: Executor, values: Insertable<EventTransitionTable>) {
  return db.insertInto('event_transition').values(values).execute();
}

import type { Insertable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { EventAttachmentTable } from '../../db/schema.js';
import { inScope, type Scope } from '../../db/scope.js';

/** The event an attachment goes to, when it is in the scope, with what the attach policy reads. */
export function findEventInScope(db: Executor, scope: Scope, eventId: string) {
  return db
    .selectFrom('event')
    .select(['id', 'county_code', 'grid_code', 'status', 'merged_into', 'lead_unit_id'])
    .where('id', '=', eventId)
    .where(inScope(scope, 'grid_code'))
    .executeTakeFirst();
}

export function findEventIdInScope(db: Executor, scope: Scope, eventId: string) {
  return db
    .selectFrom('event')
    .select('id')
    .where('id', '=', eventId)
    .where(inScope(scope, 'grid_code'))
    .executeTakeFirst();
}

export function findEventByTrackingCode(db: Executor, trackingCode: string) {
  return db
    .selectFrom('event')
    .select(['id', 'county_code', 'grid_code', 'status', 'created_at'])
    .where('tracking_code', '=', trackingCode)
    .executeTakeFirst();
}

/** Takes the event's row lock, which serialises the public uploads of one event. */
export function lockEvent(db: Executor, eventId: string) {
  return db.selectFrom('event').select('id').where('id', '=', eventId).forUpdate().executeTakeFirst();
}

/** The units with an open co-handling task on the event: they may attach files to it. */
export function listOpenTaskUnitIds(db: Executor, eventId: string) {
  return db
    .selectFrom('event_co_handler')
    .select('unit_id')
    .where('event_id', '=', eventId)
    .where('status', '=', 'open')
    .execute();
}

export function findTransitionOfEvent(db: Executor, transitionId: string, eventId: string) {
  return db
    .selectFrom('event_transition')
    .select(['id', 'actor_id', 'at'])
    .where('id', '=', transitionId)
    .where('event_id', '=', eventId)
    .executeTakeFirst();
}

/** The attachments residents added to an event (no account made them). */
export function countPublicAttachments(db: Executor, eventId: string) {
  return db
    .selectFrom('event_attachment')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('event_id', '=', eventId)
    .where('created_by', 'is', null)
    .executeTakeFirstOrThrow();
}

export function insertAttachment(db: Executor, values: Insertable<EventAttachmentTable>) {
  return db
    .insertInto('event_attachment')
    .values(values)
    .returning(['id', 'file_name', 'mime', 'size', 'created_at'])
    .executeTakeFirstOrThrow();
}

export function listAttachments(db: Executor, eventId: string) {
  return db
    .selectFrom('event_attachment')
    .select(['id', 'file_name', 'mime', 'size', 'created_at'])
    .where('event_id', '=', eventId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function findAttachment(db: Executor, eventId: string, attachmentId: string) {
  return db
    .selectFrom('event_attachment')
    .select(['id', 'file_name', 'mime', 'size', 'created_at', 'storage_key', 'sha256'])
    .where('id', '=', attachmentId)
    .where('event_id', '=', eventId)
    .executeTakeFirst();
}

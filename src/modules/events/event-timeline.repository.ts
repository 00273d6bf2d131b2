import type { Insertable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { EventTransitionTable } from '../../db/schema.js';

/** An event's timeline in order, with the name of the unit of each step. */
export function listTimeline(db: Executor, eventId: string) {
  return db
    .selectFrom('event_transition as t')
    .leftJoin('unit as u', 'u.id', 't.unit_id')
    .select(['t.id', 't.at', 't.actor_name', 't.action', 't.from_status', 't.to_status', 't.note', 'u.name as unit_name'])
    .where('t.event_id', '=', eventId)
    .orderBy('t.id')
    .execute();
}

/** Attachments given with a step of the timeline (a photo with the feedback, say). */
export function listStepAttachments(db: Executor, eventId: string) {
  return db.selectFrom('event_attachment').select(['id', 'file_name', 'transition_id']).where('event_id', '=', eventId).where('transition_id', 'is not', null).orderBy('created_at').execute();
}

export function listParties(db: Executor, eventId: string) {
  return db.selectFrom('event_party').selectAll().where('event_id', '=', eventId).orderBy('created_at').execute();
}

/** The steps with a public note, for the tracking page. */
export function listPublicSteps(db: Executor, eventId: string) {
  return db.selectFrom('event_transition').select(['at', 'to_status', 'public_note']).where('event_id', '=', eventId).where('public_note', 'is not', null).orderBy('id').execute();
}

export async function insertSteps(trx: Executor, rows: ReadonlyArray<Insertable<EventTransitionTable>>): Promise<void> {
  await trx.insertInto('event_transition').values([...rows]).execute();
}

/** When the event was last suspended. */
export function findLastSuspension(trx: Executor, eventId: string) {
  return trx.selectFrom('event_transition').select('at').where('event_id', '=', eventId).where('action', '=', 'suspend').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { CALENDAR_VERSION_KEY, type CalendarDayKind } from './calendar-day.js';

/** Every override (a few dozen rows at most): the service lays them over the official dataset. */
export function listCalendarDayKinds(db: Executor) {
  return db.selectFrom('calendar_day').select(['day', 'kind']).execute();
}

/** The overrides of one year, in date order. */
export function listCalendarDaysOfYear(db: Executor, year: number) {
  return db
    .selectFrom('calendar_day')
    .select(['day', 'kind', 'name'])
    .where('day', '>=', `${year}-01-01`)
    .where('day', '<=', `${year}-12-31`)
    .orderBy('day')
    .execute();
}

export function findCalendarDay(db: Executor, date: string) {
  return db.selectFrom('calendar_day').select(['kind', 'name']).where('day', '=', date).executeTakeFirst();
}

export async function upsertCalendarDay(
  db: Executor,
  d: { day: string; kind: CalendarDayKind; name: string | null; updated_by: string | null; updated_at: Date },
): Promise<void> {
  const { kind, name, updated_by, updated_at } = d;
  await db
    .insertInto('calendar_day')
    .values(d)
    .onConflict((oc) => oc.column('day').doUpdateSet({ kind, name, updated_by, updated_at }))
    .execute();
}

export async function deleteCalendarDay(db: Executor, date: string): Promise<void> {
  await db.deleteFrom('calendar_day').where('day', '=', date).execute();
}

/** Serialises calendar edits until the transaction ends. */
export async function lockCalendarEdits(db: Executor): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('calendar_day'))`.execute(db);
}

export function findCalendarVersion(db: Executor) {
  return db.selectFrom('app_setting').select('value').where('key', '=', CALENDAR_VERSION_KEY).executeTakeFirst();
}

export async function bumpCalendarVersion(db: Executor): Promise<void> {
  await sql`
        insert into app_setting (key, value) values (${CALENDAR_VERSION_KEY}, '1'::jsonb)
        on conflict (key) do update set value = to_jsonb((app_setting.value #>> '{}')::bigint + 1)`.execute(db);
}

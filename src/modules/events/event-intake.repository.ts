import { type Insertable, sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { EventPartyTable, EventTable } from '../../db/schema.js';
import { inScope, type Scope } from '../../db/scope.js';
import { containsText } from '../../db/text-search.js';
import { finishedStatusesSql } from './event-status-sql.js';

/** An open event of the same category reported nearby within the window, looked up for an intake. */
export interface DuplicateKey {
  categoryCode: string;
  lng: number;
  lat: number;
  since: Date;
}

export interface Duplicate {
  id: string;
  number: string;
}

/** The events and the first steps of their timelines in one statement; RETURNING promises no order. */
export function insertEventsWithFirstSteps(trx: Executor, values: ReadonlyArray<Insertable<EventTable>>) {
  return trx
    .with('e', (db) =>
      db
        .insertInto('event')
        .values([...values])
        .returningAll(),
    )
    .with('t', (db) =>
      db
        .insertInto('event_transition')
        .columns([
          'county_code',
          'event_id',
          'at',
          'actor_id',
          'actor_name',
          'action',
          'from_status',
          'to_status',
          'note',
          'public_note',
          'unit_id',
        ])
        .expression(
          db
            .selectFrom('e')
            .leftJoin('event as d', 'd.id', 'e.possible_duplicate_of')
            .select([
              'e.county_code',
              'e.id',
              'e.created_at',
              'e.created_by',
              sql<string>`coalesce(e.created_by_name, '群众')`.as('actor_name'),
              sql<string>`'report'`.as('action'),
              sql<null>`null::text`.as('from_status'),
              'e.status',
              sql<string | null>`case when d.id is null then null else '疑似与 ' || d.number || ' 重复' end`.as('note'),
              sql<string>`'已收到您反映的问题'`.as('public_note'),
              'e.receiving_unit_id',
            ]),
        )
        .returning('id'),
    )
    .selectFrom('e')
    .selectAll()
    .execute();
}

export async function insertParties(trx: Executor, parties: ReadonlyArray<Insertable<EventPartyTable>>): Promise<void> {
  await trx
    .insertInto('event_party')
    .values([...parties])
    .execute();
}

/**
 * Moves each (county, day) counter row by its count in one statement and answers the new last numbers. The caller
 * passes the keys sorted, so two such statements take the rows in the same order and cannot deadlock.
 */
export async function advanceNumberCounters(
  q: Executor,
  counters: { counties: string[]; days: string[]; counts: number[] },
) {
  const { counties, days, counts } = counters;
  const r = await sql<{ county_code: string; day: string; last: number }>`
      insert into event_number_counter (county_code, day, last)
      select * from unnest(${counties}::text[], ${days}::text[], ${counts}::int[])
      on conflict (county_code, day) do update set last = event_number_counter.last + excluded.last
      returning county_code, day, last`.execute(q);
  return r.rows;
}

/** Serialises public reports from one phone until the transaction ends. */
export async function lockReporterPhone(trx: Executor, phoneHash: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${phoneHash}))`.execute(trx);
}

/** Public reports from a phone or an address since a time, and the first of them. */
export function countPublicReports(
  trx: Executor,
  col: 'reporter_phone_hash' | 'reporter_ip_hash',
  hash: string,
  since: Date,
) {
  return trx
    .selectFrom('event')
    .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.min('created_at').as('first')])
    .where('channel', '=', 'public')
    .where(col, '=', hash)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
}

/**
 * For each key, an open event of the same category within the radius and window, nearest first. The candidates come
 * from the duplicate index (category, point and time, open events only, migration 0019); only they are looked up for
 * a merge, which a reopened merged event could carry.
 */
export async function findDuplicates(
  q: Executor,
  keys: readonly DuplicateKey[],
  r: number,
): Promise<Array<Duplicate | null>> {
  if (keys.length === 0) return [];
  const dLat = r / 111_320;
  const dLng = keys.map((k) => r / (111_320 * Math.max(0.1, Math.cos((k.lat * Math.PI) / 180))));
  const found = await sql<{ i: string; id: string | null; number: string | null }>`
      select p.i, d.id, d.number
      from unnest(${keys.map((k) => k.categoryCode)}::text[], ${keys.map((k) => k.lng)}::float8[], ${keys.map((k) => k.lat)}::float8[],
                  ${dLng}::float8[], ${keys.map((k) => k.since)}::timestamptz[])
        with ordinality as p(category_code, lng, lat, d_lng, since, i)
      left join lateral (
        select c.id, c.number from (
          select id, number,
            6371000 * 2 * asin(sqrt(power(sin(radians(lat - p.lat) / 2), 2) + cos(radians(p.lat)) * cos(radians(lat)) * power(sin(radians(lng - p.lng) / 2), 2))) as metres
          from event
          where category_code = p.category_code
            and point(lng, lat) <@ box(point(p.lng - p.d_lng, p.lat - ${dLat}::float8), point(p.lng + p.d_lng, p.lat + ${dLat}::float8))
            and created_at > p.since and status not in (${finishedStatusesSql})
        ) c
        where c.metres <= ${r}::float8 and not exists (select 1 from event m where m.id = c.id and m.merged_into is not null)
        order by c.metres
        limit 1
      ) d on true
      order by p.i`.execute(q);
  return found.rows.map((x) => (x.id === null ? null : { id: x.id, number: x.number! }));
}

/** The location of the first registry house in scope whose address contains the text. */
export function findHouseLocation(trx: Executor, scope: Scope, q: string) {
  return trx
    .selectFrom('house')
    .select(['lng', 'lat'])
    .where(inScope(scope, 'grid_code'))
    .where(containsText(sql.ref('address'), q))
    .where('lng', 'is not', null)
    .limit(1)
    .executeTakeFirst();
}

/** A registry person the account may see, for linking a party. */
export function findPersonInScope(trx: Executor, scope: Scope, personId: string) {
  return trx
    .selectFrom('person')
    .select('id')
    .where('id', '=', personId)
    .where(inScope(scope, 'grid_code'))
    .executeTakeFirst();
}

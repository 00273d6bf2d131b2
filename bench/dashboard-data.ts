/**
 * Bulk data for the dashboard benchmark, in its own database only. On a two-core machine the
 * row-by-row paths (the people import with per-row encryption, events with every index live) run at
 * about 1,000 rows/s, so here:
 *  - people are inserted set-based with placeholder ciphertext (the dashboard only counts them per
 *    grid) and 3% get a special-group tag with a visit due around now;
 *  - events use bench/generate-events.ts with the event table's secondary indexes and unique
 *    constraints dropped during the load and built again afterwards (one sort each instead of
 *    10M random inserts per index).
 */
import { sql } from 'kysely';
import type { Db } from '../src/db/database.js';
import { generateEvents } from './generate-events.js';

export async function bulkPeople(db: Db, n: number, now: Date): Promise<number> {
  const t0 = performance.now();
  await sql`drop table if exists bench_pgrid`.execute(db);
  await sql`create unlogged table bench_pgrid as select row_number() over (order by code) as k, code from area where level = 'grid' and status = 'active'`.execute(db);
  const grids = Number((await sql<{ n: string }>`select count(*) as n from bench_pgrid`.execute(db)).rows[0]!.n);
  for (let from = 1; from <= n; from += 250_000) {
    const to = Math.min(n, from + 249_999);
    await sql`
      insert into person (county_code, grid_code, name, id_number_enc, id_number_hash, id_tail, birth_date, sex, registration_type, created_at, updated_at)
      select substr(g.code, 1, 6), g.code, '压测' || s, 'bench:' || s, md5('bench' || s), lpad((s % 10000)::text, 4, '0'),
             date '1940-01-01' + (s % 29000), case when s % 2 = 0 then 'male' else 'female' end, 'registered', ${now}, ${now}
      from generate_series(${from}::int, ${to}::int) s join bench_pgrid g on g.k = 1 + (hashint4(s) & 2147483647) % ${grids}`.execute(db);
  }
  await sql`
    insert into person_tag (county_code, grid_code, person_id, tag, risk_level, visit_interval_days, next_visit_due, created_at, updated_at)
    select p.county_code, p.grid_code, p.id, 'left_behind_elderly', 'blue', 30, ${now}::timestamptz + ((hashtext(p.id::text) % 20) - 3) * interval '1 day', ${now}, ${now}
    from person p where p.id_number_enc like 'bench:%' and hashtext(p.id::text) % 33 = 0`.execute(db);
  await sql`drop table bench_pgrid`.execute(db);
  await sql`analyze person, person_tag`.execute(db);
  console.log(`people: ${n} set-based in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return n;
}

export async function bulkEvents(db: Db, n: number, now: Date, timelines: boolean) {
  const t0 = performance.now();
  const idx = await sql<{ name: string; def: string }>`
    select indexname as name, indexdef as def from pg_indexes i
    where tablename = 'event' and indexname <> 'event_pkey' and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`.execute(db);
  const cons = await sql<{ name: string; def: string }>`select conname as name, pg_get_constraintdef(oid) as def from pg_constraint where conrelid = 'event'::regclass and contype = 'u'`.execute(db);
  for (const c of cons.rows) await sql`alter table event drop constraint ${sql.ref(c.name)}`.execute(db);
  for (const i of idx.rows) await sql`drop index ${sql.ref(i.name)}`.execute(db);
  const r = await generateEvents(db, { n, timelines, now, chunk: 500_000, log: (l) => console.log(l) });
  const t1 = performance.now();
  for (const c of cons.rows) await sql`alter table event add constraint ${sql.ref(c.name)} ${sql.raw(c.def)}`.execute(db);
  for (const i of idx.rows) await sql.raw(i.def).execute(db);
  await sql`analyze event`.execute(db);
  console.log(`events: ${r.events} (+${r.transitions} timeline rows) in ${r.seconds.toFixed(1)} s, indexes rebuilt in ${((performance.now() - t1) / 1000).toFixed(1)} s, total ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return r;
}

/**
 * Tops the event table up to `target` rows by copying the generated events (same grids, categories,
 * statuses and days; new ids, numbers and tracking codes), a million rows per statement: an
 * insert-select is several times faster than generating on this machine.
 */
export async function topUpEvents(db: Db, target: number): Promise<number> {
  const t0 = performance.now();
  const cols = (await sql<{ c: string }>`select column_name as c from information_schema.columns where table_name = 'event' and column_name not in ('id', 'number', 'tracking_code') order by ordinal_position`.execute(db)).rows.map((r) => r.c);
  const list = sql.join(cols.map((c) => sql.ref(c)));
  const source = Number((await sql<{ n: string }>`select count(*) as n from event where created_by_name = 'bench'`.execute(db)).rows[0]!.n);
  let have = Number((await sql<{ n: string }>`select count(*) as n from event`.execute(db)).rows[0]!.n);
  for (let copy = 1; have < target; copy++) {
    for (let off = 0; off < source && have < target; off += 1_000_000) {
      const take = Math.min(1_000_000, source - off, target - have);
      await db.transaction().execute(async (trx) => {
        await sql`set local session_replication_role = replica`.execute(trx);
        await sql`
          insert into event (id, number, tracking_code, ${list})
          select gen_random_uuid(), number || '/' || ${copy}, tracking_code || 'C' || ${copy}, ${list}
          from (select * from event where created_by_name = 'bench' order by id offset ${off} limit ${take}) s`.execute(trx);
      });
      have += take;
      console.log(`  ${have.toLocaleString('en')} events (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
  }
  return have;
}

/** The event indexes of migrations 0004–0006 (dropped for the load); `few` builds only the ones the naive counts use. */
export async function restoreEventIndexes(db: Db, few: boolean) {
  const t0 = performance.now();
  const all = [
    'create index if not exists event_grid_idx on event (grid_code text_pattern_ops, created_at desc)',
    'create index if not exists event_created_idx on event (created_at)',
    'create index if not exists event_status_idx on event (county_code, status, due_at)',
    "create index if not exists event_warn_sweep_idx on event (warn_at) where warned_at is null and status in ('reported', 'accepted', 'dispatched', 'handling', 'feedback', 'verified')",
    "create index if not exists event_due_sweep_idx on event (due_at) where overdue_at is null and status in ('reported', 'accepted', 'dispatched', 'handling', 'feedback', 'verified')",
    "create index if not exists event_stage_sweep_idx on event (stage_due_at) where stage_overdue_at is null and status in ('reported', 'accepted', 'dispatched', 'handling', 'feedback', 'verified')",
    "create index if not exists event_escalate_sweep_idx on event (escalate_at) where status in ('reported', 'accepted', 'dispatched', 'handling', 'feedback', 'verified')",
    'create index if not exists event_owner_idx on event (owner_unit_id, status)',
    'create index if not exists event_lead_idx on event (lead_unit_id, status)',
    "create index if not exists event_dup_idx on event (category_code, created_at) where status not in ('rejected', 'closed', 'rated')",
    "create index if not exists event_public_phone_idx on event (reporter_phone_hash, created_at) where channel = 'public'",
    "create index if not exists event_public_ip_idx on event (reporter_ip_hash, created_at) where channel = 'public'",
    'create unique index if not exists event_number_key on event (number)',
    'create unique index if not exists event_tracking_code_key on event (tracking_code)',
  ];
  for (const q of few ? all.slice(0, 2) : all) await sql.raw(q).execute(db);
  await sql`analyze event`.execute(db);
  console.log(`event indexes (${few ? 'for the naive counts' : 'all'}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

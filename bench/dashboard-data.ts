/**
 * Bulk data for the dashboard and map benchmarks, in their own database only. On a two-core machine
 * the row-by-row paths (the people import with per-row encryption, events with every index live)
 * run at about 1,000 rows/s, so here:
 *  - people are inserted set-based with placeholder ciphertext (the dashboard only counts them per
 *    grid) and 3% get a special-group tag with a visit due around now;
 *  - events use bench/generate-events.ts (set-based, a million per statement) with the secondary
 *    indexes and unique constraints of event, event_transition and person dropped during the load
 *    and built again afterwards (one sort each instead of 10M random inserts per index), and the
 *    map-cell insert trigger disabled: `map_cell_rebuild()` then counts the cells once, set-based;
 *  - timelines are the minimal ones the figures read (受理, the accept-stage 环节超时 flag for a tenth
 *    of them, 超期) and finished mediation cases for closed disputes, both set-based after the load.
 * The resulting database is what the application would hold for the same rows: the same indexes,
 * constraints, triggers and map cells.
 */
import { sql } from 'kysely';
import type { Db } from '../src/db/database.js';
import { generateEvents } from './generate-events.js';

const secs = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);

/** Drops the secondary indexes and unique constraints of `tables` and returns what rebuilds them. */
async function setIndexesAside(db: Db, tables: string[]): Promise<() => Promise<void>> {
  const idx = await sql<{ name: string; def: string }>`
    select indexname as name, indexdef as def from pg_indexes i
    where tablename in (${sql.join(tables)}) and schemaname = 'public'
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`.execute(db);
  const cons = await sql<{ tbl: string; name: string; def: string }>`
    select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def
    from pg_constraint where conrelid::regclass::text in (${sql.join(tables)}) and contype = 'u'`.execute(db);
  for (const c of cons.rows) await sql`alter table ${sql.table(c.tbl)} drop constraint ${sql.ref(c.name)}`.execute(db);
  for (const i of idx.rows) await sql`drop index ${sql.ref(i.name)}`.execute(db);
  return async () => {
    await db.connection().execute(async (conn) => {
      await sql`set maintenance_work_mem = '1GB'`.execute(conn);
      for (const c of cons.rows)
        await sql`alter table ${sql.table(c.tbl)} add constraint ${sql.ref(c.name)} ${sql.raw(c.def)}`.execute(conn);
      for (const i of idx.rows) await sql.raw(i.def).execute(conn);
    });
  };
}

export async function bulkPeople(db: Db, n: number, now: Date): Promise<number> {
  const t0 = performance.now();
  const restore = await setIndexesAside(db, ['person', 'person_tag']);
  await sql`drop table if exists bench_pgrid`.execute(db);
  await sql`create unlogged table bench_pgrid as select row_number() over (order by code) as k, code from area where level = 'grid' and status = 'active'`.execute(
    db,
  );
  const grids = Number((await sql<{ n: string }>`select count(*) as n from bench_pgrid`.execute(db)).rows[0]!.n);
  for (let from = 1; from <= n; from += 500_000) {
    const to = Math.min(n, from + 499_999);
    await sql`
      insert into person (county_code, grid_code, name, id_number_enc, id_number_hash, id_tail_hash, birth_date, sex, registration_type, created_at, updated_at)
      select substr(g.code, 1, 6), g.code, '压测' || s, 'bench:' || s, md5('bench' || s), md5('bench-tail' || (s % 10000)),
             date '1940-01-01' + (s % 29000), case when s % 2 = 0 then 'male' else 'female' end, 'registered', ${now}, ${now}
      from generate_series(${from}::int, ${to}::int) s join bench_pgrid g on g.k = 1 + (hashint4(s) & 2147483647) % ${grids}`.execute(
      db,
    );
  }
  await sql`
    insert into person_tag (county_code, grid_code, person_id, tag, risk_level, visit_interval_days, next_visit_due, created_at, updated_at)
    select p.county_code, p.grid_code, p.id, 'left_behind_elderly', 'blue', 30, ${now}::timestamptz + ((hashtext(p.id::text) % 20) - 3) * interval '1 day', ${now}, ${now}
    from person p where p.id_number_enc like 'bench:%' and hashtext(p.id::text) % 33 = 0`.execute(db);
  await sql`drop table bench_pgrid`.execute(db);
  const t1 = performance.now();
  await restore();
  await sql`analyze person, person_tag`.execute(db);
  console.log(`people: ${n} set-based in ${secs(t0)} s (indexes rebuilt in ${secs(t1)} s)`);
  return n;
}

/**
 * The minimal timeline the figures read, set-based: a 受理 for every event past 'reported' (except
 * rejected ones), a 环节超时 flag while still 'reported' before the 受理 for a tenth of them (not
 * responded in time), and a 超期 flag for every event with overdue_at. Finished mediation cases
 * (resolved at a level, or exhausted) for the closed disputes.
 */
async function minimalTimelines(db: Db, now: Date): Promise<{ transitions: number; cases: number }> {
  const at = (offset: string) =>
    sql`greatest(e.created_at, least(e.created_at + ${sql.lit(offset)}::interval, ${now}::timestamptz - interval '2 minutes'))`;
  const tr = await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    const r = await sql`
      insert into event_transition (county_code, event_id, at, actor_id, actor_name, action, from_status, to_status, note, public_note)
      select e.county_code, e.id, x.at, null, 'bench', x.action, x.from_status, x.to_status, null, null
      from event e cross join lateral (values
        (case when e.status not in ('reported', 'rejected') and hashtext(e.id::text) % 10 = 0 then ${at('20 minutes')} end, 'stage_overdue', 'reported', 'reported'),
        (case when e.status not in ('reported', 'rejected') then ${at('40 minutes')} end, 'accept', 'reported', 'accepted'),
        (case when e.overdue_at is not null then least(e.overdue_at, ${now}::timestamptz - interval '2 minutes') end, 'overdue', e.status, e.status)
      ) as x(at, action, from_status, to_status)
      where e.created_by_name = 'bench' and x.at is not null`.execute(trx);
    return Number(r.numAffectedRows ?? 0);
  });
  const policy = (
    await sql<{ id: string; levels: unknown }>`select id, levels from mediation_policy where area_prefix = ''`.execute(
      db,
    )
  ).rows[0]!;
  const levels = JSON.stringify(policy.levels);
  const cases = await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    // Most resolve at the grid or the village (小事不出村), fewer at the township, 4% exhausted.
    const r = await sql`
      insert into mediation_case (event_id, county_code, grid_code, policy_id, levels, level_index, level_key, level_unit_id, level_due_at, status, outcome, agreement, resolved_level_key, opened_at, closed_at)
      select e.id, e.county_code, e.grid_code, ${policy.id}::uuid, ${levels}::jsonb, k.i, (${levels}::jsonb)->k.i->>'key', null, null,
             case when k.h < 4 then 'exhausted' else 'resolved' end, '压测', null,
             case when k.h < 4 then null else (${levels}::jsonb)->k.i->>'key' end, e.created_at + interval '40 minutes', greatest(e.closed_at, e.created_at + interval '41 minutes')
      from event e cross join lateral (select abs(hashtext(e.id::text)) % 100 as h) hh
           cross join lateral (select hh.h as h, case when hh.h < 4 then 3 when hh.h < 55 then 0 when hh.h < 85 then 1 when hh.h < 95 then 2 else 3 end as i) k
      where e.created_by_name = 'bench' and e.is_dispute and e.status in ('closed', 'rated') and e.closed_at is not null`.execute(
      trx,
    );
    return Number(r.numAffectedRows ?? 0);
  });
  return { transitions: tr, cases };
}

export async function bulkEvents(db: Db, n: number, now: Date, timelines: boolean) {
  const t0 = performance.now();
  const restore = await setIndexesAside(db, ['event', 'event_transition', 'mediation_case']);
  await sql`alter table event disable trigger map_event_cell_ins`.execute(db);
  const r = await generateEvents(db, { n, timelines, now, chunk: 1_000_000, log: (l) => console.log(l) });
  let extra = { transitions: 0, cases: 0 };
  if (!timelines) {
    const tt = performance.now();
    extra = await minimalTimelines(db, now);
    console.log(
      `minimal timelines: ${extra.transitions} transitions, ${extra.cases} finished mediation cases in ${secs(tt)} s`,
    );
  }
  const t1 = performance.now();
  await restore();
  console.log(`event, transition and mediation indexes rebuilt in ${secs(t1)} s`);
  const t2 = performance.now();
  await sql`select map_cell_rebuild()`.execute(db);
  await sql`alter table event enable always trigger map_event_cell_ins`.execute(db);
  console.log(`map cells rebuilt in ${secs(t2)} s`);
  await sql`analyze event, event_transition, mediation_case, map_event_cell`.execute(db);
  console.log(
    `events: ${r.events} (+${r.transitions + extra.transitions} timeline rows) generated in ${r.seconds.toFixed(1)} s, total ${secs(t0)} s`,
  );
  return r;
}

/**
 * Tops the event table up to `target` rows by copying the generated events (same grids, categories,
 * statuses and days; new ids, numbers and tracking codes), a million rows per statement: an
 * insert-select is several times faster than generating on this machine.
 */
export async function topUpEvents(db: Db, target: number): Promise<number> {
  const t0 = performance.now();
  const cols = (
    await sql<{
      c: string;
    }>`select column_name as c from information_schema.columns where table_name = 'event' and column_name not in ('id', 'number', 'tracking_code') order by ordinal_position`.execute(
      db,
    )
  ).rows.map((r) => r.c);
  const list = sql.join(cols.map((c) => sql.ref(c)));
  const source = Number(
    (await sql<{ n: string }>`select count(*) as n from event where created_by_name = 'bench'`.execute(db)).rows[0]!.n,
  );
  let have = Number((await sql<{ n: string }>`select count(*) as n from event`.execute(db)).rows[0]!.n);
  for (let copy = 1; have < target; copy++) {
    for (let off = 0; off < source && have < target; off += 1_000_000) {
      const take = Math.min(1_000_000, source - off, target - have);
      await db.transaction().execute(async (trx) => {
        await sql`set local session_replication_role = replica`.execute(trx);
        await sql`
          insert into event (id, number, tracking_code, ${list})
          select gen_random_uuid(), number || '/' || ${copy}, tracking_code || 'C' || ${copy}, ${list}
          from (select * from event where created_by_name = 'bench' order by id offset ${off} limit ${take}) s`.execute(
          trx,
        );
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
  console.log(
    `event indexes (${few ? 'for the naive counts' : 'all'}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

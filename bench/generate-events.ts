/**
 * Generates N synthetic events set-based on PostgreSQL (`insert … select … from generate_series`,
 * a chunk per transaction), spread over the grids already in the database (the demo city), with
 * a realistic status mix, and optionally one timeline row per step (`--timelines`). Open events
 * can be placed around a given instant so that a share of them crosses their warning, deadline,
 * stage, escalation, co-handler and mediation deadlines at that instant (for the sweep benchmark).
 *
 *   npx tsx bench/generate-events.ts [--events 1000000] [--timelines] [--open-share 0.03] [--cross-share 0.05] [--keep]
 *     (own database fq_bench_events, dropped first and, without --keep, at the end;
 *      BENCH_DATABASE_URL picks the server, default postgres://postgres@127.0.0.1:5432/test)
 */
import { sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import type { Db } from '../src/db/database.js';
import { ManualClock } from '../src/lib/clock.js';
import { loadConfig } from '../src/lib/config.js';
import { createRuntime } from '../src/runtime.js';

export interface GenerateEventsOptions {
  n: number;
  /** Also write one event_transition row per step of each event's path. */
  timelines?: boolean;
  /** Share of events that are still open (the rest are closed, rated or rejected): the most recent days' events. */
  openShare?: number;
  /** Share of open events whose warning, deadline and stage limit have passed at `now` without being flagged yet. */
  crossShare?: number;
  /** The instant open events are placed around; closed ones spread over the year before it. */
  now: Date;
  chunk?: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface GenerateEventsResult {
  events: number;
  transitions: number;
  seconds: number;
  rowsPerSecond: number;
}

/** Set-based generator; returns rows written and the rate. Needs the demo city's grids and units. */
export async function generateEvents(db: Db, o: GenerateEventsOptions): Promise<GenerateEventsResult> {
  const chunk = o.chunk ?? 100_000;
  const openShare = o.openShare ?? 0.03;
  const crossShare = o.crossShare ?? 0.05;
  const log = o.log ?? ((l: string) => console.log(l));
  const t0 = performance.now();
  // Lookup tables for the chunks: grids with their township centre, police station and justice office; categories.
  await sql`drop table if exists bench_grid, bench_cat`.execute(db);
  await sql`
    create unlogged table bench_grid as
    select row_number() over (order by a.code) as k, a.code, a.county_code, a.center_lng, a.center_lat,
           (select id from unit u where u.area_code = substr(a.code, 1, 9) and u.kind = 'centre' order by code limit 1) as centre_id,
           (select id from unit u where u.area_code = substr(a.code, 1, 9) and u.kind = 'police' order by code limit 1) as police_id,
           (select id from unit u where u.area_code = substr(a.code, 1, 9) and u.kind = 'justice_office' order by code limit 1) as justice_id
    from area a where a.level = 'grid' and a.status = 'active'`.execute(db);
  await sql`create unique index on bench_grid (k)`.execute(db);
  await sql`create unlogged table bench_cat as select row_number() over (order by code) as k, code, limit_working_days, centre from event_category where parent_code is not null`.execute(
    db,
  );
  const grids = Number((await sql<{ n: string }>`select count(*) as n from bench_grid`.execute(db)).rows[0]!.n);
  const cats = Number((await sql<{ n: string }>`select count(*) as n from bench_cat`.execute(db)).rows[0]!.n);
  if (grids === 0) throw new Error('generateEvents needs the demo city (no grids)');
  const policy = (
    await sql<{ id: string; levels: unknown }>`select id, levels from mediation_policy where area_prefix = ''`.execute(
      db,
    )
  ).rows[0]!;
  // Continue after whatever is there, so generated numbers and tracking codes never collide.
  const base = Number((await sql<{ n: string }>`select count(*) as n from event`.execute(db)).rows[0]!.n);
  // Numbers continue above every counter already there (the demo's own events).
  const seqOffset = Number(
    (await sql<{ n: number }>`select coalesce(max(last), 0)::int as n from event_number_counter`.execute(db)).rows[0]!
      .n,
  );
  const now = o.now;
  const superuser =
    (await sql<{ s: string }>`select current_setting('is_superuser') as s`.execute(db)).rows[0]?.s === 'on';
  // Open events are those of the last `openDays` days (all of them when openShare is 1).
  const openDays = Math.max(1, Math.min(365, Math.round(365 * openShare)));
  let transitions = 0;
  for (let from = 1; from <= o.n; from += chunk) {
    const to = Math.min(o.n, from + chunk - 1);
    await db.transaction().execute(async (trx) => {
      await sql`select setseed(${(((o.seed ?? 7) * 7919 + from) % 1000) / 1000})`.execute(trx);
      // Rows consistent by construction: skip the per-row foreign-key triggers (as the demo seed does) when allowed.
      if (superuser) await sql`set local session_replication_role = replica`.execute(trx);
      // One row per event with its random draws; then the event; then, optionally, its path.
      const r = await sql<{ events: string; transitions: string }>`
        with s as (
          -- The serial fixes the day (days back from today) and the number within the day, so numbers never collide;
          -- the most recent days hold the open events.
          select g, ${base} + g as serial, (${base} + g) % 365 as day_off, (${base} + g) / 365 + 1 + ${seqOffset} as seq,
                 1 + floor(random() * ${grids})::int as gk, 1 + floor(random() * ${cats})::int as ck,
                 (${base} + g) % 365 < ${openDays} as open, random() as r1, random() as r2, random() as r3, random() as r4
          from generate_series(${from}::int, ${to}::int) g
        ), d as (
          select s.*, gr.code as grid_code, gr.county_code, gr.center_lng, gr.center_lat, gr.centre_id, gr.police_id, gr.justice_id,
                 c.code as category_code, c.limit_working_days as lim, c.centre,
                 -- Open events are recent; closed ones spread over the year.
                 least(${now}::timestamptz - interval '1 minute',
                       (date_trunc('day', ${now}::timestamptz at time zone 'Asia/Shanghai') - s.day_off * interval '1 day' + (0.3 + 0.6 * s.r1) * interval '1 day') at time zone 'Asia/Shanghai') as created,
                 case when not s.open then (case when s.r2 < 0.06 then 'rejected' when s.r2 < 0.45 then 'closed' else 'rated' end)
                      else (array['reported', 'accepted', 'dispatched', 'handling', 'handling', 'handling', 'feedback', 'verified', 'suspended'])[1 + floor(s.r2 * 9)::int] end as status,
                 s.open and s.r3 < ${crossShare} as crossing
          from s join bench_grid gr on gr.k = s.gk join bench_cat c on c.k = s.ck
        ), ins as (
          insert into event (id, county_code, grid_code, number, tracking_code, category_code, channel, description, address, lng, lat, status, suspended_from,
                             rating, lead_unit_id, due_at, warn_at, warned_at, overdue_at, created_at, updated_at, closed_at, centre, receiving_unit_id, owner_unit_id,
                             stage, stage_due_at, is_dispute, supervised_at, escalation_level, escalate_at, created_by_name)
          select gen_random_uuid(), d.county_code, d.grid_code,
                 'SJ-' || d.county_code || '-' || to_char(d.created at time zone 'Asia/Shanghai', 'YYYYMMDD') || '-' || lpad(d.seq::text, 6, '0'),
                 'BX' || lpad(upper(to_hex(d.serial)), 10, '0'), d.category_code,
                 (array['grid', 'hotline', 'desk', 'public', 'api'])[1 + floor(d.r4 * 5)::int], '压测生成的事件描述:' || d.category_code || ' 第' || d.serial || '号', null,
                 d.center_lng, d.center_lat, d.status, case when d.status = 'suspended' then 'handling' end,
                 case when d.status = 'rated' then (case when d.r3 < 0.8 then 'satisfied' when d.r3 < 0.94 then 'basically_satisfied' else 'unsatisfied' end) end,
                 case when d.status in ('reported', 'accepted', 'rejected') then null when d.category_code like '01%' then d.justice_id when d.category_code like '02%' then d.police_id else d.centre_id end,
                 -- due and warning: the crossing share has both passed unflagged; other open events are not due yet.
                 case when d.crossing then ${now}::timestamptz + (case when d.r4 < 0.5 then -1 else 1 end) * (d.r1 * interval '20 hours')
                      when d.open then ${now}::timestamptz + interval '1 day' + d.r4 * interval '8 days' else d.created + d.lim * interval '1 day' end,
                 case when d.crossing then ${now}::timestamptz - interval '21 hours' + d.r1 * interval '20 hours'
                      when d.open then ${now}::timestamptz + interval '12 hours' + d.r4 * interval '5 days' else d.created + d.lim * interval '16 hours' end,
                 case when not d.open and d.r3 < 0.2 then d.created + d.lim * interval '16 hours' end,
                 case when not d.open and d.r3 < 0.08 then d.created + d.lim * interval '1 day' end,
                 d.created, d.created + interval '2 hours',
                 case when d.status in ('closed', 'rated') then d.created + d.r3 * d.lim * interval '1 day' end,
                 d.centre, d.centre_id, coalesce(case when d.status in ('reported', 'accepted') then null else d.centre_id end, d.centre_id),
                 case when not d.open or d.status = 'suspended' then null when d.status = 'reported' then 'accept' when d.status = 'accepted' then 'dispatch' when d.status in ('dispatched', 'handling') then 'handle' else 'verify' end,
                 case when not d.open or d.status = 'suspended' then null when d.crossing then ${now}::timestamptz - d.r2 * interval '3 hours' else ${now}::timestamptz + interval '4 hours' + d.r2 * interval '3 days' end,
                 d.category_code like '01%',
                 -- A tenth of the crossing share went red earlier and is now due to go up to the city.
                 case when d.crossing and d.r2 < 0.1 then ${now}::timestamptz - interval '3 days' end,
                 case when d.crossing and d.r2 < 0.1 then 1 else 0 end,
                 case when d.crossing and d.r2 < 0.1 then ${now}::timestamptz - d.r1 * interval '2 hours' end,
                 'bench'
          from d
          returning id, county_code, status, created_at, is_dispute, grid_code, lead_unit_id, due_at, warn_at
        ), path(k, action, from_status, to_status) as (
          values (1, 'report', null, 'reported'), (2, 'accept', 'reported', 'accepted'), (3, 'dispatch', 'accepted', 'dispatched'), (4, 'start', 'dispatched', 'handling'),
                 (5, 'feedback', 'handling', 'feedback'), (6, 'verify', 'feedback', 'verified'), (7, 'close', 'verified', 'closed'), (8, 'rate', 'closed', 'rated'),
                 (9, 'reject', 'reported', 'rejected'), (10, 'suspend', 'handling', 'suspended')
        ), tr as (
          insert into event_transition (county_code, event_id, at, actor_id, actor_name, action, from_status, to_status, note, public_note)
          select ins.county_code, ins.id, ins.created_at + p.k * interval '90 minutes', null, 'bench', p.action, p.from_status, p.to_status,
                 case when p.action in ('reject', 'suspend') then '压测数据' end, null
          from ins join path p on ${o.timelines ? sql`true` : sql`false`} and (
            (ins.status = 'rejected' and p.k in (1, 9)) or (ins.status = 'suspended' and (p.k <= 4 or p.k = 10))
            or (p.k <= 8 and p.k <= array_position(array['reported', 'accepted', 'dispatched', 'handling', 'feedback', 'verified', 'closed', 'rated'], ins.status)))
          order by ins.id, p.k
          returning 1
        ), med as (
          -- Open disputes in handling have a mediation case at the first level; for a fifth of the crossing share that level has run out.
          insert into mediation_case (event_id, county_code, grid_code, policy_id, levels, level_index, level_key, level_unit_id, level_due_at, status, opened_at)
          select ins.id, ins.county_code, ins.grid_code, ${policy.id}::uuid, ${JSON.stringify(policy.levels)}::jsonb, 0, (${JSON.stringify(policy.levels)}::jsonb)->0->>'key', null,
                 case when ins.warn_at <= ${now} and hashtext(ins.id::text) % 5 = 0 then ${now}::timestamptz - interval '1 hour' else ${now}::timestamptz + interval '1 day' end, 'open', ins.created_at
          from ins where ins.is_dispute and ins.status in ('dispatched', 'handling')
          returning event_id, level_due_at, opened_at
        ), steps as (
          insert into mediation_step (event_id, level_index, level_key, unit_id, started_at, due_at)
          select med.event_id, 0, (${JSON.stringify(policy.levels)}::jsonb)->0->>'key', null, med.opened_at, med.level_due_at from med
          returning 1
        ), co as (
          -- One joint case in twenty among open handling events: a task for the township police station.
          insert into event_co_handler (county_code, event_id, unit_id, task, status, due_at, created_at)
          select ins.county_code, ins.id, gr.police_id, '协助查明事实', 'open', case when ins.warn_at <= ${now} then ${now}::timestamptz - interval '2 hours' else ${now}::timestamptz + interval '2 days' end, ins.created_at
          from ins join bench_grid gr on gr.code = ins.grid_code
          where ins.status = 'handling' and gr.police_id is distinct from ins.lead_unit_id and hashtext(ins.id::text) % 20 = 0
          returning 1
        )
        select (select count(*) from ins) as events, (select count(*) from tr) as transitions`.execute(trx);
      transitions += Number(r.rows[0]!.transitions);
    });
    const s = (performance.now() - t0) / 1000;
    log(
      `  ${to.toLocaleString('en')} events${o.timelines ? `, ${transitions.toLocaleString('en')} timeline rows` : ''} in ${s.toFixed(1)} s (${Math.round(to / s).toLocaleString('en')} events/s)`,
    );
  }
  // Counters at or above the generated numbers, so new events do not collide with them.
  await sql`
    insert into event_number_counter (county_code, day, last)
    select county_code, substr(number, 11, 8), max(substr(number, 20)::int) from event group by 1, 2
    on conflict (county_code, day) do update set last = greatest(event_number_counter.last, excluded.last)`.execute(db);
  await sql`drop table if exists bench_grid, bench_cat`.execute(db);
  const seconds = (performance.now() - t0) / 1000;
  await sql`analyze event, event_transition, mediation_case, mediation_step, event_co_handler`.execute(db);
  return { events: o.n, transitions, seconds, rowsPerSecond: (o.n + transitions) / seconds };
}

const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const withDb = (url: string, name: string) => url.replace(/\/[^/?]*(\?.*)?$/, `/${name}`);

/** Drops and creates a bench database; returns its URL and a function that drops it again. */
export async function freshDatabase(name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  await admin(`drop database if exists "${name}" with (force)`);
  await admin(`create database "${name}"`);
  return { url: withDb(PG_URL, name), drop: () => admin(`drop database if exists "${name}" with (force)`) };
}

/** A fresh database `to` as a copy of `from` (CREATE DATABASE … TEMPLATE: no connection to `from` may be open). */
export async function seedCopy(from: string, to: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(`drop database if exists "${to}" with (force)`);
    // A file copy (PostgreSQL 15's default logs every page of the copy to the WAL, gigabytes whose
    // checkpoints and write-back would still be running in whatever is timed next).
    await c.query(`create database "${to}" template "${from}" strategy = file_copy`);
  } finally {
    await c.end();
  }
  return {
    url: withDb(PG_URL, to),
    drop: async () => {
      const d = new pg.Client({ connectionString: PG_URL });
      await d.connect();
      try {
        await d.query(`drop database if exists "${to}" with (force)`);
      } finally {
        await d.end();
      }
    },
  };
}

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(arg('events', '1000000'));
  const bench = await freshDatabase('fq_bench_events');
  const clock = new ManualClock(new Date());
  const t0 = performance.now();
  const rt = await createRuntime(
    loadConfig({
      DATABASE_URL: bench.url,
      DEMO: 'on',
      WEB_DIST: '.tmp/none',
      DATA_DIR: '.tmp/bench-events',
      SWEEP_INTERVAL_SECONDS: '0',
    }),
    {
      clock,
      masterKey: Buffer.alloc(32, 9),
      logger: pino({ level: 'warn' }),
    },
  );
  console.log(`demo city seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  try {
    const r = await generateEvents(rt.database.db, {
      n,
      timelines: process.argv.includes('--timelines'),
      openShare: Number(arg('open-share', '0.03')),
      crossShare: Number(arg('cross-share', '0.05')),
      now: clock.now(),
    });
    console.log(
      `Generated ${r.events.toLocaleString('en')} events${r.transitions ? ` and ${r.transitions.toLocaleString('en')} timeline rows` : ''} in ${r.seconds.toFixed(1)} s: ${Math.round(r.events / r.seconds).toLocaleString('en')} events/s, ${Math.round(r.rowsPerSecond).toLocaleString('en')} rows/s`,
    );
  } finally {
    await rt.close();
    if (!process.argv.includes('--keep')) await bench.drop();
  }
}

/**
 * Dashboard benchmark on PostgreSQL: the demo city, N people and M events (with timelines), the
 * roll-ups rebuilt once, then GET /api/dashboard/:code for areas at every level (p50/p95 over many
 * calls), beside the same figures counted naively from the event tables (src/modules/stats/stats-naive.repository.ts).
 *
 *   npx tsx bench/dashboard.ts [--events 10000000] [--people 1000000] [--timelines] [--calls 300] [--naive 3] [--reuse [--top-up]] [--skip-rebuild] [--load-only] [--naive-levels city,county] [--naive-timeout 600]
 *     own database fq_bench_10m (dropped and made again unless --reuse finds it filled; kept with --keep)
 */

import os from 'node:os';
import { sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { ManualClock } from '../src/lib/clock.js';
import { loadConfig } from '../src/lib/config.js';
import { SETTLE_MS } from '../src/modules/stats/rollup.js';
import { naiveFigures } from '../src/modules/stats/stats-naive.repository.js';
import { createRuntime } from '../src/runtime.js';
import { bulkEvents, bulkPeople, restoreEventIndexes, topUpEvents } from './dashboard-data.js';
import { freshDatabase, withDb } from './generate-events.js';
import { percentile } from './lib/stats.js';

function summarize(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const r = (n: number) => Math.round(n * 10) / 10;
  return { n: s.length, p50: r(percentile(s, 50)), p95: r(percentile(s, 95)), max: r(s[s.length - 1] ?? NaN) };
}

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
};
const NAME = 'fq_bench_10m';
const loadAvg = () =>
  `load average ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(', ')}`;
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function exists(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return (await c.query('select 1 from pg_database where datname = $1', [NAME])).rowCount === 1;
  } finally {
    await c.end();
  }
}

const nEvents = Number(arg('events', '10000000'));
const nPeople = Number(arg('people', '1000000'));
const reuse = process.argv.includes('--reuse') && (await exists());
const url = reuse ? withDb(PG_URL, NAME) : (await freshDatabase(NAME)).url;
// The instant the generated year ends at; fixed so a reused database gives the same windows.
const clock = new ManualClock(process.env.BENCH_NOW ?? '2026-11-28T04:00:00Z');
const t0 = performance.now();
const rt = await createRuntime(
  loadConfig({
    DATABASE_URL: url,
    DEMO: 'on',
    WEB_DIST: '.tmp/none',
    DATA_DIR: '.tmp/bench-dashboard',
    SWEEP_INTERVAL_SECONDS: '0',
    ROLLUP_INTERVAL_SECONDS: '0',
  }),
  {
    clock,
    masterKey: Buffer.alloc(32, 9),
    logger: pino({ level: 'warn' }),
  },
);
const db = rt.database.db;
const count = async (table: string) =>
  Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!.n);
try {
  if (!reuse) {
    console.log(`demo city seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    // People and events on two connections at once: the two cores each take one.
    const l0 = performance.now();
    await Promise.all([
      bulkPeople(db, nPeople, clock.now()),
      bulkEvents(db, nEvents, clock.now(), process.argv.includes('--timelines')),
    ]);
    console.log(`load (people and events): ${((performance.now() - l0) / 1000).toFixed(1)} s`);
  } else if (process.argv.includes('--top-up')) {
    // Resume an interrupted load: copy generated events up to the target, then the indexes the naive side needs.
    await topUpEvents(db, nEvents);
    await restoreEventIndexes(db, true);
  }
  console.log(
    `database: ${await count('event')} events, ${await count('event_transition')} transitions, ${await count('person')} people`,
  );
  // The rebuild runs a little after the generated instant: rows stamped at that very instant (the demo's last
  // transitions) are then older than the settle window, as in a running server, so the next incremental run does
  // not read the whole log again (with a clock that never moves, 11M rows would be re-read in 50,000-id batches).
  if (!reuse) clock.advance(SETTLE_MS + 1_000);
  let r0 = performance.now();
  // --skip-rebuild: the roll-ups of a reused database are current; an incremental run is enough.
  const rebuilt = await rt.rollup({ rebuild: !process.argv.includes('--skip-rebuild') });
  console.log(`roll-up rebuild: ${rebuilt.events} events in ${((performance.now() - r0) / 1000).toFixed(1)} s`);
  await sql`analyze stats_day, stats_month, stats_open, stats_mediation_day, stats_area_registry, stats_event_fact`.execute(
    db,
  );
  console.log(`stats_day rows: ${await count('stats_day')}`);
  // An incremental run with nothing new, and one after 1,000 new transitions: the job's steady-state cost.
  r0 = performance.now();
  await rt.rollup({ registryEveryMs: 3_600_000 });
  console.log(`idle incremental run: ${(performance.now() - r0).toFixed(0)} ms`);
  if (process.argv.includes('--load-only')) {
    await rt.close();
    process.exit(0);
  }

  const app = rt.app;
  await app.ready();
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'demo-city', password: 'Demo@2026' },
  });
  const token = (login.json() as { token: string }).token;
  const areas = await sql<{ code: string; level: string }>`
    (select code, level from area where level = 'city' limit 1) union all (select code, level from area where level = 'county' order by code limit 6)
    union all (select code, level from area where level = 'township' order by md5(code) limit 20) union all (select code, level from area where level = 'village' order by md5(code) limit 20)
    union all (select code, level from area where level = 'grid' order by md5(code) limit 20)`.execute(db);
  const calls = Number(arg('calls', '300'));
  console.log(`${calls} dashboard calls, ${loadAvg()}`);
  const byLevel = new Map<string, number[]>();
  const all: number[] = [];
  for (let i = 0; i < calls; i++) {
    const a = areas.rows[i % areas.rows.length]!;
    const s = performance.now();
    const res = await app.inject({
      method: 'GET',
      url: `/api/dashboard/${a.code}`,
      headers: { authorization: `Bearer ${token}` },
    });
    const ms = performance.now() - s;
    if (res.statusCode !== 200) throw new Error(`dashboard ${a.code}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    if (i >= areas.rows.length) {
      all.push(ms);
      byLevel.set(a.level, [...(byLevel.get(a.level) ?? []), ms]);
    }
  }
  console.log(`\nGET /api/dashboard/:code (roll-ups), ms (${loadAvg()} after the calls):`);
  console.log(`  all      ${JSON.stringify(summarize(all))}`);
  for (const [level, xs] of byLevel) console.log(`  ${level.padEnd(8)} ${JSON.stringify(summarize(xs))}`);

  const naiveRuns = Number(arg('naive', '3'));
  const naiveLevels = arg('naive-levels', 'city,county,township,village,grid').split(',');
  // Each naive statement may run up to --naive-timeout seconds (default 600); one that hits it is reported as over.
  const timeoutS = Number(arg('naive-timeout', '600'));
  if (naiveRuns > 0)
    console.log(
      `\nThe same figures counted naively from event/event_transition/mediation_case (statement_timeout ${timeoutS} s), ms:`,
    );
  for (const level of naiveRuns > 0 ? naiveLevels : []) {
    console.log(`  (${loadAvg()})`);
    const a = areas.rows.find((r) => r.level === level)!;
    const xs: number[] = [];
    let over = false;
    for (let i = 0; i < naiveRuns && !over; i++) {
      const s = performance.now();
      await db.connection().execute(async (conn) => {
        await sql`set statement_timeout = ${sql.lit(`${timeoutS}s`)}`.execute(conn);
        try {
          await naiveFigures(conn, a.code, clock.now());
        } catch (e) {
          if (!String(e).includes('statement timeout')) throw e;
          over = true;
        } finally {
          await sql`reset statement_timeout`.execute(conn);
        }
      });
      xs.push(performance.now() - s);
    }
    const fast = byLevel.get(level) ?? [];
    const naive = over
      ? `over: a statement hit ${timeoutS} s after ${(xs[xs.length - 1]! / 1000).toFixed(0)} s`
      : JSON.stringify(summarize(xs));
    console.log(
      `  ${level.padEnd(8)} ${a.code} naive ${naive}${fast.length ? `  roll-up p50 ${summarize(fast).p50}  ratio ×${Math.round(summarize(xs).p50 / Math.max(0.01, summarize(fast).p50))}` : ''}`,
    );
  }
} finally {
  await rt.close();
}

/**
 * Map tile benchmark on PostgreSQL: the demo city plus N generated events (default 10M) in its own
 * database fq_bench_map, then random tiles over the city at every zoom from city to grid level,
 * through the HTTP layer (auth, zod, query, MVT encoding). Prints p50/p95 per zoom and layer,
 * and the naive per-tile count over the event table beside the aggregate for the same tiles.
 *
 *   npx tsx bench/map-tiles.ts [--events 10000000] [--tiles 200] [--reuse] [--db fq_bench_10m] [--zooms 15,16]
 *     --reuse keeps and reuses the database; --db names it (default fq_bench_map). With
 *     `--reuse --db fq_bench_10m` it reads the dashboard benchmark's database (10M events, 1M people,
 *     loaded by `bench/dashboard.ts --load-only`) and the clock is that load's (BENCH_NOW).
 */
import os from 'node:os';
import { sql } from 'kysely';
import pino from 'pino';
import { ManualClock } from '../src/lib/clock.js';
import { loadConfig } from '../src/lib/config.js';
import { createRuntime } from '../src/runtime.js';
import { freshDatabase, generateEvents, withDb } from './generate-events.js';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
};
const N = Number(arg('events', '10000000'));
const TILES = Number(arg('tiles', '200'));
const reuse = process.argv.includes('--reuse');
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
function tileOf(z: number, lng: number, lat: number): [number, number] {
  const n = 2 ** z;
  const s = Math.sin((lat * Math.PI) / 180);
  return [Math.floor(((lng + 180) / 360) * n), Math.floor((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n)];
}

const NAME = arg('db', 'fq_bench_map');
const url = withDb(PG_URL, NAME);
let fresh = !reuse;
if (reuse) {
  const probe = await import('pg');
  const c = new probe.default.Client({ connectionString: PG_URL });
  await c.connect();
  fresh = (await c.query('select 1 from pg_database where datname = $1', [NAME])).rowCount === 0;
  await c.end();
}
const db = fresh ? await freshDatabase(NAME) : { url, drop: async () => undefined };
// The shared 10M database was generated up to a fixed instant (bench/dashboard.ts); the default period is the 12 months before it.
const clock = new ManualClock(NAME === 'fq_bench_10m' ? (process.env.BENCH_NOW ?? '2026-11-28T04:00:00Z') : new Date());
const rt = await createRuntime(
  loadConfig({
    DATABASE_URL: db.url,
    DEMO: 'on',
    WEB_DIST: '.tmp/none',
    DATA_DIR: '.tmp/bench-map',
    SWEEP_INTERVAL_SECONDS: '0',
    ROLLUP_INTERVAL_SECONDS: '0',
  }),
  {
    clock,
    masterKey: Buffer.alloc(32, 9),
    logger: pino({ level: 'warn' }),
  },
);
try {
  const have = Number((await sql<{ n: string }>`select count(*) as n from event`.execute(rt.database.db)).rows[0]!.n);
  if (have < N) {
    // A bulk load: the cell trigger and the point index are set aside and rebuilt once afterwards.
    await sql`alter table event disable trigger map_event_cell_ins`.execute(rt.database.db);
    await sql`drop index if exists event_point_cover_idx`.execute(rt.database.db);
    const r = await generateEvents(rt.database.db, { n: N - have, now: clock.now() });
    console.log(`generated ${r.events.toLocaleString('en')} events in ${r.seconds.toFixed(0)} s`);
    const t0 = performance.now();
    await sql`select map_cell_rebuild()`.execute(rt.database.db);
    await sql`alter table event enable always trigger map_event_cell_ins`.execute(rt.database.db);
    const t1 = performance.now();
    await sql`create index event_point_cover_idx on event using gist (point(lng, lat)) include (lng, lat, grid_code, created_at, category_code, status, channel, id, number)`.execute(
      rt.database.db,
    );
    console.log(
      `map cells rebuilt in ${((t1 - t0) / 1000).toFixed(0)} s, point index built in ${((performance.now() - t1) / 1000).toFixed(0)} s`,
    );
  }
  // Also on a reused database (the dashboard bench's load ends without one): until a vacuum sets the visibility map,
  // every point-tile row costs a heap visit, and the z15–z16 tiles measure that instead of the index-only scan
  // autovacuum gives a running server. On an already vacuumed table this skips every page.
  await sql`vacuum event`.execute(rt.database.db);
  await sql`analyze map_event_cell, event`.execute(rt.database.db);
  const events = Number((await sql<{ n: string }>`select count(*) as n from event`.execute(rt.database.db)).rows[0]!.n);
  const cells = Number(
    (await sql<{ n: string }>`select count(*) as n from map_event_cell`.execute(rt.database.db)).rows[0]!.n,
  );
  console.log(`${events.toLocaleString('en')} events, ${cells.toLocaleString('en')} map cells`);
  const login = await rt.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'demo-city', password: 'Demo@2026' },
  });
  const token = (JSON.parse(login.body) as { token: string }).token;
  // Random tiles whose centre falls on a random grid centre: tiles over the city, weighted like the grids.
  const centres = (
    await sql<{
      lng: number;
      lat: number;
    }>`select center_lng as lng, center_lat as lat from area where level = 'grid' and center_lng is not null`.execute(
      rt.database.db,
    )
  ).rows;
  let seed = 42;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const get = async (path: string) => {
    const t0 = performance.now();
    const res = await rt.app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${token}` } });
    if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    return { ms: performance.now() - t0, bytes: res.rawPayload.length };
  };
  // Warm the in-process area index and registry cache once (as a running server has them).
  await get(`/api/map/tiles/areas/7/${tileOf(7, 100.45, 38.93).join('/')}`);
  const loadAvg = () =>
    `load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(', ')}`;
  console.log(`tiles start, ${loadAvg()}`);
  const lines: string[] = [
    '| zoom | level | layer | p50 ms | p95 ms | max ms | avg KB |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  const filters: Array<[string, string]> = [
    ['events', ''],
    ['events', 'status=handling,feedback&category=01'],
    ['areas', ''],
    ['registry', ''],
  ];
  for (const z of arg('zooms', '7,8,9,10,11,12,13,14,15,16').split(',').map(Number)) {
    const level = z <= 8 ? 'county' : z <= 10 ? 'township' : z <= 12 ? 'village' : z <= 14 ? 'grid' : 'points';
    for (const [layer, q] of filters) {
      const ms: number[] = [];
      let bytes = 0;
      for (let i = 0; i < TILES; i++) {
        const c = centres[Math.floor(rand() * centres.length)]!;
        const [x, y] = tileOf(z, c.lng, c.lat);
        const r = await get(`/api/map/tiles/${layer}/${z}/${x}/${y}${q ? `?${q}` : ''}`);
        ms.push(r.ms);
        bytes += r.bytes;
      }
      lines.push(
        `| ${z} | ${level} | ${layer}${q ? ` (${q})` : ''} | ${pct(ms, 50).toFixed(1)} | ${pct(ms, 95).toFixed(1)} | ${Math.max(...ms).toFixed(1)} | ${(bytes / TILES / 1024).toFixed(1)} |`,
      );
      console.log(lines[lines.length - 1]);
    }
  }
  console.log(`tiles end, ${loadAvg()}`);
  // The naive way for the same city-zoom tile: count the events per county straight from the table.
  const naive: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await sql`select substr(grid_code, 1, 6), count(*) from event where grid_code like '6207%' group by 1`.execute(
      rt.database.db,
    );
    naive.push(performance.now() - t0);
  }
  console.log(
    `naive city tile (GROUP BY over every event): p50 ${pct(naive, 50).toFixed(0)} ms, max ${Math.max(...naive).toFixed(0)} ms`,
  );
  console.log(lines.join('\n'));
} finally {
  await rt.close();
  if (!reuse) await db.drop();
}

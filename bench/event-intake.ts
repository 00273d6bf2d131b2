/**
 * Event intake through the full HTTP path on PostgreSQL: a fresh database `fq_bench_intake` with
 * the demo city (createRuntime, DEMO=on), the server on 127.0.0.1, a city-wide operator account
 * (several sessions), then POST /api/events with --concurrency workers (default 32) for
 * --seconds (default 20) at random points in random grids of all six counties, random categories
 * and channels, a reporter on most. Prints events/s, latency percentiles and errors, and samples
 * pg_stat_activity every 50 ms to show what the intake transactions wait on.
 *
 *   npx tsx bench/event-intake.ts [--concurrency 32] [--seconds 20] [--pool 20] [--keep]
 */
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { createRuntime } from '../src/runtime.js';
import { hashPassword } from '../src/services/auth.service.js';
import { demoPhone, personName } from '../src/seed/names.js';
import { Prng } from '../src/seed/prng.js';
import { freshDatabase } from './generate-events.js';
import { run, table } from './lib/stats.js';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
};
const PASSWORD = 'Bench@2026x';

export async function eventIntakeBench(opts: { concurrency: number; seconds: number; pool: number; keep?: boolean }): Promise<string> {
  const bench = await freshDatabase('fq_bench_intake');
  const rt = await createRuntime(
    loadConfig({ DATABASE_URL: bench.url, DEMO: 'on', WEB_DIST: '.tmp/none', DATA_DIR: '.tmp/bench-events', SWEEP_INTERVAL_SECONDS: '0', DATABASE_POOL_SIZE: String(opts.pool) }),
    { masterKey: Buffer.alloc(32, 9), logger: pino({ level: 'warn' }) },
  );
  const sampler = new pg.Client({ connectionString: bench.url });
  try {
    const db = rt.database.db;
    const now = new Date();
    await db.insertInto('app_user').values({
      username: 'bench-operator', display_name: '压测坐席', password_hash: await hashPassword(PASSWORD), roles: ['operator'], scope_code: '620700', unit_id: null,
      created_at: now, updated_at: now, password_changed_at: now,
    }).execute();
    await rt.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(rt.app.server.address() as AddressInfo).port}`;
    const tokens: string[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench-operator', password: PASSWORD }) });
      tokens.push(((await r.json()) as { token: string }).token);
    }
    const grids = await db.selectFrom('area').select(['code', 'center_lng', 'center_lat']).where('level', '=', 'grid').where('status', '=', 'active').execute();
    const categories = (await db.selectFrom('event_category').select('code').where('parent_code', 'is not', null).execute()).map((c) => c.code);
    const channels = ['desk', 'grid', 'hotline', 'api'] as const;
    const before = Number((await db.selectFrom('event').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const rng = new Prng(42);
    const bodies = Array.from({ length: 4096 }, () => {
      const g = rng.pick(grids);
      return JSON.stringify({
        categoryCode: rng.pick(categories), description: `压测事件:${personName(rng)}反映${rng.pick(['道路破损', '邻里纠纷', '路灯不亮', '垃圾未清运', '拖欠工资'])},请处理。`,
        location: { lng: g.center_lng, lat: g.center_lat }, channel: rng.pick(channels), ...(rng.next() < 0.8 ? { reporter: { name: personName(rng), phone: demoPhone(rng) } } : {}),
      });
    });

    // What the intake connections wait on, sampled from pg_stat_activity while the load runs.
    await sampler.connect();
    const waits = new Map<string, number>();
    let samples = 0;
    let sampling = true;
    const sampleLoop = (async () => {
      while (sampling) {
        const r = await sampler.query<{ w: string; q: string }>(
          `select coalesce(wait_event_type || ':' || wait_event, case when state = 'active' then 'CPU (running)' else state end) as w, regexp_replace(left(query, 70), '\\s+', ' ', 'g') as q
           from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend' and state <> 'idle'`,
        );
        samples++;
        for (const row of r.rows) {
          const k = `${row.w} — ${row.q}`;
          waits.set(k, (waits.get(k) ?? 0) + 1);
        }
        await new Promise((res) => setTimeout(res, 50));
      }
    })();
    let errors = 0;
    const result = await run(
      'POST /api/events (intake, all counties)',
      async (i) => {
        const r = await fetch(`${base}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i % tokens.length]}` }, body: bodies[i % bodies.length] });
        await r.arrayBuffer();
        if (r.status !== 201 && errors++ < 3) console.error('intake error', r.status);
        return r.status === 201;
      },
      { total: 10_000_000, concurrency: opts.concurrency, maxMs: opts.seconds * 1000 },
    );
    sampling = false;
    await sampleLoop;
    const after = Number((await db.selectFrom('event').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const top = [...waits].sort((a, b) => b[1] - a[1]).slice(0, 12);
    return [
      table(`Event intake over HTTP, PostgreSQL (pool ${opts.pool}, ${opts.seconds} s)`, [result]),
      `Events written: ${(after - before).toLocaleString('en')} (${((after - before) / (result.requests / result.perSecond)).toFixed(0)} events/s). Target ≥ 1,000 events/s.`,
      '',
      `Busy intake connections by wait, ${samples} samples of pg_stat_activity (average per sample):`,
      '',
      '| wait — statement | avg connections |',
      '| --- | --- |',
      ...top.map(([k, v]) => `| ${k.replace(/\|/g, '\\|')} | ${(v / samples).toFixed(2)} |`),
      '',
    ].join('\n');
  } finally {
    await sampler.end().catch(() => {});
    await rt.close();
    if (!opts.keep) await bench.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await eventIntakeBench({ concurrency: Number(arg('concurrency', '32')), seconds: Number(arg('seconds', '20')), pool: Number(arg('pool', '20')), keep: process.argv.includes('--keep') }));
}

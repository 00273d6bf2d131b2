/**
 * HTTP latency and throughput of the foundation and registry read paths, on PGlite (fresh demo
 * city) and on PostgreSQL (demo city plus 1M generated people). In-process server on 127.0.0.1.
 *   npx tsx bench/http.ts [--people 1000000] [--skip-pglite]   (--people -1 skips PostgreSQL)
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openPglite, openPostgres } from '../src/db/database.js';
import { loadConfig } from '../src/lib/config.js';
import { createRuntime, type Runtime } from '../src/runtime.js';
import { generatePeople } from './generate-people.js';
import { type RunResult, run, table } from './lib/stats.js';

const KEY = Buffer.alloc(32, 9);
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
};

async function measure(rt: Runtime, label: string): Promise<string> {
  await rt.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(rt.app.server.address() as AddressInfo).port}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'demo-city', password: 'Demo@2026' }),
  });
  const token = ((await login.json()) as { token: string }).token;
  const get = (url: string) =>
    fetch(`${base}${url}`, { headers: { authorization: `Bearer ${token}` } }).then(
      async (r) => (await r.arrayBuffer(), r.ok),
    );
  const townships = (
    await rt.database.db.selectFrom('area').select('code').where('level', '=', 'township').execute()
  ).map((r) => r.code);
  const people = await rt.database.db.selectFrom('person').select(['name']).limit(500).execute();
  const tails = (await rt.database.db.selectFrom('person').select(['id_number_enc']).limit(500).execute()).map((p) => ({
    id_tail: rt.cipher.decrypt(p.id_number_enc).slice(-4),
  }));
  const rnd = (i: number, n: number) => (i * 2654435761) % n;
  const results: RunResult[] = [];
  for (const concurrency of [1, 16]) {
    const total = concurrency === 1 ? 300 : 2000;
    results.push(
      await run('GET /api/areas/620702 (county + children)', () => get('/api/areas/620702'), { total, concurrency }),
    );
    results.push(
      await run(
        'GET /api/areas/{township}/geometry',
        (i) => get(`/api/areas/${townships[rnd(i, townships.length)]}/geometry`),
        { total, concurrency },
      ),
    );
    results.push(
      await run(
        'GET /api/areas/locate (random point)',
        (i) =>
          get(
            `/api/areas/locate?lng=${97.3 + (rnd(i, 9973) / 9973) * 4.9}&lat=${37.5 + (rnd(i + 7, 9967) / 9967) * 2.3}`,
          ).then(() => true),
        { total, concurrency },
      ),
    );
    results.push(
      await run(
        'GET /api/people?q=<2-char name>',
        (i) => get(`/api/people?q=${encodeURIComponent(people[rnd(i, people.length)]!.name.slice(0, 2))}&limit=20`),
        { total, concurrency },
      ),
    );
    results.push(
      await run(
        'GET /api/people?q=<last 4 of ID>',
        (i) => get(`/api/people?q=${tails[rnd(i, tails.length)]!.id_tail}&limit=20`),
        { total, concurrency },
      ),
    );
    results.push(
      await run(
        'GET /api/search?q=<2-char name> (one box)',
        (i) => get(`/api/search?q=${encodeURIComponent(people[rnd(i, people.length)]!.name.slice(0, 2))}`),
        { total, concurrency },
      ),
    );
  }
  results.push(
    await run(
      'POST /api/auth/login (argon2id)',
      () =>
        fetch(`${base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'demo-leader', password: 'Demo@2026' }),
        }).then(async (r) => (await r.arrayBuffer(), r.ok)),
      { total: 60, concurrency: 4 },
    ),
  );
  const count = await rt.database.db
    .selectFrom('person')
    .select(sql<string>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return table(`${label} — ${Number(count.n).toLocaleString('en')} people`, results);
}

async function pgliteRun(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fq-bench-http-'));
  const database = await openPglite({ dataDir: path.join(dir, 'pglite') });
  const rt = await createRuntime(loadConfig({ DATA_DIR: dir, DEMO: 'on', WEB_DIST: '.tmp/none' }), {
    database,
    masterKey: KEY,
  });
  try {
    return await measure(rt, 'PGlite (embedded), demo city');
  } finally {
    await rt.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresRun(nPeople: number): Promise<string> {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query('drop database if exists fq_bench_http with (force)');
  await admin.query('create database fq_bench_http');
  await admin.end();
  const url = PG_URL.replace(/\/[^/]*$/, '/fq_bench_http');
  const database = await openPostgres(url, 20);
  const rt = await createRuntime(
    loadConfig({ DATABASE_URL: url, DEMO: 'on', WEB_DIST: '.tmp/none', DATABASE_POOL_SIZE: '20' }),
    { database, masterKey: KEY },
  );
  try {
    let gen = '';
    if (nPeople > 0) {
      const r = await generatePeople(rt.database.db, rt.cipher, nPeople);
      gen = `Generated ${r.inserted.toLocaleString('en')} people in ${r.seconds.toFixed(1)} s (${Math.round(r.inserted / r.seconds).toLocaleString('en')} rows/s, bulk writer with version rows).\n\n`;
      console.log(gen);
    }
    return gen + (await measure(rt, 'PostgreSQL 15, demo city'));
  } finally {
    await rt.close();
  }
}

export async function httpBench(opts: { people: number; pglite: boolean }): Promise<string> {
  const parts: string[] = [];
  if (opts.pglite) parts.push(await pgliteRun());
  if (opts.people >= 0) parts.push(await postgresRun(opts.people));
  return parts.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(
    await httpBench({ people: Number(arg('people', '1000000')), pglite: !process.argv.includes('--skip-pglite') }),
  );
}

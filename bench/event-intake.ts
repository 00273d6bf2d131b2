/**
 * Event intake through the full HTTP path on PostgreSQL, the way a deployment runs it: a fresh
 * database `fq_bench_intake` with the demo city, then `--servers` server processes started as
 * `npm run serve` would (src/main.ts, each its own pool), and this process as the load generator
 * posting POST /api/events with --concurrency requests in flight for --seconds, at the label points
 * of random grids of all six counties, random categories and channels, a reporter on most.
 *
 * Prints events/s and latency percentiles, what the intake connections wait on (pg_stat_activity
 * sampled every 50 ms), and the CPU time each side spent per event (server processes, the
 * database's backends for this database, the load generator), read from /proc: on a small machine
 * all three share the cores, and the CPU per event says what the rate would be with them apart.
 *
 *   npx tsx bench/event-intake.ts [--concurrency 32] [--seconds 20] [--servers 2] [--pool 16] [--socket /var/run/postgresql] [--keep]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../src/lib/config.js';
import { hashPassword } from '../src/modules/accounts/auth.service.js';
import { createRuntime } from '../src/runtime.js';
import { demoPhone, personName } from '../src/seed/names.js';
import { Prng } from '../src/seed/prng.js';
import { freshDatabase } from './generate-events.js';
import { run, table } from './lib/stats.js';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
};
const PASSWORD = 'Bench@2026x';
const KEY = Buffer.alloc(32, 9);
const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime + stime of a process in ms, or 0 when it is gone. */
function cpuMs(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** Busy and total ms of the whole machine since boot, from /proc/stat. */
function machineMs(): { busy: number; total: number } {
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.reduce((a, b) => a + b, 0);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  return { busy: (total - idle) * TICK_MS, total: total * TICK_MS };
}

async function startServer(url: string, port: number, pool: number): Promise<ChildProcess> {
  // BENCH_SERVER_ARGS, e.g. --cpu-prof, goes to the server processes' node.
  const extra = process.env.BENCH_SERVER_ARGS ? process.env.BENCH_SERVER_ARGS.split(' ') : [];
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_POOL_SIZE: String(pool),
      DEMO: 'off',
      LOG_LEVEL: 'warn',
      FQ_DATA_KEY: KEY.toString('base64'),
      WEB_DIST: '.tmp/none',
      DATA_DIR: '.tmp/bench-events',
      SWEEP_INTERVAL_SECONDS: '0',
      ROLLUP_INTERVAL_SECONDS: '0',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 300; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    await new Promise((res) => setTimeout(res, 100));
  }
  child.kill();
  throw new Error(`server on port ${port} did not start`);
}

export async function eventIntakeBench(opts: {
  concurrency: number;
  seconds: number;
  servers: number;
  pool: number;
  socket?: string;
  keep?: boolean;
}): Promise<string> {
  const bench = await freshDatabase('fq_bench_intake');
  const rt = await createRuntime(
    loadConfig({
      DATABASE_URL: bench.url,
      DEMO: 'on',
      WEB_DIST: '.tmp/none',
      DATA_DIR: '.tmp/bench-events',
      SWEEP_INTERVAL_SECONDS: '0',
      ROLLUP_INTERVAL_SECONDS: '0',
    }),
    { masterKey: KEY, logger: pino({ level: 'warn' }) },
  );
  const db = rt.database.db;
  const now = new Date();
  await db
    .insertInto('app_user')
    .values({
      username: 'bench-operator',
      display_name: '压测坐席',
      password_hash: await hashPassword(PASSWORD),
      roles: ['operator'],
      scope_code: '620700',
      unit_id: null,
      created_at: now,
      updated_at: now,
      password_changed_at: now,
    })
    .execute();
  const grids = await db
    .selectFrom('area')
    .select(['code', 'center_lng', 'center_lat'])
    .where('level', '=', 'grid')
    .where('status', '=', 'active')
    .execute();
  const categories = (
    await db.selectFrom('event_category').select('code').where('parent_code', 'is not', null).execute()
  ).map((c) => c.code);
  await rt.close();

  const servers: ChildProcess[] = [];
  const sampler = new pg.Client({ connectionString: bench.url });
  try {
    const ports = Array.from({ length: opts.servers }, (_, i) => 18_180 + i);
    // --socket DIR: the servers reach PostgreSQL over its Unix socket, as a server on the same host would.
    const serverUrl = opts.socket
      ? `postgres:///${new URL(bench.url).pathname.slice(1)}?host=${encodeURIComponent(opts.socket)}&user=postgres`
      : bench.url;
    for (const port of ports) servers.push(await startServer(serverUrl, port, opts.pool));
    const bases = ports.map((p) => `http://127.0.0.1:${p}`);
    const tokens: string[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await fetch(`${bases[0]}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'bench-operator', password: PASSWORD }),
      });
      tokens.push(((await r.json()) as { token: string }).token);
    }
    const channels = ['desk', 'grid', 'hotline', 'api'] as const;
    const rng = new Prng(42);
    // Every request its own report: a random grid, a point up to about 150 m from its label point, a random
    // category. (Cycling through a few thousand fixed bodies made most events duplicates of earlier ones.)
    const body = () => {
      const g = rng.pick(grids);
      return JSON.stringify({
        categoryCode: rng.pick(categories),
        description: `压测事件:${personName(rng)}反映${rng.pick(['道路破损', '邻里纠纷', '路灯不亮', '垃圾未清运', '拖欠工资'])},请处理。`,
        location: { lng: g.center_lng! + (rng.next() - 0.5) * 0.003, lat: g.center_lat! + (rng.next() - 0.5) * 0.002 },
        channel: rng.pick(channels),
        ...(rng.next() < 0.8 ? { reporter: { name: personName(rng), phone: demoPhone(rng) } } : {}),
      });
    };
    // node:http with keep-alive costs the load generator about half the CPU of fetch per request.
    const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
    const post = (i: number) =>
      new Promise<boolean>((resolve, reject) => {
        const payload = body();
        const req = http.request(
          `${bases[i % bases.length]}/api/events`,
          {
            method: 'POST',
            agent,
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(payload),
              authorization: `Bearer ${tokens[i % tokens.length]}`,
            },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode === 201));
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
    // Warm up: connections opened, statements and JIT warm.
    await run('warm-up', post, { total: 2_000, concurrency: opts.concurrency, maxMs: 10_000 });

    await sampler.connect();
    const count = async () =>
      Number((await sampler.query<{ n: string }>('select count(*) as n from event')).rows[0]!.n);
    const backends = (
      await sampler.query<{ pid: number }>(
        'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
      )
    ).rows.map((r) => r.pid);
    const before = await count();
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
    const cpu0 = {
      servers: servers.reduce((s, c) => s + cpuMs(c.pid!), 0),
      pg: backends.reduce((s, p) => s + cpuMs(p), 0),
      gen: process.cpuUsage(),
      machine: machineMs(),
    };
    const result = await run('POST /api/events (intake, all counties)', post, {
      total: 10_000_000,
      concurrency: opts.concurrency,
      maxMs: opts.seconds * 1000,
    });
    const machine = machineMs();
    const serversMs = servers.reduce((s, c) => s + cpuMs(c.pid!), 0) - cpu0.servers;
    const pgMs = backends.reduce((s, p) => s + cpuMs(p), 0) - cpu0.pg;
    const g = process.cpuUsage(cpu0.gen);
    const genMs = (g.user + g.system) / 1000;
    sampling = false;
    await sampleLoop;
    const written = (await count()) - before;
    const dups = Number(
      (await sampler.query<{ n: string }>('select count(*) as n from event where possible_duplicate_of is not null'))
        .rows[0]!.n,
    );
    const elapsed = result.requests / result.perSecond;
    const per = (ms: number) => (ms / Math.max(1, written)).toFixed(2);
    const busyShare = (machine.busy - cpu0.machine.busy) / (machine.total - cpu0.machine.total);
    const serverSideMs = (serversMs + pgMs) / Math.max(1, written);
    const top = [...waits].sort((a, b) => b[1] - a[1]).slice(0, 12);
    return [
      table(
        `Event intake over HTTP, PostgreSQL over ${opts.socket ? 'its Unix socket' : 'TCP'} (${opts.servers} server processes, pool ${opts.pool} each, ${opts.seconds} s)`,
        [result],
      ),
      `Events written: ${written.toLocaleString('en')} (${(written / elapsed).toFixed(0)} events/s). Target ≥ 1,000 events/s. Flagged as possible duplicates: ${dups.toLocaleString('en')}.`,
      '',
      '| CPU per event | ms |',
      '| --- | ---: |',
      `| server processes (Node: HTTP, auth, zod, encryption, Kysely) | ${per(serversMs)} |`,
      `| PostgreSQL backends of the benchmark database | ${per(pgMs)} |`,
      `| load generator (this process) | ${per(genMs)} |`,
      `| **server side (Node + PostgreSQL)** | **${serverSideMs.toFixed(2)}** |`,
      '',
      `Machine busy ${(busyShare * 100).toFixed(0)} % of ${(machine.total - cpu0.machine.total) / elapsed / 1000} cores over the run. ` +
        `At ${serverSideMs.toFixed(2)} ms of server-side CPU per event, one core carries ${(1000 / serverSideMs).toFixed(0)} events/s.`,
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
    for (const s of servers) s.kill('SIGTERM');
    await Promise.all(
      servers.map((s) => new Promise((res) => (s.exitCode !== null ? res(null) : s.once('exit', res)))),
    );
    if (!opts.keep) await bench.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(
    await eventIntakeBench({
      concurrency: Number(arg('concurrency', '32')),
      seconds: Number(arg('seconds', '20')),
      servers: Number(arg('servers', '2')),
      pool: Number(arg('pool', '16')),
      socket: process.argv.includes('--socket') ? arg('socket', '/var/run/postgresql') : undefined,
      keep: process.argv.includes('--keep'),
    }),
  );
}

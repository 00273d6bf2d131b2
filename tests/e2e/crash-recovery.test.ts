import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runAuditVerify } from '../../src/cli/audit-verify.js';
import { type Database, openPglite, openPostgres } from '../../src/db/database.js';
import { ManualClock } from '../../src/lib/clock.js';
import { loadConfig } from '../../src/lib/config.js';
import { systemActor } from '../../src/lib/context.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { box } from '../helpers/factories.js';
import { backend } from '../helpers/harness.js';
import { type ServerProcess, startServer } from '../helpers/server-process.js';
import { pgTemplateName, TEST_MASTER_KEY, templateDir, testDatabaseUrl, withDatabase } from '../helpers/test-env.js';

/**
 * Kill -9 under intake load: the real server (`src/main.ts`) as a child process on a database on disk
 * (PGlite data directory, or a PostgreSQL database), 12 intakes in flight over HTTP, SIGKILL once
 * enough have been acknowledged, restart on the same data. Whatever instant the kill lands on, every
 * acknowledged (201) event must come back whole with its audit entry, no number twice, the audit
 * chains verify, and intake works again.
 */
const CONCURRENCY = 12;
/** Acknowledged events before the kill; the load stops at LOAD_MS if the machine is slower than that. */
const TARGET = backend === 'postgres' ? 600 : 150;
const LOAD_MS = 12_000;
const PASSWORD = `Crash-${crypto.randomBytes(6).toString('hex')}-Zq9!`;

interface Ack {
  id: string;
  number: string;
  trackingCode: string;
  description: string;
  categoryCode: string;
  gridCode: string;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fq-crash-'));
const url = testDatabaseUrl();
const dbName = `fq_t_${process.pid}_crash_${crypto.randomBytes(3).toString('hex')}`;
const dbUrl = url ? withDatabase(url, dbName) : undefined;
const serverEnv: Record<string, string> = {
  DATA_DIR: dataDir,
  DATABASE_URL: dbUrl ?? '',
  FQ_DATA_KEY: TEST_MASTER_KEY.toString('base64'),
  DEMO: 'off',
  LOG_LEVEL: 'warn',
  WEB_DIST: '.tmp/no-web',
  SWEEP_INTERVAL_SECONDS: '0',
  ROLLUP_INTERVAL_SECONDS: '0',
};
let server: ServerProcess | undefined;
let username = '';
let grids: { code: string; lng: number; lat: number }[] = [];
let categories: string[] = [];

async function openData(): Promise<Database> {
  return dbUrl ? openPostgres(dbUrl, 2) : openPglite({ dataDir: path.join(dataDir, 'pglite') });
}

/** The empty template (migrated, no areas) copied onto disk: a data directory, or a database of its own. */
async function prepareDatabase(): Promise<Database> {
  const runPid = inject('templateRunPid');
  if (!url) {
    const data = fs.readFileSync(path.join(templateDir(runPid), 'empty.tar.gz'));
    return openPglite({ dataDir: path.join(dataDir, 'pglite'), loadDataDir: new Blob([data]) });
  }
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database "${dbName}" template "${pgTemplateName(runPid, 'empty')}"`);
  await admin.end();
  return openData();
}

/**
 * A small city of its own: two counties (two audit chains written side by side), each with a township,
 * a village and two grids. Intake finds the grid from the location, so events go to the grid centres.
 */
async function createAreas(rt: Runtime) {
  const sys = systemActor('test');
  const create = (code: string, name: string, parentCode: string | null, x: number, w: number) =>
    rt.services.areas.create(sys, { code, name, parentCode, boundary: box(x, 30, x + w, 30.02) });
  await create('620700', '测试市', null, 100, 0.04);
  const out: { code: string; lng: number; lat: number }[] = [];
  for (const [i, county] of ['620702', '620723'].entries()) {
    const x = 100 + i * 0.02;
    await create(county, `测试县${i}`, '620700', x, 0.02);
    await create(`${county}101`, '测试镇', county, x, 0.02);
    await create(`${county}101201`, '测试村', `${county}101`, x, 0.02);
    for (const g of [0, 1]) {
      const code = `${county}101201${String(g + 1).padStart(3, '0')}`;
      await create(code, `测试网格${g + 1}`, `${county}101201`, x + g * 0.01, 0.01);
      out.push({ code, lng: x + g * 0.01 + 0.005, lat: 30.01 });
    }
  }
  return out;
}

async function login(base: string): Promise<string> {
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (r.status !== 200) throw new Error(`login failed: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { token: string }).token;
}

const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)] as T;

function newEvent(tag: string) {
  const g = pick(grids);
  return {
    categoryCode: pick(categories),
    description: `崩溃测试 ${tag}:${pick(['路灯不亮', '道路破损', '邻里纠纷', '垃圾未清运'])},请处理。`,
    location: { lng: g.lng + (Math.random() - 0.5) * 0.008, lat: g.lat + (Math.random() - 0.5) * 0.018 },
    channel: 'desk' as const,
    reporter: { name: '测试人', phone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}` },
  };
}

async function post(base: string, token: string, body: unknown) {
  return fetch(`${base}/api/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  const database = await prepareDatabase();
  const rt = await createRuntime(loadConfig({ ...serverEnv, DATABASE_URL: '' }), {
    clock: new ManualClock('2026-11-28T02:00:00Z'),
    database,
    masterKey: TEST_MASTER_KEY,
  });
  try {
    grids = await createAreas(rt);
    username = `crash${process.pid}`;
    await rt.services.users.create(systemActor('test'), {
      username,
      displayName: '崩溃测试坐席',
      password: PASSWORD,
      roles: ['operator'],
      scopeCode: '620700',
      unitId: null,
    });
    const db = rt.database.db;
    categories = (
      await db.selectFrom('event_category').select('code').where('parent_code', 'is not', null).execute()
    ).map((c) => c.code);
  } finally {
    await rt.close();
  }
}, 180_000);

afterAll(async () => {
  await server?.kill();
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists "${dbName}" with (force)`);
    await admin.end();
  }
});

describe(`kill -9 under intake load (${backend})`, () => {
  it('loses no acknowledged event, numbers none twice, keeps the audit chain, and takes intake again', async () => {
    const t0 = performance.now();
    server = await startServer(serverEnv);
    const first = server;
    const token = await login(first.base);
    const startSeconds = (performance.now() - t0) / 1000;

    const acked: Ack[] = [];
    let sent = 0;
    let serverErrors = 0;
    let failedBeforeKill = 0;
    let killing = false;
    let inFlight = 0;
    let inFlightAtKill = 0;
    let reached: () => void = () => {};
    const targetReached = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const worker = async () => {
      while (!killing) {
        const body = newEvent(`${process.pid}-${sent++}`);
        inFlight++;
        try {
          const r = await post(first.base, token, body);
          if (r.status === 201) {
            const e = (await r.json()) as Ack;
            acked.push({ ...e, description: body.description, categoryCode: body.categoryCode });
            if (acked.length >= TARGET) reached();
          } else if (r.status >= 500) serverErrors++;
        } catch {
          // A connection cut by the kill: not acknowledged, so the event may or may not exist.
          if (!killing) failedBeforeKill++;
        } finally {
          inFlight--;
        }
      }
    };
    const load = Array.from({ length: CONCURRENCY }, worker);
    const tLoad = performance.now();
    await Promise.race([targetReached, new Promise((r) => setTimeout(r, LOAD_MS))]);
    killing = true;
    inFlightAtKill = inFlight;
    await first.kill();
    await Promise.all(load);
    const loadSeconds = (performance.now() - tLoad) / 1000;

    const tRestart = performance.now();
    server = await startServer(serverEnv);
    const restartSeconds = (performance.now() - tRestart) / 1000;
    const second = server;
    const token2 = await login(second.base);

    // Intake works after the restart and numbers past every acknowledged event.
    const after = await post(second.base, token2, newEvent(`${process.pid}-after`));
    expect(after.status).toBe(201);
    const afterEvent = (await after.json()) as Ack;
    expect(acked.map((a) => a.number)).not.toContain(afterEvent.number);

    // The restarted server serves them (a sample: the database check below covers every one).
    const sample = [...acked].sort(() => Math.random() - 0.5).slice(0, 25);
    for (const a of sample) {
      const r = await fetch(`${second.base}/api/events/${a.id}`, { headers: { authorization: `Bearer ${token2}` } });
      expect(r.status, `event ${a.number} after restart`).toBe(200);
      const e = (await r.json()) as Ack;
      expect([e.number, e.trackingCode, e.description, e.categoryCode, e.gridCode]).toEqual([
        a.number,
        a.trackingCode,
        a.description,
        a.categoryCode,
        a.gridCode,
      ]);
    }
    const readSeconds = (performance.now() - tRestart) / 1000 - restartSeconds;
    await second.stop();
    const tCheck = performance.now();

    // In the database itself: the rows, one audit entry each, no number twice, and the chains verify.
    const database = await openData();
    let duplicates = -1;
    try {
      const ids = acked.map((a) => a.id);
      const rows = await database.db
        .selectFrom('event')
        .select(['id', 'number', 'tracking_code', 'description', 'category_code', 'grid_code'])
        .where('id', 'in', ids)
        .execute();
      const whole = (r: (typeof rows)[number]) =>
        [r.id, r.number, r.tracking_code, r.description, r.category_code, r.grid_code].join('|');
      expect(rows.map(whole).sort()).toEqual(
        acked.map((a) => [a.id, a.number, a.trackingCode, a.description, a.categoryCode, a.gridCode].join('|')).sort(),
      );
      const audited = await database.db
        .selectFrom('audit_log')
        .select('entity_id')
        .where('entity_type', '=', 'event')
        .where('action', '=', 'event.report')
        .where('entity_id', 'in', ids)
        .execute();
      expect(new Set(audited.map((r) => r.entity_id)).size).toBe(acked.length);
      const dup = await sql<{ number: string }>`select number from event group by number having count(*) > 1`.execute(
        database.db,
      );
      duplicates = dup.rows.length;
      expect(dup.rows).toEqual([]);
    } finally {
      await database.close();
    }
    const lines: string[] = [];
    expect(await runAuditVerify({ ...serverEnv }, (l) => lines.push(l)), lines.join('\n')).toBe(0);

    expect(serverErrors).toBe(0);
    expect(failedBeforeKill).toBe(0);
    expect(acked.length).toBeGreaterThan(0);
    console.log(
      `crash test (${backend}): sent ${sent}, acknowledged ${acked.length}, in flight at kill ${inFlightAtKill}, ` +
        `lost 0, duplicate numbers ${duplicates}, 5xx ${serverErrors}; load ${loadSeconds.toFixed(1)} s, ` +
        `restart ${restartSeconds.toFixed(1)} s, read back ${readSeconds.toFixed(1)} s, ` +
        `database checks and audit:verify ${((performance.now() - tCheck) / 1000).toFixed(1)} s, first start ${startSeconds.toFixed(1)} s, whole test ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  }, 240_000);
});

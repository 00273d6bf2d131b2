import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openPglite, openPostgres } from '../../src/db/database.js';
import type { OfficialCalendar } from '../../src/kernel/official-calendar.js';
import { ManualClock } from '../../src/lib/clock.js';
import { type Config, loadConfig } from '../../src/lib/config.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { DEMO_PASSWORD } from '../../src/seed/demo-city.js';
import { pgTemplateName, TEST_MASTER_KEY, templateDir, testDatabaseUrl, withDatabase } from './test-env.js';

export const backend = testDatabaseUrl() ? 'postgres' : 'pglite';

/** A fresh database for one test file: a clone of a template on the back end under test. */
export async function cloneTemplate(kind: 'empty' | 'demo'): Promise<Database> {
  const url = testDatabaseUrl();
  const runPid = inject('templateRunPid');
  if (!url) {
    const data = fs.readFileSync(path.join(templateDir(runPid), `${kind}.tar.gz`));
    return openPglite({ loadDataDir: new Blob([data]) });
  }
  const name = `fq_t_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database "${name}" template "${pgTemplateName(runPid, kind)}"`);
  await admin.end();
  const database = await openPostgres(withDatabase(url, name), 5);
  return {
    ...database,
    close: async () => {
      await database.close();
      const drop = new pg.Client({ connectionString: url });
      await drop.connect();
      await drop.query(`drop database if exists "${name}" with (force)`);
      await drop.end();
    },
  };
}

export interface TestApp {
  runtime: Runtime;
  clock: ManualClock;
  config: Config;
  /** Logs in and returns the bearer token. */
  login(username: string, password?: string): Promise<string>;
  /** inject() with a bearer token and JSON. */
  api(
    method: string,
    url: string,
    opts?: { token?: string; body?: unknown; headers?: Record<string, string> },
    // biome-ignore lint/suspicious/noExplicitAny: tests read JSON bodies loosely; the routes' response schemas check their shape
  ): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function startTestApp(
  opts: {
    template?: 'empty' | 'demo';
    now?: string;
    env?: Record<string, string>;
    /** The official holidays instead of the installed chinese-days package's (e.g. a release without next year). */
    officialCalendar?: OfficialCalendar;
  } = {},
): Promise<TestApp> {
  const clock = new ManualClock(opts.now ?? '2026-11-28T02:00:00Z');
  // A data directory of its own: the audit checkpoints (DATA_DIR/audit-checkpoints) of one test app must never anchor
  // another's database, nor a previous run's.
  const dataDir = path.resolve(`.tmp/test-data/${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  const config = loadConfig({ DEMO: 'off', DATA_DIR: dataDir, WEB_DIST: '.tmp/no-web', ...opts.env });
  const database = await cloneTemplate(opts.template ?? 'demo');
  const runtime = await createRuntime(config, {
    clock,
    database,
    masterKey: TEST_MASTER_KEY,
    ...(opts.officialCalendar ? { officialCalendar: opts.officialCalendar } : {}),
  });
  await runtime.app.ready();

  const api: TestApp['api'] = async (method, url, o = {}) => {
    const res = await runtime.app.inject({
      method: method as 'GET',
      url,
      headers: { ...(o.token ? { authorization: `Bearer ${o.token}` } : {}), ...o.headers },
      ...(o.body === undefined ? {} : { payload: o.body as object }),
    });
    const text = res.body;
    let body: unknown = text;
    if ((res.headers['content-type'] ?? '').toString().includes('json') && text) body = JSON.parse(text);
    return { status: res.statusCode, body, headers: res.headers };
  };

  return {
    runtime,
    clock,
    config,
    api,
    login: async (username, password = DEMO_PASSWORD) => {
      const r = await api('POST', '/api/auth/login', { body: { username, password } });
      if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.token as string;
    },
    close: async () => {
      await runtime.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { type Database, openPglite, openPostgres } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { ManualClock } from '../../src/lib/clock.js';
import { loadConfig } from '../../src/lib/config.js';
import { PersonalDataCipher } from '../../src/lib/personal-data.js';
import { AuditService } from '../../src/modules/audit/audit.service.js';
import { seedDemoCity } from '../../src/seed/demo-city.js';
import {
  pgTemplateName,
  pidAlive,
  SEED_TIME,
  TEST_AUDIT_KEY,
  TEST_MASTER_KEY,
  templateDir,
  testDatabaseUrl,
  withDatabase,
} from './test-env.js';

/**
 * Migrates two templates once per run (empty, and with the demo city) so each test file starts
 * from a clone instead of migrating and seeding: a PGlite data-dir dump, or a PostgreSQL
 * template database.
 */
export default async function setup(project: TestProject) {
  const runPid = process.pid;
  project.provide('templateRunPid', runPid);
  const url = testDatabaseUrl();
  if (url) await preparePostgres(url, runPid);
  else await preparePglite(runPid);
  return async () => {
    if (url) await dropDatabases(url, (name) => name.startsWith(`fq_tpl_${runPid}_`));
    else fs.rmSync(templateDir(runPid), { recursive: true, force: true });
  };
}

async function fill(database: Database, demo: boolean) {
  const clock = new ManualClock(SEED_TIME);
  await migrate(database.db, clock.now());
  if (demo)
    await seedDemoCity(
      database.db,
      { clock, cipher: new PersonalDataCipher(TEST_MASTER_KEY), audit: new AuditService(clock, TEST_AUDIT_KEY) },
      loadConfig({}).demoSeed,
    );
}

async function preparePglite(runPid: number) {
  const dir = templateDir(runPid);
  fs.mkdirSync(dir, { recursive: true });
  for (const demo of [false, true]) {
    const database = await openPglite({});
    await fill(database, demo);
    const dumped = await dumpPglite(database);
    fs.writeFileSync(path.join(dir, demo ? 'demo.tar.gz' : 'empty.tar.gz'), dumped);
    await database.close();
  }
}

async function dumpPglite(database: Database): Promise<Buffer> {
  if (!database.pglite) throw new Error('not a PGlite database');
  const blob = await database.pglite.dumpDataDir('gzip');
  return Buffer.from(await blob.arrayBuffer());
}

/** Drops the test databases this run made, and those left by runs whose process is gone. */
async function dropDatabases(url: string, match: (name: string) => boolean) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const rows = await admin.query<{ datname: string }>(`select datname from pg_database where datname like 'fq\\_t%'`);
    for (const { datname } of rows.rows)
      if (match(datname)) await admin.query(`drop database if exists "${datname}" with (force)`);
  } finally {
    await admin.end();
  }
}

async function preparePostgres(url: string, runPid: number) {
  await dropDatabases(url, (name) => {
    const pid = Number(/^fq_t(?:pl)?_(\d+)_/.exec(name)?.[1]);
    return Number.isFinite(pid) && !pidAlive(pid);
  });
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    for (const kind of ['empty', 'demo'] as const) {
      const name = pgTemplateName(runPid, kind);
      await admin.query(`create database "${name}"`);
      const database = await openPostgres(withDatabase(url, name), 2);
      await fill(database, kind === 'demo');
      await database.close();
    }
  } finally {
    await admin.end();
  }
}

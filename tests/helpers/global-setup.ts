import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { type Database, openPglite, openPostgres } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { ManualClock } from '../../src/lib/clock.js';
import { PersonalDataCipher } from '../../src/lib/personal-data.js';
import { seedDemoCity } from '../../src/seed/demo-city.js';
import { AuditService } from '../../src/services/audit.service.js';
import { PG_TEMPLATE, SEED_TIME, TEMPLATE_DIR, TEST_MASTER_KEY, testDatabaseUrl, withDatabase } from './test-env.js';

/**
 * Migrates two templates once per run (empty, and with the demo city) so each test file starts
 * from a clone instead of migrating and seeding: a PGlite data-dir dump, or a PostgreSQL
 * template database.
 */
export default async function setup() {
  const url = testDatabaseUrl();
  if (url) await preparePostgres(url);
  else await preparePglite();
}

async function fill(database: Database, demo: boolean) {
  const clock = new ManualClock(SEED_TIME);
  await migrate(database.db, clock.now());
  if (demo) await seedDemoCity(database.db, { clock, cipher: new PersonalDataCipher(TEST_MASTER_KEY), audit: new AuditService(clock) }, loadConfig({}).demoSeed);
}

async function preparePglite() {
  fs.mkdirSync(TEMPLATE_DIR, { recursive: true });
  for (const demo of [false, true]) {
    const database = await openPglite({});
    await fill(database, demo);
    const dumped = await dumpPglite(database);
    fs.writeFileSync(path.join(TEMPLATE_DIR, demo ? 'demo.tar.gz' : 'empty.tar.gz'), dumped);
    await database.close();
  }
}

async function dumpPglite(database: Database): Promise<Buffer> {
  if (!database.pglite) throw new Error('not a PGlite database');
  const blob = await database.pglite.dumpDataDir('gzip');
  return Buffer.from(await blob.arrayBuffer());
}

async function preparePostgres(url: string) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    // Databases left by an interrupted run of this machine's tests.
    const stale = await admin.query<{ datname: string }>(`select datname from pg_database where datname like 'fq\\_t\\_%' or datname like 'fq\\_tpl\\_%'`);
    for (const { datname } of stale.rows) await admin.query(`drop database if exists "${datname}" with (force)`);
    for (const [kind, name] of Object.entries(PG_TEMPLATE)) {
      await admin.query(`create database "${name}"`);
      const database = await openPostgres(withDatabase(url, name), 2);
      await fill(database, kind === 'demo');
      await database.close();
    }
  } finally {
    await admin.end();
  }
}

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { backend } from '../../../tests/helpers/harness.js';
import {
  pgTemplateName,
  TEST_MASTER_KEY,
  templateDir,
  testDatabaseUrl,
  withDatabase,
} from '../../../tests/helpers/test-env.js';
import { runBackup } from '../../cli/backup.js';
import { runRestore } from '../../cli/restore.js';
import { type Database, openPglite, openPostgres } from '../../db/database.js';
import { ManualClock } from '../../lib/clock.js';
import { loadConfig } from '../../lib/config.js';
import { PersonalDataCipher } from '../../lib/personal-data.js';
import { createRuntime } from '../../runtime.js';
import { DEMO_PASSWORD } from '../../seed/demo-city.js';
import { readBackupHeader } from './backup-file.js';
import { keyFingerprint } from './backup-key.js';

/**
 * Backup and restore through the CLIs' entry points, on the back end under test: the demo city plus a
 * few events is backed up, refused with the wrong key and into a database that is not empty, then
 * restored into an empty one and compared with the source row for row.
 */
const url = testDatabaseUrl();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fq-backup-test-'));
const tag = `${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
const databases: string[] = [];
const key = TEST_MASTER_KEY.toString('base64');
const otherKey = Buffer.alloc(32, 1).toString('base64');
const file = path.join(work, 'fengqiao.backup');

/** An environment on its own data directory and, on PostgreSQL, its own database (empty unless `template`). */
async function place(name: string, template?: 'demo'): Promise<Record<string, string>> {
  const dataDir = path.join(work, name);
  if (!url) {
    if (template) {
      const data = fs.readFileSync(path.join(templateDir(inject('templateRunPid')), `${template}.tar.gz`));
      const database = await openPglite({ dataDir: path.join(dataDir, 'pglite'), loadDataDir: new Blob([data]) });
      await database.close();
    }
    return { DATA_DIR: dataDir, DATABASE_URL: '', FQ_DATA_KEY: key, DEMO: 'off', WEB_DIST: '.tmp/no-web' };
  }
  const db = `fq_t_${tag}_${name}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(
    template
      ? `create database "${db}" template "${pgTemplateName(inject('templateRunPid'), template)}"`
      : `create database "${db}"`,
  );
  await admin.end();
  databases.push(db);
  return {
    DATA_DIR: dataDir,
    DATABASE_URL: withDatabase(url, db),
    FQ_DATA_KEY: key,
    DEMO: 'off',
    WEB_DIST: '.tmp/no-web',
  };
}

const open = (env: Record<string, string>): Promise<Database> =>
  env.DATABASE_URL
    ? openPostgres(env.DATABASE_URL, 2)
    : openPglite({ dataDir: path.join(env.DATA_DIR ?? '', 'pglite') });

/** Every table's row count and a digest of all its rows. */
async function contents(env: Record<string, string>) {
  const database = await open(env);
  try {
    const tables = await sql<{
      name: string;
    }>`select tablename as name from pg_tables where schemaname = 'public' order by 1`.execute(database.db);
    const out: Record<string, string> = {};
    for (const { name } of tables.rows) {
      const r = await sql<{ n: string; d: string }>`select count(*)::text as n,
        md5(coalesce(string_agg(t::text, E'\n' order by t::text), '')) as d from ${sql.table(name)} t`.execute(
        database.db,
      );
      out[name] = `${r.rows[0]?.n} ${r.rows[0]?.d}`;
    }
    const people = await database.db
      .selectFrom('person')
      .select(['id', 'name', 'id_number_enc'])
      .orderBy('id')
      .limit(5)
      .execute();
    const cipher = new PersonalDataCipher(TEST_MASTER_KEY);
    return {
      tables: out,
      people: people.map((p) => ({ id: p.id, name: p.name, idNumber: cipher.decrypt(p.id_number_enc) })),
    };
  } finally {
    await database.close();
  }
}

async function run(fn: typeof runBackup, env: Record<string, string>, args: string[]) {
  const lines: string[] = [];
  const code = await fn(env, args, (l) => lines.push(l));
  return { code, text: lines.join('\n') };
}

let source: Record<string, string>;

beforeAll(async () => {
  source = await place('source', 'demo');
  // A few events on top of the demo registry, through the API, so events and their audit rows are in the backup.
  const rt = await createRuntime(loadConfig(source), {
    clock: new ManualClock('2026-11-28T02:00:00Z'),
    database: await open(source),
    masterKey: TEST_MASTER_KEY,
  });
  try {
    const login = await rt.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'demo-city', password: DEMO_PASSWORD },
    });
    const token = login.json().token as string;
    const grids = await rt.database.db
      .selectFrom('area')
      .select(['center_lng', 'center_lat'])
      .where('level', '=', 'grid')
      .orderBy('code')
      .limit(3)
      .execute();
    for (const [i, g] of grids.entries()) {
      const r = await rt.app.inject({
        method: 'POST',
        url: '/api/events',
        headers: { authorization: `Bearer ${token}` },
        payload: {
          categoryCode: '0102',
          description: `备份测试事件 ${i}:邻里纠纷,请处理。`,
          location: { lng: g.center_lng, lat: g.center_lat },
          reporter: { name: '报告人', phone: '13912345678' },
        },
      });
      expect(r.statusCode, r.body).toBe(201);
    }
  } finally {
    await rt.close();
  }
}, 240_000);

afterAll(async () => {
  fs.rmSync(work, { recursive: true, force: true });
  if (!url) return;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  for (const db of databases) await admin.query(`drop database if exists "${db}" with (force)`);
  await admin.end();
});

describe(`backup and restore (${backend})`, () => {
  it('backs up, refuses a wrong key, a non-empty target and a damaged file, restores row for row', async () => {
    if (!url) {
      // A data directory that a process has open is not copied.
      const pid = path.join(source.DATA_DIR ?? '', 'pglite', 'postmaster.pid');
      fs.writeFileSync(pid, '-42\n');
      const inUse = await run(runBackup, source, [file]);
      fs.rmSync(pid);
      expect(inUse.code).toBe(1);
      expect(inUse.text).toContain('in use');
      expect(fs.existsSync(file)).toBe(false);
    }
    const backup = await run(runBackup, source, [file]);
    expect(backup.code, backup.text).toBe(0);

    const { manifest } = readBackupHeader(file);
    expect(manifest.backend).toBe(backend);
    expect(manifest.keyFingerprint).toBe(keyFingerprint(TEST_MASTER_KEY));
    expect(manifest.tables.person).toBeGreaterThan(0);
    expect(manifest.tables.event).toBe(3);
    expect(manifest.auditHeads.length).toBeGreaterThan(0);
    expect(manifest.migrations).toContain('0001_foundation.sql');
    // Neither the key nor anything derived for encryption is in the file's manifest.
    expect(fs.readFileSync(file).subarray(0, 100_000).toString('latin1')).not.toContain(key);

    const target = await place('target');
    const wrongKey = await run(runRestore, { ...target, FQ_DATA_KEY: otherKey }, [file]);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.text).toMatch(/is not the key this backup's data is encrypted with.*--force/s);
    const noKey = await run(runRestore, { ...target, FQ_DATA_KEY: '' }, [file]);
    expect(noKey.code).toBe(1);
    expect(noKey.text).toContain('No personal-data key is configured');

    const intoSource = await run(runRestore, source, [file]);
    expect(intoSource.code).toBe(1);
    expect(intoSource.text).toContain('not empty');

    const damaged = path.join(work, 'damaged.backup');
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0xff;
    fs.writeFileSync(damaged, bytes);
    const fromDamaged = await run(runRestore, target, [damaged]);
    expect(fromDamaged.code).toBe(1);
    expect(fromDamaged.text).toContain('is damaged');

    // Nothing of the refused attempts reached the target: it is still empty and takes the restore.
    const restored = await run(runRestore, target, [file]);
    expect(restored.code, restored.text).toBe(0);
    expect(restored.text).toContain('match the manifest');
    expect(restored.text).toContain('audit log OK');

    const [before, after] = [await contents(source), await contents(target)];
    expect(after.tables).toEqual(before.tables);
    expect(after.people).toEqual(before.people);
    expect(after.people[0]?.idNumber).toMatch(/^\d{17}[\dX]$/);
  }, 300_000);
});

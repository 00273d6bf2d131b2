import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../tests/helpers/harness.js';
import { type DemoSeeder, demoSteps } from './demo-seeding.js';
import { findDemoSnapshot, keyConflict, snapshotFiles, snapshotUnwanted } from './demo-snapshot.js';
import { buildDemoSnapshot } from './demo-snapshot-build.js';
import { ManualClock } from './lib/clock.js';
import { loadConfig } from './lib/config.js';
import { createRuntime } from './runtime.js';

/**
 * The first start's demo snapshot (issue #15 item 4): built once, unpacked into an empty embedded DATA_DIR instead of
 * seeding, refused when stale or when a key is configured. The whole demo takes half a minute to seed, so a seeder of
 * one area (the real city code 620700) stands in for it; the snapshot machinery does not care what the demo holds.
 * The snapshot is always an embedded database, whatever back end the suite runs on: this file runs on PGlite only.
 */

const DAY = 86_400_000;
const BUILT = '2026-11-28T02:00:00Z';
/** Made in the describe block: on the PostgreSQL run the block is skipped, and with it any clean-up hook. */
let scratch = '';

/** One area, with its step reported the way the real seeder reports its four. */
const oneArea: DemoSeeder = async ({ db, clock, progress }) => {
  const step = demoSteps(progress, 1);
  await step('city', async (p) => {
    p('areas', 0, 1);
    await sql`insert into area (code, county_code, level, name, created_at, updated_at)
      values ('620700', '620700', 'city', '张掖市', ${clock.now()}, ${clock.now()})`.execute(db);
    p('areas', 1, 1);
  });
  return {
    areas: 1,
    grids: 0,
    gridWorkers: 0,
    units: 0,
    accounts: [
      { username: 'demo-city', displayName: '张掖市管理员', roles: ['admin'], scopeCode: '620700', note: 'x' },
    ],
    registry: { houses: 0, households: 0, people: 0, tagged: 0, organizations: 0, places: 0, things: 0, visits: 0 },
  };
};

const config = (dataDir: string, env: Record<string, string> = {}) =>
  loadConfig({
    DATA_DIR: path.join(scratch, dataDir),
    DEMO_SNAPSHOT_DIR: path.join(scratch, 'snapshots'),
    WEB_DIST: '.tmp/no-web',
    AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0',
    ...env,
  });

function recorder() {
  const lines: string[] = [];
  return { lines, progress: (what: string, n: number, total: number) => lines.push(`${what} ${n}/${total}`) };
}

describe.skipIf(backend !== 'pglite')('the demo snapshot on a first start', () => {
  beforeAll(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fq-snapshot-test-'));
  });
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('is built once, unpacked into an empty data folder with its key, and left alone on a restart', async () => {
    const built = recorder();
    const meta = await buildDemoSnapshot({
      dir: path.join(scratch, 'snapshots'),
      demoSeed: 2026,
      clock: new ManualClock(BUILT),
      seedDemo: oneArea,
      progress: built.progress,
    });
    expect(meta).toMatchObject({ builtAt: '2026-11-28T02:00:00.000Z', demoSeed: 2026, seeded: { areas: 1 } });
    expect(built.lines).toEqual(
      expect.arrayContaining(['demo 1/1 city 0/0', 'demo 1/1 areas 1/1', 'demo 1/1 city 1/1']),
    );
    const files = snapshotFiles(path.join(scratch, 'snapshots'), meta.key);
    // The recycled WAL segments are left out: the archive is a fraction of the database folder.
    expect(fs.statSync(files.archive).size).toBe(meta.bytes);
    expect(fs.statSync(files.keyFile).mode & 0o077).toBe(0);
    expect(fs.readdirSync(path.join(scratch, 'snapshots')).sort()).toEqual(
      [`${meta.key}.json`, `${meta.key}.key`, `${meta.key}.tar.gz`].sort(),
    );

    const first = recorder();
    const start = (clock: ManualClock) =>
      createRuntime(config('data'), { clock, progress: first.progress, seedDemo: oneArea });
    const rt = await start(new ManualClock('2026-11-30T08:00:00Z'));
    try {
      expect(rt.demoSource).toBe('snapshot');
      expect(rt.migrations).toEqual([]);
      expect(rt.seeded?.accounts.map((a) => a.username)).toEqual(['demo-city']);
      expect(first.lines).toEqual(['demo snapshot 0/0', 'demo snapshot 1/1']);
      const areas = await sql<{ name: string }>`select name from area`.execute(rt.database.db);
      expect(areas.rows).toEqual([{ name: '张掖市' }]);
      expect((await rt.app.inject({ url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await rt.close();
    }
    expect(fs.readFileSync(path.join(scratch, 'data', 'keys', 'personal-data.key'))).toEqual(
      fs.readFileSync(files.keyFile),
    );
    expect(fs.existsSync(path.join(scratch, 'data', 'pglite.loading'))).toBe(false);

    const again = await start(new ManualClock('2026-11-30T09:00:00Z'));
    try {
      expect(again.demoSource).toBeNull();
      expect(again.seeded).toBeNull();
    } finally {
      await again.close();
    }

    // A start stopped after writing the key, before the database was in place: the next one unpacks the snapshot.
    const keyOnly = path.join(scratch, 'interrupted', 'keys');
    fs.mkdirSync(keyOnly, { recursive: true });
    fs.copyFileSync(files.keyFile, path.join(keyOnly, 'personal-data.key'));
    fs.mkdirSync(path.join(scratch, 'interrupted', 'pglite.loading', 'base'), { recursive: true });
    expect(keyConflict(path.join(scratch, 'interrupted'), { ...files, meta })).toBeNull();
    // Another key in the folder is never replaced.
    fs.mkdirSync(path.join(scratch, 'keyed', 'keys'), { recursive: true });
    fs.writeFileSync(path.join(scratch, 'keyed', 'keys', 'personal-data.key'), 'another key');
    expect(keyConflict(path.join(scratch, 'keyed'), { ...files, meta })).toMatch(/already holds another/);
    const resumed = await createRuntime(config('interrupted'), { clock: new ManualClock('2026-11-30T10:00:00Z') });
    try {
      expect(resumed.demoSource).toBe('snapshot');
    } finally {
      await resumed.close();
    }
    expect(fs.existsSync(path.join(scratch, 'interrupted', 'pglite.loading'))).toBe(false);
  }, 120_000);

  it('a snapshot older than 7 days is not unpacked: the start seeds directly and says so step by step', async () => {
    const dir = path.join(scratch, 'snapshots');
    const builtAt = Date.parse(BUILT);
    expect('snapshot' in findDemoSnapshot(dir, 2026, new Date(builtAt + 7 * DAY))).toBe(true);
    expect(findDemoSnapshot(dir, 2026, new Date(builtAt + 7 * DAY + 1))).toEqual({
      missing: expect.stringContaining('more than 7 days ago'),
    });
    expect(findDemoSnapshot(dir, 2027, new Date(builtAt))).toEqual({ missing: expect.stringContaining('no demo') });

    const seen = recorder();
    const rt = await createRuntime(config('stale'), {
      clock: new ManualClock(new Date(builtAt + 8 * DAY)),
      progress: seen.progress,
      seedDemo: oneArea,
    });
    try {
      expect(rt.demoSource).toBe('seed');
      expect(seen.lines[0]).toMatch(/^migrations 0\/\d+$/);
      expect(seen.lines).toContain(`migrations ${rt.migrations.length}/${rt.migrations.length}`);
      expect(seen.lines.slice(-4)).toEqual([
        'demo 1/1 city 0/0',
        'demo 1/1 areas 0/1',
        'demo 1/1 areas 1/1',
        'demo 1/1 city 1/1',
      ]);
    } finally {
      await rt.close();
    }
  }, 120_000);

  it('is not wanted with a configured key, a server database, or DEMO_SNAPSHOT=off', () => {
    const empty = { database: false, masterKey: false };
    expect(snapshotUnwanted(config('fresh'), empty)).toBeNull();
    expect(snapshotUnwanted(config('fresh'), { database: false, masterKey: true })).toMatch(/key is configured/);
    expect(snapshotUnwanted(config('fresh', { FQ_DATA_KEY: Buffer.alloc(32, 7).toString('base64') }), empty)).toMatch(
      /key is configured/,
    );
    expect(snapshotUnwanted(config('fresh', { DEMO_SNAPSHOT: 'off' }), empty)).toBe('DEMO_SNAPSHOT=off');
    expect(snapshotUnwanted(config('fresh', { DEMO: 'off' }), empty)).toBe('');
    expect(snapshotUnwanted(config('fresh', { DATABASE_URL: 'postgres://x@127.0.0.1/y' }), empty)).toBe('');
    expect(snapshotUnwanted(config('fresh'), { database: true, masterKey: false })).toBe('');
    // The restart case: a database is there.
    expect(snapshotUnwanted(config('data'), empty)).toBe('');
  });
});

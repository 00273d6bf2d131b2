import crypto from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { backend } from '../tests/helpers/harness.js';
import { TEST_MASTER_KEY, testDatabaseUrl, withDatabase } from '../tests/helpers/test-env.js';
import { ManualClock } from './lib/clock.js';
import { loadConfig } from './lib/config.js';
import { createRuntime } from './runtime.js';

/**
 * Issue #14 item 10: two processes starting with DEMO=on on one empty PostgreSQL database both found it empty and
 * both seeded it; the second exited on a duplicate key. Start-up now runs under an advisory lock and checks for an
 * empty database under it. PGlite serves one process, so this is a PostgreSQL test.
 */
describe.skipIf(backend !== 'postgres')('two processes starting on one empty database with DEMO=on', () => {
  it('both start, and the demo city is seeded once', async () => {
    const url = testDatabaseUrl()!;
    const name = `fq_t_${process.pid}_start_${crypto.randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    await admin.end();
    const config = loadConfig({
      DEMO: 'on',
      DATABASE_URL: withDatabase(url, name),
      DATABASE_POOL_SIZE: '4',
      DATA_DIR: '.tmp/unused',
      WEB_DIST: '.tmp/no-web',
    });
    const start = () =>
      createRuntime(config, { clock: new ManualClock('2026-11-28T02:00:00Z'), masterKey: TEST_MASTER_KEY });
    const t0 = performance.now();
    const started = await Promise.allSettled([start(), start()]);
    const seconds = (performance.now() - t0) / 1000;
    try {
      for (const s of started) expect(s.status === 'rejected' ? String(s.reason) : 'started').toBe('started');
      const [a, b] = started.map((s) => (s as PromiseFulfilledResult<Awaited<ReturnType<typeof start>>>).value) as [
        Awaited<ReturnType<typeof start>>,
        Awaited<ReturnType<typeof start>>,
      ];
      // One process seeded (and migrated); the other waited, then found the city there.
      expect([a.seeded, b.seeded].filter((s) => s !== null)).toHaveLength(1);
      expect([a.migrations.length > 0, b.migrations.length > 0].filter(Boolean)).toHaveLength(1);
      const seeded = (a.seeded ?? b.seeded)!;
      const count = async (table: string) =>
        Number(
          (await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(a.database.db)).rows[0]!.n,
        );
      expect(await count('area')).toBe(seeded.areas);
      expect(await count('person')).toBe(seeded.registry.people);
      const demoUsers = await sql<{
        n: string;
      }>`select count(*) as n from app_user where username like 'demo-%'`.execute(a.database.db);
      expect(Number(demoUsers.rows[0]!.n)).toBe(seeded.accounts.length);
      // Both serve: each answers its health check.
      for (const r of [a, b]) expect((await r.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      console.log(`two concurrent starts with the demo seed on PostgreSQL: ${seconds.toFixed(1)} s`);
    } finally {
      for (const s of started) if (s.status === 'fulfilled') await s.value.close();
      const drop = new pg.Client({ connectionString: url });
      await drop.connect();
      await drop.query(`drop database if exists "${name}" with (force)`);
      await drop.end();
    }
  }, 900_000);
});

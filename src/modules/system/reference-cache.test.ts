import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';
import { ReferenceCache } from '../../lib/reference-cache.js';

describe(`reference cache: shared version reads (${backend})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ template: 'empty' });
  });
  afterAll(() => t.close());

  it('answers many callers at once with the tables of the current version', async () => {
    const db = t.runtime.database.db;
    const cache = new ReferenceCache();
    const all = await Promise.all(Array.from({ length: 20 }, () => cache.get(db)));
    const current = (await sql<{ v: string }>`select version::text as v from reference_version`.execute(db)).rows[0]!.v;
    expect(new Set(all.map((r) => r.version))).toEqual(new Set([current]));
    // One load serves them all: the same object.
    expect(new Set(all).size).toBe(1);
    expect(all[0]!.categories.get('0102')?.name).toBe('邻里纠纷');
  });

  it('never answers a caller with a version older than a change committed before it asked, though a read was in flight', async () => {
    const db = t.runtime.database.db;
    const cache = new ReferenceCache();
    await cache.get(db);
    const inFlight = cache.get(db);
    await db.updateTable('event_category').set({ name: '邻里矛盾' }).where('code', '=', '0102').execute();
    const after = await cache.get(db);
    expect(after.categories.get('0102')?.name).toBe('邻里矛盾');
    const earlier = await inFlight;
    expect(Number(earlier.version)).toBeLessThanOrEqual(Number(after.version));
  });
});

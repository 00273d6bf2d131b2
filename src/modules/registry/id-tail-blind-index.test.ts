import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';
import { idTailHash } from '../../lib/personal-data.js';
import { backfillIdTailHashes } from './id-tail-backfill.js';

/**
 * Issue #14 item 3: county code, birth date and the ID number's last four characters, all in clear, rebuilt the
 * encrypted ID number. The tail is now a keyed blind index: what remains in clear rebuilds no ID number, and the
 * search by the last four still finds the person.
 */
describe(`ID numbers cannot be rebuilt from the columns kept in clear (${backend})`, () => {
  let t: TestApp;
  let admin: string;
  const db = () => t.runtime.database.db;

  beforeAll(async () => {
    t = await startTestApp({ template: 'demo' });
    admin = await t.login('demo-city');
  });
  afterAll(() => t.close());

  /** 100 demo people spread over the registry, with every column. */
  const sample = async () => {
    const rows = await sql<Record<string, unknown> & { id: string; id_number_enc: string }>`
      select * from person order by md5(id::text) limit 100`.execute(db());
    expect(rows.rows).toHaveLength(100);
    return rows.rows;
  };

  it('keeps no tail in clear: no county + birth date + any four characters of any clear column gives the ID number', async () => {
    const columns = await sql<{ column_name: string }>`
      select column_name from information_schema.columns where table_name = 'person'`.execute(db());
    const names = columns.rows.map((c) => c.column_name);
    expect(names).not.toContain('id_tail');
    expect(names).toContain('id_tail_hash');
    let sameRegion = 0;
    for (const p of await sample()) {
      const id = t.runtime.cipher.decrypt(p.id_number_enc);
      const clear = Object.entries(p)
        .filter(([k, v]) => v !== null && !k.endsWith('_enc') && !k.endsWith('_hash'))
        .map(([, v]) => (v instanceof Date ? v.toISOString() : String(v)));
      // The attack the issue reproduced: region and birth date in clear, then the tail from anywhere in the row.
      const birth = String(p.birth_date).replaceAll('-', '');
      if (id.startsWith(String(p.county_code)) && id.slice(6, 14) === birth) sameRegion += 1;
      const tails = new Set(
        clear.flatMap((v) => Array.from({ length: Math.max(0, v.length - 3) }, (_, i) => v.slice(i, i + 4))),
      );
      const rebuilt = [...tails].map((tail) => `${p.county_code}${birth}${tail}`.toUpperCase());
      expect(rebuilt, `person ${p.id}`).not.toContain(id.toUpperCase());
      // The blind index is the keyed hash of the tail, nothing readable.
      expect(p.id_tail_hash).toBe(idTailHash(t.runtime.cipher, id));
    }
    // The sample is one the old columns rebuilt: region and birth date match the ID number for most demo people.
    expect(sameRegion).toBeGreaterThan(50);
  });

  it('still finds each sampled person by the last four characters of the ID number', async () => {
    const people = (await sample()).slice(0, 40);
    for (const p of people) {
      const tail = t.runtime.cipher.decrypt(p.id_number_enc).slice(-4);
      const found: string[] = [];
      let after: string | null = null;
      do {
        const r = await t.api('GET', `/api/people?q=${tail}&limit=200${after ? `&after=${after}` : ''}`, {
          token: admin,
        });
        expect(r.status).toBe(200);
        found.push(...r.body.items.map((x: { id: string }) => x.id));
        after = r.body.next;
      } while (after);
      expect(found, `tail ${tail}`).toContain(p.id);
    }
  });

  it('backfills rows written before the blind index, once, with two processes at it together', async () => {
    const ids = (await sample()).slice(0, 60).map((p) => p.id);
    const before = await db().selectFrom('person').select(['id', 'id_tail_hash']).where('id', 'in', ids).execute();
    await db().updateTable('person').set({ id_tail_hash: sql<string>`null` }).where('id', 'in', ids).execute();
    const filled = await Promise.all([
      backfillIdTailHashes(db(), t.runtime.cipher, 7),
      backfillIdTailHashes(db(), t.runtime.cipher, 7),
    ]);
    expect(filled[0] + filled[1]).toBe(60);
    expect(await backfillIdTailHashes(db(), t.runtime.cipher)).toBe(0);
    const after = await db().selectFrom('person').select(['id', 'id_tail_hash']).where('id', 'in', ids).execute();
    expect(new Map(after.map((r) => [r.id, r.id_tail_hash]))).toEqual(
      new Map(before.map((r) => [r.id, r.id_tail_hash])),
    );
  });
});

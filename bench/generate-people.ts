/**
 * Generates N synthetic people (valid ID numbers, phones, names from the demo pools) spread over
 * the grids already in the database, through the same bulk writer the import uses.
 *   npx tsx bench/generate-people.ts --url postgres://postgres@127.0.0.1:5432/fq_bench_http --n 1000000
 */
import { sql } from 'kysely';
import type { Db } from '../src/db/database.js';
import { makeIdNumber } from '../src/kernel/id-number.js';
import type { PersonalDataCipher } from '../src/lib/personal-data.js';
import { type BulkPerson, bulkInsertPeople } from '../src/modules/registry/registry-bulk.repository.js';
import { demoPhone, personName } from '../src/seed/names.js';
import { Prng } from '../src/seed/prng.js';

export async function generatePeople(
  db: Db,
  cipher: PersonalDataCipher,
  n: number,
  seed = 7,
): Promise<{ seconds: number; inserted: number }> {
  const rng = new Prng(seed);
  const grids = (
    await db.selectFrom('area').select('code').where('level', '=', 'grid').where('status', '=', 'active').execute()
  ).map((g) => g.code);
  const t0 = performance.now();
  let inserted = 0;
  const chunk = 20_000;
  let serial = 0;
  for (let done = 0; done < n; done += chunk) {
    const rows: BulkPerson[] = [];
    for (let i = 0; i < Math.min(chunk, n - done); i++) {
      const grid = grids[rng.int(0, grids.length - 1)]!;
      // A serial number spread over birth dates and sequence numbers keeps ID numbers unique.
      const s = serial++;
      const day = new Date(Date.UTC(1940, 0, 1) + (s % 29_000) * 86_400_000).toISOString().slice(0, 10);
      const seq = 1 + (Math.floor(s / 29_000) % 999);
      rows.push({
        name: personName(rng),
        idNumber: makeIdNumber(`62${String(10 + (Math.floor(s / (29_000 * 999)) % 80)).padStart(2, '0')}01`, day, seq),
        phone: rng.next() < 0.7 ? demoPhone(rng) : null,
        ethnicity: '汉族',
        registrationType: 'registered',
        gridCode: grid,
        householdId: null,
        relationToHead: null,
        houseId: null,
      });
    }
    await db.transaction().execute(async (trx) => {
      const r = await bulkInsertPeople(trx, cipher, rows, {
        now: new Date(),
        actorId: null,
        actorName: 'bench',
        action: 'create',
        reason: 'bench data',
      });
      inserted += r.inserted.length;
    });
    if ((done / chunk) % 10 === 0) console.log(`  ${done + rows.length} people…`);
  }
  await sql`analyze person`.execute(db);
  return { seconds: (performance.now() - t0) / 1000, inserted };
}

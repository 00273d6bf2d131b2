import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { idNumberFacts } from '../../kernel/id-number.js';
import { idTailHash, type PersonalDataCipher } from '../../lib/personal-data.js';

/** A person already validated (ID number checked, phone normalised, grid resolved). */
export interface BulkPerson {
  id?: string;
  name: string;
  idNumber: string;
  phone: string | null;
  ethnicity: string;
  registrationType: 'registered' | 'floating' | 'overseas';
  gridCode: string;
  householdId: string | null;
  relationToHead: string | null;
  houseId: string | null;
}

const BATCH = 1000;

/**
 * Inserts many people with their first version rows, in batches, inside the caller's transaction.
 * Rows whose ID number is already registered are skipped and reported back, which makes a repeated
 * import of the same file change nothing. Used by the spreadsheet import, the demo seed and bench/.
 */
export async function bulkInsertPeople(
  trx: Executor,
  cipher: PersonalDataCipher,
  rows: BulkPerson[],
  meta: { now: Date; actorId: string | null; actorName: string; action: string; reason: string | null },
): Promise<{ inserted: string[]; existing: number[] }> {
  const inserted: string[] = [];
  const existing: number[] = [];
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const values = batch.map((r) => {
      const facts = idNumberFacts(r.idNumber);
      return {
        ...(r.id ? { id: r.id } : {}),
        county_code: r.gridCode.slice(0, 6),
        grid_code: r.gridCode,
        name: r.name,
        id_number_enc: cipher.encrypt(r.idNumber),
        id_number_hash: cipher.lookupHash('id_number', r.idNumber),
        id_tail_hash: idTailHash(cipher, r.idNumber),
        birth_date: facts.birthDate,
        sex: facts.sex,
        ethnicity: r.ethnicity,
        phone_enc: r.phone ? cipher.encrypt(r.phone) : null,
        phone_hash: r.phone ? cipher.lookupHash('phone', r.phone) : null,
        phone_tail: r.phone ? r.phone.slice(-4) : null,
        registration_type: r.registrationType,
        household_id: r.householdId,
        relation_to_head: r.relationToHead,
        house_id: r.houseId,
        created_at: meta.now,
        updated_at: meta.now,
      };
    });
    const done = await trx
      .insertInto('person')
      .values(values)
      .onConflict((oc) => oc.column('id_number_hash').doNothing())
      .returning(['id', 'id_number_hash', 'county_code', 'grid_code', 'name'])
      .execute();
    const doneHashes = new Set(done.map((d) => d.id_number_hash));
    values.forEach((v, i) => {
      if (!doneHashes.has(v.id_number_hash)) existing.push(start + i);
    });
    if (done.length > 0) {
      await trx
        .insertInto('element_version')
        .values(
          done.map((d) => ({
            county_code: d.county_code,
            grid_code: d.grid_code,
            element_type: 'person',
            element_id: d.id,
            version: 1,
            at: meta.now,
            actor_id: meta.actorId,
            actor_name: meta.actorName,
            action: meta.action,
            changes: JSON.stringify({
              name: { from: null, to: d.name },
              idNumber: { from: null, to: '(已变更)' },
              gridCode: { from: null, to: d.grid_code },
            }),
            reason: meta.reason,
          })),
        )
        .execute();
      inserted.push(...done.map((d) => d.id));
    }
  }
  return { inserted, existing };
}

/** Sets each household's head from the member whose relation is 户主. */
export async function linkHouseholdHeads(trx: Executor, householdIds: string[]): Promise<void> {
  if (householdIds.length === 0) return;
  await sql`
    update household h set head_person_id = p.id
    from person p
    where p.household_id = h.id and p.relation_to_head = '户主' and h.id = any(${householdIds}::uuid[])`.execute(trx);
}

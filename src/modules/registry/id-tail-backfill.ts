import type { Db } from '../../db/database.js';
import { idTailHash, type PersonalDataCipher } from '../../lib/personal-data.js';
import * as people from './person.repository.js';

/**
 * Fills the ID-number tail blind index of people written before migration 0024 dropped the clear tail. The key is not
 * in the database, so this runs in the application at start-up (runtime.ts, under the start-up lock) and decrypts
 * each ID number. Idempotent: only rows without a hash are read and written, a batch per transaction, rows locked by
 * another process skipped. Answers the number of rows filled.
 */
export async function backfillIdTailHashes(db: Db, cipher: PersonalDataCipher, batchSize = 1000): Promise<number> {
  let filled = 0;
  for (;;) {
    const batch = await db.transaction().execute(async (trx) => {
      const rows = await people.lockPeopleWithoutTailHash(trx, batchSize);
      const hashes = rows.map((r) => ({ id: r.id, hash: idTailHash(cipher, decrypt(cipher, r)) }));
      return { seen: rows.length, filled: await people.setIdTailHashes(trx, hashes) };
    });
    filled += batch.filled;
    if (batch.seen < batchSize) return filled;
  }
}

/** A row the key does not open stops the start with a clear cause: the configured key is not this database's. */
function decrypt(cipher: PersonalDataCipher, r: { id: string; id_number_enc: string }): string {
  try {
    return cipher.decrypt(r.id_number_enc);
  } catch (err) {
    throw new Error(
      `The personal-data key does not decrypt the ID number of person ${r.id}: is it this database's key?`,
      {
        cause: err,
      },
    );
  }
}

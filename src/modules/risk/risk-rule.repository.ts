import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

// The scoring rule is one installation setting (app_setting); its version lives in the value.

export function findSetting(db: Executor, key: string) {
  return db.selectFrom('app_setting').select('value').where('key', '=', key).executeTakeFirst();
}

/** Serialises rule changes for the transaction, so two editors cannot both take the next version. */
export async function lockRuleChanges(db: Executor): Promise<void> {
  await sql`select pg_advisory_xact_lock(7452009)`.execute(db);
}

export async function saveSetting(db: Executor, key: string, value: string): Promise<void> {
  await db
    .insertInto('app_setting')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

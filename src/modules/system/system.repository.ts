import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

/** The cheapest statement that proves the database answers. */
export async function pingDatabase(db: Executor): Promise<void> {
  await sql`select 1`.execute(db);
}

/** An installation with no area yet is empty: the demo city may be seeded into it. */
export async function hasNoAreas(db: Executor): Promise<boolean> {
  const r = await sql<{ n: number }>`select count(*)::int as n from area`.execute(db);
  return r.rows[0]?.n === 0;
}

/** The demo seed leaves this setting behind; the web app then offers the demo accounts. */
export async function isDemoInstallation(db: Executor): Promise<boolean> {
  return (await db.selectFrom('app_setting').select('key').where('key', '=', 'demo').executeTakeFirst()) !== undefined;
}

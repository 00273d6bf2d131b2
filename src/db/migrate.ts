import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './database.js';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function loadMigrations(dir = migrationsDir): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      return { name, sql: text, checksum: crypto.createHash('sha256').update(text).digest('hex') };
    });
}

/**
 * Applies pending plain-SQL migrations in order, each once and in its own transaction. An advisory
 * lock keeps two starting processes from applying the same migration; a changed file that was
 * already applied stops the start, because the database no longer matches the code.
 */
export async function migrate(
  db: Db,
  now = new Date(),
  /** Called with 0 of the pending count before the first, then after each applied migration. */
  onProgress?: (n: number, total: number) => void,
): Promise<string[]> {
  const applied: string[] = [];
  await db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(7452001)`.execute(conn);
    try {
      await sql`create table if not exists schema_migration (
        name text primary key, applied_at timestamptz not null, checksum text not null)`.execute(conn);
      const done = new Map(
        (await conn.selectFrom('schema_migration').select(['name', 'checksum']).execute()).map((r) => [
          r.name,
          r.checksum,
        ]),
      );
      const all = loadMigrations();
      for (const m of all) {
        const checksum = done.get(m.name);
        if (checksum !== undefined && checksum !== m.checksum)
          throw new Error(`Migration ${m.name} was changed after it was applied`);
      }
      const pending = all.filter((m) => !done.has(m.name));
      if (pending.length > 0) onProgress?.(0, pending.length);
      for (const m of pending) {
        await conn.transaction().execute(async (trx) => {
          await sql.raw(m.sql).execute(trx);
          await trx
            .insertInto('schema_migration')
            .values({ name: m.name, applied_at: now, checksum: m.checksum })
            .execute();
        });
        applied.push(m.name);
        onProgress?.(applied.length, pending.length);
      }
    } finally {
      await sql`select pg_advisory_unlock(7452001)`.execute(conn);
    }
  });
  return applied;
}

import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

export async function recordLoginFailure(db: Executor, username: string, ip: string, now: Date): Promise<void> {
  await db.insertInto('login_failure').values({ username, ip, at: now }).execute();
}

export async function clearLoginFailures(db: Executor, username: string): Promise<void> {
  await db.deleteFrom('login_failure').where('username', '=', username).execute();
}

/** Failures in the window and the oldest of them, which says when the window frees up. */
export function loginFailuresSince(db: Executor, column: 'username' | 'ip', value: string, since: Date) {
  return db
    .selectFrom('login_failure')
    .select([sql<number>`count(*)::int`.as('n'), sql<Date | null>`min(at)`.as('oldest')])
    .where(column, '=', value)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
}

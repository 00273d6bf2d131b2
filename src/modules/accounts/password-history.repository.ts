import type { Executor } from '../../db/database.js';

/** The newest `limit` earlier password hashes of an account (its current one is on app_user). */
export async function recentPasswordHashes(db: Executor, userId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('password_history')
    .select('password_hash')
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.password_hash);
}

export async function addPasswordHistory(db: Executor, userId: string, passwordHash: string, now: Date) {
  await db
    .insertInto('password_history')
    .values({ user_id: userId, password_hash: passwordHash, created_at: now })
    .execute();
}

/** Keeps the newest `keep` rows of an account: older hashes are of no use and only widen what a leak would expose. */
export async function trimPasswordHistory(db: Executor, userId: string, keep: number) {
  await db
    .deleteFrom('password_history')
    .where('user_id', '=', userId)
    .where('id', 'not in', (eb) =>
      eb
        .selectFrom('password_history')
        .select('id')
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(keep),
    )
    .execute();
}

import type { Executor } from '../../db/database.js';

export function insertSession(
  db: Executor,
  s: { user_id: string; token_hash: string; expires_at: Date; ip: string | null; user_agent: string | null },
  now: Date,
) {
  return db
    .insertInto('session')
    .values({ ...s, created_at: now, last_seen_at: now })
    .returning(['id', 'expires_at'])
    .executeTakeFirstOrThrow();
}

/** The live session for a token with its user, or undefined when expired, idle too long or revoked. */
export function findLiveSession(db: Executor, tokenHash: string, now: Date, idleMs: number) {
  return db
    .selectFrom('session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .innerJoin('area as a', 'a.code', 'u.scope_code')
    .select([
      's.id as session_id',
      's.expires_at',
      's.last_seen_at',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'u.roles',
      'u.scope_code',
      'u.unit_id',
      'a.level as scope_level',
      'a.name as scope_name',
    ])
    .where('s.token_hash', '=', tokenHash)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .where('s.last_seen_at', '>', new Date(now.getTime() - idleMs))
    .where('u.status', '=', 'active')
    .executeTakeFirst();
}

export async function touchSession(db: Executor, id: string, now: Date): Promise<void> {
  await db.updateTable('session').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export async function revokeSession(db: Executor, id: string, now: Date): Promise<void> {
  await db
    .updateTable('session')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeUserSessions(db: Executor, userId: string, now: Date): Promise<void> {
  await db
    .updateTable('session')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

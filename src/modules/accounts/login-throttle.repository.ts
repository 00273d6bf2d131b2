import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

export type ThrottleKind = 'account' | 'pair';

/** The latest time any counter of this account, or of this (account, address) pair, holds the next guess back to. */
export async function blockedUntil(db: Executor, username: string, ip: string, now: Date): Promise<Date | null> {
  const r = await db
    .selectFrom('login_throttle')
    .select(sql<Date | null>`max(blocked_until)`.as('until'))
    .where('username', '=', username)
    .where((eb) => eb.or([eb('kind', '=', 'account'), eb.and([eb('kind', '=', 'pair'), eb('ip', '=', ip)])]))
    .where('blocked_until', '>', now)
    .executeTakeFirst();
  return r?.until ? new Date(r.until) : null;
}

/**
 * One more failure on a counter, atomically; a counter quiet since `restartBefore` starts again at 1. Answers the
 * count, from which the caller computes the delay.
 */
export async function countFailure(
  db: Executor,
  kind: ThrottleKind,
  username: string,
  ip: string,
  now: Date,
  restartBefore: Date,
): Promise<number> {
  const r = await db
    .insertInto('login_throttle')
    .values({ kind, username, ip, failures: 1, last_failure_at: now, blocked_until: now })
    .onConflict((oc) =>
      oc.columns(['kind', 'username', 'ip']).doUpdateSet({
        failures: sql<number>`case when login_throttle.last_failure_at < ${restartBefore} then 1 else login_throttle.failures + 1 end`,
        last_failure_at: now,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return r.failures;
}

/** Holds the counter's next guess back to `until`, never earlier than another failure already did. */
export async function holdUntil(db: Executor, kind: ThrottleKind, username: string, ip: string, until: Date) {
  await db
    .updateTable('login_throttle')
    .set({ blocked_until: sql<Date>`greatest(blocked_until, ${until})` })
    .where('kind', '=', kind)
    .where('username', '=', username)
    .where('ip', '=', ip)
    .execute();
}

/** A successful sign-in clears its own (account, address) pair only: the account-wide count stays. */
export async function clearPair(db: Executor, username: string, ip: string): Promise<void> {
  await db
    .deleteFrom('login_throttle')
    .where('kind', '=', 'pair')
    .where('username', '=', username)
    .where('ip', '=', ip)
    .execute();
}

/** An administrator's unlock: every counter of the account. Answers what was cleared, for the audit entry. */
export function clearAccount(db: Executor, username: string) {
  return db
    .deleteFrom('login_throttle')
    .where('username', '=', username)
    .returning(['kind', 'ip', 'failures', 'blocked_until'])
    .execute();
}

/** Counters with no failure since `before` are over; deleted in passing, about once an hour per process. */
export async function deleteQuietCounters(db: Executor, before: Date): Promise<void> {
  await db.deleteFrom('login_throttle').where('last_failure_at', '<', before).execute();
}

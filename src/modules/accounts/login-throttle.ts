import type { Db, Executor } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { LoginThrottlePolicy } from '../../lib/config.js';
import { tooManyAttempts } from '../../lib/errors.js';
import * as throttle from './login-throttle.repository.js';

/**
 * The delay a counter earns after `failures` wrong passwords: none for the first `free - 1`, then `baseMs` at the
 * `free`-th, doubling with each further failure up to `capMs`.
 */
export function delayAfter(failures: number, free: number, baseMs: number, capMs: number): number {
  if (failures < free) return 0;
  return Math.min(capMs, baseMs * 2 ** Math.min(failures - free, 40));
}

const PURGE_EVERY_MS = 3600_000;

/**
 * Progressive delays for password guesses (OWASP Authentication Cheat Sheet), shared by sign-in and by the current
 * password of a password change. Two counters per guess, both in the database so every process sees them:
 * - the (account, address) pair: what slows one attacker at one address; the owner at another address is not held;
 * - the account: a higher free count and a low cap, so guesses spread over many addresses are slowed, while the
 *   owner is at worst held for the cap (a minute by default), never locked out.
 * No counter covers an address across accounts: an office behind one NAT address must not be blocked by one
 * person's (or one attacker's) failures on another account.
 */
export class LoginThrottle {
  private lastPurge = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly policy: LoginThrottlePolicy,
  ) {}

  /** Throws 429 `too_many_attempts` (with Retry-After) while a counter of this account or pair holds guesses back. */
  async assertMayTry(username: string, ip: string): Promise<void> {
    const now = this.clock.now();
    const until = await throttle.blockedUntil(this.db, username, ip, now);
    if (until) throw tooManyAttempts(Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)));
  }

  /** Counts a wrong password in the caller's transaction (with its audit entry). */
  async recordFailure(trx: Executor, username: string, ip: string): Promise<void> {
    const now = this.clock.now();
    const p = this.policy;
    const restartBefore = new Date(now.getTime() - p.resetAfterMs);
    const counters = [
      { kind: 'pair' as const, ip, free: p.pairFreeFailures, cap: p.pairDelayCapMs },
      { kind: 'account' as const, ip: '', free: p.accountFreeFailures, cap: p.accountDelayCapMs },
    ];
    for (const c of counters) {
      const failures = await throttle.countFailure(trx, c.kind, username, c.ip, now, restartBefore);
      const delay = delayAfter(failures, c.free, p.delayBaseMs, c.cap);
      if (delay > 0) await throttle.holdUntil(trx, c.kind, username, c.ip, new Date(now.getTime() + delay));
    }
    if (now.getTime() - this.lastPurge > PURGE_EVERY_MS) {
      this.lastPurge = now.getTime();
      await throttle.deleteQuietCounters(trx, restartBefore);
    }
  }

  clearPair(trx: Executor, username: string, ip: string): Promise<void> {
    return throttle.clearPair(trx, username, ip);
  }

  clearAccount(trx: Executor, username: string) {
    return throttle.clearAccount(trx, username);
  }
}

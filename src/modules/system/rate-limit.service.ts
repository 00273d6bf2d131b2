import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { countRequest, deleteWindowsBefore } from './rate-limit.repository.js';

/**
 * Fixed-window request counters in the database, so a limit holds across every process behind the load balancer:
 * one upsert per limited request. Each process deletes ended windows once a window, in passing.
 */
export class RateLimitService {
  private purgedWindow = 0;
  private longestWindowMs = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Counts a request under `key` in the current window of `windowMs`; answers the count and the ms left. */
  async hit(key: string, windowMs: number): Promise<{ count: number; ttlMs: number }> {
    const now = this.clock.now().getTime();
    const start = Math.floor(now / windowMs) * windowMs;
    const count = await countRequest(this.db, key, new Date(start));
    this.longestWindowMs = Math.max(this.longestWindowMs, windowMs);
    if (start > this.purgedWindow) {
      this.purgedWindow = start;
      await deleteWindowsBefore(this.db, new Date(now - 2 * this.longestWindowMs));
    }
    return { count, ttlMs: start + windowMs - now };
  }
}

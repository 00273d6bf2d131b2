import type { Executor } from '../db/database.js';
import { readVersions, type Versions } from '../db/reference.repository.js';

export type { Versions };

/**
 * Reads the version counters once for every caller that asks while a read is in flight: they share the next read,
 * which starts after they asked, so none of them can miss a change committed before it asked. Under load this is one
 * read per round trip instead of one per request. Inside a transaction the read is the transaction's own.
 */
export class SharedVersions {
  private reading: Promise<Versions> | null = null;
  private nextReading: Promise<Versions> | null = null;

  get(q: Executor): Promise<Versions> {
    if (q.isTransaction) return readVersions(q);
    if (!this.reading) {
      this.reading = readVersions(q).finally(() => (this.reading = null));
      return this.reading;
    }
    this.nextReading ??= this.reading
      .catch(() => undefined)
      .then(() => {
        this.nextReading = null;
        return this.get(q);
      });
    return this.nextReading;
  }
}

import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

/** The version counters that per-process caches trust: the reference tables (migration 0015) and sign-in (0020). */
export interface Versions {
  reference: string;
  auth: string;
}

async function readVersions(q: Executor): Promise<Versions> {
  const r = await sql<Versions>`
    select (select version from reference_version)::text as reference, (select version from auth_version)::text as auth`.execute(
    q,
  );
  return r.rows[0] ?? { reference: '0', auth: '0' };
}

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

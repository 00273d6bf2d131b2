import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import * as repo from './rollup.repository.js';

/**
 * The roll-up job. It reads event_transition (append-only, one row per change of any event,
 * sweeper flags and merges included) by id, recomputes the facts of every event it finds there from
 * the raw rows, and adds new-minus-old to the roll-ups. Because facts are recomputed, reading a row
 * twice changes nothing; that is what makes the trailing window safe:
 *  - ids are handed out before commit, so a lower id can commit after a higher one was read. Rows
 *    younger than SETTLE_MS stay above `settled_id` and are read again on every run until they are
 *    older, so a transaction that commits within that window is never missed;
 *  - one process at a time: a transaction-scoped advisory lock, tried not awaited (another process
 *    that holds it is doing the same work);
 *  - after downtime the job walks the backlog in id batches; a backlog of more than REBUILD_OVER
 *    rows is cheaper to count again from scratch, set-based.
 */
export const SETTLE_MS = 60_000;
const BATCH_IDS = 50_000;
const REBUILD_OVER = 2_000_000;

export interface RollupDeps {
  db: Db;
  clock: Clock;
}

export interface RollupResult {
  /** Transition ids read in this run, the events recomputed, and whether it rebuilt everything. */
  transitions: number;
  events: number;
  rebuilt: boolean;
  registry: boolean;
  /** Null when another process holds the lock. */
  settledId: string | null;
  ms: number;
}

/** Transitions written after this instant are not settled yet. */
const settleFrom = (now: Date) => new Date(now.getTime() - SETTLE_MS);

export interface RollupOptions {
  /** Refresh the registry figures (population, special-group visits) when older than this; 0 = always. */
  registryEveryMs?: number;
  /** Count everything again from scratch. */
  rebuild?: boolean;
}

/** One run: catch up with the transition log, then the registry figures when they are due. */
export async function runRollup({ db, clock }: RollupDeps, opts: RollupOptions = {}): Promise<RollupResult> {
  const t0 = performance.now();
  const startedAt = clock.now();
  const out: RollupResult = { transitions: 0, events: 0, rebuilt: false, registry: false, settledId: null, ms: 0 };
  const state = await repo.readState(db);
  let lo = Number(state?.settled_id ?? 0);
  const top = await repo.maxId(db);
  // Roll-ups written before the all-categories rows (category '') existed are counted again once.
  const current = await repo.hasCurrentFormat(db);
  if (opts.rebuild || top - lo > REBUILD_OVER || !current) {
    const n = await db
      .transaction()
      .execute(async (trx) => ((await repo.tryLock(trx)) ? repo.rebuildIn(trx, settleFrom(startedAt)) : null));
    if (n === null) return { ...out, ms: performance.now() - t0 };
    out.rebuilt = true;
    out.events = n;
    out.transitions = top - lo;
    lo = top;
  } else {
    // Walk the backlog in id batches; `settled` only moves past rows that are all older than the window.
    let settledSoFar = true;
    for (let from = lo; from < top || from === lo; from += BATCH_IDS) {
      const to = Math.min(top, from + BATCH_IDS);
      const done = await db.transaction().execute(async (trx) => {
        if (!(await repo.tryLock(trx))) return null;
        const events = to > from ? await repo.applyRange(trx, from, to) : 0;
        const settled = await repo.settledUpTo(trx, from, to, settleFrom(startedAt));
        await repo.markSeen(trx, to);
        if (settledSoFar) await repo.markSettled(trx, settled);
        return { events, settled };
      });
      if (done === null) return { ...out, ms: performance.now() - t0 };
      out.events += done.events;
      out.transitions += to - from;
      settledSoFar &&= done.settled === to;
      if (to >= top) break;
    }
  }
  const due = opts.registryEveryMs ?? 0;
  const registryAt = state?.registry_at ? new Date(state.registry_at).getTime() : 0;
  await db.transaction().execute(async (trx) => {
    if (!(await repo.tryLock(trx))) return;
    if (due === 0 || startedAt.getTime() - registryAt >= due) {
      await repo.refreshRegistry(trx, startedAt);
      out.registry = true;
    }
    out.ms = Math.round(performance.now() - t0);
    await repo.markRan(trx, clock.now(), startedAt, out.ms);
  });
  out.settledId = await repo.settledId(db);
  return out;
}

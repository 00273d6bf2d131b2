import { sql } from 'kysely';
import type { Db, Executor } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { addDayDeltas, addMediationDeltas, addMonthDeltas, addOpenDeltas, FACT_COLUMNS, factsSelect, registrySnapshot } from './rollup-sql.js';

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
/** Marks roll-ups that carry the all-categories rows; without it the next run rebuilds. */
const FORMAT = 'format:all-categories';

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

async function tryLock(trx: Executor): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(hashtext('fq.rollup')) as ok`.execute(trx);
  return r.rows[0]?.ok === true;
}

async function maxId(db: Executor): Promise<number> {
  const r = await sql<{ id: string | null }>`select max(id)::text as id from event_transition`.execute(db);
  return Number(r.rows[0]?.id ?? 0);
}

/** The first id in (lo, hi] that is not yet settled, minus one; `hi` when all are settled. */
async function settledUpTo(trx: Executor, lo: number, hi: number, now: Date): Promise<number> {
  const r = await sql<{ id: string | null }>`select min(id)::text as id from event_transition where id > ${lo} and id <= ${hi} and at > ${new Date(now.getTime() - SETTLE_MS)}`.execute(trx);
  const first = r.rows[0]?.id;
  return first ? Number(first) - 1 : hi;
}

/** Recomputes the facts of the events touched by transitions in (lo, hi] and applies the differences. */
async function applyRange(trx: Executor, lo: number, hi: number): Promise<number> {
  await sql`create temp table stats_touched on commit drop as select distinct event_id from event_transition where id > ${lo} and id <= ${hi}`.execute(trx);
  await sql`create temp table stats_new_fact on commit drop as ${factsSelect('stats_touched')}`.execute(trx);
  const cols = sql.join(FACT_COLUMNS.map((c) => sql.ref(c)));
  const signed = sql`
    select ${cols}, 1 as sign from stats_new_fact
    union all
    select ${sql.join(FACT_COLUMNS.map((c) => sql.ref(`o.${c}`)))}, -1 from stats_event_fact o where o.event_id in (select event_id from stats_touched)`;
  await addDayDeltas(signed).execute(trx);
  await addMonthDeltas(signed).execute(trx);
  await addMediationDeltas(signed).execute(trx);
  await addOpenDeltas(signed).execute(trx);
  await sql`delete from stats_event_fact where event_id in (select event_id from stats_touched)`.execute(trx);
  await sql`insert into stats_event_fact (${cols}) select ${cols} from stats_new_fact`.execute(trx);
  const n = await sql<{ n: number }>`select count(*)::int as n from stats_touched`.execute(trx);
  // The temp tables go with the commit (on commit drop); the next batch makes its own.
  return n.rows[0]?.n ?? 0;
}

/** Counts everything again from the raw rows, in one transaction; readers see the old figures until it commits. */
async function rebuildIn(trx: Executor, now: Date): Promise<number> {
  // One GROUP BY over every event's contributions to five areas × two category rows: with the default
  // 4 MB the hash aggregates spill to disk in many batches. For this transaction only.
  await sql`set local work_mem = '256MB'`.execute(trx);
  await sql`delete from stats_event_fact`.execute(trx);
  await sql`delete from stats_day`.execute(trx);
  await sql`delete from stats_month`.execute(trx);
  await sql`delete from stats_mediation_day`.execute(trx);
  await sql`delete from stats_open`.execute(trx);
  const cols = sql.join(FACT_COLUMNS.map((c) => sql.ref(c)));
  await sql`insert into stats_event_fact (${cols}) ${factsSelect(null)}`.execute(trx);
  const signed = sql`select ${cols}, 1 as sign from stats_event_fact`;
  await addDayDeltas(signed).execute(trx);
  await addMonthDeltas(signed).execute(trx);
  await addMediationDeltas(signed).execute(trx);
  await addOpenDeltas(signed).execute(trx);
  const hi = await maxId(trx);
  const settled = await settledUpTo(trx, 0, hi, now);
  await sql`update stats_rollup_state set settled_id = ${settled}, seen_id = ${hi} where name = 'events'`.execute(trx);
  await sql`insert into stats_rollup_state (name) values (${FORMAT}) on conflict (name) do nothing`.execute(trx);
  const n = await sql<{ n: number }>`select count(*)::int as n from stats_event_fact`.execute(trx);
  return n.rows[0]?.n ?? 0;
}

async function refreshRegistry(trx: Executor, now: Date) {
  await sql`delete from stats_area_registry`.execute(trx);
  await registrySnapshot(now).execute(trx);
  await sql`update stats_rollup_state set registry_at = ${now} where name = 'events'`.execute(trx);
}

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
  const state = await sql<{ settled_id: string; registry_at: Date | null }>`select settled_id::text as settled_id, registry_at from stats_rollup_state where name = 'events'`.execute(db);
  let lo = Number(state.rows[0]?.settled_id ?? 0);
  const top = await maxId(db);
  // Roll-ups written before the all-categories rows (category '') existed are counted again once.
  const format = await sql<{ ok: number }>`select 1 as ok from stats_rollup_state where name = ${FORMAT}`.execute(db);
  if (opts.rebuild || top - lo > REBUILD_OVER || format.rows.length === 0) {
    const n = await db.transaction().execute(async (trx) => ((await tryLock(trx)) ? rebuildIn(trx, startedAt) : null));
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
        if (!(await tryLock(trx))) return null;
        const events = to > from ? await applyRange(trx, from, to) : 0;
        const settled = await settledUpTo(trx, from, to, startedAt);
        await sql`update stats_rollup_state set seen_id = greatest(seen_id, ${to}) where name = 'events'`.execute(trx);
        if (settledSoFar) await sql`update stats_rollup_state set settled_id = ${settled} where name = 'events'`.execute(trx);
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
  const registryAt = state.rows[0]?.registry_at ? new Date(state.rows[0].registry_at).getTime() : 0;
  await db.transaction().execute(async (trx) => {
    if (!(await tryLock(trx))) return;
    if (due === 0 || startedAt.getTime() - registryAt >= due) {
      await refreshRegistry(trx, startedAt);
      out.registry = true;
    }
    out.ms = Math.round(performance.now() - t0);
    await sql`update stats_rollup_state set ran_at = ${clock.now()}, covered_at = ${startedAt}, last_ms = ${out.ms} where name = 'events'`.execute(trx);
  });
  const s = await sql<{ settled_id: string }>`select settled_id::text as settled_id from stats_rollup_state where name = 'events'`.execute(db);
  out.settledId = s.rows[0]?.settled_id ?? null;
  return out;
}

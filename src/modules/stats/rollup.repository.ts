import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import {
  addDayDeltas,
  addMediationDeltas,
  addMonthDeltas,
  addOpenDeltas,
  FACT_COLUMNS,
  factsSelect,
  registrySnapshot,
} from './rollup-sql.js';

/**
 * The roll-up job's statements (the job and its rules: rollup.ts; the SQL pieces: rollup-sql.ts).
 * Each function runs in the transaction the job passes in; the statements and their order are the
 * benchmarked ones (BENCHMARKS.md), so change them only with a new measurement.
 */

/** Marks roll-ups that carry the all-categories rows; without it the next run rebuilds. */
const FORMAT = 'format:all-categories';

export async function tryLock(trx: Executor): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(hashtext('fq.rollup')) as ok`.execute(trx);
  return r.rows[0]?.ok === true;
}

export async function maxId(db: Executor): Promise<number> {
  const r = await sql<{ id: string | null }>`select max(id)::text as id from event_transition`.execute(db);
  return Number(r.rows[0]?.id ?? 0);
}

/** The first id in (lo, hi] written after `settleFrom` (not yet settled), minus one; `hi` when all are settled. */
export async function settledUpTo(trx: Executor, lo: number, hi: number, settleFrom: Date): Promise<number> {
  const r = await sql<{
    id: string | null;
  }>`select min(id)::text as id from event_transition where id > ${lo} and id <= ${hi} and at > ${settleFrom}`.execute(
    trx,
  );
  const first = r.rows[0]?.id;
  return first ? Number(first) - 1 : hi;
}

/** Recomputes the facts of the events touched by transitions in (lo, hi] and applies the differences. */
export async function applyRange(trx: Executor, lo: number, hi: number): Promise<number> {
  await sql`create temp table stats_touched on commit drop as select distinct event_id from event_transition where id > ${lo} and id <= ${hi}`.execute(
    trx,
  );
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

/**
 * Counts everything again from the raw rows, in one transaction; readers see the old figures until it commits.
 * `settleFrom`: transitions written after it stay above settled_id.
 */
export async function rebuildIn(trx: Executor, settleFrom: Date): Promise<number> {
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
  const settled = await settledUpTo(trx, 0, hi, settleFrom);
  await sql`update stats_rollup_state set settled_id = ${settled}, seen_id = ${hi} where name = 'events'`.execute(trx);
  await sql`insert into stats_rollup_state (name) values (${FORMAT}) on conflict (name) do nothing`.execute(trx);
  const n = await sql<{ n: number }>`select count(*)::int as n from stats_event_fact`.execute(trx);
  return n.rows[0]?.n ?? 0;
}

export async function refreshRegistry(trx: Executor, now: Date) {
  await sql`delete from stats_area_registry`.execute(trx);
  await registrySnapshot(now).execute(trx);
  await sql`update stats_rollup_state set registry_at = ${now} where name = 'events'`.execute(trx);
}

export async function readState(db: Executor) {
  const state = await sql<{
    settled_id: string;
    registry_at: Date | null;
  }>`select settled_id::text as settled_id, registry_at from stats_rollup_state where name = 'events'`.execute(db);
  return state.rows[0];
}

/** Whether the roll-ups carry the all-categories rows (category ''); written before they existed, they are counted again once. */
export async function hasCurrentFormat(db: Executor): Promise<boolean> {
  const format = await sql<{ ok: number }>`select 1 as ok from stats_rollup_state where name = ${FORMAT}`.execute(db);
  return format.rows.length > 0;
}

export async function markSeen(trx: Executor, to: number) {
  await sql`update stats_rollup_state set seen_id = greatest(seen_id, ${to}) where name = 'events'`.execute(trx);
}

export async function markSettled(trx: Executor, settled: number) {
  await sql`update stats_rollup_state set settled_id = ${settled} where name = 'events'`.execute(trx);
}

export async function markRan(trx: Executor, ranAt: Date, coveredAt: Date, ms: number) {
  await sql`update stats_rollup_state set ran_at = ${ranAt}, covered_at = ${coveredAt}, last_ms = ${ms} where name = 'events'`.execute(
    trx,
  );
}

export async function settledId(db: Executor): Promise<string | null> {
  const s = await sql<{
    settled_id: string;
  }>`select settled_id::text as settled_id from stats_rollup_state where name = 'events'`.execute(db);
  return s.rows[0]?.settled_id ?? null;
}

import { type RawBuilder, sql } from 'kysely';
import { FINISHED_STATUSES, OPEN_STATUSES, RESULT_STATUSES, RUNNING_STATUSES } from './event-state-machine.js';

/**
 * The status sets of event-state-machine.ts as SQL lists of literals, for `status in (...)` in raw SQL. Literals, not
 * parameters: the partial indexes name these lists, and the planner matches an index only on constants.
 */
function literals(statuses: readonly string[]): RawBuilder<unknown> {
  return sql.join(statuses.map((s) => sql.lit(s)));
}

/** `'rejected', 'closed', 'rated'` */
export const finishedStatusesSql = literals(FINISHED_STATUSES);
/** The open statuses, suspended included. */
export const openStatusesSql = literals(OPEN_STATUSES);
/** `'reported', 'accepted', 'dispatched', 'handling', 'feedback', 'verified'`: open and not suspended. */
export const runningStatusesSql = literals(RUNNING_STATUSES);
/** `'closed', 'rated'` */
export const resultStatusesSql = literals(RESULT_STATUSES);

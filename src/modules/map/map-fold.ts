import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

/**
 * Folds the event writes appended to map_event_delta into the map's cells (migration 0013), in its
 * own transaction. Returns the deltas folded, or -1 when another process is folding right now.
 * The roll-up job calls it, so the map's clusters lag the events by at most one roll-up interval.
 */
export async function foldMapCells(db: Executor): Promise<number> {
  const r = await sql<{ n: number }>`select map_cell_fold() as n`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

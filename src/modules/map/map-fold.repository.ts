import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

/**
 * Folds the event writes appended to map_event_delta into the map's cells (migration 0013), in its
 * own transaction (map_cell_fold() in SQL). Returns the deltas folded, or -1 when another process
 * is folding right now.
 */
export async function foldMapCells(db: Executor): Promise<number> {
  const r = await sql<{ n: number }>`select map_cell_fold() as n`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

import type { Executor } from '../../db/database.js';
import * as repo from './map-fold.repository.js';

/**
 * The map-fold job: folds the event writes appended to map_event_delta into the map's cells.
 * Returns the deltas folded, or -1 when another process is folding right now. The roll-up job
 * calls it, so the map's clusters lag the events by at most one roll-up interval.
 */
export async function foldMapCells(db: Executor): Promise<number> {
  return repo.foldMapCells(db);
}

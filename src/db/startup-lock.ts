import type { Database } from './database.js';

/** The advisory lock key of start-up (migrate, backfills, demo seed); migrate() takes its own, 7452001, inside it. */
export const STARTUP_LOCK = 7452002;

/**
 * Runs a process's start-up work while no other process runs its own: two processes starting on one empty
 * PostgreSQL database would otherwise both find it empty and both seed it (the second failing on a duplicate key).
 * The lock is a session-level advisory lock on a connection of its own; it is released when the work ends or fails,
 * and by the server if the process dies. PGlite serves one process, so there is nothing to serialise.
 */
export async function underStartupLock<T>(database: Database, work: () => Promise<T>): Promise<T> {
  if (!database.sessionLock) return work();
  const release = await database.sessionLock(STARTUP_LOCK);
  try {
    return await work();
  } finally {
    await release();
  }
}

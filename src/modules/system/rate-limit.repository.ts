import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

/** One more request in a key's window, atomically across processes; answers the window's count so far. */
export async function countRequest(db: Executor, key: string, windowStart: Date): Promise<number> {
  const r = await db
    .insertInto('rate_limit_counter')
    .values({ key, window_start: windowStart, count: 1 })
    .onConflict((oc) =>
      oc.columns(['key', 'window_start']).doUpdateSet({ count: sql<number>`rate_limit_counter.count + 1` }),
    )
    .returning('count')
    .executeTakeFirstOrThrow();
  return r.count;
}

/** Windows that ended before `before` count for nothing any more. */
export async function deleteWindowsBefore(db: Executor, before: Date): Promise<void> {
  await db.deleteFrom('rate_limit_counter').where('window_start', '<', before).execute();
}

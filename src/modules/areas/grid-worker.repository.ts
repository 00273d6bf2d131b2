import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { inScope, type Scope } from '../../db/scope.js';

export function findGridWorker(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom('grid_worker')
    .selectAll()
    .where('id', '=', id)
    .where(inScope(scope, 'home_code'))
    .executeTakeFirst();
}

/** Workers whose active assignments fall inside `areaPrefix`, with the grids they cover there. */
export function listGridWorkersIn(db: Executor, scope: Scope, areaPrefix: string, limit: number, offset: number) {
  return db
    .selectFrom('grid_assignment as ga')
    .innerJoin('grid_worker as w', 'w.id', 'ga.grid_worker_id')
    .select(['w.id', 'w.name', 'w.phone_enc', 'w.home_code', 'w.status', 'w.user_id'])
    .select(sql<string[]>`array_agg(ga.grid_code order by ga.grid_code)`.as('grid_codes'))
    .where('ga.ended_at', 'is', null)
    .where('ga.grid_code', 'like', `${areaPrefix}%`)
    .where(inScope(scope, 'ga.grid_code'))
    .groupBy(['w.id', 'w.name', 'w.phone_enc', 'w.home_code', 'w.status', 'w.user_id'])
    .orderBy('w.name')
    .orderBy('w.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

export function activeAssignment(db: Executor, gridCode: string, workerId: string) {
  return db
    .selectFrom('grid_assignment')
    .selectAll()
    .where('grid_code', '=', gridCode)
    .where('grid_worker_id', '=', workerId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
}

export function insertAssignment(
  db: Executor,
  a: { county_code: string; grid_code: string; grid_worker_id: string },
  now: Date,
) {
  return db
    .insertInto('grid_assignment')
    .values({ ...a, started_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function endAssignment(db: Executor, id: string, now: Date) {
  return db
    .updateTable('grid_assignment')
    .set({ ended_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Ends every open assignment to a grid (the grid is being retired); returns the workers released. */
export function endGridAssignments(db: Executor, gridCode: string, now: Date) {
  return db
    .updateTable('grid_assignment')
    .set({ ended_at: now })
    .where('grid_code', '=', gridCode)
    .where('ended_at', 'is', null)
    .returning('grid_worker_id')
    .execute();
}

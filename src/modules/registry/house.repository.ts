import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { HouseRow, HouseTable } from '../../db/schema.js';
import { inScope, type Scope } from '../../db/scope.js';
import { containsText } from '../../db/text-search.js';

export function findHouse(db: Executor, scope: Scope, id: string): Promise<HouseRow | undefined> {
  return db.selectFrom('house').selectAll().where('id', '=', id).where(inScope(scope, 'grid_code')).executeTakeFirst();
}

/** Where a house is: what a household or a person placed in it inherits. */
export function findHousePlace(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom('house')
    .select(['grid_code', 'address'])
    .where('id', '=', id)
    .where(inScope(scope, 'grid_code'))
    .executeTakeFirst();
}

export function insertHouse(db: Executor, values: Insertable<HouseTable>): Promise<HouseRow> {
  return db.insertInto('house').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateHouse(db: Executor, id: string, set: Updateable<HouseTable>): Promise<HouseRow> {
  return db.updateTable('house').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function listHouses(
  db: Executor,
  scope: Scope,
  gridPrefix: string,
  opts: { q?: string; limit: number; offset: number },
) {
  let q = db
    .selectFrom('house')
    .selectAll()
    .where(inScope(scope, 'grid_code'))
    .where('grid_code', 'like', `${gridPrefix}%`);
  if (opts.q) q = q.where(containsText(sql.ref('address'), opts.q));
  return q.orderBy('address').orderBy('id').limit(opts.limit).offset(opts.offset).execute();
}

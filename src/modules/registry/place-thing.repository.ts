import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { PlaceTable, ThingTable } from '../../db/schema.js';
import { inScope, type Scope } from '../../db/scope.js';

export async function unitInScope(db: Executor, scope: Scope, unitId: string): Promise<boolean> {
  return (
    (await db
      .selectFrom('unit')
      .select('id')
      .where('id', '=', unitId)
      .where(inScope(scope, 'area_code'))
      .executeTakeFirst()) !== undefined
  );
}

export function insertPlace(db: Executor, values: Insertable<PlaceTable>) {
  return db.insertInto('place').values(values).returningAll().executeTakeFirstOrThrow();
}

export function findPlace(db: Executor, scope: Scope, id: string) {
  return db.selectFrom('place').selectAll().where('id', '=', id).where(inScope(scope, 'grid_code')).executeTakeFirst();
}

export function updatePlace(db: Executor, id: string, set: Updateable<PlaceTable>) {
  return db.updateTable('place').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function listPlaces(db: Executor, scope: Scope, gridPrefix: string, opts: { kind?: string; limit: number }) {
  let q = db
    .selectFrom('place')
    .selectAll()
    .where(inScope(scope, 'grid_code'))
    .where('grid_code', 'like', `${gridPrefix}%`);
  if (opts.kind) q = q.where('kind', '=', opts.kind);
  return q.orderBy('name').limit(opts.limit).execute();
}

export function insertThing(db: Executor, values: Insertable<ThingTable>) {
  return db.insertInto('thing').values(values).returningAll().executeTakeFirstOrThrow();
}

export function findThing(db: Executor, scope: Scope, id: string) {
  return db.selectFrom('thing').selectAll().where('id', '=', id).where(inScope(scope, 'grid_code')).executeTakeFirst();
}

export function updateThing(db: Executor, id: string, set: Updateable<ThingTable>) {
  return db.updateTable('thing').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function listThings(
  db: Executor,
  scope: Scope,
  gridPrefix: string,
  opts: { kind?: ThingTable['kind']; status?: string; limit: number },
) {
  let q = db
    .selectFrom('thing')
    .selectAll()
    .where(inScope(scope, 'grid_code'))
    .where('grid_code', 'like', `${gridPrefix}%`);
  if (opts.kind) q = q.where('kind', '=', opts.kind);
  if (opts.status) q = q.where('status', '=', opts.status);
  return q.orderBy('name').limit(opts.limit).execute();
}

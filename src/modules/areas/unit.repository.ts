import type { Executor } from '../../db/database.js';
import type { UnitKind } from '../../db/schema.js';
import { inScope, type Scope } from '../../db/scope.js';

export interface UnitFilter {
  /** Units whose area code starts with this code. */
  areaCode?: string;
  /** Unchecked text from the query string: an unknown kind matches nothing. */
  kind?: string;
  limit: number;
}

export function listUnits(db: Executor, scope: Scope, filter: UnitFilter) {
  let q = db
    .selectFrom('unit')
    .select(['id', 'code', 'name', 'kind', 'area_code', 'status'])
    .where(inScope(scope, 'area_code'));
  if (filter.areaCode) q = q.where('area_code', 'like', `${filter.areaCode}%`);
  if (filter.kind) q = q.where('kind', '=', filter.kind as UnitKind);
  return q.orderBy('code').limit(filter.limit).execute();
}

/** Unscoped: the caller decides what a unit outside its scope means. */
export function findUnitArea(db: Executor, id: string) {
  return db.selectFrom('unit').select('area_code').where('id', '=', id).executeTakeFirst();
}

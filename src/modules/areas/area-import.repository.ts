import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { inScope, type Scope } from '../../db/scope.js';
import type { Bbox } from '../../kernel/geometry.js';
import { toPgBox } from '../../kernel/geometry.js';

const storedColumns = ['code', 'name', 'level', 'parent_code', 'status', 'boundary', 'county_code', 'bbox'] as const;

/**
 * The stored areas an import names, in the scope, and `extra` whoever holds it: the parent of the actor's own root,
 * which a file may name as the root's parent (the actor knows it: it is their own area's parent).
 */
export function listAreasByCode(db: Executor, scope: Scope, codes: readonly string[], extra: string | null) {
  return db
    .selectFrom('area')
    .select(storedColumns)
    .where((eb) =>
      eb.or([
        eb.and([eb(sql`code`, '=', sql`any(${[...codes]}::text[])`), inScope(scope, 'code')]),
        eb('code', '=', extra ?? ''),
      ]),
    )
    .execute();
}

/** The active children of these parents (the siblings an imported boundary must not overlap). */
export function listActiveChildrenOf(db: Executor, scope: Scope, parents: readonly string[]) {
  return db
    .selectFrom('area')
    .select(storedColumns)
    .where(sql<boolean>`parent_code = any(${[...parents]}::text[])`)
    .where('status', '=', 'active')
    .where(inScope(scope, 'code'))
    .execute();
}

/** The active grids of a county whose box meets `box`, with their boundaries: the grids a point there may fall in. */
export function listGridShapesInBox(db: Executor, countyCode: string, box: Bbox) {
  return db
    .selectFrom('area')
    .select(['code', 'boundary'])
    .where('county_code', '=', countyCode)
    .where('level', '=', 'grid')
    .where('status', '=', 'active')
    .where(sql<boolean>`bbox && ${toPgBox(box)}::box`)
    .execute();
}

/** The areas of a subtree down to `maxLength`-digit codes, a page at a time by code (the export streams them). */
export function exportPage(
  db: Executor,
  scope: Scope,
  prefix: string,
  maxLength: number,
  after: string,
  limit: number,
) {
  return db
    .selectFrom('area')
    .select(['code', 'name', 'level', 'parent_code', 'boundary'])
    .where(inScope(scope, 'code'))
    .where('code', 'like', `${prefix}%`)
    .where(sql<boolean>`length(code) <= ${maxLength}`)
    .where('status', '=', 'active')
    .where('code', '>', after)
    .orderBy('code')
    .limit(limit)
    .execute();
}

import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { inScope, type Scope } from '../../db/scope.js';
import { containsText, nameAndAddress } from '../../db/text-search.js';

/**
 * The non-person branches of the search box. Each is cut to the caller's scope and to the area
 * asked for, and uses a trigram (or, for a credit code, a unique) index.
 */
export function searchHouseholdAddresses(db: Executor, scope: Scope, prefix: string, q: string, limit: number) {
  return db
    .selectFrom('household')
    .select(['id', 'number', 'address', 'grid_code'])
    .where(inScope(scope, 'grid_code'))
    .where('grid_code', 'like', `${prefix}%`)
    .where(containsText(sql.ref('address'), q))
    .limit(limit)
    .execute();
}

export function searchHouseAddresses(db: Executor, scope: Scope, prefix: string, q: string, limit: number) {
  return db
    .selectFrom('house')
    .select(['id', 'address', 'use', 'grid_code'])
    .where(inScope(scope, 'grid_code'))
    .where('grid_code', 'like', `${prefix}%`)
    .where(containsText(sql.ref('address'), q))
    .limit(limit)
    .execute();
}

export function searchPlaces(db: Executor, scope: Scope, prefix: string, q: string, limit: number) {
  return db
    .selectFrom('place')
    .select(['id', 'name', 'address', 'grid_code'])
    .where(inScope(scope, 'grid_code'))
    .where('grid_code', 'like', `${prefix}%`)
    .where(containsText(nameAndAddress(), q))
    .limit(limit)
    .execute();
}

/** An 18-character query is taken as a credit code; anything else as a name or address fragment. */
export function searchOrganizations(db: Executor, scope: Scope, prefix: string, q: string, limit: number) {
  return db
    .selectFrom('organization')
    .select(['id', 'name', 'address', 'credit_code', 'grid_code'])
    .where(inScope(scope, 'grid_code'))
    .where('grid_code', 'like', `${prefix}%`)
    .where((eb) => (q.length === 18 ? eb('credit_code', '=', q.toUpperCase()) : containsText(nameAndAddress(), q)))
    .limit(limit)
    .execute();
}

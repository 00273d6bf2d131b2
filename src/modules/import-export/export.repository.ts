import type { Executor } from '../../db/database.js';
import { inScope, type Scope } from '../../db/scope.js';

/**
 * Keyset pages for the streaming export: the rows after `after` (by id) under `prefix`, within the
 * scope. The service asks for one page at a time, so memory stays flat whatever the table size.
 */
export function peoplePage(db: Executor, scope: Scope, prefix: string, after: string, limit: number) {
  return db
    .selectFrom('person as p')
    .leftJoin('household as h', 'h.id', 'p.household_id')
    .select([
      'p.id',
      'p.name',
      'p.id_number_enc',
      'p.sex',
      'p.birth_date',
      'p.ethnicity',
      'p.phone_enc',
      'p.registration_type',
      'p.grid_code',
      'h.number as household_number',
      'p.relation_to_head',
      'p.status',
    ])
    .where(inScope(scope, 'p.grid_code'))
    .where('p.grid_code', 'like', `${prefix}%`)
    .where('p.id', '>', after)
    .orderBy('p.id')
    .limit(limit)
    .execute();
}

export function housesPage(db: Executor, scope: Scope, prefix: string, after: string, limit: number) {
  return db
    .selectFrom('house')
    .select(['id', 'address', 'grid_code', 'lng', 'lat', 'use', 'rental_status', 'floors', 'owner_name', 'status'])
    .where(inScope(scope, 'grid_code'))
    .where('grid_code', 'like', `${prefix}%`)
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export function organizationsPage(db: Executor, scope: Scope, prefix: string, after: string, limit: number) {
  return db
    .selectFrom('organization')
    .select([
      'id',
      'name',
      'kind',
      'credit_code',
      'address',
      'grid_code',
      'contact_name',
      'contact_phone_enc',
      'employee_count',
      'status',
    ])
    .where(inScope(scope, 'grid_code'))
    .where('grid_code', 'like', `${prefix}%`)
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
}

import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { inScope, type Scope } from '../../db/scope.js';

/**
 * The reads of an import's check step. Each takes one chunk of keys (the service cuts the file
 * into chunks), so a statement's size stays bounded whatever the file's.
 */

/** Imports of one element queue behind each other, so "already registered?" stays true until the write. */
export async function lockImportsOf(db: Executor, key: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(${key}::bigint)`.execute(db);
}

/** Those of the codes that are active grids inside the scope. */
export function activeGridCodes(db: Executor, scope: Scope, codes: string[]) {
  return db
    .selectFrom('area')
    .select('code')
    .where('code', 'in', codes)
    .where('level', '=', 'grid')
    .where('status', '=', 'active')
    .where(inScope(scope, 'code'))
    .execute();
}

/** Unscoped on purpose: a household number is unique within its county, whoever holds it. */
export function findHouseholdsByNumber(db: Executor, keys: Array<{ countyCode: string; number: string }>) {
  return db
    .selectFrom('household as h')
    .leftJoin('person as head', 'head.id', 'h.head_person_id')
    .select(['h.id', 'h.county_code', 'h.number', 'h.grid_code', 'head.id_number_hash as head_hash'])
    .where((eb) =>
      eb(
        eb.refTuple('h.county_code', 'h.number'),
        'in',
        keys.map((h) => eb.tuple(h.countyCode, h.number)),
      ),
    )
    .execute();
}

export function registeredIdHashes(db: Executor, hashes: string[]) {
  return db.selectFrom('person').select('id_number_hash').where('id_number_hash', 'in', hashes).execute();
}

export function registeredHouses(db: Executor, keys: Array<[gridCode: string, address: string]>) {
  return db
    .selectFrom('house')
    .select(['grid_code', 'address'])
    .where((eb) =>
      eb(
        eb.refTuple('grid_code', 'address'),
        'in',
        keys.map(([g, a]) => eb.tuple(g, a)),
      ),
    )
    .execute();
}

/** Unscoped on purpose: a credit code registered outside the caller's scope is a problem to report. */
export function organizationsByCreditCode(db: Executor, codes: string[]) {
  return db.selectFrom('organization').select(['credit_code', 'grid_code']).where('credit_code', 'in', codes).execute();
}

export function registeredUncodedOrganizations(
  db: Executor,
  keys: Array<[gridCode: string, name: string, address: string]>,
) {
  return db
    .selectFrom('organization')
    .select(['grid_code', 'name', 'address'])
    .where('credit_code', 'is', null)
    .where((eb) =>
      eb(
        eb.refTuple('grid_code', 'name', 'address'),
        'in',
        keys.map(([g, n, a]) => eb.tuple(g, n, a)),
      ),
    )
    .execute();
}

export function registeredLocated(
  db: Executor,
  table: 'place' | 'thing',
  keys: Array<[name: string, lng: number, lat: number]>,
) {
  return db
    .selectFrom(table)
    .select(['name', 'lng', 'lat'])
    .where((eb) =>
      eb(
        eb.refTuple('name', 'lng', 'lat'),
        'in',
        keys.map(([n, x, y]) => eb.tuple(n, x, y)),
      ),
    )
    .execute();
}

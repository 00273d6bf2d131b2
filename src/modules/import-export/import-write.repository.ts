import type { Insertable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type {
  ElementVersionTable,
  HouseholdTable,
  HouseTable,
  OrganizationTable,
  PlaceTable,
  ThingTable,
} from '../../db/schema.js';

/** The writes of an import, one chunk of rows per call (the service keeps the chunk size). */

export async function insertVersions(db: Executor, rows: Insertable<ElementVersionTable>[]): Promise<void> {
  await db.insertInto('element_version').values(rows).execute();
}

export function insertHouseholds(db: Executor, rows: Insertable<HouseholdTable>[]) {
  return db
    .insertInto('household')
    .values(rows)
    .returning(['id', 'county_code', 'grid_code', 'number', 'address'])
    .execute();
}

export function insertHouses(db: Executor, rows: Insertable<HouseTable>[]) {
  return db.insertInto('house').values(rows).returningAll().execute();
}

/** A credit code taken meanwhile is skipped, not an error: the caller counts it as already there. */
export function insertOrganizations(db: Executor, rows: Insertable<OrganizationTable>[]) {
  return db
    .insertInto('organization')
    .values(rows)
    .onConflict((oc) => oc.column('credit_code').doNothing())
    .returningAll()
    .execute();
}

export function insertPlaces(db: Executor, rows: Insertable<PlaceTable>[]) {
  return db.insertInto('place').values(rows).returningAll().execute();
}

export function insertThings(db: Executor, rows: Insertable<ThingTable>[]) {
  return db.insertInto('thing').values(rows).returningAll().execute();
}

import { type Insertable, sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { HouseholdRow, HouseholdTable } from '../../db/schema.js';
import { inScope, type Scope } from '../../db/scope.js';
import { containsText } from '../../db/text-search.js';

export function findHousehold(db: Executor, scope: Scope, id: string): Promise<HouseholdRow | undefined> {
  return db
    .selectFrom('household')
    .selectAll()
    .where('id', '=', id)
    .where(inScope(scope, 'grid_code'))
    .executeTakeFirst();
}

export function findHouseholdGrid(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom('household')
    .select('grid_code')
    .where('id', '=', id)
    .where(inScope(scope, 'grid_code'))
    .executeTakeFirst();
}

/** Unscoped on purpose: a household number is unique within its county, whoever holds the record. */
export async function householdNumberTaken(db: Executor, countyCode: string, number: string): Promise<boolean> {
  const r = await db
    .selectFrom('household')
    .select('id')
    .where('county_code', '=', countyCode)
    .where('number', '=', number)
    .executeTakeFirst();
  return r !== undefined;
}

export function insertHousehold(db: Executor, values: Insertable<HouseholdTable>): Promise<HouseholdRow> {
  return db.insertInto('household').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function setHouseholdHead(db: Executor, householdId: string, personId: string): Promise<void> {
  await db.updateTable('household').set({ head_person_id: personId }).where('id', '=', householdId).execute();
}

export function listHouseholdsOfHouse(db: Executor, scope: Scope, houseId: string) {
  return db
    .selectFrom('household')
    .select(['id', 'number', 'address', 'status'])
    .where('house_id', '=', houseId)
    .where(inScope(scope, 'grid_code'))
    .execute();
}

/** Households by address fragment, number or head's name, for the grid worker's "find a household" step. */
export function searchHouseholds(db: Executor, scope: Scope, q: string, gridPrefix: string | undefined, limit: number) {
  let query = db
    .selectFrom('household as h')
    .leftJoin('person as p', 'p.id', 'h.head_person_id')
    .select(['h.id', 'h.number', 'h.address', 'h.grid_code', 'h.status', 'p.name as head_name'])
    .select((eb) =>
      eb
        .selectFrom('person as m')
        .whereRef('m.household_id', '=', 'h.id')
        .where('m.status', '=', 'present')
        .select((e) => e.fn.countAll<string>().as('n'))
        .as('member_count'),
    )
    .where(inScope(scope, 'h.grid_code'))
    .where((eb) =>
      eb.or([containsText(sql.ref('h.address'), q), eb('h.number', '=', q), containsText(sql.ref('p.name'), q)]),
    );
  if (gridPrefix) query = query.where('h.grid_code', 'like', `${gridPrefix}%`);
  return query.orderBy('h.address').limit(limit).execute();
}

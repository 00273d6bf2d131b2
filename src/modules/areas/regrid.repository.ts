import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { Bbox } from '../../kernel/geometry.js';

/** The registry tables whose rows carry their own coordinates and so are placed in a grid by them. */
export type LocatedTable = 'house' | 'place' | 'thing' | 'organization';

/** The located rows of a county whose point lies in the box (a redrawn grid's old and new extent). */
export function listLocatedInBox(db: Executor, table: LocatedTable, countyCode: string, box: Bbox) {
  return db
    .selectFrom(table)
    .select(['id', 'grid_code', 'lng', 'lat', 'version'])
    .where('county_code', '=', countyCode)
    .where(sql<boolean>`lng between ${box.minLng} and ${box.maxLng} and lat between ${box.minLat} and ${box.maxLat}`)
    .execute();
}

export async function moveLocatedToGrid(
  db: Executor,
  table: LocatedTable,
  id: string,
  gridCode: string,
  version: number,
): Promise<void> {
  await db.updateTable(table).set({ grid_code: gridCode, version }).where('id', '=', id).execute();
}

export async function moveHouseholdsOfHouse(db: Executor, houseId: string, gridCode: string): Promise<void> {
  await db.updateTable('household').set({ grid_code: gridCode }).where('house_id', '=', houseId).execute();
}

/** People living in the house or in one of its households; returns who moved. */
export function movePeopleOfHouse(db: Executor, houseId: string, gridCode: string) {
  return db
    .updateTable('person')
    .set({ grid_code: gridCode })
    .where((eb) =>
      eb.or([
        eb('house_id', '=', houseId),
        eb('household_id', 'in', eb.selectFrom('household').select('id').where('house_id', '=', houseId)),
      ]),
    )
    .returning('id')
    .execute();
}

export async function moveActivePersonTags(db: Executor, personIds: string[], gridCode: string): Promise<void> {
  await db
    .updateTable('person_tag')
    .set({ grid_code: gridCode })
    .where('person_id', 'in', personIds)
    .where('active', '=', true)
    .execute();
}

import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { Bbox } from '../../kernel/geometry.js';
import { openStatusesSql } from '../events/event-status-sql.js';

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

/** The open events of a county whose point lies in the box (a redrawn grid's old and new extent). */
export function listOpenEventsInBox(db: Executor, countyCode: string, box: Bbox) {
  return db
    .selectFrom('event')
    .select(['id', 'grid_code', 'lng', 'lat', 'status'])
    .where('county_code', '=', countyCode)
    .where(sql<boolean>`status in (${openStatusesSql})`)
    .where(sql<boolean>`lng between ${box.minLng} and ${box.maxLng} and lat between ${box.minLat} and ${box.maxLat}`)
    .execute();
}

/**
 * Moves an open event to another grid and writes the move into its timeline (status unchanged), as the sweeper's
 * flags do: the timeline is the event's history.
 */
export async function moveEventToGrid(
  db: Executor,
  e: { id: string; countyCode: string; status: string; from: string; to: string },
  actor: { id: string | null; name: string },
  now: Date,
): Promise<void> {
  await db
    .updateTable('event')
    .set({ grid_code: e.to, updated_at: now, version: sql`version + 1` })
    .where('id', '=', e.id)
    .execute();
  await db
    .insertInto('event_transition')
    .values({
      county_code: e.countyCode,
      event_id: e.id,
      at: now,
      actor_id: actor.id,
      actor_name: actor.name,
      action: 'regrid',
      from_status: e.status,
      to_status: e.status,
      note: `区划导入调整网格边界:${e.from} → ${e.to}`,
      public_note: null,
      unit_id: null,
    })
    .execute();
}

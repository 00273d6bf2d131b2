import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { scopeOf } from '../../db/scope.js';
import type { Bbox } from '../../kernel/geometry.js';
import { locateArea } from './area.repository.js';
import type { Actor } from '../../lib/context.js';
import type { ElementHistory } from '../registry/element-history.js';

type LocatedTable = 'house' | 'place' | 'thing' | 'organization';
const LOCATED: readonly LocatedTable[] = ['house', 'place', 'thing', 'organization'];

/**
 * After a grid boundary moves, every located element in the affected box is placed again by its
 * coordinates. People, households and special-group tags follow their house. Each move is a
 * version of the element and an audit entry, in the redraw's transaction.
 */
export class RegridService {
  constructor(private readonly history: ElementHistory) {}

  async afterRedraw(trx: Executor, actor: Actor, countyCode: string, box: Bbox): Promise<number> {
    const county = scopeOf(countyCode, 'county');
    let moved = 0;
    for (const table of LOCATED) {
      const rows = await trx
        .selectFrom(table)
        .select(['id', 'grid_code', 'lng', 'lat', 'version'])
        .where('county_code', '=', countyCode)
        .where(sql<boolean>`lng between ${box.minLng} and ${box.maxLng} and lat between ${box.minLat} and ${box.maxLat}`)
        .execute();
      for (const row of rows) {
        if (row.lng === null || row.lat === null) continue;
        const hit = await locateArea(trx, county, 'grid', row.lng, row.lat);
        // A point that no longer lies in any grid keeps its grid until someone places it.
        if (!hit || hit.code === row.grid_code) continue;
        await trx.updateTable(table).set({ grid_code: hit.code, version: row.version + 1 }).where('id', '=', row.id).execute();
        if (table === 'house') await this.followHouse(trx, row.id, hit.code);
        await this.history.record(trx, actor, {
          type: table, id: row.id, countyCode, gridCode: hit.code, version: row.version + 1, action: 'regrid',
          before: { gridCode: row.grid_code }, after: { gridCode: hit.code }, reason: 'grid boundary redrawn',
        });
        moved++;
      }
    }
    return moved;
  }

  private async followHouse(trx: Executor, houseId: string, gridCode: string) {
    await trx.updateTable('household').set({ grid_code: gridCode }).where('house_id', '=', houseId).execute();
    const people = await trx
      .updateTable('person')
      .set({ grid_code: gridCode })
      .where((eb) => eb.or([eb('house_id', '=', houseId), eb('household_id', 'in', eb.selectFrom('household').select('id').where('house_id', '=', houseId))]))
      .returning('id')
      .execute();
    if (people.length > 0) {
      await trx.updateTable('person_tag').set({ grid_code: gridCode }).where('person_id', 'in', people.map((p) => p.id)).where('active', '=', true).execute();
    }
  }
}

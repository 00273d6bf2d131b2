import type { Executor } from '../../db/database.js';
import { scopeOf } from '../../db/scope.js';
import type { Bbox } from '../../kernel/geometry.js';
import type { Actor } from '../../lib/context.js';
import type { ElementHistory } from '../registry/element-history.js';
import { locateArea } from './area.repository.js';
import * as regrid from './regrid.repository.js';

const LOCATED: readonly regrid.LocatedTable[] = ['house', 'place', 'thing', 'organization'];

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
      const rows = await regrid.listLocatedInBox(trx, table, countyCode, box);
      for (const row of rows) {
        if (row.lng === null || row.lat === null) continue;
        const hit = await locateArea(trx, county, 'grid', row.lng, row.lat);
        // A point that no longer lies in any grid keeps its grid until someone places it.
        if (!hit || hit.code === row.grid_code) continue;
        await regrid.moveLocatedToGrid(trx, table, row.id, hit.code, row.version + 1);
        if (table === 'house') await this.followHouse(trx, row.id, hit.code);
        await this.history.record(trx, actor, {
          type: table,
          id: row.id,
          countyCode,
          gridCode: hit.code,
          version: row.version + 1,
          action: 'regrid',
          before: { gridCode: row.grid_code },
          after: { gridCode: hit.code },
          reason: 'grid boundary redrawn',
        });
        moved++;
      }
    }
    return moved;
  }

  /**
   * After grid boundaries move, every OPEN event in the box is placed again by its point; finished events keep the
   * grid they were handled in. The move is a row of the event's timeline (status unchanged), in the caller's transaction.
   */
  async eventsAfterRedraw(trx: Executor, actor: Actor, countyCode: string, box: Bbox, now: Date): Promise<number> {
    const county = scopeOf(countyCode, 'county');
    let moved = 0;
    for (const e of await regrid.listOpenEventsInBox(trx, countyCode, box)) {
      const hit = await locateArea(trx, county, 'grid', e.lng, e.lat);
      if (!hit || hit.code === e.grid_code) continue;
      await regrid.moveEventToGrid(
        trx,
        { id: e.id, countyCode, status: e.status, from: e.grid_code, to: hit.code },
        { id: actor.userId, name: actor.username },
        now,
      );
      moved++;
    }
    return moved;
  }

  private async followHouse(trx: Executor, houseId: string, gridCode: string) {
    await regrid.moveHouseholdsOfHouse(trx, houseId, gridCode);
    const people = await regrid.movePeopleOfHouse(trx, houseId, gridCode);
    if (people.length > 0)
      await regrid.moveActivePersonTags(
        trx,
        people.map((p) => p.id),
        gridCode,
      );
  }
}

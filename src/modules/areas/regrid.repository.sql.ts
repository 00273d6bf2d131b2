import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './regrid.repository.js';

const box = { minLng: 104.6, minLat: 37.9, maxLng: 104.7, maxLat: 38 };

export default sqlSnapshot('regrid', repo, {
  listLocatedInBox: (db) => repo.listLocatedInBox(db, 'house', SAMPLE.countyCode, box),
  moveLocatedToGrid: (db) => repo.moveLocatedToGrid(db, 'house', SAMPLE.uuid, SAMPLE.gridCode, 2),
  moveHouseholdsOfHouse: (db) => repo.moveHouseholdsOfHouse(db, SAMPLE.uuid, SAMPLE.gridCode),
  movePeopleOfHouse: (db) => repo.movePeopleOfHouse(db, SAMPLE.uuid, SAMPLE.gridCode),
  moveActivePersonTags: (db) => repo.moveActivePersonTags(db, [SAMPLE.uuid, SAMPLE.uuid2], SAMPLE.gridCode),
  listOpenEventsInBox: (db) => repo.listOpenEventsInBox(db, SAMPLE.countyCode, box),
  moveEventToGrid: (db) =>
    repo.moveEventToGrid(
      db,
      {
        id: SAMPLE.uuid,
        countyCode: SAMPLE.countyCode,
        status: 'handling',
        from: SAMPLE.gridCode,
        to: SAMPLE.gridCode,
      },
      { id: null, name: 'system:import' },
      SAMPLE.now,
    ),
});

import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './household.repository.js';

export default sqlSnapshot('household', repo, {
  findHousehold: (db) => repo.findHousehold(db, SAMPLE.countyScope, SAMPLE.uuid),
  findHouseholdGrid: (db) => repo.findHouseholdGrid(db, SAMPLE.countyScope, SAMPLE.uuid),
  householdNumberTaken: (db) => repo.householdNumberTaken(db, SAMPLE.countyCode, '620702-0001'),
  insertHousehold: (db) =>
    repo.insertHousehold(db, {
      county_code: SAMPLE.countyCode,
      grid_code: SAMPLE.gridCode,
      number: '620702-0001',
      house_id: null,
      address: '幸福路1号',
      created_at: SAMPLE.now,
      updated_at: SAMPLE.now,
    }),
  setHouseholdHead: (db) => repo.setHouseholdHead(db, SAMPLE.uuid, SAMPLE.uuid2),
  listHouseholdsOfHouse: (db) => repo.listHouseholdsOfHouse(db, SAMPLE.countyScope, SAMPLE.uuid),
  searchHouseholds: (db) => repo.searchHouseholds(db, SAMPLE.countyScope, '幸福', SAMPLE.gridCode, 20),
});

import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './house.repository.js';

export default sqlSnapshot('house', repo, {
  findHouse: (db) => repo.findHouse(db, SAMPLE.countyScope, SAMPLE.uuid),
  findHousePlace: (db) => repo.findHousePlace(db, SAMPLE.countyScope, SAMPLE.uuid),
  insertHouse: (db) =>
    repo.insertHouse(db, {
      county_code: SAMPLE.countyCode,
      grid_code: SAMPLE.gridCode,
      address: '幸福路1号',
      lng: 100.45,
      lat: 38.93,
      use: 'residential',
      rental_status: 'owner_occupied',
      floors: 6,
      area_m2: 120,
      owner_name: null,
      created_at: SAMPLE.now,
      updated_at: SAMPLE.now,
    }),
  updateHouse: (db) =>
    repo.updateHouse(db, SAMPLE.uuid, {
      address: '幸福路1号',
      lng: 100.45,
      lat: 38.93,
      grid_code: SAMPLE.gridCode,
      county_code: SAMPLE.countyCode,
      use: 'residential',
      rental_status: 'rented',
      floors: 6,
      area_m2: 120,
      owner_name: null,
      status: 'active',
      version: 2,
      updated_at: SAMPLE.now,
    }),
  listHouses: (db) => repo.listHouses(db, SAMPLE.countyScope, SAMPLE.gridCode, { q: '幸福', limit: 50, offset: 0 }),
});

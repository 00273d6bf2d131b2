import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './import-write.repository.js';

const base = {
  county_code: SAMPLE.countyCode,
  grid_code: SAMPLE.gridCode,
  created_at: SAMPLE.now,
  updated_at: SAMPLE.now,
};

export default sqlSnapshot('import-write', repo, {
  insertVersions: (db) =>
    repo.insertVersions(db, [
      {
        county_code: SAMPLE.countyCode,
        grid_code: SAMPLE.gridCode,
        element_type: 'house',
        element_id: SAMPLE.uuid,
        version: 1,
        at: SAMPLE.now,
        actor_id: SAMPLE.uuid2,
        actor_name: 'operator',
        action: 'import',
        changes: '{}',
        reason: null,
      },
    ]),
  insertHouseholds: (db) => repo.insertHouseholds(db, [{ ...base, number: '620702-0001', address: '幸福路1号' }]),
  insertHouses: (db) =>
    repo.insertHouses(db, [
      {
        ...base,
        address: '幸福路1号',
        lng: null,
        lat: null,
        use: 'residential',
        rental_status: 'owner_occupied',
        floors: null,
        owner_name: null,
      },
    ]),
  insertOrganizations: (db) =>
    repo.insertOrganizations(db, [
      {
        ...base,
        name: '某某商店',
        kind: 'enterprise',
        credit_code: null,
        address: '幸福路1号',
        contact_name: null,
        contact_phone_enc: null,
        contact_phone_hash: null,
        employee_count: null,
      },
    ]),
  insertPlaces: (db) =>
    repo.insertPlaces(db, [
      { ...base, name: '中心广场', kind: 'square', address: '幸福路1号', lng: 100.45, lat: 38.93 },
    ]),
  insertThings: (db) =>
    repo.insertThings(db, [
      {
        ...base,
        kind: 'camera',
        subtype: 'street',
        name: '路口1',
        lng: 100.45,
        lat: 38.93,
        status: 'normal',
        details: '{}',
      },
    ]),
});

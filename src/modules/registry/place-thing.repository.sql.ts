import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './place-thing.repository.js';

const located = {
  county_code: SAMPLE.countyCode,
  grid_code: SAMPLE.gridCode,
  name: '中心广场',
  lng: 100.45,
  lat: 38.93,
};

export default sqlSnapshot('place-thing', repo, {
  unitInScope: (db) => repo.unitInScope(db, SAMPLE.countyScope, SAMPLE.uuid),
  insertPlace: (db) =>
    repo.insertPlace(db, {
      ...located,
      kind: 'square',
      address: '幸福路1号',
      responsible_unit_id: null,
      created_at: SAMPLE.now,
      updated_at: SAMPLE.now,
    }),
  findPlace: (db) => repo.findPlace(db, SAMPLE.countyScope, SAMPLE.uuid),
  updatePlace: (db) =>
    repo.updatePlace(db, SAMPLE.uuid, {
      ...located,
      kind: 'square',
      address: '幸福路1号',
      status: 'active',
      version: 2,
      updated_at: SAMPLE.now,
    }),
  listPlaces: (db) => repo.listPlaces(db, SAMPLE.countyScope, SAMPLE.countyCode, { kind: 'square', limit: 50 }),
  insertThing: (db) =>
    repo.insertThing(db, {
      ...located,
      kind: 'hazard',
      subtype: 'fire',
      status: 'normal',
      responsible_unit_id: null,
      details: '{}',
      created_at: SAMPLE.now,
      updated_at: SAMPLE.now,
    }),
  findThing: (db) => repo.findThing(db, SAMPLE.countyScope, SAMPLE.uuid),
  updateThing: (db) =>
    repo.updateThing(db, SAMPLE.uuid, {
      ...located,
      status: 'fault',
      details: '{}',
      version: 2,
      updated_at: SAMPLE.now,
    }),
  listThings: (db) =>
    repo.listThings(db, SAMPLE.countyScope, SAMPLE.countyCode, { kind: 'camera', status: 'normal', limit: 50 }),
});

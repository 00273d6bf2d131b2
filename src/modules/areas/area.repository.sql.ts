import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './area.repository.js';

const ring = {
  part: 0,
  ring: 0,
  isHole: false,
  poly: '((104.6,37.9),(104.7,37.9),(104.7,38),(104.6,37.9))',
  bbox: '(104.7,38),(104.6,37.9)',
};
const row = {
  code: SAMPLE.gridCode,
  county_code: SAMPLE.countyCode,
  level: 'grid' as const,
  name: '一网格',
  parent_code: '620702100001',
  boundary: null,
  bbox: ring.bbox,
  center_lng: 104.65,
  center_lat: 37.95,
  created_at: SAMPLE.now,
  updated_at: SAMPLE.now,
};
const located = { areaCode: SAMPLE.gridCode, countyCode: SAMPLE.countyCode, level: 'grid' as const };

export default sqlSnapshot('area', repo, {
  findArea: (db) => repo.findArea(db, SAMPLE.countyScope, SAMPLE.gridCode),
  listChildren: (db) => repo.listChildren(db, SAMPLE.countyScope, SAMPLE.countyCode),
  listChildGeometries: (db) => repo.listChildGeometries(db, SAMPLE.countyScope, SAMPLE.countyCode),
  searchAreas: (db) => repo.searchAreas(db, SAMPLE.countyScope, '东关', 'grid', 20),
  listAncestors: (db) => repo.listAncestors(db, SAMPLE.countyScope, ['620700', SAMPLE.countyCode]),
  codeExists: (db) => repo.codeExists(db, SAMPLE.gridCode),
  countActiveChildren: (db) => repo.countActiveChildren(db, SAMPLE.countyCode),
  insertAreas: (db) => repo.insertAreas(db, [row]),
  updateArea: (db) => repo.updateArea(db, SAMPLE.gridCode, { name: '二网格' }, SAMPLE.now),
  replaceRings: (db) => repo.replaceRings(db, row, [ring]),
  insertRings: (db) => repo.insertRings(db, [{ ...ring, ...located }]),
  deleteRings: (db) => repo.deleteRings(db, SAMPLE.gridCode),
  locateArea: (db) => repo.locateArea(db, SAMPLE.countyScope, 'grid', 104.65, 37.95),
  locateAreas: (db) => repo.locateAreas(db, 'grid', [{ prefix: SAMPLE.countyCode, lng: 104.65, lat: 37.95 }]),
});

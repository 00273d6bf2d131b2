import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './area-import.repository.js';

const box = { minLng: 104.6, minLat: 37.9, maxLng: 104.7, maxLat: 38 };

export default sqlSnapshot('area-import', repo, {
  listAreasByCode: (db) => repo.listAreasByCode(db, SAMPLE.countyScope, [SAMPLE.countyCode, SAMPLE.gridCode], '620700'),
  listActiveChildrenOf: (db) => repo.listActiveChildrenOf(db, SAMPLE.countyScope, [SAMPLE.countyCode]),
  listGridShapesInBox: (db) => repo.listGridShapesInBox(db, SAMPLE.countyCode, box),
  exportPage: (db) => repo.exportPage(db, SAMPLE.countyScope, SAMPLE.countyCode, 15, '', 1000),
});

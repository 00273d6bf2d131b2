import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './stats.repository.js';

const window = { from: '2026-01-01', to: '2026-02-01' };

export default sqlSnapshot('stats', repo, {
  findAreaInScope: (db) => repo.findAreaInScope(db, SAMPLE.countyScope, SAMPLE.countyCode),
  listAreasInScope: (db) => repo.listAreasInScope(db, SAMPLE.cityScope, ['620700', SAMPLE.countyCode]),
  listChildAreas: (db) => repo.listChildAreas(db, SAMPLE.countyScope, SAMPLE.countyCode),
  listCategoryNames: (db) => repo.listCategoryNames(db),
  byCategory: (db) => repo.byCategory(db, SAMPLE.countyCode, window),
  openByStatus: (db) => repo.openByStatus(db, [SAMPLE.countyCode, SAMPLE.gridCode]),
  registry: (db) => repo.registry(db, [SAMPLE.countyCode, SAMPLE.gridCode]),
  totalsByArea: (db) => repo.totalsByArea(db, [SAMPLE.countyCode], window, ['0101', '0102']),
});

import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './situation.repository.js';

const cur = { start: new Date('2025-09-30T16:00:00Z'), end: new Date('2025-12-31T16:00:00Z') };
const prev = { start: new Date('2025-06-30T16:00:00Z'), end: new Date('2025-09-30T16:00:00Z') };
const ly = { start: new Date('2024-09-30T16:00:00Z'), end: new Date('2024-12-31T16:00:00Z') };

export default sqlSnapshot('situation', repo, {
  findReportArea: (db) => repo.findReportArea(db, SAMPLE.cityScope, SAMPLE.countyCode),
  listCategories: (db) => repo.listCategories(db),
  categoryCounts: (db) => repo.categoryCounts(db, SAMPLE.countyScope, cur, prev, ly),
  monthlyCounts: (db) => repo.monthlyCounts(db, SAMPLE.countyScope, cur),
  gridHotspots: (db) => repo.gridHotspots(db, SAMPLE.countyScope, cur),
  placeHotspots: (db) => repo.placeHotspots(db, SAMPLE.countyScope, cur),
  addressHotspots: (db) => repo.addressHotspots(db, SAMPLE.countyScope, cur),
  mediationOutcomes: (db) => repo.mediationOutcomes(db, SAMPLE.countyScope, cur),
  overdueUnits: (db) => repo.overdueUnits(db, SAMPLE.countyScope, cur),
  windowTotals: (db) => repo.windowTotals(db, SAMPLE.countyScope, cur),
});

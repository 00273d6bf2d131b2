import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './risk-area.repository.js';

const codes = [SAMPLE.countyCode, SAMPLE.gridCode];
const prefixes = [SAMPLE.countyCode, '620702100'];

export default sqlSnapshot('risk-area', repo, {
  findAreaLevel: (db) => repo.findAreaLevel(db, SAMPLE.countyCode),
  listAreaLevels: (db) => repo.listAreaLevels(db, codes),
  listAreaStatuses: (db) => repo.listAreaStatuses(db, codes),
  listAreaNames: (db) => repo.listAreaNames(db, codes),
  countPresentPeople: (db) => repo.countPresentPeople(db, SAMPLE.countyCode),
  countEventsByWeek: (db) => repo.countEventsByWeek(db, prefixes, SAMPLE.now),
  listRecentEvents: (db) => repo.listRecentEvents(db, prefixes, SAMPLE.now),
});

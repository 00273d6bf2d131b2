import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './stats-naive.repository.js';

export default sqlSnapshot('stats-naive', repo, {
  naiveFigures: (db) => repo.naiveFigures(db, SAMPLE.countyCode, SAMPLE.now, { period: 'month', trendDays: 30 }),
});

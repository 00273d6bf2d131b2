import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './dashboard.repository.js';

export default sqlSnapshot('dashboard', repo, {
  dashboardRow: (db) =>
    repo.dashboardRow(db, {
      area: SAMPLE.countyCode,
      scope: SAMPLE.countyScope,
      ancestors: ['620700'],
      today: SAMPLE.day,
      week: '2026-01-05',
      month: '2026-01-01',
      current: { from: '2026-01-01', to: '2026-01-06' },
      previous: { from: '2025-12-01', to: '2025-12-06' },
      trendFrom: '2025-12-07',
      monthFrom: '2025-02-01',
      nextMonth: '2026-02-01',
    }),
});

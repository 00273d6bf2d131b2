import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './calendar.repository.js';

const day = {
  day: SAMPLE.day,
  kind: 'holiday' as const,
  name: '临时休假',
  updated_by: SAMPLE.uuid,
  updated_at: SAMPLE.now,
};

export default sqlSnapshot('calendar', repo, {
  listCalendarDayKinds: (db) => repo.listCalendarDayKinds(db),
  listCalendarDaysOfYear: (db) => repo.listCalendarDaysOfYear(db, 2026),
  findCalendarDay: (db) => repo.findCalendarDay(db, SAMPLE.day),
  upsertCalendarDay: (db) => repo.upsertCalendarDay(db, day),
  deleteCalendarDay: (db) => repo.deleteCalendarDay(db, SAMPLE.day),
  lockCalendarEdits: (db) => repo.lockCalendarEdits(db),
  findCalendarVersion: (db) => repo.findCalendarVersion(db),
  bumpCalendarVersion: (db) => repo.bumpCalendarVersion(db),
});

import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './person-tag.repository.js';

export default sqlSnapshot('person-tag', repo, {
  listTags: (db) => repo.listTags(db, SAMPLE.uuid, true),
  listOverdueVisits: (db) => repo.listOverdueVisits(db, SAMPLE.countyScope, SAMPLE.countyCode, SAMPLE.now, 100),
  hasActiveTag: (db) => repo.hasActiveTag(db, SAMPLE.uuid, 'drug_user'),
  findActiveTag: (db) => repo.findActiveTag(db, SAMPLE.countyScope, SAMPLE.uuid, 'drug_user'),
  insertTag: (db) =>
    repo.insertTag(db, {
      county_code: SAMPLE.countyCode,
      grid_code: SAMPLE.gridCode,
      person_id: SAMPLE.uuid,
      tag: 'drug_user',
      risk_level: 'yellow',
      responsible_worker_id: null,
      visit_interval_days: 14,
      details: '{}',
      next_visit_due: SAMPLE.now,
      created_at: SAMPLE.now,
      updated_at: SAMPLE.now,
    }),
  endTag: (db) => repo.endTag(db, SAMPLE.uuid, SAMPLE.now),
  moveActiveTags: (db) => repo.moveActiveTags(db, SAMPLE.uuid, SAMPLE.gridCode),
  advanceNextVisits: (db) => repo.advanceNextVisits(db, [SAMPLE.uuid, SAMPLE.uuid2], SAMPLE.now, SAMPLE.now),
});

import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './routing.repository.js';

export default sqlSnapshot('routing', repo, {
  findOtherCity: (db) => repo.findOtherCity(db, '620700'),
  listLiveRules: (db) => repo.listLiveRules(db, SAMPLE.countyScope),
  findLiveRuleArea: (db) => repo.findLiveRuleArea(db, SAMPLE.uuid),
  lockLiveRule: (db) => repo.lockLiveRule(db, SAMPLE.uuid),
  retireRule: (db) => repo.retireRule(db, SAMPLE.uuid, SAMPLE.now),
  insertRule: (db) =>
    repo.insertRule(db, {
      category_prefix: '01',
      area_prefix: SAMPLE.countyCode,
      centre: 'dispute',
      unit_id: SAMPLE.uuid2,
      unit_kind: null,
      note: null,
      created_by: SAMPLE.uuid,
      created_at: SAMPLE.now,
    }),
  findUnitInScope: (db) => repo.findUnitInScope(db, SAMPLE.countyScope, SAMPLE.uuid),
});

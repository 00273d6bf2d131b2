import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './supervision-rule.repository.js';

const rule = {
  name: '矛盾纠纷千人发案率',
  area_prefix: SAMPLE.countyCode,
  level: 'township' as const,
  measure: 'disputes_per_1000' as const,
  threshold: 5,
  min_events: 5,
  period: 'quarter' as const,
  rectify_working_days: 20,
  active: true,
  updated_at: SAMPLE.now,
};
const window = { start: SAMPLE.now, end: new Date('2026-04-01T00:00:00+08:00') };

export default sqlSnapshot('supervision-rule', repo, {
  listRules: (db) => repo.listRules(db),
  listActiveRules: (db) => repo.listActiveRules(db),
  insertRule: (db) => repo.insertRule(db, { ...rule, created_by: SAMPLE.uuid2, created_at: SAMPLE.now }),
  lockRule: (db) => repo.lockRule(db, SAMPLE.uuid),
  updateRule: (db) => repo.updateRule(db, SAMPLE.uuid, rule),
  findRuleArea: (db) => repo.findRuleArea(db, SAMPLE.countyScope, '620702100'),
  countDisputes: (db) => repo.countDisputes(db, SAMPLE.countyCode, 9, window),
  countOverdue: (db) => repo.countOverdue(db, SAMPLE.countyCode, 9, window),
  countDissatisfaction: (db) => repo.countDissatisfaction(db, SAMPLE.countyCode, 12, window),
  countRepeatPlace: (db) => repo.countRepeatPlace(db, SAMPLE.countyCode, 12, window),
});

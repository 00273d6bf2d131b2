import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './supervision-flag.repository.js';

export default sqlSnapshot('supervision-flag', repo, {
  insertFlag: (db) =>
    repo.insertFlag(db, {
      county_code: SAMPLE.countyCode,
      rule_id: SAMPLE.uuid2,
      area_code: '620702100',
      period_from: '2026-01-01',
      period_to: '2026-03-31',
      value: 7.5,
      threshold: 5,
      events: 12,
      detail: JSON.stringify({ disputes: 9 }),
      created_at: SAMPLE.now,
    }),
  listFlags: (db) => repo.listFlags(db, SAMPLE.countyScope, { status: 'pending', areaCode: '620702100' }),
  lockFlagWithRule: (db) => repo.lockFlagWithRule(db, SAMPLE.countyScope, SAMPLE.uuid),
  lockFlag: (db) => repo.lockFlag(db, SAMPLE.countyScope, SAMPLE.uuid),
  confirmFlag: (db) => repo.confirmFlag(db, SAMPLE.uuid, SAMPLE.uuid2, SAMPLE.now),
  dismissFlag: (db) => repo.dismissFlag(db, SAMPLE.uuid, SAMPLE.uuid2, '已核实,属正常波动', SAMPLE.now),
  findCaseFlag: (db) => repo.findCaseFlag(db, SAMPLE.uuid),
});

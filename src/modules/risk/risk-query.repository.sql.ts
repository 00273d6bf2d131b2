import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './risk-query.repository.js';

export default sqlSnapshot('risk-query', repo, {
  listMatters: (db) =>
    repo.listMatters(db, SAMPLE.countyScope, SAMPLE.countyCode, { stage: 'plan', q: '道路', limit: 200 }),
  countMattersByStage: (db) => repo.countMattersByStage(db, SAMPLE.countyScope, SAMPLE.countyCode),
  countMattersByLevel: (db) => repo.countMattersByLevel(db, SAMPLE.countyScope, SAMPLE.countyCode),
  countMattersByDecision: (db) => repo.countMattersByDecision(db, SAMPLE.countyScope, SAMPLE.countyCode),
  listOverdueSteps: (db) => repo.listOverdueSteps(db, SAMPLE.countyScope, SAMPLE.countyCode, SAMPLE.now),
  listFirmLoad: (db) => repo.listFirmLoad(db, SAMPLE.countyScope, SAMPLE.countyCode),
  listMatterAudit: (db) => repo.listMatterAudit(db, SAMPLE.countyScope, SAMPLE.uuid, 200),
});

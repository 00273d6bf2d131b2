import { sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './risk-rule.repository.js';

export default sqlSnapshot('risk-rule', repo, {
  findSetting: (db) => repo.findSetting(db, 'risk_scoring_rule'),
  lockRuleChanges: (db) => repo.lockRuleChanges(db),
  saveSetting: (db) => repo.saveSetting(db, 'risk_scoring_rule', '{"version":2}'),
});

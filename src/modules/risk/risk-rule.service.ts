import type { Db } from '../../db/database.js';
import type { Actor } from '../../lib/context.js';
import { invalid } from '../../lib/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { loadRule, RULE_KEY } from './risk-facts.js';
import { lockRuleChanges, saveSetting } from './risk-rule.repository.js';
import { checkRule, type RiskScoringRule } from './risk-scoring.js';

/** Reads and replaces the installation's scoring rule; each change bumps the version gradings record. */
export class RiskRuleService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  get() {
    return loadRule(this.db);
  }

  async set(actor: Actor, proposed: Omit<RiskScoringRule, 'version'>, reason: string) {
    return this.db.transaction().execute(async (trx) => {
      await lockRuleChanges(trx);
      const before = await loadRule(trx);
      const rule: RiskScoringRule = { ...proposed, version: before.version + 1 };
      const problems = checkRule(rule);
      if (problems.length > 0) throw invalid(problems.map((key) => ({ path: 'rule', key })));
      const value = JSON.stringify(rule);
      await saveSetting(trx, RULE_KEY, value);
      await this.audit.record(trx, actor, {
        action: 'risk.rule',
        entityType: 'risk_rule',
        entityId: String(rule.version),
        areaCode: null,
        before,
        after: rule,
        reason,
      });
      return rule;
    });
  }
}

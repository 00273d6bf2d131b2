import type { Db } from '../../db/database.js';
import type { SupervisionMeasure } from '../../db/schema.js';
import type { Scope } from '../../db/scope.js';
import { countyCodeOf } from '../../kernel/area-code.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../../lib/context.js';
import { invalidField, notFound } from '../../lib/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { canEditRule, canSeeRule, canWriteRuleEverywhere } from './supervision.policy.js';
import { presentRule } from './supervision-rule.presenter.js';
import { findRuleArea, insertRule, listRules, lockRule, updateRule } from './supervision-rule.repository.js';

export interface RuleInput {
  name: string;
  areaCode?: string | null;
  level: 'township' | 'village';
  measure: SupervisionMeasure;
  threshold: number;
  minEvents: number;
  period: 'month' | 'quarter';
  rectifyWorkingDays: number;
  active: boolean;
}

/**
 * The supervision rules table. A rule covers a subtree ('' = everywhere); anyone who reads events
 * sees the rules that reach into their scope; only event:configure edits, within its own subtree.
 * Edits change future evaluations only: existing flags keep the threshold they were raised with.
 */
export class SupervisionRulesService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async list(scope: Scope) {
    const rows = await listRules(this.db);
    return rows.filter((r) => canSeeRule(scope, r.area_prefix));
  }

  private async prefixFor(actor: Actor, areaCode: string | null | undefined): Promise<string> {
    if (!areaCode) {
      // Everywhere: only an installation-wide scope may write such a rule.
      if (!canWriteRuleEverywhere(actor.scope)) throw invalidField('areaCode', 'required');
      return actor.scope.prefix === '' ? '' : actor.scope.prefix;
    }
    const area = await findRuleArea(this.db, actor.scope, areaCode);
    if (!area) throw invalidField('areaCode', 'not_found');
    return area.level === 'city' ? area.code.slice(0, 4) : area.code;
  }

  async create(actor: Actor, input: RuleInput) {
    const prefix = await this.prefixFor(actor, input.areaCode);
    return this.db.transaction().execute(async (trx) => {
      const now = this.clock.now();
      const r = await insertRule(trx, {
        name: input.name,
        area_prefix: prefix,
        level: input.level,
        measure: input.measure,
        threshold: input.threshold,
        min_events: input.minEvents,
        period: input.period,
        rectify_working_days: input.rectifyWorkingDays,
        active: input.active,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      });
      await this.audit.record(trx, actor, {
        action: 'supervision.rule_create',
        entityType: 'supervision_rule',
        entityId: r.id,
        areaCode: prefix.length >= 6 ? countyCodeOf(prefix) : null,
        after: presentRule(r),
      });
      return r;
    });
  }

  async update(actor: Actor, id: string, patch: Partial<Omit<RuleInput, 'areaCode'>>) {
    return this.db.transaction().execute(async (trx) => {
      const before = await lockRule(trx, id);
      // A rule above the actor's subtree is not theirs to edit; it reads as not found.
      if (!before || !canEditRule(actor.scope, before.area_prefix)) throw notFound();
      const r = await updateRule(trx, id, {
        name: patch.name,
        level: patch.level,
        measure: patch.measure,
        threshold: patch.threshold,
        min_events: patch.minEvents,
        period: patch.period,
        rectify_working_days: patch.rectifyWorkingDays,
        active: patch.active,
        updated_at: this.clock.now(),
      });
      await this.audit.record(trx, actor, {
        action: 'supervision.rule_update',
        entityType: 'supervision_rule',
        entityId: id,
        areaCode: r.area_prefix.length >= 6 ? countyCodeOf(r.area_prefix) : null,
        before: presentRule(before),
        after: presentRule(r),
      });
      return r;
    });
  }
}

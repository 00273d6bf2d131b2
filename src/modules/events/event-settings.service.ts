import type { Db } from '../../db/database.js';
import type { EventStage, MediationLevel } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../../lib/context.js';
import { invalid, invalidField, notFound } from '../../lib/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { policyProblems } from '../mediation/mediation-levels.js';
import * as repo from './event-settings.repository.js';

/**
 * The configurable parts of the loop that are not routing: each category's time limit, each stage's
 * limit, and the mediation policy's levels. Changes apply to what starts after them: an event keeps
 * the deadline it was given, a mediation case the levels it opened with.
 */
export class EventSettingsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async limits() {
    const [categories, stages] = await Promise.all([repo.listCategoryLimits(this.db), repo.listStageLimits(this.db)]);
    return { categories, stages };
  }

  setCategoryLimit(actor: Actor, code: string, days: number) {
    return this.db.transaction().execute(async (trx) => {
      const before = await repo.lockCategoryLimit(trx, code);
      if (!before || before.parent_code === null) throw notFound();
      await repo.setCategoryLimit(trx, code, days);
      await this.audit.record(trx, actor, {
        action: 'event_category.limit',
        entityType: 'event_category',
        entityId: code,
        areaCode: null,
        before: { limitWorkingDays: before.limit_working_days },
        after: { limitWorkingDays: days },
      });
    });
  }

  setStageLimit(
    actor: Actor,
    categoryPrefix: string,
    stage: EventStage,
    limit: { amount: number; unit: 'hours' | 'days' } | null,
  ) {
    return this.db.transaction().execute(async (trx) => {
      if (stage === 'handle') throw invalidField('stage', 'stage_limit_handle');
      if (categoryPrefix === '' && limit === null) throw invalidField('categoryPrefix', 'stage_limit_default_required');
      const before = await repo.findStageLimit(trx, categoryPrefix, stage);
      if (limit) await repo.upsertStageLimit(trx, categoryPrefix, stage, limit);
      else await repo.deleteStageLimit(trx, categoryPrefix, stage);
      await this.audit.record(trx, actor, {
        action: 'stage_limit.set',
        entityType: 'stage_limit',
        entityId: `${categoryPrefix || '*'}:${stage}`,
        areaCode: null,
        before: before ?? null,
        after: limit,
      });
    });
  }

  /** The policy that applies in the actor's area: its own, else the nearest above. */
  async policy(areaCode: string) {
    const p = await repo.findApplicablePolicy(this.db, areaCode);
    return { ...p, levels: (typeof p.levels === 'string' ? JSON.parse(p.levels) : p.levels) as MediationLevel[] };
  }

  /** Sets the policy for the actor's own area (a county may run its own variant of 四级七天). */
  setPolicy(actor: Actor, name: string, levels: MediationLevel[]) {
    const problems = policyProblems(levels);
    if (problems.length > 0) throw invalid(problems.map((path) => ({ path, key: 'mediation_policy_invalid' })));
    const areaPrefix = actor.scope.prefix;
    return this.db.transaction().execute(async (trx) => {
      const before = await repo.lockOwnPolicy(trx, areaPrefix);
      const values = { name, levels: JSON.stringify(levels), updated_at: this.clock.now() };
      if (before) await repo.updatePolicy(trx, before.id, values);
      else await repo.insertPolicy(trx, { ...values, area_prefix: areaPrefix });
      await this.audit.record(trx, actor, {
        action: 'mediation_policy.set',
        entityType: 'mediation_policy',
        entityId: areaPrefix || '*',
        areaCode: areaPrefix || null,
        before: before ?? null,
        after: { name, levels },
      });
    });
  }
}

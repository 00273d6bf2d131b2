import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { EventStage, MediationLevel } from '../../db/schema.js';
import { policyProblems } from '../mediation/mediation-levels.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../../lib/context.js';
import { invalid, invalidField, notFound } from '../../lib/errors.js';

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
    const [categories, stages] = await Promise.all([
      this.db.selectFrom('event_category').select(['code', 'name', 'limit_working_days', 'parent_code']).where('parent_code', 'is not', null).orderBy('code').execute(),
      this.db.selectFrom('stage_limit').selectAll().orderBy('category_prefix').orderBy('stage').execute(),
    ]);
    return { categories, stages };
  }

  setCategoryLimit(actor: Actor, code: string, days: number) {
    return this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('event_category').select(['limit_working_days', 'parent_code']).where('code', '=', code).forUpdate().executeTakeFirst();
      if (!before || before.parent_code === null) throw notFound();
      await trx.updateTable('event_category').set({ limit_working_days: days }).where('code', '=', code).execute();
      await this.audit.record(trx, actor, { action: 'event_category.limit', entityType: 'event_category', entityId: code, areaCode: null, before: { limitWorkingDays: before.limit_working_days }, after: { limitWorkingDays: days } });
    });
  }

  setStageLimit(actor: Actor, categoryPrefix: string, stage: EventStage, limit: { amount: number; unit: 'hours' | 'days' } | null) {
    return this.db.transaction().execute(async (trx) => {
      if (stage === 'handle') throw invalidField('stage', 'stage_limit_handle');
      if (categoryPrefix === '' && limit === null) throw invalidField('categoryPrefix', 'stage_limit_default_required');
      const before = await trx.selectFrom('stage_limit').selectAll().where('category_prefix', '=', categoryPrefix).where('stage', '=', stage).executeTakeFirst();
      if (limit) {
        await trx
          .insertInto('stage_limit')
          .values({ category_prefix: categoryPrefix, stage, amount: limit.amount, unit: limit.unit })
          .onConflict((oc) => oc.columns(['category_prefix', 'stage']).doUpdateSet({ amount: limit.amount, unit: limit.unit }))
          .execute();
      } else {
        await trx.deleteFrom('stage_limit').where('category_prefix', '=', categoryPrefix).where('stage', '=', stage).execute();
      }
      await this.audit.record(trx, actor, { action: 'stage_limit.set', entityType: 'stage_limit', entityId: `${categoryPrefix || '*'}:${stage}`, areaCode: null, before: before ?? null, after: limit });
    });
  }

  /** The policy that applies in the actor's area: its own, else the nearest above. */
  async policy(areaCode: string) {
    const p = await this.db.selectFrom('mediation_policy').selectAll().where(sql<boolean>`${areaCode} like area_prefix || '%'`).orderBy(sql`length(area_prefix)`, 'desc').limit(1).executeTakeFirstOrThrow();
    return { ...p, levels: (typeof p.levels === 'string' ? JSON.parse(p.levels) : p.levels) as MediationLevel[] };
  }

  /** Sets the policy for the actor's own area (a county may run its own variant of 四级七天). */
  setPolicy(actor: Actor, name: string, levels: MediationLevel[]) {
    const problems = policyProblems(levels);
    if (problems.length > 0) throw invalid(problems.map((path) => ({ path, key: 'mediation_policy_invalid' })));
    const areaPrefix = actor.scope.prefix;
    return this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('mediation_policy').selectAll().where('area_prefix', '=', areaPrefix).forUpdate().executeTakeFirst();
      const values = { name, levels: JSON.stringify(levels), updated_at: this.clock.now() };
      if (before) await trx.updateTable('mediation_policy').set(values).where('id', '=', before.id).execute();
      else await trx.insertInto('mediation_policy').values({ ...values, area_prefix: areaPrefix }).execute();
      await this.audit.record(trx, actor, { action: 'mediation_policy.set', entityType: 'mediation_policy', entityId: areaPrefix || '*', areaCode: areaPrefix || null, before: before ?? null, after: { name, levels } });
    });
  }
}

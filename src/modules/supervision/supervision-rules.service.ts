import type { Db } from '../../db/database.js';
import type { Scope } from '../../db/scope.js';
import type { SupervisionMeasure } from '../../db/schema.js';
import { countyCodeOf } from '../../kernel/area-code.js';
import type { Clock } from '../../lib/clock.js';
import { findArea } from '../areas/area.repository.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../../lib/context.js';
import { invalidField, notFound } from '../../lib/errors.js';

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

const toApi = (r: { id: string; name: string; area_prefix: string; level: 'township' | 'village'; measure: SupervisionMeasure; threshold: number; min_events: number; period: 'month' | 'quarter'; rectify_working_days: number; active: boolean; updated_at: Date }) => ({
  id: r.id, name: r.name, areaPrefix: r.area_prefix, level: r.level, measure: r.measure, threshold: r.threshold, minEvents: r.min_events, period: r.period, rectifyWorkingDays: r.rectify_working_days, active: r.active, updatedAt: r.updated_at.toISOString(),
});

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
    const rows = await this.db.selectFrom('supervision_rule').selectAll().orderBy('created_at').orderBy('name').execute();
    return rows.filter((r) => r.area_prefix.startsWith(scope.prefix) || scope.prefix.startsWith(r.area_prefix)).map(toApi);
  }

  private async prefixFor(actor: Actor, areaCode: string | null | undefined): Promise<string> {
    if (!areaCode) {
      // Everywhere: only an installation-wide scope may write such a rule.
      if (actor.scope.prefix !== '' && actor.scope.level !== 'city') throw invalidField('areaCode', 'required');
      return actor.scope.prefix === '' ? '' : actor.scope.prefix;
    }
    const area = await findArea(this.db, actor.scope, areaCode);
    if (!area) throw invalidField('areaCode', 'not_found');
    return area.level === 'city' ? area.code.slice(0, 4) : area.code;
  }

  async create(actor: Actor, input: RuleInput) {
    const prefix = await this.prefixFor(actor, input.areaCode);
    return this.db.transaction().execute(async (trx) => {
      const now = this.clock.now();
      const r = await trx.insertInto('supervision_rule').values({ name: input.name, area_prefix: prefix, level: input.level, measure: input.measure, threshold: input.threshold, min_events: input.minEvents, period: input.period, rectify_working_days: input.rectifyWorkingDays, active: input.active, created_by: actor.userId, created_at: now, updated_at: now }).returningAll().executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'supervision.rule_create', entityType: 'supervision_rule', entityId: r.id, areaCode: prefix.length >= 6 ? countyCodeOf(prefix) : null, after: toApi(r) });
      return toApi(r);
    });
  }

  async update(actor: Actor, id: string, patch: Partial<Omit<RuleInput, 'areaCode'>>) {
    return this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('supervision_rule').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      // A rule above the actor's subtree is not theirs to edit; it reads as not found.
      if (!before || !before.area_prefix.startsWith(actor.scope.prefix)) throw notFound();
      const r = await trx
        .updateTable('supervision_rule')
        .set({ name: patch.name, level: patch.level, measure: patch.measure, threshold: patch.threshold, min_events: patch.minEvents, period: patch.period, rectify_working_days: patch.rectifyWorkingDays, active: patch.active, updated_at: this.clock.now() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'supervision.rule_update', entityType: 'supervision_rule', entityId: id, areaCode: r.area_prefix.length >= 6 ? countyCodeOf(r.area_prefix) : null, before: toApi(before), after: toApi(r) });
      return toApi(r);
    });
  }
}

import type { Db, Executor } from '../../db/database.js';
import type { Centre, RoutingRuleRow, UnitKind } from '../../db/schema.js';
import type { Scope } from '../../db/scope.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../../lib/context.js';
import { invalidField, notFound } from '../../lib/errors.js';
import { nearestUnitIn, type ReferenceCache, type ReferenceData } from '../../lib/reference-cache.js';
import type { AuditService } from '../audit/audit.service.js';
import { mayOwnInstallationRules, ownsRule, ruleEditor } from './routing.policy.js';
import * as repo from './routing.repository.js';
import { pickRule, unitSearchAreas } from './routing-rules.js';

export interface Route {
  ruleId: string | null;
  centre: Centre;
  /** The unit the rule sends the event to for handling (the default of the dispatch picker). */
  unitId: string | null;
  /** 首接: the centre that receives it first: the township's 综治中心, else the county's. */
  receivingUnitId: string | null;
}

export interface RuleInput {
  categoryPrefix: string;
  areaPrefix: string;
  centre: Centre;
  unitId?: string | null;
  unitKind?: UnitKind | null;
  note?: string | null;
}

/**
 * Routing rules: category × area → centre and handling unit. Rules are versioned by retirement: an
 * edit retires the old row and inserts a new one, and events keep the id of the rule that routed
 * them, so a change applies to new events only.
 */
export class RoutingService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    readonly reference: ReferenceCache,
  ) {}

  async route(
    trx: Executor,
    categoryCode: string,
    gridCode: string,
    fallbackCentre: Centre,
    known?: ReferenceData,
  ): Promise<Route> {
    const ref = known ?? (await this.reference.get(trx));
    const rule = pickRule(
      ref.liveRules.map((r) => ({
        ...r,
        categoryPrefix: r.category_prefix,
        areaPrefix: r.area_prefix,
        createdAt: r.created_at,
      })),
      categoryCode,
      gridCode,
    );
    const areas = unitSearchAreas(gridCode);
    const unitId = rule ? (rule.unit_id ?? (rule.unit_kind ? nearestUnitIn(ref, rule.unit_kind, areas) : null)) : null;
    const receivingUnitId = nearestUnitIn(ref, 'centre', areas);
    return { ruleId: rule?.id ?? null, centre: rule?.centre ?? fallbackCentre, unitId, receivingUnitId };
  }

  /** The unit of a kind nearest the grid: its township's, else its county's, else the city's. */
  async nearestUnit(trx: Executor, gridCode: string, kind: UnitKind): Promise<string | null> {
    return nearestUnitIn(await this.reference.get(trx), kind, unitSearchAreas(gridCode));
  }

  /** An administrator sees the rules of their area and the defaults above it that apply there. */
  list(scope: Scope) {
    return repo.listLiveRules(this.db, scope);
  }

  /** The caller as a rule editor: a one-city installation's city administrator also owns the installation's rules. */
  async editor(actor: Actor): Promise<Actor> {
    if (!mayOwnInstallationRules(actor)) return actor;
    return ruleEditor(actor, (await repo.findOtherCity(this.db, actor.scope.code)) !== undefined);
  }

  /** An edit retires the rule and adds a new one: events already routed keep theirs. */
  async update(actor: Actor, id: string, input: RuleInput): Promise<RoutingRuleRow> {
    // A change to a rule outside the caller's area is refused as not found, before its new content is judged.
    const rule = await repo.findLiveRuleArea(this.db, id);
    if (!rule || !ownsRule(actor.scope, rule.area_prefix)) throw notFound();
    return this.create(actor, input, id);
  }

  async create(actor: Actor, input: RuleInput, replaces?: string): Promise<RoutingRuleRow> {
    if (!ownsRule(actor.scope, input.areaPrefix)) throw invalidField('areaPrefix', 'out_of_scope');
    if (!input.unitId && !input.unitKind) throw invalidField('unitId', 'routing_unit_required');
    return this.db.transaction().execute(async (trx) => {
      if (input.unitId) {
        const unit = await repo.findUnitInScope(trx, actor.scope, input.unitId);
        if (!unit) throw invalidField('unitId', 'unit_unknown');
      }
      const now = this.clock.now();
      let before: RoutingRuleRow | undefined;
      if (replaces) {
        before = await this.retireIn(trx, actor, replaces, now);
      }
      const row = await repo.insertRule(trx, {
        category_prefix: input.categoryPrefix,
        area_prefix: input.areaPrefix,
        centre: input.centre,
        unit_id: input.unitId ?? null,
        unit_kind: input.unitId ? null : (input.unitKind ?? null),
        note: input.note ?? null,
        created_by: actor.userId,
        created_at: now,
      });
      await this.audit.record(trx, actor, {
        action: replaces ? 'routing_rule.update' : 'routing_rule.create',
        entityType: 'routing_rule',
        entityId: row.id,
        areaCode: row.area_prefix || null,
        before: before ?? null,
        after: row,
      });
      return row;
    });
  }

  retire(actor: Actor, id: string) {
    return this.db.transaction().execute(async (trx) => {
      const before = await this.retireIn(trx, actor, id, this.clock.now());
      await this.audit.record(trx, actor, {
        action: 'routing_rule.retire',
        entityType: 'routing_rule',
        entityId: id,
        areaCode: before.area_prefix || null,
        before,
      });
    });
  }

  private async retireIn(trx: Executor, actor: Actor, id: string, now: Date): Promise<RoutingRuleRow> {
    const rule = await repo.lockLiveRule(trx, id);
    // A rule above the administrator's area (a city default seen from a county) is not theirs to change.
    if (!rule || !ownsRule(actor.scope, rule.area_prefix)) throw notFound();
    await repo.retireRule(trx, id, now);
    return rule;
  }
}

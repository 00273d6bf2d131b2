import type { Db, Executor } from '../../db/database.js';
import type { EventRow, MediationCaseRow, MediationLevel, UnitKind } from '../../db/schema.js';
import { type Scope, withinScope } from '../../db/scope.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../../lib/context.js';
import { AppError, forbidden, invalidField, notFound } from '../../lib/errors.js';
import { mostSpecific, nearestUnitIn, type ReferenceData } from '../../lib/reference-cache.js';
import type { AuditService } from '../audit/audit.service.js';
import type { DeadlinePolicy } from '../events/deadline-policy.js';
import { type EventStatus, type Rating, transition as runTransition } from '../events/event-state-machine.js';
import type { NotificationService } from '../events/notification.service.js';
import type { RoutingService } from '../routing/routing.service.js';
import { unitSearchAreas } from '../routing/routing-rules.js';
import * as repo from './mediation.repository.js';
import { levelFunnel, mediationMove } from './mediation-levels.js';

const levelsOf = (c: Pick<MediationCaseRow, 'levels'>): MediationLevel[] =>
  (typeof c.levels === 'string' ? JSON.parse(c.levels) : c.levels) as MediationLevel[];

export interface MediationPlan {
  policyId: string;
  levels: MediationLevel[];
  unitId: string | null;
}

export interface MediationInput {
  action: 'resolve' | 'fail';
  note?: string | null;
  outcome?: string | null;
  agreement?: string | null;
}

/**
 * Dispute cases through the levels of the mediation policy. A level's unit (司法所, township centre)
 * is found near the event's grid when the case reaches it, and told through its inbox; a level with
 * no unit belongs to the grid's mediators and grid workers. Escalations by time run from the
 * sweeper, under a row lock, so each happens once however many processes sweep.
 */
export class MediationService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly deadlines: DeadlinePolicy,
    private readonly routing: RoutingService,
    private readonly notifications: NotificationService,
  ) {}

  /**
   * Where a new case for the grid would start: the most specific policy, its first level and that
   * level's unit. Read-only, so intake can work it out before it opens its transaction.
   */
  async plan(q: Executor, gridCode: string, known?: ReferenceData): Promise<MediationPlan> {
    const ref = known ?? (await this.routing.reference.get(q));
    const policy = mostSpecific(ref.mediationPolicies, (p) => p.area_prefix, gridCode);
    if (!policy) throw new Error(`no mediation policy covers grid ${gridCode}`);
    const first = policy.levels[0]!;
    const unitId = first.unitKind ? nearestUnitIn(ref, first.unitKind, unitSearchAreas(gridCode)) : null;
    return { policyId: policy.id, levels: policy.levels, unitId };
  }

  /**
   * Opens each event's case at the first level of its planned policy: all the cases and their first steps in one
   * statement (the step's foreign key is checked at its end), then each first level is told.
   */
  async openMany(trx: Executor, cases: ReadonlyArray<{ event: EventRow; plan: MediationPlan }>): Promise<void> {
    if (cases.length === 0) return;
    const now = this.clock.now();
    const rows = cases.map(({ event: e, plan: { policyId, levels, unitId } }) => {
      const first = levels[0]!;
      return {
        e,
        first,
        unitId,
        policyId,
        levels,
        dueAt: this.deadlines.calendar.addWorkingDays(now, first.workingDays),
      };
    });
    await repo.insertCasesWithFirstSteps(
      trx,
      rows.map((r) => ({
        event_id: r.e.id,
        county_code: r.e.county_code,
        grid_code: r.e.grid_code,
        policy_id: r.policyId,
        levels: JSON.stringify(r.levels),
        level_index: 0,
        level_key: r.first.key,
        level_unit_id: r.unitId,
        level_due_at: r.dueAt,
        status: 'open' as const,
        opened_at: now,
      })),
      rows.map((r) => ({
        event_id: r.e.id,
        level_index: 0,
        level_key: r.first.key,
        unit_id: r.unitId,
        started_at: now,
        due_at: r.dueAt,
      })),
    );
    await this.tell(
      trx,
      rows.map((r) => ({
        event: r.e,
        unitId: r.unitId,
        levelIndex: 0,
        title: `纠纷待调解:${r.e.number}(${r.first.name})`,
      })),
    );
  }

  async get(trx: Executor, eventId: string) {
    const c = await repo.findCaseWithUnit(trx, eventId);
    if (!c) return null;
    const steps = await repo.listSteps(trx, eventId);
    return { ...c, levels: levelsOf(c), steps };
  }

  /** May this account act on the case at its current level? */
  canAct(actor: Actor, c: Pick<MediationCaseRow, 'status' | 'level_index' | 'level_unit_id'>): boolean {
    if (c.status !== 'open' || !actor.permissions.has('mediation:act')) return false;
    if (actor.roles.some((r) => r === 'admin' || r === 'operator' || r === 'mediator')) return true;
    if (actor.roles.includes('grid_worker') && c.level_index === 0) return true;
    return actor.unitId !== null && actor.unitId === c.level_unit_id;
  }

  /** The mediator resolves the case (with the outcome and the agreement, 调解协议) or marks the level failed. */
  act(actor: Actor, eventId: string, input: MediationInput) {
    return this.db.transaction().execute(async (trx) => {
      const e = await repo.lockEventInScope(trx, actor.scope, eventId);
      if (!e) throw notFound();
      const c = await repo.lockCase(trx, eventId);
      if (!c) throw notFound();
      if (c.status !== 'open') throw new AppError('invalid_transition', 'mediation_not_open');
      if (!this.canAct(actor, c)) throw forbidden();
      if (input.action === 'resolve' && !input.outcome?.trim()) throw invalidField('outcome', 'required');
      if (input.action === 'fail' && (input.note?.trim().length ?? 0) < 2)
        throw invalidField('note', 'event_reason_required');
      await this.applyIn(trx, e, c, input.action === 'resolve' ? 'resolved' : 'failed', actor, input);
      return this.get(trx, eventId);
    });
  }

  private async applyIn(
    trx: Executor,
    e: EventRow,
    c: MediationCaseRow,
    result: 'resolved' | 'failed' | 'timeout',
    actor: Actor | null,
    input: Omit<MediationInput, 'action'>,
  ) {
    const levels = levelsOf(c);
    const move = mediationMove(levels, { status: c.status, levelIndex: c.level_index }, result);
    if (move.kind === 'not_open') return;
    const now = this.clock.now();
    const who = actor ?? { userId: null, username: 'system:deadline-sweeper', displayName: '系统', ip: null };
    await repo.endStep(trx, c.event_id, c.level_index, {
      ended_at: now,
      result,
      note: input.note ?? null,
      actor_name: who.displayName,
    });
    const log = (action: string, note: string, publicNote: string, unitId: string | null) =>
      repo.insertTimelineRow(trx, {
        county_code: e.county_code,
        event_id: e.id,
        at: now,
        actor_id: who.userId,
        actor_name: who.displayName,
        action,
        from_status: e.status,
        to_status: e.status,
        note,
        public_note: publicNote,
        unit_id: unitId,
      });

    if (move.kind === 'resolved') {
      await repo.resolveCase(trx, c.event_id, {
        outcome: input.outcome ?? null,
        agreement: input.agreement ?? null,
        resolved_level_key: move.levelKey,
        closed_at: now,
      });
      await log(
        'mediation_resolve',
        `${levels[c.level_index]!.name}调解成功:${input.outcome ?? ''}`,
        '调解成功',
        c.level_unit_id,
      );
      await this.feedbackIfHandling(trx, e, now, who);
    } else if (move.kind === 'escalated') {
      const unitId = move.to.unitKind
        ? await this.routing.nearestUnit(trx, e.grid_code, move.to.unitKind as UnitKind)
        : null;
      const dueAt = this.deadlines.calendar.addWorkingDays(now, move.to.workingDays);
      await repo.moveCaseUp(trx, c.event_id, {
        level_index: move.toIndex,
        level_key: move.to.key,
        level_unit_id: unitId,
        level_due_at: dueAt,
      });
      await repo.insertStep(trx, {
        event_id: c.event_id,
        level_index: move.toIndex,
        level_key: move.to.key,
        unit_id: unitId,
        started_at: now,
        due_at: dueAt,
      });
      const why = result === 'timeout' ? '期限届满未化解' : `调解不成:${input.note ?? ''}`;
      await log('mediation_escalate', `${move.from.name} → ${move.to.name}(${why})`, '已提交上一级调解', unitId);
      await this.tell(trx, [
        {
          event: e,
          unitId,
          levelIndex: move.toIndex,
          title: `纠纷升级调解:${e.number}(${move.from.name} → ${move.to.name})`,
        },
      ]);
    } else {
      await repo.exhaustCase(trx, c.event_id, now);
      await log(
        'mediation_exhausted',
        `${move.from.name}调解未成,四级调解用尽,引导诉讼或仲裁`,
        '调解未成,已引导通过法律途径解决',
        null,
      );
      await this.notifications.toOperators(trx, e.grid_code, {
        kind: 'mediation',
        eventId: e.id,
        title: `纠纷调解用尽:${e.number}`,
        body: '请引导当事人申请仲裁或诉讼',
      });
    }
    await this.audit.record(trx, who, {
      action: `mediation.${move.kind}`,
      entityType: 'event',
      entityId: e.id,
      areaCode: e.grid_code,
      before: { level: c.level_key },
      after: { move: move.kind },
      reason: input.note ?? null,
    });
  }

  /** A dispute resolved while its event was being handled is the handling unit's feedback. */
  private async feedbackIfHandling(
    trx: Executor,
    e: EventRow,
    now: Date,
    who: { userId: string | null; displayName: string },
  ) {
    const r = runTransition(
      {
        status: e.status as EventStatus,
        suspendedFrom: null,
        reopenCount: e.reopen_count,
        rating: (e.rating as Rating | null) ?? null,
        openCoHandlerTasks: 0,
      },
      { action: 'feedback', role: 'handler' },
    );
    if (!r.ok) return;
    await repo.setEventStatus(trx, e.id, {
      status: r.state.status,
      stage: 'verify',
      updated_at: now,
      version: e.version + 1,
    });
    await repo.insertTimelineRow(trx, {
      county_code: e.county_code,
      event_id: e.id,
      at: now,
      actor_id: who.userId,
      actor_name: who.displayName,
      action: 'feedback',
      from_status: e.status,
      to_status: r.state.status,
      note: '调解成功',
      public_note: '承办单位已反馈处理结果',
      unit_id: null,
    });
  }

  /** A level with a unit tells its accounts; a level without one tells the grid's mediators (and grid workers). */
  private async tell(
    trx: Executor,
    items: ReadonlyArray<{ event: EventRow; unitId: string | null; levelIndex: number; title: string }>,
  ) {
    if (items.length === 0) return;
    const notices = items.map((i) => ({
      eventId: i.event.id,
      unitId: i.unitId,
      gridCode: i.event.grid_code,
      levelIndex: i.levelIndex,
      title: i.title,
      body: i.event.description.slice(0, 80),
    }));
    await repo.insertLevelNotices(trx, notices, this.clock.now());
  }

  list(scope: Scope, f: repo.CaseFilter) {
    return repo.listCases(this.db, scope, f);
  }

  /** 小事不出村、大事不出镇、矛盾不上交 for an area: cases by the level that resolved them. */
  async funnel(scope: Scope, areaCode: string) {
    // An area outside the scope falls back to the whole scope.
    const prefix = withinScope(scope, areaCode) ? areaCode : scope.prefix;
    const rows = await repo.countCasesByOutcome(this.db, prefix);
    const policy = await repo.findApplicablePolicyLevels(this.db, prefix);
    const resolvedByLevel: Record<string, number> = {};
    let open = 0;
    let exhausted = 0;
    let total = 0;
    for (const r of rows) {
      const n = Number(r.n);
      total += n;
      if (r.status === 'open') open += n;
      if (r.status === 'exhausted') exhausted += n;
      if (r.status === 'resolved' && r.resolved_level_key)
        resolvedByLevel[r.resolved_level_key] = (resolvedByLevel[r.resolved_level_key] ?? 0) + n;
    }
    return {
      areaCode: prefix,
      total,
      open,
      exhausted,
      levels: levelFunnel(levelsOf(policy), { resolvedByLevel, exhausted }),
    };
  }
}

import type { Db, Executor } from '../../db/database.js';
import type { EventRow } from '../../db/schema.js';
import { UNRESTRICTED } from '../../db/scope.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../../lib/context.js';
import { AppError, forbidden, invalidField, notFound } from '../../lib/errors.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CoHandlerService } from './co-handler.service.js';
import { type DeadlinePolicy, stageOf } from './deadline-policy.js';
import { isMergeable, isMergeTarget, mayHandle } from './event.policy.js';
import * as repo from './event.repository.js';
import {
  ENDING_STATUSES,
  type EventAction,
  type EventActorRole,
  type EventStatus,
  type Rating,
  transition as runTransition,
  type TransitionError,
} from './event-state-machine.js';
import type { NotificationService, SmsChannel } from './notification.service.js';

export interface TransitionInput {
  action: EventAction;
  note?: string | null;
  rating?: Rating;
  override?: boolean;
  /** The lead unit for dispatch and reassign; defaults to the unit the routing rule named. */
  unitId?: string | null;
}

export const PUBLIC_NOTES: Record<string, string> = {
  report: '已收到您反映的问题',
  accept: '已受理',
  reject: '不予受理',
  dispatch: '已派遣至承办单位',
  start: '承办单位正在处置',
  return: '正在重新分派',
  reassign: '已改派承办单位',
  feedback: '承办单位已反馈处理结果',
  verify: '已核查',
  rework: '处置结果需完善,正在重新处置',
  close: '已办结',
  rate: '感谢您的评价',
  reopen: '已根据您的评价重新处置',
  suspend: '暂时挂起',
  resume: '恢复办理',
  merge: '已与相同问题合并办理',
};

/** Texts to the reporter for the steps a resident cares about. */
const SMS: Partial<Record<EventAction, string>> = {
  accept: '已受理',
  reject: '未予受理',
  close: '已办结,欢迎评价',
  reopen: '已重新办理',
};

const ERRORS: Record<TransitionError, AppError> = {
  action_not_allowed: new AppError('invalid_transition', 'event_action_not_allowed'),
  role_not_allowed: new AppError('forbidden', 'event_role_not_allowed'),
  reason_required: new AppError('validation_failed', 'validation_failed', [
    { path: 'note', key: 'event_reason_required' },
  ]),
  rating_required: new AppError('validation_failed', 'validation_failed', [
    { path: 'rating', key: 'event_rating_required' },
  ]),
  co_handlers_open: new AppError('invalid_transition', 'event_co_handlers_open'),
  reopen_limit: new AppError('invalid_transition', 'event_reopen_limit'),
};

/**
 * The closed loop: each action goes through the state machine under a row lock (two operators
 * cannot both dispatch), then sets the lead and owning units (首接负责: the receiving centre owns
 * the event until the lead unit starts on it), the stage deadline, the timeline, the inbox and the
 * audit record, all in one transaction.
 */
export class EventLoop {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly cipher: PersonalDataCipher,
    private readonly deadlines: DeadlinePolicy,
    private readonly coHandlers: CoHandlerService,
    private readonly notifications: NotificationService,
    private readonly sms: SmsChannel,
  ) {}

  async transition(
    actor: Actor | null,
    id: string,
    input: TransitionInput,
    role: EventActorRole,
    by: { trackingCode?: string } = {},
  ): Promise<EventRow> {
    const updated = await this.db.transaction().execute(async (trx) => {
      const e = by.trackingCode
        ? await repo.lockEventByTrackingCode(trx, by.trackingCode)
        : await repo.lockEvent(trx, actor?.scope ?? UNRESTRICTED, id);
      if (!e) throw notFound();
      return this.transitionIn(trx, actor, e, input, role);
    });
    const phone =
      updated.reporter_phone_enc && SMS[input.action] ? this.cipher.decrypt(updated.reporter_phone_enc) : null;
    if (phone)
      await this.sms
        .send(phone, `【枫桥】您反映的问题(查询码${updated.tracking_code})${SMS[input.action]}。`)
        .catch(() => {});
    return updated;
  }

  /** One action on a locked event row, inside the caller's transaction. */
  async transitionIn(
    trx: Executor,
    actor: Actor | null,
    e: EventRow,
    input: TransitionInput,
    role: EventActorRole,
  ): Promise<EventRow> {
    // A handler acts only for the unit the event is dispatched to.
    if (role === 'handler' && !mayHandle(actor, e)) throw forbidden();
    // A merged duplicate is finished: its resident's code rates and reopens nothing (canRate says the same).
    if (role === 'resident' && e.merged_into) throw ERRORS.action_not_allowed;
    const openTasks = input.action === 'close' ? await this.coHandlers.openCount(trx, e.id) : 0;
    const r = runTransition(
      {
        status: e.status as EventStatus,
        suspendedFrom: (e.suspended_from as EventStatus | null) ?? null,
        reopenCount: e.reopen_count,
        rating: (e.rating as Rating | null) ?? null,
        openCoHandlerTasks: openTasks,
      },
      { action: input.action, role, note: input.note, rating: input.rating, override: input.override },
    );
    if (!r.ok) throw ERRORS[r.error];
    const now = this.clock.now();
    const units = await this.units(trx, e, input);
    const deadline = await this.deadline(trx, e, input.action, now);
    const status = r.state.status;
    const stage = stageOf(status);
    const stageDueAt =
      stage === e.stage && input.action !== 'resume' && input.action !== 'reopen'
        ? e.stage_due_at
        : await this.deadlines.stageDue(trx, e.category_code, stage, now, deadline.due_at ?? e.due_at);
    const updated = await repo.updateEvent(trx, e.id, {
      status,
      suspended_from: r.state.suspendedFrom,
      reopen_count: r.state.reopenCount,
      rating: r.state.rating,
      ...units,
      ...deadline,
      stage,
      stage_due_at: stageDueAt,
      ...(stageDueAt !== e.stage_due_at ? { stage_overdue_at: null } : {}),
      version: e.version + 1,
      updated_at: now,
      ...(status === 'closed' ? { closed_at: now } : {}),
      ...(input.action === 'reopen' ? { closed_at: null } : {}),
    });
    const who = actor ?? { userId: null, username: 'public', displayName: '群众', ip: null };
    const note =
      input.action === 'close' && openTasks > 0
        ? `[协办未完成,牵头单位决定结案] ${input.note ?? ''}`
        : (input.note ?? null);
    await repo.insertSteps(trx, [
      {
        county_code: e.county_code,
        event_id: e.id,
        at: now,
        actor_id: who.userId,
        actor_name: who.displayName,
        action: input.action,
        from_status: e.status,
        to_status: status,
        note,
        public_note: PUBLIC_NOTES[input.action] ?? null,
        unit_id: actor?.unitId ?? updated.lead_unit_id ?? null,
      },
    ]);
    if (ENDING_STATUSES.includes(status)) await repo.withdrawOpenMediation(trx, e.id, now);
    await this.notify(trx, updated, input.action, note);
    await this.audit.record(trx, who, {
      action: `event.${input.action}`,
      entityType: 'event',
      entityId: e.id,
      areaCode: e.grid_code,
      before: { status: e.status, leadUnitId: e.lead_unit_id },
      after: { status, leadUnitId: updated.lead_unit_id, rating: r.state.rating, override: openTasks > 0 || undefined },
      reason: note,
    });
    return updated;
  }

  /** Lead and owner: dispatch and reassign name the lead; starting work takes ownership; a return hands it back to the receiving centre. */
  private async units(
    trx: Executor,
    e: EventRow,
    input: TransitionInput,
  ): Promise<Partial<Pick<EventRow, 'lead_unit_id' | 'owner_unit_id'>>> {
    if (input.action === 'dispatch' || input.action === 'reassign') {
      const unitId = input.unitId ?? e.routed_unit_id;
      if (!unitId) throw invalidField('unitId', 'event_unit_required');
      const unit = await repo.findActiveUnit(trx, unitId);
      if (!unit || !(e.grid_code.startsWith(unit.area_code) || unit.area_code === `${e.grid_code.slice(0, 4)}00`))
        throw invalidField('unitId', 'unit_unknown');
      if (input.action === 'reassign' && unit.id === e.lead_unit_id) throw invalidField('unitId', 'event_same_unit');
      return { lead_unit_id: unit.id, ...(input.action === 'reassign' ? { owner_unit_id: e.receiving_unit_id } : {}) };
    }
    if (input.action === 'start') return { owner_unit_id: e.lead_unit_id };
    if (input.action === 'return') return { lead_unit_id: null, owner_unit_id: e.receiving_unit_id };
    return {};
  }

  /** Resuming adds the suspended working time to the deadlines; reopening starts the category's limit again. */
  private async deadline(
    trx: Executor,
    e: EventRow,
    action: EventAction,
    now: Date,
  ): Promise<Partial<Pick<EventRow, 'due_at' | 'warn_at' | 'warned_at' | 'overdue_at'>>> {
    const cal = this.deadlines.calendar;
    if (action === 'resume') {
      const since = await repo.findLastSuspension(trx, e.id);
      const paused = since ? cal.workingMinutesBetween(since.at, now) : 0;
      const dueAt = cal.addWorkingHours(e.due_at, paused / 60);
      const warnAt = cal.addWorkingHours(e.warn_at, paused / 60);
      return {
        due_at: dueAt,
        warn_at: warnAt,
        ...(dueAt > now ? { overdue_at: null } : {}),
        ...(warnAt > now ? { warned_at: null } : {}),
      };
    }
    if (action === 'reopen') {
      const c = await repo.findCategoryLimit(trx, e.category_code);
      const { dueAt, warnAt } = this.deadlines.eventDeadline(now, c.limit_working_days);
      return { due_at: dueAt, warn_at: warnAt, warned_at: null, overdue_at: null };
    }
    return {};
  }

  private async notify(trx: Executor, e: EventRow, action: EventAction, note: string | null) {
    const n = (kind: 'task' | 'returned', title: string) => ({
      kind,
      eventId: e.id,
      title: `${title}:${e.number}`,
      body: note ?? e.description.slice(0, 80),
    });
    if (action === 'dispatch' || action === 'reassign')
      await this.notifications.toUnit(trx, e.lead_unit_id, n('task', '新派遣任务'));
    if (action === 'reopen') await this.notifications.toUnit(trx, e.lead_unit_id, n('task', '群众不满意,重新办理'));
    if (action === 'rework')
      await this.notifications.toUnit(trx, e.lead_unit_id, n('returned', '核查未通过,请重新处置'));
    if (action === 'return') await this.notifications.toOperators(trx, e.grid_code, n('returned', '承办单位退回'));
  }

  /** Dispatches many accepted events at once; each in its own transaction, so one failure does not undo the rest. */
  async bulkDispatch(actor: Actor, ids: string[], unitId: string | null, note: string | null) {
    const dispatched: string[] = [];
    const failed: Array<{ id: string; error: string }> = [];
    for (const id of ids) {
      try {
        await this.transition(actor, id, { action: 'dispatch', unitId, note }, 'operator');
        dispatched.push(id);
      } catch (err) {
        failed.push({ id, error: err instanceof AppError ? (err.fields[0]?.key ?? err.key) : 'internal' });
      }
    }
    return { dispatched, failed };
  }

  /** Merges a duplicate into the open original. Both timelines are kept; the duplicate closes, pointing at the original. */
  merge(actor: Actor, duplicateId: string, intoId: string, note: string) {
    return this.db.transaction().execute(async (trx) => {
      if (duplicateId === intoId) throw invalidField('intoId', 'event_merge_self');
      // Lock both rows in id order, so two merges of the same pair cannot deadlock.
      const rows = await repo.lockEventsInIdOrder(trx, actor.scope, [duplicateId, intoId]);
      const dup = rows.find((r) => r.id === duplicateId);
      const into = rows.find((r) => r.id === intoId);
      if (!dup) throw notFound();
      if (!into) throw invalidField('intoId', 'event_merge_target');
      if (!isMergeable(dup)) throw new AppError('invalid_transition', 'event_action_not_allowed');
      if (!isMergeTarget(into, dup)) throw invalidField('intoId', 'event_merge_target');
      const now = this.clock.now();
      const updated = await repo.updateEvent(trx, dup.id, {
        status: 'closed',
        merged_into: into.id,
        closed_at: now,
        stage: null,
        stage_due_at: null,
        updated_at: now,
        version: dup.version + 1,
      });
      const row = (e: EventRow, to: string, text: string, publicNote: string | null) => ({
        county_code: e.county_code,
        event_id: e.id,
        at: now,
        actor_id: actor.userId,
        actor_name: actor.displayName,
        action: e.id === dup.id ? 'merge' : 'merge_in',
        from_status: e.status,
        to_status: to,
        note: text,
        public_note: publicNote,
        unit_id: actor.unitId,
      });
      await repo.insertSteps(trx, [
        row(dup, 'closed', `并入 ${into.number}:${note}`, PUBLIC_NOTES.merge!),
        row(into, into.status, `合并 ${dup.number}:${note}`, null),
      ]);
      await repo.withdrawOpenMediation(trx, dup.id, now);
      await this.audit.record(trx, actor, {
        action: 'event.merge',
        entityType: 'event',
        entityId: dup.id,
        areaCode: dup.grid_code,
        before: { status: dup.status },
        after: { mergedInto: into.id },
        reason: note,
      });
      return updated;
    });
  }
}

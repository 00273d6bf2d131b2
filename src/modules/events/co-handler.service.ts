import type { Db, Executor } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../../lib/context.js';
import { AppError, forbidden, invalidField, notFound } from '../../lib/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import * as repo from './co-handler.repository.js';
import type { DeadlinePolicy } from './deadline-policy.js';
import { isOpenForCoHandlers, mayLead } from './event.policy.js';
import type { NotificationService } from './notification.service.js';

/**
 * Joint handling (一庭三所联动): the lead unit on the event, and a task with its own feedback and
 * deadline for each co-handling unit (法庭, 派出所, 司法所, 律师事务所, other departments). The
 * event cannot close while a task is open unless the lead overrides it with a reason (enforced by
 * the state machine through `openCoHandlerTasks`).
 */
export class CoHandlerService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly deadlines: DeadlinePolicy,
    private readonly notifications: NotificationService,
  ) {}

  listFor(trx: Executor, eventId: string) {
    return repo.listCoHandlerTasks(trx, eventId);
  }

  async openCount(trx: Executor, eventId: string): Promise<number> {
    const r = await repo.countOpenCoHandlerTasks(trx, eventId);
    return Number(r.n);
  }

  /** An operator, or the lead unit's handler, asks another unit to co-handle. */
  add(actor: Actor, eventId: string, input: { unitId: string; task: string; workingDays?: number }) {
    return this.db.transaction().execute(async (trx) => {
      const e = await repo.lockEventInScope(trx, actor.scope, eventId);
      if (!e) throw notFound();
      if (!mayLead(actor, e.lead_unit_id)) throw forbidden();
      if (!isOpenForCoHandlers(e)) throw new AppError('invalid_transition', 'event_action_not_allowed');
      if (input.unitId === e.lead_unit_id) throw invalidField('unitId', 'co_handler_is_lead');
      // A partner unit may sit above the operator's area (the county court for a township), so any active unit of the county or city will do.
      const unit = await repo.findActiveUnit(trx, input.unitId);
      if (!unit || !(e.grid_code.startsWith(unit.area_code) || unit.area_code === `${e.grid_code.slice(0, 4)}00`))
        throw invalidField('unitId', 'unit_unknown');
      const existing = await repo.findUnitTask(trx, e.id, unit.id);
      if (existing?.status === 'open') throw invalidField('unitId', 'co_handler_exists');
      const now = this.clock.now();
      const dueAt = this.deadlines.calendar.addWorkingDays(now, input.workingDays ?? 3);
      const values = {
        task: input.task,
        status: 'open' as const,
        due_at: dueAt,
        overdue_at: null,
        feedback: null,
        created_by: actor.userId,
        created_at: now,
        done_at: null,
        done_by: null,
      };
      const task = existing
        ? await repo.reopenTask(trx, existing.id, values)
        : await repo.insertTask(trx, { ...values, county_code: e.county_code, event_id: e.id, unit_id: unit.id });
      await this.log(trx, e, actor, 'co_handler_add', `协办:${unit.name} — ${input.task}`, unit.id);
      await this.notifications.toUnit(trx, unit.id, {
        kind: 'co_task',
        eventId: e.id,
        title: `协办任务:${e.number}`,
        body: input.task,
      });
      await this.audit.record(trx, actor, {
        action: 'event.co_handler_add',
        entityType: 'event',
        entityId: e.id,
        areaCode: e.grid_code,
        after: { unitId: unit.id, task: input.task, dueAt: dueAt.toISOString() },
      });
      return task;
    });
  }

  /** The co-handling unit's handler reports back; that closes its task. */
  feedback(actor: Actor, eventId: string, taskId: string, text: string) {
    return this.finish(actor, eventId, taskId, 'done', text);
  }

  /** The lead cancels a task that is no longer needed, with a reason. */
  cancel(actor: Actor, eventId: string, taskId: string, note: string) {
    return this.finish(actor, eventId, taskId, 'cancelled', note);
  }

  private finish(actor: Actor, eventId: string, taskId: string, status: 'done' | 'cancelled', text: string) {
    return this.db.transaction().execute(async (trx) => {
      const e = await repo.lockEventInScope(trx, actor.scope, eventId);
      if (!e) throw notFound();
      const t = await repo.findTaskWithUnitName(trx, e.id, taskId);
      if (!t) throw notFound();
      if (t.status !== 'open') throw new AppError('invalid_transition', 'co_handler_not_open');
      const allowed =
        status === 'done'
          ? actor.unitId === t.unit_id || actor.permissions.has('event:operate')
          : mayLead(actor, e.lead_unit_id);
      if (!allowed) throw forbidden();
      const now = this.clock.now();
      const updated = await repo.finishTask(trx, t.id, { status, feedback: text, done_at: now, done_by: actor.userId });
      await this.log(
        trx,
        e,
        actor,
        status === 'done' ? 'co_handler_feedback' : 'co_handler_cancel',
        `${t.unit_name}:${text}`,
        t.unit_id,
      );
      if (status === 'done')
        await this.notifications.toUnit(trx, e.lead_unit_id, {
          kind: 'task',
          eventId: e.id,
          title: `协办单位已反馈:${e.number}`,
          body: `${t.unit_name}:${text.slice(0, 60)}`,
        });
      await this.audit.record(trx, actor, {
        action: `event.co_handler_${status}`,
        entityType: 'event',
        entityId: e.id,
        areaCode: e.grid_code,
        after: { taskId: t.id, status },
        reason: text,
      });
      return updated;
    });
  }

  private async log(
    trx: Executor,
    e: { id: string; county_code: string; status: string },
    actor: Actor,
    action: string,
    note: string,
    unitId: string,
  ) {
    await repo.insertTimelineRow(trx, {
      county_code: e.county_code,
      event_id: e.id,
      at: this.clock.now(),
      actor_id: actor.userId,
      actor_name: actor.displayName,
      action,
      from_status: e.status,
      to_status: e.status,
      note,
      public_note: null,
      unit_id: unitId,
    });
  }
}

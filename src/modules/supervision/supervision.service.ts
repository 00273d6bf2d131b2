import type { Db, Executor } from '../../db/database.js';
import type { Scope } from '../../db/scope.js';
import { countyCodeOf } from '../../kernel/area-code.js';
import type { WorkingCalendar } from '../../kernel/working-calendar.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../../lib/context.js';
import { AppError, conflict, forbidden, invalidField, notFound } from '../../lib/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import {
  lastCompleteMonth,
  lastCompleteQuarter,
  type Period,
  periodBounds,
  shanghaiDate,
} from '../reports/situation-period.js';
import { canDecideFlag, caseMove, ruleReach } from './supervision.policy.js';
import * as caseRepo from './supervision-case.repository.js';
import * as flagRepo from './supervision-flag.repository.js';
import { measureCounts } from './supervision-measures.js';
import { listActiveRules } from './supervision-rule.repository.js';
import { crosses, deadlineColour, type SupervisionAction, type SupervisionStatus } from './supervision-rules.js';

/**
 * 挂牌督办. Rules flag areas (set-based, idempotent per rule × area × period); the level above
 * confirms a flag into a case with a deadline in working days and follows it to closure. Every
 * read is limited to the actor's subtree, so a county sees its townships' cases, a township its
 * own, and a sibling gets 404.
 */
export class SupervisionService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly calendar: WorkingCalendar,
  ) {}

  /** Evaluates the active rules covering the actor's subtree for a period (default: each rule's last complete month or quarter). */
  async evaluate(actor: Actor, period?: Period) {
    const rules = await listActiveRules(this.db);
    const today = shanghaiDate(this.clock.now());
    let created = 0;
    let existing = 0;
    for (const rule of rules) {
      // The narrower of the rule's subtree and the actor's: a county evaluates only its own.
      const prefix = ruleReach(actor.scope, rule.area_prefix);
      if (prefix === null) continue;
      const p = period ?? (rule.period === 'month' ? lastCompleteMonth(today) : lastCompleteQuarter(today));
      const counts = await measureCounts(
        this.db,
        rule.measure,
        prefix,
        rule.level === 'township' ? 9 : 12,
        periodBounds(p),
      );
      for (const c of counts) {
        const value = crosses({ measure: rule.measure, threshold: rule.threshold, minEvents: rule.min_events }, c);
        if (value === null) continue;
        const made = await this.db.transaction().execute(async (trx) => {
          const row = await flagRepo.insertFlag(trx, {
            county_code: countyCodeOf(c.areaCode),
            rule_id: rule.id,
            area_code: c.areaCode,
            period_from: p.from,
            period_to: p.to,
            value,
            threshold: rule.threshold,
            events: c.events,
            detail: JSON.stringify(c.detail ?? {}),
            created_at: this.clock.now(),
          });
          if (row)
            await this.audit.record(trx, actor, {
              action: 'supervision.flag',
              entityType: 'supervision_flag',
              entityId: row.id,
              areaCode: c.areaCode,
              after: { rule: rule.name, period: p, value },
            });
          return !!row;
        });
        if (made) created++;
        else existing++;
      }
    }
    return { created, existing };
  }

  flags(scope: Scope, f: { status?: flagRepo.FlagStatus; areaCode?: string }) {
    return flagRepo.listFlags(this.db, scope, f);
  }

  /** The level above turns a flag into a case (挂牌) with a deadline in working days. */
  async confirm(actor: Actor, flagId: string, input: { requirement?: string; workingDays?: number }) {
    return this.db.transaction().execute(async (trx) => {
      const flag = await flagRepo.lockFlagWithRule(trx, actor.scope, flagId);
      if (!flag) throw notFound();
      if (!canDecideFlag(actor.scope, flag.area_code)) throw forbidden();
      if (flag.status !== 'pending') throw conflict('supervision_flag_decided');
      const now = this.clock.now();
      const days = input.workingDays ?? flag.rectify_working_days;
      const county = countyCodeOf(flag.area_code);
      await caseRepo.lockCaseNumbering(trx, county);
      const year = shanghaiDate(now).slice(0, 4);
      const seq = await caseRepo.countCaseNumbers(trx, county, year);
      const c = await caseRepo.insertCase(trx, {
        county_code: county,
        area_code: flag.area_code,
        flag_id: flag.id,
        number: `DB-${county}-${year}-${String(Number(seq.n) + 1).padStart(4, '0')}`,
        title: `${flag.area_name}:${flag.rule_name}(${flag.period_from}至${flag.period_to})`,
        requirement: input.requirement?.trim() || `请于${days}个工作日内查明原因、落实整改并申请销号。`,
        status: 'listed',
        rectify_working_days: days,
        deadline_at: this.calendar.addWorkingDays(now, days),
        supervisor_code: actor.scope.code,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      });
      await flagRepo.confirmFlag(trx, flag.id, actor.userId, now);
      await this.step(trx, actor, c.id, county, 'list', null, 'listed', c.requirement);
      await this.audit.record(trx, actor, {
        action: 'supervision.confirm',
        entityType: 'supervision_case',
        entityId: c.id,
        areaCode: c.area_code,
        after: { number: c.number, flagId: flag.id, deadlineAt: c.deadline_at, workingDays: days },
      });
      return c;
    });
  }

  async dismiss(actor: Actor, flagId: string, note: string) {
    return this.db.transaction().execute(async (trx) => {
      const flag = await flagRepo.lockFlag(trx, actor.scope, flagId);
      if (!flag) throw notFound();
      if (!canDecideFlag(actor.scope, flag.area_code)) throw forbidden();
      if (flag.status !== 'pending') throw conflict('supervision_flag_decided');
      await flagRepo.dismissFlag(trx, flagId, actor.userId, note, this.clock.now());
      await this.audit.record(trx, actor, {
        action: 'supervision.dismiss',
        entityType: 'supervision_flag',
        entityId: flagId,
        areaCode: flag.area_code,
        reason: note,
      });
      return { id: flagId, status: 'dismissed' as const };
    });
  }

  async cases(scope: Scope, f: { status?: SupervisionStatus | 'open'; areaCode?: string }) {
    const now = this.clock.now();
    const rows = await caseRepo.listCases(this.db, scope, f);
    return rows.map((r) => ({
      ...r,
      deadline: deadlineColour(
        { status: r.status, createdAt: r.created_at, deadlineAt: r.deadline_at, overdueAt: r.overdue_at },
        now,
      ),
    }));
  }

  /** One case with its steps and the flag it came from; 404 outside the actor's scope. */
  async get(actor: Actor, id: string) {
    const c = await caseRepo.findCase(this.db, actor.scope, id);
    if (!c) throw notFound();
    const [steps, flag] = await Promise.all([
      caseRepo.listSteps(this.db, id),
      c.flag_id ? flagRepo.findCaseFlag(this.db, c.flag_id) : undefined,
    ]);
    const deadline = deadlineColour(
      { status: c.status, createdAt: c.created_at, deadlineAt: c.deadline_at, overdueAt: c.overdue_at },
      this.clock.now(),
    );
    return { ...c, deadline, steps, flag: flag ?? null };
  }

  async act(actor: Actor, id: string, action: SupervisionAction, note: string | null, version?: number) {
    return this.db.transaction().execute(async (trx) => {
      const c = await caseRepo.lockCase(trx, actor.scope, id);
      if (!c) throw notFound();
      if (version !== undefined && version !== c.version) throw conflict('stale_version');
      const move = caseMove(actor.scope, c, action, note);
      if (!move.ok) {
        if (move.error === 'forbidden') throw forbidden();
        if (move.error === 'note_required') throw invalidField('note', 'required');
        throw new AppError('invalid_transition');
      }
      const now = this.clock.now();
      await caseRepo.moveCase(trx, id, { status: move.to, version: c.version + 1 }, now);
      await this.step(trx, actor, id, c.county_code, action, c.status, move.to, note);
      await this.audit.record(trx, actor, {
        action: `supervision.${action}`,
        entityType: 'supervision_case',
        entityId: id,
        areaCode: c.area_code,
        before: { status: c.status },
        after: { status: move.to },
        reason: note,
      });
      return { id, status: move.to };
    });
  }

  /** The sweep's part: stamps cases whose deadline passed (逾期) once, with a step and an audit row. */
  async markOverdue(actor: Actor): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const now = this.clock.now();
      const due = await caseRepo.markOverdueCases(trx, now);
      for (const c of due) {
        await this.step(trx, actor, c.id, c.county_code, 'overdue', c.status, c.status, null);
        await this.audit.record(trx, actor, {
          action: 'supervision.overdue',
          entityType: 'supervision_case',
          entityId: c.id,
          areaCode: c.area_code,
        });
      }
      return due.length;
    });
  }

  private async step(
    trx: Executor,
    actor: Actor,
    caseId: string,
    county: string,
    action: string,
    from: string | null,
    to: string,
    note: string | null,
  ) {
    await caseRepo.insertStep(trx, {
      county_code: county,
      case_id: caseId,
      at: this.clock.now(),
      actor_id: actor.userId,
      actor_name: actor.displayName,
      action,
      from_status: from,
      to_status: to,
      note,
    });
  }
}

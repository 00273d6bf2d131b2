import { sql } from 'kysely';
import type { Db, Executor } from '../../db/database.js';
import { inScope, type Scope } from '../../db/scope.js';
import { countyCodeOf } from '../../kernel/area-code.js';
import { allowedSupervisionActions, crosses, deadlineColour, type SupervisionAction, supervisionMove, type SupervisionStatus, sideOf } from './supervision-rules.js';
import type { WorkingCalendar } from '../../kernel/working-calendar.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../../lib/context.js';
import { AppError, conflict, forbidden, invalidField, notFound } from '../../lib/errors.js';
import { lastCompleteMonth, lastCompleteQuarter, type Period, periodBounds, shanghaiDate } from '../reports/situation-period.js';
import { measureCounts } from './supervision-measures.js';

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
    const rules = await this.db.selectFrom('supervision_rule').selectAll().where('active', '=', true).orderBy('created_at').execute();
    const today = shanghaiDate(this.clock.now());
    let created = 0;
    let existing = 0;
    for (const rule of rules) {
      // The narrower of the rule's subtree and the actor's: a county evaluates only its own.
      const prefix = rule.area_prefix.startsWith(actor.scope.prefix) ? rule.area_prefix : actor.scope.prefix.startsWith(rule.area_prefix) ? actor.scope.prefix : null;
      if (prefix === null) continue;
      const p = period ?? (rule.period === 'month' ? lastCompleteMonth(today) : lastCompleteQuarter(today));
      const counts = await measureCounts(this.db, rule.measure, prefix, rule.level === 'township' ? 9 : 12, periodBounds(p));
      for (const c of counts) {
        const value = crosses({ measure: rule.measure, threshold: rule.threshold, minEvents: rule.min_events }, c);
        if (value === null) continue;
        const made = await this.db.transaction().execute(async (trx) => {
          const row = await trx
            .insertInto('supervision_flag')
            .values({ county_code: countyCodeOf(c.areaCode), rule_id: rule.id, area_code: c.areaCode, period_from: p.from, period_to: p.to, value, threshold: rule.threshold, events: c.events, detail: JSON.stringify(c.detail ?? {}), created_at: this.clock.now() })
            .onConflict((oc) => oc.columns(['rule_id', 'area_code', 'period_from', 'period_to']).doNothing())
            .returning('id')
            .executeTakeFirst();
          if (row) await this.audit.record(trx, actor, { action: 'supervision.flag', entityType: 'supervision_flag', entityId: row.id, areaCode: c.areaCode, after: { rule: rule.name, period: p, value } });
          return !!row;
        });
        if (made) created++;
        else existing++;
      }
    }
    return { created, existing };
  }

  async flags(scope: Scope, f: { status?: 'pending' | 'confirmed' | 'dismissed'; areaCode?: string }) {
    let q = this.db
      .selectFrom('supervision_flag as f')
      .innerJoin('supervision_rule as r', 'r.id', 'f.rule_id')
      .innerJoin('area as a', 'a.code', 'f.area_code')
      .select(['f.id', 'f.area_code', 'a.name as area_name', 'a.level as area_level', 'f.period_from', 'f.period_to', 'f.value', 'f.threshold', 'f.events', 'f.detail', 'f.status', 'f.created_at', 'f.decision_note', 'r.name as rule_name', 'r.measure', 'r.rectify_working_days'])
      .where(inScope(scope, 'f.area_code'));
    if (f.status) q = q.where('f.status', '=', f.status);
    if (f.areaCode) q = q.where('f.area_code', 'like', `${f.areaCode}%`);
    const rows = await q.orderBy('f.created_at', 'desc').orderBy('f.area_code').limit(500).execute();
    return rows.map((r) => ({ ...r, detail: (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail) as Record<string, unknown> | null, canDecide: sideOf(scope.code, scope.prefix, r.area_code) === 'supervisor' }));
  }

  /** The level above turns a flag into a case (挂牌) with a deadline in working days. */
  async confirm(actor: Actor, flagId: string, input: { requirement?: string; workingDays?: number }) {
    return this.db.transaction().execute(async (trx) => {
      const flag = await trx.selectFrom('supervision_flag as f').innerJoin('supervision_rule as r', 'r.id', 'f.rule_id').innerJoin('area as a', 'a.code', 'f.area_code')
        .select(['f.id', 'f.area_code', 'f.status', 'f.period_from', 'f.period_to', 'f.value', 'r.name as rule_name', 'r.rectify_working_days', 'a.name as area_name'])
        .where('f.id', '=', flagId).where(inScope(actor.scope, 'f.area_code')).forUpdate('f').executeTakeFirst();
      if (!flag) throw notFound();
      if (sideOf(actor.scope.code, actor.scope.prefix, flag.area_code) !== 'supervisor') throw forbidden();
      if (flag.status !== 'pending') throw conflict('supervision_flag_decided');
      const now = this.clock.now();
      const days = input.workingDays ?? flag.rectify_working_days;
      const county = countyCodeOf(flag.area_code);
      // One counter per county and year, serialised by a transaction lock: readable and unique.
      await sql`select pg_advisory_xact_lock(hashtext(${`supervision_case:${county}`}))`.execute(trx);
      const year = shanghaiDate(now).slice(0, 4);
      const seq = await trx.selectFrom('supervision_case').select((eb) => eb.fn.countAll<string>().as('n')).where('number', 'like', `DB-${county}-${year}-%`).executeTakeFirstOrThrow();
      const c = await trx
        .insertInto('supervision_case')
        .values({
          county_code: county, area_code: flag.area_code, flag_id: flag.id, number: `DB-${county}-${year}-${String(Number(seq.n) + 1).padStart(4, '0')}`,
          title: `${flag.area_name}:${flag.rule_name}(${flag.period_from}至${flag.period_to})`,
          requirement: input.requirement?.trim() || `请于${days}个工作日内查明原因、落实整改并申请销号。`,
          status: 'listed', rectify_working_days: days, deadline_at: this.calendar.addWorkingDays(now, days), supervisor_code: actor.scope.code,
          created_by: actor.userId, created_at: now, updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx.updateTable('supervision_flag').set({ status: 'confirmed', decided_at: now, decided_by: actor.userId }).where('id', '=', flag.id).execute();
      await this.step(trx, actor, c.id, county, 'list', null, 'listed', c.requirement);
      await this.audit.record(trx, actor, { action: 'supervision.confirm', entityType: 'supervision_case', entityId: c.id, areaCode: c.area_code, after: { number: c.number, flagId: flag.id, deadlineAt: c.deadline_at, workingDays: days } });
      return c;
    });
  }

  async dismiss(actor: Actor, flagId: string, note: string) {
    return this.db.transaction().execute(async (trx) => {
      const flag = await trx.selectFrom('supervision_flag').selectAll().where('id', '=', flagId).where(inScope(actor.scope, 'area_code')).forUpdate().executeTakeFirst();
      if (!flag) throw notFound();
      if (sideOf(actor.scope.code, actor.scope.prefix, flag.area_code) !== 'supervisor') throw forbidden();
      if (flag.status !== 'pending') throw conflict('supervision_flag_decided');
      await trx.updateTable('supervision_flag').set({ status: 'dismissed', decided_at: this.clock.now(), decided_by: actor.userId, decision_note: note }).where('id', '=', flagId).execute();
      await this.audit.record(trx, actor, { action: 'supervision.dismiss', entityType: 'supervision_flag', entityId: flagId, areaCode: flag.area_code, reason: note });
      return { id: flagId, status: 'dismissed' as const };
    });
  }

  async cases(scope: Scope, f: { status?: SupervisionStatus | 'open'; areaCode?: string }) {
    let q = this.db.selectFrom('supervision_case as c').innerJoin('area as a', 'a.code', 'c.area_code').select(['c.id', 'c.number', 'c.title', 'c.area_code', 'a.name as area_name', 'a.level as area_level', 'c.status', 'c.deadline_at', 'c.overdue_at', 'c.created_at', 'c.closed_at', 'c.supervisor_code']).where(inScope(scope, 'c.area_code'));
    if (f.status === 'open') q = q.where('c.status', '<>', 'closed');
    else if (f.status) q = q.where('c.status', '=', f.status);
    if (f.areaCode) q = q.where('c.area_code', 'like', `${f.areaCode}%`);
    const now = this.clock.now();
    const rows = await q.orderBy('c.deadline_at').limit(500).execute();
    return rows.map((r) => ({ ...r, deadline: deadlineColour({ status: r.status, createdAt: r.created_at, deadlineAt: r.deadline_at, overdueAt: r.overdue_at }, now) }));
  }

  async get(actor: Actor, id: string) {
    const c = await this.db.selectFrom('supervision_case as c').innerJoin('area as a', 'a.code', 'c.area_code').selectAll('c').select(['a.name as area_name']).where('c.id', '=', id).where(inScope(actor.scope, 'c.area_code')).executeTakeFirst();
    if (!c) throw notFound();
    const [steps, flag] = await Promise.all([
      this.db.selectFrom('supervision_step').selectAll().where('case_id', '=', id).orderBy('id').execute(),
      c.flag_id ? this.db.selectFrom('supervision_flag as f').innerJoin('supervision_rule as r', 'r.id', 'f.rule_id').select(['f.id', 'f.value', 'f.threshold', 'f.events', 'f.period_from', 'f.period_to', 'f.detail', 'r.name as rule_name', 'r.measure']).where('f.id', '=', c.flag_id).executeTakeFirst() : undefined,
    ]);
    const side = sideOf(actor.scope.code, actor.scope.prefix, c.area_code);
    const actions = side && actor.permissions.has('event:operate') ? allowedSupervisionActions(c.status, side) : [];
    const deadline = deadlineColour({ status: c.status, createdAt: c.created_at, deadlineAt: c.deadline_at, overdueAt: c.overdue_at }, this.clock.now());
    return { ...c, deadline, steps, actions, flag: flag ? { ...flag, detail: (typeof flag.detail === 'string' ? JSON.parse(flag.detail) : flag.detail) as Record<string, unknown> | null } : null };
  }

  async act(actor: Actor, id: string, action: SupervisionAction, note: string | null, version?: number) {
    return this.db.transaction().execute(async (trx) => {
      const c = await trx.selectFrom('supervision_case').selectAll().where('id', '=', id).where(inScope(actor.scope, 'area_code')).forUpdate().executeTakeFirst();
      if (!c) throw notFound();
      if (version !== undefined && version !== c.version) throw conflict('stale_version');
      const side = sideOf(actor.scope.code, actor.scope.prefix, c.area_code)!;
      const move = supervisionMove(c.status, action, side, note);
      if (!move.ok) {
        if (move.error === 'forbidden') throw forbidden();
        if (move.error === 'note_required') throw invalidField('note', 'required');
        throw new AppError('invalid_transition');
      }
      const now = this.clock.now();
      await trx.updateTable('supervision_case').set({ status: move.to, updated_at: now, closed_at: move.to === 'closed' ? now : null, version: c.version + 1 }).where('id', '=', id).execute();
      await this.step(trx, actor, id, c.county_code, action, c.status, move.to, note);
      await this.audit.record(trx, actor, { action: `supervision.${action}`, entityType: 'supervision_case', entityId: id, areaCode: c.area_code, before: { status: c.status }, after: { status: move.to }, reason: note });
      return { id, status: move.to };
    });
  }

  /** The sweep's part: stamps cases whose deadline passed (逾期) once, with a step and an audit row. */
  async markOverdue(actor: Actor): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const now = this.clock.now();
      const due = await trx.updateTable('supervision_case').set({ overdue_at: now }).where('overdue_at', 'is', null).where('status', '<>', 'closed').where('deadline_at', '<=', now).returning(['id', 'county_code', 'area_code', 'status']).execute();
      for (const c of due) {
        await this.step(trx, actor, c.id, c.county_code, 'overdue', c.status, c.status, null);
        await this.audit.record(trx, actor, { action: 'supervision.overdue', entityType: 'supervision_case', entityId: c.id, areaCode: c.area_code });
      }
      return due.length;
    });
  }

  private async step(trx: Executor, actor: Actor, caseId: string, county: string, action: string, from: string | null, to: string, note: string | null) {
    await trx.insertInto('supervision_step').values({ county_code: county, case_id: caseId, at: this.clock.now(), actor_id: actor.userId, actor_name: actor.displayName, action, from_status: from, to_status: to, note }).execute();
  }
}

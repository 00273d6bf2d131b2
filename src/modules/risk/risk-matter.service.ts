import type { Db, Executor } from '../../db/database.js';
import type { RiskMatterRow } from '../../db/schema.js';
import { type Scope, withinScope } from '../../db/scope.js';
import { countyCodeOf } from '../../kernel/area-code.js';
import type { WorkingCalendar } from '../../kernel/working-calendar.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../../lib/context.js';
import { AppError, conflict, invalidField, notFound } from '../../lib/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { mayAdvance, mayAssignFirm, mayDecide, mayEditMatter, mayReassess, rateRefusal } from './risk.policy.js';
import { listAreaStatuses } from './risk-area.repository.js';
import { type FirmTie, findConflict } from './risk-conflict.js';
import { loadFacts, loadRule } from './risk-facts.js';
import { findFirm, findFirmName, findMatterRatingId, insertFirmRating } from './risk-firm.repository.js';
import * as matters from './risk-matter.repository.js';
import {
  type AssessmentKind,
  type Decision,
  type MatterType,
  missingBefore,
  nextStage,
  type RiskStage,
  STAGE_NAMES,
  STAGE_RULES,
  stageOwner,
} from './risk-workflow.js';

export interface MatterInput {
  title: string;
  type: MatterType;
  kind: AssessmentKind;
  decidingBody: string;
  implementingBody: string;
  implementingCreditCode?: string | null;
  areaCodes: string[];
  budget?: number | null;
  scheduleStart?: string | null;
  scheduleEnd?: string | null;
  background?: string | null;
  basis?: string | null;
}
export interface MatterPatch extends Partial<MatterInput> {
  leadAssessor?: string | null;
  plan?: string | null;
  conclusion?: string | null;
  contingency?: string | null;
}

/** A step's missing items as a 409 the screen can list. */
export const incomplete = (missing: string[]) =>
  new AppError(
    'invalid_transition',
    'risk_step_incomplete',
    missing.map((key) => ({ path: key, key })),
  );
export const wrongStage = (stage: string) =>
  new AppError('invalid_transition', 'risk_wrong_stage', [], { stage: STAGE_NAMES[stage as RiskStage] ?? stage });

/**
 * The matter and its steps: registration, assignment of a firm (no conflicts of interest), moving
 * on when nothing is missing, re-assessment rounds, the decision and the firm's rating. Every write
 * locks the matter row, re-reads the facts and records its audit entry in the same transaction.
 */
export class RiskMatterService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly calendar: WorkingCalendar,
  ) {}

  /** The matter inside the scope, locked for the transaction; 404 outside. */
  async lock(trx: Executor, scope: Scope, id: string): Promise<RiskMatterRow> {
    const m = await matters.lockMatter(trx, scope, id);
    if (!m) throw notFound();
    return m;
  }

  private async checkAreas(trx: Executor, actor: Actor, codes: string[]) {
    const unique = [...new Set(codes)];
    const rows = await listAreaStatuses(trx, unique);
    for (const code of unique) {
      const a = rows.find((r) => r.code === code);
      if (!a || a.status !== 'active' || !withinScope(actor.scope, code))
        throw invalidField('areaCodes', 'risk_area_outside', { code });
    }
    return unique;
  }

  private async ownerName(trx: Executor, m: RiskMatterRow, stage: Exclude<RiskStage, 'closed'>) {
    const owner = stageOwner(stage, m.kind as AssessmentKind);
    if (owner === 'deciding_body') return { owner, name: m.deciding_body };
    if (owner === 'assessor' && m.firm_id) {
      const f = await findFirmName(trx, m.firm_id);
      return { owner, name: f.name };
    }
    return { owner, name: m.implementing_body };
  }

  /** Ends the open step and starts `stage` with its owner and working-day deadline. */
  async enter(trx: Executor, m: RiskMatterRow, stage: RiskStage, round: number, actor: Actor, note: string | null) {
    const now = this.clock.now();
    await matters.endOpenStage(trx, m.id, now);
    if (stage === 'closed') return now;
    const { owner, name } = await this.ownerName(trx, m, stage);
    const due = this.calendar.addWorkingDays(now, STAGE_RULES[stage].days[m.kind as AssessmentKind]);
    await matters.insertStage(trx, {
      matter_id: m.id,
      stage,
      round,
      owner,
      owner_name: name,
      started_at: now,
      due_at: due,
      actor_name: actor.displayName,
      note,
    });
    return due;
  }

  async create(actor: Actor, input: MatterInput) {
    const now = this.clock.now();
    return this.db.transaction().execute(async (trx) => {
      const codes = await this.checkAreas(trx, actor, input.areaCodes);
      const counties = new Set(codes.map(countyCodeOf));
      const county = [...counties][0]!;
      const owner = counties.size === 1 && withinScope(actor.scope, county) ? county : actor.scope.code;
      const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now));
      const seq = await matters.nextMatterNumber(trx, countyCodeOf(owner), year);
      const m = await matters.insertMatter(trx, {
        number: `稳评-${countyCodeOf(owner)}-${year}-${String(seq.last).padStart(4, '0')}`,
        county_code: countyCodeOf(owner),
        area_code: owner,
        area_codes: codes,
        title: input.title,
        type: input.type,
        kind: input.kind,
        deciding_body: input.decidingBody,
        implementing_body: input.implementingBody,
        implementing_credit_code: input.implementingCreditCode?.toUpperCase() || null,
        budget: input.budget ?? null,
        schedule_start: input.scheduleStart ?? null,
        schedule_end: input.scheduleEnd ?? null,
        background: input.background ?? null,
        basis: input.basis ?? null,
        stage: 'identify',
        stage_due_at: now,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      });
      const due = await this.enter(trx, m, 'identify', 1, actor, null);
      await matters.setMatterStageDue(trx, m.id, due);
      await this.audit.record(trx, actor, {
        action: 'risk.create',
        entityType: 'risk_matter',
        entityId: m.id,
        areaCode: owner,
        after: input,
      });
      return { ...m, stage_due_at: due };
    });
  }

  async update(actor: Actor, id: string, p: MatterPatch) {
    return this.db.transaction().execute(async (trx) => {
      const m = await this.lock(trx, actor.scope, id);
      if (!mayEditMatter(m)) throw wrongStage(m.stage);
      const codes = p.areaCodes ? await this.checkAreas(trx, actor, p.areaCodes) : undefined;
      const set = {
        ...(p.title !== undefined && { title: p.title }),
        ...(p.type !== undefined && { type: p.type }),
        ...(p.kind !== undefined && { kind: p.kind }),
        ...(p.decidingBody !== undefined && { deciding_body: p.decidingBody }),
        ...(p.implementingBody !== undefined && { implementing_body: p.implementingBody }),
        ...(p.implementingCreditCode !== undefined && {
          implementing_credit_code: p.implementingCreditCode?.toUpperCase() || null,
        }),
        ...(codes && { area_codes: codes }),
        ...(p.budget !== undefined && { budget: p.budget }),
        ...(p.scheduleStart !== undefined && { schedule_start: p.scheduleStart }),
        ...(p.scheduleEnd !== undefined && { schedule_end: p.scheduleEnd }),
        ...(p.background !== undefined && { background: p.background }),
        ...(p.basis !== undefined && { basis: p.basis }),
        ...(p.leadAssessor !== undefined && { lead_assessor: p.leadAssessor }),
        ...(p.plan !== undefined && { plan: p.plan }),
        ...(p.conclusion !== undefined && { conclusion: p.conclusion }),
        ...(p.contingency !== undefined && { contingency: p.contingency }),
      };
      const row = await matters.updateMatter(trx, id, set, this.clock.now());
      await this.audit.record(trx, actor, {
        action: 'risk.update',
        entityType: 'risk_matter',
        entityId: id,
        areaCode: m.area_code,
        before: Object.fromEntries(Object.keys(set).map((k) => [k, m[k as keyof RiskMatterRow]])),
        after: set,
      });
      return row;
    });
  }

  /** Assigns a third-party firm unless it is tied to the implementing body (by credit code or name). */
  async assignFirm(actor: Actor, id: string, firmId: string) {
    return this.db.transaction().execute(async (trx) => {
      const m = await this.lock(trx, actor.scope, id);
      if (!mayAssignFirm(m)) throw wrongStage(m.stage);
      const f = await findFirm(trx, firmId);
      if (!f) throw invalidField('firmId', 'not_found');
      if (f.status !== 'active') throw conflict('risk_firm_suspended');
      const c = findConflict({
        firm: { name: f.name, creditCode: f.credit_code, ties: f.ties as FirmTie[] },
        implementingBody: m.implementing_body,
        implementingCreditCode: m.implementing_credit_code,
      });
      if (c) throw conflict('risk_conflict_of_interest', { firm: f.name, tie: c.tie, relation: c.relation });
      await matters.bumpMatter(trx, id, { firm_id: firmId }, this.clock.now());
      // The open assessor step now belongs to the firm.
      if (stageOwner(m.stage as Exclude<RiskStage, 'closed'>, m.kind as AssessmentKind) === 'assessor') {
        await matters.renameOpenStageOwner(trx, id, f.name);
      }
      await this.audit.record(trx, actor, {
        action: 'risk.assign_firm',
        entityType: 'risk_matter',
        entityId: id,
        areaCode: m.area_code,
        before: { firmId: m.firm_id },
        after: { firmId, firm: f.name },
      });
    });
  }

  /** Moves to the next step when the current one lacks nothing; 409 listing what is missing otherwise. */
  async advance(actor: Actor, id: string, note: string | null) {
    return this.db.transaction().execute(async (trx) => {
      const m = await this.lock(trx, actor.scope, id);
      const stage = m.stage as RiskStage;
      if (!mayAdvance(m)) throw wrongStage(stage);
      const { facts } = await loadFacts(trx, m, await loadRule(trx));
      const missing = missingBefore(stage, facts);
      if (missing.length > 0) throw incomplete(missing);
      const to = nextStage(stage, m.decision as Decision | null);
      const due = await this.enter(trx, m, to, m.round, actor, note);
      await matters.bumpMatter(
        trx,
        id,
        { stage: to, stage_due_at: due, ...(to === 'closed' && { closed_at: this.clock.now() }) },
        this.clock.now(),
      );
      await this.audit.record(trx, actor, {
        action: 'risk.advance',
        entityType: 'risk_matter',
        entityId: id,
        areaCode: m.area_code,
        before: { stage },
        after: { stage: to },
        reason: note,
      });
      return to;
    });
  }

  /** Back to 风险识别与定级 for a new round: the points are re-scored after the measures. */
  async reassess(actor: Actor, id: string, reason: string) {
    return this.db.transaction().execute(async (trx) => {
      const m = await this.lock(trx, actor.scope, id);
      if (!mayReassess(m)) throw wrongStage(m.stage);
      const round = m.round + 1;
      const due = await this.enter(trx, m, 'grade', round, actor, reason);
      await matters.bumpMatter(trx, id, { stage: 'grade', round, stage_due_at: due }, this.clock.now());
      await this.audit.record(trx, actor, {
        action: 'risk.reassess',
        entityType: 'risk_matter',
        entityId: id,
        areaCode: m.area_code,
        before: { stage: m.stage, round: m.round },
        after: { stage: 'grade', round },
        reason,
      });
    });
  }

  /** The collective decision: 实施 only when the guards allow it; 暂缓/不实施 close the matter. */
  async decide(
    actor: Actor,
    id: string,
    d: { decision: Decision; decidedBy: string; decidedOn: string; note: string | null },
  ) {
    return this.db.transaction().execute(async (trx) => {
      const m = await this.lock(trx, actor.scope, id);
      if (!mayDecide(m)) throw wrongStage(m.stage);
      const { facts } = await loadFacts(trx, m, await loadRule(trx));
      const missing = missingBefore('decide', { ...facts, decision: d.decision, decidedBy: d.decidedBy });
      if (missing.length > 0) throw incomplete(missing);
      const now = this.clock.now();
      const to = nextStage('decide', d.decision);
      const due = await this.enter(trx, m, to, m.round, actor, d.note);
      await matters.bumpMatter(
        trx,
        id,
        {
          decision: d.decision,
          decided_by: d.decidedBy,
          decided_on: d.decidedOn,
          decision_note: d.note,
          decided_at: now,
          stage: to,
          stage_due_at: due,
          ...(to === 'monitor' ? { implementation_started_at: now } : { closed_at: now }),
        },
        now,
      );
      await this.audit.record(trx, actor, {
        action: 'risk.decide',
        entityType: 'risk_matter',
        entityId: id,
        areaCode: m.area_code,
        after: d,
        reason: d.note,
      });
      return to;
    });
  }

  /** One rating of the firm per matter, once its report is written. */
  async rate(actor: Actor, id: string, score: number, comment: string | null) {
    return this.db.transaction().execute(async (trx) => {
      const m = await this.lock(trx, actor.scope, id);
      const refusal = rateRefusal(m);
      if (refusal === 'no_firm' || !m.firm_id) throw conflict('risk_no_firm');
      if (refusal === 'wrong_stage') throw wrongStage(m.stage);
      const done = await findMatterRatingId(trx, id);
      if (done) throw conflict('risk_already_rated');
      await insertFirmRating(trx, {
        firm_id: m.firm_id,
        matter_id: id,
        score,
        comment,
        rated_by: actor.displayName,
        rated_at: this.clock.now(),
      });
      await this.audit.record(trx, actor, {
        action: 'risk.rate_firm',
        entityType: 'risk_matter',
        entityId: id,
        areaCode: m.area_code,
        after: { firmId: m.firm_id, score, comment },
      });
    });
  }
}

import { iso, isoOrNull } from '../../http/common.schemas.js';
import type { RiskQueryService } from './risk-query.service.js';
import type { RiskLevel } from './risk-scoring.js';
import type { RiskStage } from './risk-workflow.js';

type Detail = Awaited<ReturnType<RiskQueryService['get']>>;
type SummaryRow = Awaited<ReturnType<RiskQueryService['list']>>[number];
type AuditRow = Awaited<ReturnType<RiskQueryService['audit']>>[number];

/** A matter in a list; overdue while its open step is past its deadline. */
export function presentMatterSummary(r: SummaryRow, now: Date) {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    type: r.type,
    kind: r.kind,
    stage: r.stage as RiskStage,
    round: r.round,
    stageDueAt: iso(r.stage_due_at),
    overdue: !['closed'].includes(r.stage) && r.stage_due_at < now,
    decision: r.decision,
    level: (r.level as RiskLevel | null) ?? null,
    areaCode: r.area_code,
    areaCodes: r.area_codes,
    implementingBody: r.implementing_body,
    firm: r.firm_name,
    createdAt: iso(r.created_at),
  };
}

/** One matter with its steps, register and gradings; `say` words what each step still lacks. */
export function presentMatterDetail(d: Detail, now: Date, say: (key: string) => string) {
  const m = d.m;
  const latest = d.gradings[d.gradings.length - 1];
  return {
    ...presentMatterSummary({ ...m, firm_name: d.firm?.name ?? null, level: latest?.final_level ?? null }, now),
    decidingBody: m.deciding_body,
    implementingCreditCode: m.implementing_credit_code,
    budget: m.budget === null ? null : Number(m.budget),
    scheduleStart: m.schedule_start,
    scheduleEnd: m.schedule_end,
    background: m.background,
    basis: m.basis,
    leadAssessor: m.lead_assessor,
    plan: m.plan,
    conclusion: m.conclusion,
    contingency: m.contingency,
    decidedBy: m.decided_by,
    decidedOn: m.decided_on,
    decisionNote: m.decision_note,
    decidedAt: isoOrNull(m.decided_at),
    implementationStartedAt: isoOrNull(m.implementation_started_at),
    firmDetail: d.firm ? { id: d.firm.id, name: d.firm.name, creditCode: d.firm.credit_code } : null,
    areas: d.areas,
    stages: d.stages.map((s) => ({
      stage: s.stage,
      round: s.round,
      owner: s.owner,
      ownerName: s.owner_name,
      startedAt: iso(s.started_at),
      dueAt: isoOrNull(s.due_at),
      endedAt: isoOrNull(s.ended_at),
      actor: s.actor_name,
      note: s.note,
    })),
    consultations: d.consultations.map((c) => ({
      id: c.id,
      method: c.method,
      heldOn: c.held_on,
      participants: c.participants,
      consulted: c.consulted,
      summary: c.summary,
      opinions: d.opinions
        .filter((o) => o.consultation_id === c.id)
        .map((o) => ({ id: o.id, content: o.content, adopted: o.adopted, response: o.response })),
    })),
    points: d.points.map((p) => ({
      id: p.id,
      dimension: p.dimension,
      description: p.description,
      likelihood: p.likelihood,
      impact: p.impact,
      effectiveImpact: p.effectiveImpact,
      score: p.score,
      level: p.level,
      affectedPeople: p.affected_people,
      mitigation: p.mitigation,
      mitigationOwner: p.mitigation_owner,
      mitigationDue: p.mitigation_due,
      mitigationDoneAt: isoOrNull(p.mitigation_done_at),
      mitigationNote: p.mitigation_note,
    })),
    gradings: d.gradings.map((g) => ({
      round: g.round,
      ruleVersion: g.rule_version,
      computed: g.computed_level as RiskLevel,
      final: g.final_level as RiskLevel,
      overrideReason: g.override_reason,
      mitigated: g.mitigated,
      gradedBy: g.graded_by,
      gradedAt: iso(g.graded_at),
    })),
    rating: d.rating ? { score: d.rating.score, comment: d.rating.comment, ratedBy: d.rating.rated_by } : null,
    missing: d.missing.map((key) => ({ key, message: say(key) })),
    implementBlockers: d.implementBlockers.map((key) => ({ key, message: say(key) })),
    next: d.next,
    owner: d.owner,
    gradingCurrent: d.facts.gradingCurrent,
    rule: d.rule,
    matrix: d.matrix,
  };
}

/** One audit entry of the matter (grading overrides among them). */
export function presentMatterAudit(r: AuditRow) {
  return { at: r.at.toISOString(), actor: r.actor_name, action: r.action, reason: r.reason, after: r.after };
}

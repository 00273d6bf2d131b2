import { z } from 'zod';
import { RISK_DIMENSIONS, RISK_LEVELS } from './risk-scoring.js';
import { ASSESSMENT_KINDS, CONSULT_METHODS, DECISIONS, MATTER_TYPES, RISK_STAGES } from './risk-workflow.js';
import type { RiskQueryService } from './risk-query.service.js';
import { areaCode, instant, iso, isoOrNull } from '../../http/common.schemas.js';

/** Request and response shapes of the risk-assessment API (this file registers no routes). */
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date_format');
const text = (max: number) => z.string().trim().max(max);
export const matterBody = z.object({
  title: text(200).min(2), type: z.enum(MATTER_TYPES), kind: z.enum(ASSESSMENT_KINDS), decidingBody: text(100).min(2), implementingBody: text(100).min(2),
  implementingCreditCode: z.string().trim().length(18).nullable().optional(), areaCodes: z.array(areaCode).min(1).max(50), budget: z.number().min(0).max(1e11).nullable().optional(),
  scheduleStart: date.nullable().optional(), scheduleEnd: date.nullable().optional(), background: text(5000).nullable().optional(), basis: text(5000).nullable().optional(),
});
export const matterPatch = matterBody.partial().extend({ leadAssessor: text(50).nullable().optional(), plan: text(5000).nullable().optional(), conclusion: text(5000).nullable().optional(), contingency: text(5000).nullable().optional() });
export const consultationBody = z.object({
  method: z.enum(CONSULT_METHODS), heldOn: date, participants: z.number().int().min(0).max(1_000_000), consulted: text(500).min(1), summary: text(2000).nullable().optional(),
  opinions: z.array(z.object({ content: text(2000).min(1), adopted: z.boolean().nullable().optional(), response: text(2000).nullable().optional() })).max(200).default([]),
});
export const pointBody = z.object({
  dimension: z.enum(RISK_DIMENSIONS), description: text(1000).min(2), likelihood: z.number().int().min(1).max(5), impact: z.number().int().min(1).max(5), affectedPeople: z.number().int().min(0).max(10_000_000).nullable(),
  mitigation: text(2000).nullable().optional(), mitigationOwner: text(100).nullable().optional(), mitigationDue: date.nullable().optional(),
});
export const firmBody = z.object({
  name: text(100).min(2), creditCode: z.string().trim().min(1).max(18), qualifications: z.array(text(100).min(1)).max(20).default([]), staffCount: z.number().int().min(1).max(10000), contact: text(100).nullable().optional(),
  ties: z.array(z.object({ name: text(100).min(2), creditCode: z.string().trim().length(18).nullable().optional(), relation: text(50).min(1) })).max(50).default([]), status: z.enum(['active', 'suspended']).optional(),
});

const level = z.enum(RISK_LEVELS);
export const matterSummary = z.object({
  id: z.string(), number: z.string(), title: z.string(), type: z.string(), kind: z.string(), stage: z.enum(RISK_STAGES), round: z.number(), stageDueAt: instant, overdue: z.boolean(),
  decision: z.string().nullable(), level: level.nullable(), areaCode: z.string(), areaCodes: z.array(z.string()), implementingBody: z.string(), firm: z.string().nullable(), createdAt: instant,
});
export const matterDetail = matterSummary.extend({
  decidingBody: z.string(), implementingCreditCode: z.string().nullable(), budget: z.number().nullable(), scheduleStart: z.string().nullable(), scheduleEnd: z.string().nullable(),
  background: z.string().nullable(), basis: z.string().nullable(), leadAssessor: z.string().nullable(), plan: z.string().nullable(), conclusion: z.string().nullable(), contingency: z.string().nullable(),
  decidedBy: z.string().nullable(), decidedOn: z.string().nullable(), decisionNote: z.string().nullable(), decidedAt: instant.nullable(), implementationStartedAt: instant.nullable(),
  firmDetail: z.object({ id: z.string(), name: z.string(), creditCode: z.string() }).nullable(),
  areas: z.array(z.object({ code: z.string(), name: z.string(), level: z.string(), people: z.number() })),
  stages: z.array(z.object({ stage: z.string(), round: z.number(), owner: z.string(), ownerName: z.string(), startedAt: instant, dueAt: instant.nullable(), endedAt: instant.nullable(), actor: z.string(), note: z.string().nullable() })),
  consultations: z.array(z.object({ id: z.string(), method: z.string(), heldOn: z.string(), participants: z.number(), consulted: z.string(), summary: z.string().nullable(), opinions: z.array(z.object({ id: z.string(), content: z.string(), adopted: z.boolean().nullable(), response: z.string().nullable() })) })),
  points: z.array(z.object({
    id: z.string(), dimension: z.string(), description: z.string(), likelihood: z.number(), impact: z.number(), effectiveImpact: z.number(), score: z.number(), level, affectedPeople: z.number().nullable(),
    mitigation: z.string().nullable(), mitigationOwner: z.string().nullable(), mitigationDue: z.string().nullable(), mitigationDoneAt: instant.nullable(), mitigationNote: z.string().nullable(),
  })),
  gradings: z.array(z.object({ round: z.number(), ruleVersion: z.number(), computed: level, final: level, overrideReason: z.string().nullable(), mitigated: z.boolean(), gradedBy: z.string(), gradedAt: instant })),
  rating: z.object({ score: z.number(), comment: z.string().nullable(), ratedBy: z.string() }).nullable(),
  missing: z.array(z.object({ key: z.string(), message: z.string() })), implementBlockers: z.array(z.object({ key: z.string(), message: z.string() })),
  next: z.string().nullable(), owner: z.string().nullable(), gradingCurrent: z.boolean(),
  rule: z.object({ version: z.number(), likelihoodLabels: z.array(z.string()), impactLabels: z.array(z.string()), thresholds: z.object({ medium: z.number(), high: z.number() }), peopleEscalation: z.object({ atLeast: z.number(), impactBonus: z.number() }), mediumToHigh: z.number() }),
  matrix: z.array(z.array(level)),
});
export { DECISIONS, date };

type Detail = Awaited<ReturnType<RiskQueryService['get']>>;
type SummaryRow = Awaited<ReturnType<RiskQueryService['list']>>[number];

export function toSummary(r: SummaryRow, now: Date) {
  return {
    id: r.id, number: r.number, title: r.title, type: r.type, kind: r.kind, stage: r.stage as (typeof RISK_STAGES)[number], round: r.round, stageDueAt: iso(r.stage_due_at),
    overdue: !['closed'].includes(r.stage) && r.stage_due_at < now, decision: r.decision, level: (r.level as (typeof RISK_LEVELS)[number] | null) ?? null, areaCode: r.area_code, areaCodes: r.area_codes,
    implementingBody: r.implementing_body, firm: r.firm_name, createdAt: iso(r.created_at),
  };
}

export function toDetail(d: Detail, now: Date, say: (key: string) => string) {
  const m = d.m;
  const latest = d.gradings[d.gradings.length - 1];
  return {
    ...toSummary({ ...m, firm_name: d.firm?.name ?? null, level: latest?.final_level ?? null }, now),
    decidingBody: m.deciding_body, implementingCreditCode: m.implementing_credit_code, budget: m.budget === null ? null : Number(m.budget), scheduleStart: m.schedule_start, scheduleEnd: m.schedule_end,
    background: m.background, basis: m.basis, leadAssessor: m.lead_assessor, plan: m.plan, conclusion: m.conclusion, contingency: m.contingency,
    decidedBy: m.decided_by, decidedOn: m.decided_on, decisionNote: m.decision_note, decidedAt: isoOrNull(m.decided_at), implementationStartedAt: isoOrNull(m.implementation_started_at),
    firmDetail: d.firm ? { id: d.firm.id, name: d.firm.name, creditCode: d.firm.credit_code } : null,
    areas: d.areas,
    stages: d.stages.map((s) => ({ stage: s.stage, round: s.round, owner: s.owner, ownerName: s.owner_name, startedAt: iso(s.started_at), dueAt: isoOrNull(s.due_at), endedAt: isoOrNull(s.ended_at), actor: s.actor_name, note: s.note })),
    consultations: d.consultations.map((c) => ({
      id: c.id, method: c.method, heldOn: c.held_on, participants: c.participants, consulted: c.consulted, summary: c.summary,
      opinions: d.opinions.filter((o) => o.consultation_id === c.id).map((o) => ({ id: o.id, content: o.content, adopted: o.adopted, response: o.response })),
    })),
    points: d.points.map((p) => ({
      id: p.id, dimension: p.dimension, description: p.description, likelihood: p.likelihood, impact: p.impact, effectiveImpact: p.effectiveImpact, score: p.score, level: p.level, affectedPeople: p.affected_people,
      mitigation: p.mitigation, mitigationOwner: p.mitigation_owner, mitigationDue: p.mitigation_due, mitigationDoneAt: isoOrNull(p.mitigation_done_at), mitigationNote: p.mitigation_note,
    })),
    gradings: d.gradings.map((g) => ({ round: g.round, ruleVersion: g.rule_version, computed: g.computed_level as (typeof RISK_LEVELS)[number], final: g.final_level as (typeof RISK_LEVELS)[number], overrideReason: g.override_reason, mitigated: g.mitigated, gradedBy: g.graded_by, gradedAt: iso(g.graded_at) })),
    rating: d.rating ? { score: d.rating.score, comment: d.rating.comment, ratedBy: d.rating.rated_by } : null,
    missing: d.missing.map((key) => ({ key, message: say(key) })), implementBlockers: d.implementBlockers.map((key) => ({ key, message: say(key) })),
    next: d.next, owner: d.owner, gradingCurrent: d.facts.gradingCurrent, rule: d.rule, matrix: d.matrix,
  };
}

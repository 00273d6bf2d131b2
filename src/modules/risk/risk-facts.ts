import type { Executor } from '../../db/database.js';
import type { RiskMatterRow } from '../../db/schema.js';
import { findMatterRating } from './risk-firm.repository.js';
import { listConsultations, listGradings, listOpinions, listPoints } from './risk-register.repository.js';
import { findSetting } from './risk-rule.repository.js';
import {
  checkRule,
  DEFAULT_RISK_RULE,
  type RiskDimension,
  type RiskLevel,
  type RiskScoringRule,
  scorePoint,
} from './risk-scoring.js';
import type {
  AssessmentKind,
  ConsultMethod,
  Decision,
  GradingFacts,
  MatterFacts,
  MatterType,
  PointFacts,
} from './risk-workflow.js';

export const RULE_KEY = 'risk_scoring_rule';

/** The installation's scoring rule (app_setting), or the documented default. */
export async function loadRule(db: Executor): Promise<RiskScoringRule> {
  const row = await findSetting(db, RULE_KEY);
  const rule = row?.value as RiskScoringRule | undefined;
  return rule && checkRule(rule).length === 0 ? rule : DEFAULT_RISK_RULE;
}

/** Reads everything the workflow guards look at, in one place, so the screen and the server agree. */
export async function loadFacts(db: Executor, m: RiskMatterRow, rule: RiskScoringRule) {
  const [consultations, opinions, points, gradings, rating] = await Promise.all([
    listConsultations(db, m.id),
    listOpinions(db, m.id),
    listPoints(db, m.id),
    listGradings(db, m.id),
    findMatterRating(db, m.id),
  ]);
  const scored = points.map((p) => ({
    ...p,
    ...scorePoint({ likelihood: p.likelihood, impact: p.impact, affectedPeople: p.affected_people ?? 0 }, rule),
  }));
  const pointFacts: PointFacts[] = scored.map((p) => ({
    dimension: p.dimension as RiskDimension,
    level: p.level,
    affectedPeople: p.affected_people,
    mitigation: p.mitigation,
    mitigationOwner: p.mitigation_owner,
    mitigationDone: p.mitigation_done_at !== null,
  }));
  const gradingFacts: GradingFacts[] = gradings.map((g) => ({
    round: g.round,
    computed: g.computed_level as RiskLevel,
    final: g.final_level as RiskLevel,
    mitigated: g.mitigated,
  }));
  const current = gradings.filter((g) => g.round === m.round).pop();
  const facts: MatterFacts = {
    kind: m.kind as AssessmentKind,
    type: m.type as MatterType,
    title: m.title,
    decidingBody: m.deciding_body,
    implementingBody: m.implementing_body,
    areaCount: m.area_codes.length,
    budget: m.budget === null ? null : Number(m.budget),
    scheduleStart: m.schedule_start,
    firmAssigned: m.firm_id !== null,
    leadAssessor: m.lead_assessor,
    plan: m.plan,
    consultations: consultations.map((c) => ({
      method: c.method as ConsultMethod,
      participants: c.participants,
      opinions: opinions
        .filter((o) => o.consultation_id === c.id)
        .map((o) => ({ adopted: o.adopted, response: o.response })),
    })),
    points: pointFacts,
    gradings: gradingFacts,
    round: m.round,
    gradingCurrent: current !== undefined && (m.points_changed_at === null || current.graded_at >= m.points_changed_at),
    conclusion: m.conclusion,
    contingency: m.contingency,
    decision: m.decision as Decision | null,
    decidedBy: m.decided_by,
    firmRated: rating !== undefined,
  };
  return { facts, consultations, opinions, points: scored, gradings, rating };
}

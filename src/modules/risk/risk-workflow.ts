import { levelRank, RISK_DIMENSIONS, type RiskDimension, type RiskLevel } from './risk-scoring.js';

/**
 * The procedure of a social-stability risk assessment as a workflow:
 * 确定事项 → 制定方案 → 调查论证 → 风险识别与定级 → 评估报告 → 集体研究决策 → 跟踪监控 → 办结.
 *
 * Every step has an owner (whose job it is) and a deadline in working days, shorter for an
 * immediate assessment (即时评估) than for a special one (专门评估). `missingBefore` lists what a
 * step still lacks before it may move on; the screens show the same list the server enforces.
 * A 暂缓 or 不实施 decision ends the matter at the decision; only 实施 leads to follow-up.
 */
export const RISK_STAGES = [
  'identify',
  'plan',
  'investigate',
  'grade',
  'report',
  'decide',
  'monitor',
  'closed',
] as const;
export type RiskStage = (typeof RISK_STAGES)[number];
export const STAGE_NAMES: Record<RiskStage, string> = {
  identify: '确定事项',
  plan: '制定方案',
  investigate: '调查论证',
  grade: '风险识别与定级',
  report: '评估报告',
  decide: '集体研究决策',
  monitor: '跟踪监控',
  closed: '已办结',
};
export const MATTER_TYPES = ['decision', 'project', 'reform', 'other'] as const;
export type MatterType = (typeof MATTER_TYPES)[number];
export const MATTER_TYPE_NAMES: Record<MatterType, string> = {
  decision: '重大决策',
  project: '重大项目',
  reform: '重大改革',
  other: '其他',
};
export const ASSESSMENT_KINDS = ['immediate', 'special'] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];
export const CONSULT_METHODS = ['notice', 'survey', 'visit', 'forum', 'hearing'] as const;
export type ConsultMethod = (typeof CONSULT_METHODS)[number];
export const METHOD_NAMES: Record<ConsultMethod, string> = {
  notice: '公示',
  survey: '问卷',
  visit: '走访',
  forum: '座谈会',
  hearing: '听证会',
};
export const DECISIONS = ['implement', 'postpone', 'reject'] as const;
export type Decision = (typeof DECISIONS)[number];
export const DECISION_NAMES: Record<Decision, string> = { implement: '实施', postpone: '暂缓实施', reject: '不实施' };

export type StageOwner = 'implementing_body' | 'assessor' | 'deciding_body';
/** Owner and working-day limit of each open step; an immediate assessment has no third-party firm, so its body does the assessor's steps. */
export const STAGE_RULES: Record<
  Exclude<RiskStage, 'closed'>,
  { owner: StageOwner; days: Record<AssessmentKind, number> }
> = {
  identify: { owner: 'implementing_body', days: { special: 5, immediate: 2 } },
  plan: { owner: 'assessor', days: { special: 5, immediate: 2 } },
  investigate: { owner: 'assessor', days: { special: 15, immediate: 5 } },
  grade: { owner: 'assessor', days: { special: 5, immediate: 2 } },
  report: { owner: 'assessor', days: { special: 5, immediate: 2 } },
  decide: { owner: 'deciding_body', days: { special: 10, immediate: 5 } },
  monitor: { owner: 'implementing_body', days: { special: 60, immediate: 30 } },
};

export function stageOwner(stage: Exclude<RiskStage, 'closed'>, kind: AssessmentKind): StageOwner {
  const owner = STAGE_RULES[stage].owner;
  return owner === 'assessor' && kind === 'immediate' ? 'implementing_body' : owner;
}

export interface PointFacts {
  dimension: RiskDimension;
  level: RiskLevel;
  affectedPeople: number | null;
  mitigation: string | null;
  mitigationOwner: string | null;
  mitigationDone: boolean;
}

export interface GradingFacts {
  round: number;
  computed: RiskLevel;
  final: RiskLevel;
  /** Every medium or high point had a measure with an owner when this grading was made. */
  mitigated: boolean;
}

export interface MatterFacts {
  kind: AssessmentKind;
  type: MatterType;
  title: string;
  decidingBody: string;
  implementingBody: string;
  areaCount: number;
  budget: number | null;
  scheduleStart: string | null;
  firmAssigned: boolean;
  leadAssessor: string | null;
  plan: string | null;
  consultations: Array<{
    method: ConsultMethod;
    participants: number;
    opinions: Array<{ adopted: boolean | null; response: string | null }>;
  }>;
  points: PointFacts[];
  gradings: GradingFacts[];
  round: number;
  /** No point was added, changed or removed since the grading of the current round. */
  gradingCurrent: boolean;
  conclusion: string | null;
  contingency: string | null;
  decision: Decision | null;
  decidedBy: string | null;
  firmRated: boolean;
}

const blank = (s: string | null | undefined) => !s || s.trim().length === 0;

/** Every point that is medium or high needs a measure and someone who answers for it. */
export const needsMeasure = (p: PointFacts) => levelRank(p.level) >= 1;
export const measuresComplete = (points: readonly PointFacts[]) =>
  points.filter(needsMeasure).every((p) => !blank(p.mitigation) && !blank(p.mitigationOwner));

/**
 * Why 实施 may not be recorded: high risk never goes ahead as it is, and a matter that was ever
 * graded medium or high needs its measures in place and a later re-assessment (round ≥ 2) first.
 * 暂缓 and 不实施 are always open to the deciding body.
 */
export function implementBlockers(gradings: readonly GradingFacts[]): string[] {
  const latest = gradings[gradings.length - 1];
  if (!latest) return ['risk_missing_grading'];
  if (latest.final === 'high') return ['risk_high_blocks_implement'];
  const elevated = gradings.some((g) => levelRank(g.computed) >= 1 || levelRank(g.final) >= 1);
  if (elevated && !(latest.round >= 2 && latest.mitigated)) return ['risk_needs_reassessment'];
  return [];
}

/** What the current step lacks before it can move on (message keys); empty when it may advance. */
export function missingBefore(stage: RiskStage, m: MatterFacts): string[] {
  const out: string[] = [];
  switch (stage) {
    case 'identify':
      if (blank(m.title)) out.push('risk_missing_title');
      if (blank(m.decidingBody)) out.push('risk_missing_deciding_body');
      if (blank(m.implementingBody)) out.push('risk_missing_implementing_body');
      if (m.areaCount === 0) out.push('risk_missing_areas');
      if (!m.scheduleStart) out.push('risk_missing_schedule');
      if (m.type === 'project' && m.budget === null) out.push('risk_missing_budget');
      break;
    case 'plan':
      if (m.kind === 'special' && !m.firmAssigned) out.push('risk_missing_firm');
      if (blank(m.leadAssessor)) out.push('risk_missing_lead_assessor');
      if (blank(m.plan)) out.push('risk_missing_plan');
      break;
    case 'investigate': {
      const methods = new Set(m.consultations.map((c) => c.method));
      const need = m.kind === 'special' ? 2 : 1;
      if (methods.size < need)
        out.push(m.kind === 'special' ? 'risk_missing_methods_special' : 'risk_missing_methods_immediate');
      // A hearing is expected where land or homes are taken: people lose property by the decision.
      if (
        m.kind === 'special' &&
        m.type === 'project' &&
        m.budget !== null &&
        m.budget >= 10000 &&
        !methods.has('hearing')
      )
        out.push('risk_missing_hearing');
      const opinions = m.consultations.flatMap((c) => c.opinions);
      if (opinions.length === 0) out.push('risk_missing_opinions');
      if (opinions.some((o) => o.adopted === null)) out.push('risk_opinion_unanswered');
      if (opinions.some((o) => o.adopted === false && blank(o.response)))
        out.push('risk_opinion_rejected_without_reason');
      break;
    }
    case 'grade': {
      const dims = new Set(m.points.map((p) => p.dimension));
      const uncovered = RISK_DIMENSIONS.filter((d) => !dims.has(d));
      if (uncovered.length > 0) out.push('risk_missing_dimensions');
      if (m.points.some((p) => p.affectedPeople === null)) out.push('risk_missing_affected_people');
      if (!measuresComplete(m.points)) out.push('risk_missing_measures');
      if (!m.gradings.some((g) => g.round === m.round) || !m.gradingCurrent) out.push('risk_missing_grading');
      break;
    }
    case 'report': {
      const latest = m.gradings[m.gradings.length - 1];
      if (blank(m.conclusion)) out.push('risk_missing_conclusion');
      if (latest && levelRank(latest.final) >= 1 && blank(m.contingency)) out.push('risk_missing_contingency');
      break;
    }
    case 'decide':
      if (!m.decision) out.push('risk_missing_decision');
      else if (m.decision === 'implement') out.push(...implementBlockers(m.gradings));
      if (blank(m.decidedBy)) out.push('risk_missing_decided_by');
      if (m.kind === 'special' && m.firmAssigned && !m.firmRated) out.push('risk_missing_firm_rating');
      break;
    case 'monitor':
      if (m.points.some((p) => !blank(p.mitigation) && !p.mitigationDone)) out.push('risk_measures_open');
      break;
    case 'closed':
      out.push('risk_closed');
      break;
  }
  return out;
}

/** The step after `stage` once it has nothing missing; the decision decides where 集体研究决策 leads. */
export function nextStage(stage: RiskStage, decision: Decision | null): RiskStage {
  if (stage === 'decide') return decision === 'implement' ? 'monitor' : 'closed';
  const i = RISK_STAGES.indexOf(stage);
  return RISK_STAGES[Math.min(i + 1, RISK_STAGES.length - 1)]!;
}

/** Re-assessment goes back to grading with a new round; only before the decision is final. */
export const canReassess = (stage: RiskStage) => stage === 'report' || stage === 'decide';

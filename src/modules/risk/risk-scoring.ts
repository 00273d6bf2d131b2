/**
 * The scoring rule of the social-stability risk assessment (社会稳定风险评估).
 *
 * Each risk point is scored on two five-step scales:
 *   likelihood 可能性: 1 极低 · 2 较低 · 3 中等 · 4 较高 · 5 极高
 *   impact     影响程度: 1 轻微 · 2 较小 · 3 中等 · 4 较大 · 5 重大
 * and the point score is likelihood × impact (1–25). Many people affected makes a risk worse
 * than its wording suggests, so a point touching at least `peopleEscalation.atLeast` people has
 * its impact raised by `impactBonus` steps (capped at 5) before multiplying.
 *
 * A point is 高 when its score ≥ thresholds.high, 中 when ≥ thresholds.medium, otherwise 低.
 * The matter's level is its worst point, except that `mediumToHigh` or more medium points
 * together make it 高 (several moderate grievances in one project compound). No points: 低.
 *
 * The rule is data (RiskScoringRule), stored per installation and validated by `checkRule`; every
 * grading records the rule version it used, so a later change never rewrites an old result.
 */
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const RISK_DIMENSIONS = ['legality', 'reasonableness', 'feasibility', 'controllability'] as const;
export type RiskDimension = (typeof RISK_DIMENSIONS)[number];
export const DIMENSION_NAMES: Record<RiskDimension, string> = {
  legality: '合法性',
  reasonableness: '合理性',
  feasibility: '可行性',
  controllability: '可控性',
};
export const LEVEL_NAMES: Record<RiskLevel, string> = { low: '低风险', medium: '中风险', high: '高风险' };

export interface RiskScoringRule {
  version: number;
  /** Scale labels; the scale length is fixed at 5 so scores stay comparable across versions. */
  likelihoodLabels: [string, string, string, string, string];
  impactLabels: [string, string, string, string, string];
  thresholds: { medium: number; high: number };
  peopleEscalation: { atLeast: number; impactBonus: number };
  /** This many medium points (or more) make the matter high; 0 switches the escalation off. */
  mediumToHigh: number;
}

export const DEFAULT_RISK_RULE: RiskScoringRule = {
  version: 1,
  likelihoodLabels: ['极低', '较低', '中等', '较高', '极高'],
  impactLabels: ['轻微', '较小', '中等', '较大', '重大'],
  thresholds: { medium: 8, high: 15 },
  peopleEscalation: { atLeast: 1000, impactBonus: 1 },
  mediumToHigh: 3,
};

export const SCALE = [1, 2, 3, 4, 5] as const;

export interface ScoredInput {
  likelihood: number;
  impact: number;
  affectedPeople: number;
}

export interface PointScore {
  effectiveImpact: number;
  score: number;
  level: RiskLevel;
}

export const levelRank = (l: RiskLevel): number => RISK_LEVELS.indexOf(l);
export const worse = (a: RiskLevel, b: RiskLevel): RiskLevel => (levelRank(a) >= levelRank(b) ? a : b);

function onScale(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 5;
}

/** The score and level of one point; throws on values off the scales (the API validates first). */
export function scorePoint(p: ScoredInput, rule: RiskScoringRule = DEFAULT_RISK_RULE): PointScore {
  if (!onScale(p.likelihood) || !onScale(p.impact)) throw new RangeError('likelihood and impact are 1–5');
  if (!Number.isInteger(p.affectedPeople) || p.affectedPeople < 0)
    throw new RangeError('affectedPeople is a whole number ≥ 0');
  const bonus = p.affectedPeople >= rule.peopleEscalation.atLeast ? rule.peopleEscalation.impactBonus : 0;
  const effectiveImpact = Math.min(5, p.impact + bonus);
  const score = p.likelihood * effectiveImpact;
  const level: RiskLevel = score >= rule.thresholds.high ? 'high' : score >= rule.thresholds.medium ? 'medium' : 'low';
  return { effectiveImpact, score, level };
}

export interface MatterScore {
  level: RiskLevel;
  points: PointScore[];
  counts: Record<RiskLevel, number>;
  /** Why the level is what it is, for the report and the grading record. */
  basis: 'no_points' | 'worst_point' | 'medium_accumulation';
}

export function scoreMatter(points: readonly ScoredInput[], rule: RiskScoringRule = DEFAULT_RISK_RULE): MatterScore {
  const scored = points.map((p) => scorePoint(p, rule));
  const counts: Record<RiskLevel, number> = { low: 0, medium: 0, high: 0 };
  for (const s of scored) counts[s.level]++;
  if (scored.length === 0) return { level: 'low', points: scored, counts, basis: 'no_points' };
  const worst = scored.reduce<RiskLevel>((acc, s) => worse(acc, s.level), 'low');
  if (worst !== 'high' && rule.mediumToHigh > 0 && counts.medium >= rule.mediumToHigh) {
    return { level: 'high', points: scored, counts, basis: 'medium_accumulation' };
  }
  return { level: worst, points: scored, counts, basis: 'worst_point' };
}

/** Problems with a proposed rule, as message keys; empty when the rule is usable. */
export function checkRule(rule: RiskScoringRule): string[] {
  const problems: string[] = [];
  const { medium, high } = rule.thresholds;
  if (!Number.isInteger(medium) || !Number.isInteger(high) || medium < 2 || high > 25 || medium >= high)
    problems.push('risk_rule_thresholds');
  if (
    rule.likelihoodLabels.length !== 5 ||
    rule.impactLabels.length !== 5 ||
    [...rule.likelihoodLabels, ...rule.impactLabels].some((l) => !l.trim())
  )
    problems.push('risk_rule_labels');
  if (
    !Number.isInteger(rule.peopleEscalation.atLeast) ||
    rule.peopleEscalation.atLeast < 1 ||
    ![0, 1, 2].includes(rule.peopleEscalation.impactBonus)
  )
    problems.push('risk_rule_people');
  if (!Number.isInteger(rule.mediumToHigh) || rule.mediumToHigh < 0 || rule.mediumToHigh > 20)
    problems.push('risk_rule_accumulation');
  return problems;
}

/** The 5×5 matrix of levels for the rule (for the screen and the report's appendix). */
export function levelMatrix(rule: RiskScoringRule = DEFAULT_RISK_RULE): RiskLevel[][] {
  return SCALE.map((l) => SCALE.map((i) => scorePoint({ likelihood: l, impact: i, affectedPeople: 0 }, rule).level));
}

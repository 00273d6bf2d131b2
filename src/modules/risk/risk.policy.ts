import { canReassess, type RiskStage } from './risk-workflow.js';

/**
 * When a matter may be worked on, step by step. Pure: the services ask before they write and refuse with
 * "wrong stage" otherwise. Which permission each kind of work needs (risk:read, risk:write, risk:decide,
 * risk:configure) is checked where the request comes in, as everywhere in the API.
 */
type MatterState = { stage: string; decision: string | null; firm_id?: string | null };

const FIRM_STAGES: readonly string[] = ['identify', 'plan'];
const CONSULT_STAGES: readonly string[] = ['plan', 'investigate', 'grade'];
const POINT_STAGES: readonly string[] = ['investigate', 'grade'];
// The firm is rated once its report is written.
const RATE_STAGES: readonly string[] = ['report', 'decide', 'monitor', 'closed'];

/** The matter, its plan and its report texts are edited until the decision. */
export const mayEditMatter = (m: MatterState) => m.decision === null;

/** A firm is assigned (or changed) before the investigation starts. */
export const mayAssignFirm = (m: MatterState) => FIRM_STAGES.includes(m.stage);

/** The decision is taken with its own request; a closed matter has no next step. */
export const mayAdvance = (m: MatterState) => m.stage !== 'decide' && m.stage !== 'closed';

/** A new round of grading before the decision, after the measures. */
export const mayReassess = (m: MatterState) => canReassess(m.stage as RiskStage) && m.decision === null;

export const mayDecide = (m: MatterState) => m.stage === 'decide';

export const mayConsult = (m: MatterState) => CONSULT_STAGES.includes(m.stage);

/** Risk points are added, changed and removed while investigating and grading. */
export const mayEditPoints = (m: MatterState) => POINT_STAGES.includes(m.stage);

export const mayGrade = (m: MatterState) => m.stage === 'grade';

/** Measures are followed up during implementation. */
export const mayCompleteMeasure = (m: MatterState) => m.stage === 'monitor';

/** Why the firm cannot be rated now: no firm, or its report is not written yet; null when it can. */
export function rateRefusal(m: MatterState): 'no_firm' | 'wrong_stage' | null {
  if (!m.firm_id) return 'no_firm';
  return RATE_STAGES.includes(m.stage) ? null : 'wrong_stage';
}

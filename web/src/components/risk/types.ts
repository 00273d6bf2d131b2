
/** Shapes of the risk-assessment API as the screens use them. */
export type Level = 'low' | 'medium' | 'high';
export const STAGES = ['identify', 'plan', 'investigate', 'grade', 'report', 'decide', 'monitor', 'closed'] as const;
export type Stage = (typeof STAGES)[number];
export const DIMENSIONS = ['legality', 'reasonableness', 'feasibility', 'controllability'] as const;
export const METHODS = ['notice', 'survey', 'visit', 'forum', 'hearing'] as const;

export interface MatterSummary {
  id: string; number: string; title: string; type: string; kind: string; stage: Stage; round: number; stageDueAt: string; overdue: boolean;
  decision: string | null; level: Level | null; areaCode: string; areaCodes: string[]; implementingBody: string; firm: string | null; createdAt: string;
}
export interface Point {
  id: string; dimension: string; description: string; likelihood: number; impact: number; effectiveImpact: number; score: number; level: Level; affectedPeople: number | null;
  mitigation: string | null; mitigationOwner: string | null; mitigationDue: string | null; mitigationDoneAt: string | null; mitigationNote: string | null;
}
export interface Matter extends MatterSummary {
  decidingBody: string; implementingCreditCode: string | null; budget: number | null; scheduleStart: string | null; scheduleEnd: string | null; background: string | null; basis: string | null;
  leadAssessor: string | null; plan: string | null; conclusion: string | null; contingency: string | null; decidedBy: string | null; decidedOn: string | null; decisionNote: string | null;
  decidedAt: string | null; implementationStartedAt: string | null; firmDetail: { id: string; name: string; creditCode: string } | null;
  areas: Array<{ code: string; name: string; level: string; people: number }>;
  stages: Array<{ stage: string; round: number; owner: string; ownerName: string; startedAt: string; dueAt: string | null; endedAt: string | null; actor: string; note: string | null }>;
  consultations: Array<{ id: string; method: string; heldOn: string; participants: number; consulted: string; summary: string | null; opinions: Array<{ id: string; content: string; adopted: boolean | null; response: string | null }> }>;
  points: Point[];
  gradings: Array<{ round: number; ruleVersion: number; computed: Level; final: Level; overrideReason: string | null; mitigated: boolean; gradedBy: string; gradedAt: string }>;
  rating: { score: number; comment: string | null; ratedBy: string } | null;
  missing: Array<{ key: string; message: string }>; implementBlockers: Array<{ key: string; message: string }>;
  next: string | null; owner: string | null; gradingCurrent: boolean;
  rule: { version: number; likelihoodLabels: string[]; impactLabels: string[]; thresholds: { medium: number; high: number } };
  matrix: Level[][];
}
export interface Firm {
  id: string; name: string; creditCode: string; qualifications: string[]; staffCount: number; contact: string | null; ties: Array<{ name: string; creditCode: string | null; relation: string }>;
  status: string; openCount: number; totalCount: number; avgRating: number | null; ratingCount: number;
}

/** Saves a protected file under its server-given name (an <a download>, so browsers and tests see a download). */
export { downloadProtected as download } from '../reports/download';

import { z } from 'zod';
import { areaCode, calendarDate, instant } from '../../http/common.schemas.js';
import { RISK_DIMENSIONS, RISK_LEVELS } from './risk-scoring.js';
import { ASSESSMENT_KINDS, CONSULT_METHODS, DECISIONS, MATTER_TYPES, RISK_STAGES } from './risk-workflow.js';

/** Request and response shapes of the risk-assessment API (this file registers no routes). */
const date = calendarDate;
const text = (max: number) => z.string().trim().max(max);
export const matterBody = z.object({
  title: text(200).min(2),
  type: z.enum(MATTER_TYPES),
  kind: z.enum(ASSESSMENT_KINDS),
  decidingBody: text(100).min(2),
  implementingBody: text(100).min(2),
  implementingCreditCode: z.string().trim().length(18).nullable().optional(),
  areaCodes: z.array(areaCode).min(1).max(50),
  budget: z.number().min(0).max(1e11).nullable().optional(),
  scheduleStart: date.nullable().optional(),
  scheduleEnd: date.nullable().optional(),
  background: text(5000).nullable().optional(),
  basis: text(5000).nullable().optional(),
});
export const matterPatch = matterBody.partial().extend({
  leadAssessor: text(50).nullable().optional(),
  plan: text(5000).nullable().optional(),
  conclusion: text(5000).nullable().optional(),
  contingency: text(5000).nullable().optional(),
});
export const consultationBody = z.object({
  method: z.enum(CONSULT_METHODS),
  heldOn: date,
  participants: z.number().int().min(0).max(1_000_000),
  consulted: text(500).min(1),
  summary: text(2000).nullable().optional(),
  opinions: z
    .array(
      z.object({
        content: text(2000).min(1),
        adopted: z.boolean().nullable().optional(),
        response: text(2000).nullable().optional(),
      }),
    )
    .max(200)
    .default([]),
});
export const pointBody = z.object({
  dimension: z.enum(RISK_DIMENSIONS),
  description: text(1000).min(2),
  likelihood: z.number().int().min(1).max(5),
  impact: z.number().int().min(1).max(5),
  affectedPeople: z.number().int().min(0).max(10_000_000).nullable(),
  mitigation: text(2000).nullable().optional(),
  mitigationOwner: text(100).nullable().optional(),
  mitigationDue: date.nullable().optional(),
});
export const firmBody = z.object({
  name: text(100).min(2),
  creditCode: z.string().trim().min(1).max(18),
  qualifications: z.array(text(100).min(1)).max(20).default([]),
  staffCount: z.number().int().min(1).max(10000),
  contact: text(100).nullable().optional(),
  ties: z
    .array(
      z.object({
        name: text(100).min(2),
        creditCode: z.string().trim().length(18).nullable().optional(),
        relation: text(50).min(1),
      }),
    )
    .max(50)
    .default([]),
  status: z.enum(['active', 'suspended']).optional(),
});

const level = z.enum(RISK_LEVELS);
export const matterSummary = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  type: z.string(),
  kind: z.string(),
  stage: z.enum(RISK_STAGES),
  round: z.number(),
  stageDueAt: instant,
  overdue: z.boolean(),
  decision: z.string().nullable(),
  level: level.nullable(),
  areaCode: z.string(),
  areaCodes: z.array(z.string()),
  implementingBody: z.string(),
  firm: z.string().nullable(),
  createdAt: instant,
});
export const matterDetail = matterSummary.extend({
  decidingBody: z.string(),
  implementingCreditCode: z.string().nullable(),
  budget: z.number().nullable(),
  scheduleStart: z.string().nullable(),
  scheduleEnd: z.string().nullable(),
  background: z.string().nullable(),
  basis: z.string().nullable(),
  leadAssessor: z.string().nullable(),
  plan: z.string().nullable(),
  conclusion: z.string().nullable(),
  contingency: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedOn: z.string().nullable(),
  decisionNote: z.string().nullable(),
  decidedAt: instant.nullable(),
  implementationStartedAt: instant.nullable(),
  firmDetail: z.object({ id: z.string(), name: z.string(), creditCode: z.string() }).nullable(),
  areas: z.array(z.object({ code: z.string(), name: z.string(), level: z.string(), people: z.number() })),
  stages: z.array(
    z.object({
      stage: z.string(),
      round: z.number(),
      owner: z.string(),
      ownerName: z.string(),
      startedAt: instant,
      dueAt: instant.nullable(),
      endedAt: instant.nullable(),
      actor: z.string(),
      note: z.string().nullable(),
    }),
  ),
  consultations: z.array(
    z.object({
      id: z.string(),
      method: z.string(),
      heldOn: z.string(),
      participants: z.number(),
      consulted: z.string(),
      summary: z.string().nullable(),
      opinions: z.array(
        z.object({
          id: z.string(),
          content: z.string(),
          adopted: z.boolean().nullable(),
          response: z.string().nullable(),
        }),
      ),
    }),
  ),
  points: z.array(
    z.object({
      id: z.string(),
      dimension: z.string(),
      description: z.string(),
      likelihood: z.number(),
      impact: z.number(),
      effectiveImpact: z.number(),
      score: z.number(),
      level,
      affectedPeople: z.number().nullable(),
      mitigation: z.string().nullable(),
      mitigationOwner: z.string().nullable(),
      mitigationDue: z.string().nullable(),
      mitigationDoneAt: instant.nullable(),
      mitigationNote: z.string().nullable(),
    }),
  ),
  gradings: z.array(
    z.object({
      round: z.number(),
      ruleVersion: z.number(),
      computed: level,
      final: level,
      overrideReason: z.string().nullable(),
      mitigated: z.boolean(),
      gradedBy: z.string(),
      gradedAt: instant,
    }),
  ),
  rating: z.object({ score: z.number(), comment: z.string().nullable(), ratedBy: z.string() }).nullable(),
  missing: z.array(z.object({ key: z.string(), message: z.string() })),
  implementBlockers: z.array(z.object({ key: z.string(), message: z.string() })),
  next: z.string().nullable(),
  owner: z.string().nullable(),
  gradingCurrent: z.boolean(),
  rule: z.object({
    version: z.number(),
    likelihoodLabels: z.array(z.string()),
    impactLabels: z.array(z.string()),
    thresholds: z.object({ medium: z.number(), high: z.number() }),
    peopleEscalation: z.object({ atLeast: z.number(), impactBonus: z.number() }),
    mediumToHigh: z.number(),
  }),
  matrix: z.array(z.array(level)),
});
export { DECISIONS, date };

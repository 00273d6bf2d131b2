import { describe, expect, it } from 'vitest';
import { RISK_LEVELS, type RiskLevel } from './risk-scoring.js';
import {
  canReassess,
  type GradingFacts,
  implementBlockers,
  type MatterFacts,
  missingBefore,
  nextStage,
  RISK_STAGES,
  type RiskStage,
  STAGE_RULES,
  stageOwner,
} from './risk-workflow.js';

/** A special assessment of a land project with everything in place for every step. */
const complete = (): MatterFacts => ({
  kind: 'special',
  type: 'project',
  title: '某村征地拆迁',
  decidingBody: '县政府常务会议',
  implementingBody: '县自然资源局',
  areaCount: 1,
  budget: 18600,
  scheduleStart: '2027-01-01',
  firmAssigned: true,
  leadAssessor: '王建国',
  plan: '方案',
  consultations: [
    { method: 'notice', participants: 100, opinions: [{ adopted: true, response: null }] },
    { method: 'hearing', participants: 40, opinions: [{ adopted: false, response: '超出政策范围' }] },
  ],
  points: (['legality', 'reasonableness', 'feasibility', 'controllability'] as const).map((dimension) => ({
    dimension,
    level: 'low',
    affectedPeople: 10,
    mitigation: null,
    mitigationOwner: null,
    mitigationDone: false,
  })),
  gradings: [{ round: 1, computed: 'low', final: 'low', mitigated: true }],
  round: 1,
  gradingCurrent: true,
  conclusion: '风险可控',
  contingency: null,
  decision: 'implement',
  decidedBy: '县政府常务会议',
  firmRated: true,
});

/** Each step's requirement, the change that breaks it, and the key the guard must name. */
const BREAKS: Array<[RiskStage, string, (m: MatterFacts) => void]> = [
  ['identify', 'risk_missing_title', (m) => (m.title = ' ')],
  ['identify', 'risk_missing_deciding_body', (m) => (m.decidingBody = '')],
  ['identify', 'risk_missing_implementing_body', (m) => (m.implementingBody = '')],
  ['identify', 'risk_missing_areas', (m) => (m.areaCount = 0)],
  ['identify', 'risk_missing_schedule', (m) => (m.scheduleStart = null)],
  ['identify', 'risk_missing_budget', (m) => (m.budget = null)],
  ['plan', 'risk_missing_firm', (m) => (m.firmAssigned = false)],
  ['plan', 'risk_missing_lead_assessor', (m) => (m.leadAssessor = null)],
  ['plan', 'risk_missing_plan', (m) => (m.plan = '')],
  [
    'investigate',
    'risk_missing_methods_special',
    (m) => (m.consultations = m.consultations.map((c) => ({ ...c, method: 'hearing' }))),
  ],
  ['investigate', 'risk_missing_hearing', (m) => (m.consultations[1]!.method = 'forum')],
  [
    'investigate',
    'risk_missing_opinions',
    (m) => {
      for (const c of m.consultations) c.opinions = [];
    },
  ],
  ['investigate', 'risk_opinion_unanswered', (m) => (m.consultations[0]!.opinions[0]!.adopted = null)],
  ['investigate', 'risk_opinion_rejected_without_reason', (m) => (m.consultations[1]!.opinions[0]!.response = ' ')],
  ['grade', 'risk_missing_dimensions', (m) => (m.points = m.points.slice(1))],
  ['grade', 'risk_missing_affected_people', (m) => (m.points[0]!.affectedPeople = null)],
  ['grade', 'risk_missing_measures', (m) => (m.points[0]!.level = 'medium')],
  ['grade', 'risk_missing_grading', (m) => (m.gradingCurrent = false)],
  ['grade', 'risk_missing_grading', (m) => (m.round = 2)],
  ['report', 'risk_missing_conclusion', (m) => (m.conclusion = null)],
  [
    'report',
    'risk_missing_contingency',
    (m) => (m.gradings = [{ round: 1, computed: 'medium', final: 'medium', mitigated: true }]),
  ],
  ['decide', 'risk_missing_decision', (m) => (m.decision = null)],
  ['decide', 'risk_missing_decided_by', (m) => (m.decidedBy = null)],
  ['decide', 'risk_missing_firm_rating', (m) => (m.firmRated = false)],
  [
    'decide',
    'risk_high_blocks_implement',
    (m) => (m.gradings = [{ round: 1, computed: 'high', final: 'high', mitigated: true }]),
  ],
  [
    'decide',
    'risk_needs_reassessment',
    (m) => (m.gradings = [{ round: 1, computed: 'medium', final: 'medium', mitigated: true }]),
  ],
  ['monitor', 'risk_measures_open', (m) => (m.points[0]!.mitigation = '包户化解')],
  ['closed', 'risk_closed', () => undefined],
];

describe('risk workflow guards', () => {
  it('lets every open step of a complete matter move on, and names each missing requirement exactly', () => {
    for (const stage of RISK_STAGES) {
      if (stage !== 'closed') expect(missingBefore(stage, complete()), stage).toEqual([]);
    }
    for (const [stage, key, breakIt] of BREAKS) {
      const m = complete();
      breakIt(m);
      expect(missingBefore(stage, m), `${stage}: ${key}`).toEqual([key]);
      // A requirement of one step never holds up another step.
      for (const other of RISK_STAGES.filter((s) => s !== stage && s !== 'closed'))
        expect(missingBefore(other, m), `${key} at ${other}`).not.toContain(key);
    }
    expect(new Set(BREAKS.map(([s]) => s))).toEqual(new Set(RISK_STAGES));
  });

  it('asks less of an immediate assessment: no firm, one way of consulting, no hearing', () => {
    const m = { ...complete(), kind: 'immediate' as const, firmAssigned: false, firmRated: false };
    m.consultations = [{ method: 'visit', participants: 5, opinions: [{ adopted: true, response: null }] }];
    for (const s of ['plan', 'investigate', 'decide'] as const) expect(missingBefore(s, m), s).toEqual([]);
    m.consultations = [];
    expect(missingBefore('investigate', m)).toEqual(['risk_missing_methods_immediate', 'risk_missing_opinions']);
  });

  it('never lets medium or high risk be approved as it is: every first-round level and re-assessment outcome', () => {
    const g = (round: number, computed: RiskLevel, final: RiskLevel = computed, mitigated = true): GradingFacts => ({
      round,
      computed,
      final,
      mitigated,
    });
    expect(implementBlockers([])).toEqual(['risk_missing_grading']);
    for (const first of RISK_LEVELS) {
      const once = implementBlockers([g(1, first)]);
      expect(once, first).toEqual(
        first === 'low' ? [] : first === 'high' ? ['risk_high_blocks_implement'] : ['risk_needs_reassessment'],
      );
      for (const second of RISK_LEVELS) {
        for (const mitigated of [true, false]) {
          const after = implementBlockers([g(1, first), g(2, second, second, mitigated)]);
          const want =
            second === 'high'
              ? ['risk_high_blocks_implement']
              : (first !== 'low' || second !== 'low') && !mitigated
                ? ['risk_needs_reassessment']
                : [];
          expect(after, `${first} → ${second} mitigated=${mitigated}`).toEqual(want);
        }
      }
    }
    // An override down at round 1 does not skip the re-assessment, and an override up blocks.
    expect(implementBlockers([g(1, 'high', 'low')])).toEqual(['risk_needs_reassessment']);
    expect(implementBlockers([g(1, 'low', 'high')])).toEqual(['risk_high_blocks_implement']);
    expect(implementBlockers([g(1, 'low', 'medium')])).toEqual(['risk_needs_reassessment']);
    const m = complete();
    for (const d of ['postpone', 'reject'] as const)
      expect(missingBefore('decide', { ...m, decision: d, gradings: [g(1, 'high')] }), d).toEqual([]);
  });

  it('orders the steps, routes the decision, and allows re-assessment only at report and decision', () => {
    expect(RISK_STAGES.slice(0, 5).map((s) => nextStage(s, null))).toEqual([
      'plan',
      'investigate',
      'grade',
      'report',
      'decide',
    ]);
    expect(nextStage('decide', 'implement')).toBe('monitor');
    expect(nextStage('decide', 'postpone')).toBe('closed');
    expect(nextStage('decide', 'reject')).toBe('closed');
    expect(nextStage('monitor', 'implement')).toBe('closed');
    expect(RISK_STAGES.filter(canReassess)).toEqual(['report', 'decide']);
  });

  it('gives every open step an owner and a shorter deadline for an immediate assessment', () => {
    for (const s of RISK_STAGES) {
      if (s === 'closed') continue;
      expect(STAGE_RULES[s].days.immediate).toBeLessThan(STAGE_RULES[s].days.special);
      expect(stageOwner(s, 'special')).toBe(STAGE_RULES[s].owner);
      expect(stageOwner(s, 'immediate')).toBe(
        STAGE_RULES[s].owner === 'assessor' ? 'implementing_body' : STAGE_RULES[s].owner,
      );
    }
  });
});

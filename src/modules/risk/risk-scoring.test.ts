import { describe, expect, it } from 'vitest';
import {
  checkRule,
  DEFAULT_RISK_RULE,
  levelMatrix,
  type RiskLevel,
  type RiskScoringRule,
  SCALE,
  scoreMatter,
  scorePoint,
} from './risk-scoring.js';

// The default rule's matrix written out by hand (rows: likelihood 1–5, columns: impact 1–5),
// L×I ≥ 15 高 (H), ≥ 8 中 (M), else 低 (L). Not derived from the code under test.
const HAND: string[] = [
  'L L L L L', // 1×1..1×5 = 1..5
  'L L L M M', // 2×4 = 8, 2×5 = 10
  'L L M M H', // 3×3 = 9, 3×4 = 12, 3×5 = 15
  'L M M H H', // 4×2 = 8, 4×3 = 12, 4×4 = 16
  'L M H H H', // 5×2 = 10, 5×3 = 15
];
const CODE: Record<string, RiskLevel> = { L: 'low', M: 'medium', H: 'high' };
const expected = (l: number, i: number) => CODE[HAND[l - 1]!.split(' ')[i - 1]!]!;

describe('risk scoring rule', () => {
  it('scores every likelihood × impact pair of the default rule as the hand-written matrix says', () => {
    for (const l of SCALE) {
      for (const i of SCALE) {
        const s = scorePoint({ likelihood: l, impact: i, affectedPeople: 0 });
        expect(s.score, `${l}×${i}`).toBe(l * i);
        expect(s.level, `${l}×${i}`).toBe(expected(l, i));
      }
    }
    expect(levelMatrix()).toEqual(SCALE.map((l) => SCALE.map((i) => expected(l, i))));
  });

  it('raises the impact one step (capped at 5) when 1000 or more people are affected, not at 999', () => {
    for (const l of SCALE) {
      for (const i of SCALE) {
        expect(scorePoint({ likelihood: l, impact: i, affectedPeople: 999 }).level).toBe(expected(l, i));
        const up = scorePoint({ likelihood: l, impact: i, affectedPeople: 1000 });
        expect(up.effectiveImpact).toBe(Math.min(5, i + 1));
        expect(up.level).toBe(expected(l, Math.min(5, i + 1)));
      }
    }
  });

  it('takes the worst point, makes three medium points high, and grades an empty register low', () => {
    const low = { likelihood: 1, impact: 1, affectedPeople: 0 };
    const med = { likelihood: 2, impact: 4, affectedPeople: 0 };
    const high = { likelihood: 5, impact: 5, affectedPeople: 0 };
    expect(scoreMatter([])).toMatchObject({ level: 'low', basis: 'no_points' });
    expect(scoreMatter([low, low])).toMatchObject({ level: 'low', basis: 'worst_point' });
    expect(scoreMatter([low, med])).toMatchObject({ level: 'medium', counts: { low: 1, medium: 1, high: 0 } });
    expect(scoreMatter([med, med])).toMatchObject({ level: 'medium' });
    expect(scoreMatter([med, med, med])).toMatchObject({ level: 'high', basis: 'medium_accumulation' });
    expect(scoreMatter([low, high])).toMatchObject({ level: 'high', basis: 'worst_point' });
    expect(scoreMatter([med, med, med], { ...DEFAULT_RISK_RULE, mediumToHigh: 0 }).level).toBe('medium');
  });

  it('follows a configured rule: other thresholds and no people escalation', () => {
    const strict: RiskScoringRule = {
      ...DEFAULT_RISK_RULE,
      version: 2,
      thresholds: { medium: 5, high: 10 },
      peopleEscalation: { atLeast: 1, impactBonus: 0 },
    };
    for (const l of SCALE) {
      for (const i of SCALE) {
        const want: RiskLevel = l * i >= 10 ? 'high' : l * i >= 5 ? 'medium' : 'low';
        expect(scorePoint({ likelihood: l, impact: i, affectedPeople: 50_000 }, strict).level).toBe(want);
      }
    }
  });

  it('refuses values off the scales', () => {
    for (const bad of [0, 6, 2.5, Number.NaN]) {
      expect(() => scorePoint({ likelihood: bad, impact: 3, affectedPeople: 0 })).toThrow(RangeError);
      expect(() => scorePoint({ likelihood: 3, impact: bad, affectedPeople: 0 })).toThrow(RangeError);
    }
    expect(() => scorePoint({ likelihood: 3, impact: 3, affectedPeople: -1 })).toThrow(RangeError);
  });

  it('checks a proposed rule', () => {
    expect(checkRule(DEFAULT_RISK_RULE)).toEqual([]);
    expect(checkRule({ ...DEFAULT_RISK_RULE, thresholds: { medium: 15, high: 15 } })).toEqual(['risk_rule_thresholds']);
    expect(checkRule({ ...DEFAULT_RISK_RULE, thresholds: { medium: 1, high: 30 } })).toEqual(['risk_rule_thresholds']);
    expect(checkRule({ ...DEFAULT_RISK_RULE, likelihoodLabels: ['a', 'b', 'c', 'd', ' '] })).toEqual([
      'risk_rule_labels',
    ]);
    expect(checkRule({ ...DEFAULT_RISK_RULE, peopleEscalation: { atLeast: 0, impactBonus: 3 } })).toEqual([
      'risk_rule_people',
    ]);
    expect(checkRule({ ...DEFAULT_RISK_RULE, mediumToHigh: -1 })).toEqual(['risk_rule_accumulation']);
  });
});

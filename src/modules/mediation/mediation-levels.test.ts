import { describe, expect, it } from 'vitest';
import {
  levelDeadlineColour,
  levelFunnel,
  mediationMove,
  type PolicyLevel,
  policyProblems,
} from './mediation-levels.js';

const GAOTAI: PolicyLevel[] = [
  { key: 'grid', name: '网格员/社调解', nameEn: 'Grid', workingDays: 1, unitKind: null },
  { key: 'village', name: '村调委会', nameEn: 'Village', workingDays: 2, unitKind: null },
  { key: 'justice_office', name: '乡镇司法所', nameEn: 'Justice office', workingDays: 2, unitKind: 'justice_office' },
  { key: 'township_centre', name: '乡镇综治中心', nameEn: 'Township centre', workingDays: 2, unitKind: 'centre' },
];

describe('four-level seven-day mediation', () => {
  it('adds up to seven working days in the default policy', () => {
    expect(GAOTAI.reduce((a, l) => a + l.workingDays, 0)).toBe(7);
  });

  it('moves up one level on failure or timeout, at every level', () => {
    for (let i = 0; i < GAOTAI.length - 1; i++) {
      for (const result of ['failed', 'timeout'] as const) {
        const m = mediationMove(GAOTAI, { status: 'open', levelIndex: i }, result);
        expect(m).toEqual({ kind: 'escalated', from: GAOTAI[i], to: GAOTAI[i + 1], toIndex: i + 1 });
      }
    }
  });

  it('is exhausted after the last level fails', () => {
    expect(mediationMove(GAOTAI, { status: 'open', levelIndex: 3 }, 'timeout')).toEqual({
      kind: 'exhausted',
      from: GAOTAI[3],
    });
  });

  it('records the level that resolved it', () => {
    expect(mediationMove(GAOTAI, { status: 'open', levelIndex: 1 }, 'resolved')).toEqual({
      kind: 'resolved',
      levelKey: 'village',
    });
  });

  it('does nothing to a case that is no longer open', () => {
    for (const status of ['resolved', 'exhausted', 'withdrawn'] as const) {
      expect(mediationMove(GAOTAI, { status, levelIndex: 1 }, 'timeout')).toEqual({ kind: 'not_open' });
    }
  });

  it('checks a policy', () => {
    expect(policyProblems(GAOTAI)).toEqual([]);
    expect(policyProblems([])).toEqual(['levels']);
    expect(policyProblems([GAOTAI[0]!, { ...GAOTAI[1]!, key: 'grid', workingDays: 0 }])).toEqual([
      'levels.1.key',
      'levels.1.workingDays',
    ]);
  });

  it('computes the level funnel over finished cases', () => {
    const f = levelFunnel(GAOTAI, { resolvedByLevel: { grid: 6, village: 2, justice_office: 1 }, exhausted: 1 });
    expect(f.map((l) => [l.key, l.resolved, l.share])).toEqual([
      ['grid', 6, 0.6],
      ['village', 2, 0.2],
      ['justice_office', 1, 0.1],
      ['township_centre', 0, 0],
    ]);
    expect(levelFunnel(GAOTAI, { resolvedByLevel: {}, exhausted: 0 })[0]!.share).toBe(0);
  });

  it('colours a level yellow in its last 24 hours and red once it has run out; a finished case stays normal', () => {
    const due = new Date('2026-01-08T02:00:00Z');
    const at = (iso: string) => new Date(iso);
    expect(levelDeadlineColour('open', due, at('2026-01-07T01:59:59Z'))).toBe('normal');
    expect(levelDeadlineColour('open', due, at('2026-01-07T02:00:00Z'))).toBe('yellow');
    expect(levelDeadlineColour('open', due, at('2026-01-08T02:00:00Z'))).toBe('red');
    expect(levelDeadlineColour('resolved', due, at('2026-01-09T00:00:00Z'))).toBe('normal');
    expect(levelDeadlineColour('open', null, at('2026-01-09T00:00:00Z'))).toBe('normal');
  });
});

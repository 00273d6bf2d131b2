import { describe, expect, it } from 'vitest';
import { sideOf } from './supervision.policy.js';
import {
  allowedSupervisionActions,
  crosses,
  deadlineColour,
  SUPERVISION_ACTIONS,
  type SupervisionStatus,
  supervisionMove,
} from './supervision-rules.js';

const STATUSES: SupervisionStatus[] = ['listed', 'rectifying', 'requested', 'closed'];

describe('supervision steps', () => {
  it('follows the hand-written table for every status × action × side', () => {
    // [status, action, side] → result; anything not listed is invalid_transition.
    const table: Record<string, string> = {
      'listed/start/supervisor': 'rectifying',
      'listed/start/supervised': 'rectifying',
      'listed/request_close/supervisor': 'requested',
      'listed/request_close/supervised': 'requested',
      'rectifying/request_close/supervisor': 'requested',
      'rectifying/request_close/supervised': 'requested',
      'requested/approve/supervisor': 'closed',
      'requested/approve/supervised': 'forbidden',
      'requested/reject/supervisor': 'rectifying',
      'requested/reject/supervised': 'forbidden',
    };
    for (const s of STATUSES)
      for (const a of SUPERVISION_ACTIONS)
        for (const side of ['supervisor', 'supervised'] as const) {
          const r = supervisionMove(s, a, side, 'note');
          expect(r.ok ? r.to : r.error, `${s}/${a}/${side}`).toBe(table[`${s}/${a}/${side}`] ?? 'invalid_transition');
          expect(allowedSupervisionActions(s, side).includes(a)).toBe(r.ok);
        }
    expect(supervisionMove('rectifying', 'request_close', 'supervised', '  ')).toEqual({
      ok: false,
      error: 'note_required',
    });
    expect(supervisionMove('requested', 'reject', 'supervisor', null)).toEqual({ ok: false, error: 'note_required' });
  });

  it('puts the level above on the supervisor side and keeps siblings out', () => {
    expect(sideOf({ code: '620702', level: 'county', prefix: '620702' }, '620702001')).toBe('supervisor');
    expect(sideOf({ code: '620700', level: 'city', prefix: '6207' }, '620702001001')).toBe('supervisor');
    expect(sideOf({ code: '620702001', level: 'township', prefix: '620702001' }, '620702001')).toBe('supervised');
    expect(sideOf({ code: '620702002', level: 'township', prefix: '620702002' }, '620702001')).toBeNull();
  });

  it('judges thresholds with the minimum number of events, and colours deadlines', () => {
    const rule = { measure: 'overdue_share' as const, threshold: 0.2, minEvents: 10 };
    expect(crosses(rule, { areaCode: 'x', events: 9, numerator: 9, denominator: 9 })).toBeNull();
    expect(crosses(rule, { areaCode: 'x', events: 10, numerator: 2, denominator: 10 })).toBe(0.2);
    expect(crosses(rule, { areaCode: 'x', events: 10, numerator: 1, denominator: 10 })).toBeNull();
    expect(
      crosses(
        { measure: 'disputes_per_1000', threshold: 3, minEvents: 0 },
        { areaCode: 'x', events: 5, numerator: 5, denominator: 0 },
      ),
    ).toBeNull();
    expect(
      crosses(
        { measure: 'disputes_per_1000', threshold: 3, minEvents: 0 },
        { areaCode: 'x', events: 5, numerator: 5, denominator: 1000 },
      ),
    ).toBe(5);
    const c = {
      status: 'rectifying' as const,
      createdAt: new Date('2026-01-01T00:00:00Z'),
      deadlineAt: new Date('2026-01-11T00:00:00Z'),
      overdueAt: null,
    };
    expect(deadlineColour(c, new Date('2026-01-05T00:00:00Z'))).toBe('normal');
    expect(deadlineColour(c, new Date('2026-01-09T00:00:00Z'))).toBe('warning');
    expect(deadlineColour(c, new Date('2026-01-11T00:00:00Z'))).toBe('overdue');
    expect(deadlineColour({ ...c, status: 'closed' }, new Date('2026-02-01T00:00:00Z'))).toBe('closed');
  });
});

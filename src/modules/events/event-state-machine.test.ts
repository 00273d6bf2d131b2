import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  EVENT_ACTIONS,
  EVENT_STATUSES,
  type EventAction,
  type EventActorRole,
  type EventState,
  type EventStatus,
  type Rating,
  type TransitionInput,
  transition,
} from './event-state-machine.js';

const ROLES: EventActorRole[] = ['operator', 'handler', 'resident', 'system'];
const RATINGS: Rating[] = ['satisfied', 'basically_satisfied', 'unsatisfied'];
const state = (status: EventStatus, extra: Partial<EventState> = {}): EventState => ({
  status,
  suspendedFrom: null,
  reopenCount: 0,
  rating: null,
  openCoHandlerTasks: 0,
  ...extra,
});

/**
 * The loop as the design describes it, written out by hand (not derived from RULES): for each
 * status, the actions that leave it, who may take them (O operator, H handler, R resident,
 * S system) and where they lead. Anything not listed is refused with action_not_allowed.
 */
const EXPECTED: Record<EventStatus, Partial<Record<EventAction, [who: string, to: EventStatus | 'back']>>> = {
  reported: { accept: ['O', 'accepted'], reject: ['O', 'rejected'], suspend: ['O', 'suspended'] },
  accepted: { dispatch: ['OS', 'dispatched'], suspend: ['O', 'suspended'] },
  rejected: {},
  dispatched: {
    start: ['H', 'handling'],
    return: ['H', 'accepted'],
    reassign: ['O', 'dispatched'],
    suspend: ['O', 'suspended'],
  },
  handling: {
    return: ['H', 'accepted'],
    reassign: ['O', 'dispatched'],
    feedback: ['H', 'feedback'],
    suspend: ['O', 'suspended'],
  },
  feedback: { verify: ['O', 'verified'], rework: ['O', 'handling'], suspend: ['O', 'suspended'] },
  verified: { close: ['O', 'closed'], suspend: ['O', 'suspended'] },
  closed: { rate: ['RO', 'rated'] },
  rated: { reopen: ['RO', 'handling'] },
  suspended: { resume: ['OS', 'back'] },
};
const LETTER: Record<EventActorRole, string> = { operator: 'O', handler: 'H', resident: 'R', system: 'S' };
const NEEDS_REASON: EventAction[] = ['reject', 'return', 'reassign', 'rework', 'suspend'];

/** An input that satisfies every guard: a reason, a rating, and the lead unit's override. */
const complete = (action: EventAction, role: EventActorRole): TransitionInput => ({
  action,
  role,
  note: '已核实情况',
  rating: 'unsatisfied',
  override: true,
});
/** A state in which the status's guards can pass: a rated event was rated unsatisfied, a suspended one knows where it came from. */
const ready = (status: EventStatus): EventState =>
  state(
    status,
    status === 'rated' ? { rating: 'unsatisfied' } : status === 'suspended' ? { suspendedFrom: 'feedback' } : {},
  );

describe('every status × action × role against the expected table', () => {
  for (const status of EVENT_STATUSES) {
    for (const action of EVENT_ACTIONS) {
      for (const role of ROLES) {
        const rule = EXPECTED[status][action];
        const outcome = !rule
          ? 'action_not_allowed'
          : !rule[0].includes(LETTER[role])
            ? 'role_not_allowed'
            : rule[1] === 'back'
              ? 'feedback'
              : rule[1];
        it(`${status} —${action} by ${role}→ ${outcome}`, () => {
          const before = ready(status);
          const copy = structuredClone(before);
          const r = transition(before, complete(action, role));
          expect(before).toEqual(copy); // pure: the input state is not touched
          if (outcome === 'action_not_allowed' || outcome === 'role_not_allowed') {
            expect(r).toEqual({ ok: false, error: outcome });
            return;
          }
          if (!r.ok) throw new Error(r.error);
          expect(r.state.status).toBe(outcome);
          expect(r.state.openCoHandlerTasks).toBe(0);
          expect(r.state.suspendedFrom).toBe(action === 'suspend' ? status : null);
          expect(r.state.reopenCount).toBe(action === 'reopen' ? 1 : 0);
          expect(r.state.rating).toBe(action === 'rate' ? 'unsatisfied' : action === 'reopen' ? null : before.rating);
        });
      }
    }
  }

  it('covers 10 statuses × 14 actions × 4 roles, and every action appears in the table', () => {
    expect(EVENT_STATUSES).toHaveLength(10);
    expect(EVENT_ACTIONS).toHaveLength(14);
    const listed = new Set(Object.values(EXPECTED).flatMap((m) => Object.keys(m)));
    expect([...listed].sort()).toEqual([...EVENT_ACTIONS].sort());
  });
});

describe('the happy path of the closed loop', () => {
  it('goes 上报 → 受理 → 派遣 → 处置 → 反馈 → 核查 → 结案 → 评价', () => {
    let s = state('reported');
    const steps: Array<[EventAction, EventActorRole, EventStatus]> = [
      ['accept', 'operator', 'accepted'],
      ['dispatch', 'system', 'dispatched'],
      ['start', 'handler', 'handling'],
      ['feedback', 'handler', 'feedback'],
      ['verify', 'operator', 'verified'],
      ['close', 'operator', 'closed'],
      ['rate', 'resident', 'rated'],
    ];
    for (const [action, role, to] of steps) {
      const r = transition(s, { action, role, rating: 'satisfied' });
      if (!r.ok) throw new Error(`${action}: ${r.error}`);
      expect(r.state.status).toBe(to);
      s = r.state;
    }
    expect(s).toEqual({
      status: 'rated',
      suspendedFrom: null,
      reopenCount: 0,
      rating: 'satisfied',
      openCoHandlerTasks: 0,
    });
  });
});

describe('reason guard', () => {
  const from: Record<string, EventStatus> = {
    reject: 'reported',
    return: 'handling',
    reassign: 'dispatched',
    rework: 'feedback',
    suspend: 'verified',
  };
  const role = (a: EventAction): EventActorRole => (a === 'return' ? 'handler' : 'operator');
  for (const action of NEEDS_REASON) {
    it(`${action} wants a reason of at least two characters after trimming`, () => {
      for (const note of [undefined, null, '', ' ', '\n\t', ' 因 ']) {
        expect(transition(state(from[action]!), { action, role: role(action), note }), JSON.stringify(note)).toEqual({
          ok: false,
          error: 'reason_required',
        });
      }
      for (const note of ['原因', '  外出 ', 'no'])
        expect(transition(state(from[action]!), { action, role: role(action), note }).ok).toBe(true);
    });
    it(`${action}: the status and role are checked before the reason`, () => {
      expect(transition(state('closed'), { action, role: role(action) })).toEqual({
        ok: false,
        error: 'action_not_allowed',
      });
      expect(transition(state(from[action]!), { action, role: 'resident' })).toEqual({
        ok: false,
        error: 'role_not_allowed',
      });
    });
  }
  it('no other action asks for a reason', () => {
    const others: Array<[EventAction, EventActorRole, EventStatus]> = [
      ['accept', 'operator', 'reported'],
      ['dispatch', 'operator', 'accepted'],
      ['start', 'handler', 'dispatched'],
      ['feedback', 'handler', 'handling'],
      ['verify', 'operator', 'feedback'],
      ['close', 'operator', 'verified'],
      ['resume', 'system', 'suspended'],
    ];
    for (const [action, role, status] of others)
      expect(transition(state(status), { action, role }).ok, action).toBe(true);
    expect(transition(state('closed'), { action: 'rate', role: 'resident', rating: 'satisfied' }).ok).toBe(true);
    expect(transition(state('rated', { rating: 'unsatisfied' }), { action: 'reopen', role: 'resident' }).ok).toBe(true);
  });
});

describe('rating guard', () => {
  it('wants a rating to rate, for the resident and the operator alike, and records it', () => {
    for (const role of ['resident', 'operator'] as const) {
      expect(transition(state('closed'), { action: 'rate', role })).toEqual({ ok: false, error: 'rating_required' });
      for (const rating of RATINGS) {
        const r = transition(state('closed'), { action: 'rate', role, rating });
        expect(r.ok && r.state).toEqual(state('rated', { rating }));
      }
    }
  });
  it('ignores a rating on any other action', () => {
    const r = transition(state('reported'), { action: 'accept', role: 'operator', rating: 'unsatisfied' });
    expect(r.ok && r.state.rating).toBeNull();
  });
});

describe('reopen guard', () => {
  it('reopens only after an unsatisfied rating', () => {
    for (const rating of [null, 'satisfied', 'basically_satisfied'] as const) {
      for (const role of ['resident', 'operator'] as const)
        expect(transition(state('rated', { rating }), { action: 'reopen', role })).toEqual({
          ok: false,
          error: 'action_not_allowed',
        });
    }
  });
  it('reopens once: back to handling, rating cleared, count raised; a second time is refused', () => {
    const r = transition(state('rated', { rating: 'unsatisfied' }), { action: 'reopen', role: 'resident' });
    expect(r.ok && r.state).toEqual(state('handling', { reopenCount: 1, rating: null }));
    for (const reopenCount of [1, 2, 5]) {
      expect(
        transition(state('rated', { rating: 'unsatisfied', reopenCount }), { action: 'reopen', role: 'operator' }),
      ).toEqual({ ok: false, error: 'reopen_limit' });
    }
  });
  it('the whole second round: reopen, handle again, rate unsatisfied again, no third round', () => {
    let s = state('rated', { rating: 'unsatisfied' });
    const steps: Array<[EventAction, EventActorRole]> = [
      ['reopen', 'resident'],
      ['feedback', 'handler'],
      ['verify', 'operator'],
      ['close', 'operator'],
      ['rate', 'resident'],
    ];
    for (const [action, role] of steps) {
      const r = transition(s, { action, role, rating: 'unsatisfied' });
      if (!r.ok) throw new Error(`${action}: ${r.error}`);
      s = r.state;
    }
    expect(s).toEqual(state('rated', { rating: 'unsatisfied', reopenCount: 1 }));
    expect(transition(s, { action: 'reopen', role: 'resident' })).toEqual({ ok: false, error: 'reopen_limit' });
    expect(allowedActions(s, 'resident')).toEqual([]);
    expect(allowedActions(s, 'operator')).toEqual([]);
  });
});

describe('co-handler override guard', () => {
  it('closes freely with no open co-handler tasks, whatever the override says', () => {
    for (const override of [undefined, false, true])
      expect(transition(state('verified'), { action: 'close', role: 'operator', override }).ok).toBe(true);
  });
  it('with open tasks: refused without the override, the override needs a reason, then it closes', () => {
    for (const openCoHandlerTasks of [1, 3]) {
      const s = state('verified', { openCoHandlerTasks });
      expect(transition(s, { action: 'close', role: 'operator' })).toEqual({ ok: false, error: 'co_handlers_open' });
      expect(transition(s, { action: 'close', role: 'operator', note: '派出所已口头反馈' })).toEqual({
        ok: false,
        error: 'co_handlers_open',
      });
      expect(transition(s, { action: 'close', role: 'operator', override: false, note: '派出所已口头反馈' })).toEqual({
        ok: false,
        error: 'co_handlers_open',
      });
      for (const note of [undefined, '', ' 好 '])
        expect(transition(s, { action: 'close', role: 'operator', override: true, note })).toEqual({
          ok: false,
          error: 'reason_required',
        });
      const r = transition(s, { action: 'close', role: 'operator', override: true, note: '派出所已口头反馈' });
      expect(r.ok && r.state).toEqual(state('closed', { openCoHandlerTasks }));
    }
  });
  it('checks the role before the co-handlers, and the override changes no other action', () => {
    expect(
      transition(state('verified', { openCoHandlerTasks: 2 }), {
        action: 'close',
        role: 'handler',
        override: true,
        note: '理由充分',
      }),
    ).toEqual({ ok: false, error: 'role_not_allowed' });
    const s = state('feedback', { openCoHandlerTasks: 2 });
    expect(transition(s, { action: 'verify', role: 'operator' }).ok).toBe(true);
    expect(transition(s, { action: 'verify', role: 'operator', override: true }).ok).toBe(true);
  });
});

describe('suspension', () => {
  const active: EventStatus[] = ['reported', 'accepted', 'dispatched', 'handling', 'feedback', 'verified'];
  it('suspends from every open status and resumes where it was (operator or system)', () => {
    for (const from of active) {
      for (const resumer of ['operator', 'system'] as const) {
        const s = transition(state(from, { reopenCount: 1 }), {
          action: 'suspend',
          role: 'operator',
          note: '当事人外出',
        });
        if (!s.ok) throw new Error(s.error);
        expect(s.state).toEqual(state('suspended', { suspendedFrom: from, reopenCount: 1 }));
        expect(allowedActions(s.state, 'operator')).toEqual(['resume']);
        const r = transition(s.state, { action: 'resume', role: resumer });
        expect(r.ok && r.state).toEqual(state(from, { reopenCount: 1 }));
      }
    }
  });
  it('does not suspend a finished or suspended event', () => {
    for (const status of ['rejected', 'closed', 'rated', 'suspended'] as const) {
      expect(
        transition(state(status, { suspendedFrom: 'handling' }), {
          action: 'suspend',
          role: 'operator',
          note: '原因说明',
        }),
      ).toEqual({ ok: false, error: 'action_not_allowed' });
    }
  });
  it('resumes to accepted when the status it came from is unknown', () => {
    const r = transition(state('suspended'), { action: 'resume', role: 'system' });
    expect(r.ok && r.state.status).toBe('accepted');
  });
});

describe('allowedActions agrees with transition()', () => {
  const variants: Array<Partial<EventState>> = [];
  for (const rating of [null, ...RATINGS])
    for (const reopenCount of [0, 1])
      for (const openCoHandlerTasks of [0, 2])
        for (const suspendedFrom of [null, 'handling'] as const)
          variants.push({ rating, reopenCount, openCoHandlerTasks, suspendedFrom });

  for (const status of EVENT_STATUSES) {
    for (const role of ROLES) {
      it(`${status} for ${role}: exactly the actions a complete request may take, in the canonical order`, () => {
        for (const v of variants) {
          const s = state(status, v);
          const possible = EVENT_ACTIONS.filter((a) => transition(s, complete(a, role)).ok);
          expect(allowedActions(s, role), JSON.stringify(v)).toEqual(possible);
        }
      });
    }
  }

  it('offers each role only its own next steps', () => {
    expect(allowedActions(state('reported'), 'operator')).toEqual(['accept', 'reject', 'suspend']);
    expect(allowedActions(state('accepted'), 'system')).toEqual(['dispatch']);
    expect(allowedActions(state('dispatched'), 'handler')).toEqual(['start', 'return']);
    expect(allowedActions(state('handling'), 'handler')).toEqual(['return', 'feedback']);
    expect(allowedActions(state('handling'), 'operator')).toEqual(['reassign', 'suspend']);
    expect(allowedActions(state('closed'), 'resident')).toEqual(['rate']);
    expect(allowedActions(state('rated', { rating: 'unsatisfied' }), 'resident')).toEqual(['reopen']);
    for (const role of ROLES) expect(allowedActions(state('rejected'), role)).toEqual([]);
    for (const status of EVENT_STATUSES)
      expect(allowedActions(state(status), 'resident').every((a) => a === 'rate' || a === 'reopen')).toBe(true);
  });
});

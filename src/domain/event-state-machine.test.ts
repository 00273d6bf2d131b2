import { describe, expect, it } from 'vitest';
import { allowedActions, EVENT_ACTIONS, EVENT_STATUSES, type EventAction, type EventState, type EventStatus, RULES, transition } from './event-state-machine.js';

const state = (status: EventStatus, extra: Partial<EventState> = {}): EventState => ({ status, suspendedFrom: null, reopenCount: 0, rating: null, openCoHandlerTasks: 0, ...extra });
const roleFor = (a: EventAction) => RULES[a].roles[0]!;
const full = (a: EventAction) => ({ action: a, role: roleFor(a), note: '原因说明', rating: 'satisfied' as const });

describe('event state machine: every status × every action', () => {
  for (const status of EVENT_STATUSES) {
    for (const action of EVENT_ACTIONS) {
      const allowed = RULES[action].from.includes(status) && !(action === 'reopen');
      it(`${status} —${action}→ ${allowed ? 'allowed' : '409'}`, () => {
        const r = transition(state(status, status === 'suspended' ? { suspendedFrom: 'handling' } : {}), full(action));
        if (action === 'reopen' && status === 'rated') {
          expect(r).toEqual({ ok: false, error: 'action_not_allowed' }); // only after an unsatisfied rating
          return;
        }
        expect(r.ok).toBe(allowed);
        if (!r.ok) expect(r.error).toBe('action_not_allowed');
      });
    }
  }
});

describe('the happy path of the closed loop', () => {
  it('goes 上报 → 受理 → 派遣 → 处置 → 反馈 → 核查 → 结案 → 评价', () => {
    let s = state('reported');
    const steps: Array<[EventAction, EventStatus]> = [['accept', 'accepted'], ['dispatch', 'dispatched'], ['start', 'handling'], ['feedback', 'feedback'], ['verify', 'verified'], ['close', 'closed'], ['rate', 'rated']];
    for (const [action, to] of steps) {
      const r = transition(s, full(action));
      if (!r.ok) throw new Error(`${action}: ${r.error}`);
      expect(r.state.status).toBe(to);
      s = r.state;
    }
    expect(s.rating).toBe('satisfied');
  });
});

describe('guards', () => {
  it('refuses to close a just-reported event', () => {
    expect(transition(state('reported'), { action: 'close', role: 'operator' })).toEqual({ ok: false, error: 'action_not_allowed' });
  });
  it('checks roles: a handler cannot accept, a resident cannot dispatch', () => {
    expect(transition(state('reported'), { action: 'accept', role: 'handler' })).toEqual({ ok: false, error: 'role_not_allowed' });
    expect(transition(state('accepted'), { action: 'dispatch', role: 'resident' })).toEqual({ ok: false, error: 'role_not_allowed' });
  });
  it('wants a reason for rejecting, returning, reassigning, rework and suspending', () => {
    for (const [status, action] of [['reported', 'reject'], ['handling', 'return'], ['dispatched', 'reassign'], ['feedback', 'rework'], ['handling', 'suspend']] as const) {
      expect(transition(state(status), { action, role: roleFor(action) })).toEqual({ ok: false, error: 'reason_required' });
      expect(transition(state(status), { action, role: roleFor(action), note: ' ' })).toEqual({ ok: false, error: 'reason_required' });
      expect(transition(state(status), { action, role: roleFor(action), note: '原因' }).ok).toBe(true);
    }
  });
  it('sends rework back to handling and a return back to the centre', () => {
    const r = transition(state('feedback'), { action: 'rework', role: 'operator', note: '现场未整改' });
    expect(r.ok && r.state.status).toBe('handling');
    const back = transition(state('dispatched'), { action: 'return', role: 'handler', note: '不属本单位职责' });
    expect(back.ok && back.state.status).toBe('accepted');
  });
  it('waits for co-handlers unless the lead overrides with a reason', () => {
    const s = state('verified', { openCoHandlerTasks: 1 });
    expect(transition(s, { action: 'close', role: 'operator' })).toEqual({ ok: false, error: 'co_handlers_open' });
    expect(transition(s, { action: 'close', role: 'operator', override: true })).toEqual({ ok: false, error: 'reason_required' });
    const r = transition(s, { action: 'close', role: 'operator', override: true, note: '派出所已口头反馈' });
    expect(r.ok && r.state.status).toBe('closed');
  });
  it('needs a rating to rate, and lets an unsatisfied rating reopen once', () => {
    expect(transition(state('closed'), { action: 'rate', role: 'resident' })).toEqual({ ok: false, error: 'rating_required' });
    const rated = transition(state('closed'), { action: 'rate', role: 'resident', rating: 'unsatisfied' });
    if (!rated.ok) throw new Error(rated.error);
    expect(allowedActions(rated.state, 'resident')).toEqual(['reopen']);
    const reopened = transition(rated.state, { action: 'reopen', role: 'resident' });
    if (!reopened.ok) throw new Error(reopened.error);
    expect(reopened.state).toMatchObject({ status: 'handling', reopenCount: 1, rating: null });
    const s2 = { ...reopened.state, status: 'rated' as const, rating: 'unsatisfied' as const };
    expect(transition(s2, { action: 'reopen', role: 'resident' })).toEqual({ ok: false, error: 'reopen_limit' });
    expect(allowedActions(s2, 'resident')).toEqual([]);
  });
  it('suspends from any open status and resumes where it was', () => {
    for (const from of ['reported', 'accepted', 'dispatched', 'handling', 'feedback', 'verified'] as const) {
      const s = transition(state(from), { action: 'suspend', role: 'operator', note: '当事人外出' });
      if (!s.ok) throw new Error(s.error);
      expect(s.state).toMatchObject({ status: 'suspended', suspendedFrom: from });
      const r = transition(s.state, { action: 'resume', role: 'operator' });
      expect(r.ok && r.state).toMatchObject({ status: from, suspendedFrom: null });
    }
  });
  it('offers each role only its own next steps', () => {
    expect(allowedActions(state('reported'), 'operator')).toEqual(['accept', 'reject', 'suspend']);
    expect(allowedActions(state('dispatched'), 'handler')).toEqual(['start', 'return']);
    expect(allowedActions(state('handling'), 'handler')).toEqual(['return', 'feedback']);
    expect(allowedActions(state('rejected'), 'operator')).toEqual([]);
  });
});

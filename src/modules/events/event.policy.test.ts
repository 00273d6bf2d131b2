import { describe, expect, it } from 'vitest';
import type { Permission } from '../../kernel/permissions.js';
import {
  actingRole,
  attachRefusal,
  canAddCoHandler,
  canMerge,
  canRate,
  eventActions,
  isMergeable,
  isMergeTarget,
  mayAttachToOwnStep,
  mayHandle,
  mayLead,
  mediationActions,
} from './event.policy.js';

const UNIT = '00000000-0000-4000-8000-00000000000a';
const OTHER = '00000000-0000-4000-8000-00000000000b';
const actor = (permissions: Permission[], unitId: string | null = null) => ({
  permissions: new Set(permissions),
  unitId,
});
const operator = actor(['event:read', 'event:operate']);
const handler = actor(['event:read', 'event:handle'], UNIT);
const reader = actor(['event:read'], UNIT);
const event = (
  status: string,
  more: Partial<{ lead_unit_id: string | null; rating: string | null; reopen_count: number }> = {},
) => ({
  status,
  lead_unit_id: UNIT,
  rating: null,
  reopen_count: 0,
  possible_duplicate_of: null,
  merged_into: null,
  category_code: '0101',
  ...more,
});

describe('event policy', () => {
  it('picks the side of the state machine an account acts on', () => {
    expect(actingRole(operator, 'dispatch')).toBe('operator');
    expect(actingRole(handler, 'start')).toBe('handler');
    expect(actingRole(handler, 'dispatch')).toBeNull();
    expect(actingRole(reader, 'accept')).toBeNull();
  });

  it("offers the operator and the lead unit their actions, never the resident's rating", () => {
    expect(eventActions(operator, event('reported'))).toEqual(['accept', 'reject', 'suspend']);
    expect(eventActions(operator, event('dispatched'))).toEqual(['reassign', 'suspend']);
    expect(eventActions(handler, event('dispatched'))).toEqual(['start', 'return']);
    expect(eventActions(handler, event('dispatched', { lead_unit_id: OTHER }))).toEqual([]);
    expect(eventActions(operator, event('closed'))).toEqual([]);
    expect(eventActions(operator, event('rated', { rating: 'unsatisfied' }))).toEqual([]);
    expect(eventActions(reader, event('reported'))).toEqual([]);
  });

  it('lets a handler act only for the lead unit', () => {
    expect(mayHandle(handler, { lead_unit_id: UNIT })).toBe(true);
    expect(mayHandle(handler, { lead_unit_id: OTHER })).toBe(false);
    expect(mayHandle(actor(['event:handle']), { lead_unit_id: null })).toBe(false);
    expect(mayHandle(null, { lead_unit_id: UNIT })).toBe(false);
  });

  it('lets whoever leads add co-handlers to an accepted, open event', () => {
    expect(mayLead(operator, null)).toBe(true);
    expect(mayLead(handler, UNIT)).toBe(true);
    expect(mayLead(handler, OTHER)).toBe(false);
    expect(canAddCoHandler(operator, event('accepted'))).toBe(true);
    expect(canAddCoHandler(operator, event('suspended'))).toBe(true);
    expect(canAddCoHandler(operator, event('reported'))).toBe(false);
    for (const s of ['rejected', 'closed', 'rated']) expect(canAddCoHandler(operator, event(s))).toBe(false);
    expect(canAddCoHandler(reader, event('handling'))).toBe(false);
  });

  it('offers a merge for an open possible duplicate to an operator, and merges only open events of one kind', () => {
    const dup = { ...event('reported'), possible_duplicate_of: OTHER };
    expect(canMerge(operator, dup)).toBe(true);
    expect(canMerge(handler, dup)).toBe(false);
    expect(canMerge(operator, event('reported'))).toBe(false);
    expect(canMerge(operator, { ...dup, status: 'closed' })).toBe(false);
    expect(canMerge(operator, { ...dup, merged_into: OTHER })).toBe(false);
    expect(isMergeable(event('suspended'))).toBe(true);
    expect(isMergeTarget(event('handling', {}), { category_code: '0102' })).toBe(true);
    expect(isMergeTarget(event('handling'), { category_code: '0201' })).toBe(false);
    expect(isMergeTarget(event('rated'), { category_code: '0101' })).toBe(false);
  });

  it('shows the mediation buttons when the mediation module lets the account act', () => {
    expect(mediationActions({ status: 'open' }, () => true)).toEqual(['resolve', 'fail']);
    expect(mediationActions({ status: 'open' }, () => false)).toEqual([]);
    expect(mediationActions(null, () => true)).toEqual([]);
  });

  it('lets a resident rate a closed event that was not merged away', () => {
    expect(canRate({ status: 'closed', merged_into_number: null })).toBe(true);
    expect(canRate({ status: 'closed', merged_into_number: 'SJ-1' })).toBe(false);
    expect(canRate({ status: 'rated', merged_into_number: null })).toBe(false);
  });
});

describe('attaching files: who acts on the event now', () => {
  const e = (status: string, more: { merged_into?: string | null; lead_unit_id?: string | null } = {}) => ({
    status,
    merged_into: null,
    lead_unit_id: UNIT,
    ...more,
  });
  const otherUnit = actor(['event:read', 'event:handle'], OTHER);
  it('lets operators attach to open events, never to finished or merged ones', () => {
    for (const s of ['reported', 'accepted', 'dispatched', 'handling', 'feedback', 'verified', 'suspended'])
      expect(attachRefusal(operator, e(s), [])).toBeNull();
    for (const s of ['rejected', 'closed', 'rated']) expect(attachRefusal(operator, e(s), [])).toBe('state');
    expect(attachRefusal(operator, e('handling', { merged_into: OTHER }), [])).toBe('state');
  });
  it('lets the lead unit attach while it handles, another unit only with an open task, a reader never', () => {
    expect(attachRefusal(handler, e('dispatched'), [])).toBeNull();
    expect(attachRefusal(handler, e('handling'), [])).toBeNull();
    expect(attachRefusal(handler, e('feedback'), [])).toBe('state');
    expect(attachRefusal(handler, e('closed'), [])).toBe('state');
    expect(attachRefusal(otherUnit, e('handling'), [])).toBe('forbidden');
    expect(attachRefusal(otherUnit, e('handling'), [OTHER])).toBeNull();
    expect(attachRefusal(otherUnit, e('closed'), [OTHER])).toBe('state');
    expect(attachRefusal(reader, e('handling'), [UNIT])).toBe('forbidden');
    expect(attachRefusal(reader, e('closed'), [])).toBe('forbidden');
  });
  it('lets the author of a step attach its evidence for 30 minutes', () => {
    const at = new Date('2026-11-26T02:00:00Z');
    const me = { ...operator, userId: 'u1' };
    const later = (min: number) => new Date(at.getTime() + min * 60_000);
    expect(mayAttachToOwnStep(me, { actor_id: 'u1', at }, later(29))).toBe(true);
    expect(mayAttachToOwnStep(me, { actor_id: 'u1', at }, later(31))).toBe(false);
    expect(mayAttachToOwnStep(me, { actor_id: 'u2', at }, later(1))).toBe(false);
    expect(mayAttachToOwnStep(me, { actor_id: null, at }, later(1))).toBe(false);
    expect(mayAttachToOwnStep({ ...reader, userId: 'u1' }, { actor_id: 'u1', at }, later(1))).toBe(false);
  });
});

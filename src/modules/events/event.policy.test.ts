import { describe, expect, it } from 'vitest';
import type { Permission } from '../../kernel/permissions.js';
import {
  actingRole,
  canAddCoHandler,
  canMerge,
  canRate,
  eventActions,
  isMergeable,
  isMergeTarget,
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

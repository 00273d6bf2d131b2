import { describe, expect, it } from 'vitest';
import { mostSpecific, nearestUnitIn, type ReferenceData } from './reference-cache.js';

const unit = (id: string, kind: string, area: string, code = id) => ({
  id,
  code,
  name: id,
  kind: kind as 'centre',
  area_code: area,
  status: 'active' as const,
});

function refWith(units: ReturnType<typeof unit>[]): ReferenceData {
  const unitsByKind = new Map<string, ReturnType<typeof unit>[]>();
  for (const u of units) unitsByKind.set(u.kind, [...(unitsByKind.get(u.kind) ?? []), u]);
  return {
    version: '1',
    categories: new Map(),
    liveRules: [],
    stageLimits: [],
    mediationPolicies: [],
    units: new Map(units.map((u) => [u.id, u])),
    unitsByKind,
  };
}

describe('nearestUnitIn', () => {
  const areas = ['620702001', '620702', '620700'];
  it('takes the township before the county before the city, and the first in database order within an area', () => {
    const ref = refWith([
      unit('city', 'centre', '620700'),
      unit('county-a', 'centre', '620702'),
      unit('county-b', 'centre', '620702'),
      unit('town', 'centre', '620702001'),
    ]);
    expect(nearestUnitIn(ref, 'centre', areas)).toBe('town');
    expect(nearestUnitIn(ref, 'centre', ['620702002', '620702', '620700'])).toBe('county-a');
    expect(nearestUnitIn(ref, 'centre', ['620721001', '620721', '620700'])).toBe('city');
  });
  it('answers null when no unit of the kind covers the grid', () => {
    const ref = refWith([unit('court', 'court' as 'centre', '620721')]);
    expect(nearestUnitIn(ref, 'centre', areas)).toBeNull();
    expect(nearestUnitIn(ref, 'court' as 'centre', areas)).toBeNull();
  });
});

describe('mostSpecific', () => {
  const rows = [{ p: '' }, { p: '01' }, { p: '0102' }, { p: '02' }];
  it('picks the longest prefix of the code, the empty prefix matching everything', () => {
    expect(mostSpecific(rows, (r) => r.p, '010203')?.p).toBe('0102');
    expect(mostSpecific(rows, (r) => r.p, '0105')?.p).toBe('01');
    expect(mostSpecific(rows, (r) => r.p, '0301')?.p).toBe('');
    expect(mostSpecific(rows.slice(1), (r) => r.p, '0301')).toBeNull();
  });
});

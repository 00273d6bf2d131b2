import { describe, expect, it } from 'vitest';
import { matches, pickRule, unitSearchAreas } from './routing-rules.js';

const rule = (id: string, categoryPrefix: string, areaPrefix: string, createdAt = '2026-01-01T00:00:00Z') => ({
  id,
  categoryPrefix,
  areaPrefix,
  createdAt: new Date(createdAt),
});

describe('routing rules', () => {
  const grid = '620702001002003';
  it('matches by prefixes, the empty prefix matching everything', () => {
    expect(matches(rule('a', '', ''), '0101', grid)).toBe(true);
    expect(matches(rule('a', '01', '620702'), '0101', grid)).toBe(true);
    expect(matches(rule('a', '02', ''), '0101', grid)).toBe(false);
    expect(matches(rule('a', '01', '620721'), '0101', grid)).toBe(false);
  });

  it('prefers the longer area prefix over the longer category prefix', () => {
    const rules = [
      rule('global-kind', '0104', ''),
      rule('county-group', '01', '620702'),
      rule('other-county', '0104', '620721'),
    ];
    expect(pickRule(rules, '0104', grid)?.id).toBe('county-group');
    expect(pickRule(rules, '0104', '620721001001001')?.id).toBe('other-county');
    expect(pickRule(rules, '0104', '620722001001001')?.id).toBe('global-kind');
  });

  it('prefers the longer category prefix within one area, then the newer rule', () => {
    const rules = [
      rule('group', '01', ''),
      rule('kind', '0108', ''),
      rule('kind-newer', '0108', '', '2026-06-01T00:00:00Z'),
    ];
    expect(pickRule(rules, '0108', grid)?.id).toBe('kind-newer');
    expect(pickRule(rules, '0101', grid)?.id).toBe('group');
    expect(pickRule(rules, '0201', grid)).toBeNull();
  });

  it('looks for units in the township, then the county, then the city', () => {
    expect(unitSearchAreas(grid)).toEqual(['620702001', '620702', '620700']);
  });
});

import { describe, expect, it } from 'vitest';
import {
  countyCodeOf,
  expectedParentCode,
  inSubtree,
  levelOfCode,
  subtreePrefix,
  townshipKind,
  validateAreaCode,
} from './area-code.js';

describe('levelOfCode', () => {
  it.each([
    ['620700', 'city'],
    ['620702', 'county'],
    ['620702001', 'township'],
    ['620702001201', 'village'],
    ['620702001201003', 'grid'],
    ['6207', null],
    ['62070200', null],
    ['62070a', null],
  ])('%s is %s', (code, level) => expect(levelOfCode(code)).toBe(level));
});

describe('validateAreaCode', () => {
  const city = { code: '620700', level: 'city' as const };
  const county = { code: '620702', level: 'county' as const };
  const township = { code: '620702001', level: 'township' as const };
  const village = { code: '620702001201', level: 'village' as const };

  it('accepts a well-formed chain', () => {
    expect(validateAreaCode('620700', 'city', null)).toBeNull();
    expect(validateAreaCode('620702', 'county', city)).toBeNull();
    expect(validateAreaCode('620702001', 'township', county)).toBeNull();
    expect(validateAreaCode('620702001201', 'village', township)).toBeNull();
    expect(validateAreaCode('620702001201001', 'grid', village)).toBeNull();
  });

  it('rejects non-digits and wrong lengths', () => {
    expect(validateAreaCode('62070x', 'county', city)).toBe('code_format');
    expect(validateAreaCode('6207020011', 'township', county)).toBe('code_level_mismatch');
    expect(validateAreaCode('620700', 'county', city)).toBe('code_level_mismatch');
  });

  it('rejects a prefix that does not match the parent', () => {
    expect(validateAreaCode('620724001', 'township', county)).toBe('code_parent_mismatch');
    expect(validateAreaCode('620802', 'county', city)).toBe('code_parent_mismatch');
    expect(validateAreaCode('620702002201001', 'grid', village)).toBe('code_parent_mismatch');
  });

  it('puts a grid only under a village or community', () => {
    expect(validateAreaCode('620702001001', 'grid' as never, township)).toBe('code_level_mismatch');
    expect(validateAreaCode('620702001201001', 'grid', township)).toBe('parent_level_mismatch');
    expect(validateAreaCode('620702001201001', 'grid', null)).toBe('parent_level_mismatch');
  });

  it('rejects a zero number and a city with a parent', () => {
    expect(validateAreaCode('620702000', 'township', county)).toBe('code_number_range');
    expect(validateAreaCode('620700', 'city', county)).toBe('parent_level_mismatch');
  });
});

describe('subtrees', () => {
  it('uses the 4-digit prefix for a city and the full code below', () => {
    expect(subtreePrefix('620700', 'city')).toBe('6207');
    expect(subtreePrefix('620702', 'county')).toBe('620702');
    expect(inSubtree('620724001', '620700', 'city')).toBe(true);
    expect(inSubtree('620724001', '620702', 'county')).toBe(false);
    expect(inSubtree('620702', '620702', 'county')).toBe(true);
    expect(inSubtree('620800', '620700', 'city')).toBe(false);
  });

  it('derives county and parent codes', () => {
    expect(countyCodeOf('620702001201001')).toBe('620702');
    expect(expectedParentCode('620702', 'county')).toBe('620700');
    expect(expectedParentCode('620702001201001', 'grid')).toBe('620702001201');
  });

  it('classifies township numbers', () => {
    expect(townshipKind('620702005')).toBe('street');
    expect(townshipKind('620702101')).toBe('town');
    expect(townshipKind('620702201')).toBe('township');
    expect(townshipKind('620702450')).toBe('other');
  });
});

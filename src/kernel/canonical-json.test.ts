import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });
  it('is stable for key order', () => {
    expect(canonicalJson({ x: 1, y: '网格' })).toBe(canonicalJson({ y: '网格', x: 1 }));
  });
  it('writes dates as ISO strings and null for missing', () => {
    expect(canonicalJson({ at: new Date('2026-01-01T00:00:00Z'), n: null })).toBe(
      '{"at":"2026-01-01T00:00:00.000Z","n":null}',
    );
  });
});

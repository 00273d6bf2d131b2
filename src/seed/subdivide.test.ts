import { describe, expect, it } from 'vitest';
import { geometryContains, ringArea } from '../kernel/geometry.js';
import { buildDemoAreas } from './demo-city.js';
import { DEMO_COUNTIES } from './demo-layout.js';
import { Prng } from './prng.js';
import { apportion, boxQuad, quadRing, subdivide } from './subdivide.js';

describe('apportion', () => {
  it('sums exactly and respects the minimum', () => {
    const parts = apportion(7452, 66, new Prng(1), 3);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(7452);
    expect(Math.min(...parts)).toBeGreaterThanOrEqual(3);
  });
});

describe('subdivide', () => {
  it('tiles the quad: areas add up and sample points fall in exactly one cell', () => {
    const q = boxQuad(100, 38, 101, 38.6);
    const cells = subdivide(q, 13, new Prng(7));
    expect(cells).toHaveLength(13);
    const total = cells.reduce((s, c) => s + Math.abs(ringArea(quadRing(c))), 0);
    expect(total).toBeCloseTo(0.6, 9);
    const rng = new Prng(3);
    for (let i = 0; i < 500; i++) {
      const p: [number, number] = [100 + rng.next(), 38 + rng.next() * 0.6];
      const hits = cells.filter((c) => geometryContains({ type: 'Polygon', coordinates: [quadRing(c)] }, p));
      expect(hits.length).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('buildDemoAreas', () => {
  const built = buildDemoAreas(2026, new Date('2026-01-01T00:00:00Z'));
  it('has the six real counties, 66 townships and 7,452 grids', () => {
    const byLevel = (l: string) => built.areas.filter((a) => a.level === l);
    expect(
      byLevel('county')
        .map((a) => a.code)
        .sort(),
    ).toEqual(DEMO_COUNTIES.map((c) => c.code).sort());
    expect(byLevel('township')).toHaveLength(66);
    expect(byLevel('grid')).toHaveLength(7452);
    expect(byLevel('village').length).toBeGreaterThan(900);
  });
  it('is deterministic from the seed', () => {
    const again = buildDemoAreas(2026, new Date('2026-01-01T00:00:00Z'));
    expect(again.areas.map((a) => `${a.code}${a.name}${a.boundary}`)).toEqual(
      built.areas.map((a) => `${a.code}${a.name}${a.boundary}`),
    );
  });
  it('keeps every grid inside Zhangye and inside its village', () => {
    const byCode = new Map(built.areas.map((a) => [a.code, a]));
    for (const g of built.areas.filter((a) => a.level === 'grid')) {
      const [x, y] = [g.center_lng!, g.center_lat!];
      expect(x).toBeGreaterThan(97.3);
      expect(x).toBeLessThan(102.2);
      expect(y).toBeGreaterThan(37.5);
      expect(y).toBeLessThan(39.8);
      const village = byCode.get(g.parent_code!)!;
      expect(geometryContains(JSON.parse(village.boundary as string), [x, y])).toBe(true);
    }
  });
  it('codes every child with its parent prefix', () => {
    for (const a of built.areas)
      if (a.parent_code && a.level !== 'county') expect(a.code.startsWith(a.parent_code)).toBe(true);
  });
});

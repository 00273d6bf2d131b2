import { describe, expect, it } from 'vitest';
import { areaOf, kinksOf } from '../../tests/helpers/geometry-checks.js';
import { type AreaGeometry, geometryContains, geometryError, polygonsOf } from '../kernel/geometry.js';
import { apportionByWeight, buildDemoAreas } from './demo-geography.js';
import { DEMO_COUNTIES } from './demo-layout.js';
import { buildUnits } from './demo-units.js';
import { Prng } from './prng.js';
import { isSimpleRing } from './ring-cleaning.js';
import { pointInArea } from './voronoi-partition.js';

describe('apportionByWeight', () => {
  it('sums exactly, follows the weights and respects the minimum', () => {
    const parts = apportionByWeight(100, [1, 1, 8, 0.01]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(100);
    expect(parts[2]).toBeGreaterThan(parts[0]! * 6);
    expect(Math.min(...parts)).toBe(1);
  });
});

describe('buildDemoAreas on the real geography of 张掖', () => {
  // One build for the file (about 2 s of CPU); every check below reads it.
  const built = buildDemoAreas(2026, new Date('2026-01-01T00:00:00Z'));
  const geometry = new Map(built.areas.map((a) => [a.code, JSON.parse(a.boundary as string) as AreaGeometry]));
  const byLevel = (level: string) => built.areas.filter((a) => a.level === level);

  it('has the real city, six counties, 78 townships, 934 villages and 7,452 grids', () => {
    expect(byLevel('city').map((a) => `${a.code}${a.name}`)).toEqual(['620700张掖市']);
    expect(byLevel('county').map((a) => `${a.code}${a.name}`)).toEqual([
      '620702甘州区',
      '620721肃南裕固族自治县',
      '620722民乐县',
      '620723临泽县',
      '620724高台县',
      '620725山丹县',
    ]);
    expect(byLevel('township')).toHaveLength(78);
    expect(byLevel('village')).toHaveLength(934);
    expect(byLevel('grid')).toHaveLength(7452);
    const names = new Map(built.areas.map((a) => [a.code, a.name]));
    expect(names.get('620702100')).toBe('梁家墩镇');
    expect(names.get('620724102')).toBe('南华镇');
    // Short names: 村村民委员会 → 村, 社区居民委员会 → 社区.
    expect([...names.values()].filter((n) => /委员会|村村$/.test(n))).toEqual([]);
  });

  it("keeps each county's grids, at least one per village, coded and named after the village", () => {
    for (const county of DEMO_COUNTIES)
      expect(byLevel('grid').filter((g) => g.county_code === county.code)).toHaveLength(county.grids);
    const perVillage = new Map<string, number>();
    for (const g of byLevel('grid')) perVillage.set(g.parent_code!, (perVillage.get(g.parent_code!) ?? 0) + 1);
    expect(perVillage.size).toBe(934);
    const village = new Map(byLevel('village').map((v) => [v.code, v.name]));
    for (const g of byLevel('grid')) {
      expect(g.code).toMatch(/^\d{15}$/);
      expect(g.code.startsWith(g.parent_code!)).toBe(true);
      expect(g.name).toBe(`${village.get(g.parent_code!)}第${Number(g.code.slice(12))}网格`);
    }
  });

  it('draws every area as a valid polygon: closed rings, no self-intersection', () => {
    for (const a of built.areas) {
      const g = geometry.get(a.code)!;
      expect(geometryError(g), a.code).toBeNull();
      // @turf/kinks is quadratic: a second on the city's and counties' thousands of vertices, so
      // those are checked with the seed's own sweep, which the synthetic levels confirm against it.
      if (a.level === 'city' || a.level === 'county') {
        for (const rings of polygonsOf(g)) for (const ring of rings) expect(isSimpleRing(ring), a.code).toBe(true);
      } else {
        expect(kinksOf(g), a.code).toBe(0);
      }
    }
  });

  it("puts every area's centre inside it, so a grid's centre geocodes into that grid", () => {
    for (const a of built.areas)
      expect(geometryContains(geometry.get(a.code)!, [a.center_lng!, a.center_lat!]), a.code).toBe(true);
  });

  it('tiles every parent with its children: areas add up within 0.5 % and children lie inside', () => {
    const children = new Map<string, string[]>();
    for (const a of built.areas)
      if (a.parent_code) children.set(a.parent_code, [...(children.get(a.parent_code) ?? []), a.code]);
    const rng = new Prng(4);
    for (const [parent, kids] of children) {
      const whole = areaOf(geometry.get(parent)!);
      const sum = kids.reduce((s, k) => s + areaOf(geometry.get(k)!), 0);
      expect(Math.abs(sum - whole) / whole, parent).toBeLessThan(0.005);
      for (const k of kids.slice(0, 5)) {
        expect(geometryContains(geometry.get(parent)!, pointInArea(geometry.get(k)!, rng)), k).toBe(true);
      }
    }
  });

  it('draws urban streets smaller than rural townships', () => {
    const size = (code: string) => areaOf(geometry.get(code)!);
    const streets = byLevel('township').filter((t) => t.code.startsWith('620702') && t.code.charAt(6) === '0');
    const towns = byLevel('township').filter((t) => t.code.startsWith('620702') && t.code.charAt(6) !== '0');
    expect(streets).toHaveLength(5);
    const median = towns.map((t) => size(t.code)).sort((a, b) => a - b)[towns.length >> 1]!;
    for (const s of streets) expect(size(s.code), s.name).toBeLessThan(median / 4);
  });

  it('names units at every level, each label once in the city', () => {
    const units = buildUnits(built.areas, new Prng(1), new Date('2026-01-01T00:00:00Z'));
    const names = units.map((u) => u.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('张掖市综治中心');
    expect(names).toContain('张掖市中级人民法院');
    expect(names).toContain('甘州区综治中心');
    expect(names).toContain('梁家墩镇司法所');
    expect(names).toContain('南华镇派出所');
    expect(units.filter((u) => u.kind === 'centre' && u.area_code.length === 12)).toHaveLength(934);
    // 新民村 is in four townships: its centres carry their township's name.
    expect(names.filter((n) => n.endsWith('新民村综治中心')).length).toBe(4);
    expect(names).not.toContain('新民村综治中心');
  });
});

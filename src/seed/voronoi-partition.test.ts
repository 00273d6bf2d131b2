import { describe, expect, it } from 'vitest';
import { areaOf, kinksOf } from '../../tests/helpers/geometry-checks.js';
import { type AreaGeometry, geometryContains, geometryError, type Ring } from '../kernel/geometry.js';
import { Prng } from './prng.js';
import { partition, pointInArea, samplePoints } from './voronoi-partition.js';

// A concave parent (an L with a notch) and a two-part parent: the cases a convex clip gets wrong.
const L: Ring = [
  [100, 38],
  [100.6, 38],
  [100.6, 38.2],
  [100.25, 38.2],
  [100.22, 38.35],
  [100.2, 38.2],
  [100.2, 38.6],
  [100, 38.6],
  [100, 38],
];
const concave: AreaGeometry = { type: 'Polygon', coordinates: [L] };
const twoParts: AreaGeometry = {
  type: 'MultiPolygon',
  coordinates: [
    [L],
    [
      [
        [101, 38],
        [101.2, 38],
        [101.1, 38.3],
        [101, 38],
      ],
    ],
  ],
};

describe('partition', () => {
  for (const [name, parent] of [
    ['a concave polygon', concave],
    ['a multipolygon', twoParts],
  ] as const) {
    it(`tiles ${name}: valid cells, areas add up, every point in exactly one cell`, () => {
      const rng = new Prng(11);
      const cells = partition(parent, samplePoints(parent, 17, rng), rng, { relax: 2 });
      expect(cells).toHaveLength(17);
      for (const c of cells) {
        expect(geometryError(c)).toBeNull();
        expect(kinksOf(c)).toBe(0);
      }
      const total = cells.reduce((s, c) => s + areaOf(c), 0);
      expect(Math.abs(total - areaOf(parent)) / areaOf(parent)).toBeLessThan(1e-4);
      const probe = new Prng(5);
      for (let i = 0; i < 300; i++) {
        const p = pointInArea(parent, probe);
        const inside = cells.filter((c) => geometryContains(c, p)).length;
        // On a shared edge a point belongs to both neighbours (closed sets).
        expect(inside).toBeGreaterThanOrEqual(1);
        expect(inside).toBeLessThanOrEqual(2);
      }
    });
  }

  it('is deterministic for the seed', () => {
    const run = () => {
      const rng = new Prng(3);
      return JSON.stringify(partition(concave, samplePoints(concave, 9, rng), rng, { relax: 2 }));
    };
    expect(run()).toBe(run());
  });

  it('keeps fixed sites where they are while relaxing the others', () => {
    const rng = new Prng(8);
    const town: [number, number] = [100.1, 38.1];
    const sites = [town, ...samplePoints(concave, 6, rng)];
    const cells = partition(concave, sites, rng, { relax: 3, fixed: 1 });
    expect(geometryContains(cells[0]!, town)).toBe(true);
  });

  it('returns the parent itself for a single site', () => {
    const rng = new Prng(1);
    expect(partition(concave, samplePoints(concave, 1, rng), rng, { relax: 2 })).toEqual([concave]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  type AreaGeometry,
  geometryBbox,
  geometryContains,
  geometryError,
  labelPoint,
  ringContains,
  toPgPolygon,
  toRingRows,
} from './geometry.js';

const square = (x0: number, y0: number, x1: number, y1: number) =>
  [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ] as [number, number][];

const withHole: AreaGeometry = { type: 'Polygon', coordinates: [square(0, 0, 10, 10), square(4, 4, 6, 6)] };

describe('ringContains', () => {
  const ring = square(0, 0, 10, 10);
  it('tells inside, boundary and outside apart', () => {
    expect(ringContains(ring, [5, 5])).toBe(1);
    expect(ringContains(ring, [0, 5])).toBe(0);
    expect(ringContains(ring, [10, 10])).toBe(0);
    expect(ringContains(ring, [5, 0])).toBe(0);
    expect(ringContains(ring, [10.000001, 5])).toBe(-1);
    expect(ringContains(ring, [-1, -1])).toBe(-1);
  });
  it('handles a concave ring', () => {
    const u: [number, number][] = [
      [0, 0],
      [3, 0],
      [3, 3],
      [2, 3],
      [2, 1],
      [1, 1],
      [1, 3],
      [0, 3],
      [0, 0],
    ];
    expect(ringContains(u, [1.5, 2])).toBe(-1);
    expect(ringContains(u, [0.5, 2])).toBe(1);
    expect(ringContains(u, [1.5, 1])).toBe(0);
  });
});

describe('geometryContains (closed-set rule)', () => {
  it('excludes the inside of a hole but keeps its edge', () => {
    expect(geometryContains(withHole, [5, 5])).toBe(false);
    expect(geometryContains(withHole, [4, 5])).toBe(true);
    expect(geometryContains(withHole, [6, 6])).toBe(true);
    expect(geometryContains(withHole, [2, 2])).toBe(true);
    expect(geometryContains(withHole, [0, 0])).toBe(true);
    expect(geometryContains(withHole, [11, 5])).toBe(false);
  });
  it('accepts any part of a multipolygon', () => {
    const multi: AreaGeometry = { type: 'MultiPolygon', coordinates: [[square(0, 0, 1, 1)], [square(5, 5, 6, 6)]] };
    expect(geometryContains(multi, [5.5, 5.5])).toBe(true);
    expect(geometryContains(multi, [3, 3])).toBe(false);
  });
});

describe('geometryError', () => {
  it('accepts a valid polygon', () => expect(geometryError(withHole)).toBeNull());
  it('rejects an open ring', () => {
    expect(
      geometryError({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ],
      }),
    ).toBe('geometry_ring_not_closed');
  });
  it('rejects a short ring', () => {
    expect(
      geometryError({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ],
      }),
    ).toBe('geometry_ring_too_short');
  });
  it('rejects out-of-range coordinates', () => {
    expect(geometryError({ type: 'Polygon', coordinates: [square(179, 0, 181, 1)] })).toBe('geometry_coordinate_range');
  });
  it('rejects a zero-area ring', () => {
    expect(
      geometryError({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [2, 2],
            [0, 0],
          ],
        ],
      }),
    ).toBe('geometry_ring_degenerate');
  });
});

describe('conversions', () => {
  it('writes Postgres polygon literals without the closing position', () => {
    expect(toPgPolygon(square(0, 0, 1, 2))).toBe('((0,0),(1,0),(1,2),(0,2))');
  });
  it('marks holes and parts', () => {
    const rows = toRingRows(withHole);
    expect(rows.map((r) => [r.part, r.ring, r.isHole])).toEqual([
      [0, 0, false],
      [0, 1, true],
    ]);
    expect(rows[1]!.bbox).toBe('(6,6),(4,4)');
  });
  it('computes the bbox and a label point', () => {
    expect(geometryBbox(withHole)).toEqual({ minLng: 0, minLat: 0, maxLng: 10, maxLat: 10 });
    const [x, y] = labelPoint({ type: 'Polygon', coordinates: [square(2, 2, 4, 8)] });
    expect(x).toBeCloseTo(3);
    expect(y).toBeCloseTo(5);
  });
});

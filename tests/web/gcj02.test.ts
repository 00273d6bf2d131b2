import { describe, expect, it } from 'vitest';
import { convertCoordinates, wgs84ToGcj02 } from '../../web/src/map/gcj02.js';

describe('WGS-84 → GCJ-02 for display over mainland base maps', () => {
  it('offsets a point in Beijing by the known amount', () => {
    const [lng, lat] = wgs84ToGcj02(116.397, 39.909);
    expect(lng).toBeCloseTo(116.4032, 3);
    expect(lat).toBeCloseTo(39.9104, 3);
  });
  it('moves Zhangye by a few hundred metres, and leaves points outside China alone', () => {
    const [lng, lat] = wgs84ToGcj02(100.45, 38.93);
    expect(Math.abs(lng - 100.45)).toBeGreaterThan(0.001);
    expect(Math.abs(lng - 100.45)).toBeLessThan(0.01);
    expect(Math.abs(lat - 38.93)).toBeLessThan(0.01);
    expect(wgs84ToGcj02(2.35, 48.85)).toEqual([2.35, 48.85]);
  });
  it('converts every position of nested GeoJSON coordinates', () => {
    const ring = [
      [100.4, 38.9],
      [100.5, 38.9],
      [100.5, 39],
      [100.4, 38.9],
    ];
    const out = convertCoordinates([ring]);
    expect(out[0]).toHaveLength(4);
    expect(out[0]![1]).toEqual(wgs84ToGcj02(100.5, 38.9));
  });
});

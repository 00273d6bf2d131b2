/**
 * WGS-84 → GCJ-02 (the offset datum mainland base maps use). Our coordinates stay WGS-84/CGCS2000;
 * only what is drawn over a GCJ-02 base map is converted. The formulas live once, in the server's
 * domain module, which the server needs for its vector tiles.
 */
import { gcj02ToWgs84, wgs84ToGcj02 } from '../../../src/kernel/gcj02.js';

export { gcj02ToWgs84, wgs84ToGcj02 };

type Coords = number[] | Coords[];

/** Converts every position of a GeoJSON geometry's coordinates array. */
export function convertCoordinates<T extends Coords>(c: T): T {
  if (typeof c[0] === 'number') {
    const [x, y] = wgs84ToGcj02(c[0] as number, c[1] as number);
    return [x, y] as T;
  }
  return (c as Coords[]).map((x) => convertCoordinates(x)) as T;
}

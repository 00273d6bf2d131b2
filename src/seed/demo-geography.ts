import { difference, type Geom, intersection } from 'polyclip-ts';
import type { AreaLevel, NewArea } from '../db/schema.js';
import {
  type AreaGeometry,
  geometryBbox,
  type Position,
  polygonsOf,
  type Ring,
  toPgBox,
  toRingRows,
} from '../kernel/geometry.js';
import type { insertRings } from '../modules/areas/area.repository.js';
import { DEMO_CITY, DEMO_COUNTIES } from './demo-layout.js';
import { Prng } from './prng.js';
import { cleanGeometry, roundPosition } from './ring-cleaning.js';
import type { SeedProgress } from './seed-progress.js';
import { interiorPoint, partition, samplePoints } from './voronoi-partition.js';
import { loadZhangyeDivisions, type Village } from './zhangye-divisions.js';
import { cityOutline, loadCountyOutlines } from './zhangye-outlines.js';

export interface BuiltAreas {
  areas: NewArea[];
  rings: Parameters<typeof insertRings>[1];
  gridCodes: string[];
}

/** Splits total into integers proportional to the weights, each at least min; the parts sum to total. */
export function apportionByWeight(total: number, weights: number[], min = 1): number[] {
  const spare = total - min * weights.length;
  if (spare < 0) throw new Error(`apportion: ${total} is less than ${min} × ${weights.length}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * spare);
  const parts = exact.map((x) => min + Math.floor(x));
  // Largest remainders first; ties by index, so the result is deterministic.
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  let left = total - parts.reduce((a, b) => a + b, 0);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    parts[i]!++;
  }
  return parts;
}

/**
 * A synthetic population: communities (urban) are several times a village. Grids follow it, as
 * a grid serves about the same number of households everywhere.
 */
function population(v: Village, rng: Prng): number {
  return v.community ? rng.int(3000, 9000) : rng.int(700, 2200);
}

/**
 * A county's town: a disc of about 3 km around the seat, cut out of the county, so the urban
 * streets tile a compact town and the rural townships the rest (a plain Voronoi over the whole
 * county would stretch the outer streets halfway to the next village).
 */
function urbanCore(county: AreaGeometry, seat: Position): { core: AreaGeometry; rest: AreaGeometry } {
  const ring: Ring = Array.from({ length: 33 }, (_, i) => {
    const angle = (2 * Math.PI * (i % 32)) / 32;
    return [seat[0] + (0.03 * Math.cos(angle)) / 0.78, seat[1] + 0.03 * Math.sin(angle)];
  });
  const disc = [ring.map(roundPosition)] as Geom;
  const counties = polygonsOf(county) as Geom;
  return {
    core: cleanGeometry(intersection(disc, counties) as Ring[][]),
    rest: cleanGeometry(difference(counties, disc) as Ring[][]),
  };
}

/**
 * The area tree with polygons, deterministic from the seed: the real city, counties, townships and
 * villages (codes, names, county outlines), synthetic township and village boundaries that tile
 * their parent, and grids inside the villages.
 */
export function buildDemoAreas(seed: number, now: Date, progress?: SeedProgress): BuiltAreas {
  const rng = new Prng(seed);
  const divisions = loadZhangyeDivisions();
  const outlines = loadCountyOutlines();
  const areas: NewArea[] = [];
  const rings: BuiltAreas['rings'] = [];
  const gridCodes: string[] = [];
  const add = (code: string, level: AreaLevel, name: string, parent: string | null, g: AreaGeometry) => {
    const [lng, lat] = interiorPoint(g);
    areas.push({
      code,
      county_code: code.slice(0, 6),
      level,
      name,
      parent_code: parent,
      boundary: JSON.stringify(g),
      bbox: toPgBox(geometryBbox(g)),
      center_lng: lng,
      center_lat: lat,
      created_at: now,
      updated_at: now,
    });
    for (const r of toRingRows(g)) rings.push({ ...r, areaCode: code, countyCode: code.slice(0, 6), level });
  };

  add(DEMO_CITY.code, 'city', DEMO_CITY.name, null, cityOutline(outlines));
  DEMO_COUNTIES.forEach((county, c) => {
    progress?.('areas', c, DEMO_COUNTIES.length);
    const outline = outlines.find((o) => o.code === county.code);
    if (!outline) throw new Error(`no outline for ${county.code}`);
    add(county.code, 'county', county.name, DEMO_CITY.code, outline.boundary);

    // Urban streets first: their sites are fixed near the seat; the others keep clear of the town.
    const townships = divisions.townships
      .filter((t) => t.countyCode === county.code)
      .sort((a, b) => Number(b.urban) - Number(a.urban) || a.code.localeCompare(b.code));
    const urban = townships.filter((t) => t.urban).length;
    const rural = townships.length - urban;
    const cells = (parent: AreaGeometry, n: number) =>
      partition(parent, samplePoints(parent, n, rng), rng, { relax: 2 });
    let townshipCells: AreaGeometry[];
    if (urban > 0) {
      const { core, rest } = urbanCore(outline.boundary, outline.seat);
      townshipCells = [...cells(core, urban), ...cells(rest, rural)];
    } else {
      townshipCells = cells(outline.boundary, rural);
    }

    const villages = divisions.villages.filter((v) => v.code.startsWith(county.code));
    const grids = apportionByWeight(
      county.grids,
      villages.map((v) => population(v, rng)),
    );
    const gridsOf = new Map(villages.map((v, i) => [v.code, grids[i]!]));

    townships.forEach((township, t) => {
      const cell = townshipCells[t]!;
      add(township.code, 'township', township.name, county.code, cell);
      const own = villages.filter((v) => v.townshipCode === township.code);
      const villageCells = cells(cell, own.length);
      own.forEach((village, v) => {
        const vCell = villageCells[v]!;
        add(village.code, 'village', village.name, township.code, vCell);
        const n = gridsOf.get(village.code)!;
        partition(vCell, samplePoints(vCell, n, rng), rng, { relax: 1 }).forEach((gCell, g) => {
          const gCode = `${village.code}${String(g + 1).padStart(3, '0')}`;
          add(gCode, 'grid', `${village.name}第${g + 1}网格`, village.code, gCell);
          gridCodes.push(gCode);
        });
      });
    });
  });
  progress?.('areas', DEMO_COUNTIES.length, DEMO_COUNTIES.length);
  return { areas, rings, gridCodes };
}

import type { Executor } from '../../db/database.js';
import { countyCodeOf } from '../../kernel/area-code.js';
import { type AreaGeometry, type Bbox, geometryBbox, geometryContains } from '../../kernel/geometry.js';
import { parseBox } from './area-geometry.js';
import { listGridShapesInBox } from './area-import.repository.js';
import type { PlannedArea, StoredArea } from './area-import-checks.js';
import * as regrid from './regrid.repository.js';

/** A located element or an open event that would change grid. */
export interface PlannedMove {
  kind: regrid.LocatedTable | 'event';
  id: string;
  from: string;
  to: string;
}

const merge = (a: Bbox | undefined, b: Bbox): Bbox =>
  a
    ? {
        minLng: Math.min(a.minLng, b.minLng),
        minLat: Math.min(a.minLat, b.minLat),
        maxLng: Math.max(a.maxLng, b.maxLng),
        maxLat: Math.max(a.maxLat, b.maxLat),
      }
    : b;

/**
 * Per county, the box covering every created or redrawn grid's old and new extent: the only place where a point can
 * change grid. Apply hands the same boxes to RegridService.
 */
export function redrawnBoxes(
  plan: readonly PlannedArea[],
  stored: ReadonlyMap<string, StoredArea & { bbox: string | null }>,
) {
  const boxes = new Map<string, Bbox>();
  for (const p of plan) {
    if (p.level !== 'grid' || !p.boundary) continue;
    const county = countyCodeOf(p.code);
    let box = merge(boxes.get(county), geometryBbox(p.boundary));
    const old = parseBox(stored.get(p.code)?.bbox ?? null);
    if (old) box = merge(box, { minLng: old[0], minLat: old[1], maxLng: old[2], maxLat: old[3] });
    boxes.set(county, box);
  }
  return boxes;
}

/**
 * What would move, computed without writing: each located element and open event in a county's box is placed in the
 * grids as they would be after the import (stored grids there, with the imported ones replacing or added to them),
 * by the database's rule: the lowest code among the grids containing the point (closed set), none = stays.
 */
export async function predictMoves(
  db: Executor,
  plan: readonly PlannedArea[],
  boxes: ReadonlyMap<string, Bbox>,
): Promise<PlannedMove[]> {
  const moves: PlannedMove[] = [];
  const imported = new Map(plan.filter((p) => p.level === 'grid' && p.boundary).map((p) => [p.code, p.boundary!]));
  for (const [county, box] of boxes) {
    const grids = new Map<string, AreaGeometry>();
    for (const g of await listGridShapesInBox(db, county, box))
      if (g.boundary) grids.set(g.code, g.boundary as AreaGeometry);
    for (const [code, g] of imported) if (countyCodeOf(code) === county) grids.set(code, g);
    const shapes = [...grids.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, g]) => ({ code, g, box: geometryBbox(g) }));
    const place = (lng: number, lat: number) =>
      shapes.find(
        (s) =>
          lng >= s.box.minLng &&
          lng <= s.box.maxLng &&
          lat >= s.box.minLat &&
          lat <= s.box.maxLat &&
          geometryContains(s.g, [lng, lat]),
      )?.code;
    for (const table of ['house', 'place', 'thing', 'organization'] as const)
      for (const r of await regrid.listLocatedInBox(db, table, county, box)) {
        if (r.lng === null || r.lat === null) continue;
        const to = place(r.lng, r.lat);
        if (to && to !== r.grid_code) moves.push({ kind: table, id: r.id, from: r.grid_code, to });
      }
    for (const e of await regrid.listOpenEventsInBox(db, county, box)) {
      const to = place(e.lng, e.lat);
      if (to && to !== e.grid_code) moves.push({ kind: 'event', id: e.id, from: e.grid_code, to });
    }
  }
  return moves;
}

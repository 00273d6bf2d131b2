import type { AreaRow } from '../../db/schema.js';
import { type AreaGeometry, type Bbox, geometryBbox, labelPoint, toPgBox } from '../../kernel/geometry.js';

/** A Postgres `box` as [minLng, minLat, maxLng, maxLat]; the corners come back in either order. */
export function parseBox(box: string | null): [number, number, number, number] | null {
  if (!box) return null;
  const n = box.match(/-?\d+(\.\d+)?(e-?\d+)?/gi)?.map(Number);
  if (!n || n.length !== 4) return null;
  const [x1, y1, x2, y2] = n as [number, number, number, number];
  return [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)];
}

/** The stored columns derived from a boundary: the GeoJSON, its box and its label point. */
export function geometryColumns(g: AreaGeometry) {
  const [lng, lat] = labelPoint(g);
  return { boundary: JSON.stringify(g), bbox: toPgBox(geometryBbox(g)), center_lng: lng, center_lat: lat };
}

/** The box covering an area's old stored box and its new boundary: what a redraw may have moved elements across. */
export function redrawBox(oldBox: string | null, boundary: AreaGeometry): Bbox {
  const old = parseBox(oldBox);
  const n = geometryBbox(boundary);
  if (!old) return n;
  return {
    minLng: Math.min(old[0], n.minLng),
    minLat: Math.min(old[1], n.minLat),
    maxLng: Math.max(old[2], n.maxLng),
    maxLat: Math.max(old[3], n.maxLat),
  };
}

/** What the audit log keeps of an area before and after a change. */
export function areaSnapshot(a: Pick<AreaRow, 'code' | 'name' | 'level' | 'parent_code' | 'status' | 'boundary'>) {
  return {
    code: a.code,
    name: a.name,
    level: a.level,
    parentCode: a.parent_code,
    status: a.status,
    boundary: a.boundary,
  };
}

import type { z } from 'zod';
import type { geometry } from '../../http/common.schemas.js';
import type { PlaceRow } from './map-area.repository.js';
import type { GridRegistry, MapArea } from './map-areas.js';
import type { AreaCellSums, EventCell } from './map-tile.repository.js';
import type { TileFeature } from './tiles.js';
import type { TileLevel } from './tiles-filter.js';

/** Rows of the map's queries as tile features (tiles.ts encodes them) and as the public GeoJSON outlines. */

type Position = (lng: number, lat: number) => [number, number];

/** An area polygon with every measure the legend can colour by; registry figures only for who may read them. */
export function areaFeature(
  id: number,
  a: MapArea,
  m: AreaCellSums | undefined,
  p: GridRegistry | undefined,
  pos: Position,
): TileFeature {
  const open = m?.open ?? 0;
  return {
    id,
    type: 3,
    rings: a.rings.map((ring) => ring.map(([x, y]) => pos(x, y))),
    exterior: a.exterior,
    props: {
      code: a.code,
      name: a.name,
      level: a.level,
      events: m?.events ?? 0,
      open,
      overdue: m?.overdue ?? 0,
      overdueShare: open ? Math.round(((m?.overdue ?? 0) / open) * 1000) / 1000 : 0,
      disputes: m?.disputes ?? 0,
      population: p?.population,
      disputesPer1000:
        p && p.population ? Math.round(((m?.disputes ?? 0) / p.population) * 1000 * 100) / 100 : undefined,
      visitCompliance:
        p && p.specialTotal
          ? Math.round(((p.specialTotal - p.specialOverdue) / p.specialTotal) * 1000) / 1000
          : undefined,
    },
  };
}

/** An area's name at its label point (the centre the area tree keeps), for the map's name labels. */
export function labelFeature(id: number, a: MapArea, pos: Position): TileFeature {
  return { id, type: 1, rings: [[pos(a.cx, a.cy)]], props: { code: a.code, name: a.name, level: a.level } };
}

/** `n` events of an area, drawn at its centre. */
export function clusterFeature(id: number, a: MapArea, n: number, level: TileLevel, pos: Position): TileFeature {
  return { id, type: 1, rings: [[pos(a.cx, a.cy)]], props: { n, code: a.code, name: a.name, level } };
}

/** A snapped cell: with one event it is that event (clickable); with several, a small cluster. */
export function eventCellFeature(id: number, x: EventCell, pos: Position): TileFeature {
  return {
    id,
    type: 1,
    rings: [[pos(x.lng, x.lat)]],
    props: x.n === 1 ? { n: 1, id: x.id, number: x.number, status: x.status, category: x.category_code } : { n: x.n },
  };
}

export function registryCountFeature(id: number, kind: string, n: number, a: MapArea, pos: Position): TileFeature {
  return { id, type: 1, rings: [[pos(a.cx, a.cy)]], props: { kind, n, code: a.code, name: a.name } };
}

export function registryPointFeature(
  id: number,
  kind: string,
  x: { id: string; name: string; lng: number; lat: number },
  pos: Position,
): TileFeature {
  return { id, type: 1, rings: [[pos(x.lng, x.lat)]], props: { kind, n: 1, id: x.id, name: x.name } };
}

/** The public report map's grid outlines: codes, names and boundaries only, which are public anyway. */
export function presentGridOutlines(rows: Array<{ code: string; name: string; boundary: unknown }>) {
  return {
    type: 'FeatureCollection' as const,
    features: rows.map((r) => ({
      type: 'Feature' as const,
      id: r.code,
      geometry: r.boundary as z.infer<typeof geometry>,
      properties: { code: r.code, name: r.name },
    })),
  };
}

/** Places found by name: code, name, level, the names above it (county first) and where to put the pin. */
export function presentPlaces(rows: PlaceRow[]) {
  return {
    items: rows
      .filter((r) => r.center_lng !== null && r.center_lat !== null)
      .map((r) => ({
        code: r.code,
        name: r.name,
        level: r.level as 'township' | 'village',
        parents: [r.grandparent_name, r.parent_name].filter((n): n is string => !!n),
        lng: r.center_lng!,
        lat: r.center_lat!,
      })),
  };
}

import type { Selectable } from 'kysely';
import type { PlaceTable, ThingTable } from '../../db/schema.js';
import { toTimeline } from '../../http/common.schemas.js';
import type { TimelineRow } from './element-history.js';

/** What every located element (place, thing, organisation on the map) has in common. */
export interface LocatedRow {
  id: string;
  name: string;
  kind: string;
  grid_code: string;
  lng: number;
  lat: number;
  status: string;
  version: number;
}

export function presentLocated(r: LocatedRow) {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    gridCode: r.grid_code,
    lng: r.lng,
    lat: r.lat,
    status: r.status,
    version: r.version,
  };
}

export function presentPlace(r: Selectable<PlaceTable>) {
  return { ...presentLocated(r), address: r.address };
}

export function presentThing(r: Selectable<ThingTable>) {
  return { ...presentLocated(r), subtype: r.subtype };
}

export function presentPlaceDetail(d: { place: Selectable<PlaceTable>; timeline: TimelineRow[] }) {
  return { ...presentPlace(d.place), timeline: toTimeline(d.timeline) };
}

export function presentThingDetail(d: { thing: Selectable<ThingTable>; timeline: TimelineRow[] }) {
  return {
    ...presentThing(d.thing),
    details: d.thing.details as Record<string, unknown>,
    timeline: toTimeline(d.timeline),
  };
}

/** A map layer: GeoJSON points, never people. */
export function presentMapLayer(rows: LocatedRow[]) {
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      id: r.id,
      geometry: { type: 'Point', coordinates: [r.lng, r.lat] },
      properties: { id: r.id, name: r.name, kind: r.kind, status: r.status, gridCode: r.grid_code },
    })),
  };
}

import type { HouseRow } from '../../db/schema.js';
import { toTimeline } from '../../http/common.schemas.js';
import type { TimelineRow } from './element-history.js';

export function presentHouse(h: HouseRow) {
  return {
    id: h.id,
    address: h.address,
    lng: h.lng,
    lat: h.lat,
    gridCode: h.grid_code,
    use: h.use,
    rentalStatus: h.rental_status,
    floors: h.floors,
    areaM2: h.area_m2 === null ? null : Number(h.area_m2),
    ownerName: h.owner_name,
    status: h.status,
    version: h.version,
  };
}

/** A house's page: its households, its residents (no personal fields) and its timeline. */
export function presentHouseDetail(d: {
  house: HouseRow;
  households: Array<{ id: string; number: string; address: string; status: string }>;
  residents: Array<{ id: string; name: string; status: string; registration_type: string }>;
  timeline: TimelineRow[];
}) {
  return {
    ...presentHouse(d.house),
    households: d.households,
    residents: d.residents.map((p) => ({
      id: p.id,
      name: p.name,
      status: p.status,
      registrationType: p.registration_type,
    })),
    timeline: toTimeline(d.timeline),
  };
}

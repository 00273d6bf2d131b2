import type { AreaLevel } from '../../db/schema.js';
import { EVENT_STATUSES, OPEN_STATUSES } from '../events/event-state-machine.js';

/** Slot order of map_event_cell.counts (src/db/migrations/0010_map.sql): status-major, 5 channels each. */
export const MAP_STATUSES = EVENT_STATUSES;
export const MAP_CHANNELS = ['desk', 'grid', 'hotline', 'public', 'api'] as const;
export { OPEN_STATUSES };

/** Registry layers of the map; people are not one (aggregates only, on the areas layer). */
export const REGISTRY_KINDS = ['places', 'cameras', 'hazards', 'facilities', 'organizations'] as const;
export type RegistryKind = (typeof REGISTRY_KINDS)[number];

export type MapStatus = (typeof MAP_STATUSES)[number];
export type MapChannel = (typeof MAP_CHANNELS)[number];

export interface EventFilter {
  /** Main (2-digit) or sub (4-digit) category codes; empty = all. */
  categories: string[];
  statuses: MapStatus[];
  channels: MapChannel[];
  /** A mediation level key (grid, village, justice_office, …): only disputes whose case is at or resolved at it. */
  level: string | null;
  /** Shanghai months 'YYYY-MM', inclusive. */
  from: string;
  to: string;
}

/** 1-based slots of the selected status × channel pairs, or null when neither is filtered (use `total`). */
export function slotsOf(statuses: readonly string[], channels: readonly string[]): number[] | null {
  if (statuses.length === 0 && channels.length === 0) return null;
  const st = statuses.length ? statuses : MAP_STATUSES;
  const ch = channels.length ? channels : MAP_CHANNELS;
  const out: number[] = [];
  for (const s of st)
    for (const c of ch) {
      const si = MAP_STATUSES.indexOf(s as MapStatus);
      const ci = MAP_CHANNELS.indexOf(c as MapChannel);
      if (si >= 0 && ci >= 0) out.push(si * 5 + ci + 1);
    }
  return out.sort((a, b) => a - b);
}

/** First day of the month, and first day of the month after `to`: the half-open instant range is [from, to) in Shanghai time. */
export function monthBounds(from: string, to: string): { fromDay: string; toDayExclusive: string } {
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  const next = tm === 12 ? `${ty + 1}-01` : `${ty}-${String(tm + 1).padStart(2, '0')}`;
  return { fromDay: `${from}-01`, toDayExclusive: `${next}-01` };
}

/** The Shanghai month of an instant, and the month `back` months before it. */
export function shanghaiMonth(at: Date, back = 0): string {
  const d = new Date(at.getTime() + 8 * 3600_000);
  const m = d.getUTCFullYear() * 12 + d.getUTCMonth() - back;
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
}

export type TileLevel = 'county' | 'township' | 'village' | 'grid';
const DEPTH: Record<AreaLevel, number> = { city: 0, county: 1, township: 2, village: 3, grid: 4 };
const LEVELS: TileLevel[] = ['county', 'township', 'village', 'grid'];
export const CODE_LENGTH: Record<TileLevel, number> = { county: 6, township: 9, village: 12, grid: 15 };

/** Zoom at which events stop being aggregated per area and become (grid-snapped) points. */
export const POINT_ZOOM = 15;

/**
 * The area level drawn and aggregated at a zoom: city view shows counties, then townships,
 * villages and grids. Never above the user's own scope level, so an aggregate never includes
 * rows outside the scope (a township operator at city zoom gets their township, not the county).
 */
export function levelForZoom(z: number, scopeLevel: AreaLevel): TileLevel {
  const byZoom: TileLevel = z <= 8 ? 'county' : z <= 10 ? 'township' : z <= 12 ? 'village' : 'grid';
  const idx = Math.max(DEPTH[byZoom] - 1, DEPTH[scopeLevel] - 1, 0);
  return LEVELS[Math.min(idx, 3)]!;
}

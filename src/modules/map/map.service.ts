import type { Db } from '../../db/database.js';
import type { Scope } from '../../db/scope.js';
import type { Clock } from '../../lib/clock.js';
import { gridOutlinesInBox, placesByName } from './map-area.repository.js';
import { MapAreaIndex, MapRegistryCache } from './map-areas.js';
import {
  areaFeature,
  clusterFeature,
  eventCellFeature,
  labelFeature,
  presentGridOutlines,
  presentPlaces,
} from './map-feature.presenter.js';
import { RegistryCounts, registryTile } from './map-registry.js';
import * as tiles from './map-tile.repository.js';
import { queryBox, type TileRequest, tilePosition } from './tile-request.js';
import { encodeTile, type TileFeature } from './tiles.js';
import { type EventFilter, levelForZoom, POINT_ZOOM, slotsOf, type TileLevel } from './tiles-filter.js';

export type { TileRequest } from './tile-request.js';

/**
 * The sentiment map's vector tiles (民情地图). Zoomed out, events come from map_event_cell (a
 * per-area, per-month aggregate kept by triggers) at the area level of the zoom; zoomed in, from a
 * grid-snapped GROUP BY over the GiST point index. Every query is limited to the scope's codes.
 */
export class MapService {
  readonly areas: MapAreaIndex;
  readonly registry: MapRegistryCache;
  private readonly registryCounts: RegistryCounts;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.areas = new MapAreaIndex(db);
    this.registry = new MapRegistryCache(db, () => clock.now());
    this.registryCounts = new RegistryCounts(db);
  }

  /** Grid polygons (or counties, townships, villages when zoomed out) with every measure the legend can colour by. */
  async areasTile(r: TileRequest, f: Pick<EventFilter, 'from' | 'to'>, withPeople: boolean): Promise<Uint8Array> {
    const level = levelForZoom(r.z, r.scope.level);
    const areas = await this.areas.inBox(level, r.scope, queryBox(r), 'bbox');
    if (!areas.length) return encodeTile([]);
    const codes = areas.map((a) => a.code);
    const rows = await tiles.areaCellSums(this.db, codes, f);
    const byCode = new Map(rows.map((x) => [x.area_code, x]));
    const reg = withPeople ? await this.registry.sums(codes) : null;
    const pos = (lng: number, lat: number) => tilePosition(r, lng, lat);
    const features = areas.map((a, i) => areaFeature(i + 1, a, byCode.get(a.code), reg?.get(a.code), pos));
    // One label point per area, in the one tile that holds it: a polygon label would repeat in every tile it crosses.
    const box = queryBox(r);
    const labels = areas
      .filter((a) => a.cx >= box.west && a.cx < box.east && a.cy > box.south && a.cy <= box.north)
      .map((a, i) => labelFeature(i + 1, a, pos));
    return encodeTile([
      { name: 'areas', features },
      { name: 'labels', features: labels },
    ]);
  }

  /** Event clusters per area (zoomed out) or snapped points (zoomed in); `n` is how many events each stands for. */
  async eventsTile(r: TileRequest, f: EventFilter): Promise<Uint8Array> {
    return encodeTile([
      { name: 'events', features: r.z >= POINT_ZOOM ? await this.eventPoints(r, f) : await this.eventClusters(r, f) },
    ]);
  }

  private async eventClusters(r: TileRequest, f: EventFilter): Promise<TileFeature[]> {
    const level: TileLevel = levelForZoom(r.z, r.scope.level);
    const areas = await this.areas.inBox(level, r.scope, queryBox(r), 'centre');
    if (!areas.length) return [];
    const codes = areas.map((a) => a.code);
    let rows: Array<{ area_code: string; n: number }>;
    if (f.level) {
      // Mediation cases are few (disputes only): count them from the rows.
      rows = await tiles.clusterCountsFromEvents(this.db, r.scope, f, level, codes);
    } else {
      const slots = slotsOf(f.statuses, f.channels);
      if (slots && !slots.length) return [];
      rows = await tiles.clusterCountsFromCells(this.db, codes, f, slots);
    }
    const at = new Map(areas.map((a) => [a.code, a]));
    const pos = (lng: number, lat: number) => tilePosition(r, lng, lat);
    return rows.filter((x) => x.n > 0).map((x, i) => clusterFeature(i + 1, at.get(x.area_code)!, x.n, level, pos));
  }

  private async eventPoints(r: TileRequest, f: EventFilter): Promise<TileFeature[]> {
    const rows = await tiles.eventPointCells(this.db, r.scope, f, queryBox(r));
    const pos = (lng: number, lat: number) => tilePosition(r, lng, lat);
    return rows.map((x, i) => eventCellFeature(i + 1, x, pos));
  }

  async registryTile(r: TileRequest, kinds: string[]): Promise<Uint8Array> {
    const level = levelForZoom(r.z, r.scope.level);
    const areas = r.z < 13 ? await this.areas.inBox(level, r.scope, queryBox(r), 'centre') : [];
    const pos = (lng: number, lat: number) => tilePosition(r, lng, lat);
    return encodeTile([
      {
        name: 'registry',
        features: await registryTile(this.db, this.registryCounts, r, kinds, level, areas, queryBox(r), pos),
      },
    ]);
  }

  /** The chain of areas in the scope under a point, from the county down to the level drawn at `zoom` (the breadcrumb). */
  async whereIs(
    scope: Scope,
    lng: number,
    lat: number,
    zoom: number,
  ): Promise<Array<{ code: string; name: string; level: string }>> {
    const deepest = levelForZoom(Math.floor(zoom), scope.level);
    const items: Array<{ code: string; name: string; level: string }> = [];
    for (const level of ['county', 'township', 'village', 'grid'] as const) {
      const a = await this.areas.at(level, scope, lng, lat);
      if (a) items.push({ code: a.code, name: a.name, level });
      if (level === deepest || !a) break;
    }
    return items;
  }

  /** Townships and villages by name for the public report page: each with its parents' names and its label point. */
  async places(q: string, limit: number) {
    return presentPlaces(await placesByName(this.db, q, limit));
  }

  /** The active grids' outlines in a box, for the public report page (no account, so no scope: outlines are public). */
  async gridOutlines(box: { minLng: number; minLat: number; maxLng: number; maxLat: number }, limit: number) {
    return presentGridOutlines(await gridOutlinesInBox(this.db, box, limit));
  }
}

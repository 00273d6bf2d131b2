import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Scope } from '../../db/scope.js';
import { encodeTile, project, type TileBox, tileBox, type TileFeature } from './tiles.js';
import { gcj02ToWgs84, wgs84ToGcj02 } from '../../kernel/gcj02.js';
import { CODE_LENGTH, type EventFilter, levelForZoom, monthBounds, OPEN_STATUSES, POINT_ZOOM, slotsOf, type TileLevel } from './tiles-filter.js';
import type { Clock } from '../../lib/clock.js';
import { MapAreaIndex, MapRegistryCache } from './map-areas.js';
import { RegistryCounts, registryTile } from './map-registry.js';

export interface TileRequest {
  scope: Scope;
  z: number;
  x: number;
  y: number;
  /** Draw over a GCJ-02 base map: positions are converted before projection. */
  gcj02: boolean;
}

/** Snapping grid of zoomed-in event tiles: 128 × 128 cells, 4 px on a 512 px tile. */
const SNAP = 128;

/** The scope and tile in SQL terms: codes under the scope, the WGS-84 box to query. */
export function queryBox(r: TileRequest): TileBox {
  const b = tileBox(r.z, r.x, r.y);
  if (!r.gcj02) return b;
  // The GCJ-02 tile covers a slightly shifted WGS-84 box; the offset varies little across a tile.
  const [w, s] = gcj02ToWgs84(b.west, b.south);
  const [e, n] = gcj02ToWgs84(b.east, b.north);
  return { west: w, south: s, east: e, north: n };
}

const inList = (values: string[]) => sql.join(values.map((v) => sql`${v}`));

/**
 * The sentiment map's vector tiles (民情地图). Zoomed out, events come from map_event_cell (a
 * per-area, per-month aggregate kept by triggers) at the area level of the zoom; zoomed in, from a
 * grid-snapped GROUP BY over the GiST point index. Every query is limited to the scope's codes.
 */
export class MapService {
  readonly areas: MapAreaIndex;
  readonly registry: MapRegistryCache;
  private readonly registryCounts: RegistryCounts;

  constructor(private readonly db: Db, private readonly clock: Clock) {
    this.areas = new MapAreaIndex(db);
    this.registry = new MapRegistryCache(db, () => clock.now());
    this.registryCounts = new RegistryCounts(db);
  }

  private pos(r: TileRequest, lng: number, lat: number): [number, number] {
    const [x, y] = r.gcj02 ? wgs84ToGcj02(lng, lat) : [lng, lat];
    return project(r.z, r.x, r.y, x, y);
  }

  private categoryWhere(col: string, cats: string[]): RawBuilder<unknown> {
    if (!cats.length) return sql`true`;
    return sql`(${sql.join(cats.map((c) => sql`${sql.ref(col)} like ${`${c}%`}`), sql` or `)})`;
  }

  /** Grid polygons (or counties, townships, villages when zoomed out) with every measure the legend can colour by. */
  async areasTile(r: TileRequest, f: Pick<EventFilter, 'from' | 'to'>, withPeople: boolean): Promise<Uint8Array> {
    const level = levelForZoom(r.z, r.scope.level);
    const areas = await this.areas.inBox(level, r.scope.prefix, queryBox(r), 'bbox');
    if (!areas.length) return encodeTile([]);
    const codes = areas.map((a) => a.code);
    const open = sql.raw((slotsOf(OPEN_STATUSES, []) ?? []).map((s) => `counts[${s}]`).join(' + '));
    const { fromDay, toDayExclusive } = monthBounds(f.from, f.to);
    const rows = await sql<{ area_code: string; events: number; open: number; overdue: number; disputes: number }>`
      select area_code,
             coalesce(sum(total) filter (where month >= ${fromDay}::date and month < ${toDayExclusive}::date), 0)::int as events,
             sum(${open})::int as open, sum(open_overdue)::int as overdue,
             coalesce(sum(total) filter (where month >= ${fromDay}::date and month < ${toDayExclusive}::date and category_code like '01%'), 0)::int as disputes
      from map_event_cell where area_code in (${inList(codes)}) group by area_code`.execute(this.db);
    const byCode = new Map(rows.rows.map((x) => [x.area_code, x]));
    const reg = withPeople ? await this.registry.sums(codes) : null;
    const features: TileFeature[] = areas.map((a, i) => {
      const m = byCode.get(a.code);
      const p = reg?.get(a.code);
      const open = m?.open ?? 0;
      return {
        id: i + 1,
        type: 3,
        rings: a.rings.map((ring) => ring.map(([x, y]) => this.pos(r, x, y))),
        exterior: a.exterior,
        props: {
          code: a.code, name: a.name, level: a.level, events: m?.events ?? 0, open, overdue: m?.overdue ?? 0,
          overdueShare: open ? Math.round(((m?.overdue ?? 0) / open) * 1000) / 1000 : 0,
          disputes: m?.disputes ?? 0,
          population: p?.population,
          disputesPer1000: p && p.population ? Math.round(((m?.disputes ?? 0) / p.population) * 1000 * 100) / 100 : undefined,
          visitCompliance: p && p.specialTotal ? Math.round(((p.specialTotal - p.specialOverdue) / p.specialTotal) * 1000) / 1000 : undefined,
        },
      };
    });
    return encodeTile([{ name: 'areas', features }]);
  }

  /** Event clusters per area (zoomed out) or snapped points (zoomed in); `n` is how many events each stands for. */
  async eventsTile(r: TileRequest, f: EventFilter): Promise<Uint8Array> {
    return encodeTile([{ name: 'events', features: r.z >= POINT_ZOOM ? await this.eventPoints(r, f) : await this.eventClusters(r, f) }]);
  }

  private eventWhere(f: EventFilter, scope: Scope): RawBuilder<unknown> {
    const { fromDay, toDayExclusive } = monthBounds(f.from, f.to);
    // Month bounds are Shanghai midnights (UTC+8).
    return sql`e.grid_code like ${`${scope.prefix}%`}
      and e.created_at >= (${fromDay}::timestamp - interval '8 hours') at time zone 'UTC' and e.created_at < (${toDayExclusive}::timestamp - interval '8 hours') at time zone 'UTC'
      and ${this.categoryWhere('e.category_code', f.categories)}
      and ${f.statuses.length ? sql`e.status in (${inList(f.statuses)})` : sql`true`}
      and ${f.channels.length ? sql`e.channel in (${inList(f.channels)})` : sql`true`}
      and ${f.level ? sql`exists (select 1 from mediation_case m where m.event_id = e.id and m.level_key = ${f.level})` : sql`true`}`;
  }

  private async eventClusters(r: TileRequest, f: EventFilter): Promise<TileFeature[]> {
    const level: TileLevel = levelForZoom(r.z, r.scope.level);
    const areas = await this.areas.inBox(level, r.scope.prefix, queryBox(r), 'centre');
    if (!areas.length) return [];
    const codes = areas.map((a) => a.code);
    let rows: Array<{ area_code: string; n: number }>;
    if (f.level) {
      // Mediation cases are few (disputes only): count them from the rows.
      rows = (await sql<{ area_code: string; n: number }>`
        select substr(e.grid_code, 1, ${CODE_LENGTH[level]}) as area_code, count(*)::int as n
        from event e where substr(e.grid_code, 1, ${CODE_LENGTH[level]}) in (${inList(codes)}) and ${this.eventWhere(f, r.scope)}
        group by 1`.execute(this.db)).rows;
    } else {
      const slots = slotsOf(f.statuses, f.channels);
      if (slots && !slots.length) return [];
      const n = slots ? sql.raw(slots.map((s) => `c.counts[${s}]`).join(' + ')) : sql`c.total`;
      const { fromDay, toDayExclusive } = monthBounds(f.from, f.to);
      rows = (await sql<{ area_code: string; n: number }>`
        select c.area_code, sum(${n})::int as n from map_event_cell c
        where c.area_code in (${inList(codes)}) and c.month >= ${fromDay}::date and c.month < ${toDayExclusive}::date and ${this.categoryWhere('c.category_code', f.categories)}
        group by c.area_code`.execute(this.db)).rows;
    }
    const at = new Map(areas.map((a) => [a.code, a]));
    return rows.filter((x) => x.n > 0).map((x, i) => {
      const a = at.get(x.area_code)!;
      return { id: i + 1, type: 1, rings: [[this.pos(r, a.cx, a.cy)]], props: { n: x.n, code: a.code, name: a.name, level } };
    });
  }

  private async eventPoints(r: TileRequest, f: EventFilter): Promise<TileFeature[]> {
    const b = queryBox(r);
    const cw = (b.east - b.west) / SNAP;
    const ch = (b.north - b.south) / SNAP;
    const rows = await sql<{ n: number; lng: number; lat: number; id: string; number: string; status: string; category_code: string }>`
      select count(*)::int as n, avg(e.lng) as lng, avg(e.lat) as lat, min(e.id::text) as id, min(e.number) as number, min(e.status) as status, min(e.category_code) as category_code
      from event e
      where point(e.lng, e.lat) <@ box(point(${b.west}, ${b.south}), point(${b.east}, ${b.north})) and ${this.eventWhere(f, r.scope)}
      group by floor((e.lng - ${b.west}) / ${cw}), floor((e.lat - ${b.south}) / ${ch})`.execute(this.db);
    // A cell with one event is that event (clickable); a cell with several is a small cluster.
    return rows.rows.map((x, i) => ({
      id: i + 1,
      type: 1,
      rings: [[this.pos(r, x.lng, x.lat)]],
      props: x.n === 1 ? { n: 1, id: x.id, number: x.number, status: x.status, category: x.category_code } : { n: x.n },
    }));
  }

  async registryTile(r: TileRequest, kinds: string[]): Promise<Uint8Array> {
    const level = levelForZoom(r.z, r.scope.level);
    const areas = r.z < 13 ? await this.areas.inBox(level, r.scope.prefix, queryBox(r), 'centre') : [];
    return encodeTile([{ name: 'registry', features: await registryTile(this.db, this.registryCounts, r, kinds, level, areas, queryBox(r), (lng, lat) => this.pos(r, lng, lat)) }]);
  }
}

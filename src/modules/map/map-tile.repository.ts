import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { Scope } from '../../db/scope.js';
import type { TileBox } from './tiles.js';
import { CODE_LENGTH, type EventFilter, monthBounds, OPEN_STATUSES, slotsOf, type TileLevel } from './tiles-filter.js';

/**
 * The event queries of the sentiment map's tiles. Zoomed out they read map_event_cell (a per-area,
 * per-month aggregate kept by triggers); zoomed in, a grid-snapped GROUP BY over the GiST point
 * index. Benchmarked (BENCHMARKS.md, tiles at 10M events): change the SQL only with a new measurement.
 * The scope predicate is spelled `grid_code like prefix%` as benchmarked; inScope would quote the column.
 */

/** Snapping grid of zoomed-in event tiles: 128 × 128 cells, 4 px on a 512 px tile. */
const SNAP = 128;

const inList = (values: string[]) => sql.join(values.map((v) => sql`${v}`));

function categoryWhere(col: string, cats: string[]): RawBuilder<unknown> {
  if (!cats.length) return sql`true`;
  return sql`(${sql.join(
    cats.map((c) => sql`${sql.ref(col)} like ${`${c}%`}`),
    sql` or `,
  )})`;
}

function eventWhere(f: EventFilter, scope: Scope): RawBuilder<unknown> {
  const { fromDay, toDayExclusive } = monthBounds(f.from, f.to);
  // Month bounds are Shanghai midnights (UTC+8).
  return sql`e.grid_code like ${`${scope.prefix}%`}
      and e.created_at >= (${fromDay}::timestamp - interval '8 hours') at time zone 'UTC' and e.created_at < (${toDayExclusive}::timestamp - interval '8 hours') at time zone 'UTC'
      and ${categoryWhere('e.category_code', f.categories)}
      and ${f.statuses.length ? sql`e.status in (${inList(f.statuses)})` : sql`true`}
      and ${f.channels.length ? sql`e.channel in (${inList(f.channels)})` : sql`true`}
      and ${f.level ? sql`exists (select 1 from mediation_case m where m.event_id = e.id and m.level_key = ${f.level})` : sql`true`}`;
}

export interface AreaCellSums {
  area_code: string;
  events: number;
  open: number;
  overdue: number;
  disputes: number;
}

/** Per area: events in the months of the filter, open and overdue now, disputes (category 01) in the months. */
export async function areaCellSums(
  db: Executor,
  codes: string[],
  f: Pick<EventFilter, 'from' | 'to'>,
): Promise<AreaCellSums[]> {
  const open = sql.raw((slotsOf(OPEN_STATUSES, []) ?? []).map((s) => `counts[${s}]`).join(' + '));
  const { fromDay, toDayExclusive } = monthBounds(f.from, f.to);
  const rows = await sql<AreaCellSums>`
      select area_code,
             coalesce(sum(total) filter (where month >= ${fromDay}::date and month < ${toDayExclusive}::date), 0)::int as events,
             sum(${open})::int as open, sum(open_overdue)::int as overdue,
             coalesce(sum(total) filter (where month >= ${fromDay}::date and month < ${toDayExclusive}::date and category_code like '01%'), 0)::int as disputes
      from map_event_cell where area_code in (${inList(codes)}) group by area_code`.execute(db);
  return rows.rows;
}

/** Events per area of `level` counted from the event rows: for a mediation-level filter (disputes only, few rows). */
export async function clusterCountsFromEvents(
  db: Executor,
  scope: Scope,
  f: EventFilter,
  level: TileLevel,
  codes: string[],
): Promise<Array<{ area_code: string; n: number }>> {
  return (
    await sql<{ area_code: string; n: number }>`
        select substr(e.grid_code, 1, ${CODE_LENGTH[level]}) as area_code, count(*)::int as n
        from event e where substr(e.grid_code, 1, ${CODE_LENGTH[level]}) in (${inList(codes)}) and ${eventWhere(f, scope)}
        group by 1`.execute(db)
  ).rows;
}

/** Events per area from map_event_cell: the status × channel `slots` summed, or the total when null. */
export async function clusterCountsFromCells(
  db: Executor,
  codes: string[],
  f: EventFilter,
  slots: number[] | null,
): Promise<Array<{ area_code: string; n: number }>> {
  const n = slots ? sql.raw(slots.map((s) => `c.counts[${s}]`).join(' + ')) : sql`c.total`;
  const { fromDay, toDayExclusive } = monthBounds(f.from, f.to);
  return (
    await sql<{ area_code: string; n: number }>`
        select c.area_code, sum(${n})::int as n from map_event_cell c
        where c.area_code in (${inList(codes)}) and c.month >= ${fromDay}::date and c.month < ${toDayExclusive}::date and ${categoryWhere('c.category_code', f.categories)}
        group by c.area_code`.execute(db)
  ).rows;
}

export interface EventCell {
  n: number;
  lng: number;
  lat: number;
  id: string;
  number: string;
  status: string;
  category_code: string;
}

/** Events in the box, snapped to a SNAP × SNAP grid: one row per occupied cell. */
export async function eventPointCells(db: Executor, scope: Scope, f: EventFilter, b: TileBox): Promise<EventCell[]> {
  const cw = (b.east - b.west) / SNAP;
  const ch = (b.north - b.south) / SNAP;
  const rows = await sql<EventCell>`
      select count(*)::int as n, avg(e.lng) as lng, avg(e.lat) as lat, min(e.id::text) as id, min(e.number) as number, min(e.status) as status, min(e.category_code) as category_code
      from event e
      where point(e.lng, e.lat) <@ box(point(${b.west}, ${b.south}), point(${b.east}, ${b.north})) and ${eventWhere(f, scope)}
      group by floor((e.lng - ${b.west}) / ${cw}), floor((e.lat - ${b.south}) / ${ch})`.execute(db);
  return rows.rows;
}

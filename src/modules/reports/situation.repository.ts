import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { MediationLevel } from '../../db/schema.js';
import { inScope, type Scope } from '../../db/scope.js';
import { resultStatusesSql } from '../events/event-status-sql.js';

/**
 * The situation report's SQL, straight from the event tables (the roll-ups of the dashboard work
 * are per day and category and hold no grid × place detail, which hotspots need). Every query is
 * bounded by the area's subtree (`area`: the scope of the report's area; the caller's scope was checked by findReportArea) and by created_at, so the
 * grid/created_at index serves it. Duplicates merged into another event are not counted: they are
 * the same matter received twice.
 */
export interface Window {
  start: Date;
  end: Date;
}

const live = sql`merged_into is null`;
const n = (v: string | number | null | undefined) => Number(v ?? 0);

/** The report's area, if it is in the caller's scope. */
export function findReportArea(db: Executor, scope: Scope, code: string) {
  return db
    .selectFrom('area')
    .select(['code', 'name', 'level'])
    .where('code', '=', code)
    .where(inScope(scope, 'code'))
    .executeTakeFirst();
}

/** The whole taxonomy, main categories and subcategories. */
export function listCategories(db: Executor) {
  return db
    .selectFrom('event_category')
    .select(['code', 'name', 'name_en', 'parent_code', 'sort'])
    .orderBy('code')
    .execute();
}

/** Events per subcategory in the current, previous and last year's window, in one pass. */
export async function categoryCounts(db: Executor, area: Scope, cur: Window, prev: Window, ly: Window) {
  const lo = new Date(Math.min(prev.start.getTime(), ly.start.getTime(), cur.start.getTime()));
  const rows = await sql<{ category_code: string; cur: string; prev: string; ly: string; disputes: string }>`
    select category_code,
      count(*) filter (where created_at >= ${cur.start} and created_at < ${cur.end}) as cur,
      count(*) filter (where created_at >= ${prev.start} and created_at < ${prev.end}) as prev,
      count(*) filter (where created_at >= ${ly.start} and created_at < ${ly.end}) as ly,
      count(*) filter (where created_at >= ${cur.start} and created_at < ${cur.end} and is_dispute) as disputes
    from event
    where ${inScope(area, 'grid_code')} and created_at >= ${lo} and created_at < ${cur.end} and ${live}
    group by category_code`.execute(db);
  return rows.rows.map((r) => ({
    code: r.category_code,
    cur: n(r.cur),
    prev: n(r.prev),
    ly: n(r.ly),
    disputes: n(r.disputes),
  }));
}

/** Events per Shanghai month in a window. */
export async function monthlyCounts(db: Executor, area: Scope, w: Window) {
  const rows = await sql<{ month: string; n: string }>`
    select to_char(created_at at time zone 'UTC' + interval '8 hours', 'YYYY-MM') as month, count(*) as n
    from event where ${inScope(area, 'grid_code')} and created_at >= ${w.start} and created_at < ${w.end} and ${live}
    group by 1`.execute(db);
  return new Map(rows.rows.map((r) => [r.month, n(r.n)]));
}

/** The grids with the most events, with their village's name. */
export async function gridHotspots(db: Executor, area: Scope, w: Window, limit = 10) {
  const rows = await sql<{ code: string; name: string; village: string | null; n: string; disputes: string }>`
    select g.code, g.name, v.name as village, h.n, h.disputes
    from (select grid_code, count(*) as n, count(*) filter (where is_dispute) as disputes from event
          where ${inScope(area, 'grid_code')} and created_at >= ${w.start} and created_at < ${w.end} and ${live}
          group by grid_code order by count(*) desc, grid_code limit ${limit}) h
    join area g on g.code = h.grid_code
    left join area v on v.code = g.parent_code
    order by h.n desc, g.code`.execute(db);
  return rows.rows.map((r) => ({
    code: r.code,
    name: r.name,
    village: r.village,
    events: n(r.n),
    disputes: n(r.disputes),
  }));
}

/**
 * Registry places with the most events: each event goes to the nearest place of its own grid within
 * about 150 m (0.00135° of latitude; longitude scaled by cos 39°, Zhangye's latitude).
 */
export async function placeHotspots(db: Executor, area: Scope, w: Window, limit = 10) {
  const rows = await sql<{ id: string; name: string; address: string; kind: string; grid_code: string; n: string }>`
    select p.id, p.name, p.address, p.kind, p.grid_code, count(*) as n
    from event e
    join lateral (
      select id, name, address, kind, grid_code from place
      where place.grid_code = e.grid_code and abs(place.lat - e.lat) < 0.00135 and abs(place.lng - e.lng) < 0.0018
      order by (place.lat - e.lat) * (place.lat - e.lat) + (place.lng - e.lng) * (place.lng - e.lng) * 0.6 limit 1
    ) p on true
    where ${inScope(area, 'e.grid_code')} and e.created_at >= ${w.start} and e.created_at < ${w.end} and e.merged_into is null
    group by p.id, p.name, p.address, p.kind, p.grid_code
    order by count(*) desc, p.name limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    name: r.name,
    address: r.address,
    kind: r.kind,
    gridCode: r.grid_code,
    events: n(r.n),
  }));
}

/** Addresses given with the most events: places not (yet) in the registry still show up here. */
export async function addressHotspots(db: Executor, area: Scope, w: Window, limit = 10) {
  const rows = await sql<{ address: string; n: string }>`
    select address, count(*) as n from event
    where ${inScope(area, 'grid_code')} and created_at >= ${w.start} and created_at < ${w.end} and ${live} and coalesce(address, '') <> ''
    group by address having count(*) > 1 order by count(*) desc, address limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({ address: r.address, events: n(r.n) }));
}

/** Mediation cases opened in the window: how they ended, by level; and the policy's levels. */
export async function mediationOutcomes(db: Executor, area: Scope, w: Window) {
  const rows = await sql<{ status: string; level: string | null; n: string }>`
    select status, resolved_level_key as level, count(*) as n from mediation_case
    where ${inScope(area, 'grid_code')} and opened_at >= ${w.start} and opened_at < ${w.end}
    group by status, resolved_level_key`.execute(db);
  const policy = await db
    .selectFrom('mediation_policy')
    .select('levels')
    .where(sql<boolean>`${area.prefix} like area_prefix || '%'`)
    .orderBy(sql`length(area_prefix)`, 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const levels = (typeof policy.levels === 'string' ? JSON.parse(policy.levels) : policy.levels) as MediationLevel[];
  return { levels, rows: rows.rows.map((r) => ({ status: r.status, level: r.level, n: n(r.n) })) };
}

/** Lead units by how many of the window's events they let run overdue. Events never dispatched have no lead unit (null). */
export async function overdueUnits(db: Executor, area: Scope, w: Window, limit = 10) {
  const rows = await sql<{ unit_id: string | null; name: string | null; total: string; overdue: string }>`
    select o.unit_id, u.name, o.total, o.overdue
    from (select lead_unit_id as unit_id, count(*) as total, count(overdue_at) as overdue from event
          where ${inScope(area, 'grid_code')} and created_at >= ${w.start} and created_at < ${w.end} and ${live}
          group by lead_unit_id having count(overdue_at) > 0) o
    left join unit u on u.id = o.unit_id
    order by o.overdue desc, o.total desc, u.name limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({ unitId: r.unit_id, name: r.name, events: n(r.total), overdue: n(r.overdue) }));
}

/** Totals of the window that the summary quotes. */
export async function windowTotals(db: Executor, area: Scope, w: Window) {
  const r = await sql<{ total: string; closed: string; overdue: string; rated: string; unsatisfied: string }>`
    select count(*) as total,
      count(*) filter (where status in (${resultStatusesSql})) as closed,
      count(overdue_at) as overdue,
      count(rating) as rated,
      count(*) filter (where rating = 'unsatisfied') as unsatisfied
    from event where ${inScope(area, 'grid_code')} and created_at >= ${w.start} and created_at < ${w.end} and ${live}`.execute(
    db,
  );
  const x = r.rows[0] ?? { total: 0, closed: 0, overdue: 0, rated: 0, unsatisfied: 0 };
  return {
    total: n(x.total),
    closed: n(x.closed),
    overdue: n(x.overdue),
    rated: n(x.rated),
    unsatisfied: n(x.unsatisfied),
  };
}

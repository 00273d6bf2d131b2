import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { AreaLevel } from '../../db/schema.js';
import { inScope, type Scope } from '../../db/scope.js';
import { DAY_MEASURES, DISPUTE_PREFIX } from './rollup-sql.js';
import type { Window } from './stats-measures.js';

type Row = Record<string, unknown>;

/** What one dashboard needs, as one row of JSON columns (see dashboardRow). */
export interface DashboardRow {
  node: { code: string; name: string; level: AreaLevel; parentCode: string | null } | null;
  ancestors: Array<{ code: string; name: string; level: AreaLevel }>;
  received: { today: number; week: number; month: number };
  totals: Row;
  categories: Array<{ code: string; current: number; previous: number }>;
  daily: Array<{ day: string; received: number; closed: number; overdue: number }>;
  monthly: Array<{ month: string; received: number; closed: number; overdue: number }>;
  open: Array<{ status: string; n: number; overdue: number }>;
  mediation: Array<{ status: string; level_key: string; n: number }>;
  levels: Array<{ key: string; name: string; nameEn: string; unitKind: string | null }> | null;
  registry: { population: number; special_total: number; special_overdue: number; computed_at: string } | null;
  lag: { covered_at: string | null; registry_at: string | null; seen_id: number; top: number | null } | null;
  children: Array<{
    code: string;
    name: string;
    level: AreaLevel;
    totals: Row;
    disputes: number;
    open: number;
    overdue: number;
    population: number | null;
    special_total: number | null;
    special_overdue: number | null;
  }>;
}

export interface DashboardParams {
  area: string;
  /** The caller's scope: the area, its path and its children are read only under it. */
  scope: Scope;
  ancestors: string[];
  today: string;
  week: string;
  month: string;
  current: Window;
  previous: Window;
  /** First day of the daily trend, and the first month of the 12-month trend. */
  trendFrom: string;
  monthFrom: string;
  /** The first day of the month after today's: the end of the current period's month rows. */
  nextMonth: string;
}

/** A JSON column as the driver returns it: node-postgres and PGlite parse json, a proxy may not. */
const fromJson = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

const sumCols = (alias: string) =>
  sql.join(DAY_MEASURES.map((m) => sql`coalesce(sum(${sql.ref(`${alias}.${m}`)}), 0)::int as ${sql.ref(m)}`));
/** Month rows minus the day rows after the window's last day (none unless rows are dated after today). */
const diffJson = sql.join(DAY_MEASURES.flatMap((m) => [sql.lit(m), sql`mm.${sql.ref(m)} - dd.${sql.ref(m)}`]));

/**
 * Every figure of one dashboard in one statement (one round trip instead of thirteen): the area
 * and its path within the scope, the period's totals, received today/week/month, categories in
 * this and the previous window, the daily trend (stats_day, all-categories rows), the 12-month
 * trend (stats_month), open events, finished mediation, the policy's levels, registry figures,
 * the roll-up lag and one row per child with its totals, disputes, open events and registry.
 */
export async function dashboardRow(db: Executor, p: DashboardParams): Promise<DashboardRow> {
  const area = p.area;
  const scoped = (col: string) => inScope(p.scope, col);
  const tomorrow = p.current.to;
  const weekFrom = p.week < p.month ? p.week : p.month;
  // The period starts on the first of a month (periodStart) and ends today: its month rows, less the rest of this month.
  if (!p.current.from.endsWith('-01'))
    throw new Error(`a dashboard period starts on the first of a month, not ${p.current.from}`);
  const monthRows = (area: RawBuilder<unknown>) => sql`
    (select ${sumCols('m')}, coalesce(sum(m.disputes), 0)::int as disputes from stats_month m
     where m.area_code = ${area} and m.month >= ${p.current.from} and m.month < ${p.nextMonth}) mm
    cross join lateral (select ${sumCols('d')} from stats_day d
     where d.area_code = ${area} and d.day >= ${p.current.to} and d.day < ${p.nextMonth} and d.category_code = '') dd
    cross join lateral (select coalesce(sum(d.received), 0)::int as disputes from stats_day d
     where d.area_code = ${area} and d.day >= ${p.current.to} and d.day < ${p.nextMonth} and d.category_code like ${`${DISPUTE_PREFIX}%`}) dt`;
  const r = await sql<Record<keyof DashboardRow, unknown>>`
    select
      (select json_build_object('code', a.code, 'name', a.name, 'level', a.level, 'parentCode', a.parent_code) from area a where a.code = ${area} and ${scoped('a.code')}) as node,
      (select coalesce(json_agg(json_build_object('code', a.code, 'name', a.name, 'level', a.level)), '[]') from area a
        where a.code in (${sql.join(p.ancestors.length ? p.ancestors : [''])}) and ${scoped('a.code')}) as ancestors,
      (select json_build_object('today', coalesce(sum(d.received) filter (where d.day = ${p.today}), 0), 'week', coalesce(sum(d.received) filter (where d.day >= ${p.week}), 0),
                                'month', coalesce(sum(d.received) filter (where d.day >= ${p.month}), 0))
        from stats_day d where d.area_code = ${area} and d.day >= ${weekFrom} and d.day <= ${p.today} and d.category_code = '') as received,
      (select json_build_object(${diffJson}) from ${monthRows(sql`${area}`)}) as totals,
      (select coalesce(json_agg(json_build_object('code', x.category_code, 'current', x.cur, 'previous', x.prev) order by x.category_code), '[]') from (
         select d.category_code, coalesce(sum(d.received) filter (where d.day >= ${p.current.from} and d.day < ${p.current.to}), 0)::int as cur,
                coalesce(sum(d.received) filter (where d.day >= ${p.previous.from} and d.day < ${p.previous.to}), 0)::int as prev
         from stats_day d
         where d.area_code = ${area} and d.category_code <> ''
           and ((d.day >= ${p.current.from} and d.day < ${p.current.to}) or (d.day >= ${p.previous.from} and d.day < ${p.previous.to}))
         group by d.category_code) x) as categories,
      (select coalesce(json_agg(json_build_object('day', d.day::text, 'received', d.received, 'closed', d.closed, 'overdue', d.overdue)), '[]') from stats_day d
        where d.area_code = ${area} and d.day >= ${p.trendFrom} and d.day < ${tomorrow} and d.category_code = '') as daily,
      (select coalesce(json_agg(json_build_object('month', to_char(m.month, 'YYYY-MM'), 'received', m.received, 'closed', m.closed, 'overdue', m.overdue)), '[]') from stats_month m
        where m.area_code = ${area} and m.month >= ${p.monthFrom} and m.month < ${tomorrow}) as monthly,
      (select coalesce(json_agg(json_build_object('status', x.status, 'n', x.n, 'overdue', x.overdue)), '[]') from (
         select o.status, sum(o.n)::int as n, sum(o.overdue)::int as overdue from stats_open o where o.area_code = ${area} group by o.status) x) as open,
      (select coalesce(json_agg(json_build_object('status', x.status, 'level_key', x.level_key, 'n', x.n)), '[]') from (
         select m.status, m.level_key, sum(m.n)::int as n from stats_mediation_day m
         where m.area_code = ${area} and m.day >= ${p.current.from} and m.day < ${p.current.to} group by m.status, m.level_key) x) as mediation,
      (select mp.levels from mediation_policy mp where ${area} like mp.area_prefix || '%' order by length(mp.area_prefix) desc limit 1) as levels,
      (select json_build_object('population', g.population, 'special_total', g.special_total, 'special_overdue', g.special_overdue, 'computed_at', g.computed_at)
        from stats_area_registry g where g.area_code = ${area}) as registry,
      (select json_build_object('covered_at', s.covered_at, 'registry_at', s.registry_at, 'seen_id', s.seen_id, 'top', (select max(t.id) from event_transition t))
        from stats_rollup_state s where s.name = 'events') as lag,
      (select coalesce(json_agg(json_build_object('code', a.code, 'name', a.name, 'level', a.level, 'totals', json_build_object(${diffJson}), 'disputes', mm.disputes - dt.disputes,
                                                  'open', o.n, 'overdue', o.overdue, 'population', g.population, 'special_total', g.special_total, 'special_overdue', g.special_overdue) order by a.code), '[]')
        from area a
        cross join lateral ${monthRows(sql`a.code`)}
        cross join lateral (select coalesce(sum(o.n), 0)::int as n, coalesce(sum(o.overdue), 0)::int as overdue from stats_open o where o.area_code = a.code) o
        left join stats_area_registry g on g.area_code = a.code
        where a.parent_code = ${area} and a.status = 'active' and ${scoped('a.code')}) as children`.execute(db);
  const row: Partial<Record<keyof DashboardRow, unknown>> = r.rows[0] ?? {};
  const out = {} as Record<keyof DashboardRow, unknown>;
  for (const k of Object.keys(row) as Array<keyof DashboardRow>) out[k] = fromJson(row[k]);
  return out as unknown as DashboardRow;
}

import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { openStatusesSql, resultStatusesSql } from '../events/event-status-sql.js';
import {
  addDays,
  type DayTotals,
  emptyTotals,
  periodWindows,
  shanghaiDay,
  type Window,
  weekStart,
} from './stats-measures.js';

/**
 * The dashboard's figures counted straight from the raw rows (event, event_transition,
 * mediation_case), with no roll-up: what the integration test checks the dashboard against, and the
 * "naive" side of the benchmark. Written independently of the roll-up SQL on purpose.
 */
export interface NaiveFigures {
  received: { today: number; week: number; month: number };
  totals: DayTotals;
  openByStatus: Record<string, { n: number; overdue: number }>;
  mediation: Record<string, number>;
  categories: Record<string, number>;
  daily: Record<string, { received: number; closed: number; overdue: number }>;
  children: Record<string, { received: number; open: number; overdue: number }>;
  visits: { specialTotal: number; overdue: number };
}

const day = (col: string) => sql.raw(`(((${col}) at time zone 'UTC') + interval '8 hours')::date`);
const inWindow = (col: string, w: Window) => sql`${day(col)} >= ${w.from}::date and ${day(col)} < ${w.to}::date`;

export async function naiveFigures(
  db: Executor,
  area: string,
  now: Date,
  opts: { period?: 'month' | 'quarter' | 'year'; trendDays?: number; children?: boolean } = {},
): Promise<NaiveFigures> {
  const prefix = area.length === 6 && area.endsWith('00') ? area.slice(0, 4) : area;
  const like = `${prefix}%`;
  const today = shanghaiDay(now);
  const w = periodWindows(today, opts.period ?? 'month').current;
  const month = `${today.slice(0, 7)}-01`;
  const closedNow = sql`e.status in (${resultStatusesSql}) and e.merged_into is null and e.closed_at is not null`;
  const open = sql`e.status in (${openStatusesSql})`;
  const q = async <T>(s: ReturnType<typeof sql<T>>) => (await s.execute(db)).rows;

  const [received] = await q(sql<{ today: number; week: number; month: number }>`
    select count(*) filter (where ${day('e.created_at')} = ${today}::date)::int as today,
      count(*) filter (where ${day('e.created_at')} >= ${weekStart(today)}::date)::int as week,
      count(*) filter (where ${day('e.created_at')} >= ${month}::date)::int as month
    from event e where e.grid_code like ${like} and ${day('e.created_at')} <= ${today}::date`);
  const [t] = await q(sql<Record<string, number>>`
    select
      (select count(*) from event e where e.grid_code like ${like} and ${inWindow('e.created_at', w)})::int as received,
      (select count(*) from event e where e.grid_code like ${like} and ${closedNow} and ${inWindow('e.closed_at', w)})::int as closed,
      (select count(*) from event e where e.grid_code like ${like} and ${closedNow} and e.closed_at <= e.due_at and ${inWindow('e.closed_at', w)})::int as closed_on_time,
      (select count(*) from event e where e.grid_code like ${like} and ${closedNow} and e.rating is distinct from 'unsatisfied' and ${inWindow('e.closed_at', w)})::int as resolved,
      (select count(*) from event e where e.grid_code like ${like} and ${closedNow} and e.rating = 'satisfied' and ${inWindow('e.closed_at', w)})::int as rated_satisfied,
      (select count(*) from event e where e.grid_code like ${like} and ${closedNow} and e.rating = 'basically_satisfied' and ${inWindow('e.closed_at', w)})::int as rated_basic,
      (select count(*) from event e where e.grid_code like ${like} and ${closedNow} and e.rating = 'unsatisfied' and ${inWindow('e.closed_at', w)})::int as rated_unsatisfied,
      (select count(*) from (select min(t.at) as at from event e join event_transition t on t.event_id = e.id where e.grid_code like ${like} and t.action = 'overdue' group by e.id) x where ${inWindow('x.at', w)})::int as overdue,
      (select count(*) from (select min(t.at) as at from event e join event_transition t on t.event_id = e.id where e.grid_code like ${like} and t.action = 'accept' group by e.id) x where ${inWindow('x.at', w)})::int as accepted,
      (select count(*) from (
         select min(t.at) filter (where t.action = 'accept') as at, min(t.at) filter (where t.action = 'stage_overdue' and t.from_status = 'reported') as late
         from event e join event_transition t on t.event_id = e.id where e.grid_code like ${like} group by e.id) x
       where x.at is not null and (x.late is null or x.late > x.at) and ${inWindow('x.at', w)})::int as responded`);
  const totals = emptyTotals();
  Object.assign(totals, {
    received: t!.received,
    accepted: t!.accepted,
    responded: t!.responded,
    closed: t!.closed,
    closedOnTime: t!.closed_on_time,
    resolved: t!.resolved,
    ratedSatisfied: t!.rated_satisfied,
    ratedBasic: t!.rated_basic,
    ratedUnsatisfied: t!.rated_unsatisfied,
    overdue: t!.overdue,
  });
  const openRows = await q(sql<{ status: string; n: number; overdue: number }>`
    select e.status, count(*)::int as n, count(*) filter (where e.overdue_at is not null)::int as overdue from event e where e.grid_code like ${like} and ${open} group by e.status`);
  const med = await q(sql<{ k: string; n: number }>`
    select case when m.status = 'exhausted' then 'exhausted' else coalesce(m.resolved_level_key, m.level_key) end as k, count(*)::int as n
    from mediation_case m where m.grid_code like ${like} and m.status in ('resolved', 'exhausted') and ${inWindow('m.closed_at', w)} group by 1`);
  const cats = await q(
    sql<{
      c: string;
      n: number;
    }>`select e.category_code as c, count(*)::int as n from event e where e.grid_code like ${like} and ${inWindow('e.created_at', w)} group by 1`,
  );
  const trendFrom = addDays(today, 1 - (opts.trendDays ?? 30));
  const tw = { from: trendFrom, to: addDays(today, 1) };
  const daily = await q(sql<{ d: string; received: number; closed: number; overdue: number }>`
    select to_char(d, 'YYYY-MM-DD') as d, sum(r)::int as received, sum(c)::int as closed, sum(o)::int as overdue from (
      select ${day('e.created_at')} as d, 1 as r, 0 as c, 0 as o from event e where e.grid_code like ${like} and ${inWindow('e.created_at', tw)}
      union all select ${day('e.closed_at')}, 0, 1, 0 from event e where e.grid_code like ${like} and ${closedNow} and ${inWindow('e.closed_at', tw)}
      union all select ${day('x.at')}, 0, 0, 1 from (select min(t.at) as at from event e join event_transition t on t.event_id = e.id where e.grid_code like ${like} and t.action = 'overdue' group by e.id) x where ${inWindow('x.at', tw)}
    ) u group by d`);
  const children =
    opts.children === false
      ? []
      : await q(sql<{ code: string; received: number; open: number; overdue: number }>`
    select a.code,
      (select count(*) from event e where e.grid_code like a.code || '%' and ${inWindow('e.created_at', w)})::int as received,
      (select count(*) from event e where e.grid_code like a.code || '%' and ${open})::int as open,
      (select count(*) from event e where e.grid_code like a.code || '%' and ${open} and e.overdue_at is not null)::int as overdue
    from area a where a.parent_code = ${area} and a.status = 'active'`);
  const [visits] = await q(sql<{ total: number; overdue: number }>`
    select count(*)::int as total, count(*) filter (where t.next_visit_due < ${now})::int as overdue
    from person_tag t join person p on p.id = t.person_id where t.active and p.status = 'present' and t.grid_code like ${like}`);
  return {
    received: received!,
    totals,
    openByStatus: Object.fromEntries(openRows.map((r) => [r.status, { n: r.n, overdue: r.overdue }])),
    mediation: Object.fromEntries(med.map((r) => [r.k, r.n])),
    categories: Object.fromEntries(cats.map((r) => [r.c, r.n])),
    daily: Object.fromEntries(daily.map((r) => [r.d, { received: r.received, closed: r.closed, overdue: r.overdue }])),
    children: Object.fromEntries(
      children.map((r) => [r.code, { received: r.received, open: r.open, overdue: r.overdue }]),
    ),
    visits: { specialTotal: visits!.total, overdue: visits!.overdue },
  };
}

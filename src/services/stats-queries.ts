import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { DAY_MEASURES } from '../jobs/rollup-sql.js';
import { type DayTotals, emptyTotals, type Window } from '../domain/stats.js';

/** Reads of the roll-up tables (migration 0007). Every figure the dashboard shows comes from here. */

type Row = Record<string, unknown>;
const KEYS: Record<(typeof DAY_MEASURES)[number], keyof DayTotals> = {
  received: 'received', accepted: 'accepted', responded: 'responded', closed: 'closed', closed_on_time: 'closedOnTime', resolved: 'resolved',
  rated_satisfied: 'ratedSatisfied', rated_basic: 'ratedBasic', rated_unsatisfied: 'ratedUnsatisfied', overdue: 'overdue',
};
export const SUMS = sql.join(DAY_MEASURES.map((m) => sql`coalesce(sum(${sql.ref(m)}), 0)::int as ${sql.ref(m)}`));

export function totalsOf(r: Row | undefined): DayTotals {
  const t = emptyTotals();
  if (!r) return t;
  for (const m of DAY_MEASURES) t[KEYS[m]] = Number(r[m] ?? 0);
  return t;
}

export async function totals(db: Executor, area: string, w: Window): Promise<DayTotals> {
  const r = await sql<Row>`select ${SUMS} from stats_day where area_code = ${area} and day >= ${w.from} and day < ${w.to} and category_code = ''`.execute(db);
  return totalsOf(r.rows[0]);
}

export async function byCategory(db: Executor, area: string, w: Window) {
  const r = await sql<Row & { category_code: string }>`
    select category_code, ${SUMS} from stats_day where area_code = ${area} and day >= ${w.from} and day < ${w.to} and category_code <> '' group by category_code`.execute(db);
  return new Map(r.rows.map((x) => [x.category_code, totalsOf(x)]));
}

/** Received today, this week and this month in one pass over the month (or week, when it started last month). */
export async function receivedSince(db: Executor, area: string, today: string, week: string, month: string) {
  const from = week < month ? week : month;
  const r = await sql<{ today: number; week: number; month: number }>`
    select coalesce(sum(received) filter (where day = ${today}), 0)::int as today,
      coalesce(sum(received) filter (where day >= ${week}), 0)::int as week,
      coalesce(sum(received) filter (where day >= ${month}), 0)::int as month
    from stats_day where area_code = ${area} and day >= ${from} and day <= ${today} and category_code = ''`.execute(db);
  return r.rows[0] ?? { today: 0, week: 0, month: 0 };
}

/** Per day over a window (the year's trend: months are summed from these days in the service, so the database formats 365 rows, not thousands). */
export async function daily(db: Executor, area: string, w: Window) {
  const r = await sql<{ day: string; received: number; closed: number; overdue: number }>`
    select day::text as day, sum(received)::int as received, sum(closed)::int as closed, sum(overdue)::int as overdue
    from stats_day where area_code = ${area} and day >= ${w.from} and day < ${w.to} and category_code = '' group by day`.execute(db);
  return new Map(r.rows.map((x) => [x.day, x]));
}

export async function openByStatus(db: Executor, areas: string[]) {
  if (areas.length === 0) return [];
  const r = await sql<{ area_code: string; status: string; n: number; overdue: number }>`
    select area_code, status, sum(n)::int as n, sum(overdue)::int as overdue from stats_open where area_code in (${sql.join(areas)}) group by area_code, status`.execute(db);
  return r.rows;
}

export async function mediation(db: Executor, area: string, w: Window) {
  const r = await sql<{ status: string; level_key: string; n: number }>`
    select status, level_key, sum(n)::int as n from stats_mediation_day where area_code = ${area} and day >= ${w.from} and day < ${w.to} group by status, level_key`.execute(db);
  return r.rows;
}

export async function registry(db: Executor, areas: string[]) {
  if (areas.length === 0) return new Map<string, { population: number; special_total: number; special_overdue: number; computed_at: Date }>();
  const r = await sql<{ area_code: string; population: number; special_total: number; special_overdue: number; computed_at: Date }>`
    select area_code, population, special_total, special_overdue, computed_at from stats_area_registry where area_code in (${sql.join(areas)})`.execute(db);
  return new Map(r.rows.map((x) => [x.area_code, x]));
}

/** Per-area sums over a window for many areas at once (children breakdown, the map's choropleth). */
/** `categories`: the subcategory codes to sum (listed, so the primary key serves them), or all categories when omitted. */
export async function totalsByArea(db: Executor, areas: string[], w: Window, categories: string[] = []) {
  if (areas.length === 0) return new Map<string, DayTotals>();
  const r = await sql<Row & { area_code: string }>`
    select area_code, ${SUMS} from stats_day
    where area_code in (${sql.join(areas)}) and day >= ${w.from} and day < ${w.to} and ${categories.length === 0 ? sql`category_code = ''` : sql`category_code in (${sql.join(categories)})`}
    group by area_code`.execute(db);
  return new Map(r.rows.map((x) => [x.area_code, totalsOf(x)]));
}

export async function lag(db: Executor) {
  const r = await sql<{ covered_at: Date | null; registry_at: Date | null; seen_id: string; top: string | null }>`
    select covered_at, registry_at, seen_id::text as seen_id, (select max(id)::text from event_transition) as top
    from stats_rollup_state where name = 'events'`.execute(db);
  return r.rows[0];
}

/** The mediation policy that governs an area: the longest matching prefix, as the mediation service picks it. */
export async function policyLevels(db: Executor, area: string) {
  const r = await sql<{ levels: unknown }>`
    select levels from mediation_policy where ${area} like area_prefix || '%' order by length(area_prefix) desc limit 1`.execute(db);
  const raw = r.rows[0]?.levels;
  const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ key: string; name: string; nameEn: string; unitKind: string | null }> | undefined;
  return parsed ?? [];
}

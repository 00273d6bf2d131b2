import { type RawBuilder, sql } from 'kysely';
import { OPEN_STATUSES } from '../events/event-state-machine.js';
import { openStatusesSql, resultStatusesSql } from '../events/event-status-sql.js';

/**
 * The SQL pieces of the roll-up job, shared by the incremental run and the full rebuild so that both
 * count by exactly the same rules (the rules are spelled out in README "Dashboard figures").
 */

/** A timestamptz as its Asia/Shanghai calendar day. China keeps UTC+8 all year, so no tz database is needed (PGlite has none). */
export const shDay = (col: string): RawBuilder<string> =>
  sql<string>`((${sql.raw(col)} at time zone 'UTC') + interval '8 hours')::date`;

/** Open means running or suspended (the state machine's open set); a merged duplicate is closed. */
export { OPEN_STATUSES };

export const DAY_MEASURES = [
  'received',
  'accepted',
  'responded',
  'closed',
  'closed_on_time',
  'resolved',
  'rated_satisfied',
  'rated_basic',
  'rated_unsatisfied',
  'overdue',
] as const;
export type DayMeasure = (typeof DAY_MEASURES)[number];

export const FACT_COLUMNS = [
  'event_id',
  'grid_code',
  'category_code',
  'created_day',
  'accepted_day',
  'responded',
  'closed_day',
  'closed_on_time',
  'rating',
  'overdue_day',
  'med_status',
  'med_level',
  'med_day',
  'open_status',
  'open_overdue',
] as const;

/**
 * Each event's facts from its raw rows. `only` limits it to the events listed in a table with an
 * event_id column; without it every event is counted (the rebuild).
 *  - responded: the first 受理 came before any 环节超时 flag the sweeper raised while the event was
 *    still 'reported' (the accept stage), i.e. it was accepted within the accept-stage limit;
 *  - closed: the event is closed now (closed or rated) and is not a duplicate merged into another;
 *    its day is closed_at's; on time when closed_at <= due_at (the limit in force at closing);
 *  - overdue: the day of the first 'overdue' flag (红牌) in the timeline;
 *  - mediation: a case that finished resolved (with the resolving level) or exhausted.
 */
export function factsSelect(only: string | null): RawBuilder<unknown> {
  const filterEvents = only ? sql`where e.id in (select event_id from ${sql.table(only)})` : sql``;
  const filterTimeline = only ? sql`where t.event_id in (select event_id from ${sql.table(only)})` : sql``;
  return sql`
    select e.id as event_id, e.grid_code, e.category_code, ${shDay('e.created_at')} as created_day,
      ${shDay('x.first_accept')} as accepted_day,
      (x.first_accept is not null and (x.accept_overdue is null or x.accept_overdue > x.first_accept)) as responded,
      case when e.status in (${resultStatusesSql}) and e.merged_into is null and e.closed_at is not null then ${shDay('e.closed_at')} end as closed_day,
      (e.status in (${resultStatusesSql}) and e.merged_into is null and e.closed_at is not null and e.closed_at <= e.due_at) as closed_on_time,
      case when e.status in (${resultStatusesSql}) and e.merged_into is null then e.rating end as rating,
      ${shDay('x.first_overdue')} as overdue_day,
      case when m.status in ('resolved', 'exhausted') then m.status end as med_status,
      case when m.status = 'resolved' then coalesce(m.resolved_level_key, m.level_key) when m.status = 'exhausted' then '' end as med_level,
      case when m.status in ('resolved', 'exhausted') and m.closed_at is not null then ${shDay('m.closed_at')} end as med_day,
      case when e.status in (${openStatusesSql}) then e.status end as open_status,
      (e.status in (${openStatusesSql}) and e.overdue_at is not null) as open_overdue
    from event e
    left join (
      select t.event_id,
        min(t.at) filter (where t.action = 'accept') as first_accept,
        min(t.at) filter (where t.action = 'stage_overdue' and t.from_status = 'reported') as accept_overdue,
        min(t.at) filter (where t.action = 'overdue') as first_overdue
      from event_transition t ${filterTimeline}
      group by t.event_id
    ) x on x.event_id = e.id
    left join mediation_case m on m.event_id = e.id
    ${filterEvents}`;
}

/** The five area codes a grid counts under: city, county, township, village and the grid itself. */
const AREAS = sql`cross join lateral (values (substr(c.grid_code, 1, 4) || '00'), (substr(c.grid_code, 1, 6)), (substr(c.grid_code, 1, 9)), (substr(c.grid_code, 1, 12)), (c.grid_code)) as a(area_code)`;

/**
 * Each contribution also goes to the row of category '' (all categories), so that totals, trends
 * and children read one row per area and day instead of one per subcategory.
 */
export const ALL = '';
const ALL_CATEGORIES = sql`cross join lateral (values (c.category_code), (${ALL})) as k(category_code)`;

/** The day contributions of signed facts (`with f as (…), c as (…)`): one row per fact, measure kind and day. */
function contributions(signed: RawBuilder<unknown>): RawBuilder<unknown> {
  const zeros = (but: Partial<Record<DayMeasure, RawBuilder<unknown>>>) =>
    sql.join(DAY_MEASURES.map((m) => sql`${but[m] ?? sql`0`} as ${sql.ref(m)}`));
  const one = sql`f.sign`;
  return sql`
    with f as (${signed}), c as (
      select f.grid_code, f.category_code, f.created_day as day, ${zeros({ received: one })} from f
      union all
      select f.grid_code, f.category_code, f.accepted_day, ${zeros({ accepted: one, responded: sql`f.sign * f.responded::int` })} from f where f.accepted_day is not null
      union all
      select f.grid_code, f.category_code, f.closed_day, ${zeros({
        closed: one,
        closed_on_time: sql`f.sign * f.closed_on_time::int`,
        resolved: sql`f.sign * (coalesce(f.rating, '') <> 'unsatisfied')::int`,
        rated_satisfied: sql`f.sign * (f.rating is not distinct from 'satisfied')::int`,
        rated_basic: sql`f.sign * (f.rating is not distinct from 'basically_satisfied')::int`,
        rated_unsatisfied: sql`f.sign * (f.rating is not distinct from 'unsatisfied')::int`,
      })} from f where f.closed_day is not null
      union all
      select f.grid_code, f.category_code, f.overdue_day, ${zeros({ overdue: one })} from f where f.overdue_day is not null
    )`;
}

/**
 * `signed` is a select of fact rows with a `sign` column (+1 new, -1 old). The day contributions of
 * each fact are added to its grid and every area above it; pairs that cancel out write nothing.
 */
export function addDayDeltas(signed: RawBuilder<unknown>): RawBuilder<unknown> {
  const sums = sql.join(DAY_MEASURES.map((m) => sql`sum(c.${sql.ref(m)})::int`));
  const nonZero = sql.join(
    DAY_MEASURES.map((m) => sql`sum(c.${sql.ref(m)}) <> 0`),
    sql` or `,
  );
  const updates = sql.join(
    DAY_MEASURES.map((m) => sql`${sql.ref(m)} = stats_day.${sql.ref(m)} + excluded.${sql.ref(m)}`),
  );
  return sql`
    ${contributions(signed)}
    insert into stats_day (area_code, day, category_code, ${sql.join(DAY_MEASURES.map((m) => sql.ref(m)))})
    select a.area_code, c.day, k.category_code, ${sums}
    from c ${AREAS} ${ALL_CATEGORIES}
    group by a.area_code, c.day, k.category_code
    having ${nonZero}
    on conflict (area_code, day, category_code) do update set ${updates}`;
}

/** Category 01 矛盾纠纷: its subcategories' codes start with it (the map and the dashboard count "disputes" so). */
export const DISPUTE_PREFIX = '01';

/**
 * The same contributions per area and Shanghai month (stats_month, migrations 0012 and 0016): every
 * measure of stats_day's all-categories rows, and `disputes`, the received events of category 01.
 * A month row is always the sum of that month's stats_day rows, so a window that starts on the
 * first of a month is its month rows minus any day rows after its end.
 */
export function addMonthDeltas(signed: RawBuilder<unknown>): RawBuilder<unknown> {
  const cols = [...DAY_MEASURES, 'disputes'] as const;
  const disputes = sql`coalesce(sum(c.received) filter (where c.category_code like ${`${DISPUTE_PREFIX}%`}), 0)`;
  const sums = sql.join([...DAY_MEASURES.map((m) => sql`sum(c.${sql.ref(m)})::int`), sql`${disputes}::int`]);
  // A change of category can cancel out in received and not in disputes.
  const nonZero = sql.join(
    [...DAY_MEASURES.map((m) => sql`sum(c.${sql.ref(m)}) <> 0`), sql`${disputes} <> 0`],
    sql` or `,
  );
  const updates = sql.join(cols.map((m) => sql`${sql.ref(m)} = stats_month.${sql.ref(m)} + excluded.${sql.ref(m)}`));
  return sql`
    ${contributions(signed)}
    insert into stats_month (area_code, month, ${sql.join(cols.map((m) => sql.ref(m)))})
    select a.area_code, date_trunc('month', c.day::timestamp)::date, ${sums}
    from c ${AREAS}
    group by 1, 2
    having ${nonZero}
    on conflict (area_code, month) do update set ${updates}`;
}

export function addMediationDeltas(signed: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    with c as (${signed})
    insert into stats_mediation_day (area_code, day, category_code, status, level_key, n)
    select a.area_code, c.med_day, c.category_code, c.med_status, c.med_level, sum(c.sign)::int
    from c ${AREAS}
    where c.med_day is not null and c.med_status is not null
    group by a.area_code, c.med_day, c.category_code, c.med_status, c.med_level
    having sum(c.sign) <> 0
    on conflict (area_code, day, category_code, status, level_key) do update set n = stats_mediation_day.n + excluded.n`;
}

export function addOpenDeltas(signed: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    with c as (${signed})
    insert into stats_open (area_code, category_code, status, n, overdue)
    select a.area_code, c.category_code, c.open_status, sum(c.sign)::int, sum(c.sign * c.open_overdue::int)::int
    from c ${AREAS}
    where c.open_status is not null
    group by a.area_code, c.category_code, c.open_status
    having sum(c.sign) <> 0 or sum(c.sign * c.open_overdue::int) <> 0
    on conflict (area_code, category_code, status) do update set n = stats_open.n + excluded.n, overdue = stats_open.overdue + excluded.overdue`;
}

/** Residents present and special-group tags per area, recomputed whole (visits are not in the event log). */
export function registrySnapshot(now: Date): RawBuilder<unknown> {
  return sql`
    with c as (
      select grid_code, count(*)::int as population, 0 as special_total, 0 as special_overdue from person where status = 'present' group by grid_code
      union all
      select t.grid_code, 0, count(*)::int, (count(*) filter (where t.next_visit_due < ${now}))::int
      from person_tag t join person p on p.id = t.person_id
      where t.active and p.status = 'present'
      group by t.grid_code
    )
    insert into stats_area_registry (area_code, population, special_total, special_overdue, computed_at)
    select a.area_code, sum(c.population)::int, sum(c.special_total)::int, sum(c.special_overdue)::int, ${now}
    from c ${AREAS}
    group by a.area_code`;
}

import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { Measure, MeasureCounts } from './supervision-rules.js';

/**
 * One set-based query per rule: every township (code length 9) or village (12) under the prefix,
 * counted in one GROUP BY over the event rows of the window. Merged duplicates are not counted.
 */
export interface MeasureWindow {
  start: Date;
  end: Date;
}

const n = (v: string | number | null | undefined) => Number(v ?? 0);

export async function measureCounts(db: Executor, measure: Measure, prefix: string, keyLength: 9 | 12, w: MeasureWindow): Promise<Array<MeasureCounts & { detail?: Record<string, unknown> }>> {
  const like = `${prefix}%`;
  const base = sql`grid_code like ${like} and length(grid_code) >= ${keyLength} and created_at >= ${w.start} and created_at < ${w.end} and merged_into is null`;
  switch (measure) {
    case 'disputes_per_1000': {
      const r = await sql<{ area: string; events: string; disputes: string; people: string | null }>`
        select e.area, e.events, e.disputes, p.people from
          (select substr(grid_code, 1, ${keyLength}) as area, count(*) as events, count(*) filter (where is_dispute) as disputes
           from event where ${base} group by 1) e
        left join (select substr(grid_code, 1, ${keyLength}) as area, count(*) as people from person
                   where grid_code like ${like} and status = 'present' group by 1) p on p.area = e.area`.execute(db);
      return r.rows.map((x) => ({ areaCode: x.area, events: n(x.events), numerator: n(x.disputes), denominator: n(x.people), detail: { disputes: n(x.disputes), population: n(x.people) } }));
    }
    case 'overdue_share': {
      const r = await sql<{ area: string; events: string; overdue: string }>`
        select substr(grid_code, 1, ${keyLength}) as area, count(*) as events, count(overdue_at) as overdue
        from event where ${base} group by 1`.execute(db);
      return r.rows.map((x) => ({ areaCode: x.area, events: n(x.events), numerator: n(x.overdue), denominator: n(x.events), detail: { overdue: n(x.overdue) } }));
    }
    case 'dissatisfaction_rate': {
      const r = await sql<{ area: string; rated: string; unsatisfied: string }>`
        select substr(grid_code, 1, ${keyLength}) as area, count(rating) as rated, count(*) filter (where rating = 'unsatisfied') as unsatisfied
        from event where ${base} group by 1`.execute(db);
      return r.rows.map((x) => ({ areaCode: x.area, events: n(x.rated), numerator: n(x.unsatisfied), denominator: n(x.rated), detail: { rated: n(x.rated), unsatisfied: n(x.unsatisfied) } }));
    }
    case 'repeat_place': {
      // A place is a cell of about 100 m (0.001° latitude, 0.0013° longitude) inside one grid; the
      // area's value is its busiest cell. The address most often given there names it.
      const r = await sql<{ area: string; events: string; top: string; grid_code: string; address: string | null; lng: number; lat: number }>`
        select distinct on (c.area) c.area, t.events, c.n as top, c.grid_code, c.address, c.lng, c.lat from
          (select substr(grid_code, 1, ${keyLength}) as area, grid_code, floor(lat / 0.001) as y, floor(lng / 0.0013) as x, count(*) as n,
                  mode() within group (order by address) as address, avg(lng) as lng, avg(lat) as lat
           from event where ${base} group by 1, 2, 3, 4) c
        join (select substr(grid_code, 1, ${keyLength}) as area, count(*) as events from event where ${base} group by 1) t on t.area = c.area
        order by c.area, c.n desc, c.grid_code`.execute(db);
      return r.rows.map((x) => ({ areaCode: x.area, events: n(x.events), numerator: n(x.top), denominator: n(x.events), detail: { gridCode: x.grid_code, address: x.address, lng: Number(x.lng), lat: Number(x.lat) } }));
    }
  }
}

import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { SupervisionRuleTable } from '../../db/schema.js';
import { inScope, type Scope } from '../../db/scope.js';

export function listRules(db: Executor) {
  return db.selectFrom('supervision_rule').selectAll().orderBy('created_at').orderBy('name').execute();
}

export function listActiveRules(db: Executor) {
  return db.selectFrom('supervision_rule').selectAll().where('active', '=', true).orderBy('created_at').execute();
}

export function insertRule(db: Executor, values: Insertable<SupervisionRuleTable>) {
  return db.insertInto('supervision_rule').values(values).returningAll().executeTakeFirstOrThrow();
}

export function lockRule(db: Executor, id: string) {
  return db.selectFrom('supervision_rule').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function updateRule(db: Executor, id: string, set: Updateable<SupervisionRuleTable>) {
  return db.updateTable('supervision_rule').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** The area a new rule is to cover, inside the actor's scope. */
export function findRuleArea(db: Executor, scope: Scope, code: string) {
  return db.selectFrom('area').selectAll().where('code', '=', code).where(inScope(scope, 'code')).executeTakeFirst();
}

/**
 * What the rules measure: one set-based query per measure, every township (code length 9) or village (12)
 * under the prefix counted in one GROUP BY over the event rows of the window. Merged duplicates are not
 * counted. Counts come back as strings (bigint).
 */
export interface MeasureWindow {
  start: Date;
  end: Date;
}

function eventWindow(prefix: string, keyLength: 9 | 12, w: MeasureWindow) {
  const like = `${prefix}%`;
  const base = sql`grid_code like ${like} and length(grid_code) >= ${keyLength} and created_at >= ${w.start} and created_at < ${w.end} and merged_into is null`;
  return { like, base };
}

/** disputes_per_1000: events, disputes and the people living there. */
export async function countDisputes(db: Executor, prefix: string, keyLength: 9 | 12, w: MeasureWindow) {
  const { like, base } = eventWindow(prefix, keyLength, w);
  const r = await sql<{ area: string; events: string; disputes: string; people: string | null }>`
        select e.area, e.events, e.disputes, p.people from
          (select substr(grid_code, 1, ${keyLength}) as area, count(*) as events, count(*) filter (where is_dispute) as disputes
           from event where ${base} group by 1) e
        left join (select substr(grid_code, 1, ${keyLength}) as area, count(*) as people from person
                   where grid_code like ${like} and status = 'present' group by 1) p on p.area = e.area`.execute(db);
  return r.rows;
}

/** overdue_share: events and those that ran out of time. */
export async function countOverdue(db: Executor, prefix: string, keyLength: 9 | 12, w: MeasureWindow) {
  const { base } = eventWindow(prefix, keyLength, w);
  const r = await sql<{ area: string; events: string; overdue: string }>`
        select substr(grid_code, 1, ${keyLength}) as area, count(*) as events, count(overdue_at) as overdue
        from event where ${base} group by 1`.execute(db);
  return r.rows;
}

/** dissatisfaction_rate: rated events and the unsatisfied among them. */
export async function countDissatisfaction(db: Executor, prefix: string, keyLength: 9 | 12, w: MeasureWindow) {
  const { base } = eventWindow(prefix, keyLength, w);
  const r = await sql<{ area: string; rated: string; unsatisfied: string }>`
        select substr(grid_code, 1, ${keyLength}) as area, count(rating) as rated, count(*) filter (where rating = 'unsatisfied') as unsatisfied
        from event where ${base} group by 1`.execute(db);
  return r.rows;
}

/**
 * repeat_place: a place is a cell of about 100 m (0.001° latitude, 0.0013° longitude) inside one grid; the
 * area's value is its busiest cell. The address most often given there names it.
 */
export async function countRepeatPlace(db: Executor, prefix: string, keyLength: 9 | 12, w: MeasureWindow) {
  const { base } = eventWindow(prefix, keyLength, w);
  const r = await sql<{
    area: string;
    events: string;
    top: string;
    grid_code: string;
    address: string | null;
    lng: number;
    lat: number;
  }>`
        select distinct on (c.area) c.area, t.events, c.n as top, c.grid_code, c.address, c.lng, c.lat from
          (select substr(grid_code, 1, ${keyLength}) as area, grid_code, floor(lat / 0.001) as y, floor(lng / 0.0013) as x, count(*) as n,
                  mode() within group (order by address) as address, avg(lng) as lng, avg(lat) as lat
           from event where ${base} group by 1, 2, 3, 4) c
        join (select substr(grid_code, 1, ${keyLength}) as area, count(*) as events from event where ${base} group by 1) t on t.area = c.area
        order by c.area, c.n desc, c.grid_code`.execute(db);
  return r.rows;
}

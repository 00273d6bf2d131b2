import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { MediationLevel } from '../../db/schema.js';

/*
 * The statements of the mediation sweep, which runs inside the benchmarked deadline sweep: their text is tuned
 * (one lock, one locked read and one statement per batch); change it only with the benchmark at hand.
 */

export interface DueCase {
  event_id: string;
  levels: MediationLevel[] | string;
  level_index: number;
  level_key: string;
  status: 'open' | 'resolved' | 'exhausted';
  grid_code: string;
  number: string;
  description: string;
}

export interface MediationTimeout {
  event_id: string;
  from_index: number;
  kind: 'escalated' | 'exhausted';
  to_index: number | null;
  to_key: string | null;
  unit_kind: string | null;
  due_at: string | null;
  note: string;
  public_note: string;
  title: string;
  body: string | null;
}

/** One sweeping process at a time: a tried advisory lock that the transaction's end releases. */
export async function tryLockMediationSweep(trx: Executor): Promise<boolean> {
  const lock = await sql<{
    ok: boolean;
  }>`select pg_try_advisory_xact_lock(hashtext('fq.sweep.mediation')) as ok`.execute(trx);
  return Boolean(lock.rows[0]?.ok);
}

/** The open cases whose level ran out of time, oldest first, locked; those a mediator holds are skipped. */
export async function lockDueCases(trx: Executor, now: Date, batch: number): Promise<DueCase[]> {
  const due = await sql<DueCase>`
        select m.event_id, m.levels, m.level_index, m.level_key, m.status, e.grid_code, e.number, e.description
        from mediation_case m join event e on e.id = m.event_id
        where m.status = 'open' and m.level_due_at <= ${now}
        order by m.level_due_at
        limit ${batch}
        for update of m skip locked`.execute(trx);
  return due.rows;
}

/**
 * For a batch, one statement: ends each level, moves the case up (or marks it exhausted), opens the next level's
 * step with the unit of its kind nearest the grid, writes the timeline row and tells whom the move concerns.
 */
export async function applyTimeouts(
  trx: Executor,
  moves: readonly MediationTimeout[],
  now: Date,
  actorName: string,
): Promise<void> {
  const col = <K extends keyof MediationTimeout>(k: K) => moves.map((m) => m[k]);
  await sql`
    with input as (
      select * from unnest(${col('event_id')}::uuid[], ${col('from_index')}::int[], ${col('kind')}::text[], ${col('to_index')}::int[], ${col('to_key')}::text[],
                           ${col('unit_kind')}::text[], ${col('due_at')}::timestamptz[], ${col('note')}::text[], ${col('public_note')}::text[],
                           ${col('title')}::text[], ${col('body')}::text[])
        with ordinality as i(event_id, from_index, kind, to_index, to_key, unit_kind, due_at, note, public_note, title, body, ord)
    ),
    mv as (
      -- The next level's unit: the active unit of its kind in the grid's township, else its county, else
      -- the city; a county's 综治中心 (code …-ZZZX) first among several centres (RoutingService.nearestUnit).
      select i.*, e.county_code, e.grid_code, e.status as event_status, u.id as unit_id
      from input i
      join event e on e.id = i.event_id
      left join lateral (
        select u.id from unit u
        where i.unit_kind is not null and u.kind = i.unit_kind and u.status = 'active'
          and u.area_code in (substr(e.grid_code, 1, 9), substr(e.grid_code, 1, 6), substr(e.grid_code, 1, 4) || '00')
        order by length(u.area_code) desc, (u.code like '%-ZZZX') desc, u.code
        limit 1
      ) u on true
    ),
    ended as (
      update mediation_step s set ended_at = ${now}, result = 'timeout', note = null, actor_name = ${actorName}
      from mv where s.event_id = mv.event_id and s.level_index = mv.from_index
    ),
    moved as (
      update mediation_case m set
        level_index = case when mv.kind = 'escalated' then mv.to_index else m.level_index end,
        level_key = case when mv.kind = 'escalated' then mv.to_key else m.level_key end,
        level_unit_id = case when mv.kind = 'escalated' then mv.unit_id else m.level_unit_id end,
        level_due_at = case when mv.kind = 'escalated' then mv.due_at end,
        status = case when mv.kind = 'escalated' then m.status else 'exhausted' end,
        closed_at = case when mv.kind = 'escalated' then m.closed_at else ${now} end
      from mv where m.event_id = mv.event_id
    ),
    steps as (
      insert into mediation_step (event_id, level_index, level_key, unit_id, started_at, due_at)
      select event_id, to_index, to_key, unit_id, ${now}, due_at from mv where kind = 'escalated' order by ord
    ),
    timeline as (
      insert into event_transition (county_code, event_id, at, actor_id, actor_name, action, from_status, to_status, note, public_note, unit_id)
      select county_code, event_id, ${now}, null, ${actorName}, case when kind = 'escalated' then 'mediation_escalate' else 'mediation_exhausted' end,
             event_status, event_status, note, public_note, unit_id
      from mv order by ord
    )
    insert into notification (user_id, kind, event_id, title, body, created_at)
    select user_id, 'mediation', event_id, title, body, ${now} from (
      -- A level with a unit tells the unit's accounts ...
      select a.id as user_id, mv.event_id, mv.title, mv.body, mv.ord
      from mv join app_user a on a.unit_id = mv.unit_id and a.status = 'active'
      where mv.kind = 'escalated'
      union all
      -- ... one without tells the grid's mediators (a level above the first is not the grid workers') ...
      select a.id, mv.event_id, mv.title, mv.body, mv.ord
      from mv join app_user a on a.status = 'active' and a.roles && array['mediator']::text[] and length(a.scope_code) >= 9 and mv.grid_code like a.scope_code || '%'
      where mv.kind = 'escalated' and mv.unit_id is null
      union all
      -- ... and a case whose levels are used up tells the operators who watch the grid.
      select a.id, mv.event_id, mv.title, mv.body, mv.ord
      from mv join app_user a on a.status = 'active' and 'operator' = any(a.roles) and a.scope_code in (substr(mv.grid_code, 1, 9), substr(mv.grid_code, 1, 6))
      where mv.kind = 'exhausted'
    ) n
    order by ord`.execute(trx);
}

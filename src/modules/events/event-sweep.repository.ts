import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { runningStatusesSql } from './event-status-sql.js';

/** Running events (open, not suspended): the only ones whose deadline flags are raised. */
const RUNNING = sql`status in (${runningStatusesSql})`;

/** A deadline flag's timeline step and notice, as sweepEventBatch writes them (see FLAGS in deadline-sweeper.ts). */
export interface SweepFlag {
  /** Its position in the order the flags apply to one event (and their timeline rows are written in). */
  ord: number;
  action: string;
  note: string | null;
  publicNote: string | null;
  notify: { kind: 'warning' | 'overdue' | 'supervision'; title: string; operators: 'local' | 'city' | null };
}

/** The escalation time of a deadline on each local date since `first`, as ISO instants indexed by day. */
export interface EscalationDays {
  first: Date;
  at: string[];
}

export interface SweptEvent {
  id: string;
  number: string;
  due_at: Date;
  w: boolean;
  o: boolean;
  s: boolean;
  x: boolean;
  /** Went overdue without an escalation time (its deadline is older than the day table): set afterwards. */
  esc_missing: boolean;
  more: boolean;
}

/** A transaction-scoped advisory lock, tried, not awaited: false when another process holds it. */
export async function trySweepLock(trx: Executor, name: string): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(hashtext(${`fq.sweep.${name}`})) as ok`.execute(
    trx,
  );
  return r.rows[0]?.ok === true;
}

/** Settings for the batch statement, for the rest of the transaction. */
export async function tuneSweepBatch(trx: Executor): Promise<void> {
  // The statement is large but simple: compiling it (JIT) cost more than it saved.
  await sql`set local jit = off`.execute(trx);
  // The batch's rows pass through several CTEs and the map trigger's transition tables: kept in
  // memory rather than spilled to temporary files.
  await sql`set local work_mem = '64MB'`.execute(trx);
}

/**
 * One statement for a batch of up to `batch` running events with a flag due: picks, locks, updates them and writes
 * their timeline and inbox rows (why it is shaped so: sweepEvents in deadline-sweeper.ts). The first row carries
 * `more`; with nothing updated a single row of nulls carries it.
 */
export async function sweepEventBatch(
  trx: Executor,
  now: Date,
  batch: number,
  days: EscalationDays,
  flags: readonly SweepFlag[],
): Promise<SweptEvent[]> {
  const flagRows = sql.join(
    flags.map(
      (f) =>
        sql`(${f.ord}::int, ${f.action}::text, ${f.note}::text, ${f.publicNote}::text, ${f.notify.kind}::text, ${f.notify.title}::text, ${f.notify.operators}::text)`,
    ),
  );
  const r = await sql<SweptEvent>`
    with picked as (
      -- One pass over the heap for every flag: the three deadline indexes are ORed into one bitmap,
      -- so a page holding events due for several flags is read once, in physical order.
      select ctid from event
      where ${RUNNING}
        and ((warn_at <= ${now} and warned_at is null) or (due_at <= ${now} and overdue_at is null)
             or (stage_due_at <= ${now} and stage_overdue_at is null) or (due_at <= ${now} and escalate_at <= ${now}))
      limit ${batch}
    ),
    more as (
      select count(*) >= ${batch} as more from picked
    ),
    locked as (
      select id, due_at, escalate_at, escalation_level,
             warned_at is null and warn_at <= ${now} as w,
             overdue_at is null and due_at <= ${now} as o,
             stage_overdue_at is null and stage_due_at <= ${now} as s
      from event
      -- Fetched by the picked row addresses (no index descent); a row updated since is followed to
      -- its latest version by the lock and re-checked there.
      where ctid = any(array(select ctid from picked)) and ${RUNNING}
        and ((warned_at is null and warn_at <= ${now}) or (overdue_at is null and due_at <= ${now})
             or (stage_overdue_at is null and stage_due_at <= ${now}) or (due_at <= ${now} and escalate_at <= ${now}))
      order by id
      for update
    ),
    esc as (
      select l.*,
             case when l.o and l.escalation_level < 2
                  then (${days.at}::text[])[floor((extract(epoch from l.due_at) - extract(epoch from ${days.first}::timestamptz)) / 86400)::int + 1]::timestamptz
                  else l.escalate_at end as esc_at
      from locked l
    ),
    due as (
      select e.*, e.due_at <= ${now} and coalesce(e.esc_at <= ${now}, false) as x from esc e
    ),
    upd as (
      update event set
        warned_at = case when d.w then ${now} else event.warned_at end,
        overdue_at = case when d.o then ${now} else event.overdue_at end,
        supervised_at = case when d.o then coalesce(event.supervised_at, ${now}) else event.supervised_at end,
        stage_overdue_at = case when d.s then ${now} else event.stage_overdue_at end,
        escalation_level = case when d.x then 2 when d.o then greatest(event.escalation_level, 1) else event.escalation_level end,
        escalate_at = case when d.x then null else d.esc_at end
      from due d
      where event.id = d.id and (d.w or d.o or d.s or d.x)
      returning event.id, event.county_code, event.grid_code, event.number, event.status, event.due_at, left(event.description, 80) as body,
                coalesce(event.lead_unit_id, event.owner_unit_id) as unit_id, d.w, d.o, d.s, d.x,
                d.o and not d.x and event.escalation_level < 2 and d.esc_at is null as esc_missing
    ),
    hit as (
      select u.*, f.ord, f.action, f.note, f.public_note, f.kind, f.title, f.operators
      from upd u
      join (values ${flagRows}) f(ord, action, note, public_note, kind, title, operators)
        on (f.ord = 1 and u.w) or (f.ord = 2 and u.o) or (f.ord = 3 and u.s) or (f.ord = 4 and u.x)
    ),
    timeline as (
      insert into event_transition (county_code, event_id, at, actor_id, actor_name, action, from_status, to_status, note, public_note, unit_id)
      select county_code, id, ${now}, null, '系统', action, status, status, note, public_note, unit_id from hit order by id, ord
    ),
    operators as (
      select id, scope_code from app_user where 'operator' = any(roles) and status = 'active'
    ),
    inbox as (
      insert into notification (user_id, kind, event_id, title, body, created_at)
      select user_id, kind, event_id, title, body, ${now} from (
        select a.id as user_id, h.kind, h.id as event_id, h.title || ':' || h.number as title, h.body, h.ord, 0 as part
        from hit h join app_user a on a.unit_id = h.unit_id and a.status = 'active'
        union all
        select o.id, h.kind, h.id, h.title || ':' || h.number, h.body, h.ord, 1
        from hit h
        cross join lateral (values (substr(h.grid_code, 1, 9)), (substr(h.grid_code, 1, 6))) s(code)
        join operators o on o.scope_code = s.code
        where h.operators = 'local'
        union all
        select o.id, h.kind, h.id, h.title || ':' || h.number, h.body, h.ord, 1
        from hit h join operators o on o.scope_code = substr(h.grid_code, 1, 4) || '00'
        where h.operators = 'city'
      ) n
      order by ord, part, event_id
    )
    select u.id, u.number, u.due_at, u.w, u.o, u.s, u.x, u.esc_missing, (select more from more) as more from upd u
    union all
    select null, null, null, false, false, false, false, false, (select more from more) where not exists (select 1 from upd)`.execute(
    trx,
  );
  return r.rows;
}

/** The escalation time of events whose deadline fell outside the day table, computed by the caller. */
export async function setEscalationTimes(trx: Executor, rows: ReadonlyArray<{ id: string; at: Date }>): Promise<void> {
  const values = rows.map((r) => sql`(${r.id}::uuid, ${r.at}::timestamptz)`);
  await sql`update event set escalate_at = v.at from (values ${sql.join(values)}) as v(id, at) where event.id = v.id and event.escalation_level < 2`.execute(
    trx,
  );
}

/** Flags up to 5,000 open co-handler tasks past their deadline, locked in id order; answers the flagged tasks. */
export async function markCoHandlersOverdue(trx: Executor, now: Date) {
  const rows = await sql<{ id: string; event_id: string; unit_id: string; county_code: string }>`
    update event_co_handler set overdue_at = ${now}
    from (
      select id from event_co_handler
      where id in (select id from event_co_handler where status = 'open' and overdue_at is null and due_at <= ${now} order by due_at limit 5000)
        and status = 'open' and overdue_at is null
      order by id for update
    ) due
    where event_co_handler.id = due.id
    returning event_co_handler.id, event_co_handler.event_id, event_co_handler.unit_id, event_co_handler.county_code`.execute(
    trx,
  );
  return rows.rows;
}

/** The timeline step on each event of the overdue tasks. */
export async function insertCoHandlerOverdueSteps(trx: Executor, ids: readonly string[], now: Date): Promise<void> {
  await sql`
    insert into event_transition (county_code, event_id, at, actor_id, actor_name, action, from_status, to_status, note, public_note, unit_id)
    select e.county_code, e.id, ${now}, null, '系统', 'co_handler_overdue', e.status, e.status, '协办任务超期:' || u.name, null, t.unit_id
    from event_co_handler t join event e on e.id = t.event_id join unit u on u.id = t.unit_id where t.id in (${sql.join(ids)})`.execute(
    trx,
  );
}

/** A notice to the accounts of the co-handling unit and of the lead unit of each overdue task. */
export async function notifyCoHandlersOverdue(trx: Executor, ids: readonly string[], now: Date): Promise<void> {
  await sql`
    insert into notification (user_id, kind, event_id, title, body, created_at)
    select a.id, 'overdue', e.id, '协办任务超期:' || e.number, t.task, ${now}
    from event_co_handler t join event e on e.id = t.event_id join app_user a on a.unit_id in (t.unit_id, e.lead_unit_id) and a.status = 'active'
    where t.id in (${sql.join(ids)})`.execute(trx);
}

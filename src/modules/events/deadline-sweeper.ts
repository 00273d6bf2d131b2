import { sql } from 'kysely';
import type { Db, Executor } from '../../db/database.js';
import { WorkingCalendar } from '../../kernel/working-calendar.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditEntry, AuditService } from '../audit/audit.service.js';
import { sweepMediationTimeouts } from '../mediation/mediation-sweep.js';

const SYSTEM = { userId: null, username: 'system:deadline-sweeper', ip: null };
/** Working days an overdue event stays with the county's supervision (督办) before it goes up to the city. */
export const ESCALATE_AFTER_WORKING_DAYS = 2;

export interface SweepDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  calendar: WorkingCalendar;
  /** Reloads the working-day calendar when another process edited it. */
  refreshCalendar?: () => Promise<unknown>;
  /** Told how long each part of the sweep took (the benchmark reports them). */
  onPart?: (part: 'events' | 'coHandlers' | 'mediation', ms: number) => void;
}

export interface SweepResult {
  warned: number;
  overdue: number;
  stageOverdue: number;
  escalated: number;
  coHandlerOverdue: number;
  mediationEscalated: number;
}

interface Flag {
  key: keyof Omit<SweepResult, 'mediationEscalated' | 'coHandlerOverdue'>;
  /** Its position in the order the flags apply to one event (and their timeline rows are written in). */
  ord: number;
  action: string;
  note: string | null;
  publicNote: string | null;
  notify: { kind: 'warning' | 'overdue' | 'supervision'; title: string; operators: 'local' | 'city' | null };
}

const RUNNING = sql`status in ('reported', 'accepted', 'dispatched', 'handling', 'feedback', 'verified')`;

/**
 * The four flags, in the order they apply to an event. Which rows are due, and what each sets, is
 * written out in sweepEvents: warn (warned_at), overdue (overdue_at, supervised_at, escalation level
 * 1 and the time it goes up to the city), stage (stage_overdue_at), escalate (level 2).
 */
const FLAGS: Flag[] = [
  { key: 'warned', ord: 1, action: 'warn', note: '黄牌预警:即将到期', publicNote: null, notify: { kind: 'warning', title: '即将到期', operators: null } },
  { key: 'overdue', ord: 2, action: 'overdue', note: '红牌:已超期,列入督办', publicNote: '已超期,督办中', notify: { kind: 'overdue', title: '已超期,督办中', operators: 'local' } },
  { key: 'stageOverdue', ord: 3, action: 'stage_overdue', note: '本环节办理超时', publicNote: null, notify: { kind: 'warning', title: '环节超时', operators: null } },
  { key: 'escalated', ord: 4, action: 'escalate', note: '超期未办结,升级至市级督办', publicNote: null, notify: { kind: 'supervision', title: '超期升级督办', operators: 'city' } },
];

const DAY_MS = 86_400_000;

/**
 * Raises the deadline flags of open events whose time has come, overdue co-handler tasks, and
 * mediation levels that ran out. Each flag is a column set once, so a sweep is idempotent, and
 * because each sweep compares with the clock instead of waiting on a timer per
 * event, a sweep after downtime catches up. Work is set-based, a batch per statement: one update
 * per event for all of its flags that are due, its timeline rows and the inbox fan-out in the same
 * statement, and one audit record per flag and batch.
 */
// A batch's events stay locked until it commits: a catch-up batch of 50,000 takes about 4 s on a
// 2-vCPU server (BENCHMARKS.md), a sweep each minute locks the few whose time came in that minute.
export async function sweepDeadlines(deps: SweepDeps, batch = 50000): Promise<SweepResult> {
  const { db, clock } = deps;
  await deps.refreshCalendar?.();
  const total: SweepResult = { warned: 0, overdue: 0, stageOverdue: 0, escalated: 0, coHandlerOverdue: 0, mediationEscalated: 0 };
  let t = performance.now();
  const part = (name: 'events' | 'coHandlers' | 'mediation') => {
    const at = performance.now();
    deps.onPart?.(name, at - t);
    t = at;
  };
  for (;;) {
    const r = await db.transaction().execute(async (trx) => ((await holdsSweepLock(trx, 'events')) ? sweepEvents(trx, deps, clock.now(), batch) : null));
    // Another process is sweeping the events right now and will finish them.
    if (r === null) break;
    for (const f of FLAGS) total[f.key] += r.counts[f.key];
    if (!r.more) break;
  }
  part('events');
  total.coHandlerOverdue = await db.transaction().execute(async (trx) => ((await holdsSweepLock(trx, 'co_handler')) ? sweepCoHandlers(trx, deps, clock.now()) : 0));
  part('coHandlers');
  total.mediationEscalated = await sweepMediationTimeouts(deps, clock.now());
  part('mediation');
  return total;
}

/**
 * One process at a time: a transaction-scoped advisory lock, tried, not awaited. Rows are then
 * locked with a plain FOR UPDATE in id order (not SKIP LOCKED): a row held by a user's transition
 * is waited for briefly and re-checked, instead of being skipped and left for the next sweep.
 */
async function holdsSweepLock(trx: Executor, name: string): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(hashtext(${`fq.sweep.${name}`})) as ok`.execute(trx);
  return r.rows[0]?.ok === true;
}

/**
 * When an event that goes overdue now would go up to the city: ESCALATE_AFTER_WORKING_DAYS after
 * its deadline, which depends only on the deadline's local (Shanghai) date. The answer for every
 * local date of the last ESCALATION_DAYS days goes to SQL as an array indexed by days since the
 * first one's midnight; an older deadline (a very long outage) gets its time in a second update.
 */
const ESCALATION_DAYS = 400;

function escalationDays(cal: WorkingCalendar, now: Date): { first: Date; at: string[] } {
  const first = WorkingCalendar.instant(WorkingCalendar.local(new Date(now.getTime() - ESCALATION_DAYS * DAY_MS)).date, 0);
  const at: string[] = [];
  for (let t = first.getTime(); t <= now.getTime(); t += DAY_MS) at.push(cal.addWorkingDays(new Date(t), ESCALATE_AFTER_WORKING_DAYS).toISOString());
  return { first, at };
}

interface SweptEvent {
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

/**
 * One statement for a batch. Up to `batch` events with any flag due are picked in one pass over the
 * heap, through the deadline indexes of running events (migration 0014) ORed into one bitmap. Those
 * indexes name neither the flags nor the escalation time, so that setting them is a HOT update that
 * touches no index: the scan passes over running events already flagged, checked on the row. In a
 * catch-up the heap pages are the cost (the crossing events are spread over the table), so each is
 * read once rather than once per flag. The picked rows are locked in id order with every
 * flag re-checked on the locked row, so a flag another process or a transition got to first is not
 * set again. Each event is updated once for all its due flags, in the order warn, overdue, stage,
 * escalate (an event that went overdue long enough ago goes up to the city in the same update; only
 * an event that is overdue now goes up), and the updated rows feed the timeline rows and the inbox
 * rows of the same statement.
 */
async function sweepEvents(trx: Executor, deps: SweepDeps, now: Date, batch: number): Promise<{ counts: Record<Flag['key'], number>; more: boolean }> {
  const days = escalationDays(deps.calendar, now);
  // The statement is large but simple: compiling it (JIT) cost more than it saved.
  await sql`set local jit = off`.execute(trx);
  // The batch's rows pass through several CTEs and the map trigger's transition tables: kept in
  // memory rather than spilled to temporary files.
  await sql`set local work_mem = '64MB'`.execute(trx);
  const flagRows = sql.join(FLAGS.map((f) => sql`(${f.ord}::int, ${f.action}::text, ${f.note}::text, ${f.publicNote}::text, ${f.notify.kind}::text, ${f.notify.title}::text, ${f.notify.operators}::text)`));
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
    select null, null, null, false, false, false, false, false, (select more from more) where not exists (select 1 from upd)`.execute(trx);
  const rows = r.rows.filter((x) => x.id !== null);
  const more = r.rows[0]?.more === true;
  const counts = { warned: 0, overdue: 0, stageOverdue: 0, escalated: 0 };
  // Deadlines older than the day table: their escalation time is set here, and the next batch
  // (in this sweep) sends them up if it has passed.
  const missing = rows.filter((x) => x.esc_missing);
  if (missing.length > 0) await setEscalation(trx, deps.calendar, missing);
  const pick: Record<Flag['key'], (x: SweptEvent) => boolean> = { warned: (x) => x.w, overdue: (x) => x.o, stageOverdue: (x) => x.s, escalated: (x) => x.x };
  const audits: AuditEntry[] = [];
  for (const f of FLAGS) {
    const hit = rows.filter(pick[f.key]);
    counts[f.key] = hit.length;
    if (hit.length > 0) audits.push({ action: `event.sweep.${f.action}`, entityType: 'event', entityId: `batch:${hit.length}`, areaCode: null, after: { numbers: hit.map((x) => x.number) } });
  }
  await deps.audit.recordMany(trx, SYSTEM, audits);
  return { counts, more: more || missing.length > 0 };
}

/** The escalation time of events whose deadline fell outside the day table (a deadline moved back during the sweep). */
async function setEscalation(trx: Executor, cal: WorkingCalendar, rows: Array<{ id: string; due_at: Date }>) {
  const values = rows.map((r) => sql`(${r.id}::uuid, ${cal.addWorkingDays(new Date(r.due_at), ESCALATE_AFTER_WORKING_DAYS)}::timestamptz)`);
  await sql`update event set escalate_at = v.at from (values ${sql.join(values)}) as v(id, at) where event.id = v.id and event.escalation_level < 2`.execute(trx);
}

async function sweepCoHandlers(trx: Executor, deps: SweepDeps, now: Date): Promise<number> {
  const rows = await sql<{ id: string; event_id: string; unit_id: string; county_code: string }>`
    update event_co_handler set overdue_at = ${now}
    from (
      select id from event_co_handler
      where id in (select id from event_co_handler where status = 'open' and overdue_at is null and due_at <= ${now} order by due_at limit 5000)
        and status = 'open' and overdue_at is null
      order by id for update
    ) due
    where event_co_handler.id = due.id
    returning event_co_handler.id, event_co_handler.event_id, event_co_handler.unit_id, event_co_handler.county_code`.execute(trx);
  if (rows.rows.length === 0) return 0;
  const ids = rows.rows.map((r) => r.id);
  await sql`
    insert into event_transition (county_code, event_id, at, actor_id, actor_name, action, from_status, to_status, note, public_note, unit_id)
    select e.county_code, e.id, ${now}, null, '系统', 'co_handler_overdue', e.status, e.status, '协办任务超期:' || u.name, null, t.unit_id
    from event_co_handler t join event e on e.id = t.event_id join unit u on u.id = t.unit_id where t.id in (${sql.join(ids)})`.execute(trx);
  await sql`
    insert into notification (user_id, kind, event_id, title, body, created_at)
    select a.id, 'overdue', e.id, '协办任务超期:' || e.number, t.task, ${now}
    from event_co_handler t join event e on e.id = t.event_id join app_user a on a.unit_id in (t.unit_id, e.lead_unit_id) and a.status = 'active'
    where t.id in (${sql.join(ids)})`.execute(trx);
  await deps.audit.record(trx, SYSTEM, { action: 'event.sweep.co_handler_overdue', entityType: 'event_co_handler', entityId: `batch:${ids.length}`, areaCode: null, after: { ids } });
  return ids.length;
}

import { type RawBuilder, sql } from 'kysely';
import type { Db, Executor } from '../db/database.js';
import type { WorkingCalendar } from '../domain/working-calendar.js';
import type { Clock } from '../lib/clock.js';
import type { AuditService } from '../services/audit.service.js';
import type { MediationService } from '../services/mediation.service.js';

const SYSTEM = { userId: null, username: 'system:deadline-sweeper', ip: null };
/** Working days an overdue event stays with the county's supervision (督办) before it goes up to the city. */
export const ESCALATE_AFTER_WORKING_DAYS = 2;

export interface SweepDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  calendar: WorkingCalendar;
  mediation: MediationService;
  /** Reloads the working-day calendar when another process edited it. */
  refreshCalendar?: () => Promise<unknown>;
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
  /** The rows that are due: each predicate matches one partial index of migration 0006. */
  due: (now: Date) => RawBuilder<unknown>;
  /** The deadline column the partial index is on: batches are picked in its order, through that index. */
  order: RawBuilder<unknown>;
  set: (now: Date) => RawBuilder<unknown>;
  action: string;
  note: string | null;
  publicNote: string | null;
  notify: { kind: 'warning' | 'overdue' | 'supervision'; title: string; operators: 'local' | 'city' | null } | null;
}

const RUNNING = sql`status in ('reported', 'accepted', 'dispatched', 'handling', 'feedback', 'verified')`;

const FLAGS: Flag[] = [
  {
    key: 'warned', due: (now) => sql`warned_at is null and ${RUNNING} and warn_at <= ${now}`, order: sql`warn_at`, set: (now) => sql`warned_at = ${now}`,
    action: 'warn', note: '黄牌预警:即将到期', publicNote: null, notify: { kind: 'warning', title: '即将到期', operators: null },
  },
  {
    key: 'overdue', due: (now) => sql`overdue_at is null and ${RUNNING} and due_at <= ${now}`, order: sql`due_at`,
    set: (now) => sql`overdue_at = ${now}, supervised_at = coalesce(supervised_at, ${now}), escalation_level = greatest(escalation_level, 1)`,
    action: 'overdue', note: '红牌:已超期,列入督办', publicNote: '已超期,督办中', notify: { kind: 'overdue', title: '已超期,督办中', operators: 'local' },
  },
  {
    key: 'stageOverdue', due: (now) => sql`stage_overdue_at is null and ${RUNNING} and stage_due_at <= ${now}`, order: sql`stage_due_at`, set: (now) => sql`stage_overdue_at = ${now}`,
    action: 'stage_overdue', note: '本环节办理超时', publicNote: null, notify: { kind: 'warning', title: '环节超时', operators: null },
  },
  {
    key: 'escalated', due: (now) => sql`${RUNNING} and escalate_at <= ${now}`, order: sql`escalate_at`, set: () => sql`escalation_level = 2, escalate_at = null`,
    action: 'escalate', note: '超期未办结,升级至市级督办', publicNote: null, notify: { kind: 'supervision', title: '超期升级督办', operators: 'city' },
  },
];

/**
 * Raises the deadline flags of open events whose time has come, overdue co-handler tasks, and
 * mediation levels that ran out. Each flag is a column set once, so a sweep is idempotent, and
 * because each sweep compares with the clock instead of waiting on a timer per
 * event, a sweep after downtime catches up. Work is set-based, a batch per statement: the flag
 * update, the timeline rows and the inbox fan-out, with one audit record per batch.
 */
export async function sweepDeadlines(deps: SweepDeps, batch = 5000): Promise<SweepResult> {
  const { db, clock } = deps;
  await deps.refreshCalendar?.();
  const total: SweepResult = { warned: 0, overdue: 0, stageOverdue: 0, escalated: 0, coHandlerOverdue: 0, mediationEscalated: 0 };
  for (const flag of FLAGS) {
    for (;;) {
      const n = await db.transaction().execute(async (trx) => ((await holdsSweepLock(trx, flag.action)) ? sweepFlag(trx, deps, flag, clock.now(), batch) : null));
      // Another process is sweeping this flag right now and will finish it.
      if (n === null) break;
      total[flag.key] += n;
      if (n < batch) break;
    }
  }
  total.coHandlerOverdue = (await db.transaction().execute(async (trx) => ((await holdsSweepLock(trx, 'co_handler')) ? sweepCoHandlers(trx, deps, clock.now()) : 0)));
  total.mediationEscalated = await deps.mediation.sweepTimeouts(clock.now());
  return total;
}

/**
 * One process at a time per flag: a transaction-scoped advisory lock, tried, not awaited. Rows are
 * then locked with a plain FOR UPDATE in id order (not SKIP LOCKED): a row held by a user's
 * transition or by another flag's batch is waited for briefly and re-checked, instead of being
 * skipped and left for the next sweep.
 */
async function holdsSweepLock(trx: Executor, name: string): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(hashtext(${`fq.sweep.${name}`})) as ok`.execute(trx);
  return r.rows[0]?.ok === true;
}

async function sweepFlag(trx: Executor, deps: SweepDeps, flag: Flag, now: Date, batch: number): Promise<number> {
  const rows = await sql<{ id: string; county_code: string; grid_code: string; number: string; status: string; due_at: Date; unit_id: string | null }>`
    update event set ${flag.set(now)}
    from (
      select id from event
      where id in (select id from event where ${flag.due(now)} order by ${flag.order} limit ${batch}) and ${flag.due(now)}
      order by id for update
    ) due
    where event.id = due.id
    returning event.id, event.county_code, event.grid_code, event.number, event.status, event.due_at, coalesce(event.lead_unit_id, event.owner_unit_id) as unit_id`.execute(trx);
  const hit = rows.rows;
  if (hit.length === 0) return 0;
  const ids = hit.map((r) => r.id);
  await sql`
    insert into event_transition (county_code, event_id, at, actor_id, actor_name, action, from_status, to_status, note, public_note, unit_id)
    select county_code, id, ${now}, null, '系统', ${flag.action}, status, status, ${flag.note}, ${flag.publicNote}, coalesce(lead_unit_id, owner_unit_id)
    from event where id in (${sql.join(ids)})`.execute(trx);
  if (flag.key === 'overdue') await setEscalation(trx, deps.calendar, hit);
  if (flag.notify) await fanOut(trx, ids, flag.notify, now);
  await deps.audit.record(trx, SYSTEM, { action: `event.sweep.${flag.action}`, entityType: 'event', entityId: `batch:${ids.length}`, areaCode: null, after: { numbers: hit.map((r) => r.number) } });
  return hit.length;
}

/** An event that has just gone overdue goes up to the city if it is still open after the grace period. */
async function setEscalation(trx: Executor, cal: WorkingCalendar, rows: Array<{ id: string; due_at: Date }>) {
  const values = rows.map((r) => sql`(${r.id}::uuid, ${cal.addWorkingDays(new Date(r.due_at), ESCALATE_AFTER_WORKING_DAYS)}::timestamptz)`);
  await sql`update event set escalate_at = v.at from (values ${sql.join(values)}) as v(id, at) where event.id = v.id and event.escalation_level < 2`.execute(trx);
}

/** One inbox row per account of the event's lead (or owning) unit, and per operator watching its area. */
async function fanOut(trx: Executor, ids: string[], n: NonNullable<Flag['notify']>, now: Date) {
  const title = sql`${n.title} || ':' || e.number`;
  await sql`
    insert into notification (user_id, kind, event_id, title, body, created_at)
    select u.id, ${n.kind}, e.id, ${title}, left(e.description, 80), ${now}
    from event e join app_user u on u.unit_id = coalesce(e.lead_unit_id, e.owner_unit_id) and u.status = 'active'
    where e.id in (${sql.join(ids)})`.execute(trx);
  if (!n.operators) return;
  const scopes = n.operators === 'city' ? sql`u.scope_code = substr(e.grid_code, 1, 4) || '00'` : sql`u.scope_code in (substr(e.grid_code, 1, 9), substr(e.grid_code, 1, 6))`;
  await sql`
    insert into notification (user_id, kind, event_id, title, body, created_at)
    select u.id, ${n.kind}, e.id, ${title}, left(e.description, 80), ${now}
    from event e join app_user u on ${scopes} and 'operator' = any(u.roles) and u.status = 'active'
    where e.id in (${sql.join(ids)})`.execute(trx);
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

/** Runs the sweep every `intervalMs` until stopped; a failed sweep is logged and retried next time. */
export function startSweeper(run: () => Promise<SweepResult>, intervalMs: number, log: (err: unknown) => void): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = run().catch(log);
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

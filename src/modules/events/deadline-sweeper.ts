import type { Db, Executor } from '../../db/database.js';
import { WorkingCalendar } from '../../kernel/working-calendar.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditEntry, AuditService } from '../audit/audit.service.js';
import { sweepMediationTimeouts } from '../mediation/mediation-sweep.js';
import type { EscalationDays, SweepFlag, SweptEvent } from './event-sweep.repository.js';
import * as repo from './event-sweep.repository.js';

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

interface Flag extends SweepFlag {
  key: keyof Omit<SweepResult, 'mediationEscalated' | 'coHandlerOverdue'>;
}

/**
 * The four flags, in the order they apply to an event. Which rows are due, and what each sets, is
 * written out in sweepEvents: warn (warned_at), overdue (overdue_at, supervised_at, escalation level
 * 1 and the time it goes up to the city), stage (stage_overdue_at), escalate (level 2).
 */
const FLAGS: Flag[] = [
  {
    key: 'warned',
    ord: 1,
    action: 'warn',
    note: '黄牌预警:即将到期',
    publicNote: null,
    notify: { kind: 'warning', title: '即将到期', operators: null },
  },
  {
    key: 'overdue',
    ord: 2,
    action: 'overdue',
    note: '红牌:已超期,列入督办',
    publicNote: '已超期,督办中',
    notify: { kind: 'overdue', title: '已超期,督办中', operators: 'local' },
  },
  {
    key: 'stageOverdue',
    ord: 3,
    action: 'stage_overdue',
    note: '本环节办理超时',
    publicNote: null,
    notify: { kind: 'warning', title: '环节超时', operators: null },
  },
  {
    key: 'escalated',
    ord: 4,
    action: 'escalate',
    note: '超期未办结,升级至市级督办',
    publicNote: null,
    notify: { kind: 'supervision', title: '超期升级督办', operators: 'city' },
  },
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
  const total: SweepResult = {
    warned: 0,
    overdue: 0,
    stageOverdue: 0,
    escalated: 0,
    coHandlerOverdue: 0,
    mediationEscalated: 0,
  };
  let t = performance.now();
  const part = (name: 'events' | 'coHandlers' | 'mediation') => {
    const at = performance.now();
    deps.onPart?.(name, at - t);
    t = at;
  };
  for (;;) {
    const r = await db
      .transaction()
      .execute(async (trx) =>
        (await holdsSweepLock(trx, 'events')) ? sweepEvents(trx, deps, clock.now(), batch) : null,
      );
    // Another process is sweeping the events right now and will finish them.
    if (r === null) break;
    for (const f of FLAGS) total[f.key] += r.counts[f.key];
    if (!r.more) break;
  }
  part('events');
  total.coHandlerOverdue = await db
    .transaction()
    .execute(async (trx) => ((await holdsSweepLock(trx, 'co_handler')) ? sweepCoHandlers(trx, deps, clock.now()) : 0));
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
function holdsSweepLock(trx: Executor, name: string): Promise<boolean> {
  return repo.trySweepLock(trx, name);
}

/**
 * When an event that goes overdue now would go up to the city: ESCALATE_AFTER_WORKING_DAYS after
 * its deadline, which depends only on the deadline's local (Shanghai) date. The answer for every
 * local date of the last ESCALATION_DAYS days goes to SQL as an array indexed by days since the
 * first one's midnight; an older deadline (a very long outage) gets its time in a second update.
 */
const ESCALATION_DAYS = 400;

function escalationDays(cal: WorkingCalendar, now: Date): EscalationDays {
  const first = WorkingCalendar.instant(
    WorkingCalendar.local(new Date(now.getTime() - ESCALATION_DAYS * DAY_MS)).date,
    0,
  );
  const at: string[] = [];
  for (let t = first.getTime(); t <= now.getTime(); t += DAY_MS)
    at.push(cal.addWorkingDays(new Date(t), ESCALATE_AFTER_WORKING_DAYS).toISOString());
  return { first, at };
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
async function sweepEvents(
  trx: Executor,
  deps: SweepDeps,
  now: Date,
  batch: number,
): Promise<{ counts: Record<Flag['key'], number>; more: boolean }> {
  const days = escalationDays(deps.calendar, now);
  await repo.tuneSweepBatch(trx);
  const swept = await repo.sweepEventBatch(trx, now, batch, days, FLAGS);
  const rows = swept.filter((x) => x.id !== null);
  const more = swept[0]?.more === true;
  const counts = { warned: 0, overdue: 0, stageOverdue: 0, escalated: 0 };
  // Deadlines older than the day table: their escalation time is set here, and the next batch
  // (in this sweep) sends them up if it has passed.
  const missing = rows.filter((x) => x.esc_missing);
  if (missing.length > 0) await setEscalation(trx, deps.calendar, missing);
  const pick: Record<Flag['key'], (x: SweptEvent) => boolean> = {
    warned: (x) => x.w,
    overdue: (x) => x.o,
    stageOverdue: (x) => x.s,
    escalated: (x) => x.x,
  };
  const audits: AuditEntry[] = [];
  for (const f of FLAGS) {
    const hit = rows.filter(pick[f.key]);
    counts[f.key] = hit.length;
    if (hit.length > 0)
      audits.push({
        action: `event.sweep.${f.action}`,
        entityType: 'event',
        entityId: `batch:${hit.length}`,
        areaCode: null,
        after: { numbers: hit.map((x) => x.number) },
      });
  }
  await deps.audit.recordMany(trx, SYSTEM, audits);
  return { counts, more: more || missing.length > 0 };
}

/** The escalation time of events whose deadline fell outside the day table (a deadline moved back during the sweep). */
async function setEscalation(trx: Executor, cal: WorkingCalendar, rows: Array<{ id: string; due_at: Date }>) {
  await repo.setEscalationTimes(
    trx,
    rows.map((r) => ({ id: r.id, at: cal.addWorkingDays(new Date(r.due_at), ESCALATE_AFTER_WORKING_DAYS) })),
  );
}

async function sweepCoHandlers(trx: Executor, deps: SweepDeps, now: Date): Promise<number> {
  const rows = await repo.markCoHandlersOverdue(trx, now);
  if (rows.length === 0) return 0;
  const ids = rows.map((r) => r.id);
  await repo.insertCoHandlerOverdueSteps(trx, ids, now);
  await repo.notifyCoHandlersOverdue(trx, ids, now);
  await deps.audit.record(trx, SYSTEM, {
    action: 'event.sweep.co_handler_overdue',
    entityType: 'event_co_handler',
    entityId: `batch:${ids.length}`,
    areaCode: null,
    after: { ids },
  });
  return ids.length;
}

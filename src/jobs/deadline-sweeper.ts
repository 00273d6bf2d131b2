
import type { Db } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import type { AuditService } from '../services/audit.service.js';

/** Open and not suspended: a suspended event is not flagged while it waits (extending its deadline on resume is for the events issue). */
const RUNNING = ['reported', 'accepted', 'dispatched', 'handling', 'feedback', 'verified'];
const SYSTEM = { userId: null, username: 'system:deadline-sweeper', ip: null };

export interface SweepResult {
  warned: number;
  overdue: number;
}

/**
 * Raises the yellow warning and the red overdue flag of open events whose time has come. Each flag
 * is a column set once, so the sweep is idempotent; `FOR UPDATE SKIP LOCKED` lets several server
 * processes sweep the same database without flagging an event twice; and because it compares with
 * the clock rather than waiting for a timer per event, a sweep after downtime catches up on all of
 * them.
 */
export async function sweepDeadlines(db: Db, clock: Clock, audit: AuditService, batch = 500): Promise<SweepResult> {
  const total: SweepResult = { warned: 0, overdue: 0 };
  for (;;) {
    const now = clock.now();
    const done = await db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('event')
        .select(['id', 'county_code', 'grid_code', 'status', 'warned_at', 'overdue_at', 'warn_at', 'due_at'])
        .where('status', 'in', RUNNING)
        .where((eb) => eb.or([eb.and([eb('warned_at', 'is', null), eb('warn_at', '<=', now)]), eb.and([eb('overdue_at', 'is', null), eb('due_at', '<=', now)])]))
        .orderBy('due_at')
        .limit(batch)
        .forUpdate()
        .skipLocked()
        .execute();
      let warned = 0;
      let overdue = 0;
      for (const e of rows) {
        const warn = e.warned_at === null && e.warn_at <= now;
        const late = e.overdue_at === null && e.due_at <= now;
        await trx
          .updateTable('event')
          .set({ ...(warn ? { warned_at: now } : {}), ...(late ? { overdue_at: now } : {}) })
          .where('id', '=', e.id)
          .execute();
        const steps = [...(warn ? [['warn', '即将到期']] : []), ...(late ? [['overdue', '已超期,督办中']] : [])] as Array<[string, string]>;
        for (const [action, publicNote] of steps) {
          await trx
            .insertInto('event_transition')
            .values({ county_code: e.county_code, event_id: e.id, at: now, actor_id: null, actor_name: SYSTEM.username, action, from_status: e.status, to_status: e.status, note: null, public_note: publicNote })
            .execute();
          await audit.record(trx, SYSTEM, { action: `event.${action}`, entityType: 'event', entityId: e.id, areaCode: e.grid_code, after: { dueAt: e.due_at.toISOString() } });
        }
        if (warn) warned++;
        if (late) overdue++;
      }
      return { count: rows.length, warned, overdue };
    });
    total.warned += done.warned;
    total.overdue += done.overdue;
    if (done.count < batch) return total;
  }
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


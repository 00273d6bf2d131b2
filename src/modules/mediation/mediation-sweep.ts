import type { Db, Executor } from '../../db/database.js';
import type { MediationLevel } from '../../db/schema.js';
import type { WorkingCalendar } from '../../kernel/working-calendar.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditEntry, AuditService } from '../audit/audit.service.js';
import { mediationMove } from './mediation-levels.js';
import type { DueCase, MediationTimeout } from './mediation-sweep.repository.js';
import * as repo from './mediation-sweep.repository.js';

export interface MediationSweepDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  calendar: WorkingCalendar;
}

const SYSTEM = { userId: null, username: 'system:deadline-sweeper', ip: null };
const SYSTEM_NAME = '系统';

/**
 * Moves up every open mediation case whose level ran out of time (四级七天调解法): the same moves as a
 * mediator's "failed" on the case (MediationService), set-based, a batch per transaction. One
 * process at a time (a tried advisory lock); cases held by a mediator's action are skipped until
 * the next sweep. For each batch one statement ends the level, moves the case up (or marks it
 * exhausted at the last level), opens the next level's step with the unit of its kind nearest the
 * grid, writes the timeline row and tells the next level's unit (or the grid's mediators when the
 * level has no unit, or the operators over the grid when the levels are used up); then one audit
 * row per case, as when a mediator acts.
 */
export async function sweepMediationTimeouts(deps: MediationSweepDeps, now: Date, batch = 2000): Promise<number> {
  let moved = 0;
  for (;;) {
    const n = await deps.db.transaction().execute(async (trx) => {
      if (!(await repo.tryLockMediationSweep(trx))) return 0;
      const due = await repo.lockDueCases(trx, now, batch);
      if (due.length > 0) await timeOut(trx, deps, due);
      return due.length;
    });
    moved += n;
    if (n < batch) return moved;
  }
}

async function timeOut(trx: Executor, deps: MediationSweepDeps, cases: readonly DueCase[]) {
  const now = deps.clock.now();
  const moves: MediationTimeout[] = [];
  const audits: AuditEntry[] = [];
  for (const c of cases) {
    const levels = (typeof c.levels === 'string' ? JSON.parse(c.levels) : c.levels) as MediationLevel[];
    const move = mediationMove(levels, { status: c.status, levelIndex: c.level_index }, 'timeout');
    if (move.kind === 'escalated') {
      moves.push({
        event_id: c.event_id,
        from_index: c.level_index,
        kind: 'escalated',
        to_index: move.toIndex,
        to_key: move.to.key,
        unit_kind: move.to.unitKind ?? null,
        due_at: deps.calendar.addWorkingDays(now, move.to.workingDays).toISOString(),
        note: `${move.from.name} → ${move.to.name}(期限届满未化解)`,
        public_note: '已提交上一级调解',
        title: `纠纷升级调解:${c.number}(${move.from.name} → ${move.to.name})`,
        body: c.description.slice(0, 80),
      });
    } else if (move.kind === 'exhausted') {
      moves.push({
        event_id: c.event_id,
        from_index: c.level_index,
        kind: 'exhausted',
        to_index: null,
        to_key: null,
        unit_kind: null,
        due_at: null,
        note: `${move.from.name}调解未成,四级调解用尽,引导诉讼或仲裁`,
        public_note: '调解未成,已引导通过法律途径解决',
        title: `纠纷调解用尽:${c.number}`,
        body: '请引导当事人申请仲裁或诉讼',
      });
    } else continue;
    audits.push({
      action: `mediation.${move.kind}`,
      entityType: 'event',
      entityId: c.event_id,
      areaCode: c.grid_code,
      before: { level: c.level_key },
      after: { move: move.kind },
      reason: null,
    });
  }
  if (moves.length === 0) return;
  await repo.applyTimeouts(trx, moves, now, SYSTEM_NAME);
  await deps.audit.recordMany(trx, SYSTEM, audits);
}

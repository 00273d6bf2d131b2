import type { Executor } from '../../db/database.js';
import type { EventStage } from '../../db/schema.js';
import type { WorkingCalendar } from '../../kernel/working-calendar.js';
import { mostSpecific, type ReferenceCache, type ReferenceData } from '../../lib/reference-cache.js';
import type { EventStatus } from './event-state-machine.js';

/** The stage an event is in while it has a given status; closed, rejected and suspended events have none. */
export function stageOf(status: EventStatus): EventStage | null {
  switch (status) {
    case 'reported':
      return 'accept';
    case 'accepted':
      return 'dispatch';
    case 'dispatched':
    case 'handling':
      return 'handle';
    case 'feedback':
    case 'verified':
      return 'verify';
    default:
      return null;
  }
}

/**
 * Time limits: the whole event's from its category (working days), each stage's from `stage_limit`
 * (the most specific category prefix wins) in working hours or days. The handling stage runs to the
 * event's own deadline, since that is what the handling unit is held to.
 */
export class DeadlinePolicy {
  constructor(
    readonly calendar: WorkingCalendar,
    private readonly warnShare: number,
    private readonly reference: ReferenceCache,
  ) {}

  eventDeadline(from: Date, limitWorkingDays: number): { dueAt: Date; warnAt: Date } {
    const dueAt = this.calendar.addWorkingDays(from, limitWorkingDays);
    return { dueAt, warnAt: this.warnAt(from, dueAt) };
  }

  /** The yellow warning comes when `warnShare` of the working time has passed. */
  warnAt(from: Date, dueAt: Date): Date {
    return this.calendar.addWorkingHours(
      from,
      (this.calendar.workingMinutesBetween(from, dueAt) * this.warnShare) / 60,
    );
  }

  async stageDue(
    trx: Executor,
    categoryCode: string,
    stage: EventStage | null,
    from: Date,
    eventDueAt: Date,
    known?: ReferenceData,
  ): Promise<Date | null> {
    if (!stage) return null;
    if (stage === 'handle') return eventDueAt;
    const ref = known ?? (await this.reference.get(trx));
    const limit = mostSpecific(
      ref.stageLimits.filter((l) => l.stage === stage),
      (l) => l.category_prefix,
      categoryCode,
    );
    if (!limit) return null;
    return limit.unit === 'days'
      ? this.calendar.addWorkingDays(from, limit.amount)
      : this.calendar.addWorkingHours(from, limit.amount);
  }
}

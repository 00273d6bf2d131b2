import type { Db } from '../../db/database.js';
import {
  MAKE_UP_DAY_NAME,
  OFFICIAL_CALENDAR,
  officialDayName,
  type WorkingCalendar,
} from '../../kernel/working-calendar.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../../lib/context.js';
import { AppError } from '../../lib/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import * as days from './calendar.repository.js';
import { type CalendarDayKind, isCalendarDate } from './calendar-day.js';

export { CALENDAR_VERSION_KEY, type CalendarDay, type CalendarDayKind, isCalendarDate } from './calendar-day.js';

const badDate = () => new AppError('unprocessable', 'unprocessable', [{ path: 'date', key: 'calendar_date_invalid' }]);

/**
 * The editable working-day calendar. The rows of calendar_day (official holidays and make-up
 * working days, seeded from OFFICIAL_CALENDAR on first start) are loaded into the one
 * WorkingCalendar that every service computes deadlines with. An edit bumps a version in
 * app_setting; every process reloads when it sees a newer version (on each read or edit here,
 * and whenever the sweeper calls refreshIfChanged). Existing events keep their stored deadlines.
 */
export class CalendarService {
  private loadedVersion: number | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    readonly calendar: WorkingCalendar,
  ) {}

  /**
   * At start: seed the official calendar into a table that is empty and was never edited (an
   * administrator who removed every override keeps it that way), then load it. Safe with several
   * processes starting at once.
   */
  async init(): Promise<void> {
    const any = await days.findAnyCalendarDay(this.db);
    if (!any && (await this.currentVersion()) === 0) {
      const now = this.clock.now();
      const rows = Object.values(OFFICIAL_CALENDAR).flatMap((y) => [
        ...y.holidays.map((day) => ({
          day,
          kind: 'holiday' as const,
          name: officialDayName(day),
          updated_by: null,
          updated_at: now,
        })),
        ...y.makeUpWorkdays.map((day) => ({
          day,
          kind: 'workday' as const,
          name: MAKE_UP_DAY_NAME,
          updated_by: null,
          updated_at: now,
        })),
      ]);
      await days.insertCalendarDaysIfAbsent(this.db, rows);
    }
    await this.load();
  }

  /** Reads the version, then the rows (so the rows are never older than the version noted). */
  async load(): Promise<void> {
    const version = await this.currentVersion();
    const rows = await days.listCalendarDayKinds(this.db);
    this.calendar.replaceDays(
      rows.filter((r) => r.kind === 'holiday').map((r) => r.day),
      rows.filter((r) => r.kind === 'workday').map((r) => r.day),
    );
    this.loadedVersion = version;
  }

  /** One indexed read; reloads only when another process (or this one) has edited the calendar since the last load. */
  async refreshIfChanged(): Promise<boolean> {
    const version = await this.currentVersion();
    if (this.loadedVersion !== null && version === this.loadedVersion) return false;
    await this.load();
    return true;
  }

  private async currentVersion(): Promise<number> {
    const row = await days.findCalendarVersion(this.db);
    return row ? Number(row.value) : 0;
  }

  /** The overrides of one year (rows, in date order) and its number of working days. */
  async year(year: number) {
    await this.refreshIfChanged();
    const rows = await days.listCalendarDaysOfYear(this.db, year);
    return { year, days: rows, workingDays: this.calendar.workingDaysInYear(year) };
  }

  /**
   * Sets a date's override (a holiday, or a make-up working day), or removes it with kind null so
   * the weekend rule applies again. Audited; this process reloads at once, the others on their next check.
   */
  async set(
    actor: Actor,
    date: string,
    kind: CalendarDayKind | null,
    name: string | null,
  ): Promise<{ date: string; kind: CalendarDayKind | null; name: string | null; workingDay: boolean }> {
    if (!isCalendarDate(date)) throw badDate();
    const cleanName = kind ? name?.trim() || null : null;
    await this.db.transaction().execute(async (trx) => {
      // Serialises edits, so the version bump and the audit entry follow the order of the writes.
      await days.lockCalendarEdits(trx);
      const before = await days.findCalendarDay(trx, date);
      const now = this.clock.now();
      if (kind) {
        const row = { day: date, kind, name: cleanName, updated_by: actor.userId, updated_at: now };
        await days.upsertCalendarDay(trx, row);
      } else {
        await days.deleteCalendarDay(trx, date);
      }
      await days.bumpCalendarVersion(trx);
      await this.audit.record(trx, actor, {
        action: 'calendar.set',
        entityType: 'calendar_day',
        entityId: date,
        areaCode: null,
        before: before ? { kind: before.kind, name: before.name } : null,
        after: kind ? { kind, name: cleanName } : null,
      });
    });
    await this.load();
    return { date, kind, name: cleanName, workingDay: this.calendar.isWorkingDay(date) };
  }
}

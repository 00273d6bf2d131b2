import type { Db } from '../../db/database.js';
import { type CalendarCoverage, calendarCoverage, type OfficialCalendar } from '../../kernel/official-calendar.js';
import { WorkingCalendar } from '../../kernel/working-calendar.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../../lib/context.js';
import { AppError } from '../../lib/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import * as days from './calendar.repository.js';
import { type CalendarDay, type CalendarDayKind, isCalendarDate, mergeCalendarDays } from './calendar-day.js';
import { shippedOfficialCalendar } from './official-dataset.js';

export { CALENDAR_VERSION_KEY, type CalendarDay, type CalendarDayKind, isCalendarDate } from './calendar-day.js';

const badDate = () => new AppError('unprocessable', 'unprocessable', [{ path: 'date', key: 'calendar_date_invalid' }]);

/** The coverage of the calendar and the dataset it comes from (health detail, dashboard banner). */
export type CalendarStatus = CalendarCoverage & { dataset: string };

/**
 * The working-day calendar: the official dataset (chinese-days: the State Council's holidays and make-up
 * working days) with administrators' overrides from calendar_day on top, loaded into the one WorkingCalendar
 * that every service computes deadlines with. An edit bumps a version in app_setting; every process reloads
 * when it sees a newer version (on each read or edit here, and whenever the sweeper calls refreshIfChanged).
 * Existing events keep their stored deadlines.
 */
export class CalendarService {
  private loadedVersion: number | null = null;
  /** Years with at least one override, as last loaded. */
  private overrideYears: number[] = [];

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    readonly calendar: WorkingCalendar,
    readonly official: OfficialCalendar = shippedOfficialCalendar(),
  ) {}

  /** At start: load the dataset and the overrides. Nothing is written: the official days live in the dataset. */
  async init(): Promise<void> {
    await this.load();
  }

  /** Reads the version, then the rows (so the rows are never older than the version noted). */
  async load(): Promise<void> {
    const version = await this.currentVersion();
    const rows = await days.listCalendarDayKinds(this.db);
    const kinds = new Map<string, CalendarDayKind>(this.official.days().map((d) => [d.date, d.kind]));
    for (const r of rows) kinds.set(r.day, r.kind);
    const of = (kind: CalendarDayKind) => [...kinds].filter(([, k]) => k === kind).map(([d]) => d);
    this.calendar.replaceDays(of('holiday'), of('workday'));
    this.overrideYears = [...new Set(rows.map((r) => Number(r.day.slice(0, 4))))];
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

  /** A year's official days and overrides, whether the dataset holds the year, and its number of working days. */
  async year(year: number): Promise<{ year: number; official: boolean; days: CalendarDay[]; workingDays: number }> {
    await this.refreshIfChanged();
    const overrides = await days.listCalendarDaysOfYear(this.db, year);
    return {
      year,
      official: this.official.hasYear(year),
      days: mergeCalendarDays(this.official.daysOfYear(year), overrides),
      workingDays: this.calendar.workingDaysInYear(year),
    };
  }

  /** Which years are known (dataset, overrides) and whether administrators must be warned today (Asia/Shanghai). */
  async status(): Promise<CalendarStatus> {
    await this.refreshIfChanged();
    const today = WorkingCalendar.local(this.clock.now()).date;
    return { ...calendarCoverage(today, this.official.years, this.overrideYears), dataset: this.official.source };
  }

  /**
   * Sets a date's override (a holiday, or a make-up working day), or removes it with kind null so the
   * official dataset (or, for an ordinary date, the weekend rule) applies again. Audited; this process reloads at once, the others on their next check.
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

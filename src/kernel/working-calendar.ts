/**
 * Working days by China's official calendar: weekends are off except make-up working days (调休),
 * and official holidays are off. Dates are calendar dates in Asia/Shanghai ('YYYY-MM-DD'); instants
 * are UTC Dates. The official days come from a maintained dataset (official-calendar.ts, loaded by the
 * calendar module) with administrators' overrides on top; this class only does the arithmetic.
 */
/** The days that break the weekend rule: days off on weekdays, make-up working days on weekends. */
export interface CalendarDays {
  holidays: Iterable<string>;
  makeUpWorkdays: Iterable<string>;
}

/** Working periods of a day, minutes after local midnight. Default 09:00–12:00 and 13:30–17:30. */
export type Schedule = Array<[number, number]>;
export const DEFAULT_SCHEDULE: Schedule = [
  [9 * 60, 12 * 60],
  [13 * 60 + 30, 17 * 60 + 30],
];

const SHANGHAI_OFFSET_MS = 8 * 3_600_000; // China has no daylight saving time.

export class WorkingCalendar {
  private readonly holidays = new Set<string>();
  private readonly makeUp = new Set<string>();

  /** With no days given, only the weekend rule (the calendar module loads the official days and overrides). */
  constructor(
    days: CalendarDays = { holidays: [], makeUpWorkdays: [] },
    private readonly schedule: Schedule = DEFAULT_SCHEDULE,
  ) {
    this.replaceDays(days.holidays, days.makeUpWorkdays);
  }

  /**
   * Replaces every holiday and make-up working day at once (the calendar service loads them from
   * the database after an edit). A date in both lists counts as a make-up working day.
   */
  replaceDays(holidays: Iterable<string>, makeUpWorkdays: Iterable<string>): void {
    const h = new Set(holidays);
    const m = new Set(makeUpWorkdays);
    this.holidays.clear();
    this.makeUp.clear();
    for (const d of h) this.holidays.add(d);
    for (const d of m) this.makeUp.add(d);
  }

  /** Working days in a calendar year. */
  workingDaysInYear(year: number): number {
    let n = 0;
    for (let d = `${year}-01-01`; d.startsWith(`${year}-`); d = WorkingCalendar.nextDate(d))
      if (this.isWorkingDay(d)) n++;
    return n;
  }

  isWorkingDay(date: string): boolean {
    if (this.makeUp.has(date)) return true;
    if (this.holidays.has(date)) return false;
    const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
    return dow !== 0 && dow !== 6;
  }

  /** The Asia/Shanghai calendar date and minute of day of an instant. */
  static local(instant: Date): { date: string; minute: number } {
    const shifted = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
    return {
      date: shifted.toISOString().slice(0, 10),
      minute: shifted.getUTCHours() * 60 + shifted.getUTCMinutes() + shifted.getUTCSeconds() / 60,
    };
  }

  static instant(date: string, minute: number): Date {
    return new Date(new Date(`${date}T00:00:00Z`).getTime() + minute * 60_000 - SHANGHAI_OFFSET_MS);
  }

  static nextDate(date: string): string {
    return new Date(new Date(`${date}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);
  }

  /**
   * The deadline of `n` working days from `start`: the end of the n-th working day after the day
   * the clock starts on (so a case received on Friday afternoon with 1 day is due at the close of
   * Monday, or of the next working day after a holiday).
   */
  addWorkingDays(start: Date, n: number): Date {
    if (n <= 0) return start;
    let { date } = WorkingCalendar.local(start);
    let left = n;
    while (left > 0) {
      date = WorkingCalendar.nextDate(date);
      if (this.isWorkingDay(date)) left--;
    }
    return WorkingCalendar.instant(date, this.schedule[this.schedule.length - 1]![1]);
  }

  /** The instant when `hours` of working time have passed after `start`, counting only working periods. */
  addWorkingHours(start: Date, hours: number): Date {
    let left = hours * 60;
    let { date, minute } = WorkingCalendar.local(start);
    for (let guard = 0; guard < 3660; guard++) {
      if (this.isWorkingDay(date)) {
        for (const [from, to] of this.schedule) {
          const begin = Math.max(from, minute);
          if (begin >= to) continue;
          if (begin + left <= to) return WorkingCalendar.instant(date, begin + left);
          left -= to - begin;
        }
      }
      date = WorkingCalendar.nextDate(date);
      minute = 0;
    }
    throw new Error('working-hours deadline is more than ten years away');
  }

  /** Working minutes between two instants (for the share of time used, which drives the yellow warning). */
  workingMinutesBetween(from: Date, to: Date): number {
    if (to <= from) return 0;
    let total = 0;
    let { date, minute } = WorkingCalendar.local(from);
    const end = WorkingCalendar.local(to);
    for (let guard = 0; guard < 3660 && date <= end.date; guard++) {
      if (this.isWorkingDay(date)) {
        for (const [a, b] of this.schedule) {
          const lo = Math.max(a, minute);
          const hi = date === end.date ? Math.min(b, end.minute) : b;
          if (hi > lo) total += hi - lo;
        }
      }
      date = WorkingCalendar.nextDate(date);
      minute = 0;
    }
    return Math.round(total);
  }
}

/**
 * Working days by China's official calendar: weekends are off except make-up working days (调休),
 * and official holidays are off. Dates are calendar dates in Asia/Shanghai ('YYYY-MM-DD'); instants
 * are UTC Dates. The seeded years follow the State Council's holiday notices; the events module
 * keeps the calendar in the database so an administrator can edit it when a notice is published.
 */
export interface CalendarYear {
  holidays: string[];
  makeUpWorkdays: string[];
}

function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d = new Date(d.getTime() + 86_400_000))
    out.push(d.toISOString().slice(0, 10));
  return out;
}

export const OFFICIAL_CALENDAR: Record<number, CalendarYear> = {
  // 国办发明电〔2024〕12号
  2025: {
    holidays: [
      '2025-01-01',
      ...range('2025-01-28', '2025-02-04'),
      ...range('2025-04-04', '2025-04-06'),
      ...range('2025-05-01', '2025-05-05'),
      ...range('2025-05-31', '2025-06-02'),
      ...range('2025-10-01', '2025-10-08'),
    ],
    makeUpWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  // 国办发明电〔2025〕7号
  2026: {
    holidays: [
      ...range('2026-01-01', '2026-01-03'),
      ...range('2026-02-15', '2026-02-23'),
      ...range('2026-04-04', '2026-04-06'),
      ...range('2026-05-01', '2026-05-05'),
      ...range('2026-06-19', '2026-06-21'),
      ...range('2026-09-25', '2026-09-27'),
      ...range('2026-10-01', '2026-10-07'),
    ],
    makeUpWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

/** Working periods of a day, minutes after local midnight. Default 09:00–12:00 and 13:30–17:30. */
export type Schedule = Array<[number, number]>;
export const DEFAULT_SCHEDULE: Schedule = [
  [9 * 60, 12 * 60],
  [13 * 60 + 30, 17 * 60 + 30],
];

const SHANGHAI_OFFSET_MS = 8 * 3_600_000; // China has no daylight saving time.

/** Names of the official days off, by the notices above; make-up working days are named 调休上班. */
const OFFICIAL_NAMES: Array<[from: string, to: string, name: string]> = [
  ['2025-01-01', '2025-01-01', '元旦'],
  ['2025-01-28', '2025-02-04', '春节'],
  ['2025-04-04', '2025-04-06', '清明节'],
  ['2025-05-01', '2025-05-05', '劳动节'],
  ['2025-05-31', '2025-06-02', '端午节'],
  ['2025-10-01', '2025-10-08', '国庆节、中秋节'],
  ['2026-01-01', '2026-01-03', '元旦'],
  ['2026-02-15', '2026-02-23', '春节'],
  ['2026-04-04', '2026-04-06', '清明节'],
  ['2026-05-01', '2026-05-05', '劳动节'],
  ['2026-06-19', '2026-06-21', '端午节'],
  ['2026-09-25', '2026-09-27', '中秋节'],
  ['2026-10-01', '2026-10-07', '国庆节'],
];
export const MAKE_UP_DAY_NAME = '调休上班';

/** The official name of a seeded holiday or make-up day, or null for an ordinary date. */
export function officialDayName(date: string): string | null {
  if (Object.values(OFFICIAL_CALENDAR).some((y) => y.makeUpWorkdays.includes(date))) return MAKE_UP_DAY_NAME;
  return OFFICIAL_NAMES.find(([from, to]) => date >= from && date <= to)?.[2] ?? null;
}

export class WorkingCalendar {
  private readonly holidays = new Set<string>();
  private readonly makeUp = new Set<string>();

  constructor(
    years: Record<number, CalendarYear> = OFFICIAL_CALENDAR,
    private readonly schedule: Schedule = DEFAULT_SCHEDULE,
  ) {
    this.replaceDays(
      Object.values(years).flatMap((y) => y.holidays),
      Object.values(years).flatMap((y) => y.makeUpWorkdays),
    );
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

/**
 * The State Council's holidays and make-up working days (调休上班) as a maintained dataset provides them, and
 * whether the calendar of the current and the next year is known. Pure: the calendar module reads the dataset (the
 * `chinese-days` package) and hands its content in, so the kernel stays free of I/O and the web app's bundle stays
 * free of the data.
 */

export type OfficialDayKind = 'holiday' | 'workday';

export interface OfficialDay {
  date: string;
  kind: OfficialDayKind;
  /** The holiday, in Chinese (元旦, 春节 …); for a make-up working day the holiday it makes up for. */
  holiday: string;
  holidayEn: string;
}

/** What a screen shows for an official day, in both languages. */
export interface OfficialDayLabel {
  name: string;
  nameEn: string;
}

/**
 * The dataset abbreviates three holidays; the State Council's notices name them in full. Other names (the one-off
 * 2015 anniversary, a holiday added later) are shown as the dataset has them.
 */
const FULL_NAMES: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function officialDayLabel(d: Pick<OfficialDay, 'kind' | 'holiday' | 'holidayEn'>): OfficialDayLabel {
  if (d.kind === 'holiday') return { name: d.holiday, nameEn: d.holidayEn };
  return { name: `${d.holiday}调休上班`, nameEn: `Make-up working day (${d.holidayEn})` };
}

export class OfficialCalendar {
  private readonly byDate = new Map<string, OfficialDay>();
  /** The years the dataset holds at least one day of, ascending. */
  readonly years: readonly number[];

  /** `source` names the dataset and its release, for the health detail. */
  constructor(
    days: Iterable<OfficialDay>,
    readonly source = 'unnamed dataset',
  ) {
    for (const d of days) this.byDate.set(d.date, d);
    this.years = [...new Set([...this.byDate.keys()].map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
  }

  /**
   * Reads the `chinese-days` JSON (`dist/chinese-days.json`): `holidays` and `workdays` map a date to
   * "English name,中文名,n". Throws on anything else, so a changed format fails at start, not in a deadline.
   */
  static fromChineseDays(data: unknown, source = 'chinese-days'): OfficialCalendar {
    const days: OfficialDay[] = [];
    for (const [key, kind] of [
      ['holidays', 'holiday'],
      ['workdays', 'workday'],
    ] as const) {
      const part = (data as Record<string, unknown> | null)?.[key];
      if (typeof part !== 'object' || part === null) throw new Error(`chinese-days: "${key}" is missing`);
      for (const [date, value] of Object.entries(part)) {
        const [en, zh] = typeof value === 'string' ? value.split(',') : [];
        if (!DATE.test(date) || !en || !zh) throw new Error(`chinese-days: unreadable ${key} entry ${date}`);
        days.push({ date, kind, holiday: FULL_NAMES[zh] ?? zh, holidayEn: en });
      }
    }
    return new OfficialCalendar(days, source);
  }

  day(date: string): OfficialDay | undefined {
    return this.byDate.get(date);
  }

  hasYear(year: number): boolean {
    return this.years.includes(year);
  }

  /** Every day, in date order. */
  days(): OfficialDay[] {
    return [...this.byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  }

  /** The official days off (a WorkingCalendar takes the dataset as it is). */
  get holidays(): string[] {
    return this.days()
      .filter((d) => d.kind === 'holiday')
      .map((d) => d.date);
  }

  get makeUpWorkdays(): string[] {
    return this.days()
      .filter((d) => d.kind === 'workday')
      .map((d) => d.date);
  }

  daysOfYear(year: number): OfficialDay[] {
    return this.days().filter((d) => d.date.startsWith(`${year}-`));
  }

  /** The same dataset without the years after `last` (what an older release of the dataset held). */
  upTo(last: number): OfficialCalendar {
    return new OfficialCalendar(
      this.days().filter((d) => Number(d.date.slice(0, 4)) <= last),
      this.source,
    );
  }
}

/** Whether the calendar of this year and of the next is known, from the dataset or from administrators' overrides. */
export interface CalendarCoverage {
  /** Today in Asia/Shanghai. */
  today: string;
  /** The first and last year the dataset holds (null: an empty dataset). */
  official: { first: number; last: number } | null;
  /** Years with at least one administrator's override. */
  overrideYears: number[];
  currentYear: number;
  nextYear: number;
  currentYearMissing: boolean;
  nextYearMissing: boolean;
  /** From this date on (1 November, Shanghai) a missing next year is a warning. */
  warnFrom: string;
  /** What administrators should be told now, if anything. */
  warning: 'current-year-missing' | 'next-year-missing' | null;
}

/**
 * The State Council publishes next year's holidays in October or November; until they are loaded, a deadline that
 * crosses New Year silently counts 元旦 and 春节 as working days. So from 1 November a missing next year is a
 * warning, and a missing current year is one at any time. A year counts as present when the dataset holds it or an
 * administrator has entered at least one day of it (entering the notice by hand is the way out before the dataset
 * catches up).
 */
export function calendarCoverage(
  today: string,
  officialYears: readonly number[],
  overrideYears: readonly number[],
): CalendarCoverage {
  const currentYear = Number(today.slice(0, 4));
  const nextYear = currentYear + 1;
  const known = (y: number) => officialYears.includes(y) || overrideYears.includes(y);
  const currentYearMissing = !known(currentYear);
  const nextYearMissing = !known(nextYear);
  const warnFrom = `${currentYear}-11-01`;
  const first = officialYears.length > 0 ? Math.min(...officialYears) : null;
  const last = officialYears.length > 0 ? Math.max(...officialYears) : null;
  return {
    today,
    official: first !== null && last !== null ? { first, last } : null,
    overrideYears: [...overrideYears].sort((a, b) => a - b),
    currentYear,
    nextYear,
    currentYearMissing,
    nextYearMissing,
    warnFrom,
    warning: currentYearMissing
      ? 'current-year-missing'
      : nextYearMissing && today >= warnFrom
        ? 'next-year-missing'
        : null,
  };
}

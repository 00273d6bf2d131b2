import { describe, expect, it } from 'vitest';
import { calendarCoverage, OfficialCalendar, officialDayLabel } from './official-calendar.js';
import { WorkingCalendar } from './working-calendar.js';

/** A small dataset in the chinese-days format: 元旦 2027 with a make-up Sunday, and 清明 abbreviated as the package has it. */
const SAMPLE = {
  holidays: {
    '2027-01-01': "New Year's Day,元旦,1",
    '2026-04-04': 'Tomb-sweeping Day,清明,1',
    '2015-09-03': 'Anti-Fascist 70th Day,中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日,1',
  },
  workdays: { '2027-01-03': "New Year's Day,元旦,1" },
  inLieuDays: { '2027-01-01': "New Year's Day,元旦,1" },
};

describe('OfficialCalendar.fromChineseDays: the dataset adapter', () => {
  const cal = OfficialCalendar.fromChineseDays(SAMPLE, 'sample 1.0');

  it('reads holidays and make-up working days with their names in both languages', () => {
    expect(cal.day('2027-01-01')).toEqual({
      date: '2027-01-01',
      kind: 'holiday',
      holiday: '元旦',
      holidayEn: "New Year's Day",
    });
    expect(cal.day('2027-01-03')).toMatchObject({ kind: 'workday', holiday: '元旦' });
    expect(cal.day('2027-01-02')).toBeUndefined();
    expect(cal.source).toBe('sample 1.0');
  });

  it('names the abbreviated holidays in full, as the State Council does, and keeps other names as given', () => {
    expect(cal.day('2026-04-04')?.holiday).toBe('清明节');
    expect(cal.day('2015-09-03')?.holiday).toBe('中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日');
    const full = OfficialCalendar.fromChineseDays({
      holidays: { '2026-06-19': 'Dragon Boat Festival,端午,1', '2026-09-25': 'Mid-autumn Festival,中秋,1' },
      workdays: {},
    });
    expect(full.days().map((d) => d.holiday)).toEqual(['端午节', '中秋节']);
  });

  it('labels a make-up working day with the holiday it makes up for', () => {
    expect(officialDayLabel(cal.day('2027-01-01')!)).toEqual({ name: '元旦', nameEn: "New Year's Day" });
    expect(officialDayLabel(cal.day('2027-01-03')!)).toEqual({
      name: '元旦调休上班',
      nameEn: "Make-up working day (New Year's Day)",
    });
  });

  it('lists its years and days in order, and drops later years with upTo', () => {
    expect(cal.years).toEqual([2015, 2026, 2027]);
    expect(cal.hasYear(2027)).toBe(true);
    expect(cal.hasYear(2020)).toBe(false);
    expect(cal.days().map((d) => d.date)).toEqual(['2015-09-03', '2026-04-04', '2027-01-01', '2027-01-03']);
    expect(cal.daysOfYear(2027).map((d) => d.date)).toEqual(['2027-01-01', '2027-01-03']);
    const older = cal.upTo(2026);
    expect(older.years).toEqual([2015, 2026]);
    expect(older.source).toBe('sample 1.0');
    expect(cal.years).toEqual([2015, 2026, 2027]); // the original is untouched
  });

  it('feeds a WorkingCalendar directly: 元旦 2027 is off and a deadline crossing it skips it', () => {
    const wc = new WorkingCalendar(cal);
    expect(wc.isWorkingDay('2027-01-01')).toBe(false); // a Friday, off
    expect(wc.isWorkingDay('2027-01-03')).toBe(true); // a Sunday, made up
    // Thursday 31 Dec 2026 + 1 working day: not the holiday Friday but the make-up Sunday, at 17:30 Shanghai.
    const due = wc.addWorkingDays(new Date('2026-12-31T02:00:00Z'), 1);
    expect(due.toISOString()).toBe('2027-01-03T09:30:00.000Z');
    expect(new WorkingCalendar().addWorkingDays(new Date('2026-12-31T02:00:00Z'), 1).toISOString()).toBe(
      '2027-01-01T09:30:00.000Z',
    );
  });

  it('refuses data that is not in the chinese-days format, naming the entry', () => {
    expect(() => OfficialCalendar.fromChineseDays(null)).toThrow('"holidays" is missing');
    expect(() => OfficialCalendar.fromChineseDays({ holidays: {} })).toThrow('"workdays" is missing');
    expect(() => OfficialCalendar.fromChineseDays({ holidays: { '2027-1-1': 'x,元旦,1' }, workdays: {} })).toThrow(
      'unreadable holidays entry 2027-1-1',
    );
    expect(() => OfficialCalendar.fromChineseDays({ holidays: {}, workdays: { '2027-01-03': 42 } })).toThrow(
      'unreadable workdays entry 2027-01-03',
    );
    expect(() =>
      OfficialCalendar.fromChineseDays({ holidays: { '2027-01-01': 'no chinese name' }, workdays: {} }),
    ).toThrow('unreadable holidays entry');
  });
});

describe('calendarCoverage: from 1 November a missing next year is a warning', () => {
  const dataset = [2024, 2025, 2026];

  it('is quiet before 1 November even when next year is missing', () => {
    const c = calendarCoverage('2026-10-31', dataset, []);
    expect(c).toEqual({
      today: '2026-10-31',
      official: { first: 2024, last: 2026 },
      overrideYears: [],
      currentYear: 2026,
      nextYear: 2027,
      currentYearMissing: false,
      nextYearMissing: true,
      warnFrom: '2026-11-01',
      warning: null,
    });
  });

  it('warns from 1 November to 31 December', () => {
    for (const today of ['2026-11-01', '2026-12-07', '2026-12-31'])
      expect(calendarCoverage(today, dataset, []).warning, today).toBe('next-year-missing');
  });

  it('is quiet when the dataset holds next year, or an administrator has entered it', () => {
    expect(calendarCoverage('2026-12-07', [...dataset, 2027], []).warning).toBeNull();
    const entered = calendarCoverage('2026-12-07', dataset, [2027, 2025]);
    expect(entered).toMatchObject({ nextYearMissing: false, warning: null, overrideYears: [2025, 2027] });
  });

  it('warns at any date when the current year itself is missing', () => {
    const c = calendarCoverage('2027-03-15', dataset, []);
    expect(c).toMatchObject({ currentYearMissing: true, nextYearMissing: true, warning: 'current-year-missing' });
    expect(calendarCoverage('2027-11-02', [...dataset, 2027], []).warning).toBe('next-year-missing');
  });

  it('reports an empty dataset as covering nothing', () => {
    expect(calendarCoverage('2026-06-01', [], [2026])).toMatchObject({ official: null, warning: null });
  });
});

import { describe, expect, it } from 'vitest';
import { OFFICIAL_CALENDAR, WorkingCalendar } from './working-calendar.js';

const cal = new WorkingCalendar();
const at = (iso: string) => new Date(iso);
/** Shanghai wall-clock time as an ISO instant (UTC+8). */
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();

describe('working days (China official calendar)', () => {
  it.each([
    ['2026-11-27', true], // Friday
    ['2026-11-28', false], // Saturday
    ['2026-10-01', false], // National Day
    ['2026-10-07', false],
    ['2026-10-08', true],
    ['2026-10-10', true], // make-up Saturday
    ['2026-09-20', true], // make-up Sunday
    ['2026-02-16', false], // Spring Festival
    ['2026-02-14', true], // make-up Saturday
    ['2025-01-26', true], // make-up Sunday
    ['2025-10-08', false],
    ['2025-10-11', true],
    ['2025-05-31', false], // Dragon Boat (a Saturday anyway)
    ['2025-06-02', false], // Dragon Boat Monday
  ])('%s working: %s', (d, w) => expect(cal.isWorkingDay(d)).toBe(w));

  it('gives 2025 its 248 working days, and each year weekdays − weekday holidays + make-up days', () => {
    const count = (year: number) => {
      let n = 0;
      for (let d = `${year}-01-01`; d.startsWith(String(year)); d = WorkingCalendar.nextDate(d)) if (cal.isWorkingDay(d)) n++;
      return n;
    };
    // 365 days − 104 weekend days − holidays on weekdays + make-up days.
    const expected = (year: number) => {
      const y = OFFICIAL_CALENDAR[year]!;
      let weekdays = 0;
      for (let d = `${year}-01-01`; d.startsWith(String(year)); d = WorkingCalendar.nextDate(d)) {
        const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
        if (dow !== 0 && dow !== 6) weekdays++;
      }
      const weekdayHolidays = y.holidays.filter((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())).length;
      return weekdays - weekdayHolidays + y.makeUpWorkdays.length;
    };
    expect(count(2025)).toBe(expected(2025));
    expect(count(2026)).toBe(expected(2026));
    expect(count(2025)).toBe(248);
  });
});

describe('deadlines', () => {
  it('adds working days to the close of the n-th next working day', () => {
    expect(cal.addWorkingDays(at(sh('2026-11-26T10:00')), 1).toISOString()).toBe(sh('2026-11-27T17:30'));
    // Friday + 1 → Monday.
    expect(cal.addWorkingDays(at(sh('2026-11-27T16:00')), 1).toISOString()).toBe(sh('2026-11-30T17:30'));
    // Received on a Saturday, 2 days → Tuesday.
    expect(cal.addWorkingDays(at(sh('2026-11-28T09:00')), 2).toISOString()).toBe(sh('2026-12-01T17:30'));
    // Across National Day: Sept 30 + 1 → Oct 8.
    expect(cal.addWorkingDays(at(sh('2026-09-30T11:00')), 1).toISOString()).toBe(sh('2026-10-08T17:30'));
    // A make-up Saturday counts.
    expect(cal.addWorkingDays(at(sh('2026-10-09T11:00')), 1).toISOString()).toBe(sh('2026-10-10T17:30'));
    // Spring Festival 2026: Feb 13 (Fri) + 1 → Feb 14 (make-up Saturday); + 2 → Feb 24.
    expect(cal.addWorkingDays(at(sh('2026-02-13T09:00')), 2).toISOString()).toBe(sh('2026-02-24T17:30'));
  });

  it('uses Shanghai dates, not UTC dates', () => {
    // 2026-11-26 23:30 in Shanghai is still Thursday there though it is 15:30 UTC.
    expect(cal.addWorkingDays(at(sh('2026-11-26T23:30')), 1).toISOString()).toBe(sh('2026-11-27T17:30'));
    // 00:30 Friday in Shanghai is Thursday 16:30 UTC: the day is Friday.
    expect(cal.addWorkingDays(at(sh('2026-11-27T00:30')), 1).toISOString()).toBe(sh('2026-11-30T17:30'));
  });

  it('adds working hours within the schedule, skipping lunch, nights, weekends and holidays', () => {
    expect(cal.addWorkingHours(at(sh('2026-11-26T10:00')), 1).toISOString()).toBe(sh('2026-11-26T11:00'));
    expect(cal.addWorkingHours(at(sh('2026-11-26T11:30')), 1).toISOString()).toBe(sh('2026-11-26T14:00'));
    expect(cal.addWorkingHours(at(sh('2026-11-26T17:00')), 2).toISOString()).toBe(sh('2026-11-27T10:30'));
    expect(cal.addWorkingHours(at(sh('2026-11-27T17:00')), 1).toISOString()).toBe(sh('2026-11-30T09:30'));
    expect(cal.addWorkingHours(at(sh('2026-11-28T20:00')), 4).toISOString()).toBe(sh('2026-11-30T14:30'));
    expect(cal.addWorkingHours(at(sh('2026-09-30T17:00')), 1).toISOString()).toBe(sh('2026-10-08T09:30'));
  });

  it('measures working minutes between instants', () => {
    expect(cal.workingMinutesBetween(at(sh('2026-11-26T09:00')), at(sh('2026-11-26T17:30')))).toBe(7 * 60);
    expect(cal.workingMinutesBetween(at(sh('2026-11-27T17:00')), at(sh('2026-11-30T09:30')))).toBe(60);
    expect(cal.workingMinutesBetween(at(sh('2026-11-28T10:00')), at(sh('2026-11-29T10:00')))).toBe(0);
    expect(cal.workingMinutesBetween(at(sh('2026-11-30T10:00')), at(sh('2026-11-27T10:00')))).toBe(0);
  });

  it('is consistent: adding h hours then measuring gives h hours', () => {
    for (let i = 0; i < 200; i++) {
      const start = new Date(Date.UTC(2026, 0, 1) + i * 37 * 3_600_000 + i * 7 * 60_000);
      const hours = (i % 23) + 0.5;
      const end = cal.addWorkingHours(start, hours);
      expect(cal.workingMinutesBetween(start, end)).toBe(hours * 60);
    }
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { NOTICE_HOLIDAY_SET, NOTICE_MAKE_UP_SET, NOTICES_2025_2026 } from '../../tests/helpers/official-notices.js';
import { WorkingCalendar } from './working-calendar.js';

const cal = new WorkingCalendar(NOTICES_2025_2026);
/** Shanghai wall-clock time as a Date (UTC+8, no daylight saving). */
const sh = (local: string) => new Date(`${local}+08:00`);
const shIso = (local: string) => sh(local).toISOString();

const weekday = (d: string) => new Date(`${d}T12:00:00Z`).getUTCDay();

/** The dataset is held to the notices in src/modules/calendar/official-dataset.test.ts; here only the arithmetic. */
describe('the calendar of the 2025 and 2026 notices', () => {
  it('matches the weekend rule on every other day of 2025 and 2026', () => {
    let checked = 0;
    for (let d = '2025-01-01'; d < '2027-01-01'; d = WorkingCalendar.nextDate(d)) {
      const expected =
        NOTICE_MAKE_UP_SET.has(d) || (!NOTICE_HOLIDAY_SET.has(d) && weekday(d) !== 0 && weekday(d) !== 6);
      expect(cal.isWorkingDay(d), d).toBe(expected);
      checked++;
    }
    expect(checked).toBe(730);
  });

  it('counts 248 working days in 2025 and in 2026, and the weekdays alone in a year without notice', () => {
    expect(NOTICE_HOLIDAY_SET.size).toBe(28 + 33);
    expect(cal.workingDaysInYear(2025)).toBe(248);
    expect(cal.workingDaysInYear(2026)).toBe(248);
    // With no official days, a year is its weekdays: 2027 starts on a Friday.
    expect(new WorkingCalendar().workingDaysInYear(2027)).toBe(261);
    // 2028 is a leap year starting on a Saturday.
    expect(new WorkingCalendar().workingDaysInYear(2028)).toBe(260);
  });

  it('follows dates beyond the loaded years by the weekend rule', () => {
    expect(cal.isWorkingDay('2027-01-01')).toBe(true); // a Friday: no notice loaded for 2027
    expect(cal.isWorkingDay('2024-12-28')).toBe(false); // a Saturday
  });
});

describe('replaceDays', () => {
  it('swaps every holiday and make-up day at once, leaving the weekend rule', () => {
    const c = new WorkingCalendar(NOTICES_2025_2026);
    c.replaceDays(['2026-12-07'], ['2026-12-05']);
    expect(c.isWorkingDay('2026-12-07')).toBe(false);
    expect(c.isWorkingDay('2026-12-05')).toBe(true);
    expect(c.isWorkingDay('2026-10-01')).toBe(true); // National Day no longer listed: a Thursday
    expect(c.isWorkingDay('2026-02-14')).toBe(false); // no longer a make-up Saturday
    expect(c.addWorkingDays(sh('2026-12-04T10:00'), 1).toISOString()).toBe(shIso('2026-12-05T17:30'));
    c.replaceDays([], []);
    expect(c.workingDaysInYear(2026)).toBe(new WorkingCalendar().workingDaysInYear(2026));
    // Re-running with the same iterable source works (sets are copied before clearing).
    const fresh = new WorkingCalendar();
    fresh.replaceDays(NOTICES_2025_2026.holidays, NOTICES_2025_2026.makeUpWorkdays);
    expect(fresh.workingDaysInYear(2026)).toBe(248);
  });
});

describe('addWorkingDays: the close (17:30) of the n-th working day after the day the clock starts', () => {
  it.each([
    ['Thursday + 1 → Friday', '2026-11-26T10:00', 1, '2026-11-27T17:30'],
    ['early morning counts as that day', '2026-11-26T06:00', 1, '2026-11-27T17:30'],
    ['late evening counts as that day', '2026-11-26T22:00', 1, '2026-11-27T17:30'],
    ['Friday afternoon + 1 → Monday', '2026-11-27T16:00', 1, '2026-11-30T17:30'],
    ['Saturday + 2 → Tuesday', '2026-11-28T09:00', 2, '2026-12-01T17:30'],
    ['Sunday + 1 → Monday', '2026-11-29T15:00', 1, '2026-11-30T17:30'],
    ['Thursday + 7 → next week Monday', '2026-11-26T10:00', 7, '2026-12-07T17:30'],
    ['Thursday + 15 → three weeks on', '2026-11-26T10:00', 15, '2026-12-17T17:30'],
    ['across National Day: Sept 30 + 1 → Oct 8', '2026-09-30T11:00', 1, '2026-10-08T17:30'],
    ['on a holiday: Oct 3 + 1 → Oct 8', '2026-10-03T11:00', 1, '2026-10-08T17:30'],
    ['the make-up Saturday counts: Oct 9 + 1 → Oct 10', '2026-10-09T11:00', 1, '2026-10-10T17:30'],
    ['the make-up Sunday counts: Sept 18 + 1 → Sept 20', '2026-09-18T11:00', 1, '2026-09-20T17:30'],
    ['Mid-Autumn: Sept 24 + 1 → Sept 28', '2026-09-24T11:00', 1, '2026-09-28T17:30'],
    ['Spring Festival: Feb 13 + 1 → make-up Saturday Feb 14', '2026-02-13T09:00', 1, '2026-02-14T17:30'],
    ['Spring Festival: Feb 13 + 2 → Feb 24', '2026-02-13T09:00', 2, '2026-02-24T17:30'],
    ['Spring Festival: Feb 14 + 5 → Feb 28 (make-up Saturday)', '2026-02-14T10:00', 5, '2026-02-28T17:30'],
    ['Spring Festival 2025: Jan 27 + 1 → Feb 5', '2025-01-27T10:00', 1, '2025-02-05T17:30'],
    ['2025 make-up Sunday Jan 26 counts: Jan 24 + 1', '2025-01-24T10:00', 1, '2025-01-26T17:30'],
    ['New Year 2026: Dec 31 + 1 → make-up Sunday Jan 4', '2025-12-31T10:00', 1, '2026-01-04T17:30'],
    ['Labour Day 2026: Apr 30 + 2 → May 7', '2026-04-30T10:00', 2, '2026-05-07T17:30'],
    ['Labour Day 2026: Apr 30 + 4 → make-up Saturday May 9', '2026-04-30T10:00', 4, '2026-05-09T17:30'],
  ])('%s', (_label, start, n, due) => {
    expect(cal.addWorkingDays(sh(start), n).toISOString()).toBe(shIso(due));
  });

  it('returns the start itself for zero or negative days', () => {
    const s = sh('2026-11-26T10:00');
    expect(cal.addWorkingDays(s, 0)).toBe(s);
    expect(cal.addWorkingDays(s, -3)).toBe(s);
  });
});

describe('addWorkingHours: 09:00–12:00 and 13:30–17:30 on working days only', () => {
  it.each([
    ['within the morning', '2026-11-26T10:00', 1, '2026-11-26T11:00'],
    ['up to noon exactly', '2026-11-26T11:00', 1, '2026-11-26T12:00'],
    ['across lunch', '2026-11-26T11:30', 1, '2026-11-26T14:00'],
    ['starting in lunch', '2026-11-26T12:45', 1, '2026-11-26T14:30'],
    ['starting before work', '2026-11-26T07:00', 0.5, '2026-11-26T09:30'],
    ['the whole working day', '2026-11-26T09:00', 7, '2026-11-26T17:30'],
    ['into the evening → next morning', '2026-11-26T17:00', 2, '2026-11-27T10:30'],
    ['starting in the evening', '2026-11-26T19:00', 1, '2026-11-27T10:00'],
    ['starting just after midnight', '2026-11-27T00:01', 3.5, '2026-11-27T14:00'],
    ['Friday evening → Monday', '2026-11-27T17:00', 1, '2026-11-30T09:30'],
    ['Saturday night → Monday afternoon', '2026-11-28T20:00', 4, '2026-11-30T14:30'],
    ['a 4-hour stage from Friday 15:00', '2026-11-27T15:00', 4, '2026-11-30T10:30'],
    ['across National Day', '2026-09-30T17:00', 1, '2026-10-08T09:30'],
    ['into the make-up Saturday', '2026-10-09T17:00', 1, '2026-10-10T09:30'],
    ['into the make-up Sunday Sept 20', '2026-09-18T17:00', 2, '2026-09-20T10:30'],
    ['Spring Festival eve: Feb 13 17:00 + 1 → Feb 14 (make-up)', '2026-02-13T17:00', 1, '2026-02-14T09:30'],
    ['Spring Festival: Feb 14 17:00 + 1 → Feb 24', '2026-02-14T17:00', 1, '2026-02-24T09:30'],
    ['during Spring Festival', '2026-02-18T10:00', 7, '2026-02-24T17:30'],
    ['a whole week of working time', '2026-11-23T09:00', 35, '2026-11-27T17:30'],
  ])('%s', (_label, start, hours, end) => {
    expect(cal.addWorkingHours(sh(start), hours).toISOString()).toBe(shIso(end));
  });

  it('zero hours is the next working instant', () => {
    expect(cal.addWorkingHours(sh('2026-11-26T10:00'), 0).toISOString()).toBe(shIso('2026-11-26T10:00'));
    expect(cal.addWorkingHours(sh('2026-11-26T12:10'), 0).toISOString()).toBe(shIso('2026-11-26T13:30'));
    expect(cal.addWorkingHours(sh('2026-11-28T10:00'), 0).toISOString()).toBe(shIso('2026-11-30T09:00'));
  });

  it('gives up beyond ten years', () => {
    expect(() => cal.addWorkingHours(sh('2026-11-26T10:00'), 7 * 261 * 11)).toThrow(/ten years/);
  });
});

describe('workingMinutesBetween', () => {
  it.each([
    ['a full day', '2026-11-26T09:00', '2026-11-26T17:30', 420],
    ['lunch does not count', '2026-11-26T11:00', '2026-11-26T14:30', 120],
    ['a night', '2026-11-26T17:00', '2026-11-27T09:30', 60],
    ['a weekend', '2026-11-27T17:00', '2026-11-30T09:30', 60],
    ['inside a weekend', '2026-11-28T10:00', '2026-11-29T10:00', 0],
    ['Spring Festival 2026 adds only the make-up days', '2026-02-13T09:00', '2026-02-24T17:30', 3 * 420],
    ['National Day 2026', '2026-09-30T09:00', '2026-10-08T17:30', 2 * 420],
    ['a whole week', '2026-11-23T00:00', '2026-11-30T00:00', 5 * 420],
    ['backwards is zero', '2026-11-30T10:00', '2026-11-27T10:00', 0],
    ['equal is zero', '2026-11-30T10:00', '2026-11-30T10:00', 0],
  ])('%s', (_label, from, to, minutes) => {
    expect(cal.workingMinutesBetween(sh(from), sh(to))).toBe(minutes);
  });

  it('a whole year of working time is 420 minutes per working day', () => {
    expect(cal.workingMinutesBetween(sh('2026-01-01T00:00'), sh('2027-01-01T00:00'))).toBe(248 * 420);
  });
});

describe('addWorkingHours and workingMinutesBetween agree (many instants)', () => {
  /** A deterministic spread of whole-minute instants over 2025–2026, holidays included. */
  const instants = (count: number, seed: number) => {
    const out: Date[] = [];
    let x = seed;
    for (let i = 0; i < count; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      out.push(new Date(Date.UTC(2025, 0, 1) + (x % (729 * 1440)) * 60_000));
    }
    return out;
  };

  it('measuring what was added gives it back', () => {
    const starts = instants(1500, 7);
    starts.forEach((start, i) => {
      const minutes = [1, 30, 89, 180, 210, 420, 421, 600, 1500, 3000][i % 10]!;
      const end = cal.addWorkingHours(start, minutes / 60);
      expect(end.getTime()).toBeGreaterThanOrEqual(start.getTime());
      expect(cal.workingMinutesBetween(start, end), start.toISOString()).toBe(minutes);
      // …and the end is the earliest such instant: a minute before, one working minute is missing.
      expect(cal.workingMinutesBetween(start, new Date(end.getTime() - 60_000))).toBe(minutes - 1);
    });
  });

  it('adding what was measured reaches the latest working instant not after the end', () => {
    const a = instants(800, 11);
    const b = instants(800, 23);
    let unmeasured = 800;
    for (const [i, x] of a.entries()) {
      const [from, to] = x <= b[i]! ? [x, b[i]!] : [b[i]!, x];
      if (to.getTime() - from.getTime() > 60 * 86_400_000) continue; // keep each walk short
      const m = cal.workingMinutesBetween(from, to);
      const reached = cal.addWorkingHours(from, m / 60);
      // Zero minutes lead to the next working instant, which may lie after a non-working end.
      if (m === 0) {
        expect(cal.workingMinutesBetween(from, reached)).toBe(0);
        continue;
      }
      unmeasured--;
      expect(reached.getTime()).toBeLessThanOrEqual(to.getTime());
      expect(cal.workingMinutesBetween(from, reached)).toBe(m);
      expect(cal.workingMinutesBetween(reached, to)).toBe(0);
    }
    expect(unmeasured).toBeLessThan(700); // most pairs did measure working time
  });

  it('is additive: from a to b plus b to c is a to c', () => {
    const xs = instants(600, 5);
    for (let i = 0; i + 2 < xs.length; i += 3) {
      const [p, q, r] = [xs[i]!, xs[i + 1]!, xs[i + 2]!].sort((u, v) => u.getTime() - v.getTime()) as [
        Date,
        Date,
        Date,
      ];
      if (r.getTime() - p.getTime() > 90 * 86_400_000) continue;
      expect(cal.workingMinutesBetween(p, q) + cal.workingMinutesBetween(q, r)).toBe(cal.workingMinutesBetween(p, r));
    }
  });
});

describe('Asia/Shanghai dates whatever the process time zone', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  it('runs these tests with TZ=UTC (vitest.config.ts)', () => {
    expect(process.env.TZ).toBe('UTC');
    expect(new Date('2026-01-01T00:00:00Z').getTimezoneOffset()).toBe(0);
  });

  it('puts 16:00 UTC on the next Shanghai day', () => {
    expect(WorkingCalendar.local(new Date('2026-09-30T15:59:00Z'))).toEqual({
      date: '2026-09-30',
      minute: 23 * 60 + 59,
    });
    expect(WorkingCalendar.local(new Date('2026-09-30T16:00:00Z'))).toEqual({ date: '2026-10-01', minute: 0 });
    expect(WorkingCalendar.local(new Date('2026-12-31T16:00:00Z')).date).toBe('2027-01-01');
    expect(WorkingCalendar.instant('2026-10-01', 0).toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(WorkingCalendar.instant('2026-10-01', 17 * 60 + 30).toISOString()).toBe('2026-10-01T09:30:00.000Z');
  });

  it('counts the day by Shanghai, not by UTC, at the edges of a holiday', () => {
    // Sept 30 23:59 Shanghai (15:59 UTC): still the last working day before National Day.
    expect(cal.addWorkingDays(new Date('2026-09-30T15:59:00Z'), 1).toISOString()).toBe(shIso('2026-10-08T17:30'));
    // Oct 1 00:00 Shanghai is 16:00 UTC on Sept 30: already the holiday.
    expect(cal.addWorkingDays(new Date('2026-09-30T16:00:00Z'), 1).toISOString()).toBe(shIso('2026-10-08T17:30'));
    // Thursday 23:30 Shanghai is 15:30 UTC Thursday; Friday 00:30 Shanghai is 16:30 UTC Thursday.
    expect(cal.addWorkingDays(sh('2026-11-26T23:30'), 1).toISOString()).toBe(shIso('2026-11-27T17:30'));
    expect(cal.addWorkingDays(sh('2026-11-27T00:30'), 1).toISOString()).toBe(shIso('2026-11-30T17:30'));
    // 08:59 and 09:00 Shanghai are 00:59 and 01:00 UTC.
    expect(cal.workingMinutesBetween(new Date('2026-11-26T00:59:00Z'), new Date('2026-11-26T01:01:00Z'))).toBe(1);
    // The last working minute of a day is 09:29–09:30 UTC.
    expect(cal.workingMinutesBetween(new Date('2026-11-26T09:29:00Z'), new Date('2026-11-26T15:59:00Z'))).toBe(1);
  });

  it('gives the same answers when the process runs in another zone', () => {
    const sample = () => [
      cal.addWorkingDays(sh('2026-09-30T23:59'), 1).toISOString(),
      cal.addWorkingHours(sh('2026-02-13T17:00'), 1).toISOString(),
      cal.workingMinutesBetween(sh('2026-11-27T17:00'), sh('2026-11-30T09:30')),
      JSON.stringify(WorkingCalendar.local(new Date('2026-09-30T16:00:00Z'))),
      cal.isWorkingDay('2026-10-10'),
    ];
    const utc = sample();
    for (const tz of ['Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
      process.env.TZ = tz;
      if (tz === 'Asia/Shanghai') expect(new Date('2026-06-01T00:00:00Z').getTimezoneOffset()).toBe(-480); // the switch took effect
      expect(sample(), tz).toEqual(utc);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { NOTICE_HOLIDAYS, NOTICE_MAKE_UP } from '../../../tests/helpers/official-notices.js';
import { officialDayLabel } from '../../kernel/official-calendar.js';
import { shippedOfficialCalendar } from './official-dataset.js';

/** The chinese-days package as installed, held to the State Council's notices that the platform had typed by hand. */
describe('the shipped official dataset (chinese-days)', () => {
  const official = shippedOfficialCalendar();

  it('is read once per process and names its release', () => {
    expect(shippedOfficialCalendar()).toBe(official);
    expect(official.source).toMatch(/^chinese-days \d+\.\d+\.\d+$/);
  });

  it('holds every year from 2004 without a gap, up to at least 2026', () => {
    expect(official.years[0]).toBe(2004);
    const last = official.years[official.years.length - 1]!;
    expect(last).toBeGreaterThanOrEqual(2026);
    expect(official.years).toEqual(Array.from({ length: last - 2003 }, (_, i) => 2004 + i));
  });

  for (const year of [2025, 2026]) {
    it(`has exactly the holidays and make-up working days of the ${year} notice, with their names`, () => {
      const holidays = Object.entries(NOTICE_HOLIDAYS).flatMap(([name, days]) =>
        days.filter((d) => d.startsWith(`${year}-`)).map((d) => [d, name]),
      );
      const makeUp = NOTICE_MAKE_UP.filter(([d]) => d.startsWith(`${year}-`)).map(([d, h]) => [d, `${h}调休上班`]);
      const days = official.daysOfYear(year);
      expect(days.filter((d) => d.kind === 'holiday').map((d) => [d.date, officialDayLabel(d).name])).toEqual(
        holidays.sort(),
      );
      expect(days.filter((d) => d.kind === 'workday').map((d) => [d.date, officialDayLabel(d).name])).toEqual(
        makeUp.sort(),
      );
    });
  }

  it('names 2026 in English too', () => {
    expect(officialDayLabel(official.day('2026-02-17')!)).toEqual({ name: '春节', nameEn: 'Spring Festival' });
    expect(officialDayLabel(official.day('2026-10-10')!)).toEqual({
      name: '国庆节调休上班',
      nameEn: 'Make-up working day (National Day)',
    });
  });
});

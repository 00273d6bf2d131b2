import { describe, expect, it } from 'vitest';
import {
  lastCompleteQuarter,
  monthsIn,
  periodBounds,
  periodLabel,
  previousPeriod,
  quarterOf,
  sameTimeLastYear,
  shanghaiDate,
} from './situation-period.js';

describe('report periods', () => {
  it('finds quarters and their neighbours', () => {
    expect(quarterOf('2026-11-28')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(lastCompleteQuarter('2026-11-28')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(lastCompleteQuarter('2026-02-01')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(previousPeriod({ from: '2026-07-01', to: '2026-09-30' })).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-03-31' })).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod({ from: '2026-11-01', to: '2026-11-10' })).toEqual({ from: '2026-10-22', to: '2026-10-31' });
    expect(sameTimeLastYear({ from: '2024-02-01', to: '2024-02-29' })).toEqual({
      from: '2023-02-01',
      to: '2023-02-28',
    });
    expect(sameTimeLastYear({ from: '2026-07-01', to: '2026-09-30' })).toEqual({
      from: '2025-07-01',
      to: '2025-09-30',
    });
  });
  it('bounds a period in Shanghai time and labels it', () => {
    expect(periodBounds({ from: '2026-07-01', to: '2026-09-30' })).toEqual({
      start: new Date('2026-06-30T16:00:00Z'),
      end: new Date('2026-09-30T16:00:00Z'),
    });
    expect(shanghaiDate(new Date('2026-09-30T16:30:00Z'))).toBe('2026-10-01');
    expect(periodLabel({ from: '2026-07-01', to: '2026-09-30' })).toBe('2026年第三季度');
    expect(periodLabel({ from: '2026-10-01', to: '2026-10-31' })).toBe('2026年10月');
    expect(periodLabel({ from: '2026-10-03', to: '2026-10-31' })).toBe('2026-10-03至2026-10-31');
    expect(monthsIn({ from: '2025-11-15', to: '2026-02-01' })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

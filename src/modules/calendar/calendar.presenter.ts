import type { CalendarDayKind } from './calendar-day.js';

type CalendarDayRow = { day: string; kind: CalendarDayKind; name: string | null };

export function presentCalendarDay(r: CalendarDayRow) {
  return { date: r.day, kind: r.kind, name: r.name };
}

/** A year's overrides and its number of working days; dates not listed follow the weekend rule. */
export function presentCalendarYear(y: { year: number; days: CalendarDayRow[]; workingDays: number }) {
  return { year: y.year, days: y.days.map(presentCalendarDay), workingDays: y.workingDays };
}

import type { CalendarStatus } from './calendar.service.js';
import type { CalendarDay } from './calendar-day.js';

export function presentCalendarDay(d: CalendarDay) {
  return {
    date: d.date,
    kind: d.kind,
    name: d.name,
    nameEn: d.nameEn,
    source: d.source,
    official: d.official && { kind: d.official.kind, name: d.official.name, nameEn: d.official.nameEn },
  };
}

/** A year's official days and overrides and its number of working days; dates not listed follow the weekend rule. */
export function presentCalendarYear(y: { year: number; official: boolean; days: CalendarDay[]; workingDays: number }) {
  return { year: y.year, official: y.official, days: y.days.map(presentCalendarDay), workingDays: y.workingDays };
}

export function presentCalendarStatus(s: CalendarStatus) {
  return {
    today: s.today,
    dataset: s.dataset,
    official: s.official,
    overrideYears: s.overrideYears,
    currentYear: s.currentYear,
    nextYear: s.nextYear,
    currentYearMissing: s.currentYearMissing,
    nextYearMissing: s.nextYearMissing,
    warnFrom: s.warnFrom,
    warning: s.warning,
  };
}

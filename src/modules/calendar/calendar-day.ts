import { type OfficialDay, officialDayLabel } from '../../kernel/official-calendar.js';

/** app_setting key of a counter bumped by every calendar edit; each process reloads when it sees a newer one. */
export const CALENDAR_VERSION_KEY = 'calendar_version';

export type CalendarDayKind = 'holiday' | 'workday';

/** An administrator's override, as stored in calendar_day. */
export interface CalendarOverride {
  day: string;
  kind: CalendarDayKind;
  name: string | null;
}

/** What the official dataset says of a date, named in both languages. */
export interface OfficialEntry {
  kind: CalendarDayKind;
  name: string;
  nameEn: string;
}

/**
 * One date that breaks the weekend rule, as the calendar page shows it: from the official dataset, or from an
 * administrator's override (which wins; `official` then tells what removing the override falls back to).
 */
export interface CalendarDay {
  date: string;
  kind: CalendarDayKind;
  name: string | null;
  nameEn: string | null;
  source: 'official' | 'override';
  official: OfficialEntry | null;
}

function entry(d: OfficialDay): OfficialEntry {
  return { kind: d.kind, ...officialDayLabel(d) };
}

/** The official days and the overrides of one period, merged in date order; an override replaces its date. */
export function mergeCalendarDays(official: OfficialDay[], overrides: CalendarOverride[]): CalendarDay[] {
  const byDate = new Map<string, CalendarDay>();
  for (const d of official) byDate.set(d.date, { date: d.date, ...entry(d), source: 'official', official: entry(d) });
  for (const o of overrides) {
    const below = byDate.get(o.day)?.official ?? null;
    // An override's name is the administrator's own text, the same in both languages.
    byDate.set(o.day, { date: o.day, kind: o.kind, name: o.name, nameEn: o.name, source: 'override', official: below });
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** A real calendar date in 2000–2100, as 'YYYY-MM-DD'. */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const y = Number(s.slice(0, 4));
  if (y < 2000 || y > 2100) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

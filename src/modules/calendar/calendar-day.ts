/** app_setting key of a counter bumped by every calendar edit; each process reloads when it sees a newer one. */
export const CALENDAR_VERSION_KEY = 'calendar_version';

export type CalendarDayKind = 'holiday' | 'workday';
export interface CalendarDay {
  date: string;
  kind: CalendarDayKind;
  name: string | null;
}

/** A real calendar date in 2000–2100, as 'YYYY-MM-DD'. */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const y = Number(s.slice(0, 4));
  if (y < 2000 || y > 2100) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

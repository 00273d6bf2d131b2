/**
 * Report periods as Shanghai calendar dates (YYYY-MM-DD, both ends inclusive) and the UTC instants
 * that bound them. Pure: the situation report and the supervision rules share it, and tests drive
 * it with the injected clock.
 */
export interface Period {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The Shanghai calendar date of an instant. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** [start, end) in UTC for a period: from midnight of `from` to midnight after `to`, Shanghai time. */
export function periodBounds(p: Period): { start: Date; end: Date } {
  return {
    start: new Date(Date.parse(`${p.from}T00:00:00+08:00`)),
    end: new Date(Date.parse(`${p.to}T00:00:00+08:00`) + DAY_MS),
  };
}

export function isDate(s: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(s) &&
    !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
    new Date(`${s}T00:00:00Z`).toISOString().startsWith(s)
  );
}

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

function lastDayOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar quarter containing a date. */
export function quarterOf(date: string): Period {
  const y = Number(date.slice(0, 4));
  const q = Math.floor((Number(date.slice(5, 7)) - 1) / 3);
  return { from: `${y}-${pad(q * 3 + 1)}-01`, to: lastDayOfMonth(y, q * 3 + 3) };
}

export function monthOf(date: string): Period {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return { from: `${y}-${pad(m)}-01`, to: lastDayOfMonth(y, m) };
}

/** The last complete quarter before the one containing `today`: what a quarterly report covers by default. */
export function lastCompleteQuarter(today: string): Period {
  return quarterOf(addDays(quarterOf(today).from, -1));
}

export function lastCompleteMonth(today: string): Period {
  return monthOf(addDays(monthOf(today).from, -1));
}

/** Whole months or quarters shift by calendar months (Q2 → Q1); any other range by its length in days. */
export function previousPeriod(p: Period): Period {
  const months = wholeMonths(p);
  if (months) {
    const start = new Date(Date.parse(`${p.from}T00:00:00Z`));
    start.setUTCMonth(start.getUTCMonth() - months);
    const from = start.toISOString().slice(0, 10);
    const end = new Date(Date.parse(`${p.from}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
    return { from, to: end };
  }
  const days = lengthInDays(p);
  return { from: addDays(p.from, -days), to: addDays(p.to, -days) };
}

/** The same dates a year earlier (29 February becomes 28 February). */
export function sameTimeLastYear(p: Period): Period {
  const back = (d: string) => {
    const y = Number(d.slice(0, 4)) - 1;
    const md = d.slice(5);
    return md === '02-29' ? `${y}-02-28` : `${y}-${md}`;
  };
  const to = wholeMonths(p) ? lastDayOfMonth(Number(p.to.slice(0, 4)) - 1, Number(p.to.slice(5, 7))) : back(p.to);
  return { from: back(p.from), to };
}

export function lengthInDays(p: Period): number {
  return Math.round((Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** The number of whole calendar months a period spans, or 0 when it does not start on a 1st and end on a month's last day. */
function wholeMonths(p: Period): number {
  if (!p.from.endsWith('-01')) return 0;
  if (lastDayOfMonth(Number(p.to.slice(0, 4)), Number(p.to.slice(5, 7))) !== p.to) return 0;
  return (
    (Number(p.to.slice(0, 4)) - Number(p.from.slice(0, 4))) * 12 +
    Number(p.to.slice(5, 7)) -
    Number(p.from.slice(5, 7)) +
    1
  );
}

/** Labels like 2026年第三季度 / 2026年10月 / 2026-10-08至2026-11-20, for titles and summaries. */
export function periodLabel(p: Period): string {
  const months = wholeMonths(p);
  const y = p.from.slice(0, 4);
  if (months === 3 && (Number(p.from.slice(5, 7)) - 1) % 3 === 0)
    return `${y}年第${'一二三四'[(Number(p.from.slice(5, 7)) - 1) / 3]}季度`;
  if (months === 1) return `${y}年${Number(p.from.slice(5, 7))}月`;
  if (months === 12 && p.from.endsWith('-01-01')) return `${y}年`;
  return `${p.from}至${p.to}`;
}

/** The months a period touches, as YYYY-MM, for trend charts. */
export function monthsIn(p: Period): string[] {
  const out: string[] = [];
  let y = Number(p.from.slice(0, 4));
  let m = Number(p.from.slice(5, 7));
  const endKey = p.to.slice(0, 7);
  for (let i = 0; i < 120; i++) {
    const key = `${y}-${pad(m)}`;
    out.push(key);
    if (key === endKey) break;
    m++;
    if (m > 12) (m = 1), y++;
  }
  return out;
}

/**
 * The command dashboard's figures: types, windows and the rate definitions, shared by the stats
 * service, its routes, the map and the quarterly report. Days are Asia/Shanghai calendar days
 * written 'YYYY-MM-DD'; a window is half-open [from, to).
 *
 * Rate definitions (README "Dashboard figures" says the same):
 *  - 按期办结率 on-time closure = events closed in the window with closed_at <= due_at ÷ events closed in
 *    the window. "Closed" = closed or rated now, not a duplicate merged into another event; an event
 *    reopened after an unsatisfied rating counts on the day of its last closing.
 *  - 响应率 response = events first accepted (受理) in the window before the sweeper flagged the
 *    accept stage overdue ÷ events first accepted in the window.
 *  - 解决率 resolution = events closed in the window that the resident did not rate 不满意 ÷ events
 *    closed in the window (the verifier's 核查 stands until a resident says otherwise).
 *  - 满意率 satisfaction = (满意 + 基本满意) ÷ rated, among events closed in the window.
 *  - Funnel: mediation cases finished (resolved or exhausted) in the window. 小事不出村 = resolved at a
 *    level without a unit (grid, village) ÷ finished; 大事不出镇 = resolved at any level up to the
 *    township ÷ finished; 矛盾不上交 = resolved at any level of the policy ÷ finished (1 − exhausted share).
 *  - Open events and the overdue count are the state now: open = running or suspended; overdue =
 *    open and flagged overdue (红牌) by the deadline sweeper.
 */
import type { AreaLevel } from '../../db/schema.js';

export type PeriodKind = 'month' | 'quarter' | 'year';
export type StageKey = 'accept' | 'dispatch' | 'handle' | 'verify' | 'suspended';
export type AreaMeasure = 'open' | 'overdueShare' | 'disputesPer1000' | 'visitCompliance';

export interface Window {
  from: string;
  to: string;
}
export interface Rate {
  numerator: number;
  denominator: number;
  rate: number | null;
}

export interface DayTotals {
  received: number;
  accepted: number;
  responded: number;
  closed: number;
  closedOnTime: number;
  resolved: number;
  ratedSatisfied: number;
  ratedBasic: number;
  ratedUnsatisfied: number;
  overdue: number;
}

export interface CategoryCount extends DayTotals {
  categoryCode: string;
  name: string;
  nameEn: string;
  parentCode: string | null;
}
export interface CategoryChange {
  code: string;
  name: string;
  nameEn: string;
  current: number;
  previous: number;
  change: number;
  changeRate: number | null;
}

export interface FunnelLevel {
  key: string;
  name: string;
  nameEn: string;
  tier: 'village' | 'township';
  resolved: number;
  share: number | null;
}
export interface Funnel {
  finished: number;
  resolved: number;
  exhausted: number;
  village: Rate;
  township: Rate;
  notEscalated: Rate;
  levels: FunnelLevel[];
}

export interface AreaRef {
  code: string;
  name: string;
  level: AreaLevel;
}
export interface ChildRow extends AreaRef {
  received: number;
  closed: number;
  open: number;
  overdue: number;
  onTimeRate: number | null;
  satisfactionRate: number | null;
  disputes: number;
  population: number;
  visitCompliance: number | null;
}
export interface AreaMeasureRow extends AreaRef {
  value: number | null;
  open: number;
  overdue: number;
  overdueShare: number | null;
  disputes: number;
  population: number;
  disputesPer1000: number | null;
  specialTotal: number;
  specialOverdue: number;
  visitCompliance: number | null;
}

export interface RollupLag {
  coveredAt: string | null;
  seconds: number | null;
  pendingTransitions: number;
  registryAt: string | null;
}

export interface Dashboard {
  area: AreaRef & { parentCode: string | null };
  path: AreaRef[];
  now: string;
  today: string;
  period: { kind: PeriodKind; current: Window; previous: Window };
  lag: RollupLag;
  received: { today: number; week: number; month: number };
  open: { total: number; overdue: number; byStage: Array<{ stage: StageKey; n: number; overdue: number }> };
  totals: DayTotals;
  rates: { onTime: Rate; response: Rate; resolution: Rate; satisfaction: Rate };
  funnel: Funnel;
  topCategories: CategoryChange[];
  risingCategories: CategoryChange[];
  trend: {
    daily: Array<{ day: string; received: number; closed: number; overdue: number }>;
    monthly: Array<{ month: string; received: number; closed: number; overdue: number }>;
  };
  visits: { specialTotal: number; overdue: number; compliance: number | null; computedAt: string | null };
  children: ChildRow[];
}

export const STAGE_OF_STATUS: Record<string, StageKey> = {
  reported: 'accept',
  accepted: 'dispatch',
  dispatched: 'handle',
  handling: 'handle',
  feedback: 'verify',
  verified: 'verify',
  suspended: 'suspended',
};
export const STAGES: readonly StageKey[] = ['accept', 'dispatch', 'handle', 'verify', 'suspended'];

export function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, rate: denominator === 0 ? null : numerator / denominator };
}

/** The Asia/Shanghai calendar day of an instant (UTC+8, no daylight saving). */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function addMonths(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1)).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Monday of the day's week (Chinese weeks start on Monday). */
export function weekStart(day: string): string {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((dow + 6) % 7));
}

export function periodStart(day: string, kind: PeriodKind): string {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  const month = kind === 'month' ? m : kind === 'quarter' ? Math.floor((m - 1) / 3) * 3 + 1 : 1;
  return `${y}-${String(month).padStart(2, '0')}-01`;
}

/**
 * The period to date, and the same number of days from the start of the period before it (capped
 * at that period's end): month-to-date against the first as many days of last month, so that
 * "rising" compares like with like.
 */
export function periodWindows(today: string, kind: PeriodKind): { current: Window; previous: Window } {
  const from = periodStart(today, kind);
  const to = addDays(today, 1);
  const prevFrom = addMonths(from, kind === 'month' ? -1 : kind === 'quarter' ? -3 : -12);
  const prevTo = [addDays(prevFrom, daysBetween(from, to)), from].sort()[0]!;
  return { current: { from, to }, previous: { from: prevFrom, to: prevTo } };
}

export function emptyTotals(): DayTotals {
  return {
    received: 0,
    accepted: 0,
    responded: 0,
    closed: 0,
    closedOnTime: 0,
    resolved: 0,
    ratedSatisfied: 0,
    ratedBasic: 0,
    ratedUnsatisfied: 0,
    overdue: 0,
  };
}

export function ratesOf(t: DayTotals): Dashboard['rates'] {
  return {
    onTime: rate(t.closedOnTime, t.closed),
    response: rate(t.responded, t.accepted),
    resolution: rate(t.resolved, t.closed),
    satisfaction: rate(t.ratedSatisfied + t.ratedBasic, t.ratedSatisfied + t.ratedBasic + t.ratedUnsatisfied),
  };
}

/** Categories by how much they grew against the previous window; only those with at least `min` events now. */
export function risingOf(rows: CategoryChange[], min = 3, limit = 5): CategoryChange[] {
  return rows
    .filter((r) => r.change > 0 && r.current >= min)
    .sort((a, b) => b.change - a.change || b.current - a.current)
    .slice(0, limit);
}

export function funnelOf(
  levels: ReadonlyArray<{ key: string; name: string; nameEn: string; unitKind: string | null }>,
  resolvedByLevel: Map<string, number>,
  exhausted: number,
): Funnel {
  const resolved = [...resolvedByLevel.values()].reduce((a, b) => a + b, 0);
  const finished = resolved + exhausted;
  const known = new Set(levels.map((l) => l.key));
  const out: FunnelLevel[] = levels.map((l) => {
    const n = resolvedByLevel.get(l.key) ?? 0;
    return {
      key: l.key,
      name: l.name,
      nameEn: l.nameEn,
      tier: l.unitKind === null ? 'village' : 'township',
      resolved: n,
      share: finished === 0 ? null : n / finished,
    };
  });
  // A level no longer in the policy (edited since) still counts, at the township tier.
  for (const [key, n] of resolvedByLevel)
    if (!known.has(key))
      out.push({
        key,
        name: key,
        nameEn: key,
        tier: 'township',
        resolved: n,
        share: finished === 0 ? null : n / finished,
      });
  const village = out.filter((l) => l.tier === 'village').reduce((a, l) => a + l.resolved, 0);
  return {
    finished,
    resolved,
    exhausted,
    village: rate(village, finished),
    township: rate(resolved, finished),
    notEscalated: rate(finished - exhausted, finished),
    levels: out,
  };
}

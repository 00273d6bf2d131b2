import type { AreaLevel } from '../../db/schema.js';
import { AREA_LEVELS } from '../../kernel/area-code.js';
import type { DashboardRow } from './dashboard.repository.js';
import { DAY_MEASURES } from './rollup-sql.js';
import type { MeasureRow, RegistryRow } from './stats.repository.js';
import {
  type AreaMeasure,
  type AreaMeasureRow,
  type AreaRef,
  addDays,
  addMonths,
  type CategoryChange,
  type CategoryCount,
  type Dashboard,
  type DayTotals,
  emptyTotals,
  funnelOf,
  type PeriodKind,
  ratesOf,
  risingOf,
  STAGE_OF_STATUS,
  STAGES,
  type StageKey,
  type Window,
} from './stats-measures.js';

/** The dashboard's figures as the API shows them, from the roll-up rows (stats.repository.ts, dashboard.repository.ts). */

export type CategoryNames = Map<string, { name: string; nameEn: string; parentCode: string | null }>;

const KEYS: Record<(typeof DAY_MEASURES)[number], keyof DayTotals> = {
  received: 'received',
  accepted: 'accepted',
  responded: 'responded',
  closed: 'closed',
  closed_on_time: 'closedOnTime',
  resolved: 'resolved',
  rated_satisfied: 'ratedSatisfied',
  rated_basic: 'ratedBasic',
  rated_unsatisfied: 'ratedUnsatisfied',
  overdue: 'overdue',
};

export function totalsOf(r: MeasureRow | undefined): DayTotals {
  const t = emptyTotals();
  if (!r) return t;
  for (const m of DAY_MEASURES) t[KEYS[m]] = Number(r[m] ?? 0);
  return t;
}

/** The breadcrumb path: the area's ancestors in scope and the area itself, from the top level down. */
export function presentPath(node: AreaRef, ancestors: AreaRef[]): AreaRef[] {
  return [...ancestors.filter((r) => r.code !== node.code), node]
    .sort((x, y) => AREA_LEVELS.indexOf(x.level) - AREA_LEVELS.indexOf(y.level))
    .map((r) => ({ code: r.code, name: r.name, level: r.level }));
}

export interface DashboardFrame {
  now: Date;
  today: string;
  kind: PeriodKind;
  current: Window;
  previous: Window;
  trendDays: number;
  monthFrom: string;
}

export function presentDashboard(
  row: DashboardRow & { node: NonNullable<DashboardRow['node']> },
  f: DashboardFrame,
  names: CategoryNames,
): Dashboard {
  const { now, today, kind, current, previous, trendDays, monthFrom } = f;
  const node = row.node;
  const path = presentPath(node, row.ancestors);
  const byStage = new Map<StageKey, { n: number; overdue: number }>(STAGES.map((s) => [s, { n: 0, overdue: 0 }]));
  for (const r of row.open) {
    const s = byStage.get(STAGE_OF_STATUS[r.status] ?? 'handle')!;
    s.n += r.n;
    s.overdue += r.overdue;
  }
  const resolvedByLevel = new Map<string, number>();
  let exhausted = 0;
  for (const r of row.mediation) {
    if (r.status === 'exhausted') exhausted += r.n;
    else resolvedByLevel.set(r.level_key, (resolvedByLevel.get(r.level_key) ?? 0) + r.n);
  }
  const changes: CategoryChange[] = row.categories.map(({ code, current: cur, previous: prev }) => {
    const n = names.get(code);
    return {
      code,
      name: n?.name ?? code,
      nameEn: n?.nameEn ?? code,
      current: cur,
      previous: prev,
      change: cur - prev,
      changeRate: prev === 0 ? null : (cur - prev) / prev,
    };
  });
  const days = new Map(row.daily.map((d) => [d.day, d]));
  const months = new Map(row.monthly.map((m) => [m.month, m]));
  const totals = totalsOf(row.totals);
  const me = row.registry;
  const lag = row.lag;
  const covered = lag?.covered_at ? new Date(lag.covered_at) : null;
  const openTotal = row.open.reduce((a, r) => a + r.n, 0);
  return {
    area: { code: node.code, name: node.name, level: node.level, parentCode: node.parentCode },
    path,
    now: now.toISOString(),
    today,
    period: { kind, current, previous },
    lag: {
      coveredAt: covered?.toISOString() ?? null,
      seconds: covered ? Math.max(0, Math.round((now.getTime() - covered.getTime()) / 1000)) : null,
      pendingTransitions: Math.max(0, Number(lag?.top ?? 0) - Number(lag?.seen_id ?? 0)),
      registryAt: lag?.registry_at ? new Date(lag.registry_at).toISOString() : null,
    },
    received: row.received,
    open: {
      total: openTotal,
      overdue: row.open.reduce((a, r) => a + r.overdue, 0),
      byStage: STAGES.map((stage) => ({ stage, ...byStage.get(stage)! })),
    },
    totals,
    rates: ratesOf(totals),
    funnel: funnelOf(row.levels ?? [], resolvedByLevel, exhausted),
    topCategories: changes
      .filter((c) => c.current > 0)
      .sort((a, b) => b.current - a.current || a.code.localeCompare(b.code))
      .slice(0, 10),
    risingCategories: risingOf(changes),
    trend: {
      daily: Array.from({ length: trendDays }, (_, i) => addDays(today, i + 1 - trendDays)).map((day) => {
        const r = days.get(day);
        return { day, received: r?.received ?? 0, closed: r?.closed ?? 0, overdue: r?.overdue ?? 0 };
      }),
      monthly: Array.from({ length: 12 }, (_, i) => addMonths(monthFrom, i).slice(0, 7)).map((month) => {
        const r = months.get(month);
        return { month, received: r?.received ?? 0, closed: r?.closed ?? 0, overdue: r?.overdue ?? 0 };
      }),
    },
    visits: {
      specialTotal: me?.special_total ?? 0,
      overdue: me?.special_overdue ?? 0,
      compliance: me && me.special_total > 0 ? (me.special_total - me.special_overdue) / me.special_total : null,
      computedAt: me ? new Date(me.computed_at).toISOString() : null,
    },
    children: row.children.map((k) => {
      const t = totalsOf(k.totals);
      const rates = ratesOf(t);
      const special = k.special_total ?? 0;
      return {
        code: k.code,
        name: k.name,
        level: k.level,
        received: t.received,
        closed: t.closed,
        open: k.open,
        overdue: k.overdue,
        onTimeRate: rates.onTime.rate,
        satisfactionRate: rates.satisfaction.rate,
        disputes: k.disputes,
        population: k.population ?? 0,
        visitCompliance: special > 0 ? (special - (k.special_overdue ?? 0)) / special : null,
      };
    }),
  };
}

/** Per subcategory, sorted by code, named from the taxonomy. */
export function presentCategoryCounts(
  rows: Array<MeasureRow & { category_code: string }>,
  names: CategoryNames,
): CategoryCount[] {
  const byCode = new Map(rows.map((x) => [x.category_code, totalsOf(x)]));
  return [...byCode.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, t]) => {
      const n = names.get(code);
      return {
        categoryCode: code,
        name: n?.name ?? code,
        nameEn: n?.nameEn ?? code,
        parentCode: n?.parentCode ?? null,
        ...t,
      };
    });
}

/** One area's map measures; `value` is the chosen one. */
export function presentAreaMeasure(
  k: { code: string; name: string; level: AreaLevel },
  measure: AreaMeasure,
  open: Array<{ area_code: string; n: number; overdue: number }>,
  disputeRow: MeasureRow | undefined,
  g: RegistryRow | undefined,
): AreaMeasureRow {
  const o = open.filter((r) => r.area_code === k.code);
  const n = o.reduce((a, r) => a + r.n, 0);
  const overdue = o.reduce((a, r) => a + r.overdue, 0);
  const d = disputeRow ? totalsOf(disputeRow).received : 0;
  const population = g?.population ?? 0;
  const row = {
    ...k,
    open: n,
    overdue,
    overdueShare: n === 0 ? null : overdue / n,
    disputes: d,
    population,
    disputesPer1000: population === 0 ? null : (d * 1000) / population,
    specialTotal: g?.special_total ?? 0,
    specialOverdue: g?.special_overdue ?? 0,
    visitCompliance: g && g.special_total > 0 ? (g.special_total - g.special_overdue) / g.special_total : null,
  };
  return { ...row, value: measure === 'open' ? n : row[measure] };
}

import type { Db } from '../../db/database.js';
import type { AreaLevel } from '../../db/schema.js';
import { inScope, type Scope } from '../../db/scope.js';
import { AREA_LEVELS } from '../../kernel/area-code.js';
import {
  addDays, addMonths, type AreaMeasure, type AreaMeasureRow, type AreaRef, type CategoryChange, type CategoryCount, type Dashboard,
  funnelOf, type PeriodKind, periodWindows, ratesOf, risingOf, shanghaiDay, STAGE_OF_STATUS, STAGES, type StageKey, weekStart, type Window,
} from './stats-measures.js';
import type { Clock } from '../../lib/clock.js';
import { notFound } from '../../lib/errors.js';
import * as q from './stats-queries.js';

export interface DashboardOptions {
  now?: Date;
  period?: PeriodKind;
  /** Days of the daily trend: 30 or 90. */
  trendDays?: number;
}

/** The codes above an area (codes nest by prefix: city 6207·00 ⊃ county 620702 ⊃ township (9) ⊃ village (12) ⊃ grid (15)). */
function ancestorsOf(code: string): string[] {
  return [...new Set([`${code.slice(0, 4)}00`, code.slice(0, 6), code.slice(0, 9), code.slice(0, 12)])].filter((c) => c !== code && c.length <= code.length);
}

/**
 * The command dashboard and the per-area measures of the map, read from the roll-ups that the
 * roll-up job keeps (src/modules/stats/rollup.ts). An area outside the caller's scope is not found.
 */
export class StatsService {
  constructor(private readonly db: Db, private readonly clock: Clock) {}

  /** The area node, if it is in scope; the path from the scope's root down to it, for breadcrumbs. */
  async area(scope: Scope, code: string): Promise<AreaRef & { parentCode: string | null; path: AreaRef[] }> {
    const a = await this.db.selectFrom('area').select(['code', 'name', 'level', 'parent_code']).where('code', '=', code).where(inScope(scope, 'code')).executeTakeFirst();
    if (!a) throw notFound();
    const ancestors = ancestorsOf(code);
    const rows = ancestors.length === 0 ? [] : await this.db.selectFrom('area').select(['code', 'name', 'level']).where('code', 'in', ancestors).where(inScope(scope, 'code')).execute();
    const path = [...rows.filter((r) => r.code !== a.code), a].sort((x, y) => AREA_LEVELS.indexOf(x.level) - AREA_LEVELS.indexOf(y.level)).map((r) => ({ code: r.code, name: r.name, level: r.level }));
    return { code: a.code, name: a.name, level: a.level, parentCode: a.parent_code, path };
  }

  async children(scope: Scope, code: string, level?: AreaLevel): Promise<AreaRef[]> {
    const base = this.db.selectFrom('area').select(['code', 'name', 'level']).where('status', '=', 'active').where(inScope(scope, 'code'));
    const rows = level
      ? await base.where('level', '=', level).where('code', 'like', `${code.length === 6 && code.endsWith('00') ? code.slice(0, 4) : code}%`).orderBy('code').execute()
      : await base.where('parent_code', '=', code).orderBy('code').execute();
    return rows;
  }

  async dashboard(scope: Scope, areaCode: string, opts: DashboardOptions = {}): Promise<Dashboard> {
    const now = opts.now ?? this.clock.now();
    const today = shanghaiDay(now);
    const kind = opts.period ?? 'month';
    const { current, previous } = periodWindows(today, kind);
    const trendDays = opts.trendDays === 90 ? 90 : 30;
    const monthFrom = addMonths(today, -11);
    const names = await this.categoryNames();
    // One statement for every figure (stats-queries.ts dashboardRow); the area must be in scope.
    const row = await q.dashboardRow(this.db, {
      area: areaCode, scopePrefix: scope.prefix, ancestors: ancestorsOf(areaCode), today, week: weekStart(today), month: `${today.slice(0, 7)}-01`,
      current, previous, trendFrom: addDays(today, 1 - trendDays), monthFrom, nextMonth: addMonths(today, 1),
    });
    const node = row.node;
    if (!node) throw notFound();
    const path = [...row.ancestors.filter((r) => r.code !== node.code), node]
      .sort((x, y) => AREA_LEVELS.indexOf(x.level) - AREA_LEVELS.indexOf(y.level))
      .map((r) => ({ code: r.code, name: r.name, level: r.level }));
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
      return { code, name: n?.name ?? code, nameEn: n?.nameEn ?? code, current: cur, previous: prev, change: cur - prev, changeRate: prev === 0 ? null : (cur - prev) / prev };
    });
    const days = new Map(row.daily.map((d) => [d.day, d]));
    const months = new Map(row.monthly.map((m) => [m.month, m]));
    const totals = q.totalsOf(row.totals);
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
        coveredAt: covered?.toISOString() ?? null, seconds: covered ? Math.max(0, Math.round((now.getTime() - covered.getTime()) / 1000)) : null,
        pendingTransitions: Math.max(0, Number(lag?.top ?? 0) - Number(lag?.seen_id ?? 0)), registryAt: lag?.registry_at ? new Date(lag.registry_at).toISOString() : null,
      },
      received: row.received,
      open: {
        total: openTotal, overdue: row.open.reduce((a, r) => a + r.overdue, 0),
        byStage: STAGES.map((stage) => ({ stage, ...byStage.get(stage)! })),
      },
      totals,
      rates: ratesOf(totals),
      funnel: funnelOf(row.levels ?? [], resolvedByLevel, exhausted),
      topCategories: changes.filter((c) => c.current > 0).sort((a, b) => b.current - a.current || a.code.localeCompare(b.code)).slice(0, 10),
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
        specialTotal: me?.special_total ?? 0, overdue: me?.special_overdue ?? 0,
        compliance: me && me.special_total > 0 ? (me.special_total - me.special_overdue) / me.special_total : null, computedAt: me ? new Date(me.computed_at).toISOString() : null,
      },
      children: row.children.map((k) => {
        const t = q.totalsOf(k.totals);
        const rates = ratesOf(t);
        const special = k.special_total ?? 0;
        return {
          code: k.code, name: k.name, level: k.level, received: t.received, closed: t.closed, open: k.open, overdue: k.overdue,
          onTimeRate: rates.onTime.rate, satisfactionRate: rates.satisfaction.rate, disputes: k.disputes,
          population: k.population ?? 0, visitCompliance: special > 0 ? (special - (k.special_overdue ?? 0)) / special : null,
        };
      }),
    };
  }

  /** Per subcategory over [from, to) (Shanghai days): every roll-up measure, for reports and exports. */
  async countsByCategory(scope: Scope, areaCode: string, from: string, to: string): Promise<CategoryCount[]> {
    await this.area(scope, areaCode);
    const [rows, names] = await Promise.all([q.byCategory(this.db, areaCode, { from, to }), this.categoryNames()]);
    return [...rows.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([code, t]) => {
      const n = names.get(code);
      return { categoryCode: code, name: n?.name ?? code, nameEn: n?.nameEn ?? code, parentCode: n?.parentCode ?? null, ...t };
    });
  }

  /**
   * One row per child of `parentCode` (or per descendant at `level`), with every measure the map
   * colours by; `value` is the chosen one. Disputes are events of category 01 received in the window.
   */
  async byArea(scope: Scope, parentCode: string, measure: AreaMeasure, window: Window, opts: { level?: AreaLevel } = {}): Promise<AreaMeasureRow[]> {
    await this.area(scope, parentCode);
    const kids = await this.children(scope, parentCode, opts.level);
    const codes = kids.map((k) => k.code);
    const [disputes, open, reg] = await Promise.all([q.totalsByArea(this.db, codes, window, await this.disputeCodes()), q.openByStatus(this.db, codes), q.registry(this.db, codes)]);
    return kids.map((k) => {
      const o = open.filter((r) => r.area_code === k.code);
      const n = o.reduce((a, r) => a + r.n, 0);
      const overdue = o.reduce((a, r) => a + r.overdue, 0);
      const g = reg.get(k.code);
      const d = disputes.get(k.code)?.received ?? 0;
      const population = g?.population ?? 0;
      const row = {
        ...k, open: n, overdue, overdueShare: n === 0 ? null : overdue / n, disputes: d, population, disputesPer1000: population === 0 ? null : (d * 1000) / population,
        specialTotal: g?.special_total ?? 0, specialOverdue: g?.special_overdue ?? 0, visitCompliance: g && g.special_total > 0 ? (g.special_total - g.special_overdue) / g.special_total : null,
      };
      return { ...row, value: measure === 'open' ? n : row[measure] };
    });
  }

  /** The subcategories of 01 矛盾纠纷: "disputes" on the dashboard and the map. */
  private async disputeCodes(): Promise<string[]> {
    return [...(await this.categoryNames()).entries()].filter(([, v]) => v.parentCode === '01').map(([k]) => k);
  }

  private names: Promise<Map<string, { name: string; nameEn: string; parentCode: string | null }>> | null = null;
  /** The taxonomy is fixed by migration, so it is read once. */
  categoryNames() {
    this.names ??= this.db.selectFrom('event_category').select(['code', 'name', 'name_en', 'parent_code']).execute()
      .then((rows) => new Map(rows.map((r) => [r.code, { name: r.name, nameEn: r.name_en, parentCode: r.parent_code }])));
    return this.names;
  }
}

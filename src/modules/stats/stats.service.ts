import type { Db } from '../../db/database.js';
import type { AreaLevel } from '../../db/schema.js';
import type { Scope } from '../../db/scope.js';
import type { Clock } from '../../lib/clock.js';
import { notFound } from '../../lib/errors.js';
import {
  type CategoryNames,
  presentAreaMeasure,
  presentCategoryCounts,
  presentDashboard,
  presentPath,
} from './dashboard.presenter.js';
import * as dashboardRepo from './dashboard.repository.js';
import * as repo from './stats.repository.js';
import {
  type AreaMeasure,
  type AreaMeasureRow,
  type AreaRef,
  addDays,
  addMonths,
  type CategoryCount,
  type Dashboard,
  type PeriodKind,
  periodWindows,
  shanghaiDay,
  type Window,
  weekStart,
} from './stats-measures.js';

export interface DashboardOptions {
  now?: Date;
  period?: PeriodKind;
  /** Days of the daily trend: 30 or 90. */
  trendDays?: number;
}

/** The codes above an area (codes nest by prefix: city 6207·00 ⊃ county 620702 ⊃ township (9) ⊃ village (12) ⊃ grid (15)). */
function ancestorsOf(code: string): string[] {
  return [...new Set([`${code.slice(0, 4)}00`, code.slice(0, 6), code.slice(0, 9), code.slice(0, 12)])].filter(
    (c) => c !== code && c.length <= code.length,
  );
}

/**
 * The command dashboard and the per-area measures of the map, read from the roll-ups that the
 * roll-up job keeps (src/modules/stats/rollup.ts). An area outside the caller's scope is not found.
 */
export class StatsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** The area node, if it is in scope; the path from the scope's root down to it, for breadcrumbs. */
  async area(scope: Scope, code: string): Promise<AreaRef & { parentCode: string | null; path: AreaRef[] }> {
    const a = await repo.findAreaInScope(this.db, scope, code);
    if (!a) throw notFound();
    const ancestors = ancestorsOf(code);
    const rows = ancestors.length === 0 ? [] : await repo.listAreasInScope(this.db, scope, ancestors);
    return { code: a.code, name: a.name, level: a.level, parentCode: a.parent_code, path: presentPath(a, rows) };
  }

  async children(scope: Scope, code: string, level?: AreaLevel): Promise<AreaRef[]> {
    return repo.listChildAreas(this.db, scope, code, level);
  }

  async dashboard(scope: Scope, areaCode: string, opts: DashboardOptions = {}): Promise<Dashboard> {
    const now = opts.now ?? this.clock.now();
    const today = shanghaiDay(now);
    const kind = opts.period ?? 'month';
    const { current, previous } = periodWindows(today, kind);
    const trendDays = opts.trendDays === 90 ? 90 : 30;
    const monthFrom = addMonths(today, -11);
    const names = await this.categoryNames();
    // One statement for every figure (dashboard.repository.ts dashboardRow); the area must be in scope.
    const row = await dashboardRepo.dashboardRow(this.db, {
      area: areaCode,
      scope,
      ancestors: ancestorsOf(areaCode),
      today,
      week: weekStart(today),
      month: `${today.slice(0, 7)}-01`,
      current,
      previous,
      trendFrom: addDays(today, 1 - trendDays),
      monthFrom,
      nextMonth: addMonths(today, 1),
    });
    const node = row.node;
    if (!node) throw notFound();
    return presentDashboard({ ...row, node }, { now, today, kind, current, previous, trendDays, monthFrom }, names);
  }

  /** Per subcategory over [from, to) (Shanghai days): every roll-up measure, for reports and exports. */
  async countsByCategory(scope: Scope, areaCode: string, from: string, to: string): Promise<CategoryCount[]> {
    await this.area(scope, areaCode);
    const [rows, names] = await Promise.all([repo.byCategory(this.db, areaCode, { from, to }), this.categoryNames()]);
    return presentCategoryCounts(rows, names);
  }

  /**
   * One row per child of `parentCode` (or per descendant at `level`), with every measure the map
   * colours by; `value` is the chosen one. Disputes are events of category 01 received in the window.
   */
  async byArea(
    scope: Scope,
    parentCode: string,
    measure: AreaMeasure,
    window: Window,
    opts: { level?: AreaLevel } = {},
  ): Promise<AreaMeasureRow[]> {
    await this.area(scope, parentCode);
    const kids = await this.children(scope, parentCode, opts.level);
    const codes = kids.map((k) => k.code);
    const [disputes, open, reg] = await Promise.all([
      repo.totalsByArea(this.db, codes, window, await this.disputeCodes()),
      repo.openByStatus(this.db, codes),
      repo.registry(this.db, codes),
    ]);
    return kids.map((k) => presentAreaMeasure(k, measure, open, disputes.get(k.code), reg.get(k.code)));
  }

  /** The subcategories of 01 矛盾纠纷: "disputes" on the dashboard and the map. */
  private async disputeCodes(): Promise<string[]> {
    return [...(await this.categoryNames()).entries()].filter(([, v]) => v.parentCode === '01').map(([k]) => k);
  }

  private names: Promise<CategoryNames> | null = null;

  /** The taxonomy is fixed by migration, so it is read once. */
  categoryNames() {
    this.names ??= repo
      .listCategoryNames(this.db)
      .then(
        (rows) => new Map(rows.map((r) => [r.code, { name: r.name, nameEn: r.name_en, parentCode: r.parent_code }])),
      );
    return this.names;
  }
}

import type { Db } from '../../db/database.js';
import type { Scope } from '../../db/scope.js';
import { subtreePrefix } from '../../kernel/area-code.js';
import { levelFunnel } from '../mediation/mediation-levels.js';
import type { Clock } from '../../lib/clock.js';
import { findArea } from '../areas/area.repository.js';
import { invalidField, notFound } from '../../lib/errors.js';
import { lastCompleteQuarter, monthsIn, type Period, periodBounds, periodLabel, previousPeriod, sameTimeLastYear, shanghaiDate } from './situation-period.js';
import * as q from './situation-queries.js';
import { situationSummary } from './situation-summary.js';

/** Change from a base: null when there is no base to compare with. */
export const change = (cur: number, base: number): number | null => (base === 0 ? null : (cur - base) / base);

export type SituationReport = Awaited<ReturnType<SituationService['report']>>;

/**
 * 形势研判: one area, one period (the last complete quarter by default), compared with the period
 * before and the same period last year. Numbers come from the event rows; the summary is a template
 * filled from those numbers, so it never says what the tables do not.
 */
export class SituationService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async report(scope: Scope, input: { areaCode?: string; from?: string; to?: string }) {
    const area = await findArea(this.db, scope, input.areaCode ?? scope.code);
    if (!area) throw notFound();
    const period = this.periodOf(input);
    const previous = previousPeriod(period);
    const lastYear = sameTimeLastYear(period);
    const [cur, prev, ly] = [period, previous, lastYear].map(periodBounds) as [q.Window, q.Window, q.Window];
    const prefix = subtreePrefix(area.code, area.level);

    const [cats, monthly, monthlyLy, grids, places, addresses, mediation, units, totals, categories] = await Promise.all([
      q.categoryCounts(this.db, prefix, cur, prev, ly),
      q.monthlyCounts(this.db, prefix, cur),
      q.monthlyCounts(this.db, prefix, ly),
      q.gridHotspots(this.db, prefix, cur),
      q.placeHotspots(this.db, prefix, cur),
      q.addressHotspots(this.db, prefix, cur),
      q.mediationOutcomes(this.db, prefix, cur),
      q.overdueUnits(this.db, prefix, cur),
      q.windowTotals(this.db, prefix, cur),
      this.db.selectFrom('event_category').select(['code', 'name', 'name_en', 'parent_code', 'sort']).orderBy('code').execute(),
    ]);
    const names = new Map(categories.map((c) => [c.code, c]));

    // Top-level groups: every group listed, even with no events, so periods line up in the charts.
    const groups = categories
      .filter((c) => !c.parent_code)
      .map((g) => {
        const rows = cats.filter((r) => r.code.startsWith(g.code));
        const sum = (k: 'cur' | 'prev' | 'ly') => rows.reduce((a, r) => a + r[k], 0);
        const c = sum('cur');
        return { code: g.code, name: g.name, nameEn: g.name_en, current: c, previous: sum('prev'), lastYear: sum('ly'), change: change(c, sum('prev')), yoy: change(c, sum('ly')) };
      });
    const sub = cats.map((r) => ({ code: r.code, name: names.get(r.code)?.name ?? r.code, nameEn: names.get(r.code)?.name_en ?? r.code, current: r.cur, previous: r.prev, lastYear: r.ly }));
    // Rising: more than in the period before, ranked by the increase, then by the ratio.
    const rising = sub
      .filter((r) => r.current > r.previous)
      .map((r) => ({ ...r, increase: r.current - r.previous, change: change(r.current, r.previous), yoy: change(r.current, r.lastYear) }))
      .sort((a, b) => b.increase - a.increase || (b.change ?? Infinity) - (a.change ?? Infinity) || a.code.localeCompare(b.code))
      .slice(0, 5);
    const topCategories = sub.filter((r) => r.current > 0).sort((a, b) => b.current - a.current || a.code.localeCompare(b.code)).slice(0, 5);

    const resolvedByLevel: Record<string, number> = {};
    let open = 0;
    let exhausted = 0;
    let withdrawn = 0;
    for (const r of mediation.rows) {
      if (r.status === 'open') open += r.n;
      if (r.status === 'exhausted') exhausted += r.n;
      if (r.status === 'withdrawn') withdrawn += r.n;
      if (r.status === 'resolved' && r.level) resolvedByLevel[r.level] = (resolvedByLevel[r.level] ?? 0) + r.n;
    }
    const caseTotal = mediation.rows.reduce((a, r) => a + r.n, 0);
    const funnel = levelFunnel(mediation.levels, { resolvedByLevel, exhausted });

    const current = cats.reduce((a, r) => a + r.cur, 0);
    const previousTotal = cats.reduce((a, r) => a + r.prev, 0);
    const lastYearTotal = cats.reduce((a, r) => a + r.ly, 0);
    const body = {
      area: { code: area.code, name: area.name, level: area.level },
      period: { ...period, label: periodLabel(period) },
      previous: { ...previous, label: periodLabel(previous) },
      lastYear: { ...lastYear, label: periodLabel(lastYear) },
      generatedAt: this.clock.now().toISOString(),
      totals: {
        current,
        previous: previousTotal,
        lastYear: lastYearTotal,
        change: change(current, previousTotal),
        yoy: change(current, lastYearTotal),
        disputes: cats.reduce((a, r) => a + r.disputes, 0),
        closed: totals.closed,
        overdue: totals.overdue,
        rated: totals.rated,
        unsatisfied: totals.unsatisfied,
      },
      categories: groups,
      topCategories,
      rising,
      trend: monthsIn(period).map((m) => ({ month: m, current: monthly.get(m) ?? 0, lastYear: monthlyLy.get(`${Number(m.slice(0, 4)) - 1}${m.slice(4)}`) ?? 0 })),
      hotspots: { grids, places, addresses },
      mediation: { total: caseTotal, open, exhausted, withdrawn, levels: funnel },
      overdueUnits: units,
    };
    return { ...body, summary: situationSummary(body) };
  }

  private periodOf(input: { from?: string; to?: string }): Period {
    if (!input.from && !input.to) return lastCompleteQuarter(shanghaiDate(this.clock.now()));
    if (!input.from) throw invalidField('from', 'required');
    if (!input.to) throw invalidField('to', 'required');
    if (input.to < input.from) throw invalidField('to', 'must not be before from');
    if (Date.parse(input.to) - Date.parse(input.from) > 3 * 366 * 86_400_000) throw invalidField('to', 'at most three years');
    return { from: input.from, to: input.to };
  }
}

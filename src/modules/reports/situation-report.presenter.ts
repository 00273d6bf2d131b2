import type { AreaLevel } from '../../db/schema.js';
import { levelFunnel } from '../mediation/mediation-levels.js';
import type * as repo from './situation.repository.js';
import { monthsIn, type Period, periodLabel } from './situation-period.js';
import { situationSummary } from './situation-summary.js';

/** Change from a base: null when there is no base to compare with. */
export const change = (cur: number, base: number): number | null => (base === 0 ? null : (cur - base) / base);

type Rows<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

/** What the report is made of: the area, the three periods and the rows of situation.repository.ts. */
export interface SituationRows {
  area: { code: string; name: string; level: AreaLevel };
  period: Period;
  previous: Period;
  lastYear: Period;
  generatedAt: Date;
  cats: Rows<typeof repo.categoryCounts>;
  monthly: Rows<typeof repo.monthlyCounts>;
  monthlyLy: Rows<typeof repo.monthlyCounts>;
  grids: Rows<typeof repo.gridHotspots>;
  places: Rows<typeof repo.placeHotspots>;
  addresses: Rows<typeof repo.addressHotspots>;
  mediation: Rows<typeof repo.mediationOutcomes>;
  units: Rows<typeof repo.overdueUnits>;
  totals: Rows<typeof repo.windowTotals>;
  categories: Rows<typeof repo.listCategories>;
}

export type SituationReport = ReturnType<typeof presentSituationReport>;

/** The report's body (GET /api/reports/situation; the DOCX and PDF render the same) with its generated summary. */
export function presentSituationReport(x: SituationRows) {
  const {
    area,
    period,
    previous,
    lastYear,
    cats,
    monthly,
    monthlyLy,
    grids,
    places,
    addresses,
    mediation,
    units,
    totals,
    categories,
  } = x;
  const names = new Map(categories.map((c) => [c.code, c]));

  // Top-level groups: every group listed, even with no events, so periods line up in the charts.
  const groups = categories
    .filter((c) => !c.parent_code)
    .map((g) => {
      const rows = cats.filter((r) => r.code.startsWith(g.code));
      const sum = (k: 'cur' | 'prev' | 'ly') => rows.reduce((a, r) => a + r[k], 0);
      const c = sum('cur');
      return {
        code: g.code,
        name: g.name,
        nameEn: g.name_en,
        current: c,
        previous: sum('prev'),
        lastYear: sum('ly'),
        change: change(c, sum('prev')),
        yoy: change(c, sum('ly')),
      };
    });
  const sub = cats.map((r) => ({
    code: r.code,
    name: names.get(r.code)?.name ?? r.code,
    nameEn: names.get(r.code)?.name_en ?? r.code,
    current: r.cur,
    previous: r.prev,
    lastYear: r.ly,
  }));
  // Rising: more than in the period before, ranked by the increase, then by the ratio.
  const rising = sub
    .filter((r) => r.current > r.previous)
    .map((r) => ({
      ...r,
      increase: r.current - r.previous,
      change: change(r.current, r.previous),
      yoy: change(r.current, r.lastYear),
    }))
    .sort(
      (a, b) =>
        b.increase - a.increase || (b.change ?? Infinity) - (a.change ?? Infinity) || a.code.localeCompare(b.code),
    )
    .slice(0, 5);
  const topCategories = sub
    .filter((r) => r.current > 0)
    .sort((a, b) => b.current - a.current || a.code.localeCompare(b.code))
    .slice(0, 5);

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
    generatedAt: x.generatedAt.toISOString(),
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
    trend: monthsIn(period).map((m) => ({
      month: m,
      current: monthly.get(m) ?? 0,
      lastYear: monthlyLy.get(`${Number(m.slice(0, 4)) - 1}${m.slice(4)}`) ?? 0,
    })),
    hotspots: { grids, places, addresses },
    mediation: { total: caseTotal, open, exhausted, withdrawn, levels: funnel },
    overdueUnits: units,
  };
  return { ...body, summary: situationSummary(body) };
}

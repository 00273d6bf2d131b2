import type { Db } from '../../db/database.js';
import { type Scope, scopeOf } from '../../db/scope.js';
import type { Clock } from '../../lib/clock.js';
import { invalidField, notFound } from '../../lib/errors.js';
import * as q from './situation.repository.js';
import {
  lastCompleteQuarter,
  type Period,
  periodBounds,
  previousPeriod,
  sameTimeLastYear,
  shanghaiDate,
} from './situation-period.js';
import { presentSituationReport, type SituationReport } from './situation-report.presenter.js';

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

  async report(scope: Scope, input: { areaCode?: string; from?: string; to?: string }): Promise<SituationReport> {
    const area = await q.findReportArea(this.db, scope, input.areaCode ?? scope.code);
    if (!area) throw notFound();
    const period = this.periodOf(input);
    const previous = previousPeriod(period);
    const lastYear = sameTimeLastYear(period);
    const [cur, prev, ly] = [period, previous, lastYear].map(periodBounds) as [q.Window, q.Window, q.Window];
    // Every query is bounded by the area's subtree, as a scope of its own.
    const subtree = scopeOf(area.code, area.level);

    const [cats, monthly, monthlyLy, grids, places, addresses, mediation, units, totals, categories] =
      await Promise.all([
        q.categoryCounts(this.db, subtree, cur, prev, ly),
        q.monthlyCounts(this.db, subtree, cur),
        q.monthlyCounts(this.db, subtree, ly),
        q.gridHotspots(this.db, subtree, cur),
        q.placeHotspots(this.db, subtree, cur),
        q.addressHotspots(this.db, subtree, cur),
        q.mediationOutcomes(this.db, subtree, cur),
        q.overdueUnits(this.db, subtree, cur),
        q.windowTotals(this.db, subtree, cur),
        q.listCategories(this.db),
      ]);
    return presentSituationReport({
      area,
      period,
      previous,
      lastYear,
      generatedAt: this.clock.now(),
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
    });
  }

  private periodOf(input: { from?: string; to?: string }): Period {
    if (!input.from && !input.to) return lastCompleteQuarter(shanghaiDate(this.clock.now()));
    if (!input.from) throw invalidField('from', 'required');
    if (!input.to) throw invalidField('to', 'required');
    if (input.to < input.from) throw invalidField('to', 'must not be before from');
    if (Date.parse(input.to) - Date.parse(input.from) > 3 * 366 * 86_400_000)
      throw invalidField('to', 'at most three years');
    return { from: input.from, to: input.to };
  }
}

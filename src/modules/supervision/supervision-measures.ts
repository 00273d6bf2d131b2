import type { Executor } from '../../db/database.js';
import {
  countDisputes,
  countDissatisfaction,
  countOverdue,
  countRepeatPlace,
  type MeasureWindow,
} from './supervision-rule.repository.js';
import type { Measure, MeasureCounts } from './supervision-rules.js';

export type { MeasureWindow };

const n = (v: string | number | null | undefined) => Number(v ?? 0);

/** Every township (9) or village (12) under the prefix, counted for the measure over the window. */
export async function measureCounts(
  db: Executor,
  measure: Measure,
  prefix: string,
  keyLength: 9 | 12,
  w: MeasureWindow,
): Promise<Array<MeasureCounts & { detail?: Record<string, unknown> }>> {
  switch (measure) {
    case 'disputes_per_1000': {
      const rows = await countDisputes(db, prefix, keyLength, w);
      return rows.map((x) => ({
        areaCode: x.area,
        events: n(x.events),
        numerator: n(x.disputes),
        denominator: n(x.people),
        detail: { disputes: n(x.disputes), population: n(x.people) },
      }));
    }
    case 'overdue_share': {
      const rows = await countOverdue(db, prefix, keyLength, w);
      return rows.map((x) => ({
        areaCode: x.area,
        events: n(x.events),
        numerator: n(x.overdue),
        denominator: n(x.events),
        detail: { overdue: n(x.overdue) },
      }));
    }
    case 'dissatisfaction_rate': {
      const rows = await countDissatisfaction(db, prefix, keyLength, w);
      return rows.map((x) => ({
        areaCode: x.area,
        events: n(x.rated),
        numerator: n(x.unsatisfied),
        denominator: n(x.rated),
        detail: { rated: n(x.rated), unsatisfied: n(x.unsatisfied) },
      }));
    }
    case 'repeat_place': {
      const rows = await countRepeatPlace(db, prefix, keyLength, w);
      return rows.map((x) => ({
        areaCode: x.area,
        events: n(x.events),
        numerator: n(x.top),
        denominator: n(x.events),
        detail: { gridCode: x.grid_code, address: x.address, lng: Number(x.lng), lat: Number(x.lat) },
      }));
    }
  }
}

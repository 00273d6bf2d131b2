import type { SupervisionMeasure } from '../../db/schema.js';

export interface RuleRow {
  id: string;
  name: string;
  area_prefix: string;
  level: 'township' | 'village';
  measure: SupervisionMeasure;
  threshold: number;
  min_events: number;
  period: 'month' | 'quarter';
  rectify_working_days: number;
  active: boolean;
  updated_at: Date;
}

/** A rule as the API shows it (and as its audit entries record it). */
export function presentRule(r: RuleRow) {
  return {
    id: r.id,
    name: r.name,
    areaPrefix: r.area_prefix,
    level: r.level,
    measure: r.measure,
    threshold: r.threshold,
    minEvents: r.min_events,
    period: r.period,
    rectifyWorkingDays: r.rectify_working_days,
    active: r.active,
    updatedAt: r.updated_at.toISOString(),
  };
}

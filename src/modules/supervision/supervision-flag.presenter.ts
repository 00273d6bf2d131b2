import type { SupervisionMeasure } from '../../db/schema.js';
import type { Scope } from '../../db/scope.js';
import { iso } from '../../http/common.schemas.js';
import { canDecideFlag } from './supervision.policy.js';

export interface FlagRow {
  id: string;
  area_code: string;
  area_name: string;
  area_level: string;
  period_from: string;
  period_to: string;
  value: number;
  threshold: number;
  events: number;
  detail: unknown;
  status: 'pending' | 'confirmed' | 'dismissed';
  created_at: Date;
  decision_note: string | null;
  rule_name: string;
  measure: SupervisionMeasure;
  rectify_working_days: number;
}

/** A flag's detail (what was counted) is JSON; a driver may hand it back as text. */
export function flagDetail(detail: unknown): Record<string, unknown> | null {
  return (typeof detail === 'string' ? JSON.parse(detail) : detail) as Record<string, unknown> | null;
}

/** A flag for the reader with `scope`, who may confirm or dismiss it when on the level above. */
export function presentFlag(f: FlagRow, scope: Scope) {
  return {
    id: f.id,
    areaCode: f.area_code,
    areaName: f.area_name,
    areaLevel: f.area_level,
    periodFrom: f.period_from,
    periodTo: f.period_to,
    value: f.value,
    threshold: f.threshold,
    events: f.events,
    detail: flagDetail(f.detail),
    status: f.status,
    createdAt: iso(f.created_at),
    decisionNote: f.decision_note,
    ruleName: f.rule_name,
    measure: f.measure,
    rectifyWorkingDays: f.rectify_working_days,
    canDecide: canDecideFlag(scope, f.area_code),
  };
}

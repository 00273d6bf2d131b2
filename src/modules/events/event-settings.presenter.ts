import type { MediationLevel, StageLimitTable } from '../../db/schema.js';
import { iso } from '../../http/common.schemas.js';

export function presentCategoryLimit(c: { code: string; name: string; limit_working_days: number }) {
  return { code: c.code, name: c.name, limitWorkingDays: c.limit_working_days };
}

export function presentStageLimit(s: StageLimitTable) {
  return { categoryPrefix: s.category_prefix, stage: s.stage, amount: s.amount, unit: s.unit };
}

type PolicyRow = { area_prefix: string; name: string; levels: MediationLevel[]; updated_at: Date };

export function presentMediationPolicy(p: PolicyRow) {
  return { areaPrefix: p.area_prefix, name: p.name, levels: p.levels, updatedAt: iso(p.updated_at) };
}

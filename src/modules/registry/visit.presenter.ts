import type { Selectable } from 'kysely';
import type { VisitTable } from '../../db/schema.js';
import { iso } from '../../http/common.schemas.js';

type VisitRow = Selectable<VisitTable>;
export type VisitSummaryRow = Pick<
  VisitRow,
  'id' | 'visited_at' | 'observed' | 'requests' | 'finding' | 'finding_status'
>;

export function presentNewVisit(v: VisitRow) {
  return { id: v.id, gridCode: v.grid_code, visitedAt: iso(v.visited_at), findingStatus: v.finding_status };
}

/** A visit as a household's page lists it. */
export function presentVisitSummary(v: VisitSummaryRow) {
  return {
    id: v.id,
    visitedAt: iso(v.visited_at),
    observed: v.observed,
    requests: v.requests,
    finding: v.finding,
    findingStatus: v.finding_status,
  };
}

import type { RoutingRuleRow } from '../../db/schema.js';
import { iso } from '../../http/common.schemas.js';

/**
 * Area prefixes as the API speaks them: '' is the whole installation, a city is its code (620700) though the rule
 * stores the city's subtree prefix (6207) so that it matches the city's grids, a county or lower is its code.
 */
const CITY_CODE = /^\d{4}00$/;
export const storedAreaPrefix = (areaPrefix: string) =>
  CITY_CODE.test(areaPrefix) ? areaPrefix.slice(0, 4) : areaPrefix;
const apiAreaPrefix = (stored: string) => (stored.length === 4 ? `${stored}00` : stored);

export type RoutingRuleView = Pick<
  RoutingRuleRow,
  'id' | 'category_prefix' | 'area_prefix' | 'centre' | 'unit_id' | 'unit_kind' | 'note' | 'created_at'
> & { unit_name?: string | null };

export function presentRoutingRule(r: RoutingRuleView, editable: boolean) {
  return {
    id: r.id,
    categoryPrefix: r.category_prefix,
    areaPrefix: apiAreaPrefix(r.area_prefix),
    centre: r.centre,
    unitId: r.unit_id,
    unitName: r.unit_name ?? null,
    unitKind: r.unit_kind,
    note: r.note,
    createdAt: iso(r.created_at),
    editable,
  };
}

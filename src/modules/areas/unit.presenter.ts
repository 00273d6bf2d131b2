import type { UnitRow } from '../../db/schema.js';

export function presentUnit(u: Pick<UnitRow, 'id' | 'code' | 'name' | 'kind' | 'area_code' | 'status'>) {
  return { id: u.id, code: u.code, name: u.name, kind: u.kind, areaCode: u.area_code, status: u.status };
}

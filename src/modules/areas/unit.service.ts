import type { Db, Executor } from '../../db/database.js';
import { type Scope, withinScope } from '../../db/scope.js';
import * as units from './unit.repository.js';

/** Handling units (departments, centres, courts, police stations, …), each bound to an area. */
export class UnitService {
  constructor(private readonly db: Db) {}

  list(scope: Scope, filter: units.UnitFilter) {
    return units.listUnits(this.db, scope, filter);
  }

  /** Whether the unit exists inside the scope; `db` may be the caller's transaction. */
  async existsInScope(scope: Scope, id: string, db: Executor = this.db): Promise<boolean> {
    const unit = await units.findUnitArea(db, id);
    return unit !== undefined && withinScope(scope, unit.area_code);
  }
}

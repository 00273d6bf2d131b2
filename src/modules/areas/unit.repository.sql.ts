import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './unit.repository.js';

export default sqlSnapshot('unit', repo, {
  listUnits: (db) =>
    repo.listUnits(db, SAMPLE.countyScope, { areaCode: SAMPLE.countyCode, kind: 'police', limit: 100 }),
  findUnitArea: (db) => repo.findUnitArea(db, SAMPLE.uuid),
});

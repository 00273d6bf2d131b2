import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './grid-worker.repository.js';

export default sqlSnapshot('grid-worker', repo, {
  findGridWorker: (db) => repo.findGridWorker(db, SAMPLE.countyScope, SAMPLE.uuid),
  listGridWorkersIn: (db) => repo.listGridWorkersIn(db, SAMPLE.countyScope, SAMPLE.countyCode, 50, 0),
  activeAssignment: (db) => repo.activeAssignment(db, SAMPLE.gridCode, SAMPLE.uuid),
  insertAssignment: (db) =>
    repo.insertAssignment(
      db,
      { county_code: SAMPLE.countyCode, grid_code: SAMPLE.gridCode, grid_worker_id: SAMPLE.uuid },
      SAMPLE.now,
    ),
  endAssignment: (db) => repo.endAssignment(db, SAMPLE.uuid2, SAMPLE.now),
  endGridAssignments: (db) => repo.endGridAssignments(db, SAMPLE.gridCode, SAMPLE.now),
});

import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './visit.repository.js';

export default sqlSnapshot('visit', repo, {
  insertVisit: (db) =>
    repo.insertVisit(db, {
      county_code: SAMPLE.countyCode,
      grid_code: SAMPLE.gridCode,
      grid_worker_id: null,
      user_id: SAMPLE.uuid2,
      visited_at: SAMPLE.now,
      person_ids: [SAMPLE.uuid],
      household_id: null,
      house_id: null,
      organization_id: null,
      observed: '一切正常',
      requests: null,
      finding: null,
      finding_status: 'none',
      created_at: SAMPLE.now,
    }),
  findVisitForUpdate: (db) => repo.findVisitForUpdate(db, SAMPLE.countyScope, SAMPLE.uuid),
  markHandedOff: (db) => repo.markHandedOff(db, SAMPLE.uuid, SAMPLE.uuid2),
  listHouseholdVisits: (db) => repo.listHouseholdVisits(db, SAMPLE.uuid, 20),
  findWorkerOfUser: (db) => repo.findWorkerOfUser(db, SAMPLE.uuid),
  workerInScope: (db) => repo.workerInScope(db, SAMPLE.countyScope, SAMPLE.uuid),
  gridCentre: (db) => repo.gridCentre(db, SAMPLE.gridCode),
});

import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './element-history.repository.js';

export default sqlSnapshot('element-history', repo, {
  insertElementVersion: (db) =>
    repo.insertElementVersion(db, {
      county_code: SAMPLE.countyCode,
      grid_code: SAMPLE.gridCode,
      element_type: 'person',
      element_id: SAMPLE.uuid,
      version: 1,
      at: SAMPLE.now,
      actor_id: SAMPLE.uuid2,
      actor_name: 'admin',
      action: 'create',
      changes: '{}',
      reason: null,
    }),
  listElementVersions: (db) => repo.listElementVersions(db, 'person', SAMPLE.uuid),
});

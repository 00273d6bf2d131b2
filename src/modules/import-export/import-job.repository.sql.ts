import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './import-job.repository.js';

export default sqlSnapshot('import-job', repo, {
  insertImportJob: (db) =>
    repo.insertImportJob(db, {
      scope_code: SAMPLE.countyCode,
      element: 'people',
      dry_run: true,
      mode: 'valid_only',
      file_sha256: '0'.repeat(64),
      actor_id: SAMPLE.uuid,
      actor_name: 'operator',
      created_at: SAMPLE.now,
      counts: '{}',
      headers: '[]',
      rejected: '[]',
    }),
  eraseReportsBefore: (db) => repo.eraseReportsBefore(db, SAMPLE.now),
  findOwnImportJob: (db) => repo.findOwnImportJob(db, SAMPLE.countyScope, SAMPLE.uuid, SAMPLE.uuid2),
});

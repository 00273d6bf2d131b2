import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './rate-limit.repository.js';

export default sqlSnapshot('rate-limit', repo, {
  countRequest: (db) => repo.countRequest(db, 'GET /api/track/:code 127.0.0.1', SAMPLE.now),
  deleteWindowsBefore: (db) => repo.deleteWindowsBefore(db, SAMPLE.now),
});

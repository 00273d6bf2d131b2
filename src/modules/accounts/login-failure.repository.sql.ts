import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './login-failure.repository.js';

export default sqlSnapshot('login-failure', repo, {
  recordLoginFailure: (db) => repo.recordLoginFailure(db, 'demo-city', '127.0.0.1', SAMPLE.now),
  clearLoginFailures: (db) => repo.clearLoginFailures(db, 'demo-city'),
  loginFailuresSince: (db) => repo.loginFailuresSince(db, 'ip', '127.0.0.1', SAMPLE.now),
});

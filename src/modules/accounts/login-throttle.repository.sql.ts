import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './login-throttle.repository.js';

export default sqlSnapshot('login-throttle', repo, {
  blockedUntil: (db) => repo.blockedUntil(db, 'demo-city', '127.0.0.1', SAMPLE.now),
  countFailure: (db) => repo.countFailure(db, 'pair', 'demo-city', '127.0.0.1', SAMPLE.now, SAMPLE.now),
  holdUntil: (db) => repo.holdUntil(db, 'account', 'demo-city', '', SAMPLE.now),
  clearPair: (db) => repo.clearPair(db, 'demo-city', '127.0.0.1'),
  clearAccount: (db) => repo.clearAccount(db, 'demo-city'),
  deleteQuietCounters: (db) => repo.deleteQuietCounters(db, SAMPLE.now),
});

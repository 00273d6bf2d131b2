import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './password-history.repository.js';

export default sqlSnapshot('password-history', repo, {
  recentPasswordHashes: (db) => repo.recentPasswordHashes(db, SAMPLE.uuid, 4),
  addPasswordHistory: (db) => repo.addPasswordHistory(db, SAMPLE.uuid, '$argon2id$x', SAMPLE.now),
  trimPasswordHistory: (db) => repo.trimPasswordHistory(db, SAMPLE.uuid, 4),
});

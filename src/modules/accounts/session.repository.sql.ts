import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './session.repository.js';

const tokenHash = 'a'.repeat(64);

export default sqlSnapshot('session', repo, {
  insertSession: (db) =>
    repo.insertSession(
      db,
      { user_id: SAMPLE.uuid, token_hash: tokenHash, expires_at: SAMPLE.now, ip: '127.0.0.1', user_agent: null },
      SAMPLE.now,
    ),
  findLiveSession: (db) => repo.findLiveSession(db, tokenHash, SAMPLE.now, 30 * 60_000),
  touchSession: (db) => repo.touchSession(db, SAMPLE.uuid2, SAMPLE.now),
  revokeSession: (db) => repo.revokeSession(db, SAMPLE.uuid2, SAMPLE.now),
  revokeUserSessions: (db) => repo.revokeUserSessions(db, SAMPLE.uuid, SAMPLE.now),
});

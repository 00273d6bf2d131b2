import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './rollup.repository.js';

export default sqlSnapshot('rollup', repo, {
  tryLock: (db) => repo.tryLock(db),
  maxId: (db) => repo.maxId(db),
  settledUpTo: (db) => repo.settledUpTo(db, 100, 200, SAMPLE.now),
  applyRange: (db) => repo.applyRange(db, 100, 200),
  rebuildIn: (db) => repo.rebuildIn(db, SAMPLE.now),
  refreshRegistry: (db) => repo.refreshRegistry(db, SAMPLE.now),
  readState: (db) => repo.readState(db),
  hasCurrentFormat: (db) => repo.hasCurrentFormat(db),
  markSeen: (db) => repo.markSeen(db, 200),
  markSettled: (db) => repo.markSettled(db, 150),
  markRan: (db) => repo.markRan(db, SAMPLE.now, SAMPLE.now, 42),
  settledId: (db) => repo.settledId(db),
});

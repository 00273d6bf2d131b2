import { sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './backup.repository.js';

export default sqlSnapshot('backup', repo, {
  listTables: (db) => repo.listTables(db),
  countRows: (db) => repo.countRows(db, 'event'),
  countUserRelations: (db) => repo.countUserRelations(db),
  auditChainHeads: (db) => repo.auditChainHeads(db),
  appliedMigrations: (db) => repo.appliedMigrations(db),
  exportSnapshot: (db) => repo.exportSnapshot(db),
});

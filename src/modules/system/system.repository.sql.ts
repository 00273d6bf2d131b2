import { sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './system.repository.js';

export default sqlSnapshot('system', repo, {
  pingDatabase: (db) => repo.pingDatabase(db),
  hasNoAreas: (db) => repo.hasNoAreas(db),
  isDemoInstallation: (db) => repo.isDemoInstallation(db),
});

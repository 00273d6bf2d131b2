import * as repo from './reference.repository.js';
import { sqlSnapshot } from './sql-snapshot.js';

export default sqlSnapshot('reference', repo, {
  readVersions: (db) => repo.readVersions(db),
  listCategories: (db) => repo.listCategories(db),
  listLiveRoutingRules: (db) => repo.listLiveRoutingRules(db),
  listStageLimits: (db) => repo.listStageLimits(db),
  listMediationPolicies: (db) => repo.listMediationPolicies(db),
  listUnitsForRouting: (db) => repo.listUnitsForRouting(db),
});

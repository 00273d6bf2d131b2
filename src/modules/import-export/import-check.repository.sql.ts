import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './import-check.repository.js';

export default sqlSnapshot('import-check', repo, {
  lockImportsOf: (db) => repo.lockImportsOf(db, 7_452_100),
  activeGridCodes: (db) => repo.activeGridCodes(db, SAMPLE.countyScope, [SAMPLE.gridCode]),
  findHouseholdsByNumber: (db) =>
    repo.findHouseholdsByNumber(db, [{ countyCode: SAMPLE.countyCode, number: '620702-0001' }]),
  registeredIdHashes: (db) => repo.registeredIdHashes(db, ['hash1', 'hash2']),
  registeredHouses: (db) => repo.registeredHouses(db, [[SAMPLE.gridCode, '幸福路1号']]),
  organizationsByCreditCode: (db) => repo.organizationsByCreditCode(db, ['91620702MA00000000']),
  registeredUncodedOrganizations: (db) =>
    repo.registeredUncodedOrganizations(db, [[SAMPLE.gridCode, '某某商店', '幸福路1号']]),
  registeredLocated: (db) => repo.registeredLocated(db, 'place', [['中心广场', 100.45, 38.93]]),
});

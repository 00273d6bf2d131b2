import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './search.repository.js';

export default sqlSnapshot('search', repo, {
  searchHouseholdAddresses: (db) =>
    repo.searchHouseholdAddresses(db, SAMPLE.countyScope, SAMPLE.countyCode, '幸福', 10),
  searchHouseAddresses: (db) => repo.searchHouseAddresses(db, SAMPLE.countyScope, SAMPLE.countyCode, '幸福', 10),
  searchPlaces: (db) => repo.searchPlaces(db, SAMPLE.countyScope, SAMPLE.countyCode, '广场', 10),
  searchOrganizations: (db) => repo.searchOrganizations(db, SAMPLE.countyScope, SAMPLE.countyCode, '公司', 10),
});

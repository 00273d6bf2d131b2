import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './export.repository.js';

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

export default sqlSnapshot('export', repo, {
  peoplePage: (db) => repo.peoplePage(db, SAMPLE.countyScope, SAMPLE.countyCode, NIL_UUID, 5000),
  housesPage: (db) => repo.housesPage(db, SAMPLE.countyScope, SAMPLE.countyCode, NIL_UUID, 5000),
  organizationsPage: (db) => repo.organizationsPage(db, SAMPLE.countyScope, SAMPLE.countyCode, NIL_UUID, 5000),
});

import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import { PersonalDataCipher } from '../../lib/personal-data.js';
import * as repo from './registry-bulk.repository.js';

/** A fixed key: the snapshot records statements, not data. */
const cipher = new PersonalDataCipher(Buffer.alloc(32, 1));

export default sqlSnapshot('registry-bulk', repo, {
  bulkInsertPeople: (db) =>
    repo.bulkInsertPeople(
      db,
      cipher,
      [
        {
          name: '张三',
          idNumber: '62070219800101001X',
          phone: null,
          ethnicity: '汉族',
          registrationType: 'registered',
          gridCode: SAMPLE.gridCode,
          householdId: null,
          relationToHead: null,
          houseId: null,
        },
      ],
      { now: SAMPLE.now, actorId: null, actorName: 'system:seed', action: 'import', reason: null },
    ),
  linkHouseholdHeads: (db) => repo.linkHouseholdHeads(db, [SAMPLE.uuid]),
});

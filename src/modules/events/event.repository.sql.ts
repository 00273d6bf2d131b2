import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './event.repository.js';

const before = { at: SAMPLE.now, id: SAMPLE.uuid };

export default sqlSnapshot('event', repo, {
  listEventCategories: (db) => repo.listEventCategories(db),
  findCategoryName: (db) => repo.findCategoryName(db, '0101'),
  findEventInScope: (db) => repo.findEventInScope(db, SAMPLE.countyScope, SAMPLE.uuid),
  findEventNumbers: (db) => repo.findEventNumbers(db, [SAMPLE.uuid, SAMPLE.uuid2]),
  listEvents: (db) =>
    repo.listEvents(
      db,
      SAMPLE.countyScope,
      {
        gridPrefix: '620702100', statuses: ['reported', 'accepted'], categoryCode: '01', deadline: 'red', channel: 'desk', centre: 'dispute',
        unitId: SAMPLE.uuid2, supervised: true, dispute: true, before, limit: 50,
      },
      SAMPLE.now,
    ),
  findTrackedEvent: (db) => repo.findTrackedEvent(db, 'ABCDEFGHJK'),
});

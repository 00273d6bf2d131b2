import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './event-loop.repository.js';

export default sqlSnapshot('event-loop', repo, {
  lockEvent: (db) => repo.lockEvent(db, SAMPLE.countyScope, SAMPLE.uuid),
  lockEventByTrackingCode: (db) => repo.lockEventByTrackingCode(db, 'ABCDEFGHJK'),
  lockEventsInIdOrder: (db) => repo.lockEventsInIdOrder(db, SAMPLE.countyScope, [SAMPLE.uuid, SAMPLE.uuid2]),
  updateEvent: (db) => repo.updateEvent(db, SAMPLE.uuid, { status: 'accepted', stage: 'dispatch', stage_due_at: SAMPLE.now, version: 2, updated_at: SAMPLE.now }),
  findActiveUnit: (db) => repo.findActiveUnit(db, SAMPLE.uuid2),
  findCategoryLimit: (db) => repo.findCategoryLimit(db, '0101'),
  withdrawOpenMediation: (db) => repo.withdrawOpenMediation(db, SAMPLE.uuid, SAMPLE.now),
});

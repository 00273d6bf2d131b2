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
        gridPrefix: '620702100',
        statuses: ['reported', 'accepted'],
        categoryCode: '01',
        deadline: 'red',
        channel: 'desk',
        centre: 'dispute',
        unitId: SAMPLE.uuid2,
        supervised: true,
        dispute: true,
        before,
        limit: 50,
      },
      SAMPLE.now,
    ),
  findTrackedEvent: (db) => repo.findTrackedEvent(db, 'ABCDEFGHJK'),
  lockEvent: (db) => repo.lockEvent(db, SAMPLE.countyScope, SAMPLE.uuid),
  lockEventByTrackingCode: (db) => repo.lockEventByTrackingCode(db, 'ABCDEFGHJK'),
  lockEventsInIdOrder: (db) => repo.lockEventsInIdOrder(db, SAMPLE.countyScope, [SAMPLE.uuid, SAMPLE.uuid2]),
  updateEvent: (db) =>
    repo.updateEvent(db, SAMPLE.uuid, {
      status: 'accepted',
      stage: 'dispatch',
      stage_due_at: SAMPLE.now,
      version: 2,
      updated_at: SAMPLE.now,
    }),
  findActiveUnit: (db) => repo.findActiveUnit(db, SAMPLE.uuid2),
  findCategoryLimit: (db) => repo.findCategoryLimit(db, '0101'),
  withdrawOpenMediation: (db) => repo.withdrawOpenMediation(db, SAMPLE.uuid, SAMPLE.now),
  listTimeline: (db) => repo.listTimeline(db, SAMPLE.uuid),
  listStepAttachments: (db) => repo.listStepAttachments(db, SAMPLE.uuid),
  listParties: (db) => repo.listParties(db, SAMPLE.uuid),
  listPublicSteps: (db) => repo.listPublicSteps(db, SAMPLE.uuid),
  insertSteps: (db) =>
    repo.insertSteps(db, [
      {
        county_code: SAMPLE.countyCode,
        event_id: SAMPLE.uuid,
        at: SAMPLE.now,
        actor_id: SAMPLE.uuid2,
        actor_name: '张三',
        action: 'accept',
        from_status: 'reported',
        to_status: 'accepted',
        note: null,
        public_note: '已受理',
        unit_id: null,
      },
    ]),
  findLastSuspension: (db) => repo.findLastSuspension(db, SAMPLE.uuid),
});

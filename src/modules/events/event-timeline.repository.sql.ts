import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './event-timeline.repository.js';

export default sqlSnapshot('event-timeline', repo, {
  listTimeline: (db) => repo.listTimeline(db, SAMPLE.uuid),
  listStepAttachments: (db) => repo.listStepAttachments(db, SAMPLE.uuid),
  listParties: (db) => repo.listParties(db, SAMPLE.uuid),
  listPublicSteps: (db) => repo.listPublicSteps(db, SAMPLE.uuid),
  insertSteps: (db) =>
    repo.insertSteps(db, [
      {
        county_code: SAMPLE.countyCode, event_id: SAMPLE.uuid, at: SAMPLE.now, actor_id: SAMPLE.uuid2, actor_name: '张三', action: 'accept',
        from_status: 'reported', to_status: 'accepted', note: null, public_note: '已受理', unit_id: null,
      },
    ]),
  findLastSuspension: (db) => repo.findLastSuspension(db, SAMPLE.uuid),
});

import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './attachment.repository.js';

export default sqlSnapshot('attachment', repo, {
  findEventInScope: (db) => repo.findEventInScope(db, SAMPLE.countyScope, SAMPLE.uuid),
  findEventIdInScope: (db) => repo.findEventIdInScope(db, SAMPLE.countyScope, SAMPLE.uuid),
  findEventByTrackingCode: (db) => repo.findEventByTrackingCode(db, 'AB12CD34'),
  lockEvent: (db) => repo.lockEvent(db, SAMPLE.uuid),
  listOpenTaskUnitIds: (db) => repo.listOpenTaskUnitIds(db, SAMPLE.uuid),
  findTransitionOfEvent: (db) => repo.findTransitionOfEvent(db, '42', SAMPLE.uuid),
  countPublicAttachments: (db) => repo.countPublicAttachments(db, SAMPLE.uuid),
  insertAttachment: (db) =>
    repo.insertAttachment(db, {
      id: SAMPLE.uuid2,
      county_code: SAMPLE.countyCode,
      event_id: SAMPLE.uuid,
      transition_id: null,
      file_name: 'photo.jpg',
      mime: 'image/jpeg',
      size: 1024,
      sha256: '0'.repeat(64),
      storage_key: `2026/01/${SAMPLE.uuid2}`,
      created_by: null,
      created_at: SAMPLE.now,
    }),
  listAttachments: (db) => repo.listAttachments(db, SAMPLE.uuid),
  findAttachment: (db) => repo.findAttachment(db, SAMPLE.uuid, SAMPLE.uuid2),
});

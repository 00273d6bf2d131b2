import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './notification.repository.js';

const notice = { kind: 'task' as const, eventId: SAMPLE.uuid, title: '新派遣任务', body: null, createdAt: SAMPLE.now };

export default sqlSnapshot('notification', repo, {
  insertNotifications: (db) =>
    repo.insertNotifications(db, [
      {
        user_id: SAMPLE.uuid2,
        kind: 'task',
        event_id: SAMPLE.uuid,
        title: '新派遣任务',
        body: null,
        created_at: SAMPLE.now,
      },
    ]),
  insertForUnit: (db) => repo.insertForUnit(db, SAMPLE.uuid2, notice),
  insertForOperators: (db) => repo.insertForOperators(db, ['620702100', SAMPLE.countyCode], notice),
  listNotifications: (db) => repo.listNotifications(db, SAMPLE.uuid, { unreadOnly: true, before: '100', limit: 50 }),
  countUnread: (db) => repo.countUnread(db, SAMPLE.uuid),
  markRead: (db) => repo.markRead(db, SAMPLE.uuid, { ids: ['1', '2'] }, SAMPLE.now),
});

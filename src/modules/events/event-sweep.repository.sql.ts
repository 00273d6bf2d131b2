import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './event-sweep.repository.js';

const flags: repo.SweepFlag[] = [
  {
    ord: 1,
    action: 'warn',
    note: '黄牌预警:即将到期',
    publicNote: null,
    notify: { kind: 'warning', title: '即将到期', operators: null },
  },
  {
    ord: 2,
    action: 'overdue',
    note: '红牌:已超期,列入督办',
    publicNote: '已超期,督办中',
    notify: { kind: 'overdue', title: '已超期,督办中', operators: 'local' },
  },
];
const days = { first: new Date('2026-01-01T16:00:00Z'), at: ['2026-01-06T16:00:00.000Z', '2026-01-07T16:00:00.000Z'] };

export default sqlSnapshot('event-sweep', repo, {
  trySweepLock: (db) => repo.trySweepLock(db, 'events'),
  tuneSweepBatch: (db) => repo.tuneSweepBatch(db),
  sweepEventBatch: (db) => repo.sweepEventBatch(db, SAMPLE.now, 50000, days, flags),
  setEscalationTimes: (db) => repo.setEscalationTimes(db, [{ id: SAMPLE.uuid, at: SAMPLE.now }]),
  markCoHandlersOverdue: (db) => repo.markCoHandlersOverdue(db, SAMPLE.now),
  insertCoHandlerOverdueSteps: (db) => repo.insertCoHandlerOverdueSteps(db, [SAMPLE.uuid], SAMPLE.now),
  notifyCoHandlersOverdue: (db) => repo.notifyCoHandlersOverdue(db, [SAMPLE.uuid], SAMPLE.now),
});

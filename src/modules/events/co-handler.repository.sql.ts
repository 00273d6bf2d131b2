import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './co-handler.repository.js';

const task = {
  task: '核实现场',
  status: 'open' as const,
  due_at: SAMPLE.now,
  overdue_at: null,
  feedback: null,
  created_by: SAMPLE.uuid,
  created_at: SAMPLE.now,
  done_at: null,
  done_by: null,
};

export default sqlSnapshot('co-handler', repo, {
  listCoHandlerTasks: (db) => repo.listCoHandlerTasks(db, SAMPLE.uuid),
  countOpenCoHandlerTasks: (db) => repo.countOpenCoHandlerTasks(db, SAMPLE.uuid),
  lockEventInScope: (db) => repo.lockEventInScope(db, SAMPLE.countyScope, SAMPLE.uuid),
  findActiveUnit: (db) => repo.findActiveUnit(db, SAMPLE.uuid2),
  findUnitTask: (db) => repo.findUnitTask(db, SAMPLE.uuid, SAMPLE.uuid2),
  reopenTask: (db) => repo.reopenTask(db, SAMPLE.uuid2, task),
  insertTask: (db) =>
    repo.insertTask(db, { ...task, county_code: SAMPLE.countyCode, event_id: SAMPLE.uuid, unit_id: SAMPLE.uuid2 }),
  findTaskWithUnitName: (db) => repo.findTaskWithUnitName(db, SAMPLE.uuid, SAMPLE.uuid2),
  finishTask: (db) =>
    repo.finishTask(db, SAMPLE.uuid2, {
      status: 'done',
      feedback: '已处理',
      done_at: SAMPLE.now,
      done_by: SAMPLE.uuid,
    }),
  insertTimelineRow: (db) =>
    repo.insertTimelineRow(db, {
      county_code: SAMPLE.countyCode,
      event_id: SAMPLE.uuid,
      at: SAMPLE.now,
      actor_id: SAMPLE.uuid2,
      actor_name: '张三',
      action: 'co_handler_add',
      from_status: 'handling',
      to_status: 'handling',
      note: '协办:司法所 — 核实现场',
      public_note: null,
      unit_id: SAMPLE.uuid2,
    }),
});

import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './mediation.repository.js';

const due = new Date('2026-01-08T02:00:00Z');

export default sqlSnapshot('mediation', repo, {
  insertCasesWithFirstSteps: (db) =>
    repo.insertCasesWithFirstSteps(
      db,
      [
        {
          event_id: SAMPLE.uuid,
          county_code: SAMPLE.countyCode,
          grid_code: SAMPLE.gridCode,
          policy_id: SAMPLE.uuid2,
          levels: '[]',
          level_index: 0,
          level_key: 'grid',
          level_unit_id: null,
          level_due_at: due,
          status: 'open',
          opened_at: SAMPLE.now,
        },
      ],
      [
        {
          event_id: SAMPLE.uuid,
          level_index: 0,
          level_key: 'grid',
          unit_id: null,
          started_at: SAMPLE.now,
          due_at: due,
        },
      ],
    ),
  findCaseWithUnit: (db) => repo.findCaseWithUnit(db, SAMPLE.uuid),
  listSteps: (db) => repo.listSteps(db, SAMPLE.uuid),
  lockEventInScope: (db) => repo.lockEventInScope(db, SAMPLE.countyScope, SAMPLE.uuid),
  lockCase: (db) => repo.lockCase(db, SAMPLE.uuid),
  endStep: (db) =>
    repo.endStep(db, SAMPLE.uuid, 0, {
      ended_at: SAMPLE.now,
      result: 'failed',
      note: '双方分歧较大',
      actor_name: '张三',
    }),
  insertStep: (db) =>
    repo.insertStep(db, {
      event_id: SAMPLE.uuid,
      level_index: 1,
      level_key: 'township',
      unit_id: SAMPLE.uuid2,
      started_at: SAMPLE.now,
      due_at: due,
    }),
  resolveCase: (db) =>
    repo.resolveCase(db, SAMPLE.uuid, {
      outcome: '达成协议',
      agreement: null,
      resolved_level_key: 'grid',
      closed_at: SAMPLE.now,
    }),
  moveCaseUp: (db) =>
    repo.moveCaseUp(db, SAMPLE.uuid, {
      level_index: 1,
      level_key: 'township',
      level_unit_id: SAMPLE.uuid2,
      level_due_at: due,
    }),
  exhaustCase: (db) => repo.exhaustCase(db, SAMPLE.uuid, SAMPLE.now),
  insertTimelineRow: (db) =>
    repo.insertTimelineRow(db, {
      county_code: SAMPLE.countyCode,
      event_id: SAMPLE.uuid,
      at: SAMPLE.now,
      actor_id: SAMPLE.uuid2,
      actor_name: '张三',
      action: 'mediation_resolve',
      from_status: 'handling',
      to_status: 'handling',
      note: '村级调解成功:达成协议',
      public_note: '调解成功',
      unit_id: null,
    }),
  setEventStatus: (db) =>
    repo.setEventStatus(db, SAMPLE.uuid, { status: 'feedback', stage: 'verify', updated_at: SAMPLE.now, version: 3 }),
  insertLevelNotices: (db) =>
    repo.insertLevelNotices(
      db,
      [
        {
          eventId: SAMPLE.uuid,
          unitId: null,
          gridCode: SAMPLE.gridCode,
          levelIndex: 0,
          title: '纠纷待调解:E0001(村级)',
          body: '邻里纠纷',
        },
      ],
      SAMPLE.now,
    ),
  listCases: (db) =>
    repo.listCases(db, SAMPLE.countyScope, {
      status: 'open',
      areaCode: '620702100',
      unitId: SAMPLE.uuid2,
      before: { at: SAMPLE.now, id: SAMPLE.uuid },
      limit: 50,
    }),
  countCasesByOutcome: (db) => repo.countCasesByOutcome(db, SAMPLE.countyCode),
  findApplicablePolicyLevels: (db) => repo.findApplicablePolicyLevels(db, SAMPLE.countyCode),
});

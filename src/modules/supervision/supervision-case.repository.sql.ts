import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './supervision-case.repository.js';

export default sqlSnapshot('supervision-case', repo, {
  lockCaseNumbering: (db) => repo.lockCaseNumbering(db, SAMPLE.countyCode),
  countCaseNumbers: (db) => repo.countCaseNumbers(db, SAMPLE.countyCode, '2026'),
  insertCase: (db) =>
    repo.insertCase(db, {
      county_code: SAMPLE.countyCode,
      area_code: '620702100',
      flag_id: SAMPLE.uuid2,
      number: 'DB-620702-2026-0001',
      title: '某镇:矛盾纠纷千人发案率(2026-01-01至2026-03-31)',
      requirement: '请于20个工作日内查明原因、落实整改并申请销号。',
      status: 'listed',
      rectify_working_days: 20,
      deadline_at: SAMPLE.now,
      supervisor_code: SAMPLE.countyCode,
      created_by: SAMPLE.uuid2,
      created_at: SAMPLE.now,
      updated_at: SAMPLE.now,
    }),
  listCases: (db) => repo.listCases(db, SAMPLE.countyScope, { status: 'open', areaCode: '620702100' }),
  findCase: (db) => repo.findCase(db, SAMPLE.countyScope, SAMPLE.uuid),
  lockCase: (db) => repo.lockCase(db, SAMPLE.countyScope, SAMPLE.uuid),
  moveCase: (db) => repo.moveCase(db, SAMPLE.uuid, { status: 'closed', version: 3 }, SAMPLE.now),
  markOverdueCases: (db) => repo.markOverdueCases(db, SAMPLE.now),
  insertStep: (db) =>
    repo.insertStep(db, {
      county_code: SAMPLE.countyCode,
      case_id: SAMPLE.uuid,
      at: SAMPLE.now,
      actor_id: SAMPLE.uuid2,
      actor_name: '张三',
      action: 'start',
      from_status: 'listed',
      to_status: 'rectifying',
      note: null,
    }),
  listSteps: (db) => repo.listSteps(db, SAMPLE.uuid),
});

import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './risk-matter.repository.js';

const matter = {
  number: '稳评-620702-2026-0001',
  county_code: SAMPLE.countyCode,
  area_code: SAMPLE.countyCode,
  area_codes: [SAMPLE.countyCode],
  title: '某项目',
  type: 'project',
  kind: 'special',
  deciding_body: '县政府',
  implementing_body: '县住建局',
  implementing_credit_code: null,
  budget: null,
  schedule_start: null,
  schedule_end: null,
  background: null,
  basis: null,
  stage: 'identify',
  stage_due_at: SAMPLE.now,
  created_by: SAMPLE.uuid2,
  created_at: SAMPLE.now,
  updated_at: SAMPLE.now,
};

export default sqlSnapshot('risk-matter', repo, {
  lockMatter: (db) => repo.lockMatter(db, SAMPLE.countyScope, SAMPLE.uuid),
  findMatter: (db) => repo.findMatter(db, SAMPLE.countyScope, SAMPLE.uuid),
  findMatterAreas: (db) => repo.findMatterAreas(db, SAMPLE.countyScope, SAMPLE.uuid),
  nextMatterNumber: (db) => repo.nextMatterNumber(db, SAMPLE.countyCode, 2026),
  insertMatter: (db) => repo.insertMatter(db, matter),
  setMatterStageDue: (db) => repo.setMatterStageDue(db, SAMPLE.uuid, SAMPLE.now),
  updateMatter: (db) => repo.updateMatter(db, SAMPLE.uuid, { title: '某项目', plan: '方案' }, SAMPLE.now),
  bumpMatter: (db) => repo.bumpMatter(db, SAMPLE.uuid, { stage: 'plan', stage_due_at: SAMPLE.now }, SAMPLE.now),
  endOpenStage: (db) => repo.endOpenStage(db, SAMPLE.uuid, SAMPLE.now),
  insertStage: (db) =>
    repo.insertStage(db, {
      matter_id: SAMPLE.uuid,
      stage: 'plan',
      round: 1,
      owner: 'assessor',
      owner_name: '某评估公司',
      started_at: SAMPLE.now,
      due_at: SAMPLE.now,
      actor_name: '张三',
      note: null,
    }),
  renameOpenStageOwner: (db) => repo.renameOpenStageOwner(db, SAMPLE.uuid, '某评估公司'),
  listStages: (db) => repo.listStages(db, SAMPLE.uuid),
});

import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './risk-register.repository.js';

const point = {
  dimension: 'legality',
  description: '征收补偿标准争议',
  likelihood: 3,
  impact: 4,
  affected_people: 120,
  mitigation: '公开补偿方案',
  mitigation_owner: '县住建局',
  mitigation_due: SAMPLE.day,
  updated_at: SAMPLE.now,
};

export default sqlSnapshot('risk-register', repo, {
  insertConsultation: (db) =>
    repo.insertConsultation(db, {
      matter_id: SAMPLE.uuid,
      method: 'hearing',
      held_on: SAMPLE.day,
      participants: 30,
      consulted: '被征收户',
      summary: null,
      created_at: SAMPLE.now,
    }),
  listConsultations: (db) => repo.listConsultations(db, SAMPLE.uuid),
  insertOpinions: (db) =>
    repo.insertOpinions(db, [
      {
        consultation_id: SAMPLE.uuid2,
        matter_id: SAMPLE.uuid,
        content: '补偿偏低',
        adopted: null,
        response: null,
        created_at: SAMPLE.now,
      },
    ]),
  listOpinions: (db) => repo.listOpinions(db, SAMPLE.uuid),
  findOpinion: (db) => repo.findOpinion(db, SAMPLE.uuid, SAMPLE.uuid2),
  answerOpinion: (db) => repo.answerOpinion(db, SAMPLE.uuid2, { adopted: true, response: '已调整' }),
  listPoints: (db) => repo.listPoints(db, SAMPLE.uuid),
  findPoint: (db) => repo.findPoint(db, SAMPLE.uuid, SAMPLE.uuid2),
  insertPoint: (db) => repo.insertPoint(db, { ...point, matter_id: SAMPLE.uuid, created_at: SAMPLE.now }),
  updatePoint: (db) => repo.updatePoint(db, SAMPLE.uuid2, point),
  deletePoint: (db) => repo.deletePoint(db, SAMPLE.uuid, SAMPLE.uuid2),
  listGradings: (db) => repo.listGradings(db, SAMPLE.uuid),
  insertGrading: (db) =>
    repo.insertGrading(db, {
      matter_id: SAMPLE.uuid,
      round: 1,
      rule_version: 1,
      computed_level: 'medium',
      final_level: 'medium',
      override_reason: null,
      mitigated: false,
      points: JSON.stringify([]),
      graded_by: '张三',
      graded_at: SAMPLE.now,
    }),
});

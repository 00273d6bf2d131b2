import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './risk-firm.repository.js';

const creditCode = '91620702MA74XXXX0A';
const firm = {
  name: '某评估公司',
  credit_code: creditCode,
  qualifications: ['社会稳定风险评估'],
  staff_count: 12,
  contact: null,
  ties: JSON.stringify([]),
  status: 'active' as const,
  created_at: SAMPLE.now,
  updated_at: SAMPLE.now,
};

export default sqlSnapshot('risk-firm', repo, {
  findFirm: (db) => repo.findFirm(db, SAMPLE.uuid),
  lockFirm: (db) => repo.lockFirm(db, SAMPLE.uuid),
  findFirmName: (db) => repo.findFirmName(db, SAMPLE.uuid),
  findFirmBrief: (db) => repo.findFirmBrief(db, SAMPLE.uuid),
  findFirmByCreditCode: (db) => repo.findFirmByCreditCode(db, creditCode),
  findOtherFirmByCreditCode: (db) => repo.findOtherFirmByCreditCode(db, creditCode, SAMPLE.uuid),
  insertFirm: (db) => repo.insertFirm(db, firm),
  updateFirm: (db) => {
    const { created_at: _created, ...set } = firm;
    return repo.updateFirm(db, SAMPLE.uuid, set);
  },
  listFirmsWithWorkload: (db) => repo.listFirmsWithWorkload(db),
  listFirmHistory: (db) => repo.listFirmHistory(db, SAMPLE.countyScope, SAMPLE.uuid),
  findMatterRating: (db) => repo.findMatterRating(db, SAMPLE.uuid),
  findMatterRatingId: (db) => repo.findMatterRatingId(db, SAMPLE.uuid),
  insertFirmRating: (db) =>
    repo.insertFirmRating(db, {
      firm_id: SAMPLE.uuid2,
      matter_id: SAMPLE.uuid,
      score: 4,
      comment: null,
      rated_by: '张三',
      rated_at: SAMPLE.now,
    }),
});

import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './event-settings.repository.js';

const policy = { name: '四级七天', levels: '[]', updated_at: SAMPLE.now };

export default sqlSnapshot('event-settings', repo, {
  listCategoryLimits: (db) => repo.listCategoryLimits(db),
  listStageLimits: (db) => repo.listStageLimits(db),
  lockCategoryLimit: (db) => repo.lockCategoryLimit(db, '0101'),
  setCategoryLimit: (db) => repo.setCategoryLimit(db, '0101', 5),
  findStageLimit: (db) => repo.findStageLimit(db, '01', 'accept'),
  upsertStageLimit: (db) => repo.upsertStageLimit(db, '01', 'accept', { amount: 4, unit: 'hours' }),
  deleteStageLimit: (db) => repo.deleteStageLimit(db, '01', 'accept'),
  findApplicablePolicy: (db) => repo.findApplicablePolicy(db, SAMPLE.countyScope.prefix),
  lockOwnPolicy: (db) => repo.lockOwnPolicy(db, SAMPLE.countyScope.prefix),
  updatePolicy: (db) => repo.updatePolicy(db, SAMPLE.uuid, policy),
  insertPolicy: (db) => repo.insertPolicy(db, { ...policy, area_prefix: SAMPLE.countyScope.prefix }),
});

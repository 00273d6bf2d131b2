import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './audit.repository.js';

const entry: repo.AuditInput = {
  chain: SAMPLE.countyCode,
  at: SAMPLE.now,
  actorId: SAMPLE.uuid,
  actorName: 'demo',
  ip: '127.0.0.1',
  action: 'area.rename',
  entityType: 'area',
  entityId: SAMPLE.gridCode,
  areaCode: SAMPLE.gridCode,
  before: { name: '一' },
  after: { name: '二' },
  reason: null,
};

const key = Buffer.alloc(32, 1);

export default sqlSnapshot('audit', repo, {
  appendAudit: (db) => repo.appendAudit(db, entry, key),
  appendAuditMany: (db) => repo.appendAuditMany(db, [entry, { ...entry, chain: '000000', areaCode: null }], key),
  listAuditForEntity: (db) => repo.listAuditForEntity(db, SAMPLE.countyScope, 'area', SAMPLE.gridCode, 100),
  listAuditInScope: (db) =>
    repo.listAuditInScope(db, SAMPLE.countyScope, { beforeId: '1000', limit: 100, action: 'area.rename' }),
  verifyAuditChains: (db) => repo.verifyAuditChains(db, { chain: SAMPLE.countyCode, hmacKey: key }),
  listChainHeads: (db) => repo.listChainHeads(db),
});

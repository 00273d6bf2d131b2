import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './organization.repository.js';

const columns = {
  county_code: SAMPLE.countyCode,
  grid_code: SAMPLE.gridCode,
  name: '张掖市某某有限公司',
  kind: 'enterprise',
  credit_code: null,
  address: '幸福路1号',
  lng: null,
  lat: null,
  contact_name: null,
  contact_phone_enc: null,
  contact_phone_hash: null,
  employee_count: 10,
};

export default sqlSnapshot('organization', repo, {
  findOrganization: (db) => repo.findOrganization(db, SAMPLE.countyScope, SAMPLE.uuid),
  findOrganizationGrid: (db) => repo.findOrganizationGrid(db, SAMPLE.countyScope, SAMPLE.uuid),
  findOrganizationVersion: (db) => repo.findOrganizationVersion(db, SAMPLE.countyScope, SAMPLE.uuid),
  creditCodeTaken: (db) => repo.creditCodeTaken(db, '91620702MA00000000'),
  insertOrganization: (db) =>
    repo.insertOrganization(db, { ...columns, created_at: SAMPLE.now, updated_at: SAMPLE.now }),
  updateOrganization: (db) =>
    repo.updateOrganization(db, SAMPLE.uuid, { ...columns, status: 'active', version: 2, updated_at: SAMPLE.now }),
  setOrganizationVersion: (db) => repo.setOrganizationVersion(db, SAMPLE.uuid, 2, SAMPLE.now),
  listOrganizations: (db) =>
    repo.listOrganizations(db, SAMPLE.countyScope, SAMPLE.gridCode, {
      q: '公司',
      kind: 'enterprise',
      limit: 50,
      offset: 0,
    }),
  listLocatedOrganizations: (db) => repo.listLocatedOrganizations(db, SAMPLE.countyScope, SAMPLE.countyCode, 5000),
  listMembers: (db) => repo.listMembers(db, SAMPLE.uuid),
  isActiveMember: (db) => repo.isActiveMember(db, SAMPLE.uuid, SAMPLE.uuid2),
  insertMember: (db) =>
    repo.insertMember(db, {
      countyCode: SAMPLE.countyCode,
      organizationId: SAMPLE.uuid,
      personId: SAMPLE.uuid2,
      role: '员工',
      startedAt: SAMPLE.now,
    }),
});

import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './person.repository.js';

/** The columns create() writes, with fixed stand-ins for the encrypted fields. */
const newPerson = {
  county_code: SAMPLE.countyCode,
  grid_code: SAMPLE.gridCode,
  name: '张三',
  id_number_enc: 'v1.iv.tag.body',
  id_number_hash: 'hash',
  id_tail_hash: 'tail-hash',
  birth_date: '1980-01-01',
  sex: 'male' as const,
  ethnicity: '汉族',
  phone_enc: null,
  phone_hash: null,
  phone_tail: null,
  registration_type: 'registered' as const,
  household_id: null,
  relation_to_head: null,
  house_id: null,
  created_at: SAMPLE.now,
  updated_at: SAMPLE.now,
};

export default sqlSnapshot('person', repo, {
  findPerson: (db) => repo.findPerson(db, SAMPLE.countyScope, SAMPLE.uuid),
  findPersonIdByIdHash: (db) => repo.findPersonIdByIdHash(db, 'hash'),
  listPeople: (db) =>
    repo.listPeople(db, SAMPLE.countyScope, {
      gridPrefix: SAMPLE.gridCode,
      tag: 'drug_user',
      riskLevel: 'red',
      status: 'present',
      q: { name: '张' },
      afterId: SAMPLE.uuid,
      limit: 50,
    }),
  lockPeopleWithoutTailHash: (db) => repo.lockPeopleWithoutTailHash(db, 500),
  setIdTailHashes: (db) => repo.setIdTailHashes(db, [{ id: SAMPLE.uuid, hash: 'tail-hash' }]),
  listHouseholdMembers: (db) => repo.listHouseholdMembers(db, SAMPLE.countyScope, SAMPLE.uuid),
  insertPerson: (db) => repo.insertPerson(db, newPerson),
  updatePerson: (db) =>
    repo.updatePerson(db, SAMPLE.uuid, {
      name: '张三',
      ethnicity: '汉族',
      registration_type: 'floating',
      relation_to_head: null,
      household_id: null,
      house_id: null,
      grid_code: SAMPLE.gridCode,
      county_code: SAMPLE.countyCode,
      version: 2,
      updated_at: SAMPLE.now,
    }),
  bumpPersonVersion: (db) => repo.bumpPersonVersion(db, SAMPLE.uuid),
  findPersonName: (db) => repo.findPersonName(db, SAMPLE.countyScope, SAMPLE.uuid),
  findPersonPlace: (db) => repo.findPersonPlace(db, SAMPLE.countyScope, SAMPLE.uuid),
  findPeopleGrids: (db) => repo.findPeopleGrids(db, SAMPLE.countyScope, [SAMPLE.uuid, SAMPLE.uuid2]),
  listPresentMemberIds: (db) => repo.listPresentMemberIds(db, SAMPLE.uuid),
  listHouseResidents: (db) => repo.listHouseResidents(db, SAMPLE.countyScope, SAMPLE.uuid),
});

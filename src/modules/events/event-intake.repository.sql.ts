import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './event-intake.repository.js';

const event = {
  county_code: SAMPLE.countyCode,
  grid_code: SAMPLE.gridCode,
  number: 'SJ-620702-20260105-000001',
  tracking_code: 'ABCDEFGHJK',
  category_code: '0101',
  channel: 'desk' as const,
  description: '楼道堆放杂物',
  address: null,
  lng: 98.5,
  lat: 39.7,
  reporter_name_enc: null,
  reporter_phone_enc: null,
  reporter_phone_hash: null,
  reporter_ip_hash: null,
  status: 'reported' as const,
  due_at: SAMPLE.now,
  warn_at: SAMPLE.now,
  stage: 'accept' as const,
  stage_due_at: SAMPLE.now,
  centre: 'dispute' as const,
  routing_rule_id: null,
  routed_unit_id: null,
  receiving_unit_id: SAMPLE.uuid2,
  owner_unit_id: SAMPLE.uuid2,
  is_dispute: true,
  possible_duplicate_of: null,
  created_by: null,
  created_by_name: null,
  created_at: SAMPLE.now,
  updated_at: SAMPLE.now,
};
const party = {
  county_code: SAMPLE.countyCode,
  event_id: SAMPLE.uuid,
  role: 'applicant' as const,
  person_id: null,
  name_enc: 'enc',
  phone_enc: null,
  id_number_enc: null,
  created_at: SAMPLE.now,
};
const key = { categoryCode: '0101', lng: 98.5, lat: 39.7, since: SAMPLE.now };

export default sqlSnapshot('event-intake', repo, {
  insertEventsWithFirstSteps: (db) => repo.insertEventsWithFirstSteps(db, [event]),
  insertParties: (db) => repo.insertParties(db, [party]),
  advanceNumberCounters: (db) =>
    repo.advanceNumberCounters(db, { counties: [SAMPLE.countyCode], days: ['20260105'], counts: [2] }),
  lockReporterPhone: (db) => repo.lockReporterPhone(db, 'hash'),
  countPublicReports: (db) => repo.countPublicReports(db, 'reporter_phone_hash', 'hash', SAMPLE.now),
  findDuplicates: (db) => repo.findDuplicates(db, [key, { ...key, lat: 39.8 }], 200),
  findHouseLocation: (db) => repo.findHouseLocation(db, SAMPLE.countyScope, '东街'),
  findPersonInScope: (db) => repo.findPersonInScope(db, SAMPLE.countyScope, SAMPLE.uuid),
});

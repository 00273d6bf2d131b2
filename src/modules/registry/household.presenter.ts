import type { HouseholdRow, PersonRow } from '../../db/schema.js';
import { toTimeline } from '../../http/common.schemas.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import type { TimelineRow } from './element-history.js';
import { maskedIdNumber } from './person.presenter.js';
import { presentVisitSummary, type VisitSummaryRow } from './visit.presenter.js';

type MemberRow = Pick<
  PersonRow,
  'id' | 'name' | 'sex' | 'birth_date' | 'id_number_enc' | 'relation_to_head' | 'status'
>;

export interface HouseholdSearchRow {
  id: string;
  number: string;
  address: string;
  grid_code: string;
  status: string;
  head_name: string | null;
  member_count: string | number | null;
}

export function presentNewHousehold(h: HouseholdRow) {
  return { id: h.id, number: h.number, address: h.address, gridCode: h.grid_code, houseId: h.house_id };
}

export function presentHouseholdSearchHit(r: HouseholdSearchRow) {
  return {
    id: r.id,
    number: r.number,
    address: r.address,
    gridCode: r.grid_code,
    status: r.status,
    headName: r.head_name,
    memberCount: Number(r.member_count ?? 0),
  };
}

/** Members are listed with masked ID numbers; the full one has its own audited endpoint. */
export function presentMember(m: MemberRow, cipher: PersonalDataCipher) {
  return {
    id: m.id,
    name: m.name,
    sex: m.sex,
    birthDate: String(m.birth_date),
    relationToHead: m.relation_to_head,
    status: m.status,
    idNumberMasked: maskedIdNumber(cipher, m.id_number_enc),
  };
}

export function presentHouseholdDetail(
  d: { household: HouseholdRow; members: MemberRow[]; visits: VisitSummaryRow[]; timeline: TimelineRow[] },
  cipher: PersonalDataCipher,
) {
  const h = d.household;
  return {
    id: h.id,
    number: h.number,
    address: h.address,
    gridCode: h.grid_code,
    houseId: h.house_id,
    headPersonId: h.head_person_id,
    status: h.status,
    members: d.members.map((m) => presentMember(m, cipher)),
    visits: d.visits.map(presentVisitSummary),
    timeline: toTimeline(d.timeline),
  };
}

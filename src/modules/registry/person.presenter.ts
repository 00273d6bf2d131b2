import type { PersonRow, PersonTagRow } from '../../db/schema.js';
import { iso, isoOrNull, toTimeline } from '../../http/common.schemas.js';
import { maskIdNumber, maskPhone, type PersonalDataCipher } from '../../lib/personal-data.js';
import type { TimelineRow } from './element-history.js';

/** The columns of a people-list row (listPeople), with the person's active tags. */
export interface PersonListRow {
  id: string;
  name: string;
  sex: PersonRow['sex'];
  birth_date: PersonRow['birth_date'];
  id_number_enc: string;
  phone_enc: string | null;
  grid_code: string;
  status: PersonRow['status'];
  registration_type: PersonRow['registration_type'];
  household_id: string | null;
  relation_to_head: string | null;
  tags: string[];
}

export interface OverdueVisitRow {
  id: string;
  tag: string;
  risk_level: PersonTagRow['risk_level'];
  next_visit_due: Date;
  last_visit_at: Date | null;
  grid_code: string;
  person_id: string;
  person_name: string;
  worker_name: string | null;
}

/** ID numbers and phones leave the server masked; the full value has its own audited endpoint. */
export function maskedIdNumber(cipher: PersonalDataCipher, enc: string): string {
  return maskIdNumber(cipher.decrypt(enc));
}

export function maskedPhone(cipher: PersonalDataCipher, enc: string | null): string | null {
  return enc ? maskPhone(cipher.decrypt(enc)) : null;
}

export function presentPersonListItem(r: PersonListRow, cipher: PersonalDataCipher) {
  return {
    id: r.id,
    name: r.name,
    sex: r.sex,
    birthDate: String(r.birth_date),
    gridCode: r.grid_code,
    status: r.status,
    registrationType: r.registration_type,
    householdId: r.household_id,
    relationToHead: r.relation_to_head,
    tags: r.tags,
    idNumberMasked: maskedIdNumber(cipher, r.id_number_enc),
    phoneMasked: maskedPhone(cipher, r.phone_enc),
  };
}

export function presentPerson(p: PersonRow, cipher: PersonalDataCipher) {
  return {
    id: p.id,
    name: p.name,
    sex: p.sex,
    birthDate: String(p.birth_date),
    ethnicity: p.ethnicity,
    gridCode: p.grid_code,
    countyCode: p.county_code,
    registrationType: p.registration_type,
    householdId: p.household_id,
    relationToHead: p.relation_to_head,
    houseId: p.house_id,
    status: p.status,
    version: p.version,
    createdAt: p.created_at.toISOString(),
    updatedAt: p.updated_at.toISOString(),
    idNumberMasked: maskedIdNumber(cipher, p.id_number_enc),
    phoneMasked: maskedPhone(cipher, p.phone_enc),
  };
}

export function presentTag(t: PersonTagRow) {
  return {
    id: t.id,
    tag: t.tag,
    riskLevel: t.risk_level,
    responsibleWorkerId: t.responsible_worker_id,
    visitIntervalDays: t.visit_interval_days,
    details: t.details as Record<string, unknown>,
    lastVisitAt: isoOrNull(t.last_visit_at),
    nextVisitDue: iso(t.next_visit_due),
    active: t.active,
  };
}

/** A person's page: the masked record, every tag (ended ones too) and the version timeline. */
export function presentPersonDetail(
  d: { person: PersonRow; tags: PersonTagRow[]; timeline: TimelineRow[] },
  cipher: PersonalDataCipher,
) {
  return { ...presentPerson(d.person, cipher), tags: d.tags.map(presentTag), timeline: toTimeline(d.timeline) };
}

export function presentOverdueVisit(r: OverdueVisitRow, now: Date) {
  return {
    tagId: r.id,
    tag: r.tag,
    riskLevel: r.risk_level,
    personId: r.person_id,
    personName: r.person_name,
    gridCode: r.grid_code,
    workerName: r.worker_name,
    nextVisitDue: iso(r.next_visit_due),
    lastVisitAt: isoOrNull(r.last_visit_at),
    overdueDays: Math.floor((now.getTime() - r.next_visit_due.getTime()) / 86_400_000),
  };
}

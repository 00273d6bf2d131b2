import { maskIdNumber, maskPhone, type PersonalDataCipher } from '../../lib/personal-data.js';
import { HOUSE_USE, ORG_KIND, REGISTRATION, RENTAL } from './columns.js';
import type { housesPage, organizationsPage, peoplePage } from './export.repository.js';

export type Cell = string | number | null;

const invert = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [v, k]));
const REG = invert(REGISTRATION);
const USE = invert(HOUSE_USE);
const RENT = invert(RENTAL);
const KIND = invert(ORG_KIND);
const PERSON_STATUS: Record<string, string> = { present: '在册', moved_out: '迁出', deceased: '死亡' };
const HOUSE_STATUS: Record<string, string> = { active: '在用', demolished: '已拆除' };
const ORG_STATUS: Record<string, string> = { active: '正常', closed: '已关闭', moved_out: '已迁出' };

type PersonExportRow = Awaited<ReturnType<typeof peoplePage>>[number];
type HouseExportRow = Awaited<ReturnType<typeof housesPage>>[number];
type OrganizationExportRow = Awaited<ReturnType<typeof organizationsPage>>[number];

/** How personal fields leave in a file: masked, unless the caller may and did ask for them in full. */
export interface PersonalFields {
  idNumber(enc: string): string;
  phone(enc: string | null): string | null;
}

export function personalFields(cipher: PersonalDataCipher, full: boolean): PersonalFields {
  return {
    idNumber: (enc) => {
      const v = cipher.decrypt(enc);
      return full ? v : maskIdNumber(v);
    },
    phone: (enc) => {
      if (!enc) return null;
      const v = cipher.decrypt(enc);
      return full ? v : maskPhone(v);
    },
  };
}

/** Cells in the order of EXPORT_HEADERS.people; enum values as the import templates write them. */
export function personCells(r: PersonExportRow, f: PersonalFields): Cell[] {
  return [
    r.name,
    f.idNumber(r.id_number_enc),
    r.sex === 'male' ? '男' : '女',
    String(r.birth_date),
    r.ethnicity,
    f.phone(r.phone_enc),
    REG[r.registration_type] ?? r.registration_type,
    r.grid_code,
    r.household_number,
    r.relation_to_head,
    PERSON_STATUS[r.status] ?? r.status,
  ];
}

export function houseCells(r: HouseExportRow): Cell[] {
  return [
    r.address,
    r.grid_code,
    r.lng,
    r.lat,
    USE[r.use] ?? r.use,
    RENT[r.rental_status] ?? r.rental_status,
    r.floors,
    r.owner_name,
    HOUSE_STATUS[r.status] ?? r.status,
  ];
}

export function organizationCells(r: OrganizationExportRow, f: PersonalFields): Cell[] {
  return [
    r.name,
    KIND[r.kind] ?? r.kind,
    r.credit_code,
    r.address,
    r.grid_code,
    r.contact_name,
    f.phone(r.contact_phone_enc),
    r.employee_count,
    ORG_STATUS[r.status] ?? r.status,
  ];
}

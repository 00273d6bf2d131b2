import { iso, toTimeline } from '../../http/common.schemas.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import type { TimelineRow } from './element-history.js';
import type { OrganizationRow } from './organization.repository.js';
import { maskedPhone } from './person.presenter.js';

interface MemberRow {
  person_id: string;
  name: string;
  role: string;
  started_at: Date;
}

/** The contact phone is personal data: always masked here. */
export function presentOrganization(o: OrganizationRow, cipher: PersonalDataCipher) {
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    creditCode: o.credit_code,
    address: o.address,
    lng: o.lng,
    lat: o.lat,
    gridCode: o.grid_code,
    contactName: o.contact_name,
    contactPhoneMasked: maskedPhone(cipher, o.contact_phone_enc),
    employeeCount: o.employee_count,
    status: o.status,
    version: o.version,
  };
}

export function presentOrganizationDetail(
  d: { organization: OrganizationRow; members: MemberRow[]; timeline: TimelineRow[] },
  cipher: PersonalDataCipher,
) {
  return {
    ...presentOrganization(d.organization, cipher),
    members: d.members.map((m) => ({ personId: m.person_id, name: m.name, role: m.role, since: iso(m.started_at) })),
    timeline: toTimeline(d.timeline),
  };
}

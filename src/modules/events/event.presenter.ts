import type { Selectable } from 'kysely';
import type { EventCategoryTable, EventPartyTable, EventRow } from '../../db/schema.js';
import { iso, isoOrNull } from '../../http/common.schemas.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import { isOpen, type Rating } from './event-state-machine.js';

type Decrypt = Pick<PersonalDataCipher, 'decrypt'>;
type EventCategoryRow = Selectable<EventCategoryTable>;
type EventPartyRow = Selectable<EventPartyTable>;
export type UnitRef = { id: string; name: string; kind: string };

/** 138****5678 for a phone of digits; other text is shown as it is (entered by hand on the desk). */
export function maskedPhone(phone: string): string {
  return phone.replace(/^(\d{3})\d+(\d{4})$/, '$1****$2');
}

/** The reporter's phone, masked, for the event page and the queue. */
export function maskedReporterPhone(e: Pick<EventRow, 'reporter_phone_enc'>, cipher: Decrypt): string | null {
  return e.reporter_phone_enc ? maskedPhone(cipher.decrypt(e.reporter_phone_enc)) : null;
}

/** Deadline colour as the sweeper last flagged it, or as the clock says if the sweep has not run yet. */
export const deadlineColour = (
  e: Pick<EventRow, 'status' | 'overdue_at' | 'due_at' | 'warned_at' | 'warn_at'>,
  now: Date,
) =>
  !isOpen(e.status)
    ? ('normal' as const)
    : e.overdue_at || e.due_at <= now
      ? ('red' as const)
      : e.warned_at || e.warn_at <= now
        ? ('yellow' as const)
        : ('normal' as const);

export interface EventContext {
  now: Date;
  maskedPhone: string | null;
  categoryName: string;
  units: Map<string, UnitRef>;
  refs?: Map<string, string>;
}

export function presentEvent(e: EventRow, c: EventContext) {
  const unit = (id: string | null) => (id ? (c.units.get(id) ?? null) : null);
  const ref = (id: string | null) => (id ? { id, number: c.refs?.get(id) ?? '' } : null);
  return {
    id: e.id,
    number: e.number,
    trackingCode: e.tracking_code,
    status: e.status,
    gridCode: e.grid_code,
    countyCode: e.county_code,
    categoryCode: e.category_code,
    categoryName: c.categoryName,
    channel: e.channel,
    description: e.description,
    address: e.address,
    location: { lng: e.lng, lat: e.lat },
    dueAt: iso(e.due_at),
    createdAt: iso(e.created_at),
    updatedAt: iso(e.updated_at),
    closedAt: isoOrNull(e.closed_at),
    rating: (e.rating as Rating | null) ?? null,
    version: e.version,
    reporterPhoneMasked: c.maskedPhone,
    deadline: deadlineColour(e, c.now),
    centre: e.centre,
    receivingUnit: unit(e.receiving_unit_id),
    ownerUnit: unit(e.owner_unit_id),
    leadUnit: unit(e.lead_unit_id),
    suggestedUnit: unit(e.routed_unit_id),
    stage: e.stage,
    stageDueAt: isoOrNull(e.stage_due_at),
    supervised: e.supervised_at !== null,
    escalationLevel: e.escalation_level,
    isDispute: e.is_dispute,
    possibleDuplicateOf: ref(e.possible_duplicate_of),
    mergedInto: ref(e.merged_into),
  };
}

/** A page of events with the unit and category names looked up once for the page. */
export function presentEvents(
  rows: EventRow[],
  names: { units: Map<string, UnitRef>; categoryNames: Map<string, string> },
  cipher: Decrypt,
  now: Date,
) {
  return rows.map((e) =>
    presentEvent(e, {
      now,
      maskedPhone: maskedReporterPhone(e, cipher),
      categoryName: names.categoryNames.get(e.category_code) ?? '',
      units: names.units,
    }),
  );
}

/** The two-level taxonomy: top-level categories with their children. */
export function presentCategories(rows: EventCategoryRow[]) {
  return rows
    .filter((r) => r.parent_code === null)
    .map((p) => ({
      code: p.code,
      name: p.name,
      nameEn: p.name_en,
      centre: p.centre,
      children: rows
        .filter((c) => c.parent_code === p.code)
        .map((c) => ({ code: c.code, name: c.name, nameEn: c.name_en, limitWorkingDays: c.limit_working_days })),
    }));
}

/** Masked parties for the event page: the full data is read through the audited person record. */
export function presentParties(parties: EventPartyRow[], cipher: Decrypt) {
  return parties.map((p) => {
    const name = cipher.decrypt(p.name_enc);
    const phone = p.phone_enc ? cipher.decrypt(p.phone_enc) : null;
    return {
      id: p.id,
      role: p.role,
      nameMasked: `${name.slice(0, 1)}${'*'.repeat(Math.max(1, name.length - 1))}`,
      phoneMasked: phone ? maskedPhone(phone) : null,
      personId: p.person_id,
    };
  });
}

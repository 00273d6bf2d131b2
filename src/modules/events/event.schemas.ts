import { z } from 'zod';
import type { EventRow } from '../../db/schema.js';
import { instant, iso, isoOrNull } from '../../http/common.schemas.js';

export const rating = z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']);
export const unitRef = z.object({ id: z.string(), name: z.string(), kind: z.string() }).nullable();
const eventRef = z.object({ id: z.string(), number: z.string() }).nullable();

export const eventOut = z.object({
  id: z.string(), number: z.string(), trackingCode: z.string(), status: z.string(), gridCode: z.string(), countyCode: z.string(), categoryCode: z.string(), categoryName: z.string(),
  channel: z.string(), description: z.string(), address: z.string().nullable(), location: z.object({ lng: z.number(), lat: z.number() }),
  dueAt: instant, createdAt: instant, updatedAt: instant, closedAt: instant.nullable(), rating: rating.nullable(), version: z.number(), reporterPhoneMasked: z.string().nullable(),
  deadline: z.enum(['normal', 'yellow', 'red']),
  centre: z.enum(['dispute', 'convenience', 'government', 'operations']), receivingUnit: unitRef, ownerUnit: unitRef, leadUnit: unitRef, suggestedUnit: unitRef,
  stage: z.enum(['accept', 'dispatch', 'handle', 'verify']).nullable(), stageDueAt: instant.nullable(), supervised: z.boolean(), escalationLevel: z.number(), isDispute: z.boolean(),
  possibleDuplicateOf: eventRef, mergedInto: eventRef,
});
export type EventOut = z.infer<typeof eventOut>;

const OPEN = (status: string) => !['rejected', 'closed', 'rated'].includes(status);

/** Deadline colour as the sweeper last flagged it, or as the clock says if the sweep has not run yet. */
export const deadlineColour = (e: Pick<EventRow, 'status' | 'overdue_at' | 'due_at' | 'warned_at' | 'warn_at'>, now: Date) =>
  !OPEN(e.status) ? ('normal' as const) : e.overdue_at || e.due_at <= now ? ('red' as const) : e.warned_at || e.warn_at <= now ? ('yellow' as const) : ('normal' as const);

export interface EventContext {
  now: Date;
  maskedPhone: string | null;
  categoryName: string;
  units: Map<string, { id: string; name: string; kind: string }>;
  refs?: Map<string, string>;
}

export function toEvent(e: EventRow, c: EventContext): EventOut {
  const unit = (id: string | null) => (id ? (c.units.get(id) ?? null) : null);
  const ref = (id: string | null) => (id ? { id, number: c.refs?.get(id) ?? '' } : null);
  return {
    id: e.id, number: e.number, trackingCode: e.tracking_code, status: e.status, gridCode: e.grid_code, countyCode: e.county_code, categoryCode: e.category_code, categoryName: c.categoryName,
    channel: e.channel, description: e.description, address: e.address, location: { lng: e.lng, lat: e.lat }, dueAt: iso(e.due_at), createdAt: iso(e.created_at),
    updatedAt: iso(e.updated_at), closedAt: isoOrNull(e.closed_at), rating: (e.rating as z.infer<typeof rating> | null) ?? null, version: e.version, reporterPhoneMasked: c.maskedPhone,
    deadline: deadlineColour(e, c.now), centre: e.centre, receivingUnit: unit(e.receiving_unit_id), ownerUnit: unit(e.owner_unit_id), leadUnit: unit(e.lead_unit_id),
    suggestedUnit: unit(e.routed_unit_id), stage: e.stage, stageDueAt: isoOrNull(e.stage_due_at), supervised: e.supervised_at !== null, escalationLevel: e.escalation_level,
    isDispute: e.is_dispute, possibleDuplicateOf: ref(e.possible_duplicate_of), mergedInto: ref(e.merged_into),
  };
}

export const coHandlerOut = z.object({
  id: z.string(), unit: z.object({ id: z.string(), name: z.string(), kind: z.string() }), task: z.string(), status: z.enum(['open', 'done', 'cancelled']),
  dueAt: instant, overdue: z.boolean(), feedback: z.string().nullable(), doneAt: instant.nullable(),
});

export const mediationOut = z.object({
  status: z.enum(['open', 'resolved', 'exhausted', 'withdrawn']), levelIndex: z.number(), levelKey: z.string(), levelDueAt: instant.nullable(), levelUnit: unitRef,
  outcome: z.string().nullable(), agreement: z.string().nullable(), resolvedLevelKey: z.string().nullable(),
  levels: z.array(z.object({ key: z.string(), name: z.string(), nameEn: z.string(), workingDays: z.number() })),
  steps: z.array(z.object({ levelIndex: z.number(), levelKey: z.string(), startedAt: instant, dueAt: instant, endedAt: instant.nullable(), result: z.enum(['resolved', 'failed', 'timeout']).nullable(), note: z.string().nullable(), actor: z.string().nullable() })),
});

export const newEventBody = z.object({
  categoryCode: z.string().regex(/^\d{2,8}$/), description: z.string().trim().min(5).max(4000),
  location: z.object({ lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }).nullable().optional(), address: z.string().trim().max(200).nullable().optional(),
  reporter: z.object({ name: z.string().trim().max(50).nullable().optional(), phone: z.string().trim().max(20).nullable().optional() }).nullable().optional(),
});

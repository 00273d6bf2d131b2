import { z } from 'zod';
import { instant } from '../../http/common.schemas.js';

export const rating = z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']);
export const unitRef = z.object({ id: z.string(), name: z.string(), kind: z.string() }).nullable();
const eventRef = z.object({ id: z.string(), number: z.string() }).nullable();

export const eventOut = z.object({
  id: z.string(),
  number: z.string(),
  trackingCode: z.string(),
  status: z.string(),
  gridCode: z.string(),
  countyCode: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  channel: z.string(),
  description: z.string(),
  address: z.string().nullable(),
  location: z.object({ lng: z.number(), lat: z.number() }),
  dueAt: instant,
  createdAt: instant,
  updatedAt: instant,
  closedAt: instant.nullable(),
  rating: rating.nullable(),
  version: z.number(),
  reporterPhoneMasked: z.string().nullable(),
  deadline: z.enum(['normal', 'yellow', 'red']),
  centre: z.enum(['dispute', 'convenience', 'government', 'operations']),
  receivingUnit: unitRef,
  ownerUnit: unitRef,
  leadUnit: unitRef,
  suggestedUnit: unitRef,
  stage: z.enum(['accept', 'dispatch', 'handle', 'verify']).nullable(),
  stageDueAt: instant.nullable(),
  supervised: z.boolean(),
  escalationLevel: z.number(),
  isDispute: z.boolean(),
  possibleDuplicateOf: eventRef,
  mergedInto: eventRef,
});
export type EventOut = z.infer<typeof eventOut>;

// The joint-handling routes read the deadline colour from here.
export { deadlineColour } from './event.presenter.js';

export const coHandlerOut = z.object({
  id: z.string(),
  unit: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  task: z.string(),
  status: z.enum(['open', 'done', 'cancelled']),
  dueAt: instant,
  overdue: z.boolean(),
  feedback: z.string().nullable(),
  doneAt: instant.nullable(),
});

export const mediationOut = z.object({
  status: z.enum(['open', 'resolved', 'exhausted', 'withdrawn']),
  levelIndex: z.number(),
  levelKey: z.string(),
  levelDueAt: instant.nullable(),
  levelUnit: unitRef,
  outcome: z.string().nullable(),
  agreement: z.string().nullable(),
  resolvedLevelKey: z.string().nullable(),
  levels: z.array(z.object({ key: z.string(), name: z.string(), nameEn: z.string(), workingDays: z.number() })),
  steps: z.array(
    z.object({
      levelIndex: z.number(),
      levelKey: z.string(),
      startedAt: instant,
      dueAt: instant,
      endedAt: instant.nullable(),
      result: z.enum(['resolved', 'failed', 'timeout']).nullable(),
      note: z.string().nullable(),
      actor: z.string().nullable(),
    }),
  ),
});

export const newEventBody = z.object({
  categoryCode: z.string().regex(/^\d{2,8}$/),
  description: z.string().trim().min(5).max(4000),
  location: z
    .object({ lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) })
    .nullable()
    .optional(),
  address: z.string().trim().max(200).nullable().optional(),
  reporter: z
    .object({
      name: z.string().trim().max(50).nullable().optional(),
      phone: z.string().trim().max(20).nullable().optional(),
    })
    .nullable()
    .optional(),
});

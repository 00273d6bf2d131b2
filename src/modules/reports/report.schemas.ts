import { z } from 'zod';
import { calendarDate } from '../../http/common.schemas.js';

/** The situation report's JSON (GET /api/reports/situation); the DOCX and PDF render the same body. */
const period = z.object({ from: z.string(), to: z.string(), label: z.string() });
const ratio = z.number().nullable().describe('(current − base) / base; null when the base is 0');
const catRow = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  current: z.number(),
  previous: z.number(),
  lastYear: z.number(),
});

export const situationReport = z.object({
  area: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  period,
  previous: period,
  lastYear: period,
  generatedAt: z.string(),
  totals: z.object({
    current: z.number(),
    previous: z.number(),
    lastYear: z.number(),
    change: ratio,
    yoy: ratio,
    disputes: z.number(),
    closed: z.number(),
    overdue: z.number(),
    rated: z.number(),
    unsatisfied: z.number(),
  }),
  categories: z.array(catRow.extend({ change: ratio, yoy: ratio })).describe('top-level groups, all listed'),
  topCategories: z.array(catRow),
  rising: z
    .array(catRow.extend({ increase: z.number(), change: ratio, yoy: ratio }))
    .describe('subcategories with more events than the period before'),
  trend: z.array(z.object({ month: z.string(), current: z.number(), lastYear: z.number() })),
  hotspots: z.object({
    grids: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        village: z.string().nullable(),
        events: z.number(),
        disputes: z.number(),
      }),
    ),
    places: z
      .array(
        z.object({
          id: z.string(),
          name: z.string(),
          address: z.string(),
          kind: z.string(),
          gridCode: z.string(),
          events: z.number(),
        }),
      )
      .describe('events matched to the nearest registry place of their grid within ~150 m'),
    addresses: z.array(z.object({ address: z.string(), events: z.number() })),
  }),
  mediation: z.object({
    total: z.number(),
    open: z.number(),
    exhausted: z.number(),
    withdrawn: z.number(),
    levels: z.array(
      z.object({ key: z.string(), name: z.string(), nameEn: z.string(), resolved: z.number(), share: z.number() }),
    ),
  }),
  overdueUnits: z.array(
    z.object({ unitId: z.string().nullable(), name: z.string().nullable(), events: z.number(), overdue: z.number() }),
  ),
  summary: z.array(z.string()),
});

const date = calendarDate;
export const situationQuery = z.object({
  areaCode: z
    .string()
    .regex(/^\d{6}(\d{3}){0,3}$/, 'code_format')
    .optional(),
  from: date.optional().describe('Shanghai date, inclusive; with to. Default: the last complete quarter'),
  to: date.optional(),
});

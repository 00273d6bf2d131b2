import { z } from 'zod';

export const calendarDayKind = z.enum(['holiday', 'workday']);

const officialEntry = z.object({ kind: calendarDayKind, name: z.string(), nameEn: z.string() });

export const calendarDay = z.object({
  date: z.string(),
  kind: calendarDayKind,
  name: z.string().nullable(),
  nameEn: z.string().nullable(),
  source: z.enum(['official', 'override']).describe('official: from the dataset; override: an administrator’s edit'),
  official: officialEntry.nullable().describe('What the dataset says of the date (what removing an override restores)'),
});

/** Shared by GET /api/calendar/status and the health detail. */
export const calendarStatus = z.object({
  today: z.string().describe('Today in Asia/Shanghai'),
  dataset: z.string().describe('The official dataset and its release, e.g. "chinese-days 1.5.7"'),
  official: z
    .object({ first: z.number(), last: z.number() })
    .nullable()
    .describe('The first and last year the dataset holds'),
  overrideYears: z.array(z.number()).describe('Years with at least one administrator’s override'),
  currentYear: z.number(),
  nextYear: z.number(),
  currentYearMissing: z.boolean(),
  nextYearMissing: z.boolean().describe('Next year is neither in the dataset nor entered as overrides'),
  warnFrom: z.string().describe('From this date (1 November) a missing next year is a warning'),
  warning: z.enum(['current-year-missing', 'next-year-missing']).nullable(),
});

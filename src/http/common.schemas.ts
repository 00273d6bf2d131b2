import { z } from 'zod';
import { AREA_LEVELS } from '../kernel/area-code.js';

export const areaLevel = z.enum(AREA_LEVELS as ['city', 'county', 'township', 'village', 'grid']);
export const areaCode = z.string().regex(/^\d{6}(\d{3}){0,3}$/, 'code_format');

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const ring = z.array(position).min(4);
export const geometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) }),
]);

/** An int4 column's range: an integer beyond it is bad input, never a database error. */
export const INT4_MAX = 2_147_483_647;
export const int4 = z
  .number()
  .int()
  .min(-INT4_MAX - 1, 'integer_out_of_range')
  .max(INT4_MAX, 'integer_out_of_range');
/** Page size and offset in a query string: bounded so the database never sees an out-of-range value. */
export const pageLimit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);
export const pageOffset = z.coerce.number().int().min(0).max(1_000_000, 'integer_out_of_range').default(0);

const INT8_MAX = 9_223_372_036_854_775_807n;
/** A bigint (int8) id as decimal digits, e.g. an audit entry id used as a cursor. */
export const bigintId = z
  .string()
  .regex(/^\d{1,19}$/, 'id_format')
  .refine((s) => !/^\d{1,19}$/.test(s) || BigInt(s) <= INT8_MAX, 'integer_out_of_range');

/** True for a YYYY-MM-DD that names a real day (no 2026-02-30) between 1900 and 2100. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2100 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}
/** A calendar day YYYY-MM-DD that exists; the format message first, then "no such date". */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date_format')
  .refine((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) || isCalendarDate(s), 'date_invalid');

export const errorBody = z.object({
  error: z.object({
    id: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
  requestId: z.string(),
});

/** Responses carry instants as ISO-8601 UTC strings; the web app shows them in Asia/Shanghai. */
export const instant = z.string();
export const iso = (d: Date) => d.toISOString();
export const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

/** Standard error responses, so the OpenAPI document shows them. */
export const errors = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  429: errorBody,
};

/** One version of a registry element, as every record page shows it. */
export const timelineItem = z.object({
  version: z.number(),
  at: instant,
  actor: z.string(),
  action: z.string(),
  changes: z.unknown(),
  reason: z.string().nullable(),
});
type TimelineRow = {
  version: number;
  at: Date;
  actor_name: string;
  action: string;
  changes: unknown;
  reason: string | null;
};
export const toTimeline = (rows: TimelineRow[]) =>
  rows.map((r) => ({
    version: r.version,
    at: iso(r.at),
    actor: r.actor_name,
    action: r.action,
    changes: r.changes,
    reason: r.reason,
  }));

/** Cursor pagination on (instant, uuid), newest first: an opaque base64url token of both. */
export const encodeCursor = (at: Date, id: string) => Buffer.from(`${iso(at)}|${id}`).toString('base64url');
export function decodeCursor(token: string | undefined): { at: Date; id: string } | undefined {
  if (!token) return undefined;
  const [at, id] = Buffer.from(token, 'base64url').toString().split('|');
  return at && id && !Number.isNaN(Date.parse(at)) && /^[0-9a-f-]{36}$/.test(id) ? { at: new Date(at), id } : undefined;
}

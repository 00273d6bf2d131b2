import { z } from 'zod';
import type { EventRow } from '../../db/schema.js';
import { allowedActions, EVENT_ACTIONS, type EventAction, type EventActorRole, type EventStatus, type Rating, RULES } from '../../domain/event-state-machine.js';
import type { Actor } from '../../services/context.js';
import { forbidden } from '../../services/errors.js';
import type { AppDeps, ZodApp } from '../app-types.js';
import { bearerSecurity, requireActor } from '../auth.js';
import { areaCode, errors, instant, iso, isoOrNull } from '../common.schemas.js';

const rating = z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']);
const eventOut = z.object({
  id: z.string(), number: z.string(), trackingCode: z.string(), status: z.string(), gridCode: z.string(), countyCode: z.string(), categoryCode: z.string(),
  channel: z.string(), description: z.string(), address: z.string().nullable(), location: z.object({ lng: z.number(), lat: z.number() }),
  dueAt: instant, createdAt: instant, updatedAt: instant, closedAt: instant.nullable(), rating: rating.nullable(), version: z.number(), reporterPhoneMasked: z.string().nullable(),
  deadline: z.enum(['normal', 'yellow', 'red']),
});
/** Deadline colour as the sweeper last flagged it, or as the clock says if the sweep has not run yet. */
const deadlineColour = (e: EventRow, now: Date) =>
  e.closed_at || ['rejected', 'closed', 'rated'].includes(e.status) ? ('normal' as const) : e.overdue_at || e.due_at <= now ? ('red' as const) : e.warned_at || e.warn_at <= now ? ('yellow' as const) : ('normal' as const);
const toEvent = (e: EventRow, maskedPhone: string | null, now: Date) => ({
  deadline: deadlineColour(e, now),
  id: e.id, number: e.number, trackingCode: e.tracking_code, status: e.status, gridCode: e.grid_code, countyCode: e.county_code, categoryCode: e.category_code,
  channel: e.channel, description: e.description, address: e.address, location: { lng: e.lng, lat: e.lat }, dueAt: iso(e.due_at), createdAt: iso(e.created_at),
  updatedAt: iso(e.updated_at), closedAt: isoOrNull(e.closed_at), rating: (e.rating as z.infer<typeof rating> | null) ?? null, version: e.version, reporterPhoneMasked: maskedPhone,
});

/** Which side of the state machine an account acts on for this action. */
function roleFor(actor: Actor, action: EventAction): EventActorRole {
  const rule = RULES[action];
  if (rule.roles.includes('operator') && actor.permissions.has('event:operate')) return 'operator';
  if (rule.roles.includes('handler') && actor.permissions.has('event:handle')) return 'handler';
  throw forbidden();
}

export function eventRoutes(app: ZodApp, { services, cipher, clock }: AppDeps) {
  const masked = (e: EventRow) => (e.reporter_phone_enc ? cipher.decrypt(e.reporter_phone_enc).replace(/^(\d{3})\d+(\d{4})$/, '$1****$2') : null);

  app.get(
    '/api/event-categories',
    {
      schema: {
        tags: ['events'], summary: 'The two-level event taxonomy',
        response: { 200: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string(), children: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string(), limitWorkingDays: z.number() })) })) },
      },
    },
    async () => {
      const rows = await services.events.categories();
      return rows
        .filter((r) => r.parent_code === null)
        .map((p) => ({ code: p.code, name: p.name, nameEn: p.name_en, children: rows.filter((c) => c.parent_code === p.code).map((c) => ({ code: c.code, name: c.name, nameEn: c.name_en, limitWorkingDays: c.limit_working_days })) }));
    },
  );

  app.post(
    '/api/events',
    {
      schema: {
        tags: ['events'], summary: 'Report an event; its grid comes from the location, its deadline from the category and the working-day calendar', security: bearerSecurity,
        body: z.object({
          categoryCode: z.string().regex(/^\d{2,8}$/), description: z.string().trim().min(5).max(4000),
          location: z.object({ lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }), address: z.string().trim().max(200).nullable().optional(),
          reporter: z.object({ name: z.string().trim().max(50).nullable().optional(), phone: z.string().trim().max(20).nullable().optional() }).nullable().optional(),
          channel: z.enum(['desk', 'grid', 'hotline', 'api']).optional(),
        }),
        response: { 201: eventOut, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req, 'event:create');
      const e = await services.events.create(actor, req.body);
      return reply.status(201).send(toEvent(e, masked(e), clock.now()));
    },
  );

  app.get(
    '/api/events',
    {
      schema: {
        tags: ['events'], summary: 'Events in your scope, newest first; cursor pagination with `before`', security: bearerSecurity,
        querystring: z.object({ areaCode: areaCode.optional(), status: z.string().max(20).optional(), categoryCode: z.string().max(8).optional(), before: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ items: z.array(eventOut), next: z.string().nullable() }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'event:read');
      const [at, id] = req.query.before ? Buffer.from(req.query.before, 'base64url').toString().split('|') : [];
      const rows = await services.events.list(actor.scope, { gridPrefix: req.query.areaCode, status: req.query.status, categoryCode: req.query.categoryCode, before: at && id ? { at: new Date(at), id } : undefined, limit: req.query.limit });
      const last = rows[rows.length - 1];
      return { items: rows.map((e) => toEvent(e, masked(e), clock.now())), next: last && rows.length === req.query.limit ? Buffer.from(`${iso(last.created_at)}|${last.id}`).toString('base64url') : null };
    },
  );

  app.get(
    '/api/events/:id',
    {
      schema: {
        tags: ['events'], summary: 'One event with its timeline, within your scope', security: bearerSecurity, params: z.object({ id: z.uuid() }),
        response: { 200: eventOut.extend({ actions: z.array(z.enum(EVENT_ACTIONS)), timeline: z.array(z.object({ at: instant, actor: z.string(), action: z.string(), from: z.string().nullable(), to: z.string(), note: z.string().nullable() })) }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'event:read');
      const { event, timeline } = await services.events.get(actor.scope, req.params.id);
      const state = { status: event.status as EventStatus, suspendedFrom: null, reopenCount: event.reopen_count, rating: (event.rating as Rating | null) ?? null, openCoHandlerTasks: 0 };
      const actions = [
        ...(actor.permissions.has('event:operate') ? allowedActions(state, 'operator') : []),
        ...(actor.permissions.has('event:handle') ? allowedActions(state, 'handler') : []),
      ].filter((a, i, all) => all.indexOf(a) === i && a !== 'rate' && a !== 'reopen');
      return { ...toEvent(event, masked(event), clock.now()), actions, timeline: timeline.map((t) => ({ at: iso(t.at), actor: t.actor_name, action: t.action, from: t.from_status, to: t.to_status, note: t.note })) };
    },
  );

  app.post(
    '/api/events/:id/transitions',
    {
      schema: {
        tags: ['events'], summary: 'Move an event through the closed loop; 409 for a transition the state machine forbids', security: bearerSecurity, params: z.object({ id: z.uuid() }),
        body: z.object({ action: z.enum(EVENT_ACTIONS), note: z.string().trim().max(2000).nullable().optional(), rating: rating.optional(), override: z.boolean().optional() }),
        response: { 200: eventOut, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'event:read');
      const e = await services.events.transition(actor, req.params.id, req.body, roleFor(actor, req.body.action));
      return toEvent(e, masked(e), clock.now());
    },
  );

  app.get(
    '/api/track/:code',
    {
      schema: {
        tags: ['events'], summary: 'Public tracking: status and a public timeline, with no personal data', params: z.object({ code: z.string().regex(/^[A-Z0-9]{6,16}$/) }),
        response: { 200: z.object({ number: z.string(), status: z.string(), category: z.string(), createdAt: instant, dueAt: instant, closedAt: instant.nullable(), rating: rating.nullable(), canRate: z.boolean(), timeline: z.array(z.object({ at: instant, status: z.string(), note: z.string().nullable() })) }), 404: errors[404] },
      },
    },
    async (req) => {
      const { e, steps } = await services.events.track(req.params.code);
      return {
        number: e.number, status: e.status, category: e.category, createdAt: iso(e.created_at), dueAt: iso(e.due_at), closedAt: isoOrNull(e.closed_at),
        rating: (e.rating as z.infer<typeof rating> | null) ?? null, canRate: e.status === 'closed', timeline: steps.map((s) => ({ at: iso(s.at), status: s.to_status, note: s.public_note })),
      };
    },
  );

  app.post(
    '/api/track/:code/rating',
    {
      schema: {
        tags: ['events'], summary: "The resident rates a closed event once (满意/基本满意/不满意)", params: z.object({ code: z.string().regex(/^[A-Z0-9]{6,16}$/) }),
        body: z.object({ rating, note: z.string().trim().max(500).optional() }), response: { 200: z.object({ status: z.string(), rating }), ...errors },
      },
    },
    async (req) => {
      const e = await services.events.transition(null, '', { action: 'rate', rating: req.body.rating, note: req.body.note ?? null }, 'resident', { trackingCode: req.params.code });
      return { status: e.status, rating: req.body.rating };
    },
  );
}

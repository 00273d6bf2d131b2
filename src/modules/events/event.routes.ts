import { z } from 'zod';
import type { AppDeps, ZodApp } from '../../http/app-types.js';
import { bearerSecurity, requireActor } from '../../http/auth.js';
import { areaCode, decodeCursor, encodeCursor, errors, instant } from '../../http/common.schemas.js';
import { forbidden, invalidField } from '../../lib/errors.js';
import { actingRole, canAddCoHandler, canAttach, canMerge, eventActions, mediationActions } from './event.policy.js';
import {
  maskedReporterPhone,
  presentCategories,
  presentEvent,
  presentEvents,
  presentParties,
} from './event.presenter.js';
import { coHandlerOut, eventOut, mediationOut, newEventBody, rating } from './event.schemas.js';
import { presentAttachments, presentCoHandlers, presentMediation, presentTimeline } from './event-detail.presenter.js';
import { EVENT_ACTIONS } from './event-state-machine.js';

const party = z.object({
  role: z.enum(['reporter', 'applicant', 'respondent', 'other']),
  name: z.string().trim().min(1).max(50),
  phone: z.string().trim().max(20).nullable().optional(),
  idNumber: z.string().trim().max(18).nullable().optional(),
  personId: z.uuid().nullable().optional(),
});
const CSV_STATUS = z
  .string()
  .max(200)
  .regex(/^[a-z_,]*$/)
  .optional();

export function eventRoutes(app: ZodApp, { services, cipher, clock }: AppDeps) {
  /** The API shape of a list of events: unit and category names from one look at the reference tables. */
  const present = async (rows: Parameters<typeof presentEvents>[0]) =>
    presentEvents(rows, await services.events.namesFor(rows), cipher, clock.now());

  app.get(
    '/api/event-categories',
    {
      schema: {
        tags: ['events'],
        summary: 'The two-level event taxonomy',
        response: {
          200: z.array(
            z.object({
              code: z.string(),
              name: z.string(),
              nameEn: z.string(),
              centre: z.string(),
              children: z.array(
                z.object({ code: z.string(), name: z.string(), nameEn: z.string(), limitWorkingDays: z.number() }),
              ),
            }),
          ),
        },
      },
    },
    async () => {
      return presentCategories(await services.events.categories());
    },
  );

  app.post(
    '/api/events',
    {
      schema: {
        tags: ['events'],
        summary:
          'Report an event; its grid comes from the location (or the address), its route from the rules, its deadline from the category and the working-day calendar',
        security: bearerSecurity,
        body: newEventBody.extend({
          channel: z.enum(['desk', 'grid', 'hotline', 'api']).optional(),
          parties: z.array(party).max(20).optional(),
        }),
        response: { 201: eventOut, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req, 'event:create');
      if (!req.body.location && !req.body.address) throw invalidField('location', 'location_or_address_required');
      const e = await services.events.create(actor, req.body, { ip: req.ip });
      return reply.status(201).send((await present([e]))[0]!);
    },
  );

  app.post(
    '/api/public/events',
    {
      schema: {
        tags: ['events'],
        summary: 'A resident reports without an account; limited per phone and per address. Answers the tracking code.',
        body: newEventBody.extend({
          reporter: z.object({
            name: z.string().trim().max(50).nullable().optional(),
            phone: z.string().trim().min(5).max(20),
          }),
        }),
        response: { 201: z.object({ number: z.string(), trackingCode: z.string(), status: z.string() }), ...errors },
      },
    },
    async (req, reply) => {
      if (!req.body.location && !req.body.address) throw invalidField('location', 'location_or_address_required');
      const e = await services.events.create(null, { ...req.body, channel: 'public' }, { ip: req.ip });
      return reply.status(201).send({ number: e.number, trackingCode: e.tracking_code, status: e.status });
    },
  );

  app.get(
    '/api/events',
    {
      schema: {
        tags: ['events'],
        summary: 'The work queue: events in your scope, newest first; cursor pagination with `before`',
        security: bearerSecurity,
        querystring: z.object({
          areaCode: areaCode.optional(),
          status: CSV_STATUS,
          categoryCode: z
            .string()
            .regex(/^\d{2,8}$/)
            .optional(),
          deadline: z.enum(['yellow', 'red']).optional(),
          channel: z.enum(['desk', 'grid', 'hotline', 'public', 'api']).optional(),
          centre: z.enum(['dispute', 'convenience', 'government', 'operations']).optional(),
          mine: z.enum(['true', 'false']).optional(),
          supervised: z.enum(['true', 'false']).optional(),
          dispute: z.enum(['true', 'false']).optional(),
          before: z.string().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(eventOut), next: z.string().nullable() }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'event:read');
      const q = req.query;
      const before = decodeCursor(q.before);
      if (q.mine === 'true' && !actor.unitId) return { items: [], next: null };
      const rows = await services.events.list(actor.scope, {
        gridPrefix: q.areaCode,
        statuses: q.status ? q.status.split(',').filter(Boolean) : undefined,
        categoryCode: q.categoryCode,
        deadline: q.deadline,
        channel: q.channel,
        centre: q.centre,
        unitId: q.mine === 'true' ? (actor.unitId ?? undefined) : undefined,
        supervised: q.supervised === 'true',
        dispute: q.dispute === 'true',
        before,
        limit: q.limit,
      });
      const last = rows[rows.length - 1];
      return {
        items: await present(rows),
        next: last && rows.length === q.limit ? encodeCursor(last.created_at, last.id) : null,
      };
    },
  );

  app.get(
    '/api/events/:id',
    {
      schema: {
        tags: ['events'],
        summary:
          'One event with its timeline, parties (masked), joint tasks, mediation case and attachments, within your scope',
        security: bearerSecurity,
        params: z.object({ id: z.uuid() }),
        response: {
          200: eventOut.extend({
            actions: z.array(z.enum(EVENT_ACTIONS)),
            mediationActions: z.array(z.enum(['resolve', 'fail'])),
            canAddCoHandler: z.boolean(),
            canMerge: z.boolean(),
            canAttach: z.boolean(),
            timeline: z.array(
              z.object({
                id: z.string(),
                at: instant,
                actor: z.string(),
                action: z.string(),
                from: z.string().nullable(),
                to: z.string(),
                note: z.string().nullable(),
                unit: z.string().nullable(),
                attachments: z.array(z.object({ id: z.string(), fileName: z.string() })),
              }),
            ),
            parties: z.array(
              z.object({
                id: z.string(),
                role: z.string(),
                nameMasked: z.string(),
                phoneMasked: z.string().nullable(),
                personId: z.string().nullable(),
              }),
            ),
            coHandlers: z.array(coHandlerOut),
            mediation: mediationOut.nullable(),
            attachments: z.array(
              z.object({
                id: z.string(),
                fileName: z.string(),
                mime: z.string(),
                size: z.number(),
                createdAt: instant,
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'event:read');
      const d = await services.events.get(actor.scope, req.params.id);
      const e = d.event;
      const now = clock.now();
      const attachments = await services.attachments.listFor(e.id);
      return {
        ...presentEvent(e, {
          now,
          maskedPhone: maskedReporterPhone(e, cipher),
          categoryName: d.categoryName,
          units: d.units,
          refs: new Map(d.links.map((l) => [l.id, l.number])),
        }),
        actions: eventActions(actor, e),
        mediationActions: mediationActions(d.mediation, (m) => services.mediation.canAct(actor, m)),
        canAddCoHandler: canAddCoHandler(actor, e),
        canMerge: canMerge(actor, e),
        canAttach: canAttach(
          actor,
          e,
          d.coHandlers.filter((t) => t.status === 'open').map((t) => t.unit_id),
        ),
        timeline: presentTimeline(d.timeline, d.stepFiles),
        parties: presentParties(d.parties, cipher),
        coHandlers: presentCoHandlers(d.coHandlers, now),
        mediation: presentMediation(d.mediation),
        attachments: presentAttachments(attachments),
      };
    },
  );

  app.post(
    '/api/events/:id/transitions',
    {
      schema: {
        tags: ['events'],
        summary: 'Move an event through the closed loop; 409 for a transition the state machine forbids',
        security: bearerSecurity,
        params: z.object({ id: z.uuid() }),
        body: z.object({
          action: z.enum(EVENT_ACTIONS),
          note: z.string().trim().max(2000).nullable().optional(),
          rating: rating.optional(),
          override: z.boolean().optional(),
          unitId: z.uuid().nullable().optional(),
        }),
        response: { 200: eventOut, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'event:read');
      const role = actingRole(actor, req.body.action);
      if (!role) throw forbidden();
      const e = await services.events.transition(actor, req.params.id, req.body, role);
      return (await present([e]))[0]!;
    },
  );

  app.post(
    '/api/events/bulk-dispatch',
    {
      schema: {
        tags: ['events'],
        summary: 'Dispatch many accepted events; each succeeds or fails on its own',
        security: bearerSecurity,
        body: z.object({
          ids: z.array(z.uuid()).min(1).max(200),
          unitId: z.uuid().nullable().optional(),
          note: z.string().trim().max(2000).nullable().optional(),
        }),
        response: {
          200: z.object({
            dispatched: z.array(z.string()),
            failed: z.array(z.object({ id: z.string(), error: z.string() })),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'event:operate');
      return services.events.loop.bulkDispatch(actor, req.body.ids, req.body.unitId ?? null, req.body.note ?? null);
    },
  );

  app.post(
    '/api/events/:id/merge',
    {
      schema: {
        tags: ['events'],
        summary: 'Merge a duplicate into the open original; both timelines are kept',
        security: bearerSecurity,
        params: z.object({ id: z.uuid() }),
        body: z.object({ intoId: z.uuid(), note: z.string().trim().min(2).max(2000) }),
        response: { 200: eventOut, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'event:operate');
      const e = await services.events.loop.merge(actor, req.params.id, req.body.intoId, req.body.note);
      return (await present([e]))[0]!;
    },
  );
}

import { z } from 'zod';
import type { AppDeps, ZodApp } from '../../http/app-types.js';
import { bearerSecurity, requireActor } from '../../http/auth.js';
import { areaCode, errors, instant, timelineItem } from '../../http/common.schemas.js';
import { presentOverdueVisit, presentPersonDetail, presentPersonListItem } from './person.presenter.js';
import { needs } from './registry.policy.js';
import { presentSearchHits } from './search-result.presenter.js';
import { SPECIAL_GROUPS } from './special-groups.js';

const registrationType = z.enum(['registered', 'floating', 'overseas']);
const personStatus = z.enum(['present', 'moved_out', 'deceased']);
const riskLevel = z.enum(['red', 'yellow', 'blue']);

const personListItem = z.object({
  id: z.string(),
  name: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: z.string(),
  gridCode: z.string(),
  status: personStatus,
  registrationType,
  householdId: z.string().nullable(),
  relationToHead: z.string().nullable(),
  tags: z.array(z.string()),
  idNumberMasked: z.string(),
  phoneMasked: z.string().nullable(),
});
const tag = z.object({
  id: z.string(),
  tag: z.string(),
  riskLevel,
  responsibleWorkerId: z.string().nullable(),
  visitIntervalDays: z.number(),
  details: z.record(z.string(), z.unknown()),
  lastVisitAt: instant.nullable(),
  nextVisitDue: instant,
  active: z.boolean(),
});
const personDetail = z.object({
  id: z.string(),
  name: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: z.string(),
  ethnicity: z.string(),
  gridCode: z.string(),
  countyCode: z.string(),
  registrationType,
  householdId: z.string().nullable(),
  relationToHead: z.string().nullable(),
  houseId: z.string().nullable(),
  status: personStatus,
  version: z.number(),
  createdAt: instant,
  updatedAt: instant,
  idNumberMasked: z.string(),
  phoneMasked: z.string().nullable(),
  tags: z.array(tag),
  timeline: z.array(timelineItem),
});

const name = z.string().trim().min(1).max(50);
const phone = z.string().trim().max(20);
const idParams = z.object({ id: z.uuid() });

export function personRoutes(app: ZodApp, { services, clock, cipher }: AppDeps) {
  const detail = async (scope: Parameters<typeof services.people.get>[0], id: string) =>
    presentPersonDetail(await services.people.get(scope, id), cipher);

  app.get(
    '/api/search',
    {
      schema: {
        tags: ['registry'],
        summary: 'One search box: people, households, houses, places and organisations in your scope',
        security: bearerSecurity,
        querystring: z.object({
          q: z.string().trim().min(1).max(50),
          areaCode: areaCode.optional(),
          limit: z.coerce.number().int().min(1).max(50).default(10),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                type: z.enum(['person', 'household', 'house', 'place', 'organization']),
                id: z.string(),
                title: z.string(),
                subtitle: z.string(),
                gridCode: z.string(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req, ...needs('see'));
      const found = await services.search.search(actor.scope, req.query.q, {
        gridPrefix: req.query.areaCode,
        limit: req.query.limit,
      });
      return { items: presentSearchHits(found, cipher, req.query.limit) };
    },
  );

  app.get(
    '/api/special-groups',
    { schema: { tags: ['registry'], summary: 'Special groups with their fields, visit intervals and default risk' } },
    async () => SPECIAL_GROUPS,
  );

  app.get(
    '/api/people',
    {
      schema: {
        tags: ['registry'],
        summary: 'People in your scope (masked). q: a name fragment, an ID number, a phone, or the last 4 of either',
        security: bearerSecurity,
        querystring: z.object({
          q: z.string().trim().min(1).max(50).optional(),
          areaCode: areaCode.optional(),
          tag: z.string().max(40).optional(),
          riskLevel: riskLevel.optional(),
          status: personStatus.optional(),
          after: z.uuid().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(personListItem), next: z.string().nullable() }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, ...needs('see'));
      const { areaCode: gridPrefix, after, ...rest } = req.query;
      const rows = await services.people.list(actor.scope, { ...rest, gridPrefix, afterId: after });
      const items = rows.map((r) => presentPersonListItem(r, cipher));
      return { items, next: items.length === req.query.limit ? items[items.length - 1]!.id : null };
    },
  );

  app.post(
    '/api/people',
    {
      schema: {
        tags: ['registry'],
        summary: 'Register a person (实有人口)',
        security: bearerSecurity,
        body: z.object({
          name,
          idNumber: z.string().trim().max(20),
          birthDate: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/)
            .optional(),
          sex: z.enum(['male', 'female']).optional(),
          ethnicity: z.string().trim().max(20).optional(),
          phone: phone.nullable().optional(),
          registrationType,
          gridCode: areaCode.optional(),
          householdId: z.uuid().nullable().optional(),
          relationToHead: z.string().trim().max(20).nullable().optional(),
          houseId: z.uuid().nullable().optional(),
          reason: z.string().max(500).optional(),
        }),
        response: { 201: personDetail, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req, ...needs('create'));
      const { reason, ...input } = req.body;
      const p = await services.people.create(actor, input, reason ?? null);
      return reply.status(201).send(await detail(actor.scope, p.id));
    },
  );

  app.get(
    '/api/people/:id',
    {
      schema: {
        tags: ['registry'],
        summary: 'A person with tags and version timeline (masked)',
        security: bearerSecurity,
        params: idParams,
        response: { 200: personDetail, ...errors },
      },
    },
    async (req) => detail(requireActor(req, ...needs('see')).scope, req.params.id),
  );

  app.patch(
    '/api/people/:id',
    {
      schema: {
        tags: ['registry'],
        summary: 'Update a person; every change becomes a version',
        security: bearerSecurity,
        params: idParams,
        body: z.object({
          name: name.optional(),
          ethnicity: z.string().trim().max(20).optional(),
          phone: phone.nullable().optional(),
          registrationType: registrationType.optional(),
          householdId: z.uuid().nullable().optional(),
          relationToHead: z.string().trim().max(20).nullable().optional(),
          houseId: z.uuid().nullable().optional(),
          version: z.number().int().optional(),
          reason: z.string().max(500).optional(),
        }),
        response: { 200: personDetail, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, ...needs('edit'));
      const { reason, ...patch } = req.body;
      await services.people.update(actor, req.params.id, patch, reason ?? null);
      return detail(actor.scope, req.params.id);
    },
  );

  app.post(
    '/api/people/:id/status',
    {
      schema: {
        tags: ['registry'],
        summary: '迁入/迁出 to another grid, or a change of status; history is kept',
        security: bearerSecurity,
        params: idParams,
        body: z
          .object({
            status: personStatus.optional(),
            gridCode: areaCode.optional(),
            reason: z.string().trim().min(2).max(500),
          })
          .refine((b) => b.status || b.gridCode, 'nothing_to_change'),
        response: { 200: personDetail, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, ...needs('edit'));
      await services.people.changeStatus(actor, req.params.id, req.body, req.body.reason);
      return detail(actor.scope, req.params.id);
    },
  );

  app.get(
    '/api/people/:id/personal/:field',
    {
      schema: {
        tags: ['registry'],
        summary: 'The full ID number or phone (needs personal:read_full; audited)',
        security: bearerSecurity,
        params: z.object({ id: z.uuid(), field: z.enum(['idNumber', 'phone']) }),
        response: { 200: z.object({ value: z.string().nullable() }), ...errors },
      },
    },
    async (req) => ({
      value: await services.people.reveal(
        requireActor(req, ...needs('seeFullPersonalData')),
        req.params.id,
        req.params.field,
      ),
    }),
  );

  app.post(
    '/api/people/:id/tags',
    {
      schema: {
        tags: ['registry'],
        summary: 'Put a person in a special group, with its fields, risk level and visit interval',
        security: bearerSecurity,
        params: idParams,
        body: z.object({
          tag: z.string().max(40),
          riskLevel: riskLevel.optional(),
          responsibleWorkerId: z.uuid().nullable().optional(),
          visitIntervalDays: z.number().int().min(1).max(366).optional(),
          details: z.record(z.string(), z.union([z.string().max(200), z.number(), z.boolean()])).optional(),
          reason: z.string().max(500).optional(),
        }),
        response: { 200: personDetail, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, ...needs('edit'));
      const { reason, ...input } = req.body;
      await services.visits.addTag(actor, req.params.id, input, reason ?? null);
      return detail(actor.scope, req.params.id);
    },
  );

  app.delete(
    '/api/people/:id/tags/:tag',
    {
      schema: {
        tags: ['registry'],
        summary: 'End a special-group tag (kept in history)',
        security: bearerSecurity,
        params: z.object({ id: z.uuid(), tag: z.string().max(40) }),
        querystring: z.object({ reason: z.string().trim().min(2).max(500) }),
        response: { 200: personDetail, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, ...needs('edit'));
      await services.visits.endTag(actor, req.params.id, req.params.tag, req.query.reason);
      return detail(actor.scope, req.params.id);
    },
  );

  app.get(
    '/api/overdue-visits',
    {
      schema: {
        tags: ['registry'],
        summary: 'Special-group members whose visit is overdue, most overdue first',
        security: bearerSecurity,
        querystring: z.object({
          areaCode: areaCode.optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                tagId: z.string(),
                tag: z.string(),
                riskLevel,
                personId: z.string(),
                personName: z.string(),
                gridCode: z.string(),
                workerName: z.string().nullable(),
                nextVisitDue: instant,
                lastVisitAt: instant.nullable(),
                overdueDays: z.number(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req, ...needs('see'));
      const now = clock.now();
      const rows = await services.visits.overdue(
        actor.scope,
        req.query.areaCode ?? actor.scope.prefix,
        req.query.limit,
      );
      return { items: rows.map((r) => presentOverdueVisit(r, now)) };
    },
  );
}

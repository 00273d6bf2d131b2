import { z } from 'zod';
import type { AppDeps, ZodApp } from '../../http/app-types.js';
import { bearerSecurity, requireActor } from '../../http/auth.js';
import { areaCode, errors, instant, timelineItem } from '../../http/common.schemas.js';
import { presentHouse, presentHouseDetail } from './house.presenter.js';
import { presentHouseholdDetail, presentHouseholdSearchHit, presentNewHousehold } from './household.presenter.js';
import { needs } from './registry.policy.js';
import { presentNewVisit } from './visit.presenter.js';

const houseUse = z.enum(['residential', 'commercial', 'office', 'industrial', 'mixed', 'other']);
const rentalStatus = z.enum(['owner_occupied', 'rented', 'vacant']);
const house = z.object({
  id: z.string(),
  address: z.string(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  gridCode: z.string(),
  use: z.string(),
  rentalStatus: z.string(),
  floors: z.number().nullable(),
  areaM2: z.number().nullable(),
  ownerName: z.string().nullable(),
  status: z.string(),
  version: z.number(),
});
const idParams = z.object({ id: z.uuid() });
const lng = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);

export function householdRoutes(app: ZodApp, { services, cipher }: AppDeps) {
  app.post(
    '/api/houses',
    {
      schema: {
        tags: ['registry'],
        summary: 'Register a house (实有房屋); its grid comes from its location',
        security: bearerSecurity,
        body: z.object({
          address: z.string().trim().min(2).max(200),
          lng: lng.nullable().optional(),
          lat: lat.nullable().optional(),
          gridCode: areaCode.optional(),
          use: houseUse,
          rentalStatus: rentalStatus.optional(),
          floors: z.number().int().min(1).max(200).nullable().optional(),
          areaM2: z.number().min(0).max(1e6).nullable().optional(),
          ownerName: z.string().trim().max(50).nullable().optional(),
          reason: z.string().max(500).optional(),
        }),
        response: { 201: house, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req, ...needs('create'));
      const { reason, ...input } = req.body;
      return reply.status(201).send(presentHouse(await services.households.createHouse(actor, input, reason ?? null)));
    },
  );

  app.get(
    '/api/houses',
    {
      schema: {
        tags: ['registry'],
        summary: 'Houses under an area, by address fragment',
        security: bearerSecurity,
        querystring: z.object({
          areaCode: areaCode.optional(),
          q: z.string().trim().max(50).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ items: z.array(house) }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, ...needs('see'));
      const { areaCode: prefix, ...opts } = req.query;
      return {
        items: (await services.households.listHouses(actor.scope, prefix ?? actor.scope.prefix, opts)).map(
          presentHouse,
        ),
      };
    },
  );

  app.get(
    '/api/houses/:id',
    {
      schema: {
        tags: ['registry'],
        summary: 'A house with its households, residents and timeline',
        security: bearerSecurity,
        params: idParams,
        response: {
          200: house.extend({
            households: z.array(
              z.object({ id: z.string(), number: z.string(), address: z.string(), status: z.string() }),
            ),
            residents: z.array(
              z.object({ id: z.string(), name: z.string(), status: z.string(), registrationType: z.string() }),
            ),
            timeline: z.array(timelineItem),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      return presentHouseDetail(
        await services.households.getHouse(requireActor(req, ...needs('see')).scope, req.params.id),
      );
    },
  );

  app.patch(
    '/api/houses/:id',
    {
      schema: {
        tags: ['registry'],
        summary: 'Update a house; a new location re-assigns its grid',
        security: bearerSecurity,
        params: idParams,
        body: z.object({
          address: z.string().trim().min(2).max(200).optional(),
          lng: lng.nullable().optional(),
          lat: lat.nullable().optional(),
          use: houseUse.optional(),
          rentalStatus: rentalStatus.optional(),
          floors: z.number().int().min(1).max(200).nullable().optional(),
          areaM2: z.number().min(0).max(1e6).nullable().optional(),
          ownerName: z.string().trim().max(50).nullable().optional(),
          status: z.enum(['active', 'demolished']).optional(),
          version: z.number().int().optional(),
          reason: z.string().max(500).optional(),
        }),
        response: { 200: house, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, ...needs('edit'));
      const { reason, ...patch } = req.body;
      return presentHouse(await services.households.updateHouse(actor, req.params.id, patch, reason ?? null));
    },
  );

  app.post(
    '/api/households',
    {
      schema: {
        tags: ['registry'],
        summary: 'Open a household (户), in a house or a grid',
        security: bearerSecurity,
        body: z.object({
          number: z.string().trim().min(1).max(40).optional(),
          address: z.string().trim().min(2).max(200).optional(),
          houseId: z.uuid().nullable().optional(),
          gridCode: areaCode.optional(),
        }),
        response: {
          201: z.object({
            id: z.string(),
            number: z.string(),
            address: z.string(),
            gridCode: z.string(),
            houseId: z.string().nullable(),
          }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const h = await services.households.createHousehold(requireActor(req, ...needs('create')), req.body);
      return reply.status(201).send(presentNewHousehold(h));
    },
  );

  app.get(
    '/api/households',
    {
      schema: {
        tags: ['registry'],
        summary: 'Find households by address fragment, number or head of household',
        security: bearerSecurity,
        querystring: z.object({
          q: z.string().trim().min(1).max(50),
          areaCode: areaCode.optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                number: z.string(),
                address: z.string(),
                gridCode: z.string(),
                status: z.string(),
                headName: z.string().nullable(),
                memberCount: z.number(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req, ...needs('see'));
      const rows = await services.households.searchHouseholds(
        actor.scope,
        req.query.q,
        req.query.areaCode,
        req.query.limit,
      );
      return { items: rows.map(presentHouseholdSearchHit) };
    },
  );

  app.get(
    '/api/households/:id',
    {
      schema: {
        tags: ['registry'],
        summary: 'A household with members (masked), recent visits and timeline',
        security: bearerSecurity,
        params: idParams,
        response: {
          200: z.object({
            id: z.string(),
            number: z.string(),
            address: z.string(),
            gridCode: z.string(),
            houseId: z.string().nullable(),
            headPersonId: z.string().nullable(),
            status: z.string(),
            members: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                sex: z.string(),
                birthDate: z.string(),
                relationToHead: z.string().nullable(),
                status: z.string(),
                idNumberMasked: z.string(),
              }),
            ),
            visits: z.array(
              z.object({
                id: z.string(),
                visitedAt: instant,
                observed: z.string(),
                requests: z.string().nullable(),
                finding: z.string().nullable(),
                findingStatus: z.string(),
              }),
            ),
            timeline: z.array(timelineItem),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const r = await services.households.getHousehold(requireActor(req, ...needs('see')).scope, req.params.id);
      return presentHouseholdDetail(r, cipher);
    },
  );

  app.post(
    '/api/visits',
    {
      schema: {
        tags: ['registry'],
        summary: 'Record a visit (走访 / 民情报告单); visited special-group members get their next visit date',
        security: bearerSecurity,
        body: z.object({
          householdId: z.uuid().nullable().optional(),
          personIds: z.array(z.uuid()).max(50).optional(),
          houseId: z.uuid().nullable().optional(),
          organizationId: z.uuid().nullable().optional(),
          visitedAt: z.iso.datetime({ offset: true }).optional(),
          observed: z.string().trim().min(2).max(4000),
          requests: z.string().trim().max(4000).nullable().optional(),
          finding: z.string().trim().max(4000).nullable().optional(),
        }),
        response: {
          201: z.object({ id: z.string(), gridCode: z.string(), visitedAt: instant, findingStatus: z.string() }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const { visitedAt, ...rest } = req.body;
      const v = await services.visits.record(requireActor(req, ...needs('edit')), {
        ...rest,
        visitedAt: visitedAt ? new Date(visitedAt) : undefined,
      });
      return reply.status(201).send(presentNewVisit(v));
    },
  );
}

export function visitHandoffRoute(app: ZodApp, { services }: AppDeps) {
  app.post(
    '/api/visits/:id/handoff',
    {
      schema: {
        tags: ['registry'],
        summary: "Turn a visit's finding into an event with one action (once)",
        security: bearerSecurity,
        params: z.object({ id: z.uuid() }),
        body: z.object({ categoryCode: z.string().regex(/^\d{4,8}$/) }),
        response: { 201: z.object({ eventId: z.string() }), ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req, ...needs('handOffFinding'));
      return reply
        .status(201)
        .send({ eventId: await services.visits.handOffFinding(actor, req.params.id, req.body.categoryCode) });
    },
  );
}

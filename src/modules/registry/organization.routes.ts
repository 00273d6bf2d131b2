import { z } from 'zod';
import type { AppDeps, ZodApp } from '../../http/app-types.js';
import { bearerSecurity, requireActor } from '../../http/auth.js';
import { areaCode, errors, instant, timelineItem } from '../../http/common.schemas.js';
import { presentOrganization, presentOrganizationDetail } from './organization.presenter.js';
import {
  presentLocated,
  presentMapLayer,
  presentPlace,
  presentPlaceDetail,
  presentThing,
  presentThingDetail,
} from './place-thing.presenter.js';
import { PLACE_KINDS, THING_SUBTYPES } from './place-thing.service.js';
import { needs } from './registry.policy.js';

const orgKind = z.enum(['enterprise', 'social_org', 'school', 'hospital', 'party_org', 'other']);
const lng = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);
const organization = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  creditCode: z.string().nullable(),
  address: z.string(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  gridCode: z.string(),
  contactName: z.string().nullable(),
  contactPhoneMasked: z.string().nullable(),
  employeeCount: z.number().nullable(),
  status: z.string(),
  version: z.number(),
});
const located = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  gridCode: z.string(),
  lng: z.number(),
  lat: z.number(),
  status: z.string(),
  version: z.number(),
});
const idParams = z.object({ id: z.uuid() });
const orgBody = {
  name: z.string().trim().min(1).max(100),
  kind: orgKind,
  creditCode: z.string().trim().max(18).nullable().optional(),
  address: z.string().trim().min(2).max(200),
  lng: lng.nullable().optional(),
  lat: lat.nullable().optional(),
  gridCode: areaCode.optional(),
  contactName: z.string().trim().max(50).nullable().optional(),
  contactPhone: z.string().trim().max(20).nullable().optional(),
  employeeCount: z.number().int().min(0).max(1e6).nullable().optional(),
};

export function organizationRoutes(app: ZodApp, { services, cipher }: AppDeps) {
  const detail = async (scope: Parameters<typeof services.organizations.get>[0], id: string) =>
    presentOrganizationDetail(await services.organizations.get(scope, id), cipher);
  const orgDetail = organization.extend({
    members: z.array(z.object({ personId: z.string(), name: z.string(), role: z.string(), since: instant })),
    timeline: z.array(timelineItem),
  });

  app.post(
    '/api/organizations',
    {
      schema: {
        tags: ['registry'],
        summary: 'Register an organisation (组织); the credit code is checked (GB 32100)',
        security: bearerSecurity,
        body: z.object({ ...orgBody, reason: z.string().max(500).optional() }),
        response: { 201: orgDetail, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req, ...needs('create'));
      const { reason, ...input } = req.body;
      const o = await services.organizations.create(actor, input, reason ?? null);
      return reply.status(201).send(await detail(actor.scope, o.id));
    },
  );

  app.get(
    '/api/organizations/:id',
    {
      schema: {
        tags: ['registry'],
        security: bearerSecurity,
        params: idParams,
        response: { 200: orgDetail, ...errors },
      },
    },
    async (req) => detail(requireActor(req, ...needs('see')).scope, req.params.id),
  );

  app.patch(
    '/api/organizations/:id',
    {
      schema: {
        tags: ['registry'],
        summary: 'Update an organisation; moving it between grids keeps its history',
        security: bearerSecurity,
        params: idParams,
        body: z.object({
          ...(Object.fromEntries(Object.entries(orgBody).map(([k, v]) => [k, v.optional()])) as {
            [K in keyof typeof orgBody]: z.ZodOptional<(typeof orgBody)[K]>;
          }),
          status: z.enum(['active', 'closed', 'moved_out']).optional(),
          version: z.number().int().optional(),
          reason: z.string().max(500).optional(),
        }),
        response: { 200: orgDetail, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, ...needs('edit'));
      const { reason, ...patch } = req.body;
      await services.organizations.update(actor, req.params.id, patch, reason ?? null);
      return detail(actor.scope, req.params.id);
    },
  );

  app.post(
    '/api/organizations/:id/members',
    {
      schema: {
        tags: ['registry'],
        summary: 'Link a person as an employee or member',
        security: bearerSecurity,
        params: idParams,
        body: z.object({ personId: z.uuid(), role: z.string().trim().min(1).max(30).default('员工') }),
        response: { 200: orgDetail, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, ...needs('edit'));
      await services.organizations.addMember(actor, req.params.id, req.body.personId, req.body.role);
      return detail(actor.scope, req.params.id);
    },
  );

  app.post(
    '/api/places',
    {
      schema: {
        tags: ['registry'],
        summary: 'Register a public place (场所); its grid comes from its location',
        security: bearerSecurity,
        body: z.object({
          name: z.string().trim().min(1).max(100),
          kind: z.enum(PLACE_KINDS),
          address: z.string().trim().min(2).max(200),
          lng,
          lat,
          responsibleUnitId: z.uuid().nullable().optional(),
        }),
        response: { 201: located, ...errors },
      },
    },
    async (req, reply) => {
      const p = await services.placesThings.createPlace(requireActor(req, ...needs('create')), req.body);
      return reply.status(201).send(presentLocated(p));
    },
  );

  app.post(
    '/api/things',
    {
      schema: {
        tags: ['registry'],
        summary: 'Register a facility, hazard (安全隐患点) or camera (视频监控点)',
        security: bearerSecurity,
        body: z.object({
          kind: z.enum(['facility', 'hazard', 'camera']),
          subtype: z.string().max(30),
          name: z.string().trim().min(1).max(100),
          lng,
          lat,
          status: z.enum(['normal', 'fault', 'rectifying', 'removed']).optional(),
          responsibleUnitId: z.uuid().nullable().optional(),
          details: z.record(z.string(), z.union([z.string().max(200), z.number(), z.boolean()])).optional(),
        }),
        response: { 201: located, ...errors },
      },
    },
    async (req, reply) => {
      const t = await services.placesThings.createThing(requireActor(req, ...needs('create')), req.body);
      return reply.status(201).send(presentLocated(t));
    },
  );

  app.patch(
    '/api/things/:id',
    {
      schema: {
        tags: ['registry'],
        summary: "Change a thing's status, name, location or details",
        security: bearerSecurity,
        params: idParams,
        body: z.object({
          status: z.enum(['normal', 'fault', 'rectifying', 'removed']).optional(),
          name: z.string().trim().min(1).max(100).optional(),
          lng: lng.optional(),
          lat: lat.optional(),
          details: z.record(z.string(), z.union([z.string().max(200), z.number(), z.boolean()])).optional(),
          version: z.number().int().optional(),
          reason: z.string().max(500).optional(),
        }),
        response: { 200: located, ...errors },
      },
    },
    async (req) => {
      const { reason, ...patch } = req.body;
      const t = await services.placesThings.updateThing(
        requireActor(req, ...needs('edit')),
        req.params.id,
        patch,
        reason ?? null,
      );
      return presentLocated(t);
    },
  );

  app.get(
    '/api/map-layers/:layer',
    {
      schema: {
        tags: ['registry'],
        summary: 'Places, things or organisations under an area, as GeoJSON points for the map (never people)',
        security: bearerSecurity,
        params: z.object({ layer: z.enum(['places', 'facilities', 'hazards', 'cameras', 'organizations']) }),
        querystring: z.object({ areaCode, limit: z.coerce.number().int().min(1).max(20000).default(5000) }),
      },
    },
    async (req) => {
      const actor = requireActor(req, ...needs('see'));
      const { layer } = req.params;
      const { areaCode: prefix, limit } = req.query;
      const rows =
        layer === 'places'
          ? await services.placesThings.listPlaces(actor.scope, prefix, { limit })
          : layer === 'organizations'
            ? await services.organizations.listLocated(actor.scope, prefix, limit)
            : await services.placesThings.listThings(actor.scope, prefix, {
                kind: layer === 'facilities' ? 'facility' : layer === 'hazards' ? 'hazard' : 'camera',
                limit,
              });
      return presentMapLayer(rows);
    },
  );

  const listQuery = z.object({
    areaCode: areaCode.optional(),
    q: z.string().trim().max(50).optional(),
    kind: z.string().max(30).optional(),
    status: z.string().max(20).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  });

  app.get(
    '/api/organizations',
    {
      schema: {
        tags: ['registry'],
        summary: 'Organisations under an area (contact phones masked)',
        security: bearerSecurity,
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(organization) }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, ...needs('see'));
      const { areaCode: prefix, ...opts } = req.query;
      const rows = await services.organizations.list(actor.scope, prefix ?? actor.scope.prefix, opts);
      return { items: rows.map((o) => presentOrganization(o, cipher)) };
    },
  );

  app.get(
    '/api/places',
    {
      schema: {
        tags: ['registry'],
        summary: 'Public places under an area',
        security: bearerSecurity,
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(located.extend({ address: z.string() })) }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, ...needs('see'));
      const rows = await services.placesThings.listPlaces(actor.scope, req.query.areaCode ?? actor.scope.prefix, {
        kind: req.query.kind,
        limit: req.query.limit,
      });
      return { items: rows.map(presentPlace) };
    },
  );

  app.get(
    '/api/things',
    {
      schema: {
        tags: ['registry'],
        summary: 'Facilities, hazards and cameras under an area',
        security: bearerSecurity,
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(located.extend({ subtype: z.string() })) }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, ...needs('see'));
      const kind =
        req.query.kind === 'facility' || req.query.kind === 'hazard' || req.query.kind === 'camera'
          ? req.query.kind
          : undefined;
      const rows = await services.placesThings.listThings(actor.scope, req.query.areaCode ?? actor.scope.prefix, {
        kind,
        status: req.query.status,
        limit: req.query.limit,
      });
      return { items: rows.map(presentThing) };
    },
  );

  app.get(
    '/api/places/:id',
    {
      schema: {
        tags: ['registry'],
        security: bearerSecurity,
        params: idParams,
        response: { 200: located.extend({ address: z.string(), timeline: z.array(timelineItem) }), ...errors },
      },
    },
    async (req) => {
      return presentPlaceDetail(
        await services.placesThings.getPlace(requireActor(req, ...needs('see')).scope, req.params.id),
      );
    },
  );

  app.patch(
    '/api/places/:id',
    {
      schema: {
        tags: ['registry'],
        summary: 'Update a place; a new location re-assigns its grid',
        security: bearerSecurity,
        params: idParams,
        body: z.object({
          name: z.string().trim().min(1).max(100).optional(),
          kind: z.enum(PLACE_KINDS).optional(),
          address: z.string().trim().min(2).max(200).optional(),
          lng: lng.optional(),
          lat: lat.optional(),
          status: z.enum(['active', 'closed']).optional(),
          version: z.number().int().optional(),
          reason: z.string().max(500).optional(),
        }),
        response: { 200: located, ...errors },
      },
    },
    async (req) => {
      const { reason, ...patch } = req.body;
      return presentLocated(
        await services.placesThings.updatePlace(
          requireActor(req, ...needs('edit')),
          req.params.id,
          patch,
          reason ?? null,
        ),
      );
    },
  );

  app.get(
    '/api/things/:id',
    {
      schema: {
        tags: ['registry'],
        security: bearerSecurity,
        params: idParams,
        response: {
          200: located.extend({
            subtype: z.string(),
            details: z.record(z.string(), z.unknown()),
            timeline: z.array(timelineItem),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      return presentThingDetail(
        await services.placesThings.getThing(requireActor(req, ...needs('see')).scope, req.params.id),
      );
    },
  );

  app.get(
    '/api/thing-subtypes',
    { schema: { tags: ['registry'], summary: 'Subtypes of facilities, hazards and cameras; kinds of places' } },
    async () => ({ things: THING_SUBTYPES, places: PLACE_KINDS }),
  );
}

import { z } from 'zod';
import type { AppDeps, ZodApp } from '../../http/app-types.js';
import { bearerSecurity, requireActor } from '../../http/auth.js';
import { areaCode, areaLevel, errors, geometry, instant } from '../../http/common.schemas.js';
import { notFound } from '../../lib/errors.js';
import { presentAuditHistoryEntry } from '../audit/audit.presenter.js';
import { presentArea, presentAreaDetail, presentAreaGeometries, presentAreaHit } from './area.presenter.js';

const areaRef = z.object({ code: z.string(), name: z.string(), level: areaLevel });
const child = areaRef.extend({ status: z.enum(['active', 'retired']), childCount: z.number().int() });
const areaDetail = z.object({
  code: z.string(),
  name: z.string(),
  level: areaLevel,
  parentCode: z.string().nullable(),
  status: z.enum(['active', 'retired']),
  countyCode: z.string(),
  version: z.number().int(),
  center: z.object({ lng: z.number(), lat: z.number() }).nullable(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  createdAt: instant,
  updatedAt: instant,
  retiredAt: instant.nullable(),
  children: z.array(child),
  ancestors: z.array(areaRef),
});

const feature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: geometry.nullable(),
  properties: z.object({
    code: z.string(),
    name: z.string(),
    level: areaLevel,
    role: z.enum(['self', 'child']),
    labelLng: z.number().nullable(),
    labelLat: z.number().nullable(),
  }),
});
const featureCollection = z.object({ type: z.literal('FeatureCollection'), features: z.array(feature) });

const codeParams = z.object({ code: areaCode });

export function areaRoutes(app: ZodApp, { services }: AppDeps) {
  app.get(
    '/api/areas/:code',
    {
      schema: {
        tags: ['areas'],
        summary: 'One area with its children, within your scope',
        security: bearerSecurity,
        params: codeParams,
        response: { 200: areaDetail, 401: errors[401], 404: errors[404] },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'area:read');
      const { area, children, ancestors } = await services.areas.get(actor.scope, req.params.code);
      return presentAreaDetail(area, children, ancestors);
    },
  );

  app.get(
    '/api/areas/:code/geometry',
    {
      schema: {
        tags: ['areas'],
        summary: "GeoJSON of an area's boundary and its children's boundaries",
        security: bearerSecurity,
        params: codeParams,
        response: { 200: featureCollection, 404: errors[404] },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req, 'area:read');
      const { area, children } = await services.areas.childGeometries(actor.scope, req.params.code);
      reply.header('cache-control', 'private, max-age=60');
      return presentAreaGeometries(area, children);
    },
  );

  app.get(
    '/api/areas',
    {
      schema: {
        tags: ['areas'],
        summary: 'Search areas by name (Chinese substring) or code prefix, within your scope',
        security: bearerSecurity,
        querystring: z.object({
          q: z.string().trim().min(1).max(50),
          level: areaLevel.optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: z.object({ items: z.array(areaRef.extend({ parentCode: z.string().nullable() })) }) },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'area:read');
      const rows = await services.areas.search(actor.scope, req.query.q, req.query.level, req.query.limit);
      return { items: rows.map(presentAreaHit) };
    },
  );

  app.get(
    '/api/areas/locate',
    {
      schema: {
        tags: ['areas'],
        summary: 'Which area (by default, which grid) contains a point',
        security: bearerSecurity,
        querystring: z.object({
          lng: z.coerce.number().min(-180).max(180),
          lat: z.coerce.number().min(-90).max(90),
          level: areaLevel.default('grid'),
        }),
        response: { 200: areaRef.extend({ parentCode: z.string().nullable() }), 404: errors[404] },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'area:read');
      const hit = await services.areas.locate(actor.scope, req.query.lng, req.query.lat, req.query.level);
      if (!hit) throw notFound();
      return presentAreaHit(hit);
    },
  );

  app.post(
    '/api/areas',
    {
      schema: {
        tags: ['areas'],
        summary: 'Create an area under a parent in your scope',
        security: bearerSecurity,
        body: z.object({
          code: areaCode,
          name: z.string().trim().min(1).max(100),
          parentCode: areaCode.nullable(),
          boundary: geometry,
        }),
        response: { 201: areaDetail.omit({ children: true, ancestors: true }), ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req, 'area:write');
      const area = await services.areas.create(actor, req.body);
      return reply.status(201).send(presentArea(area));
    },
  );

  app.patch(
    '/api/areas/:code',
    {
      schema: {
        tags: ['areas'],
        summary: 'Rename and/or redraw an area',
        security: bearerSecurity,
        params: codeParams,
        body: z
          .object({
            name: z.string().trim().min(1).max(100).optional(),
            boundary: geometry.optional(),
            version: z.number().int().optional(),
            reason: z.string().max(500).optional(),
          })
          .refine((b) => b.name !== undefined || b.boundary !== undefined, 'nothing_to_change'),
        response: { 200: areaDetail.omit({ children: true, ancestors: true }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'area:write');
      return presentArea(await services.areas.update(actor, req.params.code, req.body));
    },
  );

  app.post(
    '/api/areas/:code/retire',
    {
      schema: {
        tags: ['areas'],
        summary: 'Retire an area; its row, history and code are kept',
        security: bearerSecurity,
        params: codeParams,
        body: z.object({ reason: z.string().trim().min(2).max(500) }),
        response: { 200: areaDetail.omit({ children: true, ancestors: true }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'area:write');
      return presentArea(await services.areas.retire(actor, req.params.code, req.body.reason));
    },
  );

  app.get(
    '/api/areas/:code/history',
    {
      schema: {
        tags: ['areas'],
        summary: 'Changes to an area, newest first',
        security: bearerSecurity,
        params: codeParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                at: instant,
                actor: z.string(),
                action: z.string(),
                reason: z.string().nullable(),
                before: z.unknown(),
                after: z.unknown(),
              }),
            ),
          }),
          404: errors[404],
        },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'area:read');
      const rows = await services.areas.history(actor.scope, req.params.code);
      return { items: rows.map(presentAuditHistoryEntry) };
    },
  );
}

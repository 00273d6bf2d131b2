import crypto from 'node:crypto';
import { z } from 'zod';
import type { AppDeps, ZodApp } from '../../http/app-types.js';
import { bearerSecurity, requireActor } from '../../http/auth.js';
import { errors } from '../../http/common.schemas.js';
import { invalidField } from '../../lib/errors.js';
import { validTile } from './tiles.js';
import { type EventFilter, MAP_CHANNELS, MAP_STATUSES, REGISTRY_KINDS, shanghaiMonth } from './tiles-filter.js';

const csv = <T extends string>(values: readonly T[]) =>
  z
    .string()
    .max(400)
    .optional()
    .transform((s, ctx) => {
      const list = (s ?? '')
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      const bad = list.find((x) => !values.includes(x as T));
      if (bad) ctx.addIssue({ code: 'custom', message: 'invalid_value' });
      return list as T[];
    });
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month_format');

const tileQuery = z.object({
  category: z
    .string()
    .max(200)
    .regex(/^(\d{2}|\d{4})?(,(\d{2}|\d{4}))*$/, 'category_format')
    .optional(),
  status: csv(MAP_STATUSES),
  channel: csv(MAP_CHANNELS),
  level: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .optional(),
  from: month.optional(),
  to: month.optional(),
  kinds: csv(REGISTRY_KINDS),
  coords: z.enum(['wgs84', 'gcj02']).default('wgs84'),
});

/**
 * The sentiment map's vector tiles (Mapbox Vector Tile 2.1, one layer per tile named like the
 * path's layer) and the breadcrumb lookup. Tiles depend on the user's scope, so they are cached
 * privately and briefly; the ETag lets a browser revalidate without the bytes.
 */
export function mapRoutes(app: ZodApp, { services, clock }: AppDeps) {
  const map = services.map;

  app.get(
    '/api/map/tiles/:layer/:z/:x/:y',
    {
      schema: {
        tags: ['map'],
        summary:
          'A vector tile (MVT) of the sentiment map within your scope: areas with measures, event clusters/points, or registry elements (people only as counts on areas)',
        security: bearerSecurity,
        params: z.object({
          layer: z.enum(['areas', 'events', 'registry']),
          z: z.coerce.number().int().min(0).max(22),
          x: z.coerce.number().int().min(0),
          y: z.coerce.number().int().min(0),
        }),
        querystring: tileQuery,
      },
    },
    async (req, reply) => {
      const { layer, z: zoom, x, y } = req.params;
      const actor = requireActor(
        req,
        layer === 'events' ? 'event:read' : layer === 'registry' ? 'registry:read' : 'area:read',
      );
      if (!validTile(zoom, x, y)) throw invalidField('x', 'tile_out_of_range');
      const q = req.query;
      const to = q.to ?? shanghaiMonth(clock.now());
      const from = q.from ?? shanghaiMonth(clock.now(), 11);
      if (from > to) throw invalidField('from', 'month_range');
      const r = { scope: actor.scope, z: zoom, x, y, gcj02: q.coords === 'gcj02' };
      const filter: EventFilter = {
        categories: q.category ? q.category.split(',') : [],
        statuses: q.status,
        channels: q.channel,
        level: q.level ?? null,
        from,
        to,
      };
      const bytes =
        layer === 'areas'
          ? await map.areasTile(r, filter, actor.permissions.has('registry:read'))
          : layer === 'events'
            ? await map.eventsTile(r, filter)
            : await map.registryTile(r, q.kinds.length ? q.kinds : [...REGISTRY_KINDS]);
      const etag = `"${crypto.createHash('sha1').update(bytes).digest('base64url')}"`;
      reply.header('cache-control', 'private, max-age=30').header('vary', 'Authorization').header('etag', etag);
      if (req.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply
        .header('content-type', 'application/vnd.mapbox-vector-tile')
        .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    },
  );

  app.get(
    '/api/map/where',
    {
      schema: {
        tags: ['map'],
        summary:
          'The chain of areas in your scope under a point, down to the level shown at a zoom (the map breadcrumb)',
        security: bearerSecurity,
        querystring: z.object({
          lng: z.coerce.number().min(-180).max(180),
          lat: z.coerce.number().min(-90).max(90),
          z: z.coerce.number().min(0).max(24),
        }),
        response: {
          200: z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), level: z.string() })) }),
          ...errors,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'area:read');
      const { lng, lat, z: zoom } = req.query;
      return { items: await map.whereIs(actor.scope, lng, lat, zoom) };
    },
  );
}

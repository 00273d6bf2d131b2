import { z } from 'zod';
import type { AppDeps, ZodApp } from '../../http/app-types.js';
import { geometry } from '../../http/common.schemas.js';
import { invalidField } from '../../lib/errors.js';

const outlines = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      geometry,
      properties: z.object({ code: z.string(), name: z.string() }),
    }),
  ),
});

/** A resident's phone needs the grids around them, not the city's: the box is bounded, and so is the answer. */
const MAX_SPAN = 1.5;
const MAX_GRIDS = 3000;

const bboxParam = z
  .string()
  .transform((v) => v.split(',').map(Number))
  .pipe(
    z.tuple([
      z.number().min(-180).max(180),
      z.number().min(-90).max(90),
      z.number().min(-180).max(180),
      z.number().min(-90).max(90),
    ]),
  )
  .refine(([x0, y0, x1, y1]) => x0 < x1 && y0 < y1, 'minLng,minLat,maxLng,maxLat');

const places = z.object({
  items: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      level: z.enum(['township', 'village']),
      parents: z.array(z.string()).describe('names of the areas above it, county first (the city is left out)'),
      lng: z.number(),
      lat: z.number(),
    }),
  ),
});

/**
 * The installation's grid outlines for the public report page, which has no account: where a resident taps decides
 * the grid the report goes to, so they see the grids. Only codes, names and boundaries, which are public anyway.
 */
export function publicMapRoutes(app: ZodApp, { services }: AppDeps) {
  app.get(
    '/api/public/grid-outlines',
    {
      schema: {
        tags: ['areas'],
        summary: `Public: the outlines of the active grids in a box (GeoJSON), for the public report map; the box is at most ${MAX_SPAN}° a side`,
        querystring: z.object({ bbox: bboxParam }),
        response: { 200: outlines },
      },
    },
    async (req, reply) => {
      const [minLng, minLat, maxLng, maxLat] = req.query.bbox;
      if (maxLng - minLng > MAX_SPAN || maxLat - minLat > MAX_SPAN) throw invalidField('bbox', 'bbox_too_large');
      // Unauthenticated: the box bounds the work and the answer, and the ring boxes' GiST index finds the grids.
      const body = await services.map.gridOutlines({ minLng, minLat, maxLng, maxLat }, MAX_GRIDS);
      reply.header('cache-control', 'public, max-age=300');
      return body;
    },
  );

  app.get(
    '/api/public/places',
    {
      schema: {
        tags: ['areas'],
        summary:
          'Public: townships and villages (communities included) whose name contains the text, with their parents and label point, for the report page',
        querystring: z.object({ q: z.string().trim().min(1).max(30) }),
        response: { 200: places },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return services.map.places(req.query.q, 10);
    },
  );
}

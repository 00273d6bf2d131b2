import { z } from 'zod';
import type { AppDeps, ZodApp } from '../app-types.js';
import { geometry } from '../common.schemas.js';

const outlines = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({ type: z.literal('Feature'), id: z.string(), geometry, properties: z.object({ code: z.string(), name: z.string() }) })),
});

/**
 * The installation's grid outlines for the public report page, which has no account: where a resident taps decides
 * the grid the report goes to, so they see the grids. Only codes, names and boundaries, which are public anyway.
 */
export function publicMapRoutes(app: ZodApp, { db }: AppDeps) {
  app.get(
    '/api/public/grid-outlines',
    { schema: { tags: ['areas'], summary: 'Public: the outlines of every active grid (GeoJSON), for the public report map', response: { 200: outlines } } },
    async (_req, reply) => {
      const rows = await db.selectFrom('area').select(['code', 'name', 'boundary']).where('level', '=', 'grid').where('status', '=', 'active').where('boundary', 'is not', null).orderBy('code').execute();
      reply.header('cache-control', 'public, max-age=300');
      return {
        type: 'FeatureCollection' as const,
        features: rows.map((r) => ({ type: 'Feature' as const, id: r.code, geometry: r.boundary as z.infer<typeof geometry>, properties: { code: r.code, name: r.name } })),
      };
    },
  );
}

import { z } from 'zod';
import type { AppDeps, ZodApp } from '../../http/app-types.js';
import { bearerSecurity, requireActor } from '../../http/auth.js';
import { areaCode, errors } from '../../http/common.schemas.js';
import { presentUnit } from './unit.presenter.js';

const unit = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  areaCode: z.string(),
  status: z.string(),
});

export function unitRoutes(app: ZodApp, { services }: AppDeps) {
  app.get(
    '/api/units',
    {
      schema: {
        tags: ['units'],
        summary: 'Handling units (departments, centres, 法庭, 派出所, 司法所, 律师事务所) within your scope',
        security: bearerSecurity,
        querystring: z.object({
          areaCode: areaCode.optional(),
          kind: z.string().max(32).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ items: z.array(unit) }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'unit:read');
      const rows = await services.units.list(actor.scope, req.query);
      return { items: rows.map(presentUnit) };
    },
  );
}

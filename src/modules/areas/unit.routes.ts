import { z } from 'zod';
import { inScope } from '../../db/scope.js';
import type { AppDeps, ZodApp } from '../../http/app-types.js';
import { bearerSecurity, requireActor } from '../../http/auth.js';
import { areaCode, errors } from '../../http/common.schemas.js';

const unit = z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.string(), areaCode: z.string(), status: z.string() });

export function unitRoutes(app: ZodApp, { db }: AppDeps) {
  app.get(
    '/api/units',
    {
      schema: {
        tags: ['units'],
        summary: 'Handling units (departments, centres, 法庭, 派出所, 司法所, 律师事务所) within your scope',
        security: bearerSecurity,
        querystring: z.object({ areaCode: areaCode.optional(), kind: z.string().max(32).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.object({ items: z.array(unit) }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'unit:read');
      let q = db.selectFrom('unit').select(['id', 'code', 'name', 'kind', 'area_code', 'status']).where(inScope(actor.scope, 'area_code'));
      if (req.query.areaCode) q = q.where('area_code', 'like', `${req.query.areaCode}%`);
      if (req.query.kind) q = q.where('kind', '=', req.query.kind as never);
      const rows = await q.orderBy('code').limit(req.query.limit).execute();
      return { items: rows.map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, areaCode: r.area_code, status: r.status })) };
    },
  );
}

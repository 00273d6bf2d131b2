import { z } from 'zod';
import type { AppDeps, ZodApp } from '../../http/app-types.js';
import { bearerSecurity, requireActor } from '../../http/auth.js';
import { areaCode, errors } from '../../http/common.schemas.js';
import { presentGridAssignment, presentGridWorker } from './grid-worker.presenter.js';

const worker = z.object({
  id: z.string(),
  name: z.string(),
  phoneMasked: z.string().nullable(),
  homeCode: z.string(),
  status: z.enum(['active', 'left']),
  hasAccount: z.boolean(),
  gridCodes: z.array(z.string()),
});
const assignment = z.object({
  id: z.string(),
  gridCode: z.string(),
  gridWorkerId: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
});

export function gridWorkerRoutes(app: ZodApp, { services }: AppDeps) {
  app.get(
    '/api/areas/:code/grid-workers',
    {
      schema: {
        tags: ['grid workers'],
        summary: 'Grid workers covering grids under an area (phones masked)',
        security: bearerSecurity,
        params: z.object({ code: areaCode }),
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ items: z.array(worker) }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'grid_worker:read');
      const { limit, offset } = req.query;
      const rows = await services.gridWorkers.listForArea(actor.scope, req.params.code, limit, offset);
      return { items: rows.map(presentGridWorker) };
    },
  );

  app.get(
    '/api/grid-workers/:id/phone',
    {
      schema: {
        tags: ['grid workers'],
        summary: "A grid worker's full phone number (needs personal:read_full; audited)",
        security: bearerSecurity,
        params: z.object({ id: z.uuid() }),
        response: { 200: z.object({ phone: z.string().nullable() }), ...errors },
      },
    },
    async (req) => ({
      phone: await services.gridWorkers.revealPhone(requireActor(req, 'personal:read_full'), req.params.id),
    }),
  );

  app.post(
    '/api/grids/:code/assignments',
    {
      schema: {
        tags: ['grid workers'],
        summary: 'Assign a grid worker to a grid',
        security: bearerSecurity,
        params: z.object({ code: areaCode }),
        body: z.object({ gridWorkerId: z.uuid() }),
        response: { 201: assignment, ...errors },
      },
    },
    async (req, reply) => {
      const a = await services.gridWorkers.assign(
        requireActor(req, 'grid_worker:write'),
        req.params.code,
        req.body.gridWorkerId,
      );
      return reply.status(201).send(presentGridAssignment(a));
    },
  );

  app.delete(
    '/api/grids/:code/assignments/:gridWorkerId',
    {
      schema: {
        tags: ['grid workers'],
        summary: "End a grid worker's assignment (history is kept)",
        security: bearerSecurity,
        params: z.object({ code: areaCode, gridWorkerId: z.uuid() }),
        querystring: z.object({ reason: z.string().max(500).optional() }),
        response: { 200: assignment, ...errors },
      },
    },
    async (req) => {
      const a = await services.gridWorkers.unassign(
        requireActor(req, 'grid_worker:write'),
        req.params.code,
        req.params.gridWorkerId,
        req.query.reason ?? null,
      );
      return presentGridAssignment(a);
    },
  );
}

import { z } from 'zod';
import type { RoutingRuleRow } from '../../db/schema.js';
import type { AppDeps, ZodApp } from '../app-types.js';
import { bearerSecurity, requireActor } from '../auth.js';
import { errors, instant, iso } from '../common.schemas.js';

const centre = z.enum(['dispute', 'convenience', 'government', 'operations']);
const unitKind = z.enum(['centre', 'department', 'court', 'police', 'justice_office', 'law_firm', 'other']);
const ruleIn = z.object({
  categoryPrefix: z.string().regex(/^(\d{2}){0,4}$/), areaPrefix: z.string().regex(/^(\d{6}(\d{3}){0,3})?$/), centre,
  unitId: z.uuid().nullable().optional(), unitKind: unitKind.nullable().optional(), note: z.string().trim().max(200).nullable().optional(),
});
const ruleOut = z.object({ id: z.string(), categoryPrefix: z.string(), areaPrefix: z.string(), centre, unitId: z.string().nullable(), unitName: z.string().nullable(), unitKind: z.string().nullable(), note: z.string().nullable(), createdAt: instant });
const toRule = (r: Pick<RoutingRuleRow, 'id' | 'category_prefix' | 'area_prefix' | 'centre' | 'unit_id' | 'unit_kind' | 'note' | 'created_at'> & { unit_name?: string | null }) => ({
  id: r.id, categoryPrefix: r.category_prefix, areaPrefix: r.area_prefix, centre: r.centre, unitId: r.unit_id, unitName: r.unit_name ?? null, unitKind: r.unit_kind, note: r.note, createdAt: iso(r.created_at),
});

/** Routing rules (category × area → centre and unit). An edit retires the rule and adds a new one: events already routed keep theirs. */
export function routingRoutes(app: ZodApp, { services }: AppDeps) {
  app.get(
    '/api/routing-rules',
    { schema: { tags: ['routing'], summary: 'Live routing rules that apply in your area', security: bearerSecurity, response: { 200: z.object({ items: z.array(ruleOut) }), ...errors } } },
    async (req) => ({ items: (await services.routing.list(requireActor(req, 'event:read').scope)).map(toRule) }),
  );

  app.post(
    '/api/routing-rules',
    { schema: { tags: ['routing'], summary: 'Add a routing rule in your area', security: bearerSecurity, body: ruleIn, response: { 201: ruleOut, ...errors } } },
    async (req, reply) => reply.status(201).send(toRule(await services.routing.create(requireActor(req, 'event:configure'), req.body))),
  );

  app.put(
    '/api/routing-rules/:id',
    { schema: { tags: ['routing'], summary: 'Change a rule: the old version is retired, new events use the new one', security: bearerSecurity, params: z.object({ id: z.uuid() }), body: ruleIn, response: { 200: ruleOut, ...errors } } },
    async (req) => toRule(await services.routing.create(requireActor(req, 'event:configure'), req.body, req.params.id)),
  );

  app.delete(
    '/api/routing-rules/:id',
    { schema: { tags: ['routing'], summary: 'Retire a rule', security: bearerSecurity, params: z.object({ id: z.uuid() }), response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await services.routing.retire(requireActor(req, 'event:configure'), req.params.id);
      return reply.status(204).send(null);
    },
  );
}

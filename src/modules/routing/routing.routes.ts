import { z } from 'zod';
import type { AppDeps, ZodApp } from '../../http/app-types.js';
import { bearerSecurity, requireActor } from '../../http/auth.js';
import { errors, instant } from '../../http/common.schemas.js';
import { ruleEditable } from './routing.policy.js';
import { presentRoutingRule, storedAreaPrefix } from './routing-rule.presenter.js';

const centre = z.enum(['dispute', 'convenience', 'government', 'operations']);
const unitKind = z.enum(['centre', 'department', 'court', 'police', 'justice_office', 'law_firm', 'other']);
const ruleIn = z.object({
  categoryPrefix: z.string().regex(/^(\d{2}){0,4}$/),
  areaPrefix: z.string().regex(/^(\d{6}(\d{3}){0,3})?$/),
  centre,
  unitId: z.uuid().nullable().optional(),
  unitKind: unitKind.nullable().optional(),
  note: z.string().trim().max(200).nullable().optional(),
});
const ruleOut = z.object({
  id: z.string(),
  categoryPrefix: z.string(),
  areaPrefix: z.string(),
  centre,
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  unitKind: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: instant,
  /** Whether the caller may change or retire the rule (it is in their area); the others are defaults from above. */
  editable: z.boolean(),
});

/** Routing rules (category × area → centre and unit). */
export function routingRoutes(app: ZodApp, { services }: AppDeps) {
  app.get(
    '/api/routing-rules',
    {
      schema: {
        tags: ['routing'],
        summary: 'Live routing rules that apply in your area',
        security: bearerSecurity,
        response: { 200: z.object({ items: z.array(ruleOut) }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'event:read');
      const editor = await services.routing.editor(actor);
      return {
        items: (await services.routing.list(actor.scope)).map((r) =>
          presentRoutingRule(r, ruleEditable(editor, r.area_prefix)),
        ),
      };
    },
  );

  app.post(
    '/api/routing-rules',
    {
      schema: {
        tags: ['routing'],
        summary: 'Add a routing rule in your area',
        security: bearerSecurity,
        body: ruleIn,
        response: { 201: ruleOut, ...errors },
      },
    },
    async (req, reply) => {
      const actor = await services.routing.editor(requireActor(req, 'event:configure'));
      const rule = await services.routing.create(actor, {
        ...req.body,
        areaPrefix: storedAreaPrefix(req.body.areaPrefix),
      });
      return reply.status(201).send(presentRoutingRule(rule, ruleEditable(actor, rule.area_prefix)));
    },
  );

  app.put(
    '/api/routing-rules/:id',
    {
      schema: {
        tags: ['routing'],
        summary: 'Change a rule: the old version is retired, new events use the new one',
        security: bearerSecurity,
        params: z.object({ id: z.uuid() }),
        body: ruleIn,
        response: { 200: ruleOut, ...errors },
      },
    },
    async (req) => {
      const actor = await services.routing.editor(requireActor(req, 'event:configure'));
      const rule = await services.routing.update(actor, req.params.id, {
        ...req.body,
        areaPrefix: storedAreaPrefix(req.body.areaPrefix),
      });
      return presentRoutingRule(rule, ruleEditable(actor, rule.area_prefix));
    },
  );

  app.delete(
    '/api/routing-rules/:id',
    {
      schema: {
        tags: ['routing'],
        summary: 'Retire a rule',
        security: bearerSecurity,
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await services.routing.retire(await services.routing.editor(requireActor(req, 'event:configure')), req.params.id);
      return reply.status(204).send(null);
    },
  );
}

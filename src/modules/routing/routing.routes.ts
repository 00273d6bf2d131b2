import { z } from 'zod';
import type { Db } from '../../db/database.js';
import type { RoutingRuleRow } from '../../db/schema.js';
import { UNRESTRICTED } from '../../db/scope.js';
import type { Actor } from '../../lib/context.js';
import { notFound } from '../../lib/errors.js';
import type { AppDeps, ZodApp } from '../../http/app-types.js';
import { bearerSecurity, requireActor } from '../../http/auth.js';
import { errors, instant, iso } from '../../http/common.schemas.js';

const centre = z.enum(['dispute', 'convenience', 'government', 'operations']);
const unitKind = z.enum(['centre', 'department', 'court', 'police', 'justice_office', 'law_firm', 'other']);
const ruleIn = z.object({
  categoryPrefix: z.string().regex(/^(\d{2}){0,4}$/), areaPrefix: z.string().regex(/^(\d{6}(\d{3}){0,3})?$/), centre,
  unitId: z.uuid().nullable().optional(), unitKind: unitKind.nullable().optional(), note: z.string().trim().max(200).nullable().optional(),
});
const ruleOut = z.object({
  id: z.string(), categoryPrefix: z.string(), areaPrefix: z.string(), centre, unitId: z.string().nullable(), unitName: z.string().nullable(), unitKind: z.string().nullable(), note: z.string().nullable(), createdAt: instant,
  /** Whether the caller may change or retire the rule (it is in their area); the others are defaults from above. */
  editable: z.boolean(),
});

/**
 * Area prefixes as the API speaks them: '' is the whole installation, a city is its code (620700) though the rule
 * stores the city's subtree prefix (6207) so that it matches the city's grids, a county or lower is its code.
 */
const CITY_CODE = /^\d{4}00$/;
const storedPrefix = (areaPrefix: string) => (CITY_CODE.test(areaPrefix) ? areaPrefix.slice(0, 4) : areaPrefix);
const apiPrefix = (stored: string) => (stored.length === 4 ? `${stored}00` : stored);

const toRule = (actor: Actor, r: Pick<RoutingRuleRow, 'id' | 'category_prefix' | 'area_prefix' | 'centre' | 'unit_id' | 'unit_kind' | 'note' | 'created_at'> & { unit_name?: string | null }) => ({
  id: r.id, categoryPrefix: r.category_prefix, areaPrefix: apiPrefix(r.area_prefix), centre: r.centre, unitId: r.unit_id, unitName: r.unit_name ?? null, unitKind: r.unit_kind, note: r.note, createdAt: iso(r.created_at),
  editable: actor.permissions.has('event:configure') && r.area_prefix.startsWith(actor.scope.prefix),
});

/**
 * The scope a caller edits rules with. The installation-wide rules ('', the seeded defaults) belong to the
 * installation's top: when the installation holds one city, that city's administrator; a county's administrator
 * never (their edits of a rule above them answer 404, as before). With more than one city, '' stays out of reach.
 */
async function ruleActor(db: Db, actor: Actor): Promise<Actor> {
  if (actor.scope.level !== 'city' || actor.scope.prefix === '') return actor;
  const otherCity = await db.selectFrom('area').select('code').where('level', '=', 'city').where('code', '<>', actor.scope.code).limit(1).executeTakeFirst();
  return otherCity ? actor : { ...actor, scope: UNRESTRICTED };
}

/** Routing rules (category × area → centre and unit). An edit retires the rule and adds a new one: events already routed keep theirs. */
/** A change to a rule outside the caller's area is refused as not found, before its new content is judged. */
async function requireOwnRule(db: Db, actor: Actor, id: string) {
  const rule = await db.selectFrom('routing_rule').select('area_prefix').where('id', '=', id).where('retired_at', 'is', null).executeTakeFirst();
  if (!rule || !rule.area_prefix.startsWith(actor.scope.prefix)) throw notFound();
}

export function routingRoutes(app: ZodApp, { services, db }: AppDeps) {
  app.get(
    '/api/routing-rules',
    { schema: { tags: ['routing'], summary: 'Live routing rules that apply in your area', security: bearerSecurity, response: { 200: z.object({ items: z.array(ruleOut) }), ...errors } } },
    async (req) => {
      const actor = requireActor(req, 'event:read');
      const editor = await ruleActor(db, actor);
      return { items: (await services.routing.list(actor.scope)).map((r) => toRule(editor, r)) };
    },
  );

  app.post(
    '/api/routing-rules',
    { schema: { tags: ['routing'], summary: 'Add a routing rule in your area', security: bearerSecurity, body: ruleIn, response: { 201: ruleOut, ...errors } } },
    async (req, reply) => {
      const actor = await ruleActor(db, requireActor(req, 'event:configure'));
      return reply.status(201).send(toRule(actor, await services.routing.create(actor, { ...req.body, areaPrefix: storedPrefix(req.body.areaPrefix) })));
    },
  );

  app.put(
    '/api/routing-rules/:id',
    { schema: { tags: ['routing'], summary: 'Change a rule: the old version is retired, new events use the new one', security: bearerSecurity, params: z.object({ id: z.uuid() }), body: ruleIn, response: { 200: ruleOut, ...errors } } },
    async (req) => {
      const actor = await ruleActor(db, requireActor(req, 'event:configure'));
      await requireOwnRule(db, actor, req.params.id);
      return toRule(actor, await services.routing.create(actor, { ...req.body, areaPrefix: storedPrefix(req.body.areaPrefix) }, req.params.id));
    },
  );

  app.delete(
    '/api/routing-rules/:id',
    { schema: { tags: ['routing'], summary: 'Retire a rule', security: bearerSecurity, params: z.object({ id: z.uuid() }), response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await services.routing.retire(await ruleActor(db, requireActor(req, 'event:configure')), req.params.id);
      return reply.status(204).send(null);
    },
  );
}

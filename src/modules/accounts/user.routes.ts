import { z } from 'zod';
import type { AppDeps, ZodApp } from '../../http/app-types.js';
import { bearerSecurity, requireActor } from '../../http/auth.js';
import { areaCode, errors, instant } from '../../http/common.schemas.js';
import { ROLES } from '../../kernel/permissions.js';
import { presentUser } from './user.presenter.js';

const role = z.enum(ROLES);
const user = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  scopeCode: z.string(),
  unitId: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  createdAt: instant,
  lastLoginAt: instant.nullable(),
});

const idParams = z.object({ id: z.uuid() });

export function userRoutes(app: ZodApp, { services }: AppDeps) {
  app.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Accounts whose scope lies inside yours',
        security: bearerSecurity,
        querystring: z.object({
          q: z.string().trim().max(50).optional(),
          role: role.optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ items: z.array(user) }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'user:read');
      return { items: (await services.users.list(actor.scope, req.query)).map(presentUser) };
    },
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create an account inside your scope',
        security: bearerSecurity,
        body: z.object({
          username: z
            .string()
            .trim()
            .regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{2,63}$/),
          displayName: z.string().trim().min(1).max(50),
          password: z.string().min(1).max(256),
          roles: z.array(role).min(1),
          scopeCode: areaCode,
          unitId: z.uuid().nullable().default(null),
        }),
        response: { 201: user, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req, 'user:write');
      return reply.status(201).send(presentUser(await services.users.create(actor, req.body)));
    },
  );

  app.get(
    '/api/users/:id',
    { schema: { tags: ['users'], security: bearerSecurity, params: idParams, response: { 200: user, ...errors } } },
    async (req) => presentUser(await services.users.get(requireActor(req, 'user:read').scope, req.params.id)),
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Change roles, scope, unit or status; the account is signed out everywhere when these change',
        security: bearerSecurity,
        params: idParams,
        body: z.object({
          displayName: z.string().trim().min(1).max(50).optional(),
          roles: z.array(role).min(1).optional(),
          scopeCode: areaCode.optional(),
          unitId: z.uuid().nullable().optional(),
          status: z.enum(['active', 'disabled']).optional(),
          reason: z.string().max(500).optional(),
        }),
        response: { 200: user, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'user:write');
      const { reason, ...patch } = req.body;
      return presentUser(await services.users.update(actor, req.params.id, patch, reason ?? null));
    },
  );

  app.post(
    '/api/users/:id/password',
    {
      schema: {
        tags: ['users'],
        summary: "Set another account's password",
        security: bearerSecurity,
        params: idParams,
        body: z.object({ password: z.string().min(1).max(256) }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await services.users.resetPassword(requireActor(req, 'user:write'), req.params.id, req.body.password);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/users/:id/unlock',
    {
      schema: {
        tags: ['users'],
        summary: "Clear an account's sign-in delays (wrong-password counters from every address); audited",
        security: bearerSecurity,
        params: idParams,
        body: z.object({ reason: z.string().trim().max(500).optional() }).nullish(),
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req, 'user:write');
      await services.users.unlock(actor, req.params.id, req.body?.reason ?? null);
      return reply.status(204).send(null);
    },
  );
}

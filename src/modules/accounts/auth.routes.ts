import { z } from 'zod';
import type { AppDeps, ZodApp } from '../../http/app-types.js';
import { bearerSecurity, requireActor } from '../../http/auth.js';
import { areaLevel, errors } from '../../http/common.schemas.js';
import { PERMISSIONS, ROLES } from '../../kernel/permissions.js';
import { presentLogin } from './session.presenter.js';
import { presentMe } from './user.presenter.js';

const me = z.object({
  id: z.string().nullable(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  permissions: z.array(z.enum(PERMISSIONS)),
  unitId: z.string().nullable(),
  scope: z.object({ code: z.string(), level: areaLevel }),
});

export function authRoutes(app: ZodApp, { services }: AppDeps) {
  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in; returns a bearer token',
        body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
        response: {
          200: z.object({ token: z.string(), expiresAt: z.string(), user: me }),
          400: errors[400],
          401: errors[401],
          429: errors[429],
        },
      },
    },
    async (req) => {
      const r = await services.auth.login(
        req.body.username,
        req.body.password,
        req.ip,
        req.headers['user-agent'] ?? null,
      );
      return presentLogin(r);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Revoke the current session',
        security: bearerSecurity,
        response: { 204: z.null(), 401: errors[401] },
      },
    },
    async (req, reply) => {
      await services.auth.logout(requireActor(req));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user, roles and scope',
        security: bearerSecurity,
        response: { 200: me, 401: errors[401] },
      },
    },
    async (req) => presentMe(requireActor(req)),
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Change your own password; all your sessions end. A wrong current password counts as a failed sign-in (429 when delayed)',
        security: bearerSecurity,
        body: z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }),
        response: { 204: z.null(), 400: errors[400], 401: errors[401], 429: errors[429] },
      },
    },
    async (req, reply) => {
      await services.users.changeOwnPassword(requireActor(req), req.body.currentPassword, req.body.newPassword);
      return reply.status(204).send(null);
    },
  );
}

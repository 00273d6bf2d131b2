import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Permission } from '../kernel/permissions.js';
import type { Actor } from '../lib/context.js';
import { forbidden, unauthorized } from '../lib/errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** Resolves a bearer token to its actor (the accounts module's AuthService). */
export interface Authenticator {
  authenticate(token: string, ip: string | null): Promise<Actor | null>;
}

export function registerAuth(app: FastifyInstance, auth: Authenticator): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ') || !req.url.startsWith('/api/')) return;
    req.actor = await auth.authenticate(header.slice(7).trim(), req.ip);
  });
  // A route that declares bearer security answers 401 before it looks at the body, so an anonymous
  // caller learns nothing from validation messages.
  app.addHook('preValidation', async (req) => {
    const schema = req.routeOptions.schema as { security?: unknown[] } | undefined;
    if (schema?.security && !req.actor) throw unauthorized();
  });
}

/** The signed-in actor, holding every permission named; 401 without a session, 403 without a permission. */
export function requireActor(req: FastifyRequest, ...permissions: Permission[]): Actor {
  const actor = req.actor;
  if (!actor) throw unauthorized();
  if (permissions.some((p) => !actor.permissions.has(p))) throw forbidden();
  return actor;
}

export const bearerSecurity = [{ bearer: [] }];

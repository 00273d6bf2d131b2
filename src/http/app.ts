import fs from 'node:fs';
import path from 'node:path';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps, ZodApp } from './app-types.js';
import { registerAuth } from './auth.js';
import { registerErrorHandler, sendRouteNotFound } from './error-handler.js';
import { areaRoutes } from './routes/area.routes.js';
import { attachmentRoutes } from './routes/attachment.routes.js';
import { auditRoutes } from './routes/audit.routes.js';
import { calendarRoutes } from './routes/calendar.routes.js';
import { reportRoutes } from './routes/report.routes.js';
import { supervisionRoutes } from './routes/supervision.routes.js';
import { dashboardRoutes } from './routes/dashboard.routes.js';
import { authRoutes } from './routes/auth.routes.js';
import { eventRoutes } from './routes/event.routes.js';
import { eventSettingsRoutes } from './routes/event-settings.routes.js';
import { inboxRoutes } from './routes/inbox.routes.js';
import { jointHandlingRoutes } from './routes/joint-handling.routes.js';
import { mapRoutes } from './routes/map.routes.js';
import { routingRoutes } from './routes/routing.routes.js';
import { riskAdminRoutes } from './routes/risk-admin.routes.js';
import { riskRoutes } from './routes/risk.routes.js';
import { trackRoutes } from './routes/track.routes.js';
import { publicMapRoutes } from './routes/public-map.routes.js';
import { gridWorkerRoutes } from './routes/grid-worker.routes.js';
import { healthRoutes } from './routes/health.routes.js';
import { householdRoutes, visitHandoffRoute } from './routes/household.routes.js';
import { importExportRoutes } from './routes/import-export.routes.js';
import { organizationRoutes } from './routes/organization.routes.js';
import { personRoutes } from './routes/person.routes.js';
import { unitRoutes } from './routes/unit.routes.js';
import { userRoutes } from './routes/user.routes.js';
import { validatorCompiler } from './validation.js';

export async function buildApp(deps: AppDeps, logger?: FastifyBaseLogger): Promise<ZodApp> {
  const app = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    trustProxy: deps.config.trustProxy,
    bodyLimit: 5 * 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerAuth(app, deps.services.auth);

  app.addHook('onSend', async (_req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Fengqiao (枫桥) API', version: deps.version, description: 'Municipal social-governance platform' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  // Attachments: routes read one file each and set tighter per-route limits.
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 5, fieldSize: 1000, parts: 6 } });

  for (const routes of [healthRoutes, authRoutes, areaRoutes, gridWorkerRoutes, userRoutes, unitRoutes, auditRoutes, personRoutes, householdRoutes, organizationRoutes, importExportRoutes, eventRoutes, trackRoutes, publicMapRoutes, jointHandlingRoutes, inboxRoutes, routingRoutes, eventSettingsRoutes, visitHandoffRoute, calendarRoutes, attachmentRoutes, riskRoutes, riskAdminRoutes]) {
    routes(app, deps);
  }
  dashboardRoutes(app, deps);
  reportRoutes(app, deps);
  supervisionRoutes(app, deps);
  mapRoutes(app, deps);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await serveWebApp(app, deps.config.webDist);
  return app;
}

/** The built web app, with every other GET outside /api falling back to index.html for client-side routing. */
async function serveWebApp(app: ZodApp, configured: string | undefined) {
  const dist = path.resolve(configured ?? 'web/dist');
  const hasWeb = fs.existsSync(path.join(dist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: dist, wildcard: false, index: 'index.html', cacheControl: false });
  app.setNotFoundHandler((req, reply) => {
    if (!hasWeb || req.url.startsWith('/api/') || req.method !== 'GET') return sendRouteNotFound(req, reply);
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}

import fs from 'node:fs';
import path from 'node:path';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps, ZodApp } from './http/app-types.js';
import { registerAuth } from './http/auth.js';
import { registerErrorHandler, sendFrameworkError, sendRouteNotFound } from './http/error-handler.js';
import { registerInputGate } from './http/input-gate.js';
import { registerSecurityHeaders, relaxForApiDocs } from './http/security-headers.js';
import { validatorCompiler } from './http/validation.js';
import { authRoutes } from './modules/accounts/auth.routes.js';
import { userRoutes } from './modules/accounts/user.routes.js';
import { areaRoutes } from './modules/areas/area.routes.js';
import { areaImportRoutes } from './modules/areas/area-import.routes.js';
import { gridWorkerRoutes } from './modules/areas/grid-worker.routes.js';
import { unitRoutes } from './modules/areas/unit.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { calendarRoutes } from './modules/calendar/calendar.routes.js';
import { attachmentRoutes } from './modules/events/attachment.routes.js';
import { eventRoutes } from './modules/events/event.routes.js';
import { eventSettingsRoutes } from './modules/events/event-settings.routes.js';
import { inboxRoutes } from './modules/events/inbox.routes.js';
import { jointHandlingRoutes } from './modules/events/joint-handling.routes.js';
import { trackRoutes } from './modules/events/track.routes.js';
import { importExportRoutes } from './modules/import-export/import-export.routes.js';
import { mapRoutes } from './modules/map/map.routes.js';
import { publicMapRoutes } from './modules/map/public-map.routes.js';
import { householdRoutes, visitHandoffRoute } from './modules/registry/household.routes.js';
import { organizationRoutes } from './modules/registry/organization.routes.js';
import { personRoutes } from './modules/registry/person.routes.js';
import { reportRoutes } from './modules/reports/report.routes.js';
import { riskRoutes } from './modules/risk/risk.routes.js';
import { riskAdminRoutes } from './modules/risk/risk-admin.routes.js';
import { routingRoutes } from './modules/routing/routing.routes.js';
import { dashboardRoutes } from './modules/stats/dashboard.routes.js';
import { supervisionRoutes } from './modules/supervision/supervision.routes.js';
import { healthRoutes } from './modules/system/health.routes.js';
import { registerRateLimits } from './modules/system/rate-limit.plugin.js';

export async function buildApp(deps: AppDeps, logger?: FastifyBaseLogger): Promise<ZodApp> {
  const app = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    trustProxy: deps.config.trustProxy,
    bodyLimit: 5 * 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: sendFrameworkError,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerInputGate(app);
  registerAuth(app, deps.services.auth);

  await registerSecurityHeaders(app, [...deps.config.baseMap.tiles, ...deps.config.baseMap.overlayTiles]);

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Fengqiao (枫桥) API',
        version: deps.version,
        description: 'Municipal social-governance platform',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', transformStaticCSP: relaxForApiDocs });
  // Attachments: routes read one file each and set tighter per-route limits.
  await app.register(multipart, {
    limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 5, fieldSize: 1000, parts: 6 },
  });

  // Before the routes: their limits are attached as they are added (DB-backed counters, shared by every process).
  await registerRateLimits(app, deps);

  for (const routes of [
    healthRoutes,
    authRoutes,
    areaRoutes,
    areaImportRoutes,
    gridWorkerRoutes,
    userRoutes,
    unitRoutes,
    auditRoutes,
    personRoutes,
    householdRoutes,
    organizationRoutes,
    importExportRoutes,
    eventRoutes,
    trackRoutes,
    publicMapRoutes,
    jointHandlingRoutes,
    inboxRoutes,
    routingRoutes,
    eventSettingsRoutes,
    visitHandoffRoute,
    calendarRoutes,
    attachmentRoutes,
    riskRoutes,
    riskAdminRoutes,
  ]) {
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
  if (hasWeb)
    await app.register(fastifyStatic, { root: dist, wildcard: false, index: 'index.html', cacheControl: false });
  app.setNotFoundHandler((req, reply) => {
    if (!hasWeb || req.url.startsWith('/api/') || req.method !== 'GET') return sendRouteNotFound(req, reply);
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}

import { z } from 'zod';
import type { AppDeps, ZodApp } from '../../http/app-types.js';
import { presentCalendarStatus } from '../calendar/calendar.presenter.js';
import { calendarStatus } from '../calendar/calendar.schemas.js';

const health = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  version: z.string(),
  uptimeSeconds: z.number(),
  time: z.string(),
  detail: z.object({
    calendar: calendarStatus.describe('The working-day calendar: years covered, and whether next year is missing'),
  }),
});

const clientConfig = z.object({
  baseMap: z.object({
    tileUrl: z.string(),
    coords: z.enum(['wgs84', 'gcj02']),
    attribution: z.string(),
    tiles: z.array(z.string()).describe('raster tile URLs of the base map; empty: none'),
    overlayTiles: z.array(z.string()).describe('raster tile URLs of an annotation layer above it (Tianditu)'),
  }),
  demo: z.boolean(),
  timeZone: z.literal('Asia/Shanghai'),
});

export function healthRoutes(app: ZodApp, deps: AppDeps) {
  const started = Date.now();
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness, database back end, and the details an operator watches (the calendar)',
        response: { 200: health },
      },
    },
    async () => {
      await deps.services.health.check();
      // A missing next year is a warning for people, not a failure of the process: the status stays ok.
      const calendar = presentCalendarStatus(await deps.services.calendar.status());
      return {
        status: 'ok' as const,
        database: deps.databaseKind,
        version: deps.version,
        uptimeSeconds: Math.round((Date.now() - started) / 1000),
        time: deps.clock.now().toISOString(),
        detail: { calendar },
      };
    },
  );

  app.get(
    '/api/client-config',
    {
      schema: { tags: ['system'], summary: 'Settings the web app needs before login', response: { 200: clientConfig } },
    },
    async () => ({
      baseMap: deps.config.baseMap,
      demo: deps.demoMode,
      timeZone: 'Asia/Shanghai' as const,
    }),
  );
}

import { z } from 'zod';
import type { AppDeps, ZodApp } from '../../http/app-types.js';
import { bearerSecurity, requireActor } from '../../http/auth.js';
import { areaCode, areaLevel, calendarDate, errors } from '../../http/common.schemas.js';
import { DASHBOARD_TABLES, dashboardWorkbook } from './stats-export.js';
import { addDays, shanghaiDay } from './stats-measures.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const rate = z.object({ numerator: z.number(), denominator: z.number(), rate: z.number().nullable() });
const areaRef = z.object({ code: z.string(), name: z.string(), level: areaLevel });
const windowOut = z.object({ from: day, to: day });
const totals = z.object({
  received: z.number(),
  accepted: z.number(),
  responded: z.number(),
  closed: z.number(),
  closedOnTime: z.number(),
  resolved: z.number(),
  ratedSatisfied: z.number(),
  ratedBasic: z.number(),
  ratedUnsatisfied: z.number(),
  overdue: z.number(),
});
const change = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  current: z.number(),
  previous: z.number(),
  change: z.number(),
  changeRate: z.number().nullable(),
});
const series = z.object({ received: z.number(), closed: z.number(), overdue: z.number() });

export const dashboardOut = z.object({
  area: areaRef.extend({ parentCode: z.string().nullable() }),
  path: z.array(areaRef),
  now: z.string(),
  today: day,
  period: z.object({ kind: z.enum(['month', 'quarter', 'year']), current: windowOut, previous: windowOut }),
  lag: z.object({
    coveredAt: z.string().nullable(),
    seconds: z.number().nullable(),
    pendingTransitions: z.number(),
    registryAt: z.string().nullable(),
  }),
  received: z.object({ today: z.number(), week: z.number(), month: z.number() }),
  open: z.object({
    total: z.number(),
    overdue: z.number(),
    byStage: z.array(
      z.object({
        stage: z.enum(['accept', 'dispatch', 'handle', 'verify', 'suspended']),
        n: z.number(),
        overdue: z.number(),
      }),
    ),
  }),
  totals,
  rates: z.object({ onTime: rate, response: rate, resolution: rate, satisfaction: rate }),
  funnel: z.object({
    finished: z.number(),
    resolved: z.number(),
    exhausted: z.number(),
    village: rate,
    township: rate,
    notEscalated: rate,
    levels: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        nameEn: z.string(),
        tier: z.enum(['village', 'township']),
        resolved: z.number(),
        share: z.number().nullable(),
      }),
    ),
  }),
  topCategories: z.array(change),
  risingCategories: z.array(change),
  trend: z.object({ daily: z.array(series.extend({ day })), monthly: z.array(series.extend({ month: z.string() })) }),
  visits: z.object({
    specialTotal: z.number(),
    overdue: z.number(),
    compliance: z.number().nullable(),
    computedAt: z.string().nullable(),
  }),
  children: z.array(
    areaRef.extend({
      received: z.number(),
      closed: z.number(),
      open: z.number(),
      overdue: z.number(),
      onTimeRate: z.number().nullable(),
      satisfactionRate: z.number().nullable(),
      disputes: z.number(),
      population: z.number(),
      visitCompliance: z.number().nullable(),
    }),
  ),
});

const dashboardQuery = z.object({
  period: z.enum(['month', 'quarter', 'year']).optional(),
  trendDays: z.enum(['30', '90']).optional(),
});

/** The command dashboard (issue #5): figures for any area node in the caller's scope, from the roll-ups. */
export function dashboardRoutes(app: ZodApp, { services, clock }: AppDeps) {
  const load = (
    scope: Parameters<typeof services.stats.dashboard>[0],
    code: string,
    query: z.infer<typeof dashboardQuery>,
  ) => services.stats.dashboard(scope, code, { period: query.period, trendDays: query.trendDays === '90' ? 90 : 30 });

  app.get(
    '/api/dashboard/:code',
    {
      schema: {
        tags: ['dashboard'],
        summary:
          'Dashboard of an area: received, open by stage, rates (definitions in README "Dashboard figures"), funnel, categories, trends, visits, children, roll-up lag',
        security: bearerSecurity,
        params: z.object({ code: areaCode }),
        querystring: dashboardQuery,
        response: { 200: dashboardOut, ...errors },
      },
    },
    async (req) => load(requireActor(req, 'event:read').scope, req.params.code, req.query),
  );

  app.get(
    '/api/dashboard/:code/export.xlsx',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'One table of the dashboard as .xlsx, with the same numbers as GET /api/dashboard/:code',
        security: bearerSecurity,
        params: z.object({ code: areaCode }),
        querystring: dashboardQuery.extend({ table: z.enum(DASHBOARD_TABLES) }),
      },
    },
    async (req, reply) => {
      const d = await load(requireActor(req, 'event:read').scope, req.params.code, req.query);
      const { buffer, fileName } = await dashboardWorkbook(d, req.query.table);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(buffer);
    },
  );

  app.get(
    '/api/dashboard/:code/areas',
    {
      schema: {
        tags: ['dashboard'],
        summary:
          'Per child area (or per descendant at `level`): open events, overdue share, disputes per 1,000 residents, special-group visit compliance; `value` is the chosen measure',
        security: bearerSecurity,
        params: z.object({ code: areaCode }),
        querystring: z.object({
          measure: z.enum(['open', 'overdueShare', 'disputesPer1000', 'visitCompliance']).default('open'),
          level: areaLevel.optional(),
          from: calendarDate.optional(),
          to: calendarDate.optional(),
        }),
        response: {
          200: z.array(
            areaRef.extend({
              value: z.number().nullable(),
              open: z.number(),
              overdue: z.number(),
              overdueShare: z.number().nullable(),
              disputes: z.number(),
              population: z.number(),
              disputesPer1000: z.number().nullable(),
              specialTotal: z.number(),
              specialOverdue: z.number(),
              visitCompliance: z.number().nullable(),
            }),
          ),
          ...errors,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'event:read');
      // The default window is the last 365 days up to today (Shanghai), to is exclusive.
      const to = req.query.to ?? addDays(shanghaiDay(clock.now()), 1);
      return services.stats.byArea(
        actor.scope,
        req.params.code,
        req.query.measure,
        { from: req.query.from ?? addDays(to, -365), to },
        { level: req.query.level },
      );
    },
  );

  app.get(
    '/api/dashboard/:code/categories',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'Every roll-up measure per subcategory over [from, to) in Shanghai days',
        security: bearerSecurity,
        params: z.object({ code: areaCode }),
        querystring: z.object({ from: calendarDate, to: calendarDate }),
        response: {
          200: z.array(
            totals.extend({
              categoryCode: z.string(),
              name: z.string(),
              nameEn: z.string(),
              parentCode: z.string().nullable(),
            }),
          ),
          ...errors,
        },
      },
    },
    async (req) =>
      services.stats.countsByCategory(
        requireActor(req, 'event:read').scope,
        req.params.code,
        req.query.from,
        req.query.to,
      ),
  );
}

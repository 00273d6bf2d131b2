import { z } from 'zod';
import type { AppDeps, ZodApp } from '../../http/app-types.js';
import { bearerSecurity, requireActor } from '../../http/auth.js';
import { areaCode, errors, instant } from '../../http/common.schemas.js';
import { presentFirm, presentFirmWithHistory } from './risk-firm.presenter.js';
import { presentOverview, presentSignals } from './risk-overview.presenter.js';
import { buildReport } from './risk-report.js';
import { firmBody } from './risk-schemas.routes.js';

const tags = ['risk'];
const firmOut = z.object({
  id: z.string(),
  name: z.string(),
  creditCode: z.string(),
  qualifications: z.array(z.string()),
  staffCount: z.number(),
  contact: z.string().nullable(),
  ties: z.array(z.object({ name: z.string(), creditCode: z.string().nullable(), relation: z.string() })),
  status: z.string(),
  openCount: z.number(),
  totalCount: z.number(),
  avgRating: z.number().nullable(),
  ratingCount: z.number(),
});
const rule = z.object({
  likelihoodLabels: z.tuple([z.string(), z.string(), z.string(), z.string(), z.string()]),
  impactLabels: z.tuple([z.string(), z.string(), z.string(), z.string(), z.string()]),
  thresholds: z.object({ medium: z.number().int(), high: z.number().int() }),
  peopleEscalation: z.object({ atLeast: z.number().int(), impactBonus: z.number().int() }),
  mediumToHigh: z.number().int(),
});
const counts = z.array(z.object({ key: z.string(), n: z.number() }));

/** Firms, the scoring rule, the overview of an area, the event signal during follow-up, and the report downloads. */
export function riskAdminRoutes(app: ZodApp, { services, clock }: AppDeps) {
  const risk = services.risk;

  app.get(
    '/api/risk/firms',
    {
      schema: {
        tags,
        summary: 'The third-party assessment firms with workload and average rating',
        security: bearerSecurity,
        response: { 200: z.array(firmOut), ...errors },
      },
    },
    async (req) => {
      requireActor(req, 'risk:read');
      return (await risk.firms.list()).map(presentFirm);
    },
  );

  app.get(
    '/api/risk/firms/:id',
    {
      schema: {
        tags,
        summary: 'A firm and its history of assessments (within your scope)',
        security: bearerSecurity,
        params: z.object({ id: z.uuid() }),
        response: {
          200: firmOut.extend({
            history: z.array(
              z.object({
                id: z.string(),
                number: z.string(),
                title: z.string(),
                stage: z.string(),
                decision: z.string().nullable(),
                createdAt: instant,
                score: z.number().nullable(),
                comment: z.string().nullable(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'risk:read');
      return presentFirmWithHistory(await risk.firms.get(actor.scope, req.params.id));
    },
  );

  app.post(
    '/api/risk/firms',
    {
      schema: {
        tags,
        summary: 'Register a firm (credit code checked)',
        security: bearerSecurity,
        body: firmBody,
        response: { 201: z.object({ id: z.string() }), ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req, 'risk:configure');
      const b = req.body;
      const f = await risk.firms.create(actor, {
        ...b,
        contact: b.contact ?? null,
        ties: b.ties.map((t) => ({ ...t, creditCode: t.creditCode ?? null })),
      });
      return reply.status(201).send({ id: f.id });
    },
  );

  app.put(
    '/api/risk/firms/:id',
    {
      schema: {
        tags,
        summary: 'Change a firm, its ties or its status',
        security: bearerSecurity,
        params: z.object({ id: z.uuid() }),
        body: firmBody.extend({ reason: z.string().trim().max(500).nullable().optional() }),
        response: { 200: z.object({ id: z.string() }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'risk:configure');
      const b = req.body;
      await risk.firms.update(
        actor,
        req.params.id,
        { ...b, contact: b.contact ?? null, ties: b.ties.map((t) => ({ ...t, creditCode: t.creditCode ?? null })) },
        b.reason ?? null,
      );
      return { id: req.params.id };
    },
  );

  app.get(
    '/api/risk/rule',
    {
      schema: {
        tags,
        summary: 'The scoring rule in force',
        security: bearerSecurity,
        response: { 200: rule.extend({ version: z.number() }), ...errors },
      },
    },
    async (req) => {
      requireActor(req, 'risk:read');
      return risk.rule.get();
    },
  );

  app.put(
    '/api/risk/rule',
    {
      schema: {
        tags,
        summary: 'Replace the scoring rule (new version; earlier gradings keep theirs)',
        security: bearerSecurity,
        body: rule.extend({ reason: z.string().trim().min(2).max(500) }),
        response: { 200: rule.extend({ version: z.number() }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'risk:configure');
      const { reason, ...r } = req.body;
      return risk.rule.set(actor, r, reason);
    },
  );

  app.get(
    '/api/risk/overview',
    {
      schema: {
        tags,
        summary:
          'For an area: matters by stage, level and outcome; steps past their deadline; firm workload and ratings',
        security: bearerSecurity,
        querystring: z.object({ areaCode: areaCode.optional() }),
        response: {
          200: z.object({
            byStage: counts,
            byLevel: counts,
            byDecision: counts,
            overdue: z.array(
              z.object({
                id: z.string(),
                number: z.string(),
                title: z.string(),
                stage: z.string(),
                owner: z.string(),
                ownerName: z.string(),
                startedAt: instant,
                dueAt: instant,
                overdueWorkingDays: z.number(),
              }),
            ),
            firms: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                open: z.number(),
                total: z.number(),
                avgRating: z.number().nullable(),
                ratings: z.number(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'risk:read');
      return presentOverview(await risk.query.overview(actor.scope, req.query.areaCode));
    },
  );

  app.get(
    '/api/risk/matters/:id/signals',
    {
      schema: {
        tags,
        summary: 'Events in the affected areas since implementation started, by week, with the latest ones',
        security: bearerSecurity,
        params: z.object({ id: z.uuid() }),
        response: {
          200: z.object({
            since: instant.nullable(),
            total: z.number(),
            rising: z.boolean(),
            weeks: z.array(z.object({ week: z.string(), count: z.number() })),
            events: z.array(
              z.object({
                id: z.string(),
                number: z.string(),
                status: z.string(),
                createdAt: instant,
                gridCode: z.string(),
                category: z.string(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'risk:read');
      return presentSignals(await risk.query.signals(actor.scope, req.params.id));
    },
  );

  app.get(
    '/api/risk/matters/:id/report.:format',
    {
      schema: {
        tags,
        summary: 'The assessment report as DOCX or PDF',
        security: bearerSecurity,
        params: z.object({ id: z.uuid(), format: z.enum(['docx', 'pdf']) }),
      },
    },
    async (req, reply) => {
      const actor = requireActor(req, 'risk:read');
      const model = buildReport(await risk.query.get(actor.scope, req.params.id), clock.now());
      const pdf = req.params.format === 'pdf';
      // Imported here: pdfkit and docx load on the first report, not at every start (src/lib/lazy-libraries.ts).
      const render = await import('./risk-report-render.js');
      const bytes = pdf ? await render.reportPdf(model) : await render.reportDocx(model);
      const name = `${model.number}.${req.params.format}`;
      return reply
        .header(
          'content-type',
          pdf ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        )
        .header('cache-control', 'private, no-store')
        .header(
          'content-disposition',
          `attachment; filename="${encodeURIComponent(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .send(bytes);
    },
  );
}

import { z } from 'zod';
import type { AppDeps, ZodApp } from '../../http/app-types.js';
import { bearerSecurity, requireActor } from '../../http/auth.js';
import { areaCode, errors } from '../../http/common.schemas.js';
import { requestLang } from '../../http/error-handler.js';
import { MESSAGES, translate } from '../../lib/messages.js';
import { presentMatterAudit, presentMatterDetail, presentMatterSummary } from './risk-matter.presenter.js';
import { RISK_MESSAGES } from './risk-messages.js';
import {
  consultationBody,
  DECISIONS,
  date,
  matterBody,
  matterDetail,
  matterPatch,
  matterSummary,
  pointBody,
} from './risk-schemas.routes.js';
import { RISK_LEVELS } from './risk-scoring.js';
import { RISK_STAGES } from './risk-workflow.js';

// The module keeps its messages in its own file; they join the shared table once, here.
Object.assign(MESSAGES, RISK_MESSAGES);

const idParams = z.object({ id: z.uuid() });
const tags = ['risk'];

/** Matters and their steps. Reading needs risk:read; the centre records the assessors' work with risk:write; the decision needs risk:decide. */
export function riskRoutes(app: ZodApp, { services, clock }: AppDeps) {
  const risk = services.risk;
  const detail = async (
    req: Parameters<typeof requestLang>[0],
    scope: Parameters<typeof risk.query.get>[0],
    id: string,
  ) => {
    const lang = requestLang(req);
    return presentMatterDetail(await risk.query.get(scope, id), clock.now(), (k) => translate(k, lang));
  };

  app.get(
    '/api/risk/matters',
    {
      schema: {
        tags,
        summary: 'Matters in your scope (or touching an area of it), newest first',
        security: bearerSecurity,
        querystring: z.object({
          areaCode: areaCode.optional(),
          stage: z.enum(RISK_STAGES).optional(),
          q: z.string().trim().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(200),
        }),
        response: { 200: z.object({ items: z.array(matterSummary) }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'risk:read');
      const rows = await risk.query.list(actor.scope, req.query);
      return { items: rows.map((r) => presentMatterSummary(r, clock.now())) };
    },
  );

  app.post(
    '/api/risk/matters',
    {
      schema: {
        tags,
        summary: 'Register a matter for assessment (确定事项)',
        security: bearerSecurity,
        body: matterBody,
        response: { 201: matterDetail, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req, 'risk:write');
      const m = await risk.matters.create(actor, req.body);
      return reply.status(201).send(await detail(req, actor.scope, m.id));
    },
  );

  app.get(
    '/api/risk/matters/:id',
    {
      schema: {
        tags,
        summary: 'One matter with its steps, register, gradings and what the current step still lacks',
        security: bearerSecurity,
        params: idParams,
        response: { 200: matterDetail, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'risk:read');
      return detail(req, actor.scope, req.params.id);
    },
  );

  app.patch(
    '/api/risk/matters/:id',
    {
      schema: {
        tags,
        summary: 'Edit the matter, the plan and the report texts (until the decision)',
        security: bearerSecurity,
        params: idParams,
        body: matterPatch,
        response: { 200: matterDetail, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'risk:write');
      await risk.matters.update(actor, req.params.id, req.body);
      return detail(req, actor.scope, req.params.id);
    },
  );

  app.post(
    '/api/risk/matters/:id/firm',
    {
      schema: {
        tags,
        summary: 'Assign a third-party firm; 409 when it is tied to the implementing body',
        security: bearerSecurity,
        params: idParams,
        body: z.object({ firmId: z.uuid() }),
        response: { 200: matterDetail, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'risk:write');
      await risk.matters.assignFirm(actor, req.params.id, req.body.firmId);
      return detail(req, actor.scope, req.params.id);
    },
  );

  app.post(
    '/api/risk/matters/:id/advance',
    {
      schema: {
        tags,
        summary: 'Move on to the next step; 409 listing what is missing',
        security: bearerSecurity,
        params: idParams,
        body: z.object({ note: z.string().trim().max(2000).nullable().optional() }),
        response: { 200: matterDetail, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'risk:write');
      await risk.matters.advance(actor, req.params.id, req.body.note ?? null);
      return detail(req, actor.scope, req.params.id);
    },
  );

  app.post(
    '/api/risk/matters/:id/reassess',
    {
      schema: {
        tags,
        summary: 'Back to grading for a new round after mitigation (重新评估)',
        security: bearerSecurity,
        params: idParams,
        body: z.object({ reason: z.string().trim().min(2).max(2000) }),
        response: { 200: matterDetail, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'risk:write');
      await risk.matters.reassess(actor, req.params.id, req.body.reason);
      return detail(req, actor.scope, req.params.id);
    },
  );

  app.post(
    '/api/risk/matters/:id/decision',
    {
      schema: {
        tags,
        summary:
          'The collective decision (实施/暂缓/不实施); 实施 of medium or high risk needs mitigation and re-assessment first',
        security: bearerSecurity,
        params: idParams,
        body: z.object({
          decision: z.enum(DECISIONS),
          decidedBy: z.string().trim().min(2).max(200),
          decidedOn: date,
          note: z.string().trim().max(2000).nullable().optional(),
        }),
        response: { 200: matterDetail, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'risk:decide');
      await risk.matters.decide(actor, req.params.id, { ...req.body, note: req.body.note ?? null });
      return detail(req, actor.scope, req.params.id);
    },
  );

  app.post(
    '/api/risk/matters/:id/rating',
    {
      schema: {
        tags,
        summary: "Rate the firm's work on this matter (once)",
        security: bearerSecurity,
        params: idParams,
        body: z.object({
          score: z.number().int().min(1).max(5),
          comment: z.string().trim().max(1000).nullable().optional(),
        }),
        response: { 200: matterDetail, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'risk:write');
      await risk.matters.rate(actor, req.params.id, req.body.score, req.body.comment ?? null);
      return detail(req, actor.scope, req.params.id);
    },
  );

  app.post(
    '/api/risk/matters/:id/consultations',
    {
      schema: {
        tags,
        summary: 'Record a consultation (公示/问卷/走访/座谈会/听证会) with the opinions gathered',
        security: bearerSecurity,
        params: idParams,
        body: consultationBody,
        response: { 200: matterDetail, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'risk:write');
      const b = req.body;
      await risk.register.addConsultation(actor, req.params.id, {
        ...b,
        summary: b.summary ?? null,
        opinions: b.opinions.map((o) => ({
          content: o.content,
          adopted: o.adopted ?? null,
          response: o.response ?? null,
        })),
      });
      return detail(req, actor.scope, req.params.id);
    },
  );

  app.put(
    '/api/risk/matters/:id/opinions/:opinionId',
    {
      schema: {
        tags,
        summary: 'Answer an opinion: adopted or not, and why',
        security: bearerSecurity,
        params: z.object({ id: z.uuid(), opinionId: z.uuid() }),
        body: z.object({ adopted: z.boolean(), response: z.string().trim().max(2000).nullable().optional() }),
        response: { 200: matterDetail, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'risk:write');
      await risk.register.answerOpinion(actor, req.params.id, req.params.opinionId, {
        adopted: req.body.adopted,
        response: req.body.response ?? null,
      });
      return detail(req, actor.scope, req.params.id);
    },
  );

  const point = (b: z.infer<typeof pointBody>) => ({
    ...b,
    mitigation: b.mitigation || null,
    mitigationOwner: b.mitigationOwner || null,
    mitigationDue: b.mitigationDue ?? null,
  });
  app.post(
    '/api/risk/matters/:id/points',
    {
      schema: {
        tags,
        summary: 'Add a risk point to the register',
        security: bearerSecurity,
        params: idParams,
        body: pointBody,
        response: { 200: matterDetail, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'risk:write');
      await risk.register.savePoint(actor, req.params.id, null, point(req.body));
      return detail(req, actor.scope, req.params.id);
    },
  );

  app.put(
    '/api/risk/matters/:id/points/:pointId',
    {
      schema: {
        tags,
        summary: 'Change a risk point (scores, people, measure)',
        security: bearerSecurity,
        params: z.object({ id: z.uuid(), pointId: z.uuid() }),
        body: pointBody,
        response: { 200: matterDetail, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'risk:write');
      await risk.register.savePoint(actor, req.params.id, req.params.pointId, point(req.body));
      return detail(req, actor.scope, req.params.id);
    },
  );

  app.delete(
    '/api/risk/matters/:id/points/:pointId',
    {
      schema: {
        tags,
        summary: 'Remove a risk point, with a reason',
        security: bearerSecurity,
        params: z.object({ id: z.uuid(), pointId: z.uuid() }),
        querystring: z.object({ reason: z.string().trim().min(2).max(500) }),
        response: { 200: matterDetail, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'risk:write');
      await risk.register.deletePoint(actor, req.params.id, req.params.pointId, req.query.reason);
      return detail(req, actor.scope, req.params.id);
    },
  );

  app.post(
    '/api/risk/matters/:id/grading',
    {
      schema: {
        tags,
        summary:
          'Grade the current round with the scoring rule; a different final level is an audited override with a written reason',
        security: bearerSecurity,
        params: idParams,
        body: z.object({
          finalLevel: z.enum(RISK_LEVELS).nullable().optional(),
          overrideReason: z.string().trim().max(2000).nullable().optional(),
        }),
        response: { 200: matterDetail, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'risk:write');
      await risk.register.grade(actor, req.params.id, {
        finalLevel: req.body.finalLevel ?? null,
        overrideReason: req.body.overrideReason ?? null,
      });
      return detail(req, actor.scope, req.params.id);
    },
  );

  app.post(
    '/api/risk/matters/:id/points/:pointId/done',
    {
      schema: {
        tags,
        summary: 'Follow-up: a measure is complete',
        security: bearerSecurity,
        params: z.object({ id: z.uuid(), pointId: z.uuid() }),
        body: z.object({ note: z.string().trim().min(2).max(2000) }),
        response: { 200: matterDetail, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'risk:write');
      await risk.register.completeMeasure(actor, req.params.id, req.params.pointId, req.body.note);
      return detail(req, actor.scope, req.params.id);
    },
  );

  app.get(
    '/api/risk/matters/:id/audit',
    {
      schema: {
        tags,
        summary: "The matter's audit entries (grading overrides among them)",
        security: bearerSecurity,
        params: idParams,
        response: {
          200: z.array(
            z.object({
              at: z.string(),
              actor: z.string(),
              action: z.string(),
              reason: z.string().nullable(),
              after: z.unknown(),
            }),
          ),
          ...errors,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'risk:read');
      return (await risk.query.audit(actor.scope, req.params.id)).map(presentMatterAudit);
    },
  );
}

import { z } from 'zod';
import type { AppDeps, ZodApp } from '../../http/app-types.js';
import { bearerSecurity, requireActor } from '../../http/auth.js';
import { areaCode, calendarDate, errorBody, errors } from '../../http/common.schemas.js';
import { presentCase, presentCaseDetail, presentConfirmed } from './supervision-case.presenter.js';
import { presentFlag } from './supervision-flag.presenter.js';
import { presentRule } from './supervision-rule.presenter.js';
import { SUPERVISION_ACTIONS } from './supervision-rules.js';

const date = calendarDate;
const measure = z.enum(['disputes_per_1000', 'overdue_share', 'repeat_place', 'dissatisfaction_rate']);
const caseStatus = z.enum(['listed', 'rectifying', 'requested', 'closed']);
const deadline = z.enum(['closed', 'overdue', 'warning', 'normal']);
const rule = z.object({
  id: z.string(),
  name: z.string(),
  areaPrefix: z.string(),
  level: z.enum(['township', 'village']),
  measure,
  threshold: z.number(),
  minEvents: z.number(),
  period: z.enum(['month', 'quarter']),
  rectifyWorkingDays: z.number(),
  active: z.boolean(),
  updatedAt: z.string(),
});
const ruleBody = z.object({
  name: z.string().trim().min(1).max(60),
  areaCode: areaCode
    .nullable()
    .optional()
    .describe('the subtree the rule covers; omit for everywhere (city or installation scope only)'),
  level: z.enum(['township', 'village']),
  measure,
  threshold: z.number().min(0).max(100000),
  minEvents: z.number().int().min(0).max(100000).default(5),
  period: z.enum(['month', 'quarter']).default('quarter'),
  rectifyWorkingDays: z.number().int().min(1).max(250).default(20),
  active: z.boolean().default(true),
});
const flag = z.object({
  id: z.string(),
  areaCode: z.string(),
  areaName: z.string(),
  areaLevel: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  value: z.number(),
  threshold: z.number(),
  events: z.number(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  status: z.enum(['pending', 'confirmed', 'dismissed']),
  createdAt: z.string(),
  decisionNote: z.string().nullable(),
  ruleName: z.string(),
  measure,
  rectifyWorkingDays: z.number(),
  canDecide: z.boolean().describe('true for the level above the area: it may confirm or dismiss'),
});
const caseItem = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  areaCode: z.string(),
  areaName: z.string(),
  status: caseStatus,
  deadline,
  deadlineAt: z.string(),
  overdueAt: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});
const caseDetail = caseItem.extend({
  requirement: z.string(),
  rectifyWorkingDays: z.number(),
  supervisorCode: z.string(),
  version: z.number(),
  actions: z.array(z.enum(SUPERVISION_ACTIONS)),
  steps: z.array(
    z.object({
      at: z.string(),
      actorName: z.string(),
      action: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string(),
      note: z.string().nullable(),
    }),
  ),
  flag: z
    .object({
      id: z.string(),
      ruleName: z.string(),
      measure,
      value: z.number(),
      threshold: z.number(),
      events: z.number(),
      periodFrom: z.string(),
      periodTo: z.string(),
      detail: z.record(z.string(), z.unknown()).nullable(),
    })
    .nullable(),
});

export function supervisionRoutes(app: ZodApp, { services }: AppDeps) {
  const s = () => services.supervision;
  const tags = ['supervision'];

  app.get(
    '/api/supervision/rules',
    {
      schema: {
        tags,
        summary: 'The 挂牌督办 rules that reach into your scope',
        security: bearerSecurity,
        response: { 200: z.object({ items: z.array(rule) }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'event:read');
      return { items: (await services.supervisionRules.list(actor.scope)).map(presentRule) };
    },
  );
  app.post(
    '/api/supervision/rules',
    {
      schema: {
        tags,
        summary: 'Add a rule (event:configure), within your subtree',
        security: bearerSecurity,
        body: ruleBody,
        response: { 201: rule, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req, 'event:configure');
      return reply.status(201).send(presentRule(await services.supervisionRules.create(actor, req.body)));
    },
  );
  app.patch(
    '/api/supervision/rules/:id',
    {
      schema: {
        tags,
        summary: 'Change a rule; future evaluations only',
        security: bearerSecurity,
        params: z.object({ id: z.uuid() }),
        body: ruleBody.omit({ areaCode: true }).partial(),
        response: { 200: rule, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'event:configure');
      return presentRule(await services.supervisionRules.update(actor, req.params.id, req.body));
    },
  );

  app.post(
    '/api/supervision/evaluate',
    {
      schema: {
        tags,
        summary: 'Evaluate the active rules over your subtree now; idempotent per rule × area × period',
        description:
          'Without from/to each rule uses its last complete month or quarter. The job does the same for the whole installation.',
        security: bearerSecurity,
        body: z
          .object({ from: date.optional(), to: date.optional() })
          .refine((b) => !b.from === !b.to && (!b.from || b.from <= b.to!), { message: 'from_to', path: ['to'] }),
        response: { 200: z.object({ created: z.number(), existing: z.number() }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'event:operate');
      return s().evaluate(actor, req.body.from && req.body.to ? { from: req.body.from, to: req.body.to } : undefined);
    },
  );

  app.get(
    '/api/supervision/flags',
    {
      schema: {
        tags,
        summary: 'Flags raised by the rules, within your scope',
        security: bearerSecurity,
        querystring: z.object({
          status: z.enum(['pending', 'confirmed', 'dismissed']).optional(),
          areaCode: areaCode.optional(),
        }),
        response: { 200: z.object({ items: z.array(flag) }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'event:read');
      const rows = await s().flags(actor.scope, req.query);
      return { items: rows.map((f) => presentFlag(f, actor.scope)) };
    },
  );
  app.post(
    '/api/supervision/flags/:id/confirm',
    {
      schema: {
        tags,
        summary: '挂牌: the level above turns a flag into a supervision case with a deadline in working days',
        security: bearerSecurity,
        params: z.object({ id: z.uuid() }),
        body: z.object({
          requirement: z.string().trim().max(1000).optional(),
          workingDays: z.number().int().min(1).max(250).optional(),
        }),
        response: { 201: z.object({ id: z.string(), number: z.string(), deadlineAt: z.string() }), ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req, 'event:operate');
      const c = await s().confirm(actor, req.params.id, req.body);
      return reply.status(201).send(presentConfirmed(c));
    },
  );
  app.post(
    '/api/supervision/flags/:id/dismiss',
    {
      schema: {
        tags,
        summary: 'Dismiss a flag with a reason',
        security: bearerSecurity,
        params: z.object({ id: z.uuid() }),
        body: z.object({ note: z.string().trim().min(1).max(500) }),
        response: { 200: z.object({ id: z.string(), status: z.literal('dismissed') }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'event:operate');
      return s().dismiss(actor, req.params.id, req.body.note);
    },
  );

  app.get(
    '/api/supervision/cases',
    {
      schema: {
        tags,
        summary:
          'Supervision cases in your scope with deadline colours (a county sees its townships; a township its own)',
        security: bearerSecurity,
        querystring: z.object({
          status: z.enum(['listed', 'rectifying', 'requested', 'closed', 'open']).optional(),
          areaCode: areaCode.optional(),
        }),
        response: { 200: z.object({ items: z.array(caseItem) }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'event:read');
      return { items: (await s().cases(actor.scope, req.query)).map(presentCase) };
    },
  );
  const detail = async (actor: Parameters<typeof services.supervision.get>[0], id: string) =>
    presentCaseDetail(await s().get(actor, id), actor);
  app.get(
    '/api/supervision/cases/:id',
    {
      schema: {
        tags,
        summary: 'One case with its history and the actions you may take',
        security: bearerSecurity,
        params: z.object({ id: z.uuid() }),
        response: { 200: caseDetail, ...errors },
      },
    },
    async (req) => detail(requireActor(req, 'event:read'), req.params.id),
  );
  app.post(
    '/api/supervision/cases/:id/actions',
    {
      schema: {
        tags,
        summary:
          'start (整改中), request_close (申请销号, note), approve (销号, level above only), reject (note, level above only)',
        security: bearerSecurity,
        params: z.object({ id: z.uuid() }),
        body: z.object({
          action: z.enum(SUPERVISION_ACTIONS),
          note: z.string().trim().max(1000).optional(),
          version: z.number().int().optional(),
        }),
        response: { 200: caseDetail, ...errors, 422: errorBody },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'event:operate');
      await s().act(actor, req.params.id, req.body.action, req.body.note ?? null, req.body.version);
      return detail(actor, req.params.id);
    },
  );
}

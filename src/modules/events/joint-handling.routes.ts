import { z } from 'zod';
import type { AppDeps, ZodApp } from '../../http/app-types.js';
import { bearerSecurity, requireActor } from '../../http/auth.js';
import { areaCode, decodeCursor, encodeCursor, errors, instant } from '../../http/common.schemas.js';
import { presentMediationCaseItem, presentMediationStanding } from '../mediation/mediation-case.presenter.js';
import { presentCoHandlerTask } from './co-handler.presenter.js';
import { mediationOut } from './event.schemas.js';

const taskOut = z.object({
  id: z.string(),
  unitId: z.string(),
  task: z.string(),
  status: z.string(),
  dueAt: instant,
  feedback: z.string().nullable(),
  doneAt: instant.nullable(),
});
const ids = z.object({ id: z.uuid(), taskId: z.uuid() });

/** Joint handling (一庭三所联动) and four-level seven-day mediation on an event. */
export function jointHandlingRoutes(app: ZodApp, { services, clock }: AppDeps) {
  app.post(
    '/api/events/:id/co-handlers',
    {
      schema: {
        tags: ['joint handling'],
        summary: 'Ask a co-handling unit for its part, with its own deadline',
        security: bearerSecurity,
        params: z.object({ id: z.uuid() }),
        body: z.object({
          unitId: z.uuid(),
          task: z.string().trim().min(2).max(1000),
          workingDays: z.number().int().min(1).max(30).optional(),
        }),
        response: { 201: taskOut, ...errors },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          presentCoHandlerTask(await services.coHandlers.add(requireActor(req, 'event:read'), req.params.id, req.body)),
        ),
  );

  app.post(
    '/api/events/:id/co-handlers/:taskId/feedback',
    {
      schema: {
        tags: ['joint handling'],
        summary: "The co-handling unit's feedback closes its task",
        security: bearerSecurity,
        params: ids,
        body: z.object({ feedback: z.string().trim().min(2).max(2000) }),
        response: { 200: taskOut, ...errors },
      },
    },
    async (req) =>
      presentCoHandlerTask(
        await services.coHandlers.feedback(
          requireActor(req, 'event:read'),
          req.params.id,
          req.params.taskId,
          req.body.feedback,
        ),
      ),
  );

  app.post(
    '/api/events/:id/co-handlers/:taskId/cancel',
    {
      schema: {
        tags: ['joint handling'],
        summary: 'The lead cancels a task that is no longer needed',
        security: bearerSecurity,
        params: ids,
        body: z.object({ note: z.string().trim().min(2).max(2000) }),
        response: { 200: taskOut, ...errors },
      },
    },
    async (req) =>
      presentCoHandlerTask(
        await services.coHandlers.cancel(
          requireActor(req, 'event:read'),
          req.params.id,
          req.params.taskId,
          req.body.note,
        ),
      ),
  );

  app.post(
    '/api/events/:id/mediation',
    {
      schema: {
        tags: ['mediation'],
        summary:
          'Resolve the dispute at its current level (outcome and 调解协议) or mark the level failed, which moves it up',
        security: bearerSecurity,
        params: z.object({ id: z.uuid() }),
        body: z.object({
          action: z.enum(['resolve', 'fail']),
          note: z.string().trim().max(2000).nullable().optional(),
          outcome: z.string().trim().max(2000).nullable().optional(),
          agreement: z.string().trim().max(20000).nullable().optional(),
        }),
        response: {
          200: z.object({ status: mediationOut.shape.status, levelKey: z.string(), levelIndex: z.number() }),
          ...errors,
        },
      },
    },
    async (req) => {
      const c = await services.mediation.act(requireActor(req, 'mediation:act'), req.params.id, req.body);
      return presentMediationStanding(c!);
    },
  );

  app.get(
    '/api/mediation/cases',
    {
      schema: {
        tags: ['mediation'],
        summary: 'Dispute cases in your scope (or at your unit with mine=true), newest first',
        security: bearerSecurity,
        querystring: z.object({
          status: z.enum(['open', 'resolved', 'exhausted', 'withdrawn']).optional(),
          areaCode: areaCode.optional(),
          mine: z.enum(['true', 'false']).optional(),
          before: z.string().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                eventId: z.string(),
                number: z.string(),
                categoryName: z.string(),
                gridCode: z.string(),
                levelKey: z.string(),
                levelName: z.string(),
                levelDueAt: instant.nullable(),
                status: z.string(),
                openedAt: instant,
                deadline: z.enum(['normal', 'yellow', 'red']),
              }),
            ),
            next: z.string().nullable(),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'event:read');
      const q = req.query;
      const before = decodeCursor(q.before);
      if (q.mine === 'true' && !actor.unitId) return { items: [], next: null };
      const rows = await services.mediation.list(actor.scope, {
        status: q.status,
        areaCode: q.areaCode,
        unitId: q.mine === 'true' ? (actor.unitId ?? undefined) : undefined,
        before,
        limit: q.limit,
      });
      const now = clock.now();
      const items = rows.map((r) => presentMediationCaseItem(r, now));
      const last = rows[rows.length - 1];
      return { items, next: last && rows.length === q.limit ? encodeCursor(last.opened_at, last.event_id) : null };
    },
  );

  app.get(
    '/api/mediation/funnel',
    {
      schema: {
        tags: ['mediation'],
        summary:
          '小事不出村、大事不出镇、矛盾不上交: the share of finished disputes resolved at each level, for an area',
        security: bearerSecurity,
        querystring: z.object({ areaCode: areaCode.optional() }),
        response: {
          200: z.object({
            areaCode: z.string(),
            total: z.number(),
            open: z.number(),
            exhausted: z.number(),
            levels: z.array(
              z.object({
                key: z.string(),
                name: z.string(),
                nameEn: z.string(),
                resolved: z.number(),
                share: z.number(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'event:read');
      return services.mediation.funnel(actor.scope, req.query.areaCode ?? actor.scope.code);
    },
  );
}

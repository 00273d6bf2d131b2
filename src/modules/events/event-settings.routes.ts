import { z } from 'zod';
import type { AppDeps, ZodApp } from '../../http/app-types.js';
import { bearerSecurity, requireActor } from '../../http/auth.js';
import { errors, instant } from '../../http/common.schemas.js';
import { presentCategoryLimit, presentMediationPolicy, presentStageLimit } from './event-settings.presenter.js';

const stage = z.enum(['accept', 'dispatch', 'handle', 'verify']);
const level = z.object({
  key: z.string().regex(/^[a-z_]{2,32}$/),
  name: z.string().trim().min(2).max(30),
  nameEn: z.string().trim().min(2).max(60),
  workingDays: z.number().int(),
  unitKind: z.enum(['centre', 'department', 'court', 'police', 'justice_office', 'law_firm', 'other']).nullable(),
});

/** Time limits per category and stage, and the mediation policy: administrators' settings for the loop. */
export function eventSettingsRoutes(app: ZodApp, { services }: AppDeps) {
  app.get(
    '/api/event-settings/limits',
    {
      schema: {
        tags: ['event settings'],
        summary: "Each category's limit in working days and each stage's limit",
        security: bearerSecurity,
        response: {
          200: z.object({
            categories: z.array(z.object({ code: z.string(), name: z.string(), limitWorkingDays: z.number() })),
            stages: z.array(
              z.object({ categoryPrefix: z.string(), stage, amount: z.number(), unit: z.enum(['hours', 'days']) }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      requireActor(req, 'event:read');
      const { categories, stages } = await services.eventSettings.limits();
      return { categories: categories.map(presentCategoryLimit), stages: stages.map(presentStageLimit) };
    },
  );

  app.put(
    '/api/event-settings/categories/:code/limit',
    {
      schema: {
        tags: ['event settings'],
        summary: "Set a category's limit (new events only)",
        security: bearerSecurity,
        params: z.object({ code: z.string().regex(/^\d{4,8}$/) }),
        body: z.object({ limitWorkingDays: z.number().int().min(1).max(90) }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await services.eventSettings.setCategoryLimit(
        requireActor(req, 'event:configure'),
        req.params.code,
        req.body.limitWorkingDays,
      );
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/event-settings/stages',
    {
      schema: {
        tags: ['event settings'],
        summary: "Set (or with limit null, remove) a stage's limit for a category prefix ('' is the default)",
        security: bearerSecurity,
        body: z.object({
          categoryPrefix: z.string().regex(/^(\d{2}){0,4}$/),
          stage,
          limit: z.object({ amount: z.number().int().min(1).max(240), unit: z.enum(['hours', 'days']) }).nullable(),
        }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await services.eventSettings.setStageLimit(
        requireActor(req, 'event:configure'),
        req.body.categoryPrefix,
        req.body.stage,
        req.body.limit,
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/mediation/policy',
    {
      schema: {
        tags: ['mediation'],
        summary: 'The mediation policy that applies in your area',
        security: bearerSecurity,
        response: {
          200: z.object({ areaPrefix: z.string(), name: z.string(), levels: z.array(level), updatedAt: instant }),
          ...errors,
        },
      },
    },
    async (req) => {
      return presentMediationPolicy(await services.eventSettings.policy(requireActor(req, 'event:read').scope.prefix));
    },
  );

  app.put(
    '/api/mediation/policy',
    {
      schema: {
        tags: ['mediation'],
        summary: "Set your area's mediation levels (new cases only)",
        security: bearerSecurity,
        body: z.object({ name: z.string().trim().min(2).max(50), levels: z.array(level).min(1).max(8) }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await services.eventSettings.setPolicy(requireActor(req, 'event:configure'), req.body.name, req.body.levels);
      return reply.status(204).send(null);
    },
  );
}

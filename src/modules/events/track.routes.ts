import { z } from 'zod';
import type { AppDeps, ZodApp } from '../../http/app-types.js';
import { errors, instant } from '../../http/common.schemas.js';
import { rating } from './event.schemas.js';
import { presentTracking } from './track.presenter.js';

const code = z.object({ code: z.string().regex(/^[A-Z0-9]{6,16}$/) });

/** Public tracking: what a resident with a tracking code may see and do, with no personal data. */
export function trackRoutes(app: ZodApp, { services }: AppDeps) {
  app.get(
    '/api/track/:code',
    {
      schema: {
        tags: ['events'],
        summary: 'Public tracking: status and a public timeline, with no personal data',
        params: code,
        response: {
          200: z.object({
            number: z.string(),
            status: z.string(),
            category: z.string(),
            createdAt: instant,
            dueAt: instant,
            closedAt: instant.nullable(),
            rating: rating.nullable(),
            canRate: z.boolean(),
            mergedInto: z
              .object({ number: z.string(), status: z.string() })
              .nullable()
              .describe('The event this duplicate went into: its number and status (never its tracking code)'),
            timeline: z.array(z.object({ at: instant, status: z.string(), note: z.string().nullable() })),
          }),
          404: errors[404],
        },
      },
    },
    async (req) => {
      const { e, steps } = await services.events.track(req.params.code);
      return presentTracking(e, steps);
    },
  );

  app.post(
    '/api/track/:code/rating',
    {
      schema: {
        tags: ['events'],
        summary: 'The resident rates a closed event once (满意/基本满意/不满意); 不满意 may reopen it once',
        params: code,
        body: z.object({ rating, note: z.string().trim().max(500).optional(), reopen: z.boolean().optional() }),
        response: { 200: z.object({ status: z.string(), rating }), ...errors },
      },
    },
    async (req) => {
      const by = { trackingCode: req.params.code };
      let e = await services.events.transition(
        null,
        '',
        { action: 'rate', rating: req.body.rating, note: req.body.note ?? null },
        'resident',
        by,
      );
      if (req.body.rating === 'unsatisfied' && req.body.reopen)
        e = await services.events.transition(
          null,
          '',
          { action: 'reopen', note: req.body.note ?? null },
          'resident',
          by,
        );
      return { status: e.status, rating: req.body.rating };
    },
  );
}

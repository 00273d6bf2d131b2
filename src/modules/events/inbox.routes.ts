import { z } from 'zod';
import type { AppDeps, ZodApp } from '../../http/app-types.js';
import { bearerSecurity, requireActor } from '../../http/auth.js';
import { errors, instant } from '../../http/common.schemas.js';
import { presentInbox } from './inbox.presenter.js';

const KINDS = ['task', 'co_task', 'warning', 'overdue', 'returned', 'mediation', 'supervision', 'duplicate'] as const;

/** Each account's in-app inbox: new tasks, warnings, returns, mediation and supervision notices. */
export function inboxRoutes(app: ZodApp, { services }: AppDeps) {
  app.get(
    '/api/notifications',
    {
      schema: {
        tags: ['inbox'],
        summary: 'Your notifications, newest first, with the unread count',
        security: bearerSecurity,
        querystring: z.object({
          unread: z.enum(['true', 'false']).optional(),
          before: z
            .string()
            .regex(/^\d{1,18}$/)
            .optional(),
          limit: z.coerce.number().int().min(1).max(100).default(30),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                kind: z.enum(KINDS),
                eventId: z.string().nullable(),
                title: z.string(),
                body: z.string().nullable(),
                createdAt: instant,
                readAt: instant.nullable(),
              }),
            ),
            unread: z.number(),
            next: z.string().nullable(),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!actor.userId) return { items: [], unread: 0, next: null };
      const { items, unread } = await services.inbox.list(actor.userId, {
        unreadOnly: req.query.unread === 'true',
        before: req.query.before,
        limit: req.query.limit,
      });
      return presentInbox(items, unread, req.query.limit);
    },
  );

  app.post(
    '/api/notifications/read',
    {
      schema: {
        tags: ['inbox'],
        summary: 'Mark notifications read (some, or all)',
        security: bearerSecurity,
        body: z.object({
          ids: z
            .array(z.string().regex(/^\d{1,18}$/))
            .max(500)
            .optional(),
          all: z.boolean().optional(),
        }),
        response: { 200: z.object({ unread: z.number() }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!actor.userId) return { unread: 0 };
      return { unread: await services.inbox.markRead(actor.userId, req.body) };
    },
  );
}

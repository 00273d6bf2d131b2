import { z } from 'zod';
import type { AppDeps, ZodApp } from '../../http/app-types.js';
import { bearerSecurity, requireActor } from '../../http/auth.js';
import { bigintId, errors } from '../../http/common.schemas.js';
import { presentAuditPage, presentChainVerification } from './audit.presenter.js';

export function auditRoutes(app: ZodApp, { services }: AppDeps) {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit entries for areas in your scope, newest first (cursor: beforeId)',
        security: bearerSecurity,
        querystring: z.object({
          beforeId: bigintId.optional(),
          action: z.string().max(64).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                at: z.string(),
                actor: z.string(),
                ip: z.string().nullable(),
                action: z.string(),
                entityType: z.string(),
                entityId: z.string(),
                areaCode: z.string().nullable(),
                reason: z.string().nullable(),
              }),
            ),
            nextBeforeId: z.string().nullable(),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'audit:read');
      const rows = await services.auditLog.list(actor.scope, req.query);
      return presentAuditPage(rows, req.query.limit);
    },
  );

  app.get(
    '/api/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary:
          'Verify the signed checkpoints and every hash chain of the audit log against them; report the first broken link',
        security: bearerSecurity,
        response: {
          200: z.object({
            ok: z.boolean(),
            rows: z.number(),
            chains: z.number(),
            firstBreak: z
              .object({
                kind: z.string(),
                chain: z.string(),
                seq: z.string(),
                id: z.string().optional(),
                /** For checkpoint_signature: the line of the checkpoint file that fails. */
                line: z.number().int().optional(),
              })
              .nullable(),
            /** Signed checkpoints that verified (0: none yet, the chains alone were checked). */
            checkpoints: z.object({ records: z.number().int(), latestAt: z.string().nullable() }),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      requireActor(req, 'audit:verify');
      return presentChainVerification(await services.auditLog.verify());
    },
  );
}

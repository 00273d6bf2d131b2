import type { AppDeps, ZodApp } from '../../http/app-types.js';
import { bearerSecurity, requireActor } from '../../http/auth.js';
import { errors } from '../../http/common.schemas.js';
import { situationQuery, situationReport } from './report.schemas.js';
import { reportTitle } from './situation-rows.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export function reportRoutes(app: ZodApp, { services }: AppDeps) {
  app.get(
    '/api/reports/situation',
    {
      schema: {
        tags: ['reports'],
        summary:
          '形势研判: counts by category against the previous period and the same period last year, hotspots, rising categories, mediation outcomes by level, overdue units and a generated Chinese summary',
        description:
          'Any area in your scope (default: your own) and any period (default: the last complete quarter, Shanghai dates). Merged duplicates are not counted.',
        security: bearerSecurity,
        querystring: situationQuery,
        response: { 200: situationReport, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'event:read');
      return services.situation.report(actor.scope, req.query);
    },
  );

  for (const format of ['pdf', 'docx'] as const) {
    app.get(
      `/api/reports/situation.${format}`,
      {
        schema: {
          tags: ['reports'],
          summary: `The same situation report as ${format.toUpperCase()}, with charts, in Chinese`,
          security: bearerSecurity,
          querystring: situationQuery,
        },
      },
      async (req, reply) => {
        const actor = requireActor(req, 'event:read');
        const r = await services.situation.report(actor.scope, req.query);
        // Imported here: pdfkit and docx load on the first report, not at every start (src/lib/lazy-libraries.ts).
        const buf =
          format === 'pdf'
            ? await (await import('./situation-pdf.js')).situationPdf(r)
            : await (await import('./situation-docx.js')).situationDocx(r);
        reply
          .header('content-type', format === 'pdf' ? 'application/pdf' : DOCX)
          .header('content-disposition', attachment(`${reportTitle(r)}.${format}`));
        return reply.send(buf);
      },
    );
  }
}

import { z } from 'zod';
import { isElementKind } from '../../services/import/columns.js';
import { templateWorkbook } from '../../services/import/spreadsheet.js';
import type { AppDeps, ZodApp } from '../app-types.js';
import { bearerSecurity, requireActor } from '../auth.js';
import { areaCode, errors } from '../common.schemas.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const element = z.enum(['people', 'houses', 'organizations', 'places', 'things']);
const FILE_NAMES = { people: '实有人口', houses: '实有房屋', organizations: '组织', places: '场所', things: '部件' } as const;
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export function importExportRoutes(app: ZodApp, { services }: AppDeps) {
  // Spreadsheets arrive as the raw request body.
  for (const type of [XLSX, 'text/csv']) {
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: 50 * 1024 * 1024 }, (_req, body, done) => done(null, body));
  }

  app.get(
    '/api/import/templates/:element',
    { schema: { tags: ['import/export'], summary: 'The .xlsx template for an element, with a notes sheet', params: z.object({ element: z.string().regex(/^(people|houses|organizations|places|things)\.xlsx$/) }) } },
    async (req, reply) => {
      const kind = req.params.element.replace('.xlsx', '');
      if (!isElementKind(kind)) return reply.callNotFound();
      reply.header('content-type', XLSX).header('content-disposition', attachment(`${FILE_NAMES[kind]}导入模板.xlsx`));
      return reply.send(await templateWorkbook(kind));
    },
  );

  app.post(
    '/api/import/:element',
    {
      bodyLimit: 50 * 1024 * 1024,
      schema: {
        tags: ['import/export'],
        summary: 'Import an .xlsx or .csv (raw body). dryRun=true only checks; mode=all_or_nothing writes nothing if any row is bad',
        security: bearerSecurity,
        params: z.object({ element }),
        querystring: z.object({ dryRun: z.enum(['true', 'false']).default('true'), mode: z.enum(['valid_only', 'all_or_nothing']).default('valid_only') }),
        response: {
          200: z.object({
            jobId: z.string(), received: z.number(), valid: z.number(), inserted: z.number(), unchanged: z.number(), rejected: z.number(),
            errors: z.array(z.object({ row: z.number(), column: z.string(), message: z.string() })), reportUrl: z.string().nullable(),
          }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req, 'registry:import');
      const type = String(req.headers['content-type'] ?? '');
      if (!Buffer.isBuffer(req.body)) return reply.status(415).send({ error: { id: 'unsupported_media_type', message: `Send ${XLSX} or text/csv` }, requestId: req.id });
      const r = await services.imports.run(actor, req.params.element, req.body, { format: type.startsWith('text/csv') ? 'csv' : 'xlsx', dryRun: req.query.dryRun === 'true', mode: req.query.mode });
      return { ...r, reportUrl: r.rejected > 0 ? `/api/import/reports/${r.jobId}.xlsx` : null };
    },
  );

  app.get(
    '/api/import/reports/:file',
    { schema: { tags: ['import/export'], summary: 'The rejected rows of an import, with an 错误说明 column', security: bearerSecurity, params: z.object({ file: z.string().regex(/^[0-9a-f-]{36}\.xlsx$/) }) } },
    async (req, reply) => {
      const actor = requireActor(req, 'registry:import');
      const buf = await services.imports.report(actor, req.params.file.slice(0, 36));
      return reply.header('content-type', XLSX).header('content-disposition', attachment('导入错误报告.xlsx')).send(buf);
    },
  );

  app.get(
    '/api/export/:file',
    {
      schema: {
        tags: ['import/export'],
        summary: 'Stream an element list as .xlsx or .csv within your scope; masked unless full=true (needs personal:read_full, audited)',
        security: bearerSecurity,
        params: z.object({ file: z.string().regex(/^(people|houses|organizations)\.(xlsx|csv)$/) }),
        querystring: z.object({ areaCode: areaCode.optional(), full: z.enum(['true', 'false']).default('false') }),
      },
    },
    async (req, reply) => {
      const [kind, format] = req.params.file.split('.') as ['people' | 'houses' | 'organizations', 'xlsx' | 'csv'];
      const full = req.query.full === 'true';
      const actor = full ? requireActor(req, 'registry:read', 'personal:read_full') : requireActor(req, 'registry:read');
      const stream = await services.exports.start(actor, kind, { areaPrefix: req.query.areaCode ?? actor.scope.prefix, format, full });
      reply.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX).header('content-disposition', attachment(`${FILE_NAMES[kind]}.${format}`));
      return reply.send(stream);
    },
  );
}

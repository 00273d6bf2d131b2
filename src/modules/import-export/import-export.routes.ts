import { z } from 'zod';
import type { AppDeps, ZodApp } from '../../http/app-types.js';
import { bearerSecurity, requireActor } from '../../http/auth.js';
import { areaCode, errors } from '../../http/common.schemas.js';
import { send } from '../../http/error-handler.js';
import { needs } from '../registry/registry.policy.js';
import { ELEMENT_KINDS, isElementKind } from './columns.js';
import { templateWorkbook } from './spreadsheet.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The largest spreadsheet accepted as a request body. */
export const IMPORT_BODY_LIMIT = 50 * 1024 * 1024;
const element = z.enum(ELEMENT_KINDS as ['people', 'houses', 'organizations', 'places', 'things']);
const FILE_NAMES = {
  people: '实有人口',
  houses: '实有房屋',
  organizations: '组织',
  places: '场所',
  things: '部件',
} as const;
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

const importResult = z.object({
  jobId: z.string(),
  reportId: z.string().optional().describe('Set when a row was rejected: GET /api/import/reports/{reportId}.xlsx'),
  reportUrl: z.string().nullable(),
  committed: z.boolean().describe('false for a dry run, and for all_or_nothing with a rejected row'),
  received: z.number().describe('non-blank data rows; always = inserted + unchanged + rejected + skipped'),
  valid: z.number(),
  inserted: z.number(),
  unchanged: z.number().describe('already registered: nothing to change'),
  rejected: z.number(),
  skipped: z.number().describe('valid new rows not written (dry run, or all_or_nothing refused)'),
  errors: z.array(
    z.object({
      row: z.number().describe('as Excel shows it; the header is row 1'),
      column: z.string(),
      message: z.string(),
    }),
  ),
});

export function importExportRoutes(app: ZodApp, { services }: AppDeps) {
  // Spreadsheets arrive as the raw request body.
  app.addContentTypeParser(
    [XLSX, 'text/csv'],
    { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT },
    (_req, body, done) => done(null, body),
  );

  app.get(
    '/api/import/templates/:file',
    {
      schema: {
        tags: ['import/export'],
        summary: 'The .xlsx template of an element: Chinese headers, an example row and a notes sheet',
        params: z.object({ file: z.string().regex(/^(people|houses|organizations|places|things)\.xlsx$/) }),
      },
    },
    async (req, reply) => {
      const kind = req.params.file.replace(/\.xlsx$/, '');
      if (!isElementKind(kind)) return reply.callNotFound();
      reply.header('content-type', XLSX).header('content-disposition', attachment(`${FILE_NAMES[kind]}导入模板.xlsx`));
      return reply.send(await templateWorkbook(kind));
    },
  );

  app.post(
    '/api/import/:element',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['import/export'],
        summary:
          'Import an .xlsx or .csv sent as the raw body. dryRun=true (the default) only checks; mode=all_or_nothing writes nothing if any row is rejected',
        description:
          'People rows may name a 户号 and 与户主关系: the household is created in that grid when it does not exist. Re-importing a file is idempotent.',
        security: bearerSecurity,
        params: z.object({ element }),
        querystring: z.object({
          dryRun: z.enum(['true', 'false']).default('true'),
          mode: z.enum(['valid_only', 'all_or_nothing']).default('valid_only'),
        }),
        response: { 200: importResult, ...errors, 413: errors[400], 415: errors[400] },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req, ...needs('import'));
      if (!Buffer.isBuffer(req.body)) {
        return send(reply, 415, {
          error: {
            id: 'unsupported_media_type',
            message: `Send the file as the body, with Content-Type ${XLSX} or text/csv`,
          },
          requestId: req.id,
        });
      }
      const type = String(req.headers['content-type'] ?? '');
      const r = await services.imports.run(actor, req.params.element, req.body, {
        format: type.startsWith('text/csv') ? 'csv' : 'xlsx',
        dryRun: req.query.dryRun === 'true',
        mode: req.query.mode,
      });
      return { ...r, reportUrl: r.reportId ? `/api/import/reports/${r.reportId}.xlsx` : null };
    },
  );

  app.get(
    '/api/import/reports/:file',
    {
      schema: {
        tags: ['import/export'],
        summary: 'The rejected rows of one of your imports or dry runs, with an 错误说明 column (kept 7 days)',
        security: bearerSecurity,
        params: z.object({
          file: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.xlsx$/),
        }),
      },
    },
    async (req, reply) => {
      const actor = requireActor(req, ...needs('import'));
      const buf = await services.imports.report(actor, req.params.file.slice(0, 36));
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment('导入错误报告.xlsx'))
        .send(buf);
    },
  );

  app.get(
    '/api/export/:file',
    {
      schema: {
        tags: ['import/export'],
        summary:
          'Stream an element list as .xlsx or .csv within your scope; ID numbers and phones masked unless full=true (needs personal:read_full; audited)',
        security: bearerSecurity,
        params: z.object({ file: z.string().regex(/^(people|houses|organizations)\.(xlsx|csv)$/) }),
        querystring: z.object({ areaCode: areaCode.optional(), full: z.enum(['true', 'false']).default('false') }),
      },
    },
    async (req, reply) => {
      const [kind, format] = req.params.file.split('.') as ['people' | 'houses' | 'organizations', 'xlsx' | 'csv'];
      const full = req.query.full === 'true';
      const actor = requireActor(req, ...needs(full ? 'seeFullPersonalData' : 'see'));
      const stream = await services.exports.start(actor, kind, { areaCode: req.query.areaCode, format, full });
      reply
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX)
        .header('content-disposition', attachment(`${FILE_NAMES[kind]}.${format}`));
      return reply.send(stream);
    },
  );
}

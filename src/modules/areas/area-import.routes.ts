import '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps, ZodApp } from '../../http/app-types.js';
import { bearerSecurity, requireActor } from '../../http/auth.js';
import { areaCode, errorBody, errors } from '../../http/common.schemas.js';
import { AppError, invalidField } from '../../lib/errors.js';
import { DATUMS, type Datum } from './area-import-boundaries.js';

/** A whole city's grids as GeoJSON run to tens of megabytes. */
export const AREA_IMPORT_MAX_BYTES = 200 * 1024 * 1024;

const problem = z.object({
  source: z.enum(['row', 'feature', 'file']).describe('file: index 1 is the division file, 2 the boundary file'),
  index: z.number().int().describe('row as Excel shows it (header = 1), or the feature number from 1'),
  code: z.string().nullable(),
  problem: z.string().describe('stable id, e.g. code_not_under_parent, overlaps_sibling, ring_not_closed'),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  messageEn: z.string(),
});
const report = z.object({
  dryRun: z.boolean(),
  applied: z.boolean(),
  counts: z.object({
    rows: z.number().int(),
    features: z.number().int(),
    errors: z.number().int(),
    warnings: z.number().int(),
    create: z.number().int(),
    rename: z.number().int(),
    redraw: z.number().int(),
    unchanged: z.number().int(),
    elementsMoved: z.number().int().describe('houses, places, things and organisations (people follow their house)'),
    eventsMoved: z.number().int().describe('open events only'),
  }),
  problems: z.array(problem),
  changes: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      level: z.string(),
      parentCode: z.string().nullable(),
      action: z.enum(['create', 'rename', 'redraw', 'rename_redraw']),
    }),
  ),
  moves: z
    .array(
      z.object({
        kind: z.enum(['house', 'place', 'thing', 'organization', 'event']),
        id: z.string(),
        from: z.string(),
        to: z.string(),
      }),
    )
    .describe('the first 500; the counts hold all'),
});

interface Upload {
  divisions: Buffer | null;
  boundaries: Buffer | null;
  fields: Record<string, string>;
}

async function readFiles(req: FastifyRequest): Promise<Upload> {
  if (!req.isMultipart()) throw invalidField('divisions', 'required');
  const out: Upload = { divisions: null, boundaries: null, fields: {} };
  try {
    for await (const part of req.parts({
      limits: { fileSize: AREA_IMPORT_MAX_BYTES, files: 2, fields: 5, fieldSize: 100 },
    })) {
      if (part.type === 'file') {
        if (part.fieldname === 'divisions' || part.fieldname === 'boundaries')
          out[part.fieldname] = await part.toBuffer();
        else part.file.resume();
      } else out.fields[part.fieldname] = String(part.value);
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError('payload_too_large', 'payload_too_large');
    throw err;
  }
  return out;
}

const options = z.object({
  datum: z.enum(DATUMS).default('wgs84'),
  dryRun: z.enum(['true', 'false']).default('true'),
  codeProperty: z
    .string()
    .regex(/^[\w\u4e00-\u9fff]{1,40}$/)
    .default('code'),
});

export function areaImportRoutes(app: ZodApp, { services }: AppDeps) {
  app.post(
    '/api/areas/import',
    {
      schema: {
        tags: ['areas'],
        summary: 'Import an area tree (CSV/XLSX division table or GeoJSON export) and boundaries; dry run by default',
        description:
          'multipart/form-data: file `divisions` (CSV or XLSX with columns code/代码, name/名称 and optionally parent/上级代码; or a GeoJSON FeatureCollection with properties code, name, parentCode), optional file `boundaries` (GeoJSON, zipped Shapefile or KML; the code in the feature property `codeProperty`), fields `datum` (wgs84 | cgcs2000 | gcj02), `dryRun` (true | false), `codeProperty`. Only inside your own area. An apply with errors in the report writes nothing and answers 422 with the report.',
        consumes: ['multipart/form-data'],
        security: bearerSecurity,
        response: { 200: report, 422: report, ...errors, 413: errorBody },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req, 'area:write');
      const upload = await readFiles(req);
      if (!upload.divisions) throw invalidField('divisions', 'required');
      const parsed = options.safeParse(upload.fields);
      if (!parsed.success) throw invalidField(String(parsed.error.issues[0]?.path[0] ?? 'datum'), 'validation_failed');
      const r = await services.areaImport.run(
        actor,
        { divisions: upload.divisions, boundaries: upload.boundaries },
        {
          datum: parsed.data.datum as Datum,
          dryRun: parsed.data.dryRun === 'true',
          codeProperty: parsed.data.codeProperty,
        },
      );
      return reply.status(!r.dryRun && !r.applied ? 422 : 200).send(r);
    },
  );

  app.get(
    '/api/areas/export.geojson',
    {
      schema: {
        tags: ['areas'],
        summary: 'The area tree under a root and its boundaries as GeoJSON (properties code, name, parentCode, level)',
        description:
          '`depth` counts levels below the root (0 = the root alone); without it, down to the grids. Streamed.',
        security: bearerSecurity,
        querystring: z.object({ root: areaCode, depth: z.coerce.number().int().min(0).max(4).optional() }),
      },
    },
    async (req, reply) => {
      const actor = requireActor(req, 'area:read');
      const stream = await services.areaExport.geojson(actor.scope, req.query.root, req.query.depth);
      reply
        .header('content-type', 'application/geo+json; charset=utf-8')
        .header('content-disposition', `attachment; filename="areas-${req.query.root}.geojson"`);
      return reply.send(stream);
    },
  );
}

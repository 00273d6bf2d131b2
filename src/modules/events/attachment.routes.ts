import '@fastify/multipart';
import fs from 'node:fs';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps, ZodApp } from '../../http/app-types.js';
import { bearerSecurity, requireActor } from '../../http/auth.js';
import { errorBody, errors, instant } from '../../http/common.schemas.js';
import { forbidden } from '../../lib/errors.js';
import { presentAttachment } from './attachment.presenter.js';
import { fileRequired, PUBLIC_UPLOAD, STAFF_UPLOAD, tooLarge, type UploadedFile } from './attachment.service.js';
import { writesEvents } from './event.policy.js';

const attachmentOut = z.object({
  id: z.string(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number(),
  createdAt: instant,
});
const uploadErrors = { ...errors, 413: errorBody, 422: errorBody };

/** RFC 5987 encoding for filename*: percent-encode everything outside attr-char. */
const rfc5987 = (s: string) =>
  encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
export const contentDisposition = (name: string) => {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${rfc5987(name)}`;
};

/** Reads a multipart body: one file in the field `file` (at most maxBytes) and a few short text fields. */
async function readUpload(
  req: FastifyRequest,
  maxBytes: number,
): Promise<{ file: UploadedFile; fields: Record<string, string> }> {
  if (!req.isMultipart()) throw fileRequired();
  const fields: Record<string, string> = {};
  let file: UploadedFile | null = null;
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 1000 } })) {
      if (part.type === 'file') {
        if (part.fieldname === 'file' && !file) file = { fileName: part.filename, data: await part.toBuffer() };
        else part.file.resume();
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxBytes);
    if (code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') throw fileRequired();
    throw err;
  }
  if (!file) throw fileRequired();
  return { file, fields };
}

const multipartNote =
  'Send multipart/form-data with the file in the field `file`. The type is judged by the content, not the name or Content-Type.';

export function attachmentRoutes(app: ZodApp, { services }: AppDeps) {
  app.post(
    '/api/events/:id/attachments',
    {
      schema: {
        tags: ['events'],
        summary:
          "Attach a photo or document (JPEG, PNG, WebP, PDF, DOCX; at most 10 MB) to an event you act on now (the event's canAttach)",
        description: `${multipartNote} An optional field \`transitionId\` ties it to a step of the timeline.`,
        consumes: ['multipart/form-data'],
        security: bearerSecurity,
        params: z.object({ id: z.uuid() }),
        response: { 201: attachmentOut, ...uploadErrors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req, 'event:read');
      // A read-only account is refused before its upload is read; the event policy decides the rest (the service).
      if (!writesEvents(actor)) throw forbidden();
      const { file, fields } = await readUpload(req, STAFF_UPLOAD.maxBytes);
      const a = await services.attachments.add(actor, req.params.id, file, {
        transitionId: fields.transitionId?.trim() || null,
      });
      return reply.status(201).send(presentAttachment(a));
    },
  );

  app.get(
    '/api/events/:id/attachments',
    {
      schema: {
        tags: ['events'],
        summary: "An event's attachments, within your scope",
        security: bearerSecurity,
        params: z.object({ id: z.uuid() }),
        response: { 200: z.object({ items: z.array(attachmentOut) }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'event:read');
      return { items: (await services.attachments.list(actor.scope, req.params.id)).map(presentAttachment) };
    },
  );

  app.get(
    '/api/events/:id/attachments/:attachmentId',
    {
      schema: {
        tags: ['events'],
        summary: 'Download an attachment (always as a download, never rendered inline)',
        security: bearerSecurity,
        params: z.object({ id: z.uuid(), attachmentId: z.uuid() }),
      },
    },
    async (req, reply) => {
      const actor = requireActor(req, 'event:read');
      const a = await services.attachments.open(actor.scope, req.params.id, req.params.attachmentId);
      return reply
        .header('content-type', a.mime)
        .header('content-length', String(a.size))
        .header('content-disposition', contentDisposition(a.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store')
        .header('etag', `"${a.sha256}"`)
        .send(fs.createReadStream(a.path));
    },
  );

  app.post(
    '/api/track/:code/attachments',
    {
      schema: {
        tags: ['events'],
        summary:
          'A resident adds a photo (JPEG, PNG, WebP; at most 5 MB) to the event of a tracking code: within 24 h of the report, 3 per event',
        description: multipartNote,
        consumes: ['multipart/form-data'],
        params: z.object({ code: z.string().regex(/^[A-Z0-9]{6,16}$/) }),
        response: { 201: attachmentOut, ...uploadErrors },
      },
    },
    async (req, reply) => {
      const { file } = await readUpload(req, PUBLIC_UPLOAD.maxBytes);
      const a = await services.attachments.addPublic(req.params.code, file, req.ip);
      return reply.status(201).send(presentAttachment(a));
    },
  );
}

import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { $ZodIssue } from 'zod/v4/core';
import { RequestValidationError } from './validation.js';

/**
 * The one input gate in front of every route. Route schemas check shapes; this catches what no
 * route schema should have to think about and what the database would otherwise answer with an
 * error (a 500): NUL bytes (PostgreSQL text cannot hold U+0000), and request bodies that cannot be
 * read at all (malformed JSON, an unsupported content type, a truncated multipart form).
 */
export function registerInputGate(app: FastifyInstance): void {
  // preValidation runs after the body is parsed and before the route's schema, for every route
  // (the not-found handler too), so a NUL never reaches a schema refinement, a service or SQL.
  app.addHook('preValidation', async (req) => {
    const parts: Array<[string, unknown]> = [
      ['params', req.params],
      ['querystring', req.query],
      ['body', req.body],
    ];
    for (const [part, value] of parts) {
      const path = findNul(value);
      if (path) throw gateError(part, path, 'nul_byte');
    }
  });
}

interface Step {
  key: PropertyKey;
  parent: Step | null;
}
const pathOf = (step: Step | null): PropertyKey[] => {
  const path: PropertyKey[] = [];
  for (let s = step; s; s = s.parent) path.unshift(s.key);
  return path;
};

/**
 * The path to the first string (or object key) holding U+0000, or null. Iterative with parent
 * links, so a deeply nested JSON body costs neither stack nor quadratic path copies.
 */
export function findNul(root: unknown): PropertyKey[] | null {
  const stack: Array<[unknown, Step | null]> = [[root, null]];
  while (stack.length > 0) {
    const [value, at] = stack.pop() as [unknown, Step | null];
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return pathOf(at);
      continue;
    }
    if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) continue;
    const entries: Array<[PropertyKey, unknown]> = Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : Object.entries(value);
    // Pushed in reverse so the first offending field in document order is the one reported.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, v] = entries[i] as [PropertyKey, unknown];
      if (typeof key === 'string' && key.includes('\u0000')) {
        return [...pathOf(at), key.replaceAll('\u0000', '\\0')];
      }
      stack.push([v, { key, parent: at }]);
    }
  }
  return null;
}

function gateError(part: string, path: PropertyKey[], message: string): RequestValidationError {
  const issue = { code: 'custom', path, message, input: undefined } as unknown as $ZodIssue;
  return new RequestValidationError(part, [issue]);
}

/**
 * A body that could not be read, as Fastify or the multipart reader reports it, turned into the
 * same 400 `validation_failed` with a field message as any schema failure; null for other errors.
 */
export function unreadableBody(err: FastifyError | Error, req: FastifyRequest): RequestValidationError | null {
  const code = (err as FastifyError).code;
  switch (code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return gateError('body', [], 'body_malformed_json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return gateError('body', [], 'body_empty_json');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return gateError('body', [], 'body_content_type');
    case 'FST_MP_PREMATURE_CLOSE':
    case 'FST_PROTO_VIOLATION':
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return gateError('body', [], 'body_malformed_multipart');
  }
  // The multipart parser (busboy/dicer) throws plain errors with no code; match their messages
  // only on multipart requests, so an unrelated failure still answers 500 and is logged.
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  if (!code && type.startsWith('multipart/') && /multipart data|Boundary not found|Malformed/i.test(err.message)) {
    return gateError('body', [], 'body_malformed_multipart');
  }
  return null;
}

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors.js';
import { type Lang, MESSAGES, pickLang, translate } from '../lib/messages.js';
import { unreadableBody } from './input-gate.js';
import { issueMessage, RequestValidationError } from './validation.js';

export interface ErrorBody {
  error: { id: string; message: string; fields?: Array<{ path: string; message: string }> };
  requestId: string;
}

export function requestLang(req: FastifyRequest): Lang {
  const q = req.query as Record<string, unknown> | undefined;
  return pickLang(req.headers['accept-language'], typeof q?.lang === 'string' ? q.lang : undefined);
}

/**
 * One error handler for every route. Known errors keep their stable id and a message in the
 * caller's language; anything else is logged in full and answered as `internal` with no detail.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((thrown: FastifyError | AppError | RequestValidationError, req, reply) => {
    const lang = requestLang(req);
    // A body that could not be read (bad JSON, wrong content type, truncated multipart) is bad input too.
    const err = thrown instanceof AppError ? thrown : (unreadableBody(thrown, req) ?? thrown);
    if (err instanceof RequestValidationError) {
      const own = (key: string) => (MESSAGES[key] ? translate(key, lang) : null);
      return send(reply, 400, {
        error: {
          id: 'validation_failed',
          message: translate('validation_failed', lang),
          fields: err.issues.map((i) => ({
            // A whole part (a body that cannot be read) is named by the part itself.
            path: [err.part === 'body' ? null : err.part, ...i.path.map(String)].filter(Boolean).join('.') || err.part,
            message: issueMessage(i, lang, own),
          })),
        },
        requestId: req.id,
      });
    }
    if (err instanceof AppError) {
      if (err.status === 429) reply.header('retry-after', String(err.params.retryAfterSeconds ?? 60));
      const message = translate(err.key === err.id ? err.id : err.key, lang, err.params);
      return send(reply, err.status, {
        error: {
          id: err.id,
          message,
          ...(err.fields.length > 0
            ? { fields: err.fields.map((f) => ({ path: f.path, message: translate(f.key, lang, f.params) })) }
            : {}),
        },
        requestId: req.id,
      });
    }
    // Fastify's other client errors (body too large, multipart limits): a stable id, no internal wording.
    const status = (err as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      const id = status === 413 ? 'payload_too_large' : 'bad_request';
      return send(reply, status, { error: { id, message: translate(id, lang) }, requestId: req.id });
    }
    req.log.error({ err }, 'unhandled error');
    return send(reply, 500, { error: { id: 'internal', message: translate('internal', lang) }, requestId: req.id });
  });
}

/**
 * Errors the router raises before any route or hook runs (a path that is not valid UTF-8 once
 * decoded, a path parameter over the length limit): the same 400 `validation_failed` as the gate.
 */
export function sendFrameworkError(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const lang = requestLang(req);
  const key = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'param_too_long' : 'url_malformed';
  return send(reply, 400, {
    error: {
      id: 'validation_failed',
      message: translate('validation_failed', lang),
      fields: [{ path: 'params', message: translate(key, lang) }],
    },
    requestId: req.id,
  });
}

export function send(reply: FastifyReply, status: number, body: ErrorBody) {
  // Error bodies bypass the route's response schema, which describes success only.
  return reply.status(status).type('application/json; charset=utf-8').serializer(JSON.stringify).send(body);
}

export function sendRouteNotFound(req: FastifyRequest, reply: FastifyReply) {
  return send(reply, 404, {
    error: { id: 'not_found', message: translate('route_not_found', requestLang(req)) },
    requestId: req.id,
  });
}

import type { FastifyRequest } from 'fastify';
import pino, { type DestinationStream, type Logger } from 'pino';
import { maskForLog, maskQueryString } from '../lib/log-redaction.js';

/**
 * What the log says about a request: the route pattern (`/api/people/:id`, never the values in the
 * path), a query string with personal values masked, and never a body. Unmatched paths are masked too.
 */
export function requestLogValue(req: FastifyRequest) {
  const raw = req.url ?? '';
  const q = raw.indexOf('?');
  const pathPart = q < 0 ? raw : raw.slice(0, q);
  const query = q < 0 ? '' : maskQueryString(raw.slice(q + 1));
  const route = req.routeOptions?.url;
  return {
    method: req.method,
    route: route ?? null,
    url: `${route ?? maskForLog(pathPart.slice(0, 200))}${query ? `?${query}` : ''}`,
    remoteAddress: req.ip,
  };
}

/**
 * Errors keep their class, message and stack; the database driver's `detail`, `where` and the like
 * are dropped: PostgreSQL puts row values there (`Key (phone)=(13800138000) already exists`).
 */
export function errorLogValue(err: Error) {
  const out = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
  for (const key of ['detail', 'where', 'parameters', 'internalQuery', 'hint', 'query', 'params']) delete out[key];
  if (typeof out.message === 'string') out.message = maskForLog(out.message);
  if (typeof out.stack === 'string') out.stack = maskForLog(out.stack);
  return out;
}

/** The server's logger: Fastify's request lines go through the serializers above. */
export function createAppLogger(level: string, stream?: DestinationStream): Logger {
  const options = {
    level,
    serializers: { req: requestLogValue, err: errorLogValue },
    redact: ['req.headers.authorization', 'headers.authorization'],
  };
  return stream ? pino(options, stream) : pino(options);
}

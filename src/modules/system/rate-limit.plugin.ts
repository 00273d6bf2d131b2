import rateLimit from '@fastify/rate-limit';
import type { RouteOptions } from 'fastify';
import type { AppDeps, ZodApp } from '../../http/app-types.js';
import { rateLimited } from '../../lib/errors.js';
import type { RateLimitService } from './rate-limit.service.js';

/**
 * Requests per address and window on the public lookups by default; `RATE_LIMIT_ROUTES` changes any route's limit
 * (0 exempts it). The public report intake is not here: it has its own limits per phone and per address, counted
 * inside its transaction. Sign-in is not here either: its delays are per account, and an address-wide limit would
 * block an office behind one NAT address.
 */
const DEFAULT_LIMITS: Record<string, number | 'default'> = {
  'GET /api/track/:code': 'default',
  'POST /api/track/:code/rating': 10,
  'POST /api/track/:code/attachments': 10,
  // A resident panning the report map asks for a box at a time; answers are cached for five minutes.
  'GET /api/public/grid-outlines': 120,
  // A resident types a village's name a few times; each answer is ten names.
  'GET /api/public/places': 60,
};

/** The limit of a route: configured, else the default list, else none. */
export function routeLimit(
  method: string,
  url: string,
  publicMax: number,
  configured: Record<string, number>,
): number | null {
  const id = `${method} ${url}`;
  const limit = configured[id] ?? DEFAULT_LIMITS[id];
  if (limit === undefined || limit === 0) return null;
  return limit === 'default' ? publicMax : limit;
}

interface StoreResult {
  current: number;
  ttl: number;
}

/** @fastify/rate-limit's store interface, over the database counters; a child store per route prefixes its key. */
function databaseStore(counters: RateLimitService) {
  return class DatabaseStore {
    constructor(
      _options: unknown,
      private readonly prefix = '',
    ) {}

    incr(key: string, done: (err: Error | null, r?: StoreResult) => void, timeWindow: number) {
      counters.hit(`${this.prefix}${key}`, timeWindow).then(
        (r) => done(null, { current: r.count, ttl: r.ttlMs }),
        (err: Error) => done(err),
      );
    }

    // Typed as the route's options; at run time they are the merged limit options with the route under `routeInfo`.
    child(options: RouteOptions & { routeInfo?: RouteOptions }) {
      const r = options.routeInfo ?? options;
      return new DatabaseStore(options, `${String(r.method)} ${r.url} `);
    }
  };
}

/** Registers the limiter; call before the routes, whose limits are attached as they are added. */
export async function registerRateLimits(app: ZodApp, deps: AppDeps): Promise<void> {
  const { publicMax, windowMs, routes } = deps.config.rateLimit;
  if (publicMax === 0) return;
  app.addHook('onRoute', (route) => {
    if (route.config && 'rateLimit' in route.config) return;
    const method = Array.isArray(route.method) ? route.method.join(',') : route.method;
    const max = routeLimit(method, route.url, publicMax, routes);
    if (max !== null) route.config = { ...route.config, rateLimit: { max, timeWindow: windowMs } };
  });
  await app.register(rateLimit, {
    global: false,
    store: databaseStore(deps.services.rateLimits),
    // The platform's error body (stable id, message in the caller's language) and Retry-After, via the error handler.
    errorResponseBuilder: (_req, ctx) => rateLimited(Math.max(1, Math.ceil(ctx.ttl / 1000))),
  });
}

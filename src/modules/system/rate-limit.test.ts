import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';
import { buildApp } from '../../app.js';
import type { ZodApp } from '../../http/app-types.js';
import { routeLimit } from './rate-limit.plugin.js';
import { RateLimitService } from './rate-limit.service.js';

const WINDOW_MS = 60_000;

describe(`rate limits on public lookups (${backend})`, () => {
  let t: TestApp;
  /** A second app over the same database with its own counters object: another process, as far as limits go. */
  let other: ZodApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: {
        RATE_LIMIT_PUBLIC_MAX: '5',
        RATE_LIMIT_WINDOW_SECONDS: '60',
        RATE_LIMIT_ROUTES: 'GET /api/public/grid-outlines=3, POST /api/track/:code/rating=0',
      },
    });
    const r = t.runtime;
    other = await buildApp({
      config: t.config,
      databaseKind: r.database.kind,
      clock: t.clock,
      cipher: r.cipher,
      services: { ...r.services, rateLimits: new RateLimitService(r.database.db, t.clock) },
      version: 'test',
      demoMode: false,
    });
    await other.ready();
    // Start at the beginning of a window, so the counts below all fall in one.
    t.clock.advance(WINDOW_MS - (t.clock.now().getTime() % WINDOW_MS));
  });
  afterAll(async () => {
    await other?.close();
    await t.close();
  });

  const track = (ip: string, app: ZodApp = t.runtime.app, lang = 'zh-CN') =>
    app.inject({ method: 'GET', url: '/api/track/ZZZZZZZZ', remoteAddress: ip, headers: { 'accept-language': lang } });

  it('answers the request past the limit with 429, Retry-After and the platform error body', async () => {
    for (let i = 0; i < 5; i++) expect((await track('10.7.0.1')).statusCode).toBe(404);
    const r = await track('10.7.0.1');
    expect(r.statusCode).toBe(429);
    expect(r.headers['retry-after']).toBe('60');
    expect(r.json()).toEqual({
      error: { id: 'rate_limited', message: '尝试次数过多,请 60 秒后再试' },
      requestId: expect.any(String),
    });
    t.clock.advance(20_000);
    const en = await track('10.7.0.1', t.runtime.app, 'en');
    expect(en.statusCode).toBe(429);
    expect(en.headers['retry-after']).toBe('40');
    expect(en.json().error.message).toBe('Too many attempts; try again in 40 s');
    // Another address has its own count.
    expect((await track('10.7.0.2')).statusCode).toBe(404);
    // The next window starts afresh.
    t.clock.advance(40_000);
    expect((await track('10.7.0.1')).statusCode).toBe(404);
  });

  it('shares the count between two app instances over one database', async () => {
    t.clock.advance(WINDOW_MS - (t.clock.now().getTime() % WINDOW_MS));
    const ip = '10.7.1.1';
    for (let i = 0; i < 5; i++)
      expect((await track(ip, i % 2 === 0 ? t.runtime.app : other)).statusCode, `request ${i + 1}`).toBe(404);
    expect((await track(ip, other)).statusCode).toBe(429);
    expect((await track(ip, t.runtime.app)).statusCode).toBe(429);
    const rows = await t.runtime.database.db
      .selectFrom('rate_limit_counter')
      .select(['key', 'count'])
      .where('key', 'like', `%${ip}`)
      .execute();
    expect(rows).toEqual([{ key: `GET /api/track/:code ${ip}`, count: 7 }]);
  });

  it('applies per-route limits from the configuration, and none to signed-in routes', async () => {
    t.clock.advance(WINDOW_MS - (t.clock.now().getTime() % WINDOW_MS));
    const outlines = () =>
      t.runtime.app.inject({
        method: 'GET',
        url: '/api/public/grid-outlines?bbox=100.4,38.9,100.5,39',
        remoteAddress: '10.7.2.1',
      });
    for (let i = 0; i < 3; i++) expect((await outlines()).statusCode).toBe(200);
    expect((await outlines()).statusCode).toBe(429);
    // 0 exempts a route.
    for (let i = 0; i < 8; i++) {
      const r = await t.runtime.app.inject({
        method: 'POST',
        url: '/api/track/ZZZZZZZZ/rating',
        payload: { rating: 'satisfied' },
        remoteAddress: '10.7.2.1',
      });
      expect(r.statusCode).toBe(404);
    }
    const token = await t.login('demo-city');
    for (let i = 0; i < 10; i++) expect((await t.api('GET', '/api/auth/me', { token })).status).toBe(200);
  });

  it('deletes ended windows in passing', async () => {
    await track('10.7.3.1');
    t.clock.advance(3 * WINDOW_MS);
    await track('10.7.3.2');
    const rows = await t.runtime.database.db.selectFrom('rate_limit_counter').select('key').execute();
    expect(rows.map((r) => r.key)).toEqual(['GET /api/track/:code 10.7.3.2']);
  });
});

describe('routeLimit', () => {
  it('limits the public lookups by default, not sign-in nor the public report intake', () => {
    expect(routeLimit('GET', '/api/track/:code', 60, {})).toBe(60);
    expect(routeLimit('POST', '/api/track/:code/rating', 60, {})).toBe(10);
    expect(routeLimit('POST', '/api/auth/login', 60, {})).toBeNull();
    expect(routeLimit('POST', '/api/public/events', 60, {})).toBeNull();
    expect(routeLimit('POST', '/api/auth/login', 60, { 'POST /api/auth/login': 300 })).toBe(300);
  });
});

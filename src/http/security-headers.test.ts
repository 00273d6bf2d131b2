import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, startTestApp, type TestApp } from '../../tests/helpers/harness.js';
import { cspDirectives, relaxForApiDocs, tileOrigin } from './security-headers.js';

const TILES = 'https://tiles.example.gov.cn/base/{z}/{x}/{y}.png';
const hasWeb = fs.existsSync('web/dist/index.html');

/** Issue #14 item 11: every answer carries the security headers, pages a strict Content-Security-Policy. */
describe(`security headers and CSP (${backend})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { BASE_MAP_TILE_URL: TILES, ...(hasWeb ? { WEB_DIST: 'web/dist' } : {}) } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const csp = (h: Record<string, unknown>) => String(h['content-security-policy'] ?? '');

  it.each(['/', '/map', '/api/health', '/api/areas/620700', '/api/no-such-route'])('sends them on %s', async (url) => {
    const r = await t.api('GET', url);
    const policy = csp(r.headers);
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(policy).toContain("worker-src 'self' blob:");
    expect(policy).toContain("img-src 'self' data: blob: https://tiles.example.gov.cn");
    expect(policy).toContain("connect-src 'self' https://tiles.example.gov.cn");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('upgrade-insecure-requests');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.headers['referrer-policy']).toBe('same-origin');
    expect(r.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(r.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });

  it.runIf(hasWeb)('serves the web app page with that policy', async () => {
    const r = await t.api('GET', '/');
    expect(r.status).toBe(200);
    expect(String(r.headers['content-type'])).toContain('text/html');
    // The built page has no inline script the policy would block.
    expect(r.body).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
  });

  it('relaxes only style-src for the API docs page', async () => {
    let r = await t.api('GET', '/api/docs');
    for (let hops = 0; hops < 3 && r.status >= 300 && r.status < 400; hops++) {
      const next = String(r.headers.location);
      r = await t.api('GET', next.startsWith('/') ? next : `/api/docs/${next.replace(/^\.\//, '')}`);
    }
    expect(r.status).toBe(200);
    expect(String(r.headers['content-type'])).toContain('text/html');
    expect(csp(r.headers)).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp(r.headers)).toContain("script-src 'self';");
    expect(relaxForApiDocs("style-src 'self'; img-src 'self'")).toBe(
      "style-src 'self' 'unsafe-inline'; img-src 'self'",
    );
  });

  it('takes the tile origin from the configured template, and none when there is none', () => {
    expect(tileOrigin('https://t{s}.tianditu.gov.cn/vec_w/wmts?x={x}&y={y}&l={z}')).toBe('https://*.tianditu.gov.cn');
    expect(tileOrigin('http://10.1.2.3:8080/tiles/{z}/{x}/{y}.png')).toBe('http://10.1.2.3:8080');
    expect(tileOrigin('')).toBeNull();
    expect(cspDirectives('')['img-src']).toEqual(["'self'", 'data:', 'blob:']);
  });
});

import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The CSP source of a tile URL template: `https://t.example.com/{z}/{x}/{y}.png` → `https://t.example.com`,
 * and a subdomain placeholder (`https://t{s}.example.com/...`) → `https://*.example.com`; null if none.
 */
export function tileOrigin(tileUrl: string): string | null {
  if (!tileUrl) return null;
  try {
    const url = new URL(tileUrl.replace(/\{[a-z]+\}/gi, 'fqslot'));
    const [first, ...rest] = url.hostname.split('.');
    if (first?.includes('fqslot') && rest.length >= 2)
      return `${url.protocol}//*.${rest.join('.')}${url.port ? `:${url.port}` : ''}`;
    return url.hostname.includes('fqslot') ? null : url.origin;
  } catch {
    return null;
  }
}

/**
 * The Content-Security-Policy of the web app. Scripts only from the app's own origin, never inline;
 * MapLibre runs its worker from the app's origin or a blob:, draws tiles it fetched as blob: images,
 * and fetches them from the configured base map. React and ECharts set `style` attributes, so inline
 * style attributes are allowed, but not inline <style> elements.
 */
export function cspDirectives(tileUrls: string | string[]): Record<string, string[] | null> {
  // Only the configured base map's hosts (Tianditu's t0 … t7, or one deployment host), and none without a base map.
  const list = typeof tileUrls === 'string' ? [tileUrls] : tileUrls;
  const tiles = [...new Set(list.map(tileOrigin).filter((o): o is string => o !== null))];
  const withTiles = (...sources: string[]) => [...sources, ...tiles];
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    'style-src-attr': ["'unsafe-inline'"],
    'img-src': withTiles("'self'", 'data:', 'blob:'),
    'connect-src': withTiles("'self'"),
    'worker-src': ["'self'", 'blob:'],
    'child-src': ["'self'", 'blob:'],
    'font-src': ["'self'", 'data:'],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    // Many deployments serve plain HTTP inside a government network: do not rewrite requests to HTTPS.
    'upgrade-insecure-requests': null,
  };
}

/** The Swagger UI at /api/docs sets inline styles from its bundle: its pages relax style-src only. */
export function relaxForApiDocs(header: string): string {
  return header.replace(/style-src 'self'(;|$)/, "style-src 'self' 'unsafe-inline'$1");
}

/**
 * Security headers on every answer (pages, API, files) through @fastify/helmet: the CSP above,
 * nosniff, frames denied, referrer sent to the same origin only, cross-origin isolation of the
 * window and of resources.
 */
export async function registerSecurityHeaders(app: FastifyInstance, tileUrls: string[]): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(tileUrls) },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
}

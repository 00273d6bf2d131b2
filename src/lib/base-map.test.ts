import { describe, expect, it } from 'vitest';
import { cspDirectives } from '../http/security-headers.js';
import { baseMapStyleParts } from '../kernel/base-map-style.js';
import { TIANDITU_ATTRIBUTION, tiandituUrls } from './base-map.js';
import { loadConfig } from './config.js';

describe('base map configuration', () => {
  it('builds the Tianditu WMTS web-Mercator URLs with the key, and its annotation layer', () => {
    const c = loadConfig({ TIANDITU_KEY: 'abc123', TIANDITU_LAYER: 'img' });
    expect(c.baseMap.coords).toBe('wgs84');
    expect(c.baseMap.attribution).toBe(TIANDITU_ATTRIBUTION);
    expect(c.baseMap.tiles).toHaveLength(8);
    expect(c.baseMap.tiles[3]).toBe(
      'https://t3.tianditu.gov.cn/img_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=img&STYLE=default' +
        '&TILEMATRIXSET=w&FORMAT=tiles&tk=abc123&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}',
    );
    expect(c.baseMap.overlayTiles[0]).toMatch(/^https:\/\/t0\.tianditu\.gov\.cn\/cia_w\/wmts\?.*LAYER=cia.*tk=abc123/);
    expect(loadConfig({ TIANDITU_KEY: 'abc123' }).baseMap.overlayTiles[7]).toMatch(
      /^https:\/\/t7\.tianditu\.gov\.cn\/cva_w\//,
    );
  });

  it('refuses a key with a deployment template, or a key that is not one', () => {
    expect(() => loadConfig({ TIANDITU_KEY: 'abc', BASE_MAP_TILE_URL: 'https://x.example/{z}/{x}/{y}.png' })).toThrow(
      /TIANDITU_KEY/,
    );
    expect(() => loadConfig({ TIANDITU_KEY: 'abc&tk=x' })).toThrow(/TIANDITU_KEY/);
  });

  it('puts the Tianditu hosts in the CSP and the style only when configured', () => {
    const on = loadConfig({ TIANDITU_KEY: 'abc123' }).baseMap;
    const csp = cspDirectives([...on.tiles, ...on.overlayTiles]);
    expect(csp['img-src']).toEqual([
      "'self'",
      'data:',
      'blob:',
      ...[0, 1, 2, 3, 4, 5, 6, 7].map((h) => `https://t${h}.tianditu.gov.cn`),
    ]);
    const style = baseMapStyleParts(on);
    expect(style.sources.base?.tiles).toEqual(tiandituUrls('vec', 'abc123'));
    expect(style.sources.baseLabels?.tiles).toEqual(tiandituUrls('cva', 'abc123'));
    expect(style.layers.map((l) => l.id)).toEqual(['base', 'base-labels']);

    const off = loadConfig({}).baseMap;
    expect(off.tiles).toEqual([]);
    expect(cspDirectives([...off.tiles, ...off.overlayTiles])['connect-src']).toEqual(["'self'"]);
    expect(baseMapStyleParts(off)).toEqual({ sources: {}, layers: [] });
    expect(JSON.stringify(baseMapStyleParts(off))).not.toMatch(/https?:/);
  });
});

import fs from 'node:fs';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/lib/clock.js';
import { loadConfig } from '../../src/lib/config.js';
import { PersonalDataCipher } from '../../src/lib/personal-data.js';
import { AuditService } from '../../src/modules/audit/audit.service.js';
import { seedDemoEvents } from '../../src/seed/demo-events.js';
import { backend } from '../helpers/harness.js';
import { SEED_TIME, TEST_AUDIT_KEY, TEST_MASTER_KEY } from '../helpers/test-env.js';
import { clickNav, login, startBrowserSession } from './browser.js';

/** The part of the MapLibre map the page exposes as window.fqMap that these tests use. */
interface FqMap {
  once(event: string, cb: () => void): void;
  jumpTo(o: { center: [number, number]; zoom: number }): void;
  fitBounds(b: [[number, number], [number, number]], o: { padding: number; duration: number }): void;
  getZoom(): number;
  triggerRepaint(): void;
  easeTo(o: { center: [number, number]; zoom: number; duration: number }): void;
  queryRenderedFeatures(o: { layers: string[] }): Array<{ geometry: unknown; properties: Record<string, unknown> }>;
  project(ll: [number, number]): { x: number; y: number };
}
declare global {
  interface Window {
    fqMap?: FqMap;
  }
}

interface Rendered {
  n: number;
  code: string | null;
  id: string | null;
  x: number;
  y: number;
}

/** What went wrong in the page, so that a failed wait says why and not only that it waited. */
const pageErrors = new WeakMap<Page, string[]>();
function watchErrors(page: Page) {
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return page;
}

/**
 * Content-Security-Policy violations in a page (issue #14 item 11): Chromium's console lines ("Refused to …") and
 * the document's securitypolicyviolation events, recorded from before the app's first script runs.
 */
const cspViolations = new WeakMap<Page, string[]>();
async function watchCsp(page: Page) {
  const seen: string[] = [];
  cspViolations.set(page, seen);
  page.on('console', (m) => /Refused to|Content Security Policy/i.test(m.text()) && seen.push(m.text()));
  await page.exposeFunction('fqCspViolation', (v: string) => seen.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { fqCspViolation(v: string): void }).fqCspViolation(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
      ),
    );
  });
  return page;
}

/** Moves the map and waits until every tile is drawn. */
async function go(page: Page, move: string) {
  // Polled on a timer, not on animation frames: with every event of the city in view, software WebGL can hold a frame
  // for seconds on a busy machine.
  await page
    .waitForFunction(
      () => window.fqMap !== undefined && document.querySelector('.sentiment-map[data-map-loaded=true]') !== null,
      undefined,
      { polling: 100, timeout: 30_000 },
    )
    .catch((e: Error) => {
      throw new Error(
        `no loaded map at ${page.url()}: ${e.message}; page errors: ${JSON.stringify(pageErrors.get(page) ?? [])}`,
      );
    });
  await page.evaluate(async (m) => {
    const map = window.fqMap!;
    const idle = new Promise<void>((r) => map.once('idle', () => r()));
    const [lng, lat, zoom, bbox] = JSON.parse(m) as [
      number,
      number,
      number,
      [number, number, number, number] | undefined,
    ];
    // A grid is shown whole (fitted to the view), but never above the zoom where events become points.
    if (bbox)
      map.fitBounds(
        [
          [bbox[0], bbox[1]],
          [bbox[2], bbox[3]],
        ],
        { padding: 80, duration: 0 },
      );
    if (!bbox || map.getZoom() < zoom) map.jumpTo({ center: [lng, lat], zoom });
    // A move to where the map already is renders nothing, and 'idle' comes only after a render.
    map.triggerRepaint();
    await idle;
  }, move);
  await page.waitForTimeout(300);
}

/** Event features drawn on screen, with their pixel position. */
const rendered = (page: Page, layer: string) =>
  page.evaluate((l) => {
    const map = window.fqMap!;
    return map.queryRenderedFeatures({ layers: [l] }).map((f) => {
      const [lng, lat] = (f.geometry as unknown as { coordinates: [number, number] }).coordinates;
      const p = map.project([lng, lat]);
      return {
        n: Number(f.properties.n),
        code: (f.properties.code as string) ?? null,
        id: (f.properties.id as string) ?? null,
        x: p.x,
        y: p.y,
      };
    });
  }, layer) as Promise<Rendered[]>;

describe(`browser: the sentiment map from the city down to one grid (${backend})`, () => {
  let s: Awaited<ReturnType<typeof startBrowserSession>>;
  beforeAll(async () => {
    s = await startBrowserSession();
    const clock = new ManualClock(SEED_TIME);
    await seedDemoEvents(
      s.t.runtime.database.db,
      { clock, cipher: new PersonalDataCipher(TEST_MASTER_KEY), audit: new AuditService(clock, TEST_AUDIT_KEY) },
      loadConfig({}).demoSeed,
    );
    // As the server's roll-up job would within seconds: the map's cells take in the new events.
    await s.t.runtime.rollup();
  }, 240_000);
  afterAll(() => s?.close());

  it('demo-city zooms city → county → township → village → grid, clusters then points, and a click opens an event', async () => {
    const db = s.t.runtime.database.db;
    // The busiest grid of 甘州区 and its ancestors' centres.
    const grid = (
      await sql<{
        grid_code: string;
      }>`select grid_code from event where grid_code like '620702%' group by 1 order by count(*) desc limit 1`.execute(
        db,
      )
    ).rows[0]!.grid_code;
    const centres = (
      await sql<{ code: string; name: string; lng: number; lat: number; bbox: string }>`
      select code, name, center_lng as lng, center_lat as lat, bbox::text as bbox from area where code in (${sql.join([grid.slice(0, 6), grid.slice(0, 9), grid.slice(0, 12), grid])}) order by length(code)`.execute(
        db,
      )
    ).rows;
    const page = await watchCsp(watchErrors(await s.browser.newPage({ viewport: { width: 1440, height: 900 } })));
    await login(page, s.base, 'demo-city');
    await page.waitForURL(`${s.base}/areas/620700`);
    // The pages are served under a strict Content-Security-Policy; the map (its worker, tiles, canvas) must live with it.
    expect((await page.request.get(`${s.base}/map`)).headers()['content-security-policy']).toContain(
      "script-src 'self'",
    );
    await clickNav(page, '民情地图');
    await page.waitForSelector('.sentiment-map[data-map-loaded=true]');

    await go(page, JSON.stringify([100.1, 38.95, 7]));
    const city = await rendered(page, 'events-cluster');
    // Zoomed out: one cluster per county, each standing for many events, none a single point.
    expect(city.length).toBeGreaterThan(1);
    expect(city.every((c) => c.n > 1 && c.code?.length === 6)).toBe(true);
    expect(await rendered(page, 'events-point')).toHaveLength(0);
    await expect.poll(() => page.locator('[data-testid=map-legend] .row').count()).toBeGreaterThan(1);
    await s.shot(page, 'map-1-city');

    const steps: Array<[string, number, number]> = [
      ['county', 9, 9],
      ['township', 11, 12],
      ['village', 13, 15],
      ['grid', 15, 15],
    ];
    for (const [i, [name, zoom, codeLength]] of steps.entries()) {
      const c = centres[Math.min(i, 3)]!;
      // Postgres box text: (east,north),(west,south).
      const [e, n, w, so] = c.bbox.replace(/[()]/g, '').split(',').map(Number) as [number, number, number, number];
      await go(page, JSON.stringify([c.lng, c.lat, zoom, name === 'grid' ? [w, so, e, n] : undefined]));
      await expect.poll(() => page.textContent('[data-testid=map-crumbs]')).toContain(centres[Math.min(i, 3)]!.name);
      if (name !== 'grid') {
        const clusters = await rendered(page, 'events-cluster');
        expect(clusters.length).toBeGreaterThan(0);
        expect(clusters.every((k) => k.code?.length === codeLength)).toBe(true);
      }
      await s.shot(page, `map-${i + 2}-${name}`);
    }

    // Grid level: individual events are points with their id; the breadcrumb reaches the grid.
    const points = (await rendered(page, 'events-point')).filter(
      (p) => p.id && p.x > 20 && p.y > 20 && p.x < 1100 && p.y < 780,
    );
    expect(points.length).toBeGreaterThan(0);
    expect(await page.textContent('[data-testid=map-crumbs]')).toContain(centres[3]!.name);
    const box = (await page.locator('.sentiment-map canvas').boundingBox())!;
    await page.mouse.move(box.x + points[0]!.x, box.y + points[0]!.y);
    await page.waitForSelector('.map-tip');
    await page.mouse.click(box.x + points[0]!.x, box.y + points[0]!.y);
    await page.waitForURL(`${s.base}/events/${points[0]!.id}`);
    await s.shot(page, 'map-7-event-opened');
    expect(cspViolations.get(page), 'CSP violations').toEqual([]);
    await page.close();
  });

  it('stays responsive panning and zooming with every event of the city in view (frame times)', async () => {
    const page = watchErrors(await s.browser.newPage({ viewport: { width: 1440, height: 900 } }));
    await login(page, s.base, 'demo-city');
    await page.waitForURL(`${s.base}/areas/620700`);
    await page.goto(`${s.base}/map`);
    await page.waitForSelector('.sentiment-map[data-map-loaded=true]');
    await go(page, JSON.stringify([100.1, 38.95, 8]));
    await page.check('input[name=layer-heat]');
    await page.uncheck('input[name=layer-heat]');
    const frames = await page.evaluate(async () => {
      const map = window.fqMap!;
      const deltas: number[] = [];
      let last = performance.now();
      let running = true;
      const tick = (t: number) => {
        deltas.push(t - last);
        last = t;
        if (running) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      for (let i = 0; i < 6; i++) {
        map.easeTo({ center: [99.6 + i * 0.2, 38.7 + (i % 2) * 0.4], zoom: 7.5 + (i % 3), duration: 500 });
        await new Promise((r) => setTimeout(r, 550));
      }
      running = false;
      return deltas.slice(2).sort((a, b) => a - b);
    });
    const p = (q: number) => frames[Math.min(frames.length - 1, Math.floor(q * frames.length))]!;
    const result = {
      frames: frames.length,
      p50: Math.round(p(0.5)),
      p95: Math.round(p(0.95)),
      max: Math.round(frames[frames.length - 1]!),
    };
    fs.mkdirSync('.tmp', { recursive: true });
    fs.writeFileSync('.tmp/map-frames.json', JSON.stringify(result));
    console.log('map frame times (ms, software WebGL in headless Chromium):', result);
    expect(result.frames).toBeGreaterThan(3);
    // What keeps the browser responsive: with every event of the city in view it holds a few dozen cluster features, not the events.
    const drawn = await rendered(page, 'events-cluster');
    expect(drawn.length).toBeLessThan(200);
    expect(drawn.reduce((sum, f) => sum + f.n, 0)).toBeGreaterThan(1000);
    await s.shot(page, 'map-8-after-pan');
    await page.close();
  });
});

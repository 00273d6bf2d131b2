import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../helpers/harness.js';
import { clickNav, login, startBrowserSession } from './browser.js';

/** The part of the page's MapLibre map (window.fqMap) these tests read. */
interface Lens {
  getZoom(): number;
  getBounds(): { getWest(): number; getSouth(): number; getEast(): number; getNorth(): number };
  queryRenderedFeatures(o: { layers: string[] }): Array<{ properties: Record<string, unknown> }>;
  once(event: string, cb: () => void): void;
  jumpTo(o: { center: [number, number]; zoom: number }): void;
  triggerRepaint(): void;
}

const COUNTIES = ['甘州区', '临泽县', '高台县', '山丹县', '民乐县', '肃南裕固族自治县'];

/** Postgres box text "(east,north),(west,south)" → [west, south, east, north]. */
const box = (text: string) => {
  const [e, n, w, s] = text.replace(/[()]/g, '').split(',').map(Number) as [number, number, number, number];
  return [w, s, e, n] as const;
};

/** The names drawn on the area-label layer right now. */
const labels = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { fqMap?: Lens }).fqMap
        ?.queryRenderedFeatures({ layers: ['area-labels'] })
        .map((f) => String(f.properties.name)) ?? [],
  );

/** Script errors and console errors of a page: a map whose worker failed to load draws nothing and says so only here. */
function watchErrors(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return errors;
}

/** Every request of a page that goes anywhere but the app's own server: there must be none (offline labels). */
function watchOutside(page: Page, base: string) {
  const outside: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(base) && !url.startsWith('data:') && !url.startsWith('blob:')) outside.push(url);
  });
  return outside;
}

describe(`browser: maps people can read on the real geography (${backend})`, () => {
  let s: Awaited<ReturnType<typeof startBrowserSession>>;
  const db = () => s.t.runtime.database.db;
  const area = async (code: string) =>
    (
      await sql<{ code: string; name: string; bbox: string; lng: number; lat: number; version: number }>`
        select code, name, bbox::text as bbox, center_lng as lng, center_lat as lat, version from area where code = ${code}`.execute(
        db(),
      )
    ).rows[0]!;

  beforeAll(async () => {
    s = await startBrowserSession();
    // A few events in one township, so the city view has a cluster whose count must be drawn.
    const token = await s.t.login('demo-city');
    const town = await area('620724102');
    for (let i = 0; i < 3; i++) {
      const r = await s.t.api('POST', '/api/events', {
        token,
        body: { categoryCode: '0301', description: `路灯不亮 ${i}`, location: { lng: town.lng, lat: town.lat } },
      });
      expect(r.status).toBe(201);
    }
    await s.t.runtime.rollup();
  }, 180_000);
  afterAll(() => s?.close());

  it('the city administrator sees the six counties named and counted, then finds 南华镇 and a village by name', async () => {
    const page = await s.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const outside = watchOutside(page, s.base);
    const errors = watchErrors(page);
    await login(page, s.base, 'demo-city');
    await page.waitForURL(`${s.base}/areas/620700`);
    await clickNav(page, '民情地图');
    await page.waitForSelector('.sentiment-map[data-map-loaded=true]');
    // The map opens on the city and names its six counties, drawn from local fonts.
    await expect.poll(async () => new Set(await labels(page)), { timeout: 30_000 }).toEqual(new Set(COUNTIES));
    // The event tiles may draw after the area labels: wait for the count of the three reports.
    const counts = () =>
      page.evaluate(() =>
        (window as unknown as { fqMap: Lens }).fqMap
          .queryRenderedFeatures({ layers: ['events-count'] })
          .map((f) => Number(f.properties.n)),
      );
    await expect.poll(async () => (await counts()).some((n) => n >= 3)).toBe(true);
    await s.shot(page, 'real-1-city-labels');

    // 南华镇 at township zoom: its name is on the map.
    const town = await area('620724102');
    await page.evaluate(
      ([lng, lat]) =>
        new Promise<void>((resolve) => {
          const map = (window as unknown as { fqMap: Lens }).fqMap;
          map.once('idle', () => resolve());
          map.jumpTo({ center: [lng, lat], zoom: 10 });
          map.triggerRepaint();
        }),
      [town.lng, town.lat] as const,
    );
    await expect.poll(() => labels(page), { timeout: 20_000 }).toContain(town.name);
    await s.shot(page, 'real-2-township-labels');

    // By name through the area tree: 高台县 → 南华镇 → one of its villages.
    await page.goto(`${s.base}/areas/620724`);
    await page.click(`table.children a:text-is("${town.name}")`);
    await page.waitForURL(`${s.base}/areas/620724102`);
    const village = (
      await sql<{ code: string; name: string }>`
        select code, name from area where parent_code = '620724102' and status = 'active' order by code limit 1`.execute(
        db(),
      )
    ).rows[0]!;
    await page.click(`table.children a:text-is("${village.name}")`);
    await page.waitForURL(`${s.base}/areas/${village.code}`);
    await expect.poll(() => page.textContent('h1')).toBe(village.name);
    await page.waitForSelector('.map[data-map-ready=true]');
    await s.shot(page, 'real-3-village');
    expect(outside, 'requests that left the machine').toEqual([]);
    expect(errors, 'page errors').toEqual([]);
    await page.close();
  });

  it("the grid worker's phone map opens on their own grid at street level", async () => {
    const page = await s.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const errors = watchErrors(page);
    await login(page, s.base, 'demo-grid');
    await page.waitForURL(/\/areas\//);
    const grid = await area(
      (await sql<{ scope_code: string }>`select scope_code from app_user where username = 'demo-grid'`.execute(db()))
        .rows[0]!.scope_code,
    );
    await page.goto(`${s.base}/map`);
    await page.waitForSelector('.sentiment-map[data-map-loaded=true]');
    const [w, so, e, n] = box(grid.bbox);
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const map = (window as unknown as { fqMap: Lens }).fqMap;
            const b = map.getBounds();
            return { zoom: map.getZoom(), b: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] };
          }),
        { timeout: 20_000 },
      )
      .toSatisfy((v: { zoom: number; b: number[] }) => {
        const [bw, bs, be, bn] = v.b as [number, number, number, number];
        return v.zoom >= 13 && bw <= w && bs <= so && be >= e && bn >= n;
      });
    await expect.poll(() => labels(page), { timeout: 20_000 }).toContain(grid.name);
    await s.shot(page, 'real-4-grid-worker-phone');
    expect(errors, 'page errors').toEqual([]);
    await page.close();
  });

  it('an administrator redraws a grid on the area map, and sees the server refuse a stale save', async () => {
    const code = (
      await sql<{ code: string }>`
        select code from area where level = 'grid' and status = 'active' and code like '620724102%' order by code limit 1`.execute(
        db(),
      )
    ).rows[0]!.code;
    const before = await area(code);
    const page = await s.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(page, s.base, 'demo-city');
    await page.waitForURL(`${s.base}/areas/620700`);
    await page.goto(`${s.base}/areas/${code}`);
    await page.waitForSelector('.map[data-map-ready=true]');
    await page.click('button.map-edit');
    await page.waitForSelector('[data-testid=boundary-editor]');
    const canvas = (await page.locator('.map-wrap canvas').boundingBox())!;
    // Where the editor drew its vertices and edge midpoints, in screen pixels.
    const handles = (layer: string) =>
      page.evaluate((l) => {
        const map = (
          window as unknown as { fqAreaMap: Lens & { project(p: [number, number]): { x: number; y: number } } }
        ).fqAreaMap;
        return map.queryRenderedFeatures({ layers: [l] }).map((f) => {
          const g = (f as unknown as { geometry: { coordinates: [number, number] } }).geometry.coordinates;
          return map.project(g);
        });
      }, layer);
    // Positions and rings of the stored boundary, a polygon or a multipolygon (closing positions included).
    const shape = async () => {
      const g = (await sql<{ b: string }>`select boundary::text as b from area where code = ${code}`.execute(db()))
        .rows[0]!.b;
      const { type, coordinates } = JSON.parse(g) as { type: string; coordinates: unknown };
      const rings = (type === 'Polygon' ? [coordinates] : coordinates) as number[][][][];
      return { positions: rings.flat().reduce((n, r) => n + r.length, 0), rings: rings.flat().length };
    };
    const stored = await shape();
    const v = (await handles('edit-vertex'))[0]!;
    await page.mouse.move(canvas.x + v.x, canvas.y + v.y);
    await page.mouse.down();
    await page.mouse.move(canvas.x + v.x + 12, canvas.y + v.y + 8, { steps: 4 });
    await page.mouse.up();
    await page.waitForTimeout(100);
    const m = (await handles('edit-mid'))[0]!;
    await page.mouse.click(canvas.x + m.x, canvas.y + m.y);
    // One handle per vertex (rings drawn open), one more after the insert.
    await expect.poll(async () => (await handles('edit-vertex')).length).toBe(stored.positions - stored.rings + 1);
    await page.fill('[data-testid=boundary-editor] input[name=reason]', '按村委会意见调整网格边界');
    await page.click('[data-testid=boundary-editor] button.primary');
    await page.waitForSelector('[data-testid=boundary-saved]');
    const after = await area(code);
    expect(after.version).toBe(before.version + 1);
    // One position more than before.
    expect((await shape()).positions).toBe(stored.positions + 1);
    const audit = (
      await sql<{ reason: string }>`
        select reason from audit_log where entity_id = ${code} and action = 'area.redraw' order by id desc limit 1`.execute(
        db(),
      )
    ).rows[0];
    expect(audit?.reason).toBe('按村委会意见调整网格边界');
    await s.shot(page, 'real-5-grid-redrawn');

    // Someone else renames the grid meanwhile: saving against the old version is refused, and the page says so.
    await page.click('button.map-edit');
    await page.waitForSelector('[data-testid=boundary-editor]');
    const token = await s.t.login('demo-city');
    expect(
      (await s.t.api('PATCH', `/api/areas/${code}`, { token, body: { name: `${after.name}(调整)` } })).status,
    ).toBe(200);
    await page.click('[data-testid=boundary-editor] button.primary');
    await expect.poll(() => page.textContent('[data-testid=boundary-error]')).toMatch(/\S/);
    await s.shot(page, 'real-6-stale-refused');
    await page.close();
  });

  it('a resident finds their village by name on the public report page, and the map goes there', async () => {
    const village = (
      await sql<{ code: string; name: string; lng: number; lat: number }>`
        select code, name, center_lng as lng, center_lat as lat from area
        where parent_code = '620724102' and status = 'active' order by code desc limit 1`.execute(db())
    ).rows[0]!;
    const page = await s.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const errors = watchErrors(page);
    const outside = watchOutside(page, s.base);
    await page.goto(`${s.base}/report`);
    await page.fill('input[name=place]', village.name);
    await page.click(`.place-results button[data-code="${village.code}"]`);
    await expect.poll(() => page.textContent('[data-testid=place-chosen]')).toContain(village.name);
    await expect.poll(() => page.textContent('.point-map .map-note')).toContain(village.lng.toFixed(5));
    // The map moved there: the grid outlines it asked for are those around the village.
    await expect
      .poll(() => page.getAttribute('[data-testid=point-map]', 'data-outline-bbox'), { timeout: 20_000 })
      .toSatisfy((b: string | null) => {
        if (!b) return false;
        const [w, so, e, n] = b.split(',').map(Number) as [number, number, number, number];
        return w < village.lng && village.lng < e && so < village.lat && village.lat < n;
      });
    await expect.poll(() => page.getAttribute('[data-testid=point-map]', 'data-outlines')).not.toBe('0');
    await page.waitForTimeout(300);
    await s.shot(page, 'real-7-report-place');
    expect(errors, 'page errors').toEqual([]);
    expect(outside, 'requests that left the machine').toEqual([]);
    await page.close();
  });
});

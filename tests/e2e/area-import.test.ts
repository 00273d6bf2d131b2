import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { square } from '../helpers/factories.js';
import { backend } from '../helpers/harness.js';
import { clickNav, login, startBrowserSession } from './browser.js';

/** A county code no demo uses (the demo city is 620700; test counties take 6207xx from 30 up). */
const [COUNTY, TOWN, VILLAGE] = ['620798', '620798101', '620798101201'];
const CSV = `代码,名称,上级代码\n${COUNTY},导入测试县,620700\n${TOWN},导入测试镇,${COUNTY}\n${VILLAGE},导入测试村,${TOWN}\n`;
const boundaries = (closed: boolean) => {
  const ring = square(90.5, 30, 90.6, 30.1);
  const feature = (code: string, coordinates: number[][]) => ({
    type: 'Feature',
    properties: { code },
    geometry: { type: 'Polygon', coordinates: [coordinates] },
  });
  return Buffer.from(
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        feature(COUNTY, ring),
        feature(TOWN, ring),
        // The one problem: the village's ring does not end where it starts.
        feature(VILLAGE, closed ? ring : ring.slice(0, 4)),
      ],
    }),
  );
};

describe(`browser: an administrator imports an area tree and its boundaries (${backend})`, () => {
  let s: Awaited<ReturnType<typeof startBrowserSession>>;
  beforeAll(async () => {
    s = await startBrowserSession();
  });
  afterAll(() => s?.close());

  it('uploads a CSV and GeoJSON, sees the unclosed ring, fixes it and applies', async () => {
    const page = await s.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await login(page, s.base, 'demo-city');
    await page.waitForURL(`${s.base}/areas/620700`);
    await clickNav(page, '区划导入');
    await page.waitForURL(`${s.base}/admin/area-import`);
    await page.setInputFiles('input[aria-label=区划表]', {
      name: '区划.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV),
    });
    await page.setInputFiles('input[aria-label="边界文件(可选)"]', {
      name: '边界.geojson',
      mimeType: 'application/geo+json',
      buffer: boundaries(false),
    });
    await page.click('button:has-text("试运行")');
    const report = page.locator('[data-testid=area-import-report]');
    await report.waitFor();
    await expect.poll(() => report.locator('[data-count=errors]').textContent()).toBe('1');
    const row = report.locator('tr', { hasText: 'ring_not_closed' });
    expect(await row.textContent()).toContain('第 3 个要素');
    expect(await row.textContent()).toContain(VILLAGE);
    expect(await row.textContent()).toContain('多边形的环未闭合');
    expect(await page.isDisabled('button:has-text("应用")')).toBe(true);
    await s.shot(page, 'area-import-report');

    // The fixed file: no errors, 应用 becomes possible.
    await page.setInputFiles('input[aria-label="边界文件(可选)"]', {
      name: '边界.geojson',
      mimeType: 'application/geo+json',
      buffer: boundaries(true),
    });
    await page.click('button:has-text("试运行")');
    await expect.poll(() => report.locator('[data-count=errors]').textContent()).toBe('0');
    expect(await report.locator('[data-count=create]').textContent()).toBe('3');
    await page.click('button:has-text("应用")');
    await expect.poll(() => report.locator('p').first().textContent()).toBe('已应用');
    await s.shot(page, 'area-import-applied');

    await page.goto(`${s.base}/areas/${TOWN}`);
    await expect.poll(() => page.textContent('.page-head h1')).toBe('导入测试镇');
    expect(await page.textContent('.table.children')).toContain('导入测试村');
    await s.shot(page, 'area-import-town');
    await page.close();
  });
});
